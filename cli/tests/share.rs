//! A leader and a coach share reflections and comments through the `waymark` binary.

mod common;

use common::Journal;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

#[test]
fn leader_and_coach_round_trip_through_the_binary() {
    let leader = Journal::new();
    let coach = Journal::new();
    let files = TempDir::new().expect("temp dir");

    let me = leader.json(&["identity", "--name", "Lee Leader", "--json"]);
    let code = me["code"].as_str().expect("code").to_owned();
    assert!(code.starts_with("waymark1:"));
    assert_eq!(me["fingerprint"].as_str().map(str::len), Some(24));
    let them = coach.json(&["identity", "--name", "Cath Coach", "--json"]);
    let coach_code = them["code"].as_str().expect("code").to_owned();

    leader.ok(&["contacts", "add", &coach_code]);
    coach.ok(&["contacts", "add", &code]);
    let listed = coach.json(&["contacts", "list", "--json"]);
    assert_eq!(listed[0]["name"], "Lee Leader");
    assert_eq!(listed[0]["fingerprint"], me["fingerprint"]);
    assert!(
        coach
            .fails(&["contacts", "add", &code], "")
            .contains("already")
    );
    assert!(
        coach
            .fails(&["contacts", "add", "waymark1:???"], "")
            .contains("share code")
    );

    let id = leader
        .ok(&[
            "add",
            "--title",
            "Hosting the neighbourhood forum",
            "--date",
            "2026-03-04",
            "--field",
            "what=I let the room set the agenda.",
            "--field",
            "so-what=Sharing power made people speak.",
            "--tag",
            "hosting-style",
        ])
        .trim()
        .to_owned();

    let bundle = files.path().join("for-cath.waymark");
    let out = leader.said(&[
        "share",
        "--to",
        "Cath Coach",
        "--out",
        path(&bundle),
        "--fields",
        "so-what",
        "tag:hosting-style",
    ]);
    assert!(out.contains("shared 1 reflection"), "{out}");
    let out = coach.said(&["receive", path(&bundle)]);
    assert!(out.contains("1 reflections added"), "{out}");
    // The same file again (a watched folder sees it twice): exit 0, nothing new.
    let again = coach.said(&["receive", path(&bundle)]);
    assert!(again.contains("already received, nothing new"), "{again}");

    // The coach searches the coachee's shared entries: only the shared field is there.
    let hits = coach.hits(&["search", "--json", "--journal", "Lee Leader", "sharing"]);
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    let hidden = coach.hits(&["search", "--json", "--all-journals", "agenda"]);
    assert_eq!(
        hidden.as_array().map(Vec::len),
        Some(0),
        "the 'what' field stayed home"
    );
    let all = coach.hits(&["search", "--json", "--all-journals", "sharing"]);
    assert_eq!(all[0]["journal"], "Lee Leader");

    coach.ok(&[
        "comment",
        &id[..13],
        "What did the quiet ones say?",
        "--on",
        "so-what",
    ]);
    let feedback = files.path().join("for-lee.waymark");
    coach.ok(&["feedback", "--to", "Lee Leader", "--out", path(&feedback)]);
    leader.ok(&["receive", path(&feedback)]);
    let comments = leader.json(&["comments", &id, "--json"]);
    assert_eq!(comments[0]["author"], "Cath Coach");
    assert_eq!(comments[0]["text"], "What did the quiet ones say?");
    assert!(comments[0]["at"].is_string());
    let coach_comment = comments[0]["id"].as_str().expect("id").to_owned();

    leader.ok(&[
        "comment",
        &id,
        "They said it felt like their meeting.",
        "--reply-to",
        &coach_comment,
    ]);
    let again = files.path().join("again.waymark");
    leader.ok(&[
        "share",
        "--to",
        "Cath Coach",
        "--out",
        path(&again),
        "--id",
        &id,
    ]);
    let out = coach.said(&["receive", path(&again)]);
    assert!(out.contains("0 reflections added, 1 updated"), "{out}");
    let thread = coach.json(&["comments", &id, "--json"]);
    assert_eq!(thread.as_array().map(Vec::len), Some(2));
    assert_eq!(thread[1]["author"], "Lee Leader");
    assert_eq!(
        coach
            .hits(&["search", "--json", "--journal", "Lee Leader", "agenda"])
            .as_array()
            .map(Vec::len),
        Some(1),
        "the whole entry arrived the second time, in place"
    );
    assert_eq!(
        coach.json(&["list", "--json"]).as_array().map(Vec::len),
        Some(0)
    );

    let log = leader.json(&["shared-log", "--json"]);
    assert_eq!(log.as_array().map(Vec::len), Some(3));
    assert!(
        leader
            .ok(&["shared-log"])
            .contains("sent entries to Cath Coach")
    );
    leader.ok(&["contacts", "remove", "Cath Coach"]);
    assert_eq!(
        leader.json(&["contacts", "list", "--json"]),
        Value::Array(vec![])
    );
}

