//! Angka kredit of jabatan fungsional converted from the predicate (PermenPANRB 1/2023,
//! Peraturan BKN 3/2023; domain.md 1.10, 7.4). Unrounded; round only for display.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::org::FunctionalLevel;
use crate::rating::EmployeePredicate;

/// Koefisien tahunan of a jenjang (PermenPANRB 1/2023).
pub fn annual_coefficient(level: FunctionalLevel) -> Decimal {
    match level {
        FunctionalLevel::Pemula => Decimal::new(375, 2),
        FunctionalLevel::Terampil => Decimal::new(5, 0),
        FunctionalLevel::Mahir => Decimal::new(125, 1),
        FunctionalLevel::Penyelia => Decimal::new(25, 0),
        FunctionalLevel::AhliPertama => Decimal::new(125, 1),
        FunctionalLevel::AhliMuda => Decimal::new(25, 0),
        FunctionalLevel::AhliMadya => Decimal::new(375, 1),
        FunctionalLevel::AhliUtama => Decimal::new(50, 0),
    }
}

/// Share of the coefficient earned by a predicate, as a fraction: Sangat Baik 150%, Baik
/// 100%, Butuh Perbaikan 75%, Kurang 50%, Sangat Kurang 25% (PermenPANRB 1/2023).
pub fn predicate_factor(predicate: EmployeePredicate) -> Decimal {
    match predicate {
        EmployeePredicate::VeryGood => Decimal::new(150, 2),
        EmployeePredicate::Good => Decimal::new(100, 2),
        EmployeePredicate::NeedsImprovement => Decimal::new(75, 2),
        EmployeePredicate::Poor => Decimal::new(50, 2),
        EmployeePredicate::VeryPoor => Decimal::new(25, 2),
    }
}

/// Annual angka kredit = koefisien × predicate factor.
pub fn annual_credit_points(level: FunctionalLevel, predicate: EmployeePredicate) -> Decimal {
    annual_coefficient(level) * predicate_factor(predicate)
}

/// Periodic angka kredit, pro rata by month: annual × months / 12 (Peraturan BKN 3/2023, [M]).
pub fn periodic_credit_points(
    level: FunctionalLevel,
    predicate: EmployeePredicate,
    months: u32,
) -> Decimal {
    annual_credit_points(level, predicate) * Decimal::from(months) / Decimal::from(12)
}

