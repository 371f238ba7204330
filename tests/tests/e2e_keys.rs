//! Keys in the desktop app: a plain journal is encrypted from Settings (its recovery key
//! shown once and checked); "Remember on this computer" makes the next start open
//! without the passphrase, from Settings and from the lock screen; forgetting brings the
//! lock screen back. Needs a credential store: the test command starts one of its own
//! (`scripts/with-keyring.sh`).

use anyhow::{Result, ensure};
use std::path::Path;
use waymark_tests::{App, plain_journal, waymark};

const PASS: &str = "a long walk on the fells";
const TITLE: &str = "Hosting the neighbourhood forum";

/// `waymark` on `data` with the passphrase at hand.
fn waymark_with_pass(data: &Path, args: &[&str]) -> Result<String> {
    waymark(data, args, &[("WAYMARK_PASSPHRASE", PASS)])
}

/// Encrypts the open plain journal from Settings, checks the recovery key is shown
/// once and typed back, then asks this computer to remember it.
async fn encrypt_and_remember(app: &App) -> Result<()> {
    app.wait_for_text(".entry-card .entry-title", TITLE).await?;
    app.click("[data-nav=settings]").await?;
    app.wait_for("[data-encrypt-settings]").await?;
    app.type_into("[data-encrypt-passphrase]", PASS).await?;
    app.type_into("[data-encrypt-again]", PASS).await?;
    app.click("[data-action=encrypt]").await?;
    let key = app.wait_for("[data-recovery-key]").await?.text().await?;
    ensure!(key.len() == 39, "a recovery key in eight groups: {key:?}");
    let last_two = key.split('-').skip(6).collect::<Vec<_>>().join("-");
    app.type_into("[data-recovery-check]", &last_two).await?;
    app.click("[data-action=recovery-done]").await?;
    app.wait_for_text(".info.banner", "Your journal is encrypted")
        .await?;
    app.wait_for("[data-lock-settings]").await?;
    ensure!(
        app.all("[data-encrypt-settings]").await?.is_empty(),
        "an encrypted journal is not offered encryption again"
    );
    app.click("[data-action=remember]").await?;
    app.wait_for("[data-remembered]").await?;
    Ok(())
}

/// Remembered: the journal opened without the lock screen; then forgets it.
async fn opens_remembered_then_forget(app: &App) -> Result<()> {
    app.wait_for_text(".entry-card .entry-title", TITLE).await?;
    ensure!(
        app.all("[data-lock-screen]").await?.is_empty(),
        "no lock screen"
    );
    app.click("[data-nav=settings]").await?;
    app.click("[data-action=forget]").await?;
    app.wait_for("[data-action=remember]").await?;
    Ok(())
}

/// Forgotten: the lock screen; unlocking with "remember" ticked remembers it again.
async fn unlock_and_remember(app: &App) -> Result<()> {
    app.wait_for("[data-lock-screen]").await?;
    app.type_into("[data-unlock-passphrase]", PASS).await?;
    app.click("[data-remember]").await?;
    app.wait_for("[data-remember-warning]").await?;
    app.click("[data-action=unlock]").await?;
    app.wait_for_text(".entry-card .entry-title", TITLE).await?;
    Ok(())
}

/// Opened straight on the journal.
async fn opens_unlocked(app: &App) -> Result<()> {
    app.wait_for_text(".entry-card .entry-title", TITLE).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_journal_is_encrypted_from_settings_and_remembered_until_forgotten() -> Result<()> {
    let data = plain_journal("keys")?;
    waymark_with_pass(
        &data,
        &["add", "--title", TITLE, "--body", "Private words."],
    )?;

    let app = App::launch(&data).await?;
    let step = encrypt_and_remember(&app).await;
    app.finish(step).await?;
    ensure!(
        data.join("journal.key").exists(),
        "the journal is encrypted"
    );

    let app = App::launch(&data).await?;
    let step = opens_remembered_then_forget(&app).await;
    app.finish(step).await?;

    let app = App::launch(&data).await?;
    let step = unlock_and_remember(&app).await;
    app.finish(step).await?;

    let app = App::launch(&data).await?;
    let step = opens_unlocked(&app).await;
    app.finish(step).await?;

    // The terminal sees the same: remembered, it needs no passphrase; then forgotten.
    ensure!(waymark(&data, &["list"], &[])?.contains(TITLE));
    waymark_with_pass(&data, &["forget"])?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
