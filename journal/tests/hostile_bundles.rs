//! Bundles from hostile or careless senders: each is refused with its own error, and
//! the receiving journal's database is left byte for byte as it was, plain or encrypted.
//!
//! "Mallory" is a sender the test controls key by key, added as the coach's contact,
//! so every kind of signed-but-wrong content can be built.

#![allow(clippy::unwrap_used)]

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use waymark_journal::keys::KdfCost;
use waymark_journal::share::{NewComment, ShareCode, ShareError, ShareFields, SignedBundle, seal};
use waymark_journal::{EntryDraft, Journal, JournalError, Template};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

struct Sender {
    name: String,
    signing: SigningKey,
    age: age::x25519::Identity,
}

impl Sender {
    fn new(name: &str, seed: u8) -> Sender {
        Sender {
            name: name.into(),
            signing: SigningKey::from_bytes(&[seed; 32]),
            age: age::x25519::Identity::generate(),
        }
    }

    fn code(&self) -> String {
        ShareCode {
            name: self.name.clone(),
            age_recipient: self.age.to_public().to_string(),
            signing_key: self.signing.verifying_key().to_bytes(),
        }
        .encode()
    }
}

struct World {
    _dirs: (tempfile::TempDir, tempfile::TempDir),
    coach_dir: PathBuf,
    coach: Journal,
    coach_fp: String,
    coach_recipient: age::x25519::Recipient,
    mallory: Sender,
    leader: Journal,
    files: PathBuf,
}

fn world() -> World {
    world_of(Coach::Plain)
}

/// Whether the coach's journal, which the bundles arrive at, is encrypted.
#[derive(Clone, Copy)]
enum Coach {
    Plain,
    Encrypted,
}

fn world_of(kind: Coach) -> World {
    let c = tempfile::tempdir().unwrap();
    let f = tempfile::tempdir().unwrap();
    let coach = match kind {
        Coach::Plain => Journal::open(c.path()).unwrap(),
        Coach::Encrypted => {
            Journal::create_encrypted(c.path(), "a long walk on the fells", KdfCost::FOR_TESTS)
                .unwrap()
                .0
        }
    };
    coach.set_identity_name("Cath Coach").unwrap();
    let me = coach.identity().unwrap();
    let recipient =
        age::x25519::Recipient::from_str(&ShareCode::parse(&me.code).unwrap().age_recipient)
            .unwrap();
    let mallory = Sender::new("Mallory", 9);
    coach.add_contact(&mallory.code(), None).unwrap();
    let leader = Journal::open_in_memory().unwrap();
    leader.set_identity_name("Lee Leader").unwrap();
    leader.add_contact(&me.code, None).unwrap();
    coach
        .add_contact(&leader.identity().unwrap().code, None)
        .unwrap();
    World {
        coach_dir: c.path().to_path_buf(),
        files: f.path().to_path_buf(),
        _dirs: (c, f),
        coach,
        coach_fp: me.fingerprint,
        coach_recipient: recipient,
        mallory,
        leader,
    }
}

fn entry(id: &str, title: &str) -> Value {
    json!({
        "id": id, "title": title, "body": "Body", "template": "rolfe",
        "fields": {"what": "It happened."}, "date": "2026-03-04", "tags": ["hosting-style"],
        "labels": [], "starred": false,
        "created_at": "2026-03-04T09:00:00.000000Z", "updated_at": "2026-03-04T09:00:00.000000Z",
        "revision": 1, "deleted_at": null
    })
}

const E1: &str = "0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f70";
const E2: &str = "0192f0c1-7f3a-7cde-8a11-2b3c4d5e6f71";
const C1: &str = "0192f0c1-7f3a-7cde-8a11-aaaaaaaaaaa1";

impl World {
    fn envelope(&self, kind: &str, sequence: u64, content: Value) -> Value {
        json!({
            "format": "waymark-share", "version": 1, "kind": kind,
            "sender": self.mallory.code(), "recipient": self.coach_fp,
            "sequence": sequence, "created_at": "2026-03-05T10:00:00.000000Z",
            "content": content
        })
    }

