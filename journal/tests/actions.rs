//! The development plan through the public API: actions made from a reflection's
//! "what next" box (or the reflection as a whole), listed open first and soonest due
//! first, closed as done or dropped with a note, opened again, changed, removed; bad
//! input refused with a sentence; the reflection's own versions untouched.

use chrono::NaiveDate;
use waymark_journal::actions::{ActionDraft, ActionError, ActionFilter, ActionStatus};
use waymark_journal::framework::TagId;
use waymark_journal::{EntryDraft, Journal, JournalError, Template, TemplateField};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn rolfe(title: &str) -> EntryDraft {
    EntryDraft {
        title: title.into(),
        body: String::new(),
        template: Template::Rolfe,
        fields: [("now-what".to_owned(), "Ask first, then plan.".to_owned())].into(),
        date: day(2026, 5, 12),
        tags: vec![],
        labels: vec![],
        starred: false,
        code: vec![],
    }
}

fn action(text: &str, due: Option<NaiveDate>, tags: &[&str]) -> ActionDraft {
    ActionDraft {
        text: text.into(),
        due,
        tags: tags.iter().map(|t| TagId((*t).to_owned())).collect(),
    }
}

#[test]
fn every_template_but_free_writing_names_its_what_next_box() {
    for template in Template::ALL {
        let field: Option<&TemplateField> = template.action_field().and_then(|k| template.field(k));
        assert_eq!(
            field.is_some(),
            template != Template::Free,
            "{template}: the action box is one of its own"
        );
    }
}

#[test]
fn actions_are_listed_open_first_and_closed_with_a_note() -> TestResult {
    let journal = Journal::open_in_memory()?;
    let forum = journal.create(rolfe("Hosting the forum"))?;
    let later = journal.add_action(
        forum.id,
        Some("now-what"),
        action(
            "  Open every meeting with a question ",
            Some(day(2026, 9, 1)),
            &["hosting style"],
        ),
    )?;
    assert_eq!(later.number, 1);
    assert_eq!(
        later.draft.text, "Open every meeting with a question",
        "trimmed"
    );
    assert_eq!(
        later.draft.tags,
        [TagId("hosting-style".into())],
        "canonical"
    );
    assert_eq!(later.entry_title, "Hosting the forum");
    assert_eq!(later.field.as_deref(), Some("now-what"));
    let soon = journal.add_action(
        forum.id,
        None,
        action("Ask Sam to chair", Some(day(2026, 6, 1)), &[]),
    )?;
    let undated = journal.add_action(forum.id, None, action("Read about hosting", None, &[]))?;
    assert_eq!(undated.number, 3);

    let numbers = |filter: &ActionFilter| -> Result<Vec<u32>, JournalError> {
        Ok(journal.actions(filter)?.iter().map(|a| a.number).collect())
    };
    assert_eq!(
        numbers(&ActionFilter::default())?,
        [2, 1, 3],
        "soonest due first, undated last"
    );
    let due = ActionFilter {
        due_by: Some(day(2026, 7, 1)),
        ..ActionFilter::default()
    };
    assert_eq!(numbers(&due)?, [2]);
    assert!(soon.overdue(day(2026, 6, 2)) && !soon.overdue(day(2026, 6, 1)));

    let done = journal.set_action_status(soon.id, ActionStatus::Done, Some("Sam chaired well."))?;
    assert_eq!(done.status, ActionStatus::Done);
    assert_eq!(done.note.as_deref(), Some("Sam chaired well."));
    assert!(done.closed_at.is_some());
    assert!(
        !done.overdue(day(2027, 1, 1)),
        "a done action is never overdue"
    );
    assert_eq!(
        numbers(&ActionFilter::default())?,
        [1, 3, 2],
        "closed ones after the open"
    );
    let open_only = ActionFilter {
        open_only: true,
        ..ActionFilter::default()
    };
    assert_eq!(numbers(&open_only)?, [1, 3]);
    let again = journal.set_action_status(soon.id, ActionStatus::Open, Some("ignored"))?;
    assert_eq!(
        (again.status, again.note, again.closed_at),
        (ActionStatus::Open, None, None)
    );

    let changed = journal.update_action(later.id, action("Open with a question", None, &[]))?;
    assert_eq!(changed.draft.due, None);
    assert_eq!(changed.number, 1, "its number stays");
    assert_eq!(
        journal.action_numbered(1)?.draft.text,
        "Open with a question"
    );

    // The reflection itself is not edited by its plan.
    assert_eq!(journal.get(forum.id)?.revision, 1);
    journal.delete_action(undated.id)?;
    let fourth = journal.add_action(forum.id, None, action("One more", None, &[]))?;
    assert_eq!(fourth.number, 4, "a number is never reused");

    // The plan of a reflection in the bin is out of sight until it is restored.
    journal.delete(forum.id)?;
    assert!(journal.actions(&ActionFilter::default())?.is_empty());
    journal.restore(forum.id)?;
    assert_eq!(journal.actions(&ActionFilter::default())?.len(), 3);
    Ok(())
}

#[test]
fn bad_actions_are_refused_with_a_sentence() -> TestResult {
    let journal = Journal::open_in_memory()?;
    let forum = journal.create(rolfe("Hosting the forum"))?;
    let refused = |e: JournalError| e.to_string();

    let e = journal
        .add_action(forum.id, None, action("   ", None, &[]))
        .err()
        .ok_or("empty")?;
    assert!(
        matches!(e, JournalError::Action(ActionError::EmptyText)),
        "{e}"
    );
    let e = journal
        .add_action(forum.id, Some("what"), action("Plan", None, &[]))
        .err()
        .ok_or("not the action box")?;
    assert!(refused(e).contains("use 'now-what'"));
    let e = journal
        .add_action(forum.id, None, action("Plan", None, &["colour"]))
        .err()
        .ok_or("unknown tag")?;
    assert!(refused(e).contains("colour"));
    let e = journal
        .add_action(forum.id, None, action(&"x".repeat(301), None, &[]))
        .err()
        .ok_or("too long")?;
    assert!(refused(e).contains("keep it to 300"));
    let e = journal
        .add_action(forum.id, None, action("Plan", Some(day(1066, 10, 14)), &[]))
        .err()
        .ok_or("date out of range")?;
    assert!(refused(e).contains("1066"), "the date is named");
    let e = journal.action_numbered(9).err().ok_or("no such action")?;
    assert!(refused(e).contains("there is no action 9"));
    let made = journal.add_action(forum.id, None, action("Plan", None, &[]))?;
    let e = journal
        .set_action_status(made.id, ActionStatus::Done, Some(&"n".repeat(2_001)))
        .err()
        .ok_or("long note")?;
    assert!(refused(e).contains("keep it to 2000"));
    assert_eq!(
        journal.action(made.id)?.status,
        ActionStatus::Open,
        "nothing half-saved"
    );

    journal.delete(forum.id)?;
    let e = journal
        .add_action(forum.id, None, action("Plan", None, &[]))
        .err()
        .ok_or("bin")?;
    assert!(refused(e).contains("in the bin"));
    Ok(())
}
