//! Finding framework items by id, everyday words, or a few typed letters.

use crate::model::{Behaviour, Framework, Item, ItemKind, Quality, TagId, Theme};
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;

/// Lowercases and reduces punctuation to single spaces, so "Co-production",
/// "co production" and "‘co-production’" all compare equal.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Little words a leader puts around the words that matter ("the", "of", "my").
/// Ignored when words are compared by their stems, never when names are compared.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "i", "in", "is", "it", "me", "my", "of",
    "on", "or", "our", "the", "their", "to", "we", "with",
];

/// The Snowball English stem of one normalised word ("builds", "building" → "build").
pub(crate) fn stem(word: &str) -> String {
    Stemmer::create(Algorithm::English).stem(word).into_owned()
}

/// The distinct stems of the words of a normalised text that are not [`STOP_WORDS`].
pub(crate) fn content_stems(normalised: &str) -> BTreeSet<String> {
    let stemmer = Stemmer::create(Algorithm::English);
    normalised
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|w| stemmer.stem(w).into_owned())
        .collect()
}

/// True when two stems name the same word family. Snowball stems are equal for
/// most forms ("builds", "building"), but it keeps some derivations apart
/// ("producing" → "produc", "production" → "product"; "creating" → "creat",
/// "creation" → "creation"), so a stem of five or more letters also agrees with
/// one that extends it by at most three.
pub(crate) fn stems_agree(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short == long
        || (short.chars().count() >= 5 && long.starts_with(short) && long.len() - short.len() <= 3)
}

/// The stemmed words of one item, built once per framework.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemWords {
    /// Stems of the words of its id, label, name and aliases.
    pub(crate) names: BTreeSet<String>,
    /// Stems of the words of its full text.
    pub(crate) text: BTreeSet<String>,
}

impl ItemWords {
    fn of(item: &Item<'_>) -> ItemWords {
        let names = item
            .names()
            .into_iter()
            .flat_map(|name| content_stems(&normalise(name)))
            .collect();
        ItemWords {
            names,
            text: content_stems(&normalise(item.text())),
        }
    }
}

/// One item found for a piece of text, with how well it matched.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Match {
    /// The item's id.
    pub id: TagId,
    /// Theme, behaviour or quality.
    pub kind: ItemKind,
    /// Its short label.
    pub label: String,
    /// The theme it belongs to.
    pub theme: String,
    /// How well it matched, higher is better (100 is an exact name).
    pub score: u32,
}

impl Match {
    /// An item as a match with this score.
    pub(crate) fn of(item: &Item<'_>, score: u32) -> Match {
        Match {
            id: TagId(item.id().to_owned()),
            kind: item.kind(),
            label: item.label().to_owned(),
            theme: item.theme().to_string(),
            score,
        }
    }
}

/// Scores for the ways a query can match, best first. Each way is a step of at
/// least 10 below the one before it; `resolve_phrase` reads that step as the margin
/// by which a ranked result must lead to be accepted.
pub(crate) mod score {
    pub const EXACT_NAME: u32 = 100;
    pub const NAME_PREFIX: u32 = 80;
    pub const NAME_WORD_PREFIX: u32 = 60;
    pub const NAME_CONTAINS: u32 = 50;
    pub const TEXT_WORDS: u32 = 30;
    pub const FUZZY_NAME: u32 = 20;
    pub const FUZZY_TEXT: u32 = 10;
}

