//! `GET /ws`: live updates over a WebSocket. The connection is authenticated once, at the
//! upgrade, by `?token=` (an access or personal token), an `Authorization: Bearer` header, or
//! the browser session cookie (then only from this site's pages, so another site cannot open
//! it with the visitor's cookie). It then receives `{"type","data"}` text messages for the
//! changes its account may hear of (`app::services::live` decides). Every 30 seconds
//! (`--live-check-seconds`) the credential is checked again and a ping sent; a signed-out,
//! revoked or expired credential ends the connection with close code 1008 (a check the
//! database could not answer is tried again at the next one), and a connection that left a
//! ping unanswered for two intervals is taken for dead and dropped, freeing its place. One
//! account may hold `live::MAX_CONNECTIONS_PER_ACCOUNT` connections at once; another is
//! refused with 429.
//!
//! A page reads what it shows before its connection opens, and a change in between would not
//! be heard: `?catch_up_ms=N` makes the first message a `resync` when a change the account
//! would hear of was made within the last N milliseconds.

use std::sync::Arc;

use app::services::ServiceError;
use app::services::authz::Principal;
use app::services::credentials;
use app::services::live::{self, LiveEvent};
use axum::Router;
use axum::extract::State;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade, close_code};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;

use super::AppState;
use super::api::ApiError;
use super::api::extract::{ApiQuery, SESSION_KINDS, TOKEN_KINDS, presented};
use super::csrf::same_site;

/// Clients only listen; anything larger than this from them is refused.
const MAX_INCOMING: usize = 4 * 1024;

pub fn router() -> Router<AppState> {
    Router::new().route("/ws", get(upgrade))
}

#[derive(Deserialize)]
struct Params {
    token: Option<String>,
    catch_up_ms: Option<u64>,
}

async fn upgrade(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<Params>,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    // Caught up from when the request arrived, before the checks below take their time.
    let arrived = chrono::Utc::now();
    let upgrade = upgrade.map_err(|rejection| {
        ApiError::bad_request(
            "websocket_expected",
            format!("connect with a WebSocket client ({rejection})"),
        )
    })?;
    let (secret, kinds) = match params.token.as_deref() {
        Some(token) => (token, TOKEN_KINDS),
        None => presented(&headers)
            .ok_or_else(|| ApiError::unauthorized("sign in, or pass ?token=<access token>"))?,
    };
    // Browsers send cookies with any page's WebSocket, so the cookie must come from ours.
    if kinds == SESSION_KINDS {
        same_site(&headers).map_err(|reason| ApiError::forbidden("cross_site_request", reason))?;
    }
    let principal = credentials::authenticate_secret(&state.db, &state.auth, secret, kinds).await?;
    let seat = state
        .live
        .seat(principal.user_id)
        .ok_or_else(|| ApiError::too_many_connections(live::MAX_CONNECTIONS_PER_ACCOUNT))?;
    let events = state.live.subscribe();
    // Asked once subscribed: a change committed after this read is heard as it happens.
    let missed = match params.catch_up_ms {
        Some(ms) => {
            let since = i64::try_from(ms)
                .ok()
                .and_then(chrono::TimeDelta::try_milliseconds)
                .and_then(|back| arrived.checked_sub_signed(back))
                .unwrap_or(chrono::DateTime::<chrono::Utc>::MIN_UTC);
            live::heard_since(&state.db, &principal, since).await?
        }
        None => false,
    };
    Ok(upgrade
        .max_message_size(MAX_INCOMING)
        .on_upgrade(move |socket| async move {
            serve(socket, state, principal, events, missed).await;
            drop(seat);
        })
        .into_response())
}

/// Tells a client to read afresh what it shows; `missed` is how many messages it missed,
/// when known.
fn resync(missed: Option<u64>) -> Message {
    Message::Text(
        json!({"type": live::RESYNC, "data": {"missed": missed}})
            .to_string()
            .into(),
    )
}

async fn serve(
    mut socket: WebSocket,
    state: AppState,
    mut principal: Principal,
    mut events: Receiver<Arc<LiveEvent>>,
    missed: bool,
) {
    if missed && socket.send(resync(None)).await.is_err() {
        return;
    }
    let every = state.live_check;
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    // A slow send or credential check delays the next check rather than bunching them up.
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // When the oldest ping still unanswered was sent (browsers answer them by themselves).
    let mut unanswered_since: Option<tokio::time::Instant> = None;
    loop {
        let outgoing = tokio::select! {
            // What the client sent first, so a pong already here counts before a check.
            biased;
            incoming = socket.recv() => match incoming {
                // Pings are answered by the library; clients have nothing else to say.
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(Message::Pong(_))) => {
                    unanswered_since = None;
                    continue;
                }
                Some(Ok(_)) => continue,
            },
            event = events.recv() => match event {
                Ok(event) => match event.message_for(&principal) {
                    Some(text) => Message::Text(text.into()),
                    None => continue,
                },
                // This connection fell behind: tell it to read afresh what it shows.
                Err(RecvError::Lagged(missed)) => resync(Some(missed)),
                Err(RecvError::Closed) => break,
            },
            // A ping unanswered for two whole intervals: the peer is gone (a closed laptop, a
            // dropped network), though TCP may not notice for many minutes.
            _ = recheck.tick() => {
                let now = tokio::time::Instant::now();
                if unanswered_since.is_some_and(|sent| now - sent >= 2 * every) {
                    break;
                }
                unanswered_since.get_or_insert(now);
                match check_again(&mut socket, &state, &mut principal).await {
                    Some(ping) => ping,
                    None => break,
                }
            }
        };
        if socket.send(outgoing).await.is_err() {
            break;
        }
    }
}

/// Checks the connection's credential again: a ping to send when it still holds (or the
/// database could not say, so it is asked again next time); none once the connection was
/// closed with 1008 because it is signed out, revoked or expired.
async fn check_again(
    socket: &mut WebSocket,
    state: &AppState,
    principal: &mut Principal,
) -> Option<Message> {
    match credentials::recheck(&state.db, &state.auth, principal).await {
        Ok(current) => *principal = current,
        Err(error) if !matches!(error, ServiceError::Unauthorized { .. }) => {
            tracing::warn!(%error, "could not check a live connection's credential again");
        }
        Err(_) => {
            let _ = socket
                .send(Message::Close(Some(CloseFrame {
                    code: close_code::POLICY,
                    reason: "signed out, revoked or expired".into(),
                })))
                .await;
            return None;
        }
    }
    Some(Message::Ping(Default::default()))
}
