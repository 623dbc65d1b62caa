//! Kinerja's persistence: connecting, migrating, and the sea-orm entities.
//! Knows SQL and sea-orm; knows nothing of HTTP.

pub mod entities;

use kinerja_migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use std::time::Duration;

pub use sea_orm;

/// Opens a pool on `url` (`sqlite://...?mode=rwc` or `postgres://...`). SQLite files run in
/// WAL mode with foreign keys enforced.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let is_sqlite = url.starts_with("sqlite:");
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if is_sqlite {
        // One writer at a time is SQLite's model; a small pool avoids lock convoys.
        opts.max_connections(4).min_connections(1);
    } else {
        opts.max_connections(16).min_connections(1);
    }
    let db = Database::connect(opts).await?;
    if is_sqlite {
        // WAL is a property of the file, so setting it once holds for every pooled connection;
        // sqlx already enables foreign keys and a busy timeout on each connection it opens.
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Rolls back every migration (used by the up-down-up test).
pub async fn migrate_down_all(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::down(db, None).await
}

/// True when the database answers and no migration is pending.
pub async fn is_ready(db: &DatabaseConnection) -> Result<bool, DbErr> {
    db.execute_unprepared("SELECT 1").await?;
    Ok(Migrator::get_pending_migrations(db).await?.is_empty())
}
