//! State machines of the appraisal year: cycle, plan (SKP), evaluation and objection
//! (domain.md 7.3). Which moves exist; who may make them is decided by the service's policies.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

use crate::distribution::DistributionViolation;

/// A unit enum whose snake_case text is the same in JSON, in the database and in messages.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable snake_case text used in JSON and in the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the text written by [`Self::as_str`].
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A move that the machine does not have from the current state, or whose guard failed.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, ToSchema)]
#[error("{message}")]
pub struct IllegalTransition {
    /// Stable code: `illegal_transition`, or `distribution_violated` when finalising without a
    /// clean distribution or an override reason.
    pub code: &'static str,
    /// `cycle`, `plan`, `evaluation` or `objection`.
    pub machine: &'static str,
    pub from: &'static str,
    pub action: &'static str,
    /// Plain English sentence.
    pub message: String,
}

impl IllegalTransition {
    fn new(machine: &'static str, from: &'static str, action: &'static str) -> Self {
        Self {
            code: "illegal_transition",
            machine,
            from,
            action,
            message: format!(
                "{} {machine} that is {} does not allow \"{}\".",
                if machine.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "An"
                } else {
                    "A"
                },
                from.replace('_', " "),
                action.replace('_', " ")
            ),
        }
    }
}

fn step<S: Copy + Eq, A: Copy + Eq>(table: &[(S, A, S)], from: S, action: A) -> Option<S> {
    table
        .iter()
        .find(|(s, a, _)| *s == from && *a == action)
        .map(|(_, _, to)| *to)
}

fn actions_from<S: Copy + Eq, A: Copy + Eq>(table: &[(S, A, S)], from: S) -> Vec<A> {
    table
        .iter()
        .filter(|(s, _, _)| *s == from)
        .map(|(_, a, _)| *a)
        .collect()
}

text_enum! {
    /// State of an agency's appraisal year (tahun penilaian).
    CycleState {
        /// Being set up: periods, units, appraisers.
        Draft => "draft",
        /// Plans (SKP) are drafted and approved.
        Planning => "planning",
        /// The year runs: realisations, feedback, periodic evaluations.
        Running => "running",
        /// Annual evaluations, distribution and objections are being completed.
        Closing => "closing",
        /// Read-only.
        Closed => "closed",
    }
}

text_enum! {
    /// Moves of a cycle.
    CycleAction {
        OpenPlanning => "open_planning",
        Start => "start",
        BeginClosing => "begin_closing",
        Close => "close",
    }
}

const CYCLE: &[(CycleState, CycleAction, CycleState)] = &[
    (
        CycleState::Draft,
        CycleAction::OpenPlanning,
        CycleState::Planning,
    ),
    (
        CycleState::Planning,
        CycleAction::Start,
        CycleState::Running,
    ),
    (
        CycleState::Running,
        CycleAction::BeginClosing,
        CycleState::Closing,
    ),
    (CycleState::Closing, CycleAction::Close, CycleState::Closed),
];

impl CycleState {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            CycleState::Draft => "Draf",
            CycleState::Planning => "Perencanaan",
            CycleState::Running => "Pelaksanaan",
            CycleState::Closing => "Penutupan",
            CycleState::Closed => "Ditutup",
        }
    }

    /// A closed cycle accepts no change to anything in it.
    pub fn is_read_only(self) -> bool {
        self == CycleState::Closed
    }

    /// The state after `action`, or why it is refused.
    pub fn transition(self, action: CycleAction) -> Result<CycleState, IllegalTransition> {
        step(CYCLE, self, action)
            .ok_or_else(|| IllegalTransition::new("cycle", self.as_str(), action.as_str()))
    }

    /// The moves available from this state.
    pub fn allowed_actions(self) -> Vec<CycleAction> {
        actions_from(CYCLE, self)
    }
}

