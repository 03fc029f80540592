//! The booking engine through the REST API: every rule, quotas, the no-double-booking promise
//! under concurrency (one process, and two processes on one PostgreSQL), idempotent retries,
//! recurring series across DST, approvals, the waitlist and history.

use std::collections::HashSet;

use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::cli::serve_on;
use crate::support::{Engine, PASSWORD, TestApp, TestDatabase, spawn_app};

on_both_engines!(
    every_rule_is_enforced_when_booking,
    sixteen_clients_racing_for_one_slot_get_exactly_one_booking,
    quotas_limit_reservations_and_hours_per_day_and_week,
    a_retried_create_with_an_idempotency_key_books_once,
    series_keep_local_time_across_dst_and_skip_or_fail_on_conflicts,
    series_occurrences_are_cancelled_one_following_or_all_and_moved_one,
    approvals_hold_the_slot_and_cannot_be_bypassed,
    waitlist_offers_hold_the_slot_and_pass_on_when_declined_or_expired,
    the_person_offered_a_slot_may_book_it_directly,
    reservations_are_private_and_keep_their_history,
    a_reservation_exports_as_an_ics_file_for_those_who_may_read_it,
    each_person_has_a_calendar_feed_at_a_secret_address,
    the_database_refuses_overlapping_rows_whoever_writes_them,
    changes_made_in_the_database_apply_at_the_next_request,
);

pub(crate) async fn create_resource(app: &TestApp, admin: &str, body: Value) -> i64 {
    let (status, body) = app
        .send_as(Method::POST, admin, "/api/v1/resources", Some(body))
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

pub(crate) async fn book(
    app: &TestApp,
    token: &str,
    resource: i64,
    start: &str,
    end: &str,
) -> (u16, Value) {
    app.send_as(
        Method::POST,
        token,
        "/api/v1/reservations",
        Some(json!({"resource_id": resource, "start_time": start, "end_time": end})),
    )
    .await
}

fn codes(body: &Value) -> Vec<String> {
    body["violations"]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|v| v["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// An access token from `reserver serve` at `addr`, signing in with the test password.
async fn password_token(client: &reqwest::Client, addr: &str, username: &str) -> String {
    let body: Value = client
        .post(format!("http://{addr}/api/v1/token"))
        .form(&[("username", username), ("password", PASSWORD)])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    body["access_token"].as_str().expect("token").to_owned()
}

/// Pairs of blocking reservations of one resource whose blocked spans overlap.
async fn overlapping_pairs(app: &TestApp) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM reservations a JOIN reservations b \
             ON a.resource_id = b.resource_id AND a.id < b.id \
             AND a.block_start < b.block_end AND b.block_start < a.block_end \
             WHERE a.status IN ('active', 'pending_approval', 'held') \
             AND b.status IN ('active', 'pending_approval', 'held')",
        ))
        .await
        .expect("query")
        .expect("row");
    row.try_get::<i64>("", "n").expect("count")
}

