//! Version numbers for the read-mostly tables that servers keep in memory: who holds which
//! role, permission and group (`access`), and the resources with their groups, rules and
//! quotas (`catalog`). Triggers bump a scope's number whenever one of its tables changes,
//! whoever writes it (the service, the CLI, an import, another server process, a person at
//! the SQL prompt), so a server reads one number to know whether its copy is still good.
//!
//! The numbers start at random values, so two databases one process talks to (as tests do)
//! never show the same number for different contents.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each scope and the tables whose changes it follows.
const SCOPES: [(&str, &[&str]); 2] = [
    (
        "access",
        &["roles", "role_permissions", "user_roles", "user_groups"],
    ),
    (
        "catalog",
        &[
            "resources",
            "groups",
            "booking_rules",
            "business_hours",
            "blackout_dates",
            "closures",
            "quotas",
        ],
    ),
];

const OPERATIONS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let random = if postgres {
            "floor(random() * 1e15)::bigint"
        } else {
            "abs(random() % 1000000000000000)"
        };
        let mut statements = vec![
            "CREATE TABLE cache_versions (scope VARCHAR NOT NULL PRIMARY KEY, version BIGINT NOT NULL)"
                .to_owned(),
        ];
        for (scope, _) in SCOPES {
            statements.push(format!(
                "INSERT INTO cache_versions (scope, version) VALUES ('{scope}', {random})"
            ));
        }
        if postgres {
            statements.push(
                "CREATE FUNCTION bump_cache_version() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN UPDATE cache_versions SET version = version + 1 WHERE scope = TG_ARGV[0]; \
                 RETURN NULL; END $$"
                    .to_owned(),
            );
        }
        for (scope, tables) in SCOPES {
            for table in tables {
                if postgres {
                    statements.push(format!(
                        "CREATE TRIGGER {table}_bumps_{scope} \
                         AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} \
                         FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_version('{scope}')"
                    ));
                } else {
                    for operation in OPERATIONS {
                        statements.push(format!(
                            "CREATE TRIGGER {table}_{}_bumps_{scope} AFTER {operation} ON {table} \
                             BEGIN UPDATE cache_versions SET version = version + 1 \
                             WHERE scope = '{scope}'; END",
                            operation.to_lowercase()
                        ));
                    }
                }
            }
        }
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        let mut statements = Vec::new();
        for (scope, tables) in SCOPES {
            for table in tables {
                if postgres {
                    statements.push(format!("DROP TRIGGER {table}_bumps_{scope} ON {table}"));
                } else {
                    for operation in OPERATIONS {
                        statements.push(format!(
                            "DROP TRIGGER {table}_{}_bumps_{scope}",
                            operation.to_lowercase()
                        ));
                    }
                }
            }
        }
        if postgres {
            statements.push("DROP FUNCTION bump_cache_version()".to_owned());
        }
        statements.push("DROP TABLE cache_versions".to_owned());
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }
}
