//! Writing and changing reflections through the `waymark` binary: in an editor (a fake
//! `$EDITOR` script), from standard input, and `edit`'s options that change one part.

mod common;

use common::Journal;
use serde_json::Value;

/// An executable script standing in for the leader's editor; `body` runs with the
/// file to edit as `$1`.
#[cfg(unix)]
fn fake_editor(dir: &std::path::Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("script written");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("made runnable");
    // Run through sh, as an EDITOR with arguments ("code --wait") is: a temporary
    // folder may not allow running files from it.
    format!("sh {}", path.to_str().expect("UTF-8 path"))
}

fn entry(j: &Journal, id: &str) -> Value {
    j.json(&["show", id, "--json"])
}

fn versions(j: &Journal, id: &str) -> usize {
    j.json(&["history", id, "--json"])
        .as_array()
        .map_or(0, Vec::len)
}

#[cfg(unix)]
#[test]
fn add_in_the_editor_saves_the_title_and_each_box_written() {
    let j = Journal::new();
    let seen = j.dir.path().join("seen.md");
    let editor = fake_editor(
        j.dir.path(),
        "editor.sh",
        &format!(
            "cp \"$1\" '{}'\nprintf 'Hosting the forum\\n\\nA note first.\\n\\n## What?\\nI let the room lead.\\n\\n## Now what?\\nAsk first.\\n' > \"$1\"",
            seen.display()
        ),
    );
    let out = j
        .cmd()
        .env_remove("VISUAL")
        .env("EDITOR", &editor)
        .args([
            "add",
            "--editor",
            "--template",
            "rolfe",
            "--tag",
            "hosting style",
        ])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(out).expect("UTF-8").trim().to_owned();
    // The editor was given each box under its heading, with its prompt.
    let given = std::fs::read_to_string(&seen).expect("the editor saw the file");
    assert!(given.contains("## What?\n<!-- What happened?"), "{given}");
    assert!(given.contains("## So what?"), "{given}");
    let e = entry(&j, &id);
    assert_eq!(e["title"], "Hosting the forum");
    assert_eq!(e["body"], "A note first.");
    assert_eq!(e["fields"]["what"], "I let the room lead.");
    assert_eq!(e["fields"]["now-what"], "Ask first.");
    assert!(e["fields"].get("so-what").is_none());
    assert_eq!(e["tags"][0], "hosting-style");
}

#[cfg(unix)]
#[test]
fn closing_the_editor_without_saving_writes_nothing_and_says_so() {
    let j = Journal::new();
    let unchanged = fake_editor(j.dir.path(), "quit.sh", "exit 0");
    let emptied = fake_editor(j.dir.path(), "empty.sh", ": > \"$1\"");
    for editor in [&unchanged, &emptied] {
        let out = j
            .cmd()
            .env("VISUAL", editor)
            .args(["add", "--editor", "--title", "Kept in mind"])
            .write_stdin("")
            .assert()
            .success()
            .get_output()
            .clone();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("Nothing saved"), "{said}");
    }
    assert_eq!(j.entry_count(), 0);

    let id = j.add(&["--title", "Hosting", "--body", "The forum."]);
    let said = j
        .cmd()
        .env("VISUAL", &unchanged)
        .args(["edit", &id, "--editor"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&said).contains("nothing changed"));
    assert_eq!(versions(&j, &id), 1);
}

#[cfg(unix)]
#[test]
fn edit_in_the_editor_starts_from_the_current_text() {
    let j = Journal::new();
    let id = j.add(&["--title", "Hosting", "--field", "what=The forum."]);
    // Rewrites the box in place, keeping everything else the editor was given.
    let editor = fake_editor(
        j.dir.path(),
        "edit.sh",
        "sed 's/^The forum\\.$/The neighbourhood forum./' \"$1\" > \"$1.new\" && mv \"$1.new\" \"$1\"",
    );
    let said = j
        .cmd()
        .env("EDITOR", &editor)
        .env_remove("VISUAL")
        .args(["edit", &id, "--editor"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&said).contains("saved as version 2"));
    let e = entry(&j, &id);
    assert_eq!(e["title"], "Hosting");
    assert_eq!(e["fields"]["what"], "The neighbourhood forum.");
}

