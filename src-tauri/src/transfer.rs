//! Export and import through native file dialogs, opened from Rust so the webview
//! needs no file-system or dialog permission of its own.

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};
use ts_rs::TS;
use waymark_journal::transfer::ImportReport;

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    /// The file or folder written, as the OS spells it.
    pub path: String,
    /// Entries exported.
    pub entries: usize,
}

/// A file dialog in front of the main window.
pub(crate) fn dialog(app: &AppHandle, title: &str) -> FileDialogBuilder<tauri::Wry> {
    let builder = app.dialog().file().set_title(title);
    match app.get_webview_window("main") {
        Some(window) => builder.set_parent(&window),
        None => builder,
    }
}

pub(crate) fn into_path(chosen: FilePath) -> Result<PathBuf, AppError> {
    chosen
        .into_path()
        .map_err(|e| AppError::Dialog(e.to_string()))
}

/// Asks where to save, then writes every entry (not the bin) as one Waymark JSON file.
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn export_json(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ExportDone>, AppError> {
    let today = chrono::Local::now().date_naive();
    on_journal(&state, move |j| {
        let chosen = dialog(&app, "Export your journal")
            .add_filter("Waymark journal (JSON)", &["json"])
            .set_file_name(format!("waymark-{today}.json"))
            .blocking_save_file();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        let entries = j.export_json(None, &path)?;
        Ok(Some(ExportDone {
            path: path.display().to_string(),
            entries,
        }))
    })
    .await
}

/// Asks for a folder, then writes one Markdown file per entry into it.
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn export_markdown(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ExportDone>, AppError> {
    on_journal(&state, move |j| {
        let Some(chosen) =
            dialog(&app, "Export as Markdown files into a folder").blocking_pick_folder()
        else {
            return Ok(None);
        };
        let dir = into_path(chosen)?;
        let files = j.export_markdown(None, &dir)?;
        Ok(Some(ExportDone {
            path: dir.display().to_string(),
            entries: files.len(),
        }))
    })
    .await
}

/// Asks for a Waymark JSON file, then imports it (local edits are never overwritten).
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn import_json(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ImportReport>, AppError> {
    on_journal(&state, move |j| {
        let Some(chosen) = dialog(&app, "Import a Waymark journal file")
            .add_filter("Waymark journal (JSON)", &["json"])
            .blocking_pick_file()
        else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        Ok(Some(j.import_json_file(&path)?))
    })
    .await
}
