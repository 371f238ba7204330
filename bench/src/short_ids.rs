//! The short ids' benchmark: on one seeded demo journal, what showing short ids adds
//! to a page of `list --limit 20`, and resolving a short id against resolving a whole
//! one, alternating which goes first. Also how long the short ids are. Figures are
//! reported, never asserted.

use super::{Machine, ms};
use serde::Serialize;
use std::time::Instant;
use waymark_journal::{ListFilter, Result};

/// What to benchmark: the shared demo-journal options.
pub type ShortIdBenchOptions = crate::demo_bench::DemoBenchOptions;

pub use crate::demo_bench::Timing;

/// Everything one short-id benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct ShortIdBenchReport {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each call.
    pub runs: usize,
    /// Seconds to build the demo journal.
    pub build_s: f64,
    /// A page of 20, as `list --limit 20` reads it, without short ids.
    pub list_page: Timing,
    /// The same page with each entry's short id worked out.
    pub list_page_short: Timing,
    /// Resolving a short id as `list` shows it.
    pub resolve_short: Timing,
    /// Resolving a whole id.
    pub resolve_whole: Timing,
    /// Median length of every entry's short id.
    pub short_len_p50: usize,
    /// 95th percentile of it.
    pub short_len_p95: usize,
    /// The longest.
    pub short_len_max: usize,
    /// The machine it ran on.
    pub machine: Machine,
}

impl ShortIdBenchReport {
    /// The figures as a Markdown table, for the README.
    pub fn table(&self) -> String {
        let row = |name: &str, t: &Timing| {
            format!("| {name} | {:.2} ms | {:.2} ms |\n", t.p50_ms, t.p95_ms)
        };
        format!(
            "{} entries (seed {}), {} runs of each, alternating. Machine: {}.\n\
             Short id length over every entry: p50 {}, p95 {}, longest {} characters.\n\n\
             | Call | p50 | p95 |\n|---|---:|---:|\n{}{}{}{}",
            self.entries,
            self.seed,
            self.runs,
            self.machine.summary(),
            self.short_len_p50,
            self.short_len_p95,
            self.short_len_max,
            row("`list --limit 20` page, whole ids", &self.list_page),
            row(
                "`list --limit 20` page, with short ids",
                &self.list_page_short
            ),
            row("resolve a short id", &self.resolve_short),
            row("resolve a whole id", &self.resolve_whole),
        )
    }
}

/// The nearest-rank percentile of whole numbers.
fn percentile_len(sorted: &[usize], p: usize) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    let rank = (p * sorted.len()).div_ceil(100);
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Builds the demo journal and times the calls.
pub fn run(
    options: &ShortIdBenchOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<ShortIdBenchReport> {
    // Reopened, as each `waymark` command opens it.
    let demo = options.build(progress)?;
    let (journal, build_s) = (&demo.journal, demo.build_s);
    let page = ListFilter {
        limit: Some(20),
        ..ListFilter::default()
    };
    let all = journal.list(&ListFilter::default())?;
    let shorts = journal.short_ids()?;
    let mut lengths: Vec<usize> = all.iter().map(|e| shorts.len_of(e.id)).collect();
    lengths.sort_unstable();
    // Entries spread through the journal, the same ones each run.
    let targets: Vec<(String, String)> = (0..options.runs)
        .filter_map(|i| all.get(i * all.len() / options.runs))
        .map(|e| (shorts.short(e.id), e.id.to_string()))
        .collect();
    drop(all);
    // Untimed warm-up, so no call meets a cold page cache alone.
    journal.list(&page)?;
    journal.short_ids()?;
    progress(&format!(
        "Timing each call {} times, alternating…",
        options.runs
    ));
    let (mut plain, mut with_short, mut short, mut whole) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (run, (short_id, whole_id)) in targets.iter().enumerate() {
        for short_first in [run % 2 == 0, run % 2 != 0] {
            let t = Instant::now();
            if short_first {
                let entries = journal.list(&page)?;
                let shorts = journal.short_ids()?;
                let shown: Vec<String> = entries.iter().map(|e| shorts.short(e.id)).collect();
                std::hint::black_box(shown);
                with_short.push(ms(t.elapsed()));
                let t = Instant::now();
                std::hint::black_box(journal.resolve_id(short_id)?);
                short.push(ms(t.elapsed()));
            } else {
                let entries = journal.list(&page)?;
                let shown: Vec<String> = entries.iter().map(|e| e.id.to_string()).collect();
                std::hint::black_box(shown);
                plain.push(ms(t.elapsed()));
                let t = Instant::now();
                std::hint::black_box(journal.resolve_id(whole_id)?);
                whole.push(ms(t.elapsed()));
            }
        }
    }
    progress("Done.");
    Ok(ShortIdBenchReport {
        entries: options.entries,
        seed: options.seed,
        runs: options.runs,
        build_s,
        list_page: Timing::of(&plain),
        list_page_short: Timing::of(&with_short),
        resolve_short: Timing::of(&short),
        resolve_whole: Timing::of(&whole),
        short_len_p50: percentile_len(&lengths, 50),
        short_len_p95: percentile_len(&lengths, 95),
        short_len_max: lengths.last().copied().unwrap_or(0),
        machine: Machine::this(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_resolves_every_short_id_it_shows() -> Result<()> {
        let report = run(
            &ShortIdBenchOptions {
                entries: 300,
                runs: 5,
                ..ShortIdBenchOptions::default()
            },
            &mut |_| {},
        )?;
        assert!(report.short_len_max >= report.short_len_p50);
        assert!(report.short_len_p50 >= waymark_journal::short_id::MIN_SHORT_ID);
        assert!(report.table().contains("resolve a short id"));
        Ok(())
    }
}
