//! The numeric regime of PP 30/2019 with PermenPANRB 8/2021 (domain.md 2, 7.4): capaian IKI,
//! nilai capaian, nilai SKP, nilai kinerja and predikat. Historic records and regional practice.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use utoipa::ToSchema;

/// Arah indikator (PermenPANRB 8/2021): whether more realisation is better.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorDirection {
    /// NORMAL: higher is better; capaian = realisasi / target.
    #[default]
    HigherIsBetter,
    /// KHUSUS ("kondisi khusus"): lower is better, e.g. time; capaian = 1 + (1 − realisasi / target).
    LowerIsBetter,
}

impl IndicatorDirection {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            IndicatorDirection::HigherIsBetter => "Normal",
            IndicatorDirection::LowerIsBetter => "Kondisi Khusus",
        }
    }
}

/// The five-level scale of PP 30/2019, used both for the kategori of a capaian IKI and for
/// the predikat of a nilai kinerja.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Pp30Predicate {
    /// Sangat Baik.
    VeryGood,
    /// Baik.
    Good,
    /// Cukup.
    Fair,
    /// Kurang.
    Poor,
    /// Sangat Kurang.
    VeryPoor,
}

impl Pp30Predicate {
    /// Indonesian label.
    pub fn label_id(self) -> &'static str {
        match self {
            Pp30Predicate::VeryGood => "Sangat Baik",
            Pp30Predicate::Good => "Baik",
            Pp30Predicate::Fair => "Cukup",
            Pp30Predicate::Poor => "Kurang",
            Pp30Predicate::VeryPoor => "Sangat Kurang",
        }
    }

    /// Factor for the tambahan nilai tertimbang: 100 / 80 / 60 / 40 / 20 (PermenPANRB 8/2021).
    pub fn tambahan_factor(self) -> Decimal {
        Decimal::from(match self {
            Pp30Predicate::VeryGood => 100,
            Pp30Predicate::Good => 80,
            Pp30Predicate::Fair => 60,
            Pp30Predicate::Poor => 40,
            Pp30Predicate::VeryPoor => 20,
        })
    }
}

/// Inputs the numeric formulas refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Pp30Error {
    #[error("a target must be greater than zero")]
    NonPositiveTarget,
    #[error("the lower bound of a target range must not exceed its upper bound")]
    InvertedRange,
}

impl Pp30Error {
    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Pp30Error::NonPositiveTarget => "target_not_positive",
            Pp30Error::InvertedRange => "target_range_inverted",
        }
    }
}

/// Capaian IKI in percent (100 = 100%), unrounded.
///
/// A single target has `target_min == target_max`. With a range, a realisation inside it
/// counts as 100%; above it the upper bound is the target, below it the lower bound
/// (PermenPANRB 8/2021), whatever the direction. The result may be negative for a
/// lower-is-better indicator realised at more than twice its target; [`nilai_capaian_iki`]
/// scores that as 0.
pub fn capaian_iki(
    direction: IndicatorDirection,
    target_min: Decimal,
    target_max: Decimal,
    realisation: Decimal,
) -> Result<Decimal, Pp30Error> {
    if target_min > target_max {
        return Err(Pp30Error::InvertedRange);
    }
    if target_min <= Decimal::ZERO {
        return Err(Pp30Error::NonPositiveTarget);
    }
    let target = if realisation > target_max {
        target_max
    } else if realisation < target_min {
        target_min
    } else {
        // Not stated in the regulation: a realisation anywhere inside the agreed range meets it.
        return Ok(Decimal::ONE_HUNDRED);
    };
    let ratio = realisation / target;
    let fraction = match direction {
        IndicatorDirection::HigherIsBetter => ratio,
        IndicatorDirection::LowerIsBetter => Decimal::ONE + (Decimal::ONE - ratio),
    };
    Ok(fraction * Decimal::ONE_HUNDRED)
}

/// The [M] values of the nilai capaian table, inferred from the worked example
/// "100% → Baik → 109; 98% → Cukup → 88" (domain.md 2, open item 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct CapaianScale {
    /// Nilai for a capaian of exactly 100% (Baik). Default 109.
    #[schema(value_type = String)]
    pub on_target: Decimal,
    /// Nilai at a capaian of 101%, where Sangat Baik interpolation to 120 at 110% starts.
    /// Default 110.
    #[schema(value_type = String)]
    pub above_target_floor: Decimal,
}

