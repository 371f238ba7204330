//! `waymark search`.

use crate::output::{NothingMatched, print_json};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use waymark_journal::query::error_span;
use waymark_journal::{
    Facet, FacetCounts, Journal, JournalError, SEARCH_MAX_LIMIT, SearchOptions, SearchResults,
    SortOrder,
};

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
    /// Show at most this many results (at most 1,000 at a time).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Skip this many results first (with --limit, to page through them).
    #[arg(long, default_value_t = 0)]
    offset: usize,
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
///
/// With no match anywhere it ends in [`NothingMatched`] (exit status 1), after printing
/// the result: an empty one in JSON, the sentence on standard error in text.
pub fn run(journal: &Journal, args: SearchArgs) -> Result<()> {
    let query = args.query.join(" ");
    let options = options(&args);
    let placed = |e| placed(e, &query);
    // Each journal searched, by the name a reader knows it by ("your journal" first).
    let mut sections = Vec::new();
    if let Some(name) = &args.journal {
        for found in journal
            .search_coachees(&query, &options, Some(name))
            .map_err(placed)?
        {
            sections.push((Some(found.coachee.name), found.results));
        }
    } else {
        sections.push((None, journal.search(&query, &options).map_err(placed)?));
        if args.all_journals {
            for found in journal
                .search_coachees(&query, &options, None)
                .map_err(placed)?
            {
                sections.push((Some(found.coachee.name), found.results));
            }
        }
    }
    let several = args.all_journals || sections.len() > 1;
    if args.json {
        print_json(&results_json(&sections, several, &args)?)?;
    } else {
        for (name, results) in &sections {
            if several {
                say!("== {} ==", name.as_deref().unwrap_or(OWN))?;
            }
            // A coachee's journal has its own short ids.
            let theirs = name
                .as_deref()
                .map(|name| journal.coachee_journal(name))
                .transpose()?;
            show(theirs.as_deref().unwrap_or(journal), results)?;
            if several {
                say!()?;
            }
        }
    }
    for (_, results) in &sections {
        note_unshown(results, &args);
    }
    if sections.iter().all(|(_, results)| results.total == 0) {
        let said = (!args.json && !several).then(|| NO_MATCH.to_owned());
        return Err(NothingMatched(said).into());
    }
    Ok(())
}

/// The label of this journal's own section and hits (a coachee's are their name).
const OWN: &str = "your journal";

/// What text output says when nothing matched (on standard error).
const NO_MATCH: &str = "No reflections match.";

/// `search --json`: `{"total", "offset", "hits", "facets"}`; searching several
/// journals, each hit names its `journal`, the total and facets count them all, and
/// `journals` gives each one's own total.
fn results_json(
    sections: &[(Option<String>, SearchResults)],
    several: bool,
    args: &SearchArgs,
) -> Result<serde_json::Value> {
    let mut hits = Vec::new();
    let mut total = 0;
    let mut facets = FacetCounts::default();
    for (name, results) in sections {
        let label = name.as_deref().unwrap_or(OWN);
        total += results.total;
        add_facets(&mut facets.themes, &results.facets.themes);
        add_facets(&mut facets.behaviours, &results.facets.behaviours);
        for mut hit in hits_json(results)? {
            if let (true, Some(object)) = (several, hit.as_object_mut()) {
                object.insert("journal".into(), label.into());
            }
            hits.push(hit);
        }
    }
    let mut value = serde_json::json!({
        "total": total,
        "offset": args.offset,
        "hits": hits,
        "facets": facets,
    });
    if let (true, Some(object)) = (several, value.as_object_mut()) {
        let journals: Vec<serde_json::Value> = sections
            .iter()
            .map(|(name, r)| {
                serde_json::json!({ "journal": name.as_deref().unwrap_or(OWN), "total": r.total })
            })
            .collect();
        object.insert("journals".into(), journals.into());
    }
    Ok(value)
}

