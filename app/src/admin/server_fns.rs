//! The server functions the admin pages call; each is one service call. Lists ask for the
//! largest page: the admin screens show up to 200 rows and search narrows the rest.

use leptos::prelude::*;

use super::{GroupRecord, RoleRecord, UserRecord};
use crate::error::AppError;
use crate::pagination::Page;

#[cfg(feature = "ssr")]
fn largest_page() -> crate::pagination::PageRequest {
    crate::pagination::PageRequest {
        limit: crate::pagination::MAX_LIMIT,
        after: None,
    }
}

#[server(prefix = "/api/fn", endpoint = "admin_list_users")]
pub async fn list_users(search: String) -> Result<Page<UserRecord>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::users::list(&db, &principal, Some(&search), largest_page()).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_get_user")]
pub async fn get_user(id: i64) -> Result<UserRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::users::get(&db, &principal, id).await?)
    })
    .await
}

/// An account made by an admin; the person picks their own password at first sign-in.
#[server(prefix = "/api/fn", endpoint = "admin_create_user")]
pub async fn create_user(
    username: String,
    password: String,
    email: Option<String>,
    #[server(default)] roles: Vec<String>,
) -> Result<UserRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let new = super::NewUser {
            username,
            password,
            email,
            display_name: None,
            roles,
            groups: Vec::new(),
            must_change_password: true,
        };
        Ok(crate::services::users::create(&db, &principal, new).await?)
    })
    .await
}

/// Saves the user form. An unticked checkbox sends nothing, so `active` is present only when
/// ticked, and empty role and group lists mean "none".
#[server(prefix = "/api/fn", endpoint = "admin_update_user")]
#[allow(clippy::too_many_arguments)]
pub async fn update_user(
    id: i64,
    display_name: String,
    email: String,
    #[server(default)] active: Option<String>,
    #[server(default)] roles: Vec<String>,
    #[server(default)] groups: Vec<i64>,
) -> Result<UserRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let update = super::UserUpdate {
            display_name: Some(display_name),
            email: Some(email),
            is_active: Some(active.is_some()),
            roles: Some(roles),
            groups: Some(groups),
            ..Default::default()
        };
        Ok(crate::services::users::update(&db, &principal, id, update).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_reset_password")]
pub async fn reset_password(id: i64, temporary_password: String) -> Result<UserRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(
            crate::services::users::force_password_reset(&db, &principal, id, &temporary_password)
                .await?,
        )
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_list_roles")]
pub async fn list_roles() -> Result<Vec<RoleRecord>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(
            crate::services::roles::list(&db, &principal, largest_page())
                .await?
                .data,
        )
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_get_role")]
pub async fn get_role(id: i64) -> Result<RoleRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::roles::get(&db, &principal, id).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_create_role")]
pub async fn create_role(name: String, description: String) -> Result<RoleRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let new = super::NewRole {
            name,
            description,
            permissions: Vec::new(),
        };
        Ok(crate::services::roles::create(&db, &principal, new).await?)
    })
    .await
}

/// Saves the permission matrix: the ticked boxes are the role's whole set.
#[server(prefix = "/api/fn", endpoint = "admin_save_role")]
pub async fn save_role(
    id: i64,
    description: String,
    #[server(default)] permissions: Vec<String>,
) -> Result<RoleRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let update = super::RoleUpdate {
            name: None,
            description: Some(description),
            permissions: Some(permissions),
        };
        Ok(crate::services::roles::update(&db, &principal, id, update).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_role")]
pub async fn delete_role(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::roles::delete(&db, &principal, id).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_list_groups")]
pub async fn list_groups() -> Result<Vec<GroupRecord>, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(
            crate::services::groups::list(&db, &principal, largest_page())
                .await?
                .data,
        )
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_create_group")]
pub async fn create_group(
    name: String,
    description: String,
    #[server(default)] parent_id: String,
) -> Result<GroupRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let new = super::NewGroup {
            name,
            description,
            parent_id: crate::ui::forms::optional_number(&parent_id)?,
        };
        Ok(crate::services::groups::create(&db, &principal, new).await?)
    })
    .await
}

/// Moves a group under another (`parent_id` empty: to the top of the tree).
#[server(prefix = "/api/fn", endpoint = "admin_move_group")]
pub async fn move_group(
    id: i64,
    #[server(default)] parent_id: String,
) -> Result<GroupRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let update = super::GroupUpdate {
            parent_id: Some(crate::ui::forms::optional_number(&parent_id)?),
            ..Default::default()
        };
        Ok(crate::services::groups::update(&db, &principal, id, update).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_delete_group")]
pub async fn delete_group(id: i64) -> Result<(), AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::groups::delete(&db, &principal, id).await?)
    })
    .await
}

/// Adds the user with this username to the group.
#[server(prefix = "/api/fn", endpoint = "admin_add_member")]
pub async fn add_member(group_id: i64, username: String) -> Result<GroupRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        let user = crate::services::users::find_by_username(&db, &principal, &username).await?;
        Ok(crate::services::groups::set_member(&db, &principal, group_id, user.id, true).await?)
    })
    .await
}

#[server(prefix = "/api/fn", endpoint = "admin_remove_member")]
pub async fn remove_member(group_id: i64, user_id: i64) -> Result<GroupRecord, AppError> {
    crate::error::answer(async move {
        let (db, principal) = crate::services::caller().await?;
        Ok(crate::services::groups::set_member(&db, &principal, group_id, user_id, false).await?)
    })
    .await
}
