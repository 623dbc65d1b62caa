//! The demo agency's appraisal years: closed cycles 2024 and 2025 (annual results) and the
//! running 2026 cycle in the states a BKPSDM sees in December: Q1 final, Q2 set (one result
//! unacknowledged, one under objection), Q3 rated and awaiting calibration, Q4 being filled
//! with 360 requests pending. Written in bulk inside the demo's transaction; every predicate
//! is the kuadran of its ratings, every unit head's result rating follows the organisation
//! predicate, every finalised evaluation carries its content hash, so the product's own rules
//! hold on the data (the demo tests re-derive them). Deterministic for a seed.

use std::collections::HashMap;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use kinerja_domain::org::PositionKind;
use kinerja_domain::rating::{EmployeePredicate, OrganisationPredicate, Rating, kuadran};
use kinerja_domain::regime::LeaderResultMapping;
use kinerja_domain::workflow::{EvaluationState, PlanState};
use kinerja_store::entities::{
    behaviour_expectation, continuous_feedback, cycle, dialogue, evaluation, evidence,
    feedback_answer, feedback_request, indicator, notification, objection, org_performance, period,
    plan, plan_annex, realization, work_result,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use crate::error::ServiceResult;
use crate::evaluations::{content_hash, signer};
use crate::org_performance::{org_predicate_text, predicate_text};
use crate::policies::CyclePolicies;

/// Who appraises: an employee of the agency or an external (non-ASN) official.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Who {
    Employee(Uuid),
    External(Uuid),
}

/// One demo employee as the cycle generator needs them.
pub(crate) struct DemoPerson {
    pub id: Uuid,
    pub name: String,
    pub unit_code: &'static str,
    pub position_id: Uuid,
    pub kind: PositionKind,
    pub is_head: bool,
    pub appraiser: Option<Who>,
    pub superior: Option<Who>,
}

/// The demo organisation, in generation order (units parents first, heads before staff).
pub(crate) struct DemoOrg<'a> {
    pub agency_id: Uuid,
    /// (code, id), parents first.
    pub units: Vec<(&'static str, Uuid)>,
    pub people: &'a [DemoPerson],
    /// The story's people (see DEMO.md): their ids.
    pub pegawai: Uuid,
    pub rekan: Uuid,
    pub penilai: Uuid,
    pub regent_title: &'a str,
}

/// What the generator wrote, for the demo summary.
#[derive(Debug, Default, serde::Serialize)]
pub(crate) struct CycleCounts {
    pub cycles: usize,
    pub plans: usize,
    pub indicators: usize,
    pub realizations: usize,
    pub evaluations: usize,
    pub feedback_requests: usize,
    pub feedback_answers: usize,
}

/// splitmix64, as the rest of the demo.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// 09:00 WIB on a day.
fn at(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(2, 0, 0).expect("valid time"))
}

fn plus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).expect("date in range")
}

const CORE_VALUES: [&str; 7] = [
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
];

fn rating_text(r: Rating) -> &'static str {
    match r {
        Rating::Above => "above",
        Rating::Meets => "meets",
        Rating::Below => "below",
    }
}

/// Ratings that give a predicate by the kuadran (PermenPANRB 6/2022), varied where two cells
/// give the same predicate.
fn ratings_for(p: EmployeePredicate, mix: &mut Mix) -> (Rating, Rating) {
    let pair = match p {
        EmployeePredicate::VeryGood => (Rating::Above, Rating::Above),
        EmployeePredicate::Good => *mix.pick(&[
            (Rating::Meets, Rating::Meets),
            (Rating::Meets, Rating::Meets),
            (Rating::Above, Rating::Meets),
            (Rating::Meets, Rating::Above),
        ]),
        EmployeePredicate::NeedsImprovement => *mix.pick(&[
            (Rating::Below, Rating::Meets),
            (Rating::Below, Rating::Above),
        ]),
        EmployeePredicate::Poor => (Rating::Meets, Rating::Below),
        EmployeePredicate::VeryPoor => (Rating::Below, Rating::Below),
    };
    debug_assert_eq!(kuadran(pair.0, pair.1), p);
    pair
}

/// A behaviour rating for a unit head whose result rating is fixed by the organisation.
fn behaviour_for_head(result: Rating, mix: &mut Mix) -> Rating {
    match result {
        Rating::Above => *mix.pick(&[Rating::Above, Rating::Meets]),
        _ => *mix.pick(&[Rating::Meets, Rating::Meets, Rating::Above]),
    }
}

/// Predicates for a unit's members that keep the SE MenPANRB 3/2023 curve of its organisation
/// predicate (with the default percentages): counts per predicate for `n` people.
fn curve_counts(org: OrganisationPredicate, n: usize) -> Vec<EmployeePredicate> {
    use EmployeePredicate as E;
    let share = |pct: usize| (n * pct).div_ceil(100);
    let mut out = Vec::with_capacity(n);
    match org {
        OrganisationPredicate::Outstanding => {
            let sb = (n * 55) / 100;
            let bp = usize::from(n >= 8);
            out.extend(std::iter::repeat_n(E::VeryGood, sb));
            out.extend(std::iter::repeat_n(E::NeedsImprovement, bp));
            out.extend(std::iter::repeat_n(E::Good, n - sb - bp));
        }
        OrganisationPredicate::NeedsImprovement => {
            let bp = share(60);
            let sb = usize::from(n >= 10);
            out.extend(std::iter::repeat_n(E::NeedsImprovement, bp));
            out.extend(std::iter::repeat_n(E::VeryGood, sb));
            out.extend(std::iter::repeat_n(E::Good, n - bp - sb));
        }
        _ => {
            // Baik: at most 70% Baik, at least one Butuh Perbaikan or Kurang.
            let bp = share(10).max(1).min(n);
            let sb = ((n * 20) / 100).min(n - bp);
            let mut good = n - bp - sb;
            let mut sb = sb;
            while good * 10 > n * 7 {
                good -= 1;
                sb += 1;
            }
            out.extend(std::iter::repeat_n(E::VeryGood, sb));
            out.extend(std::iter::repeat_n(E::NeedsImprovement, bp));
            out.extend(std::iter::repeat_n(E::Good, good));
        }
    }
    out
}

