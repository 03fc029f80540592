//! `/api/v1/webhooks`: addresses that are sent a signed POST for the events they subscribe
//! to, their delivery history, and a test send.

use app::pagination::Page;
use app::services::webhooks::{
    self, CreatedWebhook, Delivery, EVENTS, NewWebhook, Webhook, WebhookChange,
};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller, PageParams};
use crate::http::AppState;

/// `GET /webhooks/events`: the event names a webhook may subscribe to.
pub async fn events(Caller(_caller): Caller) -> Json<&'static [&'static str]> {
    Json(EVENTS)
}

/// `POST /webhooks`: 201 with the webhook and its signing secret (shown this once).
pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewWebhook>,
) -> Result<(StatusCode, Json<CreatedWebhook>), ApiError> {
    let created = webhooks::create(&state.db, &caller, state.webhooks.reach(), body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /webhooks`.
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(page): ApiQuery<PageParams>,
) -> Result<Json<Page<Webhook>>, ApiError> {
    Ok(Json(
        webhooks::list(&state.db, &caller, page.page()?).await?,
    ))
}

/// `GET /webhooks/{id}`.
pub async fn get(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Webhook>, ApiError> {
    Ok(Json(webhooks::get(&state.db, &caller, id).await?))
}

/// `PATCH /webhooks/{id}`.
pub async fn update(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<WebhookChange>,
) -> Result<Json<Webhook>, ApiError> {
    Ok(Json(
        webhooks::update(&state.db, &caller, state.webhooks.reach(), id, body).await?,
    ))
}

/// `DELETE /webhooks/{id}`: 204.
pub async fn delete(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    webhooks::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?status=pending|delivered|failed`.
#[derive(Debug, Deserialize)]
pub struct DeliveryFilter {
    status: Option<String>,
}

/// `GET /webhooks/{id}/deliveries`: newest first.
pub async fn deliveries(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<PageParams>,
    ApiQuery(filter): ApiQuery<DeliveryFilter>,
) -> Result<Json<Page<Delivery>>, ApiError> {
    let status = filter.status.as_deref();
    Ok(Json(
        webhooks::deliveries(&state.db, &caller, id, status, page.page()?).await?,
    ))
}

/// `GET /webhooks/{id}/deliveries/{delivery_id}`.
pub async fn delivery(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath((id, delivery_id)): ApiPath<(i64, i64)>,
) -> Result<Json<Delivery>, ApiError> {
    Ok(Json(
        webhooks::delivery(&state.db, &caller, id, delivery_id).await?,
    ))
}

/// `POST /webhooks/{id}/test`: sends a `webhook.test` event now and answers with the
/// delivery as it ended (delivered, or failed with the reason); a test is not retried.
pub async fn test(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Delivery>, ApiError> {
    let due = webhooks::start_test(&state.db, &caller, id).await?;
    state.webhooks.deliver(&state.db, &due).await?;
    Ok(Json(
        webhooks::delivery(&state.db, &caller, id, due.id.into()).await?,
    ))
}
