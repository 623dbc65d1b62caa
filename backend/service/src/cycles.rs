//! Cycles (tahun penilaian) and their periods: creation with the period calendar, policies,
//! the cycle state machine, and the read-only rule for closed cycles that every other
//! appraisal use case relies on ([`ensure_cycle_writable`]).

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use kinerja_domain::regime::Regime;
use kinerja_domain::workflow::{CycleAction, CycleState};
use kinerja_store::entities::{cycle, period};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::policies::CyclePolicies;
use crate::{Services, now};

const RESOURCE: &str = "cycles";
const ENTITY: &str = "cycle";

/// How a cycle is divided into periods (besides the final annual one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Twelve months, "Januari" ... "Desember".
    Monthly,
    /// Four quarters, "Triwulan I" ... "Triwulan IV".
    Quarterly,
    /// Two halves, "Semester I" and "Semester II".
    Semester,
}

impl PeriodKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Monthly => "monthly",
            PeriodKind::Quarterly => "quarterly",
            PeriodKind::Semester => "semester",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [
            PeriodKind::Monthly,
            PeriodKind::Quarterly,
            PeriodKind::Semester,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
    fn months(self) -> u32 {
        match self {
            PeriodKind::Monthly => 1,
            PeriodKind::Quarterly => 3,
            PeriodKind::Semester => 6,
        }
    }
}

/// The kind of the final, annual period of every cycle.
pub const ANNUAL_KIND: &str = "annual";
/// A period that accepts realizations and evaluations.
pub const PERIOD_OPEN: &str = "open";
/// A period HR has finalised (set): realizations and organisation predicates are locked.
pub const PERIOD_FINALISED: &str = "finalised";

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// One period of a cycle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeriodView {
    pub id: Uuid,
    pub cycle_id: Uuid,
    /// `monthly`, `quarterly`, `semester` or `annual`.
    #[schema(example = "quarterly")]
    pub kind: String,
    pub seq: i32,
    #[schema(example = "Triwulan I")]
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Batas pengisian: the last day employees may record realizations.
    pub fill_deadline_on: NaiveDate,
    /// The final (annual) period.
    pub is_final: bool,
    /// `open` or `finalised`.
    #[schema(example = "open")]
    pub status: String,
    pub finalised_at: Option<DateTime<Utc>>,
}

impl From<&period::Model> for PeriodView {
    fn from(p: &period::Model) -> Self {
        Self {
            id: p.id,
            cycle_id: p.cycle_id,
            kind: p.kind.clone(),
            seq: p.seq,
            name: p.name.clone(),
            starts_on: p.starts_on,
            ends_on: p.ends_on,
            fill_deadline_on: p.fill_deadline_on,
            is_final: p.is_final,
            status: p.status.clone(),
            finalised_at: p.finalised_at,
        }
    }
}

/// An agency's appraisal year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleView {
    pub id: Uuid,
    pub agency_id: Uuid,
    #[schema(example = 2026)]
    pub year: i32,
    #[schema(example = "Penilaian Kinerja 2026")]
    pub name: String,
    pub status: CycleState,
    /// Indonesian label of the status.
    #[schema(example = "Perencanaan")]
    pub status_label: String,
    pub regime: Regime,
    pub period_kind: PeriodKind,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub policies: CyclePolicies,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
    /// The periods in order, the annual one last; only on `GET /cycles/{id}` and on creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periods: Option<Vec<PeriodView>>,
}

impl CycleView {
    fn new(c: &cycle::Model, periods: Option<&[period::Model]>) -> Self {
        let status = state_of(c);
        Self {
            id: c.id,
            agency_id: c.agency_id,
            year: c.year,
            name: c.name.clone(),
            status,
            status_label: status.label_id().to_owned(),
            regime: Regime::parse(&c.regime).unwrap_or_default(),
            period_kind: PeriodKind::parse(&c.period_kind).unwrap_or(PeriodKind::Quarterly),
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            policies: CyclePolicies::from_json(&c.policies),
            created_at: c.created_at,
            updated_at: c.updated_at,
            version: c.version,
            periods: periods.map(|ps| ps.iter().map(PeriodView::from).collect()),
        }
    }
}

