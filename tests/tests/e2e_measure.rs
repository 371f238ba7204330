//! A measurement, printed and not asserted: cold start and search as you type in the
//! real desktop app on a demo journal.
//!
//! `WAYMARK_MEASURE_ENTRIES` sets the journal's size (default 20,000, so CI stays
//! quick; the README's figures use 100,000). The journal is made with
//! `waymark demo --entries N --today DAY --data-dir DIR` (DAY the tests' fixed
//! today, see `waymark_tests::test_today`), by `target/release/waymark` when it
//! exists (quicker for big journals), else `target/debug/waymark`;
//! `WAYMARK_MEASURE_CLI` names another. Run alone, with its output shown:
//!
//! ```sh
//! WAYMARK_MEASURE_ENTRIES=100000 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" \
//!   cargo test -p waymark-tests --test e2e_measure -- --nocapture
//! ```
//!
//! `WAYMARK_MEASURE_PASSES` types the text that many times (default 1) for steadier
//! percentiles. The debug build is driven unless `WAYMARK_DESKTOP_BINARY` names
//! another desktop binary, such as a release build (which embeds `ui/dist` as it was
//! when built):
//!
//! ```sh
//! npm --prefix ui run build && cargo build --release -p waymark-desktop -p waymark-cli
//! WAYMARK_DESKTOP_BINARY=$PWD/target/release/waymark-desktop WAYMARK_MEASURE_ENTRIES=100000 \
//!   WAYMARK_MEASURE_PASSES=4 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" \
//!   cargo test -p waymark-tests --test e2e_measure -- --nocapture
//! ```
//!
//! Each figure is measured twice in the same run: first with WebKit's OpenGL
//! compositing kept on (the baseline), then as the app ships, which turns it off on a
//! Linux computer without a GPU such as Xvfb (see `src-tauri/src/rendering.rs`).
//!
//! A slow or busy machine gives slow figures, never a failure: the work in the page
//! runs in short WebDriver calls (the fling [`SCROLL_CHUNK`] frames at a time), each
//! allowed [`LIMIT`], far beyond what any of them takes.

use anyhow::{Context, Result, bail, ensure};
use fantoccini::elements::Element;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use waymark_tests::{
    App, CONTROL, apps_on, cli_binary, desktop_binary, plain_journal, test_today, workspace_root,
};

/// The WebDriver key code for Backspace (in `send_keys` text).
const BACKSPACE: &str = "\u{E003}";

/// Launches measured for cold start.
const LAUNCHES: usize = 3;
/// Typed one key at a time: 29 keystrokes, each a search; every prefix finds entries.
const TYPED: &str = "neighbourhood listening carer";
/// How often the page is asked whether the journal list has appeared.
const POLL: Duration = Duration::from_millis(5);
/// Longest wait for one measured event or one WebDriver script: generous, so a slow
/// machine is measured as slow rather than failed (WebDriver's own script limit,
/// 30 s, is raised to this).
const LIMIT: Duration = Duration::from_secs(180);

