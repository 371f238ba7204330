//! `waymark reindex`, `waymark demo` and `waymark bench`.

use crate::JournalArgs;
use crate::entry_cmd::parse_date;
use crate::output::{ProgressBar, print_json};
use anyhow::{Result, bail};
use chrono::{Local, NaiveDate};
use clap::Args;
use std::path::Path;
use std::process::Command;
use waymark_bench::{self as bench, BenchOptions, MIN_RUNS_PER_QUERY, SearchLoopMemory};
use waymark_journal::Journal;
use waymark_sample::DEMO_LABEL;

/// Arguments of `waymark demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many sample reflections to add.
    #[arg(long, default_value_t = 500)]
    entries: usize,
    /// The seed: the same seed gives the same reflections.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// The day the newest reflections may be about, YYYY-MM-DD [default: today]. The
    /// reflections span the four years up to it; the day moves only their dates.
    #[arg(long, value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// Add them even though this journal already holds reflections (they are labelled
    /// `demo`, so `label:demo` finds them). Without it, only an empty journal is filled.
    #[arg(long)]
    into_this_journal: bool,
    /// Print JSON: {"added", "seed", "label"}.
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Size of the generated journal.
    #[arg(long, default_value_t = 10_000)]
    entries: usize,
    /// Timed runs of each query on each engine (at least 200).
    #[arg(long, default_value_t = MIN_RUNS_PER_QUERY)]
    runs: usize,
    /// Seed of the generated journal.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Internal: only run the search loop on the journal in --data-dir and print its
    /// memory as JSON (`bench` runs itself this way to measure a fresh process).
    #[arg(long, hide = true)]
    search_loop_only: bool,
}

/// Runs `waymark reindex`.
pub fn reindex(journal: &Journal, out: crate::output::JsonArg) -> Result<()> {
    let mut bar = ProgressBar::new("Reindexing");
    journal.reindex(&mut |p| bar.update(p))?;
    bar.finish();
    let count = journal.count()?;
    crate::output::report(
        out.json,
        &format!("search index rebuilt: {count} reflections"),
        &serde_json::json!({ "reindexed": count }),
    )
}

/// Runs `waymark demo`.
pub fn demo(journal: &Journal, args: DemoArgs) -> Result<()> {
    if args.entries == 0 {
        bail!("give a number of entries above 0, for example --entries 500");
    }
    // Made-up reflections mixed into a leader's own are hard to take out again, so
    // they go only into an empty journal unless asked for (the bin counts as not empty).
    let held = journal.count()? + journal.bin()?.len();
    if held > 0 && !args.into_this_journal {
        bail!(
            "this journal already holds {held} reflection{}; sample reflections would mix with them. \
             Use an empty folder (--data-dir DIR), or add --into-this-journal to add them here \
             (they are labelled '{DEMO_LABEL}')",
            if held == 1 { "" } else { "s" }
        );
    }
    let mut bar = ProgressBar::new("Writing sample reflections");
    let added = waymark_sample::add_demo(
        journal,
        args.entries,
        args.seed,
        args.today.unwrap_or_else(|| Local::now().date_naive()),
        &mut |p| bar.update(p),
    )?;
    crate::output::settle(journal);
    bar.finish();
    crate::output::report(
        args.json,
        &format!(
            "added {added} sample reflections (seed {}), labelled '{DEMO_LABEL}'",
            args.seed
        ),
        &serde_json::json!({ "added": added, "seed": args.seed, "label": DEMO_LABEL }),
    )
}

/// Runs `waymark bench`.
pub fn bench(args: BenchArgs, journal: &JournalArgs) -> Result<()> {
    if args.search_loop_only {
        let shelf = journal.shelf()?;
        return print_json(&bench::search_loop(shelf.own_dir(), args.runs)?);
    }
    if args.runs < MIN_RUNS_PER_QUERY {
        bail!("--runs must be at least {MIN_RUNS_PER_QUERY} so the percentiles mean something");
    }
    if args.entries == 0 {
        bail!("give a number of entries above 0, for example --entries 10000");
    }
    let work = std::env::temp_dir().join(format!("waymark-bench-{}", std::process::id()));
    let options = BenchOptions {
        entries: args.entries,
        seed: args.seed,
        runs_per_query: args.runs,
        dir: Some(work.clone()),
        ..BenchOptions::default()
    };
    let measured =
        bench::run(&options, &mut |step| eprintln!("bench: {step}")).and_then(|mut report| {
            eprintln!("bench: Measuring the search loop's memory in a fresh process…");
            report.search_process = Some(search_loop_in_fresh_process(
                &work.join("journal"),
                args.runs,
            )?);
            Ok(report)
        });
    let _ = std::fs::remove_dir_all(&work);
    let report = measured?;
    if args.json {
        print_json(&report)
    } else {
        say!("{}", report.table())?;
        Ok(())
    }
}

/// Runs `waymark bench --search-loop-only` on `dir` as a child process, so its memory
/// holds only the opened journal and the searches.
fn search_loop_in_fresh_process(
    dir: &Path,
    runs: usize,
) -> Result<SearchLoopMemory, waymark_journal::JournalError> {
    let io = |e: std::io::Error| waymark_journal::JournalError::io(dir, e);
    let output = Command::new(std::env::current_exe().map_err(io)?)
        .arg("--data-dir")
        .arg(dir)
        .args(["bench", "--search-loop-only", "--runs", &runs.to_string()])
        .output()
        .map_err(io)?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(io(std::io::Error::other(message)));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| io(std::io::Error::other(e)))
}
