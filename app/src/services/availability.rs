//! Availability answers for the API and the pages: a day's slots, the next free slot, a
//! resource's schedule, whether a proposed booking would be accepted, and the search across
//! resources. The rules themselves live in `domain::availability`; this module loads what they
//! need (rules and busy spans) in a few queries and hands them over.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};

use super::ServiceError;
use super::authz::Principal;
use super::cache::Versions;
use super::catalog::{GroupTree, filter_condition, find_row, to_resources};
use super::quotas::{self, Ledger};
use super::rules::effective_rules;
use crate::domain::availability::{
    self, Busy, Interval, Rules, Violation, day_bounds, day_slots, earliest_fits, format_clock,
};
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{reservation, reservation_span, resource, user};
use crate::resources::{
    CheckAnswer, CheckRequest, DayAvailability, DayOpening, NextAvailable, ResourceStatus,
    Schedule, ScheduleEntry, SearchAnswer, SearchHit, SearchQuery,
};

/// Reservation statuses that hold their slot. The partial index `reservations_blocking`
/// names the same list.
pub const BLOCKING_STATUSES: [&str; 3] = ["active", "pending_approval", "held"];
/// The same condition as SQL text, written exactly as in the partial index's `WHERE`: a
/// planner uses a partial index only when it can prove the query implies the index's
/// condition, which it cannot do through bound parameters.
const BLOCKING_SQL: &str = "status IN ('active', 'pending_approval', 'held')";

/// The longest slot or search duration: a week.
pub const MAX_DURATION_MINUTES: u32 = 7 * 24 * 60;
/// The widest window a schedule or search covers.
pub const MAX_WINDOW_DAYS: i64 = 366;

/// The columns of a reservation that availability needs.
#[derive(sea_orm::FromQueryResult)]
struct BusyRow {
    resource_id: i32,
    start_time: DateTime<Utc>,
    end_time: DateTime<Utc>,
    block_start: DateTime<Utc>,
    block_end: DateTime<Utc>,
}

/// The longest blocked span any of `resource_ids` has had (zero when none has bookings).
async fn longest_span(
    db: &impl ConnectionTrait,
    resource_ids: &[i32],
) -> Result<Duration, ServiceError> {
    let longest = reservation_span::Entity::find()
        .filter(reservation_span::Column::ResourceId.is_in(resource_ids.iter().copied()))
        .order_by_desc(reservation_span::Column::LongestSeconds)
        .one(db)
        .await?
        .map_or(0, |row| row.longest_seconds);
    Ok(Duration::seconds(longest))
}

/// The blocking reservations of `resource_ids` whose blocked spans touch `window`.
///
/// The index `reservations_blocking` is read from `block_end > window.start` on: for one
/// resource, its future bookings, which the booking horizon keeps few. Across many resources
/// that is most of the table, so there the scan also stops at `window.end` plus the longest
/// span any of them has had (one more query, to the table a trigger keeps).
pub(crate) async fn blocking_in(
    db: &impl ConnectionTrait,
    resource_ids: &[i32],
    window: Interval,
) -> Result<Select<reservation::Entity>, ServiceError> {
    let mut query = reservation::Entity::find()
        .filter(reservation::Column::ResourceId.is_in(resource_ids.iter().copied()))
        .filter(Expr::cust(BLOCKING_SQL))
        .filter(reservation::Column::BlockEnd.gt(window.start))
        .filter(reservation::Column::BlockStart.lt(window.end));
    if resource_ids.len() > 1 {
        let latest_end = window.end + longest_span(db, resource_ids).await?;
        query = query.filter(reservation::Column::BlockEnd.lte(latest_end));
    }
    Ok(query)
}

/// The blocking bookings of each resource whose blocked spans touch `window`.
pub async fn busy_of(
    db: &impl ConnectionTrait,
    resource_ids: &[i32],
    window: Interval,
) -> Result<HashMap<i32, Vec<Busy>>, ServiceError> {
    let rows = blocking_in(db, resource_ids, window)
        .await?
        .select_only()
        .column(reservation::Column::ResourceId)
        .column(reservation::Column::StartTime)
        .column(reservation::Column::EndTime)
        .column(reservation::Column::BlockStart)
        .column(reservation::Column::BlockEnd)
        .into_model::<BusyRow>()
        .all(db)
        .await?;
    let mut busy: HashMap<i32, Vec<Busy>> = HashMap::new();
    for row in rows {
        busy.entry(row.resource_id).or_default().push(Busy {
            booked: Interval::new(row.start_time, row.end_time),
            blocked: Interval::new(row.block_start, row.block_end),
        });
    }
    Ok(busy)
}

