//! The `waymark` binary as a terminal user meets it: long output through a pager on a
//! terminal (and never in a pipe), `--offset` and the note when a search is capped,
//! `info`, no journal made by a command that only reads, dates in words, shell
//! completions, the manual page and the short flags.

mod common;

use common::Journal;
use serde_json::Value;
use std::path::Path;
use waymark_sample::test_today;

fn stderr_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A journal with three reflections on known days, newest first: C, B, A.
fn three() -> Journal {
    let j = Journal::new();
    for (title, date) in [
        ("A", "2026-01-01"),
        ("B", "2026-01-02"),
        ("C", "2026-01-03"),
    ] {
        j.add(&["--title", title, "--date", date, "--body", "words"]);
    }
    j
}

fn titles(listed: &Value) -> Vec<String> {
    listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| e["title"].as_str().expect("a title").to_owned())
        .collect()
}

#[test]
fn list_and_search_page_with_offset() {
    let j = three();
    assert_eq!(
        titles(&j.json(&["list", "--json", "--limit", "1", "--offset", "1"])),
        ["B"]
    );
    assert_eq!(titles(&j.json(&["list", "--json", "--offset", "2"])), ["A"]);
    let out = j
        .cmd()
        .args(["list", "--offset", "3"])
        .output()
        .expect("ran");
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("No reflections after the first 3"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        titles(&j.hits(&[
            "search", "words", "--sort", "date", "--json", "--limit", "2", "--offset", "1"
        ])),
        ["B", "A"]
    );
    // Text says what the page left out, on stderr, and how to see it.
    let out = j
        .cmd()
        .args(["search", "words", "--sort", "date", "--limit", "1"])
        .output()
        .expect("ran");
    assert!(out.status.success());
    assert!(
        stderr_of(&out).contains("showing 1 of 3; --offset 1 shows the next 1"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_search_capped_at_a_thousand_says_so() {
    let j = Journal::new();
    let today = test_today().expect("a fixed today").to_string();
    j.ok(&["demo", "--entries", "1100", "--today", &today]);
    let out = j
        .cmd()
        .args(["search", "--json", "--limit", "5000"])
        .output()
        .expect("ran");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let found: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(found["hits"].as_array().map(Vec::len), Some(1000));
    assert_eq!(found["total"], 1100);
    assert!(
        stderr_of(&out).contains(
            "showing 1,000 of 1,100; a search shows at most 1,000 at a time: use --limit/--offset or narrow the search"
        ),
        "{}",
        stderr_of(&out)
    );
    // The rest is there with --offset.
    let rest = j.hits(&["search", "--json", "--limit", "1000", "--offset", "1000"]);
    assert_eq!(rest.as_array().map(Vec::len), Some(100));
}

#[test]
fn piped_output_never_goes_through_a_pager() {
    let j = three();
    let pager_ran = j.dir.path().join("pager-ran");
    let out = j
        .cmd()
        .args(["list"])
        .env("PAGER", format!("touch '{}'", pager_ran.display()))
        .output()
        .expect("ran");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("  C"), "{}", stdout_of(&out));
    assert!(!pager_ran.exists(), "a pager ran for a pipe");
}

#[test]
fn a_missing_journal_is_said_and_not_made_by_commands_that_only_read() {
    let j = Journal::empty();
    let typo = j.dir.path().join("Waymrak");
    let typo_arg = typo.to_str().expect("a UTF-8 path");
    for args in [
        &["list"][..],
        &["search", "words"],
        &["show", "01a2b3c4"],
        &["growth"],
        &["backup", "--to", "elsewhere"],
    ] {
        let mut all = vec!["--data-dir", typo_arg];
        all.extend_from_slice(args);
        let err = j.fails(&all, "");
        assert!(
            err.contains(&format!(
                "there is no journal in {typo_arg} (given with --data-dir)"
            )) && err.contains("waymark init"),
            "{args:?}: {err}"
        );
        assert!(!typo.exists(), "{args:?} made the folder");
    }
    // The environment variable is named when it chose the folder.
    let err = j.fails(&["list"], "");
    assert!(err.contains("given by WAYMARK_DATA_DIR"), "{err}");
    // The first `add` starts a journal, and says where.
    let out = j
        .cmd()
        .args([
            "--data-dir",
            typo_arg,
            "add",
            "--title",
            "First",
            "--body",
            "x",
        ])
        .output()
        .expect("ran");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains(&format!("started a new journal in {typo_arg}")),
        "{}",
        stderr_of(&out)
    );
    let again = j
        .cmd()
        .args(["--data-dir", typo_arg, "list"])
        .output()
        .expect("ran");
    assert!(stdout_of(&again).contains("First"));
    assert!(!stderr_of(&again).contains("started"), "said once");
}

#[test]
fn info_says_which_journal_and_what_it_holds() {
    let j = three();
    let id = titles(&j.json(&["list", "--json"]));
    assert_eq!(id.len(), 3);
    let first = j.json(&["list", "--json", "--limit", "1"]);
    let first_id = first[0]["id"].as_str().expect("an id").to_owned();
    j.ok(&["delete", &first_id]);

    let info = j.json(&["info", "--json"]);
    assert_eq!(info["dir"].as_str().map(Path::new), Some(j.dir.path()));
    assert_eq!(info["chosen_by"], "env");
    assert_eq!(info["exists"], true);
    assert_eq!(info["encrypted"], false);
    assert_eq!(info["remembered"], false);
    assert_eq!(info["entries"], 2);
    assert_eq!(info["in_bin"], 1);
    assert_eq!(info["coachees"], 0);
    assert_eq!(info["last_backup"], Value::Null);
    assert!(info["schema_version"].as_u64().is_some_and(|v| v > 0));
    assert_eq!(info["waymark_version"], env!("CARGO_PKG_VERSION"));

    let backups = tempfile::TempDir::new().expect("temp dir");
    let backups_arg = backups.path().to_str().expect("a UTF-8 path");
    j.ok(&["backup", "--to", backups_arg]);
    let info = j.json(&["info", "-j"]);
    assert_eq!(info["backup_folder"].as_str(), Some(backups_arg));
    assert_eq!(info["last_backup"]["entries"], 2);
    assert!(
        info["last_backup"]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with(backups_arg))
    );

    let text = j
        .cmd()
        .env_remove("WAYMARK_DATA_DIR")
        .args(["--data-dir", j.dir.path().to_str().expect("UTF-8"), "info"])
        .output()
        .expect("ran");
    let said = stdout_of(&text);
    for part in [
        "(given with --data-dir)",
        "Encrypted:    NO",
        "Reflections:  2 (1 in the bin)",
        "Last backup:  ",
        "2 reflections, in ",
        "Schema:       version ",
        "Waymark:      ",
    ] {
        assert!(said.contains(part), "{part:?} in {said}");
    }

    // After a move, the folder named is followed to the journal, and info says so.
    let elsewhere = tempfile::TempDir::new().expect("temp dir");
    let moved = elsewhere.path().join("moved");
    j.ok(&["move", "--to", moved.to_str().expect("UTF-8")]);
    let info = j.json(&["info", "--json"]);
    assert_eq!(info["dir"].as_str().map(Path::new), Some(moved.as_path()));
    assert_eq!(
        info["moved_from"].as_str().map(Path::new),
        Some(j.dir.path())
    );
    assert_eq!(info["entries"], 2);
}

