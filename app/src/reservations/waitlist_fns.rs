//! The server functions of `/waitlist` and of joining the line from the booking dialog.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server_fns::LocalSpan;
use crate::error::AppError;

/// One of my waitlist entries as `/waitlist` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWaitlistEntry {
    pub id: i64,
    pub resource_id: i64,
    pub resource_name: String,
    pub timezone: String,
    /// `waiting`, `offered`, `accepted`, `declined`, `expired` or `cancelled`.
    pub status: String,
    /// 1 for the next in line, while waiting.
    pub position: Option<u64>,
    pub wanted: LocalSpan,
    /// The time held for me, while offered.
    pub offer: Option<LocalSpan>,
    /// How long the offer still holds, in seconds, when this was read.
    pub seconds_left: Option<i64>,
}

#[cfg(feature = "ssr")]
async fn shown(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    entries: Vec<super::WaitlistEntry>,
) -> Result<Vec<MyWaitlistEntry>, AppError> {
    use super::server_fns::{local_span, names_and_zones, zone};
    let zones = names_and_zones(db, principal, entries.iter().map(|e| e.resource_id)).await?;
    let now = chrono::Utc::now();
    entries
        .into_iter()
        .map(|e| {
            let (name, timezone) = zones.get(&e.resource_id).cloned().unwrap_or_default();
            let tz = zone(&timezone)?;
            let offer = match (e.offer_start, e.offer_end) {
                (Some(start), Some(end)) if e.status == "offered" => {
                    Some(local_span(tz, start, end))
                }
                _ => None,
            };
            Ok(MyWaitlistEntry {
                id: e.id,
                resource_id: e.resource_id,
                resource_name: name,
                timezone,
                wanted: local_span(tz, e.desired_start, e.desired_end),
                seconds_left: offer
                    .as_ref()
                    .and(e.offer_expires_at)
                    .map(|at| (at - now).num_seconds().max(0)),
                offer,
                status: e.status,
                position: e.position,
            })
        })
        .collect()
}

/// Joins the line for `start`..`end` on `date` (in the resource's zone); the answer says
/// where I stand, or that the time is offered to me at once.
#[server(prefix = "/api/fn", endpoint = "join_waitlist")]
pub async fn join_waitlist(
    resource_id: i64,
    date: String,
    start: String,
    end: String,
) -> Result<MyWaitlistEntry, AppError> {
    crate::error::answer(async move {
        use crate::services::waitlist::{self, BookingSettings};
        let (db, principal) = crate::services::caller().await?;
        let settings = use_context::<BookingSettings>().unwrap_or_default();
        let (_, wanted) =
            super::server_fns::proposal_of(&db, &principal, resource_id, &date, &start, &end)
                .await?;
        let request = super::NewWaitlistEntry {
            resource_id,
            desired_start: wanted.start_time,
            desired_end: wanted.end_time,
            flexible_time: false,
            flexible_hours: None,
        };
        let entry = waitlist::join(&db, &principal, &settings, request)
            .await?
            .current;
        shown(&db, &principal, vec![entry])
            .await?
            .pop()
            .ok_or(AppError::Internal)
    })
    .await
}

/// How many of my waitlist entries `/waitlist` shows.
pub const MY_WAITLIST_LIMIT: u64 = 200;

/// My waitlist entries, newest first.
#[server(prefix = "/api/fn", endpoint = "my_waitlist")]
pub async fn my_waitlist() -> Result<Vec<MyWaitlistEntry>, AppError> {
    crate::error::answer(async move {
        use crate::pagination::PageRequest;
        use crate::services::waitlist;
        let (db, principal) = crate::services::caller().await?;
        let request = PageRequest {
            limit: MY_WAITLIST_LIMIT,
            after: None,
        };
        let entries = waitlist::list_mine(&db, &principal, request).await?.data;
        shown(&db, &principal, entries).await
    })
    .await
}

/// What I do with a waitlist entry: `accept` or `decline` its offer, or `leave` the line.
#[server(prefix = "/api/fn", endpoint = "answer_waitlist")]
pub async fn answer_waitlist(id: i64, choice: String) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::waitlist::{self, BookingSettings};
        let (db, principal) = crate::services::caller().await?;
        let settings = use_context::<BookingSettings>().unwrap_or_default();
        match choice.as_str() {
            "accept" => waitlist::accept(&db, &principal, id, String::new(), String::new())
                .await
                .map(drop)?,
            "decline" => waitlist::decline(&db, &principal, &settings, id)
                .await
                .map(drop)?,
            "leave" => waitlist::leave(&db, &principal, &settings, id).await?,
            other => {
                return Err(AppError::InvalidInput(format!(
                    "{other:?} is not accept, decline or leave"
                )));
            }
        }
        Ok(())
    })
    .await
}
