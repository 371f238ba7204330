//! The desktop shell's one error type; it reaches the UI as `{ message }`, a sentence,
//! and for a search the UI could not run, `{ message, start, end }`: the characters of
//! the term the mistake is in, so the box can show it where it was typed.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use thiserror::Error;
use waymark_journal::JournalError;
use waymark_journal::query::error_span;

/// Anything a command can fail with, shown to the leader as its message.
#[derive(Debug, Error)]
pub enum AppError {
    /// The app could not start.
    #[error("Waymark could not start: {0}")]
    Startup(String),
    /// The journal could not be opened at startup, so nothing can be read or saved.
    #[error("The journal could not be opened: {0}")]
    Unavailable(String),
    /// The engine refused or failed; its message is already written for the leader.
    #[error("{}", capitalise(&.0.to_string()))]
    Journal(#[from] JournalError),
    /// The search text could not be understood; `span` is where (see [`AppError::in_query`]).
    #[error("{}", capitalise(&.error.to_string()))]
    Query {
        /// The engine's refusal.
        error: JournalError,
        /// The characters (start, end) of the term at fault, if the mistake has a place.
        span: Option<(usize, usize)>,
    },
    /// The window sent a draft whose date (or anything else) could not be read.
    #[error(transparent)]
    Draft(#[from] crate::entry_input::DraftError),
    /// A growth period the engine does not group by.
    #[error("{}", capitalise(&.0.to_string()))]
    Stats(#[from] waymark_journal::StatsError),
    /// The appraisal pack could not be made.
    #[error("{}", capitalise(&.0.to_string()))]
    Pack(waymark_appraisal::PackError),
    /// A file dialog gave back something that is not a path on this computer.
    #[error("That location cannot be used: {0}")]
    Dialog(String),
    /// A link that is not a web or mail address cannot be opened outside the app.
    #[error("Waymark opens only web and mail links outside the app, not {0}")]
    Link(String),
    /// Background work stopped without an answer (it panicked or was cancelled).
    #[error("The work in the background stopped unexpectedly: {0}")]
    Background(String),
}

impl AppError {
    /// An engine error from running the search `query`, placed in the text when it is a
    /// mistake in the query (the engine says where; the UI never parses the text).
    pub fn in_query(error: JournalError, query: &str) -> Self {
        match &error {
            JournalError::Query(q) => {
                let span = error_span(query, q);
                AppError::Query { error, span }
            }
            _ => AppError::Journal(error),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The UI shows errors as sentences; it never parses them.
        let span = match self {
            AppError::Query { span, .. } => *span,
            _ => None,
        };
        let mut out =
            serializer.serialize_struct("AppError", if span.is_some() { 3 } else { 1 })?;
        out.serialize_field("message", &self.to_string())?;
        if let Some((start, end)) = span {
            out.serialize_field("start", &start)?;
            out.serialize_field("end", &end)?;
        }
        out.end()
    }
}

impl From<waymark_appraisal::PackError> for AppError {
    fn from(error: waymark_appraisal::PackError) -> Self {
        // The journal's own refusals keep their own variant (and sentence).
        match error {
            waymark_appraisal::PackError::Journal(e) => AppError::Journal(e),
            other => AppError::Pack(other),
        }
    }
}

impl From<tauri::Error> for AppError {
    fn from(e: tauri::Error) -> Self {
        AppError::Background(e.to_string())
    }
}

/// The engine writes messages to follow a colon (lowercase); a banner starts a sentence.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_engine_error_reaches_the_ui_as_a_sentence() {
        let e = AppError::from(JournalError::UnknownTemplate("kolb".into()));
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"message":"'kolb' is not a template; use one of: rolfe, gibbs, nmc, what-why-how, what-next, free"}"#
        );
        let locked = AppError::Unavailable("it is open elsewhere".into());
        assert_eq!(
            locked.to_string(),
            "The journal could not be opened: it is open elsewhere"
        );
    }

    #[test]
    fn a_query_mistake_reaches_the_ui_with_where_it_was_typed() {
        let text = "trust tag:qqqzzz";
        let Err(problem) = waymark_journal::query::parse(text) else {
            panic!("tag:qqqzzz should be refused");
        };
        let e = AppError::in_query(JournalError::Query(problem), text);
        let json = serde_json::to_value(&e).unwrap_or_default();
        assert_eq!(json["start"], 6);
        assert_eq!(json["end"], 16);
        assert!(
            json["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("'qqqzzz' at character 7")),
            "{json}"
        );
        let other = AppError::in_query(JournalError::UnknownTemplate("kolb".into()), text);
        assert!(
            serde_json::to_value(&other)
                .unwrap_or_default()
                .get("start")
                .is_none()
        );
    }

    #[test]
    fn capitalise_leaves_empty_text_alone() {
        assert_eq!(capitalise(""), "");
        assert_eq!(capitalise("there is no entry"), "There is no entry");
    }
}
