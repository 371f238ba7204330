//! The demo journal and the benchmark through the public API.

use chrono::NaiveDate;
use waymark_journal::bench::{self, BenchOptions};
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

#[test]
fn a_small_benchmark_reports_every_figure_and_both_engines_agree_on_no_match() {
    let options = BenchOptions {
        entries: 300,
        runs_per_query: 5,
        saves: 10,
        searchable_saves: 3,
        ..Default::default()
    };
    let mut lines = Vec::new();
    let report = bench::run(&options, &mut |line| lines.push(line.to_owned())).unwrap();
    assert!(lines.last().is_some_and(|l| l == "Done."), "{lines:?}");
    assert_eq!(report.entries, 300);
    assert_eq!(report.queries.len(), 8);
    assert_eq!(report.tantivy.searches, 8 * 5);
    assert_eq!(report.fts5.searches, 8 * 5);
    assert_eq!(report.saves, 10);
    assert_eq!(report.save_to_searchable_timeouts, 0);
    for q in &report.queries {
        assert_eq!(
            q.tantivy.hits == 0,
            q.fts5.hits == 0,
            "engines disagree on {}: {q:?}",
            q.name
        );
        assert!(
            q.tantivy.p50_ms > 0.0 && q.tantivy.p95_ms >= q.tantivy.p50_ms,
            "{q:?}"
        );
        assert!(
            q.fts5.p50_ms > 0.0 && q.fts5.p95_ms >= q.fts5.p50_ms,
            "{q:?}"
        );
    }
    let no_match = report
        .queries
        .iter()
        .find(|q| q.name == "no match")
        .unwrap();
    assert_eq!((no_match.tantivy.hits, no_match.fts5.hits), (0, 0));
    let common = report
        .queries
        .iter()
        .find(|q| q.name == "common word")
        .unwrap();
    assert!(common.tantivy.hits > 20 && common.fts5.hits > 20);
    assert!(report.save_p95_ms > 0.0 && report.reindex_s > 0.0 && report.peak_rss_mb > 0.0);
    assert!(report.index_mb > 0.0 && report.database_mb > 0.0 && report.fts5_mb > 0.0);

    let json = serde_json::to_value(&report).unwrap();
    for key in [
        "/entries",
        "/tantivy/search_p50_ms",
        "/tantivy/search_p95_ms",
        "/fts5/search_p50_ms",
        "/fts5/search_p95_ms",
        "/save_p95_ms",
        "/save_to_searchable_ms",
        "/reindex_s",
        "/peak_rss_mb",
        "/machine/cores",
        "/machine/os",
        "/queries/0/tantivy/p95_ms",
    ] {
        assert!(
            json.pointer(key).is_some_and(|v| !v.is_null()),
            "missing {key}"
        );
    }
    let table = report.table();
    assert!(
        table.contains("| p95 |") && table.contains("| no match |"),
        "{table}"
    );
    assert!(table.contains("Full reindex"), "{table}");
}

#[test]
fn a_benchmark_folder_is_kept_when_given_and_refused_when_it_holds_one() {
    let dir = tempfile::tempdir().unwrap();
    let options = BenchOptions {
        entries: 50,
        runs_per_query: 2,
        saves: 2,
        searchable_saves: 1,
        dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    bench::run(&options, &mut |_| {}).unwrap();
    assert!(dir.path().join("journal").join("journal.sqlite3").exists());
    let err = bench::run(&options, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("choose an empty folder"), "{err}");
}