/// `window` widened so bookings whose buffers reach into it are seen too.
pub(crate) fn padded_for(rules: &Rules, window: Interval) -> Interval {
    let pad = Duration::minutes(i64::from(
        rules.limits.buffer_before + rules.limits.buffer_after,
    ));
    window.padded(pad, pad)
}

/// The rules and busy spans of one resource around `window`.
pub async fn load_one(
    db: &impl ConnectionTrait,
    row: &resource::Model,
    window: Interval,
) -> Result<(Rules, Vec<Busy>), ServiceError> {
    let tree = GroupTree::load(db).await?;
    let rules = effective_rules(db, std::slice::from_ref(row), &tree, window)
        .await?
        .remove(&row.id)
        .ok_or(ServiceError::NotFound)?;
    let busy = busy_of(db, &[row.id], padded_for(&rules, window))
        .await?
        .remove(&row.id)
        .unwrap_or_default();
    Ok((rules, busy))
}

fn duration_of(minutes: u32) -> Result<Duration, ServiceError> {
    if (1..=MAX_DURATION_MINUTES).contains(&minutes) {
        Ok(Duration::minutes(i64::from(minutes)))
    } else {
        Err(ServiceError::InvalidInput(format!(
            "duration must be 1 to {MAX_DURATION_MINUTES} minutes"
        )))
    }
}

pub(crate) fn timezone_of(row: &resource::Model) -> Result<chrono_tz::Tz, ServiceError> {
    row.timezone
        .parse()
        .map_err(|_| ServiceError::Internal(format!("bad time zone on resource {}", row.id)))
}

/// A local day's slots of `slot_minutes` (`GET /resources/{id}/available-slots`); the day
/// defaults to today where the resource is.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn available_slots(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    date: Option<NaiveDate>,
    slot_minutes: u32,
) -> Result<DayAvailability, ServiceError> {
    days_slots(db, principal, resource_id, date, 1, slot_minutes)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// The slots of `days` local days from `first` (default today where the resource is), with
/// the rules and bookings read once for the whole span.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn days_slots(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    first: Option<NaiveDate>,
    days: usize,
    slot_minutes: u32,
) -> Result<Vec<DayAvailability>, ServiceError> {
    let row = find_row(db, principal, resource_id).await?;
    let duration = duration_of(slot_minutes)?;
    let tz = timezone_of(&row)?;
    let first = first.unwrap_or_else(|| Utc::now().with_timezone(&tz).date_naive());
    let dates: Vec<NaiveDate> = first.iter_days().take(days.max(1)).collect();
    let last = *dates.last().unwrap_or(&first);
    let span = Interval::new(day_bounds(tz, first).start, day_bounds(tz, last).end);
    let (rules, busy) = load_one(db, &row, span).await?;
    let now = Utc::now();
    let bookable = row.status == ResourceStatus::Available.as_str();
    Ok(dates
        .into_iter()
        .map(|date| {
            let blackout = rules.blackout_on(date).cloned();
            let mut slots = day_slots(&rules, &busy, date, duration, now);
            if !bookable {
                for slot in &mut slots {
                    slot.available = false;
                }
            }
            DayAvailability {
                date,
                timezone: row.timezone.clone(),
                slots,
                business_hours: rules.hours.as_ref().map(|week| {
                    week.on(date)
                        .iter()
                        .map(|o| DayOpening {
                            open_time: format_clock(o.open),
                            close_time: format_clock(o.close),
                        })
                        .collect()
                }),
                is_blackout: blackout.is_some(),
                blackout_reason: blackout.map(|b| b.reason).filter(|r| !r.is_empty()),
            }
        })
        .collect())
}

