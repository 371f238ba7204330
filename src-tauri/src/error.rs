//! The desktop shell's one error type; it reaches the UI as a plain sentence.

use serde::{Serialize, Serializer};
use thiserror::Error;

/// Anything a command can fail with, shown to the leader as its message.
#[derive(Debug, Error)]
pub enum AppError {
    /// The app could not start.
    #[error("Waymark could not start: {0}")]
    Startup(String),
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The UI shows errors as sentences; it never parses them.
        serializer.serialize_str(&self.to_string())
    }
}
