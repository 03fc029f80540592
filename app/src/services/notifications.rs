//! Notifications: written in the same transaction as the booking change they report (so a
//! change that rolls back notifies no one), read and marked read by their owner only.
//!
//! Who hears what: the person a booking is for hears that it was confirmed, is pending,
//! approved, rejected, offered from the waitlist or lapsed, and hears of a move or a
//! cancellation made by someone else (their own they just did). The resource's named
//! approvers hear of each request that waits for them. A series booked or cancelled at once
//! is one notification, not one per occurrence.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::ServiceError;
use super::authz::Principal;
use super::booking::Event;
use super::catalog::to_i32;
use crate::i18n::Locale;
use crate::notifications::{MarkedRead, Notification, NotificationFacts, NotificationKind};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::{notification, reservation, resource, resource_approver, user};
use crate::reservations::ReservationStatus;
use crate::reservations::server_fns::{local_span, zone};

/// What to tell about a change in a reservation's history (`action`, as recorded), and to
/// whom. Called by `booking::record`, inside the change's transaction.
pub(crate) async fn reservation_changed(
    tx: &impl ConnectionTrait,
    row: &reservation::Model,
    resource: Option<&resource::Model>,
    event: &Event<'_>,
) -> Result<(), ServiceError> {
    let (action, actor) = (event.action, event.actor);
    let by_someone_else = actor != Some(row.user_id);
    let pending = row.status == ReservationStatus::PendingApproval.as_str();
    let kind = match action {
        // A series tells once, when all of it is booked (`series_booked`).
        "created" if row.series_id.is_some() => None,
        "created" | "offer_accepted" if pending => Some(NotificationKind::ReservationPending),
        "created" | "offer_accepted" => Some(NotificationKind::ReservationConfirmed),
        "offered" => Some(NotificationKind::WaitlistOffer),
        "offer_expired" => Some(NotificationKind::WaitlistOfferExpired),
        "approved" => Some(NotificationKind::ReservationApproved),
        "rejected" => Some(NotificationKind::ReservationRejected),
        "rescheduled" if by_someone_else => Some(NotificationKind::ReservationRescheduled),
        // Cancellations tell once per request, however many bookings it ends (`cancelled`).
        _ => None,
    };
    let asks_approval = pending
        && match action {
            "created" => row.series_id.is_none(),
            "offer_accepted" | "rescheduled" => true,
            _ => false,
        };
    if kind.is_none() && !asks_approval {
        return Ok(());
    }
    let about = About::load(tx, row, resource, 1, event.reason, event.at).await?;
    if let Some(kind) = kind {
        about.send(tx, row.user_id, kind, "").await?;
    }
    if asks_approval {
        about.ask_approvers(tx, row.user_id, actor).await?;
    }
    Ok(())
}

/// Tells the owner of `count` bookings just cancelled by someone else (`first` of them; more
/// than one when a series was cancelled from one of its occurrences on).
pub(crate) async fn cancelled(
    tx: &impl ConnectionTrait,
    first: &reservation::Model,
    count: usize,
    actor: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if actor == first.user_id {
        return Ok(());
    }
    let kind = if count == 1 {
        NotificationKind::ReservationCancelled
    } else {
        NotificationKind::SeriesCancelled
    };
    let count = i32::try_from(count).unwrap_or(i32::MAX);
    About::load(tx, first, None, count, reason, at)
        .await?
        .send(tx, first.user_id, kind, "")
        .await
}

/// Tells the booker that a series of `count` bookings starting with `first` is booked, and
/// its approvers, when it waits for them, once for the whole series.
pub(crate) async fn series_booked(
    tx: &impl ConnectionTrait,
    first: &reservation::Model,
    count: usize,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let count = i32::try_from(count).unwrap_or(i32::MAX);
    let about = About::load(tx, first, None, count, "", at).await?;
    if first.status == ReservationStatus::PendingApproval.as_str() {
        about
            .send(tx, first.user_id, NotificationKind::SeriesPending, "")
            .await?;
        about
            .ask_approvers(tx, first.user_id, Some(first.user_id))
            .await
    } else {
        about
            .send(tx, first.user_id, NotificationKind::SeriesConfirmed, "")
            .await
    }
}

/// The facts every notification about one booking shares.
struct About {
    resource_id: i32,
    row: notification::ActiveModel,
}

impl About {
    /// `resource` saves reading the booking's resource again when the caller has it.
    async fn load(
        tx: &impl ConnectionTrait,
        booking: &reservation::Model,
        resource: Option<&resource::Model>,
        occurrences: i32,
        reason: &str,
        at: DateTime<Utc>,
    ) -> Result<Self, ServiceError> {
        let resource = match resource.filter(|r| r.id == booking.resource_id) {
            Some(known) => known.clone(),
            None => resource::Entity::find_by_id(booking.resource_id)
                .one(tx)
                .await?
                .ok_or(ServiceError::NotFound)?,
        };
        Ok(About {
            resource_id: resource.id,
            row: notification::ActiveModel {
                kind: Set(String::new()),
                reservation_id: Set(Some(booking.id)),
                resource_id: Set(Some(resource.id)),
                resource_name: Set(resource.name),
                timezone: Set(resource.timezone),
                start_time: Set(booking.start_time),
                end_time: Set(booking.end_time),
                occurrences: Set(occurrences),
                person: Set(String::new()),
                reason: Set(reason.to_owned()),
                created_at: Set(at),
                read_at: Set(None),
                ..Default::default()
            },
        })
    }

