//! One state change of a reservation: who, when, from which status to which, and why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reservation_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub reservation_id: i32,
    pub actor_id: Option<i32>,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub start_time: DateTimeUtc,
    pub end_time: DateTimeUtc,
    pub reason: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
