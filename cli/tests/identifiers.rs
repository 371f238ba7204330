//! The check for details that may identify someone, through the binary: `waymark check`
//! lists them (text and JSON), `--fine` marks one as fine, `watch` keeps the names to
//! look for; `share` and `export` refuse while details would leave, and send a
//! redacted copy with `--redact` while the journal keeps its text.

mod common;

use common::Journal;
use tempfile::TempDir;

/// A valid NHS number (its modulus-11 check digit is right), a postcode and a name.
const RISKY: &str = "Saw Mrs Okafor (NHS 943 476 5919) at home in LS1 4AP about her care plan.";

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8")
}

#[test]
fn check_lists_findings_and_fine_ones_stay_quiet() {
    let j = Journal::new();
    let id = j.add(&["--title", "Home visit", "--body", RISKY]);
    j.add(&[
        "--title",
        "Board",
        "--body",
        "Budget meeting on 12/03/2026, room 101.",
    ]);
    let found = j.json(&["check", "--json"]);
    let kinds: Vec<&str> = found
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["titled-name", "nhs-number", "postcode"], "{found}");
    assert_eq!(found[1]["entry"].as_str(), Some(id.as_str()));
    assert_eq!(found[1]["field"], "body");
    assert_eq!(found[1]["text"], "943 476 5919");
    let (start, end) = (found[1]["start"].as_u64(), found[1]["end"].as_u64());
    assert_eq!(
        RISKY
            .chars()
            .skip(start.expect("start") as usize)
            .take((end.expect("end") - start.expect("start")) as usize)
            .collect::<String>(),
        "943 476 5919",
        "the span is in characters of the field"
    );
    let text = j.ok(&["check"]);
    assert!(
        text.contains("Home visit") && text.contains("nhs-number \"943 476 5919\""),
        "{text}"
    );

    j.ok(&["check", "--fine", "postcode=LS1 4AP"]);
    let found = j.json(&["check", "--json"]);
    assert_eq!(
        found.as_array().map(Vec::len),
        Some(2),
        "the postcode is fine now: {found}"
    );
    let said = j.fails(&["check", "--fine", "colour=red"], "");
    assert!(said.contains("'colour' is not a kind of detail"), "{said}");

    // A watched name is found wherever it is written.
    j.add(&[
        "--title",
        "Supervision",
        "--body",
        "Talked with aisha about the rota.",
    ]);
    j.ok(&["watch", "--add", "Aisha"]);
    assert_eq!(j.json(&["watch", "--json"]), serde_json::json!(["Aisha"]));
    let found = j.json(&["check", "--json", "supervision"]);
    assert_eq!(found[0]["kind"], "watched-name", "{found}");
    j.ok(&["watch", "--remove", "aisha"]);
    assert_eq!(
        j.json(&["check", "--json", "supervision"]),
        serde_json::json!([])
    );
}

#[test]
fn share_and_export_refuse_until_told_and_redact_only_the_copy() {
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
    let id = leader.add(&["--title", "Home visit", "--body", RISKY]);

    let bundle = files.path().join("coach.waymark");
    let said = leader.fails(
        &[
            "share",
            "--to",
            "Cath Coach",
            "--out",
            path(&bundle),
            "--id",
            &id,
        ],
        "",
    );
    assert!(
        said.contains("3 details that may identify someone would leave in this share"),
        "{said}"
    );
    assert!(
        said.contains("--redact") && said.contains("nhs-number"),
        "{said}"
    );
    assert!(!bundle.exists(), "nothing was written");

    leader.ok(&[
        "share",
        "--to",
        "Cath Coach",
        "--out",
        path(&bundle),
        "--id",
        &id,
        "--redact",
    ]);
    coach.ok(&["receive", path(&bundle)]);
    // The coach's copy holds the words saying what was removed, not the details.
    let hits = |q: &str| coach.hits(&["search", "--json", "--journal", "Lee Leader", q]);
    assert_eq!(
        hits("okafor").as_array().map(Vec::len),
        Some(0),
        "{}",
        hits("okafor")
    );
    assert_eq!(hits("5919").as_array().map(Vec::len), Some(0));
    assert_eq!(
        hits("removed").as_array().map(Vec::len),
        Some(1),
        "{}",
        hits("removed")
    );
    let exported = files.path().join("out.json");
    let said = leader.fails(
        &["export", "--format", "json", "--out", path(&exported)],
        "",
    );
    assert!(said.contains("would leave in this export"), "{said}");
    assert!(!exported.exists());
    leader.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        path(&exported),
        "--redact",
    ]);
    let text = std::fs::read_to_string(&exported).expect("written");
    assert!(
        !text.contains("943 476 5919") && !text.contains("Okafor") && !text.contains("LS1 4AP"),
        "{text}"
    );
    assert!(text.contains("[NHS number removed]"), "{text}");
    assert!(
        leader.ok(&["show", &id]).contains("943 476 5919"),
        "the journal keeps its text"
    );
    leader.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        path(&exported),
        "--allow-identifiers",
    ]);
    assert!(
        std::fs::read_to_string(&exported)
            .expect("written")
            .contains("943 476 5919")
    );
}

