//! Bulk upserts of units and employees, from outside: all or nothing, every bad row reported
//! with its line and field, idempotent repeats.

use actix_web::http::StatusCode;
use serde_json::{Value, json};

use crate::agencies::client_token_for;
use crate::helpers::TestApp;

async fn employee_total(app: &TestApp) -> u64 {
    app.get("/api/v1/employees?per_page=1")
        .as_(&app.fx.a.admin)
        .send()
        .await
        .body["total"]
        .as_u64()
        .unwrap()
}

async fn unit_by_code(app: &TestApp, code: &str) -> Value {
    let r = app
        .get(&format!("/api/v1/units?q={code}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .cloned()
        .unwrap_or_else(|| panic!("unit {code} stored"))
}

#[actix_web::test]
async fn units_may_reference_parents_defined_later_in_the_batch_and_a_repeat_changes_nothing() {
    let app = TestApp::spawn().await;
    let body = json!({"rows": [
        {"code": "SEKSI-A1", "name": "Seksi A1", "kind": "seksi", "parent_code": "BIDANG-A"},
        {"code": "BIDANG-A", "name": "Bidang A", "kind": "bidang", "parent_code": "KABA-DINKES"},
        {"code": "KABA-DINKES", "name": "Dinas Kesehatan", "kind": "dinas"}
    ]});
    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .json(body.clone())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["created"], 2);
    assert_eq!(r.body["updated"], 0);
    assert_eq!(r.body["unchanged"], 1);
    let bidang = unit_by_code(&app, "BIDANG-A").await;
    let seksi = unit_by_code(&app, "SEKSI-A1").await;
    assert_eq!(bidang["parent_id"], app.fx.a.unit_2.to_string());
    assert_eq!(seksi["parent_id"], bidang["id"]);
    assert_eq!(seksi["depth"], 3);
    assert_eq!(
        seksi["path"],
        format!(
            "{}{}/",
            bidang["path"].as_str().unwrap(),
            seksi["id"].as_str().unwrap()
        )
    );
    assert_eq!(app.audit_count("unit.create").await, 2);

    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["created"], 0);
    assert_eq!(r.body["updated"], 0);
    assert_eq!(r.body["unchanged"], 3);
    assert_eq!(app.audit_count("unit.create").await, 2);
    assert_eq!(app.audit_count("unit.update").await, 0);
    assert_eq!(unit_by_code(&app, "BIDANG-A").await["version"], 1);
}

#[actix_web::test]
async fn a_bulk_update_moves_a_unit_and_its_descendants_follow() {
    let app = TestApp::spawn().await;
    let child = app
        .post("/api/v1/units")
        .as_(&app.fx.a.admin)
        .json(json!({"parent_id": app.fx.a.unit_1a, "code": "SEKSI-SD-1", "name": "Seksi SD 1", "kind": "seksi"}))
        .send()
        .await;
    child.assert_status(StatusCode::CREATED);
    let csv = "code,name,kind,parent_code\nKABA-DISDIK-SD,Bidang SD,bidang,KABA-DINKES\n";
    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv", csv)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["updated"], 1);
    let sd = unit_by_code(&app, "KABA-DISDIK-SD").await;
    assert_eq!(sd["name"], "Bidang SD");
    assert_eq!(sd["parent_id"], app.fx.a.unit_2.to_string());
    assert_eq!(sd["version"], 2);
    assert_eq!(
        sd["path"],
        format!(
            "/{}/{}/{}/",
            app.fx.a.root, app.fx.a.unit_2, app.fx.a.unit_1a
        )
    );
    assert_eq!(app.audit_count("unit.update").await, 1);
    let child = unit_by_code(&app, "SEKSI-SD-1").await;
    assert_eq!(
        child["path"],
        format!(
            "{}{}/",
            sd["path"].as_str().unwrap(),
            child["id"].as_str().unwrap()
        )
    );
    assert_eq!(child["depth"], 3);
    assert_eq!(
        child["version"], 1,
        "a descendant's own fields did not change"
    );
}

#[actix_web::test]
async fn a_cycle_of_parents_in_a_unit_batch_is_reported_on_every_row_in_it() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .json(json!({"rows": [
            {"code": "X-1", "name": "X1", "kind": "seksi", "parent_code": "X-2"},
            {"code": "X-2", "name": "X2", "kind": "seksi", "parent_code": "X-1"},
            {"code": "X-3", "name": "X3", "kind": "seksi", "parent_code": "NOWHERE"},
            {"code": "KABA-ROOT", "name": "Root", "kind": "other", "parent_code": "KABA-DISDIK-SD"},
            {"code": "X-4", "name": "X4", "kind": "seksi"}
        ]}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        r.error_fields(),
        vec![
            "rows[0].parent_code",
            "rows[1].parent_code",
            "rows[2].parent_code",
            "rows[3].parent_code"
        ]
    );
    let codes: Vec<&str> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "parent_cycle",
            "parent_cycle",
            "parent_not_found",
            "parent_cycle"
        ]
    );
    assert_eq!(app.audit_count("unit.create").await, 0);
    let r = app
        .get("/api/v1/units?q=X-4")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0, "nothing written");
}

const EMPLOYEE_HEADER: &str =
    "nip,asn_type,name,birth_on,sex,golongan,unit_code,position_code,email";

fn good_employee_csv() -> String {
    format!(
        "{EMPLOYEE_HEADER}\n\
         19880412 201203 2 005,pns,Dewi Lestari,,,III/c,KABA-DINKES,KABA-P-STAFF,dewi@example.go.id\n\
         198102032006041003,pns,Andi Wibowo,1981-02-03,L,IV/a,KABA-DISDIK,,\n\
         199001012021012001,pppk,Rina Marlina,,P,IX,KABA-DISDIK-SD,KABA-P-STAFF,\n"
    )
}

