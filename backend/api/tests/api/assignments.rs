//! Appraiser assignments, external appraisers and "who appraises whom", from outside.

use actix_web::http::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{TestApp, TestResponse};

/// An OAuth2 client of `agency_id` with `scopes`, and an access token obtained the way a
/// third-party system does (client-credentials grant).
pub async fn client_token(app: &TestApp, agency_id: Uuid, scopes: &str) -> String {
    use kinerja_store::entities::api_client;
    use kinerja_store::sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let client_id = format!("client-{}", Uuid::new_v4().simple());
    let secret = "client-secret-0123456789";
    api_client::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        client_id: Set(client_id.clone()),
        name: Set("Test client".into()),
        secret_hash: Set(kinerja_service::security::hash_password(secret)
            .await
            .expect("hash")),
        scopes: Set(scopes.into()),
        created_at: Set(chrono::Utc::now()),
        created_by: Set("test".into()),
        revoked_at: Set(None),
        last_used_at: Set(None),
    }
    .insert(app.services.db.conn())
    .await
    .expect("client");
    let r = app
        .post("/api/v1/auth/token")
        .body(
            "application/x-www-form-urlencoded",
            format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}"),
        )
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    r.body["access_token"].as_str().expect("token").to_owned()
}

fn bupati() -> Value {
    json!({
        "id_number": "3399012304680001",
        "name": "H. Ahmad Sejahtera, S.H., M.Si.",
        "status": "non_asn",
        "position_title": "Bupati Alpha",
        "unit_name": "Pemerintah Kabupaten Alpha"
    })
}

async fn create_external(app: &TestApp) -> TestResponse {
    let r = app
        .post("/api/v1/external-appraisers")
        .as_(&app.fx.a.admin)
        .json(bupati())
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    r
}

/// The fixture's assignment of `employee` (all start 2026-01-01, open-ended).
async fn fixture_assignment(app: &TestApp, employee: Uuid) -> Value {
    let r = app
        .get(&format!(
            "/api/v1/appraiser-assignments?employee_id={employee}"
        ))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 1, "{}", r.text);
    r.body["items"][0].clone()
}

async fn assign(app: &TestApp, body: Value) -> TestResponse {
    app.post("/api/v1/appraiser-assignments")
        .as_(&app.fx.a.admin)
        .json(body)
        .send()
        .await
}

async fn appraiser_on(app: &TestApp, employee: Uuid, on: &str) -> TestResponse {
    app.get(&format!("/api/v1/employees/{employee}/appraiser?on={on}"))
        .as_(&app.fx.a.admin)
        .send()
        .await
}

// ---- external appraisers ----

#[actix_web::test]
async fn an_admin_registers_a_non_asn_external_appraiser() {
    let app = TestApp::spawn().await;
    let r = create_external(&app).await;
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.body["status"], "non_asn");
    assert_eq!(r.body["id_number"], "3399012304680001");
    assert_eq!(r.body["agency_id"], app.fx.a.id.to_string());
    assert!(r.body["golongan"].is_null());
    let id = r.body["id"].as_str().unwrap();

    let stored = app
        .get(&format!("/api/v1/external-appraisers/{id}"))
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    assert_eq!(stored.body["name"], "H. Ahmad Sejahtera, S.H., M.Si.");
    assert_eq!(stored.body["position_title"], "Bupati Alpha");
    assert_eq!(app.audit_count("external_appraiser.create").await, 1);
}

#[actix_web::test]
async fn an_asn_external_appraiser_is_identified_by_a_valid_nip_with_a_canonical_golongan() {
    let app = TestApp::spawn().await;
    let r = app
        .post("/api/v1/external-appraisers")
        .as_(&app.fx.a.admin)
        .json(json!({
            "id_number": "19680423 199303 1 004", "name": "Ir. Joko Susilo, M.T.", "status": "asn",
            "position_title": "Kepala Dinas PU Provinsi", "golongan": "ivc"
        }))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["id_number"], "196804231993031004");
    assert_eq!(r.body["golongan"], "IV/c");
}