/// The first free slot of `slot_minutes` at or after `after` (default now).
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn next_available(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    slot_minutes: u32,
    after: Option<DateTime<Utc>>,
) -> Result<NextAvailable, ServiceError> {
    let row = find_row(db, principal, resource_id).await?;
    let duration = duration_of(slot_minutes)?;
    let now = Utc::now();
    let after = after.unwrap_or(now).max(now);
    let window = Interval::new(
        after,
        after + Duration::days(availability::DEFAULT_SEARCH_DAYS),
    );
    let found = if row.status == ResourceStatus::Available.as_str() {
        let (rules, busy) = load_one(db, &row, window).await?;
        availability::next_available(&rules, &busy, after, duration, now)
    } else {
        None
    };
    Ok(NextAvailable {
        start: found.map(|f| f.start),
        end: found.map(|f| f.end),
        available: found.is_some(),
    })
}

fn window_of(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<Interval, ServiceError> {
    let from = from.unwrap_or_else(Utc::now);
    let to = to.unwrap_or(from + Duration::days(7));
    if to <= from {
        return Err(ServiceError::InvalidInput(
            "`to` must come after `from`".to_owned(),
        ));
    }
    if to - from > Duration::days(MAX_WINDOW_DAYS) {
        return Err(ServiceError::InvalidInput(format!(
            "the window may span at most {MAX_WINDOW_DAYS} days"
        )));
    }
    Ok(Interval::new(from, to))
}

/// The bookings of a resource in a window (default: the coming week). Owners' names and
/// titles are shown to those who manage the resource; everyone sees their own.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn schedule(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<Schedule, ServiceError> {
    let row = find_row(db, principal, resource_id).await?;
    let window = window_of(from, to)?;
    let tree = GroupTree::load(db).await?;
    let manages = principal.grants.may_on(
        Model::Reservation,
        Action::Read,
        &tree.ownership(row.group_id),
    );
    let rows = blocking_in(db, &[row.id], window)
        .await?
        .filter(reservation::Column::StartTime.lt(window.end))
        .filter(reservation::Column::EndTime.gt(window.start))
        .order_by_asc(reservation::Column::StartTime)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = if manages {
        user::Entity::find()
            .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.username))
            .collect()
    } else {
        HashMap::new()
    };
    let me = principal.user_id;
    Ok(Schedule {
        resource_id: row.id.into(),
        timezone: row.timezone,
        from: window.start,
        to: window.end,
        reservations: rows
            .into_iter()
            .map(|r| {
                let mine = r.user_id == me;
                let shown = mine || manages;
                ScheduleEntry {
                    id: r.id.into(),
                    start_time: r.start_time,
                    end_time: r.end_time,
                    status: r.status,
                    title: shown.then_some(r.title),
                    user_id: shown.then_some(r.user_id.into()),
                    username: names.get(&r.user_id).cloned(),
                    mine,
                }
            })
            .collect(),
    })
}

/// Every reason `proposal` on `row` would be refused: rule violations (resource status
/// included) and the bookings it would overlap.
pub async fn verdict(
    db: &impl ConnectionTrait,
    row: &resource::Model,
    proposal: Interval,
    now: DateTime<Utc>,
) -> Result<availability::Verdict, ServiceError> {
    let (rules, busy) = load_one(db, row, proposal).await?;
    let mut verdict = availability::check(&rules, &busy, proposal, now);
    if let Some(violation) = not_bookable(row) {
        verdict.violations.insert(0, violation);
    }
    Ok(verdict)
}

/// The violation of a resource that is not available for booking.
pub fn not_bookable(row: &resource::Model) -> Option<Violation> {
    (row.status != ResourceStatus::Available.as_str()).then(|| Violation::ResourceNotBookable {
        status: row.status.clone(),
    })
}

/// Every rule `proposal` breaks on `row` (resource status included), bookings aside.
pub fn rule_violations(
    row: &resource::Model,
    rules: &Rules,
    proposal: Interval,
    now: DateTime<Utc>,
) -> Vec<Violation> {
    let mut violations = availability::check(rules, &[], proposal, now).violations;
    if let Some(violation) = not_bookable(row) {
        violations.insert(0, violation);
    }
    violations
}

