//! The index's schema: its fields and analysers, the document written for an entry
//! and the hit read back from it, side by side so a change to one is seen in the other.

use super::{SNIPPET_CHARS, SearchHit};
use crate::error::{JournalError, Result};
use crate::model::{Entry, EntryId, Template};
use crate::render::plain_text;
use std::collections::BTreeSet;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer,
};
use tantivy::{Index, TantivyDocument};
use waymark_framework::{Item, TagId, lpc};

/// English words: split on non-alphanumerics, drop absurdly long tokens, lowercase,
/// fold accents (so "café" finds "cafe") and stem ("delegating" finds "delegated").
pub(crate) const STEMMED: &str = "waymark_en_stem";
/// The same words unstemmed, for fuzzy and prefix matching: a misspelling or a
/// half-typed word is close to the word as written, not to its stem.
pub(crate) const PLAIN: &str = "waymark_plain";
/// A whole label as one lowercased token, so `label:Board` finds "board".
pub(crate) const LABEL: &str = "waymark_label";

/// Bumped whenever the schema or the analysers change: an index written with another
/// format is wiped and rebuilt rather than trusted.
pub(crate) const FORMAT: u32 = 2;

/// Tokens longer than this are dropped (base64 blobs, pasted URLs).
const MAX_TOKEN_LEN: usize = 40;

/// The schema's fields, looked up once.
#[derive(Debug, Clone)]
pub(crate) struct Fields {
    /// Entry id (raw, stored).
    pub id: Field,
    /// Title (stemmed, positions, stored).
    pub title: Field,
    /// Body and every template field as plain text (stemmed, positions, stored for snippets).
    pub text: Field,
    /// Title and text unstemmed (doc ids only), for fuzzy and prefix matching.
    pub plain: Field,
    /// One field per template field key (stemmed, positions), for `field:now-what`.
    pub template_fields: Vec<(&'static str, Field)>,
    /// Direct framework tag ids (raw, stored, multi-valued).
    pub tag: Field,
    /// The theme of every tag (raw, multi-valued).
    pub theme: Field,
    /// Free labels (whole, lowercased, stored as written).
    pub label: Field,
    /// Reflection date as days since 1970-01-01 (fast, for sorting and ranges).
    pub date: Field,
    /// Template name (raw, stored).
    pub template: Field,
    /// The NMC Code themes an account is relevant to (raw ids, multi-valued), for `code:`.
    pub code: Field,
    /// Starred (fast, stored).
    pub starred: Field,
    /// `/theme/<id>` and `/behaviour/<id>` for facet counts.
    pub facet: Field,
}

impl Fields {
    /// The field for a template field key (`now-what`) or `title`.
    pub(crate) fn targeted(&self, key: &str) -> Option<Field> {
        if key == "title" {
            return Some(self.title);
        }
        self.template_fields
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| *f)
    }
}

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed_positions = TextFieldIndexing::default()
        .set_tokenizer(STEMMED)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let stored_text = TextOptions::default()
        .set_indexing_options(stemmed_positions.clone())
        .set_stored();
    let plain = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PLAIN)
            .set_index_option(IndexRecordOption::Basic)
            // Only fuzzy and prefix queries use it, and they score constantly.
            .set_fieldnorms(false),
    );
    let label = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(LABEL)
                .set_index_option(IndexRecordOption::Basic)
                .set_fieldnorms(false),
        )
        .set_stored();

    let id = builder.add_text_field("id", STRING | STORED);
    let title = builder.add_text_field("title", stored_text.clone());
    let text = builder.add_text_field("text", stored_text);
    let plain = builder.add_text_field("plain", plain);
    let template_fields = Template::field_keys()
        .into_iter()
        .map(|key| {
            let options = TextOptions::default().set_indexing_options(stemmed_positions.clone());
            (key, builder.add_text_field(&format!("f_{key}"), options))
        })
        .collect();
    let tag = builder.add_text_field("tag", STRING | STORED);
    let theme = builder.add_text_field("theme", STRING);
    let label = builder.add_text_field("label", label);
    let date = builder.add_i64_field("date", INDEXED | FAST | STORED);
    let template = builder.add_text_field("template", STRING | STORED);
    let code = builder.add_text_field("code", STRING);
    let starred = builder.add_bool_field("starred", INDEXED | FAST | STORED);
    let facet = builder.add_facet_field("facet", FacetOptions::default());
    let fields = Fields {
        id,
        title,
        text,
        plain,
        template_fields,
        tag,
        theme,
        label,
        date,
        template,
        code,
        starred,
        facet,
    };
    (builder.build(), fields)
}

/// The stemming analyser used for every text field (also for snippets and queries).
pub(crate) fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The unstemmed analyser for fuzzy and prefix matching.
pub(crate) fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyser for labels: the whole label, lowercased.
fn label_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// Runs text through an analyser and returns its tokens.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

pub(crate) fn register_tokenizers(index: &Index) {
    // Tokenizers are not saved in the index, so they are registered on every open.
    let manager = index.tokenizers();
    manager.register(STEMMED, stemmed_analyzer());
    manager.register(PLAIN, plain_analyzer());
    manager.register(LABEL, label_analyzer());
}