text_enum! {
    /// State of a plan (SKP); e-Kinerja states [H], names [M] (domain.md 7.3).
    PlanState {
        /// DRAFT: the employee is writing it.
        Draft => "draft",
        /// DIAJUKAN: awaiting the appraiser (or, when the cycle requires it, the HR review).
        Submitted => "submitted",
        /// DIREVIU: reviewed by the Pengelola Kinerja (HR, PP 30/2019); awaiting the appraiser.
        Reviewed => "reviewed",
        /// DISETUJUI: agreed; realisations can be recorded.
        Approved => "approved",
        /// MASA_PENILAIAN: the period has ended; evaluation runs on it.
        InAppraisal => "in_appraisal",
        /// DIGANTI: replaced by a new version after a mid-year change (mutasi).
        Superseded => "superseded",
        /// DIBATALKAN: cancelled by an administrator.
        Cancelled => "cancelled",
    }
}

text_enum! {
    /// Moves of a plan.
    PlanAction {
        /// Ajukan: the employee submits to the appraiser.
        Submit => "submit",
        /// Reviu: the Pengelola Kinerja (HR) has checked the plan, when the cycle requires it.
        Review => "review",
        /// Setujui: the appraiser approves.
        Approve => "approve",
        /// Kembalikan: the appraiser sends it back for revision, with a reason.
        Return => "return",
        /// Ubah: a mid-year change; this version is superseded and the service opens a new
        /// draft version.
        Revise => "revise",
        /// The plan's period ends.
        EndPeriod => "end_period",
        /// Batalkan: an administrator cancels.
        Cancel => "cancel",
    }
}

const PLAN: &[(PlanState, PlanAction, PlanState)] = &[
    (PlanState::Draft, PlanAction::Submit, PlanState::Submitted),
    (
        PlanState::Submitted,
        PlanAction::Approve,
        PlanState::Approved,
    ),
    (PlanState::Submitted, PlanAction::Return, PlanState::Draft),
    // PP 30/2019: the SKP is agreed after review by the Pengelola Kinerja (optional step).
    (
        PlanState::Submitted,
        PlanAction::Review,
        PlanState::Reviewed,
    ),
    (
        PlanState::Reviewed,
        PlanAction::Approve,
        PlanState::Approved,
    ),
    (PlanState::Reviewed, PlanAction::Return, PlanState::Draft),
    (
        PlanState::Approved,
        PlanAction::Revise,
        PlanState::Superseded,
    ),
    (
        PlanState::Approved,
        PlanAction::EndPeriod,
        PlanState::InAppraisal,
    ),
    // domain.md 7.3: "any non-final --batalkan(admin)--> DIBATALKAN".
    (PlanState::Draft, PlanAction::Cancel, PlanState::Cancelled),
    (
        PlanState::Submitted,
        PlanAction::Cancel,
        PlanState::Cancelled,
    ),
    (
        PlanState::Reviewed,
        PlanAction::Cancel,
        PlanState::Cancelled,
    ),
    (
        PlanState::Approved,
        PlanAction::Cancel,
        PlanState::Cancelled,
    ),
    (
        PlanState::InAppraisal,
        PlanAction::Cancel,
        PlanState::Cancelled,
    ),
];

impl PlanState {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            PlanState::Draft => "Draf",
            PlanState::Submitted => "Diajukan",
            PlanState::Reviewed => "Direviu",
            PlanState::Approved => "Disetujui",
            PlanState::InAppraisal => "Masa Penilaian",
            PlanState::Superseded => "Diganti",
            PlanState::Cancelled => "Dibatalkan",
        }
    }

    /// Superseded and cancelled plans never change again.
    pub fn is_terminal(self) -> bool {
        self.allowed_actions().is_empty()
    }

    /// The state after `action`, or why it is refused.
    pub fn transition(self, action: PlanAction) -> Result<PlanState, IllegalTransition> {
        step(PLAN, self, action)
            .ok_or_else(|| IllegalTransition::new("plan", self.as_str(), action.as_str()))
    }

    /// The moves available from this state.
    pub fn allowed_actions(self) -> Vec<PlanAction> {
        actions_from(PLAN, self)
    }
}

