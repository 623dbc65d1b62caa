//! Agency endpoints, from outside. Also hosts the API-client helper the organisation tests
//! share.

use actix_web::http::StatusCode;
use kinerja_service::auth::{ClientTokenRequest, client_token};
use serde_json::json;
use uuid::Uuid;

use crate::helpers::TestApp;

/// An access token of a fresh API client of `agency` holding `scopes` (space-separated).
pub async fn client_token_for(app: &TestApp, agency: Uuid, scopes: &str) -> String {
    use kinerja_store::entities::api_client;
    use kinerja_store::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let client_id = format!("client-{}", Uuid::new_v4().simple());
    let secret = "client-secret-for-tests-0123456789";
    api_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency),
        client_id: Set(client_id.clone()),
        name: Set("Test client".into()),
        secret_hash: Set(kinerja_service::security::hash_password(secret)
            .await
            .expect("hash")),
        scopes: Set(scopes.to_owned()),
        created_at: Set(chrono::Utc::now()),
        created_by: Set("test".into()),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(app.services.db.conn())
    .await
    .expect("insert client");
    client_token(
        &app.services,
        ClientTokenRequest {
            grant_type: "client_credentials".into(),
            client_id: Some(client_id),
            client_secret: Some(secret.into()),
            scope: None,
        },
        None,
    )
    .await
    .expect("client token")
    .access_token
}

#[actix_web::test]
async fn a_super_admin_lists_every_agency_with_a_total() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/agencies?per_page=1&sort=code")
        .as_(&app.fx.super_admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["items"][0]["code"], "KABA");
}

#[actix_web::test]
async fn an_agency_admin_lists_only_their_own_agency() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/agencies")
        .as_(&app.fx.b.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["items"][0]["id"], app.fx.b.id.to_string());
}

#[actix_web::test]
async fn listing_agencies_needs_a_token() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/agencies")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn a_super_admin_creates_an_agency_and_it_is_audited() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/agencies")
        .as_(&app.fx.super_admin)
        .json(json!({"code": "KOTC", "name": "Kota Gamma"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.etag(), "\"1\"");
    let id = r.body["id"].as_str().unwrap().to_owned();
    let stored = app
        .get(&format!("/api/v1/agencies/{id}"))
        .as_(&app.fx.super_admin)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    assert_eq!(stored.body["name"], "Kota Gamma");
    assert_eq!(app.audit_count("agency.create").await, 1);
}

#[actix_web::test]
async fn an_agency_code_must_be_unique() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/agencies")
        .as_(&app.fx.super_admin)
        .json(json!({"code": "KABA", "name": "Duplicate"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "agency_code_taken");
}

#[actix_web::test]
async fn creating_an_agency_names_the_invalid_fields() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/agencies")
        .as_(&app.fx.super_admin)
        .json(json!({"code": "bad code!", "name": ""}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["code", "name"]);
    assert_eq!(app.audit_count("agency.create").await, 0);
}

#[actix_web::test]
async fn an_agency_admin_cannot_create_an_agency() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/agencies")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "KOTC", "name": "Kota Gamma"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn an_employee_reads_their_own_agency_but_another_agency_is_not_found() {
    let app = TestApp::spawn().await;
    app.get(&format!("/api/v1/agencies/{}", app.fx.a.id))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&format!("/api/v1/agencies/{}", app.fx.b.id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn a_client_without_agency_read_cannot_read_its_agency() {
    let app = TestApp::spawn().await;
    let token = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.get(&format!("/api/v1/agencies/{}", app.fx.a.id))
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let token = client_token_for(&app, app.fx.a.id, "agency:read").await;
    app.get(&format!("/api/v1/agencies/{}", app.fx.a.id))
        .token(&token)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn an_agency_admin_renames_their_agency_with_if_match() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/agencies/{}", app.fx.a.id);
    let read = app.get(&path).as_(&app.fx.a.admin).send().await;
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match(&read.etag())
        .json(json!({"name": "Pemerintah Kabupaten Alpha"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["name"], "Pemerintah Kabupaten Alpha");
    assert_eq!(app.audit_count("agency.update").await, 1);
}

#[actix_web::test]
async fn only_a_super_admin_changes_an_agency_code() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/agencies/{}", app.fx.a.id);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"code": "KABX"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.patch(&path)
        .as_(&app.fx.super_admin)
        .if_match("\"1\"")
        .json(json!({"code": "KABX"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn a_stale_or_missing_if_match_changes_no_agency() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/agencies/{}", app.fx.a.id);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"7\"")
        .json(json!({"name": "Stale"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .json(json!({"name": "Unconditional"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["name"], "Kabupaten Alpha");
    assert_eq!(stored.body["version"], 1);
    assert_eq!(app.audit_count("agency.update").await, 0);
}

#[actix_web::test]
async fn auditors_employees_and_other_agencies_cannot_change_an_agency() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/agencies/{}", app.fx.a.id);
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.patch(&path)
            .as_(who)
            .if_match("\"1\"")
            .json(json!({"name": "X"}))
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.patch(&path)
        .as_(&app.fx.b.admin)
        .if_match("\"1\"")
        .json(json!({"name": "X"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn updating_an_agency_names_the_invalid_field() {
    let app = TestApp::spawn().await;
    let r = app
        .patch(&format!("/api/v1/agencies/{}", app.fx.a.id))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"name": ""}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["name"]);
}
