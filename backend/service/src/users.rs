//! users use cases.

use crate::Services;
use crate::error::ServiceResult;

/// Creates a super_admin account (command line only).
pub async fn create_super_admin(
    _s: &Services,
    _username: &str,
    _password: &str,
) -> ServiceResult<()> {
    Err(crate::ServiceError::Internal("not written yet".into()))
}
