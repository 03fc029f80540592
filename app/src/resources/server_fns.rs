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

/// One slot of the week view, its times already written in the resource's zone.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlotLabel {
    pub start: String,
    pub end: String,
    pub available: bool,
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

/// What a resource's page shows: the resource, its rules in force, and the coming week.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ResourceOverview {
    pub resource: Resource,
    pub rules: super::BookingRules,
    pub week: Vec<WeekDay>,
}

/// How many days the resource page shows, from today.
pub const WEEK_DAYS: usize = 7;

#[server(prefix = "/api/fn", endpoint = "resource_details")]
pub async fn resource_details(id: i64) -> Result<ResourceOverview, AppError> {
    crate::error::answer(async move {
        use chrono::{Datelike, Utc};

        use crate::services::{availability, catalog, rules};
        let (db, principal) = crate::services::caller().await?;
        let resource = catalog::get(&db, &principal, id).await?;
        let tz: chrono_tz::Tz = resource.timezone.parse().map_err(|_| AppError::Internal)?;
        let label = |t: chrono::DateTime<Utc>| t.with_timezone(&tz).format("%H:%M").to_string();
        let week = availability::days_slots(&db, &principal, id, None, WEEK_DAYS, 60)
            .await?
            .into_iter()
            .map(|day| WeekDay {
                date: day.date,
                weekday: day.date.weekday().num_days_from_monday() as u8,
                is_blackout: day.is_blackout,
                blackout_reason: day.blackout_reason,
                slots: day
                    .slots
                    .into_iter()
                    .map(|s| SlotLabel {
                        start: label(s.start),
                        end: label(s.end),
                        available: s.available,
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
            week,
        })
    })
    .await
}
