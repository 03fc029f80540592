//! The server functions the booking pages call. Times travel as a local date and `HH:MM`
//! clock readings in the resource's own zone: the server converts them, so the browser needs
//! no time-zone database.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A span of time as the booking pages show it: a local date and its clock readings in the
/// resource's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalSpan {
    pub date: NaiveDate,
    pub start: String,
    pub end: String,
    /// The end's date when it is a later one (an overnight booking ends the next day); none
    /// when it is on `date`, or is the midnight at its end (`24:00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ends_on: Option<NaiveDate>,
}

impl LocalSpan {
    /// A span within one date.
    pub fn on(date: NaiveDate, start: String, end: String) -> Self {
        LocalSpan {
            date,
            start,
            end,
            ends_on: None,
        }
    }

    /// Whether it ends after the day after `date`, more than a form of one date can say.
    pub fn spans_days(&self) -> bool {
        self.ends_on > self.date.succ_opt()
    }

    /// Its end as written after its start: "11:00", "02:00 the next day" overnight, or
    /// "10:00 on Wednesday, 9 December" after that.
    pub fn end_words(&self, locale: crate::i18n::Locale) -> String {
        use crate::i18n::{long_date, translate_with};
        match self.ends_on {
            None => self.end.clone(),
            Some(day) if Some(day) == self.date.succ_opt() => {
                translate_with(locale, "time-next-day", &[("time", &self.end)])
            }
            Some(day) => translate_with(
                locale,
                "time-on-date",
                &[("time", &self.end), ("date", &long_date(locale, day))],
            ),
        }
    }
}

/// A form's clock reading, written exactly `HH:MM` (`24:00` is not one: see [`is_clock`]).
fn clock(text: &str) -> Option<chrono::NaiveTime> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 5
        && bytes[2] == b':'
        && [0, 1, 3, 4].into_iter().all(|i| bytes[i].is_ascii_digit());
    shaped
        .then(|| chrono::NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
}

/// Whether a form's field holds a time the server reads: `HH:MM`, or `24:00` for the end of
/// the day.
pub fn is_clock(text: &str) -> bool {
    text.trim() == "24:00" || clock(text).is_some()
}

/// Whether a span written `start`–`end` on one date ends on the next day: its end is earlier
/// in the day than its start, as in 22:00–02:00. (`24:00` is the end of the date itself.)
pub fn ends_next_day(start: &str, end: &str) -> bool {
    matches!((clock(start), clock(end)), (Some(start), Some(end)) if end < start)
}

/// Whether a proposed booking would be accepted, and if not why, in words the page translates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingCheck {
    pub available: bool,
    /// The bookings the proposal would overlap.
    pub conflicts: Vec<LocalSpan>,
    /// Fluent keys of the rules it breaks.
    pub violations: Vec<String>,
    /// The proposal in the caller's own zone, when it is not the resource's.
    pub in_your_zone: Option<ZonedSpan>,
}

/// A span with the zone it is written in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZonedSpan {
    pub zone: String,
    pub span: LocalSpan,
}

/// The answer to a booking from the dialog.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingOutcome {
    /// Booked; `pending` when it waits for an approver.
    Booked {
        reservation_id: i64,
        pending: bool,
        span: LocalSpan,
    },
    /// Not booked, and why.
    Refused(BookingCheck),
}

/// One of my reservations as `/reservations` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReservation {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub timezone: String,
    pub status: String,
    pub title: String,
    pub series_id: Option<i64>,
    pub span: LocalSpan,
}

/// `/reservations`: my bookings, upcoming first-to-come, past and cancelled latest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyBookings {
    pub upcoming: Vec<MyReservation>,
    pub past: Vec<MyReservation>,
    /// Cancelled, rejected and expired.
    pub ended: Vec<MyReservation>,
}

#[cfg(feature = "ssr")]
mod convert {
    use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
    use chrono_tz::Tz;

    use super::{LocalSpan, clock, ends_next_day};
    use crate::error::AppError;

