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

/// A code as a person might paste it from Settings: in groups, over several lines.
fn readable(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let groups: Vec<String> = chars.chunks(5).map(|c| c.iter().collect()).collect();
    groups
        .chunks(8)
        .map(|line| line.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
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
        // Shown in groups to read and check by eye; every character is there.
        let shown = app.value("[data-share-code]").await?;
        let unspaced: String = shown.chars().filter(|c| !c.is_whitespace()).collect();
        ensure!(
            unspaced == my_code && shown.contains(' '),
            "Settings shows the code {shown:?}, not {my_code:?} in groups"
        );

        // A mistyped code is said beside its box, and goes once the box is changed.
        app.type_into("[data-contact-code]", "waymark1:nonsense")
            .await?;
        app.click("[data-action=add-contact]").await?;
        app.wait_for_text(
            "[data-field-error=contact-code]",
            "That code could not be added",
        )
        .await?;
        ensure!(
            app.attr("[data-contact-code]", "aria-invalid")
                .await?
                .as_deref()
                == Some("true"),
            "the mistyped code's box is not marked as wrong"
        );
        ensure!(
            app.errors().await?.is_empty(),
            "the code's mistake also went to the banner"
        );
        app.retype("[data-contact-code]", "").await?;
        app.wait_gone("[data-field-error=contact-code]").await?;

        // The grouped code, pasted as shown, is a good code.
        app.type_into("[data-contact-code]", &readable(&coach_code))
            .await?;
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
