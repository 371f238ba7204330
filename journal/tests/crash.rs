//! Reliability under the worst kind of stop: the writer is killed with SIGKILL at
//! random moments while it adds and edits entries, and the journal is reopened
//! each time. Every save the writer saw confirmed must be there, and search must
//! agree with SQLite. It runs on a plain journal and on an encrypted one (SQLCipher
//! and a sealed index), where a torn write must not cost a save either.
//!
//! The writer is this same test binary run again with `WAYMARK_CRASH_CHILD=<dir>`,
//! which turns [`child_writer`] from a no-op into the writer. Set
//! `WAYMARK_CRASH_SEED` to replay a run's kill timings.

// Helpers outside #[test] fns panic on failure too: that is how a test fails.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use waymark_journal::keys::{KdfCost, Secret};
use waymark_journal::{
    EntryDraft, EntryId, Journal, JournalError, ListFilter, SearchOptions, Template,
};

const CHILD_ENV: &str = "WAYMARK_CRASH_CHILD";
const LOCK_ENV: &str = "WAYMARK_LOCK_HOLDER";
const KILLS: usize = 60;
/// A word in every title, so one search counts every entry.
const COMMON: &str = "crashproof";

/// A small xorshift generator: enough randomness for timings and words, no dependency.
struct Rng(u64);

impl Rng {
    fn seeded(seed: u64) -> Rng {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// A made-up word unlikely to be changed by stemming: consonant-vowel pairs.
    fn word(&mut self) -> String {
        let mut w = String::from("zq");
        // 40^7 ≈ 1.6e11 words: no two of a run's ~1,000 entries share one.
        for _ in 0..7 {
            w.push(b"bdfgkmnprt"[self.below(10) as usize] as char);
            w.push(b"aiou"[self.below(4) as usize] as char);
        }
        w
    }
}

fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
}

fn draft(title: String, body: String) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title,
        body,
        template: Template::Free,
        fields: Default::default(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: vec![],
        labels: vec![],
        starred: false,
    }
}

/// The writer. A no-op in a normal test run; the crash test runs it as a child.
#[test]
fn child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let journal = open_journal(Path::new(&dir));
    let mut rng = Rng::seeded(now_nanos() ^ u64::from(std::process::id()));
    // The title word of every entry stays the same across edits, so the parent can
    // look each one up by it.
    let mut known: Vec<(EntryId, String)> = title_words(&journal).into_iter().collect();
    let mut out = std::io::stdout();
    // libtest has written "test child_writer ... " without a newline; start afresh.
    writeln!(out).unwrap();
    loop {
        let saved = if known.is_empty() || rng.below(3) == 0 {
            let word = rng.word();
            let e = journal
                .create(draft(
                    format!("{COMMON} {word}"),
                    format!("first version {}", rng.word()),
                ))
                .unwrap();
            known.push((e.id, word));
            e
        } else {
            let (id, word) = known[rng.below(known.len() as u64) as usize].clone();
            journal
                .update(
                    id,
                    draft(format!("{COMMON} {word}"), format!("edited {}", rng.word())),
                )
                .unwrap()
        };
        // Only now, with the save returned, is it confirmed.
        writeln!(out, "saved {} {}", saved.id, saved.revision).unwrap();
        out.flush().unwrap();
    }
}

/// Holds a journal open until killed. A no-op in a normal test run.
#[test]
fn child_lock_holder() {
    let Some(dir) = std::env::var_os(LOCK_ENV) else {
        return;
    };
    let _journal = Journal::open(Path::new(&dir)).unwrap();
    println!("\nopen");
    std::thread::sleep(Duration::from_secs(60));
}

