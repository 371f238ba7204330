//! Sharing with a coach: identity, contacts, comments and `.waymark` bundles.
//!
//! Thin adapters over the engine's `share` module; bundles are read and written
//! through native dialogs opened here, so the webview needs no file access.

use crate::error::AppError;
use crate::identifiers::{FindingToReview, to_review};
use crate::state::{AppState, on_journal};
use crate::transfer::{dialog, file_name_safe, into_path};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::PoisonError;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, State};
use tauri::{Emitter, Manager};
use ts_rs::TS;
use waymark_journal::EntryId;
use waymark_journal::share::{
    CoacheeResults, CoacheeSummary, Comment, CommentId, Contact, EntryShare, IdentityInfo,
    NewComment, ReceiveReport, ShareContent, ShareFields, ShareLogEntry, ShareReport, Unseen,
};
use waymark_journal::{Journal, SearchOptions};

/// The file extension of a bundle.
const BUNDLE_EXTENSION: &str = "waymark";
/// Event sent while a file is dragged over the window (`true`) or no longer (`false`).
pub const DRAG_EVENT: &str = "bundle-drag";
/// Event sent with the names of the files dropped on the window, so the page can ask
/// whether to receive them (see [`receive_dropped_files`]).
pub const DROP_EVENT: &str = "bundle-offered";

/// Event sent with a file's name when receiving it starts (after the leader chose or
/// agreed to it), so the page can offer to cancel.
pub const RECEIVING_EVENT: &str = "bundle-receiving";

/// Tells the page a file is being received; a page that misses it only misses the
/// Cancel button, so a failure is written to stderr and nothing more.
fn say_receiving(app: &AppHandle, path: &Path) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Err(e) = app.emit(RECEIVING_EVENT, name) {
        eprintln!("Waymark could not tell the window a bundle is being received: {e}");
    }
}

/// What became of one file dropped on the window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DroppedBundle {
    /// The file's name (without its folder).
    pub file: String,
    /// What receiving it did, when it was received.
    pub report: Option<ReceiveReport>,
    /// Why it was refused, when it was.
    pub error: Option<String>,
}

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
    coachee: Option<String>,
) -> Result<Vec<CommentView>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.comments_in(coachee.as_deref(), id)?
            .into_iter()
            .map(CommentView::from)
            .collect())
    })
    .await
}

/// What is new and not yet opened, by entry: among `coachee`'s shared entries, or this
/// journal's own when `None`.
#[tauri::command]
pub async fn unseen(
    state: State<'_, AppState>,
    coachee: Option<String>,
) -> Result<std::collections::BTreeMap<EntryId, Unseen>, AppError> {
    on_journal(&state, move |j| Ok(j.unseen_in(coachee.as_deref())?)).await
}

/// Marks an entry as opened: it and its comments are no longer new.
#[tauri::command]
pub async fn mark_seen(
    state: State<'_, AppState>,
    id: EntryId,
    coachee: Option<String>,
) -> Result<(), AppError> {
    on_journal(&state, move |j| Ok(j.mark_seen_in(coachee.as_deref(), id)?)).await
}

/// How many comments each entry of the journal shown has (only entries with some).
#[tauri::command]
pub async fn comment_counts(
    state: State<'_, AppState>,
) -> Result<std::collections::BTreeMap<EntryId, usize>, AppError> {
    on_journal(&state, |j| Ok(j.comment_counts()?)).await
}

/// Writes a comment (or a reply) as this journal's owner.
#[tauri::command]
pub async fn add_comment(
    state: State<'_, AppState>,
    id: EntryId,
    comment: NewComment,
    coachee: Option<String>,
) -> Result<CommentView, AppError> {
    on_journal(&state, move |j| {
        Ok(j.add_comment_in(coachee.as_deref(), id, comment)?.into())
    })
    .await
}

/// Replaces the text of a comment this journal's owner wrote; it goes with the next bundle.
#[tauri::command]
pub async fn edit_comment(
    state: State<'_, AppState>,
    id: CommentId,
    text: String,
) -> Result<CommentView, AppError> {
    on_journal(&state, move |j| Ok(j.edit_comment(id, &text)?.into())).await
}

