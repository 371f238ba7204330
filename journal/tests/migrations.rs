//! Journals written by every earlier schema version open, upgrade and keep every word.
//!
//! Each fixture in `tests/data/` was made by the schema it is named after (see
//! `tests/data/schema-v1.sql`). When a migration is added, add a fixture at the
//! version before it and a test here.

// Helpers outside #[test] fns panic on failure too: that is how a test fails.
#![allow(clippy::unwrap_used)]

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use waymark_journal::share::{BundleKind, Direction};
use waymark_journal::{
    CodeTheme, EntryDraft, Journal, JournalError, ListFilter, SearchOptions, Template,
};

/// The newest schema version; bump with each new migration.
const LATEST: i64 = 12;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// A journal folder holding a copy of the fixture (the committed file is never opened).
fn journal_from(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(name), dir.path().join("journal.sqlite3")).unwrap();
    dir
}

fn has_table(path: &Path, name: &str) -> bool {
    let n: i64 = Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    n == 1
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_fixture_is_really_at_schema_version_1() {
    assert_eq!(user_version(&fixture("schema-v1.sqlite3")), 1);
}

#[test]
fn a_version_1_journal_opens_at_the_latest_version_with_every_entry_intact() {
    let dir = journal_from("schema-v1.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();

    let entries = journal.list(&ListFilter::default()).unwrap();
    let titles: Vec<&str> = entries.iter().map(|e| e.draft.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "A difficult conversation about waiting lists",
            "Hosting the neighbourhood forum"
        ],
        "newest date first, the binned entry left out"
    );
    let bin = journal.bin().unwrap();
    assert_eq!(bin.len(), 1);
    assert_eq!(bin[0].draft.title, "Draft I binned");

    let forum = journal
        .get(
            journal
                .resolve_id("0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70")
                .unwrap(),
        )
        .unwrap();
    assert_eq!(forum.draft.template, Template::Rolfe);
    assert_eq!(forum.draft.body, "Afterwards I wrote to everyone who came.");
    assert_eq!(forum.draft.fields["what"], "I let the room set the agenda.");
    assert_eq!(
        forum.draft.fields["now-what"],
        "Ask the quietest voices first."
    );
    assert_eq!(
        forum
            .draft
            .tags
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>(),
        ["hosting-style", "sharing-power"]
    );
    assert_eq!(forum.draft.labels, ["forum", "community"]);
    assert!(forum.draft.starred);
    assert_eq!(forum.revision, 2);

    let history = journal.history(forum.id).unwrap();
    assert_eq!(
        history.iter().map(|r| r.revision).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(history[1].draft.title, "Hosting the forum");

    let gibbs = &entries[0];
    assert_eq!(
        gibbs.draft.fields["feelings"],
        "Defensive at first, then humbled."
    );

    // The search index is built from the upgraded database on first open.
    let found = journal
        .search(
            "agenda",
            &SearchOptions {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        found.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        [forum.id]
    );

    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(
        !has_table(&db, "settings"),
        "version 2 made the settings table, version 4 drops it"
    );
}

#[test]
fn an_upgraded_journal_keeps_working_and_remembers_its_history() {
    let dir = journal_from("schema-v1.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    let id = journal.resolve_id("0192f0c1-7f3a").unwrap();
    let mut draft = journal.get(id).unwrap().draft;
    draft.title = "Hosting the neighbourhood forum, again".into();
    let edited = journal.update(id, draft).unwrap();
    assert_eq!(edited.revision, 3);
    drop(journal);

    let journal = Journal::open(dir.path()).unwrap();
    let history = journal.history(id).unwrap();
    assert_eq!(
        history.iter().map(|r| r.revision).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    assert_eq!(history[1].draft.title, "Hosting the neighbourhood forum");
}

#[test]
fn a_journal_from_a_newer_waymark_is_refused_and_left_untouched() {
    let dir = journal_from("schema-v1.sqlite3");
    let db = dir.path().join("journal.sqlite3");
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    match Journal::open(dir.path()) {
        Err(e @ JournalError::NewerSchema { found: 99, .. }) => {
            assert!(e.to_string().contains("please update Waymark"), "{e}")
        }
        Err(other) => panic!("expected NewerSchema, got {other}"),
        Ok(_) => panic!("a newer journal was opened"),
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "not a byte changed");
}

#[test]
fn a_new_journal_starts_at_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    drop(Journal::open(dir.path()).unwrap());
    assert_eq!(user_version(&dir.path().join("journal.sqlite3")), LATEST);
}

#[test]
fn a_version_2_journal_opens_at_the_latest_version_with_its_entries_and_without_settings() {
    assert_eq!(user_version(&fixture("schema-v2.sqlite3")), 2);
    let dir = journal_from("schema-v2.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    assert_eq!(journal.bin().unwrap().len(), 1);
    let found = journal
        .search("hosting", &SearchOptions::default())
        .unwrap();
    assert_eq!(
        found.total, 1,
        "the upgraded journal is indexed and searchable"
    );
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    // Version 2 stored a setting nothing ever read; version 4 drops the table with it.
    assert!(!has_table(&db, "settings"));
}

#[test]
fn a_version_3_journal_opens_at_the_latest_version_with_its_sharing_and_without_settings() {
    let fixture_db = fixture("schema-v3.sqlite3");
    assert_eq!(user_version(&fixture_db), 3);
    assert!(
        has_table(&fixture_db, "settings"),
        "the fixture has the table to drop"
    );
    let dir = journal_from("schema-v3.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    assert_eq!(journal.bin().unwrap().len(), 1);

    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    let counts = journal.comment_counts().unwrap();
    assert_eq!(counts.get(&forum), Some(&1));
    let comments = journal.comments(forum).unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].author, "Sam");
    assert_eq!(comments[0].text, "What did the quietest voices say?");
    assert_eq!(comments[0].anchor.as_deref(), Some("now-what"));
    assert!(!comments[0].mine);

    let log = journal.share_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].contact, "Sam");
    assert_eq!(log[0].direction, Direction::Received);
    assert_eq!(log[0].kind, BundleKind::Feedback);
    assert_eq!(log[0].sequence, 1);
    assert_eq!(log[0].comments, 1);

    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(!has_table(&db, "settings"));
}

#[test]
fn a_version_4_journal_opens_at_the_latest_version_and_keeps_drafts() {
    let fixture_db = fixture("schema-v4.sqlite3");
    assert_eq!(user_version(&fixture_db), 4);
    assert!(!has_table(&fixture_db, "drafts"));
    let dir = journal_from("schema-v4.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    assert_eq!(journal.share_log().unwrap().len(), 1);
    assert!(journal.drafts().unwrap().is_empty());

    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    let mut draft = journal.get(forum).unwrap().draft;
    draft.title = "Hosting the forum, half edited".into();
    journal.keep_draft(Some(forum), &draft).unwrap();
    drop(journal);

    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    let journal = Journal::open(dir.path()).unwrap();
    let kept = journal.draft(Some(forum)).unwrap().unwrap();
    assert_eq!(kept.draft.title, "Hosting the forum, half edited");
}

#[test]
fn a_version_5_journal_opens_at_the_latest_version_and_remembers_bundles_received() {
    let fixture_db = fixture("schema-v5.sqlite3");
    assert_eq!(user_version(&fixture_db), 5);
    assert!(has_table(&fixture_db, "drafts"));
    assert!(!has_table(&fixture_db, "received_bundles"));
    let dir = journal_from("schema-v5.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    let log = journal.share_log().unwrap();
    assert_eq!(log.len(), 1, "the sharing log is kept");
    assert_eq!(log[0].sequence, 1);
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(has_table(&db, "received_bundles"));
}

#[test]
fn a_version_6_journal_opens_at_the_latest_version_with_its_comments_at_their_first_revision() {
    let fixture_db = fixture("schema-v6.sqlite3");
    assert_eq!(user_version(&fixture_db), 6);
    assert!(has_table(&fixture_db, "received_bundles"));
    assert!(!has_table(&fixture_db, "withdrawn_shares"));
    let dir = journal_from("schema-v6.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    let comments = journal.comments(forum).unwrap();
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].text, "What did the quietest voices say?");
    assert_eq!(
        comments[0].revision, 1,
        "a comment written before edits starts at 1"
    );
    assert_eq!(comments[0].edited_at, None);
    assert_eq!(comments[0].withdrawn_at, None);
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(has_table(&db, "withdrawn_shares"));
    assert!(has_table(&db, "entry_receipts"));
}

#[test]
fn a_version_7_journal_opens_at_the_latest_version_with_room_for_preferences() {
    let fixture_db = fixture("schema-v7.sqlite3");
    assert_eq!(user_version(&fixture_db), 7);
    assert!(has_table(&fixture_db, "withdrawn_shares"));
    assert!(!has_table(&fixture_db, "preferences"));
    let dir = journal_from("schema-v7.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    assert_eq!(journal.backup_folder().unwrap(), None);
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(has_table(&db, "preferences"));
}

#[test]
fn a_version_8_journal_opens_at_the_latest_version_with_its_comments_already_seen() {
    let fixture_db = fixture("schema-v8.sqlite3");
    assert_eq!(user_version(&fixture_db), 8);
    assert!(has_table(&fixture_db, "preferences"));
    assert!(!has_table(&fixture_db, "unseen_comments"));
    let dir = journal_from("schema-v8.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    assert_eq!(journal.comments(forum).unwrap().len(), 1);
    assert!(
        journal.unseen_in(None).unwrap().is_empty(),
        "comments read before the upgrade are not announced as new"
    );
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(has_table(&db, "unseen_comments"));
    assert!(has_table(&db, "unseen_entries"));
}

#[test]
fn a_version_9_journal_opens_at_the_latest_version_with_an_empty_watch_list() {
    let fixture_db = fixture("schema-v9.sqlite3");
    assert_eq!(user_version(&fixture_db), 9);
    assert!(has_table(&fixture_db, "unseen_comments"));
    assert!(!has_table(&fixture_db, "watched_names"));
    let dir = journal_from("schema-v9.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 2);
    assert_eq!(journal.watch_list().unwrap(), Vec::<String>::new());
    assert_eq!(journal.dismissed().unwrap(), []);
    // The upgraded journal's entries and comment can be checked, and nothing in the
    // fixtures' words identifies anyone.
    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    assert_eq!(journal.comments(forum).unwrap().len(), 1);
    let ids: Vec<_> = journal
        .list(&ListFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(journal.check_entries(&ids).unwrap(), []);
    journal.set_watch_list(&["Aisha".to_owned()]).unwrap();
    drop(journal);
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert!(has_table(&db, "watched_names"));
    assert!(has_table(&db, "dismissed_findings"));
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.watch_list().unwrap(), ["Aisha"]);
}

/// Rows in each table that refers to an entry, and every entry's id, in one list.
fn rows_about_entries(path: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(path).unwrap();
    [
        "entries",
        "entry_fields",
        "entry_tags",
        "entry_labels",
        "revisions",
        "comments",
        "unseen_entries",
    ]
    .into_iter()
    .map(|table| {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        (table.to_owned(), n)
    })
    .collect()
}

#[test]
fn a_version_10_journal_opens_at_the_latest_version_with_every_row_that_names_an_entry() {
    let fixture_db = fixture("schema-v10.sqlite3");
    assert_eq!(user_version(&fixture_db), 10);
    assert!(has_table(&fixture_db, "watched_names"));
    assert!(!has_table(&fixture_db, "entry_code_themes"));
    let before = rows_about_entries(&fixture_db);
    // Rebuilding the entries table with foreign keys on would have cascaded its DROP
    // to every box, tag, label, revision and comment; each is counted after.
    assert!(before.iter().all(|(_, n)| *n > 0), "{before:?}");

    let dir = journal_from("schema-v10.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert_eq!(rows_about_entries(&db), before);
    let broken: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);

    // The entries read back whole, with what refers to them.
    let forum = journal.resolve_id("0192f0c1-7f3a").unwrap();
    let entry = journal.get(forum).unwrap();
    assert_eq!(entry.draft.template, Template::Rolfe);
    assert_eq!(entry.draft.fields.len(), 2);
    assert!(entry.draft.code.is_empty());
    assert_eq!(journal.comments(forum).unwrap().len(), 1);
    assert_eq!(journal.history(forum).unwrap().len(), 2);
    assert_eq!(journal.watch_list().unwrap(), ["Aisha"]);
    assert_eq!(journal.dismissed().unwrap().len(), 1);
    let unseen = journal.unseen_in(None).unwrap();
    assert!(unseen.values().any(|u| u.entry), "{unseen:?}");

    // The templates the old CHECK refused are now saved, with the Code's themes.
    let mut nmc = EntryDraft {
        title: "Medicines round handover".into(),
        template: Template::Nmc,
        code: vec![CodeTheme::PreserveSafety, CodeTheme::PrioritisePeople],
        ..entry.draft.clone()
    };
    nmc.fields.clear();
    nmc.fields
        .insert("learning".into(), "Read back every dose aloud.".into());
    let saved = journal.create(nmc).unwrap();
    drop(journal);
    let journal = Journal::open(dir.path()).unwrap();
    let back = journal.get(saved.id).unwrap();
    assert_eq!(back.draft.template, Template::Nmc);
    assert_eq!(
        back.draft.code,
        [CodeTheme::PreserveSafety, CodeTheme::PrioritisePeople]
    );
    // Emptying the bin still takes an entry's rows with it: foreign keys are on again.
    journal.delete(saved.id).unwrap();
    journal.purge(saved.id).unwrap();
    assert_eq!(rows_about_entries(&db), before);
    let themes: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM entry_code_themes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(themes, 0);
}

#[test]
fn a_version_11_journal_opens_with_its_nmc_account_and_plans_from_it() {
    use waymark_journal::actions::{ActionDraft, ActionFilter, ActionStatus};
    let fixture_db = fixture("schema-v11.sqlite3");
    assert_eq!(user_version(&fixture_db), 11);
    assert!(has_table(&fixture_db, "entry_code_themes"));
    assert!(!has_table(&fixture_db, "actions"));
    let before = rows_about_entries(&fixture_db);

    let dir = journal_from("schema-v11.sqlite3");
    let journal = Journal::open(dir.path()).unwrap();
    let db = dir.path().join("journal.sqlite3");
    assert_eq!(user_version(&db), LATEST);
    assert_eq!(rows_about_entries(&db), before);

    let account = journal.resolve_id("0192f0c4").unwrap();
    let entry = journal.get(account).unwrap();
    assert_eq!(entry.draft.template, Template::Nmc);
    assert_eq!(
        entry.draft.code,
        [CodeTheme::PreserveSafety, CodeTheme::PrioritisePeople]
    );
    let action = journal
        .add_action(
            account,
            Some("change"),
            ActionDraft {
                text: "Explain the round to every new patient".into(),
                ..ActionDraft::default()
            },
        )
        .unwrap();
    assert_eq!(action.number, 1);
    assert_eq!(action.status, ActionStatus::Open);
    assert_eq!(journal.actions(&ActionFilter::default()).unwrap(), [action]);
    // An action goes with its reflection when the bin is emptied: foreign keys are on.
    journal.delete(account).unwrap();
    journal.purge(account).unwrap();
    let left: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM actions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}
