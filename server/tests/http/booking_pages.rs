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
    a_series_from_the_dialog_is_previewed_then_booked_around_a_taken_week,
    the_home_page_and_palette_list_my_day_and_what_is_free,
    the_month_view_and_the_timeline_show_each_day_s_free_hours,
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
    week["days"][0].clone()
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
    // Ana lives in UTC: each slot also carries its times in her zone, and the page says so.
    let slot_at = |day: &Value, start: &str| {
        day["slots"]
            .as_array()
            .expect("slots")
            .iter()
            .find(|s| s["start"] == start)
            .cloned()
            .expect("slot")
    };
    assert_eq!(
        slot_at(day, "10:00")["yours"],
        json!({"date": date, "start": "01:00", "end": "02:00"})
    );
    let (_, overview) = call(
        &app,
        &ana,
        "resource_details",
        &[("id", &rid), ("from", &date)],
    )
    .await;
    assert_eq!(overview["your_zone"], "UTC");
    // Someone who lives in Tokyo sees one set of times.
    let tokyo_token = app.user_token("kenji").await;
    let (status, body) = app
        .send_as(
            Method::PATCH,
            &tokyo_token,
            "/api/v1/users/me/preferences",
            Some(json!({"timezone": "Asia/Tokyo"})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let kenji = app.session_cookie(&tokyo_token).await;
    let (_, overview) = call(
        &app,
        &kenji,
        "resource_details",
        &[("id", &rid), ("from", &date)],
    )
    .await;
    assert_eq!(overview["your_zone"], Value::Null);
    assert_eq!(slot_at(&overview["days"][0], "10:00")["yours"], Value::Null);

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
    // Ana's own zone is UTC, so the dialog also shows the hour as she lives it.
    assert_eq!(
        free,
        json!({
            "available": true,
            "conflicts": [],
            "violations": [],
            "in_your_zone": {"zone": "UTC", "span": {"date": date, "start": "01:00", "end": "02:00"}},
        })
    );
    let (_, overlapping) = post("check_booking", form("10:00", "12:00")).await;
    assert_eq!(overlapping["available"], false);
    assert_eq!(
        overlapping["conflicts"],
        json!([{"date": date, "start": "11:00", "end": "12:00"}])
    );
    let (_, empty) = post("check_booking", form("10:00", "10:00")).await;
    assert_eq!(
        empty["violations"],
        json!(["violation-end-not-after-start"])
    );
    // An end earlier than the start is on the next day: 12:00 to 10:00 lasts 22 hours.
    let (_, overnight) = post("check_booking", form("12:00", "10:00")).await;
    let next_date = (chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").expect("date")
        + Duration::days(1))
    .to_string();
    assert_eq!(overnight["violations"], json!([]), "{overnight}");
    assert_eq!(
        overnight["in_your_zone"]["span"],
        json!({"date": date, "start": "03:00", "end": "01:00", "ends_on": next_date}),
        "{overnight}"
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

/// The dialog's repeat fields as `preview_series` and `book_series` take them.
fn series_form(
    resource: &str,
    date: &str,
    frequency: &str,
    count: &str,
) -> Vec<(&'static str, String)> {
    [
        ("form[resource_id]", resource),
        ("form[date]", date),
        ("form[start]", "10:00"),
        ("form[end]", "11:00"),
        ("form[title]", "Weekly sync"),
        ("form[frequency]", frequency),
        ("form[count]", count),
        ("form[until]", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn call_fields(
    app: &TestApp,
    cookie: &str,
    endpoint: &str,
    fields: &[(&'static str, String)],
) -> (u16, Value) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call(app, cookie, endpoint, &pairs).await
}

async fn a_series_from_the_dialog_is_previewed_then_booked_around_a_taken_week(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let id = resource_in(&app, &admin, "Asia/Tokyo").await;
    let rid = id.to_string();
    let first = (Utc::now() + Duration::days(2) + Duration::hours(9)).date_naive();
    let third = first + Duration::days(14);
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/reservations",
            Some(json!({
                "resource_id": id,
                "start_time": format!("{third}T10:00:00+09:00"),
                "end_time": format!("{third}T11:00:00+09:00"),
            })),
        )
        .await;
    assert_eq!(status, 201);
    let ana = person(&app, "ana").await;
    let date = first.to_string();

    let (status, plan) = call_fields(
        &app,
        &ana,
        "preview_series",
        &series_form(&rid, &date, "weekly", "4"),
    )
    .await;
    assert_eq!(status, 200, "{plan}");
    let plan = plan.as_array().expect("occurrences").clone();
    let dates: Vec<String> = (0..4)
        .map(|week| (first + Duration::days(7 * week)).to_string())
        .collect();
    assert_eq!(
        plan.iter()
            .map(|o| o["span"]["date"].as_str().expect("date"))
            .collect::<Vec<_>>(),
        dates
    );
    assert!(plan.iter().all(|o| o["span"]["start"] == "10:00"));
    let skipped: Vec<_> = plan
        .iter()
        .filter(|o| !o["conflicts"].as_array().expect("conflicts").is_empty())
        .collect();
    assert_eq!(skipped.len(), 1, "{plan:?}");
    assert_eq!(skipped[0]["span"]["date"], third.to_string());
    // A preview books nothing.
    let (_, mine) = call(&app, &ana, "my_reservations", &[]).await;
    assert_eq!(mine["upcoming"], json!([]));

    for (frequency, count) in [("yearly", "4"), ("weekly", "0"), ("weekly", "367")] {
        let (status, body) = call_fields(
            &app,
            &ana,
            "preview_series",
            &series_form(&rid, &date, frequency, count),
        )
        .await;
        assert_eq!(status, 422, "{frequency} {count}: {body}");
    }

    let (status, done) = call_fields(
        &app,
        &ana,
        "book_series",
        &series_form(&rid, &date, "weekly", "4"),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["timezone"], "Asia/Tokyo");
    assert_eq!(done["created"].as_array().map(Vec::len), Some(3));
    assert_eq!(done["skipped"][0]["span"]["date"], third.to_string());
    assert_eq!(done["skipped"][0]["conflicts"][0]["start"], "10:00");
    let (_, mine) = call(&app, &ana, "my_reservations", &[]).await;
    let upcoming = mine["upcoming"].as_array().expect("upcoming");
    assert_eq!(upcoming.len(), 3);
    assert!(upcoming.iter().all(|r| r["title"] == "Weekly sync"));
    let series = upcoming[0]["series_id"].as_i64().expect("series");
    assert!(upcoming.iter().all(|r| r["series_id"] == series));

    // Booking the same series again skips every week, and books nothing.
    let (status, again) = call_fields(
        &app,
        &ana,
        "book_series",
        &series_form(&rid, &date, "weekly", "4"),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["created"], json!([]));
    assert_eq!(again["skipped"].as_array().map(Vec::len), Some(4));
}

async fn the_home_page_and_palette_list_my_day_and_what_is_free(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let free = resource_in(&app, &admin, "UTC").await;
    let busy = resource_in(&app, &admin, "Europe/Paris").await;
    let now = Utc::now();
    let stamp = |t: chrono::DateTime<Utc>| t.to_rfc3339();
    // The second resource is taken from a minute from now for an hour.
    let (status, body) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/reservations",
            Some(json!({
                "resource_id": busy,
                "start_time": stamp(now + Duration::minutes(1)),
                "end_time": stamp(now + Duration::hours(1)),
            })),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let ana = person(&app, "ana").await;
    let later = (now + Duration::days(3)).date_naive();
    let (status, _) = call(
        &app,
        &ana,
        "book_slot",
        &[
            ("resource_id", &free.to_string()),
            ("date", &later.to_string()),
            ("start", "09:00"),
            ("end", "10:00"),
            ("title", "Retro"),
        ],
    )
    .await;
    assert_eq!(status, 200);

    let (status, home) = call(&app, &ana, "home_overview", &[("resource_type", "")]).await;
    assert_eq!(status, 200, "{home}");
    assert_eq!(home["today"], json!([]));
    assert_eq!(home["next"][0]["title"], "Retro");
    assert_eq!(home["next"][0]["span"]["date"], later.to_string());
    let free_now: Vec<i64> = home["free_now"]
        .as_array()
        .expect("free now")
        .iter()
        .map(|r| r["resource_id"].as_i64().expect("id"))
        .collect();
    assert_eq!(free_now, vec![free]);
    let (status, _) = call(&app, &ana, "home_overview", &[("resource_type", "desk")]).await;
    assert_eq!(status, 422);

    let (status, choices) = call(&app, &ana, "palette_choices", &[("q", "Paris")]).await;
    assert_eq!(status, 200, "{choices}");
    assert_eq!(
        choices["resources"],
        json!([{"id": busy, "name": "Room Europe/Paris"}])
    );
    // Signed out, the page asks to sign in.
    let (status, _) = app
        .client
        .post(app.url("/api/fn/home_overview"))
        .header("origin", app.address.clone())
        .form(&[("resource_type", "")])
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("sent");
    assert_eq!(status, 401);
}

async fn the_month_view_and_the_timeline_show_each_day_s_free_hours(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, kind) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/resource-types",
            Some(json!({"name": "Bay"})),
        )
        .await;
    assert_eq!(status, 201, "{kind}");
    let kind = kind["id"].as_i64().expect("type id");
    let mut bays = Vec::new();
    for name in ["Bay one", "Bay two"] {
        let (status, body) = app
            .send_as(
                Method::POST,
                &admin,
                "/api/v1/resources",
                Some(json!({"name": name, "timezone": "UTC", "resource_type": kind})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        bays.push(body["id"].as_i64().expect("id"));
    }
    let other = resource_in(&app, &admin, "UTC").await;
    let day = (Utc::now() + Duration::days(40)).date_naive();
    let (status, _) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/reservations",
            Some(json!({
                "resource_id": bays[0],
                "start_time": format!("{day}T10:00:00Z"),
                "end_time": format!("{day}T12:00:00Z"),
            })),
        )
        .await;
    assert_eq!(status, 201);
    let ana = person(&app, "ana").await;

    // The month view holds the whole calendar month of the date asked for.
    let bay = bays[0].to_string();
    let (status, month) = call(
        &app,
        &ana,
        "resource_details",
        &[("id", &bay), ("from", &day.to_string()), ("view", "month")],
    )
    .await;
    assert_eq!(status, 200, "{month}");
    assert_eq!(month["view"], "Month");
    let days = month["days"].as_array().expect("days");
    assert!((28..=31).contains(&days.len()), "{}", days.len());
    assert!(days[0]["date"].as_str().expect("date").ends_with("-01"));
    let free_on = |date: &str| {
        days.iter()
            .find(|d| d["date"] == date)
            .map(|d| {
                d["slots"]
                    .as_array()
                    .expect("slots")
                    .iter()
                    .filter(|s| s["state"] == "Free")
                    .count()
            })
            .expect("the day is in the month")
    };
    assert_eq!(free_on(&day.to_string()), 22);
    let (_, one) = call(
        &app,
        &ana,
        "resource_details",
        &[("id", &bay), ("from", &day.to_string()), ("view", "day")],
    )
    .await;
    assert_eq!(one["days"].as_array().map(Vec::len), Some(1));

    // The timeline lists the type's resources only, each with its hours of the day.
    let kind = kind.to_string();
    let (status, timeline) = call(
        &app,
        &ana,
        "day_timeline",
        &[
            ("date", &day.to_string()),
            ("resource_type", &kind),
            ("tag", ""),
            ("group", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{timeline}");
    assert_eq!(timeline["matching"], 2);
    let rows = timeline["rows"].as_array().expect("rows");
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r["resource_id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids, bays);
    assert!(!ids.contains(&other));
    let state = |row: &Value, start: &str| {
        row["day"]["slots"]
            .as_array()
            .expect("slots")
            .iter()
            .find(|s| s["start"] == start)
            .map(|s| s["state"].clone())
    };
    assert_eq!(state(&rows[0], "10:00"), Some(json!("Taken")));
    assert_eq!(state(&rows[1], "10:00"), Some(json!("Free")));
    for (date, kind) in [("someday", kind.as_str()), ("", "desk")] {
        let (status, body) = call(
            &app,
            &ana,
            "day_timeline",
            &[
                ("date", date),
                ("resource_type", kind),
                ("tag", ""),
                ("group", ""),
            ],
        )
        .await;
        assert_eq!(status, 422, "{body}");
    }
}
