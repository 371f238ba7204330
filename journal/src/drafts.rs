//! Unsaved writing: what the editor holds but has not saved, kept in the journal on
//! every change so a crash or a forced close loses nothing, and offered back the next
//! time the same entry (or a new one) is opened.
//!
//! There is one draft per entry being edited and one for the entry being started
//! (`entry: None`). A draft is kept as typed: it need not pass
//! [`EntryDraft::normalise`], since half-written entries (no title yet) must be kept
//! too. It lives in the journal's database, beside the entries it belongs to.

use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::limits::MAX_DRAFT_BYTES;
use crate::model::{EntryDraft, EntryId};
use crate::store;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A draft as kept, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeptDraft {
    /// The entry it edits, or `None` for the entry being started.
    pub entry: Option<EntryId>,
    /// The writing, exactly as it was in the editor.
    pub draft: EntryDraft,
    /// When it was kept (UTC).
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
}

impl Journal {
    /// Keeps `draft` as the unsaved writing for `entry` (`None`: the entry being
    /// started), replacing what was kept before; returns it as kept.
    ///
    /// Refuses a draft over [`MAX_DRAFT_BYTES`] as JSON ([`JournalError::DraftTooLarge`]).
    ///
    /// ```
    /// use waymark_journal::{EntryDraft, Journal, Template};
    /// let journal = Journal::open_in_memory()?;
    /// let draft = EntryDraft {
    ///     title: "Half-written thought".into(),
    ///     body: String::new(),
    ///     template: Template::Rolfe,
    ///     fields: Default::default(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
    ///     tags: vec![],
    ///     labels: vec![],
    ///     starred: false,
    ///     code: vec![],
    /// };
    /// journal.keep_draft(None, &draft)?;
    /// assert_eq!(journal.draft(None)?.map(|k| k.draft), Some(draft));
    /// journal.drop_draft(None)?;
    /// assert!(journal.draft(None)?.is_none());
    /// # Ok::<(), waymark_journal::JournalError>(())
    /// ```
    pub fn keep_draft(&self, entry: Option<EntryId>, draft: &EntryDraft) -> Result<KeptDraft> {
        let bytes = serde_json::to_vec(draft).map_or(usize::MAX, |json| json.len());
        if bytes > MAX_DRAFT_BYTES {
            return Err(JournalError::DraftTooLarge {
                bytes,
                max: MAX_DRAFT_BYTES,
            });
        }
        let saved_at = store::now();
        self.store
            .write_other(|tx| tx.keep_draft(entry, draft, saved_at))?;
        Ok(KeptDraft {
            entry,
            draft: draft.clone(),
            saved_at,
        })
    }

    /// The unsaved writing kept for `entry` (`None`: the entry being started), if any.
    /// A kept draft that no longer reads back is treated as none.
    pub fn draft(&self, entry: Option<EntryId>) -> Result<Option<KeptDraft>> {
        self.store.read(|r| r.draft(entry))
    }

    /// Forgets the unsaved writing kept for `entry` (after a save, or when the leader
    /// discards it). Forgetting a draft that is not there is not an error.
    pub fn drop_draft(&self, entry: Option<EntryId>) -> Result<()> {
        self.store.write_other(|tx| tx.drop_draft(entry))
    }

    /// Every kept draft, most recently kept first.
    pub fn drafts(&self) -> Result<Vec<KeptDraft>> {
        self.store.read(|r| r.drafts())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Template;

    fn draft(title: &str) -> EntryDraft {
        EntryDraft {
            code: Vec::new(),
            title: title.into(),
            body: String::new(),
            template: Template::Rolfe,
            fields: [(
                "what".to_owned(),
                "I let the room set the agenda.".to_owned(),
            )]
            .into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
            tags: vec![waymark_framework::TagId("hosting-style".into())],
            labels: vec![],
            starred: false,
        }
    }

    #[test]
    fn drafts_are_kept_per_entry_and_read_back() {
        // Moved from ui/src/lib/drafts.test.ts ("are kept per entry and read back").
        let journal = Journal::open_in_memory().unwrap();
        let kept = journal
            .keep_draft(None, &draft("Hosting the forum"))
            .unwrap();
        assert_eq!(journal.draft(None).unwrap(), Some(kept));
        let other = EntryId::new();
        assert!(journal.draft(Some(other)).unwrap().is_none());
        // One slot each: keeping again replaces, and entries do not share.
        journal
            .keep_draft(None, &draft("Hosting the forum, again"))
            .unwrap();
        journal.keep_draft(Some(other), &draft("An edit")).unwrap();
        assert_eq!(
            journal.draft(None).unwrap().map(|k| k.draft.title),
            Some("Hosting the forum, again".to_owned())
        );
        let all = journal.drafts().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].entry, Some(other), "most recently kept first");
        journal.drop_draft(None).unwrap();
        assert!(journal.draft(None).unwrap().is_none());
        journal.drop_draft(None).unwrap();
        assert!(journal.draft(Some(other)).unwrap().is_some());
    }

    #[test]
    fn half_written_drafts_are_kept_and_oversized_ones_refused() {
        // Moved from "survive a full storage without throwing": too much is refused
        // with an error (the editor carries on), never a panic.
        let journal = Journal::open_in_memory().unwrap();
        let untitled = EntryDraft {
            title: String::new(),
            ..draft("")
        };
        assert!(untitled.clone().normalise().is_err(), "not savable yet");
        journal.keep_draft(None, &untitled).unwrap();
        let huge = EntryDraft {
            body: "x".repeat(MAX_DRAFT_BYTES + 1),
            ..draft("Huge")
        };
        assert!(matches!(
            journal.keep_draft(None, &huge),
            Err(JournalError::DraftTooLarge { .. })
        ));
        assert_eq!(
            journal.draft(None).unwrap().map(|k| k.draft),
            Some(untitled)
        );
    }

    #[test]
    fn a_damaged_draft_reads_as_none() {
        // Moved from "ignore damaged storage".
        let journal = Journal::open_in_memory().unwrap();
        journal
            .store
            .write_other(|tx| {
                tx.keep_raw_draft_for_test("new", "{not json");
                tx.keep_raw_draft_for_test("not-an-id", "{}");
                Ok(())
            })
            .unwrap();
        assert!(journal.draft(None).unwrap().is_none());
        assert!(journal.drafts().unwrap().is_empty());
    }

    #[test]
    fn purging_an_entry_forgets_its_draft() {
        let journal = Journal::open_in_memory().unwrap();
        let entry = journal.create(draft("Forum")).unwrap();
        journal
            .keep_draft(Some(entry.id), &draft("Forum, edited"))
            .unwrap();
        journal.delete(entry.id).unwrap();
        assert!(
            journal.draft(Some(entry.id)).unwrap().is_some(),
            "the bin keeps it"
        );
        journal.purge(entry.id).unwrap();
        assert!(journal.draft(Some(entry.id)).unwrap().is_none());
    }
}
