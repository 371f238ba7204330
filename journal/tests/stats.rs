//! Growth over time through the public API: what a leader sees in the growth chart,
//! the "not reflected on lately" list and the streak counter.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::framework::{ItemKind, TagId, lpc};
use waymark_journal::{EntryDraft, Journal, Period, Template};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|_| panic!("bad test date {s}"))
}

fn draft(day: &str, tags: &[&str]) -> EntryDraft {
    EntryDraft {
        code: Vec::new(),
        title: format!("Reflection on {day}"),
        body: "I held back and let the team lead.".into(),
        template: Template::Free,
        fields: BTreeMap::new(),
        date: date(day),
        tags: tags.iter().map(|t| TagId((*t).to_owned())).collect(),
        labels: vec![],
        starred: false,
    }
}

fn counts(journal: &Journal, by: Period) -> Vec<(String, String, u32)> {
    journal
        .growth(by, None, None)
        .expect("growth of a healthy journal")
        .into_iter()
        .map(|p| (p.period, p.item, p.count))
        .collect()
}

fn row(period: &str, item: &str, count: u32) -> (String, String, u32) {
    (period.to_owned(), item.to_owned(), count)
}

#[test]
fn growth_counts_entries_per_month_with_themes_rolled_up_once() {
    let journal = Journal::open_in_memory().unwrap();
    // Typed as a leader would: a label and an alias resolve to framework ids.
    journal
        .create(draft("2026-02-03", &["Sharing power", "people-as-assets"]))
        .unwrap();
    journal
        .create(draft("2026-02-20", &["sharing-power"]))
        .unwrap();
    journal
        .create(draft("2026-03-01", &["hosting style"]))
        .unwrap();
    assert_eq!(
        counts(&journal, Period::Month),
        [
            row("2026-02", "being", 2),
            row("2026-02", "sharing-power", 2),
            row("2026-02", "people-as-assets", 1),
            row("2026-03", "leading-and-visioning", 1),
            row("2026-03", "hosting-style", 1),
        ]
    );
}

#[test]
fn edits_the_bin_and_purge_change_growth_at_once() {
    let journal = Journal::open_in_memory().unwrap();
    let a = journal.create(draft("2026-01-10", &["trust"])).unwrap();
    let b = journal.create(draft("2026-01-11", &["trust"])).unwrap();
    assert_eq!(
        counts(&journal, Period::Quarter)[1],
        row("2026-Q1", "trust", 2)
    );

    journal
        .update(a.id, draft("2026-01-10", &["delivery"]))
        .unwrap();
    journal.delete(b.id).unwrap();
    assert_eq!(
        counts(&journal, Period::Quarter),
        [
            row("2026-Q1", "delivering", 1),
            row("2026-Q1", "delivery", 1)
        ]
    );
    let trust = journal
        .activity()
        .unwrap()
        .into_iter()
        .find(|a| a.item == "trust")
        .unwrap();
    assert!(trust.never, "a binned entry is not a reflection on record");

    journal.restore(b.id).unwrap();
    assert_eq!(counts(&journal, Period::Quarter).len(), 4);
    journal.delete(b.id).unwrap();
    journal.purge(b.id).unwrap();
    assert_eq!(counts(&journal, Period::Quarter).len(), 2);
}

#[test]
fn growth_serialises_as_period_item_kind_count() {
    let journal = Journal::open_in_memory().unwrap();
    journal
        .create(draft("2026-03-02", &["hosting-style"]))
        .unwrap();
    let points = journal.growth(Period::Week, None, None).unwrap();
    let json = serde_json::to_value(&points).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            { "period": "2026-W10", "item": "leading-and-visioning", "kind": "theme", "count": 1 },
            { "period": "2026-W10", "item": "hosting-style", "kind": "quality", "count": 1 },
        ])
    );
}

#[test]
fn growth_keeps_to_the_range_and_refuses_a_backwards_one() {
    let journal = Journal::open_in_memory().unwrap();
    for day in ["2025-12-31", "2026-01-01", "2026-01-31", "2026-02-01"] {
        journal.create(draft(day, &["mindset"])).unwrap();
    }
    let january = journal
        .growth(
            Period::Month,
            Some(date("2026-01-01")),
            Some(date("2026-01-31")),
        )
        .unwrap();
    assert!(
        january
            .iter()
            .all(|p| p.period == "2026-01" && p.count == 2)
    );
    let err = journal
        .growth(
            Period::Month,
            Some(date("2026-02-01")),
            Some(date("2026-01-01")),
        )
        .unwrap_err();
    assert!(err.to_string().contains("backwards"), "{err}");
    let err = "fortnight".parse::<Period>().unwrap_err();
    assert!(err.to_string().contains("week, month or quarter"), "{err}");
}

