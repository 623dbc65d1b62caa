//! Eligibility for regular rank promotion (kenaikan pangkat reguler; domain.md 1.10, 7.4).
//! Decides from the facts given; finding the employee's rank date and predicates is the caller's.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rating::EmployeePredicate;

/// The promotion rule. Defaults: 4 years in rank and an annual predicate of at least Baik in
/// each of the last 2 years (PP 99/2000 jo PP 12/2002 read under PermenPANRB 6/2022, [M]:
/// check the current BKN rules before relying on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PromotionPolicy {
    pub min_years_in_rank: u32,
    /// How many calendar years before the promotion year must each have a good predicate.
    pub years_of_predicates: u32,
    pub min_predicate: EmployeePredicate,
}

impl Default for PromotionPolicy {
    fn default() -> Self {
        Self {
            min_years_in_rank: 4,
            years_of_predicates: 2,
            min_predicate: EmployeePredicate::Good,
        }
    }
}

/// Why an employee is not eligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PromotionReason {
    /// Stable code: `years_in_rank_insufficient`, `annual_predicate_missing` or
    /// `annual_predicate_below_minimum`.
    pub code: &'static str,
    /// The appraisal year concerned, for predicate reasons.
    pub year: Option<i32>,
    /// Plain English sentence.
    pub message: String,
}

/// Checks regular promotion on date `on`: in rank since `rank_since` for at least the
/// policy's years (to the day), and an annual predicate of at least the minimum for each of
/// the `years_of_predicates` calendar years before `on`'s year. `annual_predicates` lists
/// (year, final annual predicate); other years are ignored. Empty means eligible.
pub fn promotion_blockers(
    policy: &PromotionPolicy,
    rank_since: NaiveDate,
    on: NaiveDate,
    annual_predicates: &[(i32, EmployeePredicate)],
) -> Vec<PromotionReason> {
    let mut reasons = Vec::new();
    let eligible_from = rank_since.checked_add_months(Months::new(policy.min_years_in_rank * 12));
    if eligible_from.is_none_or(|from| on < from) {
        reasons.push(PromotionReason {
            code: "years_in_rank_insufficient",
            year: None,
            message: format!(
                "Regular promotion needs {} years in the current rank; the rank dates from {} \
                 and the years are complete on {}.",
                policy.min_years_in_rank,
                rank_since,
                eligible_from
                    .map_or_else(|| "an unrepresentable date".to_string(), |d| d.to_string())
            ),
        });
    }
    let years = (1..=policy.years_of_predicates as i32)
        .rev()
        .map(|back| on.year() - back);
    for year in years {
        match annual_predicates.iter().find(|(y, _)| *y == year) {
            None => reasons.push(PromotionReason {
                code: "annual_predicate_missing",
                year: Some(year),
                message: format!("There is no annual predicate for {year}."),
            }),
            Some((_, p)) if !p.is_at_least(policy.min_predicate) => reasons.push(PromotionReason {
                code: "annual_predicate_below_minimum",
                year: Some(year),
                message: format!(
                    "The annual predicate for {year} is {}; regular promotion needs at least {}.",
                    p.label_id(),
                    policy.min_predicate.label_id()
                ),
            }),
            Some(_) => {}
        }
    }
    reasons
}

/// True when [`promotion_blockers`] finds nothing.
pub fn is_eligible_for_promotion(
    policy: &PromotionPolicy,
    rank_since: NaiveDate,
    on: NaiveDate,
    annual_predicates: &[(i32, EmployeePredicate)],
) -> bool {
    promotion_blockers(policy, rank_since, on, annual_predicates).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmployeePredicate as P;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    type Case = (
        &'static str,
        (i32, u32, u32),
        &'static [(i32, EmployeePredicate)],
        &'static [(&'static str, Option<i32>)],
    );

    /// Promotion checked on 2025-04-01 with the default policy:
    /// (case, rank since, annual predicates, expected (code, year) reasons).
    const CASES: &[Case] = &[
        (
            "four years to the day with two baik years is eligible",
            (2021, 4, 1),
            &[(2023, P::Good), (2024, P::Good)],
            &[],
        ),
        (
            "sangat baik years count as at least baik",
            (2020, 1, 1),
            &[(2023, P::VeryGood), (2024, P::VeryGood)],
            &[],
        ),
        (
            "one day short of four years is not eligible",
            (2021, 4, 2),
            &[(2023, P::Good), (2024, P::Good)],
            &[("years_in_rank_insufficient", None)],
        ),
        (
            "butuh perbaikan in the last year blocks",
            (2020, 1, 1),
            &[(2023, P::Good), (2024, P::NeedsImprovement)],
            &[("annual_predicate_below_minimum", Some(2024))],
        ),
        (
            "kurang in the year before blocks",
            (2020, 1, 1),
            &[(2023, P::Poor), (2024, P::Good)],
            &[("annual_predicate_below_minimum", Some(2023))],
        ),
        (
            "sangat kurang blocks",
            (2020, 1, 1),
            &[(2023, P::VeryPoor), (2024, P::Good)],
            &[("annual_predicate_below_minimum", Some(2023))],
        ),
        (
            "a missing year blocks",
            (2020, 1, 1),
            &[(2024, P::Good)],
            &[("annual_predicate_missing", Some(2023))],
        ),
        (
            "years outside the window are ignored",
            (2020, 1, 1),
            &[
                (2021, P::VeryPoor),
                (2023, P::Good),
                (2024, P::Good),
                (2025, P::VeryPoor),
            ],
            &[],
        ),
        (
            "every blocker is reported together",
            (2023, 1, 1),
            &[(2023, P::NeedsImprovement)],
            &[
                ("years_in_rank_insufficient", None),
                ("annual_predicate_below_minimum", Some(2023)),
                ("annual_predicate_missing", Some(2024)),
            ],
        ),
    ];

    #[test]
    fn every_promotion_case_gives_its_blockers() {
        let policy = PromotionPolicy::default();
        let on = date(2025, 4, 1);
        for (case, (y, m, d), predicates, expected) in CASES {
            let got: Vec<_> = promotion_blockers(&policy, date(*y, *m, *d), on, predicates)
                .iter()
                .map(|r| (r.code, r.year))
                .collect();
            assert_eq!(&got, expected, "case: {case}");
            assert_eq!(
                is_eligible_for_promotion(&policy, date(*y, *m, *d), on, predicates),
                expected.is_empty(),
                "case: {case}"
            );
        }
    }

    #[test]
    fn the_policy_is_configurable() {
        let policy = PromotionPolicy {
            min_years_in_rank: 2,
            years_of_predicates: 3,
            min_predicate: P::VeryGood,
        };
        let on = date(2025, 4, 1);
        let predicates = [(2022, P::VeryGood), (2023, P::VeryGood), (2024, P::Good)];
        let got: Vec<_> = promotion_blockers(&policy, date(2023, 4, 1), on, &predicates)
            .iter()
            .map(|r| (r.code, r.year))
            .collect();
        assert_eq!(got, [("annual_predicate_below_minimum", Some(2024))]);
    }

    #[test]
    fn reasons_explain_themselves() {
        let reasons = promotion_blockers(
            &PromotionPolicy::default(),
            date(2020, 1, 1),
            date(2025, 4, 1),
            &[(2023, P::Good), (2024, P::NeedsImprovement)],
        );
        assert_eq!(
            reasons[0].message,
            "The annual predicate for 2024 is Butuh Perbaikan; regular promotion needs at least Baik."
        );
    }
}
