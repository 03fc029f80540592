//! Who is calling and what they may do. Every service that acts for someone takes a
//! `Principal` and asks it; the REST handlers and server functions never decide access.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::ServiceError;
use super::cache::{Cache, Versions};
use super::credentials::CredentialKind;
use crate::domain::permissions::{Action, Grants, Model, Permission, RecordOwnership};
use crate::persistence::entities::{role, role_permission, user_group, user_role};

/// An authenticated caller, with the credential that proved it.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: i32,
    pub username: String,
    pub roles: Vec<String>,
    pub grants: Grants,
    pub credential_id: i32,
    pub credential_kind: CredentialKind,
    pub family_id: Option<String>,
}

impl Principal {
    /// Refuses unless some scope of `model:action` is granted.
    pub fn require(&self, model: Model, action: Action) -> Result<(), ServiceError> {
        if self.grants.may(model, action) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden)
        }
    }

    /// Refuses unless `model:action` reaches this record. A record the caller may not even
    /// read is reported as missing, so its existence does not leak.
    pub fn require_on(
        &self,
        model: Model,
        action: Action,
        record: &RecordOwnership,
    ) -> Result<(), ServiceError> {
        if self.grants.may_on(model, action, record) {
            Ok(())
        } else if self.grants.may_on(model, Action::Read, record) {
            Err(ServiceError::Forbidden)
        } else {
            Err(ServiceError::NotFound)
        }
    }

    pub fn is(&self, model: Model, action: Action) -> bool {
        self.grants.may(model, action)
    }
}

/// Role names and grants per user, kept while the `access` version holds.
static GRANTS: Cache<i32, i64, (Vec<String>, Grants)> = Cache::new(10_000);

/// The role names and combined grants of a user.
pub async fn load_grants(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(Vec<String>, Grants), ServiceError> {
    let version = Versions::read(db).await?.access;
    GRANTS
        .get_or_load(user_id, version, read_grants(db, user_id))
        .await
}

async fn read_grants(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<(Vec<String>, Grants), ServiceError> {
    let role_ids: Vec<i32> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.role_id)
        .collect();
    let mut roles: Vec<String> = role::Entity::find()
        .filter(role::Column::Id.is_in(role_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.name)
        .collect();
    roles.sort();
    let permissions: BTreeSet<Permission> = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(role_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| match row.permission.parse() {
            Ok(permission) => Some(permission),
            Err(error) => {
                tracing::warn!(%error, "ignoring a stored permission that does not parse");
                None
            }
        })
        .collect();
    let group_ids = user_group::Entity::find()
        .filter(user_group::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|row| i64::from(row.group_id))
        .collect();
    Ok((
        roles,
        Grants {
            user_id: user_id.into(),
            permissions,
            group_ids,
        },
    ))
}
