//! The demo agency: a regency government with a unit tree, positions, about 300 employees with
//! valid NIP / NI PPPK, appraiser assignments along the hierarchy and one login per role.
//! Deterministic for a given seed (a splitmix64 generator, no external crate); trusted input
//! through `seed` inserts in one transaction, with one `demo.load` audit entry.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use kinerja_domain::org::{
    ActingKind, AppraiserStatus, AsnType, FunctionalLevel, PositionKind, Role, Sex, UnitKind,
};
use kinerja_store::entities::{agency, appraiser_assignment, external_appraiser, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::actor::{Actor, Ctx, Principal};
use crate::audit::{self, Change};
use crate::demo_cycles::{DemoOrg, DemoPerson, Who};
use crate::error::{ServiceError, ServiceResult};
use crate::{Services, now, seed};

pub const AGENCY_CODE: &str = "DEMO";
pub const AGENCY_NAME: &str = "Pemerintah Kabupaten Demo Sejahtera";
/// The password of every demo account.
pub const PASSWORD: &str = "Kinerja-Demo-2026";
/// The demo accounts, with their roles.
pub const ACCOUNTS: [(&str, Role); 8] = [
    ("superadmin", Role::SuperAdmin),
    ("admin", Role::AgencyAdmin),
    ("auditor", Role::Auditor),
    ("pegawai", Role::Employee),
    ("penilai", Role::Employee),
    ("atasan", Role::Employee),
    ("rekan", Role::Employee),
    ("pegawaibaru", Role::Employee),
];

/// Every generated date is relative to this day, not to the clock, so that a seed always gives
/// the same data: appointments end before it, assignments start on it.
fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date")
}

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and good enough for demo data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi` (a modulo bias far below what demo data could show).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }
    fn percent(&mut self, p: i64) -> bool {
        self.range(0, 99) < p
    }
}

/// A staff position of a unit: its name, kind, jenjang, how many hold it, the share of
/// women and PPPK among them (percent), and the degrees its holders typically carry.
struct Staff {
    name: &'static str,
    kind: PositionKind,
    level: Option<FunctionalLevel>,
    count: u32,
    female: i64,
    pppk: i64,
    degrees: &'static [&'static str],
}

const fn staff(
    name: &'static str,
    kind: PositionKind,
    level: Option<FunctionalLevel>,
    count: u32,
    female: i64,
    pppk: i64,
    degrees: &'static [&'static str],
) -> Staff {
    Staff {
        name,
        kind,
        level,
        count,
        female,
        pppk,
        degrees,
    }
}

struct UnitSpec {
    code: &'static str,
    name: &'static str,
    kind: UnitKind,
    parent: Option<&'static str>,
    /// The head's position title and kind; the root has no head.
    head: Option<(&'static str, PositionKind)>,
    staff: &'static [Staff],
}

use FunctionalLevel as L;
use PositionKind as P;

const ADMIN_DEGREES: &[&str] = &["", "", "S.E.", "S.Sos.", "A.Md.", "S.AP."];
const PELAKSANA: Staff = staff(
    "Pengadministrasi Perkantoran",
    P::Pelaksana,
    None,
    3,
    55,
    20,
    ADMIN_DEGREES,
);

// Perangkat daerah of a kabupaten (PP 18/2016): Sekretariat Daerah, dinas, badan, inspektorat.
// A table, kept one staff position per line.
#[rustfmt::skip]
static UNITS: &[UnitSpec] = &[
    UnitSpec {
        code: "DEMO",
        name: AGENCY_NAME,
        kind: UnitKind::Other,
        parent: None,
        head: None,
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-SETDA",
        name: "Sekretariat Daerah",
        kind: UnitKind::Sekretariat,
        parent: Some("DEMO"),
        head: Some(("Sekretaris Daerah", P::Jpt)),
        staff: &[staff("Analis Kebijakan Ahli Madya", P::Fungsional, Some(L::AhliMadya), 2, 40, 0, &["S.Sos., M.Si.", "S.IP., M.AP."])],
    },
    UnitSpec {
        code: "DEMO-SETDA-UMUM",
        name: "Bagian Umum",
        kind: UnitKind::Bagian,
        parent: Some("DEMO-SETDA"),
        head: Some(("Kepala Bagian Umum", P::Administrator)),
        staff: &[
            staff("Pengadministrasi Perkantoran", P::Pelaksana, None, 6, 55, 25, ADMIN_DEGREES),
            staff("Pengelola Barang Milik Daerah", P::Pelaksana, None, 3, 40, 20, ADMIN_DEGREES),
            staff("Arsiparis Terampil", P::Fungsional, Some(L::Terampil), 3, 60, 20, &["A.Md."]),
            staff("Pranata Komputer Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 2, 30, 20, &["S.Kom."]),
        ],
    },
    UnitSpec {
        code: "DEMO-SETDA-ORG",
        name: "Bagian Organisasi",
        kind: UnitKind::Bagian,
        parent: Some("DEMO-SETDA"),
        head: Some(("Kepala Bagian Organisasi", P::Administrator)),
        staff: &[
            staff("Analis Kebijakan Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 3, 50, 10, &["S.Sos.", "S.IP.", "S.AP."]),
            staff("Analis Kebijakan Ahli Muda", P::Fungsional, Some(L::AhliMuda), 2, 50, 0, &["S.Sos., M.Si.", "S.AP."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-SETDA-HKM",
        name: "Bagian Hukum",
        kind: UnitKind::Bagian,
        parent: Some("DEMO-SETDA"),
        head: Some(("Kepala Bagian Hukum", P::Administrator)),
        staff: &[
            staff("Analis Hukum Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 3, 50, 10, &["S.H."]),
            staff("Perancang Peraturan Perundang-undangan Ahli Muda", P::Fungsional, Some(L::AhliMuda), 2, 40, 0, &["S.H., M.H.", "S.H."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-DISDIK",
        name: "Dinas Pendidikan",
        kind: UnitKind::Dinas,
        parent: Some("DEMO"),
        head: Some(("Kepala Dinas Pendidikan", P::Jpt)),
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-DISDIK-UMPEG",
        name: "Subbagian Umum dan Kepegawaian Dinas Pendidikan",
        kind: UnitKind::Subbagian,
        parent: Some("DEMO-DISDIK"),
        head: Some(("Kepala Subbagian Umum dan Kepegawaian", P::Pengawas)),
        staff: &[
            staff("Pengadministrasi Perkantoran", P::Pelaksana, None, 4, 55, 25, ADMIN_DEGREES),
            staff("Pengelola Keuangan", P::Pelaksana, None, 3, 60, 10, &["S.E.", "A.Md.Ak."]),
            staff("Pranata Sumber Daya Manusia Aparatur Terampil", P::Fungsional, Some(L::Terampil), 3, 50, 10, &["A.Md."]),
        ],
    },
    UnitSpec {
        code: "DEMO-DISDIK-SD",
        name: "Bidang Pembinaan Sekolah Dasar",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-DISDIK"),
        head: Some(("Kepala Bidang Pembinaan Sekolah Dasar", P::Administrator)),
        staff: &[
            staff("Guru Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 26, 70, 45, &["S.Pd.", "S.Pd.SD"]),
            staff("Guru Ahli Muda", P::Fungsional, Some(L::AhliMuda), 16, 65, 10, &["S.Pd.", "S.Pd.SD"]),
            staff("Guru Ahli Madya", P::Fungsional, Some(L::AhliMadya), 6, 60, 0, &["S.Pd., M.Pd.", "S.Pd."]),
            staff("Pengawas Sekolah Ahli Muda", P::Fungsional, Some(L::AhliMuda), 4, 50, 0, &["S.Pd., M.Pd."]),
        ],
    },
    UnitSpec {
        code: "DEMO-DISDIK-SD-KUR",
        name: "Seksi Kurikulum dan Penilaian Sekolah Dasar",
        kind: UnitKind::Seksi,
        parent: Some("DEMO-DISDIK-SD"),
        head: Some((
            "Kepala Seksi Kurikulum dan Penilaian Sekolah Dasar",
            P::Pengawas,
        )),
        staff: &[
            staff("Pengembang Teknologi Pembelajaran Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 3, 50, 20, &["S.Pd.", "S.Kom."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-DISDIK-SMP",
        name: "Bidang Pembinaan Sekolah Menengah Pertama",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-DISDIK"),
        head: Some((
            "Kepala Bidang Pembinaan Sekolah Menengah Pertama",
            P::Administrator,
        )),
        staff: &[
            staff("Guru Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 24, 65, 45, &["S.Pd.", "S.Si."]),
            staff("Guru Ahli Muda", P::Fungsional, Some(L::AhliMuda), 16, 60, 10, &["S.Pd."]),
            staff("Guru Ahli Madya", P::Fungsional, Some(L::AhliMadya), 6, 55, 0, &["S.Pd., M.Pd."]),
        ],
    },
    UnitSpec {
        code: "DEMO-DINKES",
        name: "Dinas Kesehatan",
        kind: UnitKind::Dinas,
        parent: Some("DEMO"),
        head: Some(("Kepala Dinas Kesehatan", P::Jpt)),
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-DINKES-YANKES",
        name: "Bidang Pelayanan Kesehatan",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-DINKES"),
        head: Some(("Kepala Bidang Pelayanan Kesehatan", P::Administrator)),
        staff: &[
            staff("Perawat Terampil", P::Fungsional, Some(L::Terampil), 10, 70, 40, &["A.Md.Kep."]),
            staff("Perawat Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 10, 65, 30, &["S.Kep., Ners"]),
            staff("Perawat Ahli Muda", P::Fungsional, Some(L::AhliMuda), 5, 60, 0, &["S.Kep., Ners"]),
            staff("Dokter Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 5, 55, 10, &["dr."]),
            staff("Administrator Kesehatan Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 3, 50, 0, &["S.KM."]),
        ],
    },
    UnitSpec {
        code: "DEMO-DINKES-PRIMER",
        name: "Seksi Pelayanan Kesehatan Primer",
        kind: UnitKind::Seksi,
        parent: Some("DEMO-DINKES-YANKES"),
        head: Some(("Kepala Seksi Pelayanan Kesehatan Primer", P::Pengawas)),
        staff: &[
            staff("Bidan Terampil", P::Fungsional, Some(L::Terampil), 8, 100, 40, &["A.Md.Keb."]),
            staff("Bidan Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 4, 100, 20, &["S.Tr.Keb."]),
            staff("Perawat Terampil", P::Fungsional, Some(L::Terampil), 4, 65, 40, &["A.Md.Kep."]),
        ],
    },
    UnitSpec {
        code: "DEMO-DINKES-P2P",
        name: "Bidang Pencegahan dan Pengendalian Penyakit",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-DINKES"),
        head: Some((
            "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
            P::Administrator,
        )),
        staff: &[
            staff("Epidemiolog Kesehatan Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 5, 55, 20, &["S.KM."]),
            staff("Sanitarian Terampil", P::Fungsional, Some(L::Terampil), 5, 50, 30, &["A.Md.KL."]),
            staff("Perawat Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 4, 65, 30, &["S.Kep., Ners"]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-PUPR",
        name: "Dinas Pekerjaan Umum dan Penataan Ruang",
        kind: UnitKind::Dinas,
        parent: Some("DEMO"),
        head: Some(("Kepala Dinas Pekerjaan Umum dan Penataan Ruang", P::Jpt)),
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-PUPR-BM",
        name: "Bidang Bina Marga",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-PUPR"),
        head: Some(("Kepala Bidang Bina Marga", P::Administrator)),
        staff: &[
            staff("Teknik Jalan dan Jembatan Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 6, 25, 15, &["S.T."]),
            staff("Teknik Jalan dan Jembatan Terampil", P::Fungsional, Some(L::Terampil), 5, 15, 20, &["A.Md.T."]),
            staff("Pengelola Data Teknis", P::Pelaksana, None, 5, 35, 20, &["", "A.Md.T.", "S.T."]),
        ],
    },
    UnitSpec {
        code: "DEMO-PUPR-BM-JJ",
        name: "Seksi Pembangunan Jalan dan Jembatan",
        kind: UnitKind::Seksi,
        parent: Some("DEMO-PUPR-BM"),
        head: Some(("Kepala Seksi Pembangunan Jalan dan Jembatan", P::Pengawas)),
        staff: &[
            staff("Teknik Jalan dan Jembatan Terampil", P::Fungsional, Some(L::Terampil), 4, 15, 20, &["A.Md.T."]),
            staff("Operator Alat Berat", P::Pelaksana, None, 4, 0, 30, &[""]),
        ],
    },
    UnitSpec {
        code: "DEMO-BKPSDM",
        name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        kind: UnitKind::Badan,
        parent: Some("DEMO"),
        head: Some((
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
            P::Jpt,
        )),
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-BKPSDM-MUTASI",
        name: "Bidang Mutasi dan Promosi",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-BKPSDM"),
        head: Some(("Kepala Bidang Mutasi dan Promosi", P::Administrator)),
        staff: &[
            staff("Analis Sumber Daya Manusia Aparatur Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 5, 55, 15, &["S.Psi.", "S.AP.", "S.E."]),
            staff("Analis Sumber Daya Manusia Aparatur Ahli Muda", P::Fungsional, Some(L::AhliMuda), 3, 50, 0, &["S.Sos., M.Si.", "S.AP."]),
            staff("Pranata Sumber Daya Manusia Aparatur Terampil", P::Fungsional, Some(L::Terampil), 3, 55, 20, &["A.Md."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-BAPPEDA",
        name: "Badan Perencanaan Pembangunan Daerah",
        kind: UnitKind::Badan,
        parent: Some("DEMO"),
        head: Some(("Kepala Badan Perencanaan Pembangunan Daerah", P::Jpt)),
        staff: &[],
    },
    UnitSpec {
        code: "DEMO-BAPPEDA-REN",
        name: "Bidang Perencanaan dan Pendanaan Pembangunan",
        kind: UnitKind::Bidang,
        parent: Some("DEMO-BAPPEDA"),
        head: Some((
            "Kepala Bidang Perencanaan dan Pendanaan Pembangunan",
            P::Administrator,
        )),
        staff: &[
            staff("Perencana Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 6, 50, 15, &["S.E.", "S.T.", "S.P."]),
            staff("Perencana Ahli Muda", P::Fungsional, Some(L::AhliMuda), 4, 45, 0, &["S.E., M.Si.", "S.T., M.T."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-INSPEKTORAT",
        name: "Inspektorat Daerah",
        kind: UnitKind::Inspektorat,
        parent: Some("DEMO"),
        head: Some(("Inspektur Daerah", P::Jpt)),
        staff: &[
            staff("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 5, 45, 10, &["S.H.", "S.IP."]),
            PELAKSANA,
        ],
    },
    UnitSpec {
        code: "DEMO-INSPEKTORAT-IRBAN1",
        name: "Inspektur Pembantu Wilayah I",
        kind: UnitKind::Other,
        parent: Some("DEMO-INSPEKTORAT"),
        head: Some(("Inspektur Pembantu Wilayah I", P::Administrator)),
        staff: &[
            staff("Auditor Ahli Pertama", P::Fungsional, Some(L::AhliPertama), 6, 50, 10, &["S.E.", "S.Ak."]),
            staff("Auditor Ahli Muda", P::Fungsional, Some(L::AhliMuda), 4, 45, 0, &["S.E., M.Ak.", "S.Ak."]),
            staff("Auditor Ahli Madya", P::Fungsional, Some(L::AhliMadya), 2, 40, 0, &["S.E., M.M."]),
        ],
    },
];

const MALE: &[&str] = &[
    "Agus", "Ahmad", "Andi", "Arif", "Bambang", "Bayu", "Budi", "Dedi", "Dimas", "Dwi", "Eko",
    "Fajar", "Fikri", "Gilang", "Hadi", "Hendra", "Heru", "Imam", "Indra", "Irfan", "Iwan", "Joko",
    "Mulyadi", "Rahmat", "Rizky", "Rudi", "Sigit", "Slamet", "Sutrisno", "Taufik", "Teguh",
    "Wahyu", "Yoga", "Yusuf", "Zainal", "Aditya", "Bagus", "Hari", "Lukman", "Surya",
];
const MALE_LAST: &[&str] = &[
    "Setiawan",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Santoso",
    "Wibowo",
    "Kurniawan",
    "Nugraha",
    "Purnomo",
    "Susanto",
    "Wijaya",
    "Gunawan",
    "Hakim",
    "Permana",
    "Sulistyo",
    "Firmansyah",
    "Ramadhan",
    "Prasetyo",
    "Hartono",
    "Utomo",
    "Siregar",
    "Nasution",
    "Simanjuntak",
    "Lubis",
];
const FEMALE: &[&str] = &[
    "Ani", "Ayu", "Dewi", "Dian", "Endang", "Fitri", "Indah", "Kartika", "Lestari", "Maya",
    "Nining", "Nur", "Putri", "Ratna", "Rina", "Sari", "Siti", "Sri", "Tri", "Wulan", "Yuni",
    "Anisa", "Desi", "Eka", "Evi", "Lina", "Mega", "Novi", "Retno", "Rini", "Yanti", "Nurul",
];
const FEMALE_LAST: &[&str] = &[
    "Lestari",
    "Rahayu",
    "Wulandari",
    "Kusumawati",
    "Handayani",
    "Puspitasari",
    "Anggraini",
    "Safitri",
    "Permatasari",
    "Susilowati",
    "Wahyuningsih",
    "Maharani",
    "Rahmawati",
    "Oktaviani",
    "Pertiwi",
    "Fitriani",
    "Purnamasari",
    "Hasibuan",
];

fn person_name(rng: &mut Rng, sex: Sex, age: i64, degree: &str) -> String {
    let (first, last, hajj) = match sex {
        Sex::Male => (MALE, MALE_LAST, "H."),
        Sex::Female => (FEMALE, FEMALE_LAST, "Hj."),
    };
    let mut name = rng.pick(first).to_string();
    if rng.percent(80) {
        let surname = rng.pick(last);
        if *surname != name {
            name = format!("{name} {surname}");
        }
    }
    // Titles such as "dr." and "Ir." precede the name, degrees follow it.
    let (prefixes, degrees): (Vec<&str>, Vec<&str>) = degree
        .split(", ")
        .filter(|d| !d.is_empty())
        .partition(|d| ["dr.", "Dr.", "Ir.", "Drs."].contains(d));
    let mut full = String::new();
    if age >= 45 && rng.percent(25) {
        full.push_str(hajj);
        full.push(' ');
    }
    for p in prefixes {
        full.push_str(p);
        full.push(' ');
    }
    full.push_str(&name);
    if !degrees.is_empty() {
        full.push_str(", ");
        full.push_str(&degrees.join(", "));
    }
    full
}

/// Golongan consistent with the position: structural ranks by eselon, functional ranks by
/// jenjang (PermenPANRB 1/2023 ranges), PPPK by the pay grades of Perpres 98/2020.
fn golongan(
    rng: &mut Rng,
    asn: AsnType,
    kind: PositionKind,
    level: Option<FunctionalLevel>,
) -> &'static str {
    let options: &[&'static str] = match (asn, kind, level) {
        (AsnType::Pns, P::Jpt, _) => &["IV/c", "IV/d"],
        (AsnType::Pns, P::Administrator, _) => &["IV/a", "IV/b"],
        (AsnType::Pns, P::Pengawas, _) => &["III/c", "III/d", "IV/a"],
        (AsnType::Pns, P::Pelaksana, _) => &["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"],
        (AsnType::Pns, P::Fungsional, Some(L::Pemula)) => &["II/a"],
        (AsnType::Pns, P::Fungsional, Some(L::Terampil)) => &["II/b", "II/c", "II/d"],
        (AsnType::Pns, P::Fungsional, Some(L::Mahir)) => &["III/a", "III/b"],
        (AsnType::Pns, P::Fungsional, Some(L::Penyelia)) => &["III/c", "III/d"],
        (AsnType::Pns, P::Fungsional, Some(L::AhliPertama)) => &["III/a", "III/b"],
        (AsnType::Pns, P::Fungsional, Some(L::AhliMuda)) => &["III/c", "III/d"],
        (AsnType::Pns, P::Fungsional, Some(L::AhliMadya)) => &["IV/a", "IV/b", "IV/c"],
        (AsnType::Pns, P::Fungsional, Some(L::AhliUtama)) => &["IV/d", "IV/e"],
        (AsnType::Pns, P::Fungsional, None) => &["III/a"],
        (AsnType::Pppk, P::Fungsional, Some(L::Pemula)) => &["V"],
        (AsnType::Pppk, P::Fungsional, Some(L::Terampil)) => &["VII"],
        (AsnType::Pppk, P::Fungsional, Some(L::Mahir)) => &["VIII"],
        (AsnType::Pppk, P::Fungsional, Some(L::AhliPertama)) => &["IX"],
        (AsnType::Pppk, P::Fungsional, Some(L::AhliMuda)) => &["X"],
        (AsnType::Pppk, P::Fungsional, Some(L::AhliMadya)) => &["XI"],
        (AsnType::Pppk, _, _) => &["V", "VI", "VII"],
    };
    options[rng.range(0, options.len() as i64 - 1) as usize]
}

/// Age range at the reference date, by position.
fn age_range(asn: AsnType, kind: PositionKind, level: Option<FunctionalLevel>) -> (i64, i64) {
    match (asn, kind, level) {
        (AsnType::Pppk, _, _) => (26, 45),
        (_, P::Jpt, _) => (48, 57),
        (_, P::Administrator, _) => (42, 55),
        (_, P::Pengawas, _) => (36, 52),
        (_, P::Pelaksana, _) => (23, 57),
        (_, _, Some(L::AhliPertama)) => (25, 40),
        (_, _, Some(L::AhliMuda)) => (33, 52),
        (_, _, Some(L::AhliMadya | L::AhliUtama)) => (43, 58),
        _ => (24, 50),
    }
}

/// A generated person: identifier, names, dates.
struct Person {
    nip: String,
    asn: AsnType,
    name: String,
    birth_on: NaiveDate,
    sex: Sex,
    golongan: &'static str,
    rank_since_on: NaiveDate,
}

/// Hands out NIP serials: the serial counts people sharing the first 15 digits
/// (Perka BKN 22/2007); tracked per prefix so that no NIP repeats.
#[derive(Default)]
struct Serials(HashMap<String, u32>);

impl Serials {
    fn next(&mut self, prefix: String) -> String {
        let n = self.0.entry(prefix.clone()).or_insert(0);
        *n += 1;
        format!("{prefix}{:03}", *n)
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("valid month")
}

fn make_person(
    rng: &mut Rng,
    serials: &mut Serials,
    asn: AsnType,
    kind: PositionKind,
    level: Option<FunctionalLevel>,
    female_percent: i64,
    degrees: &[&str],
) -> Person {
    let sex = if rng.percent(female_percent) {
        Sex::Female
    } else {
        Sex::Male
    };
    let (lo, hi) = age_range(asn, kind, level);
    let age = rng.range(lo, hi);
    let base_year = as_of().year() - 1 - age as i32;
    let birth_on = first_of(base_year, 1)
        .checked_add_days(Days::new(rng.range(0, 364) as u64))
        .expect("date in range");
    let sex_digit = if sex == Sex::Male { 1 } else { 2 };
    let birth = birth_on.format("%Y%m%d");
    let (nip, rank_since_on) = match asn {
        AsnType::Pns => {
            // Appointed as CPNS at 20 to 30, never before 18, always before the reference day.
            let years = rng.range(20, 30).min(age - 1);
            let tmt_year = birth_on.year() + years as i32;
            let tmt_month = *rng.pick(&[1u32, 1, 2, 3, 3, 4, 12]);
            let tmt = first_of(tmt_year, tmt_month);
            let nip = serials.next(format!("{birth}{tmt_year}{tmt_month:02}{sex_digit}"));
            // Regular promotions take effect on 1 April or 1 October.
            let last = as_of().year() - 1;
            let rank_since = if tmt_year + 1 > last {
                tmt
            } else {
                let year = rng.range((tmt_year + 1).max(last - 7) as i64, last as i64) as i32;
                first_of(year, *rng.pick(&[4u32, 10]))
            };
            (nip, rank_since)
        }
        AsnType::Pppk => {
            // NI PPPK: birth date, appointment year, "2" (PPPK), contract count, sex, serial.
            let year = *rng.pick(&[2019, 2021, 2022, 2023, 2024, 2025]);
            let nip = serials.next(format!("{birth}{year}21{sex_digit}"));
            (nip, first_of(year, *rng.pick(&[1u32, 3, 4])))
        }
    };
    let degree = rng.pick(degrees);
    let name = person_name(rng, sex, age, degree);
    let golongan = golongan(rng, asn, kind, level);
    Person {
        nip,
        asn,
        name,
        birth_on,
        sex,
        golongan,
        rank_since_on,
    }
}

fn head_degrees(kind: PositionKind, unit_code: &str) -> &'static [&'static str] {
    let field: &'static [&'static str] = match unit_code {
        c if c.starts_with("DEMO-DISDIK") => &["S.Pd., M.Pd.", "Dr., S.Pd., M.Pd."],
        c if c.starts_with("DEMO-DINKES") => &["dr., M.Kes.", "S.KM., M.Kes."],
        c if c.starts_with("DEMO-PUPR") => &["S.T., M.T.", "Ir., M.T."],
        c if c.starts_with("DEMO-SETDA-HKM") => &["S.H., M.H."],
        c if c.starts_with("DEMO-INSPEKTORAT") => &["S.E., M.Ak.", "S.E., M.M."],
        _ => &["S.Sos., M.Si.", "S.E., M.M.", "S.IP., M.AP."],
    };
    match kind {
        P::Pengawas if !unit_code.starts_with("DEMO-DINKES") => {
            &["S.E.", "S.Sos.", "S.AP.", "S.Kom."]
        }
        _ => field,
    }
}

/// Loads the demo agency; returns a printable summary. Refuses when it exists already.
pub async fn load(s: &Services, seed: u64) -> ServiceResult<String> {
    let hash = crate::security::hash_password(PASSWORD).await?;
    let txn = s.db.begin_write().await?;
    if agency::Entity::find()
        .filter(agency::Column::Code.eq(AGENCY_CODE))
        .one(&*txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::conflict(
            "demo_exists",
            "The demo agency (code DEMO) exists already.",
        ));
    }
    let usernames: Vec<&str> = ACCOUNTS.iter().map(|(u, _)| *u).collect();
    if let Some(taken) = user::Entity::find()
        .filter(user::Column::Username.is_in(usernames))
        .one(&*txn)
        .await?
    {
        return Err(ServiceError::conflict(
            "username_taken",
            format!(
                "The demo needs the username {}, which is taken.",
                taken.username
            ),
        ));
    }

    let mut rng = Rng(seed);
    let mut serials = Serials::default();
    let ag = seed::agency(&*txn, AGENCY_CODE, AGENCY_NAME).await?;

    // Units, parents first.
    let mut units: HashMap<&str, kinerja_store::entities::unit::Model> = HashMap::new();
    for spec in UNITS {
        let parent = spec.parent.and_then(|p| units.get(p));
        let u = seed::unit(&*txn, ag.id, parent, spec.code, spec.name, spec.kind).await?;
        units.insert(spec.code, u);
    }

    // Positions and employees, unit by unit: the head first, then the staff.
    let mut heads: HashMap<&str, Uuid> = HashMap::new();
    let mut staff_of: Vec<(Uuid, &str)> = Vec::new();
    let (mut positions, mut pns, mut pppk) = (0usize, 0usize, 0usize);
    let mut employees: HashMap<Uuid, (String, String)> = HashMap::new();
    // What the appraisal years need of each person, in generation order.
    let mut people: Vec<DemoPerson> = Vec::new();
    let mut first_staff_position: HashMap<&str, Uuid> = HashMap::new();
    for spec in UNITS {
        let unit = &units[spec.code];
        let mut n = 0;
        if let Some((title, kind)) = spec.head {
            n += 1;
            let code = format!("{}-J{n:02}", spec.code);
            let pos = seed::position(&*txn, ag.id, Some(unit.id), &code, title, kind, None).await?;
            positions += 1;
            let p = make_person(
                &mut rng,
                &mut serials,
                AsnType::Pns,
                kind,
                None,
                30,
                head_degrees(kind, spec.code),
            );
            let e = insert_employee(&*txn, ag.id, &p, unit.id, pos.id).await?;
            pns += 1;
            heads.insert(spec.code, e.id);
            people.push(DemoPerson {
                id: e.id,
                name: e.name.clone(),
                unit_code: spec.code,
                position_id: pos.id,
                kind,
                is_head: true,
                appraiser: None,
                superior: None,
            });
            employees.insert(e.id, (e.name, e.nip));
        }
        for st in spec.staff {
            n += 1;
            let code = format!("{}-J{n:02}", spec.code);
            let pos = seed::position(
                &*txn,
                ag.id,
                Some(unit.id),
                &code,
                st.name,
                st.kind,
                st.level,
            )
            .await?;
            positions += 1;
            first_staff_position.entry(spec.code).or_insert(pos.id);
            for _ in 0..st.count {
                let asn = if rng.percent(st.pppk) {
                    AsnType::Pppk
                } else {
                    AsnType::Pns
                };
                let p = make_person(
                    &mut rng,
                    &mut serials,
                    asn,
                    st.kind,
                    st.level,
                    st.female,
                    st.degrees,
                );
                let e = insert_employee(&*txn, ag.id, &p, unit.id, pos.id).await?;
                match asn {
                    AsnType::Pns => pns += 1,
                    AsnType::Pppk => pppk += 1,
                }
                staff_of.push((e.id, spec.code));
                people.push(DemoPerson {
                    id: e.id,
                    name: e.name.clone(),
                    unit_code: spec.code,
                    position_id: pos.id,
                    kind: st.kind,
                    is_head: false,
                    appraiser: None,
                    superior: None,
                });
                employees.insert(e.id, (e.name, e.nip));
            }
        }
    }

    // The regent appraises the Sekretaris Daerah; the governor is the regent's superior.
    let at = now();
    let external =
        |id_number: &str, name: &str, title: &str, unit: &str| external_appraiser::ActiveModel {
            id: Set(Uuid::now_v7()),
            agency_id: Set(ag.id),
            id_number: Set(id_number.to_owned()),
            name: Set(name.to_owned()),
            status: Set(AppraiserStatus::NonAsn.as_str().to_owned()),
            position_title: Set(title.to_owned()),
            golongan: Set(None),
            unit_name: Set(Some(unit.to_owned())),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
        };
    let bupati = external(
        "3399012304680001",
        "H. Ahmad Sejahtera, S.H., M.Si.",
        "Bupati Demo Sejahtera",
        AGENCY_NAME,
    )
    .insert(&*txn)
    .await?;
    let gubernur = external(
        "3300011506650002",
        "Dr. Ir. Bambang Wicaksono, M.T.",
        "Gubernur Provinsi Demo",
        "Pemerintah Provinsi Demo",
    )
    .insert(&*txn)
    .await?;

    // Who appraises whom: staff by the head of their unit, a head by the head of the nearest
    // unit above that has one, the Sekretaris Daerah (top) by the regent.
    let top = heads["DEMO-SETDA"];
    let parent_of: HashMap<&str, Option<&str>> = UNITS.iter().map(|u| (u.code, u.parent)).collect();
    let head_above = |code: &str| -> Option<Uuid> {
        let mut cur = parent_of.get(code).copied().flatten();
        while let Some(c) = cur {
            if let Some(h) = heads.get(c) {
                return Some(*h);
            }
            cur = parent_of.get(c).copied().flatten();
        }
        None
    };
    let mut appraiser_of: HashMap<Uuid, Who> = HashMap::new();
    appraiser_of.insert(top, Who::External(bupati.id));
    for spec in UNITS {
        if let Some(h) = heads.get(spec.code)
            && *h != top
        {
            appraiser_of.insert(*h, Who::Employee(head_above(spec.code).unwrap_or(top)));
        }
    }
    for (e, code) in &staff_of {
        appraiser_of.insert(*e, Who::Employee(heads[code]));
    }
    let superior_of = |who: Who| -> Option<Who> {
        match who {
            Who::Employee(a) => appraiser_of.get(&a).copied(),
            Who::External(x) if x == bupati.id => Some(Who::External(gubernur.id)),
            Who::External(_) => None,
        }
    };
    let split = |w: Option<Who>| match w {
        Some(Who::Employee(e)) => (Some(e), None),
        Some(Who::External(x)) => (None, Some(x)),
        None => (None, None),
    };
    // In generation order, so that the rows are the same for a seed.
    let mut order: Vec<Uuid> = heads_in_order(&heads);
    order.extend(staff_of.iter().map(|(e, _)| *e));
    let rows: Vec<appraiser_assignment::ActiveModel> = order
        .iter()
        .map(|e| {
            let appraiser = appraiser_of[e];
            let (ae, ax) = split(Some(appraiser));
            let (se, sx) = split(superior_of(appraiser));
            appraiser_assignment::ActiveModel {
                id: Set(Uuid::now_v7()),
                agency_id: Set(ag.id),
                employee_id: Set(*e),
                appraiser_employee_id: Set(ae),
                appraiser_external_id: Set(ax),
                superior_employee_id: Set(se),
                superior_external_id: Set(sx),
                acting_kind: Set(ActingKind::Definitive.as_str().to_owned()),
                valid_from: Set(as_of()),
                valid_until: Set(None),
                note: Set(None),
                created_by: Set("demo".to_owned()),
                created_at: Set(at),
                updated_at: Set(at),
                version: Set(1),
            }
        })
        .collect();
    let assignments = rows.len();
    appraiser_assignment::Entity::insert_many(rows)
        .exec_without_returning(&*txn)
        .await?;

    // Accounts: `penilai` heads Bidang Mutasi dan Promosi, `pegawai` and `rekan` work there,
    // `atasan` heads the BKPSDM above it (penilai's appraiser).
    let penilai = heads["DEMO-BKPSDM-MUTASI"];
    let atasan = heads["DEMO-BKPSDM"];
    let mut unit_staff = staff_of
        .iter()
        .filter(|(_, code)| *code == "DEMO-BKPSDM-MUTASI")
        .map(|(e, _)| *e);
    let (Some(pegawai), Some(rekan)) = (unit_staff.next(), unit_staff.next()) else {
        return Err(ServiceError::Internal("demo unit without staff".into()));
    };
    // `pegawaibaru`: a PPPK who joined the unit on 1 October 2026 and has no plan yet.
    let joined_on = NaiveDate::from_ymd_opt(2026, 10, 1).expect("valid date");
    let newcomer = make_person(
        &mut rng,
        &mut serials,
        AsnType::Pppk,
        P::Fungsional,
        Some(L::AhliPertama),
        50,
        &["S.Psi.", "S.AP."],
    );
    let mutasi = &units["DEMO-BKPSDM-MUTASI"];
    let pegawaibaru = insert_employee(
        &*txn,
        ag.id,
        &newcomer,
        mutasi.id,
        first_staff_position["DEMO-BKPSDM-MUTASI"],
    )
    .await?;
    pppk += 1;
    employees.insert(
        pegawaibaru.id,
        (pegawaibaru.name.clone(), pegawaibaru.nip.clone()),
    );
    appraiser_assignment::ActiveModel {
        id: Set(Uuid::now_v7()),
        agency_id: Set(ag.id),
        employee_id: Set(pegawaibaru.id),
        appraiser_employee_id: Set(Some(penilai)),
        appraiser_external_id: Set(None),
        superior_employee_id: Set(Some(atasan)),
        superior_external_id: Set(None),
        acting_kind: Set(ActingKind::Definitive.as_str().to_owned()),
        valid_from: Set(joined_on),
        valid_until: Set(None),
        note: Set(Some("Pengangkatan PPPK formasi 2026".into())),
        created_by: Set("demo".to_owned()),
        created_at: Set(at),
        updated_at: Set(at),
        version: Set(1),
    }
    .insert(&*txn)
    .await?;
    let assignments = assignments + 1;
    for (username, role) in ACCOUNTS {
        let (agency_id, employee_id) = match username {
            "superadmin" => (None, None),
            "pegawai" => (Some(ag.id), Some(pegawai)),
            "penilai" => (Some(ag.id), Some(penilai)),
            "atasan" => (Some(ag.id), Some(atasan)),
            "rekan" => (Some(ag.id), Some(rekan)),
            "pegawaibaru" => (Some(ag.id), Some(pegawaibaru.id)),
            _ => (Some(ag.id), None),
        };
        seed::user(&*txn, agency_id, username, role, employee_id, &hash).await?;
    }

    // The appraisal years: 2024 and 2025 closed, 2026 running.
    for p in &mut people {
        p.appraiser = appraiser_of.get(&p.id).copied();
        p.superior = p.appraiser.and_then(superior_of);
    }
    let org = DemoOrg {
        agency_id: ag.id,
        units: UNITS.iter().map(|u| (u.code, units[u.code].id)).collect(),
        people: &people,
        pegawai,
        rekan,
        penilai,
        regent_title: "Bupati Demo Sejahtera",
    };
    let cycle_counts = crate::demo_cycles::load(&*txn, &org, seed).await?;
    // The unit's staff and the newcomer.
    let appraisees_of_penilai = staff_of
        .iter()
        .filter(|(_, c)| *c == "DEMO-BKPSDM-MUTASI")
        .count()
        + 1;

    let counts = serde_json::json!({
        "seed": seed,
        "units": units.len(),
        "positions": positions,
        "employees": pns + pppk,
        "pns": pns,
        "pppk": pppk,
        "external_appraisers": 2,
        "appraiser_assignments": assignments,
        "accounts": ACCOUNTS.len(),
        "appraisal": cycle_counts,
    });
    let ctx = Ctx {
        actor: Actor {
            // The command line is no account; it is recorded as a client named for what it is.
            principal: Principal::Client {
                client_id: "kinerja-cli".into(),
                scopes: Vec::new(),
            },
            agency_id: None,
            label: "kinerja demo".into(),
        },
        request_id: format!("demo-{seed}"),
    };
    audit::record(
        &*txn,
        &ctx,
        Change {
            subject_employee_id: None,
            agency_id: Some(ag.id),
            action: "demo.load",
            entity_type: "agency",
            entity_id: ag.id.to_string(),
            before: None,
            after: Some(counts),
        },
    )
    .await?;
    txn.commit().await?;

    let who = |id: Uuid| {
        employees
            .get(&id)
            .map(|(n, nip)| format!("{n} (NIP {nip})"))
            .unwrap_or_default()
    };
    Ok(format!(
        "Demo agency loaded: {AGENCY_NAME} ({AGENCY_CODE}), seed {seed}\n\
         \x20 units {}, positions {positions}, employees {} ({pns} PNS, {pppk} PPPK),\n\
         \x20 external appraisers 2 (Bupati, Gubernur), appraiser assignments {assignments}\n\
         Logins, all with password {PASSWORD}:\n\
         \x20 superadmin  super_admin, every agency\n\
         \x20 admin       agency_admin of {AGENCY_CODE}\n\
         \x20 auditor     auditor of {AGENCY_CODE}\n\
         \x20 pegawai     employee {}\n\
         \x20 penilai     employee {}, appraiser of {appraisees_of_penilai}\n\
         \x20 atasan      employee {}, penilai's appraiser (decides objections)\n\
         \x20 rekan       employee {}, pegawai's peer\n\
         \x20 pegawaibaru employee {}, joined 1 October 2026, no plan yet\n\
         Appraisal years: 2024 and 2025 closed, 2026 running (Q1 final, Q2 set, Q3 rated,\n\
         \x20 Q4 being filled): {} plans, {} evaluations, {} feedback requests",
        units.len(),
        pns + pppk,
        who(pegawai),
        who(penilai),
        who(atasan),
        who(rekan),
        who(pegawaibaru.id),
        cycle_counts.plans,
        cycle_counts.evaluations,
        cycle_counts.feedback_requests,
    ))
}

fn heads_in_order(heads: &HashMap<&str, Uuid>) -> Vec<Uuid> {
    UNITS
        .iter()
        .filter_map(|u| heads.get(u.code).copied())
        .collect()
}

async fn insert_employee<C: sea_orm::ConnectionTrait>(
    db: &C,
    agency_id: Uuid,
    p: &Person,
    unit_id: Uuid,
    position_id: Uuid,
) -> ServiceResult<kinerja_store::entities::employee::Model> {
    seed::employee(
        db,
        agency_id,
        seed::NewEmployee {
            nip: &p.nip,
            asn_type: p.asn,
            name: &p.name,
            birth_on: p.birth_on,
            sex: p.sex,
            golongan: Some(p.golongan),
            rank_since_on: Some(p.rank_since_on),
            unit_id: Some(unit_id),
            position_id: Some(position_id),
        },
    )
    .await
}

/// Loads the demo agency unless an agency exists already.
pub async fn load_if_empty(s: &Services, seed: u64) -> ServiceResult<Option<String>> {
    if agency::Entity::find().one(s.db.conn()).await?.is_some() {
        return Ok(None);
    }
    load(s, seed).await.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kinerja_domain::nip;

    #[test]
    fn splitmix64_is_deterministic() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        for _ in 0..100 {
            assert_eq!(a.next(), b.next());
        }
        assert_ne!(Rng(7).next(), Rng(8).next());
    }

    #[test]
    fn generated_identifiers_validate_without_warnings_and_match_the_person() {
        let mut rng = Rng(2026);
        let mut serials = Serials::default();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        for i in 0..2000 {
            let asn = if i % 5 == 0 {
                AsnType::Pppk
            } else {
                AsnType::Pns
            };
            let kind = *rng.pick(PositionKind::ALL);
            let p = make_person(
                &mut rng,
                &mut serials,
                asn,
                kind,
                Some(L::AhliPertama),
                50,
                &[""],
            );
            let info = nip::validate_identifier(asn, &p.nip, today)
                .unwrap_or_else(|e| panic!("{} invalid: {e:?}", p.nip));
            assert!(info.warnings.is_empty(), "{}: {:?}", p.nip, info.warnings);
            assert!(nip::cross_check(&info, Some(p.birth_on), Some(p.sex)).is_empty());
            assert!(
                kinerja_domain::reference::find_golongan(asn, p.golongan).is_some(),
                "{} is a {asn} golongan",
                p.golongan
            );
            assert!(p.rank_since_on < today);
        }
    }

    #[test]
    fn the_unit_tree_is_about_twenty_units_with_parents_declared_first() {
        assert!((18..=26).contains(&UNITS.len()));
        for (i, u) in UNITS.iter().enumerate() {
            if let Some(p) = u.parent {
                assert!(
                    UNITS[..i].iter().any(|x| x.code == p),
                    "{} after its parent",
                    u.code
                );
            }
        }
        let staff: u32 = UNITS.iter().flat_map(|u| u.staff).map(|s| s.count).sum();
        let heads = UNITS.iter().filter(|u| u.head.is_some()).count() as u32;
        assert!(
            (280..=320).contains(&(staff + heads)),
            "{} employees",
            staff + heads
        );
    }
}
