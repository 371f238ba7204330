//! The engine's limits in one place: what an entry and a search may hold.
//!
//! A leaf module (no imports from the engine) so that the error messages quoting these
//! limits and the code enforcing them read the same numbers.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

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

/// Longest name on the watch list of the check for identifying details, in characters.
pub const MAX_WATCHED_NAME_CHARS: usize = 100;
/// Most names on that watch list: far more than anyone's colleagues and patients.
pub const MAX_WATCHED_NAMES: usize = 1_000;
/// Longest text a finding marked as fine may have, in characters (findings are short;
/// this only keeps a stray paste out of the journal).
pub const MAX_DISMISSED_CHARS: usize = 1_000;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most words, phrases and filters in one query.
pub const MAX_CLAUSES: usize = 32;

/// The highest revision number an entry from outside may carry (far beyond any real journal).
pub const MAX_REVISION: u32 = 1_000_000_000;

/// The earliest time an entry, a bundle or a comment from outside can say it was saved:
/// the last days of 1999, before Waymark or anything it imports from existed.
pub fn earliest_save() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + TimeDelta::days(365 * 30)
}

/// How far ahead of this computer's clock a save time may be: a day's grace for a
/// sender whose clock runs fast.
pub const CLOCK_GRACE: TimeDelta = TimeDelta::days(1);

/// A time something from outside could honestly have been saved at: not before
/// [`earliest_save`] and not after now plus [`CLOCK_GRACE`]. A time from the future
/// would make that copy win every later merge.
pub fn believable_save_time(t: DateTime<Utc>) -> bool {
    t >= earliest_save() && t <= Utc::now() + CLOCK_GRACE
}

/// Largest unsaved draft kept, as JSON bytes: room for a body and every template box at
/// their limits, so any draft that could be saved can be kept.
pub const MAX_DRAFT_BYTES: usize = 16 * 1024 * 1024;
