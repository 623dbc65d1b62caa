//! The old numeric SKP of PP 46/2011 with PerkaBKN 1/2013 (domain.md 3, 7.4): per-aspect
//! achievement, nilai SKP, the six behaviour aspects, nilai prestasi kerja and its sebutan.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

/// Target and realisation of one aspect of one kegiatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AspectPair {
    #[schema(value_type = String)]
    pub target: Decimal,
    #[schema(value_type = String)]
    pub realisation: Decimal,
}

impl AspectPair {
    pub fn new(target: Decimal, realisation: Decimal) -> Self {
        Self {
            target,
            realisation,
        }
    }

    // PerkaBKN 1/2013: an aspect with target 0 or none is not scored.
    fn used(pair: Option<AspectPair>) -> Option<AspectPair> {
        pair.filter(|p| p.target > Decimal::ZERO)
    }
}

/// One kegiatan tugas jabatan: Kuantitas (output), Kualitas (0–100), Waktu (months) and
/// Biaya (Rp, optional).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Activity {
    pub quantity: Option<AspectPair>,
    pub quality: Option<AspectPair>,
    pub time: Option<AspectPair>,
    pub cost: Option<AspectPair>,
}

/// Inputs the PP 46/2011 formulas refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Pp46Error {
    #[error("kegiatan {index} has no aspect with a target")]
    NoAspect { index: usize },
    #[error("an SKP needs at least one kegiatan")]
    NoActivities,
    #[error("kepemimpinan must be scored for a structural official")]
    LeadershipMissing,
    #[error("kepemimpinan is scored only for structural officials")]
    LeadershipNotApplicable,
}

impl Pp46Error {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Pp46Error::NoAspect { .. } => "activity_without_aspect",
            Pp46Error::NoActivities => "skp_without_activity",
            Pp46Error::LeadershipMissing => "leadership_score_missing",
            Pp46Error::LeadershipNotApplicable => "leadership_score_not_applicable",
        }
    }
}

/// Kuantitas or Kualitas: realisation / target × 100.
pub fn ratio_score(pair: AspectPair) -> Decimal {
    pair.realisation / pair.target * Decimal::ONE_HUNDRED
}

// PerkaBKN 1/2013: 1.76 = 1 + 0.76, so that realisation equal to target scores 76; saving
// more than 24% of the time or money is penalised.
const FACTOR: Decimal = Decimal::from_parts(176, 0, 0, false, 2);
const EFFICIENCY_LIMIT: i64 = 24;

/// Waktu or Biaya (PerkaBKN 1/2013), dividing by the target in both branches:
/// efisiensi = 100 − R/T × 100; if efisiensi ≤ 24 the score is (1.76 T − R) / T × 100,
/// otherwise 76 − ((1.76 T − R) / T × 100 − 100).
pub fn efficiency_score(pair: AspectPair) -> Decimal {
    let hundred = Decimal::ONE_HUNDRED;
    let AspectPair {
        target: t,
        realisation: r,
    } = pair;
    let efficiency = hundred - r / t * hundred;
    let base = (FACTOR * t - r) / t * hundred;
    if efficiency <= Decimal::from(EFFICIENCY_LIMIT) {
        base
    } else {
        Decimal::from(76) - (base - hundred)
    }
}

/// The scores of one kegiatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct ActivityScore {
    #[schema(value_type = Option<String>)]
    pub quantity: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub quality: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub time: Option<Decimal>,
    #[schema(value_type = Option<String>)]
    pub cost: Option<Decimal>,
    /// Perhitungan: the sum of the aspects used.
    #[schema(value_type = String)]
    pub total: Decimal,
    /// Nilai capaian: `total` divided by the number of aspects used (3, or 4 with biaya).
    #[schema(value_type = String)]
    pub nilai: Decimal,
}

/// Scores one kegiatan, skipping aspects whose target is 0 or absent.
pub fn activity_score(activity: &Activity) -> Option<ActivityScore> {
    let quantity = AspectPair::used(activity.quantity).map(ratio_score);
    let quality = AspectPair::used(activity.quality).map(ratio_score);
    let time = AspectPair::used(activity.time).map(efficiency_score);
    let cost = AspectPair::used(activity.cost).map(efficiency_score);
    let used: Vec<Decimal> = [quantity, quality, time, cost]
        .into_iter()
        .flatten()
        .collect();
    if used.is_empty() {
        return None;
    }
    let total: Decimal = used.iter().sum();
    Some(ActivityScore {
        quantity,
        quality,
        time,
        cost,
        total,
        nilai: total / Decimal::from(used.len()),
    })
}

