//! `indicators`: An indicator (IKI) of a work result; targets are decimal text.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub work_result_id: Uuid,
    pub seq: i32,
    pub aspect: String,
    pub description: String,
    pub direction: String,
    pub target_min: Option<String>,
    pub target_max: Option<String>,
    pub unit: Option<String>,
    pub target_text: Option<String>,
    pub is_target_maximum: bool,
    pub source_system: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
