//! A check for details that may identify someone in a reflection.
//!
//! Professional guidance (the GMC's and the NMC's) asks that reflections be
//! anonymised: no patient, carer or colleague should be identifiable from them. This
//! module finds what most often gives someone away (NHS and CHI numbers, dates of
//! birth, ages, postcodes, phone numbers, email addresses, hospital numbers, names
//! after a title, and the names a leader asks to watch for) so the editor can point
//! at it and a shared or exported copy can leave it out.
//!
//! It is a pure function of the text: [`find`] never touches a journal. What the
//! journal adds (the watch list, findings marked as fine, whole entries with their
//! comments) is in `check.rs`.
//!
//! The rules lean towards flagging: a leader can mark a finding as fine once, while a
//! missed NHS number goes wherever the reflection goes. They are still kept tight
//! enough that ordinary reflective writing (meeting dates, "a 10-year plan", "room
//! 101", "NHS E1") is left alone, since a check that cries wolf stops being read.
//!
//! ```
//! use waymark_journal::identifiers::{find, redact, IdentifierKind};
//! let text = "Mrs Patel (NHS number 943 476 5919) rang from SW1A 1AA.";
//! let spans = find(text, &[]);
//! let kinds: Vec<IdentifierKind> = spans.iter().map(|s| s.kind).collect();
//! assert_eq!(
//!     kinds,
//!     [IdentifierKind::TitledName, IdentifierKind::NhsNumber, IdentifierKind::Postcode]
//! );
//! assert_eq!(
//!     redact(text, &spans),
//!     "[name removed] (NHS number [NHS number removed]) rang from [postcode removed]."
//! );
//! ```

mod age;
mod birth;
pub(crate) mod check;
mod email;
mod hospital;
mod in_journal;
mod names;
mod nhs;
mod phone;
mod postcode;
mod watch;

pub use check::{BODY_FIELD, COMMENT_FIELD_PREFIX, FieldSpans, Finding, LABELS_FIELD, TITLE_FIELD};
pub use in_journal::{Redacted, RedactionPlan};
pub(crate) use watch::WatchList;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;
use ts_rs::TS;

/// What kind of identifying detail a [`Span`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum IdentifierKind {
    /// An NHS number (England, Wales, Northern Ireland): ten digits with a valid check digit.
    NhsNumber,
    /// A Scottish CHI number: a date of birth (DDMMYY) and four digits, the last a check digit.
    ChiNumber,
    /// A date written near "born", "DOB", "date of birth", "birthday" or "aged".
    DateOfBirth,
    /// A person's age ("a 67-year-old man", "aged 67", "67yo").
    Age,
    /// A full UK postcode ("SW1A 1AA").
    Postcode,
    /// A UK phone number, mobile or landline.
    PhoneNumber,
    /// An email address.
    Email,
    /// A hospital, unit or case number, or an MRN, after the words that name it.
    HospitalNumber,
    /// A name after a title ("Mrs Patel", "Dr. Jane Smith").
    TitledName,
    /// One of the names the leader asked to watch for.
    WatchedName,
}

impl IdentifierKind {
    /// Every kind, in the order they are listed to a leader.
    pub const ALL: [IdentifierKind; 10] = [
        IdentifierKind::NhsNumber,
        IdentifierKind::ChiNumber,
        IdentifierKind::DateOfBirth,
        IdentifierKind::Age,
        IdentifierKind::Postcode,
        IdentifierKind::PhoneNumber,
        IdentifierKind::Email,
        IdentifierKind::HospitalNumber,
        IdentifierKind::TitledName,
        IdentifierKind::WatchedName,
    ];