/// Work-result wording per unit family: what the unit's head and staff deliver.
fn themes(unit_code: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match unit_code {
        "DEMO-BKPSDM-MUTASI" => (
            &[
                "Terlaksananya mutasi dan promosi ASN berbasis sistem merit",
                "Tersusunnya peta jabatan dan rencana suksesi jabatan",
                "Meningkatnya ketepatan waktu layanan kenaikan pangkat",
            ],
            &[
                "Terverifikasinya usulan kenaikan pangkat ASN",
                "Tersusunnya rekomendasi mutasi berbasis profil talenta",
                "Terlayaninya usulan pensiun ASN tepat waktu",
            ],
        ),
        c if c.starts_with("DEMO-BKPSDM") => (
            &[
                "Meningkatnya indeks sistem merit manajemen ASN",
                "Meningkatnya kompetensi ASN Kabupaten Demo Sejahtera",
                "Terselenggaranya pengelolaan kinerja ASN yang akuntabel",
            ],
            &["Terlaksananya administrasi kepegawaian yang tertib"],
        ),
        c if c.starts_with("DEMO-DISDIK") => (
            &[
                "Meningkatnya mutu pembelajaran pada satuan pendidikan",
                "Terlaksananya pembinaan kurikulum dan penilaian",
                "Tersusunnya laporan capaian standar pelayanan minimal pendidikan",
            ],
            &[
                "Tersusunnya bahan pembinaan kurikulum sekolah",
                "Terverifikasinya data pokok pendidikan",
                "Terselesaikannya layanan administrasi bidang",
            ],
        ),
        c if c.starts_with("DEMO-DINKES") => (
            &[
                "Meningkatnya cakupan pelayanan kesehatan primer",
                "Menurunnya angka kasus penyakit menular",
                "Tersusunnya laporan capaian SPM bidang kesehatan",
            ],
            &[
                "Terlaksananya surveilans penyakit di puskesmas",
                "Tersusunnya rekapitulasi data pelayanan kesehatan",
                "Terselesaikannya layanan administrasi bidang",
            ],
        ),
        c if c.starts_with("DEMO-PUPR") => (
            &[
                "Meningkatnya kemantapan jalan kabupaten",
                "Terselesaikannya pembangunan jembatan sesuai jadwal",
                "Tersusunnya laporan pengendalian kegiatan fisik",
            ],
            &[
                "Terlaksananya pengawasan pekerjaan jalan",
                "Tersusunnya dokumen perencanaan teknis",
                "Terselesaikannya administrasi kontrak pekerjaan",
            ],
        ),
        c if c.starts_with("DEMO-BAPPEDA") => (
            &[
                "Tersusunnya dokumen perencanaan pembangunan daerah tepat waktu",
                "Meningkatnya keselarasan program perangkat daerah dengan RPJMD",
                "Tersusunnya evaluasi capaian pembangunan",
            ],
            &[
                "Tersusunnya bahan rancangan RKPD",
                "Terverifikasinya rencana kerja perangkat daerah",
                "Tersusunnya laporan evaluasi triwulanan",
            ],
        ),
        c if c.starts_with("DEMO-INSPEKTORAT") => (
            &[
                "Meningkatnya maturitas SPIP pemerintah daerah",
                "Terlaksananya pengawasan berbasis risiko",
                "Menurunnya temuan berulang hasil pemeriksaan",
            ],
            &[
                "Terlaksananya audit kinerja perangkat daerah",
                "Tersusunnya laporan hasil pengawasan",
                "Terpantaunya tindak lanjut hasil pemeriksaan",
            ],
        ),
        _ => (
            &[
                "Terselenggaranya koordinasi pemerintahan yang efektif",
                "Meningkatnya kualitas kebijakan dan produk hukum daerah",
                "Tersusunnya laporan kinerja unit tepat waktu",
            ],
            &[
                "Tersusunnya bahan kebijakan dan telaahan staf",
                "Terselesaikannya layanan administrasi perkantoran",
                "Tertatanya arsip dan dokumen unit",
            ],
        ),
    }
}

/// (aspect, description, min, max, unit, direction) of the indicators of a work result.
fn indicators_for(
    description: &str,
    staff: bool,
) -> Vec<(
    &'static str,
    String,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    let object = description
        .trim_start_matches("Terlaksananya ")
        .trim_start_matches("Tersusunnya ")
        .trim_start_matches("Terverifikasinya ")
        .trim_start_matches("Terlayaninya ")
        .trim_start_matches("Terselesaikannya ")
        .to_owned();
    let mut v = vec![(
        "quantity",
        format!("Jumlah keluaran: {object} per triwulan"),
        if staff { "30" } else { "3" },
        if staff { "30" } else { "3" },
        if staff { "berkas" } else { "laporan" },
        "higher",
    )];
    v.push((
        "quality",
        format!("Persentase {object} tanpa revisi"),
        "90",
        "100",
        "%",
        "higher",
    ));
    if staff {
        v.push((
            "time",
            "Rata-rata waktu penyelesaian layanan".to_owned(),
            "5",
            "5",
            "hari kerja",
            "lower",
        ));
    }
    v
}

const ABOVE_COMMENTS: [&str; 5] = [
    "Selalu menyelesaikan pekerjaan lebih cepat dari jadwal dan membantu rekan lain.",
    "Memberi contoh yang baik dalam melayani pengguna layanan dengan ramah dan tuntas.",
    "Aktif mengusulkan perbaikan proses kerja yang kemudian dipakai unit.",
    "Sangat terbuka berbagi pengetahuan; banyak rekan belajar darinya.",
    "Tetap tenang dan solutif saat beban kerja memuncak.",
];
const BELOW_COMMENTS: [&str; 4] = [
    "Beberapa kali terlambat menanggapi permintaan rekan kerja.",
    "Perlu lebih teliti; dokumen yang diserahkan masih sering dikembalikan.",
    "Jarang hadir dalam rapat koordinasi tim.",
    "Perlu lebih terbuka menerima masukan.",
];

