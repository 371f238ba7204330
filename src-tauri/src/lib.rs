//! The Waymark desktop app: a Tauri v2 shell whose commands call the engine crates.

mod commands;
mod error;

pub use error::AppError;

/// Starts the desktop app and blocks until its window closes.
pub fn run() {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::get_framework])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        // Nothing to show a window in: stderr is all there is.
        eprintln!("{}", AppError::Startup(e.to_string()));
        std::process::exit(1);
    }
}
