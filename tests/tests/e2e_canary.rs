//! No word a leader writes in the desktop app reaches the disk in clear: distinctive
//! words typed into an encrypted journal's title, every Rolfe box, a label, a search
//! and a draft left unsaved at lock are looked for in every byte of every file under
//! the journal's folder, the webview's data folder and the app's temporary folder (as
//! UTF-8 and as UTF-16). The engine's own canary test (`journal/tests/encryption.rs`)
//! adds comments, replies, contact names and a share and a receive.

use anyhow::{Result, ensure};
use std::path::{Path, PathBuf};
use std::time::Duration;
use waymark_tests::{App, fresh_data_dir, waymark, webview_dir};

const PASS: &str = "a long walk on the fells";
const ENTER: &str = "\u{E007}";

/// Words that must never be found in a file, one for each place they are typed.
const CANARIES: &[&str] = &[
    "Quetzalcoatl", // title
    "Xylographer",  // what
    "Vorticellid",  // so-what
    "Ultramontane", // now-what
    "Tintinnabula", // label
    "Jabberwocky",  // a search
    "Pennyroyal",   // a draft, unsaved when the journal locks
];

/// Every file under `dirs` holding a canary (UTF-8 or UTF-16LE), with the canary.
fn canaries_in(dirs: &[&Path]) -> Result<Vec<(PathBuf, &'static str)>> {
    let needles: Vec<(&'static str, Vec<u8>, Vec<u8>)> = CANARIES
        .iter()
        .map(|c| {
            let utf16 = c.encode_utf16().flat_map(u16::to_le_bytes).collect();
            (*c, c.as_bytes().to_vec(), utf16)
        })
        .collect();
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // A file gone between listing and reading (a lock file) holds nothing.
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            files += 1;
            for (word, utf8, utf16) in &needles {
                let has = |n: &[u8]| bytes.windows(n.len()).any(|w| w == n);
                if has(utf8) || has(utf16) {
                    found.push((path.clone(), *word));
                }
            }
        }
    }
    println!("canary scan: {files} files");
    Ok(found)
}

#[tokio::test(flavor = "multi_thread")]
async fn no_word_typed_in_the_app_is_readable_on_disk() -> Result<()> {
    let data = fresh_data_dir("canary")?;
    let temp = fresh_data_dir("canary-temp")?;
    waymark(&data, &["init"], &[("WAYMARK_PASSPHRASE", PASS)])?;
    let temp_env = temp.display().to_string();
    let app = App::launch_with_env(&data, &[("TMPDIR", &temp_env)]).await?;
    let result = async {
        app.wait_for("[data-lock-screen]").await?;
        app.type_into("[data-unlock-passphrase]", PASS).await?;
        app.click("[data-action=unlock]").await?;
        app.wait_for("[data-action=lock]").await?;

        app.click(".new-entry").await?;
        app.type_into("#entry-title", "Quetzalcoatl forum").await?;
        app.type_into("[data-field=what]", "Xylographer happened")
            .await?;
        app.type_into("[data-field=so-what]", "Vorticellid mattered")
            .await?;
        app.type_into("[data-field=now-what]", "Ultramontane next")
            .await?;
        app.type_into("#label-input", &format!("Tintinnabula{ENTER}"))
            .await?;
        app.click("[data-action=save]").await?;
        app.wait_for_text("#entry-heading", "Quetzalcoatl forum")
            .await?;

        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", &format!("Jabberwocky{ENTER}"))
            .await?;
        app.wait_for_text("#search-status", "0 entries").await?;

        app.click(".new-entry").await?;
        app.type_into("#entry-title", "Pennyroyal half-thought")
            .await?;
        // The draft reaches the engine after a short pause in typing.
        tokio::time::sleep(Duration::from_secs(2)).await;
        app.click("[data-action=lock]").await?;
        app.wait_for("[data-lock-screen]").await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(result).await?;

    let webview = webview_dir(&data);
    let found = canaries_in(&[&data, &webview, &temp])?;
    ensure!(found.is_empty(), "words found in clear on disk: {found:?}");
    for dir in [data, webview, temp] {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(())
}
