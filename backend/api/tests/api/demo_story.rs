//! The demo's appraisal years (docs/demo.md): the data obeys the product's own rules, checked
//! through the API (kuadran, curve, content hashes, scoring is a no-op), and every story the
//! web app's end-to-end specs rely on can be played.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use kinerja_domain::rating::{Rating, kuadran};
use kinerja_service::demo;
use serde_json::{Value, json};

use crate::helpers::TestApp;

struct Demo {
    app: TestApp,
    tokens: HashMap<&'static str, (String, Option<String>)>,
}

impl Demo {
    async fn load() -> Demo {
        let app = TestApp::spawn().await;
        demo::load(&app.services, 2026).await.expect("demo loads");
        let mut tokens = HashMap::new();
        for (username, _) in demo::ACCOUNTS {
            let r = app
                .post("/api/v1/auth/login")
                .json(json!({"username": username, "password": demo::PASSWORD}))
                .send()
                .await;
            r.assert_status(StatusCode::OK);
            tokens.insert(
                username,
                (
                    r.body["access_token"].as_str().unwrap().to_owned(),
                    r.body["user"]["employee_id"].as_str().map(str::to_owned),
                ),
            );
        }
        Demo { app, tokens }
    }
    fn token(&self, who: &str) -> &str {
        &self.tokens[who].0
    }
    fn employee(&self, who: &str) -> String {
        self.tokens[who].1.clone().expect("an employee account")
    }
    async fn get(&self, who: &str, path: &str) -> Value {
        let r = self.app.get(path).token(self.token(who)).send().await;
        r.assert_status(StatusCode::OK);
        r.body
    }
    async fn cycle_2026(&self) -> (String, Vec<Value>) {
        let cycles = self.get("admin", "/api/v1/cycles").await;
        let c = cycles["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["year"] == 2026)
            .expect("the 2026 cycle")
            .clone();
        assert_eq!(c["status"], "running");
        let id = c["id"].as_str().unwrap().to_owned();
        let detail = self.get("admin", &format!("/api/v1/cycles/{id}")).await;
        (id, detail["periods"].as_array().unwrap().clone())
    }
    async fn evaluations(&self, who: &str, query: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let body = self
                .get(
                    who,
                    &format!("/api/v1/evaluations?{query}&per_page=100&page={page}"),
                )
                .await;
            let items = body["items"].as_array().unwrap().clone();
            let done = items.len() < 100;
            all.extend(items);
            if done {
                break;
            }
        }
        all
    }
}

fn rating(v: &Value) -> Option<Rating> {
    match v.as_str()? {
        "above" => Some(Rating::Above),
        "meets" => Some(Rating::Meets),
        "below" => Some(Rating::Below),
        _ => None,
    }
}

fn predicate_text(r: Rating, b: Rating) -> &'static str {
    use kinerja_domain::rating::EmployeePredicate as E;
    match kuadran(r, b) {
        E::VeryGood => "very_good",
        E::Good => "good",
        E::NeedsImprovement => "needs_improvement",
        E::Poor => "poor",
        E::VeryPoor => "very_poor",
    }
}

