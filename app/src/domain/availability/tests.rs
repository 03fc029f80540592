//! Tests of the availability rules.
//!
//! Expected instants are written out by hand or computed with chrono's own zone lookups, never
//! with the functions under test, so a wrong resolution of local time shows up as a failure.

use super::*;
use crate::domain::testing::{at, date, utc};
use chrono::{LocalResult, NaiveDateTime, Offset};
use proptest::prelude::*;

const NY: Tz = chrono_tz::America::New_York;
const PARIS: Tz = chrono_tz::Europe::Paris;
const SYDNEY: Tz = chrono_tz::Australia::Sydney;
const KOLKATA: Tz = chrono_tz::Asia::Kolkata;
const LORD_HOWE: Tz = chrono_tz::Australia::Lord_Howe;
const ZONES: [Tz; 6] = [NY, PARIS, SYDNEY, KOLKATA, Tz::UTC, LORD_HOWE];

// ---------------------------------------------------------------------------------------------
// Helpers

fn minutes(n: i64) -> Duration {
    Duration::minutes(n)
}

fn hours(n: i64) -> Duration {
    Duration::hours(n)
}

fn span(start: DateTime<Utc>, end: DateTime<Utc>) -> Interval {
    Interval::new(start, end)
}

/// Wall-clock `(date, minutes after midnight)` of an instant in `tz`.
fn wall(tz: Tz, instant: DateTime<Utc>) -> (NaiveDate, u16) {
    let local = instant.with_timezone(&tz);
    (
        local.date_naive(),
        (local.hour() * 60 + local.minute()) as u16,
    )
}

/// Wall-clock minutes of `instant` counted from local midnight of `day` (1440 = next midnight).
fn wall_minutes_from(tz: Tz, day: NaiveDate, instant: DateTime<Utc>) -> i64 {
    let (local_day, minute) = wall(tz, instant);
    (local_day - day).num_days() * 1440 + i64::from(minute)
}

fn offset_seconds(tz: Tz, instant: DateTime<Utc>) -> i64 {
    i64::from(
        tz.offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc(),
    )
}

fn opening(open: &str, close: &str) -> Opening {
    Opening::parse(open, close).expect("valid opening")
}

/// The same openings on all seven days.
fn every_day(openings: &[(&str, &str)]) -> WeeklyHours {
    WeeklyHours::from_entries(
        (0..7u8).flat_map(|day| openings.iter().map(move |(o, c)| (day, opening(o, c)))),
    )
    .expect("valid hours")
}

fn with_hours(tz: Tz, hours: WeeklyHours) -> Rules {
    Rules {
        hours: Some(hours),
        ..Rules::open(tz)
    }
}

/// A booking without buffers.
fn booked(start: DateTime<Utc>, end: DateTime<Utc>) -> Busy {
    Busy {
        booked: span(start, end),
        blocked: span(start, end),
    }
}

// The office fixture: Paris, open 09:00–17:00 Monday to Friday. 2026-06-01 is a Monday and
// Paris is on UTC+2 all June.
const MON: u32 = 1;
const TUE: u32 = 2;
const WED: u32 = 3;
const FRI: u32 = 5;
const SAT: u32 = 6;

fn june(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    at(PARIS, date(2026, 6, day), hour, minute)
}

fn office() -> Rules {
    let week = WeeklyHours::from_entries((0..5u8).map(|day| (day, opening("09:00", "17:00"))))
        .expect("valid hours");
    with_hours(PARIS, week)
}

/// Monday noon: the "now" of most office tests.
fn noon() -> DateTime<Utc> {
    june(MON, 12, 0)
}

// ---------------------------------------------------------------------------------------------
// Clock strings and openings

#[test]
fn parse_clock_reads_hh_mm_up_to_midnight() {
    assert_eq!(parse_clock("00:00"), Some(0));
    assert_eq!(parse_clock("09:30"), Some(570));
    assert_eq!(parse_clock("23:59"), Some(1439));
    assert_eq!(parse_clock("24:00"), Some(1440));
    assert_eq!(parse_clock(" 08:15 "), Some(495));
    assert_eq!(parse_clock("09:30:00"), Some(570));
    assert_eq!(parse_clock("24:00:00"), Some(1440));
}

#[test]
fn parse_clock_refuses_anything_else() {
    for text in [
        "24:01",
        "25:00",
        "9:00",
        "09:0",
        "ab:cd",
        "0900",
        "",
        ":",
        "09:60",
        "09:00:30",
        "09:00:00:00",
        "9:00:00",
        "-1:00",
        "+9:00",
        "09:+5",
        " 9:00",
        "٠٩:٠٠",
    ] {
        assert_eq!(parse_clock(text), None, "{text:?} should not parse");
    }
}

#[test]
fn format_clock_is_the_inverse_of_parse_clock() {
    assert_eq!(format_clock(0), "00:00");
    assert_eq!(format_clock(570), "09:30");
    assert_eq!(format_clock(1440), "24:00");
    for minute in 0..=MINUTES_PER_DAY {
        assert_eq!(parse_clock(&format_clock(minute)), Some(minute));
    }
}

#[test]
fn opening_parse_accepts_a_day_and_refuses_bad_spans() {
    assert_eq!(
        Opening::parse("09:00", "17:30"),
        Ok(Opening {
            open: 540,
            close: 1050
        })
    );
    assert_eq!(
        Opening::parse("00:00", "24:00"),
        Ok(Opening {
            open: 0,
            close: 1440
        })
    );
    assert_eq!(Opening::parse("9:00", "17:00"), Err(RuleError::BadClock));
    assert_eq!(Opening::parse("09:00", "24:01"), Err(RuleError::BadClock));
    assert_eq!(Opening::parse("09:00", "noon"), Err(RuleError::BadClock));
    assert_eq!(
        Opening::parse("09:00", "09:00"),
        Err(RuleError::CloseNotAfterOpen)
    );
    assert_eq!(
        Opening::parse("17:00", "09:00"),
        Err(RuleError::CloseNotAfterOpen)
    );
    assert_eq!(
        Opening::parse("24:00", "24:00"),
        Err(RuleError::CloseNotAfterOpen)
    );
}

// ---------------------------------------------------------------------------------------------
// Weekly hours and limits

#[test]
fn weekly_hours_take_several_sorted_openings_a_day() {
    let week = WeeklyHours::from_entries([
        (0, opening("13:00", "17:00")),
        (0, opening("09:00", "12:00")),
        (0, opening("12:00", "13:00")), // touching is not overlapping
        (6, opening("10:00", "14:00")),
    ])
    .expect("valid hours");
    assert_eq!(
        week.days[0],
        vec![
            opening("09:00", "12:00"),
            opening("12:00", "13:00"),
            opening("13:00", "17:00")
        ]
    );
    assert!(week.days[1..6].iter().all(Vec::is_empty));
    assert_eq!(week.days[6], vec![opening("10:00", "14:00")]);
    // 2026-06-01 is a Monday, 2026-06-07 a Sunday.
    assert_eq!(week.on(date(2026, 6, 1)).len(), 3);
    assert!(week.on(date(2026, 6, 2)).is_empty());
    assert_eq!(week.on(date(2026, 6, 7)), &[opening("10:00", "14:00")]);
    let entries: Vec<(u8, Opening)> = week.entries().collect();
    assert_eq!(
        entries,
        vec![
            (0, opening("09:00", "12:00")),
            (0, opening("12:00", "13:00")),
            (0, opening("13:00", "17:00")),
            (6, opening("10:00", "14:00")),
        ]
    );
    assert_eq!(WeeklyHours::from_entries(entries), Ok(week));
}

#[test]
fn weekly_hours_refuse_overlaps_and_bad_weekdays() {
    assert_eq!(
        WeeklyHours::from_entries([
            (2, opening("09:00", "12:00")),
            (2, opening("11:59", "13:00"))
        ]),
        Err(RuleError::OverlappingHours)
    );
    // A short opening inside a long one, given in any order.
    assert_eq!(
        WeeklyHours::from_entries([
            (4, opening("10:00", "11:00")),
            (4, opening("14:00", "15:00")),
            (4, opening("08:00", "18:00")),
        ]),
        Err(RuleError::OverlappingHours)
    );
    // The same hours on different days do not overlap.
    assert!(
        WeeklyHours::from_entries([
            (1, opening("09:00", "12:00")),
            (2, opening("09:00", "12:00"))
        ])
        .is_ok()
    );
    assert_eq!(
        WeeklyHours::from_entries([(7, opening("09:00", "12:00"))]),
        Err(RuleError::BadWeekday)
    );
    assert_eq!(
        WeeklyHours::from_entries([(255, opening("09:00", "12:00"))]),
        Err(RuleError::BadWeekday)
    );
}

#[test]
fn weekly_hours_refuse_openings_built_by_hand_that_break_the_invariant() {
    assert_eq!(
        WeeklyHours::from_entries([(
            0,
            Opening {
                open: 600,
                close: 540
            }
        )]),
        Err(RuleError::CloseNotAfterOpen)
    );
    assert_eq!(
        WeeklyHours::from_entries([(
            0,
            Opening {
                open: 600,
                close: 600
            }
        )]),
        Err(RuleError::CloseNotAfterOpen)
    );
    assert_eq!(
        WeeklyHours::from_entries([(
            0,
            Opening {
                open: 600,
                close: 1441
            }
        )]),
        Err(RuleError::BadClock)
    );
}

