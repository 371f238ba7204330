//! Times filling the Growth view: the five calls it used to make against the one
//! `growth_overview` call, on one seeded demo journal.
//!
//! `cargo run --release -p waymark-bench --example growth_view -- [entries] [runs]`
//! (defaults: 100000 entries, 50 runs each, today fixed at 2026-11-30).

use waymark_bench::growth::{self, GrowthBenchOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut options = GrowthBenchOptions::default();
    if let Some(entries) = args.next() {
        options.entries = entries.parse()?;
    }
    if let Some(runs) = args.next() {
        options.runs = runs.parse()?;
    }
    let report = growth::run(&options, &mut |line| eprintln!("{line}"))?;
    eprintln!("Built the demo journal in {:.1} s.", report.build_s);
    println!("{}", report.table());
    Ok(())
}
