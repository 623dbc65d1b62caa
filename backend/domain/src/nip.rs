//! Employee identifiers: the NIP of a PNS and the NI PPPK (domain.md 4.1, 4.2).
//! Parses and checks the 18 digits only; whether the person exists is the store's business.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use crate::org::{AsnType, Sex};

/// One thing wrong with an identifier: a stable snake_case `code` for programs and a plain
/// English `message` for the person who typed it.
///
/// Codes: `nip_not_numeric`, `nip_length`, `nip_birth_date_invalid`, `nip_tmt_month_invalid`,
/// `nip_appointed_year_implausible`, `nip_sex_digit_invalid`, `nip_serial_zero` (hard errors);
/// `nip_tmt_before_age_18`, `nip_tmt_in_future` (warnings); `nip_birth_date_mismatch`,
/// `nip_sex_mismatch` (from [`cross_check`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct IdentifierProblem {
    pub code: &'static str,
    pub message: String,
}

impl IdentifierProblem {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// What a valid identifier says about its holder, plus soft warnings that do not make it
/// invalid but deserve a second look by HR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierInfo {
    /// The 18 digits without spaces.
    pub normalized: String,
    /// Digits 1–8.
    pub birth_on: NaiveDate,
    /// Digit 15.
    pub sex: Sex,
    /// TMT CPNS year (PNS, digits 9–12) or year of first PPPK appointment (digits 9–12).
    pub appointed_year: i32,
    /// TMT CPNS month (digits 13–14); PNS only, `None` for PPPK.
    pub appointed_month: Option<u32>,
    pub warnings: Vec<IdentifierProblem>,
}

// UU 5/2014 created PPPK: no NI PPPK can carry an appointment year before it.
const FIRST_PPPK_YEAR: i32 = 2014;
const LENGTH: usize = 18;

/// Validates a NIP (PNS) or NI PPPK given the holder's ASN type, which comes from the record
/// (`jenis_asn`), never from parsing the digits.
///
/// Accepts the spaced display form ("19860926 201505 1 001") and normalises by removing
/// whitespace. Returns every hard problem at once, or the parsed information with soft
/// warnings (TMT before the holder's 18th birthday, TMT in the future relative to `today`).
///
/// PNS (Perka BKN 22/2007): 18 digits; a real birth date; TMT month 01–12; sex digit 1 or 2;
/// serial not 000. NI PPPK: 18 digits; a real birth date; an appointment year from 2014 and
/// not before the birth year; sex digit (15) 1 or 2. Digits 13–14 of an NI PPPK are not checked.
pub fn validate_identifier(
    asn_type: AsnType,
    raw: &str,
    today: NaiveDate,
) -> Result<IdentifierInfo, Vec<IdentifierProblem>> {
    let normalized: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !normalized.chars().all(|c| c.is_ascii_digit()) {
        return Err(vec![IdentifierProblem::new(
            "nip_not_numeric",
            "The identifier may contain only digits and spaces.",
        )]);
    }
    if normalized.len() != LENGTH {
        return Err(vec![IdentifierProblem::new(
            "nip_length",
            format!(
                "The identifier must have 18 digits; this one has {}.",
                normalized.len()
            ),
        )]);
    }

    let digits = |from: usize, to: usize| -> u32 {
        normalized[from - 1..to]
            .parse()
            .expect("checked to be ASCII digits")
    };
    let mut problems = Vec::new();

    let birth_on = NaiveDate::from_ymd_opt(digits(1, 4) as i32, digits(5, 6), digits(7, 8));
    if birth_on.is_none() {
        problems.push(IdentifierProblem::new(
            "nip_birth_date_invalid",
            format!(
                "Digits 1 to 8 ({}) must be a real date of birth written as YYYYMMDD.",
                &normalized[0..8]
            ),
        ));
    }

    let appointed_year = digits(9, 12) as i32;
    let appointed_month = match asn_type {
        AsnType::Pns => {
            let month = digits(13, 14);
            if !(1..=12).contains(&month) {
                problems.push(IdentifierProblem::new(
                    "nip_tmt_month_invalid",
                    format!(
                        "Digits 13 and 14 ({:02}) must be the month of appointment as CPNS, 01 to 12.",
                        month
                    ),
                ));
            }
            Some(month)
        }
        AsnType::Pppk => {
            let before_birth = birth_on.is_some_and(|b| appointed_year < b.year());
            if appointed_year < FIRST_PPPK_YEAR || before_birth {
                problems.push(IdentifierProblem::new(
                    "nip_appointed_year_implausible",
                    format!(
                        "Digits 9 to 12 ({appointed_year}) must be the year of first appointment \
                         as PPPK, which cannot be before {FIRST_PPPK_YEAR} or before the year of birth."
                    ),
                ));
            }
            None
        }
    };

    let sex = match digits(15, 15) {
        1 => Some(Sex::Male),
        2 => Some(Sex::Female),
        other => {
            problems.push(IdentifierProblem::new(
                "nip_sex_digit_invalid",
                format!("Digit 15 ({other}) must be 1 for male or 2 for female."),
            ));
            None
        }
    };

    if asn_type == AsnType::Pns && digits(16, 18) == 0 {
        problems.push(IdentifierProblem::new(
            "nip_serial_zero",
            "The last three digits are a serial number from 001 to 999; 000 is never issued.",
        ));
    }

    let (Some(birth_on), Some(sex), true) = (birth_on, sex, problems.is_empty()) else {
        return Err(problems);
    };

    let warnings = soft_warnings(asn_type, birth_on, appointed_year, appointed_month, today);
    Ok(IdentifierInfo {
        normalized,
        birth_on,
        sex,
        appointed_year,
        appointed_month: if asn_type == AsnType::Pns {
            appointed_month
        } else {
            None
        },
        warnings,
    })
}

