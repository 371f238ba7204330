//! Builds the Tauri context and the permission set for the app's own commands.

fn main() {
    // Every command the UI may call is listed here; the capability in
    // capabilities/default.json then allows exactly these and nothing else.
    let commands = &[
        "journal_status",
        "explore_sample",
        "leave_sample",
        "get_framework",
        "find_tags",
        "templates",
        "share_fields",
        "list_entries",
        "get_entry",
        "create_entry",
        "update_entry",
        "keep_draft",
        "kept_draft",
        "drop_draft",
        "entry_history",
        "restore_revision",
        "delete_entry",
        "restore_entry",
        "purge_entry",
        "list_bin",
        "search",
        "search_ids",
        "growth",
        "activity",
        "neglected",
        "reflection_days",
        "streaks",
        "open_link",
        "render_markdown",
        "render_entry",
        "reindex",
        "export_json",
        "export_markdown",
        "import_json",
        "identity",
        "set_identity_name",
        "contacts",
        "add_contact",
        "remove_contact",
        "entry_comments",
        "comment_counts",
        "add_comment",
        "share_preview",
        "share_entries",
        "receive_bundle",
        "send_feedback",
        "coachees",
        "search_coachees",
        "share_log",
        "set_unsaved",
        "close_window",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e}"));
}