#[actix_web::test]
async fn invalid_external_appraiser_fields_are_named() {
    let app = TestApp::spawn().await;
    let send = |body: Value| {
        app.post("/api/v1/external-appraisers")
            .as_(&app.fx.a.admin)
            .json(body)
            .send()
    };
    let mut asn_short = bupati();
    asn_short["status"] = json!("asn");
    asn_short["id_number"] = json!("68010123");
    let r = send(asn_short).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["id_number"]);

    let mut with_golongan = bupati();
    with_golongan["golongan"] = json!("IV/a");
    let r = send(with_golongan).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["golongan"]);

    let mut no_name = bupati();
    no_name["name"] = json!("");
    let r = send(no_name).await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["name"]);
    assert_eq!(app.audit_count("external_appraiser.create").await, 0);
}

#[actix_web::test]
async fn an_id_number_is_registered_once_per_agency() {
    let app = TestApp::spawn().await;
    create_external(&app).await;
    app.post("/api/v1/external-appraisers")
        .as_(&app.fx.a.admin)
        .json(bupati())
        .send()
        .await
        .assert_problem(StatusCode::CONFLICT, "id_number_taken");
    // Another agency may know the same person.
    app.post("/api/v1/external-appraisers")
        .as_(&app.fx.b.admin)
        .json(bupati())
        .send()
        .await
        .assert_status(StatusCode::CREATED);
}

#[actix_web::test]
async fn external_appraisers_need_authentication() {
    let app = TestApp::spawn().await;
    app.get("/api/v1/external-appraisers")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.post("/api/v1/external-appraisers")
        .json(bupati())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn an_auditor_reads_but_cannot_register_external_appraisers_and_employees_do_neither() {
    let app = TestApp::spawn().await;
    create_external(&app).await;
    let r = app
        .get("/api/v1/external-appraisers")
        .as_(&app.fx.a.auditor)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 1);
    app.post("/api/v1/external-appraisers")
        .as_(&app.fx.a.auditor)
        .json(bupati())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.get("/api/v1/external-appraisers")
        .as_(&app.fx.a.employee)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post("/api/v1/external-appraisers")
        .as_(&app.fx.a.appraiser)
        .json(bupati())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn another_agencys_external_appraiser_is_not_found() {
    let app = TestApp::spawn().await;
    let r = create_external(&app).await;
    let id = r.body["id"].as_str().unwrap();
    app.get(&format!("/api/v1/external-appraisers/{id}"))
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.patch(&format!("/api/v1/external-appraisers/{id}"))
        .as_(&app.fx.b.admin)
        .if_match("\"1\"")
        .json(json!({"name": "Hijacked"}))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    let r = app
        .get("/api/v1/external-appraisers")
        .as_(&app.fx.b.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0, "B's list holds none of A's");
}

#[actix_web::test]
async fn external_appraisers_are_searched_by_name_or_number_and_paged() {
    let app = TestApp::spawn().await;
    create_external(&app).await;
    for (n, name) in [
        ("NRP 68010123", "Kolonel Inf. Darmawan"),
        ("NRP 71020456", "AKBP Sulastri"),
    ] {
        app.post("/api/v1/external-appraisers")
            .as_(&app.fx.a.admin)
            .json(json!({"id_number": n, "name": name, "status": "non_asn", "position_title": "Dandim"}))
            .send()
            .await
            .assert_status(StatusCode::CREATED);
    }
    let r = app
        .get("/api/v1/external-appraisers?q=SEJAHTERA")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 1);
    assert_eq!(
        r.body["items"][0]["name"],
        "H. Ahmad Sejahtera, S.H., M.Si."
    );
    let r = app
        .get("/api/v1/external-appraisers?q=nrp&per_page=1&page=2")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        r.body["items"][0]["name"], "Kolonel Inf. Darmawan",
        "by name"
    );
    let r = app
        .get("/api/v1/external-appraisers?q=100%25")
        .as_(&app.fx.a.admin)
        .send()
        .await;
    assert_eq!(r.body["total"], 0, "% is literal");
}

