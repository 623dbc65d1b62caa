//! Accounts and roles from outside: listing, creating, updating, admin password reset, unlock,
//! `/me`, and the command-line super_admin.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::auth::{audit_texts, client_token, login, refresh, register_client};
use crate::helpers::{Account, PASSWORD, TestApp, TestResponse};

fn usernames(r: &TestResponse) -> Vec<String> {
    r.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_owned())
        .collect()
}

async fn read(app: &TestApp, who: &Account, user_id: impl std::fmt::Display) -> TestResponse {
    app.get(&format!("/api/v1/users/{user_id}"))
        .as_(who)
        .send()
        .await
}

async fn patch(
    app: &TestApp,
    who: &Account,
    user_id: impl std::fmt::Display + Copy,
    body: Value,
) -> TestResponse {
    let etag = read(app, &app.fx.super_admin, user_id).await.etag();
    app.patch(&format!("/api/v1/users/{user_id}"))
        .as_(who)
        .if_match(&etag)
        .json(body)
        .send()
        .await
}

async fn lock(app: &TestApp, username: &str) {
    for _ in 0..5 {
        login(app, username, "Wrong-Password-99").await;
    }
    login(app, username, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
}

// ---- GET /users

#[actix_web::test]
async fn an_agency_admin_lists_the_accounts_of_their_agency_only() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/users").as_(&app.fx.a.admin).send().await;
    r.assert_status(StatusCode::OK);
    let names = usernames(&r);
    assert_eq!(
        names,
        [
            "admin-kaba",
            "auditor-kaba",
            "head1-kaba",
            "staff1a-kaba",
            "staff2-kaba"
        ]
    );
    assert_eq!(r.body["total"], 5);
    assert!(!r.text.contains("argon2"), "no password hash is ever sent");
    let staff = &r.body["items"][3];
    assert_eq!(staff["employee"]["name"], "Siti Rahmawati, S.Kom.");
    assert_eq!(staff["employee"]["nip"], app.fx.a.staff_1a_nip.as_str());
    assert_eq!(staff["employee"]["unit_name"], "Bidang Pembinaan SD");
}

#[actix_web::test]
async fn the_account_list_filters_and_pages() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let r = app
        .get("/api/v1/users?role=employee")
        .as_(admin)
        .send()
        .await;
    assert_eq!(usernames(&r), ["head1-kaba", "staff1a-kaba", "staff2-kaba"]);
    let r = app.get("/api/v1/users?q=staff").as_(admin).send().await;
    assert_eq!(usernames(&r), ["staff1a-kaba", "staff2-kaba"]);
    let r = app.get("/api/v1/users?q=RAHMA").as_(admin).send().await;
    assert_eq!(usernames(&r), ["staff1a-kaba"], "by the employee's name");
    let r = app
        .get(&format!("/api/v1/users?q={}", &app.fx.a.staff_1a_nip[..12]))
        .as_(admin)
        .send()
        .await;
    assert_eq!(usernames(&r), ["staff1a-kaba"], "by NIP");
    let r = app
        .get(&format!("/api/v1/users?q={}", app.fx.b.staff_1a_nip))
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0, "never another agency's");
    let r = app.get("/api/v1/users?q=_").as_(admin).send().await;
    assert_eq!(r.body["total"], 0, "_ is a literal, not a wildcard");
    let r = app
        .get("/api/v1/users?per_page=2&page=2&sort=-username")
        .as_(admin)
        .send()
        .await;
    assert_eq!(usernames(&r), ["head1-kaba", "auditor-kaba"]);
    assert_eq!(r.body["total"], 5);
    patch(
        &app,
        admin,
        app.fx.a.other_employee.user_id,
        json!({"is_active": false}),
    )
    .await
    .assert_status(StatusCode::OK);
    let r = app
        .get("/api/v1/users?is_active=false")
        .as_(admin)
        .send()
        .await;
    assert_eq!(usernames(&r), ["staff2-kaba"]);
    let r = app
        .get("/api/v1/users?sort=password")
        .as_(admin)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["sort"]);
}

#[actix_web::test]
async fn an_auditor_lists_the_accounts_of_their_agency() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/users").as_(&app.fx.b.auditor).send().await;
    r.assert_status(StatusCode::OK);
    assert!(usernames(&r).iter().all(|u| u.ends_with("-kabb")));
}