    /// Reads a form's `HH:MM`; `24:00` is the end of the day (`true`: on the next day).
    fn parse_clock(text: &str) -> Option<(chrono::NaiveTime, bool)> {
        if text.trim() == "24:00" {
            return Some((chrono::NaiveTime::MIN, true));
        }
        clock(text).map(|time| (time, false))
    }

    /// The instant a clock reading on `day` names in `tz`; the earlier one when clocks go
    /// back, an error inside a gap when they go forward.
    fn instant(tz: Tz, day: NaiveDate, reading: &str) -> Result<DateTime<Utc>, AppError> {
        let (time, next_day) = parse_clock(reading)
            .ok_or_else(|| AppError::InvalidInput(format!("{reading:?} is not a time (HH:MM)")))?;
        let on = if next_day {
            day + Duration::days(1)
        } else {
            day
        };
        tz.from_local_datetime(&on.and_time(time))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| {
                AppError::InvalidInput(format!("{day} {reading} does not exist in {tz}"))
            })
    }

    /// The instants a form's `date`, `start` and `end` name in `tz`. An end earlier in the day
    /// than the start is on the next day, so 22:00–02:00 is an overnight booking.
    pub fn span(
        tz: Tz,
        date: &str,
        start: &str,
        end: &str,
    ) -> Result<(DateTime<Utc>, DateTime<Utc>), AppError> {
        let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::InvalidInput(format!("{date:?} is not a date (YYYY-MM-DD)")))?;
        let begins = instant(tz, day, start)?;
        if !ends_next_day(start, end) {
            return Ok((begins, instant(tz, day, end)?));
        }
        // On the night clocks go back, an end in the repeated hour (02:40 to 02:10) may still
        // be later the same day.
        let repeated = clock(end)
            .and_then(|time| tz.from_local_datetime(&day.and_time(time)).latest())
            .map(|t| t.with_timezone(&Utc))
            .filter(|t| *t > begins);
        match repeated {
            Some(ends) => Ok((begins, ends)),
            None => Ok((begins, instant(tz, day + Duration::days(1), end)?)),
        }
    }

    /// `start`..`end` written in `tz`; an end at midnight reads `24:00` on the start's day.
    pub fn local_span(tz: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> LocalSpan {
        let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
        let (date, end_date) = (start.date_naive(), end.date_naive());
        let midnight_after =
            end.time() == chrono::NaiveTime::MIN && end_date == date + Duration::days(1);
        LocalSpan {
            date,
            start: start.format("%H:%M").to_string(),
            end: if midnight_after {
                "24:00".to_owned()
            } else {
                end.format("%H:%M").to_string()
            },
            ends_on: (end_date != date && !midnight_after).then_some(end_date),
        }
    }

    /// The zone a stored resource names.
    pub fn zone(name: &str) -> Result<Tz, AppError> {
        name.parse().map_err(|_| AppError::Internal)
    }
}

#[cfg(feature = "ssr")]
pub use convert::{local_span, span, zone};

/// The caller's own zone, from their profile.
#[cfg(feature = "ssr")]
pub(crate) async fn own_zone(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
) -> Result<Option<chrono_tz::Tz>, AppError> {
    use sea_orm::EntityTrait;

    let user = crate::persistence::entities::user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await
        .map_err(crate::services::ServiceError::from)?;
    Ok(user.and_then(|u| u.timezone.parse::<chrono_tz::Tz>().ok()))
}

/// The caller's own zone when it is not `resource_zone`: times are then shown in both.
#[cfg(feature = "ssr")]
pub(crate) async fn zone_beside(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    resource_zone: chrono_tz::Tz,
) -> Result<Option<chrono_tz::Tz>, AppError> {
    Ok(own_zone(db, principal)
        .await?
        .filter(|yours| *yours != resource_zone))
}

