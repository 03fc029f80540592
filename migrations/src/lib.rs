//! Every schema change of Reserver, in order. Each migration runs on SQLite and PostgreSQL;
//! SQL that only one engine understands stays inside the migration that needs it.

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_resources;
mod m20261121_000002_accounts;
mod m20261121_000003_mfa_replay;
mod m20261122_000004_catalog;
mod m20261122_000005_reservation_spans;
mod m20261122_000006_booking_engine;
mod m20261122_000007_cache_versions;
mod m20261202_000008_calendar_feeds;
mod m20261203_000009_notifications;
mod m20261203_000010_audit_log;
mod m20261203_000011_webhooks;
mod m20261204_000012_live_events;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_resources::Migration),
            Box::new(m20261121_000002_accounts::Migration),
            Box::new(m20261121_000003_mfa_replay::Migration),
            Box::new(m20261122_000004_catalog::Migration),
            Box::new(m20261122_000005_reservation_spans::Migration),
            Box::new(m20261122_000006_booking_engine::Migration),
            Box::new(m20261122_000007_cache_versions::Migration),
            Box::new(m20261202_000008_calendar_feeds::Migration),
            Box::new(m20261203_000009_notifications::Migration),
            Box::new(m20261203_000010_audit_log::Migration),
            Box::new(m20261203_000011_webhooks::Migration),
            Box::new(m20261204_000012_live_events::Migration),
        ]
    }
}
