//! Cross-cutting behaviour: probes, problem details for the framework's own rejections,
//! request ids, the OpenAPI contract, migrations.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::helpers::TestApp;

#[actix_web::test]
async fn liveness_and_readiness_answer() {
    let app = TestApp::spawn().await;
    app.get("/healthz")
        .send()
        .await
        .assert_status(StatusCode::OK);
    let r = app.get("/readyz").send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["status"], "ready");
}

#[actix_web::test]
async fn every_response_carries_a_request_id_and_a_sane_one_is_echoed() {
    let app = TestApp::spawn().await;
    let r = app.get("/healthz").send().await;
    assert!(r.header("x-request-id").is_some_and(|v| v.len() >= 32));
    let r = app
        .get("/healthz")
        .header("x-request-id", "abc-123")
        .send()
        .await;
    assert_eq!(r.header("x-request-id").as_deref(), Some("abc-123"));
    let r = app
        .get("/healthz")
        .header("x-request-id", "bad id with spaces")
        .send()
        .await;
    assert_ne!(
        r.header("x-request-id").as_deref(),
        Some("bad id with spaces")
    );
}

#[actix_web::test]
async fn an_unknown_route_is_a_problem_404() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/no-such-thing")
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "route_not_found");
}

#[actix_web::test]
async fn a_wrong_method_is_a_problem_405_with_allow() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/auth/login").send().await;
    r.assert_problem(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert_eq!(r.header("allow").as_deref(), Some("POST"));
}

#[actix_web::test]
async fn malformed_json_is_a_problem_400() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/auth/login")
        .body("application/json", "{not json")
        .send()
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "malformed_json");
}

#[actix_web::test]
async fn a_body_of_the_wrong_shape_names_the_field() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/auth/login")
        .json(json!({"password": "x"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["username"]);
}

#[actix_web::test]
async fn a_wrong_content_type_is_a_problem_415() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/auth/login")
        .body("text/plain", "hello")
        .send()
        .await
        .assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
}

#[actix_web::test]
async fn the_committed_openapi_yaml_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml"))
        .expect("openapi.yaml at the repository root; regenerate with `cargo run -p kinerja-api --bin kinerja -- openapi > openapi.yaml`");
    let generated = kinerja_api::openapi::yaml();
    assert!(
        committed == generated,
        "openapi.yaml is stale: regenerate with `cargo run -p kinerja-api --bin kinerja -- openapi > openapi.yaml`"
    );
}

#[actix_web::test]
async fn migrations_run_up_down_and_up_again() {
    let app = TestApp::spawn().await;
    let conn = app.services.db.conn();
    kinerja_store::migrate_down_all(conn).await.expect("down");
    assert!(
        !kinerja_store::is_ready(conn).await.expect("query"),
        "after down, migrations are pending"
    );
    kinerja_store::migrate(conn).await.expect("up again");
    assert!(kinerja_store::is_ready(conn).await.expect("query"));
}

#[actix_web::test]
async fn interactive_api_docs_are_served_offline() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/docs/").send().await;
    r.assert_status(StatusCode::OK);
    assert!(r.text.contains("swagger"), "Swagger UI page");
    let r = app.get("/api/v1/openapi.json").send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["info"]["title"], "Kinerja API");
}