#[actix_web::test]
async fn the_demo_year_obeys_the_kuadran_the_curve_and_its_content_hashes() {
    let demo = Demo::load().await;
    let (cycle_id, periods) = demo.cycle_2026().await;
    let names: Vec<&str> = periods
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Triwulan I",
            "Triwulan II",
            "Triwulan III",
            "Triwulan IV",
            "Tahunan 2026"
        ]
    );
    let evals = demo
        .evaluations("admin", &format!("cycle_id={cycle_id}"))
        .await;
    assert!(evals.len() > 1000, "{} evaluations", evals.len());
    let mut by_status: HashMap<(String, String), usize> = HashMap::new();
    let period_name: HashMap<&str, &str> = periods
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    for e in &evals {
        *by_status
            .entry((
                period_name[e["period_id"].as_str().unwrap()].to_owned(),
                e["status"].as_str().unwrap().to_owned(),
            ))
            .or_default() += 1;
        if let (Some(r), Some(b)) = (rating(&e["result_rating"]), rating(&e["behaviour_rating"])) {
            assert_eq!(e["predicate"], predicate_text(r, b), "{e}");
        } else {
            assert!(e["predicate"].is_null());
        }
    }
    let count = |p: &str, s: &str| {
        by_status
            .get(&(p.to_owned(), s.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    assert_eq!(count("Triwulan I", "final"), 305);
    assert_eq!(count("Triwulan II", "final"), 303);
    assert_eq!(count("Triwulan II", "finalised"), 1);
    assert_eq!(count("Triwulan II", "objected"), 1);
    assert_eq!(count("Triwulan III", "rated"), 303);
    assert_eq!(count("Triwulan III", "awaiting_rating"), 2);
    assert_eq!(count("Triwulan IV", "filling"), 305);

    // Scoring the cycle again changes nothing: the stored predicates are the kuadran's, and
    // every unit head's result rating already follows the organisation predicate.
    let r = demo
        .app
        .post(&format!("/api/v1/cycles/{cycle_id}/score"))
        .token(demo.token("admin"))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["updated"], 0, "{}", r.body);

    // Every locked evaluation's content hash verifies (a sample of one in seven).
    let locked: Vec<&Value> = evals
        .iter()
        .filter(|e| ["final", "finalised", "objected"].contains(&e["status"].as_str().unwrap()))
        .collect();
    for e in locked.iter().step_by(7) {
        let v = demo
            .get(
                "admin",
                &format!("/api/v1/evaluations/{}/verify", e["id"].as_str().unwrap()),
            )
            .await;
        assert_eq!(v["is_intact"], true, "{v}");
    }

    // The curve holds in Q1 and Q2; in Q3 only Seksi Pelayanan Kesehatan Primer breaks it.
    for (i, expected) in [
        (0, vec![]),
        (1, vec![]),
        (2, vec!["Seksi Pelayanan Kesehatan Primer"]),
    ] {
        let d = demo
            .get(
                "admin",
                &format!(
                    "/api/v1/periods/{}/distribution",
                    periods[i]["id"].as_str().unwrap()
                ),
            )
            .await;
        let violating: Vec<&str> = d["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| !u["violations"].as_array().unwrap().is_empty())
            .map(|u| u["unit_name"].as_str().or(u["name"].as_str()).unwrap())
            .collect();
        assert_eq!(violating, expected, "period {}", periods[i]["name"]);
    }

    // The closed years have final annual results for everyone (promotion needs two years).
    let eligibility = demo
        .get(
            "admin",
            "/api/v1/follow-up/promotion-eligibility?as_of=2026-12-01&per_page=100",
        )
        .await;
    let text = eligibility.to_string();
    assert!(text.contains("\"is_eligible\":true"), "{text}");
}

#[actix_web::test]
async fn the_demo_stories_can_be_played_by_their_people() {
    let demo = Demo::load().await;
    let (cycle_id, periods) = demo.cycle_2026().await;
    let q2 = periods[1]["id"].as_str().unwrap();
    let q3 = periods[2]["id"].as_str().unwrap();
    let q4 = periods[3]["id"].as_str().unwrap();

    // pegawai: the Q2 result waits for acknowledgement; acknowledging opens the objection
    // window, and an objection goes to atasan.
    let pegawai = demo.employee("pegawai");
    let mine = demo
        .evaluations("pegawai", &format!("period_id={q2}&employee_id={pegawai}"))
        .await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["status"], "finalised");
    assert!(mine[0]["received_at"].is_null());
    let eval = mine[0]["id"].as_str().unwrap().to_owned();
    let r = demo
        .app
        .post(&format!("/api/v1/evaluations/{eval}/acknowledge"))
        .token(demo.token("pegawai"))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let r = demo
        .app
        .post(&format!("/api/v1/evaluations/{eval}/objections"))
        .token(demo.token("pegawai"))
        .json(json!({"reasons": "Capaian triwulan II saya memenuhi semua target dengan bukti dukung."}))
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let queue = demo
        .get("atasan", "/api/v1/objections?status=submitted")
        .await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 2, "{queue}");

    // penilai: one submitted plan to approve (the position change), two Q3 ratings to give.
    let penilai = demo.employee("penilai");
    let plans = demo
        .get(
            "penilai",
            &format!(
                "/api/v1/plans?cycle_id={cycle_id}&appraiser_employee_id={penilai}&status=submitted"
            ),
        )
        .await;
    assert_eq!(plans["items"].as_array().unwrap().len(), 1, "{plans}");
    let waiting = demo
        .evaluations(
            "penilai",
            &format!("period_id={q3}&appraiser=me&status=awaiting_rating"),
        )
        .await;
    assert_eq!(waiting.len(), 2);
    let target = waiting[0]["id"].as_str().unwrap();
    let current = demo
        .app
        .get(&format!("/api/v1/evaluations/{target}"))
        .token(demo.token("penilai"))
        .send()
        .await;
    let r = demo
        .app
        .put(&format!("/api/v1/evaluations/{target}/rating"))
        .token(demo.token("penilai"))
        .if_match(&current.etag())
        .json(
            json!({"result_rating": "above", "behaviour_rating": "meets",
                     "result_justification": "Semua target terlampaui dengan bukti lengkap."}),
        )
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["predicate"], "good");

    // pegawaibaru: no plan yet; a new plan cascades from penilai's approved plan.
    let newcomer = demo.employee("pegawaibaru");
    let none = demo
        .get(
            "pegawaibaru",
            &format!("/api/v1/plans?cycle_id={cycle_id}&employee_id={newcomer}"),
        )
        .await;
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    let r = demo
        .app
        .post("/api/v1/plans")
        .token(demo.token("pegawaibaru"))
        .json(
            json!({"cycle_id": cycle_id, "employee_id": newcomer, "approach": "quantitative",
                     "starts_on": "2026-10-01", "ends_on": "2026-12-31"}),
        )
        .send()
        .await;
    r.assert_status(StatusCode::CREATED);
    let plan = r.body["id"].as_str().unwrap().to_owned();
    let options = demo
        .get(
            "pegawaibaru",
            &format!("/api/v1/plans/{plan}/cascade-options"),
        )
        .await;
    let text = options.to_string();
    assert!(
        text.contains("Terlaksananya mutasi dan promosi ASN berbasis sistem merit"),
        "{text}"
    );

    // pegawai and rekan: pending Q4 peer requests in their 360 inboxes.
    for who in ["pegawai", "rekan"] {
        let inbox = demo
            .get(who, "/api/v1/feedback-requests/mine?per_page=100")
            .await;
        let pending_peer = inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["status"] == "pending"
                    && r["rater_role"] == "peer"
                    && r["period_name"] == "Triwulan IV"
            })
            .count();
        assert!(pending_peer >= 1, "{who}: {inbox}");
    }
    let _ = q4;
}

