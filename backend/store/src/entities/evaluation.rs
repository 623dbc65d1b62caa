//! `evaluations`: A period's (or the year's) evaluation of one plan: ratings, predicate, signature.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub cycle_id: Uuid,
    pub period_id: Uuid,
    pub plan_id: Uuid,
    pub employee_id: Uuid,
    pub unit_id: Option<Uuid>,
    pub is_annual: bool,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub status: String,
    pub result_rating: Option<String>,
    pub behaviour_rating: Option<String>,
    pub predicate: Option<String>,
    pub result_justification: Option<String>,
    pub behaviour_justification: Option<String>,
    pub appraiser_note: Option<String>,
    pub has_innovation: bool,
    pub innovation_note: Option<String>,
    pub self_assessment: Option<String>,
    pub regime: String,
    pub numeric_snapshot: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
    pub rated_by: Option<String>,
    pub calibrated_predicate: Option<String>,
    pub distribution_override_reason: Option<String>,
    pub content_hash: Option<String>,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTimeUtc>,
    pub finalised_at: Option<DateTimeUtc>,
    pub received_at: Option<DateTimeUtc>,
    pub final_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
