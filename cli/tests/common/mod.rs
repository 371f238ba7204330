//! What the CLI test binaries share: a temporary journal and ways to run `waymark` on it.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A journal in a temporary folder, driven through the real `waymark` binary.
pub struct Journal {
    /// The journal folder (removed when dropped).
    pub dir: TempDir,
}

impl Journal {
    /// A plain (not encrypted) journal, made as a person would with `init --no-encryption`.
    pub fn new() -> Journal {
        let journal = Journal::empty();
        journal.ok(&["init", "--no-encryption"]);
        journal
    }

    /// A folder with no journal in it yet.
    pub fn empty() -> Journal {
        Journal {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("waymark").expect("the waymark binary is built");
        cmd.env("WAYMARK_DATA_DIR", self.dir.path())
            .env_remove("RUST_BACKTRACE")
            .env_remove("WAYMARK_PASSPHRASE")
            .env_remove("WAYMARK_NEW_PASSPHRASE")
            .env_remove("WAYMARK_RECOVERY_KEY");
        cmd
    }

    /// Runs a command that must succeed, with nothing on standard input.
    fn succeeds(&self, args: &[&str]) -> std::process::Output {
        self.cmd()
            .args(args)
            .write_stdin("")
            .assert()
            .success()
            .get_output()
            .clone()
    }

    /// Runs a command that must succeed, and returns its result: its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.succeeds(args).stdout).expect("UTF-8 output")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// Runs a command that must succeed, and returns what it said to a person: its
    /// standard error, where confirmations go (results go to standard output).
    pub fn said(&self, args: &[&str]) -> String {
        String::from_utf8(self.succeeds(args).stderr).expect("UTF-8 output")
    }

    /// Runs `search --json …` and returns its hits, checking the exit status agrees
    /// with the total: 0 when something matched, 1 when nothing did.
    pub fn hits(&self, args: &[&str]) -> Value {
        let out = self.cmd().args(args).write_stdin("").output().expect("ran");
        let found: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        let total = found["total"].as_u64().expect("a total");
        assert_eq!(
            out.status.code(),
            Some(if total == 0 { 1 } else { 0 }),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        found["hits"].clone()
    }

    pub fn add(&self, args: &[&str]) -> String {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().to_owned()
    }

    pub fn entry_count(&self) -> usize {
        self.json(&["list", "--json"])
            .as_array()
            .map_or(0, Vec::len)
    }

    /// Runs a command that must fail, and returns its stderr.
    pub fn fails(&self, args: &[&str], stdin: impl Into<Vec<u8>>) -> String {
        let out = self
            .cmd()
            .args(args)
            .write_stdin(stdin)
            .assert()
            .failure()
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !stderr.contains("panicked"),
            "panic instead of an error: {stderr}"
        );
        stderr
    }
}

/// `text` as one word for `sh`, in single quotes.
pub fn shell_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Runs `waymark ARGS` on `journal` on a pseudo-terminal, as a person at a terminal
/// would: under util-linux's `script` (part of every Debian system), with each `env`
/// variable set to its value or removed for `None`. Returns the exit status and what
/// reached the terminal.
#[cfg(unix)]
pub fn on_terminal(
    journal: &Journal,
    args: &[&str],
    env: &[(&str, Option<&str>)],
) -> (std::process::ExitStatus, String) {
    let binary = assert_cmd::cargo::cargo_bin("waymark");
    let mut line = shell_quoted(binary.to_str().expect("a UTF-8 path"));
    for arg in args {
        line.push(' ');
        line.push_str(&shell_quoted(arg));
    }
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"])
        .env("WAYMARK_DATA_DIR", journal.dir.path())
        .env_remove("WAYMARK_PASSPHRASE")
        .stdin(std::process::Stdio::null());
    for (name, value) in env {
        match value {
            Some(value) => cmd.env(name, value),
            None => cmd.env_remove(name),
        };
    }
    let out = cmd
        .output()
        .expect("`script` (util-linux, in Debian's bsdutils) runs the command on a terminal");
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
