//! A search with more hits than one page says how many are shown of how many, with
//! thousands separated, and shows more as the list scrolls to its end or on "Show more".

use anyhow::{Context, Result, ensure};
use waymark_tests::{App, add_demo, plain_journal, wait_until};

/// The number of results on screen.
async fn shown(app: &App) -> Result<usize> {
    Ok(app.all("[data-search-results] > li").await?.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_search_says_how_much_is_shown_and_loads_more() -> Result<()> {
    let data = plain_journal("search-more")?;
    add_demo(&data, 2000)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "team").await?;
        let status = app
            .wait_for_text("#search-status", " of ")
            .await?
            .text()
            .await?;
        // "50 of 1,234 entries"
        let total: usize = status
            .strip_prefix("50 of ")
            .and_then(|rest| rest.strip_suffix(" entries"))
            .with_context(|| format!("status reads {status:?}"))?
            .replace(',', "")
            .parse()?;
        ensure!(total > 1000, "a common word in 2,000 reflections: {total}");
        ensure!(status.contains(','), "thousands separated: {status:?}");
        ensure!(shown(&app).await? == 50, "one page first");

        // Scrolling to the end of the list shows the next page.
        app.client
            .execute(
                "document.querySelector('[data-search-results] > li:last-child').scrollIntoView()",
                vec![],
            )
            .await?;
        wait_until(
            "the results shown",
            async || shown(&app).await,
            |n| *n >= 100,
        )
        .await?;
        app.wait_for_text("#search-status", "100 of ").await?;
        // And "Show more" asks for one more page.
        let before = shown(&app).await?;
        app.client
            .execute(
                "document.querySelector('[data-action=show-more]').click()",
                vec![],
            )
            .await?;
        wait_until(
            "the results shown",
            async || shown(&app).await,
            |n| *n >= before + 50,
        )
        .await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
