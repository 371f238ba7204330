//! Drives the real Waymark desktop app for end-to-end tests.
//!
//! [`App::launch`] starts `tauri-driver` (which starts `WebKitWebDriver`, which
//! starts the app) and connects a WebDriver client; [`App::close`] ends them all.
//! The tests run under a display server: the README's test command wraps them in
//! `dbus-run-session -- xvfb-run -a`.

use anyhow::{Context, Result, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the app to show something before failing.
pub const WAIT: Duration = Duration::from_secs(20);

/// The workspace root (this crate lives one folder below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The built desktop binary. `cargo build --workspace` must have run first,
/// which the README's test command does.
pub fn desktop_binary() -> Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let exe = target
        .join("debug")
        .join(format!("waymark-desktop{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        bail!(
            "{} does not exist; run `cargo build --workspace` first (the README's test command does)",
            exe.display()
        );
    }
    Ok(exe)
}

/// The built `waymark` terminal command, used to prepare journals for the app.
pub fn cli_binary() -> Result<PathBuf> {
    let exe = desktop_binary()?.with_file_name(format!("waymark{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        bail!(
            "{} does not exist; run `cargo build --workspace` first (the README's test command does)",
            exe.display()
        );
    }
    Ok(exe)
}

/// Fills a journal folder with `count` of the engine's sample reflections, through the CLI.
pub fn add_demo(data_dir: &Path, count: usize) -> Result<()> {
    let status = Command::new(cli_binary()?)
        .args(["demo", "--entries", &count.to_string()])
        .env("WAYMARK_DATA_DIR", data_dir)
        .stdout(Stdio::null())
        .status()
        .context("could not run `waymark demo`")?;
    if !status.success() {
        bail!("`waymark demo` failed with {status}");
    }
    Ok(())
}

/// Where tests put the screenshots shown in the README.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("docs").join("screenshots")
}

/// A fresh, empty journal folder for one test (removed first if an earlier run left it).
pub fn fresh_data_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("waymark-e2e-{name}-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// The WebDriver key code for Enter (in `send_keys` text).
pub const ENTER: &str = "\u{E007}";
/// The WebDriver key code for Control, held until the end of a `send_keys` text.
pub const CONTROL: &str = "\u{E009}";
/// The WebDriver key code for Escape.
pub const ESCAPE: &str = "\u{E00C}";
/// The WebDriver key code for the down arrow.
pub const ARROW_DOWN: &str = "\u{E015}";

/// A running desktop app under WebDriver control.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
    /// The journal folder the app was started on.
    data_dir: PathBuf,
    /// One app at a time: the single-instance plugin would hand a second launch
    /// (even on another data folder) to the first window, and it would exit.
    _turn: Turn,
}

/// Set while an app runs in this test process.
static APP_RUNNING: AtomicBool = AtomicBool::new(false);

/// This test's turn to run the app; the next test's starts when it is dropped.
struct Turn;

