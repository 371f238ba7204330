//! Growth over a chosen span: 12 months, 3 years or everything, by month or by quarter.
//! The view's numbers are the engine's (the same as `waymark growth --last`), the years
//! are named above their months, the calendar names its months and weekdays, and the
//! streak is counted in days.

use anyhow::{Context, Result, ensure};
use serde_json::Value;
use waymark_tests::{App, add_demo, plain_journal, test_today, wait_until, waymark};

/// The periods the view's table shows, with the reflections written in each, oldest first.
async fn shown_periods(app: &App) -> Result<Vec<(String, u64)>> {
    let rows = app
        .js(
            "return [...document.querySelectorAll('.theme-table td[data-written]')]
               .map((td) => [td.dataset.period, Number(td.dataset.written)]);",
        )
        .await?;
    Ok(rows
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r[0].as_str().unwrap_or_default().to_owned(),
                        r[1].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

/// What `waymark growth --last SPAN --by BY` counts for the same today: the periods with
/// the reflections written in each, and the first day counted.
fn counted_by_cli(
    data: &std::path::Path,
    span: &str,
    by: &str,
) -> Result<(Vec<(String, u64)>, String)> {
    let today = test_today()?.to_string();
    let out = waymark(
        data,
        &[
            "growth", "--last", span, "--by", by, "--today", &today, "--json",
        ],
        &[],
    )?;
    let overview: Value = serde_json::from_str(&out).context("growth --json is not JSON")?;
    let periods = overview["periods"]
        .as_array()
        .context("no periods in growth --json")?
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap_or_default().to_owned(),
                p["written"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    Ok((
        periods,
        overview["from"].as_str().unwrap_or_default().to_owned(),
    ))
}

/// Chooses one of the view's span or period buttons and waits for its numbers.
async fn choose(app: &App, input: &str, expected: &[(String, u64)]) -> Result<()> {
    app.click(&format!("label:has(input{input})")).await?;
    wait_until(
        &format!("the table after choosing {input}"),
        async || shown_periods(app).await,
        |shown| shown == expected,
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn growth_shows_the_span_and_period_chosen_with_the_engines_numbers() -> Result<()> {
    let data = plain_journal("growth")?;
    add_demo(&data, 1_500)?;
    let (year, _) = counted_by_cli(&data, "12m", "month")?;
    let (three_years, _) = counted_by_cli(&data, "3y", "month")?;
    let (three_years_quarters, _) = counted_by_cli(&data, "3y", "quarter")?;
    let (all_quarters, all_from) = counted_by_cli(&data, "all", "quarter")?;
    ensure!(year.len() == 12, "12 months from the CLI: {year:?}");
    ensure!(three_years.len() == 36 && three_years_quarters.len() == 12);
    ensure!(
        all_quarters.len() > 12,
        "the demo journal goes back more than three years: {all_quarters:?}"
    );

    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        app.set_page_today(test_today()?).await?;
        app.click("[data-nav=growth]").await?;

        // It opens on the last 12 months, by month, ending with today's month.
        wait_until(
            "the last 12 months",
            async || shown_periods(&app).await,
            |shown| *shown == year,
        )
        .await?;
        let total: u64 = year.iter().map(|(_, n)| n).sum();
        ensure!(
            app.attr("[data-written-total]", "data-written-total").await?.as_deref()
                == Some(&total.to_string()[..]),
            "the total written over 12 months is not {total}"
        );
        ensure!(
            app.texts(".written-total").await?.join(" ").contains("over the last 12 months"),
            "the total does not say what it covers: {:?}",
            app.texts(".written-total").await?
        );
        // Months that cross a new year are named under their years.
        let years = app.js("return [...document.querySelectorAll('.theme-table [data-year]')].map((th) => th.dataset.year);").await?;
        ensure!(
            years == serde_json::json!(["2025", "2026"]),
            "the years above the months: {years}"
        );

        // Three years by month, then by quarter.
        choose(&app, "[data-span='3y']", &three_years).await?;
        choose(&app, "[data-by='quarter']", &three_years_quarters).await?;
        let heads = app.texts(".theme-table th.month-col").await?;
        ensure!(
            heads.first().is_some_and(|h| h.starts_with('Q')),
            "quarters are headed Q1–Q4: {heads:?}"
        );
        // Everything: from the quarter of the oldest reflection.
        choose(&app, "[data-span='all']", &all_quarters).await?;
        ensure!(
            app.attr("[data-written-total]", "data-from").await?.as_deref() == Some(&all_from[..]),
            "everything counts from {all_from}"
        );
        app.screenshot("growth-all-by-quarter").await?;

        // A heatmap cell of a quarter opens the search of that item in that quarter.
        app.click(".heatmap .cell.level-4").await?;
        let query = wait_until(
            "the search opened from a heatmap cell",
            async || app.value("#search-box").await,
            |q| q.contains("tag:"),
        )
        .await?;
        ensure!(
            query.contains("after:") && query.contains("before:"),
            "a quarter's cell searches its three months: {query:?}"
        );
        app.wait_for("[data-hit]").await?;
        app.click("[data-nav=growth]").await?;
        // The choice is kept while the app is open.
        wait_until(
            "everything by quarter, as left",
            async || shown_periods(&app).await,
            |shown| *shown == all_quarters,
        )
        .await?;

        // The calendar names its months and weekdays; the streak is counted in days.
        let months = app.all("[data-month-label]").await?.len();
        ensure!(months >= 5, "{months} month names over 26 weeks");
        let weekdays = app.js("return [...document.querySelectorAll('[data-day-label]')].map((t) => t.textContent);").await?;
        ensure!(
            weekdays.as_array().is_some_and(|d| d.len() >= 3),
            "weekday names: {weekdays}"
        );
        let head = app.texts(".growth .view-head p").await?.join(" ");
        ensure!(
            head.contains("in a row") && head.contains("day"),
            "the streak says its unit: {head:?}"
        );
        ensure!(app.errors().await?.is_empty(), "{:?}", app.errors().await?);
        Ok(())
    }
    .await;
    app.finish(result).await
}
