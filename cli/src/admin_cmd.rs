//! `waymark reindex`, `waymark demo` and `waymark bench`.

use crate::output::{ProgressBar, print_json};
use anyhow::{Result, bail};
use chrono::Local;
use clap::Args;
use waymark_journal::Journal;
use waymark_journal::bench::{self, BenchOptions, MIN_RUNS_PER_QUERY};

/// Arguments of `waymark demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many sample reflections to add.
    #[arg(long, default_value_t = 500)]
    entries: usize,
    /// The seed: the same seed gives the same reflections.
    #[arg(long, default_value_t = 42)]
    seed: u64,
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
}

/// Runs `waymark reindex`.
pub fn reindex(journal: &Journal) -> Result<()> {
    let mut bar = ProgressBar::new("Reindexing");
    journal.reindex(&mut |p| bar.update(p))?;
    bar.finish();
    println!("search index rebuilt: {} reflections", journal.count()?);
    Ok(())
}

/// Runs `waymark demo`.
pub fn demo(journal: &Journal, args: DemoArgs) -> Result<()> {
    if args.entries == 0 {
        bail!("give a number of entries above 0, for example --entries 500");
    }
    let mut bar = ProgressBar::new("Writing sample reflections");
    let added = journal.add_demo(
        args.entries,
        args.seed,
        Local::now().date_naive(),
        &mut |p| bar.update(p),
    )?;
    journal.flush()?;
    bar.finish();
    println!("added {added} sample reflections (seed {})", args.seed);
    Ok(())
}

/// Runs `waymark bench`.
pub fn bench(args: BenchArgs) -> Result<()> {
    if args.runs < MIN_RUNS_PER_QUERY {
        bail!("--runs must be at least {MIN_RUNS_PER_QUERY} so the percentiles mean something");
    }
    if args.entries == 0 {
        bail!("give a number of entries above 0, for example --entries 10000");
    }
    let options = BenchOptions {
        entries: args.entries,
        seed: args.seed,
        runs_per_query: args.runs,
        ..BenchOptions::default()
    };
    let report = bench::run(&options, &mut |step| eprintln!("bench: {step}"))?;
    if args.json {
        print_json(&report)
    } else {
        println!("{}", report.table());
        Ok(())
    }
}
