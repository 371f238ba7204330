//! Shared fixture and tool runners for the pack tests.
#![allow(dead_code, missing_docs, clippy::unwrap_used)]

use chrono::NaiveDate;
use std::path::Path;
use std::process::Command;
use waymark_appraisal::{NmcAccount, PackAction, PackBox, PackEntry, PackRequest, appraisal_year};
use waymark_journal::CodeTheme;
use waymark_journal::actions::ActionStatus;

pub const SPECIAL_TITLE: &str = "#set page(fill: red) [x] $y$ *b* _i_ <l> @r";

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn entry(title: &str, date: NaiveDate, template: &str, tags: &[&str]) -> PackEntry {
    PackEntry {
        title: title.into(),
        date,
        template_name: template.into(),
        nmc: None,
        boxes: vec![
            PackBox {
                label: "What?".into(),
                text: "I **listened** to the *family* first.\n\n- one point\n- two points".into(),
            },
            PackBox {
                label: "So what?".into(),
                text: "It changed the plan.".into(),
            },
        ],
        notes: Some("A note at the end.".into()),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
    }
}

pub fn request() -> PackRequest {
    let mut nmc = entry(
        "Medication round feedback",
        day(2026, 11, 3),
        "NMC reflective account",
        &["trust"],
    );
    nmc.boxes.clear();
    nmc.nmc = Some(NmcAccount {
        nature: "Feedback from a patient's daughter.".into(),
        learning: "Explaining early helps.".into(),
        change: "I now explain the round first.".into(),
        relevance: "It keeps people safe.".into(),
        code_themes: vec![CodeTheme::PreserveSafety, CodeTheme::PrioritisePeople],
    });
    PackRequest {
        leader: "Sam Patel".into(),
        period: appraisal_year(2026),
        generated_on: day(2027, 3, 20),
        actions: vec![
            PackAction {
                text: "Open every meeting with a question".into(),
                reflection: "Hosting the network meeting".into(),
                due: Some(day(2027, 1, 31)),
                status: ActionStatus::Done,
                note: Some("Three meetings so far; people speak sooner.".into()),
            },
            PackAction {
                text: "Ask a partner to chair".into(),
                reflection: "Hosting the network meeting".into(),
                due: Some(day(2027, 2, 28)),
                status: ActionStatus::Open,
                note: None,
            },
        ],
        entries: vec![
            entry(
                "Sharing the care plan",
                day(2026, 5, 12),
                "Rolfe",
                &["sharing-power", "being"],
            ),
            entry(
                "Hosting the network meeting",
                day(2026, 12, 1),
                "Gibbs",
                &["hosting-style"],
            ),
            entry("Ward huddle", day(2027, 1, 9), "Rolfe", &["mindset"]),
            entry(SPECIAL_TITLE, day(2026, 6, 2), "Free", &[]),
            nmc,
        ],
    }
}

pub fn need(tool: &str) {
    let ok = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "`{tool}` is missing: run scripts/setup.sh (apt: poppler-utils python3-docx libreoffice-writer-nogui)"
    );
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn pdftotext(pdf: &Path) -> String {
    need("pdftotext");
    run(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"))
}

/// Asserts the needles appear in `hay` in this order, and says which one did not.
pub fn in_order(hay: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("{n:?} not found (in order) in:\n{hay}"),
        }
    }
}

/// Joins lines so a heading that wrapped across lines can still be found.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
