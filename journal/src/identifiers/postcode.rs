//! Full UK postcodes: the outward code and the inward code ("SW1A 1AA", "M1 1AE").
//!
//! A full postcode covers a handful of addresses, so with anything else it can point
//! to a home. Half of one ("SW1A", "NHS E1") is an area and is left alone. The letters
//! allowed in each position follow Royal Mail's rules, which keeps ordinary words and
//! codes out; the space may be left out, and the letters are upper case or all lower
//! case as people type them, never mixed ("B12 3rd floor" is a floor).

use super::{Hit, IdentifierKind};
use regex::Regex;
use std::sync::LazyLock;

/// Royal Mail's shapes: A9, A99, AA9, AA99, A9A, AA9A, then 9AA (with the letters
/// each position may hold), and Girobank's GIR 0AA.
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:GIR ?0AA|[A-PR-UWYZ](?:[0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9]{1,2}|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b",
    )
    .expect("the postcode pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for m in POSTCODE.find_iter(text) {
        if written_as_a_postcode(m.as_str()) {
            out.push(Hit::new(IdentifierKind::Postcode, m.start(), m.end()));
        }
    }
}

/// Whether the letters are all upper case, or all lower case but not an ordinal
/// ("m1 2nd" is more likely the M1's second junction than a postcode).
fn written_as_a_postcode(code: &str) -> bool {
    let letters = || code.chars().filter(char::is_ascii_alphabetic);
    if letters().all(|c| c.is_ascii_uppercase()) {
        return true;
    }
    if !letters().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let ending = code.get(code.len().saturating_sub(2)..).unwrap_or("");
    !matches!(ending, "st" | "nd" | "rd" | "th")
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
    fn full_postcodes_are_flagged() {
        for code in [
            "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "GIR 0AA",
            "W1A 0AX", "LS1 4DY", "sw1a 1aa", "EH11PU",
        ] {
            let text = format!("lives at {code}, near the clinic");
            assert_eq!(found(&text), [code], "{code}");
        }
    }

    #[test]
    fn half_postcodes_and_ordinary_codes_are_not() {
        for text in [
            "the SW1A area",
            "NHS E1 data",
            "room 101",
            "ward B12 3rd floor",
            "the M1 2nd junction",
            "COVID 19 2nd wave",
            "Band 7 2AB",
            "QA1 1AA",
            "sW1A 1aA",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
