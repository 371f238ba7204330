//! A second launch of the desktop app brings the window already open forward and
//! exits, leaving that window working and the journal open once.

use anyhow::{Context, Result, bail, ensure};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};
use waymark_tests::{
    App, WINDOW_TITLE, add_demo, apps_on, desktop_command, focus_root_window, focused_window_title,
    plain_journal,
};

/// How long the second launch may take to hand over and exit.
const HAND_OVER: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread")]
async fn a_second_launch_focuses_the_open_window_and_exits() -> Result<()> {
    let data = plain_journal("single-instance")?;
    add_demo(&data, 3)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        let first = apps_on(&data);
        ensure!(
            first.len() == 1,
            "one app should run on the journal: {first:?}"
        );
        // The focus elsewhere first, so taking it back shows the hand-over reached
        // the window.
        focus_root_window()?;
        let focused = focused_window_title()?;
        ensure!(
            focused.as_deref() != Some(WINDOW_TITLE),
            "the window kept the focus: {focused:?}"
        );

        let status = launch_again(&data).await?;
        ensure!(
            status.success(),
            "the second launch ended with {}; it said:\n{}",
            describe(status),
            second_log(&data)
        );
        wait_for_focus(WINDOW_TITLE).await?;

        // The open window still does what it is asked, on the same journal.
        app.click("[data-nav=search]").await?;
        app.wait_for("#search-box").await?;
        app.click("[data-nav=journal]").await?;
        app.wait_for(".entry-card").await?;
        let rows = app.all(".entry-card").await?.len();
        ensure!(rows == 3, "the journal list shows {rows} rows, not 3");
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "the window shows errors: {errors:?}");

        let after = apps_on(&data);
        ensure!(
            after == first,
            "only the first app should run on the journal: {first:?} before, {after:?} after"
        );
        anyhow::Ok(())
    }
    .await;
    let closed = app.close().await;
    let _ = std::fs::remove_dir_all(&data);
    result?;
    closed
}

/// Where the second launch's output goes (inside the journal folder, so it is
/// removed with it).
fn second_log_path(data: &Path) -> std::path::PathBuf {
    data.join("second-launch.log")
}

/// What the second launch printed, for a failure's message.
fn second_log(data: &Path) -> String {
    std::fs::read_to_string(second_log_path(data)).unwrap_or_else(|e| format!("(no log: {e})"))
}

/// Starts the app again on `data` as a plain process, with the environment the first
/// was given, and waits for it to exit.
async fn launch_again(data: &Path) -> Result<ExitStatus> {
    let log = std::fs::File::create(second_log_path(data))?;
    let mut second = desktop_command(data)?
        // The plugin forwards the working folder to the first app; any will do.
        .current_dir(data)
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .context("could not start the app a second time")?;
    let started = Instant::now();
    loop {
        if let Some(status) = second.try_wait()? {
            return Ok(status);
        }
        if started.elapsed() > HAND_OVER {
            let _ = second.kill();
            let _ = second.wait();
            bail!(
                "the second launch was still running after {HAND_OVER:?}; it said:\n{}",
                second_log(data)
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the window titled `title` holds the X11 input focus.
async fn wait_for_focus(title: &str) -> Result<()> {
    let started = Instant::now();
    loop {
        let focused = focused_window_title()?;
        if focused.as_deref() == Some(title) {
            return Ok(());
        }
        if started.elapsed() > HAND_OVER {
            bail!("the {title:?} window never took the focus; {focused:?} has it");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An exit status in words, naming the signal when one ended the process.
fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!(
            "signal {signal}{}",
            if status.core_dumped() {
                " (core dumped)"
            } else {
                ""
            }
        ),
        _ => status.to_string(),
    }
}