/// Creates a cycle in status `draft` with its periods.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "year": 2026, "name": "Penilaian Kinerja 2026", "regime": "pmpanrb6_2022",
    "period_kind": "quarterly", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
    "policies": {"feedback_360": {"anonymity_threshold": 5}}, "fill_deadline_days": 10
}))]
pub struct CreateCycle {
    /// Only for a super_admin: the agency the cycle belongs to (required for them).
    pub agency_id: Option<Uuid>,
    #[validate(range(min = 2000, max = 2100))]
    pub year: i32,
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Default `pmpanrb6_2022`.
    pub regime: Option<Regime>,
    pub period_kind: PeriodKind,
    /// Within `year`.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Any subset of the policies; missing fields take their documented defaults.
    #[schema(value_type = Option<CyclePolicies>)]
    pub policies: Option<serde_json::Value>,
    /// Days after each period's end until its fill-in deadline (default 10).
    #[validate(range(min = 0, max = 120))]
    pub fill_deadline_days: Option<u32>,
}

/// Renames a cycle or changes its policies (merged into the current ones), while the cycle is
/// draft or planning.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "Penilaian Kinerja Tahun 2026", "policies": {"allow_early_rating": true}}))]
pub struct UpdateCycle {
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    #[schema(value_type = Option<CyclePolicies>)]
    pub policies: Option<serde_json::Value>,
}

/// Renames a period or moves its fill-in deadline.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"fill_deadline_on": "2026-04-15"}))]
pub struct UpdatePeriod {
    #[validate(length(min = 1, max = 100))]
    pub name: Option<String>,
    /// Not before the period's end.
    pub fill_deadline_on: Option<NaiveDate>,
}

/// A move of the cycle state machine.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({"action": "open_planning"}))]
pub struct CycleTransition {
    pub action: CycleAction,
}

/// What the caller may do with a cycle now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleAllowedActions {
    pub status: CycleState,
    /// Empty for everyone but HR (agency_admin) and super_admin.
    pub actions: Vec<CycleAction>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListCyclesQuery {
    /// Only for a super_admin: the agency to list (required for them).
    pub agency_id: Option<Uuid>,
    pub year: Option<i32>,
    pub status: Option<CycleState>,
}

/// The state of a stored cycle (an unknown text reads as draft, never as writable-closed).
pub fn state_of(c: &cycle::Model) -> CycleState {
    CycleState::parse(&c.status).unwrap_or(CycleState::Draft)
}

/// Refuses any change inside a closed cycle: 409 `cycle_closed`. Returns the cycle.
pub async fn ensure_cycle_writable<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
) -> ServiceResult<cycle::Model> {
    let c = cycle::Entity::find_by_id(cycle_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    if state_of(&c).is_read_only() {
        return Err(closed_error(&c));
    }
    Ok(c)
}

pub(crate) fn closed_error(c: &cycle::Model) -> ServiceError {
    ServiceError::conflict(
        "cycle_closed",
        format!(
            "The cycle \"{}\" is closed; nothing in it can change.",
            c.name
        ),
    )
}

/// The periods of a cycle kind within `[starts_on, ends_on]` (calendar months, quarters or
/// halves, clipped to the range), named in Indonesian, then the final annual period.
/// Pure, for unit tests: (kind, seq, name, starts_on, ends_on, is_final).
pub fn period_calendar(
    kind: PeriodKind,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
) -> Vec<(String, i32, String, NaiveDate, NaiveDate, bool)> {
    let mut out = Vec::new();
    let step = kind.months();
    let year = starts_on.year();
    let mut seq = 0;
    for block in 0..(12 / step) {
        let m0 = block * step + 1;
        let first = NaiveDate::from_ymd_opt(year, m0, 1).unwrap_or(starts_on);
        let next = if m0 + step > 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, m0 + step, 1)
        }
        .unwrap_or(ends_on);
        let last = next.pred_opt().unwrap_or(next);
        let (from, to) = (first.max(starts_on), last.min(ends_on));
        if from > to {
            continue;
        }
        seq += 1;
        let name = match kind {
            PeriodKind::Monthly => MONTHS_ID[block as usize].to_owned(),
            PeriodKind::Quarterly => format!("Triwulan {}", ROMAN[block as usize]),
            PeriodKind::Semester => format!("Semester {}", ROMAN[block as usize]),
        };
        out.push((kind.as_str().to_owned(), seq, name, from, to, false));
    }
    out.push((
        ANNUAL_KIND.to_owned(),
        seq + 1,
        "Tahunan".to_owned(),
        starts_on,
        ends_on,
        true,
    ));
    out
}

