//! Repeating bookings: a subset of the iCalendar recurrence rule (RFC 5545 `RRULE`), expanded
//! in the resource's own time zone.
//!
//! Supported parts: `FREQ` (DAILY, WEEKLY, MONTHLY), `INTERVAL`, `BYDAY`, `BYMONTHDAY`,
//! `COUNT`, `UNTIL`, and `WKST=MO` (weeks always start on Monday). A series must end, by
//! `COUNT` or `UNTIL`, and has at most [`MAX_OCCURRENCES`] occurrences, so one request cannot
//! book a resource forever.
//!
//! The rule is read on local dates. Every occurrence keeps the first booking's wall-clock
//! start and end, to the minute, and the number of days between them, each resolved with
//! [`resolve_local`]: a weekly 09:00–10:00 stays 09:00–10:00 across clock changes, and a
//! 02:30 start on a spring-forward day moves to the end of the gap.
//!
//! As in python-dateutil, and unlike RFC 5545 (where DTSTART always counts), only dates that
//! match the rule are occurrences: the first booking's own date counts only if it matches,
//! and no date before it ever does. A `BYDAY=MO,WE` rule first booked on a Tuesday starts on
//! the Wednesday.
//!
//! Pure: no clock, no I/O.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::availability::{Interval, resolve_local};

/// The most occurrences one series may have.
pub const MAX_OCCURRENCES: usize = 366;
/// How far a rule is scanned for matching dates, so one that matches rarely or never (the
/// 31st every twelfth month from February) still ends.
const SCAN_MONTHS: u32 = 50 * 12;
/// The largest `BYDAY` ordinal: a month has at most five of any weekday.
const MAX_ORDINAL: i8 = 5;

/// How often the series repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
}

impl Frequency {
    fn name(self) -> &'static str {
        match self {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
        }
    }
}

/// A parsed `RRULE`. Build one with `str::parse`; a rule built by hand is checked again by
/// [`occurrences`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub frequency: Frequency,
    /// Every how many days, weeks or months; at least 1.
    pub interval: u32,
    /// `BYDAY`: the weekdays, each with an optional ordinal in the month (MONTHLY only).
    pub by_day: Vec<WeekdayNum>,
    /// `BYMONTHDAY` (MONTHLY only): 1 to 31, or -1 (the last day) to -31.
    pub by_month_day: Vec<i8>,
    pub count: Option<u32>,
    pub until: Option<Until>,
}

/// One `BYDAY` entry: `MO` (every Monday), `1MO` (the first Monday of the month), `-1FR` (the
/// last Friday).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayNum {
    pub ordinal: Option<i8>,
    pub weekday: Weekday,
}

/// The end of a series, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// `20261231T235959Z`: occurrences starting at or before this instant.
    Instant(DateTime<Utc>),
    /// `20261231`: occurrences starting on or before this local date in the resource's zone.
    Date(NaiveDate),
}

/// A rule that cannot be parsed or expanded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecurrenceError {
    #[error("\"{0}\" is not a NAME=VALUE part of a recurrence rule")]
    MalformedPart(String),
    #[error("unknown recurrence rule part \"{0}\"")]
    UnknownPart(String),
    #[error("the recurrence rule part {0} is not supported")]
    UnsupportedPart(String),
    #[error("the recurrence rule part {0} is given twice")]
    DuplicatePart(String),
    #[error("FREQ must be DAILY, WEEKLY or MONTHLY, not \"{0}\"")]
    BadFrequency(String),
    #[error("the recurrence rule has no FREQ")]
    MissingFrequency,
    #[error("INTERVAL must be a positive whole number, not \"{0}\"")]
    BadInterval(String),
    #[error("bad BYDAY entry \"{0}\": write MO to SU, with an ordinal from -5 to 5 before it")]
    BadByDay(String),
    #[error("the BYDAY entry \"{0}\" has an ordinal, which only FREQ=MONTHLY allows")]
    OrdinalOutsideMonthly(String),
    #[error("bad BYMONTHDAY entry \"{0}\": write 1 to 31, or -1 to -31 from the month's end")]
    BadByMonthDay(String),
    #[error("BYMONTHDAY is only allowed with FREQ=MONTHLY")]
    ByMonthDayOutsideMonthly,
    #[error("COUNT and UNTIL cannot both be given")]
    CountAndUntil,
    #[error("a series must end: give COUNT or UNTIL")]
    Unbounded,
    #[error("COUNT must be a whole number from 1 to {max}, not \"{0}\"", max = MAX_OCCURRENCES)]
    BadCount(String),
    #[error("UNTIL must be a date (20261231) or a UTC time (20261231T235959Z), not \"{0}\"")]
    BadUntil(String),
    #[error("WKST must be MO, not \"{0}\"")]
    BadWeekStart(String),
    #[error("the series has more than {max} occurrences", max = MAX_OCCURRENCES)]
    TooManyOccurrences,
    #[error("the first occurrence must end after it starts")]
    EmptyFirst,
}

/// Parts of RFC 5545 this subset does not handle, refused by name rather than as unknown.
const UNSUPPORTED_PARTS: [&str; 7] = [
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTH",
    "BYSETPOS",
];

impl FromStr for Rule {
    type Err = RecurrenceError;

