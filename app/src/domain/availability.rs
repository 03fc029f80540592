//! When a resource can be booked: business hours, blackout dates, exceptions, booking limits
//! and the reservations already made, all read in the resource's own time zone.
//!
//! Pure: no clock, no database. The caller passes "now" and the busy intervals, so the server
//! and the browser (offline, from cached data) compute the very same answers.
//!
//! Instants are UTC; every interval is half-open `[start, end)`. Local times are resolved in
//! the resource's zone day by day, so on the day clocks spring forward the day has 23 hours,
//! on the day they fall back 25, and 09:00–17:00 stays 09:00–17:00 on the wall clock.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Minutes in a day; `24:00` closes a day at midnight.
pub const MINUTES_PER_DAY: u16 = 1440;
/// How far `next_available` looks when no horizon limits it.
pub const DEFAULT_SEARCH_DAYS: i64 = 366;

/// A half-open span of time `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Interval {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Self {
        Self { start, end }
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Half-open: intervals that only touch do not overlap.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn duration(&self) -> Duration {
        self.end - self.start
    }

    /// This interval widened by `before` at the start and `after` at the end.
    pub fn padded(&self, before: Duration, after: Duration) -> Interval {
        Interval::new(self.start - before, self.end + after)
    }
}

/// One opening of a day, in minutes after local midnight: `open < close <= 1440`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Opening {
    pub open: u16,
    pub close: u16,
}

impl Opening {
    /// From `"09:00"` and `"17:30"` (`"24:00"` allowed as a close).
    pub fn parse(open: &str, close: &str) -> Result<Opening, RuleError> {
        let open = parse_clock(open).ok_or(RuleError::BadClock)?;
        let close = parse_clock(close).ok_or(RuleError::BadClock)?;
        if open >= MINUTES_PER_DAY || close <= open {
            return Err(RuleError::CloseNotAfterOpen);
        }
        Ok(Opening { open, close })
    }
}

/// `"HH:MM"` → minutes after midnight, `00:00` to `24:00`. `HH:MM:00` is read too (what an
/// SQL `time` or a `<input type=time step=1>` writes); other seconds are refused.
pub fn parse_clock(text: &str) -> Option<u16> {
    let text = text.trim();
    let text = text
        .strip_suffix(":00")
        .filter(|hh_mm| hh_mm.len() == 5)
        .unwrap_or(text);
    let (hours, minutes) = text.split_once(':')?;
    // Two ASCII digits each: `u16::from_str` would also take a sign (`"+9:00"`).
    let two_digits = |part: &str| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hours) || !two_digits(minutes) {
        return None;
    }
    let hours: u16 = hours.parse().ok()?;
    let minutes: u16 = minutes.parse().ok()?;
    let total = hours.checked_mul(60)?.checked_add(minutes)?;
    (minutes < 60 && total <= MINUTES_PER_DAY).then_some(total)
}

/// Minutes after midnight → `"HH:MM"`.
pub fn format_clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Opening hours for each weekday, Monday first. A day with no openings is closed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeeklyHours {
    pub days: [Vec<Opening>; 7],
}

impl WeeklyHours {
    /// Builds the week from `(weekday, opening)` pairs (0 = Monday), refusing overlaps and
    /// openings that break `open < close <= 24:00`.
    pub fn from_entries(
        entries: impl IntoIterator<Item = (u8, Opening)>,
    ) -> Result<WeeklyHours, RuleError> {
        let mut week = WeeklyHours::default();
        for (day, opening) in entries {
            let slot = week
                .days
                .get_mut(usize::from(day))
                .ok_or(RuleError::BadWeekday)?;
            if opening.close > MINUTES_PER_DAY {
                return Err(RuleError::BadClock);
            }
            if opening.close <= opening.open {
                return Err(RuleError::CloseNotAfterOpen);
            }
            slot.push(opening);
        }
        for day in &mut week.days {
            day.sort();
            if day.windows(2).any(|pair| pair[1].open < pair[0].close) {
                return Err(RuleError::OverlappingHours);
            }
        }
        Ok(week)
    }

    /// `(weekday, opening)` pairs, Monday first.
    pub fn entries(&self) -> impl Iterator<Item = (u8, Opening)> + '_ {
        self.days
            .iter()
            .zip(0u8..)
            .flat_map(|(openings, day)| openings.iter().map(move |o| (day, *o)))
    }

    pub fn on(&self, date: NaiveDate) -> &[Opening] {
        &self.days[date.weekday().num_days_from_monday() as usize]
    }
}

