//! The audit log endpoints, and proof that tampering with the stored chain is detected.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::assignments::client_token;
use crate::helpers::{Account, TestApp, TestResponse};

/// Three audited writes in agency A: two external appraisers created, one updated.
async fn three_writes(app: &TestApp) -> Vec<TestResponse> {
    let mut out = Vec::new();
    for (n, name) in [
        ("NRP 1001", "Kolonel Darmawan"),
        ("NRP 1002", "AKBP Sulastri"),
    ] {
        let r = app
            .post("/api/v1/external-appraisers")
            .as_(&app.fx.a.admin)
            .json(json!({"id_number": n, "name": name, "status": "non_asn", "position_title": "Dandim"}))
            .send()
            .await;
        r.assert_status(StatusCode::CREATED);
        out.push(r);
    }
    let id = out[0].body["id"].as_str().unwrap().to_owned();
    let r = app
        .patch(&format!("/api/v1/external-appraisers/{id}"))
        .as_(&app.fx.a.admin)
        .if_match("\"1\"")
        .json(json!({"position_title": "Komandan Kodim"}))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    out.push(r);
    out
}

async fn list(app: &TestApp, who: &Account, query: &str) -> TestResponse {
    app.get(&format!("/api/v1/audit-log{query}"))
        .as_(who)
        .send()
        .await
}

async fn verify(app: &TestApp, who: &Account) -> TestResponse {
    let r = app.get("/api/v1/audit-log/verify").as_(who).send().await;
    r.assert_status(StatusCode::OK);
    r
}

/// Removes the append-only triggers, as someone with direct database access could.
async fn drop_triggers(app: &TestApp) {
    if app.database_url.starts_with("postgres") {
        app.sql("DROP TRIGGER audit_log_no_change ON audit_log")
            .await;
    } else {
        app.sql("DROP TRIGGER audit_log_no_update").await;
        app.sql("DROP TRIGGER audit_log_no_delete").await;
    }
}

fn chain_a(app: &TestApp) -> String {
    format!("agency:{}", app.fx.a.id)
}

#[actix_web::test]
async fn an_admin_reads_their_agencys_entries_newest_first_with_parsed_json() {
    let app = TestApp::spawn().await;
    let writes = three_writes(&app).await;
    let r = list(&app, &app.fx.a.admin, "").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 3);
    let items = r.body["items"].as_array().unwrap();
    assert_eq!(
        items
            .iter()
            .map(|i| i["seq"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [3, 2, 1]
    );
    let newest = &items[0];
    assert_eq!(newest["action"], "external_appraiser.update");
    assert_eq!(newest["entity_type"], "external_appraiser");
    assert_eq!(newest["entity_id"], writes[0].body["id"]);
    assert_eq!(
        newest["before"]["position_title"], "Dandim",
        "parsed JSON, not text"
    );
    assert_eq!(newest["after"]["position_title"], "Komandan Kodim");
    assert_eq!(newest["actor_kind"], "user");
    assert_eq!(newest["actor_id"], app.fx.a.admin.user_id.to_string());
    assert_eq!(newest["actor_label"], "admin-kaba");
    assert_eq!(
        newest["request_id"].as_str(),
        writes[2].header("x-request-id").as_deref()
    );
    assert_eq!(newest["chain"], chain_a(&app));
    assert_eq!(
        newest["prev_hash"], items[1]["hash"],
        "each entry names the one before"
    );
    assert!(items[2]["before"].is_null(), "a creation has no before");
    assert_eq!(items[2]["after"]["name"], "Kolonel Darmawan");

    let b = list(&app, &app.fx.b.admin, "").await;
    b.assert_status(StatusCode::OK);
    assert_eq!(b.body["total"], 0, "B sees nothing of A's chain");
}

#[actix_web::test]
async fn audit_entries_are_filtered_and_paged() {
    let app = TestApp::spawn().await;
    let writes = three_writes(&app).await;
    let admin = &app.fx.a.admin;
    let total = |q: String| {
        let app = &app;
        async move {
            let r = list(app, admin, &q).await;
            r.assert_status(StatusCode::OK);
            r.body["total"].as_i64().unwrap()
        }
    };
    assert_eq!(total("?action=external_appraiser.create".into()).await, 2);
    assert_eq!(
        total(format!(
            "?entity_type=external_appraiser&entity_id={}",
            writes[0].body["id"].as_str().unwrap()
        ))
        .await,
        2
    );
    assert_eq!(total(format!("?actor_id={}", admin.user_id)).await, 3);
    assert_eq!(total("?actor_id=someone-else".into()).await, 0);
    assert_eq!(
        total("?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z".into()).await,
        3
    );
    assert_eq!(total("?to=2000-01-01T00:00:00Z".into()).await, 0);
    let all = list(&app, admin, "").await;
    let second_at = all.body["items"][1]["at"].as_str().unwrap().to_owned();
    assert_eq!(
        total(format!("?from={second_at}")).await,
        2,
        "from is inclusive"
    );
    assert_eq!(
        total(format!("?to={second_at}")).await,
        2,
        "to is inclusive"
    );
    let page = list(&app, admin, "?per_page=2&page=2").await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(page.body["items"][0]["seq"], 1);

    let r = list(
        &app,
        admin,
        "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z",
    )
    .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["to"]);
    list(&app, admin, "?from=yesterday")
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "invalid_query");
}

