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
    /// The caller's own request, waiting for an approver, covers it.
    MinePending,
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
            SlotState::MinePending => "mine-pending",
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
            SlotState::MinePending => "slot-mine-pending",
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

    /// A slot that is not free is covered by the first booking it overlaps: mine first (as
    /// a request while it waits for approval), then one waiting for approval, then anyone's;
    /// with none, the rules block it.
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
        if let Some(own) = over.iter().find(|b| b.mine) {
            if own.status == pending {
                SlotState::MinePending
            } else {
                SlotState::Mine
            }
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
    /// The slot in the caller's own zone, when it is not the resource's.
    pub yours: Option<crate::reservations::server_fns::LocalSpan>,
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

/// What a resource's page shows: the resource, its rules in force, and its calendar.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResourceOverview {
    pub resource: Resource,
    pub rules: super::BookingRules,
    /// Today where the resource is.
    pub today: chrono::NaiveDate,
    pub view: CalendarView,
    /// The days the view shows, in order.
    pub days: Vec<WeekDay>,
    /// The caller's own zone, when it is not the resource's.
    pub your_zone: Option<String>,
}

/// The resource page's calendars: one day, seven days, or a calendar month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CalendarView {
    Day,
    #[default]
    Week,
    Month,
}

impl CalendarView {
    pub const ALL: [CalendarView; 3] = [CalendarView::Day, CalendarView::Week, CalendarView::Month];

    /// `day`, `week` or `month`; anything else is the week.
    pub fn parse(text: &str) -> Self {
        match text {
            "day" => CalendarView::Day,
            "month" => CalendarView::Month,
            _ => CalendarView::Week,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CalendarView::Day => "day",
            CalendarView::Week => "week",
            CalendarView::Month => "month",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            CalendarView::Day => "view-day",
            CalendarView::Week => "view-week",
            CalendarView::Month => "view-month",
        }
    }

    /// The first day shown for `from`, and how many days: a month starts on its first.
    pub fn range(self, from: chrono::NaiveDate) -> (chrono::NaiveDate, usize) {
        use chrono::Datelike;
        match self {
            CalendarView::Day => (from, 1),
            CalendarView::Week => (from, 7),
            CalendarView::Month => {
                let first = from.with_day(1).unwrap_or(from);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first);
                (
                    first,
                    usize::try_from((next - first).num_days()).unwrap_or(31),
                )
            }
        }
    }

    /// The first day of the page before (`forward` false) or after the one starting `first`.
    pub fn step(self, first: chrono::NaiveDate, forward: bool) -> chrono::NaiveDate {
        let months = chrono::Months::new(1);
        let days = chrono::Days::new(if self == CalendarView::Day { 1 } else { 7 });
        match (self, forward) {
            (CalendarView::Month, true) => first.checked_add_months(months),
            (CalendarView::Month, false) => first.checked_sub_months(months),
            (_, true) => first.checked_add_days(days),
            (_, false) => first.checked_sub_days(days),
        }
        .unwrap_or(first)
    }
}

/// `count` days of a resource's hourly slots from `first` (in its zone `tz`), each slot with
/// its state for the caller, and its times in the caller's zone `yours` when given.
#[cfg(feature = "ssr")]
pub(crate) async fn labelled_days(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
    id: i64,
    (tz, yours): (chrono_tz::Tz, Option<chrono_tz::Tz>),
    first: chrono::NaiveDate,
    count: usize,
) -> Result<Vec<WeekDay>, AppError> {
    use chrono::Datelike;

    use crate::reservations::server_fns::local_span;
    use crate::services::availability;
    let days = availability::days_slots(db, principal, id, Some(first), count, 60).await?;
    // Whose bookings cover the slots that are not free.
    let unavailable = days.iter().flat_map(|d| &d.slots).filter(|s| !s.available);
    let span_start = unavailable.clone().map(|s| s.start).min();
    let span_end = unavailable.map(|s| s.end).max();
    let bookings = match (span_start, span_end) {
        (Some(from), Some(to)) => {
            availability::schedule(db, principal, id, Some(from), Some(to))
                .await?
                .reservations
        }
        _ => Vec::new(),
    };
    Ok(days
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
                        yours: yours.map(|yours| local_span(yours, s.start, s.end)),
                    }
                })
                .collect(),
        })
        .collect())
}

/// A resource and its calendar `view` (`day`, `week` or `month`) from `from` (a `YYYY-MM-DD`
/// date; empty: today where it is).
#[server(prefix = "/api/fn", endpoint = "resource_details")]
pub async fn resource_details(
    id: i64,
    from: String,
    #[server(default)] view: String,
) -> Result<ResourceOverview, AppError> {
    crate::error::answer(async move {
        use chrono::{NaiveDate, Utc};

        use crate::services::{catalog, rules};
        let (db, principal) = crate::services::caller().await?;
        let resource = catalog::get(&db, &principal, id).await?;
        let tz: chrono_tz::Tz = resource.timezone.parse().map_err(|_| AppError::Internal)?;
        let today = Utc::now().with_timezone(&tz).date_naive();
        let first = match from.trim() {
            "" => today,
            text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::InvalidInput(format!("{text:?} is not a date")))?,
        };
        let view = CalendarView::parse(&view);
        let (first, count) = view.range(first);
        let yours = crate::reservations::server_fns::zone_beside(&db, &principal, tz).await?;
        let days = labelled_days(&db, &principal, id, (tz, yours), first, count).await?;
        let rules = rules::get_rules(&db, &principal, super::RuleScope::Resource(id))
            .await?
            .effective;
        Ok(ResourceOverview {
            resource,
            rules,
            today,
            view,
            days,
            your_zone: yours.map(|z| z.name().to_owned()),
        })
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::SlotState;
    use crate::domain::availability::Slot;
    use crate::resources::ScheduleEntry;

    fn booking(status: &str, mine: bool) -> ScheduleEntry {
        ScheduleEntry {
            id: 1,
            start_time: Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
            end_time: Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap(),
            status: status.to_owned(),
            title: None,
            user_id: None,
            username: None,
            mine,
        }
    }

    #[test]
    fn a_slot_says_whose_booking_covers_it_and_whether_it_waits_for_approval() {
        let slot = Slot {
            start: Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap(),
            end: Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap(),
            available: false,
        };
        let state = |bookings: &[ScheduleEntry]| SlotState::of(&slot, bookings);
        assert_eq!(state(&[booking("active", true)]), SlotState::Mine);
        assert_eq!(
            state(&[booking("pending_approval", true)]),
            SlotState::MinePending
        );
        assert_eq!(
            state(&[booking("pending_approval", false)]),
            SlotState::Pending
        );
        assert_eq!(state(&[booking("active", false)]), SlotState::Taken);
        assert_eq!(state(&[]), SlotState::Blocked);
        assert_eq!(
            SlotState::of(
                &Slot {
                    available: true,
                    ..slot
                },
                &[]
            ),
            SlotState::Free
        );
        assert!(!SlotState::MinePending.opens_dialog());
    }
}