async fn every_rule_is_enforced_when_booking(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(
        &app,
        &admin,
        json!({"name": "Salle 1", "timezone": "Europe/Paris"}),
    )
    .await;
    let path = |tail: &str| format!("/api/v1/resources/{room}{tail}");
    for (method, tail, body) in [
        (
            Method::PUT,
            "/rules",
            json!({"min_duration_minutes": 30, "max_duration_minutes": 120,
                   "buffer_after_minutes": 15, "min_notice_minutes": 60,
                   "horizon_days": 400, "granularity_minutes": 15}),
        ),
        (
            Method::PUT,
            "/business-hours",
            json!({"hours": (0..5).map(|d| json!({"day_of_week": d, "open_time": "08:00", "close_time": "18:00"})).collect::<Vec<_>>()}),
        ),
        (
            Method::POST,
            "/blackout-dates",
            json!({"date": "2027-01-06", "reason": "Epiphany"}),
        ),
        (
            Method::POST,
            "/exceptions",
            json!({"start_time": "2027-01-07T12:00:00+01:00", "end_time": "2027-01-07T14:00:00+01:00", "reason": "Cleaning"}),
        ),
    ] {
        let (status, body) = app.send_as(method, &admin, &path(tail), Some(body)).await;
        assert!(status == 200 || status == 201, "{tail}: {status} {body}");
    }

    let (status, first) = book(
        &app,
        &ana,
        room,
        "2027-01-04T09:00:00+01:00",
        "2027-01-04T10:00:00+01:00",
    )
    .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["status"], "active");
    assert_eq!(
        first["start_time"], "2027-01-04T08:00:00Z",
        "the offset is honoured"
    );
    assert_eq!(first["resource_id"], room);

    let soon = (chrono::Utc::now() + chrono::Duration::minutes(30)).to_rfc3339();
    let soon_end = (chrono::Utc::now() + chrono::Duration::minutes(90)).to_rfc3339();
    for (start, end, code) in [
        (
            "2027-01-04T10:30:00+01:00",
            "2027-01-04T10:45:00+01:00",
            "too_short",
        ),
        (
            "2027-01-05T09:00:00+01:00",
            "2027-01-05T12:00:00+01:00",
            "too_long",
        ),
        (
            "2027-01-05T07:00:00+01:00",
            "2027-01-05T08:30:00+01:00",
            "outside_business_hours",
        ),
        (
            "2027-01-09T10:00:00+01:00",
            "2027-01-09T11:00:00+01:00",
            "outside_business_hours",
        ),
        (
            "2027-01-06T10:00:00+01:00",
            "2027-01-06T11:00:00+01:00",
            "blackout",
        ),
        (
            "2027-01-07T12:30:00+01:00",
            "2027-01-07T13:30:00+01:00",
            "closed",
        ),
        (
            "2027-01-05T09:05:00+01:00",
            "2027-01-05T10:05:00+01:00",
            "not_aligned",
        ),
        (
            "2025-01-06T09:00:00+01:00",
            "2025-01-06T10:00:00+01:00",
            "starts_in_past",
        ),
        (soon.as_str(), soon_end.as_str(), "notice_too_short"),
        (
            "2028-06-05T09:00:00+02:00",
            "2028-06-05T10:00:00+02:00",
            "beyond_horizon",
        ),
        (
            "2027-01-05T10:00:00+01:00",
            "2027-01-05T09:00:00+01:00",
            "end_not_after_start",
        ),
    ] {
        let (status, body) = book(&app, &ana, room, start, end).await;
        assert_eq!(status, 422, "{code}: {body}");
        assert!(codes(&body).contains(&code.to_owned()), "{code}: {body}");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }

    // A time without an offset is refused, and so is an unknown resource.
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-01-05T09:00:00",
        "2027-01-05T10:00:00",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = book(
        &app,
        &ana,
        999_999,
        "2027-01-05T09:00:00Z",
        "2027-01-05T10:00:00Z",
    )
    .await;
    assert_eq!(status, 404);

    // The 15-minute buffer after 09:00–10:00 keeps 10:00 taken; 10:15 is free (half-open).
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-01-04T10:00:00+01:00",
        "2027-01-04T11:00:00+01:00",
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "conflict");
    assert_eq!(
        body["conflicts"],
        json!([{"start_time": "2027-01-04T08:00:00Z", "end_time": "2027-01-04T09:00:00Z"}])
    );
    assert_eq!(
        body["detail"],
        "the time is already booked: 2027-01-04T08:00:00Z to 2027-01-04T09:00:00Z"
    );
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-01-04T10:15:00+01:00",
        "2027-01-04T11:15:00+01:00",
    )
    .await;
    assert_eq!(status, 201, "{body}");

    // Check answers without booking.
    let (status, check) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/reservations/check",
            Some(json!({"resource_id": room, "start_time": "2027-01-04T09:30:00+01:00", "end_time": "2027-01-04T10:30:00+01:00"})),
        )
        .await;
    assert_eq!(status, 200, "{check}");
    assert_eq!(check["available"], false);
    assert_eq!(check["conflicts"].as_array().map(Vec::len), Some(2));
    let (_, mine) = app.get_as(&ana, "/api/v1/reservations/my").await;
    assert_eq!(mine["data"].as_array().map(Vec::len), Some(2));

    // A resource under maintenance takes no bookings.
    let (status, _) = app
        .send_as(
            Method::PUT,
            &admin,
            &path(""),
            Some(json!({"status": "maintenance"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-01-05T09:00:00+01:00",
        "2027-01-05T10:00:00+01:00",
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        codes(&body).contains(&"resource_not_bookable".to_owned()),
        "{body}"
    );
}

/// Fires `clients` bookings of `(start, end)` at once; returns each answer's status and body.
async fn race(
    app: &TestApp,
    tokens: &[String],
    resource: i64,
    slots: Vec<(String, String)>,
) -> Vec<(u16, Value)> {
    let requests = slots
        .iter()
        .enumerate()
        .map(|(i, (start, end))| {
            (
                Method::POST,
                tokens[i % tokens.len()].as_str(),
                "/api/v1/reservations",
                json!({"resource_id": resource, "start_time": start, "end_time": end}),
            )
        })
        .collect();
    app.send_together(requests).await
}

async fn sixteen_clients_racing_for_one_slot_get_exactly_one_booking(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let mut tokens = vec![admin.clone()];
    for name in ["racer1", "racer2", "racer3"] {
        tokens.push(app.user_token(name).await);
    }
    let room = create_resource(&app, &admin, json!({"name": "Hot desk"})).await;
    for round in 0..20 {
        // Every token looks a minute unused, so each round also writes its "last used" time.
        app.db
            .execute_unprepared("UPDATE credentials SET last_used_at = '2000-01-01T00:00:00+00:00'")
            .await
            .expect("age the tokens");
        let start = format!("2027-02-01T{:02}:00:00Z", round);
        let end = format!("2027-02-01T{:02}:30:00Z", round);
        let answers = race(&app, &tokens, room, vec![(start, end); 16]).await;
        let won = answers.iter().filter(|(s, _)| *s == 201).count();
        assert_eq!(won, 1, "round {round}: {answers:?}");
        for (status, body) in answers.iter().filter(|(s, _)| *s != 201) {
            assert_eq!(*status, 409, "{body}");
            assert_eq!(
                body["conflicts"].as_array().map(Vec::len),
                Some(1),
                "{body}"
            );
        }
    }
    // Overlapping but unequal intervals: client i wants [i*10 min, i*10 min + 1 h).
    for round in 0..8 {
        let day = format!("2027-02-{:02}", round + 2);
        let slots: Vec<(String, String)> = (0..16)
            .map(|i| {
                let start = chrono::NaiveTime::from_hms_opt(8, 0, 0).expect("time")
                    + chrono::Duration::minutes(i * 10);
                let end = start + chrono::Duration::hours(1);
                (format!("{day}T{start}Z"), format!("{day}T{end}Z"))
            })
            .collect();
        let answers = race(&app, &tokens, room, slots).await;
        let winners: Vec<&Value> = answers
            .iter()
            .filter(|(s, _)| *s == 201)
            .map(|(_, b)| b)
            .collect();
        assert!(!winners.is_empty(), "round {round}");
        assert!(
            answers.iter().all(|(s, _)| *s == 201 || *s == 409),
            "{answers:?}"
        );
    }
    assert_eq!(
        overlapping_pairs(&app).await,
        0,
        "no two blocking rows overlap"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_on_one_postgres_never_double_book() {
    let database = TestDatabase::create(Engine::Postgres).await;
    let (first, second) = (serve_on(&database.url), serve_on(&database.url));
    let (first_addr, second_addr) = (first.addr.clone(), second.addr.clone());
    let client = reqwest::Client::new();
    let at = |addr: &str, path: &str| format!("http://{addr}{path}");
    let response = client
        .post(at(&first_addr, "/api/v1/setup/initialize"))
        .json(&json!({"username": "admin", "password": PASSWORD}))
        .send()
        .await
        .expect("setup");
    assert_eq!(response.status(), 201);
    let token = password_token(&client, &second_addr, "admin").await;
    let room: Value = client
        .post(at(&first_addr, "/api/v1/resources"))
        .bearer_auth(&token)
        .json(&json!({"name": "Shared"}))
        .send()
        .await
        .expect("resource")
        .json()
        .await
        .expect("json");
    let room = room["id"].as_i64().expect("id");
    for round in 0..15 {
        let mut set = JoinSet::new();
        for i in 0..16 {
            let url = at(
                if i % 2 == 0 {
                    &first_addr
                } else {
                    &second_addr
                },
                "/api/v1/reservations",
            );
            let (client, token) = (client.clone(), token.clone());
            // Equal slots on even rounds, overlapping unequal ones on odd rounds.
            let offset = if round % 2 == 0 { 0 } else { i * 7 };
            let start = chrono::DateTime::parse_from_rfc3339("2027-03-01T08:00:00Z").expect("time")
                + chrono::Duration::hours(round * 6)
                + chrono::Duration::minutes(offset);
            let end = start + chrono::Duration::minutes(90);
            set.spawn(async move {
                client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({"resource_id": room, "start_time": start.to_rfc3339(), "end_time": end.to_rfc3339()}))
                    .send()
                    .await
                    .expect("sent")
                    .status()
                    .as_u16()
            });
        }
        let statuses = set.join_all().await;
        assert!(
            statuses.iter().all(|s| *s == 201 || *s == 409),
            "{statuses:?}"
        );
        if round % 2 == 0 {
            assert_eq!(
                statuses.iter().filter(|s| **s == 201).count(),
                1,
                "{statuses:?}"
            );
        }
    }
    drop((first, second));
    let db = sea_orm::Database::connect(&database.url).await.expect("db");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM reservations a JOIN reservations b \
             ON a.resource_id = b.resource_id AND a.id < b.id \
             AND a.block_start < b.block_end AND b.block_start < a.block_end \
             WHERE a.status = 'active' AND b.status = 'active'",
        ))
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.try_get::<i64>("", "n").expect("n"), 0);
}

