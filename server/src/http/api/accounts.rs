//! Setup, registration, tokens, the caller's profile, MFA, sessions and personal tokens
//! (`shared/docs/API.md`, "Setup and accounts").

use app::accounts::{
    MfaEnrolment, NewPersonalToken, PersonalToken, PreferencesUpdate, SessionInfo, TokenPair,
    UserProfile,
};
use app::pagination::Page;
use app::services::accounts::{self, NewAccount};
use app::services::{ServiceError, credentials, mfa};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::ApiError;
use super::extract::{ApiForm, ApiJson, ApiPath, ApiQuery, Caller, Client, PageParams};
use crate::http::AppState;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Deserialize)]
pub struct AccountBody {
    username: String,
    password: String,
    email: Option<String>,
}

impl From<AccountBody> for NewAccount {
    fn from(body: AccountBody) -> Self {
        NewAccount {
            username: body.username,
            password: body.password,
            email: body.email,
        }
    }
}

pub async fn setup_status(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let complete = accounts::setup_complete(&state.db).await?;
    Ok(Json(json!({ "setup_complete": complete })))
}

pub async fn initialize(
    State(state): State<AppState>,
    body: Result<ApiJson<AccountBody>, ApiError>,
) -> ApiResult<(StatusCode, Json<UserProfile>)> {
    // Once set up, the answer is 409 whatever the body holds (API.md).
    if accounts::setup_complete(&state.db).await? {
        return Err(ServiceError::Conflict("setup is already complete".to_owned()).into());
    }
    let ApiJson(body) = body?;
    let profile = accounts::initialize(&state.db, body.into()).await?;
    Ok((StatusCode::CREATED, Json(profile)))
}

pub async fn register(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<AccountBody>,
) -> ApiResult<(StatusCode, Json<UserProfile>)> {
    let profile = accounts::register(&state.db, body.into()).await?;
    Ok((StatusCode::CREATED, Json(profile)))
}

#[derive(Deserialize)]
pub struct TokenForm {
    username: String,
    password: String,
    mfa_code: Option<String>,
}

pub async fn token(
    State(state): State<AppState>,
    Client(client): Client,
    ApiForm(form): ApiForm<TokenForm>,
) -> ApiResult<Json<TokenPair>> {
    let user = accounts::authenticate(
        &state.db,
        &form.username,
        &form.password,
        form.mfa_code.as_deref(),
        &client.address,
    )
    .await?;
    Ok(Json(
        credentials::issue_token_pair(&state.db, &state.auth, user.id, &client).await?,
    ))
}

#[derive(Deserialize)]
pub struct RefreshBody {
    refresh_token: String,
}

pub async fn refresh(
    State(state): State<AppState>,
    Client(client): Client,
    ApiJson(body): ApiJson<RefreshBody>,
) -> ApiResult<Json<TokenPair>> {
    Ok(Json(
        credentials::refresh(&state.db, &state.auth, &body.refresh_token, &client).await?,
    ))
}

pub async fn logout(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> ApiResult<StatusCode> {
    credentials::logout(&state.db, &caller).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> ApiResult<Json<UserProfile>> {
    Ok(Json(accounts::profile(&state.db, caller.user_id).await?))
}

pub async fn update_preferences(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(update): ApiJson<PreferencesUpdate>,
) -> ApiResult<Json<UserProfile>> {
    Ok(Json(
        accounts::update_preferences(&state.db, &caller, update).await?,
    ))
}

#[derive(Deserialize)]
pub struct PasswordChange {
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    accounts::change_password(
        &state.db,
        &caller,
        &body.current_password,
        &body.new_password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn mfa_setup(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> ApiResult<Json<MfaEnrolment>> {
    Ok(Json(mfa::begin_enrolment(&state.db, &caller).await?))
}

#[derive(Deserialize)]
pub struct CodeBody {
    code: String,
}

pub async fn mfa_verify(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<CodeBody>,
) -> ApiResult<Json<Value>> {
    let codes = mfa::confirm_enrolment(&state.db, &caller, &body.code).await?;
    Ok(Json(json!({ "backup_codes": codes })))
}

pub async fn mfa_disable(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<CodeBody>,
) -> ApiResult<StatusCode> {
    mfa::disable(&state.db, &caller, &body.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn my_sessions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<SessionInfo>>> {
    let page = params.page()?;
    let sessions = credentials::list_sessions(&state.db, &caller, false).await?;
    Ok(Json(Page::from_all(sessions, page)))
}

pub async fn all_sessions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<SessionInfo>>> {
    let page = params.page()?;
    let sessions = credentials::list_sessions(&state.db, &caller, true).await?;
    Ok(Json(Page::from_all(sessions, page)))
}

pub async fn revoke_session(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i32>,
) -> ApiResult<StatusCode> {
    credentials::revoke_session(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn my_tokens(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<Page<PersonalToken>>> {
    let page = params.page()?;
    let tokens = credentials::list_personal_tokens(&state.db, &caller).await?;
    Ok(Json(Page::from_all(tokens, page)))
}

#[derive(Deserialize)]
pub struct NewTokenBody {
    name: String,
    #[serde(default = "default_token_days")]
    expires_in_days: i64,
}

fn default_token_days() -> i64 {
    90
}

pub async fn create_token(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiJson(body): ApiJson<NewTokenBody>,
) -> ApiResult<(StatusCode, Json<NewPersonalToken>)> {
    let token =
        credentials::create_personal_token(&state.db, &caller, &body.name, body.expires_in_days)
            .await?;
    Ok((StatusCode::CREATED, Json(token)))
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Caller(caller): Caller,
    ApiPath(id): ApiPath<i32>,
) -> ApiResult<StatusCode> {
    credentials::revoke_personal_token(&state.db, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
