//! The demo agency: deterministic, valid identifiers, working logins, an appraiser for everyone.

use actix_web::http::StatusCode;
use kinerja_domain::nip;
use kinerja_domain::org::{AsnType, Sex};
use kinerja_service::demo;
use kinerja_store::entities::{agency, employee, unit};
use kinerja_store::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::helpers::TestApp;

async fn demo_agency(app: &TestApp) -> agency::Model {
    agency::Entity::find()
        .filter(agency::Column::Code.eq(demo::AGENCY_CODE))
        .one(app.services.db.conn())
        .await
        .expect("query")
        .expect("the demo agency exists")
}

async fn demo_employees(app: &TestApp) -> Vec<employee::Model> {
    let ag = demo_agency(app).await;
    employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(ag.id))
        .order_by_asc(employee::Column::Nip)
        .all(app.services.db.conn())
        .await
        .expect("employees")
}

async fn loaded(seed: u64) -> TestApp {
    let app = TestApp::spawn().await;
    let started = std::time::Instant::now();
    let summary = demo::load(&app.services, seed).await.expect("demo loads");
    eprintln!("demo loaded in {:?}", started.elapsed());
    assert!(summary.contains("Kinerja-Demo-2026"), "{summary}");
    app
}

#[actix_web::test]
async fn the_same_seed_gives_the_same_people_and_another_seed_other_people() {
    let first = loaded(2026).await;
    let second = loaded(2026).await;
    let people = |e: Vec<employee::Model>| -> Vec<(String, String, String)> {
        e.into_iter()
            .map(|e| (e.nip, e.name, e.golongan.unwrap_or_default()))
            .collect()
    };
    let a = people(demo_employees(&first).await);
    let b = people(demo_employees(&second).await);
    assert!(!a.is_empty());
    assert_eq!(a, b);
    drop((first, second));
    let other = loaded(7).await;
    assert_ne!(people(demo_employees(&other).await), a);
}

#[actix_web::test]
async fn the_demo_is_a_regency_of_about_twenty_units_and_three_hundred_valid_employees() {
    let app = loaded(2026).await;
    let ag = demo_agency(&app).await;
    assert_eq!(ag.name, "Pemerintah Kabupaten Demo Sejahtera");
    let units = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(ag.id))
        .all(app.services.db.conn())
        .await
        .unwrap();
    assert!((18..=26).contains(&units.len()), "{} units", units.len());
    for name in [
        "Sekretariat Daerah",
        "Dinas Pendidikan",
        "Dinas Kesehatan",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Badan Perencanaan Pembangunan Daerah",
        "Inspektorat Daerah",
    ] {
        assert!(units.iter().any(|u| u.name == name), "{name}");
    }
    let employees = demo_employees(&app).await;
    assert!(
        (280..=320).contains(&employees.len()),
        "{}",
        employees.len()
    );
    let pppk = employees.iter().filter(|e| e.asn_type == "pppk").count();
    let share = pppk as f64 / employees.len() as f64;
    assert!((0.12..=0.28).contains(&share), "PPPK share {share}");

    let today = chrono::Utc::now().date_naive();
    for e in &employees {
        let asn = AsnType::parse(&e.asn_type).unwrap();
        let info = nip::validate_identifier(asn, &e.nip, today)
            .unwrap_or_else(|p| panic!("{} {}: {p:?}", e.nip, e.name));
        assert!(info.warnings.is_empty(), "{}: {:?}", e.nip, info.warnings);
        let sex = Sex::parse(&e.sex).unwrap();
        assert!(nip::cross_check(&info, Some(e.birth_on), Some(sex)).is_empty());
        let g = e.golongan.as_deref().expect("golongan");
        assert!(
            kinerja_domain::reference::find_golongan(asn, g).is_some(),
            "{g} for {asn}"
        );
        assert!(
            e.rank_since_on
                .is_some_and(|d| d <= today && d >= e.birth_on)
        );
    }
    assert_eq!(app.audit_count("demo.load").await, 1);
    let report =
        kinerja_service::audit::verify_chain(app.services.db.conn(), &format!("agency:{}", ag.id))
            .await
            .unwrap();
    assert!(report.is_intact);
}

