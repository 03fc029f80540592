//! Booking rules at three levels (installation, group, resource) and how they combine into
//! the `Rules` the availability domain works with.
//!
//! Inheritance: each limit comes from the nearest level that sets it (resource, its group,
//! the groups above, global). Business hours come whole from the nearest level that has any;
//! none anywhere means open all day. Blackout dates and exceptions of every level apply.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::ServiceError;
use super::audit;
use super::authz::Principal;
use super::catalog::{GroupTree, find_row, to_i32};
use crate::domain::availability::{
    Blackout, Closure, Interval, Limits, Opening, RuleError, Rules, WeeklyHours,
};
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{
    blackout_date, booking_rule, business_hour, closure, resource, user,
};
use crate::resources::{
    BlackoutRecord, BookingRules, BusinessHoursBody, ClosureRecord, HoursEntry, NewBlackout,
    NewClosure, RuleScope, RulesRecord,
};

/// Checks the caller may read (everyone with `resource:read`) or change a level: global needs
/// `resource:update:all`; a group or resource needs `resource:update` reaching its group.
async fn authorize(
    db: &impl ConnectionTrait,
    principal: &Principal,
    scope: RuleScope,
    change: bool,
) -> Result<GroupTree, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let tree = GroupTree::load(db).await?;
    let group = match scope {
        RuleScope::Global => {
            if change && !principal.grants.may_all(Model::Resource, Action::Update) {
                return Err(ServiceError::Forbidden);
            }
            return Ok(tree);
        }
        RuleScope::Group(id) => {
            let id = to_i32(id)?;
            if !tree.contains(id) {
                return Err(ServiceError::NotFound);
            }
            Some(id)
        }
        RuleScope::Resource(id) => find_row(db, principal, id).await?.group_id,
    };
    if change {
        principal.require_on(Model::Resource, Action::Update, &tree.ownership(group))?;
    }
    Ok(tree)
}

/// `(resource_id, group_id)` columns of a level.
fn owner_columns(scope: RuleScope) -> (Option<i32>, Option<i32>) {
    match scope {
        RuleScope::Global => (None, None),
        RuleScope::Group(id) => (None, i32::try_from(id).ok()),
        RuleScope::Resource(id) => (i32::try_from(id).ok(), None),
    }
}

fn of_scope<C: ColumnTrait>(scope: RuleScope, resource_col: C, group_col: C) -> Condition {
    match owner_columns(scope) {
        (Some(r), _) => Condition::all().add(resource_col.eq(r)),
        (_, Some(g)) => Condition::all().add(group_col.eq(g)),
        _ => Condition::all()
            .add(resource_col.is_null())
            .add(group_col.is_null()),
    }
}

fn scope_of(resource_id: Option<i32>, group_id: Option<i32>) -> RuleScope {
    match (resource_id, group_id) {
        (Some(r), _) => RuleScope::Resource(r.into()),
        (_, Some(g)) => RuleScope::Group(g.into()),
        _ => RuleScope::Global,
    }
}

/// The levels above `scope`, nearest first (not including `scope` itself).
fn levels_above(scope: RuleScope, tree: &GroupTree, resource_group: Option<i32>) -> Vec<RuleScope> {
    let groups = match scope {
        RuleScope::Global => return Vec::new(),
        RuleScope::Group(id) => tree.chain(i32::try_from(id).ok().and_then(|g| tree.parent_of(g))),
        RuleScope::Resource(_) => tree.chain(resource_group),
    };
    groups
        .into_iter()
        .map(|g| RuleScope::Group(g.into()))
        .chain([RuleScope::Global])
        .collect()
}

async fn resource_group(
    db: &impl ConnectionTrait,
    scope: RuleScope,
) -> Result<Option<i32>, ServiceError> {
    Ok(match scope {
        RuleScope::Resource(id) => resource::Entity::find_by_id(to_i32(id)?)
            .one(db)
            .await?
            .and_then(|r| r.group_id),
        _ => None,
    })
}