#[actix_web::test]
async fn an_admin_updates_an_external_appraiser_with_if_match() {
    let app = TestApp::spawn().await;
    let r = create_external(&app).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/external-appraisers/{id}");
    app.patch(&path)
        .as_(&app.fx.a.admin)
        .json(json!({"position_title": "Bupati"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match(&r.etag())
        .json(json!({"position_title": "Bupati Alpha 2025-2030", "unit_name": null}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let stored = app.get(&path).as_(&app.fx.a.admin).send().await;
    assert_eq!(stored.body["position_title"], "Bupati Alpha 2025-2030");
    assert!(stored.body["unit_name"].is_null());
    assert_eq!(
        stored.body["name"], "H. Ahmad Sejahtera, S.H., M.Si.",
        "untouched"
    );
    assert_eq!(app.audit_count("external_appraiser.update").await, 1);

    app.patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"name": "Stale"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    let r = app
        .patch(&path)
        .as_(&app.fx.a.admin)
        .if_match("\"2\"")
        .json(json!({"status": "asn"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["id_number"], "an ASN needs a NIP");
    app.patch(&path)
        .as_(&app.fx.a.auditor)
        .if_match("\"2\"")
        .json(json!({"name": "Auditor edit"}))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn a_client_needs_an_assignments_scope_for_external_appraisers() {
    let app = TestApp::spawn().await;
    let reader = client_token(&app, app.fx.a.id, "assignments:read").await;
    app.get("/api/v1/external-appraisers")
        .token(&reader)
        .send()
        .await
        .assert_status(StatusCode::OK);
    app.post("/api/v1/external-appraisers")
        .token(&reader)
        .json(bupati())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    let other = client_token(&app, app.fx.a.id, "employees:read").await;
    app.get("/api/v1/external-appraisers")
        .token(&other)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

// ---- assignments ----

#[actix_web::test]
async fn an_admin_assigns_an_acting_appraiser_who_takes_over_for_its_validity() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let r = assign(
        &app,
        json!({
            "employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
            "superior_employee_id": fx.top, "acting_kind": "plt",
            "valid_from": "2026-03-01", "valid_until": "2026-03-31", "note": "Kepala dinas cuti"
        }),
    )
    .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.etag(), "\"1\"");
    assert_eq!(r.body["acting_kind"], "plt");
    assert_eq!(r.body["appraiser"]["id"], fx.head_2.to_string());
    assert_eq!(r.body["appraiser"]["kind"], "employee");
    assert_eq!(r.body["created_by"], "admin-kaba");
    let id = r.body["id"].as_str().unwrap();

    let stored = app
        .get(&format!("/api/v1/appraiser-assignments/{id}"))
        .as_(&fx.auditor)
        .send()
        .await;
    stored.assert_status(StatusCode::OK);
    assert_eq!(stored.body["valid_until"], "2026-03-31");
    assert_eq!(stored.body["note"], "Kepala dinas cuti");
    assert_eq!(app.audit_count("assignment.create").await, 1);

    let during = appraiser_on(&app, fx.staff_1a, "2026-03-15").await;
    during.assert_status(StatusCode::OK);
    assert_eq!(during.body["appraiser"]["id"], fx.head_2.to_string());
    assert_eq!(during.body["acting_kind"], "plt");
    assert_eq!(during.body["assignment_id"], id);
    let after = appraiser_on(&app, fx.staff_1a, "2026-04-01").await;
    assert_eq!(after.body["appraiser"]["id"], fx.head_1.to_string());
    assert_eq!(after.body["acting_kind"], "definitive");
}

#[actix_web::test]
async fn a_plh_beats_a_plt_and_the_latest_start_wins_among_equals() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    for (kind, appraiser, from) in [
        ("plt", fx.head_2, "2026-03-01"),
        ("plt", fx.top, "2026-03-10"),
        ("plh", fx.staff_2, "2026-03-05"),
    ] {
        assign(
            &app,
            json!({"employee_id": fx.peer_1a, "appraiser_employee_id": appraiser,
                   "acting_kind": kind, "valid_from": from, "valid_until": "2026-03-20"}),
        )
        .await
        .assert_status(StatusCode::CREATED);
    }
    let who = |on: &'static str| {
        let app = &app;
        async move {
            let r = appraiser_on(app, app.fx.a.peer_1a, on).await;
            r.assert_status(StatusCode::OK);
            (
                r.body["appraiser"]["id"].as_str().unwrap().to_owned(),
                r.body["acting_kind"].as_str().unwrap().to_owned(),
            )
        }
    };
    assert_eq!(
        who("2026-03-02").await,
        (fx.head_2.to_string(), "plt".into())
    );
    assert_eq!(
        who("2026-03-06").await,
        (fx.staff_2.to_string(), "plh".into())
    );
    assert_eq!(
        who("2026-03-15").await,
        (fx.staff_2.to_string(), "plh".into())
    );
    assert_eq!(
        who("2026-03-21").await,
        (fx.head_1.to_string(), "definitive".into())
    );
    // Without the Plh, the later Plt decides.
    let r = app
        .get(&format!(
            "/api/v1/appraiser-assignments?employee_id={}&acting_kind=plh",
            fx.peer_1a
        ))
        .as_(&fx.admin)
        .send()
        .await;
    let plh = r.body["items"][0]["id"].as_str().unwrap().to_owned();
    app.patch(&format!("/api/v1/appraiser-assignments/{plh}"))
        .as_(&fx.admin)
        .if_match("\"1\"")
        .json(json!({"valid_until": "2026-03-05"}))
        .send()
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(who("2026-03-15").await, (fx.top.to_string(), "plt".into()));
}

#[actix_web::test]
async fn overlapping_definitive_assignments_are_refused_unless_the_previous_is_closed() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let existing = fixture_assignment(&app, fx.staff_1a).await;
    let existing_id = existing["id"].as_str().unwrap().to_owned();
    let body = json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                      "superior_employee_id": fx.top, "valid_from": "2026-06-01"});
    let r = assign(&app, body.clone()).await;
    r.assert_problem(StatusCode::CONFLICT, "assignment_overlaps");
    assert!(
        r.body["detail"].as_str().unwrap().contains(&existing_id),
        "{}",
        r.text
    );
    assert!(r.text.contains("close_previous"), "offers close_previous");

    let mut closing = body;
    closing["close_previous"] = json!(true);
    let r = assign(&app, closing).await;
    r.assert_status(StatusCode::CREATED);
    let prev = app
        .get(&format!("/api/v1/appraiser-assignments/{existing_id}"))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(prev.body["valid_until"], "2026-05-31");
    assert_eq!(prev.etag(), "\"2\"");
    assert_eq!(app.audit_count("assignment.close").await, 1);
    assert_eq!(app.audit_count("assignment.create").await, 1);

    let before = appraiser_on(&app, fx.staff_1a, "2026-05-31").await;
    assert_eq!(before.body["appraiser"]["id"], fx.head_1.to_string());
    let after = appraiser_on(&app, fx.staff_1a, "2026-06-01").await;
    assert_eq!(after.body["appraiser"]["id"], fx.head_2.to_string());
}

#[actix_web::test]
async fn close_previous_does_not_end_an_assignment_that_starts_later() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let r = assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
               "valid_from": "2025-06-01", "close_previous": true}),
    )
    .await;
    r.assert_problem(StatusCode::CONFLICT, "assignment_overlaps");
    assert_eq!(app.audit_count("assignment.close").await, 0);
    // A bounded earlier assignment that ends before the existing one starts is history.
    assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
               "valid_from": "2025-06-01", "valid_until": "2025-12-31"}),
    )
    .await
    .assert_status(StatusCode::CREATED);
}