#[actix_web::test]
async fn only_admins_auditors_and_audit_clients_read_the_audit_log() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    app.get("/api/v1/audit-log")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    app.get("/api/v1/audit-log/verify")
        .send()
        .await
        .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    for who in [&app.fx.a.employee, &app.fx.a.appraiser] {
        list(&app, who, "")
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
        app.get("/api/v1/audit-log/verify")
            .as_(who)
            .send()
            .await
            .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    }
    let r = list(&app, &app.fx.a.auditor, "").await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 3);
    list(
        &app,
        &app.fx.a.admin,
        &format!("?agency_id={}", app.fx.b.id),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    list(&app, &app.fx.a.admin, "?chain=global")
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");

    let reader = client_token(&app, app.fx.a.id, "audit:read").await;
    let r = app.get("/api/v1/audit-log").token(&reader).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 3);
    let other = client_token(&app, app.fx.a.id, "employees:read").await;
    app.get("/api/v1/audit-log/verify")
        .token(&other)
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn a_super_admin_names_the_agency_or_reads_the_global_chain() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    let root = &app.fx.super_admin;
    let r = list(&app, root, "").await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["agency_id"]);
    let r = list(&app, root, &format!("?agency_id={}", app.fx.a.id)).await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["total"], 3);
    let r = list(&app, root, "?chain=global").await;
    r.assert_status(StatusCode::OK);
    assert!(
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["chain"] == "global")
    );
    let r = app
        .get("/api/v1/audit-log/verify?chain=global")
        .as_(root)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["chain"], "global");
    assert_eq!(r.body["is_intact"], true);
    let r = list(&app, root, "?chain=everything").await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(r.error_fields(), vec!["chain"]);
}

#[actix_web::test]
async fn an_untouched_chain_verifies_intact() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    let r = verify(&app, &app.fx.a.auditor).await;
    assert_eq!(r.body["chain"], chain_a(&app));
    assert_eq!(r.body["is_intact"], true);
    assert_eq!(r.body["checked"], 3);
    assert!(r.body["first_break"].is_null());
    let empty = verify(&app, &app.fx.b.admin).await;
    assert_eq!(empty.body["is_intact"], true);
    assert_eq!(empty.body["checked"], 0);
}

#[actix_web::test]
async fn the_database_refuses_to_change_or_delete_audit_entries() {
    use kinerja_store::sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    let db = app.services.db.conn();
    let update = db
        .execute_unprepared("UPDATE audit_log SET after = '{}' WHERE seq = 2")
        .await;
    assert!(update.is_err(), "UPDATE refused by the trigger");
    let delete = db
        .execute_unprepared("DELETE FROM audit_log WHERE seq = 2")
        .await;
    assert!(delete.is_err(), "DELETE refused by the trigger");
    assert_eq!(verify(&app, &app.fx.a.admin).await.body["is_intact"], true);
}

#[actix_web::test]
async fn an_edited_entry_is_reported_as_a_hash_mismatch_at_its_seq() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    drop_triggers(&app).await;
    app.sql(&format!(
        "UPDATE audit_log SET after = '{{\"name\":\"Forged\"}}' WHERE chain = '{}' AND seq = 2",
        chain_a(&app)
    ))
    .await;
    let r = verify(&app, &app.fx.a.admin).await;
    assert_eq!(r.body["is_intact"], false);
    assert_eq!(r.body["checked"], 1, "entry 1 still checks out");
    assert_eq!(r.body["first_break"]["seq"], 2);
    assert_eq!(r.body["first_break"]["kind"], "hash_mismatch");
    assert!(
        !r.body["first_break"]["message"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    // The listing shows what is stored now; the verdict is the verifier's.
    let entries = list(&app, &app.fx.a.admin, "?per_page=1&page=2").await;
    assert_eq!(entries.body["items"][0]["after"]["name"], "Forged");
    // The command line's `kinerja verify-audit` sees it too.
    let reports = kinerja_service::audit::verify_all(app.services.db.conn())
        .await
        .expect("verify");
    let report = reports
        .iter()
        .find(|r| r.chain == chain_a(&app))
        .expect("chain of A");
    assert!(!report.is_intact);
    assert_eq!(
        verify(&app, &app.fx.b.admin).await.body["is_intact"],
        true,
        "B untouched"
    );
}

#[actix_web::test]
async fn a_deleted_entry_is_reported_as_a_gap() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    drop_triggers(&app).await;
    app.sql(&format!(
        "DELETE FROM audit_log WHERE chain = '{}' AND seq = 2",
        chain_a(&app)
    ))
    .await;
    let r = verify(&app, &app.fx.a.admin).await;
    assert_eq!(r.body["is_intact"], false);
    assert_eq!(r.body["first_break"]["seq"], 2);
    assert_eq!(r.body["first_break"]["kind"], "gap");
}

#[actix_web::test]
async fn deleting_the_newest_entry_is_reported_as_a_gap_too() {
    let app = TestApp::spawn().await;
    three_writes(&app).await;
    drop_triggers(&app).await;
    app.sql(&format!(
        "DELETE FROM audit_log WHERE chain = '{}' AND seq = 3",
        chain_a(&app)
    ))
    .await;
    let r = verify(&app, &app.fx.a.admin).await;
    assert_eq!(r.body["is_intact"], false);
    assert_eq!(r.body["first_break"]["seq"], 3);
    assert_eq!(r.body["first_break"]["kind"], "gap");
}