#[actix_web::test]
async fn every_demo_account_logs_in_with_the_demo_password() {
    let app = loaded(2026).await;
    for (username, role) in [
        ("superadmin", "super_admin"),
        ("admin", "agency_admin"),
        ("auditor", "auditor"),
        ("pegawai", "employee"),
        ("penilai", "employee"),
    ] {
        let r = app
            .post("/api/v1/auth/login")
            .json(json!({"username": username, "password": demo::PASSWORD}))
            .send()
            .await;
        r.assert_status(StatusCode::OK);
        assert_eq!(r.body["user"]["role"], role, "{username}");
    }
}

#[actix_web::test]
async fn every_demo_employee_has_an_appraiser_today_and_the_top_is_appraised_by_the_regent() {
    let app = loaded(2026).await;
    let employees = demo_employees(&app).await;
    let mut by_regent = Vec::new();
    for e in &employees {
        let r = app
            .get(&format!("/api/v1/employees/{}/appraiser", e.id))
            .as_(&app.fx.super_admin)
            .send()
            .await;
        r.assert_status(StatusCode::OK);
        assert_ne!(r.body["appraiser"]["id"], e.id.to_string());
        if r.body["appraiser"]["kind"] == "external" {
            by_regent.push(r);
        } else {
            assert!(
                !r.body["appraiser_superior"].is_null(),
                "{} has an appraiser's superior",
                e.name
            );
        }
    }
    assert_eq!(by_regent.len(), 1, "only the top is appraised from outside");
    let top = &by_regent[0];
    assert_eq!(top.body["appraiser"]["status"], "non_asn");
    assert_eq!(top.body["appraiser"]["position"], "Bupati Demo Sejahtera");
    assert_eq!(top.body["employee"]["position"], "Sekretaris Daerah");
    assert_eq!(top.body["appraiser_superior"]["kind"], "external");
}

#[actix_web::test]
async fn the_demo_penilai_appraises_the_demo_pegawai() {
    let app = loaded(2026).await;
    let login = |username: &'static str| {
        let app = &app;
        async move {
            let r = app
                .post("/api/v1/auth/login")
                .json(json!({"username": username, "password": demo::PASSWORD}))
                .send()
                .await;
            r.assert_status(StatusCode::OK);
            (
                r.body["access_token"].as_str().unwrap().to_owned(),
                r.body["user"]["employee_id"].as_str().unwrap().to_owned(),
            )
        }
    };
    let (pegawai_token, pegawai) = login("pegawai").await;
    let (penilai_token, penilai) = login("penilai").await;
    let r = app
        .get(&format!("/api/v1/employees/{pegawai}/appraiser"))
        .token(&pegawai_token)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    assert_eq!(r.body["appraiser"]["id"], penilai);
    let r = app
        .get(&format!("/api/v1/employees/{penilai}/appraisees"))
        .token(&penilai_token)
        .send()
        .await;
    r.assert_status(StatusCode::OK);
    let items = r.body["items"].as_array().unwrap();
    assert!(items.len() >= 5, "the penilai appraises their bidang");
    assert!(
        items
            .iter()
            .any(|i| i["employee"]["id"] == pegawai.as_str())
    );
}

#[actix_web::test]
async fn the_demo_loads_only_into_an_empty_database_and_only_once() {
    let app = TestApp::spawn().await;
    assert!(
        demo::load_if_empty(&app.services, 2026)
            .await
            .expect("no error")
            .is_none(),
        "the fixture's agencies exist"
    );
    demo::load(&app.services, 2026).await.expect("first load");
    let again = demo::load(&app.services, 2026).await;
    assert!(
        matches!(
            again,
            Err(kinerja_service::ServiceError::Conflict {
                code: "demo_exists",
                ..
            })
        ),
        "{again:?}"
    );
}