/// A whole local day on which nothing can be booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blackout {
    pub date: NaiveDate,
    pub reason: String,
}

/// An ad-hoc closed span (maintenance, leave).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub interval: Interval,
    pub reason: String,
}

/// Limits on a booking's length and timing, in minutes (horizon in days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub min_duration: Option<u32>,
    pub max_duration: Option<u32>,
    pub buffer_before: u32,
    pub buffer_after: u32,
    pub min_notice: u32,
    pub horizon_days: Option<u32>,
    pub granularity: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            min_duration: None,
            max_duration: None,
            buffer_before: 0,
            buffer_after: 0,
            min_notice: 0,
            horizon_days: None,
            granularity: 1,
        }
    }
}

/// Every rule that applies to one resource, already inherited from its groups and the
/// global defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    #[serde(with = "tz_name")]
    pub timezone: Tz,
    /// `None`: open all day, every day.
    pub hours: Option<WeeklyHours>,
    pub blackouts: Vec<Blackout>,
    pub closures: Vec<Closure>,
    pub limits: Limits,
}

impl Rules {
    /// Open all day, every day, no limits.
    pub fn open(timezone: Tz) -> Self {
        Rules {
            timezone,
            hours: None,
            blackouts: Vec::new(),
            closures: Vec::new(),
            limits: Limits::default(),
        }
    }

    pub fn blackout_on(&self, date: NaiveDate) -> Option<&Blackout> {
        self.blackouts.iter().find(|b| b.date == date)
    }

    fn buffer_before(&self) -> Duration {
        Duration::minutes(i64::from(self.limits.buffer_before))
    }

    fn buffer_after(&self) -> Duration {
        Duration::minutes(i64::from(self.limits.buffer_after))
    }

    /// The span a booking of `interval` keeps the resource busy, buffers included.
    pub fn blocking(&self, interval: Interval) -> Interval {
        interval.padded(self.buffer_before(), self.buffer_after())
    }
}

/// A zone (de)serialized by its IANA name, as chrono-tz's own `serde` feature does (this
/// crate does not turn that feature on).
mod tz_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse()
            .map_err(|_| D::Error::custom(format!("unknown time zone '{name}'")))
    }
}

/// A rule that cannot be stored as given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum RuleError {
    #[error("times are written HH:MM, from 00:00 to 24:00")]
    BadClock,
    #[error("the closing time must come after the opening time")]
    CloseNotAfterOpen,
    #[error("day_of_week is 0 (Monday) to 6 (Sunday)")]
    BadWeekday,
    #[error("opening hours of one day overlap")]
    OverlappingHours,
    #[error("the minimum duration is longer than the maximum")]
    MinAboveMax,
    #[error("durations, buffers and notice are 0 to 525600 minutes; granularity 1 to 1440")]
    OutOfRange,
    #[error("the exception must end after it starts")]
    EmptyClosure,
}

impl RuleError {
    pub fn message_key(self) -> &'static str {
        match self {
            RuleError::BadClock => "rule-bad-clock",
            RuleError::CloseNotAfterOpen => "rule-close-not-after-open",
            RuleError::BadWeekday => "rule-bad-weekday",
            RuleError::OverlappingHours => "rule-overlapping-hours",
            RuleError::MinAboveMax => "rule-min-above-max",
            RuleError::OutOfRange => "rule-out-of-range",
            RuleError::EmptyClosure => "rule-empty-closure",
        }
    }
}

/// A year of minutes: the largest duration, buffer or notice a rule may name.
pub const MAX_RULE_MINUTES: u32 = 525_600;
/// Ten years: the largest horizon.
pub const MAX_HORIZON_DAYS: u32 = 3_650;

impl Limits {
    pub fn validate(&self) -> Result<(), RuleError> {
        let minutes = [
            self.min_duration.unwrap_or(0),
            self.max_duration.unwrap_or(0),
            self.buffer_before,
            self.buffer_after,
            self.min_notice,
        ];
        if minutes.iter().any(|m| *m > MAX_RULE_MINUTES)
            || self.horizon_days.is_some_and(|d| d > MAX_HORIZON_DAYS)
            || !(1..=u32::from(MINUTES_PER_DAY)).contains(&self.granularity)
            || self.max_duration == Some(0)
        {
            return Err(RuleError::OutOfRange);
        }
        if let (Some(min), Some(max)) = (self.min_duration, self.max_duration)
            && min > max
        {
            return Err(RuleError::MinAboveMax);
        }
        Ok(())
    }
}