impl Framework {
    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id.as_str() == id)
    }

    /// The behaviour with this id.
    pub fn behaviour(&self, id: &str) -> Option<&Behaviour> {
        self.behaviours.iter().find(|b| b.id.as_str() == id)
    }

    /// The quality with this id.
    pub fn quality(&self, id: &str) -> Option<&Quality> {
        self.qualities.iter().find(|q| q.id.as_str() == id)
    }

    /// The theme, behaviour or quality with this exact id.
    pub fn item(&self, id: &str) -> Option<Item<'_>> {
        self.items().find(|item| item.id() == id)
    }

    /// The behaviours of a theme, in document order.
    pub fn behaviours_of<'a>(&'a self, theme: &'a str) -> impl Iterator<Item = &'a Behaviour> {
        self.behaviours
            .iter()
            .filter(move |b| b.theme.as_str() == theme)
    }

    /// The qualities of a theme, in document order.
    pub fn qualities_of<'a>(&'a self, theme: &'a str) -> impl Iterator<Item = &'a Quality> {
        self.qualities
            .iter()
            .filter(move |q| q.theme.as_str() == theme)
    }

    /// The item and everything that sits under it: a theme's behaviours and
    /// qualities, or a behaviour's qualities (by the inferred pairing).
    pub fn with_descendants(&self, id: &str) -> Vec<TagId> {
        let Some(item) = self.item(id) else {
            return Vec::new();
        };
        let mut ids = vec![TagId(item.id().to_owned())];
        match item {
            Item::Theme(t) => {
                ids.extend(self.behaviours_of(t.id.as_str()).map(|b| b.id.clone()));
                ids.extend(self.qualities_of(t.id.as_str()).map(|q| q.id.clone()));
            }
            Item::Behaviour(b) => {
                ids.extend(
                    self.qualities
                        .iter()
                        .filter(|q| q.behaviour == b.id)
                        .map(|q| q.id.clone()),
                );
            }
            Item::Quality(_) => {}
        }
        ids
    }

    /// The item whose id, label, name or alias is this text (any case, any punctuation).
    ///
    /// ```
    /// let lpc = waymark_framework::lpc();
    /// assert_eq!(lpc.resolve("Sharing power").unwrap().id(), "sharing-power");
    /// assert_eq!(lpc.resolve("hosting style").unwrap().id(), "hosting-style");
    /// assert!(lpc.resolve("gardening").is_none());
    /// ```
    pub fn resolve(&self, text: &str) -> Option<Item<'_>> {
        let key = normalise(text);
        let id = self.name_index().get(&key)?;
        self.item(id)
    }

    /// Items matching typed text, best first: exact names, then names starting
    /// with it, then words in names, then the full text (each word that matters
    /// starting a word of it or sharing its stem, so "reflecting on failure" finds
    /// "reflects and learns from failure"), then near misspellings.
    ///
    /// ```
    /// let lpc = waymark_framework::lpc();
    /// let found = lpc.find("host", 5);
    /// assert_eq!(found[0].id.as_str(), "hosting-style");
    /// ```
    pub fn find(&self, text: &str, limit: usize) -> Vec<Match> {
        let query = normalise(text);
        if query.is_empty() {
            return Vec::new();
        }
        let query_words: Vec<&str> = query.split(' ').collect();
        let content = Content::of(&query_words);
        let words = self.item_words();
        let mut found: Vec<(u32, usize, Item<'_>)> = self
            .items()
            .enumerate()
            .filter_map(|(order, item)| {
                let s = score_item(&item, &query, &query_words, &content, &words[order]);
                (s > 0).then_some((s, order, item))
            })
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found
            .into_iter()
            .take(limit)
            .map(|(score, _, item)| Match::of(&item, score))
            .collect()
    }

    /// The closest item to a mistyped name, for "did you mean …?" messages.
    pub fn suggest(&self, text: &str) -> Option<Item<'_>> {
        let best = self.find(text, 1).into_iter().next()?;
        self.item(best.id.as_str())
    }

    /// The stemmed words of every item, in the order of [`Framework::items`].
    pub(crate) fn item_words(&self) -> &[ItemWords] {
        self.words
            .get_or_init(|| self.items().map(|item| ItemWords::of(&item)).collect())
    }
}

/// The words of a query that matter when it is compared with an item's full text,
/// each with its stem: the query's words without [`STOP_WORDS`] (all of them when
/// it holds nothing else), each once.
struct Content<'q> {
    words: Vec<(&'q str, String)>,
}

