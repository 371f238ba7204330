//! The bundle on the wire: what is signed ([`Envelope`], [`ShareContent`],
//! [`WireComment`]), how ([`SignedBundle`]), and the pair that makes and reads one:
//! [`seal`] signs and encrypts, [`open`] decrypts and checks everything that needs
//! no journal state beyond the receiver's key and contacts. See the module
//! documentation of [`crate::share`] for the format.

use super::ShareError;
use super::comments::Comment;
use super::comments::CommentId;
use super::identity::{ContactKeys, ShareCode};
use crate::error::{JournalError, Result};
use crate::limits::believable_save_time;
use crate::model::{Entry, EntryId};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;
use ts_rs::TS;

/// The `format` value of a bundle's envelope.
pub const FORMAT: &str = "waymark-share";
/// The bundle format version this build writes, and the newest it reads.
///
/// Version 2 added comments' `revision`, `edited_at` and `withdrawn_at` and the
/// content's `withdrawn` entries; a version 1 bundle is read as one without them.
pub const VERSION: u32 = 2;
/// The oldest bundle format version this build reads.
pub const OLDEST_VERSION: u32 = 1;
/// The largest bundle file accepted (checked before it is read).
pub const MAX_BUNDLE_BYTES: u64 = 50 * 1024 * 1024;
/// The largest age header read: the reference Go age refuses larger ones the same
/// way. Waymark's own are under 400 bytes.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
/// The most recipient stanzas a bundle's age header may hold: what [`seal`] writes,
/// the receiver's X25519 stanza and the one random "grease" stanza age adds to
/// keep parsers honest.
pub const MAX_STANZAS: usize = 2;

/// The first line of every age file.
const AGE_INTRO: &[u8] = b"age-encryption.org/v1\n";

/// Reads an age header the way [`seal`] writes it, before age does: age 0.12
/// re-parses the whole header after each line, so a header of many stanzas costs
/// the square of its size (2 MB of junk: minutes of CPU, no key needed). This walk
/// is linear and stops at [`MAX_HEADER_BYTES`] or the stanza after [`MAX_STANZAS`].
///
/// It also tells a damaged header from one made for someone else: Waymark writes
/// exactly one X25519 stanza with one 32-byte share and one 32-byte wrapped key, so
/// a header without one in that shape was damaged, not mis-addressed.
fn check_header(bytes: &[u8]) -> std::result::Result<(), ShareError> {
    if !bytes.starts_with(AGE_INTRO) {
        return Err(ShareError::Damaged {
            reason: "it does not start like a bundle".into(),
        });
    }
    let window = &bytes[..bytes.len().min(MAX_HEADER_BYTES)];
    let mut pos = AGE_INTRO.len();
    let mut stanzas = 0usize;
    let mut x25519 = 0usize;
    // The line after an X25519 stanza's first line is its body.
    let mut in_x25519_body = false;
    loop {
        let Some(len) = window[pos..].iter().position(|b| *b == b'\n') else {
            return Err(if bytes.len() > MAX_HEADER_BYTES {
                ShareError::HeaderRefused {
                    reason: format!("its header is longer than {} KiB", MAX_HEADER_BYTES / 1024),
                }
            } else {
                ShareError::Damaged {
                    reason: "its header is cut short".into(),
                }
            });
        };
        let line = &window[pos..pos + len];
        pos += len + 1;
        if line.starts_with(b"--- ") {
            break;
        }
        if in_x25519_body {
            in_x25519_body = false;
            if !is_b64_32(line) {
                return Err(damaged_header());
            }
            continue;
        }
        if let Some(stanza) = line.strip_prefix(b"-> ") {
            stanzas += 1;
            if stanzas > MAX_STANZAS {
                return Err(ShareError::HeaderRefused {
                    reason: format!(
                        "it names more recipients than a bundle ever does ({MAX_STANZAS})"
                    ),
                });
            }
            if let Some(share) = stanza.strip_prefix(b"X25519 ") {
                x25519 += 1;
                if !is_b64_32(share) {
                    return Err(damaged_header());
                }
                in_x25519_body = true;
            }
        }
    }
    if x25519 != 1 || in_x25519_body {
        return Err(damaged_header());
    }
    Ok(())
}

