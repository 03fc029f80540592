//! The directory admins manage (users, roles, groups) as clients see it. Shared by the REST
//! API (`/api/v1/users`, `/roles`, `/groups`, `/permissions`), the server functions and the
//! admin pages.

pub mod server_fns;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A group as other records refer to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRef {
    pub id: i64,
    pub name: String,
}

/// A user as admins see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub display_name: String,
    pub roles: Vec<String>,
    pub groups: Vec<GroupRef>,
    pub is_active: bool,
    pub must_change_password: bool,
    pub mfa_enabled: bool,
    pub timezone: String,
    pub locale: String,
    pub created_at: DateTime<Utc>,
}

fn default_new_user_roles() -> Vec<String> {
    vec!["user".to_owned()]
}

fn yes() -> bool {
    true
}

/// `POST /api/v1/users`: an account made by an admin. Unless told otherwise, the person must
/// choose their own password at first sign-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default = "default_new_user_roles")]
    pub roles: Vec<String>,
    #[serde(default, deserialize_with = "crate::resources::null_as_default")]
    pub groups: Vec<i64>,
    #[serde(default = "yes")]
    pub must_change_password: bool,
}

/// `PATCH /api/v1/users/{id}`: absent fields stay as they are. `is_active`, `roles` and
/// `groups` need the right to manage every user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserUpdate {
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub timezone: Option<String>,
    pub locale: Option<String>,
    pub is_active: Option<bool>,
    pub roles: Option<Vec<String>>,
    pub groups: Option<Vec<i64>>,
}

/// A role and the permissions it grants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleRecord {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Built-in roles cannot be renamed or deleted, and `admin` always holds everything.
    pub is_builtin: bool,
    /// `<model>:<action>:<scope>`, sorted.
    pub permissions: Vec<String>,
    pub user_count: u64,
}

/// `POST /api/v1/roles`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewRole {
    pub name: String,
    #[serde(default, deserialize_with = "crate::resources::null_as_default")]
    pub description: String,
    #[serde(default, deserialize_with = "crate::resources::null_as_default")]
    pub permissions: Vec<String>,
}

/// `PUT`/`PATCH /api/v1/roles/{id}`: absent fields stay as they are; `permissions` replaces
/// the whole set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RoleUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub permissions: Option<Vec<String>>,
}

/// A user as a group lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    pub id: i64,
    pub username: String,
}

/// A group of users, with its members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRecord {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// The group this one sits in: groups form a tree (building → floor → room).
    pub parent_id: Option<i64>,
    pub members: Vec<MemberRef>,
}

/// `POST /api/v1/groups`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewGroup {
    pub name: String,
    #[serde(default, deserialize_with = "crate::resources::null_as_default")]
    pub description: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
}

/// `PATCH /api/v1/groups/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    /// `null` makes the group a top-level one.
    #[serde(default, deserialize_with = "crate::resources::nullable")]
    pub parent_id: Option<Option<i64>>,
}
