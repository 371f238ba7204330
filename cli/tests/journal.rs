//! The `waymark` journal commands run as a real binary on a temporary journal.

mod common;

use common::Journal;
use serde_json::Value;
use waymark_sample::test_today;

#[test]
fn a_rolfe_reflection_is_saved_shown_listed_and_found() {
    let j = Journal::new();
    let id = j.add(&[
        "--title",
        "Hosting the neighbourhood forum",
        "--date",
        "2026-03-04",
        "--tag",
        "hosting style",
        "--label",
        "community",
        "--field",
        "what=I let the room set the agenda and delegated the chairing",
        "--field",
        "now-what=Delegate the next one too",
    ]);
    assert_eq!(id.len(), 36, "prints the new id: {id}");

    let shown = j.json(&["show", &id, "--json"]);
    assert_eq!(shown["title"], "Hosting the neighbourhood forum");
    assert_eq!(shown["date"], "2026-03-04");
    assert_eq!(shown["template"], "rolfe");
    assert_eq!(shown["tags"], serde_json::json!(["hosting-style"]));
    assert_eq!(shown["fields"]["now-what"], "Delegate the next one too");

    let text = j.ok(&["show", &id[..8]]);
    assert!(
        text.contains("## Now what?\nDelegate the next one too"),
        "{text}"
    );
    assert!(j.ok(&["list"]).contains("Hosting the neighbourhood forum"));

    // Found by a stemmed word, by tag alias and by the tag's theme.
    for query in [
        "delegating",
        "tag:hosting",
        "tag:\"hosting style\"",
        "theme:leading-and-visioning",
        "field:now-what delegate",
    ] {
        let hits = j.hits(&["search", query, "--json"]);
        assert_eq!(hits[0]["id"], id.as_str(), "query {query}");
        assert_eq!(hits[0]["tags"], serde_json::json!(["hosting-style"]));
        assert_eq!(hits[0]["title"], "Hosting the neighbourhood forum");
        assert_eq!(hits[0]["date"], "2026-03-04");
        assert!(
            hits[0]["snippet"]
                .as_str()
                .is_some_and(|s| s.contains("agenda")),
            "{}",
            hits[0]
        );
    }
    assert_eq!(
        j.hits(&["search", "gardening", "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn body_comes_from_stdin_when_not_given() {
    let j = Journal::new();
    let out = j
        .cmd()
        .args(["add", "--title", "Board meeting"])
        .write_stdin("I spoke up about *power*.\n")
        .assert()
        .success();
    let id = String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .trim()
        .to_owned();
    assert_eq!(
        j.json(&["show", &id, "--json"])["body"],
        "I spoke up about *power*.\n"
    );
}

#[test]
fn edits_keep_history_and_an_earlier_version_can_be_brought_back() {
    let j = Journal::new();
    let id = j.add(&["--title", "First title", "--body", "first words"]);
    j.ok(&["edit", &id, "--title", "Second title", "--star"]);
    let history = j.json(&["history", &id, "--json"]);
    let titles: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["draft"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Second title", "First title"]);
    assert_eq!(j.json(&["show", &id, "--json"])["starred"], true);

    j.ok(&["revert", &id, "1"]);
    let shown = j.json(&["show", &id, "--json"]);
    assert_eq!(shown["title"], "First title");
    assert_eq!(
        shown["revision"], 3,
        "reverting saves a new version; nothing is lost"
    );
}

#[test]
fn history_and_diff_show_the_words_each_version_added_and_removed() {
    let j = Journal::new();
    let id = j.add(&[
        "--title",
        "Board meeting",
        "--body",
        "I spoke first and often.",
    ]);
    j.ok(&[
        "edit",
        &id,
        "--body",
        "I listened first.",
        "--tag",
        "sharing power",
    ]);

    let diff = j.ok(&["diff", &id, "2"]);
    assert!(diff.contains("from version 1 to version 2"), "{diff}");
    assert!(diff.contains("{+listened+}"), "{diff}");
    assert!(
        diff.contains("[-spoke-]") || diff.contains("[-spoke"),
        "{diff}"
    );
    assert!(diff.contains("tags: {+"), "{diff}");
    assert!(
        !diff.contains("title:"),
        "an unchanged title is listed: {diff}"
    );

    // Backwards, from 2 to 1, the same words swap sides.
    let back = j.ok(&["diff", &id, "2", "1"]);
    assert!(
        back.contains("[-listened") && back.contains("tags: [-"),
        "{back}"
    );

    let history = j.ok(&["history", &id, "--changes"]);
    assert!(history.contains("{+listened+}"), "{history}");
    assert!(history.contains("version 1"), "{history}");

    let json = j.json(&["diff", &id, "2", "--json"]);
    assert_eq!(json["from"], 1);
    assert_eq!(json["fields"][0]["key"], "body");

    let err = j.fails(&["diff", &id, "7"], "");
    assert!(err.contains("has no version 7"), "{err}");
}

#[test]
fn delete_moves_to_the_bin_restore_brings_back_purge_removes_for_good() {
    let j = Journal::new();
    let id = j.add(&[
        "--title",
        "A difficult conversation",
        "--body",
        "about trust",
    ]);
    j.ok(&["delete", &id]);
    assert_eq!(j.entry_count(), 0);
    assert!(j.ok(&["bin"]).contains("A difficult conversation"));
    assert_eq!(
        j.hits(&["search", "conversation", "--json"]),
        serde_json::json!([])
    );

    j.ok(&["restore", &id]);
    assert_eq!(j.entry_count(), 1);
    assert_eq!(
        j.hits(&["search", "conversation", "--json"])[0]["id"],
        id.as_str()
    );

    let stderr = j.fails(&["purge", &id], "");
    assert!(stderr.contains("not in the bin"), "{stderr}");
    j.ok(&["delete", &id]);
    j.ok(&["purge", &id]);
    assert_eq!(j.json(&["bin", "--json"]), serde_json::json!([]));
    assert!(j.fails(&["show", &id], "").contains("no entry"));
}

#[test]
fn growth_counts_per_month_and_neglected_lists_untouched_items() {
    let j = Journal::new();
    j.add(&[
        "--title",
        "a",
        "--body",
        "x",
        "--date",
        "2026-01-10",
        "--tag",
        "trust",
    ]);
    j.add(&[
        "--title",
        "b",
        "--body",
        "x",
        "--date",
        "2026-01-20",
        "--tag",
        "trust",
    ]);
    j.add(&[
        "--title",
        "c",
        "--body",
        "x",
        "--date",
        "2026-02-02",
        "--tag",
        "sharing power",
    ]);
    let growth = j.json(&["growth", "--by", "month", "--json"]);
    let count = |period: &str, item: &str| {
        growth
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["period"] == period && p["item"] == item)
            .map(|p| p["count"].as_u64().unwrap())
    };
    assert_eq!(count("2026-01", "trust"), Some(2));
    assert_eq!(count("2026-01", "relating-and-communicating"), Some(2));
    assert_eq!(count("2026-02", "sharing-power"), Some(1));
    assert_eq!(count("2026-02", "trust"), None);
    let quarters = j.json(&["growth", "--by", "quarter", "--json"]);
    assert!(
        quarters
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["period"] == "2026-Q1" && p["item"] == "trust" && p["count"] == 2)
    );

    // The span the app's Growth view shows, counted back from a given today: every
    // quarter of the year ending 2026-06-15, empty ones included, each with what was
    // written in it.
    let year = j.json(&[
        "growth",
        "--last",
        "12m",
        "--by",
        "quarter",
        "--today",
        "2026-06-15",
        "--json",
    ]);
    let periods: Vec<(&str, u64)> = year["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap(),
                p["written"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        periods,
        [
            ("2025-Q3", 0),
            ("2025-Q4", 0),
            ("2026-Q1", 3),
            ("2026-Q2", 0)
        ]
    );
    assert_eq!(year["from"], "2025-07-01");
    let before = j.json(&["growth", "--last", "12m", "--today", "2025-12-31", "--json"]);
    assert!(
        before["periods"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["written"] == 0),
        "nothing was written in the year to 2025-12-31: {before}"
    );

    let neglected = j.json(&["neglected", "--days", "30", "--json"]);
    let ids: Vec<&str> = neglected
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["item"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"delivery"), "never reflected on");
    assert!(ids.contains(&"trust"), "last reflected on in January");
}

#[test]
fn export_then_import_into_a_fresh_journal_gives_the_same_entries() {
    let j = Journal::new();
    j.add(&["--title", "One", "--body", "alpha", "--tag", "courage"]);
    j.add(&["--title", "Two", "--body", "beta", "--label", "team"]);
    let out = j.dir.path().join("export.json");
    j.ok(&["export", "--format", "json", "--out", out.to_str().unwrap()]);
    let md = j.dir.path().join("md");
    j.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        md.to_str().unwrap(),
        "tag:courage",
    ]);
    let files: Vec<_> = std::fs::read_dir(&md).unwrap().collect();
    assert_eq!(files.len(), 1, "only the entry matching the search");
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(
        text.starts_with("---\n") && text.contains("resilience-courage-and-bravery"),
        "{text}"
    );

    let fresh = Journal::new();
    let report = fresh.said(&["import", out.to_str().unwrap()]);
    assert!(report.contains("2 added"), "{report}");
    let again = fresh.said(&["import", out.to_str().unwrap()]);
    assert!(
        again.contains("0 added") && again.contains("2 unchanged"),
        "idempotent: {again}"
    );
    let mut before = j.json(&["list", "--json"]);
    let mut after = fresh.json(&["list", "--json"]);
    for list in [&mut before, &mut after] {
        for e in list.as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("deleted_at");
        }
    }
    assert_eq!(before, after);
}

