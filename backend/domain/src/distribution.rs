//! The distribution curve of SE MenPANRB 3/2023: how the organisation predicate bounds the
//! employee predicates of its unit (domain.md 1.5, 7.4). Reports violations; never blocks.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rating::{EmployeePredicate, OrganisationPredicate};

/// How shares are compared in units too small for a percentage to be a whole person.
/// Small-unit rounding is UNVERIFIED (domain.md 1.5), hence configurable.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SmallUnitRounding {
    /// Compare fractions exactly: with 3 people, "max 70%" allows 2 (2.1 people), and
    /// "min 60%" requires 2 (1.8 people).
    #[default]
    Exact,
    /// Round each limit to whole people in the unit's favour, a tolerance of less than one
    /// person: a maximum allows `ceil(share × n)`, a minimum requires `floor(share × n)`. With 3
    /// people, "max 70%" allows 3 and "min 60%" requires 1.
    WholePersonInFavour,
}

/// One constraint of the curve for one organisation predicate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DistributionRule {
    /// At most `share` (a fraction, 0.70 = 70%) of the unit may hold one of `predicates`.
    MaxShare {
        predicates: Vec<EmployeePredicate>,
        #[schema(value_type = String)]
        share: Decimal,
    },
    /// At least `share` of the unit must hold one of `predicates`.
    MinShare {
        predicates: Vec<EmployeePredicate>,
        #[schema(value_type = String)]
        share: Decimal,
    },
    /// At least one person in the unit must hold one of `predicates`.
    RequiredPresence { predicates: Vec<EmployeePredicate> },
    /// Nobody in the unit may hold one of `predicates`.
    Forbidden { predicates: Vec<EmployeePredicate> },
}

/// The pola distribusi per organisation predicate. Defaults are SE MenPANRB 3/2023 as quoted
/// by naikpangkat.com ([M], domain.md 1.5 and 7.4); an agency may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DistributionPolicy {
    /// The regulation the rules implement, for display and audit.
    pub regulation: String,
    /// Where the percentages were read.
    pub source: String,
    pub rounding: SmallUnitRounding,
    /// Rules when the organisation predicate is Istimewa.
    pub outstanding: Vec<DistributionRule>,
    /// Rules when the organisation predicate is Baik.
    pub good: Vec<DistributionRule>,
    /// Rules when the organisation predicate is Butuh Perbaikan.
    pub needs_improvement: Vec<DistributionRule>,
    /// Rules when the organisation predicate is Kurang.
    pub poor: Vec<DistributionRule>,
    /// Rules when the organisation predicate is Sangat Kurang.
    pub very_poor: Vec<DistributionRule>,
}

impl Default for DistributionPolicy {
    fn default() -> Self {
        use DistributionRule::*;
        use EmployeePredicate::*;
        let pct = |p: i64| Decimal::new(p, 2);
        Self {
            regulation: "SE MenPANRB 3/2023".to_string(),
            source: "naikpangkat.com, pola distribusi (domain.md S39)".to_string(),
            rounding: SmallUnitRounding::Exact,
            // "Sebagian besar (maksimal 70%)" Sangat Baik.
            outstanding: vec![MaxShare {
                predicates: vec![VeryGood],
                share: pct(70),
            }],
            good: vec![
                MaxShare {
                    predicates: vec![Good],
                    share: pct(70),
                },
                // "Harus ada" Butuh Perbaikan dan/atau Kurang/Misconduct.
                RequiredPresence {
                    predicates: vec![NeedsImprovement, Poor],
                },
            ],
            needs_improvement: vec![
                MinShare {
                    predicates: vec![NeedsImprovement],
                    share: pct(60),
                },
                MaxShare {
                    predicates: vec![VeryGood],
                    share: pct(10),
                },
            ],
            poor: vec![
                MinShare {
                    predicates: vec![Poor],
                    share: pct(60),
                },
                MinShare {
                    predicates: vec![NeedsImprovement],
                    share: pct(10),
                },
                MaxShare {
                    predicates: vec![VeryGood],
                    share: pct(10),
                },
            ],
            very_poor: vec![
                MinShare {
                    predicates: vec![VeryPoor],
                    share: pct(60),
                },
                MinShare {
                    predicates: vec![Poor, NeedsImprovement],
                    share: pct(10),
                },
                Forbidden {
                    predicates: vec![VeryGood],
                },
            ],
        }
    }
}

