//! The development plan: actions that grow out of a reflection (its "Now what?", Gibbs's
//! "Action plan", the NMC account's "How did you change…" box, or the reflection as a
//! whole), each with the framework items it serves, a date to do it by and where it
//! stands; closed as done or dropped with a note of how it went.
//!
//! Actions are kept beside the entries, not inside them: closing one is not an edit
//! of the reflection and makes no new version of it.

use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::limits::MAX_TITLE_CHARS;
use crate::model::EntryId;
use crate::validate::{canonical_tag, check_date, check_text};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;
use ts_rs::TS;
use uuid::Uuid;
use waymark_framework::TagId;

/// The longest note that closes an action, in characters.
pub const MAX_ACTION_NOTE_CHARS: usize = 2_000;

/// Id of an action: a UUIDv7, so it keeps one name wherever it travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export, type = "string")]
pub struct ActionId(pub Uuid);

impl ActionId {
    /// A fresh, time-ordered id.
    pub fn new() -> ActionId {
        ActionId(Uuid::now_v7())
    }
}

impl Default for ActionId {
    fn default() -> Self {
        ActionId::new()
    }
}

impl fmt::Display for ActionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for ActionId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(ActionId)
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ActionStatus {
    /// Still to do.
    Open,
    /// Done.
    Done,
    /// Let go of, on purpose.
    Dropped,
}

impl ActionStatus {
    /// The word stored and typed: `open`, `done`, `dropped`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<ActionStatus> {
        match text {
            "open" => Some(ActionStatus::Open),
            "done" => Some(ActionStatus::Done),
            "dropped" => Some(ActionStatus::Dropped),
            _ => None,
        }
    }
}

impl fmt::Display for ActionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An action as the leader writes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionDraft {
    /// What to do, in a sentence or two.
    pub text: String,
    /// The day to do it by, if there is one.
    #[ts(type = "string | null")]
    pub due: Option<NaiveDate>,
    /// The framework items it serves (any words a tag takes), in order.
    #[ts(type = "string[]")]
    pub tags: Vec<TagId>,
}

/// An action in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Action {
    /// Its id.
    pub id: ActionId,
    /// The short number a person types (`waymark action done 3`), never reused.
    pub number: u32,
    /// The reflection it grew out of.
    pub entry_id: EntryId,
    /// That reflection's title.
    pub entry_title: String,
    /// The box it came from (`now-what`, `action-plan`, `change`…), or none when it
    /// came from the reflection as a whole.
    pub field: Option<String>,
    /// What to do, when and why.
    #[serde(flatten)]
    #[ts(flatten)]
    pub draft: ActionDraft,
    /// Where it stands.
    pub status: ActionStatus,
    /// How it went, said when it was closed.
    pub note: Option<String>,
    /// When it was made (UTC).
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    /// When it was done or dropped (UTC); none while open.
    #[ts(type = "string | null")]
    pub closed_at: Option<DateTime<Utc>>,
}

impl Action {
    /// Whether it is open and its day has passed by `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.draft.due.is_some_and(|due| due < today)
    }
}

/// Which actions to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActionFilter {
    /// Only open actions.
    pub open_only: bool,
    /// Only open actions due on or before this day.
    pub due_by: Option<NaiveDate>,
    /// Only the actions of this reflection.
    pub entry: Option<EntryId>,
}

/// How many actions were done in one quarter, in all and per theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuarterDone {
    /// The quarter, labelled like `2026-Q2`.
    pub quarter: String,
    /// Actions done in it.
    pub done: usize,
    /// Of those, how many serve each theme (an action counts once for each theme its
    /// items lead to), in the framework's order; themes with none are left out.
    pub themes: Vec<ThemeCount>,
}

/// A theme and a count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ThemeCount {
    /// The theme's id.
    pub theme: String,
    /// How many.
    pub count: usize,
}

