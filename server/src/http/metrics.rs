//! `/metrics`: the process's counters in the Prometheus text format (version 0.0.4), for a
//! Prometheus server to scrape each process: requests by method and status, their latency,
//! requests in progress, whether the database answers, reservations by status, and open
//! live-update connections.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use app::persistence::database::Engine;
use app::services::reservations;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// Upper bounds of the latency histogram's buckets, in seconds.
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// A scrape must answer quickly even when the database hangs.
const QUERY_TIMEOUT: Duration = Duration::from_secs(2);

/// The counters one process keeps; cheap to clone (shared).
#[derive(Clone, Debug)]
pub struct Metrics(Arc<Counters>);

#[derive(Debug)]
struct Counters {
    started: SystemTime,
    requests: Mutex<BTreeMap<(&'static str, u16), u64>>,
    /// Requests that took at most `BUCKETS[i]` seconds (not cumulative).
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    micros: AtomicU64,
    in_flight: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics(Arc::new(Counters {
            started: SystemTime::now(),
            requests: Mutex::default(),
            buckets: Default::default(),
            count: AtomicU64::new(0),
            micros: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
        }))
    }
}

impl Metrics {
    fn observe(&self, method: &'static str, status: u16, took: Duration) {
        if let Ok(mut requests) = self.0.requests.lock() {
            *requests.entry((method, status)).or_default() += 1;
        }
        let seconds = took.as_secs_f64();
        if let Some(bucket) = BUCKETS.iter().position(|&bound| seconds <= bound) {
            self.0.buckets[bucket].fetch_add(1, Ordering::Relaxed);
        }
        self.0.count.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.0.micros.fetch_add(micros, Ordering::Relaxed);
    }
}

/// Counts a request as in progress until it is answered or abandoned.
struct InFlight(Metrics);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The method as a label; anything unusual is `OTHER`, so clients cannot add label values.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

/// Middleware: times and counts every request.
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let method = method_label(request.method());
    let began = Instant::now();
    metrics.0.in_flight.fetch_add(1, Ordering::Relaxed);
    let guard = InFlight(metrics.clone());
    let response = next.run(request).await;
    drop(guard);
    metrics.observe(method, response.status().as_u16(), began.elapsed());
    response
}

/// `GET /metrics`.
pub async fn render(State(state): State<AppState>) -> Response {
    let counts = tokio::time::timeout(QUERY_TIMEOUT, reservations::count_by_status(&state.db))
        .await
        .ok()
        .and_then(Result::ok);
    let mut text = exposition(
        &state.metrics,
        Engine::of(&state.db).name(),
        counts.as_deref(),
    );
    family(
        &mut text,
        "reserver_live_connections",
        "gauge",
        "Open live-update WebSocket connections (/ws).",
    );
    let _ = writeln!(
        text,
        "reserver_live_connections {}",
        state.live.connections()
    );
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
        .into_response()
}

/// The HELP and TYPE lines that open a metric family.
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// The text a scrape gets; `reservations` is `None` when the database did not answer.
fn exposition(metrics: &Metrics, database: &str, reservations: Option<&[(String, u64)]>) -> String {
    let c = &metrics.0;
    let mut out = String::new();
    family(
        &mut out,
        "reserver_build_info",
        "gauge",
        "The running version and database engine.",
    );
    let _ = writeln!(
        out,
        "reserver_build_info{{version=\"{}\",database=\"{database}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    family(
        &mut out,
        "process_start_time_seconds",
        "gauge",
        "When the process started, in seconds since the Unix epoch.",
    );
    let started = c.started.duration_since(UNIX_EPOCH).unwrap_or_default();
    let _ = writeln!(out, "process_start_time_seconds {}", started.as_secs());

    family(
        &mut out,
        "reserver_http_requests_total",
        "counter",
        "HTTP requests answered, by method and status.",
    );
    if let Ok(requests) = c.requests.lock() {
        for ((method, status), n) in requests.iter() {
            let _ = writeln!(
                out,
                "reserver_http_requests_total{{method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
    }
    family(
        &mut out,
        "reserver_http_requests_in_flight",
        "gauge",
        "HTTP requests being handled now.",
    );
    let _ = writeln!(
        out,
        "reserver_http_requests_in_flight {}",
        c.in_flight.load(Ordering::Relaxed)
    );
    family(
        &mut out,
        "reserver_http_request_duration_seconds",
        "histogram",
        "Time to answer HTTP requests.",
    );
    let mut cumulative = 0;
    for (bound, bucket) in BUCKETS.iter().zip(&c.buckets) {
        cumulative += bucket.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "reserver_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
        );
    }
    let count = c.count.load(Ordering::Relaxed);
    let seconds = c.micros.load(Ordering::Relaxed) as f64 / 1e6;
    let _ = writeln!(
        out,
        "reserver_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}\n\
         reserver_http_request_duration_seconds_sum {seconds}\n\
         reserver_http_request_duration_seconds_count {count}"
    );

    family(
        &mut out,
        "reserver_database_up",
        "gauge",
        "Whether the database answered this scrape (1) or not (0).",
    );
    let _ = writeln!(
        out,
        "reserver_database_up {}",
        u8::from(reservations.is_some())
    );
    if let Some(reservations) = reservations {
        family(
            &mut out,
            "reserver_reservations",
            "gauge",
            "Reservations stored, by status.",
        );
        for (status, n) in reservations {
            let _ = writeln!(out, "reserver_reservations{{status=\"{status}\"}} {n}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_every_family_is_typed() {
        let metrics = Metrics::default();
        metrics.observe("GET", 200, Duration::from_millis(3));
        metrics.observe("GET", 200, Duration::from_millis(30));
        metrics.observe("POST", 409, Duration::from_secs(9));
        let text = exposition(&metrics, "sqlite", Some(&[("active".to_owned(), 4)]));
        assert!(text.contains("reserver_http_requests_total{method=\"GET\",status=\"200\"} 2\n"));
        assert!(text.contains("reserver_http_requests_total{method=\"POST\",status=\"409\"} 1\n"));
        assert!(text.contains("reserver_http_request_duration_seconds_bucket{le=\"0.005\"} 1\n"));
        assert!(text.contains("reserver_http_request_duration_seconds_bucket{le=\"0.05\"} 2\n"));
        assert!(text.contains("reserver_http_request_duration_seconds_bucket{le=\"5\"} 2\n"));
        assert!(text.contains("reserver_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
        assert!(text.contains("reserver_http_request_duration_seconds_count 3\n"));
        assert!(text.contains("reserver_reservations{status=\"active\"} 4\n"));
        assert!(text.contains("reserver_database_up 1\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let name = line.split(['{', ' ']).next().unwrap_or_default();
            let family = ["_bucket", "_sum", "_count"]
                .iter()
                .find_map(|suffix| name.strip_suffix(suffix))
                .filter(|_| name.starts_with("reserver_http_request_duration"))
                .unwrap_or(name);
            assert!(
                text.contains(&format!("# TYPE {family} ")),
                "{name} has no TYPE line"
            );
        }
        let down = exposition(&metrics, "sqlite", None);
        assert!(down.contains("reserver_database_up 0\n"));
        assert!(!down.contains("reserver_reservations{"));
    }
}
