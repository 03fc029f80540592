use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blackout_dates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resource_id: Option<i32>,
    pub group_id: Option<i32>,
    pub date: Date,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
