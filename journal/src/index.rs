//! The tantivy search index: a cache derived from SQLite that can always be rebuilt.
//!
//! One long-lived [`IndexWriter`] sits behind a mutex. Saves are batched: a background
//! thread commits pending work every few hundred milliseconds, a search commits first
//! if anything is pending, and dropping the index commits. Each commit carries the
//! watermark (the last `changes.seq` it holds) as its payload, so on open the journal
//! knows which changes still need indexing. An index that cannot be opened, or whose
//! files fail their checksums, is wiped and recreated empty (watermark 0) so the
//! journal rebuilds it from SQLite instead of failing.

use crate::error::{JournalError, Result};
use crate::model::{Entry, EntryId, Template};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
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
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument,
    TantivyError, Term,
};
use waymark_framework::{Item, lpc};

/// English words: split on non-alphanumerics, drop absurdly long tokens, lowercase,
/// fold accents (so "café" finds "cafe") and stem ("delegating" finds "delegated").
pub(crate) const STEMMED: &str = "waymark_en_stem";
/// The same words unstemmed, for fuzzy and prefix matching: a misspelling or a
/// half-typed word is close to the word as written, not to its stem.
pub(crate) const PLAIN: &str = "waymark_plain";
/// A whole label as one lowercased token, so `label:Board` finds "board".
pub(crate) const LABEL: &str = "waymark_label";

/// Bumped whenever the schema or the analysers change: an index written with another
/// format is wiped and rebuilt rather than trusted.
const FORMAT: u32 = 1;

/// Writer memory: tantivy's minimum is 15 MB per thread; 20 MB keeps the search loop
/// small while still flushing rarely during a full reindex.
const WRITER_MEMORY: usize = 20_000_000;

/// How often the background thread commits pending work. Well under the promised
/// "searchable within 1 second", and slow enough that bursts of saves share a commit.
const COMMIT_EVERY: Duration = Duration::from_millis(300);

/// Decompressed doc-store blocks kept per segment; hits on one page rarely need more.
const DOC_STORE_CACHE_BLOCKS: usize = 20;

/// Tokens longer than this are dropped (base64 blobs, pasted URLs).
const MAX_TOKEN_LEN: usize = 40;

/// What each commit's payload holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    /// The index format the commit was written with.
    format: u32,
    /// The last `changes.seq` included.
    seq: i64,
}

/// The schema's fields, looked up once.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// Entry id (raw, stored).
    pub id: Field,
    /// Title (stemmed, positions, stored).
    pub title: Field,
    /// Body and every template field as plain text (stemmed, positions, stored for snippets).
    pub text: Field,
    /// Title and text unstemmed (doc ids only), for fuzzy and prefix matching.
    pub plain: Field,
    /// One field per template field key (stemmed, positions), for `field:now-what`.
    pub template_fields: Vec<(&'static str, Field)>,
    /// Direct framework tag ids (raw, stored, multi-valued).
    pub tag: Field,
    /// The theme of every tag (raw, multi-valued).
    pub theme: Field,
    /// Free labels (whole, lowercased, stored as written).
    pub label: Field,
    /// Reflection date as days since 1970-01-01 (fast, for sorting and ranges).
    pub date: Field,
    /// Template name (raw, stored).
    pub template: Field,
    /// Starred (fast, stored).
    pub starred: Field,
    /// `/theme/<id>` and `/behaviour/<id>` for facet counts.
    pub facet: Field,
}

impl Fields {
    /// The field for a template field key (`now-what`) or `title`.
    pub(crate) fn targeted(&self, key: &str) -> Option<Field> {
        if key == "title" {
            return Some(self.title);
        }
        self.template_fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| *f)
    }
}

/// Every template field key, each once, in template order.
pub(crate) fn template_field_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for template in Template::ALL {
        for field in template.fields() {
            if !keys.contains(&field.key) {
                keys.push(field.key);
            }
        }
    }
    keys
}

fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed_positions = TextFieldIndexing::default()
        .set_tokenizer(STEMMED)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let stored_text = TextOptions::default()
        .set_indexing_options(stemmed_positions.clone())
        .set_stored();
    let plain = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PLAIN)
            .set_index_option(IndexRecordOption::Basic)
            // Only fuzzy and prefix queries use it, and they score constantly.
            .set_fieldnorms(false),
    );
    let label = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(LABEL)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
        .set_stored();

    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", stored_text.clone());
    let text = builder.add_text_field("text", stored_text);
    let plain = builder.add_text_field("plain", plain);
    let template_fields = template_field_keys()
        .into_iter()
        .map(|key| {
            let options = TextOptions::default().set_indexing_options(stemmed_positions.clone());
            (key, builder.add_text_field(&format!("f_{key}"), options))
        })
        .collect();
    let tag = builder.add_text_field("tag", STRING | STORED);
    let theme = builder.add_text_field("theme", STRING);
    let label = builder.add_text_field("label", label);
    let date = builder.add_i64_field("date", INDEXED | FAST | STORED);
    let template = builder.add_text_field("template", STRING | STORED);
    let starred = builder.add_bool_field("starred", INDEXED | FAST | STORED);
    let facet = builder.add_facet_field("facet", FacetOptions::default());
    let fields = Fields {
        id,
        title,
        text,
        plain,
        template_fields,
        tag,
        theme,
        label,
        date,
        template,
        starred,
        facet,
    };
    (builder.build(), fields)
}

/// The stemming analyser used for every text field (also for snippets and queries).
pub(crate) fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The unstemmed analyser for fuzzy and prefix matching.
pub(crate) fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyser for labels: the whole label, lowercased.
fn label_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Runs text through an analyser and returns its tokens.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn register_tokenizers(index: &Index) {
    // Tokenizers are not saved in the index, so they are registered on every open.
    let manager = index.tokenizers();
    manager.register(STEMMED, stemmed_analyzer());
    manager.register(PLAIN, plain_analyzer());
    manager.register(LABEL, label_analyzer());
}

/// Days since 1970-01-01, the date field's value.
pub(crate) fn date_to_days(date: chrono::NaiveDate) -> i64 {
    date.signed_duration_since(chrono::NaiveDate::default())
        .num_days()
}

/// The date a date field value stands for (1970-01-01 if out of range).
pub(crate) fn days_to_date(days: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::default()
        .checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or_default()
}

/// Markdown reduced to the words a reader sees, for indexing and snippets: no `**`,
/// link targets or HTML tags to match or to show in a snippet.
pub(crate) fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_owned()
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
        let file_type = entry.file_type().map_err(|e| JournalError::io(&path, e))?;
        let removed = if file_type.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| JournalError::io(&path, e))?;
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