impl<'q> Content<'q> {
    fn of(query_words: &[&'q str]) -> Content<'q> {
        let mut distinct: Vec<&str> = query_words
            .iter()
            .copied()
            .filter(|w| !STOP_WORDS.contains(w))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if distinct.is_empty() {
            distinct = query_words
                .iter()
                .copied()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
        }
        Content {
            words: distinct.into_iter().map(|w| (w, stem(w))).collect(),
        }
    }
}

fn score_item(
    item: &Item<'_>,
    query: &str,
    query_words: &[&str],
    content: &Content<'_>,
    words: &ItemWords,
) -> u32 {
    let names: Vec<String> = item.names().into_iter().map(normalise).collect();
    let text = normalise(item.text());
    let text_words: Vec<&str> = text.split(' ').collect();

    let mut best = 0;
    for name in &names {
        let s = if name == query {
            score::EXACT_NAME
        } else if name.starts_with(query) {
            score::NAME_PREFIX
        } else if words_prefix_in_order(name, query_words) {
            score::NAME_WORD_PREFIX
        } else if name.contains(query) {
            score::NAME_CONTAINS
        } else {
            0
        };
        best = best.max(s);
    }
    if best > 0 {
        return best;
    }
    if content.words.iter().all(|(q, q_stem)| {
        text_words.iter().any(|w| w.starts_with(q))
            || words.text.iter().any(|w| stems_agree(q_stem, w))
    }) {
        return score::TEXT_WORDS;
    }
    let name_words: Vec<&str> = names.iter().flat_map(|n| n.split(' ')).collect();
    if query_words.iter().all(|q| near_any(q, &name_words)) {
        return score::FUZZY_NAME;
    }
    if query_words.iter().all(|q| near_any(q, &text_words)) {
        return score::FUZZY_TEXT;
    }
    0
}

/// True when each query word starts a word of the name, in order ("sha pow" → "sharing power").
fn words_prefix_in_order(name: &str, query_words: &[&str]) -> bool {
    let mut words = name.split(' ');
    query_words
        .iter()
        .all(|q| words.by_ref().any(|w| w.starts_with(q)))
}

/// True when a word is a likely misspelling of one of the candidates.
fn near_any(word: &str, candidates: &[&str]) -> bool {
    let allowed = match word.chars().count() {
        0..=3 => return false,
        4..=6 => 1,
        _ => 2,
    };
    candidates.iter().any(|c| {
        strsim::damerau_levenshtein(word, c) <= allowed
            || (c.len() > word.len()
                && strsim::damerau_levenshtein(word, &c[..c.floor_char_boundary(word.len())])
                    <= allowed.min(1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lpc;

    #[test]
    fn normalise_ignores_case_and_punctuation() {
        assert_eq!(normalise("  ‘Co-Production’ "), "co production");
        assert_eq!(normalise("Lead/Enable Others"), "lead enable others");
    }

    #[test]
    fn the_everyday_names_leaders_use_resolve() {
        let f = lpc();
        let cases = [
            ("hosting style", "hosting-style"),
            ("Hosting", "hosting-style"),
            ("sharing power", "sharing-power"),
            ("share power", "sharing-power"),
            (
                "nothing about us without us",
                "co-production-and-partnership",
            ),
            (
                "‘Nothing about us without us’",
                "co-production-and-partnership",
            ),
            ("co-production", "co-production-and-partnership"),
            ("Co production", "co-production-and-partnership"),
            ("courage", "resilience-courage-and-bravery"),
            ("trust", "trust"),
            ("Relating and Communicating", "relating-and-communicating"),
            ("being", "being"),
            ("LEADING AND VISIONING", "leading-and-visioning"),
            ("delivering", "delivering"),
            ("lead/enable others", "lead-enable-others"),
        ];
        for (text, id) in cases {
            assert_eq!(f.resolve(text).map(|i| i.id()), Some(id), "{text}");
        }
    }

    #[test]
    fn typing_the_start_of_a_word_ranks_the_right_quality_first() {
        let f = lpc();
        assert_eq!(f.find("hosting", 5)[0].id.as_str(), "hosting-style");
        assert_eq!(f.find("sharing power", 5)[0].id.as_str(), "sharing-power");
        assert_eq!(f.find("sha pow", 5)[0].id.as_str(), "sharing-power");
        assert_eq!(
            f.find("co-prod", 5)[0].id.as_str(),
            "co-production-and-partnership"
        );
    }

    #[test]
    fn exact_matches_rank_above_words_found_only_in_statements() {
        let f = lpc();
        let found = f.find("networks", 10);
        assert_eq!(found[0].id.as_str(), "building-networks");
        assert!(
            found.len() > 1,
            "statements mentioning networks are found too"
        );
        assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn statement_words_match_in_other_forms_and_little_words_are_ignored() {
        let f = lpc();
        // "reflects and learns from failure": no word starts with "reflecting" or "on".
        let found = f.find("reflecting on failure", 5);
        assert_eq!(found[0].id.as_str(), "resilience-courage-and-bravery");
        assert_eq!(found[0].score, score::TEXT_WORDS);
        assert!(f.find("reflecting on zzqx", 5).is_empty());
        assert!(stems_agree("produc", "product"));
        assert!(stems_agree("build", "build"));
        assert!(!stems_agree("lead", "leadership"));
        assert!(!stems_agree("care", "career"));
    }

    #[test]
    fn misspellings_still_find_the_item() {
        let f = lpc();
        assert_eq!(f.find("hostng", 3)[0].id.as_str(), "hosting-style");
        assert_eq!(
            f.suggest("coruage").map(|i| i.id()),
            Some("resilience-courage-and-bravery")
        );
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(lpc().find("zzqx", 5).is_empty());
        assert!(lpc().find("  ", 5).is_empty());
    }

    #[test]
    fn a_theme_includes_its_behaviours_and_qualities() {
        let f = lpc();
        let ids = f.with_descendants("delivering");
        assert_eq!(ids.len(), 1 + 3 + 6);
        let under_trust = f.with_descendants("trust");
        assert_eq!(under_trust.len(), 3);
        assert!(f.with_descendants("nope").is_empty());
    }
}
