//! Moving a journal in and out: Waymark JSON round trips, imports that never lose
//! local work, refusals that write nothing, and Markdown that Obsidian can read.

// Helpers outside #[test] fns panic on failure too: that is how a test fails.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::framework::TagId;
use waymark_journal::transfer::{ImportError, ImportReport, JournalExport};
use waymark_journal::{EntryDraft, Journal, JournalError, ListFilter, SearchOptions, Template};

fn draft(title: &str, what: &str) -> EntryDraft {
    let mut fields = BTreeMap::new();
    fields.insert("what".to_owned(), what.to_owned());
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: "Body text".into(),
        template: Template::Rolfe,
        fields,
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: vec![TagId("hosting-style".into())],
        labels: vec!["forum".into()],
        starred: true,
    }
}

fn export(journal: &Journal, ids: Option<&[waymark_journal::EntryId]>) -> Vec<u8> {
    let mut out = Vec::new();
    journal.export_json_to(ids, &mut out).unwrap();
    out
}

fn import_err(journal: &Journal, bytes: &[u8]) -> ImportError {
    match journal.import_json(bytes) {
        Err(JournalError::Import(e)) => e,
        Err(other) => panic!("expected an import error, got {other}"),
        Ok(report) => panic!("expected an import error, got {report:?}"),
    }
}

#[test]
fn an_export_is_a_versioned_document_that_imports_into_a_new_journal_unchanged() {
    let source = Journal::open_in_memory().unwrap();
    let a = source.create(draft("Forum", "agenda")).unwrap();
    let a = source
        .update(a.id, draft("Forum", "agenda, edited"))
        .unwrap();
    let b = source
        .create(draft("Board \"paper\"\nline two", "quoted"))
        .unwrap();
    let binned = source.create(draft("Binned", "gone")).unwrap();
    source.delete(binned.id).unwrap();

    let bytes = export(&source, None);
    let doc: JournalExport = serde_json::from_slice(&bytes).unwrap();
    assert_eq!((doc.format.as_str(), doc.version), ("waymark-journal", 1));
    assert_eq!(doc.entries.len(), 2, "the bin is not exported");

    let target = Journal::open_in_memory().unwrap();
    let report = target.import_json(&bytes).unwrap();
    assert_eq!(
        report,
        ImportReport {
            added: 2,
            ..Default::default()
        }
    );
    assert_eq!(target.get(a.id).unwrap(), a, "same id, times and revision");
    assert_eq!(target.get(b.id).unwrap(), b);
    let hits = target
        .search("agenda", &SearchOptions::default())
        .unwrap()
        .hits;
    assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [a.id]);

    // Importing the same file again changes nothing.
    let again = target.import_json(&bytes).unwrap();
    assert_eq!(
        again,
        ImportReport {
            unchanged: 2,
            ..Default::default()
        }
    );
    assert_eq!(target.history(a.id).unwrap().len(), 1);
}

#[test]
fn a_selection_exports_only_those_entries_to_a_file() {
    let journal = Journal::open_in_memory().unwrap();
    let a = journal.create(draft("One", "x")).unwrap();
    journal.create(draft("Two", "y")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("some.json");
    assert_eq!(journal.export_json(Some(&[a.id, a.id]), &path).unwrap(), 1);
    let doc: JournalExport = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(doc.entries.iter().map(|e| e.id).collect::<Vec<_>>(), [a.id]);
    let other = Journal::open_in_memory().unwrap();
    assert_eq!(other.import_json_file(&path).unwrap().added, 1);
}

#[test]
fn a_local_edit_newer_than_the_file_is_never_overwritten() {
    let home = Journal::open_in_memory().unwrap();
    let e = home.create(draft("Forum", "first")).unwrap();
    let old_export = export(&home, None);
    let newer = home.update(e.id, draft("Forum", "my later edit")).unwrap();

    let report = home.import_json(&old_export).unwrap();
    assert_eq!(report.skipped_newer_local, [e.id]);
    assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 0));
    assert_eq!(home.get(e.id).unwrap(), newer);
}

#[test]
fn a_newer_copy_from_the_file_becomes_a_new_version_keeping_the_local_one() {
    let laptop = Journal::open_in_memory().unwrap();
    let e = laptop.create(draft("Forum", "laptop words")).unwrap();
    let desktop = Journal::open_in_memory().unwrap();
    desktop.import_json(&export(&laptop, None)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let edited = desktop
        .update(e.id, draft("Forum", "desktop words"))
        .unwrap();

    let report = laptop.import_json(&export(&desktop, None)).unwrap();
    assert_eq!(
        report,
        ImportReport {
            updated: 1,
            ..Default::default()
        }
    );
    let now = laptop.get(e.id).unwrap();
    assert_eq!(now.draft.fields["what"], "desktop words");
    assert_eq!(now.updated_at, edited.updated_at);
    let history = laptop.history(e.id).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[1].draft.fields["what"], "laptop words",
        "the local version is kept"
    );
    let hits = laptop
        .search("desktop", &SearchOptions::default())
        .unwrap()
        .hits;
    assert_eq!(hits.len(), 1);
}