/// How many times [`TYPED`] is typed (into an emptied box each time): more keystrokes
/// for steadier percentiles. `WAYMARK_MEASURE_PASSES`, default 1.
fn passes() -> usize {
    std::env::var("WAYMARK_MEASURE_PASSES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn entries() -> usize {
    std::env::var("WAYMARK_MEASURE_ENTRIES")
        .ok()
        .and_then(|n| n.replace(['_', ','], "").parse().ok())
        .unwrap_or(20_000)
}

/// The `waymark` command that makes the demo journal.
fn demo_cli() -> Result<PathBuf> {
    if let Some(cli) = std::env::var_os("WAYMARK_MEASURE_CLI") {
        return Ok(PathBuf::from(cli));
    }
    let release = workspace_root()
        .join("target")
        .join("release")
        .join(format!("waymark{}", std::env::consts::EXE_SUFFIX));
    if release.exists() {
        return Ok(release);
    }
    cli_binary()
}

/// The value at `p` (0–100) of sorted samples, nearest rank.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn summary(name: &str, samples: &[f64]) -> String {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    format!(
        "{name}: p50 {:.1} ms, p95 {:.1} ms, min {:.1}, max {:.1} (n = {})",
        percentile(&sorted, 50.0),
        percentile(&sorted, 95.0),
        sorted.first().copied().unwrap_or(f64::NAN),
        sorted.last().copied().unwrap_or(f64::NAN),
        sorted.len()
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Records, in the page, the way from each key going down to the results on screen:
/// the `input` event, the `search` command asked and answered (its IPC request sent
/// and its response's headers back), the results in the page (the list's
/// `data-drawn-query` equals the box's text), the next frame starting (`requestAnimationFrame`), its style and
/// layout done (forced and timed there), and that frame painted (a task queued from
/// the frame runs after it). `window.__measured` settles with the record, so the test
/// waits on it in one WebDriver call instead of asking the page over and over while
/// it works.
const INSTRUMENT: &str = r#"
const box = document.getElementById('search-box');
const list = document.getElementById('search-results');
window.__measure = null;
window.__arm = () => {
  window.__measure = null;
  window.__measured = new Promise((resolve) => { window.__done = resolve; });
};
// The search command's request and answer, seen where Tauri's IPC fetches
// `ipc://localhost/search` (it looks `fetch` up on each call); left out if it does not.
const realFetch = window.fetch;
window.fetch = function (input, init) {
  const answer = realFetch.apply(this, arguments);
  const m = window.__measure;
  const url = typeof input === 'string' ? input : String((input && input.url) || '');
  if (m && m.asked === null && /\/search$/.test(url)) {
    m.asked = performance.now();
    const settled = () => { if (m.answered === null) m.answered = performance.now(); };
    answer.then(settled, settled);
  }
  return answer;
};
box.addEventListener('keydown', (e) => {
  window.__measure = {
    // The record settles the promise armed for this key, never a later one.
    done: window.__done,
    key: e.timeStamp, input: null, want: null, asked: null, answered: null, dom: null,
    frame: null, layout: null, paint: null, hits: 0, elements: 0, snippet_chars: 0,
  };
}, true);
box.addEventListener('input', () => {
  const m = window.__measure;
  if (m) { m.input = performance.now(); m.want = box.value; check(); }
}, true);
function check() {
  const m = window.__measure;
  if (!m || m.want === null || m.dom !== null) return;
  if (list.getAttribute('data-drawn-query') !== m.want) return;
  m.dom = performance.now();
  m.hits = list.querySelectorAll('[data-hit]').length;
  m.elements = document.getElementsByTagName('*').length;
  m.snippet_chars = [...list.querySelectorAll('.snippet')].reduce((n, s) => n + s.innerHTML.length, 0);
  requestAnimationFrame(() => {
    m.frame = performance.now();
    void document.documentElement.offsetHeight;
    m.layout = performance.now();
    setTimeout(() => { m.paint = performance.now(); m.done(m); }, 0);
  });
}
new MutationObserver(check).observe(list, { attributes: true, attributeFilter: ['data-drawn-query'] });
window.__arm();
return true;
"#;

/// Waits in the page for the record of the key just sent.
const AWAIT_MEASURED: &str = r#"
const done = arguments[arguments.length - 1];
window.__measured.then(({ done: _, ...m }) => done(m));
"#;

/// One keystroke's way to the screen, in ms from its `keydown`.
struct Keystroke {
    /// The `input` event ran.
    input: f64,
    /// The search command was sent (NaN when it could not be seen).
    asked: f64,
    /// The search command's answer was back (NaN when it could not be seen).
    answered: f64,
    /// The results were in the page.
    dom: f64,
    /// The next frame started.
    frame: f64,
    /// That frame's style and layout were done.
    layout: f64,
    /// That frame was painted.
    paint: f64,
    /// From sending the key over WebDriver to having the record back.
    round_trip: f64,
    /// Result rows in the page.
    hits: f64,
    /// Elements in the whole page.
    elements: f64,
    /// Characters of snippet HTML in the results.
    snippet_chars: f64,
}

/// The summaries printed for the keystrokes, each a stage or a total.
fn keystroke_summaries(keys: &[Keystroke]) -> Vec<String> {
    let column = |f: &dyn Fn(&Keystroke) -> f64| -> Vec<f64> {
        keys.iter().map(f).filter(|v| v.is_finite()).collect()
    };
    vec![
        summary(
            "search as you type, keydown → results in page",
            &column(&|k| k.dom),
        ),
        summary(
            "search as you type, keydown → next frame painted",
            &column(&|k| k.paint),
        ),
        summary(
            "search as you type, WebDriver key sent → seen (incl. round trips)",
            &column(&|k| k.round_trip),
        ),
        summary("  stage: keydown → input event", &column(&|k| k.input)),
        summary(
            "  stage: input → search command sent",
            &column(&|k| k.asked - k.input),
        ),
        summary(
            "  stage: sent → answered (IPC, engine search, serialising)",
            &column(&|k| k.answered - k.asked),
        ),
        summary(
            "  stage: answered → results in the DOM (parse, Svelte update)",
            &column(&|k| k.dom - k.answered),
        ),
        summary(
            "  stage: DOM → next frame starts",
            &column(&|k| k.frame - k.dom),
        ),
        summary(
            "  stage: frame → style and layout done",
            &column(&|k| k.layout - k.frame),
        ),
        summary(
            "  stage: layout → painted",
            &column(&|k| k.paint - k.layout),
        ),
        format!(
            "  page: {:.0} result rows, {:.0} elements, {:.0} characters of snippet HTML (medians)",
            median(&column(&|k| k.hits)),
            median(&column(&|k| k.elements)),
            median(&column(&|k| k.snippet_chars)),
        ),
    ]
}

fn median(samples: &[f64]) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile(&sorted, 50.0)
}