    /// The kind's name as stored and sent to the desktop ("nhs-number", "watched-name").
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::NhsNumber => "nhs-number",
            IdentifierKind::ChiNumber => "chi-number",
            IdentifierKind::DateOfBirth => "date-of-birth",
            IdentifierKind::Age => "age",
            IdentifierKind::Postcode => "postcode",
            IdentifierKind::PhoneNumber => "phone-number",
            IdentifierKind::Email => "email",
            IdentifierKind::HospitalNumber => "hospital-number",
            IdentifierKind::TitledName => "titled-name",
            IdentifierKind::WatchedName => "watched-name",
        }
    }

    /// Why this was flagged, in a sentence a leader understands (shown on hover).
    pub fn reason(self) -> &'static str {
        match self {
            IdentifierKind::NhsNumber => {
                "This looks like an NHS number: ten digits whose check digit is valid."
            }
            IdentifierKind::ChiNumber => {
                "This looks like a Scottish CHI number: a date of birth followed by four digits, with a valid check digit."
            }
            IdentifierKind::DateOfBirth => {
                "This looks like someone's date of birth: a date written just after words such as \"born\" or \"DOB\"."
            }
            IdentifierKind::Age => {
                "This gives someone's age. With other details, an age can make a person recognisable."
            }
            IdentifierKind::Postcode => {
                "This looks like a full postcode, which can point to a single street or building."
            }
            IdentifierKind::PhoneNumber => "This looks like a UK phone number.",
            IdentifierKind::Email => "This looks like an email address.",
            IdentifierKind::HospitalNumber => {
                "This looks like a hospital or patient record number (an MRN, unit or case number)."
            }
            IdentifierKind::TitledName => {
                "This looks like a person's name after a title such as Mrs or Dr."
            }
            IdentifierKind::WatchedName => {
                "This is one of the names you asked Waymark to watch for."
            }
        }
    }

    /// What takes the detail's place in a redacted copy ("[NHS number removed]").
    pub fn redaction(self) -> &'static str {
        match self {
            IdentifierKind::NhsNumber => "[NHS number removed]",
            IdentifierKind::ChiNumber => "[CHI number removed]",
            IdentifierKind::DateOfBirth => "[date of birth removed]",
            IdentifierKind::Age => "[age removed]",
            IdentifierKind::Postcode => "[postcode removed]",
            IdentifierKind::PhoneNumber => "[phone number removed]",
            IdentifierKind::Email => "[email address removed]",
            IdentifierKind::HospitalNumber => "[hospital number removed]",
            IdentifierKind::TitledName | IdentifierKind::WatchedName => "[name removed]",
        }
    }

    /// Which of two overlapping findings is kept: the lower number. The most specific
    /// rules come first, so a valid NHS number is never reported as a phone number,
    /// nor a date of birth as an age. The two name kinds rank together: the longer
    /// span wins, so "Dr Aisha Khan" is removed whole when "Aisha" is watched.
    fn rank(self) -> u8 {
        match self {
            IdentifierKind::NhsNumber | IdentifierKind::ChiNumber => 0,
            IdentifierKind::Email => 1,
            IdentifierKind::HospitalNumber => 2,
            IdentifierKind::DateOfBirth => 3,
            IdentifierKind::PhoneNumber => 4,
            IdentifierKind::Postcode => 5,
            IdentifierKind::Age => 6,
            IdentifierKind::TitledName | IdentifierKind::WatchedName => 7,
        }
    }
}

impl fmt::Display for IdentifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names no [`IdentifierKind`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "'{0}' is not a kind of identifying detail; the kinds are nhs-number, chi-number, date-of-birth, age, postcode, phone-number, email, hospital-number, titled-name and watched-name"
)]
pub struct UnknownKind(pub String);

impl FromStr for IdentifierKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        IdentifierKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == wanted)
            .ok_or_else(|| UnknownKind(s.trim().chars().take(40).collect()))
    }
}

/// One identifying detail found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Span {
    /// What it looks like.
    pub kind: IdentifierKind,
    /// Where it starts, in characters (Unicode scalar values, not bytes and not
    /// UTF-16 units) from the start of the text.
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// The text found.
    pub text: String,
}

/// A finding while the rules run: byte offsets into the text, which is what the regex
/// crate and string slicing use; [`find`] turns them into characters once at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    kind: IdentifierKind,
    start: usize,
    end: usize,
}

impl Hit {
    fn new(kind: IdentifierKind, start: usize, end: usize) -> Hit {
        Hit { kind, start, end }
    }
}

/// Every identifying detail in `text`, sorted by start and never overlapping.
///
/// `watch` holds names to look for as whole words, ignoring case (colleagues, patients,
/// anyone the leader wants kept out); blank names are ignored.
///
/// Where two rules find overlapping text, one span covering both is reported, of the
/// more specific kind (an NHS number over a phone number, a date of birth over an age),
/// so redacting the spans never leaves half a detail behind.
pub fn find(text: &str, watch: &[String]) -> Vec<Span> {
    find_with(text, &WatchList::new(watch))
}

