//! From a leader's words to one item: the resolver behind every place a tag is
//! typed (the `waymark` command's `--tag`, `tag:` in the query language, the
//! desktop tag picker, importers).
//!
//! It accepts words when one item clearly wins and refuses, naming the close
//! candidates, when two or more fit about as well. The rules, in order:
//!
//! 1. **Exact names.** An item's id, label, name or alias ([`Framework::resolve`]).
//!    These always win and are never ambiguous.
//! 2. **Opening words.** The words open the full text of one item (a statement,
//!    description or theme meaning), at word boundaries; a trailing "…" is
//!    ignored. At least two words, and three words or 15 letters, so a single
//!    common word never counts. Openings shared by two items are ambiguous.
//! 3. **Stemmed names.** Every word that matters, stemmed, is a word of one item's
//!    names, stemmed ("shares power" → Sharing power, "hosts" → Hosting style).
//!    Words found in the names of several items are ambiguous: each of them is
//!    named by those words, so where the words stand in a name is no ground to
//!    choose ("change" is in Change in complex systems and in Behaviour change).
//! 4. **Ranked search.** [`Framework::find`]; its best match is taken when it
//!    scores at least [`RANKED_MARGIN`] above the next and matched at least as
//!    well as a near misspelling of a name ([`RANKED_MIN_SCORE`]). Letters found
//!    inside a word of a name ("quality" in "equality") count only as much as
//!    words of a statement. Otherwise the close matches are named; a match
//!    weaker than the minimum is offered as "did you mean".

use crate::error::{Candidate, Unresolved};
use crate::lookup::Match;
use crate::lookup::{content_stems, normalise, score, stems_agree};
use crate::model::{Framework, Item};

/// How far a ranked match must lead the next to be accepted: one step between two
/// ways of matching in [`Framework::find`]'s scores (`FUZZY_NAME - FUZZY_TEXT`,
/// the smallest such step, is 10). Those scores are ordinal: within one way of
/// matching (say two labels that both start with the words) `find` has no reason
/// to prefer either, and its order is only document order. So the best match is
/// taken only when it matched in a strictly better way than every other item;
/// items that matched in the same way are named as candidates instead.
pub const RANKED_MARGIN: u32 = score::FUZZY_NAME - score::FUZZY_TEXT;

/// The least a ranked match must score to be accepted: a near misspelling of a
/// name. A word that is only near a word of a statement is a hint, offered as
/// "did you mean", not grounds to tag.
pub const RANKED_MIN_SCORE: u32 = score::FUZZY_NAME;

/// The most candidates an [`Unresolved::Ambiguous`] names.
pub const MAX_CANDIDATES: usize = 4;

/// Longest normalised phrase considered, in characters. Longer than any item's full
/// text (checked by a test), so a pasted statement still resolves; longer input is
/// not a tag.
const MAX_PHRASE_CHARS: usize = 400;

/// Characters of the leader's words kept in an error message.
const SHOWN_CHARS: usize = 80;

/// Which rule chose an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    Exact,
    Opening,
    Stems,
    Ranked,
}