text_enum! {
    /// State of a periodic or annual evaluation (domain.md 7.3).
    EvaluationState {
        /// BELUM_DIMULAI.
        NotStarted => "not_started",
        /// PENGISIAN: the employee records realisations, evidence and a self-assessment.
        Filling => "filling",
        /// MENUNGGU_PENILAIAN: awaiting the appraiser's ratings.
        AwaitingRating => "awaiting_rating",
        /// DINILAI: rated; the predicate is the kuadran of the two ratings.
        Rated => "rated",
        /// DITETAPKAN: set after the distribution check; the objection window runs.
        Finalised => "finalised",
        /// KEBERATAN: an objection is being decided.
        Objected => "objected",
        /// FINAL: no further change.
        Final => "final",
    }
}

text_enum! {
    /// Moves of an evaluation.
    EvaluationAction {
        /// The period opens for the employee's input.
        Start => "start",
        /// Ajukan: the employee submits for rating.
        Submit => "submit",
        /// Nilai: the appraiser sets both ratings; again allowed while rated, to calibrate
        /// against the distribution before it is set (SE MenPANRB 3/2023 step 3).
        Rate => "rate",
        /// Tetapkan with a distribution that breaks no rule.
        Finalise => "finalise",
        /// Tetapkan despite distribution violations, with a recorded reason.
        FinaliseWithOverride => "finalise_with_override",
        /// Keberatan filed within the deadline.
        Object => "object",
        /// The objection window elapsed without objection.
        Conclude => "conclude",
        /// The atasan pejabat penilai decided the objection; the decision is final.
        ResolveObjection => "resolve_objection",
    }
}

const EVALUATION: &[(EvaluationState, EvaluationAction, EvaluationState)] = &[
    (
        EvaluationState::NotStarted,
        EvaluationAction::Start,
        EvaluationState::Filling,
    ),
    (
        EvaluationState::Filling,
        EvaluationAction::Submit,
        EvaluationState::AwaitingRating,
    ),
    (
        EvaluationState::AwaitingRating,
        EvaluationAction::Rate,
        EvaluationState::Rated,
    ),
    (
        EvaluationState::Rated,
        EvaluationAction::Rate,
        EvaluationState::Rated,
    ),
    (
        EvaluationState::Rated,
        EvaluationAction::Finalise,
        EvaluationState::Finalised,
    ),
    (
        EvaluationState::Rated,
        EvaluationAction::FinaliseWithOverride,
        EvaluationState::Finalised,
    ),
    (
        EvaluationState::Finalised,
        EvaluationAction::Object,
        EvaluationState::Objected,
    ),
    (
        EvaluationState::Finalised,
        EvaluationAction::Conclude,
        EvaluationState::Final,
    ),
    // PP 30/2019 Pasal 59: the atasan's decision is final.
    (
        EvaluationState::Objected,
        EvaluationAction::ResolveObjection,
        EvaluationState::Final,
    ),
];

impl EvaluationState {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            EvaluationState::NotStarted => "Belum Dimulai",
            EvaluationState::Filling => "Pengisian",
            EvaluationState::AwaitingRating => "Menunggu Penilaian",
            EvaluationState::Rated => "Dinilai",
            EvaluationState::Finalised => "Ditetapkan",
            EvaluationState::Objected => "Keberatan",
            EvaluationState::Final => "Final",
        }
    }

    /// The state after `action`, or why it is refused. Guards that need data outside the
    /// state (the distribution, the objection deadline) are checked by [`finalise_action`]
    /// and `objection::check_objection_deadline` before calling this.
    pub fn transition(
        self,
        action: EvaluationAction,
    ) -> Result<EvaluationState, IllegalTransition> {
        step(EVALUATION, self, action)
            .ok_or_else(|| IllegalTransition::new("evaluation", self.as_str(), action.as_str()))
    }

    /// The moves available from this state.
    pub fn allowed_actions(self) -> Vec<EvaluationAction> {
        actions_from(EVALUATION, self)
    }
}