/// [`find`] with the watch list already prepared, for checking many texts.
pub(crate) fn find_with(text: &str, watch: &WatchList) -> Vec<Span> {
    find_except(text, watch, &|_, _| false)
}

/// [`find_with`], leaving out what `fine` says was marked as fine (by kind and text).
///
/// Asked of each rule's finding before overlapping ones are joined, so marking one
/// kind as fine does not hide another found in the same words ("Dr Foster" fine as a
/// titled name is still reported when "Foster" is watched), and of each joined span.
pub(crate) fn find_except(
    text: &str,
    watch: &WatchList,
    fine: &dyn Fn(IdentifierKind, &str) -> bool,
) -> Vec<Span> {
    let mut hits = Vec::new();
    nhs::find(text, &mut hits);
    birth::find(text, &mut hits);
    age::find(text, &mut hits);
    postcode::find(text, &mut hits);
    phone::find(text, &mut hits);
    email::find(text, &mut hits);
    hospital::find(text, &mut hits);
    names::find(text, &mut hits);
    watch.find(text, &mut hits);
    hits.retain(|h| !text.get(h.start..h.end).is_some_and(|t| fine(h.kind, t)));
    let mut spans = to_spans(text, merge(hits));
    spans.retain(|s| !fine(s.kind, &s.text));
    spans
}

/// Joins overlapping hits into one, of the best-ranked kind among them (the longer
/// one's kind when they rank alike); the result is sorted and non-overlapping.
fn merge(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    // The hit whose kind the current group carries, to compare the next one with.
    let mut best: Option<Hit> = None;
    for hit in hits {
        match (out.last_mut(), best) {
            (Some(group), Some(leader)) if hit.start < group.end => {
                group.end = group.end.max(hit.end);
                let better = hit.kind.rank() < leader.kind.rank()
                    || (hit.kind.rank() == leader.kind.rank()
                        && hit.end - hit.start > leader.end - leader.start);
                if better {
                    group.kind = hit.kind;
                    best = Some(hit);
                }
            }
            _ => {
                out.push(hit);
                best = Some(hit);
            }
        }
    }
    out
}

/// Turns sorted, non-overlapping byte ranges into character spans in one pass.
fn to_spans(text: &str, hits: Vec<Hit>) -> Vec<Span> {
    let mut byte = 0;
    let mut chars = 0;
    let mut at = |to: usize| {
        chars += text.get(byte..to).map_or(0, |s| s.chars().count());
        byte = to;
        chars
    };
    hits.into_iter()
        .filter_map(|hit| {
            let found = text.get(hit.start..hit.end)?;
            let start = at(hit.start);
            let end = at(hit.end);
            Some(Span {
                kind: hit.kind,
                start,
                end,
                text: found.to_owned(),
            })
        })
        .collect()
}

/// `text` with each span replaced by its kind's [`IdentifierKind::redaction`].
///
/// Spans are character offsets as [`find`] gives them; ones that overlap an earlier
/// span or run past the end of the text are applied only as far as they can be.
pub fn redact(text: &str, spans: &[Span]) -> String {
    let mut sorted: Vec<&Span> = spans.iter().filter(|s| s.start < s.end).collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut position = 0;
    for span in sorted {
        if span.end <= position {
            continue;
        }
        let start = span.start.max(position);
        out.extend(chars.by_ref().take(start - position));
        // Dropping the span's characters, however many of them the text still has.
        chars.by_ref().take(span.end - start).for_each(drop);
        out.push_str(span.kind.redaction());
        position = span.end;
    }
    out.extend(chars);
    out
}

/// The number of characters between two byte offsets of `text` (0 when they are not
/// both on character boundaries).
fn chars_between(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |s| s.chars().count())
}

/// The text just before byte `at`, at most `max` characters of it.
fn before(text: &str, at: usize, max: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let from = head
        .char_indices()
        .rev()
        .take(max)
        .last()
        .map_or(head.len(), |(i, _)| i);
    &head[from..]
}

/// The text just after byte `at`, at most `max` characters of it.
fn after(text: &str, at: usize, max: usize) -> &str {
    let tail = text.get(at..).unwrap_or("");
    let to = tail.char_indices().nth(max).map_or(tail.len(), |(i, _)| i);
    &tail[..to]
}

