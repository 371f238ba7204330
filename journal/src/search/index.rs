//! The tantivy search index: a cache derived from SQLite that can always be rebuilt.
//!
//! One long-lived [`IndexWriter`] sits behind a mutex. Saves are batched: a background
//! thread commits pending work every few hundred milliseconds, a search commits first
//! if anything is pending, and dropping the index commits. Each commit carries the
//! watermark (the last `changes.seq` it holds) as its payload, so on open the journal
//! knows which changes still need indexing. An index that cannot be opened, or whose
//! files fail their checksums, is wiped and recreated empty (watermark 0) so the
//! journal rebuilds it from SQLite instead of failing.

use super::schema::{FORMAT, Fields, build_schema, document, register_tokenizers};
use super::sealed::SealedDirectory;
use crate::error::{JournalError, Result};
use crate::model::{Entry, EntryId};
use serde::{Deserialize, Serialize};
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;
use tantivy::Directory;
use tantivy::collector::Count;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::AllQuery;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};

/// Writer memory: tantivy's minimum is 15 MB per thread; 20 MB keeps the search loop
/// small while still flushing rarely during a full reindex.
const WRITER_MEMORY: usize = 20_000_000;

/// How often the background thread commits pending work. Well under the promised
/// "searchable within 1 second", and slow enough that bursts of saves share a commit.
const COMMIT_EVERY: Duration = Duration::from_millis(300);

/// Decompressed doc-store blocks kept per segment; hits on one page rarely need more.
const DOC_STORE_CACHE_BLOCKS: usize = 20;

/// What each commit's payload holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    /// The index format the commit was written with.
    format: u32,
    /// The last `changes.seq` included.
    seq: i64,
}

struct WriterState {
    writer: IndexWriter,
    /// Work added since the last commit.
    dirty: bool,
    /// The watermark the next commit will record.
    pending_seq: i64,
}

/// Everything shared between the index handle and its committer thread.
struct Inner {
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<WriterState>,
    /// The watermark of the last commit.
    watermark: AtomicI64,
}

impl Inner {
    fn writer(&self) -> MutexGuard<'_, WriterState> {
        // A panic while holding the lock leaves tantivy's writer usable (its own state is
        // behind its own locks), so carry on rather than failing every later save.
        self.writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn commit_locked(&self, state: &mut WriterState) -> Result<()> {
        let payload = serde_json::to_string(&Payload {
            format: FORMAT,
            seq: state.pending_seq,
        })
        .map_err(|e| JournalError::Index(e.to_string()))?;
        let mut prepared = state.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        state.dirty = false;
        self.watermark.store(state.pending_seq, Ordering::SeqCst);
        self.reader.reload()?;
        Ok(())
    }

    fn commit_if_dirty(&self) -> Result<()> {
        let mut state = self.writer();
        if state.dirty {
            self.commit_locked(&mut state)?;
        }
        Ok(())
    }
}

/// The journal's search index. See the module documentation.
pub(crate) struct SearchIndex {
    inner: Arc<Inner>,
    /// Dropping the sender stops the committer thread.
    stop: Option<mpsc::Sender<()>>,
    committer: Option<JoinHandle<()>>,
}

/// Why an existing index could not be used.
enum OpenFailure {
    /// Another writer holds it: never wipe in that case.
    Locked(TantivyError),
    /// Unreadable, damaged or from another format: wipe and rebuild.
    Damaged(String),
}

impl From<TantivyError> for OpenFailure {
    fn from(e: TantivyError) -> Self {
        match e {
            TantivyError::LockFailure(..) => OpenFailure::Locked(e),
            other => OpenFailure::Damaged(other.to_string()),
        }
    }
}

fn writer_for(index: &Index) -> tantivy::Result<IndexWriter> {
    let options = IndexWriterOptions::builder()
        .memory_budget_per_thread(WRITER_MEMORY)
        .num_worker_threads(1)
        .num_merge_threads(1)
        .build();
    index.writer_with_options(options)
}