#[test]
fn add_reads_the_body_from_standard_input_with_body_dash() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args(["add", "--title", "From a pipe", "--body", "-"])
        .write_stdin("Written elsewhere.\n\nTwo paragraphs.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(out).expect("UTF-8").trim().to_owned();
    assert_eq!(
        entry(&j, &id)["body"],
        "Written elsewhere.\n\nTwo paragraphs.\n"
    );
}

#[test]
fn an_edit_that_changes_nothing_says_so_and_saves_no_version() {
    let j = Journal::new();
    let id = j.add(&["--title", "Hosting", "--body", "The forum."]);
    let said = j.said(&["edit", &id, "--title", "Hosting"]);
    assert!(said.contains("nothing changed"), "{said}");
    assert!(said.contains("no new version was saved"), "{said}");
    let said = j.said(&["edit", &id]);
    assert!(
        said.contains("nothing changed: give what to change"),
        "{said}"
    );
    assert_eq!(versions(&j, &id), 1);
    let said = j.said(&["edit", &id, "--title", "Hosting well"]);
    assert!(said.contains("saved as version 2"), "{said}");
}

#[test]
fn tags_and_labels_are_added_and_removed_one_at_a_time() {
    let j = Journal::new();
    let id = j.add(&[
        "--title",
        "Hosting",
        "--body",
        "x",
        "--tag",
        "hosting-style",
        "--label",
        "Board",
    ]);
    j.ok(&["edit", &id, "--add-tag", "courage", "--add-label", "Team"]);
    let e = entry(&j, &id);
    assert_eq!(
        e["tags"],
        serde_json::json!(["hosting-style", "resilience-courage-and-bravery"])
    );
    assert_eq!(e["labels"], serde_json::json!(["Board", "Team"]));
    j.ok(&[
        "edit",
        &id,
        "--remove-tag",
        "hosting style",
        "--remove-label",
        "board",
    ]);
    let e = entry(&j, &id);
    assert_eq!(
        e["tags"],
        serde_json::json!(["resilience-courage-and-bravery"])
    );
    assert_eq!(e["labels"], serde_json::json!(["Team"]));
    let err = j.fails(&["edit", &id, "--remove-tag", "hosting-style"], "");
    assert!(
        err.contains("is not one of this reflection's tags (Courage)"),
        "{err}"
    );
    let err = j.fails(&["edit", &id, "--remove-label", "Board"], "");
    assert!(
        err.contains("is not one of this reflection's labels (Team)"),
        "{err}"
    );
    assert_eq!(versions(&j, &id), 3);
}

#[test]
fn changing_the_template_names_the_boxes_and_carries_or_drops_them_as_asked() {
    let j = Journal::new();
    let id = j.add(&[
        "--title",
        "Hosting",
        "--field",
        "what=The forum.",
        "--field",
        "so-what=Power shared.",
    ]);
    let err = j.fails(&["edit", &id, "--template", "gibbs"], "");
    assert!(
        err.contains("no place for this reflection's boxes What?, So what?"),
        "{err}"
    );
    assert!(
        err.contains("--boxes-to-body") && err.contains("--drop-boxes"),
        "{err}"
    );
    assert_eq!(versions(&j, &id), 1);

    j.ok(&["edit", &id, "--template", "free", "--boxes-to-body"]);
    let e = entry(&j, &id);
    assert_eq!(e["template"], "free");
    assert_eq!(
        e["body"],
        "## What?\nThe forum.\n\n## So what?\nPower shared."
    );
    assert_eq!(e["fields"], serde_json::json!({}));

    let other = j.add(&["--title", "Other", "--field", "what=Gone soon."]);
    j.ok(&[
        "edit",
        &other,
        "--template",
        "gibbs",
        "--drop-boxes",
        "--field",
        "feelings=Calm.",
    ]);
    let e = entry(&j, &other);
    assert_eq!(e["fields"], serde_json::json!({"feelings": "Calm."}));
    // The dropped box is still in the history.
    let old = j.json(&["history", &other, "--json"]);
    assert_eq!(old[1]["draft"]["fields"]["what"], "Gone soon.");
}