#[test]
fn limits_validate_ranges() {
    let ok = Limits::default();
    assert_eq!(ok.validate(), Ok(()));
    let full = Limits {
        min_duration: Some(30),
        max_duration: Some(MAX_RULE_MINUTES),
        buffer_before: MAX_RULE_MINUTES,
        buffer_after: MAX_RULE_MINUTES,
        min_notice: MAX_RULE_MINUTES,
        horizon_days: Some(MAX_HORIZON_DAYS),
        granularity: 1440,
    };
    assert_eq!(full.validate(), Ok(()));
    assert_eq!(
        Limits {
            min_duration: Some(60),
            max_duration: Some(60),
            ..ok
        }
        .validate(),
        Ok(())
    );
    assert_eq!(
        Limits {
            min_duration: Some(0),
            ..ok
        }
        .validate(),
        Ok(())
    );

    let out_of_range = [
        Limits {
            granularity: 0,
            ..ok
        },
        Limits {
            granularity: 1441,
            ..ok
        },
        Limits {
            max_duration: Some(0),
            ..ok
        },
        Limits {
            min_duration: Some(MAX_RULE_MINUTES + 1),
            ..ok
        },
        Limits {
            max_duration: Some(MAX_RULE_MINUTES + 1),
            ..ok
        },
        Limits {
            buffer_before: MAX_RULE_MINUTES + 1,
            ..ok
        },
        Limits {
            buffer_after: MAX_RULE_MINUTES + 1,
            ..ok
        },
        Limits {
            min_notice: MAX_RULE_MINUTES + 1,
            ..ok
        },
        Limits {
            horizon_days: Some(MAX_HORIZON_DAYS + 1),
            ..ok
        },
    ];
    for limits in out_of_range {
        assert_eq!(limits.validate(), Err(RuleError::OutOfRange), "{limits:?}");
    }
    assert_eq!(
        Limits {
            min_duration: Some(61),
            max_duration: Some(60),
            ..ok
        }
        .validate(),
        Err(RuleError::MinAboveMax)
    );
}

#[test]
fn message_keys_are_distinct() {
    let errors = [
        RuleError::BadClock,
        RuleError::CloseNotAfterOpen,
        RuleError::BadWeekday,
        RuleError::OverlappingHours,
        RuleError::MinAboveMax,
        RuleError::OutOfRange,
        RuleError::EmptyClosure,
    ];
    let mut keys: Vec<&str> = errors.iter().map(|e| e.message_key()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), errors.len());

    let violations = [
        Violation::EndNotAfterStart,
        Violation::StartsInPast,
        Violation::NoticeTooShort { minutes: 60 },
        Violation::BeyondHorizon { days: 30 },
        Violation::TooShort { minutes: 15 },
        Violation::TooLong { minutes: 240 },
        Violation::NotAligned { minutes: 15 },
        Violation::OutsideBusinessHours,
        Violation::Blackout {
            date: date(2026, 12, 25),
            reason: "Christmas".into(),
        },
        Violation::Closed {
            start: utc(2026, 6, 1, 8, 0),
            end: utc(2026, 6, 1, 10, 0),
            reason: String::new(),
        },
        Violation::ResourceNotBookable {
            status: "retired".into(),
        },
    ];
    let mut keys: Vec<&str> = violations.iter().map(Violation::message_key).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), violations.len());
    assert_eq!(
        violations[8].describe(),
        "2026-12-25 is a blackout date: Christmas"
    );
    assert_eq!(violations[9].describe(), "the resource is closed then");
    assert_eq!(
        violations[2].describe(),
        "bookings must be made at least 60 minutes ahead"
    );
}

// ---------------------------------------------------------------------------------------------
// Intervals, merge and subtract

#[test]
fn intervals_are_half_open() {
    let nine = utc(2026, 6, 1, 9, 0);
    let ten = utc(2026, 6, 1, 10, 0);
    let eleven = utc(2026, 6, 1, 11, 0);
    let a = span(nine, ten);
    let b = span(ten, eleven);
    assert!(!a.overlaps(&b) && !b.overlaps(&a));
    assert!(a.overlaps(&span(nine + minutes(59), eleven)));
    assert!(span(nine, eleven).contains(&a) && span(nine, eleven).contains(&b));
    assert!(!a.contains(&span(nine, ten + minutes(1))));
    assert!(span(ten, ten).is_empty() && span(ten, nine).is_empty() && !a.is_empty());
    assert_eq!(a.duration(), hours(1));
    assert_eq!(
        a.padded(minutes(15), minutes(30)),
        span(nine - minutes(15), ten + minutes(30))
    );
    let rules = Rules {
        limits: Limits {
            buffer_before: 10,
            buffer_after: 20,
            ..Limits::default()
        },
        ..Rules::open(PARIS)
    };
    assert_eq!(
        rules.blocking(a),
        span(nine - minutes(10), ten + minutes(20))
    );
}

#[test]
fn merge_sorts_and_joins_overlapping_and_touching() {
    let t = |h: u32| utc(2026, 6, 1, h, 0);
    let merged = merge(vec![
        span(t(14), t(16)),
        span(t(9), t(10)),
        span(t(10), t(11)), // touches the previous one
        span(t(12), t(12)), // empty: dropped
        span(t(15), t(18)), // overlaps 14–16
        span(t(9), t(9) + minutes(30)),
        span(t(20), t(19)), // reversed: empty
    ]);
    assert_eq!(merged, vec![span(t(9), t(11)), span(t(14), t(18))]);
    assert!(merge(Vec::new()).is_empty());
}

