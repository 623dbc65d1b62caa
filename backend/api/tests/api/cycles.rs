//! Cycles and periods, from outside: creation with the period calendar, policies, the state
//! machine, role-aware allowed actions, and the read-only closed cycle.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Account, TestApp};

pub const CYCLES: &str = "/api/v1/cycles";

pub fn quarterly_2026() -> Value {
    json!({"year": 2026, "name": "Penilaian Kinerja 2026", "period_kind": "quarterly",
           "starts_on": "2026-01-01", "ends_on": "2026-12-31"})
}

/// Creates the 2026 quarterly cycle as `admin` and returns its JSON.
pub async fn create_cycle(app: &TestApp, admin: &Account) -> Value {
    let r = app
        .post(CYCLES)
        .as_(admin)
        .json(quarterly_2026())
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body.clone()
}

/// Moves a cycle through the given actions as `admin`.
pub async fn transition(app: &TestApp, admin: &Account, cycle_id: &str, actions: &[&str]) {
    for a in actions {
        app.post(&format!("{CYCLES}/{cycle_id}/transitions"))
            .as_(admin)
            .json(json!({"action": a}))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
}

#[actix_web::test]
async fn hr_creates_a_quarterly_cycle_with_named_periods_and_a_final_annual_one() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    assert_eq!(c["status"], "draft");
    assert_eq!(c["regime"], "pmpanrb6_2022");
    let id = c["id"].as_str().unwrap();
    let r = app
        .get(&format!("{CYCLES}/{id}"))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let periods = r.body["periods"].as_array().unwrap();
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Triwulan I",
            "Triwulan II",
            "Triwulan III",
            "Triwulan IV",
            "Tahunan"
        ]
    );
    assert_eq!(periods[0]["ends_on"], "2026-03-31");
    assert_eq!(periods[0]["fill_deadline_on"], "2026-04-10");
    assert_eq!(periods[4]["kind"], "annual");
    assert_eq!(periods[4]["is_final"], true);
    assert_eq!(periods[4]["fill_deadline_on"], "2027-01-10");
    assert_eq!(app.audit_count("cycle.create").await, 1);
}

#[actix_web::test]
async fn monthly_and_semester_cycles_are_named_in_indonesian_with_their_own_deadline() {
    let app = TestApp::spawn().await;
    let r = app
        .post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(
            json!({"year": 2026, "name": "Bulanan", "period_kind": "monthly",
                     "starts_on": "2026-01-01", "ends_on": "2026-12-31", "fill_deadline_days": 5}),
        )
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let p = r.body["periods"].as_array().unwrap();
    assert_eq!(p.len(), 13);
    assert_eq!(p[0]["name"], "Januari");
    assert_eq!(p[1]["ends_on"], "2026-02-28");
    assert_eq!(p[1]["fill_deadline_on"], "2026-03-05");
    assert_eq!(p[11]["name"], "Desember");
    let r = app
        .post(CYCLES)
        .as_(&app.fx.b.admin)
        .json(json!({"year": 2026, "name": "Semester", "period_kind": "semester", "regime": "pp46_2011",
                     "starts_on": "2026-01-01", "ends_on": "2026-12-31"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["regime"], "pp46_2011");
    let names: Vec<&str> = r.body["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Semester I", "Semester II", "Tahunan"]);
}

#[actix_web::test]
async fn a_second_cycle_for_the_same_year_is_refused() {
    let app = TestApp::spawn().await;
    create_cycle(&app, &app.fx.a.admin).await;
    app.post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(quarterly_2026())
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_exists");
    // Another agency's 2026 is its own.
    create_cycle(&app, &app.fx.b.admin).await;
}

#[actix_web::test]
async fn invalid_cycle_fields_and_policies_are_named() {
    let app = TestApp::spawn().await;
    let r = app
        .post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(
            json!({"year": 2026, "name": "X", "period_kind": "quarterly",
                     "starts_on": "2026-01-01", "ends_on": "2027-01-31"}),
        )
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert!(
        r.error_fields().contains(&"ends_on".to_owned()),
        "{}",
        r.text
    );
    let mut body = quarterly_2026();
    body["policies"] = json!({"feedback_360": {"anonymity_threshold": 1}});
    let r = app
        .post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        r.error_fields(),
        ["policies.feedback_360.anonymity_threshold"]
    );
    assert_eq!(app.audit_count("cycle.create").await, 0);
}

