//! The benchmark behind `waymark bench`: a seeded demo journal searched through the
//! engine (tantivy) and, in the same run, the same entries in an SQLite FTS5 table,
//! with one fixed query set run alternately on both; then durable saves, save to
//! searchable, a full reindex and memory.
//!
//! Figures are reported, never asserted: a benchmark that fails a test on a slow
//! machine teaches nothing. Dates and seed are fixed, so every run builds the same
//! journal.

use chrono::NaiveDate;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use waymark_journal::keys::{KdfCost, Secret};
use waymark_journal::paths::DB_FILE;
use waymark_journal::{
    EntryDraft, EntryId, Journal, JournalError, Result, SearchOptions, SortOrder,
};
use waymark_sample::{self as demo, ABSENT_WORD, RARE_WORDS};

pub mod demo_bench;
pub mod growth;
pub mod identifier_check;
pub mod short_ids;

/// Fewest runs of each query `waymark bench` accepts, so percentiles mean something.
pub const MIN_RUNS_PER_QUERY: usize = 200;
/// Hits fetched per search, as a results page shows.
pub const TOP: usize = 20;
/// Longest wait for a saved entry to become searchable before giving up on it.
const SEARCHABLE_TIMEOUT: Duration = Duration::from_secs(5);

/// What to benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchOptions {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each query on each engine (the CLI asks for at least [`MIN_RUNS_PER_QUERY`]).
    pub runs_per_query: usize,
    /// Folder to build in and keep (must not hold a journal yet); `None` uses a
    /// temporary folder removed afterwards.
    pub dir: Option<PathBuf>,
    /// Durable saves timed on the populated journal.
    pub saves: usize,
    /// Saves timed until searchable.
    pub searchable_saves: usize,
    /// Date of the demo journal's newest entry (fixed, so runs are comparable).
    pub end: NaiveDate,
}

impl Default for BenchOptions {
    fn default() -> Self {
        BenchOptions {
            entries: 10_000,
            seed: 42,
            runs_per_query: MIN_RUNS_PER_QUERY,
            dir: None,
            saves: 200,
            searchable_saves: 20,
            end: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default(),
        }
    }
}

/// Everything one benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each query on each engine.
    pub runs_per_query: usize,
    /// Hits fetched per search.
    pub top: usize,
    /// The machine it ran on.
    pub machine: Machine,
    /// Seconds to add the demo entries to the journal (SQLite and index).
    pub build_s: f64,
    /// Seconds to load the same entries into the FTS5 table.
    pub fts5_build_s: f64,
    /// The engine's search figures over every query.
    pub tantivy: EngineFigures,
    /// SQLite FTS5's search figures over every query.
    pub fts5: EngineFigures,
    /// Figures per query.
    pub queries: Vec<QueryReport>,
    /// Durable saves timed.
    pub saves: usize,
    /// Median time of `create`, which returns after the SQLite commit.
    pub save_p50_ms: f64,
    /// 95th percentile time of `create`.
    pub save_p95_ms: f64,
    /// Median time from `create` returning until a search finds the entry.
    pub save_to_searchable_p50_ms: f64,
    /// 95th percentile time from `create` returning until a search finds the entry.
    pub save_to_searchable_ms: f64,
    /// Saves not found by search within 5 seconds (should be 0).
    pub save_to_searchable_timeouts: usize,
    /// Seconds for a full reindex from SQLite.
    pub reindex_s: f64,
    /// Highest memory the process held at any point of the run, in MB.
    pub peak_rss_mb: f64,
    /// Highest memory sampled during the search loop, in MB.
    pub search_rss_mb: f64,
    /// Memory at the end of the search loop minus at its start, in MB.
    pub search_rss_growth_mb: f64,
    /// Of the memory at the end of the search loop, the part that is the process's own
    /// (heap, stacks), in MB; Linux only. The rest is index files mapped into memory,
    /// which the system can drop and reread at will.
    pub search_rss_anon_mb: Option<f64>,
    /// Of the memory at the end of the search loop, files mapped into memory (mostly
    /// the search index), in MB; Linux only.
    pub search_rss_file_mb: Option<f64>,
    /// The search loop measured again in a process of its own (see [`search_loop`]),
    /// free of what building the corpus and FTS5 left in this one. Filled by the caller.
    pub search_process: Option<SearchLoopMemory>,
    /// Size of the journal's database on disk, in MB.
    pub database_mb: f64,
    /// Size of the journal's search index on disk, in MB.
    pub index_mb: f64,
    /// Size of the FTS5 database on disk, in MB.
    pub fts5_mb: f64,
    /// The same journal encrypted (SQLCipher and a sealed index), measured in the
    /// same run.
    pub encrypted: EncryptedFigures,
    /// Milliseconds to unlock the encrypted journal: the passphrase stretched
    /// (Argon2id, as new journals are set), the database keyed and the sealed index
    /// opened (its files decrypted).
    pub unlock_ms: f64,
}