#[test]
fn info_on_a_folder_without_a_journal_says_so_and_makes_none() {
    let j = Journal::empty();
    let info = j.json(&["info", "--json"]);
    assert_eq!(info["exists"], false);
    assert_eq!(info["chosen_by"], "env");
    let said = j.ok(&["info"]);
    assert!(said.contains("no journal there yet"), "{said}");
    assert_eq!(std::fs::read_dir(j.dir.path()).expect("listed").count(), 0);
}

#[test]
fn dates_in_words_are_taken_and_a_bad_one_lists_what_is() {
    let j = Journal::new();
    // Which day each word means is tested on a fixed day in the engine; here, only
    // that the terminal takes them.
    for date in ["today", "yesterday", "last friday", "friday", "3 days ago"] {
        j.add(&["--title", date, "-d", date, "--body", "x"]);
    }
    assert_eq!(j.entry_count(), 5);
    let err = j.fails(
        &["add", "--title", "x", "--date", "next week", "--body", "x"],
        "",
    );
    for form in [
        "YYYY-MM-DD",
        "today",
        "yesterday",
        "last friday",
        "3 days ago",
    ] {
        assert!(err.contains(form), "{form} in {err}");
    }
    let err = j.fails(
        &["add", "--title", "x", "--date", "2026-02-30", "--body", "x"],
        "",
    );
    assert!(err.contains("'2026-02-30' is not a date"), "{err}");
    assert_eq!(j.entry_count(), 5, "nothing was saved");
}