    async fn send(
        &self,
        tx: &impl ConnectionTrait,
        user_id: i32,
        kind: NotificationKind,
        person: &str,
    ) -> Result<(), ServiceError> {
        let mut row = self.row.clone();
        row.user_id = Set(user_id);
        row.kind = Set(kind.as_str().to_owned());
        row.person = Set(person.to_owned());
        row.insert(tx).await?;
        Ok(())
    }

    /// Asks the resource's named approvers to decide, except the booker and whoever made the
    /// change (an approver moving a pending booking knows of it).
    async fn ask_approvers(
        &self,
        tx: &impl ConnectionTrait,
        booker: i32,
        actor: Option<i32>,
    ) -> Result<(), ServiceError> {
        let approvers = resource_approver::Entity::find()
            .filter(resource_approver::Column::ResourceId.eq(self.resource_id))
            .filter(resource_approver::Column::UserId.ne(booker))
            .filter(resource_approver::Column::UserId.ne(actor.unwrap_or(booker)))
            .all(tx)
            .await?;
        if approvers.is_empty() {
            return Ok(());
        }
        let person = user::Entity::find_by_id(booker)
            .one(tx)
            .await?
            .map(|u| {
                if u.display_name.trim().is_empty() {
                    u.username
                } else {
                    u.display_name
                }
            })
            .unwrap_or_default();
        for approver in approvers {
            self.send(
                tx,
                approver.user_id,
                NotificationKind::ApprovalRequested,
                &person,
            )
            .await?;
        }
        Ok(())
    }
}

/// The caller's notifications, newest first; only unread ones if asked. `total_count`
/// counts every one the filter matches.
pub async fn list_rows(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
    unread_only: bool,
) -> Result<Page<notification::Model>, ServiceError> {
    let mut query =
        notification::Entity::find().filter(notification::Column::UserId.eq(principal.user_id));
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    let total = query.clone().count(db).await?;
    if let Some(after) = page.after {
        query = query.filter(notification::Column::Id.lt(after));
    }
    let rows = query
        .order_by_desc(notification::Column::Id)
        .limit(page.limit + 1)
        .all(db)
        .await?;
    Page::from_rows(
        rows,
        page,
        Some(total),
        |r| i64::from(r.id),
        Ok::<_, ServiceError>,
    )
}

/// How many of the caller's notifications are unread.
pub async fn unread_count(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<u64, ServiceError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(principal.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// What a stored notification says, before it is put into words.
pub fn facts(row: &notification::Model) -> Result<NotificationFacts, ServiceError> {
    let kind = NotificationKind::parse(&row.kind)
        .ok_or_else(|| ServiceError::Internal(format!("notification kind {:?}", row.kind)))?;
    let tz = zone(&row.timezone)
        .map_err(|_| ServiceError::Internal(format!("time zone {:?}", row.timezone)))?;
    Ok(NotificationFacts {
        kind,
        resource_name: row.resource_name.clone(),
        zone: row.timezone.clone(),
        span: local_span(tz, row.start_time, row.end_time),
        occurrences: u32::try_from(row.occurrences).unwrap_or(1),
        person: row.person.clone(),
        reason: row.reason.clone(),
    })
}

/// `GET /notifications`: the caller's notifications in `locale`, or, when the request names
/// none, in the language of their profile.
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
    unread_only: bool,
    locale: Option<Locale>,
) -> Result<Page<Notification>, ServiceError> {
    let locale = match locale {
        Some(locale) => locale,
        None => profile_locale(db, principal).await?,
    };
    let rows = list_rows(db, principal, page, unread_only).await?;
    let data = rows
        .data
        .iter()
        .map(|row| {
            let facts = facts(row)?;
            Ok(Notification {
                id: row.id.into(),
                kind: facts.kind,
                title: facts.title(locale),
                message: facts.message(locale),
                link: facts.kind.link().to_owned(),
                read: row.read_at.is_some(),
                read_at: row.read_at,
                reservation_id: row.reservation_id.map(i64::from),
                resource_id: row.resource_id.map(i64::from),
                created_at: row.created_at,
            })
        })
        .collect::<Result<Vec<_>, ServiceError>>()?;
    Ok(rows.with_data(data))
}

async fn profile_locale(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Locale, ServiceError> {
    Ok(user::Entity::find_by_id(principal.user_id)
        .one(db)
        .await?
        .and_then(|u| Locale::from_tag(&u.locale))
        .unwrap_or_default())
}

/// `POST /notifications/{id}/read`: marks one of the caller's notifications read (again is
/// fine: it keeps the first time). Someone else's is not found.
pub async fn mark_read(
    db: &DatabaseConnection,
    principal: &Principal,
    id: i64,
) -> Result<(), ServiceError> {
    let row = notification::Entity::find_by_id(to_i32(id)?)
        .filter(notification::Column::UserId.eq(principal.user_id))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.read_at.is_none() {
        let mut update: notification::ActiveModel = row.into();
        update.read_at = Set(Some(Utc::now()));
        update.update(db).await?;
    }
    Ok(())
}

/// `POST /notifications/mark-all-read`.
pub async fn mark_all_read(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<MarkedRead, ServiceError> {
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(principal.user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(MarkedRead {
        message: format!("{} notifications marked as read", done.rows_affected),
        updated: done.rows_affected,
    })
}
