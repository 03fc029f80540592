//! The server functions behind a repeating booking from the booking dialog: a preview of
//! every occurrence (and which would be skipped, and why) as the form changes, then the
//! booking itself, which books the free ones and skips the rest.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server_fns::LocalSpan;
use crate::error::AppError;

/// One occurrence of a series: free to book, or skipped for its conflicts and broken rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedOccurrence {
    pub span: LocalSpan,
    pub conflicts: Vec<LocalSpan>,
    /// Fluent keys of the rules it breaks.
    pub violations: Vec<String>,
}

impl PlannedOccurrence {
    pub fn bookable(&self) -> bool {
        self.conflicts.is_empty() && self.violations.is_empty()
    }
}

/// What booking a series did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesBooking {
    /// The resource's zone, which the spans are in.
    pub timezone: String,
    pub created: Vec<LocalSpan>,
    /// The booked ones wait for an approver.
    pub pending: bool,
    pub skipped: Vec<PlannedOccurrence>,
}

/// The most occurrences the dialog offers (the engine's own limit).
pub const MAX_REPEAT: u32 = crate::domain::recurrence::MAX_OCCURRENCES as u32;

/// The `RRULE` of the dialog's repeat fields: `frequency` daily, weekly or monthly; ending
/// after `count` occurrences, or on the local date `until` when one is given.
pub fn rrule(frequency: &str, count: u32, until: &str) -> Result<String, AppError> {
    let freq = match frequency {
        "daily" => "DAILY",
        "weekly" => "WEEKLY",
        "monthly" => "MONTHLY",
        other => {
            return Err(AppError::InvalidInput(format!(
                "{other:?} is not daily, weekly or monthly"
            )));
        }
    };
    let until = until.trim();
    if until.is_empty() {
        if !(1..=MAX_REPEAT).contains(&count) {
            return Err(AppError::InvalidInput(format!(
                "a series has 1 to {MAX_REPEAT} occurrences, not {count}"
            )));
        }
        return Ok(format!("FREQ={freq};COUNT={count}"));
    }
    let day = chrono::NaiveDate::parse_from_str(until, "%Y-%m-%d")
        .map_err(|_| AppError::InvalidInput(format!("{until:?} is not a date (YYYY-MM-DD)")))?;
    Ok(format!("FREQ={freq};UNTIL={}", day.format("%Y%m%d")))
}

#[cfg(feature = "ssr")]
mod convert {
    use chrono_tz::Tz;

    use super::PlannedOccurrence;
    use crate::domain::availability::Interval;
    use crate::reservations::SkippedOccurrence;
    use crate::reservations::server_fns::local_span;

    pub fn planned(tz: Tz, occurrence: Result<Interval, SkippedOccurrence>) -> PlannedOccurrence {
        match occurrence {
            Ok(free) => PlannedOccurrence {
                span: local_span(tz, free.start, free.end),
                conflicts: Vec::new(),
                violations: Vec::new(),
            },
            Err(skipped) => PlannedOccurrence {
                span: local_span(tz, skipped.start_time, skipped.end_time),
                conflicts: skipped
                    .conflicts
                    .into_iter()
                    .map(|c| local_span(tz, c.start_time, c.end_time))
                    .collect(),
                violations: skipped
                    .violations
                    .into_iter()
                    .map(|v| v.violation.message_key().to_owned())
                    .collect(),
            },
        }
    }
}

/// The series a dialog's fields name, with the resource's zone.
#[cfg(feature = "ssr")]
async fn series_of(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    form: Form,
) -> Result<(chrono_tz::Tz, super::NewSeries), AppError> {
    let (tz, first) = super::server_fns::proposal_of(
        db,
        principal,
        form.resource_id,
        &form.date,
        &form.start,
        &form.end,
    )
    .await?;
    let title = form.title.trim();
    Ok((
        tz,
        super::NewSeries {
            resource_id: form.resource_id,
            start_time: first.start_time,
            end_time: first.end_time,
            recurrence: super::Recurrence {
                rrule: rrule(&form.frequency, form.count, &form.until)?,
            },
            on_conflict: super::OnConflict::Skip,
            title: (!title.is_empty()).then(|| title.to_owned()),
            notes: None,
        },
    ))
}

/// The dialog's fields for a repeating booking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub resource_id: i64,
    pub date: String,
    pub start: String,
    pub end: String,
    pub title: String,
    pub frequency: String,
    pub count: u32,
    pub until: String,
}

/// Every occurrence the form names, in order, each free or skipped with its reasons.
/// Books nothing.
#[server(prefix = "/api/fn", endpoint = "preview_series")]
pub async fn preview_series(form: Form) -> Result<Vec<PlannedOccurrence>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let (tz, series) = series_of(&db, &principal, form).await?;
        let plan = crate::services::recurring::preview(&db, &principal, series).await?;
        Ok(plan
            .into_iter()
            .map(|occurrence| convert::planned(tz, occurrence))
            .collect())
    })
    .await
}

/// Books the free occurrences of the series the form names and skips the others.
#[server(prefix = "/api/fn", endpoint = "book_series")]
pub async fn book_series(form: Form) -> Result<SeriesBooking, AppError> {
    crate::error::answer(async move {
        use crate::services::{ServiceError, recurring};
        let (db, principal) = crate::services::caller().await?;
        let (tz, series) = series_of(&db, &principal, form).await?;
        let skipped = |list: Vec<super::SkippedOccurrence>| {
            list.into_iter()
                .map(|s| convert::planned(tz, Err(s)))
                .collect()
        };
        match recurring::create(&db, &principal, series).await {
            Ok(answer) => Ok(SeriesBooking {
                timezone: tz.name().to_owned(),
                pending: answer
                    .created
                    .iter()
                    .any(|r| r.status == super::ReservationStatus::PendingApproval.as_str()),
                created: answer
                    .created
                    .iter()
                    .map(|r| super::server_fns::local_span(tz, r.start_time, r.end_time))
                    .collect(),
                skipped: skipped(answer.skipped),
            }),
            Err(ServiceError::SeriesRefused(refused)) => Ok(SeriesBooking {
                timezone: tz.name().to_owned(),
                created: Vec::new(),
                pending: false,
                skipped: skipped(refused),
            }),
            Err(other) => Err(other.into()),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeat_fields_become_a_bounded_rule() {
        assert_eq!(rrule("weekly", 4, "").unwrap(), "FREQ=WEEKLY;COUNT=4");
        assert_eq!(
            rrule("monthly", 4, "2027-03-31").unwrap(),
            "FREQ=MONTHLY;UNTIL=20270331"
        );
        assert!(rrule("yearly", 4, "").is_err());
        assert!(rrule("daily", 0, "").is_err());
        assert!(rrule("daily", MAX_REPEAT + 1, "").is_err());
        assert!(rrule("daily", 3, "31/03/2027").is_err());
    }
}
