//! kinerja-bench: generates a synthetic agency of N employees (bulk multi-row INSERTs in
//! chunks, inside transactions), then times the set-based batch operations: scoring the cycle,
//! the distribution check of every unit, and the progress summary. See docs/benchmarks.md.
//!
//! It writes only to the database it creates (PostgreSQL: `kinerja_bench_<n>`, dropped at the
//! end) or to a SQLite file that must not exist yet.

// Rows list every column today; `..Default::default()` keeps them compiling (NotSet, so the
// column's default) when nullable columns are added by later migrations.
#![allow(clippy::needless_update)]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Parser;
use kinerja_service::policies::CyclePolicies;
use kinerja_store::entities::{
    cycle, employee, evaluation, feedback_answer, feedback_request, indicator, org_performance,
    period, plan, position, realization, unit, work_result,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

#[derive(Parser, Debug)]
#[command(
    name = "kinerja-bench",
    about = "Synthetic agency benchmark of Kinerja's batch operations"
)]
struct Args {
    /// Number of employees.
    #[arg(long, default_value_t = 10_000)]
    employees: usize,
    /// `sqlite://path/file.sqlite` (a new file) or a PostgreSQL admin URL
    /// (`postgres://user@host:5432/postgres`): a fresh database `kinerja_bench_<n>` is created
    /// beside it and dropped afterwards.
    #[arg(long)]
    database_url: String,
    /// Keep the PostgreSQL database (or SQLite file) after the run.
    #[arg(long)]
    keep: bool,
    /// Timed runs per measurement (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Reuse the agency a previous `--keep` run left (PostgreSQL database or SQLite file)
    /// instead of generating it again.
    #[arg(long)]
    reuse: bool,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const CORE_VALUES: [&str; 7] = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
];
const RATINGS: [&str; 3] = ["above", "meets", "below"];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// Deterministic pseudo-random numbers (SplitMix64), so every run generates the same agency.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
}

