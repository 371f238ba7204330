//! What the smaller benchmarks (`growth`, `short_ids`, `identifier_check`) share: the
//! options of a run on one seeded demo journal, building and reopening that journal,
//! and the median and 95th percentile of a call.

use super::{WorkDir, percentile};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;
use waymark_journal::{Journal, JournalError, Result};

/// What to benchmark: one seeded demo journal, and how many timed runs of each call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoBenchOptions {
    /// Entries in the demo journal.
    pub entries: usize,
    /// Seed of the demo journal.
    pub seed: u64,
    /// Timed runs of each call.
    pub runs: usize,
    /// "Today" for the calls that need one, and the demo journal's newest date (fixed,
    /// so runs compare).
    pub today: NaiveDate,
    /// Folder to build in and keep (must not hold a journal yet); `None` uses a
    /// temporary folder removed afterwards.
    pub dir: Option<PathBuf>,
}

impl Default for DemoBenchOptions {
    fn default() -> Self {
        DemoBenchOptions {
            entries: 100_000,
            seed: 42,
            runs: 50,
            today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
            dir: None,
        }
    }
}

/// The demo journal a run times its calls on, open as a command or the app has it.
pub struct DemoJournal {
    /// The journal, reopened after it was filled.
    pub journal: Journal,
    /// Seconds it took to fill.
    pub build_s: f64,
    /// Its folder, removed when this is dropped unless one was asked for.
    _work: WorkDir,
}

impl DemoBenchOptions {
    /// Refuses a run with no runs or no entries, then builds the demo journal and
    /// reopens it.
    pub fn build(&self, progress: &mut dyn FnMut(&str)) -> Result<DemoJournal> {
        if self.runs == 0 || self.entries == 0 {
            return Err(JournalError::io(
                self.dir.clone().unwrap_or_default(),
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "a benchmark needs at least one run and one entry",
                ),
            ));
        }
        let work = WorkDir::new(self.dir.as_deref())?;
        let journal_dir = work.path.join("journal");
        let build_s =
            crate::build_demo_journal(&journal_dir, self.entries, self.seed, self.today, progress)?;
        Ok(DemoJournal {
            journal: Journal::open(&journal_dir)?,
            build_s,
            _work: work,
        })
    }
}

/// The median and 95th percentile of one call's timed runs.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    /// Median time, in milliseconds.
    pub p50_ms: f64,
    /// 95th percentile, in milliseconds.
    pub p95_ms: f64,
}

impl Timing {
    /// The figures of these samples (milliseconds each).
    pub fn of(samples: &[f64]) -> Timing {
        Timing {
            p50_ms: percentile(samples, 50.0),
            p95_ms: percentile(samples, 95.0),
        }
    }
}
