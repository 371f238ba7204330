//! Running a search: the query language ([`syntax`]) compiled ([`compile`]) and run over
//! the tantivy index ([`index`], [`schema`]), with ranked or dated hits, highlighted
//! snippets and facet counts.
//!
//! Hits are read from the index's stored fields, so a search needs no SQLite round trip.

mod compile;
mod excluded;
pub(crate) mod index;
pub(crate) mod schema;
mod sealed;
pub mod syntax;

use crate::error::{JournalError, Result};
use crate::journal::Journal;
use crate::model::{EntryId, Template};
use chrono::NaiveDate;
use compile::CompiledQuery;
use index::SearchIndex;
use schema::{Fields, hit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::FuzzyTermQuery;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};
use ts_rs::TS;
use waymark_framework::{TagId, lpc};

/// Most hits one search returns, whatever the caller asks for.
pub const MAX_LIMIT: usize = 1_000;
/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 180;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum SortOrder {
    /// Best match first (BM25). A query without words is always newest first.
    #[default]
    Relevance,
    /// Newest reflection date first.
    Date,
}

/// Options for a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchOptions {
    /// Most hits to return (at most [`MAX_LIMIT`]; 0 returns only the total and facets).
    pub limit: usize,
    /// Hits to skip, for paging.
    #[serde(default)]
    pub offset: usize,
    /// Order of hits.
    #[serde(default)]
    pub sort: SortOrder,
}

impl Default for SearchOptions {
    /// The first 20 hits, best first.
    fn default() -> Self {
        SearchOptions {
            limit: 20,
            offset: 0,
            sort: SortOrder::Relevance,
        }
    }
}

/// One matching entry, with what a result list shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    /// Entry id.
    pub id: EntryId,
    /// Its title.
    pub title: String,
    /// The date the reflection is about.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// A passage around the matches as HTML: text escaped, matches in `<mark>`.
    pub snippet_html: String,
    /// The same passage as plain text.
    pub snippet_text: String,
    /// Framework tag ids.
    pub tags: Vec<TagId>,
    /// Free labels.
    pub labels: Vec<String>,
    /// Starred.
    pub starred: bool,
    /// Template used.
    pub template: Template,
    /// Relevance score (BM25; 0 when sorted by date).
    pub score: f32,
}

/// How many matching entries sit under one framework item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Facet {
    /// Theme or behaviour id.
    pub id: String,
    /// Its label, for display.
    pub label: String,
    /// Number of matching entries.
    pub count: usize,
}

impl SearchHit {
    /// The snippet as plain passages, each with whether it is a match, for a reader
    /// that highlights its own way (a terminal) rather than with HTML.
    pub fn snippet_passages(&self) -> Vec<(String, bool)> {
        crate::render::marked_passages(&self.snippet_html)
    }
}

/// Facet counts over the whole result set (not just the page), most first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FacetCounts {
    /// Entries per theme (of any of their tags).
    pub themes: Vec<Facet>,
    /// Entries per directly tagged behaviour.
    pub behaviours: Vec<Facet>,
}

/// What a search returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchResults {
    /// Number of matching entries.
    pub total: usize,
    /// The requested page of hits.
    pub hits: Vec<SearchHit>,
    /// Counts per theme and behaviour over all matches.
    pub facets: FacetCounts,
    /// The query as the engine read it, clause by clause with where each was written:
    /// the desktop's filter controls read these and never parse the text themselves.
    #[serde(default)]
    pub clauses: Vec<syntax::Clause>,
}

impl Journal {
    /// The ids of every entry matching `query`, newest reflection first, however many
    /// there are (for exporting or sharing a search's result).
    pub fn search_ids(&self, query: &str) -> Result<Vec<EntryId>> {
        let mut ids = Vec::new();
        loop {
            let options = SearchOptions {
                limit: MAX_LIMIT,
                offset: ids.len(),
                sort: SortOrder::Date,
            };
            let page = self.search(query, &options)?;
            let got = page.hits.len();
            ids.extend(page.hits.into_iter().map(|h| h.id));
            if got == 0 || ids.len() >= page.total {
                return Ok(ids);
            }
        }
    }

    /// Searches the journal. See [`crate::query`] for the query language; an empty
    /// query returns every entry (not in the bin), newest first.
    ///
    /// Pending saves are committed first, so what was just saved is found.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResults> {
        let parsed = syntax::parse(query)?;
        self.ready_to_search()?;
        run(&self.index, &parsed, options)
    }
}