#[actix_web::test]
async fn an_employee_csv_with_three_bad_rows_reports_each_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let before = employee_total(&app).await;
    let csv = format!(
        "{EMPLOYEE_HEADER}\n\
         19880412 201203 2 005,pns,Dewi Lestari,,,III/c,KABA-DINKES,KABA-P-STAFF,dewi@example.go.id\n\
         19880412 2012,pns,Short Nip,,,,,,\n\
         198102032006041003,pns,Andi Wibowo,1981-02-03,L,IV/a,KABA-DISDIK,,\n\
         199001012021012001,pppk,Rina Marlina,,P,IX,KABB-DINKES,KABA-P-STAFF,\n\
         198505052010011002,pns,Wrong Sex,,P,III/a,,,not-an-email\n"
    );
    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv", csv)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        r.error_fields(),
        vec![
            "line 3: nip",
            "line 5: unit_code",
            "line 6: email",
            "line 6: sex"
        ]
    );
    assert_eq!(employee_total(&app).await, before);
    assert_eq!(app.audit_count("employee.create").await, 0);
}

#[actix_web::test]
async fn repeating_an_employee_import_is_idempotent() {
    let app = TestApp::spawn().await;
    let before = employee_total(&app).await;
    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv; charset=utf-8", good_employee_csv())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["created"], 3);
    assert_eq!(employee_total(&app).await, before + 3);
    assert_eq!(app.audit_count("employee.create").await, 3);
    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv", good_employee_csv())
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["created"], 0);
    assert_eq!(r.body["updated"], 0);
    assert_eq!(r.body["unchanged"], 3);
    assert_eq!(app.audit_count("employee.create").await, 3);
    assert_eq!(app.audit_count("employee.update").await, 0);

    let list = app
        .get("/api/v1/employees?q=dewi")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    let dewi = &list.body["items"][0];
    assert_eq!(dewi["nip"], "198804122012032005");
    assert_eq!(dewi["sex"], "female");
    assert_eq!(dewi["unit_name"], "Dinas Kesehatan");
    assert_eq!(dewi["version"], 1);
}

#[actix_web::test]
async fn a_json_employee_import_updates_existing_employees_by_nip() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .json(json!({"rows": [
            {"nip": app.fx.a.staff_1a_nip, "asn_type": "pns", "name": "Siti Rahmawati, S.Kom., M.T.", "golongan": "III/b"},
            {"nip": "12", "asn_type": "pns", "name": "Bad"},
            {"nip": "198102032006041003", "asn_type": "pns", "name": "Andi", "unit_code": "NOPE"}
        ]}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["rows[1].nip", "rows[2].unit_code"]);

    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .json(json!({"rows": [
            {"nip": app.fx.a.staff_1a_nip, "asn_type": "pns", "name": "Siti Rahmawati, S.Kom., M.T.", "golongan": "III/b"}
        ]}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["updated"], 1);
    let stored = app
        .get(&format!("/api/v1/employees/{}", app.fx.a.staff_1a))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(stored.body["name"], "Siti Rahmawati, S.Kom., M.T.");
    assert_eq!(stored.body["golongan"], "III/b");
    assert_eq!(
        stored.body["unit_id"],
        app.fx.a.unit_1a.to_string(),
        "absent columns are kept"
    );
    assert_eq!(stored.body["version"], 2);
    assert_eq!(app.audit_count("employee.update").await, 1);
}

#[actix_web::test]
async fn an_employee_of_another_agency_cannot_be_overwritten_by_nip() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/employees/bulk")
        .as_(&app.fx.a.admin)
        .json(json!({"rows": [{"nip": app.fx.b.staff_1a_nip, "asn_type": "pns", "name": "Taken"}]}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.body["errors"][0]["code"], "nip_taken");
}

#[actix_web::test]
async fn bulk_imports_accept_only_json_or_csv() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/units/bulk", "/api/v1/employees/bulk"] {
        app.post(path)
            .as_(&app.fx.a.admin)
            .body("text/plain", "code,name,kind\n")
            .send()
            .await
            .assert_problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    }
}

#[actix_web::test]
async fn a_csv_with_an_unknown_column_is_refused_on_the_header() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv", "code,nama,kind\nA,B,seksi\n")
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["line 1: nama", "line 1: name"]);
}

#[actix_web::test]
async fn more_than_ten_thousand_rows_are_refused() {
    let app = TestApp::spawn().await;
    let mut csv = String::from("code,name,kind\n");
    for i in 0..10_001 {
        csv.push_str(&format!("U{i},Unit {i},seksi\n"));
    }
    let r = app
        .post("/api/v1/units/bulk")
        .as_(&app.fx.a.admin)
        .body("text/csv", csv)
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["rows"]);
    assert_eq!(r.body["errors"][0]["code"], "too_many_rows");
}

#[actix_web::test]
async fn only_writers_may_import() {
    let app = TestApp::spawn().await;
    for who in [&app.fx.a.auditor, &app.fx.a.employee] {
        app.post("/api/v1/employees/bulk")
            .as_(who)
            .body("text/csv", good_employee_csv())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let token = client_token_for(&app, app.fx.a.id, "units:write").await;
    app.post("/api/v1/employees/bulk")
        .token(&token)
        .body("text/csv", good_employee_csv())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post("/api/v1/units/bulk")
        .token(&token)
        .body("text/csv", "code,name,kind\nNEW-1,New,seksi\n")
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.post("/api/v1/units/bulk")
        .body("text/csv", "code,name,kind\n")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post(&format!("/api/v1/units/bulk?agency_id={}", app.fx.b.id))
        .as_(&app.fx.a.admin)
        .body("text/csv", "code,name,kind\nNEW-2,New,seksi\n")
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}