#[test]
fn reindex_and_demo_report_what_they_did() {
    let j = Journal::new();
    let today = test_today().unwrap().to_string();
    assert!(
        j.said(&["demo", "--entries", "120", "--seed", "7", "--today", &today])
            .contains("added 120")
    );
    assert_eq!(j.entry_count(), 120);
    assert!(j.said(&["reindex"]).contains("120 reflections"));
    let all = j.hits(&["search", "", "--json", "--limit", "500"]);
    assert_eq!(all.as_array().unwrap().len(), 120);
}

/// The titles and dates of every entry in `j`, sorted by title.
fn titles_and_dates(j: &Journal) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = j
        .json(&["list", "--json"])
        .as_array()
        .expect("`list --json` prints a list")
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
            (text("title"), text("date"))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn demo_dates_its_reflections_up_to_the_day_given_and_says_the_same_on_any_day() {
    let first = Journal::new();
    first.ok(&["demo", "--entries", "200", "--today", "2026-12-01"]);
    let dated = titles_and_dates(&first);
    assert_eq!(dated.len(), 200);
    let newest = dated.iter().map(|(_, d)| d.as_str()).max().unwrap();
    let oldest = dated.iter().map(|(_, d)| d.as_str()).min().unwrap();
    assert!(newest <= "2026-12-01", "after the day given: {newest}");
    assert!(newest >= "2026-11-01", "the last month is filled: {newest}");
    // Four years back, and a weekend moved to its Friday.
    assert!(oldest >= "2022-11-28", "four years back at most: {oldest}");

    // Another day moves the dates, not the words.
    let second = Journal::new();
    second.ok(&["demo", "--entries", "200", "--today", "2027-01-31"]);
    let titles = |all: &[(String, String)]| all.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&dated), titles(&titles_and_dates(&second)));

    let err = first.fails(&["demo", "--today", "2026-02-30"], "");
    assert!(err.contains("not a date"), "{err}");
    assert_eq!(first.entry_count(), 200, "a refused demo writes nothing");
}

