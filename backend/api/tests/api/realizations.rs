//! Realizations and evidence, from outside, on the running fixture cycle (engine_fixture):
//! who may record, the plan and period rules, capaian against target, uploads stored by
//! SHA-256 and streamed back byte for byte, the evidence policy limits.

use actix_web::http::StatusCode;
use kinerja_service::policies::CyclePolicies;
use kinerja_store::entities::{evidence_blob, period};
use kinerja_store::sea_orm::sea_query::Expr;
use kinerja_store::sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::engine_fixture::{CycleFx, running_cycle};
use crate::helpers::TestApp;

fn realization_url(indicator: Uuid, period: Uuid) -> String {
    format!("/api/v1/indicators/{indicator}/realizations/{period}")
}

fn q4(c: &CycleFx) -> Uuid {
    c.quarters[3]
}

fn pdf_bytes(n: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n".to_vec();
    // Printable bytes, so that the harness's text body is the exact byte sequence.
    v.extend((0..n).map(|i| (i % 94 + 32) as u8));
    v
}

async fn blob_count(app: &TestApp) -> u64 {
    evidence_blob::Entity::find()
        .count(app.services.db.conn())
        .await
        .unwrap()
}

#[actix_web::test]
async fn an_employee_records_a_realization_and_sees_its_capaian() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = realization_url(c.staff_1a.indicators[0], q4(&c));
    let r = app
        .put(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"value": "11", "source_system": "task_tracker"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["value"], "11");
    assert_eq!(r.body["capaian_percent"], "91.67");
    assert_eq!(r.body["recorded_by"], app.fx.a.employee.username.as_str());
    assert_eq!(r.body["source_system"], "task_tracker");
    assert_eq!(app.audit_count("realization.create").await, 1);
    let r = app
        .put(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"value": "12.0"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["version"], 2);
    assert_eq!(r.body["capaian_percent"], "100");
    assert_eq!(app.audit_count("realization.update").await, 1);
    let r = app
        .get(&format!(
            "/api/v1/plans/{}/realizations?period_id={}",
            c.staff_1a.id,
            q4(&c)
        ))
        .as_(&app.fx.a.appraiser)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["indicator"]["target_max"], "12");
    assert_eq!(items[0]["realizations"][0]["value"], "12");
    assert_eq!(items[1]["realizations"], json!([]));
    let r = app
        .get(&format!(
            "/api/v1/plans/{}/realizations?period_id={}",
            c.staff_1a.id, c.quarters[0]
        ))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body["items"][0]["realizations"], json!([]));
}

#[actix_web::test]
async fn realizations_need_a_valid_value() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = realization_url(c.staff_1a.indicators[0], q4(&c));
    let r = app
        .put(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"value": "sebelas"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["value"]);
    let r = app
        .put(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"body": "Sudah"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["value"]);
    assert_eq!(app.audit_count("realization.create").await, 0);
}