/// Servers keep rules and grants in memory while the database's version numbers hold; a
/// change made behind the service's back (SQL, another tool) must still count at once.
async fn changes_made_in_the_database_apply_at_the_next_request(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(&app, &admin, json!({"name": "Lab"})).await;
    let slot = |hour: u32| {
        (
            format!("2027-05-03T{hour:02}:00:00Z"),
            format!("2027-05-03T{:02}:00:00Z", hour + 1),
        )
    };
    let (start, end) = slot(8);
    let (status, body) = book(&app, &ana, room, &start, &end).await;
    assert_eq!(status, 201, "{body}");

    app.db
        .execute_unprepared(&format!(
            "UPDATE resources SET status = 'maintenance' WHERE id = {room}"
        ))
        .await
        .expect("update");
    let (start, end) = slot(10);
    let (status, body) = book(&app, &ana, room, &start, &end).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), ["resource_not_bookable"]);

    app.db
        .execute_unprepared(&format!(
            "UPDATE resources SET status = 'available' WHERE id = {room}"
        ))
        .await
        .expect("update");
    let (status, body) = book(&app, &ana, room, &start, &end).await;
    assert_eq!(status, 201, "{body}");

    app.db
        .execute_unprepared(
            "DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = 'ana')",
        )
        .await
        .expect("delete");
    let (start, end) = slot(12);
    let (status, body) = book(&app, &ana, room, &start, &end).await;
    assert_eq!(status, 403, "a role taken away counts at once: {body}");
}

/// Two processes on one PostgreSQL: a catalog or role change made through one is enforced by
/// the other at its next request, whatever either keeps in memory.
#[tokio::test]
async fn changes_through_one_process_apply_at_once_in_another() {
    let database = TestDatabase::create(Engine::Postgres).await;
    let (first, second) = (serve_on(&database.url), serve_on(&database.url));
    let client = reqwest::Client::new();
    let call = async |addr: &str, token: &str, method: Method, path: &str, body: Value| {
        let mut request = client.request(method, format!("http://{addr}/api/v1{path}"));
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        let response = request.json(&body).send().await.expect("sent");
        let status = response.status().as_u16();
        (
            status,
            response.json::<Value>().await.unwrap_or(Value::Null),
        )
    };
    let setup = json!({"username": "admin", "password": PASSWORD});
    let (status, _) = call(&first.addr, "", Method::POST, "/setup/initialize", setup).await;
    assert_eq!(status, 201);
    let admin = password_token(&client, &first.addr, "admin").await;
    let as_admin = async |method: Method, path: &str, body: Value| {
        let (status, body) = call(&first.addr, &admin, method, path, body).await;
        assert!(status == 200 || status == 201, "{path}: {status} {body}");
        body
    };
    let bob = json!({"username": "bob", "password": PASSWORD, "roles": ["user"],
                     "must_change_password": false});
    let bob_id = as_admin(Method::POST, "/users", bob).await["id"].clone();
    let room = as_admin(Method::POST, "/resources", json!({"name": "Shared"})).await["id"].clone();
    let bob = password_token(&client, &second.addr, "bob").await;
    let book_hour = async |hour: u32| {
        let body = json!({
            "resource_id": &room,
            "start_time": format!("2027-06-01T{hour:02}:00:00Z"),
            "end_time": format!("2027-06-01T{:02}:00:00Z", hour + 1),
        });
        call(&second.addr, &bob, Method::POST, "/reservations", body).await
    };
    // The second process reads the rules and Bob's grants (and may keep them).
    assert_eq!(book_hour(8).await.0, 201);

    let resource = format!("/resources/{room}");
    as_admin(Method::PATCH, &resource, json!({"status": "maintenance"})).await;
    let (status, body) = book_hour(10).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), ["resource_not_bookable"]);

    as_admin(Method::PATCH, &resource, json!({"status": "available"})).await;
    assert_eq!(book_hour(10).await.0, 201);

    let user = format!("/users/{bob_id}");
    as_admin(Method::PATCH, &user, json!({"roles": ["viewer"]})).await;
    let (status, body) = book_hour(12).await;
    assert_eq!(status, 403, "{body}");
}

async fn quotas_limit_reservations_and_hours_per_day_and_week(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(&app, &admin, json!({"name": "Studio"})).await;
    let other = create_resource(&app, &admin, json!({"name": "Booth"})).await;
    // Plain users cannot set quotas.
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/quotas",
            Some(json!({"role": "user", "period": "day", "max_reservations": 1})),
        )
        .await;
    assert_eq!(status, 403);
    for body in [
        json!({"role": "user", "period": "day", "max_reservations": 2}),
        json!({"role": "user", "period": "week", "max_hours": 4}),
    ] {
        let (status, body) = app
            .send_as(Method::POST, &admin, "/api/v1/quotas", Some(body))
            .await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/quotas",
            Some(json!({"role": "nobody", "period": "day", "max_reservations": 2})),
        )
        .await;
    assert_eq!(status, 422);

    // Two a day, across resources; the third that day is refused, the next day is fine.
    assert_eq!(
        book(
            &app,
            &ana,
            room,
            "2027-04-05T09:00:00Z",
            "2027-04-05T10:00:00Z"
        )
        .await
        .0,
        201
    );
    assert_eq!(
        book(
            &app,
            &ana,
            other,
            "2027-04-05T11:00:00Z",
            "2027-04-05T12:00:00Z"
        )
        .await
        .0,
        201
    );
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-04-05T13:00:00Z",
        "2027-04-05T14:00:00Z",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), vec!["quota_reservations"]);
    let (_, check) = app
        .send_as(Method::POST, &ana, "/api/v1/reservations/check", Some(json!({"resource_id": room, "start_time": "2027-04-05T13:00:00Z", "end_time": "2027-04-05T14:00:00Z"})))
        .await;
    assert_eq!(check["available"], false);
    assert_eq!(check["violations"][0]["code"], "quota_reservations");
    // Four hours a week: 2 booked, 2 more fit, a third hour does not.
    assert_eq!(
        book(
            &app,
            &ana,
            room,
            "2027-04-06T09:00:00Z",
            "2027-04-06T11:00:00Z"
        )
        .await
        .0,
        201
    );
    let (status, body) = book(
        &app,
        &ana,
        room,
        "2027-04-07T09:00:00Z",
        "2027-04-07T10:00:00Z",
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(codes(&body), vec!["quota_minutes"]);
    // The next week starts on Monday.
    assert_eq!(
        book(
            &app,
            &ana,
            room,
            "2027-04-12T09:00:00Z",
            "2027-04-12T10:00:00Z"
        )
        .await
        .0,
        201
    );
    // Admins are not in the user role's quota.
    assert_eq!(
        book(
            &app,
            &admin,
            room,
            "2027-04-05T15:00:00Z",
            "2027-04-05T16:00:00Z"
        )
        .await
        .0,
        201
    );
    assert_eq!(
        book(
            &app,
            &admin,
            room,
            "2027-04-05T16:00:00Z",
            "2027-04-05T17:00:00Z"
        )
        .await
        .0,
        201
    );
    assert_eq!(
        book(
            &app,
            &admin,
            room,
            "2027-04-05T17:00:00Z",
            "2027-04-05T18:00:00Z"
        )
        .await
        .0,
        201
    );
}

