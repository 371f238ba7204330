//! Printing: text made safe for a terminal, JSON, dates in local time, and progress
//! bars on standard error.
//!
//! A journal holds words from other people (a coach's comment, a coachee's entry, an
//! imported file), and any of them could carry terminal control sequences: ESC codes
//! that clear the screen, set a fake window title, or write the clipboard (OSC 52).
//! So every line the CLI prints for a person goes through [`stdout`] (or the [`say!`]
//! macro), which drops control characters except newline and tab, and the characters
//! that reorder text right to left. JSON output is left exact: serde escapes every C0
//! control, and a program reading it should get the data as it is.

use anyhow::Result;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};
use waymark_journal::Progress;

/// `println!` through [`stdout`]: for any text that may hold a journal's words.
/// Returns the write's `io::Result`, so a closed pipe is an error, not a panic.
#[macro_export]
macro_rules! say {
    () => {{
        use std::io::Write as _;
        writeln!($crate::output::stdout())
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!($crate::output::stdout(), $($arg)*)
    }};
}

/// `eprintln!` for a message a person reads (a confirmation, "No reflections yet"),
/// made safe for a terminal: messages go to standard error, results to standard output.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::output::safe_text(&format!($($arg)*)))
    };
}

/// The exit status when a command ran but nothing matched (`search`, `framework
/// find`), as grep and rg use it: a script tells "none" from "found" with `if`.
pub const EXIT_NOTHING_MATCHED: u8 = 1;

/// The exit status for every error, a mistyped command line (clap's own) included.
pub const EXIT_ERROR: u8 = 2;

/// The exit status of the commands that find things, under their `--help`.
pub const MATCH_STATUS: &str = "Exit status: 0 something matched; 1 nothing matched (with \
--json, the empty result is printed too); 2 an error.";

/// What a command returns when it ran and nothing matched: `main` prints the message,
/// if any, on standard error and exits with [`EXIT_NOTHING_MATCHED`]. Any result
/// (`[]`, a JSON object with a total of 0) has been printed already.
#[derive(Debug)]
pub struct NothingMatched(pub Option<String>);

impl std::fmt::Display for NothingMatched {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("nothing matched"))
    }
}

impl std::error::Error for NothingMatched {}

/// Whether `error` comes from writing to a pipe whose reader has gone (`| head`):
/// an `io::Error` of kind `BrokenPipe` anywhere in its chain, also inside serde_json's.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Whether a character must not reach a terminal: a control character (C0, DEL, C1)
/// other than newline and tab, or a bidirectional embedding, override or isolate,
/// which can make a line read differently from what it holds.
fn unsafe_on_screen(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without what [`unsafe_on_screen`] refuses (borrowed when there is none).
pub fn safe_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(unsafe_on_screen) {
        Cow::Owned(text.chars().filter(|c| !unsafe_on_screen(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// A writer that passes text on with control characters removed (see [`safe_text`]).
/// Bytes that are not UTF-8 are shown as U+FFFD; a character split across two writes
/// is held until its end arrives.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: Write> SafeWriter<W> {
    /// Writes `text` as it is, escapes included: for text already made safe and then
    /// coloured by [`crate::colour`], the one place escapes are made.
    pub fn styled(&mut self, text: &str) -> io::Result<()> {
        self.flush()?;
        self.inner.write_all(text.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let (text, rest) = match std::str::from_utf8(&self.pending) {
            Ok(all) => (Cow::Borrowed(all), self.pending.len()),
            // An unfinished character at the end waits for the next write.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                (String::from_utf8_lossy(&self.pending[..valid]), valid)
            }
            Err(_) => (String::from_utf8_lossy(&self.pending), self.pending.len()),
        };
        self.inner.write_all(safe_text(&text).as_bytes())?;
        self.pending.drain(..rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = String::from_utf8_lossy(&self.pending).into_owned();
            self.pending.clear();
            self.inner.write_all(safe_text(&rest).as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        // Nothing can be reported from a drop; `flush` is called by careful callers.
        let _ = self.flush();
    }
}

/// After a save: makes it searchable, or warns on standard error (the save stands and
/// the command still succeeds: a retry would make a duplicate).
pub fn settle(journal: &waymark_journal::Journal) {
    if let Some(warning) = journal.settle() {
        eprintln!("waymark: warning: {}", safe_text(&warning));
    }
}

/// Asks a yes-or-no question on the terminal: `Some(true)` for an answer starting
/// with "y", `Some(false)` for anything else. `None` when no one is there to answer
/// (standard input or standard error is not a terminal), so a script must say what
/// it wants with a flag instead of being asked.
pub fn ask_yes_no(question: &str) -> Result<Option<bool>> {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return Ok(None);
    }
    eprint!("{}", safe_text(question));
    io::stderr().flush()?;
    let mut answer = String::new();
    io::stdin().read_line(&mut answer)?;
    Ok(Some(answer.trim_start().to_lowercase().starts_with('y')))
}

/// Standard output for text a person reads, made safe for a terminal (through the
/// pager when there is one, see [`crate::pager`]).
pub fn stdout() -> SafeWriter<crate::pager::Output> {
    SafeWriter::new(crate::pager::Output)
}

/// Prints a value as pretty JSON on standard output (through the pager when there is one).
pub fn print_json(value: &impl Serialize) -> Result<()> {
    // Buffered: serde writes a token at a time.
    let mut out = io::BufWriter::new(crate::pager::Output);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// `--json` alone, for a command that has no other options.
#[derive(Debug, clap::Args)]
pub struct JsonArg {
    /// Print JSON: one object saying what was done.
    #[arg(long)]
    pub json: bool,
}

/// Reports what a change did: the sentence for a person on standard error, and with
/// `json` the object for a script (ids, counts, paths) on standard output.
pub fn report(json: bool, said: &str, value: &serde_json::Value) -> Result<()> {
    eprintln!("{}", safe_text(said));
    if json {
        print_json(value)?;
    }
    Ok(())
}

/// A UTC instant shown in the user's local time.
pub fn local_time(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A progress bar on standard error that appears only when there is work to show.
pub struct ProgressBar {
    message: &'static str,
    bar: Option<indicatif::ProgressBar>,
}

impl ProgressBar {
    /// A bar that will show `message` once progress is reported.
    pub fn new(message: &'static str) -> ProgressBar {
        ProgressBar { message, bar: None }
    }

    /// Moves the bar to `progress`, creating it on first use.
    pub fn update(&mut self, progress: Progress) {
        let message = self.message;
        let bar = self.bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(progress.total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message);
            bar
        });
        bar.set_length(progress.total as u64);
        bar.set_position(progress.done as u64);
    }

    /// Removes the bar from the terminal.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_controls_are_dropped_and_lines_kept() {
        let hostile =
            "Fine\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J words\r\n\tnext\u{9b}31m \u{202E}txt.exe";
        assert_eq!(
            safe_text(hostile),
            "Fine]52;c;ZXZpbA==[2J words\n\tnext31m txt.exe"
        );
        assert!(matches!(safe_text("café 🙂\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_writer_cleans_and_keeps_characters_split_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            let bytes = "é\u{1b}[31mx".as_bytes();
            w.write_all(&bytes[..1]).unwrap();
            w.write_all(&bytes[1..]).unwrap();
            w.flush().unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "é[31mx");
    }
}