/// Merges a partial policy document into `base` (objects merge key by key, anything else
/// replaces) and validates the result.
fn merge_policies(base: &str, patch: Option<serde_json::Value>) -> ServiceResult<CyclePolicies> {
    let mut doc = serde_json::to_value(CyclePolicies::from_json(base))
        .map_err(|e| ServiceError::Internal(e.to_string()))?;
    if let Some(patch) = patch {
        if !patch.is_object() {
            return Err(ServiceError::field(
                "policies",
                "invalid_policies",
                "Policies must be a JSON object.",
            ));
        }
        merge(&mut doc, patch);
    }
    let policies: CyclePolicies = serde_json::from_value(doc).map_err(|e| {
        ServiceError::field(
            "policies",
            "invalid_policies",
            format!("The policies are invalid: {e}."),
        )
    })?;
    validate(&policies).map_err(|e| match e {
        ServiceError::Validation(mut errs) => {
            for f in &mut errs {
                f.field = format!("policies.{}", f.field);
            }
            ServiceError::Validation(errs)
        }
        other => other,
    })?;
    Ok(policies)
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(b), serde_json::Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, p) => *b = p,
    }
}

async fn load<C: ConnectionTrait>(db: &C, ctx: &Ctx, id: Uuid) -> ServiceResult<cycle::Model> {
    let c = cycle::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found(ENTITY))?;
    ctx.actor.check_agency(c.agency_id, ENTITY)?;
    Ok(c)
}

async fn periods_of<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
) -> ServiceResult<Vec<period::Model>> {
    Ok(period::Entity::find()
        .filter(period::Column::CycleId.eq(cycle_id))
        .order_by_asc(period::Column::Seq)
        .all(db)
        .await?)
}

