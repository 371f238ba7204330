//! Backups from Settings: no backups is said as a warning; a folder chosen (here with
//! `waymark backup --to`, which the desktop remembers) shows with its last backup, and
//! Back up now makes another there.

use anyhow::{Context, Result, ensure};
use std::process::Command;
use waymark_tests::{
    App, WINDOW_TITLE, cli_binary, fresh_data_dir, plain_journal, request_window_close,
};

#[tokio::test(flavor = "multi_thread")]
async fn settings_warns_without_backups_and_backs_up_now_to_the_chosen_folder() -> Result<()> {
    let data = plain_journal("backup")?;
    let folder = fresh_data_dir("backup-folder")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.wait_for_text("[data-backup-warning]", "no backups yet")
            .await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    let out = Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(&data)
        .args(["backup", "--to"])
        .arg(&folder)
        .output()
        .context("could not run waymark backup")?;
    ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let app = App::launch(&data).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.wait_for_text("[data-backup-folder]", &folder.display().to_string())
            .await?;
        app.wait_for_text("[data-last-backup]", "(1 kept)").await?;
        ensure!(
            app.all("[data-backup-warning]").await?.is_empty(),
            "a fresh backup: no warning"
        );
        app.click("[data-action=backup-now]").await?;
        app.wait_for_text(".info.banner", "Backed up 0 entries to")
            .await?;
        app.wait_for_text("[data-last-backup]", "(2 kept)").await?;
        app.screenshot("backups").await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    // Closing the app made no third: one was made today already.
    ensure!(
        std::fs::read_dir(&folder)?.count() == 2,
        "at most one a day on quit"
    );
    // With none there, closing the app makes one.
    for old in std::fs::read_dir(&folder)? {
        std::fs::remove_dir_all(old?.path())?;
    }
    let app = App::launch(&data).await?;
    app.wait_for("[data-nav=settings]").await?;
    // Closed as its close button would (WebDriver's own close skips the app's exit).
    ensure!(
        request_window_close(WINDOW_TITLE)? > 0,
        "no Waymark window to close"
    );
    app.wait_exited().await?;
    app.close().await?;
    ensure!(
        std::fs::read_dir(&folder)?.count() == 1,
        "a backup is made on quit"
    );
    for dir in [data, folder] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