impl DistributionPolicy {
    /// The rules that apply under an organisation predicate.
    pub fn rules_for(&self, org: OrganisationPredicate) -> &[DistributionRule] {
        match org {
            OrganisationPredicate::Outstanding => &self.outstanding,
            OrganisationPredicate::Good => &self.good,
            OrganisationPredicate::NeedsImprovement => &self.needs_improvement,
            OrganisationPredicate::Poor => &self.poor,
            OrganisationPredicate::VeryPoor => &self.very_poor,
        }
    }
}

/// Number of employees of a unit holding each predicate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PredicateCounts {
    pub very_good: u32,
    pub good: u32,
    pub needs_improvement: u32,
    pub poor: u32,
    pub very_poor: u32,
}

impl PredicateCounts {
    /// Counts a list of predicates.
    pub fn from_predicates(predicates: impl IntoIterator<Item = EmployeePredicate>) -> Self {
        let mut counts = Self::default();
        for p in predicates {
            *counts.slot(p) += 1;
        }
        counts
    }

    /// How many hold `predicate`.
    pub fn get(&self, predicate: EmployeePredicate) -> u32 {
        match predicate {
            EmployeePredicate::VeryGood => self.very_good,
            EmployeePredicate::Good => self.good,
            EmployeePredicate::NeedsImprovement => self.needs_improvement,
            EmployeePredicate::Poor => self.poor,
            EmployeePredicate::VeryPoor => self.very_poor,
        }
    }

    /// Everyone counted.
    pub fn total(&self) -> u32 {
        EmployeePredicate::ALL.iter().map(|p| self.get(*p)).sum()
    }

    fn slot(&mut self, predicate: EmployeePredicate) -> &mut u32 {
        match predicate {
            EmployeePredicate::VeryGood => &mut self.very_good,
            EmployeePredicate::Good => &mut self.good,
            EmployeePredicate::NeedsImprovement => &mut self.needs_improvement,
            EmployeePredicate::Poor => &mut self.poor,
            EmployeePredicate::VeryPoor => &mut self.very_poor,
        }
    }
}

/// A rule of the curve that a unit's predicates break. It is a warning: setting the result
/// anyway needs an override reason (SE 3/2023 calls the pattern a *pertimbangan*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DistributionViolation {
    /// Stable code: `max_share_exceeded`, `min_share_not_met`, `required_presence_missing`
    /// or `forbidden_predicate_present`.
    pub code: &'static str,
    pub organisation_predicate: OrganisationPredicate,
    /// The predicates the rule counts together.
    pub predicates: Vec<EmployeePredicate>,
    /// The rule's share as a fraction (0.70), for share rules.
    #[schema(value_type = Option<String>)]
    pub limit_share: Option<Decimal>,
    /// The number of people the limit allows (max) or requires (min) in this unit, after
    /// the policy's rounding; may be fractional under exact comparison.
    #[schema(value_type = String)]
    pub limit_count: Decimal,
    /// How many people hold one of `predicates`.
    pub actual_count: u32,
    /// `actual_count / total`, as a fraction.
    #[schema(value_type = String)]
    pub actual_share: Decimal,
    pub total: u32,
    /// Plain English sentence for the appraiser.
    pub message: String,
}

