//! `calibrations`: A predicate changed by HR during calibration, with its reason.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calibrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub evaluation_id: Uuid,
    pub before_predicate: String,
    pub after_predicate: String,
    pub reason: String,
    pub calibrated_by: String,
    pub calibrated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
