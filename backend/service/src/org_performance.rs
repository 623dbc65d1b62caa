//! Organisation predicates (SE MenPANRB 3/2023), the distribution curve per unit and for the
//! agency, calibration of employee predicates by HR, and the appraisers' leniency report.
//! The curve itself is `kinerja_domain::distribution`; this module only counts and stores.
//!
//! Decisions (UNVERIFIED in the regulation, see docs/decisions/0007-distribution-scope.md):
//! - Unit of aggregation: the evaluations whose unit lies in the unit's subtree, except
//!   sub-units that carry their own organisation predicate for the period (with their subtree).
//! - The unit's head (see [`unit_heads`]) counts in the unit's own distribution only when
//!   `policies.distribution.include_unit_heads`; they always count in the units above.
//! - An evaluation counts with its calibrated predicate when present, else as rated.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use kinerja_domain::distribution::{PredicateCounts, check_distribution};
use kinerja_domain::org::{EmployeeStatus, PositionKind};
use kinerja_domain::rating::{EmployeePredicate, OrganisationPredicate};
use kinerja_domain::workflow::EvaluationState;
use kinerja_store::entities::{
    calibration, cycle, employee, evaluation, org_performance, period, position, unit,
};
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::actor::{Access, Ctx};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::policies::{CyclePolicies, DistributionEnforcement};
use crate::{Services, now};

// ---- text forms of the domain enums (their serde names) ----

/// The stored text of an employee predicate.
pub fn predicate_text(p: EmployeePredicate) -> &'static str {
    match p {
        EmployeePredicate::VeryGood => "very_good",
        EmployeePredicate::Good => "good",
        EmployeePredicate::NeedsImprovement => "needs_improvement",
        EmployeePredicate::Poor => "poor",
        EmployeePredicate::VeryPoor => "very_poor",
    }
}

/// Parses [`predicate_text`].
pub fn parse_predicate(text: &str) -> Option<EmployeePredicate> {
    EmployeePredicate::ALL
        .into_iter()
        .find(|p| predicate_text(*p) == text)
}

/// The stored text of an organisation predicate.
pub fn org_predicate_text(p: OrganisationPredicate) -> &'static str {
    match p {
        OrganisationPredicate::Outstanding => "outstanding",
        OrganisationPredicate::Good => "good",
        OrganisationPredicate::NeedsImprovement => "needs_improvement",
        OrganisationPredicate::Poor => "poor",
        OrganisationPredicate::VeryPoor => "very_poor",
    }
}

/// Parses [`org_predicate_text`].
pub fn parse_org_predicate(text: &str) -> Option<OrganisationPredicate> {
    OrganisationPredicate::ALL
        .into_iter()
        .find(|p| org_predicate_text(*p) == text)
}

/// The predicate an evaluation counts with: calibrated when present, else as rated.
pub fn effective_predicate(
    predicate: Option<&str>,
    calibrated: Option<&str>,
) -> Option<EmployeePredicate> {
    calibrated.or(predicate).and_then(parse_predicate)
}

// ---- shared loading ----

/// A period with its cycle's policies, checked to belong to an agency the caller may see.
pub(crate) struct PeriodCtx {
    pub period: period::Model,
    pub policies: CyclePolicies,
}

pub(crate) async fn load_period<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<PeriodCtx> {
    let period = period::Entity::find_by_id(period_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("period"))?;
    ctx.actor.check_agency(period.agency_id, "period")?;
    let cycle = cycle::Entity::find_by_id(period.cycle_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("period"))?;
    let policies = CyclePolicies::from_json(&cycle.policies);
    Ok(PeriodCtx { period, policies })
}

/// The organisation tree of an agency, for subtree arithmetic in memory.
pub(crate) struct Tree {
    pub units: HashMap<Uuid, unit::Model>,
}

impl Tree {
    pub async fn load<C: ConnectionTrait>(db: &C, agency_id: Uuid) -> ServiceResult<Self> {
        let rows = unit::Entity::find()
            .filter(unit::Column::AgencyId.eq(agency_id))
            .all(db)
            .await?;
        Ok(Self {
            units: rows.into_iter().map(|u| (u.id, u)).collect(),
        })
    }

    /// The unit and its ancestors, nearest first (from the materialised path).
    pub fn self_and_ancestors(&self, id: Uuid) -> Vec<Uuid> {
        let Some(u) = self.units.get(&id) else {
            return Vec::new();
        };
        let mut ids: Vec<Uuid> = u
            .path
            .split('/')
            .filter(|s| !s.is_empty())
            .filter_map(|s| Uuid::parse_str(s).ok())
            .collect();
        ids.reverse();
        ids
    }

    /// Is `id` in the subtree of `root` (itself included)?
    pub fn in_subtree(&self, id: Uuid, root: Uuid) -> bool {
        match (self.units.get(&id), self.units.get(&root)) {
            (Some(u), Some(r)) => u.path.starts_with(&r.path),
            _ => false,
        }
    }

    /// Units ordered by path (parents before children, siblings stable).
    pub fn ordered(&self) -> Vec<&unit::Model> {
        let mut v: Vec<&unit::Model> = self.units.values().collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }
}

/// The units whose distribution an evaluation in unit `x` counts in: `x` itself and its
/// ancestors up to, and including, the first that carries its own organisation predicate.
pub(crate) fn aggregation_units(tree: &Tree, x: Uuid, with_predicate: &HashSet<Uuid>) -> Vec<Uuid> {
    let mut out = Vec::new();
    for u in tree.self_and_ancestors(x) {
        out.push(u);
        if with_predicate.contains(&u) {
            break;
        }
    }
    out
}

