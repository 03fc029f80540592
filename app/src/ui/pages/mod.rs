//! One file per page.

mod admin_catalog;
mod admin_groups;
mod admin_roles;
mod admin_rules;
mod admin_users;
mod approvals;
mod csv_import;
mod home;
mod login;
mod not_found;
mod profile;
mod register;
mod reservations;
mod resources;
mod sessions;
mod setup;
mod timeline;
mod waitlist;

pub use admin_catalog::{AdminResourcePage, AdminResourcesPage, AdminTypesPage};
pub use admin_groups::AdminGroupsPage;
pub use admin_roles::{AdminRolePage, AdminRolesPage};
pub use admin_rules::{AdminGroupRulesPage, AdminRulesPage};
pub use admin_users::{AdminUserPage, AdminUsersPage};
pub use approvals::ApprovalsPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use profile::ProfilePage;
pub use register::RegisterPage;
pub use reservations::ReservationsPage;
pub use resources::{ResourcePage, ResourcesPage};
pub use sessions::AdminSessionsPage;
pub use setup::SetupPage;
pub use timeline::TimelinePage;
pub use waitlist::WaitlistPage;
