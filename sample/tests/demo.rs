//! The demo journal through the public API, and the engine's growth figures on it.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use waymark_journal::framework::lpc;
use waymark_journal::{Journal, ListFilter, Period, Progress, SearchOptions};
use waymark_sample::{self as demo, ABSENT_WORD, DEMO_LABEL, RARE_WORDS, add_demo};

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).expect("a valid date")
}

#[test]
fn add_demo_saves_every_draft_in_batches_and_reports_progress() {
    let journal = Journal::open_in_memory().unwrap();
    let mut seen: Vec<Progress> = Vec::new();
    let added = add_demo(&journal, 2_500, 8, end(), &mut |p| seen.push(p)).unwrap();
    assert_eq!(added, 2_500);
    assert_eq!(journal.count().unwrap(), 2_500);
    let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 1_000, 2_000, 2_500]);
    assert!(seen.iter().all(|p| p.total == 2_500));
}

#[test]
fn every_saved_demo_reflection_is_labelled_as_such() {
    let journal = Journal::open_in_memory().unwrap();
    add_demo(&journal, 300, 5, end(), &mut |_| {}).unwrap();
    let saved = journal.list(&ListFilter::default()).unwrap();
    assert_eq!(saved.len(), 300);
    for entry in &saved {
        let labels = &entry.draft.labels;
        assert_eq!(
            labels.iter().filter(|l| *l == DEMO_LABEL).count(),
            1,
            "{labels:?}"
        );
    }
    // Its own labels stay beside it.
    assert!(saved.iter().any(|e| e.draft.labels.len() > 1));
    journal.flush().unwrap();
    let options = SearchOptions {
        limit: 20,
        ..Default::default()
    };
    let found = journal.search("label:demo", &options).unwrap().total;
    assert_eq!(found, 300);
}

#[test]
fn the_same_seed_gives_the_same_saved_journal() {
    let titles = |seed: u64| {
        let journal = Journal::open_in_memory().unwrap();
        add_demo(&journal, 200, seed, end(), &mut |_| {}).unwrap();
        let mut entries: Vec<_> = journal
            .list(&ListFilter::default())
            .unwrap()
            .into_iter()
            .map(|e| e.draft)
            .collect();
        entries.sort_by(|a, b| (a.date, &a.title, &a.body).cmp(&(b.date, &b.title, &b.body)));
        entries
    };
    assert_eq!(titles(21), titles(21));
    assert_ne!(titles(21), titles(22));
}

#[test]
fn every_demo_draft_is_valid_and_already_in_canonical_form() {
    for d in demo::drafts(2_000, 4, end()) {
        let canonical = d.clone().normalise().unwrap();
        assert_eq!(
            canonical, d,
            "the generator writes what the store would keep"
        );
    }
}

#[test]
fn two_thousand_demo_entries_touch_every_theme_behaviour_and_quality() {
    let journal = Journal::open_in_memory().unwrap();
    add_demo(&journal, 2_000, 1, end(), &mut |_| {}).unwrap();
    let quiet: Vec<String> = journal
        .activity()
        .unwrap()
        .into_iter()
        .filter(|a| a.never)
        .map(|a| a.item)
        .collect();
    assert!(quiet.is_empty(), "never used: {quiet:?}");
    let starred = journal
        .list(&ListFilter {
            starred_only: true,
            ..Default::default()
        })
        .unwrap()
        .len();
    assert!((40..=180).contains(&starred), "about 5% starred: {starred}");
}

#[test]
fn the_demo_journal_is_searchable_with_rare_words_at_their_known_rate() {
    let journal = Journal::open_in_memory().unwrap();
    add_demo(&journal, 10_000, 2, end(), &mut |_| {}).unwrap();
    journal.flush().unwrap();
    let options = SearchOptions {
        limit: 20,
        ..Default::default()
    };
    for (word, every) in RARE_WORDS {
        let found = journal.search(word, &options).unwrap().total;
        assert_eq!(found, 10_000 / every, "{word}");
    }
    assert_eq!(journal.search(ABSENT_WORD, &options).unwrap().total, 0);
    assert!(journal.search("team", &options).unwrap().total > 1_000);
}

#[test]
fn on_a_demo_journal_growth_adds_up_to_activity() {
    let journal = Journal::open_in_memory().unwrap();
    add_demo(&journal, 1_500, 3, end(), &mut |_| {}).unwrap();
    let activity = journal.activity().unwrap();
    for by in [Period::Week, Period::Month, Period::Quarter] {
        let mut totals: BTreeMap<String, u32> = BTreeMap::new();
        let points = journal.growth(by, None, None).unwrap();
        let mut sorted = points.clone();
        sorted.sort_by(|a, b| a.period.cmp(&b.period));
        assert_eq!(
            points.iter().map(|p| &p.period).collect::<Vec<_>>(),
            sorted.iter().map(|p| &p.period).collect::<Vec<_>>()
        );
        for p in points {
            *totals.entry(p.item).or_default() += p.count;
        }
        for a in &activity {
            assert_eq!(
                totals.get(&a.item).copied().unwrap_or(0),
                a.count,
                "{by} {}",
                a.item
            );
        }
    }
    // A theme counts each entry once, so it is at most the sum of what sits under it.
    let count = |id: &str| {
        activity
            .iter()
            .find(|a| a.item == id)
            .map_or(0, |a| a.count)
    };
    for theme in &lpc().themes {
        let under: u32 = lpc()
            .with_descendants(theme.id.as_str())
            .iter()
            .map(|t| count(t.as_str()))
            .sum();
        assert!(count(theme.id.as_str()) <= under);
        assert!(count(theme.id.as_str()) > 0);
    }
    let days: u32 = journal
        .reflection_days(None, None)
        .unwrap()
        .iter()
        .map(|d| d.count)
        .sum();
    assert_eq!(days as usize, journal.count().unwrap());
}