#[actix_web::test]
async fn invalid_assignments_name_the_field() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let cases = [
        (
            json!({"employee_id": fx.staff_1a, "valid_from": "2026-06-01"}),
            "appraiser_employee_id",
        ),
        (
            json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_1,
                   "appraiser_external_id": Uuid::now_v7(), "valid_from": "2026-06-01"}),
            "appraiser_external_id",
        ),
        (
            json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                   "acting_kind": "plt", "valid_from": "2026-06-01", "valid_until": "2026-05-01"}),
            "valid_until",
        ),
        (
            json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                   "superior_employee_id": fx.staff_1a, "acting_kind": "plt", "valid_from": "2026-06-01"}),
            "superior_employee_id",
        ),
        (
            json!({"employee_id": app.fx.b.staff_1a, "appraiser_employee_id": fx.head_2,
                   "acting_kind": "plt", "valid_from": "2026-06-01"}),
            "employee_id",
        ),
        (
            json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                   "note": "x".repeat(501), "acting_kind": "plt", "valid_from": "2026-06-01"}),
            "note",
        ),
        (
            json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                   "acting_kind": "acting", "valid_from": "2026-06-01"}),
            "body",
        ),
    ];
    for (body, field) in cases {
        let r = assign(&app, body).await;
        r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
        assert_eq!(r.error_fields(), vec![field], "{}", r.text);
    }
    assert_eq!(app.audit_count("assignment.create").await, 0);
}

