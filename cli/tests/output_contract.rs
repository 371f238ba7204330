//! One output contract for every command, through the `waymark` binary: results on
//! standard output and messages on standard error; exit status 0 done, 1 nothing
//! matched, 2 an error; `--json` on every command that reports something; colour and
//! match highlighting on a terminal only, never with `NO_COLOR`.

mod common;

use common::Journal;
use serde_json::Value;
use std::path::Path;
use std::process::Output;
use tempfile::TempDir;

fn stdout_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run(j: &Journal, args: &[&str]) -> Output {
    j.cmd().args(args).write_stdin("").output().expect("ran")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Runs a command that must succeed with `--json`: its standard output is exactly one
/// JSON object, and its sentence for a person went to standard error.
fn reported(j: &Journal, args: &[&str]) -> (Value, String) {
    let out = run(j, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
    let value: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not one JSON value ({e}): {}", stdout_of(&out)));
    assert!(value.is_object(), "{args:?}: {value}");
    (value, stderr_of(&out))
}

/// A journal with two tagged reflections that mention the forum.
fn two() -> Journal {
    let j = Journal::new();
    j.add(&[
        "--title",
        "Hosting the forum",
        "--date",
        "2026-03-04",
        "--tag",
        "hosting style",
        "--tag",
        "trust",
        "--body",
        "We hosted the neighbourhood forum & let the room set the agenda.",
    ]);
    j.add(&[
        "--title",
        "Board",
        "--date",
        "2026-03-05",
        "--tag",
        "sharing power",
        "--body",
        "The forum idea went to the board.",
    ]);
    j
}

#[test]
fn empty_states_and_confirmations_go_to_standard_error() {
    let j = Journal::new();
    for (args, said) in [
        (&["list"][..], "No reflections yet"),
        (&["bin"], "The bin is empty"),
        (&["growth"], "No tagged reflections"),
        (&["contacts", "list"], "No contacts yet"),
        (&["shared-log"], "Nothing shared or received yet"),
        (&["watch"], "No names on the watch list"),
    ] {
        let out = run(&j, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(
            stdout_of(&out),
            "",
            "{args:?} printed a message as a result"
        );
        assert!(
            stderr_of(&out).contains(said),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }

    // `add` prints its result, the id, and nothing else: `id=$(waymark add …)` works.
    let out = run(&j, &["add", "--title", "Forum", "--body", "words"]);
    let id = stdout_of(&out).trim().to_owned();
    assert_eq!(id.len(), 36, "{id}");
    let comments = run(&j, &["comments", &id]);
    assert_eq!(stdout_of(&comments), "");
    assert!(stderr_of(&comments).contains("No comments"));

    for (args, said) in [
        (
            vec!["edit", &id, "--title", "Forum again"],
            "saved as version 2",
        ),
        (
            vec!["edit", &id, "--title", "Forum again"],
            "nothing changed",
        ),
        (vec!["revert", &id, "1"], "now holds version 1 again"),
        (vec!["delete", &id], "moved to the bin"),
        (vec!["restore", &id], "restored from the bin"),
        (vec!["delete", &id], "moved to the bin"),
        (vec!["purge", &id], "removed for good"),
        (vec!["reindex"], "search index rebuilt"),
    ] {
        let out = run(&j, &args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert_eq!(
            stdout_of(&out),
            "",
            "{args:?} printed a message as a result"
        );
        assert!(
            stderr_of(&out).contains(said),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn nothing_matched_exits_1_and_an_error_exits_2() {
    let j = two();
    let found = run(&j, &["search", "forum"]);
    assert_eq!(found.status.code(), Some(0));
    assert!(stdout_of(&found).contains("2 reflections match"));

    let none = run(&j, &["search", "gardening"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr_of(&none));
    assert_eq!(stdout_of(&none), "");
    assert!(stderr_of(&none).contains("No reflections match."));
    let none = run(&j, &["search", "gardening", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    let empty: Value = serde_json::from_slice(&none.stdout).expect("JSON");
    assert_eq!(empty["total"], 0);
    assert_eq!(empty["hits"], serde_json::json!([]));

    let none = run(&j, &["framework", "find", "zzqx"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(stdout_of(&none), "");
    let none = run(&j, &["framework", "find", "zzqx", "--json"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<Value>(&none.stdout).expect("JSON"),
        serde_json::json!([])
    );
    assert_eq!(
        run(&j, &["framework", "find", "hosting"]).status.code(),
        Some(0)
    );

    // Errors, the engine's and clap's alike, are 2: never mistaken for "none found".
    for args in [
        &["search", "after:2026-13-01"][..],
        &["show", "not-an-id"],
        &["search", "--no-such-flag"],
    ] {
        let out = run(&j, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert_eq!(stdout_of(&out), "", "{args:?}");
    }
    let help = j.ok(&["--help"]);
    assert!(
        help.contains("1 nothing matched") && help.contains("NO_COLOR"),
        "{help}"
    );
}

#[test]
fn search_json_gives_the_total_the_hits_and_the_facets() {
    let j = two();
    let found = j.json(&["search", "forum", "--json", "--limit", "1"]);
    assert_eq!(found["total"], 2, "the total counts beyond the page");
    assert_eq!(found["offset"], 0);
    assert_eq!(found["hits"].as_array().map(Vec::len), Some(1));
    assert!(found["hits"][0]["snippet"].is_string());
    // Facets count every match, as the desktop's facet list does.
    assert_eq!(
        found["facets"]["behaviours"],
        serde_json::json!([{ "id": "trust", "label": "Trust", "count": 1 }])
    );
    let themes = found["facets"]["themes"].as_array().expect("theme facets");
    assert!(!themes.is_empty(), "{themes:?}");
    // Paging moves the hits, not the total or the facets.
    let next = j.json(&["search", "forum", "--json", "--limit", "1", "--offset", "1"]);
    assert_eq!(next["total"], 2);
    assert_eq!(next["facets"], found["facets"]);
    assert_ne!(next["hits"][0]["id"], found["hits"][0]["id"]);
}

#[test]
fn every_change_reports_what_it_did_as_one_json_object() {
    let j = Journal::new();
    let (added, said) = reported(&j, &["add", "--title", "Forum", "--body", "x", "--json"]);
    assert_eq!(said, "");
    assert_eq!(added["saved"], true);
    assert_eq!(added["version"], 1);
    let id = added["id"].as_str().expect("an id").to_owned();
    let short = added["short_id"].as_str().expect("a short id");
    assert!(
        j.ok(&["show", short]).contains(&id),
        "the short id names it"
    );

    let (edited, said) = reported(&j, &["edit", &id, "--title", "Forum, later", "--json"]);
    assert!(said.contains("saved as version 2"), "{said}");
    assert_eq!(
        edited,
        serde_json::json!({ "id": id, "short_id": added["short_id"], "changed": true, "version": 2 })
    );
    let (same, _) = reported(&j, &["edit", &id, "--title", "Forum, later", "--json"]);
    assert_eq!(same["changed"], false);
    assert_eq!(same["version"], 2);

    let (reverted, said) = reported(&j, &["revert", &id, "1", "--json"]);
    assert!(said.contains("now holds version 1 again"), "{said}");
    assert_eq!(reverted["brought_back"], 1);
    assert_eq!(reverted["version"], 3);

    let (comment, _) = reported(&j, &["comment", &id, "A note.", "--json"]);
    assert_eq!(comment["entry"], id.as_str());
    assert!(comment["id"].is_string());

    let (redacted, _) = reported(&j, &["redact", &id, "--current-only", "--json"]);
    assert_eq!(redacted["details"], 0);

    let files = TempDir::new().expect("temp dir");
    let out = files.path().join("out.json");
    let (exported, said) = reported(
        &j,
        &["export", "--format", "json", "--out", path(&out), "--json"],
    );
    assert!(said.contains("exported 1 reflection"), "{said}");
    assert_eq!(exported["exported"], 1);
    assert_eq!(exported["format"], "json");
    assert_eq!(exported["out"], path(&out));
    assert_eq!(exported["encrypted"], false);
    // The export itself is what `--out -` puts on standard output: no room for a report.
    let err = j.fails(&["export", "--format", "json", "--out", "-", "--json"], "");
    assert!(err.contains("leave out --json"), "{err}");

    let fresh = Journal::new();
    let (imported, said) = reported(&fresh, &["import", path(&out), "--json"]);
    assert!(said.contains("1 added"), "{said}");
    assert_eq!(imported["added"], 1);
    assert_eq!(imported["unchanged"], 0);
    assert_eq!(imported["kept_newer_local"], serde_json::json!([]));

    let (deleted, said) = reported(&j, &["delete", &id, "--json"]);
    assert!(said.contains("moved to the bin"), "{said}");
    assert_eq!(deleted["in_bin"], true);
    let (restored, _) = reported(&j, &["restore", &id, "--json"]);
    assert_eq!(restored["in_bin"], false);
    j.ok(&["delete", &id]);
    let (purged, _) = reported(&j, &["purge", &id, "--json"]);
    assert_eq!(purged["purged"], true);
    assert_eq!(purged["id"], id.as_str());
    let sample = Journal::new();
    let today = waymark_sample::test_today()
        .expect("a fixed today")
        .to_string();
    let (demo, said) = reported(
        &sample,
        &["demo", "--entries", "3", "--today", &today, "--json"],
    );
    assert!(said.contains("added 3 sample reflections"), "{said}");
    assert_eq!(
        demo,
        serde_json::json!({ "added": 3, "seed": 42, "label": "demo" })
    );
}

#[test]
fn share_and_receive_report_their_bundles_as_json() {
    let leader = Journal::new();
    let coach = Journal::new();
    let files = TempDir::new().expect("temp dir");
    let code = |j: &Journal, name: &str| {
        j.json(&["identity", "--name", name, "--json"])["code"]
            .as_str()
            .expect("a code")
            .to_owned()
    };
    let (leader_code, coach_code) = (code(&leader, "Lee Leader"), code(&coach, "Cath Coach"));
    let (contact, said) = reported(&leader, &["contacts", "add", &coach_code, "--json"]);
    assert!(said.contains("added Cath Coach"), "{said}");
    assert_eq!(contact["name"], "Cath Coach");
    assert!(contact["fingerprint"].is_string());
    coach.said(&["contacts", "add", &leader_code]);
    leader.add(&[
        "--title",
        "Hosting",
        "--tag",
        "hosting style",
        "--body",
        "x",
    ]);

    let bundle = files.path().join("for-cath.waymark");
    let (shared, said) = reported(
        &leader,
        &[
            "share",
            "--to",
            "Cath Coach",
            "--out",
            path(&bundle),
            "--json",
            "tag:hosting-style",
        ],
    );
    assert!(said.contains("shared 1 reflection"), "{said}");
    assert_eq!(shared["to"], "Cath Coach");
    assert_eq!(shared["entries"], 1);
    assert_eq!(shared["path"], path(&bundle));

    let (received, said) = reported(&coach, &["receive", path(&bundle), "--json"]);
    assert!(said.contains("1 reflections added"), "{said}");
    assert_eq!(received["from"], "Lee Leader");
    assert_eq!(received["entries_added"], 1);
    assert_eq!(received["already_received"], false);
    let (again, _) = reported(&coach, &["receive", path(&bundle), "--json"]);
    assert_eq!(again["already_received"], true);

    // The coach's comment, edited then withdrawn; then the contact goes, entries kept.
    let shared_id = coach.json(&["list", "--journal", "Lee Leader", "--json"])[0]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let (comment, _) = reported(&coach, &["comment", &shared_id, "First go.", "--json"]);
    let comment_id = comment["id"].as_str().expect("an id").to_owned();
    let (edited, said) = reported(
        &coach,
        &["edit-comment", &comment_id, "Second go.", "--json"],
    );
    assert!(said.contains("edited comment"), "{said}");
    assert_eq!(
        (&edited["id"], edited["revision"].as_u64()),
        (&comment["id"], Some(2))
    );
    let (withdrawn, _) = reported(&coach, &["withdraw-comment", &comment_id, "--json"]);
    assert!(withdrawn["withdrawn_at"].is_string(), "{withdrawn}");
    let (removed, _) = reported(&coach, &["contacts", "remove", "Lee Leader", "--json"]);
    assert_eq!(
        (&removed["name"], &removed["shared_kept"]),
        (&"Lee Leader".into(), &true.into())
    );
    let (deleted, _) = reported(
        &coach,
        &[
            "contacts",
            "remove",
            "Lee Leader",
            "--delete-shared",
            "--json",
        ],
    );
    assert_eq!(deleted["deleted_entries"], 1);
}

#[test]
fn backup_restore_and_move_report_where_things_went_as_json() {
    let j = two();
    let dirs = TempDir::new().expect("temp dir");
    let backups = dirs.path().join("backups");
    let (made, said) = reported(&j, &["backup", "--to", path(&backups), "--json"]);
    assert!(said.contains("backed up 2 reflections"), "{said}");
    assert_eq!(
        (made["entries"].as_u64(), &made["encrypted"]),
        (Some(2), &false.into())
    );
    let backup = made["path"].as_str().expect("a path").to_owned();
    assert!(std::path::Path::new(&backup).is_dir());

    let into = dirs.path().join("restored");
    let (restored, _) = reported(
        &j,
        &["restore-backup", &backup, "--into", path(&into), "--json"],
    );
    assert_eq!(restored["restored_into"], path(&into));
    assert_eq!(
        (&restored["in_use"], &restored["previous_kept_in"]),
        (&false.into(), &Value::Null)
    );

    let moved_to = dirs.path().join("moved");
    let (moved, _) = reported(&j, &["move", "--to", path(&moved_to), "--json"]);
    assert_eq!(moved["moved_to"], path(&moved_to));
    assert_eq!(moved["note_left_in"], path(j.dir.path()));
}

/// On a pseudo-terminal (util-linux `script`), and piped, colour and highlighting.
#[cfg(unix)]
mod on_a_terminal {
    use super::*;

    /// What reached the terminal for `waymark ARGS`, with `NO_COLOR` as given.
    fn on_terminal(j: &Journal, args: &[&str], no_color: Option<&str>) -> String {
        common::on_terminal(j, args, &[("PAGER", Some("cat")), ("NO_COLOR", no_color)]).1
    }

    const HIGHLIGHT: &str = "\u{1b}[1;33m";

    #[test]
    fn matches_are_highlighted_on_a_terminal_only_and_never_with_no_color() {
        let j = two();
        let shown = on_terminal(&j, &["search", "hosted"], None);
        assert!(
            shown.contains(&format!(
                "{HIGHLIGHT}hosted\u{1b}[0m the neighbourhood forum & let"
            )),
            "{shown:?}"
        );
        let plain = on_terminal(&j, &["search", "hosted"], Some("1"));
        assert!(!plain.contains('\u{1b}'), "NO_COLOR: {plain:?}");
        assert!(
            plain.contains("We hosted the neighbourhood forum & let"),
            "{plain:?}"
        );
        // Piped: the same words, no escapes.
        let piped = j.ok(&["search", "hosted"]);
        assert!(!piped.contains('\u{1b}'), "{piped:?}");
        assert!(
            piped.contains("We hosted the neighbourhood forum & let"),
            "{piped}"
        );
    }

    #[test]
    fn a_journals_own_escapes_never_reach_the_terminal_beside_the_highlights() {
        let j = Journal::new();
        j.add(&[
            "--title",
            "T",
            "--body",
            "forum \u{1b}]0;pwned\u{7} \u{1b}[2J here",
        ]);
        let shown = on_terminal(&j, &["search", "forum"], None);
        assert!(shown.contains(HIGHLIGHT), "{shown:?}");
        assert!(!shown.contains("\u{1b}]0;"), "{shown:?}");
        assert!(!shown.contains("\u{1b}[2J"), "{shown:?}");
    }
}

#[test]
fn search_dates_can_be_said_in_words() {
    let j = Journal::new();
    let recent = j.add(&["--title", "Recent", "--date", "yesterday", "--body", "x"]);
    j.add(&["--title", "Old", "--date", "2020-01-06", "--body", "x"]);
    // Days apart, so a run that crosses midnight finds the same.
    let found = j.hits(&["search", "after:\"10 days ago\"", "--json"]);
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found[0]["id"], serde_json::json!(recent));
    let found = j.hits(&["search", "before:\"3 days ago\"", "--json"]);
    assert_eq!(found[0]["title"], "Old", "{found}");
    let err = j.fails(&["search", "after:someday"], "");
    assert!(err.contains("\"last friday\""), "{err}");
}
