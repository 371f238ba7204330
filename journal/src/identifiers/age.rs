//! A person's age: "a 67-year-old man", "she is 67 years old", "aged 67", "67yo".
//!
//! Numbers of years are everywhere in reflective writing ("a 10-year plan", "in 3
//! years", "a 5-year-old service"), so a number is an age only when it is said of a
//! person: a person noun after "N-year-old", a person before "N years old", or the
//! words "aged" and "age", or clinical shorthand ("67 y/o"), which is only ever used
//! of people. Ranges that describe a service's users ("aged 65 and over", "aged
//! 16-25") are not anyone's age.

use super::{Hit, IdentifierKind, after, before};
use regex::Regex;
use std::sync::LazyLock;

/// The oldest age taken as a person's; larger numbers are something else.
const OLDEST: u32 = 120;
/// How many characters either side of an age are read for what it is said of: a few
/// words, and a bound, so a long text full of ages costs no more than a short one.
const NEARBY: usize = 60;

/// "67-year-old", "67 year old", "67 years old", "67-yr-old".
static YEARS_OLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([0-9]{1,3})(?:\s*-\s*|\s+)(years?|yrs?)(?:\s*-\s*|\s+)old\b")
        .expect("the years-old pattern is valid")
});

/// "67 years of age".
static YEARS_OF_AGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([0-9]{1,3})\s+(?:years?|yrs?)\s+of\s+age\b")
        .expect("the years-of-age pattern is valid")
});

/// Clinical shorthand: "67yo", "67 y/o", "67 y.o.".
static SHORTHAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([0-9]{1,3}) ?(?:y/o\b|yo\b|y\.o\.?)").expect("the y/o pattern is valid")
});

/// "aged 67", "age 67", "age: 67".
static AGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:aged|age)\s*:?\s*([0-9]{1,3})\b").expect("the aged pattern is valid")
});

/// What after "aged 65" makes it a range of people, not one person's age.
static RANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:\+|plus\b|-\s*[0-9]|–\s*[0-9]|to\s+[0-9]|(?:and|or)\s+(?:over|above|under|below|older|younger|up)\b)",
    )
    .expect("the age range pattern is valid")
});

/// What before "age 65" makes it a threshold ("over age 65", "under the age 18").
static RANGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:over|under|above|below|from|between|retirement|pension|school|working|voting|minimum|maximum)(?:\s+the)?\s*$")
        .expect("the age threshold pattern is valid")
});

/// Words for a person, after "N-year-old" or before "N years old".
const PEOPLE: &[&str] = &[
    "man",
    "men",
    "woman",
    "women",
    "lady",
    "ladies",
    "gentleman",
    "gent",
    "boy",
    "girl",
    "child",
    "kid",
    "baby",
    "infant",
    "toddler",
    "teenager",
    "teen",
    "adolescent",
    "youngster",
    "lad",
    "patient",
    "resident",
    "client",
    "person",
    "individual",
    "adult",
    "male",
    "female",
    "mother",
    "father",
    "mum",
    "mom",
    "dad",
    "son",
    "daughter",
    "wife",
    "husband",
    "partner",
    "grandmother",
    "grandfather",
    "grandma",
    "grandad",
    "granddad",
    "grandpa",
    "gran",
    "nan",
    "widow",
    "widower",
    "carer",
    "veteran",
    "pensioner",
    "student",
    "pupil",
    "learner",
    "colleague",
    "nurse",
    "doctor",
    "gp",
    "registrar",
    "volunteer",
    "user",
    "sibling",
    "brother",
    "sister",
    "aunt",
    "uncle",
    "niece",
    "nephew",
    "cousin",
    "relative",
    "friend",
    "neighbour",
    "tenant",
    "worker",
    "employee",
    "twin",
    "twins",
    "inpatient",
    "outpatient",
    "teacher",
    "driver",
    "farmer",
    "builder",
    "mechanic",
    "cleaner",
    "porter",
    "miner",
    "he",
    "she",
    "him",
    "her",
    "his",
];

