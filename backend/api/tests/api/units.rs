//! Unit endpoints, from outside: the tree, filters, moves, (de)activation, authorization.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::agencies::client_token_for;
use crate::helpers::TestApp;

fn codes(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["code"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn units_are_filtered_by_subtree_parent_kind_and_search() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let r = app
        .get(&format!(
            "/api/v1/units?subtree_of={}&sort=depth",
            app.fx.a.unit_1
        ))
        .as_(admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 2);
    assert_eq!(codes(&r.body), ["KABA-DISDIK", "KABA-DISDIK-SD"]);

    let r = app
        .get(&format!(
            "/api/v1/units?parent_id={}&sort=-name",
            app.fx.a.root
        ))
        .as_(admin)
        .send()
        .await;
    assert_eq!(codes(&r.body), ["KABA-DISDIK", "KABA-DINKES"]);

    let r = app.get("/api/v1/units?q=DINAS").as_(admin).send().await;
    assert_eq!(r.body["total"], 2, "case-insensitive on the name");
    let r = app.get("/api/v1/units?q=disdik-sd").as_(admin).send().await;
    assert_eq!(
        codes(&r.body),
        ["KABA-DISDIK-SD"],
        "case-insensitive on the code"
    );
    let r = app.get("/api/v1/units?q=%25").as_(admin).send().await;
    assert_eq!(r.body["total"], 0, "a % in the search is literal");
    let r = app.get("/api/v1/units?kind=bidang").as_(admin).send().await;
    assert_eq!(codes(&r.body), ["KABA-DISDIK-SD"]);
    let r = app
        .get("/api/v1/units?per_page=1&page=2&sort=code")
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 4);
    assert_eq!(codes(&r.body), ["KABA-DISDIK"]);
}

#[actix_web::test]
async fn an_unknown_sort_names_the_field() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/units?sort=colour")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["sort"]);
}

#[actix_web::test]
async fn an_employee_reads_the_units_of_their_own_agency_only() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/units")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 4);
    app.get(&format!("/api/v1/units/{}", app.fx.b.unit_1))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&format!("/api/v1/units?agency_id={}", app.fx.b.id))
        .as_(&app.fx.a.admin)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn a_super_admin_names_the_agency_to_list() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/units")
        .as_(&app.fx.super_admin)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["agency_id"]);
    let r = app
        .get(&format!("/api/v1/units?agency_id={}", app.fx.b.id))
        .as_(&app.fx.super_admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 4);
    assert!(codes(&r.body).iter().all(|c| c.starts_with("KABB")));
}

#[actix_web::test]
async fn units_need_a_token_and_clients_need_a_units_scope() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/units")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let token = client_token_for(&app, app.fx.a.id, "employees:read").await;
    app.get("/api/v1/units")
        .token(&token)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let token = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.get("/api/v1/units/tree")
        .token(&token)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn the_tree_nests_the_whole_agency() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/units/tree")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let roots = r.body.as_array().unwrap();
    assert_eq!(roots.len(), 1);
    assert_eq!(roots[0]["code"], "KABA-ROOT");
    let children: Vec<&str> = roots[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["Dinas Kesehatan", "Dinas Pendidikan"]);
    assert_eq!(
        roots[0]["children"][1]["children"][0]["code"],
        "KABA-DISDIK-SD"
    );
}

async fn create(app: &TestApp, parent: Option<uuid::Uuid>, code: &str) -> Value {
    let r = app
        .post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"parent_id": parent, "code": code, "name": format!("Unit {code}"), "kind": "seksi"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r.body
}

#[actix_web::test]
async fn an_admin_creates_a_unit_under_a_parent_with_its_path() {
    let app = TestApp::spawn().await;
    let created = create(&app, Some(app.fx.a.unit_1a), "SEKSI-1").await;
    let id = created["id"].as_str().unwrap();
    let stored = app
        .get(&format!("/api/v1/units/{id}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    assert_eq!(stored.etag(), "\"1\"");
    assert_eq!(stored.body["depth"], 3);
    let path = stored.body["path"].as_str().unwrap();
    assert!(path.starts_with(&format!("/{}/{}/", app.fx.a.root, app.fx.a.unit_1)));
    assert!(path.ends_with(&format!("{}/{id}/", app.fx.a.unit_1a)));
    assert_eq!(app.audit_count("unit.create").await, 1);
}

#[actix_web::test]
async fn creating_a_unit_names_the_invalid_fields() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "has space", "name": "", "kind": "dinas"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["code", "name"]);
    let r = app
        .post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "X", "name": "X", "kind": "castle"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(app.audit_count("unit.create").await, 0);
}

