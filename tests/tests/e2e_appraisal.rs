//! The appraisal pack from the desktop app (issue 13): from Growth, the year's pack of
//! every reflection as a PDF after the review of identifying details (the copy
//! redacted); from a search, the learning only of its results as a Word file; both
//! through the save dialog, read back from the files written.

use anyhow::{Context, Result, ensure};
use chrono::NaiveDate;
use std::process::Command;
use waymark_tests::file_dialog::{SAVE_KEYS, answer_file_dialog};
use waymark_tests::{App, fresh_data_dir, plain_journal, waymark};

/// A valid NHS number (its modulus-11 check digit is right).
const NHS: &str = "943 476 5919";

fn pdf_text(pdf: &std::path::Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .context("pdftotext is missing: run scripts/setup.sh (apt: poppler-utils)")?;
    ensure!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_years_pack_is_made_from_growth_and_a_searchs_learning_from_search() -> Result<()> {
    let data = plain_journal("appraisal")?;
    let files = fresh_data_dir("appraisal-files")?;
    let (pdf, docx) = (files.join("pack.pdf"), files.join("learning.docx"));
    for args in [
        &[
            "add",
            "--title",
            "Hosting the network meeting",
            "--date",
            "2026-05-12",
            "--template",
            "rolfe",
            "--field",
            "what=I hosted the partners.",
            "--field",
            "so-what=Asking first let others lead.",
            "--tag",
            "hosting-style",
        ][..],
        &[
            "add",
            "--title",
            "Medicines round",
            "--date",
            "2026-09-03",
            "--code",
            "safety",
            "--field",
            "learning=Interruptions cause omissions.",
            "--field",
            "change=I wear the tabard now.",
        ],
        &[
            "add",
            "--title",
            "Home visit",
            "--date",
            "2027-02-20",
            "--body",
            &format!("Visited the patient (NHS {NHS}) at home."),
        ],
        &[
            "add",
            "--title",
            "Last year's away day",
            "--date",
            "2025-06-01",
            "--body",
            "Plans.",
        ],
    ] {
        waymark(&data, args, &[])?;
    }

    let app = App::launch(&data).await?;
    let steps = async {
        // The page's clock in March 2027: the year offered first is 2026/27.
        app.set_page_today(NaiveDate::from_ymd_opt(2027, 3, 20).context("a date")?)
            .await?;
        app.click("[data-nav=growth]").await?;
        app.click("[data-action=pack-growth]").await?;
        app.wait_for_text("[data-pack-count]", "3 reflections from")
            .await?;
        app.wait_for_text("[data-pack-count]", "1 detail may identify someone")
            .await?;
        let year = app.value("[data-pack-year]").await?;
        ensure!(year == "2026", "the year holding the page's today: {year}");
        app.screenshot("appraisal-pack-dialog").await?;
        app.click("[data-action=make-pack]").await?;
        app.wait_for_text("#review-title", "1 detail may identify someone")
            .await?;
        app.click("[data-action=export-redacted]").await?;
        answer_file_dialog("Save the appraisal pack", SAVE_KEYS, &pdf).await?;
        app.wait_for_text(".info.banner", "Made the appraisal pack of 3 reflections")
            .await?;
        let text = pdf_text(&pdf)?;
        for expected in [
            "Appraisal year 2026/27",
            "Hosting the network meeting",
            "Medicines round",
            "How did you change or improve your practice as a result?",
            "Preserve safety",
            "Home visit",
            "[NHS number removed]",
        ] {
            ensure!(text.contains(expected), "{expected:?} in the PDF: {text}");
        }
        ensure!(!text.contains(NHS), "the copy is redacted: {text}");
        ensure!(
            !text.contains("Last year's away day"),
            "another year: {text}"
        );

        // From a search: its results only, the learning only, as a Word file.
        app.click("[data-nav=search]").await?;
        app.type_into("#search-box", "tag:hosting-style").await?;
        app.click("[data-action=pack-results]").await?;
        app.wait_for_text("[data-pack-count]", "1 reflection from")
            .await?;
        app.click("[data-pack-learning]").await?;
        app.click("[data-pack-format=docx]").await?;
        app.click("[data-action=make-pack]").await?;
        answer_file_dialog("Save the appraisal pack", SAVE_KEYS, &docx).await?;
        app.wait_for_text(".info.banner", "Made the appraisal pack of 1 reflection")
            .await?;
        // The banner comes once the file is written.
        let bytes = std::fs::read(&docx).context("the Word file")?;
        ensure!(bytes.starts_with(b"PK"), "a .docx is a zip file");
        Ok(())
    }
    .await;
    app.finish(steps).await
}
