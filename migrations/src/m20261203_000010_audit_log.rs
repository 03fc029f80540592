//! The audit log: who did what to which record, and when. Rows are written in the same
//! transaction as the change they describe and are never changed afterwards. The actor is
//! kept as an id without a foreign key, so a line outlives the user and the record it names.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::EntityType))
                    .col(integer_null(AuditLog::EntityId))
                    .col(text(AuditLog::Details).default("{}"))
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            ("audit_log_at", vec![AuditLog::At]),
            ("audit_log_actor", vec![AuditLog::ActorId]),
            ("audit_log_action", vec![AuditLog::Action]),
            (
                "audit_log_entity",
                vec![AuditLog::EntityType, AuditLog::EntityId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuditLog::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    EntityType,
    EntityId,
    Details,
}
