//! Organisation predicates, the distribution curve per unit, calibration, leniency and the
//! progress summary, from outside.

use actix_web::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::engine_fixture::{CycleFx, running_cycle};
use crate::feedback360::{account_for, eval_of, evaluation_row, person, plan_for, set_status};
use crate::helpers::{AgencyFx, TestApp};

fn org_path(unit: Uuid, period: Uuid) -> String {
    format!("/api/v1/units/{unit}/org-performance/{period}")
}

/// `n` new employees in `unit` appraised by `appraiser`, each with an evaluation for
/// `period` rated with the given predicates (one per employee).
/// (organisation predicate, predicate counts, expected violation codes)
type Case<'a> = (&'a str, &'a [(&'a str, usize)], &'a [&'a str]);

#[allow(clippy::too_many_arguments)]
async fn rated_members(
    app: &TestApp,
    fx: &AgencyFx,
    c: &CycleFx,
    unit: Uuid,
    appraiser: Uuid,
    period: Uuid,
    serial: u32,
    predicates: &[&str],
) -> Vec<Uuid> {
    let mut evals = Vec::new();
    for (i, p) in predicates.iter().enumerate() {
        let who = person(app, fx, unit, None, serial + i as u32, Some(appraiser)).await;
        let plan = plan_for(app, fx, c, who.id, unit, Some(appraiser)).await;
        evals.push(
            evaluation_row(
                app,
                fx,
                c,
                plan,
                who.id,
                unit,
                Some(appraiser),
                period,
                "rated",
                Some(p),
            )
            .await,
        );
    }
    evals
}

fn unit_of(body: &Value, unit: Uuid) -> &Value {
    body["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit_id"] == unit.to_string())
        .expect("unit in distribution")
}

