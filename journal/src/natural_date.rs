//! Dates as people say them at a terminal: `today`, `yesterday`, `friday`, `last
//! friday`, `3 days ago`, beside `YYYY-MM-DD`.
//!
//! A pure function of the words and the day it is: the caller supplies "today" (the
//! terminal its local date, tests a fixed day), so nothing here reads the clock.

use crate::error::ValidationError;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Parses a day a leader typed, as an ISO date (`2026-03-04`) or in words relative to
/// `today`, within the accepted range.
///
/// - `today`, `yesterday`;
/// - a day of the week (`friday`, `fri`): the latest one, today included, never one
///   still to come;
/// - `last friday`: the latest one before today (a week ago when today is Friday);
/// - `3 days ago`, `1 day ago`, `2 weeks ago`.
///
/// Case and extra spaces do not matter. Anything else is
/// [`ValidationError::NotADay`], whose message lists what is accepted.
///
/// ```
/// use chrono::NaiveDate;
/// use waymark_journal::validate::parse_day;
/// let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(); // a Wednesday
/// assert_eq!(parse_day("yesterday", today).unwrap().to_string(), "2026-03-03");
/// assert_eq!(parse_day("last friday", today).unwrap().to_string(), "2026-02-27");
/// assert_eq!(parse_day("3 days ago", today).unwrap().to_string(), "2026-03-01");
/// assert_eq!(parse_day("2026-01-31", today).unwrap().to_string(), "2026-01-31");
/// assert!(parse_day("next tuesday", today).is_err());
/// ```
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let not_a_day = || ValidationError::NotADay {
        text: text.trim().chars().take(40).collect(),
    };
    let day = match words.as_slice() {
        // Digits first: an ISO date keeps the engine's own checks and messages
        // (2026-02-30 is "not a date", 1066-10-14 "outside the dates").
        [iso] if iso.starts_with(|c: char| c.is_ascii_digit()) => {
            return crate::validate::parse_date(iso).map_err(|e| match e {
                ValidationError::BadDate { .. } => not_a_day(),
                other => other,
            });
        }
        ["today"] => Some(today),
        ["yesterday"] => today.checked_sub_days(Days::new(1)),
        [weekday] => weekday
            .parse::<Weekday>()
            .ok()
            .and_then(|w| latest(w, today, 0)),
        ["last", weekday] => weekday
            .parse::<Weekday>()
            .ok()
            .and_then(|w| latest(w, today, 1)),
        [count, unit, "ago"] => count
            .parse::<u32>()
            .ok()
            .and_then(|n| days_in(n, unit))
            .and_then(|days| today.checked_sub_days(Days::new(days))),
        _ => None,
    }
    .ok_or_else(not_a_day)?;
    if day < crate::limits::MIN_DATE || day > crate::limits::MAX_DATE {
        return Err(ValidationError::DateOutOfRange { date: day });
    }
    Ok(day)
}

/// The latest `weekday` at least `skip` days before `today` (0: today may be it).
fn latest(weekday: Weekday, today: NaiveDate, skip: u64) -> Option<NaiveDate> {
    let start = today.checked_sub_days(Days::new(skip))?;
    let back = (7 + start.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    start.checked_sub_days(Days::new(u64::from(back)))
}

/// How many days `n` of `unit` (`day`/`days`, `week`/`weeks`) make.
fn days_in(n: u32, unit: &str) -> Option<u64> {
    let per = match unit {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    u64::from(n).checked_mul(per)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday 4 March 2026: every test counts from this day, never the clock.
    fn today() -> NaiveDate {
        day(2026, 3, 4)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("not a day: {y}-{m}-{d}"))
    }

    fn parsed(text: &str) -> NaiveDate {
        parse_day(text, today()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn today_yesterday_and_iso_dates() {
        assert_eq!(parsed("today"), today());
        assert_eq!(parsed("  Today "), today());
        assert_eq!(parsed("yesterday"), day(2026, 3, 3));
        assert_eq!(parsed("2025-12-31"), day(2025, 12, 31));
        assert_eq!(
            parse_day("yesterday", day(2026, 1, 1)),
            Ok(day(2025, 12, 31))
        );
    }

    #[test]
    fn a_weekday_is_the_latest_one_and_never_in_the_future() {
        assert_eq!(parsed("friday"), day(2026, 2, 27));
        assert_eq!(parsed("Fri"), day(2026, 2, 27));
        assert_eq!(parsed("tuesday"), day(2026, 3, 3));
        // Today is Wednesday: "wednesday" is today, "last wednesday" a week ago.
        assert_eq!(parsed("wednesday"), today());
        assert_eq!(parsed("last wednesday"), day(2026, 2, 25));
        assert_eq!(parsed("last  Friday"), day(2026, 2, 27));
        assert_eq!(parsed("last thursday"), day(2026, 2, 26));
        assert_eq!(parsed("last tuesday"), day(2026, 3, 3));
    }

    #[test]
    fn days_and_weeks_ago() {
        assert_eq!(parsed("3 days ago"), day(2026, 3, 1));
        assert_eq!(parsed("1 day ago"), day(2026, 3, 3));
        assert_eq!(parsed("0 days ago"), today());
        assert_eq!(parsed("2 weeks ago"), day(2026, 2, 18));
    }

    #[test]
    fn anything_else_is_refused_with_what_is_accepted() {
        for bad in [
            "",
            "tomorrow",
            "next friday",
            "last",
            "friyay",
            "-3 days ago",
            "3 months ago",
            "04/03/2026",
            "4294967295 weeks ago",
        ] {
            let error = parse_day(bad, today()).expect_err(bad);
            assert!(
                matches!(error, ValidationError::NotADay { .. }),
                "{bad}: {error:?}"
            );
            let message = error.to_string();
            for form in [
                "YYYY-MM-DD",
                "today",
                "yesterday",
                "last friday",
                "3 days ago",
            ] {
                assert!(message.contains(form), "{message}");
            }
        }
    }

    #[test]
    fn dates_outside_the_range_keep_their_own_message() {
        assert!(matches!(
            parse_day("1066-10-14", today()),
            Err(ValidationError::DateOutOfRange { .. })
        ));
        assert!(matches!(
            parse_day("100000 days ago", today()),
            Err(ValidationError::DateOutOfRange { .. })
        ));
        assert!(matches!(
            parse_day("2026-02-30", today()),
            Err(ValidationError::NotADay { .. })
        ));
    }
}
