//! `/api/v1/calendar`: reservations as iCalendar files.

use app::services::calendar;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use super::ApiError;
use super::extract::{ApiPath, Caller};
use crate::http::AppState;

/// `GET /calendar/export/{id}.ics`: one reservation, as a file to open in a calendar.
pub async fn export(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let Some(id) = file.strip_suffix(".ics") else {
        return Err(ApiError::not_found("no such API endpoint"));
    };
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::validation(format!("{id:?} is not a reservation id")))?;
    let body = calendar::export(&state.db, &caller, id).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"reservation-{id}.ics\""),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
