//! Services own every rule and every transaction. Server functions (in this crate) and REST
//! handlers (in `server`) are thin callers of the functions here, so a rule enforced for one
//! is enforced for the other.

pub mod accounts;
pub mod analytics;
pub mod approvals;
pub mod audit;
pub mod authz;
pub mod availability;
pub mod booking;
mod cache;
pub mod calendar;
pub mod catalog;
pub mod catalog_csv;
pub mod client;
pub mod credentials;
pub mod groups;
pub mod live;
pub mod lockout;
pub mod mfa;
pub mod notifications;
pub mod quotas;
pub mod recurring;
pub mod reservations;
pub mod roles;
pub mod rules;
mod secrets;
mod settings;
pub mod users;
pub mod waitlist;
pub mod webhooks;
pub(crate) mod writer;

pub use settings::AuthSettings;

use sea_orm::{DatabaseConnection, DbErr};

use crate::domain::availability::{Interval, Violation};
use crate::domain::password::PasswordRule;

/// The message of the SQLite trigger that refuses overlapping blocking reservations
/// (migration 000006).
const OVERLAP_GUARD: &str = "reservation_overlap";

/// What a service call can fail with; each edge maps it to its own wire format.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    InvalidInput(String),
    #[error("the password {}", .0.iter().map(|r| r.describe()).collect::<Vec<_>>().join(", "))]
    WeakPassword(Vec<PasswordRule>),
    /// Missing, wrong, expired or revoked credentials; the code tells clients which case
    /// they can act on (`mfa_required`).
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("you do not have permission to do that")]
    Forbidden,
    #[error("{0}")]
    Conflict(String),
    /// The slot is taken: the intervals of the bookings in the way (empty when the database
    /// refused the write and they are yet to be read).
    #[error("the time is already booked{}", describe_conflicts(.0))]
    SlotTaken(Vec<Interval>),
    /// A booking rule refused the request.
    #[error("{}", .0.iter().map(Violation::describe).collect::<Vec<_>>().join("; "))]
    Refused(Vec<Violation>),
    /// No occurrence of a series was booked: those listed could not be (all of them, or,
    /// with `on_conflict: fail`, each that failed among the others).
    #[error("the series cannot be booked: {}", .0.iter().map(|s| format!("{} ({})", utc_text(s.start_time), s.reason)).collect::<Vec<_>>().join(", "))]
    SeriesRefused(Vec<crate::reservations::SkippedOccurrence>),
    /// A write lost a race the database reported as retryable (a serialization failure or a
    /// deadlock on PostgreSQL, a lock wait that timed out on SQLite).
    #[error("the database is busy; try again")]
    Busy,
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u64 },
    #[error("the database is unavailable")]
    Unavailable,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        ServiceError::Unauthorized {
            code: "unauthorized",
            detail: detail.into(),
        }
    }
}

fn describe_conflicts(conflicts: &[Interval]) -> String {
    if conflicts.is_empty() {
        return String::new();
    }
    let list: Vec<String> = conflicts
        .iter()
        .map(|c| format!("{} to {}", utc_text(c.start), utc_text(c.end)))
        .collect();
    format!(": {}", list.join(", "))
}

