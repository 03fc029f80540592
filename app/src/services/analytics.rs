//! Analytics for admins and managers: how much each resource is used, which are most in
//! demand, when people book, and the bookings themselves as CSV. `analytics:read:all` sees
//! every resource; `analytics:read:group` (managers) those of the caller's groups and their
//! subgroups.
//!
//! A period is `[from, to)`, or the last `days` up to now; with neither, the 30 days before
//! now and the 30 after. Hours of the day and days of the week are the resource's local ones.
//! Utilisation is the time booked (active bookings) over the time open (business hours, less
//! blackout dates and exceptions) within the period.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::authz::Principal;
use super::catalog::GroupTree;
use super::rules::effective_rules;
use super::users::usernames;
use super::waitlist;
use super::{ServiceError, csv_text};
use crate::domain::availability::{Interval, open_between};
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{reservation, resource, user, waitlist_entry};
use crate::reservations::ReservationStatus;

/// The longest period one request may cover.
pub const MAX_DAYS: i64 = 366;
/// The period when none is given: this many days before now and as many after, so that both
/// recent and upcoming bookings count (most bookings are made ahead of time). Also the length
/// of a period given by only `from` or only `to`.
pub const DEFAULT_DAYS: i64 = 30;
/// How many resources the dashboard ranks.
const DASHBOARD_TOP: usize = 5;
/// The most reservations one CSV export writes.
pub const MAX_EXPORT_ROWS: u64 = 100_000;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// What a request asks about: a period, and optionally one resource.
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub days: Option<i64>,
    pub resource_id: Option<i64>,
}

pub use crate::analytics::{
    AnalyticsReport, Dashboard, DayCount, HourCount, Overview, PeakSummary, PeakTimes, Period,
    PopularResource, PopularResources, ResourceUtilization, Utilization,
};

/// The resources the caller may analyse, and their bookings that overlap the period. Held
/// waitlist offers, and offers that were declined or lapsed, were never anyone's booking and
/// are left out.
struct Data {
    period: Interval,
    tree: GroupTree,
    resources: Vec<resource::Model>,
    bookings: Vec<reservation::Model>,
}

