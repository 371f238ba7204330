//! Keeping your place: back from an entry returns to the journal list or the search
//! results where they were (scroll, query, results, focus); the journal list knows every
//! month ("go to month", a month heading that stays in sight); any other view opens at
//! its top.

use anyhow::{Result, ensure};
use waymark_tests::{
    ARROW_DOWN, App, CONTROL, ENTER, ESCAPE, add_demo, plain_journal, test_today, wait_until,
};

/// How far down the journal list the test scrolls before opening an entry.
const SCROLLED: i64 = 4160;

/// A scroll position read from the page, as a whole number of pixels.
async fn scroll_of(app: &App, css: &str) -> Result<i64> {
    let top = app
        .js(&format!(
            "return Math.round(document.querySelector('{css}').scrollTop);"
        ))
        .await?;
    Ok(top.as_i64().unwrap_or(-1))
}

#[tokio::test(flavor = "multi_thread")]
async fn back_returns_to_the_list_and_the_search_where_they_were() -> Result<()> {
    let data = plain_journal("place")?;
    add_demo(&data, 800)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        app.set_page_today(test_today()?).await?;

        // The journal: scrolled down, an entry opened, Escape — the same rows, and the
        // opened entry's row has the focus again.
        app.js(&format!(
            "document.querySelector('.list-scroll').scrollTop = {SCROLLED};"
        ))
        .await?;
        let sticky = wait_until(
            "the month heading kept at the top",
            async || app.attr("[data-sticky-month]", "data-sticky-month").await,
            |m| m.is_some(),
        )
        .await?;
        let id = wait_until(
            "an entry row in view after scrolling",
            async || {
                let found = app
                    .js("const list = document.querySelector('.list-scroll').getBoundingClientRect();
                         const card = [...document.querySelectorAll('.entry-card')]
                           .find((c) => c.getBoundingClientRect().top > list.top + 60);
                         return card ? card.dataset.entry : null;")
                    .await?;
                anyhow::Ok(found.as_str().map(str::to_owned))
            },
            Option::is_some,
        )
        .await?
        .unwrap_or_default();
        // Where the list is when the row is clicked (the click first brings the row to
        // the middle of the list, as a leader's scrolling would).
        let card = format!(".entry-card[data-entry='{id}']");
        app.js(&format!(
            "document.querySelector(\"{card}\").scrollIntoView({{ block: 'center' }});"
        ))
        .await?;
        let left_at = scroll_of(&app, ".list-scroll").await?;
        app.click(&card).await?;
        app.wait_for(&format!("[data-entry-view='{id}']")).await?;
        let focus = wait_until(
            "the focus on the opened entry's heading",
            async || app.focused().await,
            |f| f == "#entry-heading",
        )
        .await?;
        ensure!(focus == "#entry-heading");
        app.type_into("#entry-heading", ESCAPE).await?;
        app.wait_for(".list-scroll").await?;
        let focus = wait_until(
            "the focus back on the opened entry's row",
            async || app.focused().await,
            |f| f.contains(&format!("[data-entry={id}]")),
        )
        .await?;
        let back = scroll_of(&app, ".list-scroll").await?;
        ensure!(
            left_at > 0 && (back - left_at).abs() <= 1,
            "back from the entry the list is at {back}, not {left_at} (focus {focus})"
        );
        ensure!(
            app.attr("[data-sticky-month]", "data-sticky-month").await? == sticky,
            "the month heading changed on the way back"
        );

        // Go to month: a month halfway back is at the top of the list, its heading kept
        // in sight (the last months cannot scroll to the top: the list ends below them).
        let oldest = app
            .js("const o = document.querySelector('[data-action=go-to-month]').options;
                 return o[Math.floor(o.length / 2)].value;")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned();
        app.wait_for("[data-action=go-to-month]")
            .await?
            .select_by_value(&oldest)
            .await?;
        wait_until(
            "the chosen month at the top",
            async || app.attr("[data-sticky-month]", "data-sticky-month").await,
            |m| m.as_deref() == Some(&oldest[..]),
        )
        .await?;
        app.wait_for(&format!(".month-row[data-month='{oldest}']"))
            .await?;
        app.screenshot("journal-go-to-month").await?;

        // Search: a query, scrolled down, the third result opened by keyboard; Escape
        // brings back the query, the results and the focus on that result.
        app.type_into("[data-nav=journal]", &format!("{CONTROL}k")).await?;
        app.type_into("#search-box", "theme:being").await?;
        app.wait_for("[data-search-results][data-drawn-query='theme:being']")
            .await?;
        let status = app.texts("#search-status").await?;
        app.type_into("#search-box", ARROW_DOWN).await?;
        app.type_into("#hit-0 .hit-button", ARROW_DOWN).await?;
        app.type_into("#hit-1 .hit-button", ARROW_DOWN).await?;
        let third = app.attr("#hit-2", "data-hit").await?.unwrap_or_default();
        app.js("document.querySelector('main').scrollTop = 200;")
            .await?;
        let page = scroll_of(&app, "main").await?;
        app.type_into("#hit-2 .hit-button", ENTER).await?;
        app.wait_for(&format!("[data-entry-view='{third}']"))
            .await?;
        ensure!(
            app.attr("[data-nav=search]", "aria-current").await?.as_deref() == Some("page"),
            "a result opened from search is not shown as part of Search"
        );
        ensure!(
            app.texts("[data-action=back]").await?[0].contains("Back to the search results"),
            "the entry's Back button does not say where it goes"
        );
        app.type_into("#entry-heading", ESCAPE).await?;
        wait_until(
            "the focus back on the opened result",
            async || app.focused().await,
            |f| f.contains("hit-button"),
        )
        .await?;
        ensure!(
            app.value("#search-box").await? == "theme:being",
            "the query was thrown away"
        );
        ensure!(
            app.attr("#hit-2", "data-hit").await?.as_deref() == Some(&third[..])
                && app.js("return document.activeElement.closest('[data-hit]').id").await?
                    == "hit-2",
            "the focus is not on the result that was opened"
        );
        ensure!(
            app.texts("#search-status").await? == status,
            "the results changed on the way back"
        );
        let again = scroll_of(&app, "main").await?;
        ensure!(
            (again - page).abs() <= 1,
            "the results are scrolled to {again}, not {page}"
        );

        // Any other view opens at its top, wherever the last one was scrolled.
        app.click("[data-nav=framework]").await?;
        app.wait_for("section.browser").await?;
        app.js("document.querySelector('main').scrollTop = 900;")
            .await?;
        app.click("[data-nav=prompts]").await?;
        app.wait_for("[data-nav=prompts][aria-current=page]").await?;
        let top = scroll_of(&app, "main").await?;
        ensure!(top == 0, "Prompts opened scrolled to {top}");
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
