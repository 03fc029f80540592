//! The server functions of the catalog's admin pages: resources, types and the rules of each
//! level (hours, limits, blackout dates, exceptions). Each is one or two service calls; the
//! services check who may do what.
// A form's server function takes one argument per field of the form.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{BlackoutRecord, Resource, ResourceType, RuleScope, RulesRecord};
use crate::error::AppError;

/// A group a resource can be placed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub id: i64,
    /// "HQ / Floor 2".
    pub path: String,
}

/// What the catalog forms offer to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogChoices {
    pub types: Vec<ResourceType>,
    pub groups: Vec<GroupChoice>,
    /// The caller changes installation-wide things: types and the rules of every resource.
    pub installation_wide: bool,
}

/// `/admin/resources`: the resources matching the search, and the new-resource form's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CatalogListing {
    pub resources: Vec<Resource>,
    pub total: u64,
    pub choices: CatalogChoices,
}

#[cfg(feature = "ssr")]
pub(crate) async fn group_paths_of(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
) -> Result<Vec<GroupChoice>, AppError> {
    Ok(crate::services::catalog::group_paths(db, principal)
        .await?
        .into_iter()
        .map(|(id, path)| GroupChoice { id, path })
        .collect())
}

#[cfg(feature = "ssr")]
async fn choices(
    db: &sea_orm::DatabaseConnection,
    principal: &crate::services::authz::Principal,
) -> Result<CatalogChoices, AppError> {
    use crate::domain::permissions::{Action, Model};
    use crate::services::catalog;
    Ok(CatalogChoices {
        types: catalog::list_types(db, principal).await?,
        groups: group_paths_of(db, principal).await?,
        installation_wide: principal.grants.may_all(Model::Resource, Action::Update),
    })
}

/// Every group with its path, for the group pages' "inside group" choices.
#[server(prefix = "/api/fn", endpoint = "admin_group_paths")]
pub async fn group_paths() -> Result<Vec<GroupChoice>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        group_paths_of(&db, &principal).await
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_catalog")]
pub async fn admin_catalog(search: String) -> Result<CatalogListing, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let filter = super::ResourceFilter {
            q: Some(search),
            sort: super::SortOrder::Name,
            ..Default::default()
        };
        let request = crate::pagination::PageRequest {
            limit: crate::pagination::MAX_LIMIT,
            after: None,
        };
        let page = crate::services::catalog::list(&db, &principal, &filter, request).await?;
        Ok(CatalogListing {
            total: page.total_count.unwrap_or_default(),
            resources: page.data,
            choices: choices(&db, &principal).await?,
        })
    })
    .await
}

/// `/admin/resources/{id}`: the resource and the form's choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceEditor {
    pub resource: Resource,
    pub choices: CatalogChoices,
}

#[server(prefix = "/api/fn", endpoint = "admin_resource")]
pub async fn admin_resource(id: i64) -> Result<ResourceEditor, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(ResourceEditor {
            resource: crate::services::catalog::get(&db, &principal, id).await?,
            choices: choices(&db, &principal).await?,
        })
    })
    .await
}

/// Creates a resource (`id` empty) or saves one. Empty type, group and capacity mean none;
/// an unticked `requires_approval` sends nothing; approvers are usernames, comma-separated;
/// attributes are `key = value` lines.
#[server(prefix = "/api/fn", endpoint = "admin_save_resource")]
pub async fn save_resource(
    #[server(default)] id: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] resource_type: String,
    #[server(default)] group_id: String,
    #[server(default)] status: String,
    #[server(default)] capacity: String,
    #[server(default)] timezone: String,
    #[server(default)] tags: String,
    #[server(default)] requires_approval: Option<String>,
    #[server(default)] approvers: String,
    #[server(default)] attributes: String,
) -> Result<Resource, AppError> {
    crate::error::answer(async move {
        use crate::services::catalog;
        use crate::ui::forms::optional_number;
        let (db, principal) = crate::services::caller().await?;
        let status = match status.trim() {
            "" => None,
            text => Some(
                super::ResourceStatus::parse(text)
                    .ok_or_else(|| AppError::InvalidInput(format!("{text:?} is not a status")))?,
            ),
        };
        let attributes = super::parse_attributes(&attributes).map_err(|line| {
            AppError::InvalidInput(format!("attribute line {line} has no `key = value`"))
        })?;
        let approver_names: Vec<String> = approvers
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        let approver_ids = catalog::approver_ids_named(&db, &principal, &approver_names).await?;
        let resource_type = optional_number(&resource_type)?.map(super::TypeRef::Id);
        let group_id = optional_number(&group_id)?;
        let capacity = optional_number(&capacity)?;
        let timezone = Some(timezone.trim().to_owned()).filter(|z| !z.is_empty());
        let tags = super::split_tags(&tags);
        let requires_approval = requires_approval.is_some();
        Ok(match optional_number::<i64>(&id)? {
            None => {
                let new = super::NewResource {
                    name,
                    description,
                    tags,
                    available: None,
                    status,
                    resource_type,
                    group_id,
                    timezone,
                    capacity,
                    attributes,
                    requires_approval,
                    approver_ids,
                };
                catalog::create(&db, &principal, new).await?
            }
            Some(id) => {
                let update = super::ResourceUpdate {
                    name: Some(name),
                    description: Some(description),
                    tags: Some(tags),
                    available: None,
                    status,
                    resource_type: Some(resource_type),
                    group_id: Some(group_id),
                    timezone,
                    capacity: Some(capacity),
                    attributes: Some(attributes),
                    requires_approval: Some(requires_approval),
                    approver_ids: Some(approver_ids),
                };
                catalog::update(&db, &principal, id, update).await?
            }
        })
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_resource")]
pub async fn delete_resource(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::catalog::delete(&db, &principal, id).await?)
    })
    .await
}

