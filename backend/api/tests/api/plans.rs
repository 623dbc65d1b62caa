//! Plans (SKP), from outside: creation with the appraiser from assignments, scoping, work
//! results cascading top-down, indicators, expectations, annexes, the workflow, revisions, the
//! role–result matrix and bulk creation. State is built through the API itself.
//!
//! In the fixture `top` (who appraises head_1 and head_2) has no account, so HR approves the
//! heads' plans: HR may approve in the appraiser's place only when the appraiser has no
//! account in Kinerja (documented on `POST /plans/{id}/approve`).

use actix_web::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::cycles::{create_cycle, transition};
use crate::helpers::{Account, TestApp};

pub const PLANS: &str = "/api/v1/plans";

/// A 2026 cycle of agency a, in planning.
pub async fn planning_cycle(app: &TestApp) -> String {
    let c = create_cycle(app, &app.fx.a.admin).await;
    let id = c["id"].as_str().unwrap().to_owned();
    transition(app, &app.fx.a.admin, &id, &["open_planning"]).await;
    id
}

pub async fn new_plan(app: &TestApp, who: &Account, cycle: &str, employee: Uuid) -> Value {
    let r = app
        .post(PLANS)
        .as_(who)
        .json(json!({"cycle_id": cycle, "employee_id": employee, "approach": "quantitative"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body.clone()
}

pub async fn add_result(app: &TestApp, who: &Account, plan: &str, body: Value) -> Value {
    let r = app
        .post(&format!("{PLANS}/{plan}/work-results"))
        .as_(who)
        .json(body)
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body.clone()
}

pub async fn add_indicator(app: &TestApp, who: &Account, wr: &str, target: &str) -> Value {
    let r = app
        .post(&format!("/api/v1/work-results/{wr}/indicators"))
        .as_(who)
        .json(json!({"aspect": "quantity", "description": "Jumlah dokumen", "target": target, "unit": "dokumen"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body.clone()
}

pub async fn act(
    app: &TestApp,
    who: &Account,
    plan: &str,
    action: &str,
) -> crate::helpers::TestResponse {
    app.post(&format!("{PLANS}/{plan}/{action}"))
        .as_(who)
        .send()
        .await
}

/// head_1's JPT plan, written by head_1, submitted, approved by HR (top has no account).
/// Returns (plan id, main work result id).
pub async fn approved_head_plan(app: &TestApp, cycle: &str) -> (String, String) {
    let head = &app.fx.a.appraiser;
    let p = new_plan(app, head, cycle, app.fx.a.head_1).await;
    assert_eq!(p["form"], "jpt");
    let pid = p["id"].as_str().unwrap().to_owned();
    let wr = add_result(app, head, &pid, json!({"kind": "main", "description": "Meningkatnya mutu pendidikan dasar", "assigned_by": "Bupati"})).await;
    let wid = wr["id"].as_str().unwrap().to_owned();
    add_indicator(app, head, &wid, "95").await;
    act(app, head, &pid, "submit")
        .await
        .assert_status(StatusCode::OK);
    act(app, &app.fx.a.admin, &pid, "approve")
        .await
        .assert_status(StatusCode::OK);
    (pid, wid)
}

/// staff_1a's plan with one main result cascading from `parent`, one indicator, submitted.
pub async fn submitted_staff_plan(app: &TestApp, cycle: &str, parent: &str) -> String {
    let me = &app.fx.a.employee;
    let p = new_plan(app, me, cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap().to_owned();
    let wr = add_result(app, me, &pid, json!({"kind": "main", "description": "Tersusunnya data peserta didik", "cascades_from_id": parent})).await;
    add_indicator(app, me, wr["id"].as_str().unwrap(), "12").await;
    act(app, me, &pid, "submit")
        .await
        .assert_status(StatusCode::OK);
    pid
}

#[actix_web::test]
async fn an_employee_starts_their_own_plan_with_the_appraiser_from_the_assignment() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let p = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    assert_eq!(p["status"], "draft");
    assert_eq!(p["form"], "non_jpt");
    assert_eq!(p["revision"], 1);
    assert_eq!(p["starts_on"], "2026-01-01");
    assert_eq!(p["appraiser_employee_id"], app.fx.a.head_1.to_string());
    assert_eq!(p["superior_employee_id"], app.fx.a.top.to_string());
    assert_eq!(p["appraiser_name"], "Dr. Hendra Wijaya, M.Pd.");
    assert_eq!(p["expectations"].as_array().unwrap().len(), 7);
    let r = app
        .get(&format!("{PLANS}/{}", p["id"].as_str().unwrap()))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["employee_name"], "Siti Rahmawati, S.Kom.");
    assert_eq!(app.audit_count("plan.create").await, 1);
}

#[actix_web::test]
async fn a_plan_for_someone_without_an_appraiser_is_refused_with_a_plain_message() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let r = app
        .post(PLANS)
        .as_(&app.fx.a.admin)
        .json(json!({"cycle_id": cycle, "employee_id": app.fx.a.top, "approach": "quantitative"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "no_appraiser");
    assert_eq!(
        r.body["detail"],
        "No appraiser is assigned to Drs. Bupati Pejabat on 2026-01-01; ask HR to assign one."
    );
    assert_eq!(app.audit_count("plan.create").await, 0);
}

#[actix_web::test]
async fn starting_a_plan_is_for_the_employee_or_hr_in_their_agency() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let body =
        json!({"cycle_id": cycle, "employee_id": app.fx.a.peer_1a, "approach": "quantitative"});
    app.post(PLANS)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post(PLANS)
        .as_(&app.fx.a.employee)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(PLANS)
        .as_(&app.fx.a.auditor)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app
        .post(PLANS)
        .as_(&app.fx.b.admin)
        .json(body.clone())
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["cycle_id"]);
    let r = app.post(PLANS).as_(&app.fx.a.admin)
        .json(json!({"cycle_id": cycle, "employee_id": app.fx.b.staff_1a, "approach": "quantitative"})).send().await;
    assert_eq!(r.error_fields(), ["employee_id"]);
    let r = app.post(PLANS).as_(&app.fx.a.admin)
        .json(json!({"cycle_id": cycle, "employee_id": app.fx.a.peer_1a, "approach": "quantitative", "starts_on": "2025-12-01"})).send().await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["starts_on"]);
    app.post(PLANS)
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await
        .assert_status(StatusCode::CREATED);
}

#[actix_web::test]
async fn plans_of_one_employee_may_not_overlap_but_may_follow_each_other() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let admin = &app.fx.a.admin;
    let first = json!({"cycle_id": cycle, "employee_id": app.fx.a.peer_1a, "approach": "quantitative", "ends_on": "2026-06-30"});
    app.post(PLANS)
        .as_(admin)
        .json(first)
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    app.post(PLANS).as_(admin)
        .json(json!({"cycle_id": cycle, "employee_id": app.fx.a.peer_1a, "approach": "quantitative", "starts_on": "2026-06-01"}))
        .send().await.assert_problem(StatusCode::CONFLICT, "plan_overlaps");
    app.post(PLANS).as_(admin)
        .json(json!({"cycle_id": cycle, "employee_id": app.fx.a.peer_1a, "approach": "qualitative", "starts_on": "2026-07-01"}))
        .send().await.assert_status(StatusCode::CREATED);
}

#[actix_web::test]
async fn an_employee_cannot_see_a_peers_plan_but_their_appraiser_can() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let peer = new_plan(&app, &app.fx.a.admin, &cycle, app.fx.a.peer_1a).await;
    let own = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let peer_url = format!("{PLANS}/{}", peer["id"].as_str().unwrap());
    app.get(&peer_url)
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&peer_url)
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&peer_url)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&peer_url)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.get(&peer_url)
        .as_(&app.fx.a.appraiser)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&peer_url)
        .as_(&app.fx.a.auditor)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let r = app.get(PLANS).as_(&app.fx.a.employee).send().await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["items"][0]["id"], own["id"]);
    let r = app
        .get(&format!("{PLANS}?appraiser_employee_id=me"))
        .as_(&app.fx.a.appraiser)
        .send()
        .await;
    assert_eq!(r.body["total"], 2);
    let r = app
        .get(&format!("{PLANS}?employee_id={}", app.fx.a.peer_1a))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    let r = app
        .get(&format!("{PLANS}?status=draft&cycle_id={cycle}"))
        .as_(&app.fx.b.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0);
    let r = app
        .get(&format!("{PLANS}?unit_id={}", app.fx.a.unit_1a))
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    assert_eq!(r.body["total"], 2);
}