fn kind_rank(kind: &str) -> Option<u8> {
    match PositionKind::parse(kind)? {
        PositionKind::Jpt => Some(0),
        PositionKind::Administrator => Some(1),
        PositionKind::Pengawas => Some(2),
        _ => None,
    }
}

/// The head of each unit: among the active employees of the unit holding a structural
/// position (JPT, administrator, pengawas), the highest kind, ties by the smallest NIP.
/// A unit without such an employee has no head.
pub async fn unit_heads<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
) -> ServiceResult<HashMap<Uuid, Uuid>> {
    let positions: Vec<(Uuid, String)> = position::Entity::find()
        .select_only()
        .column(position::Column::Id)
        .column(position::Column::Kind)
        .filter(position::Column::AgencyId.eq(agency_id))
        .into_tuple()
        .all(db)
        .await?;
    let ranks: HashMap<Uuid, u8> = positions
        .into_iter()
        .filter_map(|(id, kind)| kind_rank(&kind).map(|r| (id, r)))
        .collect();
    if ranks.is_empty() {
        return Ok(HashMap::new());
    }
    let mut best: HashMap<Uuid, (u8, String, Uuid)> = HashMap::new();
    let ids: Vec<Uuid> = ranks.keys().copied().collect();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(Uuid, Option<Uuid>, Option<Uuid>, String)> = employee::Entity::find()
            .select_only()
            .column(employee::Column::Id)
            .column(employee::Column::UnitId)
            .column(employee::Column::PositionId)
            .column(employee::Column::Nip)
            .filter(employee::Column::AgencyId.eq(agency_id))
            .filter(employee::Column::Status.eq(EmployeeStatus::Active.as_str()))
            .filter(employee::Column::PositionId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, unit_id, pos, nip) in rows {
            let (Some(unit_id), Some(rank)) = (unit_id, pos.and_then(|p| ranks.get(&p).copied()))
            else {
                continue;
            };
            let cand = (rank, nip, id);
            match best.get(&unit_id) {
                Some(cur) if (cur.0, &cur.1) <= (cand.0, &cand.1) => {}
                _ => {
                    best.insert(unit_id, cand);
                }
            }
        }
    }
    Ok(best.into_iter().map(|(u, (_, _, e))| (u, e)).collect())
}

// ---- distribution ----

/// (unit, predicate, calibrated predicate, count).
type PredicateRow = (Option<Uuid>, Option<String>, Option<String>, i64);
/// (employee, unit, predicate, calibrated predicate).
type HeadRow = (Uuid, Option<Uuid>, Option<String>, Option<String>);
/// (appraiser, unit, predicate, calibrated predicate, count).
type LeniencyRow = (
    Option<Uuid>,
    Option<Uuid>,
    Option<String>,
    Option<String>,
    i64,
);

/// Shares per predicate as fractions (0.25 = 25%), four decimals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct PredicateShares {
    #[schema(value_type = String)]
    pub very_good: Decimal,
    #[schema(value_type = String)]
    pub good: Decimal,
    #[schema(value_type = String)]
    pub needs_improvement: Decimal,
    #[schema(value_type = String)]
    pub poor: Decimal,
    #[schema(value_type = String)]
    pub very_poor: Decimal,
}

impl PredicateShares {
    pub fn of(c: &PredicateCounts) -> Self {
        let total = c.total();
        let share = |n: u32| {
            if total == 0 {
                Decimal::ZERO
            } else {
                (Decimal::from(n) / Decimal::from(total))
                    .round_dp(4)
                    .normalize()
            }
        };
        Self {
            very_good: share(c.very_good),
            good: share(c.good),
            needs_improvement: share(c.needs_improvement),
            poor: share(c.poor),
            very_poor: share(c.very_poor),
        }
    }
}

/// One unit's employee predicates against the curve of its organisation predicate.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitDistribution {
    pub unit_id: Uuid,
    pub period_id: Uuid,
    pub unit_name: String,
    pub parent_id: Option<Uuid>,
    pub depth: i32,
    /// The unit's organisation predicate for the period; None: not set, nothing is checked.
    pub organisation_predicate: Option<OrganisationPredicate>,
    pub counts: PredicateCounts,
    pub total: u32,
    pub shares: PredicateShares,
    /// Every rule of the curve broken, with its limit and the actual figure.
    pub violations: Vec<kinerja_domain::distribution::DistributionViolation>,
    pub enforcement: DistributionEnforcement,
    /// HR's justification for a violating distribution.
    pub override_reason: Option<String>,
    /// True when nothing is broken, or (soft mode) a violation is justified by an override.
    pub is_acceptable: bool,
    /// The unit's head, excluded from this distribution unless the policy includes heads.
    pub head_employee_id: Option<Uuid>,
}

/// Everything needed to compute distributions of one period for a whole agency, loaded in a
/// handful of queries.
struct PeriodCounts {
    tree: Tree,
    org: HashMap<Uuid, org_performance::Model>,
    /// Counts per evaluation unit.
    by_unit: HashMap<Uuid, PredicateCounts>,
    agency: PredicateCounts,
    heads: HashMap<Uuid, Uuid>,
    /// (employee, evaluation unit, predicate) of the heads' evaluations.
    head_evals: HashMap<Uuid, (Uuid, EmployeePredicate)>,
}

