//! Appraiser assignments (pejabat penilai and atasan pejabat penilai, domain.md 1.8) with their
//! history, and the one answer to "who appraises employee X on day D". Assignments are never
//! deleted: an assignment ends by getting a `valid_until`.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use kinerja_domain::org::{ActingKind, AppraiserStatus};
use kinerja_store::entities::{appraiser_assignment, employee, external_appraiser, position, unit};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx, Principal};
use crate::audit::{self, Change};
use crate::error::{FieldError, ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::{Services, now};

const RESOURCE: &str = "assignments";
const ENTITY: &str = "appraiser assignment";

/// For PATCH bodies: an absent field is `None`, an explicit `null` is `Some(None)`.
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// The working day in Indonesia's westernmost time zone (WIB, UTC+7), where most agencies are;
/// "today" for an agency in WITA or WIT differs only in the hours after their midnight.
pub fn today() -> NaiveDate {
    (Utc::now() + TimeDelta::hours(7)).date_naive()
}

/// Whether a person in an appraisal is an employee of the agency or an external appraiser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    Employee,
    External,
}

/// A person as an appraisal names them: the appraised employee, the appraiser or the
/// appraiser's superior.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PersonView {
    pub kind: PersonKind,
    /// Employee id or external appraiser id, according to `kind`.
    pub id: Uuid,
    #[schema(example = "Dr. Hendra Wijaya, M.Pd.")]
    pub name: String,
    /// NIP / NI PPPK of an employee; NIP, NRP or another number of an external appraiser.
    #[schema(example = "197503152000031001")]
    pub nip_or_id_number: String,
    /// SIASN `statusPenilai`: employees are always ASN.
    pub status: AppraiserStatus,
    /// Position (jabatan) name or title.
    #[schema(example = "Kepala Dinas Pendidikan")]
    pub position: Option<String>,
    /// Unit name.
    #[schema(example = "Dinas Pendidikan")]
    pub unit: Option<String>,
    #[schema(example = "IV/b")]
    pub golongan: Option<String>,
}

/// One appraiser assignment: who appraises `employee`, from when until when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    pub id: Uuid,
    pub agency_id: Uuid,
    pub employee_id: Uuid,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    pub employee: PersonView,
    pub appraiser: PersonView,
    /// Atasan pejabat penilai: decides objections.
    pub appraiser_superior: Option<PersonView>,
    pub acting_kind: ActingKind,
    pub valid_from: NaiveDate,
    /// Last day of validity; open-ended when null.
    pub valid_until: Option<NaiveDate>,
    pub note: Option<String>,
    /// Who created the assignment (account or client label).
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

/// Assigns an appraiser to an employee from a date.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "employee_id": "0190f0c2-8a5e-7000-8000-000000000001",
    "appraiser_employee_id": "0190f0c2-8a5e-7000-8000-000000000002",
    "superior_employee_id": "0190f0c2-8a5e-7000-8000-000000000003",
    "acting_kind": "definitive", "valid_from": "2026-01-01", "close_previous": true
}))]
pub struct CreateAssignment {
    pub employee_id: Uuid,
    /// The appraiser when they are an employee of the agency; exactly one of this and
    /// `appraiser_external_id`.
    pub appraiser_employee_id: Option<Uuid>,
    /// The appraiser when they are an external appraiser (a regent, TNI/Polri...).
    pub appraiser_external_id: Option<Uuid>,
    /// The appraiser's superior (atasan pejabat penilai), at most one of the two.
    pub superior_employee_id: Option<Uuid>,
    pub superior_external_id: Option<Uuid>,
    /// `definitive` (default), `plt` or `plh`. Plt/Plh may overlap a definitive assignment
    /// and take precedence while valid: plh over plt over definitive.
    pub acting_kind: Option<ActingKind>,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    #[validate(length(min = 1, max = 500))]
    pub note: Option<String>,
    /// When a definitive assignment of the employee is open-ended and started earlier, end it
    /// the day before `valid_from` instead of refusing the overlap.
    #[serde(default)]
    pub close_previous: bool,
}

