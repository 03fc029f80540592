//! A wish to book an interval that was taken; when it frees up, the first matching entry is offered it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "waitlist_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resource_id: i32,
    pub user_id: i32,
    pub desired_start: DateTimeUtc,
    pub desired_end: DateTimeUtc,
    pub flexible_hours: Option<i32>,
    pub status: String,
    pub reservation_id: Option<i32>,
    pub offer_expires_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
