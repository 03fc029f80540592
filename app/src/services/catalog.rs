//! The resource catalog: resources with their types, tags, groups and approvers.
//!
//! Everyone with `resource:read` sees the catalog. Changing a resource needs
//! `resource:<action>:all`, or `resource:<action>:group` and membership of the resource's
//! group or of a group above it (a manager of a building manages its floors and rooms).
//! Types and tags are installation-wide and need the `all` scope.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::audit;
use super::authz::Principal;
use super::writer::Writer;
use super::{ServiceError, like_literal, name_taken, validate_description, validate_label};
use super::{live, webhooks};

/// The longest description of a resource.
const LONG_DESCRIPTION: usize = 5000;
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{
    group, resource, resource_approver, resource_tag, resource_type, tag, user,
};
use crate::resources::{
    Approver, NewResource, Resource, ResourceFilter, ResourceStatus, ResourceType,
    ResourceTypeInput, ResourceUpdate, SortOrder, TagInfo, TypeRef, normalize_tag,
};

/// The group tree, read whole: installations have tens or hundreds of groups, not millions.
#[derive(Clone, Debug, Default)]
pub struct GroupTree {
    parent: HashMap<i32, Option<i32>>,
    name: HashMap<i32, String>,
}

impl GroupTree {
    pub async fn load(db: &impl ConnectionTrait) -> Result<Self, ServiceError> {
        let mut tree = GroupTree::default();
        for row in group::Entity::find().all(db).await? {
            tree.parent.insert(row.id, row.parent_id);
            tree.name.insert(row.id, row.name);
        }
        Ok(tree)
    }

    pub fn contains(&self, id: i32) -> bool {
        self.parent.contains_key(&id)
    }

    /// The group and every group above it, nearest first.
    pub fn chain(&self, id: Option<i32>) -> Vec<i32> {
        let mut chain = Vec::new();
        let mut current = id;
        while let Some(g) = current {
            if chain.contains(&g) || !self.contains(g) {
                break;
            }
            chain.push(g);
            current = self.parent.get(&g).copied().flatten();
        }
        chain
    }

    /// "HQ / Floor 2 / East wing".
    pub fn path(&self, id: Option<i32>) -> Option<String> {
        let mut names: Vec<&str> = self
            .chain(id)
            .iter()
            .filter_map(|g| self.name.get(g).map(String::as_str))
            .collect();
        names.reverse();
        (!names.is_empty()).then(|| names.join(" / "))
    }

    /// The group and every group below it.
    pub fn subtree(&self, id: i32) -> Vec<i32> {
        self.parent
            .keys()
            .copied()
            .filter(|g| self.chain(Some(*g)).contains(&id))
            .collect()
    }

    pub fn parent_of(&self, id: i32) -> Option<i32> {
        self.parent.get(&id).copied().flatten()
    }

    pub fn id_named(&self, name: &str) -> Option<i32> {
        self.name
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(id, _)| *id)
    }

    /// Who manages a record in group `id`: the group and every group above it.
    pub fn ownership(&self, id: Option<i32>) -> RecordOwnership {
        RecordOwnership {
            owner_user_id: None,
            group_ids: self.chain(id).into_iter().map(i64::from).collect(),
        }
    }
}

pub(crate) fn to_i32(id: i64) -> Result<i32, ServiceError> {
    i32::try_from(id).map_err(|_| ServiceError::NotFound)
}

