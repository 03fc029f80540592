//! The versioned REST API (`/api/v1`, contract in `shared/docs/API.md`). Handlers are thin:
//! parse, call one service, map its error. Everything under `/api` answers JSON, errors
//! included: `{"detail": "...", "code": "..."}`. Each operation is declared once, which routes
//! it and describes it in the OpenAPI document at `/api/openapi.json`.

mod accounts;
mod analytics;
mod audit;
mod calendar;
mod directory;
mod error;
pub(super) mod extract;
mod notifications;
mod openapi;
mod reservations;
mod resources;
mod webhooks;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{any, get, post};
use futures_util::StreamExt;
use tower_http::catch_panic::CatchPanicLayer;

pub use error::ApiError;
use openapi::{Api, Verb};

use super::AppState;

pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

pub fn router() -> Router<AppState> {
    use Verb::{Delete, Get, Patch, Post, Put};
    let api = Api::default()
        .public(
            Get,
            "/setup/status",
            "Whether the first admin exists yet",
            accounts::setup_status,
        )
        .public(
            Post,
            "/setup/initialize",
            "Create the first admin",
            accounts::initialize,
        )
        .public(Post, "/register", "Create an account", accounts::register)
        .public(
            Post,
            "/token",
            "Sign in (OAuth2 password form): access and refresh tokens",
            accounts::token,
        )
        .public(
            Post,
            "/token/refresh",
            "Trade a refresh token for new tokens",
            accounts::refresh,
        )
        .op(
            Post,
            "/logout",
            "Sign out: end this session",
            accounts::logout,
        )
        .op(Get, "/users/me", "My account", accounts::me)
        .op(
            Patch,
            "/users/me/preferences",
            "Change my time zone, language and reminders",
            accounts::update_preferences,
        )
        .op(
            Post,
            "/users/me/password",
            "Change my password",
            accounts::change_password,
        )
        .op(
            Get,
            "/users/me/sessions",
            "My sessions",
            accounts::my_sessions,
        )
        .collection("/users/me/sessions")
        .op(
            Delete,
            "/users/me/sessions/{id}",
            "End one of my sessions",
            accounts::revoke_session,
        )
        .op(
            Get,
            "/users/me/tokens",
            "My personal API tokens",
            accounts::my_tokens,
        )
        .op(
            Post,
            "/users/me/tokens",
            "Create a personal API token",
            accounts::create_token,
        )
        .collection("/users/me/tokens")
        .op(
            Delete,
            "/users/me/tokens/{id}",
            "Revoke a personal API token",
            accounts::revoke_token,
        )
        .op(
            Get,
            "/sessions",
            "Every session (admins)",
            accounts::all_sessions,
        )
        .collection("/sessions")
        .op(
            Delete,
            "/sessions/{id}",
            "End a session (admins)",
            accounts::revoke_session,
        )
        .op(
            Post,
            "/auth/mfa/setup",
            "Start two-factor sign-in: a secret to scan",
            accounts::mfa_setup,
        )
        .op(
            Post,
            "/auth/mfa/verify",
            "Turn two-factor sign-in on with a first code",
            accounts::mfa_verify,
        )
        .op(
            Post,
            "/auth/mfa/disable",
            "Turn two-factor sign-in off",
            accounts::mfa_disable,
        )
        .op(
            Get,
            "/users",
            "People (`?q=` searches)",
            directory::list_users,
        )
        .op(Post, "/users", "Create a person", directory::create_user)
        .collection("/users")
        .op(Get, "/users/{id}", "A person", directory::get_user)
        .op(
            Patch,
            "/users/{id}",
            "Change a person",
            directory::update_user,
        )
        .op(
            Put,
            "/users/{id}",
            "Change a person",
            directory::update_user,
        )
        .op(
            Delete,
            "/users/{id}",
            "Disable a person",
            directory::disable_user,
        )
        .op(
            Post,
            "/users/{id}/password-reset",
            "Reset a person's password",
            directory::reset_password,
        )
        .op(
            Get,
            "/permissions",
            "Every permission there is",
            directory::list_permissions,
        )
        .collection("/permissions")
        .op(Get, "/roles", "Roles", directory::list_roles)
        .op(Post, "/roles", "Create a role", directory::create_role)
        .collection("/roles")
        .op(Get, "/roles/{id}", "A role", directory::get_role)
        .op(
            Patch,
            "/roles/{id}",
            "Change a role",
            directory::update_role,
        )
        .op(Put, "/roles/{id}", "Change a role", directory::update_role)
        .op(
            Delete,
            "/roles/{id}",
            "Delete a role",
            directory::delete_role,
        )
        .op(Get, "/groups", "Groups", directory::list_groups)
        .op(Post, "/groups", "Create a group", directory::create_group)
        .collection("/groups")
        .op(Get, "/groups/{id}", "A group", directory::get_group)
        .op(
            Patch,
            "/groups/{id}",
            "Change a group",
            directory::update_group,
        )
        .op(
            Put,
            "/groups/{id}",
            "Change a group",
            directory::update_group,
        )
        .op(
            Delete,
            "/groups/{id}",
            "Delete a group",
            directory::delete_group,
        )
        .op(
            Put,
            "/groups/{id}/members/{user_id}",
            "Add a member to a group",
            directory::add_member,
        )
        .op(
            Delete,
            "/groups/{id}/members/{user_id}",
            "Remove a member from a group",
            directory::remove_member,
        )
        .op(
            Get,
            "/resources",
            "Resources (filters: type, tags, group, status, `q`)",
            resources::list,
        )
        .op(Post, "/resources", "Create a resource", resources::create)
        .collection("/resources")
        .op(
            Get,
            "/resources/search",
            "Resources free for a time, with filters",
            resources::search,
        )
        .route(
            Post,
            "/resources/upload",
            "Import resources from CSV (multipart)",
            true,
            post(resources::import_csv).layer(DefaultBodyLimit::max(resources::MAX_UPLOAD_BYTES)),
        )
        .op(
            Get,
            "/resources/export.csv",
            "Every resource as CSV",
            resources::export_csv,
        )
        .op(Get, "/resources/{id}", "A resource", resources::get)
        .op(
            Put,
            "/resources/{id}",
            "Change a resource",
            resources::update,
        )
        .op(
            Patch,
            "/resources/{id}",
            "Change a resource",
            resources::update,
        )
        .op(
            Delete,
            "/resources/{id}",
            "Delete a resource",
            resources::delete,
        )
        .op(
            Get,
            "/resources/{id}/available-slots",
            "Free slots of a resource over a span",
            resources::available_slots,
        )
        .op(
            Get,
            "/resources/{id}/next-available",
            "The next free slot of a length",
            resources::next_available,
        )
        .op(
            Get,
            "/resources/{id}/schedule",
            "A resource's bookings over a span (default: the coming week)",
            resources::schedule,
        )
        .collection("/resources/{id}/schedule")
        .op(
            Post,
            "/reservations/check",
            "Would this booking be accepted, and if not why",
            resources::check,
        )
        .op(
            Post,
            "/reservations",
            "Book (`Idempotency-Key` makes retries safe)",
            reservations::create,
        )
        .collection("/reservations")
        .op(
            Post,
            "/reservations/recurring",
            "Book a recurring series",
            reservations::create_series,
        )
        .op(
            Get,
            "/reservations/my",
            "My reservations",
            reservations::mine,
        )
        .collection("/reservations/my")
        .op(
            Get,
            "/reservations/{id}",
            "A reservation",
            reservations::get,
        )
        .op(
            Patch,
            "/reservations/{id}",
            "Move or change a reservation",
            reservations::reschedule,
        )
        .op(
            Put,
            "/reservations/{id}",
            "Move or change a reservation",
            reservations::reschedule,
        )
        .op(
            Post,
            "/reservations/{id}/cancel",
            "Cancel a reservation (or its series)",
            reservations::cancel,
        )
        .op(
            Get,
            "/reservations/{id}/history",
            "A reservation's history",
            reservations::history,
        )
        .collection("/reservations/{id}/history")
        .op(
            Get,
            "/calendar/export/{id}.ics",
            "One reservation as an .ics file",
            calendar::export,
        )
        .public(
            Get,
            "/calendar/feed/{token}.ics",
            "A person's calendar feed (the address is the credential)",
            calendar::feed,
        )
        .op(
            Get,
            "/calendar/subscription-url",
            "The address of my calendar feed",
            calendar::subscription_url,
        )
        .op(
            Post,
            "/calendar/regenerate-token",
            "A new feed address, retiring the old one",
            calendar::regenerate_token,
        )
        .op(
            Get,
            "/notifications",
            "My notifications, newest first (`?unread_only=`)",
            notifications::list,
        )
        .collection("/notifications")
        .op(
            Post,
            "/notifications/mark-all-read",
            "Mark all my notifications read",
            notifications::mark_all_read,
        )
        .op(
            Post,
            "/notifications/{id}/read",
            "Mark one of my notifications read",
            notifications::mark_read,
        )
        .op(
            Get,
            "/analytics/dashboard",
            "Bookings, cancellations, utilisation and peaks at a glance (`?from=&to=` or `?days=`)",
            analytics::dashboard,
        )
        .op(
            Get,
            "/analytics/utilization",
            "Each resource's booked and open hours (`?from=&to=&resource_id=`)",
            analytics::utilization,
        )
        .op(
            Get,
            "/analytics/peak-times",
            "Bookings by local hour of the day and day of the week",
            analytics::peak_times,
        )
        .op(
            Get,
            "/analytics/popular-resources",
            "The resources booked most often (`?limit=`)",
            analytics::popular_resources,
        )
        .collection("/analytics/popular-resources")
        .op(
            Get,
            "/analytics/export/utilization.csv",
            "Utilisation as CSV",
            analytics::utilization_csv,
        )
        .op(
            Get,
            "/analytics/export/reservations.csv",
            "The period's reservations as CSV",
            analytics::reservations_csv,
        )
        .op(
            Get,
            "/audit/logs",
            "The audit log, newest first (`?actor=&action=&entity_type=&entity_id=&from=&to=`)",
            audit::logs,
        )
        .collection("/audit/logs")
        .op(
            Get,
            "/audit/export/csv",
            "The audit log as CSV (same filters)",
            audit::export_csv,
        )
        .op(
            Get,
            "/audit/export/json",
            "The audit log as JSON (same filters)",
            audit::export_json,
        )
        .op(
            Get,
            "/webhooks/events",
            "The events a webhook may subscribe to",
            webhooks::events,
        )
        .op(Get, "/webhooks", "Webhooks (mine, or all)", webhooks::list)
        .op(
            Post,
            "/webhooks",
            "Create a webhook: 201 with its signing secret, shown once",
            webhooks::create,
        )
        .collection("/webhooks")
        .op(Get, "/webhooks/{id}", "A webhook", webhooks::get)
        .op(
            Patch,
            "/webhooks/{id}",
            "Change a webhook's address, events, description or whether it is active",
            webhooks::update,
        )
        .op(
            Delete,
            "/webhooks/{id}",
            "Delete a webhook and its history",
            webhooks::delete,
        )
        .op(
            Get,
            "/webhooks/{id}/deliveries",
            "A webhook's deliveries, newest first (`?status=pending|delivered|failed`)",
            webhooks::deliveries,
        )
        .collection("/webhooks/{id}/deliveries")
        .op(
            Get,
            "/webhooks/{id}/deliveries/{delivery_id}",
            "One delivery",
            webhooks::delivery,
        )
        .op(
            Post,
            "/webhooks/{id}/test",
            "Send a test event now; answers with the delivery",
            webhooks::test,
        )
        .op(
            Get,
            "/approvals/pending",
            "Requests waiting for me to decide",
            reservations::pending_approvals,
        )
        .collection("/approvals/pending")
        .op(
            Post,
            "/approvals/{reservation_id}/respond",
            "Approve or reject a request",
            reservations::respond,
        )
        .op(
            Get,
            "/approvals/resources/{id}/settings",
            "Whether a resource needs approval, and who approves",
            reservations::approval_settings,
        )
        .op(
            Put,
            "/approvals/resources/{id}/settings",
            "Change a resource's approval settings",
            reservations::update_approval_settings,
        )
        .op(
            Get,
            "/waitlist",
            "My waitlist entries",
            reservations::my_waitlist,
        )
        .op(
            Post,
            "/waitlist",
            "Wait for a taken time",
            reservations::join_waitlist,
        )
        .collection("/waitlist")
        .op(
            Delete,
            "/waitlist/{id}",
            "Leave the waitlist",
            reservations::leave_waitlist,
        )
        .op(
            Post,
            "/waitlist/{id}/accept",
            "Accept an offer: it becomes a booking",
            reservations::accept_offer,
        )
        .op(
            Post,
            "/waitlist/{id}/decline",
            "Decline an offer: it passes on",
            reservations::decline_offer,
        )
        .op(Get, "/quotas", "Booking quotas", reservations::list_quotas)
        .op(
            Post,
            "/quotas",
            "Create a quota",
            reservations::create_quota,
        )
        .collection("/quotas")
        .op(
            Delete,
            "/quotas/{id}",
            "Delete a quota",
            reservations::delete_quota,
        )
        .op(
            Get,
            "/resource-types",
            "Resource types",
            resources::list_types,
        )
        .op(
            Post,
            "/resource-types",
            "Create a resource type",
            resources::create_type,
        )
        .collection("/resource-types")
        .op(
            Patch,
            "/resource-types/{id}",
            "Change a resource type",
            resources::update_type,
        )
        .op(
            Put,
            "/resource-types/{id}",
            "Change a resource type",
            resources::update_type,
        )
        .op(
            Delete,
            "/resource-types/{id}",
            "Delete a resource type",
            resources::delete_type,
        )
        .op(Get, "/tags", "Tags in use", resources::list_tags)
        .collection("/tags")
        .op(
            Post,
            "/tags/merge",
            "Merge tags into one",
            resources::merge_tags,
        )
        .op(Patch, "/tags/{name}", "Rename a tag", resources::rename_tag)
        .op(Put, "/tags/{name}", "Rename a tag", resources::rename_tag)
        .op(
            Delete,
            "/tags/{name}",
            "Remove a tag from every resource",
            resources::delete_tag,
        )
        .op(
            Delete,
            "/blackout-dates/{id}",
            "Delete a blackout date",
            resources::delete_blackout,
        )
        .op(
            Delete,
            "/exceptions/{id}",
            "Delete an exception",
            resources::delete_closure,
        );
    // Rules, hours, blackout dates and exceptions at each level: the installation (`""`),
    // a group and a resource.
    let api = [
        ("", "the installation"),
        ("/groups/{id}", "a group"),
        ("/resources/{id}", "a resource"),
    ]
    .into_iter()
    .fold(api, |api, (level, of)| {
        api.op(
            Get,
            &format!("{level}/rules"),
            &format!("Booking rules of {of}"),
            resources::get_rules,
        )
        .op(
            Put,
            &format!("{level}/rules"),
            &format!("Set the booking rules of {of}"),
            resources::set_rules,
        )
        .op(
            Get,
            &format!("{level}/business-hours"),
            &format!("Opening hours of {of}"),
            resources::get_hours,
        )
        .op(
            Put,
            &format!("{level}/business-hours"),
            &format!("Set the opening hours of {of}"),
            resources::set_hours,
        )
        .op(
            Get,
            &format!("{level}/blackout-dates"),
            &format!("Blackout dates of {of}"),
            resources::list_blackouts,
        )
        .op(
            Post,
            &format!("{level}/blackout-dates"),
            &format!("Add a blackout date to {of}"),
            resources::add_blackout,
        )
        .collection(&format!("{level}/blackout-dates"))
        .op(
            Get,
            &format!("{level}/exceptions"),
            &format!("Exceptional closures of {of}"),
            resources::list_closures,
        )
        .op(
            Post,
            &format!("{level}/exceptions"),
            &format!("Add an exceptional closure to {of}"),
            resources::add_closure,
        )
        .collection(&format!("{level}/exceptions"))
    });
    // Served by `ops` and `live`, listed here so the document holds the whole contract.
    let api = api
        .elsewhere(Get, "/health", "Version, database engine and whether it answers", false)
        .elsewhere(Get, "/ready", "200 while the database answers, else 503", false)
        .elsewhere(Get, "/live", "200 while the process runs", false)
        .elsewhere(Get, "/metrics", "Request and booking counters (Prometheus text)", false)
        .elsewhere(
            Get,
            "/ws",
            "Live updates over a WebSocket: `{\"type\",\"data\"}` messages (session cookie, bearer token or `?token=`); `?catch_up_ms=N` first sends `resync` if a change was made in the last N ms",
            true,
        );
    let (v1, document) = api.finish();
    let document = Bytes::from(document.to_string());
    Router::new()
        .nest(openapi::PREFIX, v1)
        .route(
            "/api/openapi.json",
            get(move || {
                let body = document.clone();
                async move { ([(CONTENT_TYPE, "application/json")], body) }
            }),
        )
        .route("/api", any(not_found))
        .route("/api/", any(not_found))
        .route("/api/{*rest}", any(not_found))
        .layer(axum::middleware::from_fn(read_body_first))
        .layer(CatchPanicLayer::custom(error::panic_response))
}