impl Data {
    /// Refuses with a 422 when more than `cap` bookings overlap the period.
    async fn load(
        db: &DatabaseConnection,
        principal: &Principal,
        query: &Query,
        cap: Option<u64>,
    ) -> Result<Self, ServiceError> {
        principal.require(Model::Analytics, Action::Read)?;
        let period = period(query, Utc::now())?;
        let tree = GroupTree::load(db).await?;
        let mut select = resource::Entity::find();
        if let Some(id) = query.resource_id {
            let id = i32::try_from(id).map_err(|_| ServiceError::NotFound)?;
            select = select.filter(resource::Column::Id.eq(id));
        }
        let resources: Vec<resource::Model> = select
            .all(db)
            .await?
            .into_iter()
            .filter(|r| {
                principal
                    .grants
                    .may_on(Model::Analytics, Action::Read, &tree.ownership(r.group_id))
            })
            .collect();
        if query.resource_id.is_some() && resources.is_empty() {
            return Err(ServiceError::NotFound);
        }
        let ids: HashSet<i32> = resources.iter().map(|r| r.id).collect();
        let mut select = reservation::Entity::find()
            .filter(reservation::Column::StartTime.lt(period.end))
            .filter(reservation::Column::EndTime.gt(period.start))
            .filter(reservation::Column::Status.is_not_in([
                ReservationStatus::Held.as_str(),
                ReservationStatus::Expired.as_str(),
            ]));
        if let Some(only) = query.resource_id {
            select = select.filter(reservation::Column::ResourceId.eq(only));
        } else if !principal.grants.may_all(Model::Analytics, Action::Read) && ids.len() <= 500 {
            select = select.filter(reservation::Column::ResourceId.is_in(ids.iter().copied()));
        }
        if let Some(cap) = cap
            && select.clone().count(db).await? > cap
        {
            return Err(ServiceError::InvalidInput(format!(
                "a report holds at most {cap} reservations; choose a shorter period"
            )));
        }
        let never_booked: HashSet<i32> = waitlist_entry::Entity::find()
            .filter(waitlist_entry::Column::ReservationId.is_not_null())
            .filter(waitlist_entry::Column::Status.ne(waitlist::ACCEPTED))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|e| e.reservation_id)
            .collect();
        let bookings = select
            .all(db)
            .await?
            .into_iter()
            .filter(|b| ids.contains(&b.resource_id) && !never_booked.contains(&b.id))
            .collect();
        Ok(Data {
            period,
            tree,
            resources,
            bookings,
        })
    }

    /// The bookings that start in the period: what the counts count.
    fn starting(&self) -> impl Iterator<Item = &reservation::Model> {
        let period = self.period;
        self.bookings
            .iter()
            .filter(move |b| b.start_time >= period.start && b.start_time < period.end)
    }

    fn period(&self) -> Period {
        Period {
            start: self.period.start,
            end: self.period.end,
            days: round2(self.period.duration().num_minutes() as f64 / (24.0 * 60.0)),
        }
    }

    /// The active bookings that start in the period.
    fn active(&self) -> impl Iterator<Item = &reservation::Model> {
        let active = ReservationStatus::Active.as_str();
        self.starting().filter(move |b| b.status == active)
    }

    async fn utilization(
        &self,
        db: &DatabaseConnection,
    ) -> Result<Vec<ResourceUtilization>, ServiceError> {
        let rules = effective_rules(db, &self.resources, &self.tree, self.period).await?;
        let open: HashMap<i32, Vec<Interval>> = self
            .resources
            .iter()
            .map(|r| {
                let open = rules
                    .get(&r.id)
                    .map(|rules| open_between(rules, self.period))
                    .unwrap_or_default();
                (r.id, open)
            })
            .collect();
        // Booked time is the part of each active booking that falls in the period while the
        // resource is open (a booking begun before the period counts from its start).
        let active = ReservationStatus::Active.as_str();
        let mut booked: HashMap<i32, (Duration, u64)> = HashMap::new();
        for b in self.bookings.iter().filter(|b| b.status == active) {
            let spans = open
                .get(&b.resource_id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let entry = booked.entry(b.resource_id).or_default();
            entry.0 += open_overlap(spans, Interval::new(b.start_time, b.end_time));
            entry.1 += 1;
        }
        let mut rows: Vec<ResourceUtilization> = self
            .resources
            .iter()
            .map(|r| {
                let open: Duration = open
                    .get(&r.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default()
                    .iter()
                    .map(Interval::duration)
                    .sum();
                let (taken, count) = booked.get(&r.id).copied().unwrap_or_default();
                let open_hours = hours(open);
                let booked_hours = hours(taken);
                ResourceUtilization {
                    resource_id: r.id.into(),
                    resource_name: r.name.clone(),
                    total_hours_available: round2(open_hours),
                    booked_hours: round2(booked_hours),
                    utilization_percent: if open_hours > 0.0 {
                        round2((booked_hours / open_hours * 100.0).min(100.0))
                    } else {
                        0.0
                    },
                    reservation_count: count,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            b.utilization_percent
                .total_cmp(&a.utilization_percent)
                .then_with(|| a.resource_name.cmp(&b.resource_name))
        });
        Ok(rows)
    }

    fn popular(&self, limit: usize) -> Vec<PopularResource> {
        let mut by_resource: HashMap<i32, (u64, Duration, HashSet<i32>)> = HashMap::new();
        for b in self.active() {
            let entry = by_resource.entry(b.resource_id).or_default();
            entry.0 += 1;
            entry.1 += Interval::new(b.start_time, b.end_time).duration();
            entry.2.insert(b.user_id);
        }
        let mut ranked: Vec<PopularResource> = self
            .resources
            .iter()
            .filter_map(|r| {
                let (count, time, users) = by_resource.get(&r.id)?;
                Some(PopularResource {
                    rank: 0,
                    resource_id: r.id.into(),
                    resource_name: r.name.clone(),
                    reservation_count: *count,
                    total_hours: round2(hours(*time)),
                    unique_users: users.len() as u64,
                })
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.reservation_count
                .cmp(&a.reservation_count)
                .then_with(|| b.total_hours.total_cmp(&a.total_hours))
                .then_with(|| a.resource_name.cmp(&b.resource_name))
        });
        ranked.truncate(limit);
        for (i, r) in ranked.iter_mut().enumerate() {
            r.rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        ranked
    }

    fn peak_times(&self) -> PeakTimes {
        let zones: HashMap<i32, chrono_tz::Tz> = self
            .resources
            .iter()
            .map(|r| (r.id, r.timezone.parse().unwrap_or(chrono_tz::UTC)))
            .collect();
        let mut hourly = [0u64; 24];
        let mut daily = [0u64; 7];
        let mut total = 0;
        for b in self.active() {
            let tz = zones.get(&b.resource_id).copied().unwrap_or(chrono_tz::UTC);
            let local = b.start_time.with_timezone(&tz);
            hourly[local.hour() as usize] += 1;
            daily[local.weekday().num_days_from_monday() as usize] += 1;
            total += 1;
        }
        let peak = |counts: &[u64]| {
            counts
                .iter()
                .enumerate()
                .filter(|(_, c)| **c > 0)
                .max_by(|(i, a), (j, b)| a.cmp(b).then_with(|| j.cmp(i)))
                .map(|(i, c)| (i, *c))
        };
        let peak_hour = peak(&hourly);
        let peak_day = peak(&daily);
        PeakTimes {
            period: self.period(),
            total_reservations: total,
            hourly_distribution: (0u32..)
                .zip(hourly)
                .map(|(hour, count)| HourCount { hour, count })
                .collect(),
            daily_distribution: (0u32..)
                .zip(daily)
                .map(|(day_number, count)| DayCount {
                    day: WEEKDAYS[day_number as usize].to_owned(),
                    day_number,
                    count,
                })
                .collect(),
            peak_hour: peak_hour.map(|(h, _)| h as u32),
            peak_hour_count: peak_hour.map_or(0, |(_, c)| c),
            peak_day: peak_day.map(|(d, _)| WEEKDAYS[d].to_owned()),
            peak_day_count: peak_day.map_or(0, |(_, c)| c),
        }
    }
}

/// How much of `booking` falls within the sorted, disjoint `open` intervals.
fn open_overlap(open: &[Interval], booking: Interval) -> Duration {
    let first = open.partition_point(|o| o.end <= booking.start);
    open[first..]
        .iter()
        .take_while(|o| o.start < booking.end)
        .map(|o| Interval::new(o.start.max(booking.start), o.end.min(booking.end)).duration())
        .sum()
}

/// `[from, to)`, the last `days` up to `now`, or with neither [`DEFAULT_DAYS`] either side of
/// `now`; refused when empty, reversed or too long.
fn period(query: &Query, now: DateTime<Utc>) -> Result<Interval, ServiceError> {
    if query.from.is_none() && query.to.is_none() && query.days.is_none() {
        let around = Duration::days(DEFAULT_DAYS);
        return Ok(Interval::new(now - around, now + around));
    }
    let days = query.days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ServiceError::InvalidInput(format!(
            "days must be 1 to {MAX_DAYS}"
        )));
    }
    let (start, end) = match (query.from, query.to) {
        (Some(from), Some(to)) => (from, to),
        (Some(from), None) => (from, from + Duration::days(days)),
        (None, Some(to)) => (to - Duration::days(days), to),
        (None, None) => (now - Duration::days(days), now),
    };
    if start >= end {
        return Err(ServiceError::InvalidInput(
            "from must be before to".to_owned(),
        ));
    }
    if end - start > Duration::days(MAX_DAYS) {
        return Err(ServiceError::InvalidInput(format!(
            "a period is at most {MAX_DAYS} days"
        )));
    }
    Ok(Interval::new(start, end))
}

fn hours(d: Duration) -> f64 {
    d.num_seconds() as f64 / 3600.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `GET /analytics/utilization`: each resource's booked and open hours, most used first.
pub async fn utilization(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<Utilization, ServiceError> {
    let data = Data::load(db, principal, query, None).await?;
    Ok(Utilization {
        period: data.period(),
        utilization: data.utilization(db).await?,
    })
}

/// `GET /analytics/popular-resources`: the `limit` resources booked most often.
pub async fn popular_resources(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
    limit: usize,
) -> Result<PopularResources, ServiceError> {
    let data = Data::load(db, principal, query, None).await?;
    Ok(PopularResources {
        period: data.period(),
        resources: data.popular(limit),
    })
}

/// `GET /analytics/peak-times`: bookings by local hour of the day and day of the week.
pub async fn peak_times(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<PeakTimes, ServiceError> {
    Ok(Data::load(db, principal, query, None).await?.peak_times())
}

/// `GET /analytics/dashboard`: the figures above at a glance.
pub async fn dashboard(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<Dashboard, ServiceError> {
    Ok(report(db, principal, query).await?.dashboard)
}

/// The dashboard with the whole utilisation table and the peaks (`/admin/analytics`), from
/// one read of the period's bookings.
pub async fn report(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<AnalyticsReport, ServiceError> {
    let data = Data::load(db, principal, query, None).await?;
    let utilization = data.utilization(db).await?;
    let count = |status: ReservationStatus| {
        data.starting()
            .filter(|b| b.status == status.as_str())
            .count() as u64
    };
    let total = data.starting().count() as u64;
    let cancelled = count(ReservationStatus::Cancelled);
    let peaks = data.peak_times();
    let total_users = if principal.grants.may_all(Model::Analytics, Action::Read) {
        user::Entity::find().count(db).await?
    } else {
        data.starting()
            .map(|b| b.user_id)
            .collect::<HashSet<_>>()
            .len() as u64
    };
    let dashboard = Dashboard {
        period: data.period(),
        overview: Overview {
            total_resources: data.resources.len() as u64,
            total_users,
            total_reservations: total,
            active_reservations: count(ReservationStatus::Active),
            pending_reservations: count(ReservationStatus::PendingApproval),
            cancelled_reservations: cancelled,
            cancellation_rate: if total > 0 {
                round2(cancelled as f64 / total as f64 * 100.0)
            } else {
                0.0
            },
            average_utilization: if utilization.is_empty() {
                0.0
            } else {
                round2(
                    utilization
                        .iter()
                        .map(|u| u.utilization_percent)
                        .sum::<f64>()
                        / utilization.len() as f64,
                )
            },
        },
        top_resources: data.popular(DASHBOARD_TOP),
        peak_times: PeakSummary {
            peak_hour: peaks.peak_hour,
            peak_day: peaks.peak_day.clone(),
        },
    };
    Ok(AnalyticsReport {
        dashboard,
        utilization,
        peaks,
    })
}

/// `GET /analytics/export/utilization.csv`.
pub async fn utilization_csv(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<String, ServiceError> {
    let report = utilization(db, principal, query).await?;
    let mut rows = vec![
        [
            "resource_id",
            "resource_name",
            "total_hours_available",
            "booked_hours",
            "utilization_percent",
            "reservation_count",
        ]
        .map(str::to_owned),
    ];
    rows.extend(report.utilization.into_iter().map(|u| {
        [
            u.resource_id.to_string(),
            u.resource_name,
            u.total_hours_available.to_string(),
            u.booked_hours.to_string(),
            u.utilization_percent.to_string(),
            u.reservation_count.to_string(),
        ]
    }));
    csv_text(rows)
}

/// `GET /analytics/export/reservations.csv`: every booking starting in the period, any
/// status (not offers never taken up), earliest first, with who booked it.
pub async fn reservations_csv(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &Query,
) -> Result<String, ServiceError> {
    let data = Data::load(db, principal, query, Some(MAX_EXPORT_ROWS)).await?;
    let mut bookings: Vec<&reservation::Model> = data.starting().collect();
    bookings.sort_by_key(|b| (b.start_time, b.id));
    let names: HashMap<i32, &str> = data
        .resources
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let usernames = usernames(db, bookings.iter().map(|b| b.user_id)).await?;
    let mut rows = vec![
        [
            "id",
            "resource_id",
            "resource_name",
            "user_id",
            "username",
            "start_time",
            "end_time",
            "status",
            "title",
            "created_at",
            "cancelled_at",
        ]
        .map(str::to_owned),
    ];
    rows.extend(bookings.iter().map(|b| {
        [
            b.id.to_string(),
            b.resource_id.to_string(),
            names
                .get(&b.resource_id)
                .copied()
                .unwrap_or_default()
                .to_owned(),
            b.user_id.to_string(),
            usernames.get(&b.user_id).cloned().unwrap_or_default(),
            super::utc_text(b.start_time),
            super::utc_text(b.end_time),
            b.status.clone(),
            b.title.clone(),
            super::utc_text(b.created_at),
            b.cancelled_at.map(super::utc_text).unwrap_or_default(),
        ]
    }));
    csv_text(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn booked_time_counts_only_while_open() {
        let open = [
            Interval::new(at("2027-03-01T08:00:00Z"), at("2027-03-01T16:00:00Z")),
            Interval::new(at("2027-03-02T08:00:00Z"), at("2027-03-02T16:00:00Z")),
        ];
        let hours_of = |start, end| hours(open_overlap(&open, Interval::new(at(start), at(end))));
        assert_eq!(
            hours_of("2027-03-01T09:00:00Z", "2027-03-01T11:00:00Z"),
            2.0
        );
        assert_eq!(
            hours_of("2027-03-01T06:00:00Z", "2027-03-01T09:00:00Z"),
            1.0
        );
        assert_eq!(
            hours_of("2027-03-01T15:00:00Z", "2027-03-02T09:00:00Z"),
            2.0
        );
        assert_eq!(
            hours_of("2027-03-01T17:00:00Z", "2027-03-01T20:00:00Z"),
            0.0
        );
        assert_eq!(
            hours_of("2027-02-28T00:00:00Z", "2027-03-03T00:00:00Z"),
            16.0
        );
    }

    #[test]
    fn a_period_is_given_or_the_last_days_and_never_empty_or_too_long() {
        let now = at("2026-12-03T12:00:00Z");
        let around = period(&Query::default(), now).unwrap();
        assert_eq!(around.start, at("2026-11-03T12:00:00Z"));
        assert_eq!(around.end, at("2027-01-02T12:00:00Z"));
        let last_30 = period(
            &Query {
                days: Some(30),
                ..Query::default()
            },
            now,
        )
        .unwrap();
        assert_eq!(last_30.start, at("2026-11-03T12:00:00Z"));
        assert_eq!(last_30.end, now);
        let given = Query {
            from: Some(at("2026-01-01T00:00:00Z")),
            to: Some(at("2026-02-01T00:00:00Z")),
            ..Query::default()
        };
        assert_eq!(period(&given, now).unwrap().end, at("2026-02-01T00:00:00Z"));
        let reversed = Query {
            from: given.to,
            to: given.from,
            ..Query::default()
        };
        assert!(period(&reversed, now).is_err());
        let too_long = Query {
            from: Some(at("2024-01-01T00:00:00Z")),
            to: Some(at("2026-01-01T00:00:00Z")),
            ..Query::default()
        };
        assert!(period(&too_long, now).is_err());
        for days in [0, 367] {
            let query = Query {
                days: Some(days),
                ..Query::default()
            };
            assert!(period(&query, now).is_err(), "{days}");
        }
    }
}
