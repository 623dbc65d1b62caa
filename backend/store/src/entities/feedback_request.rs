//! `feedback_requests`: A 360 rater asked to rate an employee in an evaluation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub evaluation_id: Uuid,
    pub rater_employee_id: Uuid,
    pub rater_role: String,
    pub status: String,
    pub nominated_by: Option<Uuid>,
    pub is_approved: bool,
    pub due_on: Option<Date>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
