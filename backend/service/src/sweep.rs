//! The moves time makes by itself (domain.md 7.3), run by the server on a timer and by
//! `kinerja sweep`: an approved plan whose dates have ended goes into appraisal
//! (DISETUJUI --periode ends--> MASA_PENILAIAN), and a finalised evaluation whose objection
//! window has closed without an objection becomes final (DITETAPKAN --14 days--> FINAL).
//! Idempotent and set-based; every object moved gets its own audit entry, recorded by the
//! scheduler as a system client of the agency.

use chrono::NaiveDate;
use kinerja_domain::workflow::{CycleState, PlanAction, PlanState};
use kinerja_store::entities::{cycle, period, plan};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::actor::{Actor, Ctx, Principal};
use crate::audit::{self, Change};
use crate::error::{ServiceError, ServiceResult};
use crate::{Db, now};

/// What one sweep moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct SweepReport {
    /// Approved plans whose end date had passed, now in appraisal.
    pub plans_in_appraisal: u64,
    /// Finalised evaluations whose objection window closed, now final.
    pub evaluations_concluded: u64,
}

/// The scheduler as the audit log records it.
pub fn scheduler_ctx(agency_id: Uuid) -> Ctx {
    Ctx {
        actor: Actor {
            principal: Principal::Client {
                client_id: "kinerja-scheduler".into(),
                scopes: Vec::new(),
            },
            agency_id: Some(agency_id),
            label: "kinerja scheduler".into(),
        },
        request_id: format!("sweep-{}", Uuid::now_v7()),
    }
}

const CHUNK: usize = 500;

/// Runs both moves for every cycle that is being planned, running or closing, as of `today`
/// (WIB calendar day).
pub async fn run(db: &Db, today: NaiveDate) -> ServiceResult<SweepReport> {
    let cycles = cycle::Entity::find()
        .filter(cycle::Column::Status.is_in([
            CycleState::Planning.as_str(),
            CycleState::Running.as_str(),
            CycleState::Closing.as_str(),
        ]))
        .order_by_asc(cycle::Column::Year)
        .all(db.conn())
        .await?;
    let mut report = SweepReport::default();
    for c in cycles {
        let ctx = scheduler_ctx(c.agency_id);
        report.plans_in_appraisal += plans_into_appraisal(db, &ctx, &c, today).await?;
        let periods: Vec<Uuid> = period::Entity::find()
            .select_only()
            .column(period::Column::Id)
            .filter(period::Column::CycleId.eq(c.id))
            .filter(period::Column::FinalisedAt.is_not_null())
            .into_tuple()
            .all(db.conn())
            .await?;
        for p in periods {
            report.evaluations_concluded += crate::evaluations::conclude_period_as(db, &ctx, p)
                .await?
                .concluded;
        }
    }
    Ok(report)
}

/// Approved plans of the cycle that ended before `today` go into appraisal, in one write.
async fn plans_into_appraisal(
    db: &Db,
    ctx: &Ctx,
    c: &cycle::Model,
    today: NaiveDate,
) -> ServiceResult<u64> {
    let next = PlanState::Approved
        .transition(PlanAction::EndPeriod)
        .map_err(|e| ServiceError::Internal(e.message))?;
    let txn = db.begin_write().await?;
    let due: Vec<(Uuid, Uuid, i32)> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Id)
        .column(plan::Column::EmployeeId)
        .column(plan::Column::Version)
        .filter(plan::Column::CycleId.eq(c.id))
        .filter(plan::Column::Status.eq(PlanState::Approved.as_str()))
        .filter(plan::Column::EndsOn.lt(today))
        .into_tuple()
        .all(&*txn)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let at = now();
    let mut moved = 0;
    for chunk in due.chunks(CHUNK) {
        let res = plan::Entity::update_many()
            .col_expr(plan::Column::Status, Expr::value(next.as_str()))
            .col_expr(plan::Column::UpdatedAt, Expr::value(at))
            .col_expr(
                plan::Column::Version,
                Expr::col(plan::Column::Version).add(1),
            )
            .filter(plan::Column::Id.is_in(chunk.iter().map(|(id, _, _)| *id)))
            .filter(plan::Column::Status.eq(PlanState::Approved.as_str()))
            .exec(&*txn)
            .await?;
        moved += res.rows_affected;
    }
    let entries = due
        .iter()
        .map(|(id, employee, version)| Change {
            subject_employee_id: Some(*employee),
            agency_id: Some(c.agency_id),
            action: "plan.end_period",
            entity_type: "plan",
            entity_id: id.to_string(),
            before: Some(
                serde_json::json!({"status": PlanState::Approved.as_str(), "version": version}),
            ),
            after: Some(serde_json::json!({
                "status": next.as_str(),
                "version": version + 1,
                "reason": format!("The plan's dates ended before {today}."),
            })),
        })
        .collect();
    audit::record_many(&*txn, ctx, entries).await?;
    txn.commit().await?;
    Ok(moved)
}
