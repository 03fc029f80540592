//! Resources to and from CSV. An import checks every row before writing anything and then
//! imports all rows in one transaction, or none and answers with every problem by row.
//!
//! Columns (header names, any order, any case): `name` (required), `description`, `status`
//! or `available` (true/false), `type`, `tags` (separated by `;`), `group` (a group's name),
//! `capacity`, `timezone`, `requires_approval`, `attributes` (`key=value;key=value`).

use std::collections::{BTreeMap, HashSet};

use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use serde_json::json;

use super::ServiceError;
use super::audit;
use super::authz::Principal;
use super::catalog::{GroupTree, NewTypes, ResourceDraft, draft, insert, to_resources};
use super::webhooks;
use super::writer::Writer;
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::resource;
use crate::resources::{ImportReport, NewResource, ResourceStatus, RowError, TypeRef};

/// The columns an export writes, in order.
pub const COLUMNS: [&str; 10] = [
    "name",
    "description",
    "status",
    "type",
    "tags",
    "group",
    "capacity",
    "timezone",
    "requires_approval",
    "attributes",
];
/// The largest file an import accepts.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most rows an import accepts.
pub const MAX_ROWS: usize = 50_000;

/// The whole catalog as CSV, in name order.
pub async fn export(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<String, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let tree = GroupTree::load(db).await?;
    let rows = resource::Entity::find()
        .order_by_asc(resource::Column::Name)
        .all(db)
        .await?;
    let resources = to_resources(db, rows, &tree).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ServiceError::Internal(e.to_string());
    writer.write_record(COLUMNS).map_err(failed)?;
    for r in resources {
        let group = r
            .group_path
            .as_deref()
            .and_then(|p| p.rsplit(" / ").next())
            .unwrap_or_default()
            .to_owned();
        let attributes: Vec<String> = r
            .attributes
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        writer
            .write_record([
                r.name,
                r.description,
                r.status.as_str().to_owned(),
                r.resource_type.unwrap_or_default(),
                r.tags.join(";"),
                group,
                r.capacity.map(|c| c.to_string()).unwrap_or_default(),
                r.timezone,
                r.requires_approval.to_string(),
                attributes.join(";"),
            ])
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ServiceError::Internal(e.to_string()))
}

fn row_error(row: usize, column: Option<&str>, message: impl Into<String>) -> RowError {
    RowError {
        row,
        column: column.map(str::to_owned),
        message: message.into(),
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "y" => Some(true),
        "false" | "no" | "0" | "n" => Some(false),
        _ => None,
    }
}

/// One CSV record turned into a `NewResource`, or the problems with it.
fn parse_record(
    row: usize,
    header: &[String],
    record: &csv::StringRecord,
    tree: &GroupTree,
) -> Result<NewResource, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut new = NewResource::default();
    for (column, value) in header.iter().zip(record.iter()) {
        let value = value.trim();
        let column_name = Some(column.as_str());
        match column.as_str() {
            "name" => new.name = value.to_owned(),
            "description" => new.description = value.to_owned(),
            "status" if !value.is_empty() => match ResourceStatus::parse(&value.to_lowercase()) {
                Some(status) => new.status = Some(status),
                None => errors.push(row_error(
                    row,
                    column_name,
                    format!("status {value:?} is not available, maintenance or unavailable"),
                )),
            },
            "available" if !value.is_empty() => match parse_bool(value) {
                Some(available) => new.available = Some(available),
                None => errors.push(row_error(row, column_name, "write true or false")),
            },
            "type" if !value.is_empty() => {
                new.resource_type = Some(TypeRef::Name(value.to_owned()))
            }
            "tags" => {
                new.tags = value
                    .split([';', ','])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "group" if !value.is_empty() => match tree.id_named(value) {
                Some(id) => new.group_id = Some(id.into()),
                None => errors.push(row_error(
                    row,
                    column_name,
                    format!("no group named {value:?}"),
                )),
            },
            "capacity" if !value.is_empty() => match value.parse() {
                Ok(capacity) => new.capacity = Some(capacity),
                Err(_) => errors.push(row_error(
                    row,
                    column_name,
                    "capacity must be a whole number",
                )),
            },
            "timezone" if !value.is_empty() => new.timezone = Some(value.to_owned()),
            "requires_approval" if !value.is_empty() => match parse_bool(value) {
                Some(requires) => new.requires_approval = requires,
                None => errors.push(row_error(row, column_name, "write true or false")),
            },
            "attributes" if !value.is_empty() => {
                let mut attributes = BTreeMap::new();
                for pair in value.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    match pair.split_once('=') {
                        Some((k, v)) => {
                            attributes.insert(k.trim().to_owned(), v.trim().to_owned());
                        }
                        None => errors.push(row_error(
                            row,
                            column_name,
                            format!("{pair:?} is not key=value"),
                        )),
                    }
                }
                new.attributes = attributes;
            }
            _ => {}
        }
    }
    if new.name.trim().is_empty() {
        errors.push(row_error(row, Some("name"), "name is required"));
    }
    if errors.is_empty() {
        Ok(new)
    } else {
        Err(errors)
    }
}