async fn load_counts<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    period_id: Uuid,
) -> ServiceResult<PeriodCounts> {
    let tree = Tree::load(db, agency_id).await?;
    let org: HashMap<Uuid, org_performance::Model> = org_performance::Entity::find()
        .filter(org_performance::Column::PeriodId.eq(period_id))
        .filter(org_performance::Column::AgencyId.eq(agency_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.unit_id, o))
        .collect();
    let rows: Vec<PredicateRow> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::UnitId)
        .column(evaluation::Column::Predicate)
        .column(evaluation::Column::CalibratedPredicate)
        .column_as(Expr::col(evaluation::Column::Id).count(), "n")
        .filter(evaluation::Column::AgencyId.eq(agency_id))
        .filter(evaluation::Column::PeriodId.eq(period_id))
        .filter(
            evaluation::Column::Predicate
                .is_not_null()
                .or(evaluation::Column::CalibratedPredicate.is_not_null()),
        )
        .group_by(evaluation::Column::UnitId)
        .group_by(evaluation::Column::Predicate)
        .group_by(evaluation::Column::CalibratedPredicate)
        .into_tuple()
        .all(db)
        .await?;
    let mut by_unit: HashMap<Uuid, PredicateCounts> = HashMap::new();
    let mut agency = PredicateCounts::default();
    for (unit_id, pred, cal, n) in rows {
        let Some(p) = effective_predicate(pred.as_deref(), cal.as_deref()) else {
            continue;
        };
        let n = n as u32;
        add(&mut agency, p, n);
        if let Some(u) = unit_id {
            add(by_unit.entry(u).or_default(), p, n);
        }
    }
    let heads = unit_heads(db, agency_id).await?;
    let head_ids: Vec<Uuid> = heads.values().copied().collect();
    let mut head_evals = HashMap::new();
    for chunk in head_ids.chunks(1000) {
        let rows: Vec<HeadRow> = evaluation::Entity::find()
            .select_only()
            .column(evaluation::Column::EmployeeId)
            .column(evaluation::Column::UnitId)
            .column(evaluation::Column::Predicate)
            .column(evaluation::Column::CalibratedPredicate)
            .filter(evaluation::Column::PeriodId.eq(period_id))
            .filter(evaluation::Column::EmployeeId.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (emp, unit_id, pred, cal) in rows {
            if let (Some(u), Some(p)) = (
                unit_id,
                effective_predicate(pred.as_deref(), cal.as_deref()),
            ) {
                head_evals.insert(emp, (u, p));
            }
        }
    }
    Ok(PeriodCounts {
        tree,
        org,
        by_unit,
        agency,
        heads,
        head_evals,
    })
}

fn add(c: &mut PredicateCounts, p: EmployeePredicate, n: u32) {
    match p {
        EmployeePredicate::VeryGood => c.very_good += n,
        EmployeePredicate::Good => c.good += n,
        EmployeePredicate::NeedsImprovement => c.needs_improvement += n,
        EmployeePredicate::Poor => c.poor += n,
        EmployeePredicate::VeryPoor => c.very_poor += n,
    }
}

fn sub(c: &mut PredicateCounts, p: EmployeePredicate) {
    match p {
        EmployeePredicate::VeryGood => c.very_good = c.very_good.saturating_sub(1),
        EmployeePredicate::Good => c.good = c.good.saturating_sub(1),
        EmployeePredicate::NeedsImprovement => {
            c.needs_improvement = c.needs_improvement.saturating_sub(1)
        }
        EmployeePredicate::Poor => c.poor = c.poor.saturating_sub(1),
        EmployeePredicate::VeryPoor => c.very_poor = c.very_poor.saturating_sub(1),
    }
}

fn merge(into: &mut PredicateCounts, c: &PredicateCounts) {
    for p in EmployeePredicate::ALL {
        add(into, p, c.get(p));
    }
}

impl PeriodCounts {
    /// The distribution of every unit of the agency, parents before children.
    fn all(&self, period_id: Uuid, policies: &CyclePolicies) -> Vec<UnitDistribution> {
        let with_predicate: HashSet<Uuid> = self.org.keys().copied().collect();
        let mut rolled: HashMap<Uuid, PredicateCounts> = HashMap::new();
        for (x, c) in &self.by_unit {
            for u in aggregation_units(&self.tree, *x, &with_predicate) {
                merge(rolled.entry(u).or_default(), c);
            }
        }
        if !policies.distribution.include_unit_heads {
            for (unit_id, head) in &self.heads {
                if let Some((x, p)) = self.head_evals.get(head)
                    && aggregation_units(&self.tree, *x, &with_predicate).contains(unit_id)
                    && let Some(c) = rolled.get_mut(unit_id)
                {
                    sub(c, *p);
                }
            }
        }
        self.tree
            .ordered()
            .into_iter()
            .map(|u| {
                let counts = rolled.get(&u.id).copied().unwrap_or_default();
                self.view(u, period_id, counts, policies)
            })
            .collect()
    }

