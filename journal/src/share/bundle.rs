//! Share and feedback bundles: made, encrypted and signed here; received, checked whole
//! and then applied in one transaction. See the module documentation of
//! [`crate::share`] for the format.

use super::ShareError;
use super::comments::{Comment, CommentId, check_anchor, check_text};
use super::identity::{ContactKeys, OwnKeys, ShareCode, contact_named, contact_with_keys};
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::limits::believable_save_time;
use crate::model::{Entry, EntryId, Template};
use crate::store::{self, Tx};
use crate::transfer::{self, Policy, merge, read_capped};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SubsecRound, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The `format` value of a bundle's envelope.
pub const FORMAT: &str = "waymark-share";
/// The bundle format version this build writes and reads.
pub const VERSION: u32 = 1;
/// The largest bundle file accepted (checked before it is read).
pub const MAX_BUNDLE_BYTES: u64 = 50 * 1024 * 1024;

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
    fn as_str(self) -> &'static str {
        match self {
            BundleKind::Entries => "entries",
            BundleKind::Feedback => "feedback",
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
    /// Grows by one with each bundle from this sender to this receiver.
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
    /// The sender's comments.
    #[serde(default)]
    pub comments: Vec<WireComment>,
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

/// Which parts of the chosen entries leave the journal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase", tag = "mode", content = "keys")]
#[ts(export)]
pub enum ShareFields {
    /// Everything: title, body, every field, tags, labels and star.
    #[default]
    Whole,
    /// Title, date, template and tags, and only these template fields: no body,
    /// other fields, labels or star ("share the learning, not the facts").
    Only(Vec<String>),
}

/// What making a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ShareReport {
    /// The contact it is for.
    pub to: String,
    /// Its sequence number.
    pub sequence: u64,
    /// Entries in it.
    pub entries: usize,
    /// Comments in it.
    pub comments: usize,
    /// The file written.
    #[ts(type = "string")]
    pub path: PathBuf,
}

/// What receiving a bundle did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReceiveReport {
    /// The sender, as named in this journal.
    pub from: String,
    /// `entries` or `feedback`.
    pub kind: String,
    /// The bundle's sequence number.
    pub sequence: u64,
    /// Entries new here.
    pub entries_added: usize,
    /// Entries updated in place.
    pub entries_updated: usize,
    /// Entries already the same.
    pub entries_unchanged: usize,
    /// Comments new here.
    pub comments_added: usize,
    /// Comments already here.
    pub comments_unchanged: usize,
    /// The entries this bundle changed: added or updated (a share), or given new
    /// comments (feedback); each once, in the bundle's order.
    pub changed: Vec<EntryId>,
}

/// One line of the sharing log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ShareLogEntry {
    /// When.
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    /// `sent` or `received`.
    pub direction: String,
    /// `entries` or `feedback`.
    pub kind: String,
    /// The contact's name at the time.
    pub contact: String,
    /// The contact's fingerprint.
    pub fingerprint: String,
    /// The bundle's sequence number.
    pub sequence: u64,
    /// The entries it carried.
    pub entries: Vec<EntryId>,
    /// The fields shared, or `None` for whole entries.
    pub fields: Option<Vec<String>>,
    /// How many comments it carried.
    pub comments: usize,
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

fn malformed(reason: impl Into<String>) -> JournalError {
    ShareError::Malformed {
        reason: reason.into(),
    }
    .into()
}

/// An entry from a bundle through the one gate for entries from outside.
fn canonical_entry(mut entry: Entry) -> Result<Entry> {
    // The sender's bin is the sender's business: cleared before the gate, so a time
    // in it is neither checked nor kept.
    entry.deleted_at = None;
    let id = entry.id;
    transfer::admit(entry).map_err(|reason| {
        ShareError::InvalidEntry {
            id: id.to_string(),
            reason,
        }
        .into()
    })
}

/// Writes `bytes` to `path` through a file beside it, so a failure never leaves half a bundle.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("waymark-partial");
    let written = File::create(&tmp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        // Best effort: the partial file is ours and useless.
        let _ = fs::remove_file(&tmp);
        return Err(JournalError::io(&tmp, e));
    }
    fs::rename(&tmp, path).map_err(|e| JournalError::io(path, e))
}

