//! Dates of birth: a date written just after "born", "DOB", "date of birth",
//! "birthday" or "aged".
//!
//! A date on its own is not flagged: reflections are full of the dates of meetings
//! and shifts, and those identify nobody. It is the words before it that make a date
//! someone's birth date.

use super::{Hit, IdentifierKind, chars_between, crosses_sentence};
use chrono::NaiveDate;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// How far (in characters) after the clue the date may start: "born on the 17th of
/// November 1958" and "DOB: 17/11/58", not a date two clauses later.
const WINDOW: usize = 25;

/// The words that say a date is someone's birth date.
static CLUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:born|birthday|birth\s*date|date\s+of\s+birth|dob|aged)\b|\bd\.\s?o\.\s?b\b\.?",
    )
    .expect("the date-of-birth clue pattern is valid")
});

const MONTH: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// A date in the ways people write one: 17/11/1958, 17.11.58, 17-11-1958, 1958-11-17,
/// 17 November 1958, 17th Nov. 1958, November 17, 1958.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?ix)\b(?:
            (?P<d1>[0-9]{{1,2}})(?P<s1>[/.\-])(?P<m1>[0-9]{{1,2}})(?P<s2>[/.\-])(?P<y1>[0-9]{{4}}|[0-9]{{2}})
          | (?P<y2>[0-9]{{4}})-(?P<m2>[0-9]{{1,2}})-(?P<d2>[0-9]{{1,2}})
          | (?P<d3>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<n3>{MONTH})\.?,?\s+(?P<y3>[0-9]{{4}}|[0-9]{{2}})
          | (?P<n4>{MONTH})\.?\s+(?P<d4>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>[0-9]{{4}}|[0-9]{{2}})
        )\b"
    ))
    .expect("the date pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    let clues: Vec<usize> = CLUE.find_iter(text).map(|m| m.end()).collect();
    if clues.is_empty() {
        return;
    }
    for caps in DATE.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        if !is_a_date(&caps) {
            continue;
        }
        // Only the clues that end in the window's bytes before the date (a character
        // is at most four), found by halving, so many dates and clues stay cheap.
        let from = clues.partition_point(|&end| end + WINDOW * 4 < whole.start());
        let to = clues.partition_point(|&end| end <= whole.start());
        let near = clues.get(from..to).unwrap_or(&[]).iter().any(|&clue| {
            chars_between(text, clue, whole.start()) <= WINDOW
                && !crosses_sentence(text.get(clue..whole.start()).unwrap_or(""))
        });
        if near {
            out.push(Hit::new(
                IdentifierKind::DateOfBirth,
                whole.start(),
                whole.end(),
            ));
        }
    }
}

/// Whether what the pattern matched is a real calendar date.
fn is_a_date(caps: &Captures<'_>) -> bool {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let (day, month, year) = if let Some(day) = number("d1") {
        // 17/11-1958 mixes separators, which a written date does not.
        if caps.name("s1").map(|m| m.as_str()) != caps.name("s2").map(|m| m.as_str()) {
            return false;
        }
        (Some(day), number("m1"), caps.name("y1"))
    } else if let Some(day) = number("d2") {
        (Some(day), number("m2"), caps.name("y2"))
    } else if let Some(day) = number("d3") {
        (
            Some(day),
            caps.name("n3").and_then(|m| month_of(m.as_str())),
            caps.name("y3"),
        )
    } else {
        (
            number("d4"),
            caps.name("n4").and_then(|m| month_of(m.as_str())),
            caps.name("y4"),
        )
    };
    let (Some(day), Some(month), Some(year)) = (day, month, year) else {
        return false;
    };
    let Ok(y) = year.as_str().parse::<i32>() else {
        return false;
    };
    // Two digits could be either century; the date must exist in one of them.
    let years: &[i32] = if year.as_str().len() == 2 {
        &[1900 + y, 2000 + y]
    } else {
        &[y]
    };
    years
        .iter()
        .any(|&y| NaiveDate::from_ymd_opt(y, month, day).is_some())
}

/// The month a name or abbreviation means (1 for "Jan", 11 for "November").
fn month_of(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let index = months.iter().position(|m| *m == prefix)?;
    u32::try_from(index + 1).ok()
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
    fn a_date_after_a_birth_clue_is_flagged() {
        assert_eq!(
            found("She was born on 17/11/1958 in Leeds."),
            ["17/11/1958"]
        );
        assert_eq!(found("DOB 17.11.58"), ["17.11.58"]);
        assert_eq!(found("D.O.B.: 17-11-1958"), ["17-11-1958"]);
        assert_eq!(found("d.o.b 1958-11-17"), ["1958-11-17"]);
        assert_eq!(
            found("date of birth 17 November 1958"),
            ["17 November 1958"]
        );
        assert_eq!(found("born 17th Nov. 1958"), ["17th Nov. 1958"]);
        assert_eq!(found("Birthday: November 17, 1958"), ["November 17, 1958"]);
        assert_eq!(found("aged 67 (born 17 Nov 1958)"), ["17 Nov 1958"]);
    }

    #[test]
    fn a_date_with_no_birth_clue_is_not() {
        assert_eq!(
            found("We met on 17/11/2025 to plan the rota."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("The board on 4 March 2026 agreed it."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_clue_too_far_away_or_in_another_sentence_is_not_enough() {
        assert_eq!(
            found("The idea was born out of a long conversation at the away day on 3 March 2026."),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("It was born. On 17/11/2025 we met."),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(found("DOB 31/02/1958"), Vec::<&str>::new());
        assert_eq!(found("DOB 17/13/1958"), Vec::<&str>::new());
        assert_eq!(found("DOB 17/11-1958"), Vec::<&str>::new());
        assert_eq!(found("DOB 29/02/00"), ["29/02/00"], "2000 was a leap year");
    }
}