/// The encrypted journal's figures, beside the plain one's.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EncryptedFigures {
    /// Seconds to add the demo entries.
    pub build_s: f64,
    /// Median search time over the query set.
    pub search_p50_ms: f64,
    /// 95th percentile search time over the query set.
    pub search_p95_ms: f64,
    /// 95th percentile time of a durable `create`.
    pub save_p95_ms: f64,
    /// Seconds for a full reindex from the database.
    pub reindex_s: f64,
    /// Size of the encrypted search index on disk, in MB.
    pub index_mb: f64,
}

/// Search figures of one engine over the whole query set.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct EngineFigures {
    /// Median search time.
    pub search_p50_ms: f64,
    /// 95th percentile search time.
    pub search_p95_ms: f64,
    /// Searches timed.
    pub searches: usize,
}

/// Figures of one query on both engines.
#[derive(Debug, Clone, Serialize)]
pub struct QueryReport {
    /// What the query tests (`rare word`, `phrase`, …).
    pub name: String,
    /// The query as typed into Waymark.
    pub tantivy_query: String,
    /// The equivalent FTS5 query (SQL shape and MATCH text).
    pub fts5_query: String,
    /// The engine's figures.
    pub tantivy: QueryFigures,
    /// FTS5's figures.
    pub fts5: QueryFigures,
}

/// Timings and hit count of one query on one engine.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct QueryFigures {
    /// Median time.
    pub p50_ms: f64,
    /// 95th percentile time.
    pub p95_ms: f64,
    /// Matching entries in all (not only the top ones).
    pub hits: usize,
}

/// The machine a benchmark ran on.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// CPU cores available to the process.
    pub cores: usize,
    /// Operating system (`linux`, `windows`, `macos`).
    pub os: String,
    /// Its release, where known (e.g. "Debian GNU/Linux 12 (bookworm)").
    pub os_version: Option<String>,
    /// CPU architecture.
    pub arch: String,
    /// CPU model, where known.
    pub cpu: Option<String>,
    /// Memory installed, in MB, where known.
    pub memory_mb: Option<f64>,
}

/// How one query is asked of FTS5.
#[derive(Debug, Clone)]
enum FtsQuery {
    /// `fts MATCH text`, best first.
    Match(String),
    /// `fts MATCH text` within a date range, best first.
    MatchBetween(String, &'static str, &'static str),
    /// Entries with a tag, newest first (no text to rank by, as in Waymark).
    Tag(&'static str),
}

impl FtsQuery {
    fn describe(&self) -> String {
        match self {
            FtsQuery::Match(text) => format!("MATCH '{text}' ORDER BY rank"),
            FtsQuery::MatchBetween(text, from, to) => {
                format!("MATCH '{text}' AND date BETWEEN '{from}' AND '{to}' ORDER BY rank")
            }
            FtsQuery::Tag(tag) => format!("JOIN doc_tags WHERE tag = '{tag}' ORDER BY date DESC"),
        }
    }
}

/// An FTS5 expression over the written text only: the `tags` column holds ids such as
/// `commitment-to-personalised-care`, which would otherwise match the phrase
/// "personalised care" where Waymark's words search (rightly) does not.
fn text(expr: &str) -> String {
    format!("{{title body fields}} : ({expr})")
}

/// One query of the fixed set, as each engine is asked it.
struct BenchQuery {
    name: &'static str,
    tantivy: String,
    fts5: FtsQuery,
}

/// The fixed query set: the same on every run and every machine.
fn query_set() -> Vec<BenchQuery> {
    // Planted in one entry in 2,000: a handful of hits at 10,000 entries.
    let rare: &'static str = RARE_WORDS.get(1).map_or("kintsugi", |(word, _)| word);
    vec![
        BenchQuery {
            name: "rare word",
            tantivy: rare.to_owned(),
            fts5: FtsQuery::Match(text(rare)),
        },
        BenchQuery {
            name: "common word",
            tantivy: "team".into(),
            fts5: FtsQuery::Match(text("team")),
        },
        BenchQuery {
            name: "two words (AND)",
            tantivy: "carer listening".into(),
            fts5: FtsQuery::Match(text("carer AND listening")),
        },
        BenchQuery {
            name: "phrase",
            tantivy: "\"personalised care\"".into(),
            fts5: FtsQuery::Match(text("\"personalised care\"")),
        },
        BenchQuery {
            name: "prefix",
            tantivy: "neighbourh".into(),
            fts5: FtsQuery::Match(text("neighbourh*")),
        },
        BenchQuery {
            name: "tag filter",
            tantivy: "tag:hosting-style".into(),
            fts5: FtsQuery::Tag("hosting-style"),
        },
        BenchQuery {
            name: "word + date range",
            tantivy: "board after:2024-01-01 before:2024-06-30".into(),
            fts5: FtsQuery::MatchBetween(text("board"), "2024-01-01", "2024-06-30"),
        },
        BenchQuery {
            name: "no match",
            tantivy: ABSENT_WORD.into(),
            fts5: FtsQuery::Match(text(ABSENT_WORD)),
        },
    ]
}

/// Memory of the search loop alone, measured by [`search_loop`] in a process that did
/// nothing else: the figure the ≤ 80 MB target is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchLoopMemory {
    /// Searches run.
    pub searches: usize,
    /// RSS after opening the journal, before searching, in MB.
    pub open_rss_mb: f64,
    /// Highest RSS of the process (open + search loop), in MB.
    pub peak_rss_mb: f64,
    /// Anonymous (heap) part of the RSS at the end, in MB (Linux).
    pub rss_anon_mb: Option<f64>,
    /// File-backed part (the memory-mapped index) at the end, in MB (Linux).
    pub rss_file_mb: Option<f64>,
}

