//! Extractors whose rejections are JSON `ApiError`s instead of axum's plain-text ones, and
//! the caller's identity.

use app::services::authz::Principal;
use app::services::client;
use app::services::credentials::{self, ClientInfo, CredentialKind};
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{Form, FromRequest, FromRequestParts, Json, Path, Query, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::http::AppState;
use app::accounts::cookie;
use app::pagination::PageRequest;

/// `?limit=&cursor=` of a list with no other parameters.
#[derive(Debug, Deserialize)]
pub struct PageParams {
    limit: Option<u64>,
    cursor: Option<String>,
}

impl PageParams {
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        Ok(PageRequest::parse(self.limit, self.cursor.as_deref())?)
    }
}

/// Query string parameters; a value of the wrong type is a 422 naming the problem. A parameter
/// given with an empty value (`?limit=&cursor=`) counts as not given.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let given = parts
            .uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|pair| {
                !pair.is_empty() && pair.split_once('=').is_none_or(|(_, v)| !v.is_empty())
            })
            .collect::<Vec<_>>()
            .join("&");
        let uri = format!("/?{given}").parse().map_err(|_| {
            ApiError::bad_request("malformed_query", "the query string is malformed")
        })?;
        Query::<T>::try_from_uri(&uri)
            .map(|Query(value)| ApiQuery(value))
            .map_err(|rejection| ApiError::validation(rejection.body_text()))
    }
}

/// Path parameters; an id that does not parse is a 422.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(value)| ApiPath(value))
            .map_err(|rejection| ApiError::validation(rejection.body_text()))
    }
}

/// A JSON body: malformed JSON is a 400, well-formed JSON of the wrong shape a 422. A body
/// sent without a `Content-Type` is read as JSON too; one declared as something else is a 400.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(mut request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !request.headers().contains_key(CONTENT_TYPE) {
            request
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        Json::<T>::from_request(request, state)
            .await
            .map(|Json(value)| ApiJson(value))
            .map_err(|rejection| match rejection {
                JsonRejection::JsonDataError(e) => ApiError::validation(e.body_text()),
                JsonRejection::MissingJsonContentType(_) => ApiError::bad_request(
                    "unsupported_media_type",
                    "send the body as JSON, with Content-Type: application/json",
                ),
                too_large if too_large.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body_too_large",
                    "the request body is too large",
                ),
                other => ApiError::bad_request("malformed_json", other.body_text()),
            })
    }
}

/// A form body (`application/x-www-form-urlencoded`), as OAuth2 password logins send.
pub struct ApiForm<T>(pub T);

impl<T, S> FromRequest<S> for ApiForm<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Form::<T>::from_request(request, state)
            .await
            .map(|Form(value)| ApiForm(value))
            .map_err(|rejection| match rejection {
                FormRejection::FailedToDeserializeForm(e) => ApiError::validation(e.body_text()),
                other => ApiError::bad_request("malformed_form", other.body_text()),
            })
    }
}

pub struct Client(pub ClientInfo);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(client::client_info(parts)))
    }
}

/// The authenticated caller: an `Authorization: Bearer` access or personal token, else the
/// browser session cookie. Anything else is a 401.
pub struct Caller(pub Principal);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (secret, kinds) = presented(&parts.headers)
            .ok_or_else(|| ApiError::unauthorized("sign in or send a bearer token"))?;
        let principal =
            credentials::authenticate_secret(&state.db, &state.auth, secret, kinds).await?;
        Ok(Caller(principal))
    }
}

/// The kinds of credential a bearer token may be.
pub const TOKEN_KINDS: &[CredentialKind] = &[CredentialKind::Access, CredentialKind::Personal];
/// The kind of credential the session cookie holds.
pub const SESSION_KINDS: &[CredentialKind] = &[CredentialKind::Session];

/// The secret a request presents and the kinds it may be: an `Authorization: Bearer` token,
/// else the browser session cookie.
pub fn presented(headers: &HeaderMap) -> Option<(&str, &'static [CredentialKind])> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    match bearer {
        Some(token) => Some((token, TOKEN_KINDS)),
        None => cookie::session_secret(headers).map(|s| (s, SESSION_KINDS)),
    }
}

/// An instant from a query string. RFC 3339 with an offset; a `+` that arrived as a space
/// (an unencoded `+02:00`) is read as the `+` it was.
fn instant(name: &str, text: &str) -> Result<DateTime<Utc>, ApiError> {
    let text = text.trim();
    let repaired = match text.rfind(' ') {
        Some(i) if i > 10 => format!("{}+{}", &text[..i], &text[i + 1..]),
        _ => text.to_owned(),
    };
    DateTime::parse_from_rfc3339(&repaired)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            ApiError::validation(format!(
                "{name} must be an RFC 3339 time with an offset, e.g. 2026-03-29T09:00:00+02:00"
            ))
        })
}

/// An optional instant from a query string; an empty value counts as not given.
pub fn optional_instant(name: &str, text: Option<&str>) -> Result<Option<DateTime<Utc>>, ApiError> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| instant(name, t))
        .transpose()
}
