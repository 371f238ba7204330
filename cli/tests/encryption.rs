//! Encrypted journals through the `waymark` binary: made with `init`, opened with the
//! passphrase from the environment, refused with a sentence without it or with a wrong
//! one, the passphrase changed, and a forgotten one replaced with the recovery key.

mod common;

use common::Journal;

const PASS: &str = "a long walk on the fells";

#[test]
fn an_encrypted_journal_from_init_to_recovery() {
    let j = Journal::empty();
    let made = j
        .cmd()
        .args(["init"])
        .env("WAYMARK_PASSPHRASE", PASS)
        .output()
        .expect("ran");
    assert!(made.status.success());
    // The confirmation is a message (stderr); the recovery key is the result (stdout).
    let said = String::from_utf8_lossy(&made.stderr);
    assert!(said.contains("made an encrypted journal"), "{said}");
    let out = String::from_utf8_lossy(&made.stdout).into_owned();
    let recovery = out
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .expect("the recovery key is printed once")
        .to_owned();
    assert!(j.dir.path().join("journal.key").exists());

    let with = |pass: &str, args: &[&str]| {
        j.cmd()
            .args(args)
            .env("WAYMARK_PASSPHRASE", pass)
            .output()
            .expect("ran")
    };
    let added = with(
        PASS,
        &["add", "--title", "Hosting the forum", "--body", "Kintsugi."],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let found = with(PASS, &["search", "kintsugi"]);
    assert!(String::from_utf8_lossy(&found.stdout).contains("Hosting the forum"));

    // No passphrase and no terminal: a sentence, not a prompt that never ends.
    let err = j.fails(&["list"], "");
    assert!(
        err.contains("is encrypted") && err.contains("WAYMARK_PASSPHRASE"),
        "{err}"
    );
    let wrong = with("not the passphrase", &["list"]);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not unlock this journal"));
    let again = j.fails(&["init"], "");
    assert!(again.contains("already holds a journal"), "{again}");

    // A new passphrase, then a forgotten one replaced with the recovery key.
    let changed = j
        .cmd()
        .args(["passphrase", "change"])
        .env("WAYMARK_PASSPHRASE", PASS)
        .env("WAYMARK_NEW_PASSPHRASE", "second thoughts here")
        .output()
        .expect("ran");
    assert!(
        changed.status.success(),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    assert!(!with(PASS, &["list"]).status.success());
    let recovered = j
        .cmd()
        .args(["recover"])
        .env("WAYMARK_RECOVERY_KEY", recovery.to_lowercase())
        .env("WAYMARK_NEW_PASSPHRASE", "third time lucky")
        .output()
        .expect("ran");
    assert!(
        recovered.status.success(),
        "{}",
        String::from_utf8_lossy(&recovered.stderr)
    );
    let listed = with("third time lucky", &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Hosting the forum"));
}

#[test]
fn without_a_passphrase_a_new_journal_is_plain_and_says_so() {
    let j = Journal::empty();
    // The first `add` starts the journal (`list` only says there is none).
    let out = j
        .cmd()
        .args(["add", "--title", "First", "--body", "x"])
        .output()
        .expect("ran");
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("started a new journal") && err.contains("NOT encrypted"),
        "{err}"
    );
    assert!(!j.dir.path().join("journal.key").exists());
    // Said once, when it is made.
    let again = j.cmd().args(["list"]).output().expect("ran");
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!said.contains("NOT encrypted"), "{said}");
}

#[test]
fn a_plain_journal_is_encrypted_in_place_and_warns_about_older_copies() {
    let j = Journal::new();
    j.ok(&["add", "--title", "Hosting the forum", "--body", "Kintsugi."]);
    let err = j.fails(&["encrypt"], "");
    assert!(err.contains("choose a passphrase"), "{err}");
    let out = j
        .cmd()
        .args(["encrypt"])
        .env("WAYMARK_PASSPHRASE", PASS)
        .output()
        .expect("ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("is encrypted now") && said.contains("still NOT encrypted"),
        "{said}"
    );
    let listed = j
        .cmd()
        .args(["search", "kintsugi"])
        .env("WAYMARK_PASSPHRASE", PASS)
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Hosting the forum"));
    assert!(j.fails(&["list"], "").contains("is encrypted"));
}

#[test]
fn a_backup_is_made_kept_and_restored_through_the_binary() {
    let j = Journal::new();
    j.ok(&["add", "--title", "Hosting the forum", "--body", "Kintsugi."]);
    let backups = tempfile::TempDir::new().expect("temp dir");
    let to = backups.path().to_str().expect("UTF-8").to_owned();
    for _ in 0..3 {
        let out = j.said(&["backup", "--to", &to, "--keep", "2"]);
        assert!(out.contains("backed up 1 reflection to"), "{out}");
    }
    let kept: Vec<_> = std::fs::read_dir(backups.path())
        .expect("listed")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 2, "only the newest two are kept");
    let into = tempfile::TempDir::new().expect("temp dir");
    let target = into.path().join("restored");
    let out = j.said(&[
        "restore-backup",
        kept[0].to_str().expect("UTF-8"),
        "--into",
        target.to_str().expect("UTF-8"),
    ]);
    assert!(out.contains("restored the backup made"), "{out}");
    let listed = j
        .cmd()
        .args(["--data-dir", target.to_str().expect("UTF-8"), "list"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Hosting the forum"));

    // --replace: the backup takes the journal's place; the journal used until now
    // (with what was written after the backup) is kept whole beside it.
    j.ok(&[
        "add",
        "--title",
        "Written after the backup",
        "--body",
        "Newer.",
    ]);
    let newest = kept
        .iter()
        .max()
        .expect("a backup")
        .to_str()
        .expect("UTF-8");
    let out = j.said(&["restore-backup", newest, "--replace"]);
    let kept_dir = out
        .lines()
        .find_map(|l| {
            l.split_once("is kept in ")
                .map(|(_, d)| d.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("says where the old journal is kept: {out}"));
    let now = j.ok(&["list"]);
    assert!(
        now.contains("Hosting the forum") && !now.contains("Written after the backup"),
        "{now}"
    );
    let before = j
        .cmd()
        .args(["--data-dir", &kept_dir, "list"])
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&before.stdout).contains("Written after the backup"));
    std::fs::remove_dir_all(&kept_dir).expect("removed");
    let both = j.fails(&["restore-backup", newest, "--replace", "--into", "x"], "");
    assert!(both.contains("cannot be used with"), "{both}");
}

#[test]
fn an_encrypted_export_round_trips_with_its_passphrase() {
    let j = Journal::new();
    j.ok(&[
        "add",
        "--title",
        "Quetzalcoatl forum",
        "--body",
        "Kintsugi.",
    ]);
    let files = tempfile::TempDir::new().expect("temp dir");
    let sealed = files.path().join("export.json.age");
    let out = j
        .cmd()
        .args(["export", "--format", "json", "--encrypt", "--out"])
        .arg(&sealed)
        .env("WAYMARK_EXPORT_PASSPHRASE", PASS)
        .output()
        .expect("ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("only its passphrase opens it"));
    let bytes = std::fs::read(&sealed).expect("written");
    assert!(!bytes.windows(12).any(|w| w == b"Quetzalcoatl"));
    let plain = j.said(&[
        "export",
        "--format",
        "json",
        "--out",
        files.path().join("p.json").to_str().expect("UTF-8"),
    ]);
    assert!(
        plain.contains("anyone who gets the file can read it"),
        "{plain}"
    );

    let other = Journal::new();
    let err = other.fails(&["import", sealed.to_str().expect("UTF-8")], "");
    assert!(err.contains("encrypted export"), "{err}");
    let wrong = other
        .cmd()
        .args(["import"])
        .arg(&sealed)
        .env("WAYMARK_EXPORT_PASSPHRASE", "not the passphrase")
        .output()
        .expect("ran");
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("does not open this encrypted export"));
    let right = other
        .cmd()
        .args(["import"])
        .arg(&sealed)
        .env("WAYMARK_EXPORT_PASSPHRASE", PASS)
        .output()
        .expect("ran");
    assert!(
        String::from_utf8_lossy(&right.stderr).contains("1 added"),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
}

/// Needs this computer's credential store: the test command starts one (GNOME
/// Keyring in a private D-Bus session, see `scripts/with-keyring.sh`).
#[test]
fn a_remembered_journal_opens_without_its_passphrase_until_forgotten() {
    let j = Journal::empty();
    let with = |pass: Option<&str>, args: &[&str]| {
        let mut cmd = j.cmd();
        cmd.args(args).env_remove("WAYMARK_PASSPHRASE");
        if let Some(pass) = pass {
            cmd.env("WAYMARK_PASSPHRASE", pass);
        }
        cmd.output().expect("ran")
    };
    assert!(with(Some(PASS), &["init"]).status.success());
    let nothing = with(None, &["forget"]);
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("did not remember"));

    let remembered = with(Some(PASS), &["remember"]);
    assert!(
        remembered.status.success(),
        "{}",
        String::from_utf8_lossy(&remembered.stderr)
    );
    assert!(String::from_utf8_lossy(&remembered.stderr).contains("remembers the journal"));
    // No passphrase anywhere, no terminal: the credential store opens it.
    let added = with(
        None,
        &["add", "--title", "Remembered", "--body", "Quietly."],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let listed = with(None, &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Remembered"));

    let forgot = with(None, &["forget"]);
    assert!(forgot.status.success());
    assert!(String::from_utf8_lossy(&forgot.stderr).contains("forgotten"));
    let err = j.fails(&["list"], "");
    assert!(err.contains("is encrypted"), "{err}");
    // The passphrase still opens it, with everything written while remembered.
    let listed = with(Some(PASS), &["list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Remembered"));
}

#[test]
fn the_key_commands_report_what_they_did_as_one_json_object() {
    let j = Journal::empty();
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = j.cmd();
        cmd.args(args).write_stdin("");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("ran");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not one JSON value ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        (value, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (made, said) = run(&["init", "--json"], &[("WAYMARK_PASSPHRASE", PASS)]);
    assert!(said.contains("made an encrypted journal"), "{said}");
    assert_eq!(made["encrypted"], true);
    let recovery = made["recovery_key"]
        .as_str()
        .expect("the key, once")
        .to_owned();
    assert_eq!(recovery.matches('-').count(), 7, "{recovery}");

    let (changed, _) = run(
        &["passphrase", "change", "--json"],
        &[
            ("WAYMARK_PASSPHRASE", PASS),
            ("WAYMARK_NEW_PASSPHRASE", "another walk on the fells"),
        ],
    );
    assert_eq!(changed, serde_json::json!({ "changed": true }));
    let (recovered, _) = run(
        &["recover", "--json"],
        &[
            ("WAYMARK_RECOVERY_KEY", &recovery),
            ("WAYMARK_NEW_PASSPHRASE", PASS),
        ],
    );
    assert_eq!(recovered, serde_json::json!({ "recovered": true }));
    let (reindexed, _) = run(&["reindex", "--json"], &[("WAYMARK_PASSPHRASE", PASS)]);
    assert_eq!(reindexed, serde_json::json!({ "reindexed": 0 }));
    let (forgot, _) = run(&["forget", "--json"], &[]);
    assert_eq!(forgot, serde_json::json!({ "forgotten": false }));

    let plain = Journal::new();
    let out = plain
        .cmd()
        .args(["encrypt", "--json"])
        .env("WAYMARK_PASSPHRASE", PASS)
        .write_stdin("")
        .output()
        .expect("ran");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sealed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    assert_eq!(sealed["encrypted"], true);
    assert!(sealed["recovery_key"].is_string(), "{sealed}");
}