#[test]
fn subtract_cuts_holes_and_edges() {
    let t = |h: u32| utc(2026, 6, 1, h, 0);
    let from = vec![span(t(8), t(12)), span(t(13), t(18))];
    let left = subtract(
        from.clone(),
        &[
            span(t(16), t(20)),             // the end of the second
            span(t(9), t(10)),              // a hole in the first
            span(t(7), t(8)),               // touches the first: removes nothing
            span(t(10), t(10)),             // empty
            span(t(12), t(13)),             // the gap between them
            span(t(9), t(9) + minutes(30)), // inside another cut
        ],
    );
    assert_eq!(
        left,
        vec![span(t(8), t(9)), span(t(10), t(12)), span(t(13), t(16)),]
    );
    assert_eq!(subtract(from.clone(), &[]), from);
    assert!(subtract(from, &[span(t(0), t(23))]).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Local time around clock changes

/// One clock-change date: its length, local midnight in UTC, and 09:00 on the day before, the
/// day itself and the day after, in UTC.
struct ClockChange {
    tz: Tz,
    day: NaiveDate,
    hours: i64,
    midnight: DateTime<Utc>,
    next_midnight: DateTime<Utc>,
    nine: [DateTime<Utc>; 3],
}

fn clock_changes_2026() -> Vec<ClockChange> {
    vec![
        // New York, spring forward at 02:00 EST (UTC-5) to 03:00 EDT (UTC-4).
        ClockChange {
            tz: NY,
            day: date(2026, 3, 8),
            hours: 23,
            midnight: utc(2026, 3, 8, 5, 0),
            next_midnight: utc(2026, 3, 9, 4, 0),
            nine: [
                utc(2026, 3, 7, 14, 0),
                utc(2026, 3, 8, 13, 0),
                utc(2026, 3, 9, 13, 0),
            ],
        },
        // New York, fall back at 02:00 EDT to 01:00 EST.
        ClockChange {
            tz: NY,
            day: date(2026, 11, 1),
            hours: 25,
            midnight: utc(2026, 11, 1, 4, 0),
            next_midnight: utc(2026, 11, 2, 5, 0),
            nine: [
                utc(2026, 10, 31, 13, 0),
                utc(2026, 11, 1, 14, 0),
                utc(2026, 11, 2, 14, 0),
            ],
        },
        // Paris, 02:00 CET (UTC+1) to 03:00 CEST (UTC+2).
        ClockChange {
            tz: PARIS,
            day: date(2026, 3, 29),
            hours: 23,
            midnight: utc(2026, 3, 28, 23, 0),
            next_midnight: utc(2026, 3, 29, 22, 0),
            nine: [
                utc(2026, 3, 28, 8, 0),
                utc(2026, 3, 29, 7, 0),
                utc(2026, 3, 30, 7, 0),
            ],
        },
        // Paris, 03:00 CEST back to 02:00 CET.
        ClockChange {
            tz: PARIS,
            day: date(2026, 10, 25),
            hours: 25,
            midnight: utc(2026, 10, 24, 22, 0),
            next_midnight: utc(2026, 10, 25, 23, 0),
            nine: [
                utc(2026, 10, 24, 7, 0),
                utc(2026, 10, 25, 8, 0),
                utc(2026, 10, 26, 8, 0),
            ],
        },
        // Sydney, 02:00 AEST (UTC+10) to 03:00 AEDT (UTC+11).
        ClockChange {
            tz: SYDNEY,
            day: date(2026, 10, 4),
            hours: 23,
            midnight: utc(2026, 10, 3, 14, 0),
            next_midnight: utc(2026, 10, 4, 13, 0),
            nine: [
                utc(2026, 10, 2, 23, 0),
                utc(2026, 10, 3, 22, 0),
                utc(2026, 10, 4, 22, 0),
            ],
        },
        // Sydney, 03:00 AEDT back to 02:00 AEST.
        ClockChange {
            tz: SYDNEY,
            day: date(2026, 4, 5),
            hours: 25,
            midnight: utc(2026, 4, 4, 13, 0),
            next_midnight: utc(2026, 4, 5, 14, 0),
            nine: [
                utc(2026, 4, 3, 22, 0),
                utc(2026, 4, 4, 23, 0),
                utc(2026, 4, 5, 23, 0),
            ],
        },
    ]
}

fn around(day: NaiveDate) -> [NaiveDate; 3] {
    [
        day.pred_opt().expect("a day before"),
        day,
        day.succ_opt().expect("a day after"),
    ]
}

#[test]
fn day_bounds_on_clock_change_dates() {
    for change in clock_changes_2026() {
        let label = format!("{} {}", change.tz, change.day);
        let bounds = day_bounds(change.tz, change.day);
        assert_eq!(bounds.start, change.midnight, "{label}");
        assert_eq!(bounds.end, change.next_midnight, "{label}");
        assert_eq!(bounds.duration(), hours(change.hours), "{label}");
        let [before, _, after] = around(change.day);
        assert_eq!(
            day_bounds(change.tz, before).duration(),
            hours(24),
            "{label}"
        );
        assert_eq!(
            day_bounds(change.tz, after).duration(),
            hours(24),
            "{label}"
        );
        assert_eq!(day_bounds(change.tz, before).end, bounds.start, "{label}");
        assert_eq!(day_bounds(change.tz, after).start, bounds.end, "{label}");
        assert_eq!(local_date(change.tz, bounds.start), change.day, "{label}");
        assert_eq!(
            local_date(change.tz, bounds.end - Duration::nanoseconds(1)),
            change.day,
            "{label}"
        );
        assert_eq!(local_date(change.tz, bounds.end), after, "{label}");
    }
}

#[test]
fn business_hours_keep_their_wall_clock_times_across_clock_changes() {
    for change in clock_changes_2026() {
        let rules = with_hours(change.tz, every_day(&[("09:00", "17:00")]));
        let long_ago = utc(2020, 1, 1, 0, 0);
        for (day, nine) in around(change.day).into_iter().zip(change.nine) {
            let label = format!("{} {day}", change.tz);
            let slots = day_slots(&rules, &[], day, hours(1), long_ago);
            assert_eq!(slots.len(), 8, "{label}");
            assert_eq!(slots[0].start, nine, "{label}");
            for (slot, hour) in slots.iter().zip(9u16..) {
                assert_eq!(wall(change.tz, slot.start), (day, hour * 60), "{label}");
                assert_eq!(wall(change.tz, slot.end), (day, (hour + 1) * 60), "{label}");
                assert_eq!(slot.end - slot.start, hours(1), "{label}");
                assert!(slot.available, "{label}");
            }
            // A booking of 09:00–17:00 local is inside the hours; the same span an hour off
            // (what a fixed UTC offset would give) is not.
            let day_span = span(nine, nine + hours(8));
            assert!(
                check(&rules, &[], day_span, long_ago).available(),
                "{label}"
            );
            for shifted in [
                day_span.padded(hours(1), -hours(1)),
                day_span.padded(-hours(1), hours(1)),
            ] {
                assert_eq!(
                    check(&rules, &[], shifted, long_ago).violations,
                    vec![Violation::OutsideBusinessHours],
                    "{label}"
                );
            }
        }
    }
}

#[test]
fn an_all_day_resource_has_one_hourly_slot_per_hour_of_the_day() {
    for change in clock_changes_2026() {
        let rules = Rules::open(change.tz);
        let long_ago = utc(2020, 1, 1, 0, 0);
        for day in around(change.day) {
            let expected = if day == change.day { change.hours } else { 24 };
            let slots = day_slots(&rules, &[], day, hours(1), long_ago);
            let label = format!("{} {day}", change.tz);
            assert_eq!(slots.len() as i64, expected, "{label}");
            let bounds = day_bounds(change.tz, day);
            assert_eq!(slots[0].start, bounds.start, "{label}");
            assert_eq!(slots[slots.len() - 1].end, bounds.end, "{label}");
            assert!(
                slots.windows(2).all(|pair| pair[0].end == pair[1].start),
                "{label}"
            );
            assert!(
                slots
                    .iter()
                    .all(|s| s.available && s.end - s.start == hours(1))
            );
        }
    }
}

#[test]
fn a_time_skipped_by_spring_forward_moves_past_the_gap() {
    let cases = [
        // 02:30 does not exist: the first instant after the gap is 03:00 EDT = 07:00Z.
        (NY, date(2026, 3, 8), "02:30", utc(2026, 3, 8, 7, 0)),
        (NY, date(2026, 3, 8), "02:00", utc(2026, 3, 8, 7, 0)),
        (NY, date(2026, 3, 8), "01:59", utc(2026, 3, 8, 6, 59)),
        (NY, date(2026, 3, 8), "03:00", utc(2026, 3, 8, 7, 0)),
        (NY, date(2026, 3, 8), "03:01", utc(2026, 3, 8, 7, 1)),
        (PARIS, date(2026, 3, 29), "02:30", utc(2026, 3, 29, 1, 0)),
        (SYDNEY, date(2026, 10, 4), "02:30", utc(2026, 10, 3, 16, 0)),
        // Lord Howe skips half an hour, 02:00–02:30 (UTC+10:30 to UTC+11).
        (
            LORD_HOWE,
            date(2026, 10, 4),
            "02:15",
            utc(2026, 10, 3, 15, 30),
        ),
        (
            LORD_HOWE,
            date(2026, 10, 4),
            "01:59",
            utc(2026, 10, 3, 15, 29),
        ),
    ];
    for (tz, day, clock, expected) in cases {
        let resolved = resolve_local(tz, day, parse_clock(clock).expect("clock"));
        assert_eq!(resolved, expected, "{tz} {day} {clock}");
    }
}

#[test]
fn a_time_repeated_by_fall_back_takes_its_first_occurrence() {
    let cases = [
        // 01:30 happens in EDT (05:30Z) and again in EST (06:30Z).
        (NY, date(2026, 11, 1), "01:30", utc(2026, 11, 1, 5, 30)),
        (NY, date(2026, 11, 1), "01:00", utc(2026, 11, 1, 5, 0)),
        (NY, date(2026, 11, 1), "02:00", utc(2026, 11, 1, 7, 0)),
        (PARIS, date(2026, 10, 25), "02:30", utc(2026, 10, 25, 0, 30)),
        (SYDNEY, date(2026, 4, 5), "02:30", utc(2026, 4, 4, 15, 30)),
        (
            LORD_HOWE,
            date(2026, 4, 5),
            "01:45",
            utc(2026, 4, 4, 14, 45),
        ),
    ];
    for (tz, day, clock, expected) in cases {
        let resolved = resolve_local(tz, day, parse_clock(clock).expect("clock"));
        assert_eq!(resolved, expected, "{tz} {day} {clock}");
    }
    // 24:00 is the next day's midnight.
    assert_eq!(
        resolve_local(NY, date(2026, 3, 8), MINUTES_PER_DAY),
        utc(2026, 3, 9, 4, 0)
    );
}

#[test]
fn hours_whose_bounds_fall_in_the_gap_start_after_it() {
    // 02:30 does not exist on 2026-03-08 in New York: an opening of 02:30–05:00 runs from
    // 03:00 EDT and lasts two hours.
    let rules = with_hours(NY, every_day(&[("02:30", "05:00")]));
    let day = date(2026, 3, 8);
    let open = business_intervals(&rules, day);
    assert_eq!(
        open,
        vec![span(utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 9, 0))]
    );
    // An opening entirely inside the gap vanishes.
    let rules = with_hours(NY, every_day(&[("02:00", "02:45")]));
    assert!(business_intervals(&rules, day).is_empty());
    assert!(day_slots(&rules, &[], day, minutes(15), utc(2020, 1, 1, 0, 0)).is_empty());
    assert_eq!(business_intervals(&rules, date(2026, 3, 9)).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn the_office_fixture_accepts_a_plain_booking() {
    let verdict = check(
        &office(),
        &[],
        span(june(TUE, 10, 0), june(TUE, 11, 0)),
        noon(),
    );
    assert!(verdict.available(), "{verdict:?}");
    assert_eq!(verdict, Verdict::default());
}

#[test]
fn check_lists_every_violation_at_once() {
    let mut rules = office();
    rules.limits.max_duration = Some(120);
    // Monday 06:00–10:00 with "now" at Monday noon: in the past, four hours long and
    // starting before opening time.
    let verdict = check(&rules, &[], span(june(MON, 6, 0), june(MON, 10, 0)), noon());
    assert_eq!(
        verdict.violations,
        vec![
            Violation::StartsInPast,
            Violation::TooLong { minutes: 120 },
            Violation::OutsideBusinessHours,
        ]
    );
    assert!(!verdict.available());

    // Everything at once.
    let tuesday = date(2026, 6, TUE);
    let closure = span(june(TUE, 10, 0), june(TUE, 11, 0));
    let mut rules = office();
    rules.limits = Limits {
        max_duration: Some(120),
        horizon_days: Some(1),
        granularity: 15,
        ..Limits::default()
    };
    rules.blackouts.push(Blackout {
        date: tuesday,
        reason: "Inventory".into(),
    });
    rules.closures.push(Closure {
        interval: closure,
        reason: "Painting".into(),
    });
    let busy = [booked(june(TUE, 14, 0), june(TUE, 15, 0))];
    let proposal = span(june(MON, 11, 7), june(WED, 10, 0));
    let verdict = check(&rules, &busy, proposal, noon());
    assert_eq!(
        verdict.violations,
        vec![
            Violation::StartsInPast,
            Violation::BeyondHorizon { days: 1 },
            Violation::TooLong { minutes: 120 },
            Violation::NotAligned { minutes: 15 },
            Violation::Blackout {
                date: tuesday,
                reason: "Inventory".into(),
            },
            Violation::Closed {
                start: closure.start,
                end: closure.end,
                reason: "Painting".into(),
            },
            Violation::OutsideBusinessHours,
        ]
    );
    assert_eq!(verdict.conflicts, vec![busy[0].booked]);
}

#[test]
fn an_empty_or_reversed_proposal_only_reports_that() {
    let busy = [booked(june(TUE, 9, 0), june(TUE, 12, 0))];
    for proposal in [
        span(june(TUE, 10, 0), june(TUE, 10, 0)),
        span(june(TUE, 11, 0), june(TUE, 10, 0)),
    ] {
        let verdict = check(&office(), &busy, proposal, noon());
        assert_eq!(verdict.violations, vec![Violation::EndNotAfterStart]);
        assert!(verdict.conflicts.is_empty());
        assert!(!verdict.available());
    }
}

/// Each violation on its own: the base booking (Tuesday 10:00–11:00, "now" Monday noon) is
/// fine, and one change to the rules or the booking makes it fail for exactly one reason.
#[test]
fn each_violation_is_reachable_on_its_own() {
    let base = span(june(TUE, 10, 0), june(TUE, 11, 0));
    type Tweak = fn(&mut Rules, &mut Interval);
    let cases: Vec<(&str, Tweak, Option<Violation>)> = vec![
        ("base", |_, _| {}, None),
        (
            "starts in the past",
            |_, p| *p = span(june(MON, 11, 0), june(MON, 12, 30)),
            Some(Violation::StartsInPast),
        ),
        (
            "notice too short",
            |r, p| {
                r.limits.min_notice = 120;
                *p = span(june(MON, 13, 0), june(MON, 14, 0));
            },
            Some(Violation::NoticeTooShort { minutes: 120 }),
        ),
        (
            "in the past with notice required",
            |r, p| {
                r.limits.min_notice = 120;
                *p = span(june(MON, 11, 0), june(MON, 12, 30));
            },
            Some(Violation::StartsInPast),
        ),
        (
            "notice exactly met",
            |r, p| {
                r.limits.min_notice = 120;
                *p = span(june(MON, 14, 0), june(MON, 15, 0));
            },
            None,
        ),
        (
            "beyond the horizon",
            |r, p| {
                r.limits.horizon_days = Some(1);
                *p = span(june(TUE, 11, 0), june(TUE, 12, 30));
            },
            Some(Violation::BeyondHorizon { days: 1 }),
        ),
        (
            "ends exactly at the horizon",
            |r, p| {
                r.limits.horizon_days = Some(1);
                *p = span(june(TUE, 11, 0), june(TUE, 12, 0));
            },
            None,
        ),
        (
            "too short",
            |r, p| {
                r.limits.min_duration = Some(30);
                p.end = p.start + minutes(29);
            },
            Some(Violation::TooShort { minutes: 30 }),
        ),
        (
            "exactly the minimum",
            |r, p| {
                r.limits.min_duration = Some(30);
                p.end = p.start + minutes(30);
            },
            None,
        ),
        (
            "too long",
            |r, _| r.limits.max_duration = Some(59),
            Some(Violation::TooLong { minutes: 59 }),
        ),
        (
            "exactly the maximum",
            |r, _| r.limits.max_duration = Some(60),
            None,
        ),
        (
            "start off the grid",
            |r, p| {
                r.limits.granularity = 15;
                *p = span(june(TUE, 10, 5), june(TUE, 11, 5));
            },
            Some(Violation::NotAligned { minutes: 15 }),
        ),
        (
            "end off the grid",
            |r, p| {
                r.limits.granularity = 15;
                p.end = june(TUE, 10, 50);
            },
            Some(Violation::NotAligned { minutes: 15 }),
        ),
        (
            "start half a minute off",
            |r, p| {
                r.limits.granularity = 15;
                p.start += Duration::seconds(30);
            },
            Some(Violation::NotAligned { minutes: 15 }),
        ),
        (
            "on the grid",
            |r, p| {
                r.limits.granularity = 15;
                *p = span(june(TUE, 10, 15), june(TUE, 11, 45));
            },
            None,
        ),
        (
            "past closing time",
            |_, p| *p = span(june(TUE, 16, 30), june(TUE, 17, 30)),
            Some(Violation::OutsideBusinessHours),
        ),
        (
            "before opening time",
            |_, p| *p = span(june(TUE, 8, 59), june(TUE, 10, 0)),
            Some(Violation::OutsideBusinessHours),
        ),
        (
            "the whole opening",
            |_, p| *p = span(june(TUE, 9, 0), june(TUE, 17, 0)),
            None,
        ),
        (
            "on a closed weekday",
            |_, p| *p = span(june(SAT, 10, 0), june(SAT, 11, 0)),
            Some(Violation::OutsideBusinessHours),
        ),
        (
            "on a blackout date",
            |r, _| {
                r.blackouts.push(Blackout {
                    date: date(2026, 6, TUE),
                    reason: "Holiday".into(),
                })
            },
            Some(Violation::Blackout {
                date: date(2026, 6, TUE),
                reason: "Holiday".into(),
            }),
        ),
        (
            "the day after a blackout date",
            |r, _| {
                r.blackouts.push(Blackout {
                    date: date(2026, 6, MON),
                    reason: String::new(),
                })
            },
            None,
        ),
        (
            "during a closure",
            |r, _| {
                r.closures.push(Closure {
                    interval: span(june(TUE, 10, 30), june(TUE, 12, 0)),
                    reason: "Maintenance".into(),
                })
            },
            Some(Violation::Closed {
                start: june(TUE, 10, 30),
                end: june(TUE, 12, 0),
                reason: "Maintenance".into(),
            }),
        ),
        (
            "right after a closure",
            |r, _| {
                r.closures.push(Closure {
                    interval: span(june(TUE, 9, 0), june(TUE, 10, 0)),
                    reason: String::new(),
                })
            },
            None,
        ),
    ];
    for (name, tweak, expected) in cases {
        let mut rules = office();
        let mut proposal = base;
        tweak(&mut rules, &mut proposal);
        assert_eq!(rules.limits.validate(), Ok(()), "{name}");
        let verdict = check(&rules, &[], proposal, noon());
        assert_eq!(
            verdict.violations,
            expected.into_iter().collect::<Vec<_>>(),
            "{name}"
        );
        assert!(verdict.conflicts.is_empty(), "{name}");
    }
}

#[test]
fn the_grid_is_local_time() {
    // Kolkata is UTC+05:30: 09:00 local is 03:30Z.
    let rules = Rules {
        limits: Limits {
            granularity: 60,
            ..Limits::default()
        },
        ..Rules::open(KOLKATA)
    };
    let now = utc(2026, 6, 1, 0, 0);
    assert!(
        check(
            &rules,
            &[],
            span(utc(2026, 6, 1, 3, 30), utc(2026, 6, 1, 4, 30)),
            now
        )
        .available()
    );
    assert_eq!(
        check(
            &rules,
            &[],
            span(utc(2026, 6, 1, 4, 0), utc(2026, 6, 1, 5, 0)),
            now
        )
        .violations,
        vec![Violation::NotAligned { minutes: 60 }]
    );
}

#[test]
fn back_to_back_bookings_do_not_conflict() {
    let busy = [
        booked(june(TUE, 9, 0), june(TUE, 10, 0)),
        booked(june(TUE, 11, 0), june(TUE, 12, 0)),
    ];
    let rules = office();
    let between = check(
        &rules,
        &busy,
        span(june(TUE, 10, 0), june(TUE, 11, 0)),
        noon(),
    );
    assert!(between.available(), "{between:?}");
    let overlapping = check(
        &rules,
        &busy,
        span(june(TUE, 10, 0), june(TUE, 11, 1)),
        noon(),
    );
    assert!(overlapping.violations.is_empty());
    assert_eq!(overlapping.conflicts, vec![busy[1].booked]);
    let both = check(
        &rules,
        &busy,
        span(june(TUE, 9, 59), june(TUE, 11, 1)),
        noon(),
    );
    assert_eq!(both.conflicts, vec![busy[0].booked, busy[1].booked]);
}

#[test]
fn conflicts_name_each_booking_once_and_in_order() {
    let first = booked(june(TUE, 9, 0), june(TUE, 10, 0));
    let second = booked(june(TUE, 10, 0), june(TUE, 11, 0));
    let busy = [second, first, second];
    let verdict = check(
        &office(),
        &busy,
        span(june(TUE, 9, 0), june(TUE, 17, 0)),
        noon(),
    );
    assert_eq!(verdict.conflicts, vec![first.booked, second.booked]);
}

#[test]
fn buffers_on_both_sides_need_a_thirty_minute_gap() {
    let mut rules = office();
    rules.limits.buffer_before = 15;
    rules.limits.buffer_after = 15;
    // The existing booking was made under the same rules: it blocks 09:45–11:15.
    let existing = span(june(TUE, 10, 0), june(TUE, 11, 0));
    let busy = [Busy {
        booked: existing,
        blocked: rules.blocking(existing),
    }];
    let verdict =
        |start: DateTime<Utc>| check(&rules, &busy, span(start, start + hours(1)), noon());
    // After it: 11:30 is the first start that keeps 15 + 15 minutes apart.
    assert!(verdict(june(TUE, 11, 30)).available());
    assert_eq!(verdict(june(TUE, 11, 29)).conflicts, vec![existing]);
    assert_eq!(verdict(june(TUE, 11, 15)).conflicts, vec![existing]);
    assert_eq!(verdict(june(TUE, 11, 0)).conflicts, vec![existing]);
    // Before it: ending at 09:30 is the latest.
    let before = check(
        &rules,
        &busy,
        span(june(TUE, 9, 0), june(TUE, 9, 30)),
        noon(),
    );
    assert!(before.available(), "{before:?}");
    let before = check(
        &rules,
        &busy,
        span(june(TUE, 9, 0), june(TUE, 9, 31)),
        noon(),
    );
    assert_eq!(before.conflicts, vec![existing]);
    // Without buffers of its own, the new booking still respects the blocked span.
    let mut plain = rules.clone();
    plain.limits.buffer_before = 0;
    plain.limits.buffer_after = 0;
    assert!(
        check(
            &plain,
            &busy,
            span(june(TUE, 11, 15), june(TUE, 12, 0)),
            noon()
        )
        .available()
    );
    assert_eq!(
        check(
            &plain,
            &busy,
            span(june(TUE, 11, 14), june(TUE, 12, 0)),
            noon()
        )
        .conflicts,
        vec![existing]
    );
}

#[test]
fn a_booking_across_midnight_needs_the_hours_to_cover_it() {
    let night = span(june(TUE, 22, 0), june(WED, 2, 0));
    let now = noon();
    assert!(check(&Rules::open(PARIS), &[], night, now).available());
    assert_eq!(
        check(&office(), &[], night, now).violations,
        vec![Violation::OutsideBusinessHours]
    );
    // Hours that run to 24:00 and on from 00:00 cover the night.
    let round_the_clock = with_hours(PARIS, every_day(&[("00:00", "24:00")]));
    assert!(check(&round_the_clock, &[], night, now).available());
    let evening_and_morning = with_hours(
        PARIS,
        WeeklyHours::from_entries([
            (1, opening("18:00", "24:00")),
            (2, opening("00:00", "06:00")),
        ])
        .expect("valid hours"),
    );
    assert!(check(&evening_and_morning, &[], night, now).available());
    // A booking across two nights needs Wednesday evening too.
    let two_nights = span(june(TUE, 22, 0), june(4, 2, 0));
    assert_eq!(
        check(&evening_and_morning, &[], two_nights, now).violations,
        vec![Violation::OutsideBusinessHours]
    );
}

#[test]
fn a_booking_ending_at_midnight_does_not_touch_the_next_day() {
    let mut rules = Rules::open(PARIS);
    rules.blackouts.push(Blackout {
        date: date(2026, 6, WED),
        reason: "Closed".into(),
    });
    let now = noon();
    let to_midnight = span(june(TUE, 22, 0), june(WED, 0, 0));
    assert!(check(&rules, &[], to_midnight, now).available());
    let past_midnight = span(june(TUE, 22, 0), june(WED, 0, 1));
    assert_eq!(
        check(&rules, &[], past_midnight, now).violations,
        vec![Violation::Blackout {
            date: date(2026, 6, WED),
            reason: "Closed".into(),
        }]
    );
    let from_midnight = span(june(4, 0, 0), june(4, 1, 0));
    assert!(check(&rules, &[], from_midnight, now).available());
}

#[test]
fn blackout_dates_are_local_dates() {
    // 2026-05-31T15:00Z is 01:00 on June 1st in Sydney (UTC+10).
    let mut rules = Rules::open(SYDNEY);
    rules.blackouts.push(Blackout {
        date: date(2026, 6, 1),
        reason: String::new(),
    });
    let now = utc(2026, 5, 1, 0, 0);
    let proposal = span(utc(2026, 5, 31, 15, 0), utc(2026, 5, 31, 16, 0));
    assert_eq!(
        check(&rules, &[], proposal, now).violations,
        vec![Violation::Blackout {
            date: date(2026, 6, 1),
            reason: String::new(),
        }]
    );
    let earlier = span(utc(2026, 5, 31, 13, 0), utc(2026, 5, 31, 14, 0));
    assert!(check(&rules, &[], earlier, now).available());
}

// ---------------------------------------------------------------------------------------------
// open_between and free_between

#[test]
fn open_between_skips_blackouts_and_closures_and_clips_to_the_window() {
    let mut rules = office();
    rules.blackouts.push(Blackout {
        date: date(2026, 6, 8),
        reason: String::new(),
    });
    rules.closures.push(Closure {
        interval: span(june(9, 11, 0), june(9, 13, 0)),
        reason: String::new(),
    });
    // Friday noon to Tuesday 15:00: the weekend is closed, Monday the 8th is a blackout.
    let window = span(june(FRI, 12, 0), june(9, 15, 0));
    assert_eq!(
        open_between(&rules, window),
        vec![
            span(june(FRI, 12, 0), june(FRI, 17, 0)),
            span(june(9, 9, 0), june(9, 11, 0)),
            span(june(9, 13, 0), june(9, 15, 0)),
        ]
    );
    assert!(open_between(&rules, span(june(FRI, 12, 0), june(FRI, 12, 0))).is_empty());
    // All day, every day: one span across midnights.
    let days = span(june(MON, 0, 0), june(WED, 0, 0));
    assert_eq!(open_between(&Rules::open(PARIS), days), vec![days]);
}

#[test]
fn free_between_leaves_room_for_both_buffers() {
    let mut rules = office();
    rules.limits.buffer_before = 15;
    rules.limits.buffer_after = 15;
    // Booked 10:00–11:00 with a 30-minute buffer after it when it was made.
    let existing = span(june(TUE, 10, 0), june(TUE, 11, 0));
    let busy = [Busy {
        booked: existing,
        blocked: existing.padded(Duration::zero(), minutes(30)),
    }];
    let window = span(june(TUE, 0, 0), june(WED, 0, 0));
    let free = free_between(&rules, &busy, window);
    assert_eq!(
        free,
        vec![
            span(june(TUE, 9, 0), june(TUE, 9, 45)),
            span(june(TUE, 11, 45), june(TUE, 17, 0)),
        ]
    );
    // The edges of the free spans are exactly where check stops finding a conflict.
    assert!(
        check(
            &rules,
            &busy,
            span(june(TUE, 9, 0), june(TUE, 9, 45)),
            noon()
        )
        .available()
    );
    assert!(
        check(
            &rules,
            &busy,
            span(june(TUE, 11, 45), june(TUE, 12, 45)),
            noon()
        )
        .available()
    );
    assert!(
        !check(
            &rules,
            &busy,
            span(june(TUE, 11, 44), june(TUE, 12, 45)),
            noon()
        )
        .available()
    );
}

// ---------------------------------------------------------------------------------------------
// day_slots

#[test]
fn day_slots_mark_busy_past_and_closed_slots() {
    let mut rules = office();
    rules.closures.push(Closure {
        interval: span(june(TUE, 13, 30), june(TUE, 14, 0)),
        reason: String::new(),
    });
    let busy = [booked(june(TUE, 15, 0), june(TUE, 16, 0))];
    let now = june(TUE, 10, 30);
    let slots = day_slots(&rules, &busy, date(2026, 6, TUE), hours(1), now);
    let summary: Vec<(u16, bool)> = slots
        .iter()
        .map(|s| (wall(PARIS, s.start).1 / 60, s.available))
        .collect();
    assert_eq!(
        summary,
        vec![
            (9, false),  // past
            (10, false), // started at 10:00, now is 10:30
            (11, true),
            (12, true),
            (13, false), // closure 13:30–14:00
            (14, true),
            (15, false), // booked
            (16, true),
        ]
    );
}

#[test]
fn day_slots_respect_buffers_around_bookings() {
    let mut rules = office();
    rules.limits.buffer_before = 15;
    rules.limits.buffer_after = 15;
    let existing = span(june(TUE, 12, 0), june(TUE, 13, 0));
    let busy = [Busy {
        booked: existing,
        blocked: rules.blocking(existing),
    }];
    let slots = day_slots(&rules, &busy, date(2026, 6, TUE), hours(1), noon());
    let available: Vec<bool> = slots.iter().map(|s| s.available).collect();
    // 11:00–12:00 and 13:00–14:00 are too close once 15 + 15 minutes are kept apart.
    assert_eq!(
        available,
        vec![true, true, false, false, false, true, true, true]
    );
}

#[test]
fn day_slots_follow_each_opening_and_drop_partial_slots() {
    let rules = with_hours(PARIS, every_day(&[("09:00", "12:00"), ("13:00", "17:30")]));
    let slots = day_slots(&rules, &[], date(2026, 6, TUE), hours(1), noon());
    let starts: Vec<u16> = slots.iter().map(|s| wall(PARIS, s.start).1 / 60).collect();
    assert_eq!(starts, vec![9, 10, 11, 13, 14, 15, 16]);
    let halves = day_slots(&rules, &[], date(2026, 6, TUE), minutes(90), noon());
    let starts: Vec<u16> = halves.iter().map(|s| wall(PARIS, s.start).1).collect();
    assert_eq!(starts, vec![540, 630, 780, 870, 960]);
}

#[test]
fn no_slots_on_blackout_days_closed_days_or_for_empty_durations() {
    let mut rules = office();
    rules.blackouts.push(Blackout {
        date: date(2026, 6, TUE),
        reason: String::new(),
    });
    assert!(day_slots(&rules, &[], date(2026, 6, TUE), hours(1), noon()).is_empty());
    assert_eq!(
        day_slots(&rules, &[], date(2026, 6, WED), hours(1), noon()).len(),
        8
    );
    assert!(day_slots(&rules, &[], date(2026, 6, SAT), hours(1), noon()).is_empty());
    assert!(day_slots(&rules, &[], date(2026, 6, WED), Duration::zero(), noon()).is_empty());
    assert!(day_slots(&rules, &[], date(2026, 6, WED), -hours(1), noon()).is_empty());
    assert!(day_slots(&rules, &[], date(2026, 6, WED), hours(9), noon()).is_empty());
}

// ---------------------------------------------------------------------------------------------
// next_available and earliest_fits

#[test]
fn next_available_skips_busy_time() {
    let busy = [
        booked(june(MON, 12, 0), june(MON, 15, 0)),
        booked(june(MON, 15, 30), june(MON, 16, 0)),
    ];
    assert_eq!(
        next_available(&office(), &busy, noon(), hours(1), noon()),
        Some(span(june(MON, 16, 0), june(MON, 17, 0)))
    );
    // Half an hour fits in the gap.
    assert_eq!(
        next_available(&office(), &busy, noon(), minutes(30), noon()),
        Some(span(june(MON, 15, 0), june(MON, 15, 30)))
    );
    // Two hours do not fit on Monday any more.
    assert_eq!(
        next_available(&office(), &busy, noon(), hours(2), noon()),
        Some(span(june(TUE, 9, 0), june(TUE, 11, 0)))
    );
}

#[test]
fn next_available_skips_weekends_blackouts_and_closures() {
    let mut rules = office();
    rules.blackouts.push(Blackout {
        date: date(2026, 6, 8),
        reason: String::new(),
    });
    rules.closures.push(Closure {
        interval: span(june(9, 0, 0), june(9, 10, 30)),
        reason: String::new(),
    });
    // Friday after closing: the weekend is closed, Monday is a blackout, Tuesday opens at
    // 10:30 after the closure.
    let friday_evening = june(FRI, 17, 30);
    assert_eq!(
        next_available(&rules, &[], friday_evening, hours(1), friday_evening),
        Some(span(june(9, 10, 30), june(9, 11, 30)))
    );
}

#[test]
fn next_available_respects_notice_and_the_local_grid() {
    let mut rules = Rules::open(PARIS);
    rules.limits.min_notice = 60;
    rules.limits.granularity = 15;
    let now = june(MON, 9, 7) + Duration::seconds(30);
    let next = next_available(&rules, &[], now, hours(1), now).expect("a slot");
    assert_eq!(next, span(june(MON, 10, 15), june(MON, 11, 15)));
    assert_eq!(wall(PARIS, next.start).1 % 15, 0);
    // Asking from later than now starts there (on the grid).
    let later = june(WED, 10, 20);
    assert_eq!(
        next_available(&rules, &[], later, hours(1), now),
        Some(span(june(WED, 10, 30), june(WED, 11, 30)))
    );
    // On an hourly grid in Kolkata (UTC+05:30) the next start is a whole local hour.
    let mut rules = Rules::open(KOLKATA);
    rules.limits.granularity = 60;
    let now = utc(2026, 6, 1, 3, 40); // 09:10 local
    assert_eq!(
        next_available(&rules, &[], now, hours(1), now),
        Some(span(utc(2026, 6, 1, 4, 30), utc(2026, 6, 1, 5, 30)))
    );
    // Without a grid, the next whole minute.
    let rules = Rules::open(PARIS);
    let now = june(MON, 9, 7) + Duration::seconds(1);
    assert_eq!(
        next_available(&rules, &[], now, hours(1), now),
        Some(span(june(MON, 9, 8), june(MON, 10, 8)))
    );
}

#[test]
fn next_available_gives_up_past_the_horizon() {
    let mut rules = office();
    rules.limits.horizon_days = Some(2);
    let friday_evening = june(FRI, 17, 30);
    // Saturday and Sunday are closed and Monday is beyond two days.
    assert_eq!(
        next_available(&rules, &[], friday_evening, hours(1), friday_evening),
        None
    );
    rules.limits.horizon_days = Some(3);
    assert_eq!(
        next_available(&rules, &[], friday_evening, hours(1), friday_evening),
        Some(span(june(8, 9, 0), june(8, 10, 0)))
    );
    // Nothing long enough, nothing outside the limits.
    assert_eq!(
        next_available(&office(), &[], noon(), hours(9), noon()),
        None
    );
    let mut short = office();
    short.limits.max_duration = Some(30);
    assert_eq!(next_available(&short, &[], noon(), hours(1), noon()), None);
    let mut long = office();
    long.limits.min_duration = Some(90);
    assert_eq!(next_available(&long, &[], noon(), hours(1), noon()), None);
    // Closed every day: nothing within the year searched.
    let never = with_hours(PARIS, WeeklyHours::default());
    assert_eq!(next_available(&never, &[], noon(), hours(1), noon()), None);
}

#[test]
fn earliest_fits_are_consecutive_and_clear_of_bookings() {
    let busy = [booked(june(MON, 10, 0), june(MON, 10, 30))];
    let now = june(MON, 8, 0);
    let until = june(MON, 23, 0);
    let fits = earliest_fits(&office(), &busy, now, until, hours(1), now, 3);
    assert_eq!(
        fits,
        vec![
            span(june(MON, 9, 0), june(MON, 10, 0)),
            span(june(MON, 10, 30), june(MON, 11, 30)),
            span(june(MON, 11, 30), june(MON, 12, 30)),
        ]
    );
    let mut hourly = office();
    hourly.limits.granularity = 60;
    let fits = earliest_fits(&hourly, &busy, now, until, hours(1), now, 3);
    assert_eq!(
        fits,
        vec![
            span(june(MON, 9, 0), june(MON, 10, 0)),
            span(june(MON, 11, 0), june(MON, 12, 0)),
            span(june(MON, 12, 0), june(MON, 13, 0)),
        ]
    );
    // Fewer when the window ends.
    let fits = earliest_fits(&hourly, &busy, now, june(MON, 12, 30), hours(1), now, 3);
    assert_eq!(fits.len(), 2);
    for fit in &fits {
        assert!(check(&hourly, &busy, *fit, now).available());
    }
    // Nothing to return.
    assert!(earliest_fits(&office(), &busy, now, until, hours(1), now, 0).is_empty());
    assert!(earliest_fits(&office(), &busy, now, until, Duration::zero(), now, 3).is_empty());
    assert!(earliest_fits(&office(), &busy, until, now, hours(1), now, 3).is_empty());
    // 50 minutes cannot start and end on an hourly grid.
    assert!(earliest_fits(&hourly, &busy, now, until, minutes(50), now, 3).is_empty());
    // Nor can an hour and a half-minute.
    let odd = hours(1) + Duration::seconds(30);
    assert!(earliest_fits(&hourly, &busy, now, until, odd, now, 3).is_empty());
}

/// The grid restarts at local midnight. With a step that does not divide the day (7 minutes)
/// a start on the grid just before midnight gives an end off it, which `check` refuses.
#[test]
fn earliest_fits_keep_the_end_on_the_grid_across_midnight() {
    let mut rules = Rules::open(Tz::UTC);
    rules.limits.granularity = 7;
    let now = utc(2026, 6, 1, 23, 54); // 1434 = 7 × 204 + 6
    let fits = earliest_fits(&rules, &[], now, now + hours(2), minutes(7), now, 3);
    assert_eq!(
        fits,
        vec![
            span(utc(2026, 6, 2, 0, 0), utc(2026, 6, 2, 0, 7)),
            span(utc(2026, 6, 2, 0, 7), utc(2026, 6, 2, 0, 14)),
            span(utc(2026, 6, 2, 0, 14), utc(2026, 6, 2, 0, 21)),
        ]
    );
    for fit in &fits {
        assert!(check(&rules, &[], *fit, now).available());
    }
}

/// Across a clock change the grid step may not divide the change.
#[test]
fn earliest_fits_keep_the_end_on_the_grid_across_clock_changes() {
    // New York, 90-minute grid, spring forward at 02:00 EST: 01:30 EST + 90 minutes is
    // 04:00 EDT, off the grid; the next start on the grid whose end is too is 03:00 EDT.
    let mut rules = Rules::open(NY);
    rules.limits.granularity = 90;
    let midnight = utc(2026, 3, 8, 5, 0);
    let fits = earliest_fits(
        &rules,
        &[],
        midnight,
        midnight + hours(6),
        minutes(90),
        midnight,
        3,
    );
    assert_eq!(
        fits,
        vec![
            span(utc(2026, 3, 8, 5, 0), utc(2026, 3, 8, 6, 30)),
            span(utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 8, 30)),
            span(utc(2026, 3, 8, 8, 30), utc(2026, 3, 8, 10, 0)),
        ]
    );
    // Lord Howe skips 02:00–02:30: an hour from 01:00 ends at 02:30, off an hourly grid.
    let mut rules = Rules::open(LORD_HOWE);
    rules.limits.granularity = 60;
    let midnight = at(LORD_HOWE, date(2026, 10, 4), 0, 0);
    let fits = earliest_fits(
        &rules,
        &[],
        midnight,
        midnight + hours(6),
        hours(1),
        midnight,
        3,
    );
    let local: Vec<(u16, u16)> = fits
        .iter()
        .map(|f| (wall(LORD_HOWE, f.start).1, wall(LORD_HOWE, f.end).1))
        .collect();
    assert_eq!(local, vec![(0, 60), (180, 240), (240, 300)]);
    for fit in &fits {
        assert!(check(&rules, &[], *fit, midnight).available());
    }
    // next_available agrees.
    let after_one = at(LORD_HOWE, date(2026, 10, 4), 0, 30);
    let next = next_available(&rules, &[], after_one, hours(1), midnight).expect("a slot");
    assert_eq!(wall(LORD_HOWE, next.start), (date(2026, 10, 4), 180));
}

#[test]
fn align_up_finds_the_next_local_grid_line() {
    let t = utc(2026, 6, 1, 3, 30); // 09:00 in Kolkata
    assert_eq!(align_up(KOLKATA, t, 60), t);
    assert_eq!(
        align_up(KOLKATA, t + Duration::seconds(1), 60),
        t + hours(1)
    );
    assert_eq!(align_up(KOLKATA, t + minutes(1), 15), t + minutes(15));
    assert_eq!(
        align_up(KOLKATA, t + Duration::milliseconds(1), 1),
        t + minutes(1)
    );
    assert_eq!(align_up(KOLKATA, t, 1), t);
    assert_eq!(
        align_up(KOLKATA, t + Duration::seconds(1), 0),
        t + minutes(1)
    );
    // Daily: the next local midnight, 18:30Z.
    assert_eq!(align_up(KOLKATA, t, 1440), utc(2026, 6, 1, 18, 30));
    // Across the New York spring-forward gap the next quarter after 01:50 EST is 03:00 EDT.
    assert_eq!(
        align_up(NY, utc(2026, 3, 8, 6, 50), 15),
        utc(2026, 3, 8, 7, 0)
    );
}

// ---------------------------------------------------------------------------------------------
// Properties

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // Shrunk failures are reported in the test output; no file is written.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn first_day() -> NaiveDate {
    date(2020, 1, 1)
}

/// Days from 2020-01-01 through 2032-12-31.
fn days_covered() -> i64 {
    (date(2033, 1, 1) - first_day()).num_days()
}

/// Dates of `year` after which the zone's UTC offset changes (at noon UTC, day to day),
/// found with chrono's zone data directly.
fn clock_change_days(tz: Tz, year: i32) -> Vec<NaiveDate> {
    let offset =
        |day: NaiveDate| offset_seconds(tz, day.and_hms_opt(12, 0, 0).expect("noon").and_utc());
    date(year, 1, 1)
        .iter_days()
        .take_while(|d| d.year() == year)
        .filter(|d| offset(*d) != offset(d.succ_opt().expect("next day")))
        .collect()
}

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(ZONES.to_vec())
}

