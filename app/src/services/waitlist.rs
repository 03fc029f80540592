//! The waitlist: people ask for a time that is taken; when a blocking booking is cancelled,
//! shortened, moved or rejected, the first waiting entry that now fits is offered the time.
//! An offer is a `held` reservation, so the slot is kept for that person (others get 409)
//! until they accept (it becomes a booking, through approval where the resource needs it),
//! decline, or let it expire; then the next entry gets its chance. Expiry runs from the host's
//! background task, without a request arriving.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::ServiceError;
use super::authz::Principal;
use super::availability::{padded_for, rule_violations};
use super::booking::{Event, NewRow, Target, proposal, to_api as reservation_api, transition};
use super::cache::Versions;
use super::catalog::to_i32;
use super::quotas::{self, Ledger};
use super::writer::Writer;
use super::{audit, live};
use crate::domain::availability::{self, Interval, day_bounds, earliest_fits, local_date};
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{reservation, waitlist_entry};
use crate::reservations::{
    DEFAULT_FLEXIBLE_HOURS, MAX_FLEXIBLE_HOURS, NewWaitlistEntry, Reservation, ReservationStatus,
    WaitlistEntry,
};
use sea_orm::sea_query::Expr;

/// How long an offer holds its slot, from the host's configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BookingSettings {
    pub offer_hold: Duration,
}

impl Default for BookingSettings {
    fn default() -> Self {
        BookingSettings {
            offer_hold: Duration::minutes(30),
        }
    }
}

const WAITING: &str = "waiting";
const OFFERED: &str = "offered";
/// An entry whose offer became the person's reservation.
pub const ACCEPTED: &str = "accepted";

/// How many entries of one resource an offer round looks at.
const ROUND: u64 = 100;

fn to_api(
    row: waitlist_entry::Model,
    position: Option<u64>,
    offer: Option<&reservation::Model>,
) -> WaitlistEntry {
    let offered = row.status == OFFERED;
    WaitlistEntry {
        id: row.id.into(),
        resource_id: row.resource_id.into(),
        user_id: row.user_id.into(),
        desired_start: row.desired_start,
        desired_end: row.desired_end,
        flexible_time: row.flexible_hours.is_some(),
        flexible_hours: row.flexible_hours.and_then(|h| u32::try_from(h).ok()),
        status: row.status,
        position,
        offer_start: offer.filter(|_| offered).map(|r| r.start_time),
        offer_end: offer.filter(|_| offered).map(|r| r.end_time),
        offer_expires_at: row.offer_expires_at.filter(|_| offered),
        reservation_id: row.reservation_id.map(Into::into),
        created_at: row.created_at,
    }
}

/// Place in line among those waiting for the same resource (1 is next).
async fn position_of(
    db: &impl ConnectionTrait,
    row: &waitlist_entry::Model,
) -> Result<Option<u64>, ServiceError> {
    if row.status != WAITING {
        return Ok(None);
    }
    let ahead = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::ResourceId.eq(row.resource_id))
        .filter(waitlist_entry::Column::Status.eq(WAITING))
        .filter(waitlist_entry::Column::Id.lt(row.id))
        .count(db)
        .await?;
    Ok(Some(ahead + 1))
}

/// An entry as it stands now, after offers may have changed it.
async fn reread(db: &impl ConnectionTrait, id: i32) -> Result<WaitlistEntry, ServiceError> {
    let entry = waitlist_entry::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    entry_answer(db, entry).await
}

