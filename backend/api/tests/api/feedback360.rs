//! 360 feedback from outside: rater generation (fair peers), rater management and
//! nomination, answering, reminders, and anonymity proven on the response texts.

use actix_web::http::StatusCode;
use chrono::NaiveDate;
use kinerja_domain::org::{AsnType, Role, Sex};
use kinerja_service::policies::CyclePolicies;
use kinerja_service::seed;
use kinerja_store::entities::{evaluation, feedback_request, plan};
use kinerja_store::sea_orm::sea_query::Expr;
use kinerja_store::sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::engine_fixture::{CycleFx, PlanFx, running_cycle};
use crate::helpers::{Account, AgencyFx, TestApp};

// ---- support shared with distribution.rs and continuous_feedback.rs ----

/// An extra employee with an account.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub nip: String,
    pub account: Account,
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// An account for an existing employee (or none), with a ready token.
pub async fn account_for(
    app: &TestApp,
    agency: Uuid,
    username: &str,
    employee: Option<Uuid>,
) -> Account {
    let u = seed::user(
        app.services.db.conn(),
        Some(agency),
        username,
        Role::Employee,
        employee,
        "unused-hash",
    )
    .await
    .expect("user");
    let token = kinerja_service::auth::mint_access_token(&app.services, u.id)
        .await
        .expect("token");
    Account {
        user_id: u.id,
        username: username.to_owned(),
        token,
    }
}

/// A new employee in `unit` with `position`, appraised by `appraiser`.
pub async fn person(
    app: &TestApp,
    fx: &AgencyFx,
    unit: Uuid,
    position: Option<Uuid>,
    serial: u32,
    appraiser: Option<Uuid>,
) -> Person {
    let db = app.services.db.conn();
    let nip = format!("19920101201601{serial:04}");
    let name = format!("Pegawai Uji {serial}");
    let e = seed::employee(
        db,
        fx.id,
        seed::NewEmployee {
            nip: &nip,
            asn_type: AsnType::Pns,
            name: &name,
            birth_on: d(1992, 1, 1),
            sex: Sex::Male,
            golongan: Some("III/a"),
            rank_since_on: Some(d(2020, 4, 1)),
            unit_id: Some(unit),
            position_id: position,
        },
    )
    .await
    .expect("employee");
    if let Some(a) = appraiser {
        seed::assignment(db, fx.id, e.id, a, None, d(2026, 1, 1))
            .await
            .expect("assignment");
    }
    let account = account_for(
        app,
        fx.id,
        &format!("p{serial}-{}", fx.code.to_lowercase()),
        Some(e.id),
    )
    .await;
    Person {
        id: e.id,
        name,
        nip,
        account,
    }
}

/// A minimal approved plan for an employee (no work results).
pub async fn plan_for(
    app: &TestApp,
    fx: &AgencyFx,
    c: &CycleFx,
    employee: Uuid,
    unit: Uuid,
    appraiser: Option<Uuid>,
) -> Uuid {
    let now = kinerja_service::now();
    plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(fx.id),
        cycle_id: Set(c.id),
        employee_id: Set(employee),
        unit_id: Set(Some(unit)),
        position_id: Set(None),
        revision: Set(1),
        supersedes_id: Set(None),
        starts_on: Set(d(2026, 1, 1)),
        ends_on: Set(d(2026, 12, 31)),
        approach: Set("quantitative".into()),
        form: Set("non_jpt".into()),
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
    .insert(app.services.db.conn())
    .await
    .expect("plan")
    .id
}

/// An evaluation inserted directly (the evaluations use cases are tested elsewhere).
#[allow(clippy::too_many_arguments)]
pub async fn evaluation_row(
    app: &TestApp,
    fx: &AgencyFx,
    c: &CycleFx,
    plan_id: Uuid,
    employee: Uuid,
    unit: Uuid,
    appraiser: Option<Uuid>,
    period: Uuid,
    status: &str,
    predicate: Option<&str>,
) -> Uuid {
    let now = kinerja_service::now();
    evaluation::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(fx.id),
        cycle_id: Set(c.id),
        period_id: Set(period),
        plan_id: Set(plan_id),
        employee_id: Set(employee),
        unit_id: Set(Some(unit)),
        is_annual: Set(false),
        appraiser_employee_id: Set(appraiser),
        appraiser_external_id: Set(None),
        superior_employee_id: Set(None),
        superior_external_id: Set(None),
        status: Set(status.into()),
        result_rating: Set(None),
        behaviour_rating: Set(None),
        predicate: Set(predicate.map(str::to_owned)),
        result_justification: Set(None),
        behaviour_justification: Set(None),
        appraiser_note: Set(None),
        has_innovation: Set(false),
        innovation_note: Set(None),
        self_assessment: Set(None),
        regime: Set("pmpanrb6_2022".into()),
        numeric_snapshot: Set(None),
        rated_at: Set(predicate.map(|_| now)),
        rated_by: Set(None),
        calibrated_predicate: Set(None),
        distribution_override_reason: Set(None),
        content_hash: Set(None),
        signed_by: Set(None),
        signed_at: Set(None),
        finalised_at: Set(None),
        received_at: Set(None),
        final_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(app.services.db.conn())
    .await
    .expect("evaluation")
    .id
}

