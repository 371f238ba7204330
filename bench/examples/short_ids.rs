//! Times showing and resolving short ids on one seeded demo journal: a page of
//! `list --limit 20` with and without short ids, and resolving a short id against a
//! whole one, in the same run.
//!
//! `cargo run --release -p waymark-bench --example short_ids -- [entries] [runs]`
//! (defaults: 100000 entries, 50 runs each).

use waymark_bench::short_ids::{self, ShortIdBenchOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut options = ShortIdBenchOptions::default();
    if let Some(entries) = args.next() {
        options.entries = entries.parse()?;
    }
    if let Some(runs) = args.next() {
        options.runs = runs.parse()?;
    }
    let report = short_ids::run(&options, &mut |line| eprintln!("{line}"))?;
    eprintln!("Built the demo journal in {:.1} s.", report.build_s);
    println!("{}", report.table());
    Ok(())
}
