//! Why a sharing step failed, or why a received bundle was refused.

use thiserror::Error;

/// Why a sharing step failed, or why a received bundle was refused.
///
/// When a bundle is refused nothing in any journal has changed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShareError {
    /// A share code could not be read.
    #[error(
        "that is not a Waymark share code ({reason}); ask for the code again and paste the whole line, starting with waymark1:"
    )]
    BadCode {
        /// What is wrong with it.
        reason: String,
    },
    /// The share code is this journal's own.
    #[error("that share code is your own; add the code of the person you share with")]
    OwnCode,
    /// A contact with this name or these keys exists already.
    #[error(
        "you already have a contact called '{name}'{}",
        if *.same_keys { " with this code" } else { "; add this one under another name" }
    )]
    DuplicateContact {
        /// The existing contact's name.
        name: String,
        /// True when the keys are the same (the very same person's code).
        same_keys: bool,
    },
    /// No contact has this name.
    #[error("you have no contact called '{name}'; see `waymark contacts list`")]
    NoSuchContact {
        /// The name given.
        name: String,
    },
    /// A display name that cannot be used.
    #[error(
        "'{name}' cannot be a name: use 1 to 60 characters, on one line, without invisible or direction-changing characters"
    )]
    BadName {
        /// The name given (first characters).
        name: String,
    },
    /// Nothing was chosen to share.
    #[error("there is nothing to share: choose at least one reflection")]
    NothingToShare,
    /// No comments to send back to this contact.
    #[error(
        "you have written no comments on {name}'s entries yet, so there is no feedback to send"
    )]
    NoComments {
        /// The contact.
        name: String,
    },
    /// A field key to share that no template has.
    #[error("'{key}' is not a template field; fields are: {allowed}")]
    UnknownField {
        /// The key given.
        key: String,
        /// Every template field key.
        allowed: String,
    },
    /// This journal cannot hold coachees' journals (it has no folder).
    #[error("this journal is held in memory only, so it cannot keep other people's entries")]
    NoFolder,
    /// A comment that cannot be saved as written.
    #[error("the comment cannot be saved: {reason}")]
    BadComment {
        /// What is wrong.
        reason: String,
    },
    /// The file is bigger than any bundle may be.
    #[error("the file is {} MB; the largest bundle Waymark accepts is {} MB", .bytes / 1_048_576, .max / 1_048_576)]
    TooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// The bundle was encrypted for someone else.
    #[error(
        "this bundle cannot be opened with this journal's key: it was made for someone else or for another copy of Waymark (or, less likely, its first lines were damaged on the way); ask the sender to share it again with your current code"
    )]
    NotForThisJournal,
    /// The file is not an intact bundle: damaged, truncated, altered or not a bundle.
    #[error(
        "this file is not an intact Waymark bundle ({reason}); it may have been damaged or altered on the way; ask the sender for it again"
    )]
    Damaged {
        /// What failed.
        reason: String,
    },
    /// A file whose age header is larger, or names more recipients, than any bundle's:
    /// refused before it is decrypted, since reading such a header costs the square
    /// of its size.
    #[error(
        "this file was not opened: {reason}, so it is not a Waymark bundle (a bundle's header is under 64 KiB and names one recipient); ask the sender for it again, and do not open files from people you do not know"
    )]
    HeaderRefused {
        /// What is wrong with the header.
        reason: String,
    },
    /// A contact named as a coachee who has shared nothing with this journal.
    #[error("{name} has shared no entries with you, so there is nothing of theirs to comment on")]
    NotACoachee {
        /// The contact's name.
        name: String,
    },
    /// Two or more coachees shared entries with this id: which one is meant must be said.
    #[error(
        "entry {id} was shared with you by more than one person ({names}); say whose it is (in the terminal: --journal NAME)"
    )]
    SharedByMany {
        /// The id as typed.
        id: String,
        /// The coachees who shared it, comma-separated.
        names: String,
    },
    /// The sender is not among this journal's contacts.
    #[error(
        "this bundle claims to come from '{name}' (unverified: anyone can put any name in a file), and its keys are not one of your contacts'; if you expected a file from them, ask for their share code and check its fingerprint with them on a call before adding it"
    )]
    UnknownSender {
        /// The name the bundle gives (unverified).
        name: String,
    },
    /// The signature does not match the sender's key.
    #[error(
        "the signature on this bundle does not match {name}'s key: it was altered or not made by them; do not trust it, and ask {name} for it again"
    )]
    BadSignature {
        /// The contact's name.
        name: String,
    },
    /// A bundle in a format version this build does not read.
    #[error(
        "this bundle is in format version {found}; this Waymark reads versions up to {supported}; please update Waymark"
    )]
    UnsupportedVersion {
        /// The bundle's version.
        found: u64,
        /// The version this build reads.
        supported: u32,
    },
    /// Signed, but its content is not well formed.
    #[error("this bundle's content cannot be used: {reason}")]
    Malformed {
        /// What is wrong.
        reason: String,
    },
    /// One entry in the bundle fails the journal's rules.
    #[error("entry {id} in this bundle cannot be accepted: {reason}")]
    InvalidEntry {
        /// The entry's id.
        id: String,
        /// What is wrong.
        reason: String,
    },
    /// The same id appears twice in the bundle.
    #[error("the id {id} appears twice in this bundle; it is damaged")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A comment refers to an entry or comment that does not exist here.
    #[error("this bundle refers to {what} {id}, which is not in your journal (or was not shared)")]
    UnknownReference {
        /// "entry" or "comment".
        what: &'static str,
        /// The id.
        id: String,
    },
    /// No comment has this id, here or in a coachee's shared entries.
    #[error(
        "there is no comment {id} in your journal or among what your coachees shared; see the ids in `waymark comments ENTRY`"
    )]
    NoSuchComment {
        /// The id given.
        id: String,
    },
    /// Only a comment's author may edit or withdraw it.
    #[error("that comment was written by {author}; only its author can edit or withdraw it")]
    NotYourComment {
        /// Who wrote it.
        author: String,
    },
    /// A withdrawn comment has no text left to edit.
    #[error("that comment was withdrawn, so it can no longer be edited; write a new one instead")]
    CommentWithdrawn,
    /// An entry to withdraw that was never shared with this contact.
    #[error("entry {id} was never shared with {name}, so there is nothing to withdraw from them")]
    NotSharedWith {
        /// The entry's id.
        id: String,
        /// The contact.
        name: String,
    },
    /// A bundle that changes a comment its sender did not write.
    #[error(
        "this bundle tries to change comment {id}, which its sender did not write; it was refused and nothing changed"
    )]
    ForeignComment {
        /// The comment's id.
        id: String,
    },
    /// The person receiving a bundle cancelled before it was applied.
    #[error(
        "receiving was cancelled before anything was changed; receive the file again when you are ready"
    )]
    Cancelled,
    /// The cryptography library failed while making a bundle.
    #[error("the bundle could not be encrypted or signed: {0}")]
    Crypto(String),
}
