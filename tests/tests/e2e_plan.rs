//! The development plan in the desktop app (issue 13): the journal says when actions
//! are due, the Plan view lists them with the overdue one marked, a reflection's page
//! plans a new one from its "Now what?" box, and an action is marked done with a note;
//! Growth counts it among the quarter's done actions; the terminal reads back what the
//! app saved.

use anyhow::{Context, Result, ensure};
use waymark_tests::{App, plain_journal, waymark};

#[tokio::test(flavor = "multi_thread")]
async fn actions_are_planned_from_a_reflection_listed_and_closed_with_a_note() -> Result<()> {
    let data = plain_journal("plan")?;
    let added = waymark(
        &data,
        &[
            "add",
            "--title",
            "Hosting the forum",
            "--template",
            "rolfe",
            "--field",
            "what=I hosted the forum.",
            "--field",
            "now-what=Open every meeting with a question.",
            "--tag",
            "hosting-style",
        ],
        &[],
    )?;
    let id = added.trim().to_owned();
    ensure!(!id.is_empty(), "`waymark add` printed no id");
    // Due long ago, so it is overdue whatever the date of the run.
    waymark(
        &data,
        &[
            "action",
            "add",
            &id,
            "Ask Sam to chair",
            "--due",
            "2020-01-15",
        ],
        &[],
    )?;

    let app = App::launch(&data).await?;
    let steps = async {
        app.wait_for_text("[data-actions-due]", "1 action of your plan is due")
            .await?;
        app.click("[data-action=open-plan]").await?;
        app.wait_for_text("[data-plan-count]", "1 open action, 1 overdue")
            .await?;
        app.wait_for_text("[data-action-row='1'] [data-action-due]", "overdue since")
            .await?;

        // From the plan to the reflection, and a second action from its Now what? box.
        app.click("[data-action-row='1'] [data-action=open-action-entry]")
            .await?;
        app.wait_for_text("#entry-heading", "Hosting the forum")
            .await?;
        app.click("[data-action=plan-action]").await?;
        let offered = app.value("[data-action-text]").await?;
        ensure!(
            offered == "Open every meeting with a question.",
            "the box's first line is offered: {offered:?}"
        );
        app.click("[data-action=save-action]").await?;
        app.wait_for("[data-entry-plan] [data-action-row='2']")
            .await?;

        // Action 1 done, with a note of how it went.
        app.click("[data-entry-plan] [data-action-row='1'] [data-action=action-done]")
            .await?;
        app.type_into(
            "[data-action-row='1'] [data-action-note-box]",
            "Sam chaired it well.",
        )
        .await?;
        app.click("[data-action-row='1'] [data-action=confirm-close]")
            .await?;
        app.wait_for_text(
            "[data-action-row='1'] [data-action-note]",
            "Sam chaired it well.",
        )
        .await?;
        app.click("[data-nav=plan]").await?;
        app.wait_for_text("[data-plan-count]", "1 open action · 1 closed action")
            .await?;
        app.click("[data-show-closed]").await?;
        app.wait_for("[data-closed-actions] [data-action-row='1']")
            .await?;
        app.screenshot("plan-view").await?;

        // Growth counts it in this quarter (whichever that is), under its theme.
        app.click("[data-nav=growth]").await?;
        app.wait_for_text("[data-actions-done] [data-done]", "1")
            .await?;
        Ok(())
    }
    .await;
    app.finish(steps).await?;

    let saved: serde_json::Value =
        serde_json::from_str(&waymark(&data, &["actions", "--all", "--json"], &[])?)
            .context("actions --json")?;
    let first = saved
        .as_array()
        .and_then(|a| a.iter().find(|x| x["number"] == 1))
        .context("action 1")?;
    ensure!(
        first["status"] == "done" && first["note"] == "Sam chaired it well.",
        "{first}"
    );
    let second = saved
        .as_array()
        .and_then(|a| a.iter().find(|x| x["number"] == 2))
        .context("action 2")?;
    ensure!(
        second["field"] == "now-what" && second["tags"] == serde_json::json!(["hosting-style"]),
        "from the Now what? box, with the reflection's items: {second}"
    );
    Ok(())
}
