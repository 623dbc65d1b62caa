//! PermenPANRB 6/2022 ratings and predicates: the 3-level scale, the kuadran that turns two
//! ratings into a predicate, and the organisation predicate (domain.md 1.4, 1.5, 7.4).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Rating hasil kerja or rating perilaku kerja (PermenPANRB 6/2022), one scale for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Di Atas Ekspektasi; SIASN code 1.
    Above,
    /// Sesuai Ekspektasi; SIASN code 2.
    Meets,
    /// Di Bawah Ekspektasi; SIASN code 3.
    Below,
}

impl Rating {
    pub const ALL: [Rating; 3] = [Rating::Above, Rating::Meets, Rating::Below];

    /// SIASN `hasilKinerjaNilai` / `perilakuKerjaNilai` code.
    pub fn siasn_code(self) -> u8 {
        match self {
            Rating::Above => 1,
            Rating::Meets => 2,
            Rating::Below => 3,
        }
    }

    /// The rating for a SIASN code, `None` for any other number.
    pub fn from_siasn_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.siasn_code() == code)
    }

    /// Indonesian label as printed on the evaluation document.
    pub fn label_id(self) -> &'static str {
        match self {
            Rating::Above => "Di Atas Ekspektasi",
            Rating::Meets => "Sesuai Ekspektasi",
            Rating::Below => "Di Bawah Ekspektasi",
        }
    }
}

/// Predikat kinerja pegawai (PermenPANRB 6/2022), the outcome of [`kuadran`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmployeePredicate {
    /// Sangat Baik; SIASN `kuadranNilai` 1.
    VeryGood,
    /// Baik; SIASN `kuadranNilai` 2.
    Good,
    /// Butuh Perbaikan; SIASN `kuadranNilai` 3.
    NeedsImprovement,
    /// Kurang / Misconduct; SIASN `kuadranNilai` 4.
    Poor,
    /// Sangat Kurang; SIASN `kuadranNilai` 5.
    VeryPoor,
}

impl EmployeePredicate {
    /// Best first.
    pub const ALL: [EmployeePredicate; 5] = [
        EmployeePredicate::VeryGood,
        EmployeePredicate::Good,
        EmployeePredicate::NeedsImprovement,
        EmployeePredicate::Poor,
        EmployeePredicate::VeryPoor,
    ];

    /// SIASN `kuadranKinerjaNilai` code, 1 (best) to 5.
    pub fn siasn_code(self) -> u8 {
        match self {
            EmployeePredicate::VeryGood => 1,
            EmployeePredicate::Good => 2,
            EmployeePredicate::NeedsImprovement => 3,
            EmployeePredicate::Poor => 4,
            EmployeePredicate::VeryPoor => 5,
        }
    }

    /// The predicate for a SIASN code, `None` for any other number.
    pub fn from_siasn_code(code: u8) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.siasn_code() == code)
    }

    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            EmployeePredicate::VeryGood => "Sangat Baik",
            EmployeePredicate::Good => "Baik",
            EmployeePredicate::NeedsImprovement => "Butuh Perbaikan",
            EmployeePredicate::Poor => "Kurang/Misconduct",
            EmployeePredicate::VeryPoor => "Sangat Kurang",
        }
    }

    /// True when `self` is the same as or better than `other` (Sangat Baik is best).
    pub fn is_at_least(self, other: EmployeePredicate) -> bool {
        self.siasn_code() <= other.siasn_code()
    }
}

/// Predikat kinerja organisasi (SE MenPANRB 3/2023), set by the leader of the organisation
/// above; it bounds the distribution of employee predicates in the unit. No SIASN code known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationPredicate {
    /// Istimewa.
    Outstanding,
    /// Baik.
    Good,
    /// Butuh Perbaikan (also written "Cukup").
    NeedsImprovement,
    /// Kurang.
    Poor,
    /// Sangat Kurang.
    VeryPoor,
}

impl OrganisationPredicate {
    /// Best first.
    pub const ALL: [OrganisationPredicate; 5] = [
        OrganisationPredicate::Outstanding,
        OrganisationPredicate::Good,
        OrganisationPredicate::NeedsImprovement,
        OrganisationPredicate::Poor,
        OrganisationPredicate::VeryPoor,
    ];

    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            OrganisationPredicate::Outstanding => "Istimewa",
            OrganisationPredicate::Good => "Baik",
            OrganisationPredicate::NeedsImprovement => "Butuh Perbaikan",
            OrganisationPredicate::Poor => "Kurang",
            OrganisationPredicate::VeryPoor => "Sangat Kurang",
        }
    }
}

