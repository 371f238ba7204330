//! Sharing with a coach, offline: identities, contacts, encrypted and signed bundles,
//! and comments.
//!
//! # Identity and share codes
//!
//! Each journal makes its identity on first use: a display name, an
//! [age](https://age-encryption.org) X25519 key pair (bundles are encrypted to it) and
//! an Ed25519 key pair (bundles are signed with it). The private keys stay in the
//! journal's database and are never exported.
//!
//! A share code is one line of text, safe to paste into an email:
//!
//! ```text
//! waymark1:<base64url, no padding, of {"name":"…","age_recipient":"age1…","signing_key":"<base64url of 32 bytes>"}>
//! ```
//!
//! Names (the code's, a contact's, the identity's) are 1 to 60 characters on one line
//! with no invisible or direction-changing characters (bidi overrides and isolates,
//! zero-width characters: `identity::is_hidden_char`, the one list): a name typed
//! here is refused, a name in someone else's code has them removed.
//!
//! Its fingerprint, for reading aloud on a call, is the SHA-256 of
//! `"waymark-fingerprint-v1\n" + age_recipient + "\n" + signing key bytes`, of which
//! the first 100 bits are written as 20 base32 characters (RFC 4648 alphabet,
//! `A–Z 2–7`) in five groups of four: `ABCD-EFGH-JKLM-NPQR-STUV`.
//!
//! # Bundle format, version 2 (reads 1)
//!
//! A `.waymark` file is an age file (binary, X25519 recipient = the receiver's key)
//! whose plaintext is UTF-8 JSON:
//!
//! ```json
//! { "signed": "<base64url of the envelope's exact JSON bytes>",
//!   "signature": "<base64url of the 64-byte Ed25519 signature over those bytes>" }
//! ```
//!
//! The envelope:
//!
//! ```json
//! { "format": "waymark-share", "version": 2, "kind": "entries" | "feedback",
//!   "sender": "<the sender's share code>", "recipient": "<the receiver's fingerprint>",
//!   "sequence": 7, "created_at": "2026-03-04T10:15:00.000000Z",
//!   "content": { "entries": [ …entries as in the Waymark JSON export… ],
//!                "fields": null | ["so-what", "now-what"],
//!                "comments": [ { "id", "entry_id", "text", "anchor", "created_at", "reply_to",
//!                                "revision", "edited_at", "withdrawn_at" } ],
//!                "withdrawn": [ "<entry id>", … ] } }
//! ```
//!
//! Version 2 added `revision`, `edited_at` and `withdrawn_at` to comments and
//! `withdrawn` to the content; a version 1 bundle reads as one without them (revision 1,
//! nothing withdrawn). An older build refuses a version 2 bundle asking to be updated.
//!
//! - `sequence` grows by one with every bundle from this sender to this receiver. It is
//!   a label (the sharing log shows it), not what stops a replay: email delivers
//!   bundles out of order, and a sender who restores an older copy of their journal
//!   numbers again from that copy's count, so numbers may arrive late or twice for
//!   different bundles.
//! - **Replays.** The receiver keeps the SHA-256 of the exact signed envelope bytes of
//!   every bundle it received from each sender (table `received_bundles`, schema 6).
//!   The same signed bundle again (copied, or encrypted again) has the same digest and
//!   is a no-op reported as already received ([`ReceiveReport::already_received`]),
//!   not an error. Any other bundle the sender signed is new, whatever its number; it
//!   cannot be forged, since the signature is checked with the key from contacts.
//!   Every bundle the sender ever signs differs (its `created_at` is to the
//!   microsecond), so two different bundles never share a digest.
//! - **Late bundles never roll content back.** Entries are merged with the sender's
//!   copy winning, except that a copy older than the one here by both its `revision`
//!   and its `updated_at` (both grow with each of the sender's edits) is kept out and
//!   counted in [`ReceiveReport::entries_older`]; comments are matched by id.
//! - Bundles made by earlier versions (the same format) are read as before. A journal
//!   upgraded to schema 6 has no digests for bundles it received earlier: received
//!   again, such a bundle is applied again, which changes nothing it changed the first
//!   time (entries by revision, comments by id).
//! - Comments carry no author: every comment in a bundle is the sender's, so nobody can
//!   put words in someone else's mouth. A feedback comment on an entry the receiver
//!   shared with the sender and has since purged is left out and counted
//!   ([`ReceiveReport::comments_skipped`]); one on an entry never shared with them
//!   refuses the bundle.
//! - **Taking back.** A comment's author edits or withdraws it by raising its
//!   `revision`; the receiver keeps the highest revision it has seen, so a late bundle
//!   never undoes an edit, and refuses a bundle that revises a comment someone else
//!   wrote ([`ShareError::ForeignComment`]). A withdrawn comment travels with empty
//!   text. An entries bundle lists in `withdrawn` every entry the sender withdrew from
//!   the receiver and has not shared since; the receiver removes its copy (and the
//!   comments on it). Per entry, the newest bundle by `created_at` that sent or
//!   withdrew it wins (table `entry_receipts` in the coachee's journal), so neither a
//!   late share nor a late withdrawal undoes a newer one. A comment in an entries
//!   bundle on an entry the receiver does not have (its bundle lost, or withdrawn) is
//!   left out and counted, since every later bundle may carry it too.
//! - `fields` lists the template fields shared; when set, each entry carries only
//!   those fields, its title, date, template and tags (no body, labels or star).
//!
//! The receiver checks, in order: size (before reading), the age header's shape
//! (at most 64 KiB and 2 stanzas, one of them X25519 as Waymark writes it: walked
//! before age, whose header parser costs the square of the header's size), that it
//! can decrypt, that the
//! sender is a contact, the signature (with the key from its contacts, never the one
//! in the bundle), the version, that it is addressed to this journal, whether it is a
//! replay (then nothing at all is written), and every entry and comment. Only then is
//! anything written, in one transaction.

pub(crate) mod coachees;
mod comments;
mod identity;
mod log;
mod receive;
mod send;
mod wire;

pub(crate) use coachees::COACHEES_DIR;
pub use coachees::{Coachee, CoacheeResults, CoacheeSummary, EntryLocation};
pub use comments::{Comment, CommentId, MAX_COMMENT_BYTES, NewComment, Unseen};
pub use identity::{Contact, IdentityInfo, ShareCode, fingerprint};
pub use log::{Direction, EntryShare, ShareLogEntry};
pub use receive::ReceiveReport;
pub use send::{ShareFields, ShareReport};
pub use wire::{
    BundleKind, Envelope, FORMAT, MAX_BUNDLE_BYTES, MAX_HEADER_BYTES, MAX_STANZAS, OLDEST_VERSION,
    ShareContent, SignedBundle, VERSION, WireComment, seal,
};

pub use crate::error::ShareError;
