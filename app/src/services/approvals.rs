//! Approvals: bookings of a resource that requires approval start `pending_approval` (holding
//! their slot) whichever path made them; the resource's approvers, the managers of its groups
//! and admins approve or reject them, with a reason that goes into the history. Who approves
//! is changed only by those who may change the resource (admins, managers of its group).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::ServiceError;
use super::authz::Principal;
use super::booking::{Event, may_approve, reason_field, to_api, transition, visible};
use super::catalog::{self, GroupTree};
use super::waitlist::{self, BookingSettings};
use super::writer::Writer;
use crate::domain::permissions::{Action, Model};
use crate::persistence::entities::{
    reservation, reservation_event, resource, resource_approver, user,
};
use crate::reservations::{
    ApprovalDecision, ApprovalSettings, ApprovalSettingsUpdate, PendingApproval, Reservation,
    ReservationStatus,
};
use crate::resources::ResourceUpdate;

/// The most pending reservations one call lists.
const MAX_PENDING: u64 = 500;

/// `GET /approvals/pending`: what the caller may decide, soonest first.
pub async fn pending(
    db: &DatabaseConnection,
    principal: &Principal,
) -> Result<Vec<PendingApproval>, ServiceError> {
    let rows = reservation::Entity::find()
        .filter(reservation::Column::Status.eq(ReservationStatus::PendingApproval.as_str()))
        .order_by_asc(reservation::Column::StartTime)
        .limit(MAX_PENDING)
        .all(db)
        .await?;
    decidable(db, principal, rows).await
}

