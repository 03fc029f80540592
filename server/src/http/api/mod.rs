//! The versioned REST API (`/api/v1`, contract in `shared/docs/API.md`). Handlers are thin:
//! parse, call one service, map its error. Everything under `/api` answers JSON, errors
//! included: `{"detail": "...", "code": "..."}`.

mod accounts;
mod calendar;
mod directory;
mod error;
mod extract;
mod reservations;
mod resources;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{MethodRouter, any, delete, get, patch, post, put};
use tower_http::catch_panic::CatchPanicLayer;

pub use error::ApiError;

use super::AppState;

pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/setup/status", get(accounts::setup_status))
        .route("/setup/initialize", post(accounts::initialize))
        .route("/register", post(accounts::register))
        .route("/token", post(accounts::token))
        .route("/token/refresh", post(accounts::refresh))
        .route("/logout", post(accounts::logout))
        .route("/users/me", get(accounts::me))
        .route("/users/me/preferences", patch(accounts::update_preferences))
        .route("/users/me/password", post(accounts::change_password))
        .merge(collection("/users/me/sessions", get(accounts::my_sessions)))
        .route("/users/me/sessions/{id}", delete(accounts::revoke_session))
        .merge(collection(
            "/users/me/tokens",
            get(accounts::my_tokens).post(accounts::create_token),
        ))
        .route("/users/me/tokens/{id}", delete(accounts::revoke_token))
        .merge(collection("/sessions", get(accounts::all_sessions)))
        .route("/sessions/{id}", delete(accounts::revoke_session))
        .route("/auth/mfa/setup", post(accounts::mfa_setup))
        .route("/auth/mfa/verify", post(accounts::mfa_verify))
        .route("/auth/mfa/disable", post(accounts::mfa_disable))
        .merge(collection(
            "/users",
            get(directory::list_users).post(directory::create_user),
        ))
        .route(
            "/users/{id}",
            get(directory::get_user)
                .patch(directory::update_user)
                .put(directory::update_user)
                .delete(directory::disable_user),
        )
        .route(
            "/users/{id}/password-reset",
            post(directory::reset_password),
        )
        .merge(collection("/permissions", get(directory::list_permissions)))
        .merge(collection(
            "/roles",
            get(directory::list_roles).post(directory::create_role),
        ))
        .route(
            "/roles/{id}",
            get(directory::get_role)
                .patch(directory::update_role)
                .put(directory::update_role)
                .delete(directory::delete_role),
        )
        .merge(collection(
            "/groups",
            get(directory::list_groups).post(directory::create_group),
        ))
        .route(
            "/groups/{id}",
            get(directory::get_group)
                .patch(directory::update_group)
                .put(directory::update_group)
                .delete(directory::delete_group),
        )
        .route(
            "/groups/{id}/members/{user_id}",
            put(directory::add_member).delete(directory::remove_member),
        )
        .merge(collection(
            "/resources",
            get(resources::list).post(resources::create),
        ))
        .route("/resources/search", get(resources::search))
        .route(
            "/resources/upload",
            post(resources::import_csv).layer(DefaultBodyLimit::max(resources::MAX_UPLOAD_BYTES)),
        )
        .route("/resources/export.csv", get(resources::export_csv))
        .route(
            "/resources/{id}",
            get(resources::get)
                .put(resources::update)
                .patch(resources::update)
                .delete(resources::delete),
        )
        .route(
            "/resources/{id}/available-slots",
            get(resources::available_slots),
        )
        .route(
            "/resources/{id}/next-available",
            get(resources::next_available),
        )
        .route("/resources/{id}/schedule", get(resources::schedule))
        .route("/reservations/check", post(resources::check))
        .merge(collection("/reservations", post(reservations::create)))
        .route("/reservations/recurring", post(reservations::create_series))
        .merge(collection("/reservations/my", get(reservations::mine)))
        .route(
            "/reservations/{id}",
            get(reservations::get)
                .patch(reservations::reschedule)
                .put(reservations::reschedule),
        )
        .route("/reservations/{id}/cancel", post(reservations::cancel))
        .route("/reservations/{id}/history", get(reservations::history))
        .route("/calendar/export/{file}", get(calendar::export))
        .route("/calendar/feed/{file}", get(calendar::feed))
        .route(
            "/calendar/subscription-url",
            get(calendar::subscription_url),
        )
        .route(
            "/calendar/regenerate-token",
            post(calendar::regenerate_token),
        )
        .merge(collection(
            "/approvals/pending",
            get(reservations::pending_approvals),
        ))
        .route("/approvals/{id}/respond", post(reservations::respond))
        .route(
            "/approvals/resources/{id}/settings",
            get(reservations::approval_settings).put(reservations::update_approval_settings),
        )
        .merge(collection(
            "/waitlist",
            get(reservations::my_waitlist).post(reservations::join_waitlist),
        ))
        .route("/waitlist/{id}", delete(reservations::leave_waitlist))
        .route("/waitlist/{id}/accept", post(reservations::accept_offer))
        .route("/waitlist/{id}/decline", post(reservations::decline_offer))
        .merge(collection(
            "/quotas",
            get(reservations::list_quotas).post(reservations::create_quota),
        ))
        .route("/quotas/{id}", delete(reservations::delete_quota))
        .merge(collection(
            "/resource-types",
            get(resources::list_types).post(resources::create_type),
        ))
        .route(
            "/resource-types/{id}",
            patch(resources::update_type)
                .put(resources::update_type)
                .delete(resources::delete_type),
        )
        .merge(collection("/tags", get(resources::list_tags)))
        .route("/tags/merge", post(resources::merge_tags))
        .route(
            "/tags/{name}",
            patch(resources::rename_tag)
                .put(resources::rename_tag)
                .delete(resources::delete_tag),
        )
        .route("/blackout-dates/{id}", delete(resources::delete_blackout))
        .route("/exceptions/{id}", delete(resources::delete_closure));
    // Rules, hours, blackout dates and exceptions at each level: the installation (`""`),
    // a group and a resource.
    let v1 = ["", "/groups/{id}", "/resources/{id}"]
        .into_iter()
        .fold(v1, |router, level| {
            router
                .route(
                    &format!("{level}/rules"),
                    get(resources::get_rules).put(resources::set_rules),
                )
                .route(
                    &format!("{level}/business-hours"),
                    get(resources::get_hours).put(resources::set_hours),
                )
                .merge(collection(
                    &format!("{level}/blackout-dates"),
                    get(resources::list_blackouts).post(resources::add_blackout),
                ))
                .merge(collection(
                    &format!("{level}/exceptions"),
                    get(resources::list_closures).post(resources::add_closure),
                ))
        });
    Router::new()
        .nest("/api/v1", v1)
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
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
