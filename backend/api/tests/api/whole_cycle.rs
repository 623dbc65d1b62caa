//! The appraisal year end to end, from outside, on whichever database the suite runs on:
//! evaluations generated, realizations handed in, organisation predicates set, ratings
//! (leaders from their unit's predicate), finalisation with an override reason, receipt, an
//! objection decided in the employee's favour, the objection window closing for the others,
//! and the follow-up reports showing the changed result. Along the way, each kind of caller
//! gets only what they may: the employee, a peer, another unit's appraiser, another agency.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::engine_fixture::running_cycle;
use crate::evaluations::{
    account_for, early, evaluation_id, evaluation_of, rate, ratings, set_org_predicate, sql_with,
};
use crate::helpers::TestApp;

#[actix_web::test]
async fn an_appraisal_year_from_generation_to_follow_up() {
    let app = TestApp::spawn().await;
    let a = app.fx.a.clone();
    let c = running_cycle(&app, &a, Some(early())).await;
    running_cycle(&app, &app.fx.b, None).await;
    let annual = c.annual;

    // HR generates the annual evaluations.
    let g = app
        .post(&format!("/api/v1/periods/{annual}/evaluations/generate"))
        .as_(&a.admin)
        .send()
        .await;
    g.assert_status(StatusCode::OK);
    assert_eq!(g.body["created"], 6);

    let top = account_for(&app, &a, a.top, "top").await;
    let head_2 = account_for(&app, &a, a.head_2, "head2").await;
    let peer = account_for(&app, &a, a.peer_1a, "peer").await;
    let staff = evaluation_id(&app, annual, a.staff_1a).await;
    let peer_eval = evaluation_id(&app, annual, a.peer_1a).await;
    let nurse = evaluation_id(&app, annual, a.staff_2).await;
    let head_1_eval = evaluation_id(&app, annual, a.head_1).await;
    let head_2_eval = evaluation_id(&app, annual, a.head_2).await;

    // Every employee hands in: realizations (staff_1a through the realizations endpoint), then
    // start and submit with a self-assessment.
    for (i, ind) in c.staff_1a.indicators.iter().enumerate() {
        app.put(&format!("/api/v1/indicators/{ind}/realizations/{annual}"))
            .as_(&a.employee)
            .json(json!({"value": if i % 2 == 0 { "12" } else { "95" }}))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    for (who, id) in [
        (&a.employee, staff),
        (&peer, peer_eval),
        (&a.other_employee, nurse),
        (&a.appraiser, head_1_eval),
        (&head_2, head_2_eval),
    ] {
        app.post(&format!("/api/v1/evaluations/{id}/start"))
            .as_(who)
            .send()
            .await
            .assert_status(StatusCode::OK);
        app.post(&format!("/api/v1/evaluations/{id}/submit"))
            .as_(who)
            .json(json!({"self_assessment": "Target tahunan tercapai."}))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }

    // Who sees what before rating.
    let mine = app
        .get(&format!("/api/v1/evaluations?period_id={annual}"))
        .as_(&a.employee)
        .send()
        .await;
    assert_eq!(mine.body["total"], 1);
    assert_eq!(mine.body["items"][0]["id"], staff.to_string());
    let staff_path = format!("/api/v1/evaluations/{staff}");
    for who in [&peer, &head_2, &app.fx.b.admin, &app.fx.b.employee] {
        app.get(&staff_path)
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not_found");
    }
    assert_eq!(
        app.get(&format!("/api/v1/evaluations?period_id={annual}"))
            .as_(&app.fx.b.admin)
            .send()
            .await
            .body["total"],
        0
    );
    let inputs = app.get(&staff_path).as_(&a.appraiser).send().await;
    assert_eq!(
        inputs.body["inputs"]["work_results"][0]["indicators"][0]["capaian_percent"],
        "100"
    );
    assert!(
        app.get(&staff_path)
            .as_(&a.employee)
            .send()
            .await
            .body
            .get("inputs")
            .is_none()
    );
    app.get(&format!("{staff_path}/explanation"))
        .as_(&a.employee)
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "not_rated_yet");

    // Organisation predicates (SE MenPANRB 3/2023), through the organisation endpoint.
    set_org_predicate(&app, a.unit_1, annual, "outstanding").await;
    set_org_predicate(&app, a.unit_1a, annual, "good").await;
    set_org_predicate(&app, a.unit_2, annual, "good").await;

    // Ratings: only each plan's appraiser; never oneself; not another unit's appraiser.
    rate(&app, staff, &a.employee, ratings("meets", "meets"))
        .await
        .assert_problem(StatusCode::FORBIDDEN, "self_rating_not_allowed");
    rate(&app, staff, &head_2, ratings("meets", "meets"))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    rate(&app, staff, &app.fx.b.admin, ratings("meets", "meets"))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    rate(&app, staff, &a.appraiser, ratings("meets", "meets"))
        .await
        .assert_status(StatusCode::OK);
    rate(&app, peer_eval, &a.appraiser, ratings("meets", "meets"))
        .await
        .assert_status(StatusCode::OK);
    rate(&app, nurse, &head_2, ratings("below", "meets"))
        .await
        .assert_status(StatusCode::OK);
    // Leaders: the result rating is their unit's organisation predicate.
    let r = rate(&app, head_1_eval, &top, json!({"behaviour_rating": "above", "result_justification": "Istimewa", "behaviour_justification": "Teladan"})).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["predicate"], "very_good");
    let r = rate(
        &app,
        head_2_eval,
        &top,
        json!({"behaviour_rating": "meets"}),
    )
    .await;
    assert_eq!(r.body["result_rating"], "meets");
    assert_eq!(r.body["predicate"], "good");

    let score = app
        .post(&format!("/api/v1/cycles/{}/score", c.id))
        .as_(&a.admin)
        .send()
        .await;
    score.assert_status(StatusCode::OK);
    assert_eq!(score.body["considered"], 5);
    assert_eq!(score.body["updated"], 0);

    // Finalisation: unit_1a (Baik, two Baik) breaks the curve and needs a reason.
    let finalise = format!("/api/v1/periods/{annual}/finalise");
    let refused = app
        .post(&finalise)
        .as_(&a.admin)
        .json(json!({}))
        .send()
        .await;
    refused.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "distribution_violated");
    let done = app.post(&finalise).as_(&a.admin)
        .json(json!({"override_reasons": {a.unit_1a.to_string(): "Bidang dengan dua pegawai; keduanya memenuhi ekspektasi."}}))
        .send().await;
    done.assert_status(StatusCode::OK);
    assert_eq!(done.body["finalised"], 5);
    // top has no appraiser in the fixture: reported, not finalised.
    assert_eq!(done.body["unrated"], 1);
    let v = app
        .get(&format!("{staff_path}/verify"))
        .as_(&a.employee)
        .send()
        .await;
    assert_eq!(v.body["is_intact"], true);

    // Receipt, objection, review and decision by the appraiser's superior.
    app.post(&format!("{staff_path}/acknowledge"))
        .as_(&a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.post(&format!("/api/v1/evaluations/{peer_eval}/acknowledge"))
        .as_(&peer)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.post(&format!("/api/v1/evaluations/{peer_eval}/objections"))
        .as_(&a.employee)
        .json(json!({"reasons": "Ini bukan evaluasi saya, tetapi saya mencoba."}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let o = app
        .post(&format!("{staff_path}/objections"))
        .as_(&a.employee)
        .json(json!({"reasons": "Aplikasi pendataan yang saya bangun belum dipertimbangkan."}))
        .send()
        .await;
    o.assert_status(StatusCode::CREATED);
    let objection = o.body["id"].as_str().unwrap().to_owned();
    assert_eq!(o.body["decider_employee_id"], a.top.to_string());
    assert_eq!(
        app.get("/api/v1/objections").as_(&peer).send().await.body["total"],
        0
    );
    assert_eq!(
        app.get("/api/v1/objections").as_(&top).send().await.body["total"],
        1
    );
    app.get(&format!("/api/v1/objections/{objection}"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&format!("/api/v1/objections/{objection}/review"))
        .as_(&a.appraiser)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&format!("/api/v1/objections/{objection}/review"))
        .as_(&top)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let decided = app.post(&format!("/api/v1/objections/{objection}/decide")).as_(&top)
        .json(json!({"outcome": "changed", "note": "Inovasi terbukti; hasil dan perilaku di atas ekspektasi.", "result_rating": "above", "behaviour_rating": "above"}))
        .send().await;
    decided.assert_status(StatusCode::OK);
    let e = evaluation_of(&app, annual, a.staff_1a).await;
    assert_eq!(e["status"], "final");
    assert_eq!(e["predicate"], "very_good");
    let x = app
        .get(&format!("{staff_path}/explanation"))
        .as_(&a.employee)
        .send()
        .await;
    assert!(
        x.body["summary_en"]
            .as_str()
            .unwrap()
            .contains("Sangat Baik"),
        "{}",
        x.text
    );

    // The others become final when the window passes.
    let conclude = format!("/api/v1/periods/{annual}/conclude");
    let early_conclude = app.post(&conclude).as_(&a.admin).send().await;
    assert_eq!(early_conclude.body["concluded"], 0);
    assert_eq!(early_conclude.body["window_open"], 1);
    assert_eq!(early_conclude.body["awaiting_acknowledgement"], 3);
    let long_ago = chrono::Utc::now() - chrono::TimeDelta::days(15);
    sql_with(
        &app,
        "UPDATE evaluations SET received_at = $1 WHERE id = $2",
        vec![long_ago.into(), peer_eval.into()],
    )
    .await;
    let concluded = app.post(&conclude).as_(&a.admin).send().await;
    assert_eq!(concluded.body["concluded"], 1);
    assert_eq!(
        evaluation_of(&app, annual, a.peer_1a).await["status"],
        "final"
    );

    // Follow-up shows the changed result; each caller sees only their rows.
    let awards = format!("/api/v1/follow-up/award-candidates?cycle_id={}", c.id);
    let r = app.get(&awards).as_(&a.admin).send().await;
    let ids: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["employee_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&a.staff_1a.to_string().as_str()), "{}", r.text);
    assert!(ids.contains(&a.head_1.to_string().as_str()), "{}", r.text);
    assert_eq!(ids.len(), 2);
    assert_eq!(
        app.get(&awards).as_(&a.employee).send().await.body["total"],
        1
    );
    assert_eq!(app.get(&awards).as_(&peer).send().await.body["total"], 0);
    app.get(&awards)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let needs = app
        .get(&format!(
            "/api/v1/follow-up/development-needs?cycle_id={}",
            c.id
        ))
        .as_(&a.admin)
        .send()
        .await;
    let need_ids: Vec<&str> = needs.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["employee_id"].as_str().unwrap())
        .collect();
    assert_eq!(need_ids, vec![a.staff_2.to_string().as_str()]);

    // Every write left its audit entry.
    for (action, n) in [
        ("evaluation.generate", 1),
        ("evaluation.start", 5),
        ("evaluation.submit", 5),
        ("evaluation.rate", 5),
        ("period.finalise", 1),
        ("evaluation.acknowledge", 2),
        ("objection.submit", 1),
        ("objection.decide", 1),
        ("period.conclude", 2),
    ] {
        assert_eq!(app.audit_count(action).await, n, "{action}");
    }
}
