//! Quotas: how many reservations, and how many booked hours, one person may hold per day or
//! per week. A quota is set for a role or for a group (reaching its sub-groups); every quota
//! that applies to the booker must hold. Days and weeks (Monday to Sunday) are those of the
//! booked resource's time zone.

use chrono::{Datelike, Duration};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::ServiceError;
use super::audit;
use super::authz::Principal;
use super::availability::BLOCKING_STATUSES;
use super::cache::{Cache, Versions};
use super::catalog::{GroupTree, to_i32};
use crate::domain::availability::{Interval, Violation, day_bounds, local_date};
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{quota, reservation, role, user_group, user_role};
use crate::reservations::{NewQuota, Quota};

/// The most hours a quota may allow per week.
const MAX_HOURS: f64 = 7.0 * 24.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    Day,
    Week,
}

impl Period {
    fn parse(text: &str) -> Option<Self> {
        match text {
            "day" => Some(Period::Day),
            "week" => Some(Period::Week),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
        }
    }

    /// The local day or week (from Monday) that `instant`'s local date falls in.
    fn around(self, tz: Tz, instant: chrono::DateTime<chrono::Utc>) -> Interval {
        let date = local_date(tz, instant);
        match self {
            Period::Day => day_bounds(tz, date),
            Period::Week => {
                let monday =
                    date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
                Interval::new(
                    day_bounds(tz, monday).start,
                    day_bounds(tz, monday + Duration::days(6)).end,
                )
            }
        }
    }
}

/// One limit in force for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    period: Period,
    max_reservations: Option<u32>,
    max_minutes: Option<u32>,
}

/// The limits that apply to `user_id` through their roles and groups.
pub(crate) async fn applicable(
    db: &impl ConnectionTrait,
    versions: Versions,
    user_id: i32,
) -> Result<Vec<Limit>, ServiceError> {
    LIMITS
        .get_or_load(user_id, versions, read_applicable(db, user_id))
        .await
}

/// The limits per person, while neither the `access` nor the `catalog` version moves.
static LIMITS: Cache<i32, Versions, Vec<Limit>> = Cache::new(10_000);

async fn read_applicable(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<Limit>, ServiceError> {
    let all = quota::Entity::find().all(db).await?;
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let roles: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role_id)
        .collect();
    let tree = GroupTree::load(db).await?;
    let groups: Vec<i32> = user_group::Entity::find()
        .filter(user_group::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .flat_map(|g| tree.chain(Some(g.group_id)))
        .collect();
    Ok(all
        .into_iter()
        .filter(|q| {
            q.role_id.is_some_and(|r| roles.contains(&r))
                || q.group_id.is_some_and(|g| groups.contains(&g))
        })
        .filter_map(|q| {
            Some(Limit {
                period: Period::parse(&q.period)?,
                max_reservations: q.max_reservations.and_then(|n| u32::try_from(n).ok()),
                max_minutes: q.max_minutes.and_then(|n| u32::try_from(n).ok()),
            })
        })
        .collect())
}

/// A person's blocking bookings around some proposals, to count them against their limits.
pub(crate) struct Ledger<'a> {
    limits: &'a [Limit],
    tz: Tz,
    booked: Vec<Interval>,
}

impl<'a> Ledger<'a> {
    /// Reads the bookings of `user_id` that start in the weeks around `span`, other than
    /// `exclude`. Inside a write on PostgreSQL the person's row is locked first, so two of
    /// their bookings made at once are counted one after the other.
    pub(crate) async fn load(
        tx: &impl ConnectionTrait,
        limits: &'a [Limit],
        user_id: i32,
        tz: Tz,
        span: Interval,
        exclude: &[i32],
    ) -> Result<Ledger<'a>, ServiceError> {
        if limits.is_empty() {
            return Ok(Ledger {
                limits,
                tz,
                booked: Vec::new(),
            });
        }
        if tx.get_database_backend() == sea_orm::DbBackend::Postgres {
            crate::persistence::entities::user::Entity::find_by_id(user_id)
                .lock_exclusive()
                .one(tx)
                .await?;
        }
        let from = Period::Week.around(tz, span.start).start - Duration::days(1);
        let to = Period::Week.around(tz, span.end).end + Duration::days(1);
        let booked = reservation::Entity::find()
            .filter(reservation::Column::UserId.eq(user_id))
            .filter(reservation::Column::Status.is_in(BLOCKING_STATUSES))
            .filter(reservation::Column::StartTime.gte(from))
            .filter(reservation::Column::StartTime.lt(to))
            .all(tx)
            .await?
            .into_iter()
            .filter(|r| !exclude.contains(&r.id))
            .map(|r| Interval::new(r.start_time, r.end_time))
            .collect();
        Ok(Ledger { limits, tz, booked })
    }

    /// The limits `proposal` would break on top of what is booked.
    pub(crate) fn violations(&self, proposal: Interval) -> Vec<Violation> {
        let mut violations = Vec::new();
        for limit in self.limits {
            let period = limit.period.around(self.tz, proposal.start);
            let held: Vec<&Interval> = self
                .booked
                .iter()
                .filter(|b| period.start <= b.start && b.start < period.end)
                .collect();
            if let Some(max) = limit.max_reservations
                && held.len() as u64 >= u64::from(max)
            {
                violations.push(Violation::QuotaReservations {
                    period: limit.period.name().to_owned(),
                    limit: max,
                });
            }
            let minutes: i64 = held.iter().map(|b| b.duration().num_minutes()).sum::<i64>()
                + proposal.duration().num_minutes();
            if let Some(max) = limit.max_minutes
                && minutes > i64::from(max)
            {
                violations.push(Violation::QuotaMinutes {
                    period: limit.period.name().to_owned(),
                    limit: max,
                });
            }
        }
        violations.dedup();
        violations
    }

    /// Counts `proposal` as booked (for the next occurrence of a series).
    pub(crate) fn add(&mut self, proposal: Interval) {
        self.booked.push(proposal);
    }
}