/// Opens the journal in `dir` and runs the benchmark's tantivy queries
/// `runs_per_query` times each, reporting this process's memory. Meant to run in a
/// fresh process (`waymark bench` starts one), so the figure is the search loop's own.
pub fn search_loop(dir: &Path, runs_per_query: usize) -> Result<SearchLoopMemory> {
    let journal = Journal::open(dir)?;
    let open_rss_mb = current_rss_mb();
    let queries = query_set();
    let options = SearchOptions {
        limit: TOP,
        offset: 0,
        sort: SortOrder::Relevance,
    };
    let mut searches = 0;
    for _ in 0..runs_per_query {
        for q in &queries {
            journal.search(&q.tantivy, &options)?;
            searches += 1;
        }
    }
    Ok(SearchLoopMemory {
        searches,
        open_rss_mb,
        peak_rss_mb: peak_rss_mb().max(current_rss_mb()),
        rss_anon_mb: proc_status_kb("RssAnon:").map(|kb| kb / 1024.0),
        rss_file_mb: proc_status_kb("RssFile:").map(|kb| kb / 1024.0),
    })
}

/// Fills a new journal at `journal_dir` with `entries` seeded demo reflections dated up
/// to `today`, reporting every 10,000; returns the seconds it took. Closed again after,
/// so a benchmark reopens it as the app would after start-up.
pub(crate) fn build_demo_journal(
    journal_dir: &Path,
    entries: usize,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(&str),
) -> Result<f64> {
    progress(&format!(
        "Building a demo journal of {entries} entries (seed {seed})…"
    ));
    let started = Instant::now();
    let journal = Journal::open(journal_dir)?;
    demo::add_demo(&journal, entries, seed, today, &mut |p| {
        if p.done % 10_000 == 0 || p.done == p.total {
            progress(&format!("  {} / {} entries", p.done, p.total));
        }
    })?;
    journal.flush()?;
    Ok(started.elapsed().as_secs_f64())
}