    fn view(
        &self,
        u: &unit::Model,
        period_id: Uuid,
        counts: PredicateCounts,
        policies: &CyclePolicies,
    ) -> UnitDistribution {
        let org = self.org.get(&u.id);
        let organisation_predicate = org.and_then(|o| parse_org_predicate(&o.predicate));
        let violations = organisation_predicate
            .map(|p| check_distribution(&policies.distribution.policy, p, &counts))
            .unwrap_or_default();
        let override_reason = org.and_then(|o| o.distribution_override_reason.clone());
        let enforcement = policies.distribution.enforcement;
        let is_acceptable = violations.is_empty()
            || (enforcement == DistributionEnforcement::Soft && override_reason.is_some());
        UnitDistribution {
            unit_id: u.id,
            period_id,
            unit_name: u.name.clone(),
            parent_id: u.parent_id,
            depth: u.depth,
            organisation_predicate,
            total: counts.total(),
            shares: PredicateShares::of(&counts),
            counts,
            violations,
            enforcement,
            override_reason,
            is_acceptable,
            head_employee_id: self.heads.get(&u.id).copied(),
        }
    }
}

/// The distribution of one unit for one period (called at finalisation by the evaluations
/// use cases): its organisation predicate if set, the counts of the evaluations in scope,
/// every violation of the curve, and the stored override reason. No authorization: callers
/// have checked the agency.
pub async fn unit_distribution<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit_id: Uuid,
    period_id: Uuid,
    policies: &CyclePolicies,
) -> ServiceResult<UnitDistribution> {
    let counts = load_counts(db, agency_id, period_id).await?;
    if !counts.tree.units.contains_key(&unit_id) {
        return Err(ServiceError::not_found("unit"));
    }
    counts
        .all(period_id, policies)
        .into_iter()
        .find(|d| d.unit_id == unit_id)
        .ok_or_else(|| ServiceError::not_found("unit"))
}

/// The distribution of every unit of an agency for a period (the benchmark and reports).
pub async fn agency_distribution<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    period_id: Uuid,
    policies: &CyclePolicies,
) -> ServiceResult<(Vec<UnitDistribution>, PredicateCounts)> {
    let counts = load_counts(db, agency_id, period_id).await?;
    Ok((counts.all(period_id, policies), counts.agency))
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitFilter {
    /// Only this unit and its subtree.
    pub unit_id: Option<Uuid>,
}

/// The agency's figures for the whole period, against no curve (the agency has no
/// organisation predicate of its own here).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyDistribution {
    pub counts: PredicateCounts,
    pub total: u32,
    pub shares: PredicateShares,
}

/// The live "Monitoring Kurva" of a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeriodDistribution {
    pub period_id: Uuid,
    /// Soft: violations need an override reason; hard: they block finalisation.
    pub enforcement: DistributionEnforcement,
    pub include_unit_heads: bool,
    /// The regulation and source the curve's percentages come from.
    pub regulation: String,
    pub source: String,
    pub agency: AgencyDistribution,
    /// Units with their subtree, parents first.
    pub units: Vec<UnitDistribution>,
}

fn require_reports(ctx: &Ctx, agency_id: Uuid, entity: &'static str) -> ServiceResult<()> {
    ctx.actor
        .require_admin(agency_id, "reports", Access::Read, entity)
}

/// GET /periods/{id}/distribution: HR, auditors and report clients.
pub async fn get_distribution(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
    filter: UnitFilter,
) -> ServiceResult<PeriodDistribution> {
    let db = s.db.conn();
    let pc = load_period(db, ctx, period_id).await?;
    require_reports(ctx, pc.period.agency_id, "period")?;
    let counts = load_counts(db, pc.period.agency_id, period_id).await?;
    if let Some(u) = filter.unit_id
        && !counts.tree.units.contains_key(&u)
    {
        return Err(ServiceError::not_found("unit"));
    }
    let units = counts
        .all(period_id, &pc.policies)
        .into_iter()
        .filter(|d| {
            filter
                .unit_id
                .is_none_or(|root| counts.tree.in_subtree(d.unit_id, root))
        })
        .collect();
    Ok(PeriodDistribution {
        period_id,
        enforcement: pc.policies.distribution.enforcement,
        include_unit_heads: pc.policies.distribution.include_unit_heads,
        regulation: pc.policies.distribution.policy.regulation.clone(),
        source: pc.policies.distribution.policy.source.clone(),
        agency: AgencyDistribution {
            total: counts.agency.total(),
            shares: PredicateShares::of(&counts.agency),
            counts: counts.agency,
        },
        units,
    })
}

// ---- organisation predicate ----

/// A unit's organisation predicate for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrgPerformanceView {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub period_id: Uuid,
    pub predicate: OrganisationPredicate,
    /// What the predicate rests on: perjanjian kinerja achievement, rencana aksi progress...
    pub basis: Option<String>,
    pub set_by: String,
    pub set_at: DateTime<Utc>,
    pub distribution_override_reason: Option<String>,
    pub version: i32,
}

