//! The development plan: `waymark actions` lists it, `waymark action add|done|drop|
//! reopen|edit|remove` changes it. Actions are named by their short number.

use crate::entry_cmd::parse_date;
use anyhow::{Result, bail};
use chrono::{Local, NaiveDate};
use clap::{Args, Subcommand};
use waymark_journal::Journal;
use waymark_journal::actions::{Action, ActionDraft, ActionFilter, ActionStatus};
use waymark_journal::framework::{TagId, lpc};

/// Arguments of `waymark actions`.
#[derive(Debug, Args)]
pub struct ActionsArgs {
    /// Only open actions due by today (overdue ones included).
    #[arg(long, conflicts_with = "all")]
    due: bool,
    /// Done and dropped actions too (default: open ones only).
    #[arg(long)]
    all: bool,
    /// Only the actions of this reflection (id or unique prefix).
    #[arg(long, value_name = "ID")]
    entry: Option<String>,
    /// How many actions were done each quarter, and under which themes.
    #[arg(long, conflicts_with_all = ["due", "all", "entry"])]
    by_quarter: bool,
    /// Print JSON: a list of actions, each with "number", "text", "due", "tags",
    /// "status", "note", "entry_id", "entry_title", "field", "overdue".
    #[arg(long)]
    json: bool,
}

/// Arguments of `waymark action`.
#[derive(Debug, Args)]
pub struct ActionArgs {
    #[command(subcommand)]
    command: ActionCommand,
}

