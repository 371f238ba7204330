//! Tauri commands: thin adapters from the UI to the engine crates.

use waymark_framework::Framework;

/// The whole framework, for the framework browser.
#[tauri::command]
pub fn get_framework() -> &'static Framework {
    waymark_framework::lpc()
}
