//! The server functions the catalog pages call; each is one service call.

use leptos::prelude::*;

use super::Resource;
use crate::error::AppError;
use crate::pagination::Page;

/// The first page of the catalog, for the home page.
#[server(prefix = "/api/fn", endpoint = "list_resources")]
pub async fn list_resources() -> Result<Page<Resource>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::catalog::list(
            &db,
            &principal,
            &super::ResourceFilter::default(),
            crate::pagination::PageRequest::default(),
        )
        .await?)
    })
    .await
}

/// What the catalog page shows: a page of resources and the choices of its filters.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CatalogPage {
    pub page: Page<Resource>,
    pub tags: Vec<super::TagInfo>,
    pub types: Vec<super::ResourceType>,
}

/// The catalog filtered as the page's form asks (empty fields do not filter).
#[server(prefix = "/api/fn", endpoint = "catalog_view")]
pub async fn catalog_view(
    q: String,
    #[server(default)] tags: Vec<String>,
    status: String,
    resource_type: String,
    min_capacity: String,
    sort: String,
) -> Result<CatalogPage, AppError> {
    crate::error::answer(async move {
        use crate::services::catalog;
        let (db, principal) = crate::services::caller().await?;
        let filter = super::ResourceFilter {
            q: Some(q),
            tags,
            status: super::ResourceStatus::parse(&status),
            resource_type: crate::ui::forms::optional_number(&resource_type)?
                .map(super::TypeRef::Id),
            group_id: None,
            min_capacity: crate::ui::forms::optional_number(&min_capacity)?,
            sort: super::SortOrder::parse(&sort).unwrap_or_default(),
        };
        let request = crate::pagination::PageRequest {
            limit: crate::pagination::MAX_LIMIT,
            after: None,
        };
        Ok(CatalogPage {
            page: catalog::list(&db, &principal, &filter, request).await?,
            tags: catalog::list_tags(&db, &principal).await?,
            types: catalog::list_types(&db, &principal).await?,
        })
    })
    .await
}

/// What a slot of the week view shows, in words as well as colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SlotState {
    /// Can be booked now.
    Free,
    /// Someone else's booking (or a held offer) covers it.
    Taken,
    /// The caller's own booking covers it.
    Mine,
    /// A booking waiting for approval covers it.
    Pending,
    /// Nobody's booking, but the rules forbid it (past, too soon, too far ahead, closed).
    Blocked,
}

impl SlotState {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotState::Free => "free",
            SlotState::Taken => "taken",
            SlotState::Mine => "mine",
            SlotState::Pending => "pending",
            SlotState::Blocked => "blocked",
        }
    }

    /// The Fluent key of the state's word.
    pub fn label_key(self) -> &'static str {
        match self {
            SlotState::Free => "slot-free",
            SlotState::Taken => "slot-busy",
            SlotState::Mine => "slot-mine",
            SlotState::Pending => "slot-pending",
            SlotState::Blocked => "slot-blocked",
        }
    }

    /// Whether choosing the slot opens the booking dialog: to book it, or to join the
    /// waitlist for a time someone else holds.
    pub fn opens_dialog(self) -> bool {
        matches!(
            self,
            SlotState::Free | SlotState::Taken | SlotState::Pending
        )
    }

    /// A slot that is not free is covered by the first booking it overlaps: mine first, then
    /// one waiting for approval, then anyone's; with none, the rules block it.
    #[cfg(feature = "ssr")]
    fn of(
        slot: &crate::domain::availability::Slot,
        bookings: &[super::ScheduleEntry],
    ) -> SlotState {
        if slot.available {
            return SlotState::Free;
        }
        let over: Vec<&super::ScheduleEntry> = bookings
            .iter()
            .filter(|b| b.start_time < slot.end && b.end_time > slot.start)
            .collect();
        let pending = crate::reservations::ReservationStatus::PendingApproval.as_str();
        if over.iter().any(|b| b.mine) {
            SlotState::Mine
        } else if over.iter().any(|b| b.status == pending) {
            SlotState::Pending
        } else if over.is_empty() {
            SlotState::Blocked
        } else {
            SlotState::Taken
        }
    }
}

/// One slot of the week view, its times written in the resource's zone.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlotLabel {
    pub start: String,
    pub end: String,
    pub state: SlotState,
}

/// One day of the week view.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WeekDay {
    pub date: chrono::NaiveDate,
    /// 0 = Monday.
    pub weekday: u8,
    pub is_blackout: bool,
    pub blackout_reason: Option<String>,
    pub slots: Vec<SlotLabel>,
}

/// What a resource's page shows: the resource, its rules in force, and a week.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResourceOverview {
    pub resource: Resource,
    pub rules: super::BookingRules,
    /// Today where the resource is.
    pub today: chrono::NaiveDate,
    pub week: Vec<WeekDay>,
}

/// How many days the resource page shows.
pub const WEEK_DAYS: usize = 7;

/// A resource and the week from `from` (a `YYYY-MM-DD` date; empty: today where it is).
#[server(prefix = "/api/fn", endpoint = "resource_details")]
pub async fn resource_details(id: i64, from: String) -> Result<ResourceOverview, AppError> {
    crate::error::answer(async move {
        use chrono::{Datelike, NaiveDate, Utc};

        use crate::reservations::server_fns::local_span;
        use crate::services::{availability, catalog, rules};
        let (db, principal) = crate::services::caller().await?;
        let resource = catalog::get(&db, &principal, id).await?;
        let tz: chrono_tz::Tz = resource.timezone.parse().map_err(|_| AppError::Internal)?;
        let today = Utc::now().with_timezone(&tz).date_naive();
        let first = match from.trim() {
            "" => today,
            text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::InvalidInput(format!("{text:?} is not a date")))?,
        };
        let days =
            availability::days_slots(&db, &principal, id, Some(first), WEEK_DAYS, 60).await?;
        // Whose bookings cover the slots that are not free.
        let unavailable = days.iter().flat_map(|d| &d.slots).filter(|s| !s.available);
        let span_start = unavailable.clone().map(|s| s.start).min();
        let span_end = unavailable.map(|s| s.end).max();
        let bookings = match (span_start, span_end) {
            (Some(from), Some(to)) => {
                availability::schedule(&db, &principal, id, Some(from), Some(to))
                    .await?
                    .reservations
            }
            _ => Vec::new(),
        };
        let week = days
            .into_iter()
            .map(|day| WeekDay {
                date: day.date,
                weekday: day.date.weekday().num_days_from_monday() as u8,
                is_blackout: day.is_blackout,
                blackout_reason: day.blackout_reason,
                slots: day
                    .slots
                    .iter()
                    .map(|s| {
                        let span = local_span(tz, s.start, s.end);
                        SlotLabel {
                            start: span.start,
                            end: span.end,
                            state: SlotState::of(s, &bookings),
                        }
                    })
                    .collect(),
            })
            .collect();
        let rules = rules::get_rules(&db, &principal, super::RuleScope::Resource(id))
            .await?
            .effective;
        Ok(ResourceOverview {
            resource,
            rules,
            today,
            week,
        })
    })
    .await
}
