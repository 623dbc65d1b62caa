//! `employees`: pegawai, PNS or PPPK.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub agency_id: Uuid,
    /// NIP (PNS) or NI PPPK, normalised to 18 digits.
    pub nip: String,
    pub asn_type: String,
    pub name: String,
    pub birth_on: Date,
    pub sex: String,
    pub golongan: Option<String>,
    pub rank_since_on: Option<Date>,
    pub unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    pub status: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
