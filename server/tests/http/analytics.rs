//! Analytics through the REST API: utilisation against opening hours, popular resources,
//! peak times in the resource's local time, the dashboard, CSV exports, who may read them
//! (admins everything, managers their groups') and refused periods.

use reqwest::Method;
use serde_json::{Value, json};

use crate::reservations::{book, create_resource};
use crate::support::{Engine, PASSWORD, TestApp, spawn_app};

on_both_engines!(
    analytics_report_use_by_opening_hours_and_local_time,
    without_a_period_reports_count_recent_and_upcoming_bookings,
);

/// The week of 1 March 2027 in Paris.
const WEEK: &str = "from=2027-03-01T00:00:00%2B01:00&to=2027-03-08T00:00:00%2B01:00";

async fn report(app: &TestApp, token: &str, path: &str) -> Value {
    let (status, body) = app
        .get_as(token, &format!("/api/v1/analytics/{path}"))
        .await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn booked(app: &TestApp, token: &str, resource: i64, start: &str, end: &str) -> i64 {
    let (status, body) = book(app, token, resource, start, end).await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

async fn analytics_report_use_by_opening_hours_and_local_time(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let bea = app.user_token("bea").await;
    let (status, media) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/groups",
            Some(json!({"name": "Media"})),
        )
        .await;
    assert_eq!(status, 201, "{media}");
    let studio = create_resource(
        &app,
        &admin,
        json!({"name": "Studio", "timezone": "Europe/Paris", "group_id": media["id"]}),
    )
    .await;
    let weekdays: Vec<Value> = (0..5)
        .map(|day| json!({"day_of_week": day, "open_time": "09:00", "close_time": "17:00"}))
        .collect();
    let (status, body) = app
        .send_as(
            Method::PUT,
            &admin,
            &format!("/api/v1/resources/{studio}/business-hours"),
            Some(json!({ "hours": weekdays })),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let van = create_resource(&app, &admin, json!({"name": "Van"})).await;
    // Studio: Monday 09:00–11:00 and 14:00–15:00, Tuesday 09:00–10:00, Paris time.
    booked(
        &app,
        &ana,
        studio,
        "2027-03-01T08:00:00Z",
        "2027-03-01T10:00:00Z",
    )
    .await;
    booked(
        &app,
        &bea,
        studio,
        "2027-03-01T13:00:00Z",
        "2027-03-01T14:00:00Z",
    )
    .await;
    booked(
        &app,
        &ana,
        studio,
        "2027-03-02T08:00:00Z",
        "2027-03-02T09:00:00Z",
    )
    .await;
    // Van: booked, then cancelled, and one booking the week after.
    let gone = booked(
        &app,
        &bea,
        van,
        "2027-03-03T10:00:00Z",
        "2027-03-03T12:00:00Z",
    )
    .await;
    let (status, _) = app
        .send_as(
            Method::POST,
            &bea,
            &format!("/api/v1/reservations/{gone}/cancel"),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 200);
    booked(
        &app,
        &bea,
        van,
        "2027-03-09T10:00:00Z",
        "2027-03-09T12:00:00Z",
    )
    .await;

    // Utilisation: booked hours over open hours (the Studio's 5 × 8 h; the Van all week).
    let usage = report(&app, &admin, &format!("utilization?{WEEK}")).await;
    assert_eq!(usage["period"]["days"], 7.0);
    let rows = usage["utilization"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{usage}");
    assert_eq!(rows[0]["resource_name"], "Studio");
    assert_eq!(rows[0]["total_hours_available"], 40.0);
    assert_eq!(rows[0]["booked_hours"], 4.0);
    assert_eq!(rows[0]["utilization_percent"], 10.0);
    assert_eq!(rows[0]["reservation_count"], 3);
    assert_eq!(rows[1]["resource_name"], "Van");
    assert_eq!(rows[1]["total_hours_available"], 168.0);
    assert_eq!(rows[1]["booked_hours"], 0.0);
    // Part of a day: a booking begun before the period counts from the period's start.
    let afternoon = report(
        &app,
        &admin,
        &format!(
            "utilization?resource_id={studio}&from=2027-03-01T10:00:00%2B01:00&to=2027-03-01T17:00:00%2B01:00"
        ),
    )
    .await;
    let row = &afternoon["utilization"][0];
    assert_eq!(row["total_hours_available"], 7.0);
    assert_eq!(row["booked_hours"], 2.0);
    assert_eq!(row["utilization_percent"], 28.57);
    assert_eq!(row["reservation_count"], 2);
    let one = report(
        &app,
        &admin,
        &format!("utilization?{WEEK}&resource_id={van}"),
    )
    .await;
    assert_eq!(one["utilization"].as_array().map(Vec::len), Some(1));

    let popular = report(&app, &admin, &format!("popular-resources?{WEEK}")).await;
    assert_eq!(
        popular["resources"],
        json!([{"rank": 1, "resource_id": studio, "resource_name": "Studio",
                "reservation_count": 3, "total_hours": 4.0, "unique_users": 2}])
    );

    // Peaks in Paris time: 09:00 twice, Monday twice.
    let peaks = report(&app, &admin, &format!("peak-times?{WEEK}")).await;
    assert_eq!(peaks["total_reservations"], 3);
    assert_eq!(peaks["peak_hour"], 9);
    assert_eq!(peaks["peak_hour_count"], 2);
    assert_eq!(peaks["hourly_distribution"][14]["count"], 1);
    assert_eq!(
        peaks["hourly_distribution"].as_array().map(Vec::len),
        Some(24)
    );
    assert_eq!(peaks["peak_day"], "Monday");
    assert_eq!(
        peaks["daily_distribution"][1],
        json!({"day": "Tuesday", "day_number": 1, "count": 1})
    );

    let dashboard = report(&app, &admin, &format!("dashboard?{WEEK}")).await;
    let overview = &dashboard["overview"];
    assert_eq!(overview["total_resources"], 2);
    assert_eq!(overview["total_reservations"], 4);
    assert_eq!(overview["active_reservations"], 3);
    assert_eq!(overview["cancelled_reservations"], 1);
    assert_eq!(overview["cancellation_rate"], 25.0);
    assert_eq!(overview["average_utilization"], 5.0);
    assert_eq!(dashboard["top_resources"][0]["resource_name"], "Studio");
    assert_eq!(dashboard["peak_times"]["peak_day"], "Monday");
    // The last 30 days hold none of these future bookings.
    let recent = report(&app, &admin, "dashboard?days=30").await;
    assert_eq!(recent["overview"]["total_reservations"], 0);
    assert_eq!(recent["peak_times"]["peak_hour"], Value::Null);

    // CSV exports.
    let csv = csv_text(&app, &admin, &format!("export/utilization.csv?{WEEK}")).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "resource_id,resource_name,total_hours_available,booked_hours,utilization_percent,reservation_count"
    );
    assert_eq!(lines[1], format!("{studio},Studio,40,4,10,3"));
    assert_eq!(lines.len(), 3);
    let csv = csv_text(&app, &admin, &format!("export/reservations.csv?{WEEK}")).await;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(lines[1].contains(",Studio,") && lines[1].contains(",ana,2027-03-01T08:00:00Z,"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",Van,") && l.contains(",cancelled,"))
    );

    // Managers see their groups' resources only; plain users nothing.
    let (status, body) = app
        .send_as(
            Method::POST,
            &admin,
            "/api/v1/users",
            Some(
                json!({"username": "max", "password": PASSWORD, "roles": ["manager"],
                        "groups": [media["id"]], "must_change_password": false}),
            ),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let max = app.access_token("max").await;
    let theirs = report(&app, &max, &format!("utilization?{WEEK}")).await;
    let names: Vec<&Value> = theirs["utilization"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| &r["resource_name"])
        .collect();
    assert_eq!(names, ["Studio"]);
    let (status, _) = app
        .get_as(
            &max,
            &format!("/api/v1/analytics/utilization?resource_id={van}"),
        )
        .await;
    assert_eq!(status, 404, "another group's resource is not theirs to see");
    for path in [
        "dashboard",
        "utilization",
        "peak-times",
        "popular-resources",
        "export/utilization.csv",
        "export/reservations.csv",
    ] {
        let url = format!("/api/v1/analytics/{path}");
        assert_eq!(app.get_as(&ana, &url).await.0, 403, "{path}");
        assert_eq!(app.get(&url).await.status(), 401, "{path}");
    }

    // Periods that cannot be reported on.
    for query in [
        "utilization?days=0",
        "utilization?days=400",
        "utilization?from=2027-03-01T00:00:00",
        "utilization?from=2027-03-08T00:00:00Z&to=2027-03-01T00:00:00Z",
        "utilization?from=2025-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
        "popular-resources?limit=0",
        "peak-times?days=many",
    ] {
        let (status, body) = app
            .get_as(&admin, &format!("/api/v1/analytics/{query}"))
            .await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
    }
    let (status, _) = app
        .get_as(&admin, "/api/v1/analytics/utilization?resource_id=999999")
        .await;
    assert_eq!(status, 404);

    // A waitlist offer declined was never a booking: only the cancelled booking counts.
    let (start, end) = ("2027-03-05T10:00:00Z", "2027-03-05T11:00:00Z");
    let freed = booked(&app, &bea, van, start, end).await;
    let (status, entry) = app
        .send_as(
            Method::POST,
            &ana,
            "/api/v1/waitlist",
            Some(json!({"resource_id": van, "desired_start": start, "desired_end": end})),
        )
        .await;
    assert_eq!(status, 201, "{entry}");
    let (status, _) = app
        .send_as(
            Method::POST,
            &bea,
            &format!("/api/v1/reservations/{freed}/cancel"),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, declined) = app
        .send_as(
            Method::POST,
            &ana,
            &format!("/api/v1/waitlist/{}/decline", entry["id"]),
            None,
        )
        .await;
    assert_eq!(status, 200, "{declined}");
    let overview = report(&app, &admin, &format!("dashboard?{WEEK}")).await["overview"].clone();
    assert_eq!(overview["total_reservations"], 5, "{overview}");
    assert_eq!(overview["cancelled_reservations"], 2, "{overview}");
}

async fn without_a_period_reports_count_recent_and_upcoming_bookings(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let ana = app.user_token("ana").await;
    let room = create_resource(&app, &admin, json!({"name": "Room"})).await;
    let day = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
    booked(
        &app,
        &ana,
        room,
        &format!("{day}T09:00:00Z"),
        &format!("{day}T10:00:00Z"),
    )
    .await;

    let dashboard = report(&app, &admin, "dashboard").await;
    assert_eq!(
        dashboard["overview"]["total_reservations"], 1,
        "{dashboard}"
    );
    let popular = report(&app, &admin, "popular-resources").await;
    assert_eq!(popular["resources"][0]["resource_id"], room, "{popular}");
    let rows = csv_text(&app, &admin, "export/reservations.csv").await;
    assert_eq!(rows.lines().count(), 2, "{rows}");
    // `days` alone still means the days up to now.
    let past = report(&app, &admin, "dashboard?days=30").await;
    assert_eq!(past["overview"]["total_reservations"], 0, "{past}");
}

/// A CSV report's text, after checking its status and type.
async fn csv_text(app: &TestApp, token: &str, path: &str) -> String {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/analytics/{path}")))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    response.text().await.expect("text")
}
