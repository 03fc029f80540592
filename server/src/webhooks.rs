//! Sends webhook deliveries: the worker every process runs, and the one-off send of
//! `POST /webhooks/{id}/test`. What is due, and what became of each try, the webhooks service
//! decides and records; this module only speaks HTTP.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use app::services::ServiceError;
use app::services::webhooks::{self, Due, NOT_PUBLIC, Outcome, OwnReach, is_public, numeric_host};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
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

/// Resolves names for webhooks that may post only to public addresses: a name with any
/// non-public address is refused, and the connection goes to the addresses checked (so a
/// name cannot resolve to a public address for the check and a private one for the send).
struct PublicOnly;

/// A name resolved to an address a webhook of one's own may not post to.
#[derive(Debug)]
struct NotPublic;

impl std::fmt::Display for NotPublic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(NOT_PUBLIC)
    }
}

impl std::error::Error for NotPublic {}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if found.iter().any(|addr| !is_public(addr.ip())) {
                return Err(Box::new(NotPublic) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}

/// An HTTP client for deliveries. Redirects are not followed: a receiver answers where it was
/// registered, or the try fails.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    /// For webhooks that may post only to public addresses.
    public_client: reqwest::Client,
    reach: OwnReach,
    retry_base: chrono::Duration,
}

impl Sender {
    /// `reach`: where webhooks of one's own may post. `retry_base`: the wait before the first
    /// retry (each later one waits twice as long).
    pub fn new(reach: OwnReach, retry_base: chrono::Duration) -> Result<Self, String> {
        let builder = || {
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(TIMEOUT)
                .timeout(TIMEOUT)
        };
        let failed = |e: reqwest::Error| format!("cannot make the webhook HTTP client: {e}");
        Ok(Sender {
            client: builder().build().map_err(failed)?,
            // No proxy from the environment: the resolver must see the receiver's own name.
            public_client: builder()
                .no_proxy()
                .dns_resolver(Arc::new(PublicOnly))
                .build()
                .map_err(failed)?,
            reach,
            retry_base,
        })
    }

    /// Where webhooks of one's own may post.
    pub fn reach(&self) -> OwnReach {
        self.reach
    }

    async fn send(&self, due: &Due) -> Outcome {
        let client = if self.reach == OwnReach::Public && due.own {
            // An address written as a number is not resolved, so it is checked here.
            if numeric_host(&due.url).is_some_and(|ip| !is_public(ip)) {
                return Outcome::Unreachable(NOT_PUBLIC.to_owned());
            }
            &self.public_client
        } else {
            &self.client
        };
        let sent = client
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
            Err(error) if refused_as_not_public(&error) => {
                Outcome::Unreachable(NOT_PUBLIC.to_owned())
            }
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

/// Whether a send failed because the receiver's name resolved to a non-public address.
fn refused_as_not_public(error: &reqwest::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if current.is::<NotPublic>() {
            return true;
        }
        cause = current.source();
    }
    false
}
