//! The development plan from the desktop: the actions listed, planned from a
//! reflection, closed with a note, opened again, changed and removed. Thin adapters
//! over the engine's `actions` module.

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use tauri::State;
use waymark_journal::EntryId;
use waymark_journal::actions::{
    Action, ActionDraft, ActionFilter, ActionId, ActionStatus, QuarterDone,
};

/// The plan: every action (open ones first, soonest due first), or one reflection's.
#[tauri::command]
pub async fn actions(
    state: State<'_, AppState>,
    entry: Option<EntryId>,
) -> Result<Vec<Action>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.actions(&ActionFilter {
            entry,
            ..ActionFilter::default()
        })?)
    })
    .await
}

/// Plans an action from the reflection `entry`, from its box `field` or as a whole.
#[tauri::command]
pub async fn add_action(
    state: State<'_, AppState>,
    entry: EntryId,
    field: Option<String>,
    draft: ActionDraft,
) -> Result<Action, AppError> {
    on_journal(&state, move |j| {
        Ok(j.add_action(entry, field.as_deref(), draft)?)
    })
    .await
}

/// Changes what an action says, its date or its items.
#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    id: ActionId,
    draft: ActionDraft,
) -> Result<Action, AppError> {
    on_journal(&state, move |j| Ok(j.update_action(id, draft)?)).await
}

/// Closes an action as done or dropped with a note, or opens it again.
#[tauri::command]
pub async fn set_action_status(
    state: State<'_, AppState>,
    id: ActionId,
    status: ActionStatus,
    note: Option<String>,
) -> Result<Action, AppError> {
    on_journal(&state, move |j| {
        Ok(j.set_action_status(id, status, note.as_deref())?)
    })
    .await
}

/// Takes an action out of the plan for good.
#[tauri::command]
pub async fn delete_action(state: State<'_, AppState>, id: ActionId) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.delete_action(id)?)).await
}

/// Actions done per quarter, per theme, for Growth.
#[tauri::command]
pub async fn actions_done_by_quarter(
    state: State<'_, AppState>,
) -> Result<Vec<QuarterDone>, AppError> {
    on_journal(&state, move |j| Ok(j.actions_done_by_quarter()?)).await
}