/// Creates a cycle and its periods in one transaction (HR).
pub async fn create_cycle(s: &Services, ctx: &Ctx, req: CreateCycle) -> ServiceResult<CycleView> {
    validate(&req)?;
    let agency_id = ctx.actor.scope_agency(req.agency_id)?;
    ctx.actor
        .require_admin(agency_id, RESOURCE, Access::Write, ENTITY)?;
    let mut errors = Vec::new();
    if req.starts_on > req.ends_on {
        errors.push(crate::FieldError::new(
            "ends_on",
            "ends_before_start",
            "The cycle must end on or after its first day.",
        ));
    }
    for (field, d) in [("starts_on", req.starts_on), ("ends_on", req.ends_on)] {
        if d.year() != req.year {
            errors.push(crate::FieldError::new(
                field,
                "outside_year",
                format!("The date must lie in {}.", req.year),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ServiceError::Validation(errors));
    }
    let policies = merge_policies("{}", req.policies)?;
    let txn = s.db.begin_write().await?;
    let exists = cycle::Entity::find()
        .filter(cycle::Column::AgencyId.eq(agency_id))
        .filter(cycle::Column::Year.eq(req.year))
        .count(&*txn)
        .await?;
    if exists > 0 {
        return Err(ServiceError::conflict(
            "cycle_exists",
            format!("The agency already has a cycle for {}.", req.year),
        ));
    }
    let at = now();
    let c = cycle::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        year: Set(req.year),
        name: Set(req.name.trim().to_owned()),
        status: Set(CycleState::Draft.as_str().to_owned()),
        regime: Set(req.regime.unwrap_or_default().as_str().to_owned()),
        period_kind: Set(req.period_kind.as_str().to_owned()),
        starts_on: Set(req.starts_on),
        ends_on: Set(req.ends_on),
        policies: Set(policies.to_json()),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let days = u64::from(req.fill_deadline_days.unwrap_or(10));
    let rows: Vec<period::ActiveModel> =
        period_calendar(req.period_kind, req.starts_on, req.ends_on)
            .into_iter()
            .map(
                |(kind, seq, name, from, to, is_final)| period::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(agency_id),
                    cycle_id: Set(c.id),
                    kind: Set(kind),
                    seq: Set(seq),
                    name: Set(name),
                    starts_on: Set(from),
                    ends_on: Set(to),
                    fill_deadline_on: Set(to.checked_add_days(Days::new(days)).unwrap_or(to)),
                    is_final: Set(is_final),
                    status: Set(PERIOD_OPEN.to_owned()),
                    finalised_at: Set(None),
                    finalised_by: Set(None),
                },
            )
            .collect();
    period::Entity::insert_many(rows).exec(&*txn).await?;
    let periods = periods_of(&*txn, c.id).await?;
    let view = CycleView::new(&c, Some(&periods));
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(agency_id),
            action: "cycle.create",
            entity_type: ENTITY,
            entity_id: c.id.to_string(),
            before: None,
            after: audit::snapshot(&view),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

/// Lists the agency's cycles, latest year first.
pub async fn list_cycles(
    s: &Services,
    ctx: &Ctx,
    query: ListCyclesQuery,
    page: PageParams,
) -> ServiceResult<Page<CycleView>> {
    validate(&page)?;
    let agency_id = ctx.actor.scope_agency(query.agency_id)?;
    let db = s.db.conn();
    let mut select = cycle::Entity::find().filter(cycle::Column::AgencyId.eq(agency_id));
    if let Some(y) = query.year {
        select = select.filter(cycle::Column::Year.eq(y));
    }
    if let Some(st) = query.status {
        select = select.filter(cycle::Column::Status.eq(st.as_str()));
    }
    let paginator = select
        .order_by_desc(cycle::Column::Year)
        .order_by_desc(cycle::Column::Id)
        .paginate(db, page.per_page());
    let total = paginator.num_items().await?;
    let items = paginator.fetch_page(page.page() - 1).await?;
    Ok(Page {
        items: items.iter().map(|c| CycleView::new(c, None)).collect(),
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// A cycle with its periods; anyone of the agency may read it.
pub async fn get_cycle(s: &Services, ctx: &Ctx, id: Uuid) -> ServiceResult<CycleView> {
    let db = s.db.conn();
    let c = load(db, ctx, id).await?;
    let periods = periods_of(db, id).await?;
    Ok(CycleView::new(&c, Some(&periods)))
}

/// Renames a cycle or changes its policies; only while draft or planning.
pub async fn update_cycle(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    if_match: Option<i32>,
    req: UpdateCycle,
) -> ServiceResult<CycleView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let c = load(&*txn, ctx, id).await?;
    ctx.actor
        .require_admin(c.agency_id, RESOURCE, Access::Write, ENTITY)?;
    crate::check_version(if_match, c.version)?;
    let state = state_of(&c);
    if !matches!(state, CycleState::Draft | CycleState::Planning) {
        if state.is_read_only() {
            return Err(closed_error(&c));
        }
        return Err(ServiceError::conflict(
            "cycle_not_editable",
            format!(
                "A cycle that is {} can no longer be renamed or have its policies changed.",
                state.as_str()
            ),
        ));
    }
    let policies = merge_policies(&c.policies, req.policies)?;
    let periods = periods_of(&*txn, id).await?;
    let before = CycleView::new(&c, None);
    let mut am = c.clone().into_active_model();
    if let Some(name) = req.name {
        am.name = Set(name.trim().to_owned());
    }
    am.policies = Set(policies.to_json());
    am.version = Set(c.version + 1);
    am.updated_at = Set(now());
    let c = am.update(&*txn).await?;
    let after = CycleView::new(&c, None);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(c.agency_id),
            action: "cycle.update",
            entity_type: ENTITY,
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(CycleView::new(&c, Some(&periods)))
}

/// Renames a period or moves its fill-in deadline (HR). Periods carry no version: the change
/// is audited with before and after.
pub async fn update_period(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: UpdatePeriod,
) -> ServiceResult<PeriodView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let p = period::Entity::find_by_id(id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("period"))?;
    ctx.actor
        .require_admin(p.agency_id, RESOURCE, Access::Write, "period")?;
    ensure_cycle_writable(&*txn, p.cycle_id).await?;
    if let Some(d) = req.fill_deadline_on
        && d < p.ends_on
    {
        return Err(ServiceError::field(
            "fill_deadline_on",
            "deadline_before_end",
            format!(
                "The fill-in deadline cannot be before the period ends ({}).",
                p.ends_on
            ),
        ));
    }
    let before = PeriodView::from(&p);
    let mut am = p.clone().into_active_model();
    if let Some(name) = req.name {
        am.name = Set(name.trim().to_owned());
    }
    if let Some(d) = req.fill_deadline_on {
        am.fill_deadline_on = Set(d);
    }
    let p = am.update(&*txn).await?;
    let after = PeriodView::from(&p);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(p.agency_id),
            action: "period.update",
            entity_type: "period",
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// Moves the cycle through its state machine (HR): 409 `illegal_transition` when the move
/// does not exist from the current state.
pub async fn transition_cycle(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
    req: CycleTransition,
) -> ServiceResult<CycleView> {
    let txn = s.db.begin_write().await?;
    let c = load(&*txn, ctx, id).await?;
    ctx.actor
        .require_admin(c.agency_id, RESOURCE, Access::Write, ENTITY)?;
    let next = state_of(&c)
        .transition(req.action)
        .map_err(|e| ServiceError::conflict("illegal_transition", e.message))?;
    let before = CycleView::new(&c, None);
    let mut am = c.clone().into_active_model();
    am.status = Set(next.as_str().to_owned());
    am.version = Set(c.version + 1);
    am.updated_at = Set(now());
    let c = am.update(&*txn).await?;
    let after = CycleView::new(&c, None);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(c.agency_id),
            action: &format!("cycle.{}", req.action.as_str()),
            entity_type: ENTITY,
            entity_id: id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    let periods = periods_of(&*txn, id).await?;
    txn.commit().await?;
    Ok(CycleView::new(&c, Some(&periods)))
}

/// The moves the caller may make now: the machine's moves for HR, none for anyone else.
pub async fn allowed_cycle_actions(
    s: &Services,
    ctx: &Ctx,
    id: Uuid,
) -> ServiceResult<CycleAllowedActions> {
    let c = load(s.db.conn(), ctx, id).await?;
    let status = state_of(&c);
    let actions = if ctx
        .actor
        .can_administer(c.agency_id, RESOURCE, Access::Write)
    {
        status.allowed_actions()
    } else {
        Vec::new()
    };
    Ok(CycleAllowedActions { status, actions })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_quarterly_year_has_four_quarters_and_the_annual_period() {
        let p = period_calendar(PeriodKind::Quarterly, d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(p.len(), 5);
        assert_eq!(p[0].2, "Triwulan I");
        assert_eq!((p[1].3, p[1].4), (d(2026, 4, 1), d(2026, 6, 30)));
        assert_eq!(p[3].2, "Triwulan IV");
        assert_eq!(p[4].0, "annual");
        assert!(p[4].5);
        assert_eq!(p[4].1, 5);
    }

    #[test]
    fn months_are_named_in_indonesian_and_clipped_to_the_range() {
        let p = period_calendar(PeriodKind::Monthly, d(2026, 2, 15), d(2026, 12, 31));
        assert_eq!(p.len(), 12);
        assert_eq!(p[0].2, "Februari");
        assert_eq!(p[0].3, d(2026, 2, 15));
        assert_eq!(p[0].4, d(2026, 2, 28));
        assert_eq!(p[10].2, "Desember");
    }

    #[test]
    fn semesters_split_the_year_in_two() {
        let p = period_calendar(PeriodKind::Semester, d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(
            p.iter().map(|x| x.2.as_str()).collect::<Vec<_>>(),
            ["Semester I", "Semester II", "Tahunan"]
        );
        assert_eq!(p[0].4, d(2026, 6, 30));
    }

    #[test]
    fn partial_policies_merge_into_the_defaults() {
        let p = merge_policies(
            "{}",
            Some(serde_json::json!({"feedback_360": {"peer_count": 5}})),
        )
        .unwrap();
        assert_eq!(p.feedback_360.peer_count, 5);
        assert_eq!(p.feedback_360.anonymity_threshold, 3);
        assert!(
            merge_policies(
                "{}",
                Some(serde_json::json!({"feedback_360": {"anonymity_threshold": 1}}))
            )
            .is_err()
        );
    }
}