/// Whether `gap` (the text between a clue and what it points at) runs past the end of
/// a sentence or a line, after which the clue no longer speaks of it.
fn crosses_sentence(gap: &str) -> bool {
    gap.contains('\n')
        || gap
            .char_indices()
            .any(|(i, c)| matches!(c, '.' | '!' | '?' | ';') && gap[i + 1..].starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(IdentifierKind, String)> {
        find(text, &[])
            .into_iter()
            .map(|s| (s.kind, s.text))
            .collect()
    }

    #[test]
    fn kinds_round_trip_through_their_names_and_serde() {
        for kind in IdentifierKind::ALL {
            assert_eq!(kind.as_str().parse::<IdentifierKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert!(kind.reason().ends_with('.'));
            assert!(kind.redaction().starts_with('[') && kind.redaction().ends_with("removed]"));
        }
        assert_eq!(" NHS-Number ".parse(), Ok(IdentifierKind::NhsNumber));
        let err = "passport".parse::<IdentifierKind>().err();
        assert!(err.is_some_and(|e| e.to_string().starts_with("'passport' is not a kind")));
    }

    #[test]
    fn spans_are_character_offsets() {
        let text = "Café notes: Mrs Patel — 943 476 5919.";
        let spans = find(text, &[]);
        assert_eq!(spans.len(), 2);
        let chars: Vec<char> = text.chars().collect();
        for span in &spans {
            let slice: String = chars[span.start..span.end].iter().collect();
            assert_eq!(slice, span.text);
        }
        assert_eq!((spans[0].start, spans[0].end), (12, 21));
        assert_eq!((spans[1].start, spans[1].end), (24, 36));
    }

    #[test]
    fn overlapping_hits_become_one_span_of_the_more_specific_kind() {
        // Ten digits that pass the NHS check could also be read as a landline.
        assert_eq!(
            kinds("ring 0101701233 today"),
            [(IdentifierKind::ChiNumber, "0101701233".into())]
        );
        // A watched first name inside a titled name: the whole name goes.
        let spans = find("I spoke with Dr Aisha Khan.", &["aisha".into()]);
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].text, "Dr Aisha Khan");
        assert_eq!(spans[0].kind, IdentifierKind::TitledName);
        // A watched name inside an email address is part of the address.
        let spans = find("mail tom.reed@nhs.net", &["Tom".into()]);
        assert_eq!(
            spans.iter().map(|s| s.kind).collect::<Vec<_>>(),
            [IdentifierKind::Email]
        );
    }

    #[test]
    fn redact_replaces_each_span_and_keeps_the_rest() {
        let text = "é Mrs Patel, DOB 17/11/1958, lives at B33 8TH.";
        let spans = find(text, &[]);
        assert_eq!(
            redact(text, &spans),
            "é [name removed], DOB [date of birth removed], lives at [postcode removed]."
        );
        assert_eq!(redact(text, &[]), text);
        // Spans past the end, empty or overlapping do no harm.
        let odd = [
            Span {
                kind: IdentifierKind::Age,
                start: 2,
                end: 5,
                text: String::new(),
            },
            Span {
                kind: IdentifierKind::Age,
                start: 3,
                end: 4,
                text: String::new(),
            },
            Span {
                kind: IdentifierKind::Email,
                start: 40,
                end: 400,
                text: String::new(),
            },
        ];
        let redacted = redact(text, &odd);
        assert!(redacted.starts_with("é [age removed] Patel"), "{redacted}");
        assert!(redacted.ends_with("[email address removed]"), "{redacted}");
    }

    #[test]
    fn ordinary_reflective_writing_is_left_alone() {
        let text = "On 12/03/2026 the team met in room 101 to agree a 10-year plan for \
                    ward 7. In 2026 the Dr on call joined us; NHS E1 data was shared.";
        assert_eq!(kinds(text), []);
    }

    #[test]
    fn helpers_count_characters_not_bytes() {
        assert_eq!(chars_between("éé ab", 0, 4), 2);
        assert_eq!(chars_between("éé", 0, 1), 0);
        assert_eq!(before("ééab", 6, 3), "éab");
        assert_eq!(before("ab", 2, 10), "ab");
        assert_eq!(after("aébc", 1, 2), "éb");
        assert_eq!(after("ab", 0, 10), "ab");
        assert!(crosses_sentence("ill. Then "));
        assert!(crosses_sentence("a\nb"));
        assert!(!crosses_sentence(" on the "));
    }
}
