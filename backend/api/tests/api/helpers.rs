#![allow(dead_code)]
//! The test harness: a fresh database per test (SQLite by default, PostgreSQL when
//! TEST_DATABASE_URL is set), migrated and seeded with two agencies, served in-process on the
//! same route table as the server.

use std::rc::Rc;

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::{Method, StatusCode, header};
use actix_web::test;
use chrono::NaiveDate;
use futures_util::future::LocalBoxFuture;
use kinerja_api::app;
use kinerja_api::state::AppState;
use kinerja_domain::org::{AsnType, FunctionalLevel, PositionKind, Role, Sex, UnitKind};
use kinerja_service::{Services, auth::AuthConfig, seed};
use serde_json::Value;
use uuid::Uuid;

pub const PASSWORD: &str = "Fixture-Password-2026";
pub const JWT_SECRET: &str = "test-secret-that-is-long-enough-for-hs256-0123456789";

type Call = Box<dyn Fn(actix_http::Request) -> LocalBoxFuture<'static, ServiceResponse<BoxBody>>>;

pub struct TestApp {
    call: Call,
    pub services: Services,
    pub fx: Fixture,
    pub database_url: String,
    cleanup: Option<Cleanup>,
}

enum Cleanup {
    Sqlite(std::path::PathBuf),
    Postgres { admin_url: String, name: String },
}

/// A seeded account and a ready access token.
#[derive(Clone, Debug)]
pub struct Account {
    pub user_id: Uuid,
    pub username: String,
    pub token: String,
}

/// One agency of the fixture:
/// root ─┬─ unit_1 (Dinas Pendidikan, head_1) ── unit_1a (Bidang, staff_1a and peer_1a)
///       └─ unit_2 (Dinas Kesehatan, head_2, staff_2)
/// Appraisers: staff_1a and peer_1a by head_1; staff_2 by head_2; head_1 and head_2 by top.
#[derive(Clone, Debug)]
pub struct AgencyFx {
    pub id: Uuid,
    pub code: String,
    pub root: Uuid,
    pub unit_1: Uuid,
    pub unit_1a: Uuid,
    pub unit_2: Uuid,
    pub position_staff: Uuid,
    pub top: Uuid,
    pub head_1: Uuid,
    pub staff_1a: Uuid,
    pub peer_1a: Uuid,
    pub head_2: Uuid,
    pub staff_2: Uuid,
    pub staff_1a_nip: String,
    /// agency_admin
    pub admin: Account,
    pub auditor: Account,
    /// The employee account of head_1 (appraiser of staff_1a and peer_1a).
    pub appraiser: Account,
    /// The employee account of staff_1a.
    pub employee: Account,
    /// The employee account of staff_2 (another unit).
    pub other_employee: Account,
}

#[derive(Clone, Debug)]
pub struct Fixture {
    pub super_admin: Account,
    pub a: AgencyFx,
    pub b: AgencyFx,
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl TestResponse {
    /// The problem `type` suffix (`urn:kinerja:problem:<code>`), or "" when not a problem.
    pub fn problem_type(&self) -> String {
        self.body["type"]
            .as_str()
            .unwrap_or("")
            .trim_start_matches("urn:kinerja:problem:")
            .to_owned()
    }
    pub fn etag(&self) -> String {
        self.headers
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }
    /// Field names listed in a 422 problem's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
    #[track_caller]
    pub fn assert_status(&self, expected: StatusCode) -> &Self {
        assert_eq!(
            self.status, expected,
            "unexpected status; body: {}",
            self.text
        );
        self
    }
    #[track_caller]
    pub fn assert_problem(&self, status: StatusCode, problem_type: &str) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body: {}",
            self.text
        );
        assert_eq!(
            self.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json"),
            "errors are problem+json; body: {}",
            self.text
        );
        assert_eq!(
            self.problem_type(),
            problem_type,
            "problem type; body: {}",
            self.text
        );
        self
    }
}

/// A request under construction.
pub struct Req<'a> {
    app: &'a TestApp,
    inner: test::TestRequest,
}

