//! A wrapper that keeps an excluded clause's scorer from being asked to seek backwards.
//!
//! tantivy 0.27.0 (the newest release) asserts in debug builds that a phrase scorer is
//! never asked for a document before the one it sits on: quickwit-oss/tantivy#2811,
//! closed in January 2026 and fixed on tantivy's main branch after 0.27.0. The first
//! release after 0.27.0 retires this module: upgrade, delete it, and run the exclusion
//! tests in `journal/tests/search.rs` in a debug build.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// Wraps an excluded clause. tantivy 0.27's phrase scorer asserts (in debug builds)
/// that an exclusion probe never asks for a document before the one it sits on, but a
/// fresh scorer sits on its first match, which can come after the first candidate
/// (`budget -"ran late"` tripped it). The wrapper answers such probes itself.
#[derive(Debug)]
pub(super) struct Excluded(pub(super) Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ExcludedScorer(Box<dyn Scorer>);

impl DocSet for ExcludedScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        // Never ask the inner scorer to go backwards.
        let doc = self.0.doc();
        if doc >= target {
            doc
        } else {
            self.0.seek(target)
        }
    }

    // `seek_danger` keeps DocSet's default, which calls `seek` only when behind.

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ExcludedScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
