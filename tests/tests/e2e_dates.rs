//! Dates the British way on any computer: the same scenario under a US, a C and an
//! en_GB locale. The date box shows DD/MM/YYYY, reads 17112026 as 17 November 2026 and
//! "yesterday" from the page's today, says an impossible date beside the box (and saves
//! nothing), its calendar starts on Monday and moves by keyboard, and a pick never
//! swallows the next click or keys. The search's From and To read the same way. Every
//! bad date sent straight to the commands is answered with a sentence, never serde's
//! "invalid args `draft`…".

use anyhow::{Context, Result, bail, ensure};
use chrono::NaiveDate;
use serde_json::Value;
use waymark_tests::{App, CONTROL, ENTER, ESCAPE, plain_journal, wait_until, waymark};

const ARROW_LEFT: &str = "\u{E012}";
const ARROW_RIGHT: &str = "\u{E014}";
const PAGE_UP: &str = "\u{E00E}";
const TITLE: &str = "Dated by digits";

/// The page's today in every run: Tuesday 1 December 2026.
fn page_today() -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 12, 1).context("a real day")
}

/// Fails early, with the way to fix it, if the machine lacks the locale (WebKit would
/// quietly fall back to C and the test would prove nothing about it).
fn require_locale(lang: &str) -> Result<()> {
    if lang == "C" {
        return Ok(());
    }
    let out = std::process::Command::new("locale").arg("-a").output()?;
    let have = String::from_utf8_lossy(&out.stdout).to_lowercase();
    let wanted = lang.to_lowercase().replace("utf-8", "utf8");
    if !have.lines().any(|l| l == wanted) {
        bail!("the {lang} locale is not installed: run scripts/setup.sh (it generates it)");
    }
    Ok(())
}

