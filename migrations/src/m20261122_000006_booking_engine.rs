//! The booking engine: the database's own guarantee that no two blocking reservations of one
//! resource overlap, recurring series, the history of every reservation, idempotent creates,
//! quotas and the waitlist.
//!
//! The guarantee is engine-specific by nature:
//! - PostgreSQL: an exclusion constraint (`btree_gist`) on `[block_start, block_end)` per
//!   resource, for the blocking statuses only.
//! - SQLite: triggers that refuse an insert or update making a blocking row overlap another.
//!   The service also writes in `BEGIN IMMEDIATE` transactions and re-checks inside them; the
//!   triggers are the last line of defence against any other writer.

use sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statuses that hold a slot, as in the partial index `reservations_blocking`.
const BLOCKING: &str = "('active', 'pending_approval', 'held')";

/// The message the SQLite triggers abort with; the service recognises it.
const SQLITE_OVERLAP: &str = "reservation_overlap";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;

        manager
            .create_table(
                Table::create()
                    .table(ReservationSeries::Table)
                    .col(pk_auto(ReservationSeries::Id))
                    .col(integer(ReservationSeries::ResourceId))
                    .col(integer(ReservationSeries::UserId))
                    .col(string(ReservationSeries::Rrule))
                    .col(string(ReservationSeries::Timezone))
                    .col(timestamp_with_time_zone(ReservationSeries::CreatedAt))
                    .foreign_key(&mut cascade(
                        ReservationSeries::Table,
                        ReservationSeries::ResourceId,
                        "resources",
                    ))
                    .foreign_key(&mut cascade(
                        ReservationSeries::Table,
                        ReservationSeries::UserId,
                        "users",
                    ))
                    .to_owned(),
            )
            .await?;
        for statement in [
            "ALTER TABLE reservations ADD COLUMN series_id INTEGER REFERENCES reservation_series (id) ON DELETE SET NULL",
            "ALTER TABLE reservations ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE",
            "CREATE INDEX reservations_series ON reservations (series_id, start_time)",
        ] {
            db.execute_unprepared(statement).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(ReservationEvents::Table)
                    .col(pk_auto(ReservationEvents::Id))
                    .col(integer(ReservationEvents::ReservationId))
                    .col(integer_null(ReservationEvents::ActorId))
                    .col(string(ReservationEvents::Action))
                    .col(string_null(ReservationEvents::FromStatus))
                    .col(string(ReservationEvents::ToStatus))
                    .col(timestamp_with_time_zone(ReservationEvents::StartTime))
                    .col(timestamp_with_time_zone(ReservationEvents::EndTime))
                    .col(text(ReservationEvents::Reason).default(""))
                    .col(timestamp_with_time_zone(ReservationEvents::At))
                    .foreign_key(&mut cascade(
                        ReservationEvents::Table,
                        ReservationEvents::ReservationId,
                        "reservations",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ReservationEvents::Table, ReservationEvents::ActorId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("reservation_events_reservation")
                    .table(ReservationEvents::Table)
                    .col(ReservationEvents::ReservationId)
                    .col(ReservationEvents::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(pk_auto(IdempotencyKeys::Id))
                    .col(integer(IdempotencyKeys::UserId))
                    .col(string(IdempotencyKeys::Key))
                    .col(string(IdempotencyKeys::Fingerprint))
                    .col(integer(IdempotencyKeys::StatusCode))
                    .col(text(IdempotencyKeys::Body))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .foreign_key(&mut cascade(
                        IdempotencyKeys::Table,
                        IdempotencyKeys::UserId,
                        "users",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idempotency_keys_user_key")
                    .table(IdempotencyKeys::Table)
                    .col(IdempotencyKeys::UserId)
                    .col(IdempotencyKeys::Key)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // A quota applies to everyone holding a role, or to every member of a group (and of
        // its sub-groups); each that applies must hold.
        manager
            .create_table(
                Table::create()
                    .table(Quotas::Table)
                    .col(pk_auto(Quotas::Id))
                    .col(integer_null(Quotas::RoleId))
                    .col(integer_null(Quotas::GroupId))
                    .col(string(Quotas::Period))
                    .col(integer_null(Quotas::MaxReservations))
                    .col(integer_null(Quotas::MaxMinutes))
                    .foreign_key(&mut cascade(Quotas::Table, Quotas::RoleId, "roles"))
                    .foreign_key(&mut cascade(Quotas::Table, Quotas::GroupId, "groups"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WaitlistEntries::Table)
                    .col(pk_auto(WaitlistEntries::Id))
                    .col(integer(WaitlistEntries::ResourceId))
                    .col(integer(WaitlistEntries::UserId))
                    .col(timestamp_with_time_zone(WaitlistEntries::DesiredStart))
                    .col(timestamp_with_time_zone(WaitlistEntries::DesiredEnd))
                    .col(integer_null(WaitlistEntries::FlexibleHours))
                    .col(string(WaitlistEntries::Status))
                    .col(integer_null(WaitlistEntries::ReservationId))
                    .col(timestamp_with_time_zone_null(
                        WaitlistEntries::OfferExpiresAt,
                    ))
                    .col(timestamp_with_time_zone(WaitlistEntries::CreatedAt))
                    .col(timestamp_with_time_zone(WaitlistEntries::UpdatedAt))
                    .foreign_key(&mut cascade(
                        WaitlistEntries::Table,
                        WaitlistEntries::ResourceId,
                        "resources",
                    ))
                    .foreign_key(&mut cascade(
                        WaitlistEntries::Table,
                        WaitlistEntries::UserId,
                        "users",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WaitlistEntries::Table, WaitlistEntries::ReservationId)
                            .to(Alias::new("reservations"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for statement in [
            "CREATE INDEX waitlist_entries_queue ON waitlist_entries (resource_id, status, id)",
            "CREATE INDEX waitlist_entries_user ON waitlist_entries (user_id, id)",
            "CREATE INDEX waitlist_entries_offers ON waitlist_entries (status, offer_expires_at)",
        ] {
            db.execute_unprepared(statement).await?;
        }

        let guards: Vec<String> = if postgres {
            vec![
                "CREATE EXTENSION IF NOT EXISTS btree_gist".to_owned(),
                format!(
                    "ALTER TABLE reservations ADD CONSTRAINT reservations_no_overlap \
                     EXCLUDE USING gist (resource_id WITH =, tstzrange(block_start, block_end, '[)') WITH &&) \
                     WHERE (status IN {BLOCKING})"
                ),
            ]
        } else {
            let overlapping = |exclude_self: &str| {
                format!(
                    "SELECT RAISE(ABORT, '{SQLITE_OVERLAP}') WHERE EXISTS (\
                     SELECT 1 FROM reservations r WHERE r.resource_id = NEW.resource_id \
                     AND r.status IN {BLOCKING} {exclude_self}\
                     AND r.block_end > NEW.block_start AND r.block_start < NEW.block_end)"
                )
            };
            vec![
                format!(
                    "CREATE TRIGGER reservations_no_overlap_insert BEFORE INSERT ON reservations \
                     WHEN NEW.status IN {BLOCKING} BEGIN {}; END",
                    overlapping("")
                ),
                format!(
                    "CREATE TRIGGER reservations_no_overlap_update \
                     BEFORE UPDATE OF resource_id, block_start, block_end, status ON reservations \
                     WHEN NEW.status IN {BLOCKING} BEGIN {}; END",
                    overlapping("AND r.id <> NEW.id ")
                ),
            ]
        };
        for statement in guards {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let guards: &[&str] = if postgres {
            &["ALTER TABLE reservations DROP CONSTRAINT reservations_no_overlap"]
        } else {
            &[
                "DROP TRIGGER reservations_no_overlap_insert",
                "DROP TRIGGER reservations_no_overlap_update",
            ]
        };
        for statement in guards {
            db.execute_unprepared(statement).await?;
        }
        for table in [
            WaitlistEntries::Table.into_iden(),
            Quotas::Table.into_iden(),
            IdempotencyKeys::Table.into_iden(),
            ReservationEvents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for statement in [
            "DROP INDEX reservations_series",
            "ALTER TABLE reservations DROP COLUMN cancelled_at",
            "ALTER TABLE reservations DROP COLUMN series_id",
        ] {
            db.execute_unprepared(statement).await?;
        }
        manager
            .drop_table(Table::drop().table(ReservationSeries::Table).to_owned())
            .await
    }
}

fn cascade(from: impl IntoIden, column: impl IntoIden, to: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(Alias::new(to), Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[derive(DeriveIden)]
enum ReservationSeries {
    Table,
    Id,
    ResourceId,
    UserId,
    Rrule,
    Timezone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ReservationEvents {
    Table,
    Id,
    ReservationId,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    StartTime,
    EndTime,
    Reason,
    At,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Id,
    UserId,
    Key,
    Fingerprint,
    StatusCode,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Quotas {
    Table,
    Id,
    RoleId,
    GroupId,
    Period,
    MaxReservations,
    MaxMinutes,
}

#[derive(DeriveIden)]
enum WaitlistEntries {
    Table,
    Id,
    ResourceId,
    UserId,
    DesiredStart,
    DesiredEnd,
    FlexibleHours,
    Status,
    ReservationId,
    OfferExpiresAt,
    CreatedAt,
    UpdatedAt,
}
