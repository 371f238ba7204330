//! Sending: what a share would carry (for a preview), share and feedback bundles made,
//! numbered, sealed, written and logged in one transaction.

use super::ShareError;
use super::identity::{ContactKeys, OwnKeys, contact_named};
use super::log::{Direction, ShareLogEntry};
use super::wire::{BundleKind, Envelope, FORMAT, ShareContent, VERSION, seal, to_wire};
use crate::error::{JournalError, Result};
use crate::identifiers::Finding;
use crate::journal::Journal;
use crate::model::{EntryDraft, EntryId, Template};
use crate::store;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use ts_rs::TS;

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
    /// Entries it withdraws from the contact (their copies are removed when it arrives).
    pub withdrawn: usize,
    /// The file written.
    #[ts(type = "string")]
    pub path: PathBuf,
}

impl ShareFields {
    /// The template field keys to keep, checked against every template's keys: `None`
    /// for the whole entry, an error naming the allowed keys for an unknown one or for
    /// an empty choice.
    pub fn checked(&self) -> Result<Option<BTreeSet<String>>> {
        let ShareFields::Only(keys) = self else {
            return Ok(None);
        };
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
        Ok(Some(keep))
    }

    /// Cuts `draft` down to what leaves with a choice of boxes ([`ShareFields::checked`]):
    /// title, date, template, tags and the kept boxes; no body, other boxes, labels or
    /// star. `None` keeps everything.
    pub fn keep_only(keep: Option<&BTreeSet<String>>, draft: &mut EntryDraft) {
        let Some(keep) = keep else {
            return;
        };
        draft.body.clear();
        draft.fields.retain(|key, _| keep.contains(key));
        // The Code's themes answer the relevance box; they go with it or not at all.
        if !draft
            .template
            .code_field()
            .is_some_and(|key| keep.contains(key))
        {
            draft.code.clear();
        }
        draft.labels.clear();
        draft.starred = false;
    }
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
        let keep = fields.checked()?;
        let mut entries = Vec::with_capacity(ids.len());
        for id in &ids {
            let mut entry = self.get(*id)?;
            if entry.deleted_at.is_some() {
                return Err(JournalError::InBin(*id));
            }
            ShareFields::keep_only(keep.as_ref(), &mut entry.draft);
            entries.push(entry);
        }
        // This journal's own comments on these entries: replies to this contact, or
        // notes of its own; never replies to someone else's comments.
        // And its edits and withdrawals of such comments on entries shared with them
        // before (and not withdrawn), so a changed reply reaches them with any share.
        let comments = self.store.read(|r| {
            let (own, to) = (&own.info.fingerprint, &contact.contact.fingerprint);
            let withdrawn: HashSet<EntryId> = r.withdrawn_from(to)?.into_iter().collect();
            let earlier: Vec<EntryId> = r
                .entries_sent_to(to)?
                .into_iter()
                .filter(|id| !seen.contains(id) && !withdrawn.contains(id))
                .collect();
            let mut comments = r.comments_to_share(own, &ids, to)?;
            let revised = r.comments_to_share(own, &earlier, to)?;
            comments.extend(revised.into_iter().filter(|c| c.revision > 1));
            Ok(comments)
        })?;
        Ok(ShareContent {
            entries,
            fields: keep.map(|k| k.into_iter().collect()),
            comments: comments.into_iter().map(to_wire).collect(),
            // What the bundle withdraws is settled as it is sent (see `send`).
            withdrawn: Vec::new(),
        })
    }

    /// Every identifying detail in exactly what sharing these entries with `to` would
    /// send (see [`Journal::share_preview`]): with some boxes chosen, only the title and
    /// those boxes; this journal's comments that go with them. Findings marked as fine
    /// are left out.
    pub fn share_findings(
        &self,
        to: &str,
        ids: &[EntryId],
        fields: &ShareFields,
    ) -> Result<Vec<Finding>> {
        let content = self.share_preview(to, ids, fields)?;
        let mut findings = Vec::new();
        let mut add = |entry: EntryId, field: &str, spans: Vec<crate::identifiers::Span>| {
            findings.extend(
                spans
                    .into_iter()
                    .map(|span| Finding::at(entry, field, span)),
            );
        };
        for entry in &content.entries {
            for found in self.check_draft(&entry.draft)? {
                add(entry.id, &found.field, found.spans);
            }
        }
        for comment in &content.comments {
            let field = format!("{}{}", crate::identifiers::COMMENT_FIELD_PREFIX, comment.id);
            add(comment.entry_id, &field, self.check_text(&comment.text)?);
        }
        Ok(findings)
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
        self.share_with(to, ids, fields, out, false)
    }

    /// [`Journal::share`], with `redact` replacing every identifying detail the check
    /// finds in what is sent (entries and this journal's comments) by words saying what
    /// was removed; the journal keeps its text.
    pub fn share_with(
        &self,
        to: &str,
        ids: &[EntryId],
        fields: &ShareFields,
        out: &Path,
        redact: bool,
    ) -> Result<ShareReport> {
        let contact = self.store.read(|r| contact_named(r, to))?;
        let own = self.own_keys()?;
        let mut content = self.share_content(&own, &contact, ids, fields)?;
        if redact {
            let checker = self.checker()?;
            for entry in &mut content.entries {
                entry.draft = checker.redact_draft(&entry.draft);
            }
            for comment in &mut content.comments {
                comment.text = checker.redact_text(&comment.text);
            }
        }
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
            withdrawn: Vec::new(),
        };
        self.send(&own, &contact, BundleKind::Feedback, content, out)
    }

    /// Withdraws this journal's entry `id` from the contact `from`, and writes a bundle
    /// for them to `out` that removes their copy (and the comments on it there) when
    /// they receive it. Every later bundle of entries to them says so again until the
    /// entry is shared with them again, so a lost bundle leaves no copy behind.
    ///
    /// What they already read, or copied elsewhere, cannot be taken back: the sentence
    /// the leader sees says so.
    pub fn withdraw_share(&self, id: EntryId, from: &str, out: &Path) -> Result<ShareReport> {
        let contact = self.store.read(|r| contact_named(r, from))?;
        let own = self.own_keys()?;
        let sent = self
            .store
            .read(|r| r.entries_sent_to(&contact.contact.fingerprint))?;
        if !sent.contains(&id) {
            return Err(ShareError::NotSharedWith {
                id: id.to_string(),
                name: contact.contact.name.clone(),
            }
            .into());
        }
        self.store
            .write_other(|tx| tx.withdraw_share(&contact.contact.fingerprint, id))?;
        self.send(
            &own,
            &contact,
            BundleKind::Entries,
            ShareContent::default(),
            out,
        )
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
            let mut content = content;
            if kind == BundleKind::Entries {
                // Sharing an entry again lifts its withdrawal; every other withdrawal
                // from this contact goes with every bundle of entries.
                tx.lift_withdrawals(&fingerprint, &entry_ids)?;
                content.withdrawn = tx.withdrawn_from(&fingerprint)?;
            }
            let withdrawn = content.withdrawn.len();
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
                direction: Direction::Sent,
                kind,
                contact: contact.contact.name.clone(),
                fingerprint: fingerprint.clone(),
                sequence,
                entries: entry_ids,
                fields,
                comments,
                withdrawn: envelope.content.withdrawn.clone(),
            })?;
            // Last, so a failed write rolls the sequence number and the log back.
            crate::out_file::write_bytes(out, &sealed)?;
            Ok(ShareReport {
                to: contact.contact.name.clone(),
                sequence,
                entries,
                comments,
                withdrawn,
                path: out.to_path_buf(),
            })
        })
    }
}