#[actix_web::test]
async fn partial_policies_keep_the_other_defaults() {
    let app = TestApp::spawn().await;
    let mut body = quarterly_2026();
    body["policies"] = json!({"feedback_360": {"peer_count": 5}, "allow_early_rating": true});
    let r = app
        .post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["policies"]["feedback_360"]["peer_count"], 5);
    assert_eq!(r.body["policies"]["feedback_360"]["anonymity_threshold"], 3);
    assert_eq!(r.body["policies"]["allow_early_rating"], true);
}

#[actix_web::test]
async fn only_hr_creates_cycles() {
    let app = TestApp::spawn().await;
    app.post(CYCLES)
        .json(quarterly_2026())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    for who in [&app.fx.a.employee, &app.fx.a.auditor, &app.fx.a.appraiser] {
        app.post(CYCLES)
            .as_(who)
            .json(quarterly_2026())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
}

#[actix_web::test]
async fn another_agencys_cycle_is_not_found() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let id = c["id"].as_str().unwrap();
    let b = &app.fx.b.admin;
    app.get(&format!("{CYCLES}/{id}"))
        .as_(b)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.patch(&format!("{CYCLES}/{id}"))
        .as_(b)
        .if_match("\"1\"")
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&format!("{CYCLES}/{id}/transitions"))
        .as_(b)
        .json(json!({"action": "open_planning"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let period = c["periods"][0]["id"].as_str().unwrap();
    app.patch(&format!("/api/v1/periods/{period}"))
        .as_(b)
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app.get(CYCLES).as_(b).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 0);
}

#[actix_web::test]
async fn cycles_list_by_year_and_status() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let mut y25 = quarterly_2026();
    y25["year"] = json!(2025);
    y25["starts_on"] = json!("2025-01-01");
    y25["ends_on"] = json!("2025-12-31");
    app.post(CYCLES)
        .as_(&app.fx.a.admin)
        .json(y25)
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    transition(
        &app,
        &app.fx.a.admin,
        c["id"].as_str().unwrap(),
        &["open_planning"],
    )
    .await;
    let r = app.get(CYCLES).as_(&app.fx.a.employee).send().await;
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["items"][0]["year"], 2026);
    assert!(r.body["items"][0].get("periods").is_none());
    let r = app
        .get(&format!("{CYCLES}?year=2025"))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    let r = app
        .get(&format!("{CYCLES}?status=planning"))
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["items"][0]["id"], c["id"]);
    app.get(CYCLES)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn hr_renames_a_cycle_with_if_match_until_it_runs() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let id = c["id"].as_str().unwrap();
    let url = format!("{CYCLES}/{id}");
    let admin = &app.fx.a.admin;
    app.patch(&url)
        .as_(admin)
        .json(json!({"name": "Baru"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    app.patch(&url)
        .as_(&app.fx.a.employee)
        .if_match("\"1\"")
        .json(json!({"name": "Baru"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let r = app.patch(&url).as_(admin).if_match("\"1\"")
        .json(json!({"name": "Penilaian 2026 (revisi)", "policies": {"evidence": {"max_file_bytes": 2048}}})).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let r = app.get(&url).as_(admin).send().await;
    assert_eq!(r.body["name"], "Penilaian 2026 (revisi)");
    assert_eq!(r.body["policies"]["evidence"]["max_file_bytes"], 2048);
    assert_eq!(r.body["policies"]["feedback_360"]["peer_count"], 3);
    assert_eq!(app.audit_count("cycle.update").await, 1);
    app.patch(&url)
        .as_(admin)
        .if_match("\"1\"")
        .json(json!({"name": "Lagi"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    app.patch(&url)
        .as_(admin)
        .if_match("\"2\"")
        .json(json!({"name": ""}))
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    transition(&app, admin, id, &["open_planning", "start"]).await;
    app.patch(&url)
        .as_(admin)
        .if_match("\"4\"")
        .json(json!({"name": "Lagi"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_not_editable");
}

#[actix_web::test]
async fn transitions_follow_the_cycle_machine_and_are_audited() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let id = c["id"].as_str().unwrap();
    let url = format!("{CYCLES}/{id}/transitions");
    let admin = &app.fx.a.admin;
    let r = app
        .post(&url)
        .as_(admin)
        .json(json!({"action": "start"}))
        .send()
        .await;
    r.assert_problem(StatusCode::CONFLICT, "illegal_transition");
    assert!(
        r.body["detail"].as_str().unwrap().contains("draft"),
        "{}",
        r.text
    );
    app.post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"action": "open_planning"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&url)
        .as_(admin)
        .json(json!({"action": "fly"}))
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    app.post(&url)
        .json(json!({"action": "open_planning"}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let r = app
        .post(&url)
        .as_(admin)
        .json(json!({"action": "open_planning"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "planning");
    assert_eq!(r.body["status_label"], "Perencanaan");
    assert_eq!(app.audit_count("cycle.open_planning").await, 1);
    transition(&app, admin, id, &["start", "begin_closing", "close"]).await;
    let r = app.get(&format!("{CYCLES}/{id}")).as_(admin).send().await;
    assert_eq!(r.body["status"], "closed");
    app.post(&url)
        .as_(admin)
        .json(json!({"action": "close"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "illegal_transition");
}

#[actix_web::test]
async fn allowed_actions_depend_on_the_callers_role() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let url = format!("{CYCLES}/{}/allowed-actions", c["id"].as_str().unwrap());
    let r = app.get(&url).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["actions"], json!(["open_planning"]));
    let r = app.get(&url).as_(&app.fx.a.employee).send().await;
    assert_eq!(r.body["actions"], json!([]));
    assert_eq!(r.body["status"], "draft");
    app.get(&url)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&url)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn hr_moves_a_periods_fill_deadline_and_it_is_audited() {
    let app = TestApp::spawn().await;
    let c = create_cycle(&app, &app.fx.a.admin).await;
    let pid = c["periods"][0]["id"].as_str().unwrap();
    let url = format!("/api/v1/periods/{pid}");
    let r = app
        .patch(&url)
        .as_(&app.fx.a.admin)
        .json(json!({"fill_deadline_on": "2026-04-20", "name": "TW I"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["fill_deadline_on"], "2026-04-20");
    let r = app
        .get(&format!("{CYCLES}/{}", c["id"].as_str().unwrap()))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["periods"][0]["name"], "TW I");
    assert_eq!(app.audit_count("period.update").await, 1);
    let r = app
        .patch(&url)
        .as_(&app.fx.a.admin)
        .json(json!({"fill_deadline_on": "2026-03-01"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["fill_deadline_on"]);
    app.patch(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.patch(&url)
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn a_closed_cycle_refuses_every_write() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let c = create_cycle(&app, admin).await;
    let id = c["id"].as_str().unwrap();
    transition(
        &app,
        admin,
        id,
        &["open_planning", "start", "begin_closing", "close"],
    )
    .await;
    app.patch(&format!("{CYCLES}/{id}"))
        .as_(admin)
        .if_match("\"5\"")
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    let pid = c["periods"][0]["id"].as_str().unwrap();
    app.patch(&format!("/api/v1/periods/{pid}"))
        .as_(admin)
        .json(json!({"name": "x"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.post("/api/v1/plans")
        .as_(admin)
        .json(json!({"cycle_id": id, "employee_id": app.fx.a.staff_1a, "approach": "quantitative"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.post(&format!("{CYCLES}/{id}/plans/bulk"))
        .as_(admin)
        .json(json!({"unit_id": app.fx.a.unit_1a, "template": {"approach": "quantitative"}}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
}