/// `POST /reservations/check`: would this booking by the caller be accepted (rules, overlaps
/// and the caller's quotas)? Changes nothing.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn check(
    db: &DatabaseConnection,
    principal: &Principal,
    request: CheckRequest,
) -> Result<CheckAnswer, ServiceError> {
    let row = find_row(db, principal, request.resource_id).await?;
    let proposal = Interval::new(request.start_time, request.end_time);
    let verdict = if proposal.is_empty() {
        availability::check(&Rules::open(timezone_of(&row)?), &[], proposal, Utc::now())
    } else if proposal.duration() > Duration::days(MAX_WINDOW_DAYS) {
        return Err(ServiceError::InvalidInput(format!(
            "a booking may span at most {MAX_WINDOW_DAYS} days"
        )));
    } else {
        let mut verdict = verdict(db, &row, proposal, Utc::now()).await?;
        // One's own held waitlist offer is no conflict for oneself, nor a second booking
        // against one's quotas: booking it takes the offer.
        let held = super::waitlist::offer_holding(db, principal, row.id, proposal).await?;
        if held.is_some() {
            verdict.conflicts.retain(|conflict| *conflict != proposal);
        }
        let limits = quotas::applicable(db, Versions::read(db).await?, principal.user_id).await?;
        let ledger = Ledger::load(
            db,
            &limits,
            principal.user_id,
            timezone_of(&row)?,
            proposal,
            &held.map(|offer| vec![offer.held_id]).unwrap_or_default(),
        )
        .await?;
        verdict.violations.extend(ledger.violations(proposal));
        verdict
    };
    Ok(CheckAnswer {
        available: verdict.available(),
        conflicts: verdict.conflicts.into_iter().map(Into::into).collect(),
        violations: verdict.violations.into_iter().map(Into::into).collect(),
    })
}

/// The longest window a search looks through.
pub const MAX_SEARCH_DAYS: i64 = 31;

/// Resources free for `duration` between `from` and `to` matching the filter, earliest
/// fitting slot first, then the smallest capacity that fits, then name.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn search(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &SearchQuery,
) -> Result<SearchAnswer, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let duration = duration_of(query.duration_minutes)?;
    if query.to <= query.from {
        return Err(ServiceError::InvalidInput(
            "`to` must come after `from`".to_owned(),
        ));
    }
    if query.to - query.from > Duration::days(MAX_SEARCH_DAYS) {
        return Err(ServiceError::InvalidInput(format!(
            "a search may span at most {MAX_SEARCH_DAYS} days"
        )));
    }
    let limit = query.limit.clamp(1, 200);
    let window = Interval::new(query.from, query.to);
    let tree = GroupTree::load(db).await?;
    let Some(condition) = filter_condition(db, &query.filter, &tree).await? else {
        return Ok(SearchAnswer {
            data: Vec::new(),
            considered: 0,
        });
    };
    let rows = resource::Entity::find()
        .filter(condition)
        .filter(resource::Column::Status.eq(ResourceStatus::Available.as_str()))
        .all(db)
        .await?;
    let considered = rows.len() as u64;
    let rules = effective_rules(db, &rows, &tree, window).await?;
    let widest = rules
        .values()
        .map(|r| padded_for(r, window))
        .fold(window, |a, b| {
            Interval::new(a.start.min(b.start), a.end.max(b.end))
        });
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut busy = busy_of(db, &ids, widest).await?;
    let now = Utc::now();
    let mut ranked: Vec<(resource::Model, Vec<Interval>)> = rows
        .into_iter()
        .filter_map(|row| {
            let rules = rules.get(&row.id)?;
            let busy = busy.remove(&row.id).unwrap_or_default();
            let fits = earliest_fits(rules, &busy, query.from, query.to, duration, now, 3);
            (!fits.is_empty()).then_some((row, fits))
        })
        .collect();
    ranked.sort_by(|(a, fa), (b, fb)| {
        fa[0]
            .start
            .cmp(&fb[0].start)
            .then_with(|| {
                a.capacity
                    .unwrap_or(i32::MAX)
                    .cmp(&b.capacity.unwrap_or(i32::MAX))
            })
            .then_with(|| a.name.cmp(&b.name))
    });
    ranked.truncate(limit);
    let (rows, fits): (Vec<_>, Vec<_>) = ranked.into_iter().unzip();
    let resources = to_resources(db, rows, &tree).await?;
    Ok(SearchAnswer {
        data: resources
            .into_iter()
            .zip(fits)
            .map(|(resource, fits)| SearchHit {
                resource,
                slots: fits.into_iter().map(Into::into).collect(),
            })
            .collect(),
        considered,
    })
}
