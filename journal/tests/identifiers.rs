//! The check for identifying details through the journal: the watch list, findings
//! marked as fine, saved entries with a coach's comment, drafts being typed, and the
//! redacted copy for sharing.

#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::identifiers::{COMMENT_FIELD_PREFIX, LABELS_FIELD};
use waymark_journal::share::{NewComment, ShareFields};
use waymark_journal::validate::ValidationError;
use waymark_journal::{
    EntryDraft, EntryId, FieldSpans, Finding, IdentifierKind, Journal, JournalError, Template,
};

fn rolfe(title: &str, what: &str, so_what: &str, body: &str) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: title.into(),
        body: body.into(),
        template: Template::Rolfe,
        fields: BTreeMap::from([
            ("what".to_owned(), what.to_owned()),
            ("so-what".to_owned(), so_what.to_owned()),
        ]),
        date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
        tags: vec![],
        labels: vec![],
        starred: false,
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|n| (*n).to_owned()).collect()
}

/// (field, kind, text) of each finding, to compare in one line.
fn summary(findings: &[Finding]) -> Vec<(String, IdentifierKind, String)> {
    findings
        .iter()
        .map(|f| (f.field.clone(), f.kind, f.text.clone()))
        .collect()
}

fn draft_summary(fields: &[FieldSpans]) -> Vec<(String, IdentifierKind, String)> {
    fields
        .iter()
        .flat_map(|f| {
            f.spans
                .iter()
                .map(|s| (f.field.clone(), s.kind, s.text.clone()))
        })
        .collect()
}

#[test]
fn the_watch_list_is_kept_trimmed_without_blanks_or_repeats_and_survives_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let journal = Journal::open(dir.path()).unwrap();
        assert_eq!(journal.watch_list().unwrap(), Vec::<String>::new());
        journal
            .set_watch_list(&names(&[
                "  Tom   Reed ",
                "Aisha",
                "",
                "   ",
                "aisha",
                "TOM REED",
                "Ng",
            ]))
            .unwrap();
        assert_eq!(journal.watch_list().unwrap(), ["Tom Reed", "Aisha", "Ng"]);
        // Setting it again replaces it whole.
        journal.set_watch_list(&names(&["Bea", "Aisha"])).unwrap();
        assert_eq!(journal.watch_list().unwrap(), ["Bea", "Aisha"]);
    }
    let journal = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.watch_list().unwrap(), ["Bea", "Aisha"]);

    // A refused list changes nothing.
    let too_long = names(&["Carl", &"x".repeat(101)]);
    assert!(matches!(
        journal.set_watch_list(&too_long),
        Err(JournalError::Invalid(ValidationError::WatchedNameTooLong {
            chars: 101,
            ..
        }))
    ));
    assert!(matches!(
        journal.set_watch_list(&names(&["nul\0name"])),
        Err(JournalError::Invalid(ValidationError::NulByte { .. }))
    ));
    assert_eq!(journal.watch_list().unwrap(), ["Bea", "Aisha"]);
    journal.set_watch_list(&[]).unwrap();
    assert_eq!(journal.watch_list().unwrap(), Vec::<String>::new());
}

#[test]
fn a_finding_marked_as_fine_is_not_reported_until_it_is_unmarked() {
    let journal = Journal::open_in_memory().unwrap();
    let draft = rolfe(
        "Dr Foster data review",
        "We read the Dr Foster figures. Mrs Patel rang.",
        "",
        "",
    );
    let kinds = |journal: &Journal| draft_summary(&journal.check_draft(&draft).unwrap());
    assert_eq!(
        kinds(&journal),
        [
            (
                "title".into(),
                IdentifierKind::TitledName,
                "Dr Foster".into()
            ),
            (
                "what".into(),
                IdentifierKind::TitledName,
                "Dr Foster".into()
            ),
            (
                "what".into(),
                IdentifierKind::TitledName,
                "Mrs Patel".into()
            ),
        ]
    );

    // Marked as fine in another case and with spaces: it is the same text.
    journal
        .dismiss_finding(IdentifierKind::TitledName, "  dr foster ")
        .unwrap();
    journal
        .dismiss_finding(IdentifierKind::TitledName, "DR FOSTER")
        .unwrap();
    journal
        .dismiss_finding(IdentifierKind::Email, "   ")
        .unwrap();
    assert_eq!(
        journal.dismissed().unwrap(),
        [(IdentifierKind::TitledName, "dr foster".to_owned())],
        "kept once, as first marked, trimmed; blank text is ignored"
    );
    assert_eq!(
        kinds(&journal),
        [(
            "what".into(),
            IdentifierKind::TitledName,
            "Mrs Patel".into()
        )]
    );

    // Marking is for one kind: the same words watched as a name are still reported.
    journal.set_watch_list(&names(&["Dr Foster"])).unwrap();
    let watched = kinds(&journal);
    assert_eq!(watched.len(), 3, "{watched:?}");

    journal.set_watch_list(&[]).unwrap();
    journal
        .undismiss_finding(IdentifierKind::TitledName, "Dr Foster")
        .unwrap();
    journal
        .undismiss_finding(IdentifierKind::Postcode, "never marked")
        .unwrap();
    assert_eq!(journal.dismissed().unwrap(), []);
    assert_eq!(kinds(&journal).len(), 3);

    assert!(matches!(
        journal.dismiss_finding(IdentifierKind::Age, &"9".repeat(1_001)),
        Err(JournalError::Invalid(
            ValidationError::DismissedTextTooLong { .. }
        ))
    ));
}

