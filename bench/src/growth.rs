//! The Growth view's benchmark: on one seeded demo journal, the five engine calls the
//! view used to make in sequence (growth, activity, neglected, reflection days,
//! streaks) against the single [`Journal::growth_overview`] that replaced them,
//! alternating which goes first. Figures are reported, never asserted.

use super::{Machine, WorkDir, ms, percentile};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;
use waymark_journal::{GrowthOptions, Journal, JournalError, Period, Result};

/// What to benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrowthBenchOptions {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each way of filling the view.
    pub runs: usize,
    /// "Today" for both ways, and the demo journal's newest date (fixed, so runs compare).
    pub today: NaiveDate,
    /// Folder to build in and keep (must not hold a journal yet); `None` uses a
    /// temporary folder removed afterwards.
    pub dir: Option<PathBuf>,
}

impl Default for GrowthBenchOptions {
    fn default() -> Self {
        GrowthBenchOptions {
            entries: 100_000,
            seed: 42,
            runs: 50,
            today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
            dir: None,
        }
    }
}

/// The figures of one way of filling the Growth view.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    /// Median time to have every figure the view shows.
    pub p50_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
}

/// Everything one growth benchmark run measured.
#[derive(Debug, Clone, Serialize)]
pub struct GrowthBenchReport {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each way.
    pub runs: usize,
    /// The fixed "today".
    pub today: NaiveDate,
    /// Seconds to build the demo journal.
    pub build_s: f64,
    /// The five calls in sequence, as the view made them before.
    pub five_calls: Timing,
    /// The one `growth_overview` call.
    pub one_call: Timing,
    /// The machine it ran on.
    pub machine: Machine,
}

impl GrowthBenchReport {
    /// The figures as a Markdown table, for the README.
    pub fn table(&self) -> String {
        format!(
            "{} entries (seed {}), today {}, {} runs of each, alternating. Machine: {}.\n\n\
             | Filling the Growth view (12 months by month) | p50 | p95 |\n|---|---:|---:|\n\
             | Five calls (growth, activity, neglected, reflection days, streaks) | {:.1} ms | {:.1} ms |\n\
             | One call (`growth_overview`) | {:.1} ms | {:.1} ms |\n",
            self.entries,
            self.seed,
            self.today,
            self.runs,
            self.machine.summary(),
            self.five_calls.p50_ms,
            self.five_calls.p95_ms,
            self.one_call.p50_ms,
            self.one_call.p95_ms,
        )
    }
}

/// The five calls the Growth view made before `growth_overview`, with its arguments.
fn five_calls(journal: &Journal, today: NaiveDate) -> Result<()> {
    let first_month = Period::Month.back(Period::Month.start(today), 11);
    journal.growth(Period::Month, Some(first_month), Some(today))?;
    journal.activity()?;
    journal.neglected(90, today)?;
    journal.reflection_days(None, Some(today))?;
    journal.streaks(today)?;
    Ok(())
}

/// Builds the demo journal and times both ways of filling the Growth view.
pub fn run(
    options: &GrowthBenchOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<GrowthBenchReport> {
    if options.runs == 0 {
        return Err(JournalError::io(
            options.dir.clone().unwrap_or_default(),
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a benchmark needs at least one run",
            ),
        ));
    }
    let work = WorkDir::new(options.dir.as_deref())?;
    let journal_dir = work.path.join("journal");
    let build_s = crate::build_demo_journal(
        &journal_dir,
        options.entries,
        options.seed,
        options.today,
        progress,
    )?;
    // Reopened, as the app has it after start-up.
    let journal = Journal::open(&journal_dir)?;
    let overview = GrowthOptions::default();
    let today = options.today;
    // Untimed warm-up of both, so neither meets a cold page cache alone.
    five_calls(&journal, today)?;
    journal.growth_overview(&overview, today)?;
    progress(&format!(
        "Filling the Growth view {} times each way, alternating…",
        options.runs
    ));
    let (mut five, mut one) = (Vec::new(), Vec::new());
    for run in 0..options.runs {
        for old_way in [run % 2 == 0, run % 2 != 0] {
            let t = Instant::now();
            if old_way {
                five_calls(&journal, today)?;
                five.push(ms(t.elapsed()));
            } else {
                journal.growth_overview(&overview, today)?;
                one.push(ms(t.elapsed()));
            }
        }
    }
    progress("Done.");
    let timing = |samples: &[f64]| Timing {
        p50_ms: percentile(samples, 50.0),
        p95_ms: percentile(samples, 95.0),
    };
    Ok(GrowthBenchReport {
        entries: options.entries,
        seed: options.seed,
        runs: options.runs,
        today,
        build_s,
        five_calls: timing(&five),
        one_call: timing(&one),
        machine: Machine::this(),
    })
}