/// Why a proposed booking is not allowed (besides overlapping another one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Violation {
    EndNotAfterStart,
    StartsInPast,
    NoticeTooShort {
        minutes: u32,
    },
    BeyondHorizon {
        days: u32,
    },
    TooShort {
        minutes: u32,
    },
    TooLong {
        minutes: u32,
    },
    NotAligned {
        minutes: u32,
    },
    OutsideBusinessHours,
    Blackout {
        date: NaiveDate,
        reason: String,
    },
    Closed {
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        reason: String,
    },
    ResourceNotBookable {
        status: String,
    },
    /// The booker already holds `limit` reservations in the day or week (`period`).
    QuotaReservations {
        period: String,
        limit: u32,
    },
    /// The booking would take the booker past `limit` booked minutes in the day or week.
    QuotaMinutes {
        period: String,
        limit: u32,
    },
}

impl Violation {
    /// The Fluent key that explains this violation.
    pub fn message_key(&self) -> &'static str {
        match self {
            Violation::EndNotAfterStart => "violation-end-not-after-start",
            Violation::StartsInPast => "violation-starts-in-past",
            Violation::NoticeTooShort { .. } => "violation-notice-too-short",
            Violation::BeyondHorizon { .. } => "violation-beyond-horizon",
            Violation::TooShort { .. } => "violation-too-short",
            Violation::TooLong { .. } => "violation-too-long",
            Violation::NotAligned { .. } => "violation-not-aligned",
            Violation::OutsideBusinessHours => "violation-outside-business-hours",
            Violation::Blackout { .. } => "violation-blackout",
            Violation::Closed { .. } => "violation-closed",
            Violation::ResourceNotBookable { .. } => "violation-resource-not-bookable",
            Violation::QuotaReservations { .. } => "violation-quota-reservations",
            Violation::QuotaMinutes { .. } => "violation-quota-minutes",
        }
    }

    /// An English sentence for the REST API.
    pub fn describe(&self) -> String {
        match self {
            Violation::EndNotAfterStart => "the end must come after the start".into(),
            Violation::StartsInPast => "the start is in the past".into(),
            Violation::NoticeTooShort { minutes } => {
                format!("bookings must be made at least {minutes} minutes ahead")
            }
            Violation::BeyondHorizon { days } => {
                format!("bookings may be made at most {days} days ahead")
            }
            Violation::TooShort { minutes } => {
                format!("shorter than the minimum of {minutes} minutes")
            }
            Violation::TooLong { minutes } => {
                format!("longer than the maximum of {minutes} minutes")
            }
            Violation::NotAligned { minutes } => {
                format!("start and end must fall on a {minutes}-minute step")
            }
            Violation::OutsideBusinessHours => "outside business hours".into(),
            Violation::Blackout { date, reason } if reason.is_empty() => {
                format!("{date} is a blackout date")
            }
            Violation::Blackout { date, reason } => format!("{date} is a blackout date: {reason}"),
            Violation::Closed { reason, .. } if reason.is_empty() => {
                "the resource is closed then".into()
            }
            Violation::Closed { reason, .. } => format!("the resource is closed then: {reason}"),
            Violation::ResourceNotBookable { status } => {
                format!("the resource is {status} and cannot be booked")
            }
            Violation::QuotaReservations { period, limit } => {
                format!("at most {limit} reservations per {period} are allowed")
            }
            Violation::QuotaMinutes { period, limit } => {
                format!("at most {limit} booked minutes per {period} are allowed")
            }
        }
    }
}

/// An existing booking: when it runs, and the span it blocks (buffers included, as they
/// were when it was made).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Busy {
    pub booked: Interval,
    pub blocked: Interval,
}

/// The answer to "may I book this?".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub violations: Vec<Violation>,
    /// The bookings it would overlap (their own times, not their buffers).
    pub conflicts: Vec<Interval>,
}

impl Verdict {
    pub fn available(&self) -> bool {
        self.violations.is_empty() && self.conflicts.is_empty()
    }
}

