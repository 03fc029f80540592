//! Bounds the search for bookings that touch a window from both sides.
//!
//! A blocked span `[block_start, block_end)` touches window `[A, B)` when it starts before B
//! and ends after A. The index `reservations_blocking` leads with `block_end`, so the query
//! reads every booking of a resource that ends after A: all its future bookings. For one
//! resource that is few (the booking horizon bounds them); for a search across a thousand
//! resources it is most of the table. Knowing the longest span L among the resources, a span
//! that starts before B ends before B + L, which bounds `block_end` on both sides.
//!
//! `reservation_spans` keeps L per resource. The database maintains it with a trigger, so it
//! holds whatever writes reservations; it only grows, so it stays an upper bound when
//! bookings are cancelled or shortened.

use sea_orm::DbBackend;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A span in whole seconds, rounded up by a second: SQLite's `ceil` needs its optional math
/// functions, and an upper bound is what the bound needs.
const SQLITE_SPAN: &str =
    "CAST(round((julianday(NEW.block_end) - julianday(NEW.block_start)) * 86400) AS INTEGER) + 1";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == DbBackend::Postgres;
        db.execute_unprepared(
            "CREATE TABLE reservation_spans (\
             resource_id INTEGER PRIMARY KEY REFERENCES resources (id) ON DELETE CASCADE, \
             longest_seconds BIGINT NOT NULL)",
        )
        .await?;
        let mut statements: Vec<String> = Vec::new();
        if postgres {
            statements.push(
                "INSERT INTO reservation_spans (resource_id, longest_seconds) \
                 SELECT resource_id, CAST(ceil(max(EXTRACT(EPOCH FROM (block_end - block_start)))) AS BIGINT) \
                 FROM reservations GROUP BY resource_id"
                    .to_owned(),
            );
            // Rows are locked only when a span grows, so bookings of one resource do not
            // queue behind each other here.
            statements.push(
                "CREATE FUNCTION note_reservation_span() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 DECLARE span BIGINT := CAST(ceil(EXTRACT(EPOCH FROM (NEW.block_end - NEW.block_start))) AS BIGINT); \
                 BEGIN \
                   IF NOT EXISTS (SELECT 1 FROM reservation_spans \
                                  WHERE resource_id = NEW.resource_id AND longest_seconds >= span) THEN \
                     INSERT INTO reservation_spans (resource_id, longest_seconds) VALUES (NEW.resource_id, span) \
                     ON CONFLICT (resource_id) DO UPDATE \
                     SET longest_seconds = GREATEST(reservation_spans.longest_seconds, EXCLUDED.longest_seconds); \
                   END IF; \
                   RETURN NULL; \
                 END $$"
                    .to_owned(),
            );
            statements.push(
                "CREATE TRIGGER reservation_spans_track \
                 AFTER INSERT OR UPDATE OF resource_id, block_start, block_end ON reservations \
                 FOR EACH ROW EXECUTE FUNCTION note_reservation_span()"
                    .to_owned(),
            );
        } else {
            statements.push(
                "INSERT INTO reservation_spans (resource_id, longest_seconds) \
                 SELECT resource_id, CAST(round(max(julianday(block_end) - julianday(block_start)) * 86400) AS INTEGER) + 1 \
                 FROM reservations GROUP BY resource_id"
                    .to_owned(),
            );
            for (name, event) in [
                ("reservation_spans_insert", "INSERT"),
                (
                    "reservation_spans_update",
                    "UPDATE OF resource_id, block_start, block_end",
                ),
            ] {
                statements.push(format!(
                    "CREATE TRIGGER {name} AFTER {event} ON reservations BEGIN \
                     INSERT INTO reservation_spans (resource_id, longest_seconds) \
                     VALUES (NEW.resource_id, {SQLITE_SPAN}) \
                     ON CONFLICT (resource_id) DO UPDATE SET longest_seconds = excluded.longest_seconds \
                     WHERE excluded.longest_seconds > reservation_spans.longest_seconds; \
                     END"
                ));
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
        if postgres {
            statements.push("DROP TRIGGER reservation_spans_track ON reservations".to_owned());
            statements.push("DROP FUNCTION note_reservation_span()".to_owned());
        } else {
            statements.push("DROP TRIGGER reservation_spans_insert".to_owned());
            statements.push("DROP TRIGGER reservation_spans_update".to_owned());
        }
        statements.push("DROP TABLE reservation_spans".to_owned());
        for statement in statements {
            db.execute_unprepared(&statement).await?;
        }
        Ok(())
    }
}
