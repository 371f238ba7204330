//! Backups from the desktop: the folder they go to (chosen through the system's
//! dialog, kept in the journal), when the last was made, "Back up now", and restoring
//! one of them into a new folder beside the journal. A backup is also made on quit, at
//! most once a day (see `lib.rs`).

use crate::error::AppError;
use crate::state::{AppState, on_journal};
use crate::transfer::{dialog, into_path};
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;
use waymark_journal::Journal;
use waymark_journal::backup::{BackupReport, KEEP};

/// No backup for this long, and Settings says so.
const STALE_DAYS: i64 = 7;

/// One backup in the backup folder, as Settings lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupListing {
    /// Its folder's name inside the backup folder (what restoring it names).
    pub name: String,
    /// When it was made.
    #[ts(type = "string")]
    pub made_at: DateTime<Utc>,
    /// Reflections in it.
    pub entries: usize,
    /// True when it is encrypted like the journal.
    pub encrypted: bool,
}

/// A backup restored into a new folder.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoredBackup {
    /// The new folder the journal is in now.
    pub into: String,
    /// When the backup was made.
    #[ts(type = "string")]
    pub made_at: DateTime<Utc>,
    /// True when it opens with the passphrase the journal had when it was backed up.
    pub encrypted: bool,
}

/// The restored journal now in use, and where the one it replaced is kept.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SwappedJournal {
    /// The folder beside the journal that holds, whole, the journal used until now.
    pub kept: String,
    /// The window's status with the restored journal.
    pub status: crate::commands::JournalStatus,
}

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
    /// The backups there, newest first.
    pub backups: Vec<BackupListing>,
}

fn status_of(journal: &Journal) -> Result<BackupStatus, AppError> {
    let folder = journal.backup_folder()?;
    let found = match &folder {
        Some(folder) => Journal::backups_in(folder)?,
        None => Vec::new(),
    };
    let last = found.first().map(|(_, m)| m.made_at);
    let stale = last.is_none_or(|at| Utc::now() - at > chrono::Duration::days(STALE_DAYS));
    Ok(BackupStatus {
        folder: folder.map(|f| f.display().to_string()),
        last,
        count: found.len(),
        stale,
        backups: found
            .into_iter()
            .map(|(path, m)| BackupListing {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                made_at: m.made_at,
                entries: m.entries,
                encrypted: m.encrypted,
            })
            .collect(),
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

/// Restores the backup called `name` in the backup folder into a new folder beside the
/// journal (never over it); the journal in use does not change.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    name: String,
) -> Result<RestoredBackup, AppError> {
    let shelf = state.shelf();
    let (restored, into) = on_journal(&state, move |j| {
        let folder = j.backup_folder()?.ok_or_else(|| {
            AppError::Unavailable("choose the folder your backups are in first".into())
        })?;
        // Only a backup listed in that folder: a name, never a path.
        let (backup, manifest) = Journal::backups_in(&folder)?
            .into_iter()
            .find(|(path, _)| {
                path.file_name()
                    .is_some_and(|n| n.to_string_lossy() == name)
            })
            .ok_or_else(|| {
                AppError::Unavailable(format!(
                    "there is no backup called {name} in {}",
                    folder.display()
                ))
            })?;
        let into = shelf
            .as_ref()
            .and_then(|s| s.restore_dir_for(manifest.made_at))
            .ok_or_else(|| {
                AppError::Unavailable(
                    "there is no folder beside your journal to restore into".into(),
                )
            })?;
        let manifest = Journal::restore_backup(&backup, &into)?;
        let restored = RestoredBackup {
            into: into.display().to_string(),
            made_at: manifest.made_at,
            encrypted: manifest.encrypted,
        };
        Ok((restored, into))
    })
    .await?;
    *state
        .restored
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(into);
    Ok(restored)
}

/// Puts the journal restored last (by [`restore_backup`], in this run of the app) in
/// the place of the leader's own, which is kept whole in a folder beside it; returns
/// that folder and the window's new status (locked, when the restored journal is
/// encrypted and this computer does not remember its key).
#[tauri::command]
pub async fn use_restored_backup(app: AppHandle) -> Result<SwappedJournal, AppError> {
    let restored = app
        .state::<AppState>()
        .restored
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .ok_or_else(|| AppError::Unavailable("restore a backup first".into()))?;
    let handle = app.clone();
    let kept = tauri::async_runtime::spawn_blocking(move || {
        handle.state::<AppState>().swap_in_own(&restored)
    })
    .await??;
    let state = app.state::<AppState>();
    *state
        .restored
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    Ok(SwappedJournal {
        kept: kept.display().to_string(),
        status: crate::commands::status(&state).await?,
    })
}
