//! Employee endpoints, from outside: NIP validation, placement inside the agency, who reads
//! whom, concurrency.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::agencies::client_token_for;
use crate::helpers::TestApp;

fn new_employee(app: &TestApp) -> Value {
    json!({
        "nip": "19880412 201203 2 005",
        "asn_type": "pns",
        "name": "Dewi Lestari, S.E.",
        "golongan": "iii/c",
        "rank_since_on": "2020-04-01",
        "unit_id": app.fx.a.unit_2,
        "position_id": app.fx.a.position_staff,
        "email": "dewi@example.go.id"
    })
}

fn names(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn an_admin_creates_an_employee_with_birth_date_and_sex_from_the_nip() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(new_employee(&app))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.etag(), "\"1\"");
    let id = r.body["id"].as_str().unwrap().to_owned();
    let stored = app
        .get(&format!("/api/v1/employees/{id}"))
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    let e = &stored.body;
    assert_eq!(e["nip"], "198804122012032005");
    assert_eq!(e["nip_display"], "19880412 201203 2 005");
    assert_eq!(e["birth_on"], "1988-04-12");
    assert_eq!(e["sex"], "female");
    assert_eq!(e["golongan"], "III/c");
    assert_eq!(e["pangkat"], "Penata");
    assert_eq!(e["status"], "active");
    assert_eq!(e["unit_name"], "Dinas Kesehatan");
    assert_eq!(e["position_name"], "Pengelola Data");
    assert_eq!(e["position_kind"], "pelaksana");
    assert_eq!(e["warnings"], json!([]));
    assert_eq!(app.audit_count("employee.create").await, 1);
}

#[actix_web::test]
async fn a_doubtful_nip_is_stored_with_a_warning() {
    let app = TestApp::spawn().await;
    // Appointed (TMT CPNS 2015-01) before the 18th birthday (born 2000-01-01).
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(json!({"nip": "200001012015011001", "asn_type": "pns", "name": "Muda Sekali"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let codes: Vec<&str> = r.body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["nip_tmt_before_age_18"]);
}

#[actix_web::test]
async fn an_invalid_nip_is_refused_on_the_nip_field_with_its_code() {
    let app = TestApp::spawn().await;
    let mut body = new_employee(&app);
    body["nip"] = json!("1988 0412 2012");
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["nip"]);
    assert_eq!(r.body["errors"][0]["code"], "nip_length");
    assert_eq!(app.audit_count("employee.create").await, 0);
}

#[actix_web::test]
async fn birth_date_and_sex_must_agree_with_the_nip() {
    let app = TestApp::spawn().await;
    let mut body = new_employee(&app);
    body["birth_on"] = json!("1988-04-13");
    body["sex"] = json!("male");
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let mut fields = r.error_fields();
    fields.sort();
    assert_eq!(fields, vec!["birth_on", "sex"]);
}

#[actix_web::test]
async fn a_golongan_of_the_other_asn_type_and_a_bad_email_are_refused() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(
            json!({"nip": "199001012021011001", "asn_type": "pppk", "name": "Rina",
                     "golongan": "III/a", "email": "not-an-email"}),
        )
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    let mut fields = r.error_fields();
    fields.sort();
    assert_eq!(fields, vec!["email", "golongan"]);
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(json!({"nip": "199001012021011001", "asn_type": "pppk", "name": "Rina", "golongan": "IX"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["nip_display"], "19900101 2021 01 1 001");
}

#[actix_web::test]
async fn unit_and_position_of_another_agency_are_refused_without_revealing_them() {
    let app = TestApp::spawn().await;
    let mut body = new_employee(&app);
    body["unit_id"] = json!(app.fx.b.unit_2);
    body["position_id"] = json!(app.fx.b.position_staff);
    let r = app
        .post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["unit_id", "position_id"]);
    assert_eq!(r.body["errors"][0]["code"], "unit_not_found");
}

#[actix_web::test]
async fn a_registered_nip_is_a_conflict() {
    let app = TestApp::spawn().await;
    let nip = &app.fx.b.staff_1a_nip;
    app.post("/api/v1/employees")
        .as_(&app.fx.a.admin)
        .json(json!({"nip": nip, "asn_type": "pns", "name": "Twin"}))
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "nip_taken");
}