#[actix_web::test]
async fn a_parent_of_another_agency_is_refused_without_revealing_it() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"parent_id": app.fx.b.unit_1, "code": "X", "name": "X", "kind": "seksi"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["parent_id"]);
    assert_eq!(r.body["errors"][0]["code"], "unit_not_found");
}

#[actix_web::test]
async fn a_unit_code_is_unique_within_the_agency_only() {
    let app = TestApp::spawn().await;
    app.post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"code": "KABA-DINKES", "name": "Again", "kind": "dinas"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "unit_code_taken");
    app.post("/api/v1/units")
        .as_(&app.fx.b.admin)
        .json(json!({"code": "KABA-DINKES", "name": "Same code, other agency", "kind": "dinas"}))
        .send()
        .await
        .assert_status(StatusCode::CREATED);
}

#[actix_web::test]
async fn auditors_employees_and_read_only_clients_cannot_create_units() {
    let app = TestApp::spawn().await;
    let body = json!({"code": "X", "name": "X", "kind": "seksi"});
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.post("/api/v1/units")
            .as_(who)
            .json(body.clone())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let token = client_token_for(&app, app.fx.a.id, "units:read").await;
    app.post("/api/v1/units")
        .token(&token)
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let token = client_token_for(&app, app.fx.a.id, "units:write").await;
    app.post("/api/v1/units")
        .token(&token)
        .json(body)
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    app.post("/api/v1/units")
        .json(json!({}))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn an_admin_renames_a_unit_with_if_match() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/units/{}", app.fx.a.unit_2);
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"name": "Dinas Kesehatan dan KB", "siasn_unor_id": "8ae48-unor"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let stored = app.get(&path).as_(&app.fx.a.auditor).send().await;
    assert_eq!(stored.body["name"], "Dinas Kesehatan dan KB");
    assert_eq!(stored.body["siasn_unor_id"], "8ae48-unor");
    assert_eq!(app.audit_count("unit.update").await, 1);
}

#[actix_web::test]
async fn a_stale_or_missing_if_match_changes_no_unit() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/units/{}", app.fx.a.unit_2);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
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
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["name"], "Dinas Kesehatan");
    assert_eq!(stored.body["version"], 1);
    assert_eq!(app.audit_count("unit.update").await, 0);
}