/// Whether `text` is 32 bytes in age's base64 (standard alphabet, no padding).
fn is_b64_32(text: &[u8]) -> bool {
    text.len() == 43
        && text
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
}

fn damaged_header() -> ShareError {
    ShareError::Damaged {
        reason: "its header is not one Waymark writes".into(),
    }
}

/// What a bundle carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum BundleKind {
    /// A leader's entries (and their replies to comments on them).
    Entries,
    /// A coach's comments on entries they were shared.
    Feedback,
}

impl BundleKind {
    /// The word stored in the sharing log and written in bundles: `entries` or `feedback`.
    pub fn as_str(self) -> &'static str {
        match self {
            BundleKind::Entries => "entries",
            BundleKind::Feedback => "feedback",
        }
    }
}

impl fmt::Display for BundleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BundleKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "entries" => Ok(BundleKind::Entries),
            "feedback" => Ok(BundleKind::Feedback),
            other => Err(format!("'{other}' is not a kind of bundle")),
        }
    }
}

/// The signed part of a bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// What it carries.
    pub kind: BundleKind,
    /// The sender's share code.
    pub sender: String,
    /// The receiver's fingerprint.
    pub recipient: String,
    /// Grows by one with each bundle from this sender to this receiver (a label: a
    /// sender whose journal was restored from a copy numbers again from the copy's).
    pub sequence: u64,
    /// When it was made (UTC).
    pub created_at: DateTime<Utc>,
    /// What it carries.
    pub content: ShareContent,
}

/// The content of a bundle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ShareContent {
    /// Entries (empty in feedback).
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// The template fields shared, or `None` for whole entries.
    #[serde(default)]
    pub fields: Option<Vec<String>>,
    /// The sender's comments (withdrawn ones too, text emptied, so the withdrawal travels).
    #[serde(default)]
    pub comments: Vec<WireComment>,
    /// Entries the sender withdrew from the receiver: their copies there are removed.
    /// Every bundle of entries lists them all until they are shared again, so a lost
    /// bundle cannot leave a copy behind (format version 2).
    #[serde(default)]
    pub withdrawn: Vec<EntryId>,
}

/// A comment as a bundle carries it: its author is always the bundle's sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WireComment {
    /// Its id.
    pub id: CommentId,
    /// The entry it is on.
    pub entry_id: EntryId,
    /// Markdown text.
    pub text: String,
    /// The field key or tag it is about.
    #[serde(default)]
    pub anchor: Option<String>,
    /// When it was written.
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// The comment it answers.
    #[serde(default)]
    pub reply_to: Option<CommentId>,
    /// 1 as written, one more with each edit or withdrawal: the receiver keeps the
    /// highest it has seen (format version 2; version 1 comments are revision 1).
    #[serde(default = "first_revision")]
    pub revision: u32,
    /// When the author last edited it.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub edited_at: Option<DateTime<Utc>>,
    /// When the author withdrew it; its text is then empty.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

fn first_revision() -> u32 {
    1
}

/// The plaintext inside the age encryption: the envelope's exact bytes and their signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedBundle {
    /// Base64url (no padding) of the envelope's JSON bytes.
    pub signed: String,
    /// Base64url (no padding) of the Ed25519 signature over those bytes.
    pub signature: String,
}

/// Signs `envelope` (exact bytes) and encrypts the result to `recipient`: a bundle.
///
/// Public so tests and tools can build bundles byte by byte; journals call it through
/// [`Journal::share`] and [`Journal::feedback`].
pub fn seal(
    envelope: &[u8],
    signing: &SigningKey,
    recipient: &age::x25519::Recipient,
) -> Result<Vec<u8>, ShareError> {
    let signature = signing.sign(envelope);
    let plain = serde_json::to_vec(&SignedBundle {
        signed: URL_SAFE_NO_PAD.encode(envelope),
        signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()),
    })
    .map_err(|e| ShareError::Crypto(e.to_string()))?;
    age::encrypt(recipient, &plain).map_err(|e| ShareError::Crypto(e.to_string()))
}