/// Inserts rows in multi-row INSERTs of `chunk` rows, all in one transaction.
async fn bulk<A>(db: &DatabaseConnection, rows: Vec<A>, chunk: usize) -> Result<(), BoxError>
where
    A: ActiveModelTrait + Clone + Send,
{
    let txn = db.begin().await?;
    for part in rows.chunks(chunk) {
        <A::Entity as EntityTrait>::insert_many(part.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Rows per INSERT for a table of `cols` columns: under SQLite's and PostgreSQL's bind limits.
fn chunk_for(cols: usize) -> usize {
    (30_000 / cols).clamp(1, 1000)
}

struct Agency {
    id: Uuid,
    cycle: cycle::Model,
    q1: Uuid,
}

/// The agency of an earlier run (`--reuse`).
async fn existing(db: &DatabaseConnection) -> Result<Agency, BoxError> {
    let cycle = cycle::Entity::find()
        .one(db)
        .await?
        .ok_or("no agency to reuse: run once with --keep first")?;
    let q1 = period::Entity::find()
        .filter(period::Column::CycleId.eq(cycle.id))
        .filter(period::Column::Seq.eq(1))
        .one(db)
        .await?
        .ok_or("the reused cycle has no first period")?
        .id;
    Ok(Agency {
        id: cycle.agency_id,
        cycle,
        q1,
    })
}

async fn generate(db: &DatabaseConnection, n: usize) -> Result<Agency, BoxError> {
    let mut mix = Mix(42);
    let now = kinerja_service::now();
    let ag = kinerja_service::seed::agency(db, "BENCH", "Kabupaten Benchmark").await?;
    let agency_id = ag.id;

    // Units: a root, ~sqrt(u) dinas, the rest bidang under them; ~50 employees each.
    let unit_count = (n / 50).max(3);
    let dinas = ((unit_count as f64).sqrt().ceil() as usize).max(1);
    let mut units: Vec<unit::ActiveModel> = Vec::with_capacity(unit_count);
    let mut unit_ids = Vec::with_capacity(unit_count);
    let mut parent_of: Vec<Option<usize>> = Vec::with_capacity(unit_count);
    let mut paths: Vec<String> = Vec::with_capacity(unit_count);
    for i in 0..unit_count {
        let id = Uuid::now_v7();
        let parent = match i {
            0 => None,
            i if i <= dinas => Some(0),
            i => Some(1 + (i - dinas - 1) % dinas),
        };
        let path = match parent {
            None => format!("/{id}/"),
            Some(p) => format!("{}{id}/", paths[p]),
        };
        let depth = match parent {
            None => 0,
            Some(0) => 1,
            Some(_) => 2,
        };
        units.push(unit::ActiveModel {
            id: Set(id),
            agency_id: Set(agency_id),
            parent_id: Set(parent.map(|p| unit_ids[p])),
            code: Set(format!("U{i:05}")),
            name: Set(format!("Unit {i}")),
            kind: Set(if depth == 1 { "dinas" } else { "bidang" }.into()),
            siasn_unor_id: Set(None),
            is_active: Set(true),
            path: Set(path.clone()),
            depth: Set(depth),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        });
        unit_ids.push(id);
        parent_of.push(parent);
        paths.push(path);
    }
    bulk(db, units, chunk_for(14)).await?;

    let pos_head = Uuid::now_v7();
    let pos_staff = Uuid::now_v7();
    let positions = [
        (pos_head, "KEPALA", "Kepala Unit", "administrator"),
        (pos_staff, "STAF", "Pelaksana", "pelaksana"),
    ]
    .into_iter()
    .map(|(id, code, name, kind)| position::ActiveModel {
        id: Set(id),
        agency_id: Set(agency_id),
        unit_id: Set(None),
        code: Set(code.into()),
        name: Set(name.into()),
        kind: Set(kind.into()),
        jpt_level: Set(None),
        functional_level: Set(None),
        is_active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    })
    .collect();
    bulk(db, positions, 10).await?;

    // Employees: unit i gets a contiguous block; its first is the head.
    let mut emp_ids = Vec::with_capacity(n);
    let mut emp_unit = Vec::with_capacity(n);
    let mut head_of_unit = vec![None; unit_count];
    let mut employees = Vec::with_capacity(n);
    for e in 0..n {
        let u = e * unit_count / n;
        let id = Uuid::now_v7();
        let is_head = head_of_unit[u].is_none();
        if is_head {
            head_of_unit[u] = Some(e);
        }
        employees.push(employee::ActiveModel {
            id: Set(id),
            agency_id: Set(agency_id),
            nip: Set(format!("199001012015{e:06}")),
            asn_type: Set("pns".into()),
            name: Set(format!("Pegawai {e}")),
            birth_on: Set(d(1990, 1, 1)),
            sex: Set(if e % 2 == 0 { "male" } else { "female" }.into()),
            golongan: Set(Some("III/a".into())),
            rank_since_on: Set(Some(d(2020, 4, 1))),
            unit_id: Set(Some(unit_ids[u])),
            position_id: Set(Some(if is_head { pos_head } else { pos_staff })),
            status: Set("active".into()),
            email: Set(None),
            phone: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        });
        emp_ids.push(id);
        emp_unit.push(u);
    }
    bulk(db, employees, chunk_for(17)).await?;
    // Appraiser: the unit's head for staff; the parent unit's head for a head.
    let appraiser_of = |e: usize| -> Option<usize> {
        let u = emp_unit[e];
        if head_of_unit[u] == Some(e) {
            parent_of[u].and_then(|p| head_of_unit[p])
        } else {
            head_of_unit[u]
        }
    };

    let policies = CyclePolicies::default();
    let cyc = cycle::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(agency_id),
        year: Set(2026),
        name: Set("Penilaian Kinerja 2026".into()),
        status: Set("running".into()),
        regime: Set("pmpanrb6_2022".into()),
        period_kind: Set("quarterly".into()),
        starts_on: Set(d(2026, 1, 1)),
        ends_on: Set(d(2026, 12, 31)),
        policies: Set(policies.to_json()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut period_ids = Vec::new();
    let bounds = [
        (1, 1, 3, 31),
        (2, 4, 6, 30),
        (3, 7, 9, 30),
        (4, 10, 12, 31),
        (5, 1, 12, 31),
    ];
    let mut periods = Vec::new();
    for (seq, m0, m1, last) in bounds {
        let id = Uuid::now_v7();
        period_ids.push(id);
        periods.push(period::ActiveModel {
            id: Set(id),
            agency_id: Set(agency_id),
            cycle_id: Set(cyc.id),
            kind: Set(if seq == 5 { "annual" } else { "quarterly" }.into()),
            seq: Set(seq),
            name: Set(if seq == 5 {
                "Tahunan".into()
            } else {
                format!("Triwulan {seq}")
            }),
            starts_on: Set(d(2026, m0, 1)),
            ends_on: Set(d(2026, m1, last)),
            fill_deadline_on: Set(d(2026, m1, last) + chrono::Days::new(10)),
            is_final: Set(seq == 5),
            status: Set("open".into()),
            finalised_at: Set(None),
            finalised_by: Set(None),
            ..Default::default()
        });
    }
    bulk(db, periods, 10).await?;
    let q1 = period_ids[0];

    // Per employee, in batches (bounded memory): a plan with 5 work results of 2 indicators,
    // realizations for Q1, the Q1 evaluation (rated), and about 7 feedback requests (self,
    // appraiser, peers of the unit), each submitted with the 7 core values answered.
    const BATCH: usize = 2000;
    for start in (0..n).step_by(BATCH) {
        let end = (start + BATCH).min(n);
        let mut plans = Vec::with_capacity(BATCH);
        let mut wrs = Vec::with_capacity(BATCH * 5);
        let mut inds = Vec::with_capacity(BATCH * 10);
        let mut reals = Vec::with_capacity(BATCH * 10);
        let mut evals = Vec::with_capacity(BATCH);
        let mut reqs = Vec::with_capacity(BATCH * 7);
        let mut answers = Vec::with_capacity(BATCH * 49);
        for e in start..end {
            let plan_id = Uuid::now_v7();
            let appraiser = appraiser_of(e).map(|a| emp_ids[a]);
            plans.push(plan::ActiveModel {
                id: Set(plan_id),
                agency_id: Set(agency_id),
                cycle_id: Set(cyc.id),
                employee_id: Set(emp_ids[e]),
                unit_id: Set(Some(unit_ids[emp_unit[e]])),
                position_id: Set(None),
                revision: Set(1),
                supersedes_id: Set(None),
                starts_on: Set(d(2026, 1, 1)),
                ends_on: Set(d(2026, 12, 31)),
                approach: Set("quantitative".into()),
                form: Set("non_jpt".into()),
                appraiser_employee_id: Set(appraiser),
                appraiser_external_id: Set(None),
                superior_employee_id: Set(None),
                superior_external_id: Set(None),
                status: Set("approved".into()),
                return_reason: Set(None),
                submitted_at: Set(Some(now)),
                approved_at: Set(Some(now)),
                approved_by: Set(Some("bench".into())),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
            for w in 0..5 {
                let wr_id = Uuid::now_v7();
                wrs.push(work_result::ActiveModel {
                    id: Set(wr_id),
                    agency_id: Set(agency_id),
                    plan_id: Set(plan_id),
                    kind: Set("main".into()),
                    seq: Set(w + 1),
                    description: Set(format!("Hasil kerja {}", w + 1)),
                    cascades_from_id: Set(None),
                    assigned_by: Set(None),
                    perspective: Set(None),
                    classification: Set(None),
                    ..Default::default()
                });
                for (j, aspect) in ["quantity", "quality"].iter().enumerate() {
                    let ind_id = Uuid::now_v7();
                    inds.push(indicator::ActiveModel {
                        id: Set(ind_id),
                        agency_id: Set(agency_id),
                        work_result_id: Set(wr_id),
                        seq: Set(j as i32 + 1),
                        aspect: Set((*aspect).into()),
                        description: Set(format!("Indikator {aspect}")),
                        direction: Set("higher".into()),
                        target_min: Set(Some("12".into())),
                        target_max: Set(Some("12".into())),
                        unit: Set(Some("dokumen".into())),
                        target_text: Set(None),
                        is_target_maximum: Set(false),
                        source_system: Set(None),
                        ..Default::default()
                    });
                    reals.push(realization::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        agency_id: Set(agency_id),
                        indicator_id: Set(ind_id),
                        period_id: Set(q1),
                        value: Set(Some(format!("{}", 9 + mix.below(5)))),
                        body: Set(None),
                        source_system: Set(None),
                        recorded_by: Set("bench".into()),
                        recorded_at: Set(now),
                        version: Set(1),
                        ..Default::default()
                    });
                }
            }
            let eval_id = Uuid::now_v7();

            // Mostly "meets"; deterministic.
            let rate = |x: usize| match x {
                0..=1 => "above",
                2..=8 => "meets",
                _ => "below",
            };
            evals.push(evaluation::ActiveModel {
                id: Set(eval_id),
                agency_id: Set(agency_id),
                cycle_id: Set(cyc.id),
                period_id: Set(q1),
                plan_id: Set(plan_id),
                employee_id: Set(emp_ids[e]),
                unit_id: Set(Some(unit_ids[emp_unit[e]])),
                is_annual: Set(false),
                appraiser_employee_id: Set(appraiser),
                appraiser_external_id: Set(None),
                superior_employee_id: Set(None),
                superior_external_id: Set(None),
                status: Set("rated".into()),
                result_rating: Set(Some(rate(mix.below(10)).into())),
                behaviour_rating: Set(Some(rate(mix.below(10)).into())),
                predicate: Set(None),
                result_justification: Set(Some("Sesuai capaian.".into())),
                behaviour_justification: Set(Some("Sesuai pengamatan.".into())),
                appraiser_note: Set(None),
                has_innovation: Set(false),
                innovation_note: Set(None),
                regime: Set("pmpanrb6_2022".into()),
                numeric_snapshot: Set(None),
                rated_at: Set(Some(now)),
                rated_by: Set(Some("bench".into())),
                calibrated_predicate: Set(None),
                distribution_override_reason: Set(None),
                content_hash: Set(None),
                signed_by: Set(None),
                signed_at: Set(None),
                finalised_at: Set(None),
                received_at: Set(None),
                final_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            });
            let u = emp_unit[e];
            let first = head_of_unit[u].unwrap_or(e);
            // Employees of a unit are contiguous, its head first.
            let size = emp_unit[first..].iter().take_while(|x| **x == u).count();
            let mut raters: Vec<(usize, &str)> = vec![(e, "self")];
            if let Some(a) = appraiser_of(e) {
                raters.push((a, "appraiser"));
            }
            let mut k = 1;
            while raters.len() < 7 && k < size {
                let peer = first + (e - first + k) % size;
                if peer != e && !raters.iter().any(|(r, _)| *r == peer) {
                    raters.push((peer, "peer"));
                }
                k += 1;
            }
            for (r, role) in raters {
                let req_id = Uuid::now_v7();
                reqs.push(feedback_request::ActiveModel {
                    id: Set(req_id),
                    agency_id: Set(agency_id),
                    evaluation_id: Set(eval_id),
                    rater_employee_id: Set(emp_ids[r]),
                    rater_role: Set(role.into()),
                    status: Set("submitted".into()),
                    nominated_by: Set(None),
                    is_approved: Set(true),
                    due_on: Set(Some(d(2026, 4, 7))),
                    submitted_at: Set(Some(now)),
                    created_at: Set(now),
                    ..Default::default()
                });
                for v in CORE_VALUES {
                    let rating = RATINGS[mix.below(3)];
                    answers.push(feedback_answer::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        request_id: Set(req_id),
                        core_value: Set(v.into()),
                        rating: Set(rating.into()),
                        comment: Set((rating != "meets").then(|| format!("Catatan {v}"))),
                        ..Default::default()
                    });
                }
            }
        }
        bulk(db, plans, chunk_for(24)).await?;
        bulk(db, wrs, chunk_for(10)).await?;
        bulk(db, inds, chunk_for(14)).await?;
        bulk(db, reals, chunk_for(10)).await?;
        bulk(db, evals, chunk_for(40)).await?;
        bulk(db, reqs, chunk_for(11)).await?;
        bulk(db, answers, chunk_for(5)).await?;
    }

    // Organisation predicates for the dinas (their bidang roll up into them).
    let orgs = (1..=dinas.min(unit_count - 1))
        .map(|i| org_performance::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(agency_id),
            unit_id: Set(unit_ids[i]),
            period_id: Set(q1),
            predicate: Set(["outstanding", "good", "needs_improvement"][i % 3].into()),
            basis: Set(None),
            set_by: Set("bench".into()),
            set_at: Set(now),
            distribution_override_reason: Set(None),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    bulk(db, orgs, chunk_for(10)).await?;
    Ok(Agency {
        id: agency_id,
        cycle: cyc,
        q1,
    })
}

/// The bench acts as a system client of the agency (its audit entries say so).
fn bench_ctx(agency_id: Uuid) -> kinerja_service::actor::Ctx {
    use kinerja_service::actor::{Actor, Ctx, Principal};
    Ctx {
        actor: Actor {
            principal: Principal::Client {
                client_id: "kinerja-bench".into(),
                scopes: Vec::new(),
            },
            agency_id: Some(agency_id),
            label: "kinerja-bench".into(),
        },
        request_id: "bench".into(),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

async fn run(url: &str, args: &Args) -> Result<(), BoxError> {
    let n = args.employees;
    let conn = kinerja_service::open_database(url).await?;
    let db = kinerja_service::Db::new(conn.clone());
    let started = Instant::now();
    let ag = if args.reuse {
        existing(&conn).await?
    } else {
        let ag = generate(&conn, n).await?;
        // What autovacuum does soon after a bulk load in production: on PostgreSQL, VACUUM
        // (the dead versions the load's updates left, the visibility map) and ANALYZE (the
        // planner's statistics); on SQLite, ANALYZE (its VACUUM would rewrite the whole file,
        // which nothing does on its own).
        if url.starts_with("sqlite") {
            conn.execute_unprepared("ANALYZE").await?;
        } else {
            conn.execute_unprepared("VACUUM ANALYZE").await?;
        }
        ag
    };
    let generation = started.elapsed();
    eprintln!(
        "generated {n} employees in {:.1} s",
        generation.as_secs_f64()
    );
    let policies = CyclePolicies::from_json(&ag.cycle.policies);
    let runs = args.runs.max(1);

    let mut scoring = Vec::new();
    let mut scored = 0;
    for _ in 0..runs {
        // Reset the stored predicates so that every run rewrites them all.
        evaluation::Entity::update_many()
            .col_expr(
                evaluation::Column::Predicate,
                Expr::value(Option::<String>::None),
            )
            .filter(evaluation::Column::CycleId.eq(ag.cycle.id))
            .exec(&conn)
            .await?;
        let t = Instant::now();
        let s = kinerja_service::evaluations::score_cycle_as(&db, &bench_ctx(ag.id), ag.cycle.id)
            .await?;
        scoring.push(t.elapsed());
        scored = s.updated;
    }
    // Scoring again with nothing to change (the steady state of a re-score).
    let t = Instant::now();
    let again =
        kinerja_service::evaluations::score_cycle_as(&db, &bench_ctx(ag.id), ag.cycle.id).await?;
    let rescore = t.elapsed();
    assert_eq!(again.updated, 0);
    let mut distribution = Vec::new();
    let mut units = 0;
    let mut violating = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let (all, _) =
            kinerja_service::org_performance::agency_distribution(&conn, ag.id, ag.q1, &policies)
                .await?;
        distribution.push(t.elapsed());
        units = all.len();
        violating = all.iter().filter(|u| !u.violations.is_empty()).count();
    }
    let mut progress = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let p =
            kinerja_service::progress::cycle_progress(&conn, &ag.cycle, Some(ag.q1), None).await?;
        progress.push(t.elapsed());
        assert_eq!(p.agency.evaluations_total as usize, n);
    }
    // The bulk load above upserts each counter thousands of times inside 2,000-row
    // transactions; on PostgreSQL that leaves the counters spread over many pages. Rebuilt
    // (kinerja verify-progress --repair), they are packed again: timed too.
    kinerja_service::progress::rebuild_counters(&db).await?;
    if !url.starts_with("sqlite") {
        conn.execute_unprepared("VACUUM ANALYZE progress_counters")
            .await?;
    }
    let mut progress_packed = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        kinerja_service::progress::cycle_progress(&conn, &ag.cycle, Some(ag.q1), None).await?;
        progress_packed.push(t.elapsed());
    }
    // The counters the summary read agree with a recount of the rows (what the summary cost
    // before they were maintained).
    let t = Instant::now();
    let mismatches = kinerja_service::progress::verify_counters(&conn).await?;
    let recount = t.elapsed();
    assert!(mismatches.is_empty(), "counters disagree: {mismatches:?}");
    let backend = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!();
    println!(
        "| N employees | database | data generation | score_cycle | distribution (all {units} units) | progress summary |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    println!(
        "| {n} | {backend} | {:.1} s | {} ms | {} ms | {} ms |",
        generation.as_secs_f64(),
        ms(median(scoring)),
        ms(median(distribution)),
        ms(median(progress))
    );
    println!();
    println!(
        "median of {runs} runs; score_cycle rewrote {scored} predicates per run (one audit entry each); \
         a re-score with nothing to change took {} ms; {violating} units break the curve; \
         recounting every progress counter from the rows took {} ms and matched; \
         the progress summary after the counters were rebuilt: {} ms",
        ms(rescore),
        ms(recount),
        ms(median(progress_packed))
    );
    conn.close().await?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let args = Args::parse();
    let n = args.employees;
    if args.database_url.starts_with("sqlite:") {
        let path = args
            .database_url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_owned();
        if std::path::Path::new(&path).exists() && !args.reuse {
            return Err(format!(
                "{path} exists; the benchmark writes a new database (remove it first)"
            )
            .into());
        }
        let url = format!("sqlite://{path}?mode=rwc");
        let result = run(&url, &args).await;
        if !args.keep {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
        }
        result
    } else {
        let admin_url = args.database_url.clone();
        let name = format!("kinerja_bench_{n}");
        let admin = sea_orm::Database::connect(&admin_url).await?;
        if !args.reuse {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await?;
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await?;
        }
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        let result = run(&format!("{base}/{name}"), &args).await;
        if !args.keep {
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await?;
        }
        result
    }
}