/// The resource, its zone and the proposal a booking form names.
#[cfg(feature = "ssr")]
pub(crate) async fn proposal_of(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    resource_id: i64,
    date: &str,
    start: &str,
    end: &str,
) -> Result<(chrono_tz::Tz, crate::resources::CheckRequest), AppError> {
    let resource = crate::services::catalog::get(db, principal, resource_id).await?;
    let tz = zone(&resource.timezone)?;
    let (start_time, end_time) = span(tz, date, start, end)?;
    Ok((
        tz,
        crate::resources::CheckRequest {
            resource_id,
            start_time,
            end_time,
        },
    ))
}

#[cfg(feature = "ssr")]
fn to_check(tz: chrono_tz::Tz, answer: crate::resources::CheckAnswer) -> BookingCheck {
    BookingCheck {
        in_your_zone: None,
        available: answer.available,
        conflicts: answer
            .conflicts
            .into_iter()
            .map(|c| local_span(tz, c.start_time, c.end_time))
            .collect(),
        violations: answer
            .violations
            .into_iter()
            .map(|v| v.violation.message_key().to_owned())
            .collect(),
    }
}

/// Would booking `start`..`end` on `date` (in the resource's zone) be accepted? Books nothing.
#[server(prefix = "/api/fn", endpoint = "check_booking")]
pub async fn check_booking(
    resource_id: i64,
    date: String,
    start: String,
    end: String,
) -> Result<BookingCheck, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let (tz, request) = proposal_of(&db, &principal, resource_id, &date, &start, &end).await?;
        let (start, end) = (request.start_time, request.end_time);
        let answer = crate::services::availability::check(&db, &principal, request).await?;
        let in_your_zone = zone_beside(&db, &principal, tz)
            .await?
            .map(|yours| ZonedSpan {
                zone: yours.name().to_owned(),
                span: local_span(yours, start, end),
            });
        Ok(BookingCheck {
            in_your_zone,
            ..to_check(tz, answer)
        })
    })
    .await
}

/// Books `start`..`end` on `date` (in the resource's zone) for the caller. A refusal the
/// person can act on (taken, against the rules) comes back as `Refused` with its reasons.
#[server(prefix = "/api/fn", endpoint = "book_slot")]
pub async fn book_slot(
    resource_id: i64,
    date: String,
    start: String,
    end: String,
    title: String,
) -> Result<BookingOutcome, AppError> {
    crate::error::answer(async move {
        use crate::services::{ServiceError, availability, booking};
        let (db, principal) = crate::services::caller().await?;
        let (tz, request) = proposal_of(&db, &principal, resource_id, &date, &start, &end).await?;
        let title = title.trim();
        let new = super::NewReservation {
            resource_id,
            start_time: request.start_time,
            end_time: request.end_time,
            title: (!title.is_empty()).then(|| title.to_owned()),
            notes: None,
        };
        match booking::create(&db, &principal, new, None).await {
            Ok(created) => {
                let r = created.reservation;
                Ok(BookingOutcome::Booked {
                    reservation_id: r.id,
                    pending: r.status == super::ReservationStatus::PendingApproval.as_str(),
                    span: local_span(tz, r.start_time, r.end_time),
                })
            }
            Err(ServiceError::SlotTaken(_) | ServiceError::Refused(_)) => {
                let answer = availability::check(&db, &principal, request).await?;
                Ok(BookingOutcome::Refused(to_check(tz, answer)))
            }
            Err(other) => Err(other.into()),
        }
    })
    .await
}

/// The name and time zone of each resource in `ids`; one the caller may no longer see is
/// named by its number, in UTC.
#[cfg(feature = "ssr")]
pub(crate) async fn names_and_zones(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    ids: impl Iterator<Item = i64>,
) -> Result<std::collections::HashMap<i64, (String, String)>, AppError> {
    use crate::services::{ServiceError, catalog};
    let mut found = std::collections::HashMap::new();
    for id in ids {
        if found.contains_key(&id) {
            continue;
        }
        let named = match catalog::get(db, principal, id).await {
            Ok(r) => (r.name, r.timezone),
            Err(ServiceError::NotFound | ServiceError::Forbidden) => {
                (format!("#{id}"), "UTC".to_owned())
            }
            Err(other) => return Err(other.into()),
        };
        found.insert(id, named);
    }
    Ok(found)
}