#[actix_web::test]
async fn only_the_plans_employee_or_hr_records_realizations() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = realization_url(c.staff_1a.indicators[0], q4(&c));
    let body = json!({"value": "5"});
    app.put(&url)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.put(&url)
        .as_(&app.fx.a.other_employee)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.put(&url)
        .as_(&app.fx.b.admin)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.put(&url)
        .as_(&app.fx.a.appraiser)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.put(&url)
        .as_(&app.fx.a.auditor)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.put(&url)
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&format!("/api/v1/plans/{}/realizations", c.staff_1a.id))
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn the_fill_deadline_binds_employees_but_not_hr() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = realization_url(c.staff_1a.indicators[0], c.quarters[0]);
    let r = app
        .put(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"value": "3"}))
        .send()
        .await;
    r.assert_problem(StatusCode::CONFLICT, "fill_deadline_passed");
    assert!(r.body["detail"].as_str().unwrap().contains("2026-04-10"));
    app.put(&url)
        .as_(&app.fx.a.admin)
        .json(json!({"value": "3"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    period::Entity::update_many()
        .col_expr(period::Column::Status, Expr::value("finalised"))
        .filter(period::Column::Id.eq(q4(&c)))
        .exec(app.services.db.conn())
        .await
        .unwrap();
    app.put(&realization_url(c.staff_1a.indicators[0], q4(&c)))
        .as_(&app.fx.a.admin)
        .json(json!({"value": "3"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "period_closed");
}

#[actix_web::test]
async fn realizations_are_refused_on_a_plan_that_is_not_approved() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let r = app
        .post(&format!("/api/v1/plans/{}/revise", c.staff_1a.id))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let draft_indicator = r.body["work_results"][0]["indicators"][0]["id"]
        .as_str()
        .unwrap()
        .parse::<Uuid>()
        .unwrap();
    let r = app
        .put(&realization_url(draft_indicator, q4(&c)))
        .as_(&app.fx.a.employee)
        .json(json!({"value": "5"}))
        .send()
        .await;
    r.assert_problem(StatusCode::CONFLICT, "plan_not_approved");
    // The approved version still takes realizations while its revision is drafted.
    app.put(&realization_url(c.staff_1a.indicators[0], q4(&c)))
        .as_(&app.fx.a.employee)
        .json(json!({"value": "5"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn a_closed_cycle_refuses_realizations_and_evidence() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let cycle = format!("/api/v1/cycles/{}/transitions", c.id);
    for action in ["begin_closing", "close"] {
        app.post(&cycle)
            .as_(&app.fx.a.admin)
            .json(json!({"action": action}))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    app.put(&realization_url(c.staff_1a.indicators[0], q4(&c)))
        .as_(&app.fx.a.admin)
        .json(json!({"value": "5"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.post(&format!("/api/v1/plans/{}/evidence", c.staff_1a.id))
        .as_(&app.fx.a.employee)
        .json(json!({"uri": "https://drive.example.go.id/a.pdf"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "cycle_closed");
    app.get(&format!("/api/v1/plans/{}/realizations", c.staff_1a.id))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn link_evidence_is_validated_listed_and_audited() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = format!("/api/v1/plans/{}/evidence", c.staff_1a.id);
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"uri": "ftp://files.example.go.id/a.pdf"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["uri"]);
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"uri": "not a url"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["uri"]);
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .json(json!({"uri": "https://x.example/a", "work_result_id": c.peer_1a.work_results[0]}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["work_result_id"]);
    app.post(&url)
        .json(json!({"uri": "https://x.example/a"}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post(&url)
        .as_(&app.fx.a.appraiser)
        .json(json!({"uri": "https://x.example/a"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&url)
        .as_(&app.fx.b.admin)
        .json(json!({"uri": "https://x.example/a"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app.post(&url).as_(&app.fx.a.employee)
        .json(json!({"uri": "https://drive.example.go.id/laporan.pdf", "work_result_id": c.staff_1a.work_results[0], "source_system": "drive"})).send().await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["uri"], "https://drive.example.go.id/laporan.pdf");
    let r = app.get(&url).as_(&app.fx.a.appraiser).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body.as_array().unwrap().len(), 1);
    let id = r.body[0]["id"].as_str().unwrap();
    app.get(&format!("/api/v1/evidence/{id}/content"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "evidence_is_link");
    app.get(&url)
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(app.audit_count("evidence.create").await, 1);
}

#[actix_web::test]
async fn an_uploaded_file_is_stored_by_sha256_and_streams_back_byte_identical() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let r = app
        .put(&realization_url(c.staff_1a.indicators[0], q4(&c)))
        .as_(&app.fx.a.employee)
        .json(json!({"value": "10"}))
        .send()
        .await;
    let realization = r.body["id"].as_str().unwrap().to_owned();
    let bytes = pdf_bytes(5000);
    let url = format!(
        "/api/v1/plans/{}/evidence?file_name=laporan%20q4.pdf&realization_id={realization}",
        c.staff_1a.id
    );
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .body("application/pdf", bytes.clone())
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["sha256"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(r.body["size_bytes"], bytes.len());
    assert_eq!(r.body["file_name"], "laporan q4.pdf");
    assert_eq!(r.body["realization_id"], realization.as_str());
    let id = r.body["id"].as_str().unwrap().to_owned();
    let content = format!("/api/v1/evidence/{id}/content");
    let resp = app.get(&content).as_(&app.fx.a.appraiser).send().await;
    resp.assert_status(StatusCode::OK);
    assert_eq!(
        resp.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(
        resp.header("content-disposition")
            .unwrap()
            .contains("laporan q4.pdf")
    );
    assert_eq!(resp.text.as_bytes(), bytes.as_slice());
    // The same file again is stored once.
    app.post(&url)
        .as_(&app.fx.a.admin)
        .body("application/pdf", bytes.clone())
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    assert_eq!(blob_count(&app).await, 1);
    app.get(&content)
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&content)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&content)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let r = app
        .post(&format!("/api/v1/plans/{}/evidence", c.staff_1a.id))
        .as_(&app.fx.a.employee)
        .body("application/pdf", bytes)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["file_name"]);
}

#[actix_web::test]
async fn uploads_respect_the_cycles_size_and_type_limits() {
    let app = TestApp::spawn().await;
    let mut policies = CyclePolicies::default();
    policies.evidence.max_file_bytes = 2048;
    let c = running_cycle(&app, &app.fx.a, Some(policies)).await;
    let url = format!(
        "/api/v1/plans/{}/evidence?file_name=besar.pdf",
        c.staff_1a.id
    );
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .body("application/pdf", pdf_bytes(4000))
        .send()
        .await;
    r.assert_problem(StatusCode::PAYLOAD_TOO_LARGE, "evidence_too_large");
    assert!(r.body["detail"].as_str().unwrap().contains("2048"));
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .body("application/x-msdownload", pdf_bytes(10))
        .send()
        .await;
    r.assert_problem(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "evidence_type_not_allowed",
    );
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("application/pdf")
    );
    app.post(&url)
        .as_(&app.fx.a.employee)
        .body("application/pdf", pdf_bytes(1000))
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    assert_eq!(blob_count(&app).await, 1);
}

#[actix_web::test]
async fn evidence_is_removed_by_its_uploader_or_hr() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let url = format!("/api/v1/plans/{}/evidence?file_name=a.png", c.staff_1a.id);
    let r = app
        .post(&url)
        .as_(&app.fx.a.employee)
        .body("image/png", b"\x89PNG fake".to_vec())
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let del = format!("/api/v1/evidence/{}", r.body["id"].as_str().unwrap());
    app.delete(&del)
        .as_(&app.fx.a.appraiser)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.delete(&del)
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.delete(&del)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.delete(&del)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.delete(&del)
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(blob_count(&app).await, 0);
    assert_eq!(app.audit_count("evidence.delete").await, 1);
    let r = app
        .get(&format!("/api/v1/plans/{}/evidence", c.staff_1a.id))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert_eq!(r.body, json!([]));
}

#[actix_web::test]
async fn a_system_with_the_realizations_scope_records_with_its_source() {
    let app = TestApp::spawn().await;
    let c = running_cycle(&app, &app.fx.a, None).await;
    let (client_id, secret, _) = crate::auth::register_client(&app, &["realizations:write"]).await;
    let t = crate::auth::client_token(&app, &client_id, &secret, None).await;
    t.assert_status(StatusCode::OK);
    let token = t.body["access_token"].as_str().unwrap().to_owned();
    let url = realization_url(c.staff_1a.indicators[0], q4(&c));
    let r = app
        .put(&url)
        .token(&token)
        .json(json!({"value": "7"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["source_system"]);
    let r = app
        .put(&url)
        .token(&token)
        .json(json!({"value": "7", "source_system": "attendance"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["source_system"], "attendance");
    assert_eq!(r.body["recorded_by"], client_id.as_str());
    // The scope does not reach another agency's plans.
    let b = running_cycle(&app, &app.fx.b, None).await;
    app.put(&realization_url(b.staff_1a.indicators[0], q4(&b)))
        .token(&token)
        .json(json!({"value": "7", "source_system": "attendance"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    // A client without the scope may not.
    let (other_id, other_secret, _) = crate::auth::register_client(&app, &["employees:read"]).await;
    let t = crate::auth::client_token(&app, &other_id, &other_secret, None).await;
    let other = t.body["access_token"].as_str().unwrap().to_owned();
    app.put(&url)
        .token(&other)
        .json(json!({"value": "7", "source_system": "attendance"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}
