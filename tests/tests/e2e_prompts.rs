//! Prompts in the real desktop app: a question for every behaviour and quality starts
//! an entry already tagged, from the Prompts view and from the growth view's quiet list.

use anyhow::{Result, ensure};
use waymark_tests::{App, plain_journal};

const HOSTING: &str =
    "When did I last convene people and let the group find its own way, rather than directing it?";

#[tokio::test(flavor = "multi_thread")]
async fn a_prompt_starts_an_entry_tagged_with_its_item_and_shows_the_question() -> Result<()> {
    let data = plain_journal("prompts")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-welcome]").await?;
        app.click("[data-nav=prompts]").await?;
        app.wait_for("[data-prompt-theme=being]").await?;
        // One question per behaviour and quality: 13 + 26.
        let items = app.all("[data-prompt-item]").await?;
        ensure!(items.len() == 39, "{} prompts listed", items.len());
        for question in app.texts(".prompts .prompt-question").await? {
            ensure!(question.ends_with('?'), "not a question: {question:?}");
        }
        app.wait_for_text("[data-prompt-item=hosting-style] .prompt-question", HOSTING)
            .await?;
        app.screenshot("prompts").await?;

        // Typing narrows the list.
        app.type_into(".prompt-filter input", "convene").await?;
        app.wait_gone("[data-prompt-item=trust]").await?;
        app.click("[data-prompt-item=hosting-style] [data-action=write-prompt]")
            .await?;

        // The editor: the question above the boxes, the quality already tagged.
        app.wait_for_text("[data-editor-prompt]", HOSTING).await?;
        app.wait_for(".selected-tags [data-tag=hosting-style]")
            .await?;
        app.screenshot("editor-prompt").await?;
        app.type_into("#entry-title", "Letting the forum find its way")
            .await?;
        app.type_into("[data-field=what]", "I convened and kept quiet.")
            .await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Letting the forum find its way")
            .await?;

        // Growth: what has gone quiet offers its own question. (The "Saved" toast sits
        // bottom right, over the quiet list: dismiss it first.)
        app.click(".banner.info .link").await?;
        app.wait_gone(".banner.info").await?;
        app.click("[data-nav=growth]").await?;
        let quiet = app.wait_for("[data-quiet=authenticity]").await?;
        let shown = quiet.text().await?;
        ensure!(
            shown.contains("When did I last act on my own values"),
            "the quiet item shows no question: {shown:?}"
        );
        ensure!(
            app.all("[data-quiet=hosting-style]").await?.is_empty(),
            "hosting style was just reflected on"
        );
        app.client
            .execute(
                "document.querySelector('[data-quiet=authenticity]').scrollIntoView({block: 'center'})",
                vec![],
            )
            .await?;
        app.click("[data-quiet=authenticity] [data-action=write-quiet]")
            .await?;
        app.wait_for_text("[data-editor-prompt]", "When did I last act on my own values")
            .await?;
        app.wait_for(".selected-tags [data-tag=authenticity]")
            .await?;

        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "error banners: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}
