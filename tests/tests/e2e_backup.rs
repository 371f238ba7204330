//! Backups from Settings: no backups is said as a warning; a folder chosen (here with
//! `waymark backup --to`, which the desktop remembers) shows with its last backup, and
//! Back up now makes another there; a backup in the list is restored into a new folder
//! beside the journal, and exports the same as the journal; a restored journal can be
//! put in use, and the one used until then is kept whole beside it.

use anyhow::{Context, Result, ensure};
use waymark_tests::{
    App, WINDOW_TITLE, fresh_data_dir, plain_journal, request_window_close, waymark,
};

#[tokio::test(flavor = "multi_thread")]
async fn settings_warns_without_backups_and_backs_up_now_to_the_chosen_folder() -> Result<()> {
    let data = plain_journal("backup")?;
    let folder = fresh_data_dir("backup-folder")?;
    waymark(
        &data,
        &["add", "--title", "Kept safe", "--body", "Backed up words."],
        &[],
    )?;
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

    let folder_arg = folder.display().to_string();
    waymark(&data, &["backup", "--to", &folder_arg], &[])?;

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
        app.wait_for_text(".info.banner", "Backed up 1 entry to")
            .await?;
        app.wait_for_text("[data-last-backup]", "(2 kept)").await?;
        app.screenshot("backups").await?;
        // The newest backup, restored beside the journal; the journal is left as it is.
        app.click("[data-backup-list] li:first-child [data-action=restore-backup]")
            .await?;
        app.wait_for_text("[data-restored]", "Your journal here is unchanged")
            .await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let restored = std::fs::read_dir(data.parent().context("a parent folder")?)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!("{name}-restored-"))
            })
        })
        .context("the backup was restored into a folder beside the journal")?;
    let export = |dir: &std::path::Path| -> Result<serde_json::Value> {
        let file = folder.join("export.json");
        let file_arg = file.display().to_string();
        waymark(
            dir,
            &["export", "--format", "json", "--out", &file_arg],
            &[],
        )?;
        let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file)?)?;
        std::fs::remove_file(&file)?;
        // When each export was made differs; what is in them must not.
        v["exported_at"] = serde_json::Value::Null;
        Ok(v)
    };
    ensure!(
        export(&restored)? == export(&data)?,
        "the restored journal exports the same as the journal"
    );
    let _ = std::fs::remove_dir_all(&restored);
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

#[tokio::test(flavor = "multi_thread")]
async fn a_restored_backup_is_put_in_use_and_the_journal_it_replaces_is_kept() -> Result<()> {
    let data = plain_journal("backup-swap")?;
    let folder = fresh_data_dir("backup-swap-folder")?;
    let folder_arg = folder.display().to_string();
    waymark(
        &data,
        &[
            "add",
            "--title",
            "In the backup",
            "--body",
            "Backed up words.",
        ],
        &[],
    )?;
    waymark(&data, &["backup", "--to", &folder_arg], &[])?;
    waymark(
        &data,
        &[
            "add",
            "--title",
            "Written after the backup",
            "--body",
            "Newer words.",
        ],
        &[],
    )?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for_text(".entry-card .entry-title", "Written after the backup")
            .await?;
        app.click("[data-nav=settings]").await?;
        app.click("[data-backup-list] li:first-child [data-action=restore-backup]")
            .await?;
        app.wait_for_text("[data-restored]", "Your journal here is unchanged")
            .await?;
        app.click("[data-action=use-restored]").await?;
        app.click("[data-answer=use]").await?;
        app.wait_for_text(".banner", "You are now using the restored journal")
            .await?;
        app.wait_gone("[data-restored]").await?;
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card .entry-title", "In the backup")
            .await?;
        let titles = app.texts(".entry-card .entry-title").await?;
        ensure!(
            titles == ["In the backup"],
            "the journal shown is the backup's: {titles:?}"
        );
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    // The journal used before is whole in a folder beside it; the usual folder holds
    // the restored one, as the `waymark` command sees too.
    let name = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kept = std::fs::read_dir(data.parent().context("a parent folder")?)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy()
                    .starts_with(&format!("{name}-before-restore-"))
            })
        })
        .context("the journal used before was kept beside it")?;
    let listed = |dir: &std::path::Path| waymark(dir, &["list", "--json"], &[]);
    let before = listed(&kept)?;
    ensure!(
        before.contains("Written after the backup") && before.contains("In the backup"),
        "the kept journal has both reflections: {before}"
    );
    let now = listed(&data)?;
    ensure!(
        !now.contains("Written after the backup") && now.contains("In the backup"),
        "the journal in use is the backup's: {now}"
    );
    for dir in [data, folder, kept] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
