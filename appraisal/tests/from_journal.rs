//! From a journal to a pack: the period keeps the year's reflections, a whole NMC
//! account becomes the NMC form with its Code themes, a choice of boxes keeps only
//! those (and lays an NMC account out as boxes), the plan of those reflections goes
//! too, and redaction reaches the pack's copy.

use chrono::NaiveDate;
use waymark_appraisal::{PackChoice, PackError, appraisal_year, pack_ids, request};
use waymark_journal::actions::{ActionDraft, ActionStatus};
use waymark_journal::share::ShareFields;
use waymark_journal::{CodeTheme, EntryDraft, Journal, Template};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn draft(title: &str, date: NaiveDate, template: Template, boxes: &[(&str, &str)]) -> EntryDraft {
    EntryDraft {
        title: title.into(),
        body: "A note of my own.".into(),
        template,
        fields: boxes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        date,
        tags: vec![],
        labels: vec!["private label".into()],
        starred: true,
        code: vec![],
    }
}

fn journal() -> Result<Journal, Box<dyn std::error::Error>> {
    let journal = Journal::open_in_memory()?;
    let mut nmc = draft(
        "Medicines round",
        day(2026, 9, 3),
        Template::Nmc,
        &[
            ("nature", "Feedback from a ward sister."),
            ("learning", "Interruptions cause omissions."),
            ("change", "I wear the tabard now."),
            ("relevance", "Safe administration."),
        ],
    );
    nmc.code = vec![CodeTheme::PreserveSafety];
    journal.create(nmc)?;
    journal.create(draft(
        "Home visit",
        day(2027, 2, 20),
        Template::Rolfe,
        &[
            ("what", "Visited the patient (NHS 943 476 5919) at home."),
            ("so-what", "The family knew best."),
        ],
    ))?;
    journal.create(draft("Away day", day(2026, 3, 31), Template::Free, &[]))?;
    journal.flush()?;
    Ok(journal)
}

fn choice(ids: &[waymark_journal::EntryId], fields: ShareFields, redact: bool) -> PackChoice<'_> {
    PackChoice {
        ids: Some(ids),
        period: appraisal_year(2026),
        fields,
        redact,
        leader: Some("Sam Patel".into()),
        generated_on: day(2027, 3, 20),
    }
}

#[test]
fn a_whole_pack_holds_the_years_reflections_with_the_nmc_form() -> TestResult {
    let journal = journal()?;
    let ids = pack_ids(&journal, "", &appraisal_year(2026))?;
    assert_eq!(ids.len(), 2, "31 March 2026 is the year before");
    let req = request(&journal, &choice(&ids, ShareFields::Whole, false))?;
    assert_eq!(req.leader, "Sam Patel");
    let titles: Vec<&str> = req.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Home visit", "Medicines round"], "newest first");
    let nmc = req.entries[1].nmc.as_ref().ok_or("the NMC form")?;
    assert_eq!(nmc.change, "I wear the tabard now.");
    assert_eq!(nmc.code_themes, [CodeTheme::PreserveSafety]);
    assert!(req.entries[1].boxes.is_empty(), "the form, not boxes too");
    let visit = &req.entries[0];
    assert_eq!(visit.template_name, "Rolfe");
    let labels: Vec<&str> = visit.boxes.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["What?", "So what?"], "empty boxes are left out");
    assert!(
        visit.boxes[0].text.contains("943 476 5919"),
        "not redacted unless asked"
    );
    assert_eq!(visit.notes.as_deref(), Some("A note of my own."));
    Ok(())
}

#[test]
fn chosen_boxes_and_redaction_reach_only_the_packs_copy() -> TestResult {
    let journal = journal()?;
    let ids = pack_ids(&journal, "", &appraisal_year(2026))?;
    let learning = ShareFields::Only(vec!["so-what".into(), "relevance".into()]);
    let req = request(&journal, &choice(&ids, learning, false))?;
    let visit = &req.entries[0];
    assert_eq!(visit.boxes.len(), 1, "{:?}", visit.boxes);
    assert_eq!(visit.boxes[0].text, "The family knew best.");
    assert_eq!(visit.notes, None, "no free notes with chosen boxes");
    let account = &req.entries[1];
    assert!(
        account.nmc.is_none(),
        "a cut-down account is laid out as boxes"
    );
    assert_eq!(
        account.boxes[0].text, "**The Code:** Preserve safety\n\nSafe administration.",
        "the Code's themes go with the relevance box"
    );

    journal.add_action(
        ids[0],
        Some("now-what"),
        ActionDraft {
            text: "Ring the family of 943 476 5919 back".into(),
            ..ActionDraft::default()
        },
    )?;
    let req = request(&journal, &choice(&ids, ShareFields::Whole, true))?;
    assert_eq!(req.actions.len(), 1, "the plan of the pack's reflections");
    assert_eq!(req.actions[0].reflection, "Home visit");
    assert_eq!(req.actions[0].status, ActionStatus::Open);
    assert!(
        req.actions[0].text.contains("[NHS number removed]"),
        "{:?}",
        req.actions[0]
    );
    let what = &req.entries[0].boxes[0].text;
    assert!(what.contains("[NHS number removed]"), "{what}");
    let kept = journal.get(ids[0])?;
    assert!(
        kept.draft.fields["what"].contains("943 476 5919"),
        "the journal keeps its text"
    );
    Ok(())
}

#[test]
fn a_year_without_reflections_is_refused_with_a_sentence() -> TestResult {
    let journal = journal()?;
    let ids = pack_ids(&journal, "", &appraisal_year(2030))?;
    assert!(ids.is_empty());
    let mut c = choice(&ids, ShareFields::Whole, false);
    c.period = appraisal_year(2030);
    let err = request(&journal, &c).err().ok_or("refused")?;
    assert!(matches!(err, PackError::NothingInPeriod { .. }));
    assert!(err.to_string().contains("Appraisal year 2030/31"), "{err}");
    Ok(())
}
