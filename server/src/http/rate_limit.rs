//! A general rate limit on the API: at most N requests a minute per client address, answered
//! with 429 and `Retry-After` beyond that. Counted per process; login attempts have their own,
//! database-backed limit (`app::services::lockout`) that holds across processes.

use std::collections::HashMap;
use std::net::IpAddr;

use app::services::client::ClientAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::api::{ApiError, is_api_path};

const WINDOW: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct RateLimiter {
    per_minute: u32,
    windows: Arc<Mutex<HashMap<IpAddr, (Instant, u32)>>>,
}

impl RateLimiter {
    /// `per_minute == 0` turns the limit off.
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            windows: Arc::default(),
        }
    }

    /// Counts one request; `Err(seconds)` when over the limit.
    fn hit(&self, address: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let Ok(mut windows) = self.windows.lock() else {
            return Ok(());
        };
        if windows.len() > 10_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, count) = windows.entry(address).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            *start = now;
            *count = 0;
        }
        *count += 1;
        if *count > self.per_minute {
            let wait = WINDOW.saturating_sub(now.duration_since(*start));
            Err(wait.as_secs().max(1))
        } else {
            Ok(())
        }
    }
}

pub async fn limit(State(limiter): State<RateLimiter>, request: Request, next: Next) -> Response {
    let address = request.extensions().get::<ClientAddr>().copied();
    if let Some(ClientAddr(address)) = address
        && is_api_path(request.uri().path())
        && let Err(retry_after) = limiter.hit(address, Instant::now())
    {
        return ApiError::rate_limited(retry_after).into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_address_gets_its_own_budget_per_minute() {
        let limiter = RateLimiter::new(3);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.hit(a, t0).is_ok());
        }
        assert!(limiter.hit(a, t0).is_err());
        assert!(limiter.hit(b, t0).is_ok());
        assert!(
            limiter.hit(a, t0 + WINDOW).is_ok(),
            "a new minute, a new budget"
        );
        assert!(RateLimiter::new(0).hit(a, t0).is_ok());
    }
}
