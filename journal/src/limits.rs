//! The engine's limits in one place: what an entry and a search may hold.
//!
//! A leaf module (no imports from the engine) so that the error messages quoting these
//! limits and the code enforcing them read the same numbers.

use chrono::NaiveDate;

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Largest body or template field, in bytes (1 MiB: a long book chapter).
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 60;
/// Earliest date a reflection can be about.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// Latest date a reflection can be about.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most words, phrases and filters in one query.
pub const MAX_CLAUSES: usize = 32;