/// Opens a bundle made by [`seal`]: decrypts it with `own` (this journal's age key),
/// reads the signed envelope, finds the sender with `sender_keys` (this journal's
/// contacts: the key that checks the signature never comes from the bundle), checks
/// the signature, the format version, that it is addressed to `own_fingerprint` and
/// that it was made at a believable time.
///
/// Anything else (whether it is a replay, each entry and comment) depends on the
/// journal and is checked by the receiver.
pub(crate) fn open(
    bytes: &[u8],
    own: &age::x25519::Identity,
    own_fingerprint: &str,
    sender_keys: impl FnOnce(&ShareCode) -> Result<Option<ContactKeys>>,
) -> Result<Opened> {
    // Before age: see check_header for why.
    check_header(bytes)?;
    let plain = age::decrypt(own, bytes).map_err(|e| -> JournalError {
        match e {
            age::DecryptError::NoMatchingKeys => ShareError::NotForThisJournal.into(),
            other => ShareError::Damaged {
                reason: other.to_string(),
            }
            .into(),
        }
    })?;
    // Anyone with this journal's code can encrypt to it, so from here on the
    // content is a stranger's until the signature says otherwise.
    let outer: SignedBundle = serde_json::from_slice(&plain)
        .map_err(|_| malformed("it does not hold a signed envelope"))?;
    let signed = URL_SAFE_NO_PAD
        .decode(&outer.signed)
        .map_err(|_| malformed("its envelope is not readable"))?;
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(&outer.signature)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| malformed("its signature is not readable"))?;
    let text = std::str::from_utf8(&signed).map_err(|_| malformed("it is not UTF-8 text"))?;
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| malformed(format!("it is not JSON ({e})")))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(malformed("it is not a Waymark share"));
    }
    let code = value
        .get("sender")
        .and_then(|s| s.as_str())
        .ok_or_else(|| malformed("it does not say who sent it"))?;
    let code = ShareCode::parse(code).map_err(|_| malformed("its sender code is not valid"))?;
    let contact = sender_keys(&code)?.ok_or(ShareError::UnknownSender {
        name: code.name.clone(),
    })?;
    // The key comes from this journal's contacts, never from the bundle.
    contact
        .verifying
        .verify_strict(&signed, &Signature::from_bytes(&signature))
        .map_err(|_| ShareError::BadSignature {
            name: contact.contact.name.clone(),
        })?;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if (u64::from(OLDEST_VERSION)..=u64::from(VERSION)).contains(&v) => {}
        Some(found) => {
            return Err(ShareError::UnsupportedVersion {
                found,
                supported: VERSION,
            }
            .into());
        }
        None => return Err(malformed("it has no version number")),
    }
    let envelope: Envelope = serde_json::from_value(value).map_err(|e| malformed(e.to_string()))?;
    if envelope.recipient != own_fingerprint {
        return Err(ShareError::NotForThisJournal.into());
    }
    if !believable_save_time(envelope.created_at) {
        return Err(malformed(
            "it claims to have been made at an impossible time (is the sender's clock right?)",
        ));
    }
    // The signed bytes name the bundle: encrypted again, or copied, it is the same one.
    let digest = Sha256::digest(&signed).into();
    Ok(Opened {
        contact,
        envelope,
        digest,
    })
}

/// A bundle [`open`] found sound: who sent it, what it says, and what names it.
pub(crate) struct Opened {
    /// The sender, from this journal's contacts.
    pub(crate) contact: ContactKeys,
    /// The signed envelope.
    pub(crate) envelope: Envelope,
    /// SHA-256 of the signed envelope's exact bytes: the same bundle received again
    /// (a replay) has the same digest, any other bundle the sender signed another.
    pub(crate) digest: [u8; 32],
}

pub(super) fn malformed(reason: impl Into<String>) -> JournalError {
    ShareError::Malformed {
        reason: reason.into(),
    }
    .into()
}

/// A stored comment as a bundle carries it (its author is the bundle's sender).
pub(super) fn to_wire(c: Comment) -> WireComment {
    WireComment {
        id: c.id,
        entry_id: c.entry_id,
        text: c.text,
        anchor: c.anchor,
        created_at: c.created_at,
        reply_to: c.reply_to,
        revision: c.revision,
        edited_at: c.edited_at,
        withdrawn_at: c.withdrawn_at,
    }
}
