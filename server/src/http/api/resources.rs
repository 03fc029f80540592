//! `/api/v1/resources` and everything about when they can be booked: types, tags, rules,
//! business hours, blackout dates, exceptions, slots, schedules, search, CSV, and
//! `/reservations/check`.

use std::collections::HashMap;

use app::pagination::{Page, PageRequest};
use app::resources::{
    BlackoutRecord, BookingRules, BusinessHoursBody, CheckAnswer, CheckRequest, ClosureRecord,
    DayAvailability, ImportReport, NewBlackout, NewClosure, NewResource, NextAvailable, Resource,
    ResourceFilter, ResourceStatus, ResourceType, ResourceTypeInput, ResourceUpdate, RuleScope,
    RulesRecord, ScheduleEntry, SearchAnswer, SearchQuery, SortOrder, TagInfo, TypeRef, split_tags,
};
use app::services::{availability, catalog, catalog_csv, rules};
use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Multipart, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller, PageParams, optional_instant};
use crate::http::AppState;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    limit: Option<u64>,
    cursor: Option<String>,
    q: Option<String>,
    /// Comma-separated; a resource must carry all of them.
    tags: Option<String>,
    status: Option<String>,
    /// A type's name or id.
    #[serde(alias = "type")]
    resource_type: Option<String>,
    group_id: Option<i64>,
    #[serde(alias = "capacity")]
    min_capacity: Option<i32>,
    sort: Option<String>,
}