/// How many of my reservations `/reservations` reads at most.
pub const MY_RESERVATIONS_LIMIT: usize = 1_000;

/// My reservations, sorted for `/reservations`.
#[server(prefix = "/api/fn", endpoint = "my_reservations")]
pub async fn my_reservations() -> Result<MyBookings, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        my_bookings(&db, &principal).await
    })
    .await
}

/// The caller's reservations (the latest [`MY_RESERVATIONS_LIMIT`]), sorted into upcoming
/// (soonest first), past and ended (latest first).
#[cfg(feature = "ssr")]
pub(crate) async fn my_bookings(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
) -> Result<MyBookings, AppError> {
    use crate::pagination::{MAX_LIMIT, PageRequest};
    use crate::services::reservations;
    let mut rows = Vec::new();
    let mut after = None;
    loop {
        let request = PageRequest {
            limit: MAX_LIMIT,
            after,
        };
        let page = reservations::list_mine(db, principal, request, true).await?;
        rows.extend(page.data);
        after = rows.last().filter(|_| page.has_more).map(|r| r.id);
        if after.is_none() || rows.len() >= MY_RESERVATIONS_LIMIT {
            break;
        }
    }
    let resources = names_and_zones(db, principal, rows.iter().map(|r| r.resource_id)).await?;
    let now = chrono::Utc::now();
    let (mut upcoming, mut past, mut ended) = (Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        let (name, timezone) = resources.get(&r.resource_id).cloned().unwrap_or_default();
        let tz = zone(&timezone)?;
        let blocks = super::ReservationStatus::parse(&r.status).is_some_and(|s| s.blocks());
        let entry = MyReservation {
            id: r.id,
            resource_id: r.resource_id,
            resource_name: name,
            timezone,
            status: r.status,
            title: r.title,
            series_id: r.series_id,
            span: local_span(tz, r.start_time, r.end_time),
        };
        match (blocks, r.end_time > now) {
            (false, _) => ended.push((r.start_time, entry)),
            (true, true) => upcoming.push((r.start_time, entry)),
            (true, false) => past.push((r.start_time, entry)),
        }
    }
    upcoming.sort_by_key(|(start, _)| *start);
    past.sort_by_key(|(start, _)| std::cmp::Reverse(*start));
    ended.sort_by_key(|(start, _)| std::cmp::Reverse(*start));
    let entries = |list: Vec<(_, MyReservation)>| list.into_iter().map(|(_, e)| e).collect();
    Ok(MyBookings {
        upcoming: entries(upcoming),
        past: entries(past),
        ended: entries(ended),
    })
}

/// Cancels one of my reservations; `scope` is `this`, `following` or `series`.
#[server(prefix = "/api/fn", endpoint = "cancel_reservation")]
pub async fn cancel_reservation(id: i64, scope: String) -> Result<Vec<i64>, AppError> {
    crate::error::answer(async move {
        use crate::services::{booking, waitlist::BookingSettings};
        let (db, principal) = crate::services::caller().await?;
        let settings = use_context::<BookingSettings>().unwrap_or_default();
        let scope = match scope.as_str() {
            "" | "this" => super::CancelScope::This,
            "following" => super::CancelScope::Following,
            "series" => super::CancelScope::Series,
            other => {
                return Err(AppError::InvalidInput(format!(
                    "{other:?} is not a cancel scope"
                )));
            }
        };
        let request = super::CancelRequest {
            reason: None,
            scope,
        };
        Ok(booking::cancel(&db, &principal, &settings, id, request)
            .await?
            .cancelled_ids)
    })
    .await
}