/// Runs the whole benchmark, reporting each stage through `progress`.
///
/// ```no_run
/// let report = waymark_bench::run(&Default::default(), &mut |line| eprintln!("{line}"))?;
/// println!("{}", report.table());
/// # Ok::<(), waymark_journal::JournalError>(())
/// ```
pub fn run(options: &BenchOptions, progress: &mut dyn FnMut(&str)) -> Result<BenchReport> {
    if options.runs_per_query == 0 {
        return Err(JournalError::io(
            options.dir.clone().unwrap_or_default(),
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a benchmark needs at least one run per query",
            ),
        ));
    }
    let work = WorkDir::new(options.dir.as_deref())?;
    let journal_dir = work.path.join("journal");
    let fts_path = work.path.join("fts5.sqlite3");

    let build_s = build_demo_journal(
        &journal_dir,
        options.entries,
        options.seed,
        options.end,
        progress,
    )?;

    progress("Loading the same entries into SQLite FTS5…");
    // Reopened, so the search loop sees a journal as the app has it after start-up,
    // not one still holding the build's buffers.
    let journal = Journal::open(&journal_dir)?;
    let started = Instant::now();
    let fts = build_fts5(&journal, &fts_path)?;
    let fts5_build_s = started.elapsed().as_secs_f64();

    let queries = query_set();
    progress(&format!(
        "Searching: {} queries × {} runs on each engine, alternating…",
        queries.len(),
        options.runs_per_query
    ));
    let search_options = SearchOptions {
        limit: TOP,
        offset: 0,
        sort: SortOrder::Relevance,
    };
    let mut hits = Vec::with_capacity(queries.len());
    for q in &queries {
        // Untimed: the full count on each engine, and a warm-up of both.
        let tantivy_hits = journal.search(&q.tantivy, &search_options)?.total;
        let fts_hits = fts5_count(&fts, &q.fts5)?;
        fts5_top(&fts, &q.fts5)?;
        hits.push((tantivy_hits, fts_hits));
    }
    let mut tantivy_times: Vec<Vec<f64>> =
        vec![Vec::with_capacity(options.runs_per_query); queries.len()];
    let mut fts_times = tantivy_times.clone();
    let rss_before = current_rss_mb();
    let mut search_rss_mb = rss_before;
    for run in 0..options.runs_per_query {
        for (i, q) in queries.iter().enumerate() {
            // Alternate which engine goes first, so neither always meets warm caches.
            let tantivy_first = (run + i) % 2 == 0;
            for engine in [tantivy_first, !tantivy_first] {
                if engine {
                    let t = Instant::now();
                    journal.search(&q.tantivy, &search_options)?;
                    tantivy_times[i].push(ms(t.elapsed()));
                } else {
                    let t = Instant::now();
                    fts5_top(&fts, &q.fts5)?;
                    fts_times[i].push(ms(t.elapsed()));
                }
            }
        }
        if run % 20 == 0 {
            search_rss_mb = search_rss_mb.max(current_rss_mb());
        }
    }
    let rss_after = current_rss_mb();
    let rss_anon = proc_status_kb("RssAnon:").map(|kb| kb / 1024.0);
    let rss_file = proc_status_kb("RssFile:").map(|kb| kb / 1024.0);
    search_rss_mb = search_rss_mb.max(rss_after);
    drop(fts);

    let query_reports: Vec<QueryReport> = queries
        .iter()
        .zip(&hits)
        .enumerate()
        .map(|(i, (q, &(tantivy_hits, fts_hits)))| QueryReport {
            name: q.name.to_owned(),
            tantivy_query: q.tantivy.clone(),
            fts5_query: q.fts5.describe(),
            tantivy: figures(&tantivy_times[i], tantivy_hits),
            fts5: figures(&fts_times[i], fts_hits),
        })
        .collect();
    let all_tantivy: Vec<f64> = tantivy_times.concat();
    let all_fts: Vec<f64> = fts_times.concat();

    progress(&format!("Timing {} durable saves…", options.saves));
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0x5eed_5a7e);
    let extra: Vec<EntryDraft> = demo::drafts(
        options.saves + options.searchable_saves,
        options.seed.wrapping_add(1),
        options.end,
    )
    .collect();
    let mut save_times = Vec::with_capacity(options.saves);
    for draft in extra.iter().take(options.saves) {
        let t = Instant::now();
        journal.create(draft.clone())?;
        save_times.push(ms(t.elapsed()));
    }

    progress(&format!(
        "Timing {} saves until searchable…",
        options.searchable_saves
    ));
    let mut searchable_times = Vec::with_capacity(options.searchable_saves);
    let mut timeouts = 0;
    for draft in extra.iter().skip(options.saves) {
        let word = probe_word(&mut rng);
        let mut draft = draft.clone();
        draft.body = format!("{}\n\nProbe word {word}.", draft.body);
        let entry = journal.create(draft)?;
        let t = Instant::now();
        if wait_until_found(&journal, &word, entry.id)? {
            searchable_times.push(ms(t.elapsed()));
        } else {
            timeouts += 1;
        }
    }

    progress("Timing a full reindex…");
    let t = Instant::now();
    journal.reindex(&mut |_| {})?;
    let reindex_s = t.elapsed().as_secs_f64();
    drop(journal);

    let (encrypted, unlock_ms) = encrypted_figures(
        options,
        &work.path.join("encrypted"),
        &queries,
        &search_options,
        &extra[..options.saves],
        progress,
    )?;

    let report = BenchReport {
        entries: options.entries,
        seed: options.seed,
        runs_per_query: options.runs_per_query,
        top: TOP,
        machine: Machine::this(),
        build_s,
        fts5_build_s,
        tantivy: engine(&all_tantivy),
        fts5: engine(&all_fts),
        queries: query_reports,
        saves: save_times.len(),
        save_p50_ms: percentile(&save_times, 50.0),
        save_p95_ms: percentile(&save_times, 95.0),
        save_to_searchable_p50_ms: percentile(&searchable_times, 50.0),
        save_to_searchable_ms: percentile(&searchable_times, 95.0),
        save_to_searchable_timeouts: timeouts,
        reindex_s,
        peak_rss_mb: peak_rss_mb().max(search_rss_mb),
        search_rss_mb,
        search_rss_growth_mb: rss_after - rss_before,
        search_rss_anon_mb: rss_anon,
        search_rss_file_mb: rss_file,
        search_process: None,
        database_mb: size_mb(&journal_dir.join(DB_FILE))
            + size_mb(&journal_dir.join(format!("{DB_FILE}-wal"))),
        index_mb: size_mb(&journal_dir.join("index")),
        fts5_mb: size_mb(&fts_path) + size_mb(&fts_path.with_extension("sqlite3-wal")),
        encrypted,
        unlock_ms,
    };
    progress("Done.");
    Ok(report)
}