/// Level of a kreativitas finding, each backed by an SK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CreativityLevel {
    /// Recognised by the unit kerja.
    WorkUnit,
    /// Recognised by the organisation (instansi).
    Organisation,
    /// Recognised nationally.
    National,
}

/// One step of the tugas tambahan scale: from `min_tasks` tasks, add `points`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AdditionalTaskStep {
    pub min_tasks: u32,
    #[schema(value_type = String)]
    pub points: Decimal,
}

/// Tugas tambahan and kreativitas points. PerkaBKN 1/2013 values from memory ([M,
/// UNVERIFIED], domain.md open item 7), hence configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct Pp46Bonus {
    /// Default: +1 for 1–3 tasks, +2 for 4–6, +3 for 7 or more.
    pub additional_task_steps: Vec<AdditionalTaskStep>,
    /// Default +3.
    #[schema(value_type = String)]
    pub creativity_work_unit: Decimal,
    /// Default +6.
    #[schema(value_type = String)]
    pub creativity_organisation: Decimal,
    /// Default +12.
    #[schema(value_type = String)]
    pub creativity_national: Decimal,
}

impl Default for Pp46Bonus {
    fn default() -> Self {
        let step = |min_tasks, points| AdditionalTaskStep {
            min_tasks,
            points: Decimal::from(points),
        };
        Self {
            additional_task_steps: vec![step(1, 1), step(4, 2), step(7, 3)],
            creativity_work_unit: Decimal::from(3),
            creativity_organisation: Decimal::from(6),
            creativity_national: Decimal::from(12),
        }
    }
}

impl Pp46Bonus {
    /// Points for a number of tugas tambahan: the highest step reached, 0 below the first.
    pub fn additional_tasks(&self, tasks: u32) -> Decimal {
        self.additional_task_steps
            .iter()
            .filter(|s| tasks >= s.min_tasks)
            .max_by_key(|s| s.min_tasks)
            .map_or(Decimal::ZERO, |s| s.points)
    }

    /// Points for kreativitas at a level; none without a finding.
    pub fn creativity(&self, level: Option<CreativityLevel>) -> Decimal {
        match level {
            None => Decimal::ZERO,
            Some(CreativityLevel::WorkUnit) => self.creativity_work_unit,
            Some(CreativityLevel::Organisation) => self.creativity_organisation,
            Some(CreativityLevel::National) => self.creativity_national,
        }
    }
}

/// Nilai capaian SKP: the mean nilai over the kegiatan, plus tugas tambahan and kreativitas.
/// `creativity` is the highest level backed by an SK; whether several findings add up is
/// UNVERIFIED (domain.md open item 7).
pub fn nilai_skp(
    activities: &[Activity],
    additional_tasks: u32,
    creativity: Option<CreativityLevel>,
    bonus: &Pp46Bonus,
) -> Result<Decimal, Pp46Error> {
    if activities.is_empty() {
        return Err(Pp46Error::NoActivities);
    }
    let mut sum = Decimal::ZERO;
    for (index, activity) in activities.iter().enumerate() {
        sum += activity_score(activity)
            .ok_or(Pp46Error::NoAspect { index })?
            .nilai;
    }
    let mean = sum / Decimal::from(activities.len());
    Ok(mean + bonus.additional_tasks(additional_tasks) + bonus.creativity(creativity))
}

/// Perilaku kerja of PP 46/2011, each aspect 0–100 by observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Pp46Behaviour {
    #[schema(value_type = String)]
    pub orientasi_pelayanan: Decimal,
    #[schema(value_type = String)]
    pub integritas: Decimal,
    #[schema(value_type = String)]
    pub komitmen: Decimal,
    #[schema(value_type = String)]
    pub disiplin: Decimal,
    #[schema(value_type = String)]
    pub kerja_sama: Decimal,
    /// Only for pejabat struktural.
    #[schema(value_type = Option<String>)]
    pub kepemimpinan: Option<Decimal>,
}

/// `jumlah` and `nilai rata-rata` of the behaviour aspects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct BehaviourTotals {
    #[schema(value_type = String)]
    pub jumlah: Decimal,
    #[schema(value_type = String)]
    pub rata_rata: Decimal,
}

