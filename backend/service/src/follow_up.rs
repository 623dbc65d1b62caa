//! Tindak lanjut (domain.md 1.10): read-only derivations over set results (finalised or
//! final evaluations): award candidates, development needs, promotion eligibility, credit
//! points of functional positions and PPPK contract recommendations. Set-based: each report
//! is a handful of queries with bulk loads by chunks of ids, never a query per employee.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use kinerja_domain::credit_points::{
    annual_credit_points, display_credit_points, periodic_credit_points,
};
use kinerja_domain::follow_up::{
    PPPK_EXTEND_MIN_PREDICATE, PppkRecommendation, pppk_recommendation, result_training_topics,
    training_topics,
};
use kinerja_domain::org::{AsnType, FunctionalLevel, PositionKind};
use kinerja_domain::promotion::{PromotionReason, promotion_blockers};
use kinerja_domain::rating::{EmployeePredicate, Rating};
use kinerja_domain::reference::CoreValue;
use kinerja_domain::workflow::EvaluationState;
use kinerja_store::entities::{
    cycle, employee, evaluation, feedback_answer, feedback_request, plan, position, unit,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::Ctx;
use crate::error::{ServiceError, ServiceResult, validate};
use crate::evaluations::{CHUNK, effective_predicate, is_hr_reader, months_covered, parse_text};
use crate::pagination::{Page, PageParams};
use crate::policies::CyclePolicies;
use crate::{Services, feedback360};

/// States whose result is set: finalised (objection window running) and final.
const SET_STATES: [&str; 2] = ["finalised", "final"];

fn set_states() -> [&'static str; 2] {
    debug_assert_eq!(SET_STATES[0], EvaluationState::Finalised.as_str());
    debug_assert_eq!(SET_STATES[1], EvaluationState::Final.as_str());
    SET_STATES
}

/// Who the employee of a row is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmployeeRef {
    pub employee_id: Uuid,
    pub name: String,
    /// NIP or NI PPPK.
    pub nip: String,
    pub unit_id: Option<Uuid>,
    /// The unit's name, so that a report reads without a second lookup.
    #[schema(example = "Bidang Mutasi dan Promosi")]
    pub unit_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleReportQuery {
    pub cycle_id: Uuid,
    /// A unit: its results and those of every unit under it.
    pub unit_id: Option<Uuid>,
}

#[derive(Debug, Clone, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PromotionQuery {
    /// The day eligibility is judged on (YYYY-MM-DD).
    pub as_of: NaiveDate,
    /// A unit: its employees and those of every unit under it.
    pub unit_id: Option<Uuid>,
    /// super_admin only.
    pub agency_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardCandidate {
    pub evaluation_id: Uuid,
    pub period_id: Uuid,
    #[serde(flatten)]
    pub employee: EmployeeRef,
    pub predicate: EmployeePredicate,
    pub has_innovation: bool,
    pub innovation_note: Option<String>,
    pub status: EvaluationState,
}

/// A core value flagged below expectation, and by whom.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoreValueNeed {
    pub core_value: CoreValue,
    /// `appraiser` (the appraiser's 360 answer) or `feedback_360` (most anonymous answers).
    pub source: String,
    pub below: u32,
    pub answers: u32,
    pub suggested_topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DevelopmentNeed {
    pub evaluation_id: Uuid,
    pub period_id: Uuid,
    pub is_annual: bool,
    #[serde(flatten)]
    pub employee: EmployeeRef,
    pub result_rating: Option<Rating>,
    pub behaviour_rating: Option<Rating>,
    pub predicate: Option<EmployeePredicate>,
    pub core_values: Vec<CoreValueNeed>,
    /// Topics for results below expectation.
    pub result_topics: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearPredicate {
    pub year: i32,
    pub predicate: EmployeePredicate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PromotionEligibility {
    #[serde(flatten)]
    pub employee: EmployeeRef,
    pub golongan: Option<String>,
    pub rank_since_on: Option<NaiveDate>,
    pub is_eligible: bool,
    pub blockers: Vec<PromotionReason>,
    /// The annual predicates considered (the worst when a year has several plans).
    pub annual_predicates: Vec<YearPredicate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreditPoints {
    pub evaluation_id: Uuid,
    #[serde(flatten)]
    pub employee: EmployeeRef,
    pub functional_level: FunctionalLevel,
    pub predicate: EmployeePredicate,
    /// Months the plan covers (pro rata basis).
    pub months: u32,
    /// Koefisien x predicate factor, 2 decimals.
    pub annual_credit_points: String,
    /// Pro rata by the plan's months, 2 decimals.
    pub credit_points: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PppkContract {
    pub evaluation_id: Uuid,
    #[serde(flatten)]
    pub employee: EmployeeRef,
    pub predicate: EmployeePredicate,
    pub recommendation: PppkRecommendation,
    /// The rule applied, in words.
    pub rule: String,
}

/// Agency and row scope: HR, auditors and reports:read clients see the agency; an employee
/// only their own rows; anyone else is refused.
fn scope(ctx: &Ctx, agency: Option<Uuid>) -> ServiceResult<(Uuid, Option<Uuid>)> {
    let agency_id = ctx.actor.scope_agency(agency)?;
    if is_hr_reader(&ctx.actor, agency_id) {
        return Ok((agency_id, None));
    }
    match ctx.actor.employee_id() {
        Some(me) => Ok((agency_id, Some(me))),
        None => Err(ServiceError::forbidden(
            "Follow-up reports need HR, auditor or the reports:read scope.",
        )),
    }
}

async fn cycle_in_scope<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    cycle_id: Uuid,
) -> ServiceResult<(cycle::Model, Option<Uuid>)> {
    let c = cycle::Entity::find_by_id(cycle_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))?;
    ctx.actor.check_agency(c.agency_id, "cycle")?;
    let (_, only) = scope(ctx, Some(c.agency_id))?;
    Ok((c, only))
}

/// The units of an agency, for names and subtrees.
struct Units(HashMap<Uuid, unit::Model>);

impl Units {
    async fn of<C: ConnectionTrait>(db: &C, agency_id: Uuid) -> ServiceResult<Self> {
        Ok(Self(
            unit::Entity::find()
                .filter(unit::Column::AgencyId.eq(agency_id))
                .all(db)
                .await?
                .into_iter()
                .map(|u| (u.id, u))
                .collect(),
        ))
    }

    /// The unit and every unit under it (by materialised path); a unit unknown in the agency
    /// stands alone, and so matches nothing.
    fn subtree(&self, root: Uuid) -> Vec<Uuid> {
        match self.0.get(&root) {
            Some(r) => self
                .0
                .values()
                .filter(|u| u.path.starts_with(r.path.as_str()))
                .map(|u| u.id)
                .collect(),
            None => vec![root],
        }
    }

    fn name(&self, id: Option<Uuid>) -> Option<String> {
        id.and_then(|id| self.0.get(&id)).map(|u| u.name.clone())
    }
}

/// Set results of a cycle, optionally annual only, in a unit's subtree, for one employee.
async fn set_results<C: ConnectionTrait>(
    db: &C,
    cycle_id: Uuid,
    annual_only: bool,
    units: Option<Vec<Uuid>>,
    only: Option<Uuid>,
) -> ServiceResult<Vec<evaluation::Model>> {
    let mut q = evaluation::Entity::find()
        .filter(evaluation::Column::CycleId.eq(cycle_id))
        .filter(evaluation::Column::Status.is_in(set_states()));
    if annual_only {
        q = q.filter(evaluation::Column::IsAnnual.eq(true));
    }
    if let Some(units) = units {
        q = q.filter(evaluation::Column::UnitId.is_in(units));
    }
    if let Some(me) = only {
        q = q.filter(evaluation::Column::EmployeeId.eq(me));
    }
    Ok(q.order_by(evaluation::Column::Id, Order::Asc)
        .all(db)
        .await?)
}

async fn employees_by_id<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> ServiceResult<HashMap<Uuid, employee::Model>> {
    let ids: Vec<Uuid> = ids
        .into_iter()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut out = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        for e in employee::Entity::find()
            .filter(employee::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            out.insert(e.id, e);
        }
    }
    Ok(out)
}

fn employee_ref(
    emps: &HashMap<Uuid, employee::Model>,
    units: &Units,
    id: Uuid,
    unit: Option<Uuid>,
) -> EmployeeRef {
    let e = emps.get(&id);
    let unit_id = unit.or(e.and_then(|e| e.unit_id));
    EmployeeRef {
        employee_id: id,
        name: e.map(|e| e.name.clone()).unwrap_or_default(),
        nip: e.map(|e| e.nip.clone()).unwrap_or_default(),
        unit_id,
        unit_name: units.name(unit_id),
    }
}

fn paged<T>(rows: Vec<T>, page: PageParams) -> Page<T> {
    let total = rows.len() as u64;
    let items = rows
        .into_iter()
        .skip(page.offset() as usize)
        .take(page.per_page() as usize)
        .collect();
    Page {
        items,
        total,
        page: page.page(),
        per_page: page.per_page(),
    }
}

/// Annual results of Sangat Baik, those with an innovation first.
pub async fn award_candidates(
    s: &Services,
    ctx: &Ctx,
    query: CycleReportQuery,
    page: PageParams,
) -> ServiceResult<Page<AwardCandidate>> {
    validate(&page)?;
    let db = s.db.conn();
    let (c, only) = cycle_in_scope(db, ctx, query.cycle_id).await?;
    let units = Units::of(db, c.agency_id).await?;
    let evals = set_results(
        db,
        c.id,
        true,
        query.unit_id.map(|u| units.subtree(u)),
        only,
    )
    .await?;
    let evals: Vec<evaluation::Model> = evals
        .into_iter()
        .filter(|e| effective_predicate(e) == Some(EmployeePredicate::VeryGood))
        .collect();
    let emps = employees_by_id(db, evals.iter().map(|e| e.employee_id)).await?;
    let mut rows: Vec<AwardCandidate> = evals
        .iter()
        .map(|e| AwardCandidate {
            evaluation_id: e.id,
            period_id: e.period_id,
            employee: employee_ref(&emps, &units, e.employee_id, e.unit_id),
            predicate: EmployeePredicate::VeryGood,
            has_innovation: e.has_innovation,
            innovation_note: e.innovation_note.clone(),
            status: crate::evaluations::state_of(e),
        })
        .collect();
    rows.sort_by(|a, b| {
        b.has_innovation
            .cmp(&a.has_innovation)
            .then_with(|| a.employee.name.cmp(&b.employee.name))
    });
    Ok(paged(rows, page))
}

/// Evaluations with results or behaviour below expectation, or core values rated below by
/// the appraiser or by most anonymous 360 raters, with suggested training topics.
pub async fn development_needs(
    s: &Services,
    ctx: &Ctx,
    query: CycleReportQuery,
    page: PageParams,
) -> ServiceResult<Page<DevelopmentNeed>> {
    validate(&page)?;
    let db = s.db.conn();
    let (c, only) = cycle_in_scope(db, ctx, query.cycle_id).await?;
    let units = Units::of(db, c.agency_id).await?;
    let policies = CyclePolicies::from_json(&c.policies);
    let threshold = policies.feedback_360.anonymity_threshold;
    let evals = set_results(
        db,
        c.id,
        false,
        query.unit_id.map(|u| units.subtree(u)),
        only,
    )
    .await?;
    // 360 answers of these evaluations: requests, then answers, by chunks.
    let ids: Vec<Uuid> = evals.iter().map(|e| e.id).collect();
    let mut request_of: HashMap<Uuid, (Uuid, String)> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, Uuid, String)> = feedback_request::Entity::find()
            .select_only()
            .column(feedback_request::Column::Id)
            .column(feedback_request::Column::EvaluationId)
            .column(feedback_request::Column::RaterRole)
            .filter(feedback_request::Column::EvaluationId.is_in(chunk.to_vec()))
            .filter(feedback_request::Column::Status.eq(feedback360::SUBMITTED))
            .into_tuple()
            .all(db)
            .await?;
        for (id, eval, role) in rows {
            request_of.insert(id, (eval, role));
        }
    }
    // (evaluation, core value) -> (appraiser below, anonymous below, anonymous total)
    let mut tally: HashMap<(Uuid, CoreValue), (u32, u32, u32, u32)> = HashMap::new();
    let req_ids: Vec<Uuid> = request_of.keys().copied().collect();
    for chunk in req_ids.chunks(CHUNK) {
        let rows: Vec<(Uuid, String, String)> = feedback_answer::Entity::find()
            .select_only()
            .column(feedback_answer::Column::RequestId)
            .column(feedback_answer::Column::CoreValue)
            .column(feedback_answer::Column::Rating)
            .filter(feedback_answer::Column::RequestId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (req, value, rating) in rows {
            let (Some((eval, role)), Some(value)) =
                (request_of.get(&req), parse_text::<CoreValue>(&value))
            else {
                continue;
            };
            let below = rating == "below";
            let slot = tally.entry((*eval, value)).or_default();
            match role.as_str() {
                "appraiser" => {
                    slot.0 += u32::from(below);
                    slot.1 += 1;
                }
                "peer" | "subordinate" => {
                    slot.2 += u32::from(below);
                    slot.3 += 1;
                }
                _ => {}
            }
        }
    }
    let emps = employees_by_id(db, evals.iter().map(|e| e.employee_id)).await?;
    let mut rows = Vec::new();
    for e in &evals {
        let result: Option<Rating> = e.result_rating.as_deref().and_then(parse_text);
        let behaviour: Option<Rating> = e.behaviour_rating.as_deref().and_then(parse_text);
        let mut core_values = Vec::new();
        for v in CoreValue::ALL {
            let Some(&(app_below, app_total, anon_below, anon_total)) = tally.get(&(e.id, v))
            else {
                continue;
            };
            let topics = || training_topics(v).iter().map(|t| (*t).to_owned()).collect();
            if app_below > 0 {
                core_values.push(CoreValueNeed {
                    core_value: v,
                    source: "appraiser".into(),
                    below: app_below,
                    answers: app_total,
                    suggested_topics: topics(),
                });
            }
            // Anonymous answers count only from the anonymity threshold on, like the
            // aggregates shown to the appraiser.
            if anon_total >= threshold && anon_below * 2 > anon_total {
                core_values.push(CoreValueNeed {
                    core_value: v,
                    source: "feedback_360".into(),
                    below: anon_below,
                    answers: anon_total,
                    suggested_topics: topics(),
                });
            }
        }
        let result_below = result == Some(Rating::Below);
        if !(result_below || behaviour == Some(Rating::Below) || !core_values.is_empty()) {
            continue;
        }
        rows.push(DevelopmentNeed {
            evaluation_id: e.id,
            period_id: e.period_id,
            is_annual: e.is_annual,
            employee: employee_ref(&emps, &units, e.employee_id, e.unit_id),
            result_rating: result,
            behaviour_rating: behaviour,
            predicate: effective_predicate(e),
            core_values,
            result_topics: if result_below {
                result_training_topics()
                    .iter()
                    .map(|t| (*t).to_owned())
                    .collect()
            } else {
                Vec::new()
            },
        });
    }
    Ok(paged(rows, page))
}

/// Regular promotion eligibility of the agency's PNS on `as_of` (PP 99/2000 jo PP 12/2002 as
/// read under PermenPANRB 6/2022): years in rank from `rank_since_on`, and the annual
/// predicates of the preceding years (the worst when a year has several annual results).
pub async fn promotion_eligibility(
    s: &Services,
    ctx: &Ctx,
    query: PromotionQuery,
    page: PageParams,
) -> ServiceResult<Page<PromotionEligibility>> {
    validate(&page)?;
    let db = s.db.conn();
    let (agency_id, only) = scope(ctx, query.agency_id)?;
    let cycles = cycle::Entity::find()
        .filter(cycle::Column::AgencyId.eq(agency_id))
        .all(db)
        .await?;
    // The policy of the latest cycle before as_of's year (the one whose result is used last).
    let policy = cycles
        .iter()
        .filter(|c| c.year < query.as_of.year())
        .max_by_key(|c| c.year)
        .map(|c| CyclePolicies::from_json(&c.policies).promotion)
        .unwrap_or_default();
    let first_year = query.as_of.year() - policy.years_of_predicates as i32;
    let year_of: HashMap<Uuid, i32> = cycles
        .iter()
        .filter(|c| c.year >= first_year && c.year < query.as_of.year())
        .map(|c| (c.id, c.year))
        .collect();
    let mut q = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(agency_id))
        .filter(employee::Column::AsnType.eq(AsnType::Pns.as_str()))
        .filter(employee::Column::Status.eq("active"));
    let units = Units::of(db, agency_id).await?;
    if let Some(u) = query.unit_id {
        q = q.filter(employee::Column::UnitId.is_in(units.subtree(u)));
    }
    if let Some(me) = only {
        q = q.filter(employee::Column::Id.eq(me));
    }
    let total = q.clone().count(db).await?;
    let emps = q
        .order_by(employee::Column::Name, Order::Asc)
        .order_by(employee::Column::Id, Order::Asc)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    let emp_ids: Vec<Uuid> = emps.iter().map(|e| e.id).collect();
    let mut worst: HashMap<(Uuid, i32), EmployeePredicate> = HashMap::new();
    if !year_of.is_empty() && !emp_ids.is_empty() {
        for e in evaluation::Entity::find()
            .filter(evaluation::Column::CycleId.is_in(year_of.keys().copied().collect::<Vec<_>>()))
            .filter(evaluation::Column::EmployeeId.is_in(emp_ids))
            .filter(evaluation::Column::IsAnnual.eq(true))
            .filter(evaluation::Column::Status.is_in(set_states()))
            .all(db)
            .await?
        {
            let (Some(p), Some(year)) = (effective_predicate(&e), year_of.get(&e.cycle_id)) else {
                continue;
            };
            worst
                .entry((e.employee_id, *year))
                .and_modify(|w| {
                    if !p.is_at_least(*w) {
                        *w = p;
                    }
                })
                .or_insert(p);
        }
    }
    let items = emps
        .iter()
        .map(|e| {
            let predicates: Vec<(i32, EmployeePredicate)> = {
                let mut v: Vec<(i32, EmployeePredicate)> = worst
                    .iter()
                    .filter(|((id, _), _)| *id == e.id)
                    .map(|((_, y), p)| (*y, *p))
                    .collect();
                v.sort_by_key(|(y, _)| *y);
                v
            };
            let blockers = match e.rank_since_on {
                Some(since) => promotion_blockers(&policy, since, query.as_of, &predicates),
                None => vec![PromotionReason {
                    code: "rank_since_missing",
                    year: None,
                    message: "The employee record has no date of the current rank (TMT golongan)."
                        .into(),
                }],
            };
            PromotionEligibility {
                employee: EmployeeRef {
                    employee_id: e.id,
                    name: e.name.clone(),
                    nip: e.nip.clone(),
                    unit_id: e.unit_id,
                    unit_name: units.name(e.unit_id),
                },
                golongan: e.golongan.clone(),
                rank_since_on: e.rank_since_on,
                is_eligible: blockers.is_empty(),
                blockers,
                annual_predicates: predicates
                    .into_iter()
                    .map(|(year, predicate)| YearPredicate { year, predicate })
                    .collect(),
            }
        })
        .collect();
    Ok(Page {
        items,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}

/// Angka kredit of functional positions from the annual predicate (PermenPANRB 1/2023,
/// Peraturan BKN 3/2023), annual and pro rata by the months the plan covers.
pub async fn credit_points(
    s: &Services,
    ctx: &Ctx,
    query: CycleReportQuery,
    page: PageParams,
) -> ServiceResult<Page<CreditPoints>> {
    validate(&page)?;
    let db = s.db.conn();
    let (c, only) = cycle_in_scope(db, ctx, query.cycle_id).await?;
    let units = Units::of(db, c.agency_id).await?;
    let evals = set_results(
        db,
        c.id,
        true,
        query.unit_id.map(|u| units.subtree(u)),
        only,
    )
    .await?;
    let emps = employees_by_id(db, evals.iter().map(|e| e.employee_id)).await?;
    let mut plans: HashMap<Uuid, plan::Model> = HashMap::new();
    let plan_ids: Vec<Uuid> = evals.iter().map(|e| e.plan_id).collect();
    for chunk in plan_ids.chunks(CHUNK) {
        for p in plan::Entity::find()
            .filter(plan::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            plans.insert(p.id, p);
        }
    }
    // The plan's position, else the employee's current one.
    let position_of = |e: &evaluation::Model| {
        plans
            .get(&e.plan_id)
            .and_then(|p| p.position_id)
            .or_else(|| emps.get(&e.employee_id).and_then(|x| x.position_id))
    };
    let pos_ids: Vec<Uuid> = evals
        .iter()
        .filter_map(position_of)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut positions: HashMap<Uuid, position::Model> = HashMap::new();
    for chunk in pos_ids.chunks(CHUNK) {
        for p in position::Entity::find()
            .filter(position::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            positions.insert(p.id, p);
        }
    }
    let mut rows = Vec::new();
    for e in &evals {
        let Some(level) = position_of(e)
            .and_then(|id| positions.get(&id))
            .filter(|p| PositionKind::parse(&p.kind) == Some(PositionKind::Fungsional))
            .and_then(|p| p.functional_level.as_deref())
            .and_then(FunctionalLevel::parse)
        else {
            continue;
        };
        let Some(predicate) = effective_predicate(e) else {
            continue;
        };
        let months = plans
            .get(&e.plan_id)
            .map(|p| months_covered(p.starts_on, p.ends_on))
            .unwrap_or(12);
        rows.push(CreditPoints {
            evaluation_id: e.id,
            employee: employee_ref(&emps, &units, e.employee_id, e.unit_id),
            functional_level: level,
            predicate,
            months,
            annual_credit_points: display_credit_points(annual_credit_points(level, predicate))
                .to_string(),
            credit_points: display_credit_points(periodic_credit_points(level, predicate, months))
                .to_string(),
        });
    }
    Ok(paged(rows, page))
}

/// PPPK employees with their annual predicate and the contract recommendation: extend from
/// Baik up, review otherwise (configuration default [`PPPK_EXTEND_MIN_PREDICATE`]).
pub async fn pppk_contracts(
    s: &Services,
    ctx: &Ctx,
    query: CycleReportQuery,
    page: PageParams,
) -> ServiceResult<Page<PppkContract>> {
    validate(&page)?;
    let db = s.db.conn();
    let (c, only) = cycle_in_scope(db, ctx, query.cycle_id).await?;
    let units = Units::of(db, c.agency_id).await?;
    let evals = set_results(
        db,
        c.id,
        true,
        query.unit_id.map(|u| units.subtree(u)),
        only,
    )
    .await?;
    let emps = employees_by_id(db, evals.iter().map(|e| e.employee_id)).await?;
    let min = PPPK_EXTEND_MIN_PREDICATE;
    let mut by_employee: BTreeMap<Uuid, &evaluation::Model> = BTreeMap::new();
    for e in &evals {
        if emps
            .get(&e.employee_id)
            .is_some_and(|x| x.asn_type == AsnType::Pppk.as_str())
        {
            by_employee.entry(e.employee_id).or_insert(e);
        }
    }
    let rows = by_employee
        .values()
        .filter_map(|e| {
            let predicate = effective_predicate(e)?;
            Some(PppkContract {
                evaluation_id: e.id,
                employee: employee_ref(&emps, &units, e.employee_id, e.unit_id),
                predicate,
                recommendation: pppk_recommendation(predicate, min),
                rule: format!(
                    "Extend when the annual predicate is at least {}; otherwise HR reviews the contract.",
                    min.label_id()
                ),
            })
        })
        .collect();
    Ok(paged(rows, page))
}
