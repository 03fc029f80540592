//! sea-orm entities, one file per table. Joins are written as explicit queries in the
//! services, so the entities carry no relation boilerplate.

pub mod app_setting;
pub mod credential;
pub mod group;
pub mod login_failure;
pub mod mfa_backup_code;
pub mod resource;
pub mod role;
pub mod role_permission;
pub mod user;
pub mod user_group;
pub mod user_role;
