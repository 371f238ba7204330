//! The search index is a cache: deleted, truncated, scrambled, stale or foreign, the
//! journal opens anyway, rebuilds it from SQLite and answers exactly as before.

use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};
use waymark_journal::framework::TagId;
use waymark_journal::keys::{KdfCost, Secret};
use waymark_journal::{EntryDraft, EntryId, Journal, SearchOptions, SortOrder, Template};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const WORDS: &[&str] = &[
    "delegated",
    "forum",
    "budget",
    "trust",
    "agenda",
    "coaching",
    "rota",
    "patients",
    "partnership",
    "listening",
    "conflict",
    "feedback",
    "vision",
    "risk",
    "carers",
];
const TAGS: &[&str] = &[
    "hosting-style",
    "sharing-power",
    "authenticity",
    "trust",
    "being",
];

const QUERIES: &[&str] = &[
    "",
    "delegated",
    "budget trust",
    "\"forum agenda\"",
    "budget -risk",
    "tag:being",
    "tag:hosting",
    "starred:yes",
    "after:2025-06-01",
    "coach",
    "partnershp",
    "template:rolfe",
    "field:now-what vision",
];

fn draft(i: usize) -> EntryDraft {
    let word = |k: usize| WORDS[(i * 7 + k * 3) % WORDS.len()];
    let mut draft = EntryDraft {
        code: Vec::new(),
        title: format!("Reflection {i}: {}", word(0)),
        body: format!("{} {} and {} {}.", word(1), word(2), word(3), word(4)),
        template: Template::Free,
        fields: Default::default(),
        // One entry a week: every date different, so date order is unambiguous.
        date: NaiveDate::from_ymd_opt(2025, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(7 * i as u64)))
            .unwrap_or_default(),
        tags: vec![TagId(TAGS[i % TAGS.len()].into())],
        labels: vec![],
        starred: i.is_multiple_of(5),
    };
    if i.is_multiple_of(3) {
        draft.template = Template::Rolfe;
        draft
            .fields
            .insert("now-what".into(), format!("{} next", word(5)));
    }
    draft
}

/// Every query's total and ids; ids sorted unless date order is asked for, since
/// equal scores may tie-break differently once documents are indexed in another order.
/// A query (with its order), its total and its hits' ids.
type Answer = (String, usize, Vec<EntryId>);

fn answers(journal: &Journal) -> Result<Vec<Answer>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for query in QUERIES {
        for sort in [SortOrder::Relevance, SortOrder::Date] {
            let options = SearchOptions {
                limit: 1_000,
                offset: 0,
                sort,
            };
            let results = journal.search(query, &options)?;
            let mut ids: Vec<EntryId> = results.hits.iter().map(|h| h.id).collect();
            if sort == SortOrder::Relevance {
                ids.sort();
            }
            out.push((format!("{query} ({sort:?})"), results.total, ids));
        }
    }
    Ok(out)
}

/// The passphrase of the encrypted journals here.
const PASS: &str = "a long walk on the fells";

/// Opens the journal in `dir`, unlocking it when it is encrypted, reporting progress.
fn open_any(
    dir: &Path,
    progress: &mut dyn FnMut(waymark_journal::Progress),
) -> waymark_journal::Result<Journal> {
    if Journal::is_encrypted_at(dir)? {
        Journal::unlock_with_progress(dir, &Secret::passphrase(PASS), progress)
    } else {
        Journal::open_with_progress(dir, progress)
    }
}

/// A journal of 40 entries with edits, a binned entry and a purged one, closed.
fn build(dir: &Path, count: usize) -> Result<(), Box<dyn std::error::Error>> {
    build_as(dir, count, false)
}

/// [`build`], encrypted when `encrypted`.
fn build_as(dir: &Path, count: usize, encrypted: bool) -> Result<(), Box<dyn std::error::Error>> {
    let journal = if encrypted {
        Journal::create_encrypted(dir, PASS, KdfCost::FOR_TESTS)?.0
    } else {
        Journal::open(dir)?
    };
    let mut ids = Vec::new();
    for i in 0..count {
        ids.push(journal.create(draft(i))?.id);
        if i % 10 == 9 {
            // Several commits, so the index has several segments to damage.
            journal.flush()?;
        }
    }
    if count >= 4 {
        let mut edited = draft(1);
        edited.body.push_str(" Edited: trust and budget.");
        journal.update(ids[1], edited)?;
        journal.delete(ids[2])?;
        journal.delete(ids[3])?;
        journal.purge(ids[3])?;
        // A purge rewrites the segment that held the entry, deletes and all; an edit
        // after it leaves a delete in another segment, for "scramble deletes".
        let mut last = draft(count - 1);
        last.body.push_str(" Edited after the purge.");
        journal.update(ids[count - 1], last)?;
    }
    journal.flush()?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Segment files (not meta.json, not .managed.json, not lock files) with this extension.
fn segment_files(index: &Path, extension: &str) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(index)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !name.starts_with('.') && name != "meta.json" && name.ends_with(extension) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Overwrites a stretch in the middle of a file with deterministic noise.
fn scramble(path: &Path) -> std::io::Result<()> {
    let mut bytes = fs::read(path)?;
    let len = bytes.len();
    let start = len / 3;
    let end = (start + 64).min(len);
    let mut x: u32 = 0x9E37_79B9;
    for b in &mut bytes[start..end] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b ^= (x as u8) | 1;
    }
    fs::write(path, bytes)
}

