//! Printing: JSON, dates in local time, and progress bars on standard error.

use anyhow::Result;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use std::io::Write;
use waymark_journal::Progress;

/// Prints a value as pretty JSON on standard output.
pub fn print_json(value: &impl Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// A UTC instant shown in the user's local time.
pub fn local_time(at: &DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A progress bar on standard error that appears only when there is work to show.
pub struct ProgressBar {
    message: &'static str,
    bar: Option<indicatif::ProgressBar>,
}

impl ProgressBar {
    /// A bar that will show `message` once progress is reported.
    pub fn new(message: &'static str) -> ProgressBar {
        ProgressBar { message, bar: None }
    }

    /// Moves the bar to `progress`, creating it on first use.
    pub fn update(&mut self, progress: Progress) {
        let message = self.message;
        let bar = self.bar.get_or_insert_with(|| {
            let bar = indicatif::ProgressBar::new(progress.total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(message);
            bar
        });
        bar.set_length(progress.total as u64);
        bar.set_position(progress.done as u64);
    }

    /// Removes the bar from the terminal.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
