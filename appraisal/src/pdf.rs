//! The PDF: the plan handed to typst as data (never as markup) and typeset by
//! `pack.typ` with fonts built into the binary.

use crate::error::PackError;
use crate::markdown::{Block, Inline};
use crate::model::{PackRequest, Step};
use crate::plan::{self, EntryPlan, Plan};
use crate::summary::Tally;
use chrono::Datelike;
use std::sync::OnceLock;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Array, Dict, IntoValue, Smart, Value};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

/// The pack's layout, in typst; every word of the leader's arrives through `sys.inputs`.
const TEMPLATE: &str = include_str!("pack.typ");

/// One engine for the life of the process: loading the fonts is the slow part of
/// setting it up, and the template never changes.
fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(TEMPLATE)
            // Libertinus Serif (text) and DejaVu Sans Mono (code) from typst-assets:
            // no system fonts are looked at, so every machine makes the same file.
            .fonts(typst_assets::fonts())
            // Keep typst's memo cache from growing without end across many packs.
            .comemo_evict_max_age(Some(10))
            .build()
    })
}

/// Makes the pack as a PDF.
pub(crate) fn pdf(req: &PackRequest, progress: &mut dyn FnMut(Step)) -> Result<Vec<u8>, PackError> {
    let fw = waymark_framework::lpc();
    let plan = plan::plan(fw, req);
    let total = plan.entry_count() + 1;
    let mut done = 0;

    let mut inputs = Dict::new();
    put(&mut inputs, "cover", cover(&plan));
    put(&mut inputs, "summary", summary(&plan));
    let actions: Array = plan
        .actions
        .iter()
        .map(|a| {
            let mut d = Dict::new();
            put(&mut d, "text", a.text.as_str());
            put(&mut d, "meta", a.meta.as_str());
            put(&mut d, "status", a.status);
            put(
                &mut d,
                "note",
                a.note.as_deref().map_or(Value::None, IntoValue::into_value),
            );
            d.into_value()
        })
        .collect();
    put(&mut inputs, "actions", actions);
    let mut groups = Array::new();
    for group in &plan.groups {
        let mut entries = Array::new();
        for entry in &group.entries {
            entries.push(entry_value(&plan::entry(fw, entry)));
            done += 1;
            progress(Step { done, total });
        }
        let mut g = Dict::new();
        put(&mut g, "heading", group.heading.as_str());
        put(
            &mut g,
            "theme",
            group
                .theme
                .clone()
                .map_or(Value::None, IntoValue::into_value),
        );
        put(&mut g, "entries", entries);
        groups.push(g.into_value());
    }
    put(&mut inputs, "groups", groups);
    let day = plan.generated_on;
    put(&mut inputs, "year", i64::from(day.year()));
    put(&mut inputs, "month", i64::from(day.month()));
    put(&mut inputs, "day", i64::from(day.day()));

    let doc: PagedDocument = engine()
        .compile_with_input(inputs)
        .output
        .map_err(|e| PackError::Typeset(typst_error(e)))?;
    let options = typst_pdf::PdfOptions {
        // A stable identifier, so the same pack made twice is the same file.
        ident: Smart::Custom("waymark-appraisal-pack".to_owned()),
        creator: Smart::Custom(Some("Waymark".to_owned())),
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&doc, &options).map_err(|d| PackError::Pdf(diagnostics(&d)))?;
    progress(Step { done: total, total });
    Ok(bytes)
}

fn put(dict: &mut Dict, key: &str, value: impl IntoValue) {
    dict.insert(key.into(), value.into_value());
}

fn typst_error(e: TypstAsLibError) -> String {
    match e {
        TypstAsLibError::TypstSource(d) => diagnostics(&d),
        other => other.to_string(),
    }
}