/// The evaluation of a fixture plan for a period.
#[allow(clippy::too_many_arguments)]
pub async fn eval_of(
    app: &TestApp,
    fx: &AgencyFx,
    c: &CycleFx,
    p: &PlanFx,
    unit: Uuid,
    appraiser: Option<Uuid>,
    period: Uuid,
    status: &str,
) -> Uuid {
    evaluation_row(
        app,
        fx,
        c,
        p.id,
        p.employee_id,
        unit,
        appraiser,
        period,
        status,
        None,
    )
    .await
}

/// Moves an evaluation to a status (with a predicate) directly.
pub async fn set_status(app: &TestApp, id: Uuid, status: &str, predicate: Option<&str>) {
    evaluation::Entity::update_many()
        .col_expr(evaluation::Column::Status, Expr::value(status))
        .col_expr(
            evaluation::Column::Predicate,
            Expr::value(predicate.map(str::to_owned)),
        )
        .filter(evaluation::Column::Id.eq(id))
        .exec(app.services.db.conn())
        .await
        .unwrap();
}

fn all_answers(rating: &str) -> Value {
    let values = [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ];
    Value::Array(
        values
            .iter()
            .map(|v| json!({"core_value": v, "rating": rating, "comment": format!("Catatan {rating} untuk {v}")}))
            .collect(),
    )
}

// ---- scenario ----

struct Scene {
    app: TestApp,
    c: CycleFx,
    eval: Uuid,
    extra: Vec<Person>,
}

/// staff_1a's Q3 evaluation (awaiting rating, appraiser head_1) with `extra` more pelaksana
/// in unit_1a, so that staff_1a has 1 + extra candidate peers.
async fn scene(extra: u32, policies: Option<CyclePolicies>) -> Scene {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, policies).await;
    // peer_1a (no account here) is taken out of the peer cohort: only the extras are peers.
    kinerja_store::entities::employee::Entity::update_many()
        .col_expr(
            kinerja_store::entities::employee::Column::PositionId,
            Expr::value(Option::<Uuid>::None),
        )
        .filter(kinerja_store::entities::employee::Column::Id.eq(fx.peer_1a))
        .exec(app.services.db.conn())
        .await
        .unwrap();
    let mut people = Vec::new();
    for i in 0..extra {
        people.push(
            person(
                &app,
                &fx,
                fx.unit_1a,
                Some(fx.position_staff),
                100 + i,
                Some(fx.head_1),
            )
            .await,
        );
    }
    let eval = eval_of(
        &app,
        &fx,
        &c,
        &c.staff_1a,
        fx.unit_1a,
        Some(fx.head_1),
        c.quarters[2],
        "awaiting_rating",
    )
    .await;
    Scene {
        app,
        c,
        eval,
        extra: people,
    }
}

async fn requests(app: &TestApp, eval: Uuid) -> Vec<feedback_request::Model> {
    feedback_request::Entity::find()
        .filter(feedback_request::Column::EvaluationId.eq(eval))
        .all(app.services.db.conn())
        .await
        .unwrap()
}

/// The id of the request asking `rater` (read in the database: the API does not give it to
/// whoever asked).
async fn request_id(s: &Scene, rater: Uuid) -> String {
    requests(&s.app, s.eval)
        .await
        .into_iter()
        .find(|r| r.rater_employee_id == rater)
        .expect("the request exists")
        .id
        .to_string()
}

