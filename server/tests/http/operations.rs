//! `/live`, `/ready`, `/health`, `/metrics`.

use crate::support::{Engine, spawn_app};

on_both_engines!(
    probes_report_a_live_ready_process_and_its_engine,
    metrics_count_requests_and_reservations_for_prometheus,
);

async fn probes_report_a_live_ready_process_and_its_engine(engine: Engine) {
    let app = spawn_app(engine).await;
    let engine_name = match engine {
        Engine::Sqlite => "sqlite",
        Engine::Postgres => "postgres",
    };

    let (status, live) = app.get_json("/live").await;
    assert_eq!((status, live["status"].as_str()), (200, Some("alive")));

    let (status, ready) = app.get_json("/ready").await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(ready["database"], engine_name);

    let (status, health) = app.get_json("/health").await;
    assert_eq!(status, 200);
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(health["database"], engine_name);
    assert_eq!(health["database_reachable"], true);
}

/// The value of the sample `series` (name and labels, exactly) in a scrape.
fn sample(scrape: &str, series: &str) -> Option<f64> {
    scrape
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .and_then(|value| value.parse().ok())
}

async fn metrics_count_requests_and_reservations_for_prometheus(engine: Engine) {
    let app = spawn_app(engine).await;
    let admin = app.admin_token().await;
    let (status, room) = app
        .send_as(
            reqwest::Method::POST,
            &admin,
            "/api/v1/resources",
            Some(serde_json::json!({"name": "Kiln"})),
        )
        .await;
    assert_eq!(status, 201, "{room}");
    let (status, booked) = app
        .send_as(
            reqwest::Method::POST,
            &admin,
            "/api/v1/reservations",
            Some(serde_json::json!({"resource_id": room["id"], "start_time": "2027-10-05T09:00:00Z", "end_time": "2027-10-05T10:00:00Z"})),
        )
        .await;
    assert_eq!(status, 201, "{booked}");
    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/nothing-here").await.status(), 404);
    }

    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let scrape = response.text().await.expect("text");
    assert_eq!(
        sample(
            &scrape,
            r#"reserver_http_requests_total{method="GET",status="404"}"#
        ),
        Some(3.0),
        "{scrape}"
    );
    assert!(
        sample(
            &scrape,
            r#"reserver_http_requests_total{method="POST",status="201"}"#
        )
        .is_some_and(|n| n >= 3.0),
        "set-up, resource and booking: {scrape}"
    );
    let answered = sample(&scrape, "reserver_http_request_duration_seconds_count");
    assert!(answered.is_some_and(|n| n >= 6.0), "{scrape}");
    assert_eq!(
        sample(
            &scrape,
            r#"reserver_http_request_duration_seconds_bucket{le="+Inf"}"#
        ),
        answered
    );
    assert_eq!(
        sample(&scrape, "reserver_http_requests_in_flight"),
        Some(1.0),
        "this scrape"
    );
    assert_eq!(sample(&scrape, "reserver_database_up"), Some(1.0));
    assert_eq!(
        sample(&scrape, r#"reserver_reservations{status="active"}"#),
        Some(1.0),
        "{scrape}"
    );
    assert!(scrape.contains("# TYPE reserver_http_request_duration_seconds histogram"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_database_goes_away_ready_answers_503_json_while_live_stays_200() {
    let app = spawn_app(Engine::Postgres).await;
    let token = app.admin_token().await;
    assert_eq!(app.get("/ready").await.status(), 200);

    app.database.drop_postgres_database().await;

    let (status, ready) = app.get_json("/ready").await;
    assert_eq!(status, 503, "{ready}");
    assert_eq!(ready["code"], "database_unavailable");
    assert!(ready["detail"].as_str().is_some_and(|d| !d.is_empty()));
    let (status, _) = app.get_json("/live").await;
    assert_eq!(status, 200);
    let (_, health) = app.get_json("/health").await;
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["database_reachable"], false);

    // API calls that need the database fail with JSON, not a hang or an HTML page.
    let (status, body) = app.get_as(&token, "/api/v1/resources").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "database_unavailable");
}

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app(Engine::Sqlite).await;
    // The app's own pool settings, as every connection it opens gets them.
    let db = app::persistence::database::connect(&app.database.url)
        .await
        .expect("connect");
    let pragma = |name: &'static str| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("PRAGMA {name}"),
                ))
                .await
                .expect("pragma")
                .expect("a row");
            row.try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .expect("value")
        }
    };
    assert_eq!(pragma("journal_mode").await, "wal");
    assert_eq!(pragma("foreign_keys").await, "1");
    assert_eq!(pragma("busy_timeout").await, "5000");
}