/// Creates a type (`id` empty) or renames and recolours one.
#[server(prefix = "/api/fn", endpoint = "admin_save_type")]
pub async fn save_type(
    #[server(default)] id: String,
    name: String,
    color: String,
) -> Result<ResourceType, AppError> {
    crate::error::answer(async move {
        use crate::services::catalog;
        let (db, principal) = crate::services::caller().await?;
        let input = super::ResourceTypeInput {
            name: Some(name),
            color: Some(color),
        };
        Ok(match crate::ui::forms::optional_number::<i64>(&id)? {
            None => catalog::create_type(&db, &principal, input).await?,
            Some(id) => catalog::update_type(&db, &principal, id, input).await?,
        })
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_type")]
pub async fn delete_type(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::catalog::delete_type(&db, &principal, id).await?)
    })
    .await
}

/// Where the business hours in force at a level come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoursOrigin {
    /// The level sets its own.
    Own,
    /// From the group with this path.
    Group(String),
    /// From the installation-wide hours.
    Global,
    /// No level sets any: open all day.
    OpenAllDay,
}

/// An exception with its times written in the level's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionLabel {
    pub id: i64,
    pub start: String,
    pub end: String,
    pub reason: String,
}

/// Everything the rules editor of one level shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelEditor {
    pub scope: RuleScope,
    /// The resource's name or the group's path; empty for the installation.
    pub name: String,
    /// The zone exceptions are typed and shown in.
    pub zone: String,
    pub rules: RulesRecord,
    /// The level's own openings, Monday first, as `parse_day_hours` reads them.
    pub hours: Vec<String>,
    pub hours_origin: HoursOrigin,
    pub blackouts: Vec<BlackoutRecord>,
    pub exceptions: Vec<ExceptionLabel>,
}

/// A level from a form's `level` (global, group, resource) and `id`.
pub fn scope_of(level: &str, id: i64) -> Result<RuleScope, AppError> {
    match level {
        "global" => Ok(RuleScope::Global),
        "group" => Ok(RuleScope::Group(id)),
        "resource" => Ok(RuleScope::Resource(id)),
        other => Err(AppError::InvalidInput(format!("{other:?} is not a level"))),
    }
}

/// The form value of a level, read back by `scope_of`.
pub fn level_name(scope: RuleScope) -> (&'static str, i64) {
    match scope {
        RuleScope::Global => ("global", 0),
        RuleScope::Group(id) => ("group", id),
        RuleScope::Resource(id) => ("resource", id),
    }
}

#[server(prefix = "/api/fn", endpoint = "admin_level_rules")]
pub async fn level_rules(level: String, id: i64) -> Result<LevelEditor, AppError> {
    crate::error::answer(async move {
        use crate::services::catalog::{self, GroupTree};
        use crate::services::rules;
        let (db, principal) = crate::services::caller().await?;
        let scope = scope_of(&level, id)?;
        let rules_record = rules::get_rules(&db, &principal, scope).await?;
        let zone = rules::zone_of(&db, &principal, scope).await?;
        let tree = GroupTree::load(&db).await?;
        let group_path = |id: i64| {
            i32::try_from(id)
                .ok()
                .and_then(|id| tree.path(Some(id)))
                .unwrap_or_default()
        };
        let name = match scope {
            RuleScope::Global => String::new(),
            RuleScope::Group(id) => group_path(id),
            RuleScope::Resource(id) => catalog::get(&db, &principal, id).await?.name,
        };
        let hours = rules::get_hours(&db, &principal, scope).await?;
        let hours_origin = match hours.inherited_from {
            _ if !hours.hours.is_empty() => HoursOrigin::Own,
            Some(RuleScope::Group(id)) => HoursOrigin::Group(group_path(id)),
            Some(_) => HoursOrigin::Global,
            None => HoursOrigin::OpenAllDay,
        };
        let label = |t: chrono::DateTime<chrono::Utc>| {
            t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
        };
        let exceptions = rules::list_closures(&db, &principal, scope)
            .await?
            .into_iter()
            .map(|c| ExceptionLabel {
                id: c.id,
                start: label(c.start_time),
                end: label(c.end_time),
                reason: c.reason,
            })
            .collect();
        Ok(LevelEditor {
            scope,
            name,
            zone: zone.name().to_owned(),
            rules: rules_record,
            hours: (0..7)
                .map(|day| super::day_hours_text(&hours.hours, day))
                .collect(),
            hours_origin,
            blackouts: rules::list_blackouts(&db, &principal, scope).await?,
            exceptions,
        })
    })
    .await
}

