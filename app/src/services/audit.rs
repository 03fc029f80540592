//! The audit log: who did what to which record, and when. The services write a line in the
//! same transaction as the change it describes (a change that rolls back leaves no line), and
//! nothing changes or deletes a line afterwards. It keeps what the records themselves lose: a
//! deleted resource takes its bookings' history with it, the log keeps it.
//!
//! Actions are `<entity_type>.<verb>`:
//! - `reservation.<history action>` (`created`, `cancelled`, `rescheduled`, `approved`,
//!   `rejected`, `offered`, `offer_accepted`, `offer_expired`, ...), with the times, the
//!   statuses before and after, and the reason;
//! - `resource.created|updated|deleted` (an import creates one line per resource),
//!   `resource_type.*`, `tag.merged|deleted`, `rules.updated`, `business_hours.updated`,
//!   `blackout_date.created|deleted`, `closure.created|deleted`, `quota.created|deleted`;
//! - `user.registered|created|updated|password_changed|password_reset`, `role.*`,
//!   `group.created|updated|deleted|member_added|member_removed`, `setup.initialized`;
//! - `session.signed_in|sign_in_failed|signed_out|revoked`, `token.created|revoked`,
//!   `mfa.enabled|disabled`, `waitlist.joined|left`.
//!
//! Who may read it: `audit:read:all` everything, any other scope of `audit:read` only what
//! the caller did.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Set,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::authz::Principal;
use super::users::usernames;
use super::{ServiceError, csv_text, like_literal};
use crate::domain::permissions::{Action, Model};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{audit_entry, user};

/// The most lines one export writes; a larger export is refused, to be narrowed by time.
pub const MAX_EXPORT: u64 = 100_000;

/// A line of the audit log, as the REST API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub timestamp: DateTime<Utc>,
    pub actor_id: Option<i64>,
    /// The actor's username now; none for the system.
    pub actor: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<i64>,
    pub details: Value,
}

/// Which lines to read. Every field narrows; none given is the whole log.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// A username or a user id.
    pub actor: Option<String>,
    /// A whole action (`reservation.cancelled`), or one word matching an entity type
    /// (`reservation`) or a verb (`cancelled`).
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    /// From this instant on (inclusive).
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub to: Option<DateTime<Utc>>,
}

