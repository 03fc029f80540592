//! `/live`, `/ready`, `/health`.

use crate::support::{Engine, spawn_app};

on_both_engines!(probes_report_a_live_ready_process_and_its_engine);

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_the_database_goes_away_ready_answers_503_json_while_live_stays_200() {
    let app = spawn_app(Engine::Postgres).await;
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
    let (status, body) = app.get_json("/api/v1/resources").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "database_unavailable");
}
