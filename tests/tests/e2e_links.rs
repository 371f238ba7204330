//! A link in a reflection (or a coach's comment) never takes the window away from
//! Waymark: clicking it asks first and shows the address, and nothing, not even a
//! script, loads another page in the window.

use anyhow::{Context, Result, ensure};
use std::process::{Command, Stdio};
use std::time::Duration;
use waymark_tests::{App, cli_binary, plain_journal};

/// The page the window shows now.
async fn location(app: &App) -> Result<String> {
    let href = app
        .client
        .execute("return window.location.href;", vec![])
        .await?;
    Ok(href.as_str().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_asks_before_leaving_and_the_window_stays_on_the_app() -> Result<()> {
    let data = plain_journal("links")?;
    let status = Command::new(cli_binary()?)
        .args(["add", "--title", "Forum notes", "--date", "2026-03-04"])
        .args([
            "--body",
            "The [forum's notes](https://example.org/forum) are online.",
        ])
        .env("WAYMARK_DATA_DIR", &data)
        .stdout(Stdio::null())
        .status()
        .context("could not run `waymark add`")?;
    ensure!(status.success(), "`waymark add` failed: {status}");
    let app = App::launch(&data).await?;
    let result = async {
        app.click(".entry-card").await?;
        let link = app
            .wait_for_text("a[href='https://example.org/forum']", "forum's notes")
            .await?;
        let home = location(&app).await?;
        link.click().await?;
        app.wait_for_text("#question-title", "Open a link outside Waymark?")
            .await?;
        let asked = app.texts(".question-text").await?.join(" ");
        ensure!(
            asked.contains("https://example.org/forum"),
            "the question shows the address: {asked:?}"
        );
        app.screenshot("link-question").await?;
        app.click("[data-answer=cancel]").await?;
        app.wait_gone("#question-title").await?;
        ensure!(location(&app).await? == home, "the window left the app");

        // Not even a script can load another page in the window.
        app.client
            .execute(
                "window.location.href = 'https://example.org/elsewhere';",
                vec![],
            )
            .await?;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let now = location(&app).await?;
        ensure!(now == home, "the window went to {now}");
        app.wait_for_text("a[href='https://example.org/forum']", "forum's notes")
            .await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}