/// Ends or annotates an assignment; absent fields stay, `null` clears.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(example = json!({"valid_until": "2026-06-30", "note": "Mutasi ke Dinas Kesehatan"}))]
pub struct UpdateAssignment {
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_until: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub note: Option<Option<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListAssignmentsQuery {
    /// Only for a super_admin: the agency to list (required for them).
    pub agency_id: Option<Uuid>,
    pub employee_id: Option<Uuid>,
    pub appraiser_employee_id: Option<Uuid>,
    pub appraiser_external_id: Option<Uuid>,
    /// Only assignments valid on this date (YYYY-MM-DD).
    pub on: Option<NaiveDate>,
    pub acting_kind: Option<ActingKind>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnDateQuery {
    /// The day asked about (YYYY-MM-DD); today (WIB) when absent.
    pub on: Option<NaiveDate>,
}

/// Who appraises an employee on a day, and by which assignment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppraiserLookup {
    pub employee: PersonView,
    /// The day the answer is for.
    pub on: NaiveDate,
    pub appraiser: PersonView,
    pub appraiser_superior: Option<PersonView>,
    pub acting_kind: ActingKind,
    pub assignment_id: Uuid,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

/// An employee whom the appraiser appraises on the day asked about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppraiseeView {
    pub employee: PersonView,
    pub assignment_id: Uuid,
    pub acting_kind: ActingKind,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

/// The appraisees of one appraiser on one day.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppraiseeList {
    pub appraiser_employee_id: Uuid,
    pub on: NaiveDate,
    pub items: Vec<AppraiseeView>,
}

// ---- resolution: the single definition of "who appraises X on D" ----

fn rank(acting_kind: &str) -> u8 {
    match ActingKind::parse(acting_kind) {
        Some(ActingKind::Plh) => 0,
        Some(ActingKind::Plt) => 1,
        _ => 2,
    }
}

/// Among the assignments of one employee valid on one day, the one that decides: a Plh over
/// a Plt over the definitive appraiser; among equals the latest `valid_from`, then the latest
/// created.
pub fn decisive<'a>(
    valid: impl IntoIterator<Item = &'a appraiser_assignment::Model>,
) -> Option<&'a appraiser_assignment::Model> {
    valid.into_iter().min_by_key(|m| {
        (
            rank(&m.acting_kind),
            Reverse(m.valid_from),
            Reverse(m.created_at),
            Reverse(m.id),
        )
    })
}

/// Assignments valid on `on`: started on or before it and not ended before it.
pub fn valid_on(on: NaiveDate) -> Condition {
    Condition::all()
        .add(appraiser_assignment::Column::ValidFrom.lte(on))
        .add(
            Condition::any()
                .add(appraiser_assignment::Column::ValidUntil.is_null())
                .add(appraiser_assignment::Column::ValidUntil.gte(on)),
        )
}

/// The assignment that decides who appraises `employee_id` on `on`, if any.
pub async fn effective_assignment<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    on: NaiveDate,
) -> ServiceResult<Option<appraiser_assignment::Model>> {
    let rows = appraiser_assignment::Entity::find()
        .filter(appraiser_assignment::Column::EmployeeId.eq(employee_id))
        .filter(valid_on(on))
        .all(db)
        .await?;
    Ok(decisive(&rows).cloned())
}

/// The deciding assignments, on `on`, of everyone whose appraiser that day is the employee
/// `appraiser_id` (an assignment overridden by a Plt/Plh does not count).
pub async fn appraisee_assignments<C: ConnectionTrait>(
    db: &C,
    appraiser_id: Uuid,
    on: NaiveDate,
) -> ServiceResult<Vec<appraiser_assignment::Model>> {
    let candidates: Vec<Uuid> = appraiser_assignment::Entity::find()
        .select_only()
        .column(appraiser_assignment::Column::EmployeeId)
        .distinct()
        .filter(appraiser_assignment::Column::AppraiserEmployeeId.eq(appraiser_id))
        .filter(valid_on(on))
        .into_tuple()
        .all(db)
        .await?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let rows = appraiser_assignment::Entity::find()
        .filter(appraiser_assignment::Column::EmployeeId.is_in(candidates))
        .filter(valid_on(on))
        .all(db)
        .await?;
    let mut by_employee: HashMap<Uuid, Vec<&appraiser_assignment::Model>> = HashMap::new();
    for r in &rows {
        by_employee.entry(r.employee_id).or_default().push(r);
    }
    Ok(by_employee
        .into_values()
        .filter_map(|v| decisive(v).cloned())
        .filter(|m| m.appraiser_employee_id == Some(appraiser_id))
        .collect())
}