#[actix_web::test]
async fn an_employee_cannot_appraise_themselves() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.staff_1a,
               "acting_kind": "plh", "valid_from": "2026-06-01"}),
    )
    .await
    .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "appraiser_is_employee");
}

#[actix_web::test]
async fn another_agencys_people_are_refused_like_unknown_ids() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let body = |appraiser: Uuid| {
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": appraiser,
               "acting_kind": "plt", "valid_from": "2026-06-01"})
    };
    let foreign = assign(&app, body(app.fx.b.head_1)).await;
    foreign.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(foreign.error_fields(), vec!["appraiser_employee_id"]);
    let unknown = assign(&app, body(Uuid::now_v7())).await;
    assert_eq!(
        foreign.body["errors"], unknown.body["errors"],
        "another agency's employee reads exactly like a non-existent one"
    );

    let b_external = app
        .post("/api/v1/external-appraisers")
        .as_(&app.fx.b.admin)
        .json(bupati())
        .send()
        .await;
    let r = assign(
        &app,
        json!({"employee_id": fx.head_1, "appraiser_employee_id": fx.top,
               "superior_external_id": b_external.body["id"], "acting_kind": "plt",
               "valid_from": "2026-06-01"}),
    )
    .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["superior_external_id"]);
}

#[actix_web::test]
async fn an_external_appraiser_appraises_the_top_with_an_external_superior() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let bupati_id = create_external(&app).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let gubernur = app
        .post("/api/v1/external-appraisers")
        .as_(&fx.admin)
        .json(
            json!({"id_number": "3300011506650002", "name": "Dr. Bambang Wicaksono",
                     "status": "non_asn", "position_title": "Gubernur"}),
        )
        .send()
        .await;
    assign(
        &app,
        json!({"employee_id": fx.top, "appraiser_external_id": bupati_id,
               "superior_external_id": gubernur.body["id"], "valid_from": "2026-01-01"}),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let r = appraiser_on(&app, fx.top, "2026-02-01").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["appraiser"]["kind"], "external");
    assert_eq!(r.body["appraiser"]["status"], "non_asn");
    assert_eq!(r.body["appraiser"]["nip_or_id_number"], "3399012304680001");
    assert_eq!(r.body["appraiser"]["position"], "Bupati Alpha");
    assert_eq!(
        r.body["appraiser_superior"]["name"],
        "Dr. Bambang Wicaksono"
    );
    assert_eq!(r.body["employee"]["id"], fx.top.to_string());
}

