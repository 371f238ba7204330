//! Why a search could not be understood.

use super::did_you_mean;
use crate::limits::{MAX_CLAUSES, MAX_QUERY_CHARS};
use thiserror::Error;

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
    /// A date that is not YYYY-MM-DD (or YYYY-MM, or YYYY), nor a day said in words.
    #[error("'{value}' at character {} is not a date; write dates as YYYY-MM-DD (2026-03-04), YYYY-MM or YYYY, or as today, yesterday, friday, \"last friday\" or \"3 days ago\"", position + 1)]
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
    /// A tag whose words fit two or more framework items about equally well.
    #[error("'{value}' at character {} could mean {candidates}: type more of the name, or one of these tag: ids", position + 1)]
    AmbiguousTag {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
        /// The close items, as "'Label' (tag:id)", joined with "or".
        candidates: String,
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
    /// A template name that is not one Waymark has.
    #[error("'{value}' at character {} is not a template; use template: with one of {}", position + 1, crate::model::Template::ALL.map(|t| t.as_str()).join(", "))]
    UnknownTemplate {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
    },
    /// `code:` with a name that is not one of the NMC Code's themes.
    #[error("'{value}' at character {} is not one of the NMC Code's themes; use code:people, code:effectively, code:safety or code:trust", position + 1)]
    UnknownCodeTheme {
        /// The value as typed.
        value: String,
        /// Where it starts.
        position: usize,
    },
    /// `field:` with a name that is no template's field.
    #[error("'{value}' at character {} is not a field; use title or one of: {}", position + 1, crate::model::Template::field_keys().join(", "))]
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

impl QueryError {
    /// The character (0-based) where the problem starts, if it has one.
    pub fn position(&self) -> Option<usize> {
        match self {
            QueryError::UnclosedQuote { position }
            | QueryError::UnknownKey { position, .. }
            | QueryError::EmptyValue { position, .. }
            | QueryError::BadDate { position, .. }
            | QueryError::UnknownTag { position, .. }
            | QueryError::AmbiguousTag { position, .. }
            | QueryError::UnknownTheme { position, .. }
            | QueryError::UnknownTemplate { position, .. }
            | QueryError::UnknownCodeTheme { position, .. }
            | QueryError::UnknownField { position, .. }
            | QueryError::BadValue { position, .. }
            | QueryError::CannotExclude { position, .. } => Some(*position),
            QueryError::OnlyExclusions | QueryError::TooLong => None,
        }
    }
}