/// Withdraws a comment this journal's owner wrote: its words are erased here and, with
/// the next bundle, wherever it went.
#[tauri::command]
pub async fn withdraw_comment(
    state: State<'_, AppState>,
    id: CommentId,
) -> Result<CommentView, AppError> {
    on_journal(&state, move |j| Ok(j.withdraw_comment(id)?.into())).await
}

/// Who an entry of this journal was shared with, and whether it was withdrawn from them.
#[tauri::command]
pub async fn entry_shares(
    state: State<'_, AppState>,
    id: EntryId,
) -> Result<Vec<EntryShare>, AppError> {
    on_journal(&state, move |j| Ok(j.entry_shares(id)?)).await
}

/// Asks where to save, then withdraws the entry from `from` and writes the bundle that
/// removes their copy. `None` when the leader cancelled (then nothing is withdrawn).
#[tauri::command]
pub async fn unshare_entry(
    app: AppHandle,
    state: State<'_, AppState>,
    id: EntryId,
    from: String,
) -> Result<Option<ShareReport>, AppError> {
    on_journal(&state, move |j| {
        let contact = j.contact(&from)?;
        let Some(path) = save_bundle_as(
            &app,
            &format!("Save the file for {}", contact.name),
            &format!("waymark-for-{}", contact.name),
        )?
        else {
            return Ok(None);
        };
        Ok(Some(j.withdraw_share(id, &contact.name, &path)?))
    })
    .await
}

/// Asks where to save a bundle, through the system's save dialog titled `title`,
/// suggesting `<stem>-<today>.waymark` (with the stem made safe as a file name: no
/// spaces); `None` when the person cancelled.
fn save_bundle_as(app: &AppHandle, title: &str, stem: &str) -> Result<Option<PathBuf>, AppError> {
    let today = chrono::Local::now().date_naive();
    let chosen = dialog(app, title)
        .add_filter("Waymark file", &[BUNDLE_EXTENSION])
        .set_file_name(format!(
            "{stem}-{today}.{BUNDLE_EXTENSION}",
            stem = file_name_safe(stem)
        ))
        .blocking_save_file();
    chosen.map(into_path).transpose()
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

/// Every detail that may identify someone in what sharing these entries with `to`
/// would send: the review step before the file is saved.
#[tauri::command]
pub async fn share_findings(
    state: State<'_, AppState>,
    to: String,
    ids: Vec<EntryId>,
    fields: ShareFields,
) -> Result<Vec<FindingToReview>, AppError> {
    on_journal(&state, move |j| {
        Ok(to_review(j.share_findings(&to, &ids, &fields)?))
    })
    .await
}

/// Asks where to save, then writes a bundle of these entries for `to`, with `redact`
/// every detail that may identify someone replaced in the copy (the journal keeps its
/// text). `None` when the leader cancelled.
#[tauri::command]
pub async fn share_entries(
    app: AppHandle,
    state: State<'_, AppState>,
    to: String,
    ids: Vec<EntryId>,
    fields: ShareFields,
    redact: bool,
) -> Result<Option<ShareReport>, AppError> {
    on_journal(&state, move |j| {
        // Refuse before asking where to save when there is nothing to send.
        j.share_preview(&to, &ids, &fields)?;
        let Some(path) = save_bundle_as(
            &app,
            &format!("Save the file for {to}"),
            &format!("waymark-for-{to}"),
        )?
        else {
            return Ok(None);
        };
        Ok(Some(j.share_with(&to, &ids, &fields, &path, redact)?))
    })
    .await
}

/// Asks where to save, then writes a feedback bundle for `to`: every comment written on
/// what they shared. `None` when the coach cancelled.
#[tauri::command]
pub async fn send_feedback(
    app: AppHandle,
    state: State<'_, AppState>,
    to: String,
) -> Result<Option<ShareReport>, AppError> {
    on_journal(&state, move |j| {
        let contact = j.contact(&to)?;
        let Some(path) = save_bundle_as(
            &app,
            &format!("Save the feedback for {}", contact.name),
            &format!("waymark-feedback-for-{}", contact.name),
        )?
        else {
            return Ok(None);
        };
        Ok(Some(j.feedback(&contact.name, &path)?))
    })
    .await
}

/// Every coachee (a leader who shared with this journal) with how much they shared.
#[tauri::command]
pub async fn coachees(state: State<'_, AppState>) -> Result<Vec<CoacheeSummary>, AppError> {
    on_journal(&state, |j| Ok(j.coachee_summaries()?)).await
}

/// What deleting a coachee's shared entries removed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeletedShared {
    /// Whose entries they were.
    pub name: String,
    /// How many entries went.
    pub entries: usize,
}

