//! Resources: the rooms, desks, equipment and people that get booked, with the rules that say
//! when. The types here are shared by the REST API, the server functions and the browser.

pub mod admin_fns;
pub mod server_fns;
pub mod timeline_fns;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Deserializer, Serialize};

use crate::domain::availability::{Interval, RuleError, Violation, format_clock};

/// Whether a resource can be booked right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceStatus {
    Available,
    Maintenance,
    Unavailable,
}

impl ResourceStatus {
    pub const ALL: [ResourceStatus; 3] = [
        ResourceStatus::Available,
        ResourceStatus::Maintenance,
        ResourceStatus::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceStatus::Available => "available",
            ResourceStatus::Maintenance => "maintenance",
            ResourceStatus::Unavailable => "unavailable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The Fluent key of the status's name.
    pub fn label_key(self) -> &'static str {
        match self {
            ResourceStatus::Available => "status-available",
            ResourceStatus::Maintenance => "status-maintenance",
            ResourceStatus::Unavailable => "status-unavailable",
        }
    }
}

/// A user who may approve bookings of a resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approver {
    pub id: i64,
    pub username: String,
}

/// A resource as every client sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub status: ResourceStatus,
    /// `status == available`, kept for clients of the Resource Reserver API.
    pub available: bool,
    pub tags: Vec<String>,
    /// The type's name.
    pub resource_type: Option<String>,
    pub resource_type_id: Option<i64>,
    pub color: Option<String>,
    pub group_id: Option<i64>,
    /// The group's path from the top of the tree: "HQ / Floor 2".
    pub group_path: Option<String>,
    pub capacity: Option<i32>,
    pub timezone: String,
    pub attributes: BTreeMap<String, String>,
    pub requires_approval: bool,
    pub approvers: Vec<Approver>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Names a resource type by id or by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TypeRef {
    Id(i64),
    Name(String),
}

/// `POST /api/v1/resources`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewResource {
    pub name: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// `false` makes the resource `unavailable`; `status` wins when both are given.
    pub available: Option<bool>,
    pub status: Option<ResourceStatus>,
    pub resource_type: Option<TypeRef>,
    pub group_id: Option<i64>,
    pub timezone: Option<String>,
    pub capacity: Option<i32>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub requires_approval: bool,
    #[serde(default, deserialize_with = "null_as_default")]
    pub approver_ids: Vec<i64>,
}

/// `PUT /api/v1/resources/{id}`: every field is optional; a field that is absent keeps its
/// value, and `null` clears a clearable one (type, group, capacity).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub tags: Option<Vec<String>>,
    pub available: Option<bool>,
    pub status: Option<ResourceStatus>,
    #[serde(default, deserialize_with = "nullable")]
    pub resource_type: Option<Option<TypeRef>>,
    #[serde(default, deserialize_with = "nullable")]
    pub group_id: Option<Option<i64>>,
    pub timezone: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub capacity: Option<Option<i32>>,
    pub attributes: Option<BTreeMap<String, String>>,
    pub requires_approval: Option<bool>,
    pub approver_ids: Option<Vec<i64>>,
}

/// Tells a field set to `null` (`Some(None)`) from one left out (`None`, by `default`).
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Reads a field that may be left out or sent as `null`: both give the type's default.
pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// How the catalog is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    #[default]
    Created,
    Name,
    NameDesc,
    Capacity,
    CapacityDesc,
}

impl SortOrder {
    pub const ALL: [SortOrder; 5] = [
        SortOrder::Created,
        SortOrder::Name,
        SortOrder::NameDesc,
        SortOrder::Capacity,
        SortOrder::CapacityDesc,
    ];

    /// `name`, `-name`, `capacity`, `-capacity`, `created`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "created" | "id" => Some(SortOrder::Created),
            "name" => Some(SortOrder::Name),
            "-name" => Some(SortOrder::NameDesc),
            "capacity" => Some(SortOrder::Capacity),
            "-capacity" => Some(SortOrder::CapacityDesc),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Created => "created",
            SortOrder::Name => "name",
            SortOrder::NameDesc => "-name",
            SortOrder::Capacity => "capacity",
            SortOrder::CapacityDesc => "-capacity",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            SortOrder::Created => "sort-created",
            SortOrder::Name => "sort-name",
            SortOrder::NameDesc => "sort-name-desc",
            SortOrder::Capacity => "sort-capacity",
            SortOrder::CapacityDesc => "sort-capacity-desc",
        }
    }
}

/// Which resources a catalog listing shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceFilter {
    /// Words in the name or description.
    pub q: Option<String>,
    /// A resource must carry every one of these tags.
    pub tags: Vec<String>,
    pub status: Option<ResourceStatus>,
    pub resource_type: Option<TypeRef>,
    /// The group or any group under it.
    pub group_id: Option<i64>,
    pub min_capacity: Option<i32>,
    pub sort: SortOrder,
}

