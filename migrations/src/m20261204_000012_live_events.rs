//! Live updates: each change that WebSocket clients hear of is written here in the same
//! transaction as the change, so only committed changes are announced. Every server process
//! reads the rows after those it has announced and passes them on to its connected clients;
//! with PostgreSQL a `NOTIFY` sent in that transaction wakes every process at commit. Rows are
//! kept only for a few minutes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LiveEvents::Table)
                    .col(pk_auto(LiveEvents::Id))
                    .col(string(LiveEvents::Kind))
                    .col(integer_null(LiveEvents::ResourceId))
                    .col(integer_null(LiveEvents::SubjectId))
                    .col(text(LiveEvents::Payload))
                    .col(timestamp_with_time_zone(LiveEvents::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("live_events_created")
                    .table(LiveEvents::Table)
                    .col(LiveEvents::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LiveEvents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum LiveEvents {
    Table,
    Id,
    Kind,
    ResourceId,
    SubjectId,
    Payload,
    CreatedAt,
}
