//! OAuth2 clients from outside: registration (secret shown once), listing, reading, revoking,
//! and the client-credentials flow end to end.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::auth::{audit_texts, client_token, register_client};
use crate::helpers::{Account, TestApp, TestResponse};

async fn create(app: &TestApp, who: &Account, body: serde_json::Value) -> TestResponse {
    app.post("/api/v1/api-clients")
        .as_(who)
        .json(body)
        .send()
        .await
}

#[actix_web::test]
async fn an_agency_admin_registers_a_client_and_sees_the_secret_once() {
    let app = TestApp::spawn().await;
    let r = create(
        &app,
        &app.fx.a.admin,
        json!({"name": "Absensi daerah", "scopes": ["employees:read", "units:read", "employees:read"]}),
    )
    .await;
    r.assert_status(StatusCode::CREATED);
    let client_id = r.body["client_id"].as_str().unwrap().to_owned();
    let secret = r.body["client_secret"].as_str().unwrap().to_owned();
    assert!(client_id.starts_with("kc_"));
    assert!(secret.len() >= 32);
    assert_eq!(r.body["scopes"], json!(["employees:read", "units:read"]));
    assert_eq!(r.body["agency_id"], app.fx.a.id.to_string());
    assert_eq!(r.body["created_by"], "admin-kaba");
    assert_eq!(r.body["is_active"], true);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.header("location"),
        Some(format!("/api/v1/api-clients/{id}"))
    );

    let shown = app
        .get(&format!("/api/v1/api-clients/{id}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    shown.assert_status(StatusCode::OK);
    assert_eq!(shown.body["client_id"], client_id.as_str());
    assert!(shown.body["last_used_at"].is_null());
    assert!(shown.body["revoked_at"].is_null());
    let list = app
        .get("/api/v1/api-clients")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    for text in [&shown.text, &list.text] {
        assert!(
            !text.contains(&secret) && !text.contains("client_secret") && !text.contains("argon2")
        );
    }
    assert_eq!(app.audit_count("api_client.create").await, 1);
    let audit = audit_texts(&app, "api_client.create").await.join("");
    assert!(audit.contains(&client_id) && !audit.contains(&secret));

    // The secret works, and the client records its last use.
    client_token(&app, &client_id, &secret, None)
        .await
        .assert_status(StatusCode::OK);
    let shown = app
        .get(&format!("/api/v1/api-clients/{id}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert!(shown.body["last_used_at"].is_string());
}

#[actix_web::test]
async fn an_unknown_scope_is_named_by_its_index() {
    let app = TestApp::spawn().await;
    let r = create(
        &app,
        &app.fx.a.admin,
        json!({"name": "Aplikasi", "scopes": ["employees:read", "users:write", "everything"]}),
    )
    .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["scopes[1]", "scopes[2]"]);
    let r = create(&app, &app.fx.a.admin, json!({"name": "", "scopes": []})).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["name", "scopes"]);
    let r = create(&app, &app.fx.a.admin, json!({"name": "Tanpa scope"})).await;
    assert_eq!(r.error_fields(), ["scopes"]);
    assert_eq!(app.audit_count("api_client.create").await, 0);
}

#[actix_web::test]
async fn a_super_admin_registers_a_client_for_a_named_agency() {
    let app = TestApp::spawn().await;
    let body = json!({"name": "SIASN bridge", "scopes": ["employees:read"]});
    let r = create(&app, &app.fx.super_admin, body.clone()).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["agency_id"]);
    let r = create(
        &app,
        &app.fx.super_admin,
        json!({"name": "SIASN bridge", "scopes": ["employees:read"], "agency_id": app.fx.b.id}),
    )
    .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["agency_id"], app.fx.b.id.to_string());
    let listed = app
        .get(&format!("/api/v1/api-clients?agency_id={}", app.fx.b.id))
        .as_(&app.fx.super_admin)
        .send()
        .await;
    assert_eq!(listed.body["total"], 1);
    app.get("/api/v1/api-clients")
        .as_(&app.fx.super_admin)
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
}