async fn generate(s: &Scene) -> Value {
    let r = s
        .app
        .post(&format!(
            "/api/v1/evaluations/{}/feedback-requests/generate",
            s.eval
        ))
        .as_(&s.app.fx.a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    r.body.clone()
}

/// The rater's account for a request (fixture people and extras).
fn account_of(s: &Scene, employee: Uuid) -> Option<&Account> {
    let fx = &s.app.fx.a;
    if employee == fx.staff_1a {
        return Some(&fx.employee);
    }
    if employee == fx.head_1 {
        return Some(&fx.appraiser);
    }
    s.extra
        .iter()
        .find(|p| p.id == employee)
        .map(|p| &p.account)
}

#[actix_web::test]
async fn hr_generates_raters_from_the_hierarchy_and_notifies_them() {
    let s = scene(3, None).await;
    let body = generate(&s).await;
    assert_eq!(body["created_self"], 1);
    assert_eq!(body["created_appraiser"], 1);
    assert_eq!(
        body["created_peer"], 3,
        "peer_count defaults to 3; body {body}"
    );
    assert_eq!(body["created_subordinate"], 0);
    let rows = requests(&s.app, s.eval).await;
    assert_eq!(rows.len(), 5);
    let fx = &s.app.fx.a;
    assert!(
        rows.iter()
            .any(|r| r.rater_role == "self" && r.rater_employee_id == fx.staff_1a)
    );
    assert!(
        rows.iter()
            .any(|r| r.rater_role == "appraiser" && r.rater_employee_id == fx.head_1)
    );
    for r in rows.iter().filter(|r| r.rater_role == "peer") {
        assert_ne!(r.rater_employee_id, fx.staff_1a);
        assert_eq!(
            r.due_on,
            Some(d(2026, 10, 7)),
            "Q3 ends 30 Sep, due 7 days later"
        );
    }
    assert_eq!(s.app.audit_count("feedback_requests.generate").await, 1);
    // Each rater got a notification in the outbox.
    let peer = rows.iter().find(|r| r.rater_role == "peer").unwrap();
    let mine = s
        .app
        .get("/api/v1/notifications/mine")
        .as_(account_of(&s, peer.rater_employee_id).unwrap())
        .send()
        .await;
    mine.assert_status(StatusCode::OK);
    assert_eq!(mine.body["items"][0]["kind"], "feedback_requested");
    // Generating again adds nothing.
    let again = generate(&s).await;
    assert_eq!(again["created"], 0);
    assert_eq!(requests(&s.app, s.eval).await.len(), 5);
}

#[actix_web::test]
async fn subordinates_are_those_whose_current_appraiser_is_the_employee() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let eval = eval_of(
        &app,
        &fx,
        &c,
        &c.head_1,
        fx.unit_1,
        Some(fx.top),
        c.quarters[2],
        "awaiting_rating",
    )
    .await;
    let r = app
        .post(&format!(
            "/api/v1/evaluations/{eval}/feedback-requests/generate"
        ))
        .as_(&fx.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(
        r.body["created_subordinate"], 2,
        "staff_1a and peer_1a; body {}",
        r.text
    );
    let subs: Vec<Uuid> = requests(&app, eval)
        .await
        .into_iter()
        .filter(|r| r.rater_role == "subordinate")
        .map(|r| r.rater_employee_id)
        .collect();
    assert!(subs.contains(&fx.staff_1a) && subs.contains(&fx.peer_1a));
}

#[actix_web::test]
async fn period_generation_spreads_peer_requests_fairly() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    // Seven pelaksana in unit_1a: staff_1a, peer_1a and five more, each with an evaluation.
    let mut ids = vec![fx.staff_1a, fx.peer_1a];
    let mut evals = vec![
        eval_of(
            &app,
            &fx,
            &c,
            &c.staff_1a,
            fx.unit_1a,
            Some(fx.head_1),
            c.quarters[2],
            "filling",
        )
        .await,
        eval_of(
            &app,
            &fx,
            &c,
            &c.peer_1a,
            fx.unit_1a,
            Some(fx.head_1),
            c.quarters[2],
            "filling",
        )
        .await,
    ];
    for i in 0..5 {
        let p = person(
            &app,
            &fx,
            fx.unit_1a,
            Some(fx.position_staff),
            200 + i,
            Some(fx.head_1),
        )
        .await;
        let plan = plan_for(&app, &fx, &c, p.id, fx.unit_1a, Some(fx.head_1)).await;
        evals.push(
            evaluation_row(
                &app,
                &fx,
                &c,
                plan,
                p.id,
                fx.unit_1a,
                Some(fx.head_1),
                c.quarters[2],
                "filling",
                None,
            )
            .await,
        );
        ids.push(p.id);
    }
    let r = app
        .post(&format!(
            "/api/v1/periods/{}/feedback-requests/generate",
            c.quarters[2]
        ))
        .as_(&fx.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["evaluations"], 7);
    assert_eq!(
        r.body["created_peer"], 21,
        "3 peers for each of 7; body {}",
        r.text
    );
    assert_eq!(
        app.audit_count("feedback_requests.generate_period").await,
        1
    );
    let mut load = std::collections::HashMap::new();
    for e in &evals {
        let rows = requests(&app, *e).await;
        let peers: Vec<_> = rows.iter().filter(|r| r.rater_role == "peer").collect();
        assert_eq!(peers.len(), 3);
        for p in peers {
            *load.entry(p.rater_employee_id).or_insert(0) += 1;
        }
    }
    let counts: Vec<i32> = ids.iter().map(|i| *load.get(i).unwrap_or(&0)).collect();
    assert_eq!(counts.iter().sum::<i32>(), 21);
    let (min, max) = (counts.iter().min().unwrap(), counts.iter().max().unwrap());
    assert!(max - min <= 1, "peer requests spread evenly: {counts:?}");
    // Deterministic: a second database with the same data would choose the same; here, a
    // rerun chooses nobody new.
    let again = app
        .post(&format!(
            "/api/v1/periods/{}/feedback-requests/generate",
            c.quarters[2]
        ))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(again.body["created"], 0);
}