/// The instant a local wall-clock time happens in `tz`. A time skipped by a spring-forward
/// change moves on to the first instant after the gap; a repeated one takes its first
/// occurrence.
pub fn resolve_local(tz: Tz, date: NaiveDate, minutes: u16) -> DateTime<Utc> {
    if minutes >= MINUTES_PER_DAY {
        let next = date.succ_opt().unwrap_or(date);
        return resolve_local(tz, next, minutes - MINUTES_PER_DAY);
    }
    let mut local = date.and_time(
        NaiveTime::from_num_seconds_from_midnight_opt(u32::from(minutes) * 60, 0)
            .unwrap_or(NaiveTime::MIN),
    );
    // A gap is at most a few hours long; step through it a minute at a time.
    for _ in 0..=24 * 60 {
        if let Some(instant) = tz.from_local_datetime(&local).earliest() {
            return instant.with_timezone(&Utc);
        }
        local += Duration::minutes(1);
    }
    Utc.from_utc_datetime(&local)
}

/// The local calendar date an instant falls on in `tz`.
pub fn local_date(tz: Tz, instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&tz).date_naive()
}

/// From local midnight of `date` to local midnight of the next day: 23 hours on a
/// spring-forward day, 25 on a fall-back day.
pub fn day_bounds(tz: Tz, date: NaiveDate) -> Interval {
    Interval::new(
        resolve_local(tz, date, 0),
        resolve_local(tz, date, MINUTES_PER_DAY),
    )
}

/// The openings of a local date, before blackouts and exceptions: the business hours, or the
/// whole day when none are set.
pub fn business_intervals(rules: &Rules, date: NaiveDate) -> Vec<Interval> {
    let tz = rules.timezone;
    match &rules.hours {
        None => vec![day_bounds(tz, date)],
        Some(week) => week
            .on(date)
            .iter()
            .map(|o| {
                Interval::new(
                    resolve_local(tz, date, o.open),
                    resolve_local(tz, date, o.close),
                )
            })
            .filter(|i| !i.is_empty())
            .collect(),
    }
}

/// Sorts and joins overlapping or touching intervals.
pub fn merge(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|i| !i.is_empty());
    intervals.sort();
    let mut merged: Vec<Interval> = Vec::with_capacity(intervals.len());
    for interval in intervals {
        match merged.last_mut() {
            Some(last) if interval.start <= last.end => last.end = last.end.max(interval.end),
            _ => merged.push(interval),
        }
    }
    merged
}

/// `from` (sorted, disjoint) minus `remove` (any order).
pub fn subtract(from: Vec<Interval>, remove: &[Interval]) -> Vec<Interval> {
    let remove = merge(remove.to_vec());
    let mut out = Vec::with_capacity(from.len());
    for interval in from {
        let mut cursor = interval.start;
        // `remove` is sorted, so the pieces it leaves come out in order.
        for cut in remove.iter().filter(|c| c.overlaps(&interval)) {
            if cut.start > cursor {
                out.push(Interval::new(cursor, cut.start));
            }
            cursor = cursor.max(cut.end);
        }
        if cursor < interval.end {
            out.push(Interval::new(cursor, interval.end));
        }
    }
    out
}

/// The local dates whose days touch `window`.
fn local_dates(tz: Tz, window: Interval) -> impl Iterator<Item = NaiveDate> {
    let first = local_date(tz, window.start);
    let last = local_date(tz, window.end);
    first.iter_days().take_while(move |d| *d <= last)
}

/// When the resource is open within `window`: business hours (or all day), minus blackout
/// dates and exceptions. Sorted and merged, so a span open across midnight is one interval.
pub fn open_between(rules: &Rules, window: Interval) -> Vec<Interval> {
    if window.is_empty() {
        return Vec::new();
    }
    let tz = rules.timezone;
    let mut open = Vec::new();
    for date in local_dates(tz, window) {
        if rules.blackout_on(date).is_none() {
            open.extend(business_intervals(rules, date));
        }
    }
    let closures: Vec<Interval> = rules.closures.iter().map(|c| c.interval).collect();
    subtract(merge(open), &closures)
        .into_iter()
        .filter_map(|i| {
            let clipped = Interval::new(i.start.max(window.start), i.end.min(window.end));
            (!clipped.is_empty()).then_some(clipped)
        })
        .collect()
}

