//! Backups from the desktop: the folder they go to (chosen through the system's
//! dialog, kept in the journal), when the last was made, and "Back up now". A backup is
//! also made on quit, at most once a day (see `lib.rs`).

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use crate::transfer::{dialog, into_path};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::{AppHandle, State};
use ts_rs::TS;
use waymark_journal::Journal;
use waymark_journal::backup::{BackupReport, KEEP};

/// No backup for this long, and Settings says so.
const STALE_DAYS: i64 = 7;

/// Where backups go and how recent the last one is.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupStatus {
    /// The folder chosen, if any.
    pub folder: Option<String>,
    /// When the newest backup there was made.
    #[ts(type = "string | null")]
    pub last: Option<DateTime<Utc>>,
    /// Backups kept there.
    pub count: usize,
    /// True when no backup was made for a week (or ever): Settings warns.
    pub stale: bool,
}

fn status_of(journal: &Journal) -> Result<BackupStatus, AppError> {
    let folder = journal.backup_folder()?;
    let (last, count) = match &folder {
        Some(folder) => {
            let found = Journal::backups_in(folder)?;
            (found.first().map(|(_, m)| m.made_at), found.len())
        }
        None => (None, 0),
    };
    let stale = last.is_none_or(|at| Utc::now() - at > chrono::Duration::days(STALE_DAYS));
    Ok(BackupStatus {
        folder: folder.map(|f| f.display().to_string()),
        last,
        count,
        stale,
    })
}

/// Where backups go and how recent the last one is.
#[tauri::command]
pub async fn backup_status(state: State<'_, AppState>) -> Result<BackupStatus, AppError> {
    on_journal(&state, status_of).await
}

/// Asks for the folder backups go to (for example a OneDrive folder); `None` when the
/// leader cancelled, and then nothing changes.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<BackupStatus>, AppError> {
    on_journal(&state, move |j| {
        let Some(chosen) =
            dialog(&app, "Choose the folder for your backups").blocking_pick_folder()
        else {
            return Ok(None);
        };
        j.set_backup_folder(&into_path(chosen)?)?;
        status_of(j).map(Some)
    })
    .await
}

/// Makes a backup now in the chosen folder (the newest ten are kept).
#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<BackupReport, AppError> {
    on_journal(&state, |j| {
        let folder = j.backup_folder()?.ok_or_else(|| {
            AppError::Unavailable("choose a folder for your backups first".into())
        })?;
        Ok(j.backup(&folder, KEEP)?)
    })
    .await
}