impl Default for CapaianScale {
    fn default() -> Self {
        Self {
            on_target: Decimal::from(109),
            above_target_floor: Decimal::from(110),
        }
    }
}

/// A scored capaian: its kategori and its nilai (0–120).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct NilaiCapaian {
    pub category: Pp30Predicate,
    #[schema(value_type = String)]
    pub nilai: Decimal,
}

// PP 30/2019: capaian is capped at 120.
const MAX_NILAI: i64 = 120;

/// Nilai capaian IKI from a capaian in percent (PermenPANRB 8/2021 table).
///
/// The table lists whole percentages; a fractional capaian falls in the row of its whole part
/// (99.5% is Cukup, 100.5% is Baik), and the row's formula uses the exact value. Above 110%
/// the nilai is 120; a capaian of at least 100% on a target that is the attainable maximum
/// is Sangat Baik, 120. A negative capaian scores 0.
pub fn nilai_capaian_iki(
    capaian: Decimal,
    target_is_maximum: bool,
    scale: &CapaianScale,
) -> NilaiCapaian {
    let d = Decimal::from;
    let cap = d(MAX_NILAI);
    let (category, nilai) = if capaian > d(110) || (target_is_maximum && capaian >= d(100)) {
        (Pp30Predicate::VeryGood, cap)
    } else {
        let band = capaian.floor();
        if band >= d(101) {
            let slope = (cap - scale.above_target_floor) / (d(110) - d(101));
            let nilai = scale.above_target_floor + slope * (capaian - d(101));
            (Pp30Predicate::VeryGood, nilai)
        } else if band >= d(100) {
            (Pp30Predicate::Good, scale.on_target)
        } else if band >= d(80) {
            let nilai = d(70) + (d(89) - d(70)) / (d(99) - d(80)) * (capaian - d(80));
            (Pp30Predicate::Fair, nilai)
        } else if band >= d(60) {
            let nilai = d(50) + (d(69) - d(50)) / (d(79) - d(60)) * (capaian - d(60));
            (Pp30Predicate::Poor, nilai)
        } else {
            let nilai = capaian.max(Decimal::ZERO) / d(59) * d(49);
            (Pp30Predicate::VeryPoor, nilai)
        }
    };
    NilaiCapaian {
        category,
        nilai: nilai.normalize(),
    }
}

/// Nilai kinerja utama: the mean of the main results' nilai weighted by `bobot` (the weights
/// per JPT/JA/JF come from the regulation's annex and are an agency setting). `None` when
/// there is nothing to weigh.
pub fn nilai_kinerja_utama(items: &[(Decimal, Decimal)]) -> Option<Decimal> {
    let total_weight: Decimal = items.iter().map(|(_, w)| *w).sum();
    if total_weight <= Decimal::ZERO {
        return None;
    }
    let weighted: Decimal = items.iter().map(|(n, w)| *n * *w).sum();
    Some(weighted / total_weight)
}

/// Tambahan nilai tertimbang of one additional result: factor × (bobot lingkup penugasan /
/// 100) × (nilai / 100), with the factor of its kategori (PermenPANRB 8/2021).
pub fn tambahan_weighted(
    category: Pp30Predicate,
    bobot_percent: Decimal,
    nilai: Decimal,
) -> Decimal {
    category.tambahan_factor()
        * (bobot_percent / Decimal::ONE_HUNDRED)
        * (nilai / Decimal::ONE_HUNDRED)
}

// PermenPANRB 8/2021: the total of tugas tambahan counts for at most 10.
const MAX_TAMBAHAN: i64 = 10;

/// Nilai SKP = nilai kinerja utama + the sum of tambahan nilai tertimbang, the latter capped
/// at 10.
pub fn nilai_skp(kinerja_utama: Decimal, tambahan: &[Decimal]) -> Decimal {
    let extra: Decimal = tambahan.iter().sum();
    kinerja_utama + extra.min(Decimal::from(MAX_TAMBAHAN))
}

/// JPT periodic value: (mean nilai of rencana aksi + mean nilai of the kinerja utama
/// measurable in the period) / 2 (PermenPANRB 8/2021). `None` when either list is empty.
pub fn jpt_periodic_nilai(rencana_aksi: &[Decimal], kinerja_utama: &[Decimal]) -> Option<Decimal> {
    let mean = |xs: &[Decimal]| {
        (!xs.is_empty()).then(|| xs.iter().sum::<Decimal>() / Decimal::from(xs.len()))
    };
    Some((mean(rencana_aksi)? + mean(kinerja_utama)?) / Decimal::TWO)
}

