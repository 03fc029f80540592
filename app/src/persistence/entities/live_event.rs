//! A change announced to WebSocket clients (`/ws`), kept for a few minutes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The message type, e.g. `reservation_created`.
    pub kind: String,
    pub resource_id: Option<i32>,
    /// The account whose record it is (a booking's owner); none when it is everyone's.
    pub subject_id: Option<i32>,
    /// The message's `data`, as JSON.
    pub payload: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
