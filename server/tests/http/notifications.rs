//! Notifications through the REST API: who hears about what, in which language, and marking
//! them read.

use reqwest::Method;
use serde_json::{Value, json};

use crate::reservations::{book, create_resource};
use crate::support::{Engine, TestApp, spawn_app};

on_both_engines!(
    people_hear_about_their_bookings_in_their_language,
    approvers_hear_of_requests_and_a_series_is_one_notification,
);

/// The caller's notifications (`query` appended), with `Accept-Language` when given.
async fn inbox(app: &TestApp, token: &str, query: &str, language: Option<&str>) -> Value {
    let mut request = app
        .client
        .get(app.url(&format!("/api/v1/notifications{query}")))
        .bearer_auth(token);
    if let Some(language) = language {
        request = request.header("Accept-Language", language);
    }
    let response = request.send().await.expect("sent");
    assert_eq!(response.status(), 200);
    response.json().await.expect("JSON")
}

/// `POST /notifications/{id}/read`'s status.
async fn read(app: &TestApp, token: &str, id: &str) -> u16 {
    let path = format!("/api/v1/notifications/{id}/read");
    app.send_as(Method::POST, token, &path, None).await.0
}

fn types(page: &Value) -> Vec<&str> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|n| n["type"].as_str().expect("type"))
        .collect()
}

