//! Booking: create, reschedule and cancel reservations with every rule enforced in one place,
//! and the write path that keeps the promise of no double-booking.
//!
//! Rules that do not depend on other bookings (hours, blackouts, limits, notice, status) are
//! checked before the write. The overlap and the quotas are checked again inside the write
//! transaction, and the database has the last word: on PostgreSQL an exclusion constraint, on
//! SQLite a trigger (migration 000006). SQLite writes start with `BEGIN IMMEDIATE`, so the
//! re-check and the insert happen under the write lock; PostgreSQL failures it reports as
//! retryable (serialization, deadlock) are retried.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, SqlErr, Statement,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::ServiceError;
use super::audit;
use super::authz::Principal;
use super::availability::{MAX_WINDOW_DAYS, blocking_in, padded_for, rule_violations};
use super::cache::{Cache, Versions};
use super::catalog::{GroupTree, to_i32};
use super::quotas::{self, Ledger};
use super::rules::effective_rules;
use super::secrets::hex;
use super::waitlist::{self, BookingSettings};
use super::webhooks;
use super::writer::Writer;
use super::{live, notifications};
use crate::domain::availability::{self, Busy, Interval, Rules, Violation};
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::persistence::entities::{
    idempotency_key, reservation, reservation_event, resource, resource_approver,
};
use crate::reservations::{
    CancelAnswer, CancelRequest, CancelScope, NewReservation, Reschedule, Reservation,
    ReservationStatus,
};

/// The first key of the advisory locks that queue the writes booking one resource (the second
/// is its id).
const RESOURCE_LOCKS: i32 = 0x7265_7376;

/// The longest title and notes of a reservation.
pub(crate) const MAX_TITLE: usize = 200;
pub(crate) const MAX_NOTES: usize = 5_000;
const MAX_REASON: usize = 1_000;
const MAX_IDEMPOTENCY_KEY: usize = 255;

