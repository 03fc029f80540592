//! The catalog and availability over HTTP: resources, types, tags, groups, business hours,
//! blackout dates, exceptions, booking rules, slots in the resource's zone, `check`,
//! next-available, schedule, search and CSV import/export.

use reqwest::Method;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{Value, json};

use crate::support::{Engine, PASSWORD, TestApp, spawn_app};

on_both_engines!(
    resources_are_created_filtered_updated_and_deleted,
    managers_change_only_the_resources_of_their_groups,
    slots_follow_business_hours_in_the_resources_zone_across_dst,
    blackout_dates_and_exceptions_close_the_resource,
    check_lists_every_broken_rule_and_every_conflict,
    next_available_and_schedule_see_existing_bookings,
    rules_are_inherited_from_group_then_global,
    search_ranks_resources_by_their_earliest_fitting_slot,
    tags_are_renamed_merged_and_deleted,
    tags_merged_while_resources_are_created_all_land,
    csv_import_is_all_or_nothing_with_a_report_per_row,
    bookings_that_began_days_earlier_still_block,
);

async fn send(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    app.send_as(method, token, path, Some(body)).await
}

async fn create_resource(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, created) = send(app, token, Method::POST, "/api/v1/resources", body).await;
    assert_eq!(status, 201, "{created}");
    created
}

async fn user_with_roles(app: &TestApp, admin: &str, username: &str, roles: &[&str]) -> i64 {
    let (status, body) = send(
        app,
        admin,
        Method::POST,
        "/api/v1/users",
        json!({"username": username, "password": PASSWORD, "roles": roles}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

/// A booking made directly in the database (the booking API is a later issue).
async fn book(app: &TestApp, resource_id: i64, user_id: i64, start: &str, end: &str) {
    book_blocking(app, resource_id, user_id, (start, end), (start, end)).await;
}

/// A booking whose blocked span (its times plus the buffers in force when it was made) is
/// `blocked`.
async fn book_blocking(
    app: &TestApp,
    resource_id: i64,
    user_id: i64,
    (start, end): (&str, &str),
    (block_start, block_end): (&str, &str),
) {
    use app::persistence::entities::reservation;
    let at = |text: &str| -> chrono::DateTime<chrono::Utc> { text.parse().expect("time") };
    let now = chrono::Utc::now();
    reservation::ActiveModel {
        resource_id: Set(resource_id as i32),
        user_id: Set(user_id as i32),
        start_time: Set(at(start)),
        end_time: Set(at(end)),
        block_start: Set(at(block_start)),
        block_end: Set(at(block_end)),
        status: Set("active".to_owned()),
        title: Set("Team sync".to_owned()),
        notes: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .expect("insert reservation");
}

async fn my_id(app: &TestApp, token: &str) -> i64 {
    let (_, me) = app.get_as(token, "/api/v1/users/me").await;
    me["id"].as_i64().expect("id")
}

fn names(page: &Value) -> Vec<String> {
    page["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_owned())
        .collect()
}

async fn resources_are_created_filtered_updated_and_deleted(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let atlas = create_resource(
        &app,
        &admin,
        json!({"name": "Atlas", "description": "Big room", "tags": ["Projector", "wifi"],
               "resource_type": "Room", "timezone": "Europe/Paris", "capacity": 12,
               "attributes": {"floor": "2"}}),
    )
    .await;
    assert_eq!(atlas["status"], "available");
    assert_eq!(atlas["available"], true);
    assert_eq!(atlas["tags"], json!(["projector", "wifi"]));
    assert_eq!(atlas["resource_type"], "Room");
    assert_eq!(atlas["timezone"], "Europe/Paris");
    assert_eq!(atlas["capacity"], 12);
    assert_eq!(atlas["attributes"]["floor"], "2");
    create_resource(
        &app,
        &admin,
        json!({"name": "Bora", "tags": ["projector"], "resource_type": "Room", "capacity": 4}),
    )
    .await;
    create_resource(
        &app,
        &admin,
        json!({"name": "Van", "tags": ["wifi"], "resource_type": "Vehicle", "available": false}),
    )
    .await;

    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "atlas"}),
    )
    .await;
    assert_eq!(status, 201, "names differ in case only: {body}");
    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "Atlas"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    for bad in [
        json!({"name": ""}),
        json!({"name": "X", "timezone": "Mars/Olympus"}),
        json!({"name": "X", "resource_type": 999}),
        json!({"name": "X", "capacity": -1}),
        json!({"name": "X", "group_id": 999}),
    ] {
        let (status, body) =
            send(&app, &admin, Method::POST, "/api/v1/resources", bad.clone()).await;
        assert_eq!(status, 422, "{bad}: {body}");
        assert!(body["detail"].is_string());
    }
    // A type named for the first time is made, as a new tag is.
    let pod = create_resource(
        &app,
        &admin,
        json!({"name": "Pod 1", "resource_type": "Meeting pod"}),
    )
    .await;
    assert_eq!(pod["resource_type"], "Meeting pod");
    let again = create_resource(
        &app,
        &admin,
        json!({"name": "Pod 2", "resource_type": "meeting POD"}),
    )
    .await;
    assert_eq!(again["resource_type"], "Meeting pod", "one type, any case");
    let (_, types) = app.get_as(&admin, "/api/v1/resource-types").await;
    let pods: Vec<&Value> = types["data"]
        .as_array()
        .expect("types")
        .iter()
        .filter(|t| t["name"] == "Meeting pod")
        .collect();
    assert_eq!(pods.len(), 1, "{types}");

    let reader = app.user_token("reader").await;
    let (status, _) = send(
        &app,
        &reader,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "Mine"}),
    )
    .await;
    assert_eq!(status, 403);

    let (_, page) = app
        .get_as(&reader, "/api/v1/resources?tags=projector,wifi")
        .await;
    assert_eq!(names(&page), ["Atlas"], "tags are ANDed");
    let (_, page) = app.get_as(&reader, "/api/v1/resources?tags=WiFi").await;
    assert_eq!(names(&page), ["Atlas", "Van"]);
    let (_, page) = app
        .get_as(&reader, "/api/v1/resources?status=unavailable")
        .await;
    assert_eq!(names(&page), ["Van"]);
    let (_, page) = app
        .get_as(&reader, "/api/v1/resources?type=Room&sort=-capacity")
        .await;
    assert_eq!(names(&page), ["Atlas", "Bora"]);
    let (_, page) = app
        .get_as(&reader, "/api/v1/resources?min_capacity=5")
        .await;
    assert_eq!(names(&page), ["Atlas"]);
    let (_, page) = app.get_as(&reader, "/api/v1/resources?q=big").await;
    assert_eq!(names(&page), ["Atlas"]);
    let (_, page) = app.get_as(&reader, "/api/v1/resources?tags=nothing").await;
    assert_eq!(page["total_count"], 0);
    let (status, _) = app.get_as(&reader, "/api/v1/resources?sort=sideways").await;
    assert_eq!(status, 422);

    let id = atlas["id"].as_i64().expect("id");
    let path = format!("/api/v1/resources/{id}");
    let (status, updated) = send(
        &app,
        &admin,
        Method::PUT,
        &path,
        json!({"status": "maintenance", "tags": ["quiet"], "capacity": null}),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["status"], "maintenance");
    assert_eq!(updated["available"], false);
    assert_eq!(updated["tags"], json!(["quiet"]));
    assert!(updated["capacity"].is_null());
    assert_eq!(updated["description"], "Big room", "absent fields are kept");
    let (status, _) = send(&app, &reader, Method::PUT, &path, json!({"name": "Mine"})).await;
    assert_eq!(status, 403);

    let (status, _) = send(&app, &admin, Method::DELETE, &path, Value::Null).await;
    assert_eq!(status, 204);
    let (status, body) = app.get_as(&reader, &path).await;
    assert_eq!(status, 404, "{body}");
}

