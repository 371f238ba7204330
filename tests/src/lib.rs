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

/// Where tests put the screenshots shown in the README.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("docs").join("screenshots")
}

/// A running desktop app under WebDriver control.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    driver: Child,
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
        Ok(App { client, driver })
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
        closed?;
        Ok(())
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
