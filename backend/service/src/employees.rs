//! Employees (pegawai, PNS and PPPK): listing, creation, changes. Checks the NIP / NI PPPK
//! against the recorded birth date and sex, the golongan against the reference table, and
//! keeps unit and position inside the employee's agency. An employee sees only their own
//! record and those of the people they currently appraise.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use kinerja_domain::nip::{self, IdentifierProblem};
use kinerja_domain::org::{AsnType, EmployeeStatus, PositionKind, Role, Sex};
use kinerja_domain::reference::{self, find_golongan};
use kinerja_store::entities::{appraiser_assignment, employee, position, unit};
use sea_orm::sea_query::{CaseStatement, Condition, Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    JoinType, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidateEmail, ValidationError};

use crate::actor::{Access, Ctx};
use crate::agencies::{double_option, like_contains, like_prefix, non_blank};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate, validation_errors};
use crate::pagination::{Page, PageParams, parse_sort};
use crate::{Services, check_version, now};

/// An employee as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EmployeeView {
    pub id: Uuid,
    pub agency_id: Uuid,
    /// NIP (PNS) or NI PPPK: 18 digits.
    #[schema(example = "198609262015051001")]
    pub nip: String,
    /// The spaced display form.
    #[schema(example = "19860926 201505 1 001")]
    pub nip_display: String,
    pub asn_type: AsnType,
    #[schema(example = "Siti Rahmawati, S.Kom.")]
    pub name: String,
    pub birth_on: NaiveDate,
    pub sex: Sex,
    /// Golongan/ruang, e.g. "III/a" (PNS) or "IX" (PPPK).
    pub golongan: Option<String>,
    /// Pangkat of the golongan (PNS only).
    pub pangkat: Option<String>,
    /// Since when the employee holds the golongan (TMT).
    pub rank_since_on: Option<NaiveDate>,
    pub unit_id: Option<Uuid>,
    pub unit_name: Option<String>,
    pub position_id: Option<Uuid>,
    pub position_name: Option<String>,
    pub position_kind: Option<PositionKind>,
    pub status: EmployeeStatus,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Things about the identifier HR should double-check; they never block a change.
    pub warnings: Vec<IdentifierProblem>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// Unit and position names for a set of employees, loaded in two queries.
#[derive(Default)]
pub(crate) struct Refs {
    units: HashMap<Uuid, String>,
    positions: HashMap<Uuid, (String, String)>,
}

