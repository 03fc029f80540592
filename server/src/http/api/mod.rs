//! The versioned REST API (`/api/v1`, contract in `shared/docs/API.md`). Handlers are thin:
//! parse, call one service, map its error. Everything under `/api` answers JSON, errors
//! included: `{"detail": "...", "code": "..."}`.

mod error;
mod extract;
mod resources;

use axum::Router;
use axum::routing::{MethodRouter, any, get};
use tower_http::catch_panic::CatchPanicLayer;

pub use error::ApiError;

use super::AppState;

pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(collection("/api/v1/resources", get(resources::list)))
        .route("/api", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(CatchPanicLayer::custom(error::panic_response))
}

/// A collection answers with and without a trailing slash.
fn collection(path: &str, methods: MethodRouter<AppState>) -> Router<AppState> {
    Router::new()
        .route(path, methods.clone())
        .route(&format!("{path}/"), methods)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such API endpoint")
}
