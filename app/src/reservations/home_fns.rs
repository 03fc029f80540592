//! The home page's data: my bookings of today and the next ones, and what is free now to be
//! booked at once.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server_fns::{LocalSpan, MyReservation};
use crate::error::AppError;

/// A resource free now, with the booking the home page offers on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeNow {
    pub resource_id: i64,
    pub name: String,
    pub resource_type: Option<String>,
    pub timezone: String,
    pub requires_approval: bool,
    /// The half hour offered, starting within the next seven minutes, in the resource's zone.
    pub span: LocalSpan,
}

/// A resource type to filter "free now" by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeChoice {
    pub id: i64,
    pub name: String,
}

/// `/` for someone signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// My bookings starting or running today (in each resource's zone).
    pub today: Vec<MyReservation>,
    /// The next ones after today.
    pub next: Vec<MyReservation>,
    pub free_now: Vec<FreeNow>,
    pub types: Vec<TypeChoice>,
}

/// Every resource type, by id and name.
#[cfg(feature = "ssr")]
async fn type_choices(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
) -> Result<Vec<TypeChoice>, AppError> {
    Ok(crate::services::catalog::list_types(db, principal)
        .await?
        .into_iter()
        .map(|t| TypeChoice {
            id: t.id,
            name: t.name,
        })
        .collect())
}

/// How many later bookings the home page lists.
pub const HOME_NEXT: usize = 5;
/// How many free resources the home page lists.
pub const FREE_NOW_LIMIT: usize = 12;
/// The length of the booking "free now" offers, in minutes.
pub const FREE_NOW_MINUTES: u32 = 30;

/// My day, my next bookings, and the resources (of `resource_type`, an id, when given) free
/// for the next half hour.
#[server(prefix = "/api/fn", endpoint = "home_overview")]
pub async fn home_overview(resource_type: String) -> Result<Dashboard, AppError> {
    crate::error::answer(async move {
        use chrono::{Duration, DurationRound, Utc};

        use super::server_fns::{my_bookings, zone};
        use crate::resources::{ResourceFilter, SearchQuery, TypeRef};
        use crate::services::availability;

        let (db, principal) = crate::services::caller().await?;
        let type_id = match resource_type.trim() {
            "" => None,
            id => Some(id.parse::<i64>().map_err(|_| {
                AppError::InvalidInput(format!("{id:?} is not a resource type id"))
            })?),
        };
        let now = Utc::now();
        let mine = my_bookings(&db, &principal).await?;
        let (mut today, mut next) = (Vec::new(), Vec::new());
        for booking in mine.upcoming {
            let local_today = now.with_timezone(&zone(&booking.timezone)?).date_naive();
            if booking.span.date <= local_today {
                today.push(booking);
            } else if next.len() < HOME_NEXT {
                next.push(booking);
            }
        }
        // Offers start on the next five minutes at least two minutes away, so the start is
        // not past by the time the person books it.
        let step = Duration::minutes(5);
        let from = (now + Duration::minutes(2))
            .duration_trunc(step)
            .map_or(now, |t| t + step);
        let minutes = i64::from(FREE_NOW_MINUTES);
        let query = SearchQuery {
            duration_minutes: FREE_NOW_MINUTES,
            from,
            to: from + Duration::minutes(minutes),
            filter: ResourceFilter {
                resource_type: type_id.map(TypeRef::Id),
                ..ResourceFilter::default()
            },
            limit: FREE_NOW_LIMIT,
        };
        let found = availability::search(&db, &principal, &query).await?;
        let free_now = found
            .data
            .into_iter()
            .filter_map(|hit| {
                let slot = hit.slots.first()?;
                let tz = zone(&hit.resource.timezone).ok()?;
                Some(FreeNow {
                    resource_id: hit.resource.id,
                    name: hit.resource.name,
                    resource_type: hit.resource.resource_type,
                    requires_approval: hit.resource.requires_approval,
                    span: super::server_fns::local_span(tz, slot.start_time, slot.end_time),
                    timezone: hit.resource.timezone,
                })
            })
            .collect();
        let types = type_choices(&db, &principal).await?;
        Ok(Dashboard {
            today,
            next,
            free_now,
            types,
        })
    })
    .await
}

/// A resource the command palette can go to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedResource {
    pub id: i64,
    pub name: String,
}

/// What the command palette offers beyond its fixed commands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaletteOffer {
    pub types: Vec<TypeChoice>,
    /// Resources whose name or description holds the typed words.
    pub resources: Vec<NamedResource>,
}

/// How many resources the palette lists at once.
pub const PALETTE_RESOURCES: u64 = 8;

/// The resource types, and the resources matching `q` (the first ones by name when empty).
#[server(prefix = "/api/fn", endpoint = "palette_choices")]
pub async fn palette_choices(q: String) -> Result<PaletteOffer, AppError> {
    crate::error::answer(async move {
        use crate::pagination::PageRequest;
        use crate::resources::{ResourceFilter, SortOrder};
        use crate::services::catalog;

        let (db, principal) = crate::services::caller().await?;
        let q = q.trim();
        let filter = ResourceFilter {
            q: (!q.is_empty()).then(|| q.to_owned()),
            sort: SortOrder::Name,
            ..ResourceFilter::default()
        };
        let page = PageRequest {
            limit: PALETTE_RESOURCES,
            after: None,
        };
        let resources = catalog::list(&db, &principal, &filter, page)
            .await?
            .data
            .into_iter()
            .map(|r| NamedResource {
                id: r.id,
                name: r.name,
            })
            .collect();
        let types = type_choices(&db, &principal).await?;
        Ok(PaletteOffer { types, resources })
    })
    .await
}
