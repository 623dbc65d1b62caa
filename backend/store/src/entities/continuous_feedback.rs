//! `continuous_feedback`: A continuous-feedback note on a plan, work result, indicator or core value.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "continuous_feedback")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub plan_id: Uuid,
    pub period_id: Option<Uuid>,
    pub target_type: String,
    pub target_id: Option<Uuid>,
    pub core_value: Option<String>,
    pub author_user_id: Uuid,
    pub author_employee_id: Option<Uuid>,
    pub author_role: String,
    pub body: String,
    pub visibility: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
