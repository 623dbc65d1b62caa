//! National reference data: golongan/pangkat (domain.md 4.3) and the BerAKHLAK core values
//! with their panduan perilaku (1.3). Constants of regulation, seeded from here; no lookups.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::org::AsnType;

/// One golongan/ruang. PNS rows carry the pangkat and SIASN `golonganId`; PPPK golongan
/// (Perpres 98/2020, I–XVII) have neither, so `pangkat` is empty and `siasn_id` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct GolonganInfo {
    /// Display code, e.g. "III/a" (PNS) or "IX" (PPPK).
    pub code: &'static str,
    /// Pangkat, e.g. "Penata Muda"; empty for PPPK.
    pub pangkat: &'static str,
    /// SIASN `golonganId` (11…45 for PNS).
    pub siasn_id: Option<u8>,
    pub asn_type: AsnType,
    /// Position in the ladder, 1 = lowest; compare ranks only within one `asn_type`.
    pub rank: u8,
}

const fn pns(code: &'static str, pangkat: &'static str, siasn_id: u8, rank: u8) -> GolonganInfo {
    GolonganInfo {
        code,
        pangkat,
        siasn_id: Some(siasn_id),
        asn_type: AsnType::Pns,
        rank,
    }
}

const fn pppk(code: &'static str, rank: u8) -> GolonganInfo {
    GolonganInfo {
        code,
        pangkat: "",
        siasn_id: None,
        asn_type: AsnType::Pppk,
        rank,
    }
}

// Perka BKN golongan/ruang with SIASN golonganId (domain.md 4.3, [H]/[M/H] for the ids).
static GOLONGAN_PNS: [GolonganInfo; 17] = [
    pns("I/a", "Juru Muda", 11, 1),
    pns("I/b", "Juru Muda Tingkat I", 12, 2),
    pns("I/c", "Juru", 13, 3),
    pns("I/d", "Juru Tingkat I", 14, 4),
    pns("II/a", "Pengatur Muda", 21, 5),
    pns("II/b", "Pengatur Muda Tingkat I", 22, 6),
    pns("II/c", "Pengatur", 23, 7),
    pns("II/d", "Pengatur Tingkat I", 24, 8),
    pns("III/a", "Penata Muda", 31, 9),
    pns("III/b", "Penata Muda Tingkat I", 32, 10),
    pns("III/c", "Penata", 33, 11),
    pns("III/d", "Penata Tingkat I", 34, 12),
    pns("IV/a", "Pembina", 41, 13),
    pns("IV/b", "Pembina Tingkat I", 42, 14),
    pns("IV/c", "Pembina Utama Muda", 43, 15),
    pns("IV/d", "Pembina Utama Madya", 44, 16),
    pns("IV/e", "Pembina Utama", 45, 17),
];

// Perpres 98/2020 PPPK golongan; [L/UNVERIFIED] in domain.md 4.3.
static GOLONGAN_PPPK: [GolonganInfo; 17] = [
    pppk("I", 1),
    pppk("II", 2),
    pppk("III", 3),
    pppk("IV", 4),
    pppk("V", 5),
    pppk("VI", 6),
    pppk("VII", 7),
    pppk("VIII", 8),
    pppk("IX", 9),
    pppk("X", 10),
    pppk("XI", 11),
    pppk("XII", 12),
    pppk("XIII", 13),
    pppk("XIV", 14),
    pppk("XV", 15),
    pppk("XVI", 16),
    pppk("XVII", 17),
];

/// The 17 PNS golongan/ruang, I/a to IV/e, lowest first.
pub fn golongan_pns() -> &'static [GolonganInfo] {
    &GOLONGAN_PNS
}

/// The 17 PPPK golongan, I to XVII, lowest first.
pub fn golongan_pppk() -> &'static [GolonganInfo] {
    &GOLONGAN_PPPK
}

/// Finds a golongan by its code, ignoring case and surrounding whitespace; for PNS the slash
/// is optional ("III/a", "iii/A" and "IIIa" all find III/a). Codes of the other ASN type are
/// not found.
pub fn find_golongan(asn_type: AsnType, code: &str) -> Option<&'static GolonganInfo> {
    let wanted = squash(code);
    let table = match asn_type {
        AsnType::Pns => golongan_pns(),
        AsnType::Pppk => golongan_pppk(),
    };
    table.iter().find(|g| squash(g.code) == wanted)
}

fn squash(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '/')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Nilai dasar ASN BerAKHLAK (SE MenPANRB 20/2021), the perilaku kerja of PermenPANRB 6/2022.
/// Serialised as snake_case of the Indonesian name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CoreValue {
    /// Berorientasi Pelayanan.
    BerorientasiPelayanan,
    /// Akuntabel.
    Akuntabel,
    /// Kompeten.
    Kompeten,
    /// Harmonis.
    Harmonis,
    /// Loyal.
    Loyal,
    /// Adaptif.
    Adaptif,
    /// Kolaboratif.
    Kolaboratif,
}

