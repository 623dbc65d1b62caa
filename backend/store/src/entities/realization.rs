//! `realizations`: What was achieved on an indicator in a period (realisasi).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "realizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub indicator_id: Uuid,
    pub period_id: Uuid,
    pub value: Option<String>,
    pub body: Option<String>,
    pub source_system: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
