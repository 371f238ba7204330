//! The search query language: parsed here into a small syntax tree, then built into a
//! tantivy query by [`build`].
//!
//! | Write                         | Finds entries…                                                    |
//! |-------------------------------|-------------------------------------------------------------------|
//! | `delegate trust`              | containing every word (any form: "delegating" finds "delegated")  |
//! | `"shared decision"`           | containing the exact phrase                                       |
//! | `-budget`, `-"away day"`      | not containing the word or phrase                                 |
//! | `tag:hosting`                 | tagged with the item (id, label or alias), or anything under it   |
//! | `tag:"sharing power"`         | quotes allow spaces                                               |
//! | `theme:delivering`            | tagged with anything in the theme                                 |
//! | `label:board`                 | carrying the label (any case)                                     |
//! | `after:2026-01-01`            | dated on or after the day (also `2026-01` or `2026`)              |
//! | `before:2026-03-31`           | dated on or before the day (`before:2026-03` = up to 31 March)   |
//! | `on:2026-03-04`               | dated that day (`on:2026-03` = that month)                        |
//! | `template:rolfe`              | written with the template (`free`, `rolfe`, `gibbs`)              |
//! | `field:now-what delegate`     | with the words in that template field (also `title`)              |
//! | `now-what:delegate`           | shorthand: that one word in that field                            |
//! | `starred:yes`                 | starred (or `starred:no`)                                         |
//!
//! Any key can be excluded with `-` (`-tag:hosting`), except `field:`. Words of four
//! letters or more also match misspellings (one letter off; two from eight letters),
//! ranked below exact matches (in the title and text; a word aimed at one template
//! field must be spelt right). The last plain word also matches as the start of a word,
//! for search as you type. An empty query finds every entry, newest first.

use crate::index::{Fields, plain_analyzer, stemmed_analyzer, tokens};
use crate::model::Template;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;
use std::fmt;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Explanation,
    FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, Scorer, TermQuery,
    TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};
use thiserror::Error;
use waymark_framework::{Item, TagId, ThemeId, lpc};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Most words, phrases and filters in one query.
pub const MAX_CLAUSES: usize = 32;
/// Most index terms the last word may expand to as a prefix.
pub const MAX_PREFIX_EXPANSIONS: u32 = 50;

/// Score weight of an exact (stemmed) word match in the text.
const EXACT_BOOST: f32 = 1.0;
/// A word in the title counts a little more than in the text.
const TITLE_BOOST: f32 = 1.5;
/// A misspelling match: constant and small, so exact matches rank above it.
const FUZZY_BOOST: f32 = 0.3;
/// A prefix match of the last word: smaller still.
const PREFIX_BOOST: f32 = 0.2;

/// Why a search could not be understood. `position` is the character (0-based) where
/// the problem starts; messages count from 1 as people do.
#[derive(Debug, Error, PartialEq, Eq, Clone)]
pub enum QueryError {
    /// A quote was opened and never closed.
    #[error("the quote opened at character {} is not closed; add a closing \"", position + 1)]
    UnclosedQuote {
        /// Where the quote opens.
        position: usize,
    },
    /// `foo:` is not a key the language knows.
    #[error(
        "'{key}:' at character {} is not something Waymark can search by; use tag:, theme:, label:, after:, before:, on:, template:, field:, starred: or a template field such as now-what: (put text with a colon in quotes)",
        position + 1
    )]
    UnknownKey {
        /// The key as typed.
        key: String,
        /// Where it starts.
        position: usize,
    },
    /// A key with nothing after the colon.
    #[error("'{key}:' at character {} needs a value, e.g. {key}:{example}", position + 1)]
    EmptyValue {
        /// The key.
        key: String,
        /// Where it starts.
        position: usize,
        /// A value that would work.
        example: String,
    },
    /// A date that is not YYYY-MM-DD (or YYYY-MM, or YYYY).
    #[error("'{value}' at character {} is not a date; write dates as YYYY-MM-DD, e.g. 2026-03-04", position + 1)]
    BadDate {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
    },
    /// A tag that is not in the framework.
    #[error("'{value}' at character {} is not a framework tag{}", position + 1, did_you_mean(suggestion))]
    UnknownTag {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
        /// The closest framework item, as `tag:` would take it.
        suggestion: Option<String>,
    },
    /// A theme that is not in the framework.
    #[error("'{value}' at character {} is not a theme{}", position + 1, did_you_mean(suggestion))]
    UnknownTheme {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
        /// The closest theme id.
        suggestion: Option<String>,
    },
    /// A template name that is not free, rolfe or gibbs.
    #[error("'{value}' at character {} is not a template; use template:free, template:rolfe or template:gibbs", position + 1)]
    UnknownTemplate {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
    },
    /// `field:` with a name that is no template's field.
    #[error("'{value}' at character {} is not a field; use title or one of: {}", position + 1, crate::index::template_field_keys().join(", "))]
    UnknownField {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
    },
    /// A value the key does not take (e.g. `starred:maybe`).
    #[error("'{key}:{value}' at character {} is not understood; use {expected}", position + 1)]
    BadValue {
        /// The key.
        key: String,
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
        /// What would work.
        expected: String,
    },
    /// `-field:` makes no sense.
    #[error("'-{key}:' at character {} cannot be excluded; remove the '-'", position + 1)]
    CannotExclude {
        /// The key.
        key: String,
        /// Where it starts.
        position: usize,
    },
    /// Every part of the query excludes something, so nothing says what to find.
    #[error(
        "the search only says what to leave out; add a word or a filter to look for (e.g. tag:hosting -budget)"
    )]
    OnlyExclusions,
    /// The query is longer than anyone types.
    #[error(
        "the search is too long (at most {MAX_QUERY_CHARS} characters and {MAX_CLAUSES} words or filters)"
    )]
    TooLong,
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s}?"),
        None => String::new(),
    }
}

