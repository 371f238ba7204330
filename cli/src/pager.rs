//! Long output through a pager on a terminal, as git does: the user's `PAGER` (else
//! `less`), with `LESS=FRX` when `LESS` is not set, so output shorter than a screen is
//! printed as it is, colours pass through and the screen is not cleared afterwards.
//!
//! Off when standard output is not a terminal (a pipe, a file), with `--no-pager`, or
//! when `PAGER` is empty or `cat`. The pager is started at the first byte written, so a
//! command that fails before printing, or prints only messages on standard error, never
//! starts one. Quitting the pager early closes its pipe: the command's next write is
//! then a broken pipe, which ends it quietly with success, as `waymark list | head` does.

use std::ffi::OsStr;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The pager when `PAGER` is not set: `less` where it is usual; none on Windows, which
/// has no pager worth the name unless the user names one.
const DEFAULT_PAGER: Option<&str> = if cfg!(windows) { None } else { Some("less") };

/// The pager command to run, or `None` for output straight to the terminal.
///
/// `pager` is the value of `PAGER` (`None` when unset). A pure function, so the rules
/// are tested without a terminal.
pub fn choose(no_pager: bool, stdout_is_terminal: bool, pager: Option<&OsStr>) -> Option<String> {
    if no_pager || !stdout_is_terminal {
        return None;
    }
    let command = match pager {
        Some(value) => value.to_string_lossy().trim().to_owned(),
        None => DEFAULT_PAGER?.to_owned(),
    };
    (!command.is_empty() && command != "cat").then_some(command)
}

/// Where standard output goes for the rest of the command.
enum State {
    /// Straight to standard output.
    Direct,
    /// Through this pager, once something is written.
    Wanted(String),
    /// Through a pager that is running.
    Running {
        child: Child,
        input: BufWriter<ChildStdin>,
    },
}

static STATE: Mutex<State> = Mutex::new(State::Direct);

fn state() -> MutexGuard<'static, State> {
    // A panic while writing leaves nothing half-done that matters here.
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Sends what the command prints through a pager, when [`choose`] picks one for this
/// command line (`no_pager`), this terminal and `PAGER`.
pub fn use_for_output(no_pager: bool) {
    let stdout_is_terminal = io::stdout().is_terminal();
    let pager = std::env::var_os("PAGER");
    if let Some(command) = choose(no_pager, stdout_is_terminal, pager.as_deref()) {
        *state() = State::Wanted(command);
    }
}

/// Characters that make a pager command a job for the shell (as git decides).
const SHELL_CHARACTERS: &[char] = &[
    '|', '&', ';', '<', '>', '(', ')', '$', '`', '\\', '"', '\'', '*', '?', '[', '#', '~', '=', '%',
];

/// Starts `command`: run directly when it is only a program and its arguments (`less
/// -S`), so a pager that is not installed is noticed and the output printed instead;
/// through the shell when it needs one (`PAGER="less | tee log"`).
fn spawn(command: &str) -> io::Result<Child> {
    let mut shell = if command.contains(SHELL_CHARACTERS) {
        let (shell, flag) = if cfg!(windows) {
            ("cmd", "/C")
        } else {
            ("sh", "-c")
        };
        let mut cmd = Command::new(shell);
        cmd.arg(flag).arg(command);
        cmd
    } else {
        let mut words = command.split_whitespace();
        let program = words.next().ok_or(io::ErrorKind::NotFound)?;
        let mut cmd = Command::new(program);
        cmd.args(words);
        cmd
    };
    if std::env::var_os("LESS").is_none() {
        shell.env("LESS", "FRX");
    }
    shell.stdin(Stdio::piped()).spawn()
}

/// Standard output, through the pager when one is wanted: what [`crate::output`]
/// writes everything a command prints to.
pub struct Output;

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut state = state();
        if let State::Wanted(command) = &*state {
            *state = match spawn(command) {
                Ok(mut child) => match child.stdin.take() {
                    Some(stdin) => State::Running {
                        child,
                        input: BufWriter::new(stdin),
                    },
                    None => State::Direct,
                },
                // No such pager (no `less` installed, say): print as if there were none.
                Err(_) => State::Direct,
            };
        }
        match &mut *state {
            State::Running { input, .. } => input.write(buf),
            _ => io::stdout().lock().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut *state() {
            State::Running { input, .. } => input.flush(),
            _ => io::stdout().lock().flush(),
        }
    }
}

/// Ends the output: closes the pager's input and waits for the reader to quit it, so
/// the shell's prompt (and any error message) comes after the pager, not under it.
pub fn finish() {
    let previous = std::mem::replace(&mut *state(), State::Direct);
    if let State::Running { mut child, input } = previous {
        // The reader may have quit already: nothing is left to show them then.
        let _ = input.into_inner().map(drop);
        let _ = child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pager_only_on_a_terminal_and_never_when_asked_not_to() {
        let less = Some(OsStr::new("less -S"));
        assert_eq!(choose(false, true, less), Some("less -S".to_owned()));
        assert_eq!(choose(false, false, less), None, "piped");
        assert_eq!(choose(true, true, less), None, "--no-pager");
        assert_eq!(choose(false, true, Some(OsStr::new(""))), None);
        assert_eq!(choose(false, true, Some(OsStr::new("  "))), None);
        assert_eq!(choose(false, true, Some(OsStr::new("cat"))), None);
        assert_eq!(
            choose(false, true, None),
            DEFAULT_PAGER.map(str::to_owned),
            "PAGER unset"
        );
    }
}
