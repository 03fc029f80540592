//! `/api/v1/notifications`: the caller's notifications, written in the language the request
//! asks for (`Accept-Language`, when it names one we speak) or else the one of their profile.

use app::i18n::preferred_supported;
use app::notifications::{MarkedRead, Notification};
use app::pagination::{Page, PageRequest};
use app::services::notifications;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::http::header::ACCEPT_LANGUAGE;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiPath, ApiQuery, Caller};
use crate::http::AppState;

/// `?limit=&cursor=&unread_only=`.
#[derive(Debug, Deserialize)]
pub struct ListParams {
    limit: Option<u64>,
    cursor: Option<String>,
    #[serde(default)]
    unread_only: bool,
}

/// `GET /notifications`: newest first; `total_count` counts all that match.
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page<Notification>>, ApiError> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    let locale = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(preferred_supported);
    Ok(Json(
        notifications::list(&state.db, &caller, page, params.unread_only, locale).await?,
    ))
}

/// `POST /notifications/{id}/read`.
pub async fn mark_read(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    notifications::mark_read(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /notifications/mark-all-read`.
pub async fn mark_all_read(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Json<MarkedRead>, ApiError> {
    Ok(Json(
        notifications::mark_all_read(&state.db, &caller).await?,
    ))
}
