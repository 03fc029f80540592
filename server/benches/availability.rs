//! Server-side latency of `available-slots` and of the cross-resource search, with 100,000
//! and 1,000,000 reservations in the database, on SQLite and PostgreSQL.
//!
//! Run: `cargo bench -p server --bench availability` (PostgreSQL through
//! `TEST_DATABASE_URL`, as `scripts/with-postgres.sh` sets it; without it only SQLite runs).
//! `BENCH_SIZES=100000` limits the sizes. Results go to stdout as a Markdown table.

use std::time::{Duration, Instant};

use app::domain::permissions::{BuiltinRole, Grants};
use app::resources::{ResourceFilter, SearchQuery};
use app::services::authz::Principal;
use app::services::availability;
use app::services::credentials::CredentialKind;
use chrono::{NaiveDate, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

const RESOURCES: i64 = 1_000;
/// Reservations are spread over this many days, one-hour bookings with gaps.
const DAYS: i64 = 730;
const SLOT_QUERIES: usize = 2_000;
const SEARCH_QUERIES: usize = 100;

fn admin() -> Principal {
    Principal {
        user_id: 1,
        username: "bench".to_owned(),
        roles: vec!["admin".to_owned()],
        grants: Grants {
            user_id: 1,
            permissions: BuiltinRole::Admin.default_permissions(),
            group_ids: Default::default(),
        },
        credential_id: 0,
        credential_kind: CredentialKind::Access,
        family_id: None,
    }
}

/// Fills the database: a user, 1,000 resources with Monday–Friday 08:00–20:00 hours and
/// tags, and `reservations` one-hour bookings spread over two years around today.
async fn seed(db: &DatabaseConnection, reservations: i64, postgres: bool) {
    let now = Utc::now();
    let statements = [
        "INSERT INTO users (username, username_key, password_hash, created_at, updated_at) \
         VALUES ('bench', 'bench', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            .to_owned(),
        "INSERT INTO tags (name) VALUES ('projector'), ('wifi'), ('quiet')".to_owned(),
    ];
    for sql in statements {
        db.execute_unprepared(&sql).await.expect("seed");
    }
    let series = |n: i64| {
        if postgres {
            format!("SELECT generate_series(0, {}) AS i", n - 1)
        } else {
            format!(
                "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < {}) SELECT i FROM s",
                n - 1
            )
        }
    };
    let ts = |expr: &str| {
        if postgres {
            format!(
                "(TIMESTAMPTZ '{}' + ({expr}) * INTERVAL '1 second')",
                now.format("%Y-%m-%d 00:00:00+00")
            )
        } else {
            format!(
                "strftime('%Y-%m-%dT%H:%M:%S+00:00', {}, 'unixepoch')",
                format_args!(
                    "{} + ({expr})",
                    now.date_naive()
                        .and_hms_opt(0, 0, 0)
                        .expect("midnight")
                        .and_utc()
                        .timestamp()
                )
            )
        }
    };
    let created = if postgres {
        "CURRENT_TIMESTAMP"
    } else {
        "strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')"
    };
    db.execute_unprepared(&format!(
        "INSERT INTO resources (name, description, status, created_at, updated_at, resource_type_id, capacity, timezone) \
         SELECT 'Resource ' || i, '', 'available', {created}, {created}, 1 + i % 5, 2 + i % 20, \
         CASE i % 3 WHEN 0 THEN 'Europe/Paris' WHEN 1 THEN 'America/New_York' ELSE 'Australia/Sydney' END \
         FROM ({}) AS n",
        series(RESOURCES)
    ))
    .await
    .expect("resources");
    db.execute_unprepared(
        "INSERT INTO resource_tags (resource_id, tag_id) SELECT id, 1 + id % 3 FROM resources",
    )
    .await
    .expect("tags");
    db.execute_unprepared(&format!(
        "INSERT INTO business_hours (resource_id, day_of_week, open_minute, close_minute) \
         SELECT r.id, d.i, 480, 1200 FROM resources r CROSS JOIN ({}) AS d",
        series(5)
    ))
    .await
    .expect("hours");
    // Booking i: resource i % 1000, day (i / 1000) % DAYS - DAYS/2 from today, at hour
    // 8 + (i / 1000 / DAYS) % 12, one hour long.
    let start = format!(
        "(((i / {RESOURCES}) % {DAYS}) - {half}) * 86400 + (8 + ((i / {RESOURCES} / {DAYS}) % 12)) * 3600",
        half = DAYS / 2
    );
    let end = format!("{start} + 3600");
    db.execute_unprepared(&format!(
        "INSERT INTO reservations (resource_id, user_id, start_time, end_time, block_start, block_end, status, title, notes, created_at, updated_at) \
         SELECT 1 + i % {RESOURCES}, 1, {s}, {e}, {s}, {e}, CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'active' END, '', '', {created}, {created} \
         FROM ({}) AS n",
        series(reservations),
        s = ts(&start),
        e = ts(&end),
    ))
    .await
    .expect("reservations");
    db.execute_unprepared("ANALYZE").await.expect("analyze");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn micros(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

async fn measure(engine: &str, url: &str, reservations: i64, postgres: bool) {
    let db = reserver::startup::open_database(url)
        .await
        .expect("database");
    let seeding = Instant::now();
    seed(&db, reservations, postgres).await;
    eprintln!("{engine} {reservations}: seeded in {:?}", seeding.elapsed());
    let principal = admin();
    let today = Utc::now().date_naive();
    let mut slot_times = Vec::with_capacity(SLOT_QUERIES);
    for n in 0..SLOT_QUERIES {
        let resource = 1 + (n as i64 * 7919) % RESOURCES;
        let date = today + chrono::Days::new((n % 60) as u64);
        let started = Instant::now();
        let day = availability::available_slots(&db, &principal, resource, Some(date), 60)
            .await
            .expect("slots");
        slot_times.push(started.elapsed());
        assert!(!day.timezone.is_empty());
    }
    slot_times.sort();
    let mut search_times = Vec::with_capacity(SEARCH_QUERIES);
    for n in 0..SEARCH_QUERIES {
        let day: NaiveDate = today + chrono::Days::new(1 + (n % 30) as u64);
        let from = Utc.from_utc_datetime(&day.and_hms_opt(6, 0, 0).expect("time"));
        let query = SearchQuery {
            duration_minutes: 60,
            from,
            to: from + chrono::Duration::hours(12),
            filter: ResourceFilter::default(),
            limit: 20,
        };
        let started = Instant::now();
        let found = availability::search(&db, &principal, &query)
            .await
            .expect("search");
        search_times.push(started.elapsed());
        assert_eq!(found.considered, RESOURCES as u64);
    }
    search_times.sort();
    println!(
        "| {engine} | {reservations} | available-slots | {} | {} | search (1,000 resources) | {} | {} |",
        micros(percentile(&slot_times, 0.5)),
        micros(percentile(&slot_times, 0.99)),
        micros(percentile(&search_times, 0.5)),
        micros(percentile(&search_times, 0.99)),
    );
}

fn sizes() -> Vec<i64> {
    std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

#[tokio::main]
async fn main() {
    println!("| engine | reservations | call | p50 | p99 | call | p50 | p99 |");
    println!("|---|---|---|---|---|---|---|---|");
    for size in sizes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        );
        measure("SQLite", &url, size, false).await;
        if let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") {
            let name = format!("reserver_bench_{size}_{}", std::process::id());
            let admin = sea_orm::Database::connect(&admin_url)
                .await
                .expect("postgres");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create database");
            let url = match admin_url.rsplit_once('/') {
                Some((base, _)) => format!("{base}/{name}"),
                None => admin_url.clone(),
            };
            measure("PostgreSQL", &url, size, true).await;
            admin
                .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .await
                .expect("drop database");
        }
    }
}
