//! Each person's notifications: what happened to their bookings (confirmed, approved,
//! rejected, moved, cancelled, offered from the waitlist) and, for approvers, what waits for
//! them. A row keeps the facts (kind, resource, times, reason); the words are chosen when the
//! row is read, in the reader's language.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(string(Notifications::Kind))
                    .col(integer_null(Notifications::ReservationId))
                    .col(integer_null(Notifications::ResourceId))
                    .col(string(Notifications::ResourceName))
                    .col(string(Notifications::Timezone))
                    .col(timestamp_with_time_zone(Notifications::StartTime))
                    .col(timestamp_with_time_zone(Notifications::EndTime))
                    .col(integer(Notifications::Occurrences).default(1))
                    .col(string(Notifications::Person).default(""))
                    .col(text(Notifications::Reason).default(""))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Alias::new("users"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::ReservationId)
                            .to(Alias::new("reservations"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::ResourceId)
                            .to(Alias::new("resources"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    ReservationId,
    ResourceId,
    ResourceName,
    Timezone,
    StartTime,
    EndTime,
    Occurrences,
    Person,
    Reason,
    CreatedAt,
    ReadAt,
}