async fn managers_change_only_the_resources_of_their_groups(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (_, hq) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "HQ"}),
    )
    .await;
    let hq = hq["id"].as_i64().expect("id");
    let (status, floor) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Floor 2", "parent_id": hq}),
    )
    .await;
    assert_eq!(status, 201, "{floor}");
    assert_eq!(floor["parent_id"], hq);
    let floor = floor["id"].as_i64().expect("id");
    let (status, _) = send(
        &app,
        &admin,
        Method::PATCH,
        &format!("/api/v1/groups/{hq}"),
        json!({"parent_id": floor}),
    )
    .await;
    assert_eq!(status, 422, "a group cannot sit inside its own subgroup");
    let (_, annex) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "Annex"}),
    )
    .await;
    let annex = annex["id"].as_i64().expect("id");

    let mona = user_with_roles(&app, &admin, "mona", &["manager"]).await;
    let (status, _) = send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/groups/{hq}/members/{mona}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    let manager = app.access_token("mona").await;

    let room = create_resource(
        &app,
        &manager,
        json!({"name": "Room 201", "group_id": floor}),
    )
    .await;
    assert_eq!(room["group_path"], "HQ / Floor 2");
    let (status, _) = send(
        &app,
        &manager,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "Annex hall", "group_id": annex}),
    )
    .await;
    assert_eq!(status, 403, "outside the manager's groups");
    let (status, body) = send(
        &app,
        &manager,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "Room 202", "group_id": floor, "resource_type": "Phone booth"}),
    )
    .await;
    assert_eq!(
        (status, body["detail"].as_str().is_some()),
        (422, true),
        "only those who manage the catalog make new types: {body}"
    );
    let (status, _) = send(
        &app,
        &manager,
        Method::POST,
        "/api/v1/resources",
        json!({"name": "Loose"}),
    )
    .await;
    assert_eq!(status, 403, "a resource in no group is for admins");

    let hall = create_resource(
        &app,
        &admin,
        json!({"name": "Annex hall", "group_id": annex}),
    )
    .await;
    let room_id = room["id"].as_i64().expect("id");
    let hall_id = hall["id"].as_i64().expect("id");
    let hours = json!({"hours": [{"day_of_week": 0, "open_time": "08:00", "close_time": "18:00"}]});
    let (status, body) = send(
        &app,
        &manager,
        Method::PUT,
        &format!("/api/v1/resources/{room_id}/business-hours"),
        hours.clone(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = send(
        &app,
        &manager,
        Method::PUT,
        &format!("/api/v1/resources/{hall_id}/business-hours"),
        hours.clone(),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &manager,
        Method::PUT,
        &format!("/api/v1/resources/{hall_id}"),
        json!({"name": "Mine now"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &manager,
        Method::PUT,
        "/api/v1/business-hours",
        hours.clone(),
    )
    .await;
    assert_eq!(status, 403, "global hours are for admins");
    let (status, _) = send(
        &app,
        &manager,
        Method::PUT,
        &format!("/api/v1/groups/{hq}/rules"),
        json!({"max_duration_minutes": 120}),
    )
    .await;
    assert_eq!(status, 200, "a manager sets the rules of their own group");

    let user = app.user_token("ulla").await;
    let (status, _) = send(
        &app,
        &user,
        Method::POST,
        &format!("/api/v1/resources/{room_id}/blackout-dates"),
        json!({"date": "2027-12-25"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/resource-types",
        json!({"name": "Boat", "color": "#123456"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &manager,
        Method::DELETE,
        &format!("/api/v1/resources/{room_id}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 204);
}

async fn slots_follow_business_hours_in_the_resources_zone_across_dst(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let paris = create_resource(
        &app,
        &admin,
        json!({"name": "Paris room", "timezone": "Europe/Paris"}),
    )
    .await;
    let id = paris["id"].as_i64().expect("id");
    // Monday written with seconds, as an SQL `time` prints it; read back as HH:MM.
    let hours: Vec<Value> = (0..5)
        .map(|day| match day {
            0 => json!({"day_of_week": day, "open_time": "09:00:00", "close_time": "17:00:00"}),
            _ => json!({"day_of_week": day, "open_time": "09:00", "close_time": "17:00"}),
        })
        .collect();
    let (status, body) = send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}/business-hours"),
        json!({"hours": hours}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["hours"].as_array().map(Vec::len), Some(5));
    let (_, read) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/business-hours"))
        .await;
    assert_eq!(
        read["hours"][0],
        json!({"day_of_week": 0, "open_time": "09:00", "close_time": "17:00"})
    );

    // Clocks go forward in Paris on Sunday 28 March 2027: 09:00 is 08:00Z before, 07:00Z after.
    let user = app.user_token("ulla").await;
    for (date, first, last_end) in [
        ("2027-03-26", "2027-03-26T08:00:00Z", "2027-03-26T16:00:00Z"),
        ("2027-03-29", "2027-03-29T07:00:00Z", "2027-03-29T15:00:00Z"),
    ] {
        let (status, day) = app
            .get_as(
                &user,
                &format!("/api/v1/resources/{id}/available-slots?date={date}&slot_duration=60"),
            )
            .await;
        assert_eq!(status, 200, "{day}");
        assert_eq!(day["timezone"], "Europe/Paris");
        assert_eq!(day["is_blackout"], false);
        let slots = day["slots"].as_array().expect("slots");
        assert_eq!(slots.len(), 8, "{date}");
        assert_eq!(slots[0]["start"], first);
        assert_eq!(slots[7]["end"], last_end);
        assert!(slots.iter().all(|s| s["available"] == true));
        assert_eq!(
            day["business_hours"],
            json!([{"open_time": "09:00", "close_time": "17:00"}])
        );
    }
    let (_, sunday) = app
        .get_as(
            &user,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-03-28"),
        )
        .await;
    assert_eq!(sunday["slots"], json!([]), "closed on Sundays");

    // No hours at all: open all day, and the day clocks go forward has 23 hours.
    let open = create_resource(
        &app,
        &admin,
        json!({"name": "Open desk", "timezone": "Europe/Paris"}),
    )
    .await;
    let open_id = open["id"].as_i64().expect("id");
    let (_, dst_day) = app
        .get_as(
            &user,
            &format!(
                "/api/v1/resources/{open_id}/available-slots?date=2027-03-28&slot_duration=60"
            ),
        )
        .await;
    assert_eq!(
        dst_day["slots"].as_array().map(Vec::len),
        Some(23),
        "{dst_day}"
    );
    assert!(dst_day["business_hours"].is_null());
    let (_, autumn) = app
        .get_as(
            &user,
            &format!(
                "/api/v1/resources/{open_id}/available-slots?date=2027-10-31&slot_duration=60"
            ),
        )
        .await;
    assert_eq!(autumn["slots"].as_array().map(Vec::len), Some(25));

    for bad in [
        "date=2027-02-30",
        "date=tomorrow",
        "date=2027-03-29&slot_duration=0",
        "date=2027-03-29&slot_duration=abc",
    ] {
        let (status, body) = app
            .get_as(
                &user,
                &format!("/api/v1/resources/{id}/available-slots?{bad}"),
            )
            .await;
        assert_eq!(status, 422, "{bad}: {body}");
    }
    for bad_hours in [
        json!({"hours": [{"day_of_week": 7, "open_time": "09:00", "close_time": "17:00"}]}),
        json!({"hours": [{"day_of_week": 0, "open_time": "17:00", "close_time": "09:00"}]}),
        json!({"hours": [{"day_of_week": 0, "open_time": "9am", "close_time": "17:00"}]}),
        json!({"hours": [{"day_of_week": 0, "open_time": "09:00:30", "close_time": "17:00"}]}),
        json!({"hours": [{"day_of_week": 0, "open_time": "09:00", "close_time": "13:00"},
                         {"day_of_week": 0, "open_time": "12:00", "close_time": "17:00"}]}),
    ] {
        let (status, body) = send(
            &app,
            &admin,
            Method::PUT,
            &format!("/api/v1/resources/{id}/business-hours"),
            bad_hours.clone(),
        )
        .await;
        assert_eq!(status, 422, "{bad_hours}: {body}");
    }
    let (_, kept) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/business-hours"))
        .await;
    assert_eq!(
        kept["hours"].as_array().map(Vec::len),
        Some(5),
        "a refused change keeps the old hours"
    );
}

async fn blackout_dates_and_exceptions_close_the_resource(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let room = create_resource(
        &app,
        &admin,
        json!({"name": "Lab", "timezone": "America/New_York"}),
    )
    .await;
    let id = room["id"].as_i64().expect("id");
    let (status, blackout) = send(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/resources/{id}/blackout-dates"),
        json!({"date": "2027-12-25", "reason": "Holiday"}),
    )
    .await;
    assert_eq!(status, 201, "{blackout}");
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/resources/{id}/blackout-dates"),
        json!({"date": "2027-12-25"}),
    )
    .await;
    assert_eq!(status, 409);
    let (_, day) = app
        .get_as(
            &admin,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-12-25"),
        )
        .await;
    assert_eq!(day["is_blackout"], true);
    assert_eq!(day["blackout_reason"], "Holiday");
    assert_eq!(day["slots"], json!([]));
    let (_, listed) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/blackout-dates"))
        .await;
    assert_eq!(listed["data"][0]["date"], "2027-12-25", "{listed}");
    // Like every list, it comes in pages.
    let path = format!("/api/v1/resources/{id}/blackout-dates");
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        &path,
        json!({"date": "2027-12-26"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, first) = app.get_as(&admin, &format!("{path}?limit=1")).await;
    assert_eq!(first["data"].as_array().map(Vec::len), Some(1), "{first}");
    assert_eq!(
        (&first["has_more"], &first["total_count"]),
        (&json!(true), &json!(2))
    );
    let cursor = first["next_cursor"].as_str().expect("cursor");
    let (_, second) = app
        .get_as(&admin, &format!("{path}?limit=1&cursor={cursor}"))
        .await;
    assert_eq!(second["data"].as_array().map(Vec::len), Some(1), "{second}");
    assert_ne!(second["data"][0]["date"], first["data"][0]["date"]);
    assert_eq!(
        (&second["has_more"], &second["next_cursor"]),
        (&json!(false), &Value::Null)
    );
    let (status, _) = app.get_as(&admin, &format!("{path}?cursor=forged")).await;
    assert_eq!(status, 422);

    // A global blackout applies to every resource.
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/blackout-dates",
        json!({"date": "2027-12-31"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, eve) = app
        .get_as(
            &admin,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-12-31"),
        )
        .await;
    assert_eq!(eve["is_blackout"], true);

    let blackout_id = blackout["id"].as_i64().expect("id");
    let (status, _) = send(
        &app,
        &admin,
        Method::DELETE,
        &format!("/api/v1/blackout-dates/{blackout_id}"),
        Value::Null,
    )
    .await;
    assert_eq!(status, 204);
    let (_, day) = app
        .get_as(
            &admin,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-12-25"),
        )
        .await;
    assert_eq!(day["is_blackout"], false);
    assert_eq!(day["slots"].as_array().map(Vec::len), Some(24));

    // An exception from 10:00 to 12:00 New York time (15:00Z–17:00Z in winter).
    let (status, closure) = send(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/resources/{id}/exceptions"),
        json!({"start_time": "2027-12-27T10:00:00-05:00", "end_time": "2027-12-27T12:00:00-05:00",
               "reason": "Maintenance"}),
    )
    .await;
    assert_eq!(status, 201, "{closure}");
    let (_, day) = app
        .get_as(
            &admin,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-12-27"),
        )
        .await;
    let unavailable: Vec<&str> = day["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .filter(|s| s["available"] == false)
        .map(|s| s["start"].as_str().expect("start"))
        .collect();
    assert_eq!(
        unavailable,
        ["2027-12-27T15:00:00Z", "2027-12-27T16:00:00Z"]
    );
    let (status, _) = send(
        &app,
        &admin,
        Method::POST,
        &format!("/api/v1/resources/{id}/exceptions"),
        json!({"start_time": "2027-12-27T12:00:00-05:00", "end_time": "2027-12-27T10:00:00-05:00"}),
    )
    .await;
    assert_eq!(status, 422);
}

async fn check_lists_every_broken_rule_and_every_conflict(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let room = create_resource(
        &app,
        &admin,
        json!({"name": "Atlas", "timezone": "Europe/Paris"}),
    )
    .await;
    let id = room["id"].as_i64().expect("id");
    let hours: Vec<Value> = (0..5)
        .map(|day| json!({"day_of_week": day, "open_time": "09:00", "close_time": "17:00"}))
        .collect();
    send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}/business-hours"),
        json!({"hours": hours}),
    )
    .await;
    let (status, rules) = send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}/rules"),
        json!({"min_duration_minutes": 30, "max_duration_minutes": 120, "buffer_after_minutes": 15,
               "granularity_minutes": 15}),
    )
    .await;
    assert_eq!(status, 200, "{rules}");
    assert_eq!(rules["effective"]["max_duration_minutes"], 120);
    let (status, _) = send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}/rules"),
        json!({"min_duration_minutes": 300, "max_duration_minutes": 120}),
    )
    .await;
    assert_eq!(status, 422);

    let user = app.user_token("ulla").await;
    let user_id = my_id(&app, &user).await;
    // Monday 29 March 2027, 10:00–11:00 Paris time is taken, with its 15-minute buffer after.
    book_blocking(
        &app,
        id,
        user_id,
        ("2027-03-29T08:00:00Z", "2027-03-29T09:00:00Z"),
        ("2027-03-29T08:00:00Z", "2027-03-29T09:15:00Z"),
    )
    .await;

    let check =
        |start: &str, end: &str| json!({"resource_id": id, "start_time": start, "end_time": end});
    let codes = |answer: &Value| -> Vec<String> {
        answer["violations"]
            .as_array()
            .expect("violations")
            .iter()
            .map(|v| v["code"].as_str().expect("code").to_owned())
            .collect()
    };

    let (status, ok) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T13:00:00+02:00", "2027-03-29T14:00:00+02:00"),
    )
    .await;
    assert_eq!(status, 200, "{ok}");
    assert_eq!(
        ok,
        json!({"available": true, "conflicts": [], "violations": []})
    );

    // Back to back with the booking, but its 15-minute buffer after is in the way.
    let (_, buffered) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T11:00:00+02:00", "2027-03-29T12:00:00+02:00"),
    )
    .await;
    assert_eq!(buffered["available"], false);
    assert_eq!(
        buffered["conflicts"],
        json!([{"start_time": "2027-03-29T08:00:00Z", "end_time": "2027-03-29T09:00:00Z"}])
    );
    let (_, after_buffer) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T11:15:00+02:00", "2027-03-29T12:15:00+02:00"),
    )
    .await;
    assert_eq!(after_buffer["available"], true, "{after_buffer}");

    // Sunday, three hours, starting off the 15-minute grid: every rule it breaks is listed.
    let (_, many) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-28T09:05:00+02:00", "2027-03-28T12:05:00+02:00"),
    )
    .await;
    assert_eq!(many["available"], false);
    let mut found = codes(&many);
    found.sort();
    assert_eq!(
        found,
        ["not_aligned", "outside_business_hours", "too_long"],
        "{many}"
    );
    assert!(many["violations"][0]["message"].is_string());

    let (_, past) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2020-03-02T10:00:00+01:00", "2020-03-02T11:00:00+01:00"),
    )
    .await;
    assert_eq!(codes(&past), ["starts_in_past"]);
    let (_, backwards) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T12:00:00+02:00", "2027-03-29T11:00:00+02:00"),
    )
    .await;
    assert_eq!(codes(&backwards), ["end_not_after_start"]);
    let (_, short) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T13:00:00+02:00", "2027-03-29T13:15:00+02:00"),
    )
    .await;
    assert_eq!(codes(&short), ["too_short"]);

    let (status, body) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T13:00:00", "2027-03-29T14:00:00"),
    )
    .await;
    assert_eq!(status, 422, "a time without an offset: {body}");
    let (status, _) = send(&app, &user, Method::POST, "/api/v1/reservations/check",
        json!({"resource_id": 9999, "start_time": "2027-03-29T13:00:00Z", "end_time": "2027-03-29T14:00:00Z"})).await;
    assert_eq!(status, 404);

    send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}"),
        json!({"status": "maintenance"}),
    )
    .await;
    let (_, closed) = send(
        &app,
        &user,
        Method::POST,
        "/api/v1/reservations/check",
        check("2027-03-29T13:00:00+02:00", "2027-03-29T14:00:00+02:00"),
    )
    .await;
    assert_eq!(codes(&closed), ["resource_not_bookable"]);
}

