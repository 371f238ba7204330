//! The names a leader asks to watch for (colleagues, patients, family members):
//! found as whole words, ignoring case, however many words a name has.
//!
//! Words are runs of letters and digits, with apostrophes inside them ("O'Neill");
//! hyphens and spaces separate words, so "Smith" is found in "Smith-Jones" and "Tom
//! Reed" in "tom  reed" or "Tom-Reed". A possessive is part of the name ("Aisha's"
//! finds Aisha). No pattern is compiled from the names: the list is matched word by
//! word, so a long list costs nothing to prepare as the leader types.

use super::{Hit, IdentifierKind};
use std::collections::HashMap;

/// Watched names, ready to match: by their first word in lower case, each name's
/// words in lower case.
#[derive(Debug, Clone, Default)]
pub(crate) struct WatchList {
    by_first_word: HashMap<String, Vec<Vec<String>>>,
}

impl WatchList {
    /// Prepares `names`; blank ones are left out.
    pub(crate) fn new(names: &[String]) -> WatchList {
        let mut by_first_word: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for name in names {
            let words: Vec<String> = words(name)
                .into_iter()
                .map(|(s, e)| fold(&name[s..e]))
                .collect();
            if let Some(first) = words.first() {
                let entry = by_first_word.entry(first.clone()).or_default();
                if !entry.contains(&words) {
                    entry.push(words);
                }
            }
        }
        // Longest names first, so "Tom Reed" wins over "Tom" at the same place.
        for names in by_first_word.values_mut() {
            names.sort_by_key(|words| std::cmp::Reverse(words.len()));
        }
        WatchList { by_first_word }
    }

    /// Whether no name is watched.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_first_word.is_empty()
    }

    pub(super) fn find(&self, text: &str, out: &mut Vec<Hit>) {
        if self.is_empty() {
            return;
        }
        let words = words(text);
        let folded: Vec<String> = words.iter().map(|&(s, e)| fold(&text[s..e])).collect();
        for (i, first) in folded.iter().enumerate() {
            let Some(names) = self.by_first_word.get(first).or_else(|| {
                // "Aisha's" starts the name "Aisha".
                strip_possessive(first).and_then(|bare| self.by_first_word.get(bare))
            }) else {
                continue;
            };
            for name in names {
                if let Some(end) = matches_at(text, &words, &folded, i, name) {
                    if let Some(&(start, _)) = words.get(i) {
                        out.push(Hit::new(IdentifierKind::WatchedName, start, end));
                    }
                    break;
                }
            }
        }
    }
}

/// Where `name` ends (in bytes) when it starts at word `i` of the text, its words
/// following one another with only spaces or hyphens between.
fn matches_at(
    text: &str,
    words: &[(usize, usize)],
    folded: &[String],
    i: usize,
    name: &[String],
) -> Option<usize> {
    let mut end = 0;
    for (k, wanted) in name.iter().enumerate() {
        let &(start, word_end) = words.get(i + k)?;
        let got = folded.get(i + k)?;
        if k > 0 {
            let gap = text.get(end..start)?;
            if !gap.chars().all(|c| c.is_whitespace() || c == '-') {
                return None;
            }
        }
        end = if got == wanted {
            word_end
        } else if strip_possessive(got) == Some(wanted.as_str()) && k + 1 == name.len() {
            // The possessive stays outside the span: "[name removed]'s".
            word_end - (got.len() - wanted.len())
        } else {
            return None;
        };
    }
    Some(end)
}

/// "aisha" for "aisha's" or "aisha’s".
fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
}

/// A word in the form compared: lower case, as Unicode lowers it.
fn fold(word: &str) -> String {
    word.chars().flat_map(char::to_lowercase).collect()
}

/// The byte ranges of the words of `text`: runs of letters and digits, with
/// apostrophes between letters kept inside a word.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inside = c.is_alphanumeric()
            || (matches!(c, '\'' | '’')
                && start.is_some()
                && chars
                    .peek()
                    .is_some_and(|&(_, next)| next.is_alphanumeric()));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, names: &[&str]) -> Vec<String> {
        let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
        let mut hits = Vec::new();
        WatchList::new(&names).find(text, &mut hits);
        hits.iter()
            .map(|h| text.get(h.start..h.end).unwrap_or("").to_owned())
            .collect()
    }

    #[test]
    fn watched_names_are_found_as_whole_words_ignoring_case() {
        assert_eq!(
            found("I met Aisha and AISHA.", &["aisha"]),
            ["Aisha", "AISHA"]
        );
        assert_eq!(found("Aisha's mother rang", &["Aisha"]), ["Aisha"]);
        assert_eq!(
            found("tom  reed came; Tom-Reed too", &["Tom Reed"]),
            ["tom  reed", "Tom-Reed"]
        );
        assert_eq!(found("Sister O'Neill", &["o'neill"]), ["O'Neill"]);
        assert_eq!(found("Mr Smith-Jones", &["Smith"]), ["Smith"]);
        assert_eq!(found("ÉLODIE est là", &["élodie"]), ["ÉLODIE"]);
        assert_eq!(
            found("Tom Reed and Tom", &["Tom", "Tom Reed"]),
            ["Tom Reed", "Tom"]
        );
    }

    #[test]
    fn parts_of_words_blanks_and_split_names_are_not() {
        assert_eq!(found("Aishani was there", &["Aisha"]), Vec::<String>::new());
        assert_eq!(found("Tom, Reed", &["Tom Reed"]), Vec::<String>::new());
        assert_eq!(found("anything at all", &["", "  "]), Vec::<String>::new());
        assert!(WatchList::new(&["  ".into()]).is_empty());
        assert_eq!(found("Reed", &["Tom Reed"]), Vec::<String>::new());
    }
}
