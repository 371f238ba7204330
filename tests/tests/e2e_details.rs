//! The parts of writing, searching and growth the everyday journal test does not
//! walk through: the journal list's quick filters, the Gibbs template, the Markdown preview, browsing the framework for
//! a tag with its statement in view, labels of one's own, the search filters for
//! behaviour, dates and template, both orders, moving through results with the
//! keyboard, the syntax help, and the calendar and first/latest table of growth.

use anyhow::{Result, ensure};
use waymark_tests::{
    ARROW_DOWN, ARROW_UP, App, BACKSPACE, ENTER, add_demo, plain_journal, test_today, wait_until,
};

const TITLE: &str = "Gibbs on the discharge huddle";

/// Writes a Gibbs reflection with Markdown notes, one tag found by typing, one found
/// by browsing, a label and a star; returns its date (the page's today, YYYY-MM-DD).
async fn write_gibbs(app: &App) -> Result<String> {
    app.click(".new-entry").await?;
    app.type_into("#entry-title", TITLE).await?;
    // The box shows DD/MM/YYYY; the day it holds is in data-iso (YYYY-MM-DD).
    let date = app
        .attr("#entry-date", "data-iso")
        .await?
        .unwrap_or_default();

    // Gibbs: six labelled boxes, in the cycle's order.
    app.click("[data-template=gibbs]").await?;
    let labels = app.texts(".editor .field > label[for^=field-]").await?;
    ensure!(
        labels
            == [
                "Description",
                "Feelings",
                "Evaluation",
                "Analysis",
                "Conclusion",
                "Action plan"
            ],
        "Gibbs boxes: {labels:?}"
    );
    app.type_into(
        "[data-field=description]",
        "The discharge huddle ran over again.",
    )
    .await?;
    app.type_into(
        "[data-field=action-plan]",
        "Ask the ward what they need first.",
    )
    .await?;

    // Markdown notes, previewed before saving.
    // Enter as the key code: WebDriver text drops a bare "\n".
    app.type_into(
        "#entry-body",
        &format!("We agreed **three** changes:{ENTER}{ENTER}- ask first{ENTER}- listen longer"),
    )
    .await?;
    app.click("[data-toggle=preview]").await?;
    app.wait_for_text(".preview strong", "three").await?;
    let items = app.texts(".preview li").await?;
    ensure!(
        items == ["ask first", "listen longer"],
        "preview list: {items:?}"
    );

    // Typing the everyday words finds the quality first.
    app.type_into("#tag-input", "sharing power").await?;
    let first = app.attr("[role=option]:first-child", "data-option").await?;
    ensure!(
        first.as_deref() == Some("sharing-power"),
        "first suggestion for 'sharing power' was {first:?}"
    );
    app.type_into("#tag-input", ENTER).await?;
    app.wait_for(".selected-tags [data-tag=sharing-power]")
        .await?;

    // Browsing: theme → behaviour → quality, each with its statement from the source.
    app.click(".tag-picker details.browse summary").await?;
    app.wait_for("[data-browse-theme]")
        .await?
        .select_by_value("being")
        .await?;
    app.wait_for_text(
        "li:has(> label > [data-browse=authenticity]) > .statement",
        "Honest and genuine, true to self and own values",
    )
    .await?;
    app.wait_for_text(
        "li:has(> label > [data-browse=people-as-assets]) > .statement",
        "Sees people and communities as assets and health creators",
    )
    .await?;
    app.click("[data-browse=people-as-assets]").await?;
    app.wait_for(".selected-tags [data-tag=people-as-assets]")
        .await?;
    // Ticked in the browser, because typing already chose it.
    let ticked = app
        .wait_for("[data-browse=sharing-power]")
        .await?
        .prop("checked")
        .await?;
    ensure!(
        ticked.as_deref() == Some("true"),
        "sharing power should show as ticked in the browser: {ticked:?}"
    );

    // A label of one's own, and a star.
    app.type_into("#label-input", "huddle").await?;
    app.type_into("#label-input", ENTER).await?;
    app.wait_for_text(".label-chip", "huddle").await?;
    app.click("#entry-star").await?;
    app.screenshot("editor-gibbs").await?;

    app.click("[data-action=save]").await?;
    app.wait_for_text("#entry-heading", TITLE).await?;
    app.wait_for_text(".rendered strong", "three").await?;
    app.wait_for_text(".rendered", "Ask the ward what they need first")
        .await?;
    Ok(date)
}

