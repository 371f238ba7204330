//! The search query language: parsed here into a small syntax tree, printed back in
//! its canonical form. No tantivy here: [`super::compile`] turns the tree into an index
//! query.
//!
//! | Write                         | Finds entries…                                                    |
//! |-------------------------------|-------------------------------------------------------------------|
//! | `delegate trust`              | containing every word (any form: "delegating" finds "delegated")  |
//! | `"shared decision"`           | containing the exact phrase                                       |
//! | `-budget`, `-"away day"`      | not containing the word or phrase                                 |
//! | `tag:hosting`                 | tagged with the item (id, label or alias), or anything under it   |
//! | `tag:"sharing power"`         | quotes allow spaces; an item's whole name needs none              |
//! | `theme:delivering`            | tagged with anything in the theme                                 |
//! | `label:board`                 | carrying the label (any case)                                     |
//! | `after:2026-01-01`            | dated on or after the day (also `2026-01`, `2026`, `yesterday`, `friday`, `"last friday"`, `"3 days ago"`) |
//! | `before:2026-03-31`           | dated on or before the day (`before:2026-03` = up to 31 March)   |
//! | `on:2026-03-04`               | dated that day (`on:2026-03` = that month)                        |
//! | `template:nmc`                | written with the template (`rolfe`, `gibbs`, `nmc`, `what-why-how`, `what-next`, `free`) |
//! | `code:safety`                 | an NMC account relevant to that theme of the Code (`people`, `effectively`, `safety`, `trust`) |
//! | `field:now-what delegate`     | with the words in that template field (also `title`)              |
//! | `now-what:delegate`           | shorthand: that one word in that field                            |
//! | `starred:yes`                 | starred (or `starred:no`)                                         |
//!
//! Any key can be excluded with `-` (`-tag:hosting`), except `field:`. Words of four
//! letters or more also match misspellings (one letter off; two from eight letters),
//! ranked below exact matches (in the title and text; a word aimed at one template
//! field must be spelt right). The last plain word also matches as the start of a word,
//! for search as you type. An empty query finds every entry, newest first.

pub use crate::error::QueryError;
use crate::error::ValidationError;
pub use crate::limits::{MAX_CLAUSES, MAX_QUERY_CHARS};
use crate::model::{CodeTheme, Template};
use crate::validate::{canonical_theme, either_of};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;
use waymark_framework::{TagId, ThemeId, Unresolved, lpc};

/// A parsed query: what to find and what to leave out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// Every word, phrase and filter, in the order written.
    pub clauses: Vec<Clause>,
    /// Fields named with `field:`; words without their own field search only these.
    pub fields: Vec<String>,
}

/// One part of a query, with where it was written: the desktop's filter controls read
/// these rather than parsing the text again, and rewrite the text by these spans.
///
/// Positions count characters (Unicode scalar values, as `str::chars` does), not bytes
/// and not UTF-16 units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Clause {
    /// What it matches.
    pub kind: ClauseKind,
    /// Written with a leading `-`: entries matching it are left out.
    pub negated: bool,
    /// Character (0-based) where it starts, at its `-` if negated.
    pub start: usize,
    /// Character just after it (the text of the clause is `start..end`).
    pub end: usize,
}

/// What a clause matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
#[ts(export)]
pub enum ClauseKind {
    /// A word, in any form; misspellings too.
    Word {
        /// As typed.
        text: String,
        /// A template field (or `title`) it is restricted to.
        field: Option<String>,
        /// The last plain word: also matches as the start of a word.
        prefix: bool,
    },
    /// Words in this order.
    Phrase {
        /// As typed, without quotes.
        text: String,
        /// A template field (or `title`) it is restricted to.
        field: Option<String>,
    },
    /// A framework item and everything under it.
    Tag {
        /// The item asked for.
        id: TagId,
        /// It and its descendants: any of them matches. (Not sent to the UI, which has
        /// the framework.)
        #[serde(skip)]
        any_of: Vec<TagId>,
    },
    /// Any tag in the theme.
    Theme(ThemeId),
    /// A free label (lowercased).
    Label(String),
    /// A date range, both ends inclusive.
    Date {
        /// First day, if bounded.
        #[ts(type = "string | null")]
        from: Option<NaiveDate>,
        /// Last day, if bounded.
        #[ts(type = "string | null")]
        to: Option<NaiveDate>,
    },
    /// Written with this template.
    Template(Template),
    /// An NMC account relevant to this theme of the Code.
    Code(CodeTheme),
    /// Starred or not.
    Starred(bool),
}