#[test]
fn neglected_lists_quiet_and_never_touched_items_oldest_first() {
    let journal = Journal::open_in_memory().unwrap();
    journal.create(draft("2025-06-01", &["trust"])).unwrap();
    journal
        .create(draft("2026-03-01", &["sharing-power"]))
        .unwrap();
    let quiet = journal.neglected(90, date("2026-03-10")).unwrap();
    let ids: Vec<&str> = quiet.iter().map(|a| a.item.as_str()).collect();
    // Never reflected on: everything but the two items and their themes.
    let never = lpc().items().count() - 4;
    assert_eq!(ids.len(), never + 2);
    assert!(quiet[..never].iter().all(|a| a.never && a.last.is_none()));
    // Then the neglected ones, oldest first: the theme and its behaviour share a date.
    assert_eq!(&ids[never..], ["relating-and-communicating", "trust"]);
    assert_eq!(quiet[never].last, Some(date("2025-06-01")));
    assert!(!ids.contains(&"sharing-power") && !ids.contains(&"being"));
}

#[test]
fn activity_covers_the_framework_in_document_order() {
    let journal = Journal::open_in_memory().unwrap();
    journal.create(draft("2024-05-01", &["delivery"])).unwrap();
    journal
        .create(draft("2026-01-01", &["delivering"]))
        .unwrap();
    let all = journal.activity().unwrap();
    let ids: Vec<&str> = all.iter().map(|a| a.item.as_str()).collect();
    let expected: Vec<&str> = lpc().items().map(|i| i.id()).collect();
    assert_eq!(ids, expected);
    let delivering = all.iter().find(|a| a.item == "delivering").unwrap();
    assert_eq!(delivering.kind, ItemKind::Theme);
    assert_eq!(
        (delivering.count, delivering.first, delivering.last),
        (2, Some(date("2024-05-01")), Some(date("2026-01-01")))
    );
}

#[test]
fn reflection_days_and_streaks_follow_the_calendar() {
    let journal = Journal::open_in_memory().unwrap();
    for day in [
        "2026-02-27",
        "2026-02-28",
        "2026-03-01",
        "2026-03-01",
        "2026-03-05",
        "2026-03-06",
    ] {
        journal.create(draft(day, &[])).unwrap();
    }
    let days = journal
        .reflection_days(Some(date("2026-03-01")), None)
        .unwrap();
    let got: Vec<(String, u32)> = days.iter().map(|d| (d.date.to_string(), d.count)).collect();
    assert_eq!(
        got,
        [
            ("2026-03-01".to_owned(), 2),
            ("2026-03-05".to_owned(), 1),
            ("2026-03-06".to_owned(), 1)
        ]
    );
    // Across the end of February: three days in a row.
    let s = journal.streaks(date("2026-03-07")).unwrap();
    assert_eq!((s.current, s.longest), (2, 3));
    assert_eq!(s.longest_from, Some(date("2026-02-27")));
    assert_eq!(journal.streaks(date("2026-03-08")).unwrap().current, 0);
}

#[test]
fn a_coachs_growth_overview_of_a_coachee_counts_only_what_was_shared() {
    use waymark_journal::share::ShareFields;
    use waymark_journal::{GrowthOptions, GrowthSpan};
    let (l, c, files) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let leader = Journal::open(l.path()).unwrap();
    let coach = Journal::open(c.path()).unwrap();
    leader.set_identity_name("Lee").unwrap();
    coach.set_identity_name("Kim").unwrap();
    leader
        .add_contact(&coach.identity().unwrap().code, None)
        .unwrap();
    coach
        .add_contact(&leader.identity().unwrap().code, None)
        .unwrap();
    let shared = [
        leader.create(draft("2024-02-10", &["trust"])).unwrap(),
        leader
            .create(draft("2026-11-02", &["hosting-style", "trust"]))
            .unwrap(),
    ];
    // Kept private: never in the coach's figures.
    leader.create(draft("2026-11-03", &["delivery"])).unwrap();
    coach.create(draft("2026-11-04", &["being"])).unwrap();
    let bundle = files.path().join("s.waymark");
    let ids: Vec<_> = shared.iter().map(|e| e.id).collect();
    leader
        .share("Kim", &ids, &ShareFields::Whole, &bundle)
        .unwrap();
    coach.receive(&bundle).unwrap();

    let today = date("2026-11-30");
    let options = GrowthOptions {
        by: Period::Quarter,
        span: GrowthSpan::All,
        ..GrowthOptions::default()
    };
    let theirs = coach
        .coachee_journal("Lee")
        .unwrap()
        .growth_overview(&options, today)
        .unwrap();
    assert_eq!(theirs.from, date("2024-01-01"));
    assert_eq!(theirs.periods.iter().map(|p| p.written).sum::<u32>(), 2);
    let trust = theirs.activity.iter().find(|a| a.item == "trust").unwrap();
    assert_eq!(trust.count, 2);
    // Neither the private entry's tag nor the coach's own counts for the coachee.
    for never in ["delivery", "being"] {
        assert!(theirs.activity.iter().any(|a| a.item == never && a.never));
    }
    let own = coach.growth_overview(&options, today).unwrap();
    assert_eq!(own.periods.iter().map(|p| p.written).sum::<u32>(), 1);
    assert_eq!(own.from, date("2026-10-01"));
}