    /// `"FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10"`, with or without a leading `RRULE:`, in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let text = match text.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
            _ => text,
        };
        let text = text.strip_suffix(';').unwrap_or(text);
        if text.is_empty() {
            return Err(RecurrenceError::MissingFrequency);
        }
        let mut frequency = None;
        let mut rule = Rule {
            frequency: Frequency::Daily,
            interval: 1,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            count: None,
            until: None,
        };
        let mut seen: Vec<String> = Vec::new();
        for part in text.split(';') {
            let Some((name, value)) = part.split_once('=') else {
                return Err(RecurrenceError::MalformedPart(part.to_string()));
            };
            let name = name.to_ascii_uppercase();
            let upper = value.to_ascii_uppercase();
            if seen.contains(&name) {
                return Err(RecurrenceError::DuplicatePart(name));
            }
            match name.as_str() {
                "FREQ" => frequency = Some(parse_frequency(&upper, value)?),
                "INTERVAL" => {
                    rule.interval = parse_digits(value)
                        .filter(|n| *n > 0)
                        .ok_or_else(|| RecurrenceError::BadInterval(value.to_string()))?;
                }
                "BYDAY" => {
                    rule.by_day = upper
                        .split(',')
                        .zip(value.split(','))
                        .map(|(entry, original)| {
                            parse_weekday_num(entry)
                                .ok_or_else(|| RecurrenceError::BadByDay(original.to_string()))
                        })
                        .collect::<Result<_, _>>()?;
                }
                "BYMONTHDAY" => {
                    rule.by_month_day = value
                        .split(',')
                        .map(|entry| {
                            entry
                                .parse::<i8>()
                                .map_err(|_| RecurrenceError::BadByMonthDay(entry.to_string()))
                        })
                        .collect::<Result<_, _>>()?;
                }
                "COUNT" => {
                    let count = parse_digits(value)
                        .ok_or_else(|| RecurrenceError::BadCount(value.to_string()))?;
                    rule.count = Some(count);
                }
                "UNTIL" => {
                    let until = parse_until(&upper)
                        .ok_or_else(|| RecurrenceError::BadUntil(value.to_string()))?;
                    rule.until = Some(until);
                }
                "WKST" if upper == "MO" => {}
                "WKST" => return Err(RecurrenceError::BadWeekStart(value.to_string())),
                _ if UNSUPPORTED_PARTS.contains(&name.as_str()) => {
                    return Err(RecurrenceError::UnsupportedPart(name));
                }
                _ => return Err(RecurrenceError::UnknownPart(part.to_string())),
            }
            seen.push(name);
        }
        rule.frequency = frequency.ok_or(RecurrenceError::MissingFrequency)?;
        rule.validate()?;
        Ok(rule)
    }
}

impl Rule {
    /// The checks a parsed rule passes, repeated for rules built by hand.
    fn validate(&self) -> Result<(), RecurrenceError> {
        if self.interval == 0 {
            return Err(RecurrenceError::BadInterval("0".to_string()));
        }
        for entry in &self.by_day {
            if let Some(n) = entry.ordinal {
                if n == 0 || n.unsigned_abs() > MAX_ORDINAL.unsigned_abs() {
                    return Err(RecurrenceError::BadByDay(entry.to_string()));
                }
                if self.frequency != Frequency::Monthly {
                    return Err(RecurrenceError::OrdinalOutsideMonthly(entry.to_string()));
                }
            }
        }
        if let Some(day) = self
            .by_month_day
            .iter()
            .find(|d| **d == 0 || d.unsigned_abs() > 31)
        {
            return Err(RecurrenceError::BadByMonthDay(day.to_string()));
        }
        if !self.by_month_day.is_empty() && self.frequency != Frequency::Monthly {
            return Err(RecurrenceError::ByMonthDayOutsideMonthly);
        }
        match (self.count, self.until) {
            (Some(_), Some(_)) => Err(RecurrenceError::CountAndUntil),
            (None, None) => Err(RecurrenceError::Unbounded),
            (Some(count), None) if count == 0 || count as usize > MAX_OCCURRENCES => {
                Err(RecurrenceError::BadCount(count.to_string()))
            }
            _ => Ok(()),
        }
    }
}

/// The rule written back as an `RRULE` value, parts in a fixed order.
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FREQ={}", self.frequency.name())?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self.by_day.iter().map(ToString::to_string).collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        if !self.by_month_day.is_empty() {
            let days: Vec<String> = self.by_month_day.iter().map(ToString::to_string).collect();
            write!(f, ";BYMONTHDAY={}", days.join(","))?;
        }
        if let Some(count) = self.count {
            write!(f, ";COUNT={count}")?;
        }
        match self.until {
            Some(Until::Instant(instant)) => {
                write!(f, ";UNTIL={}", instant.format("%Y%m%dT%H%M%SZ"))
            }
            Some(Until::Date(date)) => write!(f, ";UNTIL={}", date.format("%Y%m%d")),
            None => Ok(()),
        }
    }
}

impl fmt::Display for WeekdayNum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(n) = self.ordinal {
            write!(f, "{n}")?;
        }
        f.write_str(weekday_code(self.weekday))
    }
}

fn parse_frequency(upper: &str, original: &str) -> Result<Frequency, RecurrenceError> {
    match upper {
        "DAILY" => Ok(Frequency::Daily),
        "WEEKLY" => Ok(Frequency::Weekly),
        "MONTHLY" => Ok(Frequency::Monthly),
        _ => Err(RecurrenceError::BadFrequency(original.to_string())),
    }
}