/// A date from 2020 to 2032, half the time within two days of one of the zone's clock
/// changes.
fn date_for(tz: Tz) -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (0..days_covered()).prop_map(|n| first_day() + Duration::days(n)),
        (2020i32..=2032, any::<prop::sample::Index>(), -2i64..=2).prop_map(
            move |(year, pick, delta)| {
                let changes = clock_change_days(tz, year);
                let day = if changes.is_empty() {
                    date(year, 1, 1) + Duration::days(pick.index(365) as i64)
                } else {
                    *pick.get(&changes)
                };
                day + Duration::days(delta)
            }
        ),
    ]
}

fn zone_and_date() -> impl Strategy<Value = (Tz, NaiveDate)> {
    zone().prop_flat_map(|tz| (Just(tz), date_for(tz)))
}

/// Up to three openings a day, their bounds on a 15-minute grid (so some fall in the
/// spring-forward gaps and the repeated fall-back hours).
fn weekly_hours() -> impl Strategy<Value = WeeklyHours> {
    prop::collection::vec(prop::collection::btree_set(0u16..=96, 0..=6usize), 7).prop_map(|days| {
        let mut entries = Vec::new();
        for (day, points) in (0u8..).zip(&days) {
            let points: Vec<u16> = points.iter().map(|p| p * 15).collect();
            for pair in points.chunks_exact(2) {
                entries.push((
                    day,
                    Opening {
                        open: pair[0],
                        close: pair[1],
                    },
                ));
            }
        }
        WeeklyHours::from_entries(entries).expect("disjoint openings are valid")
    })
}