/// Which rule of the kuadran decided a predicate; lets an API tell an employee why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KuadranRule {
    /// Both ratings below expectation: Sangat Kurang.
    BothBelow,
    /// Behaviour below expectation: Kurang/Misconduct, whatever the results.
    BehaviourBelow,
    /// Results below expectation (behaviour not below): Butuh Perbaikan.
    ResultBelow,
    /// Both ratings above expectation: Sangat Baik.
    BothAbove,
    /// Neither rating below, not both above: Baik.
    NeitherBelow,
}

impl KuadranRule {
    /// The predicate this rule yields.
    pub fn predicate(self) -> EmployeePredicate {
        match self {
            KuadranRule::BothBelow => EmployeePredicate::VeryPoor,
            KuadranRule::BehaviourBelow => EmployeePredicate::Poor,
            KuadranRule::ResultBelow => EmployeePredicate::NeedsImprovement,
            KuadranRule::BothAbove => EmployeePredicate::VeryGood,
            KuadranRule::NeitherBelow => EmployeePredicate::Good,
        }
    }

    /// The rule as a plain English sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            KuadranRule::BothBelow => {
                "Both work results and work behaviour below expectation give Sangat Kurang."
            }
            KuadranRule::BehaviourBelow => {
                "Behaviour below expectation can never yield better than Kurang/Misconduct, \
                 whatever the work results."
            }
            KuadranRule::ResultBelow => {
                "Work results below expectation can never yield better than Butuh Perbaikan."
            }
            KuadranRule::BothAbove => {
                "Only work results and work behaviour both above expectation give Sangat Baik."
            }
            KuadranRule::NeitherBelow => {
                "Work results and work behaviour at or above expectation, but not both above, \
                 give Baik."
            }
        }
    }
}

/// The kuadran rule that applies to a pair of ratings (PermenPANRB 6/2022 annex, "Kuadran
/// Kinerja Pegawai"). Behaviour is checked first: it is not `max(result, behaviour)`.
pub fn kuadran_rule(result: Rating, behaviour: Rating) -> KuadranRule {
    match (result, behaviour) {
        (Rating::Below, Rating::Below) => KuadranRule::BothBelow,
        (_, Rating::Below) => KuadranRule::BehaviourBelow,
        (Rating::Below, _) => KuadranRule::ResultBelow,
        (Rating::Above, Rating::Above) => KuadranRule::BothAbove,
        _ => KuadranRule::NeitherBelow,
    }
}

/// Predikat kinerja pegawai from rating hasil kerja and rating perilaku kerja.
pub fn kuadran(result: Rating, behaviour: Rating) -> EmployeePredicate {
    kuadran_rule(result, behaviour).predicate()
}