#[actix_web::test]
async fn the_appraisers_missing_approved_plan_is_explained_plainly() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let me = &app.fx.a.employee;
    let p = new_plan(&app, me, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    let r = app
        .post(&format!("{PLANS}/{pid}/work-results"))
        .as_(me)
        .json(json!({"kind": "main", "description": "Tersusunnya data"}))
        .send()
        .await;
    r.assert_problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "appraiser_plan_not_approved",
    );
    let detail = r.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("Dr. Hendra Wijaya, M.Pd.") && detail.contains("no approved plan"),
        "{detail}"
    );
    app.get(&format!("{PLANS}/{pid}/cascade-options"))
        .as_(me)
        .send()
        .await
        .assert_problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "appraiser_plan_not_approved",
        );
    // Additional results need no cascade.
    add_result(
        &app,
        me,
        pid,
        json!({"kind": "additional", "description": "Membantu kegiatan sekolah"}),
    )
    .await;
}

#[actix_web::test]
async fn a_non_jpt_main_result_must_cascade_from_the_appraisers_approved_plan() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (head_plan, head_wr) = approved_head_plan(&app, &cycle).await;
    let me = &app.fx.a.employee;
    let p = new_plan(&app, me, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    let url = format!("{PLANS}/{pid}/work-results");
    let r = app
        .post(&url)
        .as_(me)
        .json(json!({"kind": "main", "description": "Tersusunnya data"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["cascades_from_id"]);
    let r = app
        .post(&url)
        .as_(me)
        .json(json!({"kind": "main", "description": "X", "cascades_from_id": Uuid::now_v7()}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["cascades_from_id"]);
    let r = app
        .get(&format!("{PLANS}/{pid}/cascade-options"))
        .as_(me)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["appraiser_plan_id"], head_plan.as_str());
    assert_eq!(r.body["work_results"][0]["id"], head_wr.as_str());
    let wr = add_result(
        &app,
        me,
        pid,
        json!({"kind": "main", "description": "Tersusunnya data", "cascades_from_id": head_wr}),
    )
    .await;
    assert_eq!(
        wr["cascades_from_description"],
        "Meningkatnya mutu pendidikan dasar"
    );
    assert_eq!(app.audit_count("work_result.create").await, 2);
}

#[actix_web::test]
async fn a_jpt_main_result_records_who_assigned_it() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let head = &app.fx.a.appraiser;
    let p = new_plan(&app, head, &cycle, app.fx.a.head_1).await;
    let url = format!("{PLANS}/{}/work-results", p["id"].as_str().unwrap());
    let r = app
        .post(&url)
        .as_(head)
        .json(json!({"kind": "main", "description": "Mutu"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["assigned_by"]);
    let r = app.post(&url).as_(head).json(json!({"kind": "main", "description": "Mutu", "assigned_by": "Bupati", "perspective": "anggaran"})).send().await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["perspective"], "anggaran");
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"kind": "main", "description": "Mutu", "assigned_by": "Bupati"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn the_plan_workflow_runs_top_down_and_only_the_appraiser_approves() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (_, head_wr) = approved_head_plan(&app, &cycle).await;
    assert_eq!(app.audit_count("plan.approve").await, 1);
    let pid = submitted_staff_plan(&app, &cycle, &head_wr).await;
    let r = app
        .get(&format!("{PLANS}/{pid}"))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body["status"], "submitted");
    // The employee may not approve their own plan; HR may not while the appraiser has an account.
    act(&app, &app.fx.a.employee, &pid, "approve")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    act(&app, &app.fx.a.admin, &pid, "approve")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    act(&app, &app.fx.a.other_employee, &pid, "approve")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    act(&app, &app.fx.b.admin, &pid, "approve")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app
        .get(&format!("{PLANS}/{pid}/allowed-actions"))
        .as_(&app.fx.a.appraiser)
        .send()
        .await;
    assert_eq!(r.body["actions"], json!(["approve", "return"]));
    let r = act(&app, &app.fx.a.appraiser, &pid, "approve").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "approved");
    assert_eq!(r.body["approved_by"], app.fx.a.appraiser.username.as_str());
    act(&app, &app.fx.a.appraiser, &pid, "approve")
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");
    assert_eq!(app.audit_count("plan.approve").await, 2);
    assert_eq!(app.audit_count("plan.submit").await, 2);
}