async fn next_available_and_schedule_see_existing_bookings(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let room = create_resource(
        &app,
        &admin,
        json!({"name": "Atlas", "timezone": "America/New_York"}),
    )
    .await;
    let id = room["id"].as_i64().expect("id");
    let hours: Vec<Value> = (0..7)
        .map(|day| json!({"day_of_week": day, "open_time": "09:00", "close_time": "17:00"}))
        .collect();
    send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/resources/{id}/business-hours"),
        json!({"hours": hours}),
    )
    .await;
    let user = app.user_token("ulla").await;
    let user_id = my_id(&app, &user).await;
    // 4 March 2027, 09:00–10:00 New York (14:00Z) is booked.
    book(
        &app,
        id,
        user_id,
        "2027-03-04T14:00:00Z",
        "2027-03-04T15:00:00Z",
    )
    .await;

    let (status, next) = app
        .get_as(&user, &format!("/api/v1/resources/{id}/next-available?slot_duration=60&after=2027-03-04T08:00:00-05:00"))
        .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(
        next,
        json!({"start": "2027-03-04T15:00:00Z", "end": "2027-03-04T16:00:00Z", "available": true})
    );
    let (status, _) = app
        .get_as(
            &user,
            &format!("/api/v1/resources/{id}/next-available?after=2027-03-04T08:00:00"),
        )
        .await;
    assert_eq!(status, 422, "a naive time is refused");

    let window = "from=2027-03-04T00:00:00Z&to=2027-03-05T00:00:00Z";
    let (status, mine) = app
        .get_as(&user, &format!("/api/v1/resources/{id}/schedule?{window}"))
        .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine[0]["start_time"], "2027-03-04T14:00:00Z");
    assert_eq!(mine[0]["mine"], true);
    assert_eq!(mine[0]["title"], "Team sync");
    // API.md: a collection path answers with a trailing slash too.
    let (status, slashed) = app
        .get_as(&user, &format!("/api/v1/resources/{id}/schedule/?{window}"))
        .await;
    assert_eq!((status, &slashed), (200, &mine));

    let other = app.user_token("otto").await;
    let (_, theirs) = app
        .get_as(&other, &format!("/api/v1/resources/{id}/schedule?{window}"))
        .await;
    let entry = &theirs[0];
    assert_eq!(entry["start_time"], "2027-03-04T14:00:00Z");
    assert!(
        entry["title"].is_null() && entry["username"].is_null() && entry["user_id"].is_null(),
        "{entry}"
    );
    let (_, managed) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/schedule?{window}"))
        .await;
    assert_eq!(managed[0]["username"], "ulla");

    let (status, _) = app
        .get_as(
            &user,
            &format!(
                "/api/v1/resources/{id}/schedule?from=2027-03-05T00:00:00Z&to=2027-03-04T00:00:00Z"
            ),
        )
        .await;
    assert_eq!(status, 422);
}