impl QueryError {
    /// The character (0-based) where the problem starts, if it has one.
    pub fn position(&self) -> Option<usize> {
        match self {
            QueryError::UnclosedQuote { position }
            | QueryError::UnknownKey { position, .. }
            | QueryError::EmptyValue { position, .. }
            | QueryError::BadDate { position, .. }
            | QueryError::UnknownTag { position, .. }
            | QueryError::UnknownTheme { position, .. }
            | QueryError::UnknownTemplate { position, .. }
            | QueryError::UnknownField { position, .. }
            | QueryError::BadValue { position, .. }
            | QueryError::CannotExclude { position, .. } => Some(*position),
            QueryError::OnlyExclusions | QueryError::TooLong => None,
        }
    }
}

/// A parsed query: what to find and what to leave out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// Every word, phrase and filter, in the order written.
    pub clauses: Vec<Clause>,
    /// Fields named with `field:`; words without their own field search only these.
    pub fields: Vec<String>,
}

/// One part of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// What it matches.
    pub kind: ClauseKind,
    /// Written with a leading `-`: entries matching it are left out.
    pub negated: bool,
    /// Character (0-based) where it starts.
    pub position: usize,
}

/// What a clause matches.
#[derive(Debug, Clone, PartialEq, Eq)]
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
        /// It and its descendants: any of them matches.
        any_of: Vec<TagId>,
    },
    /// Any tag in the theme.
    Theme(ThemeId),
    /// A free label (lowercased).
    Label(String),
    /// A date range, both ends inclusive.
    Date {
        /// First day, if bounded.
        from: Option<NaiveDate>,
        /// Last day, if bounded.
        to: Option<NaiveDate>,
    },
    /// Written with this template.
    Template(Template),
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
    "tag", "theme", "label", "after", "before", "on", "template", "field", "starred",
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
                    position: start,
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
                } else {
                    rest.to_owned()
                };
                keyed(&mut query, &key, value.trim(), negated, start)?;
            }
            None => query.clauses.push(Clause {
                kind: ClauseKind::Word {
                    text: token,
                    field: None,
                    prefix: false,
                },
                negated,
                position: start,
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

fn keyed(
    query: &mut ParsedQuery,
    key: &str,
    value: &str,
    negated: bool,
    position: usize,
) -> Result<(), QueryError> {
    let template_key = crate::index::template_field_keys()
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
            let item = lpc().resolve(value).ok_or_else(|| QueryError::UnknownTag {
                value: value.to_owned(),
                position,
                suggestion: lpc()
                    .suggest(value)
                    .map(|item| format!("tag:{} ({})", item.id(), item.label())),
            })?;
            ClauseKind::Tag {
                id: TagId(item.id().to_owned()),
                any_of: lpc().with_descendants(item.id()),
            }
        }
        "theme" => ClauseKind::Theme(resolve_theme(value, position)?),
        "label" => ClauseKind::Label(value.to_lowercase()),
        "after" | "before" | "on" => {
            let (first, last) = date_range(value).ok_or_else(|| QueryError::BadDate {
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
            if name != "title" && !crate::index::template_field_keys().contains(&name.as_str()) {
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
        position,
    });
    Ok(())
}

fn resolve_theme(value: &str, position: usize) -> Result<ThemeId, QueryError> {
    match lpc().resolve(value) {
        Some(Item::Theme(theme)) => Ok(theme.id.clone()),
        found => Err(QueryError::UnknownTheme {
            value: value.to_owned(),
            position,
            // A behaviour or quality named instead: suggest its theme.
            suggestion: found
                .or_else(|| lpc().suggest(value))
                .map(|item| format!("theme:{}", item.theme())),
        }),
    }
}

/// First and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn date_range(value: &str) -> Option<(NaiveDate, NaiveDate)> {
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
                ClauseKind::Starred(yes) => format!("starred:{}", if *yes { "yes" } else { "no" }),
            };
            parts.push(format!("{dash}{part}"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// A query built for tantivy, with what a snippet should highlight.
pub(crate) struct Built {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Stemmed words and phrase words to highlight.
    pub highlight: BTreeSet<String>,
    /// Unstemmed words matched fuzzily, with their edit distance (their matches are highlighted too).
    pub fuzzy: Vec<(String, u8)>,
    /// The unstemmed last word, matched as a prefix.
    pub prefix: Option<String>,
}

/// Builds the tantivy query for a parsed query.
pub(crate) fn build(parsed: &ParsedQuery, fields: &Fields) -> Built {
    let mut stem = stemmed_analyzer();
    let mut plain = plain_analyzer();
    let mut built = Built {
        query: Box::new(AllQuery),
        highlight: BTreeSet::new(),
        fuzzy: Vec::new(),
        prefix: None,
    };
    let global_fields: Vec<Field> = parsed
        .fields
        .iter()
        .filter_map(|name| fields.targeted(name))
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut positive = 0usize;
    for clause in &parsed.clauses {
        let occur = if clause.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        let query: Option<Box<dyn Query>> = match &clause.kind {
            ClauseKind::Word {
                text,
                field,
                prefix,
            } => {
                let targets = targets(field.as_deref(), &global_fields, fields);
                let stems = tokens(&mut stem, text);
                let words = tokens(&mut plain, text);
                if stems.len() > 1 {
                    // "co-production" is two words in a row: a phrase.
                    if !clause.negated {
                        built.highlight.extend(stems.iter().cloned());
                    }
                    Some(phrase(&stems, &targets, fields))
                } else if let Some(s) = stems.first() {
                    let mut group = exact(s, &targets, fields);
                    let word = words.first().filter(|_| words.len() == 1);
                    if !clause.negated {
                        built.highlight.insert(s.clone());
                        if let Some(w) = word {
                            let length = w.chars().count();
                            // Misspellings only for untargeted words: `plain` holds title and text.
                            if length >= 4 && targets.is_none() {
                                let distance = if length >= 8 { 2 } else { 1 };
                                built.fuzzy.push((w.clone(), distance));
                                group.push(boost(
                                    Box::new(FuzzyTermQuery::new(
                                        Term::from_field_text(fields.plain, w),
                                        distance,
                                        true,
                                    )),
                                    FUZZY_BOOST,
                                ));
                            }
                            if *prefix {
                                built.prefix = Some(w.clone());
                                let prefix_fields = match &targets {
                                    None => vec![fields.plain],
                                    Some(t) => t.clone(),
                                };
                                for f in prefix_fields {
                                    let mut q =
                                        PhrasePrefixQuery::new(vec![Term::from_field_text(f, w)]);
                                    q.set_max_expansions(MAX_PREFIX_EXPANSIONS);
                                    group.push(boost(Box::new(q), PREFIX_BOOST));
                                }
                            }
                        }
                    }
                    Some(any(group))
                } else {
                    None
                }
            }
            ClauseKind::Phrase { text, field } => {
                let targets = targets(field.as_deref(), &global_fields, fields);
                let stems = tokens(&mut stem, text);
                if stems.is_empty() {
                    None
                } else {
                    if !clause.negated {
                        built.highlight.extend(stems.iter().cloned());
                    }
                    Some(phrase(&stems, &targets, fields))
                }
            }
            ClauseKind::Tag { any_of, .. } => Some(filter(Box::new(TermSetQuery::new(
                any_of
                    .iter()
                    .map(|id| Term::from_field_text(fields.tag, id.as_str())),
            )))),
            ClauseKind::Theme(id) => Some(filter(term(fields.theme, id.as_str()))),
            ClauseKind::Label(label) => Some(filter(term(fields.label, label))),
            ClauseKind::Date { from, to } => {
                let bound = |d: &Option<NaiveDate>| match d {
                    Some(d) => Bound::Included(Term::from_field_i64(
                        fields.date,
                        crate::index::date_to_days(*d),
                    )),
                    None => Bound::Unbounded,
                };
                if from.is_none() && to.is_none() {
                    None
                } else {
                    Some(filter(Box::new(RangeQuery::new(bound(from), bound(to)))))
                }
            }
            ClauseKind::Template(t) => Some(filter(term(fields.template, t.as_str()))),
            ClauseKind::Starred(yes) => Some(filter(Box::new(TermQuery::new(
                Term::from_field_bool(fields.starred, *yes),
                IndexRecordOption::Basic,
            )))),
        };
        if let Some(query) = query {
            if occur == Occur::Must {
                positive += 1;
                clauses.push((occur, query));
            } else {
                clauses.push((occur, Box::new(Excluded(query))));
            }
        }
    }
    if !clauses.is_empty() {
        if positive == 0 {
            // Only exclusions survived analysis (e.g. a positive word of pure punctuation):
            // exclude from everything rather than match nothing.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        built.query = Box::new(BooleanQuery::new(clauses));
    }
    built
}

/// The fields a word or phrase searches: its own, else the query's `field:`s, else None
/// (meaning title and text).
fn targets(own: Option<&str>, global: &[Field], fields: &Fields) -> Option<Vec<Field>> {
    match own.and_then(|name| fields.targeted(name)) {
        Some(f) => Some(vec![f]),
        None if !global.is_empty() => Some(global.to_vec()),
        None => None,
    }
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// Filters match or not; they must not change the ranking.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn any(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// A stemmed word in the title or text (title weighted up), or in the target fields.
fn exact(stem: &str, targets: &Option<Vec<Field>>, fields: &Fields) -> Vec<Box<dyn Query>> {
    let scored = |f: Field| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f, stem),
            IndexRecordOption::WithFreqs,
        ))
    };
    match targets {
        None => vec![
            boost(scored(fields.title), TITLE_BOOST),
            boost(scored(fields.text), EXACT_BOOST),
        ],
        Some(targets) => targets.iter().map(|f| scored(*f)).collect(),
    }
}

/// Stemmed words in a row, in the title or text, or in the target fields.
fn phrase(stems: &[String], targets: &Option<Vec<Field>>, fields: &Fields) -> Box<dyn Query> {
    if stems.len() == 1 {
        return any(exact(&stems[0], targets, fields));
    }
    let in_field = |f: Field| -> Box<dyn Query> {
        Box::new(PhraseQuery::new(
            stems.iter().map(|s| Term::from_field_text(f, s)).collect(),
        ))
    };
    match targets {
        None => any(vec![
            boost(in_field(fields.title), TITLE_BOOST),
            in_field(fields.text),
        ]),
        Some(targets) => any(targets.iter().map(|f| in_field(*f)).collect()),
    }
}

/// Wraps an excluded clause. tantivy 0.27's phrase scorer asserts (in debug builds)
/// that an exclusion probe never asks for a document before the one it sits on, but a
/// fresh scorer sits on its first match, which can come after the first candidate
/// (`budget -"ran late"` tripped it). The wrapper answers such probes itself.
#[derive(Debug)]
struct Excluded(Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ExcludedScorer(Box<dyn Scorer>);

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // Never ask the inner scorer to go backwards.
        let doc = self.0.doc();
        if doc >= target {
            doc
        } else {
            self.0.seek(target)
        }
    }

    // `seek_danger` keeps DocSet's default, which calls `seek` only when behind.

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(q: &str) -> ParsedQuery {
        match parse(q) {
            Ok(p) => p,
            Err(e) => panic!("{q:?} failed: {e}"),
        }
    }

    fn err(q: &str) -> QueryError {
        match parse(q) {
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
        assert_eq!(q.clauses[2].position, 17);
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
        assert_eq!(q.clauses[3].position, 32);
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
    fn unknown_tag_suggests() {
        let e = err("trust tag:hostin");
        let QueryError::UnknownTag {
            value,
            position,
            suggestion,
        } = &e
        else {
            panic!("{e:?}");
        };
        assert_eq!(value, "hostin");
        assert_eq!(*position, 6);
        assert!(
            suggestion
                .as_deref()
                .unwrap_or("")
                .contains("hosting-style"),
            "{e}"
        );
        assert!(e.to_string().contains("did you mean"), "{e}");
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
            "before:yesterday",
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
}
