//! Drives the real Waymark desktop app for end-to-end tests.
//!
//! [`App::launch`] starts `tauri-driver` (which starts `WebKitWebDriver`, which
//! starts the app) and connects a WebDriver client; [`App::close`] ends them all.
//! The tests run under a display server: the README's test command wraps them in
//! `dbus-run-session -- xvfb-run -a`.

pub mod file_dialog;
mod window_capture;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
pub use waymark_sample::{TEST_TODAY_ENV, test_today};

/// How long to wait for the app to show something before failing.
pub const WAIT: Duration = Duration::from_secs(20);

/// The workspace root (this crate lives one folder below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Names a desktop binary for the tests to drive instead of the debug build, such as
/// `target/release/waymark-desktop` to measure a release build.
pub const DESKTOP_BINARY_VAR: &str = "WAYMARK_DESKTOP_BINARY";

/// The workspace's debug build folder (`CARGO_TARGET_DIR` or `target`, then `debug`).
fn debug_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("debug")
}

/// The desktop binary the tests drive: the one [`DESKTOP_BINARY_VAR`] names, else the
/// debug build. `cargo build --workspace` must have run first, which the README's
/// test command does.
pub fn desktop_binary() -> Result<PathBuf> {
    if let Some(exe) = std::env::var_os(DESKTOP_BINARY_VAR) {
        let exe = PathBuf::from(exe);
        if !exe.is_file() {
            bail!(
                "{DESKTOP_BINARY_VAR} names {}, which is not a file",
                exe.display()
            );
        }
        return Ok(exe);
    }
    let exe = debug_dir().join(format!("waymark-desktop{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        bail!(
            "{} does not exist; run `cargo build --workspace` first (the README's test command does)",
            exe.display()
        );
    }
    Ok(exe)
}

/// The built `waymark` terminal command, used to prepare journals for the app: the
/// debug build's, whichever desktop binary [`DESKTOP_BINARY_VAR`] names.
pub fn cli_binary() -> Result<PathBuf> {
    let exe = debug_dir().join(format!("waymark{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        bail!(
            "{} does not exist; run `cargo build --workspace` first (the README's test command does)",
            exe.display()
        );
    }
    Ok(exe)
}

/// Fills a journal folder with `count` sample reflections through the CLI, dated up
/// to [`test_today`] (never the real today), so what a test finds in them does not
/// depend on the day it runs.
pub fn add_demo(data_dir: &Path, count: usize) -> Result<()> {
    let status = Command::new(cli_binary()?)
        .args(["demo", "--entries", &count.to_string()])
        .args(["--today", &test_today()?.to_string()])
        .env("WAYMARK_DATA_DIR", data_dir)
        .stdout(Stdio::null())
        .status()
        .context("could not run `waymark demo`")?;
    if !status.success() {
        bail!("`waymark demo` failed with {status}");
    }
    Ok(())
}