/// The finalising move the distribution allows: `Finalise` when no rule is broken,
/// `FinaliseWithOverride` when rules are broken and a non-blank reason is given; otherwise
/// refused with `distribution_violated` (SE MenPANRB 3/2023: the curve is a *pertimbangan*,
/// so it can be overridden with a justification, never silently).
pub fn finalise_action(
    violations: &[DistributionViolation],
    override_reason: Option<&str>,
) -> Result<EvaluationAction, IllegalTransition> {
    let has_reason = override_reason.is_some_and(|r| !r.trim().is_empty());
    match (violations.is_empty(), has_reason) {
        (true, _) => Ok(EvaluationAction::Finalise),
        (false, true) => Ok(EvaluationAction::FinaliseWithOverride),
        (false, false) => Err(IllegalTransition {
            code: "distribution_violated",
            machine: "evaluation",
            from: EvaluationState::Rated.as_str(),
            action: EvaluationAction::Finalise.as_str(),
            message: format!(
                "The predicates break {} rule(s) of the distribution; give a reason to set them anyway.",
                violations.len()
            ),
        }),
    }
}

text_enum! {
    /// State of an objection (keberatan).
    ObjectionState {
        /// DIAJUKAN.
        Submitted => "submitted",
        /// DIPERIKSA: the atasan pejabat penilai hears both parties.
        UnderReview => "under_review",
        /// DIPUTUS, result kept (TETAP).
        DecidedKept => "decided_kept",
        /// DIPUTUS, result changed (UBAH).
        DecidedChanged => "decided_changed",
    }
}

/// Outcome of a decided objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObjectionOutcome {
    /// TETAP: the result stands.
    Kept,
    /// UBAH: the atasan sets new ratings.
    Changed,
}

text_enum! {
    /// Moves of an objection.
    ObjectionAction {
        StartReview => "start_review",
        DecideKept => "decide_kept",
        DecideChanged => "decide_changed",
    }
}

const OBJECTION: &[(ObjectionState, ObjectionAction, ObjectionState)] = &[
    (
        ObjectionState::Submitted,
        ObjectionAction::StartReview,
        ObjectionState::UnderReview,
    ),
    (
        ObjectionState::UnderReview,
        ObjectionAction::DecideKept,
        ObjectionState::DecidedKept,
    ),
    (
        ObjectionState::UnderReview,
        ObjectionAction::DecideChanged,
        ObjectionState::DecidedChanged,
    ),
];

impl ObjectionState {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            ObjectionState::Submitted => "Diajukan",
            ObjectionState::UnderReview => "Diperiksa",
            ObjectionState::DecidedKept => "Diputus (Tetap)",
            ObjectionState::DecidedChanged => "Diputus (Diubah)",
        }
    }

    /// The outcome once decided.
    pub fn outcome(self) -> Option<ObjectionOutcome> {
        match self {
            ObjectionState::DecidedKept => Some(ObjectionOutcome::Kept),
            ObjectionState::DecidedChanged => Some(ObjectionOutcome::Changed),
            _ => None,
        }
    }

    /// The state after `action`, or why it is refused.
    pub fn transition(self, action: ObjectionAction) -> Result<ObjectionState, IllegalTransition> {
        step(OBJECTION, self, action)
            .ok_or_else(|| IllegalTransition::new("objection", self.as_str(), action.as_str()))
    }

    /// The moves available from this state.
    pub fn allowed_actions(self) -> Vec<ObjectionAction> {
        actions_from(OBJECTION, self)
    }
}

