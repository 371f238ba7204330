//! `waymark framework`: print the framework as a tree or JSON, and find items in it.

use crate::output::NothingMatched;
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use std::io::Write;
use waymark_framework::{Framework, lpc};

/// Arguments of `waymark framework`.
#[derive(Debug, Args)]
pub struct FrameworkArgs {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    action: Option<FrameworkAction>,
}

#[derive(Debug, Subcommand)]
enum FrameworkAction {
    /// List the themes, behaviours and qualities matching TEXT, best first.
    #[command(after_help = crate::output::MATCH_STATUS)]
    Find {
        /// Words to look for, such as "hosting" or "sharing power".
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
        /// Show at most this many matches.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

/// Runs `waymark framework`.
pub fn run(args: FrameworkArgs) -> Result<()> {
    let framework = lpc();
    let mut out = crate::output::stdout();
    match args.action {
        None if args.json => {
            serde_json::to_writer_pretty(&mut out, framework)?;
            writeln!(out)?;
        }
        None => write_tree(&mut out, framework)?,
        Some(FrameworkAction::Find { text, limit }) => {
            let text = text.join(" ");
            if text.trim().is_empty() {
                bail!("give some words to find, for example: waymark framework find hosting");
            }
            let found = framework.find(&text, limit);
            if args.json {
                let list: Vec<serde_json::Value> = found
                    .iter()
                    .map(|m| {
                        serde_json::json!({
                            "id": m.id, "kind": m.kind, "label": m.label,
                            "theme": m.theme, "score": m.score,
                        })
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut out, &list)?;
                writeln!(out)?;
            } else {
                for m in &found {
                    writeln!(out, "{:<38} {:<10} {}", m.id, m.kind, m.label)?;
                }
            }
            // As `search`: exit status 1, the JSON reader having had its `[]`.
            if found.is_empty() {
                let said = (!args.json).then(|| {
                    format!("nothing in the framework matches '{text}'; try `waymark framework` to browse it")
                });
                return Err(NothingMatched(said).into());
            }
        }
    }
    Ok(())
}

/// Prints the framework as an indented tree, themes in document order.
fn write_tree(out: &mut impl Write, f: &Framework) -> Result<()> {
    writeln!(out, "{} ({})", f.name, f.publisher)?;
    for theme in &f.themes {
        writeln!(out, "\n{}  [{}]", theme.name.to_uppercase(), theme.id)?;
        writeln!(out, "  {}", theme.meaning)?;
        writeln!(out, "  Systems leadership behaviours")?;
        for b in f.behaviours_of(theme.id.as_str()) {
            writeln!(out, "    • {}  [{}]", b.name, b.id)?;
            writeln!(out, "      {}", b.description)?;
        }
        writeln!(out, "  Qualities for personalised care")?;
        for q in f.qualities_of(theme.id.as_str()) {
            writeln!(out, "    • {}  [{}]", q.label, q.id)?;
            writeln!(out, "      {}", q.statement)?;
        }
    }
    writeln!(out, "\nComponents of personalised care")?;
    for c in &f.components {
        writeln!(out, "  • {}  [{}]", c.name, c.id)?;
    }
    writeln!(out, "\nShifts named in the introduction")?;
    for s in &f.shifts {
        writeln!(out, "  • {} – {}  [{}]", s.name, s.description, s.id)?;
    }
    Ok(())
}