/// Is the employee `appraiser_id` the appraiser of `employee_id` on `on`? For policies of other
/// use cases (an appraiser reads their appraisees' records).
pub async fn is_appraiser_of<C: ConnectionTrait>(
    db: &C,
    appraiser_id: Uuid,
    employee_id: Uuid,
    on: NaiveDate,
) -> ServiceResult<bool> {
    Ok(effective_assignment(db, employee_id, on)
        .await?
        .is_some_and(|m| m.appraiser_employee_id == Some(appraiser_id)))
}

// ---- people ----

#[derive(Default)]
struct People {
    employees: HashMap<Uuid, PersonView>,
    externals: HashMap<Uuid, PersonView>,
}

impl People {
    fn employee(&self, id: Uuid) -> PersonView {
        self.employees
            .get(&id)
            .cloned()
            .unwrap_or_else(|| missing(PersonKind::Employee, id))
    }
    fn external(&self, id: Uuid) -> PersonView {
        self.externals
            .get(&id)
            .cloned()
            .unwrap_or_else(|| missing(PersonKind::External, id))
    }
    fn either(&self, employee: Option<Uuid>, external: Option<Uuid>) -> Option<PersonView> {
        match (employee, external) {
            (Some(e), _) => Some(self.employee(e)),
            (None, Some(x)) => Some(self.external(x)),
            (None, None) => None,
        }
    }
}

// Foreign keys make this unreachable; a placeholder beats failing a whole listing.
fn missing(kind: PersonKind, id: Uuid) -> PersonView {
    PersonView {
        kind,
        id,
        name: String::new(),
        nip_or_id_number: String::new(),
        status: AppraiserStatus::Asn,
        position: None,
        unit: None,
        golongan: None,
    }
}