/// Runs a parsed query against the index.
pub(crate) fn run(
    index: &SearchIndex,
    parsed: &syntax::ParsedQuery,
    options: &SearchOptions,
) -> Result<SearchResults> {
    index.commit()?;
    let fields = index.fields();
    let built = compile::compile(parsed, fields);
    let searcher = index.searcher();
    // Ranking only means something when words were asked for.
    let by_date = options.sort == SortOrder::Date || !parsed.has_text();
    let limit = options.limit.min(MAX_LIMIT);
    // tantivy's TopDocs needs at least one; a limit of 0 still counts and facets.
    let top = TopDocs::with_limit(limit.max(1)).and_offset(options.offset);
    let mut facets = FacetCollector::for_field("facet");
    facets.add_facet("/theme");
    facets.add_facet("/behaviour");

    // A damaged segment can make tantivy panic mid-search: report it as an index error
    // (the journal's `reindex` repairs it) rather than crash the app.
    let outcome = catch_unwind(AssertUnwindSafe(
        || -> tantivy::Result<(usize, Vec<(f32, DocAddress)>, _)> {
            if by_date {
                let (total, docs, counts) = searcher.search(
                    built.query.as_ref(),
                    &(
                        Count,
                        top.order_by_fast_field::<i64>("date", Order::Desc),
                        facets,
                    ),
                )?;
                Ok((
                    total,
                    docs.into_iter().map(|(_, a)| (0.0, a)).collect(),
                    counts,
                ))
            } else {
                searcher.search(built.query.as_ref(), &(Count, top.order_by_score(), facets))
            }
        },
    ));
    let (total, docs, counts) = match outcome {
        Ok(result) => result?,
        Err(_) => {
            return Err(JournalError::Index(
                "the search index is damaged; run `waymark reindex` to rebuild it".into(),
            ));
        }
    };

    let snippets = snippet_generator(index, &searcher, &built);
    let mut hits = Vec::with_capacity(docs.len().min(limit));
    for (score, address) in docs.into_iter().take(limit) {
        let doc: TantivyDocument = searcher.doc(address)?;
        hits.push(hit(&doc, fields, score, &snippets)?);
    }
    Ok(SearchResults {
        total,
        hits,
        facets: FacetCounts {
            themes: facet_list(&counts, "/theme"),
            behaviours: facet_list(&counts, "/behaviour"),
        },
        clauses: parsed.clauses.clone(),
    })
}