/// Checks a unit's predicates against the curve for its organisation predicate and returns
/// every rule broken; empty means the distribution is acceptable. An empty unit breaks nothing.
pub fn check_distribution(
    policy: &DistributionPolicy,
    org: OrganisationPredicate,
    counts: &PredicateCounts,
) -> Vec<DistributionViolation> {
    let total = counts.total();
    if total == 0 {
        return Vec::new();
    }
    let n = Decimal::from(total);
    policy
        .rules_for(org)
        .iter()
        .filter_map(|rule| {
            let (predicates, share) = match rule {
                DistributionRule::MaxShare { predicates, share }
                | DistributionRule::MinShare { predicates, share } => (predicates, Some(*share)),
                DistributionRule::RequiredPresence { predicates }
                | DistributionRule::Forbidden { predicates } => (predicates, None),
            };
            let actual = predicates.iter().map(|p| counts.get(*p)).sum::<u32>();
            let actual_dec = Decimal::from(actual);
            let (code, limit_count, broken) = match rule {
                DistributionRule::MaxShare { share, .. } => {
                    let limit = match policy.rounding {
                        SmallUnitRounding::Exact => *share * n,
                        SmallUnitRounding::WholePersonInFavour => (*share * n).ceil(),
                    };
                    ("max_share_exceeded", limit, actual_dec > limit)
                }
                DistributionRule::MinShare { share, .. } => {
                    let limit = match policy.rounding {
                        SmallUnitRounding::Exact => *share * n,
                        SmallUnitRounding::WholePersonInFavour => (*share * n).floor(),
                    };
                    ("min_share_not_met", limit, actual_dec < limit)
                }
                DistributionRule::RequiredPresence { .. } => {
                    ("required_presence_missing", Decimal::ONE, actual == 0)
                }
                DistributionRule::Forbidden { .. } => {
                    ("forbidden_predicate_present", Decimal::ZERO, actual > 0)
                }
            };
            broken.then(|| DistributionViolation {
                code,
                organisation_predicate: org,
                predicates: predicates.clone(),
                limit_share: share,
                limit_count: limit_count.normalize(),
                actual_count: actual,
                actual_share: actual_dec / n,
                total,
                message: message(code, org, predicates, share, actual, total),
            })
        })
        .collect()
}

