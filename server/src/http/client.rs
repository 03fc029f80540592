//! The client's address, resolved once per request (through trusted reverse proxies) and
//! kept in the request's extensions for lockout, rate limits and session records.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use app::services::client::ClientAddr;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// Resolves the client's address once (through the trusted proxies) for everything after.
pub async fn resolve_client(
    State(trusted): State<Arc<[IpAddr]>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        let forwarded_for = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let client = ClientAddr::resolve(peer.ip(), forwarded_for, &trusted);
        request.extensions_mut().insert(client);
    }
    next.run(request).await
}
