//! The database handle the use cases share, and write transactions that serialise on SQLite.
//!
//! SQLite allows one writer; two deferred transactions that both read and then write can
//! deadlock ("database is locked") whatever the busy timeout. Taking a process-wide write
//! lock before BEGIN makes writes queue instead. PostgreSQL needs no such lock.

use std::ops::Deref;
use std::sync::Arc;

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbBackend, TransactionTrait};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::ServiceResult;

#[derive(Clone)]
pub struct Db {
    conn: DatabaseConnection,
    write_lock: Option<Arc<Mutex<()>>>,
}

impl Db {
    pub fn new(conn: DatabaseConnection) -> Self {
        let write_lock = matches!(conn.get_database_backend(), DbBackend::Sqlite)
            .then(|| Arc::new(Mutex::new(())));
        Self { conn, write_lock }
    }

    /// For reads.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    /// Begins a write transaction; everything a use case writes goes through one, so a
    /// failure leaves nothing half-written.
    pub async fn begin_write(&self) -> ServiceResult<WriteTxn> {
        let guard = match &self.write_lock {
            Some(lock) => Some(lock.clone().lock_owned().await),
            None => None,
        };
        let txn = self.conn.begin().await?;
        Ok(WriteTxn { txn, _guard: guard })
    }
}

/// A write transaction, holding SQLite's write lock until commit or drop (which rolls back).
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl WriteTxn {
    pub async fn commit(self) -> ServiceResult<()> {
        self.txn.commit().await?;
        Ok(())
    }
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}
