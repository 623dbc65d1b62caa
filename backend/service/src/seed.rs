//! Direct inserts for fixtures and the demo agency: trusted input, no audit entries, no
//! authorization. Never reachable from the HTTP API.

use chrono::NaiveDate;
use kinerja_domain::org::{ActingKind, AsnType, EmployeeStatus, PositionKind, Role, Sex, UnitKind};
use kinerja_store::entities::{agency, appraiser_assignment, employee, position, unit, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use uuid::Uuid;

use crate::error::ServiceResult;
use crate::now;

pub async fn agency<C: ConnectionTrait>(
    db: &C,
    code: &str,
    name: &str,
) -> ServiceResult<agency::Model> {
    let at = now();
    Ok(agency::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        siasn_instansi_id: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

pub async fn unit<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    parent: Option<&unit::Model>,
    code: &str,
    name: &str,
    kind: UnitKind,
) -> ServiceResult<unit::Model> {
    let at = now();
    let id = Uuid::now_v7();
    let (path, depth) = match parent {
        Some(p) => (format!("{}{id}/", p.path), p.depth + 1),
        None => (format!("/{id}/"), 0),
    };
    Ok(unit::ActiveModel {
        id: Set(id),
        agency_id: Set(agency_id),
        parent_id: Set(parent.map(|p| p.id)),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        siasn_unor_id: Set(None),
        is_active: Set(true),
        path: Set(path),
        depth: Set(depth),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

pub async fn position<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit_id: Option<Uuid>,
    code: &str,
    name: &str,
    kind: PositionKind,
    functional_level: Option<kinerja_domain::org::FunctionalLevel>,
) -> ServiceResult<position::Model> {
    let at = now();
    Ok(position::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        unit_id: Set(unit_id),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        jpt_level: Set((kind == PositionKind::Jpt).then(|| "pratama".to_owned())),
        functional_level: Set(functional_level.map(|l| l.as_str().to_owned())),
        is_active: Set(true),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

/// Fields of a seeded employee.
pub struct NewEmployee<'a> {
    pub nip: &'a str,
    pub asn_type: AsnType,
    pub name: &'a str,
    pub birth_on: NaiveDate,
    pub sex: Sex,
    pub golongan: Option<&'a str>,
    pub rank_since_on: Option<NaiveDate>,
    pub unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
}

pub async fn employee<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    e: NewEmployee<'_>,
) -> ServiceResult<employee::Model> {
    let at = now();
    Ok(employee::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        nip: Set(e.nip.to_owned()),
        asn_type: Set(e.asn_type.as_str().to_owned()),
        name: Set(e.name.to_owned()),
        birth_on: Set(e.birth_on),
        sex: Set(e.sex.as_str().to_owned()),
        golongan: Set(e.golongan.map(str::to_owned)),
        rank_since_on: Set(e.rank_since_on),
        unit_id: Set(e.unit_id),
        position_id: Set(e.position_id),
        status: Set(EmployeeStatus::Active.as_str().to_owned()),
        email: Set(None),
        phone: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

pub async fn user<C: ConnectionTrait>(
    db: &C,
    agency_id: Option<Uuid>,
    username: &str,
    role: Role,
    employee_id: Option<Uuid>,
    password_hash: &str,
) -> ServiceResult<user::Model> {
    let at = now();
    Ok(user::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        username: Set(username.to_lowercase()),
        employee_id: Set(employee_id),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(password_hash.to_owned()),
        is_active: Set(true),
        failed_login_count: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        password_changed_at: Set(at),
        must_change_password: Set(false),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}

/// An appraiser assignment between two employees of one agency.
pub async fn assignment<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    employee_id: Uuid,
    appraiser_employee_id: Uuid,
    superior_employee_id: Option<Uuid>,
    valid_from: NaiveDate,
) -> ServiceResult<appraiser_assignment::Model> {
    let at = now();
    Ok(appraiser_assignment::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        employee_id: Set(employee_id),
        appraiser_employee_id: Set(Some(appraiser_employee_id)),
        appraiser_external_id: Set(None),
        superior_employee_id: Set(superior_employee_id),
        superior_external_id: Set(None),
        acting_kind: Set(ActingKind::Definitive.as_str().to_owned()),
        valid_from: Set(valid_from),
        valid_until: Set(None),
        note: Set(None),
        created_by: Set("seed".to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(db)
    .await?)
}