async fn a_retried_create_with_an_idempotency_key_books_once(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let room = create_resource(&app, &admin, json!({"name": "Van"})).await;
    let send = |key: &'static str, start: &'static str, end: &'static str| {
        let client = app.client.clone();
        let url = app.url("/api/v1/reservations");
        let token = admin.clone();
        async move {
            let response = client
                .post(url)
                .bearer_auth(token)
                .header("Idempotency-Key", key)
                .json(&json!({"resource_id": room, "start_time": start, "end_time": end}))
                .send()
                .await
                .expect("sent");
            let replayed = response.headers().contains_key("idempotent-replayed");
            let status = response.status().as_u16();
            (
                status,
                replayed,
                response.json::<Value>().await.expect("json"),
            )
        }
    };
    let (status, replayed, first) =
        send("key-1", "2027-05-03T10:00:00Z", "2027-05-03T11:00:00Z").await;
    assert_eq!((status, replayed), (201, false), "{first}");
    let (status, replayed, again) =
        send("key-1", "2027-05-03T10:00:00Z", "2027-05-03T11:00:00Z").await;
    assert_eq!((status, replayed), (201, true), "{again}");
    assert_eq!(again["id"], first["id"]);
    let (status, _, body) = send("key-1", "2027-05-03T11:00:00Z", "2027-05-03T12:00:00Z").await;
    assert_eq!(status, 422, "same key, other request: {body}");

    // Eight copies of one request sent at once book once and all get its answer.
    let mut set = JoinSet::new();
    for _ in 0..8 {
        set.spawn(send(
            "key-2",
            "2027-05-03T11:00:00Z",
            "2027-05-03T12:00:00Z",
        ));
    }
    let answers = set.join_all().await;
    let ids: HashSet<i64> = answers
        .iter()
        .map(|(s, _, b)| {
            assert_eq!(*s, 201, "{b}");
            b["id"].as_i64().expect("id")
        })
        .collect();
    assert_eq!(ids.len(), 1, "{answers:?}");
    let (_, mine) = app.get_as(&admin, "/api/v1/reservations/my").await;
    assert_eq!(mine["data"].as_array().map(Vec::len), Some(2), "{mine}");
}

async fn series(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    app.send_as(
        Method::POST,
        token,
        "/api/v1/reservations/recurring",
        Some(body),
    )
    .await
}

fn starts(answer: &Value) -> Vec<String> {
    answer["created"]
        .as_array()
        .expect("created")
        .iter()
        .map(|r| r["start_time"].as_str().expect("start").to_owned())
        .collect()
}

async fn series_keep_local_time_across_dst_and_skip_or_fail_on_conflicts(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let ny = create_resource(
        &app,
        &admin,
        json!({"name": "NY room", "timezone": "America/New_York"}),
    )
    .await;
    let paris = create_resource(
        &app,
        &admin,
        json!({"name": "Paris room", "timezone": "Europe/Paris"}),
    )
    .await;

    // New York springs forward on 14 March 2027: 09:00 local is 14:00Z, then 13:00Z.
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": ny,
        "start_time": "2027-03-01T09:00:00-05:00", "end_time": "2027-03-01T10:00:00-05:00",
        "recurrence": {"rrule": "FREQ=WEEKLY;COUNT=4"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        starts(&body),
        [
            "2027-03-01T14:00:00Z",
            "2027-03-08T14:00:00Z",
            "2027-03-15T13:00:00Z",
            "2027-03-22T13:00:00Z"
        ]
    );
    assert!(body["series_id"].is_i64());
    assert_eq!(body["created"][3]["end_time"], "2027-03-22T14:00:00Z");
    // ...and falls back on 7 November 2027.
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": ny,
        "start_time": "2027-11-05T09:00:00-04:00", "end_time": "2027-11-05T10:00:00-04:00",
        "recurrence": {"rrule": "FREQ=DAILY;INTERVAL=2;UNTIL=20271109"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        starts(&body),
        [
            "2027-11-05T13:00:00Z",
            "2027-11-07T14:00:00Z",
            "2027-11-09T14:00:00Z"
        ]
    );
    // Paris falls back on 31 October 2027 and springs forward on 28 March 2027.
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": paris,
        "start_time": "2027-10-30T09:00:00+02:00", "end_time": "2027-10-30T10:00:00+02:00",
        "recurrence": {"rrule": "FREQ=DAILY;COUNT=3"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        starts(&body),
        [
            "2027-10-30T07:00:00Z",
            "2027-10-31T08:00:00Z",
            "2027-11-01T08:00:00Z"
        ]
    );
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": paris,
        "start_time": "2027-03-22T09:00:00+01:00", "end_time": "2027-03-22T10:00:00+01:00",
        "recurrence": {"rrule": "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270331"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        starts(&body),
        [
            "2027-03-22T08:00:00Z",
            "2027-03-24T08:00:00Z",
            "2027-03-29T07:00:00Z",
            "2027-03-31T07:00:00Z"
        ]
    );

    // Someone else holds 14 June; `fail` books nothing, `skip` books the rest.
    let bea = app.user_token("bea").await;
    let (status, _) = book(
        &app,
        &bea,
        ny,
        "2027-06-14T09:30:00-04:00",
        "2027-06-14T10:30:00-04:00",
    )
    .await;
    assert_eq!(status, 201);
    let weekly = json!({"resource_id": ny,
        "start_time": "2027-06-07T09:00:00-04:00", "end_time": "2027-06-07T10:00:00-04:00",
        "recurrence": {"rrule": "FREQ=WEEKLY;COUNT=3"}, "on_conflict": "fail"});
    let (_, before) = app.get_as(&ana, "/api/v1/reservations/my?limit=200").await;
    let (status, body) = series(&app, &ana, weekly.clone()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["occurrences"][0]["start_time"], "2027-06-14T13:00:00Z");
    assert_eq!(body["conflicts"][0]["start_time"], "2027-06-14T13:30:00Z");
    let (_, after) = app.get_as(&ana, "/api/v1/reservations/my?limit=200").await;
    assert_eq!(
        before["data"].as_array().map(Vec::len),
        after["data"].as_array().map(Vec::len),
        "all or nothing"
    );
    let mut skip = weekly;
    skip["on_conflict"] = json!("skip");
    let (status, body) = series(&app, &ana, skip).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        starts(&body),
        ["2027-06-07T13:00:00Z", "2027-06-21T13:00:00Z"]
    );
    assert_eq!(body["skipped"][0]["start_time"], "2027-06-14T13:00:00Z");
    assert_eq!(body["skipped"][0]["reason"], "the time is already booked");

    // Every occurrence passes the rules: a blackout is skipped with its reason.
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("/api/v1/resources/{paris}/blackout-dates"),
            Some(json!({"date": "2027-09-08", "reason": "Inventory"})),
        )
        .await;
    assert_eq!(status, 201);
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": paris,
        "start_time": "2027-09-06T09:00:00+02:00", "end_time": "2027-09-06T10:00:00+02:00",
        "recurrence": {"rrule": "FREQ=DAILY;COUNT=3"}, "on_conflict": "skip"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["skipped"][0]["violations"][0]["code"], "blackout");

    // Rules outside the subset, or without an end, are refused with the reason.
    for (rrule, part) in [
        ("FREQ=YEARLY;COUNT=2", "YEARLY"),
        ("FREQ=WEEKLY", "COUNT"),
        ("FREQ=WEEKLY;BYHOUR=9;COUNT=2", "BYHOUR"),
    ] {
        let (status, body) = series(
            &app,
            &ana,
            json!({"resource_id": paris,
            "start_time": "2027-09-13T09:00:00+02:00", "end_time": "2027-09-13T10:00:00+02:00",
            "recurrence": {"rrule": rrule}}),
        )
        .await;
        assert_eq!(status, 422, "{rrule}: {body}");
        assert!(
            body["detail"]
                .as_str()
                .is_some_and(|d| d.to_uppercase().contains(part)),
            "{rrule}: {body}"
        );
    }
}