#[actix_web::test]
async fn each_demo_person_sees_the_work_waiting_for_them() {
    let demo = Demo::load().await;
    let tasks = |who: &'static str| {
        let demo = &demo;
        async move { demo.get(who, "/api/v1/me/tasks").await }
    };
    let pegawai = tasks("pegawai").await;
    assert_eq!(pegawai["results_to_acknowledge"], 1, "{pegawai}");
    assert_eq!(pegawai["evaluations_to_submit"], 1, "Q4 is being filled");
    assert!(
        pegawai["feedback_to_give"].as_u64().unwrap() >= 3,
        "{pegawai}"
    );
    assert!(pegawai["notifications_unread"].as_u64().unwrap() >= 1);
    assert_eq!(pegawai["my_plans"][0]["status"], "approved");
    assert_eq!(pegawai["cycles_without_plan"].as_array().unwrap().len(), 0);

    let penilai = tasks("penilai").await;
    assert_eq!(penilai["plans_to_approve"], 1, "{penilai}");
    assert_eq!(penilai["evaluations_to_rate"], 2);

    let atasan = tasks("atasan").await;
    assert_eq!(atasan["objections_to_decide"], 1, "{atasan}");

    let newcomer = tasks("pegawaibaru").await;
    assert_eq!(newcomer["my_plans"].as_array().unwrap().len(), 0);
    assert_eq!(newcomer["cycles_without_plan"][0]["year"], 2026);

    let admin = tasks("admin").await;
    assert!(admin["employee_id"].is_null());
    assert_eq!(
        admin["plans_to_review"], 0,
        "the demo cycle has no HR review"
    );
}

