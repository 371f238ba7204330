//! Taking identifying details out of the journal itself, not just out of a copy that
//! leaves: the entry is saved again with each detail replaced, and, when the leader
//! says so, its earlier versions are rewritten too, so the history no longer holds
//! what was removed. The search index and the database's log are then cleared of the
//! old words, as a purge does.
//!
//! Copies that already left (shared, exported, backed up) are out of the journal's
//! reach; the shells say so.

use super::Finding;
use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{Entry, EntryId};
use crate::store::{self, Change};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What taking the identifying details out of one entry would change, for the question
/// asked before doing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RedactionPlan {
    /// The entry.
    pub entry: EntryId,
    /// The details in its current version (title, boxes, body, labels).
    pub current: Vec<Finding>,
    /// How many of its earlier versions hold at least one detail the check finds.
    pub earlier_versions: usize,
}

/// What [`Journal::redact_entry`] did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Redacted {
    /// The entry as it now is (a new version when its current text changed).
    pub entry: Entry,
    /// Details replaced in the current version.
    pub details: usize,
    /// Earlier versions rewritten without their details.
    pub versions_rewritten: usize,
}

impl Journal {
    /// What [`Journal::redact_entry`] would change in this entry: the details in its
    /// current version, and how many earlier versions hold some. Findings marked as
    /// fine are left out, as everywhere.
    pub fn redaction_plan(&self, id: EntryId) -> Result<RedactionPlan> {
        let checker = self.checker()?;
        let (entry, earlier) = self.store.read(|r| {
            let entry = r.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            Ok((entry, r.earlier_drafts(id)?))
        })?;
        let mut current = Vec::new();
        checker.add_draft(id, &entry.draft, &mut current);
        let earlier_versions = earlier
            .iter()
            .filter(|(_, draft)| checker.redact_draft(draft) != *draft)
            .count();
        Ok(RedactionPlan {
            entry: id,
            current,
            earlier_versions,
        })
    }

    /// Replaces every detail that may identify someone in this entry (and not marked as
    /// fine) by words saying what was removed, in the journal itself: the redacted text
    /// is saved as a new version. With `every_version`, each earlier version is
    /// rewritten the same way, the one just replaced included, so no version keeps
    /// the details. One transaction; afterwards the search index and the database's
    /// log are rewritten so the old words do not linger in the files.
    ///
    /// An entry in the bin must be restored first ([`JournalError::InBin`]). Nothing to
    /// replace changes nothing.
    pub fn redact_entry(&self, id: EntryId, every_version: bool) -> Result<Redacted> {
        let checker = self.checker()?;
        let done = self.write(|tx| {
            let old = tx.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            if old.deleted_at.is_some() {
                return Err(JournalError::InBin(id));
            }
            let mut found = Vec::new();
            checker.add_draft(id, &old.draft, &mut found);
            let mut changes = Vec::new();
            let entry = if found.is_empty() {
                old
            } else {
                let new = Entry {
                    draft: checker.redact_draft(&old.draft).normalise()?,
                    // As any save: never earlier than the last one.
                    updated_at: store::now().max(old.updated_at),
                    revision: old.revision.saturating_add(1),
                    ..old.clone()
                };
                let seq = tx.replace_entry(&old, &new)?;
                changes.push(Change::Upsert {
                    entry: new.clone(),
                    seq,
                });
                new
            };
            let mut versions_rewritten = 0;
            if every_version {
                // After the save above, so the version it kept is rewritten too.
                for (revision, draft) in tx.earlier_drafts(id)? {
                    let clean = checker.redact_draft(&draft);
                    if clean != draft {
                        tx.rewrite_revision(id, revision, &clean)?;
                        versions_rewritten += 1;
                    }
                }
            }
            Ok((
                Redacted {
                    entry,
                    details: found.len(),
                    versions_rewritten,
                },
                changes,
            ))
        })?;
        if done.details > 0 || done.versions_rewritten > 0 {
            self.erase_traces(&[id])?;
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use crate::journal::Journal;
    use crate::model::{EntryDraft, Template};
    use crate::{IdentifierKind, JournalError};
    use chrono::NaiveDate;

    fn draft(body: &str) -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: "Ward round".into(),
            body: body.into(),
            template: Template::Free,
            fields: Default::default(),
            date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default(),
            tags: vec![],
            labels: vec![],
            starred: false,
        }
    }

    const NHS: &str = "943 476 5919";

    #[test]
    fn redacting_every_version_leaves_no_version_holding_the_detail() -> crate::Result<()> {
        let j = Journal::open_in_memory()?;
        let e = j.create(draft(&format!("Spoke about {NHS} today.")))?;
        j.update(e.id, draft(&format!("Spoke about {NHS} at length.")))?;
        let plan = j.redaction_plan(e.id)?;
        assert_eq!(plan.current.len(), 1);
        assert_eq!(plan.current[0].kind, IdentifierKind::NhsNumber);
        assert_eq!(plan.earlier_versions, 1);

        let done = j.redact_entry(e.id, true)?;
        assert_eq!((done.details, done.versions_rewritten), (1, 2));
        assert_eq!(done.entry.revision, 3);
        assert!(done.entry.draft.body.contains("[NHS number removed]"));
        for version in j.history(e.id)? {
            assert!(!version.draft.body.contains(NHS), "{version:?}");
        }
        assert!(j.search_ids("943")?.is_empty());
        // Nothing left to take out: nothing changes.
        let again = j.redact_entry(e.id, true)?;
        assert_eq!((again.details, again.versions_rewritten), (0, 0));
        assert_eq!(again.entry.revision, 3);
        Ok(())
    }

    #[test]
    fn redacting_only_the_current_version_keeps_the_history_as_it_was() -> crate::Result<()> {
        let j = Journal::open_in_memory()?;
        let e = j.create(draft(&format!("Spoke about {NHS}.")))?;
        let done = j.redact_entry(e.id, false)?;
        assert_eq!((done.details, done.versions_rewritten), (1, 0));
        let history = j.history(e.id)?;
        assert!(!history[0].draft.body.contains(NHS));
        assert!(history[1].draft.body.contains(NHS));
        assert_eq!(j.redaction_plan(e.id)?.earlier_versions, 1);
        Ok(())
    }

    #[test]
    fn an_entry_in_the_bin_is_not_redacted() -> crate::Result<()> {
        let j = Journal::open_in_memory()?;
        let e = j.create(draft(&format!("Spoke about {NHS}.")))?;
        j.delete(e.id)?;
        assert!(matches!(
            j.redact_entry(e.id, true),
            Err(JournalError::InBin(_))
        ));
        Ok(())
    }
}
