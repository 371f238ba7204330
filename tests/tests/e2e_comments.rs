//! Comments through the real app (issue 17, item 11): a coach edits and withdraws
//! their own comment on a coachee's entry; what arrives is marked New until its entry
//! is opened, and stays seen after a restart; after receiving feedback the entry opens
//! at the first new comment, in view and focused.
//!
//! Bundles are made and exchanged with `waymark` except the one the leader receives in
//! the app, through the system's open dialog.

use anyhow::{Context, Result, ensure};
use std::path::Path;
use waymark_tests::file_dialog::{OPEN_KEYS, answer_file_dialog};
use waymark_tests::{App, fresh_data_dir, introduce, plain_journal, waymark};

const LEADER: &str = "Lee Leader";
const COACH: &str = "Kim Coach";
const TITLE: &str = "Hosting the neighbourhood forum";
const KEPT: &str = "What made the quiet ones speak up this time?";
const BETTER: &str = "Who spoke first, and who waited?";
const TAKEN_BACK: &str = "You could have said less.";
const REPLY: &str = "I asked them by name, before anyone senior spoke";
/// The title of the system's dialog for receiving a file.
const OPEN_TITLE: &str = "Open a .waymark file someone sent you";

fn cli(dir: &Path, args: &[&str]) -> Result<String> {
    waymark(dir, args, &[])
}

/// Whether the element matching `css` lies wholly inside the window.
async fn in_view(app: &App, css: &str) -> Result<bool> {
    let found = app
        .client
        .execute(
            "const e = document.querySelector(arguments[0]);
             if (!e) return false;
             const r = e.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight;",
            vec![serde_json::json!(css)],
        )
        .await?;
    Ok(found == serde_json::json!(true))
}

