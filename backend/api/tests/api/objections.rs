//! Objections (keberatan), from outside: filing within the deadline, one per evaluation, the
//! superior's review and final decision, and who may see what.

use actix_web::http::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::evaluations::{account_for, evaluation_of, finalised_staff, sql_with};
use crate::helpers::{Account, TestApp};

const REASONS: &str = "Realisasi melampaui target; bukti dukung terlampir di laporan triwulan.";

/// staff_1a's finalised and acknowledged Q1 evaluation, with the decider's (top's) login.
async fn acknowledged(app: &TestApp) -> (Uuid, Uuid, Account) {
    let (_c, q1, staff) = finalised_staff(app, None).await;
    app.post(&format!("/api/v1/evaluations/{staff}/acknowledge"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let top = account_for(app, &app.fx.a, app.fx.a.top, "top").await;
    (q1, staff, top)
}

async fn object(app: &TestApp, staff: Uuid) -> Uuid {
    let r = app
        .post(&format!("/api/v1/evaluations/{staff}/objections"))
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body["id"].as_str().unwrap().parse().unwrap()
}

#[actix_web::test]
async fn the_employee_objects_within_the_deadline_to_the_appraisers_superior() {
    let app = TestApp::spawn().await;
    let (q1, staff, _top) = acknowledged(&app).await;
    let path = format!("/api/v1/evaluations/{staff}/objections");
    let short = app
        .post(&path)
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": "no"}))
        .send()
        .await;
    short.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(short.error_fields(), vec!["reasons"]);
    app.post(&path)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post(&path)
        .as_(&app.fx.a.appraiser)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&path)
        .as_(&app.fx.a.other_employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&path)
        .as_(&app.fx.b.admin)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app
        .post(&path)
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["decider_employee_id"], app.fx.a.top.to_string());
    assert_eq!(r.body["submitted_by"], app.fx.a.staff_1a.to_string());
    assert_eq!(
        evaluation_of(&app, q1, app.fx.a.staff_1a).await["status"],
        "objected"
    );
    assert_eq!(app.audit_count("objection.submit").await, 1);
    assert_eq!(app.audit_count("evaluation.object").await, 1);
    app.post(&path)
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "objection_exists");
}