/// The approvals and rejections made since `since` on reservations the caller may decide,
/// latest first, each with the reason given.
pub async fn recent_decisions(
    db: &DatabaseConnection,
    principal: &Principal,
    since: DateTime<Utc>,
) -> Result<Vec<(PendingApproval, String)>, ServiceError> {
    let events = reservation_event::Entity::find()
        .filter(reservation_event::Column::Action.is_in(["approved", "rejected"]))
        .filter(reservation_event::Column::At.gte(since))
        .order_by_desc(reservation_event::Column::Id)
        .limit(MAX_PENDING)
        .all(db)
        .await?;
    let reasons: HashMap<i32, String> = events
        .iter()
        .rev()
        .map(|e| (e.reservation_id, e.reason.clone()))
        .collect();
    let mut order: Vec<i32> = Vec::new();
    for event in &events {
        if !order.contains(&event.reservation_id) {
            order.push(event.reservation_id);
        }
    }
    let mut rows: HashMap<i32, reservation::Model> = reservation::Entity::find()
        .filter(reservation::Column::Id.is_in(order.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let rows = order.iter().filter_map(|id| rows.remove(id)).collect();
    Ok(decidable(db, principal, rows)
        .await?
        .into_iter()
        .map(|item| {
            let reason = i32::try_from(item.reservation.id)
                .ok()
                .and_then(|id| reasons.get(&id).cloned())
                .unwrap_or_default();
            (item, reason)
        })
        .collect())
}

/// `rows`, in order, without those the caller may not decide, with the names an approver
/// needs.
async fn decidable(
    db: &DatabaseConnection,
    principal: &Principal,
    rows: Vec<reservation::Model>,
) -> Result<Vec<PendingApproval>, ServiceError> {
    let resource_ids: HashSet<i32> = rows.iter().map(|r| r.resource_id).collect();
    let resources: HashMap<i32, resource::Model> = resource::Entity::find()
        .filter(resource::Column::Id.is_in(resource_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mine: HashSet<i32> = resource_approver::Entity::find()
        .filter(resource_approver::Column::UserId.eq(principal.user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.resource_id)
        .collect();
    let tree = GroupTree::load(db).await?;
    let decidable: Vec<(reservation::Model, String)> = rows
        .into_iter()
        .filter_map(|row| {
            let resource = resources.get(&row.resource_id)?;
            let may = mine.contains(&resource.id)
                || principal.grants.may_on(
                    Model::Approval,
                    Action::Update,
                    &tree.ownership(resource.group_id),
                );
            may.then(|| (row, resource.name.clone()))
        })
        .collect();
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(decidable.iter().map(|(r, _)| r.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    Ok(decidable
        .into_iter()
        .map(|(row, resource_name)| PendingApproval {
            username: names.get(&row.user_id).cloned().unwrap_or_default(),
            resource_name,
            reservation: to_api(row),
        })
        .collect())
}

/// `POST /approvals/{reservation_id}/respond`: approves (`active`) or rejects (`rejected`, which frees the
/// slot for the waitlist) a pending reservation.
#[tracing::instrument(skip_all, fields(user_id = principal.user_id, reservation_id = id))]
pub async fn respond(
    db: &DatabaseConnection,
    principal: &Principal,
    settings: &BookingSettings,
    id: i64,
    decision: ApprovalDecision,
) -> Result<Reservation, ServiceError> {
    let (row, target) = visible(db, principal, id).await?;
    if !may_approve(db, principal, &target).await? {
        return Err(ServiceError::Forbidden);
    }
    let reason = reason_field(decision.reason)?;
    let to = if decision.approved {
        ReservationStatus::Active
    } else {
        ReservationStatus::Rejected
    };
    let now = Utc::now();
    let actor = principal.user_id;
    let row = {
        let mut writer = Writer::new(db);
        loop {
            let started = writer.begin().await?;
            let tx = &*started;

            let (row, reason) = (&row, reason.clone());
            let outcome: Result<reservation::Model, ServiceError> = async {
                let current = reservation::Entity::find_by_id(row.id)
                    .lock_exclusive()
                    .one(tx)
                    .await?
                    .ok_or(ServiceError::NotFound)?;
                if current.status != ReservationStatus::PendingApproval.as_str() {
                    return Err(ServiceError::Conflict(format!(
                        "the reservation is {}, not pending approval",
                        current.status
                    )));
                }
                let updated = transition(
                    tx,
                    current,
                    to,
                    Event {
                        actor: Some(actor),
                        action: if decision.approved {
                            "approved"
                        } else {
                            "rejected"
                        },
                        reason: &reason,
                        at: now,
                    },
                )
                .await?;
                Ok(updated)
            }
            .await;
            if let Some(done) = writer.finish(started, outcome).await {
                break done;
            }
        }
    }?;
    if !decision.approved {
        waitlist::offer_freed(db, settings, row.resource_id).await?;
    }
    Ok(to_api(row))
}

fn settings_of(resource: crate::resources::Resource) -> ApprovalSettings {
    ApprovalSettings {
        resource_id: resource.id,
        requires_approval: resource.requires_approval,
        approvers: resource.approvers,
    }
}

/// `GET /approvals/resources/{id}/settings`.
pub async fn settings(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
) -> Result<ApprovalSettings, ServiceError> {
    Ok(settings_of(catalog::get(db, principal, resource_id).await?))
}

/// `PUT /approvals/resources/{id}/settings`: whether bookings need approval, and who gives
/// it (by id or username). Only those who may change the resource may change this.
pub async fn update_settings(
    db: &DatabaseConnection,
    principal: &Principal,
    resource_id: i64,
    update: ApprovalSettingsUpdate,
) -> Result<ApprovalSettings, ServiceError> {
    let approver_ids = match (update.approver_ids, update.approvers) {
        (Some(_), Some(_)) => {
            return Err(ServiceError::InvalidInput(
                "name approvers by approver_ids or by approvers, not both".to_owned(),
            ));
        }
        (Some(ids), None) => Some(ids),
        (None, Some(names)) => Some(catalog::approver_ids_named(db, principal, &names).await?),
        (None, None) => None,
    };
    let resource = catalog::update(
        db,
        principal,
        resource_id,
        ResourceUpdate {
            requires_approval: update.requires_approval,
            approver_ids,
            ..Default::default()
        },
    )
    .await?;
    Ok(settings_of(resource))
}
