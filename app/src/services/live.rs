//! Live updates (`/ws`): the changes connected browsers and integrations hear of once they
//! commit, and who hears what.
//!
//! A change stages its message in `live_events` inside its own transaction, so a change that
//! rolls back is never announced. Each server process runs one [`Feed`], which reads the
//! staged messages after they commit and hands them to that process's connections:
//! - SQLite: writers commit one at a time, so rows commit in id order; the feed reads the rows
//!   after the last it read whenever a write of this process commits, and once a second for
//!   the writes of other processes (the command line).
//! - PostgreSQL: the staging transaction also sends `NOTIFY reserver_live, '<id>'`, which
//!   PostgreSQL delivers to every listening process at commit, in commit order; several
//!   processes sharing one database therefore announce every change to all their clients.
//!
//! Rows are kept for ten minutes. Nothing is replayed to a client that connects later, but one
//! may ask whether it missed anything since its page was read ([`heard_since`]). A feed hands a
//! change out a moment after it commits, so a connection opened in that moment hears of a
//! change committed just before it (the app's pages take any message as "read again", not
//! as news).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use chrono::Utc;
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::{Value, json};
use tokio::sync::{broadcast, watch};

use super::authz::Principal;
use super::catalog::to_i32;
use super::{ServiceError, booking};
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{live_event, reservation, resource};
use crate::reservations::WaitlistEntry;

/// The PostgreSQL channel staged messages are announced on.
const CHANNEL: &str = "reserver_live";
/// How long staged messages are kept.
const KEEP: chrono::Duration = chrono::Duration::minutes(10);
/// How many messages a connection may fall behind before it is told it missed some.
const BACKLOG: usize = 1024;
/// How many rows one read takes.
const BATCH: u64 = 500;

pub const RESERVATION_CREATED: &str = "reservation_created";
pub const RESERVATION_CANCELLED: &str = "reservation_cancelled";
pub const RESERVATION_UPDATED: &str = "reservation_updated";
pub const RESERVATION_APPROVED: &str = "reservation_approved";
pub const RESERVATION_REJECTED: &str = "reservation_rejected";
pub const WAITLIST_OFFER: &str = "waitlist_offer";
pub const RESOURCE_STATUS_CHANGED: &str = "resource_status_changed";
/// Sent when a connection may have missed messages; not staged, made by the feed.
pub const RESYNC: &str = "resync";

/// A committed change, as every connection of this process is handed it.
#[derive(Debug)]
pub struct LiveEvent {
    kind: String,
    /// The account whose record it is; none when it concerns everyone.
    subject_id: Option<i32>,
    /// The message with everything in `data`, for those who may read the whole record.
    full: String,
    /// For a booking, the message with only its resource, times and status: what anyone who
    /// can see the resource's calendar may know of someone else's booking.
    public: Option<String>,
}

impl LiveEvent {
    fn from_row(row: live_event::Model) -> Self {
        let data: Value = serde_json::from_str(&row.payload).unwrap_or(Value::Null);
        let public = row.kind.starts_with("reservation_").then(|| {
            let summary = ["id", "resource_id", "start_time", "end_time", "status"]
                .into_iter()
                .map(|key| {
                    (
                        key.to_owned(),
                        data.get(key).cloned().unwrap_or(Value::Null),
                    )
                })
                .collect::<serde_json::Map<_, _>>();
            json!({"type": row.kind, "data": summary}).to_string()
        });
        LiveEvent {
            full: json!({"type": row.kind, "data": data}).to_string(),
            public,
            kind: row.kind,
            subject_id: row.subject_id,
        }
    }

    /// Tells every connection that messages may have been missed and what it shows should be
    /// read afresh.
    fn resync() -> Self {
        LiveEvent {
            kind: RESYNC.to_owned(),
            subject_id: None,
            full: json!({"type": RESYNC, "data": {"missed": null}}).to_string(),
            public: None,
        }
    }

    /// The text `principal` is sent, or none when this change is not theirs to hear:
    /// - a waitlist offer: only the person offered it;
    /// - a resource's status: whoever may read resources;
    /// - a booking: its owner and those who may read every booking get it whole; others who
    ///   may read resources get its resource, times and status (what the calendar shows).
    pub fn message_for(&self, principal: &Principal) -> Option<&str> {
        let grants = &principal.grants;
        let theirs = self.subject_id == Some(principal.user_id);
        let sees_resources = grants.may(Model::Resource, Action::Read);
        match self.kind.as_str() {
            RESYNC => Some(&self.full),
            WAITLIST_OFFER => theirs.then_some(self.full.as_str()),
            RESOURCE_STATUS_CHANGED => sees_resources.then_some(self.full.as_str()),
            _ if theirs || grants.may_all(Model::Reservation, Action::Read) => Some(&self.full),
            _ if sees_resources => self.public.as_deref(),
            _ => None,
        }
    }
}