/// Moves one of my reservations to `start`..`end` on `date`, in its resource's zone, under
/// the same rules as a new booking; answers its new time.
#[server(prefix = "/api/fn", endpoint = "move_reservation")]
pub async fn move_reservation(
    id: i64,
    date: String,
    start: String,
    end: String,
) -> Result<LocalSpan, AppError> {
    crate::error::answer(async move {
        use crate::services::{booking, reservations, waitlist::BookingSettings};
        let (db, principal) = crate::services::caller().await?;
        let settings = use_context::<BookingSettings>().unwrap_or_default();
        let current = reservations::get(&db, &principal, id).await?;
        let (tz, proposal) =
            proposal_of(&db, &principal, current.resource_id, &date, &start, &end).await?;
        let change = super::Reschedule {
            start_time: Some(proposal.start_time),
            end_time: Some(proposal.end_time),
            title: None,
            notes: None,
        };
        let moved = booking::reschedule(&db, &principal, &settings, id, change).await?;
        Ok(local_span(tz, moved.start_time, moved.end_time))
    })
    .await
}

/// A reservation on the approvals board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalCard {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub timezone: String,
    pub username: String,
    pub title: String,
    pub span: LocalSpan,
    /// The reason given with the decision, for decided ones.
    pub reason: String,
}

/// `/approvals`: what waits for me, and what was decided over the last week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalColumns {
    pub pending: Vec<ApprovalCard>,
    pub approved: Vec<ApprovalCard>,
    pub rejected: Vec<ApprovalCard>,
}

/// How far back the board's decided columns reach.
pub const BOARD_DAYS: i64 = 7;

#[server(prefix = "/api/fn", endpoint = "approval_board")]
pub async fn approval_board() -> Result<ApprovalColumns, AppError> {
    crate::error::answer(async move {
        use crate::services::approvals;
        let (db, principal) = crate::services::caller().await?;
        let pending = approvals::pending(&db, &principal).await?;
        let since = chrono::Utc::now() - chrono::Duration::days(BOARD_DAYS);
        let decided = approvals::recent_decisions(&db, &principal, since).await?;
        let ids = pending
            .iter()
            .chain(decided.iter().map(|(item, _)| item))
            .map(|item| item.reservation.resource_id)
            .collect::<Vec<_>>();
        let zones = names_and_zones(&db, &principal, ids.into_iter()).await?;
        let card =
            |item: super::PendingApproval, reason: String| -> Result<ApprovalCard, AppError> {
                let r = item.reservation;
                let timezone = zones
                    .get(&r.resource_id)
                    .map_or_else(|| "UTC".to_owned(), |(_, zone)| zone.clone());
                Ok(ApprovalCard {
                    id: r.id,
                    resource_id: r.resource_id,
                    resource_name: item.resource_name,
                    span: local_span(zone(&timezone)?, r.start_time, r.end_time),
                    timezone,
                    username: item.username,
                    title: r.title,
                    reason,
                })
            };
        let mut board = ApprovalColumns {
            pending: pending
                .into_iter()
                .map(|item| card(item, String::new()))
                .collect::<Result<_, _>>()?,
            approved: Vec::new(),
            rejected: Vec::new(),
        };
        for (item, reason) in decided {
            let approved = item.reservation.status != super::ReservationStatus::Rejected.as_str();
            let entry = card(item, reason)?;
            if approved {
                board.approved.push(entry);
            } else {
                board.rejected.push(entry);
            }
        }
        Ok(board)
    })
    .await
}