/// Angka kredit for display: 2 decimals, half away from zero (domain.md 7.4). Never store it.
pub fn display_credit_points(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmployeePredicate as P;
    use FunctionalLevel as L;
    use rust_decimal_macros::dec;

    /// domain.md 1.10: every (jenjang, predicate) cell, worked out by hand from
    /// koefisien × factor.
    const CELLS: [(FunctionalLevel, EmployeePredicate, Decimal); 40] = [
        (L::Pemula, P::VeryGood, dec!(5.625)),
        (L::Pemula, P::Good, dec!(3.75)),
        (L::Pemula, P::NeedsImprovement, dec!(2.8125)),
        (L::Pemula, P::Poor, dec!(1.875)),
        (L::Pemula, P::VeryPoor, dec!(0.9375)),
        (L::Terampil, P::VeryGood, dec!(7.5)),
        (L::Terampil, P::Good, dec!(5)),
        (L::Terampil, P::NeedsImprovement, dec!(3.75)),
        (L::Terampil, P::Poor, dec!(2.5)),
        (L::Terampil, P::VeryPoor, dec!(1.25)),
        (L::Mahir, P::VeryGood, dec!(18.75)),
        (L::Mahir, P::Good, dec!(12.5)),
        (L::Mahir, P::NeedsImprovement, dec!(9.375)),
        (L::Mahir, P::Poor, dec!(6.25)),
        (L::Mahir, P::VeryPoor, dec!(3.125)),
        (L::Penyelia, P::VeryGood, dec!(37.5)),
        (L::Penyelia, P::Good, dec!(25)),
        (L::Penyelia, P::NeedsImprovement, dec!(18.75)),
        (L::Penyelia, P::Poor, dec!(12.5)),
        (L::Penyelia, P::VeryPoor, dec!(6.25)),
        (L::AhliPertama, P::VeryGood, dec!(18.75)),
        (L::AhliPertama, P::Good, dec!(12.5)),
        (L::AhliPertama, P::NeedsImprovement, dec!(9.375)),
        (L::AhliPertama, P::Poor, dec!(6.25)),
        (L::AhliPertama, P::VeryPoor, dec!(3.125)),
        (L::AhliMuda, P::VeryGood, dec!(37.5)),
        (L::AhliMuda, P::Good, dec!(25)),
        (L::AhliMuda, P::NeedsImprovement, dec!(18.75)),
        (L::AhliMuda, P::Poor, dec!(12.5)),
        (L::AhliMuda, P::VeryPoor, dec!(6.25)),
        (L::AhliMadya, P::VeryGood, dec!(56.25)),
        (L::AhliMadya, P::Good, dec!(37.5)),
        (L::AhliMadya, P::NeedsImprovement, dec!(28.125)),
        (L::AhliMadya, P::Poor, dec!(18.75)),
        (L::AhliMadya, P::VeryPoor, dec!(9.375)),
        (L::AhliUtama, P::VeryGood, dec!(75)),
        (L::AhliUtama, P::Good, dec!(50)),
        (L::AhliUtama, P::NeedsImprovement, dec!(37.5)),
        (L::AhliUtama, P::Poor, dec!(25)),
        (L::AhliUtama, P::VeryPoor, dec!(12.5)),
    ];

    #[test]
    fn every_jenjang_and_predicate_cell_gives_its_annual_credit_points() {
        for (level, predicate, expected) in CELLS {
            assert_eq!(
                annual_credit_points(level, predicate),
                expected,
                "cell {} × {}",
                level.siasn_code(),
                predicate.label_id()
            );
        }
    }

    #[test]
    fn an_ahli_pertama_rated_sangat_baik_earns_18_75() {
        assert_eq!(
            annual_credit_points(L::AhliPertama, P::VeryGood),
            dec!(18.75)
        );
    }

    /// (case, jenjang, predicate, months, unrounded, displayed)
    const PRO_RATA_CASES: &[(
        &str,
        FunctionalLevel,
        EmployeePredicate,
        u32,
        Decimal,
        Decimal,
    )] = &[
        (
            "twelve months is the annual value",
            L::AhliPertama,
            P::VeryGood,
            12,
            dec!(18.75),
            dec!(18.75),
        ),
        (
            "six months is half",
            L::AhliPertama,
            P::VeryGood,
            6,
            dec!(9.375),
            dec!(9.38),
        ),
        (
            "three months is a quarter",
            L::AhliMuda,
            P::Good,
            3,
            dec!(6.25),
            dec!(6.25),
        ),
        (
            "one month keeps full precision",
            L::AhliPertama,
            P::Good,
            1,
            dec!(1.0416666666666666666666666667),
            dec!(1.04),
        ),
        (
            "zero months is nothing",
            L::AhliUtama,
            P::VeryGood,
            0,
            dec!(0),
            dec!(0),
        ),
        (
            "a midpoint rounds away from zero for display",
            L::Mahir,
            P::VeryPoor,
            12,
            dec!(3.125),
            dec!(3.13),
        ),
        (
            "another midpoint rounds away from zero, not to even",
            L::Pemula,
            P::VeryGood,
            12,
            dec!(5.625),
            dec!(5.63),
        ),
    ];

    #[test]
    fn every_pro_rata_case_divides_by_twelve_and_rounds_only_for_display() {
        for (case, level, predicate, months, unrounded, displayed) in PRO_RATA_CASES {
            let got = periodic_credit_points(*level, *predicate, *months);
            assert_eq!(got, *unrounded, "case: {case}");
            assert_eq!(display_credit_points(got), *displayed, "case: {case}");
        }
    }
}