    fn sealed(&self, envelope: &Value) -> Vec<u8> {
        self.sealed_bytes(&serde_json::to_vec(envelope).unwrap())
    }

    fn sealed_bytes(&self, bytes: &[u8]) -> Vec<u8> {
        seal(bytes, &self.mallory.signing, &self.coach_recipient).unwrap()
    }

    /// The coach's database file and its write-ahead log, byte for byte: a write lands
    /// in one of them (an encrypted one cannot be opened here to checkpoint it).
    fn db_hash(&self) -> Vec<u8> {
        let mut hash = Sha256::new();
        for name in ["journal.sqlite3", "journal.sqlite3-wal"] {
            hash.update(std::fs::read(self.coach_dir.join(name)).unwrap_or_default());
        }
        hash.finalize().to_vec()
    }

    fn coachees_listing(&self) -> Vec<String> {
        let dir = self.coach_dir.join("coachees");
        match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => vec![],
        }
    }

    /// Receives `bytes`, expecting a refusal; checks the journal is unchanged.
    fn refuse(&self, what: &str, bytes: &[u8]) -> ShareError {
        let before = self.db_hash();
        let listing = self.coachees_listing();
        let err = match self.coach.receive_bytes(bytes) {
            Err(JournalError::Share(e)) => e,
            Err(other) => panic!("{what}: expected a share error, got {other}"),
            Ok(report) => panic!("{what}: accepted: {report:?}"),
        };
        assert_eq!(self.db_hash(), before, "{what}: the database changed");
        assert_eq!(self.coachees_listing(), listing, "{what}: folders changed");
        err
    }

    fn small_real_bundle(&self) -> Vec<u8> {
        let e = self
            .leader
            .create(EntryDraft {
                code: Vec::new(),
                title: "Hi".into(),
                body: String::new(),
                template: Template::Free,
                fields: Default::default(),
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
                tags: vec![],
                labels: vec![],
                starred: false,
            })
            .unwrap();
        let out = self.files.join("small.waymark");
        self.leader
            .share("Cath Coach", &[e.id], &ShareFields::Whole, &out)
            .unwrap();
        std::fs::read(out).unwrap()
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_good_bundle_from_mallory_is_accepted_then_a_replay_changes_nothing() {
    let w = world();
    let good = w.sealed(&w.envelope(
        "entries",
        5,
        json!({"entries": [entry(E1, "Forum")], "comments": []}),
    ));
    let report = w.coach.receive_bytes(&good).unwrap();
    assert_eq!(report.entries_added, 1);
    assert!(!report.already_received);
    let before = w.db_hash();
    let again = w.coach.receive_bytes(&good).unwrap();
    assert!(again.already_received, "{again:?}");
    assert_eq!((again.sequence, again.entries_added), (5, 0));
    assert_eq!(w.db_hash(), before, "a replay changes nothing");
    // An older bundle, never received, with an older copy of the entry: received,
    // and the copy here (newer by revision and save time) stays.
    let mut newer = entry(E1, "Forum, changed");
    newer["revision"] = json!(2);
    newer["updated_at"] = json!("2026-03-04T12:00:00.000000Z");
    let six = w.sealed(&w.envelope("entries", 6, json!({"entries": [newer]})));
    assert_eq!(w.coach.receive_bytes(&six).unwrap().entries_updated, 1);
    let older = w.sealed(&w.envelope("entries", 4, json!({"entries": [entry(E1, "Forum")]})));
    let got = w.coach.receive_bytes(&older).unwrap();
    assert_eq!((got.entries_updated, got.entries_older), (0, 1), "{got:?}");
    let sub = w.coach.coachee_journal("Mallory").unwrap();
    assert_eq!(
        sub.get(E1.parse().unwrap()).unwrap().draft.title,
        "Forum, changed"
    );
}

#[test]
fn every_refusal_has_its_own_error_and_changes_nothing() {
    every_refusal_changes_nothing(Coach::Plain);
}

#[test]
fn every_refusal_leaves_an_encrypted_journal_as_it_was() {
    every_refusal_changes_nothing(Coach::Encrypted);
}

fn every_refusal_changes_nothing(kind: Coach) {
    let w = world_of(kind);
    // A first good bundle, so the coachee journal exists and replays can be tried.
    let good = w.sealed(&w.envelope("entries", 1, json!({"entries": [entry(E1, "Forum")]})));
    w.coach.receive_bytes(&good).unwrap();
    let ok_content = json!({"entries": [entry(E2, "Board")]});

    // Not addressed to this journal: encrypted to someone else.
    let other = age::x25519::Identity::generate().to_public();
    let bytes = seal(
        &serde_json::to_vec(&w.envelope("entries", 2, ok_content.clone())).unwrap(),
        &w.mallory.signing,
        &other,
    )
    .unwrap();
    assert_eq!(
        w.refuse("encrypted to another key", &bytes),
        ShareError::NotForThisJournal
    );

    // Encrypted to us, but addressed to another fingerprint.
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["recipient"] = json!("AAAA-BBBB-CCCC-DDDD-EEEE");
    assert_eq!(
        w.refuse("another fingerprint", &w.sealed(&env)),
        ShareError::NotForThisJournal
    );

    // A sender who is not a contact.
    let stranger = Sender::new("Stranger", 3);
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["sender"] = json!(stranger.code());
    let bytes = seal(
        &serde_json::to_vec(&env).unwrap(),
        &stranger.signing,
        &w.coach_recipient,
    )
    .unwrap();
    assert!(matches!(
        w.refuse("a stranger", &bytes),
        ShareError::UnknownSender { name } if name == "Stranger"
    ));

    // Claims to be Mallory, signed by someone else.
    let env = w.envelope("entries", 2, ok_content.clone());
    let bytes = seal(
        &serde_json::to_vec(&env).unwrap(),
        &stranger.signing,
        &w.coach_recipient,
    )
    .unwrap();
    assert!(matches!(
        w.refuse("signed by an impostor", &bytes),
        ShareError::BadSignature { .. }
    ));

    // Signed by Mallory, then one byte of the envelope changed.
    let env_bytes = serde_json::to_vec(&w.envelope("entries", 2, ok_content.clone())).unwrap();
    let signature = w.mallory.signing.sign(&env_bytes);
    let mut altered = env_bytes.clone();
    let pos = altered.iter().position(|b| *b == b'B').unwrap();
    altered[pos] = b'C';
    let plain = serde_json::to_vec(&SignedBundle {
        signed: URL_SAFE_NO_PAD.encode(&altered),
        signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()),
    })
    .unwrap();
    let bytes = age::encrypt(&w.coach_recipient, &plain).unwrap();
    assert!(matches!(
        w.refuse("an altered byte under the signature", &bytes),
        ShareError::BadSignature { .. }
    ));

    // A newer format version.
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["version"] = json!(3);
    assert_eq!(
        w.refuse("version 3", &w.sealed(&env)),
        ShareError::UnsupportedVersion {
            found: 3,
            supported: 2
        }
    );

    let malformed = |what: &str, bytes: &[u8]| match w.refuse(what, bytes) {
        ShareError::Malformed { .. } => {}
        other => panic!("{what}: expected Malformed, got {other:?}"),
    };
    // Bad UTF-8 in the signed envelope.
    let mut env_bytes = serde_json::to_vec(&w.envelope("entries", 2, ok_content.clone())).unwrap();
    let pos = env_bytes.iter().position(|b| *b == b'B').unwrap();
    env_bytes[pos] = 0xff;
    malformed("bad UTF-8", &w.sealed_bytes(&env_bytes));
    malformed(
        "not JSON",
        &w.sealed_bytes(b"{\"format\": \"waymark-share\""),
    );
    malformed(
        "not a signed envelope",
        &age::encrypt(&w.coach_recipient, b"hello").unwrap(),
    );
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["format"] = json!("waymark-journal");
    malformed("another format", &w.sealed(&env));
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["surprise"] = json!(true);
    malformed("an unknown field", &w.sealed(&env));
    let mut env = w.envelope("entries", 2, ok_content.clone());
    env["created_at"] = json!("2999-01-01T00:00:00Z");
    malformed("made in the future", &w.sealed(&env));
    malformed(
        "feedback carrying entries",
        &w.sealed(&w.envelope("feedback", 2, ok_content.clone())),
    );
    let comment = |id: &str, entry: &str, text: &str, reply: Option<&str>| {
        json!({"id": id, "entry_id": entry, "text": text,
               "created_at": "2026-03-05T09:00:00Z", "reply_to": reply})
    };
    malformed(
        "an oversized comment",
        &w.sealed(&w.envelope(
            "entries",
            2,
            json!({"entries": [], "comments": [comment(C1, E1, &"x".repeat(70_000), None)]}),
        )),
    );
    malformed(
        "a comment dated 1970",
        &w.sealed(&w.envelope(
            "entries",
            2,
            json!({"comments": [{"id": C1, "entry_id": E1, "text": "hi", "created_at": "1970-01-01T00:00:00Z"}]}),
        )),
    );

    // Duplicate ids.
    let bytes = w.sealed(&w.envelope(
        "entries",
        2,
        json!({"entries": [entry(E2, "Board"), entry(E2, "Board again")]}),
    ));
    assert!(matches!(
        w.refuse("duplicate entry ids", &bytes),
        ShareError::DuplicateId { .. }
    ));
    let bytes = w.sealed(&w.envelope(
        "entries",
        2,
        json!({"comments": [comment(C1, E1, "a", None), comment(C1, E1, "b", None)]}),
    ));
    assert!(matches!(
        w.refuse("duplicate comment ids", &bytes),
        ShareError::DuplicateId { .. }
    ));

    // References to what does not exist. A sender's comment on their own entry that
    // is not here (its bundle was lost) is left out and counted, never a refusal:
    // every later bundle that carries it would be refused too.
    let bytes = w.sealed(&w.envelope(
        "entries",
        2,
        json!({"comments": [comment(C1, E2, "on nothing", None)]}),
    ));
    let report = w.coach.receive_bytes(&bytes).unwrap();
    assert_eq!(
        (report.comments_skipped, report.comments_added),
        (1, 0),
        "{report:?}"
    );
    let bytes = w.sealed(&w.envelope(
        "entries",
        2,
        json!({"comments": [comment(C1, E1, "re", Some("0192f0c1-7f3a-7cde-8a11-bbbbbbbbbbbb"))]}),
    ));
    assert!(matches!(
        w.refuse("a reply to a missing comment", &bytes),
        ShareError::UnknownReference {
            what: "comment",
            ..
        }
    ));
    // Feedback on an entry of the coach's that was never shared with Mallory.
    let own = w
        .coach
        .create(serde_json::from_value(json!({"title": "Mine", "date": "2026-03-04"})).unwrap())
        .unwrap();
    let before_own = w.db_hash();
    let bytes = w.sealed(&w.envelope(
        "feedback",
        2,
        json!({"comments": [comment(C1, &own.id.to_string(), "sneaky", None)]}),
    ));
    assert!(matches!(
        w.refuse("feedback on an entry never shared", &bytes),
        ShareError::UnknownReference { what: "entry", .. }
    ));
    assert_eq!(w.db_hash(), before_own);

    // Entries that break the journal's rules.
    let invalid = |what: &str, e: Value| {
        let bytes = w.sealed(&w.envelope("entries", 2, json!({"entries": [e]})));
        match w.refuse(what, &bytes) {
            ShareError::InvalidEntry { .. } => {}
            other => panic!("{what}: expected InvalidEntry, got {other:?}"),
        }
    };
    let mut e = entry(E2, "Board");
    e["date"] = json!("3000-01-01");
    invalid("a date in the year 3000", e);
    let mut e = entry(E2, "Board");
    e["updated_at"] = json!("2999-01-01T00:00:00Z");
    invalid("saved in the future", e);
    let mut e = entry(E2, "Board");
    e["body"] = json!("x".repeat(2 * 1024 * 1024));
    invalid("an oversized body", e);
    let mut e = entry(E2, "Board");
    e["title"] = json!("");
    invalid("an empty title", e);
    let mut e = entry(E2, "Board");
    e["tags"] = json!(["not-a-framework-item-at-all"]);
    invalid("an unknown tag", e);
    let mut e = entry(E2, "Board");
    e["fields"] = json!({"feelings": "wrong template"});
    invalid("a field of another template", e);
    let mut e = entry(E2, "Board");
    e["body"] = json!("nul\u{0}byte");
    invalid("a NUL byte", e);

    // Nothing from all this reached the coachee journal.
    let sub = w.coach.coachee_journal("Mallory").unwrap();
    assert_eq!(sub.count().unwrap(), 1);
}