#[actix_web::test]
async fn another_agencys_unit_cannot_be_changed_and_reads_as_not_found() {
    let app = TestApp::spawn().await;
    app.patch(&format!("/api/v1/units/{}", app.fx.b.unit_2))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"name": "Mine now"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.patch(&format!("/api/v1/units/{}", app.fx.a.unit_2))
        .as_(&app.fx.a.auditor)
        .if_match("\"1\"")
        .json(json!({"name": "Auditor edit"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn moving_a_unit_rewrites_the_paths_of_its_whole_subtree() {
    let app = TestApp::spawn().await;
    let grandchild = create(&app, Some(app.fx.a.unit_1a), "SEKSI-1").await;
    let r = app
        .post(&format!("/api/v1/units/{}/move", app.fx.a.unit_1a))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"parent_id": app.fx.a.unit_2}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["parent_id"], app.fx.a.unit_2.to_string());
    assert_eq!(r.body["depth"], 2);
    let moved_path = r.body["path"].as_str().unwrap().to_owned();
    assert_eq!(
        moved_path,
        format!(
            "/{}/{}/{}/",
            app.fx.a.root, app.fx.a.unit_2, app.fx.a.unit_1a
        )
    );
    let g = app
        .get(&format!(
            "/api/v1/units/{}",
            grandchild["id"].as_str().unwrap()
        ))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(
        g.body["path"],
        format!("{moved_path}{}/", grandchild["id"].as_str().unwrap())
    );
    assert_eq!(g.body["depth"], 3);
    let r = app
        .get(&format!("/api/v1/units?subtree_of={}", app.fx.a.unit_1))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1, "the old parent's subtree lost the unit");
    let r = app
        .get(&format!("/api/v1/units?subtree_of={}", app.fx.a.unit_2))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 3);
    assert_eq!(app.audit_count("unit.move").await, 1);

    let r = app
        .post(&format!("/api/v1/units/{}/move", app.fx.a.unit_1a))
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
        .json(json!({"parent_id": null}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["depth"], 0);
    assert_eq!(r.body["path"], format!("/{}/", app.fx.a.unit_1a));
}

#[actix_web::test]
async fn a_unit_cannot_move_under_itself_or_its_descendants() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/units/{}/move", app.fx.a.unit_1);
    for target in [app.fx.a.unit_1, app.fx.a.unit_1a] {
        app.post(&path)
            .as_(&app.fx.a.admin)
            .if_match("\"1\"")
            .json(json!({"parent_id": target}))
            .send()
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "unit_move_cycle");
    }
    app.post(&path)
        .as_(&app.fx.a.admin)
        .json(json!({"parent_id": app.fx.a.unit_2}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    app.post(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"parent_id": app.fx.b.unit_2}))
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    app.post(&path)
        .as_(&app.fx.a.employee)
        .if_match("\"1\"")
        .json(json!({"parent_id": app.fx.a.unit_2}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let stored = app
        .get(&format!("/api/v1/units/{}", app.fx.a.unit_1))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(stored.body["parent_id"], app.fx.a.root.to_string());
    assert_eq!(app.audit_count("unit.move").await, 0);
}

#[actix_web::test]
async fn a_unit_with_active_children_or_employees_cannot_be_deactivated() {
    let app = TestApp::spawn().await;
    let r = app
        .post(&format!("/api/v1/units/{}/deactivate", app.fx.a.unit_1))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .send()
        .await;
    r.assert_problem(StatusCode::CONFLICT, "unit_not_empty");
    let detail = r.body["detail"].as_str().unwrap();
    assert!(detail.contains("1 active child unit"), "{detail}");
    assert!(detail.contains("1 active employee"), "{detail}");
    assert_eq!(app.audit_count("unit.deactivate").await, 0);
}

#[actix_web::test]
async fn an_empty_unit_is_deactivated_and_activated_again() {
    let app = TestApp::spawn().await;
    let unit = create(&app, Some(app.fx.a.unit_2), "SEKSI-KOSONG").await;
    let id = unit["id"].as_str().unwrap();
    let r = app
        .post(&format!("/api/v1/units/{id}/deactivate"))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_active"], false);
    let r = app
        .get("/api/v1/units?is_active=false")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    app.post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"parent_id": id, "code": "UNDER-INACTIVE", "name": "X", "kind": "seksi"}))
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    app.post(&format!("/api/v1/units/{id}/activate"))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    let r = app
        .post(&format!("/api/v1/units/{id}/activate"))
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_active"], true);
    assert_eq!(app.audit_count("unit.deactivate").await, 1);
    assert_eq!(app.audit_count("unit.activate").await, 1);
}

#[actix_web::test]
async fn only_admins_deactivate_units() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.auditor, &app.fx.a.appraiser] {
        app.post(&format!("/api/v1/units/{}/deactivate", app.fx.a.unit_1a))
            .as_(who)
            .if_match("\"1\"")
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.post(&format!("/api/v1/units/{}/deactivate", app.fx.b.unit_1a))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn reading_one_unit_or_the_tree_needs_a_token() {
    let app = TestApp::spawn().await;
    for path in [
        format!("/api/v1/units/{}", app.fx.a.unit_1),
        "/api/v1/units/tree".to_owned(),
    ] {
        app.get(&path)
            .send()
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let r = app
        .get(&format!("/api/v1/units/tree?agency_id={}", app.fx.b.id))
        .as_(&app.fx.super_admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body[0]["code"], "KABB-ROOT");
}
