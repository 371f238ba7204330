//! `waymark growth` and `waymark neglected`: how reflection on the framework grows.

use crate::entry_cmd::parse_date;
use crate::output::print_json;
use anyhow::Result;
use chrono::{Local, NaiveDate};
use clap::Args;
use std::io::Write;
use waymark_journal::Journal;
use waymark_journal::framework::lpc;
use waymark_journal::stats::{GrowthOptions, GrowthSpan, Period};

/// Arguments of `waymark growth`.
#[derive(Debug, Args)]
pub struct GrowthArgs {
    /// week, month or quarter.
    #[arg(long, default_value = "month", value_parser = |s: &str| s.parse::<Period>().map_err(|e| e.to_string()))]
    by: Period,
    /// 12m, 3y or all: the periods ending today, as the app's Growth view shows them,
    /// each with the reflections written in it.
    #[arg(long, conflicts_with_all = ["from", "to"], value_parser = |s: &str| s.parse::<GrowthSpan>().map_err(|e| e.to_string()))]
    last: Option<GrowthSpan>,
    /// First day to count, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Last day to count, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// With --last: count as if today were this day, YYYY-MM-DD (to see an appraisal
    /// year as it stood at its end).
    #[arg(long, requires = "last", value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// Print JSON: a list of { "period", "item", "kind", "count" } (with --last, the
    /// whole overview: { "periods", "points", "activity", "quiet", "days", "streaks", … }).
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark neglected`.
#[derive(Debug, Args)]
pub struct NeglectedArgs {
    /// Items not reflected on for at least this many days.
    #[arg(long, default_value_t = 90)]
    days: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn label(id: &str) -> String {
    lpc()
        .item(id)
        .map_or_else(|| id.to_owned(), |i| i.label().to_owned())
}

/// Runs `waymark growth`.
pub fn growth(journal: &Journal, args: GrowthArgs) -> Result<()> {
    if let Some(span) = args.last {
        let today = args.today.unwrap_or_else(|| Local::now().date_naive());
        return growth_over(journal, args.by, span, today, args.json);
    }
    let points = journal.growth(args.by, args.from, args.to)?;
    if args.json {
        return print_json(&points);
    }
    let mut out = crate::output::stdout();
    if points.is_empty() {
        tell!("No tagged reflections in that range.");
    }
    let mut period = "";
    for p in &points {
        if p.period != period {
            writeln!(out, "\n{}", p.period)?;
            period = &p.period;
        }
        writeln!(out, "  {:>4}  {:<9}  {}", p.count, p.kind, label(&p.item))?;
    }
    Ok(())
}

/// Runs `waymark growth --last`: every period of the span, with the reflections written
/// in it (each once) and then its items, from the engine call the app's Growth view makes.
fn growth_over(
    journal: &Journal,
    by: Period,
    span: GrowthSpan,
    today: NaiveDate,
    json: bool,
) -> Result<()> {
    let options = GrowthOptions {
        by,
        span,
        ..GrowthOptions::default()
    };
    let overview = journal.growth_overview(&options, today)?;
    if json {
        return print_json(&overview);
    }
    let mut out = crate::output::stdout();
    let written: u32 = overview.periods.iter().map(|p| p.written).sum();
    writeln!(
        out,
        "{written} reflections written from {} to {}.",
        overview.from, overview.to
    )?;
    for period in &overview.periods {
        let noun = if period.written == 1 {
            "reflection"
        } else {
            "reflections"
        };
        writeln!(out, "\n{}  ({} {noun})", period.period, period.written)?;
        for p in overview.points.iter().filter(|p| p.period == period.period) {
            writeln!(out, "  {:>4}  {:<9}  {}", p.count, p.kind, label(&p.item))?;
        }
    }
    Ok(())
}

/// Runs `waymark neglected`.
pub fn neglected(journal: &Journal, args: NeglectedArgs) -> Result<()> {
    let items = journal.neglected(args.days, Local::now().date_naive())?;
    if args.json {
        return print_json(&items);
    }
    let mut out = crate::output::stdout();
    if items.is_empty() {
        tell!(
            "You have reflected on every part of the framework in the last {} days.",
            args.days
        );
    }
    for item in items {
        let when = item
            .last
            .map_or_else(|| "never".to_owned(), |d| format!("last {d}"));
        writeln!(
            out,
            "{:<13} {:<9}  {}  [{}]",
            when, item.kind, item.label, item.item
        )?;
    }
    Ok(())
}
