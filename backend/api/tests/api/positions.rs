//! Position endpoints, from outside: the kind/level rule, filters, authorization.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::agencies::client_token_for;
use crate::helpers::TestApp;

#[actix_web::test]
async fn positions_are_filtered_by_kind_unit_and_search() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let r = app
        .get("/api/v1/positions?kind=fungsional")
        .as_(admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.body["items"][0]["functional_level"], "ahli_pertama");
    let r = app
        .get(&format!("/api/v1/positions?unit_id={}", app.fx.a.unit_1a))
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(
        r.body["items"][0]["id"],
        app.fx.a.position_staff.to_string()
    );
    let r = app
        .get("/api/v1/positions?q=kepala&sort=-code")
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    let r = app.get("/api/v1/positions").as_(admin).send().await;
    assert_eq!(r.body["total"], 3, "only the caller's agency");
}

#[actix_web::test]
async fn positions_need_a_token_and_the_right_scope() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/positions")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let token = client_token_for(&app, app.fx.a.id, "audit:read").await;
    app.get("/api/v1/positions")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn an_admin_creates_a_functional_position_and_it_is_audited() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(
            json!({"unit_id": app.fx.a.unit_2, "code": "P-BIDAN", "name": "Bidan Ahli Muda",
                     "kind": "fungsional", "functional_level": "ahli_muda"}),
        )
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let stored = app
        .get(&format!("/api/v1/positions/{id}"))
        .as_(&app.fx.a.employee)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    assert_eq!(stored.body["functional_level"], "ahli_muda");
    assert_eq!(stored.body["unit_id"], app.fx.a.unit_2.to_string());
    assert_eq!(app.audit_count("position.create").await, 1);
}

#[actix_web::test]
async fn a_functional_level_is_required_exactly_for_functional_positions() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "P-X", "name": "Pranata Komputer", "kind": "fungsional"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["functional_level"]);
    let r = app
        .post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "P-X", "name": "Analis", "kind": "pelaksana",
                     "functional_level": "mahir", "jpt_level": "madya"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["functional_level", "jpt_level"]);
    app.post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "P-SEKDA", "name": "Sekretaris Daerah", "kind": "jpt", "jpt_level": "madya"}))
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    assert_eq!(app.audit_count("position.create").await, 1);
}

#[actix_web::test]
async fn a_position_code_is_unique_and_its_unit_belongs_to_the_agency() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "KABA-P-STAFF", "name": "Again", "kind": "pelaksana"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "position_code_taken");
    let r = app
        .post("/api/v1/positions")
        .as_(&app.fx.a.admin)
        .json(json!({"unit_id": app.fx.b.unit_1, "code": "P-NEW", "name": "New", "kind": "pelaksana"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["unit_id"]);
}

#[actix_web::test]
async fn auditors_employees_and_read_only_clients_cannot_create_positions() {
    let app = TestApp::spawn().await;
    let body = json!({"code": "P-NEW", "name": "New", "kind": "pelaksana"});
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.post("/api/v1/positions")
            .as_(who)
            .json(body.clone())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let token = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.post("/api/v1/positions")
        .token(&token)
        .json(body)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn another_agencys_position_reads_as_not_found() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/positions/{}", app.fx.b.position_staff);
    app.get(&path)
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"name": "X"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn changing_the_kind_clears_a_level_that_no_longer_fits() {
    let app = TestApp::spawn().await;
    let list = app
        .get("/api/v1/positions?kind=fungsional")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    let id = list.body["items"][0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/positions/{id}");
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"kind": "pelaksana"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["functional_level"], serde_json::Value::Null);
    assert_eq!(r.etag(), "\"2\"");
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
        .json(json!({"kind": "fungsional"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["functional_level"]);
    assert_eq!(app.audit_count("position.update").await, 1);
}

#[actix_web::test]
async fn a_stale_or_missing_if_match_changes_no_position() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/positions/{}", app.fx.a.position_staff);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"3\"")
        .json(json!({"name": "Stale"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .json(json!({"name": "Blind"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    app.patch(&path)
        .as_(&app.fx.a.auditor)
        .if_match("\"1\"")
        .json(json!({"name": "Auditor"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["name"], "Pengelola Data");
    assert_eq!(app.audit_count("position.update").await, 0);
}

// Reference data lives beside positions: kinds, functional levels, golongan, core values.

#[actix_web::test]
async fn golongan_are_listed_per_asn_type_with_pangkat_and_siasn_id() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/reference/golongan?asn_type=pns")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let rows = r.body.as_array().unwrap();
    assert_eq!(rows.len(), 17);
    let iiia = rows.iter().find(|g| g["code"] == "III/a").unwrap();
    assert_eq!(iiia["pangkat"], "Penata Muda");
    assert_eq!(iiia["siasn_id"], 31);
    let r = app
        .get("/api/v1/reference/golongan?asn_type=pppk")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    assert!(
        r.body
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["asn_type"] == "pppk")
    );
    app.get("/api/v1/reference/golongan?asn_type=tni")
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid_query");
}

#[actix_web::test]
async fn position_kinds_and_functional_levels_are_listed_with_siasn_codes() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/reference/position-kinds")
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let kinds: Vec<&str> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "jpt",
            "administrator",
            "pengawas",
            "pelaksana",
            "fungsional"
        ]
    );
    let r = app
        .get("/api/v1/reference/functional-levels")
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    let levels = r.body.as_array().unwrap();
    assert_eq!(levels.len(), 8);
    let ap = levels
        .iter()
        .find(|l| l["level"] == "ahli_pertama")
        .unwrap();
    assert_eq!(ap["siasn_code"], "PT");
    assert_eq!(ap["category"], "keahlian");
}

#[actix_web::test]
async fn the_seven_core_values_come_with_three_guidelines_each() {
    let app = TestApp::spawn().await;
    let token = client_token_for(&app, app.fx.a.id, "reports:read").await;
    let r = app
        .get("/api/v1/reference/core-values")
        .token(&token)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let values = r.body.as_array().unwrap();
    assert_eq!(values.len(), 7);
    assert_eq!(values[0]["value"], "berorientasi_pelayanan");
    assert!(
        values
            .iter()
            .all(|v| v["guidelines"].as_array().unwrap().len() == 3)
    );
}

#[actix_web::test]
async fn reference_data_needs_a_token() {
    let app = TestApp::spawn().await;
    for path in [
        "/api/v1/reference/golongan",
        "/api/v1/reference/position-kinds",
        "/api/v1/reference/functional-levels",
        "/api/v1/reference/core-values",
    ] {
        app.get(path)
            .send()
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
}