impl ListParams {
    fn filter(&self) -> ApiResult<ResourceFilter> {
        let status = match self.status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(ResourceStatus::parse(text).ok_or_else(|| {
                ApiError::validation("status is available, maintenance or unavailable")
            })?),
        };
        let sort = match self.sort.as_deref().filter(|s| !s.is_empty()) {
            None => SortOrder::default(),
            Some(text) => SortOrder::parse(text).ok_or_else(|| {
                ApiError::validation("sort is name, -name, capacity, -capacity or created")
            })?,
        };
        Ok(ResourceFilter {
            q: self.q.clone(),
            tags: self.tags.as_deref().map(split_tags).unwrap_or_default(),
            status,
            resource_type: self
                .resource_type
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| match t.trim().parse() {
                    Ok(id) => TypeRef::Id(id),
                    Err(_) => TypeRef::Name(t.trim().to_owned()),
                }),
            group_id: self.group_id,
            min_capacity: self.min_capacity,
            sort,
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<Page<Resource>>> {
    let page = PageRequest::parse(params.limit, params.cursor.as_deref())?;
    Ok(Json(
        catalog::list(&state.db, &caller, &params.filter()?, page).await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewResource>,
) -> ApiResult<(StatusCode, Json<Resource>)> {
    let resource = catalog::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(resource)))
}

pub async fn get(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Resource>> {
    Ok(Json(catalog::get(&state.db, &caller, id).await?))
}

pub async fn update(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ResourceUpdate>,
) -> ApiResult<Json<Resource>> {
    Ok(Json(catalog::update(&state.db, &caller, id, body).await?))
}

pub async fn delete(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    catalog::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- Levels of rules --------------------------------------------------------------------

/// The level a rules route is about, from its path: `/resources/{id}/…`, `/groups/{id}/…`,
/// or the installation-wide `/…`.
pub struct Level(RuleScope);

impl<S: Send + Sync> FromRequestParts<S> for Level {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let matched = MatchedPath::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found("no such API endpoint"))?;
        let matched = matched.as_str().to_owned();
        let level: fn(i64) -> RuleScope = if matched.starts_with("/api/v1/resources/") {
            RuleScope::Resource
        } else if matched.starts_with("/api/v1/groups/") {
            RuleScope::Group
        } else {
            return Ok(Level(RuleScope::Global));
        };
        let ApiPath(params) =
            ApiPath::<HashMap<String, i64>>::from_request_parts(parts, state).await?;
        let id = params
            .get("id")
            .copied()
            .ok_or_else(|| ApiError::not_found("no such API endpoint"))?;
        let scope = level(id);
        Ok(Level(scope))
    }
}

pub async fn get_rules(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
) -> ApiResult<Json<RulesRecord>> {
    Ok(Json(rules::get_rules(&state.db, &caller, scope).await?))
}

pub async fn set_rules(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiJson(body): ApiJson<BookingRules>,
) -> ApiResult<Json<RulesRecord>> {
    Ok(Json(
        rules::set_rules(&state.db, &caller, scope, body).await?,
    ))
}

pub async fn get_hours(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
) -> ApiResult<Json<BusinessHoursBody>> {
    Ok(Json(rules::get_hours(&state.db, &caller, scope).await?))
}

pub async fn set_hours(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiJson(body): ApiJson<BusinessHoursBody>,
) -> ApiResult<Json<BusinessHoursBody>> {
    Ok(Json(
        rules::set_hours(&state.db, &caller, scope, body.hours).await?,
    ))
}

pub async fn list_blackouts(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<BlackoutRecord>>> {
    let page = params.page()?;
    let blackouts = rules::list_blackouts(&state.db, &caller, scope).await?;
    Ok(Json(Page::from_all(blackouts, page)))
}

pub async fn add_blackout(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiJson(body): ApiJson<NewBlackout>,
) -> ApiResult<(StatusCode, Json<BlackoutRecord>)> {
    let record = rules::add_blackout(&state.db, &caller, scope, body).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

pub async fn delete_blackout(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    rules::delete_blackout(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list_closures(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<ClosureRecord>>> {
    let page = params.page()?;
    let closures = rules::list_closures(&state.db, &caller, scope).await?;
    Ok(Json(Page::from_all(closures, page)))
}

pub async fn add_closure(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Level(scope): Level,
    ApiJson(body): ApiJson<NewClosure>,
) -> ApiResult<(StatusCode, Json<ClosureRecord>)> {
    let record = rules::add_closure(&state.db, &caller, scope, body).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

pub async fn delete_closure(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    rules::delete_closure(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- Availability -----------------------------------------------------------------------

#[derive(Debug, Deserialize)]
pub struct SlotParams {
    date: Option<String>,
    slot_duration: Option<u32>,
    after: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

impl SlotParams {
    fn slot_minutes(&self) -> u32 {
        self.slot_duration.unwrap_or(60)
    }
}

pub async fn available_slots(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<SlotParams>,
) -> ApiResult<Json<DayAvailability>> {
    let date = params
        .date
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| ApiError::validation("date must be written YYYY-MM-DD"))
        })
        .transpose()?;
    Ok(Json(
        availability::available_slots(&state.db, &caller, id, date, params.slot_minutes()).await?,
    ))
}

pub async fn next_available(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<SlotParams>,
) -> ApiResult<Json<NextAvailable>> {
    let after = optional_instant("after", params.after.as_deref())?;
    Ok(Json(
        availability::next_available(&state.db, &caller, id, params.slot_minutes(), after).await?,
    ))
}

pub async fn schedule(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<SlotParams>,
) -> ApiResult<Json<Vec<ScheduleEntry>>> {
    let from = optional_instant("from", params.from.as_deref())?;
    let to = optional_instant("to", params.to.as_deref())?;
    // API.md: "the reservations in that window", a bare list like the API it replaces.
    let schedule = availability::schedule(&state.db, &caller, id, from, to).await?;
    Ok(Json(schedule.reservations))
}

pub async fn check(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<CheckRequest>,
) -> ApiResult<Json<CheckAnswer>> {
    Ok(Json(availability::check(&state.db, &caller, body).await?))
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    #[serde(alias = "duration")]
    duration_minutes: Option<u32>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
}

/// `GET /resources/search?duration_minutes=60&from=&to=&type=&tags=a,b&min_capacity=`.
pub async fn search(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<SearchParams>,
    ApiQuery(list): ApiQuery<ListParams>,
) -> ApiResult<Json<SearchAnswer>> {
    let from = optional_instant("from", params.from.as_deref())?.unwrap_or_else(Utc::now);
    let to =
        optional_instant("to", params.to.as_deref())?.unwrap_or(from + chrono::Duration::days(1));
    let query = SearchQuery {
        duration_minutes: params.duration_minutes.unwrap_or(60),
        from,
        to,
        filter: list.filter()?,
        limit: params.limit.unwrap_or(20),
    };
    Ok(Json(
        availability::search(&state.db, &caller, &query).await?,
    ))
}

// ---- Types and tags ---------------------------------------------------------------------

pub async fn list_types(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<ResourceType>>> {
    let page = params.page()?;
    let types = catalog::list_types(&state.db, &caller).await?;
    Ok(Json(Page::from_all(types, page)))
}

pub async fn create_type(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<ResourceTypeInput>,
) -> ApiResult<(StatusCode, Json<ResourceType>)> {
    let created = catalog::create_type(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn update_type(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<ResourceTypeInput>,
) -> ApiResult<Json<ResourceType>> {
    Ok(Json(
        catalog::update_type(&state.db, &caller, id, body).await?,
    ))
}

pub async fn delete_type(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    catalog::delete_type(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list_tags(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<TagInfo>>> {
    let page = params.page()?;
    let tags = catalog::list_tags(&state.db, &caller).await?;
    Ok(Json(Page::from_all(tags, page)))
}

#[derive(Debug, Deserialize)]
pub struct TagRename {
    name: String,
}

/// `PATCH /tags/{name}` `{"name": "new"}`: renames, merging into an existing tag.
pub async fn rename_tag(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(name): ApiPath<String>,
    ApiJson(body): ApiJson<TagRename>,
) -> ApiResult<Json<TagInfo>> {
    Ok(Json(
        catalog::rename_tag(&state.db, &caller, &name, &body.name).await?,
    ))
}

#[derive(Debug, Deserialize)]
pub struct TagMerge {
    sources: Vec<String>,
    target: String,
}

pub async fn merge_tags(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<TagMerge>,
) -> ApiResult<Json<TagInfo>> {
    Ok(Json(
        catalog::merge_tags(&state.db, &caller, &body.sources, &body.target).await?,
    ))
}

pub async fn delete_tag(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(name): ApiPath<String>,
) -> ApiResult<StatusCode> {
    catalog::delete_tag(&state.db, &caller, &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- CSV --------------------------------------------------------------------------------

pub async fn export_csv(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> ApiResult<impl IntoResponse> {
    let text = catalog_csv::export(&state.db, &caller).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"resources.csv\"",
            ),
        ],
        text,
    ))
}

/// The largest upload body: the largest file an import reads (a larger one gets its 422
/// from the import), plus room for a multipart form's framing.
pub const MAX_UPLOAD_BYTES: usize = catalog_csv::MAX_BYTES + 64 * 1024;

/// The CSV text of an upload: a multipart form's first file, or the raw body.
async fn upload_text(request: Request, state: &AppState) -> ApiResult<String> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let bytes = if multipart {
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request("malformed_upload", e.body_text()))?;
        let field = form
            .next_field()
            .await
            .map_err(|e| ApiError::bad_request("malformed_upload", e.body_text()))?
            .ok_or_else(|| ApiError::validation("the form holds no file"))?;
        field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request("malformed_upload", e.body_text()))?
    } else {
        axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|e| ApiError::bad_request("malformed_upload", e.body_text()))?
    };
    String::from_utf8(bytes.to_vec())
        .map_err(|_| ApiError::validation("the file is not UTF-8 text"))
}

/// `POST /resources/upload`: 201 with `{"imported": n, "errors": []}`, or 422 with every
/// problem by row and nothing imported.
pub async fn import_csv(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request: Request,
) -> ApiResult<axum::response::Response> {
    let text = upload_text(request, &state).await?;
    let report: ImportReport = catalog_csv::import(&state.db, &caller, &text).await?;
    if report.errors.is_empty() {
        return Ok((StatusCode::CREATED, Json(report)).into_response());
    }
    let body = serde_json::json!({
        "detail": format!(
            "nothing was imported: {} problem(s) in the file",
            report.errors.len()
        ),
        "code": "invalid_csv",
        "imported": 0,
        "errors": report.errors,
    });
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
}
