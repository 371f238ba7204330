//! UK phone numbers: mobiles (07…, +44 7…, +44 (0)7…), landlines (01…, 02…, 03…,
//! "(0113) 496 0000") and freephone (0800, 0808), in the groupings people write.
//!
//! A run of digit groups is read group by group: the longest stretch of whole groups
//! that makes a UK number of the right length is the phone number, so "2026 0161 496
//! 0000" gives the number and leaves the year. Years and other numbers that do not
//! start with 0 (or +44) are never phone numbers.

use super::{Hit, IdentifierKind};
use regex::Regex;
use std::sync::LazyLock;

/// The most groups (the prefix counted as one) a phone number is written in.
const MAX_GROUPS: usize = 6;

/// Digit groups joined by single spaces or hyphens, perhaps led by +44, +44 (0) or a
/// bracketed area code.
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0[0-9]{2,4}\)[ -]?|\b)[0-9]+(?:[ -][0-9]+)*")
        .expect("the phone number pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for m in RUN.find_iter(text) {
        // Digits straight after a letter or digit ("A12345") are part of a code.
        let glued = text
            .get(..m.start())
            .and_then(|head| head.chars().next_back())
            .is_some_and(char::is_alphanumeric);
        if glued {
            continue;
        }
        find_in_run(m.as_str(), m.start(), out);
    }
}

/// One group of a run: its byte range in the run and its digits.
struct Group<'a> {
    start: usize,
    end: usize,
    digits: &'a str,
}

/// The groups of a run, the prefix (+44, +44 (0), an area code in brackets) counted
/// as the first group.
fn groups(run: &str) -> Vec<Group<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = run.as_bytes();
    while start < run.len() {
        let group_start = start;
        let mut end = start;
        if bytes.get(start) == Some(&b'+') || bytes.get(start) == Some(&b'(') {
            // The prefix runs to the last ')' or the digits after "+44".
            end = prefix_end(run);
        } else {
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        if end == group_start {
            // Nothing read: a character the pattern cannot have matched. Stop safely.
            break;
        }
        out.push(Group {
            start: group_start,
            end,
            digits: run.get(group_start..end).unwrap_or(""),
        });
        start = end;
        while bytes.get(start).is_some_and(|b| *b == b' ' || *b == b'-') {
            start += 1;
        }
    }
    out
}

/// Where the leading "+44", "+44 (0)" or "(0113)" of a run ends.
fn prefix_end(run: &str) -> usize {
    if run.starts_with('(') {
        return run.find(')').map_or(run.len(), |i| i + 1);
    }
    match run.find("(0)") {
        Some(i) => i + 3,
        None => 3.min(run.len()),
    }
}

/// Every phone number among the groups of one run at byte `offset`.
fn find_in_run(run: &str, offset: usize, out: &mut Vec<Hit>) {
    let groups = groups(run);
    let mut first = 0;
    while first < groups.len() {
        // A number has at most a prefix and five groups ("+44 (0) 20 7946 0958" is
        // three), so a long run of digits costs no more than a short one.
        let longest = (first + 1..=groups.len().min(first + MAX_GROUPS))
            .rev()
            .find(|&last| is_a_phone_number(&groups[first..last], first == 0));
        match longest {
            Some(last) => {
                if let (Some(a), Some(b)) = (groups.get(first), groups.get(last - 1)) {
                    out.push(Hit::new(
                        IdentifierKind::PhoneNumber,
                        offset + a.start,
                        offset + b.end,
                    ));
                }
                first = last;
            }
            None => first += 1,
        }
    }
}

/// Whether these groups make a UK number: the national form (0 and the rest, "+44"
/// read as 0) of the right length for its first digits.
fn is_a_phone_number(groups: &[Group<'_>], may_have_prefix: bool) -> bool {
    let Some(lead) = groups.first() else {
        return false;
    };
    let mut national = String::with_capacity(12);
    if lead.digits.starts_with('+') {
        if !may_have_prefix {
            return false;
        }
        national.push('0');
    } else {
        national.extend(lead.digits.chars().filter(char::is_ascii_digit));
        // A lone "0" or "01" then the rest is not how anyone writes a number.
        if national.len() < 3 {
            return false;
        }
    }
    for group in &groups[1..] {
        // Groups of one digit ("0161 4 9 6") are lists, not phone numbers.
        if group.digits.len() < 2 {
            return false;
        }
        national.push_str(group.digits);
    }
    plausible_national(&national)
}

/// Whether a national number (starting 0) has a UK shape.
fn plausible_national(n: &str) -> bool {
    let len = n.len();
    if !n.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if n.starts_with("07") {
        len == 11
    } else if n.starts_with("01") || n.starts_with("02") {
        len == 10 || len == 11
    } else if n.starts_with("03") || n.starts_with("0808") {
        len == 11
    } else if n.starts_with("0800") {
        len == 10 || len == 11
    } else {
        false
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
    fn uk_numbers_are_flagged_in_common_groupings() {
        for number in [
            "07700 900123",
            "07700 900 123",
            "07700900123",
            "+44 7700 900123",
            "+447700900123",
            "+44 (0)7700 900123",
            "020 7946 0958",
            "0161 496 0000",
            "(0113) 496 0000",
            "0113-496-0000",
            "0800 123 4567",
            "0808 157 0000",
            "0300 123 1234",
            "01632 960000",
        ] {
            let text = format!("Call her on {number} after six.");
            assert_eq!(found(&text), [number], "{number}");
        }
    }

    #[test]
    fn a_phone_number_is_found_beside_other_numbers() {
        assert_eq!(found("In 2026 0161 496 0000 rang."), ["0161 496 0000"]);
        assert_eq!(found("07700 900123 2026"), ["07700 900123"]);
    }

    #[test]
    fn years_codes_and_short_numbers_are_not_phone_numbers() {
        for text in [
            "In 2026 we met",
            "room 101",
            "2024-2026 plan",
            "01/02/2026",
            "01 02 2026",
            "ward 0",
            "ref A07700900123",
            "07700 9001",
            "0161 4 9 6 0000",
            "0900 123 4567",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