async fn rules_are_inherited_from_group_then_global(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (_, hq) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/groups",
        json!({"name": "HQ"}),
    )
    .await;
    let hq = hq["id"].as_i64().expect("id");
    let room = create_resource(&app, &admin, json!({"name": "Atlas", "group_id": hq})).await;
    let id = room["id"].as_i64().expect("id");

    let (status, _) = send(
        &app,
        &admin,
        Method::PUT,
        "/api/v1/rules",
        json!({"max_duration_minutes": 240, "min_notice_minutes": 60}),
    )
    .await;
    assert_eq!(status, 200);
    send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/groups/{hq}/rules"),
        json!({"max_duration_minutes": 90}),
    )
    .await;
    let (_, rules) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/rules"))
        .await;
    assert_eq!(rules["rules"]["max_duration_minutes"], Value::Null);
    assert_eq!(
        rules["effective"]["max_duration_minutes"], 90,
        "the group's rule wins over global"
    );
    assert_eq!(
        rules["effective"]["min_notice_minutes"], 60,
        "global fills the rest"
    );

    let group_hours = json!({"hours": [{"day_of_week": 2, "open_time": "08:00", "close_time": "12:00"},
                                        {"day_of_week": 2, "open_time": "13:00", "close_time": "18:00"}]});
    let (status, _) = send(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/groups/{hq}/business-hours"),
        group_hours,
    )
    .await;
    assert_eq!(status, 200);
    let (_, hours) = app
        .get_as(&admin, &format!("/api/v1/resources/{id}/business-hours"))
        .await;
    assert_eq!(hours["hours"], json!([]));
    assert_eq!(hours["inherited_from"], json!({"level": "group", "id": hq}));
    // Wednesday 3 March 2027 (UTC resource): two openings, lunch closed.
    let (_, day) = app
        .get_as(
            &admin,
            &format!("/api/v1/resources/{id}/available-slots?date=2027-03-03&slot_duration=60"),
        )
        .await;
    let starts: Vec<&str> = day["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .map(|s| s["start"].as_str().expect("start"))
        .collect();
    assert_eq!(
        starts,
        [
            "2027-03-03T08:00:00Z",
            "2027-03-03T09:00:00Z",
            "2027-03-03T10:00:00Z",
            "2027-03-03T11:00:00Z",
            "2027-03-03T13:00:00Z",
            "2027-03-03T14:00:00Z",
            "2027-03-03T15:00:00Z",
            "2027-03-03T16:00:00Z",
            "2027-03-03T17:00:00Z"
        ]
    );

    let (_, check) = send(&app, &admin, Method::POST, "/api/v1/reservations/check",
        json!({"resource_id": id, "start_time": "2027-03-03T08:00:00Z", "end_time": "2027-03-03T10:00:00Z"})).await;
    assert_eq!(check["violations"][0]["code"], "too_long", "{check}");
}