/// Realization value for an indicator in a period, near its target.
fn realized(aspect: &str, min: &str, mix: &mut Mix) -> String {
    let t: i64 = min.parse().unwrap_or(1);
    match aspect {
        "quality" => (88 + mix.below(13) as i64).to_string(),
        "time" => (t - 1 + mix.below(3) as i64).to_string(),
        _ => (t * (85 + mix.below(30) as i64) / 100).max(1).to_string(),
    }
}

struct Rows {
    plans: Vec<plan::ActiveModel>,
    wrs: Vec<work_result::ActiveModel>,
    inds: Vec<indicator::ActiveModel>,
    expectations: Vec<behaviour_expectation::ActiveModel>,
    annexes: Vec<plan_annex::ActiveModel>,
    realizations: Vec<realization::ActiveModel>,
    evidence: Vec<evidence::ActiveModel>,
    evaluations: Vec<evaluation::ActiveModel>,
    requests: Vec<feedback_request::ActiveModel>,
    answers: Vec<feedback_answer::ActiveModel>,
    orgs: Vec<org_performance::ActiveModel>,
    notes: Vec<continuous_feedback::ActiveModel>,
    dialogues: Vec<dialogue::ActiveModel>,
    notifications: Vec<notification::ActiveModel>,
    objections: Vec<objection::ActiveModel>,
}

impl Rows {
    fn new() -> Self {
        Self {
            plans: Vec::new(),
            wrs: Vec::new(),
            inds: Vec::new(),
            expectations: Vec::new(),
            annexes: Vec::new(),
            realizations: Vec::new(),
            evidence: Vec::new(),
            evaluations: Vec::new(),
            requests: Vec::new(),
            answers: Vec::new(),
            orgs: Vec::new(),
            notes: Vec::new(),
            dialogues: Vec::new(),
            notifications: Vec::new(),
            objections: Vec::new(),
        }
    }
}