/// The passphrase of the benchmark's encrypted journal (a throwaway).
const BENCH_PASSPHRASE: &str = "benchmark passphrase";

/// Builds the same demo journal encrypted in `dir`, then times its unlock, the query
/// set, `saves` durable saves and a full reindex: the encrypted figures beside the
/// plain ones, in the same run.
fn encrypted_figures(
    options: &BenchOptions,
    dir: &Path,
    queries: &[BenchQuery],
    search_options: &SearchOptions,
    saves: &[EntryDraft],
    progress: &mut dyn FnMut(&str),
) -> Result<(EncryptedFigures, f64)> {
    progress("Building the same journal encrypted…");
    let started = Instant::now();
    {
        let (journal, _) = Journal::create_encrypted(dir, BENCH_PASSPHRASE, KdfCost::DEFAULT)?;
        demo::add_demo(
            &journal,
            options.entries,
            options.seed,
            options.end,
            &mut |_| {},
        )?;
        journal.flush()?;
    }
    let build_s = started.elapsed().as_secs_f64();
    let t = Instant::now();
    let journal = Journal::unlock(dir, &Secret::passphrase(BENCH_PASSPHRASE))?;
    let unlock_ms = ms(t.elapsed());
    progress("Searching the encrypted journal…");
    for q in queries {
        // Untimed warm-up, as for the plain journal.
        journal.search(&q.tantivy, search_options)?;
    }
    let mut times = Vec::with_capacity(queries.len() * options.runs_per_query);
    for _ in 0..options.runs_per_query {
        for q in queries {
            let t = Instant::now();
            journal.search(&q.tantivy, search_options)?;
            times.push(ms(t.elapsed()));
        }
    }
    let mut save_times = Vec::with_capacity(saves.len());
    for draft in saves {
        let t = Instant::now();
        journal.create(draft.clone())?;
        save_times.push(ms(t.elapsed()));
    }
    progress("Timing a full reindex of the encrypted journal…");
    let t = Instant::now();
    journal.reindex(&mut |_| {})?;
    let reindex_s = t.elapsed().as_secs_f64();
    drop(journal);
    Ok((
        EncryptedFigures {
            build_s,
            search_p50_ms: percentile(&times, 50.0),
            search_p95_ms: percentile(&times, 95.0),
            save_p95_ms: percentile(&save_times, 95.0),
            reindex_s,
            index_mb: size_mb(&dir.join("index")),
        },
        unlock_ms,
    ))
}

