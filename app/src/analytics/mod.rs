//! Analytics figures, as the REST API returns them and as `/admin/analytics` shows them
//! (computed by `services::analytics`).

pub mod server_fns;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub days: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceUtilization {
    pub resource_id: i64,
    pub resource_name: String,
    pub total_hours_available: f64,
    pub booked_hours: f64,
    pub utilization_percent: f64,
    pub reservation_count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Utilization {
    pub period: Period,
    pub utilization: Vec<ResourceUtilization>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopularResource {
    pub rank: u32,
    pub resource_id: i64,
    pub resource_name: String,
    pub reservation_count: u64,
    pub total_hours: f64,
    pub unique_users: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PopularResources {
    pub period: Period,
    pub resources: Vec<PopularResource>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HourCount {
    pub hour: u32,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: String,
    /// 0 is Monday.
    pub day_number: u32,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeakTimes {
    pub period: Period,
    pub total_reservations: u64,
    pub hourly_distribution: Vec<HourCount>,
    pub daily_distribution: Vec<DayCount>,
    /// None when nothing was booked.
    pub peak_hour: Option<u32>,
    pub peak_hour_count: u64,
    pub peak_day: Option<String>,
    pub peak_day_count: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub total_resources: u64,
    pub total_users: u64,
    pub total_reservations: u64,
    pub active_reservations: u64,
    pub pending_reservations: u64,
    pub cancelled_reservations: u64,
    /// Cancelled over all, in percent.
    pub cancellation_rate: f64,
    pub average_utilization: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeakSummary {
    pub peak_hour: Option<u32>,
    pub peak_day: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub period: Period,
    pub overview: Overview,
    pub top_resources: Vec<PopularResource>,
    pub peak_times: PeakSummary,
}

/// The dashboard, every resource's utilisation and the peaks, for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnalyticsReport {
    pub dashboard: Dashboard,
    pub utilization: Vec<ResourceUtilization>,
    pub peaks: PeakTimes,
}