/// Where a new booking may start and end within `window`: open, and clear of every existing
/// booking's blocked span once the new booking's own buffers are added.
pub fn free_between(rules: &Rules, busy: &[Busy], window: Interval) -> Vec<Interval> {
    let taken: Vec<Interval> = busy
        .iter()
        .map(|b| {
            b.blocked
                .padded(rules.buffer_after(), rules.buffer_before())
        })
        .collect();
    subtract(open_between(rules, window), &taken)
}

/// Minutes after local midnight of `instant`, and whether it falls on a whole minute.
fn local_minute(tz: Tz, instant: DateTime<Utc>) -> (u32, bool) {
    let local = instant.with_timezone(&tz);
    (
        local.hour() * 60 + local.minute(),
        local.second() == 0 && local.nanosecond() == 0,
    )
}

fn aligned(tz: Tz, instant: DateTime<Utc>, granularity: u32) -> bool {
    let (minute, whole) = local_minute(tz, instant);
    whole && minute % granularity == 0
}

/// The first instant at or after `instant` on the local `granularity`-minute grid.
pub fn align_up(tz: Tz, instant: DateTime<Utc>, granularity: u32) -> DateTime<Utc> {
    // A granularity of 0 (never stored: `Limits::validate` refuses it) means no grid.
    let granularity = granularity.max(1);
    if granularity == 1 {
        let (_, whole) = local_minute(tz, instant);
        if whole {
            return instant;
        }
    }
    let local = instant.with_timezone(&tz);
    let whole_minute = instant
        - Duration::seconds(i64::from(local.second()))
        - Duration::nanoseconds(i64::from(local.nanosecond()));
    let mut candidate = if whole_minute < instant {
        whole_minute + Duration::minutes(1)
    } else {
        whole_minute
    };
    // At most one grid step away (two across a DST change of odd length).
    for _ in 0..=2 * granularity {
        if aligned(tz, candidate, granularity) {
            return candidate;
        }
        candidate += Duration::minutes(1);
    }
    candidate
}

/// Everything that makes `proposal` unacceptable, given the resource's rules, the bookings
/// that already block it, and the current instant.
pub fn check(rules: &Rules, busy: &[Busy], proposal: Interval, now: DateTime<Utc>) -> Verdict {
    let mut violations = Vec::new();
    if proposal.is_empty() {
        violations.push(Violation::EndNotAfterStart);
        return Verdict {
            violations,
            conflicts: Vec::new(),
        };
    }
    let limits = &rules.limits;
    let tz = rules.timezone;
    if proposal.start < now {
        violations.push(Violation::StartsInPast);
    } else if limits.min_notice > 0
        && proposal.start < now + Duration::minutes(i64::from(limits.min_notice))
    {
        violations.push(Violation::NoticeTooShort {
            minutes: limits.min_notice,
        });
    }
    if let Some(days) = limits.horizon_days
        && proposal.end > now + Duration::days(i64::from(days))
    {
        violations.push(Violation::BeyondHorizon { days });
    }
    let minutes = proposal.duration().num_minutes();
    if let Some(min) = limits.min_duration
        && minutes < i64::from(min)
    {
        violations.push(Violation::TooShort { minutes: min });
    }
    if let Some(max) = limits.max_duration
        && proposal.duration() > Duration::minutes(i64::from(max))
    {
        violations.push(Violation::TooLong { minutes: max });
    }
    if limits.granularity > 1
        && !(aligned(tz, proposal.start, limits.granularity)
            && aligned(tz, proposal.end, limits.granularity))
    {
        violations.push(Violation::NotAligned {
            minutes: limits.granularity,
        });
    }
    for date in local_dates(tz, proposal) {
        // A booking ending exactly at midnight does not touch the next day.
        if day_bounds(tz, date).overlaps(&proposal)
            && let Some(blackout) = rules.blackout_on(date)
        {
            violations.push(Violation::Blackout {
                date,
                reason: blackout.reason.clone(),
            });
        }
    }
    for closure in rules
        .closures
        .iter()
        .filter(|c| c.interval.overlaps(&proposal))
    {
        violations.push(Violation::Closed {
            start: closure.interval.start,
            end: closure.interval.end,
            reason: closure.reason.clone(),
        });
    }
    if rules.hours.is_some() {
        let mut hours = Vec::new();
        for date in local_dates(tz, proposal) {
            hours.extend(business_intervals(rules, date));
        }
        if !merge(hours).iter().any(|open| open.contains(&proposal)) {
            violations.push(Violation::OutsideBusinessHours);
        }
    }
    Verdict {
        violations,
        conflicts: conflicts(rules, busy, proposal),
    }
}

