//! `notifications`: An in-app notification; also the outbox for email.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub recipient_employee_id: Uuid,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub payload: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
