//! `/api/v1/calendar`: reservations as iCalendar files, one at a time or as a person's feed.

use app::services::calendar;
use axum::Json;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

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

/// The address of a calendar feed.
#[derive(Debug, Serialize)]
pub struct FeedUrl {
    url: String,
}

fn feed_url(headers: &HeaderMap, uri: &Uri, token: &str) -> FeedUrl {
    FeedUrl {
        url: calendar::feed_url(headers, uri.authority().map(|a| a.as_str()), token),
    }
}

/// `GET /calendar/subscription-url`: the secret address of the caller's feed, to paste into
/// a calendar application; the same on every call until regenerated.
pub async fn subscription_url(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Json<FeedUrl>, ApiError> {
    let token = calendar::feed_token(&state.db, &caller).await?;
    Ok(Json(feed_url(&headers, &uri, &token)))
}

/// `POST /calendar/regenerate-token`: a new feed address; the old one answers 404 from now on.
pub async fn regenerate_token(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Json<FeedUrl>, ApiError> {
    let token = calendar::regenerate_feed_token(&state.db, &caller).await?;
    Ok(Json(feed_url(&headers, &uri, &token)))
}

/// `GET /calendar/feed/{token}.ics`: the feed itself, for calendar applications, which do
/// not sign in; the token in the address is the credential.
pub async fn feed(
    State(state): State<AppState>,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let Some(token) = file.strip_suffix(".ics") else {
        return Err(ApiError::not_found("no such API endpoint"));
    };
    let body = calendar::feed(&state.db, token).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (CACHE_CONTROL, "private, no-cache"),
        ],
        body,
    )
        .into_response())
}
