//! Receiving: a bundle read within its size limit, opened ([`wire::open`]), checked
//! against this journal (a replay is a no-op; every entry through the one gate, every
//! comment)
//! and only then applied in one transaction. A leader's entries merge into their
//! journal here with [`Policy::SenderWins`]; a coach's comments attach to entries this
//! journal shared with them.

use super::ShareError;
use super::comments::{Comment, CommentId, check_anchor, check_text};
use super::identity::{ContactKeys, contact_with_keys};
use super::log::{Direction, ShareLogEntry};
use super::wire::{self, BundleKind, Envelope, MAX_BUNDLE_BYTES, WireComment, malformed};
use crate::error::Result;
use crate::journal::Journal;
use crate::limits::believable_save_time;
use crate::model::{Entry, EntryId, Template};
use crate::store::{self, Change, Stored, Tx};
use crate::transfer::{self, Policy, merge, read_capped};
use chrono::SubsecRound;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use ts_rs::TS;

/// What receiving a bundle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReceiveReport {
    /// The sender, as named in this journal.
    pub from: String,
    /// What the bundle carried.
    pub kind: BundleKind,
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
    /// Comments their authors edited or withdrew since they were received here: the
    /// copies here now say what their authors last said.
    pub comments_revised: usize,
    /// Comments already here (as this bundle has them, or newer).
    pub comments_unchanged: usize,
    /// Comments left out because the entry they are on is no longer in this journal
    /// (the leader purged it after sharing it): feedback keeps arriving for the rest.
    pub comments_skipped: usize,
    /// Entries whose copy here is newer than the bundle's (it arrived late), kept.
    pub entries_older: usize,
    /// Entries the sender withdrew whose copies here were removed, with the comments on them.
    pub entries_withdrawn: usize,
    /// `true` when this very bundle was received before: nothing new, nothing was
    /// changed (a watched folder or a second click sees the same file again).
    pub already_received: bool,
    /// The entries this bundle changed: added or updated (a share), or given new
    /// comments (feedback); each once, in the bundle's order.
    pub changed: Vec<EntryId>,
}

/// What a bundle's comment may be on, as its receiver sees it.
enum Target {
    /// An entry here, with this template.
    On(Template),
    /// An entry that may have been here and is not (purged after it was shared,
    /// withdrawn, or its bundle lost): the comment is left out and counted, never a
    /// reason to refuse the bundle.
    Gone,
    /// Not an entry the sender may comment on: the bundle is refused.
    Unknown,
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

impl Journal {
    /// Receives a bundle file: checked whole, then applied (see [`Journal::receive_bytes`]).
    ///
    /// A file larger than [`MAX_BUNDLE_BYTES`] is refused before it is read.
    pub fn receive(&self, path: &Path) -> Result<ReceiveReport> {
        self.receive_unless(path, &|| false)
    }

    /// Receives a bundle file as [`Journal::receive`] does, unless `cancelled` says so
    /// before it is applied: it is asked after the file is read and again after it is
    /// decrypted and checked, and then [`ShareError::Cancelled`] is returned with
    /// nothing changed. Applying is one transaction, so it is never half done.
    pub fn receive_unless(
        &self,
        path: &Path,
        cancelled: &dyn Fn() -> bool,
    ) -> Result<ReceiveReport> {
        let bytes = read_capped(path, MAX_BUNDLE_BYTES, |bytes| {
            ShareError::TooLarge {
                bytes,
                max: MAX_BUNDLE_BYTES,
            }
            .into()
        })?;
        if cancelled() {
            return Err(ShareError::Cancelled.into());
        }
        self.receive_bytes_unless(&bytes, cancelled)
    }

    /// Receives a bundle: decrypts it with this journal's key, checks the sender, the
    /// signature, the version, the addressee, whether it is a replay (then nothing is
    /// done and the report says [`ReceiveReport::already_received`]) and every entry and comment,
    /// and only then applies it in one transaction.
    ///
    /// A leader's entries go into that contact's own journal (see
    /// [`Journal::coachee_journal`]); a coach's comments attach to this journal's entries.
    pub fn receive_bytes(&self, bytes: &[u8]) -> Result<ReceiveReport> {
        self.receive_bytes_unless(bytes, &|| false)
    }

