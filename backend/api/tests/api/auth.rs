//! Authentication from outside: login by username or NIP, lockout and throttling, refresh
//! rotation and reuse detection, logout, access-token checks, password change, and the OAuth2
//! client-credentials grant.

use std::time::Duration;

use actix_web::http::StatusCode;
use base64::Engine;
use kinerja_service::Services;
use kinerja_service::auth::AuthConfig;
use serde_json::{Value, json};

use crate::helpers::{JWT_SECRET, PASSWORD, TestApp, TestResponse};

pub(crate) async fn login(app: &TestApp, username: &str, password: &str) -> TestResponse {
    app.post("/api/v1/auth/login")
        .json(json!({"username": username, "password": password}))
        .send()
        .await
}

pub(crate) async fn refresh(app: &TestApp, token: &str) -> TestResponse {
    app.post("/api/v1/auth/refresh")
        .json(json!({"refresh_token": token}))
        .send()
        .await
}

/// Registers an API client as the agency A admin; returns (client_id, client_secret, id).
pub(crate) async fn register_client(app: &TestApp, scopes: &[&str]) -> (String, String, String) {
    let r = app
        .post("/api/v1/api-clients")
        .as_(&app.fx.a.admin)
        .json(json!({"name": "Absensi daerah", "scopes": scopes}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    (
        r.body["client_id"].as_str().unwrap().to_owned(),
        r.body["client_secret"].as_str().unwrap().to_owned(),
        r.body["id"].as_str().unwrap().to_owned(),
    )
}

/// The client-credentials grant with an HTTP Basic header.
pub(crate) async fn client_token(
    app: &TestApp,
    client_id: &str,
    secret: &str,
    scope: Option<&str>,
) -> TestResponse {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{secret}"));
    let mut form = "grant_type=client_credentials".to_owned();
    if let Some(scope) = scope {
        form.push_str(&format!(
            "&scope={}",
            scope.replace(' ', "+").replace(':', "%3A")
        ));
    }
    app.post("/api/v1/auth/token")
        .header("authorization", &format!("Basic {basic}"))
        .body("application/x-www-form-urlencoded", form)
        .send()
        .await
}

/// The stored `before` and `after` texts of every audit entry with this action.
pub(crate) async fn audit_texts(app: &TestApp, action: &str) -> Vec<String> {
    use kinerja_store::sea_orm::{ConnectionTrait, Statement};
    let db = app.services.db.conn();
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT before, after, chain FROM audit_log WHERE action = '{action}' ORDER BY id"),
    ))
    .await
    .expect("audit rows")
    .into_iter()
    .map(|row| {
        format!(
            "{} {} {}",
            row.try_get::<String>("", "chain").unwrap(),
            row.try_get::<String>("", "before").unwrap(),
            row.try_get::<String>("", "after").unwrap()
        )
    })
    .collect()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}"))
}

#[actix_web::test]
async fn a_user_logs_in_by_username_and_gets_a_token_pair() {
    let app = TestApp::spawn().await;
    let r = login(&app, "admin-kaba", PASSWORD).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["expires_in"], 900, "access tokens live 15 minutes");
    assert_eq!(r.body["user"]["username"], "admin-kaba");
    assert_eq!(r.body["user"]["role"], "agency_admin");
    assert!(r.body["user"].get("password_hash").is_none());
    let token = str_of(&r.body, "access_token");
    assert_eq!(token.split('.').count(), 3, "a JWT");
    let me = app.get("/api/v1/me").token(token).send().await;
    me.assert_status(StatusCode::OK);
    assert_eq!(me.body["user"]["id"], app.fx.a.admin.user_id.to_string());
}