/// A time as the API writes it: RFC 3339 in UTC with `Z`, to the second.
pub(crate) fn utc_text(time: chrono::DateTime<chrono::Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The SQLSTATE (PostgreSQL) or extended result code (SQLite) of a failed statement.
fn database_code(error: &DbErr) -> Option<String> {
    use sea_orm::RuntimeErr;
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sea_orm::sqlx::Error::Database(e) => e.code().map(|c| c.into_owned()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether the connection itself failed (closed, reset, its worker gone).
fn connection_lost(error: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error;
    match error {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            matches!(
                e.as_ref(),
                Error::Io(_) | Error::PoolClosed | Error::PoolTimedOut | Error::WorkerCrashed
            )
        }
        _ => false,
    }
}

impl From<DbErr> for ServiceError {
    fn from(error: DbErr) -> Self {
        let code = database_code(&error);
        // The exclusion constraint (PostgreSQL) or the overlap trigger (SQLite) refused a
        // blocking reservation: someone else booked the time first.
        if code.as_deref() == Some("23P01") || error.to_string().contains(OVERLAP_GUARD) {
            return ServiceError::SlotTaken(Vec::new());
        }
        // Serialization failure, deadlock (PostgreSQL); busy, busy after recovery (SQLite).
        if matches!(
            code.as_deref(),
            Some("40001" | "40P01" | "5" | "261" | "517")
        ) {
            return ServiceError::Busy;
        }
        // The connection broke or the server is going away (PostgreSQL: class 08, shutdown,
        // the database dropped); a pooled connection is not pinged before use, so this is
        // where a vanished server first shows.
        let gone = connection_lost(&error)
            || code.as_deref().is_some_and(|c| {
                c.starts_with("08") || matches!(c, "57P01" | "57P02" | "57P03" | "3D000")
            });
        match error {
            _ if gone => {
                tracing::warn!(%error, "database unavailable");
                ServiceError::Unavailable
            }
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

impl From<sea_orm::TransactionError<ServiceError>> for ServiceError {
    fn from(error: sea_orm::TransactionError<ServiceError>) -> Self {
        match error {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(service) => service,
        }
    }
}

/// The longest description of a role or group.
pub(crate) const SHORT_DESCRIPTION: usize = 500;

/// A free-text description: trimmed, at most `max` characters.
pub(crate) fn validate_description(description: &str, max: usize) -> Result<String, ServiceError> {
    let description = description.trim();
    if description.chars().count() > max {
        return Err(ServiceError::InvalidInput(format!(
            "description must be at most {max} characters"
        )));
    }
    Ok(description.to_owned())
}

/// A name shown to people (group, resource, type): trimmed, 1 to `max` characters, no
/// control characters.
pub(crate) fn validate_label(text: &str, what: &str, max: usize) -> Result<String, ServiceError> {
    let text = text.trim();
    if (1..=max).contains(&text.chars().count()) && !text.chars().any(char::is_control) {
        Ok(text.to_owned())
    } else {
        Err(ServiceError::InvalidInput(format!(
            "{what} must be 1 to {max} characters"
        )))
    }
}

/// A failed insert or update: a clash on a unique name becomes a 409 naming it.
pub(crate) fn name_taken(error: sea_orm::DbErr, what: &str, name: &str) -> ServiceError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            ServiceError::Conflict(format!("a {what} named {name:?} already exists"))
        }
        _ => error.into(),
    }
}

/// `text` for a `LIKE` pattern (with `ESCAPE '\\'`), its wildcards taken literally.
pub(crate) fn like_literal(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A report's rows (the header first) as CSV to open in a spreadsheet: a cell that would be
/// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, so it shows as the text it is.
pub(crate) fn csv_text<const N: usize>(rows: Vec<[String; N]>) -> Result<String, ServiceError> {
    let failed = |e: csv::Error| ServiceError::Internal(e.to_string());
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row.map(|cell| {
                if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    format!("'{cell}")
                } else {
                    cell
                }
            }))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// The database handle the host provides to server functions through Leptos context.
pub fn database() -> Result<DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database in the server-function context");
        crate::error::AppError::Internal
    })
}

/// The database and the signed-in person: what nearly every server function starts with.
pub async fn caller() -> Result<(DatabaseConnection, authz::Principal), crate::error::AppError> {
    Ok((database()?, current_principal().await?))
}

/// The signed-in person behind a server-function call, from the session cookie.
pub async fn current_principal() -> Result<authz::Principal, crate::error::AppError> {
    use leptos::prelude::use_context;
    let db = database()?;
    let settings = use_context::<AuthSettings>().unwrap_or_default();
    let parts = use_context::<http::request::Parts>().ok_or(crate::error::AppError::Internal)?;
    let secret = crate::accounts::cookie::session_secret(&parts.headers)
        .ok_or(crate::error::AppError::Unauthorized)?;
    Ok(credentials::authenticate_secret(
        &db,
        &settings,
        secret,
        &[credentials::CredentialKind::Session],
    )
    .await?)
}
