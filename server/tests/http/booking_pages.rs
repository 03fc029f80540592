//! The server functions behind the booking pages: the week's slot states, the dialog's live
//! check, booking from it (one winner when several people race for the same hour), my
//! bookings and cancelling, with local times in the resource's zone.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::support::{Engine, TestApp, spawn_app};

on_both_engines!(
    the_dialog_checks_books_and_cancels_in_the_resource_zone,
    people_racing_for_one_hour_from_the_dialog_get_one_booking,
);

/// A server-function call as the browser makes it: a form body, the session cookie, and
/// the page's own origin.
async fn call(app: &TestApp, cookie: &str, endpoint: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/fn/{endpoint}")))
        .header("cookie", cookie)
        .header("origin", app.address.clone())
        .form(form)
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The first day of the week the resource page shows from `date`.
async fn first_day(app: &TestApp, cookie: &str, resource: &str, date: &str) -> Value {
    let (status, week) = call(
        app,
        cookie,
        "resource_details",
        &[("id", resource), ("from", date)],
    )
    .await;
    assert_eq!(status, 200, "{week}");
    week["week"][0].clone()
}

async fn resource_in(app: &TestApp, admin: &str, timezone: &str) -> i64 {
    let (status, body) = app
        .send_as(
            Method::POST,
            admin,
            "/api/v1/resources",
            Some(json!({"name": format!("Room {timezone}"), "timezone": timezone})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

/// A person with the ordinary user role and a browser session.
async fn person(app: &TestApp, username: &str) -> String {
    let token = app.user_token(username).await;
    app.session_cookie(&token).await
}

async fn the_dialog_checks_books_and_cancels_in_the_resource_zone(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    // Tokyo is UTC+9 all year: 10:00 there is 01:00 UTC.
    let id = resource_in(&app, &admin, "Asia/Tokyo").await;
    let rid = id.to_string();
    let date = (Utc::now() + Duration::days(2) + Duration::hours(9))
        .date_naive()
        .to_string();
    let utc_date = |hour: u32| format!("{date}T{hour:02}:00:00+09:00");
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/reservations",
            Some(json!({"resource_id": id, "start_time": utc_date(11), "end_time": utc_date(12)})),
        )
        .await;
    assert_eq!(status, 201);
    let ana = person(&app, "ana").await;

    // The week shows the admin's hour as taken, in Tokyo time.
    let day = &first_day(&app, &ana, &rid, &date).await;
    assert_eq!(day["date"], date.as_str());
    let state_at = |day: &Value, start: &str| {
        day["slots"]
            .as_array()
            .expect("slots")
            .iter()
            .find(|s| s["start"] == start)
            .map(|s| s["state"].clone())
            .expect("slot")
    };
    assert_eq!(state_at(day, "11:00"), "Taken");
    assert_eq!(state_at(day, "10:00"), "Free");

    let form = |start: &'static str, end: &'static str| {
        vec![
            ("resource_id", rid.clone()),
            ("date", date.clone()),
            ("start", start.to_owned()),
            ("end", end.to_owned()),
        ]
    };
    let post = |endpoint: &'static str, fields: Vec<(&'static str, String)>| {
        let ana = ana.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(app, &ana, endpoint, &pairs).await
        }
    };

    let (status, free) = post("check_booking", form("10:00", "11:00")).await;
    assert_eq!(status, 200, "{free}");
    assert_eq!(
        free,
        json!({"available": true, "conflicts": [], "violations": []})
    );
    let (_, overlapping) = post("check_booking", form("10:00", "12:00")).await;
    assert_eq!(overlapping["available"], false);
    assert_eq!(
        overlapping["conflicts"],
        json!([{"date": date, "start": "11:00", "end": "12:00"}])
    );
    let (_, backwards) = post("check_booking", form("12:00", "10:00")).await;
    assert_eq!(
        backwards["violations"],
        json!(["violation-end-not-after-start"])
    );
    let mut bad_date = form("10:00", "11:00");
    bad_date[1].1 = "2026-13-40".to_owned();
    let (status, body) = post("check_booking", bad_date).await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = post("check_booking", form("10h", "11:00")).await;
    assert_eq!(status, 422);

    // Booking an overlapping range is refused with its reasons and stores nothing.
    let mut refused = form("10:00", "12:00");
    refused.push(("title", String::new()));
    let (status, body) = post("book_slot", refused).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["Refused"]["conflicts"][0]["start"], "11:00");
    let mut good = form("09:00", "11:00");
    good.push(("title", "Stand-up".to_owned()));
    let (status, booked) = post("book_slot", good).await;
    assert_eq!(status, 200, "{booked}");
    let booked = &booked["Booked"];
    assert_eq!(booked["pending"], false);
    assert_eq!(
        booked["span"],
        json!({"date": date, "start": "09:00", "end": "11:00"})
    );
    let reservation_id = booked["reservation_id"].as_i64().expect("id");
    let (_, stored) = app
        .get_as(&admin, &format!("/api/v1/reservations/{reservation_id}"))
        .await;
    let instant = |text: &str| chrono::DateTime::parse_from_rfc3339(text).expect("instant");
    assert_eq!(
        instant(stored["start_time"].as_str().expect("start")),
        instant(&utc_date(9))
    );
    let week = first_day(&app, &ana, &rid, &date).await;
    assert_eq!(state_at(&week, "09:00"), "Mine");
    assert_eq!(state_at(&week, "10:00"), "Mine");

    let (status, mine) = call(&app, &ana, "my_reservations", &[]).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["upcoming"].as_array().map(Vec::len), Some(1));
    assert_eq!(mine["upcoming"][0]["title"], "Stand-up");
    assert_eq!(mine["upcoming"][0]["timezone"], "Asia/Tokyo");
    assert_eq!(mine["upcoming"][0]["span"]["start"], "09:00");

    // Someone else cannot cancel it; its owner can, and it moves to the ended list.
    let bea = person(&app, "bea").await;
    let rid_text = reservation_id.to_string();
    let (status, _) = call(
        &app,
        &bea,
        "cancel_reservation",
        &[("id", &rid_text), ("scope", "this")],
    )
    .await;
    assert!(status == 403 || status == 404, "{status}");
    let (status, _) = call(
        &app,
        &ana,
        "cancel_reservation",
        &[("id", &rid_text), ("scope", "everything")],
    )
    .await;
    assert_eq!(status, 422);
    let (status, cancelled) = call(
        &app,
        &ana,
        "cancel_reservation",
        &[("id", &rid_text), ("scope", "this")],
    )
    .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled, json!([reservation_id]));
    let (_, mine) = call(&app, &ana, "my_reservations", &[]).await;
    assert_eq!(mine["upcoming"], json!([]));
    assert_eq!(mine["ended"][0]["status"], "cancelled");
    let week = first_day(&app, &ana, &rid, &date).await;
    assert_eq!(state_at(&week, "09:00"), "Free");
}