fn to_api(row: quota::Model, role_names: &[(i32, String)]) -> Quota {
    Quota {
        id: row.id.into(),
        role: row.role_id.and_then(|id| {
            role_names
                .iter()
                .find(|(rid, _)| *rid == id)
                .map(|(_, n)| n.clone())
        }),
        group_id: row.group_id.map(Into::into),
        period: row.period,
        max_reservations: row.max_reservations.and_then(|n| u32::try_from(n).ok()),
        max_hours: row.max_minutes.map(|m| f64::from(m) / 60.0),
    }
}

async fn role_names(db: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, ServiceError> {
    Ok(role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

/// Every quota (admins).
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<Quota>, ServiceError> {
    principal.require(Model::Settings, Action::Read)?;
    let names = role_names(db).await?;
    Ok(quota::Entity::find()
        .order_by_asc(quota::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|q| to_api(q, &names))
        .collect())
}

/// Sets a quota for a role or a group (admins).
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    new: NewQuota,
) -> Result<Quota, ServiceError> {
    principal.require(Model::Settings, Action::Update)?;
    let period = Period::parse(new.period.trim()).ok_or_else(|| {
        ServiceError::InvalidInput("period must be \"day\" or \"week\"".to_owned())
    })?;
    let names = role_names(db).await?;
    let role_id = match new.role.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(
            names
                .iter()
                .find(|(_, n)| n == name)
                .map(|(id, _)| *id)
                .ok_or_else(|| ServiceError::InvalidInput(format!("unknown role {name:?}")))?,
        ),
    };
    let group_id = match new.group_id {
        None => None,
        Some(id) => {
            let id = to_i32(id)
                .map_err(|_| ServiceError::InvalidInput(format!("unknown group {id}")))?;
            if !GroupTree::load(db).await?.contains(id) {
                return Err(ServiceError::InvalidInput(format!("unknown group {id}")));
            }
            Some(id)
        }
    };
    if role_id.is_some() == group_id.is_some() {
        return Err(ServiceError::InvalidInput(
            "a quota names exactly one of role and group_id".to_owned(),
        ));
    }
    if new.max_reservations.is_none() && new.max_hours.is_none() {
        return Err(ServiceError::InvalidInput(
            "a quota sets max_reservations, max_hours or both".to_owned(),
        ));
    }
    let max_reservations = match new.max_reservations {
        Some(n) if !(1..=1000).contains(&n) => {
            return Err(ServiceError::InvalidInput(
                "max_reservations must be 1 to 1000".to_owned(),
            ));
        }
        other => other.and_then(|n| i32::try_from(n).ok()),
    };
    let max_minutes = match new.max_hours {
        Some(h) if !(h.is_finite() && h > 0.0 && h <= MAX_HOURS) => {
            return Err(ServiceError::InvalidInput(format!(
                "max_hours must be more than 0 and at most {MAX_HOURS}"
            )));
        }
        // Whole minutes; at most 10,080, so the cast is exact.
        other => other.map(|h| (h * 60.0).round() as i32),
    };
    let txn = db.begin().await?;
    let row = quota::ActiveModel {
        role_id: Set(role_id),
        group_id: Set(group_id),
        period: Set(period.name().to_owned()),
        max_reservations: Set(max_reservations),
        max_minutes: Set(max_minutes),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let id = row.id;
    let quota = to_api(row, &names);
    let details = serde_json::to_value(&quota).unwrap_or_default();
    audit::record(
        &txn,
        Some(principal.user_id),
        "quota.created",
        Some(id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(quota)
}

/// Removes a quota (admins).
pub async fn delete(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<(), ServiceError> {
    principal.require(Model::Settings, Action::Update)?;
    let id = to_i32(id)?;
    let txn = db.begin().await?;
    let deleted = quota::Entity::delete_by_id(id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    audit::record(
        &txn,
        Some(principal.user_id),
        "quota.deleted",
        Some(id),
        json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
