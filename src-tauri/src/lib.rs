//! The Waymark desktop app: a Tauri v2 shell whose commands call the engine crates.

mod appraisal;
mod backups;
mod closing;
mod commands;
mod entry_input;
mod error;
mod identifiers;
mod links;
mod plan;
#[cfg(target_os = "linux")]
mod rendering;
mod share;
mod sleep_watch;
mod state;
mod transfer;

pub use error::AppError;

use std::sync::atomic::{AtomicBool, Ordering};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, RunEvent, Runtime, WindowEvent};

/// Starts the desktop app and blocks until its window closes.
pub fn run() {
    // First, before WebKit or any thread has started: it may restart the process.
    #[cfg(target_os = "linux")]
    rendering::draw_without_opengl_when_no_gpu();
    let app = tauri::Builder::default()
        // Plugins are set up in this order, inside `build`. Only the hand-over guard
        // comes before the single-instance plugin, and it touches nothing.
        .plugin(hand_over_guard())
        // A second launch brings the first window forward and exits inside this
        // plugin's setup, so nothing registered after it runs in a second instance.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(first_instance())
        .plugin(links::navigation_guard())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
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
            commands::unlock_journal,
            commands::create_journal,
            commands::recover_journal,
            commands::change_passphrase,
            commands::lock_journal,
            commands::set_remembered,
            commands::encrypt_journal,
            commands::explore_sample,
            commands::leave_sample,
            commands::get_framework,
            commands::find_tags,
            commands::templates,
            commands::share_fields,
            commands::list_entries,
            commands::move_journal,
            commands::entry_months,
            commands::get_entry,
            commands::create_entry,
            commands::update_entry,
            commands::keep_draft,
            commands::kept_draft,
            commands::drop_draft,
            commands::entry_history,
            commands::restore_revision,
            commands::revision_changes,
            commands::delete_entry,
            commands::restore_entry,
            commands::purge_entry,
            commands::list_bin,
            commands::search,
            commands::search_ids,
            commands::growth_overview,
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
            share::unseen,
            share::mark_seen,
            share::add_comment,
            share::edit_comment,
            share::withdraw_comment,
            share::entry_shares,
            share::unshare_entry,
            share::cancel_receive,
            backups::backup_status,
            backups::choose_backup_folder,
            backups::backup_now,
            backups::restore_backup,
            backups::use_restored_backup,
            share::share_preview,
            share::share_entries,
            share::share_findings,
            identifiers::check_draft,
            identifiers::export_findings,
            appraisal::appraisal_years,
            plan::actions,
            plan::add_action,
            plan::update_action,
            plan::set_action_status,
            plan::delete_action,
            plan::actions_done_by_quarter,
            appraisal::appraisal_pack_preview,
            appraisal::make_appraisal_pack,
            identifiers::mark_finding_fine,
            identifiers::unmark_finding_fine,
            identifiers::dismissed_findings,
            identifiers::watch_list,
            identifiers::set_watch_list,
            identifiers::redaction_plan,
            identifiers::redact_entry,
            share::receive_bundle,
            share::receive_dropped_files,
            share::send_feedback,
            share::coachees,
            share::delete_shared,
            share::search_coachees,
            share::share_log,
            closing::set_unsaved,
            closing::close_window,
            links::open_link,
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
        if let RunEvent::Exit = event
            && let Some(journals) = handle.try_state::<state::AppState>()
        {
            // Saves are already safe in SQLite; this makes the last second of them
            // searchable now rather than on the next start's catch-up.
            for e in journals.flush_all() {
                eprintln!("Waymark could not finish updating the search index: {e}");
            }
            // On quit, at most once a day, a backup to the folder the leader chose.
            if let Some(own) = journals.own_journal()
                && let Err(e) = own.backup_if_due(chrono::Duration::days(1))
            {
                eprintln!("Waymark could not make today's backup: {e}");
            }
        }
    });
}

/// Set once the single-instance plugin has let this process through as the first
/// instance; until then an exit is a second launch handing over to the first.
static FIRST_INSTANCE: AtomicBool = AtomicBool::new(false);

/// The set-up that only a first instance gets to: it opens the journal.
///
/// Opening it here rather than in `Builder::manage` keeps a second launch from
/// touching the journal at all (taking its lock, catching up its search index and
/// starting the index's threads only to exit). Plugins are set up in `build`, before
/// any window exists, so every command still finds the state in place.
fn first_instance<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("waymark-journal")
        .setup(|app, _api| {
            FIRST_INSTANCE.store(true, Ordering::Release);
            app.manage(state::AppState::open_default());
            sleep_watch::watch(app.clone());
            Ok(())
        })
        .build()
}

/// Puts [`HandOverExit`] in the app's resource table, where the single-instance
/// plugin's `cleanup_before_exit` drops it just before a second instance exits.
fn hand_over_guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("waymark-hand-over")
        .setup(|app, _api| {
            app.resources_table()
                .add(HandOverExit { _app: app.clone() });
            Ok(())
        })
        .build()
}

/// Ends a second instance, once it has handed over to the first, without the C
/// libraries' exit-time teardown.
///
/// The single-instance plugin ends a second launch with `std::process::exit(0)` from
/// inside `Builder::build`. By then tao has started a thread that opens its own X11
/// connection for device events. `exit` runs the shared libraries' destructors while
/// that thread may still be setting up: libX11's frees Xlib's global lock, the
/// thread's `XISelectEvents` then locks it, and a second launch that has already
/// handed over dies with SIGSEGV (about once in a few hundred launches on a busy
/// machine; every time when the thread is held back until the destructors run).
/// `exec` ends every other thread at once and runs no destructors, so replacing the
/// process with `true` exits with status 0 whatever those threads were doing.
struct HandOverExit<R: Runtime> {
    /// Keeps the app alive while the guard is in its resource table, so only that
    /// table's clearing in `cleanup_before_exit` drops the guard, never the app being
    /// dropped after a failed start (which still says why and exits with status 1).
    _app: AppHandle<R>,
}

impl<R: Runtime> tauri::Resource for HandOverExit<R> {}

impl<R: Runtime> Drop for HandOverExit<R> {
    fn drop(&mut self) {
        if FIRST_INSTANCE.load(Ordering::Acquire) {
            // An ordinary exit of the app: Tauri's own exit path is left alone.
            return;
        }
        #[cfg(target_os = "linux")]
        {
            use std::io::Write;
            use std::os::unix::process::CommandExt;
            let _ = std::io::stdout().flush();
            for program in ["/usr/bin/true", "/bin/true"] {
                // Returns only if the program could not be started; the plugin's
                // own `exit(0)` follows then, as before.
                let _ = std::process::Command::new(program).exec();
            }
        }
    }
}
