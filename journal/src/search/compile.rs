//! The query language's syntax tree turned into a tantivy query, with what a snippet
//! should highlight.

use super::excluded::Excluded;
use super::schema::{Fields, plain_analyzer, stemmed_analyzer, tokens};
use super::syntax::{ClauseKind, ParsedQuery};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

/// Most index terms the last word may expand to as a prefix.
pub const MAX_PREFIX_EXPANSIONS: u32 = 50;

/// Score weight of an exact (stemmed) word match in the text.
const EXACT_BOOST: f32 = 1.0;
/// A word in the title counts a little more than in the text.
const TITLE_BOOST: f32 = 1.5;
/// A misspelling match: constant and small, so exact matches rank above it.
const FUZZY_BOOST: f32 = 0.3;
/// A prefix match of the last word: smaller still.
const PREFIX_BOOST: f32 = 0.2;

/// A query built for tantivy, with what a snippet should highlight.
pub(crate) struct CompiledQuery {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Stemmed words and phrase words to highlight.
    pub highlight: BTreeSet<String>,
    /// Unstemmed words matched fuzzily, with their edit distance (their matches are highlighted too).
    pub fuzzy: Vec<(String, u8)>,
    /// The unstemmed last word, matched as a prefix.
    pub prefix: Option<String>,
}

/// Compiles a parsed query into the tantivy query that runs it.
pub(crate) fn compile(parsed: &ParsedQuery, fields: &Fields) -> CompiledQuery {
    let mut stem = stemmed_analyzer();
    let mut plain = plain_analyzer();
    let mut built = CompiledQuery {
        query: Box::new(AllQuery),
        highlight: BTreeSet::new(),
        fuzzy: Vec::new(),
        prefix: None,
    };
    let global_fields: Vec<Field> = parsed
        .fields
        .iter()
        .filter_map(|name| fields.targeted(name))
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut positive = 0usize;
    for clause in &parsed.clauses {
        let occur = if clause.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        let query: Option<Box<dyn Query>> = match &clause.kind {
            ClauseKind::Word {
                text,
                field,
                prefix,
            } => {
                let targets = targets(field.as_deref(), &global_fields, fields);
                let stems = tokens(&mut stem, text);
                let words = tokens(&mut plain, text);
                if stems.len() > 1 {
                    // "co-production" is two words in a row: a phrase.
                    if !clause.negated {
                        built.highlight.extend(stems.iter().cloned());
                    }
                    Some(phrase(&stems, &targets, fields))
                } else if let Some(s) = stems.first() {
                    let mut group = exact(s, &targets, fields);
                    let word = words.first().filter(|_| words.len() == 1);
                    if !clause.negated {
                        built.highlight.insert(s.clone());
                        if let Some(w) = word {
                            let length = w.chars().count();
                            // Misspellings only for untargeted words: `plain` holds title and text.
                            if length >= 4 && targets.is_none() {
                                let distance = if length >= 8 { 2 } else { 1 };
                                built.fuzzy.push((w.clone(), distance));
                                group.push(boost(
                                    Box::new(FuzzyTermQuery::new(
                                        Term::from_field_text(fields.plain, w),
                                        distance,
                                        true,
                                    )),
                                    FUZZY_BOOST,
                                ));
                            }
                            if *prefix {
                                built.prefix = Some(w.clone());
                                let prefix_fields = match &targets {
                                    None => vec![fields.plain],
                                    Some(t) => t.clone(),
                                };
                                for f in prefix_fields {
                                    let mut q =
                                        PhrasePrefixQuery::new(vec![Term::from_field_text(f, w)]);
                                    q.set_max_expansions(MAX_PREFIX_EXPANSIONS);
                                    group.push(boost(Box::new(q), PREFIX_BOOST));
                                }
                            }
                        }
                    }
                    Some(any(group))
                } else {
                    None
                }
            }
            ClauseKind::Phrase { text, field } => {
                let targets = targets(field.as_deref(), &global_fields, fields);
                let stems = tokens(&mut stem, text);
                if stems.is_empty() {
                    None
                } else {
                    if !clause.negated {
                        built.highlight.extend(stems.iter().cloned());
                    }
                    Some(phrase(&stems, &targets, fields))
                }
            }
            ClauseKind::Tag { any_of, .. } => Some(filter(Box::new(TermSetQuery::new(
                any_of
                    .iter()
                    .map(|id| Term::from_field_text(fields.tag, id.as_str())),
            )))),
            ClauseKind::Theme(id) => Some(filter(term(fields.theme, id.as_str()))),
            ClauseKind::Label(label) => Some(filter(term(fields.label, label))),
            ClauseKind::Date { from, to } => {
                let bound = |d: &Option<NaiveDate>| match d {
                    Some(d) => Bound::Included(Term::from_field_i64(
                        fields.date,
                        super::schema::date_to_days(*d),
                    )),
                    None => Bound::Unbounded,
                };
                if from.is_none() && to.is_none() {
                    None
                } else {
                    Some(filter(Box::new(RangeQuery::new(bound(from), bound(to)))))
                }
            }
            ClauseKind::Template(t) => Some(filter(term(fields.template, t.as_str()))),
            ClauseKind::Code(theme) => Some(filter(term(fields.code, theme.as_str()))),
            ClauseKind::Starred(yes) => Some(filter(Box::new(TermQuery::new(
                Term::from_field_bool(fields.starred, *yes),
                IndexRecordOption::Basic,
            )))),
        };
        if let Some(query) = query {
            if occur == Occur::Must {
                positive += 1;
                clauses.push((occur, query));
            } else {
                clauses.push((occur, Box::new(Excluded(query))));
            }
        }
    }
    if !clauses.is_empty() {
        if positive == 0 {
            // Only exclusions survived analysis (e.g. a positive word of pure punctuation):
            // exclude from everything rather than match nothing.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        built.query = Box::new(BooleanQuery::new(clauses));
    }
    built
}

/// The fields a word or phrase searches: its own, else the query's `field:`s, else None
/// (meaning title and text).
fn targets(own: Option<&str>, global: &[Field], fields: &Fields) -> Option<Vec<Field>> {
    match own.and_then(|name| fields.targeted(name)) {
        Some(f) => Some(vec![f]),
        None if !global.is_empty() => Some(global.to_vec()),
        None => None,
    }
}

fn boost(query: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(query, by))
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// Filters match or not; they must not change the ranking.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn any(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// A stemmed word in the title or text (title weighted up), or in the target fields.
fn exact(stem: &str, targets: &Option<Vec<Field>>, fields: &Fields) -> Vec<Box<dyn Query>> {
    let scored = |f: Field| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f, stem),
            IndexRecordOption::WithFreqs,
        ))
    };
    match targets {
        None => vec![
            boost(scored(fields.title), TITLE_BOOST),
            boost(scored(fields.text), EXACT_BOOST),
        ],
        Some(targets) => targets.iter().map(|f| scored(*f)).collect(),
    }
}

/// Stemmed words in a row, in the title or text, or in the target fields.
fn phrase(stems: &[String], targets: &Option<Vec<Field>>, fields: &Fields) -> Box<dyn Query> {
    if stems.len() == 1 {
        return any(exact(&stems[0], targets, fields));
    }
    let in_field = |f: Field| -> Box<dyn Query> {
        Box::new(PhraseQuery::new(
            stems.iter().map(|s| Term::from_field_text(f, s)).collect(),
        ))
    };
    match targets {
        None => any(vec![
            boost(in_field(fields.title), TITLE_BOOST),
            in_field(fields.text),
        ]),
        Some(targets) => any(targets.iter().map(|f| in_field(*f)).collect()),
    }
}
