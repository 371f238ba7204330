//! A measurement, printed and not asserted: cold start and search as you type in the
//! real desktop app on a demo journal.
//!
//! `WAYMARK_MEASURE_ENTRIES` sets the journal's size (default 20,000, so CI stays
//! quick; the README's figures use 100,000). The journal is made with
//! `waymark demo --entries N --data-dir DIR`, by `target/release/waymark` when it
//! exists (quicker for big journals), else `target/debug/waymark`;
//! `WAYMARK_MEASURE_CLI` names another. Run alone, with its output shown:
//!
//! ```sh
//! WAYMARK_MEASURE_ENTRIES=100000 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x900x24" \
//!   cargo test -p waymark-tests --test e2e_measure -- --nocapture
//! ```

use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use waymark_tests::{App, cli_binary, fresh_data_dir, workspace_root};

/// Launches measured for cold start.
const LAUNCHES: usize = 3;
/// Typed one key at a time: 29 keystrokes, each a search; every prefix finds entries.
const TYPED: &str = "neighbourhood listening carer";
/// How often the page is asked whether something has appeared.
const POLL: Duration = Duration::from_millis(5);
/// Longest wait for one measured event.
const LIMIT: Duration = Duration::from_secs(60);

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

/// Records, in the page, when each key went down, when the results for the box's new
/// text were put in the page (the list's `data-drawn-query` equals the text) and when
/// the next frame after that had been painted.
const INSTRUMENT: &str = r#"
const box = document.getElementById('search-box');
const list = document.getElementById('search-results');
window.__measure = null;
box.addEventListener('keydown', (e) => {
  window.__measure = { key: e.timeStamp, want: null, dom: null, paint: null };
}, true);
box.addEventListener('input', () => {
  const m = window.__measure;
  if (m) { m.want = box.value; check(); }
}, true);
function check() {
  const m = window.__measure;
  if (!m || m.want === null || m.dom !== null) return;
  if (list.getAttribute('data-drawn-query') !== m.want) return;
  m.dom = performance.now();
  requestAnimationFrame(() => setTimeout(() => { m.paint = performance.now(); }, 0));
}
new MutationObserver(check).observe(list, { attributes: true, attributeFilter: ['data-drawn-query'] });
return true;
"#;

#[tokio::test(flavor = "multi_thread")]
async fn measure_cold_start_and_search_as_you_type() -> Result<()> {
    let n = entries();
    let data = fresh_data_dir("measure")?;
    let cli = demo_cli()?;
    let made = Instant::now();
    let status = Command::new(&cli)
        .args(["demo", "--entries", &n.to_string(), "--data-dir"])
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

async fn measure(data: &std::path::Path, n: usize) -> Result<()> {
    // (a) Cold start: launch to the journal list's first rows, LAUNCHES times.
    let mut wall = Vec::new();
    let mut in_page = Vec::new();
    for launch in 1..=LAUNCHES {
        // The last app may still be closing (saving its search index); a second
        // instance would hand itself to it and quit.
        wait_until_closed(data).await?;
        let started = Instant::now();
        let app = App::launch(data).await?;
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
            search_as_you_type(&app).await
        } else {
            Ok(Vec::new())
        };
        app.close().await?;
        let shown = shown?;
        wall.push(ms(shown));
        if let Some(p) = page?.as_f64() {
            in_page.push(p);
        }
        println!(
            "measure: launch {launch}: first rows {:.0} ms after App::launch began ({:.0} ms after the page began loading)",
            ms(shown),
            in_page.last().copied().unwrap_or(f64::NAN)
        );
        let samples = searched?;
        if launch == LAUNCHES {
            let dom: Vec<f64> = samples.iter().map(|s| s.0).collect();
            let paint: Vec<f64> = samples.iter().map(|s| s.1).collect();
            let round: Vec<f64> = samples.iter().map(|s| s.2).collect();
            println!("measure: ---- {n} entries ----");
            println!(
                "measure: {}",
                summary(
                    "cold start, App::launch → first rows (incl. WebDriver start)",
                    &wall
                )
            );
            println!(
                "measure: {}",
                summary("cold start, page load → first rows", &in_page)
            );
            println!(
                "measure: {}",
                summary("search as you type, keydown → results in page", &dom)
            );
            println!(
                "measure: {}",
                summary("search as you type, keydown → next frame painted", &paint)
            );
            println!(
                "measure: {}",
                summary(
                    "search as you type, WebDriver key sent → seen (incl. round trips)",
                    &round
                )
            );
        }
    }
    Ok(())
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

/// Types [`TYPED`] one key at a time, each after the last one's results were drawn;
/// returns (keydown → results in page, keydown → painted, wall clock) per key, in ms.
async fn search_as_you_type(app: &App) -> Result<Vec<(f64, f64, f64)>> {
    app.click("[data-nav=search]").await?;
    // The empty query's results first, so the first key is measured on a settled view.
    app.wait_for("#search-results[data-drawn-query='']").await?;
    app.client.execute(INSTRUMENT, vec![]).await?;
    let box_ = app.wait_for("#search-box").await?;
    let mut samples = Vec::new();
    for ch in TYPED.chars() {
        let sent = Instant::now();
        box_.send_keys(&ch.to_string()).await?;
        let m = loop {
            let m = app
                .client
                .execute("return window.__measure;", vec![])
                .await?;
            if m.get("paint").and_then(Value::as_f64).is_some() {
                break m;
            }
            if sent.elapsed() > LIMIT {
                bail!("no results drawn for the key {ch:?}: {m}");
            }
            tokio::time::sleep(POLL).await;
        };
        let seen = sent.elapsed();
        let num = |k: &str| m.get(k).and_then(Value::as_f64).unwrap_or(f64::NAN);
        samples.push((num("dom") - num("key"), num("paint") - num("key"), ms(seen)));
    }
    let shown = app.value("#search-box").await?;
    ensure!(shown == TYPED, "the box shows {shown:?}");
    let hits = app.all("[data-hit]").await?.len();
    println!("measure: typed {TYPED:?}, {hits} hits shown for the whole text");
    Ok(samples)
}
