//! `plans`: A performance plan (SKP) of one employee in one cycle; revisions chain by supersedes_id.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub cycle_id: Uuid,
    pub employee_id: Uuid,
    pub unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    pub revision: i32,
    pub supersedes_id: Option<Uuid>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub approach: String,
    pub form: String,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub status: String,
    pub return_reason: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
