//! Live updates over `GET /ws`, with a real WebSocket client: who hears of which change, what
//! a refused change announces (nothing), waitlist offers and their holds, how a connection is
//! authenticated, and changes made through a second server process on the same database
//! (heard on SQLite by the feed's once-a-second read, on PostgreSQL through `NOTIFY`).

use std::time::Duration;

use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

use crate::reservations::{book, create_resource};
use crate::support::{Engine, TestApp, TestDatabase, spawn_app, spawn_app_with};

on_both_engines!(
    bookings_are_announced_to_whoever_may_hear_of_them,
    a_waitlist_offer_is_announced_to_the_person_offered_only,
    connecting_needs_a_credential_and_a_cookie_needs_this_site,
    signing_out_ends_the_connection_at_the_next_check,
    a_connection_that_stops_answering_pings_is_dropped,
    changes_made_through_another_server_reach_this_ones_clients,
    a_connection_asking_to_catch_up_is_told_of_a_change_it_missed,
);

/// How a test client proves who it is.
enum Via<'a> {
    Nothing,
    Query(&'a str),
    /// `?token=` and `?catch_up_ms=`.
    CatchingUp(&'a str, &'a str),
    Bearer(&'a str),
    Cookie {
        cookie: &'a str,
        origin: &'a str,
    },
}

/// An open `/ws` connection.
struct Live(WebSocketStream<MaybeTlsStream<tokio::net::TcpStream>>);

/// Why `/ws` refused to connect.
struct Refused {
    status: u16,
    body: Value,
    retry_after: Option<String>,
}

/// Opens `/ws` on the server at `address`; a refused upgrade gives its status, JSON body and
/// `Retry-After`.
async fn open(address: &str, via: Via<'_>) -> Result<Live, Refused> {
    let base = format!("{}/ws", address.replacen("http://", "ws://", 1));
    let url = match via {
        Via::Query(token) => format!("{base}?token={token}"),
        Via::CatchingUp(token, ms) => format!("{base}?token={token}&catch_up_ms={ms}"),
        _ => base,
    };
    let mut request = url.into_client_request().expect("a WebSocket request");
    let headers = request.headers_mut();
    match via {
        Via::Bearer(token) => {
            headers.insert(
                "authorization",
                format!("Bearer {token}").parse().expect("header"),
            );
        }
        Via::Cookie { cookie, origin } => {
            headers.insert("cookie", cookie.parse().expect("header"));
            headers.insert("origin", origin.parse().expect("header"));
        }
        Via::Nothing | Via::Query(_) | Via::CatchingUp(..) => {}
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((stream, _)) => Ok(Live(stream)),
        Err(tungstenite::Error::Http(response)) => {
            let body = response
                .body()
                .as_deref()
                .and_then(|b| serde_json::from_slice(b).ok())
                .unwrap_or(Value::Null);
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            Err(Refused {
                status: response.status().as_u16(),
                body,
                retry_after,
            })
        }
        Err(other) => panic!("connecting to /ws failed: {other}"),
    }
}

async fn connect(address: &str, via: Via<'_>) -> Live {
    match open(address, via).await {
        Ok(live) => live,
        Err(Refused { status, body, .. }) => panic!("/ws refused with {status}: {body}"),
    }
}

impl Live {
    /// The next message's type and data (pings skipped), within five seconds.
    async fn next(&mut self) -> (String, Value) {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), self.0.next())
                .await
                .expect("a message within 5 s")
                .expect("the connection is open")
                .expect("a frame");
            match frame {
                Message::Text(text) => {
                    let message: Value = serde_json::from_str(text.as_str()).expect("JSON");
                    let kind = message["type"].as_str().expect("a type").to_owned();
                    return (kind, message["data"].clone());
                }
                Message::Ping(_) | Message::Pong(_) => {}
                other => panic!("unexpected frame {other:?}"),
            }
        }
    }

    /// The next message, which must be of type `kind`; its data.
    async fn expect(&mut self, kind: &str) -> Value {
        let (got, data) = self.next().await;
        assert_eq!(got, kind, "{data}");
        data
    }
}