/// Splits `"a, b,,c"` into clean tag names.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(normalize_tag)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Tags are compared and stored trimmed and in lower case, so "WiFi" and "wifi" are one tag.
pub fn normalize_tag(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// A kind of resource, with the colour it is drawn in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceType {
    pub id: i64,
    pub name: String,
    pub color: String,
    pub resource_count: u64,
}

/// `POST /api/v1/resource-types`, `PATCH /api/v1/resource-types/{id}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceTypeInput {
    pub name: Option<String>,
    pub color: Option<String>,
}

/// A tag and how many resources carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagInfo {
    pub name: String,
    pub resource_count: u64,
}

/// Where a level of rules lives: the whole installation, a group, or one resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "level", content = "id", rename_all = "snake_case")]
pub enum RuleScope {
    Global,
    Group(i64),
    Resource(i64),
}

impl RuleScope {
    /// The key of the scope's `booking_rules` row.
    pub fn key(self) -> String {
        match self {
            RuleScope::Global => "global".to_owned(),
            RuleScope::Group(id) => format!("group:{id}"),
            RuleScope::Resource(id) => format!("resource:{id}"),
        }
    }
}

/// Booking limits of one level; `None` inherits from the level above (resource → its group →
/// the group's parents → global → no limit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRules {
    pub min_duration_minutes: Option<u32>,
    pub max_duration_minutes: Option<u32>,
    pub buffer_before_minutes: Option<u32>,
    pub buffer_after_minutes: Option<u32>,
    pub min_notice_minutes: Option<u32>,
    pub horizon_days: Option<u32>,
    pub granularity_minutes: Option<u32>,
}

impl BookingRules {
    /// Fills each empty field from `parent`.
    pub fn inherit(self, parent: BookingRules) -> BookingRules {
        BookingRules {
            min_duration_minutes: self.min_duration_minutes.or(parent.min_duration_minutes),
            max_duration_minutes: self.max_duration_minutes.or(parent.max_duration_minutes),
            buffer_before_minutes: self.buffer_before_minutes.or(parent.buffer_before_minutes),
            buffer_after_minutes: self.buffer_after_minutes.or(parent.buffer_after_minutes),
            min_notice_minutes: self.min_notice_minutes.or(parent.min_notice_minutes),
            horizon_days: self.horizon_days.or(parent.horizon_days),
            granularity_minutes: self.granularity_minutes.or(parent.granularity_minutes),
        }
    }
}

/// The rules of one level and what is in force there after inheritance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesRecord {
    pub rules: BookingRules,
    pub effective: BookingRules,
}

/// One opening in the REST shape: `{"day_of_week":0,"open_time":"09:00","close_time":"17:00"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursEntry {
    pub day_of_week: u8,
    pub open_time: String,
    pub close_time: String,
}

/// `PUT`/`GET /api/v1/resources/{id}/business-hours`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHoursBody {
    pub hours: Vec<HoursEntry>,
    /// Where the hours in force come from when this level sets none (answers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherited_from: Option<RuleScope>,
}

impl HoursEntry {
    pub fn new(day: u8, open: u16, close: u16) -> Self {
        HoursEntry {
            day_of_week: day,
            open_time: format_clock(open),
            close_time: format_clock(close),
        }
    }
}

/// `POST /api/v1/resources/{id}/blackout-dates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBlackout {
    pub date: NaiveDate,
    #[serde(default, deserialize_with = "null_as_default")]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlackoutRecord {
    pub id: i64,
    pub date: NaiveDate,
    pub reason: String,
    pub scope: RuleScope,
}

/// `POST /api/v1/resources/{id}/exceptions`: a span when the resource is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewClosure {
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureRecord {
    pub id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub reason: String,
    pub scope: RuleScope,
}

/// One opening of a day in the answer of `available-slots`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayOpening {
    pub open_time: String,
    pub close_time: String,
}

/// `GET /api/v1/resources/{id}/available-slots`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayAvailability {
    pub date: NaiveDate,
    pub timezone: String,
    pub slots: Vec<crate::domain::availability::Slot>,
    /// The day's openings; `null` when the resource is open all day.
    pub business_hours: Option<Vec<DayOpening>>,
    pub is_blackout: bool,
    pub blackout_reason: Option<String>,
}

/// `GET /api/v1/resources/{id}/next-available`: `start`/`end` are `null` when nothing fits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAvailable {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub available: bool,
}

/// A booking as a resource's schedule shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleEntry {
    pub id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub status: String,
    /// Shown to the owner and to those who manage the resource.
    pub title: Option<String>,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub mine: bool,
}

