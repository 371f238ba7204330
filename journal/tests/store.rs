//! The store as a leader meets it: saving, editing with history, the bin, listing,
//! ids, refusals that write nothing, the folder lock, and reopening.

// Helpers outside #[test] fns panic on failure too: that is how a test fails.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;
use waymark_journal::framework::{TagId, ThemeId};
use waymark_journal::validate::{ValidationError, parse_date};
use waymark_journal::{
    EntryDraft, Journal, JournalError, ListFilter, Progress, SearchOptions, Template,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn draft(title: &str) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: String::new(),
        template: Template::Free,
        fields: BTreeMap::new(),
        date: date(2026, 3, 4),
        tags: vec![],
        labels: vec![],
        starred: false,
    }
}

fn rolfe(title: &str, what: &str) -> EntryDraft {
    let mut d = draft(title);
    d.template = Template::Rolfe;
    d.fields.insert("what".into(), what.into());
    d
}

fn search_ids(journal: &Journal, query: &str) -> Vec<waymark_journal::EntryId> {
    journal
        .search(
            query,
            &SearchOptions {
                limit: 100,
                ..Default::default()
            },
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn a_saved_entry_reads_back_as_written_with_tags_as_framework_ids() {
    let journal = Journal::open_in_memory().unwrap();
    let mut d = rolfe(
        "  Hosting the neighbourhood forum ",
        "I let the room set the agenda.",
    );
    d.body = "Notes *after*".into();
    d.fields.insert("so-what".into(), "   ".into());
    d.tags = vec![TagId("hosting style".into()), TagId("Sharing power".into())];
    d.labels = vec!["forum".into(), " Forum ".into(), "community".into()];
    d.starred = true;
    let saved = journal.create(d).unwrap();

    assert_eq!(saved.revision, 1);
    assert_eq!(saved.created_at, saved.updated_at);
    assert_eq!(saved.deleted_at, None);
    let got = journal.get(saved.id).unwrap();
    assert_eq!(got, saved);
    assert_eq!(got.draft.title, "Hosting the neighbourhood forum");
    assert_eq!(
        got.draft.tags,
        [TagId("hosting-style".into()), TagId("sharing-power".into())]
    );
    assert_eq!(got.draft.labels, ["forum", "community"]);
    assert_eq!(
        got.draft.fields.keys().collect::<Vec<_>>(),
        ["what"],
        "empty field dropped"
    );
    assert!(got.draft.starred);
    assert_eq!(journal.count().unwrap(), 1);
}

#[test]
fn every_edit_keeps_the_previous_version_and_an_old_one_can_be_brought_back() {
    let journal = Journal::open_in_memory().unwrap();
    let first = journal.create(rolfe("Forum", "first words")).unwrap();
    let second = journal
        .update(first.id, rolfe("Forum", "second words"))
        .unwrap();
    let third = journal
        .update(first.id, rolfe("Forum, rethought", "third words"))
        .unwrap();
    assert_eq!((second.revision, third.revision), (2, 3));
    assert_eq!(third.created_at, first.created_at);
    assert!(third.updated_at >= second.updated_at && second.updated_at >= first.updated_at);

    let history = journal.history(first.id).unwrap();
    let seen: Vec<(u32, &str)> = history
        .iter()
        .map(|r| (r.revision, r.draft.fields["what"].as_str()))
        .collect();
    assert_eq!(
        seen,
        [(3, "third words"), (2, "second words"), (1, "first words")]
    );

    let restored = journal.restore_revision(first.id, 1).unwrap();
    assert_eq!(restored.revision, 4, "restoring saves a new version");
    assert_eq!(restored.draft.fields["what"], "first words");
    assert_eq!(
        journal.history(first.id).unwrap().len(),
        4,
        "nothing was lost"
    );
    assert_eq!(search_ids(&journal, "first"), [first.id]);
    assert!(search_ids(&journal, "third").is_empty());

    assert!(matches!(
        journal.restore_revision(first.id, 9),
        Err(JournalError::RevisionNotFound { revision: 9, .. })
    ));
}

#[test]
fn saving_without_changes_adds_no_version() {
    let journal = Journal::open_in_memory().unwrap();
    let e = journal.create(rolfe("Forum", "words")).unwrap();
    let again = journal.update(e.id, rolfe("Forum ", "words")).unwrap();
    assert_eq!(again, e);
    assert_eq!(journal.history(e.id).unwrap().len(), 1);
}

#[test]
fn delete_moves_to_the_bin_restore_brings_back_and_purge_removes_for_good() {
    let journal = Journal::open_in_memory().unwrap();
    let keep = journal.create(rolfe("Keep", "governance meeting")).unwrap();
    let e = journal
        .create(rolfe("Bin me", "governance retreat"))
        .unwrap();
    journal
        .update(e.id, rolfe("Bin me", "governance retreat, edited"))
        .unwrap();

    journal.delete(e.id).unwrap();
    assert_eq!(journal.count().unwrap(), 1);
    assert_eq!(journal.list(&ListFilter::default()).unwrap().len(), 1);
    let bin = journal.bin().unwrap();
    assert_eq!(bin.len(), 1);
    assert!(bin[0].deleted_at.is_some());
    assert_eq!(
        search_ids(&journal, "governance"),
        [keep.id],
        "binned entries leave search"
    );
    assert!(matches!(
        journal.update(e.id, draft("x")),
        Err(JournalError::InBin(id)) if id == e.id
    ));
    journal.delete(e.id).unwrap(); // deleting twice is harmless

    let back = journal.restore(e.id).unwrap();
    assert_eq!(back.deleted_at, None);
    assert_eq!(back.revision, 2);
    assert_eq!(journal.count().unwrap(), 2);
    let mut found = search_ids(&journal, "governance");
    found.sort();
    let mut both = vec![keep.id, e.id];
    both.sort();
    assert_eq!(found, both);
    assert!(matches!(
        journal.restore(e.id),
        Err(JournalError::NotInBin(_))
    ));
    assert!(
        matches!(journal.purge(e.id), Err(JournalError::NotInBin(_))),
        "purge only empties the bin"
    );

    journal.delete(e.id).unwrap();
    journal.purge(e.id).unwrap();
    assert!(matches!(journal.get(e.id), Err(JournalError::NotFound(id)) if id == e.id));
    assert!(matches!(
        journal.history(e.id),
        Err(JournalError::NotFound(_))
    ));
    assert!(journal.bin().unwrap().is_empty());
    assert_eq!(search_ids(&journal, "governance"), [keep.id]);
    assert!(search_ids(&journal, "retreat").is_empty());
}

#[test]
fn the_list_is_newest_first_and_filters_by_star_and_theme_with_paging() {
    let journal = Journal::open_in_memory().unwrap();
    let mut a = draft("Oldest");
    a.date = date(2024, 1, 1);
    a.tags = vec![TagId("hosting-style".into())];
    let mut b = draft("Middle");
    b.date = date(2025, 6, 1);
    b.starred = true;
    b.tags = vec![TagId("trust".into())];
    let mut c = draft("Newest");
    c.date = date(2026, 2, 1);
    c.starred = true;
    let ids = journal.create_many(vec![a, b, c]).unwrap();
    assert_eq!(ids.len(), 3);

    let titles = |filter: ListFilter| -> Vec<String> {
        journal
            .list(&filter)
            .unwrap()
            .into_iter()
            .map(|e| e.draft.title)
            .collect()
    };
    assert_eq!(
        titles(ListFilter::default()),
        ["Newest", "Middle", "Oldest"]
    );
    assert_eq!(
        titles(ListFilter {
            starred_only: true,
            ..Default::default()
        }),
        ["Newest", "Middle"]
    );
    let trust_theme = waymark_journal::framework::lpc()
        .item("trust")
        .unwrap()
        .theme()
        .clone();
    assert_eq!(
        titles(ListFilter {
            theme: Some(trust_theme),
            ..Default::default()
        }),
        ["Middle"],
        "a theme includes the behaviours and qualities under it"
    );
    assert!(
        titles(ListFilter {
            theme: Some(ThemeId("nope".into())),
            ..Default::default()
        })
        .is_empty()
    );
    assert_eq!(
        titles(ListFilter {
            limit: Some(1),
            offset: 1,
            ..Default::default()
        }),
        ["Middle"]
    );
}

#[test]
fn ids_can_be_typed_in_full_or_as_a_unique_prefix() {
    let journal = Journal::open_in_memory().unwrap();
    let a = journal.create(draft("A")).unwrap();
    let full = a.id.to_string();
    assert_eq!(journal.resolve_id(&full).unwrap(), a.id);
    assert_eq!(journal.resolve_id(&full.to_uppercase()).unwrap(), a.id);
    assert_eq!(journal.resolve_id(&full[..13]).unwrap(), a.id);
    // Shorter than a short id (4 characters).
    assert!(matches!(
        journal.resolve_id(&full[..3]),
        Err(JournalError::BadId(_))
    ));
    let digits = full.replace('-', "");
    assert_eq!(journal.resolve_id(&digits).unwrap(), a.id);
    assert_eq!(journal.resolve_id(&digits[24..28]).unwrap(), a.id);
    assert!(matches!(
        journal.resolve_id("not an id"),
        Err(JournalError::BadId(_))
    ));
    assert!(matches!(
        journal.resolve_id("ffffffff-ff"),
        Err(JournalError::NoSuchId(_))
    ));
    let missing = waymark_journal::EntryId::new();
    assert!(
        matches!(journal.resolve_id(&missing.to_string()), Err(JournalError::NotFound(id)) if id == missing)
    );
    // Ids made in the same second share their first characters.
    let b = journal.create(draft("B")).unwrap();
    let b_full = b.id.to_string();
    let shared = full
        .chars()
        .zip(b_full.chars())
        .take_while(|(x, y)| x == y)
        .count();
    if shared >= 8 {
        assert!(matches!(
            journal.resolve_id(&full[..shared]),
            Err(JournalError::AmbiguousId { .. })
        ));
    }
}

#[test]
fn bad_input_is_refused_with_a_specific_error_and_nothing_is_written() {
    let journal = Journal::open_in_memory().unwrap();
    let kept = journal.create(rolfe("Kept", "original words")).unwrap();

    let mut huge = draft("Huge");
    huge.body = "word ".repeat(2 * 1024 * 1024); // 10 MB
    let err = journal.create(huge.clone()).unwrap_err();
    assert!(
        matches!(err, JournalError::Invalid(ValidationError::TooLarge { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("10.0 MB"), "{err}");

    let mut nul = draft("Nul");
    nul.body = "before\0after".into();
    assert!(matches!(
        journal.create(nul.clone()),
        Err(JournalError::Invalid(ValidationError::NulByte { .. }))
    ));

    let mut unknown = draft("Unknown tag");
    unknown.tags = vec![TagId("stakholders".into())];
    let err = journal.create(unknown.clone()).unwrap_err();
    assert!(
        err.to_string()
            .contains("did you mean 'compelling-narrative'"),
        "{err}"
    );

    let mut old = draft("Too old");
    old.date = date(1850, 1, 1);
    assert!(matches!(
        journal.create(old.clone()),
        Err(JournalError::Invalid(
            ValidationError::DateOutOfRange { .. }
        ))
    ));
    assert!(matches!(
        parse_date("2026-02-30"),
        Err(ValidationError::BadDate { .. })
    ));
    assert!(matches!(
        parse_date("yesterday"),
        Err(ValidationError::BadDate { .. })
    ));

    let mut foreign = draft("Free with a field");
    foreign.fields.insert("what".into(), "x".into());
    assert!(matches!(
        journal.create(foreign.clone()),
        Err(JournalError::Invalid(
            ValidationError::FieldNotInTemplate { .. }
        ))
    ));

    // One bad draft among good ones: none is saved.
    assert!(
        journal
            .create_many(vec![draft("Good"), nul.clone()])
            .is_err()
    );

    // An edit refused leaves the entry as it was.
    for bad in [huge, nul, unknown, old, foreign] {
        assert!(journal.update(kept.id, bad).is_err());
    }
    assert_eq!(journal.get(kept.id).unwrap(), kept);
    assert_eq!(journal.history(kept.id).unwrap().len(), 1);
    assert_eq!(journal.count().unwrap(), 1);
    assert!(journal.bin().unwrap().is_empty());
}

#[test]
fn a_second_open_of_the_same_folder_is_refused_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let first = Journal::open(dir.path()).unwrap();
    match Journal::open(dir.path()) {
        Err(e @ JournalError::Locked { .. }) => {
            assert!(
                e.to_string().contains(&dir.path().display().to_string()),
                "{e}"
            )
        }
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("the same journal was opened twice"),
    }
    drop(first);
    assert!(Journal::open(dir.path()).is_ok(), "free again once closed");
}

#[test]
fn everything_saved_is_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = {
        let journal = Journal::open(dir.path()).unwrap();
        assert_eq!(journal.dir(), Some(dir.path()));
        let a = journal.create(rolfe("Forum", "agenda setting")).unwrap();
        let a = journal
            .update(a.id, rolfe("Forum", "agenda setting, edited"))
            .unwrap();
        let b = journal.create(draft("Binned")).unwrap();
        journal.delete(b.id).unwrap();
        (a, b)
    };
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.get(a.id).unwrap(), a);
    assert_eq!(journal.history(a.id).unwrap().len(), 2);
    assert_eq!(journal.bin().unwrap()[0].id, b.id);
    assert_eq!(search_ids(&journal, "agenda"), [a.id]);
}

#[test]
fn a_missing_index_is_rebuilt_on_open_with_progress() {
    let dir = tempfile::tempdir().unwrap();
    let ids = {
        let journal = Journal::open(dir.path()).unwrap();
        journal
            .create_many(
                (0..30)
                    .map(|i| rolfe(&format!("Entry {i}"), "clinical supervision"))
                    .collect(),
            )
            .unwrap()
    };
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let mut seen: Vec<Progress> = Vec::new();
    let journal = Journal::open_with_progress(dir.path(), &mut |p| seen.push(p)).unwrap();
    let last = seen.last().copied().unwrap();
    assert_eq!((last.done, last.total), (30, 30));
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let mut found = search_ids(&journal, "supervision");
    found.sort();
    let mut ids = ids;
    ids.sort();
    assert_eq!(found, ids);

    let mut seen = Vec::new();
    journal.reindex(&mut |p| seen.push(p)).unwrap();
    assert_eq!(seen.last().map(|p| (p.done, p.total)), Some((30, 30)));
    assert_eq!(search_ids(&journal, "supervision").len(), 30);
}

#[test]
fn many_threads_can_save_at_once_and_every_save_lands() {
    let journal = Arc::new(Journal::open_in_memory().unwrap());
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let journal = Arc::clone(&journal);
            std::thread::spawn(move || {
                for i in 0..20 {
                    let e = journal
                        .create(draft(&format!("thread {t} entry {i}")))
                        .unwrap();
                    journal
                        .update(e.id, draft(&format!("thread {t} entry {i} edited")))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(journal.count().unwrap(), 80);
    let all = journal.list(&ListFilter::default()).unwrap();
    assert!(
        all.iter()
            .all(|e| e.revision == 2 && e.draft.title.ends_with("edited"))
    );
    journal.flush().unwrap();
    assert_eq!(search_ids(&journal, "edited").len(), 80);
}