#[actix_web::test]
async fn generation_is_refused_to_the_wrong_people() {
    let s = scene(0, None).await;
    let fx = &s.app.fx.a;
    let path = format!("/api/v1/evaluations/{}/feedback-requests/generate", s.eval);
    s.app
        .post(&path)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    s.app
        .post(&path)
        .as_(&fx.employee)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    s.app
        .post(&path)
        .as_(&fx.auditor)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    s.app
        .post(&path)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    s.app
        .post(&path)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    // The appraiser may.
    s.app
        .post(&path)
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let period = format!(
        "/api/v1/periods/{}/feedback-requests/generate",
        s.c.quarters[2]
    );
    s.app
        .post(&period)
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    s.app
        .post(&period)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn generation_is_refused_when_360_is_switched_off() {
    let mut p = CyclePolicies::default();
    p.feedback_360.is_enabled = false;
    let s = scene(0, Some(p)).await;
    s.app
        .post(&format!(
            "/api/v1/evaluations/{}/feedback-requests/generate",
            s.eval
        ))
        .as_(&s.app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "feedback_360_disabled");
}

#[actix_web::test]
async fn hr_adds_and_removes_a_rater() {
    let s = scene(2, None).await;
    let fx = &s.app.fx.a;
    let path = format!("/api/v1/evaluations/{}/feedback-requests", s.eval);
    let r = s
        .app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"rater_employee_id": s.extra[0].id, "rater_role": "peer"}))
        .send()
        .await;
    r.assert_status(StatusCode::ACCEPTED);
    assert_eq!(r.body["status"], "requested");
    assert_eq!(s.app.audit_count("feedback_request.create").await, 1);
    let id = request_id(&s, s.extra[0].id).await;
    let again = s
        .app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"rater_employee_id": s.extra[0].id, "rater_role": "peer"}))
        .send()
        .await;
    again.assert_status(StatusCode::ACCEPTED);
    assert_eq!(again.body, r.body, "asking again answers the same");
    assert_eq!(s.app.audit_count("feedback_request.create").await, 1);
    assert_eq!(requests(&s.app, s.eval).await.len(), 1);
    let bad = s
        .app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"rater_employee_id": fx.peer_1a, "rater_role": "self"}))
        .send()
        .await;
    bad.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(bad.error_fields(), vec!["rater_role"]);
    let unknown = s
        .app
        .post(&path)
        .as_(&fx.admin)
        .json(json!({"rater_employee_id": s.app.fx.b.staff_1a, "rater_role": "peer"}))
        .send()
        .await;
    assert_eq!(unknown.error_fields(), vec!["rater_employee_id"]);
    s.app
        .post(&path)
        .as_(&fx.employee)
        .json(json!({"rater_employee_id": fx.peer_1a, "rater_role": "peer"}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    s.app
        .post(&path)
        .json(json!({"rater_employee_id": fx.peer_1a, "rater_role": "peer"}))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    s.app
        .post(&path)
        .as_(&s.app.fx.b.admin)
        .json(json!({"rater_employee_id": fx.peer_1a, "rater_role": "peer"}))
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);

    let del = format!("/api/v1/feedback-requests/{id}");
    s.app
        .delete(&del)
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .delete(&del)
        .as_(&fx.auditor)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    s.app
        .delete(&del)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .delete(&del)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    s.app
        .delete(&del)
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(s.app.audit_count("feedback_request.delete").await, 1);
    assert!(requests(&s.app, s.eval).await.is_empty());
}