#[test]
fn comments_are_edited_and_withdrawn_and_a_shared_reflection_taken_back() {
    let leader = Journal::new();
    let coach = Journal::new();
    let files = TempDir::new().expect("temp dir");
    let code = leader.json(&["identity", "--name", "Lee Leader", "--json"])["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let coach_code = coach.json(&["identity", "--name", "Cath Coach", "--json"])["code"]
        .as_str()
        .expect("code")
        .to_owned();
    leader.ok(&["contacts", "add", &coach_code]);
    coach.ok(&["contacts", "add", &code]);
    let add = |title: &str| {
        leader
            .ok(&[
                "add",
                "--title",
                title,
                "--date",
                "2026-03-04",
                "--body",
                "Notes.",
            ])
            .trim()
            .to_owned()
    };
    let (forum, board) = (add("Forum"), add("Board"));
    let file = |name: &str| path(&files.path().join(name)).to_owned();
    leader.ok(&[
        "share",
        "--to",
        "Cath Coach",
        "--out",
        &file("s1.waymark"),
        "--id",
        &forum,
        "--id",
        &board,
    ]);
    coach.ok(&["receive", &file("s1.waymark")]);
    let id = coach
        .ok(&["comment", &forum, "First thoughts"])
        .trim()
        .to_owned();

    let out = coach.said(&["edit-comment", &id, "Better thoughts"]);
    assert!(out.contains("revision 2"), "{out}");
    coach.ok(&[
        "feedback",
        "--to",
        "Lee Leader",
        "--out",
        &file("f1.waymark"),
    ]);
    let out = leader.said(&["receive", &file("f1.waymark")]);
    assert!(out.contains("1 comments added"), "{out}");
    let text = leader.ok(&["comments", &forum]);
    assert!(
        text.contains("(edited ") && text.contains("Better thoughts"),
        "{text}"
    );

    // Only the author may change it; a typo in the id says what an id looks like.
    let err = leader.fails(&["edit-comment", &id, "Mine now"], "");
    assert!(err.contains("only its author"), "{err}");
    let err = coach.fails(&["withdraw-comment", "abc"], "");
    assert!(err.contains("is not a comment id"), "{err}");

    coach.ok(&["withdraw-comment", &id]);
    coach.ok(&[
        "feedback",
        "--to",
        "Lee Leader",
        "--out",
        &file("f2.waymark"),
    ]);
    let out = leader.said(&["receive", &file("f2.waymark")]);
    assert!(out.contains("1 changed by their authors"), "{out}");
    let shown = leader.json(&["comments", &forum, "--json"]);
    assert_eq!(shown[0]["text"], "");
    assert!(shown[0]["withdrawn_at"].is_string());
    assert!(
        leader
            .ok(&["comments", &forum])
            .contains("(withdrawn by Cath Coach on ")
    );

    // The leader takes the forum back.
    let out = leader.said(&[
        "unshare",
        &forum,
        "--from",
        "Cath Coach",
        "--out",
        &file("w.waymark"),
    ]);
    assert!(out.contains("cannot be taken back"), "{out}");
    let out = coach.said(&["receive", &file("w.waymark")]);
    assert!(out.contains("Lee Leader withdrew 1 reflection:"), "{out}");
    let left = coach.hits(&["search", "--json", "--journal", "Lee Leader", "Forum"]);
    assert_eq!(left.as_array().map(Vec::len), Some(0));
    assert!(leader.ok(&["shared-log"]).contains(", 1 withdrawn"));
    let err = leader.fails(
        &[
            "unshare",
            &add("Never shared"),
            "--from",
            "Cath Coach",
            "--out",
            &file("x.waymark"),
        ],
        "",
    );
    assert!(err.contains("never shared with Cath Coach"), "{err}");
}

#[test]
fn a_coach_reads_shared_reflections_and_keeps_them_after_removing_the_contact() {
    let leader = Journal::new();
    let coach = Journal::new();
    let files = TempDir::new().expect("temp dir");
    let code = leader.json(&["identity", "--name", "Lee Leader", "--json"])["code"]
        .as_str()
        .expect("code")
        .to_owned();
    let coach_code = coach.json(&["identity", "--name", "Cath Coach", "--json"])["code"]
        .as_str()
        .expect("code")
        .to_owned();
    leader.ok(&["contacts", "add", &coach_code]);
    coach.ok(&["contacts", "add", &code]);
    let id = leader.add(&[
        "--title",
        "Hosting the forum",
        "--date",
        "2026-03-04",
        "--body",
        "I let the platypus room lead.",
    ]);
    let bundle = files.path().join("for-cath.waymark");
    leader.ok(&[
        "share",
        "--to",
        "Cath Coach",
        "--out",
        path(&bundle),
        "--id",
        &id,
    ]);
    coach.ok(&["receive", path(&bundle)]);

    // The coach lists and reads it in full, by whole id and by the short id shown.
    let listed = coach.ok(&["list", "--journal", "Lee Leader"]);
    assert!(listed.contains("Hosting the forum"), "{listed}");
    let short = listed
        .split_whitespace()
        .next()
        .expect("a short id")
        .to_owned();
    let unseen = || {
        let journal = waymark_journal::Journal::open(coach.dir.path()).expect("opens");
        journal.coachee_summaries().expect("summaries")[0].unseen
    };
    assert_eq!(unseen(), 1, "a shared reflection is new until read");
    let shown = coach.ok(&["show", &id]);
    assert!(shown.contains("shared by Lee Leader"), "{shown}");
    assert_eq!(unseen(), 0, "shown at the terminal, it is no longer new");
    assert!(shown.contains("I let the platypus room lead."), "{shown}");
    assert!(coach.ok(&["show", &short]).contains("Hosting the forum"));
    let named = coach.ok(&["show", &short, "--journal", "Lee Leader"]);
    assert!(named.contains("Hosting the forum"), "{named}");
    assert!(
        coach.ok(&["list"]).trim().is_empty(),
        "the coach's own journal is empty"
    );

    // Removed from contacts, what they shared stays reachable until deleted.
    let removed = coach.said(&["contacts", "remove", "Lee Leader"]);
    assert!(removed.contains("--delete-shared"), "{removed}");
    let listed = coach.ok(&["contacts", "list"]);
    assert!(
        listed.contains("Lee Leader  (removed; what they shared is kept"),
        "{listed}"
    );
    assert!(
        coach
            .ok(&["list", "--journal", "lee leader"])
            .contains("Hosting the forum")
    );
    assert!(coach.ok(&["show", &short]).contains("shared by Lee Leader"));
    let hits = coach.hits(&["search", "--json", "--journal", "Lee Leader", "platypus"]);
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    let all = coach.hits(&["search", "--json", "--all-journals", "platypus"]);
    assert_eq!(all[0]["journal"], "Lee Leader");
    coach.ok(&["comment", &short, "Still reading this."]);
    assert!(
        coach
            .ok(&["comments", &short])
            .contains("Still reading this.")
    );

    let deleted = coach.said(&["contacts", "remove", "Lee Leader", "--delete-shared"]);
    assert!(
        deleted.contains("deleted the 1 reflection Lee Leader shared"),
        "{deleted}"
    );
    assert!(
        coach
            .fails(&["list", "--journal", "Lee Leader"], "")
            .contains("no contact called 'Lee Leader'")
    );
    assert!(coach.fails(&["show", &id], "").contains("no entry"));
}
