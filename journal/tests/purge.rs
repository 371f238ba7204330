//! Purge means gone for good: after delete and purge, no file in the journal's folder
//! holds the reflection's words (the database, its log, the search index).

use std::path::Path;
use waymark_journal::{EntryDraft, Journal, Template};

const SECRET: &str = "Quillwhistle";

fn draft(title: &str, body: &str) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: body.into(),
        template: Template::Free,
        fields: Default::default(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).expect("a date"),
        tags: Vec::new(),
        labels: Vec::new(),
        starred: false,
    }
}

/// Every file under `dir` whose bytes hold `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
                .unwrap_or(false)
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn a_purged_reflection_leaves_no_words_in_any_file() -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let journal = Journal::open(tmp.path())?;
    for i in 0..30 {
        journal.create(draft(&format!("Ordinary day {i}"), "Nothing to hide here."))?;
    }
    let body = format!("The {SECRET} family told me something I must not keep.");
    let secret = journal.create(draft(&format!("About the {SECRET}s"), &body))?;
    // An edit keeps a revision with the words too.
    let mut edited = secret.draft.clone();
    edited.body = format!("{body} And more about the {SECRET}s.");
    journal.update(secret.id, edited)?;
    journal.flush()?;
    assert!(
        !files_holding(tmp.path(), SECRET.as_bytes()).is_empty(),
        "the words are on disk before the purge (or this test checks nothing)"
    );

    journal.delete(secret.id)?;
    journal.purge(secret.id)?;
    journal.flush()?;
    let left = files_holding(tmp.path(), SECRET.as_bytes());
    assert!(left.is_empty(), "the purged words are still in {left:?}");
    // Nothing else was lost.
    assert_eq!(journal.count()?, 30);
    let found = journal.search("ordinary", &Default::default())?;
    assert_eq!(found.total, 30);
    drop(journal);
    // Nor after closing and opening again.
    let journal = Journal::open(tmp.path())?;
    assert_eq!(journal.count()?, 30);
    let left = files_holding(tmp.path(), SECRET.as_bytes());
    assert!(left.is_empty(), "the purged words are still in {left:?}");
    Ok(())
}
