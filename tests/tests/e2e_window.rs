//! The desktop window itself: every view stays usable at 200% zoom.

use anyhow::{Context, Result, bail, ensure};
use fantoccini::elements::Element;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use waymark_tests::{App, cli_binary, plain_journal};

/// A 1280×900 window at 200% zoom shows this many CSS pixels.
const ZOOMED: (i64, i64) = (640, 450);

/// Runs the `waymark` terminal command on `data_dir`; returns what it printed.
fn cli(data_dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new(cli_binary()?)
        .args(args)
        .env("WAYMARK_DATA_DIR", data_dir)
        .stderr(Stdio::inherit())
        .output()
        .context("could not run `waymark`")?;
    ensure!(out.status.success(), "`waymark {args:?}` failed");
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

/// The web page's viewport (`innerWidth`, `innerHeight`) in CSS pixels.
async fn viewport(app: &App) -> Result<(i64, i64)> {
    let v = app
        .client
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await?;
    let size = |i: usize| {
        v.get(i)
            .and_then(|n| n.as_i64())
            .context("no viewport size")
    };
    Ok((size(0)?, size(1)?))
}

/// Sizes the window so its page is `want` CSS pixels, allowing for any decorations.
async fn set_viewport(app: &App, want: (i64, i64)) -> Result<()> {
    let (mut w, mut h) = want;
    for _ in 0..3 {
        app.client
            .set_window_size(u32::try_from(w)?, u32::try_from(h)?)
            .await?;
        tokio::time::sleep(Duration::from_millis(400)).await;
        let got = viewport(app).await?;
        if got == want {
            return Ok(());
        }
        w += want.0 - got.0;
        h += want.1 - got.1;
    }
    bail!(
        "the page is {:?} CSS pixels, not {want:?}",
        viewport(app).await?
    )
}

/// Fails if the page, or the main pane under it, scrolls sideways; names what sticks out.
async fn no_sideways_scroll(app: &App, view: &str) -> Result<()> {
    let found = app
        .client
        .execute(
            r#"
            const wide = (e) => e.scrollWidth > e.clientWidth + 1;
            const page = document.documentElement;
            const main = document.querySelector("main");
            const out = [];
            for (const e of document.querySelectorAll("body *")) {
                const r = e.getBoundingClientRect();
                if (r.width > 0 && r.right > window.innerWidth + 1) {
                    out.push(`${e.tagName.toLowerCase()}.${e.className} (right ${Math.round(r.right)})`);
                }
            }
            return {
                page: [page.scrollWidth, page.clientWidth, wide(page)],
                main: main ? [main.scrollWidth, main.clientWidth, wide(main)] : null,
                outside: out.slice(0, 8),
            };
            "#,
            vec![],
        )
        .await?;
    let wide = |key: &str| found[key].get(2).and_then(|b| b.as_bool()) == Some(true);
    if wide("page") || wide("main") {
        let shot = app.failure_screenshot().await;
        bail!(
            "{view} scrolls sideways at 200% zoom: page {}, main {}; sticking out: {} (window: {shot})",
            found["page"],
            found["main"],
            found["outside"]
        );
    }
    Ok(())
}

/// Fails unless `element` is shown and lies wholly inside the window.
async fn in_view(app: &App, element: &Element, what: &str) -> Result<()> {
    ensure!(element.is_displayed().await?, "{what} is hidden");
    let (x, y, w, h) = element.rectangle().await?;
    let (vw, vh) = viewport(app).await?;
    let (vw, vh) = (vw as f64, vh as f64);
    ensure!(
        x >= -0.5 && y >= -0.5 && x + w <= vw + 0.5 && y + h <= vh + 0.5 && w > 0.0 && h > 0.0,
        "{what} is at ({x}, {y}) size {w}×{h}, outside the {vw}×{vh} window"
    );
    Ok(())
}

/// Scrolls the first `css` element into view, then checks it is wholly inside the window.
async fn usable(app: &App, css: &str) -> Result<Element> {
    let element = app.wait_for(css).await?;
    app.client
        .execute(
            "arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' });",
            vec![serde_json::to_value(&element)?],
        )
        .await?;
    in_view(app, &element, css).await?;
    Ok(element)
}

/// Every section's button (and New entry) is on screen, without scrolling.
async fn navigation_reachable(app: &App, view: &str) -> Result<()> {
    let buttons = app.all("nav [data-nav], nav .new-entry").await?;
    ensure!(buttons.len() == 10, "{} navigation buttons", buttons.len());
    for b in &buttons {
        let name = b
            .attr("data-nav")
            .await?
            .unwrap_or_else(|| "new-entry".into());
        in_view(app, b, &format!("the {name} button (on {view})"))
            .await
            .with_context(|| format!("navigation on {view} at 200% zoom"))?;
    }
    Ok(())
}

/// The checks every view gets, then a screenshot.
async fn check_view(app: &App, view: &str) -> Result<()> {
    no_sideways_scroll(app, view).await?;
    navigation_reachable(app, view).await?;
    app.screenshot(&format!("zoom-200-{view}")).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_is_usable_at_200_percent_zoom() -> Result<()> {
    let data = plain_journal("zoom")?;
    cli(
        &data,
        &[
            "add",
            "--title",
            "Chairing the neighbourhood forum with a long title that has to wrap somewhere",
            "--tag",
            "hosting style",
            "--field",
            "what=Residents set the agenda and https://example.org/a/very/long/address/that/must/not/push/the/page/sideways stayed readable.",
            "--field",
            "so-what=Delegating built trust.",
        ],
    )?;
    cli(
        &data,
        &[
            "add",
            "--title",
            "Budget review with the care team",
            "--tag",
            "resilience",
            "--body",
            "Held the line on the budget and kept the team's trust.",
        ],
    )?;
    let binned = cli(
        &data,
        &["add", "--title", "An aside to bin", "--body", "Not needed."],
    )?;
    cli(&data, &["delete", &binned])?;

    let app = App::launch(&data).await?;
    let result = async {
        app.wait_for(".entry-card").await?;
        set_viewport(&app, ZOOMED).await?;

        // Journal: the entries are listed and one opens.
        app.click("[data-nav=journal]").await?;
        app.wait_for_text(".entry-card .entry-title", "Budget review")
            .await?;
        usable(&app, ".entry-card").await?;
        check_view(&app, "journal").await?;
        app.wait_for_text(".entry-card", "Budget review")
            .await?
            .click()
            .await?;
        app.wait_for_text("#entry-heading", "Budget review").await?;
        usable(&app, "[data-action=edit]").await?;
        check_view(&app, "entry").await?;

        // Editor: a title can be typed and the entry saved.
        usable(&app, ".new-entry").await?.click().await?;
        let title = usable(&app, "#entry-title").await?;
        title.send_keys("Written at 200% zoom").await?;
        ensure!(app.value("#entry-title").await? == "Written at 200% zoom");
        usable(&app, "[data-field=what]")
            .await?
            .send_keys("Everything still fits.")
            .await?;
        check_view(&app, "editor").await?;
        usable(&app, "[data-action=save]").await?.click().await?;
        app.wait_for_text("#entry-heading", "Written at 200% zoom")
            .await?;

        // Search: typing finds an entry.
        app.click("[data-nav=search]").await?;
        usable(&app, "#search-box")
            .await?
            .send_keys("forum")
            .await?;
        app.wait_for_text(
            "[data-hit] .entry-title",
            "Chairing the neighbourhood forum",
        )
        .await?;
        usable(&app, "[data-hit]").await?;
        check_view(&app, "search").await?;

        // Prompts: a prompt's button can be reached.
        app.click("[data-nav=prompts]").await?;
        usable(&app, "[data-action=write-prompt]").await?;
        check_view(&app, "prompts").await?;

        // Growth: the heat map's cells are there to click.
        app.click("[data-nav=growth]").await?;
        app.wait_for("#growth-title").await?;
        usable(&app, ".cell[data-item=hosting-style]").await?;
        check_view(&app, "growth").await?;

        // Plan: its explanation and (empty) list fit.
        app.click("[data-nav=plan]").await?;
        usable(&app, "[data-plan-empty]").await?;
        check_view(&app, "plan").await?;

        // Framework: another theme can be chosen.
        app.click("[data-nav=framework]").await?;
        usable(&app, "[role=tab][data-theme=delivering]")
            .await?
            .click()
            .await?;
        app.wait_for("#theme-panel[data-theme=delivering]").await?;
        check_view(&app, "framework").await?;

        // Bin: the binned entry can be restored.
        app.click("[data-nav=bin]").await?;
        app.wait_for_text(".bin-item strong", "An aside to bin")
            .await?;
        usable(&app, ".bin-item [data-action=purge]").await?;
        check_view(&app, "bin").await?;
        usable(&app, ".bin-item [data-action=restore]")
            .await?
            .click()
            .await?;
        app.wait_for_text(".bin .empty", "The bin is empty").await?;

        // Coachees: with nobody yet, the way to receive a file is there.
        app.click("[data-nav=coachees]").await?;
        app.wait_for("[data-no-coachees]").await?;
        usable(&app, "[data-coachees] [data-action=receive-bundle]").await?;
        check_view(&app, "coachees").await?;

        // Settings: the index can be rebuilt.
        app.click("[data-nav=settings]").await?;
        usable(&app, "[data-action=export-json]").await?;
        check_view(&app, "settings").await?;
        usable(&app, "[data-action=reindex]").await?;

        let errors = app.errors().await?;
        ensure!(errors.is_empty(), "errors shown: {errors:?}");
        anyhow::Ok(())
    }
    .await;
    app.close().await?;
    let _ = std::fs::remove_dir_all(&data);
    result
}
