//! The catalog and its availability rules: resource types, tags, a group tree, per-resource
//! details (type, group, capacity, time zone, attributes, approval), booking rules at three
//! levels (global, group, resource), business hours, blackout dates, exceptions, and the
//! reservations table with the index that makes availability queries fast.
//!
//! Rules, hours, blackouts and exceptions belong to a resource (`resource_id`), to a group
//! (`group_id`) or, with both empty, to the whole installation.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The statuses that hold a slot. The partial index below and the availability queries name
/// the same list, so the planner can use the index.
const BLOCKING_STATUSES_SQL: &str = "('active', 'pending_approval', 'held')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ResourceTypes::Table)
                    .col(pk_auto(ResourceTypes::Id))
                    .col(string_uniq(ResourceTypes::Name))
                    .col(string(ResourceTypes::Color))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Column-level REFERENCES is the one way to add a foreign key to an existing table
        // that SQLite and PostgreSQL both accept, with the same text.
        for statement in [
            "ALTER TABLE resources ADD COLUMN resource_type_id INTEGER REFERENCES resource_types (id) ON DELETE SET NULL",
            "ALTER TABLE resources ADD COLUMN group_id INTEGER REFERENCES groups (id) ON DELETE SET NULL",
            "ALTER TABLE resources ADD COLUMN capacity INTEGER",
            "ALTER TABLE resources ADD COLUMN timezone VARCHAR(64) NOT NULL DEFAULT 'UTC'",
            "ALTER TABLE resources ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE resources ADD COLUMN requires_approval BOOLEAN NOT NULL DEFAULT FALSE",
            "ALTER TABLE groups ADD COLUMN parent_id INTEGER REFERENCES groups (id) ON DELETE SET NULL",
            "CREATE INDEX resources_group ON resources (group_id)",
            "CREATE INDEX resources_type ON resources (resource_type_id)",
            "CREATE INDEX groups_parent ON groups (parent_id)",
        ] {
            db.execute_unprepared(statement).await?;
        }
        // The kinds of resource seed 002 names, so a new installation can start at once.
        let mut seed = Query::insert()
            .into_table(ResourceTypes::Table)
            .columns([ResourceTypes::Name, ResourceTypes::Color])
            .to_owned();
        for (name, color) in [
            ("Room", "#2563eb"),
            ("Desk", "#059669"),
            ("Equipment", "#d97706"),
            ("Vehicle", "#7c3aed"),
            ("Person", "#db2777"),
        ] {
            seed.values_panic([name.into(), color.into()]);
        }
        manager.exec_stmt(seed).await?;

        manager
            .create_table(
                Table::create()
                    .table(Tags::Table)
                    .col(pk_auto(Tags::Id))
                    .col(string_uniq(Tags::Name))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResourceTags::Table)
                    .col(integer(ResourceTags::ResourceId))
                    .col(integer(ResourceTags::TagId))
                    .primary_key(
                        Index::create()
                            .col(ResourceTags::ResourceId)
                            .col(ResourceTags::TagId),
                    )
                    .foreign_key(&mut cascade(
                        ResourceTags::Table,
                        ResourceTags::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ResourceTags::Table, ResourceTags::TagId)
                            .to(Tags::Table, Tags::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("resource_tags_tag")
                    .table(ResourceTags::Table)
                    .col(ResourceTags::TagId)
                    .col(ResourceTags::ResourceId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResourceApprovers::Table)
                    .col(integer(ResourceApprovers::ResourceId))
                    .col(integer(ResourceApprovers::UserId))
                    .primary_key(
                        Index::create()
                            .col(ResourceApprovers::ResourceId)
                            .col(ResourceApprovers::UserId),
                    )
                    .foreign_key(&mut cascade(
                        ResourceApprovers::Table,
                        ResourceApprovers::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ResourceApprovers::Table, ResourceApprovers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Booking limits; an empty column inherits from the next level up.
        manager
            .create_table(
                Table::create()
                    .table(BookingRules::Table)
                    .col(pk_auto(BookingRules::Id))
                    // "global", "group:<id>" or "resource:<id>": one row per level.
                    .col(string_uniq(BookingRules::Scope))
                    .col(integer_null(BookingRules::ResourceId))
                    .col(integer_null(BookingRules::GroupId))
                    .col(integer_null(BookingRules::MinDurationMinutes))
                    .col(integer_null(BookingRules::MaxDurationMinutes))
                    .col(integer_null(BookingRules::BufferBeforeMinutes))
                    .col(integer_null(BookingRules::BufferAfterMinutes))
                    .col(integer_null(BookingRules::MinNoticeMinutes))
                    .col(integer_null(BookingRules::HorizonDays))
                    .col(integer_null(BookingRules::GranularityMinutes))
                    .foreign_key(&mut cascade(
                        BookingRules::Table,
                        BookingRules::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(&mut group_cascade(
                        BookingRules::Table,
                        BookingRules::GroupId,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BusinessHours::Table)
                    .col(pk_auto(BusinessHours::Id))
                    .col(integer_null(BusinessHours::ResourceId))
                    .col(integer_null(BusinessHours::GroupId))
                    .col(small_integer(BusinessHours::DayOfWeek))
                    .col(small_integer(BusinessHours::OpenMinute))
                    .col(small_integer(BusinessHours::CloseMinute))
                    .foreign_key(&mut cascade(
                        BusinessHours::Table,
                        BusinessHours::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(&mut group_cascade(
                        BusinessHours::Table,
                        BusinessHours::GroupId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BlackoutDates::Table)
                    .col(pk_auto(BlackoutDates::Id))
                    .col(integer_null(BlackoutDates::ResourceId))
                    .col(integer_null(BlackoutDates::GroupId))
                    .col(date(BlackoutDates::Date))
                    .col(string(BlackoutDates::Reason).default(""))
                    .foreign_key(&mut cascade(
                        BlackoutDates::Table,
                        BlackoutDates::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(&mut group_cascade(
                        BlackoutDates::Table,
                        BlackoutDates::GroupId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Closures::Table)
                    .col(pk_auto(Closures::Id))
                    .col(integer_null(Closures::ResourceId))
                    .col(integer_null(Closures::GroupId))
                    .col(timestamp_with_time_zone(Closures::StartTime))
                    .col(timestamp_with_time_zone(Closures::EndTime))
                    .col(string(Closures::Reason).default(""))
                    .foreign_key(&mut cascade(
                        Closures::Table,
                        Closures::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(&mut group_cascade(Closures::Table, Closures::GroupId))
                    .to_owned(),
            )
            .await?;
        for (table, name) in [
            (BusinessHours::Table.into_iden(), "business_hours"),
            (BlackoutDates::Table.into_iden(), "blackout_dates"),
            (Closures::Table.into_iden(), "closures"),
        ] {
            for column in ["resource_id", "group_id"] {
                manager
                    .create_index(
                        Index::create()
                            .name(format!("{name}_{column}"))
                            .table(table.clone())
                            .col(Alias::new(column))
                            .to_owned(),
                    )
                    .await?;
            }
        }

        manager
            .create_table(
                Table::create()
                    .table(Reservations::Table)
                    .col(pk_auto(Reservations::Id))
                    .col(integer(Reservations::ResourceId))
                    .col(integer(Reservations::UserId))
                    .col(timestamp_with_time_zone(Reservations::StartTime))
                    .col(timestamp_with_time_zone(Reservations::EndTime))
                    // The span the booking keeps the resource busy: its times plus the buffers
                    // in force when it was made. Overlap is judged on these.
                    .col(timestamp_with_time_zone(Reservations::BlockStart))
                    .col(timestamp_with_time_zone(Reservations::BlockEnd))
                    .col(string(Reservations::Status))
                    .col(string(Reservations::Title).default(""))
                    .col(text(Reservations::Notes).default(""))
                    .col(timestamp_with_time_zone(Reservations::CreatedAt))
                    .col(timestamp_with_time_zone(Reservations::UpdatedAt))
                    .foreign_key(&mut cascade(
                        Reservations::Table,
                        Reservations::ResourceId,
                        Resources::Table,
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reservations::Table, Reservations::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // "What blocks resource R between A and B" reads only this index: rows of R whose
        // blocked span ends after A, in order, stopping at those that start after B.
        db.execute_unprepared(&format!(
            "CREATE INDEX reservations_blocking ON reservations \
             (resource_id, block_end, block_start, start_time, end_time) \
             WHERE status IN {BLOCKING_STATUSES_SQL}"
        ))
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("reservations_user_start")
                    .table(Reservations::Table)
                    .col(Reservations::UserId)
                    .col(Reservations::StartTime)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Reservations::Table.into_iden(),
            Closures::Table.into_iden(),
            BlackoutDates::Table.into_iden(),
            BusinessHours::Table.into_iden(),
            BookingRules::Table.into_iden(),
            ResourceApprovers::Table.into_iden(),
            ResourceTags::Table.into_iden(),
            Tags::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        let db = manager.get_connection();
        for statement in [
            "DROP INDEX resources_group",
            "DROP INDEX resources_type",
            "DROP INDEX groups_parent",
            "ALTER TABLE groups DROP COLUMN parent_id",
            "ALTER TABLE resources DROP COLUMN requires_approval",
            "ALTER TABLE resources DROP COLUMN attributes",
            "ALTER TABLE resources DROP COLUMN timezone",
            "ALTER TABLE resources DROP COLUMN capacity",
            "ALTER TABLE resources DROP COLUMN group_id",
            "ALTER TABLE resources DROP COLUMN resource_type_id",
        ] {
            db.execute_unprepared(statement).await?;
        }
        manager
            .drop_table(Table::drop().table(ResourceTypes::Table).to_owned())
            .await
    }
}

fn cascade(
    from: impl IntoIden,
    column: impl IntoIden,
    to: impl IntoIden,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from, column)
        .to(to, Alias::new("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn group_cascade(from: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    cascade(from, column, Alias::new("groups"))
}

#[derive(DeriveIden)]
enum Resources {
    Table,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ResourceTypes {
    Table,
    Id,
    Name,
    Color,
}

#[derive(DeriveIden)]
enum Tags {
    Table,
    Id,
    Name,
}

#[derive(DeriveIden)]
enum ResourceTags {
    Table,
    ResourceId,
    TagId,
}

#[derive(DeriveIden)]
enum ResourceApprovers {
    Table,
    ResourceId,
    UserId,
}

#[derive(DeriveIden)]
enum BookingRules {
    Table,
    Id,
    Scope,
    ResourceId,
    GroupId,
    MinDurationMinutes,
    MaxDurationMinutes,
    BufferBeforeMinutes,
    BufferAfterMinutes,
    MinNoticeMinutes,
    HorizonDays,
    GranularityMinutes,
}

#[derive(DeriveIden)]
enum BusinessHours {
    Table,
    Id,
    ResourceId,
    GroupId,
    DayOfWeek,
    OpenMinute,
    CloseMinute,
}

#[derive(DeriveIden)]
enum BlackoutDates {
    Table,
    Id,
    ResourceId,
    GroupId,
    Date,
    Reason,
}

#[derive(DeriveIden)]
enum Closures {
    Table,
    Id,
    ResourceId,
    GroupId,
    StartTime,
    EndTime,
    Reason,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    Id,
    ResourceId,
    UserId,
    StartTime,
    EndTime,
    BlockStart,
    BlockEnd,
    Status,
    Title,
    Notes,
    CreatedAt,
    UpdatedAt,
}
