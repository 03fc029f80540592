//! `/timeline`: one day of many resources, a row each, filtered by type, tag and group.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server_fns::WeekDay;
use super::{ResourceType, TagInfo};
use crate::error::AppError;
use crate::resources::admin_fns::GroupChoice;

/// One resource's row: its slots of the day, in its own zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub resource_id: i64,
    pub name: String,
    pub timezone: String,
    pub requires_approval: bool,
    pub day: WeekDay,
}

/// `/timeline`: the day, its rows, and the choices of the filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineDay {
    pub date: chrono::NaiveDate,
    pub rows: Vec<TimelineRow>,
    /// How many resources match the filters; at most [`TIMELINE_ROWS`] are shown.
    pub matching: u64,
    pub types: Vec<ResourceType>,
    pub tags: Vec<TagInfo>,
    pub groups: Vec<GroupChoice>,
    /// The caller's own zone when some row is in another: those rows show both times.
    pub your_zone: Option<String>,
}

/// The most resources one timeline shows.
pub const TIMELINE_ROWS: u64 = 30;

/// The resources matching the filters (empty ones do not filter), by name, and their hours
/// on `date` (empty: today in UTC), each in its own zone and, when that is not the caller's,
/// in the caller's too.
#[server(prefix = "/api/fn", endpoint = "day_timeline")]
pub async fn day_timeline(
    date: String,
    resource_type: String,
    tag: String,
    group: String,
) -> Result<TimelineDay, AppError> {
    crate::error::answer(async move {
        use chrono::{NaiveDate, Utc};

        use super::server_fns::labelled_days;
        use super::{ResourceFilter, SortOrder, TypeRef};
        use crate::pagination::PageRequest;
        use crate::reservations::server_fns::{own_zone, zone};
        use crate::services::catalog;
        use crate::ui::forms::optional_number;

        let (db, principal) = crate::services::caller().await?;
        let date = match date.trim() {
            "" => Utc::now().date_naive(),
            text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| AppError::InvalidInput(format!("{text:?} is not a date")))?,
        };
        let tag = tag.trim();
        let filter = ResourceFilter {
            resource_type: optional_number::<i64>(&resource_type)?.map(TypeRef::Id),
            group_id: optional_number(&group)?,
            tags: if tag.is_empty() {
                Vec::new()
            } else {
                vec![tag.to_owned()]
            },
            sort: SortOrder::Name,
            ..ResourceFilter::default()
        };
        let page = catalog::list(
            &db,
            &principal,
            &filter,
            PageRequest {
                limit: TIMELINE_ROWS,
                after: None,
            },
        )
        .await?;
        let own = own_zone(&db, &principal).await?;
        let mut rows = Vec::with_capacity(page.data.len());
        let mut elsewhere = false;
        for resource in page.data {
            let tz = zone(&resource.timezone)?;
            let yours = own.filter(|own| *own != tz);
            elsewhere |= yours.is_some();
            let day = labelled_days(&db, &principal, resource.id, (tz, yours), date, 1)
                .await?
                .into_iter()
                .next()
                .ok_or(AppError::Internal)?;
            rows.push(TimelineRow {
                resource_id: resource.id,
                name: resource.name,
                timezone: resource.timezone,
                requires_approval: resource.requires_approval,
                day,
            });
        }
        let groups = crate::resources::admin_fns::group_paths_of(&db, &principal).await?;
        Ok(TimelineDay {
            date,
            rows,
            matching: page.total_count.unwrap_or_default(),
            types: catalog::list_types(&db, &principal).await?,
            tags: catalog::list_tags(&db, &principal).await?,
            groups,
            your_zone: own.filter(|_| elsewhere).map(|z| z.name().to_owned()),
        })
    })
    .await
}
