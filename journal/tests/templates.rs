//! The regulators' templates through the public API: the NMC reflective account with
//! the Code's themes, and the AoMRC toolkit's two; saved, searched, shown, exported
//! and shared like every other template.

use chrono::NaiveDate;
use waymark_journal::share::ShareFields;
use waymark_journal::validate::ValidationError;
use waymark_journal::{
    CodeTheme, EntryDraft, EntryId, Journal, JournalError, SearchOptions, Template, render,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn account(title: &str, boxes: &[(&str, &str)], code: &[CodeTheme]) -> EntryDraft {
    EntryDraft {
        title: title.into(),
        body: String::new(),
        template: Template::Nmc,
        fields: boxes
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect(),
        date: NaiveDate::from_ymd_opt(2026, 5, 12).unwrap_or_default(),
        tags: vec![],
        labels: vec![],
        starred: false,
        code: code.to_vec(),
    }
}

fn found(journal: &Journal, query: &str) -> Result<Vec<EntryId>, JournalError> {
    journal.flush()?;
    let results = journal.search(
        query,
        &SearchOptions {
            limit: 50,
            ..Default::default()
        },
    )?;
    Ok(results.hits.into_iter().map(|h| h.id).collect())
}

#[test]
fn every_template_has_the_boxes_its_source_asks_for() {
    let keys = |t: Template| t.fields().iter().map(|f| f.key).collect::<Vec<_>>();
    assert_eq!(
        keys(Template::Nmc),
        ["nature", "learning", "change", "relevance"]
    );
    assert_eq!(keys(Template::WhatWhyHow), ["what", "why", "how"]);
    assert_eq!(
        keys(Template::WhatNext),
        ["happened", "did", "learnt", "next"]
    );
    // The NMC form's questions, in the form's order and words.
    let labels: Vec<&str> = Template::Nmc.fields().iter().map(|f| f.label).collect();
    assert!(labels[0].starts_with("What was the nature of the CPD activity"));
    assert_eq!(
        labels[2],
        "How did you change or improve your practice as a result?"
    );
    assert_eq!(labels[3], "How is this relevant to the Code?");
    for t in Template::ALL {
        assert_eq!(t.as_str().parse::<Template>().ok(), Some(t));
    }
    assert_eq!(
        CodeTheme::ALL.map(CodeTheme::name),
        [
            "Prioritise people",
            "Practise effectively",
            "Preserve safety",
            "Promote professionalism and trust"
        ]
    );
}

#[test]
fn an_nmc_account_keeps_its_themes_and_is_found_by_them() -> TestResult {
    let journal = Journal::open_in_memory()?;
    let handover = journal.create(account(
        "Medicines round handover",
        &[
            ("nature", "An incident review of a missed dose."),
            (
                "learning",
                "Interruptions during the round cause omissions.",
            ),
            ("change", "I now wear the do-not-disturb tabard."),
            ("relevance", "Safe administration is my duty."),
        ],
        &[
            CodeTheme::PreserveSafety,
            CodeTheme::PractiseEffectively,
            CodeTheme::PreserveSafety,
        ],
    ))?;
    // A theme chosen twice is kept once, where it was first chosen.
    assert_eq!(
        handover.draft.code,
        [CodeTheme::PreserveSafety, CodeTheme::PractiseEffectively]
    );
    let feedback = journal.create(account(
        "Family feedback",
        &[("learning", "Listening first changed the conversation.")],
        &[CodeTheme::PrioritisePeople],
    ))?;
    let mut aomrc = account(
        "Board paper",
        &[("why", "Interruptions matter to the board too.")],
        &[],
    );
    aomrc.template = Template::WhatWhyHow;
    let aomrc = journal.create(aomrc)?;

    assert_eq!(found(&journal, "code:safety")?, [handover.id]);
    assert_eq!(
        found(&journal, "code:\"prioritise people\"")?,
        [feedback.id]
    );
    assert_eq!(found(&journal, "template:nmc -code:safety")?, [feedback.id]);
    assert_eq!(found(&journal, "template:what-why-how")?, [aomrc.id]);
    assert_eq!(
        found(&journal, "field:learning interruptions")?,
        [handover.id]
    );
    assert_eq!(found(&journal, "why:interruptions")?, [aomrc.id]);

    // Shown and exported with the themes beside the question that asks for them.
    let html = render::entry_to_html(&journal.get(handover.id)?);
    let relevance = html.find("How is this relevant to the Code?").unwrap_or(0);
    let themes = html
        .find("<strong>The Code:</strong> Preserve safety; Practise effectively")
        .unwrap_or(0);
    assert!(relevance > 0 && themes > relevance, "{html}");
    Ok(())
}

#[test]
fn themes_on_another_template_are_refused_with_a_way_on() -> TestResult {
    let journal = Journal::open_in_memory()?;
    let mut draft = account("Huddle", &[], &[CodeTheme::PreserveSafety]);
    draft.template = Template::Rolfe;
    let e = journal.create(draft).err();
    assert!(
        matches!(
            e,
            Some(JournalError::Invalid(
                ValidationError::CodeThemesNotInTemplate { .. }
            ))
        ),
        "{e:?}"
    );
    let said = e.map(|e| e.to_string()).unwrap_or_default();
    assert!(said.contains("choose the nmc template"), "{said}");
    assert_eq!(journal.count()?, 0);
    Ok(())
}

#[test]
fn a_share_of_some_boxes_carries_the_themes_only_with_the_relevance_box() -> TestResult {
    let dirs = (tempfile::tempdir()?, tempfile::tempdir()?);
    let leader = Journal::open(dirs.0.path())?;
    let coach = Journal::open(dirs.1.path())?;
    leader.set_identity_name("Lee Leader")?;
    coach.set_identity_name("Cath Coach")?;
    leader.add_contact(&coach.identity()?.code, None)?;
    let entry = leader.create(account(
        "Handover",
        &[
            ("learning", "Read back every dose."),
            ("relevance", "Safety first."),
        ],
        &[CodeTheme::PreserveSafety],
    ))?;
    let only = |keys: &[&str]| ShareFields::Only(keys.iter().map(|k| (*k).to_owned()).collect());
    let without = leader.share_preview("Cath Coach", &[entry.id], &only(&["learning"]))?;
    assert!(without.entries.iter().all(|e| e.draft.code.is_empty()));
    let with =
        leader.share_preview("Cath Coach", &[entry.id], &only(&["learning", "relevance"]))?;
    assert!(
        with.entries
            .iter()
            .all(|e| e.draft.code == [CodeTheme::PreserveSafety])
    );
    let whole = leader.share_preview("Cath Coach", &[entry.id], &ShareFields::Whole)?;
    assert!(
        whole
            .entries
            .iter()
            .all(|e| e.draft.code == [CodeTheme::PreserveSafety])
    );
    Ok(())
}
