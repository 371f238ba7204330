//! A leader's everyday journal in the real desktop app: write, find, revise, bin,
//! see growth, and find it all again after a restart.

use anyhow::{Context, Result, ensure};
use waymark_tests::{App, CONTROL, ENTER, ESCAPE, add_demo, plain_journal, test_today, wait_until};

const TITLE: &str = "Hosting the neighbourhood forum";
const REVISED: &str = "Hosting the neighbourhood forum, revisited";

/// Writes a Rolfe reflection tagged through the tag picker; returns its date (YYYY-MM-DD).
async fn write_reflection(app: &App) -> Result<String> {
    app.click(".new-entry").await?;
    app.type_into("#entry-title", TITLE).await?;
    // The box shows DD/MM/YYYY; the day it holds is in data-iso (YYYY-MM-DD).
    let date = app
        .attr("#entry-date", "data-iso")
        .await?
        .unwrap_or_default();
    ensure!(
        date.len() == 10,
        "the date should default to today, was {date:?}"
    );
    // Rolfe is the default template: three labelled boxes with their prompts.
    let labels = app.texts(".editor .field > label[for^=field-]").await?;
    ensure!(
        labels == ["What?", "So what?", "Now what?"],
        "Rolfe boxes: {labels:?}"
    );
    app.type_into(
        "[data-field=what]",
        "I was hosting the forum and let the residents set the agenda.",
    )
    .await?;
    app.type_into(
        "[data-field=so-what]",
        "Delegating the agenda built more trust than chairing it.",
    )
    .await?;
    app.type_into("[data-field=now-what]", "Keep the chair empty next time.")
        .await?;
    // Typing the everyday name puts the right quality first; Enter takes it.
    app.type_into("#tag-input", "hosting style").await?;
    let first = app.attr("[role=option]:first-child", "data-option").await?;
    ensure!(
        first.as_deref() == Some("hosting-style"),
        "first suggestion for 'hosting style' was {first:?}"
    );
    app.type_into("#tag-input", ENTER).await?;
    app.wait_for(".selected-tags [data-tag=hosting-style]")
        .await?;
    app.screenshot("editor").await?;
    app.click("[data-action=save]").await?;
    app.wait_for_text("#entry-heading", TITLE).await?;
    app.wait_for_text(".rendered", "residents set the agenda")
        .await?;
    Ok(date)
}