#[actix_web::test]
async fn assignments_need_an_admin_role() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let body = json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
                      "acting_kind": "plt", "valid_from": "2026-06-01"});
    app.post("/api/v1/appraiser-assignments")
        .json(body.clone())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    for who in [&fx.auditor, &fx.appraiser, &fx.employee] {
        app.post("/api/v1/appraiser-assignments")
            .as_(who)
            .json(body.clone())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    app.get("/api/v1/appraiser-assignments")
        .as_(&fx.employee)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.get("/api/v1/appraiser-assignments")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    let writer = client_token(&app, fx.id, "assignments:write").await;
    app.post("/api/v1/appraiser-assignments")
        .token(&writer)
        .json(body)
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    assert_eq!(app.audit_count("assignment.create").await, 1);
}

#[actix_web::test]
async fn a_super_admin_assigns_in_any_agency() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.b;
    let r = app
        .post("/api/v1/appraiser-assignments")
        .as_(&app.fx.super_admin)
        .json(json!({"employee_id": fx.staff_2, "appraiser_employee_id": fx.top,
                     "acting_kind": "plh", "valid_from": "2026-07-01", "valid_until": "2026-07-03"}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["agency_id"], fx.id.to_string());
}

#[actix_web::test]
async fn an_assignment_is_read_by_admins_and_the_people_it_concerns_only() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let id = fixture_assignment(&app, fx.staff_1a).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/appraiser-assignments/{id}");
    for who in [&fx.employee, &fx.appraiser, &fx.auditor] {
        app.get(&path)
            .as_(who)
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    app.get(&path)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.get(&path)
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[actix_web::test]
async fn assignments_are_listed_with_filters_and_paging() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
               "acting_kind": "plh", "valid_from": "2026-08-01", "valid_until": "2026-08-02"}),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let list = |query: String| {
        let app = &app;
        async move {
            let r = app
                .get(&format!("/api/v1/appraiser-assignments{query}"))
                .as_(&app.fx.a.admin)
                .send()
                .await;
            r.assert_status(StatusCode::OK);
            r
        }
    };
    let all = list(String::new()).await;
    assert_eq!(all.body["total"], 6, "five from the fixture, one new");
    assert_eq!(
        all.body["items"][0]["valid_from"], "2026-08-01",
        "latest start first"
    );
    assert_eq!(
        list(format!("?employee_id={}", fx.staff_1a)).await.body["total"],
        2
    );
    assert_eq!(
        list(format!("?appraiser_employee_id={}", fx.head_1))
            .await
            .body["total"],
        2
    );
    assert_eq!(list("?on=2026-08-02".into()).await.body["total"], 6);
    assert_eq!(list("?on=2026-08-03".into()).await.body["total"], 5);
    assert_eq!(list("?on=2025-12-31".into()).await.body["total"], 0);
    assert_eq!(list("?acting_kind=plh".into()).await.body["total"], 1);
    let page = list("?per_page=4&page=2".into()).await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 2);
    let b = app
        .get("/api/v1/appraiser-assignments")
        .as_(&app.fx.b.admin)
        .send()
        .await;
    assert_eq!(b.body["total"], 5, "B sees only its own");
    app.get("/api/v1/appraiser-assignments")
        .as_(&app.fx.super_admin)
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    app.get("/api/v1/appraiser-assignments?on=yesterday")
        .as_(&fx.admin)
        .send()
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid_query");
}

