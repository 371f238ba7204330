//! The journal facade: the one API both shells (terminal and desktop) call.
//!
//! SQLite is written first, in one transaction per save; the search index is told
//! afterwards and is only ever a cache of it (see [`Journal::reindex`]).

use crate::error::{JournalError, Result};
use crate::keys::{DataKey, KeyFile, Secret};
use crate::lock::DirLock;
use crate::model::{Entry, EntryDraft, EntryId, Revision};
use crate::search::index::SearchIndex;
use crate::store::{self, Change, Store, Tx};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use ts_rs::TS;
use waymark_framework::{ThemeId, lpc};

use crate::paths::DB_FILE;
/// Name of the search index folder inside a journal folder.
/// The search index's folder inside a journal's.
pub(crate) const INDEX_DIR: &str = "index";

/// An open journal: its database, its search index and the lock on its folder.
///
/// `Journal` is `Send + Sync`: share one behind an `Arc` across threads.
///
/// ```
/// use waymark_journal::{Journal, EntryDraft, Template};
/// let journal = Journal::open_in_memory()?;
/// let entry = journal.create(EntryDraft {
///     title: "Hosting the neighbourhood forum".into(),
///     body: "I let the room set the agenda.".into(),
///     template: Template::Free,
///     fields: Default::default(),
///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
///     tags: vec![waymark_journal::framework::TagId("hosting style".into())],
///     labels: vec![],
///     starred: false,
///     code: vec![],
/// })?;
/// // Tags are stored as the framework's ids, whatever words were typed.
/// assert_eq!(entry.draft.tags[0].as_str(), "hosting-style");
/// # Ok::<(), waymark_journal::JournalError>(())
/// ```
pub struct Journal {
    pub(crate) store: Store,
    pub(crate) index: SearchIndex,
    dir: Option<PathBuf>,
    /// Held for the journal's life; dropping it lets another process in.
    _lock: Option<DirLock>,
    /// Set when telling the index about a committed save failed; the next
    /// [`Journal::flush`] rebuilds the index rather than let search disagree with SQLite.
    index_stale: AtomicBool,
    /// Why the index on disk could not be opened at all (a full disk, an unwritable
    /// folder): an empty stand-in in memory takes its place, so the journal still opens
    /// and reads, and search says why it cannot answer instead of answering wrongly.
    index_unusable: Option<String>,
    /// Coachees' journals opened through this one, by the coachee's fingerprint. Kept
    /// open so every call sees the same one: a second `Journal::open` of the folder
    /// would find it locked, and opening an index each time is slow.
    pub(crate) coachees_open: Mutex<HashMap<String, Arc<Journal>>>,
    /// The data key of an encrypted journal (wiped when the journal is dropped, which
    /// is what locking it is); `None` for a plain one.
    pub(crate) key: Option<DataKey>,
}

/// How [`Journal::open_keyed`] gets an encrypted journal's key.
pub(crate) enum Keying<'a> {
    /// The journal must be a plain one (an encrypted one is `NeedsUnlock`).
    Plain,
    /// Unwrap the key in the folder's key file with this secret.
    Secret(&'a Secret),
    /// This key, already unwrapped (a coachee's journal inside an unlocked one).
    Key(DataKey),
    /// A new encrypted journal: write this key file, then make the database with the key.
    New(Box<KeyFile>, DataKey),
}

/// Progress of long work (opening with an index rebuild, reindexing, demo data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    /// Done so far.
    pub done: usize,
    /// Total.
    pub total: usize,
}

/// Which entries [`Journal::list`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ListFilter {
    /// Only starred entries.
    pub starred_only: bool,
    /// Only entries tagged with this theme or anything under it.
    pub theme: Option<ThemeId>,
    /// At most this many.
    pub limit: Option<usize>,
    /// Skip this many first (for paging).
    pub offset: usize,
}

/// How many entries one calendar month holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthCount {
    /// The month, as "2026-11".
    pub month: String,
    /// Entries dated in it.
    pub count: usize,
}

impl Journal {
    /// Opens the journal in `dir`, creating the folder and an empty journal if needed.
    ///
    /// Fails with [`JournalError::Locked`] if another process (or another `Journal` in
    /// this one) has the folder open, and [`JournalError::NewerSchema`] if it was
    /// written by a newer Waymark.
    pub fn open(dir: &Path) -> Result<Journal> {
        Journal::open_with_progress(dir, &mut |_| {})
    }