impl Refs {
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        models: &[employee::Model],
    ) -> ServiceResult<Self> {
        let unit_ids: HashSet<Uuid> = models.iter().filter_map(|m| m.unit_id).collect();
        let position_ids: HashSet<Uuid> = models.iter().filter_map(|m| m.position_id).collect();
        let mut refs = Refs::default();
        if !unit_ids.is_empty() {
            refs.units = unit::Entity::find()
                .filter(unit::Column::Id.is_in(unit_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect();
        }
        if !position_ids.is_empty() {
            refs.positions = position::Entity::find()
                .filter(position::Column::Id.is_in(position_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, (p.name, p.kind)))
                .collect();
        }
        Ok(refs)
    }

    pub(crate) fn view(&self, m: &employee::Model) -> EmployeeView {
        let asn_type = AsnType::parse(&m.asn_type).unwrap_or(AsnType::Pns);
        let warnings = nip::validate_identifier(asn_type, &m.nip, today())
            .map(|i| i.warnings)
            .unwrap_or_default();
        let position = m.position_id.and_then(|p| self.positions.get(&p));
        EmployeeView {
            id: m.id,
            agency_id: m.agency_id,
            nip: m.nip.clone(),
            nip_display: nip::format_spaced(asn_type, &m.nip),
            asn_type,
            name: m.name.clone(),
            birth_on: m.birth_on,
            sex: Sex::parse(&m.sex).unwrap_or(Sex::Male),
            golongan: m.golongan.clone(),
            pangkat: m
                .golongan
                .as_deref()
                .and_then(|g| find_golongan(asn_type, g))
                .map(|g| g.pangkat)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
            rank_since_on: m.rank_since_on,
            unit_id: m.unit_id,
            unit_name: m.unit_id.and_then(|u| self.units.get(&u).cloned()),
            position_id: m.position_id,
            position_name: position.map(|p| p.0.clone()),
            position_kind: position.and_then(|p| PositionKind::parse(&p.1)),
            status: EmployeeStatus::parse(&m.status).unwrap_or(EmployeeStatus::Active),
            email: m.email.clone(),
            phone: m.phone.clone(),
            warnings,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// The date rules are checked against (UTC).
pub(crate) fn today() -> NaiveDate {
    now().date_naive()
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListEmployeesQuery {
    /// The agency to list (super_admin only; others always see their own).
    pub agency_id: Option<Uuid>,
    /// Employees of exactly this unit.
    pub unit_id: Option<Uuid>,
    /// Employees of this unit and all units below it.
    pub subtree_of: Option<Uuid>,
    pub position_kind: Option<PositionKind>,
    pub status: Option<EmployeeStatus>,
    pub asn_type: Option<AsnType>,
    /// Name contains (case-insensitive), or NIP starts with (spaces ignored).
    #[validate(length(max = 100))]
    pub q: Option<String>,
    /// `name`, `nip`, `golongan` or `created_at`; prefix with `-` for descending. Default `name`.
    pub sort: Option<String>,
}

/// A new employee. Without `birth_on` / `sex` they are taken from the NIP.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"nip": "19860926 201505 1 001", "asn_type": "pns", "name": "Siti Rahmawati, S.Kom.",
    "golongan": "III/b", "rank_since_on": "2019-04-01", "unit_id": "0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a11",
    "position_id": "0190f0c2-7d2b-7c4e-9c1a-6a3b2e1f0a12", "email": "siti@example.go.id"}))]
pub struct CreateEmployee {
    /// The agency (super_admin only; others create in their own).
    pub agency_id: Option<Uuid>,
    /// NIP or NI PPPK; the spaced form is accepted.
    #[validate(length(min = 1, max = 40))]
    pub nip: String,
    pub asn_type: AsnType,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Must agree with the NIP; derived from it when absent.
    pub birth_on: Option<NaiveDate>,
    /// Must agree with the NIP; derived from it when absent.
    pub sex: Option<Sex>,
    /// A golongan of the ASN type (`III/a`, `IX`).
    #[validate(length(min = 1, max = 8))]
    pub golongan: Option<String>,
    pub rank_since_on: Option<NaiveDate>,
    pub unit_id: Option<Uuid>,
    pub position_id: Option<Uuid>,
    /// Default `active`.
    pub status: Option<EmployeeStatus>,
    #[validate(email, length(max = 254))]
    pub email: Option<String>,
    #[validate(length(min = 1, max = 32), custom(function = "valid_phone"))]
    pub phone: Option<String>,
}

/// Changes to an employee; absent fields stay as they are, `null` clears a nullable one.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"golongan": "III/c", "rank_since_on": "2023-04-01"}))]
pub struct UpdateEmployee {
    #[validate(length(min = 1, max = 40))]
    pub nip: Option<String>,
    pub asn_type: Option<AsnType>,
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    pub birth_on: Option<NaiveDate>,
    pub sex: Option<Sex>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub golongan: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<NaiveDate>)]
    pub rank_since_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub unit_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<Uuid>)]
    pub position_id: Option<Option<Uuid>>,
    pub status: Option<EmployeeStatus>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
}

fn valid_phone(phone: &str) -> Result<(), ValidationError> {
    if phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
    {
        Ok(())
    } else {
        Err(ValidationError::new("phone_chars")
            .with_message("Use only digits, spaces, '+', '-' and parentheses.".into()))
    }
}

