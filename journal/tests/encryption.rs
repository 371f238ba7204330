//! Encrypted journals: nothing a leader or coach wrote is readable in any file, the
//! passphrase and the recovery key open the journal and nothing else does, and a
//! wrong secret changes nothing.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use waymark_journal::framework::TagId;
use waymark_journal::keys::{CredentialStore, KdfCost, MemoryCredentials, RecoveryKey, Secret};
use waymark_journal::share::{NewComment, ShareFields};
use waymark_journal::{EntryDraft, Journal, JournalError, SearchOptions, Template};

const PASS: &str = "correct horse battery";

/// Words that must never be found in a file: one for each place words can go.
const CANARIES: &[&str] = &[
    "Quetzalcoatl", // title
    "Zyzzogeton",   // body
    "Xylographer",  // what
    "Vorticellid",  // so-what
    "Ultramontane", // now-what
    "Tintinnabula", // label
    "Sesquipedal",  // a coach's comment
    "Rhadamanth",   // a leader's reply
    "Pennyroyal",   // a draft
    "Onomatopoe",   // the leader's name
    "Nyctophile",   // the coach's name
];

fn draft() -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: "Quetzalcoatl forum".into(),
        body: "Notes: Zyzzogeton.".into(),
        template: Template::Rolfe,
        fields: BTreeMap::from([
            ("what".to_owned(), "Xylographer happened".to_owned()),
            ("so-what".to_owned(), "Vorticellid mattered".to_owned()),
            ("now-what".to_owned(), "Ultramontane next".to_owned()),
        ]),
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: vec![TagId("hosting-style".into())],
        labels: vec!["Tintinnabula".into()],
        starred: false,
    }
}

/// Every file under `dir`, with a canary found in it (UTF-8 or UTF-16LE), if any.
fn canaries_in(dir: &Path) -> Vec<(String, &'static str)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            for word in CANARIES.iter().chain(&["AGE-SECRET-KEY-1"]) {
                let utf16: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
                if bytes.windows(word.len()).any(|w| w == word.as_bytes())
                    || bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
                {
                    found.push((path.display().to_string(), *word));
                }
            }
        }
    }
    found
}

