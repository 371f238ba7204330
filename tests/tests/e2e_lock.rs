//! An encrypted journal in the desktop app: it opens on the lock screen, which shows
//! nothing of the journal; a wrong passphrase is said as such; the right one opens it;
//! Lock closes it again.

use anyhow::{Context, Result, ensure};
use std::process::Command;
use waymark_tests::{App, cli_binary, fresh_data_dir};

const PASS: &str = "a long walk on the fells";
const TITLE: &str = "Quetzalcoatl forum";

#[tokio::test(flavor = "multi_thread")]
async fn the_lock_screen_shows_nothing_until_the_passphrase_is_typed() -> Result<()> {
    let data = fresh_data_dir("lock")?;
    for args in [
        vec!["init"],
        vec!["add", "--title", TITLE, "--body", "Private words."],
    ] {
        let out = Command::new(cli_binary()?)
            .arg("--data-dir")
            .arg(&data)
            .args(&args)
            .env("WAYMARK_PASSPHRASE", PASS)
            .output()
            .context("could not run waymark")?;
        ensure!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-lock-screen]").await?;
        let shown = app.texts("body").await?.join("\n");
        ensure!(
            !shown.contains(TITLE),
            "the lock screen shows the journal: {shown}"
        );
        ensure!(
            !shown.contains(&data.display().to_string()),
            "the lock screen says where the journal is"
        );
        app.screenshot("lock-screen").await?;

        app.type_into("[data-unlock-passphrase]", "not the passphrase")
            .await?;
        app.click("[data-action=unlock]").await?;
        app.wait_for_text("[data-unlock-error]", "does not unlock this journal")
            .await?;
        app.type_into("[data-unlock-passphrase]", PASS).await?;
        app.click("[data-action=unlock]").await?;
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;

        app.click("[data-action=lock]").await?;
        app.wait_for("[data-lock-screen]").await?;
        let shown = app.texts("body").await?.join("\n");
        ensure!(
            !shown.contains(TITLE),
            "locked, but the title shows: {shown}"
        );
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
