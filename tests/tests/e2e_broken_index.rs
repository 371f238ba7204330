//! A search index that cannot be written (a full disk, a folder gone read-only) never
//! stops the leader writing or reading: the app opens, a save is saved and says that
//! search is behind, and the journal lists it.

use anyhow::{Context, Result, ensure};
use std::process::{Command, Stdio};
use waymark_tests::{App, cli_binary, plain_journal};

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn a_save_with_a_broken_index_is_saved_and_says_search_is_behind() -> Result<()> {
    let data = plain_journal("broken-index")?;
    let status = Command::new(cli_binary()?)
        .args(["add", "--title", "Written before", "--body", "alpha"])
        .env("WAYMARK_DATA_DIR", &data)
        .stdout(Stdio::null())
        .status()
        .context("could not run `waymark add`")?;
    ensure!(status.success(), "`waymark add` failed: {status}");
    // The index's place can no longer be written: a link to where nothing can be.
    let index = data.join("index");
    std::fs::remove_dir_all(&index)?;
    std::os::unix::fs::symlink("/dev/null/nowhere", &index)?;

    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for_text(".entry-card .entry-title", "Written before")
            .await?;
        app.click(".new-entry").await?;
        app.type_into("#entry-title", "Written while the disk was full")
            .await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text(
            ".error.banner",
            "Saved “Written while the disk was full”, but it cannot be searched yet",
        )
        .await?;
        let said = app.texts(".error.banner").await?.join(" ");
        ensure!(said.contains("your reflections are safe"), "{said:?}");
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(
            ".entry-card .entry-title",
            "Written while the disk was full",
        )
        .await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_file(&index);
    let _ = std::fs::remove_dir_all(&data);
    result
}