fn rules_of(row: &booking_rule::Model) -> BookingRules {
    let minutes = |v: Option<i32>| v.and_then(|m| u32::try_from(m).ok());
    BookingRules {
        min_duration_minutes: minutes(row.min_duration_minutes),
        max_duration_minutes: minutes(row.max_duration_minutes),
        buffer_before_minutes: minutes(row.buffer_before_minutes),
        buffer_after_minutes: minutes(row.buffer_after_minutes),
        min_notice_minutes: minutes(row.min_notice_minutes),
        horizon_days: minutes(row.horizon_days),
        granularity_minutes: minutes(row.granularity_minutes),
    }
}

/// Every stored booking-rules row by scope key.
async fn all_booking_rules(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, BookingRules>, ServiceError> {
    Ok(booking_rule::Entity::find()
        .all(db)
        .await?
        .iter()
        .map(|row| (row.scope.clone(), rules_of(row)))
        .collect())
}

fn inherited(
    own: BookingRules,
    above: &[RuleScope],
    stored: &HashMap<String, BookingRules>,
) -> BookingRules {
    above.iter().fold(own, |rules, level| {
        rules.inherit(stored.get(&level.key()).copied().unwrap_or_default())
    })
}

/// The limits a booking must respect, from the level's own and inherited rules.
pub fn limits_of(rules: BookingRules) -> Limits {
    Limits {
        min_duration: rules.min_duration_minutes,
        max_duration: rules.max_duration_minutes,
        buffer_before: rules.buffer_before_minutes.unwrap_or(0),
        buffer_after: rules.buffer_after_minutes.unwrap_or(0),
        min_notice: rules.min_notice_minutes.unwrap_or(0),
        horizon_days: rules.horizon_days,
        granularity: rules.granularity_minutes.unwrap_or(1),
    }
}

pub async fn get_rules(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
) -> Result<RulesRecord, ServiceError> {
    let tree = authorize(db, principal, scope, false).await?;
    let stored = all_booking_rules(db).await?;
    let own = stored.get(&scope.key()).copied().unwrap_or_default();
    let above = levels_above(scope, &tree, resource_group(db, scope).await?);
    Ok(RulesRecord {
        rules: own,
        effective: inherited(own, &above, &stored),
    })
}

pub async fn set_rules(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
    rules: BookingRules,
) -> Result<RulesRecord, ServiceError> {
    authorize(db, principal, scope, true).await?;
    let limits = limits_of(rules);
    limits
        .validate()
        .map_err(|e| ServiceError::InvalidInput(e.to_string()))?;
    let to_db = |v: Option<u32>| v.and_then(|m| i32::try_from(m).ok());
    let (resource_id, group_id) = owner_columns(scope);
    let actor = Some(principal.user_id);
    let details = json!({"scope": scope.key(), "rules": rules});
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            booking_rule::Entity::delete_many()
                .filter(booking_rule::Column::Scope.eq(scope.key()))
                .exec(txn)
                .await?;
            booking_rule::ActiveModel {
                scope: Set(scope.key()),
                resource_id: Set(resource_id),
                group_id: Set(group_id),
                min_duration_minutes: Set(to_db(rules.min_duration_minutes)),
                max_duration_minutes: Set(to_db(rules.max_duration_minutes)),
                buffer_before_minutes: Set(to_db(rules.buffer_before_minutes)),
                buffer_after_minutes: Set(to_db(rules.buffer_after_minutes)),
                min_notice_minutes: Set(to_db(rules.min_notice_minutes)),
                horizon_days: Set(to_db(rules.horizon_days)),
                granularity_minutes: Set(to_db(rules.granularity_minutes)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            audit::record(txn, actor, "rules.updated", None, details).await
        })
    })
    .await?;
    get_rules(db, principal, scope).await
}

/// The zone a level's exceptions are typed in: a resource's own; for a group or the whole
/// installation, the caller's (UTC when theirs is unknown).
pub async fn zone_of(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
) -> Result<chrono_tz::Tz, ServiceError> {
    authorize(db, principal, scope, false).await?;
    let name = match scope {
        RuleScope::Resource(id) => find_row(db, principal, id).await?.timezone,
        RuleScope::Group(_) | RuleScope::Global => user::Entity::find_by_id(principal.user_id)
            .one(db)
            .await?
            .map(|u| u.timezone)
            .unwrap_or_default(),
    };
    Ok(name.parse().unwrap_or(chrono_tz::UTC))
}

// ---- Business hours -------------------------------------------------------------------