fn codes(u: &Value) -> Vec<String> {
    u["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn hr_sets_an_organisation_predicate_and_a_change_needs_a_reason() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let path = org_path(fx.unit_2, c.quarters[2]);
    let r = app
        .put(&path)
        .as_(&fx.admin)
        .json(json!({"predicate": "good", "basis": "9 dari 10 IKU tercapai"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["predicate"], "good");
    assert_eq!(r.body["version"], 1);
    assert_eq!(app.audit_count("org_performance.set").await, 1);
    let change = app
        .put(&path)
        .as_(&fx.admin)
        .json(json!({"predicate": "outstanding"}))
        .send()
        .await;
    change.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(change.error_fields(), vec!["reason"]);
    let ok = app
        .put(&path)
        .as_(&fx.admin)
        .if_match("\"1\"")
        .json(json!({"predicate": "outstanding", "reason": "Koreksi setelah evaluasi SAKIP"}))
        .send()
        .await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.body["predicate"], "outstanding");
    assert_eq!(ok.body["version"], 2);
    assert_eq!(ok.etag(), "\"2\"");
    assert_eq!(app.audit_count("org_performance.change").await, 1);
    app.put(&path)
        .as_(&fx.admin)
        .if_match("\"1\"")
        .json(json!({"predicate": "good", "reason": "x"}))
        .send()
        .await
        .assert_status(StatusCode::PRECONDITION_FAILED);
    let long = app
        .put(&path)
        .as_(&fx.admin)
        .json(json!({"predicate": "good", "basis": "x".repeat(4001), "reason": "y"}))
        .send()
        .await;
    assert_eq!(long.error_fields(), vec!["basis"]);
    // The stored effect shows in the distribution.
    let d = app
        .get(&format!("/api/v1/periods/{}/distribution", c.quarters[2]))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(
        unit_of(&d.body, fx.unit_2)["organisation_predicate"],
        "outstanding"
    );
}

#[actix_web::test]
async fn the_leader_of_the_organisation_above_may_set_it_and_nobody_else() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let top = account_for(&app, fx.id, "bupati", Some(fx.top)).await;
    let q = c.quarters[2];
    // unit_1's head is head_1 (JPT), appraised by top.
    app.put(&org_path(fx.unit_1, q))
        .as_(&top)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.put(&org_path(fx.unit_1, q))
        .as_(&fx.appraiser)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    // unit_1a has no structural position: the head of unit_1 (head_1) leads the unit above.
    app.put(&org_path(fx.unit_1a, q))
        .as_(&fx.appraiser)
        .json(json!({"predicate": "needs_improvement"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.put(&org_path(fx.unit_1a, q))
        .as_(&fx.employee)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.put(&org_path(fx.unit_2, q))
        .as_(&fx.auditor)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.put(&org_path(fx.unit_2, q))
        .as_(&app.fx.b.admin)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.put(&org_path(app.fx.b.unit_2, q))
        .as_(&fx.admin)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.put(&org_path(fx.unit_2, q))
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("org_performance.set").await, 2);
}

#[actix_web::test]
async fn a_good_unit_with_too_many_baik_and_nobody_below_breaks_two_rules_until_justified() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let q = c.quarters[2];
    // Ten staff of unit_2: 8 baik, 2 sangat baik.
    let mut preds = vec!["good"; 8];
    preds.extend(["very_good"; 2]);
    rated_members(&app, &fx, &c, fx.unit_2, fx.head_2, q, 400, &preds).await;
    // The head's own evaluation is outside the unit's distribution by default.
    let head_plan = plan_for(&app, &fx, &c, fx.head_2, fx.unit_2, Some(fx.top)).await;
    evaluation_row(
        &app,
        &fx,
        &c,
        head_plan,
        fx.head_2,
        fx.unit_2,
        Some(fx.top),
        q,
        "rated",
        Some("very_good"),
    )
    .await;
    app.put(&org_path(fx.unit_2, q))
        .as_(&fx.admin)
        .json(json!({"predicate": "good"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let path = format!("/api/v1/periods/{q}/distribution?unit_id={}", fx.unit_2);
    let r = app.get(&path).as_(&fx.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["units"].as_array().unwrap().len(), 1, "unit filter");
    let u = unit_of(&r.body, fx.unit_2);
    assert_eq!(u["total"], 10, "the head is not counted; body {}", r.text);
    assert_eq!(u["counts"]["good"], 8);
    assert_eq!(u["shares"]["good"], "0.8");
    assert_eq!(
        codes(u),
        vec!["max_share_exceeded", "required_presence_missing"]
    );
    let v = &u["violations"][0];
    assert_eq!(v["limit_share"], "0.70");
    assert_eq!(v["actual_count"], 8);
    assert_eq!(u["is_acceptable"], false);
    assert_eq!(r.body["enforcement"], "soft");
    assert_eq!(r.body["agency"]["total"], 11, "the agency counts everyone");
    // HR justifies it.
    let o = app
        .put(&format!("{}/override", org_path(fx.unit_2, q)))
        .as_(&fx.admin)
        .json(json!({"reason": "Tim vaksinasi: capaian di atas target seluruh puskesmas."}))
        .send()
        .await;
    o.assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("org_performance.override").await, 1);
    let r = app.get(&path).as_(&fx.admin).send().await;
    let u = unit_of(&r.body, fx.unit_2);
    assert_eq!(u["is_acceptable"], true);
    assert_eq!(
        u["override_reason"],
        "Tim vaksinasi: capaian di atas target seluruh puskesmas."
    );
    assert_eq!(codes(u).len(), 2, "violations stay visible");
}

#[actix_web::test]
async fn the_curve_per_organisation_predicate_on_realistic_units() {
    // (organisation predicate, predicates of the unit's ten staff, expected violations)
    let cases: &[Case] = &[
        ("outstanding", &[("very_good", 7), ("good", 3)], &[]),
        (
            "outstanding",
            &[("very_good", 8), ("good", 2)],
            &["max_share_exceeded"],
        ),
        (
            "good",
            &[("very_good", 2), ("good", 7), ("needs_improvement", 1)],
            &[],
        ),
        (
            "needs_improvement",
            &[("very_good", 1), ("good", 3), ("needs_improvement", 6)],
            &[],
        ),
        (
            "needs_improvement",
            &[("very_good", 2), ("good", 3), ("needs_improvement", 5)],
            &["min_share_not_met", "max_share_exceeded"],
        ),
        (
            "poor",
            &[("good", 3), ("needs_improvement", 1), ("poor", 6)],
            &[],
        ),
        (
            "very_poor",
            &[("very_good", 1), ("poor", 1), ("very_poor", 8)],
            &["forbidden_predicate_present"],
        ),
    ];
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    // One period per case (Q1..Q4 and the annual period), then fresh agencies for the rest.
    let mut serial = 500;
    for (i, (org, mix, expected)) in cases.iter().take(5).enumerate() {
        let period = if i < 4 { c.quarters[i] } else { c.annual };
        let preds: Vec<&str> = mix
            .iter()
            .flat_map(|(p, n)| std::iter::repeat_n(*p, *n))
            .collect();
        rated_members(&app, &fx, &c, fx.unit_2, fx.head_2, period, serial, &preds).await;
        serial += 20;
        app.put(&org_path(fx.unit_2, period))
            .as_(&fx.admin)
            .json(json!({"predicate": org}))
            .send()
            .await
            .assert_status(StatusCode::OK);
        let r = app
            .get(&format!("/api/v1/periods/{period}/distribution"))
            .as_(&fx.admin)
            .send()
            .await;
        let u = unit_of(&r.body, fx.unit_2);
        assert_eq!(
            codes(u),
            expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "case {i}: {org} {mix:?}"
        );
    }
    // The remaining cases on a fresh agency each.
    for (org, mix, expected) in &cases[5..] {
        let app = TestApp::spawn().await;
        let fx = app.fx.a.clone();
        let c = running_cycle(&app, &fx, None).await;
        let preds: Vec<&str> = mix
            .iter()
            .flat_map(|(p, n)| std::iter::repeat_n(*p, *n))
            .collect();
        rated_members(
            &app,
            &fx,
            &c,
            fx.unit_2,
            fx.head_2,
            c.quarters[0],
            600,
            &preds,
        )
        .await;
        app.put(&org_path(fx.unit_2, c.quarters[0]))
            .as_(&fx.admin)
            .json(json!({"predicate": org}))
            .send()
            .await
            .assert_status(StatusCode::OK);
        let r = app
            .get(&format!("/api/v1/periods/{}/distribution", c.quarters[0]))
            .as_(&fx.admin)
            .send()
            .await;
        let u = unit_of(&r.body, fx.unit_2);
        assert_eq!(
            codes(u),
            expected.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{org} {mix:?}"
        );
    }
}

#[actix_web::test]
async fn a_sub_unit_with_its_own_predicate_leaves_the_parent_distribution() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let q = c.quarters[1];
    rated_members(
        &app,
        &fx,
        &c,
        fx.unit_1,
        fx.head_1,
        q,
        700,
        &["good", "good"],
    )
    .await;
    rated_members(
        &app,
        &fx,
        &c,
        fx.unit_1a,
        fx.head_1,
        q,
        720,
        &["very_good", "very_good", "very_good"],
    )
    .await;
    app.put(&org_path(fx.unit_1, q))
        .as_(&fx.admin)
        .json(json!({"predicate": "outstanding"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let path = format!("/api/v1/periods/{q}/distribution");
    let r = app.get(&path).as_(&fx.admin).send().await;
    assert_eq!(
        unit_of(&r.body, fx.unit_1)["total"],
        5,
        "unit_1a counts in unit_1 while it has no predicate"
    );
    app.put(&org_path(fx.unit_1a, q))
        .as_(&fx.admin)
        .json(json!({"predicate": "outstanding"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let r = app.get(&path).as_(&fx.admin).send().await;
    assert_eq!(unit_of(&r.body, fx.unit_1)["total"], 2);
    assert_eq!(unit_of(&r.body, fx.unit_1a)["total"], 3);
    assert_eq!(
        codes(unit_of(&r.body, fx.unit_1a)),
        vec!["max_share_exceeded"]
    );
    assert_eq!(
        unit_of(&r.body, fx.root)["total"],
        0,
        "unit_1 has its own predicate: its whole scope leaves the root"
    );
    // Who may read it.
    app.get(&path)
        .as_(&fx.auditor)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&path)
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&path)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn unit_heads_count_in_their_unit_only_when_the_policy_says_so() {
    let mut p = kinerja_service::policies::CyclePolicies::default();
    p.distribution.include_unit_heads = true;
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, Some(p)).await;
    let q = c.quarters[0];
    rated_members(
        &app,
        &fx,
        &c,
        fx.unit_2,
        fx.head_2,
        q,
        800,
        &["good", "good"],
    )
    .await;
    let head_plan = plan_for(&app, &fx, &c, fx.head_2, fx.unit_2, Some(fx.top)).await;
    evaluation_row(
        &app,
        &fx,
        &c,
        head_plan,
        fx.head_2,
        fx.unit_2,
        Some(fx.top),
        q,
        "rated",
        Some("very_good"),
    )
    .await;
    let r = app
        .get(&format!("/api/v1/periods/{q}/distribution"))
        .as_(&fx.admin)
        .send()
        .await;
    let u = unit_of(&r.body, fx.unit_2);
    assert_eq!(u["total"], 3);
    assert_eq!(u["head_employee_id"], fx.head_2.to_string());
    assert_eq!(r.body["include_unit_heads"], true);
}

#[actix_web::test]
async fn hr_calibrates_a_rated_evaluation_and_sees_before_and_after() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let q = c.quarters[2];
    let evals = rated_members(
        &app,
        &fx,
        &c,
        fx.unit_2,
        fx.head_2,
        q,
        900,
        &["very_good", "good"],
    )
    .await;
    let path = format!("/api/v1/evaluations/{}/calibrate", evals[0]);
    let missing = app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"predicate": "good", "reason": ""}))
        .send()
        .await;
    missing.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(missing.error_fields(), vec!["reason"]);
    app.post(&path)
        .as_(&fx.appraiser)
        .json(json!({"predicate": "good", "reason": "x"}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&path)
        .as_(&fx.auditor)
        .json(json!({"predicate": "good", "reason": "x"}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&path)
        .as_(&app.fx.b.admin)
        .json(json!({"predicate": "good", "reason": "x"}))
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&path)
        .json(json!({"predicate": "good", "reason": "x"}))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    let ok = app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"predicate": "good", "reason": "Rapat kalibrasi 12 Oktober 2026"}))
        .send()
        .await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.body["predicate_before"], "very_good");
    assert_eq!(ok.body["predicate_after"], "good");
    assert_eq!(app.audit_count("evaluation.calibrate").await, 1);
    let sheet = app
        .get(&format!(
            "/api/v1/periods/{q}/calibration?unit_id={}",
            fx.unit_2
        ))
        .as_(&fx.admin)
        .send()
        .await;
    sheet.assert_status(StatusCode::OK);
    assert_eq!(sheet.body["total"], 2);
    let row = sheet.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["evaluation_id"] == evals[0].to_string())
        .unwrap();
    assert_eq!(row["predicate_before"], "very_good");
    assert_eq!(row["predicate_after"], "good");
    assert_eq!(row["reason"], "Rapat kalibrasi 12 Oktober 2026");
    // The distribution counts the calibrated predicate.
    let d = app
        .get(&format!("/api/v1/periods/{q}/distribution"))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(unit_of(&d.body, fx.unit_2)["counts"]["good"], 2);
    // Not after finalisation.
    set_status(&app, evals[1], "finalised", Some("good")).await;
    app.post(&format!("/api/v1/evaluations/{}/calibrate", evals[1]))
        .as_(&fx.admin)
        .json(json!({"predicate": "very_good", "reason": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "not_calibratable");
    app.get(&format!("/api/v1/periods/{q}/calibration"))
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get(&format!("/api/v1/periods/{q}/calibration"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn leniency_compares_each_appraiser_with_their_unit() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let q = c.quarters[2];
    // unit_2: head_2 rates two "very good"; another appraiser in unit_2 rates two "needs improvement".
    let strict = person(&app, &fx, fx.unit_2, None, 950, Some(fx.head_2)).await;
    rated_members(
        &app,
        &fx,
        &c,
        fx.unit_2,
        fx.head_2,
        q,
        960,
        &["very_good", "very_good"],
    )
    .await;
    rated_members(
        &app,
        &fx,
        &c,
        fx.unit_2,
        strict.id,
        q,
        970,
        &["needs_improvement", "needs_improvement"],
    )
    .await;
    let r = app
        .get(&format!("/api/v1/periods/{q}/leniency"))
        .as_(&fx.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let list = r.body["appraisers"].as_array().unwrap();
    assert_eq!(
        list[0]["appraiser_employee_id"],
        fx.head_2.to_string(),
        "most lenient first"
    );
    assert_eq!(
        list[0]["leniency_index"], "0.5",
        "100% high minus the unit's 50%"
    );
    assert_eq!(list[1]["leniency_index"], "-0.5");
    app.get(&format!("/api/v1/periods/{q}/leniency"))
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get(&format!("/api/v1/periods/{q}/leniency"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/periods/{q}/leniency"))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn progress_sums_units_into_subtrees_and_counts_overdue_work() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let q3 = c.quarters[2];
    // Q3 ended 30 Sep and its deadline (10 Oct) has passed. staff_1a rated, peer_1a not.
    eval_of(
        &app,
        &fx,
        &c,
        &c.staff_1a,
        fx.unit_1a,
        Some(fx.head_1),
        q3,
        "rated",
    )
    .await;
    eval_of(
        &app,
        &fx,
        &c,
        &c.peer_1a,
        fx.unit_1a,
        Some(fx.head_1),
        q3,
        "awaiting_rating",
    )
    .await;
    let r = app
        .get(&format!("/api/v1/cycles/{}/progress?period_id={q3}", c.id))
        .as_(&fx.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_past_deadline"], true);
    let a = &r.body["agency"];
    assert_eq!(a["plans_approved"], 6);
    assert_eq!(a["indicators_total"], 24);
    assert_eq!(a["indicators_realized"], 0);
    assert_eq!(a["overdue_realizations"], 24);
    assert_eq!(a["evaluations_total"], 2);
    assert_eq!(a["evaluations_rated"], 1);
    assert_eq!(a["overdue_evaluations"], 1);
    let unit = |id: Uuid| {
        r.body["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit_id"] == id.to_string())
            .unwrap()
            .clone()
    };
    assert_eq!(unit(fx.unit_1a)["own"]["evaluations_total"], 2);
    assert_eq!(unit(fx.unit_1)["own"]["evaluations_total"], 0);
    assert_eq!(unit(fx.unit_1)["subtree"]["evaluations_total"], 2);
    assert_eq!(
        unit(fx.unit_1)["subtree"]["plans_approved"],
        3,
        "head_1, staff_1a, peer_1a"
    );
    assert_eq!(unit(fx.root)["subtree"]["plans_approved"], 6);
    let filtered = app
        .get(&format!(
            "/api/v1/cycles/{}/progress?period_id={q3}&unit_id={}",
            c.id, fx.unit_1
        ))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(filtered.body["units"].as_array().unwrap().len(), 2);
    let bad = app
        .get(&format!(
            "/api/v1/cycles/{}/progress?period_id={}",
            c.id,
            Uuid::now_v7()
        ))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(bad.error_fields(), vec!["period_id"]);
    app.get(&format!("/api/v1/cycles/{}/progress", c.id))
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get(&format!("/api/v1/cycles/{}/progress", c.id))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/api/v1/cycles/{}/progress", c.id))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    app.get(&format!("/api/v1/cycles/{}/progress", c.id))
        .as_(&fx.auditor)
        .send()
        .await
        .assert_status(StatusCode::OK);
}
