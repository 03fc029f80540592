//! Recurring series: a first booking and an RRULE, expanded in the resource's time zone so
//! each occurrence keeps its wall-clock time across DST changes. Every occurrence passes the
//! same rules, overlap check and quotas as a single booking, all inside one write
//! transaction: with `on_conflict: fail` nothing is booked unless all are; with `skip` the
//! rest are booked and the skipped ones are listed with their reasons. Occurrences are then
//! ordinary reservations carrying the series id: cancelled one by one, from one on, or all
//! (`booking::cancel` with a scope), and moved one at a time (`booking::reschedule`).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};

use super::ServiceError;
use super::authz::Principal;
use super::availability::{padded_for, rule_violations, timezone_of};
use super::booking::{Event, MAX_NOTES, MAX_TITLE, NewRow, Target, proposal, text_field, to_api};
use super::cache::Versions;
use super::catalog::find_row;
use super::notifications;
use super::quotas::{self, Ledger};
use super::writer::Writer;
use crate::domain::availability::{self, Busy, Interval, Violation};
use crate::domain::permissions::{Action, Model};
use crate::domain::recurrence::{self, Rule};
use crate::persistence::entities::reservation_series;
use crate::reservations::{NewSeries, OnConflict, SeriesAnswer, SkippedOccurrence};

fn skipped(
    occurrence: Interval,
    conflicts: Vec<Interval>,
    violations: Vec<Violation>,
) -> SkippedOccurrence {
    let reason = if conflicts.is_empty() {
        violations
            .iter()
            .map(Violation::describe)
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        "the time is already booked".to_owned()
    };
    SkippedOccurrence {
        start_time: occurrence.start,
        end_time: occurrence.end,
        reason,
        conflicts: conflicts.into_iter().map(Into::into).collect(),
        violations: violations.into_iter().map(Into::into).collect(),
    }
}

/// What a request names, read and checked before anything is planned.
struct Prepared {
    target: Target,
    limits: Vec<quotas::Limit>,
    occurrences: Vec<Interval>,
    span: Interval,
    rule: Rule,
}

async fn prepare(
    db: &DatabaseConnection,
    principal: &Principal,
    request: &NewSeries,
) -> Result<Prepared, ServiceError> {
    let first = proposal(request.start_time, request.end_time)?;
    let rule: Rule = request
        .recurrence
        .rrule
        .parse()
        .map_err(|e: recurrence::RecurrenceError| ServiceError::InvalidInput(e.to_string()))?;
    let row = find_row(db, principal, request.resource_id).await?;
    let tz = timezone_of(&row)?;
    let occurrences = recurrence::occurrences(&rule, tz, first)
        .map_err(|e| ServiceError::InvalidInput(e.to_string()))?;
    let (Some(earliest), Some(latest)) = (occurrences.first(), occurrences.last()) else {
        return Err(ServiceError::InvalidInput(
            "the recurrence rule gives no occurrences".to_owned(),
        ));
    };
    let span = Interval::new(earliest.start, latest.end);
    let versions = Versions::read(db).await?;
    let target = Target::load(db, versions, row.id, span).await?;
    principal.require_on(
        Model::Reservation,
        Action::Create,
        &target.ownership(principal.user_id),
    )?;
    let limits = quotas::applicable(db, versions, principal.user_id).await?;
    Ok(Prepared {
        target,
        limits,
        occurrences,
        span,
        rule,
    })
}

impl Prepared {
    /// Each occurrence in order: bookable (it then takes its time from the later ones, and
    /// counts towards the quotas), or skipped with its reasons. Reads through `db`, which
    /// is the write transaction when booking.
    async fn plan(
        &self,
        db: &impl ConnectionTrait,
        user_id: i32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Result<Interval, SkippedOccurrence>>, ServiceError> {
        let target = &self.target;
        let mut taken = target
            .busy(db, padded_for(&target.rules, self.span), &[])
            .await?;
        let mut ledger = Ledger::load(
            db,
            &self.limits,
            user_id,
            target.rules.timezone,
            self.span,
            &[],
        )
        .await?;
        let mut plan = Vec::with_capacity(self.occurrences.len());
        for &occurrence in &self.occurrences {
            let mut violations = rule_violations(&target.row, &target.rules, occurrence, now);
            violations.extend(ledger.violations(occurrence));
            let conflicts = availability::conflicts(&target.rules, &taken, occurrence);
            if violations.is_empty() && conflicts.is_empty() {
                ledger.add(occurrence);
                taken.push(Busy {
                    booked: occurrence,
                    blocked: target.rules.blocking(occurrence),
                });
                plan.push(Ok(occurrence));
            } else {
                plan.push(Err(skipped(occurrence, conflicts, violations)));
            }
        }
        Ok(plan)
    }
}

/// What booking the series now would do, occurrence by occurrence, without booking it: the
/// booking dialog's preview.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id))]
pub async fn preview(
    db: &DatabaseConnection,
    principal: &Principal,
    request: NewSeries,
) -> Result<Vec<Result<Interval, SkippedOccurrence>>, ServiceError> {
    let prepared = prepare(db, principal, &request).await?;
    prepared.plan(db, principal.user_id, Utc::now()).await
}

/// `POST /reservations/recurring`.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id))]
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    request: NewSeries,
) -> Result<SeriesAnswer, ServiceError> {
    let title = text_field(request.title.clone(), "title", MAX_TITLE)?;
    let notes = text_field(request.notes.clone(), "notes", MAX_NOTES)?;
    let prepared = prepare(db, principal, &request).await?;
    let user_id = principal.user_id;
    let now = Utc::now();
    let rrule = prepared.rule.to_string();
    let mut writer = Writer::new(db);
    loop {
        let started = writer.begin().await?;
        let tx = &*started;
        let (prepared, title, notes, rrule) =
            (&prepared, title.clone(), notes.clone(), rrule.clone());
        let outcome: Result<SeriesAnswer, ServiceError> = async {
            let target = &prepared.target;
            target.lock(tx).await?;
            let (planned, refused): (Vec<_>, Vec<_>) = prepared
                .plan(tx, user_id, now)
                .await?
                .into_iter()
                .partition(Result::is_ok);
            let planned: Vec<Interval> = planned.into_iter().flatten().collect();
            let refused: Vec<SkippedOccurrence> =
                refused.into_iter().filter_map(Result::err).collect();
            if planned.is_empty()
                || (request.on_conflict == OnConflict::Fail && !refused.is_empty())
            {
                return Err(ServiceError::SeriesRefused(refused));
            }
            let series = reservation_series::ActiveModel {
                resource_id: Set(target.row.id),
                user_id: Set(user_id),
                rrule: Set(rrule),
                timezone: Set(target.row.timezone.clone()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(tx)
            .await?;
            let mut created = Vec::with_capacity(planned.len());
            let mut first = None;
            for interval in planned {
                let row = target
                    .insert(
                        tx,
                        NewRow {
                            user_id,
                            interval,
                            status: target.initial_status(),
                            title: title.clone(),
                            notes: notes.clone(),
                            series_id: Some(series.id),
                        },
                        Event {
                            actor: Some(user_id),
                            action: "created",
                            reason: "",
                            at: now,
                        },
                    )
                    .await?;
                first.get_or_insert_with(|| row.clone());
                created.push(to_api(row));
            }
            if let Some(first) = &first {
                notifications::series_booked(tx, first, created.len(), now).await?;
            }
            Ok(SeriesAnswer {
                series_id: series.id.into(),
                created,
                skipped: refused,
            })
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            break done;
        }
    }
}