/// Words that may follow "a 67-year-old" used as a noun ("a 67-year-old with
/// dementia", "the 4-year-old, who…"): still a person.
const AFTER_A_NOUN: &[&str] = &[
    "with",
    "who",
    "whose",
    "whom",
    "from",
    "in",
    "on",
    "at",
    "and",
    "was",
    "is",
    "had",
    "has",
    "presenting",
    "presented",
    "admitted",
    "brought",
    "came",
    "attended",
    "living",
    "lives",
    "being",
    "seen",
];

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for caps in YEARS_OLD.captures_iter(text) {
        let (Some(whole), Some(number), Some(unit)) = (caps.get(0), caps.get(1), caps.get(2))
        else {
            continue;
        };
        if !plausible(number.as_str()) {
            continue;
        }
        // "year-old" (singular) describes what follows; "years old" is said of what
        // came before.
        let singular = !unit.as_str().to_ascii_lowercase().ends_with('s');
        let of_a_person = if singular {
            person_follows(after(text, whole.end(), NEARBY))
        } else {
            person_before(text, whole.start())
        };
        if of_a_person {
            out.push(Hit::new(IdentifierKind::Age, whole.start(), whole.end()));
        }
    }
    for re in [&*YEARS_OF_AGE, &*SHORTHAND] {
        for caps in re.captures_iter(text) {
            if let (Some(whole), Some(number)) = (caps.get(0), caps.get(1))
                && plausible(number.as_str())
            {
                out.push(Hit::new(IdentifierKind::Age, whole.start(), whole.end()));
            }
        }
    }
    for caps in AGED.captures_iter(text) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let range = RANGE_AFTER.is_match(after(text, whole.end(), NEARBY))
            || RANGE_BEFORE.is_match(before(text, whole.start(), NEARBY));
        if plausible(number.as_str()) && !range {
            out.push(Hit::new(IdentifierKind::Age, whole.start(), whole.end()));
        }
    }
}

fn plausible(number: &str) -> bool {
    number.parse::<u32>().is_ok_and(|n| n <= OLDEST)
}

/// The next `n` words of `rest` in lower case.
fn next_words(rest: &str, n: usize) -> Vec<String> {
    rest.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .take(n)
        .map(str::to_lowercase)
        .collect()
}

/// Whether what follows "N-year-old" makes it a person: a person noun within two
/// words ("man", "retired teacher"), or nothing a noun could be ("a 67-year-old,
/// who…", "a 67-year-old with dementia").
fn person_follows(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    // Punctuation or the end straight after: "year-old" is the noun itself.
    if trimmed.chars().next().is_none_or(|c| !c.is_alphanumeric()) {
        return true;
    }
    let words = next_words(trimmed, 2);
    match words.as_slice() {
        [first, ..] if PEOPLE.contains(&first.as_str()) => true,
        [first, ..] if AFTER_A_NOUN.contains(&first.as_str()) => true,
        [_, second] => PEOPLE.contains(&second.as_str()),
        _ => false,
    }
}

/// Whether a person is named earlier in the sentence before "N years old" ("She is
/// 67 years old"; not "The service is 5 years old").
fn person_before(text: &str, at: usize) -> bool {
    let head = before(text, at, NEARBY);
    // Only the sentence the age is in: from just after the last sentence end.
    let cut = head
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && head[i + 1..].starts_with(' '))
        })
        .map_or(0, |(i, _)| i + 1);
    let sentence = &head[cut..];
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| PEOPLE.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        find(text, &mut hits);
        hits.sort_by_key(|h| h.start);
        hits.iter()
            .map(|h| text.get(h.start..h.end).unwrap_or(""))
            .collect()
    }

    #[test]
    fn an_age_said_of_a_person_is_flagged() {
        assert_eq!(found("a 67-year-old man"), ["67-year-old"]);
        assert_eq!(found("a 67 year old woman was admitted"), ["67 year old"]);
        assert_eq!(found("an 89-year-old retired teacher"), ["89-year-old"]);
        assert_eq!(found("a 4-year-old with asthma"), ["4-year-old"]);
        assert_eq!(found("the 92-year-old, who lives alone"), ["92-year-old"]);
        assert_eq!(found("She is 67 years old."), ["67 years old"]);
        assert_eq!(found("aged 67"), ["aged 67"]);
        assert_eq!(found("Age: 67"), ["Age: 67"]);
        assert_eq!(found("67yo male"), ["67yo"]);
        assert_eq!(found("a 67 y/o female"), ["67 y/o"]);
        assert_eq!(found("he was 67 years of age"), ["67 years of age"]);
    }

    #[test]
    fn years_that_are_not_a_persons_age_are_not() {
        for text in [
            "a 10-year plan",
            "in 3 years",
            "a 5-year-old service",
            "The partnership is 5 years old.",
            "people aged 65 and over",
            "young people aged 16-25",
            "adults aged 18+",
            "over the age 65 threshold",
            "a 200-year-old building",
            "the page 67 table",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