    fn receive_bytes_unless(
        &self,
        bytes: &[u8],
        cancelled: &dyn Fn() -> bool,
    ) -> Result<ReceiveReport> {
        if bytes.len() as u64 > MAX_BUNDLE_BYTES {
            return Err(ShareError::TooLarge {
                bytes: bytes.len() as u64,
                max: MAX_BUNDLE_BYTES,
            }
            .into());
        }
        // A journal that never made an identity cannot be anyone's addressee.
        let own = self.existing_keys()?.ok_or(ShareError::NotForThisJournal)?;
        let wire::Opened {
            contact,
            envelope,
            digest,
        } = wire::open(bytes, &own.age, &own.info.fingerprint, |code| {
            self.store.read(|r| contact_with_keys(r, code))
        })?;
        let fingerprint = contact.contact.fingerprint.clone();
        let mut report = ReceiveReport {
            from: contact.contact.name.clone(),
            kind: envelope.kind,
            sequence: envelope.sequence,
            entries_added: 0,
            entries_updated: 0,
            entries_unchanged: 0,
            comments_added: 0,
            comments_revised: 0,
            comments_unchanged: 0,
            comments_skipped: 0,
            entries_older: 0,
            entries_withdrawn: 0,
            already_received: false,
            changed: Vec::new(),
        };
        // Only the same signed bundle again is a replay: any other bundle this contact
        // signed is new, whatever its number (email reorders; a restored journal
        // numbers again), and its entries are settled by revision.
        if self.store.read(|r| r.was_received(&fingerprint, &digest))? {
            report.already_received = true;
            return Ok(report);
        }
        if cancelled() {
            return Err(ShareError::Cancelled.into());
        }
        match envelope.kind {
            BundleKind::Entries => {
                self.receive_entries(&contact, &envelope, &digest, &mut report)?
            }
            BundleKind::Feedback => {
                self.receive_feedback(&contact, &envelope, &digest, &mut report)?
            }
        }
        Ok(report)
    }

    /// Applies a leader's entries (and their comments) to their journal here, and
    /// removes the copies of entries they withdrew.
    ///
    /// Each entry's newest word wins by when its bundle was made (`entry_receipts`):
    /// a bundle made before the one that withdrew an entry cannot bring it back, and
    /// one made before a share again cannot remove it.
    fn receive_entries(
        &self,
        contact: &ContactKeys,
        envelope: &Envelope,
        digest: &[u8; 32],
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
        let mut withdrawn = HashSet::new();
        for id in &content.withdrawn {
            if seen.contains(id) {
                return Err(malformed(format!("it both sends and withdraws entry {id}")));
            }
            if !withdrawn.insert(*id) {
                return Err(ShareError::DuplicateId { id: id.to_string() }.into());
            }
        }
        // Opened only if it exists, so a refused bundle creates nothing.
        let existing = self.existing_coachee(&contact.contact)?;
        let templates: HashMap<EntryId, Template> =
            entries.iter().map(|e| (e.id, e.draft.template)).collect();
        let (comments, skipped) = self.check_comments(
            contact,
            &content.comments,
            |id| {
                if withdrawn.contains(&id) {
                    return Ok(Target::Gone);
                }
                // A comment on the sender's own entry that is neither in the bundle nor
                // here (the bundle that brought it was lost, or it was withdrawn) is left
                // out: refusing would refuse every later bundle that carries it too.
                match templates.get(&id) {
                    Some(t) => Ok(Target::On(*t)),
                    None => match &existing {
                        Some(sub) => match store_entry(sub, id)? {
                            Some(e) => Ok(Target::On(e.draft.template)),
                            None => Ok(Target::Gone),
                        },
                        None => Ok(Target::Gone),
                    },
                }
            },
            |id| match &existing {
                Some(sub) => sub.store.read(|r| r.comment_origin(id)),
                None => Ok(None),
            },
        )?;
        report.comments_skipped = skipped;
        if existing.is_none() && entries.is_empty() {
            // Nothing of theirs is here, so there is nothing to withdraw or comment on.
            return self.record_received(contact, envelope, digest);
        }
        // Everything is checked: apply.
        let sub = match existing {
            Some(sub) => sub,
            None => self.open_coachee(&contact.contact)?,
        };
        let made = envelope.created_at;
        let mut removed = Vec::new();
        sub.write(|tx| {
            // Whether a bundle made after this one already said something about `id`.
            let outdated = |id: EntryId| -> Result<bool> {
                Ok(tx.receipt(id)?.is_some_and(|(said_at, _)| said_at > made))
            };
            let mut current = Vec::with_capacity(entries.len());
            for entry in entries {
                if outdated(entry.id)? {
                    report.entries_older += 1;
                } else {
                    tx.set_receipt(entry.id, made, false)?;
                    current.push(entry);
                }
            }
            let (merged, mut changes) = merge(tx, current, Policy::SenderWins)?;
            report.entries_added += merged.added;
            report.entries_updated += merged.updated;
            report.entries_unchanged += merged.unchanged;
            report.entries_older += merged.skipped_newer_local.len();
            // New to the coach until they open it, in the same transaction that brought it.
            for id in &merged.changed {
                tx.mark_entry_unseen(*id)?;
            }
            report.changed.extend(merged.changed);
            for id in &content.withdrawn {
                if outdated(*id)? {
                    continue;
                }
                tx.set_receipt(*id, made, true)?;
                if tx.load_entry(*id)?.is_some() {
                    // Its fields, tags, revisions and comments go with it (ON DELETE CASCADE).
                    let seq = tx.purge_entry(*id)?;
                    changes.push(Change::Purged { id: *id, seq });
                    removed.push(*id);
                }
            }
            report.entries_withdrawn = removed.len();
            for comment in &comments {
                // On an entry a later bundle withdrew: gone with it.
                if tx.load_entry(comment.entry_id)?.is_none() {
                    report.comments_skipped += 1;
                    continue;
                }
                count_stored(report, tx.store_comment(comment)?);
            }
            Ok(((), changes))
        })?;
        if !removed.is_empty() || report.comments_revised > 0 {
            // Withdrawn words are gone from the files too (a revision may be a withdrawal).
            sub.erase_traces(&removed)?;
        }
        sub.flush()?;
        // After the entries: if this fails, receiving the bundle again redoes nothing twice.
        self.record_received(contact, envelope, digest)
    }