/// Searches for the probe word until the new entry is among the hits.
fn wait_until_found(journal: &Journal, word: &str, id: EntryId) -> Result<bool> {
    let options = SearchOptions {
        limit: TOP,
        offset: 0,
        sort: SortOrder::Relevance,
    };
    let started = Instant::now();
    loop {
        // Checking the id, not the count: a misspelling match on an earlier probe
        // word must not pass for this entry being searchable.
        if journal
            .search(word, &options)?
            .hits
            .iter()
            .any(|h| h.id == id)
        {
            return Ok(true);
        }
        if started.elapsed() > SEARCHABLE_TIMEOUT {
            return Ok(false);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A made-up word of twelve letters, different enough from every other probe.
fn probe_word(rng: &mut ChaCha8Rng) -> String {
    (0..12)
        .map(|_| char::from(b'a' + rng.random_range(0..26u8)))
        .collect()
}

/// Builds the FTS5 side from the journal's saved entries (read through
/// [`Journal::for_each_entry`]), so both engines hold exactly the same entries: an external-content FTS5 table (`porter unicode61`) over a
/// `docs` table with title, body, template fields and tags, plus a tag table.
fn build_fts5(journal: &Journal, path: &Path) -> Result<Connection> {
    let fts = Connection::open(path)?;
    fts.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE docs (
             rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
             fields TEXT NOT NULL, tags TEXT NOT NULL, date TEXT NOT NULL);
         CREATE INDEX docs_by_date ON docs (date);
         CREATE TABLE doc_tags (tag TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (tag, doc)) WITHOUT ROWID;
         CREATE VIRTUAL TABLE fts USING fts5(
             title, body, fields, tags,
             content = 'docs', content_rowid = 'rowid', tokenize = 'porter unicode61');",
    )?;
    let tx = fts.unchecked_transaction()?;
    {
        let mut doc = tx.prepare(
            "INSERT INTO docs (id, title, body, fields, tags, date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut tag = tx.prepare("INSERT INTO doc_tags (tag, doc) VALUES (?1, ?2)")?;
        journal.for_each_entry(|entry| {
            let draft = &entry.draft;
            let fields: Vec<&str> = draft.fields.values().map(String::as_str).collect();
            let tags: Vec<&str> = draft.tags.iter().map(|t| t.as_str()).collect();
            doc.execute(params![
                entry.id.to_string(),
                draft.title,
                draft.body,
                fields.join("\n"),
                tags.join(" "),
                draft.date.to_string(),
            ])?;
            let rowid = tx.last_insert_rowid();
            for t in &tags {
                tag.execute(params![t, rowid])?;
            }
            Ok::<(), JournalError>(())
        })?;
    }
    tx.execute("INSERT INTO fts (fts) VALUES ('rebuild')", [])?;
    tx.commit()?;
    fts.execute_batch("INSERT INTO fts (fts) VALUES ('optimize'); PRAGMA optimize;")?;
    Ok(fts)
}

const FTS_TOP: &str = "SELECT d.id, d.title, d.date, snippet(fts, -1, '<mark>', '</mark>', '…', 24)
     FROM fts JOIN docs d ON d.rowid = fts.rowid
     WHERE fts MATCH ?1 ORDER BY rank LIMIT ?2";
const FTS_TOP_BETWEEN: &str =
    "SELECT d.id, d.title, d.date, snippet(fts, -1, '<mark>', '</mark>', '…', 24)
     FROM fts JOIN docs d ON d.rowid = fts.rowid
     WHERE fts MATCH ?1 AND d.date BETWEEN ?3 AND ?4 ORDER BY rank LIMIT ?2";
const FTS_TOP_TAG: &str = "SELECT d.id, d.title, d.date, substr(d.body, 1, 180)
     FROM doc_tags t JOIN docs d ON d.rowid = t.doc
     WHERE t.tag = ?1 ORDER BY d.date DESC LIMIT ?2";

/// The top hits as a results page needs them: id, title, date and a snippet.
fn fts5_top(fts: &Connection, query: &FtsQuery) -> Result<usize> {
    let read = |row: &rusqlite::Row<'_>| -> rusqlite::Result<(String, String, String, String)> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    };
    let top = TOP as i64;
    let rows: Vec<_> = match query {
        FtsQuery::Match(text) => fts
            .prepare_cached(FTS_TOP)?
            .query_map(params![text, top], read)?
            .collect::<rusqlite::Result<_>>()?,
        FtsQuery::MatchBetween(text, from, to) => fts
            .prepare_cached(FTS_TOP_BETWEEN)?
            .query_map(params![text, top, from, to], read)?
            .collect::<rusqlite::Result<_>>()?,
        FtsQuery::Tag(tag) => fts
            .prepare_cached(FTS_TOP_TAG)?
            .query_map(params![tag, top], read)?
            .collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows.len())
}

/// Every matching entry, counted (untimed, for the report).
fn fts5_count(fts: &Connection, query: &FtsQuery) -> Result<usize> {
    let count: i64 = match query {
        FtsQuery::Match(text) => fts.query_row(
            "SELECT count(*) FROM fts WHERE fts MATCH ?1",
            params![text],
            |r| r.get(0),
        )?,
        FtsQuery::MatchBetween(text, from, to) => fts.query_row(
            "SELECT count(*) FROM fts JOIN docs d ON d.rowid = fts.rowid
             WHERE fts MATCH ?1 AND d.date BETWEEN ?2 AND ?3",
            params![text, from, to],
            |r| r.get(0),
        )?,
        FtsQuery::Tag(tag) => fts.query_row(
            "SELECT count(*) FROM doc_tags WHERE tag = ?1",
            params![tag],
            |r| r.get(0),
        )?,
    };
    Ok(usize::try_from(count).unwrap_or(0))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// Nearest-rank percentile; 0 for no samples.
fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn figures(samples: &[f64], hits: usize) -> QueryFigures {
    QueryFigures {
        p50_ms: percentile(samples, 50.0),
        p95_ms: percentile(samples, 95.0),
        hits,
    }
}

fn engine(samples: &[f64]) -> EngineFigures {
    EngineFigures {
        search_p50_ms: percentile(samples, 50.0),
        search_p95_ms: percentile(samples, 95.0),
        searches: samples.len(),
    }
}

/// Memory the process holds now, in MB.
fn current_rss_mb() -> f64 {
    if let Some(kb) = proc_status_kb("VmRSS:") {
        return kb / 1024.0;
    }
    memory_stats::memory_stats().map_or(0.0, |m| m.physical_mem as f64 / 1_048_576.0)
}

/// The most memory the process has held, in MB: Linux records it (VmHWM); elsewhere
/// the current figure is the best available, and the caller keeps the maximum seen.
fn peak_rss_mb() -> f64 {
    proc_status_kb("VmHWM:").map_or_else(current_rss_mb, |kb| kb / 1024.0)
}

fn proc_status_kb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Size of a file, or of everything in a folder, in MB; 0 if absent.
fn size_mb(path: &Path) -> f64 {
    fn bytes(path: &Path) -> u64 {
        let Ok(meta) = std::fs::metadata(path) else {
            return 0;
        };
        if !meta.is_dir() {
            return meta.len();
        }
        std::fs::read_dir(path)
            .map(|entries| entries.flatten().map(|e| bytes(&e.path())).sum())
            .unwrap_or(0)
    }
    bytes(path) as f64 / 1_048_576.0
}

impl Machine {
    /// Describes the machine this process runs on.
    pub fn this() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned());
        let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
        let os_version = os_release
            .lines()
            .find_map(|l| l.strip_prefix("PRETTY_NAME="))
            .map(|v| v.trim_matches('"').to_owned());
        Machine {
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            os: std::env::consts::OS.to_owned(),
            os_version,
            arch: std::env::consts::ARCH.to_owned(),
            cpu,
            memory_mb: proc_meminfo_mb(),
        }
    }

    /// One line for a README: "2 cores, AMD EPYC, 4,096 MB, linux (Debian …) x86_64".
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} cores", self.cores)];
        if let Some(cpu) = &self.cpu {
            parts.push(cpu.clone());
        }
        if let Some(mb) = self.memory_mb {
            parts.push(format!("{:.0} MB RAM", mb));
        }
        let os = match &self.os_version {
            Some(v) => format!("{} ({v})", self.os),
            None => self.os.clone(),
        };
        parts.push(format!("{os} {}", self.arch));
        parts.join(", ")
    }
}