/// A resource row, if the caller may read the catalog.
pub(crate) async fn find_row(
    db: &impl ConnectionTrait,
    principal: &Principal,
    resource_id: i64,
) -> Result<resource::Model, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    resource::Entity::find_by_id(to_i32(resource_id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// A resource row the caller may change (`action` reaching its group).
pub(crate) async fn find_row_for(
    db: &impl ConnectionTrait,
    principal: &Principal,
    resource_id: i64,
    action: Action,
) -> Result<(resource::Model, GroupTree), ServiceError> {
    let row = find_row(db, principal, resource_id).await?;
    let tree = GroupTree::load(db).await?;
    principal.require_on(Model::Resource, action, &tree.ownership(row.group_id))?;
    Ok((row, tree))
}

fn status_of(row: &resource::Model) -> Result<ResourceStatus, ServiceError> {
    ResourceStatus::parse(&row.status).ok_or_else(|| {
        ServiceError::Internal(format!(
            "resource {} has unknown status {:?}",
            row.id, row.status
        ))
    })
}

/// Rows turned into full resources, with tags, types, group paths and approvers.
pub(crate) async fn to_resources(
    db: &impl ConnectionTrait,
    rows: Vec<resource::Model>,
    tree: &GroupTree,
) -> Result<Vec<Resource>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut tags: HashMap<i32, Vec<String>> = HashMap::new();
    let links = resource_tag::Entity::find()
        .filter(resource_tag::Column::ResourceId.is_in(ids.clone()))
        .all(db)
        .await?;
    let tag_names: HashMap<i32, String> = tag::Entity::find()
        .filter(tag::Column::Id.is_in(links.iter().map(|l| l.tag_id).collect::<HashSet<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    for link in links {
        if let Some(name) = tag_names.get(&link.tag_id) {
            tags.entry(link.resource_id).or_default().push(name.clone());
        }
    }
    let types: HashMap<i32, resource_type::Model> = resource_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let approver_links = resource_approver::Entity::find()
        .filter(resource_approver::Column::ResourceId.is_in(ids))
        .all(db)
        .await?;
    let usernames: HashMap<i32, String> = user::Entity::find()
        .filter(
            user::Column::Id.is_in(
                approver_links
                    .iter()
                    .map(|a| a.user_id)
                    .collect::<HashSet<_>>(),
            ),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut approvers: HashMap<i32, Vec<Approver>> = HashMap::new();
    for link in approver_links {
        if let Some(username) = usernames.get(&link.user_id) {
            approvers
                .entry(link.resource_id)
                .or_default()
                .push(Approver {
                    id: link.user_id.into(),
                    username: username.clone(),
                });
        }
    }
    rows.into_iter()
        .map(|row| {
            let status = status_of(&row)?;
            let kind = row.resource_type_id.and_then(|t| types.get(&t));
            let mut tags = tags.remove(&row.id).unwrap_or_default();
            tags.sort();
            let mut approvers = approvers.remove(&row.id).unwrap_or_default();
            approvers.sort_by(|a, b| a.username.cmp(&b.username));
            Ok(Resource {
                id: row.id.into(),
                name: row.name,
                description: row.description,
                available: status == ResourceStatus::Available,
                status,
                tags,
                resource_type: kind.map(|k| k.name.clone()),
                resource_type_id: kind.map(|k| k.id.into()),
                color: kind.map(|k| k.color.clone()),
                group_id: row.group_id.map(i64::from),
                group_path: tree.path(row.group_id),
                capacity: row.capacity,
                timezone: row.timezone,
                attributes: serde_json::from_str(&row.attributes).unwrap_or_default(),
                requires_approval: row.requires_approval,
                approvers,
                created_at: row.created_at,
                updated_at: row.updated_at,
            })
        })
        .collect()
}

async fn to_resource(
    db: &impl ConnectionTrait,
    row: resource::Model,
) -> Result<Resource, ServiceError> {
    let tree = GroupTree::load(db).await?;
    to_resources(db, vec![row], &tree)
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// The id of a type named by id or name; `None` when there is no such type.
async fn type_id(db: &impl ConnectionTrait, kind: &TypeRef) -> Result<Option<i32>, ServiceError> {
    let found = match kind {
        TypeRef::Id(id) => {
            resource_type::Entity::find_by_id(i32::try_from(*id).unwrap_or(-1))
                .one(db)
                .await?
        }
        TypeRef::Name(name) => {
            resource_type::Entity::find()
                .filter(
                    Expr::expr(Func::lower(Expr::col(resource_type::Column::Name)))
                        .eq(name.trim().to_lowercase()),
                )
                .one(db)
                .await?
        }
    };
    Ok(found.map(|t| t.id))
}

/// A page of the catalog matching `filter`.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    filter: &ResourceFilter,
    page: PageRequest,
) -> Result<Page<Resource>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let tree = GroupTree::load(db).await?;
    let Some(condition) = filter_condition(db, filter, &tree).await? else {
        return Ok(Page {
            data: Vec::new(),
            next_cursor: None,
            has_more: false,
            total_count: Some(0),
        });
    };
    let query = resource::Entity::find().filter(condition);
    let total_count = query.clone().count(db).await?;
    let rows = if filter.sort == SortOrder::Created {
        let mut query = query.order_by_asc(resource::Column::Id);
        if let Some(after) = page.after {
            query = query.filter(resource::Column::Id.gt(after));
        }
        let rows = query.limit(page.limit + 1).all(db).await?;
        let mut found = Page::from_rows(
            rows,
            page,
            Some(total_count),
            |r| r.id.into(),
            Ok::<_, ServiceError>,
        )?;
        let rows = std::mem::take(&mut found.data);
        return Ok(found.with_data(to_resources(db, rows, &tree).await?));
    } else {
        // Other orders page by position; the cursor stays opaque to clients.
        let offset = Ord::max(page.after.unwrap_or(0), 0) as u64;
        let query = match filter.sort {
            SortOrder::Name | SortOrder::Created => query.order_by_asc(resource::Column::Name),
            SortOrder::NameDesc => query.order_by_desc(resource::Column::Name),
            SortOrder::Capacity => query
                .order_by_asc(resource::Column::Capacity)
                .order_by_asc(resource::Column::Name),
            SortOrder::CapacityDesc => query
                .order_by_desc(resource::Column::Capacity)
                .order_by_asc(resource::Column::Name),
        };
        query
            .offset(offset)
            .limit(page.limit + 1)
            .all(db)
            .await?
            .into_iter()
            .zip(offset as i64 + 1..)
            .collect::<Vec<_>>()
    };
    let mut found = Page::from_rows(
        rows,
        page,
        Some(total_count),
        |(_, n)| *n,
        Ok::<_, ServiceError>,
    )?;
    let rows = std::mem::take(&mut found.data)
        .into_iter()
        .map(|(row, _)| row)
        .collect();
    Ok(found.with_data(to_resources(db, rows, &tree).await?))
}

/// The SQL condition for `filter`; `None` when nothing can match (an unknown type or tag).
pub(crate) async fn filter_condition(
    db: &impl ConnectionTrait,
    filter: &ResourceFilter,
    tree: &GroupTree,
) -> Result<Option<Condition>, ServiceError> {
    let mut condition = Condition::all();
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", like_literal(&q.to_lowercase()));
        let lower_like = |column: resource::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        condition = condition.add(
            Condition::any()
                .add(lower_like(resource::Column::Name))
                .add(lower_like(resource::Column::Description)),
        );
    }
    if let Some(status) = filter.status {
        condition = condition.add(resource::Column::Status.eq(status.as_str()));
    }
    if let Some(kind) = &filter.resource_type {
        match type_id(db, kind).await? {
            Some(id) => condition = condition.add(resource::Column::ResourceTypeId.eq(id)),
            None => return Ok(None),
        }
    }
    if let Some(group_id) = filter.group_id {
        let group_id = i32::try_from(group_id).unwrap_or(-1);
        if !tree.contains(group_id) {
            return Ok(None);
        }
        condition = condition.add(resource::Column::GroupId.is_in(tree.subtree(group_id)));
    }
    if let Some(min) = filter.min_capacity {
        condition = condition.add(resource::Column::Capacity.gte(min));
    }
    let wanted: HashSet<String> = filter.tags.iter().map(|t| normalize_tag(t)).collect();
    if !wanted.is_empty() {
        let tag_ids: Vec<i32> = tag::Entity::find()
            .filter(tag::Column::Name.is_in(wanted.iter().cloned()))
            .all(db)
            .await?
            .into_iter()
            .map(|t| t.id)
            .collect();
        if tag_ids.len() < wanted.len() {
            return Ok(None);
        }
        // Resources carrying every wanted tag.
        let carrying_all = Query::select()
            .column(resource_tag::Column::ResourceId)
            .from(resource_tag::Entity)
            .and_where(resource_tag::Column::TagId.is_in(tag_ids.clone()))
            .group_by_col(resource_tag::Column::ResourceId)
            .and_having(
                Expr::col(resource_tag::Column::TagId)
                    .count()
                    .eq(tag_ids.len() as i64),
            )
            .to_owned();
        condition = condition.add(resource::Column::Id.in_subquery(carrying_all));
    }
    Ok(Some(condition))
}

pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
) -> Result<Resource, ServiceError> {
    let row = find_row(db, principal, resource_id).await?;
    to_resource(db, row).await
}

fn validate_name(name: &str) -> Result<String, ServiceError> {
    validate_label(name, "name", 200)
}

pub(crate) fn validate_timezone(text: &str) -> Result<String, ServiceError> {
    let text = text.trim();
    text.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| ServiceError::InvalidInput(format!("unknown time zone {text:?}")))
}