/// Loads the named people with their positions and units in four queries.
async fn load_people<C: ConnectionTrait>(
    db: &C,
    employee_ids: HashSet<Uuid>,
    external_ids: HashSet<Uuid>,
) -> ServiceResult<People> {
    let mut people = People::default();
    if !employee_ids.is_empty() {
        let emps = employee::Entity::find()
            .filter(employee::Column::Id.is_in(employee_ids))
            .all(db)
            .await?;
        let position_ids: HashSet<Uuid> = emps.iter().filter_map(|e| e.position_id).collect();
        let unit_ids: HashSet<Uuid> = emps.iter().filter_map(|e| e.unit_id).collect();
        let positions: HashMap<Uuid, String> = if position_ids.is_empty() {
            HashMap::new()
        } else {
            position::Entity::find()
                .filter(position::Column::Id.is_in(position_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect()
        };
        let units: HashMap<Uuid, String> = if unit_ids.is_empty() {
            HashMap::new()
        } else {
            unit::Entity::find()
                .filter(unit::Column::Id.is_in(unit_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u.name))
                .collect()
        };
        for e in emps {
            people.employees.insert(
                e.id,
                PersonView {
                    kind: PersonKind::Employee,
                    id: e.id,
                    name: e.name,
                    nip_or_id_number: e.nip,
                    status: AppraiserStatus::Asn,
                    position: e.position_id.and_then(|p| positions.get(&p).cloned()),
                    unit: e.unit_id.and_then(|u| units.get(&u).cloned()),
                    golongan: e.golongan,
                },
            );
        }
    }
    if !external_ids.is_empty() {
        for x in external_appraiser::Entity::find()
            .filter(external_appraiser::Column::Id.is_in(external_ids))
            .all(db)
            .await?
        {
            people.externals.insert(
                x.id,
                PersonView {
                    kind: PersonKind::External,
                    id: x.id,
                    name: x.name,
                    nip_or_id_number: x.id_number,
                    status: AppraiserStatus::parse(&x.status).unwrap_or(AppraiserStatus::NonAsn),
                    position: Some(x.position_title),
                    unit: x.unit_name,
                    golongan: x.golongan,
                },
            );
        }
    }
    Ok(people)
}

async fn people_of<C: ConnectionTrait>(
    db: &C,
    rows: &[appraiser_assignment::Model],
) -> ServiceResult<People> {
    let mut emps = HashSet::new();
    let mut exts = HashSet::new();
    for r in rows {
        emps.insert(r.employee_id);
        emps.extend(r.appraiser_employee_id);
        emps.extend(r.superior_employee_id);
        exts.extend(r.appraiser_external_id);
        exts.extend(r.superior_external_id);
    }
    load_people(db, emps, exts).await
}

fn view(m: &appraiser_assignment::Model, people: &People) -> AssignmentView {
    AssignmentView {
        id: m.id,
        agency_id: m.agency_id,
        employee_id: m.employee_id,
        appraiser_employee_id: m.appraiser_employee_id,
        appraiser_external_id: m.appraiser_external_id,
        superior_employee_id: m.superior_employee_id,
        superior_external_id: m.superior_external_id,
        employee: people.employee(m.employee_id),
        appraiser: people
            .either(m.appraiser_employee_id, m.appraiser_external_id)
            .unwrap_or_else(|| missing(PersonKind::Employee, Uuid::nil())),
        appraiser_superior: people.either(m.superior_employee_id, m.superior_external_id),
        acting_kind: ActingKind::parse(&m.acting_kind).unwrap_or(ActingKind::Definitive),
        valid_from: m.valid_from,
        valid_until: m.valid_until,
        note: m.note.clone(),
        created_by: m.created_by.clone(),
        created_at: m.created_at,
        updated_at: m.updated_at,
        version: m.version,
    }
}

async fn view_one<C: ConnectionTrait>(
    db: &C,
    m: &appraiser_assignment::Model,
) -> ServiceResult<AssignmentView> {
    let people = people_of(db, std::slice::from_ref(m)).await?;
    Ok(view(m, &people))
}

// ---- policies ----

/// May the caller read appraisal facts about `employee`? Admin roles and clients with the
/// scope may; an employee only about themselves (`self_ok`) and otherwise sees nothing (404).
fn require_read_about(
    ctx: &Ctx,
    agency_id: Uuid,
    self_ok: bool,
    entity: &'static str,
) -> ServiceResult<()> {
    ctx.actor.check_agency(agency_id, entity)?;
    if ctx.actor.can_administer(agency_id, RESOURCE, Access::Read) || self_ok {
        return Ok(());
    }
    match ctx.actor.principal {
        Principal::User { .. } => Err(ServiceError::not_found(entity)),
        Principal::Client { .. } => Err(ServiceError::forbidden(
            "This client needs the assignments:read scope.",
        )),
    }
}

// ---- use cases ----

/// Who appraises `employee_id` on `on` (default today): one answer, following Plh/Plt
/// precedence. 404 `no_appraiser` when nobody does.
pub async fn get_appraiser(
    s: &Services,
    ctx: &Ctx,
    employee_id: Uuid,
    on: Option<NaiveDate>,
) -> ServiceResult<AppraiserLookup> {
    let db = s.db.conn();
    let emp = employee::Entity::find_by_id(employee_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("employee"))?;
    let is_self = ctx.actor.employee_id() == Some(emp.id);
    require_read_about(ctx, emp.agency_id, is_self, "employee")?;
    let on = on.unwrap_or_else(today);
    let Some(m) = effective_assignment(db, emp.id, on).await? else {
        return Err(ServiceError::absent(
            "no_appraiser",
            format!(
                "No appraiser is assigned to {} on {on}; ask HR to assign one.",
                emp.name
            ),
        ));
    };
    let people = people_of(db, std::slice::from_ref(&m)).await?;
    let v = view(&m, &people);
    Ok(AppraiserLookup {
        employee: v.employee,
        on,
        appraiser: v.appraiser,
        appraiser_superior: v.appraiser_superior,
        acting_kind: v.acting_kind,
        assignment_id: m.id,
        valid_from: m.valid_from,
        valid_until: m.valid_until,
    })
}

/// The employees whom `employee_id` appraises on `on` (default today), by name.
pub async fn list_appraisees(
    s: &Services,
    ctx: &Ctx,
    employee_id: Uuid,
    on: Option<NaiveDate>,
) -> ServiceResult<AppraiseeList> {
    let db = s.db.conn();
    let emp = employee::Entity::find_by_id(employee_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("employee"))?;
    let is_self = ctx.actor.employee_id() == Some(emp.id);
    require_read_about(ctx, emp.agency_id, is_self, "employee")?;
    let on = on.unwrap_or_else(today);
    let rows = appraisee_assignments(db, emp.id, on).await?;
    let people = load_people(
        db,
        rows.iter().map(|r| r.employee_id).collect(),
        HashSet::new(),
    )
    .await?;
    let mut items: Vec<AppraiseeView> = rows
        .iter()
        .map(|r| AppraiseeView {
            employee: people.employee(r.employee_id),
            assignment_id: r.id,
            acting_kind: ActingKind::parse(&r.acting_kind).unwrap_or(ActingKind::Definitive),
            valid_from: r.valid_from,
            valid_until: r.valid_until,
        })
        .collect();
    items.sort_by(|a, b| {
        a.employee
            .name
            .cmp(&b.employee.name)
            .then(a.employee.id.cmp(&b.employee.id))
    });
    Ok(AppraiseeList {
        appraiser_employee_id: emp.id,
        on,
        items,
    })
}

/// One assignment: admin roles, or the employee it is about or their appraiser.
pub async fn get_assignment(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<AssignmentView> {
    let db = s.db.conn();
    let m = appraiser_assignment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    let me = ctx.actor.employee_id();
    let involved = me.is_some() && (me == Some(m.employee_id) || me == m.appraiser_employee_id);
    require_read_about(ctx, m.agency_id, involved, ENTITY)?;
    view_one(db, &m).await
}

/// The agency's assignments, newest validity first.
pub async fn list_assignments(
    s: &Services,
    ctx: &Ctx,
    query: ListAssignmentsQuery,
    page: PageParams,
) -> ServiceResult<Page<AssignmentView>> {
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Read, "agency")?;
    let mut cond = Condition::all().add(appraiser_assignment::Column::AgencyId.eq(agency_id));
    if let Some(e) = query.employee_id {
        cond = cond.add(appraiser_assignment::Column::EmployeeId.eq(e));
    }
    if let Some(a) = query.appraiser_employee_id {
        cond = cond.add(appraiser_assignment::Column::AppraiserEmployeeId.eq(a));
    }
    if let Some(x) = query.appraiser_external_id {
        cond = cond.add(appraiser_assignment::Column::AppraiserExternalId.eq(x));
    }
    if let Some(on) = query.on {
        cond = cond.add(valid_on(on));
    }
    if let Some(k) = query.acting_kind {
        cond = cond.add(appraiser_assignment::Column::ActingKind.eq(k.as_str()));
    }
    let db = s.db.conn();
    let total = appraiser_assignment::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await?;
    let rows = appraiser_assignment::Entity::find()
        .filter(cond)
        .order_by_desc(appraiser_assignment::Column::ValidFrom)
        .order_by_desc(appraiser_assignment::Column::CreatedAt)
        .order_by_desc(appraiser_assignment::Column::Id)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    let people = people_of(db, &rows).await?;
    Ok(Page {
        items: rows.iter().map(|m| view(m, &people)).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Field checks that need no database: one appraiser, at most one superior, dates in order.
fn check_shape(req: &CreateAssignment) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match (req.appraiser_employee_id, req.appraiser_external_id) {
        (None, None) => errors.push(FieldError::new(
            "appraiser_employee_id",
            "required",
            "Name the appraiser: appraiser_employee_id or appraiser_external_id.",
        )),
        (Some(_), Some(_)) => errors.push(FieldError::new(
            "appraiser_external_id",
            "one_appraiser",
            "Name one appraiser only: either appraiser_employee_id or appraiser_external_id.",
        )),
        _ => {}
    }
    if req.superior_employee_id.is_some() && req.superior_external_id.is_some() {
        errors.push(FieldError::new(
            "superior_external_id",
            "one_superior",
            "Name one superior only: either superior_employee_id or superior_external_id.",
        ));
    }
    if req.superior_employee_id.is_some() && req.superior_employee_id == Some(req.employee_id) {
        errors.push(FieldError::new(
            "superior_employee_id",
            "superior_is_employee",
            "The appraiser's superior cannot be the employee appraised.",
        ));
    }
    if req.superior_employee_id.is_some() && req.superior_employee_id == req.appraiser_employee_id {
        errors.push(FieldError::new(
            "superior_employee_id",
            "superior_is_appraiser",
            "The appraiser's superior must be someone other than the appraiser.",
        ));
    }
    if req.superior_external_id.is_some() && req.superior_external_id == req.appraiser_external_id {
        errors.push(FieldError::new(
            "superior_external_id",
            "superior_is_appraiser",
            "The appraiser's superior must be someone other than the appraiser.",
        ));
    }
    if let Some(until) = req.valid_until
        && until < req.valid_from
    {
        errors.push(FieldError::new(
            "valid_until",
            "before_valid_from",
            "valid_until must be on or after valid_from.",
        ));
    }
    errors
}

/// Definitive assignments of `employee_id` whose validity meets [from, until].
async fn overlapping_definitive<C: ConnectionTrait>(
    db: &C,
    employee_id: Uuid,
    from: NaiveDate,
    until: Option<NaiveDate>,
    except: Option<Uuid>,
) -> ServiceResult<Vec<appraiser_assignment::Model>> {
    let mut q = appraiser_assignment::Entity::find()
        .filter(appraiser_assignment::Column::EmployeeId.eq(employee_id))
        .filter(appraiser_assignment::Column::ActingKind.eq(ActingKind::Definitive.as_str()))
        .filter(
            Condition::any()
                .add(appraiser_assignment::Column::ValidUntil.is_null())
                .add(appraiser_assignment::Column::ValidUntil.gte(from)),
        );
    if let Some(until) = until {
        q = q.filter(appraiser_assignment::Column::ValidFrom.lte(until));
    }
    if let Some(id) = except {
        q = q.filter(appraiser_assignment::Column::Id.ne(id));
    }
    Ok(q.order_by_asc(appraiser_assignment::Column::ValidFrom)
        .all(db)
        .await?)
}

fn describe(m: &appraiser_assignment::Model) -> String {
    match m.valid_until {
        Some(u) => format!("assignment {} (valid {} to {u})", m.id, m.valid_from),
        None => format!(
            "assignment {} (valid from {}, open-ended)",
            m.id, m.valid_from
        ),
    }
}

fn overlap_conflict(existing: &appraiser_assignment::Model, hint: bool) -> ServiceError {
    let mut message = format!(
        "The employee already has a definitive appraiser in this period: {}.",
        describe(existing)
    );
    if hint {
        message.push_str(
            " Send close_previous: true to end it the day before the new assignment starts.",
        );
    } else {
        message.push_str(" End it first (PATCH its valid_until) or choose other dates.");
    }
    ServiceError::conflict("assignment_overlaps", message)
}

/// Checks that every referenced person exists in `agency_id`. Another agency's people are
/// reported exactly like people who do not exist.
async fn check_references<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    req: &CreateAssignment,
) -> ServiceResult<()> {
    let mut errors = Vec::new();
    let emp_fields = [
        ("appraiser_employee_id", req.appraiser_employee_id),
        ("superior_employee_id", req.superior_employee_id),
    ];
    let wanted: Vec<Uuid> = emp_fields.iter().filter_map(|(_, id)| *id).collect();
    let found: HashSet<Uuid> = if wanted.is_empty() {
        HashSet::new()
    } else {
        employee::Entity::find()
            .select_only()
            .column(employee::Column::Id)
            .filter(employee::Column::AgencyId.eq(agency_id))
            .filter(employee::Column::Id.is_in(wanted))
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    for (field, id) in emp_fields {
        if id.is_some_and(|id| !found.contains(&id)) {
            errors.push(FieldError::new(
                field,
                "not_found",
                "No employee with this id exists in the employee's agency.",
            ));
        }
    }
    let ext_fields = [
        ("appraiser_external_id", req.appraiser_external_id),
        ("superior_external_id", req.superior_external_id),
    ];
    let wanted: Vec<Uuid> = ext_fields.iter().filter_map(|(_, id)| *id).collect();
    let found: HashSet<Uuid> = if wanted.is_empty() {
        HashSet::new()
    } else {
        external_appraiser::Entity::find()
            .select_only()
            .column(external_appraiser::Column::Id)
            .filter(external_appraiser::Column::AgencyId.eq(agency_id))
            .filter(external_appraiser::Column::Id.is_in(wanted))
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    for (field, id) in ext_fields {
        if id.is_some_and(|id| !found.contains(&id)) {
            errors.push(FieldError::new(
                field,
                "not_found",
                "No external appraiser with this id exists in the employee's agency.",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::Validation(errors))
    }
}

/// Assigns an appraiser. Definitive assignments of one employee never overlap; with
/// `close_previous` an open-ended earlier one is ended the day before, in the same transaction.
pub async fn create_assignment(
    s: &Services,
    ctx: &Ctx,
    req: CreateAssignment,
) -> ServiceResult<AssignmentView> {
    // The role decides before any lookup, so that nothing leaks to those who may not write.
    if !ctx.actor.is_super_admin() {
        let own = ctx
            .actor
            .agency_id
            .ok_or_else(|| ServiceError::forbidden("This account belongs to no agency."))?;
        ctx.actor
            .require_admin(own, RESOURCE, Access::Write, "agency")?;
    }
    validate(&req)?;
    let shape = check_shape(&req);
    if !shape.is_empty() {
        return Err(ServiceError::Validation(shape));
    }
    let acting_kind = req.acting_kind.unwrap_or(ActingKind::Definitive);
    let note = req
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);

    let txn = s.db.begin_write().await?;
    // Locking the employee serialises concurrent assignments of one person on PostgreSQL
    // (SQLite writes are serialised by the write transaction already).
    let mut q = employee::Entity::find_by_id(req.employee_id);
    if txn.get_database_backend() == DbBackend::Postgres {
        q = q.lock_exclusive();
    }
    let emp = q
        .one(&*txn)
        .await?
        .filter(|e| ctx.actor.is_super_admin() || ctx.actor.agency_id == Some(e.agency_id))
        .ok_or_else(|| {
            ServiceError::field(
                "employee_id",
                "not_found",
                "No employee with this id exists in your agency.",
            )
        })?;
    let agency_id = emp.agency_id;
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Write, "agency")?;
    if req.appraiser_employee_id == Some(emp.id) {
        return Err(ServiceError::rule(
            "appraiser_is_employee",
            "An employee cannot be their own appraiser; choose their superior or an acting official.",
        ));
    }
    check_references(&*txn, agency_id, &req).await?;

    let mut closed = None;
    if acting_kind == ActingKind::Definitive {
        let overlaps =
            overlapping_definitive(&*txn, emp.id, req.valid_from, req.valid_until, None).await?;
        if let Some(first) = overlaps.first() {
            let closable = overlaps.len() == 1
                && first.valid_until.is_none()
                && first.valid_from < req.valid_from;
            if !(closable && req.close_previous) {
                return Err(overlap_conflict(first, closable));
            }
            let before = view_one(&*txn, first).await?;
            let end = req
                .valid_from
                .checked_sub_days(Days::new(1))
                .unwrap_or(req.valid_from);
            let version = first.version;
            let mut am = first.clone().into_active_model();
            am.valid_until = Set(Some(end));
            am.updated_at = Set(now());
            am.version = Set(version + 1);
            let updated = am.update(&*txn).await?;
            closed = Some((before, updated));
        }
    }

    let at = now();
    let model = appraiser_assignment::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        employee_id: Set(emp.id),
        appraiser_employee_id: Set(req.appraiser_employee_id),
        appraiser_external_id: Set(req.appraiser_external_id),
        superior_employee_id: Set(req.superior_employee_id),
        superior_external_id: Set(req.superior_external_id),
        acting_kind: Set(acting_kind.as_str().to_owned()),
        valid_from: Set(req.valid_from),
        valid_until: Set(req.valid_until),
        note: Set(note),
        created_by: Set(ctx.actor.label.clone()),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;

    if let Some((before, updated)) = closed {
        let mut after = before.clone();
        after.valid_until = updated.valid_until;
        after.updated_at = updated.updated_at;
        after.version = updated.version;
        audit::record(
            &*txn,
            ctx,
            Change {
                subject_employee_id: Some(updated.employee_id),
                agency_id: Some(agency_id),
                action: "assignment.close",
                entity_type: "appraiser_assignment",
                entity_id: updated.id.to_string(),
                before: audit::snapshot(&before),
                after: audit::snapshot(&after),
            },
        )
        .await?;
    }
    let created = view_one(&*txn, &model).await?;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(emp.id),
            agency_id: Some(agency_id),
            action: "assignment.create",
            entity_type: "appraiser_assignment",
            entity_id: model.id.to_string(),
            before: None,
            after: audit::snapshot(&created),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Ends (valid_until) or annotates (note) an assignment; If-Match. Extending a definitive
/// assignment must not make it overlap another one.
pub async fn update_assignment(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: UpdateAssignment,
) -> ServiceResult<AssignmentView> {
    let txn = s.db.begin_write().await?;
    let m = appraiser_assignment::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    ctx.actor
        .require_admin(m.agency_id, RESOURCE, Access::Write, ENTITY)?;
    crate::check_version(if_match, m.version)?;
    let valid_until = req.valid_until.unwrap_or(m.valid_until);
    if valid_until.is_some_and(|u| u < m.valid_from) {
        return Err(ServiceError::field(
            "valid_until",
            "before_valid_from",
            format!(
                "valid_until must be on or after valid_from ({}).",
                m.valid_from
            ),
        ));
    }
    let note = match req.note {
        None => m.note.clone(),
        Some(None) => None,
        Some(Some(n)) => {
            let n = n.trim().to_owned();
            if n.is_empty() || n.chars().count() > 500 {
                return Err(ServiceError::field(
                    "note",
                    "length",
                    "Must be between 1 and 500 characters long, or null.",
                ));
            }
            Some(n)
        }
    };
    if m.acting_kind == ActingKind::Definitive.as_str() && valid_until != m.valid_until {
        let overlaps =
            overlapping_definitive(&*txn, m.employee_id, m.valid_from, valid_until, Some(m.id))
                .await?;
        if let Some(first) = overlaps.first() {
            return Err(overlap_conflict(first, false));
        }
    }
    let before = view_one(&*txn, &m).await?;
    let version = m.version;
    let mut am = m.into_active_model();
    am.valid_until = Set(valid_until);
    am.note = Set(note);
    am.updated_at = Set(now());
    am.version = Set(version + 1);
    let updated = am.update(&*txn).await?;
    let mut after = before.clone();
    after.valid_until = updated.valid_until;
    after.note = updated.note.clone();
    after.updated_at = updated.updated_at;
    after.version = updated.version;
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(updated.employee_id),
            agency_id: Some(updated.agency_id),
            action: "assignment.update",
            entity_type: "appraiser_assignment",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(kind: ActingKind, from: (i32, u32, u32), n: u8) -> appraiser_assignment::Model {
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000 + n as i64, 0).unwrap();
        appraiser_assignment::Model {
            id: Uuid::from_u128(n as u128),
            agency_id: Uuid::nil(),
            employee_id: Uuid::nil(),
            appraiser_employee_id: Some(Uuid::from_u128(100 + n as u128)),
            appraiser_external_id: None,
            superior_employee_id: None,
            superior_external_id: None,
            acting_kind: kind.as_str().to_owned(),
            valid_from: NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap(),
            valid_until: None,
            note: None,
            created_by: "t".into(),
            created_at: at,
            updated_at: at,
            version: 1,
        }
    }

    #[test]
    fn plh_beats_plt_beats_definitive_whatever_their_start() {
        let rows = [
            a(ActingKind::Definitive, (2026, 3, 1), 1),
            a(ActingKind::Plt, (2026, 1, 1), 2),
            a(ActingKind::Plh, (2025, 1, 1), 3),
        ];
        assert_eq!(decisive(&rows).unwrap().id, rows[2].id);
        assert_eq!(decisive(&rows[..2]).unwrap().id, rows[1].id);
        assert!(decisive(&rows[..0]).is_none());
    }

    #[test]
    fn among_equals_the_latest_start_decides_then_the_latest_created() {
        let rows = [
            a(ActingKind::Plt, (2026, 1, 1), 1),
            a(ActingKind::Plt, (2026, 2, 1), 2),
            a(ActingKind::Plt, (2026, 2, 1), 3),
        ];
        assert_eq!(decisive(&rows).unwrap().id, rows[2].id);
    }

    #[test]
    fn the_shape_check_names_each_field() {
        let base = CreateAssignment {
            employee_id: Uuid::from_u128(1),
            appraiser_employee_id: None,
            appraiser_external_id: None,
            superior_employee_id: Some(Uuid::from_u128(1)),
            superior_external_id: None,
            acting_kind: None,
            valid_from: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            valid_until: NaiveDate::from_ymd_opt(2026, 1, 31),
            note: None,
            close_previous: false,
        };
        let fields: Vec<String> = check_shape(&base).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "appraiser_employee_id",
                "superior_employee_id",
                "valid_until"
            ]
        );
    }
}