#[actix_web::test]
async fn auditors_employees_and_read_only_clients_cannot_create_employees() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.auditor, &app.fx.a.appraiser] {
        app.post("/api/v1/employees")
            .as_(who)
            .json(new_employee(&app))
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let token = client_token_for(&app, app.fx.a.id, "employees:read").await;
    app.post("/api/v1/employees")
        .token(&token)
        .json(new_employee(&app))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let token = client_token_for(&app, app.fx.a.id, "employees:write").await;
    app.post("/api/v1/employees")
        .token(&token)
        .json(new_employee(&app))
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    app.post("/api/v1/employees")
        .json(new_employee(&app))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn employees_are_filtered_by_subtree_position_kind_and_search() {
    let app = TestApp::spawn().await;
    let admin = &app.fx.a.admin;
    let r = app
        .get(&format!(
            "/api/v1/employees?subtree_of={}&sort=name",
            app.fx.a.unit_1
        ))
        .as_(admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 3);
    assert_eq!(
        names(&r.body),
        [
            "Budi Santoso",
            "Dr. Hendra Wijaya, M.Pd.",
            "Siti Rahmawati, S.Kom."
        ]
    );
    let r = app
        .get("/api/v1/employees?position_kind=fungsional")
        .as_(admin)
        .send()
        .await;
    assert_eq!(names(&r.body), ["Agus Prasetyo, S.Kep."]);
    assert_eq!(r.body["items"][0]["position_name"], "Perawat Ahli Pertama");
    let r = app.get("/api/v1/employees?q=SITI").as_(admin).send().await;
    assert_eq!(names(&r.body), ["Siti Rahmawati, S.Kom."]);
    let r = app
        .get("/api/v1/employees?q=19900512%20201503")
        .as_(admin)
        .send()
        .await;
    assert_eq!(
        names(&r.body),
        ["Siti Rahmawati, S.Kom."],
        "NIP prefix, spaces ignored"
    );
    let r = app
        .get("/api/v1/employees?per_page=2&sort=-nip")
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 6);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(r.body["items"][0]["nip"], "199507072020011001");
    let r = app
        .get("/api/v1/employees?status=retired")
        .as_(admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0);
    app.get("/api/v1/employees?sort=golongan")
        .as_(admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn an_employee_lists_only_themselves_and_an_appraiser_also_their_appraisees() {
    let app = TestApp::spawn().await;
    let r = app
        .get("/api/v1/employees")
        .as_(&app.fx.a.employee)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(names(&r.body), ["Siti Rahmawati, S.Kom."]);
    let r = app
        .get("/api/v1/employees")
        .as_(&app.fx.a.appraiser)
        .send()
        .await;
    assert_eq!(r.body["total"], 3);
    assert_eq!(
        names(&r.body),
        [
            "Budi Santoso",
            "Dr. Hendra Wijaya, M.Pd.",
            "Siti Rahmawati, S.Kom."
        ]
    );
}

#[actix_web::test]
async fn an_employee_cannot_read_a_colleague_they_do_not_appraise() {
    let app = TestApp::spawn().await;
    app.get(&format!("/api/v1/employees/{}", app.fx.a.peer_1a))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&format!("/api/v1/employees/{}", app.fx.a.staff_1a))
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.get(&format!("/api/v1/employees/{}", app.fx.a.staff_1a))
        .as_(&app.fx.a.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
}

#[actix_web::test]
async fn an_appraiser_reads_their_appraisee_but_cannot_update_them() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/employees/{}", app.fx.a.staff_1a);
    let r = app.get(&path).as_(&app.fx.a.appraiser).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["name"], "Siti Rahmawati, S.Kom.");
    app.patch(&path)
        .as_(&app.fx.a.appraiser)
        .if_match(&r.etag())
        .json(json!({"name": "Changed by the appraiser"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.patch(&format!("/api/v1/employees/{}", app.fx.a.peer_1a))
        .as_(&app.fx.a.employee)
        .if_match("\"1\"")
        .json(json!({"name": "Changed by a colleague"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(app.audit_count("employee.update").await, 0);
}

#[actix_web::test]
async fn another_agencys_employee_reads_as_not_found() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/employees/{}", app.fx.b.staff_1a);
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
    app.get(&path)
        .as_(&app.fx.super_admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn an_admin_updates_an_employee_with_if_match() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/employees/{}", app.fx.a.staff_1a);
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"golongan": "III/b", "rank_since_on": "2024-04-01", "unit_id": app.fx.a.unit_2, "phone": "+62 812 3456"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["golongan"], "III/b");
    assert_eq!(stored.body["unit_name"], "Dinas Kesehatan");
    assert_eq!(stored.body["phone"], "+62 812 3456");
    assert_eq!(app.audit_count("employee.update").await, 1);
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
        .json(json!({"phone": null}))
        .send()
        .await;
    assert_eq!(r.body["phone"], Value::Null);
}

#[actix_web::test]
async fn updating_an_employee_rechecks_the_nip_against_the_record() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/employees/{}", app.fx.a.staff_1a);
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"sex": "male", "golongan": "XX"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["golongan", "sex"]);
    assert_eq!(app.audit_count("employee.update").await, 0);
}

#[actix_web::test]
async fn a_stale_or_missing_if_match_changes_no_employee() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/employees/{}", app.fx.a.staff_1a);
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"5\"")
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
    assert_eq!(stored.body["name"], "Siti Rahmawati, S.Kom.");
    assert_eq!(stored.body["version"], 1);
    assert_eq!(app.audit_count("employee.update").await, 0);
}

#[actix_web::test]
async fn employees_need_a_token_and_clients_need_an_employees_scope() {
    let app = TestApp::spawn().await;
    let one = format!("/api/v1/employees/{}", app.fx.a.staff_1a);
    for path in ["/api/v1/employees", one.as_str()] {
        app.get(path)
            .send()
            .await
            .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    }
    let token = client_token_for(&app, app.fx.a.id, "units:read").await;
    for path in ["/api/v1/employees", one.as_str()] {
        app.get(path)
            .token(&token)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let token = client_token_for(&app, app.fx.a.id, "employees:read").await;
    let r = app.get("/api/v1/employees").token(&token).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 6);
    app.patch(&one)
        .token(&token)
        .if_match("\"1\"")
        .json(json!({"name": "Client edit"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}
