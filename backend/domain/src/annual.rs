//! How the annual ratings are obtained from the periodic ones (domain.md 1.6, open item 1).
//! Never an average: either the last period's ratings or the appraiser's separate judgement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rating::{EmployeePredicate, Rating, kuadran};

/// An agency's choice for the annual evaluation; the derivation is UNVERIFIED, so it is a
/// setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnnualResultPolicy {
    /// LAST_PERIOD: the ratings of the period that ends last (e-Kinerja practice, "IV-Akhir").
    #[default]
    LastPeriod,
    /// PENILAI_JUDGEMENT: the appraiser enters the annual ratings separately; periodic results
    /// are shown as input only.
    AppraiserJudgement,
}

/// The two ratings of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RatingPair {
    pub result: Rating,
    pub behaviour: Rating,
}

/// A periodic evaluation's ratings and the last day of its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PeriodRatings {
    pub ends_on: NaiveDate,
    pub ratings: RatingPair,
}

/// The annual ratings and the predicate they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct AnnualRatings {
    pub ratings: RatingPair,
    pub predicate: EmployeePredicate,
}

/// Why annual ratings cannot be picked yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnnualResultProblem {
    #[error("there is no periodic evaluation to take the annual ratings from")]
    NoPeriods,
    #[error("two periods end on the same last day, so the last period is ambiguous")]
    AmbiguousLastPeriod,
    #[error("the appraiser has not entered the annual ratings")]
    JudgementMissing,
}

impl AnnualResultProblem {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            AnnualResultProblem::NoPeriods => "annual_no_periods",
            AnnualResultProblem::AmbiguousLastPeriod => "annual_last_period_ambiguous",
            AnnualResultProblem::JudgementMissing => "annual_judgement_missing",
        }
    }
}

/// Picks the annual ratings under `policy`. `periods` may come in any order: the last period
/// is the one with the latest `ends_on`. `judgement` is the appraiser's separate entry, used
/// only under [`AnnualResultPolicy::AppraiserJudgement`].
pub fn annual_ratings(
    policy: AnnualResultPolicy,
    periods: &[PeriodRatings],
    judgement: Option<RatingPair>,
) -> Result<AnnualRatings, AnnualResultProblem> {
    let ratings = match policy {
        AnnualResultPolicy::LastPeriod => {
            let last = periods
                .iter()
                .max_by_key(|p| p.ends_on)
                .ok_or(AnnualResultProblem::NoPeriods)?;
            if periods.iter().filter(|p| p.ends_on == last.ends_on).count() > 1 {
                return Err(AnnualResultProblem::AmbiguousLastPeriod);
            }
            last.ratings
        }
        AnnualResultPolicy::AppraiserJudgement => {
            judgement.ok_or(AnnualResultProblem::JudgementMissing)?
        }
    };
    Ok(AnnualRatings {
        ratings,
        predicate: kuadran(ratings.result, ratings.behaviour),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::{Above, Below, Meets};

    fn period(month: u32, result: Rating, behaviour: Rating) -> PeriodRatings {
        let ends_on = NaiveDate::from_ymd_opt(2024, month, 1)
            .unwrap()
            .checked_add_months(chrono::Months::new(1))
            .unwrap()
            .pred_opt()
            .unwrap();
        PeriodRatings {
            ends_on,
            ratings: RatingPair { result, behaviour },
        }
    }

    fn pair(result: Rating, behaviour: Rating) -> RatingPair {
        RatingPair { result, behaviour }
    }

    #[test]
    fn last_period_takes_the_quarter_that_ends_last_whatever_the_order() {
        let periods = [
            period(12, Meets, Above),
            period(3, Below, Below),
            period(6, Below, Below),
            period(9, Below, Below),
        ];
        let got = annual_ratings(AnnualResultPolicy::LastPeriod, &periods, None).unwrap();
        assert_eq!(got.ratings, pair(Meets, Above));
        assert_eq!(got.predicate, EmployeePredicate::Good);
    }

    #[test]
    fn last_period_never_averages_three_poor_quarters_into_the_last_one() {
        // An average of three Below and one Above would be Below; the rule takes the last.
        let periods = [
            period(3, Below, Meets),
            period(6, Below, Meets),
            period(9, Below, Meets),
            period(12, Above, Above),
        ];
        let got = annual_ratings(AnnualResultPolicy::LastPeriod, &periods, None).unwrap();
        assert_eq!(got.predicate, EmployeePredicate::VeryGood);
    }

    #[test]
    fn last_period_ignores_a_separate_judgement() {
        let got = annual_ratings(
            AnnualResultPolicy::LastPeriod,
            &[period(12, Meets, Meets)],
            Some(pair(Above, Above)),
        )
        .unwrap();
        assert_eq!(got.ratings, pair(Meets, Meets));
    }

    #[test]
    fn appraiser_judgement_takes_the_entered_ratings_not_the_periods() {
        let periods = [period(12, Above, Above)];
        let got = annual_ratings(
            AnnualResultPolicy::AppraiserJudgement,
            &periods,
            Some(pair(Meets, Below)),
        )
        .unwrap();
        assert_eq!(got.ratings, pair(Meets, Below));
        assert_eq!(got.predicate, EmployeePredicate::Poor);
    }

    type ProblemCase = (
        &'static str,
        AnnualResultPolicy,
        Vec<PeriodRatings>,
        Option<RatingPair>,
        AnnualResultProblem,
    );

    #[test]
    fn every_missing_input_is_a_named_problem() {
        let cases: [ProblemCase; 3] = [
            (
                "last period without periods",
                AnnualResultPolicy::LastPeriod,
                vec![],
                None,
                AnnualResultProblem::NoPeriods,
            ),
            (
                "two periods ending the same day",
                AnnualResultPolicy::LastPeriod,
                vec![period(12, Above, Above), period(12, Below, Below)],
                None,
                AnnualResultProblem::AmbiguousLastPeriod,
            ),
            (
                "judgement policy without a judgement",
                AnnualResultPolicy::AppraiserJudgement,
                vec![period(12, Above, Above)],
                None,
                AnnualResultProblem::JudgementMissing,
            ),
        ];
        for (case, policy, periods, judgement, expected) in cases {
            assert_eq!(
                annual_ratings(policy, &periods, judgement),
                Err(expected),
                "case: {case}"
            );
        }
    }

    #[test]
    fn the_policy_defaults_to_last_period_and_serialises_in_snake_case() {
        assert_eq!(
            AnnualResultPolicy::default(),
            AnnualResultPolicy::LastPeriod
        );
        let json = serde_json::to_string(&AnnualResultPolicy::AppraiserJudgement).unwrap();
        assert_eq!(json, "\"appraiser_judgement\"");
    }
}
