//! The longest blocked span each resource has had; kept by a database trigger (migration
//! 000005) and read to bound the search for bookings that touch a window.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservation_spans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub resource_id: i32,
    pub longest_seconds: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