/// The appointment date range the digits allow: a PNS TMT is the 1st of the month; a PPPK NI
/// carries the year only, so warnings use the most lenient day of that year.
fn soft_warnings(
    asn_type: AsnType,
    birth_on: NaiveDate,
    year: i32,
    month: Option<u32>,
    today: NaiveDate,
) -> Vec<IdentifierProblem> {
    let (earliest, latest) = match (asn_type, month) {
        (AsnType::Pns, Some(m)) => {
            let tmt = NaiveDate::from_ymd_opt(year, m, 1).expect("month checked");
            (tmt, tmt)
        }
        _ => (
            NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists"),
            NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December exists"),
        ),
    };
    let mut warnings = Vec::new();
    let adult_on = birth_on.checked_add_months(Months::new(18 * 12));
    if adult_on.is_some_and(|adult| latest < adult) {
        warnings.push(IdentifierProblem::new(
            "nip_tmt_before_age_18",
            "The appointment date in the identifier is before the holder's 18th birthday; \
             check the identifier and the date of birth.",
        ));
    }
    if earliest > today {
        warnings.push(IdentifierProblem::new(
            "nip_tmt_in_future",
            "The appointment date in the identifier is in the future; check the identifier.",
        ));
    }
    warnings
}

/// Compares the identifier with the birth date and sex recorded for the person. Each
/// disagreement is a hard error: the identifier or the record is wrong. A `None` is not checked.
pub fn cross_check(
    info: &IdentifierInfo,
    birth_on: Option<NaiveDate>,
    sex: Option<Sex>,
) -> Vec<IdentifierProblem> {
    let mut problems = Vec::new();
    if let Some(recorded) = birth_on
        && recorded != info.birth_on
    {
        problems.push(IdentifierProblem::new(
            "nip_birth_date_mismatch",
            format!(
                "The identifier says the date of birth is {}, but the record says {}.",
                info.birth_on, recorded
            ),
        ));
    }
    if let Some(recorded) = sex
        && recorded != info.sex
    {
        problems.push(IdentifierProblem::new(
            "nip_sex_mismatch",
            format!(
                "Digit 15 of the identifier says {}, but the record says {}.",
                info.sex, recorded
            ),
        ));
    }
    problems
}

