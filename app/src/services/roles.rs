//! Roles and the permissions they grant. Built-in roles keep their names; `admin` always holds
//! every permission. Nobody grants a role more than they hold themselves.

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::audit;
use super::authz::Principal;
use super::{SHORT_DESCRIPTION, ServiceError, name_taken, validate_description};
use crate::admin::{NewRole, RoleRecord, RoleUpdate};
use crate::domain::permissions::{Action, BuiltinRole, Model, Permission};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{role, role_permission, user_role};

/// Every permission there is, in matrix order (model, action, scope).
pub fn all_permissions(principal: &Principal) -> Result<Vec<Permission>, ServiceError> {
    principal.require(Model::Permission, Action::Read)?;
    Ok(Permission::all().collect())
}

fn validate_name(name: &str) -> Result<String, ServiceError> {
    let name = name.trim();
    let valid = (2..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ' '));
    if valid {
        Ok(name.to_owned())
    } else {
        Err(ServiceError::InvalidInput(
            "role name must be 2 to 64 letters, digits, spaces, '.', '_' or '-'".to_owned(),
        ))
    }
}

/// Parses permissions, naming every one that does not, and refuses any the caller lacks.
fn parse_permissions(
    principal: &Principal,
    texts: &[String],
) -> Result<BTreeSet<Permission>, ServiceError> {
    let mut parsed = BTreeSet::new();
    let mut bad = Vec::new();
    for text in texts {
        match text.trim().parse::<Permission>() {
            Ok(permission) => {
                parsed.insert(permission);
            }
            Err(_) => bad.push(format!("{text:?}")),
        }
    }
    if !bad.is_empty() {
        return Err(ServiceError::InvalidInput(format!(
            "not permissions (want <model>:<action>:<scope>): {}",
            bad.join(", ")
        )));
    }
    if !principal.grants.covers(&parsed) {
        return Err(ServiceError::Forbidden);
    }
    Ok(parsed)
}

async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<role::Model>,
) -> Result<Vec<RoleRecord>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut permissions: HashMap<i32, Vec<String>> = HashMap::new();
    for row in role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        permissions
            .entry(row.role_id)
            .or_default()
            .push(row.permission);
    }
    let mut holders: HashMap<i32, u64> = HashMap::new();
    for link in user_role::Entity::find()
        .filter(user_role::Column::RoleId.is_in(ids))
        .all(db)
        .await?
    {
        *holders.entry(link.role_id).or_default() += 1;
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut permissions = permissions.remove(&row.id).unwrap_or_default();
            permissions.sort();
            RoleRecord {
                id: row.id.into(),
                user_count: holders.get(&row.id).copied().unwrap_or(0),
                name: row.name,
                description: row.description,
                is_builtin: row.is_builtin,
                permissions,
            }
        })
        .collect())
}

