//! sea-orm entities, one file per table. Joins are written as explicit queries in the
//! services, so the entities carry no relation boilerplate.

pub mod app_setting;
pub mod audit_entry;
pub mod blackout_date;
pub mod booking_rule;
pub mod business_hour;
pub mod closure;
pub mod credential;
pub mod group;
pub mod idempotency_key;
pub mod live_event;
pub mod login_failure;
pub mod mfa_backup_code;
pub mod notification;
pub mod quota;
pub mod reservation;
pub mod reservation_event;
pub mod reservation_series;
pub mod reservation_span;
pub mod resource;
pub mod resource_approver;
pub mod resource_tag;
pub mod resource_type;
pub mod role;
pub mod role_permission;
pub mod tag;
pub mod user;
pub mod user_group;
pub mod user_role;
pub mod waitlist_entry;
pub mod webhook;
pub mod webhook_delivery;
