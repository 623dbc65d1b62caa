//! Continuous feedback, dialogues and notifications, from outside.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::engine_fixture::running_cycle;
use crate::helpers::TestApp;

#[actix_web::test]
async fn the_appraiser_writes_feedback_the_employee_sees_only_what_is_addressed_to_them() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let path = format!("/api/v1/plans/{}/continuous-feedback", c.staff_1a.id);
    let open = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "work_result", "target_id": c.staff_1a.work_results[0], "period_id": c.quarters[0],
                     "body": "Laporan triwulan I tepat waktu.", "visibility": "employee"}))
        .send()
        .await;
    open.assert_status(StatusCode::CREATED);
    assert_eq!(open.body["author_role"], "appraiser");
    let private = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "core_value", "core_value": "kolaboratif", "body": "Perlu dipantau: kerja sama lintas bidang.", "visibility": "private_to_appraiser"}))
        .send()
        .await;
    private.assert_status(StatusCode::CREATED);
    let note = app
        .post(&path)
        .as_(&fx.employee)
        .json(json!({"target_type": "indicator", "target_id": c.staff_1a.indicators[1], "body": "Data sekolah terlambat dari operator.", "visibility": "employee"}))
        .send()
        .await;
    note.assert_status(StatusCode::CREATED);
    assert_eq!(note.body["author_role"], "employee");
    assert_eq!(app.audit_count("continuous_feedback.create").await, 3);

    let mine = app.get(&path).as_(&fx.employee).send().await;
    mine.assert_status(StatusCode::OK);
    assert_eq!(mine.body.as_array().unwrap().len(), 2);
    assert!(
        !mine.text.contains("Perlu dipantau"),
        "private notes stay with the appraiser"
    );
    let all = app.get(&path).as_(&fx.appraiser).send().await;
    assert_eq!(all.body.as_array().unwrap().len(), 3);
    app.get(&path)
        .as_(&fx.admin)
        .send()
        .await
        .assert_status(StatusCode::OK);
    // The employee was notified of the appraiser's feedback addressed to them (one, not the private one).
    let n = app
        .get("/api/v1/notifications/mine")
        .as_(&fx.employee)
        .send()
        .await;
    assert_eq!(n.body["total"], 1);
    assert_eq!(n.body["items"][0]["kind"], "continuous_feedback");
}

#[actix_web::test]
async fn continuous_feedback_is_checked_and_refused_to_strangers() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let path = format!("/api/v1/plans/{}/continuous-feedback", c.staff_1a.id);
    let ok = json!({"target_type": "general", "body": "Baik.", "visibility": "employee"});
    let r = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "work_result", "target_id": c.staff_2.work_results[0], "body": "x", "visibility": "employee"}))
        .send()
        .await;
    r.assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
    assert_eq!(
        r.error_fields(),
        vec!["target_id"],
        "a work result of another plan"
    );
    let r = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "core_value", "body": "x", "visibility": "employee"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), vec!["core_value"]);
    let r = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "general", "body": "", "visibility": "employee"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), vec!["body"]);
    let r = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"target_type": "general", "period_id": app.fx.b.id, "body": "x", "visibility": "employee"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), vec!["period_id"]);
    let r = app
        .post(&path)
        .as_(&fx.employee)
        .json(json!({"target_type": "general", "body": "x", "visibility": "private_to_appraiser"}))
        .send()
        .await;
    assert_eq!(r.error_fields(), vec!["visibility"]);
    app.post(&path)
        .as_(&fx.admin)
        .json(ok.clone())
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    app.post(&path)
        .as_(&fx.auditor)
        .json(ok.clone())
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&path)
        .as_(&fx.other_employee)
        .json(ok.clone())
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    app.post(&path)
        .as_(&app.fx.b.admin)
        .json(ok.clone())
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&path)
        .json(ok.clone())
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    app.get(&path)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&path)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count("continuous_feedback.create").await, 0);
}