#[test]
fn markdown_exports_can_be_redacted_file_names_included() {
    let j = Journal::new();
    j.add(&["--title", "Visit to Mrs Okafor", "--body", RISKY]);
    let dir = TempDir::new().expect("temp dir");
    let out = dir.path().join("notes");
    let said = j.fails(&["export", "--format", "markdown", "--out", path(&out)], "");
    assert!(said.contains("would leave in this export"), "{said}");
    j.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        path(&out),
        "--redact",
    ]);
    let files: Vec<_> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|f| f.expect("a file").path())
        .collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().and_then(|n| n.to_str()).unwrap_or("");
    assert!(
        !name.to_lowercase().contains("okafor") && name.contains("name-removed"),
        "the file's name comes from the redacted title: {name}"
    );
    let text = std::fs::read_to_string(&files[0]).expect("written");
    assert!(
        !text.contains("Okafor") && !text.contains("943 476 5919") && !text.contains("LS1 4AP"),
        "{text}"
    );
    assert!(text.contains("[postcode removed]"), "{text}");
}

#[test]
fn redact_takes_details_out_of_the_journal_and_asks_about_earlier_versions() {
    let j = Journal::new();
    let id = j.add(&["--title", "Home visit", "--body", RISKY]);
    j.ok(&["edit", &id, "--body", &format!("{RISKY} Followed up.")]);

    // No one at a terminal to answer the question: a flag must say which.
    let said = j.fails(&["redact", &id], "");
    assert!(
        said.contains("the history of this reflection keeps 2 versions holding these details")
            && said.contains("--every-version")
            && said.contains("--current-only"),
        "{said}"
    );
    assert!(
        j.ok(&["show", &id]).contains("943 476 5919"),
        "nothing changed"
    );

    let said = j.said(&["redact", &id, "--current-only"]);
    assert!(
        said.contains("Replaced 3 details (saved as version 3)")
            && said.contains("Copies already shared"),
        "{said}"
    );
    let shown = j.ok(&["show", &id]);
    assert!(
        !shown.contains("943 476 5919") && shown.contains("[NHS number removed]"),
        "{shown}"
    );
    let history = j.json(&["history", &id, "--json"]);
    assert!(
        history.to_string().contains("943 476 5919"),
        "earlier versions keep it with --current-only"
    );
    assert_eq!(j.json(&["check", "--json"]), serde_json::json!([]));

    let said = j.said(&["redact", &id, "--every-version"]);
    assert!(
        said.contains("Rewrote 2 versions of its history without them"),
        "{said}"
    );
    let history = j.json(&["history", &id, "--json"]);
    assert!(
        !history.to_string().contains("943 476 5919") && !history.to_string().contains("Okafor"),
        "{history}"
    );
    assert_eq!(
        j.hits(&["search", "--json", "okafor"])
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let out = j.cmd().args(["redact", &id]).assert().success();
    let said = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        said.contains("No details that may identify someone"),
        "{said}"
    );
}