/// `GET /api/v1/resources/{id}/schedule`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub resource_id: i64,
    pub timezone: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub reservations: Vec<ScheduleEntry>,
}

/// `POST /api/v1/reservations/check`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckRequest {
    pub resource_id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
}

/// A booking a proposal would overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictTime {
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
}

impl From<Interval> for ConflictTime {
    fn from(interval: Interval) -> Self {
        ConflictTime {
            start_time: interval.start,
            end_time: interval.end,
        }
    }
}

/// A broken rule with an English sentence beside its machine code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationReport {
    #[serde(flatten)]
    pub violation: Violation,
    pub message: String,
}

impl From<Violation> for ViolationReport {
    fn from(violation: Violation) -> Self {
        ViolationReport {
            message: violation.describe(),
            violation,
        }
    }
}

/// The answer of `check`: nothing is booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckAnswer {
    pub available: bool,
    pub conflicts: Vec<ConflictTime>,
    pub violations: Vec<ViolationReport>,
}

/// "Free for N minutes between A and B, of type T, with tags X and Y, capacity ≥ C".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub duration_minutes: u32,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub filter: ResourceFilter,
    /// How many resources to rank (at most 200).
    pub limit: usize,
}

/// A resource that fits, with its earliest fitting slots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub resource: Resource,
    pub slots: Vec<ConflictTime>,
}

/// The ranked answer of a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchAnswer {
    pub data: Vec<SearchHit>,
    /// Resources that matched the filters, before availability.
    pub considered: u64,
}

/// What importing a CSV file did, or why it did nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub imported: usize,
    /// Empty when the file was imported; otherwise nothing was.
    pub errors: Vec<RowError>,
}

/// One problem in one row of an imported file (row 1 is the header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

/// One day's openings as people type them: `09:00-12:00, 13:00-17:00` (an en dash works too);
/// empty means closed that day. The times themselves are checked with the rest of the week.
pub fn parse_day_hours(day: u8, text: &str) -> Result<Vec<HoursEntry>, RuleError> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (open, close) = part.split_once(['-', '–']).ok_or(RuleError::BadClock)?;
            Ok(HoursEntry {
                day_of_week: day,
                open_time: open.trim().to_owned(),
                close_time: close.trim().to_owned(),
            })
        })
        .collect()
}

/// The openings of `day` written as `parse_day_hours` reads them.
pub fn day_hours_text(entries: &[HoursEntry], day: u8) -> String {
    entries
        .iter()
        .filter(|e| e.day_of_week == day)
        .map(|e| format!("{}-{}", e.open_time, e.close_time))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Free-form attributes typed one per line: `projector = yes`. Blank lines are skipped; a
/// line without `=` or with an empty key is refused with its number (from 1).
pub fn parse_attributes(text: &str) -> Result<BTreeMap<String, String>, usize> {
    let mut attributes = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => {
                attributes.insert(key.trim().to_owned(), value.trim().to_owned());
            }
            _ => return Err(index + 1),
        }
    }
    Ok(attributes)
}

/// Attributes written as `parse_attributes` reads them.
pub fn attributes_text(attributes: &BTreeMap<String, String>) -> String {
    attributes
        .iter()
        .map(|(key, value)| format!("{key} = {value}\n"))
        .collect()
}

#[cfg(test)]
mod form_text_tests {
    use super::*;

    #[test]
    fn day_hours_read_several_intervals_and_write_back_the_same() {
        let entries = parse_day_hours(2, " 09:00-12:00, 13:00 – 17:30 ,").unwrap();
        assert_eq!(
            entries,
            vec![HoursEntry::new(2, 540, 720), HoursEntry::new(2, 780, 1050)]
        );
        assert_eq!(day_hours_text(&entries, 2), "09:00-12:00, 13:00-17:30");
        assert_eq!(day_hours_text(&entries, 3), "");
        assert_eq!(parse_day_hours(0, "  ").unwrap(), vec![]);
    }

    #[test]
    fn day_hours_without_a_dash_are_refused() {
        assert_eq!(parse_day_hours(0, "09:00 17:00"), Err(RuleError::BadClock));
    }

    #[test]
    fn attributes_read_one_per_line_and_name_the_bad_line() {
        let parsed = parse_attributes("projector = yes\n\nfloor=2 = east\n").unwrap();
        assert_eq!(parsed.get("projector").map(String::as_str), Some("yes"));
        assert_eq!(parsed.get("floor").map(String::as_str), Some("2 = east"));
        assert_eq!(parse_attributes(&attributes_text(&parsed)).unwrap(), parsed);
        assert_eq!(parse_attributes("a = 1\nno equals sign"), Err(2));
        assert_eq!(parse_attributes(" = value"), Err(1));
    }
}
