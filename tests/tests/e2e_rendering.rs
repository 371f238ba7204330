//! On a Linux computer without a GPU the app draws its window without OpenGL (which
//! would run on the CPU's software rasteriser and slow typing), keeps working, and
//! leaves a person's own choice of WebKit's switch alone.

use anyhow::{Result, ensure};
use std::path::Path;
use waymark_tests::{App, add_demo, apps_on, apps_with_env, plain_journal};

/// WebKitGTK's switch for drawing without OpenGL compositing.
const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether this computer has a GPU render node, the app's test for a GPU.
fn has_render_node() -> bool {
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// The app on `data` has `SWITCH` set to `value` (or unset, for `None`), and its
/// window lists the journal and searches it.
async fn check(app: &App, data: &Path, value: Option<&str>) -> Result<()> {
    app.wait_for(".entry-card").await?;
    let running = apps_on(data);
    ensure!(running.len() == 1, "one app should run: {running:?}");
    let with = |v: &str| apps_with_env(&format!("{SWITCH}={v}"));
    match value {
        Some(v) => ensure!(with(v) == running, "the app should run with {SWITCH}={v}"),
        None => ensure!(
            !with("1").contains(&running[0]) && !with("0").contains(&running[0]),
            "with a GPU the app should leave {SWITCH} unset"
        ),
    }
    let titles = app.texts(".entry-card .entry-title").await?;
    ensure!(
        titles.len() == 3,
        "the journal list shows {} rows, not 3",
        titles.len()
    );
    // A word read from the list, so the search has something to find whatever the
    // sample reflections say.
    let word = longest_word(&titles[0]);
    ensure!(word.len() >= 3, "no word to search for in {:?}", titles[0]);
    app.click("[data-nav=search]").await?;
    app.wait_for("#search-box").await?.send_keys(&word).await?;
    app.wait_for(".hit").await?;
    let errors = app.errors().await?;
    ensure!(errors.is_empty(), "the window shows errors: {errors:?}");
    Ok(())
}

/// The longest run of letters in `text`, lowercased.
fn longest_word(text: &str) -> String {
    text.split(|c: char| !c.is_alphabetic())
        .max_by_key(|w| w.chars().count())
        .unwrap_or_default()
        .to_lowercase()
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_gpu_the_window_draws_without_opengl_unless_told_otherwise() -> Result<()> {
    let data = plain_journal("rendering")?;
    add_demo(&data, 3)?;
    let expected = if has_render_node() { None } else { Some("1") };
    let result = async {
        let app = App::launch(&data).await?;
        let checked = check(&app, &data, expected).await;
        app.close().await?;
        checked?;

        // "0" is the person saying: keep OpenGL. The app must not override it.
        let app = App::launch_with_env(&data, &[(SWITCH, "0")]).await?;
        let checked = check(&app, &data, Some("0")).await;
        app.close().await?;
        checked
    }
    .await;
    let _ = std::fs::remove_dir_all(&data);
    result
}
