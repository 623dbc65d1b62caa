//! What concerns the caller personally: the work waiting for them across the appraisal
//! (`GET /me/tasks`) and the audit trail of their own records (`GET /me/audit-trail`).
//! Read-only; every figure is scoped to the caller's agency and employee.

use chrono::SecondsFormat;
use kinerja_domain::workflow::{CycleState, EvaluationState, ObjectionState, PlanState};
use kinerja_store::entities::{
    audit_log, cycle, evaluation, feedback_request, notification, objection, plan,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::Services;
use crate::actor::{Access, Ctx};
use crate::assignments::today;
use crate::audit::{AuditEntryView, chain_for};
use crate::error::{ServiceError, ServiceResult, validate};
use crate::pagination::{Page, PageParams};
use crate::policies::CyclePolicies;

/// One of the caller's own plans in a cycle that is being planned or running.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyPlanTask {
    pub plan_id: Uuid,
    pub cycle_id: Uuid,
    pub year: i32,
    pub status: PlanState,
    /// Why the appraiser (or HR) returned it, when it was returned.
    pub return_reason: Option<String>,
}

/// A cycle in which the caller has no live plan yet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleNeedingPlan {
    pub cycle_id: Uuid,
    pub year: i32,
    pub name: String,
}

/// The work waiting for the caller now. Counts are of objects the caller may act on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyTasks {
    /// The employee the account is linked to; the employee figures are zero without one.
    pub employee_id: Option<Uuid>,
    /// The caller's plans in cycles being planned or running, newest first.
    pub my_plans: Vec<MyPlanTask>,
    /// Cycles being planned or running in which the caller has no plan (draft or later).
    pub cycles_without_plan: Vec<CycleNeedingPlan>,
    /// Plans submitted to the caller as appraiser and ready for their decision.
    pub plans_to_approve: u64,
    /// HR: submitted plans waiting for the Pengelola Kinerja's review (cycles that require it).
    pub plans_to_review: u64,
    /// 360 requests the caller has not answered yet.
    pub feedback_to_give: u64,
    /// Of those, the ones past their due date.
    pub feedback_overdue: u64,
    /// The caller's own evaluations open for realizations and the self-assessment.
    pub evaluations_to_submit: u64,
    /// Evaluations of the people the caller appraises, waiting for their rating.
    pub evaluations_to_rate: u64,
    /// The caller's finalised results not yet acknowledged (acknowledging opens the
    /// objection window).
    pub results_to_acknowledge: u64,
    /// Objections addressed to the caller as the appraiser's superior, not yet decided.
    pub objections_to_decide: u64,
    pub notifications_unread: u64,
}

fn live_plan_statuses() -> [&'static str; 5] {
    [
        PlanState::Draft.as_str(),
        PlanState::Submitted.as_str(),
        PlanState::Reviewed.as_str(),
        PlanState::Approved.as_str(),
        PlanState::InAppraisal.as_str(),
    ]
}

