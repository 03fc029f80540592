//! The user directory admins manage: search, create, edit, disable, roles and groups, forced
//! password resets. Two rules hold whatever the caller's roles: nobody hands out a role that
//! grants more than they hold, and the last active admin cannot be disabled or demoted.

use std::collections::{BTreeSet, HashMap};

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

use super::accounts::{self, NewAccount};
use super::audit;
use super::authz::Principal;
use super::credentials::revoke_all_for_user;
use super::secrets::hash_password;
use super::{ServiceError, like_literal, lockout};
use crate::accounts::PreferencesUpdate;
use crate::admin::{GroupRef, NewUser, UserRecord, UserUpdate};
use crate::domain::permissions::{Action, BuiltinRole, Model, Permission, RecordOwnership};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{group, role, role_permission, user, user_group, user_role};

fn ownership(user_id: i32) -> RecordOwnership {
    RecordOwnership {
        owner_user_id: Some(user_id.into()),
        group_ids: Vec::new(),
    }
}

/// Managing the whole directory (not just oneself) needs `action` with scope `all`.
fn require_all(principal: &Principal, action: Action) -> Result<(), ServiceError> {
    if principal.grants.may_all(Model::User, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

/// One page of users, optionally those whose username, name or e-mail contains `search`.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    search: Option<&str>,
    page: PageRequest,
) -> Result<Page<UserRecord>, ServiceError> {
    require_all(principal, Action::Read)?;
    let mut filter = Condition::all();
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", like_literal(&search.to_lowercase()));
        let lower_like = |column: user::Column| {
            Expr::expr(Func::lower(Expr::col(column)))
                .like(LikeExpr::new(pattern.clone()).escape('\\'))
        };
        filter = filter.add(
            Condition::any()
                .add(lower_like(user::Column::UsernameKey))
                .add(lower_like(user::Column::DisplayName))
                .add(lower_like(user::Column::Email)),
        );
    }
    let total_count = user::Entity::find()
        .filter(filter.clone())
        .count(db)
        .await?;
    let mut query = user::Entity::find()
        .filter(filter)
        .order_by_asc(user::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(user::Column::Id.gt(after));
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

/// Users with their role names and groups, in the order given.
async fn records(
    db: &impl ConnectionTrait,
    rows: Vec<user::Model>,
) -> Result<Vec<UserRecord>, ServiceError> {
    let ids: Vec<i32> = rows.iter().map(|u| u.id).collect();
    let role_names: HashMap<i32, String> = role::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect();
    let mut roles_of: HashMap<i32, Vec<String>> = HashMap::new();
    for link in user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        if let Some(name) = role_names.get(&link.role_id) {
            roles_of.entry(link.user_id).or_default().push(name.clone());
        }
    }
    let links = user_group::Entity::find()
        .filter(user_group::Column::UserId.is_in(ids))
        .all(db)
        .await?;
    let group_names: HashMap<i32, String> = group::Entity::find()
        .filter(group::Column::Id.is_in(links.iter().map(|l| l.group_id).collect::<Vec<_>>()))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut groups_of: HashMap<i32, Vec<GroupRef>> = HashMap::new();
    for link in links {
        if let Some(name) = group_names.get(&link.group_id) {
            groups_of.entry(link.user_id).or_default().push(GroupRef {
                id: link.group_id.into(),
                name: name.clone(),
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|u| {
            let mut roles = roles_of.remove(&u.id).unwrap_or_default();
            roles.sort();
            let mut groups = groups_of.remove(&u.id).unwrap_or_default();
            groups.sort_by(|a, b| a.name.cmp(&b.name));
            UserRecord {
                id: u.id.into(),
                username: u.username,
                email: u.email,
                display_name: u.display_name,
                roles,
                groups,
                is_active: u.is_active,
                must_change_password: u.must_change_password,
                mfa_enabled: u.mfa_enabled,
                timezone: u.timezone,
                locale: u.locale,
                created_at: u.created_at,
            }
        })
        .collect())
}

async fn find(db: &impl ConnectionTrait, user_id: i64) -> Result<user::Model, ServiceError> {
    let id = i32::try_from(user_id).map_err(|_| ServiceError::NotFound)?;
    user::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

async fn record(db: &impl ConnectionTrait, row: user::Model) -> Result<UserRecord, ServiceError> {
    records(db, vec![row])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// One user: oneself, or anyone with `user:read:all`; others are 404.
pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    user_id: i64,
) -> Result<UserRecord, ServiceError> {
    let row = find(db, user_id)
        .await
        .map_err(|_| ServiceError::NotFound)?;
    principal.require_on(Model::User, Action::Read, &ownership(row.id))?;
    record(db, row).await
}

/// The user with this username (any case), for admins adding people by name.
pub async fn find_by_username(
    db: &DatabaseConnection,
    principal: &Principal,
    username: &str,
) -> Result<UserRecord, ServiceError> {
    require_all(principal, Action::Read)?;
    let row = user::Entity::find()
        .filter(user::Column::UsernameKey.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    record(db, row).await
}

/// Resolves role names to ids, refusing unknown ones and any role granting more than the
/// caller holds.
async fn roles_to_grant(
    db: &impl ConnectionTrait,
    principal: &Principal,
    names: &[String],
) -> Result<Vec<i32>, ServiceError> {
    let wanted: BTreeSet<&str> = names.iter().map(|n| n.trim()).collect();
    let found = role::Entity::find()
        .filter(role::Column::Name.is_in(wanted.iter().copied()))
        .all(db)
        .await?;
    if let Some(missing) = wanted
        .iter()
        .find(|name| !found.iter().any(|r| r.name == **name))
    {
        return Err(ServiceError::InvalidInput(format!(
            "no role named {missing:?}"
        )));
    }
    let ids: Vec<i32> = found.iter().map(|r| r.id).collect();
    let granted: Vec<Permission> = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| row.permission.parse().ok())
        .collect();
    if !principal.grants.covers(&granted) {
        return Err(ServiceError::Forbidden);
    }
    Ok(ids)
}

async fn check_groups(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<i32>, ServiceError> {
    let wanted: BTreeSet<i32> = ids
        .iter()
        .map(|&id| i32::try_from(id).unwrap_or(i32::MAX))
        .collect();
    let found: BTreeSet<i32> = group::Entity::find()
        .filter(group::Column::Id.is_in(wanted.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    match wanted.difference(&found).next() {
        Some(missing) => Err(ServiceError::InvalidInput(format!(
            "no group with id {missing}"
        ))),
        None => Ok(found.into_iter().collect()),
    }
}

async fn set_roles(
    db: &impl ConnectionTrait,
    user_id: i32,
    role_ids: &[i32],
) -> Result<(), ServiceError> {
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for &role_id in role_ids {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role_id: Set(role_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn set_groups(
    db: &impl ConnectionTrait,
    user_id: i32,
    group_ids: &[i32],
) -> Result<(), ServiceError> {
    user_group::Entity::delete_many()
        .filter(user_group::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    for &group_id in group_ids {
        user_group::ActiveModel {
            user_id: Set(user_id),
            group_id: Set(group_id),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Refuses a change that would leave no active user holding the `admin` role.
pub(super) async fn keep_an_admin(db: &impl ConnectionTrait) -> Result<(), ServiceError> {
    let Some(admin) = role::Entity::find()
        .filter(role::Column::Name.eq(BuiltinRole::Admin.name()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let holders: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::RoleId.eq(admin.id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.user_id)
        .collect();
    let active = user::Entity::find()
        .filter(user::Column::Id.is_in(holders))
        .filter(user::Column::IsActive.eq(true))
        .count(db)
        .await?;
    if active == 0 {
        Err(ServiceError::Conflict(
            "that would leave no active administrator".to_owned(),
        ))
    } else {
        Ok(())
    }
}

/// The usernames of `ids` (each looked up once; unknown ids are left out).
pub(crate) async fn usernames(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, String>, ServiceError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut names = HashMap::new();
    // In bounded batches: a database limits how many values one statement may bind.
    for chunk in ids.chunks(500) {
        for u in user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            names.insert(u.id, u.username);
        }
    }
    Ok(names)
}

/// Creates an account with the given roles and groups (`user:create:all`).
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, username = %new.username))]
pub async fn create(
    db: &DatabaseConnection,
    principal: &Principal,
    new: NewUser,
) -> Result<UserRecord, ServiceError> {
    require_all(principal, Action::Create)?;
    let principal = principal.clone();
    let user_id = db
        .transaction::<_, i32, ServiceError>(|txn| {
            Box::pin(async move {
                let account = NewAccount {
                    username: new.username,
                    password: new.password,
                    email: new.email,
                };
                // The insert comes first: on SQLite a deferred transaction that reads, then
                // writes, is refused (busy snapshot) when another write commits in between.
                // A refused role or group below rolls it back.
                let user_id = accounts::create_user(txn, &account, &[]).await?;
                let role_ids = roles_to_grant(txn, &principal, &new.roles).await?;
                let group_ids = check_groups(txn, &new.groups).await?;
                let row = user::Entity::find_by_id(user_id)
                    .one(txn)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                let mut row: user::ActiveModel = row.into();
                accounts::apply_preferences(
                    &mut row,
                    PreferencesUpdate {
                        display_name: new.display_name,
                        ..Default::default()
                    },
                )?;
                row.must_change_password = Set(new.must_change_password);
                row.update(txn).await?;
                set_roles(txn, user_id, &role_ids).await?;
                set_groups(txn, user_id, &group_ids).await?;
                let details = json!({
                    "username": account.username.trim(),
                    "roles": new.roles,
                    "groups": new.groups,
                });
                let actor = Some(principal.user_id);
                audit::record(txn, actor, "user.created", Some(user_id), details).await?;
                Ok(user_id)
            })
        })
        .await?;
    record(db, find(db, user_id.into()).await?).await
}

/// Edits a user. Anyone may edit their own name, e-mail, time zone and language (with
/// `user:update:own`); activation, roles and groups need `user:update:all`.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, target = user_id))]
pub async fn update(
    db: &DatabaseConnection,
    principal: &Principal,
    user_id: i64,
    update: UserUpdate,
) -> Result<UserRecord, ServiceError> {
    let target = find(db, user_id).await?;
    principal.require_on(Model::User, Action::Update, &ownership(target.id))?;
    let administrative =
        update.is_active.is_some() || update.roles.is_some() || update.groups.is_some();
    if administrative {
        require_all(principal, Action::Update)?;
    }
    if update.is_active == Some(false) && target.id == principal.user_id {
        return Err(ServiceError::Conflict(
            "you cannot disable your own account".to_owned(),
        ));
    }
    let principal = principal.clone();
    let target_id = target.id;
    let details = json!({"username": target.username, "changes": audit::changes(&update)});
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            let actor = Some(principal.user_id);
            audit::record(txn, actor, "user.updated", Some(target_id), details).await?;
            let disabling = update.is_active == Some(false) && target.is_active;
            let mut row: user::ActiveModel = target.into();
            accounts::apply_preferences(
                &mut row,
                PreferencesUpdate {
                    timezone: update.timezone,
                    locale: update.locale,
                    display_name: update.display_name,
                    email: update.email,
                    ..Default::default()
                },
            )?;
            if let Some(active) = update.is_active {
                row.is_active = Set(active);
            }
            row.updated_at = Set(Utc::now());
            row.update(txn).await?;
            if let Some(names) = &update.roles {
                let role_ids = roles_to_grant(txn, &principal, names).await?;
                set_roles(txn, target_id, &role_ids).await?;
            }
            if let Some(groups) = &update.groups {
                let group_ids = check_groups(txn, groups).await?;
                set_groups(txn, target_id, &group_ids).await?;
            }
            if disabling {
                revoke_all_for_user(txn, target_id).await?;
            }
            keep_an_admin(txn).await
        })
    })
    .await?;
    record(db, find(db, user_id).await?).await
}

/// Sets a temporary password the person must change at their next sign-in, and signs them
/// out everywhere (`user:update:all`).
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, target = user_id))]
pub async fn force_password_reset(
    db: &DatabaseConnection,
    principal: &Principal,
    user_id: i64,
    temporary_password: &str,
) -> Result<UserRecord, ServiceError> {
    let target = find(db, user_id).await?;
    principal.require_on(Model::User, Action::Read, &ownership(target.id))?;
    require_all(principal, Action::Update)?;
    accounts::check_password(&target.username, temporary_password)?;
    let hash = hash_password(temporary_password)?;
    let target_id = target.id;
    let username_key = target.username_key.clone();
    let actor = Some(principal.user_id);
    let details = json!({"username": target.username});
    db.transaction::<_, (), ServiceError>(|txn| {
        Box::pin(async move {
            audit::record(txn, actor, "user.password_reset", Some(target_id), details).await?;
            let mut row: user::ActiveModel = target.into();
            row.password_hash = Set(hash);
            row.must_change_password = Set(true);
            row.updated_at = Set(Utc::now());
            row.update(txn).await?;
            revoke_all_for_user(txn, target_id).await?;
            lockout::clear_account(txn, &username_key).await
        })
    })
    .await?;
    record(db, find(db, user_id).await?).await
}
