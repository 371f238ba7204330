//! NHS numbers and Scottish CHI numbers: ten digits carrying a modulus-11 check digit.
//!
//! The check digit is what tells an NHS number from any other ten digits: weights 10
//! down to 2 on the first nine digits, the check is 11 minus the sum's remainder by
//! 11 (11 becomes 0, and 10 means no number was ever issued). A ten-digit number that
//! fails it is not reported as one; a phone number rule may still take it.
//!
//! A CHI number's first six digits are the person's date of birth (DDMMYY), so it
//! starts with 0 to 3, where numbers issued in England start with 4 or more.

use super::{Hit, IdentifierKind};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Ten digits, plain or grouped 3-3-4 by spaces or hyphens.
static TEN_DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}\b").expect("the NHS number pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for m in TEN_DIGITS.find_iter(text) {
        if part_of_longer_run(text, m.start(), m.end()) {
            continue;
        }
        let digits: Vec<u32> = m.as_str().chars().filter_map(|c| c.to_digit(10)).collect();
        if let Some(kind) = classify(&digits) {
            out.push(Hit::new(kind, m.start(), m.end()));
        }
    }
}

/// Whether the digits go on past the match after a single space or hyphen
/// ("0161 943 476 5919"): then they are some longer number, not ten digits on their own.
fn part_of_longer_run(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).unwrap_or("").as_bytes();
    let after = text.get(end..).unwrap_or("").as_bytes();
    let joined = |sep: Option<&u8>, digit: Option<&u8>| {
        matches!(sep, Some(b' ' | b'-')) && digit.is_some_and(u8::is_ascii_digit)
    };
    joined(
        before.last(),
        before.len().checked_sub(2).and_then(|i| before.get(i)),
    ) || joined(after.first(), after.get(1))
}

/// What ten digits are: a CHI number, an NHS number, or neither.
pub(super) fn classify(digits: &[u32]) -> Option<IdentifierKind> {
    if digits.len() != 10 || !check_digit_valid(digits) {
        return None;
    }
    // 0000000000 and 4444444444 pass the check but are never issued; they appear as
    // placeholders, which are not anyone's.
    if digits.iter().all(|d| Some(d) == digits.first()) {
        return None;
    }
    if digits[0] <= 3 && ddmmyy_is_a_date(&digits[..6]) {
        Some(IdentifierKind::ChiNumber)
    } else {
        Some(IdentifierKind::NhsNumber)
    }
}

/// The modulus-11 check shared by NHS and CHI numbers.
pub(super) fn check_digit_valid(digits: &[u32]) -> bool {
    let Some((&last, first_nine)) = digits.split_last() else {
        return false;
    };
    let sum: u32 = first_nine
        .iter()
        .zip((2..=10).rev())
        .map(|(d, weight)| d * weight)
        .sum();
    match 11 - sum % 11 {
        11 => last == 0,
        10 => false,
        check => last == check,
    }
}

/// Whether six digits read as a date DDMMYY, in either century (a CHI number does not
/// say which).
fn ddmmyy_is_a_date(d: &[u32]) -> bool {
    let [d1, d2, m1, m2, y1, y2] = d else {
        return false;
    };
    let (day, month) = (d1 * 10 + d2, m1 * 10 + m2);
    let year = i32::try_from(y1 * 10 + y2).unwrap_or(0);
    [1900, 2000]
        .iter()
        .any(|century| NaiveDate::from_ymd_opt(century + year, month, day).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(IdentifierKind, &str)> {
        let mut hits = Vec::new();
        find(text, &mut hits);
        hits.iter()
            .map(|h| (h.kind, text.get(h.start..h.end).unwrap_or("")))
            .collect()
    }

    #[test]
    fn a_valid_nhs_number_is_found_plain_or_grouped() {
        for text in [
            "943 476 5919",
            "943-476-5919",
            "9434765919",
            "NHS no. 943 476 5919.",
        ] {
            let hits = found(text);
            assert_eq!(hits.len(), 1, "{text}");
            assert_eq!(hits[0].0, IdentifierKind::NhsNumber, "{text}");
        }
    }

    #[test]
    fn a_failing_check_digit_is_not_an_nhs_number() {
        assert_eq!(found("943 476 5918"), []);
        assert_eq!(found("9434765918"), []);
        // Nine digits whose check would be 10 were never issued, whatever follows.
        for last in 0..10 {
            assert!(!check_digit_valid(&[0, 0, 0, 0, 0, 0, 0, 0, 6, last]));
        }
    }

    #[test]
    fn ten_digits_inside_a_longer_number_are_not_an_nhs_number() {
        assert_eq!(found("94347659190"), []);
        assert_eq!(found("19434765919"), []);
        assert_eq!(found("0161 943 476 5919"), []);
        assert_eq!(found("943 476 5919 2"), []);
        assert_eq!(found("x9434765919"), []);
    }

    #[test]
    fn placeholders_of_one_repeated_digit_are_not_numbers() {
        assert_eq!(found("0000000000"), []);
        assert_eq!(found("444 444 4444"), []);
    }

    #[test]
    fn a_chi_number_starts_with_a_date_of_birth() {
        // 17 November 1958, then 123 and its check digit.
        let chi = chi_for("171158123");
        assert_eq!(found(&chi), [(IdentifierKind::ChiNumber, chi.as_str())]);
        // The same shape with no such date (31 November) is an NHS-style number.
        let not_a_date = chi_for("311158123");
        assert_eq!(found(&not_a_date)[0].0, IdentifierKind::NhsNumber);
        // And with a bad check digit, nothing.
        let mut bad = chi.clone();
        let last = bad.pop().and_then(|c| c.to_digit(10)).unwrap_or(0);
        bad.push(char::from_digit((last + 1) % 10, 10).unwrap_or('0'));
        assert_eq!(found(&bad), []);
    }

    /// Nine digits and the check digit that makes them valid (the next nine when the
    /// check would be 10).
    fn chi_for(nine: &str) -> String {
        (0..10)
            .map(|d| format!("{nine}{d}"))
            .find(|s| {
                check_digit_valid(&s.chars().filter_map(|c| c.to_digit(10)).collect::<Vec<_>>())
            })
            .unwrap_or_default()
    }

    #[test]
    fn the_check_digit_follows_the_published_rule() {
        let digits = |s: &str| s.chars().filter_map(|c| c.to_digit(10)).collect::<Vec<_>>();
        assert!(check_digit_valid(&digits("9434765919")));
        assert!(check_digit_valid(&digits("4010232137")));
        assert!(!check_digit_valid(&digits("4010232138")));
        assert!(!check_digit_valid(&digits("")));
    }
}
