//! Errors of this crate: a framework file that cannot be loaded, and a leader's
//! words that do not lead to one item.

use crate::model::{Item, TagId};
use serde::Serialize;
use std::fmt;
use thiserror::Error;

/// Why a framework data file could not be loaded.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FrameworkError {
    /// The file is not valid TOML or does not have the expected shape.
    #[error("the framework file could not be read: {0}")]
    Parse(String),
    /// The file declares a format this build does not understand.
    #[error(
        "the framework file uses format version {found}, but this version of Waymark reads version {supported}"
    )]
    UnsupportedFormat {
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        supported: u32,
    },
    /// Two items share one id.
    #[error(
        "the id '{0}' is used more than once; every theme, behaviour, quality, component and shift needs its own id"
    )]
    DuplicateId(String),
    /// An id is not kebab-case.
    #[error("the id '{0}' is not kebab-case (lowercase letters, digits and single hyphens)")]
    BadId(String),
    /// An item names a theme or behaviour that does not exist.
    #[error("'{item}' refers to {kind} '{target}', which the file does not define")]
    DanglingReference {
        /// The item holding the reference.
        item: String,
        /// What kind of thing was referred to.
        kind: &'static str,
        /// The id that did not resolve.
        target: String,
    },
    /// A quality sits beside a behaviour of another theme.
    #[error(
        "quality '{quality}' is in theme '{theme}' but sits beside behaviour '{behaviour}' of another theme"
    )]
    ThemeMismatch {
        /// The quality id.
        quality: String,
        /// The quality's theme.
        theme: String,
        /// The behaviour it claims to sit beside.
        behaviour: String,
    },
    /// One alias, label or name points at two different items.
    #[error(
        "the words '{words}' would find both '{first}' and '{second}'; an alias must lead to one item"
    )]
    AmbiguousAlias {
        /// The normalised words.
        words: String,
        /// First item claiming them.
        first: String,
        /// Second item claiming them.
        second: String,
    },
    /// The number of items of a kind is not what the file declares.
    #[error("the file declares {expected} {kind} but holds {found}")]
    CountMismatch {
        /// Kind of item counted.
        kind: &'static str,
        /// Declared count.
        expected: usize,
        /// Actual count.
        found: usize,
    },
    /// A required text is empty.
    #[error("'{item}' has an empty {field}")]
    EmptyText {
        /// The item.
        item: String,
        /// The empty field.
        field: &'static str,
    },
}

/// An item that a leader's words could mean, as an [`Unresolved`] error names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The item's id.
    pub id: TagId,
    /// Its short label.
    pub label: String,
}

impl Candidate {
    pub(crate) fn of(item: &Item<'_>) -> Candidate {
        Candidate {
            id: TagId(item.id().to_owned()),
            label: item.label().to_owned(),
        }
    }
}

/// Writes `'Label' (id)`, the way Waymark names an item in a message.
impl fmt::Display for Candidate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' ({})", self.label, self.id)
    }
}

/// Why a leader's words did not lead to one theme, behaviour or quality
/// (from [`Framework::resolve_phrase`](crate::Framework::resolve_phrase)).
///
/// The messages are sentences a leader can act on. A caller that words its own
/// message reads [`Unresolved::text`] and [`Unresolved::candidates`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unresolved {
    /// Nothing but spaces or punctuation was given.
    #[error(
        "a tag needs some words: type a theme, behaviour or quality of the framework, for example 'hosting style'"
    )]
    Empty,
    /// No item fits the words well enough to be chosen.
    #[error("'{text}' is not a theme, behaviour or quality of the framework{}", did_you_mean(.suggestion))]
    Unknown {
        /// The words as given (trimmed, and shortened to 80 characters).
        text: String,
        /// The nearest item, when one is near enough to offer.
        suggestion: Option<Candidate>,
    },
    /// Two or more items fit the words about equally well.
    #[error("'{text}' could mean {}: type more of the name", one_of(.candidates, *.more))]
    Ambiguous {
        /// The words as given (trimmed, and shortened to 80 characters).
        text: String,
        /// The closest candidates, best first: at least two, at most four.
        candidates: Vec<Candidate>,
        /// How many more items fit as well but are not named.
        more: usize,
    },
}

impl Unresolved {
    /// The words as given (trimmed, and shortened to 80 characters); `None` when empty.
    pub fn text(&self) -> Option<&str> {
        match self {
            Unresolved::Empty => None,
            Unresolved::Unknown { text, .. } | Unresolved::Ambiguous { text, .. } => Some(text),
        }
    }

    /// The items worth offering, best first: the close candidates of an ambiguous
    /// phrase, the suggestion (if any) for an unknown one, none for empty words.
    pub fn candidates(&self) -> &[Candidate] {
        match self {
            Unresolved::Empty => &[],
            Unresolved::Unknown { suggestion, .. } => suggestion.as_slice(),
            Unresolved::Ambiguous { candidates, .. } => candidates,
        }
    }
}

fn did_you_mean(suggestion: &Option<Candidate>) -> String {
    match suggestion {
        Some(c) => format!("; did you mean {c}?"),
        None => String::new(),
    }
}

/// "A or B", "A, B or C", "A, B, C, D or 2 other items".
fn one_of(candidates: &[Candidate], more: usize) -> String {
    let mut names: Vec<String> = candidates.iter().map(Candidate::to_string).collect();
    match more {
        0 => {}
        1 => names.push("1 other item".to_owned()),
        n => names.push(format!("{n} other items")),
    }
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
