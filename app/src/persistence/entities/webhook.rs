//! An address that is sent a signed POST for the events it subscribes to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub owner_id: i32,
    pub url: String,
    /// A JSON array of event names.
    pub events: String,
    /// The HMAC-SHA256 key deliveries are signed with (kept as issued: it must sign).
    pub secret: String,
    /// `all`: every event; `own`: only events about the owner's own records.
    pub scope: String,
    pub active: bool,
    pub description: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