#[actix_web::test]
async fn usernames_are_case_insensitive_at_login() {
    let app = TestApp::spawn().await;
    login(&app, "  Admin-KABA ", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn an_employee_logs_in_by_nip_even_with_spaces() {
    let app = TestApp::spawn().await;
    let nip = &app.fx.a.staff_1a_nip;
    let spaced = format!(
        "{} {} {} {}",
        &nip[..8],
        &nip[8..14],
        &nip[14..15],
        &nip[15..]
    );
    for typed in [nip.clone(), spaced] {
        let r = login(&app, &typed, PASSWORD).await;
        r.assert_status(StatusCode::OK);
        assert_eq!(r.body["user"]["username"], "staff1a-kaba");
        assert_eq!(r.body["user"]["employee_id"], app.fx.a.staff_1a.to_string());
    }
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_user_are_refused_alike() {
    let app = TestApp::spawn().await;
    let wrong = login(&app, "admin-kaba", "Not-The-Password-1").await;
    wrong.assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    let unknown = login(&app, "nobody-here", PASSWORD).await;
    unknown.assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_eq!(wrong.body["detail"], unknown.body["detail"]);
}

#[actix_web::test]
async fn a_login_without_a_username_names_the_field() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/auth/login")
        .json(json!({"username": "", "password": "x"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["username"]);
}

#[actix_web::test]
async fn five_failed_logins_lock_the_account_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    for _ in 0..4 {
        login(&app, "staff1a-kaba", "Wrong-Password-99")
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    assert_eq!(app.audit_count("user.lock").await, 0);
    login(&app, "staff1a-kaba", "Wrong-Password-99")
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    assert_eq!(app.audit_count("user.lock").await, 1);
    let r = login(&app, "staff1a-kaba", PASSWORD).await;
    r.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    let retry: u64 = r
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "retry after {retry}s");
    // The lock is per account: the NIP of the same account is locked too, others are not.
    login(&app, &app.fx.a.staff_1a_nip, PASSWORD)
        .await
        .assert_status(StatusCode::TOO_MANY_REQUESTS);
    login(&app, "staff2-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn a_success_resets_the_failure_count() {
    let app = TestApp::spawn().await;
    for _ in 0..4 {
        login(&app, "staff1a-kaba", "Wrong-Password-99").await;
    }
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
    for _ in 0..4 {
        login(&app, "staff1a-kaba", "Wrong-Password-99").await;
    }
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn too_many_failures_from_one_source_are_throttled() {
    let app = TestApp::spawn().await;
    // Unknown usernames: no account gets locked, only the source address counts.
    for i in 0..20 {
        login(&app, &format!("ghost{i}"), "Wrong-Password-99")
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let r = login(&app, "admin-kaba", PASSWORD).await;
    r.assert_problem(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(r.header("retry-after").is_some());
}

#[actix_web::test]
async fn successful_logins_from_one_source_are_not_throttled() {
    let app = TestApp::spawn().await;
    for _ in 0..25 {
        login(&app, "staff2-kaba", PASSWORD)
            .await
            .assert_status(StatusCode::OK);
    }
}

#[actix_web::test]
async fn a_refresh_rotates_and_reusing_a_spent_token_ends_the_family() {
    let app = TestApp::spawn().await;
    let first = login(&app, "admin-kaba", PASSWORD).await;
    let r1 = str_of(&first.body, "refresh_token").to_owned();
    let second = refresh(&app, &r1).await;
    second.assert_status(StatusCode::OK);
    let r2 = str_of(&second.body, "refresh_token").to_owned();
    assert_ne!(r1, r2, "each refresh returns a new refresh token");
    app.get("/api/v1/me")
        .token(str_of(&second.body, "access_token"))
        .send()
        .await
        .assert_status(StatusCode::OK);

    // r1 is replayed (stolen?): refused, and its descendant r2 dies with it.
    refresh(&app, &r1)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "refresh_token_reused");
    refresh(&app, &r2)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    // Another session of the same account is a different family and survives.
    let other = login(&app, "admin-kaba", PASSWORD).await;
    refresh(&app, str_of(&other.body, "refresh_token"))
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn of_two_concurrent_refreshes_with_one_token_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let s = login(&app, "admin-kaba", PASSWORD).await;
    let rt = str_of(&s.body, "refresh_token").to_owned();
    let (a, b) = futures_util::future::join(refresh(&app, &rt), refresh(&app, &rt)).await;
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNAUTHORIZED]);
    let loser = if a.status == StatusCode::OK { &b } else { &a };
    assert_eq!(loser.problem_type(), "refresh_token_reused");
}

#[actix_web::test]
async fn an_unknown_refresh_token_is_refused() {
    let app = TestApp::spawn().await;
    refresh(&app, "not-a-token")
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    let r = app
        .post("/api/v1/auth/refresh")
        .json(json!({"refresh_token": ""}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["refresh_token"]);
}

#[actix_web::test]
async fn logout_ends_the_session_and_is_idempotent() {
    let app = TestApp::spawn().await;
    let s = login(&app, "auditor-kaba", PASSWORD).await;
    let rt = str_of(&s.body, "refresh_token").to_owned();
    for _ in 0..2 {
        app.post("/api/v1/auth/logout")
            .json(json!({"refresh_token": rt}))
            .send()
            .await
            .assert_status(StatusCode::NO_CONTENT);
    }
    refresh(&app, &rt)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
}

#[actix_web::test]
async fn a_request_without_a_token_is_401_with_www_authenticate() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/me").send().await;
    r.assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    assert!(
        r.header("www-authenticate")
            .is_some_and(|v| v.starts_with("Bearer"))
    );
}

#[actix_web::test]
async fn a_tampered_access_token_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.fx.a.employee.token.clone();
    let (rest, signature) = token.rsplit_once('.').unwrap();
    // Another valid-looking signature.
    let mut sig: Vec<char> = signature.chars().collect();
    sig[3] = if sig[3] == 'A' { 'B' } else { 'A' };
    let forged = format!("{rest}.{}", sig.into_iter().collect::<String>());
    app.get("/api/v1/me")
        .token(&forged)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_token");

    // An employee promoting themselves in the payload: the signature no longer matches.
    let mut parts = token.split('.');
    let (header, payload) = (parts.next().unwrap(), parts.next().unwrap());
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut claims: Value = serde_json::from_slice(&engine.decode(payload).unwrap()).unwrap();
    claims["role"] = json!("super_admin");
    let forged = format!(
        "{header}.{}.{signature}",
        engine.encode(serde_json::to_vec(&claims).unwrap())
    );
    app.get("/api/v1/users")
        .token(&forged)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_token");
    app.get("/api/v1/me")
        .token("garbage")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[actix_web::test]
async fn a_token_signed_with_another_secret_is_refused() {
    let app = TestApp::spawn().await;
    let other = Services::new(
        app.services.db.conn().clone(),
        AuthConfig::with_secret("another-secret-that-is-long-enough-for-hs256-xyz"),
    );
    let token = kinerja_service::auth::mint_access_token(&other, app.fx.a.admin.user_id)
        .await
        .unwrap();
    app.get("/api/v1/me")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_token");
}

#[actix_web::test]
async fn an_expired_access_token_is_refused_as_expired() {
    let app = TestApp::spawn().await;
    let short = Services::new(
        app.services.db.conn().clone(),
        AuthConfig {
            access_ttl: Duration::ZERO,
            ..AuthConfig::with_secret(JWT_SECRET)
        },
    );
    let token = kinerja_service::auth::mint_access_token(&short, app.fx.a.admin.user_id)
        .await
        .unwrap();
    // Verification allows 5 seconds of clock skew.
    tokio::time::sleep(Duration::from_millis(6500)).await;
    app.get("/api/v1/me")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "token_expired");
}

#[actix_web::test]
async fn changing_the_password_ends_other_sessions_and_keeps_the_caller_logged_in() {
    let app = TestApp::spawn().await;
    let elsewhere = login(&app, "staff1a-kaba", PASSWORD).await;
    let here = login(&app, "staff1a-kaba", PASSWORD).await;
    let new_password = "Ganti-Sandi-2026";
    let r = app
        .post("/api/v1/auth/password")
        .token(str_of(&here.body, "access_token"))
        .json(json!({"current_password": PASSWORD, "new_password": new_password}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["user"]["must_change_password"], false);
    refresh(&app, str_of(&elsewhere.body, "refresh_token"))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    refresh(&app, str_of(&here.body, "refresh_token"))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_refresh_token");
    refresh(&app, str_of(&r.body, "refresh_token"))
        .await
        .assert_status(StatusCode::OK);
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
    login(&app, "staff1a-kaba", new_password)
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("user.change_password").await, 1);
    let texts = audit_texts(&app, "user.change_password").await.join("\n");
    assert!(!texts.contains(new_password) && !texts.contains(PASSWORD));
}

#[actix_web::test]
async fn a_wrong_current_password_names_current_password() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/auth/password")
        .as_(&app.fx.a.employee)
        .json(json!({"current_password": "Wrong-Password-99", "new_password": "Ganti-Sandi-2026"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), ["current_password"]);
    assert_eq!(app.audit_count("user.change_password").await, 0);
}

#[actix_web::test]
async fn guessing_the_current_password_is_throttled() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.post("/api/v1/auth/password")
            .as_(&app.fx.a.employee)
            .json(json!({"current_password": "Wrong-Password-99", "new_password": "Ganti-Sandi-2026"}))
            .send()
            .await
            .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    }
    app.post("/api/v1/auth/password")
        .as_(&app.fx.a.employee)
        .json(json!({"current_password": PASSWORD, "new_password": "Ganti-Sandi-2026"}))
        .send()
        .await
        .assert_problem(StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
}

#[actix_web::test]
async fn a_weak_new_password_names_new_password() {
    let app = TestApp::spawn().await;
    for weak in [
        "short1",
        "onlyletterslong",
        "1234567890123",
        "xstaff1a-kaba-2026",
    ] {
        let r = app
            .post("/api/v1/auth/password")
            .as_(&app.fx.a.employee)
            .json(json!({"current_password": PASSWORD, "new_password": weak}))
            .send()
            .await;
        r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(r.error_fields(), ["new_password"], "{weak}");
    }
    login(&app, "staff1a-kaba", PASSWORD)
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn changing_the_password_needs_a_token() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/auth/password")
        .json(json!({"current_password": PASSWORD, "new_password": "Ganti-Sandi-2026"}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn an_api_client_has_no_password_to_change() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read"]).await;
    let t = client_token(&app, &id, &secret, None).await;
    app.post("/api/v1/auth/password")
        .token(str_of(&t.body, "access_token"))
        .json(json!({"current_password": PASSWORD, "new_password": "Ganti-Sandi-2026"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn a_client_gets_a_token_with_basic_credentials_or_form_fields() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read", "units:read"]).await;
    let r = client_token(&app, &id, &secret, None).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["scope"], "employees:read units:read");
    assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));

    let form = format!(
        "grant_type=client_credentials&client_id={id}&client_secret={secret}&scope=units%3Aread"
    );
    let r = app
        .post("/api/v1/auth/token")
        .body("application/x-www-form-urlencoded", form)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["scope"], "units:read", "a narrowed scope");
    let me = app
        .get("/api/v1/me")
        .token(str_of(&r.body, "access_token"))
        .send()
        .await;
    me.assert_status(StatusCode::OK);
    assert_eq!(me.body["kind"], "client");
    assert_eq!(me.body["client"]["client_id"], id.as_str());
    assert_eq!(me.body["client"]["scopes"], json!(["units:read"]));
    assert_eq!(me.body["agency"]["id"], app.fx.a.id.to_string());
    assert!(me.body["user"].is_null());
}

#[actix_web::test]
async fn a_wrong_client_secret_is_invalid_client_with_www_authenticate() {
    let app = TestApp::spawn().await;
    let (id, _, _) = register_client(&app, &["employees:read"]).await;
    for (client, secret) in [(id.as_str(), "wrong-secret"), ("kc_unknown", "whatever")] {
        let r = client_token(&app, client, secret, None).await;
        r.assert_status(StatusCode::UNAUTHORIZED);
        assert_eq!(r.body["error"], "invalid_client");
        assert!(r.header("www-authenticate").is_some());
    }
}

#[actix_web::test]
async fn a_scope_not_granted_is_invalid_scope() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read"]).await;
    let r = client_token(&app, &id, &secret, Some("employees:read employees:write")).await;
    r.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"], "invalid_scope");
}

#[actix_web::test]
async fn only_the_client_credentials_grant_is_supported() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read"]).await;
    let r = app
        .post("/api/v1/auth/token")
        .body(
            "application/x-www-form-urlencoded",
            format!("grant_type=password&client_id={id}&client_secret={secret}"),
        )
        .send()
        .await;
    r.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"], "unsupported_grant_type");
    let r = app
        .post("/api/v1/auth/token")
        .body(
            "application/x-www-form-urlencoded",
            "grant_type=client_credentials",
        )
        .send()
        .await;
    r.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"], "invalid_request");
}

#[actix_web::test]
async fn a_deactivated_account_loses_its_access_token_at_once() {
    let app = TestApp::spawn().await;
    let target = &app.fx.a.other_employee;
    let etag = app
        .get(&format!("/api/v1/users/{}", target.user_id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .etag();
    app.patch(&format!("/api/v1/users/{}", target.user_id))
        .as_(&app.fx.a.admin)
        .if_match(&etag)
        .json(json!({"is_active": false}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get("/api/v1/me")
        .as_(target)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "account_disabled");
    login(&app, "staff2-kaba", PASSWORD)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "invalid_credentials");
}

#[actix_web::test]
async fn a_client_authenticates_one_way_only() {
    let app = TestApp::spawn().await;
    let (id, secret, _) = register_client(&app, &["employees:read"]).await;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
    let r = app
        .post("/api/v1/auth/token")
        .header("authorization", &format!("Basic {basic}"))
        .body(
            "application/x-www-form-urlencoded",
            format!("grant_type=client_credentials&client_secret={secret}"),
        )
        .send()
        .await;
    r.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(r.body["error"], "invalid_request");
}
