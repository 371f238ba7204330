//! The journal the window works on, opened once at startup and shared by every command.

use crate::error::AppError;
use std::path::PathBuf;
use std::sync::Arc;
use waymark_journal::{Journal, paths};

/// Tauri managed state: the open journal, or why it could not be opened.
pub struct AppState {
    /// The journal's folder, when the OS has one for this user.
    pub dir: Option<PathBuf>,
    /// Kept as the message rather than a panic so the window can say what is wrong
    /// (most often: the journal is open in another Waymark process).
    journal: Result<Arc<Journal>, String>,
}

impl AppState {
    /// Opens the journal in `WAYMARK_DATA_DIR` or the OS data folder.
    pub fn open_default() -> AppState {
        match paths::default_data_dir() {
            Some(dir) => AppState::open(dir),
            None => AppState {
                dir: None,
                journal: Err(
                    "this computer has no data folder for your user; set WAYMARK_DATA_DIR to a folder for the journal"
                        .into(),
                ),
            },
        }
    }

    /// Opens the journal in `dir`.
    pub fn open(dir: PathBuf) -> AppState {
        let journal = Journal::open(&dir).map(Arc::new).map_err(|e| e.to_string());
        AppState {
            dir: Some(dir),
            journal,
        }
    }

    /// The open journal, or the error that stopped it opening.
    pub fn journal(&self) -> Result<Arc<Journal>, AppError> {
        self.journal
            .as_ref()
            .map(Arc::clone)
            .map_err(|e| AppError::Unavailable(e.clone()))
    }

    /// Why the journal could not be opened, if it could not.
    pub fn open_error(&self) -> Option<String> {
        self.journal().err().map(|e| e.to_string())
    }
}

/// Runs engine work off the UI thread, on the journal shared by every command.
pub async fn on_journal<T, F>(state: &AppState, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&Journal) -> Result<T, AppError> + Send + 'static,
{
    let journal = state.journal()?;
    tauri::async_runtime::spawn_blocking(move || work(&journal)).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_journal_is_reported_not_panicked_on() {
        let dir = std::env::temp_dir().join(format!("waymark-desktop-lock-{}", std::process::id()));
        let first = AppState::open(dir.clone());
        assert!(first.journal().is_ok());
        let second = AppState::open(dir.clone());
        let message = second.open_error().unwrap_or_default();
        assert!(message.contains("already open"), "{message}");
        drop(first);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
