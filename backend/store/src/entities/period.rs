//! `periods`: A period of a cycle (periode penilaian) with its fill-in deadline.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "periods")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    pub cycle_id: Uuid,
    pub kind: String,
    pub seq: i32,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub fill_deadline_on: Date,
    pub is_final: bool,
    pub status: String,
    pub finalised_at: Option<DateTimeUtc>,
    pub finalised_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
