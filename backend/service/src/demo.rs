//! The demo agency.

use crate::Services;
use crate::error::ServiceResult;

/// Loads the demo agency; returns a printable summary.
pub async fn load(_s: &Services, _seed: u64) -> ServiceResult<String> {
    Err(crate::ServiceError::Internal(
        "demo data is not written yet".into(),
    ))
}

/// Loads the demo agency unless an agency exists already.
pub async fn load_if_empty(s: &Services, seed: u64) -> ServiceResult<Option<String>> {
    load(s, seed).await.map(Some)
}
