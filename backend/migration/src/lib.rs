//! Kinerja's schema history. Frozen: a shipped migration is never edited, only followed.
//! Migrations never import entities; they speak sea-query so the same code runs on SQLite
//! and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20260101_000001_foundation;
mod m20260201_000001_appraisal;
mod m20261201_000001_progress_counters;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_foundation::Migration),
            Box::new(m20260201_000001_appraisal::Migration),
            Box::new(m20261201_000001_progress_counters::Migration),
        ]
    }
}