fn limits() -> impl Strategy<Value = Limits> {
    (
        prop::option::weighted(0.3, 0u32..=120),
        prop::option::weighted(0.3, 30u32..=1440),
        prop_oneof![Just(0u32), 0u32..=60],
        prop_oneof![Just(0u32), 0u32..=60],
        prop_oneof![Just(0u32), 0u32..=2880],
        prop::option::weighted(0.3, 0u32..=14),
        // Steps that divide neither the day (7, 50) nor a clock change (45, 90), and a day.
        prop::sample::select(vec![
            1u32, 1, 5, 15, 30, 60, 7, 7, 45, 50, 90, 90, 1440, 1440,
        ]),
    )
        .prop_map(
            |(min_duration, max_duration, buffer_before, buffer_after, min_notice, horizon, g)| {
                let max_duration = match (min_duration, max_duration) {
                    (Some(min), Some(max)) if min > max => Some(min.max(1)),
                    _ => max_duration,
                };
                Limits {
                    min_duration,
                    max_duration,
                    buffer_before,
                    buffer_after,
                    min_notice,
                    horizon_days: horizon,
                    granularity: g,
                }
            },
        )
}

/// A resource's rules, its bookings and "now", all around one date.
#[derive(Clone, Debug)]
struct Scenario {
    rules: Rules,
    busy: Vec<Busy>,
    now: DateTime<Utc>,
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        zone_and_date(),
        0i64..86_400,
        prop::option::weighted(0.6, weekly_hours()),
        limits(),
        prop::collection::vec(
            (
                -1440i64..12 * 1440,
                15i64..600,
                0i64..=60,
                0i64..=60,
                any::<bool>(),
            ),
            0..12,
        ),
        prop::collection::vec(-1i64..12, 0..3),
        prop::collection::vec((-1440i64..12 * 1440, 1i64..2880), 0..3),
    )
        .prop_map(
            |((tz, day), now_seconds, hours, limits, busy, blackouts, closures)| {
                let now = day.and_hms_opt(0, 0, 0).expect("midnight").and_utc()
                    + Duration::seconds(now_seconds);
                // Bookings start on whole minutes of "now", or on whole UTC minutes.
                let base = |whole: bool| {
                    if whole {
                        now - Duration::seconds(now_seconds % 60)
                    } else {
                        now
                    }
                };
                let busy = busy
                    .into_iter()
                    .map(|(offset, length, before, after, whole)| {
                        let start = base(whole) + minutes(offset);
                        let booked = span(start, start + minutes(length));
                        Busy {
                            booked,
                            blocked: booked.padded(minutes(before), minutes(after)),
                        }
                    })
                    .collect();
                let blackouts = blackouts
                    .into_iter()
                    .map(|n| Blackout {
                        date: day + Duration::days(n),
                        reason: format!("day {n}"),
                    })
                    .collect();
                let closures = closures
                    .into_iter()
                    .map(|(offset, length)| Closure {
                        interval: span(
                            base(true) + minutes(offset),
                            base(true) + minutes(offset + length),
                        ),
                        reason: String::new(),
                    })
                    .collect();
                Scenario {
                    rules: Rules {
                        timezone: tz,
                        hours,
                        blackouts,
                        closures,
                        limits,
                    },
                    busy,
                    now,
                }
            },
        )
}

