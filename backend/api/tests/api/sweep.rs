//! What time moves by itself (`kinerja sweep`, and the server's timer): plans whose dates
//! ended go into appraisal and stay evaluable; finalised results whose objection window closed
//! become final. Each object moved is audited in its employee's trail; a second sweep moves
//! nothing.

use actix_web::http::StatusCode;
use chrono::NaiveDate;
use kinerja_service::sweep;

use crate::engine_fixture::running_cycle;
use crate::evaluations::{evaluation_of, finalised_staff, sql_with};
use crate::helpers::TestApp;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[actix_web::test]
async fn a_plan_whose_dates_ended_goes_into_appraisal_and_is_still_evaluated() {
    let app = TestApp::spawn().await;
    let a = app.fx.a.clone();
    let c = running_cycle(&app, &a, None).await;
    // staff_1a moved at the end of June: their plan covers January to June.
    sql_with(
        &app,
        "UPDATE plans SET ends_on = $1 WHERE id = $2",
        vec![d(2026, 6, 30).into(), c.staff_1a.id.into()],
    )
    .await;
    let r = sweep::run(&app.services.db, d(2026, 7, 1)).await.unwrap();
    assert_eq!(r.plans_in_appraisal, 1);
    let plan = app
        .get(&format!("/api/v1/plans/{}", c.staff_1a.id))
        .as_(&a.admin)
        .send()
        .await;
    assert_eq!(plan.body["status"], "in_appraisal");
    // Nothing else has ended yet; a second sweep is a no-op.
    assert_eq!(
        sweep::run(&app.services.db, d(2026, 7, 1)).await.unwrap(),
        Default::default()
    );
    // The employee finds it in their own trail.
    let trail = app
        .get("/api/v1/me/audit-trail?entity_type=plan")
        .as_(&a.employee)
        .send()
        .await;
    trail.assert_status(StatusCode::OK);
    assert_eq!(trail.body["items"][0]["action"], "plan.end_period");
    assert_eq!(trail.body["items"][0]["actor_label"], "kinerja scheduler");

    // Q2 evaluations are still generated for the plan in appraisal.
    let q2 = c.quarters[1];
    let g = app
        .post(&format!("/api/v1/periods/{q2}/evaluations/generate"))
        .as_(&a.admin)
        .send()
        .await;
    g.assert_status(StatusCode::OK);
    assert_eq!(g.body["created"], 6);
    assert_eq!(
        evaluation_of(&app, q2, a.staff_1a).await["status"],
        "not_started"
    );
    // At year end every plan goes into appraisal.
    let r = sweep::run(&app.services.db, d(2027, 1, 2)).await.unwrap();
    assert_eq!(r.plans_in_appraisal, 5);
    assert_eq!(app.audit_count("plan.end_period").await, 6);
}

#[actix_web::test]
async fn a_result_whose_objection_window_closed_becomes_final_without_hr() {
    let app = TestApp::spawn().await;
    let (_c, q1, staff) = finalised_staff(&app, None).await;
    app.post(&format!("/api/v1/evaluations/{staff}/acknowledge"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    // Acknowledged today: the window is open, the sweep leaves it.
    let r = sweep::run(&app.services.db, kinerja_service::assignments::today())
        .await
        .unwrap();
    assert_eq!(r.evaluations_concluded, 0);
    let old = chrono::Utc::now() - chrono::TimeDelta::days(20);
    sql_with(
        &app,
        "UPDATE evaluations SET received_at = $1 WHERE id = $2",
        vec![old.into(), staff.into()],
    )
    .await;
    let r = sweep::run(&app.services.db, kinerja_service::assignments::today())
        .await
        .unwrap();
    assert_eq!(r.evaluations_concluded, 1);
    assert_eq!(
        evaluation_of(&app, q1, app.fx.a.staff_1a).await["status"],
        "final"
    );
    let trail = app
        .get("/api/v1/me/audit-trail?entity_type=evaluation")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(trail.body["items"][0]["action"], "evaluation.conclude");
}