fn reader_for(index: &Index) -> tantivy::Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
        .try_into()
}

/// Tantivy's own lock files: never deleted by hand, even when wiping a damaged index.
fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(".tantivy-") && name.ends_with(".lock")
}

/// Removes everything in the index folder (and nothing outside it) except lock files.
fn wipe(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| JournalError::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| JournalError::io(dir, e))?;
        if is_lock_file(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            // Listed, then gone before it could be looked at (see below): nothing to do.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(JournalError::io(&path, e)),
        };
        let removed = if file_type.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        match removed {
            Ok(()) => {}
            // Already gone: the index library's clean-up, still finishing on another
            // thread after a failed open, removed it first. Gone is what was wanted.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(JournalError::io(&path, e)),
        }
    }
    Ok(())
}

/// Whether the folder holds anything but lock files.
fn has_files(dir: &Path) -> bool {
    fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .any(|entry| !is_lock_file(&entry.file_name()))
        })
        .unwrap_or(false)
}

/// The key an encrypted journal's index files are sealed with.
pub(crate) type IndexKey = zeroize::Zeroizing<[u8; 32]>;

/// The index folder as tantivy sees it: sealed with `key` (an encrypted journal's), or
/// plain files.
fn folder(dir: &Path, key: Option<&IndexKey>) -> tantivy::Result<Box<dyn Directory>> {
    Ok(match key {
        Some(key) => Box::new(SealedDirectory::open(dir, key)?),
        None => Box::new(MmapDirectory::open(dir)?),
    })
}

/// Opens the index already in `dir`, checking it thoroughly; `Ok(None)` if there is none.
/// An index sealed with another key, or plain where a sealed one is wanted (and the
/// other way round), cannot be read: it is damaged as far as this journal goes, and
/// rebuilt.
fn open_existing(
    dir: &Path,
    key: Option<&IndexKey>,
) -> std::result::Result<Option<Inner>, OpenFailure> {
    let directory = folder(dir, key).map_err(|e| OpenFailure::Damaged(e.to_string()))?;
    if !Index::exists(directory.as_ref()).map_err(|e| OpenFailure::Damaged(e.to_string()))? {
        return Ok(None);
    }
    let index = Index::open(directory)?;
    let (schema, fields) = build_schema();
    if index.schema() != schema {
        return Err(OpenFailure::Damaged(
            "the index was written with another schema".into(),
        ));
    }
    register_tokenizers(&index);
    let metas = index.load_metas()?;
    let seq = match metas.payload.as_deref() {
        Some(text) => match serde_json::from_str::<Payload>(text) {
            Ok(p) if p.format == FORMAT => p.seq,
            Ok(_) => return Err(OpenFailure::Damaged("the index has another format".into())),
            Err(e) => return Err(OpenFailure::Damaged(format!("bad commit payload: {e}"))),
        },
        // Created but never committed to: empty, nothing indexed yet.
        None if metas.segments.is_empty() => 0,
        None => return Err(OpenFailure::Damaged("the index has no watermark".into())),
    };
    // Every segment file's checksum, so a scrambled file is caught here rather than by a
    // panic or a wrong answer in the middle of a search.
    for path in metas.list_segment_files() {
        let managed = index.directory();
        if managed
            .exists(&path)
            .map_err(|e| OpenFailure::Damaged(e.to_string()))?
            && !managed
                .validate_checksum(&path)
                .map_err(|e| OpenFailure::Damaged(e.to_string()))?
        {
            return Err(OpenFailure::Damaged(format!(
                "{} fails its checksum",
                path.display()
            )));
        }
    }
    let reader = reader_for(&index)?;
    // A probe: open every segment's postings, fast fields and doc store.
    let searcher = reader.searcher();
    searcher.search(&AllQuery, &Count)?;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        segment.inverted_index(fields.text)?;
        segment.fast_fields().i64("date")?;
        if segment.max_doc() > 0 {
            let ord = u32::try_from(ord).map_err(|e| OpenFailure::Damaged(e.to_string()))?;
            searcher.doc::<TantivyDocument>(DocAddress::new(ord, 0))?;
        }
    }
    let writer = writer_for(&index)?;
    // Files left by a crash mid-commit or mid-merge.
    let _ = writer.garbage_collect_files().wait();
    Ok(Some(Inner {
        reader,
        fields,
        writer: Mutex::new(WriterState {
            writer,
            dirty: false,
            pending_seq: seq,
        }),
        watermark: AtomicI64::new(seq),
    }))
}