/// Digits only, as RFC 5545 writes INTERVAL and COUNT (no sign, no spaces).
fn parse_digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

const WEEKDAY_CODES: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

fn weekday_code(weekday: Weekday) -> &'static str {
    WEEKDAY_CODES[weekday.num_days_from_monday() as usize].0
}

/// `MO`, `2TU`, `+2TU` or `-1FR`, already upper-case. The ordinal's range is checked by
/// `Rule::validate`.
fn parse_weekday_num(entry: &str) -> Option<WeekdayNum> {
    let split = entry.len().checked_sub(2)?;
    let (ordinal, code) = (entry.get(..split)?, entry.get(split..)?);
    let weekday = WEEKDAY_CODES
        .iter()
        .find(|(name, _)| *name == code)
        .map(|(_, weekday)| *weekday)?;
    let ordinal = if ordinal.is_empty() {
        None
    } else {
        Some(ordinal.parse::<i8>().ok()?)
    };
    Some(WeekdayNum { ordinal, weekday })
}

/// `YYYYMMDD` or `YYYYMMDDTHHMMSSZ`, already upper-case.
fn parse_until(text: &str) -> Option<Until> {
    if !text.is_ascii() {
        return None;
    }
    let number = |from: usize, to: usize| parse_digits(text.get(from..to)?);
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(4, 6)?,
        number(6, 8)?,
    )?;
    match text.len() {
        8 => Some(Until::Date(date)),
        16 if text.get(8..9) == Some("T") && text.get(15..) == Some("Z") => {
            let time = date.and_hms_opt(number(9, 11)?, number(11, 13)?, number(13, 15)?)?;
            Some(Until::Instant(time.and_utc()))
        }
        _ => None,
    }
}

