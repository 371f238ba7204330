//! Why an entry cannot be saved as written.

use super::did_you_mean;
use crate::limits::{MAX_DATE, MIN_DATE};
use crate::model::Template;
use chrono::NaiveDate;
use thiserror::Error;

/// Why an entry cannot be saved as written.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ValidationError {
    /// The title is empty.
    #[error("an entry needs a title")]
    EmptyTitle,
    /// The title is too long.
    #[error("the title is {chars} characters long; keep it to {max} or fewer")]
    TitleTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A text is larger than an entry can hold.
    #[error("the {what} is {} long; the most one entry can hold is {}", size(*.bytes), size(*.max))]
    TooLarge {
        /// Which text ("body", "What? field", …).
        what: String,
        /// Its size in bytes.
        bytes: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A text holds a NUL character, which is never typed and usually means a binary file.
    #[error(
        "the {what} contains a NUL character (often a sign of pasted binary data); remove it and save again"
    )]
    NulByte {
        /// Which text.
        what: String,
    },
    /// A tag is not an item of the framework.
    #[error("'{tag}' is not a theme, behaviour or quality of the framework{}", did_you_mean(.suggestion))]
    UnknownTag {
        /// The tag as given.
        tag: String,
        /// The closest framework item, as "id (Label)".
        suggestion: Option<String>,
    },
    /// A theme that is not one of the framework's four.
    #[error("'{theme}' is not a theme; the themes are {themes}{}", did_you_mean(.suggestion))]
    UnknownTheme {
        /// The theme as given.
        theme: String,
        /// The theme of the framework item the words name, if they name one.
        suggestion: Option<String>,
        /// The framework's theme ids, for the message.
        themes: String,
    },
    /// A tag whose words fit two or more framework items about equally well.
    #[error("'{tag}' could mean {candidates}: type more of the name, or its id")]
    AmbiguousTag {
        /// The tag as given.
        tag: String,
        /// The close items, as "'Label' (id)", joined with "or".
        candidates: String,
    },
    /// A template field that the entry's template does not have.
    #[error("the {template} template has no field '{field}'; its fields are: {allowed}")]
    FieldNotInTemplate {
        /// The field key given.
        field: String,
        /// The entry's template.
        template: Template,
        /// The template's field keys, comma separated (or "none").
        allowed: String,
    },
    /// NMC Code themes on an entry whose template does not ask for them.
    #[error(
        "the Code's themes belong to the NMC reflective account; choose the nmc template, or leave the themes out (this is the {template} template)"
    )]
    CodeThemesNotInTemplate {
        /// The entry's template.
        template: Template,
    },
    /// A label is empty.
    #[error("a label cannot be empty")]
    EmptyLabel,
    /// A label is too long.
    #[error("the label '{label}' is {chars} characters long; keep labels to {max} or fewer")]
    LabelTooLong {
        /// The first characters of the label.
        label: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A name to watch for (in the check for identifying details) is too long.
    #[error("the name '{name}' is {chars} characters long; keep watched names to {max} or fewer")]
    WatchedNameTooLong {
        /// The first characters of the name.
        name: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// More names to watch for than the check keeps.
    #[error("that is {count} names to watch for; Waymark watches for at most {max}")]
    TooManyWatchedNames {
        /// How many were given (after blanks and repeats were dropped).
        count: usize,
        /// The limit.
        max: usize,
    },
    /// Text to mark as fine that is longer than any finding.
    #[error(
        "the text to mark as fine is {chars} characters long, longer than anything the check finds (at most {max})"
    )]
    DismissedTextTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The date is outside the range a reflection can be about.
    #[error("{date} is outside the dates Waymark accepts ({MIN_DATE} to {MAX_DATE})")]
    DateOutOfRange {
        /// The date given.
        date: NaiveDate,
    },
    /// The text is not a date.
    #[error("'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-03-04")]
    BadDate {
        /// The text given.
        text: String,
    },
    /// The text is not a day in any form the terminal reads (see `validate::parse_day`).
    #[error(
        "'{text}' is not a date Waymark reads; write YYYY-MM-DD (2026-03-04), today, yesterday, a day of the week (friday: the latest one, today included), last friday (the one before today), or 3 days ago / 2 weeks ago"
    )]
    NotADay {
        /// The text given.
        text: String,
    },
}

fn size(bytes: usize) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / MIB)
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    }
}