async fn search_ranks_resources_by_their_earliest_fitting_slot(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let big = create_resource(
        &app,
        &admin,
        json!({"name": "Big", "resource_type": "Room", "tags": ["projector"], "capacity": 20}),
    )
    .await;
    let small = create_resource(
        &app,
        &admin,
        json!({"name": "Small", "resource_type": "Room", "tags": ["projector"], "capacity": 6}),
    )
    .await;
    create_resource(
        &app,
        &admin,
        json!({"name": "Tiny", "resource_type": "Room", "tags": ["projector"], "capacity": 2}),
    )
    .await;
    create_resource(
        &app,
        &admin,
        json!({"name": "Desk", "resource_type": "Desk", "tags": ["projector"], "capacity": 8}),
    )
    .await;
    let user = app.user_token("ulla").await;
    let user_id = my_id(&app, &user).await;
    // Small is busy from 09:00 to 10:30; Big is free.
    book(
        &app,
        small["id"].as_i64().expect("id"),
        user_id,
        "2027-05-03T09:00:00Z",
        "2027-05-03T10:30:00Z",
    )
    .await;

    let (status, found) = app
        .get_as(&user, "/api/v1/resources/search?duration_minutes=60&from=2027-05-03T09:00:00Z&to=2027-05-03T12:00:00Z&type=Room&tags=projector&min_capacity=4")
        .await;
    assert_eq!(status, 200, "{found}");
    let ranked: Vec<&str> = found["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|h| h["resource"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(ranked, ["Big", "Small"]);
    assert_eq!(
        found["data"][0]["slots"][0],
        json!({"start_time": "2027-05-03T09:00:00Z", "end_time": "2027-05-03T10:00:00Z"})
    );
    assert_eq!(
        found["data"][1]["slots"][0]["start_time"],
        "2027-05-03T10:30:00Z"
    );
    assert_eq!(found["considered"], 2);
    assert_eq!(big["id"], found["data"][0]["resource"]["id"]);

    let (status, _) = app
        .get_as(&user, "/api/v1/resources/search?duration_minutes=60&from=2027-05-03T12:00:00Z&to=2027-05-03T09:00:00Z")
        .await;
    assert_eq!(status, 422);
}

async fn tags_are_renamed_merged_and_deleted(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    create_resource(
        &app,
        &admin,
        json!({"name": "A", "tags": ["beamer", "wifi"]}),
    )
    .await;
    create_resource(&app, &admin, json!({"name": "B", "tags": ["projector"]})).await;
    create_resource(&app, &admin, json!({"name": "C", "tags": ["wi-fi"]})).await;

    let (status, renamed) = send(
        &app,
        &admin,
        Method::PATCH,
        "/api/v1/tags/beamer",
        json!({"name": "projector"}),
    )
    .await;
    assert_eq!(status, 200, "{renamed}");
    assert_eq!(renamed, json!({"name": "projector", "resource_count": 2}));
    let (status, merged) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/tags/merge",
        json!({"sources": ["wi-fi"], "target": "wifi"}),
    )
    .await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(merged["resource_count"], 2);
    let (_, page) = app
        .get_as(&admin, "/api/v1/resources?tags=projector,wifi")
        .await;
    assert_eq!(names(&page), ["A"]);

    let user = app.user_token("ulla").await;
    let (status, _) = send(
        &app,
        &user,
        Method::DELETE,
        "/api/v1/tags/wifi",
        Value::Null,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &admin,
        Method::DELETE,
        "/api/v1/tags/wifi",
        Value::Null,
    )
    .await;
    assert_eq!(status, 204);
    let (_, tags) = app.get_as(&user, "/api/v1/tags").await;
    assert_eq!(
        tags["data"],
        json!([{"name": "projector", "resource_count": 2}])
    );
    let (status, _) = send(
        &app,
        &admin,
        Method::DELETE,
        "/api/v1/tags/nothing",
        Value::Null,
    )
    .await;
    assert_eq!(status, 404);
}

