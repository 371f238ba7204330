//! Moving a journal in the real desktop app: export it to a Waymark file, then import
//! that file into a fresh journal and find the same reflections there.
//!
//! Export and import go through the OS's own file dialogs, answered with
//! [`waymark_tests::file_dialog`].

use anyhow::{Context, Result, ensure};
use std::path::Path;
use std::process::Command;
use waymark_tests::file_dialog::{OPEN_KEYS, SAVE_KEYS, answer_file_dialog};
use waymark_tests::{App, cli_binary, fresh_data_dir, plain_journal};

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

/// The encrypted export's own passphrase.
const PASSPHRASE: &str = "a long walk on the fells";

#[tokio::test(flavor = "multi_thread")]
async fn a_journal_exported_to_a_file_and_imported_into_a_fresh_journal_has_the_same_entries()
-> Result<()> {
    let first = plain_journal("transfer-from")?;
    let second = plain_journal("transfer-to")?;
    let out_dir = fresh_data_dir("transfer-file")?;
    let file = out_dir.join("my-journal.json");
    let sealed = out_dir.join("my-journal.json.age");
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
        answer_file_dialog("Export your journal", SAVE_KEYS, &file).await?;
        app.wait_for_text(".info.banner", "Exported 2 entries to")
            .await?;
        let banner = app.texts(".info.banner").await?.join(" ");
        ensure!(
            banner.contains(&file.display().to_string()),
            "the export message should name {}: {banner:?}",
            file.display()
        );
        // And encrypted, with a passphrase of its own.
        app.type_into("[data-file-passphrase]", PASSPHRASE).await?;
        app.click("[data-action=export-encrypted]").await?;
        answer_file_dialog("Export your journal", SAVE_KEYS, &sealed).await?;
        app.wait_for_text(".info.banner", "encrypted, to").await?;
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
    let locked = std::fs::read(&sealed).context("the encrypted export wrote nothing")?;
    for title in TITLES {
        ensure!(
            !locked.windows(title.len()).any(|w| w == title.as_bytes()),
            "the encrypted export shows {title:?}"
        );
    }

    // Import into a fresh journal, typing the file's path into the open dialog.
    let app = App::launch(&second).await?;
    let result = async {
        app.wait_for("[data-welcome]").await?;
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=import-json]").await?;
        // Ctrl+L opens the location field, where a path can be typed.
        answer_file_dialog("Import a Waymark journal file", OPEN_KEYS, &file).await?;
        app.wait_for_text(
            ".info.banner",
            "Imported: 2 new, 0 updated, 0 already here.",
        )
        .await?;
        app.wait_for_text("[data-entries]", "2 entries in your journal")
            .await?;
        // The encrypted export opens with its passphrase: the same two, already here.
        app.type_into("[data-file-passphrase]", PASSPHRASE).await?;
        app.click("[data-action=import-json]").await?;
        answer_file_dialog("Import a Waymark journal file", OPEN_KEYS, &sealed).await?;
        app.wait_for_text(
            ".info.banner",
            "Imported: 0 new, 0 updated, 2 already here.",
        )
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
