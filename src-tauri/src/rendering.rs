//! How the webview draws on a Linux computer without a graphics processor (Linux only:
//! WebKitGTK is the webview there; Windows and macOS use their own).
//!
//! WebKitGTK composites pages with OpenGL. Without a GPU (virtual desktops, remote
//! sessions and Xvfb, common on managed work computers) that OpenGL is Mesa's software
//! rasteriser, and the window waits on it: with 100,000 entries under Xvfb, a keystroke
//! in search took 65 ms p95 to a painted frame with compositing and 30 ms without, and
//! a scrolling frame of the journal list 82 ms p50 against 16 ms, in the same run
//! (`tests/tests/e2e_measure.rs`). WebKit reads its switch
//! from the environment when it starts. Setting it from inside the program
//! (`std::env::set_var`) is `unsafe` and the workspace forbids that; the webview's own
//! hardware-acceleration setting can only be changed once the page has begun loading.
//! So the app restarts itself with the variable set, before anything else runs.

use std::ffi::OsString;
use std::path::Path;

/// The variable WebKitGTK reads at start-up: set (to anything but `0`), pages are
/// drawn by the CPU straight into the window instead of composited with OpenGL.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Where Linux lists the GPUs' render nodes (`renderD128`, …).
const DRI_FOLDER: &str = "/dev/dri";

/// On Linux with no GPU render node, replaces this process (same process id,
/// arguments and environment) with itself plus [`DISABLE_COMPOSITING`] set, before
/// any library has started. Returns when nothing needs to change, or when the
/// restart could not be made (then with a line on stderr: the app still works, it
/// only draws more slowly).
///
/// A value the person has set themselves is left alone, so
/// `WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps OpenGL compositing on a GPU-less machine.
pub fn draw_without_opengl_when_no_gpu() {
    use std::os::unix::process::CommandExt;

    let preset = std::env::var_os(DISABLE_COMPOSITING);
    if !needs_software_drawing(preset.as_deref(), &render_nodes(Path::new(DRI_FOLDER))) {
        return;
    }
    let mut args = std::env::args_os();
    let arg0 = args.next();
    let error = match std::env::current_exe() {
        Ok(exe) => {
            let mut restart = std::process::Command::new(exe);
            if let Some(arg0) = arg0 {
                restart.arg0(arg0);
            }
            // Returns only if the restart could not be made.
            restart.args(args).env(DISABLE_COMPOSITING, "1").exec()
        }
        Err(e) => e,
    };
    eprintln!(
        "Waymark: no GPU found, but could not switch the window to drawing without \
         OpenGL ({error}); it will work, more slowly. Set {DISABLE_COMPOSITING}=1 to do \
         it by hand."
    );
}

/// Whether the app should restart with [`DISABLE_COMPOSITING`] set: only when the
/// person has not set it and the computer has no render node.
fn needs_software_drawing(preset: Option<&std::ffi::OsStr>, render_nodes: &[OsString]) -> bool {
    preset.is_none() && render_nodes.is_empty()
}

/// The GPU render nodes in `dri_folder`; none when the folder is missing or unreadable.
fn render_nodes(dri_folder: &Path) -> Vec<OsString> {
    let Ok(entries) = std::fs::read_dir(dri_folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| name.to_string_lossy().starts_with("renderD"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn only_a_machine_without_render_nodes_and_without_a_choice_restarts() {
        let node = vec![OsString::from("renderD128")];
        assert!(needs_software_drawing(None, &[]));
        assert!(!needs_software_drawing(None, &node));
        // The person's own choice wins either way, "0" included.
        assert!(!needs_software_drawing(Some(OsStr::new("0")), &[]));
        assert!(!needs_software_drawing(Some(OsStr::new("1")), &node));
    }

    #[test]
    fn render_nodes_are_found_by_name_and_a_missing_folder_has_none()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = std::env::temp_dir().join(format!("waymark-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("card0"), "")?;
        assert!(
            render_nodes(&dir).is_empty(),
            "a display card alone is no render node"
        );
        std::fs::write(dir.join("renderD128"), "")?;
        assert_eq!(render_nodes(&dir), vec![OsString::from("renderD128")]);
        std::fs::remove_dir_all(&dir)?;
        assert!(render_nodes(&dir).is_empty());
        Ok(())
    }
}
