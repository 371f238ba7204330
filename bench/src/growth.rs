//! The Growth view's benchmark: on one seeded demo journal, the five engine calls the
//! view used to make in sequence (growth, activity, neglected, reflection days,
//! streaks) against the single [`Journal::growth_overview`] that replaced them,
//! alternating which goes first. Figures are reported, never asserted.

use super::{Machine, ms};
use chrono::NaiveDate;
use serde::Serialize;
use std::time::Instant;
use waymark_journal::{GrowthOptions, Journal, Period, Result};

/// What to benchmark: the shared demo-journal options (`runs` ways of filling the view).
pub type GrowthBenchOptions = crate::demo_bench::DemoBenchOptions;

pub use crate::demo_bench::Timing;

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
    // Reopened, as the app has it after start-up.
    let demo = options.build(progress)?;
    let (journal, build_s) = (&demo.journal, demo.build_s);
    let overview = GrowthOptions::default();
    let today = options.today;
    // Untimed warm-up of both, so neither meets a cold page cache alone.
    five_calls(journal, today)?;
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
                five_calls(journal, today)?;
                five.push(ms(t.elapsed()));
            } else {
                journal.growth_overview(&overview, today)?;
                one.push(ms(t.elapsed()));
            }
        }
    }
    progress("Done.");
    Ok(GrowthBenchReport {
        entries: options.entries,
        seed: options.seed,
        runs: options.runs,
        today,
        build_s,
        five_calls: Timing::of(&five),
        one_call: Timing::of(&one),
        machine: Machine::this(),
    })
}