impl Pp46Behaviour {
    /// Sum and mean over the aspects used: five, plus kepemimpinan for a structural official.
    pub fn totals(&self, is_structural: bool) -> Result<BehaviourTotals, Pp46Error> {
        let mut scores = vec![
            self.orientasi_pelayanan,
            self.integritas,
            self.komitmen,
            self.disiplin,
            self.kerja_sama,
        ];
        match (is_structural, self.kepemimpinan) {
            (true, Some(k)) => scores.push(k),
            (true, None) => return Err(Pp46Error::LeadershipMissing),
            (false, Some(_)) => return Err(Pp46Error::LeadershipNotApplicable),
            (false, None) => {}
        }
        let jumlah: Decimal = scores.iter().sum();
        Ok(BehaviourTotals {
            jumlah,
            rata_rata: jumlah / Decimal::from(scores.len()),
        })
    }
}

/// Nilai prestasi kerja = 60% nilai SKP + 40% nilai perilaku (PP 46/2011).
pub fn nilai_prestasi(nilai_skp: Decimal, nilai_perilaku: Decimal) -> Decimal {
    nilai_skp * Decimal::new(60, 2) + nilai_perilaku * Decimal::new(40, 2)
}

/// Sebutan of a PP 46/2011 nilai.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pp46Rating {
    /// Sangat Baik: 91 and above.
    VeryGood,
    /// Baik: 76–90.
    Good,
    /// Cukup: 61–75.
    Fair,
    /// Kurang: 51–60.
    Poor,
    /// Buruk: 50 and below.
    Bad,
}

impl Pp46Rating {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Pp46Rating::VeryGood => "Sangat Baik",
            Pp46Rating::Good => "Baik",
            Pp46Rating::Fair => "Cukup",
            Pp46Rating::Poor => "Kurang",
            Pp46Rating::Bad => "Buruk",
        }
    }
}