#[tokio::test(flavor = "multi_thread")]
async fn comments_are_new_until_read_open_at_the_first_new_one_and_the_coach_can_take_theirs_back()
-> Result<()> {
    let leader = plain_journal("comments-leader")?;
    let coach = plain_journal("comments-coach")?;
    let files = fresh_data_dir("comments-files")?;
    let file = |name: &str| files.join(name).to_string_lossy().into_owned();
    introduce((&leader, LEADER), (&coach, COACH))?;
    // Long enough that its comments start below the window's edge.
    let long = "I held back and let the residents talk. ".repeat(60);
    let id = cli(
        &leader,
        &[
            "add",
            "--title",
            TITLE,
            "--template",
            "rolfe",
            "--field",
            &format!("what={long}"),
            "--field",
            &format!("so-what={long}"),
            "--field",
            "now-what=Ask a resident to chair.",
        ],
    )?
    .trim()
    .to_owned();
    cli(
        &leader,
        &[
            "share",
            "--to",
            COACH,
            "--out",
            &file("s1.waymark"),
            "--id",
            &id,
        ],
    )?;
    cli(&coach, &["receive", &file("s1.waymark")])?;
    cli(&coach, &["comment", &id, KEPT])?;
    cli(&coach, &["comment", &id, TAKEN_BACK])?;

    // 1. The coach: the shared entry is New until opened; they edit one comment and
    // withdraw the other.
    let app = App::launch(&coach).await?;
    let steps = async {
        app.client.set_window_size(1200, 820).await?;
        app.click("[data-nav=coachees]").await?;
        app.wait_for_text(
            &format!("[data-coachee='{LEADER}'] [data-coachee-new]"),
            "1 new",
        )
        .await?;
        app.click(&format!("[data-coachee='{LEADER}']")).await?;
        app.wait_for_text(
            &format!(".shared-entries [data-entry='{id}'] [data-entry-new]"),
            "New",
        )
        .await?;
        app.click(&format!(".shared-entries [data-entry='{id}']"))
            .await?;
        app.wait_for_text("[data-comment] [data-comment-text]", KEPT)
            .await?;
        ensure!(
            app.all("[data-comment-new]").await?.is_empty(),
            "the coach's own comments are never new to them"
        );
        let first = app.all("[data-comment] [data-comment-text]").await?;
        ensure!(first.len() == 2, "two comments to start with");
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
        // Withdraw the second: it asks first, then says it was withdrawn.
        let second = app
            .all("[data-comment] [data-action=withdraw-comment]")
            .await?;
        ensure!(second.len() == 2, "both comments can be withdrawn");
        app.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' });",
                vec![serde_json::to_value(&second[1])?],
            )
            .await?;
        second[1].click().await?;
        app.wait_for_text("#question-title", "Withdraw this comment?")
            .await?;
        app.click("[data-answer=withdraw]").await?;
        app.wait_for_text(
            "[data-comment] [data-comment-withdrawn]",
            "Withdrawn by you",
        )
        .await?;
        app.screenshot("coach-edited-withdrawn").await?;
        // Opened: no longer new, here or in the list.
        app.click("[data-nav=coachees]").await?;
        app.click(&format!("[data-coachee='{LEADER}']")).await?;
        app.wait_for(&format!(".shared-entries [data-entry='{id}']"))
            .await?;
        ensure!(
            app.all("[data-entry-new], [data-coachee-new]")
                .await?
                .is_empty(),
            "an opened entry is no longer new"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;
    cli(
        &coach,
        &["feedback", "--to", LEADER, "--out", &file("f1.waymark")],
    )?;

    // 2. The leader receives the feedback in the app: the entry opens at the new comment.
    let app = App::launch(&leader).await?;
    let steps = async {
        app.client.set_window_size(1200, 820).await?;
        app.click("[data-nav=settings]").await?;
        app.click("[data-action=receive-bundle]").await?;
        answer_file_dialog(OPEN_TITLE, OPEN_KEYS, Path::new(&file("f1.waymark"))).await?;
        app.wait_for_text("[data-comment].fresh [data-comment-new]", "New")
            .await?;
        app.wait_for_text("[data-comment].fresh [data-comment-text]", BETTER)
            .await?;
        ensure!(
            app.all("[data-comment].fresh").await?.len() == 1,
            "only the comment still standing is new (the withdrawn one is not news)"
        );
        let focused = app.focused().await?;
        ensure!(
            focused.starts_with("li.comment") && focused.contains("fresh"),
            "the first new comment has the focus, not {focused}"
        );
        ensure!(
            in_view(&app, "[data-comment].fresh").await?,
            "the new comment is in view"
        );
        app.screenshot("leader-new-comment").await?;
        // Seen once opened: back to the journal and in again, no New.
        app.click("[data-nav=journal]").await?;
        app.click(&format!(".entry-card[data-entry='{id}']"))
            .await?;
        app.wait_for_text("[data-comment] [data-comment-text]", BETTER)
            .await?;
        ensure!(
            app.all("[data-comment-new]").await?.is_empty(),
            "a comment is new only until its entry is opened"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;

    // 3. Seen stays seen after a restart; the leader's reply is New to the coach.
    let app = App::launch(&leader).await?;
    let steps = async {
        app.click(&format!(".entry-card[data-entry='{id}']"))
            .await?;
        app.wait_for_text("[data-comment] [data-comment-text]", BETTER)
            .await?;
        ensure!(
            app.all("[data-comment-new]").await?.is_empty(),
            "still seen after a restart"
        );
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;
    let comments: serde_json::Value =
        serde_json::from_str(&cli(&leader, &["comments", &id, "--json"])?)?;
    let question = comments
        .as_array()
        .and_then(|all| all.iter().find(|c| c["text"] == BETTER))
        .and_then(|c| c["id"].as_str())
        .context("the coach's comment is in `waymark comments --json`")?
        .to_owned();
    cli(&leader, &["comment", &id, REPLY, "--reply-to", &question])?;
    cli(
        &leader,
        &[
            "share",
            "--to",
            COACH,
            "--out",
            &file("s2.waymark"),
            "--id",
            &id,
        ],
    )?;
    cli(&coach, &["receive", &file("s2.waymark")])?;
    let app = App::launch(&coach).await?;
    let steps = async {
        app.click("[data-nav=coachees]").await?;
        app.click(&format!("[data-coachee='{LEADER}']")).await?;
        app.wait_for_text(
            &format!(".shared-entries [data-entry='{id}'] [data-entry-new]"),
            "New comment",
        )
        .await?;
        app.click(&format!(".shared-entries [data-entry='{id}']"))
            .await?;
        app.wait_for_text("[data-comment].fresh [data-comment-text]", REPLY)
            .await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;

    for dir in [leader, coach, files] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
