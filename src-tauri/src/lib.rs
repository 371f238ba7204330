//! The Waymark desktop app: a Tauri v2 shell whose commands call the engine crates.

mod closing;
mod commands;
mod error;
mod share;
mod state;
mod transfer;

pub use error::AppError;

use tauri::{Manager, RunEvent, WindowEvent};

/// Starts the desktop app and blocks until its window closes.
pub fn run() {
    let app = tauri::Builder::default()
        // Registered first, as the plugin asks: a second launch must not open the
        // journal (it would find it locked) but bring the first window forward.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .manage(state::AppState::open_default())
        .manage(closing::Unsaved::default())
        .on_window_event(|window, event| match event {
            WindowEvent::CloseRequested { api, .. } => {
                closing::on_close_requested(window, &window.state::<closing::Unsaved>(), api);
            }
            WindowEvent::DragDrop(drop) => share::on_drag_drop(window.app_handle(), drop),
            _ => {}
        })
        .invoke_handler(tauri::generate_handler![
            commands::journal_status,
            commands::explore_sample,
            commands::leave_sample,
            commands::get_framework,
            commands::find_tags,
            commands::templates,
            commands::list_entries,
            commands::get_entry,
            commands::create_entry,
            commands::update_entry,
            commands::entry_history,
            commands::restore_revision,
            commands::delete_entry,
            commands::restore_entry,
            commands::purge_entry,
            commands::list_bin,
            commands::search,
            commands::search_ids,
            commands::growth,
            commands::activity,
            commands::neglected,
            commands::reflection_days,
            commands::streaks,
            commands::render_markdown,
            commands::render_entry,
            commands::reindex,
            transfer::export_json,
            transfer::export_markdown,
            transfer::import_json,
            share::identity,
            share::set_identity_name,
            share::contacts,
            share::add_contact,
            share::remove_contact,
            share::entry_comments,
            share::comment_counts,
            share::add_comment,
            share::share_preview,
            share::share_entries,
            share::receive_bundle,
            share::send_feedback,
            share::coachees,
            share::search_coachees,
            share::share_log,
            closing::set_unsaved,
            closing::close_window,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            // Nothing to show a window in: stderr is all there is.
            eprintln!("{}", AppError::Startup(e.to_string()));
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Saves are already safe in SQLite; this makes the last second of them
            // searchable now rather than on the next start's catch-up.
            for e in handle.state::<state::AppState>().flush_all() {
                eprintln!("Waymark could not finish updating the search index: {e}");
            }
        }
    });
}
