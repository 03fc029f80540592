//! Resources: the rooms, desks, equipment and people that get booked. The types here are
//! shared by the REST API, the server functions and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::pagination::Page;

/// Whether a resource can be booked right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceStatus {
    Available,
    Maintenance,
    Unavailable,
}

impl ResourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceStatus::Available => "available",
            ResourceStatus::Maintenance => "maintenance",
            ResourceStatus::Unavailable => "unavailable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            ResourceStatus::Available,
            ResourceStatus::Maintenance,
            ResourceStatus::Unavailable,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The first page of the catalog, for the home page.
#[leptos::server(prefix = "/api/fn", endpoint = "list_resources")]
pub async fn list_resources() -> Result<Page<Resource>, AppError> {
    crate::error::answer(async move {
        use crate::pagination::PageRequest;
        use crate::services::resources;
        let db = crate::services::database()?;
        let principal = crate::services::current_principal().await?;
        Ok(resources::list(&db, &principal, PageRequest::default()).await?)
    })
    .await
}
