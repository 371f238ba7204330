//! The NHS *Leadership for Personalised Care* framework as typed, validated data.
//!
//! The framework's text lives in one TOML file embedded at compile time
//! (`data/leadership-for-personalised-care.toml`, format in `README.md`). It is
//! parsed and checked once, on first use:
//!
//! ```
//! let lpc = waymark_framework::lpc();
//! let being = lpc.theme("being").unwrap();
//! assert_eq!(being.name, "Being");
//! assert_eq!(lpc.behaviours_of("being").count(), 3);
//! // Everyday words lead to the right item.
//! assert_eq!(lpc.resolve("hosting style").unwrap().id(), "hosting-style");
//! // So do a leader's own words, wherever a tag is typed; close calls are refused.
//! assert_eq!(lpc.resolve_phrase("builds networks").unwrap().id(), "building-networks");
//! assert!(lpc.resolve_phrase("deliver").is_err());
//! ```

mod error;
mod load;
mod lookup;
mod model;
mod resolve;

pub use error::{Candidate, FrameworkError, Unresolved};
pub use load::FORMAT_VERSION;
pub use lookup::{Match, normalise};
pub use model::{
    Behaviour, Component, Counts, Framework, Item, ItemKind, Quality, Shift, TagId, Theme, ThemeId,
};
pub use resolve::{MAX_CANDIDATES, RANKED_MARGIN, RANKED_MIN_SCORE};

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The text of the embedded Leadership for Personalised Care data file.
pub const LPC_TOML: &str = include_str!("../data/leadership-for-personalised-care.toml");

/// The Leadership for Personalised Care framework, parsed and validated once.
pub fn lpc() -> &'static Framework {
    static LPC: OnceLock<Framework> = OnceLock::new();
    LPC.get_or_init(|| {
        // The embedded file is fixed at compile time and checked by this crate's
        // tests, so failing here means a broken build, not bad user input.
        Framework::from_toml(LPC_TOML).expect("embedded framework data is valid")
    })
}

impl Framework {
    fn name_index(&self) -> &BTreeMap<String, String> {
        self.names
            .get_or_init(|| self.build_name_index().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE_TEXT: &str = include_str!("../data/source-text.txt");

    /// The source with line breaks re-joined and runs of spaces collapsed.
    fn joined_source() -> String {
        SOURCE_TEXT.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_framework_holds_4_themes_13_behaviours_26_qualities_6_components_4_shifts() {
        let f = lpc();
        assert_eq!(f.themes.len(), 4);
        assert_eq!(f.behaviours.len(), 13);
        // The source text holds 26 quality statements (two beside each of the 13
        // behaviours), not the 28 some summaries quote; see framework/README.md.
        assert_eq!(f.qualities.len(), 26);
        assert_eq!(f.components.len(), 6);
        assert_eq!(f.shifts.len(), 4);
    }

    #[test]
    fn themes_are_in_document_order() {
        let names: Vec<&str> = lpc().themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Being",
                "Relating and Communicating",
                "Leading and Visioning",
                "Delivering"
            ]
        );
    }

    #[test]
    fn every_statement_and_description_is_the_source_text_word_for_word() {
        let source = joined_source();
        let f = lpc();
        for q in &f.qualities {
            assert!(
                source.contains(&q.statement),
                "not in source: {}",
                q.statement
            );
        }
        for b in &f.behaviours {
            assert!(
                source.contains(&b.description),
                "not in source: {}",
                b.description
            );
        }
        for s in &f.shifts {
            assert!(
                source.contains(&s.description),
                "not in source: {}",
                s.description
            );
        }
    }

    #[test]
    fn every_theme_has_behaviours_and_qualities_and_every_quality_a_behaviour_of_its_theme() {
        let f = lpc();
        let per_theme: Vec<(usize, usize)> = f
            .themes
            .iter()
            .map(|t| {
                (
                    f.behaviours_of(t.id.as_str()).count(),
                    f.qualities_of(t.id.as_str()).count(),
                )
            })
            .collect();
        assert_eq!(per_theme, [(3, 6), (3, 6), (4, 8), (3, 6)]);
        for q in &f.qualities {
            let b = f.behaviour(q.behaviour.as_str()).expect("pairing resolves");
            assert_eq!(b.theme, q.theme, "{}", q.id);
            assert!(
                q.behaviour_inferred,
                "the source does not state the pairing"
            );
        }
    }

    #[test]
    fn every_behaviour_and_quality_has_a_one_sentence_prompt_ending_with_a_question_mark() {
        let f = lpc();
        let prompts = f
            .behaviours
            .iter()
            .map(|b| (b.id.as_str(), b.prompt.as_str()))
            .chain(
                f.qualities
                    .iter()
                    .map(|q| (q.id.as_str(), q.prompt.as_str())),
            );
        let mut seen = std::collections::HashSet::new();
        for (id, prompt) in prompts {
            assert!(prompt.ends_with('?'), "{id}: {prompt}");
            assert_eq!(
                prompt.matches('?').count(),
                1,
                "{id}: one question: {prompt}"
            );
            assert!(!prompt.contains(". "), "{id}: one sentence: {prompt}");
            assert!(prompt.len() <= 160, "{id}: short: {prompt}");
            assert!(prompt.starts_with(char::is_uppercase), "{id}: {prompt}");
            assert!(seen.insert(prompt), "{id}: the same prompt twice: {prompt}");
        }
        assert_eq!(seen.len(), 13 + 26);
    }

    #[test]
    fn ids_are_unique_across_every_kind() {
        let f = lpc();
        let mut ids: Vec<&str> = f.items().map(|i| i.id()).collect();
        ids.extend(f.components.iter().map(|c| c.id.as_str()));
        ids.extend(f.shifts.iter().map(|s| s.id.as_str()));
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }

    #[test]
    fn the_embedded_data_validates() {
        assert_eq!(lpc().validate(), Ok(()));
    }
}
