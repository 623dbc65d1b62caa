//! `objections`: An objection (keberatan) to a finalised evaluation.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "objections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub evaluation_id: Uuid,
    pub submitted_by: Uuid,
    pub submitted_at: DateTimeUtc,
    pub reasons: String,
    pub status: String,
    pub decider_employee_id: Option<Uuid>,
    pub decider_external_id: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    pub new_result_rating: Option<String>,
    pub new_behaviour_rating: Option<String>,
    pub new_predicate: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
    /// The decision letter's reference when HR recorded the decision of an external superior.
    pub decision_document: Option<String>,
    /// Who recorded the decision on the external superior's behalf.
    pub recorded_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
