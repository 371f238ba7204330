//! Export and import through native file dialogs, opened from Rust so the webview
//! needs no file-system or dialog permission of its own.

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};
use ts_rs::TS;
use waymark_journal::transfer::{ExportOptions, ImportReport};

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
    let mut builder = app.dialog().file().set_title(title);
    // The Documents folder, not wherever the program happened to start.
    if let Some(documents) = app.path().document_dir().ok().filter(|d| d.is_dir()) {
        builder = builder.set_directory(documents);
    }
    match app.get_webview_window("main") {
        Some(window) => builder.set_parent(&window),
        None => builder,
    }
}

/// `text` as part of a file name: letters, digits, dots and dashes kept, every run of
/// anything else (spaces, slashes, quotes) one dash, so "Alex Coach" suggests
/// `Alex-Coach`, a name that needs no quoting anywhere.
pub(crate) fn file_name_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '.' || c == '-' || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches(|c| c == '-' || c == '.').to_owned()
}

pub(crate) fn into_path(chosen: FilePath) -> Result<PathBuf, AppError> {
    chosen
        .into_path()
        .map_err(|e| AppError::Dialog(e.to_string()))
}

/// Asks where to save, then writes every entry (not the bin) as one Waymark JSON file,
/// encrypted with `passphrase` when one is given (age; only the passphrase opens it),
/// with `redact` every detail that may identify someone replaced in the file (the
/// journal keeps its text). `None` when the leader cancelled.
#[tauri::command]
pub async fn export_json(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
    redact: bool,
) -> Result<Option<ExportDone>, AppError> {
    let today = chrono::Local::now().date_naive();
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    on_journal(&state, move |j| {
        let (filter, name) = match passphrase {
            Some(_) => (
                "Encrypted Waymark journal",
                format!("waymark-{today}.json.age"),
            ),
            None => ("Waymark journal (JSON)", format!("waymark-{today}.json")),
        };
        let extension = if passphrase.is_some() { "age" } else { "json" };
        let chosen = dialog(&app, "Export your journal")
            .add_filter(filter, &[extension])
            .set_file_name(name)
            .blocking_save_file();
        let Some(chosen) = chosen else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        let options = ExportOptions {
            passphrase: passphrase.as_ref().map(|p| p.as_str()),
            redact,
        };
        let entries = j.export_json_file_with(None, &path, options)?;
        Ok(Some(ExportDone {
            path: path.display().to_string(),
            entries,
        }))
    })
    .await
}

/// Asks for a folder, then writes one Markdown file per entry into it, with `redact`
/// every detail that may identify someone replaced in the files.
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn export_markdown(
    app: AppHandle,
    state: State<'_, AppState>,
    redact: bool,
) -> Result<Option<ExportDone>, AppError> {
    on_journal(&state, move |j| {
        let Some(chosen) =
            dialog(&app, "Export as Markdown files into a folder").blocking_pick_folder()
        else {
            return Ok(None);
        };
        let dir = into_path(chosen)?;
        let files = j.export_markdown_with(None, &dir, redact)?;
        Ok(Some(ExportDone {
            path: dir.display().to_string(),
            entries: files.len(),
        }))
    })
    .await
}

/// Asks for a Waymark JSON file, then imports it (local edits are never overwritten);
/// an encrypted one with `passphrase`.
/// `None` when the leader cancelled.
#[tauri::command]
pub async fn import_json(
    app: AppHandle,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<Option<ImportReport>, AppError> {
    let passphrase = passphrase.map(zeroize::Zeroizing::new);
    on_journal(&state, move |j| {
        let Some(chosen) = dialog(&app, "Import a Waymark journal file")
            .add_filter("Waymark journal (JSON, or encrypted)", &["json", "age"])
            .blocking_pick_file()
        else {
            return Ok(None);
        };
        let path = into_path(chosen)?;
        Ok(Some(j.import_json_file_with(
            &path,
            passphrase.as_ref().map(|p| p.as_str()),
        )?))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::file_name_safe;

    #[test]
    fn suggested_file_names_have_no_spaces_or_separators() {
        assert_eq!(
            file_name_safe("waymark-for-Alex Coach"),
            "waymark-for-Alex-Coach"
        );
        assert_eq!(file_name_safe("Dr. O'Neil / Coach"), "Dr.-O-Neil-Coach");
        assert_eq!(file_name_safe("Zoë Ørsted"), "Zoë-Ørsted");
        assert_eq!(file_name_safe("  ..\\secret "), "secret");
    }
}
