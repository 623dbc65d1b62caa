//! The keberatan deadline (PP 30/2019 Pasal 59; domain.md 1.10, 7.3): an employee may object
//! within N days of receiving the result. Day arithmetic only; callers supply the instants.

use chrono::{DateTime, Days, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Objection deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ObjectionPolicy {
    /// Calendar days after the day the result was received during which an objection may be
    /// submitted, that day excluded. Default 14 (PP 30/2019 Pasal 59, [H]).
    pub deadline_days: u32,
    /// Days the atasan pejabat penilai has to decide; UNVERIFIED in the regulation, so none
    /// by default.
    pub decision_days: Option<u32>,
}

impl Default for ObjectionPolicy {
    fn default() -> Self {
        Self {
            deadline_days: 14,
            decision_days: None,
        }
    }
}

/// Why an objection is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ObjectionRefused {
    /// Stable code: `objection_deadline_passed` or `objection_before_result_received`.
    pub code: &'static str,
    /// The last day on which an objection could be submitted.
    pub last_day_on: NaiveDate,
    /// Plain English sentence.
    pub message: String,
}

/// The last calendar day on which an objection may be submitted.
pub fn last_objection_day(policy: &ObjectionPolicy, received_on: NaiveDate) -> NaiveDate {
    received_on
        .checked_add_days(Days::new(u64::from(policy.deadline_days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Accepts an objection submitted no later than the last day: the day of receipt plus
/// `deadline_days` (day 14 allowed, day 15 refused). Both instants are compared as calendar
/// dates in their own time zone, so pass them in the agency's zone (WIB, WITA or WIT).
pub fn check_objection_deadline<Tz: TimeZone>(
    policy: &ObjectionPolicy,
    received_at: &DateTime<Tz>,
    submitted_at: &DateTime<Tz>,
) -> Result<(), ObjectionRefused> {
    let received_on = received_at.date_naive();
    let submitted_on = submitted_at.date_naive();
    let last_day_on = last_objection_day(policy, received_on);
    if submitted_at < received_at {
        return Err(ObjectionRefused {
            code: "objection_before_result_received",
            last_day_on,
            message: "An objection can only be made after the result has been received."
                .to_string(),
        });
    }
    if submitted_on > last_day_on {
        return Err(ObjectionRefused {
            code: "objection_deadline_passed",
            last_day_on,
            message: format!(
                "Objections must be submitted within {} days of receiving the result; the last \
                 day was {last_day_on}.",
                policy.deadline_days
            ),
        });
    }
    Ok(())
}

/// True once the objection window has closed on `now`'s calendar day, so a result without
/// objection becomes final.
pub fn objection_window_closed<Tz: TimeZone>(
    policy: &ObjectionPolicy,
    received_at: &DateTime<Tz>,
    now: &DateTime<Tz>,
) -> bool {
    now.date_naive() > last_objection_day(policy, received_at.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn wib(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
    }

    /// Result received 2025-01-10 16:00 WIB: (case, submitted at, expected refusal code).
    type Case = (
        &'static str,
        (i32, u32, u32, u32, u32),
        Option<&'static str>,
    );

    const CASES: &[Case] = &[
        (
            "submitting the same day is allowed",
            (2025, 1, 10, 17, 0),
            None,
        ),
        ("submitting on day 1 is allowed", (2025, 1, 11, 8, 0), None),
        ("submitting on day 14 is allowed", (2025, 1, 24, 9, 0), None),
        (
            "submitting late in the evening of day 14 is allowed",
            (2025, 1, 24, 23, 59),
            None,
        ),
        (
            "submitting on day 15 is refused",
            (2025, 1, 25, 0, 0),
            Some("objection_deadline_passed"),
        ),
        (
            "submitting a month later is refused",
            (2025, 2, 10, 9, 0),
            Some("objection_deadline_passed"),
        ),
        (
            "submitting before receipt is refused",
            (2025, 1, 10, 15, 0),
            Some("objection_before_result_received"),
        ),
    ];

    #[test]
    fn every_deadline_case_is_decided_by_calendar_day() {
        let policy = ObjectionPolicy::default();
        let received = wib(2025, 1, 10, 16, 0);
        for (case, (y, m, d, h, min), expected) in CASES {
            let got = check_objection_deadline(&policy, &received, &wib(*y, *m, *d, *h, *min));
            assert_eq!(got.err().map(|e| e.code), *expected, "case: {case}");
        }
    }

    #[test]
    fn a_refusal_names_the_last_day() {
        let err = check_objection_deadline(
            &ObjectionPolicy::default(),
            &wib(2025, 1, 10, 16, 0),
            &wib(2025, 1, 25, 9, 0),
        )
        .unwrap_err();
        assert_eq!(
            err.last_day_on,
            NaiveDate::from_ymd_opt(2025, 1, 24).unwrap()
        );
        assert!(
            err.message.contains("14 days") && err.message.contains("2025-01-24"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_deadline_is_configurable() {
        let policy = ObjectionPolicy {
            deadline_days: 7,
            decision_days: None,
        };
        let received = wib(2025, 1, 10, 16, 0);
        assert!(check_objection_deadline(&policy, &received, &wib(2025, 1, 17, 9, 0)).is_ok());
        assert!(check_objection_deadline(&policy, &received, &wib(2025, 1, 18, 9, 0)).is_err());
    }

    #[test]
    fn the_window_closes_after_the_last_day() {
        let policy = ObjectionPolicy::default();
        let received = wib(2025, 1, 10, 16, 0);
        assert!(!objection_window_closed(
            &policy,
            &received,
            &wib(2025, 1, 24, 23, 59)
        ));
        assert!(objection_window_closed(
            &policy,
            &received,
            &wib(2025, 1, 25, 0, 0)
        ));
    }

    #[test]
    fn the_window_spans_a_month_end() {
        let last = last_objection_day(
            &ObjectionPolicy::default(),
            NaiveDate::from_ymd_opt(2024, 2, 20).unwrap(),
        );
        assert_eq!(last, NaiveDate::from_ymd_opt(2024, 3, 5).unwrap());
    }
}
