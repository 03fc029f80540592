//! The error type server functions return to the UI. It crosses the network as JSON, so the
//! browser can match on what went wrong and show a translated message.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input: {0}")]
    InvalidInput(String),
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
            AppError::Unavailable | AppError::Transport(_) => "error-unavailable",
            _ => "error-generic",
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
            ServiceError::Unavailable => AppError::Unavailable,
            ServiceError::Internal(_) => AppError::Internal,
        }
    }
}