fn entries_of(rows: &[business_hour::Model]) -> Vec<HoursEntry> {
    let mut entries: Vec<HoursEntry> = rows
        .iter()
        .map(|h| {
            HoursEntry::new(
                u8::try_from(h.day_of_week).unwrap_or(0),
                u16::try_from(h.open_minute).unwrap_or(0),
                u16::try_from(h.close_minute).unwrap_or(0),
            )
        })
        .collect();
    entries.sort_by(|a, b| (a.day_of_week, &a.open_time).cmp(&(b.day_of_week, &b.open_time)));
    entries
}

/// The hours a level sets itself; when it sets none, `inherited_from` names the level whose
/// hours apply (none: open all day).
pub async fn get_hours(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
) -> Result<BusinessHoursBody, ServiceError> {
    let tree = authorize(db, principal, scope, false).await?;
    let rows = business_hour::Entity::find().all(db).await?;
    let of = |level: RuleScope| -> Vec<business_hour::Model> {
        rows.iter()
            .filter(|h| scope_of(h.resource_id, h.group_id) == level)
            .cloned()
            .collect()
    };
    let own = of(scope);
    let inherited_from = if own.is_empty() {
        levels_above(scope, &tree, resource_group(db, scope).await?)
            .into_iter()
            .find(|level| !of(*level).is_empty())
    } else {
        None
    };
    Ok(BusinessHoursBody {
        hours: entries_of(&own),
        inherited_from,
    })
}

/// Replaces a level's hours; an empty list removes them (the level inherits again).
pub async fn set_hours(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
    hours: Vec<HoursEntry>,
) -> Result<BusinessHoursBody, ServiceError> {
    authorize(db, principal, scope, true).await?;
    let entries = hours
        .iter()
        .map(|h| Ok((h.day_of_week, Opening::parse(&h.open_time, &h.close_time)?)))
        .collect::<Result<Vec<_>, RuleError>>()
        .map_err(|e| ServiceError::InvalidInput(e.to_string()))?;
    let week = WeeklyHours::from_entries(entries)
        .map_err(|e| ServiceError::InvalidInput(e.to_string()))?;
    let (resource_id, group_id) = owner_columns(scope);
    let actor = Some(principal.user_id);
    let details = json!({"scope": scope.key(), "hours": hours});
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            business_hour::Entity::delete_many()
                .filter(of_scope(
                    scope,
                    business_hour::Column::ResourceId,
                    business_hour::Column::GroupId,
                ))
                .exec(txn)
                .await?;
            for (day, opening) in week.entries() {
                business_hour::ActiveModel {
                    resource_id: Set(resource_id),
                    group_id: Set(group_id),
                    day_of_week: Set(i16::from(day)),
                    open_minute: Set(opening.open as i16),
                    close_minute: Set(opening.close as i16),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            audit::record(txn, actor, "business_hours.updated", None, details).await
        })
    })
    .await?;
    get_hours(db, principal, scope).await
}

// ---- Blackout dates and exceptions ----------------------------------------------------

fn blackout_record(row: blackout_date::Model) -> BlackoutRecord {
    BlackoutRecord {
        id: row.id.into(),
        date: row.date,
        reason: row.reason,
        scope: scope_of(row.resource_id, row.group_id),
    }
}

fn validate_reason(reason: &str) -> Result<String, ServiceError> {
    let reason = reason.trim();
    if reason.chars().count() > 200 || reason.chars().any(char::is_control) {
        return Err(ServiceError::InvalidInput(
            "reason must be at most 200 characters".to_owned(),
        ));
    }
    Ok(reason.to_owned())
}

/// A level's own blackout dates, in date order.
pub async fn list_blackouts(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
) -> Result<Vec<BlackoutRecord>, ServiceError> {
    authorize(db, principal, scope, false).await?;
    Ok(blackout_date::Entity::find()
        .filter(of_scope(
            scope,
            blackout_date::Column::ResourceId,
            blackout_date::Column::GroupId,
        ))
        .order_by_asc(blackout_date::Column::Date)
        .all(db)
        .await?
        .into_iter()
        .map(blackout_record)
        .collect())
}