async fn find(db: &impl ConnectionTrait, role_id: i64) -> Result<role::Model, ServiceError> {
    let id = i32::try_from(role_id).map_err(|_| ServiceError::NotFound)?;
    role::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn record(db: &impl ConnectionTrait, row: role::Model) -> Result<RoleRecord, ServiceError> {
    records(db, vec![row])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
) -> Result<Page<RoleRecord>, ServiceError> {
    principal.require(Model::Role, Action::Read)?;
    let total_count = role::Entity::find().count(db).await?;
    let mut query = role::Entity::find().order_by_asc(role::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(role::Column::Id.gt(after));
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

pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    role_id: i64,
) -> Result<RoleRecord, ServiceError> {
    principal.require(Model::Role, Action::Read)?;
    record(db, find(db, role_id).await?).await
}

async fn set_permissions(
    db: &impl ConnectionTrait,
    role_id: i32,
    permissions: &BTreeSet<Permission>,
) -> Result<(), ServiceError> {
    role_permission::Entity::delete_many()
        .filter(role_permission::Column::RoleId.eq(role_id))
        .exec(db)
        .await?;
    for permission in permissions {
        role_permission::ActiveModel {
            role_id: Set(role_id),
            permission: Set(permission.to_string()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[tracing::instrument(skip_all, fields(user_id = principal.user_id, role = %new.name))]
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    new: NewRole,
) -> Result<RoleRecord, ServiceError> {
    principal.require(Model::Role, Action::Create)?;
    let name = validate_name(&new.name)?;
    let description = validate_description(&new.description, SHORT_DESCRIPTION)?;
    let permissions = parse_permissions(principal, &new.permissions)?;
    let actor = Some(principal.user_id);
    let details = json!({"name": name, "permissions": new.permissions});
    let role_id = db
        .transaction::<_, i32, ServiceError>(|txn| {
            Box::pin(async move {
                let row = role::ActiveModel {
                    name: Set(name.clone()),
                    description: Set(description),
                    is_builtin: Set(false),
                    ..Default::default()
                }
                .insert(txn)
                .await
                .map_err(|e| name_taken(e, "role", &name))?;
                set_permissions(txn, row.id, &permissions).await?;
                audit::record(txn, actor, "role.created", Some(row.id), details).await?;
                Ok(row.id)
            })
        })
        .await?;
    record(db, find(db, role_id.into()).await?).await
}

#[tracing::instrument(skip_all, fields(user_id = principal.user_id, role_id))]
pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    role_id: i64,
    update: RoleUpdate,
) -> Result<RoleRecord, ServiceError> {
    principal.require(Model::Role, Action::Update)?;
    let row = find(db, role_id).await?;
    let is_admin = row.name == BuiltinRole::Admin.name();
    let name = update.name.as_deref().map(validate_name).transpose()?;
    if row.is_builtin && name.as_ref().is_some_and(|n| *n != row.name) {
        return Err(ServiceError::Conflict(
            "built-in roles keep their names".to_owned(),
        ));
    }
    let permissions = update
        .permissions
        .as_deref()
        .map(|texts| parse_permissions(principal, texts))
        .transpose()?;
    if is_admin
        && permissions
            .as_ref()
            .is_some_and(|p| *p != BuiltinRole::Admin.default_permissions())
    {
        return Err(ServiceError::Conflict(
            "the admin role always holds every permission".to_owned(),
        ));
    }
    let description = update
        .description
        .as_deref()
        .map(|d| validate_description(d, SHORT_DESCRIPTION))
        .transpose()?;
    let id = row.id;
    let actor = Some(principal.user_id);
    let details = json!({"name": row.name, "changes": audit::changes(&update)});
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            // The role's row is written first, even when only its permissions change (its
            // name is then set to itself). That holds it until commit: two changes of one
            // role run one after the other (on PostgreSQL both would otherwise delete and
            // re-insert the same permission rows), and on SQLite the transaction writes
            // before it reads, so another write committing meanwhile cannot refuse it.
            let name_value = match &name {
                Some(name) => Expr::value(name.clone()),
                None => Expr::col(role::Column::Name),
            };
            let mut write = role::Entity::update_many()
                .col_expr(role::Column::Name, name_value)
                .filter(role::Column::Id.eq(id));
            if let Some(description) = description {
                write = write.col_expr(role::Column::Description, Expr::value(description));
            }
            write
                .exec(txn)
                .await
                .map_err(|e| name_taken(e, "role", name.as_deref().unwrap_or_default()))?;
            if let Some(permissions) = &permissions {
                set_permissions(txn, id, permissions).await?;
            }
            audit::record(txn, actor, "role.updated", Some(id), details).await
        })
    })
    .await?;
    record(db, find(db, role_id).await?).await
}

#[tracing::instrument(skip_all, fields(user_id = principal.user_id, role_id))]
pub async fn delete(
    db: &DatabaseConnection,
    principal: &Principal,
    role_id: i64,
) -> Result<(), ServiceError> {
    principal.require(Model::Role, Action::Delete)?;
    let row = find(db, role_id).await?;
    if row.is_builtin {
        return Err(ServiceError::Conflict(
            "built-in roles cannot be deleted".to_owned(),
        ));
    }
    // Assignments and permissions go with the role (foreign keys cascade).
    let txn = db.begin().await?;
    role::Entity::delete_by_id(row.id).exec(&txn).await?;
    let details = json!({"name": row.name});
    audit::record(
        &txn,
        Some(principal.user_id),
        "role.deleted",
        Some(row.id),
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