async fn people_racing_for_one_hour_from_the_dialog_get_one_booking(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let id = resource_in(&app, &admin, "UTC").await.to_string();
    let date = (Utc::now() + Duration::days(3)).date_naive().to_string();
    let mut cookies = Vec::new();
    for n in 0..8 {
        cookies.push(person(&app, &format!("racer{n}")).await);
    }
    let app = std::sync::Arc::new(app);
    let mut racers = JoinSet::new();
    for cookie in cookies {
        let (app, id, date) = (app.clone(), id.clone(), date.clone());
        racers.spawn(async move {
            let form = [
                ("resource_id", id.as_str()),
                ("date", date.as_str()),
                ("start", "10:00"),
                ("end", "11:00"),
                ("title", ""),
            ];
            call(&app, &cookie, "book_slot", &form).await
        });
    }
    let (mut booked, mut refused) = (0, 0);
    while let Some(answer) = racers.join_next().await {
        let (status, body) = answer.expect("racer");
        assert_eq!(status, 200, "{body}");
        if body.get("Booked").is_some() {
            booked += 1;
        } else {
            assert_eq!(body["Refused"]["conflicts"][0]["start"], "10:00", "{body}");
            refused += 1;
        }
    }
    assert_eq!((booked, refused), (1, 7));
}
