//! Closing the window with unsaved writing asks first (stay, save, keep the draft or
//! discard it), and closes straight away when nothing is unsaved.
//!
//! The window is asked to close the way a window manager's close button asks
//! ([`request_window_close`]): WebDriver's "close window" ends the web view without
//! the window ever being asked, so it cannot test this.

use anyhow::{Result, ensure};
use std::time::Duration;
use waymark_tests::{App, WINDOW_TITLE, plain_journal, request_window_close};

const TITLE: &str = "Closing thought";
const WHAT: &str = "The team asked for more time";

/// Asks the app's window to close, as its close button would.
fn close_button() -> Result<()> {
    let asked = request_window_close(WINDOW_TITLE)?;
    ensure!(asked > 0, "no Waymark window to close");
    Ok(())
}

/// Types into a new entry and waits until the shell has been told it is unsaved.
async fn start_writing(app: &App) -> Result<()> {
    app.click(".new-entry").await?;
    app.wait_for("#entry-title").await?;
    ensure!(
        app.all(".offer").await?.is_empty(),
        "a draft was offered in a fresh journal"
    );
    app.type_into("#entry-title", TITLE).await?;
    app.type_into("[data-field=what]", WHAT).await?;
    app.wait_for_text(".save-state", "Unsaved").await?;
    // The editor tells the shell a moment after it becomes dirty.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(())
}

/// Picks an answer that closes the window and waits for the app to end.
async fn answer_and_exit(app: &App, answer: &str) -> Result<()> {
    let button = app.wait_for(&format!("[data-answer={answer}]")).await?;
    // The window can be gone before WebDriver answers the click, so the click's own
    // reply proves nothing; the app ending does.
    let _ = button.click().await;
    app.wait_exited().await
}

/// Ends a test's app: its window may already have closed, taking the session with it.
async fn finish(app: App, closed_by_itself: bool) -> Result<()> {
    let ended = app.close().await;
    if closed_by_itself {
        return Ok(());
    }
    ended
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_window_with_unsaved_writing_asks_first() -> Result<()> {
    let data = plain_journal("close")?;

    // Closing asks; staying keeps the window and the writing; keeping the draft closes.
    let app = App::launch(&data).await?;
    let result = async {
        start_writing(&app).await?;
        close_button()?;
        app.wait_for_text("#question-title", "Close without saving?")
            .await?;
        app.click("[data-answer=stay]").await?;
        app.wait_gone("#question-title").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        ensure!(app.is_running(), "staying closed the app");
        ensure!(app.value("#entry-title").await? == TITLE);

        close_button()?;
        app.wait_for_text("#question-title", "Close without saving?")
            .await?;
        answer_and_exit(&app, "keep").await
    }
    .await;
    finish(app, result.is_ok()).await?;
    result?;

    // The kept draft is offered back; "Save and close" saves it before closing.
    let app = App::launch(&data).await?;
    let result = async {
        app.click(".new-entry").await?;
        app.wait_for(".offer").await?;
        app.click(".offer .primary").await?;
        let title = app.value("#entry-title").await?;
        ensure!(title == TITLE, "restored title {title:?}");
        let what = app.value("[data-field=what]").await?;
        ensure!(what == WHAT, "restored box {what:?}");
        app.wait_for_text(".save-state", "Unsaved").await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        close_button()?;
        app.wait_for_text("#question-title", "Close without saving?")
            .await?;
        answer_and_exit(&app, "save").await
    }
    .await;
    finish(app, result.is_ok()).await?;
    result?;

    // Saved, nothing offered back, and with nothing unsaved the window closes at once.
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;
        app.click(".new-entry").await?;
        app.wait_for("#entry-title").await?;
        ensure!(
            app.all(".offer").await?.is_empty(),
            "a saved draft was offered back"
        );
        close_button()?;
        app.wait_exited().await
    }
    .await;
    finish(app, result.is_ok()).await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}
