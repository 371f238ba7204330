//! Errors that go away: the same failure twice shows once, and the save that fixes it
//! takes its message away, leaving only the green "Saved".

use anyhow::{Result, ensure};
use waymark_tests::{App, plain_journal};

#[tokio::test(flavor = "multi_thread")]
async fn a_fixed_mistake_takes_its_error_away() -> Result<()> {
    let data = plain_journal("errors-clear")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click(".new-entry").await?;
        app.type_into("[data-field=what]", "The board asked for more.")
            .await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text(".error.banner", "give it a title first")
            .await?;
        app.click("[data-action=save]").await?;
        let errors = app.all(".error.banner").await?;
        ensure!(
            errors.len() == 1,
            "the same error twice shows once: {}",
            errors.len()
        );

        app.type_into("#entry-title", "Board meeting").await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text(".info.banner", "Saved “Board meeting”")
            .await?;
        app.wait_gone(".error.banner").await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