impl Framework {
    /// The one theme, behaviour or quality that a leader's words mean, or why there
    /// is none. Use it wherever a tag is typed. The rules, in order:
    ///
    /// 1. an exact id, label, name or alias ([`Framework::resolve`]): always wins;
    /// 2. the opening words of one item's full text ("Removes organisational
    ///    obstacles…"): three words or more, or two making 15 letters;
    /// 3. every word that matters, stemmed, among the stemmed words of one item's
    ///    names ("shares power", "hosts"); words in the names of several items are
    ///    [`Unresolved::Ambiguous`];
    /// 4. [`Framework::find`], when its best match leads the next by
    ///    [`RANKED_MARGIN`] and scores at least [`RANKED_MIN_SCORE`]; otherwise the
    ///    close matches are named (at most [`MAX_CANDIDATES`]).
    ///
    /// ```
    /// use waymark_framework::{lpc, Unresolved};
    /// let lpc = lpc();
    /// assert_eq!(lpc.resolve_phrase("hosting style").unwrap().id(), "hosting-style");
    /// assert_eq!(
    ///     lpc.resolve_phrase("Removes organisational obstacles…").unwrap().id(),
    ///     "removing-obstacles"
    /// );
    /// assert_eq!(lpc.resolve_phrase("builds networks").unwrap().id(), "building-networks");
    ///
    /// let err = lpc.resolve_phrase("shared").unwrap_err();
    /// assert!(matches!(err, Unresolved::Ambiguous { .. }));
    /// assert!(err.candidates().iter().any(|c| c.id.as_str() == "vision-shared-direction"));
    /// assert!(err.to_string().ends_with("type more of the name"), "{err}");
    ///
    /// assert!(matches!(lpc.resolve_phrase("gardening"), Err(Unresolved::Unknown { .. })));
    /// ```
    pub fn resolve_phrase(&self, text: &str) -> Result<Item<'_>, Unresolved> {
        self.resolve_phrase_by_rule(text).map(|(item, _)| item)
    }

    /// [`Framework::resolve_phrase`], saying which rule chose the item.
    pub(crate) fn resolve_phrase_by_rule(
        &self,
        text: &str,
    ) -> Result<(Item<'_>, Rule), Unresolved> {
        let phrase = normalise(text);
        if phrase.is_empty() {
            return Err(Unresolved::Empty);
        }
        if phrase.chars().count() > MAX_PHRASE_CHARS {
            return Err(Unresolved::Unknown {
                text: shown(text),
                suggestion: None,
            });
        }
        if let Some(item) = self.resolve(&phrase) {
            return Ok((item, Rule::Exact));
        }
        match self.opened_by(&phrase).as_slice() {
            [] => {}
            [one] => return Ok((*one, Rule::Opening)),
            several => return Err(ambiguous(text, several)),
        }
        let ranked = self.ranked(&phrase);
        match self.named_by_stems(&phrase).as_slice() {
            [] => {}
            [one] => return Ok((*one, Rule::Stems)),
            several => {
                // The words belong to the names of each: name them in the search's order.
                let mut several = several.to_vec();
                several.sort_by_key(|item| {
                    ranked
                        .iter()
                        .position(|(i, _)| i.id() == item.id())
                        .unwrap_or(usize::MAX)
                });
                return Err(ambiguous(text, &several));
            }
        }
        let Some(&(best, best_score)) = ranked.first() else {
            return Err(Unresolved::Unknown {
                text: shown(text),
                suggestion: None,
            });
        };
        if best_score < RANKED_MIN_SCORE {
            return Err(Unresolved::Unknown {
                text: shown(text),
                suggestion: Some(Candidate::of(&best)),
            });
        }
        let runner_up = ranked.get(1).map_or(0, |&(_, score)| score);
        if best_score >= runner_up + RANKED_MARGIN {
            return Ok((best, Rule::Ranked));
        }
        let close: Vec<Item<'_>> = ranked
            .iter()
            .take_while(|&&(_, score)| score + RANKED_MARGIN > best_score)
            .map(|&(item, _)| item)
            .collect();
        Err(ambiguous(text, &close))
    }

    /// Every item [`Framework::find`] matches, with the weight its match carries
    /// here, best first. A name that merely holds the letters inside one of its
    /// words (`NAME_CONTAINS`: "quality" in "equality") weighs no more than the
    /// words of a statement: it helps a picker, but it is no sign of what a leader
    /// meant.
    fn ranked(&self, phrase: &str) -> Vec<(Item<'_>, u32)> {
        let mut ranked: Vec<(Item<'_>, u32)> = self
            .find(phrase, usize::MAX)
            .into_iter()
            .filter_map(|m| {
                let weight = if m.score == score::NAME_CONTAINS {
                    score::TEXT_WORDS
                } else {
                    m.score
                };
                Some((self.item(m.id.as_str())?, weight))
            })
            .collect();
        // Stable: within one weight, find's order (document order) is kept.
        ranked.sort_by_key(|&(_, weight)| std::cmp::Reverse(weight));
        ranked
    }

    /// Items whose full text opens with these normalised words (rule 2).
    fn opened_by(&self, phrase: &str) -> Vec<Item<'_>> {
        let words = phrase.split(' ').count();
        if words < 2 || (words < 3 && phrase.chars().count() < 15) {
            return Vec::new();
        }
        self.items()
            .filter(|item| {
                normalise(item.text())
                    .strip_prefix(phrase)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
            })
            .collect()
    }

    /// Suggestions for a tag picker: the item [`Framework::resolve_phrase`] would
    /// choose first (so Enter in the picker tags what `--tag` and `tag:` would), then
    /// [`Framework::find`]'s ranked matches.
    ///
    /// ```
    /// let lpc = waymark_framework::lpc();
    /// let found = lpc.suggestions("builds networks", 5);
    /// assert_eq!(found[0].id.as_str(), "building-networks");
    /// ```
    pub fn suggestions(&self, text: &str, limit: usize) -> Vec<Match> {
        let mut found = self.find(text, limit);
        if let Ok(chosen) = self.resolve_phrase(text) {
            match found.iter().position(|m| m.id.as_str() == chosen.id()) {
                Some(at) => found[..=at].rotate_right(1),
                None => {
                    found.insert(0, Match::of(&chosen, score::EXACT_NAME));
                    found.truncate(limit.max(1));
                }
            }
        }
        found
    }

    /// Items among whose names' stemmed words is every stemmed word of the phrase
    /// that matters (rule 3).
    fn named_by_stems(&self, phrase: &str) -> Vec<Item<'_>> {
        let wanted = content_stems(phrase);
        if wanted.is_empty() {
            return Vec::new();
        }
        self.items()
            .zip(self.item_words())
            .filter(|(_, words)| {
                wanted
                    .iter()
                    .all(|w| words.names.iter().any(|n| stems_agree(w, n)))
            })
            .map(|(item, _)| item)
            .collect()
    }
}