#[test]
fn demo_refuses_a_journal_that_holds_reflections_unless_asked_and_labels_what_it_adds() {
    let j = Journal::new();
    let today = test_today().unwrap().to_string();
    let own = j.add(&["--title", "My own reflection", "--body", "Real words."]);
    let err = j.fails(&["demo", "--entries", "20", "--today", &today], "");
    assert!(
        err.contains("already holds 1 reflection;") && err.contains("--into-this-journal"),
        "{err}"
    );
    assert_eq!(j.entry_count(), 1, "a refused demo writes nothing");

    // A reflection in the bin is still the leader's.
    j.ok(&["delete", &own]);
    let err = j.fails(&["demo", "--entries", "20", "--today", &today], "");
    assert!(err.contains("already holds 1 reflection;"), "{err}");

    let args = [
        "demo",
        "--entries",
        "20",
        "--today",
        &today,
        "--into-this-journal",
    ];
    assert!(j.said(&args).contains("labelled 'demo'"));
    let listed = j.json(&["list", "--json"]);
    let all = listed.as_array().unwrap();
    assert_eq!(all.len(), 20);
    for entry in all {
        let labels = entry["labels"].as_array().unwrap();
        assert!(labels.iter().any(|l| l == "demo"), "{entry}");
    }
    let found = j.hits(&["search", "label:demo", "--json", "--limit", "50"]);
    assert_eq!(found.as_array().unwrap().len(), 20);
}