/// What someone who is neither the owner nor an admin hears of a booking.
fn public(booking: &Value, status: &str) -> Value {
    json!({
        "id": booking["id"],
        "resource_id": booking["resource_id"],
        "start_time": booking["start_time"],
        "end_time": booking["end_time"],
        "status": status,
    })
}

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    app.send_as(Method::POST, token, path, Some(body)).await
}

async fn bookings_are_announced_to_whoever_may_hear_of_them(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
    let mut ana_live = connect(&app.address, Via::Query(&ana)).await;
    let mut bea_live = connect(&app.address, Via::Bearer(&bea)).await;
    let cookie = app.session_cookie(&admin).await;
    let mut admin_live = connect(
        &app.address,
        Via::Cookie {
            cookie: &cookie,
            origin: &app.address,
        },
    )
    .await;
    let metrics = app.get("/metrics").await.text().await.expect("text");
    assert!(
        metrics.contains("\nreserver_live_connections 3\n"),
        "{metrics}"
    );

    // Ana books: she and the admin hear of the whole booking, Bea of its time only.
    let (status, made) = post(
        &app,
        &ana,
        "/api/v1/reservations",
        json!({"resource_id": room, "title": "Budget review",
               "start_time": "2027-05-03T09:00:00Z", "end_time": "2027-05-03T10:00:00Z"}),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    for live in [&mut ana_live, &mut admin_live] {
        let data = live.expect("reservation_created").await;
        assert_eq!(data, made);
        assert_eq!(data["title"], "Budget review");
    }
    assert_eq!(
        bea_live.expect("reservation_created").await,
        public(&made, "active")
    );

    // Bea's overlapping request is refused and announced to nobody: the next thing everyone
    // hears of is her booking of a free hour.
    let (status, _) = book(
        &app,
        &bea,
        room,
        "2027-05-03T09:30:00Z",
        "2027-05-03T10:30:00Z",
    )
    .await;
    assert_eq!(status, 409);
    let (status, later) = book(
        &app,
        &bea,
        room,
        "2027-05-03T11:00:00Z",
        "2027-05-03T12:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{later}");
    assert_eq!(
        ana_live.expect("reservation_created").await,
        public(&later, "active")
    );
    for live in [&mut bea_live, &mut admin_live] {
        assert_eq!(live.expect("reservation_created").await, later);
    }

    // Ana cancels.
    let (status, _) = post(
        &app,
        &ana,
        &format!("/api/v1/reservations/{}/cancel", made["id"]),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    let cancelled = ana_live.expect("reservation_cancelled").await;
    assert_eq!(
        (cancelled["id"].clone(), cancelled["status"].clone()),
        (made["id"].clone(), json!("cancelled"))
    );
    assert_eq!(
        admin_live.expect("reservation_cancelled").await["status"],
        "cancelled"
    );
    assert_eq!(
        bea_live.expect("reservation_cancelled").await,
        public(&made, "cancelled")
    );

    // A request on a resource that needs approval, approved; another, rejected.
    let studio = create_resource(
        &app,
        &admin,
        json!({"name": "Studio", "requires_approval": true}),
    )
    .await;
    let mut verdicts = Vec::new();
    for (day, approved, kind) in [
        ("04", true, "reservation_approved"),
        ("05", false, "reservation_rejected"),
    ] {
        let (status, pending) = book(
            &app,
            &ana,
            studio,
            &format!("2027-05-{day}T09:00:00Z"),
            &format!("2027-05-{day}T10:00:00Z"),
        )
        .await;
        assert_eq!(status, 201, "{pending}");
        assert_eq!(
            ana_live.expect("reservation_created").await["status"],
            "pending_approval"
        );
        let (status, body) = post(
            &app,
            &admin,
            &format!("/api/v1/approvals/{}/respond", pending["id"]),
            json!({"approved": approved, "reason": "Checked"}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let outcome = ana_live.expect(kind).await;
        assert_eq!(outcome["id"], pending["id"]);
        verdicts.push(outcome["status"].clone());
        assert_eq!(
            bea_live.expect("reservation_created").await["id"],
            pending["id"]
        );
        assert_eq!(bea_live.expect(kind).await["id"], pending["id"]);
    }
    assert_eq!(verdicts, [json!("active"), json!("rejected")]);

    // The room is taken out of use: everyone hears of it.
    let (status, body) = app
        .send_as(
            Method::PUT,
            &admin,
            &format!("/api/v1/resources/{room}"),
            Some(json!({"available": false})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    for live in [&mut ana_live, &mut bea_live] {
        assert_eq!(
            live.expect("resource_status_changed").await,
            json!({"id": room, "name": "Boardroom", "status": "unavailable", "available": false})
        );
    }
}

async fn a_waitlist_offer_is_announced_to_the_person_offered_only(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Kiln"})).await;
    let (start, end) = ("2027-09-01T09:00:00Z", "2027-09-01T10:00:00Z");
    let (_, taken) = book(&app, &bea, room, start, end).await;
    let (status, entry) = post(
        &app,
        &ana,
        "/api/v1/waitlist",
        json!({"resource_id": room, "desired_start": start, "desired_end": end}),
    )
    .await;
    assert_eq!(status, 201, "{entry}");
    let mut ana_live = connect(&app.address, Via::Query(&ana)).await;
    let mut bea_live = connect(&app.address, Via::Query(&bea)).await;

    let (status, _) = post(
        &app,
        &bea,
        &format!("/api/v1/reservations/{}/cancel", taken["id"]),
        json!({}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        ana_live.expect("reservation_cancelled").await,
        public(&taken, "cancelled")
    );
    // The hour is held for Ana (it blocks the slot like a booking), and offered to her.
    let hold = ana_live.expect("reservation_created").await;
    assert_eq!(
        (hold["status"].clone(), hold["start_time"].clone()),
        (json!("held"), json!(start))
    );
    let offer = ana_live.expect("waitlist_offer").await;
    assert_eq!(offer["id"], entry["id"]);
    assert_eq!(offer["status"], "offered");
    assert_eq!(offer["offer_start"], start);
    assert!(offer["offer_expires_at"].is_string(), "{offer}");

    // Bea hears of her cancellation and of the hold (its time only), not of the offer: her
    // next message is the room's status.
    assert_eq!(
        bea_live.expect("reservation_cancelled").await["id"],
        taken["id"]
    );
    assert_eq!(
        bea_live.expect("reservation_created").await,
        public(&hold, "held")
    );
    let (status, _) = app
        .send_as(
            Method::PUT,
            &admin,
            &format!("/api/v1/resources/{room}"),
            Some(json!({"status": "maintenance"})),
        )
        .await;
    assert_eq!(status, 200);
    let (kind, data) = bea_live.next().await;
    assert_eq!(
        (kind.as_str(), &data["status"]),
        ("resource_status_changed", &json!("maintenance"))
    );

    // Ana declines: the hold ends, and everyone sees the hour free again.
    let decline = format!("/api/v1/waitlist/{}/decline", entry["id"]);
    let (status, body) = post(&app, &ana, &decline, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let ended = bea_live.expect("reservation_cancelled").await;
    assert_eq!(
        (ended["id"].clone(), ended["status"].clone()),
        (hold["id"].clone(), json!("cancelled"))
    );
}

async fn connecting_needs_a_credential_and_a_cookie_needs_this_site(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;

    let Err(Refused { status, body, .. }) = open(&app.address, Via::Nothing).await else {
        panic!("connected without a credential");
    };
    assert_eq!(status, 401);
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{body}"
    );

    let Err(Refused { status, .. }) = open(&app.address, Via::Query("not-a-token")).await else {
        panic!("connected with a made-up token");
    };
    assert_eq!(status, 401);

    // A page of another site cannot open it with a visitor's cookie.
    let cookie = app.session_cookie(&admin).await;
    let Err(Refused { status, body, .. }) = open(
        &app.address,
        Via::Cookie {
            cookie: &cookie,
            origin: "https://elsewhere.example",
        },
    )
    .await
    else {
        panic!("connected from another site");
    };
    assert_eq!(
        (status, body["code"].clone()),
        (403, json!("cross_site_request"))
    );

    // A signed-out token no longer connects.
    let ana = app.user_token("ana").await;
    let (status, _) = post(&app, &ana, "/api/v1/logout", json!({})).await;
    assert_eq!(status, 204);
    let Err(Refused { status, .. }) = open(&app.address, Via::Query(&ana)).await else {
        panic!("connected after signing out");
    };
    assert_eq!(status, 401);

    // One account may hold 32 connections at once; a closed one frees its place.
    let bea = app.user_token("bea").await;
    let mut open_ones = Vec::new();
    for _ in 0..32 {
        open_ones.push(connect(&app.address, Via::Query(&bea)).await);
    }
    let Err(refused) = open(&app.address, Via::Query(&bea)).await else {
        panic!("a 33rd connection was accepted");
    };
    assert_eq!(
        (refused.status, refused.body["code"].clone()),
        (429, json!("too_many_connections"))
    );
    assert_eq!(refused.retry_after.as_deref(), Some("30"));
    open_ones
        .pop()
        .expect("one")
        .0
        .close(None)
        .await
        .expect("closed");
    let mut again = None;
    for _ in 0..50 {
        if let Ok(live) = open(&app.address, Via::Query(&bea)).await {
            again = Some(live);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        again.is_some(),
        "the closed connection's place was not freed"
    );

    // A plain request is told to use a WebSocket.
    let (status, body) = app.get_as(&admin, "/ws").await;
    assert_eq!(
        (status, body["code"].clone()),
        (400, json!("websocket_expected"))
    );
}

/// The app, checking open `/ws` connections every second (30 s by default).
async fn spawn_checking_every_second(engine: Engine) -> TestApp {
    let database = TestDatabase::create(engine).await;
    spawn_app_with(database, &[("--live-check-seconds", "1")]).await
}

async fn live_connections(app: &TestApp) -> String {
    let metrics = app.get("/metrics").await.text().await.expect("text");
    metrics
        .lines()
        .find_map(|line| line.strip_prefix("reserver_live_connections "))
        .expect("the gauge")
        .to_owned()
}

async fn signing_out_ends_the_connection_at_the_next_check(engine: Engine) {
    let app = spawn_checking_every_second(engine).await;
    let token = app.user_token("dan").await;
    let mut live = connect(&app.address, Via::Query(&token)).await;
    let (status, _) = post(&app, &token, "/api/v1/logout", json!({})).await;
    assert_eq!(status, 204);

    // The credential is checked again every second here; the next check closes with 1008.
    let close = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match live.0.next().await {
                Some(Ok(Message::Close(frame))) => return frame,
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
                other => panic!("expected a close frame, got {other:?}"),
            }
        }
    })
    .await
    .expect("closed within 10 s");
    let frame = close.expect("a close code");
    assert_eq!(u16::from(frame.code), 1008, "{frame:?}");
}

/// A client that stops answering pings (a closed laptop, a dropped network) is dropped after
/// one unanswered ping, freeing its place under the per-account cap; one that answers stays.
async fn a_connection_that_stops_answering_pings_is_dropped(engine: Engine) {
    let app = spawn_checking_every_second(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Studio"})).await;
    // Never read from, so its client never answers a ping.
    let silent = connect(&app.address, Via::Query(&ana)).await;
    let mut answering = connect(&app.address, Via::Query(&bea)).await;
    let reader = tokio::spawn(async move {
        // Reading answers pings; hold on until the booking below is heard.
        answering.expect("reservation_created").await
    });
    assert_eq!(live_connections(&app).await, "2");
    let mut gauge = String::new();
    for _ in 0..100 {
        gauge = live_connections(&app).await;
        if gauge == "1" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(gauge, "1", "the silent connection was not dropped");
    // Still 1 a few checks later: the answering one is kept.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(live_connections(&app).await, "1");
    let (status, made) = book(
        &app,
        &bea,
        room,
        "2027-06-01T09:00:00Z",
        "2027-06-01T10:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let heard = reader.await.expect("the reader");
    assert_eq!(heard["id"], made["id"]);
    drop(silent);
}

async fn changes_made_through_another_server_reach_this_ones_clients(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(&app, &admin, json!({"name": "Lab"})).await;
    let other = app.other_server().await;
    let mut on_other = connect(&other.address, Via::Query(&ana)).await;
    let mut on_first = connect(&app.address, Via::Query(&ana)).await;

    let (status, made) = book(
        &app,
        &ana,
        room,
        "2027-06-01T09:00:00Z",
        "2027-06-01T10:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{made}");
    assert_eq!(on_other.expect("reservation_created").await, made);
    assert_eq!(on_first.expect("reservation_created").await, made);

    // And the other way round: a cancel sent to the second server.
    let response = app
        .client
        .post(format!(
            "{}/api/v1/reservations/{}/cancel",
            other.address, made["id"]
        ))
        .bearer_auth(&ana)
        .json(&json!({}))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(
        on_first.expect("reservation_cancelled").await["id"],
        made["id"]
    );
    assert_eq!(
        on_other.expect("reservation_cancelled").await["id"],
        made["id"]
    );
}

/// A page reads what it shows before its connection opens; `?catch_up_ms=` asks whether a
/// change it would hear of was made in between, and if so the first message is `resync`.
async fn a_connection_asking_to_catch_up_is_told_of_a_change_it_missed(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Loft"})).await;
    let booked = |start: &'static str, end: &'static str| {
        let (app, ana) = (&app, &ana);
        async move {
            let (status, made) = book(app, ana, room, start, end).await;
            assert_eq!(status, 201, "{made}");
            made
        }
    };
    // A change committed just before a connection opens may still be heard on it, since the
    // feed hands changes out after they commit: wait until this one was handed out.
    let mut witness = connect(&app.address, Via::Query(&bea)).await;
    let first = booked("2027-07-01T09:00:00Z", "2027-07-01T10:00:00Z").await;
    assert_eq!(
        witness.expect("reservation_created").await["id"],
        first["id"]
    );

    // Made within the last minute: Bea is told to read afresh, then hears changes as usual.
    let mut late = connect(&app.address, Via::CatchingUp(&bea, "60000")).await;
    assert_eq!(late.expect("resync").await, json!({"missed": null}));
    let next = booked("2027-07-01T11:00:00Z", "2027-07-01T12:00:00Z").await;
    assert_eq!(late.expect("reservation_created").await["id"], next["id"]);

    // Nothing within the window asked about (or not asked at all): nothing to catch up on.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut recent = connect(&app.address, Via::CatchingUp(&bea, "500")).await;
    let mut plain = connect(&app.address, Via::Query(&bea)).await;
    let last = booked("2027-07-01T13:00:00Z", "2027-07-01T14:00:00Z").await;
    for live in [&mut recent, &mut plain] {
        assert_eq!(live.expect("reservation_created").await["id"], last["id"]);
    }

    // Longer ago than changes are kept (ten minutes): it may have missed one.
    let mut long = connect(&app.address, Via::CatchingUp(&bea, "3600000")).await;
    long.expect("resync").await;
    let refused = open(&app.address, Via::CatchingUp(&bea, "soon"))
        .await
        .err()
        .expect("refused");
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.body["code"], "validation_error", "{}", refused.body);
}