#[actix_web::test]
async fn an_agency_admin_cannot_register_a_client_for_another_agency() {
    let app = TestApp::spawn().await;
    create(
        &app,
        &app.fx.a.admin,
        json!({"name": "X", "scopes": ["employees:read"], "agency_id": app.fx.b.id}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn auditors_employees_and_clients_cannot_register_clients() {
    let app = TestApp::spawn().await;
    let body = json!({"name": "X", "scopes": ["employees:read"]});
    for who in [&app.fx.a.auditor, &app.fx.a.employee, &app.fx.a.appraiser] {
        create(&app, who, body.clone())
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let (id, secret, _) = register_client(&app, &["employees:write", "units:write"]).await;
    let t = client_token(&app, &id, &secret, None).await;
    app.post("/api/v1/api-clients")
        .token(t.body["access_token"].as_str().unwrap())
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post("/api/v1/api-clients")
        .json(body)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(app.audit_count("api_client.create").await, 1);
}

#[actix_web::test]
async fn the_client_list_is_scoped_to_the_agency_and_filters_revoked_ones() {
    let app = TestApp::spawn().await;
    let (_, _, first) = register_client(&app, &["employees:read"]).await;
    register_client(&app, &["units:read"]).await;
    create(
        &app,
        &app.fx.b.admin,
        json!({"name": "B", "scopes": ["units:read"]}),
    )
    .await
    .assert_status(StatusCode::CREATED);
    app.post(&format!("/api/v1/api-clients/{first}/revoke"))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let all = app
        .get("/api/v1/api-clients")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    all.assert_status(StatusCode::OK);
    assert_eq!(all.body["total"], 2);
    let active = app
        .get("/api/v1/api-clients?is_active=true")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(active.body["total"], 1);
    assert_eq!(active.body["items"][0]["scopes"], json!(["units:read"]));
    app.get(&format!("/api/v1/api-clients?agency_id={}", app.fx.b.id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn only_administrators_list_clients() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.get("/api/v1/api-clients")
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.get("/api/v1/api-clients")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn another_agencys_client_reads_as_not_found() {
    let app = TestApp::spawn().await;
    let (_, _, id) = register_client(&app, &["employees:read"]).await;
    for path in [
        format!("/api/v1/api-clients/{id}"),
        format!("/api/v1/api-clients/{id}/revoke"),
    ] {
        let req = if path.ends_with("revoke") {
            app.post(&path)
        } else {
            app.get(&path)
        };
        req.as_(&app.fx.b.admin)
            .send()
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not_found");
    }
    app.get(&format!("/api/v1/api-clients/{id}"))
        .as_(&app.fx.a.auditor)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&format!("/api/v1/api-clients/{id}/revoke"))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.get(&format!("/api/v1/api-clients/{id}"))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post(&format!("/api/v1/api-clients/{id}/revoke"))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(app.audit_count("api_client.revoke").await, 0);
}

#[actix_web::test]
async fn the_client_credentials_flow_end_to_end_and_revocation_takes_effect_at_once() {
    let app = TestApp::spawn().await;
    let (client_id, secret, id) = register_client(&app, &["employees:read"]).await;
    let t = client_token(&app, &client_id, &secret, None).await;
    t.assert_status(StatusCode::OK);
    let token = t.body["access_token"].as_str().unwrap().to_owned();
    let me = app.get("/api/v1/me").token(&token).send().await;
    me.assert_status(StatusCode::OK);
    assert_eq!(me.body["client"]["scopes"], json!(["employees:read"]));
    // A client has no say over clients or accounts, whatever its scopes.
    app.get("/api/v1/api-clients")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    let revoked = app
        .post(&format!("/api/v1/api-clients/{id}/revoke"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    revoked.assert_status(StatusCode::OK);
    assert!(revoked.body["revoked_at"].is_string());
    assert_eq!(revoked.body["is_active"], false);
    assert_eq!(app.audit_count("api_client.revoke").await, 1);

    app.get("/api/v1/me")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "client_revoked");
    let again = client_token(&app, &client_id, &secret, None).await;
    again.assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(again.body["error"], "invalid_client");

    // Revoking again changes nothing and records nothing.
    let twice = app
        .post(&format!("/api/v1/api-clients/{id}/revoke"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    twice.assert_status(StatusCode::OK);
    assert_eq!(twice.body["revoked_at"], revoked.body["revoked_at"]);
    assert_eq!(app.audit_count("api_client.revoke").await, 1);
}

#[actix_web::test]
async fn a_client_token_opens_what_its_scopes_allow_and_nothing_else() {
    let app = TestApp::spawn().await;
    let (client_id, secret, id) = register_client(&app, &["employees:read", "units:read"]).await;
    let full = client_token(&app, &client_id, &secret, None).await;
    let employees = full.body["access_token"].as_str().unwrap().to_owned();
    let narrowed = client_token(&app, &client_id, &secret, Some("units:read")).await;
    narrowed.assert_status(StatusCode::OK);
    let units_only = narrowed.body["access_token"].as_str().unwrap().to_owned();

    let r = app.get("/api/v1/employees").token(&employees).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 6, "every employee of agency A");
    app.get("/api/v1/employees")
        .token(&units_only)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.get(&format!("/api/v1/employees?agency_id={}", app.fx.b.id))
        .token(&employees)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);

    app.post(&format!("/api/v1/api-clients/{id}/revoke"))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get("/api/v1/employees")
        .token(&employees)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "client_revoked");
}