#[actix_web::test]
async fn dialogues_are_recorded_by_the_appraiser_or_the_employee() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let path = format!("/api/v1/plans/{}/dialogues", c.staff_1a.id);
    let body = json!({"held_on": "2026-04-08", "kind": "monitoring", "notes": "Capaian triwulan I dan kendala data.", "follow_up": "Koordinasi operator sebelum 30 April."});
    let r = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(body.clone())
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    assert_eq!(r.body["kind"], "monitoring");
    assert_eq!(app.audit_count("dialogue.create").await, 1);
    app.post(&path)
        .as_(&fx.employee)
        .json(json!({"held_on": "2026-02-02", "kind": "planning", "notes": "Penyusunan SKP."}))
        .send()
        .await
        .assert_status(StatusCode::CREATED);
    let list = app.get(&path).as_(&fx.employee).send().await;
    list.assert_status(StatusCode::OK);
    let items = list.body.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["held_on"], "2026-02-02", "by date");
    let future = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"held_on": "2099-01-01", "kind": "coaching", "notes": "x"}))
        .send()
        .await;
    assert_eq!(future.error_fields(), vec!["held_on"]);
    let empty = app
        .post(&path)
        .as_(&fx.appraiser)
        .json(json!({"held_on": "2026-04-08", "kind": "coaching", "notes": ""}))
        .send()
        .await;
    assert_eq!(empty.error_fields(), vec!["notes"]);
    app.post(&path)
        .as_(&fx.admin)
        .json(body.clone())
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&path)
        .as_(&fx.other_employee)
        .json(body.clone())
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&path)
        .as_(&app.fx.b.admin)
        .json(body.clone())
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&path)
        .json(body.clone())
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    app.get(&path)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.get(&path)
        .as_(&fx.auditor)
        .send()
        .await
        .assert_status(StatusCode::OK);
}

#[actix_web::test]
async fn notifications_are_listed_unread_first_and_marked_read_by_their_recipient_only() {
    let app = TestApp::spawn().await;
    let fx = app.fx.a.clone();
    let c = running_cycle(&app, &fx, None).await;
    let path = format!("/api/v1/plans/{}/continuous-feedback", c.staff_1a.id);
    for body in ["Pertama", "Kedua", "Ketiga"] {
        app.post(&path)
            .as_(&fx.appraiser)
            .json(json!({"target_type": "general", "body": body, "visibility": "employee"}))
            .send()
            .await
            .assert_status(StatusCode::CREATED);
    }
    let list = app
        .get("/api/v1/notifications/mine?per_page=2")
        .as_(&fx.employee)
        .send()
        .await;
    list.assert_status(StatusCode::OK);
    assert_eq!(list.body["total"], 3);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 2);
    let oldest = app
        .get("/api/v1/notifications/mine?page=2&per_page=2")
        .as_(&fx.employee)
        .send()
        .await;
    let oldest_id = oldest.body["items"][0]["id"].as_str().unwrap().to_owned();
    let read = format!("/api/v1/notifications/{oldest_id}/read");
    app.post(&read)
        .as_(&fx.other_employee)
        .send()
        .await
        .assert_status(StatusCode::NOT_FOUND);
    app.post(&read)
        .as_(&app.fx.b.admin)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post(&read)
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
    let r = app.post(&read).as_(&fx.employee).send().await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["is_read"], true);
    assert_eq!(app.audit_count("notification.read").await, 1);
    // Read again: idempotent.
    app.post(&read)
        .as_(&fx.employee)
        .send()
        .await
        .assert_status(StatusCode::OK);
    assert_eq!(app.audit_count("notification.read").await, 1);
    // Newest read one goes last; unread first.
    let all = app
        .get("/api/v1/notifications/mine")
        .as_(&fx.employee)
        .send()
        .await;
    let items = all.body["items"].as_array().unwrap();
    assert_eq!(items[2]["id"], oldest_id.as_str());
    assert_eq!(items[0]["is_read"], false);
    assert_eq!(items[1]["is_read"], false);
    let bad = app
        .get("/api/v1/notifications/mine?per_page=0")
        .as_(&fx.employee)
        .send()
        .await;
    assert_eq!(bad.error_fields(), vec!["per_page"]);
    app.get("/api/v1/notifications/mine")
        .as_(&fx.admin)
        .send()
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get("/api/v1/notifications/mine")
        .send()
        .await
        .assert_status(StatusCode::UNAUTHORIZED);
}
