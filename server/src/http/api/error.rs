//! The one place where errors become HTTP answers for the REST API:
//! `{"detail": "...", "code": "..."}` plus, where stated, more fields.

use std::any::Any;

use app::pagination::PageRequestError;
use app::resources::{ConflictTime, ViolationReport};
use app::services::ServiceError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    detail: String,
    extra: Map<String, Value>,
    retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            detail: detail.into(),
            extra: Map::new(),
            retry_after_secs: None,
        }
    }

    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.extra.insert(field.to_owned(), value);
        self
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", detail)
    }

    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, detail)
    }

    pub fn validation(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_error", detail)
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
    }

    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, detail)
    }

    pub fn rate_limited(retry_after_secs: u64) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            format!("too many requests; try again in {retry_after_secs} seconds"),
        );
        error.retry_after_secs = Some(retry_after_secs);
        error
    }

    pub fn too_many_connections(max: usize) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_connections",
            format!("this account already has {max} live-update connections open; close one"),
        );
        error.retry_after_secs = Some(30);
        error
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "this endpoint does not accept that method",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = self.extra;
        body.insert("detail".to_owned(), Value::String(self.detail));
        body.insert("code".to_owned(), Value::String(self.code.to_owned()));
        let mut response = (self.status, Json(Value::Object(body))).into_response();
        if let Some(seconds) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<PageRequestError> for ApiError {
    fn from(error: PageRequestError) -> Self {
        ApiError::validation(error.to_string())
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => ApiError::not_found("not found"),
            ServiceError::InvalidInput(detail) => ApiError::validation(detail),
            ServiceError::WeakPassword(ref rules) => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "weak_password",
                error.to_string(),
            )
            .with("rules", json!(rules)),
            ServiceError::Unauthorized { code, detail } => {
                ApiError::new(StatusCode::UNAUTHORIZED, code, detail)
            }
            ServiceError::Forbidden => {
                ApiError::forbidden("forbidden", "you do not have permission to do that")
            }
            ServiceError::Conflict(detail) => {
                ApiError::new(StatusCode::CONFLICT, "conflict", detail)
            }
            ServiceError::SlotTaken(ref conflicts) => {
                let conflicts: Vec<ConflictTime> =
                    conflicts.iter().copied().map(Into::into).collect();
                ApiError::new(StatusCode::CONFLICT, "conflict", error.to_string())
                    .with("conflicts", json!(conflicts))
            }
            ServiceError::Refused(ref violations) => {
                let violations: Vec<ViolationReport> =
                    violations.iter().cloned().map(Into::into).collect();
                ApiError::validation(error.to_string()).with("violations", json!(violations))
            }
            ServiceError::SeriesRefused(ref occurrences) => {
                let conflicts: Vec<&ConflictTime> =
                    occurrences.iter().flat_map(|o| &o.conflicts).collect();
                let violations: Vec<&ViolationReport> =
                    occurrences.iter().flat_map(|o| &o.violations).collect();
                let (status, code) = if conflicts.is_empty() {
                    (StatusCode::UNPROCESSABLE_ENTITY, "validation_error")
                } else {
                    (StatusCode::CONFLICT, "conflict")
                };
                ApiError::new(status, code, error.to_string())
                    .with("conflicts", json!(conflicts))
                    .with("violations", json!(violations))
                    .with("occurrences", json!(occurrences))
            }
            ServiceError::Busy => {
                let mut busy = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "the database is busy; try again",
                );
                busy.retry_after_secs = Some(1);
                busy
            }
            ServiceError::RateLimited { retry_after_secs } => {
                ApiError::rate_limited(retry_after_secs)
            }
            ServiceError::Unavailable => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "database_unavailable",
                "the database is not reachable; try again shortly",
            ),
            // The cause is logged where it happened; clients get no internals.
            ServiceError::Internal(_) => ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "internal error",
            ),
        }
    }
}

/// A bug must not leak a stack trace: the panic is logged and the client gets JSON.
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = message, "request handler panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        "internal error",
    )
    .into_response()
}