#[actix_web::test]
async fn a_super_admin_lists_every_account_or_one_agency() {
    let app = TestApp::spawn().await;
    let root = &app.fx.super_admin;
    let all = app.get("/api/v1/users").as_(root).send().await;
    all.assert_status(StatusCode::OK);
    assert_eq!(all.body["total"], 11);
    let supers = app
        .get("/api/v1/users?role=super_admin")
        .as_(root)
        .send()
        .await;
    assert_eq!(usernames(&supers), ["root"]);
    let b = app
        .get(&format!("/api/v1/users?agency_id={}", app.fx.b.id))
        .as_(root)
        .send()
        .await;
    assert_eq!(b.body["total"], 5);
    assert!(usernames(&b).iter().all(|u| u.ends_with("-kabb")));
}

#[actix_web::test]
async fn an_agency_admin_cannot_list_another_agency() {
    let app = TestApp::spawn().await;
    app.get(&format!("/api/v1/users?agency_id={}", app.fx.b.id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn an_employee_cannot_list_users() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.employee, &app.fx.a.appraiser] {
        app.get("/api/v1/users")
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
}

#[actix_web::test]
async fn an_api_client_cannot_list_users() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read", "audit:read"]).await;
    let t = client_token(&app, &id, &secret, None).await;
    app.get("/api/v1/users")
        .token(t.body["access_token"].as_str().unwrap())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn listing_users_needs_a_token() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/users")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

// ---- POST /users

#[actix_web::test]
async fn an_agency_admin_creates_an_employee_account_with_a_one_time_password() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "budi.santoso", "role": "employee", "employee_id": app.fx.a.peer_1a}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let temporary = r.body["temporary_password"]
        .as_str()
        .expect("temporary password")
        .to_owned();
    assert!(temporary.len() >= 16);
    assert_eq!(r.body["must_change_password"], true);
    assert_eq!(r.body["agency_id"], app.fx.a.id.to_string());
    assert_eq!(r.body["employee"]["name"], "Budi Santoso");
    assert!(r.body.get("password_hash").is_none());
    assert_eq!(r.etag(), "\"1\"");
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.header("location"), Some(format!("/api/v1/users/{id}")));

    let stored = read(&app, &app.fx.a.admin, &id).await;
    stored.assert_status(StatusCode::OK);
    assert!(
        stored.body.get("temporary_password").is_none(),
        "shown once"
    );
    assert_eq!(app.audit_count("user.create").await, 1);
    let audit = audit_texts(&app, "user.create").await.join("\n");
    assert!(audit.contains("budi.santoso") && !audit.contains(&temporary));
    assert!(audit.starts_with(&format!("agency:{}", app.fx.a.id)));

    let session = login(&app, "budi.santoso", &temporary).await;
    session.assert_status(StatusCode::OK);
    assert_eq!(session.body["user"]["must_change_password"], true);
}

#[actix_web::test]
async fn an_account_with_a_temporary_password_can_only_change_it() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "hr2", "role": "agency_admin"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let temporary = r.body["temporary_password"].as_str().unwrap().to_owned();
    let session = login(&app, "hr2", &temporary).await;
    let token = session.body["access_token"].as_str().unwrap().to_owned();
    app.get("/api/v1/users")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "password_change_required");
    app.get("/api/v1/me")
        .token(&token)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let changed = app
        .post("/api/v1/auth/password")
        .token(&token)
        .json(json!({"current_password": temporary, "new_password": "Sandi-Sendiri-2026"}))
        .send()
        .await;
    changed.assert_status(StatusCode::OK);
    app.get("/api/v1/users")
        .token(changed.body["access_token"].as_str().unwrap())
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn a_chosen_password_is_not_echoed_and_must_change_defaults_to_true() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "auditor2", "role": "auditor", "password": "Pilihan-Admin-2026"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert!(r.body.get("temporary_password").is_none());
    assert!(!r.text.contains("Pilihan-Admin-2026"));
    assert_eq!(r.body["must_change_password"], true);
    assert_eq!(r.body["employee_id"], Value::Null);
    let s = login(&app, "auditor2", "Pilihan-Admin-2026").await;
    s.assert_status(StatusCode::OK);
    assert_eq!(s.body["user"]["role"], "auditor");
}

