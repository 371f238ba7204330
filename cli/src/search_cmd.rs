//! `waymark search`.

use crate::output::print_json;
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use waymark_journal::query::error_span;
use waymark_journal::{Journal, JournalError, SearchOptions, SearchResults, SortOrder};

/// How to order results.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Sort {
    /// Best match first.
    Relevance,
    /// Newest reflection first.
    Date,
}

/// Arguments of `waymark search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to find: words, "exact phrases", -exclude, tag:hosting, theme:delivering,
    /// label:team, after:2026-01-01, before:…, on:…, template:rolfe, field:now-what, starred:yes.
    #[arg(num_args = 0.., value_name = "QUERY")]
    query: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Show at most this many results.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Order of results.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// Search what this coachee shared with you instead of your own journal.
    #[arg(long, value_name = "NAME", conflicts_with = "all_journals")]
    journal: Option<String>,
    /// Search your own journal and everything your coachees shared with you.
    #[arg(long)]
    all_journals: bool,
}

/// Runs `waymark search`, in this journal, one coachee's or all of them.
pub fn run(journal: &Journal, args: SearchArgs) -> Result<()> {
    let query = args.query.join(" ");
    let options = options(&args);
    let placed = |e| placed(e, &query);
    if let Some(name) = &args.journal {
        for found in journal
            .search_coachees(&query, &options, Some(name))
            .map_err(placed)?
        {
            show(&found.results, args.json)?;
        }
        return Ok(());
    }
    let own = journal.search(&query, &options).map_err(placed)?;
    if !args.all_journals {
        return show(&own, args.json);
    }
    let mut sections = vec![("your journal".to_owned(), own)];
    for found in journal
        .search_coachees(&query, &options, None)
        .map_err(placed)?
    {
        sections.push((found.coachee.name, found.results));
    }
    if args.json {
        let mut all = Vec::new();
        for (label, results) in &sections {
            for mut hit in hits_json(results)? {
                if let Some(object) = hit.as_object_mut() {
                    object.insert("journal".into(), label.clone().into());
                }
                all.push(hit);
            }
        }
        return print_json(&all);
    }
    for (label, results) in &sections {
        say!("== {label} ==")?;
        show(results, false)?;
        say!()?;
    }
    Ok(())
}

/// A search's error, with the query underneath and the term at fault marked, as the
/// engine placed it:
///
/// ```text
/// waymark: 'qqqzzz' at character 7 is not a framework tag
///   trust tag:qqqzzz
///         ^^^^^^^^^^
/// ```
fn placed(error: JournalError, query: &str) -> anyhow::Error {
    let span = match &error {
        JournalError::Query(q) => error_span(query, q),
        _ => None,
    };
    match span {
        Some((start, end)) => anyhow::anyhow!(
            "{error}\n  {query}\n  {}{}",
            " ".repeat(start),
            "^".repeat(end.saturating_sub(start).max(1))
        ),
        None => error.into(),
    }
}

fn options(args: &SearchArgs) -> SearchOptions {
    SearchOptions {
        limit: args.limit,
        offset: 0,
        sort: match args.sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Date => SortOrder::Date,
        },
    }
}

/// The hits as JSON objects, `snippet` being the plain-text passage (the HTML one
/// stays for richer readers).
fn hits_json(results: &SearchResults) -> Result<Vec<serde_json::Value>> {
    let mut hits = Vec::with_capacity(results.hits.len());
    for hit in &results.hits {
        let mut value = serde_json::to_value(hit)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("snippet".into(), hit.snippet_text.clone().into());
        }
        hits.push(value);
    }
    Ok(hits)
}

/// Prints one journal's results.
fn show(results: &SearchResults, json: bool) -> Result<()> {
    if json {
        return print_json(&hits_json(results)?);
    }
    let mut out = crate::output::stdout();
    if results.total == 0 {
        writeln!(out, "No reflections match.")?;
        return Ok(());
    }
    match results.total {
        1 => writeln!(out, "1 reflection matches:")?,
        n => writeln!(out, "{n} reflections match:")?,
    }
    for hit in &results.hits {
        writeln!(
            out,
            "\n{}  {}  {}{}",
            hit.id,
            hit.date,
            if hit.starred { "★ " } else { "" },
            hit.title
        )?;
        if !hit.snippet_text.is_empty() {
            let snippet: Vec<&str> = hit.snippet_text.split_whitespace().collect();
            writeln!(out, "    {}", snippet.join(" "))?;
        }
    }
    if !results.facets.themes.is_empty() {
        let themes: Vec<String> = results
            .facets
            .themes
            .iter()
            .map(|f| format!("{} {}", f.label, f.count))
            .collect();
        writeln!(out, "\nBy theme: {}", themes.join(" · "))?;
    }
    if !results.facets.behaviours.is_empty() {
        let behaviours: Vec<String> = results
            .facets
            .behaviours
            .iter()
            .map(|f| format!("{} {}", f.label, f.count))
            .collect();
        writeln!(out, "By behaviour: {}", behaviours.join(" · "))?;
    }
    Ok(())
}
