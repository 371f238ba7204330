//! The regulators' templates in the real desktop app: an NMC reflective account written
//! with the Code's themes, shown with them, found by them; the AoMRC toolkit's boxes.

use anyhow::{Result, ensure};
use waymark_tests::{App, plain_journal};

#[tokio::test(flavor = "multi_thread")]
async fn an_nmc_account_is_written_with_the_codes_themes_shown_and_found() -> Result<()> {
    let data = plain_journal("templates")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-welcome]").await?;
        app.click(".new-entry").await?;
        // Every template is offered; the AoMRC toolkit's "What? Why? How?" has its boxes.
        app.click("[data-template=what-why-how]").await?;
        let labels = app.texts(".editor .field > label[for^=field-]").await?;
        ensure!(
            labels == ["What?", "Why?", "How?"],
            "AoMRC boxes: {labels:?}"
        );
        ensure!(
            app.all("[data-code-themes]").await?.is_empty(),
            "only the NMC account asks about the Code"
        );

        app.click("[data-template=nmc]").await?;
        let labels = app.texts(".editor .field > label[for^=field-]").await?;
        ensure!(
            labels.len() == 4
                && labels[0].starts_with("What was the nature of the CPD activity")
                && labels[1] == "What did you learn from it?"
                && labels[2] == "How did you change or improve your practice as a result?"
                && labels[3] == "How is this relevant to the Code?",
            "the NMC form's questions in order: {labels:?}"
        );
        let themes = app.texts("[data-code-themes] label").await?;
        ensure!(
            themes
                == [
                    "Prioritise people",
                    "Practise effectively",
                    "Preserve safety",
                    "Promote professionalism and trust"
                ],
            "the Code's four themes: {themes:?}"
        );
        app.type_into("#entry-title", "Medicines round handover")
            .await?;
        app.type_into("[data-field=nature]", "A review of a missed evening dose.")
            .await?;
        app.type_into(
            "[data-field=learning]",
            "Interruptions during the round lead to omissions.",
        )
        .await?;
        app.type_into("[data-field=change]", "I wear the do-not-disturb tabard.")
            .await?;
        app.type_into("[data-field=relevance]", "Safe administration is my duty.")
            .await?;
        app.click("[data-code=preserve-safety]").await?;
        app.click("[data-code=practise-effectively]").await?;
        app.screenshot("editor-nmc").await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Medicines round handover")
            .await?;
        app.wait_for_text(
            ".rendered",
            "The Code: Preserve safety; Practise effectively",
        )
        .await?;
        let meta = app.texts(".entry-view .muted").await?.join(" ");
        ensure!(meta.contains("NMC reflective account"), "{meta}");

        // Edited again, the themes are ticked as they were saved.
        app.click("[data-action=edit]").await?;
        app.wait_for("[data-code=preserve-safety]:checked").await?;
        app.click("[data-code=practise-effectively]").await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text(".rendered", "The Code: Preserve safety")
            .await?;
        let shown = app
            .texts(".rendered [data-field=relevance]")
            .await?
            .join(" ");
        ensure!(!shown.contains("Practise effectively"), "unticked: {shown}");

        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "code:safety").await?;
        app.wait_for_text("[data-hit] .entry-title", "Medicines round handover")
            .await?;
        app.wait_for_text("#search-status", "1 ").await?;
        Ok(())
    }
    .await;
    app.finish(result).await
}
