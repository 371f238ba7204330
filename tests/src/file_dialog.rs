//! Answers the OS's own file dialogs (the GTK file chooser on Linux), which WebDriver
//! cannot reach, with X key presses from `xdotool` under the tests' X display.

use crate::WAIT;
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Keys that put the path field of a save dialog in front, its text selected (the
/// name field has the suggested name selected only in part).
pub const SAVE_KEYS: &[&str] = &["ctrl+a"];
/// Keys that open the location field of an open dialog, its text selected.
pub const OPEN_KEYS: &[&str] = &["ctrl+l", "ctrl+a"];

/// Runs `xdotool` with `args` and returns what it printed.
fn xdotool(args: &[&str]) -> Result<String> {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .context("could not run xdotool; install it (scripts/setup.sh does)")?;
    if !out.status.success() {
        bail!(
            "`xdotool {}` failed with {}: {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The ids of the shown X windows titled exactly `title`.
fn windows_titled(title: &str) -> Vec<String> {
    // `search` exits with 1 when nothing matches: that is "none yet", not an error.
    xdotool(&["search", "--onlyvisible", "--name", &format!("^{title}$")])
        .map(|out| out.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Waits for the file dialog titled `title`, gives it the keyboard, presses `keys`
/// (the ones that put a path field in front and select its text), types `path` and
/// presses Return; then waits for the dialog to close. A dialog still open a few
/// seconds later (GTK was not ready for the keys) is answered again.
pub async fn answer_file_dialog(title: &str, keys: &[&str], path: &Path) -> Result<()> {
    let path = path.to_str().context("the file's path is not UTF-8")?;
    answer_dialog(title, keys, path, &[]).await
}

/// Waits for the folder dialog titled `title` and chooses the existing folder `path`:
/// its path typed in the location field opens it (Return), and further Returns choose
/// the folder the dialog is in. GTK takes a typed folder only when the dialog started
/// in a real folder (not "Recent"), so the app under test needs a Documents folder.
pub async fn answer_folder_dialog(title: &str, path: &Path) -> Result<()> {
    let path = path.to_str().context("the folder's path is not UTF-8")?;
    let inside = format!("{}/", path.trim_end_matches('/'));
    answer_dialog(title, OPEN_KEYS, &inside, &["Return", "Return"]).await
}

/// Answers the dialog titled `title`: `keys`, then `path` typed, Return, then `then`.
async fn answer_dialog(title: &str, keys: &[&str], path: &str, then: &[&str]) -> Result<()> {
    let started = Instant::now();
    let window = loop {
        if let Some(window) = windows_titled(title).pop() {
            break window;
        }
        if started.elapsed() > WAIT {
            bail!("no file dialog titled {title:?} appeared within {WAIT:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    for attempt in 1..=3 {
        if attempt > 1 {
            eprintln!("the file dialog {title:?} is still open; answering it again");
        }
        // No window manager runs under xvfb, so the dialog is given the keyboard
        // directly (`windowactivate` would wait for a window manager that never answers).
        xdotool(&["windowfocus", "--sync", &window])?;
        // Let GTK finish setting the dialog up (its folder is still loading) before typing.
        tokio::time::sleep(Duration::from_millis(500)).await;
        for key in keys {
            xdotool(&["key", "--clearmodifiers", key])?;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        xdotool(&["type", "--delay", "30", path])?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["key", "Return"])?;
        for key in then {
            // Let the dialog open the folder typed before the next key.
            tokio::time::sleep(Duration::from_millis(800)).await;
            xdotool(&["key", "--clearmodifiers", key])?;
        }
        let answered = Instant::now();
        while answered.elapsed() < Duration::from_secs(5) {
            if windows_titled(title).is_empty() {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    bail!("the file dialog {title:?} was still open after typing {path:?} into it three times")
}