fn spawn_child(test: &str, env: &str, dir: &Path) -> Child {
    let exe = std::env::current_exe().unwrap();
    Command::new(&exe)
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(env, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        // Seen only when a concurrent `cargo` relinked this test binary mid-run.
        .unwrap_or_else(|e| panic!("could not start {}: {e}", exe.display()))
}

fn assert_search_agrees(journal: &Journal, words: &HashMap<EntryId, String>) {
    journal.flush().unwrap();
    let all = journal
        .search(
            COMMON,
            &SearchOptions {
                limit: 0,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        all.total,
        journal.count().unwrap(),
        "search counts what SQLite holds"
    );
    for (id, word) in words {
        // Quoted: an exact match, without the fuzzy neighbours a bare word also finds.
        let hits = journal
            .search(&format!("\"{word}\""), &SearchOptions::default())
            .unwrap()
            .hits;
        assert_eq!(
            hits.iter().map(|h| h.id).collect::<Vec<_>>(),
            [*id],
            "searching {word}"
        );
        assert_eq!(hits[0].title, journal.get(*id).unwrap().draft.title);
    }
}

/// The passphrase of the encrypted journal killed here.
const PASS: &str = "a long walk on the fells";

/// Opens the journal in `dir`, unlocking it when it is encrypted.
fn open_journal(dir: &Path) -> Journal {
    if Journal::is_encrypted_at(dir).unwrap() {
        Journal::unlock(dir, &Secret::passphrase(PASS)).unwrap()
    } else {
        Journal::open(dir).unwrap()
    }
}

#[test]
fn every_confirmed_save_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    kill_the_writer_again_and_again(dir.path());
}

#[test]
fn every_confirmed_save_in_an_encrypted_journal_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    drop(Journal::create_encrypted(dir.path(), PASS, KdfCost::FOR_TESTS).unwrap());
    kill_the_writer_again_and_again(dir.path());
}

fn kill_the_writer_again_and_again(dir: &Path) {
    let seed = std::env::var("WAYMARK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(now_nanos);
    eprintln!("crash test seed {seed} (set WAYMARK_CRASH_SEED to replay the kill timings)");
    let mut rng = Rng::seeded(seed);
    let started = Instant::now();
    let mut confirmed: HashMap<EntryId, u32> = HashMap::new();
    let mut total_saves = 0;

    for round in 0..KILLS {
        let mut child = spawn_child("child_writer", CHILD_ENV, dir);
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut text = String::new();
            // The pipe closes when the child dies, ending the read.
            let _ = stdout.read_to_string(&mut text);
            text
        });
        // From "still starting up" to "well into saving".
        std::thread::sleep(Duration::from_millis(10 + rng.below(250)));
        child.kill().unwrap();
        child.wait().unwrap();
        let text = reader.join().unwrap();
        for line in text.lines().filter_map(|l| l.strip_prefix("saved ")) {
            // A line cut short by the kill has no newline yet and may be partial: it
            // was never confirmed, and `lines` still yields it, so check it whole.
            let Some((id, revision)) = line.split_once(' ') else {
                continue;
            };
            if id.len() != 36 || revision.is_empty() || !text.contains(&format!("saved {line}\n")) {
                continue;
            }
            let (id, revision): (EntryId, u32) = (id.parse().unwrap(), revision.parse().unwrap());
            let r = confirmed.entry(id).or_default();
            *r = (*r).max(revision);
            total_saves += 1;
        }

        let journal = open_journal(dir);
        for (id, revision) in &confirmed {
            let entry = journal
                .get(*id)
                .unwrap_or_else(|e| panic!("round {round}: confirmed {id} lost: {e}"));
            assert!(
                entry.revision >= *revision,
                "round {round}: {id} confirmed at revision {revision}, found {}",
                entry.revision
            );
        }
        if round % 10 == 9 || round == KILLS - 1 {
            let words: HashMap<EntryId, String> = title_words(&journal);
            assert_search_agrees(&journal, &words);
        }
    }
    eprintln!(
        "{KILLS} kills, {total_saves} confirmed saves of {} entries, {:.1} s",
        confirmed.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(total_saves > KILLS, "the writer got to save between kills");
}

#[test]
fn another_process_holding_the_journal_gets_locked_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn_child("child_lock_holder", LOCK_ENV, dir.path());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let opened = lines.any(|l| l.map(|l| l == "open").unwrap_or(false));
    assert!(opened, "the other process opened the journal");

    match Journal::open(dir.path()) {
        Err(e @ JournalError::Locked { .. }) => {
            assert!(
                e.to_string().contains(&dir.path().display().to_string()),
                "{e}"
            )
        }
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("two processes opened the same journal"),
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // The operating system dropped the dead holder's lock.
    assert!(Journal::open(dir.path()).is_ok());
}

/// Each live entry's id and the unique word of its title (the word after "crashproof").
fn title_words(journal: &Journal) -> HashMap<EntryId, String> {
    journal
        .list(&ListFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| {
            let word = e
                .draft
                .title
                .split(' ')
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            (e.id, word)
        })
        .collect()
}