/// How behaviour was assessed, which fixes the weights of nilai kinerja (PP 30/2019).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BehaviourWeighting {
    /// 70% SKP + 30% perilaku: the appraiser assesses behaviour alone.
    #[default]
    Standard,
    /// 60% SKP + 40% perilaku: behaviour considers peers at the same level and direct
    /// subordinates (360°).
    ThreeSixty,
}

/// Nilai kinerja = weighted nilai SKP + weighted nilai perilaku (PP 30/2019).
pub fn nilai_kinerja(
    nilai_skp: Decimal,
    nilai_perilaku: Decimal,
    weighting: BehaviourWeighting,
) -> Decimal {
    let (skp, perilaku) = match weighting {
        BehaviourWeighting::Standard => (Decimal::new(70, 2), Decimal::new(30, 2)),
        BehaviourWeighting::ThreeSixty => (Decimal::new(60, 2), Decimal::new(40, 2)),
    };
    nilai_skp * skp + nilai_perilaku * perilaku
}

/// Lower bounds (inclusive) of the PP 30/2019 predikat ranges. The bounds are [M]: quoted
/// imperfectly by one source (domain.md 2, open item 4), so an agency may change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct PredicateBounds {
    /// Sangat Baik from here, and only with an innovation. Default 110.
    #[schema(value_type = String)]
    pub very_good_min: Decimal,
    /// Baik from here. Default 90.
    #[schema(value_type = String)]
    pub good_min: Decimal,
    /// Cukup from here. Default 70.
    #[schema(value_type = String)]
    pub fair_min: Decimal,
    /// Kurang from here; below is Sangat Kurang. Default 50.
    #[schema(value_type = String)]
    pub poor_min: Decimal,
}

impl Default for PredicateBounds {
    fn default() -> Self {
        Self {
            very_good_min: Decimal::from(110),
            good_min: Decimal::from(90),
            fair_min: Decimal::from(70),
            poor_min: Decimal::from(50),
        }
    }
}

