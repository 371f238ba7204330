//! An encrypted journal in the desktop app: it opens on the lock screen, which shows
//! nothing of the journal; a wrong passphrase is said as such; the right one opens it;
//! Lock closes it again.

use anyhow::{Context, Result, ensure};
use std::process::Command;
use waymark_tests::{App, cli_binary, fresh_data_dir};

const PASS: &str = "a long walk on the fells";
const TITLE: &str = "Quetzalcoatl forum";
const DRAFT: &str = "Half a thought about Zyzzogeton";

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

        // Writing not yet saved when the journal locks is kept, encrypted, and offered back.
        app.click(".new-entry").await?;
        app.type_into("#entry-title", DRAFT).await?;
        // The draft reaches the engine after a short pause in typing.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        app.click("[data-action=lock]").await?;
        app.wait_for("[data-lock-screen]").await?;
        let shown = app.texts("body").await?.join("\n");
        ensure!(
            !shown.contains(TITLE) && !shown.contains(DRAFT),
            "locked, but the journal shows: {shown}"
        );
        app.type_into("[data-unlock-passphrase]", PASS).await?;
        app.click("[data-action=unlock]").await?;
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;
        app.click(".new-entry").await?;
        app.wait_for_text(".offer", "You have unsaved writing")
            .await?;
        app.click(".offer button.primary").await?;
        ensure!(
            app.value("#entry-title").await? == DRAFT,
            "the kept writing came back"
        );

        // Away for the chosen time (2 s here, as the setting stores it): it locks itself.
        app.client
            .execute(
                "localStorage.setItem('waymark.idleLockSeconds', '2');",
                vec![],
            )
            .await?;
        app.wait_for("[data-lock-screen]").await?;
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

/// The first run: Waymark asks for a passphrase, shows the recovery key once and checks
/// it was written down; the next start opens on the lock screen.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_run_encrypts_the_journal_and_shows_the_recovery_key_once() -> Result<()> {
    let data = fresh_data_dir("first-run")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-setup-screen]").await?;
        app.type_into("[data-new-passphrase]", PASS).await?;
        app.type_into("[data-new-passphrase-again]", &format!("{PASS}!"))
            .await?;
        app.click("[data-action=encrypt-journal]").await?;
        app.wait_for_text("[data-setup-error]", "not the same")
            .await?;
        // Made the same: both are now the passphrase with "!" at the end.
        app.type_into("[data-new-passphrase]", "!").await?;
        app.click("[data-action=encrypt-journal]").await?;
        let key = app.wait_for("[data-recovery-key]").await?.text().await?;
        ensure!(key.len() == 39, "a recovery key in eight groups: {key:?}");
        app.screenshot("recovery-key").await?;
        ensure!(
            app.attr("[data-action=recovery-done]", "disabled")
                .await?
                .is_some(),
            "going on waits until the key is typed back"
        );
        let last_two: String = key.split('-').skip(6).collect::<Vec<_>>().join("-");
        app.type_into("[data-recovery-check]", &last_two.to_lowercase())
            .await?;
        app.click("[data-action=recovery-done]").await?;
        app.wait_for("[data-action=lock]").await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(key)
    }
    .await;
    app.close().await?;
    let key = result?;
    ensure!(
        data.join("journal.key").exists(),
        "the journal is encrypted"
    );
    // The passphrase forgotten: the recovery key sets a new one, then Settings changes it.
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-lock-screen]").await?;
        app.click("[data-action=use-recovery-key]").await?;
        app.type_into("[data-recovery-key-input]", &key).await?;
        app.type_into("[data-recover-new]", "remembered at last")
            .await?;
        app.type_into("[data-recover-again]", "remembered at last")
            .await?;
        app.click("[data-action=recover]").await?;
        app.wait_for("[data-action=lock]").await?;
        app.click("[data-nav=settings]").await?;
        app.type_into("#current-passphrase", "remembered at last")
            .await?;
        app.type_into("#fresh-passphrase", "third time lucky")
            .await?;
        app.type_into("#fresh-again", "third time lucky").await?;
        app.click("[data-action=change-passphrase]").await?;
        app.wait_for_text(".info.banner", "The passphrase is changed")
            .await?;
        app.click("[data-action=lock]").await?;
        app.type_into("[data-unlock-passphrase]", "third time lucky")
            .await?;
        app.click("[data-action=unlock]").await?;
        app.wait_for("[data-action=lock]").await?;
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
