//! A leader and a coach exchange a reflection and comments through the real desktop
//! app and a file only: the leader shares the learning (not the facts) with the coach,
//! the coach finds it, comments and sends feedback, the leader replies and shares
//! again; nothing is duplicated and nothing is lost. Files are saved and opened
//! through the OS's own dialogs, answered with [`waymark_tests::file_dialog`].
//!
//! Identities and contacts are set up with `waymark` (the Settings screens that do the
//! same are covered by `e2e_share.rs`).

use anyhow::{Context, Result, ensure};
use std::path::Path;
use std::process::Command;
use waymark_tests::file_dialog::{OPEN_KEYS, SAVE_KEYS, answer_file_dialog};
use waymark_tests::{
    App, cli_binary, fresh_data_dir, introduce, plain_journal, search_hits, waymark_said,
};

const LEADER: &str = "Lee Leader";
const COACH: &str = "Kim Coach";
const TITLE: &str = "Hosting the neighbourhood forum";
/// The facts: stays on the leader's computer in the first share.
const WHAT: &str = "Mrs Patel's daughter complained about the ward";
const SO_WHAT: &str = "Letting the quietest voices speak first changed the room";
const NOW_WHAT: &str = "Open the next forum with a round of introductions";
const COMMENT: &str = "What made the quiet ones speak up this time?";
/// Markup a hostile or careless writer might put in a comment or an entry: it must
/// reach the other journal as text and never run.
const MARKUP: &str = r#"<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"#;
const REPLY: &str = "I asked them by name, before anyone senior spoke";

