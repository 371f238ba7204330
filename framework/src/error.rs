//! Errors raised while loading a framework file.

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
