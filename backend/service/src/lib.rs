//! Kinerja's use cases: one function per user intention, each in one transaction, each
//! deciding authorization through [`actor::Actor`] policies and agency-scoped queries.
//! Knows the database (through kinerja-store) and the rules (kinerja-domain); not HTTP.

pub mod actor;
pub mod agencies;
pub mod api_clients;
pub mod assignments;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod continuous_feedback;
pub mod cycles;
pub mod db;
pub mod demo;
mod demo_cycles;
pub mod employees;
pub mod error;
pub mod evaluations;
pub mod external_appraisers;
pub mod feedback360;
pub mod follow_up;
pub mod me;
pub mod notifications;
pub mod objections;
pub mod org_performance;
pub mod pagination;
pub mod plans;
pub mod policies;
pub mod positions;
pub mod progress;
pub mod realizations;
pub mod reference;
pub mod security;
pub mod seed;
pub mod sweep;
pub mod units;
pub mod users;

pub use actor::{Access, Actor, Ctx, Principal};
pub use db::Db;
pub use error::{FieldError, ServiceError, ServiceResult};

use std::sync::Arc;

/// Everything a use case needs besides its input: the database and the settings.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub auth: Arc<auth::AuthConfig>,
    pub throttle: Arc<auth::Throttle>,
}

impl Services {
    pub fn new(conn: sea_orm::DatabaseConnection, auth: auth::AuthConfig) -> Self {
        Self {
            db: Db::new(conn),
            auth: Arc::new(auth),
            throttle: Arc::new(auth::Throttle::default()),
        }
    }
}

/// Opens the database and applies pending migrations.
pub async fn open_database(url: &str) -> ServiceResult<sea_orm::DatabaseConnection> {
    let conn = kinerja_store::connect(url).await?;
    kinerja_store::migrate(&conn).await?;
    Ok(conn)
}

/// Database reachable and no migration pending.
pub async fn is_ready(services: &Services) -> bool {
    kinerja_store::is_ready(services.db.conn())
        .await
        .unwrap_or(false)
}

/// Current instant truncated to microseconds, the precision both databases keep.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{DurationRound, TimeDelta};
    let now = chrono::Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

/// Optimistic concurrency: `if_match` is the version the client read (from the ETag).
pub fn check_version(if_match: Option<i32>, current: i32) -> ServiceResult<()> {
    match if_match {
        None => Err(ServiceError::PreconditionRequired),
        Some(v) if v == current => Ok(()),
        Some(_) => Err(ServiceError::PreconditionFailed { current }),
    }
}
