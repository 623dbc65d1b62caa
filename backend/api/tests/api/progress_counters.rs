//! The maintained progress counters (decision record 0008): every write moves them, in the
//! writing transaction, and the progress summary reads them. Every test of the suite also
//! ends by comparing the counters with a recount (TestApp's drop); these tests check that the
//! comparison itself catches a wrong counter and that the summary follows the writes.

use actix_web::http::StatusCode;
use kinerja_service::progress::{rebuild_counters, verify_counters};
use serde_json::{Value, json};

use crate::engine_fixture::running_cycle;
use crate::helpers::TestApp;

async fn progress(app: &TestApp, cycle: uuid::Uuid, period: uuid::Uuid) -> Value {
    let r = app
        .get(&format!(
            "/api/v1/cycles/{cycle}/progress?period_id={period}"
        ))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    r.body["agency"].clone()
}

#[actix_web::test]
async fn a_wrong_counter_is_reported_and_a_rebuild_repairs_it() {
    let app = TestApp::spawn().await;
    running_cycle(&app, &app.fx.a.clone(), None).await;
    let db = app.services.db.conn();
    assert_eq!(verify_counters(db).await.unwrap(), vec![]);
    app.sql("UPDATE progress_counters SET n = n + 5 WHERE metric = 'indicators'")
        .await;
    app.sql("DELETE FROM progress_counters WHERE metric LIKE 'employee:%'")
        .await;
    let wrong = verify_counters(db).await.unwrap();
    assert!(
        wrong
            .iter()
            .any(|m| m.metric == "indicators" && m.stored == m.counted + 5),
        "{wrong:?}"
    );
    assert!(
        wrong
            .iter()
            .any(|m| m.metric == "employee:active" && m.stored == 0 && m.counted > 0),
        "{wrong:?}"
    );
    let written = rebuild_counters(&app.services.db).await.unwrap();
    assert!(written > 0);
    assert_eq!(verify_counters(db).await.unwrap(), vec![]);
}

#[actix_web::test]
async fn the_progress_summary_follows_generation_realizations_feedback_and_ratings() {
    let app = TestApp::spawn().await;
    let a = app.fx.a.clone();
    let c = running_cycle(&app, &a, None).await;
    let q1 = c.quarters[0];
    let before = progress(&app, c.id, q1).await;
    assert_eq!(before["plans_approved"], 6);
    assert_eq!(
        before["indicators_total"], 24,
        "6 plans, 2 results of 2 indicators"
    );
    assert_eq!(before["indicators_realized"], 0);
    assert_eq!(before["evaluations_total"], 0);

    let r = app
        .post(&format!("/api/v1/periods/{q1}/evaluations/generate"))
        .as_(&a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let r = app
        .post(&format!("/api/v1/periods/{q1}/feedback-requests/generate"))
        .as_(&a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let after = progress(&app, c.id, q1).await;
    assert_eq!(after["evaluations_total"], 6);
    assert_eq!(after["evaluations_rated"], 0);
    let requests = after["feedback_total"].as_u64().unwrap();
    assert!(requests >= 6, "{after}");
    assert_eq!(after["feedback_answered"], 0);

    // A realization as HR records it on the employee's behalf moves `indicators_realized`.
    let ind = c.staff_1a.indicators[0];
    let r = app
        .put(&format!("/api/v1/indicators/{ind}/realizations/{q1}"))
        .as_(&a.admin)
        .json(json!({"value": "10"}))
        .send()
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let after = progress(&app, c.id, q1).await;
    assert_eq!(after["indicators_realized"], 1);

    // Cancelling an approved plan takes its indicators and realization out of the totals.
    let r = app
        .post(&format!("/api/v1/plans/{}/cancel", c.staff_1a.id))
        .as_(&a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let after = progress(&app, c.id, q1).await;
    assert_eq!(after["plans_approved"], 5);
    assert_eq!(after["indicators_total"], 20);
    assert_eq!(after["indicators_realized"], 0);
    assert_eq!(
        verify_counters(app.services.db.conn()).await.unwrap(),
        vec![]
    );
}