/// Approves or rejects a pending reservation, with an optional reason.
#[server(prefix = "/api/fn", endpoint = "decide_approval")]
pub async fn decide_approval(id: i64, approved: bool, reason: String) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::{approvals, waitlist::BookingSettings};
        let (db, principal) = crate::services::caller().await?;
        let settings = use_context::<BookingSettings>().unwrap_or_default();
        let reason = reason.trim();
        let decision = super::ApprovalDecision {
            approved,
            reason: (!reason.is_empty()).then(|| reason.to_owned()),
        };
        approvals::respond(&db, &principal, &settings, id, decision).await?;
        Ok(())
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::i18n::Locale;

    fn utc(day: u32, month: u32, hour: u32, minute: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, month, day, hour, minute, 0)
            .unwrap()
    }

    #[test]
    fn local_readings_become_instants_in_the_resource_zone() {
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(
            span(paris, "2026-07-01", "09:30", "10:00").unwrap(),
            (utc(1, 7, 7, 30), utc(1, 7, 8, 0))
        );
        // 24:00 is the next midnight.
        assert_eq!(
            span(paris, "2026-12-01", "23:00", "24:00").unwrap(),
            (utc(1, 12, 22, 0), utc(1, 12, 23, 0))
        );
        // 02:30 does not exist on the morning clocks go forward.
        assert!(matches!(
            span(paris, "2026-03-29", "02:30", "03:30"),
            Err(AppError::InvalidInput(_))
        ));
        assert!(matches!(
            span(paris, "2026-13-01", "09:00", "10:00"),
            Err(AppError::InvalidInput(_))
        ));
        assert!(matches!(
            span(paris, "2026-07-01", "9h", "10:00"),
            Err(AppError::InvalidInput(_))
        ));
        // An empty span stays empty (the booking rules refuse it).
        assert_eq!(
            span(paris, "2026-07-01", "10:00", "10:00").unwrap(),
            (utc(1, 7, 8, 0), utc(1, 7, 8, 0))
        );
    }

    #[test]
    fn an_end_earlier_in_the_day_than_the_start_is_on_the_next_day() {
        let paris = chrono_tz::Europe::Paris;
        assert!(ends_next_day("22:00", "02:00"));
        assert!(ends_next_day("22:00", "00:00"));
        assert!(!ends_next_day("22:00", "24:00"));
        assert!(!ends_next_day("09:00", "10:00"));
        assert!(!ends_next_day("10:00", "10:00"));
        assert!(!ends_next_day("22:00", "2h"));
        assert!(!ends_next_day("22:00", "2:00"));
        assert!(is_clock("24:00") && is_clock(" 09:30") && !is_clock("9:30") && !is_clock("25:00"));
        // Over the end of a month, and of a year.
        assert_eq!(
            span(paris, "2026-06-30", "22:00", "02:00").unwrap(),
            (utc(30, 6, 20, 0), utc(1, 7, 0, 0))
        );
        assert_eq!(
            span(chrono_tz::UTC, "2026-12-31", "23:30", "00:30").unwrap(),
            (
                utc(31, 12, 23, 30),
                Utc.with_ymd_and_hms(2027, 1, 1, 0, 30, 0).unwrap()
            )
        );
        // Written back the same way, so a booking dialog opened on it reads it again.
        let written = local_span(paris, utc(30, 6, 20, 0), utc(1, 7, 0, 0));
        assert_eq!(
            (written.start.as_str(), written.end.as_str()),
            ("22:00", "02:00")
        );
        let next_day = NaiveDate::from_ymd_opt(2026, 7, 1);
        assert_eq!(written.ends_on, next_day);
        assert!(!written.spans_days());
        assert_eq!(written.end_words(Locale::En), "02:00 the next day");
        // Longer ones say the end's date; a form of one date cannot hold them.
        let longer = local_span(paris, utc(30, 6, 20, 0), utc(2, 7, 8, 0));
        assert!(longer.spans_days());
        assert_eq!(longer.end_words(Locale::En), "10:00 on Thursday, 2 July");
        // The night clocks go back in Paris: 02:40 summer time to 02:10 winter time is half an
        // hour on one date, read and written as such.
        let (begins, ends) = span(paris, "2026-10-25", "02:40", "02:10").unwrap();
        assert_eq!((begins, ends), (utc(25, 10, 0, 40), utc(25, 10, 1, 10)));
        assert_eq!(local_span(paris, begins, ends).ends_on, None);
    }

    #[test]
    fn spans_are_written_in_the_resource_zone_with_midnight_as_24_00() {
        let paris = chrono_tz::Europe::Paris;
        let start = Utc.with_ymd_and_hms(2026, 7, 1, 21, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 7, 1, 22, 0, 0).unwrap();
        assert_eq!(
            local_span(paris, start, end),
            LocalSpan::on(
                NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(),
                "23:00".to_owned(),
                "24:00".to_owned(),
            )
        );
    }
}