async fn csv_import_is_all_or_nothing_with_a_report_per_row(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    create_resource(&app, &admin, json!({"name": "Existing"})).await;
    let upload = |text: &'static str| {
        app.client
            .post(app.url("/api/v1/resources/upload"))
            .bearer_auth(&admin)
            .header("content-type", "text/csv")
            .body(text)
            .send()
    };

    let bad = "name,type,tags,timezone,capacity\n\
               Room 1,Room,projector;wifi,Europe/Paris,10\n\
               Room 2,Spaceship,,Europe/Paris,4\n\
               Existing,Room,,UTC,\n\
               Room 3,Room,,Mars/Olympus,many\n\
               Room 1,Desk,,UTC,1\n";
    let response = upload(bad).await.expect("sent");
    assert_eq!(response.status(), 422);
    let report: Value = response.json().await.expect("JSON");
    assert_eq!(report["imported"], 0);
    assert!(report["detail"].is_string());
    let rows: Vec<(i64, Option<&str>)> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| (e["row"].as_i64().expect("row"), e["column"].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (3, Some("type")),
            (4, Some("name")),
            (5, Some("capacity")),
            (6, Some("name"))
        ],
        "{report}"
    );
    let (_, page) = app.get_as(&admin, "/api/v1/resources").await;
    assert_eq!(page["total_count"], 1, "nothing was imported");

    let (status, body) = send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/resources/upload",
        json!({}),
    )
    .await;
    assert_eq!(status, 422, "not CSV: {body}");

    let good = "name,description,type,tags,timezone,capacity,requires_approval,attributes\n\
                Room 1,\"Quiet, bright\",Room,projector;wifi,Europe/Paris,10,false,floor=2;wing=east\n\
                Room 2,,Room,,Europe/Paris,4,yes,\n\
                Van 7,,Vehicle,,UTC,,,\n";
    // The same file as a multipart upload, as the Resource Reserver CLI sends it.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::text(good).file_name("resources.csv"),
    );
    let response = app
        .client
        .post(app.url("/api/v1/resources/upload"))
        .bearer_auth(&admin)
        .multipart(form)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 201);
    let report: Value = response.json().await.expect("JSON");
    assert_eq!(report, json!({"imported": 3, "errors": []}));
    let (_, room) = app.get_as(&admin, "/api/v1/resources?q=room 1").await;
    assert_eq!(room["data"][0]["description"], "Quiet, bright");
    assert_eq!(
        room["data"][0]["attributes"],
        json!({"floor": "2", "wing": "east"})
    );
    assert_eq!(room["data"][0]["tags"], json!(["projector", "wifi"]));

    let response = app
        .client
        .get(app.url("/api/v1/resources/export.csv"))
        .bearer_auth(&admin)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let exported = response.text().await.expect("text");
    let mut lines = exported.lines();
    assert_eq!(
        lines.next(),
        Some(
            "name,description,status,type,tags,group,capacity,timezone,requires_approval,attributes"
        )
    );
    assert!(exported.contains("Room 1,\"Quiet, bright\",available,Room,projector;wifi,,10,Europe/Paris,false,floor=2;wing=east"), "{exported}");
    assert_eq!(exported.lines().count(), 5);

    let user = app.user_token("ulla").await;
    let response = app
        .client
        .post(app.url("/api/v1/resources/upload"))
        .bearer_auth(&user)
        .body("name\nMine\n")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 403);
}

