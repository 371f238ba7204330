//! Asking before the window closes on unsaved writing.
//!
//! The editor tells the shell whenever it starts or stops holding unsaved changes
//! ([`set_unsaved`]). Closing the window then asks in the UI instead of closing
//! straight away, and the UI closes it for real ([`close_window`]) once the leader
//! has chosen. Drafts are kept on every change anyway, so a forced close still loses
//! nothing; this only makes an ordinary close ask the same question as leaving a view.

use crate::error::AppError;
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{Emitter, State, Window};

/// The event the UI listens for to ask before the window closes.
pub const CLOSE_REQUESTED: &str = "close-requested";

/// Whether the UI holds writing that is not saved.
#[derive(Debug, Default)]
pub struct Unsaved(AtomicBool);

impl Unsaved {
    /// Records what the UI reported.
    pub fn set(&self, unsaved: bool) {
        self.0.store(unsaved, Ordering::SeqCst);
    }

    /// True if a close request should be held back and the leader asked first.
    pub fn should_ask(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Handles a close request for `window`: closes as usual when nothing is unsaved,
/// otherwise keeps the window open and asks the UI to put the question.
pub fn on_close_requested(window: &Window, unsaved: &Unsaved, api: &tauri::CloseRequestApi) {
    if !unsaved.should_ask() {
        return;
    }
    api.prevent_close();
    if let Err(e) = window.emit_to(window.label(), CLOSE_REQUESTED, ()) {
        // The UI cannot ask, so holding the window open would trap the leader; the
        // draft is already kept on this computer and will be offered back.
        eprintln!("Waymark could not ask before closing: {e}");
        unsaved.set(false);
        let _ = window.destroy();
    }
}

/// The editor reports whether it holds unsaved changes.
#[tauri::command]
pub fn set_unsaved(state: State<'_, Unsaved>, unsaved: bool) {
    state.set(unsaved);
}

/// Closes the window once the leader has chosen to leave (or nothing is unsaved).
#[tauri::command]
pub fn close_window(window: Window, state: State<'_, Unsaved>) -> Result<(), AppError> {
    state.set(false);
    window.close()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unsaved_writing_holds_a_close_back() {
        let unsaved = Unsaved::default();
        assert!(
            !unsaved.should_ask(),
            "a fresh window closes without asking"
        );
        unsaved.set(true);
        assert!(unsaved.should_ask());
        unsaved.set(false);
        assert!(!unsaved.should_ask());
    }
}
