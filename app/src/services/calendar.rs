//! Reservations as iCalendar (RFC 5545) files, for calendar applications: one reservation
//! to download, and each person's feed at a secret address that calendar applications poll.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::ServiceError;
use super::authz::Principal;
use super::booking::visible;
use super::secrets::new_token;
use crate::accounts::cookie::is_https;
use crate::persistence::entities::{reservation, resource, user};
use crate::reservations::ReservationStatus;

/// The product identifier every file carries (RFC 5545 §3.7.3).
const PRODID: &str = "-//Reserver//Reserver//EN";

/// How far back and ahead a feed reaches, and how many events it holds at most.
const FEED_PAST_DAYS: i64 = 90;
const FEED_AHEAD_DAYS: i64 = 400;
const FEED_MAX_EVENTS: u64 = 5_000;

/// `GET /calendar/export/{id}.ics`: one reservation as a calendar file, for whoever may read
/// it; anyone else is told it does not exist.
pub async fn export(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<String, ServiceError> {
    let (row, target) = visible(db, principal, id).await?;
    Ok(calendar(&[event(&row, &target.row)]))
}

/// `GET /calendar/subscription-url`: the token of the caller's feed, made the first time
/// it is asked for and the same on every later call.
pub async fn feed_token(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<String, ServiceError> {
    if let Some(token) = current_token(db, principal).await? {
        return Ok(token);
    }
    // Only an empty slot is filled, so two first calls at once agree on one token.
    user::Entity::update_many()
        .col_expr(user::Column::CalendarToken, Expr::value(new_token()?))
        .filter(user::Column::Id.eq(principal.user_id))
        .filter(user::Column::CalendarToken.is_null())
        .exec(db)
        .await?;
    current_token(db, principal)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// `POST /calendar/regenerate-token`: a new feed address; the old one stops working.
pub async fn regenerate_feed_token(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<String, ServiceError> {
    let token = new_token()?;
    let changed = user::Entity::update_many()
        .col_expr(user::Column::CalendarToken, Expr::value(token.clone()))
        .filter(user::Column::Id.eq(principal.user_id))
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    Ok(token)
}

/// The absolute address of the feed with `token`, on the host and scheme a request came to
/// (`authority`: the request's own, for HTTP/2 where there is no `Host` header).
pub fn feed_url(headers: &http::HeaderMap, authority: Option<&str>, token: &str) -> String {
    let host = headers
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .or(authority)
        .unwrap_or("localhost");
    let scheme = if is_https(headers) { "https" } else { "http" };
    format!("{scheme}://{host}/api/v1/calendar/feed/{token}.ics")
}

async fn current_token(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Option<String>, ServiceError> {
    Ok(user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?
        .calendar_token)
}

/// `GET /calendar/feed/{token}.ics`, without signing in: the bookings of the person whose
/// feed it is, from 90 days ago to 400 days ahead; confirmed ones as `CONFIRMED`, those
/// awaiting approval as `TENTATIVE`. An unknown or replaced token, or a deactivated
/// account, is told the feed does not exist.
pub async fn feed(db: &DatabaseConnection, token: &str) -> Result<String, ServiceError> {
    let owner = user::Entity::find()
        .filter(user::Column::CalendarToken.eq(token))
        .filter(user::Column::IsActive.eq(true))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = Utc::now();
    let rows = reservation::Entity::find()
        .filter(reservation::Column::UserId.eq(owner.id))
        .filter(reservation::Column::Status.is_in([
            ReservationStatus::Active.as_str(),
            ReservationStatus::PendingApproval.as_str(),
        ]))
        .filter(reservation::Column::EndTime.gt(now - Duration::days(FEED_PAST_DAYS)))
        .filter(reservation::Column::StartTime.lt(now + Duration::days(FEED_AHEAD_DAYS)))
        .order_by_asc(reservation::Column::StartTime)
        .limit(FEED_MAX_EVENTS)
        .all(db)
        .await?;
    let resources: HashMap<i32, resource::Model> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(rows.iter().map(|r| r.resource_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let events: Vec<Event<'_>> = rows
        .iter()
        .filter_map(|row| Some(event(row, resources.get(&row.resource_id)?)))
        .collect();
    Ok(calendar(&events))
}

/// The fields of one VEVENT.
struct Event<'a> {
    uid: String,
    stamp: DateTime<Utc>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    summary: &'a str,
    location: &'a str,
    description: &'a str,
    status: &'static str,
}

fn event<'a>(row: &'a reservation::Model, resource: &'a resource::Model) -> Event<'a> {
    let status = match ReservationStatus::parse(&row.status) {
        Some(ReservationStatus::Active) => "CONFIRMED",
        Some(s) if s.blocks() => "TENTATIVE",
        _ => "CANCELLED",
    };
    Event {
        uid: format!("reservation-{}@reserver", row.id),
        stamp: row.updated_at,
        start: row.start_time,
        end: row.end_time,
        summary: if row.title.trim().is_empty() {
            &resource.name
        } else {
            &row.title
        },
        location: &resource.name,
        description: &row.notes,
        status,
    }
}

/// A VCALENDAR holding the events, with CRLF line ends and long lines folded.
fn calendar(events: &[Event<'_>]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    for e in events {
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", text(&e.uid)),
            format!("DTSTAMP:{}", utc(e.stamp)),
            format!("LAST-MODIFIED:{}", utc(e.stamp)),
            format!("DTSTART:{}", utc(e.start)),
            format!("DTEND:{}", utc(e.end)),
            format!("SUMMARY:{}", text(e.summary)),
            format!("LOCATION:{}", text(e.location)),
        ]);
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", text(e.description)));
        }
        lines.extend([format!("STATUS:{}", e.status), "END:VEVENT".to_owned()]);
    }
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|line| fold(line)).collect()
}

/// A UTC date-time in the basic format (`19980119T070000Z`).
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line exceeds 75 octets (§3.1), never inside a
/// UTF-8 character, and ended with CRLF.
fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, 30, 0).unwrap()
    }

    fn sample<'a>(summary: &'a str, description: &'a str) -> Event<'a> {
        Event {
            uid: "reservation-7@reserver".into(),
            stamp: at(8),
            start: at(9),
            end: at(10),
            summary,
            location: "Room A",
            description,
            status: "CONFIRMED",
        }
    }

    #[test]
    fn a_calendar_holds_one_event_with_utc_times_and_crlf_line_ends() {
        let file = calendar(&[sample("Stand-up", "")]);
        assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(file.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(file.contains("\r\nDTSTART:20261123T093000Z\r\nDTEND:20261123T103000Z\r\n"));
        assert!(file.contains("\r\nSUMMARY:Stand-up\r\nLOCATION:Room A\r\nSTATUS:CONFIRMED\r\n"));
        assert!(!file.contains("DESCRIPTION"), "no empty description");
        assert!(
            !file.replace("\r\n", "").contains('\n'),
            "every line ends in CRLF"
        );
    }

    #[test]
    fn text_values_escape_separators_and_line_breaks() {
        assert_eq!(
            text("a,b;c\\d\r\ne\nf\u{7}"),
            "a\\,b\\;c\\\\d\\ne\\nf",
            "commas, semicolons, backslashes and line breaks are escaped; other controls dropped"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 1);
        assert!(physical.iter().all(|l| l.len() <= 75), "{physical:?}");
        assert!(physical[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line, "unfolding gives the line back");
    }
}
