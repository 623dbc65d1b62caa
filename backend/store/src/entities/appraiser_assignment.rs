//! `appraiser_assignments`: who appraises whom, with validity dates and acting appointments.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appraiser_assignments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub acting_kind: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