    /// Applies a coach's comments to this journal's entries.
    fn receive_feedback(
        &self,
        contact: &ContactKeys,
        envelope: &Envelope,
        digest: &[u8; 32],
        report: &mut ReceiveReport,
    ) -> Result<()> {
        let content = &envelope.content;
        if !content.entries.is_empty() || content.fields.is_some() {
            return Err(malformed("a feedback bundle cannot carry entries"));
        }
        let shared = self.entries_sent_to(&contact.contact.fingerprint)?;
        let (comments, skipped) = self.check_comments(
            contact,
            &content.comments,
            |id| {
                // Only entries this journal shared with them can receive their comments.
                if !shared.contains(&id) {
                    return Ok(Target::Unknown);
                }
                Ok(match store_entry(self, id)? {
                    Some(e) => Target::On(e.draft.template),
                    // Shared, then purged here: the coach could not know.
                    None => Target::Gone,
                })
            },
            |id| self.store.read(|r| r.comment_origin(id)),
        )?;
        report.comments_skipped = skipped;
        self.store.write_other(|tx| {
            for comment in &comments {
                let stored = tx.store_comment(comment)?;
                count_stored(report, stored);
                if stored != Stored::Unchanged && !report.changed.contains(&comment.entry_id) {
                    report.changed.push(comment.entry_id);
                }
            }
            tx.record_received(&contact.contact.fingerprint, digest, envelope.sequence)?;
            log_received(tx, contact, envelope)
        })?;
        if report.comments_revised > 0 {
            // A revision may be a withdrawal: its words leave the files too.
            self.erase_traces(&[])?;
        }
        Ok(())
    }

    fn record_received(
        &self,
        contact: &ContactKeys,
        envelope: &Envelope,
        digest: &[u8; 32],
    ) -> Result<()> {
        self.store.write_other(|tx| {
            tx.record_received(&contact.contact.fingerprint, digest, envelope.sequence)?;
            log_received(tx, contact, envelope)
        })
    }

