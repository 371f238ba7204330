//! Sharing an entry that holds a valid NHS number and a patient's name (issue 13): the
//! share dialog's review lists what may identify someone before the file is written, a
//! finding marked as fine leaves the list, and "Remove them from the copy" sends a
//! redacted copy while the journal keeps its text.

use anyhow::{Result, ensure};
use waymark_tests::file_dialog::{SAVE_KEYS, answer_file_dialog};
use waymark_tests::{App, fresh_data_dir, introduce, plain_journal, search_hits, waymark};

const COACH: &str = "Kim Coach";
const TITLE: &str = "A hard home visit";
/// A valid NHS number (its check digit is right), a name after a title, and a place
/// name after "Dr" the leader will mark as fine.
const BODY: &str =
    "Mrs Okafor (NHS 943 476 5919) told me the plan was ours, not hers. We met at Dr Gray Surgery.";

#[tokio::test(flavor = "multi_thread")]
async fn a_share_with_an_nhs_number_is_reviewed_and_sent_redacted() -> Result<()> {
    let leader = plain_journal("identifiers-leader")?;
    let coach = plain_journal("identifiers-coach")?;
    let files = fresh_data_dir("identifiers-files")?;
    introduce((&leader, "Lee Leader"), (&coach, COACH))?;
    let id = waymark(&leader, &["add", "--title", TITLE, "--body", BODY], &[])?
        .trim()
        .to_owned();
    let bundle = files.join("for-kim.waymark");

    let app = App::launch(&leader).await?;
    let result = async {
        app.click(".entry-card").await?;
        app.wait_for_text("#entry-heading", TITLE).await?;
        app.click("[data-action=share-entry]").await?;
        app.wait_for("[data-share-dialog] [data-preview-entry]")
            .await?;
        app.click("[data-action=save-share]").await?;
        app.wait_for("[data-share-review]").await?;
        let kinds = app.all("[data-share-review] [data-finding]").await?.len();
        let listed = app.texts("[data-share-review] li").await?.join("\n");
        ensure!(
            kinds == 3 && listed.contains("943 476 5919") && listed.contains("NHS number"),
            "the review lists the NHS number and both names: {listed}"
        );
        app.screenshot("share-review").await?;
        // "Dr Gray Surgery" is a place: fine, and remembered for that text.
        app.click("[data-share-review] li:last-child [data-action=finding-fine]")
            .await?;
        app.wait_for_text("#review-title", "2 details may identify someone")
            .await?;
        app.click("[data-action=share-redacted]").await?;
        answer_file_dialog(&format!("Save the file for {COACH}"), SAVE_KEYS, &bundle).await?;
        app.wait_for_text(".info.banner", "removed from the copy")
            .await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    // The coach's copy says what was removed; the details never left.
    let bundle_arg = bundle.display().to_string();
    waymark(&coach, &["receive", &bundle_arg], &[])?;
    let hits = |q: &str| search_hits(&coach, &["--journal", "Lee Leader", q]);
    ensure!(
        hits("5919")?.is_empty(),
        "the NHS number left: {:?}",
        hits("5919")?
    );
    ensure!(hits("okafor")?.is_empty(), "the name left");
    ensure!(
        hits("removed")?.iter().any(|h| h["title"] == TITLE),
        "the redacted copy arrived"
    );
    ensure!(
        hits("gray")?.iter().any(|h| h["title"] == TITLE),
        "what was marked as fine went as written"
    );
    // The journal keeps its text, and `waymark check` still sees the NHS number.
    let shown = waymark(&leader, &["show", &id], &[])?;
    ensure!(
        shown.contains("943 476 5919"),
        "the journal kept its text: {shown}"
    );
    let found = waymark(&leader, &["check", "--json"], &[])?;
    ensure!(
        found.contains("nhs-number") && !found.contains("Dr Gray"),
        "{found}"
    );
    for dir in [leader, coach, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
