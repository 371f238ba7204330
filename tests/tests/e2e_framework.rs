//! The framework browser in the real desktop app, driven through WebDriver.

use waymark_tests::{App, plain_journal};

#[tokio::test(flavor = "multi_thread")]
async fn the_window_shows_the_four_themes_and_a_chosen_themes_behaviours() -> anyhow::Result<()> {
    let data = plain_journal("framework")?;
    let app = App::launch(&data).await?;
    let result = async {
        // The window opens on the journal; the framework has its own section.
        app.click("[data-nav=framework]").await?;
        app.wait_for("[role=tab][data-theme=being]").await?;
        let themes = app.texts("[role=tab] .theme-name").await?;
        assert_eq!(
            themes,
            [
                "Being",
                "Relating and Communicating",
                "Leading and Visioning",
                "Delivering"
            ]
        );
        // Being is chosen first.
        let behaviours = app.texts("#theme-panel .behaviour strong").await?;
        assert_eq!(behaviours, ["Authenticity", "Mindset", "Courage"]);
        // One name for each item; the framework's own heading is given as its words.
        let heading = app
            .texts("[data-id=resilience-courage-and-bravery] .framework-name")
            .await?;
        assert_eq!(
            heading,
            ["(the framework’s heading: “Resilience, courage and bravery”)"]
        );

        app.wait_for("[role=tab][data-theme=delivering]")
            .await?
            .click()
            .await?;
        app.wait_for("#theme-panel[data-theme=delivering]").await?;
        let behaviours = app.texts("#theme-panel .behaviour strong").await?;
        assert_eq!(
            behaviours,
            [
                "Ownership and accountability",
                "Delivery",
                "Doing things differently"
            ]
        );
        let qualities = app.texts("#theme-panel .quality p:first-of-type").await?;
        assert_eq!(qualities.len(), 6);
        assert!(
            qualities
                .iter()
                .any(|q| q.starts_with("Removes organisational obstacles to change"))
        );

        app.wait_for("[role=tab][data-theme=leading-and-visioning]")
            .await?
            .click()
            .await?;
        app.wait_for("#theme-panel[data-theme=leading-and-visioning] [data-id=hosting-style]")
            .await?;
        app.screenshot("framework-browser").await?;
        // Its reflections open in search under the same name.
        app.click("[data-count-for=hosting-style]").await?;
        app.wait_for("[data-search-results][data-drawn-query]")
            .await?;
        let query = app.value("#search-box").await?;
        assert_eq!(query, "tag:\"Hosting style\"");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}
