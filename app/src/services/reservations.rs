//! Reading reservations: one, the caller's own, and the history of one.

use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::ServiceError;
use super::authz::Principal;
use super::booking::{to_api, visible};
use super::waitlist;
use crate::domain::permissions::{Action, Model};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{reservation, reservation_event, user, waitlist_entry};
use crate::reservations::{HistoryEntry, Reservation, ReservationStatus};

/// `GET /reservations/{id}`: for its owner, its approvers, and those who may read the
/// reservations of its resource's groups; anyone else is told it does not exist.
pub async fn get(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<Reservation, ServiceError> {
    Ok(to_api(visible(db, principal, id).await?.0))
}

/// `GET /reservations/my`: the caller's reservations in the order they were made (without the cancelled,
/// rejected and expired ones unless asked), a page at a time. A waitlist offer is not one of
/// them until it is accepted: the waitlist lists it, held, declined or expired.
pub async fn list_mine(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
    include_cancelled: bool,
) -> Result<Page<Reservation>, ServiceError> {
    principal.require(Model::Reservation, Action::Read)?;
    let mut query = reservation::Entity::find()
        .filter(reservation::Column::UserId.eq(principal.user_id))
        .filter(
            reservation::Column::Id.not_in_subquery(
                Query::select()
                    .column(waitlist_entry::Column::ReservationId)
                    .from(waitlist_entry::Entity)
                    .and_where(waitlist_entry::Column::ReservationId.is_not_null())
                    .and_where(waitlist_entry::Column::Status.ne(waitlist::ACCEPTED))
                    .to_owned(),
            ),
        )
        .order_by_asc(reservation::Column::Id);
    if !include_cancelled {
        query = query.filter(
            reservation::Column::Status.is_in(
                ReservationStatus::ALL
                    .into_iter()
                    .filter(|s| s.blocks())
                    .map(ReservationStatus::as_str),
            ),
        );
    }
    if let Some(after) = page.after {
        query = query.filter(reservation::Column::Id.gt(after));
    }
    let rows = query.limit(page.limit + 1).all(db).await?;
    Page::from_rows(
        rows,
        page,
        None,
        |r| i64::from(r.id),
        |r| Ok::<_, ServiceError>(to_api(r)),
    )
}

/// How many reservations are stored in each status (for `/metrics`).
pub async fn count_by_status(db: &DatabaseConnection) -> Result<Vec<(String, u64)>, ServiceError> {
    let rows: Vec<(String, i64)> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::Status)
        .column_as(reservation::Column::Id.count(), "n")
        .group_by(reservation::Column::Status)
        .order_by_asc(reservation::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(status, n)| (status, u64::try_from(n).unwrap_or_default()))
        .collect())
}

/// `GET /reservations/{id}/history`: every state change, oldest first, with who made it.
pub async fn history(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let (row, _) = visible(db, principal, id).await?;
    let events = reservation_event::Entity::find()
        .filter(reservation_event::Column::ReservationId.eq(row.id))
        .order_by_asc(reservation_event::Column::Id)
        .all(db)
        .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(events.iter().filter_map(|e| e.actor_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    Ok(events
        .into_iter()
        .map(|e| HistoryEntry {
            id: e.id.into(),
            actor: e.actor_id.and_then(|a| names.get(&a).cloned()),
            actor_id: e.actor_id.map(Into::into),
            action: e.action,
            from_status: e.from_status,
            to_status: e.to_status,
            start_time: e.start_time,
            end_time: e.end_time,
            reason: e.reason,
            at: e.at,
        })
        .collect())
}
