//! `work_results`: A work result (RHK) of a plan, main or additional.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_results")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub plan_id: Uuid,
    pub kind: String,
    pub seq: i32,
    pub description: String,
    pub cascades_from_id: Option<Uuid>,
    pub assigned_by: Option<String>,
    pub perspective: Option<String>,
    pub classification: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