/// Busy spans are read between "the window's start minus the longest span the resource has
/// had" and the window's end; the database keeps that longest span as bookings are written
/// or moved, so a booking that began days before the window is still seen.
async fn bookings_that_began_days_earlier_still_block(engine: Engine) {
    use app::persistence::entities::reservation;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let van = create_resource(
        &app,
        &admin,
        json!({"name": "Van", "resource_type": "Vehicle"}),
    )
    .await;
    let truck = create_resource(
        &app,
        &admin,
        json!({"name": "Truck", "resource_type": "Vehicle", "tags": ["fleet"]}),
    )
    .await;
    create_resource(
        &app,
        &admin,
        json!({"name": "Cart", "resource_type": "Equipment", "tags": ["fleet"]}),
    )
    .await;
    let (van_id, truck_id) = (
        van["id"].as_i64().expect("id"),
        truck["id"].as_i64().expect("id"),
    );
    let user = app.user_token("ulla").await;
    let user_id = my_id(&app, &user).await;
    // The van is out for three days; a short booking of the truck comes first.
    book(
        &app,
        van_id,
        user_id,
        "2027-05-01T00:00:00Z",
        "2027-05-04T00:00:00Z",
    )
    .await;
    book(
        &app,
        truck_id,
        user_id,
        "2027-04-20T08:00:00Z",
        "2027-04-20T09:00:00Z",
    )
    .await;

    let slots = |id: i64| {
        format!("/api/v1/resources/{id}/available-slots?date=2027-05-03&slot_duration=60")
    };
    let (status, day) = app.get_as(&user, &slots(van_id)).await;
    assert_eq!(status, 200, "{day}");
    let free = |day: &Value| {
        day["slots"]
            .as_array()
            .expect("slots")
            .iter()
            .filter(|s| s["available"] == true)
            .count()
    };
    assert_eq!(free(&day), 0, "{day}");
    let (_, schedule) = app
        .get_as(&user, &format!("/api/v1/resources/{van_id}/schedule?from=2027-05-03T00:00:00Z&to=2027-05-04T00:00:00Z"))
        .await;
    assert_eq!(schedule[0]["start_time"], "2027-05-01T00:00:00Z");
    let search = "/api/v1/resources/search?duration_minutes=60&from=2027-05-03T08:00:00Z&to=2027-05-03T12:00:00Z&type=Vehicle";
    let (status, found) = app.get_as(&user, search).await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["data"].as_array().expect("data").len(), 1, "{found}");
    assert_eq!(found["data"][0]["resource"]["name"], "Truck");

    // Moving the truck's booking to a two-day one over the window is seen too (the span the
    // database keeps grows on update as on insert).
    let at = |text: &str| {
        sea_orm::sea_query::Expr::value(
            text.parse::<chrono::DateTime<chrono::Utc>>().expect("time"),
        )
    };
    reservation::Entity::update_many()
        .col_expr(reservation::Column::BlockStart, at("2027-05-02T00:00:00Z"))
        .col_expr(reservation::Column::StartTime, at("2027-05-02T00:00:00Z"))
        .col_expr(reservation::Column::BlockEnd, at("2027-05-04T00:00:00Z"))
        .col_expr(reservation::Column::EndTime, at("2027-05-04T00:00:00Z"))
        .filter(reservation::Column::ResourceId.eq(truck_id as i32))
        .exec(&app.db)
        .await
        .expect("move");
    let (_, day) = app.get_as(&user, &slots(truck_id)).await;
    assert_eq!(free(&day), 0, "{day}");
    let (status, found) = app
        .get_as(&user, "/api/v1/resources/search?duration_minutes=60&from=2027-05-03T08:00:00Z&to=2027-05-03T12:00:00Z&tags=fleet")
        .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["considered"], 2, "{found}");
    let names: Vec<&str> = found["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|h| h["resource"]["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["Cart"]);
}