/// GET /me/tasks: any signed-in account (an API client has no tasks: 403).
pub async fn tasks(s: &Services, ctx: &Ctx) -> ServiceResult<MyTasks> {
    if ctx.actor.user_id().is_none() {
        return Err(ServiceError::forbidden(
            "Tasks belong to people; an API client has none.",
        ));
    }
    let db = s.db.conn();
    let me = ctx.actor.employee_id();
    let agency = ctx.actor.agency_id;
    let open_cycles: Vec<cycle::Model> = match agency {
        Some(a) => {
            cycle::Entity::find()
                .filter(cycle::Column::AgencyId.eq(a))
                .filter(
                    cycle::Column::Status
                        .is_in([CycleState::Planning.as_str(), CycleState::Running.as_str()]),
                )
                .order_by_desc(cycle::Column::Year)
                .all(db)
                .await?
        }
        None => Vec::new(),
    };
    let open_ids: Vec<Uuid> = open_cycles.iter().map(|c| c.id).collect();
    let mut t = MyTasks {
        employee_id: me,
        my_plans: Vec::new(),
        cycles_without_plan: Vec::new(),
        plans_to_approve: 0,
        plans_to_review: 0,
        feedback_to_give: 0,
        feedback_overdue: 0,
        evaluations_to_submit: 0,
        evaluations_to_rate: 0,
        results_to_acknowledge: 0,
        objections_to_decide: 0,
        notifications_unread: 0,
    };
    let reviewing: Vec<Uuid> = open_cycles
        .iter()
        .filter(|c| CyclePolicies::from_json(&c.policies).require_hr_review)
        .map(|c| c.id)
        .collect();
    if let Some(a) = agency
        && ctx.actor.can_administer(a, "plans", Access::Write)
        && !reviewing.is_empty()
    {
        t.plans_to_review = plan::Entity::find()
            .filter(plan::Column::CycleId.is_in(reviewing.clone()))
            .filter(plan::Column::Status.eq(PlanState::Submitted.as_str()))
            .count(db)
            .await?;
    }
    let Some(me) = me else {
        return Ok(t);
    };
    let mine = plan::Entity::find()
        .filter(plan::Column::EmployeeId.eq(me))
        .filter(plan::Column::CycleId.is_in(open_ids.clone()))
        .filter(plan::Column::Status.is_in(live_plan_statuses()))
        .order_by_desc(plan::Column::StartsOn)
        .all(db)
        .await?;
    for c in &open_cycles {
        let plans: Vec<&plan::Model> = mine.iter().filter(|p| p.cycle_id == c.id).collect();
        if plans.is_empty() {
            t.cycles_without_plan.push(CycleNeedingPlan {
                cycle_id: c.id,
                year: c.year,
                name: c.name.clone(),
            });
        }
        for p in plans {
            t.my_plans.push(MyPlanTask {
                plan_id: p.id,
                cycle_id: c.id,
                year: c.year,
                status: PlanState::parse(&p.status).unwrap_or(PlanState::Draft),
                return_reason: p.return_reason.clone(),
            });
        }
    }
    // Submitted plans wait for the HR review first where the cycle requires one.
    let ready = plan::Entity::find()
        .filter(plan::Column::AppraiserEmployeeId.eq(me))
        .filter(plan::Column::CycleId.is_in(open_ids.clone()));
    let reviewed = ready
        .clone()
        .filter(plan::Column::Status.eq(PlanState::Reviewed.as_str()))
        .count(db)
        .await?;
    let submitted = ready
        .filter(plan::Column::Status.eq(PlanState::Submitted.as_str()))
        .filter(plan::Column::CycleId.is_not_in(reviewing))
        .count(db)
        .await?;
    t.plans_to_approve = reviewed + submitted;

    let pending = feedback_request::Entity::find()
        .filter(feedback_request::Column::RaterEmployeeId.eq(me))
        .filter(feedback_request::Column::Status.ne(crate::feedback360::SUBMITTED))
        .filter(feedback_request::Column::IsApproved.eq(true));
    t.feedback_to_give = pending.clone().count(db).await?;
    t.feedback_overdue = pending
        .filter(feedback_request::Column::DueOn.lt(today()))
        .count(db)
        .await?;

    t.evaluations_to_submit = evaluation::Entity::find()
        .filter(evaluation::Column::EmployeeId.eq(me))
        .filter(evaluation::Column::CycleId.is_in(open_ids.clone()))
        .filter(evaluation::Column::Status.is_in([
            EvaluationState::NotStarted.as_str(),
            EvaluationState::Filling.as_str(),
        ]))
        .count(db)
        .await?;
    t.evaluations_to_rate = evaluation::Entity::find()
        .filter(evaluation::Column::AppraiserEmployeeId.eq(me))
        .filter(evaluation::Column::CycleId.is_in(open_ids))
        .filter(evaluation::Column::Status.eq(EvaluationState::AwaitingRating.as_str()))
        .count(db)
        .await?;
    t.results_to_acknowledge = evaluation::Entity::find()
        .filter(evaluation::Column::EmployeeId.eq(me))
        .filter(evaluation::Column::Status.eq(EvaluationState::Finalised.as_str()))
        .filter(evaluation::Column::ReceivedAt.is_null())
        .count(db)
        .await?;
    t.objections_to_decide = objection::Entity::find()
        .filter(objection::Column::DeciderEmployeeId.eq(me))
        .filter(objection::Column::Status.is_in([
            ObjectionState::Submitted.as_str(),
            ObjectionState::UnderReview.as_str(),
        ]))
        .count(db)
        .await?;
    t.notifications_unread = notification::Entity::find()
        .filter(notification::Column::RecipientEmployeeId.eq(me))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(t)
}

/// Filters of the caller's own audit trail.
#[derive(Debug, Clone, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct MyAuditQuery {
    /// Only entries about this kind of record (`plan`, `work_result`, `indicator`,
    /// `realization`, `evidence`, `evaluation`, `objection`, `continuous_feedback`,
    /// `dialogue`, `employee`, `appraiser_assignment`, `feedback_request`).
    #[validate(length(min = 1, max = 64))]
    pub entity_type: Option<String>,
    /// Entries at or after this instant (RFC 3339).
    pub from: Option<chrono::DateTime<chrono::Utc>>,
}

/// GET /me/audit-trail: every audit entry about the caller's own records (their employee
/// record, appraiser assignments, plans and their content, realizations and evidence,
/// evaluations, objections, the continuous feedback addressed to them, their own 360
/// answers), newest first. Entries that would identify who rated them (other raters' 360
/// requests) or an appraiser's private notes are never about them.
pub async fn audit_trail(
    s: &Services,
    ctx: &Ctx,
    q: MyAuditQuery,
    page: PageParams,
) -> ServiceResult<Page<AuditEntryView>> {
    validate(&q)?;
    validate(&page)?;
    let (Some(me), Some(agency)) = (ctx.actor.employee_id(), ctx.actor.agency_id) else {
        return Err(ServiceError::forbidden(
            "This account is not linked to an employee, so it has no own records.",
        ));
    };
    let mut query = audit_log::Entity::find()
        .filter(audit_log::Column::Chain.eq(chain_for(Some(agency))))
        .filter(audit_log::Column::SubjectEmployeeId.eq(me));
    if let Some(t) = &q.entity_type {
        query = query.filter(audit_log::Column::EntityType.eq(t.as_str()));
    }
    if let Some(from) = q.from {
        query = query
            .filter(audit_log::Column::At.gte(from.to_rfc3339_opts(SecondsFormat::Micros, true)));
    }
    let db = s.db.conn();
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(audit_log::Column::Seq)
        .offset(page.offset())
        .limit(page.per_page())
        .all(db)
        .await?;
    let mut items: Vec<AuditEntryView> = rows.into_iter().map(AuditEntryView::from).collect();
    crate::audit::fill_actor_names(db, &mut items).await?;
    Ok(Page {
        items,
        total,
        page: page.page(),
        per_page: page.per_page(),
    })
}
