//! The server function of `/admin/analytics`.

use leptos::prelude::*;

use super::AnalyticsReport;
use crate::error::AppError;

/// The figures of the last `days` days up to now, or with `upcoming` of the next `days` days
/// from now, for the resources the caller may analyse.
#[server(prefix = "/api/fn", endpoint = "load_analytics")]
pub async fn load_analytics(days: u32, upcoming: bool) -> Result<AnalyticsReport, AppError> {
    crate::error::answer(async move {
        use crate::services::analytics::{self, Query};
        let (db, principal) = crate::services::caller().await?;
        let query = if upcoming {
            let from = chrono::Utc::now();
            Query {
                from: Some(from),
                to: Some(from + chrono::Duration::days(i64::from(days.min(366)))),
                ..Query::default()
            }
        } else {
            Query {
                days: Some(i64::from(days)),
                ..Query::default()
            }
        };
        Ok(analytics::report(&db, &principal, &query).await?)
    })
    .await
}