/// Which column a service error about a resource field concerns, for the report.
fn column_of(message: &str) -> Option<&'static str> {
    [
        ("time zone", "timezone"),
        ("resource type", "type"),
        ("capacity", "capacity"),
        ("tag", "tags"),
        ("attribute", "attributes"),
        ("group", "group"),
        ("description", "description"),
        ("name", "name"),
    ]
    .into_iter()
    .find(|(needle, _)| message.contains(needle))
    .map(|(_, column)| column)
}

/// Imports `text`; all rows or none. Row numbers count the header as row 1.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, bytes = text.len()))]
pub async fn import(
    db: &DatabaseConnection,
    principal: &Principal,
    text: &str,
) -> Result<ImportReport, ServiceError> {
    principal.require(Model::Resource, Action::Create)?;
    if text.len() > MAX_BYTES {
        return Err(ServiceError::InvalidInput(format!(
            "the file is larger than {} MB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let text = text.trim_start_matches('\u{feff}');
    // The write lock is taken up front (on SQLite), so a long import never fails half-way
    // for a write committed by someone else since it began reading.
    let mut writer = Writer::new(db);
    loop {
        let started = writer.begin().await?;
        let txn = &*started;
        let outcome: Result<ImportReport, ServiceError> = async {
            let tree = GroupTree::load(txn).await?;
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let header: Vec<String> = match reader.headers() {
                Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
                Err(e) => {
                    return Ok(report_errors(vec![row_error(1, None, e.to_string())]));
                }
            };
            let mut errors = Vec::new();
            for column in &header {
                if !COLUMNS.contains(&column.as_str()) && column != "available" && column != "id" {
                    errors.push(row_error(
                        1,
                        Some(column),
                        format!("unknown column {column:?}"),
                    ));
                }
            }
            if !header.iter().any(|c| c == "name") {
                errors.push(row_error(1, Some("name"), "the header has no name column"));
            }
            if !errors.is_empty() {
                return Ok(report_errors(errors));
            }
            let existing: HashSet<String> = resource::Entity::find()
                .all(txn)
                .await?
                .into_iter()
                .map(|r| r.name.to_lowercase())
                .collect();
            let mut seen: HashSet<String> = HashSet::new();
            let mut drafts: Vec<ResourceDraft> = Vec::new();
            for (index, record) in reader.records().enumerate() {
                let row = index + 2;
                if index >= MAX_ROWS {
                    errors.push(row_error(row, None, format!("more than {MAX_ROWS} rows")));
                    break;
                }
                let record = match record {
                    Ok(record) => record,
                    Err(e) => {
                        errors.push(row_error(row, None, e.to_string()));
                        continue;
                    }
                };
                let new = match parse_record(row, &header, &record, &tree) {
                    Ok(new) => new,
                    Err(mut problems) => {
                        errors.append(&mut problems);
                        continue;
                    }
                };
                let key = new.name.trim().to_lowercase();
                if existing.contains(&key) {
                    errors.push(row_error(
                        row,
                        Some("name"),
                        format!("a resource named {:?} already exists", new.name.trim()),
                    ));
                    continue;
                }
                if !seen.insert(key) {
                    errors.push(row_error(
                        row,
                        Some("name"),
                        format!("{:?} appears twice in the file", new.name.trim()),
                    ));
                    continue;
                }
                match draft(txn, principal, &tree, new, NewTypes::Refuse).await {
                    Ok(draft) => drafts.push(draft),
                    Err(ServiceError::InvalidInput(message)) => {
                        errors.push(row_error(row, column_of(&message), message));
                    }
                    Err(ServiceError::Forbidden) => errors.push(row_error(
                        row,
                        Some("group"),
                        "you may not add resources to this group",
                    )),
                    Err(other) => return Err(other),
                }
            }
            if !errors.is_empty() {
                return Ok(report_errors(errors));
            }
            let imported = drafts.len();
            for draft in drafts {
                let row = insert(txn, draft).await?;
                let details = json!({"name": row.name, "imported": true});
                let actor = Some(principal.user_id);
                audit::record(txn, actor, "resource.created", Some(row.id), details).await?;
                webhooks::resource_changed(txn, &row, "created").await?;
            }
            Ok(ImportReport {
                imported,
                errors: Vec::new(),
            })
        }
        .await;
        if let Some(done) = writer.finish(started, outcome).await {
            break done;
        }
    }
}

fn report_errors(errors: Vec<RowError>) -> ImportReport {
    ImportReport {
        imported: 0,
        errors,
    }
}