impl From<&org_performance::Model> for OrgPerformanceView {
    fn from(m: &org_performance::Model) -> Self {
        Self {
            id: m.id,
            unit_id: m.unit_id,
            period_id: m.period_id,
            predicate: parse_org_predicate(&m.predicate).unwrap_or(OrganisationPredicate::Good),
            basis: m.basis.clone(),
            set_by: m.set_by.clone(),
            set_at: m.set_at,
            distribution_override_reason: m.distribution_override_reason.clone(),
            version: m.version,
        }
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"predicate": "good", "basis": "Capaian perjanjian kinerja 2026 triwulan I: 9 dari 10 IKU tercapai."}))]
pub struct SetOrgPerformance {
    pub predicate: OrganisationPredicate,
    #[validate(length(max = 4000))]
    pub basis: Option<String>,
    /// Required when a predicate already set is changed.
    #[validate(length(min = 1, max = 2000))]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"reason": "Unit kecil (4 pegawai); dua pegawai berprestasi luar biasa pada program vaksinasi."}))]
pub struct DistributionOverride {
    #[validate(length(min = 1, max = 2000))]
    pub reason: String,
}

/// Who may set a unit's organisation predicate besides HR: "the leader of the organisation
/// above". That is the current appraiser of the unit's head; for a unit without a head, the
/// head of the nearest ancestor that has one.
async fn leader_above<C: ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    unit_id: Uuid,
) -> ServiceResult<Option<Uuid>> {
    let tree = Tree::load(db, agency_id).await?;
    let heads = unit_heads(db, agency_id).await?;
    if let Some(head) = heads.get(&unit_id) {
        let a = crate::assignments::effective_assignment(db, *head, crate::assignments::today())
            .await?;
        return Ok(a.and_then(|a| a.appraiser_employee_id));
    }
    Ok(tree
        .self_and_ancestors(unit_id)
        .into_iter()
        .skip(1)
        .find_map(|u| heads.get(&u).copied()))
}

async fn may_set_predicate<C: ConnectionTrait>(
    db: &C,
    ctx: &Ctx,
    agency_id: Uuid,
    unit_id: Uuid,
) -> ServiceResult<()> {
    if ctx.actor.can_administer(agency_id, "units", Access::Write) && ctx.actor.role().is_some() {
        return Ok(());
    }
    if let Some(me) = ctx.actor.employee_id()
        && leader_above(db, agency_id, unit_id).await? == Some(me)
    {
        return Ok(());
    }
    Err(ServiceError::forbidden(
        "Only HR or the leader of the organisation above may set the organisation predicate.",
    ))
}

fn period_open(p: &period::Model) -> ServiceResult<()> {
    if p.finalised_at.is_some() {
        return Err(ServiceError::conflict(
            "period_finalised",
            "The period is finalised; its organisation predicates can no longer change.",
        ));
    }
    Ok(())
}

/// PUT /units/{unit_id}/org-performance/{period_id}: sets (or changes, with a reason) the
/// unit's organisation predicate.
pub async fn set_org_performance(
    s: &Services,
    ctx: &Ctx,
    unit_id: Uuid,
    period_id: Uuid,
    if_match: Option<i32>,
    req: SetOrgPerformance,
) -> ServiceResult<OrgPerformanceView> {
    validate(&req)?;
    let txn = s.db.begin_write().await?;
    let u = unit::Entity::find_by_id(unit_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("unit"))?;
    ctx.actor.check_agency(u.agency_id, "unit")?;
    let pc = load_period(&*txn, ctx, period_id).await?;
    if pc.period.agency_id != u.agency_id {
        return Err(ServiceError::not_found("period"));
    }
    may_set_predicate(&*txn, ctx, u.agency_id, unit_id).await?;
    period_open(&pc.period)?;
    let existing = org_performance::Entity::find()
        .filter(org_performance::Column::UnitId.eq(unit_id))
        .filter(org_performance::Column::PeriodId.eq(period_id))
        .one(&*txn)
        .await?;
    let text = org_predicate_text(req.predicate);
    let basis = req
        .basis
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_owned);
    let (before, saved) = match existing {
        None => {
            let m = org_performance::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(u.agency_id),
                unit_id: Set(unit_id),
                period_id: Set(period_id),
                predicate: Set(text.to_owned()),
                basis: Set(basis),
                set_by: Set(ctx.actor.label.clone()),
                set_at: Set(now()),
                distribution_override_reason: Set(None),
                version: Set(1),
            }
            .insert(&*txn)
            .await?;
            (None, m)
        }
        Some(m) => {
            if let Some(v) = if_match {
                crate::check_version(Some(v), m.version)?;
            }
            if m.predicate == text && m.basis == basis {
                txn.commit().await?;
                return Ok(OrgPerformanceView::from(&m));
            }
            if req.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(ServiceError::field(
                    "reason",
                    "required",
                    "Changing an organisation predicate already set needs a reason.",
                ));
            }
            let before = OrgPerformanceView::from(&m);
            let version = m.version;
            let mut am = m.into_active_model();
            am.predicate = Set(text.to_owned());
            am.basis = Set(basis);
            am.set_by = Set(ctx.actor.label.clone());
            am.set_at = Set(now());
            am.version = Set(version + 1);
            (Some(before), am.update(&*txn).await?)
        }
    };
    let after = OrgPerformanceView::from(&saved);
    let mut after_snap = audit::snapshot(&after);
    if let (Some(obj), Some(reason)) = (
        after_snap.as_mut().and_then(|v| v.as_object_mut()),
        &req.reason,
    ) {
        obj.insert(
            "change_reason".into(),
            serde_json::Value::String(reason.clone()),
        );
    }
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(u.agency_id),
            action: if before.is_none() {
                "org_performance.set"
            } else {
                "org_performance.change"
            },
            entity_type: "org_performance",
            entity_id: saved.id.to_string(),
            before: before.as_ref().and_then(audit::snapshot),
            after: after_snap,
        },
    )
    .await?;
    // The unit head's result rating follows the predicate (SE MenPANRB 3/2023): re-derived at
    // once for a rated, not yet finalised evaluation.
    let changes =
        crate::evaluations::rederive_leaders(&*txn, pc.period.cycle_id, Some((unit_id, period_id)))
            .await?;
    let entries = changes
        .into_iter()
        .map(|c| Change {
            subject_employee_id: Some(c.employee_id),
            agency_id: Some(u.agency_id),
            action: "evaluation.leader_rederived",
            entity_type: "evaluation",
            entity_id: c.evaluation_id.to_string(),
            before: Some(serde_json::json!({"result_rating": c.before.0})),
            after: Some(serde_json::json!({
                "result_rating": c.after.0,
                "predicate": c.after.1,
                "organisation_predicate": text,
            })),
        })
        .collect();
    audit::record_many(&*txn, ctx, entries).await?;
    txn.commit().await?;
    Ok(after)
}

