//! `/api/v1/audit`: the audit log, filtered by who (`actor`, a username or id), what
//! (`action`, `entity_type`, `entity_id`) and when (`from`, `to`), as pages or as a whole
//! CSV or JSON file.

use app::pagination::Page;
use app::services::audit::{self, AuditEntry, AuditFilter};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiQuery, Caller, PageParams, optional_instant};
use crate::http::AppState;

/// `?actor=&action=&entity_type=&entity_id=&from=&to=`.
#[derive(Debug, Deserialize)]
pub struct FilterParams {
    actor: Option<String>,
    action: Option<String>,
    entity_type: Option<String>,
    entity_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
}

impl FilterParams {
    fn filter(self) -> Result<AuditFilter, ApiError> {
        Ok(AuditFilter {
            from: optional_instant("from", self.from.as_deref())?,
            to: optional_instant("to", self.to.as_deref())?,
            actor: self.actor,
            action: self.action,
            entity_type: self.entity_type,
            entity_id: self.entity_id,
        })
    }
}

/// `GET /audit/logs`: newest first.
pub async fn logs(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(page): ApiQuery<PageParams>,
    ApiQuery(params): ApiQuery<FilterParams>,
) -> Result<Json<Page<AuditEntry>>, ApiError> {
    let filter = params.filter()?;
    Ok(Json(
        audit::list(&state.db, &caller, &filter, page.page()?).await?,
    ))
}

/// `GET /audit/export/csv`.
pub async fn export_csv(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<FilterParams>,
) -> Result<impl IntoResponse, ApiError> {
    let entries = audit::export(&state.db, &caller, &params.filter()?).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        audit::to_csv(&entries)?,
    ))
}

/// `GET /audit/export/json`: a JSON array of the entries.
pub async fn export_json(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<FilterParams>,
) -> Result<impl IntoResponse, ApiError> {
    let entries = audit::export(&state.db, &caller, &params.filter()?).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"audit-log.json\"",
        )],
        Json(entries),
    ))
}
