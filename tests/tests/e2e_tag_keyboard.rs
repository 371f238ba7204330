//! The tag picker by keyboard alone: ↓ lands on the first suggestion (Enter then adds
//! that one, not the second), removing a chip leaves the keyboard in the picker, and
//! text that matches nothing says so and offers to browse the framework.

use anyhow::{Result, ensure};
use waymark_tests::{App, plain_journal};

const DOWN: &str = "\u{E015}";
const ENTER: &str = "\u{E007}";

async fn focused_id(app: &App) -> Result<String> {
    let id = app
        .client
        .execute(
            "return document.activeElement && document.activeElement.id",
            vec![],
        )
        .await?;
    Ok(id.as_str().unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_tag_picker_works_by_keyboard_alone() -> Result<()> {
    let data = plain_journal("tag-keyboard")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click(".new-entry").await?;
        app.type_into("#tag-input", "hosting").await?;
        app.wait_for("[role=option]").await?;
        let first = app.attr("[role=option]:first-child", "data-option").await?;
        ensure!(
            app.all("[role=option][aria-selected=true]")
                .await?
                .is_empty(),
            "nothing is picked before ↓"
        );
        app.type_into("#tag-input", DOWN).await?;
        let picked = app
            .attr("[role=option][aria-selected=true]", "data-option")
            .await?;
        ensure!(
            picked == first,
            "↓ lands on the first: {picked:?}, first {first:?}"
        );
        app.type_into("#tag-input", ENTER).await?;
        let first = first.unwrap_or_default();
        app.wait_for(&format!(".selected-tags [data-tag={first}]"))
            .await?;

        // Removing the chip: the tag goes, the keyboard stays in the box.
        app.click(&format!(".selected-tags [data-tag={first}] .chip-remove"))
            .await?;
        app.wait_gone(&format!(".selected-tags [data-tag={first}]"))
            .await?;
        let focused = focused_id(&app).await?;
        ensure!(focused == "tag-input", "focus went to {focused:?}");

        // Nothing matches: said, with the way to browse instead.
        app.type_into("#tag-input", "zzqqxxjj").await?;
        app.wait_for_text("[data-tag-unmatched]", "No framework item matches")
            .await?;
        app.click("[data-action=browse-framework]").await?;
        ensure!(
            app.attr("details.browse", "open").await?.is_some(),
            "the framework opens to browse"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
