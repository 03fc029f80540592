//! Services own every rule and every transaction. Server functions (in this crate) and REST
//! handlers (in `server`) are thin callers of the functions here, so a rule enforced for one
//! is enforced for the other.

pub mod resources;

use sea_orm::{DatabaseConnection, DbErr};

/// What a service call can fail with; each edge maps it to its own wire format.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    InvalidInput(String),
    #[error("the database is unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<DbErr> for ServiceError {
    fn from(error: DbErr) -> Self {
        match error {
            DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
                tracing::warn!(%error, "database unavailable");
                ServiceError::Unavailable
            }
            other => {
                tracing::error!(error = %other, "database error");
                ServiceError::Internal(other.to_string())
            }
        }
    }
}

/// The database handle the host provides to server functions through Leptos context.
pub fn database() -> Result<DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database in the server-function context");
        crate::error::AppError::Internal
    })
}