/// The bookings `proposal` would overlap, its buffers and theirs included, by their own times.
pub fn conflicts(rules: &Rules, busy: &[Busy], proposal: Interval) -> Vec<Interval> {
    let blocking = rules.blocking(proposal);
    let mut conflicts: Vec<Interval> = busy
        .iter()
        .filter(|b| b.blocked.overlaps(&blocking))
        .map(|b| b.booked)
        .collect();
    conflicts.sort();
    conflicts.dedup();
    conflicts
}

/// One bookable-or-not slot of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub available: bool,
}

/// A local day's slots of `duration`, laid end to end from each opening. A slot is available
/// when a booking of exactly that slot would pass `check`. A blackout day has no slots.
pub fn day_slots(
    rules: &Rules,
    busy: &[Busy],
    date: NaiveDate,
    duration: Duration,
    now: DateTime<Utc>,
) -> Vec<Slot> {
    if duration <= Duration::zero() || rules.blackout_on(date).is_some() {
        return Vec::new();
    }
    let mut slots = Vec::new();
    for opening in business_intervals(rules, date) {
        let mut start = opening.start;
        while start + duration <= opening.end {
            let slot = Interval::new(start, start + duration);
            slots.push(Slot {
                start: slot.start,
                end: slot.end,
                available: check(rules, busy, slot, now).available(),
            });
            start = slot.end;
        }
    }
    slots
}

/// The earliest bookings of `duration` that would pass `check`, starting at or after `after`
/// and ending by `until`: at most `count`, one after another, each on the granularity grid.
pub fn earliest_fits(
    rules: &Rules,
    busy: &[Busy],
    after: DateTime<Utc>,
    until: DateTime<Utc>,
    duration: Duration,
    now: DateTime<Utc>,
    count: usize,
) -> Vec<Interval> {
    let limits = &rules.limits;
    let granularity = limits.granularity.max(1);
    let minutes = duration.num_minutes();
    if duration <= Duration::zero()
        || count == 0
        || limits.min_duration.is_some_and(|m| minutes < i64::from(m))
        || limits
            .max_duration
            .is_some_and(|m| duration > Duration::minutes(i64::from(m)))
        || (granularity > 1
            && (minutes % i64::from(granularity) != 0 || duration != Duration::minutes(minutes)))
    {
        return Vec::new();
    }
    let earliest = after.max(now + Duration::minutes(i64::from(limits.min_notice)));
    let mut until = until;
    if let Some(days) = limits.horizon_days {
        until = until.min(now + Duration::days(i64::from(days)));
    }
    if until <= earliest {
        return Vec::new();
    }
    let tz = rules.timezone;
    let mut fits = Vec::new();
    for free in free_between(rules, busy, Interval::new(earliest, until)) {
        let mut start = align_up(tz, free.start, granularity);
        while start + duration <= free.end {
            let end = start + duration;
            // The grid is local and restarts at midnight, so a start on the grid can give an
            // end off it: across midnight when the step does not divide the day, or across a
            // clock change the step does not divide. `check` refuses those; try the next step.
            if granularity > 1 && !aligned(tz, end, granularity) {
                start = align_up(tz, start + Duration::minutes(1), granularity);
                continue;
            }
            fits.push(Interval::new(start, end));
            if fits.len() == count {
                return fits;
            }
            start = align_up(tz, end, granularity);
        }
    }
    fits
}

/// The first booking of `duration` that would pass `check`, at or after `after`, looking as
/// far as the horizon (or a year).
pub fn next_available(
    rules: &Rules,
    busy: &[Busy],
    after: DateTime<Utc>,
    duration: Duration,
    now: DateTime<Utc>,
) -> Option<Interval> {
    let until = after.max(now) + Duration::days(DEFAULT_SEARCH_DAYS);
    earliest_fits(rules, busy, after, until, duration, now, 1)
        .into_iter()
        .next()
}

#[cfg(test)]
mod tests;