/// Runs `waymark` on the journal in `data` and returns what it printed.
fn waymark(data: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .with_context(|| format!("could not run `waymark {}`", args.join(" ")))?;
    ensure!(
        out.status.success(),
        "`waymark {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Fails if any markup from the other journal ran or reached the page as live markup.
async fn assert_no_script_ran(app: &App) -> Result<()> {
    let found = app
        .client
        .execute(
            "return [String(window.__pwned), document.querySelectorAll('main script, main [onerror]').length];",
            vec![],
        )
        .await?;
    ensure!(
        found == serde_json::json!(["undefined", 0]),
        "markup from a bundle ran or is live in the page: {found}"
    );
    Ok(())
}

/// Saves the open share dialog's bundle for the coach as `file`, through the system's
/// save dialog, and waits for the app to say it went with `comments` comments. With
/// `as_written`, the review of details that may identify someone (the facts name
/// "Mrs Patel") is expected first, and answered "Send as written".
async fn save_share(app: &App, file: &Path, comments: usize, as_written: bool) -> Result<()> {
    app.click("[data-action=save-share]").await?;
    if as_written {
        app.wait_for("[data-share-review] [data-finding=titled-name]")
            .await?;
        app.click("[data-action=share-as-written]").await?;
    }
    answer_file_dialog(&format!("Save the file for {COACH}"), SAVE_KEYS, file).await?;
    let noun = if comments == 1 { "comment" } else { "comments" };
    app.wait_for_text(
        ".info.banner",
        &format!("Saved 1 entry and {comments} {noun} for {COACH}"),
    )
    .await?;
    Ok(())
}

/// The text of the page's body as the user sees it.
async fn page_text(app: &App) -> Result<String> {
    Ok(app.texts("main").await?.join("\n"))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_leader_and_a_coach_exchange_a_reflection_and_comments_through_the_app() -> Result<()> {
    let leader = plain_journal("round-trip-leader")?;
    let coach = plain_journal("round-trip-coach")?;
    let files = fresh_data_dir("round-trip-files")?;
    let (first_share, feedback, second_share) = (
        files.join("for-kim.waymark"),
        files.join("feedback-for-lee.waymark"),
        files.join("for-kim-again.waymark"),
    );
    introduce((&leader, LEADER), (&coach, COACH))?;
    waymark(
        &leader,
        &[
            "add",
            "--title",
            TITLE,
            "--tag",
            "hosting style",
            "--field",
            &format!("what={WHAT}"),
            "--field",
            &format!("so-what={SO_WHAT}"),
            "--field",
            &format!("now-what={NOW_WHAT}"),
        ],
    )?;
    waymark(
        &leader,
        &[
            "add",
            "--title",
            "Budget figures",
            "--body",
            "Private numbers.",
        ],
    )?;

    // 1. The leader ticks the forum reflection in a search and shares only its learning.
    let app = App::launch(&leader).await?;
    let result = async {
        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "forum").await?;
        app.wait_for_text("[data-hit] .entry-title", TITLE).await?;
        app.click("[data-hit] [data-pick]").await?;
        app.click("[data-action=share-chosen]").await?;
        app.wait_for("[data-share-dialog] [data-preview-entry]")
            .await?;
        app.click("[data-share-mode=fields]").await?;
        app.click("[data-share-field=so-what]").await?;
        app.click("[data-share-field=now-what]").await?;
        app.wait_for("[data-preview-field=now-what]").await?;
        let preview = app.texts("[data-share-preview]").await?.join("\n");
        ensure!(
            preview.contains(SO_WHAT) && !preview.contains(WHAT),
            "the preview should show the learning and not the facts: {preview:?}"
        );
        app.screenshot("share-dialog").await?;
        save_share(&app, &first_share, 0, false).await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    let sent = std::fs::read(&first_share).context("the share wrote no file")?;
    ensure!(
        !String::from_utf8_lossy(&sent).contains("forum"),
        "the bundle must be encrypted"
    );

    // 2. The coach receives it, finds it, comments on its "So what?" and sends feedback.
    let app = App::launch(&coach).await?;
    let result = async {
        app.click("[data-nav=coachees]").await?;
        app.wait_for("[data-no-coachees]").await?;
        app.click("[data-coachees] [data-action=receive-bundle]")
            .await?;
        answer_file_dialog(
            "Open a .waymark file someone sent you",
            OPEN_KEYS,
            &first_share,
        )
        .await?;
        app.wait_for_text(
            ".info.banner",
            &format!("Received from {LEADER}: 1 new entry."),
        )
        .await?;
        app.wait_for(&format!("[data-coachee-shown='{LEADER}']"))
            .await?;
        app.wait_for_text(".shared-entries .entry-title", TITLE)
            .await?;
        app.click("[data-tab=growth]").await?;
        app.wait_for(&format!("[data-growth='{LEADER}'] #bars-title"))
            .await?;
        app.screenshot("coachees").await?;

        app.type_into("[data-coachee-search]", "quietest").await?;
        app.wait_for_text(
            &format!("[data-results-of='{LEADER}'] [data-hit] .entry-title"),
            TITLE,
        )
        .await?;
        app.click(&format!("[data-results-of='{LEADER}'] [data-hit] button"))
            .await?;
        app.wait_for(&format!("[data-shared-by='{LEADER}']"))
            .await?;
        let shown = page_text(&app).await?;
        ensure!(
            shown.contains(SO_WHAT) && !shown.contains(WHAT),
            "the coach should see only what was shared: {shown:?}"
        );
        ensure!(
            app.all("[data-action=edit]").await?.is_empty(),
            "a coachee's entry cannot be edited"
        );
        app.click("[data-comment-about] option[value=so-what]")
            .await?;
        app.type_into("[data-comment-box]", COMMENT).await?;
        app.click("[data-action=add-comment]").await?;
        app.wait_for_text("[data-comment] [data-comment-text]", COMMENT)
            .await?;
        app.wait_for_text("[data-comment] [data-comment-anchor=so-what]", "So what?")
            .await?;

        app.click("[data-action=back]").await?;
        app.click("[data-action=send-feedback]").await?;
        answer_file_dialog(
            &format!("Save the feedback for {LEADER}"),
            SAVE_KEYS,
            &feedback,
        )
        .await?;
        app.wait_for_text(".info.banner", &format!("Saved 1 comment for {LEADER}"))
            .await?;

        // The same bundle again is a replay: said as information, and changes nothing.
        app.click("[data-coachees] [data-action=receive-bundle]")
            .await?;
        answer_file_dialog(
            "Open a .waymark file someone sent you",
            OPEN_KEYS,
            &first_share,
        )
        .await?;
        app.wait_for_text(".info.banner", "already received, nothing new")
            .await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    // 3. The leader receives the feedback on their entry, replies and shares again, whole.
    let app = App::launch(&leader).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=receive-bundle]").await?;
        answer_file_dialog(
            "Open a .waymark file someone sent you",
            OPEN_KEYS,
            &feedback,
        )
        .await?;
        app.wait_for_text(
            ".info.banner",
            &format!("{COACH}'s feedback: 1 new comment on one of your entries."),
        )
        .await?;
        app.wait_for_text("#entry-heading", TITLE).await?;
        app.wait_for_text("[data-comment] [data-comment-author]", COACH)
            .await?;
        app.wait_for_text("[data-comment] [data-comment-text]", COMMENT)
            .await?;
        app.click("[data-comment] [data-action=reply]").await?;
        app.type_into("[data-comment-box]", REPLY).await?;
        app.click("[data-action=add-comment]").await?;
        app.wait_for_text("[data-comment][data-depth='1'] [data-comment-text]", REPLY)
            .await?;
        app.client
            .execute(
                "document.querySelector('[data-comments]').scrollIntoView({ block: 'start' });",
                vec![],
            )
            .await?;
        app.screenshot("comments").await?;
        // A second reply carries markup to the coach, who must see it as text.
        app.click("[data-comment][data-depth='1'] [data-action=reply]")
            .await?;
        app.type_into("[data-comment-box]", &format!("Also: {MARKUP}"))
            .await?;
        app.click("[data-action=add-comment]").await?;
        app.wait_for("[data-comment][data-depth='2']").await?;
        assert_no_script_ran(&app).await?;
        // And an edit adds markup to the entry itself; sharing again sends the update.
        app.click("[data-action=edit]").await?;
        app.type_into(
            "[data-field=now-what]",
            &format!(" Notes for myself. {MARKUP}"),
        )
        .await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("[data-entry-view] .rendered", "Notes for myself. <img")
            .await?;

        app.click("[data-action=share-entry]").await?;
        app.wait_for("[data-share-dialog] [data-preview-comments]")
            .await?;
        save_share(&app, &second_share, 2, true).await?;
        // The journal marks the entry the conversation is on.
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card [data-comment-count='3']", "3 comments")
            .await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    // 4. The coach receives the update: the same one entry, now whole, with the reply.
    let app = App::launch(&coach).await?;
    let result = async {
        app.click("[data-nav=coachees]").await?;
        app.click("[data-coachees] [data-action=receive-bundle]")
            .await?;
        answer_file_dialog(
            "Open a .waymark file someone sent you",
            OPEN_KEYS,
            &second_share,
        )
        .await?;
        app.wait_for_text(
            ".info.banner",
            &format!("Received from {LEADER}: 1 updated entry, 2 new replies."),
        )
        .await?;
        app.wait_for_text(&format!("[data-coachee='{LEADER}']"), "1 entry")
            .await?;
        let cards = app.all(".shared-entries [data-entry]").await?;
        ensure!(cards.len() == 1, "one entry, not {}", cards.len());
        app.click(".shared-entries [data-entry]").await?;
        app.wait_for_text("[data-comment][data-depth='1'] [data-comment-text]", REPLY)
            .await?;
        // The markup arrived, and shows as the text that was typed.
        app.wait_for_text(
            "[data-comment][data-depth='2'] [data-comment-text]",
            "Also: <img src=x",
        )
        .await?;
        let shown = page_text(&app).await?;
        ensure!(
            shown.contains(WHAT) && shown.contains(COMMENT),
            "the whole entry and the thread should show: {shown:?}"
        );
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors after the update: {errors:?}");
        ensure!(
            shown.contains("Notes for myself."),
            "the edited entry should show its new words, as text: {shown:?}"
        );
        assert_no_script_ran(&app).await?;
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    for dir in [leader, coach, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}

/// Takes things back through the app: the coach edits, then withdraws, their comment;
/// the leader sees each change and withdraws the entry, and the coach's copy goes.
#[tokio::test(flavor = "multi_thread")]
async fn a_coach_changes_their_mind_and_a_leader_takes_an_entry_back() -> Result<()> {
    let leader = plain_journal("take-back-leader")?;
    let coach = plain_journal("take-back-coach")?;
    let files = fresh_data_dir("take-back-files")?;
    let file = |name: &str| files.join(name);
    let path = |p: &Path| p.to_string_lossy().into_owned();
    introduce((&leader, LEADER), (&coach, COACH))?;
    let id = waymark(&leader, &["add", "--title", TITLE, "--body", SO_WHAT])?
        .trim()
        .to_owned();
    waymark(
        &leader,
        &[
            "share",
            "--to",
            COACH,
            "--out",
            &path(&file("s1.waymark")),
            "--id",
            &id,
        ],
    )?;
    waymark(&coach, &["receive", &path(&file("s1.waymark"))])?;
    waymark(&coach, &["comment", &id, COMMENT])?;
    const BETTER: &str = "Who spoke first, and who waited?";

    // 1. The coach edits their comment, then withdraws it, in the app.
    let app = App::launch(&coach).await?;
    let result = async {
        app.click("[data-nav=coachees]").await?;
        app.click(&format!("[data-coachee='{LEADER}']")).await?;
        app.click(".shared-entries [data-entry]").await?;
        app.wait_for_text("[data-comment] [data-comment-text]", COMMENT)
            .await?;
        app.click("[data-comment] [data-action=edit-comment]")
            .await?;
        let edit = app.wait_for("[data-comment] [data-edit-box]").await?;
        edit.clear().await?;
        app.type_into("[data-comment] [data-edit-box]", BETTER)
            .await?;
        app.click("[data-action=save-comment]").await?;
        app.wait_for_text("[data-comment] [data-comment-text]", BETTER)
            .await?;
        app.wait_for("[data-comment] [data-comment-edited]").await?;
        app.wait_for_text(".info.banner", "Comment changed").await?;
        app.click("[data-comment] [data-action=withdraw-comment]")
            .await?;
        app.click("[data-answer=withdraw]").await?;
        app.wait_for_text(
            "[data-comment] [data-comment-withdrawn]",
            "Withdrawn by you",
        )
        .await?;
        ensure!(
            !page_text(&app).await?.contains(BETTER),
            "the withdrawn words are gone from the screen"
        );
        ensure!(
            app.all("[data-comment] [data-action=edit-comment]")
                .await?
                .is_empty(),
            "a withdrawn comment cannot be edited"
        );
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;
    waymark(
        &coach,
        &[
            "feedback",
            "--to",
            LEADER,
            "--out",
            &path(&file("f1.waymark")),
        ],
    )?;

    // 2. The leader receives it, sees the withdrawal, and withdraws the entry.
    let app = App::launch(&leader).await?;
    let result = async {
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=receive-bundle]").await?;
        answer_file_dialog(
            "Open a .waymark file someone sent you",
            OPEN_KEYS,
            &file("f1.waymark"),
        )
        .await?;
        app.wait_for_text(".info.banner", "1 new comment").await?;
        app.wait_for_text(
            "[data-comment] [data-comment-withdrawn]",
            &format!("Withdrawn by {COACH}"),
        )
        .await?;
        ensure!(
            !page_text(&app).await?.contains(COMMENT),
            "the leader never sees the withdrawn words"
        );
        app.wait_for_text(&format!("[data-share-contact='{COACH}']"), "last sent")
            .await?;
        app.click("[data-action=unshare]").await?;
        app.wait_for_text("dialog.modal", "cannot be taken back")
            .await?;
        app.screenshot("withdraw-entry").await?;
        app.click("[data-answer=withdraw]").await?;
        answer_file_dialog(
            &format!("Save the file for {COACH}"),
            SAVE_KEYS,
            &file("w1.waymark"),
        )
        .await?;
        app.wait_for_text(".info.banner", &format!("Withdrawn from {COACH}"))
            .await?;
        app.wait_for("[data-share-withdrawn]").await?;
        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    result?;

    // 3. The coach receives the withdrawal: their copy is gone.
    // What receiving did is a sentence for a person: on standard error.
    let said = waymark_said(&coach, &["receive", &path(&file("w1.waymark"))])?;
    ensure!(said.contains("withdrew 1 reflection"), "{said}");
    let left = search_hits(&coach, &["--journal", LEADER, "forum"])?;
    ensure!(left.is_empty(), "the coach's copy should be gone: {left:?}");

    for dir in [leader, coach, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