impl CoreValue {
    /// The seven values in the order of the acronym BerAKHLAK.
    pub const ALL: [CoreValue; 7] = [
        CoreValue::BerorientasiPelayanan,
        CoreValue::Akuntabel,
        CoreValue::Kompeten,
        CoreValue::Harmonis,
        CoreValue::Loyal,
        CoreValue::Adaptif,
        CoreValue::Kolaboratif,
    ];

    /// The Indonesian name as printed on the SKP.
    pub fn label_id(self) -> &'static str {
        match self {
            CoreValue::BerorientasiPelayanan => "Berorientasi Pelayanan",
            CoreValue::Akuntabel => "Akuntabel",
            CoreValue::Kompeten => "Kompeten",
            CoreValue::Harmonis => "Harmonis",
            CoreValue::Loyal => "Loyal",
            CoreValue::Adaptif => "Adaptif",
            CoreValue::Kolaboratif => "Kolaboratif",
        }
    }

    /// The three fixed panduan perilaku (behaviour guidelines), in their official order.
    pub fn guidelines(self) -> [&'static str; 3] {
        match self {
            CoreValue::BerorientasiPelayanan => [
                "Memahami dan memenuhi kebutuhan masyarakat",
                "Ramah, cekatan, solutif, dan dapat diandalkan",
                "Melakukan perbaikan tiada henti",
            ],
            CoreValue::Akuntabel => [
                "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
                "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
                "Tidak menyalahgunakan kewenangan jabatan",
            ],
            CoreValue::Kompeten => [
                "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
                "Membantu orang lain belajar",
                "Melaksanakan tugas dengan kualitas terbaik",
            ],
            CoreValue::Harmonis => [
                "Menghargai setiap orang apapun latar belakangnya",
                "Suka menolong orang lain",
                "Membangun lingkungan kerja yang kondusif",
            ],
            CoreValue::Loyal => [
                "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
                "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
                "Menjaga rahasia jabatan dan negara",
            ],
            CoreValue::Adaptif => [
                "Cepat menyesuaikan diri menghadapi perubahan",
                "Terus berinovasi dan mengembangkan kreativitas",
                "Bertindak proaktif",
            ],
            CoreValue::Kolaboratif => [
                "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
                "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
                "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// domain.md 4.3, one row per golongan: (code, pangkat, SIASN golonganId).
    const PNS_TABLE: [(&str, &str, u8); 17] = [
        ("I/a", "Juru Muda", 11),
        ("I/b", "Juru Muda Tingkat I", 12),
        ("I/c", "Juru", 13),
        ("I/d", "Juru Tingkat I", 14),
        ("II/a", "Pengatur Muda", 21),
        ("II/b", "Pengatur Muda Tingkat I", 22),
        ("II/c", "Pengatur", 23),
        ("II/d", "Pengatur Tingkat I", 24),
        ("III/a", "Penata Muda", 31),
        ("III/b", "Penata Muda Tingkat I", 32),
        ("III/c", "Penata", 33),
        ("III/d", "Penata Tingkat I", 34),
        ("IV/a", "Pembina", 41),
        ("IV/b", "Pembina Tingkat I", 42),
        ("IV/c", "Pembina Utama Muda", 43),
        ("IV/d", "Pembina Utama Madya", 44),
        ("IV/e", "Pembina Utama", 45),
    ];

    #[test]
    fn every_pns_golongan_row_matches_the_regulation_table() {
        assert_eq!(golongan_pns().len(), PNS_TABLE.len());
        for (i, (code, pangkat, siasn_id)) in PNS_TABLE.iter().enumerate() {
            let found = find_golongan(AsnType::Pns, code)
                .unwrap_or_else(|| panic!("row {code}: not found"));
            assert_eq!(found.pangkat, *pangkat, "row {code}: pangkat");
            assert_eq!(found.siasn_id, Some(*siasn_id), "row {code}: siasn id");
            assert_eq!(found.asn_type, AsnType::Pns, "row {code}: asn type");
            assert_eq!(
                usize::from(found.rank),
                i + 1,
                "row {code}: rank follows the ladder"
            );
        }
    }

    #[test]
    fn the_siasn_id_is_ten_times_the_golongan_plus_the_ruang_letter() {
        // Pattern 11..45 of domain.md 4.3: a independent cross-check of the id column.
        for g in golongan_pns() {
            let (roman, letter) = g.code.split_once('/').unwrap();
            let tens = match roman {
                "I" => 1,
                "II" => 2,
                "III" => 3,
                "IV" => 4,
                other => panic!("row {}: unexpected golongan {other}", g.code),
            };
            let unit = letter.as_bytes()[0] - b'a' + 1;
            assert_eq!(g.siasn_id, Some(tens * 10 + unit), "row {}", g.code);
        }
    }

    const PPPK_CODES: [&str; 17] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII",
    ];

    #[test]
    fn every_pppk_golongan_row_has_no_pangkat_and_no_siasn_id() {
        assert_eq!(golongan_pppk().len(), PPPK_CODES.len());
        for (i, code) in PPPK_CODES.iter().enumerate() {
            let found = find_golongan(AsnType::Pppk, code)
                .unwrap_or_else(|| panic!("row {code}: not found"));
            assert_eq!(found.code, *code, "row {code}");
            assert_eq!(found.pangkat, "", "row {code}: pangkat");
            assert_eq!(found.siasn_id, None, "row {code}: siasn id");
            assert_eq!(found.asn_type, AsnType::Pppk, "row {code}: asn type");
            assert_eq!(usize::from(found.rank), i + 1, "row {code}: rank");
        }
    }

    /// (case, asn type, input, expected code or None)
    const LOOKUP_CASES: &[(&str, AsnType, &str, Option<&str>)] = &[
        ("exact pns code", AsnType::Pns, "III/a", Some("III/a")),
        ("lower case pns code", AsnType::Pns, "iii/a", Some("III/a")),
        (
            "upper case ruang letter",
            AsnType::Pns,
            "IV/E",
            Some("IV/e"),
        ),
        (
            "pns code without slash",
            AsnType::Pns,
            "IIIa",
            Some("III/a"),
        ),
        (
            "pns code with spaces",
            AsnType::Pns,
            " II / b ",
            Some("II/b"),
        ),
        ("unknown ruang letter", AsnType::Pns, "III/e", None),
        (
            "golongan five does not exist for pns",
            AsnType::Pns,
            "V/a",
            None,
        ),
        (
            "a pppk code is not a pns golongan",
            AsnType::Pns,
            "IX",
            None,
        ),
        ("exact pppk code", AsnType::Pppk, "XVII", Some("XVII")),
        ("lower case pppk code", AsnType::Pppk, "xiv", Some("XIV")),
        (
            "a pns code is not a pppk golongan",
            AsnType::Pppk,
            "III/a",
            None,
        ),
        ("pppk eighteen does not exist", AsnType::Pppk, "XVIII", None),
        ("empty input", AsnType::Pppk, "", None),
    ];

    #[test]
    fn every_lookup_case_finds_the_expected_golongan() {
        for (case, asn_type, input, expected) in LOOKUP_CASES {
            let got = find_golongan(*asn_type, input).map(|g| g.code);
            assert_eq!(got, *expected, "case: {case}");
        }
    }

    /// domain.md 1.3, one row per value: (value, label, serde name, first word of each guideline).
    const CORE_VALUE_TABLE: [(CoreValue, &str, &str, [&str; 3]); 7] = [
        (
            CoreValue::BerorientasiPelayanan,
            "Berorientasi Pelayanan",
            "berorientasi_pelayanan",
            ["Memahami", "Ramah,", "Melakukan"],
        ),
        (
            CoreValue::Akuntabel,
            "Akuntabel",
            "akuntabel",
            ["Melaksanakan", "Menggunakan", "Tidak"],
        ),
        (
            CoreValue::Kompeten,
            "Kompeten",
            "kompeten",
            ["Meningkatkan", "Membantu", "Melaksanakan"],
        ),
        (
            CoreValue::Harmonis,
            "Harmonis",
            "harmonis",
            ["Menghargai", "Suka", "Membangun"],
        ),
        (
            CoreValue::Loyal,
            "Loyal",
            "loyal",
            ["Memegang", "Menjaga", "Menjaga"],
        ),
        (
            CoreValue::Adaptif,
            "Adaptif",
            "adaptif",
            ["Cepat", "Terus", "Bertindak"],
        ),
        (
            CoreValue::Kolaboratif,
            "Kolaboratif",
            "kolaboratif",
            ["Memberi", "Terbuka", "Menggerakkan"],
        ),
    ];

    #[test]
    fn every_core_value_row_matches_the_berakhlak_table() {
        assert_eq!(CoreValue::ALL.len(), CORE_VALUE_TABLE.len());
        for (i, (value, label, serde_name, first_words)) in CORE_VALUE_TABLE.iter().enumerate() {
            assert_eq!(CoreValue::ALL[i], *value, "row {label}: BerAKHLAK order");
            assert_eq!(value.label_id(), *label, "row {label}: label");
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, format!("\"{serde_name}\""), "row {label}: serde name");
            let back: CoreValue = serde_json::from_str(&json).unwrap();
            assert_eq!(back, *value, "row {label}: round trip");
            for (g, first) in value.guidelines().iter().zip(first_words) {
                assert_eq!(
                    g.split(' ').next(),
                    Some(*first),
                    "row {label}: guideline {g}"
                );
            }
        }
    }

    #[test]
    fn the_twenty_one_guidelines_are_distinct_and_non_empty() {
        let all: Vec<&str> = CoreValue::ALL.iter().flat_map(|v| v.guidelines()).collect();
        assert_eq!(all.len(), 21);
        assert!(all.iter().all(|g| g.len() > 10));
        assert_eq!(all.iter().collect::<HashSet<_>>().len(), 21);
    }
}