/// The journal list's cards on screen: title, and whether it shows a star.
async fn cards(app: &App) -> Result<Vec<(String, bool)>> {
    let found = app
        .client
        .execute(
            "return [...document.querySelectorAll('.entry-card')].map((c) => \
             [c.querySelector('.entry-title').textContent, !!c.querySelector('.star')]);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(found)?)
}

/// Waits until the journal list's cards satisfy `wanted`; returns them.
async fn wait_for_cards(
    app: &App,
    wanted: impl Fn(&[(String, bool)]) -> bool,
) -> Result<Vec<(String, bool)>> {
    wait_until(
        "the journal list's cards",
        async || cards(app).await,
        |c| wanted(c),
    )
    .await
}

/// The dates (YYYY-MM-DD) of the results on screen, top to bottom.
async fn hit_dates(app: &App) -> Result<Vec<String>> {
    let mut dates = Vec::new();
    for e in app.all("[data-hit] .entry-date").await? {
        dates.push(e.attr("data-date").await?.unwrap_or_default());
    }
    Ok(dates)
}

/// Waits until the result dates on screen satisfy `wanted`; returns them.
async fn wait_for_dates(app: &App, wanted: impl Fn(&[String]) -> bool) -> Result<Vec<String>> {
    wait_until(
        "the results' dates",
        async || hit_dates(app).await,
        |d| wanted(d),
    )
    .await
}

/// Sets a filter's date box as a person picking a date does (its value, then
/// `change`): WebKitGTK's date box takes no typed digits over WebDriver.
async fn pick_date(app: &App, chip: &str, date: &str) -> Result<()> {
    let element = app.wait_for(&format!("[data-chip={chip}]")).await?;
    app.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&element)?, date.into()],
        )
        .await?;
    Ok(())
}

/// Waits until the results drawn are those of the query now in the box; returns it.
async fn settled_query(app: &App) -> Result<String> {
    let query = app.value("#search-box").await?;
    let quoted = query.replace('\'', "\\'");
    app.wait_for(&format!(
        "[data-search-results][data-drawn-query='{quoted}']"
    ))
    .await?;
    Ok(query)
}