/// A proposed interval as the engine stores it: whole seconds, at most a year long.
pub(crate) fn proposal(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Interval, ServiceError> {
    let whole = |t: DateTime<Utc>| t.with_nanosecond(0).unwrap_or(t);
    let interval = Interval::new(whole(start), whole(end));
    if interval.is_empty() {
        return Err(ServiceError::Refused(vec![Violation::EndNotAfterStart]));
    }
    if interval.duration() > Duration::days(MAX_WINDOW_DAYS) {
        return Err(ServiceError::InvalidInput(format!(
            "a booking may span at most {MAX_WINDOW_DAYS} days"
        )));
    }
    Ok(interval)
}

pub(crate) fn text_field(
    value: Option<String>,
    what: &str,
    max: usize,
) -> Result<String, ServiceError> {
    let value = value.unwrap_or_default().trim().to_owned();
    if value.chars().count() > max {
        return Err(ServiceError::InvalidInput(format!(
            "{what} must be at most {max} characters"
        )));
    }
    Ok(value)
}

pub(crate) fn reason_field(reason: Option<String>) -> Result<String, ServiceError> {
    text_field(reason, "reason", MAX_REASON)
}

/// The rows a booking rule needs: the resource, its rules around a window and the group tree.
#[derive(Clone)]
pub(crate) struct Target {
    pub row: resource::Model,
    pub rules: Rules,
    pub tree: GroupTree,
}

/// Targets by resource and the UTC dates their rules cover, while the `catalog` version holds.
static TARGETS: Cache<(i32, NaiveDate, NaiveDate), i64, Target> = Cache::new(4_096);

impl Target {
    /// Resource `id` with its rules for (at least) `window`, or `NotFound`.
    pub(crate) async fn load(
        db: &impl ConnectionTrait,
        versions: Versions,
        id: i32,
        window: Interval,
    ) -> Result<Self, ServiceError> {
        // Whole UTC days, so that the bookings of one day share an entry; rules for a longer
        // window than asked are harmless, as every check clips them to its own interval.
        let (first, last) = (window.start.date_naive(), window.end.date_naive());
        TARGETS
            .get_or_load((id, first, last), versions.catalog, async {
                let row = resource::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                let tree = GroupTree::load(db).await?;
                let days = Interval::new(
                    first.and_time(NaiveTime::MIN).and_utc(),
                    (last + Duration::days(1))
                        .and_time(NaiveTime::MIN)
                        .and_utc(),
                );
                let rules = effective_rules(db, std::slice::from_ref(&row), &tree, days)
                    .await?
                    .remove(&row.id)
                    .ok_or(ServiceError::NotFound)?;
                Ok(Target { row, rules, tree })
            })
            .await
    }

    /// As `load`, for a caller who must be able to read the catalog.
    pub(crate) async fn find(
        db: &impl ConnectionTrait,
        principal: &Principal,
        versions: Versions,
        id: i64,
        window: Interval,
    ) -> Result<Self, ServiceError> {
        principal.require(Model::Resource, Action::Read)?;
        Target::load(db, versions, to_i32(id)?, window).await
    }

    /// Who a reservation of this resource by `owner` belongs to, for permission checks.
    pub(crate) fn ownership(&self, owner: i32) -> RecordOwnership {
        let mut ownership = self.tree.ownership(self.row.group_id);
        ownership.owner_user_id = Some(owner.into());
        ownership
    }

    /// The status a new booking starts in.
    pub(crate) fn initial_status(&self) -> ReservationStatus {
        if self.row.requires_approval {
            ReservationStatus::PendingApproval
        } else {
            ReservationStatus::Active
        }
    }

    /// Inside a write, first: on PostgreSQL, waits for the other writes booking this resource
    /// (in any process) to end. The exclusion constraint alone would hold the promise, but
    /// concurrent inserts it judges can deadlock each other again and again; queued, they
    /// cannot. (SQLite writes are one at a time already.)
    pub(crate) async fn lock(&self, tx: &impl ConnectionTrait) -> Result<(), ServiceError> {
        if tx.get_database_backend() == DbBackend::Postgres {
            tx.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_advisory_xact_lock($1, $2)",
                [RESOURCE_LOCKS.into(), self.row.id.into()],
            ))
            .await?;
        }
        Ok(())
    }

    /// Inside a write: the bookings in the way of `proposal`, other than `exclude`.
    pub(crate) async fn conflicts(
        &self,
        tx: &impl ConnectionTrait,
        proposal: Interval,
        exclude: &[i32],
    ) -> Result<Vec<Interval>, ServiceError> {
        let busy = self
            .busy(tx, padded_for(&self.rules, proposal), exclude)
            .await?;
        Ok(availability::conflicts(&self.rules, &busy, proposal))
    }

    /// The blocking bookings touching `window`, other than `exclude`.
    pub(crate) async fn busy(
        &self,
        tx: &impl ConnectionTrait,
        window: Interval,
        exclude: &[i32],
    ) -> Result<Vec<Busy>, ServiceError> {
        Ok(blocking_in(tx, &[self.row.id], window)
            .await?
            .all(tx)
            .await?
            .into_iter()
            .filter(|r| !exclude.contains(&r.id))
            .map(|r| Busy {
                booked: Interval::new(r.start_time, r.end_time),
                blocked: Interval::new(r.block_start, r.block_end),
            })
            .collect())
    }

    /// Inserts a reservation (its blocked span from the rules in force) and the first line of
    /// its history.
    pub(crate) async fn insert(
        &self,
        tx: &impl ConnectionTrait,
        new: NewRow,
        event: Event<'_>,
    ) -> Result<reservation::Model, ServiceError> {
        let block = self.rules.blocking(new.interval);
        let row = reservation::ActiveModel {
            resource_id: Set(self.row.id),
            user_id: Set(new.user_id),
            start_time: Set(new.interval.start),
            end_time: Set(new.interval.end),
            block_start: Set(block.start),
            block_end: Set(block.end),
            status: Set(new.status.as_str().to_owned()),
            title: Set(new.title),
            notes: Set(new.notes),
            created_at: Set(event.at),
            updated_at: Set(event.at),
            series_id: Set(new.series_id),
            cancelled_at: Set(None),
            ..Default::default()
        }
        .insert(tx)
        .await?;
        record(tx, &row, None, event, Some(&self.row)).await?;
        Ok(row)
    }
}