#[actix_web::test]
async fn creating_an_account_names_each_invalid_field() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    for (body, field) in [
        (json!({"username": "Budi", "role": "auditor"}), "username"),
        (json!({"username": "b", "role": "auditor"}), "username"),
        (
            json!({"username": "199105122015031001", "role": "auditor"}),
            "username",
        ),
        (
            json!({"username": "budi", "role": "employee"}),
            "employee_id",
        ),
        (
            json!({"username": "budi", "role": "auditor", "password": "weakpass"}),
            "password",
        ),
        (
            json!({"username": "budi", "role": "auditor", "password": "budi-budi-2026"}),
            "password",
        ),
        (json!({"username": "budi", "role": "boss"}), "body"),
    ] {
        let r = app
            .post("/api/v1/users")
            .as_(admin)
            .json(body.clone())
            .send()
            .await;
        r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(r.error_fields(), [field], "{body}");
    }
    assert_eq!(app.audit_count("user.create").await, 0);
}

#[actix_web::test]
async fn a_taken_username_is_a_conflict() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "staff2-kabb", "role": "auditor"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "username_taken");
}

#[actix_web::test]
async fn an_employee_gets_one_account_only() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "siti2", "role": "employee", "employee_id": app.fx.a.staff_1a}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["employee_id"]);
    assert_eq!(r.body["errors"][0]["code"], "employee_has_account");
}

#[actix_web::test]
async fn an_agency_admin_cannot_create_an_account_for_another_agencys_employee() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "budi.b", "role": "employee", "employee_id": app.fx.b.peer_1a}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["employee_id"]);
    app.post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "budi.b", "role": "auditor", "agency_id": app.fx.b.id}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(app.audit_count("user.create").await, 0);
}