#[test]
fn truncations_and_every_single_bit_flip_are_refused() {
    let w = world();
    let bundle = w.small_real_bundle();
    assert!(bundle.len() < 2000, "small: {} bytes", bundle.len());
    for cut in [
        0,
        1,
        10,
        30,
        bundle.len() / 2,
        bundle.len() - 17,
        bundle.len() - 1,
    ] {
        assert!(
            matches!(
                w.refuse(&format!("cut at {cut}"), &bundle[..cut]),
                ShareError::Damaged { .. }
            ),
            "cut at {cut}"
        );
    }
    let before = w.db_hash();
    let mut kinds = std::collections::HashMap::new();
    for bit in 0..bundle.len() * 8 {
        let mut flipped = bundle.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        match w.coach.receive_bytes(&flipped) {
            Err(JournalError::Share(
                e @ (ShareError::Damaged { .. } | ShareError::NotForThisJournal),
            )) => *kinds.entry(std::mem::discriminant(&e)).or_insert(0usize) += 1,
            other => panic!("bit {bit}: expected Damaged or NotForThisJournal, got {other:?}"),
        }
    }
    assert!(!kinds.is_empty());
    let not_for_us = kinds
        .get(&std::mem::discriminant(&ShareError::NotForThisJournal))
        .copied()
        .unwrap_or(0);
    println!(
        "{} single bit flips: {not_for_us} read as not addressed to this journal, the rest as damaged",
        bundle.len() * 8
    );
    assert_eq!(w.db_hash(), before, "not a byte changed");
    assert!(w.coachees_listing().is_empty());
    // The intact bundle is still accepted afterwards.
    assert_eq!(w.coach.receive_bytes(&bundle).unwrap().entries_added, 1);
}