impl Journal {
    /// Exactly what [`Journal::share`] would send to `to`: for a preview.
    pub fn share_preview(
        &self,
        to: &str,
        ids: &[EntryId],
        fields: &ShareFields,
    ) -> Result<ShareContent> {
        let contact = self.store.read(|r| contact_named(r, to))?;
        let own = self.own_keys()?;
        self.share_content(&own, &contact, ids, fields)
    }

    fn share_content(
        &self,
        own: &OwnKeys,
        contact: &ContactKeys,
        ids: &[EntryId],
        fields: &ShareFields,
    ) -> Result<ShareContent> {
        let mut seen = HashSet::new();
        let ids: Vec<EntryId> = ids.iter().copied().filter(|id| seen.insert(*id)).collect();
        if ids.is_empty() {
            return Err(ShareError::NothingToShare.into());
        }
        let keep: Option<BTreeSet<String>> = match fields {
            ShareFields::Whole => None,
            ShareFields::Only(keys) => {
                let allowed = Template::field_keys();
                let mut keep = BTreeSet::new();
                for key in keys {
                    let key = key.trim();
                    if !allowed.contains(&key) {
                        return Err(ShareError::UnknownField {
                            key: key.chars().take(60).collect(),
                            allowed: allowed.join(", "),
                        }
                        .into());
                    }
                    keep.insert(key.to_owned());
                }
                if keep.is_empty() {
                    return Err(ShareError::UnknownField {
                        key: String::new(),
                        allowed: allowed.join(", "),
                    }
                    .into());
                }
                Some(keep)
            }
        };
        let mut entries = Vec::with_capacity(ids.len());
        for id in &ids {
            let mut entry = self.get(*id)?;
            if entry.deleted_at.is_some() {
                return Err(JournalError::InBin(*id));
            }
            if let Some(keep) = &keep {
                entry.draft.body.clear();
                entry.draft.fields.retain(|key, _| keep.contains(key));
                entry.draft.labels.clear();
                entry.draft.starred = false;
            }
            entries.push(entry);
        }
        // This journal's own comments on these entries: replies to this contact, or
        // notes of its own; never replies to someone else's comments.
        let comments = self.store.read(|r| {
            r.comments_to_share(&own.info.fingerprint, &ids, &contact.contact.fingerprint)
        })?;
        Ok(ShareContent {
            entries,
            fields: keep.map(|k| k.into_iter().collect()),
            comments: comments.into_iter().map(to_wire).collect(),
        })
    }

    /// Makes a bundle of the chosen entries for the contact `to` and writes it to `out`.
    ///
    /// Sharing entries again sends their current versions; the receiver updates its
    /// copies in place. This journal's comments on the entries (replies) go too.
    pub fn share(
        &self,
        to: &str,
        ids: &[EntryId],
        fields: &ShareFields,
        out: &Path,
    ) -> Result<ShareReport> {
        let contact = self.store.read(|r| contact_named(r, to))?;
        let own = self.own_keys()?;
        let content = self.share_content(&own, &contact, ids, fields)?;
        self.send(&own, &contact, BundleKind::Entries, content, out)
    }

    /// Makes a feedback bundle for the contact `to`: every comment this journal wrote
    /// on the entries they shared. Sending comments again is harmless (they are
    /// matched by id).
    pub fn feedback(&self, to: &str, out: &Path) -> Result<ShareReport> {
        let contact = self.store.read(|r| contact_named(r, to))?;
        let own = self.own_keys()?;
        let no_comments = || -> JournalError {
            ShareError::NoComments {
                name: contact.contact.name.clone(),
            }
            .into()
        };
        if !self.has_coachee_journal(&contact.contact) {
            return Err(no_comments());
        }
        let sub = self.open_coachee(&contact.contact)?;
        let comments = sub.store.read(|r| r.comments_by(&own.info.fingerprint))?;
        if comments.is_empty() {
            return Err(no_comments());
        }
        let content = ShareContent {
            entries: Vec::new(),
            fields: None,
            comments: comments.into_iter().map(to_wire).collect(),
        };
        self.send(&own, &contact, BundleKind::Feedback, content, out)
    }

