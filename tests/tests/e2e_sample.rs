//! Exploring the sample reflections in the real desktop app: a separate journal beside
//! the leader's own, clearly marked, with a way back.

use anyhow::{Result, ensure};
use std::path::PathBuf;
use waymark_tests::{App, plain_journal};

/// Where the app keeps the sample journal for a data folder: beside it, `-sample` added.
fn sample_dir_of(data: &std::path::Path) -> PathBuf {
    let mut name = data.file_name().unwrap_or_default().to_os_string();
    name.push("-sample");
    data.with_file_name(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn exploring_the_sample_shows_its_reflections_under_a_banner_and_leads_back() -> Result<()> {
    let data = plain_journal("sample")?;
    let sample = sample_dir_of(&data);
    if sample.exists() {
        std::fs::remove_dir_all(&sample)?;
    }
    let app = App::launch(&data).await?;
    let result = async {
        // First run offers both ways in.
        app.wait_for("[data-welcome] [data-action=start-writing]")
            .await?;
        app.click("[data-welcome] [data-action=explore-sample]")
            .await?;

        // The sample: its reflections listed, under a banner that says whose they are.
        app.wait_for_text(
            "[data-sample-banner]",
            "You are exploring sample reflections — they are not yours",
        )
        .await?;
        app.wait_for(".entry-card").await?;
        let loaded: usize = app
            .attr(".list-scroll", "data-loaded")
            .await?
            .unwrap_or_default()
            .parse()
            .unwrap_or_default();
        ensure!(loaded > 0, "no sample entries loaded");
        ensure!(
            sample.join("journal.sqlite3").exists(),
            "the sample journal is not in {}",
            sample.display()
        );
        app.wait_for_text(".where", &sample.display().to_string())
            .await?;
        app.screenshot("sample").await?;

        // Search works on the sample, too; its filters write terms of the query.
        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "trust").await?;
        app.wait_for("[data-hit]").await?;
        app.wait_for("[data-chip=theme]")
            .await?
            .select_by_value("relating-and-communicating")
            .await?;
        app.click("[data-chip=starred]").await?;
        let query = app.value("#search-box").await?;
        ensure!(
            query == "trust theme:relating-and-communicating starred:yes",
            "query {query:?}"
        );
        app.wait_for("[data-search-results][data-drawn-query='trust theme:relating-and-communicating starred:yes']")
            .await?;
        app.wait_for("[data-active-filter=starred]").await?;
        app.screenshot("search-filters").await?;
        app.click("[data-active-filter=theme] .chip-remove").await?;
        let query = app.value("#search-box").await?;
        ensure!(query == "trust starred:yes", "query {query:?}");
        app.click("[data-action=clear-filters]").await?;
        let query = app.value("#search-box").await?;
        ensure!(query == "trust", "query {query:?}");
        ensure!(
            !app.all("[data-sample-banner]").await?.is_empty(),
            "the banner stays in every view"
        );

        // Back to the leader's own journal: still empty, no banner.
        app.click("[data-action=leave-sample]").await?;
        app.wait_for("[data-welcome]").await?;
        app.wait_gone("[data-sample-banner]").await?;
        ensure!(app.all(".entry-card").await?.is_empty(), "own journal shows entries");
        app.wait_for_text(".where", &data.display().to_string())
            .await?;

        // And to the sample again: already filled, so straight there.
        app.click("[data-welcome] [data-action=explore-sample]")
            .await?;
        app.wait_for("[data-sample-banner]").await?;
        app.wait_for(".entry-card").await?;
        app.click("[data-action=leave-sample]").await?;
        app.wait_for("[data-welcome]").await?;

        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "error banners: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_dir_all(&sample);
    result
}