#[actix_web::test]
async fn an_objection_needs_the_receipt_first_and_comes_too_late_after_the_window() {
    let app = TestApp::spawn().await;
    let (_c, q1, staff) = finalised_staff(&app, None).await;
    let path = format!("/api/v1/evaluations/{staff}/objections");
    app.post(&path)
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "not_acknowledged");
    app.post(&format!("/api/v1/evaluations/{staff}/acknowledge"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let received = chrono::Utc::now() - chrono::TimeDelta::days(16);
    sql_with(
        &app,
        "UPDATE evaluations SET received_at = $1 WHERE id = $2",
        vec![received.into(), staff.into()],
    )
    .await;
    let r = app
        .post(&path)
        .as_(&app.fx.a.employee)
        .json(json!({"reasons": REASONS}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "objection_too_late");
    let wib = chrono::FixedOffset::east_opt(7 * 3600).unwrap();
    let last = received.with_timezone(&wib).date_naive() + chrono::Days::new(14);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains(&last.to_string()),
        "{}",
        r.text
    );
    assert_eq!(
        evaluation_of(&app, q1, app.fx.a.staff_1a).await["status"],
        "finalised"
    );
    assert_eq!(app.audit_count("objection.submit").await, 0);
}

#[actix_web::test]
async fn objections_are_listed_for_their_employee_their_decider_and_hr_only() {
    let app = TestApp::spawn().await;
    let (_q1, staff, top) = acknowledged(&app).await;
    let id = object(&app, staff).await;
    let total = |who: &Account| {
        let who = who.clone();
        let app = &app;
        async move { app.get("/api/v1/objections").as_(&who).send().await.body["total"].clone() }
    };
    assert_eq!(total(&app.fx.a.employee).await, 1);
    assert_eq!(total(&top).await, 1);
    assert_eq!(total(&app.fx.a.admin).await, 1);
    assert_eq!(total(&app.fx.a.auditor).await, 1);
    assert_eq!(total(&app.fx.a.other_employee).await, 0);
    assert_eq!(total(&app.fx.b.admin).await, 0);
    app.get("/api/v1/objections")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let filtered = app
        .get("/api/v1/objections?status=decided_kept")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(filtered.body["total"], 0);
    let bad = app
        .get("/api/v1/objections?status=nonsense")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
    let path = format!("/api/v1/objections/{id}");
    for who in [
        &app.fx.a.employee,
        &top,
        &app.fx.a.appraiser,
        &app.fx.a.admin,
    ] {
        app.get(&path)
            .as_(who)
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    let peer = account_for(&app, &app.fx.a, app.fx.a.peer_1a, "peer").await;
    for who in [&peer, &app.fx.a.other_employee, &app.fx.b.admin] {
        app.get(&path)
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not_found");
    }
}

#[actix_web::test]
async fn only_the_superior_reviews_and_decides_and_the_decision_is_final() {
    let app = TestApp::spawn().await;
    let (q1, staff, top) = acknowledged(&app).await;
    let id = object(&app, staff).await;
    let review = format!("/api/v1/objections/{id}/review");
    let decide = format!("/api/v1/objections/{id}/decide");
    let changed = json!({"outcome": "changed", "note": "Bukti dukung menunjukkan target tercapai.", "result_rating": "above", "behaviour_rating": "above"});
    app.post(&decide)
        .as_(&top)
        .json(changed.clone())
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");
    for who in [&app.fx.a.employee, &app.fx.a.appraiser, &app.fx.a.admin] {
        app.post(&review)
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.post(&review)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&review)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let peer = account_for(&app, &app.fx.a, app.fx.a.peer_1a, "peer").await;
    app.post(&review)
        .as_(&peer)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app.post(&review).as_(&top).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "under_review");
    assert_eq!(app.audit_count("objection.review").await, 1);
    let no_note = app
        .post(&decide)
        .as_(&top)
        .json(json!({"outcome": "kept", "note": ""}))
        .send()
        .await;
    no_note.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(no_note.error_fields(), vec!["note"]);
    let no_ratings = app
        .post(&decide)
        .as_(&top)
        .json(json!({"outcome": "changed", "note": "Diubah."}))
        .send()
        .await;
    assert_eq!(
        no_ratings.error_fields(),
        vec!["result_rating", "behaviour_rating"]
    );
    app.post(&decide)
        .as_(&app.fx.a.appraiser)
        .json(changed.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app
        .post(&decide)
        .as_(&top)
        .json(changed.clone())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "decided_changed");
    assert_eq!(r.body["outcome"], "changed");
    assert_eq!(r.body["new_predicate"], "very_good");
    let e = evaluation_of(&app, q1, app.fx.a.staff_1a).await;
    assert_eq!(e["status"], "final");
    assert_eq!(e["result_rating"], "above");
    assert_eq!(e["predicate"], "very_good");
    assert!(e["final_at"].is_string());
    // The new content carries a new hash, and it verifies.
    let v = app
        .get(&format!("/api/v1/evaluations/{staff}/verify"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(v.body["is_intact"], true, "{}", v.text);
    assert_eq!(app.audit_count("objection.decide").await, 1);
    assert_eq!(app.audit_count("evaluation.resolve_objection").await, 1);
    app.post(&decide)
        .as_(&top)
        .json(changed)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");
}

#[actix_web::test]
async fn a_kept_decision_leaves_the_ratings_and_makes_the_result_final() {
    let app = TestApp::spawn().await;
    let (q1, staff, top) = acknowledged(&app).await;
    let before = evaluation_of(&app, q1, app.fx.a.staff_1a).await;
    let id = object(&app, staff).await;
    app.post(&format!("/api/v1/objections/{id}/review"))
        .as_(&top)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let r = app
        .post(&format!("/api/v1/objections/{id}/decide"))
        .as_(&top)
        .json(json!({"outcome": "kept", "note": "Penilaian sesuai bukti."}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "decided_kept");
    assert!(r.body["new_predicate"].is_null());
    let after = evaluation_of(&app, q1, app.fx.a.staff_1a).await;
    assert_eq!(after["status"], "final");
    assert_eq!(after["predicate"], before["predicate"]);
    assert_eq!(after["content_hash"], before["content_hash"]);
}

#[actix_web::test]
async fn hr_records_the_decision_of_a_superior_without_an_account_with_their_decision_letter() {
    let app = TestApp::spawn().await;
    // The fixture's `top` decides staff_1a's objections and has no login here.
    let (_c, q1, staff) = finalised_staff(&app, None).await;
    app.post(&format!("/api/v1/evaluations/{staff}/acknowledge"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let objection = object(&app, staff).await;
    let base = format!("/api/v1/objections/{objection}");
    // Not the appraiser, not another agency's HR, not the auditor.
    for who in [&app.fx.a.appraiser, &app.fx.a.auditor] {
        let r = app.post(&format!("{base}/review")).as_(who).send().await;
        assert!(
            r.status == StatusCode::FORBIDDEN,
            "{}: {}",
            r.status,
            r.text
        );
    }
    app.post(&format!("{base}/review"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&format!("{base}/review"))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let decision = json!({"outcome": "changed", "note": "Bukti dukung menunjukkan target tercapai.",
                          "result_rating": "meets", "behaviour_rating": "meets"});
    let r = app
        .post(&format!("{base}/decide"))
        .as_(&app.fx.a.admin)
        .json(decision.clone())
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["decision_document"]);
    let mut with_letter = decision;
    with_letter["decision_document"] = json!("Keputusan Kepala Dinas Nomor 800/117/2026");
    let r = app
        .post(&format!("{base}/decide"))
        .as_(&app.fx.a.admin)
        .json(with_letter)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "decided_changed");
    assert_eq!(
        r.body["decision_document"],
        "Keputusan Kepala Dinas Nomor 800/117/2026"
    );
    assert_eq!(r.body["recorded_by"], "admin-kaba");
    let decided_by = r.body["decided_by"].as_str().unwrap();
    assert_ne!(
        decided_by, "admin-kaba",
        "decided by the superior, not by HR"
    );
    let e = evaluation_of(&app, q1, app.fx.a.staff_1a).await;
    assert_eq!(e["status"], "final");
    assert_eq!(e["predicate"], "good");
}

#[actix_web::test]
async fn hr_may_not_decide_for_a_superior_who_has_an_account() {
    let app = TestApp::spawn().await;
    let (_q1, staff, _top) = acknowledged(&app).await;
    let objection = object(&app, staff).await;
    app.post(&format!("/api/v1/objections/{objection}/review"))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}