/// Why an action could not be made or changed, in words a leader can act on.
#[derive(Debug, Error)]
pub enum ActionError {
    /// No text.
    #[error("an action needs a few words saying what you will do")]
    EmptyText,
    /// Too long for an action.
    #[error(
        "an action is {chars} characters long; keep it to {max} (write the detail in the reflection)"
    )]
    TextTooLong {
        /// Its length.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// The closing note is too long.
    #[error("the note is {chars} characters long; keep it to {max}")]
    NoteTooLong {
        /// Its length.
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// The box named is not one the reflection's template turns into actions.
    #[error(
        "the '{field}' box of a {template} reflection is not where actions come from; use {allowed}, or make the action from the reflection as a whole"
    )]
    NotAnActionBox {
        /// The box named.
        field: String,
        /// The reflection's template, by name.
        template: String,
        /// The box it has for actions, or "none".
        allowed: String,
    },
    /// No action has that number or id.
    #[error("there is no action {0}; `waymark actions --all` lists them with their numbers")]
    NoSuchAction(String),
    /// The reflection is in the bin.
    #[error("that reflection is in the bin; restore it to plan from it")]
    EntryInBin,
}

impl Journal {
    /// Adds an action to the plan from the reflection `entry` (from its box `field`, or
    /// from the reflection as a whole); returns it as saved.
    pub fn add_action(
        &self,
        entry: EntryId,
        field: Option<&str>,
        draft: ActionDraft,
    ) -> Result<Action> {
        let draft = checked(draft)?;
        let reflection = self.get(entry)?;
        if reflection.deleted_at.is_some() {
            return Err(ActionError::EntryInBin.into());
        }
        let template = reflection.draft.template;
        let field = match field.map(str::trim).filter(|f| !f.is_empty()) {
            None => None,
            Some(key) if template.action_field() == Some(key) => Some(key.to_owned()),
            Some(key) => {
                return Err(ActionError::NotAnActionBox {
                    field: key.chars().take(60).collect(),
                    template: template.short_name().to_owned(),
                    allowed: template
                        .action_field()
                        .map_or_else(|| "none".to_owned(), |k| format!("'{k}'")),
                }
                .into());
            }
        };
        let id = ActionId::new();
        let now = crate::store::now();
        self.store
            .write_other(|tx| tx.insert_action(id, entry, field.as_deref(), &draft, &now))?;
        self.action(id)
    }

    /// Changes what an action says, its date or its items; its status stays.
    pub fn update_action(&self, id: ActionId, draft: ActionDraft) -> Result<Action> {
        let draft = checked(draft)?;
        let now = crate::store::now();
        if !self
            .store
            .write_other(|tx| tx.update_action(id, &draft, &now))?
        {
            return Err(ActionError::NoSuchAction(id.to_string()).into());
        }
        self.action(id)
    }

    /// Closes an action as done or dropped with an optional note of how it went, or
    /// (with [`ActionStatus::Open`]) opens it again, its note cleared.
    pub fn set_action_status(
        &self,
        id: ActionId,
        status: ActionStatus,
        note: Option<&str>,
    ) -> Result<Action> {
        let note = match (status, note.map(str::trim).filter(|n| !n.is_empty())) {
            (ActionStatus::Open, _) | (_, None) => None,
            (_, Some(note)) => {
                check_text("note", note)?;
                let chars = note.chars().count();
                if chars > MAX_ACTION_NOTE_CHARS {
                    return Err(ActionError::NoteTooLong {
                        chars,
                        max: MAX_ACTION_NOTE_CHARS,
                    }
                    .into());
                }
                Some(note.to_owned())
            }
        };
        let now = crate::store::now();
        if !self
            .store
            .write_other(|tx| tx.set_action_status(id, status, note.as_deref(), &now))?
        {
            return Err(ActionError::NoSuchAction(id.to_string()).into());
        }
        self.action(id)
    }

    /// Takes an action out of the plan for good.
    pub fn delete_action(&self, id: ActionId) -> Result<()> {
        if !self.store.write_other(|tx| tx.delete_action(id))? {
            return Err(ActionError::NoSuchAction(id.to_string()).into());
        }
        Ok(())
    }

