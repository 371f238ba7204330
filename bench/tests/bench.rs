//! The benchmark through its public API: every figure reported, both engines agreeing.

use waymark_bench::{self as bench, BenchOptions};
use waymark_journal::paths::DB_FILE;

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
    assert!(dir.path().join("journal").join(DB_FILE).exists());
    let err = bench::run(&options, &mut |_| {}).unwrap_err();
    assert!(err.to_string().contains("choose an empty folder"), "{err}");
}

#[test]
fn the_growth_benchmark_times_both_ways_of_filling_the_view() {
    let options = bench::growth::GrowthBenchOptions {
        entries: 200,
        runs: 3,
        ..Default::default()
    };
    let report = bench::growth::run(&options, &mut |_| {}).unwrap();
    assert_eq!((report.entries, report.runs), (200, 3));
    assert!(report.one_call.p95_ms >= report.one_call.p50_ms);
    assert!(report.five_calls.p95_ms >= report.five_calls.p50_ms);
    assert!(report.table().contains("growth_overview"));
}
