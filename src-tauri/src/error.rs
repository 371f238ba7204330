//! The desktop shell's one error type; it reaches the UI as a plain sentence.

use serde::{Serialize, Serializer};
use thiserror::Error;
use waymark_journal::JournalError;

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
    /// A growth period the engine does not group by.
    #[error("{}", capitalise(&.0.to_string()))]
    Stats(#[from] waymark_journal::StatsError),
    /// A file dialog gave back something that is not a path on this computer.
    #[error("That location cannot be used: {0}")]
    Dialog(String),
    /// Background work stopped without an answer (it panicked or was cancelled).
    #[error("The work in the background stopped unexpectedly: {0}")]
    Background(String),
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The UI shows errors as sentences; it never parses them.
        serializer.serialize_str(&self.to_string())
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
            "\"'kolb' is not a template; use free, rolfe or gibbs\""
        );
        let locked = AppError::Unavailable("it is open elsewhere".into());
        assert_eq!(
            locked.to_string(),
            "The journal could not be opened: it is open elsewhere"
        );
    }

    #[test]
    fn capitalise_leaves_empty_text_alone() {
        assert_eq!(capitalise(""), "");
        assert_eq!(capitalise("there is no entry"), "There is no entry");
    }
}
