//! A cycle's policies: the agency's choices where the regulations are uncertain ([M], [L],
//! UNVERIFIED facts of domain.md), stored as JSON on the cycle, each with its documented default.

use kinerja_domain::annual::AnnualResultPolicy;
use kinerja_domain::distribution::DistributionPolicy;
use kinerja_domain::objection::ObjectionPolicy;
use kinerja_domain::pp30::{BehaviourWeighting, CapaianScale, PredicateBounds};
use kinerja_domain::pp46::Pp46Bonus;
use kinerja_domain::promotion::PromotionPolicy;
use kinerja_domain::regime::LeaderResultMapping;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// Rater groups of 360 feedback (domain.md 7.1 RaterRole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RaterGroup {
    /// The employee rates themself (penilaian diri); attributed.
    #[serde(rename = "self")]
    SelfRating,
    /// The appraiser (pejabat penilai); attributed.
    Appraiser,
    /// Peers at the same level in the same unit (rekan setingkat); anonymous.
    Peer,
    /// Direct subordinates (bawahan langsung); anonymous.
    Subordinate,
}

impl RaterGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            RaterGroup::SelfRating => "self",
            RaterGroup::Appraiser => "appraiser",
            RaterGroup::Peer => "peer",
            RaterGroup::Subordinate => "subordinate",
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        [
            RaterGroup::SelfRating,
            RaterGroup::Appraiser,
            RaterGroup::Peer,
            RaterGroup::Subordinate,
        ]
        .into_iter()
        .find(|g| g.as_str() == text)
    }
    /// Only self and appraiser answers are ever shown with the rater's identity.
    pub fn is_attributed(self) -> bool {
        matches!(self, RaterGroup::SelfRating | RaterGroup::Appraiser)
    }
}

/// 360 feedback settings. No regulation sets rater weights (domain.md 1.9): feedback is
/// advisory input to the appraiser's behaviour rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(default)]
pub struct Feedback360Policy {
    pub is_enabled: bool,
    pub rater_groups: Vec<RaterGroup>,
    /// Peers chosen per evaluation (fairly: those with the fewest requests first).
    #[validate(range(min = 0, max = 20))]
    pub peer_count: u32,
    /// Minimum answers before a group's aggregate is shown (default 3).
    #[validate(range(min = 2, max = 20))]
    pub anonymity_threshold: u32,
    /// Days after the period ends by which raters should answer.
    #[validate(range(min = 1, max = 90))]
    pub due_days_after_period_end: u32,
}

impl Default for Feedback360Policy {
    fn default() -> Self {
        Self {
            is_enabled: true,
            rater_groups: vec![
                RaterGroup::SelfRating,
                RaterGroup::Appraiser,
                RaterGroup::Peer,
                RaterGroup::Subordinate,
            ],
            peer_count: 3,
            anonymity_threshold: 3,
            due_days_after_period_end: 7,
        }
    }
}

/// Soft: a violation of the distribution curve needs a justification to finalise. Hard: it blocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DistributionEnforcement {
    #[default]
    Soft,
    Hard,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DistributionSettings {
    pub enforcement: DistributionEnforcement,
    /// Whether unit heads count in their own unit's distribution (UNVERIFIED; default no).
    pub include_unit_heads: bool,
    pub policy: DistributionPolicy,
}

/// Limits on uploaded evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
#[serde(default)]
pub struct EvidencePolicy {
    #[validate(range(min = 1024, max = 52_428_800))]
    pub max_file_bytes: u64,
    pub allowed_content_types: Vec<String>,
}

impl Default for EvidencePolicy {
    fn default() -> Self {
        Self {
            max_file_bytes: 10 * 1024 * 1024,
            allowed_content_types: [
                "application/pdf",
                "image/png",
                "image/jpeg",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "text/csv",
            ]
            .map(str::to_owned)
            .to_vec(),
        }
    }
}

/// Settings of the numeric regimes (PP 30/2019 + PermenPANRB 8/2021, PP 46/2011).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct NumericPolicy {
    pub behaviour_weighting: BehaviourWeighting,
    pub predicate_bounds: PredicateBounds,
    pub capaian_scale: CapaianScale,
    pub pp46_bonus: Pp46Bonus,
}

/// Everything an agency decides per cycle. Every field has the documented default, so `{}` is
/// a valid policy.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema, Validate)]
#[serde(default)]
pub struct CyclePolicies {
    /// How the annual result follows from the periods (domain.md 1.6): never an average.
    pub annual_result: AnnualResultPolicy,
    #[validate(nested)]
    pub feedback_360: Feedback360Policy,
    pub distribution: DistributionSettings,
    /// Organisation predicate to the unit head's result rating (UNVERIFIED mapping).
    pub leader_result_mapping: LeaderResultMapping,
    pub objection: ObjectionPolicy,
    pub promotion: PromotionPolicy,
    /// May appraisers rate before the period has ended?
    pub allow_early_rating: bool,
    /// Optional review by the Pengelola Kinerja (HR) before an appraiser's approval (PP 30/2019).
    pub require_hr_review: bool,
    #[validate(nested)]
    pub evidence: EvidencePolicy,
    pub numeric: NumericPolicy,
}

impl CyclePolicies {
    /// Reads the stored JSON; unknown or missing fields take their defaults.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_policy_document_takes_every_default() {
        let p = CyclePolicies::from_json("{}");
        assert_eq!(p, CyclePolicies::default());
        assert_eq!(p.feedback_360.anonymity_threshold, 3);
        assert_eq!(p.objection, ObjectionPolicy::default());
        assert_eq!(p.annual_result, AnnualResultPolicy::LastPeriod);
    }

    #[test]
    fn a_partial_document_keeps_the_other_defaults() {
        let p = CyclePolicies::from_json(r#"{"feedback_360": {"anonymity_threshold": 5}}"#);
        assert_eq!(p.feedback_360.anonymity_threshold, 5);
        assert_eq!(p.feedback_360.peer_count, 3);
        assert!(p.feedback_360.is_enabled);
    }

    #[test]
    fn policies_round_trip() {
        let mut p = CyclePolicies::default();
        p.distribution.enforcement = DistributionEnforcement::Hard;
        assert_eq!(CyclePolicies::from_json(&p.to_json()), p);
    }
}