/// Inserts in chunks under both databases' bind limits.
async fn insert<C, A>(db: &C, rows: Vec<A>, cols: usize) -> ServiceResult<()>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + Clone + Send,
{
    let chunk = (30_000 / cols).clamp(1, 500);
    for part in rows.chunks(chunk) {
        <A::Entity as EntityTrait>::insert_many(part.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// One plan's work results, and its indicators as (indicator, work result, aspect, target).
struct PlanContent {
    work_results: Vec<Uuid>,
    indicators: Vec<(Uuid, Uuid, &'static str, &'static str)>,
}

struct PeriodSpec {
    id: Uuid,
    seq: i32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

/// Writes the three cycles. `seed` varies the ratings and answers.
pub(crate) async fn load<C: ConnectionTrait>(
    db: &C,
    org: &DemoOrg<'_>,
    seed: u64,
) -> ServiceResult<CycleCounts> {
    let mut mix = Mix(seed ^ 0x2026);
    let mut counts = CycleCounts::default();
    let by_id: HashMap<Uuid, &DemoPerson> = org.people.iter().map(|p| (p.id, p)).collect();
    let unit_id: HashMap<&str, Uuid> = org.units.iter().copied().collect();
    let mutasi = &org
        .people
        .iter()
        .filter(|p| p.unit_code == "DEMO-BKPSDM-MUTASI" && !p.is_head)
        .collect::<Vec<_>>();
    // The story's roles in the unit (DEMO.md): [pegawai, rekan, position change, objector,
    // awaiting rating, awaiting rating, ...].
    let position_change = mutasi[2].id;
    let objector = mutasi[3].id;
    let awaiting_q3 = [mutasi[4].id, mutasi[5].id];

    for year in [2024, 2025, 2026] {
        let mut rows = Rows::new();
        let running = year == 2026;
        let policies = CyclePolicies::default();
        let created = at(d(year, 1, 2));
        let cyc = cycle::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(org.agency_id),
            year: Set(year),
            name: Set(format!("Penilaian Kinerja ASN Tahun {year}")),
            status: Set(if running { "running" } else { "closed" }.into()),
            regime: Set("pmpanrb6_2022".into()),
            period_kind: Set("quarterly".into()),
            starts_on: Set(d(year, 1, 1)),
            ends_on: Set(d(year, 12, 31)),
            policies: Set(policies.to_json()),
            created_at: Set(created),
            updated_at: Set(created),
            version: Set(1),
        }
        .insert(db)
        .await?;
        counts.cycles += 1;
        let bounds = [
            (1, 1, 3, 31),
            (2, 4, 6, 30),
            (3, 7, 9, 30),
            (4, 10, 12, 31),
            (5, 1, 12, 31),
        ];
        let mut periods = Vec::new();
        let mut period_rows = Vec::new();
        for (seq, m0, m1, last) in bounds {
            let id = Uuid::now_v7();
            let ends_on = d(year, m1, last);
            let finalised = !running || seq <= 2;
            period_rows.push(period::ActiveModel {
                id: Set(id),
                agency_id: Set(org.agency_id),
                cycle_id: Set(cyc.id),
                kind: Set(if seq == 5 { "annual" } else { "quarterly" }.into()),
                seq: Set(seq),
                name: Set(if seq == 5 {
                    format!("Tahunan {year}")
                } else {
                    format!("Triwulan {}", ["I", "II", "III", "IV"][seq as usize - 1])
                }),
                starts_on: Set(d(year, m0, 1)),
                ends_on: Set(ends_on),
                fill_deadline_on: Set(plus(ends_on, 10)),
                is_final: Set(seq == 5),
                status: Set(if finalised {
                    crate::cycles::PERIOD_FINALISED
                } else {
                    crate::cycles::PERIOD_OPEN
                }
                .into()),
                finalised_at: Set(finalised.then(|| at(plus(ends_on, 15)))),
                finalised_by: Set(finalised.then(|| "Admin BKPSDM".to_owned())),
            });
            periods.push(PeriodSpec {
                id,
                seq,
                starts_on: d(year, m0, 1),
                ends_on,
            });
        }
        insert(db, period_rows, 13).await?;

        // Plans, top-down so that every non-JPT main work result cascades from its
        // appraiser's plan (people are in generation order: heads of parents first).
        let mut content: HashMap<Uuid, PlanContent> = HashMap::new();
        let mut plan_of: HashMap<Uuid, Uuid> = HashMap::new();
        let mut ordered: Vec<&DemoPerson> = org.people.iter().filter(|p| p.is_head).collect();
        ordered.extend(org.people.iter().filter(|p| !p.is_head));
        for p in &ordered {
            let is_jpt = p.kind == PositionKind::Jpt;
            let starts_on = d(year, 1, 1);
            let (ends_on, status) = if running && p.id == position_change {
                (d(year, 9, 30), PlanState::InAppraisal)
            } else if running {
                (d(year, 12, 31), PlanState::Approved)
            } else {
                (d(year, 12, 31), PlanState::InAppraisal)
            };
            let (appraiser_employee, appraiser_external) = split(p.appraiser);
            let (superior_employee, superior_external) = split(p.superior);
            let plan_id = Uuid::now_v7();
            let submitted = at(d(year, 1, 20 + mix.below(8) as u32));
            let approved = at(d(year, 2, 1 + mix.below(10) as u32));
            rows.plans.push(plan::ActiveModel {
                id: Set(plan_id),
                agency_id: Set(org.agency_id),
                cycle_id: Set(cyc.id),
                employee_id: Set(p.id),
                unit_id: Set(Some(unit_id[p.unit_code])),
                position_id: Set(Some(p.position_id)),
                revision: Set(1),
                supersedes_id: Set(None),
                starts_on: Set(starts_on),
                ends_on: Set(ends_on),
                approach: Set("quantitative".into()),
                form: Set(if is_jpt { "jpt" } else { "non_jpt" }.into()),
                appraiser_employee_id: Set(appraiser_employee),
                appraiser_external_id: Set(appraiser_external),
                superior_employee_id: Set(superior_employee),
                superior_external_id: Set(superior_external),
                status: Set(status.as_str().into()),
                return_reason: Set(None),
                submitted_at: Set(Some(submitted)),
                approved_at: Set(Some(approved)),
                approved_by: Set(Some(match p.appraiser {
                    Some(Who::Employee(a)) => format!("employee:{a}"),
                    Some(Who::External(x)) => format!("external:{x}"),
                    None => "demo".into(),
                })),
                created_at: Set(submitted),
                updated_at: Set(approved),
                version: Set(3),
            });
            plan_of.insert(p.id, plan_id);
            let parent_wrs: Vec<Uuid> = match p.appraiser {
                Some(Who::Employee(a)) => plan_of
                    .get(&a)
                    .and_then(|pid| content.get(pid))
                    .map(|c| c.work_results.clone())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let (head_themes, staff_themes) = themes(p.unit_code);
            let wr_count = if running { 3 } else { 2 };
            let mut c = PlanContent {
                work_results: Vec::new(),
                indicators: Vec::new(),
            };
            for w in 0..wr_count {
                let wr_id = Uuid::now_v7();
                let description = if p.is_head {
                    head_themes[w % head_themes.len()].to_owned()
                } else {
                    staff_themes[(w + mix.below(2)) % staff_themes.len()].to_owned()
                };
                let cascades =
                    (!is_jpt && !parent_wrs.is_empty()).then(|| parent_wrs[w % parent_wrs.len()]);
                rows.wrs.push(work_result::ActiveModel {
                    id: Set(wr_id),
                    agency_id: Set(org.agency_id),
                    plan_id: Set(plan_id),
                    kind: Set("main".into()),
                    seq: Set(w as i32 + 1),
                    description: Set(description.clone()),
                    cascades_from_id: Set(cascades),
                    assigned_by: Set(is_jpt.then(|| org.regent_title.to_owned())),
                    perspective: Set(is_jpt.then(|| {
                        ["penerima_layanan", "proses_bisnis", "penguatan_internal"][w % 3]
                            .to_owned()
                    })),
                    classification: Set(None),
                });
                c.work_results.push(wr_id);
                let inds = indicators_for(&description, !p.is_head);
                for (j, (aspect, text, min, max, unit, direction)) in inds.into_iter().enumerate() {
                    let ind_id = Uuid::now_v7();
                    rows.inds.push(indicator::ActiveModel {
                        id: Set(ind_id),
                        agency_id: Set(org.agency_id),
                        work_result_id: Set(wr_id),
                        seq: Set(j as i32 + 1),
                        aspect: Set(aspect.into()),
                        description: Set(text),
                        direction: Set(direction.into()),
                        target_min: Set(Some(min.into())),
                        target_max: Set(Some(max.into())),
                        unit: Set(Some(unit.into())),
                        target_text: Set(None),
                        is_target_maximum: Set(false),
                        source_system: Set(None),
                    });
                    c.indicators.push((ind_id, wr_id, aspect, min));
                }
            }
            if !p.is_head && running && mix.percent(30) {
                let wr_id = Uuid::now_v7();
                rows.wrs.push(work_result::ActiveModel {
                    id: Set(wr_id),
                    agency_id: Set(org.agency_id),
                    plan_id: Set(plan_id),
                    kind: Set("additional".into()),
                    seq: Set(wr_count as i32 + 1),
                    description: Set("Menjadi narasumber sosialisasi internal".into()),
                    cascades_from_id: Set(None),
                    assigned_by: Set(None),
                    perspective: Set(None),
                    classification: Set(None),
                });
                c.work_results.push(wr_id);
            }
            for (k, (value, text)) in [
                (
                    "berorientasi_pelayanan",
                    "Menanggapi setiap permintaan layanan paling lambat satu hari kerja.",
                ),
                (
                    "kolaboratif",
                    "Berbagi data dan kemajuan pekerjaan dengan tim setiap pekan.",
                ),
            ]
            .into_iter()
            .enumerate()
            {
                if k == 0 || p.is_head {
                    rows.expectations.push(behaviour_expectation::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        plan_id: Set(plan_id),
                        core_value: Set(value.into()),
                        expectation: Set(text.into()),
                    });
                }
            }
            for (kind, body) in [
                (
                    "resources",
                    "Akses aplikasi kepegawaian dan data SIASN terbaru",
                ),
                (
                    "accountability",
                    "Laporan kemajuan disampaikan kepada atasan setiap akhir triwulan",
                ),
                (
                    "consequences",
                    "Capaian menjadi dasar pemberian tunjangan kinerja dan pengembangan karier",
                ),
            ] {
                rows.annexes.push(plan_annex::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    plan_id: Set(plan_id),
                    kind: Set(kind.into()),
                    seq: Set(1),
                    body: Set(body.into()),
                });
            }
            content.insert(plan_id, c);
        }

        // The position change (2026): a second plan from 1 October, submitted to the appraiser.
        if running && let Some(p) = by_id.get(&position_change) {
            let plan_id = Uuid::now_v7();
            let (ae, ax) = split(p.appraiser);
            let (se, sx) = split(p.superior);
            let submitted = at(d(year, 10, 8));
            rows.plans.push(plan::ActiveModel {
                id: Set(plan_id),
                agency_id: Set(org.agency_id),
                cycle_id: Set(cyc.id),
                employee_id: Set(p.id),
                unit_id: Set(Some(unit_id[p.unit_code])),
                position_id: Set(Some(p.position_id)),
                revision: Set(1),
                supersedes_id: Set(None),
                starts_on: Set(d(year, 10, 1)),
                ends_on: Set(d(year, 12, 31)),
                approach: Set("quantitative".into()),
                form: Set("non_jpt".into()),
                appraiser_employee_id: Set(ae),
                appraiser_external_id: Set(ax),
                superior_employee_id: Set(se),
                superior_external_id: Set(sx),
                status: Set(PlanState::Submitted.as_str().into()),
                return_reason: Set(None),
                submitted_at: Set(Some(submitted)),
                approved_at: Set(None),
                approved_by: Set(None),
                created_at: Set(at(d(year, 10, 2))),
                updated_at: Set(submitted),
                version: Set(2),
            });
            let parent = plan_of
                .get(&org.penilai)
                .and_then(|pid| content.get(pid))
                .map(|c| c.work_results[0]);
            let wr_id = Uuid::now_v7();
            rows.wrs.push(work_result::ActiveModel {
                id: Set(wr_id),
                agency_id: Set(org.agency_id),
                plan_id: Set(plan_id),
                kind: Set("main".into()),
                seq: Set(1),
                description: Set("Tersusunnya rekomendasi promosi jabatan administrator".into()),
                cascades_from_id: Set(parent),
                assigned_by: Set(None),
                perspective: Set(None),
                classification: Set(None),
            });
            for (j, (aspect, text, min, max, unit, direction)) in
                indicators_for("Tersusunnya rekomendasi promosi jabatan", true)
                    .into_iter()
                    .enumerate()
            {
                rows.inds.push(indicator::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(org.agency_id),
                    work_result_id: Set(wr_id),
                    seq: Set(j as i32 + 1),
                    aspect: Set(aspect.into()),
                    description: Set(text),
                    direction: Set(direction.into()),
                    target_min: Set(Some(min.into())),
                    target_max: Set(Some(max.into())),
                    unit: Set(Some(unit.into())),
                    target_text: Set(None),
                    is_target_maximum: Set(false),
                    source_system: Set(None),
                });
            }
        }

        // Organisation predicates per unit and period: mostly Baik, with a few exceptions so
        // that the distribution screens have something to show.
        let mapping = LeaderResultMapping::default();
        let rated_periods: Vec<&PeriodSpec> = if running {
            periods.iter().filter(|p| p.seq <= 4).collect()
        } else {
            periods.iter().filter(|p| p.seq == 5).collect()
        };
        let mut org_of: HashMap<(Uuid, i32), OrganisationPredicate> = HashMap::new();
        for per in &rated_periods {
            if running && per.seq == 4 {
                continue;
            }
            for (code, uid) in &org.units {
                if *code == "DEMO" {
                    continue;
                }
                let predicate = match (*code, per.seq) {
                    ("DEMO-INSPEKTORAT-IRBAN1", _) | ("DEMO-BAPPEDA-REN", 5) => {
                        OrganisationPredicate::Outstanding
                    }
                    ("DEMO-PUPR-BM-JJ", 2) => OrganisationPredicate::NeedsImprovement,
                    _ => OrganisationPredicate::Good,
                };
                org_of.insert((*uid, per.seq), predicate);
                rows.orgs.push(org_performance::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(org.agency_id),
                    unit_id: Set(*uid),
                    period_id: Set(per.id),
                    predicate: Set(org_predicate_text(predicate).into()),
                    basis: Set(Some(
                        "Capaian rencana aksi dan indikator kinerja utama perangkat daerah".into(),
                    )),
                    set_by: Set("Admin BKPSDM".into()),
                    set_at: Set(at(plus(per.ends_on, 5))),
                    distribution_override_reason: Set(None),
                    version: Set(1),
                });
            }
        }

        // Evaluations: per period, the predicates of each unit's staff follow its curve.
        for per in &rated_periods {
            let q4 = running && per.seq == 4;
            let q3 = running && per.seq == 3;
            // Staff predicates per unit, shuffled deterministically.
            let mut assigned: HashMap<Uuid, EmployeePredicate> = HashMap::new();
            for (code, uid) in &org.units {
                let members: Vec<&&DemoPerson> = ordered
                    .iter()
                    .filter(|p| p.unit_code == *code && !p.is_head)
                    .collect();
                if members.is_empty() || q4 {
                    continue;
                }
                let orgp = org_of
                    .get(&(*uid, per.seq))
                    .copied()
                    .unwrap_or(OrganisationPredicate::Good);
                let mut curve = curve_counts(orgp, members.len());
                // Q3 of Seksi Pelayanan Kesehatan Primer breaks its curve (no one below Baik):
                // the calibration screen's example.
                if q3 && *code == "DEMO-DINKES-PRIMER" {
                    curve = vec![EmployeePredicate::Good; members.len()];
                }
                for i in (1..curve.len()).rev() {
                    let j = mix.below(i + 1);
                    curve.swap(i, j);
                }
                for (m, p) in members.iter().zip(curve) {
                    assigned.insert(m.id, p);
                }
            }
            for p in &ordered {
                let plan_id = plan_of[&p.id];
                let state = if q4 {
                    EvaluationState::Filling
                } else if q3 && awaiting_q3.contains(&p.id) {
                    EvaluationState::AwaitingRating
                } else if q3 {
                    EvaluationState::Rated
                } else if running && per.seq == 2 && (p.id == org.pegawai || p.id == objector) {
                    if p.id == objector {
                        EvaluationState::Objected
                    } else {
                        EvaluationState::Finalised
                    }
                } else {
                    EvaluationState::Final
                };
                let rated = !matches!(
                    state,
                    EvaluationState::Filling | EvaluationState::AwaitingRating
                );
                let (result, behaviour) = if !rated {
                    (None, None)
                } else if p.is_head {
                    let orgp = org_of
                        .get(&(unit_id[p.unit_code], per.seq))
                        .copied()
                        .unwrap_or(OrganisationPredicate::Good);
                    let r = mapping.rating_for(orgp);
                    (Some(r), Some(behaviour_for_head(r, &mut mix)))
                } else {
                    let pred = assigned
                        .get(&p.id)
                        .copied()
                        .unwrap_or(EmployeePredicate::Good);
                    let (r, b) = ratings_for(pred, &mut mix);
                    (Some(r), Some(b))
                };
                let predicate = result.zip(behaviour).map(|(r, b)| kuadran(r, b));
                let justification = |r: Option<Rating>, what: &str| match r {
                    Some(Rating::Above) => Some(format!(
                        "{what} melampaui ekspektasi: capaian indikator di atas target dengan bukti dukung lengkap."
                    )),
                    Some(Rating::Below) => Some(format!(
                        "{what} di bawah ekspektasi: beberapa target triwulan tidak tercapai dan sudah dibahas dalam dialog kinerja."
                    )),
                    _ => None,
                };
                let rated_on = plus(per.ends_on, 8 + mix.below(5) as u64);
                let finalised_on = plus(per.ends_on, 15);
                let locked = matches!(
                    state,
                    EvaluationState::Finalised | EvaluationState::Objected | EvaluationState::Final
                );
                let received = locked && p.id != org.pegawai;
                let received_on = plus(finalised_on, 1 + mix.below(3) as u64);
                let innovation = predicate == Some(EmployeePredicate::VeryGood) && mix.percent(40);
                let (ae, ax) = split(p.appraiser);
                let (se, sx) = split(p.superior);
                let mut m = evaluation::Model {
                    id: Uuid::now_v7(),
                    agency_id: org.agency_id,
                    cycle_id: cyc.id,
                    period_id: per.id,
                    plan_id,
                    employee_id: p.id,
                    unit_id: Some(unit_id[p.unit_code]),
                    is_annual: per.seq == 5,
                    appraiser_employee_id: ae,
                    appraiser_external_id: ax,
                    superior_employee_id: se,
                    superior_external_id: sx,
                    status: state.as_str().into(),
                    result_rating: result.map(|r| rating_text(r).into()),
                    behaviour_rating: behaviour.map(|r| rating_text(r).into()),
                    predicate: predicate.map(|x| predicate_text(x).into()),
                    result_justification: justification(result, "Hasil kerja"),
                    behaviour_justification: justification(behaviour, "Perilaku kerja"),
                    appraiser_note: rated.then(|| {
                        "Pertahankan kinerja dan tingkatkan kolaborasi lintas bidang.".to_owned()
                    }),
                    has_innovation: innovation,
                    innovation_note: innovation.then(|| {
                        "Menginisiasi layanan daring yang memangkas waktu tunggu pengguna."
                            .to_owned()
                    }),
                    self_assessment: (!q4).then(|| {
                        "Seluruh rencana aksi triwulan terlaksana; bukti dukung terlampir."
                            .to_owned()
                    }),
                    regime: "pmpanrb6_2022".into(),
                    numeric_snapshot: None,
                    rated_at: rated.then(|| at(rated_on)),
                    rated_by: rated.then(|| match p.appraiser {
                        Some(Who::Employee(a)) => format!("employee:{a}"),
                        Some(Who::External(x)) => format!("external:{x}"),
                        None => "demo".into(),
                    }),
                    calibrated_predicate: None,
                    distribution_override_reason: None,
                    content_hash: None,
                    signed_by: None,
                    signed_at: None,
                    finalised_at: locked.then(|| at(finalised_on)),
                    received_at: received.then(|| at(received_on)),
                    final_at: (state == EvaluationState::Final).then(|| at(plus(received_on, 15))),
                    created_at: at(per.starts_on),
                    updated_at: at(if locked { finalised_on } else { rated_on }),
                    version: 4,
                };
                if locked {
                    m.content_hash = Some(content_hash(&m));
                    m.signed_by = signer(&m);
                    m.signed_at = m.finalised_at;
                }
                if state == EvaluationState::Objected {
                    rows.objections.push(objection::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        agency_id: Set(org.agency_id),
                        evaluation_id: Set(m.id),
                        submitted_by: Set(p.id),
                        submitted_at: Set(at(plus(received_on, 4))),
                        reasons: Set("Realisasi triwulan II saya mencapai seluruh target dengan bukti dukung lengkap, tetapi rating hasil kerja ditetapkan di bawah ekspektasi tanpa penjelasan dalam dialog kinerja. Mohon ditinjau kembali.".into()),
                        status: Set("submitted".into()),
                        decider_employee_id: Set(se),
                        decider_external_id: Set(sx),
                        decided_at: Set(None),
                        decided_by: Set(None),
                        decision_note: Set(None),
                        new_result_rating: Set(None),
                        new_behaviour_rating: Set(None),
                        new_predicate: Set(None),
                        created_at: Set(at(plus(received_on, 4))),
                        updated_at: Set(at(plus(received_on, 4))),
                        version: Set(1),
                        decision_document: Set(None),
                        recorded_by: Set(None),
                    });
                }
                // Realizations of the period (Q4: about half filled so far), with evidence
                // links on some.
                if running {
                    let c = &content[&plan_id];
                    for (ind, wr, aspect, min) in &c.indicators {
                        if q4 && !mix.percent(45) {
                            continue;
                        }
                        let rid = Uuid::now_v7();
                        let recorded =
                            at(plus(per.ends_on, 2 + mix.below(6) as u64).min(d(2026, 11, 28)));
                        rows.realizations.push(realization::ActiveModel {
                            id: Set(rid),
                            agency_id: Set(org.agency_id),
                            indicator_id: Set(*ind),
                            period_id: Set(per.id),
                            value: Set(Some(realized(aspect, min, &mut mix))),
                            body: Set(Some("Sesuai laporan kegiatan triwulan.".into())),
                            source_system: Set(None),
                            recorded_by: Set(format!("employee:{}", p.id)),
                            recorded_at: Set(recorded),
                            version: Set(1),
                        });
                        if mix.percent(35) {
                            rows.evidence.push(evidence::ActiveModel {
                                id: Set(Uuid::now_v7()),
                                agency_id: Set(org.agency_id),
                                plan_id: Set(plan_id),
                                realization_id: Set(Some(rid)),
                                work_result_id: Set(Some(*wr)),
                                uri: Set(Some(format!(
                                    "https://arsip.demosejahtera.go.id/kinerja/{year}/tw{}/{}",
                                    per.seq,
                                    &rid.simple().to_string()[20..]
                                ))),
                                file_name: Set(None),
                                content_type: Set(None),
                                size_bytes: Set(None),
                                sha256: Set(None),
                                source_system: Set(None),
                                uploaded_by: Set(format!("employee:{}", p.id)),
                                uploaded_at: Set(recorded),
                            });
                        }
                    }
                }
                // 360 feedback (2026 periods): self, appraiser, up to three peers of the same
                // unit and position kind, and a head's direct subordinates (up to four).
                if running {
                    let mut raters: Vec<(Uuid, &str)> = vec![(p.id, "self")];
                    if let Some(Who::Employee(a)) = p.appraiser {
                        raters.push((a, "appraiser"));
                    }
                    let cohort: Vec<&&DemoPerson> = ordered
                        .iter()
                        .filter(|o| {
                            o.unit_code == p.unit_code
                                && o.kind == p.kind
                                && o.id != p.id
                                && !o.is_head
                        })
                        .collect();
                    if !p.is_head && !cohort.is_empty() {
                        let start = cohort.iter().position(|o| o.id > p.id).unwrap_or(0);
                        for k in 0..cohort.len().min(3) {
                            raters.push((cohort[(start + k) % cohort.len()].id, "peer"));
                        }
                    }
                    if p.is_head {
                        for s in ordered
                            .iter()
                            .filter(|o| o.appraiser == Some(Who::Employee(p.id)))
                            .take(4)
                        {
                            raters.push((s.id, "subordinate"));
                        }
                    }
                    let due_on = plus(per.ends_on, 7);
                    for (rater, role) in raters {
                        // Q4: about a third answered; the story's pegawai answers nothing yet.
                        let answered = if q4 {
                            rater != org.pegawai && rater != org.rekan && mix.percent(30)
                        } else {
                            mix.percent(94) || role == "appraiser"
                        };
                        let rid = Uuid::now_v7();
                        let submitted =
                            at(plus(per.ends_on, 1 + mix.below(6) as u64).min(d(2026, 11, 28)));
                        rows.requests.push(feedback_request::ActiveModel {
                            id: Set(rid),
                            agency_id: Set(org.agency_id),
                            evaluation_id: Set(m.id),
                            rater_employee_id: Set(rater),
                            rater_role: Set(role.into()),
                            status: Set(if answered { "submitted" } else { "pending" }.into()),
                            nominated_by: Set(None),
                            is_approved: Set(true),
                            due_on: Set(Some(due_on)),
                            submitted_at: Set(answered.then_some(submitted)),
                            created_at: Set(at(plus(per.starts_on, 75).min(d(2026, 11, 2)))),
                        });
                        if q4 && !answered {
                            let who = &p.name;
                            rows.notifications.push(notification::ActiveModel {
                                id: Set(Uuid::now_v7()),
                                agency_id: Set(org.agency_id),
                                recipient_employee_id: Set(rater),
                                kind: Set("feedback_requested".into()),
                                subject: Set(if role == "self" {
                                    "Umpan balik 360: penilaian diri".into()
                                } else {
                                    format!("Umpan balik 360 untuk {who}")
                                }),
                                body: Set(format!(
                                    "You are asked to rate {} on the seven BerAKHLAK core values by {due_on}.",
                                    if role == "self" { "yourself" } else { who.as_str() }
                                )),
                                payload: Set(serde_json::json!({
                                    "feedback_request_id": rid, "evaluation_id": m.id, "due_on": due_on,
                                })
                                .to_string()),
                                created_at: Set(at(d(2026, 11, 2))),
                                read_at: Set(None),
                                sent_at: Set(None),
                            });
                        }
                        if answered {
                            for v in CORE_VALUES {
                                let roll = mix.below(100);
                                let rating = if roll < 14 {
                                    "above"
                                } else if roll < 20 {
                                    "below"
                                } else {
                                    "meets"
                                };
                                let comment = match rating {
                                    "above" => Some((*mix.pick(&ABOVE_COMMENTS)).to_owned()),
                                    "below" => Some((*mix.pick(&BELOW_COMMENTS)).to_owned()),
                                    _ => None,
                                };
                                rows.answers.push(feedback_answer::ActiveModel {
                                    id: Set(Uuid::now_v7()),
                                    request_id: Set(rid),
                                    core_value: Set(v.into()),
                                    rating: Set(rating.into()),
                                    comment: Set(comment),
                                });
                            }
                        }
                    }
                }
                rows.evaluations.push(m.into_active_model().reset_all());
            }
        }

        // Continuous feedback and dialogues in the story's unit.
        if running {
            for p in org
                .people
                .iter()
                .filter(|p| p.unit_code == "DEMO-BKPSDM-MUTASI" && !p.is_head)
            {
                let plan_id = plan_of[&p.id];
                let c = &content[&plan_id];
                for (i, per) in periods.iter().filter(|x| x.seq <= 3).enumerate() {
                    rows.notes.push(continuous_feedback::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        agency_id: Set(org.agency_id),
                        plan_id: Set(plan_id),
                        period_id: Set(Some(per.id)),
                        target_type: Set("work_result".into()),
                        target_id: Set(Some(c.work_results[i % c.work_results.len()])),
                        core_value: Set(None),
                        author_user_id: Set(Uuid::nil()),
                        author_employee_id: Set(Some(org.penilai)),
                        author_role: Set("appraiser".into()),
                        body: Set([
                            "Verifikasi berkas sudah rapi; percepat penyampaian ke BKN agar tidak menumpuk di akhir bulan.",
                            "Rekomendasi mutasi sudah memakai data talenta. Lengkapi dengan hasil uji kompetensi terakhir.",
                            "Waktu layanan rata-rata sudah di bawah target. Bagikan cara kerjanya ke rekan satu tim.",
                        ][i % 3]
                            .into()),
                        visibility: Set("employee".into()),
                        created_at: Set(at(plus(per.starts_on, 40))),
                    });
                }
                rows.notes.push(continuous_feedback::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    agency_id: Set(org.agency_id),
                    plan_id: Set(plan_id),
                    period_id: Set(Some(periods[2].id)),
                    target_type: Set("core_value".into()),
                    target_id: Set(None),
                    core_value: Set(Some("kolaboratif".into())),
                    author_user_id: Set(Uuid::nil()),
                    author_employee_id: Set(Some(org.penilai)),
                    author_role: Set("appraiser".into()),
                    body: Set(
                        "Aktif membantu tim lain saat pelaksanaan seleksi jabatan; pertahankan."
                            .into(),
                    ),
                    visibility: Set("employee".into()),
                    created_at: Set(at(d(2026, 8, 20))),
                });
                for (held_on, kind, notes, follow_up) in [
                    (
                        d(2026, 1, 15),
                        "planning",
                        "Menyepakati rencana hasil kerja dan target triwulanan.",
                        Some("SKP diajukan paling lambat 25 Januari."),
                    ),
                    (
                        d(2026, 5, 12),
                        "monitoring",
                        "Membahas capaian triwulan I dan kendala data SIASN.",
                        Some("Koordinasi dengan admin SIASN setiap Senin."),
                    ),
                    (
                        d(2026, 8, 18),
                        "coaching",
                        "Bimbingan penyusunan rekomendasi mutasi berbasis talenta.",
                        None,
                    ),
                ] {
                    rows.dialogues.push(dialogue::ActiveModel {
                        id: Set(Uuid::now_v7()),
                        agency_id: Set(org.agency_id),
                        plan_id: Set(plan_id),
                        held_on: Set(held_on),
                        kind: Set(kind.into()),
                        notes: Set(notes.into()),
                        follow_up: Set(follow_up.map(str::to_owned)),
                        recorded_by: Set(format!("employee:{}", org.penilai)),
                        created_at: Set(at(held_on)),
                    });
                }
            }
        }

        counts.plans += rows.plans.len();
        counts.indicators += rows.inds.len();
        counts.realizations += rows.realizations.len();
        counts.evaluations += rows.evaluations.len();
        counts.feedback_requests += rows.requests.len();
        counts.feedback_answers += rows.answers.len();
        insert(db, rows.plans, 24).await?;
        insert(db, rows.wrs, 10).await?;
        insert(db, rows.inds, 13).await?;
        insert(db, rows.expectations, 4).await?;
        insert(db, rows.annexes, 5).await?;
        insert(db, rows.orgs, 10).await?;
        insert(db, rows.evaluations, 40).await?;
        insert(db, rows.realizations, 10).await?;
        insert(db, rows.evidence, 15).await?;
        insert(db, rows.requests, 11).await?;
        insert(db, rows.answers, 5).await?;
        insert(db, rows.objections, 18).await?;
        insert(db, rows.notes, 13).await?;
        insert(db, rows.dialogues, 9).await?;
        insert(db, rows.notifications, 11).await?;
    }
    Ok(counts)
}