fn validate_capacity(capacity: Option<i32>) -> Result<Option<i32>, ServiceError> {
    match capacity {
        Some(c) if !(0..=1_000_000).contains(&c) => Err(ServiceError::InvalidInput(
            "capacity must be 0 to 1000000".to_owned(),
        )),
        other => Ok(other),
    }
}

fn validate_tags(tags: &[String]) -> Result<Vec<String>, ServiceError> {
    let mut clean: Vec<String> = Vec::new();
    for tag in tags {
        let tag = validate_tag(tag)?;
        if !clean.contains(&tag) {
            clean.push(tag);
        }
    }
    if clean.len() > 50 {
        return Err(ServiceError::InvalidInput(
            "a resource has at most 50 tags".to_owned(),
        ));
    }
    Ok(clean)
}

pub(crate) fn validate_tag(tag: &str) -> Result<String, ServiceError> {
    let tag = normalize_tag(tag);
    if (1..=50).contains(&tag.chars().count()) && !tag.chars().any(|c| c.is_control() || c == ',') {
        Ok(tag)
    } else {
        Err(ServiceError::InvalidInput(format!(
            "tag {tag:?} must be 1 to 50 characters without commas"
        )))
    }
}

fn validate_attributes(
    attributes: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, ServiceError> {
    if attributes.len() > 50
        || attributes.iter().any(|(k, v)| {
            k.trim().is_empty() || k.chars().count() > 100 || v.chars().count() > 1000
        })
    {
        return Err(ServiceError::InvalidInput(
            "at most 50 attributes, each a name of 1 to 100 characters and a value of at most 1000"
                .to_owned(),
        ));
    }
    Ok(attributes
        .into_iter()
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect())
}

/// What a type name no type has yet does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NewTypes {
    /// Makes that type, when the caller manages the catalog (one resource at a time).
    Make,
    /// Is an error (CSV imports, where a typo in one row would otherwise add a type quietly).
    Refuse,
}