#[actix_web::test]
async fn an_admin_ends_an_assignment_by_setting_valid_until() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let id = fixture_assignment(&app, fx.staff_1a).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/appraiser-assignments/{id}");
    app.patch(&path)
        .as_(&fx.admin)
        .json(json!({"valid_until": "2026-06-30"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_REQUIRED, "if_match_required");
    let r = app
        .patch(&path)
        .as_(&fx.admin)
        .if_match("\"1\"")
        .json(json!({"valid_until": "2026-06-30", "note": "Mutasi"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.etag(), "\"2\"");
    let stored = app.get(&path).as_(&fx.admin).send().await;
    assert_eq!(stored.body["valid_until"], "2026-06-30");
    assert_eq!(stored.body["note"], "Mutasi");
    assert_eq!(app.audit_count("assignment.update").await, 1);
    appraiser_on(&app, fx.staff_1a, "2026-07-01")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "no_appraiser");

    app.patch(&path)
        .as_(&fx.admin)
        .if_match("\"1\"")
        .json(json!({"note": "stale"}))
        .send()
        .await
        .assert_problem(StatusCode::PRECONDITION_FAILED, "stale_version");
    let r = app
        .patch(&path)
        .as_(&fx.admin)
        .if_match("\"2\"")
        .json(json!({"valid_until": "2025-12-31"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["valid_until"]);
}

#[actix_web::test]
async fn extending_a_definitive_assignment_into_another_is_refused() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let old = fixture_assignment(&app, fx.staff_1a).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
               "valid_from": "2026-06-01", "close_previous": true}),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let r = app
        .patch(&format!("/api/v1/appraiser-assignments/{old}"))
        .as_(&fx.admin)
        .if_match("\"2\"")
        .json(json!({"valid_until": null}))
        .send()
        .await;
    r.assert_problem(StatusCode::CONFLICT, "assignment_overlaps");
}

#[actix_web::test]
async fn only_admins_of_the_agency_update_assignments() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let id = fixture_assignment(&app, fx.staff_1a).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/appraiser-assignments/{id}");
    let patch = json!({"note": "x"});
    app.patch(&path)
        .json(patch.clone())
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.patch(&path)
        .as_(&app.fx.b.admin)
        .if_match("\"1\"")
        .json(patch.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    for who in [&fx.auditor, &fx.appraiser] {
        app.patch(&path)
            .as_(who)
            .if_match("\"1\"")
            .json(patch.clone())
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(app.audit_count("assignment.update").await, 0);
}

#[actix_web::test]
async fn assignments_are_never_deleted() {
    let app = TestApp::spawn().await;
    let id = fixture_assignment(&app, app.fx.a.staff_1a).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .delete(&format!("/api/v1/appraiser-assignments/{id}"))
        .as_(&app.fx.a.admin)
        .send()
        .await;
    r.assert_problem(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert_eq!(r.header("allow").as_deref(), Some("GET, PATCH"));
}

// ---- who appraises whom ----

#[actix_web::test]
async fn the_appraiser_lookup_answers_who_and_by_which_assignment() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let r = appraiser_on(&app, fx.staff_1a, "2026-02-01").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["on"], "2026-02-01");
    assert_eq!(r.body["employee"]["id"], fx.staff_1a.to_string());
    assert_eq!(r.body["employee"]["nip_or_id_number"], fx.staff_1a_nip);
    assert_eq!(r.body["appraiser"]["kind"], "employee");
    assert_eq!(r.body["appraiser"]["id"], fx.head_1.to_string());
    assert_eq!(r.body["appraiser"]["name"], "Dr. Hendra Wijaya, M.Pd.");
    assert_eq!(r.body["appraiser"]["status"], "asn");
    assert_eq!(r.body["appraiser"]["position"], "Kepala Dinas");
    assert_eq!(r.body["appraiser"]["unit"], "Dinas Pendidikan");
    assert_eq!(r.body["appraiser_superior"]["id"], fx.top.to_string());
    assert_eq!(r.body["valid_from"], "2026-01-01");
    assert!(r.body["valid_until"].is_null());
    let assignment = fixture_assignment(&app, fx.staff_1a).await;
    assert_eq!(r.body["assignment_id"], assignment["id"]);
    // Without `on`, today (the fixture's assignments started on 2026-01-01 and never end).
    let today = app
        .get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(today.body["appraiser"]["id"], fx.head_1.to_string());
}

#[actix_web::test]
async fn nobody_assigned_is_a_plain_no_appraiser_404() {
    let app = TestApp::spawn().await;
    let r = appraiser_on(&app, app.fx.a.top, "2026-02-01").await;
    r.assert_problem(StatusCode::NOT_FOUND, "no_appraiser");
    assert_eq!(
        r.body["detail"],
        "No appraiser is assigned to Drs. Bupati Pejabat on 2026-02-01; ask HR to assign one."
    );
    appraiser_on(&app, app.fx.a.staff_1a, "2025-12-31")
        .await
        .assert_problem(StatusCode::NOT_FOUND, "no_appraiser");
}

#[actix_web::test]
async fn an_employee_reads_their_own_appraiser_and_nobody_elses() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let own = app
        .get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .as_(&fx.employee)
        .send()
        .await;
    own.assert_status(StatusCode::OK);
    assert_eq!(own.body["appraiser"]["id"], fx.head_1.to_string());
    for (who, target) in [
        (&fx.employee, fx.peer_1a),
        (&fx.other_employee, fx.staff_1a),
        (&fx.appraiser, fx.staff_1a),
        (&app.fx.b.admin, fx.staff_1a),
    ] {
        app.get(&format!("/api/v1/employees/{target}/appraiser"))
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not_found");
    }
    app.get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .as_(&fx.auditor)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let client = client_token(&app, fx.id, "assignments:read").await;
    app.get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .token(&client)
        .send()
        .await
        .assert_status(StatusCode::OK);
    let no_scope = client_token(&app, fx.id, "audit:read").await;
    app.get(&format!("/api/v1/employees/{}/appraiser", fx.staff_1a))
        .token(&no_scope)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn an_appraiser_lists_their_own_appraisees_but_not_while_replaced() {
    let app = TestApp::spawn().await;
    let fx = &app.fx.a;
    let path = format!("/api/v1/employees/{}/appraisees?on=2026-05-01", fx.head_1);
    let r = app.get(&path).as_(&fx.appraiser).send().await;
    r.assert_status(StatusCode::OK);
    let names: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["employee"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Budi Santoso", "Siti Rahmawati, S.Kom."], "by name");
    assert_eq!(r.body["appraiser_employee_id"], fx.head_1.to_string());

    assign(
        &app,
        json!({"employee_id": fx.staff_1a, "appraiser_employee_id": fx.head_2,
               "acting_kind": "plh", "valid_from": "2026-05-01", "valid_until": "2026-05-02"}),
    )
    .await
    .assert_status(StatusCode::CREATED);
    let r = app.get(&path).as_(&fx.admin).send().await;
    let ids: Vec<&str> = r.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["employee"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [fx.peer_1a.to_string()], "staff_1a has a Plh that day");
    let plh = app
        .get(&format!(
            "/api/v1/employees/{}/appraisees?on=2026-05-01",
            fx.head_2
        ))
        .as_(&fx.admin)
        .send()
        .await;
    assert_eq!(
        plh.body["items"].as_array().unwrap().len(),
        2,
        "staff_2 and staff_1a"
    );

    for (who, target) in [
        (&fx.employee, fx.head_1),
        (&fx.appraiser, fx.head_2),
        (&app.fx.b.admin, fx.head_1),
    ] {
        app.get(&format!("/api/v1/employees/{target}/appraisees"))
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::NOT_FOUND, "not_found");
    }
    app.get(&format!("/api/v1/employees/{}/appraisees", fx.head_1))
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
}