#[test]
fn bad_input_gets_a_specific_error_and_writes_nothing() {
    let j = Journal::new();
    let cases: Vec<(Vec<&str>, Vec<u8>, &str)> = vec![
        (
            vec!["add", "--title", "t", "--body", "b", "--date", "2026-02-30"],
            vec![],
            "not a date",
        ),
        (
            // `yesterday` is a date now (issue 16); words it does not read are not.
            vec![
                "add",
                "--title",
                "t",
                "--body",
                "b",
                "--date",
                "the day before",
            ],
            vec![],
            "YYYY-MM-DD",
        ),
        (
            vec!["add", "--title", "t", "--body", "b", "--tag", "stakholders"],
            vec![],
            "did you mean 'compelling-narrative'",
        ),
        (
            vec!["add", "--title", "t", "--body", "b", "--template", "haiku"],
            vec![],
            "not a template",
        ),
        (
            vec!["add", "--title", "t", "--field", "feelings=sad"],
            vec![],
            "feelings",
        ),
        (
            vec!["add", "--title", "t"],
            vec![b'o', b'k', 0, b'!'],
            "NUL",
        ),
        (
            vec!["add", "--title", "t"],
            vec![0xff, 0xfe, b'a'],
            "not UTF-8",
        ),
        (vec!["add", "--body", "b"], vec![], "title"),
        (vec!["search", "\"unbalanced"], vec![], "quote"),
        (vec!["search", "after:2026-13-01"], vec![], "date"),
        (vec!["growth", "--by", "fortnight"], vec![], "fortnight"),
        (vec!["show", "not-an-id"], vec![], "not an entry id"),
    ];
    for (args, stdin, expected) in cases {
        let stderr = j.fails(&args, stdin);
        assert!(
            stderr.to_lowercase().contains(&expected.to_lowercase()),
            "{args:?}: expected '{expected}' in: {stderr}"
        );
    }
    // A 10 MB body is refused with its size, not stored.
    let huge = "a".repeat(10 * 1024 * 1024);
    let stderr = j.fails(&["add", "--title", "big"], huge);
    assert!(stderr.contains("MB") || stderr.contains("MiB"), "{stderr}");
    assert_eq!(j.entry_count(), 0, "nothing half-written");
}

#[test]
fn malformed_import_files_are_refused_and_change_nothing() {
    let j = Journal::new();
    j.add(&["--title", "Keep me", "--body", "safe"]);
    let cases: [(&str, &str); 4] = [
        ("not json at all", "not"),
        (
            "{\"format\": \"something-else\", \"version\": 1, \"entries\": []}",
            "format",
        ),
        (
            "{\"format\": \"waymark-journal\", \"version\": 99, \"entries\": []}",
            "version",
        ),
        (
            "{\"format\": \"waymark-journal\", \"version\": 1, \"exported_at\": \"2026-01-01T00:00:00Z\", \"entries\": [{\"id\": \"nope\"}]}",
            "entry",
        ),
    ];
    for (i, (content, expected)) in cases.iter().enumerate() {
        let file = j.dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, content).unwrap();
        let stderr = j.fails(&["import", file.to_str().unwrap()], "");
        assert!(
            stderr.to_lowercase().contains(expected),
            "case {i}: {stderr}"
        );
    }
    assert_eq!(j.entry_count(), 1);
}

