//! Links in what a leader or a coach wrote: the window never leaves the app.
//!
//! Markdown keeps `http`, `https` and `mailto` links (see `journal/src/render.rs`), and a
//! coach's comment or a coachee's entry can hold one. Two guards keep the window on
//! Waymark's own pages: a navigation guard refuses every page that is not the app's
//! (a click, a script, a redirect), and the UI asks before a clicked link is handed to
//! the system's browser or mail program through [`open_link`], showing its address.

use crate::error::AppError;
use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};
use tauri_plugin_opener::OpenerExt;

/// Whether `url` is one of the app's own pages: the bundled UI, served as
/// `tauri://localhost` (Linux, macOS) or `http(s)://tauri.localhost` (Windows).
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        // The blank page a webview starts from.
        "about" => url.path() == "blank",
        _ => false,
    }
}

/// The plugin that keeps the window on the app's own pages.
pub fn navigation_guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("waymark-navigation-guard")
        .on_navigation(|_webview, url| is_app_page(url))
        .build()
}

/// Opens a link from an entry or a comment in the system's browser or mail program,
/// after the leader confirmed it in the app: only web and mail addresses.
#[tauri::command]
pub fn open_link(app: tauri::AppHandle, url: String) -> Result<(), AppError> {
    let parsed = Url::parse(&url).map_err(|_| AppError::Link(url.clone()))?;
    if !matches!(parsed.scheme(), "http" | "https" | "mailto") || is_app_page(&parsed) {
        return Err(AppError::Link(url));
    }
    app.opener()
        .open_url(parsed.as_str(), None::<&str>)
        .map_err(|e| AppError::Background(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn only_the_apps_own_pages_load_in_the_window() {
        for own in [
            "tauri://localhost/",
            "tauri://localhost/index.html#/search",
            "http://tauri.localhost/",
            "https://tauri.localhost/assets/app.js",
            "about:blank",
        ] {
            assert!(is_app_page(&url(own)), "{own}");
        }
        for away in [
            "https://example.org/",
            "http://localhost:1420/",
            "https://tauri.localhost.evil.example/",
            "tauri://evil/",
            "file:///etc/passwd",
            "mailto:lee@example.org",
            "data:text/html,<h1>hi</h1>",
            "about:srcdoc",
        ] {
            assert!(!is_app_page(&url(away)), "{away}");
        }
    }
}