impl ParsedQuery {
    /// True when the query has no clauses at all (it finds every entry).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when a word or phrase asks for text, so relevance ranking means something.
    pub fn has_text(&self) -> bool {
        self.clauses.iter().any(|c| {
            !c.negated && matches!(c.kind, ClauseKind::Word { .. } | ClauseKind::Phrase { .. })
        })
    }
}

/// The keys of the language, for messages and checks.
const KEYS: &[&str] = &[
    "tag", "theme", "label", "after", "before", "on", "template", "code", "field", "starred",
];

/// Parses a query. See the module documentation for the language.
///
/// ```
/// use waymark_journal::query::{parse, ClauseKind};
/// let q = parse(r#"delegat* "sharing power" tag:hosting -budget"#).unwrap();
/// assert_eq!(q.clauses.len(), 4);
/// assert!(matches!(q.clauses[2].kind, ClauseKind::Tag { .. }));
/// assert!(q.clauses[3].negated);
/// ```
pub fn parse(input: &str) -> Result<ParsedQuery, QueryError> {
    parse_on(input, chrono::Local::now().date_naive())
}

/// [`parse`], with `today` the day natural dates count from (`after:yesterday`,
/// `before:"last friday"`, `after:"3 days ago"`).
///
/// ```
/// use chrono::NaiveDate;
/// use waymark_journal::query::{parse_on, ClauseKind};
/// let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(); // a Wednesday
/// let q = parse_on(r#"after:"last friday""#, today).unwrap();
/// assert_eq!(q.to_string(), "after:2026-02-27");
/// ```
pub fn parse_on(input: &str, today: NaiveDate) -> Result<ParsedQuery, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Err(QueryError::TooLong);
    }
    let mut query = ParsedQuery::default();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut negated = false;
        if chars[i] == '-' {
            match chars.get(i + 1) {
                Some(c) if !c.is_whitespace() => {
                    negated = true;
                    i += 1;
                }
                // A lone dash means nothing.
                _ => {
                    i += 1;
                    continue;
                }
            }
        }
        if chars[i] == '"' {
            let (text, next) = quoted(&chars, i)?;
            i = next;
            if !text.trim().is_empty() {
                query.clauses.push(Clause {
                    kind: ClauseKind::Phrase { text, field: None },
                    negated,
                    start,
                    end: i,
                });
            }
            continue;
        }
        // A bare token runs to the next space or quote.
        let token_start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let token: String = chars[token_start..i].iter().collect();
        match split_key(&token) {
            Some((key, rest)) => {
                let key = key.to_ascii_lowercase();
                let value = if rest.is_empty() && chars.get(i) == Some(&'"') {
                    let (text, next) = quoted(&chars, i)?;
                    i = next;
                    text
                } else if key == "tag" {
                    // `tag:Hosting style` means the item, not the tag and the word "style".
                    let (name, next) = item_name_from(&chars, rest, i);
                    i = next;
                    name
                } else {
                    rest.to_owned()
                };
                keyed(&mut query, &key, value.trim(), negated, (start, i), today)?;
            }
            None => query.clauses.push(Clause {
                kind: ClauseKind::Word {
                    text: token,
                    field: None,
                    prefix: false,
                },
                negated,
                start,
                end: i,
            }),
        }
        if query.clauses.len() > MAX_CLAUSES {
            return Err(QueryError::TooLong);
        }
    }
    if !query.clauses.is_empty() && query.clauses.iter().all(|c| c.negated) {
        return Err(QueryError::OnlyExclusions);
    }
    // Search as you type: the last plain word may be unfinished.
    if let Some(ClauseKind::Word { prefix, .. }) = query
        .clauses
        .iter_mut()
        .rev()
        .find(|c| !c.negated && matches!(c.kind, ClauseKind::Word { .. }))
        .map(|c| &mut c.kind)
    {
        *prefix = true;
    }
    Ok(query)
}

/// The most words a framework item's name runs to after `tag:` without quotes.
const MAX_NAME_WORDS: usize = 8;