fn message(
    code: &str,
    org: OrganisationPredicate,
    predicates: &[EmployeePredicate],
    share: Option<Decimal>,
    actual: u32,
    total: u32,
) -> String {
    let names = predicates
        .iter()
        .map(|p| p.label_id())
        .collect::<Vec<_>>()
        .join(" or ");
    let percent = |d: Decimal| {
        (d * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    };
    let actual_pct = percent(Decimal::from(actual) / Decimal::from(total));
    let unit = format!(
        "In a unit whose organisation predicate is {}",
        org.label_id()
    );
    match (code, share) {
        ("max_share_exceeded", Some(s)) => format!(
            "{unit}, at most {}% may be {names}; {actual} of {total} ({actual_pct}%) are.",
            percent(s)
        ),
        ("min_share_not_met", Some(s)) => format!(
            "{unit}, at least {}% must be {names}; only {actual} of {total} ({actual_pct}%) are.",
            percent(s)
        ),
        ("required_presence_missing", _) => {
            format!("{unit}, at least one employee must be {names}; none is.")
        }
        _ => format!("{unit}, nobody may be {names}; {actual} of {total} are."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrganisationPredicate as Org;

    fn counts(c: [u32; 5]) -> PredicateCounts {
        PredicateCounts {
            very_good: c[0],
            good: c[1],
            needs_improvement: c[2],
            poor: c[3],
            very_poor: c[4],
        }
    }

    /// Every rule of domain.md 7.4 at, just below and just above its boundary, in units of 10
    /// (so 70% = 7 people) with the other rules of the same predicate satisfied.
    /// (case, organisation predicate, [SB, B, BP, K, SK], expected codes)
    const CASES: &[(&str, Org, [u32; 5], &[&str])] = &[
        // Istimewa: SB <= 70%.
        (
            "istimewa with 70% sangat baik is at the limit",
            Org::Outstanding,
            [7, 3, 0, 0, 0],
            &[],
        ),
        (
            "istimewa with 60% sangat baik is below the limit",
            Org::Outstanding,
            [6, 4, 0, 0, 0],
            &[],
        ),
        (
            "istimewa with 80% sangat baik exceeds the limit",
            Org::Outstanding,
            [8, 2, 0, 0, 0],
            &["max_share_exceeded"],
        ),
        // Baik: B <= 70%.
        (
            "baik with 70% baik is at the limit",
            Org::Good,
            [2, 7, 1, 0, 0],
            &[],
        ),
        (
            "baik with 60% baik is below the limit",
            Org::Good,
            [3, 6, 1, 0, 0],
            &[],
        ),
        (
            "baik with 80% baik exceeds the limit",
            Org::Good,
            [1, 8, 1, 0, 0],
            &["max_share_exceeded"],
        ),
        // Baik: at least one BP or K.
        (
            "baik with one butuh perbaikan has the required presence",
            Org::Good,
            [2, 7, 1, 0, 0],
            &[],
        ),
        (
            "baik with one kurang has the required presence",
            Org::Good,
            [2, 7, 0, 1, 0],
            &[],
        ),
        (
            "baik with no butuh perbaikan nor kurang misses the required presence",
            Org::Good,
            [3, 7, 0, 0, 0],
            &["required_presence_missing"],
        ),
        (
            "baik with two of them is above the required presence",
            Org::Good,
            [1, 7, 1, 1, 0],
            &[],
        ),
        // Butuh Perbaikan: BP >= 60%.
        (
            "butuh perbaikan with 60% butuh perbaikan is at the minimum",
            Org::NeedsImprovement,
            [1, 3, 6, 0, 0],
            &[],
        ),
        (
            "butuh perbaikan with 50% butuh perbaikan is below the minimum",
            Org::NeedsImprovement,
            [1, 4, 5, 0, 0],
            &["min_share_not_met"],
        ),
        (
            "butuh perbaikan with 70% butuh perbaikan is above the minimum",
            Org::NeedsImprovement,
            [1, 2, 7, 0, 0],
            &[],
        ),
        // Butuh Perbaikan: SB <= 10%.
        (
            "butuh perbaikan with 10% sangat baik is at the limit",
            Org::NeedsImprovement,
            [1, 3, 6, 0, 0],
            &[],
        ),
        (
            "butuh perbaikan with no sangat baik is below the limit",
            Org::NeedsImprovement,
            [0, 4, 6, 0, 0],
            &[],
        ),
        (
            "butuh perbaikan with 20% sangat baik exceeds the limit",
            Org::NeedsImprovement,
            [2, 2, 6, 0, 0],
            &["max_share_exceeded"],
        ),
        // Kurang: K >= 60%.
        (
            "kurang with 60% kurang is at the minimum",
            Org::Poor,
            [1, 2, 1, 6, 0],
            &[],
        ),
        (
            "kurang with 50% kurang is below the minimum",
            Org::Poor,
            [1, 3, 1, 5, 0],
            &["min_share_not_met"],
        ),
        (
            "kurang with 70% kurang is above the minimum",
            Org::Poor,
            [1, 1, 1, 7, 0],
            &[],
        ),
        // Kurang: BP >= 10%.
        (
            "kurang with 10% butuh perbaikan is at the minimum",
            Org::Poor,
            [0, 3, 1, 6, 0],
            &[],
        ),
        (
            "kurang with no butuh perbaikan is below the minimum",
            Org::Poor,
            [0, 4, 0, 6, 0],
            &["min_share_not_met"],
        ),
        (
            "kurang with 20% butuh perbaikan is above the minimum",
            Org::Poor,
            [0, 2, 2, 6, 0],
            &[],
        ),
        // Kurang: SB <= 10%.
        (
            "kurang with 10% sangat baik is at the limit",
            Org::Poor,
            [1, 2, 1, 6, 0],
            &[],
        ),
        (
            "kurang with no sangat baik is below the limit",
            Org::Poor,
            [0, 3, 1, 6, 0],
            &[],
        ),
        (
            "kurang with 20% sangat baik exceeds the limit",
            Org::Poor,
            [2, 1, 1, 6, 0],
            &["max_share_exceeded"],
        ),
        // Sangat Kurang: SK >= 60%.
        (
            "sangat kurang with 60% sangat kurang is at the minimum",
            Org::VeryPoor,
            [0, 3, 0, 1, 6],
            &[],
        ),
        (
            "sangat kurang with 50% sangat kurang is below the minimum",
            Org::VeryPoor,
            [0, 4, 0, 1, 5],
            &["min_share_not_met"],
        ),
        (
            "sangat kurang with 70% sangat kurang is above the minimum",
            Org::VeryPoor,
            [0, 2, 0, 1, 7],
            &[],
        ),
        // Sangat Kurang: K + BP >= 10%.
        (
            "sangat kurang with 10% kurang or butuh perbaikan is at the minimum",
            Org::VeryPoor,
            [0, 3, 1, 0, 6],
            &[],
        ),
        (
            "sangat kurang with no kurang nor butuh perbaikan is below the minimum",
            Org::VeryPoor,
            [0, 4, 0, 0, 6],
            &["min_share_not_met"],
        ),
        (
            "sangat kurang with 20% kurang and butuh perbaikan is above the minimum",
            Org::VeryPoor,
            [0, 2, 1, 1, 6],
            &[],
        ),
        // Sangat Kurang: no SB.
        (
            "sangat kurang with no sangat baik respects the ban",
            Org::VeryPoor,
            [0, 3, 0, 1, 6],
            &[],
        ),
        (
            "sangat kurang with one sangat baik breaks the ban",
            Org::VeryPoor,
            [1, 2, 0, 1, 6],
            &["forbidden_predicate_present"],
        ),
        // Several rules at once.
        (
            "baik with everyone baik breaks both of its rules",
            Org::Good,
            [0, 10, 0, 0, 0],
            &["max_share_exceeded", "required_presence_missing"],
        ),
        (
            "sangat kurang with everyone sangat baik breaks all three rules",
            Org::VeryPoor,
            [10, 0, 0, 0, 0],
            &[
                "min_share_not_met",
                "min_share_not_met",
                "forbidden_predicate_present",
            ],
        ),
    ];

    #[test]
    fn every_rule_of_every_organisation_predicate_is_checked_at_its_boundary() {
        let policy = DistributionPolicy::default();
        for (case, org, c, expected) in CASES {
            let got: Vec<_> = check_distribution(&policy, *org, &counts(*c))
                .iter()
                .map(|v| v.code)
                .collect();
            assert_eq!(&got, expected, "case: {case}");
        }
    }

    #[test]
    fn an_empty_unit_breaks_no_rule_of_any_predicate() {
        let policy = DistributionPolicy::default();
        for org in Org::ALL {
            assert!(
                check_distribution(&policy, org, &PredicateCounts::default()).is_empty(),
                "{org:?}"
            );
        }
    }

    #[test]
    fn a_violation_names_the_rule_its_limit_and_the_actual_share() {
        let policy = DistributionPolicy::default();
        let v = check_distribution(&policy, Org::Good, &counts([1, 8, 1, 0, 0]));
        assert_eq!(v.len(), 1);
        let v = &v[0];
        assert_eq!(v.code, "max_share_exceeded");
        assert_eq!(v.organisation_predicate, Org::Good);
        assert_eq!(v.predicates, vec![EmployeePredicate::Good]);
        assert_eq!(v.limit_share, Some(Decimal::new(7, 1)));
        assert_eq!(v.limit_count, Decimal::from(7));
        assert_eq!(v.actual_count, 8);
        assert_eq!(v.actual_share, Decimal::new(8, 1));
        assert_eq!(v.total, 10);
        assert_eq!(
            v.message,
            "In a unit whose organisation predicate is Baik, at most 70% may be Baik; 8 of 10 (80%) are."
        );
    }

    /// Small units: (case, rounding, organisation predicate, counts, expected codes).
    type SmallUnitCase = (
        &'static str,
        SmallUnitRounding,
        Org,
        [u32; 5],
        &'static [&'static str],
    );

    const SMALL_UNIT_CASES: &[SmallUnitCase] = &[
        (
            "exact: 3 of 3 sangat baik exceeds 70% (2.1 people)",
            SmallUnitRounding::Exact,
            Org::Outstanding,
            [3, 0, 0, 0, 0],
            &["max_share_exceeded"],
        ),
        (
            "exact: 2 of 3 sangat baik is within 70%",
            SmallUnitRounding::Exact,
            Org::Outstanding,
            [2, 1, 0, 0, 0],
            &[],
        ),
        (
            "in favour: 3 of 3 sangat baik rounds 2.1 people up to 3",
            SmallUnitRounding::WholePersonInFavour,
            Org::Outstanding,
            [3, 0, 0, 0, 0],
            &[],
        ),
        (
            "in favour: 4 of 4 sangat baik exceeds ceil(2.8) = 3",
            SmallUnitRounding::WholePersonInFavour,
            Org::Outstanding,
            [4, 0, 0, 0, 0],
            &["max_share_exceeded"],
        ),
        (
            "exact: 2 of 4 butuh perbaikan misses 60% (2.4 people)",
            SmallUnitRounding::Exact,
            Org::NeedsImprovement,
            [0, 2, 2, 0, 0],
            &["min_share_not_met"],
        ),
        (
            "in favour: 2 of 4 butuh perbaikan meets floor(2.4) = 2",
            SmallUnitRounding::WholePersonInFavour,
            Org::NeedsImprovement,
            [0, 2, 2, 0, 0],
            &[],
        ),
        (
            "in favour: 1 of 4 butuh perbaikan misses floor(2.4) = 2",
            SmallUnitRounding::WholePersonInFavour,
            Org::NeedsImprovement,
            [0, 3, 1, 0, 0],
            &["min_share_not_met"],
        ),
        (
            "exact: 1 sangat baik of 5 exceeds 10% (0.5 people)",
            SmallUnitRounding::Exact,
            Org::NeedsImprovement,
            [1, 0, 4, 0, 0],
            &["max_share_exceeded"],
        ),
        (
            "in favour: 1 sangat baik of 5 is within ceil(0.5) = 1",
            SmallUnitRounding::WholePersonInFavour,
            Org::NeedsImprovement,
            [1, 0, 4, 0, 0],
            &[],
        ),
        (
            "in favour: presence is still required in a unit of 2",
            SmallUnitRounding::WholePersonInFavour,
            Org::Good,
            [1, 1, 0, 0, 0],
            &["required_presence_missing"],
        ),
        (
            "in favour: the ban still holds in a unit of 2",
            SmallUnitRounding::WholePersonInFavour,
            Org::VeryPoor,
            [1, 0, 0, 0, 1],
            &["forbidden_predicate_present"],
        ),
    ];

    #[test]
    fn every_small_unit_case_follows_its_rounding_mode() {
        for (case, rounding, org, c, expected) in SMALL_UNIT_CASES {
            let policy = DistributionPolicy {
                rounding: *rounding,
                ..DistributionPolicy::default()
            };
            let got: Vec<_> = check_distribution(&policy, *org, &counts(*c))
                .iter()
                .map(|v| v.code)
                .collect();
            assert_eq!(&got, expected, "case: {case}");
        }
    }

    #[test]
    fn the_policy_round_trips_through_json_with_shares_as_strings() {
        let policy = DistributionPolicy::default();
        let json = serde_json::to_value(&policy).unwrap();
        assert_eq!(json["rounding"], "exact");
        assert_eq!(json["outstanding"][0]["rule"], "max_share");
        assert_eq!(json["outstanding"][0]["share"], "0.70");
        assert_eq!(json["outstanding"][0]["predicates"][0], "very_good");
        let back: DistributionPolicy = serde_json::from_value(json).unwrap();
        assert_eq!(back, policy);
    }

    #[test]
    fn a_partial_policy_document_falls_back_to_the_defaults() {
        let policy: DistributionPolicy =
            serde_json::from_str(r#"{"rounding": "whole_person_in_favour"}"#).unwrap();
        assert_eq!(policy.rounding, SmallUnitRounding::WholePersonInFavour);
        assert_eq!(policy.good, DistributionPolicy::default().good);
    }

    #[test]
    fn counts_are_built_from_a_list_of_predicates() {
        use EmployeePredicate::*;
        let c = PredicateCounts::from_predicates([Good, Good, VeryPoor, NeedsImprovement]);
        assert_eq!(c, counts([0, 2, 1, 0, 1]));
        assert_eq!(c.total(), 4);
    }
}