/// Field checks of the optional contact fields, shared with the bulk import.
pub(crate) fn check_contact(
    email: Option<&str>,
    phone: Option<&str>,
    field: &dyn Fn(&str) -> String,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(e) = email
        && (e.chars().count() > 254 || !e.validate_email())
    {
        errors.push(FieldError::new(
            field("email"),
            "email",
            "Must be a valid email address.",
        ));
    }
    if let Some(p) = phone {
        if p.chars().count() > 32 {
            errors.push(FieldError::new(
                field("phone"),
                "length",
                "Must be at most 32 characters long.",
            ));
        } else if let Err(e) = valid_phone(p) {
            errors.push(FieldError::new(
                field("phone"),
                e.code.to_string(),
                e.message.map(|m| m.to_string()).unwrap_or_default(),
            ));
        }
    }
    errors
}

/// What the identity checks settle: the normalised NIP, the birth date and sex (given or
/// derived), the canonical golongan code and the NIP's soft warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Identity {
    pub nip: String,
    pub birth_on: NaiveDate,
    pub sex: Sex,
    pub golongan: Option<String>,
    pub warnings: Vec<IdentifierProblem>,
}

/// NIP / NI PPPK (hard errors on `nip`), agreement with birth date and sex (errors on
/// `birth_on` / `sex`) and the golongan of the ASN type (error on `golongan`). `field` turns a
/// field name into the path reported (`nip`, `rows[3].nip`, `line 4: nip`).
pub(crate) fn check_identity(
    asn_type: AsnType,
    raw_nip: &str,
    birth_on: Option<NaiveDate>,
    sex: Option<Sex>,
    golongan: Option<&str>,
    field: &dyn Fn(&str) -> String,
) -> Result<Identity, Vec<FieldError>> {
    let mut errors = Vec::new();
    let golongan = match golongan.map(str::trim).filter(|g| !g.is_empty()) {
        None => None,
        Some(g) => match find_golongan(asn_type, g) {
            Some(info) => Some(info.code.to_owned()),
            None => {
                let known: Vec<&str> = match asn_type {
                    AsnType::Pns => reference::golongan_pns(),
                    AsnType::Pppk => reference::golongan_pppk(),
                }
                .iter()
                .map(|g| g.code)
                .collect();
                errors.push(FieldError::new(
                    field("golongan"),
                    "golongan_unknown",
                    format!(
                        "{g} is not a golongan of a {}; use one of {}.",
                        asn_type.as_str().to_uppercase(),
                        known.join(", ")
                    ),
                ));
                None
            }
        },
    };
    match nip::validate_identifier(asn_type, raw_nip, today()) {
        Err(problems) => {
            errors.extend(
                problems
                    .into_iter()
                    .map(|p| FieldError::new(field("nip"), p.code, p.message)),
            );
            Err(errors)
        }
        Ok(info) => {
            for p in nip::cross_check(&info, birth_on, sex) {
                let f = if p.code == "nip_sex_mismatch" {
                    "sex"
                } else {
                    "birth_on"
                };
                errors.push(FieldError::new(field(f), p.code, p.message));
            }
            if errors.is_empty() {
                Ok(Identity {
                    birth_on: birth_on.unwrap_or(info.birth_on),
                    sex: sex.unwrap_or(info.sex),
                    nip: info.normalized,
                    golongan,
                    warnings: info.warnings,
                })
            } else {
                Err(errors)
            }
        }
    }
}

/// Which employees of an agency the caller may read.
enum Visible {
    All,
    Only(HashSet<Uuid>),
}

impl Visible {
    fn contains(&self, id: Uuid) -> bool {
        match self {
            Visible::All => true,
            Visible::Only(ids) => ids.contains(&id),
        }
    }
}

