//! A per-user limit for everyone holding a role or belonging to a group: reservations and booked minutes per day or week.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "quotas")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: Option<i32>,
    pub group_id: Option<i32>,
    pub period: String,
    pub max_reservations: Option<i32>,
    pub max_minutes: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