fn hash_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.display().to_string(), Sha256::digest(bytes).to_vec())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn nothing_written_is_readable_in_any_file_of_two_encrypted_journals() {
    let (l, c, files) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    {
        let (leader, _) = Journal::create_encrypted(l.path(), PASS, KdfCost::FOR_TESTS).unwrap();
        let (coach, _) = Journal::create_encrypted(c.path(), PASS, KdfCost::FOR_TESTS).unwrap();
        leader.set_identity_name("Onomatopoe Leader").unwrap();
        coach.set_identity_name("Nyctophile Coach").unwrap();
        leader
            .add_contact(&coach.identity().unwrap().code, None)
            .unwrap();
        coach
            .add_contact(&leader.identity().unwrap().code, None)
            .unwrap();
        let entry = leader.create(draft()).unwrap();
        let mut kept = draft();
        kept.title = "Pennyroyal, half written".into();
        leader.keep_draft(Some(entry.id), &kept).unwrap();

        let share = files.path().join("s.waymark");
        leader
            .share("Nyctophile Coach", &[entry.id], &ShareFields::Whole, &share)
            .unwrap();
        coach.receive(&share).unwrap();
        let note = coach
            .add_comment(
                entry.id,
                NewComment {
                    text: "Sesquipedal thought".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let feedback = files.path().join("f.waymark");
        coach.feedback("Onomatopoe Leader", &feedback).unwrap();
        leader.receive(&feedback).unwrap();
        leader
            .add_comment(
                entry.id,
                NewComment {
                    text: "Rhadamanth reply".into(),
                    reply_to: Some(note.id),
                    ..Default::default()
                },
            )
            .unwrap();
        for j in [&leader, &coach] {
            j.flush().unwrap();
        }
        let sub = coach.coachee_journal("Onomatopoe Leader").unwrap();
        sub.flush().unwrap();
        // While open, search works on the sealed index, in both journals.
        let hits = |j: &Journal, q: &str| j.search(q, &SearchOptions::default()).unwrap().total;
        assert_eq!(hits(&leader, "vorticellid"), 1);
        assert_eq!(hits(&sub, "xylographer"), 1);
    }
    let found: Vec<_> = [l.path(), c.path()]
        .iter()
        .flat_map(|d| canaries_in(d))
        .collect();
    assert!(found.is_empty(), "words in the clear: {found:?}");

    // Unlocked again, everything is there and searchable without a rebuild.
    let leader = Journal::unlock(l.path(), &Secret::passphrase(PASS)).unwrap();
    assert_eq!(leader.count().unwrap(), 1);
    assert_eq!(
        leader
            .search("ultramontane", &SearchOptions::default())
            .unwrap()
            .total,
        1
    );
    let coach = Journal::unlock(c.path(), &Secret::passphrase(PASS)).unwrap();
    let sub = coach.coachee_journal("Onomatopoe Leader").unwrap();
    assert_eq!(
        sub.count().unwrap(),
        1,
        "the coachee's journal opens with the coach's key"
    );
}

#[test]
fn only_the_passphrase_or_the_recovery_key_opens_it_and_a_wrong_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (journal, recovery) =
        Journal::create_encrypted(dir.path(), PASS, KdfCost::FOR_TESTS).unwrap();
    journal.create(draft()).unwrap();
    assert!(journal.is_encrypted());
    drop(journal);
    let words = recovery.to_words().to_string();

    assert!(matches!(
        Journal::open(dir.path()),
        Err(JournalError::NeedsUnlock { .. })
    ));
    let before = hash_files(dir.path());
    assert!(matches!(
        Journal::unlock(dir.path(), &Secret::passphrase("correct horse batter")),
        Err(JournalError::WrongPassphrase)
    ));
    assert_eq!(
        hash_files(dir.path()),
        before,
        "a wrong passphrase changes nothing"
    );
    assert!(matches!(
        Journal::create_encrypted(dir.path(), PASS, KdfCost::FOR_TESTS),
        Err(JournalError::AlreadyAJournal { .. })
    ));

    // A new passphrase: the old one stops working; the recovery key still works.
    let journal = Journal::unlock(dir.path(), &Secret::passphrase(PASS)).unwrap();
    assert!(matches!(
        journal.change_passphrase("short", KdfCost::FOR_TESTS),
        Err(JournalError::WeakPassphrase)
    ));
    journal
        .change_passphrase("a brand new passphrase", KdfCost::FOR_TESTS)
        .unwrap();
    drop(journal);
    assert!(Journal::unlock(dir.path(), &Secret::passphrase(PASS)).is_err());
    let recovery = RecoveryKey::from_str(&words.to_lowercase()).unwrap();
    let journal = Journal::recover(
        dir.path(),
        recovery,
        "remembered at last",
        KdfCost::FOR_TESTS,
    )
    .unwrap();
    assert_eq!(journal.count().unwrap(), 1);
    drop(journal);
    let journal = Journal::unlock(dir.path(), &Secret::passphrase("remembered at last")).unwrap();
    assert_eq!(journal.count().unwrap(), 1);

    // A plain journal has no passphrase to unlock with.
    let plain = tempfile::tempdir().unwrap();
    drop(Journal::open(plain.path()).unwrap());
    assert!(matches!(
        Journal::unlock(plain.path(), &Secret::passphrase(PASS)),
        Err(JournalError::NotEncrypted)
    ));
}

#[test]
fn a_remembered_journal_opens_without_its_passphrase_until_it_is_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryCredentials::default();
    let (journal, _) = Journal::create_encrypted(dir.path(), PASS, KdfCost::FOR_TESTS).unwrap();
    journal.create(draft()).unwrap();
    // Not remembered: the store is not asked to open it.
    assert!(!Journal::is_remembered_at(dir.path()).unwrap());
    journal.remember(&store).unwrap();
    assert_eq!(store.len(), 1);
    // Remembering again replaces the secret rather than piling them up.
    journal.remember(&store).unwrap();
    assert_eq!(store.len(), 1);
    drop(journal);
    assert!(Journal::is_remembered_at(dir.path()).unwrap());
    let key_file = std::fs::read_to_string(dir.path().join("journal.key")).unwrap();
    assert!(key_file.contains("\"remembered\""));

    let journal = Journal::unlock_remembered(dir.path(), &store, &mut |_| {})
        .unwrap()
        .expect("a remembered journal opens");
    assert_eq!(journal.count().unwrap(), 1);
    // A new passphrase leaves it remembered; the passphrase still works too.
    journal
        .change_passphrase("a brand new passphrase", KdfCost::FOR_TESTS)
        .unwrap();
    drop(journal);
    assert!(
        Journal::unlock_remembered(dir.path(), &store, &mut |_| {})
            .unwrap()
            .is_some()
    );
    assert!(Journal::unlock(dir.path(), &Secret::passphrase("a brand new passphrase")).is_ok());

    // Another computer's store (or one that lost the entry) opens nothing.
    let elsewhere = MemoryCredentials::default();
    assert!(
        Journal::unlock_remembered(dir.path(), &elsewhere, &mut |_| {})
            .unwrap()
            .is_none()
    );
    // A secret that is not the one (a damaged entry) opens nothing either.
    let account = key_file
        .split("\"account\": \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    elsewhere.put(&account, &[7u8; 32]).unwrap();
    assert!(
        Journal::unlock_remembered(dir.path(), &elsewhere, &mut |_| {})
            .unwrap()
            .is_none()
    );

    // Forgetting needs no passphrase, takes the secret out of the store and the wrap
    // out of the key file: a copy of the secret kept elsewhere opens nothing after.
    let copy = store.get(&account).unwrap().unwrap();
    assert!(Journal::forget(dir.path(), &store).unwrap());
    assert!(store.is_empty());
    assert!(!Journal::is_remembered_at(dir.path()).unwrap());
    assert!(
        !Journal::forget(dir.path(), &store).unwrap(),
        "nothing left to forget"
    );
    store.put(&account, &copy).unwrap();
    assert!(
        Journal::unlock_remembered(dir.path(), &store, &mut |_| {})
            .unwrap()
            .is_none()
    );
    let journal =
        Journal::unlock(dir.path(), &Secret::passphrase("a brand new passphrase")).unwrap();
    assert_eq!(journal.count().unwrap(), 1);

    // A plain journal cannot be remembered: there is no key to keep.
    let plain = tempfile::tempdir().unwrap();
    let journal = Journal::open(plain.path()).unwrap();
    assert!(matches!(
        journal.remember(&store),
        Err(JournalError::NotEncrypted)
    ));
}

#[test]
fn a_damaged_key_file_or_a_swapped_database_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    drop(Journal::create_encrypted(dir.path(), PASS, KdfCost::FOR_TESTS).unwrap());
    let key_file = dir.path().join("journal.key");
    let good = std::fs::read(&key_file).unwrap();
    std::fs::write(&key_file, b"{not json").unwrap();
    assert!(matches!(
        Journal::unlock(dir.path(), &Secret::passphrase(PASS)),
        Err(JournalError::BadKeyFile(_))
    ));
    // Another journal's key file over this database: unwraps, but opens nothing.
    let other = tempfile::tempdir().unwrap();
    drop(Journal::create_encrypted(other.path(), PASS, KdfCost::FOR_TESTS).unwrap());
    std::fs::copy(other.path().join("journal.key"), &key_file).unwrap();
    match Journal::unlock(dir.path(), &Secret::passphrase(PASS)) {
        Err(JournalError::BadKeyFile(reason)) => {
            assert!(reason.contains("another journal"), "{reason}")
        }
        Err(other) => panic!("expected a key file error, got {other}"),
        Ok(_) => panic!("another journal's key opened this one"),
    }
    std::fs::write(&key_file, good).unwrap();
    assert!(Journal::unlock(dir.path(), &Secret::passphrase(PASS)).is_ok());
}