    /// Entry ids this journal has ever sent to `fingerprint`.
    fn entries_sent_to(&self, fingerprint: &str) -> Result<HashSet<EntryId>> {
        self.store.read(|r| r.entries_sent_to(fingerprint))
    }

    /// Checks a bundle's comments; returns them as they will be stored, authored by
    /// the sender, and how many were left out because their entry is gone.
    /// `entry_template` says what an entry they are on is here ([`Target`]);
    /// `stored_comment` the entry and author of a comment already stored: a bundle
    /// may revise only its sender's own comments, and never move one to another entry.
    fn check_comments(
        &self,
        contact: &ContactKeys,
        wire: &[WireComment],
        entry_template: impl Fn(EntryId) -> Result<Target>,
        stored_comment: impl Fn(CommentId) -> Result<Option<(EntryId, String)>>,
    ) -> Result<(Vec<Comment>, usize)> {
        let in_bundle: HashMap<CommentId, EntryId> =
            wire.iter().map(|c| (c.id, c.entry_id)).collect();
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(wire.len());
        let mut skipped = 0;
        for c in wire {
            if !seen.insert(c.id) {
                return Err(ShareError::DuplicateId {
                    id: c.id.to_string(),
                }
                .into());
            }
            let template = match entry_template(c.entry_id)? {
                Target::On(template) => template,
                Target::Gone => {
                    skipped += 1;
                    continue;
                }
                Target::Unknown => {
                    return Err(ShareError::UnknownReference {
                        what: "entry",
                        id: c.entry_id.to_string(),
                    }
                    .into());
                }
            };
            let bad = |reason: &str| malformed(format!("comment {}: {reason}", c.id));
            if c.withdrawn_at.is_some() {
                // The author took the words back: none may travel.
                if !c.text.is_empty() {
                    return Err(bad("it is withdrawn but still has text"));
                }
            } else {
                check_text(&c.text).map_err(|r| bad(&r))?;
            }
            if c.revision == 0 {
                return Err(bad("its revision number is 0"));
            }
            let anchor = check_anchor(template, c.anchor.as_deref()).map_err(|r| bad(&r))?;
            let created_at = c.created_at.trunc_subsecs(6);
            let edited_at = c.edited_at.map(|t| t.trunc_subsecs(6));
            let withdrawn_at = c.withdrawn_at.map(|t| t.trunc_subsecs(6));
            let times = [Some(created_at), edited_at, withdrawn_at];
            if !times.into_iter().flatten().all(believable_save_time) {
                return Err(bad("it has an impossible date"));
            }
            if let Some((on, author)) = stored_comment(c.id)? {
                if author != contact.contact.fingerprint {
                    return Err(ShareError::ForeignComment {
                        id: c.id.to_string(),
                    }
                    .into());
                }
                if on != c.entry_id {
                    return Err(bad("it was on another entry"));
                }
            }
            if let Some(parent) = c.reply_to {
                let on = match in_bundle.get(&parent) {
                    Some(on) => Some(*on),
                    None => stored_comment(parent)?.map(|(on, _)| on),
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
                revision: c.revision,
                edited_at,
                withdrawn_at,
            });
        }
        Ok((out, skipped))
    }
}

/// Counts what storing one comment did.
fn count_stored(report: &mut ReceiveReport, stored: Stored) {
    match stored {
        Stored::Added => report.comments_added += 1,
        Stored::Revised => report.comments_revised += 1,
        Stored::Unchanged => report.comments_unchanged += 1,
    }
}

/// An entry of `journal`, or `None`.
fn store_entry(journal: &Journal, id: EntryId) -> Result<Option<Entry>> {
    journal.store.read(|r| r.load_entry(id))
}

fn log_received(tx: &Tx<'_>, contact: &ContactKeys, envelope: &Envelope) -> Result<()> {
    tx.log_share(&ShareLogEntry {
        at: store::now(),
        direction: Direction::Received,
        kind: envelope.kind,
        contact: contact.contact.name.clone(),
        fingerprint: contact.contact.fingerprint.clone(),
        sequence: envelope.sequence,
        entries: envelope.content.entries.iter().map(|e| e.id).collect(),
        fields: envelope.content.fields.clone(),
        comments: envelope.content.comments.len(),
        withdrawn: envelope.content.withdrawn.clone(),
    })
}