/// A `tag:` value written without quotes: `first`, and as many of the words after it
/// (from `chars[next]` on) as make the longest whole name of a framework item ("Hosting
/// style", "Removes organisational obstacles"); just `first` when none do. Returns the
/// value and where reading goes on.
fn item_name_from(chars: &[char], first: &str, next: usize) -> (String, usize) {
    // `tag: hosting` is an empty tag: the space ends it, as for every other key.
    if first.is_empty() {
        return (String::new(), next);
    }
    let (mut best, mut best_end) = (first.to_owned(), next);
    let mut name = first.to_owned();
    let mut i = next;
    for _ in 0..MAX_NAME_WORDS {
        let word_start = (i..chars.len()).find(|&j| !chars[j].is_whitespace());
        let Some(word_start) = word_start else { break };
        let mut end = word_start;
        while end < chars.len() && !chars[end].is_whitespace() && chars[end] != '"' {
            end += 1;
        }
        let word: String = chars[word_start..end].iter().collect();
        // A key or an exclusion starts the next term.
        if word.is_empty() || word.starts_with('-') || split_key(&word).is_some() {
            break;
        }
        name.push(' ');
        name.push_str(&word);
        i = end;
        if lpc().resolve(&name).is_some() {
            (best, best_end) = (name.clone(), end);
        }
    }
    (best, best_end)
}

/// Reads a quoted string starting at the quote `chars[open]`; returns it and the index after the closing quote.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let close = chars[open + 1..]
        .iter()
        .position(|c| *c == '"')
        .ok_or(QueryError::UnclosedQuote { position: open })?;
    let end = open + 1 + close;
    Ok((chars[open + 1..end].iter().collect(), end + 1))
}

/// `key:rest` when the token starts with a word of letters and dashes and a colon.
/// "10:30" and ":)" are words, not keys.
fn split_key(token: &str) -> Option<(&str, &str)> {
    let (key, rest) = token.split_once(':')?;
    let mut chars = key.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphabetic() || c == '-'))
        .then_some((key, rest))
}

/// Adds the clause for `key:value`, written at characters `span` (start, end).
fn keyed(
    query: &mut ParsedQuery,
    key: &str,
    value: &str,
    negated: bool,
    span: (usize, usize),
    today: NaiveDate,
) -> Result<(), QueryError> {
    let (position, end) = span;
    let template_key = Template::field_keys()
        .into_iter()
        .find(|k| *k == key)
        .or((key == "title").then_some("title"));
    if !KEYS.contains(&key) && template_key.is_none() {
        return Err(QueryError::UnknownKey {
            key: key.to_owned(),
            position,
        });
    }
    if value.is_empty() {
        let example = match key {
            "tag" => "hosting",
            "theme" => "delivering",
            "label" => "board",
            "after" | "before" | "on" => "2026-03-04",
            "template" => "rolfe",
            "code" => "safety",
            "field" => "now-what",
            "starred" => "yes",
            _ => "word",
        };
        return Err(QueryError::EmptyValue {
            key: key.to_owned(),
            position,
            example: example.to_owned(),
        });
    }
    let kind = match key {
        "tag" => {
            let item = lpc()
                .resolve_phrase(value)
                .map_err(|problem| match problem {
                    Unresolved::Ambiguous { candidates, .. } => QueryError::AmbiguousTag {
                        value: value.to_owned(),
                        position,
                        candidates: either_of(&candidates, "tag:"),
                    },
                    Unresolved::Unknown { suggestion, .. } => QueryError::UnknownTag {
                        value: value.to_owned(),
                        position,
                        suggestion: suggestion.map(|c| format!("tag:{} ({})", c.id, c.label)),
                    },
                    Unresolved::Empty => QueryError::UnknownTag {
                        value: value.to_owned(),
                        position,
                        suggestion: None,
                    },
                })?;
            ClauseKind::Tag {
                id: TagId(item.id().to_owned()),
                any_of: lpc().with_descendants(item.id()),
            }
        }
        "theme" => ClauseKind::Theme(resolve_theme(value, position)?),
        "label" => ClauseKind::Label(value.to_lowercase()),
        "after" | "before" | "on" => {
            let (first, last) = date_range(value, today).ok_or_else(|| QueryError::BadDate {
                value: value.to_owned(),
                position,
            })?;
            match key {
                "after" => ClauseKind::Date {
                    from: Some(first),
                    to: None,
                },
                "before" => ClauseKind::Date {
                    from: None,
                    to: Some(last),
                },
                _ => ClauseKind::Date {
                    from: Some(first),
                    to: Some(last),
                },
            }
        }
        "template" => ClauseKind::Template(value.parse::<Template>().map_err(|_| {
            QueryError::UnknownTemplate {
                value: value.to_owned(),
                position,
            }
        })?),
        "code" => ClauseKind::Code(value.parse::<CodeTheme>().map_err(|_| {
            QueryError::UnknownCodeTheme {
                value: value.to_owned(),
                position,
            }
        })?),
        "starred" => match value.to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" | "1" => ClauseKind::Starred(true),
            "no" | "n" | "false" | "0" => ClauseKind::Starred(false),
            _ => {
                return Err(QueryError::BadValue {
                    key: key.to_owned(),
                    value: value.to_owned(),
                    position,
                    expected: "starred:yes or starred:no".to_owned(),
                });
            }
        },
        "field" => {
            if negated {
                return Err(QueryError::CannotExclude {
                    key: key.to_owned(),
                    position,
                });
            }
            let name = value.to_ascii_lowercase();
            if name != "title" && !Template::field_keys().contains(&name.as_str()) {
                return Err(QueryError::UnknownField {
                    value: value.to_owned(),
                    position,
                });
            }
            if !query.fields.contains(&name) {
                query.fields.push(name);
            }
            return Ok(());
        }
        // A template field (or title) as the key: `now-what:delegate`.
        _ => {
            let field = template_key.map(str::to_owned);
            if value.chars().any(char::is_whitespace) {
                ClauseKind::Phrase {
                    text: value.to_owned(),
                    field,
                }
            } else {
                ClauseKind::Word {
                    text: value.to_owned(),
                    field,
                    prefix: false,
                }
            }
        }
    };
    query.clauses.push(Clause {
        kind,
        negated,
        start: position,
        end,
    });
    Ok(())
}

