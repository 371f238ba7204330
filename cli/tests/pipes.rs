//! The `waymark` binary in pipes and with output paths: a reader that closes the pipe
//! early (`| head`) ends the command quietly with success; `-` is standard output for
//! `export` and standard input for `import`; only plain files are ever replaced, and no
//! partial file is left behind when an export is refused.

mod common;

use common::Journal;
use std::io::Read;
use std::process::{Command, Stdio};
use waymark_sample::test_today;

/// Runs `waymark ARGS` on `j` with its output in a pipe whose reader stops after the
/// first line, as `| head -1` does; returns the exit status and what it said on stderr.
fn closed_early(j: &Journal, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("waymark"))
        .env("WAYMARK_DATA_DIR", j.dir.path())
        .env_remove("WAYMARK_PASSPHRASE")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("started");
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut first = [0u8; 64];
    let n = stdout.read(&mut first).expect("read");
    assert!(n > 0, "{args:?} printed something before the pipe closed");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("a pipe")
        .read_to_string(&mut stderr)
        .expect("read");
    (child.wait().expect("ended"), stderr)
}

#[test]
fn a_pipe_closed_early_ends_the_command_quietly_with_success() {
    let j = Journal::new();
    let today = test_today().expect("a fixed today").to_string();
    j.ok(&["demo", "--entries", "1500", "--today", &today]);
    // Each prints far more than a pipe holds (64 KiB), so each meets the closed pipe.
    for args in [
        &["list", "--limit", "1500"][..],
        &["list", "--limit", "1500", "--json"],
        &["search", "team", "--limit", "1000"],
        &["export", "--format", "json", "--out", "-"],
    ] {
        let (status, stderr) = closed_early(&j, args);
        assert!(status.success(), "{args:?} exited {status}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("waymark:"),
            "{args:?} said: {stderr}"
        );
    }
}

#[test]
fn dash_exports_to_standard_output_and_imports_from_standard_input() {
    let j = Journal::new();
    j.add(&["--title", "Hosting the forum", "--body", "Kintsugi."]);
    let out = j
        .cmd()
        .args(["export", "--format", "json", "--out", "-"])
        .output()
        .expect("ran");
    assert!(out.status.success());
    let export: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(export["entries"][0]["title"], "Hosting the forum");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("exported 1 reflection to standard output"),
        "the message goes to stderr"
    );
    assert!(!j.dir.path().join("-").exists(), "no file named -");

    let other = Journal::new();
    let said = other
        .cmd()
        .args(["import", "-"])
        .write_stdin(out.stdout)
        .output()
        .expect("ran");
    assert!(
        said.status.success(),
        "{}",
        String::from_utf8_lossy(&said.stderr)
    );
    assert!(other.ok(&["list"]).contains("Hosting the forum"));
}

#[test]
fn only_a_plain_file_is_replaced_and_no_partial_file_is_left() {
    let j = Journal::new();
    j.add(&["--title", "Hosting the forum", "--body", "Kintsugi."]);
    let place = tempfile::TempDir::new().expect("temp dir");
    let folder = place.path().join("exports");
    std::fs::create_dir(&folder).expect("made");
    let with_slash = format!("{}/", folder.display());
    let said = j.fails(&["export", "--format", "json", "--out", &with_slash], "");
    assert!(said.contains("is a folder; add a file name"), "{said}");
    let said = j.fails(
        &[
            "export",
            "--format",
            "json",
            "--out",
            folder.to_str().expect("UTF-8"),
        ],
        "",
    );
    assert!(said.contains("is a folder"), "{said}");
    assert_eq!(
        std::fs::read_dir(&folder).expect("listed").count(),
        0,
        "no stray partial file"
    );

    #[cfg(unix)]
    {
        let target = place.path().join("notes.txt");
        std::fs::write(&target, "my own notes").expect("written");
        let link = place.path().join("export.json");
        std::os::unix::fs::symlink(&target, &link).expect("linked");
        let said = j.fails(
            &[
                "export",
                "--format",
                "json",
                "--out",
                link.to_str().expect("UTF-8"),
            ],
            "",
        );
        assert!(said.contains("is a link"), "{said}");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("still there")
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&target).expect("read"),
            "my own notes"
        );
        let said = j.fails(&["export", "--format", "json", "--out", "/dev/null"], "");
        assert!(said.contains("give -"), "{said}");
        assert!(
            !std::fs::metadata("/dev/null")
                .expect("there")
                .file_type()
                .is_file(),
            "the device is left a device"
        );
    }
    assert_eq!(
        std::fs::read_dir(place.path()).expect("listed").count(),
        if cfg!(unix) { 3 } else { 1 },
        "nothing else written beside them"
    );
}