/// Predikat kinerja from nilai kinerja. Sangat Baik needs both the score and
/// `has_innovation`: the PNS created a new idea or method that benefits the organisation or
/// state (PP 30/2019); without it the score is Baik.
pub fn predikat(nilai: Decimal, has_innovation: bool, bounds: &PredicateBounds) -> Pp30Predicate {
    if nilai >= bounds.very_good_min && has_innovation {
        Pp30Predicate::VeryGood
    } else if nilai >= bounds.good_min {
        Pp30Predicate::Good
    } else if nilai >= bounds.fair_min {
        Pp30Predicate::Fair
    } else if nilai >= bounds.poor_min {
        Pp30Predicate::Poor
    } else {
        Pp30Predicate::VeryPoor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorDirection::{HigherIsBetter as Normal, LowerIsBetter as Khusus};
    use Pp30Predicate as P;
    use rust_decimal_macros::dec;

    /// (case, direction, target min, target max, realisation, capaian rounded to 2 dp)
    const CAPAIAN_CASES: &[(&str, IndicatorDirection, Decimal, Decimal, Decimal, Decimal)] = &[
        // domain.md 2 worked examples.
        (
            "6.5 months against 7-8 months gives 107.14%",
            Khusus,
            dec!(7),
            dec!(8),
            dec!(6.5),
            dec!(107.14),
        ),
        (
            "9 months against 7-8 months gives 87.5%",
            Khusus,
            dec!(7),
            dec!(8),
            dec!(9),
            dec!(87.50),
        ),
        // domain.md says 113% here; the stated rule (upper bound 90) gives 92/90. See the
        // test below: 113% is what a realisation of 102% gives, so the example is a typo.
        (
            "92% against 80-90% gives 102.22% under the stated rule",
            Normal,
            dec!(80),
            dec!(90),
            dec!(92),
            dec!(102.22),
        ),
        (
            "102% against 80-90% gives the 113% of the doc's example",
            Normal,
            dec!(80),
            dec!(90),
            dec!(102),
            dec!(113.33),
        ),
        (
            "70% against 80-90% uses the lower bound",
            Normal,
            dec!(80),
            dec!(90),
            dec!(70),
            dec!(87.50),
        ),
        (
            "85% inside 80-90% counts as 100%",
            Normal,
            dec!(80),
            dec!(90),
            dec!(85),
            dec!(100),
        ),
        (
            "the lower bound of a range counts as 100%",
            Normal,
            dec!(80),
            dec!(90),
            dec!(80),
            dec!(100),
        ),
        (
            "the upper bound of a range counts as 100%",
            Khusus,
            dec!(7),
            dec!(8),
            dec!(8),
            dec!(100),
        ),
        (
            "7.5 months inside 7-8 months counts as 100%",
            Khusus,
            dec!(7),
            dec!(8),
            dec!(7.5),
            dec!(100),
        ),
        (
            "a single target met exactly is 100%",
            Normal,
            dec!(12),
            dec!(12),
            dec!(12),
            dec!(100),
        ),
        (
            "a single target exceeded is realisation over target",
            Normal,
            dec!(12),
            dec!(12),
            dec!(15),
            dec!(125),
        ),
        (
            "a single target missed is realisation over target",
            Normal,
            dec!(12),
            dec!(12),
            dec!(6),
            dec!(50),
        ),
        (
            "finishing early on a lower-is-better target scores above 100%",
            Khusus,
            dec!(12),
            dec!(12),
            dec!(9),
            dec!(125),
        ),
        (
            "finishing late on a lower-is-better target scores below 100%",
            Khusus,
            dec!(12),
            dec!(12),
            dec!(15),
            dec!(75),
        ),
        (
            "three times a lower-is-better target goes negative",
            Khusus,
            dec!(2),
            dec!(2),
            dec!(6),
            dec!(-100),
        ),
        (
            "zero realisation of a normal target is 0%",
            Normal,
            dec!(10),
            dec!(10),
            dec!(0),
            dec!(0),
        ),
    ];

    #[test]
    fn every_capaian_case_follows_the_permenpanrb_8_2021_formula() {
        for (case, direction, min, max, realisation, expected) in CAPAIAN_CASES {
            let got = capaian_iki(*direction, *min, *max, *realisation).unwrap();
            assert_eq!(got.round_dp(2), *expected, "case: {case}");
        }
    }

    #[test]
    fn impossible_targets_are_refused() {
        assert_eq!(
            capaian_iki(Normal, dec!(0), dec!(10), dec!(5)),
            Err(Pp30Error::NonPositiveTarget)
        );
        assert_eq!(
            capaian_iki(Khusus, dec!(-1), dec!(-1), dec!(5)),
            Err(Pp30Error::NonPositiveTarget)
        );
        assert_eq!(
            capaian_iki(Normal, dec!(9), dec!(8), dec!(5)),
            Err(Pp30Error::InvertedRange)
        );
    }

    /// (case, capaian %, target is maximum, kategori, nilai rounded to 2 dp)
    const NILAI_CASES: &[(&str, Decimal, bool, Pp30Predicate, Decimal)] = &[
        // domain.md 2 worked examples.
        (
            "100% is baik with 109",
            dec!(100),
            false,
            P::Good,
            dec!(109),
        ),
        ("98% is cukup with 88", dec!(98), false, P::Fair, dec!(88)),
        // Each row of the table at both ends.
        (
            "above 110% is capped at 120",
            dec!(150),
            false,
            P::VeryGood,
            dec!(120),
        ),
        (
            "110.5% is above 110% and capped at 120",
            dec!(110.5),
            false,
            P::VeryGood,
            dec!(120),
        ),
        (
            "110% is the top of sangat baik at 120",
            dec!(110),
            false,
            P::VeryGood,
            dec!(120),
        ),
        (
            "105.5% interpolates halfway to 115",
            dec!(105.5),
            false,
            P::VeryGood,
            dec!(115),
        ),
        (
            "101% is the bottom of sangat baik at 110",
            dec!(101),
            false,
            P::VeryGood,
            dec!(110),
        ),
        (
            "100.5% stays in the baik row",
            dec!(100.5),
            false,
            P::Good,
            dec!(109),
        ),
        (
            "99.5% stays in the cukup row",
            dec!(99.5),
            false,
            P::Fair,
            dec!(89.5),
        ),
        (
            "99% is the top of cukup at 89",
            dec!(99),
            false,
            P::Fair,
            dec!(89),
        ),
        (
            "80% is the bottom of cukup at 70",
            dec!(80),
            false,
            P::Fair,
            dec!(70),
        ),
        (
            "79% is the top of kurang at 69",
            dec!(79),
            false,
            P::Poor,
            dec!(69),
        ),
        ("70% is kurang with 60", dec!(70), false, P::Poor, dec!(60)),
        (
            "60% is the bottom of kurang at 50",
            dec!(60),
            false,
            P::Poor,
            dec!(50),
        ),
        (
            "59% is the top of sangat kurang at 49",
            dec!(59),
            false,
            P::VeryPoor,
            dec!(49),
        ),
        (
            "29.5% is half of sangat kurang at 24.5",
            dec!(29.5),
            false,
            P::VeryPoor,
            dec!(24.5),
        ),
        (
            "0% is sangat kurang at 0",
            dec!(0),
            false,
            P::VeryPoor,
            dec!(0),
        ),
        (
            "a negative capaian scores 0",
            dec!(-20),
            false,
            P::VeryPoor,
            dec!(0),
        ),
        // Maximal-target rule.
        (
            "100% of an attainable maximum is sangat baik at 120",
            dec!(100),
            true,
            P::VeryGood,
            dec!(120),
        ),
        (
            "98% of an attainable maximum is still cukup",
            dec!(98),
            true,
            P::Fair,
            dec!(88),
        ),
    ];

    #[test]
    fn every_row_of_the_nilai_capaian_table_gives_its_kategori_and_nilai() {
        let scale = CapaianScale::default();
        for (case, capaian, is_max, category, nilai) in NILAI_CASES {
            let got = nilai_capaian_iki(*capaian, *is_max, &scale);
            assert_eq!(got.category, *category, "case: {case}");
            assert_eq!(got.nilai.round_dp(2), *nilai, "case: {case}");
        }
    }

    #[test]
    fn the_inferred_baik_and_sangat_baik_values_are_configurable() {
        let scale = CapaianScale {
            on_target: dec!(100),
            above_target_floor: dec!(101),
        };
        assert_eq!(nilai_capaian_iki(dec!(100), false, &scale).nilai, dec!(100));
        assert_eq!(nilai_capaian_iki(dec!(101), false, &scale).nilai, dec!(101));
        assert_eq!(nilai_capaian_iki(dec!(110), false, &scale).nilai, dec!(120));
    }

    /// (case, kategori, bobot %, nilai, tambahan nilai tertimbang)
    const TAMBAHAN_CASES: &[(&str, Pp30Predicate, Decimal, Decimal, Decimal)] = &[
        (
            "sangat baik uses factor 100",
            P::VeryGood,
            dec!(10),
            dec!(110),
            dec!(11),
        ),
        (
            "baik uses factor 80",
            P::Good,
            dec!(5),
            dec!(109),
            dec!(4.36),
        ),
        (
            "cukup uses factor 60",
            P::Fair,
            dec!(10),
            dec!(80),
            dec!(4.8),
        ),
        (
            "kurang uses factor 40",
            P::Poor,
            dec!(10),
            dec!(60),
            dec!(2.4),
        ),
        (
            "sangat kurang uses factor 20",
            P::VeryPoor,
            dec!(10),
            dec!(40),
            dec!(0.8),
        ),
    ];

    #[test]
    fn every_tambahan_factor_is_applied_to_bobot_and_nilai() {
        for (case, category, bobot, nilai, expected) in TAMBAHAN_CASES {
            assert_eq!(
                tambahan_weighted(*category, *bobot, *nilai),
                *expected,
                "case: {case}"
            );
        }
    }

    /// (case, nilai kinerja utama, tambahan, nilai SKP)
    const SKP_CASES: &[(&str, Decimal, &[Decimal], Decimal)] = &[
        (
            "no tambahan leaves the utama value",
            dec!(105),
            &[],
            dec!(105),
        ),
        (
            "tambahan below the cap is added in full",
            dec!(105),
            &[dec!(4.36), dec!(4.36)],
            dec!(113.72),
        ),
        (
            "tambahan of exactly 10 is added in full",
            dec!(100),
            &[dec!(6), dec!(4)],
            dec!(110),
        ),
        (
            "tambahan above 10 is capped at 10",
            dec!(105),
            &[dec!(4.36), dec!(4.36), dec!(4.36)],
            dec!(115),
        ),
        (
            "a single tambahan of 11 is capped at 10",
            dec!(100),
            &[dec!(11)],
            dec!(110),
        ),
    ];

    #[test]
    fn every_nilai_skp_case_caps_tambahan_at_ten() {
        for (case, ku, kt, expected) in SKP_CASES {
            assert_eq!(nilai_skp(*ku, kt), *expected, "case: {case}");
        }
    }

    #[test]
    fn nilai_kinerja_utama_is_the_weighted_mean() {
        assert_eq!(
            nilai_kinerja_utama(&[(dec!(120), dec!(1)), (dec!(90), dec!(3))]),
            Some(dec!(97.5))
        );
        assert_eq!(
            nilai_kinerja_utama(&[(dec!(109), dec!(50))]),
            Some(dec!(109))
        );
        assert_eq!(nilai_kinerja_utama(&[]), None);
        assert_eq!(nilai_kinerja_utama(&[(dec!(100), dec!(0))]), None);
    }

    #[test]
    fn the_jpt_periodic_value_averages_the_two_means() {
        let got = jpt_periodic_nilai(&[dec!(100), dec!(120)], &[dec!(90)]);
        assert_eq!(got, Some(dec!(100)));
        assert_eq!(jpt_periodic_nilai(&[], &[dec!(90)]), None);
        assert_eq!(jpt_periodic_nilai(&[dec!(90)], &[]), None);
    }

    /// (case, nilai SKP, nilai perilaku, weighting, nilai kinerja)
    const KINERJA_CASES: &[(&str, Decimal, Decimal, BehaviourWeighting, Decimal)] = &[
        (
            "the standard weighting is 70/30",
            dec!(100),
            dec!(80),
            BehaviourWeighting::Standard,
            dec!(94),
        ),
        (
            "the 360 weighting is 60/40",
            dec!(100),
            dec!(80),
            BehaviourWeighting::ThreeSixty,
            dec!(92),
        ),
        (
            "equal inputs give the same value under 70/30",
            dec!(110),
            dec!(110),
            BehaviourWeighting::Standard,
            dec!(110),
        ),
        (
            "equal inputs give the same value under 60/40",
            dec!(110),
            dec!(110),
            BehaviourWeighting::ThreeSixty,
            dec!(110),
        ),
    ];

    #[test]
    fn every_weighting_case_gives_its_nilai_kinerja() {
        for (case, skp, perilaku, weighting, expected) in KINERJA_CASES {
            assert_eq!(
                nilai_kinerja(*skp, *perilaku, *weighting),
                *expected,
                "case: {case}"
            );
        }
    }

    /// (case, nilai kinerja, innovation, predikat) at each bound of domain.md 2.
    const PREDIKAT_CASES: &[(&str, Decimal, bool, Pp30Predicate)] = &[
        (
            "120 with innovation is sangat baik",
            dec!(120),
            true,
            P::VeryGood,
        ),
        (
            "110 with innovation is sangat baik",
            dec!(110),
            true,
            P::VeryGood,
        ),
        ("110 without innovation is baik", dec!(110), false, P::Good),
        ("120 without innovation is baik", dec!(120), false, P::Good),
        (
            "109.99 with innovation is baik",
            dec!(109.99),
            true,
            P::Good,
        ),
        ("90 is baik", dec!(90), false, P::Good),
        ("89.99 is cukup", dec!(89.99), false, P::Fair),
        ("70 is cukup", dec!(70), false, P::Fair),
        ("69.99 is kurang", dec!(69.99), false, P::Poor),
        ("50 is kurang", dec!(50), false, P::Poor),
        ("49.99 is sangat kurang", dec!(49.99), false, P::VeryPoor),
        ("0 is sangat kurang", dec!(0), true, P::VeryPoor),
    ];

    #[test]
    fn every_predikat_bound_is_inclusive_at_its_lower_end() {
        let bounds = PredicateBounds::default();
        for (case, nilai, innovation, expected) in PREDIKAT_CASES {
            assert_eq!(
                predikat(*nilai, *innovation, &bounds),
                *expected,
                "case: {case}"
            );
        }
    }

    #[test]
    fn the_predikat_bounds_are_configurable_and_default_when_omitted() {
        let bounds: PredicateBounds = serde_json::from_str(r#"{"good_min": "91"}"#).unwrap();
        assert_eq!(bounds.good_min, dec!(91));
        assert_eq!(bounds.fair_min, dec!(70));
        assert_eq!(predikat(dec!(90), false, &bounds), P::Fair);
    }

    #[test]
    fn the_predicate_labels_are_the_regulation_terms() {
        let labels: Vec<_> = [P::VeryGood, P::Good, P::Fair, P::Poor, P::VeryPoor]
            .map(Pp30Predicate::label_id)
            .to_vec();
        assert_eq!(
            labels,
            ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
        );
        assert_eq!(serde_json::to_string(&P::Fair).unwrap(), "\"fair\"");
        assert_eq!(
            serde_json::to_string(&Khusus).unwrap(),
            "\"lower_is_better\""
        );
    }
}