async fn people_hear_about_their_bookings_in_their_language(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let room = create_resource(
        &app,
        &admin,
        json!({"name": "Salle Verte", "timezone": "Europe/Paris"}),
    )
    .await;
    assert_eq!(app.get("/api/v1/notifications").await.status(), 401);

    let (status, booked) = book(
        &app,
        &ana,
        room,
        "2027-03-01T08:00:00Z",
        "2027-03-01T09:30:00Z",
    )
    .await;
    assert_eq!(status, 201, "{booked}");
    let page = inbox(&app, &ana, "", None).await;
    assert_eq!(types(&page), ["reservation_confirmed"], "{page}");
    let first = &page["data"][0];
    assert_eq!(first["title"], "Booking confirmed");
    assert_eq!(
        first["message"],
        "Your booking of Salle Verte on Monday, 1 March, 09:00–10:30 (Europe/Paris) is confirmed."
    );
    assert_eq!(first["read"], false);
    assert_eq!(first["read_at"], Value::Null);
    assert_eq!(first["link"], "/reservations");
    assert_eq!(first["reservation_id"], booked["id"]);
    assert_eq!(first["resource_id"], room);
    assert_eq!(page["total_count"], 1);

    // A booking refused for a conflict tells no one anything.
    let (status, _) = book(
        &app,
        &bea,
        room,
        "2027-03-01T08:30:00Z",
        "2027-03-01T09:00:00Z",
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        types(&inbox(&app, &bea, "", None).await),
        Vec::<&str>::new()
    );

    // Cancelled by an admin, with a reason: the owner hears it, newest first.
    let (status, body) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("/api/v1/reservations/{}/cancel", booked["id"]),
            Some(json!({"reason": "Deep clean"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let page = inbox(&app, &ana, "", None).await;
    assert_eq!(
        types(&page),
        ["reservation_cancelled", "reservation_confirmed"]
    );
    assert_eq!(page["data"][0]["title"], "Booking cancelled");
    assert!(
        page["data"][0]["message"]
            .as_str()
            .expect("message")
            .ends_with("was cancelled. Reason: Deep clean"),
        "{page}"
    );

    // Their own cancellation they just did: a confirmation of the booking, no cancellation.
    let (_, own) = book(
        &app,
        &ana,
        room,
        "2027-03-02T08:00:00Z",
        "2027-03-02T09:00:00Z",
    )
    .await;
    let (status, _) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/reservations/{}/cancel", own["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        types(&inbox(&app, &ana, "", None).await),
        [
            "reservation_confirmed",
            "reservation_cancelled",
            "reservation_confirmed"
        ]
    );

    // The words follow Accept-Language, else the language of the profile.
    let spanish = inbox(&app, &ana, "", Some("es-MX,es;q=0.9")).await;
    assert_eq!(spanish["data"][1]["title"], "Reserva cancelada");
    assert!(
        spanish["data"][1]["message"]
            .as_str()
            .expect("message")
            .contains("1 de marzo, 09:00–10:30 (Europe/Paris)")
            && spanish["data"][1]["message"]
                .as_str()
                .expect("message")
                .ends_with("Motivo: Deep clean"),
        "{spanish}"
    );
    let (status, _) = app
        .send_as(
            Method::PATCH,
            &ana,
            "/api/v1/users/me/preferences",
            Some(json!({"locale": "fr"})),
        )
        .await;
    assert_eq!(status, 200);
    let french = inbox(&app, &ana, "", None).await;
    assert_eq!(french["data"][1]["title"], "Réservation annulée");
    // A header naming no language we speak leaves the profile's.
    let german = inbox(&app, &ana, "", Some("de-DE,de;q=0.9")).await;
    assert_eq!(german["data"][1]["title"], "Réservation annulée");

    // Reading: one, then the rest; someone else's is not found; a bad id is a 422.
    let ids: Vec<i64> = french["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|n| n["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(read(&app, &bea, &ids[0].to_string()).await, 404);
    assert_eq!(read(&app, &ana, "abc").await, 422);
    assert_eq!(read(&app, &ana, "999999").await, 404);
    assert_eq!(read(&app, &ana, &ids[0].to_string()).await, 204);
    let unread = inbox(&app, &ana, "?unread_only=true", None).await;
    assert_eq!(unread["total_count"], 2, "{unread}");
    assert_eq!(
        types(&unread),
        ["reservation_cancelled", "reservation_confirmed"]
    );
    let all = inbox(&app, &ana, "", None).await;
    assert_eq!(all["data"][0]["read"], true);
    assert!(all["data"][0]["read_at"].is_string(), "{all}");
    assert_eq!(all["total_count"], 3);

    // Pages: newest first, the cursor goes on from there.
    let first_page = inbox(&app, &ana, "?limit=2", None).await;
    assert_eq!(first_page["has_more"], true);
    let cursor = first_page["next_cursor"].as_str().expect("cursor");
    let second_page = inbox(&app, &ana, &format!("?limit=2&cursor={cursor}"), None).await;
    assert_eq!(second_page["data"][0]["id"], ids[2]);
    assert_eq!(second_page["has_more"], false);

    let (status, body) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/notifications/mark-all-read",
            None,
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["updated"], 2);
    let unread = inbox(&app, &ana, "?unread_only=true", None).await;
    assert_eq!(unread["total_count"], 0);
    assert_eq!(unread["data"], json!([]));
}

async fn approvers_hear_of_requests_and_a_series_is_one_notification(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let studio = create_resource(&app, &admin, json!({"name": "Studio", "timezone": "UTC"})).await;
    let (status, body) = app
        .send_as(
            Method::PUT,
            &admin,
            &format!("/api/v1/approvals/resources/{studio}/settings"),
            Some(json!({"requires_approval": true, "approvers": ["bea"]})),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    let (status, pending) = book(
        &app,
        &ana,
        studio,
        "2027-04-05T10:00:00Z",
        "2027-04-05T11:00:00Z",
    )
    .await;
    assert_eq!(status, 201, "{pending}");
    let mine = inbox(&app, &ana, "", None).await;
    assert_eq!(types(&mine), ["reservation_pending"]);
    assert_eq!(mine["data"][0]["title"], "Booking waiting for approval");
    let asks = inbox(&app, &bea, "", None).await;
    assert_eq!(types(&asks), ["approval_requested"]);
    assert_eq!(asks["data"][0]["link"], "/approvals");
    assert_eq!(
        asks["data"][0]["message"],
        "ana asks to book Studio on Monday, 5 April, 10:00–11:00 (UTC)."
    );

    let (status, body) = app
        .send_as(
            Method::POST,
            &bea,
            &format!("/api/v1/approvals/{}/respond", pending["id"]),
            Some(json!({"approved": false, "reason": "Filming that day"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let mine = inbox(&app, &ana, "", None).await;
    assert_eq!(
        types(&mine),
        ["reservation_rejected", "reservation_pending"]
    );
    assert!(
        mine["data"][0]["message"]
            .as_str()
            .expect("message")
            .ends_with("Reason: Filming that day"),
        "{mine}"
    );

    // A weekly series: one notification for the booker and one request for the approver.
    let (status, body) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/reservations/recurring",
            Some(json!({"resource_id": studio,
                "start_time": "2027-05-03T09:00:00Z", "end_time": "2027-05-03T10:00:00Z",
                "recurrence": {"rrule": "FREQ=WEEKLY;COUNT=3"}})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let mine = inbox(&app, &ana, "", None).await;
    assert_eq!(types(&mine)[0], "series_pending");
    assert_eq!(mine["total_count"], 3);
    assert_eq!(
        mine["data"][0]["message"],
        "Your 3 bookings of Studio from Monday, 3 May, 09:00–10:00 (UTC) wait for approval."
    );
    let asks = inbox(&app, &bea, "", None).await;
    assert_eq!(
        types(&asks),
        ["approval_requested", "approval_requested"],
        "{asks}"
    );

    // An admin cancels the whole series: one notification, not one per booking.
    let first = body["created"][0]["id"].as_i64().expect("first occurrence");
    let (status, body) = app
        .send_as(
            Method::POST,
            &admin,
            &format!("/api/v1/reservations/{first}/cancel"),
            Some(json!({"scope": "series", "reason": "Studio refit"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["cancelled_ids"].as_array().map(Vec::len), Some(3));
    let mine = inbox(&app, &ana, "", None).await;
    assert_eq!(types(&mine)[..2], ["series_cancelled", "series_pending"]);
    assert_eq!(mine["total_count"], 4);
    assert_eq!(
        mine["data"][0]["message"],
        "3 of your bookings of Studio, from Monday, 3 May, 09:00–10:00 (UTC), were cancelled. Reason: Studio refit"
    );
    assert_eq!(inbox(&app, &bea, "", None).await["total_count"], 2);
}