/// Administrators of employees read all of them; an employee reads their own record and those
/// of the people they currently appraise. Other agencies read as not found.
async fn visible<C: ConnectionTrait>(db: &C, ctx: &Ctx, agency_id: Uuid) -> ServiceResult<Visible> {
    let actor = &ctx.actor;
    actor.check_agency(agency_id, "employee")?;
    if actor.can_administer(agency_id, "employees", Access::Read) {
        return Ok(Visible::All);
    }
    match (actor.role(), actor.employee_id()) {
        (Some(Role::Employee), Some(me)) => {
            let mut ids: HashSet<Uuid> = current_appraisees(db, agency_id, me).await?;
            ids.insert(me);
            Ok(Visible::Only(ids))
        }
        (Some(Role::Employee), None) => Ok(Visible::Only(HashSet::new())),
        _ => Err(ServiceError::forbidden(
            "You may not read employees of this agency.",
        )),
    }
}

/// The employees `appraiser` appraises today (appraiser assignments valid today).
pub(crate) async fn current_appraisees<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    appraiser: Uuid,
) -> ServiceResult<HashSet<Uuid>> {
    let day = today();
    Ok(appraiser_assignment::Entity::find()
        .filter(appraiser_assignment::Column::AgencyId.eq(agency_id))
        .filter(appraiser_assignment::Column::AppraiserEmployeeId.eq(appraiser))
        .filter(appraiser_assignment::Column::ValidFrom.lte(day))
        .filter(
            Condition::any()
                .add(appraiser_assignment::Column::ValidUntil.is_null())
                .add(appraiser_assignment::Column::ValidUntil.gte(day)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.employee_id)
        .collect())
}

fn golongan_rank_expr() -> Expr {
    let mut case = CaseStatement::new();
    for g in reference::golongan_pns()
        .iter()
        .chain(reference::golongan_pppk())
    {
        case = case.case(
            Expr::col((employee::Entity, employee::Column::AsnType))
                .eq(g.asn_type.as_str())
                .and(Expr::col((employee::Entity, employee::Column::Golongan)).eq(g.code)),
            i32::from(g.rank),
        );
    }
    Expr::Case(Box::new(case.finally(0)))
}

/// Lists employees with filters and a total count; an employee sees only the records they
/// may read.
pub async fn list_employees(
    s: &Services,
    ctx: &Ctx,
    query: ListEmployeesQuery,
    page: PageParams,
) -> ServiceResult<Page<EmployeeView>> {
    validate(&query)?;
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    let db = s.db.conn();
    let scope = visible(db, ctx, agency_id).await?;
    let (field, desc) = parse_sort(
        query.sort.as_deref(),
        &["name", "nip", "golongan", "created_at"],
        "name",
    )?;
    let mut select = employee::Entity::find().filter(employee::Column::AgencyId.eq(agency_id));
    if let Visible::Only(ids) = &scope {
        select = select.filter(employee::Column::Id.is_in(ids.iter().copied()));
    }
    if let Some(u) = query.unit_id {
        select = select.filter(employee::Column::UnitId.eq(u));
    }
    if let Some(root) = query.subtree_of {
        let prefix = unit::Entity::find_by_id(root)
            .filter(unit::Column::AgencyId.eq(agency_id))
            .one(db)
            .await?
            .map(|u| u.path)
            .unwrap_or_else(|| format!("/{root}/"));
        select = select
            .join(
                JoinType::InnerJoin,
                employee::Entity::belongs_to(unit::Entity)
                    .from(employee::Column::UnitId)
                    .to(unit::Column::Id)
                    .into(),
            )
            .filter(unit::Column::Path.like(like_prefix(&prefix)));
    }
    if let Some(kind) = query.position_kind {
        select = select
            .join(
                JoinType::InnerJoin,
                employee::Entity::belongs_to(position::Entity)
                    .from(employee::Column::PositionId)
                    .to(position::Column::Id)
                    .into(),
            )
            .filter(position::Column::Kind.eq(kind.as_str()));
    }
    if let Some(st) = query.status {
        select = select.filter(employee::Column::Status.eq(st.as_str()));
    }
    if let Some(t) = query.asn_type {
        select = select.filter(employee::Column::AsnType.eq(t.as_str()));
    }
    if let Some(q) = non_blank(query.q.as_deref()) {
        let mut cond = Condition::any().add(
            Expr::expr(Func::lower(Expr::col((
                employee::Entity,
                employee::Column::Name,
            ))))
            .like(like_contains(&q.to_lowercase())),
        );
        let digits: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            cond = cond.add(employee::Column::Nip.like(like_prefix(&digits)));
        }
        select = select.filter(cond);
    }
    let order = if desc { Order::Desc } else { Order::Asc };
    let select = match field {
        "nip" => select.order_by(employee::Column::Nip, order.clone()),
        "created_at" => select.order_by(employee::Column::CreatedAt, order.clone()),
        "golongan" => select
            .order_by(golongan_rank_expr(), order.clone())
            .order_by(employee::Column::Name, Order::Asc),
        _ => select.order_by(employee::Column::Name, order.clone()),
    }
    .order_by(employee::Column::Id, order);
    let paginator = select.paginate(db, page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    let refs = Refs::load(db, &items).await?;
    Ok(Page {
        items: items.iter().map(|m| refs.view(m)).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// One employee.
pub async fn get_employee(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<EmployeeView> {
    let db = s.db.conn();
    let model = employee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("employee"))?;
    if !visible(db, ctx, model.agency_id).await?.contains(id) {
        return Err(ServiceError::not_found("employee"));
    }
    let refs = Refs::load(db, std::slice::from_ref(&model)).await?;
    Ok(refs.view(&model))
}

/// Unit and position of an employee must be active objects of the same agency; reported on
/// `unit_id` / `position_id` without revealing other agencies' objects.
async fn check_placement<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit_id: Option<Uuid>,
    position_id: Option<Uuid>,
) -> ServiceResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Some(u) = unit_id {
        match unit::Entity::find_by_id(u)
            .filter(unit::Column::AgencyId.eq(agency_id))
            .one(db)
            .await?
        {
            None => errors.push(FieldError::new(
                "unit_id",
                "unit_not_found",
                "No unit with this id exists in the agency.",
            )),
            Some(u) if !u.is_active => errors.push(FieldError::new(
                "unit_id",
                "unit_inactive",
                format!("{} is deactivated.", u.name),
            )),
            Some(_) => {}
        }
    }
    if let Some(p) = position_id {
        match position::Entity::find_by_id(p)
            .filter(position::Column::AgencyId.eq(agency_id))
            .one(db)
            .await?
        {
            None => errors.push(FieldError::new(
                "position_id",
                "position_not_found",
                "No position with this id exists in the agency.",
            )),
            Some(p) if !p.is_active => errors.push(FieldError::new(
                "position_id",
                "position_inactive",
                format!("{} is deactivated.", p.name),
            )),
            Some(_) => {}
        }
    }
    Ok(errors)
}

async fn ensure_nip_free<C: ConnectionTrait>(
    db: &C,
    nip: &str,
    except: Option<Uuid>,
) -> ServiceResult<()> {
    let mut q = employee::Entity::find().filter(employee::Column::Nip.eq(nip));
    if let Some(id) = except {
        q = q.filter(employee::Column::Id.ne(id));
    }
    if q.count(db).await? > 0 {
        return Err(ServiceError::conflict(
            "nip_taken",
            format!("An employee with the identifier {nip} is already registered."),
        ));
    }
    Ok(())
}

fn plain(name: &str) -> String {
    name.to_owned()
}

/// Creates an employee.
pub async fn create_employee(
    s: &Services,
    ctx: &Ctx,
    mut req: CreateEmployee,
) -> ServiceResult<EmployeeView> {
    req.name = req.name.trim().to_owned();
    req.email = non_blank(req.email.as_deref()).map(str::to_owned);
    req.phone = non_blank(req.phone.as_deref()).map(str::to_owned);
    let agency_id = ctx.actor.scope_agency(req.agency_id)?;
    ctx.actor
        .require_admin(agency_id, "employees", Access::Write, "agency")?;
    let mut errors = req
        .validate()
        .err()
        .map(|e| validation_errors(&e))
        .unwrap_or_default();
    let identity = match check_identity(
        req.asn_type,
        &req.nip,
        req.birth_on,
        req.sex,
        req.golongan.as_deref(),
        &plain,
    ) {
        Ok(i) => Some(i),
        Err(e) => {
            errors.extend(
                e.into_iter()
                    .filter(|e| e.field != "nip" || !req.nip.is_empty()),
            );
            None
        }
    };
    let txn = s.db.begin_write().await?;
    errors.extend(check_placement(&*txn, agency_id, req.unit_id, req.position_id).await?);
    let identity = match identity {
        Some(i) if errors.is_empty() => i,
        _ => return Err(ServiceError::Validation(errors)),
    };
    ensure_nip_free(&*txn, &identity.nip, None).await?;
    let at = now();
    let model = employee::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        nip: Set(identity.nip),
        asn_type: Set(req.asn_type.as_str().to_owned()),
        name: Set(req.name),
        birth_on: Set(identity.birth_on),
        sex: Set(identity.sex.as_str().to_owned()),
        golongan: Set(identity.golongan),
        rank_since_on: Set(req.rank_since_on),
        unit_id: Set(req.unit_id),
        position_id: Set(req.position_id),
        status: Set(req
            .status
            .unwrap_or(EmployeeStatus::Active)
            .as_str()
            .to_owned()),
        email: Set(req.email),
        phone: Set(req.phone),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let view = Refs::load(&*txn, std::slice::from_ref(&model))
        .await?
        .view(&model);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(model.id),
            agency_id: Some(agency_id),
            action: "employee.create",
            entity_type: "employee",
            entity_id: model.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Changes an employee. The NIP, birth date, sex and golongan are re-checked together.
pub async fn update_employee(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    mut req: UpdateEmployee,
) -> ServiceResult<EmployeeView> {
    req.name = req.name.map(|n| n.trim().to_owned());
    req.email = req
        .email
        .map(|v| non_blank(v.as_deref()).map(str::to_owned));
    req.phone = req
        .phone
        .map(|v| non_blank(v.as_deref()).map(str::to_owned));
    req.golongan = req
        .golongan
        .map(|v| non_blank(v.as_deref()).map(str::to_owned));
    let txn = s.db.begin_write().await?;
    let model = employee::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("employee"))?;
    let scope = visible(&*txn, ctx, model.agency_id).await;
    if !ctx
        .actor
        .can_administer(model.agency_id, "employees", Access::Write)
    {
        return Err(match scope {
            Ok(v) if v.contains(id) => {
                ServiceError::forbidden("You may not change employee records.")
            }
            Ok(_) => ServiceError::not_found("employee"),
            Err(e) => e,
        });
    }
    check_version(if_match, model.version)?;
    let mut errors = req
        .validate()
        .err()
        .map(|e| validation_errors(&e))
        .unwrap_or_default();
    errors.extend(check_contact(
        req.email.clone().flatten().as_deref(),
        req.phone.clone().flatten().as_deref(),
        &plain,
    ));
    let asn_type = req
        .asn_type
        .unwrap_or_else(|| AsnType::parse(&model.asn_type).unwrap_or(AsnType::Pns));
    let nip_raw = req.nip.clone().unwrap_or_else(|| model.nip.clone());
    let birth_on = req.birth_on.unwrap_or(model.birth_on);
    let sex = req
        .sex
        .or_else(|| Sex::parse(&model.sex))
        .unwrap_or(Sex::Male);
    let golongan = req
        .golongan
        .clone()
        .unwrap_or_else(|| model.golongan.clone());
    let identity = match check_identity(
        asn_type,
        &nip_raw,
        Some(birth_on),
        Some(sex),
        golongan.as_deref(),
        &plain,
    ) {
        Ok(i) => Some(i),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let unit_id = req.unit_id.unwrap_or(model.unit_id);
    let position_id = req.position_id.unwrap_or(model.position_id);
    // Only a changed placement is checked: an employee stays editable after their unit closes.
    errors.extend(
        check_placement(
            &*txn,
            model.agency_id,
            unit_id.filter(|u| Some(*u) != model.unit_id),
            position_id.filter(|p| Some(*p) != model.position_id),
        )
        .await?,
    );
    let identity = match identity {
        Some(i) if errors.is_empty() => i,
        _ => {
            errors.sort_by(|a, b| a.field.cmp(&b.field));
            return Err(ServiceError::Validation(errors));
        }
    };
    if identity.nip != model.nip {
        ensure_nip_free(&*txn, &identity.nip, Some(id)).await?;
    }
    let refs_before = Refs::load(&*txn, std::slice::from_ref(&model)).await?;
    let before = refs_before.view(&model);
    let mut next = model.clone();
    next.nip = identity.nip;
    next.asn_type = asn_type.as_str().to_owned();
    next.name = req.name.unwrap_or_else(|| model.name.clone());
    next.birth_on = identity.birth_on;
    next.sex = identity.sex.as_str().to_owned();
    next.golongan = identity.golongan;
    next.rank_since_on = req.rank_since_on.unwrap_or(model.rank_since_on);
    next.unit_id = unit_id;
    next.position_id = position_id;
    next.status = req
        .status
        .map(|st| st.as_str().to_owned())
        .unwrap_or_else(|| model.status.clone());
    next.email = req.email.unwrap_or_else(|| model.email.clone());
    next.phone = req.phone.unwrap_or_else(|| model.phone.clone());
    if next == model {
        return Ok(before);
    }
    next.version = model.version + 1;
    next.updated_at = now();
    let saved = save(&*txn, next).await?;
    let after = Refs::load(&*txn, std::slice::from_ref(&saved))
        .await?
        .view(&saved);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(id),
            agency_id: Some(saved.agency_id),
            action: "employee.update",
            entity_type: "employee",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Writes every field of `next` over the stored row.
pub(crate) async fn save<C: ConnectionTrait>(
    db: &C,
    next: employee::Model,
) -> ServiceResult<employee::Model> {
    Ok(next.into_active_model().reset_all().update(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(r: Result<Identity, Vec<FieldError>>) -> Vec<(String, String)> {
        r.unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_spaced_nip_is_normalised_and_birth_date_and_sex_are_derived() {
        let id = check_identity(
            AsnType::Pns,
            "19860926 201505 1 001",
            None,
            None,
            Some("iii/b"),
            &plain,
        )
        .unwrap();
        assert_eq!(id.nip, "198609262015051001");
        assert_eq!(id.birth_on, d(1986, 9, 26));
        assert_eq!(id.sex, Sex::Male);
        assert_eq!(id.golongan.as_deref(), Some("III/b"));
    }

    #[test]
    fn a_birth_date_or_sex_disagreeing_with_the_nip_names_those_fields() {
        let r = check_identity(
            AsnType::Pns,
            "198609262015051001",
            Some(d(1986, 9, 27)),
            Some(Sex::Female),
            None,
            &|f| format!("rows[2].{f}"),
        );
        assert_eq!(
            fields(r),
            [
                (
                    "rows[2].birth_on".to_owned(),
                    "nip_birth_date_mismatch".to_owned()
                ),
                ("rows[2].sex".to_owned(), "nip_sex_mismatch".to_owned()),
            ]
        );
    }

    #[test]
    fn a_golongan_of_the_other_asn_type_is_refused_alongside_nip_errors() {
        let r = check_identity(AsnType::Pppk, "12345", None, None, Some("III/a"), &plain);
        let f = fields(r);
        assert!(f.contains(&("golongan".to_owned(), "golongan_unknown".to_owned())));
        assert!(f.contains(&("nip".to_owned(), "nip_length".to_owned())));
    }

    #[test]
    fn contact_checks_name_the_fields() {
        let e = check_contact(Some("not-an-email"), Some("0812x"), &plain);
        let f: Vec<_> = e.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(f, ["email", "phone"]);
        assert!(check_contact(Some("a@b.go.id"), Some("+62 812-3456"), &plain).is_empty());
    }
}
