//! `/api/v1/reservations`, `/approvals`, `/waitlist` and `/quotas`: booking, recurring series,
//! approvals and the waitlist. Every rule lives in the services; this maps HTTP onto them.

use app::pagination::{Page, PageRequest};
use app::reservations::{
    ApprovalDecision, ApprovalSettings, ApprovalSettingsUpdate, CancelAnswer, CancelRequest,
    HistoryEntry, NewQuota, NewReservation, NewSeries, NewWaitlistEntry, PendingApproval, Quota,
    Reschedule, Reservation, SeriesAnswer, WaitlistEntry,
};
use app::services::{approvals, booking, quotas, recurring, reservations, waitlist};
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller, PageParams};
use crate::http::AppState;

type ApiResult<T> = Result<T, ApiError>;

/// A body that may be left out entirely (`POST .../cancel` with no reason).
pub struct OptionalJson<T>(pub T);

impl<T, S> FromRequest<S> for OptionalJson<T>
where
    T: serde::de::DeserializeOwned + Default,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = axum::body::to_bytes(body, OPTIONAL_BODY_LIMIT)
            .await
            .map_err(|_| ApiError::bad_request("malformed_json", "the body could not be read"))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(T::default()));
        }
        let request = Request::from_parts(parts, axum::body::Body::from(bytes));
        let ApiJson(value) = ApiJson::<T>::from_request(request, state).await?;
        Ok(OptionalJson(value))
    }
}

/// The largest optional body read (a cancellation reason is a line of text).
const OPTIONAL_BODY_LIMIT: usize = 64 * 1024;

pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewReservation>,
) -> ApiResult<Response> {
    let key = match headers.get("idempotency-key") {
        Some(value) => Some(value.to_str().map_err(|_| {
            ApiError::validation("Idempotency-Key must be visible ASCII characters")
        })?),
        None => None,
    };
    let created = booking::create(&state.db, &caller, body, key).await?;
    let mut response = (StatusCode::CREATED, Json(created.reservation)).into_response();
    if created.replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

pub async fn create_series(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewSeries>,
) -> ApiResult<(StatusCode, Json<SeriesAnswer>)> {
    let answer = recurring::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

#[derive(Debug, Deserialize)]
pub struct MineParams {
    limit: Option<u64>,
    cursor: Option<String>,
    #[serde(default)]
    include_cancelled: bool,
}

pub async fn mine(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<MineParams>,
) -> ApiResult<Json<Page<Reservation>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    Ok(Json(
        reservations::list_mine(&state.db, &caller, page, params.include_cancelled).await?,
    ))
}

pub async fn get(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Reservation>> {
    Ok(Json(reservations::get(&state.db, &caller, id).await?))
}

pub async fn reschedule(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Reschedule>,
) -> ApiResult<Json<Reservation>> {
    Ok(Json(
        booking::reschedule(&state.db, &caller, &state.booking, id, body).await?,
    ))
}

pub async fn cancel(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    OptionalJson(body): OptionalJson<CancelRequest>,
) -> ApiResult<Json<CancelAnswer>> {
    Ok(Json(
        booking::cancel(&state.db, &caller, &state.booking, id, body).await?,
    ))
}

pub async fn history(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<HistoryEntry>>> {
    let page = params.page()?;
    let history = reservations::history(&state.db, &caller, id).await?;
    Ok(Json(Page::from_all(history, page)))
}

pub async fn pending_approvals(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<PendingApproval>>> {
    let page = params.page()?;
    let pending = approvals::pending(&state.db, &caller).await?;
    Ok(Json(Page::from_all(pending, page)))
}

pub async fn respond(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ApprovalDecision>,
) -> ApiResult<Json<Reservation>> {
    Ok(Json(
        approvals::respond(&state.db, &caller, &state.booking, id, body).await?,
    ))
}

pub async fn approval_settings(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ApprovalSettings>> {
    Ok(Json(approvals::settings(&state.db, &caller, id).await?))
}

pub async fn update_approval_settings(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ApprovalSettingsUpdate>,
) -> ApiResult<Json<ApprovalSettings>> {
    Ok(Json(
        approvals::update_settings(&state.db, &caller, id, body).await?,
    ))
}

pub async fn join_waitlist(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewWaitlistEntry>,
) -> ApiResult<(StatusCode, Json<WaitlistEntry>)> {
    let entry = waitlist::join(&state.db, &caller, &state.booking, body).await?;
    Ok((StatusCode::CREATED, Json(entry.joined)))
}

pub async fn my_waitlist(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<WaitlistEntry>>> {
    Ok(Json(
        waitlist::list_mine(&state.db, &caller, params.page()?).await?,
    ))
}

pub async fn leave_waitlist(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    waitlist::leave(&state.db, &caller, &state.booking, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn accept_offer(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<Reservation>)> {
    let reservation =
        waitlist::accept(&state.db, &caller, id, String::new(), String::new()).await?;
    Ok((StatusCode::CREATED, Json(reservation)))
}

pub async fn decline_offer(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<WaitlistEntry>> {
    Ok(Json(
        waitlist::decline(&state.db, &caller, &state.booking, id).await?,
    ))
}

pub async fn list_quotas(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<Quota>>> {
    let page = params.page()?;
    Ok(Json(Page::from_all(
        quotas::list(&state.db, &caller).await?,
        page,
    )))
}

pub async fn create_quota(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewQuota>,
) -> ApiResult<(StatusCode, Json<Quota>)> {
    let quota = quotas::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(quota)))
}

pub async fn delete_quota(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    quotas::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