fn proc_meminfo_mb() -> Option<f64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

impl BenchReport {
    /// The report as Markdown tables, for the README.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} entries (seed {}), top {} hits, {} runs of each query per engine, alternating. Machine: {}.\n",
            self.entries,
            self.seed,
            self.top,
            self.runs_per_query,
            self.machine.summary()
        );
        out.push_str(
            "| Search, engine only | tantivy (Waymark) | SQLite FTS5 |\n|---|---:|---:|\n",
        );
        let _ = writeln!(
            out,
            "| p50 | {:.2} ms | {:.2} ms |",
            self.tantivy.search_p50_ms, self.fts5.search_p50_ms
        );
        let _ = writeln!(
            out,
            "| p95 | {:.2} ms | {:.2} ms |",
            self.tantivy.search_p95_ms, self.fts5.search_p95_ms
        );
        out.push_str("\n| Query | Waymark query | tantivy p50 / p95 | FTS5 p50 / p95 | hits (tantivy / FTS5) |\n");
        out.push_str("|---|---|---:|---:|---:|\n");
        for q in &self.queries {
            let _ = writeln!(
                out,
                "| {} | `{}` | {:.2} / {:.2} ms | {:.2} / {:.2} ms | {} / {} |",
                q.name,
                q.tantivy_query.replace('|', "\\|"),
                q.tantivy.p50_ms,
                q.tantivy.p95_ms,
                q.fts5.p50_ms,
                q.fts5.p95_ms,
                q.tantivy.hits,
                q.fts5.hits
            );
        }
        out.push_str("\n| Measure | Result |\n|---|---:|\n");
        let rows = [
            (
                "Save, durable (p95 of `create`)",
                format!("{:.2} ms", self.save_p95_ms),
            ),
            ("Save, durable (p50)", format!("{:.2} ms", self.save_p50_ms)),
            (
                "Save to searchable (p95)",
                format!("{:.0} ms", self.save_to_searchable_ms),
            ),
            (
                "Save to searchable (p50)",
                format!("{:.0} ms", self.save_to_searchable_p50_ms),
            ),
            ("Full reindex", format!("{:.1} s", self.reindex_s)),
            (
                "Encrypted journal: search p50 / p95",
                format!(
                    "{:.2} / {:.2} ms",
                    self.encrypted.search_p50_ms, self.encrypted.search_p95_ms
                ),
            ),
            (
                "Encrypted journal: save, durable (p95)",
                format!("{:.2} ms", self.encrypted.save_p95_ms),
            ),
            (
                "Encrypted journal: full reindex",
                format!("{:.1} s", self.encrypted.reindex_s),
            ),
            (
                "Encrypted journal: unlock (Argon2id, key, open the sealed index)",
                format!("{:.0} ms", self.unlock_ms),
            ),
            ("Build demo journal", format!("{:.1} s", self.build_s)),
            ("Load FTS5 table", format!("{:.1} s", self.fts5_build_s)),
            (
                "Memory during the search loop (RSS)",
                format!("{:.0} MB", self.search_rss_mb),
            ),
            (
                "…of which the process's own (heap)",
                mb_or_unknown(self.search_rss_anon_mb),
            ),
            (
                "…of which mapped index files",
                mb_or_unknown(self.search_rss_file_mb),
            ),
            (
                "Memory growth over the search loop",
                format!("{:+.1} MB", self.search_rss_growth_mb),
            ),
            (
                "Search loop in a fresh process: peak RSS (heap + mapped index)",
                self.search_process.as_ref().map_or_else(
                    || "not measured".to_owned(),
                    |m| {
                        format!(
                            "{:.0} MB ({} + {})",
                            m.peak_rss_mb,
                            mb_or_unknown(m.rss_anon_mb),
                            mb_or_unknown(m.rss_file_mb)
                        )
                    },
                ),
            ),
            (
                "Peak memory of the whole run",
                format!("{:.0} MB", self.peak_rss_mb),
            ),
            (
                "Journal on disk (database / index)",
                format!("{:.0} / {:.0} MB", self.database_mb, self.index_mb),
            ),
            ("FTS5 database on disk", format!("{:.0} MB", self.fts5_mb)),
        ];
        for (name, value) in rows {
            let _ = writeln!(out, "| {name} | {value} |");
        }
        if self.save_to_searchable_timeouts > 0 {
            let _ = writeln!(
                out,
                "\n{} saves were not searchable within {} s.",
                self.save_to_searchable_timeouts,
                SEARCHABLE_TIMEOUT.as_secs()
            );
        }
        out
    }
}

