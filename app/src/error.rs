//! The error type server functions return to the UI. It crosses the network as JSON, so the
//! browser can match on what went wrong and show a translated message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::password::PasswordRule;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("the password breaks {0:?}")]
    WeakPassword(Vec<PasswordRule>),
    #[error("sign in first")]
    Unauthorized,
    #[error("incorrect username or password")]
    BadCredentials,
    #[error("an authentication code is needed")]
    MfaRequired,
    #[error("not allowed")]
    Forbidden,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("too many attempts; retry in {0} s")]
    RateLimited(u64),
    #[error("the database is unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(ServerFnErrorErr),
}

impl AppError {
    /// The Fluent key of the message a person sees for this error.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::InvalidInput(_) => "error-invalid-input",
            AppError::WeakPassword(rules) => rules
                .first()
                .map_or("error-invalid-input", |rule| rule.message_key()),
            AppError::Unauthorized => "error-unauthorized",
            AppError::BadCredentials => "error-bad-credentials",
            AppError::MfaRequired => "error-mfa-required",
            AppError::Forbidden => "error-forbidden",
            AppError::Conflict(_) => "error-conflict",
            AppError::RateLimited(_) => "error-rate-limited",
            AppError::Unavailable | AppError::Transport(_) => "error-unavailable",
            AppError::Internal => "error-generic",
        }
    }
}

/// Where server functions are served; see `answer`.
pub const SERVER_FN_PREFIX: &str = "/api/fn/";

/// Runs a server function's body and gives a failure its proper HTTP status (401, 422, 409,
/// …) instead of the 500 every server-function error would otherwise get. When the function
/// runs inside a page render instead, the page keeps its own status.
#[cfg(feature = "ssr")]
pub async fn answer<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    use leptos::prelude::use_context;
    let called_over_http = use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with(SERVER_FN_PREFIX));
    let result = body.await;
    if let Err(error) = &result
        && called_over_http
        && let Some(response) = use_context::<leptos_axum::ResponseOptions>()
    {
        response.set_status(error.status());
        if let AppError::RateLimited(seconds) = error
            && let Ok(value) = http::HeaderValue::from_str(&seconds.to_string())
        {
            response.insert_header(http::header::RETRY_AFTER, value);
        }
    }
    result
}

impl AppError {
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::InvalidInput(_) | AppError::WeakPassword(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Unauthorized | AppError::BadCredentials | AppError::MfaRequired => {
                StatusCode::UNAUTHORIZED
            }
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value)
    }
}

#[cfg(feature = "ssr")]
impl From<crate::services::ServiceError> for AppError {
    fn from(error: crate::services::ServiceError) -> Self {
        use crate::services::ServiceError;
        match error {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::InvalidInput(detail) => AppError::InvalidInput(detail),
            ServiceError::WeakPassword(rules) => AppError::WeakPassword(rules),
            ServiceError::Unauthorized {
                code: "mfa_required",
                ..
            } => AppError::MfaRequired,
            ServiceError::Unauthorized {
                code: "invalid_credentials",
                ..
            } => AppError::BadCredentials,
            ServiceError::Unauthorized { .. } => AppError::Unauthorized,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::Conflict(detail) => AppError::Conflict(detail),
            error @ ServiceError::SlotTaken(_) => AppError::Conflict(error.to_string()),
            error @ ServiceError::Refused(_) => AppError::InvalidInput(error.to_string()),
            error @ ServiceError::SeriesRefused(_) => AppError::Conflict(error.to_string()),
            ServiceError::Busy => AppError::Unavailable,
            ServiceError::RateLimited { retry_after_secs } => {
                AppError::RateLimited(retry_after_secs)
            }
            ServiceError::Unavailable => AppError::Unavailable,
            ServiceError::Internal(_) => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Locale, translate};

    #[test]
    fn every_error_and_password_rule_has_a_message_in_every_language() {
        use PasswordRule::*;
        let errors = [
            AppError::NotFound,
            AppError::InvalidInput(String::new()),
            AppError::WeakPassword(vec![]),
            AppError::Unauthorized,
            AppError::BadCredentials,
            AppError::MfaRequired,
            AppError::Forbidden,
            AppError::Conflict(String::new()),
            AppError::RateLimited(1),
            AppError::Unavailable,
            AppError::Internal,
        ];
        let rules = [
            TooShort,
            TooLong,
            NeedsUppercase,
            NeedsLowercase,
            NeedsDigit,
            NeedsSpecial,
            ContainsUsername,
        ];
        let keys = errors
            .iter()
            .map(AppError::message_key)
            .chain(rules.iter().map(|r| r.message_key()));
        for key in keys {
            for locale in Locale::ALL {
                assert_ne!(
                    translate(locale, key, None),
                    key,
                    "{key} missing in {}",
                    locale.code()
                );
            }
        }
    }
}
