use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    #[sea_orm(unique)]
    pub username_key: String,
    pub email: Option<String>,
    pub display_name: String,
    pub password_hash: String,
    pub timezone: String,
    pub locale: String,
    pub is_active: bool,
    pub must_change_password: bool,
    pub email_notifications: bool,
    pub reminder_minutes: i32,
    pub mfa_secret: Option<String>,
    pub mfa_enabled: bool,
    /// The last TOTP step accepted, so no code is accepted twice.
    pub mfa_last_step: Option<i64>,
    /// The secret in the address of the person's calendar feed, once they asked for one.
    #[sea_orm(unique)]
    pub calendar_token: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
