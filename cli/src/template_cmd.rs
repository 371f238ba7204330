//! `waymark template`: the templates a reflection can follow, and their boxes.

use anyhow::Result;
use clap::{Args, Subcommand};
use std::io::Write;
use waymark_journal::{CodeTheme, Template};

/// Arguments of `waymark template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    action: Option<TemplateAction>,
}

#[derive(Debug, Subcommand)]
enum TemplateAction {
    /// List every template with its boxes' names (the default).
    List,
    /// Show one template: each box's name (for --field NAME=TEXT), question and prompt.
    Show {
        /// The template: rolfe, gibbs, nmc, what-why-how, what-next or free.
        #[arg(value_parser = |s: &str| s.parse::<Template>().map_err(|e| e.to_string()))]
        template: Template,
    },
}

/// A template as `--json` prints it.
fn template_json(t: Template) -> serde_json::Value {
    serde_json::json!({
        "template": t,
        "title": t.title(),
        "fields": t.fields(),
        "code_field": t.code_field(),
        "code_themes": if t.asks_code_themes() {
            CodeTheme::ALL
                .iter()
                .map(|c| serde_json::json!({ "id": c, "name": c.name() }))
                .collect()
        } else {
            Vec::new()
        },
    })
}

/// Runs `waymark template`.
pub fn run(args: TemplateArgs) -> Result<()> {
    let mut out = crate::output::stdout();
    match args.action.unwrap_or(TemplateAction::List) {
        TemplateAction::List if args.json => {
            let all: Vec<serde_json::Value> =
                Template::ALL.into_iter().map(template_json).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        TemplateAction::List => {
            for t in Template::ALL {
                let keys: Vec<&str> = t.fields().iter().map(|f| f.key).collect();
                let boxes = if keys.is_empty() {
                    "the body only".to_owned()
                } else {
                    keys.join(", ")
                };
                writeln!(
                    out,
                    "{:<13} {}\n              boxes: {boxes}",
                    t.as_str(),
                    t.title()
                )?;
            }
        }
        TemplateAction::Show { template } if args.json => {
            serde_json::to_writer_pretty(&mut out, &template_json(template))?;
            writeln!(out)?;
        }
        TemplateAction::Show { template } => {
            writeln!(out, "{}  [{}]", template.title(), template.as_str())?;
            if template.fields().is_empty() {
                writeln!(
                    out,
                    "  Free writing has no boxes: the reflection is its body."
                )?;
            }
            for field in template.fields() {
                writeln!(out, "\n  {}  (--field {}=…)", field.label, field.key)?;
                writeln!(out, "  {}", field.prompt)?;
                if template.code_field() == Some(field.key) {
                    writeln!(out, "  The Code's themes, chosen with --code:")?;
                    for theme in CodeTheme::ALL {
                        writeln!(out, "    • {}  [{}]", theme.name(), theme.as_str())?;
                    }
                }
            }
        }
    }
    Ok(())
}
