//! Short ids, as git abbreviates commits: the fewest characters (at least
//! [`MIN_SHORT_ID`]) that pick out one entry of a journal.
//!
//! A UUIDv7 begins with its time, so ids written close together share their first
//! eight or more characters: a prefix of the id itself is a poor abbreviation. The
//! short id is instead a prefix of the id's *short form*: its last 8 hex digits (random
//! in every UUIDv7 this crate makes), then the 8 before them (a counter reseeded at
//! random each millisecond, so these differ too when two ids' last 8 digits meet), then
//! the first 16 (the time). The form holds every digit of
//! the id, so two ids always differ somewhere in it, and it comes from the id alone: a
//! short id means the same entry after the entry is shared, exported or imported
//! (though one journal may need more characters than another to tell it apart).
//!
//! ```
//! use waymark_journal::{EntryId, short_id};
//! let id: EntryId = "0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70".parse()?;
//! assert_eq!(short_id::form(id), "4d5e6f708a112b3c0192f0c17f3a7cde");
//! # Ok::<(), uuid::Error>(())
//! ```

use crate::error::{IdCandidate, JournalError, Result};
use crate::journal::Journal;
use crate::model::EntryId;

/// The fewest characters a short id is shown with, and accepted from.
pub const MIN_SHORT_ID: usize = 4;

/// Hex digits in a whole id (and in its short form).
const DIGITS: usize = 32;

/// How many candidates an ambiguous id's error lists.
const CANDIDATES_SHOWN: usize = 10;

const LOW_32: u128 = 0xffff_ffff;
const LOW_64: u128 = 0xffff_ffff_ffff_ffff;

/// The id's short form as a number: of its 128 bits, the last 32, then the 32 before
/// them, then the first 64.
fn form_bits(id: EntryId) -> u128 {
    let x = id.0.as_u128();
    ((x & LOW_32) << 96) | (((x >> 32) & LOW_32) << 64) | (x >> 64)
}

/// The id whose short form is `bits` (the inverse of [`form_bits`]).
fn id_of(bits: u128) -> EntryId {
    let x = ((bits & LOW_64) << 64) | (((bits >> 64) & LOW_32) << 32) | (bits >> 96);
    EntryId(uuid::Uuid::from_u128(x))
}

/// The id's short form: 32 lowercase hex digits, of which a short id is a prefix.
pub fn form(id: EntryId) -> String {
    format!("{:032x}", form_bits(id))
}

/// How many leading hex digits two short forms share.
fn shared_digits(a: u128, b: u128) -> usize {
    // leading_zeros is at most 128, so this is at most 32.
    usize::try_from((a ^ b).leading_zeros() / 4).unwrap_or(DIGITS)
}

/// Every id of one journal by short form, sorted, so an id's shortest unique prefix
/// is one digit more than it shares with either neighbour.
///
/// ```
/// use waymark_journal::{EntryDraft, Journal, Template};
/// let journal = Journal::open_in_memory()?;
/// let entry = journal.create(EntryDraft {
///     title: "Hosting the forum".into(),
///     body: "Notes.".into(),
///     template: Template::Free,
///     fields: Default::default(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
///     tags: vec![],
///     labels: vec![],
///     starred: false,
///     code: vec![],
/// })?;
/// let short = journal.short_ids()?.short(entry.id);
/// assert_eq!(short.len(), 4);
/// assert_eq!(journal.resolve_id(&short)?, entry.id);
/// # Ok::<(), waymark_journal::JournalError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ShortIds {
    forms: Vec<u128>,
}

impl ShortIds {
    /// The short forms of `ids`.
    pub fn of(ids: impl IntoIterator<Item = EntryId>) -> ShortIds {
        let mut forms: Vec<u128> = ids.into_iter().map(form_bits).collect();
        forms.sort_unstable();
        forms.dedup();
        ShortIds { forms }
    }

