//! Write transactions. On SQLite there is one writer at a time: writes made through here
//! queue in process, then begin `IMMEDIATE` (taking the write lock up front), rather than
//! wait in SQLite's busy handler, whose back-off sleeps make a busy moment slow and hold pool
//! connections while they sleep. Failures the database reports as retryable (serialization,
//! deadlock, a lock wait that timed out) are tried again a few times.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbBackend, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

use super::{ServiceError, live};

/// This process's SQLite writers queue here; other processes still wait on the lock.
static SQLITE_WRITERS: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How often a write that lost a retryable race is tried.
const MAX_ATTEMPTS: u32 = 5;

/// A write transaction: on SQLite begun `IMMEDIATE`, after this process's earlier writers.
pub(crate) struct WriteTx {
    tx: DatabaseTransaction,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.tx
    }
}

/// Runs write transactions, again when the database reports a retryable failure:
///
/// ```ignore
/// let mut writer = Writer::new(db);
/// let result = loop {
///     let tx = writer.begin().await?;
///     let outcome = async { /* work on &*tx */ }.await;
///     if let Some(done) = writer.finish(tx, outcome).await {
///         break done;
///     }
/// };
/// ```
pub(crate) struct Writer<'d> {
    db: &'d DatabaseConnection,
    attempt: u32,
}

impl<'d> Writer<'d> {
    pub(crate) fn new(db: &'d DatabaseConnection) -> Self {
        Writer { db, attempt: 1 }
    }

    pub(crate) async fn begin(&self) -> Result<WriteTx, ServiceError> {
        if self.db.get_database_backend() != DbBackend::Sqlite {
            return Ok(WriteTx {
                tx: self.db.begin().await?,
                _turn: None,
            });
        }
        let turn = SQLITE_WRITERS.lock().await;
        let tx = self
            .db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
        Ok(WriteTx {
            tx,
            _turn: Some(turn),
        })
    }

    /// Commits after success, rolls back after failure (before the next writer's turn).
    /// `None` when the failure is retryable and attempts remain: begin again.
    pub(crate) async fn finish<T>(
        &mut self,
        write: WriteTx,
        outcome: Result<T, ServiceError>,
    ) -> Option<Result<T, ServiceError>> {
        let result = match outcome {
            Ok(value) => {
                let committed = write.tx.commit().await;
                if committed.is_ok() {
                    live::committed();
                }
                committed.map(|()| value).map_err(Into::into)
            }
            Err(error) => match write.tx.rollback().await {
                Ok(()) => Err(error),
                Err(rollback) => Err(rollback.into()),
            },
        };
        match result {
            Err(ServiceError::Busy) if self.attempt < MAX_ATTEMPTS => {
                tracing::debug!(attempt = self.attempt, "write lost a retryable race; again");
                tokio::time::sleep(std::time::Duration::from_millis(
                    u64::from(self.attempt) * 3,
                ))
                .await;
                self.attempt += 1;
                None
            }
            other => Some(other),
        }
    }
}
