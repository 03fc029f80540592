//! `/api/v1/resources`.

use app::pagination::{Page, PageRequest};
use app::resources::Resource;
use app::services::resources;
use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiQuery, Caller};
use crate::http::AppState;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    limit: Option<u64>,
    cursor: Option<String>,
}

#[tracing::instrument(skip(state, caller))]
pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> Result<Json<Page<Resource>>, ApiError> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())
        .map_err(|e| ApiError::validation(e.to_string()))?;
    Ok(Json(resources::list(&state.db, &caller, page).await?))
}