#[test]
fn check_entries_reports_every_field_in_order_and_a_coachs_comment() {
    let (l, c, o) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let leader = Journal::open(l.path()).unwrap();
    let coach = Journal::open(c.path()).unwrap();
    leader.set_identity_name("Lee Leader").unwrap();
    coach.set_identity_name("Cath Coach").unwrap();
    leader
        .add_contact(&coach.identity().unwrap().code, None)
        .unwrap();
    coach
        .add_contact(&leader.identity().unwrap().code, None)
        .unwrap();

    let mut draft = rolfe(
        "Talking with Mrs Patel",
        "Her son rang from 07700 900123 about é the 89-year-old man on the ward.",
        "I had written her NHS number, 943 476 5919, in my notes.",
        "Aisha helped.",
    );
    draft.fields.insert(
        "now-what".into(),
        "Ask the team to email me at lee.leader@nhs.net.".into(),
    );
    draft.labels = vec!["winter".into(), "B33 8TH".into()];
    let entry = leader.create(draft).unwrap();
    let clean = leader
        .create(rolfe(
            "Board paper",
            "The board met on 4 March 2026.",
            "",
            "",
        ))
        .unwrap();

    // The coach comments on the shared entry, naming someone; it comes back.
    let bundle = o.path().join("share.waymark");
    leader
        .share("Cath Coach", &[entry.id], &ShareFields::Whole, &bundle)
        .unwrap();
    coach.receive(&bundle).unwrap();
    let comment = coach
        .add_comment(
            entry.id,
            NewComment {
                text: "How did Dr. Jane Smith take it?".into(),
                anchor: None,
                reply_to: None,
            },
        )
        .unwrap();
    let feedback = o.path().join("feedback.waymark");
    coach.feedback("Lee Leader", &feedback).unwrap();
    leader.receive(&feedback).unwrap();
    // And the leader's reply, which is checked too.
    let reply = leader
        .add_comment(
            entry.id,
            NewComment {
                text: "Calmly; she was born 17/11/1958, so it was her birthday week.".into(),
                anchor: None,
                reply_to: Some(comment.id),
            },
        )
        .unwrap();

    leader.set_watch_list(&names(&["aisha"])).unwrap();
    let findings = leader.check_entries(&[clean.id, entry.id]).unwrap();
    let comment_field = format!("{COMMENT_FIELD_PREFIX}{}", comment.id);
    let reply_field = format!("{COMMENT_FIELD_PREFIX}{}", reply.id);
    assert_eq!(
        summary(&findings),
        [
            (
                "title".into(),
                IdentifierKind::TitledName,
                "Mrs Patel".into()
            ),
            (
                "what".into(),
                IdentifierKind::PhoneNumber,
                "07700 900123".into()
            ),
            ("what".into(), IdentifierKind::Age, "89-year-old".into()),
            (
                "so-what".into(),
                IdentifierKind::NhsNumber,
                "943 476 5919".into()
            ),
            (
                "now-what".into(),
                IdentifierKind::Email,
                "lee.leader@nhs.net".into()
            ),
            ("body".into(), IdentifierKind::WatchedName, "Aisha".into()),
            (
                LABELS_FIELD.into(),
                IdentifierKind::Postcode,
                "B33 8TH".into()
            ),
            (
                comment_field.clone(),
                IdentifierKind::TitledName,
                "Dr. Jane Smith".into()
            ),
            (
                reply_field,
                IdentifierKind::DateOfBirth,
                "17/11/1958".into()
            ),
        ]
    );
    assert!(findings.iter().all(|f| f.entry == entry.id));
    // Offsets are characters of the field's text: the "é" counts as one.
    let what = &findings[2];
    let text: Vec<char> = entry.draft.fields["what"].chars().collect();
    assert_eq!(
        text[what.start..what.end].iter().collect::<String>(),
        what.text
    );
    // Labels are checked joined by ", ".
    let labels = &findings[6];
    assert_eq!((labels.start, labels.end), (8, 15));

    // What is marked as fine is left out.
    leader
        .dismiss_finding(IdentifierKind::TitledName, "dr. jane smith")
        .unwrap();
    let after = leader.check_entries(&[entry.id]).unwrap();
    assert!(!after.iter().any(|f| f.field == comment_field), "{after:?}");
    assert_eq!(after.len(), findings.len() - 1);

    // A finding travels as JSON for the desktop.
    let json = serde_json::to_value(&findings[0]).unwrap();
    assert_eq!(json["kind"], "titled-name");
    assert_eq!(json["field"], "title");
    let back: Finding = serde_json::from_value(json).unwrap();
    assert_eq!(back, findings[0]);

    let missing = EntryId::new();
    assert!(matches!(
        leader.check_entries(&[missing]),
        Err(JournalError::NotFound(id)) if id == missing
    ));
    assert_eq!(leader.check_entries(&[]).unwrap(), []);
}

