//! The audit log through the REST API: what is written (and what is not, when a change is
//! refused), who may read it, its filters and pages, and its CSV and JSON exports.

use reqwest::Method;
use serde_json::{Value, json};

use crate::reservations::{book, create_resource};
use crate::support::{Engine, PASSWORD, TestApp, spawn_app};

on_both_engines!(
    the_log_says_who_did_what_and_outlives_the_records,
    the_log_filters_pages_and_exports,
);

/// `GET /api/v1/audit/logs{query}` as `token`: the page, after checking it was a 200.
async fn logs(app: &TestApp, token: &str, query: &str) -> Value {
    let (status, page) = app
        .get_as(token, &format!("/api/v1/audit/logs{query}"))
        .await;
    assert_eq!(status, 200, "{query}: {page}");
    page
}

fn actions(page: &Value) -> Vec<&str> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|e| e["action"].as_str().expect("action"))
        .collect()
}

async fn the_log_says_who_did_what_and_outlives_the_records(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(&app, &admin, json!({"name": "Boardroom"})).await;
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
    // Refused changes leave no line: an overlapping booking, a cancel of someone else's.
    let (status, _) = book(
        &app,
        &bea,
        room,
        "2027-03-01T08:30:00Z",
        "2027-03-01T09:30:00Z",
    )
    .await;
    assert_eq!(status, 409);
    let cancel = format!("/api/v1/reservations/{booking}/cancel");
    let (status, _) = app
        .send_as(Method::POST, &bea, &cancel, Some(json!({})))
        .await;
    assert!(status == 403 || status == 404, "{status}");
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            &cancel,
            Some(json!({"reason": "board meeting moved"})),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.token("ana", "not her password", None).await.status(),
        401
    );

    // Only those with `audit:read:all` read everyone's lines; nobody unauthenticated.
    assert_eq!(app.get("/api/v1/audit/logs").await.status(), 401);
    let page = logs(&app, &admin, "").await;
    assert_eq!(
        actions(&page)[..4],
        [
            "session.sign_in_failed",
            "reservation.cancelled",
            "reservation.created",
            "resource.created"
        ],
        "{page}"
    );
    let cancelled = &page["data"][1];
    assert_eq!(cancelled["actor"], "admin");
    assert_eq!(cancelled["entity_type"], "reservation");
    assert_eq!(cancelled["entity_id"], booking);
    assert_eq!(cancelled["details"]["reason"], "board meeting moved");
    assert_eq!(cancelled["details"]["from_status"], "active");
    assert_eq!(cancelled["details"]["to_status"], "cancelled");
    assert_eq!(cancelled["details"]["resource_id"], room);
    let created = &page["data"][2];
    assert_eq!(created["actor"], "ana");
    assert_eq!(created["details"]["start_time"], "2027-03-01T08:00:00Z");
    let failed = &page["data"][0];
    assert_eq!(failed["actor"], "ana", "the account tried: {failed}");
    assert_eq!(failed["details"]["reason"], "credentials");
    // Exactly one booking was made and one cancelled, whatever was refused.
    let page = logs(&app, &admin, "?action=reservation").await;
    assert_eq!(
        actions(&page),
        ["reservation.cancelled", "reservation.created"],
        "{page}"
    );
    assert_eq!(page["total_count"], 2);

    // A plain user may not read it; one whose role grants `audit:read:own` reads their own.
    assert_eq!(app.get_as(&bea, "/api/v1/audit/logs").await.0, 403);
    let (status, role) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/roles",
            Some(json!({"name": "self-auditor", "permissions": ["audit:read:own"]})),
        )
        .await;
    assert_eq!(status, 201, "{role}");
    let bea_id = logs(&app, &admin, "?actor=bea").await["data"][0]["actor_id"].clone();
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &admin,
            &format!("/api/v1/users/{bea_id}"),
            Some(json!({"roles": ["user", "self-auditor"]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let own = logs(&app, &bea, "").await;
    assert_eq!(
        actions(&own),
        ["session.signed_in", "user.registered"],
        "her refused booking and cancel left nothing: {own}"
    );
    assert!(
        own["data"]
            .as_array()
            .expect("data")
            .iter()
            .all(|e| e["actor"] == "bea")
    );
    let updated = &logs(&app, &admin, "?action=user.updated").await["data"][0];
    assert_eq!(updated["actor"], "admin");
    assert_eq!(updated["entity_id"], bea_id);
    assert_eq!(
        updated["details"]["changes"],
        json!({"roles": ["user", "self-auditor"]})
    );

    // Deleting the resource takes its bookings' history; the log keeps it.
    let (status, _) = app
        .send_as(
            Method::DELETE,
            &admin,
            &format!("/api/v1/resources/{room}"),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = app
        .get_as(&admin, &format!("/api/v1/reservations/{booking}/history"))
        .await;
    assert_eq!(status, 404);
    let page = logs(
        &app,
        &admin,
        &format!("?entity_type=reservation&entity_id={booking}"),
    )
    .await;
    assert_eq!(
        actions(&page),
        ["reservation.cancelled", "reservation.created"]
    );
    let page = logs(
        &app,
        &admin,
        &format!("?entity_type=resource&entity_id={room}"),
    )
    .await;
    assert_eq!(actions(&page), ["resource.deleted", "resource.created"]);
    assert_eq!(page["data"][0]["details"]["name"], "Boardroom");

    // A password typed into the username field is not kept.
    assert_eq!(
        app.token("Hunter2-secret!", PASSWORD, None).await.status(),
        401
    );
    let failed = &logs(&app, &admin, "?action=sign_in_failed").await["data"][0];
    assert_eq!(failed["actor"], Value::Null);
    assert_eq!(failed["details"]["username"], Value::Null);
    assert!(!failed.to_string().contains("Hunter2"), "{failed}");
}

async fn the_log_filters_pages_and_exports(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    // A username a spreadsheet would take for a formula.
    let (status, body) = app
        .post_json(
            "/api/v1/register",
            json!({"username": "@sum", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let sum = app.access_token("@sum").await;
    for name in ["Desk 1", "Desk 2", "Desk 3"] {
        create_resource(&app, &admin, json!({"name": name})).await;
    }

    // Who: by username or by id; an unknown one matches nothing.
    let page = logs(&app, &admin, "?actor=%40sum").await;
    assert_eq!(actions(&page), ["session.signed_in", "user.registered"]);
    let sum_id = page["data"][0]["actor_id"].as_i64().expect("actor id");
    let by_id = logs(&app, &admin, &format!("?actor={sum_id}")).await;
    assert_eq!(by_id["data"], page["data"]);
    let nobody = logs(&app, &admin, "?actor=nobody").await;
    assert_eq!(nobody["data"], json!([]));
    assert_eq!(nobody["total_count"], 0);
    // What: a whole action, or one word naming the entity or the verb.
    let page = logs(&app, &admin, "?action=resource.created").await;
    assert_eq!(page["total_count"], 3);
    let page = logs(&app, &admin, "?action=created").await;
    assert_eq!(page["total_count"], 3);
    let page = logs(&app, &admin, "?action=setup").await;
    assert_eq!(actions(&page), ["setup.initialized"]);
    // When: half-open, with an offset; a naive time or an empty span is refused.
    let everything = logs(&app, &admin, "").await["total_count"]
        .as_u64()
        .expect("count");
    let page = logs(
        &app,
        &admin,
        "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00%2B02:00",
    )
    .await;
    assert_eq!(page["total_count"], everything);
    let page = logs(&app, &admin, "?from=2100-01-01T00:00:00Z").await;
    assert_eq!(page["total_count"], 0);
    for query in [
        "?from=2026-01-01T00:00:00",
        "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
        "?entity_id=one",
    ] {
        let (status, body) = app
            .get_as(&admin, &format!("/api/v1/audit/logs{query}"))
            .await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()));
    }

    // Pages: newest first, no line twice, none left out.
    let mut seen = Vec::new();
    let mut query = "?limit=2".to_owned();
    loop {
        let page = logs(&app, &admin, &query).await;
        assert_eq!(page["total_count"], everything);
        seen.extend(
            page["data"]
                .as_array()
                .expect("data")
                .iter()
                .map(|e| e["id"].as_i64().expect("id")),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, everything);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "{seen:?}");

    // Exports: every matching line; CSV cells that look like formulas are made inert.
    let response = app
        .client
        .get(app.url("/api/v1/audit/export/csv?action=user"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let csv = response.text().await.expect("text");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,timestamp,actor_id,actor,action,entity_type,entity_id,details")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(rows[0].contains(",'@sum,user.registered,user,"), "{csv}");
    let (status, exported) = app.get_as(&admin, "/api/v1/audit/export/json").await;
    assert_eq!(status, 200);
    assert_eq!(exported.as_array().expect("array").len() as u64, everything);
    assert_eq!(exported[0]["id"].as_i64(), seen.first().copied());

    // Exports need the same right as the log.
    for path in ["/api/v1/audit/export/csv", "/api/v1/audit/export/json"] {
        assert_eq!(app.get_as(&sum, path).await.0, 403, "{path}");
        assert_eq!(app.get(path).await.status(), 401, "{path}");
    }
}