/// Runs `waymark --data-dir DATA_DIR ARGS…` with `env` set and `WAYMARK_PASSPHRASE`
/// unset unless `env` sets it; returns its standard output, or fails with its stderr.
pub fn waymark(data_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Result<String> {
    Ok(String::from_utf8_lossy(&waymark_output(data_dir, args, env)?.stdout).into_owned())
}

/// Runs `waymark --data-dir DATA_DIR ARGS…` as [`waymark`] does; its whole output, or
/// fails with its stderr.
fn waymark_output(
    data_dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<std::process::Output> {
    let out = Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("WAYMARK_PASSPHRASE")
        .envs(env.iter().copied())
        .output()
        .context("could not run waymark")?;
    if !out.status.success() {
        bail!(
            "`waymark {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(out)
}

/// Runs `waymark ARGS` on the journal in `data_dir`, which must succeed, and returns
/// what it said to a person: its standard error (its result is on standard output).
pub fn waymark_said(data_dir: &Path, args: &[&str]) -> Result<String> {
    Ok(String::from_utf8_lossy(&waymark_output(data_dir, args, &[])?.stderr).into_owned())
}

/// Runs `waymark search --json …` on the journal in `data_dir` and returns its hits:
/// exit status 0 when something matched, 1 when nothing did (as grep), else an error.
pub fn search_hits(data_dir: &Path, args: &[&str]) -> Result<Vec<serde_json::Value>> {
    let out = Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["search", "--json"])
        .args(args)
        .env_remove("WAYMARK_PASSPHRASE")
        .output()
        .context("could not run waymark")?;
    let found: serde_json::Value = match out.status.code() {
        Some(0 | 1) => serde_json::from_slice(&out.stdout).context("search --json gave no JSON")?,
        _ => bail!(
            "`waymark search --json {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ),
    };
    Ok(found["hits"].as_array().cloned().unwrap_or_default())
}

/// Names two journals (`waymark identity --name`) and adds each one's share code to
/// the other's contacts, as two people who have swapped codes: `(folder, name)` each.
pub fn introduce(first: (&Path, &str), second: (&Path, &str)) -> Result<()> {
    let code = |(data, name): (&Path, &str)| -> Result<String> {
        let json: serde_json::Value = serde_json::from_str(&waymark(
            data,
            &["identity", "--name", name, "--json"],
            &[],
        )?)?;
        json["code"]
            .as_str()
            .map(str::to_owned)
            .context("`waymark identity --json` printed no code")
    };
    let (first_code, second_code) = (code(first)?, code(second)?);
    waymark(first.0, &["contacts", "add", &second_code], &[])?;
    waymark(second.0, &["contacts", "add", &first_code], &[])?;
    Ok(())
}

/// Where tests put the screenshots shown in the README.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("docs").join("screenshots")
}

/// A fresh, empty journal folder for one test (removed first if an earlier run left it).
pub fn fresh_data_dir(name: &str) -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("waymark-e2e-{name}-{}", std::process::id()));
    for old in [&dir, &webview_dir(&dir)] {
        if old.exists() {
            std::fs::remove_dir_all(old)?;
        }
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A fresh folder holding a plain journal, made as a leader would with `waymark init
/// --no-encryption`, so the app opens straight on it (a folder with no journal opens
/// on the set-up screen, which asks whether to encrypt).
pub fn plain_journal(name: &str) -> Result<PathBuf> {
    let dir = fresh_data_dir(name)?;
    let out = std::process::Command::new(cli_binary()?)
        .arg("--data-dir")
        .arg(&dir)
        .args(["init", "--no-encryption"])
        .output()
        .context("could not run `waymark init`")?;
    if !out.status.success() {
        bail!(
            "`waymark init --no-encryption` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(dir)
}

/// Where the webview keeps its storage for the app on `data_dir`: beside it.
pub fn webview_dir(data_dir: &Path) -> PathBuf {
    let mut name = data_dir.file_name().unwrap_or_default().to_os_string();
    name.push("-webview");
    data_dir.with_file_name(name)
}

/// The environment [`App::launch`] gives the app on `data_dir`, besides what every
/// process here inherits (the display and the D-Bus session).
pub fn app_env(data_dir: &Path) -> [(&'static str, PathBuf); 2] {
    [
        ("WAYMARK_DATA_DIR", data_dir.to_path_buf()),
        // The webview's own storage (where earlier versions kept drafts; the editor still
        // reads one left there once) goes beside the journal, so tests, and test runs
        // side by side, never see each other's; not inside it, where a folder of other
        // files would stop a first run making its journal there.
        ("XDG_DATA_HOME", webview_dir(data_dir)),
    ]
}

/// The desktop app on `data_dir` as a plain process, without WebDriver, with the
/// environment [`App::launch`] gives it: to see what launching it again does while
/// an [`App`] runs.
pub fn desktop_command(data_dir: &Path) -> Result<Command> {
    let mut command = Command::new(desktop_binary()?);
    command.envs(app_env(data_dir));
    Ok(command)
}

/// Replaces the page's `Date` with one running `arguments[0]` (YYYY-MM-DD) days
/// ahead or behind, from now on; returns the page's today as the app computes it.
/// `new Date(…)` with arguments and every static method stay as they were.
const SET_PAGE_TODAY: &str = r#"
const [y, m, d] = arguments[0].split('-').map(Number);
const Real = window.__waymarkRealDate || Date;
window.__waymarkRealDate = Real;
const now = new Real();
const then = new Real(now.getTime());
then.setFullYear(y, m - 1, d);
const offset = then.getTime() - now.getTime();
class TestDate extends Real {
  constructor(...args) {
    if (args.length === 0) super(Real.now() + offset);
    else super(...args);
  }
  static now() {
    return Real.now() + offset;
  }
}
window.Date = TestDate;
const today = new Date();
const pad = (n) => String(n).padStart(2, '0');
return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
"#;

/// The app window's title, as `tauri.conf.json` sets it.
pub const WINDOW_TITLE: &str = "Waymark";

/// The WebDriver key code for Enter (in `send_keys` text).
pub const ENTER: &str = "\u{E007}";
/// The WebDriver key code for Control, held until the end of a `send_keys` text.
pub const CONTROL: &str = "\u{E009}";
/// The WebDriver key code for Escape.
pub const ESCAPE: &str = "\u{E00C}";
/// The WebDriver key code for the down arrow.
pub const ARROW_DOWN: &str = "\u{E015}";
/// The WebDriver key code for Backspace.
pub const BACKSPACE: &str = "\u{E003}";
/// The WebDriver key code for Tab.
pub const TAB: &str = "\u{E004}";
/// The WebDriver key code for the up arrow.
pub const ARROW_UP: &str = "\u{E013}";

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

/// Starts `tauri-driver` for the app in `exe` on the journal in `data_dir`, and opens a
/// WebDriver session with it (which starts the app).
async fn start_session(
    exe: &Path,
    data_dir: &Path,
    extra_env: &[(&str, &str)],
) -> Result<(Child, Client)> {
    let port = free_port()?;
    // Each port is free when asked for, but nothing stops the OS giving the same one twice.
    let mut native_port = free_port()?;
    while native_port == port {
        native_port = free_port()?;
    }
    let driver = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        // Passed on by tauri-driver and WebKitWebDriver to the app.
        .envs(app_env(data_dir))
        .envs(extra_env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context(
            "could not start tauri-driver; install it with `cargo install tauri-driver --locked`",
        )?;
    let mut app_driver = DriverGuard(Some(driver));
    let started = Instant::now();
    // tauri-driver listens at once but forwards to WebKitWebDriver, which it starts
    // itself and which can take a while under load: a session asked for before that
    // one listens is dropped unanswered. Wait for both.
    for (what, listening) in [("tauri-driver", port), ("WebKitWebDriver", native_port)] {
        while TcpStream::connect(("127.0.0.1", listening)).is_err() {
            if started.elapsed() > WAIT {
                bail!("{what} did not listen on port {listening} within {WAIT:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": exe }),
    );
    caps.insert("browserName".into(), "wry".into());
    // Bounded: an app that dies at start would otherwise leave this waiting forever.
    let client = tokio::time::timeout(
        3 * WAIT,
        ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}")),
    )
    .await
    .context("the app did not start a WebDriver session in time")?
    .context("could not open a WebDriver session with the app")?;
    let driver = app_driver.0.take().context("driver handle lost")?;
    Ok((driver, client))
}

impl App {
    /// Starts the app with its journal in `data_dir` and connects to it.
    pub async fn launch(data_dir: &Path) -> Result<App> {
        App::launch_with_env(data_dir, &[]).await
    }

    /// [`App::launch`] with more environment variables for the app, such as
    /// WebKit's own switches.
    pub async fn launch_with_env(data_dir: &Path, extra_env: &[(&str, &str)]) -> Result<App> {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            bail!(
                "no display: run the end-to-end tests under `xvfb-run` (see the README's test command)"
            );
        }
        let exe = desktop_binary()?;
        let turn = Turn::wait().await;
        // A session that fails to open is tried once more: under heavy load the driver
        // has been seen to drop its first request (see `start_session`).
        let mut attempt = 1;
        let (driver, client) = loop {
            end_apps_on_this_session();
            match start_session(&exe, data_dir, extra_env).await {
                Ok(started) => break started,
                Err(e) if attempt < 2 => {
                    eprintln!("starting the app failed ({e:#}); trying once more");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => return Err(e),
            }
        };
        Ok(App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
            _turn: turn,
        })
    }

    /// Moves the page's clock to `day` (at the current time of day), as a test clock
    /// does: the views that count back from today (growth's twelve months, the
    /// calendar, the editor's default date) then count back from `day`, so a test over
    /// a demo journal made against [`test_today`] sees its newest days whatever the
    /// date of the run. Only the page's `Date` moves; the engine keeps the real clock.
    /// It lasts until the page is loaded again.
    pub async fn set_page_today(&self, day: NaiveDate) -> Result<()> {
        let shown = self
            .client
            .execute(SET_PAGE_TODAY, vec![day.to_string().into()])
            .await
            .context("could not move the page's clock")?;
        let shown = shown.as_str().unwrap_or_default();
        if shown != day.to_string() {
            bail!("the page's clock was moved to {day} but its today is {shown:?}");
        }
        Ok(())
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
            let shown = e.text().await?;
            // WebKitWebDriver reports no text for content inside a <button>; the
            // DOM's text stands in then (as in `wait_for_text`).
            if shown.is_empty() {
                let dom = e.prop("textContent").await?.unwrap_or_default();
                texts.push(dom.split_whitespace().collect::<Vec<_>>().join(" "));
            } else {
                texts.push(shown);
            }
        }
        Ok(texts)
    }

    /// Clicks the first element matching a CSS selector, once it is shown.
    pub async fn click(&self, css: &str) -> Result<()> {
        let element = self.wait_for(css).await?;
        // WebDriver scrolls only as far as an element's edge, which can leave its middle
        // (where it clicks) under the app's header: bring it to the middle first.
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
                vec![serde_json::to_value(&element)?],
            )
            .await
            .with_context(|| format!("could not scroll to `{css}`"))?;
        element
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

    /// Replaces what a text box holds with `text`, by keyboard (select all, delete, type),
    /// so the page sees the keystrokes a person's would make.
    pub async fn retype(&self, css: &str, text: &str) -> Result<()> {
        self.type_into(css, &format!("{CONTROL}a")).await?;
        self.type_into(css, BACKSPACE).await?;
        if !text.is_empty() {
            self.type_into(css, text).await?;
        }
        Ok(())
    }

    /// Runs `script` (a function body; `return` gives its value) in the page.
    pub async fn js(&self, script: &str) -> Result<serde_json::Value> {
        self.client
            .execute(script, vec![])
            .await
            .with_context(|| format!("the page could not run: {script}"))
    }

    /// Describes the element with the keyboard focus: its id, else its tag and the
    /// `data-*` attributes that name it (`button[data-entry=…]`), or "body".
    pub async fn focused(&self) -> Result<String> {
        let found = self
            .js("const e = document.activeElement;
                 if (!e || e === document.body) return 'body';
                 if (e.id) return '#' + e.id;
                 const data = [...e.attributes].filter((a) => a.name.startsWith('data-'))
                   .map((a) => `[${a.name}=${a.value}]`).join('');
                 return e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + data;")
            .await?;
        Ok(found.as_str().unwrap_or_default().to_owned())
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
            let png = window_capture::window_png(WINDOW_TITLE)?;
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
        let png = window_capture::window_png(WINDOW_TITLE)?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// True while the app process is still running.
    pub fn is_running(&self) -> bool {
        !apps_on(&self.data_dir).is_empty()
    }

    /// Waits for the app process to end by itself (its window closed).
    pub async fn wait_exited(&self) -> Result<()> {
        let started = Instant::now();
        while self.is_running() {
            if started.elapsed() > WAIT {
                bail!("the app was still running {WAIT:?} after its window was closed");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Closes the app after a test's steps ran on it, then gives their result; steps
    /// that passed must also have left no error message in the window, and steps that
    /// failed say where a screenshot of the window at that moment was saved.
    pub async fn finish<T>(self, steps: Result<T>) -> Result<T> {
        let (steps, errors) = match steps {
            Ok(value) => {
                let errors = self.errors().await?;
                (Ok(value), errors)
            }
            Err(e) => (Err(e.context(self.failure_screenshot().await)), Vec::new()),
        };
        self.close().await?;
        let value = steps?;
        if !errors.is_empty() {
            bail!("the window shows errors: {errors:?}");
        }
        Ok(value)
    }

    /// Ends the session and stops the driver (and with it the app).
    pub async fn close(mut self) -> Result<()> {
        let closed = self.client.close().await;
        stop_gently(&mut self.driver);
        end_leftover_apps(&self.data_dir);
        wait_for_journal_released(&self.data_dir);
        closed?;
        Ok(())
    }
}

/// Reads something from the app until `wanted` says it is right, for up to [`WAIT`];
/// returns what was read. `what` names it in the error, with what was last read.
pub async fn wait_until<T: std::fmt::Debug>(
    what: &str,
    mut read: impl AsyncFnMut() -> Result<T>,
    wanted: impl Fn(&T) -> bool,
) -> Result<T> {
    let started = Instant::now();
    loop {
        let seen = read().await?;
        if wanted(&seen) {
            return Ok(seen);
        }
        if started.elapsed() > WAIT {
            bail!("{what} never became what the test waits for; last seen: {seen:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A connection to the tests' X display and its root window.
pub(crate) fn x_display() -> Result<(
    x11rb::rust_connection::RustConnection,
    x11rb::protocol::xproto::Window,
)> {
    use x11rb::connection::Connection;

    let (conn, screen) = x11rb::connect(None).context("could not reach the X display")?;
    let root = conn
        .setup()
        .roots
        .get(screen)
        .context("the X display has no such screen")?
        .root;
    Ok((conn, root))
}

/// Every X11 window titled `title` (`WM_NAME`), searched from `root` down.
pub(crate) fn windows_titled(
    conn: &impl x11rb::connection::Connection,
    root: x11rb::protocol::xproto::Window,
    title: &str,
) -> Result<Vec<x11rb::protocol::xproto::Window>> {
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt};

    let mut titled = Vec::new();
    let mut windows = vec![root];
    while let Some(window) = windows.pop() {
        windows.extend(conn.query_tree(window)?.reply()?.children);
        let name = conn
            .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 256)?
            .reply()?
            .value;
        if name == title.as_bytes() {
            titled.push(window);
        }
    }
    Ok(titled)
}

/// Asks every X11 window titled `title` to close the way a window manager's close
/// button does (a `WM_DELETE_WINDOW` message), and says how many were asked.
///
/// WebDriver's own "close window" cannot stand in for this: WebKitWebDriver closes the
/// web view itself, which ends the app without the window ever being asked to close.
pub fn request_window_close(title: &str) -> Result<usize> {
    use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask};

    let (conn, root) = x_display()?;
    let wm_protocols = conn.intern_atom(false, b"WM_PROTOCOLS")?.reply()?.atom;
    let wm_delete = conn.intern_atom(false, b"WM_DELETE_WINDOW")?.reply()?.atom;
    let mut asked = 0;
    for window in windows_titled(&conn, root, title)? {
        let protocols = conn
            .get_property(false, window, wm_protocols, AtomEnum::ATOM, 0, 64)?
            .reply()?;
        if !protocols
            .value32()
            .is_some_and(|mut atoms| atoms.any(|a| a == wm_delete))
        {
            continue;
        }
        let message = ClientMessageEvent::new(
            32,
            window,
            wm_protocols,
            [wm_delete, x11rb::CURRENT_TIME, 0, 0, 0],
        );
        conn.send_event(false, window, EventMask::NO_EVENT, message)?;
        asked += 1;
    }
    // A round trip, so the server has taken the messages before this connection
    // closes (flushing alone was seen to lose them on a loaded machine).
    conn.get_input_focus()?.reply()?;
    Ok(asked)
}

/// Moves the X11 input focus away from every window, to the root window, so a test
/// can see a window take it (there is no window manager under `xvfb-run` to move it).
pub fn focus_root_window() -> Result<()> {
    use x11rb::protocol::xproto::{ConnectionExt, InputFocus};

    let (conn, root) = x_display()?;
    conn.set_input_focus(InputFocus::POINTER_ROOT, root, x11rb::CURRENT_TIME)?
        .check()?;
    Ok(())
}

/// The title (`WM_NAME`) of the X11 window holding the input focus, or of the nearest
/// window above it that has one; `None` when the focus is on no titled window.
pub fn focused_window_title() -> Result<Option<String>> {
    use x11rb::protocol::xproto::{AtomEnum, ConnectionExt};

    let (conn, root) = x_display()?;
    let mut window = conn.get_input_focus()?.reply()?.focus;
    // 0 is no focus and 1 is "pointer root"; neither is a window.
    while window > 1 && window != root {
        let name = conn
            .get_property(false, window, AtomEnum::WM_NAME, AtomEnum::ANY, 0, 256)?
            .reply()?
            .value;
        if !name.is_empty() {
            return Ok(Some(String::from_utf8_lossy(&name).into_owned()));
        }
        window = conn.query_tree(window)?.reply()?.parent;
    }
    Ok(None)
}

/// Ends any desktop app still running on `data_dir` once its driver is gone.
///
/// Closing the WebDriver session does not always end the app process (it can be
/// left behind, still holding the journal's lock and the single-instance name), and a
/// leftover would swallow the next launch. Linux only, like the rest of this harness.
fn end_leftover_apps(data_dir: &Path) {
    end_processes(|| apps_on(data_dir));
}

/// Waits (up to 10 s) until nothing holds the journal in `data_dir` open (or in the
/// folder it was moved to), so a `waymark` command run next is not told "already
/// open": the app's process can be gone a moment before the system lets go of its lock.
fn wait_for_journal_released(data_dir: &Path) {
    let dir = waymark_journal::relocate::follow_signpost(data_dir);
    let Ok(file) = std::fs::File::open(dir.join("waymark.lock")) else {
        return;
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if file.try_lock().is_ok() {
            let _ = file.unlock();
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Sends TERM, then KILL, to the processes `leftovers` finds, until none are left.
fn end_processes(leftovers: impl Fn() -> Vec<String>) {
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

/// The process ids of desktop apps running on `data_dir`, found by their
/// `WAYMARK_DATA_DIR` (Linux only, like the rest of this harness).
pub fn apps_on(data_dir: &Path) -> Vec<String> {
    apps_with_env(&format!("WAYMARK_DATA_DIR={}", data_dir.display()))
}

/// Desktop app processes whose environment holds exactly `wanted` (`NAME=value`).
pub fn apps_with_env(wanted: &str) -> Vec<String> {
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
            let matches = environ
                .split(|b| *b == 0)
                .any(|var| var == wanted.as_bytes());
            (is_app && matches).then_some(pid)
        })
        .collect()
}

/// Ends desktop apps left on this test run's D-Bus session by an earlier test. One
/// still exiting would hold the single-instance name, and the next launch would hand
/// itself over to it and quit instead of starting.
fn end_apps_on_this_session() {
    if let Ok(bus) = std::env::var("DBUS_SESSION_BUS_ADDRESS") {
        let wanted = format!("DBUS_SESSION_BUS_ADDRESS={bus}");
        end_processes(|| apps_with_env(&wanted));
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
