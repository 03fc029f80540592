//! `/api/v1/analytics`: utilisation, popular resources, peak times, a dashboard, and CSV
//! exports, for admins (every resource) and managers (their groups'). Every report takes a
//! period: `?from=&to=` (RFC 3339 with an offset), or `?days=` up to now; with neither, the 30
//! days before now and the 30 after.

use app::services::analytics::{self, Dashboard, PeakTimes, PopularResources, Query, Utilization};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiQuery, Caller, optional_instant};
use crate::http::AppState;

/// How many resources `popular-resources` lists by default, and at most.
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 100;

/// `?from=&to=&days=&resource_id=&limit=`.
#[derive(Debug, Deserialize)]
pub struct ReportParams {
    from: Option<String>,
    to: Option<String>,
    days: Option<i64>,
    resource_id: Option<i64>,
    limit: Option<usize>,
}

impl ReportParams {
    fn query(&self) -> Result<Query, ApiError> {
        Ok(Query {
            from: optional_instant("from", self.from.as_deref())?,
            to: optional_instant("to", self.to.as_deref())?,
            days: self.days,
            resource_id: self.resource_id,
        })
    }
}

pub async fn dashboard(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(
        analytics::dashboard(&state.db, &caller, &params.query()?).await?,
    ))
}

pub async fn utilization(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<Utilization>, ApiError> {
    Ok(Json(
        analytics::utilization(&state.db, &caller, &params.query()?).await?,
    ))
}

pub async fn popular_resources(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<PopularResources>, ApiError> {
    let limit = params.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::validation(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    Ok(Json(
        analytics::popular_resources(&state.db, &caller, &params.query()?, limit).await?,
    ))
}

pub async fn peak_times(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<Json<PeakTimes>, ApiError> {
    Ok(Json(
        analytics::peak_times(&state.db, &caller, &params.query()?).await?,
    ))
}

fn csv_file(name: &'static str, text: String) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, name),
        ],
        text,
    )
}

pub async fn utilization_csv(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<impl IntoResponse, ApiError> {
    let text = analytics::utilization_csv(&state.db, &caller, &params.query()?).await?;
    Ok(csv_file("attachment; filename=\"utilization.csv\"", text))
}

pub async fn reservations_csv(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ReportParams>,
) -> Result<impl IntoResponse, ApiError> {
    let text = analytics::reservations_csv(&state.db, &caller, &params.query()?).await?;
    Ok(csv_file("attachment; filename=\"reservations.csv\"", text))
}