/// The error for words that fit several items, best first. A single item is never
/// passed here in practice; it is then reported as the only candidate.
fn ambiguous(text: &str, items: &[Item<'_>]) -> Unresolved {
    let candidates: Vec<Candidate> = items
        .iter()
        .take(MAX_CANDIDATES)
        .map(Candidate::of)
        .collect();
    Unresolved::Ambiguous {
        text: shown(text),
        more: items.len() - candidates.len(),
        candidates,
    }
}

/// The leader's words as an error message quotes them.
fn shown(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SHOWN_CHARS {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(SHOWN_CHARS - 1).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lpc;
    use Rule::{Exact, Opening, Ranked, Stems};

    /// Everyday phrases a leader might type, the item each must mean, and the rule
    /// that must choose it.
    const PHRASES: &[(&str, &str, Rule)] = &[
        // Exact ids, labels, names and aliases.
        ("hosting style", "hosting-style", Exact),
        ("sharing power", "sharing-power", Exact),
        ("Sharing Power", "sharing-power", Exact),
        ("courage", "resilience-courage-and-bravery", Exact),
        (
            "Resilience, courage and bravery",
            "resilience-courage-and-bravery",
            Exact,
        ),
        (
            "‘nothing about us without us’",
            "co-production-and-partnership",
            Exact,
        ),
        ("Lead/Enable Others", "lead-enable-others", Exact),
        (
            "doing-things-differently",
            "doing-things-differently",
            Exact,
        ),
        ("delivering", "delivering", Exact),
        ("networks", "building-networks", Exact),
        // The opening words of a statement, description or theme meaning.
        (
            "Removes organisational obstacles…",
            "removing-obstacles",
            Opening,
        ),
        (
            "Removes organisational obstacles to change...",
            "removing-obstacles",
            Opening,
        ),
        (
            "Builds networks and connects people",
            "building-networks",
            Opening,
        ),
        ("builds networks", "building-networks", Opening),
        ("Builds trust to promote empathy", "trust", Opening),
        ("Warm and empathetic", "emotional-intelligence", Opening),
        ("Honest and genuine", "authenticity", Opening),
        (
            "Genuine commitment to co-production",
            "co-production-and-partnership",
            Opening,
        ),
        ("Flexible, demonstrates humility", "sharing-power", Opening),
        (
            "Adaptive leadership which includes a ‘hosting’ style",
            "hosting-style",
            Opening,
        ),
        (
            "Understanding of how to achieve change",
            "change-in-complex-systems",
            Opening,
        ),
        (
            "Understanding of the psychology",
            "psychology-of-behaviour-change",
            Opening,
        ),
        ("Leads from place", "system-influence", Opening),
        (
            "Sees people and communities as assets",
            "people-as-assets",
            Opening,
        ),
        (
            "Skills in dealing with large groups",
            "working-with-large-groups",
            Opening,
        ),
        (
            "Creates the conditions",
            "conditions-for-others-to-lead",
            Opening,
        ),
        (
            "Actively seeks opportunities to connect to national",
            "national-learning",
            Opening,
        ),
        (
            "Actively seeks opportunities to build coproduction",
            "coproduction-at-every-level",
            Opening,
        ),
        ("Has clear structure and steps", "delivery", Opening),
        ("How you show up as a leader", "being", Opening),
        // Other forms of the words of a label, name or alias.
        ("build networks", "building-networks", Stems),
        ("hosts", "hosting-style", Stems),
        ("hosted", "hosting-style", Stems),
        ("shares power", "sharing-power", Stems),
        ("co-producing", "co-production-and-partnership", Stems),
        ("co-creating", "collaboration-and-co-creation", Stems),
        ("listens", "listening-and-transparency", Stems),
        ("calculated risk", "resilience-courage-and-bravery", Stems),
        ("my courage", "resilience-courage-and-bravery", Stems),
        ("convene", "hosting-style", Stems),
        ("delegating", "lead-enable-others", Stems),
        ("accountable", "ownership-and-accountability", Stems),
        ("advocating", "relationships-and-advocacy", Stems),
        ("trusting", "trust", Stems),
        ("influencing policy", "system-influence", Stems),
        (
            "working with a large group",
            "working-with-large-groups",
            Stems,
        ),
        ("flexible", "sharing-power", Stems),
        ("strengths", "people-as-assets", Stems),
        // The gist of a quality or behaviour, found by the ranked search.
        (
            "reflecting on failure",
            "resilience-courage-and-bravery",
            Ranked,
        ),
        (
            "learning from failure",
            "resilience-courage-and-bravery",
            Ranked,
        ),
        ("taking risks", "resilience-courage-and-bravery", Ranked),
        (
            "reducing inequalities",
            "population-health-and-inequalities",
            Ranked,
        ),
        ("champion equality", "collaborative-and-inclusive", Ranked),
        ("galvanising people", "removing-obstacles", Ranked),
        ("trying new ideas", "doing-things-differently", Ranked),
        ("defensiveness", "mindset", Ranked),
        ("sha pow", "sharing-power", Ranked),
        // Misspellings that clearly win.
        ("hostng", "hosting-style", Ranked),
        ("hostng style", "hosting-style", Ranked),
        ("colaboration", "collaboration-and-co-creation", Ranked),
        ("lisening", "listening-and-transparency", Ranked),
        ("trsut", "trust", Ranked),
        ("coruage", "resilience-courage-and-bravery", Ranked),
    ];

    /// Phrases two or more items fit about as well, and items the refusal must name.
    const AMBIGUOUS: &[(&str, &[&str])] = &[
        (
            "builds",
            &[
                "trust",
                "building-networks",
                "common-purpose",
                "conditions-for-others-to-lead",
            ],
        ),
        ("deliver", &["delivering", "delivery"]),
        (
            "shared",
            &[
                "vision-shared-direction",
                "sharing-power",
                "ownership-and-accountability",
            ],
        ),
        (
            "care",
            &[
                "commitment-to-personalised-care",
                "knowledge-of-personalised-care",
            ],
        ),
        (
            "personalised care",
            &[
                "commitment-to-personalised-care",
                "knowledge-of-personalised-care",
            ],
        ),
        (
            "community",
            &[
                "community-holistic-thinking",
                "knowing-the-local-community",
                "conditions-for-others-to-lead",
            ],
        ),
        (
            "leads",
            &[
                "leading-and-visioning",
                "lead-enable-others",
                "conditions-for-others-to-lead",
            ],
        ),
        (
            "leads others",
            &["lead-enable-others", "conditions-for-others-to-lead"],
        ),
        (
            "others",
            &["lead-enable-others", "conditions-for-others-to-lead"],
        ),
        (
            "Actively seeks opportunities to",
            &["national-learning", "coproduction-at-every-level"],
        ),
        (
            "Understanding of",
            &[
                "population-health-and-inequalities",
                "change-in-complex-systems",
                "psychology-of-behaviour-change",
            ],
        ),
        (
            "coproducing",
            &[
                "co-production-and-partnership",
                "coproduction-at-every-level",
            ],
        ),
        (
            "empowers",
            &["empowering-participation", "lead-enable-others"],
        ),
        (
            "collaborating",
            &[
                "collaborative-and-inclusive",
                "collaboration-and-co-creation",
            ],
        ),
        ("system", &["system-influence", "change-in-complex-systems"]),
        (
            "health",
            &["people-as-assets", "population-health-and-inequalities"],
        ),
        (
            "network",
            &["building-networks", "change-in-complex-systems"],
        ),
        // Ties in the ranked search: names starting with the letters, words of statements.
        (
            "soc",
            &[
                "population-health-and-inequalities",
                "change-in-complex-systems",
            ],
        ),
        ("shar", &["sharing-power", "vision-shared-direction"]),
        (
            "quality",
            &[
                "collaboration-and-co-creation",
                "vision-shared-direction",
                "ownership-and-accountability",
            ],
        ),
        (
            "purpose",
            &[
                "authenticity",
                "positive-in-the-face-of-challenge",
                "common-purpose",
            ],
        ),
    ];

    /// Words that are not the framework's.
    const UNKNOWN: &[&str] = &[
        "gardening",
        "zzqx",
        "banana bread",
        "qwertyuiop",
        "kintsugi",
    ];

    #[test]
    fn every_everyday_phrase_means_its_item_by_its_rule() {
        let f = lpc();
        assert!(PHRASES.len() >= 40);
        let mut wrong = Vec::new();
        for &(phrase, id, rule) in PHRASES {
            match f.resolve_phrase_by_rule(phrase) {
                Ok((item, by)) if item.id() == id && by == rule => {}
                Ok((item, by)) => wrong.push(format!("{phrase:?}: {} by {by:?}", item.id())),
                Err(e) => wrong.push(format!("{phrase:?}: {e}")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn most_of_the_table_is_refused_by_exact_lookup_alone() {
        // The table tests the new rules, not only the exact names.
        let f = lpc();
        let refused = PHRASES
            .iter()
            .filter(|(p, ..)| f.resolve(p).is_none())
            .count();
        assert!(
            refused * 4 >= PHRASES.len() * 3,
            "{refused} of {}",
            PHRASES.len()
        );
    }

    #[test]
    fn every_exact_name_of_every_item_means_that_item() {
        let f = lpc();
        for item in f.items() {
            for name in item.names() {
                let found = f.resolve_phrase_by_rule(name);
                assert_eq!(
                    found.map(|(i, rule)| (i.id(), rule)),
                    Ok((item.id(), Exact)),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn every_full_statement_means_its_item() {
        let f = lpc();
        for item in f.items() {
            let found = f.resolve_phrase(item.text()).map(|i| i.id());
            assert_eq!(found, Ok(item.id()), "{}", item.text());
        }
    }

    #[test]
    fn close_phrases_are_refused_naming_the_candidates() {
        let f = lpc();
        for &(phrase, ids) in AMBIGUOUS {
            let err = match f.resolve_phrase(phrase) {
                Ok(item) => panic!("{phrase:?} should be ambiguous, not {}", item.id()),
                Err(err) => err,
            };
            let Unresolved::Ambiguous {
                text, candidates, ..
            } = &err
            else {
                panic!("{phrase:?}: {err}");
            };
            assert_eq!(text, phrase);
            assert!(candidates.len() >= 2 && candidates.len() <= MAX_CANDIDATES);
            let message = err.to_string();
            for id in ids {
                assert!(
                    candidates.iter().any(|c| c.id.as_str() == *id),
                    "{phrase:?} should name {id}: {message}"
                );
                assert!(message.contains(&format!("({id})")), "{message}");
            }
            assert_eq!(err.candidates(), candidates.as_slice());
        }
    }

    #[test]
    fn an_ambiguous_message_says_what_to_do() {
        let err = lpc().resolve_phrase("deliver").map(|i| i.id()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "'deliver' could mean 'Delivering' (delivering) or 'Delivery' (delivery): type more of the name"
        );
        assert_eq!(err.text(), Some("deliver"));
    }

    #[test]
    fn many_close_candidates_are_named_four_at_a_time_with_a_count_of_the_rest() {
        let err = lpc().resolve_phrase("change").map(|i| i.id()).unwrap_err();
        let Unresolved::Ambiguous {
            candidates, more, ..
        } = &err
        else {
            panic!("{err}");
        };
        assert_eq!(candidates.len(), MAX_CANDIDATES);
        assert!(*more >= 1, "{err}");
        assert_eq!(candidates[0].id.as_str(), "change-in-complex-systems");
        let others = if *more == 1 {
            "1 other item"
        } else {
            "other items"
        };
        assert!(err.to_string().contains(others), "{err}");
    }

    #[test]
    fn nonsense_is_unknown() {
        let f = lpc();
        for phrase in UNKNOWN {
            let err = f.resolve_phrase(phrase).map(|i| i.id()).unwrap_err();
            assert_eq!(
                err,
                Unresolved::Unknown {
                    text: (*phrase).to_owned(),
                    suggestion: None
                }
            );
            assert_eq!(
                err.to_string(),
                format!("'{phrase}' is not a theme, behaviour or quality of the framework")
            );
            assert!(err.candidates().is_empty());
        }
    }

    #[test]
    fn a_word_only_near_a_statement_is_offered_not_chosen() {
        // "stakeholders" is in one statement; a misspelling of it is only a hint.
        let f = lpc();
        let err = f.resolve_phrase("stakholders").map(|i| i.id()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "'stakholders' is not a theme, behaviour or quality of the framework; \
             did you mean 'Compelling narrative' (compelling-narrative)?"
        );
        assert_eq!(err.candidates().len(), 1);
        assert_eq!(
            f.resolve_phrase("stakeholders").map(|i| i.id()),
            Ok("compelling-narrative")
        );
    }

    #[test]
    fn empty_words_are_refused() {
        let f = lpc();
        for phrase in ["", "   ", " – ", "…", "..."] {
            let err = f.resolve_phrase(phrase).map(|i| i.id()).unwrap_err();
            assert_eq!(err, Unresolved::Empty, "{phrase:?}");
            assert_eq!(err.text(), None);
        }
        assert!(Unresolved::Empty.to_string().contains("hosting style"));
    }

    #[test]
    fn very_long_input_is_unknown_and_quoted_short() {
        let long = "trust ".repeat(170_000);
        let err = lpc().resolve_phrase(&long).map(|i| i.id()).unwrap_err();
        let Unresolved::Unknown { text, suggestion } = &err else {
            panic!("{err}");
        };
        assert_eq!(*suggestion, None);
        assert_eq!(text.chars().count(), SHOWN_CHARS);
        assert!(text.ends_with('…'));
    }

    #[test]
    fn the_longest_text_fits_under_the_phrase_limit() {
        let longest = lpc()
            .items()
            .map(|i| normalise(i.text()).chars().count())
            .max();
        assert!(longest.is_some_and(|n| n < MAX_PHRASE_CHARS), "{longest:?}");
    }

    #[test]
    fn the_margin_is_one_step_between_ways_of_matching() {
        let steps = [
            score::EXACT_NAME,
            score::NAME_PREFIX,
            score::NAME_WORD_PREFIX,
            score::NAME_CONTAINS,
            score::TEXT_WORDS,
            score::FUZZY_NAME,
            score::FUZZY_TEXT,
        ];
        assert!(steps.windows(2).all(|w| w[0] >= w[1] + RANKED_MARGIN));
        assert!(steps.windows(2).any(|w| w[0] == w[1] + RANKED_MARGIN));
        const { assert!(RANKED_MARGIN > 0 && RANKED_MIN_SCORE > score::FUZZY_TEXT) };
    }

    #[test]
    fn a_single_common_word_is_not_an_opening() {
        // "Builds" opens two statements and "Sees" two; too short to count as an opening.
        let f = lpc();
        assert!(f.opened_by("builds").is_empty());
        assert!(f.opened_by("sees").is_empty());
        assert!(f.opened_by("how you").is_empty());
        assert_eq!(f.opened_by("sees the big picture").len(), 1);
    }
}
