use sea_orm::entity::prelude::*;

/// An exception: a span when the resource is closed (maintenance, leave).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "closures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resource_id: Option<i32>,
    pub group_id: Option<i32>,
    pub start_time: DateTimeUtc,
    pub end_time: DateTimeUtc,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
