//! Follow-up (tindak lanjut) reports, from outside: award candidates, development needs,
//! promotion eligibility, credit points and PPPK contracts over set annual results.

use actix_web::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::agencies::client_token_for;
use crate::engine_fixture::CycleFx;
use crate::evaluations::{
    account_for, cycle_with_evaluations, early, evaluation_id, rate, ratings, skip_to_awaiting,
    sql_with,
};
use crate::helpers::TestApp;

/// Annual results set: staff_1a Sangat Baik with an innovation, peer_1a Butuh Perbaikan,
/// staff_2 (Perawat Ahli Pertama) Sangat Baik; the leaders stay unrated.
async fn annual_results(app: &TestApp) -> (CycleFx, Uuid) {
    let mut p = early();
    p.promotion.years_of_predicates = 1;
    let (c, annual) = cycle_with_evaluations(app, Some(p), None).await;
    skip_to_awaiting(app, annual).await;
    let staff = evaluation_id(app, annual, app.fx.a.staff_1a).await;
    let peer = evaluation_id(app, annual, app.fx.a.peer_1a).await;
    let nurse = evaluation_id(app, annual, app.fx.a.staff_2).await;
    let mut innovative = ratings("above", "above");
    innovative["has_innovation"] = json!(true);
    innovative["innovation_note"] = json!("Aplikasi pendataan sekolah");
    rate(app, staff, &app.fx.a.appraiser, innovative)
        .await
        .assert_status(StatusCode::OK);
    rate(app, peer, &app.fx.a.appraiser, ratings("below", "meets"))
        .await
        .assert_status(StatusCode::OK);
    let head_2 = account_for(app, &app.fx.a, app.fx.a.head_2, "head2").await;
    rate(app, nurse, &head_2, ratings("above", "above"))
        .await
        .assert_status(StatusCode::OK);
    app.post(&format!("/api/v1/periods/{annual}/finalise"))
        .as_(&app.fx.a.admin)
        .json(json!({}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    (c, annual)
}

fn employees(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["employee_id"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn award_candidates_are_the_very_good_with_innovators_first() {
    let app = TestApp::spawn().await;
    let (c, _) = annual_results(&app).await;
    let path = format!("/api/v1/follow-up/award-candidates?cycle_id={}", c.id);
    let r = app.get(&path).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 2);
    assert_eq!(
        employees(&r.body),
        vec![app.fx.a.staff_1a.to_string(), app.fx.a.staff_2.to_string()]
    );
    assert_eq!(r.body["items"][0]["has_innovation"], true);
    assert_eq!(r.body["items"][0]["nip"], app.fx.a.staff_1a_nip);
    let unit = app
        .get(&format!("{path}&unit_id={}", app.fx.a.unit_2))
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    assert_eq!(employees(&unit.body), vec![app.fx.a.staff_2.to_string()]);
    assert_eq!(unit.body["items"][0]["unit_name"], "Dinas Kesehatan");
    // A unit takes in the units under it: the Dinas Pendidikan's list holds staff_1a of its
    // Bidang Pembinaan SD, named by that bidang.
    let dinas = app
        .get(&format!("{path}&unit_id={}", app.fx.a.unit_1))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(employees(&dinas.body), vec![app.fx.a.staff_1a.to_string()]);
    assert_eq!(
        dinas.body["items"][0]["unit_id"],
        app.fx.a.unit_1a.to_string()
    );
    assert_eq!(dinas.body["items"][0]["unit_name"], "Bidang Pembinaan SD");
    // Another agency's unit matches nothing here.
    let foreign = app
        .get(&format!("{path}&unit_id={}", app.fx.b.unit_1))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(foreign.body["total"], 0);
    // Employees see their own row only.
    let own = app.get(&path).as_(&app.fx.a.employee).send().await;
    assert_eq!(employees(&own.body), vec![app.fx.a.staff_1a.to_string()]);
    let peer = account_for(&app, &app.fx.a, app.fx.a.peer_1a, "peer").await;
    assert_eq!(app.get(&path).as_(&peer).send().await.body["total"], 0);
    let reports = client_token_for(&app, app.fx.a.id, "reports:read").await;
    assert_eq!(app.get(&path).token(&reports).send().await.body["total"], 2);
    let units_only = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.get(&path)
        .token(&units_only)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let bad = app
        .get("/api/v1/follow-up/award-candidates?cycle_id=nope")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
}

#[actix_web::test]
async fn development_needs_list_ratings_below_and_core_values_rated_below() {
    use kinerja_store::entities::{feedback_answer, feedback_request};
    use kinerja_store::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = TestApp::spawn().await;
    let (c, annual) = annual_results(&app).await;
    let staff = evaluation_id(&app, annual, app.fx.a.staff_1a).await;
    let db = app.services.db.conn();
    let req = feedback_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(app.fx.a.id),
        evaluation_id: Set(staff),
        rater_employee_id: Set(app.fx.a.head_1),
        rater_role: Set("appraiser".into()),
        status: Set("submitted".into()),
        nominated_by: Set(None),
        is_approved: Set(true),
        due_on: Set(None),
        submitted_at: Set(Some(chrono::Utc::now())),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
    feedback_answer::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(req.id),
        core_value: Set("kolaboratif".into()),
        rating: Set("below".into()),
        comment: Set(None),
    }
    .insert(db)
    .await
    .unwrap();
    let path = format!("/api/v1/follow-up/development-needs?cycle_id={}", c.id);
    let r = app.get(&path).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 2, "{}", r.text);
    let rows = r.body["items"].as_array().unwrap();
    let peer = rows
        .iter()
        .find(|x| x["employee_id"] == app.fx.a.peer_1a.to_string())
        .unwrap();
    assert_eq!(peer["result_rating"], "below");
    assert!(!peer["result_topics"].as_array().unwrap().is_empty());
    let s = rows
        .iter()
        .find(|x| x["employee_id"] == app.fx.a.staff_1a.to_string())
        .unwrap();
    assert_eq!(s["core_values"][0]["core_value"], "kolaboratif");
    assert_eq!(s["core_values"][0]["source"], "appraiser");
    assert!(
        !s["core_values"][0]["suggested_topics"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(s["result_topics"], json!([]));
    assert_eq!(
        app.get(&path)
            .as_(&app.fx.a.other_employee)
            .send()
            .await
            .body["total"],
        0
    );
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn promotion_eligibility_needs_years_in_rank_and_good_annual_predicates() {
    let app = TestApp::spawn().await;
    annual_results(&app).await;
    let since = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    sql_with(
        &app,
        "UPDATE employees SET rank_since_on = $1 WHERE id = $2",
        vec![since.into(), app.fx.a.staff_2.into()],
    )
    .await;
    let path = "/api/v1/follow-up/promotion-eligibility?as_of=2027-06-01";
    let r = app.get(path).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 6);
    let row = |id: Uuid| {
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["employee_id"] == id.to_string())
            .unwrap()
            .clone()
    };
    // (employee, eligible, blocker codes)
    let table = [
        (app.fx.a.staff_1a, true, vec![]),
        (
            app.fx.a.peer_1a,
            false,
            vec!["annual_predicate_below_minimum"],
        ),
        (app.fx.a.staff_2, false, vec!["years_in_rank_insufficient"]),
        (app.fx.a.head_1, false, vec!["annual_predicate_missing"]),
    ];
    for (id, eligible, codes) in table {
        let x = row(id);
        assert_eq!(x["is_eligible"], eligible, "{x}");
        let got: Vec<&str> = x["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["code"].as_str().unwrap())
            .collect();
        assert_eq!(got, codes, "{x}");
    }
    assert_eq!(
        row(app.fx.a.staff_1a)["annual_predicates"],
        json!([{"year": 2026, "predicate": "very_good"}])
    );
    assert_eq!(row(app.fx.a.staff_1a)["unit_name"], "Bidang Pembinaan SD");
    // The Dinas Pendidikan's list: its own employees and its bidang's, nobody else.
    let in_dinas: Vec<String> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| {
            [app.fx.a.unit_1, app.fx.a.unit_1a]
                .iter()
                .any(|u| x["unit_id"] == u.to_string())
        })
        .map(|x| x["employee_id"].as_str().unwrap().to_owned())
        .collect();
    assert!(in_dinas.contains(&app.fx.a.staff_1a.to_string()));
    assert!(in_dinas.contains(&app.fx.a.head_1.to_string()));
    let dinas = app
        .get(&format!("{path}&unit_id={}&per_page=100", app.fx.a.unit_1))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(employees(&dinas.body), in_dinas);
    let own = app.get(path).as_(&app.fx.a.employee).send().await;
    assert_eq!(employees(&own.body), vec![app.fx.a.staff_1a.to_string()]);
    let bad = app
        .get("/api/v1/follow-up/promotion-eligibility?as_of=2027-13-01")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
    app.get(path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(
        app.get(path).as_(&app.fx.b.admin).send().await.body["total"],
        6
    );
    let units_only = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.get(path)
        .token(&units_only)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn credit_points_follow_the_predicate_of_functional_positions() {
    let app = TestApp::spawn().await;
    let (c, _) = annual_results(&app).await;
    let path = format!("/api/v1/follow-up/credit-points?cycle_id={}", c.id);
    let r = app.get(&path).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(
        r.body["total"], 1,
        "only the nurse holds a functional position: {}",
        r.text
    );
    let x = &r.body["items"][0];
    assert_eq!(x["employee_id"], app.fx.a.staff_2.to_string());
    assert_eq!(x["functional_level"], "ahli_pertama");
    // Ahli Pertama, Sangat Baik: 12.5 x 150% = 18.75 (domain.md 1.10 example).
    assert_eq!(x["annual_credit_points"], "18.75");
    assert_eq!(x["months"], 12);
    assert_eq!(x["credit_points"], "18.75");
    // A plan covering half the year earns half.
    sql_with(
        &app,
        "UPDATE plans SET ends_on = $1 WHERE id = $2",
        vec![
            chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap().into(),
            c.staff_2.id.into(),
        ],
    )
    .await;
    let r = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(r.body["items"][0]["months"], 6);
    assert_eq!(r.body["items"][0]["credit_points"], "9.38");
    assert_eq!(
        app.get(&path).as_(&app.fx.a.employee).send().await.body["total"],
        0
    );
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn pppk_contracts_are_extended_from_baik_and_reviewed_below() {
    let app = TestApp::spawn().await;
    let (c, _) = annual_results(&app).await;
    for e in [app.fx.a.staff_1a, app.fx.a.peer_1a] {
        sql_with(
            &app,
            "UPDATE employees SET asn_type = 'pppk' WHERE id = $1",
            vec![e.into()],
        )
        .await;
    }
    let path = format!("/api/v1/follow-up/pppk-contract?cycle_id={}", c.id);
    let r = app.get(&path).as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 2);
    for x in r.body["items"].as_array().unwrap() {
        let expected = if x["employee_id"] == app.fx.a.staff_1a.to_string() {
            "extend"
        } else {
            "review"
        };
        assert_eq!(x["recommendation"], expected, "{x}");
    }
    let own = app.get(&path).as_(&app.fx.a.employee).send().await;
    assert_eq!(employees(&own.body), vec![app.fx.a.staff_1a.to_string()]);
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}
