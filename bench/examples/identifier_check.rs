//! Times the check for identifying details over a whole journal: the old list-then-read
//! way against `check_journal` and `export_findings`, in the same run.
//!
//! `cargo run --release -p waymark-bench --example identifier_check -- [entries] [runs]`
//! (defaults: 20000 entries, 5 runs each).

use waymark_bench::identifier_check::{self, CheckBenchOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    // The check reads every entry: fewer than the other benchmarks, fewer runs.
    let mut options = CheckBenchOptions {
        entries: 20_000,
        runs: 5,
        ..CheckBenchOptions::default()
    };
    if let Some(entries) = args.next() {
        options.entries = entries.parse()?;
    }
    if let Some(runs) = args.next() {
        options.runs = runs.parse()?;
    }
    let report = identifier_check::run(&options, &mut |line| eprintln!("{line}"))?;
    println!("{}", report.table());
    Ok(())
}