/// Merging tags while other catalog writes commit: on SQLite a merge that read before it wrote
/// was refused ("temporarily unavailable") when another write committed in between.
async fn tags_merged_while_resources_are_created_all_land(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    for i in 0..4 {
        create_resource(
            &app,
            &admin,
            json!({"name": format!("Old {i}"), "tags": [format!("old{i}")]}),
        )
        .await;
    }
    let requests = (0..8)
        .map(|i| {
            if i % 2 == 0 {
                (
                    Method::POST,
                    "/api/v1/tags/merge",
                    json!({"sources": [format!("old{}", i / 2)], "target": format!("new{}", i / 2)}),
                )
            } else {
                (
                    Method::POST,
                    "/api/v1/resources",
                    json!({"name": format!("Fresh {i}"), "tags": ["fresh"]}),
                )
            }
        })
        .map(|(method, path, body)| (method, admin.as_str(), path, body))
        .collect();
    for (status, body) in app.send_together(requests).await {
        assert!(status == 200 || status == 201, "{status} {body}");
    }
    let (_, tags) = app.get_as(&admin, "/api/v1/tags").await;
    assert_eq!(
        tags["data"],
        json!([
            {"name": "fresh", "resource_count": 4},
            {"name": "new0", "resource_count": 1},
            {"name": "new1", "resource_count": 1},
            {"name": "new2", "resource_count": 1},
            {"name": "new3", "resource_count": 1},
        ])
    );
}
