//! Sharing in the real desktop app: Settings shows this journal's share code and
//! fingerprint, and a coach's code pasted in is listed as a contact with theirs.

use anyhow::{Context, Result, ensure};
use std::path::Path;
use std::process::Command;
use waymark_tests::{App, cli_binary, plain_journal};

/// `waymark identity --json` for the journal in `data`: (code, fingerprint).
fn identity(data: &Path) -> Result<(String, String)> {
    let out = Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(data)
        .args(["identity", "--json"])
        .output()
        .context("could not run `waymark identity`")?;
    ensure!(
        out.status.success(),
        "`waymark identity` failed with {}",
        out.status
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let field = |name: &str| -> Result<String> {
        json[name]
            .as_str()
            .map(str::to_owned)
            .with_context(|| format!("`waymark identity --json` has no {name}"))
    };
    Ok((field("code")?, field("fingerprint")?))
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_shows_the_share_code_and_lists_a_pasted_contact() -> Result<()> {
    let mine = plain_journal("share-leader")?;
    let coach = plain_journal("share-coach")?;
    let (my_code, my_fingerprint) = identity(&mine)?;
    let (coach_code, coach_fingerprint) = identity(&coach)?;

    let app = App::launch(&mine).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.wait_for_text("[data-fingerprint]", &my_fingerprint)
            .await?;
        let shown = app.value("[data-share-code]").await?;
        ensure!(
            shown == my_code,
            "Settings shows the code {shown:?}, not {my_code:?}"
        );

        app.type_into("[data-contact-code]", &coach_code).await?;
        app.type_into("[data-contact-name]", "Coach Kim").await?;
        app.click("[data-action=add-contact]").await?;
        app.wait_for_text(
            "[data-contact='Coach Kim'] [data-contact-fingerprint]",
            &coach_fingerprint,
        )
        .await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    for dir in [mine, coach] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