#[test]
fn short_flags_for_the_common_options() {
    let j = Journal::new();
    j.add(&[
        "--title",
        "Older",
        "-d",
        "2026-01-01",
        "-t",
        "hosting style",
        "--body",
        "x",
    ]);
    j.add(&["--title", "Newer", "-d", "2026-01-02", "--body", "x"]);
    let listed = j.json(&["list", "-j", "-n", "1"]);
    assert_eq!(titles(&listed), ["Newer"]);
    let found = j.hits(&["search", "tag:hosting", "-j", "-n", "5"]);
    assert_eq!(titles(&found), ["Older"]);
    let help = j.ok(&["list", "--help"]);
    assert!(
        help.contains("-n, --limit") && help.contains("-j, --json"),
        "{help}"
    );
    let help = j.ok(&["add", "--help"]);
    assert!(
        help.contains("-d, --date") && help.contains("-t, --tag"),
        "{help}"
    );
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    let j = Journal::empty();
    let bash = j.ok(&["completions", "bash"]);
    for word in [
        "waymark",
        "list",
        "search",
        "info",
        "completions",
        "--no-pager",
        "--limit",
    ] {
        assert!(bash.contains(word), "{word} in the bash completions");
    }
    let script = j.dir.path().join("waymark.bash");
    std::fs::write(&script, &bash).expect("written");
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("bash ran");
    assert!(checked.status.success(), "bash -n: {}", stderr_of(&checked));

    assert!(
        j.ok(&["completions", "zsh"])
            .starts_with("#compdef waymark")
    );
    assert!(
        j.ok(&["completions", "fish"])
            .contains("complete -c waymark")
    );
    assert!(
        j.ok(&["completions", "powershell"])
            .contains("Register-ArgumentCompleter")
    );
    let err = j.fails(&["completions", "tcsh"], "");
    assert!(err.contains("bash"), "{err}");
    // Nothing about a journal was needed, or made.
    assert_eq!(std::fs::read_dir(j.dir.path()).expect("listed").count(), 1);
}