pub async fn add_blackout(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
    new: NewBlackout,
) -> Result<BlackoutRecord, ServiceError> {
    authorize(db, principal, scope, true).await?;
    let reason = validate_reason(&new.reason)?;
    let (resource_id, group_id) = owner_columns(scope);
    let existing = blackout_date::Entity::find()
        .filter(of_scope(
            scope,
            blackout_date::Column::ResourceId,
            blackout_date::Column::GroupId,
        ))
        .filter(blackout_date::Column::Date.eq(new.date))
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(ServiceError::Conflict(format!(
            "{} is already a blackout date",
            new.date
        )));
    }
    let txn = db.begin().await?;
    let row = blackout_date::ActiveModel {
        resource_id: Set(resource_id),
        group_id: Set(group_id),
        date: Set(new.date),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let details = json!({"scope": scope.key(), "date": row.date, "reason": row.reason});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "blackout_date.created", Some(row.id), details).await?;
    txn.commit().await?;
    Ok(blackout_record(row))
}

pub async fn delete_blackout(
    db: &DatabaseConnection,
    principal: &Principal,
    blackout_id: i64,
) -> Result<(), ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let row = blackout_date::Entity::find_by_id(to_i32(blackout_id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let scope = scope_of(row.resource_id, row.group_id);
    authorize(db, principal, scope, true).await?;
    let txn = db.begin().await?;
    blackout_date::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    let details = json!({"scope": scope.key(), "date": row.date, "reason": row.reason});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "blackout_date.deleted", Some(row.id), details).await?;
    txn.commit().await?;
    Ok(())
}

fn closure_record(row: closure::Model) -> ClosureRecord {
    ClosureRecord {
        id: row.id.into(),
        start_time: row.start_time,
        end_time: row.end_time,
        reason: row.reason,
        scope: scope_of(row.resource_id, row.group_id),
    }
}

/// What the audit log keeps of an exception.
fn closure_details(row: &closure::Model) -> serde_json::Value {
    json!({
        "scope": scope_of(row.resource_id, row.group_id).key(),
        "start_time": row.start_time,
        "end_time": row.end_time,
        "reason": row.reason,
    })
}

/// A level's exceptions that have not ended yet, soonest first.
pub async fn list_closures(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
) -> Result<Vec<ClosureRecord>, ServiceError> {
    authorize(db, principal, scope, false).await?;
    Ok(closure::Entity::find()
        .filter(of_scope(
            scope,
            closure::Column::ResourceId,
            closure::Column::GroupId,
        ))
        .filter(closure::Column::EndTime.gt(Utc::now()))
        .order_by_asc(closure::Column::StartTime)
        .all(db)
        .await?
        .into_iter()
        .map(closure_record)
        .collect())
}