/// The display form: PNS "YYYYMMDD YYYYMM G NNN" (Perka BKN 22/2007), PPPK
/// "YYYYMMDD YYYY FF G NNN". Whitespace in the input is ignored; input that is not 18 digits
/// is returned unchanged.
pub fn format_spaced(asn_type: AsnType, normalized: &str) -> String {
    let digits: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != LENGTH || !digits.chars().all(|c| c.is_ascii_digit()) {
        return normalized.to_string();
    }
    let groups: &[usize] = match asn_type {
        AsnType::Pns => &[8, 6, 1, 3],
        AsnType::Pppk => &[8, 4, 2, 1, 3],
    };
    let mut parts = Vec::with_capacity(groups.len());
    let mut at = 0;
    for width in groups {
        parts.push(&digits[at..at + width]);
        at += width;
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2025, 6, 15);

    fn today() -> NaiveDate {
        date(TODAY.0, TODAY.1, TODAY.2)
    }

    fn codes(problems: &[IdentifierProblem]) -> Vec<&'static str> {
        problems.iter().map(|p| p.code).collect()
    }

    /// (case, asn type, input, expected hard error codes; empty = valid)
    const HARD_CASES: &[(&str, AsnType, &str, &[&str])] = &[
        (
            "a well-formed pns nip is valid",
            AsnType::Pns,
            "198609262015051001",
            &[],
        ),
        (
            "the spaced display form is accepted",
            AsnType::Pns,
            "19860926 201505 1 001",
            &[],
        ),
        (
            "surrounding and doubled spaces are ignored",
            AsnType::Pns,
            "  19860926  201505 1 001 ",
            &[],
        ),
        (
            "a female pns nip is valid",
            AsnType::Pns,
            "199001012015012999",
            &[],
        ),
        (
            "a leap day birth date is real",
            AsnType::Pns,
            "199202292015011001",
            &[],
        ),
        (
            "seventeen digits is a length error",
            AsnType::Pns,
            "19860926201505100",
            &["nip_length"],
        ),
        (
            "nineteen digits is a length error",
            AsnType::Pns,
            "1986092620150510011",
            &["nip_length"],
        ),
        (
            "an empty input is a length error",
            AsnType::Pns,
            "",
            &["nip_length"],
        ),
        (
            "letters are refused",
            AsnType::Pns,
            "19860926201505100a",
            &["nip_not_numeric"],
        ),
        (
            "punctuation is refused",
            AsnType::Pns,
            "19860926.201505.1.001",
            &["nip_not_numeric"],
        ),
        (
            "a thirteenth month of birth is not a date",
            AsnType::Pns,
            "198613262015051001",
            &["nip_birth_date_invalid"],
        ),
        (
            "a thirty first of april is not a date",
            AsnType::Pns,
            "198604312015051001",
            &["nip_birth_date_invalid"],
        ),
        (
            "a leap day in a common year is not a date",
            AsnType::Pns,
            "199302292015011001",
            &["nip_birth_date_invalid"],
        ),
        (
            "day zero is not a date",
            AsnType::Pns,
            "198609002015051001",
            &["nip_birth_date_invalid"],
        ),
        (
            "tmt month 00 is invalid",
            AsnType::Pns,
            "198609262015001001",
            &["nip_tmt_month_invalid"],
        ),
        (
            "tmt month 13 is invalid",
            AsnType::Pns,
            "198609262015131001",
            &["nip_tmt_month_invalid"],
        ),
        (
            "tmt month 12 is valid",
            AsnType::Pns,
            "198609262015121001",
            &[],
        ),
        (
            "tmt month 01 is valid",
            AsnType::Pns,
            "198609262015011001",
            &[],
        ),
        (
            "sex digit 0 is invalid",
            AsnType::Pns,
            "198609262015050001",
            &["nip_sex_digit_invalid"],
        ),
        (
            "sex digit 3 is invalid",
            AsnType::Pns,
            "198609262015053001",
            &["nip_sex_digit_invalid"],
        ),
        (
            "sex digit 9 is invalid",
            AsnType::Pns,
            "198609262015059001",
            &["nip_sex_digit_invalid"],
        ),
        (
            "serial 000 is never issued",
            AsnType::Pns,
            "198609262015051000",
            &["nip_serial_zero"],
        ),
        (
            "serial 999 is valid",
            AsnType::Pns,
            "198609262015051999",
            &[],
        ),
        (
            "all hard errors are reported together",
            AsnType::Pns,
            "198602302015133000",
            &[
                "nip_birth_date_invalid",
                "nip_tmt_month_invalid",
                "nip_sex_digit_invalid",
                "nip_serial_zero",
            ],
        ),
        (
            "a well-formed ni pppk is valid",
            AsnType::Pppk,
            "199009132021211014",
            &[],
        ),
        (
            "the part-time pppk example is valid",
            AsnType::Pppk,
            "19900913 2025 24 2 014",
            &[],
        ),
        (
            "pppk digits 13 and 14 are not checked",
            AsnType::Pppk,
            "199009132021992014",
            &[],
        ),
        (
            "pppk digits 13 and 14 may be 00",
            AsnType::Pppk,
            "199009132021002014",
            &[],
        ),
        (
            "a pppk serial 000 is not checked",
            AsnType::Pppk,
            "199009132021212000",
            &[],
        ),
        (
            "a pppk nineteen digits is a length error",
            AsnType::Pppk,
            "1990091320212120141",
            &["nip_length"],
        ),
        (
            "a pppk impossible birth date is invalid",
            AsnType::Pppk,
            "199002302021212014",
            &["nip_birth_date_invalid"],
        ),
        (
            "a pppk sex digit 3 is invalid",
            AsnType::Pppk,
            "199009132021213014",
            &["nip_sex_digit_invalid"],
        ),
        (
            "a pppk appointed in 2013 is implausible",
            AsnType::Pppk,
            "199009132013212014",
            &["nip_appointed_year_implausible"],
        ),
        (
            "a pppk appointed in 2014 is plausible",
            AsnType::Pppk,
            "199009132014212014",
            &[],
        ),
        (
            "a pppk appointed before birth is implausible",
            AsnType::Pppk,
            "202009132019212014",
            &["nip_appointed_year_implausible"],
        ),
    ];

    #[test]
    fn every_hard_rule_case_gives_its_expected_codes() {
        for (case, asn_type, input, expected) in HARD_CASES {
            let got = match validate_identifier(*asn_type, input, today()) {
                Ok(_) => vec![],
                Err(problems) => codes(&problems),
            };
            assert_eq!(&got, expected, "case: {case}");
        }
    }

    #[test]
    fn every_problem_has_a_sentence_for_the_user() {
        for (case, asn_type, input, _) in HARD_CASES {
            if let Err(problems) = validate_identifier(*asn_type, input, today()) {
                for p in problems {
                    assert!(
                        p.message.ends_with('.') && p.message.len() > 20,
                        "case: {case}: {p:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_valid_pns_nip_yields_its_parts() {
        let info = validate_identifier(AsnType::Pns, "19860926 201505 2 001", today()).unwrap();
        assert_eq!(info.normalized, "198609262015052001");
        assert_eq!(info.birth_on, date(1986, 9, 26));
        assert_eq!(info.sex, Sex::Female);
        assert_eq!(info.appointed_year, 2015);
        assert_eq!(info.appointed_month, Some(5));
        assert!(info.warnings.is_empty());
    }

    #[test]
    fn a_valid_ni_pppk_yields_its_parts_without_a_month() {
        let info = validate_identifier(AsnType::Pppk, "19900913 2025 24 1 014", today()).unwrap();
        assert_eq!(info.normalized, "199009132025241014");
        assert_eq!(info.birth_on, date(1990, 9, 13));
        assert_eq!(info.sex, Sex::Male);
        assert_eq!(info.appointed_year, 2025);
        assert_eq!(info.appointed_month, None);
    }

    /// (case, asn type, input, expected warning codes). Today is 2025-06-15.
    const WARNING_CASES: &[(&str, AsnType, &str, &[&str])] = &[
        (
            "pns appointed on the 18th birthday month is fine",
            AsnType::Pns,
            "199001012008011001",
            &[],
        ),
        (
            "pns appointed one month before turning 18 is warned",
            AsnType::Pns,
            "199002012008011001",
            &["nip_tmt_before_age_18"],
        ),
        (
            "pns born on the 2nd and appointed on the 1st of the month they turn 18 is warned",
            AsnType::Pns,
            "199001022008011001",
            &["nip_tmt_before_age_18"],
        ),
        (
            "pns appointed before birth is warned",
            AsnType::Pns,
            "199001012000011001",
            &["nip_tmt_before_age_18"],
        ),
        (
            "pns appointed this month is not in the future",
            AsnType::Pns,
            "199001012025061001",
            &[],
        ),
        (
            "pns appointed next month is in the future",
            AsnType::Pns,
            "199001012025071001",
            &["nip_tmt_in_future"],
        ),
        (
            "pns young and in the future gets both warnings",
            AsnType::Pns,
            "201001012026011001",
            &["nip_tmt_before_age_18", "nip_tmt_in_future"],
        ),
        (
            "pppk appointed in the year they turn 18 is fine",
            AsnType::Pppk,
            "200012312018212014",
            &[],
        ),
        (
            "pppk appointed the year before they turn 18 is warned",
            AsnType::Pppk,
            "200001012017211014",
            &["nip_tmt_before_age_18"],
        ),
        (
            "pppk appointed this year is not in the future",
            AsnType::Pppk,
            "199009132025241014",
            &[],
        ),
        (
            "pppk appointed next year is in the future",
            AsnType::Pppk,
            "199009132026241014",
            &["nip_tmt_in_future"],
        ),
    ];

    #[test]
    fn every_soft_rule_case_gives_its_expected_warnings_and_stays_valid() {
        for (case, asn_type, input, expected) in WARNING_CASES {
            let info = validate_identifier(*asn_type, input, today())
                .unwrap_or_else(|e| panic!("case: {case}: unexpectedly invalid: {e:?}"));
            assert_eq!(&codes(&info.warnings), expected, "case: {case}");
        }
    }

    /// (case, recorded birth date, recorded sex, expected codes) against NIP 19860926 201505 1 001.
    type CrossCase = (
        &'static str,
        Option<(i32, u32, u32)>,
        Option<Sex>,
        &'static [&'static str],
    );

    const CROSS_CASES: &[CrossCase] = &[
        (
            "matching birth date and sex agree",
            Some((1986, 9, 26)),
            Some(Sex::Male),
            &[],
        ),
        ("nothing recorded checks nothing", None, None, &[]),
        (
            "a different birth date is a mismatch",
            Some((1986, 9, 27)),
            None,
            &["nip_birth_date_mismatch"],
        ),
        (
            "a different sex is a mismatch",
            None,
            Some(Sex::Female),
            &["nip_sex_mismatch"],
        ),
        (
            "both different are both reported",
            Some((1968, 9, 26)),
            Some(Sex::Female),
            &["nip_birth_date_mismatch", "nip_sex_mismatch"],
        ),
    ];

    #[test]
    fn every_cross_check_case_gives_its_expected_codes() {
        let info = validate_identifier(AsnType::Pns, "198609262015051001", today()).unwrap();
        for (case, birth, sex, expected) in CROSS_CASES {
            let birth = birth.map(|(y, m, d)| date(y, m, d));
            assert_eq!(
                &codes(&cross_check(&info, birth, *sex)),
                expected,
                "case: {case}"
            );
        }
    }

    const FORMAT_CASES: &[(&str, AsnType, &str, &str)] = &[
        (
            "pns groups as birth, tmt, sex, serial",
            AsnType::Pns,
            "198609262015051001",
            "19860926 201505 1 001",
        ),
        (
            "pppk groups as birth, year, contract, sex, serial",
            AsnType::Pppk,
            "199009132025242014",
            "19900913 2025 24 2 014",
        ),
        (
            "an already spaced pns nip is regrouped",
            AsnType::Pns,
            "1986 0926 2015 0510 01",
            "19860926 201505 1 001",
        ),
        (
            "a short input is returned unchanged",
            AsnType::Pns,
            "12345",
            "12345",
        ),
        (
            "a non-numeric input is returned unchanged",
            AsnType::Pns,
            "19860926201505100x",
            "19860926201505100x",
        ),
    ];

    #[test]
    fn every_format_case_gives_its_display_form() {
        for (case, asn_type, input, expected) in FORMAT_CASES {
            assert_eq!(format_spaced(*asn_type, input), *expected, "case: {case}");
        }
    }

    #[test]
    fn problems_serialise_as_code_and_message() {
        let p = IdentifierProblem::new("nip_length", "Too short.");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "nip_length", "message": "Too short."})
        );
    }
}