#[test]
fn oversized_files_are_refused_without_being_read() {
    let w = world();
    let huge = w.files.join("huge.waymark");
    let file = std::fs::File::create(&huge).unwrap();
    // Sparse: claims 1 GB on disk without writing it.
    file.set_len(1024 * 1024 * 1024).unwrap();
    drop(file);
    let before = w.db_hash();
    match w.coach.receive(&huge) {
        Err(JournalError::Share(ShareError::TooLarge { bytes, max })) => {
            assert_eq!(bytes, 1024 * 1024 * 1024);
            assert_eq!(max, 50 * 1024 * 1024);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let just_over = w.files.join("just-over.waymark");
    std::fs::File::create(&just_over)
        .unwrap()
        .set_len(50 * 1024 * 1024 + 1)
        .unwrap();
    assert!(matches!(
        w.coach.receive(&just_over),
        Err(JournalError::Share(ShareError::TooLarge { .. }))
    ));
    assert_eq!(w.db_hash(), before);

    // An ordinary file that is not a bundle at all.
    let text = write(&w.files, "notes.waymark", b"Dear coach, here are my notes.");
    assert!(matches!(
        w.coach.receive(&text),
        Err(JournalError::Share(ShareError::Damaged { .. }))
    ));
    // A journal that never made an identity is nobody's addressee, and stays so.
    let fresh = Journal::open_in_memory().unwrap();
    assert!(matches!(
        fresh.receive_bytes(&w.small_real_bundle()),
        Err(JournalError::Share(ShareError::NotForThisJournal))
    ));
    assert_eq!(w.db_hash(), before);
}

/// #11 item 5: email delivers out of order. Bundle 3 after bundle 4 is received (its
/// entry arrives), but the older copy of an entry both carry never replaces the newer.
#[test]
fn bundles_that_arrive_out_of_order_are_received_and_settled_by_revision() {
    let w = world();
    let mut newer = entry(E1, "Forum, second version");
    newer["revision"] = json!(2);
    newer["updated_at"] = json!("2026-03-04T11:00:00.000000Z");
    let four = w.sealed(&w.envelope("entries", 4, json!({"entries": [newer]})));
    let three = w.sealed(&w.envelope(
        "entries",
        3,
        json!({"entries": [entry(E1, "Forum, first version"), entry(E2, "Board")]}),
    ));
    w.coach.receive_bytes(&four).unwrap();
    let got = w
        .coach
        .receive_bytes(&three)
        .expect("bundle 3 was never received, so it is not a replay");
    assert_eq!(got.entries_added, 1, "E2 arrives: {got:?}");
    assert_eq!(got.entries_updated, 0, "the older E1 never wins: {got:?}");
    assert_eq!(got.entries_older, 1, "and is counted: {got:?}");
    let sub = w.coach.coachee_journal("Mallory").unwrap();
    assert_eq!(
        sub.get(E1.parse().unwrap()).unwrap().draft.title,
        "Forum, second version"
    );
    assert_eq!(sub.get(E2.parse().unwrap()).unwrap().draft.title, "Board");
}

/// #11 item 5: a leader who restores an older copy of their journal numbers new
/// bundles again from where the copy was; those are new bundles, not replays.
#[test]
fn a_new_bundle_that_reuses_a_number_after_a_restore_is_received() {
    let w = world();
    let first = w.sealed(&w.envelope("entries", 1, json!({"entries": [entry(E1, "Forum")]})));
    w.coach.receive_bytes(&first).unwrap();
    // The same number, made later with other content: the sender's journal went back.
    let mut env = w.envelope("entries", 1, json!({"entries": [entry(E2, "Board")]}));
    env["created_at"] = json!("2026-03-06T10:00:00.000000Z");
    let got = w
        .coach
        .receive_bytes(&w.sealed(&env))
        .expect("a different bundle that reuses a number is new");
    assert_eq!(got.entries_added, 1);
}

/// #11 item 5: a watched folder sees the same file twice; the second time is a
/// no-op, not an error, and writes nothing at all.
#[test]
fn a_replay_is_a_no_op_that_changes_nothing() {
    let w = world();
    let signed =
        serde_json::to_vec(&w.envelope("entries", 5, json!({"entries": [entry(E1, "Forum")]})))
            .unwrap();
    w.coach.receive_bytes(&w.sealed_bytes(&signed)).unwrap();
    let before = w.db_hash();
    // Encrypted again: the same signed bundle in a file whose bytes differ.
    let again = w
        .coach
        .receive_bytes(&w.sealed_bytes(&signed))
        .expect("a replay is not an error");
    assert!(again.already_received);
    assert_eq!(
        (
            again.entries_added,
            again.entries_updated,
            again.comments_added
        ),
        (0, 0, 0)
    );
    assert_eq!(w.db_hash(), before, "a replay writes nothing");
}

/// An age file whose header holds `stanzas` junk X25519 stanzas (no key is needed
/// to make one: anyone can send it).
fn junk_stanzas(stanzas: usize) -> Vec<u8> {
    let arg = URL_SAFE_NO_PAD.encode([7u8; 32]).replace(['-', '_'], "A");
    let mut out = b"age-encryption.org/v1\n".to_vec();
    for _ in 0..stanzas {
        out.extend_from_slice(format!("-> X25519 {arg}\n{arg}\n").as_bytes());
    }
    out.extend_from_slice(format!("--- {arg}\n").as_bytes());
    out.extend_from_slice(&[0u8; 64]);
    out
}

/// #11 item 7: age re-reads its whole header after each line, so a header of many
/// junk stanzas costs the square of its size. It is refused before age sees it.
#[test]
fn a_header_of_junk_stanzas_is_refused_before_age_reads_it() {
    let w = world();
    let junk = junk_stanzas(20_500);
    assert!(junk.len() > 2_000_000, "{} bytes", junk.len());
    let started = std::time::Instant::now();
    let err = w.refuse("2 MB of junk stanzas", &junk);
    println!(
        "{} bytes of junk stanzas refused in {:?}",
        junk.len(),
        started.elapsed()
    );
    let text = err.to_string();
    assert!(text.contains("64 KiB"), "{text}");
    // More stanzas than Waymark ever writes, in a header well under 64 KiB.
    let text = w.refuse("five stanzas", &junk_stanzas(5)).to_string();
    assert!(text.contains("recipient"), "{text}");
    // What Waymark writes still opens.
    let bundle = w.small_real_bundle();
    assert_eq!(w.coach.receive_bytes(&bundle).unwrap().entries_added, 1);
}

/// #11 item 8: a refusal never states a stranger's claimed name as fact, and names
/// cannot hide direction overrides or zero-width characters.
#[test]
fn claimed_names_are_said_to_be_unverified_and_hidden_characters_never_pass() {
    let w = world();
    let stranger = Sender::new("Lee Leader", 3);
    let mut env = w.envelope("entries", 1, json!({"entries": [entry(E1, "Forum")]}));
    env["sender"] = json!(stranger.code());
    let bytes = seal(
        &serde_json::to_vec(&env).unwrap(),
        &stranger.signing,
        &w.coach_recipient,
    )
    .unwrap();
    let text = w.refuse("an impostor", &bytes).to_string();
    assert!(text.contains("claims to come from 'Lee Leader'"), "{text}");
    assert!(text.contains("unverified"), "{text}");
    assert!(!text.contains("comes from 'Lee Leader'"), "{text}");

    // Typed by the person: refused with a sentence.
    for name in [
        "Dr Smith \u{202E}gnp.exe",
        "L\u{200B}ee",
        "Kim\u{2067}",
        "\u{FEFF}Sam",
    ] {
        match w.coach.set_identity_name(name) {
            Err(JournalError::Share(ShareError::BadName { name: shown })) => {
                assert!(
                    !shown
                        .chars()
                        .any(|c| matches!(c, '\u{200B}' | '\u{202E}' | '\u{2067}' | '\u{FEFF}')),
                    "{shown:?}"
                );
            }
            other => panic!("{name:?} was accepted as a name: {other:?}"),
        }
        assert!(matches!(
            w.coach
                .add_contact(&Sender::new("Ann", 4).code(), Some(name)),
            Err(JournalError::Share(ShareError::BadName { .. }))
        ));
    }
    // Received from someone else (the name in their code): neutralised.
    let sly = Sender::new("Pat\u{200B} Leader\u{202E}", 5);
    let added = w.coach.add_contact(&sly.code(), None).unwrap();
    assert_eq!(added.name, "Pat Leader");
}

/// #11 item 8: two coachees who send an entry with the same id both stay
/// commentable: the comment says whose entry it is on.
#[test]
fn two_coachees_who_send_the_same_entry_id_can_both_be_commented_on() {
    let w = world();
    let mo = Sender::new("Mo", 6);
    w.coach.add_contact(&mo.code(), None).unwrap();
    let from_mallory =
        w.sealed(&w.envelope("entries", 1, json!({"entries": [entry(E1, "Forum")]})));
    w.coach.receive_bytes(&from_mallory).unwrap();
    let mut env = w.envelope("entries", 1, json!({"entries": [entry(E1, "Board")]}));
    env["sender"] = json!(mo.code());
    let from_mo = seal(
        &serde_json::to_vec(&env).unwrap(),
        &mo.signing,
        &w.coach_recipient,
    )
    .unwrap();
    w.coach.receive_bytes(&from_mo).unwrap();

    let id = E1.parse().unwrap();
    let note = |text: &str| waymark_journal::share::NewComment {
        text: text.into(),
        anchor: None,
        reply_to: None,
    };
    // Without saying whose, the refusal names both.
    match w.coach.add_comment(id, note("Which?")) {
        Err(JournalError::Share(ShareError::SharedByMany { names, .. })) => {
            assert_eq!(names, "Mallory, Mo")
        }
        other => panic!("expected SharedByMany, got {other:?}"),
    }
    w.coach
        .add_comment_in(Some("Mallory"), id, note("On the forum"))
        .unwrap();
    w.coach
        .add_comment_in(Some("Mo"), id, note("On the board"))
        .unwrap();
    let on = |who| {
        w.coach
            .comments_in(Some(who), id)
            .unwrap()
            .into_iter()
            .map(|c| c.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(on("Mallory"), ["On the forum"]);
    assert_eq!(on("Mo"), ["On the board"]);
}

#[test]
fn a_bundle_cannot_revise_a_comment_its_sender_did_not_write_nor_leak_withdrawn_words() {
    let w = world();
    let good = w.sealed(&w.envelope("entries", 1, json!({"entries": [entry(E1, "Forum")]})));
    w.coach.receive_bytes(&good).unwrap();
    let e1 = E1.parse().unwrap();
    let mine = w
        .coach
        .add_comment_in(
            Some("Mallory"),
            e1,
            NewComment {
                text: "What did you notice?".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let comment = |id: &str, text: &str, revision: u32| {
        json!({"id": id, "entry_id": E1, "text": text, "revision": revision,
               "created_at": "2026-03-05T09:00:00Z"})
    };
    let sealed_v2 = |comments: Value| {
        let mut env = w.envelope("entries", 2, json!({ "comments": comments }));
        env["version"] = json!(2);
        w.sealed(&env)
    };

    // Mallory "edits" the coach's own comment: refused, the coach's words stand.
    let forged = sealed_v2(json!([comment(
        &mine.id.to_string(),
        "Words Cath never wrote",
        2
    )]));
    assert!(matches!(
        w.refuse("a revision of someone else's comment", &forged),
        ShareError::ForeignComment { .. }
    ));
    let now = w.coach.comments_in(Some("Mallory"), e1).unwrap();
    assert_eq!(now[0].text, "What did you notice?");

    // A withdrawn comment that still carries its words, and a revision 0.
    let mut leaky = comment(C1, "still here", 2);
    leaky["withdrawn_at"] = json!("2026-03-05T09:30:00Z");
    for (what, bytes) in [
        ("a withdrawn comment with text", sealed_v2(json!([leaky]))),
        (
            "a comment at revision 0",
            sealed_v2(json!([comment(C1, "hi", 0)])),
        ),
    ] {
        assert!(
            matches!(w.refuse(what, &bytes), ShareError::Malformed { .. }),
            "{what}"
        );
    }

    // Mallory's own comment, then its withdrawal: applied, and the words are gone.
    let first = sealed_v2(json!([comment(C1, "A remark to take back", 1)]));
    assert_eq!(w.coach.receive_bytes(&first).unwrap().comments_added, 1);
    let mut gone = comment(C1, "", 2);
    gone["withdrawn_at"] = json!("2026-03-05T09:30:00Z");
    let mut env = w.envelope("entries", 3, json!({ "comments": [gone] }));
    env["version"] = json!(2);
    env["created_at"] = json!("2026-03-05T11:00:00.000000Z");
    let report = w.coach.receive_bytes(&w.sealed(&env)).unwrap();
    assert_eq!(report.comments_revised, 1, "{report:?}");
    let theirs: Vec<_> = w
        .coach
        .comments_in(Some("Mallory"), e1)
        .unwrap()
        .into_iter()
        .filter(|c| !c.mine)
        .collect();
    assert_eq!(theirs.len(), 1);
    assert!(theirs[0].withdrawn_at.is_some() && theirs[0].text.is_empty());
}