/// GET /units/{unit_id}/org-performance/{period_id}: HR, auditors, report clients, and the
/// leaders who may set it.
pub async fn get_org_performance(
    s: &Services,
    ctx: &Ctx,
    unit_id: Uuid,
    period_id: Uuid,
) -> ServiceResult<OrgPerformanceView> {
    let db = s.db.conn();
    let u = unit::Entity::find_by_id(unit_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("unit"))?;
    ctx.actor.check_agency(u.agency_id, "unit")?;
    if !ctx
        .actor
        .can_administer(u.agency_id, "reports", Access::Read)
    {
        may_set_predicate(db, ctx, u.agency_id, unit_id).await?;
    }
    let m = org_performance::Entity::find()
        .filter(org_performance::Column::UnitId.eq(unit_id))
        .filter(org_performance::Column::PeriodId.eq(period_id))
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("org_performance"))?;
    Ok(OrgPerformanceView::from(&m))
}

/// PUT /units/{unit_id}/org-performance/{period_id}/override: HR justifies a distribution
/// that breaks the curve.
pub async fn override_distribution(
    s: &Services,
    ctx: &Ctx,
    unit_id: Uuid,
    period_id: Uuid,
    req: DistributionOverride,
) -> ServiceResult<OrgPerformanceView> {
    validate(&req)?;
    if req.reason.trim().is_empty() {
        return Err(ServiceError::field(
            "reason",
            "required",
            "Give the justification.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let u = unit::Entity::find_by_id(unit_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("unit"))?;
    ctx.actor
        .require_admin(u.agency_id, "units", Access::Write, "unit")?;
    let pc = load_period(&*txn, ctx, period_id).await?;
    if pc.period.agency_id != u.agency_id {
        return Err(ServiceError::not_found("period"));
    }
    period_open(&pc.period)?;
    let m = org_performance::Entity::find()
        .filter(org_performance::Column::UnitId.eq(unit_id))
        .filter(org_performance::Column::PeriodId.eq(period_id))
        .one(&*txn)
        .await?
        .ok_or_else(|| {
            ServiceError::conflict(
                "no_organisation_predicate",
                "Set the unit's organisation predicate before justifying its distribution.",
            )
        })?;
    let before = OrgPerformanceView::from(&m);
    let version = m.version;
    let mut am = m.into_active_model();
    am.distribution_override_reason = Set(Some(req.reason.trim().to_owned()));
    am.version = Set(version + 1);
    let saved = am.update(&*txn).await?;
    let after = OrgPerformanceView::from(&saved);
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(u.agency_id),
            action: "org_performance.override",
            entity_type: "org_performance",
            entity_id: saved.id.to_string(),
            before: audit::snapshot(&before),
            after: audit::snapshot(&after),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

// ---- calibration ----

/// An evaluation's predicate as rated and after calibration, side by side.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalibrationRow {
    pub evaluation_id: Uuid,
    pub employee_id: Uuid,
    pub employee_name: String,
    pub nip: String,
    pub unit_id: Option<Uuid>,
    pub appraiser_employee_id: Option<Uuid>,
    pub status: String,
    /// As rated by the appraiser.
    pub predicate_before: Option<EmployeePredicate>,
    /// After HR's calibration; None when not calibrated.
    pub predicate_after: Option<EmployeePredicate>,
    /// The reason of the latest calibration.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[schema(example = json!({"predicate": "good", "reason": "Kalibrasi rapat pimpinan 12 Okt 2026: capaian setara rekan sejawat."}))]
pub struct Calibrate {
    pub predicate: EmployeePredicate,
    #[validate(length(min = 1, max = 2000))]
    pub reason: String,
}

/// A calibration as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalibrationView {
    pub id: Uuid,
    pub evaluation_id: Uuid,
    pub predicate_before: EmployeePredicate,
    pub predicate_after: EmployeePredicate,
    pub reason: String,
    pub calibrated_by: String,
    pub calibrated_at: DateTime<Utc>,
    /// The evaluation's new version (its ETag).
    pub evaluation_version: i32,
}

/// GET /periods/{id}/calibration: HR's before/after sheet, by unit subtree.
pub async fn list_calibration(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
    filter: UnitFilter,
    page: PageParams,
) -> ServiceResult<Page<CalibrationRow>> {
    validate(&page)?;
    let db = s.db.conn();
    let pc = load_period(db, ctx, period_id).await?;
    ctx.actor
        .require_admin(pc.period.agency_id, "evaluations", Access::Read, "period")?;
    let mut q = evaluation::Entity::find()
        .filter(evaluation::Column::PeriodId.eq(period_id))
        .filter(evaluation::Column::Predicate.is_not_null());
    if let Some(root) = filter.unit_id {
        let tree = Tree::load(db, pc.period.agency_id).await?;
        if !tree.units.contains_key(&root) {
            return Err(ServiceError::not_found("unit"));
        }
        let ids: Vec<Uuid> = tree
            .units
            .keys()
            .copied()
            .filter(|u| tree.in_subtree(*u, root))
            .collect();
        q = q.filter(evaluation::Column::UnitId.is_in(ids));
    }
    let total = q.clone().count(db).await?;
    let evals = q
        .order_by_asc(evaluation::Column::UnitId)
        .order_by_asc(evaluation::Column::EmployeeId)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    let emp_ids: Vec<Uuid> = evals.iter().map(|e| e.employee_id).collect();
    let ev_ids: Vec<Uuid> = evals.iter().map(|e| e.id).collect();
    let people: HashMap<Uuid, employee::Model> = employee::Entity::find()
        .filter(employee::Column::Id.is_in(emp_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let mut reasons: HashMap<Uuid, calibration::Model> = HashMap::new();
    for c in calibration::Entity::find()
        .filter(calibration::Column::EvaluationId.is_in(ev_ids))
        .order_by_asc(calibration::Column::CalibratedAt)
        .all(db)
        .await?
    {
        reasons.insert(c.evaluation_id, c);
    }
    let items = evals
        .iter()
        .map(|e| {
            let p = people.get(&e.employee_id);
            CalibrationRow {
                evaluation_id: e.id,
                employee_id: e.employee_id,
                employee_name: p.map(|p| p.name.clone()).unwrap_or_default(),
                nip: p.map(|p| p.nip.clone()).unwrap_or_default(),
                unit_id: e.unit_id,
                appraiser_employee_id: e.appraiser_employee_id,
                status: e.status.clone(),
                predicate_before: e.predicate.as_deref().and_then(parse_predicate),
                predicate_after: e.calibrated_predicate.as_deref().and_then(parse_predicate),
                reason: e
                    .calibrated_predicate
                    .as_ref()
                    .and_then(|_| reasons.get(&e.id).map(|c| c.reason.clone())),
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

/// POST /evaluations/{id}/calibrate: HR changes a rated evaluation's predicate before
/// finalisation, with a reason; the rated predicate is kept beside it.
pub async fn calibrate_evaluation(
    s: &Services,
    ctx: &Ctx,
    evaluation_id: Uuid,
    req: Calibrate,
) -> ServiceResult<CalibrationView> {
    validate(&req)?;
    if req.reason.trim().is_empty() {
        return Err(ServiceError::field(
            "reason",
            "required",
            "Give the reason for the calibration.",
        ));
    }
    let txn = s.db.begin_write().await?;
    let ev = evaluation::Entity::find_by_id(evaluation_id)
        .one(&*txn)
        .await?
        .ok_or_else(|| ServiceError::not_found("evaluation"))?;
    ctx.actor
        .require_admin(ev.agency_id, "evaluations", Access::Write, "evaluation")?;
    if EvaluationState::parse(&ev.status) != Some(EvaluationState::Rated) {
        return Err(ServiceError::conflict(
            "not_calibratable",
            format!(
                "Only a rated evaluation can be calibrated, before finalisation; this one is {}.",
                ev.status
            ),
        ));
    }
    let before_pred = ev
        .calibrated_predicate
        .as_deref()
        .or(ev.predicate.as_deref())
        .and_then(parse_predicate)
        .ok_or_else(|| {
            ServiceError::conflict("not_calibratable", "The evaluation has no predicate yet.")
        })?;
    let at = now();
    let cal = calibration::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(ev.agency_id),
        evaluation_id: Set(ev.id),
        before_predicate: Set(predicate_text(before_pred).to_owned()),
        after_predicate: Set(predicate_text(req.predicate).to_owned()),
        reason: Set(req.reason.trim().to_owned()),
        calibrated_by: Set(ctx.actor.label.clone()),
        calibrated_at: Set(at),
    }
    .insert(&*txn)
    .await?;
    let before_snap = serde_json::json!({
        "predicate": ev.predicate, "calibrated_predicate": ev.calibrated_predicate, "version": ev.version,
    });
    let version = ev.version + 1;
    let agency_id = ev.agency_id;
    let rated = ev.predicate.clone();
    let subject = ev.employee_id;
    let mut am = ev.into_active_model();
    am.calibrated_predicate = Set(Some(predicate_text(req.predicate).to_owned()));
    am.version = Set(version);
    am.updated_at = Set(at);
    am.update(&*txn).await?;
    let view = CalibrationView {
        id: cal.id,
        evaluation_id,
        predicate_before: before_pred,
        predicate_after: req.predicate,
        reason: cal.reason.clone(),
        calibrated_by: cal.calibrated_by.clone(),
        calibrated_at: at,
        evaluation_version: version,
    };
    audit::record(
        &*txn,
        ctx,
        Change {
            subject_employee_id: Some(subject),
            agency_id: Some(agency_id),
            action: "evaluation.calibrate",
            entity_type: "evaluation",
            entity_id: evaluation_id.to_string(),
            before: Some(before_snap),
            after: Some(serde_json::json!({
                "predicate": rated, "calibrated_predicate": predicate_text(req.predicate),
                "version": version, "calibration": audit::snapshot(&view),
            })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(view)
}

// ---- leniency ----

/// One appraiser's predicates against their unit's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AppraiserLeniency {
    pub appraiser_employee_id: Uuid,
    pub appraiser_name: String,
    pub unit_id: Option<Uuid>,
    pub counts: PredicateCounts,
    pub shares: PredicateShares,
    /// The appraiser's unit (with its subtree), all appraisers together.
    pub unit_counts: PredicateCounts,
    pub unit_shares: PredicateShares,
    /// Share of very_good + good given by the appraiser minus the same share in their unit:
    /// above 0 the appraiser rates more leniently than the unit, below 0 more strictly.
    #[schema(value_type = String)]
    pub leniency_index: Decimal,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LeniencyReport {
    pub period_id: Uuid,
    /// Most lenient first.
    pub appraisers: Vec<AppraiserLeniency>,
}

fn high_share(c: &PredicateCounts) -> Decimal {
    let t = c.total();
    if t == 0 {
        return Decimal::ZERO;
    }
    Decimal::from(c.very_good + c.good) / Decimal::from(t)
}

/// GET /periods/{id}/leniency: for HR, each appraiser's distribution against their unit's.
pub async fn get_leniency(
    s: &Services,
    ctx: &Ctx,
    period_id: Uuid,
) -> ServiceResult<LeniencyReport> {
    let db = s.db.conn();
    let pc = load_period(db, ctx, period_id).await?;
    let agency_id = pc.period.agency_id;
    ctx.actor
        .require_admin(agency_id, "evaluations", Access::Read, "period")?;
    let rows: Vec<LeniencyRow> = evaluation::Entity::find()
        .select_only()
        .column(evaluation::Column::AppraiserEmployeeId)
        .column(evaluation::Column::UnitId)
        .column(evaluation::Column::Predicate)
        .column(evaluation::Column::CalibratedPredicate)
        .column_as(Expr::col(evaluation::Column::Id).count(), "n")
        .filter(evaluation::Column::AgencyId.eq(agency_id))
        .filter(evaluation::Column::PeriodId.eq(period_id))
        .filter(evaluation::Column::Predicate.is_not_null())
        .group_by(evaluation::Column::AppraiserEmployeeId)
        .group_by(evaluation::Column::UnitId)
        .group_by(evaluation::Column::Predicate)
        .group_by(evaluation::Column::CalibratedPredicate)
        .into_tuple()
        .all(db)
        .await?;
    let tree = Tree::load(db, agency_id).await?;
    // Leniency is about the appraiser's own judgement: count predicates as rated.
    let mut by_appraiser: HashMap<Uuid, PredicateCounts> = HashMap::new();
    let mut by_unit: HashMap<Uuid, PredicateCounts> = HashMap::new();
    for (appraiser, unit_id, pred, _cal, n) in rows {
        let Some(p) = pred.as_deref().and_then(parse_predicate) else {
            continue;
        };
        if let Some(a) = appraiser {
            add(by_appraiser.entry(a).or_default(), p, n as u32);
        }
        if let Some(u) = unit_id {
            for anc in tree.self_and_ancestors(u) {
                add(by_unit.entry(anc).or_default(), p, n as u32);
            }
        }
    }
    let ids: Vec<Uuid> = by_appraiser.keys().copied().collect();
    let mut people: HashMap<Uuid, (String, Option<Uuid>)> = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows: Vec<(Uuid, String, Option<Uuid>)> = employee::Entity::find()
            .select_only()
            .column(employee::Column::Id)
            .column(employee::Column::Name)
            .column(employee::Column::UnitId)
            .filter(employee::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        for (id, name, unit_id) in rows {
            people.insert(id, (name, unit_id));
        }
    }
    let mut appraisers: Vec<AppraiserLeniency> = by_appraiser
        .into_iter()
        .map(|(id, counts)| {
            let (name, unit_id) = people.get(&id).cloned().unwrap_or_default();
            let unit_counts = unit_id
                .and_then(|u| by_unit.get(&u).copied())
                .unwrap_or_default();
            AppraiserLeniency {
                appraiser_employee_id: id,
                appraiser_name: name,
                unit_id,
                shares: PredicateShares::of(&counts),
                unit_shares: PredicateShares::of(&unit_counts),
                leniency_index: (high_share(&counts) - high_share(&unit_counts))
                    .round_dp(4)
                    .normalize(),
                counts,
                unit_counts,
            }
        })
        .collect();
    appraisers.sort_by(|a, b| {
        b.leniency_index
            .cmp(&a.leniency_index)
            .then(a.appraiser_employee_id.cmp(&b.appraiser_employee_id))
    });
    Ok(LeniencyReport {
        period_id,
        appraisers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn predicate_texts_round_trip_and_match_serde() {
        for p in EmployeePredicate::ALL {
            assert_eq!(parse_predicate(predicate_text(p)), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(predicate_text(p).into())
            );
        }
        for p in OrganisationPredicate::ALL {
            assert_eq!(parse_org_predicate(org_predicate_text(p)), Some(p));
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(org_predicate_text(p).into())
            );
        }
    }

    #[test]
    fn a_calibrated_predicate_wins_over_the_rated_one() {
        assert_eq!(
            effective_predicate(Some("very_good"), Some("good")),
            Some(EmployeePredicate::Good)
        );
        assert_eq!(
            effective_predicate(Some("poor"), None),
            Some(EmployeePredicate::Poor)
        );
        assert_eq!(effective_predicate(None, None), None);
    }
}
