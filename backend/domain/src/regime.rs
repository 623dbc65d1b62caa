//! Scoring regimes (domain.md section 0): every evaluation records the one it was scored under,
//! and the mapping that turns a unit's organisation predicate into its leader's result rating.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::rating::{OrganisationPredicate, Rating};

/// The regulation an evaluation is scored under; SIASN keeps a separate record type for each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// PermenPANRB 6/2022: three-level ratings, kuadran, five predicates (SIASN `skp22`).
    #[default]
    Pmpanrb6_2022,
    /// PP 30/2019 with PermenPANRB 8/2021: numeric SKP 0-120 and behaviour (SIASN `skp/2021`).
    Pmpanrb8_2021,
    /// PP 46/2011 with PerkaBKN 1/2013: SKP 60% + behaviour 40% (SIASN `skp`).
    Pp46_2011,
}

impl Regime {
    pub const ALL: &'static [Regime] = &[
        Regime::Pmpanrb6_2022,
        Regime::Pmpanrb8_2021,
        Regime::Pp46_2011,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Regime::Pmpanrb6_2022 => "pmpanrb6_2022",
            Regime::Pmpanrb8_2021 => "pmpanrb8_2021",
            Regime::Pp46_2011 => "pp46_2011",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.as_str() == text)
    }

    /// The code used in SIASN and domain.md (`PMPANRB_6_2022`...).
    pub fn code(self) -> &'static str {
        match self {
            Regime::Pmpanrb6_2022 => "PMPANRB_6_2022",
            Regime::Pmpanrb8_2021 => "PMPANRB_8_2021",
            Regime::Pp46_2011 => "PP46_2011",
        }
    }
}

/// How a unit's organisation predicate becomes its leader's result rating (SE MenPANRB 3/2023:
/// the unit's achievement *is* the leader's result rating). The mapping itself is UNVERIFIED
/// (domain.md 7.6 item 2), so it is agency configuration; the default is the reading most
/// agencies use: Istimewa above, Baik meets, anything lower below expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LeaderResultMapping {
    pub outstanding: Rating,
    pub good: Rating,
    pub needs_improvement: Rating,
    pub poor: Rating,
    pub very_poor: Rating,
}

impl Default for LeaderResultMapping {
    fn default() -> Self {
        Self {
            outstanding: Rating::Above,
            good: Rating::Meets,
            needs_improvement: Rating::Below,
            poor: Rating::Below,
            very_poor: Rating::Below,
        }
    }
}

impl LeaderResultMapping {
    pub fn rating_for(&self, predicate: OrganisationPredicate) -> Rating {
        match predicate {
            OrganisationPredicate::Outstanding => self.outstanding,
            OrganisationPredicate::Good => self.good,
            OrganisationPredicate::NeedsImprovement => self.needs_improvement,
            OrganisationPredicate::Poor => self.poor,
            OrganisationPredicate::VeryPoor => self.very_poor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regimes_round_trip_through_their_text() {
        for r in Regime::ALL {
            assert_eq!(Regime::parse(r.as_str()), Some(*r));
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::json!(r.as_str())
            );
        }
    }

    #[test]
    fn the_default_leader_mapping_covers_each_organisation_predicate() {
        let m = LeaderResultMapping::default();
        let cases = [
            (OrganisationPredicate::Outstanding, Rating::Above),
            (OrganisationPredicate::Good, Rating::Meets),
            (OrganisationPredicate::NeedsImprovement, Rating::Below),
            (OrganisationPredicate::Poor, Rating::Below),
            (OrganisationPredicate::VeryPoor, Rating::Below),
        ];
        for (org, expected) in cases {
            assert_eq!(m.rating_for(org), expected, "{org:?}");
        }
    }
}