/// The local date-time of `minute` after midnight of `day` (1440 is the next midnight).
fn wall_time(day: NaiveDate, minute: u16) -> NaiveDateTime {
    let (day, minute) = if minute >= MINUTES_PER_DAY {
        (day.succ_opt().expect("next day"), minute - MINUTES_PER_DAY)
    } else {
        (day, minute)
    };
    day.and_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)
        .expect("valid time")
}

/// Whether the wall clock of `day` skips (spring forward) or repeats (fall back) `minute`.
fn shifted(tz: Tz, day: NaiveDate, minute: u16) -> bool {
    !matches!(
        tz.from_local_datetime(&wall_time(day, minute)),
        LocalResult::Single(_)
    )
}

/// The first instant at which the wall clock of `day` reads `minute` or later, from chrono's
/// lookups.
fn first_instant(tz: Tz, day: NaiveDate, minute: u16) -> DateTime<Utc> {
    let mut local = wall_time(day, minute);
    loop {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => return a.min(b).with_timezone(&Utc),
            LocalResult::None => local += minutes(1),
        }
    }
}

/// Whether the zone's offset is the same from noon (UTC) the day before to noon the day
/// after: no clock change touches `day`.
fn plain_day(tz: Tz, day: NaiveDate) -> bool {
    let noon = |d: NaiveDate| d.and_hms_opt(12, 0, 0).expect("noon").and_utc();
    let before = noon(day.pred_opt().expect("day before"));
    let after = noon(day.succ_opt().expect("day after"));
    offset_seconds(tz, before) == offset_seconds(tz, after)
}