/// The fields of a reservation about to be inserted.
pub(crate) struct NewRow {
    pub user_id: i32,
    pub interval: Interval,
    pub status: ReservationStatus,
    pub title: String,
    pub notes: String,
    pub series_id: Option<i32>,
}

/// Who changed a reservation, how, why and when: a line of its history.
pub(crate) struct Event<'a> {
    pub actor: Option<i32>,
    pub action: &'a str,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
}

/// Writes a line of `row`'s history (its status and times after the change), with its
/// notifications; `resource` is the booking's resource when the caller has it at hand.
pub(crate) async fn record(
    tx: &impl ConnectionTrait,
    row: &reservation::Model,
    from: Option<&str>,
    event: Event<'_>,
    resource: Option<&resource::Model>,
) -> Result<(), ServiceError> {
    reservation_event::ActiveModel {
        reservation_id: Set(row.id),
        actor_id: Set(event.actor),
        action: Set(event.action.to_owned()),
        from_status: Set(from.map(str::to_owned)),
        to_status: Set(row.status.clone()),
        start_time: Set(row.start_time),
        end_time: Set(row.end_time),
        reason: Set(event.reason.to_owned()),
        at: Set(event.at),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    audit::record(
        tx,
        event.actor,
        &format!("reservation.{}", event.action),
        Some(row.id),
        json!({
            "resource_id": row.resource_id,
            "user_id": row.user_id,
            "start_time": row.start_time,
            "end_time": row.end_time,
            "from_status": from,
            "to_status": row.status,
            "reason": event.reason,
        }),
    )
    .await?;
    webhooks::reservation_changed(tx, row, event.action).await?;
    live::reservation_changed(tx, row, event.action).await?;
    notifications::reservation_changed(tx, row, resource, &event).await
}

/// Moves `current` to status `to` (stamping a cancellation) and records the change.
pub(crate) async fn transition(
    tx: &impl ConnectionTrait,
    current: reservation::Model,
    to: ReservationStatus,
    event: Event<'_>,
) -> Result<reservation::Model, ServiceError> {
    let from = current.status.clone();
    let mut update: reservation::ActiveModel = current.into();
    update.status = Set(to.as_str().to_owned());
    update.updated_at = Set(event.at);
    if to == ReservationStatus::Cancelled {
        update.cancelled_at = Set(Some(event.at));
    }
    let row = update.update(tx).await?;
    record(tx, &row, Some(&from), event, None).await?;
    Ok(row)
}

/// The booking as the API shows it, as JSON (for webhooks and live updates).
pub(crate) fn to_api_json(row: &reservation::Model) -> Result<serde_json::Value, ServiceError> {
    serde_json::to_value(to_api(row.clone())).map_err(|e| ServiceError::Internal(e.to_string()))
}

pub(crate) fn to_api(row: reservation::Model) -> Reservation {
    Reservation {
        id: row.id.into(),
        user_id: row.user_id.into(),
        resource_id: row.resource_id.into(),
        start_time: row.start_time,
        end_time: row.end_time,
        status: row.status,
        title: row.title,
        notes: row.notes,
        series_id: row.series_id.map(Into::into),
        created_at: row.created_at,
        updated_at: row.updated_at,
        cancelled_at: row.cancelled_at,
    }
}

/// Fills in the intervals of a `SlotTaken` the database raised (they are read after the
/// failed write was rolled back).
pub(crate) async fn explain(
    db: &DatabaseConnection,
    target: &Target,
    proposal: Interval,
    exclude: &[i32],
    error: ServiceError,
) -> ServiceError {
    match error {
        ServiceError::SlotTaken(conflicts) if conflicts.is_empty() => {
            match target.conflicts(db, proposal, exclude).await {
                Ok(found) => ServiceError::SlotTaken(found),
                Err(error) => error,
            }
        }
        other => other,
    }
}

/// The answer to a create: the reservation, and whether it replays an earlier request with
/// the same `Idempotency-Key`.
pub struct Created {
    pub reservation: Reservation,
    pub replayed: bool,
}

/// What a stored idempotency key says about a request.
fn replay_of(
    row: idempotency_key::Model,
    fingerprint: &str,
) -> Result<Option<Reservation>, ServiceError> {
    if row.fingerprint != fingerprint {
        return Err(ServiceError::InvalidInput(
            "this Idempotency-Key was already used with a different request".to_owned(),
        ));
    }
    serde_json::from_str(&row.body)
        .map(Some)
        .map_err(|e| ServiceError::Internal(format!("stored idempotent answer: {e}")))
}

async fn stored_answer(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &str,
) -> Result<Option<idempotency_key::Model>, ServiceError> {
    Ok(idempotency_key::Entity::find()
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// Keeps the answer to a keyed request that booked outside the booking transaction (by taking
/// a held offer), so a retry with the key gets it replayed; a repeat that stored it first wins.
async fn remember(
    db: &impl ConnectionTrait,
    user_id: i32,
    key: &str,
    fingerprint: &str,
    reservation: &Reservation,
) -> Result<(), ServiceError> {
    let body =
        serde_json::to_string(reservation).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let stored = idempotency_key::ActiveModel {
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        fingerprint: Set(fingerprint.to_owned()),
        status_code: Set(201),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match stored {
        Err(error) if !matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(error.into())
        }
        _ => Ok(()),
    }
}

/// `POST /reservations`: books `request` for the caller, `pending_approval` on a resource that
/// requires approval. With an idempotency key, a repeat of an earlier successful request
/// returns its answer and books nothing.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id))]
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    request: NewReservation,
    idempotency_key: Option<&str>,
) -> Result<Created, ServiceError> {
    let key = match idempotency_key.map(str::trim) {
        Some(key) if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY => {
            return Err(ServiceError::InvalidInput(format!(
                "Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} characters"
            )));
        }
        other => other.map(str::to_owned),
    };
    let fingerprint = serde_json::to_vec(&request)
        .map(|body| hex(&Sha256::digest(body)))
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    if let Some(key) = &key
        && let Some(row) = stored_answer(db, principal.user_id, key).await?
        && let Some(reservation) = replay_of(row, &fingerprint)?
    {
        return Ok(Created {
            reservation,
            replayed: true,
        });
    }
    let proposal = proposal(request.start_time, request.end_time)?;
    let title = text_field(request.title, "title", MAX_TITLE)?;
    let notes = text_field(request.notes, "notes", MAX_NOTES)?;
    let versions = Versions::read(db).await?;
    let target = Target::find(db, principal, versions, request.resource_id, proposal).await?;
    principal.require_on(
        Model::Reservation,
        Action::Create,
        &target.ownership(principal.user_id),
    )?;
    let now = Utc::now();
    let violations = rule_violations(&target.row, &target.rules, proposal, now);
    if !violations.is_empty() {
        return Err(ServiceError::Refused(violations));
    }
    // API.md: a held waitlist offer blocks the slot for others. The person it is held for
    // books it by taking the offer.
    if let Some(offer) =
        super::waitlist::offer_holding(db, principal, target.row.id, proposal).await?
    {
        let reservation =
            super::waitlist::accept(db, principal, offer.entry_id, title, notes).await?;
        if let Some(key) = &key {
            remember(db, principal.user_id, key, &fingerprint, &reservation).await?;
        }
        return Ok(Created {
            reservation,
            replayed: false,
        });
    }
    let limits = quotas::applicable(db, versions, principal.user_id).await?;
    let user_id = principal.user_id;
    let result = {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let (target, limits, key, fingerprint) = (&target, &limits, &key, &fingerprint);
            let (title, notes) = (title.clone(), notes.clone());
            let outcome: Result<Reservation, ServiceError> = async {
                // The key is claimed first: a concurrent repeat waits here for this write to end.
                let claim = match key {
                    Some(key) => Some(
                        idempotency_key::ActiveModel {
                            user_id: Set(user_id),
                            key: Set(key.clone()),
                            fingerprint: Set(fingerprint.clone()),
                            status_code: Set(0),
                            body: Set(String::new()),
                            created_at: Set(now),
                            ..Default::default()
                        }
                        .insert(tx)
                        .await?,
                    ),
                    None => None,
                };
                target.lock(tx).await?;
                let conflicts = target.conflicts(tx, proposal, &[]).await?;
                if !conflicts.is_empty() {
                    return Err(ServiceError::SlotTaken(conflicts));
                }
                let ledger =
                    Ledger::load(tx, limits, user_id, target.rules.timezone, proposal, &[]).await?;
                let over = ledger.violations(proposal);
                if !over.is_empty() {
                    return Err(ServiceError::Refused(over));
                }
                let row = target
                    .insert(
                        tx,
                        NewRow {
                            user_id,
                            interval: proposal,
                            status: target.initial_status(),
                            title,
                            notes,
                            series_id: None,
                        },
                        Event {
                            actor: Some(user_id),
                            action: "created",
                            reason: "",
                            at: now,
                        },
                    )
                    .await?;
                let reservation = to_api(row);
                if let Some(claim) = claim {
                    let body = serde_json::to_string(&reservation)
                        .map_err(|e| ServiceError::Internal(e.to_string()))?;
                    let mut claim: idempotency_key::ActiveModel = claim.into();
                    claim.status_code = Set(201);
                    claim.body = Set(body);
                    claim.update(tx).await?;
                }
                Ok(reservation)
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    };
    match result {
        Ok(reservation) => Ok(Created {
            reservation,
            replayed: false,
        }),
        Err(error) => {
            // A concurrent request with the same key may have won: its answer is ours.
            if let Some(key) = &key
                && let Some(row) = stored_answer(db, user_id, key).await?
                && row.status_code != 0
                && let Some(reservation) = replay_of(row, &fingerprint)?
            {
                return Ok(Created {
                    reservation,
                    replayed: true,
                });
            }
            Err(explain(db, &target, proposal, &[], error).await)
        }
    }
}

/// A reservation with its resource, if the caller may see it: its owner, whoever may read
/// reservations of the resource's groups, and the resource's approvers.
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    principal: &Principal,
    id: i64,
) -> Result<(reservation::Model, Target), ServiceError> {
    let row = reservation::Entity::find_by_id(to_i32(id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let window = Interval::new(row.start_time, row.end_time.max(row.start_time));
    let target = Target::load(db, Versions::read(db).await?, row.resource_id, window).await?;
    let ownership = target.ownership(row.user_id);
    if principal
        .grants
        .may_on(Model::Reservation, Action::Read, &ownership)
        || is_approver(db, principal, &target).await?
    {
        Ok((row, target))
    } else {
        Err(ServiceError::NotFound)
    }
}

/// Whether the caller is named as an approver of the resource.
pub(crate) async fn is_approver(
    db: &impl ConnectionTrait,
    principal: &Principal,
    target: &Target,
) -> Result<bool, ServiceError> {
    Ok(
        resource_approver::Entity::find_by_id((target.row.id, principal.user_id))
            .one(db)
            .await?
            .is_some(),
    )
}

/// Whether the caller may approve bookings of the resource: its approvers, the managers of
/// its groups and admins.
pub(crate) async fn may_approve(
    db: &impl ConnectionTrait,
    principal: &Principal,
    target: &Target,
) -> Result<bool, ServiceError> {
    Ok(principal.grants.may_on(
        Model::Approval,
        Action::Update,
        &target.tree.ownership(target.row.group_id),
    ) || is_approver(db, principal, target).await?)
}

fn status_of(row: &reservation::Model) -> Option<ReservationStatus> {
    ReservationStatus::parse(&row.status)
}

/// `PATCH /reservations/{id}`: new times (and title or notes) under the same rules. A new
/// start alone moves the booking, keeping its length; a new end alone changes its length. On a
/// resource that requires approval, a change by someone who may not approve goes back to
/// `pending_approval`.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, reservation_id = id))]
pub async fn reschedule(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    id: i64,
    change: Reschedule,
) -> Result<Reservation, ServiceError> {
    let (old, _) = visible(db, principal, id).await?;
    let (start, end) = match (change.start_time, change.end_time) {
        (Some(start), None) => (start, start + (old.end_time - old.start_time)),
        (start, end) => (start.unwrap_or(old.start_time), end.unwrap_or(old.end_time)),
    };
    let interval = proposal(start, end)?;
    let versions = Versions::read(db).await?;
    let target = Target::load(db, versions, old.resource_id, interval).await?;
    principal.require_on(
        Model::Reservation,
        Action::Update,
        &target.ownership(old.user_id),
    )?;
    let status = match status_of(&old) {
        Some(s @ (ReservationStatus::Active | ReservationStatus::PendingApproval)) => s,
        _ => {
            return Err(ServiceError::Conflict(format!(
                "a {} reservation cannot be changed",
                old.status
            )));
        }
    };
    let title = match change.title {
        Some(title) => text_field(Some(title), "title", MAX_TITLE)?,
        None => old.title.clone(),
    };
    let notes = match change.notes {
        Some(notes) => text_field(Some(notes), "notes", MAX_NOTES)?,
        None => old.notes.clone(),
    };
    let now = Utc::now();
    let moved = interval != Interval::new(old.start_time, old.end_time);
    if moved {
        let violations = rule_violations(&target.row, &target.rules, interval, now);
        if !violations.is_empty() {
            return Err(ServiceError::Refused(violations));
        }
    }
    let status =
        if moved && target.row.requires_approval && !may_approve(db, principal, &target).await? {
            ReservationStatus::PendingApproval
        } else {
            status
        };
    let limits = quotas::applicable(db, versions, old.user_id).await?;
    let actor = principal.user_id;
    let result = {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let (target, limits, old) = (&target, &limits, &old);
            let (title, notes) = (title.clone(), notes.clone());
            let outcome: Result<reservation::Model, ServiceError> = async {
                let current = reservation::Entity::find_by_id(old.id)
                    .one(tx)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if current.status != old.status {
                    return Err(ServiceError::Conflict(
                        "the reservation changed meanwhile; reload it".to_owned(),
                    ));
                }
                if moved {
                    target.lock(tx).await?;
                    let conflicts = target.conflicts(tx, interval, &[old.id]).await?;
                    if !conflicts.is_empty() {
                        return Err(ServiceError::SlotTaken(conflicts));
                    }
                    let ledger = Ledger::load(
                        tx,
                        limits,
                        old.user_id,
                        target.rules.timezone,
                        interval,
                        &[old.id],
                    )
                    .await?;
                    let over = ledger.violations(interval);
                    if !over.is_empty() {
                        return Err(ServiceError::Refused(over));
                    }
                }
                let block = if moved {
                    target.rules.blocking(interval)
                } else {
                    Interval::new(current.block_start, current.block_end)
                };
                let mut row: reservation::ActiveModel = current.into();
                row.start_time = Set(interval.start);
                row.end_time = Set(interval.end);
                row.block_start = Set(block.start);
                row.block_end = Set(block.end);
                row.status = Set(status.as_str().to_owned());
                row.title = Set(title);
                row.notes = Set(notes);
                row.updated_at = Set(now);
                let row = row.update(tx).await?;
                record(
                    tx,
                    &row,
                    Some(&old.status),
                    Event {
                        actor: Some(actor),
                        action: if moved { "rescheduled" } else { "edited" },
                        reason: "",
                        at: now,
                    },
                    Some(&target.row),
                )
                .await?;
                Ok(row)
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    };
    let row = match result {
        Ok(row) => row,
        Err(error) => return Err(explain(db, &target, interval, &[old.id], error).await),
    };
    if moved {
        waitlist::offer_freed(db, settings, old.resource_id).await?;
    }
    Ok(to_api(row))
}

/// `POST /reservations/{id}/cancel`: ends a reservation, or with a scope the rest of its
/// series, and offers the freed time to the waitlist.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, reservation_id = id))]
pub async fn cancel(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    id: i64,
    request: CancelRequest,
) -> Result<CancelAnswer, ServiceError> {
    let (row, target) = visible(db, principal, id).await?;
    principal.require_on(
        Model::Reservation,
        Action::Delete,
        &target.ownership(row.user_id),
    )?;
    let reason = reason_field(request.reason)?;
    if !matches!(
        status_of(&row),
        Some(ReservationStatus::Active | ReservationStatus::PendingApproval)
    ) {
        return Err(ServiceError::Conflict(format!(
            "the reservation is already {}",
            row.status
        )));
    }
    let now = Utc::now();
    // Following: this occurrence and the later ones. Series: every one not yet over.
    let series_scope = match (row.series_id, request.scope) {
        (Some(series), CancelScope::Following) => Some((series, Some(row.start_time))),
        (Some(series), CancelScope::Series) => Some((series, None)),
        _ => None,
    };
    let actor = principal.user_id;
    let cancelled = {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let reason = reason.clone();
            let outcome: Result<Vec<i64>, ServiceError> = async {
                let mut query =
                    reservation::Entity::find().filter(reservation::Column::Status.is_in([
                        ReservationStatus::Active.as_str(),
                        ReservationStatus::PendingApproval.as_str(),
                    ]));
                query = match series_scope {
                    Some((series, Some(from))) => query
                        .filter(reservation::Column::SeriesId.eq(series))
                        .filter(reservation::Column::StartTime.gte(from)),
                    Some((series, None)) => query
                        .filter(reservation::Column::SeriesId.eq(series))
                        .filter(reservation::Column::EndTime.gt(now)),
                    None => query.filter(reservation::Column::Id.eq(row.id)),
                };
                let rows = query
                    .order_by_asc(reservation::Column::Id)
                    .lock_exclusive()
                    .all(tx)
                    .await?;
                if rows.is_empty() {
                    return Err(ServiceError::Conflict(
                        "the reservation is already cancelled".to_owned(),
                    ));
                }
                let mut ids = Vec::with_capacity(rows.len());
                let mut first = None;
                for current in rows {
                    let updated = transition(
                        tx,
                        current,
                        ReservationStatus::Cancelled,
                        Event {
                            actor: Some(actor),
                            action: "cancelled",
                            reason: &reason,
                            at: now,
                        },
                    )
                    .await?;
                    ids.push(i64::from(updated.id));
                    first.get_or_insert(updated);
                }
                if let Some(first) = &first {
                    notifications::cancelled(tx, first, ids.len(), actor, &reason, now).await?;
                }
                Ok(ids)
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    }?;
    waitlist::offer_freed(db, settings, row.resource_id).await?;
    Ok(CancelAnswer {
        message: if cancelled.len() == 1 {
            "reservation cancelled".to_owned()
        } else {
            format!("{} reservations cancelled", cancelled.len())
        },
        reservation_id: id,
        cancelled_at: now,
        cancelled_ids: cancelled,
    })
}