#[actix_web::test]
async fn submitted_feedback_cannot_be_removed_or_changed() {
    let s = scene(1, None).await;
    let fx = &s.app.fx.a;
    let r = s
        .app
        .post(&format!("/api/v1/evaluations/{}/feedback-requests", s.eval))
        .as_(&fx.appraiser)
        .json(json!({"rater_employee_id": s.extra[0].id, "rater_role": "peer"}))
        .send()
        .await;
    r.assert_status(StatusCode::ACCEPTED);
    let id = request_id(&s, s.extra[0].id).await;
    let rater = &s.extra[0].account;
    s.app
        .post(&format!("/api/v1/feedback-requests/{id}/submit"))
        .as_(rater)
        .json(json!({"answers": all_answers("meets")}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    s.app
        .delete(&format!("/api/v1/feedback-requests/{id}"))
        .as_(&fx.admin)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "feedback_submitted");
    s.app
        .put(&format!("/api/v1/feedback-requests/{id}/answers"))
        .as_(rater)
        .json(json!({"answers": all_answers("above")}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "feedback_submitted");
    s.app
        .post(&format!("/api/v1/feedback-requests/{id}/submit"))
        .as_(rater)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "feedback_submitted");
}

#[actix_web::test]
async fn an_employee_nominates_a_peer_whom_the_appraiser_approves() {
    let s = scene(1, None).await;
    let fx = &s.app.fx.a;
    let path = format!("/api/v1/evaluations/{}/feedback-requests/nominate", s.eval);
    let r = s
        .app
        .post(&path)
        .as_(&fx.employee)
        .json(json!({"rater_employee_id": s.extra[0].id}))
        .send()
        .await;
    r.assert_status(StatusCode::ACCEPTED);
    assert_eq!(r.body["status"], "awaiting_approval");
    assert_eq!(r.body["rater_role"], "peer");
    assert_eq!(s.app.audit_count("feedback_request.nominate").await, 1);
    let id = request_id(&s, s.extra[0].id).await;
    // The appraiser sees the nomination waiting for them.
    let listed = s
        .app
        .get(&format!("/api/v1/evaluations/{}/feedback-requests", s.eval))
        .as_(&fx.appraiser)
        .send()
        .await;
    assert!(
        listed
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == id.as_str() && r["is_approved"] == false),
        "{}",
        listed.text
    );
    // Not yet asked.
    let mine = s
        .app
        .get("/api/v1/feedback-requests/mine")
        .as_(&s.extra[0].account)
        .send()
        .await;
    assert_eq!(mine.body["total"], 0);
    s.app
        .get(&format!("/api/v1/feedback-requests/{id}"))
        .as_(&s.extra[0].account)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // Others may not nominate or approve.
    s.app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"rater_employee_id": fx.peer_1a}))
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    s.app
        .post(&path)
        .as_(&fx.other_employee)
        .json(json!({"rater_employee_id": fx.peer_1a}))
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .post(&path)
        .json(json!({"rater_employee_id": fx.peer_1a}))
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    let bad = s
        .app
        .post(&path)
        .as_(&fx.employee)
        .json(json!({"rater_employee_id": fx.staff_1a}))
        .send()
        .await;
    assert_eq!(
        bad.error_fields(),
        vec!["rater_role"],
        "nobody is their own peer"
    );
    let approve = format!("/api/v1/feedback-requests/{id}/approve");
    s.app
        .post(&approve)
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .post(&approve)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .post(&approve)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    let ok = s.app.post(&approve).as_(&fx.appraiser).send().await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.body["is_approved"], true);
    assert_eq!(s.app.audit_count("feedback_request.approve").await, 1);
    s.app
        .post(&approve)
        .as_(&fx.appraiser)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "already_approved");
    let mine = s
        .app
        .get("/api/v1/feedback-requests/mine")
        .as_(&s.extra[0].account)
        .send()
        .await;
    assert_eq!(mine.body["total"], 1);
}

