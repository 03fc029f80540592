//! Reading and (later) changing the resource catalog.

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::ServiceError;
use super::authz::Principal;
use crate::domain::permissions::{Action, Model};
use crate::pagination::{Page, PageRequest};
use crate::persistence::entities::resource;
use crate::resources::{Resource, ResourceStatus};

/// One page of resources in creation order, with the catalog's total size.
#[tracing::instrument(skip(db, principal), fields(user_id = principal.user_id))]
pub async fn list(
    db: &DatabaseConnection,
    principal: &Principal,
    page: PageRequest,
) -> Result<Page<Resource>, ServiceError> {
    principal.require(Model::Resource, Action::Read)?;
    let total_count = resource::Entity::find().count(db).await?;
    let mut query = resource::Entity::find().order_by_asc(resource::Column::Id);
    if let Some(after) = page.after {
        query = query.filter(resource::Column::Id.gt(after));
    }
    // One row more than asked tells whether another page follows.
    let rows = query.limit(page.limit + 1).all(db).await?;
    Page::from_rows(
        rows,
        page,
        Some(total_count),
        |row| row.id.into(),
        to_resource,
    )
}

fn to_resource(row: resource::Model) -> Result<Resource, ServiceError> {
    let status = ResourceStatus::parse(&row.status).ok_or_else(|| {
        ServiceError::Internal(format!(
            "resource {} has unknown status {:?}",
            row.id, row.status
        ))
    })?;
    Ok(Resource {
        id: row.id.into(),
        name: row.name,
        description: row.description,
        available: status == ResourceStatus::Available,
        status,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}