#[tokio::test(flavor = "multi_thread")]
async fn measure_cold_start_and_search_as_you_type() -> Result<()> {
    let n = entries();
    let data = plain_journal("measure")?;
    let cli = demo_cli()?;
    let made = Instant::now();
    let status = Command::new(&cli)
        .args(["demo", "--entries", &n.to_string()])
        .args(["--today", &test_today()?.to_string(), "--data-dir"])
        .arg(&data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("could not run {}", cli.display()))?;
    ensure!(status.success(), "`waymark demo` failed with {status}");
    println!(
        "measure: {n} demo entries made by {} in {:.1} s",
        cli.display(),
        made.elapsed().as_secs_f64()
    );

    let result = measure(&data, n).await;
    let _ = std::fs::remove_dir_all(&data);
    result
}

/// One way of running the app, measured in the same run as the others.
struct Variant {
    /// What the printed figures are headed with.
    name: &'static str,
    /// Environment variables the app gets on top of the harness's.
    env: &'static [(&'static str, &'static str)],
}

/// The baseline first, then the app as it ships. On a Linux computer without a GPU
/// (Xvfb here) the app turns WebKit's OpenGL compositing off; the baseline keeps it
/// on, as the app did before, so the two show what that choice is worth. With a GPU
/// both run the same way.
const VARIANTS: [Variant; 2] = [
    Variant {
        name: "baseline: OpenGL compositing kept (WEBKIT_DISABLE_COMPOSITING_MODE=0)",
        env: &[("WEBKIT_DISABLE_COMPOSITING_MODE", "0")],
    },
    Variant {
        name: "as shipped",
        env: &[],
    },
];

/// What one variant measured.
struct Figures {
    /// `App::launch` to the journal list's first rows, per launch.
    wall: Vec<f64>,
    /// Page load to the first rows, per launch.
    in_page: Vec<f64>,
    /// The search-as-you-type keystrokes.
    keys: Vec<Keystroke>,
    /// Resident memory after searching, in words.
    memory: String,
    /// Scrolling the journal list, in words.
    scrolling: Vec<String>,
}

async fn measure(data: &std::path::Path, n: usize) -> Result<()> {
    let exe = desktop_binary()?;
    let mut measured = Vec::new();
    for variant in &VARIANTS {
        let figures = measure_variant(data, variant).await?;
        println!(
            "measure: ---- {n} entries, {}, {} ----",
            exe.display(),
            variant.name
        );
        println!(
            "measure: {}",
            summary(
                "cold start, App::launch → first rows (incl. WebDriver start)",
                &figures.wall
            )
        );
        println!(
            "measure: {}",
            summary("cold start, page load → first rows", &figures.in_page)
        );
        for line in keystroke_summaries(&figures.keys) {
            println!("measure: {line}");
        }
        for line in &figures.scrolling {
            println!("measure: {line}");
        }
        println!("measure: memory after searching: {}", figures.memory);
        measured.push((variant.name, figures));
    }
    println!("measure: ---- compared ----");
    for (name, figures) in &measured {
        let painted: Vec<f64> = figures.keys.iter().map(|k| k.paint).collect();
        println!(
            "measure: {}",
            summary(&format!("keydown → painted, {name}"), &painted)
        );
        if let Some(scrolling) = figures.scrolling.first() {
            println!("measure: {scrolling}, {name}");
        }
        println!("measure: memory, {name}: {}", figures.memory);
    }
    Ok(())
}