fn diagnostics(d: &[SourceDiagnostic]) -> String {
    d.iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn cover(plan: &Plan) -> Dict {
    let c = &plan.cover;
    let mut d = Dict::new();
    put(&mut d, "title", c.title);
    put(&mut d, "leader", c.leader.as_str());
    put(&mut d, "period_label", c.period_label.as_str());
    put(&mut d, "period_dates", c.period_dates.as_str());
    put(&mut d, "framework", c.framework.as_str());
    put(&mut d, "generated", c.generated.as_str());
    put(&mut d, "caution", c.caution);
    put(&mut d, "footer", c.footer.as_str());
    d
}

fn tally(d: &mut Dict, t: &Tally) {
    put(d, "count", t.count as i64);
    put(d, "first", plan::maybe_date(t.first));
    put(d, "latest", plan::maybe_date(t.latest));
}

fn summary(plan: &Plan) -> Dict {
    let s = &plan.summary;
    let mut d = Dict::new();
    put(&mut d, "reflections", s.reflections as i64);
    put(&mut d, "outside_period", s.outside_period as i64);
    put(
        &mut d,
        "second_half_from",
        plan::long_date(s.second_half_from),
    );
    let themes: Array = s
        .themes
        .iter()
        .map(|t| {
            let mut td = Dict::new();
            put(&mut td, "name", t.name.as_str());
            tally(&mut td, &t.tally);
            let behaviours: Array = t
                .behaviours
                .iter()
                .map(|b| {
                    let mut bd = Dict::new();
                    put(&mut bd, "label", b.label.as_str());
                    tally(&mut bd, &b.tally);
                    bd.into_value()
                })
                .collect();
            put(&mut td, "behaviours", behaviours);
            td.into_value()
        })
        .collect();
    put(&mut d, "themes", themes);
    let grown: Array = s
        .grown
        .iter()
        .map(|g| {
            let mut gd = Dict::new();
            put(&mut gd, "label", g.label.as_str());
            put(&mut gd, "first_half", g.first_half as i64);
            put(&mut gd, "second_half", g.second_half as i64);
            gd.into_value()
        })
        .collect();
    put(&mut d, "grown", grown);
    let not_yet: Array = s
        .not_yet
        .iter()
        .map(|b| b.label.as_str().into_value())
        .collect();
    put(&mut d, "not_yet", not_yet);
    d
}

fn entry_value(e: &EntryPlan) -> Value {
    let mut d = Dict::new();
    put(&mut d, "title", e.title.as_str());
    put(&mut d, "meta", e.meta.as_str());
    let tags: Array = e.tags.iter().map(|t| t.as_str().into_value()).collect();
    put(&mut d, "tags", tags);
    let nmc = e.nmc.as_ref().map_or(Value::None, |n| {
        let mut nd = Dict::new();
        let answers: Array = n
            .answers
            .iter()
            .map(|(q, a)| {
                let mut ad = Dict::new();
                put(&mut ad, "question", *q);
                put(&mut ad, "blocks", blocks(a));
                ad.into_value()
            })
            .collect();
        put(&mut nd, "answers", answers);
        let themes: Array = n
            .themes
            .iter()
            .map(|t| {
                let mut td = Dict::new();
                put(&mut td, "name", t.name.as_str());
                put(&mut td, "chosen", t.chosen);
                td.into_value()
            })
            .collect();
        put(&mut nd, "themes", themes);
        nd.into_value()
    });
    put(&mut d, "nmc", nmc);
    let boxes: Array = e
        .boxes
        .iter()
        .map(|(label, b)| {
            let mut bd = Dict::new();
            put(&mut bd, "label", label.as_str());
            put(&mut bd, "blocks", blocks(b));
            bd.into_value()
        })
        .collect();
    put(&mut d, "boxes", boxes);
    put(
        &mut d,
        "notes",
        e.notes
            .as_deref()
            .map_or(Value::None, |n| blocks(n).into_value()),
    );
    d.into_value()
}

fn blocks(bs: &[Block]) -> Array {
    bs.iter().map(block).collect()
}

fn block(b: &Block) -> Value {
    let mut d = Dict::new();
    match b {
        Block::Para(inl) => {
            put(&mut d, "kind", "para");
            put(&mut d, "inlines", inlines(inl));
        }
        Block::Heading(inl) => {
            put(&mut d, "kind", "heading");
            put(&mut d, "inlines", inlines(inl));
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            put(&mut d, "kind", "list");
            put(&mut d, "ordered", *ordered);
            put(&mut d, "start", i64::try_from(*start).unwrap_or(1));
            let items: Array = items.iter().map(|i| blocks(i).into_value()).collect();
            put(&mut d, "items", items);
        }
        Block::Quote(inner) => {
            put(&mut d, "kind", "quote");
            put(&mut d, "blocks", blocks(inner));
        }
        Block::Code(text) => {
            put(&mut d, "kind", "code");
            put(&mut d, "text", text.as_str());
        }
        Block::Rule => put(&mut d, "kind", "rule"),
    }
    d.into_value()
}

fn inlines(xs: &[Inline]) -> Array {
    xs.iter()
        .map(|x| {
            let mut d = Dict::new();
            match x {
                Inline::Text {
                    text,
                    strong,
                    emph,
                    code,
                } => {
                    put(&mut d, "t", text.as_str());
                    put(&mut d, "b", *strong);
                    put(&mut d, "i", *emph);
                    put(&mut d, "c", *code);
                }
                Inline::Break => put(&mut d, "br", true),
            }
            d.into_value()
        })
        .collect()
}
