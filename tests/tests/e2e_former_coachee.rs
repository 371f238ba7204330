//! A coachee removed from the coach's contacts (issue 16, coach parity): what they
//! shared stays in Coachees, marked and read-only, without "Send feedback", until the
//! coach deletes it with a question; then it is gone from the app and from the terminal.

use anyhow::{Result, ensure};
use waymark_tests::{App, fresh_data_dir, introduce, plain_journal, waymark};

const LEADER: &str = "Lee Leader";

#[tokio::test(flavor = "multi_thread")]
async fn a_removed_coachees_entries_stay_until_the_coach_deletes_them() -> Result<()> {
    let leader = plain_journal("former-leader")?;
    let coach = plain_journal("former-coach")?;
    let files = fresh_data_dir("former-files")?;
    introduce((&leader, LEADER), (&coach, "Kim Coach"))?;
    let id = waymark(
        &leader,
        &[
            "add",
            "--title",
            "Hosting the forum",
            "--body",
            "The room set the agenda.",
        ],
        &[],
    )?
    .trim()
    .to_owned();
    let bundle = files.join("for-kim.waymark");
    let bundle_arg = bundle.display().to_string();
    waymark(
        &leader,
        &[
            "share",
            "--to",
            "Kim Coach",
            "--out",
            &bundle_arg,
            "--id",
            &id,
        ],
        &[],
    )?;
    waymark(&coach, &["receive", &bundle_arg], &[])?;
    waymark(&coach, &["contacts", "remove", LEADER], &[])?;

    let app = App::launch(&coach).await?;
    let result = async {
        app.click("[data-nav=coachees]").await?;
        app.wait_for_text(
            &format!("[data-coachee='{LEADER}'] [data-coachee-removed]"),
            "no longer a contact",
        )
        .await?;
        app.click(&format!("[data-coachee='{LEADER}']")).await?;
        app.wait_for_text("[data-removed-note]", "no longer one of your contacts")
            .await?;
        ensure!(
            app.all("[data-action=send-feedback]").await?.is_empty(),
            "feedback cannot go to someone who is not a contact"
        );
        // Still readable.
        app.wait_for_text(".shared-entries .entry-title", "Hosting the forum")
            .await?;
        app.screenshot("coachee-removed").await?;
        app.click("[data-action=delete-shared]").await?;
        app.wait_for_text("#question-title", &format!("Delete what {LEADER} shared?"))
            .await?;
        app.click("[data-answer=delete]").await?;
        app.wait_for("[data-no-coachees]").await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let listed = waymark(&coach, &["search", "--all-journals", "agenda"], &[]);
    ensure!(
        !listed
            .as_deref()
            .unwrap_or("")
            .contains("Hosting the forum"),
        "the deleted entries are still found: {listed:?}"
    );
    for dir in [leader, coach, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