    /// Opens the journal, reporting progress while the search index catches up.
    ///
    /// An encrypted journal is [`JournalError::NeedsUnlock`]: open it with
    /// [`Journal::unlock`].
    pub fn open_with_progress(dir: &Path, progress: &mut dyn FnMut(Progress)) -> Result<Journal> {
        Journal::open_keyed(dir, Keying::Plain, progress)
    }

    /// Opens the journal in `dir` as `keying` says: the one way every journal is opened.
    pub(crate) fn open_keyed(
        dir: &Path,
        keying: Keying<'_>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Journal> {
        // A folder of someone else's files is refused before anything is written to it.
        crate::folder::prepare(dir)?;
        // The lock first: nothing else in the folder is touched without it.
        let lock = DirLock::acquire(dir)?;
        // Encryption turned on and interrupted: finished once the key file is there
        // (an encrypted journal is opened with a key), undone when it is not.
        match &keying {
            Keying::Plain if KeyFile::read(dir)?.is_none() => {
                crate::encryption::abandon_encryption(dir)?
            }
            Keying::Plain | Keying::New(..) => {}
            Keying::Secret(_) | Keying::Key(_) => crate::encryption::finish_encryption(dir)?,
        }
        let key = match keying {
            Keying::Plain => match KeyFile::read(dir)? {
                Some(_) => {
                    return Err(JournalError::NeedsUnlock {
                        dir: dir.to_path_buf(),
                    });
                }
                None => None,
            },
            Keying::Secret(secret) => match KeyFile::read(dir)? {
                Some(file) => Some(file.unlock(secret)?),
                None => return Err(JournalError::NotEncrypted),
            },
            Keying::Key(key) => Some(key),
            Keying::New(file, key) => {
                // Written before the database, so no database of this journal ever
                // exists without the key that opens it.
                file.write(dir)?;
                Some(key)
            }
        };
        let store = Store::open(&dir.join(DB_FILE), key.as_ref())?;
        // The index is derived: when it cannot be opened or caught up, the journal still
        // opens, so the leader can always read and export their words.
        let index_key = key.as_ref().map(DataKey::index_key);
        let (index, index_unusable) =
            match SearchIndex::open(&dir.join(INDEX_DIR), index_key.as_ref()) {
                Ok(index) => (index, None),
                Err(e) => (SearchIndex::open_in_ram()?, Some(e.to_string())),
            };
        let journal = Journal {
            store,
            index,
            dir: Some(dir.to_path_buf()),
            _lock: Some(lock),
            index_stale: AtomicBool::new(false),
            index_unusable,
            coachees_open: Mutex::default(),
            key,
        };
        if journal.index_unusable.is_none() && journal.catch_up(progress).is_err() {
            journal.index_stale.store(true, Ordering::SeqCst);
        }
        Ok(journal)
    }

    /// A journal held in memory only, for tests.
    pub fn open_in_memory() -> Result<Journal> {
        Ok(Journal {
            store: Store::open_in_memory()?,
            index: SearchIndex::open_in_ram()?,
            dir: None,
            _lock: None,
            index_stale: AtomicBool::new(false),
            index_unusable: None,
            coachees_open: Mutex::default(),
            key: None,
        })
    }

    /// The journal's folder, or `None` for an in-memory journal.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Brings the index up to date with SQLite from its watermark.
    fn catch_up(&self, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        let mut watermark = self.index.watermark();
        if watermark > self.store.max_seq()? {
            // The index has seen changes this database never made: it belongs to
            // another copy of the journal (a restored backup, say). Start again.
            self.index.clear()?;
            watermark = 0;
        }
        self.index_changes_since(watermark, progress)?;
        // The index must hold exactly the entries SQLite holds. The crash suite has seen
        // a kill at the wrong moment leave one document too many in a sealed index (about
        // one run in three of `crash.rs`'s encrypted case); whatever leaves it so, an
        // index that disagrees with the journal is rebuilt rather than trusted.
        if self.index.live_documents() != u64::try_from(self.store.count()?).unwrap_or(u64::MAX) {
            self.reindex(progress)?;
        }
        Ok(())
    }