#[cfg(unix)]
#[test]
fn writing_the_journal_refuses_is_kept_as_a_draft_not_lost() {
    let j = Journal::new();
    // A title far over the limit: the save is refused after the editor closed.
    let editor = fake_editor(
        j.dir.path(),
        "long.sh",
        &format!(
            "printf '{}\\n\\nWords I do not want to lose.\\n' > \"$1\"",
            "T".repeat(5_000)
        ),
    );
    let out = j
        .cmd()
        .env_remove("VISUAL")
        .env("EDITOR", &editor)
        .args(["add", "--editor"])
        .write_stdin("")
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let said = String::from_utf8_lossy(&out).into_owned();
    assert!(
        said.contains("kept as an unsaved draft in the journal"),
        "{said}"
    );
    assert_eq!(j.entry_count(), 0, "nothing half-saved");
    let journal = waymark_journal::Journal::open(j.dir.path()).expect("the journal opens");
    let kept = journal
        .draft(None)
        .expect("drafts read")
        .expect("the writing is kept");
    assert_eq!(kept.draft.body, "Words I do not want to lose.");
}

#[test]
fn an_nmc_account_is_written_with_the_codes_themes_and_found_by_them() {
    let j = Journal::new();
    let listed = j.ok(&["template"]);
    for name in ["rolfe", "gibbs", "nmc", "what-why-how", "what-next", "free"] {
        assert!(listed.contains(name), "{listed}");
    }
    let shown = j.ok(&["template", "show", "nmc"]);
    let questions = [
        "What was the nature of the CPD activity",
        "What did you learn from it?",
        "How did you change or improve your practice as a result?",
        "How is this relevant to the Code?",
        "Promote professionalism and trust",
    ];
    let at: Vec<usize> = questions
        .iter()
        .map(|q| shown.find(q).unwrap_or_else(|| panic!("{q} in {shown}")))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "in the form's order: {shown}"
    );

    // --code alone chooses the NMC account.
    let id = j.add(&[
        "--title",
        "Medicines round",
        "--field",
        "learning=Interruptions cause omissions.",
        "--field",
        "relevance=Safe administration.",
        "--code",
        "safety",
        "--code",
        "Prioritise people",
    ]);
    let e = entry(&j, &id);
    assert_eq!(e["template"], "nmc");
    assert_eq!(
        e["code"],
        serde_json::json!(["preserve-safety", "prioritise-people"])
    );
    let text = j.ok(&["show", &id]);
    assert!(
        text.contains("## How is this relevant to the Code?\n**The Code:** Preserve safety; Prioritise people\n\nSafe administration."),
        "{text}"
    );
    let found = j.hits(&["search", "code:safety", "--json"]);
    assert_eq!(found[0]["id"], serde_json::json!(id), "{found}");
    assert_eq!(
        j.hits(&["search", "code:trust", "--json"]),
        serde_json::json!([])
    );

    let err = j.fails(&["edit", &id, "--code", "kindness"], "");
    assert!(
        err.contains("'kindness' is not one of the NMC Code's themes"),
        "{err}"
    );
    let err = j.fails(
        &[
            "add",
            "--title",
            "Huddle",
            "--template",
            "rolfe",
            "--code",
            "trust",
        ],
        "",
    );
    assert!(err.contains("choose the nmc template"), "{err}");

    // Another template has no place for the themes: they go into the body with their box.
    j.ok(&["edit", &id, "--template", "what-why-how", "--boxes-to-body"]);
    let e = entry(&j, &id);
    assert_eq!(e["code"], serde_json::json!([]));
    assert!(
        e["body"]
            .as_str()
            .is_some_and(|b| b.contains("**The Code:** Preserve safety; Prioritise people")),
        "{e}"
    );
    assert_eq!(versions(&j, &id), 2);
}

#[cfg(unix)]
#[test]
fn at_a_terminal_add_opens_the_editor_without_being_asked() {
    let j = Journal::new();
    let editor = fake_editor(
        j.dir.path(),
        "terminal-editor.sh",
        "printf 'Written at a terminal\\n\\n## What?\\nThe editor opened by itself.\\n' > \"$1\"",
    );
    // No --editor and no body: on a terminal (as `git commit` does) the editor opens.
    let (status, shown) = common::on_terminal(
        &j,
        &["add", "--template", "rolfe"],
        &[("EDITOR", Some(editor.as_str())), ("VISUAL", None)],
    );
    assert!(status.success(), "{shown}");
    let found = j.json(&["search", "opened by itself", "--json"]);
    assert_eq!(found["total"], 1, "{found} after {shown}");
    assert_eq!(found["hits"][0]["title"], "Written at a terminal");
}