/// The occurrences of a series whose first booked interval is `first` (its start is DTSTART),
/// expanded in `tz`, in time order. An occurrence that a clock change would leave empty is
/// skipped. A rule that stops matching is scanned 50 years ahead, then what was found is
/// returned.
pub fn occurrences(rule: &Rule, tz: Tz, first: Interval) -> Result<Vec<Interval>, RecurrenceError> {
    rule.validate()?;
    if first.is_empty() {
        return Err(RecurrenceError::EmptyFirst);
    }
    let start = first.start.with_timezone(&tz).naive_local();
    let end = first.end.with_timezone(&tz).naive_local();
    let start_date = start.date();
    let shape = Shape {
        tz,
        start_minute: minute_of_day(start),
        end_minute: minute_of_day(end),
        end_days: Duration::days((end.date() - start_date).num_days()),
    };
    let horizon = start_date
        .checked_add_months(Months::new(SCAN_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    // No period starting after this date can hold an occurrence.
    let last_date = match rule.until {
        Some(Until::Date(date)) => date.min(horizon),
        Some(Until::Instant(instant)) => instant
            .with_timezone(&tz)
            .date_naive()
            .succ_opt()
            .unwrap_or(NaiveDate::MAX)
            .min(horizon),
        None => horizon,
    };
    let wanted = rule.count.map_or(usize::MAX, |count| count as usize);
    let mut found = Vec::new();
    'scan: for period in 0u32.. {
        let Some(period_start) = period_start(rule, start_date, period) else {
            break;
        };
        if period_start > last_date {
            break;
        }
        for date in candidates(rule, start_date, period_start) {
            if date < start_date {
                continue;
            }
            if date > last_date {
                break 'scan;
            }
            let Some(occurrence) = shape.on(date) else {
                continue;
            };
            if let Some(Until::Instant(until)) = rule.until
                && occurrence.start > until
            {
                break 'scan;
            }
            found.push(occurrence);
            if found.len() > MAX_OCCURRENCES {
                return Err(RecurrenceError::TooManyOccurrences);
            }
            if found.len() == wanted {
                break 'scan;
            }
        }
    }
    // Dates come in order; a zone that skipped a whole day could still swap two instants.
    found.sort();
    Ok(found)
}

/// The first booking's local times, repeated on other dates.
struct Shape {
    tz: Tz,
    start_minute: u16,
    end_minute: u16,
    /// Local days from the start's date to the end's date.
    end_days: Duration,
}

impl Shape {
    fn on(&self, date: NaiveDate) -> Option<Interval> {
        let end_date = date.checked_add_signed(self.end_days)?;
        let occurrence = Interval::new(
            resolve_local(self.tz, date, self.start_minute),
            resolve_local(self.tz, end_date, self.end_minute),
        );
        (!occurrence.is_empty()).then_some(occurrence)
    }
}

/// Whole minutes after local midnight; seconds are dropped.
fn minute_of_day(local: NaiveDateTime) -> u16 {
    u16::try_from(local.hour() * 60 + local.minute()).unwrap_or(0)
}

/// The first date of the `period`-th period (counting from 0): the day itself, the Monday of
/// the week, or the 1st of the month. `None` past the end of the calendar.
fn period_start(rule: &Rule, start_date: NaiveDate, period: u32) -> Option<NaiveDate> {
    let steps = u64::from(period).checked_mul(u64::from(rule.interval))?;
    match rule.frequency {
        Frequency::Daily => start_date.checked_add_days(Days::new(steps)),
        Frequency::Weekly => {
            let monday = start_date.checked_sub_days(Days::new(u64::from(
                start_date.weekday().num_days_from_monday(),
            )))?;
            monday.checked_add_days(Days::new(steps.checked_mul(7)?))
        }
        Frequency::Monthly => start_date
            .with_day(1)?
            .checked_add_months(Months::new(u32::try_from(steps).ok()?)),
    }
}

/// The dates of one period that match the rule, in order.
fn candidates(rule: &Rule, start_date: NaiveDate, period_start: NaiveDate) -> Vec<NaiveDate> {
    match rule.frequency {
        Frequency::Daily => {
            let matches = rule.by_day.is_empty()
                || rule
                    .by_day
                    .iter()
                    .any(|d| d.weekday == period_start.weekday());
            if matches {
                vec![period_start]
            } else {
                Vec::new()
            }
        }
        Frequency::Weekly => {
            let mut offsets: Vec<u64> = if rule.by_day.is_empty() {
                vec![u64::from(start_date.weekday().num_days_from_monday())]
            } else {
                rule.by_day
                    .iter()
                    .map(|d| u64::from(d.weekday.num_days_from_monday()))
                    .collect()
            };
            offsets.sort_unstable();
            offsets.dedup();
            offsets
                .into_iter()
                .filter_map(|offset| period_start.checked_add_days(Days::new(offset)))
                .collect()
        }
        Frequency::Monthly => {
            let days: Vec<NaiveDate> = period_start
                .iter_days()
                .take_while(|d| d.month() == period_start.month())
                .collect();
            let length = u32::try_from(days.len()).unwrap_or(31);
            days.into_iter()
                .filter(|date| matches_month(rule, start_date, *date, length))
                .collect()
        }
    }
}

/// Whether a date of a month with `length` days is a MONTHLY occurrence: it must match
/// BYMONTHDAY and BYDAY when given, or fall on the start date's day of the month when neither
/// is.
fn matches_month(rule: &Rule, start_date: NaiveDate, date: NaiveDate, length: u32) -> bool {
    let day = date.day();
    if rule.by_month_day.is_empty() && rule.by_day.is_empty() {
        return day == start_date.day();
    }
    let by_month_day = rule.by_month_day.is_empty()
        || rule.by_month_day.iter().any(|wanted| {
            let wanted = i64::from(*wanted);
            let day = i64::from(day);
            if wanted > 0 {
                day == wanted
            } else {
                day == i64::from(length) + 1 + wanted
            }
        });
    let by_day = rule.by_day.is_empty()
        || rule.by_day.iter().any(|entry| {
            entry.weekday == date.weekday()
                && match entry.ordinal {
                    None => true,
                    Some(n) if n > 0 => (day - 1) / 7 + 1 == u32::from(n.unsigned_abs()),
                    Some(n) => (length - day) / 7 + 1 == u32::from(n.unsigned_abs()),
                }
        });
    by_month_day && by_day
}

#[cfg(test)]
mod tests {
    //! Expected instants are written out by hand or resolved with chrono's own zone lookups,
    //! never with `resolve_local`.

    use super::*;
    use crate::domain::testing::{at, date, utc};
    use chrono::TimeZone;

    const NY: Tz = chrono_tz::America::New_York;
    const PARIS: Tz = chrono_tz::Europe::Paris;

    /// A booking from `start` to `end` (hours and minutes) on `day` in `tz`.
    fn local(tz: Tz, day: NaiveDate, start: (u32, u32), end: (u32, u32)) -> Interval {
        Interval::new(at(tz, day, start.0, start.1), at(tz, day, end.0, end.1))
    }

    fn rule(text: &str) -> Rule {
        text.parse()
            .unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    fn expand(text: &str, tz: Tz, first: Interval) -> Vec<Interval> {
        occurrences(&rule(text), tz, first).expect("expands")
    }

    fn local_dates(tz: Tz, found: &[Interval]) -> Vec<NaiveDate> {
        found
            .iter()
            .map(|o| o.start.with_timezone(&tz).date_naive())
            .collect()
    }

    fn day(weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: None,
            weekday,
        }
    }

    fn nth(ordinal: i8, weekday: Weekday) -> WeekdayNum {
        WeekdayNum {
            ordinal: Some(ordinal),
            weekday,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Parsing

    #[test]
    fn parses_every_part() {
        let parsed = rule(
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-1FR,+2TU,SU;BYMONTHDAY=1,-1,+31;COUNT=10",
        );
        assert_eq!(
            parsed,
            Rule {
                frequency: Frequency::Monthly,
                interval: 2,
                by_day: vec![
                    nth(1, Weekday::Mon),
                    nth(-1, Weekday::Fri),
                    nth(2, Weekday::Tue),
                    day(Weekday::Sun)
                ],
                by_month_day: vec![1, -1, 31],
                count: Some(10),
                until: None,
            }
        );
    }

    #[test]
    fn parses_defaults_case_and_trailing_semicolon() {
        let parsed = rule("  rrule:freq=weekly;byday=mo,We;Count=3;  ");
        assert_eq!(
            parsed,
            Rule {
                frequency: Frequency::Weekly,
                interval: 1,
                by_day: vec![day(Weekday::Mon), day(Weekday::Wed)],
                by_month_day: Vec::new(),
                count: Some(3),
                until: None,
            }
        );
        assert_eq!(rule("FREQ=DAILY;COUNT=1;").frequency, Frequency::Daily);
        assert_eq!(rule("WKST=mo;COUNT=1;FREQ=DAILY").count, Some(1));
    }

    #[test]
    fn parses_until_date_and_instant() {
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20261231").until,
            Some(Until::Date(date(2026, 12, 31)))
        );
        assert_eq!(
            rule("FREQ=DAILY;UNTIL=20261231t235959z").until,
            Some(Until::Instant(
                Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap()
            ))
        );
    }

    #[test]
    fn parses_count_limits() {
        assert_eq!(rule("FREQ=DAILY;COUNT=1").count, Some(1));
        assert_eq!(rule("FREQ=DAILY;COUNT=366").count, Some(366));
    }

    #[test]
    fn displays_a_rule_that_parses_back() {
        for text in [
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO,-1FR,SU;BYMONTHDAY=1,-1;COUNT=10",
            "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T235959Z",
            "FREQ=DAILY;UNTIL=20261231",
        ] {
            let parsed = rule(text);
            assert_eq!(parsed.to_string(), text);
            assert_eq!(rule(&parsed.to_string()), parsed);
        }
    }

    #[test]
    fn refuses_bad_rules() {
        use RecurrenceError as E;
        let s = |text: &str| text.to_string();
        let cases = [
            ("", E::MissingFrequency),
            ("RRULE:", E::MissingFrequency),
            ("COUNT=3", E::MissingFrequency),
            ("FREQ", E::MalformedPart(s("FREQ"))),
            ("FREQ=DAILY;;COUNT=3", E::MalformedPart(s(""))),
            ("FREQ=DAILY;COUNT=3;FOO=1", E::UnknownPart(s("FOO=1"))),
            (
                "FREQ=DAILY;COUNT=3;bysetpos=1",
                E::UnsupportedPart(s("BYSETPOS")),
            ),
            (
                "FREQ=DAILY;COUNT=3;BYHOUR=9",
                E::UnsupportedPart(s("BYHOUR")),
            ),
            (
                "FREQ=DAILY;COUNT=3;BYMONTH=1",
                E::UnsupportedPart(s("BYMONTH")),
            ),
            ("FREQ=YEARLY;COUNT=3", E::BadFrequency(s("YEARLY"))),
            ("FREQ=hourly;COUNT=3", E::BadFrequency(s("hourly"))),
            ("FREQ=", E::BadFrequency(s(""))),
            (
                "FREQ=DAILY;FREQ=WEEKLY;COUNT=3",
                E::DuplicatePart(s("FREQ")),
            ),
            ("FREQ=DAILY;COUNT=3;count=4", E::DuplicatePart(s("COUNT"))),
            ("FREQ=DAILY;INTERVAL=0;COUNT=3", E::BadInterval(s("0"))),
            ("FREQ=DAILY;INTERVAL=-1;COUNT=3", E::BadInterval(s("-1"))),
            ("FREQ=DAILY;INTERVAL=+2;COUNT=3", E::BadInterval(s("+2"))),
            ("FREQ=DAILY;INTERVAL=x;COUNT=3", E::BadInterval(s("x"))),
            ("FREQ=DAILY;INTERVAL=;COUNT=3", E::BadInterval(s(""))),
            (
                "FREQ=DAILY;INTERVAL=99999999999;COUNT=3",
                E::BadInterval(s("99999999999")),
            ),
            ("FREQ=WEEKLY;BYDAY=XX;COUNT=3", E::BadByDay(s("XX"))),
            ("FREQ=WEEKLY;BYDAY=MO,;COUNT=3", E::BadByDay(s(""))),
            ("FREQ=WEEKLY;BYDAY=Monday;COUNT=3", E::BadByDay(s("Monday"))),
            ("FREQ=WEEKLY;BYDAY=M;COUNT=3", E::BadByDay(s("M"))),
            ("FREQ=MONTHLY;BYDAY=xMO;COUNT=3", E::BadByDay(s("xMO"))),
            ("FREQ=MONTHLY;BYDAY=0MO;COUNT=3", E::BadByDay(s("0MO"))),
            ("FREQ=MONTHLY;BYDAY=6MO;COUNT=3", E::BadByDay(s("6MO"))),
            ("FREQ=MONTHLY;BYDAY=-6MO;COUNT=3", E::BadByDay(s("-6MO"))),
            (
                "FREQ=WEEKLY;BYDAY=1MO;COUNT=3",
                E::OrdinalOutsideMonthly(s("1MO")),
            ),
            (
                "FREQ=DAILY;BYDAY=-1FR;COUNT=3",
                E::OrdinalOutsideMonthly(s("-1FR")),
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=0;COUNT=3",
                E::BadByMonthDay(s("0")),
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=32;COUNT=3",
                E::BadByMonthDay(s("32")),
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=-32;COUNT=3",
                E::BadByMonthDay(s("-32")),
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=999;COUNT=3",
                E::BadByMonthDay(s("999")),
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=1,x;COUNT=3",
                E::BadByMonthDay(s("x")),
            ),
            (
                "FREQ=DAILY;BYMONTHDAY=1;COUNT=3",
                E::ByMonthDayOutsideMonthly,
            ),
            (
                "FREQ=WEEKLY;BYMONTHDAY=1;COUNT=3",
                E::ByMonthDayOutsideMonthly,
            ),
            ("FREQ=DAILY;COUNT=3;UNTIL=20261231", E::CountAndUntil),
            ("FREQ=DAILY", E::Unbounded),
            ("FREQ=DAILY;INTERVAL=2", E::Unbounded),
            ("FREQ=DAILY;COUNT=0", E::BadCount(s("0"))),
            ("FREQ=DAILY;COUNT=367", E::BadCount(s("367"))),
            ("FREQ=DAILY;COUNT=ten", E::BadCount(s("ten"))),
            ("FREQ=DAILY;COUNT=-1", E::BadCount(s("-1"))),
            ("FREQ=DAILY;UNTIL=2026-12-31", E::BadUntil(s("2026-12-31"))),
            ("FREQ=DAILY;UNTIL=20261332", E::BadUntil(s("20261332"))),
            (
                "FREQ=DAILY;UNTIL=20261231T235959",
                E::BadUntil(s("20261231T235959")),
            ),
            (
                "FREQ=DAILY;UNTIL=20261231T246000Z",
                E::BadUntil(s("20261231T246000Z")),
            ),
            (
                "FREQ=DAILY;UNTIL=20261231X235959Z",
                E::BadUntil(s("20261231X235959Z")),
            ),
            ("FREQ=DAILY;UNTIL=2026123é", E::BadUntil(s("2026123é"))),
            ("FREQ=DAILY;COUNT=3;WKST=SU", E::BadWeekStart(s("SU"))),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Rule>(), Err(expected), "{text:?}");
        }
    }

    #[test]
    fn errors_name_the_offending_part() {
        let message = |text: &str| text.parse::<Rule>().unwrap_err().to_string();
        assert_eq!(
            message("FREQ=DAILY;COUNT=3;FOO=1"),
            "unknown recurrence rule part \"FOO=1\""
        );
        assert!(message("FREQ=WEEKLY;BYDAY=XX;COUNT=3").contains("\"XX\""));
        assert!(message("FREQ=DAILY;COUNT=400").contains("1 to 366"));
        assert!(message("FREQ=YEARLY;COUNT=3").contains("YEARLY"));
        assert!(message("FREQ=DAILY;COUNT=3;BYSETPOS=1").contains("BYSETPOS"));
    }

    #[test]
    fn checks_a_rule_built_by_hand() {
        let first = local(PARIS, date(2026, 1, 5), (9, 0), (10, 0));
        let mut built = rule("FREQ=WEEKLY;COUNT=3");
        built.interval = 0;
        assert_eq!(
            occurrences(&built, PARIS, first),
            Err(RecurrenceError::BadInterval("0".to_string()))
        );
        built.interval = 1;
        built.count = Some(1000);
        assert_eq!(
            occurrences(&built, PARIS, first),
            Err(RecurrenceError::BadCount("1000".to_string()))
        );
        built.count = None;
        assert_eq!(
            occurrences(&built, PARIS, first),
            Err(RecurrenceError::Unbounded)
        );
        built.count = Some(3);
        built.by_day = vec![nth(7, Weekday::Mon)];
        assert_eq!(
            occurrences(&built, PARIS, first),
            Err(RecurrenceError::BadByDay("7MO".to_string()))
        );
    }

    #[test]
    fn refuses_an_empty_first_occurrence() {
        let start = utc(2026, 1, 5, 9, 0);
        assert_eq!(
            occurrences(
                &rule("FREQ=DAILY;COUNT=3"),
                PARIS,
                Interval::new(start, start)
            ),
            Err(RecurrenceError::EmptyFirst)
        );
    }

    // -----------------------------------------------------------------------------------------
    // Expansion

    #[test]
    fn weekly_on_monday_and_wednesday() {
        // 2026-01-05 is a Monday.
        let first = local(PARIS, date(2026, 1, 5), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [5, 7, 12, 14, 19, 21, 26, 28]
                .map(|d| date(2026, 1, d))
                .into_iter()
                .chain([date(2026, 2, 2), date(2026, 2, 4)])
                .collect::<Vec<_>>()
        );
        assert_eq!(found[0], first);
        for occurrence in &found {
            assert_eq!(occurrence.duration(), Duration::hours(1));
            assert_eq!(occurrence.start.with_timezone(&PARIS).hour(), 9);
        }
    }

    #[test]
    fn weekly_byday_in_any_order_comes_out_in_date_order() {
        let first = local(PARIS, date(2026, 1, 5), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;BYDAY=FR,MO,FR;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [5, 9, 12, 16].map(|d| date(2026, 1, d))
        );
    }

    #[test]
    fn weekly_without_byday_keeps_the_start_weekday() {
        // 2026-01-08 is a Thursday.
        let first = local(PARIS, date(2026, 1, 8), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;COUNT=3", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [8, 15, 22].map(|d| date(2026, 1, d))
        );
    }

    #[test]
    fn every_other_week() {
        // Week of Monday 2026-01-05, then the weeks of 01-19 and 02-02. The Monday of the
        // start's week falls before the start, so it is not an occurrence.
        let first = local(PARIS, date(2026, 1, 7), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=5", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 7),
                date(2026, 1, 19),
                date(2026, 1, 21),
                date(2026, 2, 2),
                date(2026, 2, 4)
            ]
        );
    }

    #[test]
    fn a_start_date_that_does_not_match_is_not_an_occurrence() {
        // 2026-01-06 is a Tuesday.
        let first = local(PARIS, date(2026, 1, 6), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [7, 12, 14].map(|d| date(2026, 1, d))
        );
        assert!(!found.contains(&first));
    }

    #[test]
    fn every_other_day_until_a_date() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        let found = expand("FREQ=DAILY;INTERVAL=2;UNTIL=20260109", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [1, 3, 5, 7, 9].map(|d| date(2026, 1, d))
        );
        let found = expand("FREQ=DAILY;INTERVAL=2;UNTIL=20260108", PARIS, first);
        assert_eq!(local_dates(PARIS, &found).last(), Some(&date(2026, 1, 7)));
    }

    #[test]
    fn until_date_is_a_local_date() {
        // 23:30 in New York is already the next day in UTC; the local date still counts.
        let first = local(NY, date(2026, 1, 1), (23, 30), (23, 45));
        let found = expand("FREQ=DAILY;UNTIL=20260103", NY, first);
        assert_eq!(local_dates(NY, &found), [1, 2, 3].map(|d| date(2026, 1, d)));
    }

    #[test]
    fn daily_filtered_by_weekday() {
        // Thursday 2026-01-01; only Mondays and Fridays.
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        let found = expand("FREQ=DAILY;BYDAY=MO,FR;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [2, 5, 9, 12].map(|d| date(2026, 1, d))
        );
    }

    #[test]
    fn until_instant_is_inclusive() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        // 09:00 Paris is 08:00 UTC in winter.
        let found = expand("FREQ=DAILY;UNTIL=20260103T080000Z", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [1, 2, 3].map(|d| date(2026, 1, d))
        );
        let found = expand("FREQ=DAILY;UNTIL=20260103T075959Z", PARIS, first);
        assert_eq!(local_dates(PARIS, &found), [1, 2].map(|d| date(2026, 1, d)));
        let found = expand("FREQ=DAILY;UNTIL=20251231T000000Z", PARIS, first);
        assert!(found.is_empty());
    }

    #[test]
    fn until_beyond_the_limit_is_refused() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        // 2026 has 365 days: with 2027-01-01 that is exactly the limit.
        let found = expand("FREQ=DAILY;UNTIL=20270101", PARIS, first);
        assert_eq!(found.len(), MAX_OCCURRENCES);
        assert_eq!(
            occurrences(&rule("FREQ=DAILY;UNTIL=20270102"), PARIS, first),
            Err(RecurrenceError::TooManyOccurrences)
        );
        assert_eq!(
            occurrences(&rule("FREQ=DAILY;UNTIL=20360101T000000Z"), PARIS, first),
            Err(RecurrenceError::TooManyOccurrences)
        );
    }

    #[test]
    fn monthly_on_the_31st_skips_short_months() {
        let first = local(PARIS, date(2026, 1, 31), (9, 0), (10, 0));
        let found = expand("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 31),
                date(2026, 3, 31),
                date(2026, 5, 31),
                date(2026, 7, 31)
            ]
        );
        // Without BYMONTHDAY the start's day of the month is used, with the same skips.
        assert_eq!(expand("FREQ=MONTHLY;COUNT=4", PARIS, first), found);
    }

    #[test]
    fn monthly_on_the_last_day() {
        let first = local(PARIS, date(2026, 1, 15), (9, 0), (10, 0));
        let found = expand("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 31),
                date(2026, 2, 28),
                date(2026, 3, 31),
                date(2026, 4, 30)
            ]
        );
        // 2028 is a leap year.
        let first = local(PARIS, date(2028, 2, 1), (9, 0), (10, 0));
        let found = expand("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=1", PARIS, first);
        assert_eq!(local_dates(PARIS, &found), [date(2028, 2, 29)]);
    }

    #[test]
    fn monthly_on_the_last_friday() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        let found = expand("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 30),
                date(2026, 2, 27),
                date(2026, 3, 27),
                date(2026, 4, 24)
            ]
        );
    }

    #[test]
    fn monthly_on_the_second_tuesday() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        let found = expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=4", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 13),
                date(2026, 2, 10),
                date(2026, 3, 10),
                date(2026, 4, 14)
            ]
        );
    }

    #[test]
    fn monthly_every_weekday_and_intersection() {
        let first = local(PARIS, date(2026, 1, 1), (9, 0), (10, 0));
        // Every Monday of the month.
        let found = expand("FREQ=MONTHLY;BYDAY=MO;COUNT=5", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 5),
                date(2026, 1, 12),
                date(2026, 1, 19),
                date(2026, 1, 26),
                date(2026, 2, 2)
            ]
        );
        // Friday the 13th: both parts must match.
        let found = expand("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=2", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [date(2026, 2, 13), date(2026, 3, 13)]
        );
    }

    #[test]
    fn monthly_every_other_month() {
        let first = local(PARIS, date(2026, 1, 10), (9, 0), (10, 0));
        let found = expand(
            "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5,10;COUNT=4",
            PARIS,
            first,
        );
        // The 5th of January is before the start.
        assert_eq!(
            local_dates(PARIS, &found),
            [
                date(2026, 1, 10),
                date(2026, 3, 5),
                date(2026, 3, 10),
                date(2026, 5, 5)
            ]
        );
    }

    #[test]
    fn a_rule_that_never_matches_ends() {
        // Every twelfth month from February: never a 31st.
        let first = local(PARIS, date(2026, 2, 1), (9, 0), (10, 0));
        let found = expand(
            "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31;COUNT=3",
            PARIS,
            first,
        );
        assert!(found.is_empty());
        // Every seven days from a Monday, but only on Tuesdays.
        let first = local(PARIS, date(2026, 1, 5), (9, 0), (10, 0));
        let found = expand("FREQ=DAILY;INTERVAL=7;BYDAY=TU;COUNT=3", PARIS, first);
        assert!(found.is_empty());
        // Fifth Mondays are rare, but come.
        let found = expand("FREQ=MONTHLY;BYDAY=5MO;COUNT=3", PARIS, first);
        assert_eq!(
            local_dates(PARIS, &found),
            [date(2026, 3, 30), date(2026, 6, 29), date(2026, 8, 31)]
        );
        // An interval past the end of the calendar stops at the first period.
        let found = expand("FREQ=DAILY;INTERVAL=4294967295;COUNT=3", PARIS, first);
        assert_eq!(found, [first]);
    }

    // -----------------------------------------------------------------------------------------
    // Clock changes

    #[test]
    fn paris_weekly_keeps_local_time_across_spring_forward() {
        // Clocks go forward on Sunday 2026-03-29: 09:00 is 08:00 UTC before, 07:00 after.
        let first = local(PARIS, date(2026, 3, 23), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;COUNT=3", PARIS, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 3, 23, 8, 0), utc(2026, 3, 23, 9, 0)),
                Interval::new(utc(2026, 3, 30, 7, 0), utc(2026, 3, 30, 8, 0)),
                Interval::new(utc(2026, 4, 6, 7, 0), utc(2026, 4, 6, 8, 0)),
            ]
        );
    }

    #[test]
    fn paris_weekly_keeps_local_time_across_fall_back() {
        // Clocks go back on Sunday 2026-10-25.
        let first = local(PARIS, date(2026, 10, 19), (9, 0), (10, 0));
        let found = expand("FREQ=WEEKLY;COUNT=2", PARIS, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 10, 19, 7, 0), utc(2026, 10, 19, 8, 0)),
                Interval::new(utc(2026, 10, 26, 8, 0), utc(2026, 10, 26, 9, 0)),
            ]
        );
    }

    #[test]
    fn new_york_daily_keeps_local_time_across_both_changes() {
        let first = local(NY, date(2026, 3, 7), (9, 0), (10, 0));
        let found = expand("FREQ=DAILY;COUNT=2", NY, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 3, 7, 14, 0), utc(2026, 3, 7, 15, 0)),
                Interval::new(utc(2026, 3, 8, 13, 0), utc(2026, 3, 8, 14, 0)),
            ]
        );
        let first = local(NY, date(2026, 10, 31), (9, 0), (10, 0));
        let found = expand("FREQ=DAILY;COUNT=2", NY, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 10, 31, 13, 0), utc(2026, 10, 31, 14, 0)),
                Interval::new(utc(2026, 11, 1, 14, 0), utc(2026, 11, 1, 15, 0)),
            ]
        );
    }

    #[test]
    fn a_start_in_the_spring_forward_gap_moves_to_the_gap_end() {
        // 02:30–03:30 EST on 2026-03-07 is 07:30–08:30 UTC. On 03-08, 02:30 does not exist:
        // the start moves to 03:00 EDT (07:00 UTC), the end stays 03:30 EDT (07:30 UTC).
        let first = local(NY, date(2026, 3, 7), (2, 30), (3, 30));
        let found = expand("FREQ=DAILY;COUNT=3", NY, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 3, 7, 7, 30), utc(2026, 3, 7, 8, 30)),
                Interval::new(utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 7, 30)),
                Interval::new(utc(2026, 3, 9, 6, 30), utc(2026, 3, 9, 7, 30)),
            ]
        );
    }

    #[test]
    fn an_occurrence_left_empty_by_the_gap_is_skipped() {
        // 02:10–02:50 falls wholly in the 2026-03-08 gap: both ends resolve to 03:00 EDT.
        let first = local(NY, date(2026, 3, 7), (2, 10), (2, 50));
        let found = expand("FREQ=DAILY;COUNT=2", NY, first);
        assert_eq!(
            local_dates(NY, &found),
            [date(2026, 3, 7), date(2026, 3, 9)]
        );
    }

    #[test]
    fn an_overnight_booking_keeps_its_day_offset() {
        // 22:00 to 01:00 the next day, across the Paris spring-forward night of 03-28/29.
        let first = Interval::new(
            at(PARIS, date(2026, 3, 27), 22, 0),
            at(PARIS, date(2026, 3, 28), 1, 0),
        );
        let found = expand("FREQ=DAILY;COUNT=3", PARIS, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 3, 27, 21, 0), utc(2026, 3, 28, 0, 0)),
                Interval::new(utc(2026, 3, 28, 21, 0), utc(2026, 3, 29, 0, 0)),
                Interval::new(utc(2026, 3, 29, 20, 0), utc(2026, 3, 29, 23, 0)),
            ]
        );
    }

    #[test]
    fn seconds_are_dropped() {
        let start = utc(2026, 1, 5, 8, 0) + Duration::seconds(42);
        let first = Interval::new(start, start + Duration::hours(1));
        let found = expand("FREQ=DAILY;COUNT=2", PARIS, first);
        assert_eq!(
            found,
            [
                Interval::new(utc(2026, 1, 5, 8, 0), utc(2026, 1, 5, 9, 0)),
                Interval::new(utc(2026, 1, 6, 8, 0), utc(2026, 1, 6, 9, 0)),
            ]
        );
    }
}