fn mb_or_unknown(mb: Option<f64>) -> String {
    mb.map_or_else(
        || "not measured here".to_owned(),
        |mb| format!("{mb:.0} MB"),
    )
}

/// The folder a benchmark builds in: the one asked for (kept), or a fresh temporary
/// one removed when the benchmark ends, whether it succeeded or not.
struct WorkDir {
    path: PathBuf,
    remove: bool,
}

impl WorkDir {
    fn new(asked: Option<&Path>) -> Result<WorkDir> {
        let (path, remove) = match asked {
            Some(dir) => {
                if dir.join("journal").exists() {
                    return Err(JournalError::io(
                        dir,
                        std::io::Error::new(
                            std::io::ErrorKind::AlreadyExists,
                            "it already holds a benchmark journal; choose an empty folder",
                        ),
                    ));
                }
                (dir.to_path_buf(), false)
            }
            None => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                let name = format!("waymark-bench-{}-{nanos}", std::process::id());
                (std::env::temp_dir().join(name), true)
            }
        };
        std::fs::create_dir_all(&path).map_err(|e| JournalError::io(&path, e))?;
        Ok(WorkDir { path, remove })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if self.remove {
            // Best effort: a temporary folder left behind is untidy, not harmful.
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&samples, 50.0), 50.0);
        assert_eq!(percentile(&samples, 95.0), 95.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0], 50.0), 2.0);
        assert_eq!(percentile(&[7.0], 95.0), 7.0);
        assert_eq!(percentile(&[], 95.0), 0.0);
    }

    #[test]
    fn probe_words_are_letters_only_and_differ() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let a = probe_word(&mut rng);
        let b = probe_word(&mut rng);
        assert_eq!(a.len(), 12);
        assert!(a.chars().all(|c| c.is_ascii_lowercase()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_query_set_covers_every_kind_the_issue_names() {
        let names: Vec<&str> = query_set().iter().map(|q| q.name).collect();
        assert_eq!(
            names,
            [
                "rare word",
                "common word",
                "two words (AND)",
                "phrase",
                "prefix",
                "tag filter",
                "word + date range",
                "no match"
            ]
        );
    }
}