fn split(w: Option<Who>) -> (Option<Uuid>, Option<Uuid>) {
    match w {
        Some(Who::Employee(e)) => (Some(e), None),
        Some(Who::External(x)) => (None, Some(x)),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_for_each_predicate_give_that_predicate_by_the_kuadran() {
        let mut mix = Mix(7);
        for p in EmployeePredicate::ALL {
            for _ in 0..20 {
                let (r, b) = ratings_for(p, &mut mix);
                assert_eq!(kuadran(r, b), p);
            }
        }
    }

    #[test]
    fn curve_counts_keep_the_curve_of_each_organisation_predicate() {
        use kinerja_domain::distribution::{
            DistributionPolicy, PredicateCounts, check_distribution,
        };
        let policy = DistributionPolicy::default();
        for org in [
            OrganisationPredicate::Outstanding,
            OrganisationPredicate::Good,
            OrganisationPredicate::NeedsImprovement,
        ] {
            for n in 3..=20 {
                let preds = curve_counts(org, n);
                assert_eq!(preds.len(), n, "{org:?} n={n}");
                let c = PredicateCounts::from_predicates(preds);
                let v = check_distribution(&policy, org, &c);
                assert!(v.is_empty(), "{org:?} with {n} people: {v:?}");
            }
        }
    }
}