/// Opens the index already in `dir`, checking it thoroughly; `Ok(None)` if there is none.
fn open_existing(dir: &Path) -> std::result::Result<Option<Inner>, OpenFailure> {
    let directory = MmapDirectory::open(dir).map_err(|e| OpenFailure::Damaged(e.to_string()))?;
    if !Index::exists(&directory).map_err(|e| OpenFailure::Damaged(e.to_string()))? {
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
    pub(crate) fn open(dir: &Path) -> Result<SearchIndex> {
        if dir.is_file() {
            // Something else sits where the index belongs; the path is ours, so replace it.
            fs::remove_file(dir).map_err(|e| JournalError::io(dir, e))?;
        }
        fs::create_dir_all(dir).map_err(|e| JournalError::io(dir, e))?;
        // tantivy can panic on a corrupt segment; a panic here means "damaged", not a crash.
        let attempt = catch_unwind(AssertUnwindSafe(|| open_existing(dir)));
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
        let index = Index::builder().schema(schema).create_in_dir(dir)?;
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
        let doc = (entry.deleted_at.is_none()).then(|| self.document(entry));
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

    /// The schema's fields.
    pub(crate) fn fields(&self) -> &Fields {
        &self.inner.fields
    }

    /// A searcher over the last commit.
    pub(crate) fn searcher(&self) -> Searcher {
        self.inner.reader.searcher()
    }

    fn document(&self, entry: &Entry) -> TantivyDocument {
        let f = &self.inner.fields;
        let draft = &entry.draft;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.id, entry.id.to_string());
        doc.add_text(f.title, &draft.title);

        // Body, then the template's fields in the order they are written.
        let mut text = plain_text(&draft.body);
        let mut keys: Vec<&str> = draft.template.fields().iter().map(|t| t.key).collect();
        keys.extend(
            draft
                .fields
                .keys()
                .map(String::as_str)
                .filter(|k| draft.template.field(k).is_none()),
        );
        for key in keys {
            let Some(value) = draft.fields.get(key) else {
                continue;
            };
            let value = plain_text(value);
            if value.is_empty() {
                continue;
            }
            if let Some(field) = f.targeted(key).filter(|field| *field != f.title) {
                doc.add_text(field, &value);
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&value);
        }
        doc.add_text(f.plain, &draft.title);
        doc.add_text(f.plain, &text);
        doc.add_text(f.text, text);

        let mut themes = BTreeSet::new();
        let mut facets = BTreeSet::new();
        for tag in &draft.tags {
            doc.add_text(f.tag, tag.as_str());
            if let Some(item) = lpc().item(tag.as_str()) {
                let theme = item.theme().as_str();
                themes.insert(theme);
                facets.insert(("theme", theme));
                // Only direct behaviour tags count as behaviours; a quality's inferred
                // behaviour is not claimed on the leader's behalf.
                if let Item::Behaviour(b) = item {
                    facets.insert(("behaviour", b.id.as_str()));
                }
            }
        }
        for theme in themes {
            doc.add_text(f.theme, theme);
        }
        for (kind, id) in facets {
            doc.add_facet(f.facet, tantivy::schema::Facet::from_path([kind, id]));
        }
        for label in &draft.labels {
            doc.add_text(f.label, label);
        }
        doc.add_i64(f.date, date_to_days(draft.date));
        doc.add_text(f.template, draft.template.as_str());
        doc.add_bool(f.starred, draft.starred);
        doc
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
    fn stemmer_joins_word_forms() {
        let mut a = stemmed_analyzer();
        assert_eq!(tokens(&mut a, "delegating"), tokens(&mut a, "Delegated"));
        assert_eq!(tokens(&mut a, "Café"), vec!["cafe".to_owned()]);
    }

    #[test]
    fn plain_text_drops_markdown() {
        let text = plain_text("# Head\n\nSome **bold** [link](http://x.y) text.\n\n- one\n- two");
        assert!(text.contains("Some bold link text."), "{text}");
        assert!(!text.contains("http"), "{text}");
        assert!(!text.contains("**"), "{text}");
    }

    #[test]
    fn days_round_trip() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        assert_eq!(days_to_date(date_to_days(d)), d);
        let old = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
        assert!(date_to_days(old) < 0);
        assert_eq!(days_to_date(date_to_days(old)), old);
    }

    #[test]
    fn open_creates_and_reopens_with_watermark() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        {
            let index = SearchIndex::open(dir.path())?;
            assert_eq!(index.watermark(), 0);
            index.remove(EntryId::new(), 7)?;
            index.commit()?;
            assert_eq!(index.watermark(), 7);
        }
        let index = SearchIndex::open(dir.path())?;
        assert_eq!(index.watermark(), 7);
        Ok(())
    }

    #[test]
    fn scrambled_meta_is_wiped() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| JournalError::io("tmp", e))?;
        {
            let index = SearchIndex::open(dir.path())?;
            index.remove(EntryId::new(), 3)?;
        }
        fs::write(dir.path().join("meta.json"), b"{ not json")
            .map_err(|e| JournalError::io("meta", e))?;
        let index = SearchIndex::open(dir.path())?;
        assert_eq!(index.watermark(), 0);
        Ok(())
    }
}