fn overlap(a: Interval, b: Interval) -> bool {
    a.start < b.end && b.start < a.end
}

proptest! {
    #![proptest_config(config())]

    /// (a) Days follow one another without gap or overlap and last 23, 24 or 25 hours
    /// (23.5, 24 or 24.5 on Lord Howe), as the zone's offsets say.
    #[test]
    fn days_chain_and_last_as_long_as_the_offsets_say((tz, day) in zone_and_date()) {
        let today = day_bounds(tz, day);
        let tomorrow = day_bounds(tz, day.succ_opt().expect("next day"));
        prop_assert_eq!(today.end, tomorrow.start);
        prop_assert_eq!(wall(tz, today.start), (day, 0));
        prop_assert_eq!(local_date(tz, today.end - Duration::nanoseconds(1)), day);
        let length = today.duration().num_minutes();
        let allowed: &[i64] = if tz == LORD_HOWE {
            &[1410, 1440, 1470]
        } else if tz == KOLKATA || tz == Tz::UTC {
            &[1440]
        } else {
            &[1380, 1440, 1500]
        };
        prop_assert!(allowed.contains(&length), "{} {} lasts {} minutes", tz, day, length);
        let change = (offset_seconds(tz, today.end) - offset_seconds(tz, today.start)) / 60;
        prop_assert_eq!(length, 1440 - change);
    }

    /// (b) Slots keep to the wall-clock hours of their weekday, in order, without overlap.
    /// An opening whose bound the clock skips starts (or ends) after the gap; one whose bound
    /// the clock repeats starts (or ends) at its first occurrence and runs on through the
    /// repeat: those are held to the instants instead.
    #[test]
    fn slots_keep_to_the_wall_clock_hours(
        (tz, day) in zone_and_date(),
        week in weekly_hours(),
        length in prop::sample::select(vec![15i64, 30, 45, 60, 90, 120]),
    ) {
        let rules = with_hours(tz, week.clone());
        let duration = minutes(length);
        let slots = day_slots(&rules, &[], day, duration, utc(2019, 1, 1, 0, 0));
        for pair in slots.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "{:?}", pair);
        }
        let openings = week.on(day);
        for slot in &slots {
            prop_assert_eq!(slot.end - slot.start, duration);
            prop_assert!(slot.available);
            let start = wall_minutes_from(tz, day, slot.start);
            let end = wall_minutes_from(tz, day, slot.end);
            prop_assert!((0..1440).contains(&start), "{:?} starts on another day", slot);
            let inside = openings.iter().any(|o| {
                if shifted(tz, day, o.open) || shifted(tz, day, o.close) {
                    first_instant(tz, day, o.open) <= slot.start
                        && slot.end <= first_instant(tz, day, o.close)
                } else {
                    let (open, close) = (i64::from(o.open), i64::from(o.close));
                    open <= start && start < close && end <= close
                }
            });
            prop_assert!(
                inside,
                "{} {}: {:?} ({}..{}) outside {:?}",
                tz, day, slot, start, end, openings
            );
        }
        // On a day without a clock change, every opening holds as many slots as fit.
        if plain_day(tz, day) {
            let expected: i64 = openings
                .iter()
                .map(|o| i64::from(o.close - o.open) / length)
                .sum();
            prop_assert_eq!(slots.len() as i64, expected);
        }
    }

    /// (c) What earliest_fits and next_available offer passes check, is the earliest such,
    /// and the two agree.
    #[test]
    fn offered_bookings_pass_check(
        s in scenario(),
        near_midnight in any::<bool>(),
        days_ahead in 0i64..3,
        before_midnight in 0i64..240,
        after_offset in -180i64..3 * 1440,
        window in 30i64..6 * 1440,
        steps in 1i64..=4,
        raw in 1i64..600,
        on_grid in prop::bool::weighted(0.8),
        count in 1usize..5,
    ) {
        let limits = s.rules.limits;
        prop_assert_eq!(limits.validate(), Ok(()));
        let g = i64::from(limits.granularity);
        let duration = minutes(if !on_grid { raw } else if g >= 1440 { g } else { g * steps });
        // Half the time, ask from shortly before a local midnight: that is where the grid
        // restarts, and (with dates near clock changes) a few hours before the clocks change.
        let after = if near_midnight {
            let tz = s.rules.timezone;
            let day = local_date(tz, s.now) + Duration::days(days_ahead);
            day_bounds(tz, day).end - minutes(before_midnight)
        } else {
            s.now + minutes(after_offset)
        };
        let until = after + minutes(window);
        let fits = earliest_fits(&s.rules, &s.busy, after, until, duration, s.now, count);
        prop_assert!(fits.len() <= count);
        for fit in &fits {
            prop_assert_eq!(fit.duration(), duration);
            prop_assert!(after <= fit.start && fit.end <= until, "{:?}", fit);
            let verdict = check(&s.rules, &s.busy, *fit, s.now);
            prop_assert!(verdict.available(), "{:?} refused: {:?}", fit, verdict);
        }
        for pair in fits.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "{:?}", pair);
        }

        // No start on the grid before the first fit (or in the whole window when there is
        // none) would pass check. Checked for the first 120 grid lines.
        if on_grid {
            let tz = s.rules.timezone;
            let mut latest_end = until;
            if let Some(days) = limits.horizon_days {
                latest_end = latest_end.min(s.now + Duration::days(i64::from(days)));
            }
            let stop = fits.first().map_or(latest_end, |f| f.start);
            let mut start = align_up(
                tz,
                after.max(s.now + minutes(i64::from(limits.min_notice))),
                limits.granularity,
            );
            for _ in 0..120 {
                if start >= stop || start + duration > latest_end {
                    break;
                }
                let candidate = span(start, start + duration);
                let verdict = check(&s.rules, &s.busy, candidate, s.now);
                prop_assert!(
                    !verdict.available(),
                    "{:?} passes but {:?} was offered",
                    candidate,
                    fits.first()
                );
                start = align_up(tz, start + minutes(1), limits.granularity);
            }
        }

        let next = next_available(&s.rules, &s.busy, after, duration, s.now);
        if let Some(next) = next {
            prop_assert_eq!(next.duration(), duration);
            prop_assert!(after <= next.start);
            let verdict = check(&s.rules, &s.busy, next, s.now);
            prop_assert!(verdict.available(), "{:?} refused: {:?}", next, verdict);
        }
        if let Some(first) = fits.first() {
            prop_assert_eq!(next, Some(*first));
        }
    }

    /// (d) A proposal conflicts exactly with the bookings whose blocked span meets it once
    /// its own buffers are added.
    #[test]
    fn conflicts_are_the_overlaps_of_the_padded_proposal(
        s in scenario(),
        start_offset in -1440i64..12 * 1440,
        near in any::<bool>(),
        pick in any::<prop::sample::Index>(),
        shift in -180i64..180,
        length in 1i64..720,
    ) {
        let start = if near && !s.busy.is_empty() {
            pick.get(&s.busy).blocked.start + minutes(shift)
        } else {
            s.now + minutes(start_offset)
        };
        let proposal = span(start, start + minutes(length));
        let verdict = check(&s.rules, &s.busy, proposal, s.now);
        let padded = span(
            proposal.start - minutes(i64::from(s.rules.limits.buffer_before)),
            proposal.end + minutes(i64::from(s.rules.limits.buffer_after)),
        );
        let mut expected: Vec<Interval> = s
            .busy
            .iter()
            .filter(|b| overlap(b.blocked, padded))
            .map(|b| b.booked)
            .collect();
        expected.sort();
        expected.dedup();
        prop_assert_eq!(verdict.conflicts.is_empty(), expected.is_empty());
        prop_assert_eq!(verdict.conflicts, expected);
    }

    /// (e) Free time lies within open time, stays clear of every booking (buffers on both
    /// sides), and is all the open time that does.
    #[test]
    fn free_time_is_open_time_clear_of_bookings(
        s in scenario(),
        start_offset in -1440i64..6 * 1440,
        length in 1i64..6 * 1440,
        probes in prop::collection::vec(0i64..1_000_000, 16),
    ) {
        let window = span(
            s.now + minutes(start_offset),
            s.now + minutes(start_offset + length),
        );
        let open = open_between(&s.rules, window);
        let free = free_between(&s.rules, &s.busy, window);
        let before = minutes(i64::from(s.rules.limits.buffer_before));
        let after = minutes(i64::from(s.rules.limits.buffer_after));
        for pair in open.windows(2).chain(free.windows(2)) {
            prop_assert!(pair[0].end < pair[1].start, "{:?}", pair);
        }
        for f in &free {
            prop_assert!(!f.is_empty());
            prop_assert!(window.start <= f.start && f.end <= window.end);
            prop_assert!(open.iter().any(|o| o.start <= f.start && f.end <= o.end), "{:?}", f);
            let padded = span(f.start - before, f.end + after);
            for b in &s.busy {
                prop_assert!(!overlap(b.blocked, padded), "{:?} meets {:?}", f, b);
            }
        }
        // Sampled instants: free exactly when open and outside every padded blocked span;
        // open exactly when the wall clock says so (on days without a clock change).
        let tz = s.rules.timezone;
        for probe in probes {
            let t = window.start + Duration::seconds(length * 60 * probe / 1_000_000);
            let is_free = free.iter().any(|f| f.start <= t && t < f.end);
            let is_open = open.iter().any(|o| o.start <= t && t < o.end);
            let taken = s
                .busy
                .iter()
                .any(|b| b.blocked.start - after <= t && t < b.blocked.end + before);
            prop_assert_eq!(is_free, is_open && !taken, "at {}", t);

            let (day, minute) = wall(tz, t);
            if plain_day(tz, day) {
                let by_the_clock = window.start <= t
                    && t < window.end
                    && s.rules.blackout_on(day).is_none()
                    && !s.rules.closures.iter().any(|c| c.interval.start <= t && t < c.interval.end)
                    && s.rules.hours.as_ref().is_none_or(|week| {
                        week.on(day).iter().any(|o| o.open <= minute && minute < o.close)
                    });
                prop_assert_eq!(is_open, by_the_clock, "at {} ({} {})", t, day, minute);
            }
        }
    }
}
