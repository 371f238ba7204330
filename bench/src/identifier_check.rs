//! The check for identifying details over a whole journal, as `waymark check` and the
//! gate before `waymark export` run it: the way they used to (list every entry, then
//! read each again to check it) against the engine's one-read calls
//! (`Journal::check_journal`, `Journal::export_findings`), alternating which goes
//! first, on one seeded demo journal. Figures are reported, never asserted.

use super::{Machine, WorkDir, ms, percentile};
use chrono::NaiveDate;
use serde::Serialize;
use std::time::Instant;
use waymark_journal::{Journal, JournalError, ListFilter, Result};

/// What to benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckBenchOptions {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each call.
    pub runs: usize,
    /// The demo journal's newest date (fixed, so runs compare).
    pub today: NaiveDate,
}

impl Default for CheckBenchOptions {
    fn default() -> Self {
        CheckBenchOptions {
            entries: 20_000,
            seed: 42,
            runs: 5,
            today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
        }
    }
}

/// Median and 95th percentile of one call, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    /// Median time.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
}

/// Everything one run measured.
#[derive(Debug, Clone, Serialize)]
pub struct CheckBenchReport {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Timed runs of each call.
    pub runs: usize,
    /// Findings on the demo journal (the same for every call).
    pub findings: usize,
    /// The old way: every entry listed, then each read again and checked.
    pub list_then_check: Timing,
    /// `Journal::check_journal`: ids only, each entry read once.
    pub check_journal: Timing,
    /// `Journal::export_findings(None)`: what an export of everything would hold.
    pub export_findings: Timing,
    /// The machine it ran on.
    pub machine: Machine,
}

impl CheckBenchReport {
    /// The figures as a Markdown table.
    pub fn table(&self) -> String {
        let row = |name: &str, t: &Timing| {
            format!("| {name} | {:.0} ms | {:.0} ms |\n", t.p50_ms, t.p95_ms)
        };
        format!(
            "{} entries, {} runs of each, alternating; {} findings. Machine: {}.\n\n\
             | Call | p50 | p95 |\n|---|---:|---:|\n{}{}{}",
            self.entries,
            self.runs,
            self.findings,
            self.machine.summary(),
            row(
                "list, then check each entry (before)",
                &self.list_then_check
            ),
            row("check_journal (waymark check)", &self.check_journal),
            row("export_findings (the export's gate)", &self.export_findings),
        )
    }
}

fn timing(samples: &[f64]) -> Timing {
    Timing {
        p50_ms: percentile(samples, 50.0),
        p95_ms: percentile(samples, 95.0),
    }
}

/// Builds the demo journal and times the three ways.
pub fn run(
    options: &CheckBenchOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<CheckBenchReport> {
    if options.runs == 0 || options.entries == 0 {
        return Err(JournalError::io(
            "the benchmark",
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a benchmark needs at least one run and one entry",
            ),
        ));
    }
    let work = WorkDir::new(None)?;
    let journal_dir = work.path.join("journal");
    crate::build_demo_journal(
        &journal_dir,
        options.entries,
        options.seed,
        options.today,
        progress,
    )?;
    let journal = Journal::open(&journal_dir)?;
    let old_way = |j: &Journal| -> Result<usize> {
        let ids: Vec<_> = j
            .list(&ListFilter::default())?
            .into_iter()
            .map(|e| e.id)
            .collect();
        Ok(j.check_entries(&ids)?.len())
    };
    // Untimed warm-up, so no call meets a cold page cache alone.
    let findings = old_way(&journal)?;
    progress(&format!(
        "Timing each call {} times, alternating…",
        options.runs
    ));
    let (mut old, mut whole, mut export) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..options.runs {
        let mut calls: [(&mut Vec<f64>, u8); 3] =
            [(&mut old, 0), (&mut whole, 1), (&mut export, 2)];
        calls.rotate_left(run % 3);
        for (samples, which) in calls {
            let t = Instant::now();
            let n = match which {
                0 => old_way(&journal)?,
                1 => journal.check_journal()?.len(),
                _ => journal.export_findings(None)?.len(),
            };
            samples.push(ms(t.elapsed()));
            std::hint::black_box(n);
        }
    }
    Ok(CheckBenchReport {
        entries: options.entries,
        runs: options.runs,
        findings,
        list_then_check: timing(&old),
        check_journal: timing(&whole),
        export_findings: timing(&export),
        machine: Machine::this(),
    })
}