// ---- Staging (inside the change's transaction) -----------------------------------------

async fn stage(
    tx: &impl ConnectionTrait,
    kind: &str,
    resource_id: Option<i32>,
    subject_id: Option<i32>,
    data: Value,
) -> Result<(), ServiceError> {
    let row = live_event::ActiveModel {
        kind: Set(kind.to_owned()),
        resource_id: Set(resource_id),
        subject_id: Set(subject_id),
        payload: Set(data.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    if tx.get_database_backend() == DbBackend::Postgres {
        // Delivered at commit, and not at all after a rollback.
        tx.execute_unprepared(&format!("NOTIFY {CHANNEL}, '{}'", row.id))
            .await?;
    }
    Ok(())
}

/// Stages the message a line of a booking's history makes (`action` as `booking::record`
/// writes it), if any: made (an accepted offer too), cancelled, moved or edited, approved,
/// rejected. A waitlist offer's hold blocks the slot like a booking, so it is announced as
/// one made (status `held`), and its end as one cancelled (status `expired` or `cancelled`).
pub(crate) async fn reservation_changed(
    tx: &impl ConnectionTrait,
    row: &reservation::Model,
    action: &str,
) -> Result<(), ServiceError> {
    let kind = match action {
        "created" | "offer_accepted" | "offered" => RESERVATION_CREATED,
        "cancelled" | "offer_expired" | "offer_declined" => RESERVATION_CANCELLED,
        "rescheduled" | "edited" => RESERVATION_UPDATED,
        "approved" => RESERVATION_APPROVED,
        "rejected" => RESERVATION_REJECTED,
        _ => return Ok(()),
    };
    let data = booking::to_api_json(row)?;
    stage(tx, kind, Some(row.resource_id), Some(row.user_id), data).await
}

/// Stages `waitlist_offer` for the person offered `entry`'s slot.
pub(crate) async fn waitlist_offer(
    tx: &impl ConnectionTrait,
    entry: &WaitlistEntry,
) -> Result<(), ServiceError> {
    let data = serde_json::to_value(entry).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let (resource_id, user_id) = (to_i32(entry.resource_id)?, to_i32(entry.user_id)?);
    stage(tx, WAITLIST_OFFER, Some(resource_id), Some(user_id), data).await
}

/// Stages `resource_status_changed`: `row` now has `status` (`deleted` once it is gone).
pub(crate) async fn resource_status_changed(
    tx: &impl ConnectionTrait,
    row: &resource::Model,
    status: &str,
) -> Result<(), ServiceError> {
    let data = json!({
        "id": row.id,
        "name": row.name,
        "status": status,
        "available": status == "available",
    });
    stage(tx, RESOURCE_STATUS_CHANGED, Some(row.id), None, data).await
}

// ---- The feed (one per process) --------------------------------------------------------

/// Bumped after each write transaction of this process commits (see `Writer`), so SQLite
/// feeds read at once instead of at their next tick.
static COMMITS: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// Tells this process's feeds that a write committed.
pub(crate) fn committed() {
    COMMITS.send_modify(|n| *n = n.wrapping_add(1));
}

/// How many connections one account may hold open at once on one process (tabs, devices and
/// integrations together).
pub const MAX_CONNECTIONS_PER_ACCOUNT: usize = 32;

/// Open connections per account.
type Seats = Arc<Mutex<HashMap<i32, usize>>>;

/// This process's stream of committed changes; every connection subscribes to it.
#[derive(Clone)]
pub struct Feed {
    sender: broadcast::Sender<Arc<LiveEvent>>,
    seats: Seats,
}

/// One connection's place among its account's; given back when dropped.
pub struct Seat {
    seats: Seats,
    user_id: i32,
}

impl Drop for Seat {
    fn drop(&mut self) {
        let mut seats = self.seats.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = seats.get_mut(&self.user_id) {
            *open -= 1;
            if *open == 0 {
                seats.remove(&self.user_id);
            }
        }
    }
}

/// What reads committed changes into a [`Feed`]; run it for as long as the process serves.
pub struct FeedWorker {
    feed: Feed,
    db: DatabaseConnection,
    wake: Wake,
}

enum Wake {
    /// SQLite: the last row handed out, and this process's commits.
    Commits {
        last: i32,
        commits: watch::Receiver<u64>,
    },
    /// PostgreSQL: `LISTEN`ing on [`CHANNEL`].
    Notifications(PgListener),
}

impl Feed {
    /// A feed of every change committed from now on, once its worker runs. On PostgreSQL the
    /// worker is already listening when this returns, so nothing committed after it is missed.
    pub async fn start(db: &DatabaseConnection) -> Result<(Feed, FeedWorker), ServiceError> {
        let wake = if db.get_database_backend() == DbBackend::Postgres {
            Wake::Notifications(listen(db).await?)
        } else {
            Wake::Commits {
                last: latest_id(db).await?,
                commits: COMMITS.subscribe(),
            }
        };
        let feed = Feed {
            sender: broadcast::channel(BACKLOG).0,
            seats: Seats::default(),
        };
        let worker = FeedWorker {
            feed: feed.clone(),
            db: db.clone(),
            wake,
        };
        Ok((feed, worker))
    }

    /// The changes committed from now on; `Lagged(n)` when the receiver fell `n` behind.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }

    /// How many connections are subscribed now.
    pub fn connections(&self) -> usize {
        self.sender.receiver_count()
    }

    /// A seat for one more connection of `user_id`, unless the account already holds
    /// [`MAX_CONNECTIONS_PER_ACCOUNT`].
    pub fn seat(&self, user_id: i32) -> Option<Seat> {
        let mut seats = self.seats.lock().unwrap_or_else(PoisonError::into_inner);
        let open = seats.entry(user_id).or_default();
        if *open >= MAX_CONNECTIONS_PER_ACCOUNT {
            return None;
        }
        *open += 1;
        Some(Seat {
            seats: self.seats.clone(),
            user_id,
        })
    }

    fn hand_out(&self, row: live_event::Model) {
        // No receivers is fine: nobody is connected.
        let _ = self.sender.send(Arc::new(LiveEvent::from_row(row)));
    }

    fn resync(&self) {
        let _ = self.sender.send(Arc::new(LiveEvent::resync()));
    }
}

impl FeedWorker {
    /// Hands out committed changes until the task is aborted. Failures are logged and
    /// retried.
    pub async fn run(self) {
        let FeedWorker { feed, db, wake } = self;
        let mut pruned = Utc::now();
        match wake {
            Wake::Commits {
                mut last,
                mut commits,
            } => loop {
                tokio::select! {
                    _ = commits.changed() => {}
                    () = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
                // Until a read comes back short: all committed rows are handed out.
                loop {
                    match after(&db, last).await {
                        Ok(rows) => {
                            let full = rows.len() as u64 == BATCH;
                            for row in rows {
                                last = row.id;
                                feed.hand_out(row);
                            }
                            if !full {
                                break;
                            }
                        }
                        Err(error) => {
                            // Read again at the next wake, from the same place.
                            tracing::warn!(%error, "live feed: cannot read");
                            break;
                        }
                    }
                }
                prune_now_and_then(&db, &mut pruned).await;
            },
            Wake::Notifications(mut listener) => loop {
                // `None` after a quiet minute, so old rows are still pruned.
                let received = tokio::select! {
                    received = listener.try_recv() => Some(received),
                    () = tokio::time::sleep(Duration::from_secs(60)) => None,
                };
                match received {
                    None => {}
                    Some(Ok(Some(notification))) => match notification.payload().parse::<i32>() {
                        Ok(id) => match live_event::Entity::find_by_id(id).one(&db).await {
                            Ok(Some(row)) => feed.hand_out(row),
                            Ok(None) => {}
                            Err(error) => {
                                tracing::warn!(%error, id, "live feed: cannot read");
                                feed.resync();
                            }
                        },
                        Err(_) => tracing::warn!(
                            payload = notification.payload(),
                            "live feed: not a message id"
                        ),
                    },
                    // The connection was lost and made again: changes committed in between
                    // were not heard.
                    Some(Ok(None)) => {
                        tracing::warn!("live feed: reconnected; asking clients to read again");
                        feed.resync();
                    }
                    Some(Err(error)) => {
                        tracing::warn!(%error, "live feed: listening failed; listening again");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        match listen(&db).await {
                            Ok(fresh) => {
                                listener = fresh;
                                feed.resync();
                            }
                            Err(error) => tracing::warn!(%error, "live feed: cannot listen"),
                        }
                    }
                }
                prune_now_and_then(&db, &mut pruned).await;
            },
        }
    }
}

/// Whether a change `principal` would hear of was staged since `since`, so a connection
/// opened after its page read what it shows may have missed it. A time longer ago than
/// messages are kept (or holding more than one read of them) is taken to have one.
pub async fn heard_since(
    db: &DatabaseConnection,
    principal: &Principal,
    since: chrono::DateTime<Utc>,
) -> Result<bool, ServiceError> {
    if since < Utc::now() - KEEP {
        return Ok(true);
    }
    let rows = live_event::Entity::find()
        .filter(live_event::Column::CreatedAt.gte(since))
        .order_by_asc(live_event::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?;
    Ok(rows.len() as u64 == BATCH
        || rows
            .into_iter()
            .any(|row| LiveEvent::from_row(row).message_for(principal).is_some()))
}

async fn listen(db: &DatabaseConnection) -> Result<PgListener, ServiceError> {
    let unavailable = |error: sea_orm::sqlx::Error| {
        tracing::warn!(%error, "live feed: cannot LISTEN");
        ServiceError::Unavailable
    };
    let mut listener = PgListener::connect_with(db.get_postgres_connection_pool())
        .await
        .map_err(unavailable)?;
    listener.listen(CHANNEL).await.map_err(unavailable)?;
    Ok(listener)
}

async fn latest_id(db: &DatabaseConnection) -> Result<i32, ServiceError> {
    Ok(live_event::Entity::find()
        .select_only()
        .column_as(live_event::Column::Id.max(), "id")
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0))
}

async fn after(db: &DatabaseConnection, id: i32) -> Result<Vec<live_event::Model>, ServiceError> {
    Ok(live_event::Entity::find()
        .filter(live_event::Column::Id.gt(id))
        .order_by_asc(live_event::Column::Id)
        .limit(BATCH)
        .all(db)
        .await?)
}

/// Deletes messages older than [`KEEP`], at most once a minute.
async fn prune_now_and_then(db: &DatabaseConnection, last: &mut chrono::DateTime<Utc>) {
    let now = Utc::now();
    if now - *last < chrono::Duration::minutes(1) {
        return;
    }
    *last = now;
    if let Err(error) = live_event::Entity::delete_many()
        .filter(live_event::Column::CreatedAt.lt(now - KEEP))
        .exec(db)
        .await
    {
        tracing::warn!(%error, "live feed: cannot prune");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::{BuiltinRole, Grants};
    use crate::services::credentials::CredentialKind;

    fn person(user_id: i32, role: BuiltinRole) -> Principal {
        Principal {
            user_id,
            username: format!("user{user_id}"),
            roles: vec![],
            grants: Grants {
                user_id: user_id.into(),
                permissions: role.default_permissions(),
                group_ids: Default::default(),
            },
            credential_id: 1,
            credential_kind: CredentialKind::Session,
            family_id: None,
        }
    }

    fn event(kind: &str, subject: Option<i32>) -> LiveEvent {
        LiveEvent::from_row(live_event::Model {
            id: 1,
            kind: kind.to_owned(),
            resource_id: Some(3),
            subject_id: subject,
            payload: json!({
                "id": 9, "resource_id": 3, "user_id": 7, "title": "Board meeting",
                "start_time": "2026-12-07T09:00:00Z", "end_time": "2026-12-07T10:00:00Z",
                "status": "active",
            })
            .to_string(),
            created_at: Utc::now(),
        })
    }

    fn parsed(text: Option<&str>) -> Option<Value> {
        text.map(|t| serde_json::from_str(t).unwrap())
    }

    #[test]
    fn owners_and_admins_hear_the_whole_booking() {
        let made = event(RESERVATION_CREATED, Some(7));
        for listener in [person(7, BuiltinRole::User), person(1, BuiltinRole::Admin)] {
            let message = parsed(made.message_for(&listener)).unwrap();
            assert_eq!(message["type"], "reservation_created");
            assert_eq!(message["data"]["title"], "Board meeting");
            assert_eq!(message["data"]["user_id"], 7);
        }
    }

    #[test]
    fn others_hear_only_what_the_calendar_shows() {
        let made = event(RESERVATION_CANCELLED, Some(7));
        let message = parsed(made.message_for(&person(8, BuiltinRole::User))).unwrap();
        assert_eq!(message["type"], "reservation_cancelled");
        assert_eq!(message["data"]["start_time"], "2026-12-07T09:00:00Z");
        assert_eq!(message["data"]["status"], "active");
        assert!(message["data"].get("title").is_none());
        assert!(message["data"].get("user_id").is_none());
    }

    #[test]
    fn waitlist_offers_go_to_the_person_offered_only() {
        let offer = event(WAITLIST_OFFER, Some(7));
        assert!(offer.message_for(&person(7, BuiltinRole::User)).is_some());
        assert!(offer.message_for(&person(8, BuiltinRole::User)).is_none());
        assert!(offer.message_for(&person(1, BuiltinRole::Admin)).is_none());
    }

    #[test]
    fn resource_status_goes_to_whoever_reads_resources() {
        let changed = event(RESOURCE_STATUS_CHANGED, None);
        assert!(
            changed
                .message_for(&person(8, BuiltinRole::Viewer))
                .is_some()
        );
        let mut nobody = person(8, BuiltinRole::Viewer);
        nobody.grants.permissions.clear();
        assert!(changed.message_for(&nobody).is_none());
        assert!(
            event(RESERVATION_CREATED, Some(7))
                .message_for(&nobody)
                .is_none()
        );
    }
}
