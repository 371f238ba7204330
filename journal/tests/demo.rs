//! The demo journal through the public API.

use chrono::NaiveDate;
use waymark_journal::demo::{self, ABSENT_WORD, RARE_WORDS};
use waymark_journal::{Journal, ListFilter, Progress, SearchOptions};

fn end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).expect("a valid date")
}

#[test]
fn add_demo_saves_every_draft_in_batches_and_reports_progress() {
    let journal = Journal::open_in_memory().unwrap();
    let mut seen: Vec<Progress> = Vec::new();
    let added = journal
        .add_demo(2_500, 8, end(), &mut |p| seen.push(p))
        .unwrap();
    assert_eq!(added, 2_500);
    assert_eq!(journal.count().unwrap(), 2_500);
    let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, [0, 1_000, 2_000, 2_500]);
    assert!(seen.iter().all(|p| p.total == 2_500));
}

#[test]
fn the_same_seed_gives_the_same_saved_journal() {
    let titles = |seed: u64| {
        let journal = Journal::open_in_memory().unwrap();
        journal.add_demo(200, seed, end(), &mut |_| {}).unwrap();
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
    journal.add_demo(2_000, 1, end(), &mut |_| {}).unwrap();
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
    journal.add_demo(10_000, 2, end(), &mut |_| {}).unwrap();
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
