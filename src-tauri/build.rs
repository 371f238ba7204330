//! Builds the Tauri context and the permission set for the app's own commands.

fn main() {
    // Every command the UI may call is listed here; the capability in
    // capabilities/default.json then allows exactly these and nothing else.
    let commands = &["get_framework"];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .unwrap_or_else(|e| panic!("tauri build step failed: {e}"));
}
