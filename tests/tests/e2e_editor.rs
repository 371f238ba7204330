//! The editor in everyday use (#17, items 9 and 10): the cursor starts in Title, Save
//! stays in view on a long entry, choosing a template is not "unsaved changes", a
//! Markdown list reads as a list, writing kept when the app closed is announced on the
//! journal with its title, and the history shows the words added and removed.

use anyhow::{Context, Result, ensure};
use std::time::Duration;
use waymark_tests::{App, CONTROL, ENTER, plain_journal, wait_until};

/// How far the page has scrolled the main pane, and the Save bar's and last field's
/// edges against the window's height (CSS pixels).
async fn save_bar_geometry(app: &App) -> Result<serde_json::Value> {
    app.js(
        "const bar = document.querySelector('[data-save-bar]').getBoundingClientRect();
         const last = document.querySelector('#label-input').getBoundingClientRect();
         const main = document.querySelector('main');
         return { barTop: bar.top, barBottom: bar.bottom, lastBottom: last.bottom,
                  height: window.innerHeight, scrolls: main.scrollHeight > main.clientHeight + 100 };",
    )
    .await
}

fn number(v: &serde_json::Value, key: &str) -> Result<f64> {
    v[key].as_f64().with_context(|| format!("no {key} in {v}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_editor_starts_in_title_keeps_save_in_view_and_draws_lists() -> Result<()> {
    let data = plain_journal("editor")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.client.set_window_size(1280, 900).await?;
        tokio::time::sleep(Duration::from_millis(400)).await;

        // "Start writing" puts the cursor in Title.
        app.click("[data-action=start-writing]").await?;
        app.wait_for("#entry-title").await?;
        wait_until("the focus after Start writing", async || app.focused().await, |f| f == "#entry-title").await?;

        // Choosing another template with nothing written is no change: leaving asks nothing.
        app.click("[data-template=gibbs]").await?;
        app.wait_for("[data-field=description]").await?;
        let state = app.texts(".save-state").await?;
        ensure!(
            state.iter().all(|s| !s.contains("Unsaved")),
            "a template alone shows as unsaved: {state:?}"
        );
        app.click("[data-nav=journal]").await?;
        app.wait_for("[data-welcome]").await?;
        ensure!(
            app.all("#question-title").await?.is_empty(),
            "leaving an empty entry after choosing a template asked a question"
        );

        // Ctrl+N from anywhere does the same.
        app.type_into("[data-nav=journal]", &format!("{CONTROL}n")).await?;
        app.wait_for("#entry-title").await?;
        wait_until("the focus after Ctrl+N", async || app.focused().await, |f| f == "#entry-title").await?;
        app.screenshot("editor-ctrl-n").await?;

        // A long entry: Save stays at the foot of the window wherever it is scrolled to.
        app.type_into("#entry-title", "Board meeting").await?;
        let long: String = (1..=3)
            .map(|i| format!("Point {i} of what happened.{ENTER}"))
            .collect();
        for key in ["what", "so-what", "now-what"] {
            app.type_into(&format!("[data-field={key}]"), &long).await?;
        }
        app.type_into(
            "#entry-body",
            &format!("- listened first{ENTER}- asked the quiet members{ENTER}{ENTER}Then we agreed."),
        )
        .await?;
        app.js("document.querySelector('main').scrollTop = 0; return true;").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let top = save_bar_geometry(&app).await?;
        ensure!(top["scrolls"] == true, "the entry is not long enough to scroll: {top}");
        ensure!(
            number(&top, "barBottom")? <= number(&top, "height")? + 0.5
                && number(&top, "barTop")? < number(&top, "height")?,
            "the Save bar is not in the window at the top of a long entry: {top}"
        );
        app.screenshot("editor-save-bar").await?;
        app.js("const m = document.querySelector('main'); m.scrollTop = m.scrollHeight; return true;")
            .await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let end = save_bar_geometry(&app).await?;
        ensure!(
            number(&end, "barBottom")? <= number(&end, "height")? + 0.5,
            "the Save bar is not in the window at the end: {end}"
        );
        ensure!(
            number(&end, "lastBottom")? <= number(&end, "barTop")? + 0.5,
            "the Save bar covers the last field at the end: {end}"
        );

        // The preview draws the Markdown list as a list.
        app.click("[data-toggle=preview]").await?;
        app.wait_for_text(".preview li", "listened first").await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Board meeting").await?;

        // The saved entry too: bullets, no card border around each point.
        app.wait_for_text(".rendered li", "asked the quiet members").await?;
        let style = app
            .js(
                "const li = document.querySelector('.rendered li');
                 const s = getComputedStyle(li);
                 return { border: s.borderTopWidth, bullet: getComputedStyle(li.parentElement).listStyleType,
                          display: s.display };",
            )
            .await?;
        ensure!(
            style["border"] == "0px" && style["bullet"] == "disc" && style["display"] == "list-item",
            "a Markdown list item is drawn as a card: {style}"
        );
        app.screenshot("entry-markdown-list").await?;

        // Edited: a word taken out, words put in; History shows them, box by box.
        app.click("[data-action=edit]").await?;
        app.wait_for("#entry-title").await?;
        app.type_into("#entry-body", &format!("{CONTROL}a")).await?;
        app.type_into(
            "#entry-body",
            &format!("- listened first{ENTER}- asked the newest members{ENTER}{ENTER}Then we agreed a plan."),
        )
        .await?;
        app.type_into("#tag-input", "sharing power").await?;
        app.wait_for("[role=option]").await?;
        app.type_into("#tag-input", ENTER).await?;
        app.wait_for(".selected-tags [data-tag=sharing-power]").await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Board meeting").await?;
        app.click("[data-action=history]").await?;
        app.click("[data-revision='2']").await?;
        app.wait_for("[data-changes='2'] [data-field-changes=body]").await?;
        let added = app.texts("[data-field-changes=body] ins").await?;
        let removed = app.texts("[data-field-changes=body] del").await?;
        ensure!(
            added.iter().any(|t| t.contains("newest")) && added.iter().any(|t| t.contains("plan")),
            "the added words are not marked: {added:?}"
        );
        ensure!(
            removed.iter().any(|t| t.contains("quiet")),
            "the removed word is not marked: {removed:?}"
        );
        ensure!(
            !removed.iter().chain(&added).any(|t| t.contains("listened")),
            "an unchanged line is marked: {added:?} {removed:?}"
        );
        // Not colour alone: the words "added" and "removed" are there for a screen reader.
        let spoken = app
            .js("return document.querySelector('[data-field-changes=body] ins').textContent;")
            .await?;
        ensure!(
            spoken.as_str().is_some_and(|t| t.starts_with("added: ")),
            "{spoken}"
        );
        app.wait_for("[data-change=tags] [data-tag-added=sharing-power]").await?;
        app.wait_for_text("[data-change-summary]", "added").await?;
        ensure!(
            app.all("[data-field-changes=what]").await?.is_empty(),
            "a box that did not change is listed"
        );
        app.js(
            "const main = document.querySelector('main');
             const at = document.querySelector('[data-changes]').getBoundingClientRect().top;
             main.scrollTop += at - 160; return true;",
        )
            .await?;
        app.screenshot("history-changes").await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn writing_kept_when_the_app_closed_is_announced_with_its_title() -> Result<()> {
    let data = plain_journal("editor-kept")?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for("[data-welcome]").await?;
        ensure!(
            app.all("[data-kept-draft]").await?.is_empty(),
            "a draft is announced before any was kept"
        );
        app.type_into("[data-nav=journal]", &format!("{CONTROL}n"))
            .await?;
        app.type_into("#entry-title", "Board meeting").await?;
        app.type_into("[data-field=what]", "The board asked for more.")
            .await?;
        app.wait_for_text(".save-state", "Unsaved changes").await?;
        // Each change is kept a moment after it is typed.
        tokio::time::sleep(Duration::from_millis(800)).await;
        anyhow::Ok(())
    }
    .await;
    // Closed without saving, as when the computer restarts.
    app.close().await?;
    result?;

    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for_text("[data-kept-draft]", "“Board meeting”")
            .await?;
        app.wait_for_text("[data-kept-draft]", "today").await?;
        app.screenshot("journal-kept-draft").await?;
        app.click("[data-action=open-draft]").await?;
        wait_until(
            "the title brought back",
            async || app.value("#entry-title").await,
            |t| t == "Board meeting",
        )
        .await?;
        ensure!(app.value("[data-field=what]").await? == "The board asked for more.");
        ensure!(
            app.all(".offer").await?.is_empty(),
            "Open it asked again whether to restore"
        );
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Board meeting").await?;
        app.click("[data-nav=journal]").await?;
        app.wait_for(".entry-card").await?;
        ensure!(
            app.all("[data-kept-draft]").await?.is_empty(),
            "the saved draft is still announced"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