/// Cold start [`LAUNCHES`] times and search as you type in the last launch, with the
/// app run as `variant` says.
async fn measure_variant(data: &std::path::Path, variant: &Variant) -> Result<Figures> {
    let mut figures = Figures {
        wall: Vec::new(),
        in_page: Vec::new(),
        keys: Vec::new(),
        memory: String::new(),
        scrolling: Vec::new(),
    };
    for launch in 1..=LAUNCHES {
        // The last app may still be closing (saving its search index); a second
        // instance would hand itself to it and quit.
        wait_until_closed(data).await?;
        let started = Instant::now();
        let app = App::launch_with_env(data, variant.env).await?;
        let mut timeouts = app.client.get_timeouts().await?;
        timeouts.set_script(Some(LIMIT));
        app.client.update_timeouts(timeouts).await?;
        let shown = async {
            loop {
                if !app.all(".entry-card").await?.is_empty() {
                    return anyhow::Ok(started.elapsed());
                }
                if started.elapsed() > LIMIT {
                    bail!("the journal list never showed a row");
                }
                tokio::time::sleep(POLL).await;
            }
        }
        .await;
        // Since the page began to load: leaves out starting the process, the webview
        // and the WebDriver session (which a leader's start does not have).
        let page = app
            .client
            .execute("return performance.now();", vec![])
            .await;
        let searched = if launch == LAUNCHES {
            figures.scrolling = scroll_the_journal(&app).await?;
            let keys = search_as_you_type(&app).await;
            figures.memory = memory(data);
            keys
        } else {
            Ok(Vec::new())
        };
        app.close().await?;
        let shown = shown?;
        figures.wall.push(ms(shown));
        if let Some(p) = page?.as_f64() {
            figures.in_page.push(p);
        }
        println!(
            "measure: {}, launch {launch}: first rows {:.0} ms after App::launch began ({:.0} ms after the page began loading)",
            variant.name,
            ms(shown),
            figures.in_page.last().copied().unwrap_or(f64::NAN)
        );
        figures.keys.extend(searched?);
    }
    Ok(figures)
}

/// The resident memory of the app on `data` and of the processes it started (WebKit's
/// web content and network processes), now and at their peak, from `/proc`.
fn memory(data: &std::path::Path) -> String {
    let Some(app) = apps_on(data).into_iter().next() else {
        return "the app's process was not found".into();
    };
    let mut processes = vec![("app".to_string(), app.clone())];
    for child in children_of(&app) {
        let name = std::fs::read_to_string(format!("/proc/{child}/comm"))
            .map(|c| c.trim().to_string())
            .unwrap_or_else(|_| child.clone());
        processes.push((name, child));
    }
    let mut total = 0.0;
    let parts: Vec<String> = processes
        .iter()
        .map(|(name, pid)| {
            let (now, peak) = resident_mib(pid);
            total += now;
            format!("{name} {now:.0} MiB (peak {peak:.0})")
        })
        .collect();
    format!("{} — {total:.0} MiB in all", parts.join(", "))
}

/// The process ids whose parent is `pid`.
fn children_of(pid: &str) -> Vec<String> {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    procs
        .filter_map(|p| p.ok())
        .filter_map(|p| {
            let stat = std::fs::read_to_string(p.path().join("stat")).ok()?;
            // `pid (comm) state ppid …`; comm may hold spaces, so read after its `)`.
            let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?;
            (ppid == pid).then(|| p.file_name().to_string_lossy().into_owned())
        })
        .collect()
}

