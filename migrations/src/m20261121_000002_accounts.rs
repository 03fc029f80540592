//! Accounts and access control: users, roles with their permissions, groups, browser sessions,
//! API tokens, failed-login records and MFA backup codes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string(Users::Username))
                    // Lower-cased username: uniqueness ignores case ("Alice" and "alice" clash).
                    .col(string_uniq(Users::UsernameKey))
                    .col(string_null(Users::Email))
                    .col(string(Users::DisplayName).default(""))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::Timezone).default("UTC"))
                    .col(string(Users::Locale).default("en"))
                    .col(boolean(Users::IsActive).default(true))
                    .col(boolean(Users::MustChangePassword).default(false))
                    .col(boolean(Users::EmailNotifications).default(true))
                    .col(integer(Users::ReminderMinutes).default(15))
                    .col(string_null(Users::MfaSecret))
                    .col(boolean(Users::MfaEnabled).default(false))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        // Installation-wide facts. The `setup_completed` row makes first-run set-up happen once,
        // even when two requests race for it: the second insert hits the primary key.
        manager
            .create_table(
                Table::create()
                    .table(AppSettings::Table)
                    .col(string(AppSettings::Key).primary_key())
                    .col(text(AppSettings::Value))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Roles::Table)
                    .col(pk_auto(Roles::Id))
                    .col(string_uniq(Roles::Name))
                    .col(string(Roles::Description).default(""))
                    .col(boolean(Roles::IsBuiltin).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RolePermissions::Table)
                    .col(integer(RolePermissions::RoleId))
                    .col(string(RolePermissions::Permission))
                    .primary_key(
                        Index::create()
                            .col(RolePermissions::RoleId)
                            .col(RolePermissions::Permission),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RolePermissions::Table, RolePermissions::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserRoles::Table)
                    .col(integer(UserRoles::UserId))
                    .col(integer(UserRoles::RoleId))
                    .primary_key(
                        Index::create()
                            .col(UserRoles::UserId)
                            .col(UserRoles::RoleId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserRoles::Table, UserRoles::RoleId)
                            .to(Roles::Table, Roles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Groups::Table)
                    .col(pk_auto(Groups::Id))
                    .col(string_uniq(Groups::Name))
                    .col(string(Groups::Description).default(""))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserGroups::Table)
                    .col(integer(UserGroups::UserId))
                    .col(integer(UserGroups::GroupId))
                    .primary_key(
                        Index::create()
                            .col(UserGroups::UserId)
                            .col(UserGroups::GroupId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserGroups::Table, UserGroups::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserGroups::Table, UserGroups::GroupId)
                            .to(Groups::Table, Groups::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Browser sessions and API tokens share one table: each row is a secret whose SHA-256
        // is stored, so every kind can be listed and revoked the same way.
        manager
            .create_table(
                Table::create()
                    .table(Credentials::Table)
                    .col(pk_auto(Credentials::Id))
                    .col(integer(Credentials::UserId))
                    .col(string(Credentials::Kind))
                    .col(string_uniq(Credentials::SecretHash))
                    .col(string_null(Credentials::FamilyId))
                    .col(string(Credentials::Name).default(""))
                    .col(string(Credentials::UserAgent).default(""))
                    .col(string(Credentials::ClientAddress).default(""))
                    .col(timestamp_with_time_zone(Credentials::CreatedAt))
                    .col(timestamp_with_time_zone(Credentials::LastUsedAt))
                    .col(timestamp_with_time_zone(Credentials::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Credentials::SpentAt))
                    .col(timestamp_with_time_zone_null(Credentials::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Credentials::Table, Credentials::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_user_kind")
                    .table(Credentials::Table)
                    .col(Credentials::UserId)
                    .col(Credentials::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_family")
                    .table(Credentials::Table)
                    .col(Credentials::FamilyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginFailures::Table)
                    .col(pk_auto(LoginFailures::Id))
                    .col(string(LoginFailures::Key))
                    .col(timestamp_with_time_zone(LoginFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failures_key_time")
                    .table(LoginFailures::Table)
                    .col(LoginFailures::Key)
                    .col(LoginFailures::FailedAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MfaBackupCodes::Table)
                    .col(pk_auto(MfaBackupCodes::Id))
                    .col(integer(MfaBackupCodes::UserId))
                    .col(string(MfaBackupCodes::CodeHash))
                    .col(timestamp_with_time_zone_null(MfaBackupCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MfaBackupCodes::Table, MfaBackupCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MfaBackupCodes::Table.into_iden(),
            LoginFailures::Table.into_iden(),
            Credentials::Table.into_iden(),
            UserGroups::Table.into_iden(),
            Groups::Table.into_iden(),
            UserRoles::Table.into_iden(),
            RolePermissions::Table.into_iden(),
            Roles::Table.into_iden(),
            Users::Table.into_iden(),
            AppSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    UsernameKey,
    Email,
    DisplayName,
    PasswordHash,
    Timezone,
    Locale,
    IsActive,
    MustChangePassword,
    EmailNotifications,
    ReminderMinutes,
    MfaSecret,
    MfaEnabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AppSettings {
    Table,
    Key,
    Value,
}

#[derive(DeriveIden)]
enum Roles {
    Table,
    Id,
    Name,
    Description,
    IsBuiltin,
}

#[derive(DeriveIden)]
enum RolePermissions {
    Table,
    RoleId,
    Permission,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    UserId,
    RoleId,
}

#[derive(DeriveIden)]
enum Groups {
    Table,
    Id,
    Name,
    Description,
}

#[derive(DeriveIden)]
enum UserGroups {
    Table,
    UserId,
    GroupId,
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    UserId,
    Kind,
    SecretHash,
    FamilyId,
    Name,
    UserAgent,
    ClientAddress,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    SpentAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginFailures {
    Table,
    Id,
    Key,
    FailedAt,
}

#[derive(DeriveIden)]
enum MfaBackupCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}
