//! The share dialog at 1200×820, as a leader uses it (issue 17, item 8): it stays
//! exactly where it is while boxes are ticked, its Save button is always in view, it
//! offers only the boxes of the entries' own templates, says "Tick at least one box"
//! in our words, and "Share all N results" asks first and is not offered for an empty
//! search (the whole journal).

use anyhow::{Context, Result, ensure};
use std::time::Duration;
use waymark_tests::{App, BACKSPACE, introduce, plain_journal, waymark};

const COACH: &str = "Dr Ada Coach";
const ROLFE: &str = "Hosting the neighbourhood forum";
const GIBBS: &str = "The forum's board meeting";

/// Where the share dialog is and how big, in CSS pixels.
async fn dialog_rect(app: &App) -> Result<Vec<i64>> {
    let r = app
        .js(
            "const r = document.querySelector('[data-share-dialog]').getBoundingClientRect();
             return [r.x, r.y, r.width, r.height].map(Math.round);",
        )
        .await?;
    serde_json::from_value(r).context("no rectangle")
}

/// Fails unless the dialog is where it was, and its Save button is inside the window.
async fn still_and_savable(app: &App, was: &[i64], after: &str) -> Result<()> {
    // Long enough for a re-centring or a late preview to have moved it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let now = dialog_rect(app).await?;
    ensure!(now == was, "the dialog moved {after}: {was:?} → {now:?}");
    let inside = app
        .js("const b = document.querySelector('[data-action=save-share]').getBoundingClientRect();
             return b.top >= 0 && b.bottom <= window.innerHeight && b.left >= 0 && b.right <= window.innerWidth;")
        .await?;
    ensure!(
        inside == serde_json::json!(true),
        "Save is out of view {after}"
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_share_dialog_stays_still_offers_the_entry_s_boxes_and_asks_before_sharing_all()
-> Result<()> {
    let leader = plain_journal("share-dialog-leader")?;
    let coach = plain_journal("share-dialog-coach")?;
    introduce((&leader, "Lee Leader"), (&coach, COACH))?;
    let rolfe = waymark(
        &leader,
        &[
            "add",
            "--title",
            ROLFE,
            "--template",
            "rolfe",
            "--field",
            "what=Residents came to the forum.",
            "--field",
            "so-what=I held back and they spoke.",
            "--field",
            "now-what=Ask a resident to chair.",
        ],
        &[],
    )?
    .trim()
    .to_owned();
    waymark(
        &leader,
        &[
            "add",
            "--title",
            GIBBS,
            "--template",
            "gibbs",
            "--field",
            "description=The forum board met.",
            "--field",
            "feelings=Nervous.",
        ],
        &[],
    )?;

    let app = App::launch(&leader).await?;
    let steps = async {
        app.client.set_window_size(1200, 820).await?;
        tokio::time::sleep(Duration::from_millis(400)).await;

        // One Rolfe entry: only Rolfe's three boxes, and the dialog never moves.
        app.click(&format!(".entry-card[data-entry='{rolfe}']"))
            .await?;
        app.click("[data-action=share-entry]").await?;
        app.wait_for("[data-share-dialog] [data-preview-entry]")
            .await?;
        let at = dialog_rect(&app).await?;
        still_and_savable(&app, &at, "when it opened").await?;
        app.click("[data-share-mode=fields]").await?;
        app.wait_for_text("[data-share-unticked]", "Tick at least one box")
            .await?;
        still_and_savable(&app, &at, "on choosing boxes").await?;
        let boxes = app
            .js("return [...document.querySelectorAll('[data-share-field]')].map(b => b.value);")
            .await?;
        ensure!(
            boxes == serde_json::json!(["what", "so-what", "now-what"]),
            "a Rolfe entry is offered Rolfe's boxes only: {boxes}"
        );
        ensure!(
            app.all("[data-share-problem]").await?.is_empty(),
            "the engine's refusal is not shown"
        );
        app.click("[data-share-field=so-what]").await?;
        app.wait_for("[data-preview-field=so-what]").await?;
        still_and_savable(&app, &at, "after the first tick").await?;
        app.click("[data-share-field=now-what]").await?;
        app.wait_for("[data-preview-field=now-what]").await?;
        still_and_savable(&app, &at, "after the second tick").await?;
        app.screenshot("share-dialog-boxes").await?;
        ensure!(app.all("[data-share-unticked]").await?.is_empty());
        app.click("[data-share-field=so-what]").await?;
        app.click("[data-share-field=now-what]").await?;
        app.wait_for_text("[data-share-unticked]", "Tick at least one box to share")
            .await?;
        still_and_savable(&app, &at, "after unticking all").await?;
        ensure!(
            app.attr("[data-action=save-share]", "disabled")
                .await?
                .is_some(),
            "nothing ticked, nothing to save"
        );
        app.click("[data-share-dialog] .share-footer button:not(.primary)")
            .await?;
        app.wait_gone("[data-share-dialog]").await?;

        // Share all results of a search: the union of both templates' boxes, labelled,
        // and a question before anything is saved.
        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "forum").await?;
        app.wait_for_text("[data-action=share-results]", "Share all 2 results")
            .await?;
        app.click("[data-action=share-results]").await?;
        app.wait_for("[data-share-dialog] [data-preview-entry]")
            .await?;
        app.click("[data-share-mode=fields]").await?;
        let groups = app
            .js("return [...document.querySelectorAll('[data-share-template]')].map(g => [g.dataset.shareTemplate, g.getAttribute('aria-label'), g.querySelectorAll('[data-share-field]').length]);")
            .await?;
        ensure!(
            groups.as_array().map(Vec::len) == Some(2)
                && groups[0][0] == "rolfe"
                && groups[0][2] == 3
                && groups[1][0] == "gibbs"
                && groups[1][1].as_str().is_some_and(|l| l.contains("Gibbs")),
            "both templates' boxes, each under its template: {groups}"
        );
        app.wait_for_text("[data-share-template=gibbs]", "Gibbs")
            .await?;
        app.click("[data-share-mode=whole]").await?;
        app.wait_for("[data-preview-entry]").await?;
        app.click("[data-action=save-share]").await?;
        app.wait_for_text(
            "#question-title",
            &format!("Share all 2 entries with {COACH}?"),
        )
        .await?;
        app.screenshot("share-all-confirm").await?;
        app.click("[data-answer=cancel]").await?;
        app.wait_for("[data-share-dialog] [data-preview-entry]")
            .await?;
        app.click("[data-share-dialog] .share-footer button:not(.primary)")
            .await?;
        app.wait_gone("[data-share-dialog]").await?;

        // An empty search lists the whole journal: no "share all" there.
        for _ in 0.."forum".len() {
            app.type_into("#search-box", BACKSPACE).await?;
        }
        app.wait_for_text("[data-hit] .entry-title", GIBBS).await?;
        app.wait_for_text(".share-bar", "Tick results to share them")
            .await?;
        ensure!(
            app.all("[data-action=share-results]").await?.is_empty(),
            "an empty search offers no share-all"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;
    for dir in [leader, coach] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
