use sea_orm::entity::prelude::*;

/// One opening of one weekday (0 = Monday), in minutes after local midnight.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "business_hours")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub resource_id: Option<i32>,
    pub group_id: Option<i32>,
    pub day_of_week: i16,
    pub open_minute: i16,
    pub close_minute: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
