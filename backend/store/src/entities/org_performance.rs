//! `org_performance`: A unit's organisation predicate in a period.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_performance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub unit_id: Uuid,
    pub period_id: Uuid,
    pub predicate: String,
    pub basis: Option<String>,
    pub set_by: String,
    pub set_at: DateTimeUtc,
    pub distribution_override_reason: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
