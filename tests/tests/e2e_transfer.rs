//! Moving a journal in the real desktop app: export it to a Waymark file, then import
//! that file into a fresh journal and find the same reflections there.
//!
//! Export and import go through the OS's own file dialogs (the GTK file chooser on
//! Linux), which WebDriver cannot reach; the test answers them with X key presses
//! from `xdotool`, under the same X display the tests run in.

use anyhow::{Context, Result, bail, ensure};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use waymark_tests::{App, WAIT, cli_binary, fresh_data_dir};

const TITLES: [&str; 2] = [
    "Chairing the winter planning day",
    "A hard conversation with Sam",
];

/// Writes the two reflections into `data` through the `waymark` command.
fn add_reflections(data: &Path) -> Result<()> {
    for (title, body) in TITLES.iter().zip([
        "I let the team set the priorities and kept to time.",
        "I named the problem early and we agreed a plan together.",
    ]) {
        let status = Command::new(cli_binary()?)
            .arg("--data-dir")
            .arg(data)
            .args(["add", "--title", title, "--body", body])
            .stdout(std::process::Stdio::null())
            .status()
            .context("could not run `waymark add`")?;
        ensure!(status.success(), "`waymark add` failed with {status}");
    }
    Ok(())
}

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
async fn answer_file_dialog(title: &str, keys: &[&str], path: &Path) -> Result<()> {
    let path = path.to_str().context("the file's path is not UTF-8")?;
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

#[tokio::test(flavor = "multi_thread")]
async fn a_journal_exported_to_a_file_and_imported_into_a_fresh_journal_has_the_same_entries()
-> Result<()> {
    let first = fresh_data_dir("transfer-from")?;
    let second = fresh_data_dir("transfer-to")?;
    let out_dir = fresh_data_dir("transfer-file")?;
    let file = out_dir.join("my-journal.json");
    add_reflections(&first)?;

    // Export from the first journal, saving where the dialog is told to.
    let app = App::launch(&first).await?;
    let result = async {
        app.click("[data-nav=journal]").await?;
        for title in TITLES {
            app.wait_for_text(".entry-card .entry-title", title).await?;
        }
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=export-json]").await?;
        // The name field has the suggested name selected in part: select it all first.
        answer_file_dialog("Export your journal", &["ctrl+a"], &file).await?;
        app.wait_for_text(".info.banner", "Exported 2 entries to")
            .await?;
        let banner = app.texts(".info.banner").await?.join(" ");
        ensure!(
            banner.contains(&file.display().to_string()),
            "the export message should name {}: {banner:?}",
            file.display()
        );
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    let written = std::fs::read_to_string(&file)
        .with_context(|| format!("the export did not write {}", file.display()))?;
    for title in TITLES {
        ensure!(written.contains(title), "the exported file lacks {title:?}");
    }

    // Import into a fresh journal, typing the file's path into the open dialog.
    let app = App::launch(&second).await?;
    let result = async {
        app.wait_for("[data-welcome]").await?;
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=import-json]").await?;
        // Ctrl+L opens the location field, where a path can be typed.
        answer_file_dialog(
            "Import a Waymark journal file",
            &["ctrl+l", "ctrl+a"],
            &file,
        )
        .await?;
        app.wait_for_text(
            ".info.banner",
            "Imported: 2 new, 0 updated, 0 already here.",
        )
        .await?;
        app.wait_for_text("[data-entries]", "2 entries in your journal")
            .await?;
        app.click("[data-nav=journal]").await?;
        for title in TITLES {
            app.wait_for_text(".entry-card .entry-title", title).await?;
        }
        // The cards are buttons, whose text WebKitWebDriver does not report: read the DOM's.
        let mut shown = Vec::new();
        for card in app.all(".entry-card .entry-title").await? {
            shown.push(
                card.prop("textContent")
                    .await?
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            );
        }
        shown.sort();
        let mut wanted = TITLES.map(str::to_owned).to_vec();
        wanted.sort();
        ensure!(shown == wanted, "the imported journal lists {shown:?}");
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    for dir in [first, second, out_dir] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