    /// How many characters pick out `id` among these: at least [`MIN_SHORT_ID`], at
    /// most 32. An id not among them gets what would pick it out if it were.
    pub fn len_of(&self, id: EntryId) -> usize {
        let bits = form_bits(id);
        let at = self.forms.partition_point(|f| *f < bits);
        let before = at.checked_sub(1).and_then(|i| self.forms.get(i));
        // The id itself, if present, is at `at`: its neighbour above is one further.
        let after = match self.forms.get(at) {
            Some(f) if *f == bits => self.forms.get(at + 1),
            other => other,
        };
        let shared = [before, after]
            .into_iter()
            .flatten()
            .map(|f| shared_digits(*f, bits))
            .max()
            .unwrap_or(0);
        (shared + 1).clamp(MIN_SHORT_ID, DIGITS)
    }

    /// The short id to show for `id`: the first [`ShortIds::len_of`] digits of its form.
    pub fn short(&self, id: EntryId) -> String {
        let mut text = form(id);
        text.truncate(self.len_of(id));
        text
    }

    /// Ids whose short form starts with `digits` (lowercase hex, at most 32), in
    /// short-form order.
    fn starting_with(&self, digits: &str) -> Vec<EntryId> {
        let Ok(value) = u128::from_str_radix(digits, 16) else {
            return Vec::new();
        };
        // The prefix fills the top 4 × len bits; every form in [low, high] starts with it.
        let free_bits = u32::try_from(4 * (DIGITS - digits.len().min(DIGITS))).unwrap_or(0);
        let (low, high) = match free_bits {
            0 => (value, value),
            128 => (0, u128::MAX),
            n => (value << n, (value << n) | ((1u128 << n) - 1)),
        };
        let start = self.forms.partition_point(|f| *f < low);
        self.forms[start..]
            .iter()
            .take_while(|f| **f <= high)
            .map(|f| id_of(*f))
            .collect()
    }
}

/// The hex digits of an id as typed, hyphens dropped and lowercased; `None` if
/// anything else is in it.
fn digits_of(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    digits
        .chars()
        .all(|c| c.is_ascii_hexdigit())
        .then_some(digits)
}

/// The prefix of a hyphenated id that these leading digits of it make (hyphens after
/// the 8th, 12th, 16th and 20th digit), for looking ids up by how they are stored.
fn hyphenated(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    out
}

/// Shortest prefix of an id's own start accepted (ids written the same minute share
/// more than this; it is kept for ids copied from older output).
const MIN_PREFIX: usize = 8;

impl Journal {
    /// The short forms of every id in this journal (the bin included, since its
    /// entries can be named too), for showing short ids with [`ShortIds::short`].
    pub fn short_ids(&self) -> Result<ShortIds> {
        Ok(ShortIds::of(self.store.every_id()?))
    }

    /// The entry id a leader typed: a whole id (with or without hyphens), a short id
    /// (the start of its short form, [`MIN_SHORT_ID`] or more characters, as `list`
    /// shows it), or the first 8 or more characters of the whole id.
    ///
    /// Text that picks out more than one entry is [`JournalError::AmbiguousId`], which
    /// lists them.
    pub fn resolve_id(&self, text: &str) -> Result<EntryId> {
        let text = text.trim();
        if let Ok(id) = text.parse::<EntryId>() {
            // Checked so a well-formed id of nothing is reported as such at once.
            return self.store.get(id).map(|e| e.id);
        }
        let digits = match digits_of(text) {
            Some(d) if (MIN_SHORT_ID..DIGITS).contains(&d.len()) => d,
            _ => return Err(JournalError::BadId(text.chars().take(60).collect())),
        };
        let shorts = self.short_ids()?;
        let mut found = shorts.starting_with(&digits);
        if digits.len() >= MIN_PREFIX {
            for id in self
                .store
                .ids_with_prefix(&hyphenated(&digits), CANDIDATES_SHOWN + 1)?
            {
                if !found.contains(&id) {
                    found.push(id);
                }
            }
        }
        match found.as_slice() {
            [id] => Ok(*id),
            [] => Err(JournalError::NoSuchId(digits)),
            _ => Err(JournalError::AmbiguousId {
                typed: digits,
                more: found.len().saturating_sub(CANDIDATES_SHOWN),
                candidates: self.candidates(&shorts, &found, None),
            }),
        }
    }