async fn series_occurrences_are_cancelled_one_following_or_all_and_moved_one(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(&app, &admin, json!({"name": "Lab"})).await;
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": room,
        "start_time": "2027-07-05T09:00:00Z", "end_time": "2027-07-05T10:00:00Z",
        "recurrence": {"rrule": "FREQ=WEEKLY;COUNT=6"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let ids: Vec<i64> = body["created"]
        .as_array()
        .expect("created")
        .iter()
        .map(|r| r["id"].as_i64().expect("id"))
        .collect();
    let cancel = async |id: i64, scope: &str| {
        app.send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{id}/cancel"),
            Some(json!({"scope": scope, "reason": "holiday"})),
        )
        .await
    };
    let (status, body) = cancel(ids[1], "this").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cancelled_ids"], json!([ids[1]]));
    let (status, body) = cancel(ids[1], "this").await;
    assert_eq!(status, 409, "cancelling twice: {body}");
    let (status, body) = cancel(ids[4], "following").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cancelled_ids"], json!([ids[4], ids[5]]));
    // Move one occurrence: it keeps its series, and the others stay where they were.
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &ana,
            &format!("/api/v1/reservations/{}", ids[2]),
            Some(json!({"start_time": "2027-07-19T14:00:00Z", "end_time": "2027-07-19T15:00:00Z"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["start_time"], "2027-07-19T14:00:00Z");
    assert_eq!(
        body["series_id"].as_i64(),
        app.get_as(&ana, &format!("/api/v1/reservations/{}", ids[0]))
            .await
            .1["series_id"]
            .as_i64()
    );
    let (status, body) = cancel(ids[3], "series").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cancelled_ids"], json!([ids[0], ids[2], ids[3]]));
    let (_, mine) = app.get_as(&ana, "/api/v1/reservations/my").await;
    assert_eq!(mine["data"], json!([]));
    let (_, all) = app
        .get_as(&ana, "/api/v1/reservations/my?include_cancelled=true")
        .await;
    assert_eq!(all["data"].as_array().map(Vec::len), Some(6));
}

async fn approvals_hold_the_slot_and_cannot_be_bypassed(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let cid = app.user_token("cid").await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
    let settings = format!("/api/v1/approvals/resources/{room}/settings");
    // Only those who manage the resource change who approves.
    let (status, _) = app
        .send_as(
            Method::PUT,
            &ana,
            &settings,
            Some(json!({"requires_approval": false, "approvers": ["ana"]})),
        )
        .await;
    assert_eq!(status, 403);
    let (status, body) = app
        .send_as(
            Method::PUT,
            &admin,
            &settings,
            Some(json!({"requires_approval": true, "approvers": ["bea"]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["approvers"][0]["username"], "bea");

    let (status, pending) = book(
        &app,
        &ana,
        room,
        "2027-08-02T09:00:00Z",
        "2027-08-02T10:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{pending}");
    assert_eq!(pending["status"], "pending_approval");
    let id = pending["id"].as_i64().expect("id");
    // The pending booking holds its slot.
    let (status, _) = book(
        &app,
        &cid,
        room,
        "2027-08-02T09:30:00Z",
        "2027-08-02T10:30:00Z",
    )
    .await;
    assert_eq!(status, 409);
    // Neither the booker nor a stranger may decide; moving it keeps it pending.
    let respond = async |token: &str, approved: bool, reason: &str| {
        app.send_as(
            Method::POST,
            token,
            &format!("/api/v1/approvals/{id}/respond"),
            Some(json!({"approved": approved, "reason": reason})),
        )
        .await
    };
    assert_eq!(respond(&ana, true, "mine").await.0, 403);
    assert_eq!(respond(&cid, true, "why not").await.0, 404);
    let (_, none) = app.get_as(&ana, "/api/v1/approvals/pending").await;
    assert_eq!(none["data"], json!([]), "{none}");
    let (status, moved) = app
        .send_as(
            Method::PATCH,
            &ana,
            &format!("/api/v1/reservations/{id}"),
            Some(json!({"start_time": "2027-08-02T11:00:00Z", "end_time": "2027-08-02T12:00:00Z"})),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["status"], "pending_approval");
    // The approver sees it and rejects it with a reason.
    let (_, queue) = app.get_as(&bea, "/api/v1/approvals/pending").await;
    assert_eq!(queue["data"][0]["id"], id, "{queue}");
    assert_eq!(queue["data"][0]["username"], "ana");
    let (status, rejected) = respond(&bea, false, "Board meeting that day").await;
    assert_eq!(status, 200, "{rejected}");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(respond(&bea, true, "changed my mind").await.0, 409);
    let (_, history) = app
        .get_as(&ana, &format!("/api/v1/reservations/{id}/history"))
        .await;
    let last = history["data"]
        .as_array()
        .and_then(|h| h.last())
        .expect("history");
    assert_eq!(last["action"], "rejected");
    assert_eq!(last["actor"], "bea");
    assert_eq!(last["reason"], "Board meeting that day");
    // The slot is free again; an admin approves the next request.
    let (status, again) = book(
        &app,
        &cid,
        room,
        "2027-08-02T11:00:00Z",
        "2027-08-02T12:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{again}");
    let (status, approved) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("/api/v1/approvals/{}/respond", again["id"]),
            Some(json!({"approved": true})),
        )
        .await;
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["status"], "active");
    // Every path goes through approval: a series is pending too.
    let (status, body) = series(
        &app,
        &ana,
        json!({"resource_id": room,
        "start_time": "2027-08-09T09:00:00Z", "end_time": "2027-08-09T10:00:00Z",
        "recurrence": {"rrule": "FREQ=DAILY;COUNT=2"}}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert!(
        body["created"]
            .as_array()
            .expect("created")
            .iter()
            .all(|r| r["status"] == "pending_approval")
    );
}

/// A reservation's history, as `token` reads it.
async fn history_of(app: &TestApp, token: &str, reservation: &Value) -> Value {
    let path = format!("/api/v1/reservations/{}/history", reservation["id"]);
    app.get_as(token, &path).await.1
}

/// The actions of a history, oldest first.
fn actions(history: &Value) -> Vec<&str> {
    history["data"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| h["action"].as_str().expect("action"))
        .collect()
}

async fn waitlist_entry(app: &TestApp, token: &str, id: i64) -> Value {
    let (_, page) = app.get_as(token, "/api/v1/waitlist").await;
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .find(|e| e["id"] == id)
        .cloned()
        .expect("entry")
}

async fn waitlist_offers_hold_the_slot_and_pass_on_when_declined_or_expired(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let [ana, bea, cid, dan] = [
        app.user_token("ana").await,
        app.user_token("bea").await,
        app.user_token("cid").await,
        app.user_token("dan").await,
    ];
    let room = create_resource(&app, &admin, json!({"name": "Kiln"})).await;
    let (start, end) = ("2027-09-01T09:00:00Z", "2027-09-01T10:00:00Z");
    let (_, taken) = book(&app, &ana, room, start, end).await;
    let join = async |token: &str| {
        app.send_as(
            Method::POST,
            token,
            "/api/v1/waitlist",
            Some(json!({"resource_id": room, "desired_start": start, "desired_end": end})),
        )
        .await
    };
    let (status, b) = join(&bea).await;
    assert_eq!(status, 201, "{b}");
    assert_eq!(
        (b["status"].clone(), b["position"].clone()),
        (json!("waiting"), json!(1))
    );
    // Asking twice for the same time is refused; nothing changes in the line.
    let (status, again) = join(&bea).await;
    assert_eq!(
        (status, again["code"].clone()),
        (409, json!("conflict")),
        "{again}"
    );
    let (_, c) = join(&cid).await;
    assert_eq!(c["position"], 2);
    let (b_id, c_id) = (b["id"].as_i64().expect("id"), c["id"].as_i64().expect("id"));

    // The owner cancels: the first in line is offered the slot, held for 30 minutes.
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{}/cancel", taken["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let offer = waitlist_entry(&app, &bea, b_id).await;
    assert_eq!(offer["status"], "offered", "{offer}");
    assert_eq!(offer["offer_start"], start);
    let expires: chrono::DateTime<chrono::Utc> = offer["offer_expires_at"]
        .as_str()
        .expect("expiry")
        .parse()
        .expect("time");
    let hold = expires - chrono::Utc::now();
    assert!(
        hold > chrono::Duration::minutes(29) && hold <= chrono::Duration::minutes(30),
        "{hold}"
    );
    // An offer is not one of the person's reservations until they accept it.
    let mine = async |token: &str| {
        let (_, page) = app
            .get_as(token, "/api/v1/reservations/my?include_cancelled=true")
            .await;
        page["data"].as_array().expect("data").len()
    };
    assert_eq!(mine(&bea).await, 0);
    // Others cannot take the held slot, not even the next in line.
    assert_eq!(book(&app, &dan, room, start, end).await.0, 409);
    assert_eq!(book(&app, &cid, room, start, end).await.0, 409);
    assert_eq!(
        app.send_as(
            Method::POST,
            &cid,
            &format!("/api/v1/waitlist/{b_id}/accept"),
            None
        )
        .await
        .0,
        404
    );

    // Declined: the offer passes to the next entry.
    let (status, declined) = app
        .send_as(
            Method::POST,
            &bea,
            &format!("/api/v1/waitlist/{b_id}/decline"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{declined}");
    assert_eq!(declined["status"], "declined");
    assert_eq!(waitlist_entry(&app, &cid, c_id).await["status"], "offered");

    // Expired (its time run out, with no request arriving): it passes on again, here to a
    // third person who joined meanwhile.
    let (_, d) = join(&dan).await;
    assert_eq!(d["position"], 1);
    app.db
        .execute_unprepared(&format!(
            "UPDATE waitlist_entries SET offer_expires_at = '2000-01-01T00:00:00+00:00' WHERE id = {c_id}"
        ))
        .await
        .expect("age the offer");
    let d_id = d["id"].as_i64().expect("id");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        if waitlist_entry(&app, &dan, d_id).await["status"] == "offered" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the expired offer was not passed on"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(waitlist_entry(&app, &cid, c_id).await["status"], "expired");
    assert_eq!(
        app.send_as(
            Method::POST,
            &cid,
            &format!("/api/v1/waitlist/{c_id}/accept"),
            None
        )
        .await
        .0,
        409
    );

    // Accepted: the held slot becomes a booking at once.
    let (status, booked) = app
        .send_as(
            Method::POST,
            &dan,
            &format!("/api/v1/waitlist/{d_id}/accept"),
            None,
        )
        .await;
    assert_eq!(status, 201, "{booked}");
    assert_eq!(booked["status"], "active");
    assert_eq!(booked["start_time"], start);
    // The declined and the expired offers never became reservations; the accepted one did.
    assert_eq!(
        (mine(&bea).await, mine(&cid).await, mine(&dan).await),
        (0, 0, 1)
    );
    let history = history_of(&app, &dan, &booked).await;
    assert_eq!(actions(&history), ["offered", "offer_accepted"]);
    assert_eq!(overlapping_pairs(&app).await, 0);

    // A flexible entry takes a free hour near the wanted one the same day.
    let (_, _) = book(
        &app,
        &ana,
        room,
        "2027-09-02T09:00:00Z",
        "2027-09-02T12:00:00Z",
    )
    .await;
    let (status, flexible) = app
        .send_as(Method::POST, &bea, "/api/v1/waitlist", Some(json!({"resource_id": room, "desired_start": "2027-09-02T10:00:00Z", "desired_end": "2027-09-02T11:00:00Z", "flexible_time": true})))
        .await;
    assert_eq!(status, 201, "{flexible}");
    // API.md: a new entry answers `waiting` with its place in line; a free time near the
    // wanted one is offered right after.
    assert_eq!(
        (flexible["status"].clone(), flexible["position"].clone()),
        (json!("waiting"), json!(1)),
        "{flexible}"
    );
    let id = flexible["id"].as_i64().expect("id");
    let flexible = waitlist_entry(&app, &bea, id).await;
    assert_eq!(flexible["status"], "offered", "{flexible}");
    let offered: chrono::DateTime<chrono::Utc> = flexible["offer_start"]
        .as_str()
        .expect("start")
        .parse()
        .expect("time");
    let wanted: chrono::DateTime<chrono::Utc> = "2027-09-02T10:00:00Z".parse().expect("time");
    assert!((offered - wanted).num_hours().abs() <= 2, "{flexible}");
    assert!(
        offered + chrono::Duration::hours(1)
            <= "2027-09-02T09:00:00Z"
                .parse::<chrono::DateTime<chrono::Utc>>()
                .expect("t")
            || offered
                >= "2027-09-02T12:00:00Z"
                    .parse::<chrono::DateTime<chrono::Utc>>()
                    .expect("t"),
        "{flexible}"
    );
}

/// API.md: a held offer blocks the slot for "others"; the person it is held for may book
/// it with `POST /reservations`, which takes the offer, with the booking's title.
async fn the_person_offered_a_slot_may_book_it_directly(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Kiln"})).await;
    let (start, end) = ("2027-09-01T09:00:00Z", "2027-09-01T10:00:00Z");
    let (_, taken) = book(&app, &ana, room, start, end).await;
    let (status, entry) = app
        .send_as(
            Method::POST,
            &bea,
            "/api/v1/waitlist",
            Some(json!({"resource_id": room, "desired_start": start, "desired_end": end})),
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let id = entry["id"].as_i64().expect("id");
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{}/cancel", taken["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(waitlist_entry(&app, &bea, id).await["status"], "offered");

    // Others still get 409; so does a time that only overlaps her offer.
    assert_eq!(book(&app, &ana, room, start, end).await.0, 409);
    let (status, _) = book(&app, &bea, room, start, "2027-09-01T10:30:00Z").await;
    assert_eq!(status, 409);
    let check = async |token: &str| {
        let body = json!({"resource_id": room, "start_time": start, "end_time": end});
        let (_, answer) = app
            .send_as(
                Method::POST,
                token,
                "/api/v1/reservations/check",
                Some(body),
            )
            .await;
        answer["available"].clone()
    };
    assert_eq!(
        (check(&bea).await, check(&ana).await),
        (json!(true), json!(false))
    );
    // With an idempotency key, a retry after a lost answer gets the same booking replayed.
    let take = async || {
        let response = app
            .client
            .post(app.url("/api/v1/reservations"))
            .bearer_auth(&bea)
            .header("Idempotency-Key", "take-the-offer")
            .json(
                &json!({"resource_id": room, "start_time": start, "end_time": end,
                          "title": "Glaze firing"}),
            )
            .send()
            .await
            .expect("sent");
        let replayed = response.headers().contains_key("idempotent-replayed");
        let status = response.status().as_u16();
        (
            status,
            replayed,
            response.json::<Value>().await.expect("json"),
        )
    };
    let (status, replayed, booked) = take().await;
    assert_eq!((status, replayed), (201, false), "{booked}");
    let (status, replayed, again) = take().await;
    assert_eq!(
        (status, replayed, &again["id"]),
        (201, true, &booked["id"]),
        "{again}"
    );
    assert_eq!(
        (
            booked["status"].clone(),
            booked["title"].clone(),
            booked["start_time"].clone()
        ),
        (json!("active"), json!("Glaze firing"), json!(start))
    );
    assert_eq!(waitlist_entry(&app, &bea, id).await["status"], "accepted");
    let history = history_of(&app, &bea, &booked).await;
    assert_eq!(actions(&history), ["offered", "offer_accepted"]);
    let (status, slashed) = app
        .get_as(
            &bea,
            &format!("/api/v1/reservations/{}/history/", booked["id"]),
        )
        .await;
    assert_eq!((status, slashed), (200, history));
    // Booking it again is an ordinary conflict with her own booking.
    assert_eq!(book(&app, &bea, room, start, end).await.0, 409);
    assert_eq!(overlapping_pairs(&app).await, 0);
}

async fn reservations_are_private_and_keep_their_history(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Cellar"})).await;
    let (_, made) = book(
        &app,
        &ana,
        room,
        "2027-10-04T09:00:00Z",
        "2027-10-04T10:00:00Z",
    )
    .await;
    let id = made["id"].as_i64().expect("id");
    let path = format!("/api/v1/reservations/{id}");
    assert_eq!(app.get_as(&bea, &path).await.0, 404);
    assert_eq!(app.get_as(&bea, &format!("{path}/history")).await.0, 404);
    assert_eq!(
        app.send_as(Method::POST, &bea, &format!("{path}/cancel"), None)
            .await
            .0,
        404
    );
    assert_eq!(
        app.send_as(
            Method::PATCH,
            &bea,
            &path,
            Some(json!({"title": "mine now"}))
        )
        .await
        .0,
        404
    );
    assert_eq!(app.get_as(&ana, &path).await.0, 200);
    assert_eq!(app.get_as(&admin, &path).await.0, 200);
    let (status, _) = app
        .send_as(
            Method::PATCH,
            &ana,
            &path,
            Some(json!({"end_time": "2027-10-04T10:30:00Z"})),
        )
        .await;
    assert_eq!(status, 200);
    // A start alone moves it, keeping its 90 minutes.
    let (status, moved) = app
        .send_as(
            Method::PATCH,
            &ana,
            &path,
            Some(json!({"start_time": "2027-10-04T13:00:00Z"})),
        )
        .await;
    assert_eq!(
        (
            status,
            moved["start_time"].clone(),
            moved["end_time"].clone()
        ),
        (
            200,
            json!("2027-10-04T13:00:00Z"),
            json!("2027-10-04T14:30:00Z")
        ),
        "{moved}"
    );
    let (status, cancelled) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("{path}/cancel"),
            Some(json!({"reason": "Flooded"})),
        )
        .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["reservation_id"], id);
    assert!(cancelled["cancelled_at"].is_string());
    let (_, history) = app.get_as(&ana, &format!("{path}/history")).await;
    let steps: Vec<(String, String, String)> = history["data"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| {
            (
                h["action"].as_str().unwrap_or_default().to_owned(),
                h["to_status"].as_str().unwrap_or_default().to_owned(),
                h["actor"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("created".to_owned(), "active".to_owned(), "ana".to_owned()),
            (
                "rescheduled".to_owned(),
                "active".to_owned(),
                "ana".to_owned()
            ),
            (
                "rescheduled".to_owned(),
                "active".to_owned(),
                "ana".to_owned()
            ),
            (
                "cancelled".to_owned(),
                "cancelled".to_owned(),
                "admin".to_owned()
            ),
        ]
    );
    assert_eq!(history["data"][3]["reason"], "Flooded");
    assert_eq!(history["data"][1]["end_time"], "2027-10-04T10:30:00Z");
    assert_eq!(history["data"][2]["end_time"], "2027-10-04T14:30:00Z");
}

/// `GET /calendar/export/{id}.ics` by bearer token or browser session: a calendar file a
/// calendar application can open, for those who may read the reservation.
async fn a_reservation_exports_as_an_ics_file_for_those_who_may_read_it(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Board room, 3rd floor"})).await;
    let (status, made) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/reservations",
            Some(json!({
                "resource_id": room,
                "start_time": "2027-10-05T09:00:00Z",
                "end_time": "2027-10-05T10:30:00Z",
                "title": "Budget; Q4",
                "notes": "Bring the figures\nand coffee",
            })),
        )
        .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_i64().expect("id");
    let path = format!("/api/v1/calendar/export/{id}.ics");
    let export = |request: reqwest::RequestBuilder| async move {
        let response = request.send().await.expect("sent");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        (status, headers, response.text().await.expect("body"))
    };

    let (status, headers, file) = export(app.client.get(app.url(&path)).bearer_auth(&ana)).await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(headers["content-type"], "text/calendar; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        format!("attachment; filename=\"reservation-{id}.ics\"").as_str()
    );
    assert!(
        file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{file}"
    );
    assert!(file.ends_with("END:VCALENDAR\r\n"), "{file}");
    for line in [
        format!("UID:reservation-{id}@reserver"),
        "DTSTART:20271005T090000Z".to_owned(),
        "DTEND:20271005T103000Z".to_owned(),
        "SUMMARY:Budget\\; Q4".to_owned(),
        "LOCATION:Board room\\, 3rd floor".to_owned(),
        "DESCRIPTION:Bring the figures\\nand coffee".to_owned(),
        "STATUS:CONFIRMED".to_owned(),
    ] {
        assert!(
            file.contains(&format!("\r\n{line}\r\n")),
            "{line} in {file}"
        );
    }

    // The browser's session cookie is enough: the link on /reservations is a plain link.
    let cookie = app.session_cookie(&ana).await;
    let (status, _, by_cookie) =
        export(app.client.get(app.url(&path)).header("cookie", cookie)).await;
    assert_eq!(status, 200);
    assert_eq!(by_cookie, file);

    // Someone else's reservation does not exist for bea; an admin may read it.
    let (status, _, body) = export(app.client.get(app.url(&path)).bearer_auth(&bea)).await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("\"detail\""), "{body}");
    assert_eq!(
        export(app.client.get(app.url(&path)).bearer_auth(&admin))
            .await
            .0,
        200
    );
    assert_eq!(export(app.client.get(app.url(&path))).await.0, 401);
    let (status, _, body) = export(
        app.client
            .get(app.url("/api/v1/calendar/export/abc.ics"))
            .bearer_auth(&ana),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        export(
            app.client
                .get(app.url("/api/v1/calendar/export/999999.ics"))
                .bearer_auth(&ana)
        )
        .await
        .0,
        404
    );

    // Cancelled, the event says so, so a calendar that imported it can drop it.
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{id}/cancel"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, _, file) = export(app.client.get(app.url(&path)).bearer_auth(&ana)).await;
    assert!(file.contains("\r\nSTATUS:CANCELLED\r\n"), "{file}");
}

/// The last line of defence holds even for a writer that skips the service: an overlapping
/// blocking row is refused by the database itself (exclusion constraint or trigger), while
/// cancelled rows and back-to-back rows are let through.
async fn the_database_refuses_overlapping_rows_whoever_writes_them(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let room = create_resource(&app, &admin, json!({"name": "Vault"})).await;
    let (status, made) = book(
        &app,
        &admin,
        room,
        "2027-11-01T09:00:00Z",
        "2027-11-01T10:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let user = made["user_id"].as_i64().expect("user");
    let insert = |status: &str, start: &str, end: &str| {
        format!(
            "INSERT INTO reservations (resource_id, user_id, start_time, end_time, block_start, \
             block_end, status, title, notes, created_at, updated_at) VALUES ({room}, {user}, \
             '{start}', '{end}', '{start}', '{end}', '{status}', '', '', \
             '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        )
    };
    for status in ["active", "pending_approval", "held"] {
        let refused = app
            .db
            .execute_unprepared(&insert(
                status,
                "2027-11-01T09:30:00+00:00",
                "2027-11-01T10:30:00+00:00",
            ))
            .await;
        assert!(refused.is_err(), "{status} overlap was stored");
    }
    for (status, start, end) in [
        (
            "cancelled",
            "2027-11-01T09:30:00+00:00",
            "2027-11-01T10:30:00+00:00",
        ),
        (
            "active",
            "2027-11-01T10:00:00+00:00",
            "2027-11-01T11:00:00+00:00",
        ),
    ] {
        app.db
            .execute_unprepared(&insert(status, start, end))
            .await
            .expect("a non-overlapping row is stored");
    }
    // Moving a row onto another is refused too.
    let moved = app
        .db
        .execute_unprepared(&format!(
            "UPDATE reservations SET block_start = '2027-11-01T08:30:00+00:00', \
             start_time = '2027-11-01T08:30:00+00:00' WHERE resource_id = {room} \
             AND start_time = '2027-11-01T10:00:00+00:00'"
        ))
        .await;
    assert!(moved.is_err(), "an update made two rows overlap");
    assert_eq!(overlapping_pairs(&app).await, 0);
}

async fn each_person_has_a_calendar_feed_at_a_secret_address(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Kiln"})).await;
    let day = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
    let at = |hour: u32| format!("{day}T{hour:02}:00:00Z");
    let (status, kept) = book(&app, &ana, room, &at(9), &at(10)).await;
    assert_eq!(status, 201, "{kept}");
    let (_, dropped) = book(&app, &ana, room, &at(11), &at(12)).await;
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{}/cancel", dropped["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, theirs) = book(&app, &bea, room, &at(13), &at(14)).await;
    let uid = |booking: &Value| format!("UID:reservation-{}@reserver", booking["id"]);

    // The address is made on first request and stays the same.
    let (status, first) = app.get_as(&ana, "/api/v1/calendar/subscription-url").await;
    assert_eq!(status, 200, "{first}");
    let url = first["url"].as_str().expect("url").to_owned();
    assert!(
        url.starts_with(&format!("{}/api/v1/calendar/feed/", app.address)) && url.ends_with(".ics"),
        "{url}"
    );
    let (_, again) = app.get_as(&ana, "/api/v1/calendar/subscription-url").await;
    assert_eq!(again["url"], first["url"]);
    let (_, bea_feed) = app.get_as(&bea, "/api/v1/calendar/subscription-url").await;
    assert_ne!(bea_feed["url"], first["url"]);

    // A calendar application reads it without signing in: the person's live bookings only.
    let fetch = async |url: &str| {
        let response = app.client.get(url).send().await.expect("sent");
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().expect("ascii").to_owned());
        (status, kind, response.text().await.expect("body"))
    };
    let (status, kind, feed) = fetch(&url).await;
    assert_eq!(status, 200, "{feed}");
    assert_eq!(kind.as_deref(), Some("text/calendar; charset=utf-8"));
    assert!(feed.starts_with("BEGIN:VCALENDAR\r\n"), "{feed}");
    assert!(feed.contains(&uid(&kept)), "{feed}");
    let start = format!("DTSTART:{}T090000Z", day.format("%Y%m%d"));
    assert!(feed.contains(&start), "{feed}");
    assert!(
        !feed.contains(&uid(&dropped)),
        "a cancelled booking leaves the feed"
    );
    assert!(
        !feed.contains(&uid(&theirs)),
        "another person's booking is not in it"
    );
    let (_, _, bea_file) = fetch(bea_feed["url"].as_str().expect("url")).await;
    assert!(bea_file.contains(&uid(&theirs)) && !bea_file.contains(&uid(&kept)));

    // A new address revokes the old one.
    let (status, renewed) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/calendar/regenerate-token",
            None,
        )
        .await;
    assert_eq!(status, 200, "{renewed}");
    let new_url = renewed["url"].as_str().expect("url");
    assert_ne!(new_url, url);
    let (status, kind, gone) = fetch(&url).await;
    assert_eq!(status, 404, "{gone}");
    assert_eq!(kind.as_deref(), Some("application/json"));
    assert!(fetch(new_url).await.2.contains(&uid(&kept)));
    let (_, now_shown) = app.get_as(&ana, "/api/v1/calendar/subscription-url").await;
    assert_eq!(now_shown["url"], renewed["url"]);

    // Asking for an address needs an account; guessing one finds nothing.
    let (status, _) = app.get_json("/api/v1/calendar/subscription-url").await;
    assert_eq!(status, 401);
    let guess = format!(
        "{}/api/v1/calendar/feed/{}.ics",
        app.address,
        "0".repeat(64)
    );
    assert_eq!(fetch(&guess).await.0, 404);
}
