//! The server functions of `/notifications`. They send the facts, not the words: the page
//! writes them in its language, so switching language needs no new request.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::NotificationFacts;
use crate::error::AppError;

/// One notification as `/notifications` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownNotification {
    pub id: i64,
    pub facts: NotificationFacts,
    pub read: bool,
    /// When it arrived, in the reader's own zone.
    pub received_on: NaiveDate,
    pub received_at: String,
}

/// My latest notifications and how many of all of them are unread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationInbox {
    pub items: Vec<ShownNotification>,
    pub unread: u64,
}

/// How many notifications `/notifications` shows.
pub const INBOX_LIMIT: u64 = 100;

/// My latest notifications, newest first.
#[server(prefix = "/api/fn", endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<NotificationInbox, AppError> {
    crate::error::answer(async move {
        use crate::pagination::PageRequest;
        use crate::services::notifications;
        let (db, principal) = crate::services::caller().await?;
        let own = crate::reservations::server_fns::own_zone(&db, &principal)
            .await?
            .unwrap_or(chrono_tz::UTC);
        let request = PageRequest {
            limit: INBOX_LIMIT,
            after: None,
        };
        let rows = notifications::list_rows(&db, &principal, request, false).await?;
        let items = rows
            .data
            .iter()
            .map(|row| {
                let received = row.created_at.with_timezone(&own);
                Ok(ShownNotification {
                    id: row.id.into(),
                    facts: notifications::facts(row)?,
                    read: row.read_at.is_some(),
                    received_on: received.date_naive(),
                    received_at: received.format("%H:%M").to_string(),
                })
            })
            .collect::<Result<Vec<_>, crate::services::ServiceError>>()?;
        Ok(NotificationInbox {
            items,
            unread: notifications::unread_count(&db, &principal).await?,
        })
    })
    .await
}

/// Marks one of my notifications read, or, without an id, all of them.
#[server(prefix = "/api/fn", endpoint = "read_notifications")]
pub async fn read_notifications(id: Option<i64>) -> Result<(), AppError> {
    crate::error::answer(async move {
        use crate::services::notifications;
        let (db, principal) = crate::services::caller().await?;
        match id {
            Some(id) => notifications::mark_read(&db, &principal, id).await?,
            None => drop(notifications::mark_all_read(&db, &principal).await?),
        }
        Ok(())
    })
    .await
}
