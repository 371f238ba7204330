//! Names after a title: "Mrs Patel", "Dr. Jane Smith", "Sister O'Neill".
//!
//! The title must be written with its capital (Mr, Mrs, Ms, Miss, Mx, Dr, Prof,
//! Professor, Nurse, Sister, Matron, Sir, Dame, Lady, Lord; a dot is optional), and
//! followed on the same line by one or two capitalised words. A title at a sentence's
//! end ("we waited for the Dr. The family…"), before a lower-case word ("the Dr on
//! call") or before a role ("Nurse Practitioner", "Sister Ward") names nobody. An
//! initial alone ("Mrs P") is already how people anonymise, and is left alone; with a
//! surname ("Dr J. Smith") it is a name.

use super::{Hit, IdentifierKind};
use regex::Regex;
use std::sync::LazyLock;

/// A title, then one or two capitalised words (or an initial and a word).
static TITLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Nurse|Sister|Matron|Sir|Dame|Lady|Lord)\b\.?[ \t]+(?P<first>\p{Lu}\.|\p{Lu}[\p{L}'’\-]*)(?:[ \t]+(?P<second>\p{Lu}\.|\p{Lu}[\p{L}'’\-]*))?",
    )
    .expect("the titled name pattern is valid")
});

/// Capitalised words that follow a title without being a name: words that start a
/// sentence, roles and services ("Nurse Practitioner", "Sister Ward"), the days and
/// months, common acronyms, and software ("Ms Teams").
const NOT_NAMES: &[&str] = &[
    // Words that start sentences.
    "The",
    "Then",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "They",
    "Them",
    "He",
    "She",
    "It",
    "Its",
    "I",
    "I'm",
    "I’m",
    "We",
    "Our",
    "You",
    "Your",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "So",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "At",
    "In",
    "On",
    "Of",
    "For",
    "From",
    "To",
    "With",
    "Without",
    "By",
    "Not",
    "No",
    "Yes",
    "All",
    "Some",
    "Any",
    "Each",
    "Every",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Although",
    "Because",
    "Since",
    "Later",
    "Next",
    "Today",
    "Tomorrow",
    "Yesterday",
    "Afterwards",
    "Also",
    "Still",
    "Yet",
    "My",
    "Me",
    "His",
    "Her",
    "Hers",
    "Once",
    "Now",
    "Here",
    "Everyone",
    "Nobody",
    "One",
    "Two",
    "Three",
    "Thanks",
    "Thank",
    "Please",
    "Sorry",
    "Overall",
    "However",
    "Meanwhile",
    // Roles, grades and services.
    "Practitioner",
    "Practitioners",
    "Consultant",
    "Consultants",
    "Associate",
    "Associates",
    "Manager",
    "Managers",
    "Lead",
    "Leads",
    "Led",
    "Specialist",
    "Specialists",
    "Director",
    "Directors",
    "Educator",
    "Educators",
    "Advocate",
    "Prescriber",
    "Prescribers",
    "Prescribing",
    "Team",
    "Teams",
    "Ward",
    "Wards",
    "Unit",
    "Staff",
    "Bank",
    "Station",
    "Training",
    "Apprentice",
    "Apprentices",
    "Apprenticeship",
    "Student",
    "Students",
    "Champion",
    "Champions",
    "Rounds",
    "Round",
    "Meeting",
    "Meetings",
    "Clinic",
    "Clinics",
    "Review",
    "Reviews",
    "Role",
    "Roles",
    "Post",
    "Posts",
    "Advanced",
    "Senior",
    "Junior",
    "Registered",
    "Community",
    "District",
    "Clinical",
    "Mental",
    "Health",
    "Care",
    "Practice",
    "Mayor",
    "Mayoress",
    "Lieutenant",
    "Chancellor",
    "Chief",
    "Vacancy",
    "Vacancies",
    "Shift",
    "Shifts",
    "Rota",
    "Handover",
    "Colleague",
    "Colleagues",
    "Council",
    // Days and months.
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    // Acronyms and software.
    "NHS",
    "GP",
    "GPs",
    "ICU",
    "ED",
    "AE",
    "ANP",
    "CNS",
    "HCA",
    "RN",
    "ICB",
    "ICS",
    "PCN",
    "AHP",
    "MDT",
    "CQC",
    "Office",
    "Word",
    "Excel",
    "Forms",
    "Outlook",
];

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for caps in TITLED.captures_iter(text) {
        let (Some(whole), Some(first)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let first_word = trim_word(first.as_str());
        if not_a_name(first_word) {
            continue;
        }
        let second = caps
            .name("second")
            .filter(|w| !not_a_name(trim_word(w.as_str())));
        let initial = is_initial(first.as_str());
        let end = match second {
            Some(second) => second.start() + trim_word(second.as_str()).len(),
            // An initial with no surname after it is not a name.
            None if initial => continue,
            None => first.start() + first_word.len(),
        };
        out.push(Hit::new(IdentifierKind::TitledName, whole.start(), end));
    }
}

/// A word without a possessive or a stray apostrophe or hyphen at its end
/// ("Patel's" → "Patel"); an initial keeps its dot.
fn trim_word(word: &str) -> &str {
    if is_initial(word) {
        return word;
    }
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    word.trim_end_matches(['\'', '’', '-'])
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(c), None | Some('.'), None) if c.is_uppercase()
    )
}

fn not_a_name(word: &str) -> bool {
    word.is_empty() || NOT_NAMES.contains(&word)
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
    fn names_after_titles_are_flagged() {
        assert_eq!(found("I rang Mrs Patel."), ["Mrs Patel"]);
        assert_eq!(found("Dr. Jane Smith joined."), ["Dr. Jane Smith"]);
        assert_eq!(found("Dr J. Smith"), ["Dr J. Smith"]);
        assert_eq!(found("Sister O'Neill's ward"), ["Sister O'Neill"]);
        assert_eq!(
            found("Mr Smith-Jones and Ms Ndlovu"),
            ["Mr Smith-Jones", "Ms Ndlovu"]
        );
        assert_eq!(found("Prof Żaneta Kowalska"), ["Prof Żaneta Kowalska"]);
        assert_eq!(found("Professor Hughes And I"), ["Professor Hughes"]);
        assert_eq!(found("Mx Taylor"), ["Mx Taylor"]);
    }

    #[test]
    fn titles_without_a_name_are_not() {
        for text in [
            "the Dr on call",
            "we waited for the Dr. The family arrived.",
            "I asked the Dr.",
            "a Nurse Practitioner led it",
            "Sister Ward 4",
            "the Matron",
            "Mrs P was upset",
            "on Ms Teams",
            "mrs patel",
            "DR SMITH",
            "Dr\nSmith",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
