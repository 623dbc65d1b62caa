//! Progress of a cycle per unit (with subtree totals) and for the agency: plans, realizations,
//! 360 feedback, evaluations, organisation predicates, and what is overdue against the
//! period's fill-in deadline (batas pengisian). Reads the counters the database keeps in step
//! with every write (decision record 0008) and sums them over the unit tree; `recount` and
//! `verify_counters` check them against the rows.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use kinerja_domain::org::EmployeeStatus;
use kinerja_domain::workflow::{EvaluationState, PlanState};
use kinerja_store::entities::{cycle, org_performance, period, progress_counter};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::Services;
use crate::actor::{Access, Ctx};
use crate::assignments::today;
use crate::error::{ServiceError, ServiceResult};
use crate::org_performance::Tree;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// The period for realizations, feedback and evaluations; default: the period containing
    /// today, else the last one that has ended, else the first.
    pub period_id: Option<Uuid>,
    /// Only this unit and its subtree.
    pub unit_id: Option<Uuid>,
}

/// Counts of one unit (own) or of a subtree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProgressTotals {
    pub employees: u64,
    pub plans_draft: u64,
    pub plans_submitted: u64,
    pub plans_approved: u64,
    /// Indicators of approved plans with a realization for the period.
    pub indicators_realized: u64,
    pub indicators_total: u64,
    pub feedback_answered: u64,
    pub feedback_total: u64,
    pub evaluations_rated: u64,
    pub evaluations_total: u64,
    /// Units with an organisation predicate for the period.
    pub predicates_set: u64,
    pub units: u64,
    /// After the fill-in deadline: indicators without realization.
    pub overdue_realizations: u64,
    /// After the fill-in deadline: evaluations not rated yet.
    pub overdue_evaluations: u64,
    /// After the fill-in deadline: feedback requests not answered.
    pub overdue_feedback: u64,
}

impl ProgressTotals {
    fn add(&mut self, o: &ProgressTotals) {
        self.employees += o.employees;
        self.plans_draft += o.plans_draft;
        self.plans_submitted += o.plans_submitted;
        self.plans_approved += o.plans_approved;
        self.indicators_realized += o.indicators_realized;
        self.indicators_total += o.indicators_total;
        self.feedback_answered += o.feedback_answered;
        self.feedback_total += o.feedback_total;
        self.evaluations_rated += o.evaluations_rated;
        self.evaluations_total += o.evaluations_total;
        self.predicates_set += o.predicates_set;
        self.units += o.units;
    }

