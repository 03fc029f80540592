//! Sends webhook deliveries: the worker every process runs, and the one-off send of
//! `POST /webhooks/{id}/test`. What is due, and what became of each try, the webhooks service
//! decides and records; this module only speaks HTTP.

use std::time::Duration;

use app::services::ServiceError;
use app::services::webhooks::{self, Due, Outcome};
use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use sea_orm::DatabaseConnection;

/// How long a receiver may take to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often the worker looks for due deliveries.
const TICK: Duration = Duration::from_secs(1);
/// The most deliveries one process sends at once.
const BATCH: u64 = 16;
/// How long finished deliveries are kept as history.
const KEEP_DAYS: i64 = 30;
/// How often old history is deleted.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// An HTTP client for deliveries. Redirects are not followed: a receiver answers where it was
/// registered, or the try fails.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    retry_base: chrono::Duration,
}

impl Sender {
    /// `retry_base`: the wait before the first retry (each later one waits twice as long).
    pub fn new(retry_base: chrono::Duration) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(TIMEOUT)
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| format!("cannot make the webhook HTTP client: {e}"))?;
        Ok(Sender { client, retry_base })
    }

    async fn send(&self, due: &Due) -> Outcome {
        let sent = self
            .client
            .post(&due.url)
            .header(CONTENT_TYPE, "application/json")
            .header(
                USER_AGENT,
                concat!("Reserver-Webhooks/", env!("CARGO_PKG_VERSION")),
            )
            .header(
                "X-Webhook-Signature",
                webhooks::signature(&due.secret, &due.payload),
            )
            .header("X-Webhook-Event", &due.event)
            .header("X-Webhook-Delivery", due.id.to_string())
            .body(due.payload.clone())
            .send()
            .await;
        match sent {
            Ok(response) => Outcome::Answered(response.status().as_u16()),
            Err(error) if error.is_timeout() => {
                Outcome::Unreachable(format!("no answer within {} s", TIMEOUT.as_secs()))
            }
            Err(error) if error.is_connect() => {
                Outcome::Unreachable("could not connect to the receiver".to_owned())
            }
            Err(error) if error.is_builder() => {
                Outcome::Unreachable("the address cannot be used".to_owned())
            }
            Err(_) => Outcome::Unreachable("the request failed".to_owned()),
        }
    }

    /// Sends `due` once and records the outcome.
    pub async fn deliver(&self, db: &DatabaseConnection, due: &Due) -> Result<(), ServiceError> {
        let outcome = self.send(due).await;
        webhooks::finish(db, due, &outcome, self.retry_base).await
    }

    /// Sends what is due, every second, until dropped; deletes month-old history hourly. Up to
    /// `BATCH` sends are under way at once; a slow receiver holds only its own places, and the
    /// others are claimed again as soon as they are free.
    pub async fn run(self, db: DatabaseConnection) {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pruned = tokio::time::Instant::now();
        let mut sends = tokio::task::JoinSet::new();
        loop {
            tick.tick().await;
            while sends.try_join_next().is_some() {}
            if pruned.elapsed() >= PRUNE_EVERY {
                pruned = tokio::time::Instant::now();
                if let Err(error) = webhooks::prune(&db, chrono::Duration::days(KEEP_DAYS)).await {
                    tracing::warn!(%error, "pruning webhook deliveries failed");
                }
            }
            let free = BATCH.saturating_sub(sends.len() as u64);
            if free == 0 {
                continue;
            }
            let due = match webhooks::claim_due(&db, free).await {
                Ok(due) => due,
                Err(error) => {
                    tracing::warn!(%error, "claiming webhook deliveries failed");
                    continue;
                }
            };
            for due in due {
                let (sender, db) = (self.clone(), db.clone());
                sends.spawn(async move {
                    if let Err(error) = sender.deliver(&db, &due).await {
                        tracing::warn!(%error, delivery = due.id, "recording a webhook delivery failed");
                    }
                });
            }
        }
    }
}