/// The type `kind` names. A name no type has yet becomes a new type (in the default colour)
/// when `new_types` says so and the caller manages the catalog, as a new tag does; otherwise
/// it is refused.
async fn resolve_type(
    db: &impl ConnectionTrait,
    principal: &Principal,
    kind: Option<&TypeRef>,
    new_types: NewTypes,
) -> Result<Option<i32>, ServiceError> {
    let Some(kind) = kind else {
        return Ok(None);
    };
    if let Some(id) = type_id(db, kind).await? {
        return Ok(Some(id));
    }
    let unknown = || ServiceError::InvalidInput(format!("unknown resource type {kind:?}"));
    let TypeRef::Name(name) = kind else {
        return Err(unknown());
    };
    if new_types == NewTypes::Refuse || require_catalog_admin(principal).is_err() {
        return Err(unknown());
    }
    // Two requests naming the same new type at once make one type.
    resource_type::Entity::insert(resource_type::ActiveModel {
        name: Set(validate_type_name(name)?),
        color: Set(DEFAULT_TYPE_COLOR.to_owned()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(resource_type::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    type_id(db, kind).await?.map(Some).ok_or_else(unknown)
}

fn resolve_group(tree: &GroupTree, group_id: Option<i64>) -> Result<Option<i32>, ServiceError> {
    match group_id {
        None => Ok(None),
        Some(id) => i32::try_from(id)
            .ok()
            .filter(|g| tree.contains(*g))
            .map(Some)
            .ok_or_else(|| ServiceError::InvalidInput(format!("unknown group {id}"))),
    }
}

/// Approvers must be active users.
async fn resolve_approvers(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<i32>, ServiceError> {
    let wanted: HashSet<i32> = ids
        .iter()
        .map(|id| i32::try_from(*id).unwrap_or(-1))
        .collect();
    let found: HashSet<i32> = user::Entity::find()
        .filter(user::Column::Id.is_in(wanted.clone()))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    if let Some(missing) = wanted.difference(&found).next() {
        return Err(ServiceError::InvalidInput(format!(
            "approver {missing} is not an active user"
        )));
    }
    Ok(found.into_iter().collect())
}

/// The ids of active users named in a form's list of approvers (any case), or which name is
/// not one.
pub async fn approver_ids_named(
    db: &DatabaseConnection,
    principal: &Principal,
    names: &[String],
) -> Result<Vec<i64>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let keys: Vec<String> = names.iter().map(|n| n.trim().to_lowercase()).collect();
    let found: HashMap<String, i64> = user::Entity::find()
        .filter(user::Column::UsernameKey.is_in(keys.clone()))
        .filter(user::Column::IsActive.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.username_key, i64::from(u.id)))
        .collect();
    keys.iter()
        .map(|key| {
            found.get(key).copied().ok_or_else(|| {
                ServiceError::InvalidInput(format!("approver {key} is not an active user"))
            })
        })
        .collect()
}

/// Every group with its path ("HQ / Floor 2"), in path order: the choices of a group field.
pub async fn group_paths(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<(i64, String)>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let tree = GroupTree::load(db).await?;
    let mut paths: Vec<(i64, String)> = tree
        .parent
        .keys()
        .filter_map(|id| Some((i64::from(*id), tree.path(Some(*id))?)))
        .collect();
    paths.sort_by_key(|(_, path)| path.to_lowercase());
    Ok(paths)
}

pub(crate) async fn set_tags(
    db: &impl ConnectionTrait,
    resource_id: i32,
    tags: &[String],
) -> Result<(), ServiceError> {
    resource_tag::Entity::delete_many()
        .filter(resource_tag::Column::ResourceId.eq(resource_id))
        .exec(db)
        .await?;
    for name in tags {
        let id = match tag::Entity::find()
            .filter(tag::Column::Name.eq(name.as_str()))
            .one(db)
            .await?
        {
            Some(found) => found.id,
            None => {
                tag::ActiveModel {
                    name: Set(name.clone()),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        resource_tag::ActiveModel {
            resource_id: Set(resource_id),
            tag_id: Set(id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn set_approvers(
    db: &impl ConnectionTrait,
    resource_id: i32,
    user_ids: &[i32],
) -> Result<(), ServiceError> {
    resource_approver::Entity::delete_many()
        .filter(resource_approver::Column::ResourceId.eq(resource_id))
        .exec(db)
        .await?;
    for user_id in user_ids {
        resource_approver::ActiveModel {
            resource_id: Set(resource_id),
            user_id: Set(*user_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Refuses unless the caller may `action` resources in `group` (scope `all`, or a manager of
/// the group or a group above it).
fn require_in_group(
    principal: &Principal,
    tree: &GroupTree,
    group: Option<i32>,
    action: Action,
) -> Result<(), ServiceError> {
    if principal
        .grants
        .may_on(Model::Resource, action, &tree.ownership(group))
    {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// A validated new resource, ready to insert.
pub(crate) struct ResourceDraft {
    pub row: resource::ActiveModel,
    pub tags: Vec<String>,
    pub approvers: Vec<i32>,
}

/// Checks `new` and turns it into a row; used by `create` and by the CSV import.
pub(crate) async fn draft(
    db: &impl ConnectionTrait,
    principal: &Principal,
    tree: &GroupTree,
    new: NewResource,
    new_types: NewTypes,
) -> Result<ResourceDraft, ServiceError> {
    let group_id = resolve_group(tree, new.group_id)?;
    require_in_group(principal, tree, group_id, Action::Create)?;
    let status = new.status.unwrap_or(match new.available {
        Some(false) => ResourceStatus::Unavailable,
        _ => ResourceStatus::Available,
    });
    let now = Utc::now();
    let attributes = validate_attributes(new.attributes)?;
    Ok(ResourceDraft {
        row: resource::ActiveModel {
            name: Set(validate_name(&new.name)?),
            description: Set(validate_description(&new.description, LONG_DESCRIPTION)?),
            status: Set(status.as_str().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
            resource_type_id: Set(resolve_type(
                db,
                principal,
                new.resource_type.as_ref(),
                new_types,
            )
            .await?),
            group_id: Set(group_id),
            capacity: Set(validate_capacity(new.capacity)?),
            timezone: Set(validate_timezone(new.timezone.as_deref().unwrap_or("UTC"))?),
            attributes: Set(serde_json::to_string(&attributes)
                .map_err(|e| ServiceError::Internal(e.to_string()))?),
            requires_approval: Set(new.requires_approval),
            ..Default::default()
        },
        tags: validate_tags(&new.tags)?,
        approvers: resolve_approvers(db, &new.approver_ids).await?,
    })
}

/// Inserts a drafted resource with its tags and approvers.
pub(crate) async fn insert(
    db: &impl ConnectionTrait,
    draft: ResourceDraft,
) -> Result<resource::Model, ServiceError> {
    let name = match &draft.row.name {
        sea_orm::ActiveValue::Set(name) => name.clone(),
        _ => String::new(),
    };
    let row = draft
        .row
        .insert(db)
        .await
        .map_err(|e| name_taken(e, "resource", &name))?;
    set_tags(db, row.id, &draft.tags).await?;
    set_approvers(db, row.id, &draft.approvers).await?;
    Ok(row)
}

#[tracing::instrument(skip_all, fields(user_id = principal.user_id, name = %new.name))]
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    new: NewResource,
) -> Result<Resource, ServiceError> {
    principal.require(Model::Resource, Action::Create)?;
    // Through the writer: a plain deferred transaction that reads, then writes, is refused
    // on SQLite (busy snapshot) when another write commits in between.
    let mut writer = Writer::new(db);
    let row = loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome = async {
            let tree = GroupTree::load(txn).await?;
            let draft = draft(txn, principal, &tree, new.clone(), NewTypes::Make).await?;
            let row = insert(txn, draft).await?;
            audit::record(
                txn,
                Some(principal.user_id),
                "resource.created",
                Some(row.id),
                json!({"name": row.name}),
            )
            .await?;
            webhooks::resource_changed(txn, &row, "created").await?;
            Ok(row)
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            break done?;
        }
    };
    to_resource(db, row).await
}

#[tracing::instrument(skip_all, fields(user_id = principal.user_id, resource_id))]
pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    update: ResourceUpdate,
) -> Result<Resource, ServiceError> {
    let mut writer = Writer::new(db);
    let row = loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome = async {
            let (row, tree) = find_row_for(txn, principal, resource_id, Action::Update).await?;
            let id = row.id;
            let mut name = row.name.clone();
            let status_before = row.status.clone();
            let mut active: resource::ActiveModel = row.into();
            if let Some(new_name) = &update.name {
                name = validate_name(new_name)?;
                active.name = Set(name.clone());
            }
            if let Some(description) = &update.description {
                active.description = Set(validate_description(description, LONG_DESCRIPTION)?);
            }
            let status = update.status.or(match update.available {
                Some(true) => Some(ResourceStatus::Available),
                Some(false) => Some(ResourceStatus::Unavailable),
                None => None,
            });
            if let Some(status) = status {
                active.status = Set(status.as_str().to_owned());
            }
            if let Some(kind) = &update.resource_type {
                active.resource_type_id =
                    Set(resolve_type(txn, principal, kind.as_ref(), NewTypes::Make).await?);
            }
            if let Some(group) = update.group_id {
                // Moving a resource needs the right to create in the group it moves to.
                let group = resolve_group(&tree, group)?;
                require_in_group(principal, &tree, group, Action::Create)?;
                active.group_id = Set(group);
            }
            if let Some(timezone) = &update.timezone {
                active.timezone = Set(validate_timezone(timezone)?);
            }
            if let Some(capacity) = update.capacity {
                active.capacity = Set(validate_capacity(capacity)?);
            }
            if let Some(attributes) = update.attributes.clone() {
                let attributes = validate_attributes(attributes)?;
                active.attributes = Set(serde_json::to_string(&attributes)
                    .map_err(|e| ServiceError::Internal(e.to_string()))?);
            }
            if let Some(requires) = update.requires_approval {
                active.requires_approval = Set(requires);
            }
            active.updated_at = Set(Utc::now());
            let row = active
                .update(txn)
                .await
                .map_err(|e| name_taken(e, "resource", &name))?;
            if let Some(tags) = &update.tags {
                set_tags(txn, id, &validate_tags(tags)?).await?;
            }
            if let Some(approvers) = &update.approver_ids {
                let approvers = resolve_approvers(txn, approvers).await?;
                set_approvers(txn, id, &approvers).await?;
            }
            audit::record(
                txn,
                Some(principal.user_id),
                "resource.updated",
                Some(id),
                json!({"name": row.name, "changes": audit::changes(&update)}),
            )
            .await?;
            webhooks::resource_changed(txn, &row, "updated").await?;
            if row.status != status_before {
                live::resource_status_changed(txn, &row, &row.status).await?;
            }
            Ok(row)
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            break done?;
        }
    };
    to_resource(db, row).await
}

/// Deletes a resource with its rules and bookings history.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, resource_id))]
pub async fn delete(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
) -> Result<(), ServiceError> {
    let (row, _) = find_row_for(db, principal, resource_id, Action::Delete).await?;
    let mut writer = Writer::new(db);
    loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome = async {
            // Someone else may have deleted it since it was read: that is theirs to announce.
            let deleted = resource::Entity::delete_by_id(row.id).exec(txn).await?;
            if deleted.rows_affected == 0 {
                return Err(ServiceError::NotFound);
            }
            audit::record(
                txn,
                Some(principal.user_id),
                "resource.deleted",
                Some(row.id),
                json!({"name": row.name}),
            )
            .await?;
            webhooks::resource_changed(txn, &row, "deleted").await?;
            live::resource_status_changed(txn, &row, "deleted").await
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            return done;
        }
    }
}

// ---- Types ----------------------------------------------------------------------------

fn require_catalog_admin(principal: &Principal) -> Result<(), ServiceError> {
    if principal.grants.may_all(Model::Resource, Action::Update) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

fn validate_color(color: &str) -> Result<String, ServiceError> {
    let color = color.trim().to_lowercase();
    let hex = color.strip_prefix('#').unwrap_or_default();
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(color)
    } else {
        Err(ServiceError::InvalidInput(
            "colour must be written #rrggbb".to_owned(),
        ))
    }
}

pub async fn list_types(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<ResourceType>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let mut counts: HashMap<i32, u64> = HashMap::new();
    for row in resource::Entity::find()
        .select_only()
        .column(resource::Column::ResourceTypeId)
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
    {
        *counts.entry(row).or_default() += 1;
    }
    Ok(resource_type::Entity::find()
        .order_by_asc(resource_type::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| ResourceType {
            id: t.id.into(),
            resource_count: counts.get(&t.id).copied().unwrap_or(0),
            name: t.name,
            color: t.color,
        })
        .collect())
}

async fn type_record(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i32,
) -> Result<ResourceType, ServiceError> {
    list_types(db, principal)
        .await?
        .into_iter()
        .find(|t| t.id == i64::from(id))
        .ok_or(ServiceError::NotFound)
}

pub async fn create_type(
    db: &DatabaseConnection,
    principal: &Principal,
    input: ResourceTypeInput,
) -> Result<ResourceType, ServiceError> {
    require_catalog_admin(principal)?;
    let name = validate_type_name(input.name.as_deref().unwrap_or_default())?;
    let color = validate_color(input.color.as_deref().unwrap_or(DEFAULT_TYPE_COLOR))?;
    let txn = db.begin().await?;
    let row = resource_type::ActiveModel {
        name: Set(name.clone()),
        color: Set(color),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| name_taken(e, "resource type", &name))?;
    let details = json!({"name": row.name, "color": row.color});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "resource_type.created", Some(row.id), details).await?;
    txn.commit().await?;
    type_record(db, principal, row.id).await
}

/// The colour of a type made without one.
const DEFAULT_TYPE_COLOR: &str = "#64748b";

fn validate_type_name(name: &str) -> Result<String, ServiceError> {
    validate_label(name, "type name", 60)
}

pub async fn update_type(
    db: &DatabaseConnection,
    principal: &Principal,
    type_id: i64,
    input: ResourceTypeInput,
) -> Result<ResourceType, ServiceError> {
    require_catalog_admin(principal)?;
    let row = resource_type::Entity::find_by_id(to_i32(type_id)?)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let id = row.id;
    let mut active: resource_type::ActiveModel = row.into();
    let name = input.name.as_deref().map(validate_type_name).transpose()?;
    if let Some(name) = &name {
        active.name = Set(name.clone());
    }
    if let Some(color) = &input.color {
        active.color = Set(validate_color(color)?);
    }
    let txn = db.begin().await?;
    let row = active
        .update(&txn)
        .await
        .map_err(|e| name_taken(e, "resource type", name.as_deref().unwrap_or_default()))?;
    let details = json!({"name": row.name, "color": row.color});
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "resource_type.updated", Some(id), details).await?;
    txn.commit().await?;
    type_record(db, principal, id).await
}

/// Deletes a type; its resources keep existing without one.
pub async fn delete_type(
    db: &DatabaseConnection,
    principal: &Principal,
    type_id: i64,
) -> Result<(), ServiceError> {
    require_catalog_admin(principal)?;
    let id = to_i32(type_id)?;
    let txn = db.begin().await?;
    let deleted = resource_type::Entity::delete_by_id(id).exec(&txn).await?;
    if deleted.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    let actor = Some(principal.user_id);
    audit::record(&txn, actor, "resource_type.deleted", Some(id), json!({})).await?;
    txn.commit().await?;
    Ok(())
}

// ---- Tags -----------------------------------------------------------------------------

pub async fn list_tags(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<TagInfo>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let mut counts: HashMap<i32, u64> = HashMap::new();
    for link in resource_tag::Entity::find().all(db).await? {
        *counts.entry(link.tag_id).or_default() += 1;
    }
    Ok(tag::Entity::find()
        .order_by_asc(tag::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| {
            // A tag no resource carries any more is not worth listing.
            let count = counts.get(&t.id).copied()?;
            Some(TagInfo {
                name: t.name,
                resource_count: count,
            })
        })
        .collect())
}

async fn find_tag(db: &impl ConnectionTrait, name: &str) -> Result<tag::Model, ServiceError> {
    tag::Entity::find()
        .filter(tag::Column::Name.eq(normalize_tag(name)))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Renames `from` to `to` everywhere; when `to` exists already the two are merged.
pub async fn rename_tag(
    db: &DatabaseConnection,
    principal: &Principal,
    from: &str,
    to: &str,
) -> Result<TagInfo, ServiceError> {
    merge_tags(db, principal, &[from.to_owned()], to).await
}

/// Every resource carrying one of `sources` carries `target` instead.
pub async fn merge_tags(
    db: &DatabaseConnection,
    principal: &Principal,
    sources: &[String],
    target: &str,
) -> Result<TagInfo, ServiceError> {
    require_catalog_admin(principal)?;
    let target = validate_tag(target)?;
    let wanted = target.clone();
    // Through the writer: the tags are looked up before anything is written, and a plain
    // deferred transaction that reads, then writes, is refused on SQLite (busy snapshot)
    // when another write commits in between.
    let mut writer = Writer::new(db);
    loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome: Result<(), ServiceError> = async {
            let mut found = Vec::new();
            for source in sources {
                found.push(find_tag(txn, source).await?);
            }
            let target_id = match tag::Entity::find()
                .filter(tag::Column::Name.eq(target.as_str()))
                .one(txn)
                .await?
            {
                Some(existing) => existing.id,
                None => {
                    tag::ActiveModel {
                        name: Set(target.clone()),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?
                    .id
                }
            };
            let carrying_target: HashSet<i32> = resource_tag::Entity::find()
                .filter(resource_tag::Column::TagId.eq(target_id))
                .all(txn)
                .await?
                .into_iter()
                .map(|l| l.resource_id)
                .collect();
            let mut moved = carrying_target;
            for source in found.into_iter().filter(|s| s.id != target_id) {
                for link in resource_tag::Entity::find()
                    .filter(resource_tag::Column::TagId.eq(source.id))
                    .all(txn)
                    .await?
                {
                    if moved.insert(link.resource_id) {
                        resource_tag::ActiveModel {
                            resource_id: Set(link.resource_id),
                            tag_id: Set(target_id),
                        }
                        .insert(txn)
                        .await?;
                    }
                }
                tag::Entity::delete_by_id(source.id).exec(txn).await?;
            }
            let details = json!({"from": sources, "to": target});
            audit::record(txn, Some(principal.user_id), "tag.merged", None, details).await
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            done?;
            break;
        }
    }
    let carrying = list_tags(db, principal)
        .await?
        .into_iter()
        .find(|t| t.name == wanted);
    Ok(carrying.unwrap_or(TagInfo {
        name: wanted,
        resource_count: 0,
    }))
}

/// Removes a tag from every resource.
pub async fn delete_tag(
    db: &DatabaseConnection,
    principal: &Principal,
    name: &str,
) -> Result<(), ServiceError> {
    require_catalog_admin(principal)?;
    let found = find_tag(db, name).await?;
    let txn = db.begin().await?;
    tag::Entity::delete_by_id(found.id).exec(&txn).await?;
    let details = json!({"name": found.name});
    audit::record(&txn, Some(principal.user_id), "tag.deleted", None, details).await?;
    txn.commit().await?;
    Ok(())
}