#[actix_web::test]
async fn another_units_appraiser_cannot_approve_a_plan_they_do_not_appraise() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let admin = &app.fx.a.admin;
    // head_2 (no account) writes through HR; staff_2 is appraised by head_2.
    let h2 = new_plan(&app, admin, &cycle, app.fx.a.head_2).await;
    let h2id = h2["id"].as_str().unwrap();
    let wr = add_result(
        &app,
        admin,
        h2id,
        json!({"kind": "main", "description": "Layanan kesehatan", "assigned_by": "Bupati"}),
    )
    .await;
    add_indicator(&app, admin, wr["id"].as_str().unwrap(), "90").await;
    act(&app, admin, h2id, "submit")
        .await
        .assert_status(StatusCode::OK);
    act(&app, admin, h2id, "approve")
        .await
        .assert_status(StatusCode::OK);
    let other = &app.fx.a.other_employee;
    let s2 = new_plan(&app, other, &cycle, app.fx.a.staff_2).await;
    let s2id = s2["id"].as_str().unwrap();
    let w = add_result(
        &app,
        other,
        s2id,
        json!({"kind": "main", "description": "Pelayanan pasien", "cascades_from_id": wr["id"]}),
    )
    .await;
    add_indicator(&app, other, w["id"].as_str().unwrap(), "100").await;
    act(&app, other, s2id, "submit")
        .await
        .assert_status(StatusCode::OK);
    // head_1 appraises unit 1, not staff_2.
    act(&app, &app.fx.a.appraiser, s2id, "approve")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&format!("{PLANS}/{s2id}/return"))
        .as_(&app.fx.a.appraiser)
        .json(json!({"reason": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    // head_2 has no account: HR approves in their place.
    act(&app, admin, s2id, "approve")
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn the_appraiser_returns_a_plan_with_a_reason_and_it_can_be_resubmitted() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (_, head_wr) = approved_head_plan(&app, &cycle).await;
    let pid = submitted_staff_plan(&app, &cycle, &head_wr).await;
    let url = format!("{PLANS}/{pid}/return");
    let r = app
        .post(&url)
        .as_(&app.fx.a.appraiser)
        .json(json!({"reason": ""}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["reason"]);
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"reason": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app
        .post(&url)
        .as_(&app.fx.a.appraiser)
        .json(json!({"reason": "Target belum sesuai PK"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "draft");
    assert_eq!(r.body["return_reason"], "Target belum sesuai PK");
    assert_eq!(app.audit_count("plan.return").await, 1);
    let r = act(&app, &app.fx.a.employee, &pid, "submit").await;
    r.assert_status(StatusCode::OK);
    assert!(r.body["return_reason"].is_null());
}

#[actix_web::test]
async fn submission_needs_main_results_with_indicators() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let head = &app.fx.a.appraiser;
    let p = new_plan(&app, head, &cycle, app.fx.a.head_1).await;
    let pid = p["id"].as_str().unwrap();
    act(&app, head, pid, "submit")
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "no_main_work_result");
    add_result(
        &app,
        head,
        pid,
        json!({"kind": "main", "description": "Mutu", "assigned_by": "Bupati"}),
    )
    .await;
    let r = act(&app, head, pid, "submit").await;
    r.assert_problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "work_result_without_indicator",
    );
    assert!(r.body["detail"].as_str().unwrap().contains("Mutu"));
    act(&app, &app.fx.a.employee, pid, "submit")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    act(&app, &app.fx.a.auditor, pid, "submit")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(app.audit_count("plan.submit").await, 0);
}

#[actix_web::test]
async fn content_changes_only_while_the_plan_is_a_draft() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (head_plan, head_wr) = approved_head_plan(&app, &cycle).await;
    let head = &app.fx.a.appraiser;
    app.post(&format!("{PLANS}/{head_plan}/work-results"))
        .as_(head)
        .json(json!({"kind": "additional", "description": "Tambahan"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "plan_not_draft");
    app.patch(&format!("/api/v1/work-results/{head_wr}"))
        .as_(head)
        .json(json!({"description": "Baru"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "plan_not_draft");
    app.put(&format!("{PLANS}/{head_plan}/annexes"))
        .as_(head)
        .json(json!({"resources": ["Anggaran"]}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "plan_not_draft");
}

#[actix_web::test]
async fn work_results_and_indicators_are_edited_and_removed_on_a_draft() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let head = &app.fx.a.appraiser;
    let p = new_plan(&app, head, &cycle, app.fx.a.head_1).await;
    let pid = p["id"].as_str().unwrap();
    let wr = add_result(
        &app,
        head,
        pid,
        json!({"kind": "main", "description": "Mutu", "assigned_by": "Bupati"}),
    )
    .await;
    let wid = wr["id"].as_str().unwrap();
    let r = app
        .patch(&format!("/api/v1/work-results/{wid}"))
        .as_(head)
        .json(json!({"description": "Mutu pendidikan", "classification": "Strategis"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["classification"], "Strategis");
    let r = app
        .patch(&format!("/api/v1/work-results/{wid}"))
        .as_(head)
        .json(json!({"assigned_by": null}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["assigned_by"]);
    app.patch(&format!("/api/v1/work-results/{wid}"))
        .as_(&app.fx.a.employee)
        .json(json!({"description": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app.post(&format!("/api/v1/work-results/{wid}/indicators")).as_(head)
        .json(json!({"aspect": "quality", "description": "Nilai mutu", "target_min": "90", "target_max": "80"})).send().await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["target_min"]);
    let ind = add_indicator(&app, head, wid, "80").await;
    assert_eq!(ind["target_min"], "80");
    assert_eq!(ind["target_max"], "80");
    let iid = ind["id"].as_str().unwrap();
    let r = app
        .patch(&format!("/api/v1/indicators/{iid}"))
        .as_(head)
        .json(json!({"target_min": "80", "target_max": "90.50", "direction": "lower"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["target_max"], "90.5");
    assert_eq!(r.body["direction"], "lower");
    let r = app.get(&format!("{PLANS}/{pid}")).as_(head).send().await;
    assert_eq!(r.body["work_results"][0]["description"], "Mutu pendidikan");
    assert_eq!(
        r.body["work_results"][0]["indicators"][0]["target_max"],
        "90.5"
    );
    app.delete(&format!("/api/v1/indicators/{iid}"))
        .as_(&app.fx.a.auditor)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.delete(&format!("/api/v1/indicators/{iid}"))
        .as_(head)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    app.delete(&format!("/api/v1/work-results/{wid}"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.delete(&format!("/api/v1/work-results/{wid}"))
        .as_(head)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let r = app.get(&format!("{PLANS}/{pid}")).as_(head).send().await;
    assert_eq!(r.body["work_results"], json!([]));
    for a in [
        "work_result.update",
        "indicator.update",
        "indicator.delete",
        "work_result.delete",
    ] {
        assert_eq!(app.audit_count(a).await, 1, "{a}");
    }
}

#[actix_web::test]
async fn expectations_and_annexes_are_replaced_as_a_whole() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let me = &app.fx.a.employee;
    let p = new_plan(&app, me, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    let url = format!("{PLANS}/{pid}/expectations");
    let r = app
        .put(&url)
        .as_(me)
        .json(
            json!([{"core_value": "akuntabel", "expectation": "Laporan tepat waktu"},
        {"core_value": "akuntabel", "expectation": "Lagi"}]),
        )
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["[1].core_value"]);
    let r = app
        .put(&url)
        .as_(me)
        .json(
            json!([{"core_value": "akuntabel", "expectation": "Laporan tepat waktu"},
        {"core_value": "kolaboratif", "expectation": "Berbagi data"}]),
        )
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    app.put(&url)
        .as_(&app.fx.a.other_employee)
        .json(json!([]))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.put(&url)
        .as_(&app.fx.a.appraiser)
        .json(json!([]))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app.get(&format!("{PLANS}/{pid}")).as_(me).send().await;
    let ex = r.body["expectations"].as_array().unwrap();
    assert_eq!(ex.len(), 7);
    assert_eq!(ex[0]["core_value"], "berorientasi_pelayanan");
    assert_eq!(
        ex[0]["guidelines"][0],
        "Memahami dan memenuhi kebutuhan masyarakat"
    );
    assert!(ex[0]["expectation"].is_null());
    assert_eq!(ex[1]["expectation"], "Laporan tepat waktu");
    assert_eq!(ex[6]["expectation"], "Berbagi data");
    let a = json!({"resources": ["Anggaran DPA", "Aplikasi"], "accountability": ["Laporan triwulanan"], "consequences": ["Dasar TPP"]});
    let r = app
        .put(&format!("{PLANS}/{pid}/annexes"))
        .as_(me)
        .json(a.clone())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let r = app.get(&format!("{PLANS}/{pid}")).as_(me).send().await;
    assert_eq!(r.body["annexes"], a);
    let r = app
        .put(&format!("{PLANS}/{pid}/annexes"))
        .as_(me)
        .json(json!({"resources": [""]}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["resources[0]"]);
    assert_eq!(app.audit_count("plan.expectations").await, 1);
    assert_eq!(app.audit_count("plan.annexes").await, 1);
}

#[actix_web::test]
async fn a_draft_plans_dates_change_with_if_match() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let me = &app.fx.a.employee;
    let p = new_plan(&app, me, &cycle, app.fx.a.staff_1a).await;
    let url = format!("{PLANS}/{}", p["id"].as_str().unwrap());
    app.patch(&url)
        .as_(me)
        .json(json!({"ends_on": "2026-06-30"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    let r = app
        .patch(&url)
        .as_(me)
        .if_match("\"1\"")
        .json(json!({"ends_on": "2027-01-31"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["ends_on"]);
    let r = app
        .patch(&url)
        .as_(me)
        .if_match("\"1\"")
        .json(json!({"ends_on": "2026-06-30", "approach": "qualitative"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(r.body["approach"], "qualitative");
    app.patch(&url)
        .as_(&app.fx.a.auditor)
        .if_match("\"2\"")
        .json(json!({}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.patch(&url)
        .as_(&app.fx.b.admin)
        .if_match("\"2\"")
        .json(json!({}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(app.audit_count("plan.update").await, 1);
}

#[actix_web::test]
async fn a_revision_keeps_the_old_version_until_it_is_approved() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (_, head_wr) = approved_head_plan(&app, &cycle).await;
    let old = submitted_staff_plan(&app, &cycle, &head_wr).await;
    act(&app, &app.fx.a.appraiser, &old, "approve")
        .await
        .assert_status(StatusCode::OK);
    let me = &app.fx.a.employee;
    act(&app, &app.fx.a.appraiser, &old, "revise")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = act(&app, me, &old, "revise").await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["revision"], 2);
    assert_eq!(r.body["status"], "draft");
    assert_eq!(r.body["supersedes_id"], old.as_str());
    assert_eq!(
        r.body["work_results"][0]["cascades_from_id"],
        head_wr.as_str()
    );
    assert_eq!(
        r.body["work_results"][0]["indicators"][0]["target_max"],
        "12"
    );
    let new = r.body["id"].as_str().unwrap().to_owned();
    act(&app, me, &old, "revise")
        .await
        .assert_problem(StatusCode::CONFLICT, "revision_exists");
    let r = app.get(&format!("{PLANS}/{old}")).as_(me).send().await;
    assert_eq!(r.body["status"], "approved");
    add_result(
        &app,
        me,
        &new,
        json!({"kind": "additional", "description": "Tugas baru setelah mutasi"}),
    )
    .await;
    act(&app, me, &new, "submit")
        .await
        .assert_status(StatusCode::OK);
    act(&app, &app.fx.a.appraiser, &new, "approve")
        .await
        .assert_status(StatusCode::OK);
    let r = app.get(&format!("{PLANS}/{old}")).as_(me).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "superseded");
    assert_eq!(r.body["work_results"].as_array().unwrap().len(), 1);
    let history: Vec<i64> = r.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["revision"].as_i64().unwrap())
        .collect();
    assert_eq!(history, [1, 2]);
    let r = app.get(&format!("{PLANS}/{new}")).as_(me).send().await;
    assert_eq!(r.body["work_results"].as_array().unwrap().len(), 2);
    assert_eq!(app.audit_count("plan.revise").await, 2);
}

#[actix_web::test]
async fn hr_cancels_plans_and_reassigns_appraisers() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let p = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    let url = format!("{PLANS}/{pid}/reassign-appraiser");
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"appraiser_employee_id": app.fx.a.head_2}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app
        .post(&url)
        .as_(&app.fx.a.admin)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["appraiser_employee_id"]);
    let r = app
        .post(&url)
        .as_(&app.fx.a.admin)
        .json(json!({"appraiser_employee_id": app.fx.a.head_2}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["appraiser_employee_id"], app.fx.a.head_2.to_string());
    assert_eq!(app.audit_count("plan.reassign_appraiser").await, 1);
    // head_1 no longer appraises it.
    app.get(&format!("{PLANS}/{pid}"))
        .as_(&app.fx.a.appraiser)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    act(&app, &app.fx.a.employee, pid, "cancel")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = act(&app, &app.fx.a.admin, pid, "cancel").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "cancelled");
    act(&app, &app.fx.a.admin, pid, "cancel")
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");
    assert_eq!(app.audit_count("plan.cancel").await, 1);
    let r = app
        .get(&format!("{PLANS}/{pid}/allowed-actions"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["actions"], json!([]));
}

#[actix_web::test]
async fn allowed_actions_follow_the_callers_part_in_the_plan() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let p = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let url = format!("{PLANS}/{}/allowed-actions", p["id"].as_str().unwrap());
    let r = app.get(&url).as_(&app.fx.a.employee).send().await;
    assert_eq!(r.body["actions"], json!(["submit"]));
    assert_eq!(r.body["can_edit"], true);
    let r = app.get(&url).as_(&app.fx.a.admin).send().await;
    assert_eq!(r.body["actions"], json!(["submit", "cancel"]));
    let r = app.get(&url).as_(&app.fx.a.appraiser).send().await;
    assert_eq!(r.body["actions"], json!([]));
    assert_eq!(r.body["can_edit"], false);
    app.get(&url)
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&url)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn a_leader_cascades_a_result_to_several_subordinates_all_or_nothing() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (head_plan, head_wr) = approved_head_plan(&app, &cycle).await;
    let s = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let peer = new_plan(&app, &app.fx.a.admin, &cycle, app.fx.a.peer_1a).await;
    let url = format!("{PLANS}/{head_plan}/work-results/{head_wr}/cascade");
    let body = json!({"employee_ids": [app.fx.a.staff_1a, app.fx.a.peer_1a, app.fx.a.staff_2],
        "description": "Terdatanya peserta didik", "indicators": [{"aspect": "quantity", "description": "Sekolah terdata", "target": "40", "unit": "sekolah"}]});
    let r = app
        .post(&url)
        .as_(&app.fx.a.appraiser)
        .json(body)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["employee_ids[2]"]);
    let r = app
        .get(&format!("{PLANS}/{}", s["id"].as_str().unwrap()))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body["work_results"], json!([]));
    let body = json!({"employee_ids": [app.fx.a.staff_1a, app.fx.a.peer_1a],
        "indicators": [{"aspect": "quantity", "description": "Sekolah terdata", "target": "40", "unit": "sekolah"}]});
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app
        .post(&url)
        .as_(&app.fx.a.appraiser)
        .json(body)
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["created"].as_array().unwrap().len(), 2);
    for plan in [&s, &peer] {
        let r = app
            .get(&format!("{PLANS}/{}", plan["id"].as_str().unwrap()))
            .as_(&app.fx.a.admin)
            .send()
            .await;
        let w = &r.body["work_results"][0];
        assert_eq!(w["cascades_from_id"], head_wr.as_str());
        assert_eq!(w["description"], "Meningkatnya mutu pendidikan dasar");
        assert_eq!(w["indicators"][0]["target_min"], "40");
    }
    assert_eq!(app.audit_count("work_result.cascade").await, 2);
    // The cascaded results satisfy submission.
    act(
        &app,
        &app.fx.a.employee,
        s["id"].as_str().unwrap(),
        "submit",
    )
    .await
    .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn hr_creates_draft_plans_for_a_whole_unit_from_a_template() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let url = format!("/api/v1/cycles/{cycle}/plans/bulk");
    let body = json!({"unit_id": app.fx.a.unit_1, "include_subunits": true, "template": {"approach": "quantitative",
        "work_results": [{"kind": "additional", "description": "Tugas tambahan pimpinan",
                          "indicators": [{"aspect": "quantity", "description": "Jumlah tugas", "target": "4", "unit": "kegiatan"}]}]}});
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&url)
        .as_(&app.fx.b.admin)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let mut bad = body.clone();
    bad["template"]["work_results"][0]["indicators"][0]["target"] = json!("empat");
    let r = app.post(&url).as_(&app.fx.a.admin).json(bad).send().await;
    assert_eq!(
        r.error_fields(),
        ["template.work_results[0].indicators[0].target"]
    );
    let r = app
        .post(&url)
        .as_(&app.fx.a.admin)
        .json(body.clone())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let created: Vec<String> = r.body["created"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["employee_id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(created.len(), 2, "{}", r.text);
    assert!(
        created.contains(&app.fx.a.head_1.to_string())
            && created.contains(&app.fx.a.peer_1a.to_string())
    );
    assert_eq!(r.body["skipped"][0]["code"], "has_plan");
    assert_eq!(
        r.body["skipped"][0]["employee_id"],
        app.fx.a.staff_1a.to_string()
    );
    let r = app
        .get(&format!("{PLANS}?employee_id={}", app.fx.a.peer_1a))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    let pid = r.body["items"][0]["id"].as_str().unwrap();
    let r = app
        .get(&format!("{PLANS}/{pid}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["appraiser_employee_id"], app.fx.a.head_1.to_string());
    assert_eq!(
        r.body["work_results"][0]["indicators"][0]["target_max"],
        "4"
    );
    assert_eq!(app.audit_count("plan.create").await, 3);
    let r = app.post(&url).as_(&app.fx.a.admin).json(body).send().await;
    assert_eq!(r.body["created"], json!([]));
    assert_eq!(r.body["skipped"].as_array().unwrap().len(), 3);
}

#[actix_web::test]
async fn plans_in_a_closed_cycle_refuse_changes() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let p = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    transition(
        &app,
        &app.fx.a.admin,
        &cycle,
        &["start", "begin_closing", "close"],
    )
    .await;
    app.post(&format!("{PLANS}/{pid}/work-results"))
        .as_(&app.fx.a.employee)
        .json(json!({"kind": "additional", "description": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    act(&app, &app.fx.a.employee, pid, "submit")
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    act(&app, &app.fx.a.admin, pid, "cancel")
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.put(&format!("{PLANS}/{pid}/expectations"))
        .as_(&app.fx.a.employee)
        .json(json!([]))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.get(&format!("{PLANS}/{pid}"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn every_plan_endpoint_needs_a_token_and_hides_another_agencys_plan() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (head_plan, head_wr) = approved_head_plan(&app, &cycle).await;
    let p = new_plan(&app, &app.fx.a.employee, &cycle, app.fx.a.staff_1a).await;
    let pid = p["id"].as_str().unwrap();
    let wr = add_result(
        &app,
        &app.fx.a.employee,
        pid,
        json!({"kind": "main", "description": "Data", "cascades_from_id": head_wr}),
    )
    .await;
    let wid = wr["id"].as_str().unwrap();
    let ind = add_indicator(&app, &app.fx.a.employee, wid, "3").await;
    let iid = ind["id"].as_str().unwrap();
    let calls: Vec<(&str, String, Value)> = vec![
        ("GET", format!("{PLANS}/{pid}"), json!(null)),
        ("PATCH", format!("{PLANS}/{pid}"), json!({})),
        ("GET", format!("{PLANS}/{pid}/allowed-actions"), json!(null)),
        ("GET", format!("{PLANS}/{pid}/cascade-options"), json!(null)),
        (
            "POST",
            format!("{PLANS}/{pid}/work-results"),
            json!({"kind": "additional", "description": "x"}),
        ),
        ("PATCH", format!("/api/v1/work-results/{wid}"), json!({})),
        ("DELETE", format!("/api/v1/work-results/{wid}"), json!(null)),
        (
            "POST",
            format!("/api/v1/work-results/{wid}/indicators"),
            json!({"aspect": "time", "description": "x", "target": "1"}),
        ),
        ("PATCH", format!("/api/v1/indicators/{iid}"), json!({})),
        ("DELETE", format!("/api/v1/indicators/{iid}"), json!(null)),
        ("PUT", format!("{PLANS}/{pid}/expectations"), json!([])),
        ("PUT", format!("{PLANS}/{pid}/annexes"), json!({})),
        ("POST", format!("{PLANS}/{pid}/submit"), json!(null)),
        ("POST", format!("{PLANS}/{pid}/approve"), json!(null)),
        (
            "POST",
            format!("{PLANS}/{pid}/return"),
            json!({"reason": "x"}),
        ),
        ("POST", format!("{PLANS}/{pid}/revise"), json!(null)),
        ("POST", format!("{PLANS}/{pid}/cancel"), json!(null)),
        (
            "POST",
            format!("{PLANS}/{pid}/reassign-appraiser"),
            json!({"appraiser_employee_id": app.fx.a.head_2}),
        ),
        (
            "POST",
            format!("{PLANS}/{head_plan}/work-results/{head_wr}/cascade"),
            json!({"employee_ids": [app.fx.a.staff_1a]}),
        ),
        ("GET", format!("{PLANS}/{pid}/realizations"), json!(null)),
        ("GET", format!("{PLANS}/{pid}/evidence"), json!(null)),
    ];
    for (method, path, body) in &calls {
        let req = |acc: Option<&Account>| {
            let mut r = app.req(method.parse().unwrap(), path);
            if let Some(a) = acc {
                r = r.as_(a);
            }
            if !body.is_null() {
                r = r.json(body.clone());
            }
            r.if_match("\"1\"")
        };
        let r = req(None).send().await;
        assert_eq!(
            r.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path}: {}",
            r.text
        );
        let r = req(Some(&app.fx.b.admin)).send().await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            r.text
        );
    }
    // Nothing changed.
    let r = app
        .get(&format!("{PLANS}/{pid}"))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body["work_results"][0]["indicators"][0]["id"], iid);
    assert_eq!(r.body["status"], "draft");
}

/// Turns on the HR review (PP 30/2019 reviu) for a cycle.
async fn require_hr_review(app: &TestApp, cycle: &str) {
    let url = format!("/api/v1/cycles/{cycle}");
    let current = app.get(&url).as_(&app.fx.a.admin).send().await;
    app.patch(&url)
        .as_(&app.fx.a.admin)
        .if_match(&current.etag())
        .json(json!({"policies": {"require_hr_review": true}}))
        .send()
        .await
        .assert_status(StatusCode::OK);
}

/// The actions offered to `who`, sorted.
async fn allowed(app: &TestApp, who: &Account, plan: &str) -> Vec<String> {
    let r = app
        .get(&format!("{PLANS}/{plan}/allowed-actions"))
        .as_(who)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let mut actions: Vec<String> = r.body["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect();
    actions.sort();
    actions
}

#[actix_web::test]
async fn when_the_cycle_requires_it_hr_reviews_a_plan_before_the_appraiser_approves() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (_, wr) = approved_head_plan(&app, &cycle).await;
    require_hr_review(&app, &cycle).await;
    let plan = submitted_staff_plan(&app, &cycle, &wr).await;
    let appraiser = &app.fx.a.appraiser;

    // The appraiser may not approve yet, and is not offered to.
    assert!(
        !allowed(&app, appraiser, &plan)
            .await
            .contains(&"approve".into())
    );
    act(&app, appraiser, &plan, "approve")
        .await
        .assert_problem(StatusCode::CONFLICT, "hr_review_pending");
    // Only HR reviews; the employee and the appraiser are refused.
    for who in [&app.fx.a.employee, appraiser, &app.fx.a.auditor] {
        let r = act(&app, who, &plan, "review").await;
        assert!(
            r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND,
            "{}",
            r.text
        );
    }
    assert_eq!(
        allowed(&app, &app.fx.a.admin, &plan).await,
        ["cancel", "return", "review"]
    );
    let r = act(&app, &app.fx.a.admin, &plan, "review").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "reviewed");
    assert_eq!(app.audit_count("plan.review").await, 1);
    act(&app, &app.fx.a.admin, &plan, "review")
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");

    // Now the appraiser decides.
    assert_eq!(allowed(&app, appraiser, &plan).await, ["approve", "return"]);
    let r = act(&app, appraiser, &plan, "approve").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "approved");
}

#[actix_web::test]
async fn hr_may_return_a_plan_under_review_but_not_review_when_the_cycle_does_not_require_it() {
    let app = TestApp::spawn().await;
    let cycle = planning_cycle(&app).await;
    let (_, wr) = approved_head_plan(&app, &cycle).await;
    let plan = submitted_staff_plan(&app, &cycle, &wr).await;
    act(&app, &app.fx.a.admin, &plan, "review")
        .await
        .assert_problem(StatusCode::CONFLICT, "hr_review_not_required");

    require_hr_review(&app, &cycle).await;
    let r = app
        .post(&format!("{PLANS}/{plan}/return"))
        .as_(&app.fx.a.admin)
        .json(json!({"reason": "Indikator kualitas belum terukur; lengkapi target."}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "draft");
    assert_eq!(
        r.body["return_reason"],
        "Indikator kualitas belum terukur; lengkapi target."
    );
}