/// Sebutan for a nilai. The ranges are whole numbers; a fractional nilai takes the label of
/// the range whose lower bound it reaches (90.5 is Baik, 50.5 is Buruk).
pub fn sebutan(nilai: Decimal) -> Pp46Rating {
    let d = Decimal::from;
    if nilai >= d(91) {
        Pp46Rating::VeryGood
    } else if nilai >= d(76) {
        Pp46Rating::Good
    } else if nilai >= d(61) {
        Pp46Rating::Fair
    } else if nilai >= d(51) {
        Pp46Rating::Poor
    } else {
        Pp46Rating::Bad
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// (case, target, realisation, score rounded to 2 dp) for Waktu; Biaya uses the same formula.
    const EFFICIENCY_CASES: &[(&str, Decimal, Decimal, Decimal)] = &[
        // domain.md 3 worked examples.
        ("6 of 12 months gives 50", dec!(12), dec!(6), dec!(50)),
        (
            "9.12 of 12 months (24% efficiency) gives the maximum 100",
            dec!(12),
            dec!(9.12),
            dec!(100),
        ),
        ("12 of 12 months gives 76", dec!(12), dec!(12), dec!(76)),
        // Either side of the 24% efficiency boundary.
        (
            "9 of 12 months (25% efficiency) falls past the cliff to 75",
            dec!(12),
            dec!(9),
            dec!(75),
        ),
        (
            "10 of 12 months (16.7% efficiency) gives 92.67",
            dec!(12),
            dec!(10),
            dec!(92.67),
        ),
        (
            "13 of 12 months (late) gives 67.67",
            dec!(12),
            dec!(13),
            dec!(67.67),
        ),
        (
            "cost of 50 against 100 divides by the target, giving 50",
            dec!(100),
            dec!(50),
            dec!(50),
        ),
        (
            "cost of 76 against 100 (24% saved) gives 100",
            dec!(100),
            dec!(76),
            dec!(100),
        ),
    ];

    #[test]
    fn every_efficiency_case_follows_the_1_76_formula() {
        for (case, t, r, expected) in EFFICIENCY_CASES {
            let got = efficiency_score(AspectPair::new(*t, *r));
            assert_eq!(got.round_dp(2), *expected, "case: {case}");
        }
    }

    fn pair(t: Decimal, r: Decimal) -> Option<AspectPair> {
        Some(AspectPair::new(t, r))
    }

    #[test]
    fn quantity_and_quality_are_realisation_over_target() {
        assert_eq!(ratio_score(AspectPair::new(dec!(10), dec!(8))), dec!(80));
        assert_eq!(ratio_score(AspectPair::new(dec!(100), dec!(90))), dec!(90));
        assert_eq!(ratio_score(AspectPair::new(dec!(4), dec!(5))), dec!(125));
    }

    /// (case, activity, expected total, expected nilai rounded to 2 dp)
    type ActivityCase = (&'static str, Activity, Option<(Decimal, Decimal)>);

    fn activity_cases() -> Vec<ActivityCase> {
        let three = Activity {
            quantity: pair(dec!(10), dec!(10)),
            quality: pair(dec!(100), dec!(90)),
            time: pair(dec!(12), dec!(12)),
            cost: None,
        };
        vec![
            (
                "without biaya the sum is divided by 3",
                three,
                Some((dec!(266), dec!(88.67))),
            ),
            (
                "with biaya the sum is divided by 4",
                Activity {
                    cost: pair(dec!(1000), dec!(1000)),
                    ..three
                },
                Some((dec!(342), dec!(85.5))),
            ),
            (
                "a biaya target of 0 is skipped",
                Activity {
                    cost: pair(dec!(0), dec!(500)),
                    ..three
                },
                Some((dec!(266), dec!(88.67))),
            ),
            (
                "a kuantitas target of 0 is skipped",
                Activity {
                    quantity: pair(dec!(0), dec!(3)),
                    ..three
                },
                Some((dec!(166), dec!(83))),
            ),
            (
                "an activity without any target has no score",
                Activity::default(),
                None,
            ),
        ]
    }

    #[test]
    fn every_activity_case_sums_the_aspects_used_and_divides_by_their_number() {
        for (case, activity, expected) in activity_cases() {
            let got = activity_score(&activity).map(|s| (s.total, s.nilai.round_dp(2)));
            assert_eq!(got, expected, "case: {case}");
        }
    }

    #[test]
    fn nilai_skp_is_the_mean_over_activities_plus_bonuses() {
        let bonus = Pp46Bonus::default();
        let a = Activity {
            quantity: pair(dec!(10), dec!(10)),
            quality: pair(dec!(100), dec!(100)),
            time: pair(dec!(12), dec!(9.12)),
            cost: None,
        };
        let b = Activity {
            quantity: pair(dec!(10), dec!(5)),
            quality: pair(dec!(100), dec!(80)),
            time: pair(dec!(12), dec!(12)),
            cost: None,
        };
        // a = (100 + 100 + 100) / 3 = 100; b = (50 + 80 + 76) / 3 = 68.67; mean = 84.33.
        let got = nilai_skp(&[a, b], 0, None, &bonus).unwrap();
        assert_eq!(got.round_dp(2), dec!(84.33));
        let got = nilai_skp(&[a, b], 4, Some(CreativityLevel::Organisation), &bonus).unwrap();
        assert_eq!(got.round_dp(2), dec!(92.33));
        assert_eq!(
            nilai_skp(&[], 0, None, &bonus),
            Err(Pp46Error::NoActivities)
        );
        assert_eq!(
            nilai_skp(&[a, Activity::default()], 0, None, &bonus),
            Err(Pp46Error::NoAspect { index: 1 })
        );
    }

    /// (case, number of tugas tambahan, points)
    const TASK_CASES: &[(&str, u32, Decimal)] = &[
        ("no tugas tambahan adds nothing", 0, dec!(0)),
        ("1 task adds 1", 1, dec!(1)),
        ("3 tasks add 1", 3, dec!(1)),
        ("4 tasks add 2", 4, dec!(2)),
        ("6 tasks add 2", 6, dec!(2)),
        ("7 tasks add 3", 7, dec!(3)),
        ("20 tasks add 3", 20, dec!(3)),
    ];

    #[test]
    fn every_tugas_tambahan_step_adds_its_points() {
        let bonus = Pp46Bonus::default();
        for (case, tasks, expected) in TASK_CASES {
            assert_eq!(bonus.additional_tasks(*tasks), *expected, "case: {case}");
        }
    }

    /// (case, level, points)
    const CREATIVITY_CASES: &[(&str, Option<CreativityLevel>, Decimal)] = &[
        ("no kreativitas adds nothing", None, dec!(0)),
        (
            "work-unit kreativitas adds 3",
            Some(CreativityLevel::WorkUnit),
            dec!(3),
        ),
        (
            "organisation kreativitas adds 6",
            Some(CreativityLevel::Organisation),
            dec!(6),
        ),
        (
            "national kreativitas adds 12",
            Some(CreativityLevel::National),
            dec!(12),
        ),
    ];

    #[test]
    fn every_kreativitas_level_adds_its_points() {
        let bonus = Pp46Bonus::default();
        for (case, level, expected) in CREATIVITY_CASES {
            assert_eq!(bonus.creativity(*level), *expected, "case: {case}");
        }
    }

    #[test]
    fn bonus_points_are_configurable() {
        let bonus: Pp46Bonus = serde_json::from_str(
            r#"{"additional_task_steps": [{"min_tasks": 2, "points": "0.5"}], "creativity_national": "10"}"#,
        )
        .unwrap();
        assert_eq!(bonus.additional_tasks(1), dec!(0));
        assert_eq!(bonus.additional_tasks(9), dec!(0.5));
        assert_eq!(bonus.creativity(Some(CreativityLevel::National)), dec!(10));
        assert_eq!(bonus.creativity(Some(CreativityLevel::WorkUnit)), dec!(3));
    }

    fn behaviour(kepemimpinan: Option<Decimal>) -> Pp46Behaviour {
        Pp46Behaviour {
            orientasi_pelayanan: dec!(80),
            integritas: dec!(85),
            komitmen: dec!(75),
            disiplin: dec!(90),
            kerja_sama: dec!(70),
            kepemimpinan,
        }
    }

    #[test]
    fn behaviour_of_a_non_structural_official_averages_five_aspects() {
        let totals = behaviour(None).totals(false).unwrap();
        assert_eq!(totals.jumlah, dec!(400));
        assert_eq!(totals.rata_rata, dec!(80));
    }

    #[test]
    fn behaviour_of_a_structural_official_averages_six_aspects() {
        let totals = behaviour(Some(dec!(86))).totals(true).unwrap();
        assert_eq!(totals.jumlah, dec!(486));
        assert_eq!(totals.rata_rata, dec!(81));
    }

    #[test]
    fn kepemimpinan_must_match_the_position() {
        assert_eq!(
            behaviour(None).totals(true),
            Err(Pp46Error::LeadershipMissing)
        );
        assert_eq!(
            behaviour(Some(dec!(80))).totals(false),
            Err(Pp46Error::LeadershipNotApplicable)
        );
    }

    #[test]
    fn nilai_prestasi_weighs_skp_60_and_behaviour_40() {
        assert_eq!(nilai_prestasi(dec!(85), dec!(80)), dec!(83));
        assert_eq!(nilai_prestasi(dec!(100), dec!(50)), dec!(80));
    }

    /// (case, nilai, sebutan) at each boundary of domain.md 3.
    const SEBUTAN_CASES: &[(&str, Decimal, Pp46Rating)] = &[
        ("100 is sangat baik", dec!(100), Pp46Rating::VeryGood),
        ("91 is sangat baik", dec!(91), Pp46Rating::VeryGood),
        ("90 is baik", dec!(90), Pp46Rating::Good),
        ("90.5 is still baik", dec!(90.5), Pp46Rating::Good),
        ("76 is baik", dec!(76), Pp46Rating::Good),
        ("75 is cukup", dec!(75), Pp46Rating::Fair),
        ("61 is cukup", dec!(61), Pp46Rating::Fair),
        ("60 is kurang", dec!(60), Pp46Rating::Poor),
        ("51 is kurang", dec!(51), Pp46Rating::Poor),
        ("50 is buruk", dec!(50), Pp46Rating::Bad),
        ("0 is buruk", dec!(0), Pp46Rating::Bad),
    ];

    #[test]
    fn every_sebutan_boundary_gives_its_label() {
        for (case, nilai, expected) in SEBUTAN_CASES {
            assert_eq!(sebutan(*nilai), *expected, "case: {case}");
        }
    }

    #[test]
    fn the_sebutan_labels_are_the_regulation_terms() {
        let labels = [
            Pp46Rating::VeryGood,
            Pp46Rating::Good,
            Pp46Rating::Fair,
            Pp46Rating::Poor,
            Pp46Rating::Bad,
        ]
        .map(Pp46Rating::label_id);
        assert_eq!(labels, ["Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk"]);
    }
}
