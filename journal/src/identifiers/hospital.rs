//! Hospital and patient record numbers: the token after "MRN", "hospital number",
//! "unit number", "patient number", "case number" or "K number".
//!
//! Trusts number their records in their own ways (RX1234567, H123456, K0012345), so
//! the words in front are what say a token is one; it must hold at least four digits,
//! which keeps "patient number 3" (the third patient of a clinic) out.

use super::{Hit, IdentifierKind};
use regex::Regex;
use std::sync::LazyLock;

/// The fewest digits a record number has.
const MIN_DIGITS: usize = 4;
/// The longest token taken as a record number, in bytes.
const MAX_LEN: usize = 20;

/// The words that name a record number, then ":", "#", "is" or nothing, then the token.
static RECORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \b(?:
            mrn
          | (?:hospital|hosp\.?|unit|patient|case)\s+(?:number|num\b\.?|no\b\.?)
          | k\s+number
        )
        (?:\s*[:\#]\s*|\s+is\s+|\s*)
        (?P<token>[a-z0-9](?:[a-z0-9/\-]*[a-z0-9])?)",
    )
    .expect("the record number pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for caps in RECORD.captures_iter(text) {
        let Some(token) = caps.name("token") else {
            continue;
        };
        let digits = token.as_str().bytes().filter(u8::is_ascii_digit).count();
        if digits >= MIN_DIGITS && token.len() <= MAX_LEN && !a_year(token.as_str()) {
            out.push(Hit::new(
                IdentifierKind::HospitalNumber,
                token.start(),
                token.end(),
            ));
        }
    }
}

/// "2026" or "2026/27": a year or financial year, as in "the unit number 2026/27
/// budget", not a record.
fn a_year(token: &str) -> bool {
    let b = token.as_bytes();
    let is_year = |s: &[u8]| {
        s.len() == 4 && s.iter().all(u8::is_ascii_digit) && (s[0] == b'1' || s[0] == b'2')
    };
    match b.len() {
        4 => is_year(b),
        7 => is_year(&b[..4]) && b[4] == b'/' && b[5..].iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        find(text, &mut hits);
        hits.iter()
            .map(|h| text.get(h.start..h.end).unwrap_or(""))
            .collect()
    }

    #[test]
    fn record_numbers_after_their_names_are_flagged() {
        assert_eq!(found("MRN RX1234567"), ["RX1234567"]);
        assert_eq!(found("MRN: 0012345"), ["0012345"]);
        assert_eq!(found("hospital number H123456."), ["H123456"]);
        assert_eq!(found("Hosp no. 7654321"), ["7654321"]);
        assert_eq!(found("hospital no 7654321"), ["7654321"]);
        assert_eq!(found("unit number is U-99812"), ["U-99812"]);
        assert_eq!(found("patient no: P0042"), ["P0042"]);
        assert_eq!(found("case number #20451"), ["20451"]);
        assert_eq!(found("K number K0012345"), ["K0012345"]);
        assert_eq!(found("MRN1234567"), ["1234567"]);
    }

    #[test]
    fn numbers_without_those_words_or_too_short_are_not() {
        for text in [
            "patient number 3 was late",
            "the hospital notes 12345",
            "hospital numbers are rising",
            "unit number 2026/27 budget",
            "room 1234",
            "case number one",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
