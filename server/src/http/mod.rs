//! The HTTP surface: one router for pages (SSR + hydration), server functions, the REST API
//! under `/api/v1` and the operations endpoints (with `/metrics`).

pub mod api;
mod client;
mod csp;
mod csrf;
mod live;
pub mod metrics;
mod ops;
pub mod rate_limit;

use app::services::AuthSettings;
use app::services::waitlist::BookingSettings;
use axum::Router;
use axum::extract::FromRef;
use axum::http::{HeaderName, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: AuthSettings,
    pub booking: BookingSettings,
    pub rate_limiter: rate_limit::RateLimiter,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
    /// This process's request counters, served at `/metrics`.
    pub metrics: metrics::Metrics,
    /// Sends webhook test deliveries (the worker has its own copy).
    pub webhooks: crate::webhooks::Sender,
    /// This process's committed changes, for `/ws` connections.
    pub live: app::services::live::Feed,
    /// How often an open `/ws` connection is checked and pinged.
    pub live_check: std::time::Duration,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let server_context = {
        let db = state.db.clone();
        let auth = state.auth.clone();
        let booking = state.booking;
        move || {
            provide_context(db.clone());
            provide_context(auth.clone());
            provide_context(booking);
            csp::provide_request_nonce();
        }
    };
    let shell = {
        let options = state.leptos_options.clone();
        move || app::shell(options.clone())
    };
    // The bundle is pre-compressed at build time (brotli q11, gzip -9); serve those files as-is.
    // A build's code is in a folder of its own, named by the build (`startup::bundle_dir`), so
    // browsers keep it without asking again; the style sheet and the messages beside it keep
    // their names from build to build, so browsers revalidate them (a 304 when unchanged).
    // A file missing from a build's folder may be there a moment later (a deployment still
    // copying): only what was found is kept.
    let site_root = std::path::Path::new(&*state.leptos_options.site_root);
    let served = |dir: std::path::PathBuf, kept: bool| {
        let cache = move |response: &axum::http::Response<ServeFileSystemResponseBody>| {
            Some(HeaderValue::from_static(
                if kept && response.status().is_success() {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                },
            ))
        };
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::appending(
                header::VARY,
                HeaderValue::from_static("accept-encoding"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                cache,
            ))
            .service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
    };
    let bundle_dir = &*state.leptos_options.site_pkg_dir;
    let mut router = Router::new().nest_service("/pkg", served(site_root.join("pkg"), false));
    if bundle_dir != "pkg" {
        router = router.nest_service(
            &format!("/{bundle_dir}"),
            served(site_root.join(bundle_dir), true),
        );
    }
    // The service worker (`public/sw.js`): always asked for afresh, and allowed to fetch from
    // this site (its fetches follow its own policy, not a page's).
    let worker = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(WORKER_CSP),
        ))
        .service(ServeFile::new(site_root.join("sw.js")));
    router
        .route_service("/sw.js", worker)
        .merge(ops::router())
        .merge(api::router())
        .merge(live::router())
        .leptos_routes_with_context(&state, routes, server_context.clone(), shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(server_context, app::shell))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn(csrf::guard))
        .layer(axum::middleware::from_fn_with_state(
            state.rate_limiter.clone(),
            rate_limit::limit,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.trusted_proxies.clone(),
            client::resolve_client,
        ))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(
            header::REFERRER_POLICY,
            "strict-origin-when-cross-origin",
        ))
        .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
        // Pages get their nonce policy first; everything else the default after.
        .layer(axum::middleware::from_fn(csp::page_policy))
        .layer(security_header(
            header::CONTENT_SECURITY_POLICY,
            DEFAULT_CSP,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.metrics.clone(),
            metrics::track,
        ))
        // Spans name the path only: a query may carry a token (`/ws?token=`).
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            }),
        )
        .with_state(state)
}

/// Everything that is not a rendered page (JSON, files) runs nothing and is never framed.
const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
const WORKER_CSP: &str = "default-src 'none'; connect-src 'self'; frame-ancestors 'none'";

/// JSON under `/api`, plain text elsewhere.
async fn method_not_allowed(uri: Uri) -> Response {
    if api::is_api_path(uri.path()) {
        api::ApiError::method_not_allowed().into_response()
    } else {
        (
            axum::http::StatusCode::METHOD_NOT_ALLOWED,
            "Method not allowed",
        )
            .into_response()
    }
}

/// A header every response carries unless its handler set its own.
fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}