#[test]
fn check_draft_lists_only_fields_with_findings_and_uses_the_watch_list() {
    let journal = Journal::open_in_memory().unwrap();
    let mut draft = rolfe(
        "A quiet shift",
        "Nothing identifying in here, just the 10-year plan.",
        "Tom reed said it went well; ring 0161 496 0000.",
        "",
    );
    draft.labels = vec!["team".into()];
    assert_eq!(
        draft_summary(&journal.check_draft(&draft).unwrap()),
        [(
            "so-what".into(),
            IdentifierKind::PhoneNumber,
            "0161 496 0000".into()
        )]
    );
    journal.set_watch_list(&names(&["Tom Reed"])).unwrap();
    let fields = journal.check_draft(&draft).unwrap();
    assert_eq!(fields.len(), 1);
    assert_eq!(fields[0].field, "so-what");
    let spans = &fields[0].spans;
    assert_eq!(
        spans
            .iter()
            .map(|s| (s.kind, s.text.as_str(), s.start))
            .collect::<Vec<_>>(),
        [
            (IdentifierKind::WatchedName, "Tom reed", 0),
            (IdentifierKind::PhoneNumber, "0161 496 0000", 33),
        ]
    );
    // A free draft with nothing in it has nothing to report.
    let empty = EntryDraft {
        template: Template::Free,
        fields: BTreeMap::new(),
        ..rolfe("Untitled", "", "", "")
    };
    assert_eq!(journal.check_draft(&empty).unwrap(), []);
}

#[test]
fn redact_draft_gives_a_redacted_copy_and_leaves_the_journal_as_it_was() {
    let journal = Journal::open_in_memory().unwrap();
    journal.set_watch_list(&names(&["Aisha"])).unwrap();
    let mut draft = rolfe(
        "Mrs Patel's discharge",
        "Aisha's mum, DOB 17/11/1958, lives at SW1A 1AA.",
        "Nothing to remove here.",
        "MRN RX1234567",
    );
    draft.labels = vec!["discharge".into(), "Aisha".into()];
    draft.tags = vec![waymark_journal::framework::TagId("hosting-style".into())];
    let saved = journal.create(draft.clone()).unwrap();

    journal
        .dismiss_finding(IdentifierKind::Postcode, "sw1a 1aa")
        .unwrap();
    let copy = journal.redact_draft(&saved.draft).unwrap();
    assert_eq!(copy.title, "[name removed]'s discharge");
    assert_eq!(
        copy.fields["what"],
        "[name removed]'s mum, DOB [date of birth removed], lives at SW1A 1AA.",
        "a finding marked as fine stays"
    );
    assert_eq!(copy.fields["so-what"], "Nothing to remove here.");
    assert_eq!(copy.body, "MRN [hospital number removed]");
    assert_eq!(copy.labels, ["discharge", "[name removed]"]);
    assert_eq!(
        (copy.date, copy.template, &copy.tags, copy.starred),
        (
            saved.draft.date,
            saved.draft.template,
            &saved.draft.tags,
            saved.draft.starred
        )
    );
    // Nothing is left to find in the copy but what was marked as fine.
    assert_eq!(journal.check_draft(&copy).unwrap(), []);
    // The journal keeps its own words.
    assert_eq!(journal.get(saved.id).unwrap().draft, saved.draft);
}
