//! Writes a small sample appraisal pack, as `pack.pdf` and `pack.docx`, to look at.
//!
//! `cargo run -p waymark-appraisal --example sample_pack -- [out-dir]` (default: the current folder).

use chrono::NaiveDate;
use waymark_appraisal::{NmcAccount, PackBox, PackEntry, PackRequest, appraisal_year};
use waymark_journal::CodeTheme;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let day = |m, d, y| NaiveDate::from_ymd_opt(y, m, d).ok_or("bad date");
    let rolfe = |title: &str, date, tags: &[&str]| {
        PackEntry {
        title: title.into(),
        date,
        template_name: "Rolfe".into(),
        nmc: None,
        boxes: vec![
            PackBox { label: "What?".into(), text: "At the discharge meeting I **asked the family first** what mattered most, before the team set out the plan.\n\n- They wanted time to arrange care at home\n- They wanted one named contact".into() },
            PackBox { label: "So what?".into(), text: "The plan changed: we moved the date by two days and *nobody* had to chase.".into() },
            PackBox { label: "Now what?".into(), text: "I will open every meeting with the person's own words.".into() },
        ],
        notes: Some("Talked it through with my coach.".into()),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
    }
    };
    let req = PackRequest {
        leader: "Sam Patel".into(),
        period: appraisal_year(2026),
        generated_on: day(3, 20, 2027)?,
        actions: Vec::new(),
        entries: vec![
            rolfe(
                "Sharing the discharge plan",
                day(5, 12, 2026)?,
                &["sharing-power", "being"],
            ),
            rolfe(
                "Hosting the neighbourhood network",
                day(12, 1, 2026)?,
                &["hosting-style"],
            ),
            PackEntry {
                nmc: Some(NmcAccount {
                    nature:
                        "Feedback from a patient's daughter about the evening medication round."
                            .into(),
                    learning: "Explaining what will happen, before it happens, settles people."
                        .into(),
                    change: "I now explain the round at handover and at the bedside.".into(),
                    relevance: "People feel safer when they know what to expect.".into(),
                    code_themes: vec![CodeTheme::PrioritisePeople, CodeTheme::PreserveSafety],
                }),
                boxes: Vec::new(),
                template_name: "NMC reflective account".into(),
                ..rolfe("Medication round feedback", day(11, 3, 2026)?, &["trust"])
            },
        ],
    };
    std::fs::write(
        format!("{dir}/pack.pdf"),
        waymark_appraisal::pdf(&req, &mut |_| {})?,
    )?;
    std::fs::write(
        format!("{dir}/pack.docx"),
        waymark_appraisal::docx(&req, &mut |_| {})?,
    )?;
    Ok(())
}
