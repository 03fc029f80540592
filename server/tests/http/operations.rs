//! `/live`, `/ready`, `/health`, `/metrics` and the OpenAPI document.

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

/// Every operation in `/api/openapi.json` is one the server answers (not an unknown path, not
/// a method it refuses), and the contract's operations are all in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_every_operation_the_server_answers() {
    let app = spawn_app(Engine::Sqlite).await;
    let (status, document) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/token", "post"),
        ("/api/v1/resources", "get"),
        ("/api/v1/resources/{id}/available-slots", "get"),
        ("/api/v1/reservations", "post"),
        ("/api/v1/reservations/recurring", "post"),
        ("/api/v1/reservations/{id}/cancel", "post"),
        ("/api/v1/approvals/{reservation_id}/respond", "post"),
        ("/api/v1/waitlist/{id}/accept", "post"),
        ("/api/v1/calendar/feed/{token}.ics", "get"),
        ("/api/v1/calendar/export/{id}.ics", "get"),
        ("/api/v1/notifications", "get"),
        ("/api/v1/notifications/{id}/read", "post"),
        ("/api/v1/notifications/mark-all-read", "post"),
        ("/api/v1/groups/{id}/business-hours", "put"),
        ("/health", "get"),
        ("/ready", "get"),
        ("/live", "get"),
        ("/metrics", "get"),
        ("/ws", "get"),
    ] {
        assert!(
            paths[path][method].is_object(),
            "{method} {path} is not documented"
        );
    }
    assert_eq!(
        paths["/api/v1/resources/{id}"]["get"]["parameters"][0]["name"],
        "id"
    );
    assert_eq!(
        paths["/api/v1/calendar/feed/{token}.ics"]["get"]["parameters"][0]["name"],
        "token"
    );
    // Only the ways in need no credentials.
    let public: Vec<String> = paths
        .iter()
        .flat_map(|(path, methods)| {
            methods
                .as_object()
                .expect("methods")
                .iter()
                .filter(|(_, op)| op["security"] == serde_json::json!([]))
                .map(move |(method, _)| format!("{method} {path}"))
        })
        .collect();
    assert_eq!(
        public,
        [
            "get /api/v1/calendar/feed/{token}.ics",
            "post /api/v1/register",
            "post /api/v1/setup/initialize",
            "get /api/v1/setup/status",
            "post /api/v1/token",
            "post /api/v1/token/refresh",
            "get /health",
            "get /live",
            "get /metrics",
            "get /ready",
        ]
    );

    let mut checked = 0;
    for (path, methods) in paths {
        let concrete = path
            .replace("{token}", "1")
            .replace("{name}", "blue")
            .replace("{user_id}", "1")
            .replace("{reservation_id}", "1")
            .replace("{id}", "1");
        for method in methods.as_object().expect("methods").keys() {
            let method =
                reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
            let response = app
                .client
                .request(method.clone(), app.url(&concrete))
                .header("origin", app.url(""))
                .send()
                .await
                .expect("sent");
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap_or_default();
            assert!(
                status != 405 && body["detail"] != "no such API endpoint",
                "{method} {concrete}: {status} {body}"
            );
            checked += 1;
        }
    }
    assert!(checked > 90, "only {checked} operations");
}

/// An API request refused before its body was needed (here a 401 for a bad token) still has
/// its body read, so the kept-alive connection stays usable: the client's next request on it
/// is answered. Before, the server answered at once and then closed the connection without
/// notice, and the next request got no answer. The body is sent only after a pause, so an
/// answer that does not wait for it shows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_refused_before_its_body_was_read_leaves_the_connection_usable() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = spawn_app(Engine::Sqlite).await;
    let host = app.address.trim_start_matches("http://");
    let mut connection = tokio::net::TcpStream::connect(host)
        .await
        .expect("connected");
    let body = r#"{"resource_id": 1, "start_time": "2027-01-01T09:00:00Z", "end_time": "2027-01-01T10:00:00Z"}"#;
    let head = format!(
        "POST /api/v1/reservations/check HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer not-a-token\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    connection.write_all(head.as_bytes()).await.expect("sent");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let next = format!("GET /api/v1/setup/status HTTP/1.1\r\nHost: {host}\r\n\r\n");
    connection
        .write_all(format!("{body}{next}").as_bytes())
        .await
        .expect("sent");
    let mut answers = String::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !answers.contains("setup_complete") {
        let read = tokio::time::timeout_at(deadline, connection.read(&mut buffer))
            .await
            .expect("both answers within 10 s");
        match read {
            Ok(0) | Err(_) => break,
            Ok(n) => answers.push_str(&String::from_utf8_lossy(&buffer[..n])),
        }
    }
    assert!(answers.starts_with("HTTP/1.1 401"), "{answers}");
    assert_eq!(answers.matches("HTTP/1.1 ").count(), 2, "{answers}");
    assert!(answers.contains("\"setup_complete\""), "{answers}");
}

/// A JSON body over the limit is answered 413 with the usual JSON error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_over_the_limit_is_413() {
    let app = spawn_app(Engine::Sqlite).await;
    let token = app.admin_token().await;
    let huge = serde_json::json!({"resource_id": 1, "notes": "x".repeat(3 * 1024 * 1024)});
    let (status, body) = app
        .send_as(
            reqwest::Method::POST,
            &token,
            "/api/v1/reservations/check",
            Some(huge),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("body_too_large")),
        "{body}"
    );
}