/// Adds one journal's facet counts into the sum, ordered as the engine orders one
/// journal's: most first, then by id.
fn add_facets(sum: &mut Vec<Facet>, more: &[Facet]) {
    for facet in more {
        match sum.iter_mut().find(|f| f.id == facet.id) {
            Some(f) => f.count += facet.count,
            None => sum.push(facet.clone()),
        }
    }
    sum.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// What to say on standard error when results matched but were not shown: always
/// when the engine's cap cut a longer --limit short (it would be silent otherwise),
/// and, for a person reading text, when more results follow the page shown.
fn unshown_note(results: &SearchResults, args: &SearchArgs) -> Option<String> {
    let shown = results.hits.len();
    let after = args.offset.saturating_add(shown);
    // --limit 0 asks for the count alone.
    if args.limit == 0 || after >= results.total {
        return None;
    }
    if args.limit > SEARCH_MAX_LIMIT {
        return Some(format!(
            "showing {} of {}; a search shows at most {} at a time: use --limit/--offset or narrow the search",
            thousands(shown),
            thousands(results.total),
            thousands(SEARCH_MAX_LIMIT)
        ));
    }
    (!args.json).then(|| {
        format!(
            "showing {} of {}; --offset {after} shows the next {}",
            thousands(shown),
            thousands(results.total),
            thousands(args.limit.min(results.total - after))
        )
    })
}

fn note_unshown(results: &SearchResults, args: &SearchArgs) {
    if let Some(note) = unshown_note(results, args) {
        eprintln!("waymark: {note}");
    }
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
        offset: args.offset,
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

/// Prints one journal's results as text, matches highlighted on a terminal.
fn show(journal: &Journal, results: &SearchResults) -> Result<()> {
    if results.total == 0 {
        tell!("{NO_MATCH}");
        return Ok(());
    }
    let mut out = crate::output::stdout();
    match results.total {
        1 => writeln!(out, "1 reflection matches:")?,
        n => writeln!(out, "{n} reflections match:")?,
    }
    // Short ids as `list` shows them, unique in the journal searched.
    let shorts = journal.short_ids()?;
    let colour = crate::colour::enabled();
    for hit in &results.hits {
        writeln!(
            out,
            "\n{}  {}  {}{}",
            shorts.short(hit.id),
            hit.date,
            if hit.starred { "★ " } else { "" },
            hit.title
        )?;
        let snippet = crate::colour::highlighted(&hit.snippet_passages(), colour);
        if !snippet.is_empty() {
            out.styled(&format!("    {snippet}\n"))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use waymark_journal::SearchHit;

    #[derive(Parser)]
    struct Line {
        #[command(flatten)]
        args: SearchArgs,
    }

    fn args(line: &[&str]) -> SearchArgs {
        let mut all = vec!["search"];
        all.extend_from_slice(line);
        Line::parse_from(all).args
    }

    fn results(total: usize, shown: usize) -> SearchResults {
        let hit = SearchHit {
            id: waymark_journal::EntryId::new(),
            title: "t".into(),
            date: chrono::NaiveDate::MIN,
            snippet_html: String::new(),
            snippet_text: String::new(),
            tags: vec![],
            labels: vec![],
            starred: false,
            template: waymark_journal::Template::Free,
            score: 0.0,
        };
        SearchResults {
            total,
            hits: vec![hit; shown],
            ..SearchResults::default()
        }
    }

    #[test]
    fn facets_of_several_journals_add_up_most_first() {
        let facet = |id: &str, count| Facet {
            id: id.into(),
            label: id.to_uppercase(),
            count,
        };
        let mut sum = Vec::new();
        add_facets(&mut sum, &[facet("trust", 2), facet("courage", 1)]);
        add_facets(&mut sum, &[facet("courage", 2), facet("agency", 1)]);
        assert_eq!(
            sum,
            [facet("courage", 3), facet("trust", 2), facet("agency", 1)]
        );
    }

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn a_capped_search_always_says_so_and_a_page_says_what_follows() {
        let capped = unshown_note(&results(4321, 1000), &args(&["--limit", "5000", "--json"]));
        assert_eq!(
            capped.as_deref(),
            Some(
                "showing 1,000 of 4,321; a search shows at most 1,000 at a time: use --limit/--offset or narrow the search"
            )
        );
        let page = unshown_note(&results(45, 20), &args(&["--offset", "20"]));
        assert_eq!(
            page.as_deref(),
            Some("showing 20 of 45; --offset 40 shows the next 5")
        );
        // JSON readers get the page they asked for without a word; so does the last page.
        assert_eq!(unshown_note(&results(45, 20), &args(&["--json"])), None);
        assert_eq!(
            unshown_note(&results(45, 5), &args(&["--offset", "40"])),
            None
        );
        assert_eq!(unshown_note(&results(3, 3), &args(&[])), None);
    }
}