pub async fn add_closure(
    db: &DatabaseConnection,
    principal: &Principal,
    scope: RuleScope,
    new: NewClosure,
) -> Result<ClosureRecord, ServiceError> {
    authorize(db, principal, scope, true).await?;
    if new.end_time <= new.start_time {
        return Err(ServiceError::InvalidInput(
            RuleError::EmptyClosure.to_string(),
        ));
    }
    let (resource_id, group_id) = owner_columns(scope);
    let reason = validate_reason(&new.reason)?;
    let txn = db.begin().await?;
    let row = closure::ActiveModel {
        resource_id: Set(resource_id),
        group_id: Set(group_id),
        start_time: Set(new.start_time),
        end_time: Set(new.end_time),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let actor = Some(principal.user_id);
    audit::record(
        &txn,
        actor,
        "closure.created",
        Some(row.id),
        closure_details(&row),
    )
    .await?;
    txn.commit().await?;
    Ok(closure_record(row))
}

pub async fn delete_closure(
    db: &DatabaseConnection,
    principal: &Principal,
    closure_id: i64,
) -> Result<(), ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let row = closure::Entity::find_by_id(to_i32(closure_id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    authorize(db, principal, scope_of(row.resource_id, row.group_id), true).await?;
    let txn = db.begin().await?;
    closure::Entity::delete_by_id(row.id).exec(&txn).await?;
    let actor = Some(principal.user_id);
    audit::record(
        &txn,
        actor,
        "closure.deleted",
        Some(row.id),
        closure_details(&row),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---- Assembling the rules of resources ------------------------------------------------

/// The rules of each of `resources`, with the blackouts and exceptions that touch `window`.
/// Reads every table once, however many resources are asked for.
pub async fn effective_rules(
    db: &impl ConnectionTrait,
    resources: &[resource::Model],
    tree: &GroupTree,
    window: Interval,
) -> Result<HashMap<i32, Rules>, ServiceError> {
    let stored = all_booking_rules(db).await?;
    let ids: Vec<i32> = resources.iter().map(|r| r.id).collect();
    let hours = business_hour::Entity::find()
        .filter(
            Condition::any()
                .add(business_hour::Column::ResourceId.is_null())
                .add(business_hour::Column::ResourceId.is_in(ids.clone())),
        )
        .all(db)
        .await?;
    // Local dates are at most a day away from UTC ones.
    let first_date = (window.start - chrono::Duration::days(1)).date_naive();
    let last_date = (window.end + chrono::Duration::days(1)).date_naive();
    let blackouts = blackout_date::Entity::find()
        .filter(
            Condition::any()
                .add(blackout_date::Column::ResourceId.is_null())
                .add(blackout_date::Column::ResourceId.is_in(ids.clone())),
        )
        .filter(blackout_date::Column::Date.between(first_date, last_date))
        .all(db)
        .await?;
    let closures = closure::Entity::find()
        .filter(
            Condition::any()
                .add(closure::Column::ResourceId.is_null())
                .add(closure::Column::ResourceId.is_in(ids)),
        )
        .filter(closure::Column::StartTime.lt(window.end))
        .filter(closure::Column::EndTime.gt(window.start))
        .all(db)
        .await?;

    let mut hours_by_level: HashMap<RuleScope, Vec<(u8, Opening)>> = HashMap::new();
    for h in &hours {
        let opening = Opening {
            open: u16::try_from(h.open_minute).unwrap_or(0),
            close: u16::try_from(h.close_minute).unwrap_or(0),
        };
        hours_by_level
            .entry(scope_of(h.resource_id, h.group_id))
            .or_default()
            .push((u8::try_from(h.day_of_week).unwrap_or(0), opening));
    }
    let mut blackouts_by_level: HashMap<RuleScope, Vec<Blackout>> = HashMap::new();
    for b in blackouts {
        blackouts_by_level
            .entry(scope_of(b.resource_id, b.group_id))
            .or_default()
            .push(Blackout {
                date: b.date,
                reason: b.reason,
            });
    }
    let mut closures_by_level: HashMap<RuleScope, Vec<Closure>> = HashMap::new();
    for c in closures {
        closures_by_level
            .entry(scope_of(c.resource_id, c.group_id))
            .or_default()
            .push(Closure {
                interval: Interval::new(c.start_time, c.end_time),
                reason: c.reason,
            });
    }

    let mut out = HashMap::with_capacity(resources.len());
    for resource in resources {
        let own = RuleScope::Resource(resource.id.into());
        let above = levels_above(own, tree, resource.group_id);
        let levels: Vec<RuleScope> = std::iter::once(own).chain(above.iter().copied()).collect();
        let booking = inherited(
            stored.get(&own.key()).copied().unwrap_or_default(),
            &above,
            &stored,
        );
        let hours = match levels.iter().find_map(|l| hours_by_level.get(l)) {
            Some(entries) => Some(WeeklyHours::from_entries(entries.iter().copied()).map_err(
                |e| {
                    ServiceError::Internal(format!("stored hours of resource {}: {e}", resource.id))
                },
            )?),
            None => None,
        };
        let timezone = resource.timezone.parse().map_err(|_| {
            ServiceError::Internal(format!(
                "resource {} has unknown time zone {:?}",
                resource.id, resource.timezone
            ))
        })?;
        let mut blackouts: Vec<Blackout> = levels
            .iter()
            .filter_map(|l| blackouts_by_level.get(l))
            .flatten()
            .cloned()
            .collect();
        blackouts.sort_by_key(|b| b.date);
        let closures = levels
            .iter()
            .filter_map(|l| closures_by_level.get(l))
            .flatten()
            .cloned()
            .collect();
        out.insert(
            resource.id,
            Rules {
                timezone,
                hours,
                blackouts,
                closures,
                limits: limits_of(booking),
            },
        );
    }
    Ok(out)
}
