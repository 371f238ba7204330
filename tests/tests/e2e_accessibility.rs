//! Accessibility of every main view in the real app: axe-core's WCAG 2.0/2.1 A and AA
//! rules (every control named, colour contrast, ARIA used correctly, …) find nothing,
//! and the keyboard moves through the controls in reading order with the focus always
//! visible.
//!
//! axe-core is the UI's development dependency (`ui/node_modules/axe-core`), put into
//! the page through WebDriver; the app itself never loads it.

use anyhow::{Context, Result, bail, ensure};
use serde_json::Value;
use waymark_tests::{App, TAB, add_demo, plain_journal, wait_until, workspace_root};

/// Tab presses checked for order and a visible focus.
const TABS: usize = 14;

/// Runs axe-core on the page as it is and returns its violations, one line each.
const AUDIT: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
}).then(
  (r) => done(r.violations.flatMap((v) => v.nodes.slice(0, 4).map((n) =>
    `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`))),
  (e) => done([`axe could not run: ${e}`]),
);
"#;

/// The focused element: a short description, whether its focus ring shows, and
/// whether it comes after the previously focused one in the document.
const FOCUSED: &str = r#"
const e = document.activeElement;
const s = getComputedStyle(e);
const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
const before = window.__lastFocused;
const after = !before || before === e
  || !!(before.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
window.__lastFocused = e;
const name = e.getAttribute('aria-label') || e.textContent.trim().slice(0, 30) || e.id || e.getAttribute('type') || '';
return [`${e.tagName.toLowerCase()} "${name}"`, ring, after, e === document.body];
"#;

/// Puts axe-core into the page (once per page load).
async fn load_axe(app: &App) -> Result<()> {
    let path = workspace_root()
        .join("ui")
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js");
    let source = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "could not read {} (run `npm ci --prefix ui`)",
            path.display()
        )
    })?;
    app.client
        .execute(&format!("{source}\nreturn typeof axe;"), vec![])
        .await?;
    Ok(())
}

/// axe-core's violations on the page as it is now.
async fn audit(app: &App) -> Result<Vec<String>> {
    let found = app.client.execute_async(AUDIT, vec![]).await?;
    Ok(serde_json::from_value(found)?)
}

/// Shows `view` (`nav` clicked, then `ready` waited for) and adds its violations to
/// `problems`.
async fn check_view(
    app: &App,
    name: &str,
    nav: Option<&str>,
    ready: &str,
    problems: &mut Vec<String>,
) -> Result<()> {
    if let Some(nav) = nav {
        app.click(nav).await?;
    }
    app.wait_for(ready).await?;
    // Let charts and lists settle before they are judged.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for violation in audit(app).await? {
        problems.push(format!("{name}: {violation}"));
    }
    Ok(())
}

/// Notes a problem unless the keyboard focus comes to `expected` (an element's
/// description as `App::focused` gives it) once `what` has opened.
async fn focus_lands(
    app: &App,
    what: &str,
    expected: &str,
    problems: &mut Vec<String>,
) -> Result<()> {
    let seen = wait_until(
        &format!("the focus on {expected} in {what}"),
        async || app.focused().await,
        |f| f == expected,
    )
    .await;
    if let Err(e) = seen {
        problems.push(format!("{what}: {e}"));
    }
    Ok(())
}

/// Presses Tab [`TABS`] times from the top of the journal view; every stop must show
/// its focus ring and come later in the page than the one before (no jumping back).
async fn tab_through(app: &App) -> Result<Vec<String>> {
    app.client
        .execute(
            "document.activeElement && document.activeElement.blur(); window.__lastFocused = null; return true;",
            vec![],
        )
        .await?;
    let mut stops = Vec::new();
    let mut problems = Vec::new();
    for _ in 0..TABS {
        app.client.active_element().await?.send_keys(TAB).await?;
        let f = app.client.execute(FOCUSED, vec![]).await?;
        let what = f.get(0).and_then(Value::as_str).unwrap_or("?").to_owned();
        let ring = f.get(1).and_then(Value::as_bool).unwrap_or(false);
        let in_order = f.get(2).and_then(Value::as_bool).unwrap_or(false);
        let on_body = f.get(3).and_then(Value::as_bool).unwrap_or(true);
        if on_body {
            problems.push(format!("Tab left the controls (after {stops:?})"));
            break;
        }
        if !ring {
            problems.push(format!("{what} has no visible focus ring"));
        }
        if !in_order {
            problems.push(format!("Tab went back up the page to {what}"));
        }
        stops.push(what);
    }
    let positive = app
        .client
        .execute(
            "return [...document.querySelectorAll('[tabindex]')].filter((e) => e.tabIndex > 0).length;",
            vec![],
        )
        .await?;
    if positive.as_u64() != Some(0) {
        problems.push(format!(
            "{positive} elements force their own tab order (tabindex > 0)"
        ));
    }
    ensure!(
        stops.len() == TABS,
        "Tab stopped after {} controls: {stops:?}",
        stops.len()
    );
    Ok(problems)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_passes_wcag_aa_checks_and_the_keyboard_shows_where_it_is() -> Result<()> {
    let data = plain_journal("accessibility")?;
    add_demo(&data, 40)?;
    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        // The app is one page: axe stays loaded from view to view.
        load_axe(&app).await?;
        let mut problems = Vec::new();
        check_view(&app, "journal", None, ".entry-card", &mut problems).await?;
        check_view(
            &app,
            "entry",
            Some(".entry-card"),
            "#entry-heading",
            &mut problems,
        )
        .await?;
        // New content takes the focus, so a screen reader starts reading there.
        focus_lands(&app, "an opened entry", "#entry-heading", &mut problems).await?;
        check_view(
            &app,
            "editor",
            Some(".new-entry"),
            "#entry-title",
            &mut problems,
        )
        .await?;
        focus_lands(&app, "a new entry", "#entry-title", &mut problems).await?;
        app.type_into("#tag-input", "hosting").await?;
        check_view(
            &app,
            "tag suggestions",
            None,
            "[role=option]",
            &mut problems,
        )
        .await?;
        check_view(
            &app,
            "search",
            Some("[data-nav=search]"),
            "#search-box",
            &mut problems,
        )
        .await?;
        app.type_into("#search-box", "team").await?;
        check_view(
            &app,
            "search results",
            None,
            "[data-hit] mark",
            &mut problems,
        )
        .await?;
        for (name, ready) in [
            ("prompts", "[data-prompt-item]"),
            ("growth", ".cell"),
            ("plan", "[data-plan]"),
            ("framework", "[role=tab][data-theme=being]"),
            ("coachees", "[data-no-coachees]"),
            ("bin", ".bin"),
            ("settings", "[data-dir]"),
        ] {
            check_view(
                &app,
                name,
                Some(&format!("[data-nav={name}]")),
                ready,
                &mut problems,
            )
            .await?;
        }
        app.click(".help-button").await?;
        check_view(&app, "help", None, "dialog.help[open]", &mut problems).await?;
        app.click("dialog.help .primary").await?;

        app.click("[data-nav=journal]").await?;
        app.wait_for(".entry-card").await?;
        problems.extend(tab_through(&app).await?);
        if !problems.is_empty() {
            bail!(
                "{} accessibility problems:\n{}",
                problems.len(),
                problems.join("\n")
            );
        }
        anyhow::Ok(())
    }
    .await;
    let closed = app.close().await;
    let _ = std::fs::remove_dir_all(&data);
    result?;
    closed
}
