//! The check for identifying details over a whole journal, as `waymark check` and the
//! gate before `waymark export` run it: the way they used to (list every entry, then
//! read each again to check it) against the engine's one-read calls
//! (`Journal::check_journal`, `Journal::export_findings`), alternating which goes
//! first, on one seeded demo journal. Figures are reported, never asserted.

use super::{Machine, ms};
use serde::Serialize;
use std::time::Instant;
use waymark_journal::{Journal, ListFilter, Result};

/// What to benchmark: the shared demo-journal options.
pub type CheckBenchOptions = crate::demo_bench::DemoBenchOptions;

pub use crate::demo_bench::Timing;

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

/// Builds the demo journal and times the three ways.
pub fn run(
    options: &CheckBenchOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<CheckBenchReport> {
    let demo = options.build(progress)?;
    let journal = &demo.journal;
    let old_way = |j: &Journal| -> Result<usize> {
        let ids: Vec<_> = j
            .list(&ListFilter::default())?
            .into_iter()
            .map(|e| e.id)
            .collect();
        Ok(j.check_entries(&ids)?.len())
    };
    // Untimed warm-up, so no call meets a cold page cache alone.
    let findings = old_way(journal)?;
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
                0 => old_way(journal)?,
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
        list_then_check: Timing::of(&old),
        check_journal: Timing::of(&whole),
        export_findings: Timing::of(&export),
        machine: Machine::this(),
    })
}