#[test]
fn a_second_process_on_the_same_journal_gets_a_clear_message() {
    let j = Journal::new();
    j.add(&["--title", "x", "--body", "y"]);
    let mut first = std::process::Command::new(assert_cmd::cargo::cargo_bin("waymark"))
        .env("WAYMARK_DATA_DIR", j.dir.path())
        .args(["add", "--title", "waiting"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The first process holds the journal while it waits for its body on stdin.
    std::thread::sleep(std::time::Duration::from_millis(700));
    let stderr = j.fails(&["list"], "");
    assert!(
        stderr.contains("already open") && stderr.contains(j.dir.path().to_str().unwrap()),
        "{stderr}"
    );
    drop(first.stdin.take());
    assert!(first.wait().unwrap().success());
    assert_eq!(j.entry_count(), 2);
}

#[test]
fn bench_reports_both_engines_and_the_fresh_process_memory_as_json() {
    let j = Journal::new();
    let report = j.json(&["bench", "--entries", "300", "--json"]);
    for path in [
        "/tantivy/search_p50_ms",
        "/tantivy/search_p95_ms",
        "/fts5/search_p50_ms",
        "/fts5/search_p95_ms",
        "/save_p95_ms",
        "/reindex_s",
        "/peak_rss_mb",
        "/search_process/peak_rss_mb",
        "/encrypted/search_p50_ms",
        "/encrypted/search_p95_ms",
        "/encrypted/save_p95_ms",
        "/encrypted/reindex_s",
        "/unlock_ms",
    ] {
        assert!(
            report.pointer(path).is_some_and(Value::is_f64),
            "{path} missing in {report}"
        );
    }
    assert_eq!(report["entries"], 300);
    assert_eq!(report["runs_per_query"], 200);
    let fewer = j.fails(&["bench", "--entries", "300", "--runs", "10"], "");
    assert!(fewer.contains("at least 200"), "{fewer}");
}

#[test]
fn a_search_mistake_is_marked_where_it_was_typed() {
    let j = Journal::new();
    let stderr = j.fails(&["search", "trust", "tag:qqqzzz", "after:2026"], "");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].contains("'qqqzzz' at character 7 is not a framework tag"),
        "{stderr}"
    );
    assert_eq!(lines[1], "  trust tag:qqqzzz after:2026", "{stderr}");
    assert_eq!(lines[2], "        ^^^^^^^^^^", "{stderr}");
}

