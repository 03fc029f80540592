//! Reservations, recurring series, approvals and the waitlist: the types the REST API, the
//! server functions and the browser share.

pub mod home_fns;
pub mod series_fns;
pub mod server_fns;
pub mod waitlist_fns;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::resources::{Approver, ConflictTime, ViolationReport};

/// Where a reservation stands. Active, pending approval and held (a waitlist offer) hold
/// their slot; the others do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    Active,
    PendingApproval,
    Held,
    Cancelled,
    Rejected,
    Expired,
}

impl ReservationStatus {
    pub const ALL: [ReservationStatus; 6] = [
        ReservationStatus::Active,
        ReservationStatus::PendingApproval,
        ReservationStatus::Held,
        ReservationStatus::Cancelled,
        ReservationStatus::Rejected,
        ReservationStatus::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::Active => "active",
            ReservationStatus::PendingApproval => "pending_approval",
            ReservationStatus::Held => "held",
            ReservationStatus::Cancelled => "cancelled",
            ReservationStatus::Rejected => "rejected",
            ReservationStatus::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn blocks(self) -> bool {
        matches!(
            self,
            ReservationStatus::Active
                | ReservationStatus::PendingApproval
                | ReservationStatus::Held
        )
    }
}

/// A reservation as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reservation {
    pub id: i64,
    pub user_id: i64,
    pub resource_id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub status: String,
    pub title: String,
    pub notes: String,
    pub series_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/reservations`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReservation {
    pub resource_id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// `PATCH /api/v1/reservations/{id}`: new times (a start alone moves the booking, keeping
/// its length; an end alone changes its length).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reschedule {
    #[serde(default)]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub end_time: Option<DateTime<Utc>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Which occurrences of a series a cancel reaches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CancelScope {
    /// This reservation only.
    #[default]
    This,
    /// This occurrence and every later one of its series.
    Following,
    /// Every occurrence of its series that has not ended.
    Series,
}

/// `POST /api/v1/reservations/{id}/cancel`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelRequest {
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub scope: CancelScope,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelAnswer {
    pub message: String,
    pub reservation_id: i64,
    pub cancelled_at: DateTime<Utc>,
    /// Every reservation this cancel ended (more than one for a series).
    pub cancelled_ids: Vec<i64>,
}

/// What to do when an occurrence of a series cannot be booked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnConflict {
    /// Book nothing.
    #[default]
    Fail,
    /// Book the others and list what was skipped.
    Skip,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub rrule: String,
}

/// `POST /api/v1/reservations/recurring`: the first occurrence and the rule that repeats it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSeries {
    pub resource_id: i64,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub recurrence: Recurrence,
    #[serde(default)]
    pub on_conflict: OnConflict,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// An occurrence that was not booked, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedOccurrence {
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub reason: String,
    pub conflicts: Vec<ConflictTime>,
    pub violations: Vec<ViolationReport>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesAnswer {
    pub series_id: i64,
    pub created: Vec<Reservation>,
    pub skipped: Vec<SkippedOccurrence>,
}

/// One state change of a reservation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: Option<i64>,
    pub actor: Option<String>,
    pub start_time: DateTime<Utc>,
    pub end_time: DateTime<Utc>,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// A reservation waiting for a decision, with the names an approver needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingApproval {
    #[serde(flatten)]
    pub reservation: Reservation,
    pub resource_name: String,
    pub username: String,
}

/// `POST /api/v1/approvals/{reservation_id}/respond`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalDecision {
    pub approved: bool,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `PUT /api/v1/approvals/resources/{id}/settings`. Approvers are named by id or username.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalSettingsUpdate {
    #[serde(default)]
    pub requires_approval: Option<bool>,
    #[serde(default)]
    pub approver_ids: Option<Vec<i64>>,
    #[serde(default)]
    pub approvers: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalSettings {
    pub resource_id: i64,
    pub requires_approval: bool,
    pub approvers: Vec<Approver>,
}

/// `POST /api/v1/waitlist`. A flexible entry takes any free interval of the same length
/// within `flexible_hours` (default 2) either side of the wanted one, on the same day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWaitlistEntry {
    pub resource_id: i64,
    pub desired_start: DateTime<Utc>,
    pub desired_end: DateTime<Utc>,
    #[serde(default, deserialize_with = "crate::resources::null_as_default")]
    pub flexible_time: bool,
    #[serde(default)]
    pub flexible_hours: Option<u32>,
}

/// How far a flexible waitlist entry may move when none is given.
pub const DEFAULT_FLEXIBLE_HOURS: u32 = 2;
/// The furthest a flexible waitlist entry may move.
pub const MAX_FLEXIBLE_HOURS: u32 = 12;

/// A waitlist entry. While offered, `offer_start`..`offer_end` is held for its owner until
/// `offer_expires_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistEntry {
    pub id: i64,
    pub resource_id: i64,
    pub user_id: i64,
    pub desired_start: DateTime<Utc>,
    pub desired_end: DateTime<Utc>,
    pub flexible_time: bool,
    pub flexible_hours: Option<u32>,
    /// `waiting`, `offered`, `accepted`, `declined`, `expired` or `cancelled`.
    pub status: String,
    /// 1 for the next in line among those waiting for the resource; none once offered or done.
    pub position: Option<u64>,
    pub offer_start: Option<DateTime<Utc>>,
    pub offer_end: Option<DateTime<Utc>>,
    pub offer_expires_at: Option<DateTime<Utc>>,
    pub reservation_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A limit per user for everyone holding a role or belonging to a group (and its sub-groups).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub id: i64,
    pub role: Option<String>,
    pub group_id: Option<i64>,
    /// `day` or `week` (Monday to Sunday), in the booked resource's time zone.
    pub period: String,
    pub max_reservations: Option<u32>,
    pub max_hours: Option<f64>,
}

/// `POST /api/v1/quotas`: name a role or a group, a period, and at least one limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewQuota {
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub group_id: Option<i64>,
    pub period: String,
    #[serde(default)]
    pub max_reservations: Option<u32>,
    #[serde(default)]
    pub max_hours: Option<f64>,
}
