//! An appraisal cycle inserted directly (not through the API): a running 2026 cycle with four
//! quarters and the annual period, and an approved plan for every fixture employee of an
//! agency, each with two main work results (cascading from the appraiser's) of two indicators.
//! Tests of evaluations, 360 feedback, distribution and objections start from here.

#![allow(dead_code)]

use chrono::NaiveDate;
use kinerja_service::policies::CyclePolicies;
use kinerja_store::entities::{cycle, indicator, period, plan, work_result};
use kinerja_store::sea_orm::{ActiveModelTrait, ActiveValue::Set};
use uuid::Uuid;

use crate::helpers::{AgencyFx, TestApp};

#[derive(Clone, Debug)]
pub struct PlanFx {
    pub id: Uuid,
    pub employee_id: Uuid,
    pub work_results: Vec<Uuid>,
    pub indicators: Vec<Uuid>,
}

#[derive(Clone, Debug)]
pub struct CycleFx {
    pub id: Uuid,
    /// Q1..Q4, in order.
    pub quarters: Vec<Uuid>,
    pub annual: Uuid,
    pub top: PlanFx,
    pub head_1: PlanFx,
    pub head_2: PlanFx,
    pub staff_1a: PlanFx,
    pub peer_1a: PlanFx,
    pub staff_2: PlanFx,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Inserts the cycle for agency `fx` with the given policies (None: defaults).
pub async fn running_cycle(
    app: &TestApp,
    fx: &AgencyFx,
    policies: Option<CyclePolicies>,
) -> CycleFx {
    let db = app.services.db.conn();
    let now = kinerja_service::now();
    let policies = policies.unwrap_or_default();
    let c = cycle::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(fx.id),
        year: Set(2026),
        name: Set("Penilaian Kinerja 2026".into()),
        status: Set("running".into()),
        regime: Set("pmpanrb6_2022".into()),
        period_kind: Set("quarterly".into()),
        starts_on: Set(d(2026, 1, 1)),
        ends_on: Set(d(2026, 12, 31)),
        policies: Set(policies.to_json()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("cycle");
    let mut quarters = Vec::new();
    let bounds = [(1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)];
    for (i, (m0, m1, last)) in bounds.iter().enumerate() {
        let p = period::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(fx.id),
            cycle_id: Set(c.id),
            kind: Set("quarterly".into()),
            seq: Set(i as i32 + 1),
            name: Set(format!("Triwulan {}", ["I", "II", "III", "IV"][i])),
            starts_on: Set(d(2026, *m0, 1)),
            ends_on: Set(d(2026, *m1, *last)),
            fill_deadline_on: Set(d(2026, *m1, *last) + chrono::Days::new(10)),
            is_final: Set(false),
            status: Set("open".into()),
            finalised_at: Set(None),
            finalised_by: Set(None),
        }
        .insert(db)
        .await
        .expect("period");
        quarters.push(p.id);
    }
    let annual = period::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(fx.id),
        cycle_id: Set(c.id),
        kind: Set("annual".into()),
        seq: Set(5),
        name: Set("Tahunan".into()),
        starts_on: Set(d(2026, 1, 1)),
        ends_on: Set(d(2026, 12, 31)),
        fill_deadline_on: Set(d(2027, 1, 10)),
        is_final: Set(true),
        status: Set("open".into()),
        finalised_at: Set(None),
        finalised_by: Set(None),
    }
    .insert(db)
    .await
    .expect("annual period");

    // Plans top-down, so that each main work result can cascade from the appraiser's.
    let top = approved_plan(app, fx, c.id, fx.top, fx.root, None, None, "jpt").await;
    let head_1 = approved_plan(
        app,
        fx,
        c.id,
        fx.head_1,
        fx.unit_1,
        Some(fx.top),
        Some(&top),
        "jpt",
    )
    .await;
    let head_2 = approved_plan(
        app,
        fx,
        c.id,
        fx.head_2,
        fx.unit_2,
        Some(fx.top),
        Some(&top),
        "jpt",
    )
    .await;
    let staff_1a = approved_plan(
        app,
        fx,
        c.id,
        fx.staff_1a,
        fx.unit_1a,
        Some(fx.head_1),
        Some(&head_1),
        "non_jpt",
    )
    .await;
    let peer_1a = approved_plan(
        app,
        fx,
        c.id,
        fx.peer_1a,
        fx.unit_1a,
        Some(fx.head_1),
        Some(&head_1),
        "non_jpt",
    )
    .await;
    let staff_2 = approved_plan(
        app,
        fx,
        c.id,
        fx.staff_2,
        fx.unit_2,
        Some(fx.head_2),
        Some(&head_2),
        "non_jpt",
    )
    .await;
    CycleFx {
        id: c.id,
        quarters,
        annual: annual.id,
        top,
        head_1,
        head_2,
        staff_1a,
        peer_1a,
        staff_2,
    }
}

#[allow(clippy::too_many_arguments)]
async fn approved_plan(
    app: &TestApp,
    fx: &AgencyFx,
    cycle_id: Uuid,
    employee_id: Uuid,
    unit_id: Uuid,
    appraiser: Option<Uuid>,
    appraiser_plan: Option<&PlanFx>,
    form: &str,
) -> PlanFx {
    let db = app.services.db.conn();
    let now = kinerja_service::now();
    let p = plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(fx.id),
        cycle_id: Set(cycle_id),
        employee_id: Set(employee_id),
        unit_id: Set(Some(unit_id)),
        position_id: Set(None),
        revision: Set(1),
        supersedes_id: Set(None),
        starts_on: Set(d(2026, 1, 1)),
        ends_on: Set(d(2026, 12, 31)),
        approach: Set("quantitative".into()),
        form: Set(form.into()),
        appraiser_employee_id: Set(appraiser),
        appraiser_external_id: Set(None),
        superior_employee_id: Set(None),
        superior_external_id: Set(None),
        status: Set("approved".into()),
        return_reason: Set(None),
        submitted_at: Set(Some(now)),
        approved_at: Set(Some(now)),
        approved_by: Set(Some("fixture".into())),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await
    .expect("plan");
    let mut work_results = Vec::new();
    let mut indicators = Vec::new();
    for i in 0..2 {
        let wr = work_result::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(fx.id),
            plan_id: Set(p.id),
            kind: Set("main".into()),
            seq: Set(i + 1),
            description: Set(format!("Hasil kerja utama {}", i + 1)),
            cascades_from_id: Set(appraiser_plan.map(|ap| ap.work_results[i as usize])),
            assigned_by: Set((form == "jpt").then(|| "Bupati".to_owned())),
            perspective: Set(None),
            classification: Set(None),
        }
        .insert(db)
        .await
        .expect("work result");
        for (j, (aspect, min, max, unit)) in [
            ("quantity", "12", "12", "dokumen"),
            ("quality", "90", "100", "persen"),
        ]
        .iter()
        .enumerate()
        {
            let ind = indicator::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(fx.id),
                work_result_id: Set(wr.id),
                seq: Set(j as i32 + 1),
                aspect: Set((*aspect).into()),
                description: Set(format!("Indikator {aspect}")),
                direction: Set("higher".into()),
                target_min: Set(Some((*min).into())),
                target_max: Set(Some((*max).into())),
                unit: Set(Some((*unit).into())),
                target_text: Set(None),
                is_target_maximum: Set(false),
                source_system: Set(None),
            }
            .insert(db)
            .await
            .expect("indicator");
            indicators.push(ind.id);
        }
        work_results.push(wr.id);
    }
    PlanFx {
        id: p.id,
        employee_id,
        work_results,
        indicators,
    }
}
