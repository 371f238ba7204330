//! Email addresses: work addresses name their owner ("jane.smith@nhs.net"), and
//! personal ones often do too.

use super::{Hit, IdentifierKind};
use regex::Regex;
use std::sync::LazyLock;

/// A local part, "@", and a domain with at least one dot and a top-level name of two
/// or more letters.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b")
        .expect("the email pattern is valid")
});

pub(super) fn find(text: &str, out: &mut Vec<Hit>) {
    for m in EMAIL.find_iter(text) {
        // A sentence's full stop before the address is not part of it.
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start_matches('.').len());
        out.push(Hit::new(IdentifierKind::Email, start, m.end()));
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
    fn addresses_are_flagged() {
        assert_eq!(
            found("Email jane.smith@nhs.net today."),
            ["jane.smith@nhs.net"]
        );
        assert_eq!(
            found("(tom+ward7@example.co.uk)"),
            ["tom+ward7@example.co.uk"]
        );
        assert_eq!(
            found("A.B@trust.nhs.uk, C@d.org"),
            ["A.B@trust.nhs.uk", "C@d.org"]
        );
    }

    #[test]
    fn at_signs_that_are_not_addresses_are_not() {
        for text in [
            "meet @ 3pm",
            "@nhsengland on social media",
            "name@localhost",
            "a@b.c",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
    }
}
