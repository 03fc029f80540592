//! Booking throughput through the REST API, against a release `reserver serve` process on
//! loopback, on SQLite and PostgreSQL:
//! - sequential creates per second with one client;
//! - creates per second with 16 concurrent clients on distinct slots (one resource each);
//! - 16 clients racing for the same slot, round after round: exactly one winner per round,
//!   and how long the losers wait for their 409;
//! - the server's peak resident memory (VmHWM) after all of it;
//! - throughout, `BENCH_LISTENERS` (default 0) WebSocket clients on `/ws`, as open pages
//!   would be: how long after a sequential create was sent the last of them heard of it.
//!
//! Run: `scripts/with-postgres.sh cargo bench -p server --bench booking` (PostgreSQL through
//! `TEST_DATABASE_URL`; without it only SQLite runs). `BENCH_CREATES=2000` sets the number of
//! creates per measurement. Results go to stdout as a Markdown table.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;

const CLIENTS: usize = 16;
const RACE_ROUNDS: usize = 200;
const PASSWORD: &str = "Corr3ct-Horse!";

struct Server {
    child: Child,
    base: String,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(database_url: &str) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_reserver"))
            .args(["serve", "--addr", &addr, "--api-rate-limit", "0"])
            .env("DATABASE_URL", database_url)
            .env("RESERVER_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(match std::env::var("BENCH_SERVER_LOG") {
                Ok(path) => Stdio::from(std::fs::File::create(path).expect("log file")),
                Err(_) => Stdio::null(),
            })
            .spawn()
            .expect("start reserver");
        let started = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            base: format!("http://{addr}/api/v1"),
            addr,
        }
    }

    /// Peak resident memory of the server process, in MiB.
    fn peak_mib(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// The `n`-th half-hour slot from 2030-01-01, as RFC 3339 start and end.
fn slot(n: usize) -> (String, String) {
    let start = chrono::DateTime::parse_from_rfc3339("2030-01-01T00:00:00Z").expect("epoch")
        + chrono::Duration::minutes(30 * n as i64);
    let end = start + chrono::Duration::minutes(30);
    (start.to_rfc3339(), end.to_rfc3339())
}

/// Sends a create; its status, how long it took, and the new booking's id (if made).
async fn create(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    resource: i64,
    n: usize,
) -> (u16, Duration, Option<i64>) {
    let (start, end) = slot(n);
    let began = Instant::now();
    let response = client
        .post(format!("{base}/reservations"))
        .bearer_auth(token)
        .json(&json!({"resource_id": resource, "start_time": start, "end_time": end}))
        .send()
        .await
        .expect("request");
    let status = response.status().as_u16();
    let took = began.elapsed();
    let id = if status == 201 {
        let body: Value = response.json().await.expect("json");
        body["id"].as_i64()
    } else {
        None
    };
    (status, took, id)
}

/// A `/ws` client that notes when it heard of each booking made, until the server stops.
async fn listen(addr: String, token: String) -> tokio::task::JoinHandle<HashMap<i64, Instant>> {
    let (mut socket, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/ws?token={token}"))
        .await
        .expect("/ws connects");
    tokio::spawn(async move {
        let mut heard = HashMap::new();
        while let Some(Ok(frame)) = socket.next().await {
            let Message::Text(text) = frame else { continue };
            let message: Value = serde_json::from_str(text.as_str()).expect("JSON");
            if message["type"] == "reservation_created" {
                heard.insert(message["data"]["id"].as_i64().expect("id"), Instant::now());
            }
        }
        heard
    })
}

struct Row {
    engine: &'static str,
    listeners: usize,
    announce_p50: f64,
    announce_p99: f64,
    unheard: usize,
    sequential: f64,
    concurrent: f64,
    race_p50: f64,
    race_p99: f64,
    rounds_ok: usize,
    peak_mib: f64,
}

async fn run(engine: &'static str, database_url: &str, creates: usize, listeners: usize) -> Row {
    let server = Server::start(database_url);
    let base = server.base.clone();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS * 2)
        .build()
        .expect("client");
    let setup = client
        .post(format!("{base}/setup/initialize"))
        .json(&json!({"username": "bench", "password": PASSWORD}))
        .send()
        .await
        .expect("setup");
    assert_eq!(setup.status(), 201);
    let token: Value = client
        .post(format!("{base}/token"))
        .form(&[("username", "bench"), ("password", PASSWORD)])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let token = token["access_token"].as_str().expect("token").to_owned();
    let mut resources = Vec::new();
    for i in 0..=CLIENTS {
        let body: Value = client
            .post(format!("{base}/resources"))
            .bearer_auth(&token)
            .json(&json!({"name": format!("Bench room {i}")}))
            .send()
            .await
            .expect("resource")
            .json()
            .await
            .expect("json");
        resources.push(body["id"].as_i64().expect("id"));
    }

    let mut ears = Vec::new();
    for _ in 0..listeners {
        ears.push(listen(server.addr.clone(), token.clone()).await);
    }

    // One client, one after another.
    let began = Instant::now();
    let mut sent = Vec::new();
    for n in 0..creates {
        let before = Instant::now();
        let (status, _, id) = create(&client, &base, &token, resources[0], n).await;
        assert_eq!(status, 201);
        sent.push((id.expect("id"), before));
    }
    let sequential = creates as f64 / began.elapsed().as_secs_f64();

    // Sixteen clients, each on its own resource.
    let began = Instant::now();
    let mut set = JoinSet::new();
    for c in 0..CLIENTS {
        let (client, base, token, resource) = (
            client.clone(),
            base.clone(),
            token.clone(),
            resources[c + 1],
        );
        let share = creates / CLIENTS;
        set.spawn(async move {
            for n in 0..share {
                let (status, _, _) = create(&client, &base, &token, resource, n).await;
                assert_eq!(status, 201);
            }
        });
    }
    set.join_all().await;
    let concurrent = (creates / CLIENTS * CLIENTS) as f64 / began.elapsed().as_secs_f64();

    // Sixteen clients racing for one slot, round after round.
    let mut losers = Vec::new();
    let mut rounds_ok = 0;
    for round in 0..RACE_ROUNDS {
        let mut set = JoinSet::new();
        for _ in 0..CLIENTS {
            let (client, base, token, resource) =
                (client.clone(), base.clone(), token.clone(), resources[0]);
            set.spawn(
                async move { create(&client, &base, &token, resource, creates + round).await },
            );
        }
        let answers = set.join_all().await;
        let winners = answers.iter().filter(|(s, _, _)| *s == 201).count();
        assert!(
            answers.iter().all(|(s, _, _)| *s == 201 || *s == 409),
            "{answers:?}"
        );
        if winners == 1 {
            rounds_ok += 1;
        }
        losers.extend(
            answers
                .iter()
                .filter(|(s, _, _)| *s == 409)
                .map(|(_, d, _)| *d),
        );
    }
    losers.sort();

    // Let the last announcements arrive, then hang up and see who heard what when.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let peak_mib = server.peak_mib();
    drop(server);
    let mut heard = Vec::new();
    for ear in ears {
        heard.push(ear.await.expect("listener"));
    }
    let mut announced = Vec::new();
    let mut unheard = 0;
    for (id, before) in &sent {
        let last = heard.iter().map(|h| h.get(id)).collect::<Option<Vec<_>>>();
        match last.and_then(|times| times.into_iter().max()) {
            Some(at) => announced.push(at.duration_since(*before)),
            None if listeners > 0 => unheard += 1,
            None => {}
        }
    }
    announced.sort();
    Row {
        engine,
        listeners,
        announce_p50: percentile(&announced, 0.5),
        announce_p99: percentile(&announced, 0.99),
        unheard,
        sequential,
        concurrent,
        race_p50: percentile(&losers, 0.5),
        race_p99: percentile(&losers, 0.99),
        rounds_ok,
        peak_mib,
    }
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let creates: usize = std::env::var("BENCH_CREATES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000);
    let listeners: usize = std::env::var("BENCH_LISTENERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut rows = vec![
        run(
            "SQLite",
            &format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()),
            creates,
            listeners,
        )
        .await,
    ];
    if let Ok(admin) = std::env::var("TEST_DATABASE_URL") {
        let name = format!("reserver_bench_{}", std::process::id());
        let conn = Database::connect(&admin).await.expect("PostgreSQL");
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create database");
        let url = match admin.rsplit_once('/') {
            Some((base, _)) => format!("{base}/{name}"),
            None => admin.clone(),
        };
        rows.push(run("PostgreSQL", &url, creates, listeners).await);
        let _ = conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
    }
    println!(
        "| engine | /ws listeners | sequential creates/s (1 client) | creates/s (16 clients, distinct slots) | race: rounds with exactly one winner | race: 409 p50 | race: 409 p99 | server peak RSS | heard by the last listener p50 | p99 | never heard |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for row in rows {
        let heard = if row.listeners == 0 {
            "– | – | –".to_owned()
        } else {
            format!(
                "{:.2} ms | {:.2} ms | {}",
                row.announce_p50, row.announce_p99, row.unheard
            )
        };
        println!(
            "| {} | {} | {:.0} | {:.0} | {}/{} | {:.2} ms | {:.2} ms | {:.1} MiB | {heard} |",
            row.engine,
            row.listeners,
            row.sequential,
            row.concurrent,
            row.rounds_ok,
            RACE_ROUNDS,
            row.race_p50,
            row.race_p99,
            row.peak_mib,
        );
    }
}
