//! Moving the journal to another folder: what was written comes along, the old folder
//! keeps only a note saying where it went, and Waymark started on the old folder finds
//! the journal in the new one (Settings says where it is now, and offers the move).

use anyhow::{Result, ensure};
use waymark_tests::file_dialog::answer_folder_dialog;
use waymark_tests::{App, fresh_data_dir, plain_journal, waymark, waymark_said};

#[tokio::test(flavor = "multi_thread")]
async fn a_moved_journal_is_found_from_its_old_folder() -> Result<()> {
    let data = plain_journal("move-from")?;
    let target = fresh_data_dir("move-to")?;
    // Where Settings moves it next: an empty folder, chosen in the system's folder dialog.
    let chosen = fresh_data_dir("move-chosen")?;
    std::fs::create_dir_all(&chosen)?;
    waymark(
        &data,
        &[
            "add",
            "--title",
            "Before the move",
            "--body",
            "Words that come along.",
        ],
        &[],
    )?;
    // What the move did is a sentence for a person: on standard error.
    let said = waymark_said(&data, &["move", "--to", &target.display().to_string()])?;
    ensure!(said.contains("moved the journal to"), "move said: {said}");
    let left: Vec<String> = std::fs::read_dir(&data)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ensure!(
        left == ["moved-to.txt"],
        "the old folder still holds {left:?}"
    );

    // A home of the test's own, with a Documents folder for the dialog to start in.
    let home = fresh_data_dir("move-home")?;
    std::fs::create_dir_all(home.join("Documents"))?;
    std::fs::create_dir_all(home.join(".config"))?;
    std::fs::write(
        home.join(".config/user-dirs.dirs"),
        "XDG_DOCUMENTS_DIR=\"$HOME/Documents\"\n",
    )?;
    let home_text = home.display().to_string();
    let config = home.join(".config").display().to_string();
    let app =
        App::launch_with_env(&data, &[("HOME", &home_text), ("XDG_CONFIG_HOME", &config)]).await?;
    let result = async {
        app.wait_for_text(".entry-card .entry-title", "Before the move")
            .await?;
        app.click("[data-nav=settings]").await?;
        app.wait_for_text("[data-dir]", &target.display().to_string())
            .await?;
        app.wait_for_text(
            "[data-action=move-journal]",
            "Move my journal to another folder",
        )
        .await?;
        let page = app.texts("section.settings").await?.join(" ");
        ensure!(
            !page.contains("WAYMARK_DATA_DIR") && !page.contains("environment variable"),
            "Settings still speaks of environment variables"
        );

        // Moved again from Settings: asked first, then the folder dialog.
        app.click("[data-action=move-journal]").await?;
        app.click("[data-answer=move]").await?;
        answer_folder_dialog("Choose the folder to keep your journal in", &chosen).await?;
        app.wait_for_text("[data-dir]", &chosen.display().to_string())
            .await?;
        app.wait_for_text(".banner", "Your journal is now in")
            .await?;
        ensure!(app.errors().await?.is_empty(), "{:?}", app.errors().await?);
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card .entry-title", "Before the move")
            .await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;
    // The first folder's note leads to the second, whose note leads to the third.
    let listed = waymark(&data, &["list"], &[])?;
    ensure!(
        listed.contains("Before the move"),
        "the CLI on the first folder lists: {listed}"
    );
    ensure!(
        std::fs::read_dir(&target)?.count() == 1,
        "the second folder keeps only its note"
    );
    for dir in [data, target, chosen, home] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
