//! Why a growth question could not be answered.

use chrono::NaiveDate;
use thiserror::Error;

/// Why a growth question could not be answered.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum StatsError {
    /// The period is not one Waymark groups by.
    #[error("'{0}' is not a period; use week, month or quarter")]
    UnknownPeriod(String),
    /// The span of time is not one Growth offers.
    #[error("'{0}' is not a span of time; use 12m, 3y or all")]
    UnknownSpan(String),
    /// The start of the date range comes after its end.
    #[error("the date range is backwards: {from} comes after {to}")]
    BackwardsRange {
        /// Start of the range asked for.
        from: NaiveDate,
        /// End of the range asked for.
        to: NaiveDate,
    },
}