#[actix_web::test]
async fn a_rater_saves_a_draft_then_submits_with_comments_where_required() {
    let s = scene(3, None).await;
    generate(&s).await;
    let peer_req = requests(&s.app, s.eval)
        .await
        .into_iter()
        .find(|r| r.rater_role == "peer")
        .unwrap();
    let rater = account_of(&s, peer_req.rater_employee_id).unwrap();
    let id = peer_req.id;
    // What I must answer: the employee, the due date, the status; nobody else.
    let mine = s
        .app
        .get("/api/v1/feedback-requests/mine")
        .as_(rater)
        .send()
        .await;
    mine.assert_status(StatusCode::OK);
    assert_eq!(
        mine.body["items"][0]["employee_name"],
        "Siti Rahmawati, S.Kom."
    );
    assert_eq!(mine.body["items"][0]["due_on"], "2026-10-07");
    assert_eq!(mine.body["items"][0]["status"], "pending");
    // The evaluated employee is named; no other rater is.
    for other in requests(&s.app, s.eval)
        .await
        .iter()
        .filter(|r| r.id != id && r.rater_role != "self")
    {
        assert!(
            !mine.text.contains(&other.rater_employee_id.to_string()),
            "other raters never shown"
        );
    }
    s.app
        .get("/api/v1/feedback-requests/mine")
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    // A draft with two values.
    let put = format!("/api/v1/feedback-requests/{id}/answers");
    let draft = s
        .app
        .put(&put)
        .as_(rater)
        .json(json!({"answers": [{"core_value": "loyal", "rating": "meets"}, {"core_value": "adaptif", "rating": "above"}]}))
        .send()
        .await;
    draft.assert_status(StatusCode::OK);
    assert_eq!(draft.body["status"], "in_progress");
    assert_eq!(draft.body["answers"].as_array().unwrap().len(), 2);
    assert_eq!(s.app.audit_count("feedback_request.save_answers").await, 1);
    let dup = s
        .app
        .put(&put)
        .as_(rater)
        .json(json!({"answers": [{"core_value": "loyal", "rating": "meets"}, {"core_value": "loyal", "rating": "above"}]}))
        .send()
        .await;
    assert_eq!(dup.error_fields(), vec!["answers[1].core_value"]);
    // Others cannot read or answer it.
    for who in [
        &s.app.fx.a.employee,
        &s.app.fx.a.appraiser,
        &s.app.fx.a.admin,
        &s.app.fx.b.admin,
    ] {
        s.app
            .get(&format!("/api/v1/feedback-requests/{id}"))
            .as_(who)
            .send()
            .await
            .assert_status(StatusCode::NOT_FOUND);
        s.app
            .put(&put)
            .as_(who)
            .json(json!({"answers": []}))
            .send()
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    // Submitting the draft: incomplete.
    let submit = format!("/api/v1/feedback-requests/{id}/submit");
    let r = s.app.post(&submit).as_(rater).send().await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert!(r.error_fields().contains(&"answers".to_owned()));
    assert!(
        r.error_fields().contains(&"answers[1].comment".to_owned()),
        "adaptif is above without comment: {}",
        r.text
    );
    // Complete, but one "below" without a comment.
    let mut answers = all_answers("meets");
    answers[3]["rating"] = json!("below");
    answers[3]["comment"] = Value::Null;
    let r = s
        .app
        .post(&submit)
        .as_(rater)
        .json(json!({"answers": answers}))
        .send()
        .await;
    assert_eq!(r.error_fields(), vec!["answers[3].comment"]);
    answers[3]["comment"] = json!("Sering terlambat menanggapi permintaan unit lain.");
    let ok = s
        .app
        .post(&submit)
        .as_(rater)
        .json(json!({"answers": answers}))
        .send()
        .await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.body["status"], "submitted");
    assert_eq!(ok.body["answers"].as_array().unwrap().len(), 7);
    assert_eq!(s.app.audit_count("feedback_request.submit").await, 1);
    let stored = feedback_request::Entity::find_by_id(id)
        .one(s.app.services.db.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "submitted");
    assert!(stored.submitted_at.is_some());
}

/// Submits every pending request of `roles` whose rater has an account in the scene.
async fn answer_all(s: &Scene, roles: &[&str], limit: usize) -> Vec<Uuid> {
    let mut done = Vec::new();
    for r in requests(&s.app, s.eval)
        .await
        .iter()
        .filter(|r| roles.contains(&r.rater_role.as_str()))
    {
        if done.len() >= limit {
            break;
        }
        let acct = account_of(s, r.rater_employee_id).expect("account");
        s.app
            .post(&format!("/api/v1/feedback-requests/{}/submit", r.id))
            .as_(acct)
            .json(json!({"answers": all_answers("above")}))
            .send()
            .await
            .assert_status(StatusCode::OK);
        done.push(r.rater_employee_id);
    }
    done
}

fn assert_no_identity(text: &str, people: &[&Person]) {
    for p in people {
        assert!(!text.contains(&p.id.to_string()), "rater id leaked: {text}");
        assert!(!text.contains(&p.name), "rater name leaked: {text}");
        assert!(!text.contains(&p.nip), "rater NIP leaked: {text}");
    }
}