/// Days since 1970-01-01, the date field's value.
pub(crate) fn date_to_days(date: chrono::NaiveDate) -> i64 {
    date.signed_duration_since(chrono::NaiveDate::default())
        .num_days()
}

/// The date a date field value stands for (1970-01-01 if out of range).
pub(crate) fn days_to_date(days: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::default()
        .checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or_default()
}

/// The index document for an entry: what [`hit`] reads back.
pub(crate) fn document(f: &Fields, entry: &Entry) -> TantivyDocument {
    let draft = &entry.draft;
    let mut doc = TantivyDocument::new();
    doc.add_text(f.id, entry.id.to_string());
    doc.add_text(f.title, &draft.title);

    // Body, then the template's fields in the order they are written.
    let mut text = plain_text(&draft.body);
    let mut keys: Vec<&str> = draft.template.fields().iter().map(|t| t.key).collect();
    keys.extend(
        draft
            .fields
            .keys()
            .map(String::as_str)
            .filter(|k| draft.template.field(k).is_none()),
    );
    for key in keys {
        let Some(value) = draft.fields.get(key) else {
            continue;
        };
        let value = plain_text(value);
        if value.is_empty() {
            continue;
        }
        if let Some(field) = f.targeted(key).filter(|field| *field != f.title) {
            doc.add_text(field, &value);
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&value);
    }
    doc.add_text(f.plain, &draft.title);
    doc.add_text(f.plain, &text);
    doc.add_text(f.text, text);

    let mut themes = BTreeSet::new();
    let mut facets = BTreeSet::new();
    for tag in &draft.tags {
        doc.add_text(f.tag, tag.as_str());
        if let Some(item) = lpc().item(tag.as_str()) {
            let theme = item.theme().as_str();
            themes.insert(theme);
            facets.insert(("theme", theme));
            // Only direct behaviour tags count as behaviours; a quality's inferred
            // behaviour is not claimed on the leader's behalf.
            if let Item::Behaviour(b) = item {
                facets.insert(("behaviour", b.id.as_str()));
            }
        }
    }
    for theme in themes {
        doc.add_text(f.theme, theme);
    }
    for (kind, id) in facets {
        doc.add_facet(f.facet, tantivy::schema::Facet::from_path([kind, id]));
    }
    for label in &draft.labels {
        doc.add_text(f.label, label);
    }
    doc.add_i64(f.date, date_to_days(draft.date));
    doc.add_text(f.template, draft.template.as_str());
    for theme in &draft.code {
        doc.add_text(f.code, theme.as_str());
    }
    doc.add_bool(f.starred, draft.starred);
    doc
}

/// The hit read back from an entry's [`document`], with its snippet.
pub(crate) fn hit(
    doc: &TantivyDocument,
    fields: &Fields,
    score: f32,
    snippets: &SnippetGenerator,
) -> Result<SearchHit> {
    let text = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("");
    let id = text(fields.id).parse::<EntryId>().map_err(|_| {
        JournalError::Index("a search hit has no valid id; run `waymark reindex`".into())
    })?;
    let body = text(fields.text);
    let mut snippet = snippets.snippet(body);
    let (snippet_html, snippet_text) = if snippet.is_empty() {
        // The match was only in the title (or there were no words): show the opening.
        let opening = opening(body, SNIPPET_CHARS);
        (crate::render::escape(&opening), opening)
    } else {
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        // tantivy escapes the text; the sanitiser is the second, independent guard.
        let html = crate::render::sanitise_snippet(&snippet.to_html());
        (html, snippet.fragment().to_owned())
    };
    Ok(SearchHit {
        id,
        title: text(fields.title).to_owned(),
        date: days_to_date(
            doc.get_first(fields.date)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
        ),
        snippet_html,
        snippet_text,
        tags: doc
            .get_all(fields.tag)
            .filter_map(|v| v.as_str())
            .map(|t| TagId(t.to_owned()))
            .collect(),
        labels: doc
            .get_all(fields.label)
            .filter_map(|v| v.as_str())
            .map(str::to_owned)
            .collect(),
        starred: doc
            .get_first(fields.starred)
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        template: text(fields.template).parse().unwrap_or_default(),
        score,
    })
}

/// The start of a text, cut at a word boundary, with an ellipsis if cut.
pub(super) fn opening(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemmer_joins_word_forms() {
        let mut a = stemmed_analyzer();
        assert_eq!(tokens(&mut a, "delegating"), tokens(&mut a, "Delegated"));
        assert_eq!(tokens(&mut a, "Café"), vec!["cafe".to_owned()]);
    }

    #[test]
    fn days_round_trip() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap_or_default();
        assert_eq!(days_to_date(date_to_days(d)), d);
        let old = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
        assert!(date_to_days(old) < 0);
        assert_eq!(days_to_date(date_to_days(old)), old);
    }

    #[test]
    fn opening_cuts_at_a_word() {
        assert_eq!(opening("short  text", 20), "short text");
        let long = "word ".repeat(100);
        let cut = opening(&long, 30);
        assert!(cut.ends_with('…') && cut.chars().count() <= 31, "{cut}");
    }
}
