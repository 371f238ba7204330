//! Details that may identify someone in everyday use of the desktop app (issue 13): the
//! watch list kept in Settings, the editor underlining details as they are typed with a
//! line above Save that steps through them (saving is never blocked), the review before
//! an export with the copy redacted and a finding marked as fine, that finding shown in
//! Settings and reported again, and the details taken out of the entry in the journal;
//! and "Edit the entry" in a review leaving it for the editor.

use anyhow::{Result, ensure};
use waymark_tests::file_dialog::{SAVE_KEYS, answer_file_dialog};
use waymark_tests::{App, fresh_data_dir, plain_journal, wait_until, waymark};

const TITLE: &str = "A home visit that went wrong";
/// A watched name, a valid NHS number (its check digit is right) and a full postcode.
const WHAT: &str = "I met Aisha Khan at home (NHS 943 476 5919) in LS1 4AP.";

#[tokio::test(flavor = "multi_thread")]
async fn details_are_marked_as_typed_reviewed_before_export_and_removed_from_the_journal()
-> Result<()> {
    let data = plain_journal("identifiers-editor")?;
    let files = fresh_data_dir("identifiers-editor-files")?;
    let exported = files.join("journal.json");

    let app = App::launch(&data).await?;
    let result = async {
        // Settings: a colleague's name on the watch list.
        app.click("[data-nav=settings]").await?;
        app.type_into("[data-watch-names]", "Aisha Khan").await?;
        app.click("[data-action=save-watch-list]").await?;
        app.wait_for_text("[data-watch-count]", "1 name watched")
            .await?;

        // The editor marks the three details as they are typed.
        app.click("[data-nav=journal]").await?;
        app.click("[data-action=start-writing]").await?;
        app.type_into("#entry-title", TITLE).await?;
        app.type_into("[data-field=what]", WHAT).await?;
        app.wait_for_text("[data-identifiers-line]", "3 details may identify someone")
            .await?;
        let marked = app.texts("[data-marks-for=field-what] mark").await?;
        ensure!(
            marked == ["Aisha Khan", "943 476 5919", "LS1 4AP"],
            "the underlined words: {marked:?}"
        );
        // The underline sits under the words: the mark's box starts where the text's
        // "Aisha" would, measured against the box's own left edge and font.
        let offset = app
            .js(r#"
                const box = document.querySelector("[data-field=what]");
                const mark = document.querySelector("[data-marks-for=field-what] mark");
                const style = getComputedStyle(box);
                const canvas = document.createElement("canvas").getContext("2d");
                canvas.font = style.font;
                const before = canvas.measureText("I met ").width;
                const left = box.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
                return Math.abs(mark.getBoundingClientRect().left - (left + before));
            "#)
            .await?;
        ensure!(
            offset.as_f64().is_some_and(|px| px < 2.0),
            "the underline is {offset} px away from its words"
        );
        // Review puts the cursor on the first detail, and the reason is written under the box.
        app.click("[data-action=review-details]").await?;
        app.wait_for_text("[data-mark-reason=field-what]", "names you asked Waymark to watch for")
            .await?;
        let selected = app
            .js("const b = document.activeElement; return b.value.slice(b.selectionStart, b.selectionEnd);")
            .await?;
        ensure!(selected == "Aisha Khan", "Review selected {selected}");
        app.screenshot("editor-identifiers").await?;

        // Saving is never blocked; the saved entry says what it holds.
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", TITLE).await?;
        let id = app
            .attr("[data-entry-view]", "data-entry-view")
            .await?
            .unwrap_or_default();
        app.wait_for_text("[data-entry-identifiers]", "3 details may identify someone")
            .await?;

        // Export: the review lists the three; the postcode is fine; the copy is redacted.
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=export-json]").await?;
        app.wait_for_text("#review-title", "3 details may identify someone")
            .await?;
        app.wait_for_text("[data-export-review] .review-entry", TITLE)
            .await?;
        app.screenshot("export-review").await?;
        app.click("[data-export-review] li[data-finding=postcode] [data-action=finding-fine]")
            .await?;
        app.wait_for_text("#review-title", "2 details may identify someone")
            .await?;
        app.click("[data-action=export-redacted]").await?;
        answer_file_dialog("Export your journal", SAVE_KEYS, &exported).await?;
        app.wait_for_text(".info.banner", "were removed from it").await?;

        // Settings lists the finding marked as fine, and can point it out again.
        app.wait_for_text("[data-dismissed-item]", "LS1 4AP").await?;
        app.js("document.querySelector('[data-identifier-settings]').scrollIntoView()")
            .await?;
        app.screenshot("settings-identifiers").await?;
        app.click("[data-dismissed-item] [data-action=report-again]")
            .await?;
        app.wait_for("[data-dismissed-none]").await?;

        // Out of the journal itself, from every version (the one replaced included).
        app.click("[data-nav=journal]").await?;
        app.click(".entry-card").await?;
        app.click("[data-action=redact-entry]").await?;
        app.wait_for_text("#question-title", "Remove these details from your journal?")
            .await?;
        let asked = app.texts(".question-text").await?.join(" ");
        ensure!(
            asked.contains("keeps 1 version holding them"),
            "the question says the history would keep them: {asked}"
        );
        app.click("[data-answer=every]").await?;
        app.wait_gone("[data-entry-identifiers]").await?;
        wait_until(
            "the entry's text without the NHS number",
            async || app.texts(".rendered").await,
            |t| t.iter().any(|p| p.contains("[NHS number removed]")),
        )
        .await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(id)
    }
    .await;
    let id = app.finish(result).await?;

    let written = std::fs::read_to_string(&exported)?;
    ensure!(
        !written.contains("943 476 5919") && !written.contains("Aisha"),
        "the export holds the details: {written}"
    );
    ensure!(
        written.contains("[NHS number removed]") && written.contains("LS1 4AP"),
        "the export is redacted except what was marked as fine: {written}"
    );
    let found = waymark(&data, &["check", "--json"], &[])?;
    ensure!(found.trim() == "[]", "the journal still holds: {found}");
    let history = waymark(&data, &["history", "--json", &id], &[])?;
    ensure!(
        !history.contains("943 476 5919") && history.contains("[NHS number removed]"),
        "a version still holds the NHS number: {history}"
    );
    for dir in [data, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_the_entry_in_a_review_opens_it_in_the_editor() -> Result<()> {
    let data = plain_journal("identifiers-review-edit")?;
    waymark(&data, &["add", "--title", TITLE, "--body", WHAT], &[])?;
    let app = App::launch(&data).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=export-markdown]").await?;
        app.wait_for_text("[data-export-review] .review-entry", TITLE)
            .await?;
        app.click("[data-export-review] [data-action=edit-reviewed]")
            .await?;
        app.wait_for_text("#editor-title", "Edit entry").await?;
        wait_until(
            "the entry's text in the editor",
            async || app.value("#entry-body").await,
            |text| text == WHAT,
        )
        .await?;
        ensure!(
            app.all("[data-export-review]").await?.is_empty(),
            "the review closed"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}