#[actix_web::test]
async fn an_employees_audit_trail_shows_their_records_and_never_who_rated_them() {
    let demo = Demo::load().await;
    let (cycle_id, periods) = demo.cycle_2026().await;
    let q2 = periods[1]["id"].as_str().unwrap();
    let q4 = periods[3]["id"].as_str().unwrap();
    let pegawai = demo.employee("pegawai");

    // pegawai acknowledges Q2; rekan answers a Q4 request about pegawai; penilai writes one
    // note pegawai may read and one private note.
    let mine = demo
        .evaluations("pegawai", &format!("period_id={q2}&employee_id={pegawai}"))
        .await;
    let q2_eval = mine[0]["id"].as_str().unwrap().to_owned();
    demo.app
        .post(&format!("/api/v1/evaluations/{q2_eval}/acknowledge"))
        .token(demo.token("pegawai"))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let inbox = demo
        .get("rekan", "/api/v1/feedback-requests/mine?per_page=100")
        .await;
    let about_pegawai: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["employee_id"] == pegawai.as_str() && r["status"] == "pending")
        .collect();
    let request = about_pegawai
        .first()
        .map(|r| r["id"].as_str().unwrap().to_owned());
    assert!(
        request.is_some(),
        "rekan is asked about pegawai in Q4: {inbox}"
    );
    if let Some(request) = &request {
        let answers: Vec<Value> = [
            "berorientasi_pelayanan",
            "akuntabel",
            "kompeten",
            "harmonis",
            "loyal",
            "adaptif",
            "kolaboratif",
        ]
        .iter()
        .map(|v| json!({"core_value": v, "rating": "meets"}))
        .collect();
        demo.app
            .put(&format!("/api/v1/feedback-requests/{request}/answers"))
            .token(demo.token("rekan"))
            .json(json!({"answers": answers}))
            .send()
            .await
            .assert_status(StatusCode::OK);
        demo.app
            .post(&format!("/api/v1/feedback-requests/{request}/submit"))
            .token(demo.token("rekan"))
            .send()
            .await
            .assert_status(StatusCode::OK);
    }
    let plans = demo
        .get(
            "pegawai",
            &format!("/api/v1/plans?cycle_id={cycle_id}&employee_id={pegawai}"),
        )
        .await;
    let plan = plans["items"][0]["id"].as_str().unwrap().to_owned();
    for (body, visibility) in [
        (
            "Laporan triwulan IV sudah lengkap, pertahankan.",
            "employee",
        ),
        (
            "Catatan pribadi: pertimbangkan untuk promosi tahun depan.",
            "private_to_appraiser",
        ),
    ] {
        let r = demo
            .app
            .post(&format!("/api/v1/plans/{plan}/continuous-feedback"))
            .token(demo.token("penilai"))
            .json(json!({"period_id": q4, "target_type": "general", "body": body, "visibility": visibility}))
            .send()
            .await;
        assert!(r.status.is_success(), "{}", r.text);
    }

    let trail = demo
        .get("pegawai", "/api/v1/me/audit-trail?per_page=100")
        .await;
    let items = trail["items"].as_array().unwrap();
    let actions: Vec<&str> = items
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"evaluation.acknowledge"), "{actions:?}");
    assert!(
        actions.contains(&"continuous_feedback.create"),
        "{actions:?}"
    );
    let text = trail.to_string();
    assert!(text.contains("Laporan triwulan IV sudah lengkap"));
    assert!(!text.contains("Catatan pribadi"), "a private note leaked");
    let rekan_user = demo.get("rekan", "/api/v1/me").await["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        !text.contains(&rekan_user) && !text.contains(&demo.employee("rekan")),
        "a peer's identity reached the rated employee's trail"
    );
    assert!(items.iter().all(|e| e["entity_type"] != "feedback_request"));
    // rekan's own trail holds their answer.
    if request.is_some() {
        let theirs = demo.get("rekan", "/api/v1/me/audit-trail").await;
        assert!(theirs.to_string().contains("feedback_request"));
    }
    // Accounts without an employee have no own records.
    demo.app
        .get("/api/v1/me/audit-trail")
        .token(demo.token("admin"))
        .send()
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
}

