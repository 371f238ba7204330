//! The one fixed "today" the tests make their demo journals against, so that no test
//! depends on the day it runs.

use chrono::NaiveDate;
use thiserror::Error;
use waymark_journal::validate::{ValidationError, parse_date};

/// The environment variable that moves [`test_today`], to run the whole suite as if
/// its demo journals had been made on another day: `WAYMARK_TEST_TODAY=2026-12-01`.
pub const TEST_TODAY_ENV: &str = "WAYMARK_TEST_TODAY";

/// The day tests make demo journals against unless [`TEST_TODAY_ENV`] names another:
/// the middle of a month and of a year, away from every edge a test could trip on.
pub const TEST_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 6, 15) {
    Some(day) => day,
    // Unreachable: the day above exists. A const cannot unwrap.
    None => NaiveDate::MIN,
};

/// [`TEST_TODAY_ENV`] is set to something that is not a day Waymark accepts.
#[derive(Debug, Error)]
#[error("{TEST_TODAY_ENV} does not name a day the tests can use: {0}")]
pub struct TestTodayError(#[from] ValidationError);

/// The "today" of every demo journal a test makes: [`TEST_TODAY`], or the day
/// [`TEST_TODAY_ENV`] names (YYYY-MM-DD).
///
/// ```
/// let today = waymark_sample::test_today()?;
/// let demo: Vec<_> = waymark_sample::drafts(10, 42, today).collect();
/// assert!(demo.iter().all(|d| d.date <= today));
/// # Ok::<(), waymark_sample::TestTodayError>(())
/// ```
pub fn test_today() -> Result<NaiveDate, TestTodayError> {
    read(std::env::var_os(TEST_TODAY_ENV).map(|v| v.to_string_lossy().into_owned()))
}

/// [`test_today`] from the variable's value, when set.
fn read(value: Option<String>) -> Result<NaiveDate, TestTodayError> {
    match value {
        Some(text) if !text.trim().is_empty() => Ok(parse_date(&text)?),
        _ => Ok(TEST_TODAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_day_unless_the_variable_names_a_real_one() {
        assert_eq!(TEST_TODAY.to_string(), "2026-06-15");
        assert_eq!(read(None).ok(), Some(TEST_TODAY));
        assert_eq!(read(Some(" ".into())).ok(), Some(TEST_TODAY));
        let first = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert_eq!(read(Some("2026-12-01".into())).ok(), first);
        let err = read(Some("2026-02-30".into())).map_or_else(|e| e.to_string(), |d| d.to_string());
        assert!(
            err.starts_with("WAYMARK_TEST_TODAY does not name a day"),
            "{err}"
        );
    }
}