/// Saves a level's limits; an empty field inherits.
#[server(prefix = "/api/fn", endpoint = "admin_save_limits")]
pub async fn save_limits(
    level: String,
    id: i64,
    #[server(default)] min_duration: String,
    #[server(default)] max_duration: String,
    #[server(default)] buffer_before: String,
    #[server(default)] buffer_after: String,
    #[server(default)] min_notice: String,
    #[server(default)] horizon_days: String,
    #[server(default)] granularity: String,
) -> Result<RulesRecord, AppError> {
    crate::error::answer(async move {
        use crate::ui::forms::optional_number;
        let (db, principal) = crate::services::caller().await?;
        let rules = super::BookingRules {
            min_duration_minutes: optional_number(&min_duration)?,
            max_duration_minutes: optional_number(&max_duration)?,
            buffer_before_minutes: optional_number(&buffer_before)?,
            buffer_after_minutes: optional_number(&buffer_after)?,
            min_notice_minutes: optional_number(&min_notice)?,
            horizon_days: optional_number(&horizon_days)?,
            granularity_minutes: optional_number(&granularity)?,
        };
        Ok(
            crate::services::rules::set_rules(&db, &principal, scope_of(&level, id)?, rules)
                .await?,
        )
    })
    .await
}

/// Saves a level's weekly hours: seven fields, Monday first. All empty: the level inherits.
#[server(prefix = "/api/fn", endpoint = "admin_save_hours")]
pub async fn save_hours(
    level: String,
    id: i64,
    #[server(default)] days: Vec<String>,
) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let mut hours = Vec::new();
        for (day, text) in (0u8..7).zip(&days) {
            hours.extend(
                super::parse_day_hours(day, text)
                    .map_err(|e| AppError::InvalidInput(e.to_string()))?,
            );
        }
        crate::services::rules::set_hours(&db, &principal, scope_of(&level, id)?, hours).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_add_blackout")]
pub async fn add_blackout(
    level: String,
    id: i64,
    date: String,
    #[server(default)] reason: String,
) -> Result<BlackoutRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let date = date
            .trim()
            .parse()
            .map_err(|_| AppError::InvalidInput(format!("{date:?} is not a date")))?;
        let new = super::NewBlackout { date, reason };
        Ok(
            crate::services::rules::add_blackout(&db, &principal, scope_of(&level, id)?, new)
                .await?,
        )
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_blackout")]
pub async fn delete_blackout(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::rules::delete_blackout(&db, &principal, id).await?)
    })
    .await
}

/// Adds an exception; `start` and `end` are `YYYY-MM-DDTHH:MM` in the level's zone.
#[server(prefix = "/api/fn", endpoint = "admin_add_exception")]
pub async fn add_exception(
    level: String,
    id: i64,
    start: String,
    end: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::rules;
        let (db, principal) = crate::services::caller().await?;
        let scope = scope_of(&level, id)?;
        let zone = rules::zone_of(&db, &principal, scope).await?;
        let instant = |text: &str| {
            let local = chrono::NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
                .map_err(|_| AppError::InvalidInput(format!("{text:?} is not a date and time")))?;
            let minutes = chrono::Timelike::num_seconds_from_midnight(&local.time()) / 60;
            Ok::<_, AppError>(crate::domain::availability::resolve_local(
                zone,
                local.date(),
                u16::try_from(minutes).unwrap_or_default(),
            ))
        };
        let new = super::NewClosure {
            start_time: instant(&start)?,
            end_time: instant(&end)?,
            reason,
        };
        rules::add_closure(&db, &principal, scope, new).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_exception")]
pub async fn delete_exception(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::rules::delete_closure(&db, &principal, id).await?)
    })
    .await
}