#[derive(Debug, Subcommand)]
enum ActionCommand {
    /// Plan an action from a reflection: from its "what next" box (Now what?, Action
    /// plan, How did you change…) with --from-box, or from the reflection as a whole.
    Add {
        /// The reflection it grows out of (id or unique prefix).
        entry: String,
        /// What you will do.
        text: String,
        /// Do it by: YYYY-MM-DD, or in words (friday, "3 days ago"…).
        #[arg(long, value_parser = parse_date)]
        due: Option<NaiveDate>,
        /// A framework item it serves (any words a tag takes). Repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// It comes from the reflection's "what next" box.
        #[arg(long)]
        from_box: bool,
        /// Print the action as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Mark an action done, with a note of how it went.
    Done(CloseArgs),
    /// Drop an action on purpose, with a note of why.
    Drop(CloseArgs),
    /// Open a done or dropped action again.
    Reopen(NumberArg),
    /// Change what an action says, its date or its items.
    Edit {
        /// The action's number.
        number: u32,
        /// What you will do instead.
        #[arg(long)]
        text: Option<String>,
        /// A new date to do it by.
        #[arg(long, value_parser = parse_date, conflicts_with = "no_due")]
        due: Option<NaiveDate>,
        /// No date to do it by.
        #[arg(long)]
        no_due: bool,
        /// Its framework items instead of the ones it has (repeat for more).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Print the action as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take an action out of the plan for good.
    Remove(NumberArg),
}

#[derive(Debug, Args)]
struct CloseArgs {
    /// The action's number (`waymark actions` lists them).
    number: u32,
    /// How it went, or why it was dropped.
    #[arg(long)]
    note: Option<String>,
    /// Print the action as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
struct NumberArg {
    /// The action's number (`waymark actions --all` lists them).
    number: u32,
    /// Print the action as JSON.
    #[arg(long)]
    json: bool,
}

/// An action as `--json` prints it: the engine's action and whether it is overdue.
fn to_json(action: &Action, today: NaiveDate) -> serde_json::Value {
    let mut value = serde_json::to_value(action).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("overdue".into(), action.overdue(today).into());
    }
    value
}

/// One line (and its note) of the plan as a person reads it.
fn line(action: &Action, today: NaiveDate) -> String {
    let when = match (action.status, action.draft.due) {
        (ActionStatus::Open, Some(due)) if action.overdue(today) => format!("overdue since {due}"),
        (ActionStatus::Open, Some(due)) => format!("by {due}"),
        (ActionStatus::Open, None) => "no date".to_owned(),
        (status, _) => status.to_string(),
    };
    let fw = lpc();
    let tags: Vec<String> = action
        .draft
        .tags
        .iter()
        .map(|t| {
            fw.item(t.as_str())
                .map_or_else(|| t.to_string(), |i| i.label().to_owned())
        })
        .collect();
    let mut out = format!(
        "{:>3}  {}  [{when}]\n     from: {}",
        action.number, action.draft.text, action.entry_title
    );
    if !tags.is_empty() {
        out.push_str(&format!("  · {}", tags.join(", ")));
    }
    if let Some(note) = &action.note {
        out.push_str(&format!("\n     note: {note}"));
    }
    out
}

fn tag_ids(tags: Vec<String>) -> Vec<TagId> {
    tags.into_iter().map(TagId).collect()
}

/// Runs `waymark actions`.
pub fn list(journal: &Journal, args: ActionsArgs) -> Result<()> {
    if args.by_quarter {
        return by_quarter(journal, args.json);
    }
    let today = Local::now().date_naive();
    let filter = ActionFilter {
        open_only: !args.all,
        due_by: args.due.then_some(today),
        entry: args.entry.map(|e| journal.resolve_id(&e)).transpose()?,
    };
    let actions = journal.actions(&filter)?;
    if args.json {
        let list: Vec<serde_json::Value> = actions.iter().map(|a| to_json(a, today)).collect();
        return crate::output::print_json(&list);
    }
    if actions.is_empty() {
        tell!(
            "{}",
            if args.due {
                "Nothing is due: no open action has a date on or before today."
            } else if args.all {
                "No actions yet: `waymark action add ENTRY \"what you will do\"` plans one."
            } else {
                "No open actions: `waymark action add ENTRY \"what you will do\"` plans one."
            }
        );
        return Ok(());
    }
    for action in &actions {
        say!("{}", line(action, today))?;
    }
    Ok(())
}

/// `waymark actions --by-quarter`: actions done per quarter, per theme.
fn by_quarter(journal: &Journal, json: bool) -> Result<()> {
    let quarters = journal.actions_done_by_quarter()?;
    if json {
        return crate::output::print_json(&quarters);
    }
    if quarters.is_empty() {
        tell!("No action is done yet: `waymark action done N` marks one.");
        return Ok(());
    }
    let fw = lpc();
    for q in &quarters {
        let themes: Vec<String> = q
            .themes
            .iter()
            .map(|t| {
                let name = fw
                    .theme(&t.theme)
                    .map_or(t.theme.as_str(), |th| th.name.as_str());
                format!("{name} {}", t.count)
            })
            .collect();
        say!(
            "{}  {} done{}",
            q.quarter,
            q.done,
            if themes.is_empty() {
                String::new()
            } else {
                format!(": {}", themes.join(", "))
            }
        )?;
    }
    Ok(())
}

/// Runs `waymark action …`.
pub fn run(journal: &Journal, args: ActionArgs) -> Result<()> {
    let today = Local::now().date_naive();
    let (action, said, json) = match args.command {
        ActionCommand::Add {
            entry,
            text,
            due,
            tags,
            from_box,
            json,
        } => {
            let entry = journal.resolve_id(&entry)?;
            let field = if from_box {
                let template = journal.get(entry)?.draft.template;
                match template.action_field() {
                    Some(key) => Some(key),
                    None => bail!(
                        "a {} reflection has no \"what next\" box; leave out --from-box to plan from the reflection as a whole",
                        template.short_name()
                    ),
                }
            } else {
                None
            };
            let draft = ActionDraft {
                text,
                due,
                tags: tag_ids(tags),
            };
            let action = journal.add_action(entry, field, draft)?;
            let said = format!("planned action {}: {}", action.number, action.draft.text);
            (action, said, json)
        }
        ActionCommand::Done(close) => close_as(journal, close, ActionStatus::Done)?,
        ActionCommand::Drop(close) => close_as(journal, close, ActionStatus::Dropped)?,
        ActionCommand::Reopen(NumberArg { number, json }) => {
            let id = journal.action_numbered(number)?.id;
            let action = journal.set_action_status(id, ActionStatus::Open, None)?;
            (action, format!("action {number} is open again"), json)
        }
        ActionCommand::Edit {
            number,
            text,
            due,
            no_due,
            tags,
            json,
        } => {
            let before = journal.action_numbered(number)?;
            let draft = ActionDraft {
                text: text.unwrap_or_else(|| before.draft.text.clone()),
                due: if no_due {
                    None
                } else {
                    due.or(before.draft.due)
                },
                tags: if tags.is_empty() {
                    before.draft.tags.clone()
                } else {
                    tag_ids(tags)
                },
            };
            let action = journal.update_action(before.id, draft)?;
            let said = if action.draft == before.draft {
                format!("action {number} already says that; nothing changed")
            } else {
                format!("changed action {number}")
            };
            (action, said, json)
        }
        ActionCommand::Remove(NumberArg { number, json }) => {
            let action = journal.action_numbered(number)?;
            journal.delete_action(action.id)?;
            let said = format!("removed action {number}: {}", action.draft.text);
            (action, said, json)
        }
    };
    crate::output::report(json, &said, &to_json(&action, today))
}

fn close_as(
    journal: &Journal,
    close: CloseArgs,
    status: ActionStatus,
) -> Result<(Action, String, bool)> {
    let id = journal.action_numbered(close.number)?.id;
    let action = journal.set_action_status(id, status, close.note.as_deref())?;
    let said = format!(
        "action {} is {status}: {}",
        action.number, action.draft.text
    );
    Ok((action, said, close.json))
}