impl ObjectionAction {
    /// The deciding move for an outcome.
    pub fn decide(outcome: ObjectionOutcome) -> Self {
        match outcome {
            ObjectionOutcome::Kept => ObjectionAction::DecideKept,
            ObjectionOutcome::Changed => ObjectionAction::DecideChanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks every (state, action) pair: the listed ones lead to their state, all others are
    /// refused with `illegal_transition`, and `allowed_actions` lists exactly the listed ones.
    macro_rules! check_every_pair {
        ($state:ty, $action:ty, $expected:expr) => {{
            let expected: &[($state, $action, $state)] = $expected;
            for from in <$state>::ALL {
                for action in <$action>::ALL {
                    let cell = format!("{} --{}-->", from.as_str(), action.as_str());
                    let want = expected
                        .iter()
                        .find(|(s, a, _)| s == from && a == action)
                        .map(|(_, _, to)| *to);
                    match (from.transition(*action), want) {
                        (Ok(got), Some(to)) => assert_eq!(got, to, "{cell}"),
                        (Err(e), None) => {
                            assert_eq!(e.code, "illegal_transition", "{cell}");
                            assert_eq!(
                                (e.from, e.action),
                                (from.as_str(), action.as_str()),
                                "{cell}"
                            );
                        }
                        (got, want) => panic!("{cell}: got {got:?}, want {want:?}"),
                    }
                }
                let listed: Vec<_> = expected
                    .iter()
                    .filter(|(s, _, _)| s == from)
                    .map(|(_, a, _)| *a)
                    .collect();
                assert_eq!(
                    from.allowed_actions(),
                    listed,
                    "allowed from {}",
                    from.as_str()
                );
            }
        }};
    }

    #[test]
    fn every_cycle_state_and_action_pair_follows_the_lifecycle() {
        use CycleAction as A;
        use CycleState as S;
        check_every_pair!(
            S,
            A,
            &[
                (S::Draft, A::OpenPlanning, S::Planning),
                (S::Planning, A::Start, S::Running),
                (S::Running, A::BeginClosing, S::Closing),
                (S::Closing, A::Close, S::Closed),
            ]
        );
    }

    #[test]
    fn a_closed_cycle_is_read_only_and_accepts_no_action() {
        assert!(CycleState::Closed.is_read_only());
        assert!(CycleState::Closed.allowed_actions().is_empty());
        for s in CycleState::ALL.iter().filter(|s| **s != CycleState::Closed) {
            assert!(!s.is_read_only(), "{s}");
        }
    }

    #[test]
    fn every_plan_state_and_action_pair_follows_domain_7_3() {
        use PlanAction as A;
        use PlanState as S;
        check_every_pair!(
            S,
            A,
            &[
                (S::Draft, A::Submit, S::Submitted),
                (S::Draft, A::Cancel, S::Cancelled),
                (S::Submitted, A::Approve, S::Approved),
                (S::Submitted, A::Return, S::Draft),
                (S::Submitted, A::Review, S::Reviewed),
                (S::Submitted, A::Cancel, S::Cancelled),
                (S::Reviewed, A::Approve, S::Approved),
                (S::Reviewed, A::Return, S::Draft),
                (S::Reviewed, A::Cancel, S::Cancelled),
                (S::Approved, A::Revise, S::Superseded),
                (S::Approved, A::EndPeriod, S::InAppraisal),
                (S::Approved, A::Cancel, S::Cancelled),
                (S::InAppraisal, A::Cancel, S::Cancelled),
            ]
        );
    }

    #[test]
    fn superseded_and_cancelled_plans_are_terminal() {
        let terminal: Vec<_> = PlanState::ALL
            .iter()
            .filter(|s| s.is_terminal())
            .copied()
            .collect();
        assert_eq!(terminal, [PlanState::Superseded, PlanState::Cancelled]);
    }

    #[test]
    fn every_evaluation_state_and_action_pair_follows_domain_7_3() {
        use EvaluationAction as A;
        use EvaluationState as S;
        check_every_pair!(
            S,
            A,
            &[
                (S::NotStarted, A::Start, S::Filling),
                (S::Filling, A::Submit, S::AwaitingRating),
                (S::AwaitingRating, A::Rate, S::Rated),
                (S::Rated, A::Rate, S::Rated),
                (S::Rated, A::Finalise, S::Finalised),
                (S::Rated, A::FinaliseWithOverride, S::Finalised),
                (S::Finalised, A::Object, S::Objected),
                (S::Finalised, A::Conclude, S::Final),
                (S::Objected, A::ResolveObjection, S::Final),
            ]
        );
    }

    #[test]
    fn every_objection_state_and_action_pair_follows_domain_7_3() {
        use ObjectionAction as A;
        use ObjectionState as S;
        check_every_pair!(
            S,
            A,
            &[
                (S::Submitted, A::StartReview, S::UnderReview),
                (S::UnderReview, A::DecideKept, S::DecidedKept),
                (S::UnderReview, A::DecideChanged, S::DecidedChanged),
            ]
        );
    }

    #[test]
    fn a_decided_objection_carries_its_outcome() {
        for outcome in [ObjectionOutcome::Kept, ObjectionOutcome::Changed] {
            let decided = ObjectionState::UnderReview
                .transition(ObjectionAction::decide(outcome))
                .unwrap();
            assert_eq!(decided.outcome(), Some(outcome), "{outcome:?}");
        }
        assert_eq!(ObjectionState::UnderReview.outcome(), None);
    }

    fn a_violation() -> DistributionViolation {
        use crate::distribution::{DistributionPolicy, PredicateCounts, check_distribution};
        use crate::rating::OrganisationPredicate;
        let counts = PredicateCounts {
            good: 10,
            ..PredicateCounts::default()
        };
        check_distribution(
            &DistributionPolicy::default(),
            OrganisationPredicate::Good,
            &counts,
        )
        .remove(0)
    }

    /// (case, has violations, override reason, expected action or error code)
    type FinaliseCase = (
        &'static str,
        bool,
        Option<&'static str>,
        Result<EvaluationAction, &'static str>,
    );

    const FINALISE_CASES: &[FinaliseCase] = &[
        (
            "a clean distribution finalises",
            false,
            None,
            Ok(EvaluationAction::Finalise),
        ),
        (
            "a clean distribution ignores a reason",
            false,
            Some("calibrated"),
            Ok(EvaluationAction::Finalise),
        ),
        (
            "violations with a reason finalise with override",
            true,
            Some("small unit of 3"),
            Ok(EvaluationAction::FinaliseWithOverride),
        ),
        (
            "violations without a reason are refused",
            true,
            None,
            Err("distribution_violated"),
        ),
        (
            "violations with a blank reason are refused",
            true,
            Some("   "),
            Err("distribution_violated"),
        ),
    ];

    #[test]
    fn every_finalise_case_requires_a_clean_distribution_or_an_override_reason() {
        for (case, violated, reason, expected) in FINALISE_CASES {
            let violations = if *violated {
                vec![a_violation()]
            } else {
                vec![]
            };
            let got = finalise_action(&violations, *reason).map_err(|e| e.code);
            assert_eq!(got, *expected, "case: {case}");
        }
    }

    #[test]
    fn a_refusal_says_what_is_wrong_in_a_sentence() {
        let err = PlanState::Draft
            .transition(PlanAction::Approve)
            .unwrap_err();
        assert_eq!(
            err.message,
            "A plan that is draft does not allow \"approve\"."
        );
        let err = EvaluationState::AwaitingRating
            .transition(EvaluationAction::FinaliseWithOverride)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "An evaluation that is awaiting rating does not allow \"finalise with override\"."
        );
    }

    #[test]
    fn every_state_text_parses_back_to_its_state() {
        for s in CycleState::ALL {
            assert_eq!(CycleState::parse(s.as_str()), Some(*s));
        }
        for s in PlanState::ALL {
            assert_eq!(PlanState::parse(s.as_str()), Some(*s));
        }
        for s in EvaluationState::ALL {
            assert_eq!(EvaluationState::parse(s.as_str()), Some(*s));
        }
        for s in ObjectionState::ALL {
            assert_eq!(ObjectionState::parse(s.as_str()), Some(*s));
        }
        assert_eq!(PlanState::parse("Draft"), None, "parsing is exact");
    }

    #[test]
    fn states_and_actions_serialise_as_their_snake_case_text() {
        for s in EvaluationState::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for a in EvaluationAction::ALL {
            assert_eq!(
                serde_json::to_string(a).unwrap(),
                format!("\"{}\"", a.as_str())
            );
        }
        for s in PlanState::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for a in PlanAction::ALL {
            assert_eq!(
                serde_json::to_string(a).unwrap(),
                format!("\"{}\"", a.as_str())
            );
        }
        for s in ObjectionState::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for s in CycleState::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
    }
}