/// The characters (start, end) of the term a query error points at, for showing the
/// mistake where it was typed: the whole term (`-tag:"hostng"`), or from an unclosed
/// quote to the end. `None` for errors about the whole query.
///
/// ```
/// use waymark_journal::query::{error_span, parse};
/// let text = r#"trust tag:"qqq zzz" after:2026"#;
/// let e = parse(text).unwrap_err();
/// assert_eq!(error_span(text, &e), Some((6, 19)));
/// ```
pub fn error_span(input: &str, error: &QueryError) -> Option<(usize, usize)> {
    let start = error.position()?;
    let chars: Vec<char> = input.chars().collect();
    if start >= chars.len() {
        return None;
    }
    if matches!(error, QueryError::UnclosedQuote { .. }) {
        return Some((start, chars.len()));
    }
    Some((start, term_end(&chars, start)))
}

/// Where the term starting at `start` ends, read the way [`parse`] reads it.
fn term_end(chars: &[char], start: usize) -> usize {
    let after_quote = |open: usize| {
        chars[open + 1..]
            .iter()
            .position(|c| *c == '"')
            .map_or(chars.len(), |close| open + close + 2)
    };
    let mut i = start;
    if chars.get(i) == Some(&'-') {
        i += 1;
    }
    if chars.get(i) == Some(&'"') {
        return after_quote(i);
    }
    let token_start = i;
    while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
        i += 1;
    }
    let token: String = chars[token_start..i].iter().collect();
    match split_key(&token) {
        Some((_, "")) if chars.get(i) == Some(&'"') => after_quote(i),
        _ => i,
    }
}

fn resolve_theme(value: &str, position: usize) -> Result<ThemeId, QueryError> {
    canonical_theme(value).map_err(|e| {
        let suggestion = match e {
            ValidationError::UnknownTheme { suggestion, .. } => suggestion,
            _ => None,
        };
        QueryError::UnknownTheme {
            value: value.to_owned(),
            position,
            // A behaviour or quality named instead: suggest its theme.
            suggestion: suggestion.map(|id| format!("theme:{id}")),
        }
    })
}

/// First and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
/// The first and last day a date value covers: a year, a month, a day, or a day said
/// the way people say it (`yesterday`, `friday`, `last friday`, `3 days ago`).
fn date_range(value: &str, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    // Digits alone are a calendar date, checked strictly ("2026-1-01" is refused);
    // words ("friday", "3 days ago") are a day said the way people say it.
    let in_words = !value.starts_with(|c: char| c.is_ascii_digit()) || value.contains(' ');
    if !in_words {
        return calendar_range(value);
    }
    let day = crate::natural_date::parse_day(value, today).ok()?;
    Some((day, day))
}