#[actix_web::test]
async fn an_agency_admin_cannot_create_a_super_admin() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/users")
        .as_(&app.fx.a.admin)
        .json(json!({"username": "boss", "role": "super_admin", "password": "Super-Admin-2026"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn auditors_employees_and_clients_cannot_create_accounts() {
    let app = TestApp::spawn().await;
    let body = json!({"username": "sneaky", "role": "agency_admin"});
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.post("/api/v1/users")
            .as_(who)
            .json(body.clone())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let (id, secret, _) = register_client(&app, &["employees:write"]).await;
    let t = client_token(&app, &id, &secret, None).await;
    app.post("/api/v1/users")
        .token(t.body["access_token"].as_str().unwrap())
        .json(body)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post("/api/v1/users")
        .json(json!({"username": "anon", "role": "auditor"}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn a_super_admin_creates_accounts_in_a_named_agency_and_other_super_admins() {
    let app = TestApp::spawn().await;
    let root = &app.fx.super_admin;
    let r = app
        .post("/api/v1/users")
        .as_(root)
        .json(json!({"username": "hr-b", "role": "agency_admin"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["agency_id"]);
    let r = app
        .post("/api/v1/users")
        .as_(root)
        .json(json!({"username": "hr-b", "role": "agency_admin", "agency_id": app.fx.b.id}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["agency_id"], app.fx.b.id.to_string());
    let r = app
        .post("/api/v1/users")
        .as_(root)
        .json(json!({"username": "ops2", "role": "super_admin", "agency_id": app.fx.b.id}))
        .send()
        .await;
    assert_eq!(r.error_fields(), ["agency_id"]);
    let r = app
        .post("/api/v1/users")
        .as_(root)
        .json(json!({"username": "ops2", "role": "super_admin"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["agency_id"], Value::Null);
    assert_eq!(app.audit_count("user.create").await, 2);
    let chains = audit_texts(&app, "user.create").await;
    assert!(chains[0].starts_with(&format!("agency:{}", app.fx.b.id)));
    assert!(chains[1].starts_with("global"));
}

// ---- GET /users/{id}

#[actix_web::test]
async fn an_admin_and_an_auditor_read_an_account_of_their_agency() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.admin, &app.fx.a.auditor] {
        let r = read(&app, who, app.fx.a.employee.user_id).await;
        r.assert_status(StatusCode::OK);
        assert_eq!(r.body["username"], "staff1a-kaba");
        assert_eq!(r.body["is_locked"], false);
        assert_eq!(r.etag(), "\"1\"");
        assert!(r.body.get("password_hash").is_none());
    }
}

#[actix_web::test]
async fn another_agencys_account_and_super_admins_read_as_not_found() {
    let app = TestApp::spawn().await;
    read(&app, &app.fx.a.admin, app.fx.b.employee.user_id)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    read(&app, &app.fx.a.auditor, app.fx.super_admin.user_id)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    read(&app, &app.fx.a.admin, uuid::Uuid::now_v7())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn an_employee_reads_their_account_through_me_not_users() {
    let app = TestApp::spawn().await;
    read(&app, &app.fx.a.employee, app.fx.a.employee.user_id)
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    read(&app, &app.fx.a.employee, app.fx.b.employee.user_id)
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&format!("/api/v1/users/{}", app.fx.a.employee.user_id))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

// ---- PATCH /users/{id}

#[actix_web::test]
async fn an_admin_changes_a_role_and_the_old_token_must_be_refreshed() {
    let app = TestApp::spawn().await;
    let session = login(&app, "auditor-kaba", PASSWORD).await;
    let target = app.fx.a.auditor.user_id;
    let r = patch(
        &app,
        &app.fx.a.admin,
        target,
        json!({"role": "agency_admin"}),
    )
    .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["role"], "agency_admin");
    assert_eq!(r.etag(), "\"2\"");
    assert_eq!(
        read(&app, &app.fx.a.admin, target).await.body["role"],
        "agency_admin"
    );
    assert_eq!(app.audit_count("user.update").await, 1);
    let audit = audit_texts(&app, "user.update").await.join("");
    assert!(audit.contains("\"role\":\"auditor\"") && audit.contains("\"role\":\"agency_admin\""));
    app.get("/api/v1/me")
        .as_(&app.fx.a.auditor)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "token_outdated");
    let renewed = refresh(&app, session.body["refresh_token"].as_str().unwrap()).await;
    renewed.assert_status(StatusCode::OK);
    assert_eq!(renewed.body["user"]["role"], "agency_admin");
}

#[actix_web::test]
async fn an_update_needs_the_current_etag() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/users/{}", app.fx.a.auditor.user_id);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .json(json!({"is_active": false}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"7\"")
        .json(json!({"is_active": false}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    app.patch(&path)
        .if_match("\"1\"")
        .json(json!({"is_active": false}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"role": "boss"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(app.audit_count("user.update").await, 0);
}

#[actix_web::test]
async fn deactivating_an_account_ends_its_sessions() {
    let app = TestApp::spawn().await;
    let session = login(&app, "staff1a-kaba", PASSWORD).await;
    let r = patch(
        &app,
        &app.fx.a.admin,
        app.fx.a.employee.user_id,
        json!({"is_active": false}),
    )
    .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_active"], false);
    refresh(&app, session.body["refresh_token"].as_str().unwrap())
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    patch(
        &app,
        &app.fx.a.admin,
        app.fx.a.employee.user_id,
        json!({"is_active": true}),
    )
    .await
    .assert_status(StatusCode::OK);
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("user.update").await, 2);
}

#[actix_web::test]
async fn nobody_changes_their_own_role_or_deactivates_themselves() {
    let app = TestApp::spawn().await;
    let me = app.fx.a.admin.user_id;
    patch(&app, &app.fx.a.admin, me, json!({"role": "auditor"}))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "own_role_change");
    patch(&app, &app.fx.a.admin, me, json!({"is_active": false}))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "self_deactivation");
    let root = app.fx.super_admin.user_id;
    patch(&app, &app.fx.super_admin, root, json!({"is_active": false}))
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "self_deactivation");
    assert_eq!(app.audit_count("user.update").await, 0);
}

#[actix_web::test]
async fn only_a_super_admin_touches_super_admin() {
    let app = TestApp::spawn().await;
    patch(
        &app,
        &app.fx.a.admin,
        app.fx.a.auditor.user_id,
        json!({"role": "super_admin"}),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    patch(
        &app,
        &app.fx.a.admin,
        app.fx.super_admin.user_id,
        json!({"is_active": false}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not_found");
    // Even a super_admin cannot turn an agency account into a deployment operator.
    let r = patch(
        &app,
        &app.fx.super_admin,
        app.fx.a.auditor.user_id,
        json!({"role": "super_admin"}),
    )
    .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["role"]);
}

#[actix_web::test]
async fn an_agency_admin_cannot_touch_another_agencys_account() {
    let app = TestApp::spawn().await;
    patch(
        &app,
        &app.fx.a.admin,
        app.fx.b.employee.user_id,
        json!({"is_active": false}),
    )
    .await
    .assert_problem(StatusCode::NOT_FOUND, "not_found");
    assert!(
        read(&app, &app.fx.super_admin, app.fx.b.employee.user_id)
            .await
            .body["is_active"]
            .as_bool()
            .unwrap()
    );
}

#[actix_web::test]
async fn auditors_and_employees_cannot_update_accounts() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.auditor, &app.fx.a.appraiser] {
        patch(
            &app,
            who,
            app.fx.a.employee.user_id,
            json!({"is_active": false}),
        )
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
}

#[actix_web::test]
async fn the_employee_link_is_checked() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let staff = app.fx.a.employee.user_id;
    let r = patch(&app, admin, staff, json!({"employee_id": null})).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["employee_id"]);
    let r = patch(&app, admin, staff, json!({"employee_id": app.fx.b.peer_1a})).await;
    assert_eq!(r.error_fields(), ["employee_id"]);
    let r = patch(&app, admin, staff, json!({"employee_id": app.fx.a.head_1})).await;
    assert_eq!(r.body["errors"][0]["code"], "employee_has_account");
    // Relinking to an employee without an account works; so does linking an auditor.
    let r = patch(&app, admin, staff, json!({"employee_id": app.fx.a.peer_1a})).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["employee"]["name"], "Budi Santoso");
    let r = patch(
        &app,
        admin,
        app.fx.a.auditor.user_id,
        json!({"employee_id": app.fx.a.staff_1a}),
    )
    .await;
    r.assert_status(StatusCode::OK);
    let r = patch(
        &app,
        admin,
        app.fx.a.auditor.user_id,
        json!({"employee_id": null}),
    )
    .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["employee_id"], Value::Null);
    assert_eq!(app.audit_count("user.update").await, 3);
}

// ---- POST /users/{id}/reset-password

#[actix_web::test]
async fn an_admin_reset_returns_a_one_time_password_and_ends_sessions() {
    let app = TestApp::spawn().await;
    let session = login(&app, "staff1a-kaba", PASSWORD).await;
    lock(&app, "staff1a-kaba").await;
    let r = app
        .post(&format!(
            "/api/v1/users/{}/reset-password",
            app.fx.a.employee.user_id
        ))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let temporary = r.body["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(r.body["must_change_password"], true);
    assert_eq!(r.body["is_locked"], false);
    refresh(&app, session.body["refresh_token"].as_str().unwrap())
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let s = login(&app, "staff1a-kaba", &temporary).await;
    s.assert_status(StatusCode::OK);
    assert_eq!(s.body["user"]["must_change_password"], true);
    assert_eq!(app.audit_count("user.reset_password").await, 1);
    let audit = audit_texts(&app, "user.reset_password").await.join("");
    assert!(!audit.contains(&temporary) && !audit.contains("argon2"));
    // Choosing a new password clears the flag.
    let changed = app
        .post("/api/v1/auth/password")
        .token(s.body["access_token"].as_str().unwrap())
        .json(json!({"current_password": temporary, "new_password": "Sandi-Baru-2026"}))
        .send()
        .await;
    changed.assert_status(StatusCode::OK);
    assert_eq!(changed.body["user"]["must_change_password"], false);
}

#[actix_web::test]
async fn resetting_is_refused_for_yourself_the_wrong_role_and_another_agency() {
    let app = TestApp::spawn().await;
    let path = |id: uuid::Uuid| format!("/api/v1/users/{id}/reset-password");
    app.post(&path(app.fx.a.admin.user_id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "use_change_password");
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.post(&path(app.fx.a.other_employee.user_id))
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.post(&path(app.fx.b.employee.user_id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&path(app.fx.a.employee.user_id))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(app.audit_count("user.reset_password").await, 0);
    login(&app, "staff2-kabb", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

// ---- POST /users/{id}/unlock

#[actix_web::test]
async fn an_admin_unlocks_a_locked_account() {
    let app = TestApp::spawn().await;
    lock(&app, "staff2-kaba").await;
    let target = app.fx.a.other_employee.user_id;
    assert_eq!(
        read(&app, &app.fx.a.admin, target).await.body["is_locked"],
        true
    );
    let r = app
        .post(&format!("/api/v1/users/{target}/unlock"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_locked"], false);
    login(&app, "staff2-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("user.unlock").await, 1);
    // Unlocking an unlocked account changes nothing.
    app.post(&format!("/api/v1/users/{target}/unlock"))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("user.unlock").await, 1);
}

#[actix_web::test]
async fn unlocking_is_refused_for_the_wrong_role_and_another_agency() {
    let app = TestApp::spawn().await;
    lock(&app, "staff2-kaba").await;
    let path = format!("/api/v1/users/{}/unlock", app.fx.a.other_employee.user_id);
    for who in [&app.fx.a.auditor, &app.fx.a.appraiser] {
        app.post(&path)
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.post(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert_eq!(app.audit_count("user.unlock").await, 0);
    login(&app, "staff2-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
}

// ---- GET /me

#[actix_web::test]
async fn me_shows_the_account_its_agency_and_its_employee() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/me").as_(&app.fx.a.employee).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["kind"], "user");
    assert_eq!(r.body["user"]["username"], "staff1a-kaba");
    assert_eq!(r.body["user"]["role"], "employee");
    assert_eq!(r.body["agency"]["name"], "Kabupaten Alpha");
    assert_eq!(r.body["employee"]["name"], "Siti Rahmawati, S.Kom.");
    assert_eq!(r.body["employee"]["nip"], app.fx.a.staff_1a_nip.as_str());
    assert_eq!(r.body["employee"]["unit_name"], "Bidang Pembinaan SD");
    assert_eq!(r.body["employee"]["position_name"], "Pengelola Data");
    assert!(r.body["client"].is_null());
    assert!(!r.text.contains("password_hash"));
}

#[actix_web::test]
async fn me_for_an_unlinked_admin_and_a_super_admin() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/me").as_(&app.fx.b.admin).send().await;
    assert_eq!(r.body["agency"]["code"], "KABB");
    assert!(r.body["employee"].is_null());
    let r = app.get("/api/v1/me").as_(&app.fx.super_admin).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["user"]["role"], "super_admin");
    assert!(r.body["agency"].is_null());
}

// ---- kinerja create-admin

#[actix_web::test]
async fn the_command_line_creates_a_super_admin_once() {
    let app = TestApp::spawn().await;
    let s = &app.services;
    let created = kinerja_service::users::create_super_admin(s, "operator", "Kunci-Ops-2026x")
        .await
        .expect("created");
    assert_eq!(created.agency_id, None);
    let session = login(&app, "operator", "Kunci-Ops-2026x").await;
    session.assert_status(StatusCode::OK);
    assert_eq!(session.body["user"]["role"], "super_admin");
    let texts = audit_texts(&app, "user.create").await;
    assert_eq!(texts.len(), 1);
    assert!(texts[0].starts_with("global") && !texts[0].contains("Kunci-Ops-2026x"));
    let again = kinerja_service::users::create_super_admin(s, "operator", "Kunci-Ops-2026x").await;
    assert!(matches!(
        again,
        Err(kinerja_service::ServiceError::Conflict {
            code: "username_taken",
            ..
        })
    ));
    let weak = kinerja_service::users::create_super_admin(s, "operator2", "password").await;
    assert!(matches!(
        weak,
        Err(kinerja_service::ServiceError::Validation(_))
    ));
    let bad = kinerja_service::users::create_super_admin(s, "Operator 3", "Kunci-Ops-2026x").await;
    assert!(matches!(
        bad,
        Err(kinerja_service::ServiceError::Validation(_))
    ));
}