#[actix_web::test]
async fn each_person_is_offered_exactly_the_moves_they_may_make_on_an_evaluation() {
    let demo = Demo::load().await;
    let (_cycle, periods) = demo.cycle_2026().await;
    let q2 = periods[1]["id"].as_str().unwrap();
    let q3 = periods[2]["id"].as_str().unwrap();
    let q4 = periods[3]["id"].as_str().unwrap();
    let pegawai = demo.employee("pegawai");
    let allowed = |who: &'static str, id: String| {
        let demo = &demo;
        async move {
            demo.get(who, &format!("/api/v1/evaluations/{id}/allowed-actions"))
                .await
        }
    };
    let one = |who: &'static str, q: String| {
        let demo = &demo;
        async move {
            demo.evaluations(who, &q).await[0]["id"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let q2_mine = one("pegawai", format!("period_id={q2}&employee_id={pegawai}")).await;
    let a = allowed("pegawai", q2_mine.clone()).await;
    assert_eq!(a["actions"], json!(["acknowledge", "verify"]), "{a}");
    assert!(a["objection_last_day_on"].is_null());
    demo.app
        .post(&format!("/api/v1/evaluations/{q2_mine}/acknowledge"))
        .token(demo.token("pegawai"))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let a = allowed("pegawai", q2_mine.clone()).await;
    assert_eq!(a["actions"], json!(["object", "verify"]), "{a}");
    let last = kinerja_service::assignments::today() + chrono::Days::new(14);
    assert_eq!(a["objection_last_day_on"], last.to_string());
    // The appraiser reads the same result but may do nothing but verify it.
    assert_eq!(
        allowed("penilai", q2_mine).await["actions"],
        json!(["verify"])
    );

    // Q4 is open: pegawai hands in, nominates; penilai may manage raters, not rate.
    let q4_mine = one("pegawai", format!("period_id={q4}&employee_id={pegawai}")).await;
    assert_eq!(
        allowed("pegawai", q4_mine.clone()).await["actions"],
        json!(["submit", "nominate_peer"])
    );
    assert_eq!(
        allowed("penilai", q4_mine).await["actions"],
        json!(["manage_raters"])
    );

    // Q3 awaiting rating: penilai rates; HR manages raters; the unit head's own evaluation
    // shows the organisation predicate his result rating follows.
    let waiting = one(
        "penilai",
        format!("period_id={q3}&appraiser=me&status=awaiting_rating"),
    )
    .await;
    assert_eq!(
        allowed("penilai", waiting.clone()).await["actions"],
        json!(["rate", "manage_raters"])
    );
    assert_eq!(
        allowed("admin", waiting).await["actions"],
        json!(["manage_raters"])
    );
    let penilai = demo.employee("penilai");
    let head = one("atasan", format!("period_id={q3}&employee_id={penilai}")).await;
    let a = allowed("atasan", head.clone()).await;
    assert_eq!(a["leader"]["organisation_predicate"], "good", "{a}");
    assert_eq!(a["leader"]["result_rating"], "meets");
    assert_eq!(a["actions"], json!(["rate", "manage_raters"]));
    assert_eq!(
        allowed("admin", head).await["actions"],
        json!(["calibrate", "manage_raters"])
    );
    // The detail carries the same, with names.
    let detail = demo
        .get(
            "pegawai",
            &format!(
                "/api/v1/evaluations/{q2_mine_again}",
                q2_mine_again =
                    one("pegawai", format!("period_id={q2}&employee_id={pegawai}")).await
            ),
        )
        .await;
    assert_eq!(detail["employee_name"], "Dimas, S.Psi.");
    assert_eq!(detail["appraiser_name"], "H. Joko Lubis, S.IP., M.AP.");
    assert_eq!(detail["allowed"]["actions"], json!(["object", "verify"]));
}

#[actix_web::test]
async fn a_unit_heads_result_rating_follows_a_changed_organisation_predicate() {
    let demo = Demo::load().await;
    let (cycle_id, periods) = demo.cycle_2026().await;
    let q3 = periods[2]["id"].as_str().unwrap();
    let penilai = demo.employee("penilai");
    let head = demo
        .evaluations("admin", &format!("period_id={q3}&employee_id={penilai}"))
        .await
        .remove(0);
    assert_eq!(head["result_rating"], "meets");
    let behaviour = head["behaviour_rating"].as_str().unwrap().to_owned();
    let unit = head["unit_id"].as_str().unwrap().to_owned();
    let url = format!("/api/v1/units/{unit}/org-performance/{q3}");
    let r = demo
        .app
        .put(&url)
        .token(demo.token("admin"))
        .json(json!({"predicate": "outstanding", "reason": "Semua rencana aksi triwulan III melampaui target."}))
        .send()
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let after = demo
        .get(
            "admin",
            &format!("/api/v1/evaluations/{}", head["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(after["result_rating"], "above");
    let expected = if behaviour == "above" {
        "very_good"
    } else if behaviour == "below" {
        "poor"
    } else {
        "good"
    };
    assert_eq!(after["predicate"], expected);
    assert_eq!(demo.app.audit_count("evaluation.leader_rederived").await, 1);
    // His own trail says why.
    let trail = demo
        .get("penilai", "/api/v1/me/audit-trail?entity_type=evaluation")
        .await;
    assert_eq!(trail["items"][0]["action"], "evaluation.leader_rederived");

    // A predicate changed behind the application's back is caught by the batch score.
    demo.app
        .sql("UPDATE org_performance SET predicate = 'needs_improvement' WHERE predicate = 'outstanding' AND version > 1")
        .await;
    let r = demo
        .app
        .post(&format!("/api/v1/cycles/{cycle_id}/score"))
        .token(demo.token("admin"))
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["updated"], 1, "{}", r.body);
    let again = demo
        .get(
            "admin",
            &format!("/api/v1/evaluations/{}", head["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(again["result_rating"], "below");
    assert_eq!(demo.app.audit_count("evaluation.score").await, 1);
}

#[actix_web::test]
async fn an_employee_finds_colleagues_to_nominate_without_learning_who_rates_them() {
    let demo = Demo::load().await;
    let (_cycle, periods) = demo.cycle_2026().await;
    let q4 = periods[3]["id"].as_str().unwrap();
    let pegawai = demo.employee("pegawai");
    let eval = demo
        .evaluations("pegawai", &format!("period_id={q4}&employee_id={pegawai}"))
        .await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = format!("/api/v1/evaluations/{eval}/nominable-peers");
    let unit = demo.get("pegawai", &url).await;
    let names: Vec<&str> = unit
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Hendra, S.Psi."), "{names:?}");
    assert!(!names.contains(&"Dimas, S.Psi."), "not oneself");
    assert!(
        !names.contains(&"H. Joko Lubis, S.IP., M.AP."),
        "not the appraiser"
    );
    assert!(
        unit.as_array()
            .unwrap()
            .iter()
            .all(|p| p["is_same_unit"] == true)
    );
    // The same colleagues whether or not they were asked: nothing in the answer says so.
    let text = unit.to_string();
    for word in ["status", "requested", "rater", "pending"] {
        assert!(!text.contains(word), "{word} in {text}");
    }
    let search = demo.get("pegawai", &format!("{url}?q=budi")).await;
    assert!(
        search.as_array().unwrap().iter().all(|p| p["name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("budi"))
    );
    demo.app
        .get(&url)
        .token(demo.token("rekan"))
        .send()
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not_found");
    demo.app
        .get(&format!("{url}?q=x"))
        .token(demo.token("pegawai"))
        .send()
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "validation");
}

#[actix_web::test]
async fn why_rating_is_blocked_comes_as_a_code_and_actors_are_named_in_the_trail() {
    let demo = Demo::load().await;
    let (_cycle, periods) = demo.cycle_2026().await;
    let q2 = periods[1]["id"].as_str().unwrap();
    let q4 = periods[3]["id"].as_str().unwrap();
    let penilai = demo.employee("penilai");
    let head_q4 = demo
        .evaluations("atasan", &format!("period_id={q4}&employee_id={penilai}"))
        .await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The Q4 evaluation is still being filled: nothing to rate yet, hence no reason either.
    let a = demo
        .get(
            "atasan",
            &format!("/api/v1/evaluations/{head_q4}/allowed-actions"),
        )
        .await;
    assert!(a["rating_blocked_code"].is_null(), "{a}");
    demo.app
        .sql("UPDATE evaluations SET status = 'awaiting_rating' WHERE period_id IN (SELECT id FROM periods WHERE name = 'Triwulan IV') AND employee_id IN (SELECT employee_id FROM users WHERE username = 'penilai')")
        .await;
    let a = demo
        .get(
            "atasan",
            &format!("/api/v1/evaluations/{head_q4}/allowed-actions"),
        )
        .await;
    let q4_ends = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    if kinerja_service::assignments::today() <= q4_ends {
        assert_eq!(a["rating_blocked_code"], "period_not_ended", "{a}");
        assert_eq!(a["rating_opens_on"], "2027-01-01");
    } else {
        assert_eq!(
            a["rating_blocked_code"], "organisation_predicate_missing",
            "{a}"
        );
    }
    assert!(!a["actions"].as_array().unwrap().contains(&json!("rate")));

    let pegawai = demo.employee("pegawai");
    let q2_mine = demo
        .evaluations("pegawai", &format!("period_id={q2}&employee_id={pegawai}"))
        .await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    demo.app
        .post(&format!("/api/v1/evaluations/{q2_mine}/acknowledge"))
        .token(demo.token("pegawai"))
        .send()
        .await
        .assert_status(StatusCode::OK);
    let trail = demo.get("pegawai", "/api/v1/me/audit-trail").await;
    assert_eq!(trail["items"][0]["actor_label"], "pegawai");
    assert_eq!(trail["items"][0]["actor_name"], "Dimas, S.Psi.");
}