fn create(index: Index, fields: Fields) -> Result<Inner> {
    register_tokenizers(&index);
    let writer = writer_for(&index)?;
    let reader = reader_for(&index)?;
    Ok(Inner {
        reader,
        fields,
        writer: Mutex::new(WriterState {
            writer,
            dirty: false,
            pending_seq: 0,
        }),
        watermark: AtomicI64::new(0),
    })
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic inside the index library".to_owned())
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if needed. A damaged, unreadable or
    /// out-of-date index is wiped and recreated empty (watermark 0), so the caller
    /// rebuilds it from SQLite; only a lock held by another writer is an error.
    pub(crate) fn open(dir: &Path, key: Option<&IndexKey>) -> Result<SearchIndex> {
        if dir.is_file() {
            // Something else sits where the index belongs; the path is ours, so replace it.
            fs::remove_file(dir).map_err(|e| JournalError::io(dir, e))?;
        }
        fs::create_dir_all(dir).map_err(|e| JournalError::io(dir, e))?;
        // tantivy can panic on a corrupt segment; a panic here means "damaged", not a crash.
        let attempt = catch_unwind(AssertUnwindSafe(|| open_existing(dir, key)));
        let damage = match attempt {
            Ok(Ok(Some(inner))) => return Ok(SearchIndex::start(inner)),
            Ok(Ok(None)) => None,
            Ok(Err(OpenFailure::Locked(e))) => {
                return Err(JournalError::Index(format!(
                    "the search index in {} is in use by another process: {e}",
                    dir.display()
                )));
            }
            Ok(Err(OpenFailure::Damaged(reason))) => Some(reason),
            Err(panic) => Some(panic_message(panic.as_ref())),
        };
        if damage.is_some() || has_files(dir) {
            wipe(dir)?;
        }
        let (schema, fields) = build_schema();
        let index = Index::create(folder(dir, key)?, schema, tantivy::IndexSettings::default())?;
        Ok(SearchIndex::start(create(index, fields)?))
    }

    /// An index held in memory, for tests and in-memory journals.
    pub(crate) fn open_in_ram() -> Result<SearchIndex> {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        Ok(SearchIndex::start(create(index, fields)?))
    }

    fn start(inner: Inner) -> SearchIndex {
        let inner = Arc::new(inner);
        let (stop, stopped) = mpsc::channel::<()>();
        let shared = Arc::clone(&inner);
        let committer = std::thread::Builder::new()
            .name("waymark-index-commit".into())
            .spawn(move || {
                // Stops when the sender is dropped (or sends).
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(COMMIT_EVERY) {
                    // A failed commit is retried next tick, and `search`/`flush` report
                    // it to the caller; nothing to do with it here.
                    let _ = catch_unwind(AssertUnwindSafe(|| shared.commit_if_dirty()));
                }
            })
            .ok();
        SearchIndex {
            inner,
            stop: Some(stop),
            committer,
        }
    }

    /// The last change seq committed to the index (its commit payload).
    pub(crate) fn watermark(&self) -> i64 {
        self.inner.watermark.load(Ordering::SeqCst)
    }

    /// Adds or replaces an entry; an entry in the bin (`deleted_at` set) is removed.
    pub(crate) fn upsert(&self, entry: &Entry, seq: i64) -> Result<()> {
        let doc = (entry.deleted_at.is_none()).then(|| document(&self.inner.fields, entry));
        let mut state = self.inner.writer();
        state.writer.delete_term(Term::from_field_text(
            self.inner.fields.id,
            &entry.id.to_string(),
        ));
        if let Some(doc) = doc {
            state.writer.add_document(doc)?;
        }
        state.dirty = true;
        state.pending_seq = state.pending_seq.max(seq);
        Ok(())
    }

    /// Removes an entry (purged, or moved to the bin).
    pub(crate) fn remove(&self, id: EntryId, seq: i64) -> Result<()> {
        let mut state = self.inner.writer();
        state
            .writer
            .delete_term(Term::from_field_text(self.inner.fields.id, &id.to_string()));
        state.dirty = true;
        state.pending_seq = state.pending_seq.max(seq);
        Ok(())
    }

    /// Removes every trace of entry `id` from the index files, for a purge: a removed
    /// document only stops matching, and its words stay in its segment (and its earlier
    /// versions' in theirs) until that segment is merged. So the segments still holding
    /// the id are rewritten now and the old files deleted. The watermark is kept.
    pub(crate) fn expunge(&self, id: EntryId) -> Result<()> {
        let mut state = self.inner.writer();
        self.inner.commit_locked(&mut state)?;
        let term = Term::from_field_text(self.inner.fields.id, &id.to_string());
        let searcher = self.inner.reader.searcher();
        let mut holding = Vec::new();
        for segment in searcher.segment_readers() {
            // The postings of a deleted document stay until a merge; that is the trace.
            if segment
                .inverted_index(self.inner.fields.id)?
                .get_term_info(&term)
                .map_err(|e| JournalError::Index(e.to_string()))?
                .is_some()
            {
                holding.push(segment.segment_id());
            }
        }
        drop(searcher);
        if !holding.is_empty() {
            state.writer.merge(&holding).wait()?;
        }
        self.inner.reader.reload()?;
        state
            .writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| JournalError::Index(e.to_string()))?;
        Ok(())
    }

    /// Commits pending work now (with the watermark as payload) and reloads the reader.
    pub(crate) fn commit(&self) -> Result<()> {
        self.inner.commit_if_dirty()
    }

    /// Removes every document and commits with watermark 0, ready for a rebuild.
    pub(crate) fn clear(&self) -> Result<()> {
        let mut state = self.inner.writer();
        state.writer.delete_all_documents()?;
        state.pending_seq = 0;
        self.inner.commit_locked(&mut state)
    }

    /// Documents in the last commit, not counting removed ones.
    pub(crate) fn live_documents(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// The schema's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.inner.fields
    }

    /// A searcher over the last commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.inner.reader.searcher()
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(handle) = self.committer.take() {
            let _ = handle.join();
        }
        // Work not yet committed would otherwise be re-indexed on the next open; commit
        // it now. An error here cannot be reported; the watermark makes it harmless.
        let _ = catch_unwind(AssertUnwindSafe(|| self.inner.commit_if_dirty()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_and_reopens_with_watermark() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        {
            let index = SearchIndex::open(dir.path(), None)?;
            assert_eq!(index.watermark(), 0);
            index.remove(EntryId::new(), 7)?;
            index.commit()?;
            assert_eq!(index.watermark(), 7);
        }
        let index = SearchIndex::open(dir.path(), None)?;
        assert_eq!(index.watermark(), 7);
        Ok(())
    }

    #[test]
    fn scrambled_meta_is_wiped() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        {
            let index = SearchIndex::open(dir.path(), None)?;
            index.remove(EntryId::new(), 3)?;
        }
        fs::write(dir.path().join("meta.json"), b"{ not json")
            .map_err(|e| JournalError::io("meta", e))?;
        let index = SearchIndex::open(dir.path(), None)?;
        assert_eq!(index.watermark(), 0);
        Ok(())
    }
}
