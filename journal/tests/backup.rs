//! Backups: a checked copy in a folder of its own, the newest kept, restored into a new
//! folder identical to the journal; an encrypted journal's backup is as encrypted.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use waymark_journal::keys::{KdfCost, Secret};
use waymark_journal::share::ShareFields;
use waymark_journal::{EntryDraft, Journal, JournalError, Template};

fn draft(title: &str) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: "Kintsugi notes.".into(),
        template: Template::Free,
        fields: Default::default(),
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: Vec::new(),
        labels: vec!["forum".into()],
        starred: false,
    }
}

/// The journal's entries as its Waymark JSON export holds them (without the export's time).
fn exported(journal: &Journal) -> serde_json::Value {
    let mut out = Vec::new();
    journal.export_json_to(None, &mut out).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    value["entries"].clone()
}

#[test]
fn a_backup_restores_to_the_same_journal_and_only_the_newest_are_kept() {
    let (dir, backups, restored) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let journal = Journal::open(dir.path()).unwrap();
    let first = journal.create(draft("Forum")).unwrap();
    journal.update(first.id, draft("Forum, edited")).unwrap();
    journal.create(draft("Board")).unwrap();

    let made: Vec<_> = (0..3)
        .map(|_| journal.backup(backups.path(), 2).unwrap())
        .collect();
    assert_eq!(
        made[2].removed, 1,
        "the oldest of three goes when two are kept"
    );
    let listed = Journal::backups_in(backups.path()).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].0, made[2].path, "newest first");
    assert_eq!(listed[0].1.entries, 2);
    assert!(!listed[0].1.encrypted);

    let into = restored.path().join("journal");
    Journal::restore_backup(&made[2].path, &into).unwrap();
    let back = Journal::open(&into).unwrap();
    assert_eq!(
        exported(&back),
        exported(&journal),
        "the restored journal is the same"
    );
    assert_eq!(
        back.history(first.id).unwrap().len(),
        2,
        "revisions came back too"
    );

    assert!(matches!(
        Journal::restore_backup(&made[2].path, &into),
        Err(JournalError::AlreadyAJournal { .. })
    ));
    assert!(matches!(
        Journal::restore_backup(dir.path(), &restored.path().join("other")),
        Err(JournalError::NotABackup { .. })
    ));
    assert!(matches!(
        journal.backup(&dir.path().join("backups"), 2),
        Err(JournalError::BackupInside { .. })
    ));
}

#[test]
fn an_encrypted_journal_backs_up_encrypted_with_its_coachees() {
    let (l, c, backups, restored, files) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let leader = Journal::open(l.path()).unwrap();
    let (coach, _) =
        Journal::create_encrypted(c.path(), "a long walk on the fells", KdfCost::FOR_TESTS)
            .unwrap();
    leader.set_identity_name("Lee").unwrap();
    coach.set_identity_name("Kim").unwrap();
    leader
        .add_contact(&coach.identity().unwrap().code, None)
        .unwrap();
    coach
        .add_contact(&leader.identity().unwrap().code, None)
        .unwrap();
    let entry = leader.create(draft("Quetzalcoatl forum")).unwrap();
    let share = files.path().join("s.waymark");
    leader
        .share("Kim", &[entry.id], &ShareFields::Whole, &share)
        .unwrap();
    coach.receive(&share).unwrap();

    let made = coach.backup(backups.path(), 10).unwrap();
    assert!(made.manifest.encrypted);
    let mut stack = vec![made.path.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                assert!(
                    !bytes.windows(12).any(|w| w == b"Quetzalcoatl"),
                    "{} holds words in the clear",
                    p.display()
                );
            }
        }
    }
    let into = restored.path().join("coach");
    Journal::restore_backup(&made.path, &into).unwrap();
    assert!(matches!(
        Journal::open(&into),
        Err(JournalError::NeedsUnlock { .. })
    ));
    let back = Journal::unlock(&into, &Secret::passphrase("a long walk on the fells")).unwrap();
    assert_eq!(back.identity().unwrap().name, "Kim");
    assert_eq!(back.coachee_journal("Lee").unwrap().count().unwrap(), 1);
}

#[test]
fn a_due_backup_goes_to_the_chosen_folder_at_most_once_a_day() {
    let (dir, backups) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let journal = Journal::open(dir.path()).unwrap();
    journal.create(draft("Forum")).unwrap();
    assert!(
        journal
            .backup_if_due(chrono::Duration::days(1))
            .unwrap()
            .is_none(),
        "no folder chosen"
    );
    assert!(matches!(
        journal.set_backup_folder(&dir.path().join("inside")),
        Err(JournalError::BackupInside { .. })
    ));
    journal.set_backup_folder(backups.path()).unwrap();
    assert_eq!(
        journal.backup_folder().unwrap().as_deref(),
        Some(backups.path())
    );
    let first = journal.backup_if_due(chrono::Duration::days(1)).unwrap();
    assert!(first.is_some(), "the first is due at once");
    assert!(
        journal
            .backup_if_due(chrono::Duration::days(1))
            .unwrap()
            .is_none(),
        "not again the same day"
    );
    assert!(
        journal
            .backup_if_due(chrono::Duration::zero())
            .unwrap()
            .is_some()
    );
}

#[test]
fn a_restored_backup_takes_the_journals_place_and_the_journal_in_use_is_kept_beside_it() {
    let (parent, backups) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let own = parent.path().join("Waymark");
    let journal = Journal::open(&own).unwrap();
    journal.create(draft("Forum")).unwrap();
    let made = journal.backup(backups.path(), 2).unwrap();
    journal.create(draft("Written after the backup")).unwrap();

    // Refused, and nothing moves, when the folder holds no journal.
    let empty = parent.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    drop(journal);
    let refused = waymark_journal::relocate::swap_in(Journal::open(&own).unwrap(), &empty);
    assert!(matches!(refused, Err(JournalError::CannotSwapIn { .. })));
    assert_eq!(Journal::open(&own).unwrap().count().unwrap(), 2);

    let restored = parent.path().join("Waymark-restored");
    Journal::restore_backup(&made.path, &restored).unwrap();
    let kept = waymark_journal::relocate::swap_in(Journal::open(&own).unwrap(), &restored).unwrap();

    assert!(
        !restored.exists(),
        "the restored folder became the journal's"
    );
    let now = Journal::open(&own).unwrap();
    let titles: Vec<String> = now
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .map(|e| e.draft.title)
        .collect();
    assert_eq!(titles, ["Forum"], "the journal in use is the backup's");
    assert_eq!(kept.parent(), own.parent(), "kept beside it");
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("Waymark-before-restore-")
    );
    assert_eq!(
        Journal::open(&kept).unwrap().count().unwrap(),
        2,
        "the journal that was in use is whole, with what was written after the backup"
    );
}
