//! Webhooks through the REST API, delivered to a real HTTP receiver started by the test:
//! signed POSTs for the subscribed events only, retried after a failure, never for a refused
//! change; who may manage them; validation; the test send; deactivating and deleting.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::services::webhooks::OwnReach;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, KeyInit, Mac};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::directory::create_user;
use crate::reservations::{book, create_resource};
use crate::support::{Engine, TestApp, TestDatabase, spawn_app_with};

on_both_engines!(
    bookings_are_posted_signed_and_retried_until_the_receiver_takes_them,
    webhooks_are_validated_tested_paused_and_deleted,
    a_webhook_of_ones_own_hears_only_of_ones_own_bookings,
    a_webhook_of_ones_own_posts_only_to_public_addresses,
    two_workers_on_one_database_send_each_delivery_once,
);

/// One POST the receiver got.
#[derive(Clone, Debug)]
struct Received {
    event: String,
    delivery: String,
    signature: String,
    body: String,
}

impl Received {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("the body is JSON")
    }
}

/// A webhook receiver on a random local port: keeps what it is sent and answers 500 to the
/// first `failures` requests, 200 afterwards.
#[derive(Clone)]
struct Receiver {
    url: String,
    seen: Arc<Mutex<Vec<Received>>>,
    failures: Arc<Mutex<usize>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    receiver.seen.lock().unwrap().push(Received {
        event: header("x-webhook-event"),
        delivery: header("x-webhook-delivery"),
        signature: header("x-webhook-signature"),
        body,
    });
    let mut failures = receiver.failures.lock().unwrap();
    if *failures > 0 {
        *failures -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

impl Receiver {
    async fn start(failures: usize) -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("receiver binds");
        let receiver = Receiver {
            url: format!("http://{}/hook", listener.local_addr().expect("address")),
            seen: Arc::default(),
            failures: Arc::new(Mutex::new(failures)),
        };
        let router = axum::Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(receiver.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        receiver
    }

    fn seen(&self) -> Vec<Received> {
        self.seen.lock().unwrap().clone()
    }

    /// What it got, once it has got at least `count` requests (or after 30 s).
    async fn wait_for(&self, count: usize) -> Vec<Received> {
        for _ in 0..300 {
            if self.seen().len() >= count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.seen()
    }
}

fn hmac_hex(secret: &str, body: &str) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The app, retrying failed deliveries after one second.
async fn spawn(engine: Engine) -> TestApp {
    let database = TestDatabase::create(engine).await;
    spawn_app_with(database, &[("--webhook-retry-seconds", "1")]).await
}

async fn create_webhook(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.send_as(Method::POST, token, "/api/v1/webhooks", Some(body))
        .await
}

async fn bookings_are_posted_signed_and_retried_until_the_receiver_takes_them(engine: Engine) {
    let app = spawn(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let receiver = Receiver::start(1).await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;

    let (status, hook) = create_webhook(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["reservation.created", "reservation.cancelled"]}),
    )
    .await;
    assert_eq!(status, 201, "{hook}");
    let secret = hook["secret"].as_str().expect("secret").to_owned();
    assert!(
        secret.starts_with("whsec_") && secret.len() > 40,
        "{secret}"
    );
    assert_eq!(hook["active"], true);
    assert_eq!(hook["scope"], "all");
    let id = hook["id"].as_i64().expect("id");
    let (status, listed) = app.get_as(&admin, "/api/v1/webhooks").await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["total_count"], 1);
    assert_eq!(listed["data"][0]["url"], receiver.url.as_str());
    assert!(
        listed["data"][0].get("secret").is_none(),
        "the secret is shown once"
    );

    // An event nobody subscribed to, and a refused booking, send nothing.
    create_resource(&app, &admin, json!({"name": "Annex"})).await;
    let (status, booked) = book(
        &app,
        &ana,
        room,
        "2027-03-01T08:00:00Z",
        "2027-03-01T09:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{booked}");
    let booking = booked["id"].as_i64().expect("id");
    let (status, _) = book(
        &app,
        &bea,
        room,
        "2027-03-01T08:30:00Z",
        "2027-03-01T09:30:00Z",
    )
    .await;
    assert_eq!(status, 409);

    // The receiver fails the first try; the retry a second later is taken.
    let seen = receiver.wait_for(2).await;
    assert_eq!(seen.len(), 2, "{seen:?}");
    let (first, retry) = (&seen[0], &seen[1]);
    assert_eq!(first.body, retry.body, "a retry sends the same body");
    assert_eq!(
        first.delivery, retry.delivery,
        "and names the same delivery"
    );
    assert_eq!(first.event, "reservation.created");
    assert_eq!(
        first.signature,
        format!("sha256={}", hmac_hex(&secret, &first.body))
    );
    let payload = first.json();
    assert_eq!(payload["event"], "reservation.created");
    assert_eq!(payload["data"]["id"], booking);
    assert_eq!(payload["data"]["resource_id"], room);
    assert_eq!(payload["data"]["status"], booked["status"]);
    assert_eq!(payload["data"]["start_time"], "2027-03-01T08:00:00Z");

    let path = format!("/api/v1/webhooks/{id}/deliveries");
    let (status, deliveries) = app.get_as(&admin, &path).await;
    assert_eq!(status, 200, "{deliveries}");
    assert_eq!(deliveries["total_count"], 1, "{deliveries}");
    let delivery = &deliveries["data"][0];
    assert_eq!(delivery["id"].to_string(), first.delivery);
    assert_eq!(delivery["status"], "delivered");
    assert_eq!(delivery["attempts"], 2);
    assert_eq!(delivery["response_status"], 200);
    assert_eq!(delivery["payload"], payload);

    // A cancel is the next event.
    let (status, body) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{booking}/cancel"),
            Some(json!({"reason": "plans changed"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let seen = receiver.wait_for(3).await;
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert_eq!(seen[2].event, "reservation.cancelled");
    assert_eq!(seen[2].json()["data"]["status"], "cancelled");
    assert_ne!(seen[2].delivery, first.delivery);
    let (_, failed) = app.get_as(&admin, &format!("{path}?status=failed")).await;
    assert_eq!(failed["total_count"], 0, "{failed}");

    // A plain user may have webhooks of her own, but neither sees the admin's nor may point
    // hers at an address inside the server's network (here, the receiver on 127.0.0.1).
    let (status, body) = create_webhook(
        &app,
        &ana,
        json!({"url": receiver.url, "events": ["reservation.created"]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("public")),
        "{body}"
    );
    let (status, listed) = app.get_as(&ana, "/api/v1/webhooks").await;
    assert_eq!((status, listed["total_count"].clone()), (200, json!(0)));
    let (status, _) = app.get_as(&ana, &format!("/api/v1/webhooks/{id}")).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_as(&ana, &path).await;
    assert_eq!(status, 404);

    // Nothing else was sent.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.seen().len(), 3);
}

async fn webhooks_are_validated_tested_paused_and_deleted(engine: Engine) {
    let app = spawn(engine).await;
    let admin = app.admin_token().await;
    let receiver = Receiver::start(0).await;

    let (status, events) = app.get_as(&admin, "/api/v1/webhooks/events").await;
    assert_eq!(status, 200);
    let events = events.as_array().expect("a list");
    assert!(events.contains(&json!("waitlist.offer")), "{events:?}");
    assert!(events.contains(&json!("resource.deleted")), "{events:?}");

    for (body, mentions) in [
        (
            json!({"url": "ftp://example.com/", "events": ["resource.created"]}),
            "http",
        ),
        (
            json!({"url": "not an address", "events": ["resource.created"]}),
            "url",
        ),
        (
            json!({"url": "https://u:p@example.com/", "events": ["resource.created"]}),
            "password",
        ),
        (
            json!({"url": receiver.url, "events": ["reservation.exploded"]}),
            "reservation.exploded",
        ),
        (json!({"url": receiver.url, "events": []}), "events"),
        (json!({"events": ["resource.created"]}), "url"),
    ] {
        let (status, answer) = create_webhook(&app, &admin, body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        let detail = answer["detail"].as_str().expect("detail");
        assert!(detail.contains(mentions), "{body}: {detail}");
    }
    let (_, listed) = app.get_as(&admin, "/api/v1/webhooks").await;
    assert_eq!(listed["total_count"], 0, "refused webhooks are not kept");

    let (status, hook) = create_webhook(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["resource.created", "resource.deleted"],
               "description": "inventory sync"}),
    )
    .await;
    assert_eq!(status, 201, "{hook}");
    let id = hook["id"].as_i64().expect("id");
    let secret = hook["secret"].as_str().expect("secret").to_owned();

    // The test send answers with what happened.
    let (status, test) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("/api/v1/webhooks/{id}/test"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{test}");
    assert_eq!(test["status"], "delivered");
    assert_eq!(test["event"], "webhook.test");
    assert_eq!(test["response_status"], 200);
    let seen = receiver.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].event, "webhook.test");
    assert_eq!(
        seen[0].signature,
        format!("sha256={}", hmac_hex(&secret, &seen[0].body))
    );

    // A resource event reaches it, with the resource.
    let annex = create_resource(&app, &admin, json!({"name": "Annex"})).await;
    let seen = receiver.wait_for(2).await;
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[1].event, "resource.created");
    assert_eq!(seen[1].json()["data"]["id"], annex);
    assert_eq!(seen[1].json()["data"]["name"], "Annex");

    // A bad change is refused whole.
    let hook_path = format!("/api/v1/webhooks/{id}");
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &admin,
            &hook_path,
            Some(json!({"active": false, "events": ["nope"]})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (_, unchanged) = app.get_as(&admin, &hook_path).await;
    assert_eq!(unchanged["active"], true);

    // Paused, it hears nothing.
    let (status, paused) = app
        .send_as(
            Method::PATCH,
            &admin,
            &hook_path,
            Some(json!({"is_active": false})),
        )
        .await;
    assert_eq!(status, 200, "{paused}");
    assert_eq!(paused["active"], false);
    assert_eq!(paused["description"], "inventory sync");
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &admin,
            &format!("/api/v1/resources/{annex}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.seen().len(), 2);
    let (_, deliveries) = app.get_as(&admin, &format!("{hook_path}/deliveries")).await;
    assert_eq!(deliveries["total_count"], 2, "{deliveries}");

    // A test to an address where nobody listens fails at once, with the reason.
    let (status, moved) = app
        .send_as(
            Method::PATCH,
            &admin,
            &hook_path,
            Some(json!({"url": "http://127.0.0.1:9/nobody"})),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    let (status, test) = app
        .send_as(Method::POST, &admin, &format!("{hook_path}/test"), None)
        .await;
    assert_eq!(status, 200, "{test}");
    assert_eq!(test["status"], "failed");
    assert_eq!(test["response_status"], Value::Null);
    assert!(
        test["error"]
            .as_str()
            .is_some_and(|e| e.contains("connect"))
    );

    // The audit log has the webhook's story.
    let (_, log) = app
        .get_as(&admin, "/api/v1/audit/logs?entity_type=webhook")
        .await;
    let actions: Vec<&str> = log["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        ["webhook.updated", "webhook.updated", "webhook.created"]
    );

    // Deleted, it is gone with its history.
    let (status, _) = app.send_as(Method::DELETE, &admin, &hook_path, None).await;
    assert_eq!(status, 204);
    let (status, body) = app.get_as(&admin, &hook_path).await;
    assert_eq!(status, 404, "{body}");
    let (status, _) = app.get_as(&admin, &format!("{hook_path}/deliveries")).await;
    assert_eq!(status, 404);
    let (status, body) = app.get_as(&admin, "/api/v1/webhooks/abc").await;
    assert_eq!(status, 422, "{body}");
}

async fn a_webhook_of_ones_own_hears_only_of_ones_own_bookings(engine: Engine) {
    // The receiver is on 127.0.0.1, where webhooks of one's own may post only when allowed.
    let database = TestDatabase::create(engine).await;
    let app = spawn_app_with(
        database,
        &[
            ("--webhook-retry-seconds", "1"),
            ("--webhook-private-addresses", "true"),
        ],
    )
    .await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let receiver = Receiver::start(0).await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
    let (status, _) = create_webhook(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["resource.updated"]}),
    )
    .await;
    assert_eq!(status, 201);
    let (status, role) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/roles",
            Some(json!({"name": "integrator", "permissions": [
                "resource:read:all", "reservation:create:own", "reservation:read:own",
                "webhook:create:own", "webhook:read:own", "webhook:update:own",
                "webhook:delete:own"]})),
        )
        .await;
    assert_eq!(status, 201, "{role}");
    create_user(&app, &admin, "ivy", &["integrator"]).await;
    let ivy = app.access_token("ivy").await;

    let (status, hook) = create_webhook(
        &app,
        &ivy,
        json!({"url": receiver.url, "events": ["reservation.created", "resource.created"]}),
    )
    .await;
    assert_eq!(status, 201, "{hook}");
    assert_eq!(hook["scope"], "own");
    let (_, listed) = app.get_as(&ivy, "/api/v1/webhooks").await;
    assert_eq!(listed["total_count"], 1, "only her own: {listed}");
    let (_, all) = app.get_as(&admin, "/api/v1/webhooks").await;
    assert_eq!(all["total_count"], 2, "{all}");
    let admins = all["data"][0]["id"].as_i64().expect("id");
    let (status, _) = app
        .get_as(&ivy, &format!("/api/v1/webhooks/{admins}"))
        .await;
    assert_eq!(status, 404);

    // Ana's booking is not Ivy's business; Ivy's own booking and a new resource are.
    let (status, _) = book(
        &app,
        &ana,
        room,
        "2027-03-01T08:00:00Z",
        "2027-03-01T09:00:00Z",
    )
    .await;
    assert_eq!(status, 201);
    let (status, mine) = book(
        &app,
        &ivy,
        room,
        "2027-03-01T10:00:00Z",
        "2027-03-01T11:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{mine}");
    create_resource(&app, &admin, json!({"name": "Annex"})).await;
    receiver.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    // Deliveries are sent side by side, so they may arrive in any order.
    let mut seen = receiver.seen();
    seen.sort_by(|a, b| b.event.cmp(&a.event));
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].event, "resource.created");
    assert_eq!(seen[1].event, "reservation.created");
    assert_eq!(seen[1].json()["data"]["id"], mine["id"]);