    fn index_changes_since(&self, seq: i64, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        let total = self.store.count_changed_since(seq)?;
        if total == 0 {
            return Ok(());
        }
        progress(Progress { done: 0, total });
        let mut done = 0;
        self.store.for_each_change_since(seq, |change| {
            self.apply_to_index(&change)?;
            done += 1;
            progress(Progress { done, total });
            Ok(())
        })?;
        self.index.commit()
    }

    fn apply_to_index(&self, change: &Change) -> Result<()> {
        match change {
            Change::Upsert { entry, seq } => self.index.upsert(entry, *seq),
            Change::Purged { id, seq } => self.index.remove(*id, *seq),
        }
    }

    /// Runs one write transaction and then tells the index what changed.
    ///
    /// An index failure after the commit is not the save's failure: the words are
    /// safe in SQLite. It is remembered, and the index rebuilt on the next flush.
    pub(crate) fn write<T>(
        &self,
        f: impl FnOnce(&Tx<'_>) -> Result<(T, Vec<Change>)>,
    ) -> Result<T> {
        self.store.write(f, |change| {
            // Once a change is missed, the index takes no more until it is rebuilt: a
            // later change would carry its watermark past the missed one, and the next
            // open would never replay it (an edit's old version would stay findable).
            if self.index_stale.load(Ordering::SeqCst) || self.apply_to_index(change).is_err() {
                self.index_stale.store(true, Ordering::SeqCst);
            }
        })
    }

    /// Saves a new entry.
    pub fn create(&self, draft: EntryDraft) -> Result<Entry> {
        let draft = draft.normalise()?;
        self.write(|tx| {
            let entry = new_entry(draft);
            let seq = tx.insert_entry(&entry)?;
            Ok((entry.clone(), vec![Change::Upsert { entry, seq }]))
        })
    }

    /// Saves many new entries in one transaction: all of them, or none if any is invalid.
    pub fn create_many(&self, drafts: Vec<EntryDraft>) -> Result<Vec<EntryId>> {
        let drafts = drafts
            .into_iter()
            .map(EntryDraft::normalise)
            .collect::<Result<Vec<_>, _>>()?;
        self.write(|tx| {
            let mut ids = Vec::with_capacity(drafts.len());
            let mut changes = Vec::with_capacity(drafts.len());
            for draft in drafts {
                let entry = new_entry(draft);
                let seq = tx.insert_entry(&entry)?;
                ids.push(entry.id);
                changes.push(Change::Upsert { entry, seq });
            }
            Ok((ids, changes))
        })
    }

    /// Saves a new version of an entry; the previous one stays in its history.
    ///
    /// Saving a draft identical to the current version changes nothing and adds no
    /// version. An entry in the bin must be restored first ([`JournalError::InBin`]).
    pub fn update(&self, id: EntryId, draft: EntryDraft) -> Result<Entry> {
        let draft = draft.normalise()?;
        self.write(|tx| {
            let old = tx.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            if old.deleted_at.is_some() {
                return Err(JournalError::InBin(id));
            }
            if old.draft == draft {
                return Ok((old, Vec::new()));
            }
            let new = Entry {
                draft,
                // Never earlier than the last save, even if the clock stepped back,
                // so "newer" keeps meaning newer when journals are merged.
                updated_at: store::now().max(old.updated_at),
                revision: old.revision.saturating_add(1),
                ..old.clone()
            };
            let seq = tx.replace_entry(&old, &new)?;
            Ok((new.clone(), vec![Change::Upsert { entry: new, seq }]))
        })
    }

    /// The entry, whether or not it is in the bin.
    pub fn get(&self, id: EntryId) -> Result<Entry> {
        self.store.get(id)
    }

    /// How many entries each calendar month holds, newest month first, under the same
    /// filters as [`Journal::list`] (its limit and offset aside). Months with none are
    /// absent.
    ///
    /// ```
    /// use waymark_journal::{EntryDraft, Journal, JournalError, ListFilter, Template};
    /// let journal = Journal::open_in_memory()?;
    /// for (title, day) in [("One", 3), ("Two", 20)] {
    ///     journal.create(EntryDraft {
    ///         title: title.into(),
    ///         body: "Notes.".into(),
    ///         template: Template::Free,
    ///         fields: Default::default(),
    ///         date: chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
    ///         tags: vec![],
    ///         labels: vec![],
    ///         starred: false,
    ///         code: vec![],
    ///     })?;
    /// }
    /// let months = journal.months(&ListFilter::default())?;
    /// assert_eq!(months.len(), 1);
    /// assert_eq!((months[0].month.as_str(), months[0].count), ("2026-03", 2));
    /// # Ok::<(), JournalError>(())
    /// ```
    pub fn months(&self, filter: &ListFilter) -> Result<Vec<MonthCount>> {
        let tags = filter
            .theme
            .as_ref()
            .map(|theme| lpc().with_descendants(theme.as_str()));
        Ok(self
            .store
            .months(filter.starred_only, tags.as_deref())?
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect())
    }

    /// Entries not in the bin, newest reflection date first.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Entry>> {
        let tags = filter
            .theme
            .as_ref()
            .map(|theme| lpc().with_descendants(theme.as_str()));
        self.store.list(
            filter.starred_only,
            tags.as_deref(),
            filter.limit,
            filter.offset,
        )
    }