/// Presses keys wherever the keyboard is now.
async fn press(app: &App, keys: &str) -> Result<()> {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

/// The id and data-day of the element with the keyboard focus.
async fn focused(app: &App) -> Result<(String, String)> {
    let found = app
        .client
        .execute(
            "const e = document.activeElement; return [e.id || '', e.dataset.day || ''];",
            vec![],
        )
        .await?;
    let pair = |i: usize| found[i].as_str().unwrap_or_default().to_owned();
    Ok((pair(0), pair(1)))
}

/// Waits until a date box shows `text`.
async fn wait_for_value(app: &App, css: &str, text: &str) -> Result<String> {
    wait_until(
        &format!("the value of `{css}`"),
        async || app.value(css).await,
        |v| v == text,
    )
    .await
}

/// Waits until the query in the search box is `wanted`.
async fn wait_for_query(app: &App, wanted: &str) -> Result<String> {
    wait_until(
        "the search box",
        async || app.value("#search-box").await,
        |q| q == wanted,
    )
    .await
}

/// Writes an entry through the date box: the default, "yesterday", the calendar by
/// keyboard and by mouse, an impossible and an empty date, then 17112026; saves it.
async fn write_dated_entry(app: &App, locale: &str) -> Result<()> {
    app.click(".new-entry").await?;
    app.wait_for("#entry-date").await?;
    let today = wait_for_value(app, "#entry-date", "01/12/2026").await?;
    ensure!(
        app.attr("#entry-date", "data-iso").await?.as_deref() == Some("2026-12-01"),
        "[{locale}] the default date is the page's today: {today:?}"
    );

    // "yesterday", counted from the page's today, taken on Enter.
    app.retype("#entry-date", "yesterday").await?;
    app.type_into("#entry-date", ENTER).await?;
    wait_for_value(app, "#entry-date", "30/11/2026").await?;
    app.wait_for_text("#entry-date-note", "Monday 30 November 2026")
        .await?;

    // The calendar starts on Monday; 1 November 2026, a Sunday, is in the last column.
    app.click("[data-calendar-button]").await?;
    app.wait_for_text("[data-calendar] .calendar-month", "November 2026")
        .await?;
    let heads = app.texts("[data-calendar] th").await?;
    ensure!(
        heads == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        "[{locale}] the calendar's week: {heads:?}"
    );
    let first = app
        .attr(
            "[data-calendar] tbody tr:first-child td:last-child button",
            "data-day",
        )
        .await?;
    ensure!(
        first.as_deref() == Some("2026-11-01"),
        "[{locale}] 1 November is a Sunday: {first:?}"
    );
    if locale == "en_gb" {
        app.screenshot("date-calendar").await?;
    }
    // By keyboard: on the day shown, → to 1 December, Page Up a month back, ← a day.
    let (_, on) = focused(app).await?;
    ensure!(
        on == "2026-11-30",
        "[{locale}] the calendar opens on the day in the box: {on:?}"
    );
    press(app, ARROW_RIGHT).await?;
    app.wait_for_text("[data-calendar] .calendar-month", "December 2026")
        .await?;
    press(app, PAGE_UP).await?;
    press(app, ARROW_LEFT).await?;
    let (_, on) = focused(app).await?;
    ensure!(on == "2026-10-31", "[{locale}] after → PgUp ←: {on:?}");
    press(app, ENTER).await?;
    app.wait_gone("[data-calendar]").await?;
    wait_for_value(app, "#entry-date", "31/10/2026").await?;
    let (id, _) = focused(app).await?;
    ensure!(
        id == "entry-date",
        "[{locale}] a pick puts the keyboard back in the box: {id:?}"
    );
    // Escape closes it, back on its button, and leaves the editor open.
    app.click("[data-calendar-button]").await?;
    app.wait_for("[data-calendar]").await?;
    press(app, ESCAPE).await?;
    app.wait_gone("[data-calendar]").await?;
    let on_button = app
        .client
        .execute(
            "return document.activeElement?.hasAttribute('data-calendar-button') ?? false;",
            vec![],
        )
        .await?;
    ensure!(
        on_button == Value::Bool(true),
        "[{locale}] Escape returns to the calendar button"
    );
    // By mouse: pick a day, then at once click Title and type; nothing is lost.
    app.click("[data-calendar-button]").await?;
    app.click("[data-calendar] button[data-day='2026-10-17']")
        .await?;
    app.wait_gone("[data-calendar]").await?;
    wait_for_value(app, "#entry-date", "17/10/2026").await?;
    app.click("#entry-title").await?;
    app.type_into("#entry-title", TITLE).await?;
    wait_for_value(app, "#entry-title", TITLE).await?;

    // Half typed: nothing is said, even after a pause.
    app.retype("#entry-date", "17/11/2").await?;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    ensure!(
        app.attr("#entry-date", "aria-invalid").await?.is_none(),
        "[{locale}] a half-typed date is not a mistake yet"
    );
    // Impossible: said beside the box after a pause, and Save sends nothing.
    app.retype("#entry-date", "31/02/2026").await?;
    app.wait_for_text(
        "#entry-date-note",
        "31 February 2026 doesn't exist — February has 28 days in 2026",
    )
    .await?;
    ensure!(
        app.attr("#entry-date", "aria-invalid").await?.as_deref() == Some("true"),
        "[{locale}] an impossible date marks the box invalid"
    );
    let described = app
        .attr("#entry-date", "aria-describedby")
        .await?
        .unwrap_or_default();
    ensure!(
        described.split(' ').any(|id| id == "entry-date-note"),
        "[{locale}] the message describes the box: {described:?}"
    );
    app.click("[data-action=save]").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    ensure!(
        app.all("#entry-title").await?.len() == 1,
        "[{locale}] an impossible date keeps the editor open"
    );
    let errors = app.errors().await?;
    ensure!(
        errors.is_empty(),
        "[{locale}] nothing was sent, so no engine error: {errors:?}"
    );
    // Empty: the same, with its own message.
    app.retype("#entry-date", "").await?;
    app.type_into("#entry-title", &format!("{CONTROL}s"))
        .await?;
    app.wait_for_text("#entry-date-note", "Write the date it is about")
        .await?;
    ensure!(
        app.attr("#entry-date", "aria-invalid").await?.as_deref() == Some("true"),
        "[{locale}] an empty date marks the box invalid"
    );

    // Digits alone, day first: 17 November 2026, shown with its slashes on leaving.
    app.retype("#entry-date", "17112026").await?;
    app.wait_for_text("#entry-date-note", "Tuesday 17 November 2026")
        .await?;
    app.click("#entry-title").await?;
    wait_for_value(app, "#entry-date", "17/11/2026").await?;
    ensure!(
        app.attr("#entry-date", "aria-invalid").await?.is_none(),
        "[{locale}] a real date clears the mistake"
    );
    if locale == "en_gb" {
        app.screenshot("date-field").await?;
    }
    app.type_into("[data-field=what]", "The dates finally behaved.")
        .await?;
    app.click("[data-action=save]").await?;
    app.wait_for_text(".info.banner", &format!("Saved “{TITLE}”"))
        .await?;
    app.wait_for_text("#entry-heading", TITLE).await?;
    app.wait_for_text(".entry-view p.muted", "Tue 17 November 2026")
        .await?;
    Ok(())
}

/// The search's From and To read what the editor reads, and refuse what it refuses.
async fn filter_by_dates(app: &App, locale: &str) -> Result<()> {
    app.click("[data-nav=search]").await?;
    app.wait_for("[data-chip=from]").await?;
    app.retype("[data-chip=from]", "yesterday").await?;
    app.type_into("[data-chip=from]", ENTER).await?;
    wait_for_query(app, "after:2026-11-30").await?;
    wait_for_value(app, "[data-chip=from]", "30/11/2026").await?;
    // Before From: refused beside the box, the query left alone.
    app.retype("[data-chip=to]", "17112026").await?;
    app.type_into("[data-chip=to]", ENTER).await?;
    app.wait_for_text("#filter-to-note", "Choose 30/11/2026 or later")
        .await?;
    ensure!(
        app.attr("[data-chip=to]", "aria-invalid").await?.as_deref() == Some("true"),
        "[{locale}] a To before From marks the box invalid"
    );
    app.retype("[data-chip=to]", "1/12/26").await?;
    app.type_into("[data-chip=to]", ENTER).await?;
    wait_for_query(app, "after:2026-11-30 before:2026-12-01").await?;
    wait_for_value(app, "[data-chip=to]", "01/12/2026").await?;
    // Impossible in From: said, and the query keeps its last real day.
    app.retype("[data-chip=from]", "31/02/2026").await?;
    app.type_into("[data-chip=from]", ENTER).await?;
    app.wait_for_text("#filter-from-note", "February has 28 days in 2026")
        .await?;
    let query = app.value("#search-box").await?;
    ensure!(
        query == "after:2026-11-30 before:2026-12-01",
        "[{locale}] an impossible From leaves the query alone: {query:?}"
    );
    // 17 Nov as From: the entry dated 17 November is found.
    app.retype("[data-chip=from]", "17 Nov").await?;
    app.type_into("[data-chip=from]", ENTER).await?;
    wait_for_query(app, "after:2026-11-17 before:2026-12-01").await?;
    app.wait_for_text("[data-hit] .entry-title", TITLE).await?;
    Ok(())
}

/// Sends each bad date straight to the commands that take a draft, as a faulty or
/// hostile page could; returns what each answered.
const SEND_BAD_DATES: &str = r#"
const [dates, id] = arguments;
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
const draft = (date) => {
  const d = { title: 'Sent straight', body: '', template: 'free', fields: {}, tags: [], labels: [], starred: false };
  if (date !== '<missing>') d.date = date;
  return d;
};
(async () => {
  const answers = [];
  for (const date of dates) {
    for (const [command, args] of [
      ['create_entry', { draft: draft(date) }],
      ['update_entry', { id, draft: draft(date) }],
      ['keep_draft', { id: null, draft: draft(date) }],
    ]) {
      try {
        await invoke(command, args);
        answers.push([command, JSON.stringify(date), 'accepted']);
      } catch (e) {
        answers.push([command, JSON.stringify(date), typeof e === 'string' ? e : (e && e.message) || JSON.stringify(e)]);
      }
    }
  }
  done(answers);
})();
"#;

async fn send_bad_dates(app: &App, locale: &str) -> Result<()> {
    let ids = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__TAURI_INTERNALS__.invoke('search_ids', { query: '' }).then(done, (e) => done(String(e)));",
            vec![],
        )
        .await?;
    let id = ids
        .get(0)
        .and_then(Value::as_str)
        .with_context(|| format!("the saved entry's id: {ids}"))?
        .to_owned();
    let bad: Vec<Value> = vec![
        "<missing>".into(),
        Value::Null,
        "".into(),
        "  ".into(),
        "2026-02-31".into(),
        "2026-13-01".into(),
        "2026-00-10".into(),
        "31/02/2026".into(),
        "17/11/2026".into(),
        "yesterday".into(),
        "2999-12-31".into(),
        "1899-12-31".into(),
        20261117.into(),
        true.into(),
        serde_json::json!(["2026-11-17"]),
        serde_json::json!({ "year": 2026 }),
    ];
    let answers = app
        .client
        .execute_async(SEND_BAD_DATES, vec![Value::Array(bad.clone()), id.into()])
        .await?;
    let answers = answers.as_array().context("a list of answers")?;
    ensure!(
        answers.len() == bad.len() * 3,
        "[{locale}] one answer per date and command: {answers:?}"
    );
    for answer in answers {
        let message = answer[2].as_str().unwrap_or_default();
        let friendly = message.starts_with("The entry needs the date it is about")
            || (message.starts_with("The date “") && message.contains("DD/MM/YYYY"))
            || message.contains("is outside the dates Waymark keeps (01/01/1900 to 31/12/2200)");
        ensure!(
            friendly && !message.contains("invalid args"),
            "[{locale}] {} with date {} answered {message:?}",
            answer[0],
            answer[1]
        );
    }
    Ok(())
}

