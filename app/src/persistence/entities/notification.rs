//! Something that happened that a person should hear about; the text is rendered when read.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub kind: String,
    pub reservation_id: Option<i32>,
    pub resource_id: Option<i32>,
    pub resource_name: String,
    pub timezone: String,
    pub start_time: DateTimeUtc,
    pub end_time: DateTimeUtc,
    /// How many bookings it is about (a series books several at once).
    pub occurrences: i32,
    /// Who asked, in an approval request.
    pub person: String,
    /// Why, when a booking was rejected or cancelled with a reason.
    pub reason: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
