//! The engine's errors. Every message is written for the leader who will read it.

mod import;
mod query;
mod share;
mod stats;
mod validation;

pub use import::ImportError;
pub use query::QueryError;
pub use share::ShareError;
pub use stats::StatsError;
pub use validation::ValidationError;

use crate::model::EntryId;
use std::path::PathBuf;
use thiserror::Error;

/// Anything the journal engine can refuse or fail at.
#[derive(Debug, Error)]
pub enum JournalError {
    /// A file or folder could not be read or written.
    #[error("could not use {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The folder holds other files and no journal: Waymark makes a journal only in an
    /// empty folder, so it never touches files it did not make.
    #[error(
        "{dir} holds other files ({found}) and no Waymark journal; Waymark makes a journal only in a new or empty folder. Choose an empty folder, or the folder of an existing journal (the one holding journal.sqlite3)"
    )]
    NotAJournal {
        /// The folder.
        dir: PathBuf,
        /// A few of the names found there.
        found: String,
    },
    /// A journal cannot be moved into this folder.
    #[error("the journal was not moved to {dir}: {reason}")]
    CannotMoveTo {
        /// The folder asked for.
        dir: PathBuf,
        /// Why not, in words.
        reason: String,
    },
    /// A file to write was named where something other than a plain file is (a folder,
    /// a link, a device): it is left alone.
    #[error("{path} is {what}")]
    NotAPlainFile {
        /// The name given.
        path: PathBuf,
        /// What is there instead, and what to do.
        what: String,
    },
    /// A restored journal could not take the place of the one in use; both are as they were.
    #[error("the restored journal in {dir} was not put in place of yours: {reason}")]
    CannotSwapIn {
        /// The restored journal's folder.
        dir: PathBuf,
        /// Why not, in words.
        reason: String,
    },
    /// A moved journal's copy did not match its original; the original is untouched.
    #[error(
        "the journal was not moved: the copy of {file} in {dir} did not match the original, so the original was kept where it was and the copy removed"
    )]
    MoveNotVerified {
        /// The folder the copy was made in.
        dir: PathBuf,
        /// The file that differed.
        file: String,
    },
    /// The folder is on a network share, where SQLite's write-ahead log can lose writes.
    #[error(
        "{dir} is on {kind}, and a journal there could lose what you write (its database needs a local disk); keep the journal on this computer's own disk, and back it up to the share instead"
    )]
    NetworkFolder {
        /// The folder.
        dir: PathBuf,
        /// What kind of share it is on.
        kind: String,
    },
    /// The search index cannot be brought up to date (a full disk, say); the journal
    /// itself is fine and every other command works.
    #[error(
        "the search index could not be brought up to date ({reason}); your reflections are safe, and listing, showing and exporting them work. Free some disk space, then search again (or run `waymark reindex`)"
    )]
    SearchUnavailable {
        /// What the index said.
        reason: String,
    },
    /// Another process already has this journal open.
    #[error(
        "the journal in {dir} is already open in another Waymark window or command; close it there and try again"
    )]
    Locked {
        /// The journal's folder.
        dir: PathBuf,
    },
    /// The journal is encrypted and nothing was given to unlock it.
    #[error(
        "the journal in {dir} is encrypted: unlock it with its passphrase (or its recovery key)"
    )]
    NeedsUnlock {
        /// The journal's folder.
        dir: PathBuf,
    },
    /// The passphrase does not unlock this journal.
    #[error(
        "that passphrase does not unlock this journal; check Caps Lock and try again, or use your recovery key"
    )]
    WrongPassphrase,
    /// The recovery key does not unlock this journal.
    #[error(
        "that recovery key does not unlock this journal; check each group of four against what you wrote down"
    )]
    WrongRecoveryKey,
    /// Text that cannot be a recovery key.
    #[error(
        "that is not a recovery key: it is 32 letters and digits in eight groups of four, like ABCD-EFGH-…"
    )]
    BadRecoveryKey,
    /// A passphrase too short to protect anything.
    #[error("choose a passphrase of at least 8 characters (a few words you can remember is best)")]
    WeakPassphrase,
    /// The key file is damaged or not one Waymark reads.
    #[error(
        "the journal's key file (journal.key) cannot be used: {0}; restore it from a backup of the journal folder"
    )]
    BadKeyFile(String),
    /// A new journal was asked for where one already is.
    #[error("{dir} already holds a journal; open it instead of making a new one")]
    AlreadyAJournal {
        /// The folder.
        dir: PathBuf,
    },
    /// A backup folder inside the journal's own folder.
    #[error(
        "{dir} is inside the journal's own folder; keep backups somewhere else (another drive, or your OneDrive folder)"
    )]
    BackupInside {
        /// The folder given.
        dir: PathBuf,
    },
    /// A folder that is not a Waymark backup.
    #[error(
        "{dir} is not a Waymark backup (it has no backup.json); choose one of the waymark-backup-… folders"
    )]
    NotABackup {
        /// The folder given.
        dir: PathBuf,
    },
    /// The journal is already encrypted (for turning encryption on).
    #[error("this journal is already encrypted")]
    AlreadyEncrypted,
    /// The journal is not encrypted (for changing a passphrase it does not have).
    #[error(
        "this journal is not encrypted, so it has no passphrase; encrypt it first (waymark encrypt)"
    )]
    NotEncrypted,
    /// The cryptography library failed.
    #[error("encryption failed: {0}")]
    Crypto(String),
    /// The operating system's credential store could not be used.
    #[error(
        "this computer's credential store could not be used ({0}); the journal still opens with its passphrase"
    )]
    CredentialStore(String),
    /// The SQLite database failed.
    #[error("the journal database could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error("the journal database could not be upgraded: {0}")]
    Migration(String),
    /// The database was written by a newer Waymark.
    #[error(
        "this journal was written by a newer version of Waymark (schema {found}; this version knows up to {known}); please update Waymark"
    )]
    NewerSchema {
        /// Version found in the file.
        found: usize,
        /// Newest version this build knows.
        known: usize,
    },
    /// The search index failed in a way a rebuild could not repair.
    #[error("the search index failed: {0}")]
    Index(String),
    /// No entry has this id.
    #[error("there is no entry with id {0}")]
    NotFound(EntryId),
    /// The text given is not an entry id.
    #[error("'{0}' is not an entry id (ids look like 0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70)")]
    BadId(String),
    /// No entry's id (or short id) starts with the text given.
    #[error(
        "no entry's id starts with '{0}' (a short id is the start of an id's last 8 characters, as `waymark list` shows it)"
    )]
    NoSuchId(String),
    /// More than one entry's id (or short id) starts with the text given.
    #[error("{}", ambiguous_message(.typed, .candidates, *.more))]
    AmbiguousId {
        /// The id as typed (hex digits, lowercase).
        typed: String,
        /// The first few entries it matches.
        candidates: Vec<IdCandidate>,
        /// How many more it matches beyond those listed.
        more: usize,
    },
    /// The entry is in the bin, so it cannot be edited.
    #[error("entry {0} is in the bin; restore it first")]
    InBin(EntryId),
    /// The entry is not in the bin, so it cannot be restored or purged.
    #[error("entry {0} is not in the bin; delete it first")]
    NotInBin(EntryId),
    /// The entry has no such earlier version.
    #[error("entry {id} has no version {revision}")]
    RevisionNotFound {
        /// The entry.
        id: EntryId,
        /// The revision asked for.
        revision: u32,
    },
    /// An unsaved draft too large to keep.
    #[error("the unsaved draft is {} MB, more than the {} MB kept; save it or shorten it", .bytes / (1024 * 1024), .max / (1024 * 1024))]
    DraftTooLarge {
        /// Its size as JSON, in bytes.
        bytes: usize,
        /// The most kept.
        max: usize,
    },
    /// The template name is not one Waymark knows.
    #[error("'{0}' is not a template; use one of: {list}", list = crate::model::Template::ALL.map(|t| t.as_str()).join(", "))]
    UnknownTemplate(String),
    /// The name is not one of the NMC Code's four themes.
    #[error(
        "'{0}' is not one of the NMC Code's themes; use prioritise-people, practise-effectively, preserve-safety or promote-professionalism (or a word of one: people, effectively, safety, trust)"
    )]
    UnknownCodeTheme(String),
    /// The entry as written cannot be saved.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// The search could not be understood.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// An import file was refused.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// A growth question could not be answered.
    #[error(transparent)]
    Stats(#[from] StatsError),
    /// Sharing with a coach failed, or a received bundle was refused.
    #[error(transparent)]
    Share(#[from] ShareError),
    /// An action of the development plan could not be made or changed.
    #[error(transparent)]
    Action(crate::actions::ActionError),
}

impl JournalError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> JournalError {
        JournalError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<tantivy::TantivyError> for JournalError {
    fn from(e: tantivy::TantivyError) -> Self {
        JournalError::Index(e.to_string())
    }
}

/// One of the entries an ambiguous id matches, as its error lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCandidate {
    /// Its short id in the journal it is in.
    pub short: String,
    /// The day it is about.
    pub date: chrono::NaiveDate,
    /// Its title.
    pub title: String,
    /// The coachee who shared it, or `None` for the journal's own entry.
    pub journal: Option<String>,
}

/// "'a3f' matches 2 entries: … type more characters of the id".
fn ambiguous_message(typed: &str, candidates: &[IdCandidate], more: usize) -> String {
    let mut text = format!(
        "'{typed}' matches {} entries:",
        candidates.len().saturating_add(more)
    );
    for c in candidates {
        let whose = c
            .journal
            .as_ref()
            .map(|name| format!("  (shared by {name})"))
            .unwrap_or_default();
        text.push_str(&format!("\n  {}  {}  {}{whose}", c.short, c.date, c.title));
    }
    if more > 0 {
        text.push_str(&format!("\n  … and {more} more"));
    }
    text.push_str("\ntype more characters of the id to pick one");
    text
}

/// Result of an engine call.
pub type Result<T, E = JournalError> = std::result::Result<T, E>;

/// "; did you mean …?" for a message, or nothing when there is no suggestion.
pub(crate) fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s}?"),
        None => String::new(),
    }
}