/// Deletes, for good, everything the coachee called `name` shared with this journal
/// and the comments written on it here; removes them from contacts if they still are.
#[tauri::command]
pub async fn delete_shared(
    state: State<'_, AppState>,
    name: String,
) -> Result<DeletedShared, AppError> {
    on_journal(&state, move |j| {
        let (coachee, entries) = j.delete_shared_by(&name)?;
        Ok(DeletedShared {
            name: coachee.name,
            entries,
        })
    })
    .await
}

/// Searches what coachees shared: the one called `only`, or all of them.
#[tauri::command]
pub async fn search_coachees(
    state: State<'_, AppState>,
    query: String,
    options: SearchOptions,
    only: Option<String>,
) -> Result<Vec<CoacheeResults>, AppError> {
    on_journal(&state, move |j| {
        Ok(j.search_coachees(&query, &options, only.as_deref())?)
    })
    .await
}

/// Every bundle sent or received, newest first.
#[tauri::command]
pub async fn share_log(state: State<'_, AppState>) -> Result<Vec<ShareLogEntry>, AppError> {
    on_journal(&state, |j| Ok(j.share_log()?)).await
}

/// Asks for a `.waymark` file, then receives it (checked in full before anything is
/// written). `None` when the leader cancelled.
#[tauri::command]
pub async fn receive_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ReceiveReport>, AppError> {
    let cancelled = Arc::clone(&state.receive_cancelled);
    on_journal(&state, move |j| {
        let Some(chosen) = dialog(&app, "Open a .waymark file someone sent you")
            .add_filter("Waymark file", &[BUNDLE_EXTENSION])
            .blocking_pick_file()
        else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        cancelled.store(false, Ordering::SeqCst);
        say_receiving(&app, &path);
        Ok(Some(j.receive_unless(&path, &|| {
            cancelled.load(Ordering::SeqCst)
        })?))
    })
    .await
}

/// The leader's Cancel while a bundle is being received: the receive stops before it
/// changes anything (once it is applying, it finishes: that is one transaction).
#[tauri::command]
pub fn cancel_receive(state: State<'_, AppState>) {
    state.receive_cancelled.store(true, Ordering::SeqCst);
}

/// Receives the files last dropped on the window once the leader said yes
/// (`receive`), or forgets them (`receive` false); off the UI thread.
#[tauri::command]
pub async fn receive_dropped_files(
    app: AppHandle,
    state: State<'_, AppState>,
    receive: bool,
) -> Result<Vec<DroppedBundle>, AppError> {
    let paths = std::mem::take(&mut *state.dropped.lock().unwrap_or_else(PoisonError::into_inner));
    if !receive || paths.is_empty() {
        return Ok(Vec::new());
    }
    let cancelled = Arc::clone(&state.receive_cancelled);
    cancelled.store(false, Ordering::SeqCst);
    on_journal(&state, move |j| {
        Ok(receive_dropped(j, &paths, &cancelled, &|path| {
            say_receiving(&app, path)
        }))
    })
    .await
}

/// Whether any of these paths is a bundle (for the "drop it here" hint).
pub fn any_bundle(paths: &[PathBuf]) -> bool {
    paths.iter().any(|p| is_bundle(p))
}

fn is_bundle(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(BUNDLE_EXTENSION))
}

/// Receives each dropped file that is a bundle, in order; any other file is refused
/// with a message saying what can be dropped. Once `cancelled` is set, the file being
/// received and every one after it are left unreceived, each saying so.
pub fn receive_dropped(
    journal: &Journal,
    paths: &[PathBuf],
    cancelled: &AtomicBool,
    starting: &dyn Fn(&Path),
) -> Vec<DroppedBundle> {
    paths
        .iter()
        .map(|path| {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            let outcome = if is_bundle(path) {
                starting(path);
                journal
                    .receive_unless(path, &|| cancelled.load(Ordering::SeqCst))
                    .map_err(|e| AppError::from(e).to_string())
            } else {
                Err(format!(
                    "{file} is not a Waymark bundle: only .waymark files can be dropped on the window"
                ))
            };
            match outcome {
                Ok(report) => DroppedBundle {
                    file,
                    report: Some(report),
                    error: None,
                },
                Err(error) => DroppedBundle {
                    file,
                    report: None,
                    error: Some(error),
                },
            }
        })
        .collect()
}

