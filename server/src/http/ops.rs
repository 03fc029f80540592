//! Operations endpoints for load balancers and monitoring: `/live` (the process answers),
//! `/ready` (the database answers), `/health` (version and database engine) and `/metrics`
//! (Prometheus).

use std::time::Duration;

use app::persistence::database::Engine;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::AppState;

/// A readiness probe must answer quickly even when the database hangs.
const PING_TIMEOUT: Duration = Duration::from_secs(2);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/live", get(live))
        .route("/ready", get(ready))
        .route("/health", get(health))
        .route("/metrics", get(super::metrics::render))
}

async fn live() -> Json<serde_json::Value> {
    Json(json!({ "status": "alive" }))
}

async fn database_answers(state: &AppState) -> bool {
    matches!(
        tokio::time::timeout(PING_TIMEOUT, state.db.ping()).await,
        Ok(Ok(()))
    )
}

async fn ready(State(state): State<AppState>) -> Response {
    let engine = Engine::of(&state.db).name();
    if database_answers(&state).await {
        Json(json!({ "status": "ready", "database": engine })).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({
                "detail": "the database is not reachable",
                "code": "database_unavailable",
                "database": engine,
            })),
        )
            .into_response()
    }
}

async fn health(State(state): State<AppState>) -> Json<serde_json::Value> {
    let reachable = database_answers(&state).await;
    Json(json!({
        "status": if reachable { "ok" } else { "degraded" },
        "version": env!("CARGO_PKG_VERSION"),
        "database": Engine::of(&state.db).name(),
        "database_reachable": reachable,
    }))
}