    fn close(&mut self, past_deadline: bool) {
        if past_deadline {
            self.overdue_realizations = self
                .indicators_total
                .saturating_sub(self.indicators_realized);
            self.overdue_evaluations = self
                .evaluations_total
                .saturating_sub(self.evaluations_rated);
            self.overdue_feedback = self.feedback_total.saturating_sub(self.feedback_answered);
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitProgress {
    pub unit_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub depth: i32,
    /// This unit's own figures.
    pub own: ProgressTotals,
    /// The unit with its whole subtree.
    pub subtree: ProgressTotals,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleProgress {
    pub cycle_id: Uuid,
    pub period_id: Option<Uuid>,
    pub today: NaiveDate,
    pub fill_deadline_on: Option<NaiveDate>,
    pub is_past_deadline: bool,
    pub agency: ProgressTotals,
    /// Parents before children.
    pub units: Vec<UnitProgress>,
}

/// The metrics of `progress_counters` (migration m20261201_000001): employees per agency,
/// plans and approved plans' indicators per cycle, realizations, feedback requests and
/// evaluations per period; each per unit (the nil UUID for rows without one).
fn metric_statuses(metric: &str) -> Option<(&str, &str)> {
    metric.split_once(':')
}

fn pick_period(periods: &[period::Model], today: NaiveDate) -> Option<&period::Model> {
    let regular: Vec<&period::Model> = periods.iter().filter(|p| !p.is_final).collect();
    regular
        .iter()
        .find(|p| p.starts_on <= today && today <= p.ends_on)
        .or_else(|| {
            regular
                .iter()
                .filter(|p| p.ends_on < today)
                .max_by_key(|p| p.ends_on)
        })
        .copied()
        .or_else(|| periods.first())
}

/// Adds one counter row to a unit's totals.
fn apply(t: &mut ProgressTotals, scope: Scope, metric: &str, n: u64) {
    match (scope, metric, metric_statuses(metric)) {
        (Scope::Agency, _, Some(("employee", s))) if s == EmployeeStatus::Active.as_str() => {
            t.employees += n
        }
        (Scope::Cycle, _, Some(("plan", s))) => match PlanState::parse(s) {
            Some(PlanState::Draft) => t.plans_draft += n,
            Some(PlanState::Submitted | PlanState::Reviewed) => t.plans_submitted += n,
            Some(PlanState::Approved | PlanState::InAppraisal) => t.plans_approved += n,
            _ => {}
        },
        (Scope::Cycle, "indicators", _) => t.indicators_total += n,
        (Scope::Period, "realized", _) => t.indicators_realized += n,
        (Scope::Period, _, Some(("feedback", s))) => {
            t.feedback_total += n;
            if s == crate::feedback360::SUBMITTED {
                t.feedback_answered += n;
            }
        }
        (Scope::Period, _, Some(("evaluation", s))) => {
            t.evaluations_total += n;
            if matches!(
                EvaluationState::parse(s),
                Some(
                    EvaluationState::Rated
                        | EvaluationState::Finalised
                        | EvaluationState::Objected
                        | EvaluationState::Final
                )
            ) {
                t.evaluations_rated += n;
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Agency,
    Cycle,
    Period,
}

/// The figures, from the maintained counters of the agency, the cycle and the period (one
/// indexed read of a few rows per unit), the organisation predicates and the unit tree.
/// No authorization.
pub async fn cycle_progress<C: ConnectionTrait>(
    db: &C,
    c: &cycle::Model,
    period_id: Option<Uuid>,
    unit_id: Option<Uuid>,
) -> ServiceResult<CycleProgress> {
    let agency_id = c.agency_id;
    let periods = period::Entity::find()
        .filter(period::Column::CycleId.eq(c.id))
        .order_by_asc(period::Column::Seq)
        .all(db)
        .await?;
    let today = today();
    let period = match period_id {
        Some(id) => Some(periods.iter().find(|p| p.id == id).ok_or_else(|| {
            ServiceError::field(
                "period_id",
                "unknown_period",
                "Name a period of this cycle.",
            )
        })?),
        None => pick_period(&periods, today),
    };
    let tree = Tree::load(db, agency_id).await?;
    if let Some(u) = unit_id
        && !tree.units.contains_key(&u)
    {
        return Err(ServiceError::not_found("unit"));
    }
    let mut own: HashMap<Uuid, ProgressTotals> = tree
        .units
        .keys()
        .map(|u| {
            (
                *u,
                ProgressTotals {
                    units: 1,
                    ..Default::default()
                },
            )
        })
        .collect();
    let mut agency = ProgressTotals {
        units: tree.units.len() as u64,
        ..Default::default()
    };

    let mut scopes = vec![agency_id, c.id];
    if let Some(p) = period {
        scopes.push(p.id);
    }
    let rows = progress_counter::Entity::find()
        .filter(progress_counter::Column::ScopeId.is_in(scopes))
        .all(db)
        .await?;
    for r in rows {
        if r.n <= 0 {
            continue;
        }
        let scope = if r.scope_id == agency_id {
            Scope::Agency
        } else if r.scope_id == c.id {
            Scope::Cycle
        } else {
            Scope::Period
        };
        let n = r.n as u64;
        apply(&mut agency, scope, &r.metric, n);
        if let Some(t) = own.get_mut(&r.unit_id) {
            apply(t, scope, &r.metric, n);
        }
    }
    if let Some(p) = period {
        let set: Vec<Uuid> = org_performance::Entity::find()
            .select_only()
            .column(org_performance::Column::UnitId)
            .filter(org_performance::Column::PeriodId.eq(p.id))
            .into_tuple()
            .all(db)
            .await?;
        for u in set {
            agency.predicates_set += 1;
            if let Some(t) = own.get_mut(&u) {
                t.predicates_set += 1;
            }
        }
    }
    let past = period.is_some_and(|p| today > p.fill_deadline_on);
    let mut subtree: HashMap<Uuid, ProgressTotals> = HashMap::new();
    for (u, t) in &own {
        for anc in tree.self_and_ancestors(*u) {
            subtree.entry(anc).or_default().add(t);
        }
    }
    agency.close(past);
    let units = tree
        .ordered()
        .into_iter()
        .filter(|u| unit_id.is_none_or(|root| tree.in_subtree(u.id, root)))
        .map(|u| {
            let mut o = own.get(&u.id).copied().unwrap_or_default();
            let mut s = subtree.get(&u.id).copied().unwrap_or_default();
            o.close(past);
            s.close(past);
            UnitProgress {
                unit_id: u.id,
                parent_id: u.parent_id,
                name: u.name.clone(),
                depth: u.depth,
                own: o,
                subtree: s,
            }
        })
        .collect();
    Ok(CycleProgress {
        cycle_id: c.id,
        period_id: period.map(|p| p.id),
        today,
        fill_deadline_on: period.map(|p| p.fill_deadline_on),
        is_past_deadline: past,
        agency,
        units,
    })
}

/// One counter that differs from the rows it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CounterMismatch {
    pub scope_id: Uuid,
    pub unit_id: Uuid,
    pub metric: String,
    /// What the counter says.
    pub stored: i64,
    /// What counting the rows gives.
    pub counted: i64,
}

/// The counters as counting the rows gives them: the same grouped queries as the migration's
/// backfill, read back instead of inserted.
pub async fn recount<C: ConnectionTrait>(
    db: &C,
) -> ServiceResult<BTreeMap<(Uuid, Uuid, String), i64>> {
    let nil = match db.get_database_backend() {
        DbBackend::Postgres => "'00000000-0000-0000-0000-000000000000'::uuid",
        _ => "zeroblob(16)",
    };
    let u = |c: &str| format!("coalesce({c}, {nil})");
    let approved = "('approved', 'in_appraisal')";
    let statements = [
        format!(
            "SELECT agency_id AS s, {} AS u, 'employee:' || status AS m, count(*) AS n FROM employees \
             GROUP BY agency_id, unit_id, status",
            u("unit_id")
        ),
        format!(
            "SELECT cycle_id AS s, {} AS u, 'plan:' || status AS m, count(*) AS n FROM plans \
             GROUP BY cycle_id, unit_id, status",
            u("unit_id")
        ),
        format!(
            "SELECT p.cycle_id AS s, {} AS u, 'indicators' AS m, count(*) AS n FROM indicators i \
             JOIN work_results w ON w.id = i.work_result_id JOIN plans p ON p.id = w.plan_id \
             WHERE p.status IN {approved} GROUP BY p.cycle_id, p.unit_id",
            u("p.unit_id")
        ),
        format!(
            "SELECT x.period_id AS s, {} AS u, 'realized' AS m, count(*) AS n FROM realizations x \
             JOIN indicators i ON i.id = x.indicator_id \
             JOIN work_results w ON w.id = i.work_result_id JOIN plans p ON p.id = w.plan_id \
             WHERE p.status IN {approved} GROUP BY x.period_id, p.unit_id",
            u("p.unit_id")
        ),
        format!(
            "SELECT e.period_id AS s, {} AS u, 'feedback:' || f.status AS m, count(*) AS n \
             FROM feedback_requests f JOIN evaluations e ON e.id = f.evaluation_id \
             WHERE f.is_approved GROUP BY e.period_id, e.unit_id, f.status",
            u("e.unit_id")
        ),
        format!(
            "SELECT period_id AS s, {} AS u, 'evaluation:' || status AS m, count(*) AS n \
             FROM evaluations GROUP BY period_id, unit_id, status",
            u("unit_id")
        ),
    ];
    let mut out = BTreeMap::new();
    for sql in statements {
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?;
        for r in rows {
            out.insert(
                (
                    r.try_get::<Uuid>("", "s")?,
                    r.try_get::<Uuid>("", "u")?,
                    r.try_get::<String>("", "m")?,
                ),
                r.try_get::<i64>("", "n")?,
            );
        }
    }
    Ok(out)
}

/// Compares every counter with a recount of the rows; empty when they agree. Counters at
/// zero and missing counters are the same.
pub async fn verify_counters<C: ConnectionTrait>(db: &C) -> ServiceResult<Vec<CounterMismatch>> {
    let counted = recount(db).await?;
    let stored: BTreeMap<(Uuid, Uuid, String), i64> = progress_counter::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| ((r.scope_id, r.unit_id, r.metric), r.n))
        .collect();
    let mut keys: Vec<&(Uuid, Uuid, String)> = counted.keys().chain(stored.keys()).collect();
    keys.sort();
    keys.dedup();
    Ok(keys
        .into_iter()
        .filter_map(|k| {
            let a = stored.get(k).copied().unwrap_or(0);
            let b = counted.get(k).copied().unwrap_or(0);
            (a != b).then(|| CounterMismatch {
                scope_id: k.0,
                unit_id: k.1,
                metric: k.2.clone(),
                stored: a,
                counted: b,
            })
        })
        .collect())
}

/// Rebuilds every counter from the rows, in one write transaction (`kinerja verify-progress
/// --repair`); returns how many counters were written.
pub async fn rebuild_counters(db: &crate::Db) -> ServiceResult<usize> {
    let txn = db.begin_write().await?;
    let counted = recount(&*txn).await?;
    progress_counter::Entity::delete_many().exec(&*txn).await?;
    let rows: Vec<progress_counter::ActiveModel> = counted
        .iter()
        .map(|((s, u, m), n)| progress_counter::ActiveModel {
            scope_id: Set(*s),
            unit_id: Set(*u),
            metric: Set(m.clone()),
            n: Set(*n),
        })
        .collect();
    let written = rows.len();
    for chunk in rows.chunks(500) {
        progress_counter::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&*txn)
            .await?;
    }
    txn.commit().await?;
    Ok(written)
}

/// GET /cycles/{id}/progress: HR, auditors and report clients.
pub async fn get_progress(
    s: &Services,
    ctx: &Ctx,
    cycle_id: Uuid,
    q: ProgressQuery,
) -> ServiceResult<CycleProgress> {
    let db = s.db.conn();
    let c = cycle::Entity::find_by_id(cycle_id)
        .one(db)
        .await?
        .ok_or_else(|| ServiceError::not_found("cycle"))?;
    ctx.actor
        .require_admin(c.agency_id, "reports", Access::Read, "cycle")?;
    cycle_progress(db, &c, q.period_id, q.unit_id).await
}
