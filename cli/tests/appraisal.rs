//! The appraisal pack through the binary: `waymark export --format pdf|docx` makes one
//! appraisal year's pack, after the same review of identifying details as any export,
//! whole or with only the boxes chosen; read back with poppler's `pdftotext`.

mod common;

use common::Journal;
use std::process::Command;
use tempfile::TempDir;

/// A valid NHS number (its modulus-11 check digit is right).
const NHS: &str = "943 476 5919";

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8")
}

/// The PDF's text, its lines joined by spaces.
fn pdf_text(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is missing: run scripts/setup.sh (apt: poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Three reflections of the appraisal year 2026/27 (one an NMC account, one naming a
/// patient's NHS number in its first box) and one of the year before.
fn journal() -> Journal {
    let j = Journal::new();
    j.add(&[
        "--title",
        "Hosting the network meeting",
        "--date",
        "2026-05-12",
        "--template",
        "rolfe",
        "--field",
        "what=I hosted the partners' meeting.",
        "--field",
        "so-what=Asking first let others lead.",
        "--field",
        "now-what=Open every meeting with a question.",
        "--tag",
        "hosting-style",
    ]);
    j.add(&[
        "--title",
        "Medicines round",
        "--date",
        "2026-09-03",
        "--code",
        "safety",
        "--field",
        "nature=Feedback from a ward sister.",
        "--field",
        "learning=Interruptions cause omissions.",
        "--field",
        "change=I wear the tabard now.",
        "--field",
        "relevance=Safe administration.",
    ]);
    j.add(&[
        "--title",
        "Home visit",
        "--date",
        "2027-02-20",
        "--template",
        "rolfe",
        "--field",
        &format!("what=Visited the patient (NHS {NHS}) at home."),
        "--field",
        "so-what=The family knew best what mattered.",
        "--tag",
        "sharing-power",
    ]);
    j.add(&[
        "--title",
        "Last year's away day",
        "--date",
        "2025-06-01",
        "--body",
        "Planning.",
    ]);
    j
}

#[test]
fn a_pdf_pack_holds_one_appraisal_year_after_the_review() {
    let j = journal();
    let files = TempDir::new().expect("temp dir");
    let pack = files.path().join("pack.pdf");
    let out = path(&pack);

    let said = j.fails(
        &["export", "--format", "pdf", "--year", "2026", "--out", out],
        "",
    );
    assert!(
        said.contains("would leave in this appraisal pack"),
        "{said}"
    );
    assert!(said.contains(NHS), "the finding is listed: {said}");
    assert!(!pack.exists(), "nothing written before the review");

    let report = j.json(&[
        "export",
        "--format",
        "pdf",
        "--year",
        "2026",
        "--out",
        out,
        "--redact",
        "--name",
        "Sam Patel",
        "--json",
    ]);
    assert_eq!(report["exported"], 3, "{report}");
    assert_eq!(report["format"], "pdf");
    assert_eq!(report["period"], "Appraisal year 2026/27");
    assert_eq!(report["redacted"], true);
    let text = pdf_text(&pack);
    for expected in [
        "Reflective practice: appraisal pack",
        "Sam Patel",
        "1 April 2026 to 31 March 2027",
        "Hosting the network meeting",
        "Medicines round",
        "Home visit",
        "Open every meeting with a question.",
        "How did you change or improve your practice as a result?",
        "I wear the tabard now.",
        "Preserve safety",
        "[NHS number removed]",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains(NHS), "redacted: {text}");
    assert!(
        !text.contains("Last year's away day"),
        "another year: {text}"
    );
    assert!(
        j.ok(&["search", "home visit"]).contains("Home visit") && j.ok(&["check"]).contains(NHS),
        "the journal keeps its text"
    );
}

#[test]
fn the_learning_only_leaves_out_the_first_boxes_and_what_they_would_have_flagged() {
    let j = journal();
    let files = TempDir::new().expect("temp dir");
    let pack = files.path().join("learning.pdf");
    // The NHS number is in the "what" box, which this pack leaves out: nothing to review.
    j.ok(&[
        "export",
        "--format",
        "pdf",
        "--year",
        "2026",
        "--fields",
        "so-what,now-what",
        "--out",
        path(&pack),
        "tag:sharing-power",
    ]);
    let text = pdf_text(&pack);
    assert!(text.contains("Home visit"), "{text}");
    assert!(
        text.contains("The family knew best what mattered."),
        "{text}"
    );
    assert!(
        !text.contains("Visited the patient"),
        "no What? box: {text}"
    );
    assert!(
        !text.contains("Hosting the network meeting"),
        "only the search's results: {text}"
    );
}

#[test]
fn a_word_pack_is_a_docx_and_mistakes_are_explained() {
    let j = journal();
    let files = TempDir::new().expect("temp dir");
    let pack = files.path().join("pack.docx");
    let report = j.json(&[
        "export",
        "--format",
        "docx",
        "--year",
        "2026",
        "--out",
        path(&pack),
        "--allow-identifiers",
        "--json",
    ]);
    assert_eq!(report["exported"], 3, "{report}");
    let bytes = std::fs::read(&pack).expect("written");
    assert!(bytes.starts_with(b"PK"), "a .docx is a zip file");
    assert_eq!(report["bytes"], bytes.len());

    // Any span of days, named by them.
    let report = j.json(&[
        "export",
        "--format",
        "docx",
        "--from",
        "2026-09-01",
        "--to",
        "2026-12-31",
        "--out",
        path(&pack),
        "--json",
    ]);
    assert_eq!(report["exported"], 1, "{report}");
    assert_eq!(report["period"], "1 September 2026 to 31 December 2026");
    let said = j.fails(
        &[
            "export",
            "--format",
            "pdf",
            "--from",
            "2026-12-31",
            "--to",
            "2026-01-01",
            "--out",
            path(&pack),
        ],
        "",
    );
    assert!(said.contains("before it starts"), "{said}");

    let said = j.fails(
        &[
            "export",
            "--format",
            "pdf",
            "--year",
            "2030",
            "--out",
            path(&pack),
        ],
        "",
    );
    assert!(
        said.contains("none of the chosen reflections is dated in Appraisal year 2030/31"),
        "{said}"
    );
    let said = j.fails(
        &[
            "export",
            "--format",
            "json",
            "--year",
            "2026",
            "--out",
            path(&pack),
        ],
        "",
    );
    assert!(said.contains("are for an appraisal pack"), "{said}");
    let said = j.fails(
        &[
            "export",
            "--format",
            "pdf",
            "--year",
            "2026",
            "--fields",
            "colour",
            "--out",
            path(&pack),
        ],
        "",
    );
    assert!(said.contains("colour"), "{said}");
}