/// Writes a line: `actor` did `action` (`<entity_type>.<verb>`) to the record `entity_id`.
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    actor: Option<i32>,
    action: &str,
    entity_id: Option<i32>,
    details: Value,
) -> Result<(), ServiceError> {
    let entity_type = action.split_once('.').map_or(action, |(entity, _)| entity);
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor),
        action: Set(action.to_owned()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The fields of a change request that were given, for `details` (`null` ones are left
/// out: a request cannot tell a field it left out from one it cleared once deserialised).
pub(crate) fn changes(request: &impl Serialize) -> Value {
    match serde_json::to_value(request) {
        Ok(Value::Object(fields)) => {
            Value::Object(fields.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        _ => Value::Null,
    }
}

/// `GET /audit/logs`: newest first; `total_count` counts every line the filter matches.
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEntry>, ServiceError> {
    let Some(query) = select(db, principal, filter).await? else {
        return Page::from_rows(
            Vec::<AuditEntry>::new(),
            page,
            Some(0),
            |e| e.id,
            Ok::<_, ServiceError>,
        );
    };
    let total = query.clone().count(db).await?;
    let query = match page.after {
        Some(after) => query.filter(audit_entry::Column::Id.lt(after)),
        None => query,
    };
    let rows = query.limit(page.limit + 1).all(db).await?;
    let names = usernames(db, rows.iter().filter_map(|r| r.actor_id)).await?;
    Page::from_rows(
        rows,
        page,
        Some(total),
        |r| i64::from(r.id),
        |r| Ok(to_entry(r, &names)),
    )
}

/// `GET /audit/export/{csv,json}`: every line the filter matches, newest first, up to
/// `MAX_EXPORT`.
pub async fn export(
    db: &DatabaseConnection,
    principal: &Principal,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, ServiceError> {
    let Some(query) = select(db, principal, filter).await? else {
        return Ok(Vec::new());
    };
    if query.clone().count(db).await? > MAX_EXPORT {
        return Err(ServiceError::InvalidInput(format!(
            "an export holds at most {MAX_EXPORT} entries; narrow it with from and to"
        )));
    }
    let rows = query.all(db).await?;
    let names = usernames(db, rows.iter().filter_map(|r| r.actor_id)).await?;
    Ok(rows.into_iter().map(|r| to_entry(r, &names)).collect())
}

/// The columns of the CSV export, in order.
const CSV_COLUMNS: [&str; 8] = [
    "id",
    "timestamp",
    "actor_id",
    "actor",
    "action",
    "entity_type",
    "entity_id",
    "details",
];

/// Entries as CSV.
pub fn to_csv(entries: &[AuditEntry]) -> Result<String, ServiceError> {
    let optional = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let mut rows = vec![CSV_COLUMNS.map(str::to_owned)];
    rows.extend(entries.iter().map(|e| {
        [
            e.id.to_string(),
            super::utc_text(e.timestamp),
            optional(e.actor_id),
            e.actor.clone().unwrap_or_default(),
            e.action.clone(),
            e.entity_type.clone(),
            optional(e.entity_id),
            e.details.to_string(),
        ]
    }));
    csv_text(rows)
}

/// The query for `filter`, limited to what the caller may read, newest first; none when the
/// filter names an actor or a record that cannot exist.
async fn select(
    db: &DatabaseConnection,
    principal: &Principal,
    filter: &AuditFilter,
) -> Result<Option<Select<audit_entry::Entity>>, ServiceError> {
    principal.require(Model::Audit, Action::Read)?;
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from >= to
    {
        return Err(ServiceError::InvalidInput(
            "from must be before to".to_owned(),
        ));
    }
    let mut query = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id);
    if !principal.grants.may_all(Model::Audit, Action::Read) {
        query = query.filter(audit_entry::Column::ActorId.eq(principal.user_id));
    }
    if let Some(actor) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        // A username (which may be all digits) or an id.
        let mut ids: Vec<i32> = user::Entity::find()
            .filter(user::Column::UsernameKey.eq(actor.to_lowercase()))
            .one(db)
            .await?
            .map(|u| u.id)
            .into_iter()
            .collect();
        ids.extend(actor.parse::<i32>());
        if ids.is_empty() {
            return Ok(None);
        }
        query = query.filter(audit_entry::Column::ActorId.is_in(ids));
    }
    if let Some(action) = filter
        .action
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        query = query.filter(if action.contains('.') {
            Condition::all().add(audit_entry::Column::Action.eq(action))
        } else {
            Condition::any()
                .add(audit_entry::Column::EntityType.eq(action))
                .add(
                    Expr::col(audit_entry::Column::Action)
                        .like(LikeExpr::new(format!("%.{}", like_literal(action))).escape('\\')),
                )
        });
    }
    if let Some(kind) = filter
        .entity_type
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        query = query.filter(audit_entry::Column::EntityType.eq(kind));
    }
    if let Some(id) = filter.entity_id {
        // An id no record can have matches nothing.
        let Ok(id) = i32::try_from(id) else {
            return Ok(None);
        };
        query = query.filter(audit_entry::Column::EntityId.eq(id));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_entry::Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(audit_entry::Column::At.lt(to));
    }
    Ok(Some(query))
}

fn to_entry(row: audit_entry::Model, names: &HashMap<i32, String>) -> AuditEntry {
    AuditEntry {
        id: row.id.into(),
        timestamp: row.at,
        actor_id: row.actor_id.map(i64::from),
        actor: row.actor_id.and_then(|id| names.get(&id).cloned()),
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id.map(i64::from),
        details: serde_json::from_str(&row.details).unwrap_or(Value::Null),
    }
}
