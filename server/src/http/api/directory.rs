//! The directory admins manage: `/api/v1/users`, `/roles`, `/permissions`, `/groups`.

use app::admin::{
    GroupRecord, GroupUpdate, NewGroup, NewRole, NewUser, RoleRecord, RoleUpdate, UserRecord,
    UserUpdate,
};
use app::pagination::{Page, PageRequest};
use app::services::{groups, roles, users};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, Caller};
use crate::http::AppState;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    limit: Option<u64>,
    cursor: Option<String>,
    /// Users only: part of a username, display name or e-mail address.
    q: Option<String>,
}

impl ListParams {
    fn page(&self) -> ApiResult<PageRequest> {
        Ok(PageRequest::parse(self.limit, self.cursor.as_deref())?)
    }
}

pub async fn list_users(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<Page<UserRecord>>> {
    let page = params.page()?;
    Ok(Json(
        users::list(&state.db, &caller, params.q.as_deref(), page).await?,
    ))
}

pub async fn create_user(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewUser>,
) -> ApiResult<(StatusCode, Json<UserRecord>)> {
    let user = users::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

pub async fn get_user(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<UserRecord>> {
    Ok(Json(users::get(&state.db, &caller, id).await?))
}

pub async fn update_user(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UserUpdate>,
) -> ApiResult<Json<UserRecord>> {
    Ok(Json(users::update(&state.db, &caller, id, body).await?))
}

/// `DELETE /users/{id}` disables the account (their reservations and history stay).
pub async fn disable_user(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let disable = UserUpdate {
        is_active: Some(false),
        ..Default::default()
    };
    users::update(&state.db, &caller, id, disable).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct PasswordResetBody {
    temporary_password: String,
}

pub async fn reset_password(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PasswordResetBody>,
) -> ApiResult<Json<UserRecord>> {
    Ok(Json(
        users::force_password_reset(&state.db, &caller, id, &body.temporary_password).await?,
    ))
}

pub async fn list_permissions(
    Caller(caller): Caller,
) -> ApiResult<Json<Page<app::domain::permissions::Permission>>> {
    let all = roles::all_permissions(&caller)?;
    Ok(Json(Page {
        total_count: Some(all.len() as u64),
        data: all,
        next_cursor: None,
        has_more: false,
    }))
}

pub async fn list_roles(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<Page<RoleRecord>>> {
    Ok(Json(roles::list(&state.db, &caller, params.page()?).await?))
}

pub async fn create_role(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewRole>,
) -> ApiResult<(StatusCode, Json<RoleRecord>)> {
    let role = roles::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(role)))
}

pub async fn get_role(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<RoleRecord>> {
    Ok(Json(roles::get(&state.db, &caller, id).await?))
}

pub async fn update_role(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RoleUpdate>,
) -> ApiResult<Json<RoleRecord>> {
    Ok(Json(roles::update(&state.db, &caller, id, body).await?))
}

pub async fn delete_role(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    roles::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list_groups(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<Page<GroupRecord>>> {
    Ok(Json(
        groups::list(&state.db, &caller, params.page()?).await?,
    ))
}

pub async fn create_group(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewGroup>,
) -> ApiResult<(StatusCode, Json<GroupRecord>)> {
    let group = groups::create(&state.db, &caller, body).await?;
    Ok((StatusCode::CREATED, Json(group)))
}

pub async fn get_group(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GroupRecord>> {
    Ok(Json(groups::get(&state.db, &caller, id).await?))
}

pub async fn update_group(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<GroupUpdate>,
) -> ApiResult<Json<GroupRecord>> {
    Ok(Json(groups::update(&state.db, &caller, id, body).await?))
}

pub async fn delete_group(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    groups::delete(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn add_member(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath((group_id, user_id)): ApiPath<(i64, i64)>,
) -> ApiResult<Json<GroupRecord>> {
    Ok(Json(
        groups::set_member(&state.db, &caller, group_id, user_id, true).await?,
    ))
}

pub async fn remove_member(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath((group_id, user_id)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    groups::set_member(&state.db, &caller, group_id, user_id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}