    // Without `webhook:read`, her webhook hears nothing more.
    let integrator = format!("/api/v1/roles/{}", role["id"]);
    let (status, body) = app
        .send_as(
            Method::PUT,
            &admin,
            &integrator,
            Some(
                json!({"permissions": ["resource:read:all", "reservation:create:own",
                "reservation:read:own", "webhook:create:own"]}),
            ),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = book(
        &app,
        &ivy,
        room,
        "2027-03-01T12:00:00Z",
        "2027-03-01T13:00:00Z",
    )
    .await;
    assert_eq!(status, 201);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.seen().len(), 2);
}

/// By default a webhook of one's own may not make the server post into its own network: an
/// address written as a number is refused when saved, and a name that resolves to one (here
/// `localhost`) is refused each time a delivery is sent, with the reason in its history.
async fn a_webhook_of_ones_own_posts_only_to_public_addresses(engine: Engine) {
    let app = spawn(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let receiver = Receiver::start(0).await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
    let port = receiver.url.trim_start_matches("http://127.0.0.1:");
    let events = json!(["reservation.created"]);
    for url in [
        receiver.url.clone(),
        format!("http://[::1]:{port}"),
        "http://10.0.0.7/hook".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
    ] {
        let (status, body) =
            create_webhook(&app, &ana, json!({"url": url, "events": events})).await;
        assert_eq!(status, 422, "{url}: {body}");
    }
    let (status, hook) = create_webhook(
        &app,
        &ana,
        json!({"url": "https://hooks.example.com/reserver", "events": events}),
    )
    .await;
    assert_eq!(
        (status, hook["scope"].clone()),
        (201, json!("own")),
        "{hook}"
    );
    let id = hook["id"].as_i64().expect("id");
    // Nor may a change of address point it inside.
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &ana,
            &format!("/api/v1/webhooks/{id}"),
            Some(json!({"url": receiver.url})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let local = format!("http://localhost:{port}");
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &ana,
            &format!("/api/v1/webhooks/{id}"),
            Some(json!({"url": local})),
        )
        .await;
    assert_eq!(status, 200, "names are judged when sending: {body}");

    let (status, test) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/webhooks/{id}/test"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{test}");
    assert!(
        test["error"]
            .as_str()
            .is_some_and(|e| e.contains("not public")),
        "{test}"
    );
    let (status, _) = book(
        &app,
        &ana,
        room,
        "2027-03-01T08:00:00Z",
        "2027-03-01T09:00:00Z",
    )
    .await;
    assert_eq!(status, 201);
    let history = format!("/api/v1/webhooks/{id}/deliveries");
    let mut tried = Value::Null;
    for _ in 0..100 {
        let (_, page) = app.get_as(&ana, &history).await;
        tried = page["data"]
            .as_array()
            .and_then(|d| d.iter().find(|d| d["event"] == "reservation.created"))
            .cloned()
            .unwrap_or(Value::Null);
        if tried["attempts"].as_i64().unwrap_or(0) >= 1 && tried["error"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        tried["error"]
            .as_str()
            .is_some_and(|e| e.contains("not public")),
        "{tried}"
    );
    assert!(receiver.seen().is_empty(), "{:?}", receiver.seen());

    // The same address is fine for the admin's webhook, which hears of Ana's next booking.
    let (status, _) = create_webhook(&app, &admin, json!({"url": local, "events": events})).await;
    assert_eq!(status, 201);
    let (status, _) = book(
        &app,
        &ana,
        room,
        "2027-03-01T10:00:00Z",
        "2027-03-01T11:00:00Z",
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(receiver.wait_for(1).await.len(), 1);

    // An admin's webhook may post anywhere, but not once its owner is an admin no more: a
    // changed address is then judged as one of their own, and so is a test send.
    let ada_id = create_user(&app, &admin, "ada", &["admin"]).await;
    let ada = app.access_token("ada").await;
    let (status, theirs) = create_webhook(
        &app,
        &ada,
        json!({"url": "https://hooks.example.com/ada", "events": events}),
    )
    .await;
    assert_eq!(
        (status, theirs["scope"].clone()),
        (201, json!("all")),
        "{theirs}"
    );
    let (status, _) = app
        .send_as(
            Method::PATCH,
            &admin,
            &format!("/api/v1/users/{ada_id}"),
            Some(json!({"roles": ["user"]})),
        )
        .await;
    assert_eq!(status, 200);
    let theirs = format!("/api/v1/webhooks/{}", theirs["id"]);
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &ada,
            &theirs,
            Some(json!({"url": receiver.url})),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = app
        .send_as(Method::PATCH, &ada, &theirs, Some(json!({"url": local})))
        .await;
    assert_eq!(
        (status, body["scope"].clone()),
        (200, json!("own")),
        "{body}"
    );
    let (_, test) = app
        .send_as(Method::POST, &ada, &format!("{theirs}/test"), None)
        .await;
    assert!(
        test["error"]
            .as_str()
            .is_some_and(|e| e.contains("not public")),
        "{test}"
    );
    assert_eq!(receiver.seen().len(), 1);
}

/// Every server process runs a delivery worker; two on one database (here the app's and one
/// more on a connection pool of its own, as another process would have) share the work and
/// send each delivery once.
async fn two_workers_on_one_database_send_each_delivery_once(engine: Engine) {
    let app = spawn(engine).await;
    let other_process = sea_orm::Database::connect(app.database.url.clone())
        .await
        .expect("second pool");
    let sender = reserver::webhooks::Sender::new(OwnReach::Public, chrono::Duration::seconds(1))
        .expect("client");
    let worker = tokio::spawn(sender.run(other_process));
    let admin = app.admin_token().await;
    let receiver = Receiver::start(0).await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
    let (status, _) = create_webhook(
        &app,
        &admin,
        json!({"url": receiver.url, "events": ["reservation.created"]}),
    )
    .await;
    assert_eq!(status, 201);
    let requests: Vec<_> = (0..24)
        .map(|hour| {
            let day = 1 + hour / 12;
            let hour = 8 + hour % 12;
            json!({"resource_id": room,
                   "start_time": format!("2027-03-{day:02}T{hour:02}:00:00Z"),
                   "end_time": format!("2027-03-{day:02}T{hour:02}:30:00Z")})
        })
        .collect();
    for body in requests {
        let (status, booked) = app
            .send_as(Method::POST, &admin, "/api/v1/reservations", Some(body))
            .await;
        assert_eq!(status, 201, "{booked}");
    }
    receiver.wait_for(24).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    worker.abort();
    let seen = receiver.seen();
    let mut deliveries: Vec<&str> = seen.iter().map(|r| r.delivery.as_str()).collect();
    deliveries.sort_unstable();
    deliveries.dedup();
    assert_eq!(seen.len(), 24, "each booking once: {seen:?}");
    assert_eq!(deliveries.len(), 24);
}