#[actix_web::test]
async fn peer_answers_are_shown_only_as_an_anonymous_aggregate() {
    let s = scene(3, None).await;
    generate(&s).await;
    let fx = &s.app.fx.a;
    answer_all(&s, &["self", "appraiser"], 9).await;
    let peers = answer_all(&s, &["peer"], 3).await;
    assert_eq!(peers.len(), 3);
    let people: Vec<&Person> = s.extra.iter().collect();
    let path = format!("/api/v1/evaluations/{}/feedback", s.eval);

    // The appraiser: attributed self and appraiser answers, peers only as a group.
    let r = s.app.get(&path).as_(&fx.appraiser).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["attributed"].as_array().unwrap().len(), 2);
    assert_eq!(r.body["attributed"][0]["rater_role"], "self");
    let peer = &r.body["groups"][0];
    assert_eq!(peer["group"], "peer");
    assert_eq!(peer["hidden"], false);
    assert_eq!(peer["answer_count"], 3);
    assert_eq!(peer["values"][0]["above"], 3);
    assert_eq!(peer["comments"].as_array().unwrap().len(), 21);
    assert_no_identity(&r.text, &people);
    // The appraiser's listing of requests does not name generated peers either.
    let list = s
        .app
        .get(&format!("/api/v1/evaluations/{}/feedback-requests", s.eval))
        .as_(&fx.appraiser)
        .send()
        .await;
    list.assert_status(StatusCode::OK);
    assert_no_identity(&list.text, &people);
    s.app
        .get(&format!("/api/v1/evaluations/{}/feedback-requests", s.eval))
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);

    // The employee: nothing of others before the rating (blind sequencing).
    let before = s.app.get(&path).as_(&fx.employee).send().await;
    before.assert_status(StatusCode::OK);
    assert_eq!(before.body["is_released"], false);
    assert_eq!(
        before.body["attributed"].as_array().unwrap().len(),
        1,
        "own self rating only"
    );
    assert!(
        before.body["groups"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["hidden"] == true && g["answer_count"].is_null())
    );
    assert_no_identity(&before.text, &people);
    set_status(&s.app, s.eval, "rated", Some("good")).await;
    let after = s.app.get(&path).as_(&fx.employee).send().await;
    assert_eq!(after.body["is_released"], true);
    assert_eq!(after.body["groups"][0]["answer_count"], 3);
    assert_no_identity(&after.text, &people);
    let notes = s
        .app
        .get("/api/v1/notifications/mine")
        .as_(&fx.employee)
        .send()
        .await;
    assert_no_identity(&notes.text, &people);

    // Nobody else reads it.
    s.app
        .get(&path)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .get(&path)
        .as_(&s.extra[0].account)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .get(&path)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .get(&path)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    s.app
        .get(&path)
        .as_(&fx.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn a_group_below_the_threshold_is_hidden_without_any_figure() {
    let s = scene(3, None).await;
    generate(&s).await;
    answer_all(&s, &["peer"], 2).await;
    let path = format!("/api/v1/evaluations/{}/feedback", s.eval);
    let r = s.app.get(&path).as_(&s.app.fx.a.appraiser).send().await;
    r.assert_status(StatusCode::OK);
    let groups = r.body["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    for g in groups {
        assert_eq!(g["hidden"], true);
        assert!(g["answer_count"].is_null() && g["values"].is_null() && g["comments"].is_null());
    }
    assert!(!r.text.contains("\"answer_count\":2"));
    assert_no_identity(&r.text, &s.extra.iter().collect::<Vec<_>>());
}

#[actix_web::test]
async fn peers_and_subordinates_below_the_threshold_are_shown_together_as_others() {
    // head_1 is rated by top (appraiser), peers (none: no other JPT in unit_1) and subordinates
    // staff_1a, peer_1a and one more: three subordinates reach the threshold.
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let extra = person(
        &app,
        &fx,
        fx.unit_1a,
        Some(fx.position_staff),
        300,
        Some(fx.head_1),
    )
    .await;
    let peer_acct = account_for(&app, fx.id, "peer1a", Some(fx.peer_1a)).await;
    let eval = eval_of(
        &app,
        &fx,
        &c,
        &c.head_1,
        fx.unit_1,
        Some(fx.top),
        c.quarters[2],
        "rated",
    )
    .await;
    app.post(&format!(
        "/api/v1/evaluations/{eval}/feedback-requests/generate"
    ))
    .as_(&fx.admin)
    .send()
    .await
    .assert_status(StatusCode::OK);
    // One peer added by HR (below the threshold alone).
    let p = person(&app, &fx, fx.unit_1, None, 301, Some(fx.top)).await;
    app.post(&format!("/api/v1/evaluations/{eval}/feedback-requests"))
        .as_(&fx.admin)
        .json(json!({"rater_employee_id": p.id, "rater_role": "peer"}))
        .send()
        .await
        .assert_status(StatusCode::ACCEPTED);
    let reqs = requests(&app, eval).await;
    for (who, acct) in [
        (fx.staff_1a, &fx.employee),
        (fx.peer_1a, &peer_acct),
        (extra.id, &extra.account),
        (p.id, &p.account),
    ] {
        let r = reqs
            .iter()
            .find(|r| r.rater_employee_id == who)
            .expect("request");
        app.post(&format!("/api/v1/feedback-requests/{}/submit", r.id))
            .as_(acct)
            .json(json!({"answers": all_answers("meets")}))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    let r = app
        .get(&format!("/api/v1/evaluations/{eval}/feedback"))
        .as_(&fx.appraiser)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let g = r.body["groups"].as_array().unwrap();
    assert_eq!(g[0]["hidden"], true, "1 peer alone would be identifiable");
    assert_eq!(
        g[1]["hidden"], true,
        "subordinates alone would let one subtract the peer"
    );
    assert_eq!(g[2]["group"], "others");
    assert_eq!(g[2]["answer_count"], 4);
    assert_no_identity(&r.text, &[&extra, &p]);
    assert!(
        !r.text.contains(&fx.peer_1a.to_string()) && !r.text.contains(&fx.staff_1a.to_string())
    );
}

#[actix_web::test]
async fn reminders_reach_each_pending_rater_once_a_day() {
    let s = scene(3, None).await;
    generate(&s).await;
    answer_all(&s, &["self"], 1).await;
    let path = format!("/api/v1/periods/{}/feedback-reminders", s.c.quarters[2]);
    let r = s.app.post(&path).as_(&s.app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(
        r.body["reminded"], 4,
        "appraiser and three peers; body {}",
        r.text
    );
    let again = s.app.post(&path).as_(&s.app.fx.a.admin).send().await;
    assert_eq!(again.body["reminded"], 0);
    assert_eq!(again.body["already_reminded_today"], 4);
    assert_eq!(s.app.audit_count("feedback_requests.remind").await, 2);
    let count = kinerja_store::entities::notification::Entity::find()
        .filter(kinerja_store::entities::notification::Column::Kind.eq("feedback_reminder"))
        .count(s.app.services.db.conn())
        .await
        .unwrap();
    assert_eq!(count, 4);
    s.app
        .post(&path)
        .as_(&s.app.fx.a.appraiser)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    s.app
        .post(&path)
        .as_(&s.app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    s.app
        .post(&path)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn trying_names_never_tells_the_employee_or_the_appraiser_who_was_asked() {
    let s = scene(3, None).await;
    let fx = &s.app.fx.a;
    generate(&s).await;
    let asked: Vec<Uuid> = requests(&s.app, s.eval)
        .await
        .into_iter()
        .filter(|r| r.rater_role == "peer")
        .map(|r| r.rater_employee_id)
        .collect();
    assert!(!asked.is_empty());
    let before = requests(&s.app, s.eval).await.len();
    let nominate = format!("/api/v1/evaluations/{}/feedback-requests/nominate", s.eval);
    let add = format!("/api/v1/evaluations/{}/feedback-requests", s.eval);
    // Nominating an already asked peer answers exactly like a fresh nomination, apart from
    // the name tried.
    let r = s
        .app
        .post(&nominate)
        .as_(&fx.employee)
        .json(json!({"rater_employee_id": asked[0]}))
        .send()
        .await;
    r.assert_status(StatusCode::ACCEPTED);
    assert_eq!(
        r.body,
        json!({"evaluation_id": s.eval, "rater_employee_id": asked[0], "rater_role": "peer",
               "status": "awaiting_approval"})
    );
    // The appraiser adding them gets the same answer as for anyone.
    let r = s
        .app
        .post(&add)
        .as_(&fx.appraiser)
        .json(json!({"rater_employee_id": asked[0], "rater_role": "peer"}))
        .send()
        .await;
    r.assert_status(StatusCode::ACCEPTED);
    assert_eq!(r.body["status"], "requested");
    // Nothing was created, nothing approved or reset.
    assert_eq!(requests(&s.app, s.eval).await.len(), before);
    assert!(
        requests(&s.app, s.eval)
            .await
            .iter()
            .all(|r| r.is_approved && r.nominated_by.is_none())
    );
    // And the appraiser's listing still hides generated peers.
    let listed = s.app.get(&add).as_(&fx.appraiser).send().await;
    assert!(
        listed
            .body
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["rater_role"] != "peer"),
        "{}",
        listed.text
    );
}