impl Req<'_> {
    pub fn token(mut self, token: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        self
    }
    pub fn as_(self, account: &Account) -> Self {
        let token = account.token.clone();
        self.token(&token)
    }
    pub fn json(mut self, body: Value) -> Self {
        self.inner = self.inner.set_json(body);
        self
    }
    pub fn body(mut self, content_type: &str, body: impl Into<actix_web::web::Bytes>) -> Self {
        self.inner = self
            .inner
            .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
            .set_payload(body);
        self
    }
    pub fn if_match(mut self, etag: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((header::IF_MATCH, etag.to_owned()));
        self
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((name.to_owned(), value.to_owned()));
        self
    }
    pub async fn send(self) -> TestResponse {
        let resp = (self.app.call)(self.inner.to_request()).await;
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = test::read_body(resp).await;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        TestResponse {
            status,
            headers,
            body,
            text,
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let (database_url, cleanup) = fresh_database().await;
        let conn = kinerja_service::open_database(&database_url)
            .await
            .expect("open and migrate the test database");
        let services = Services::new(conn, AuthConfig::with_secret(JWT_SECRET));
        let fx = seed_fixture(&services).await;
        let state = AppState {
            services: services.clone(),
        };
        let svc = Rc::new(test::init_service(app::build(state, None)).await);
        let call: Call = Box::new(move |req| {
            let svc = svc.clone();
            Box::pin(async move { test::call_service(&*svc, req).await.map_into_boxed_body() })
        });
        TestApp {
            call,
            services,
            fx,
            database_url,
            cleanup: Some(cleanup),
        }
    }

    pub fn req(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            inner: test::TestRequest::default().method(method).uri(path),
        }
    }
    pub fn get(&self, path: &str) -> Req<'_> {
        self.req(Method::GET, path)
    }
    pub fn post(&self, path: &str) -> Req<'_> {
        self.req(Method::POST, path)
    }
    pub fn patch(&self, path: &str) -> Req<'_> {
        self.req(Method::PATCH, path)
    }
    pub fn put(&self, path: &str) -> Req<'_> {
        self.req(Method::PUT, path)
    }
    pub fn delete(&self, path: &str) -> Req<'_> {
        self.req(Method::DELETE, path)
    }

    /// Raw SQL on the test database (tamper tests, assertions on stored state).
    pub async fn sql(&self, statement: &str) {
        use kinerja_store::sea_orm::ConnectionTrait;
        self.services
            .db
            .conn()
            .execute_unprepared(statement)
            .await
            .expect("raw SQL");
    }

    /// Number of audit entries with this action.
    pub async fn audit_count(&self, action: &str) -> i64 {
        use kinerja_store::sea_orm::{ConnectionTrait, Statement};
        let db = self.services.db.conn();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}'"),
            ))
            .await
            .expect("count")
            .expect("row");
        row.try_get::<i64>("", "n").expect("n")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Every test ends by checking the progress counters the database triggers keep
        // against a recount of the rows (decision record 0008): whatever the test wrote.
        if !std::thread::panicking() {
            let url = self.database_url.clone();
            let mismatches = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async move {
                    let db = kinerja_store::sea_orm::Database::connect(url.as_str())
                        .await
                        .expect("reconnect to the test database");
                    let found = kinerja_service::progress::verify_counters(&db)
                        .await
                        .expect("verify the progress counters");
                    let _ = db.close().await;
                    found
                })
            })
            .join()
            .expect("the counter check ran");
            if !mismatches.is_empty() {
                self.cleanup.take();
                panic!(
                    "progress counters disagree with the rows ({}): {:#?}",
                    mismatches.len(),
                    &mismatches[..mismatches.len().min(10)]
                );
            }
        }
        match self.cleanup.take() {
            Some(Cleanup::Sqlite(dir)) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Some(Cleanup::Postgres { admin_url, name }) => {
                // Drop runs inside the test's runtime; a separate thread gets its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    rt.block_on(async move {
                        use kinerja_store::sea_orm::ConnectionTrait;
                        if let Ok(db) =
                            kinerja_store::sea_orm::Database::connect(admin_url.as_str()).await
                        {
                            let _ = db
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                                ))
                                .await;
                        }
                    });
                })
                .join();
            }
            None => {}
        }
    }
}