    /// Numbers, signs, encrypts and writes a bundle, and logs it, in one transaction.
    fn send(
        &self,
        own: &OwnKeys,
        contact: &ContactKeys,
        kind: BundleKind,
        content: ShareContent,
        out: &Path,
    ) -> Result<ShareReport> {
        let entry_ids: Vec<EntryId> = content.entries.iter().map(|e| e.id).collect();
        let fields = content.fields.clone();
        let (entries, comments) = (content.entries.len(), content.comments.len());
        let fingerprint = contact.contact.fingerprint.clone();
        self.store.write_other(|tx| {
            let sequence = tx.take_next_sent(&fingerprint)?;
            let envelope = Envelope {
                format: FORMAT.to_owned(),
                version: VERSION,
                kind,
                sender: own.info.code.clone(),
                recipient: fingerprint.clone(),
                sequence,
                created_at: store::now(),
                content,
            };
            let bytes =
                serde_json::to_vec(&envelope).map_err(|e| ShareError::Crypto(e.to_string()))?;
            let sealed = seal(&bytes, &own.signing, &contact.recipient)?;
            tx.log_share(&ShareLogEntry {
                at: envelope.created_at,
                direction: "sent".to_owned(),
                kind: kind.as_str().to_owned(),
                contact: contact.contact.name.clone(),
                fingerprint: fingerprint.clone(),
                sequence,
                entries: entry_ids,
                fields,
                comments,
            })?;
            // Last, so a failed write rolls the sequence number and the log back.
            write_file(out, &sealed)?;
            Ok(ShareReport {
                to: contact.contact.name.clone(),
                sequence,
                entries,
                comments,
                path: out.to_path_buf(),
            })
        })
    }

    /// Every bundle sent or received, newest first.
    pub fn share_log(&self) -> Result<Vec<ShareLogEntry>> {
        self.store.read(|r| r.share_log())
    }

    /// Receives a bundle file: checked whole, then applied (see [`Journal::receive_bytes`]).
    ///
    /// A file larger than [`MAX_BUNDLE_BYTES`] is refused before it is read.
    pub fn receive(&self, path: &Path) -> Result<ReceiveReport> {
        let bytes = read_capped(path, MAX_BUNDLE_BYTES, |bytes| {
            ShareError::TooLarge {
                bytes,
                max: MAX_BUNDLE_BYTES,
            }
            .into()
        })?;
        self.receive_bytes(&bytes)
    }