/// The whole scenario under one locale.
async fn dates_under(lang: &str) -> Result<()> {
    require_locale(lang)?;
    let name = lang.split('.').next().unwrap_or(lang).to_lowercase();
    let data = plain_journal(&format!("dates-{name}"))?;
    let app = App::launch_with_env(&data, &[("LANG", lang), ("LC_ALL", lang)]).await?;
    let steps = async {
        app.wait_for(".new-entry").await?;
        app.set_page_today(page_today()?).await?;
        // What the machine's own format would be, to show the box does not follow it.
        let native = app
            .client
            .execute(
                "return [navigator.language, new Date(2026, 10, 17).toLocaleDateString()];",
                vec![],
            )
            .await?;
        eprintln!("{lang}: the page's language and native date: {native}");
        write_dated_entry(&app, &name).await?;
        filter_by_dates(&app, &name).await?;
        send_bad_dates(&app, &name).await?;
        anyhow::Ok(())
    }
    .await;
    app.finish(steps).await?;
    let listed = waymark(&data, &["list"], &[])?;
    ensure!(
        listed.lines().count() == 1 && listed.contains(&format!("2026-11-17  {TITLE}")),
        "[{name}] one entry, dated 17 November 2026; nothing from the bad dates: {listed}"
    );
    let _ = std::fs::remove_dir_all(data);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_are_british_under_a_us_locale() -> Result<()> {
    dates_under("en_US.UTF-8").await
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_are_british_under_the_c_locale() -> Result<()> {
    dates_under("C").await
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_are_british_under_a_british_locale() -> Result<()> {
    dates_under("en_GB.UTF-8").await
}
