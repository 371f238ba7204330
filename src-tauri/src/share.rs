//! Sharing with a coach: identity, contacts, comments and `.waymark` bundles.
//!
//! Thin adapters over the engine's `share` module; bundles are read and written
//! through native dialogs opened here, so the webview needs no file access.

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use crate::transfer::{dialog, into_path};
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;
use waymark_journal::EntryId;
use waymark_journal::share::{
    Comment, Contact, IdentityInfo, NewComment, ReceiveReport, ShareContent, ShareFields,
    ShareReport,
};

/// A comment with its text as sanitised HTML from the engine's renderer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CommentView {
    /// The comment.
    pub comment: Comment,
    /// Its text through `Comment::to_html` (sanitised).
    pub html: String,
}

impl From<Comment> for CommentView {
    fn from(comment: Comment) -> Self {
        let html = comment.to_html();
        CommentView { comment, html }
    }
}

/// This journal's name, share code and fingerprint (made on first use).
#[tauri::command]
pub async fn identity(state: State<'_, AppState>) -> Result<IdentityInfo, AppError> {
    on_journal(&state, |j| Ok(j.identity()?)).await
}

/// Changes the name others see in this journal's share code.
#[tauri::command]
pub async fn set_identity_name(
    state: State<'_, AppState>,
    name: String,
) -> Result<IdentityInfo, AppError> {
    on_journal(&state, move |j| Ok(j.set_identity_name(&name)?)).await
}

/// Everyone this journal exchanges bundles with.
#[tauri::command]
pub async fn contacts(state: State<'_, AppState>) -> Result<Vec<Contact>, AppError> {
    on_journal(&state, |j| Ok(j.contacts()?)).await
}

/// Adds a contact from their share code, under `name` or the name in the code.
#[tauri::command]
pub async fn add_contact(
    state: State<'_, AppState>,
    code: String,
    name: Option<String>,
) -> Result<Contact, AppError> {
    let name = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    on_journal(&state, move |j| Ok(j.add_contact(&code, name.as_deref())?)).await
}

/// Removes a contact.
#[tauri::command]
pub async fn remove_contact(state: State<'_, AppState>, name: String) -> Result<Contact, AppError> {
    on_journal(&state, move |j| Ok(j.remove_contact(&name)?)).await
}

/// An entry's comments, oldest first, each with its sanitised HTML.
#[tauri::command]
pub async fn entry_comments(
    state: State<'_, AppState>,
    id: EntryId,
) -> Result<Vec<CommentView>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.comments(id)?.into_iter().map(CommentView::from).collect())
    })
    .await
}

/// Writes a comment (or a reply) as this journal's owner.
#[tauri::command]
pub async fn add_comment(
    state: State<'_, AppState>,
    id: EntryId,
    comment: NewComment,
) -> Result<CommentView, AppError> {
    on_journal(&state, move |j| Ok(j.add_comment(id, comment)?.into())).await
}

/// Exactly what sharing these entries with `to` would send.
#[tauri::command]
pub async fn share_preview(
    state: State<'_, AppState>,
    to: String,
    ids: Vec<EntryId>,
    fields: ShareFields,
) -> Result<ShareContent, AppError> {
    on_journal(&state, move |j| Ok(j.share_preview(&to, &ids, &fields)?)).await
}

/// Asks where to save, then writes a bundle of these entries for `to`.
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn share_entries(
    app: AppHandle,
    state: State<'_, AppState>,
    to: String,
    ids: Vec<EntryId>,
    fields: ShareFields,
) -> Result<Option<ShareReport>, AppError> {
    let today = chrono::Local::now().date_naive();
    on_journal(&state, move |j| {
        // Refuse before asking where to save when there is nothing to send.
        j.share_preview(&to, &ids, &fields)?;
        let chosen = dialog(&app, &format!("Save the bundle for {to}"))
            .add_filter("Waymark bundle", &["waymark"])
            .set_file_name(format!("waymark-for-{to}-{today}.waymark"))
            .blocking_save_file();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        Ok(Some(j.share(&to, &ids, &fields, &path)?))
    })
    .await
}

/// Asks for a `.waymark` file, then receives it (checked in full before anything is
/// written). `None` when the leader cancelled.
#[tauri::command]
pub async fn receive_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ReceiveReport>, AppError> {
    on_journal(&state, move |j| {
        let Some(chosen) = dialog(&app, "Receive a Waymark bundle")
            .add_filter("Waymark bundle", &["waymark"])
            .blocking_pick_file()
        else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        Ok(Some(j.receive(&path)?))
    })
    .await
}
