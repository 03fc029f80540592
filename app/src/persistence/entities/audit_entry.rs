//! A line of the audit log: who did what to which record, and when.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    /// Who acted; none for the system (an offer that lapsed, a failed sign-in by nobody).
    pub actor_id: Option<i32>,
    /// `<entity_type>.<verb>`, e.g. `reservation.cancelled`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<i32>,
    /// A JSON object with what else is worth knowing (names, times, the reason).
    pub details: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