/// Why [`kuadran`] gave its predicate, as a plain English sentence.
pub fn explain(result: Rating, behaviour: Rating) -> &'static str {
    kuadran_rule(result, behaviour).explanation()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmployeePredicate as P;
    use Rating::{Above, Below, Meets};

    /// domain.md 1.4 "Kuadran Kinerja Pegawai", one row per cell:
    /// (hasil kerja, perilaku, predikat, rule).
    const KUADRAN_TABLE: [(Rating, Rating, EmployeePredicate, KuadranRule); 9] = [
        (Above, Below, P::Poor, KuadranRule::BehaviourBelow),
        (Above, Meets, P::Good, KuadranRule::NeitherBelow),
        (Above, Above, P::VeryGood, KuadranRule::BothAbove),
        (Meets, Below, P::Poor, KuadranRule::BehaviourBelow),
        (Meets, Meets, P::Good, KuadranRule::NeitherBelow),
        (Meets, Above, P::Good, KuadranRule::NeitherBelow),
        (Below, Below, P::VeryPoor, KuadranRule::BothBelow),
        (Below, Meets, P::NeedsImprovement, KuadranRule::ResultBelow),
        (Below, Above, P::NeedsImprovement, KuadranRule::ResultBelow),
    ];

    #[test]
    fn every_kuadran_cell_gives_the_predicate_of_the_regulation_figure() {
        for (result, behaviour, expected, _) in KUADRAN_TABLE {
            assert_eq!(
                kuadran(result, behaviour),
                expected,
                "cell hasil={} perilaku={}",
                result.label_id(),
                behaviour.label_id()
            );
        }
    }

    #[test]
    fn every_kuadran_cell_names_the_rule_that_decided_it() {
        for (result, behaviour, expected_predicate, rule) in KUADRAN_TABLE {
            let cell = format!("cell hasil={result:?} perilaku={behaviour:?}");
            assert_eq!(kuadran_rule(result, behaviour), rule, "{cell}");
            assert_eq!(rule.predicate(), expected_predicate, "{cell}");
            assert_eq!(explain(result, behaviour), rule.explanation(), "{cell}");
        }
    }

    #[test]
    fn the_misconduct_cells_differ_from_the_max_shortcut() {
        // The stray `max(a, b)` helper of domain.md 1.4 would give Baik here.
        assert_eq!(kuadran(Above, Below), P::Poor);
        assert_eq!(kuadran(Meets, Below), P::Poor);
    }

    #[test]
    fn each_explanation_mentions_the_predicate_it_yields() {
        for (_, _, _, rule) in KUADRAN_TABLE {
            let label = rule.predicate().label_id();
            assert!(rule.explanation().contains(label), "{rule:?}: {label}");
        }
    }

    /// domain.md 1.4: (rating, SIASN code, label, json).
    const RATING_TABLE: [(Rating, u8, &str, &str); 3] = [
        (Above, 1, "Di Atas Ekspektasi", "above"),
        (Meets, 2, "Sesuai Ekspektasi", "meets"),
        (Below, 3, "Di Bawah Ekspektasi", "below"),
    ];

    #[test]
    fn every_rating_row_has_its_siasn_code_label_and_json_name() {
        for (rating, code, label, json) in RATING_TABLE {
            assert_eq!(rating.siasn_code(), code, "row {label}");
            assert_eq!(Rating::from_siasn_code(code), Some(rating), "row {label}");
            assert_eq!(rating.label_id(), label, "row {label}");
            assert_eq!(
                serde_json::to_string(&rating).unwrap(),
                format!("\"{json}\""),
                "row {label}"
            );
        }
        assert_eq!(Rating::from_siasn_code(0), None);
        assert_eq!(Rating::from_siasn_code(4), None);
    }

    /// domain.md 1.4: (predicate, SIASN kuadranNilai, label, json).
    const PREDICATE_TABLE: [(EmployeePredicate, u8, &str, &str); 5] = [
        (P::VeryGood, 1, "Sangat Baik", "very_good"),
        (P::Good, 2, "Baik", "good"),
        (
            P::NeedsImprovement,
            3,
            "Butuh Perbaikan",
            "needs_improvement",
        ),
        (P::Poor, 4, "Kurang/Misconduct", "poor"),
        (P::VeryPoor, 5, "Sangat Kurang", "very_poor"),
    ];

    #[test]
    fn every_employee_predicate_row_has_its_siasn_code_label_and_json_name() {
        for (predicate, code, label, json) in PREDICATE_TABLE {
            assert_eq!(predicate.siasn_code(), code, "row {label}");
            assert_eq!(
                EmployeePredicate::from_siasn_code(code),
                Some(predicate),
                "row {label}"
            );
            assert_eq!(predicate.label_id(), label, "row {label}");
            let text = serde_json::to_string(&predicate).unwrap();
            assert_eq!(text, format!("\"{json}\""), "row {label}");
            assert_eq!(
                serde_json::from_str::<EmployeePredicate>(&text).unwrap(),
                predicate
            );
        }
        assert_eq!(EmployeePredicate::from_siasn_code(6), None);
    }

    #[test]
    fn is_at_least_orders_predicates_best_first() {
        assert!(P::VeryGood.is_at_least(P::Good));
        assert!(P::Good.is_at_least(P::Good));
        assert!(!P::NeedsImprovement.is_at_least(P::Good));
        assert!(!P::VeryPoor.is_at_least(P::Poor));
    }

    /// domain.md 1.5: (predicate, label, json).
    const ORGANISATION_TABLE: [(OrganisationPredicate, &str, &str); 5] = [
        (
            OrganisationPredicate::Outstanding,
            "Istimewa",
            "outstanding",
        ),
        (OrganisationPredicate::Good, "Baik", "good"),
        (
            OrganisationPredicate::NeedsImprovement,
            "Butuh Perbaikan",
            "needs_improvement",
        ),
        (OrganisationPredicate::Poor, "Kurang", "poor"),
        (
            OrganisationPredicate::VeryPoor,
            "Sangat Kurang",
            "very_poor",
        ),
    ];

    #[test]
    fn every_organisation_predicate_row_has_its_label_and_json_name() {
        for (predicate, label, json) in ORGANISATION_TABLE {
            assert_eq!(predicate.label_id(), label, "row {label}");
            assert_eq!(
                serde_json::to_string(&predicate).unwrap(),
                format!("\"{json}\""),
                "row {label}"
            );
        }
    }
}