async fn entry_answer(
    db: &impl ConnectionTrait,
    row: waitlist_entry::Model,
) -> Result<WaitlistEntry, ServiceError> {
    let position = position_of(db, &row).await?;
    let offer = match row.reservation_id {
        Some(id) => reservation::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(to_api(row, position, offer.as_ref()))
}

/// A new waitlist entry, as it joined the line and as it stands after the offer round that
/// follows joining.
pub struct Joined {
    /// Waiting, with its place in line: what `POST /waitlist` answers (API.md).
    pub joined: WaitlistEntry,
    /// Already offered when the time (or, if flexible, a time near it) was free.
    pub current: WaitlistEntry,
}

/// `POST /waitlist`: asks for `desired` on a resource. The entry joins the line waiting; if
/// the time is already free, it is offered at once (announced like any other offer).
#[tracing::instrument(skip_all, fields(user_id = principal.user_id))]
pub async fn join(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    request: NewWaitlistEntry,
) -> Result<Joined, ServiceError> {
    principal.require_on(
        Model::Waitlist,
        Action::Create,
        &RecordOwnership {
            owner_user_id: Some(principal.user_id.into()),
            group_ids: Vec::new(),
        },
    )?;
    let desired = proposal(request.desired_start, request.desired_end)?;
    let flexible_hours = match (request.flexible_time, request.flexible_hours) {
        (false, None) => None,
        (_, Some(hours)) if !(1..=MAX_FLEXIBLE_HOURS).contains(&hours) => {
            return Err(ServiceError::InvalidInput(format!(
                "flexible_hours must be 1 to {MAX_FLEXIBLE_HOURS}"
            )));
        }
        (_, Some(hours)) => Some(hours),
        (true, None) => Some(DEFAULT_FLEXIBLE_HOURS),
    };
    let versions = Versions::read(db).await?;
    let target = Target::find(db, principal, versions, request.resource_id, desired).await?;
    let violations = rule_violations(&target.row, &target.rules, desired, Utc::now());
    if !violations.is_empty() {
        return Err(ServiceError::Refused(violations));
    }
    let already = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::UserId.eq(principal.user_id))
        .filter(waitlist_entry::Column::ResourceId.eq(target.row.id))
        .filter(waitlist_entry::Column::DesiredStart.eq(desired.start))
        .filter(waitlist_entry::Column::DesiredEnd.eq(desired.end))
        .filter(waitlist_entry::Column::Status.is_in([WAITING, OFFERED]))
        .count(db)
        .await?;
    if already > 0 {
        return Err(ServiceError::Conflict(
            "you are already on the waitlist for this time".to_owned(),
        ));
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    let entry = waitlist_entry::ActiveModel {
        resource_id: Set(target.row.id),
        user_id: Set(principal.user_id),
        desired_start: Set(desired.start),
        desired_end: Set(desired.end),
        flexible_hours: Set(flexible_hours.and_then(|h| i32::try_from(h).ok())),
        status: Set(WAITING.to_owned()),
        reservation_id: Set(None),
        offer_expires_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({
        "resource_id": entry.resource_id,
        "desired_start": entry.desired_start,
        "desired_end": entry.desired_end,
    });
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "waitlist.joined", Some(entry.id), details).await?;
    txn.commit().await?;
    let id = entry.id;
    let joined = entry_answer(db, entry).await?;
    offer_freed(db, settings, target.row.id).await?;
    Ok(Joined {
        joined,
        current: reread(db, id).await?,
    })
}

/// `GET /waitlist`: the caller's entries, newest first.
pub async fn list_mine(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
) -> Result<Page<WaitlistEntry>, ServiceError> {
    principal.require(Model::Waitlist, Action::Read)?;
    let mut query = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::UserId.eq(principal.user_id))
        .order_by_desc(waitlist_entry::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(waitlist_entry::Column::Id.lt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let page = Page::from_rows(rows, page, None, |r| i64::from(r.id), Ok::<_, ServiceError>)?;
    let mut data = Vec::with_capacity(page.data.len());
    for row in page.data.iter().cloned() {
        data.push(entry_answer(db, row).await?);
    }
    Ok(page.with_data(data))
}

/// An entry of the caller's (admins reach every entry).
async fn own_entry(
    db: &impl ConnectionTrait,
    principal: &Principal,
    id: i64,
    action: Action,
) -> Result<waitlist_entry::Model, ServiceError> {
    let row = waitlist_entry::Entity::find_by_id(to_i32(id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    principal.require_on(
        Model::Waitlist,
        action,
        &RecordOwnership {
            owner_user_id: Some(row.user_id.into()),
            group_ids: Vec::new(),
        },
    )?;
    Ok(row)
}

/// Moves an entry from status `from` to `to`, unless something else moved it first (false).
async fn move_entry(
    db: &impl ConnectionTrait,
    id: i32,
    from: &str,
    to: &str,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let moved = waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value(to))
        .col_expr(waitlist_entry::Column::UpdatedAt, Expr::value(now))
        .filter(waitlist_entry::Column::Id.eq(id))
        .filter(waitlist_entry::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(moved.rows_affected == 1)
}

/// Ends an open offer: its held reservation is released as `outcome` (cancelled when
/// declined, expired when its time ran out) and the entry takes `entry_status`. False when
/// the entry was no longer offered (someone else ended it first).
async fn end_offer(
    tx: &impl ConnectionTrait,
    entry: &waitlist_entry::Model,
    entry_status: &str,
    outcome: ReservationStatus,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    if !move_entry(tx, entry.id, OFFERED, entry_status, now).await? {
        return Ok(false);
    }
    if let Some(id) = entry.reservation_id
        && let Some(held) = reservation::Entity::find_by_id(id).one(tx).await?
        && held.status == ReservationStatus::Held.as_str()
    {
        transition(
            tx,
            held,
            outcome,
            Event {
                actor,
                action: if outcome == ReservationStatus::Expired {
                    "offer_expired"
                } else {
                    "offer_declined"
                },
                reason: "",
                at: now,
            },
        )
        .await?;
    }
    Ok(true)
}

/// `DELETE /waitlist/{id}`: leaves the line (an open offer is given up, and passed on).
pub async fn leave(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    id: i64,
) -> Result<(), ServiceError> {
    let entry = own_entry(db, principal, id, Action::Delete).await?;
    let now = Utc::now();
    let actor = principal.user_id;
    match entry.status.as_str() {
        WAITING => {
            let txn = db.begin().await?;
            if !move_entry(&txn, entry.id, WAITING, "cancelled", now).await? {
                return Err(ServiceError::Conflict(
                    "the entry changed meanwhile; reload it".to_owned(),
                ));
            }
            let details = json!({"resource_id": entry.resource_id});
            audit::record(&txn, Some(actor), "waitlist.left", Some(entry.id), details).await?;
            txn.commit().await?;
            Ok(())
        }
        OFFERED => {
            let ended = {
                let mut writer = Writer::new(db);
                loop {
                    let started = writer.begin().await?;
                    let tx = &*started;

                    let entry = &entry;
                    let outcome: Result<bool, ServiceError> = async {
                        end_offer(
                            tx,
                            entry,
                            "cancelled",
                            ReservationStatus::Cancelled,
                            Some(actor),
                            now,
                        )
                        .await
                    }
                    .await;
                    if let Some(done) = writer.finish(started, outcome).await {
                        break done;
                    }
                }
            }?;
            if ended {
                offer_freed(db, settings, entry.resource_id).await?;
            }
            Ok(())
        }
        other => Err(ServiceError::Conflict(format!(
            "the entry is already {other}"
        ))),
    }
}

/// An entry of the caller's with an open offer.
async fn open_offer(
    db: &impl ConnectionTrait,
    principal: &Principal,
    id: i64,
) -> Result<waitlist_entry::Model, ServiceError> {
    let entry = own_entry(db, principal, id, Action::Create).await?;
    if entry.user_id != principal.user_id {
        return Err(ServiceError::Forbidden);
    }
    if entry.status != OFFERED {
        return Err(ServiceError::Conflict(format!(
            "there is no open offer: the entry is {}",
            entry.status
        )));
    }
    if entry.offer_expires_at.is_some_and(|at| at <= Utc::now()) {
        return Err(ServiceError::Conflict("the offer has expired".to_owned()));
    }
    Ok(entry)
}

/// An open waitlist offer of the caller's: the entry, and the reservation holding its slot.
pub(crate) struct HeldOffer {
    pub entry_id: i64,
    pub held_id: i32,
}

/// The caller's open (unexpired) offer whose held slot is exactly `interval` of
/// `resource_id`, if any.
pub(crate) async fn offer_holding(
    db: &impl ConnectionTrait,
    principal: &Principal,
    resource_id: i32,
    interval: Interval,
) -> Result<Option<HeldOffer>, ServiceError> {
    let Some(held) = reservation::Entity::find()
        .filter(reservation::Column::ResourceId.eq(resource_id))
        .filter(reservation::Column::UserId.eq(principal.user_id))
        .filter(reservation::Column::Status.eq(ReservationStatus::Held.as_str()))
        .filter(reservation::Column::StartTime.eq(interval.start))
        .filter(reservation::Column::EndTime.eq(interval.end))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::ReservationId.eq(held.id))
        .filter(waitlist_entry::Column::UserId.eq(principal.user_id))
        .filter(waitlist_entry::Column::Status.eq(OFFERED))
        .filter(waitlist_entry::Column::OfferExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .map(|entry| HeldOffer {
            entry_id: entry.id.into(),
            held_id: held.id,
        }))
}

/// `POST /waitlist/{id}/accept`: the held slot becomes the caller's booking (pending
/// approval where the resource needs it), within their quotas. `title` and `notes` are the
/// booking's (empty from `/accept`; given when the person books the held slot directly).
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, entry_id = id))]
pub async fn accept(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
    title: String,
    notes: String,
) -> Result<Reservation, ServiceError> {
    let entry = open_offer(db, principal, id).await?;
    let held = match entry.reservation_id {
        Some(id) => reservation::Entity::find_by_id(id).one(db).await?,
        None => None,
    }
    .ok_or_else(|| ServiceError::Conflict("the offer is no longer held".to_owned()))?;
    let interval = Interval::new(held.start_time, held.end_time);
    let versions = Versions::read(db).await?;
    let target = Target::load(db, versions, held.resource_id, interval).await?;
    let limits = quotas::applicable(db, versions, entry.user_id).await?;
    let now = Utc::now();
    let row = {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let (target, limits, entry, held) = (&target, &limits, &entry, &held);
            let (title, notes) = (title.clone(), notes.clone());
            let outcome: Result<reservation::Model, ServiceError> = async {
                let ledger = Ledger::load(
                    tx,
                    limits,
                    entry.user_id,
                    target.rules.timezone,
                    interval,
                    &[held.id],
                )
                .await?;
                let over = ledger.violations(interval);
                if !over.is_empty() {
                    return Err(ServiceError::Refused(over));
                }
                let taken = move_entry(tx, entry.id, OFFERED, ACCEPTED, now).await?;
                let current = reservation::Entity::find_by_id(held.id).one(tx).await?;
                let Some(current) =
                    current.filter(|r| taken && r.status == ReservationStatus::Held.as_str())
                else {
                    return Err(ServiceError::Conflict(
                        "the offer is no longer open".to_owned(),
                    ));
                };
                let current = if title.is_empty() && notes.is_empty() {
                    current
                } else {
                    let mut named = current.into_active_model();
                    named.title = Set(title);
                    named.notes = Set(notes);
                    named.update(tx).await?
                };
                let row = transition(
                    tx,
                    current,
                    target.initial_status(),
                    Event {
                        actor: Some(entry.user_id),
                        action: "offer_accepted",
                        reason: "",
                        at: now,
                    },
                )
                .await?;
                Ok(row)
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    }?;
    Ok(reservation_api(row))
}

/// `POST /waitlist/{id}/decline`: gives the offer up; the next entry gets its chance.
pub async fn decline(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    id: i64,
) -> Result<WaitlistEntry, ServiceError> {
    let entry = open_offer(db, principal, id).await?;
    let now = Utc::now();
    let actor = principal.user_id;
    {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let entry = &entry;
            let outcome: Result<(), ServiceError> = async {
                if end_offer(
                    tx,
                    entry,
                    "declined",
                    ReservationStatus::Cancelled,
                    Some(actor),
                    now,
                )
                .await?
                {
                    Ok(())
                } else {
                    Err(ServiceError::Conflict(
                        "the offer is no longer open".to_owned(),
                    ))
                }
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    }?;
    offer_freed(db, settings, entry.resource_id).await?;
    reread(db, entry.id).await
}

/// Ends every offer whose time has run out and passes each slot on. Returns how many
/// expired. Run by the host every few seconds; with several processes, each offer is ended
/// by exactly one of them (the status change is conditional).
pub async fn expire_offers(
    db: &DatabaseConnection,
    settings: &BookingSettings,
) -> Result<usize, ServiceError> {
    let now = Utc::now();
    let due = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::Status.eq(OFFERED))
        .filter(waitlist_entry::Column::OfferExpiresAt.lte(now))
        .order_by_asc(waitlist_entry::Column::OfferExpiresAt)
        .limit(ROUND)
        .all(db)
        .await?;
    let mut expired = 0;
    for entry in due {
        let ended = {
            let mut writer = Writer::new(db);
            loop {
                let started = writer.begin().await?;
                let tx = &*started;

                let entry = &entry;
                let outcome: Result<bool, ServiceError> = async {
                    end_offer(tx, entry, "expired", ReservationStatus::Expired, None, now).await
                }
                .await;
                if let Some(done) = writer.finish(started, outcome).await {
                    break done;
                }
            }
        }?;
        if ended {
            expired += 1;
            offer_freed(db, settings, entry.resource_id).await?;
        }
    }
    Ok(expired)
}

/// The interval to offer `entry` now, if any: the wanted one when it is free, else for a
/// flexible entry the free interval of the same length closest to it, within its hours on the
/// same local day.
async fn fitting(
    db: &impl ConnectionTrait,
    target: &Target,
    entry: &waitlist_entry::Model,
    now: DateTime<Utc>,
) -> Result<Option<Interval>, ServiceError> {
    let desired = Interval::new(entry.desired_start, entry.desired_end);
    let free = |interval: Interval, busy: &[availability::Busy]| {
        rule_violations(&target.row, &target.rules, interval, now).is_empty()
            && availability::conflicts(&target.rules, busy, interval).is_empty()
    };
    let Some(hours) = entry.flexible_hours else {
        let busy = target
            .busy(db, padded_for(&target.rules, desired), &[])
            .await?;
        return Ok(free(desired, &busy).then_some(desired));
    };
    let tz = target.rules.timezone;
    let day = day_bounds(tz, local_date(tz, desired.start));
    let reach = Duration::hours(i64::from(hours));
    let window = Interval::new(
        (desired.start - reach).max(day.start).max(now),
        (desired.end + reach).min(day.end.max(desired.end)),
    );
    if window.duration() < desired.duration() {
        return Ok(None);
    }
    let busy = target
        .busy(db, padded_for(&target.rules, window), &[])
        .await?;
    if free(desired, &busy) {
        return Ok(Some(desired));
    }
    Ok(earliest_fits(
        &target.rules,
        &busy,
        window.start,
        window.end,
        desired.duration(),
        now,
        64,
    )
    .into_iter()
    .min_by_key(|fit| (fit.start - desired.start).num_seconds().abs()))
}

/// Offers freed time of a resource to its waitlist, first come first served: each waiting
/// entry whose wanted time (or, if flexible, a time near it) is now free gets a held
/// reservation for `settings.offer_hold`. Entries whose time has passed expire.
pub async fn offer_freed(
    db: &DatabaseConnection,
    settings: &BookingSettings,
    resource_id: i32,
) -> Result<(), ServiceError> {
    let waiting = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::ResourceId.eq(resource_id))
        .filter(waitlist_entry::Column::Status.eq(WAITING))
        .order_by_asc(waitlist_entry::Column::Id)
        .limit(ROUND)
        .all(db)
        .await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let versions = Versions::read(db).await?;
    let now = Utc::now();
    for entry in waiting {
        if entry.desired_start <= now {
            move_entry(db, entry.id, WAITING, "expired", now).await?;
            continue;
        }
        let span = Interval::new(
            entry.desired_start - Duration::days(1),
            entry.desired_end + Duration::days(1),
        );
        let target = match Target::load(db, versions, resource_id, span).await {
            // The resource is gone, and its waiting list with it.
            Err(ServiceError::NotFound) => return Ok(()),
            target => target?,
        };
        let Some(slot) = fitting(db, &target, &entry, now).await? else {
            continue;
        };
        let expires = now + settings.offer_hold;
        let offered = {
            let mut writer = Writer::new(db);
            loop {
                let started = writer.begin().await?;
                let tx = &*started;

                let (target, entry) = (&target, &entry);
                let outcome: Result<(), ServiceError> = async {
                    target.lock(tx).await?;
                    let conflicts = target.conflicts(tx, slot, &[]).await?;
                    if !conflicts.is_empty() {
                        return Err(ServiceError::SlotTaken(conflicts));
                    }
                    let held = target
                        .insert(
                            tx,
                            NewRow {
                                user_id: entry.user_id,
                                interval: slot,
                                status: ReservationStatus::Held,
                                title: String::new(),
                                notes: String::new(),
                                series_id: None,
                            },
                            Event {
                                actor: None,
                                action: "offered",
                                reason: "",
                                at: now,
                            },
                        )
                        .await?;
                    let claimed = waitlist_entry::Entity::update_many()
                        .col_expr(waitlist_entry::Column::Status, Expr::value(OFFERED))
                        .col_expr(waitlist_entry::Column::ReservationId, Expr::value(held.id))
                        .col_expr(waitlist_entry::Column::OfferExpiresAt, Expr::value(expires))
                        .col_expr(waitlist_entry::Column::UpdatedAt, Expr::value(now))
                        .filter(waitlist_entry::Column::Id.eq(entry.id))
                        .filter(waitlist_entry::Column::Status.eq(WAITING))
                        .exec(tx)
                        .await?;
                    if claimed.rows_affected == 0 {
                        return Err(ServiceError::Conflict("offered elsewhere".to_owned()));
                    }
                    let offer = waitlist_entry::Model {
                        status: OFFERED.to_owned(),
                        reservation_id: Some(held.id),
                        offer_expires_at: Some(expires),
                        updated_at: now,
                        ..entry.clone()
                    };
                    live::waitlist_offer(tx, &to_api(offer, None, Some(&held))).await
                }
                .await;
                if let Some(done) = writer.finish(started, outcome).await {
                    break done;
                }
            }
        };
        // A lost race (the slot was taken meanwhile, or another process offered the entry)
        // leaves the entry waiting for the next chance.
        match offered {
            Ok(()) | Err(ServiceError::SlotTaken(_) | ServiceError::Conflict(_)) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