/// `VmRSS` and `VmHWM` (the peak) of `pid`, in MiB; NaN where unreadable.
fn resident_mib(pid: &str) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or(f64::NAN, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Scrolls the journal list `arguments[0]` pixels a frame for `arguments[1]` frames
/// (one chunk of a fast fling, loading pages of entries on the way) and records each
/// frame's length and whether rows were under the middle of the list when it started.
/// The first frame of a chunk only starts the clock, so the pause between two
/// WebDriver calls is never counted as a frame.
const SCROLL: &str = r#"
const done = arguments[arguments.length - 1];
const [step, count] = [arguments[0], arguments[1]];
const list = document.querySelector('.list-scroll');
const box = list.getBoundingClientRect();
const frames = [];
let blank = 0;
let last = 0;
function frame(t) {
  if (last) frames.push(t - last);
  last = t;
  const under = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!under || !under.closest('.entry-row:not(.placeholder), .month-row')) blank += 1;
  if (frames.length >= count) {
    done({ frames, blank, loaded: Number(list.dataset.loaded), top: list.scrollTop });
    return;
  }
  list.scrollTop += step;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
"#;

/// Pixels scrolled a frame in [`SCROLL`].
const SCROLL_STEP: u32 = 300;
/// Frames measured in all.
const SCROLL_FRAMES: u32 = 300;
/// Frames measured per WebDriver call: at 100 ms a frame (OpenGL on a software
/// rasteriser, busy machine) one call takes 2.5 s, far inside [`LIMIT`].
const SCROLL_CHUNK: u32 = 25;

/// Flings the journal list down, [`SCROLL_CHUNK`] frames per WebDriver call (see
/// [`SCROLL`]), collecting the frame lengths; returns the lines to print.
async fn scroll_the_journal(app: &App) -> Result<Vec<String>> {
    app.wait_for(".list-scroll").await?;
    let mut frames: Vec<f64> = Vec::new();
    let (mut blank, mut loaded, mut top, mut calls) = (0.0, f64::NAN, f64::NAN, 0);
    while frames.len() < SCROLL_FRAMES as usize {
        let count = SCROLL_CHUNK.min(SCROLL_FRAMES - frames.len() as u32);
        let found = tokio::time::timeout(
            LIMIT,
            app.client
                .execute_async(SCROLL, vec![SCROLL_STEP.into(), count.into()]),
        )
        .await
        .context("one chunk of the fling never finished")??;
        let chunk: Vec<f64> = serde_json::from_value(found["frames"].clone())?;
        ensure!(!chunk.is_empty(), "a chunk of the fling measured no frame");
        frames.extend(chunk);
        let number = |k: &str| found[k].as_f64().unwrap_or(f64::NAN);
        blank += number("blank");
        loaded = number("loaded");
        top = number("top");
        calls += 1;
    }
    Ok(vec![
        summary(
            &format!(
                "journal list, scrolled {SCROLL_STEP} px a frame for {SCROLL_FRAMES} frames: frame length"
            ),
            &frames,
        ),
        format!(
            "  frames with no rows in the middle of the list: {blank:.0}; entries loaded on the way: {loaded:.0}; scrolled {top:.0} px; in {calls} WebDriver calls of up to {SCROLL_CHUNK} frames"
        ),
    ])
}

/// Waits until no Waymark holds the journal's lock (the app that had it has exited).
async fn wait_until_closed(data: &std::path::Path) -> Result<()> {
    let path = data.join("waymark.lock");
    let started = Instant::now();
    loop {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        if file.try_lock().is_ok() {
            return Ok(());
        }
        if started.elapsed() > LIMIT {
            bail!(
                "the last app still holds {} after {LIMIT:?}",
                path.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types [`TYPED`] one key at a time, each after the last one's results were painted,
/// [`passes`] times, and returns each keystroke's record.
async fn search_as_you_type(app: &App) -> Result<Vec<Keystroke>> {
    app.click("[data-nav=search]").await?;
    // The empty query's results first, so the first key is measured on a settled view.
    app.wait_for("#search-results[data-drawn-query='']").await?;
    app.client.execute(INSTRUMENT, vec![]).await?;
    let box_ = app.wait_for("#search-box").await?;
    let mut keys = Vec::new();
    for pass in 0..passes() {
        if pass > 0 {
            box_.send_keys(&format!("{CONTROL}a{CONTROL}{BACKSPACE}"))
                .await?;
            app.wait_for("#search-results[data-drawn-query='']").await?;
        }
        type_measured(app, &box_, &mut keys).await?;
    }
    let shown = app.value("#search-box").await?;
    ensure!(shown == TYPED, "the box shows {shown:?}");
    let hits = app.all("[data-hit]").await?.len();
    println!(
        "measure: typed {TYPED:?} {} time(s), {hits} hits shown for the whole text",
        passes()
    );
    Ok(keys)
}

/// Types [`TYPED`] into the box once, adding each keystroke's record to `keys`.
async fn type_measured(app: &App, box_: &Element, keys: &mut Vec<Keystroke>) -> Result<()> {
    for ch in TYPED.chars() {
        // Before the key, so no WebDriver call reaches the page while it works.
        app.client.execute("window.__arm();", vec![]).await?;
        let sent = Instant::now();
        box_.send_keys(&ch.to_string()).await?;
        let m = tokio::time::timeout(LIMIT, app.client.execute_async(AWAIT_MEASURED, vec![]))
            .await
            .with_context(|| format!("no results painted for the key {ch:?}"))??;
        let round_trip = ms(sent.elapsed());
        let at = |k: &str| m.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
        let since_key = |k: &str| at(k) - at("key");
        keys.push(Keystroke {
            input: since_key("input"),
            asked: since_key("asked"),
            answered: since_key("answered"),
            dom: since_key("dom"),
            frame: since_key("frame"),
            layout: since_key("layout"),
            paint: since_key("paint"),
            round_trip,
            hits: at("hits"),
            elements: at("elements"),
            snippet_chars: at("snippet_chars"),
        });
    }
    Ok(())
}