impl Turn {
    async fn wait() -> Turn {
        while APP_RUNNING
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        APP_RUNNING.store(false, Ordering::Release);
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

impl App {
    /// Starts the app with its journal in `data_dir` and connects to it.
    pub async fn launch(data_dir: &Path) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            bail!(
                "no display: run the end-to-end tests under `xvfb-run` (see the README's test command)"
            );
        }
        let exe = desktop_binary()?;
        let turn = Turn::wait().await;
        let port = free_port()?;
        let native_port = free_port()?;
        let driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("WAYMARK_DATA_DIR", data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("could not start tauri-driver; install it with `cargo install tauri-driver --locked`")?;
        let mut app_driver = DriverGuard(Some(driver));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > WAIT {
                bail!("tauri-driver did not listen on port {port} within {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": exe }),
        );
        caps.insert("browserName".into(), "wry".into());
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .context("could not open a WebDriver session with the app")?;
        let driver = app_driver.0.take().context("driver handle lost")?;
        Ok(App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
            _turn: turn,
        })
    }

    /// Waits for an element matching a CSS selector.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("the app never showed `{css}`"))
    }

    /// All elements matching a CSS selector now.
    pub async fn all(&self, css: &str) -> Result<Vec<Element>> {
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    /// The visible texts of all elements matching a CSS selector.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut texts = Vec::new();
        for e in self.all(css).await? {
            texts.push(e.text().await?);
        }
        Ok(texts)
    }

    /// Clicks the first element matching a CSS selector, once it is shown.
    pub async fn click(&self, css: &str) -> Result<()> {
        self.wait_for(css)
            .await?
            .click()
            .await
            .with_context(|| format!("could not click `{css}`"))
    }

    /// Types into the first element matching a CSS selector (appending to its text).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        self.wait_for(css)
            .await?
            .send_keys(text)
            .await
            .with_context(|| format!("could not type into `{css}`"))
    }

    /// The current value of a form control.
    pub async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .wait_for(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// An attribute of the first element matching a CSS selector.
    pub async fn attr(&self, css: &str, name: &str) -> Result<Option<String>> {
        Ok(self.wait_for(css).await?.attr(name).await?)
    }

    /// Waits until some element matching a CSS selector shows text containing `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<Element> {
        let started = Instant::now();
        loop {
            for e in self.all(css).await? {
                // WebKitWebDriver reports no text for content inside a <button>, so
                // the DOM's text is the fallback.
                let shown = e.text().await.unwrap_or_default();
                let dom = e.prop("textContent").await.ok().flatten();
                if shown.contains(text) || dom.is_some_and(|t| t.contains(text)) {
                    return Ok(e);
                }
            }
            if started.elapsed() > WAIT {
                let seen = self.texts(css).await.unwrap_or_default();
                let shot = self.failure_screenshot().await;
                bail!("no `{css}` ever showed {text:?}; it showed {seen:?} (window: {shot})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches a CSS selector.
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        let started = Instant::now();
        while !self.all(css).await?.is_empty() {
            if started.elapsed() > WAIT {
                bail!("`{css}` was still shown after {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Error banners the app is showing (the UI's answer to a failed command).
    pub async fn errors(&self) -> Result<Vec<String>> {
        self.texts(".banner.error").await
    }

    /// Saves the window to `target/e2e-failures/` and says where, for a failing test's message.
    pub async fn failure_screenshot(&self) -> String {
        let dir = workspace_root().join("target").join("e2e-failures");
        let path = dir.join(format!("{}.png", std::process::id()));
        let saved = async {
            let png = self.client.screenshot().await?;
            std::fs::create_dir_all(&dir)?;
            std::fs::write(&path, png)?;
            anyhow::Ok(())
        }
        .await;
        match saved {
            Ok(()) => path.display().to_string(),
            Err(e) => format!("no screenshot: {e}"),
        }
    }

    /// Saves a PNG of the window to `docs/screenshots/NAME.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        // Let WebKit paint the last change before capturing the window.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.client.screenshot().await?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the session and stops the driver (and with it the app).
    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.close().await;
        stop_gently(&mut self.driver);
        end_leftover_apps(&self.data_dir);
        closed?;
        Ok(())
    }
}

/// Ends any desktop app still running on `data_dir` once its driver is gone.
///
/// Closing the WebDriver session does not always end the app process (it can be
/// left behind, still holding the journal's lock and the single-instance name), and a
/// leftover would swallow the next launch. Linux only, like the rest of this harness.
fn end_leftover_apps(data_dir: &Path) {
    let wanted = format!("WAYMARK_DATA_DIR={}", data_dir.display());
    let leftovers = || -> Vec<String> {
        let Ok(procs) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        procs
            .filter_map(|p| p.ok())
            .filter_map(|p| {
                let pid = p.file_name().to_string_lossy().into_owned();
                let exe = std::fs::read_link(p.path().join("exe")).ok()?;
                let is_app = exe
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("waymark-desktop"));
                let environ = std::fs::read(p.path().join("environ")).ok()?;
                let on_dir = environ
                    .split(|b| *b == 0)
                    .any(|var| var == wanted.as_bytes());
                (is_app && on_dir).then_some(pid)
            })
            .collect()
    };
    for (signal, wait) in [
        ("-TERM", Duration::from_secs(5)),
        ("-KILL", Duration::from_secs(2)),
    ] {
        let pids = leftovers();
        if pids.is_empty() {
            return;
        }
        let _ = Command::new("kill").arg(signal).args(&pids).status();
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline && !leftovers().is_empty() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Stops tauri-driver if launching fails half way.
struct DriverGuard(Option<Child>);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            stop_gently(child);
        }
    }
}

/// SIGTERM, so tauri-driver can stop WebKitWebDriver and the app; SIGKILL would orphan them.
fn stop_gently(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}