#[tokio::test(flavor = "multi_thread")]
async fn gibbs_preview_browsing_labels_search_filters_order_keys_and_growth() -> Result<()> {
    let data = plain_journal("details")?;
    // Enough sample reflections that more than three mention a huddle (and none of
    // those is tagged Authenticity), for the filters and both orders below.
    add_demo(&data, 80)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        // The page's today is the demo journal's, so the new reflection is the newest
        // and the calendar ends on its day, whatever the date of the run.
        let demo_today = test_today()?;
        app.set_page_today(demo_today).await?;
        let today = write_gibbs(&app).await?;
        ensure!(
            today == demo_today.to_string(),
            "the editor's date should default to the page's today, {demo_today}: {today:?}"
        );

        // The journal list's quick filters: starred only, then one theme.
        app.click("[data-nav=journal]").await?;
        let everything =
            wait_for_cards(&app, |c| c.first().is_some_and(|(t, _)| t == TITLE)).await?;
        ensure!(
            everything.iter().any(|(_, starred)| !starred),
            "the demo has entries without a star: {everything:?}"
        );
        app.click("[data-filter=starred]").await?;
        let starred = wait_for_cards(&app, |c| {
            !c.is_empty() && c.iter().all(|(_, starred)| *starred)
        })
        .await?;
        ensure!(starred[0].0 == TITLE, "starred only: {starred:?}");
        app.click("[data-filter=starred]").await?;
        let theme = app.wait_for("[data-filter=theme]").await?;
        theme.select_by_value("delivering").await?;
        // Tagged only with Being qualities, it leaves the list under Delivering…
        wait_for_cards(&app, |c| !c.is_empty() && c.iter().all(|(t, _)| t != TITLE)).await?;
        // …and is back under Being.
        theme.select_by_value("being").await?;
        wait_for_cards(&app, |c| c.first().is_some_and(|(t, _)| t == TITLE)).await?;
        theme.select_by_value("").await?;

        // The syntax help sits beside the box.
        app.click("[data-nav=search]").await?;
        app.wait_for_text("details.syntax[open]", "tag:hosting")
            .await?;

        // Filters write terms of the query: behaviour, template and a date range.
        app.type_into("#search-box", "huddle").await?;
        app.wait_for("[data-chip=behaviour]")
            .await?
            .select_by_value("authenticity")
            .await?;
        let query = settled_query(&app).await?;
        ensure!(query == "huddle tag:Authenticity", "query {query:?}");
        let shown = app.all("[data-hit]").await?.len();
        ensure!(
            shown == 0,
            "nothing is tagged authenticity and huddle: {shown} hits"
        );
        app.click("[data-active-filter=behaviour] .chip-remove")
            .await?;
        app.wait_for("[data-chip=template]")
            .await?
            .select_by_value("gibbs")
            .await?;
        pick_date(&app, "from", &today).await?;
        pick_date(&app, "to", &today).await?;
        let query = settled_query(&app).await?;
        ensure!(
            query == format!("huddle template:gibbs after:{today} before:{today}"),
            "query {query:?}"
        );
        app.wait_for_text("[data-hit] .entry-title", TITLE).await?;
        let dates = hit_dates(&app).await?;
        ensure!(
            dates.iter().all(|d| *d == today),
            "a result outside {today}: {dates:?}"
        );
        app.screenshot("search-filters-dates").await?;
        app.click("[data-action=clear-filters]").await?;

        // Both orders. Newest first: today's reflection, then the older ones in order.
        let query = settled_query(&app).await?;
        ensure!(query == "huddle", "filters cleared: {query:?}");
        app.wait_for("[data-sort]")
            .await?
            .select_by_value("date")
            .await?;
        let newest_first = |dates: &[String]| dates.windows(2).all(|w| w[0] >= w[1]);
        let dates = wait_for_dates(&app, |d| d.len() > 3 && newest_first(d)).await?;
        ensure!(dates[0] == today, "today's reflection first: {dates:?}");
        // Best match: the reflections with "huddle" in the title first, whatever their date.
        app.wait_for("[data-sort]")
            .await?
            .select_by_value("relevance")
            .await?;
        let dates = wait_for_dates(&app, |d| d.len() > 3 && !newest_first(d)).await?;
        let titles = app.texts("[data-hit] .entry-title").await?;
        ensure!(
            titles
                .iter()
                .take(2)
                .all(|t| t.to_lowercase().contains("huddle")),
            "best match should put the titles with 'huddle' first: {titles:?} ({dates:?})"
        );

        // A mistake is marked where it was typed (the engine says where), and clicking
        // the mark selects it in the box, ready to be typed over.
        let bad = " -tag:\"qqq zzz\"";
        app.type_into("#search-box", bad).await?;
        app.wait_for_text("[data-query-mistake] [data-mistake]", "-tag:\"qqq zzz\"")
            .await?;
        let status = app.texts("#search-status").await?.join(" ");
        ensure!(
            status.contains("is not a framework tag"),
            "the problem is said beside the box: {status:?}"
        );
        ensure!(
            app.attr("#search-box", "aria-invalid").await?.as_deref() == Some("true"),
            "the box is marked invalid for a screen reader"
        );
        app.screenshot("search-mistake").await?;
        app.click("[data-mistake]").await?;
        let selected = app
            .client
            .execute(
                "const b = document.getElementById('search-box'); \
                 return [document.activeElement === b, b.value.slice(b.selectionStart, b.selectionEnd)];",
                vec![],
            )
            .await?;
        ensure!(
            selected == serde_json::json!([true, "-tag:\"qqq zzz\""]),
            "the mistake should be selected in the box: {selected}"
        );
        app.type_into("#search-box", BACKSPACE).await?;
        app.type_into("#search-box", BACKSPACE).await?;
        let query = settled_query(&app).await?;
        ensure!(query == "huddle", "the mistake removed: {query:?}");
        app.wait_gone("[data-query-mistake]").await?;

        // ↓ from the box goes into the results, ↓ ↓ on to the third, ↑ back to the
        // second, Enter opens it; the focus itself moves (what a screen reader follows).
        let titles = app.texts("[data-hit] .entry-title").await?;
        app.type_into("#search-box", ARROW_DOWN).await?;
        for key in [ARROW_DOWN, ARROW_DOWN, ARROW_UP] {
            app.client.active_element().await?.send_keys(key).await?;
        }
        let focused = app
            .client
            .execute(
                "const e = document.activeElement; return [e.className, e.closest('[data-hit]')?.id ?? null];",
                vec![],
            )
            .await?;
        ensure!(
            focused == serde_json::json!(["hit-button", "hit-1"]),
            "the second result's button should have the focus: {focused}"
        );
        app.client.active_element().await?.send_keys(ENTER).await?;
        app.wait_for_text("#entry-heading", &titles[1]).await?;

        // Growth: today in the calendar opens today's search; the first/latest table.
        app.click("[data-nav=growth]").await?;
        let day = format!("rect.day[data-date='{today}']");
        let count: usize = app
            .attr(&day, "data-count")
            .await?
            .unwrap_or_default()
            .parse()
            .unwrap_or_default();
        ensure!(count >= 1, "today's calendar day counts {count}");
        let row = app
            .texts("[data-activity=people-as-assets] > *")
            .await?
            .join(" | ");
        let year = &today[..4];
        ensure!(
            row.contains("People as assets") && row.contains(year),
            "first/latest row: {row:?}"
        );
        app.click(&day).await?;
        let query = settled_query(&app).await?;
        ensure!(query == format!("on:{today}"), "the day opened {query:?}");
        app.wait_for_text("[data-hit] .entry-title", TITLE).await?;
        anyhow::Ok(())
    }
    .await;
    let finished = app.finish(result).await;
    let _ = std::fs::remove_dir_all(&data);
    finished
}