#[test]
fn the_manual_page_has_its_sections_and_renders() {
    let j = Journal::empty();
    let page = j.ok(&["man"]);
    for part in [
        ".TH waymark 1",
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH SUBCOMMANDS",
        "completions",
    ] {
        assert!(page.contains(part), "{part} in the page");
    }
    let add = j.ok(&["man", "add"]);
    assert!(
        add.contains(".TH waymark-add") && add.contains("\\-\\-date"),
        "{add}"
    );
    let err = j.fails(&["man", "nonesuch"], "");
    assert!(err.contains("'nonesuch' is not a waymark command"), "{err}");

    let file = j.dir.path().join("waymark.1");
    std::fs::write(&file, &page).expect("written");
    // `man -l` where man is installed (Debian's man-db); the roff sections above otherwise.
    if let Ok(rendered) = std::process::Command::new("man")
        .args(["-l", "-P", "cat"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .output()
    {
        assert!(
            rendered.status.success(),
            "man -l: {}",
            stderr_of(&rendered)
        );
        let text = stdout_of(&rendered);
        assert!(text.contains("NAME") && text.contains("SYNOPSIS"), "{text}");
        assert!(text.contains("waymark"), "{text}");
    }
}

/// Running `waymark` on a terminal: under `script` (util-linux), which gives the
/// command a pseudo-terminal, with a fake pager that keeps what it was given.
#[cfg(unix)]
mod on_a_terminal {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    /// Runs `waymark ARGS` on `j` on a pseudo-terminal with `PAGER` set to `pager`
    /// (removed when `None`) and `LESS` set to `less`; returns the exit status and
    /// what reached the terminal.
    fn on_terminal(
        j: &Journal,
        args: &[&str],
        pager: Option<&str>,
        less: Option<&str>,
    ) -> (std::process::ExitStatus, String) {
        common::on_terminal(j, args, &[("PAGER", pager), ("LESS", less)])
    }

    /// A pager that writes `LESS`, then what it was given, to `kept`.
    ///
    /// Kept outside the journal's folder, whose files Waymark keeps private (0600, so
    /// not runnable).
    struct FakePager {
        dir: tempfile::TempDir,
    }

    impl FakePager {
        fn new() -> FakePager {
            let pager = FakePager {
                dir: tempfile::TempDir::new().expect("temp dir"),
            };
            let script = pager.command();
            std::fs::write(
                &script,
                format!(
                    "#!/bin/sh\n{{ echo \"LESS=$LESS\"; cat; }} > {}\n",
                    common::shell_quoted(pager.kept().to_str().expect("UTF-8"))
                ),
            )
            .expect("written");
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
                .expect("chmod");
            pager
        }

        /// What to set `PAGER` to.
        fn command(&self) -> String {
            self.dir
                .path()
                .join("fake-pager")
                .to_string_lossy()
                .into_owned()
        }

        /// Where it keeps what it was given.
        fn kept(&self) -> std::path::PathBuf {
            self.dir.path().join("paged.txt")
        }
    }

    #[test]
    fn long_output_goes_through_the_pager_with_less_set_as_git_sets_it() {
        let j = three();
        let fake = FakePager::new();
        let (kept, pager) = (fake.kept(), fake.command());
        for args in [&["list"][..], &["search", "words"], &["framework"]] {
            let _ = std::fs::remove_file(&kept);
            let (status, screen) = on_terminal(&j, args, Some(&pager), None);
            assert!(status.success(), "{args:?}: {screen}");
            let paged = std::fs::read_to_string(&kept)
                .unwrap_or_else(|e| panic!("{args:?}: no pager ran ({e}); the screen: {screen}"));
            assert!(paged.starts_with("LESS=FRX\n"), "{args:?}: {paged}");
            assert!(paged.lines().count() > 2, "{args:?}: {paged}");
            assert!(!screen.contains("waymark:"), "{args:?}: {screen}");
        }
        // A LESS of the user's own is left alone.
        let (_, _) = on_terminal(&j, &["list"], Some(&pager), Some("S"));
        let paged = std::fs::read_to_string(&kept).expect("the pager ran");
        assert!(
            paged.starts_with("LESS=S\n") && paged.contains("  C"),
            "{paged}"
        );
    }

    #[test]
    fn no_pager_with_the_flag_an_empty_pager_or_cat_and_not_for_writes() {
        let j = three();
        let fake = FakePager::new();
        let (kept, pager) = (fake.kept(), fake.command());
        let (status, screen) = on_terminal(&j, &["--no-pager", "list"], Some(&pager), None);
        assert!(status.success() && screen.contains("  C"), "{screen}");
        let (status, screen) = on_terminal(&j, &["list", "--no-pager"], Some(&pager), None);
        assert!(status.success() && screen.contains("  C"), "{screen}");
        for empty in ["", "cat"] {
            let (status, screen) = on_terminal(&j, &["list"], Some(empty), None);
            assert!(
                status.success() && screen.contains("  C"),
                "{empty:?}: {screen}"
            );
        }
        let (status, _) = on_terminal(
            &j,
            &["add", "--title", "D", "--body", "x"],
            Some(&pager),
            None,
        );
        assert!(status.success());
        let (status, _) = on_terminal(&j, &["info"], Some(&pager), None);
        assert!(status.success());
        assert!(!kept.exists(), "a pager ran");
    }

    #[test]
    fn quitting_the_pager_early_ends_the_command_quietly() {
        let j = Journal::new();
        let today = test_today().expect("a fixed today").to_string();
        j.ok(&["demo", "--entries", "1500", "--today", &today]);
        // A pager that reads nothing and quits, as `q` does: far more than a pipe holds
        // (64 KiB) is left to write, so the command meets the closed pipe.
        for quits in ["true", "sh -c 'exit 0'"] {
            let (status, screen) = on_terminal(&j, &["list", "--limit", "1500"], Some(quits), None);
            assert!(status.success(), "{quits}: {screen}");
            assert!(
                !screen.contains("waymark:") && !screen.contains("Broken pipe"),
                "{quits}: {screen}"
            );
        }
    }

    #[test]
    fn a_pager_that_is_not_installed_leaves_the_output_on_the_terminal() {
        let j = three();
        let (status, screen) = on_terminal(
            &j,
            &["list"],
            Some("/nonexistent/pager-for-waymark-tests -R"),
            None,
        );
        assert!(status.success(), "{screen}");
        assert!(screen.contains("  C") && screen.contains("  A"), "{screen}");
    }
}

#[test]
fn info_says_an_encrypted_journal_is_encrypted() {
    let j = Journal::empty();
    let pass = "correct horse battery staple";
    let made = j
        .cmd()
        .args(["init"])
        .env("WAYMARK_PASSPHRASE", pass)
        .output()
        .expect("ran");
    assert!(made.status.success(), "{}", stderr_of(&made));
    let out = j
        .cmd()
        .args(["info", "--json"])
        .env("WAYMARK_PASSPHRASE", pass)
        .output()
        .expect("ran");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let info: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(info["encrypted"], true);
    assert_eq!(info["remembered"], false);
    assert_eq!(info["entries"], 0);
}
