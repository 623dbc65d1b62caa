//! Tindak lanjut (domain.md 1.10): the suggested development topics for a core value or for
//! results below expectation, and the PPPK contract recommendation. Static reference data and
//! pure decisions; which evaluations they apply to is the caller's query.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rating::EmployeePredicate;
use crate::reference::CoreValue;

/// Suggested training topics (pengembangan kompetensi) for a core value rated below
/// expectation. A small static map, drawn from the value's panduan perilaku (SE MenPANRB
/// 20/2021); agencies refine it in their own training catalogue.
pub fn training_topics(value: CoreValue) -> &'static [&'static str] {
    match value {
        CoreValue::BerorientasiPelayanan => &[
            "Pelayanan prima (service excellence)",
            "Pengelolaan pengaduan masyarakat",
        ],
        CoreValue::Akuntabel => &[
            "Integritas dan antikorupsi",
            "Pengelolaan barang milik negara",
        ],
        CoreValue::Kompeten => &[
            "Rencana pengembangan kompetensi individu",
            "Coaching dan mentoring",
        ],
        CoreValue::Harmonis => &[
            "Komunikasi efektif dan empati",
            "Pengelolaan konflik di tempat kerja",
        ],
        CoreValue::Loyal => &[
            "Wawasan kebangsaan dan nilai bela negara",
            "Etika dan kode etik ASN",
        ],
        CoreValue::Adaptif => &["Manajemen perubahan", "Berpikir kreatif dan inovasi"],
        CoreValue::Kolaboratif => &[
            "Kerja sama tim lintas unit",
            "Kolaborasi dan jejaring kerja",
        ],
    }
}

/// Suggested topics when the result rating (hasil kerja) is below expectation.
pub fn result_training_topics() -> &'static [&'static str] {
    &[
        "Perencanaan kinerja dan penyusunan SKP",
        "Manajemen waktu dan prioritas kerja",
        "Kompetensi teknis jabatan",
    ]
}

/// What a PPPK's annual predicate suggests for the work contract (domain.md 1.10: the
/// predicate feeds the decision to extend the perjanjian kerja).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PppkRecommendation {
    /// "Rekomendasi: perpanjangan perjanjian kerja".
    Extend,
    /// The appraisal does not support an extension by itself: HR reviews the case.
    Review,
}

/// The rule as configuration default: extend when the annual predicate is at least
/// `min_predicate` (default Baik), review otherwise. The regulation names no threshold
/// (UNVERIFIED), so the caller passes the agency's choice.
pub fn pppk_recommendation(
    predicate: EmployeePredicate,
    min_predicate: EmployeePredicate,
) -> PppkRecommendation {
    if predicate.is_at_least(min_predicate) {
        PppkRecommendation::Extend
    } else {
        PppkRecommendation::Review
    }
}

/// The default threshold of [`pppk_recommendation`].
pub const PPPK_EXTEND_MIN_PREDICATE: EmployeePredicate = EmployeePredicate::Good;

#[cfg(test)]
mod tests {
    use super::*;
    use EmployeePredicate as P;

    #[test]
    fn every_core_value_has_at_least_one_topic() {
        for v in CoreValue::ALL {
            assert!(!training_topics(v).is_empty(), "{v:?}");
        }
        assert!(!result_training_topics().is_empty());
    }

    #[test]
    fn pppk_contracts_are_extended_from_the_threshold_up() {
        let cases = [
            (P::VeryGood, PppkRecommendation::Extend),
            (P::Good, PppkRecommendation::Extend),
            (P::NeedsImprovement, PppkRecommendation::Review),
            (P::Poor, PppkRecommendation::Review),
            (P::VeryPoor, PppkRecommendation::Review),
        ];
        for (p, expected) in cases {
            assert_eq!(
                pppk_recommendation(p, PPPK_EXTEND_MIN_PREDICATE),
                expected,
                "{p:?}"
            );
        }
        assert_eq!(
            pppk_recommendation(P::Good, P::VeryGood),
            PppkRecommendation::Review
        );
    }
}