async fn fresh_database() -> (String, Cleanup) {
    match std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
    {
        Some(admin_url) => {
            use kinerja_store::sea_orm::ConnectionTrait;
            let name = format!("kinerja_test_{}", Uuid::new_v4().simple());
            let admin = kinerja_store::sea_orm::Database::connect(admin_url.as_str())
                .await
                .expect("connect to TEST_DATABASE_URL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create test database");
            let _ = admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            (
                format!("{base}/{name}"),
                Cleanup::Postgres { admin_url, name },
            )
        }
        None => {
            let dir =
                std::env::temp_dir().join(format!("kinerja-test-{}", Uuid::new_v4().simple()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            (
                format!("sqlite://{}/test.sqlite?mode=rwc", dir.display()),
                Cleanup::Sqlite(dir),
            )
        }
    }
}

async fn password_hash() -> String {
    static HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    HASH.get_or_init(|| async {
        kinerja_service::security::hash_password(PASSWORD)
            .await
            .expect("hash")
    })
    .await
    .clone()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

async fn account(
    s: &Services,
    agency: Option<Uuid>,
    username: &str,
    role: Role,
    employee: Option<Uuid>,
) -> Account {
    let u = seed::user(
        s.db.conn(),
        agency,
        username,
        role,
        employee,
        &password_hash().await,
    )
    .await
    .expect("seed user");
    let token = kinerja_service::auth::mint_access_token(s, u.id)
        .await
        .expect("token");
    Account {
        user_id: u.id,
        username: username.to_owned(),
        token,
    }
}

async fn seed_agency(s: &Services, code: &str, name: &str, n: u32) -> AgencyFx {
    let db = s.db.conn();
    let ag = seed::agency(db, code, name).await.expect("agency");
    let root = seed::unit(
        db,
        ag.id,
        None,
        &format!("{code}-ROOT"),
        &format!("Pemerintah {name}"),
        UnitKind::Other,
    )
    .await
    .unwrap();
    let u1 = seed::unit(
        db,
        ag.id,
        Some(&root),
        &format!("{code}-DISDIK"),
        "Dinas Pendidikan",
        UnitKind::Dinas,
    )
    .await
    .unwrap();
    let u1a = seed::unit(
        db,
        ag.id,
        Some(&u1),
        &format!("{code}-DISDIK-SD"),
        "Bidang Pembinaan SD",
        UnitKind::Bidang,
    )
    .await
    .unwrap();
    let u2 = seed::unit(
        db,
        ag.id,
        Some(&root),
        &format!("{code}-DINKES"),
        "Dinas Kesehatan",
        UnitKind::Dinas,
    )
    .await
    .unwrap();
    let p_head = seed::position(
        db,
        ag.id,
        Some(u1.id),
        &format!("{code}-P-KADIS"),
        "Kepala Dinas",
        PositionKind::Jpt,
        None,
    )
    .await
    .unwrap();
    let p_staff = seed::position(
        db,
        ag.id,
        Some(u1a.id),
        &format!("{code}-P-STAFF"),
        "Pengelola Data",
        PositionKind::Pelaksana,
        None,
    )
    .await
    .unwrap();
    let p_fung = seed::position(
        db,
        ag.id,
        Some(u2.id),
        &format!("{code}-P-PERAWAT"),
        "Perawat Ahli Pertama",
        PositionKind::Fungsional,
        Some(FunctionalLevel::AhliPertama),
    )
    .await
    .unwrap();
    let mk =
        |nip: String, name: &'static str, unit: Uuid, pos: Uuid, birth: NaiveDate, sex: Sex| {
            let nip2 = nip.clone();
            async move {
                seed::employee(
                    db,
                    ag.id,
                    seed::NewEmployee {
                        nip: &nip2,
                        asn_type: AsnType::Pns,
                        name,
                        birth_on: birth,
                        sex,
                        golongan: Some("III/a"),
                        rank_since_on: Some(d(2020, 4, 1)),
                        unit_id: Some(unit),
                        position_id: Some(pos),
                    },
                )
                .await
                .expect("employee")
            }
        };
    // NIP: birth date, TMT CPNS (year, month), sex digit, serial; serials differ per agency.
    let top = mk(
        format!("19700101199503100{n}"),
        "Drs. Bupati Pejabat",
        root.id,
        p_head.id,
        d(1970, 1, 1),
        Sex::Male,
    )
    .await;
    let head_1 = mk(
        format!("19750315200003100{n}"),
        "Dr. Hendra Wijaya, M.Pd.",
        u1.id,
        p_head.id,
        d(1975, 3, 15),
        Sex::Male,
    )
    .await;
    let staff_1a = mk(
        format!("19900512201503200{n}"),
        "Siti Rahmawati, S.Kom.",
        u1a.id,
        p_staff.id,
        d(1990, 5, 12),
        Sex::Female,
    )
    .await;
    let peer_1a = mk(
        format!("19910820201503100{n}"),
        "Budi Santoso",
        u1a.id,
        p_staff.id,
        d(1991, 8, 20),
        Sex::Male,
    )
    .await;
    let head_2 = mk(
        format!("19780202200201200{n}"),
        "dr. Ratna Dewi",
        u2.id,
        p_head.id,
        d(1978, 2, 2),
        Sex::Female,
    )
    .await;
    let staff_2 = mk(
        format!("19950707202001100{n}"),
        "Agus Prasetyo, S.Kep.",
        u2.id,
        p_fung.id,
        d(1995, 7, 7),
        Sex::Male,
    )
    .await;
    for (emp, appraiser, superior) in [
        (head_1.id, top.id, None),
        (head_2.id, top.id, None),
        (staff_1a.id, head_1.id, Some(top.id)),
        (peer_1a.id, head_1.id, Some(top.id)),
        (staff_2.id, head_2.id, Some(top.id)),
    ] {
        seed::assignment(db, ag.id, emp, appraiser, superior, d(2026, 1, 1))
            .await
            .expect("assignment");
    }
    let lc = code.to_lowercase();
    AgencyFx {
        id: ag.id,
        code: code.to_owned(),
        root: root.id,
        unit_1: u1.id,
        unit_1a: u1a.id,
        unit_2: u2.id,
        position_staff: p_staff.id,
        top: top.id,
        head_1: head_1.id,
        staff_1a: staff_1a.id,
        peer_1a: peer_1a.id,
        head_2: head_2.id,
        staff_2: staff_2.id,
        staff_1a_nip: staff_1a.nip.clone(),
        admin: account(
            s,
            Some(ag.id),
            &format!("admin-{lc}"),
            Role::AgencyAdmin,
            None,
        )
        .await,
        auditor: account(
            s,
            Some(ag.id),
            &format!("auditor-{lc}"),
            Role::Auditor,
            None,
        )
        .await,
        appraiser: account(
            s,
            Some(ag.id),
            &format!("head1-{lc}"),
            Role::Employee,
            Some(head_1.id),
        )
        .await,
        employee: account(
            s,
            Some(ag.id),
            &format!("staff1a-{lc}"),
            Role::Employee,
            Some(staff_1a.id),
        )
        .await,
        other_employee: account(
            s,
            Some(ag.id),
            &format!("staff2-{lc}"),
            Role::Employee,
            Some(staff_2.id),
        )
        .await,
    }
}

async fn seed_fixture(s: &Services) -> Fixture {
    let a = seed_agency(s, "KABA", "Kabupaten Alpha", 1).await;
    let b = seed_agency(s, "KABB", "Kabupaten Beta", 2).await;
    let super_admin = account(s, None, "root", Role::SuperAdmin, None).await;
    Fixture { super_admin, a, b }
}