    /// Calls `visit` with each entry not in the bin, oldest reflection date first, read
    /// one at a time: for tools that load a whole journal into something else (the
    /// benchmark's SQLite FTS5 twin) without holding it all in memory. An entry binned
    /// or purged during the walk is skipped; the first error stops it.
    ///
    /// ```
    /// use waymark_journal::{EntryDraft, Journal, JournalError, Template};
    /// let journal = Journal::open_in_memory()?;
    /// let draft = |title: &str| EntryDraft {
    ///     title: title.into(),
    ///     body: "Notes.".into(),
    ///     template: Template::Free,
    ///     fields: Default::default(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
    ///     tags: vec![],
    ///     labels: vec![],
    ///     starred: false,
    ///     code: vec![],
    /// };
    /// journal.create(draft("Kept"))?;
    /// let binned = journal.create(draft("Binned"))?;
    /// journal.delete(binned.id)?;
    /// let mut titles = Vec::new();
    /// journal.for_each_entry(|entry| {
    ///     titles.push(entry.draft.title.clone());
    ///     Ok::<(), JournalError>(())
    /// })?;
    /// assert_eq!(titles, ["Kept"]);
    /// # Ok::<(), JournalError>(())
    /// ```
    pub fn for_each_entry<E: From<JournalError>>(
        &self,
        mut visit: impl FnMut(&Entry) -> Result<(), E>,
    ) -> Result<(), E> {
        for id in self.store.all_ids()? {
            match self.store.get(id) {
                Ok(entry) if entry.deleted_at.is_none() => visit(&entry)?,
                Ok(_) | Err(JournalError::NotFound(_)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// How many entries there are, not counting the bin.
    pub fn count(&self) -> Result<usize> {
        self.store.count()
    }

    /// Every version of an entry, newest first, the current one included.
    pub fn history(&self, id: EntryId) -> Result<Vec<Revision>> {
        self.store.history(id)
    }

    /// Brings back an earlier version, saved as a new version (nothing is lost).
    pub fn restore_revision(&self, id: EntryId, revision: u32) -> Result<Entry> {
        let current = self.store.get(id)?;
        if revision == current.revision {
            return Ok(current);
        }
        let draft = self
            .store
            .revision_draft(id, revision)?
            .ok_or(JournalError::RevisionNotFound { id, revision })?;
        self.update(id, draft)
    }

    /// Moves an entry to the bin (it leaves lists and search; [`Journal::restore`] brings it back).
    pub fn delete(&self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            let entry = tx.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            if entry.deleted_at.is_some() {
                return Ok(((), Vec::new()));
            }
            let at = store::now();
            let seq = tx.set_deleted(id, Some(at))?;
            let entry = Entry {
                deleted_at: Some(at),
                ..entry
            };
            Ok(((), vec![Change::Upsert { entry, seq }]))
        })
    }

    /// Takes an entry out of the bin.
    pub fn restore(&self, id: EntryId) -> Result<Entry> {
        self.write(|tx| {
            let entry = tx.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            if entry.deleted_at.is_none() {
                return Err(JournalError::NotInBin(id));
            }
            let seq = tx.set_deleted(id, None)?;
            let entry = Entry {
                deleted_at: None,
                ..entry
            };
            Ok((entry.clone(), vec![Change::Upsert { entry, seq }]))
        })
    }

    /// Removes an entry in the bin for good: it, every earlier version, and its search document.
    pub fn purge(&self, id: EntryId) -> Result<()> {
        self.write(|tx| {
            let entry = tx.load_entry(id)?.ok_or(JournalError::NotFound(id))?;
            if entry.deleted_at.is_none() {
                return Err(JournalError::NotInBin(id));
            }
            let seq = tx.purge_entry(id)?;
            Ok(((), vec![Change::Purged { id, seq }]))
        })?;
        self.erase_traces(&[id])
    }

    /// After entries were purged: gone for good means gone from the files too. The
    /// database overwrites what it deleted (secure_delete, see db.rs) and its log is
    /// emptied into it; the index rewrites the segments that held each entry. The
    /// purge itself is already safe, so an index failure here only leaves the index
    /// behind (rebuilt on the next flush).
    pub(crate) fn erase_traces(&self, purged: &[EntryId]) -> Result<()> {
        self.store.empty_log()?;
        for id in purged {
            if self.index.expunge(*id).is_err() {
                self.index_stale.store(true, Ordering::SeqCst);
            }
        }
        Ok(())
    }

    /// Entries in the bin, most recently deleted first.
    pub fn bin(&self) -> Result<Vec<Entry>> {
        self.store.bin()
    }

    /// Empties the search index and rebuilds it from SQLite.
    pub fn reindex(&self, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        self.index_stale.store(false, Ordering::SeqCst);
        self.index.clear()?;
        let total = self.store.count_changed_since(0)?;
        // Reported even for an empty journal, so a progress bar always finishes.
        progress(Progress { done: 0, total });
        self.index_changes_since(0, progress)?;
        self.index.commit()
    }

    /// Makes every save so far searchable now, instead of within the next second.
    ///
    /// Any failure is [`JournalError::SearchUnavailable`]: only search is behind, never
    /// the journal, whose saves are already safe in SQLite.
    pub fn flush(&self) -> Result<()> {
        let caught_up = match &self.index_unusable {
            Some(reason) => Err(JournalError::Index(reason.clone())),
            None if self.index_stale.load(Ordering::SeqCst) => self.reindex(&mut |_| {}),
            None => self.index.commit(),
        };
        caught_up.map_err(|e| match e {
            JournalError::Index(reason) => JournalError::SearchUnavailable { reason },
            other => JournalError::SearchUnavailable {
                reason: other.to_string(),
            },
        })
    }

    /// After a save: makes it searchable now if the index can be brought up to date, and
    /// otherwise says why in a sentence to show beside "saved". The save itself is
    /// already safe in SQLite; this never turns it into a failure (a retry would make a
    /// duplicate).
    pub fn settle(&self) -> Option<String> {
        self.flush().err().map(|e| format!("saved, but {e}"))
    }

    /// Why search cannot answer right now, if it cannot, without doing any work: the
    /// index could not be opened, or it missed a save and will be rebuilt on the next
    /// search. For a shell to say beside "saved" (see [`Journal::settle`] for the CLI's).
    pub fn search_problem(&self) -> Option<String> {
        if let Some(reason) = &self.index_unusable {
            return Some(
                JournalError::SearchUnavailable {
                    reason: reason.clone(),
                }
                .to_string(),
            );
        }
        self.index_stale
            .load(Ordering::SeqCst)
            .then(|| "the search index missed a save and is rebuilt on the next search".to_owned())
    }

    /// Before a search: the index must hold every save. A stale index is rebuilt first;
    /// one that cannot be used is refused with why, rather than answering from part of
    /// the journal.
    pub(crate) fn ready_to_search(&self) -> Result<()> {
        self.flush()
    }
}

fn new_entry(draft: EntryDraft) -> Entry {
    let now = store::now();
    Entry {
        id: EntryId::new(),
        draft,
        created_at: now,
        updated_at: now,
        revision: 1,
        deleted_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_can_be_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Journal>();
    }
}