#[test]
fn encryption_turned_on_for_a_plain_journal_keeps_every_word_and_leaves_none_readable() {
    let (l, c, files) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    // A plain leader and a plain coach who has received the leader's entry.
    let leader = Journal::open(l.path()).unwrap();
    let coach = Journal::open(c.path()).unwrap();
    leader.set_identity_name("Onomatopoe Leader").unwrap();
    coach.set_identity_name("Nyctophile Coach").unwrap();
    leader
        .add_contact(&coach.identity().unwrap().code, None)
        .unwrap();
    coach
        .add_contact(&leader.identity().unwrap().code, None)
        .unwrap();
    let entry = leader.create(draft()).unwrap();
    let mut edited = draft();
    edited.body = "Notes: Zyzzogeton, edited.".into();
    leader.update(entry.id, edited).unwrap();
    let share = files.path().join("s.waymark");
    leader
        .share("Nyctophile Coach", &[entry.id], &ShareFields::Whole, &share)
        .unwrap();
    coach.receive(&share).unwrap();
    coach
        .add_comment(
            entry.id,
            NewComment {
                text: "Sesquipedal thought".into(),
                ..Default::default()
            },
        )
        .unwrap();
    coach.flush().unwrap();
    let history_before = coach
        .coachee_journal("Onomatopoe Leader")
        .unwrap()
        .history(entry.id)
        .unwrap()
        .len();
    assert!(
        !canaries_in(c.path()).is_empty(),
        "the plain journal shows its words"
    );

    let (coach, recovery) = coach
        .encrypt(PASS, KdfCost::FOR_TESTS, &mut |_| {})
        .unwrap();
    assert!(coach.is_encrypted());
    let sub = coach.coachee_journal("Onomatopoe Leader").unwrap();
    assert_eq!(sub.count().unwrap(), 1);
    assert_eq!(sub.history(entry.id).unwrap().len(), history_before);
    assert_eq!(
        coach.comments(entry.id).unwrap()[0].text,
        "Sesquipedal thought"
    );
    assert_eq!(
        sub.search("xylographer", &SearchOptions::default())
            .unwrap()
            .total,
        1,
        "the index is rebuilt, sealed"
    );
    coach.flush().unwrap();
    sub.flush().unwrap();
    drop(sub);
    drop(coach);
    let found = canaries_in(c.path());
    assert!(
        found.is_empty(),
        "words in the clear after encrypting: {found:?}"
    );
    // The recovery key from the encryption opens it, the passphrase too.
    let words = recovery.to_words().to_string();
    let coach = Journal::unlock(
        c.path(),
        &Secret::Recovery(RecoveryKey::from_str(&words).unwrap()),
    )
    .unwrap();
    assert_eq!(coach.identity().unwrap().name, "Nyctophile Coach");
    assert!(matches!(
        coach.encrypt(PASS, KdfCost::FOR_TESTS, &mut |_| {}),
        Err(JournalError::AlreadyEncrypted)
    ));
}

#[test]
fn an_encrypted_copy_left_by_an_interrupted_encryption_is_removed_and_the_plain_journal_opens() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(dir.path()).unwrap();
    journal.create(draft()).unwrap();
    drop(journal);
    // What a crash before the key file was written leaves beside the plain database.
    std::fs::write(
        dir.path().join("journal.encrypting.sqlite3"),
        b"half a copy",
    )
    .unwrap();
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.count().unwrap(), 1);
    assert!(!dir.path().join("journal.encrypting.sqlite3").exists());
}