/// How much of a request's body is read before it is handled: far more than any API call's
/// JSON, little enough that requests not yet signed in hold little memory. Larger bodies
/// (CSV uploads) go on streaming.
const READ_FIRST_BYTES: usize = 256 * 1024;

/// Reads a request's body (up to `READ_FIRST_BYTES`) before it is handled. An answer given
/// before the body was read, such as a 401 from the credential check or a 404 for an unknown
/// path, otherwise left the body unread, and the connection was then closed without notice:
/// a client's next request on that kept-alive connection got no answer.
async fn read_body_first(request: Request, next: Next) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let mut stream = body.into_data_stream();
    let mut read: Vec<Bytes> = Vec::new();
    let mut length = 0;
    while length <= READ_FIRST_BYTES {
        match stream.next().await {
            Some(Ok(chunk)) => {
                length += chunk.len();
                read.push(chunk);
            }
            Some(Err(_)) => {
                return Err(ApiError::bad_request(
                    "unreadable_body",
                    "the request body could not be read",
                ));
            }
            None => {
                let body = Body::from(read.concat());
                return Ok(next.run(Request::from_parts(parts, body)).await);
            }
        }
    }
    let rest = futures_util::stream::iter(read.into_iter().map(Ok)).chain(stream);
    Ok(next
        .run(Request::from_parts(parts, Body::from_stream(rest)))
        .await)
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such API endpoint")
}