/// The days a year (`2026`), a month (`2026-03`) or a day (`2026-03-04`) covers.
fn calendar_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, len: usize| -> Option<u32> {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
    match parts.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        2 => {
            let first = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, number(parts[2], 2)?)?;
            Some((day, day))
        }
        _ => None,
    }
}

impl fmt::Display for ParsedQuery {
    /// The query written back in canonical form (ids instead of labels).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for field in &self.fields {
            parts.push(format!("field:{field}"));
        }
        for clause in &self.clauses {
            let dash = if clause.negated { "-" } else { "" };
            let part = match &clause.kind {
                ClauseKind::Word { text, field, .. } => match field {
                    Some(field) => format!("{field}:{text}"),
                    None => text.clone(),
                },
                ClauseKind::Phrase { text, field } => match field {
                    Some(field) => format!("{field}:\"{text}\""),
                    None => format!("\"{text}\""),
                },
                ClauseKind::Tag { id, .. } => format!("tag:{id}", id = id.as_str()),
                ClauseKind::Theme(id) => format!("theme:{}", id.as_str()),
                ClauseKind::Label(label) if label.contains(' ') => format!("label:\"{label}\""),
                ClauseKind::Label(label) => format!("label:{label}"),
                ClauseKind::Date { from, to } => match (from, to) {
                    (Some(a), Some(b)) if a == b => format!("on:{a}"),
                    (Some(a), Some(b)) => format!("after:{a} before:{b}"),
                    (Some(a), None) => format!("after:{a}"),
                    (None, Some(b)) => format!("before:{b}"),
                    (None, None) => String::new(),
                },
                ClauseKind::Template(t) => format!("template:{t}"),
                ClauseKind::Code(theme) => format!("code:{theme}"),
                ClauseKind::Starred(yes) => format!("starred:{}", if *yes { "yes" } else { "no" }),
            };
            parts.push(format!("{dash}{part}"));
        }
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the tests' natural dates count from: Wednesday 4 March 2026.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default()
    }

    fn ok(q: &str) -> ParsedQuery {
        match parse_on(q, today()) {
            Ok(p) => p,
            Err(e) => panic!("{q:?} failed: {e}"),
        }
    }

    fn err(q: &str) -> QueryError {
        match parse_on(q, today()) {
            Ok(p) => panic!("{q:?} parsed as {p:?}"),
            Err(e) => e,
        }
    }

    fn word(text: &str, prefix: bool) -> ClauseKind {
        ClauseKind::Word {
            text: text.into(),
            field: None,
            prefix,
        }
    }

    #[test]
    fn empty_and_blank_queries_have_no_clauses() {
        assert!(ok("").is_empty());
        assert!(ok("   \t ").is_empty());
        assert!(ok(" - ").is_empty());
        assert!(ok("\"\"").is_empty());
    }

    #[test]
    fn words_and_the_last_is_a_prefix() {
        let q = ok("shared  decision deleg");
        let kinds: Vec<_> = q.clauses.iter().map(|c| c.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                word("shared", false),
                word("decision", false),
                word("deleg", true)
            ]
        );
        assert_eq!((q.clauses[2].start, q.clauses[2].end), (17, 22));
        assert!(q.has_text());
    }

    #[test]
    fn last_plain_word_is_prefix_even_before_filters_but_not_if_negated() {
        let q = ok("trust deleg tag:hosting -budget");
        assert_eq!(q.clauses[1].kind, word("deleg", true));
        assert_eq!(q.clauses[0].kind, word("trust", false));
        assert_eq!(
            q.clauses[3].kind,
            word("budget", false),
            "negated words are never prefixes"
        );
    }

    #[test]
    fn phrases_and_exclusions() {
        let q = ok(r#"trust "shared decision" -budget -"away day""#);
        assert_eq!(q.clauses.len(), 4);
        assert_eq!(
            q.clauses[1].kind,
            ClauseKind::Phrase {
                text: "shared decision".into(),
                field: None
            }
        );
        assert!(q.clauses[2].negated && q.clauses[3].negated);
        assert_eq!(q.clauses[3].start, 32);
    }

    #[test]
    fn unclosed_quote_says_where() {
        assert_eq!(
            err(r#"trust "shared decision"#),
            QueryError::UnclosedQuote { position: 6 }
        );
        assert_eq!(
            err(r#"tag:"sharing power"#),
            QueryError::UnclosedQuote { position: 4 }
        );
        assert!(err(r#"a "b"#).to_string().contains("character 3"));
    }

    #[test]
    fn tags_resolve_ids_labels_and_aliases() {
        let q = ok(r#"tag:hosting tag:"sharing power" tag:being"#);
        let ClauseKind::Tag { id, any_of } = &q.clauses[0].kind else {
            panic!("not a tag: {:?}", q.clauses[0]);
        };
        assert_eq!(id.as_str(), "hosting-style");
        assert!(any_of.iter().any(|t| t.as_str() == "hosting-style"));
        let ClauseKind::Tag { id, .. } = &q.clauses[1].kind else {
            panic!("not a tag");
        };
        assert_eq!(id.as_str(), "sharing-power");
        let ClauseKind::Tag { any_of, .. } = &q.clauses[2].kind else {
            panic!("not a tag");
        };
        assert!(any_of.len() > 3, "a theme expands to what sits under it");
        assert!(any_of.iter().any(|t| t.as_str() == "authenticity"));
    }

    #[test]
    fn an_items_own_name_follows_tag_without_quotes() {
        let q = ok("tag:Hosting style budget");
        assert_eq!(q.clauses.len(), 2, "{q:?}");
        let ClauseKind::Tag { id, .. } = &q.clauses[0].kind else {
            panic!("not a tag: {:?}", q.clauses[0]);
        };
        assert_eq!(id.as_str(), "hosting-style");
        assert!(matches!(&q.clauses[1].kind, ClauseKind::Word { text, .. } if text == "budget"));
        // The longest name wins, and a word that makes no name stays a word.
        let q = ok("tag:Removing obstacles trust");
        let ClauseKind::Tag { id, .. } = &q.clauses[0].kind else {
            panic!("not a tag");
        };
        assert_eq!(id.as_str(), "removing-obstacles", "{q:?}");
        assert_eq!(q.clauses.len(), 2);
        let q = ok("tag:hosting trust -budget");
        assert_eq!(q.clauses.len(), 3, "{q:?}");
        assert!(q.clauses[2].negated);
    }

    #[test]
    fn unknown_tag_suggests() {
        let e = err("trust tag:stakholders");
        let QueryError::UnknownTag {
            value,
            position,
            suggestion,
        } = &e
        else {
            panic!("{e:?}");
        };
        assert_eq!(value, "stakholders");
        assert_eq!(*position, 6);
        assert!(
            suggestion
                .as_deref()
                .unwrap_or("")
                .contains("tag:compelling-narrative"),
            "{e}"
        );
        assert!(e.to_string().contains("did you mean"), "{e}");
        assert!(matches!(
            err("tag:zzqx"),
            QueryError::UnknownTag {
                suggestion: None,
                ..
            }
        ));
    }

    #[test]
    fn tags_take_the_words_leaders_use() {
        let tag = |q: &str| match &ok(q).clauses[0].kind {
            ClauseKind::Tag { id, .. } => id.as_str().to_owned(),
            other => panic!("{q:?} gave {other:?}"),
        };
        // A clear misspelling, a word form, a statement's opening words.
        assert_eq!(tag("tag:hostin"), "hosting-style");
        assert_eq!(tag(r#"tag:"shares power""#), "sharing-power");
        assert_eq!(tag(r#"tag:"builds networks""#), "building-networks");
        assert_eq!(
            tag(r#"tag:"Removes organisational obstacles""#),
            "removing-obstacles"
        );
    }

    #[test]
    fn an_ambiguous_tag_names_the_items_it_could_mean() {
        let e = err("budget tag:deliver");
        let QueryError::AmbiguousTag {
            position,
            candidates,
            ..
        } = &e
        else {
            panic!("{e:?}");
        };
        assert_eq!(*position, 7);
        assert!(candidates.contains("tag:delivering"), "{e}");
        assert!(candidates.contains("tag:delivery"), "{e}");
        assert_eq!(e.position(), Some(7));
    }

    #[test]
    fn themes() {
        assert_eq!(
            ok("theme:delivering").clauses[0].kind,
            ClauseKind::Theme(ThemeId("delivering".into()))
        );
        assert_eq!(
            ok("theme:Relating").clauses[0].kind,
            ClauseKind::Theme(ThemeId("relating-and-communicating".into()))
        );
        let e = err("theme:hosting");
        assert!(matches!(e, QueryError::UnknownTheme { .. }), "{e:?}");
        assert!(e.to_string().contains("theme:"), "{e}");
        assert!(matches!(
            err("theme:zzzzqqq"),
            QueryError::UnknownTheme { .. }
        ));
    }

    #[test]
    fn labels_are_lowercased_and_may_be_quoted() {
        assert_eq!(
            ok(r#"label:"Team Away Day""#).clauses[0].kind,
            ClauseKind::Label("team away day".into())
        );
        assert_eq!(
            ok("LABEL:Board").clauses[0].kind,
            ClauseKind::Label("board".into())
        );
    }

    #[test]
    fn dates_are_inclusive_and_checked() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        // Days said in words count from today (Wednesday 4 March 2026 here) and are
        // written back as the days they mean.
        assert_eq!(ok("after:yesterday").to_string(), "after:2026-03-03");
        assert_eq!(
            ok(r#"after:"3 days ago" before:Friday"#).to_string(),
            "after:2026-03-01 before:2026-02-27"
        );
        assert_eq!(ok("on:today").to_string(), "on:2026-03-04");
        assert_eq!(
            ok("after:2026-01-31").clauses[0].kind,
            ClauseKind::Date {
                from: d(2026, 1, 31),
                to: None
            }
        );
        assert_eq!(
            ok("before:2026-02").clauses[0].kind,
            ClauseKind::Date {
                from: None,
                to: d(2026, 2, 28)
            }
        );
        assert_eq!(
            ok("on:2024-12").clauses[0].kind,
            ClauseKind::Date {
                from: d(2024, 12, 1),
                to: d(2024, 12, 31)
            }
        );
        assert_eq!(
            ok("on:2025").clauses[0].kind,
            ClauseKind::Date {
                from: d(2025, 1, 1),
                to: d(2025, 12, 31)
            }
        );
        for bad in [
            "after:2026-13-01",
            "on:2026-02-30",
            "before:tomorrow",
            "on:26-1-1",
            "on:2026-1-01",
        ] {
            let e = err(bad);
            assert!(
                matches!(e, QueryError::BadDate { position: 0, .. }),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn templates_starred_and_fields() {
        assert_eq!(
            ok("template:Gibbs").clauses[0].kind,
            ClauseKind::Template(Template::Gibbs)
        );
        assert_eq!(
            ok("template:what-why-how").clauses[0].kind,
            ClauseKind::Template(Template::WhatWhyHow)
        );
        assert_eq!(
            ok("code:Safety").clauses[0].kind,
            ClauseKind::Code(CodeTheme::PreserveSafety)
        );
        assert_eq!(
            ok("handover -code:trust").to_string(),
            "handover -code:promote-professionalism"
        );
        assert!(matches!(
            err("code:kindness"),
            QueryError::UnknownCodeTheme { position: 0, .. }
        ));
        assert!(matches!(
            err("template:kolb"),
            QueryError::UnknownTemplate { .. }
        ));
        assert_eq!(ok("starred:yes").clauses[0].kind, ClauseKind::Starred(true));
        assert_eq!(ok("starred:no").clauses[0].kind, ClauseKind::Starred(false));
        assert!(matches!(err("starred:maybe"), QueryError::BadValue { .. }));

        let q = ok("field:now-what delegate");
        assert_eq!(q.fields, vec!["now-what".to_owned()]);
        assert_eq!(q.clauses[0].kind, word("delegate", true));
        assert!(matches!(
            err("field:whenever x"),
            QueryError::UnknownField { .. }
        ));
        assert!(matches!(
            err("-field:now-what x"),
            QueryError::CannotExclude { .. }
        ));

        assert_eq!(
            ok("now-what:delegate").clauses[0].kind,
            ClauseKind::Word {
                text: "delegate".into(),
                field: Some("now-what".into()),
                prefix: true
            }
        );
        assert_eq!(
            ok(r#"feelings:"quite anxious""#).clauses[0].kind,
            ClauseKind::Phrase {
                text: "quite anxious".into(),
                field: Some("feelings".into())
            }
        );
    }

    #[test]
    fn unknown_keys_and_empty_values() {
        assert_eq!(
            err("trust foo:bar"),
            QueryError::UnknownKey {
                key: "foo".into(),
                position: 6
            }
        );
        let e = err("tag: hosting");
        assert!(
            matches!(e, QueryError::EmptyValue { position: 0, .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("tag:hosting"), "{e}");
        assert!(matches!(err(r#"label:"""#), QueryError::EmptyValue { .. }));
        // Not keys: times, smileys, text after a digit.
        assert_eq!(ok("10:30").clauses[0].kind, word("10:30", true));
        assert_eq!(ok(":)").clauses.len(), 1);
    }

    #[test]
    fn only_exclusions_is_refused() {
        assert_eq!(err("-budget"), QueryError::OnlyExclusions);
        assert_eq!(
            err(r#"-budget -"away day" -tag:hosting"#),
            QueryError::OnlyExclusions
        );
        assert!(ok("-budget tag:hosting").clauses.len() == 2);
        assert!(ok("-tag:hosting starred:yes").clauses[0].negated);
    }

    #[test]
    fn too_long_is_refused() {
        assert_eq!(err(&"a".repeat(MAX_QUERY_CHARS + 1)), QueryError::TooLong);
        assert_eq!(err(&"word ".repeat(MAX_CLAUSES + 1)), QueryError::TooLong);
    }

    #[test]
    fn display_writes_the_canonical_form() {
        let q = ok(r#"field:now-what deleg "a b" -tag:"sharing power" on:2026-03-04 starred:yes"#);
        assert_eq!(
            q.to_string(),
            r#"field:now-what deleg "a b" -tag:sharing-power on:2026-03-04 starred:yes"#
        );
    }

    #[test]
    fn no_panic_on_odd_input() {
        for q in [
            "\"",
            "-",
            "--",
            "-\"",
            ":",
            "a:",
            "tag:\"",
            "\u{0}",
            "é:x",
            "-:",
            "\"\"\"",
            "tag:\"\"",
            "ünïcödé wörds",
            "a\"b\"c",
            "on:",
            "on:9999-99-99",
            "on:0000",
        ] {
            let _ = parse(q);
        }
    }

    #[test]
    fn each_clause_knows_the_characters_it_was_written_in() {
        let text = r#"trust -tag:"sharing power" "away day" theme:being é-word"#;
        let q = ok(text);
        let chars: Vec<char> = text.chars().collect();
        let written: Vec<String> = q
            .clauses
            .iter()
            .map(|c| chars[c.start..c.end].iter().collect())
            .collect();
        assert_eq!(
            written,
            vec![
                "trust",
                r#"-tag:"sharing power""#,
                r#""away day""#,
                "theme:being",
                "é-word"
            ]
        );
    }

    #[test]
    fn an_error_points_at_the_whole_term_it_is_about() {
        let span = |text: &str| error_span(text, &err(text));
        assert_eq!(span("trust tag:qqqzzz after:2026"), Some((6, 16)));
        assert_eq!(span(r#"a -theme:"not one""#), Some((2, 18)));
        assert_eq!(
            span(r#"a "away day"#),
            Some((2, 11)),
            "an open quote runs to the end"
        );
        assert_eq!(span("on:2026-13-01 trust"), Some((0, 13)));
        assert_eq!(
            span("-budget"),
            None,
            "a problem with the whole query has no place"
        );
    }

    #[test]
    fn clauses_reach_the_ui_as_kind_and_value() {
        let q = ok("tag:hosting after:2026-03 starred:yes");
        let json = serde_json::to_value(&q.clauses).expect("clauses serialise");
        assert_eq!(json[0]["kind"]["kind"], "tag");
        assert_eq!(json[0]["kind"]["value"]["id"], "hosting-style");
        assert!(
            json[0]["kind"]["value"].get("any_of").is_none(),
            "descendants stay in the engine"
        );
        assert_eq!(json[1]["kind"]["value"]["from"], "2026-03-01");
        assert_eq!(json[1]["kind"]["value"]["to"], serde_json::Value::Null);
        assert_eq!(json[2]["kind"]["value"], true);
        assert_eq!(
            (json[2]["start"].as_u64(), json[2]["end"].as_u64()),
            (Some(26), Some(37))
        );
    }
}