    /// One action.
    pub fn action(&self, id: ActionId) -> Result<Action> {
        self.store
            .read(|r| r.action(id))?
            .ok_or_else(|| ActionError::NoSuchAction(id.to_string()).into())
    }

    /// The action with the short number a person typed.
    pub fn action_numbered(&self, number: u32) -> Result<Action> {
        self.store
            .read(|r| r.action_numbered(number))?
            .ok_or_else(|| ActionError::NoSuchAction(number.to_string()).into())
    }

    /// The plan: open actions first, soonest due first (those without a date last),
    /// then closed ones, most recently closed first. Actions of reflections in the bin
    /// are left out.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        let mut actions = self.store.read(|r| r.actions(filter.entry))?;
        actions.retain(|a| {
            let open = a.status == ActionStatus::Open;
            (!filter.open_only || open)
                && filter
                    .due_by
                    .is_none_or(|by| open && a.draft.due.is_some_and(|d| d <= by))
        });
        actions.sort_by(|a, b| {
            let open = |x: &Action| x.status != ActionStatus::Open;
            open(a)
                .cmp(&open(b))
                .then_with(|| match (a.draft.due, b.draft.due) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| b.closed_at.cmp(&a.closed_at))
                .then_with(|| a.number.cmp(&b.number))
        });
        Ok(actions)
    }
}

impl Journal {
    /// Actions done per quarter, oldest quarter first, each counted in the quarter it
    /// was closed (by the computer's calendar) and under the themes its items lead to:
    /// what Growth shows beside the reflections.
    pub fn actions_done_by_quarter(&self) -> Result<Vec<QuarterDone>> {
        let fw = waymark_framework::lpc();
        let mut quarters: std::collections::BTreeMap<String, (usize, Vec<usize>)> =
            std::collections::BTreeMap::new();
        for action in self.store.read(|r| r.actions(None))? {
            let (ActionStatus::Done, Some(closed)) = (action.status, action.closed_at) else {
                continue;
            };
            let day = closed.with_timezone(&chrono::Local).date_naive();
            let slot = quarters
                .entry(crate::stats::Period::Quarter.label(day))
                .or_insert_with(|| (0, vec![0; fw.themes.len()]));
            slot.0 += 1;
            let mut seen = Vec::new();
            for tag in &action.draft.tags {
                let Some(item) = fw.item(tag.as_str()) else {
                    continue;
                };
                let theme = item.theme().as_str();
                if seen.contains(&theme) {
                    continue;
                }
                seen.push(theme);
                if let Some(n) = fw
                    .themes
                    .iter()
                    .position(|t| t.id.as_str() == theme)
                    .and_then(|i| slot.1.get_mut(i))
                {
                    *n += 1;
                }
            }
        }
        Ok(quarters
            .into_iter()
            .map(|(quarter, (done, counts))| QuarterDone {
                quarter,
                done,
                themes: fw
                    .themes
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(t, count)| ThemeCount {
                        theme: t.id.as_str().to_owned(),
                        count,
                    })
                    .collect(),
            })
            .collect())
    }
}

/// The draft with its text trimmed and its tags made canonical, or why not.
fn checked(mut draft: ActionDraft) -> Result<ActionDraft> {
    let text = draft.text.trim().to_owned();
    if text.is_empty() {
        return Err(ActionError::EmptyText.into());
    }
    check_text("action", &text)?;
    let chars = text.chars().count();
    if chars > MAX_TITLE_CHARS {
        return Err(ActionError::TextTooLong {
            chars,
            max: MAX_TITLE_CHARS,
        }
        .into());
    }
    draft.text = text;
    if let Some(due) = draft.due {
        check_date(due)?;
    }
    let mut tags: Vec<TagId> = Vec::with_capacity(draft.tags.len());
    for tag in &draft.tags {
        let id = canonical_tag(tag.as_str())?;
        if !tags.contains(&id) {
            tags.push(id);
        }
    }
    draft.tags = tags;
    Ok(draft)
}

impl From<ActionError> for JournalError {
    fn from(e: ActionError) -> Self {
        JournalError::Action(e)
    }
}