#[test]
fn malformed_files_are_refused_specifically_and_nothing_is_imported() {
    let journal = Journal::open_in_memory().unwrap();
    let source = Journal::open_in_memory().unwrap();
    let good = source.create(draft("Good", "fine")).unwrap();
    let good_json = serde_json::to_value(&good).unwrap();
    let doc = |entries: Vec<serde_json::Value>| {
        serde_json::json!({
            "format": "waymark-journal", "version": 1,
            "exported_at": "2026-03-04T10:00:00Z", "entries": entries,
        })
        .to_string()
        .into_bytes()
    };

    assert!(matches!(
        import_err(&journal, b"{ not json"),
        ImportError::NotJson(_)
    ));
    assert!(matches!(
        import_err(&journal, &[0xff, 0xfe, 0x00]),
        ImportError::NotJson(_)
    ));
    assert!(matches!(
        import_err(&journal, b"[1, 2]"),
        ImportError::WrongFormat(_)
    ));
    let err = import_err(
        &journal,
        br#"{"format": "obsidian", "version": 1, "entries": []}"#,
    );
    assert!(err.to_string().contains("'obsidian'"), "{err}");
    assert_eq!(
        import_err(
            &journal,
            br#"{"format": "waymark-journal", "version": 7, "entries": []}"#
        ),
        ImportError::UnsupportedVersion {
            found: 7,
            supported: 1
        }
    );
    assert!(matches!(
        import_err(&journal, br#"{"format": "waymark-journal", "version": 1}"#),
        ImportError::WrongFormat(_)
    ));

    let mut unknown_tag = good_json.clone();
    unknown_tag["id"] = serde_json::json!(waymark_journal::EntryId::new());
    unknown_tag["tags"] = serde_json::json!(["gardening"]);
    let err = import_err(&journal, &doc(vec![good_json.clone(), unknown_tag]));
    assert!(
        matches!(err, ImportError::InvalidEntry { number: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("'gardening'"), "{err}");

    let mut bad_date = good_json.clone();
    bad_date["date"] = serde_json::json!("2026-02-30");
    assert!(matches!(
        import_err(&journal, &doc(vec![bad_date])),
        ImportError::InvalidEntry { number: 1, .. }
    ));

    let mut huge = good_json.clone();
    huge["body"] = serde_json::json!("x".repeat(10 * 1024 * 1024));
    let err = import_err(&journal, &doc(vec![huge]));
    assert!(err.to_string().contains("10.0 MB"), "{err}");

    let mut nul = good_json.clone();
    nul["title"] = serde_json::json!("a\u{0}b");
    assert!(matches!(
        import_err(&journal, &doc(vec![nul])),
        ImportError::InvalidEntry { .. }
    ));

    let mut future = good_json.clone();
    future["updated_at"] = serde_json::json!("2999-01-01T00:00:00Z");
    let err = import_err(&journal, &doc(vec![future]));
    assert!(err.to_string().contains("clock"), "{err}");

    let mut no_id = good_json.clone();
    no_id["id"] = serde_json::json!("not-a-uuid");
    assert!(matches!(
        import_err(&journal, &doc(vec![no_id])),
        ImportError::InvalidEntry { .. }
    ));

    let err = import_err(&journal, &doc(vec![good_json.clone(), good_json.clone()]));
    assert_eq!(
        err,
        ImportError::DuplicateId {
            id: good.id.to_string(),
            first: 1,
            second: 2
        }
    );

    assert_eq!(journal.count().unwrap(), 0, "nothing half-imported");
    assert!(journal.bin().unwrap().is_empty());
    // And the good entry on its own imports fine.
    assert_eq!(journal.import_json(&doc(vec![good_json])).unwrap().added, 1);
}

#[test]
fn an_imported_label_or_alias_tag_is_stored_as_the_framework_id() {
    let journal = Journal::open_in_memory().unwrap();
    let e = Journal::open_in_memory()
        .unwrap()
        .create(draft("x", "y"))
        .unwrap();
    let mut v = serde_json::to_value(&e).unwrap();
    v["tags"] = serde_json::json!(["Sharing power", "hosting style"]);
    let doc = serde_json::json!({"format": "waymark-journal", "version": 1,
        "exported_at": "2026-03-04T10:00:00Z", "entries": [v]});
    journal.import_json(doc.to_string().as_bytes()).unwrap();
    assert_eq!(
        journal.get(e.id).unwrap().draft.tags,
        [TagId("sharing-power".into()), TagId("hosting-style".into())]
    );
}

#[test]
fn markdown_export_writes_one_readable_file_per_entry_with_front_matter() {
    let journal = Journal::open_in_memory().unwrap();
    let mut d = draft(
        "Hosting: the \"forum\" / part 1",
        "I let the room set the agenda.",
    );
    d.fields.insert("now-what".into(), "Ask first.".into());
    d.body = "Closing thought.".into();
    let e = journal.create(d).unwrap();
    let mut twin = draft("Hosting: the \"forum\" / part 1", "again");
    twin.starred = false;
    let twin = journal.create(twin).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes");
    let files = journal.export_markdown(None, &out).unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2, "no name clash");
    let short = &e.id.0.simple().to_string()[24..];
    let name = format!("2026-03-04-hosting-the-forum-part-1-{short}.md");
    let path = out.join(&name);
    assert!(files.contains(&path), "{files:?}");
    let text = std::fs::read_to_string(&path).unwrap();

    let front = text
        .strip_prefix("---\n")
        .and_then(|t| t.split_once("\n---\n"))
        .map(|(f, _)| f)
        .unwrap();
    let line = |key: &str| {
        front
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}: ")))
            .unwrap()
            .to_owned()
    };
    assert_eq!(line("id"), format!("\"{}\"", e.id));
    // Strings are JSON-escaped, which YAML reads as double-quoted scalars.
    let title: String = serde_json::from_str(&line("title")).unwrap();
    assert_eq!(title, "Hosting: the \"forum\" / part 1");
    assert_eq!(line("date"), "2026-03-04");
    assert_eq!(line("template"), "\"rolfe\"");
    assert_eq!(line("tags"), "[\"hosting-style\"]");
    assert_eq!(line("labels"), "[\"forum\"]");
    assert_eq!(line("starred"), "true");

    let what = text
        .find("## What?\n\nI let the room set the agenda.")
        .unwrap();
    let now_what = text.find("## Now what?\n\nAsk first.").unwrap();
    let body = text.find("Closing thought.").unwrap();
    assert!(what < now_what && now_what < body, "{text}");
    assert!(!text.contains("## So what?"), "empty fields are left out");

    let twin_text = std::fs::read_to_string(
        files
            .iter()
            .find(|p| {
                p.to_string_lossy()
                    .contains(&twin.id.0.simple().to_string()[24..])
            })
            .unwrap(),
    )
    .unwrap();
    assert!(twin_text.contains("starred: false"));
    assert_eq!(
        journal.list(&ListFilter::default()).unwrap().len(),
        2,
        "export writes nothing to the journal"
    );
}

#[test]
fn an_encrypted_export_is_unreadable_and_imports_only_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let from = Journal::open_in_memory().unwrap();
    from.create(EntryDraft {
        code: Vec::new(),
        title: "Quetzalcoatl forum".into(),
        body: "Kintsugi notes".into(),
        template: Template::Free,
        fields: BTreeMap::new(),
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: Vec::new(),
        labels: Vec::new(),
        starred: false,
    })
    .unwrap();
    let path = dir.path().join("export.json.age");
    assert!(matches!(
        from.export_json_encrypted(None, &path, "short"),
        Err(JournalError::WeakPassphrase)
    ));
    assert_eq!(
        from.export_json_encrypted(None, &path, "a long walk home")
            .unwrap(),
        1
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !bytes.windows(12).any(|w| w == b"Quetzalcoatl"),
        "the words are not in the file"
    );

    let into = Journal::open_in_memory().unwrap();
    assert!(matches!(
        into.import_json_file(&path),
        Err(JournalError::Import(ImportError::NeedsPassphrase))
    ));
    assert!(matches!(
        into.import_json_file_with(&path, Some("a long walk away")),
        Err(JournalError::Import(ImportError::WrongPassphrase))
    ));
    assert_eq!(
        into.count().unwrap(),
        0,
        "a wrong passphrase imports nothing"
    );
    let report = into
        .import_json_file_with(&path, Some("a long walk home"))
        .unwrap();
    assert_eq!(report.added, 1);
    // A file with many recipient stanzas is refused before age reads its header.
    let mut hostile = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..50 {
        hostile.extend_from_slice(b"-> scrypt AAAA 10\nAAAA\n");
    }
    hostile.extend_from_slice(b"--- AAAA\n");
    let bad = dir.path().join("hostile.age");
    std::fs::write(&bad, hostile).unwrap();
    assert!(matches!(
        into.import_json_file_with(&bad, Some("a long walk home")),
        Err(JournalError::Import(ImportError::NotSealedByWaymark))
    ));
}