/// Handles files dragged over and dropped on the window: tells the UI to show its
/// hint, then keeps the dropped paths and tells the UI their names, so it can ask
/// before [`receive_dropped_files`] receives them (off the UI thread).
pub fn on_drag_drop(app: &AppHandle, event: &tauri::DragDropEvent) {
    let emit = |name: &str, payload: serde_json::Value| {
        if let Err(e) = app.emit(name, payload) {
            eprintln!("Waymark could not tell the window about a dropped file: {e}");
        }
    };
    match event {
        tauri::DragDropEvent::Enter { paths, .. } => {
            emit(DRAG_EVENT, any_bundle(paths).into());
        }
        tauri::DragDropEvent::Leave => emit(DRAG_EVENT, false.into()),
        tauri::DragDropEvent::Drop { paths, .. } => {
            emit(DRAG_EVENT, false.into());
            // Nothing is read until the leader says so: a file from a stranger is
            // never opened just because it was dropped.
            let names: Vec<String> = paths
                .iter()
                .map(|p| {
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| p.display().to_string())
                })
                .collect();
            *app.state::<AppState>()
                .dropped
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = paths.clone();
            emit(DROP_EVENT, names.into());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use waymark_journal::{EntryDraft, Template};

    #[test]
    fn dropped_files_are_received_or_refused_one_by_one() -> Result<(), AppError> {
        let base = std::env::temp_dir().join(format!("waymark-drop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let leader = Journal::open(&base.join("leader"))?;
        let coach = Journal::open(&base.join("coach"))?;
        leader.set_identity_name("Lee")?;
        coach.set_identity_name("Kim")?;
        leader.add_contact(&coach.identity()?.code, None)?;
        coach.add_contact(&leader.identity()?.code, None)?;
        let entry = leader.create(EntryDraft {
            code: Vec::new(),
            title: "Forum".into(),
            body: "I let the room set the agenda.".into(),
            template: Template::Free,
            fields: Default::default(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default(),
            tags: Vec::new(),
            labels: Vec::new(),
            starred: false,
        })?;
        let bundle = base.join("for-kim.WAYMARK");
        leader.share("Kim", &[entry.id], &ShareFields::Whole, &bundle)?;
        let other = base.join("notes.txt");
        std::fs::write(&other, "not a bundle").map_err(|e| AppError::Dialog(e.to_string()))?;

        // Cancelled before they are received: none is, and each says so.
        let cancelled = AtomicBool::new(true);
        let results = receive_dropped(
            &coach,
            &[bundle.clone(), bundle.clone()],
            &cancelled,
            &|_| {},
        );
        assert!(
            results.iter().all(|r| r.report.is_none()
                && r.error.as_deref().is_some_and(|e| e.contains("cancelled"))),
            "{results:?}"
        );
        assert!(coach.coachees()?.is_empty());

        cancelled.store(false, Ordering::SeqCst);
        let results = receive_dropped(
            &coach,
            &[other.clone(), bundle.clone(), bundle.clone()],
            &cancelled,
            &|_| {},
        );
        assert!(any_bundle(&[other.clone(), bundle.clone()]));
        assert!(!any_bundle(&[other]));
        assert_eq!(results.len(), 3);
        let refused = results[0].error.as_deref().unwrap_or_default();
        assert!(
            refused.contains("notes.txt is not a Waymark bundle"),
            "{refused}"
        );
        let received = results[1]
            .report
            .as_ref()
            .map(|r| (r.from.as_str(), r.entries_added));
        assert_eq!(received, Some(("Lee", 1)));
        // The same file twice: the second is a replay, a no-op said as such.
        assert_eq!(results[2].error, None);
        assert_eq!(
            results[2].report.as_ref().map(|r| r.already_received),
            Some(true)
        );
        assert_eq!(coach.coachee_journal("Lee")?.count()?, 1);
        drop((leader, coach));
        let _ = std::fs::remove_dir_all(&base);
        Ok(())
    }
}
