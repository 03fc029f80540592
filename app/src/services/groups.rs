//! Groups of users. A group's members are its "own" people: `group:read:own` lets a member
//! see the groups they belong to; managing groups needs the `all` scope.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr, TransactionTrait,
};
use serde_json::json;

use super::audit;
use super::authz::Principal;
use super::catalog::GroupTree;
use super::{SHORT_DESCRIPTION, ServiceError, name_taken, validate_description, validate_label};
use crate::admin::{GroupRecord, GroupUpdate, MemberRef, NewGroup};
use crate::domain::permissions::{Action, Model, RecordOwnership};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{group, user, user_group};

fn ownership(principal: &Principal, group_id: i32) -> RecordOwnership {
    let member = principal.grants.group_ids.contains(&group_id.into());
    RecordOwnership {
        owner_user_id: member.then_some(principal.user_id.into()),
        group_ids: vec![group_id.into()],
    }
}

fn validate_name(name: &str) -> Result<String, ServiceError> {
    validate_label(name, "group name", 100)
}

async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<group::Model>,
) -> Result<Vec<GroupRecord>, ServiceError> {
    let links = user_group::Entity::find()
        .filter(user_group::Column::GroupId.is_in(rows.iter().map(|g| g.id).collect::<Vec<_>>()))
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(links.iter().map(|l| l.user_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let mut members: HashMap<i32, Vec<MemberRef>> = HashMap::new();
    for link in links {
        if let Some(username) = names.get(&link.user_id) {
            members.entry(link.group_id).or_default().push(MemberRef {
                id: link.user_id.into(),
                username: username.clone(),
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut members = members.remove(&row.id).unwrap_or_default();
            members.sort_by(|a, b| a.username.cmp(&b.username));
            GroupRecord {
                id: row.id.into(),
                name: row.name,
                description: row.description,
                parent_id: row.parent_id.map(i64::from),
                members,
            }
        })
        .collect())
}

async fn find(db: &impl ConnectionTrait, group_id: i64) -> Result<group::Model, ServiceError> {
    let id = i32::try_from(group_id).map_err(|_| ServiceError::NotFound)?;
    group::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

/// Finds a group the caller may act on, or 404/403 as `require_on` decides.
async fn find_for(
    db: &impl ConnectionTrait,
    principal: &Principal,
    group_id: i64,
    action: Action,
) -> Result<group::Model, ServiceError> {
    let row = find(db, group_id).await?;
    principal.require_on(Model::Group, action, &ownership(principal, row.id))?;
    Ok(row)
}

/// Every group (`group:read:all`) or the caller's own (`group:read:own`/`group`).
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
) -> Result<Page<GroupRecord>, ServiceError> {
    principal.require(Model::Group, Action::Read)?;
    let mut query = group::Entity::find().order_by_asc(group::Column::Id);
    if !principal.grants.may_all(Model::Group, Action::Read) {
        query = query.filter(group::Column::Id.is_in(principal.grants.group_ids.clone()));
    }
    let total_count = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(group::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    let mut found = Page::from_rows(
        rows,
        page,
        Some(total_count),
        |row| row.id.into(),
        Ok::<_, ServiceError>,
    )?;
    let rows = std::mem::take(&mut found.data);
    Ok(found.with_data(records(db, rows).await?))
}

async fn record(db: &impl ConnectionTrait, row: group::Model) -> Result<GroupRecord, ServiceError> {
    records(db, vec![row])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    group_id: i64,
) -> Result<GroupRecord, ServiceError> {
    let row = find_for(db, principal, group_id, Action::Read).await?;
    record(db, row).await
}

pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    new: NewGroup,
) -> Result<GroupRecord, ServiceError> {
    if !principal.grants.may_all(Model::Group, Action::Create) {
        return Err(ServiceError::Forbidden);
    }
    let name = validate_name(&new.name)?;
    let parent_id = valid_parent(db, None, new.parent_id).await?;
    let description = validate_description(&new.description, SHORT_DESCRIPTION)?;
    let txn = db.begin().await?;
    let row = group::ActiveModel {
        name: Set(name.clone()),
        description: Set(description),
        parent_id: Set(parent_id),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| name_taken(e, "group", &name))?;
    let details = json!({"name": row.name, "parent_id": row.parent_id});
    audit::record(
        &txn,
        Some(principal.user_id),
        "group.created",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    record(db, row).await
}

pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    group_id: i64,
    update: GroupUpdate,
) -> Result<GroupRecord, ServiceError> {
    let row = find_for(db, principal, group_id, Action::Update).await?;
    let id = row.id;
    let details = json!({"name": row.name, "changes": audit::changes(&update)});
    let mut active: group::ActiveModel = row.into();
    if let Some(parent) = update.parent_id {
        active.parent_id = Set(valid_parent(db, Some(id), parent).await?);
    }
    let name = update.name.as_deref().map(validate_name).transpose()?;
    if let Some(name) = &name {
        active.name = Set(name.clone());
    }
    if let Some(description) = update.description {
        active.description = Set(validate_description(&description, SHORT_DESCRIPTION)?);
    }
    let txn = db.begin().await?;
    let row = active
        .update(&txn)
        .await
        .map_err(|e| name_taken(e, "group", name.as_deref().unwrap_or_default()))?;
    audit::record(
        &txn,
        Some(principal.user_id),
        "group.updated",
        Some(id),
        details,
    )
    .await?;
    txn.commit().await?;
    record(db, row).await
}

/// A parent that exists and is not the group itself or one of its descendants.
async fn valid_parent(
    db: &impl ConnectionTrait,
    group: Option<i32>,
    parent: Option<i64>,
) -> Result<Option<i32>, ServiceError> {
    let Some(parent) = parent else {
        return Ok(None);
    };
    let tree = GroupTree::load(db).await?;
    let parent = i32::try_from(parent)
        .ok()
        .filter(|p| tree.contains(*p))
        .ok_or_else(|| ServiceError::InvalidInput(format!("unknown parent group {parent}")))?;
    if group.is_some_and(|g| tree.chain(Some(parent)).contains(&g)) {
        return Err(ServiceError::InvalidInput(
            "a group cannot sit inside itself or one of its own subgroups".to_owned(),
        ));
    }
    Ok(Some(parent))
}

pub async fn delete(
    db: &DatabaseConnection,
    principal: &Principal,
    group_id: i64,
) -> Result<(), ServiceError> {
    let row = find_for(db, principal, group_id, Action::Delete).await?;
    let txn = db.begin().await?;
    group::Entity::delete_by_id(row.id).exec(&txn).await?;
    let details = json!({"name": row.name});
    audit::record(
        &txn,
        Some(principal.user_id),
        "group.deleted",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds (`member = true`) or removes a user; doing what is already done is not an error.
pub async fn set_member(
    db: &DatabaseConnection,
    principal: &Principal,
    group_id: i64,
    user_id: i64,
    member: bool,
) -> Result<GroupRecord, ServiceError> {
    let row = find_for(db, principal, group_id, Action::Update).await?;
    let user_id = i32::try_from(user_id).map_err(|_| ServiceError::NotFound)?;
    user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let existing = user_group::Entity::find_by_id((user_id, row.id))
        .one(db)
        .await?;
    let details = json!({"name": row.name, "user_id": user_id});
    let actor = Some(principal.user_id);
    let txn = db.begin().await?;
    match (member, existing) {
        (true, None) => {
            let inserted = user_group::ActiveModel {
                user_id: Set(user_id),
                group_id: Set(row.id),
            }
            .insert(&txn)
            .await;
            match inserted {
                Ok(_) => {
                    audit::record(&txn, actor, "group.member_added", Some(row.id), details).await?
                }
                // A concurrent request adding the same member is the same outcome (and
                // its line in the log).
                Err(error)
                    if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) =>
                {
                    txn.rollback().await?;
                    return record(db, row).await;
                }
                Err(error) => return Err(error.into()),
            }
        }
        (false, Some(_)) => {
            let removed = user_group::Entity::delete_by_id((user_id, row.id))
                .exec(&txn)
                .await?;
            if removed.rows_affected > 0 {
                let action = "group.member_removed";
                audit::record(&txn, actor, action, Some(row.id), details).await?;
            }
        }
        _ => {}
    }
    txn.commit().await?;
    record(db, row).await
}
