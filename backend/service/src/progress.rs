//! Progress of a cycle per unit (with subtree totals) and for the agency: plans, realizations,
//! 360 feedback, evaluations, organisation predicates, and what is overdue against the
//! period's fill-in deadline (batas pengisian). Set-based: one GROUP BY query per figure,
//! aggregated in memory over the unit tree.

use std::collections::HashMap;

use chrono::NaiveDate;
use kinerja_domain::org::EmployeeStatus;
use kinerja_domain::workflow::{EvaluationState, PlanState};
use kinerja_store::entities::{
    cycle, employee, evaluation, feedback_request, indicator, org_performance, period, plan,
    realization, work_result,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
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

/// (unit, key, count) of a grouped query.
type UnitRow = (Option<Uuid>, Option<String>, i64);

fn rows_by_unit(rows: Vec<sea_orm::QueryResult>) -> ServiceResult<Vec<UnitRow>> {
    rows.into_iter()
        .map(|r| {
            Ok((
                r.try_get::<Option<Uuid>>("", "unit_id")?,
                r.try_get::<Option<String>>("", "k").ok().flatten(),
                r.try_get::<i64>("", "n")?,
            ))
        })
        .collect()
}

/// Approved plans' indicators per unit (`n`) and, with a period, those with a realization for
/// it (`k`, the realization being unique per indicator and period): one pass.
fn indicators_stmt(cycle_id: Uuid, period_id: Option<Uuid>) -> SelectStatement {
    let approved = [
        PlanState::Approved.as_str(),
        PlanState::InAppraisal.as_str(),
    ];
    let mut q = Query::select();
    q.expr_as(
        Expr::col((plan::Entity, plan::Column::UnitId)),
        Alias::new("unit_id"),
    )
    .expr_as(
        Expr::col((indicator::Entity, indicator::Column::Id)).count(),
        Alias::new("n"),
    )
    .expr_as(
        Expr::col((realization::Entity, realization::Column::Id)).count(),
        Alias::new("k"),
    )
    .from(indicator::Entity)
    .inner_join(
        work_result::Entity,
        Expr::col((work_result::Entity, work_result::Column::Id))
            .equals((indicator::Entity, indicator::Column::WorkResultId)),
    )
    .inner_join(
        plan::Entity,
        Expr::col((plan::Entity, plan::Column::Id))
            .equals((work_result::Entity, work_result::Column::PlanId)),
    )
    .left_join(
        realization::Entity,
        Expr::col((realization::Entity, realization::Column::IndicatorId))
            .equals((indicator::Entity, indicator::Column::Id))
            .and(Expr::col((realization::Entity, realization::Column::PeriodId)).eq(period_id)),
    )
    .and_where(Expr::col((plan::Entity, plan::Column::CycleId)).eq(cycle_id))
    .and_where(Expr::col((plan::Entity, plan::Column::Status)).is_in(approved))
    .group_by_col((plan::Entity, plan::Column::UnitId));
    q
}

fn feedback_stmt(period_id: Uuid) -> SelectStatement {
    Query::select()
        .expr_as(
            Expr::col((evaluation::Entity, evaluation::Column::UnitId)),
            Alias::new("unit_id"),
        )
        .expr_as(
            Expr::col((feedback_request::Entity, feedback_request::Column::Status)),
            Alias::new("k"),
        )
        .expr_as(
            Expr::col((feedback_request::Entity, feedback_request::Column::Id)).count(),
            Alias::new("n"),
        )
        .from(feedback_request::Entity)
        .inner_join(
            evaluation::Entity,
            Expr::col((evaluation::Entity, evaluation::Column::Id)).equals((
                feedback_request::Entity,
                feedback_request::Column::EvaluationId,
            )),
        )
        .and_where(Expr::col((evaluation::Entity, evaluation::Column::PeriodId)).eq(period_id))
        .and_where(
            Expr::col((
                feedback_request::Entity,
                feedback_request::Column::IsApproved,
            ))
            .eq(true),
        )
        .group_by_col((evaluation::Entity, evaluation::Column::UnitId))
        .group_by_col((feedback_request::Entity, feedback_request::Column::Status))
        .to_owned()
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

/// The figures, computed with six grouped queries and the unit tree. No authorization.
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
    let mut bump = |unit: Option<Uuid>, f: &dyn Fn(&mut ProgressTotals)| {
        f(&mut agency);
        if let Some(t) = unit.and_then(|u| own.get_mut(&u)) {
            f(t);
        }
    };

    let emps: Vec<(Option<Uuid>, i64)> = employee::Entity::find()
        .select_only()
        .column(employee::Column::UnitId)
        .column_as(Expr::col(employee::Column::Id).count(), "n")
        .filter(employee::Column::AgencyId.eq(agency_id))
        .filter(employee::Column::Status.eq(EmployeeStatus::Active.as_str()))
        .group_by(employee::Column::UnitId)
        .into_tuple()
        .all(db)
        .await?;
    for (u, n) in emps {
        bump(u, &|t| t.employees += n as u64);
    }
    let plans: Vec<(Option<Uuid>, String, i64)> = plan::Entity::find()
        .select_only()
        .column(plan::Column::UnitId)
        .column(plan::Column::Status)
        .column_as(Expr::col(plan::Column::Id).count(), "n")
        .filter(plan::Column::CycleId.eq(c.id))
        .group_by(plan::Column::UnitId)
        .group_by(plan::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (u, status, n) in plans {
        let n = n as u64;
        match PlanState::parse(&status) {
            Some(PlanState::Draft) => bump(u, &|t| t.plans_draft += n),
            Some(PlanState::Submitted) => bump(u, &|t| t.plans_submitted += n),
            Some(PlanState::Approved | PlanState::InAppraisal) => {
                bump(u, &|t| t.plans_approved += n)
            }
            _ => {}
        }
    }
    for r in db
        .query_all(&indicators_stmt(c.id, period.map(|p| p.id)))
        .await?
    {
        let u = r.try_get::<Option<Uuid>>("", "unit_id")?;
        let (n, k) = (
            r.try_get::<i64>("", "n")? as u64,
            r.try_get::<i64>("", "k")? as u64,
        );
        bump(u, &|t| {
            t.indicators_total += n;
            t.indicators_realized += k;
        });
    }
    if let Some(p) = period {
        for (u, status, n) in rows_by_unit(db.query_all(&feedback_stmt(p.id)).await?)? {
            let n = n as u64;
            let answered = status.as_deref() == Some(crate::feedback360::SUBMITTED);
            bump(u, &|t| {
                t.feedback_total += n;
                if answered {
                    t.feedback_answered += n;
                }
            });
        }
        let evals: Vec<(Option<Uuid>, String, i64)> = evaluation::Entity::find()
            .select_only()
            .column(evaluation::Column::UnitId)
            .column(evaluation::Column::Status)
            .column_as(Expr::col(evaluation::Column::Id).count(), "n")
            .filter(evaluation::Column::PeriodId.eq(p.id))
            .group_by(evaluation::Column::UnitId)
            .group_by(evaluation::Column::Status)
            .into_tuple()
            .all(db)
            .await?;
        for (u, status, n) in evals {
            let n = n as u64;
            let rated = matches!(
                EvaluationState::parse(&status),
                Some(
                    EvaluationState::Rated
                        | EvaluationState::Finalised
                        | EvaluationState::Objected
                        | EvaluationState::Final
                )
            );
            bump(u, &|t| {
                t.evaluations_total += n;
                if rated {
                    t.evaluations_rated += n;
                }
            });
        }
        let set: Vec<Uuid> = org_performance::Entity::find()
            .select_only()
            .column(org_performance::Column::UnitId)
            .filter(org_performance::Column::PeriodId.eq(p.id))
            .into_tuple()
            .all(db)
            .await?;
        for u in set {
            bump(Some(u), &|t| t.predicates_set += 1);
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