    /// The entries `ids` (the first few) as an ambiguous id's error lists them: by
    /// short id, date and title, with whose journal they are in when it is not this one.
    pub(crate) fn candidates(
        &self,
        shorts: &ShortIds,
        ids: &[EntryId],
        journal: Option<&str>,
    ) -> Vec<IdCandidate> {
        ids.iter()
            .take(CANDIDATES_SHOWN)
            // An entry purged meanwhile is left out rather than failing the message.
            .filter_map(|id| self.store.get(*id).ok())
            .map(|entry| IdCandidate {
                short: shorts.short(entry.id),
                date: entry.draft.date,
                title: entry.draft.title,
                journal: journal.map(str::to_owned),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> EntryId {
        text.parse().unwrap_or_default()
    }

    #[test]
    fn the_form_starts_with_the_last_eight_digits_and_holds_all_of_them() {
        let a = id("0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70");
        assert_eq!(form(a), "4d5e6f708a112b3c0192f0c17f3a7cde");
        assert_eq!(id_of(form_bits(a)), a);
    }

    #[test]
    fn ids_made_the_same_millisecond_still_differ_within_a_few_characters() {
        // Same time and counter prefix; only the random last digits differ.
        let a = id("0192f0c1-7f3a-7cde-8a11-2b3c12345678");
        let b = id("0192f0c1-7f3a-7cde-8a11-2b3c12346678");
        let c = id("0192f0c1-7f3a-7cde-8a11-2b3cabcdef01");
        let shorts = ShortIds::of([a, b, c]);
        assert_eq!(shorts.short(a), "12345");
        assert_eq!(shorts.short(b), "12346");
        assert_eq!(shorts.short(c), "abcd");
    }

    #[test]
    fn ids_alike_in_their_last_eight_digits_are_told_apart_by_the_counter_before_them() {
        let a = id("0192f0c1-7f3a-7cde-8a11-2b3c12345678");
        let b = id("0192f0c1-7f3a-7cde-8a12-2b3c12345678");
        let shorts = ShortIds::of([a, b]);
        assert_eq!(shorts.short(a), "123456788a11");
        assert_eq!(shorts.short(b), "123456788a12");
        // Alike there too (the same millisecond and counter): the time tells them apart.
        let c = id("0192f0c2-7f3a-7cde-8a11-2b3c12345678");
        assert_eq!(ShortIds::of([a, c]).short(c), "123456788a112b3c0192f0c2");
    }

    #[test]
    fn a_prefix_finds_every_form_that_starts_with_it() {
        let a = id("0192f0c1-7f3a-7cde-8a11-2b3c12345678");
        let b = id("0192f0c1-7f3a-7cde-8a11-2b3c12395678");
        let shorts = ShortIds::of([a, b]);
        assert_eq!(shorts.starting_with("123"), [a, b]);
        assert_eq!(shorts.starting_with("1239"), [b]);
        assert_eq!(shorts.starting_with("ffff"), []);
        assert_eq!(shorts.starting_with(&form(a)), [a]);
    }

    #[test]
    fn the_hyphens_of_a_stored_id_go_back_where_they_were() {
        assert_eq!(hyphenated("01a23347ea2b73bf"), "01a23347-ea2b-73bf");
        assert_eq!(hyphenated("01a2334"), "01a2334");
        assert_eq!(digits_of("01A2-33"), Some("01a233".into()));
        assert_eq!(digits_of("01a2 33"), None);
    }

    #[test]
    fn a_lone_id_is_shown_with_the_fewest_characters() {
        let a = id("0192f0c1-7f3a-7cde-8a11-2b3c12345678");
        assert_eq!(ShortIds::of([a]).short(a), "1234");
        assert_eq!(ShortIds::default().len_of(a), MIN_SHORT_ID);
    }
}