/// Searches from a fresh search view and waits for a hit with `title`.
async fn search_finds(app: &App, query: &str, title: &str) -> Result<()> {
    app.click("[data-nav=search]").await?;
    app.type_into("#search-box", query).await?;
    app.wait_for_text("[data-hit] .entry-title", title)
        .await
        .with_context(|| format!("searching for {query:?}"))?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reflection_is_written_found_revised_binned_and_kept_across_restarts() -> Result<()> {
    let data = plain_journal("journal")?;
    let app = App::launch(&data).await?;
    let result = async {
        // First run: a welcome saying where the journal lives.
        app.wait_for("[data-welcome]").await?;
        app.screenshot("welcome").await?;

        let date = write_reflection(&app).await?;
        let month = &date[..7];
        app.screenshot("entry").await?;

        // Listed, under its month.
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;
        let months = app
            .all(&format!(".month-row[data-month='{month}']"))
            .await?;
        ensure!(months.len() == 1, "one heading for {month}");
        app.screenshot("journal-first-entry").await?;

        // Found by a stemmed word ("delegate" finds "Delegating") and by tag.
        search_finds(&app, "delegate", TITLE).await?;
        app.wait_for("mark").await?;
        search_finds(&app, "tag:hosting", TITLE).await?;
        // An item's own label, typed without quotes, is the item.
        search_finds(&app, "tag:Hosting style", TITLE).await?;
        app.wait_for("[data-facet=leading-and-visioning]").await?;
        app.screenshot("search-tag").await?;

        // Opened from the keyboard, edited with Ctrl+S.
        app.type_into("#search-box", ENTER).await?;
        app.wait_for_text("#entry-heading", TITLE).await?;
        app.click("[data-action=edit]").await?;
        app.type_into("#entry-title", ", revisited").await?;
        app.type_into("#entry-title", &format!("{CONTROL}s"))
            .await?;
        app.wait_for_text("#entry-heading", REVISED).await?;

        // The history keeps the first version, and it can be brought back.
        app.click("[data-action=history]").await?;
        app.wait_for("[data-revision='2']").await?;
        app.click("[data-revision='1']").await?;
        app.wait_for_text("[data-version-detail='1'] h4", TITLE)
            .await?;
        app.screenshot("history").await?;
        app.click("[data-action=restore-version]").await?;
        app.wait_for_text("#entry-heading", TITLE).await?;
        let heading = app.wait_for("#entry-heading").await?.text().await?;
        ensure!(
            !heading.contains("revisited"),
            "restored heading: {heading}"
        );

        // Delete → back to the search it was opened from, without it → bin → restore.
        app.click("[data-action=delete]").await?;
        app.wait_for("#search-box").await?;
        app.wait_gone("[data-hit]").await?;
        app.click("[data-nav=journal]").await?;
        app.wait_for("[data-welcome]").await?;
        app.click("[data-nav=bin]").await?;
        app.wait_for_text(".bin-item strong", TITLE).await?;
        app.screenshot("bin").await?;
        app.click(".bin-item [data-action=restore]").await?;
        app.wait_for_text(".bin .empty", "The bin is empty").await?;
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;

        // Growth shows it in its month; the cell opens the matching search.
        app.click("[data-nav=growth]").await?;
        let cell = format!(".cell[data-item=hosting-style][data-period='{month}']");
        let count = app.attr(&cell, "data-count").await?;
        ensure!(
            count.as_deref() == Some("1"),
            "hosting in {month}: {count:?}"
        );
        app.screenshot("growth-first-entry").await?;
        app.click(&cell).await?;
        let query = app.value("#search-box").await?;
        ensure!(
            query == format!("tag:\"Hosting style\" on:{month}"),
            "query {query}"
        );
        app.wait_for_text("[data-hit] .entry-title", TITLE).await?;

        // The framework view counts reflections per item and opens them.
        app.click("[data-nav=framework]").await?;
        app.click("[role=tab][data-theme=leading-and-visioning]")
            .await?;
        app.wait_for_text("[data-count-for=hosting-style]", "1 reflection")
            .await?;
        app.screenshot("framework").await?;
        app.click("[data-count-for=hosting-style]").await?;
        app.wait_for_text("[data-hit] .entry-title", TITLE).await?;

        // Settings: where the journal lives; rebuilding the index keeps search whole.
        app.click("[data-nav=settings]").await?;
        app.wait_for_text("[data-dir]", &data.display().to_string())
            .await?;
        app.click("[data-action=reindex]").await?;
        app.wait_for_text(".banner.info", "rebuilt").await?;
        app.screenshot("settings").await?;
        search_finds(&app, "chairing", TITLE).await?;

        // "?" opens the shortcut help (outside a text box); Escape closes it.
        app.click("[data-nav=journal]").await?;
        app.wait_for(".entry-card").await?.send_keys("?").await?;
        app.wait_for_text("#help-title", "Keyboard shortcuts")
            .await?;
        app.screenshot("help").await?;
        app.click("dialog.help .primary").await?;
        app.wait_gone("dialog.help[open]").await?;

        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "error banners: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    // Close and relaunch on the same folder: everything is still there.
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for_text(".entry-card .entry-title", TITLE).await?;
        search_finds(&app, "residents", TITLE).await?;
        app.click("[data-nav=bin]").await?;
        app.wait_for_text(".bin .empty", "The bin is empty").await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_survives_a_forced_close_and_is_offered_back() -> Result<()> {
    let data = plain_journal("drafts")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click(".new-entry").await?;
        app.type_into("#entry-title", "Half-written thought")
            .await?;
        app.type_into("[data-field=what]", "The board asked")
            .await?;
        // Leaving asks first; staying keeps the editor.
        app.click("[data-nav=growth]").await?;
        app.click("[data-answer=stay]").await?;
        ensure!(app.value("#entry-title").await? == "Half-written thought");
        // A reload stands in for a crash: the page forgets everything but the kept draft.
        app.client.refresh().await?;
        app.click(".new-entry").await?;
        app.wait_for(".offer").await?;
        app.screenshot("draft-offer").await?;
        app.click(".offer .primary").await?;
        let title = app.value("#entry-title").await?;
        ensure!(title == "Half-written thought", "restored title {title:?}");
        let what = app.value("[data-field=what]").await?;
        ensure!(what == "The board asked", "restored box {what:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}

#[tokio::test(flavor = "multi_thread")]
async fn shortcuts_ask_before_losing_changes_and_purging_asks_first() -> Result<()> {
    let data = plain_journal("shortcuts")?;
    let app = App::launch(&data).await?;
    let result = async {
        // Ctrl+N starts an entry from anywhere.
        app.wait_for("[data-welcome]").await?;
        app.type_into("[data-nav=journal]", &format!("{CONTROL}n"))
            .await?;
        app.type_into("#entry-title", "Sharing the budget decision")
            .await?;
        app.type_into("#tag-input", "sharing power").await?;
        let first = app.attr("[role=option]:first-child", "data-option").await?;
        ensure!(
            first.as_deref() == Some("sharing-power"),
            "first suggestion for 'sharing power' was {first:?}"
        );

        // Escape leaves the editor, but asks first; discarding forgets the draft.
        app.type_into("#entry-title", ESCAPE).await?;
        app.wait_for_text("#question-title", "Leave without saving?")
            .await?;
        app.screenshot("leave-question").await?;
        app.click("[data-answer=discard]").await?;
        app.wait_for("[data-welcome]").await?;
        app.click(".new-entry").await?;
        ensure!(app.value("#entry-title").await?.is_empty());
        ensure!(
            app.all(".offer").await?.is_empty(),
            "a discarded draft came back"
        );

        // A free-writing entry, saved with Ctrl+S.
        app.click("[data-template=free]").await?;
        app.type_into("#entry-title", "A note to purge").await?;
        app.type_into("#entry-body", "Nothing to keep.").await?;
        app.type_into("#entry-body", &format!("{CONTROL}s")).await?;
        app.wait_for_text("#entry-heading", "A note to purge")
            .await?;

        // Purging from the bin asks; "Keep it" keeps it.
        app.click("[data-action=delete]").await?;
        app.click("[data-nav=bin]").await?;
        app.click(".bin-item [data-action=purge]").await?;
        app.wait_for_text("#question-title", "Delete for ever?")
            .await?;
        app.click("[data-answer=keep]").await?;
        app.wait_for_text(".bin-item strong", "A note to purge")
            .await?;
        app.click(".bin-item [data-action=purge]").await?;
        app.click("[data-answer=purge]").await?;
        app.wait_for_text(".bin .empty", "The bin is empty").await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "error banners: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}

#[tokio::test(flavor = "multi_thread")]
async fn a_journal_of_thousands_scrolls_drawing_only_what_is_in_view() -> Result<()> {
    const ENTRIES: usize = 3_000;
    let data = plain_journal("many")?;
    add_demo(&data, ENTRIES)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        // Growth counts back from the page's today: the demo journal's, whatever the
        // date of the run.
        app.set_page_today(test_today()?).await?;
        app.screenshot("journal").await?;
        // The list is as tall as the whole journal: scrolled to its end, the oldest
        // entries load and show, without loading everything in between.
        let total = app.attr(".list-scroll", "data-total").await?;
        ensure!(
            total.as_deref() == Some(&ENTRIES.to_string()[..]),
            "the list sized for {total:?} entries"
        );
        app.client
            .execute(
                "const l = document.querySelector('.list-scroll'); l.scrollTop = l.scrollHeight;",
                vec![],
            )
            .await?;
        wait_until(
            "the rows at the end of the list",
            async || {
                let rows = app.all(".entry-card").await?.len();
                let placeholders = app.all(".entry-row.placeholder").await?.len();
                anyhow::Ok((rows, placeholders))
            },
            |&(rows, placeholders)| rows > 0 && placeholders == 0,
        )
        .await?;
        let loaded: usize = app
            .attr(".list-scroll", "data-loaded")
            .await?
            .unwrap_or_default()
            .parse()
            .unwrap_or_default();
        ensure!(
            (1..ENTRIES).contains(&loaded),
            "{loaded} of {ENTRIES} entries loaded to show the end of the list"
        );
        let drawn = app.all(".entry-card").await?.len();
        ensure!(
            (1..100).contains(&drawn),
            "{drawn} rows drawn for {ENTRIES} entries"
        );

        app.click("[data-nav=growth]").await?;
        app.wait_for(".cell.level-4").await?;
        // The theme chart is a Chart.js canvas; its numbers are in a table too.
        app.wait_for(".theme-chart canvas[aria-label]").await?;
        ensure!(
            !app.all(".theme-table [data-theme-count]").await?.is_empty(),
            "the theme chart's table has no counts"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await; // let the bars grow in
        app.screenshot("growth").await?;
        let (column, month) = busiest_month(&app).await?;
        let query = click_theme_bar(&app, column).await?;
        ensure!(
            query.starts_with("theme:") && query.ends_with(&format!(" on:{month}")),
            "a theme bar opened {query:?}"
        );
        app.wait_for("[data-hit]").await?;

        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "trust theme:relating").await?;
        app.wait_for("[data-hit] mark").await?;
        app.wait_for("[data-facet=relating-and-communicating]")
            .await?;
        app.screenshot("search").await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// The month of the theme chart with the most reflections, as its column (from the
/// left) and period (YYYY-MM), read from the chart's table of numbers: the tallest
/// bar, whichever day of the month the demo journal ends on.
async fn busiest_month(app: &App) -> Result<(usize, String)> {
    let found = app
        .client
        .execute(
            "const periods = [...document.querySelectorAll('.theme-table thead th.month-col')] \
               .map((th) => th.dataset.period); \
             const totals = periods.map((p) => [...document.querySelectorAll( \
               `.theme-table [data-theme-count][data-period='${p}']`)] \
               .reduce((n, b) => n + Number(b.textContent), 0)); \
             return [periods, totals];",
            vec![],
        )
        .await?;
    let (periods, totals): (Vec<String>, Vec<f64>) = serde_json::from_value(found)?;
    let column = (0..totals.len())
        .max_by(|&a, &b| totals[a].total_cmp(&totals[b]).then(a.cmp(&b)))
        .context("the theme table has no months")?;
    ensure!(
        totals[column] > 0.0,
        "no month of the theme chart has reflections: {periods:?}"
    );
    Ok((column, periods[column].clone()))
}

/// Clicks the bar of the theme chart's `column` (from the left, of twelve), climbing
/// from its foot until a segment is hit; returns the search it opened.
async fn click_theme_bar(app: &App, column: usize) -> Result<String> {
    use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
    let canvas = app.wait_for(".theme-chart canvas").await?;
    let (_, _, width, height) = canvas.rectangle().await?;
    // Twelve columns across the plot, which runs from about 36 px in (past the
    // count axis) to 4 px from the right edge; x is from the canvas's middle.
    let plot = width - 40.0;
    let x = 36.0 + (column as f64 + 0.5) * plot / 12.0 - width / 2.0;
    let mut y = height / 2.0 - 40.0;
    while y > -height / 2.0 {
        let click = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element: canvas.clone(),
                duration: None,
                x,
                y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        app.client.perform_actions(click).await?;
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        if !app.all("#search-box").await?.is_empty() {
            return app.value("#search-box").await;
        }
        y -= 6.0;
    }
    anyhow::bail!("no bar segment was hit in column {column} of the theme chart")
}