    /// Receives a bundle: decrypts it with this journal's key, checks the sender, the
    /// signature, the version, the addressee, the sequence and every entry and comment,
    /// and only then applies it in one transaction.
    ///
    /// A leader's entries go into that contact's own journal (see
    /// [`Journal::coachee_journal`]); a coach's comments attach to this journal's entries.
    pub fn receive_bytes(&self, bytes: &[u8]) -> Result<ReceiveReport> {
        if bytes.len() as u64 > MAX_BUNDLE_BYTES {
            return Err(ShareError::TooLarge {
                bytes: bytes.len() as u64,
                max: MAX_BUNDLE_BYTES,
            }
            .into());
        }
        // A journal that never made an identity cannot be anyone's addressee.
        let own = self.existing_keys()?.ok_or(ShareError::NotForThisJournal)?;
        let plain = age::decrypt(&own.age, bytes).map_err(|e| -> JournalError {
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
        let contact =
            self.store
                .read(|r| contact_with_keys(r, &code))?
                .ok_or(ShareError::UnknownSender {
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
            Some(v) if v == u64::from(VERSION) => {}
            Some(found) => {
                return Err(ShareError::UnsupportedVersion {
                    found,
                    supported: VERSION,
                }
                .into());
            }
            None => return Err(malformed("it has no version number")),
        }
        let envelope: Envelope =
            serde_json::from_value(value).map_err(|e| malformed(e.to_string()))?;
        if envelope.recipient != own.info.fingerprint {
            return Err(ShareError::NotForThisJournal.into());
        }
        if !believable_save_time(envelope.created_at) {
            return Err(malformed(
                "it claims to have been made at an impossible time (is the sender's clock right?)",
            ));
        }
        let fingerprint = contact.contact.fingerprint.clone();
        let last = self.store.read(|r| r.last_received(&fingerprint))?;
        if envelope.sequence <= last {
            return Err(ShareError::AlreadyReceived {
                name: contact.contact.name.clone(),
                sequence: envelope.sequence,
                last,
            }
            .into());
        }
        let mut report = ReceiveReport {
            from: contact.contact.name.clone(),
            kind: envelope.kind.as_str().to_owned(),
            sequence: envelope.sequence,
            ..ReceiveReport::default()
        };
        match envelope.kind {
            BundleKind::Entries => self.receive_entries(&contact, &envelope, &mut report)?,
            BundleKind::Feedback => self.receive_feedback(&contact, &envelope, &mut report)?,
        }
        Ok(report)
    }

    /// Applies a leader's entries (and their comments) to their journal here.
    fn receive_entries(
        &self,
        contact: &ContactKeys,
        envelope: &Envelope,
        report: &mut ReceiveReport,
    ) -> Result<()> {
        let content = &envelope.content;
        if let Some(fields) = &content.fields {
            let allowed = Template::field_keys();
            if fields.iter().any(|f| !allowed.contains(&f.as_str())) {
                return Err(malformed("it names a template field that does not exist"));
            }
        }
        let mut entries = Vec::with_capacity(content.entries.len());
        let mut seen = HashSet::new();
        for entry in &content.entries {
            if !seen.insert(entry.id) {
                return Err(ShareError::DuplicateId {
                    id: entry.id.to_string(),
                }
                .into());
            }
            entries.push(canonical_entry(entry.clone())?);
        }
        // Opened only if it exists, so a refused bundle creates nothing.
        let existing = self.existing_coachee(&contact.contact)?;
        let templates: HashMap<EntryId, Template> =
            entries.iter().map(|e| (e.id, e.draft.template)).collect();
        let comments = self.check_comments(
            contact,
            &content.comments,
            |id| match templates.get(&id) {
                Some(t) => Ok(Some(*t)),
                None => match &existing {
                    Some(sub) => match store_entry(sub, id)? {
                        Some(e) => Ok(Some(e.draft.template)),
                        None => Ok(None),
                    },
                    None => Ok(None),
                },
            },
            |id| match &existing {
                Some(sub) => sub.store.read(|r| r.comment_entry(id)),
                None => Ok(None),
            },
        )?;
        // Everything is checked: apply.
        let sub = match existing {
            Some(sub) => sub,
            None => self.open_coachee(&contact.contact)?,
        };
        sub.write(|tx| {
            let (merged, changes) = merge(tx, entries, Policy::SenderWins)?;
            report.entries_added += merged.added;
            report.entries_updated += merged.updated;
            report.entries_unchanged += merged.unchanged;
            report.changed.extend(merged.changed);
            for comment in &comments {
                if tx.insert_comment(comment)? {
                    report.comments_added += 1;
                } else {
                    report.comments_unchanged += 1;
                }
            }
            Ok(((), changes))
        })?;
        sub.flush()?;
        // After the entries: if this fails, receiving the bundle again redoes nothing twice.
        self.record_received(contact, envelope)
    }

    /// Applies a coach's comments to this journal's entries.
    fn receive_feedback(
        &self,
        contact: &ContactKeys,
        envelope: &Envelope,
        report: &mut ReceiveReport,
    ) -> Result<()> {
        let content = &envelope.content;
        if !content.entries.is_empty() || content.fields.is_some() {
            return Err(malformed("a feedback bundle cannot carry entries"));
        }
        let shared = self.entries_sent_to(&contact.contact.fingerprint)?;
        let comments = self.check_comments(
            contact,
            &content.comments,
            |id| {
                // Only entries this journal shared with them can receive their comments.
                if !shared.contains(&id) {
                    return Ok(None);
                }
                Ok(store_entry(self, id)?.map(|e| e.draft.template))
            },
            |id| self.store.read(|r| r.comment_entry(id)),
        )?;
        self.store.write_other(|tx| {
            for comment in &comments {
                if tx.insert_comment(comment)? {
                    report.comments_added += 1;
                    if !report.changed.contains(&comment.entry_id) {
                        report.changed.push(comment.entry_id);
                    }
                } else {
                    report.comments_unchanged += 1;
                }
            }
            tx.set_last_received(&contact.contact.fingerprint, envelope.sequence)?;
            log_received(tx, contact, envelope)
        })
    }

    fn record_received(&self, contact: &ContactKeys, envelope: &Envelope) -> Result<()> {
        self.store.write_other(|tx| {
            tx.set_last_received(&contact.contact.fingerprint, envelope.sequence)?;
            log_received(tx, contact, envelope)
        })
    }

    /// Entry ids this journal has ever sent to `fingerprint`.
    fn entries_sent_to(&self, fingerprint: &str) -> Result<HashSet<EntryId>> {
        self.store.read(|r| r.entries_sent_to(fingerprint))
    }

    /// Checks a bundle's comments; returns them as they will be stored, authored by
    /// the sender. `entry_template` gives the template of an entry they may be on
    /// (`None`: not one they may reference); `stored_comment` the entry of a comment
    /// already stored.
    fn check_comments(
        &self,
        contact: &ContactKeys,
        wire: &[WireComment],
        entry_template: impl Fn(EntryId) -> Result<Option<Template>>,
        stored_comment: impl Fn(CommentId) -> Result<Option<EntryId>>,
    ) -> Result<Vec<Comment>> {
        let in_bundle: HashMap<CommentId, EntryId> =
            wire.iter().map(|c| (c.id, c.entry_id)).collect();
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(wire.len());
        for c in wire {
            if !seen.insert(c.id) {
                return Err(ShareError::DuplicateId {
                    id: c.id.to_string(),
                }
                .into());
            }
            let Some(template) = entry_template(c.entry_id)? else {
                return Err(ShareError::UnknownReference {
                    what: "entry",
                    id: c.entry_id.to_string(),
                }
                .into());
            };
            check_text(&c.text).map_err(|r| malformed(format!("comment {}: {r}", c.id)))?;
            let anchor = check_anchor(template, c.anchor.as_deref())
                .map_err(|r| malformed(format!("comment {}: {r}", c.id)))?;
            let created_at = c.created_at.trunc_subsecs(6);
            if !believable_save_time(created_at) {
                return Err(malformed(format!(
                    "comment {} has an impossible date",
                    c.id
                )));
            }
            if let Some(parent) = c.reply_to {
                let on = match in_bundle.get(&parent) {
                    Some(on) => Some(*on),
                    None => stored_comment(parent)?,
                };
                match on {
                    Some(on) if on == c.entry_id => {}
                    _ => {
                        return Err(ShareError::UnknownReference {
                            what: "comment",
                            id: parent.to_string(),
                        }
                        .into());
                    }
                }
            }
            out.push(Comment {
                id: c.id,
                entry_id: c.entry_id,
                author: contact.contact.name.clone(),
                author_fingerprint: contact.contact.fingerprint.clone(),
                mine: false,
                text: c.text.clone(),
                anchor,
                created_at,
                reply_to: c.reply_to,
            });
        }
        Ok(out)
    }
}

/// An entry of `journal`, or `None`.
fn store_entry(journal: &Journal, id: EntryId) -> Result<Option<Entry>> {
    journal.store.read(|r| r.load_entry(id))
}

fn to_wire(c: Comment) -> WireComment {
    WireComment {
        id: c.id,
        entry_id: c.entry_id,
        text: c.text,
        anchor: c.anchor,
        created_at: c.created_at,
        reply_to: c.reply_to,
    }
}

fn log_received(tx: &Tx<'_>, contact: &ContactKeys, envelope: &Envelope) -> Result<()> {
    tx.log_share(&ShareLogEntry {
        at: store::now(),
        direction: "received".to_owned(),
        kind: envelope.kind.as_str().to_owned(),
        contact: contact.contact.name.clone(),
        fingerprint: contact.contact.fingerprint.clone(),
        sequence: envelope.sequence,
        entries: envelope.content.entries.iter().map(|e| e.id).collect(),
        fields: envelope.content.fields.clone(),
        comments: envelope.content.comments.len(),
    })
}