fn facet_list(counts: &tantivy::collector::FacetCounts, root: &str) -> Vec<Facet> {
    let mut list: Vec<Facet> = counts
        .get(root)
        .filter_map(|(facet, count)| {
            let id = facet.to_path().last()?.to_string();
            let label = lpc()
                .item(&id)
                .map_or_else(|| id.clone(), |item| item.label().to_owned());
            Some(Facet {
                id,
                label,
                count: usize::try_from(count).unwrap_or(usize::MAX),
            })
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    list
}

/// A snippet generator highlighting the query's words, and the index terms its
/// misspelt and half-typed words matched, in their stemmed form (as the text field is
/// tokenised).
fn snippet_generator(
    index: &SearchIndex,
    searcher: &Searcher,
    built: &CompiledQuery,
) -> SnippetGenerator {
    let fields = index.fields();
    let mut stem = schema::stemmed_analyzer();
    let mut terms: BTreeMap<String, f32> =
        built.highlight.iter().map(|t| (t.clone(), 1.0)).collect();
    for word in expansions(searcher, fields, built) {
        for stemmed in schema::tokens(&mut stem, &word) {
            // Near matches highlight a little less eagerly than the words typed.
            terms.entry(stemmed).or_insert(0.5);
        }
    }
    SnippetGenerator::new(terms, stem, fields.text, SNIPPET_CHARS)
}

/// The words in the index that the query's fuzzy and prefix words matched.
fn expansions(searcher: &Searcher, fields: &Fields, built: &CompiledQuery) -> Vec<String> {
    let cap = compile::MAX_PREFIX_EXPANSIONS as usize;
    let mut found = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(fields.plain) else {
            continue;
        };
        let dictionary = inverted.terms();
        for (word, distance) in &built.fuzzy {
            let query =
                FuzzyTermQuery::new(Term::from_field_text(fields.plain, word), *distance, true);
            let Ok(automaton) = query.automaton() else {
                continue;
            };
            if let Ok(mut stream) = dictionary.search(automaton).into_stream() {
                let mut n = 0;
                while n < cap && stream.advance() {
                    if let Ok(text) = std::str::from_utf8(stream.key()) {
                        found.push(text.to_owned());
                    }
                    n += 1;
                }
            }
        }
        if let Some(prefix) = &built.prefix {
            let mut range = dictionary.range().ge(prefix.as_bytes());
            if let Some(end) = prefix_end(prefix.as_bytes()) {
                range = range.lt(end);
            }
            if let Ok(mut stream) = range.into_stream() {
                let mut n = 0;
                while n < cap && stream.advance() {
                    if let Ok(text) = std::str::from_utf8(stream.key()) {
                        found.push(text.to_owned());
                    }
                    n += 1;
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The smallest byte string greater than every string starting with `prefix`.
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryDraft};
    use chrono::Utc;

    fn entry(title: &str, body: &str, date: (i32, u32, u32), tags: &[&str]) -> Entry {
        let now = Utc::now();
        Entry {
            id: EntryId::new(),
            draft: EntryDraft {
                code: Vec::new(),
                title: title.into(),
                body: body.into(),
                template: Template::Free,
                fields: Default::default(),
                date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap_or_default(),
                tags: tags.iter().map(|t| TagId((*t).into())).collect(),
                labels: vec!["Board".into()],
                starred: false,
            },
            created_at: now,
            updated_at: now,
            revision: 1,
            deleted_at: None,
        }
    }

    fn search(index: &SearchIndex, q: &str) -> SearchResults {
        match syntax::parse(q)
            .map_err(JournalError::from)
            .and_then(|p| run(index, &p, &SearchOptions::default()))
        {
            Ok(r) => r,
            Err(e) => panic!("{q}: {e}"),
        }
    }

    #[test]
    fn index_and_search_in_ram() -> Result<()> {
        let index = SearchIndex::open_in_ram()?;
        let a = entry(
            "Delegating the rota",
            "I delegated the **rota** to Sam & Jo, 3 < 4.",
            (2026, 3, 4),
            &["hosting-style", "sharing-power", "authenticity"],
        );
        let b = entry(
            "Budget meeting",
            "Numbers, numbers.",
            (2026, 3, 5),
            &["being"],
        );
        index.upsert(&a, 1)?;
        index.upsert(&b, 2)?;

        let r = search(&index, "delegate");
        assert_eq!(r.total, 1);
        assert_eq!(r.hits[0].id, a.id);
        assert!(
            r.hits[0].snippet_html.contains("<mark>delegated</mark>"),
            "{:?}",
            r.hits[0]
        );
        assert!(
            r.hits[0].snippet_html.contains("Sam &amp; Jo, 3 &lt; 4"),
            "{:?}",
            r.hits[0]
        );
        assert!(!r.hits[0].snippet_text.contains("**"));
        assert_eq!(r.hits[0].labels, vec!["Board".to_owned()]);
        assert_eq!(index.watermark(), 2);

        let all = search(&index, "");
        assert_eq!(all.total, 2);
        assert_eq!(all.hits[0].id, b.id, "newest first");
        let theme_ids: Vec<_> = all.facets.themes.iter().map(|f| f.id.as_str()).collect();
        assert!(theme_ids.contains(&"being"), "{theme_ids:?}");
        assert_eq!(
            all.facets.behaviours.len(),
            1,
            "{:?}",
            all.facets.behaviours
        );
        assert_eq!(
            all.facets.behaviours[0].id, "authenticity",
            "a quality is no behaviour facet"
        );

        assert_eq!(search(&index, "label:board").total, 2);
        assert_eq!(search(&index, "numbers -budget").total, 0);
        assert_eq!(search(&index, "delgated").total, 1, "fuzzy");
        assert_eq!(search(&index, "rot").total, 1, "prefix");

        let mut gone = a.clone();
        gone.deleted_at = Some(Utc::now());
        index.upsert(&gone, 3)?;
        assert_eq!(search(&index, "delegate").total, 0);
        index.remove(b.id, 4)?;
        assert_eq!(search(&index, "").total, 0);
        Ok(())
    }
}