fn truncate(path: &Path) -> std::io::Result<()> {
    let len = fs::metadata(path)?.len();
    fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .set_len(len / 2)
}

type Damage = (&'static str, fn(&Path) -> std::io::Result<()>);

fn damage_each_file_kind() -> Vec<Damage> {
    fn every(index: &Path, ext: &str, f: fn(&Path) -> std::io::Result<()>) -> std::io::Result<()> {
        let files = segment_files(index, ext)?;
        assert!(!files.is_empty(), "no {ext} files in {}", index.display());
        for file in files {
            f(&file)?;
        }
        Ok(())
    }
    vec![
        ("delete the whole index", |i| fs::remove_dir_all(i)),
        ("delete meta.json", |i| fs::remove_file(i.join("meta.json"))),
        ("truncate meta.json", |i| truncate(&i.join("meta.json"))),
        ("scramble meta.json", |i| {
            fs::write(i.join("meta.json"), b"{\"segments\": [ 1, 2")
        }),
        ("empty meta.json", |i| fs::write(i.join("meta.json"), b"")),
        ("scramble .managed.json", |i| {
            fs::write(i.join(".managed.json"), b"\x00\x01garbage")
        }),
        ("delete .managed.json", |i| {
            fs::remove_file(i.join(".managed.json"))
        }),
        ("delete postings", |i| {
            every(i, ".idx", |p| fs::remove_file(p))
        }),
        ("delete the doc store", |i| {
            every(i, ".store", |p| fs::remove_file(p))
        }),
        ("truncate postings", |i| every(i, ".idx", truncate)),
        ("truncate terms", |i| every(i, ".term", truncate)),
        ("truncate positions", |i| every(i, ".pos", truncate)),
        ("truncate fast fields", |i| every(i, ".fast", truncate)),
        ("truncate field norms", |i| every(i, ".fieldnorm", truncate)),
        ("truncate the doc store", |i| every(i, ".store", truncate)),
        ("scramble postings", |i| every(i, ".idx", scramble)),
        ("scramble terms", |i| every(i, ".term", scramble)),
        ("scramble positions", |i| every(i, ".pos", scramble)),
        ("scramble fast fields", |i| every(i, ".fast", scramble)),
        ("scramble field norms", |i| every(i, ".fieldnorm", scramble)),
        ("scramble the doc store", |i| every(i, ".store", scramble)),
        ("scramble deletes", |i| every(i, ".del", scramble)),
        ("zero every file", |i| {
            for entry in fs::read_dir(i)? {
                let path = entry?.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if name.is_some_and(|n| !n.ends_with(".lock")) {
                    let len = fs::metadata(&path)?.len() as usize;
                    fs::write(&path, vec![0u8; len])?;
                }
            }
            Ok(())
        }),
        ("replace the folder with a file", |i| {
            fs::remove_dir_all(i)?;
            fs::write(i, b"not a folder")
        }),
    ]
}

#[test]
fn damaged_index_is_rebuilt_and_answers_the_same() -> TestResult {
    damaged_index_is_rebuilt(false)
}

#[test]
fn damaged_sealed_index_of_an_encrypted_journal_is_rebuilt_and_answers_the_same() -> TestResult {
    damaged_index_is_rebuilt(true)
}

fn damaged_index_is_rebuilt(encrypted: bool) -> TestResult {
    let pristine = tempfile::tempdir()?;
    build_as(pristine.path(), 40, encrypted)?;
    let expected = {
        let journal = open_any(pristine.path(), &mut |_| {})?;
        answers(&journal)?
    };
    assert!(
        expected.iter().any(|(_, total, _)| *total > 5),
        "{expected:?}"
    );

    let mut failures = Vec::new();
    for (name, damage) in damage_each_file_kind() {
        let work = tempfile::tempdir()?;
        copy_dir(pristine.path(), work.path())?;
        damage(&work.path().join("index"))?;
        let outcome = std::panic::catch_unwind(|| -> Result<_, String> {
            let mut replayed = 0;
            let journal =
                open_any(work.path(), &mut |p| replayed = p.total).map_err(|e| e.to_string())?;
            Ok((replayed, answers(&journal).map_err(|e| e.to_string())?))
        });
        match outcome {
            // Losing only tantivy's list of its own files loses nothing that matters.
            Ok(Ok((0, got))) if name == "delete .managed.json" && got == expected => {}
            Ok(Ok((0, _))) => failures.push(format!("{name}: the damage went unnoticed")),
            Ok(Ok((_, got))) if got == expected => {}
            Ok(Ok(got)) => failures.push(format!("{name}: answers differ: {got:?}")),
            Ok(Err(e)) => failures.push(format!("{name}: {e}")),
            Err(_) => failures.push(format!("{name}: panicked")),
        }
        // The repaired index is sound: it reopens without another rebuild.
        if let Ok(journal) = open_any(work.path(), &mut |_| {}) {
            let mut rebuilt = false;
            drop(journal);
            let _ = open_any(work.path(), &mut |_| rebuilt = true)?;
            if rebuilt {
                failures.push(format!("{name}: rebuilt again on the second open"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    Ok(())
}

#[test]
fn rebuild_reports_progress() -> TestResult {
    let dir = tempfile::tempdir()?;
    build(dir.path(), 25)?;
    fs::remove_dir_all(dir.path().join("index"))?;
    let mut last = None;
    let journal = Journal::open_with_progress(dir.path(), &mut |p| last = Some(p))?;
    let last = last.ok_or("no progress reported")?;
    assert_eq!(last.done, last.total);
    assert!(last.total >= 23, "{last:?}");
    assert_eq!(journal.search("", &SearchOptions::default())?.total, 23);
    Ok(())
}

#[test]
fn index_behind_the_database_catches_up() -> TestResult {
    let dir = tempfile::tempdir()?;
    let snapshot = tempfile::tempdir()?;
    {
        let journal = Journal::open(dir.path())?;
        for i in 0..10 {
            journal.create(draft(i))?;
        }
        journal.flush()?;
        // The index as it was after ten saves.
        drop(journal);
        copy_dir(&dir.path().join("index"), snapshot.path())?;
        let journal = Journal::open(dir.path())?;
        let mut more = Vec::new();
        for i in 10..20 {
            more.push(journal.create(draft(i))?.id);
        }
        let first = journal.search("", &SearchOptions::default())?.hits[19].id;
        journal.update(first, draft(33))?;
        journal.delete(more[0])?;
    }
    let expected = answers(&Journal::open(dir.path())?)?;
    fs::remove_dir_all(dir.path().join("index"))?;
    copy_dir(snapshot.path(), &dir.path().join("index"))?;

    let mut progress = None;
    let journal = Journal::open_with_progress(dir.path(), &mut |p| progress = Some(p))?;
    let progress = progress.ok_or("catching up reported no progress")?;
    assert!(
        progress.total < 20,
        "only the changes after the watermark are replayed: {progress:?}"
    );
    assert_eq!(answers(&journal)?, expected);
    assert_eq!(journal.search("", &SearchOptions::default())?.total, 19);
    Ok(())
}

#[test]
fn index_ahead_of_the_database_is_rebuilt() -> TestResult {
    let big = tempfile::tempdir()?;
    let small = tempfile::tempdir()?;
    build(big.path(), 40)?;
    build(small.path(), 6)?;
    let expected = answers(&Journal::open(small.path())?)?;
    // The big journal's index, with a watermark far beyond the small database's changes.
    fs::remove_dir_all(small.path().join("index"))?;
    copy_dir(&big.path().join("index"), &small.path().join("index"))?;

    let journal = Journal::open(small.path())?;
    assert_eq!(answers(&journal)?, expected);
    assert_eq!(journal.search("", &SearchOptions::default())?.total, 4);
    Ok(())
}

#[test]
fn reindex_matches_the_live_index() -> TestResult {
    let dir = tempfile::tempdir()?;
    build(dir.path(), 30)?;
    let journal = Journal::open(dir.path())?;
    let before = answers(&journal)?;
    let mut last = None;
    journal.reindex(&mut |p| last = Some(p))?;
    assert_eq!(answers(&journal)?, before);
    let last = last.ok_or("no progress")?;
    assert_eq!(last.done, last.total);
    Ok(())
}
