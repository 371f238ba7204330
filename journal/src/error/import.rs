//! Why an import file was refused.

use thiserror::Error;

/// Why an import file was refused. Nothing is written when an import is refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    /// An encrypted export, and no passphrase was given.
    #[error("the file is an encrypted Waymark export: give the passphrase it was exported with")]
    NeedsPassphrase,
    /// The passphrase does not open the encrypted export.
    #[error(
        "that passphrase does not open this encrypted export (or the file is damaged); nothing was imported"
    )]
    WrongPassphrase,
    /// An age file Waymark did not make (other recipients, an oversized header).
    #[error(
        "the file is encrypted, but not as Waymark encrypts its exports (with one passphrase); nothing was imported"
    )]
    NotSealedByWaymark,
    /// Not JSON.
    #[error("the file is not a Waymark export: {0}")]
    NotJson(String),
    /// JSON, but not a Waymark journal export.
    #[error("the file is not a Waymark journal export: {0}")]
    WrongFormat(String),
    /// A Waymark export in a newer format.
    #[error(
        "the file is a version {found} Waymark export; this Waymark reads version {supported}; please update Waymark"
    )]
    UnsupportedVersion {
        /// The file's version.
        found: u64,
        /// The version this build reads.
        supported: u32,
    },
    /// One entry of the file is not valid.
    #[error("entry {number}{} cannot be imported: {reason}", .id.as_ref().map(|id| format!(" ({id})")).unwrap_or_default())]
    InvalidEntry {
        /// Its position in the file, counting from 1.
        number: usize,
        /// Its id, if it had a readable one.
        id: Option<String>,
        /// What is wrong with it.
        reason: String,
    },
    /// Two entries of the file have the same id.
    #[error(
        "entries {first} and {second} of the file have the same id {id}; the file is damaged or was edited by hand"
    )]
    DuplicateId {
        /// The id.
        id: String,
        /// The first entry's position, counting from 1.
        first: usize,
        /// The second entry's position.
        second: usize,
    },
    /// The file is larger than any journal export could be.
    #[error("the file is {} MB; the largest import Waymark accepts is {} MB", .bytes / 1_048_576, .max / 1_048_576)]
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
}