#[test]
fn list_by_theme_takes_its_name_and_says_which_themes_there_are() {
    let j = Journal::new();
    j.add(&[
        "--title",
        "Forum",
        "--body",
        "hosted",
        "--tag",
        "hosting style",
    ]);
    j.add(&[
        "--title", "Budget", "--body", "numbers", "--tag", "delivery",
    ]);
    for theme in [
        "leading-and-visioning",
        "Leading and Visioning",
        "leading and visioning",
    ] {
        let listed = j.json(&["list", "--theme", theme, "--json"]);
        let titles: Vec<&str> = listed
            .as_array()
            .map(|a| a.iter().filter_map(|e| e["title"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(titles, vec!["Forum"], "--theme {theme:?}");
    }
    let stderr = j.fails(&["list", "--theme", "hosting style"], "");
    assert!(
        stderr.contains("'hosting style' is not a theme")
            && stderr.contains("did you mean leading-and-visioning?")
            && stderr.contains("the themes are being, relating-and-communicating, leading-and-visioning, delivering"),
        "{stderr}"
    );
}

#[test]
fn words_from_a_journal_never_reach_the_terminal_as_control_codes() {
    let j = Journal::new();
    // A title and body as an imported file or a coachee's bundle could carry them:
    // a fake window title, a screen clear, a clipboard write (OSC 52), a C1 CSI.
    let id = j
        .cmd()
        .args(["add", "--title", "Evil\u{1b}]0;fake title\u{7} forum"])
        .write_stdin(
            "Hello \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J world \u{9b}31m done\r\nnext line\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = String::from_utf8(id).expect("UTF-8").trim().to_owned();
    for args in [
        vec!["show", id.as_str()],
        vec!["list"],
        vec!["search", "world"],
        vec!["history", id.as_str()],
    ] {
        let out = j.ok(&args);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "`waymark {}` printed a control character: {out:?}",
            args.join(" ")
        );
        assert!(out.contains("forum"), "{out:?}");
    }
    let shown = j.ok(&["show", &id]);
    assert!(
        shown.contains("world") && shown.contains("next line"),
        "{shown:?}"
    );
    // JSON keeps the data exactly, escaped.
    let json = j.json(&["show", &id, "--json"]);
    assert!(
        json["body"].as_str().is_some_and(|b| b.contains('\u{1b}')),
        "{json}"
    );
}

#[test]
fn a_folder_of_other_files_is_never_made_a_journal() {
    let j = Journal::empty();
    // Someone's thesis, with its own `index/` folder.
    let thesis = j.dir.path();
    std::fs::create_dir(thesis.join("index")).expect("index folder");
    std::fs::write(thesis.join("index").join("chapter-1.md"), "My thesis").expect("chapter");
    std::fs::write(thesis.join("notes.txt"), "notes").expect("notes");
    // `add`, which may start a journal (`list` would only say there is none).
    let stderr = j.fails(&["add", "--title", "Thesis", "--body", "x"], "");
    assert!(
        stderr.contains("holds other files (index, notes.txt)")
            && stderr.contains("new or empty folder"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(thesis.join("index").join("chapter-1.md")).expect("kept"),
        "My thesis"
    );
    let names: Vec<String> = std::fs::read_dir(thesis)
        .expect("listed")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing was added: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_broken_search_index_never_fails_a_save_or_hides_the_journal() {
    let j = Journal::new();
    let first = j.add(&["--title", "Before the disk filled", "--body", "alpha"]);
    // The index's place can no longer be written (as on a full disk or a folder that
    // went read-only): a link to somewhere that cannot exist.
    let index = j.dir.path().join("index");
    std::fs::remove_dir_all(&index).expect("index removed");
    std::os::unix::fs::symlink("/dev/null/nowhere", &index).expect("link");

    let out = j
        .cmd()
        .args([
            "add",
            "--title",
            "While the disk was full",
            "--body",
            "beta",
        ])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .clone();
    let second = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned();
    let warning = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        warning.contains("warning: saved, but the search index could not be brought up to date"),
        "{warning}"
    );
    // Reading and exporting do not depend on the index.
    assert_eq!(
        j.entry_count(),
        2,
        "a retry is not needed, and made no duplicate"
    );
    assert!(j.ok(&["show", &second]).contains("beta"));
    let out = j
        .dir
        .path()
        .join("..")
        .join(format!("export-{}.json", std::process::id()));
    j.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(
        std::fs::read_to_string(&out)
            .expect("exported")
            .contains("While the disk was full")
    );
    let _ = std::fs::remove_file(&out);
    // Search says why it cannot answer, instead of answering from half the journal.
    let stderr = j.fails(&["search", "beta"], "");
    assert!(stderr.contains("your reflections are safe"), "{stderr}");

    // Once the index can be written again, search catches up by itself.
    std::fs::remove_file(&index).expect("link removed");
    let found = j.hits(&["search", "", "--json"]);
    let ids: Vec<&str> = found
        .as_array()
        .map(|a| a.iter().filter_map(|h| h["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        ids.contains(&first.as_str()) && ids.contains(&second.as_str()),
        "{found}"
    );
}
