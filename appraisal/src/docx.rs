//! The Word file: the same plan as the PDF, written with docx-rs so the leader can
//! edit it or paste it into an appraisal system that wants Word.

use crate::error::PackError;
use crate::markdown::{self, Block, Inline};
use crate::model::{PackRequest, Step};
use crate::plan::{self, EntryPlan};
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

/// Word counts sizes in half points and lengths in twentieths of a point.
const BODY_SIZE: usize = 22;
const ACCENT: &str = "1F4E79";
const MUTED: &str = "5F5F5F";
/// A4 less 2.3 cm each side, in twips: the width tables are laid out to.
const TEXT_WIDTH: usize = 9298;
/// Fonts every Word has; LibreOffice substitutes its metric twins (Carlito, Liberation).
const BODY_FONT: &str = "Calibri";
const CODE_FONT: &str = "Consolas";
const SYMBOL_FONT: &str = "Segoe UI Symbol";

/// Makes the pack as a Word file.
pub(crate) fn docx(
    req: &PackRequest,
    progress: &mut dyn FnMut(Step),
) -> Result<Vec<u8>, PackError> {
    let fw = waymark_framework::lpc();
    let plan = plan::plan(fw, req);
    let total = plan.entry_count() + 1;
    let mut done = 0;

    let mut doc = styled(Docx::new())
        .page_margin(
            PageMargin::new()
                .top(1247)
                .bottom(1417)
                .left(1304)
                .right(1304),
        )
        .created_at(&format!(
            "{}T00:00:00Z",
            plan.generated_on.format("%Y-%m-%d")
        ))
        .updated_at(&format!(
            "{}T00:00:00Z",
            plan.generated_on.format("%Y-%m-%d")
        ))
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_run(muted(&format!("{}    Page ", plan.cover.footer)).size(17))
                    .add_page_num(PageNum::new())
                    .add_run(muted(" of ").size(17))
                    .add_num_pages(NumPages::new()),
            ),
        );

    // Cover.
    let c = &plan.cover;
    doc = doc
        .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().before(2400)))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(c.title)),
        );
    if !c.leader.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&c.leader).size(34)));
    }
    doc = doc
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&c.period_label).size(28)))
        .add_paragraph(Paragraph::new().add_run(muted(&c.period_dates).size(24)))
        .add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(2400))
                .add_run(Run::new().add_text(&c.framework)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&c.generated)))
        .add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(240))
                .add_run(Run::new().add_text(c.caution).size(19).italic()),
        );

    // Summary.
    let s = &plan.summary;
    doc = doc.add_paragraph(heading(1, "Summary"));
    let count = match s.reflections {
        1 => "1 reflection in this pack.".to_owned(),
        n => format!("{n} reflections in this pack."),
    };
    doc = doc.add_paragraph(text_para(&count));
    if s.outside_period > 0 {
        let verb = if s.outside_period == 1 { "is" } else { "are" };
        doc = doc.add_paragraph(Paragraph::new().add_run(muted(&format!(
            "{} of them {verb} dated outside the period.",
            s.outside_period
        ))));
    }
    doc = doc.add_paragraph(heading(2, "By theme and behaviour"));
    let widths = [TEXT_WIDTH - 4300, 1300, 1500, 1500];
    let cell = |text: &str, i: usize, bold: bool, shade: bool, indent: bool| {
        let mut run = Run::new().add_text(text);
        if bold {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if indent {
            p = p.indent(Some(284), None, None, None);
        }
        if i == 1 {
            p = p.align(AlignmentType::Right);
        }
        let mut cell = TableCell::new()
            .add_paragraph(p)
            .width(widths[i], WidthType::Dxa);
        if shade {
            cell = cell.shading(Shading::new().fill("ECECEC"));
        }
        cell
    };
    let mut rows = vec![TableRow::new(
        ["Theme and behaviour", "Reflections", "First", "Latest"]
            .iter()
            .enumerate()
            .map(|(i, t)| cell(t, i, true, false, false))
            .collect(),
    )];
    for t in &s.themes {
        let line = [
            t.name.clone(),
            t.tally.count.to_string(),
            plan::maybe_date(t.tally.first),
            plan::maybe_date(t.tally.latest),
        ];
        rows.push(TableRow::new(
            line.iter()
                .enumerate()
                .map(|(i, x)| cell(x, i, i < 2, true, false))
                .collect(),
        ));
        for b in &t.behaviours {
            let line = [
                b.label.clone(),
                b.tally.count.to_string(),
                plan::maybe_date(b.tally.first),
                plan::maybe_date(b.tally.latest),
            ];
            rows.push(TableRow::new(
                line.iter()
                    .enumerate()
                    .map(|(i, x)| cell(x, i, false, false, i == 0))
                    .collect(),
            ));
        }
    }
    doc = doc
        .add_table(Table::new(rows).set_grid(widths.to_vec()).width(TEXT_WIDTH, WidthType::Dxa))
        .add_paragraph(Paragraph::new().add_run(
            muted("A reflection counts once for each theme and behaviour its tags lead to; a quality counts for the behaviour it sits beside.").size(18),
        ))
        .add_paragraph(heading(2, "What has grown"))
        .add_paragraph(text_para(&format!(
            "Behaviours reflected on more often from {}, the second half of the period, than before it.",
            plan::long_date(s.second_half_from)
        )));
    if s.grown.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(muted(
            "No behaviour was reflected on more in the second half than in the first.",
        )));
    }
    for g in &s.grown {
        doc = doc.add_paragraph(bullet(
            0,
            "•",
            vec![Run::new().add_text(format!(
                "{}: {} in the first half, {} in the second",
                g.label, g.first_half, g.second_half
            ))],
        ));
    }
    doc = doc.add_paragraph(heading(2, "Not yet reflected on"));
    if s.not_yet.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(muted(
            "Every behaviour has at least one reflection in the period.",
        )));
    } else {
        doc = doc.add_paragraph(text_para("Behaviours with no reflection in the period:"));
        for b in &s.not_yet {
            doc = doc.add_paragraph(bullet(0, "•", vec![Run::new().add_text(&b.label)]));
        }
    }

    // The development plan.
    doc = doc.add_paragraph(heading(1, "Development plan"));
    if plan.actions.is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(muted("No actions were planned from these reflections.")),
        );
    } else {
        doc = doc.add_paragraph(text_para(
            "Actions planned from these reflections: open ones first, soonest due first.",
        ));
    }
    for a in &plan.actions {
        doc = doc
            .add_paragraph(
                Paragraph::new()
                    .keep_next(true)
                    .add_run(Run::new().add_text(&a.text).bold()),
            )
            .add_paragraph(
                Paragraph::new()
                    .add_run(muted(&format!("{} · ", a.meta)).size(19))
                    .add_run(muted(a.status).bold().size(19)),
            );
        if let Some(note) = &a.note {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .indent(Some(284), None, None, None)
                    .add_run(Run::new().add_text(note).italic()),
            );
        }
    }

    // Reflections.
    doc = doc.add_paragraph(heading(1, "Reflections"));
    for group in &plan.groups {
        doc = doc.add_paragraph(heading(2, &group.heading));
        if let Some(theme) = &group.theme {
            doc = doc.add_paragraph(Paragraph::new().add_run(muted(theme).size(19)));
        }
        for entry in &group.entries {
            doc = add_entry(doc, &plan::entry(fw, entry));
            done += 1;
            progress(Step { done, total });
        }
    }

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| PackError::Docx(e.to_string()))?;
    progress(Step { done: total, total });
    Ok(out.into_inner())
}

fn styled(doc: Docx) -> Docx {
    let fonts = || {
        RunFonts::new()
            .ascii(BODY_FONT)
            .hi_ansi(BODY_FONT)
            .cs(BODY_FONT)
            .east_asia(BODY_FONT)
    };
    let head = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color(ACCENT)
            .outline_lvl(level)
            .line_spacing(
                LineSpacing::new()
                    .before(if level == 0 { 0 } else { 280 })
                    .after(100),
            )
    };
    doc.default_fonts(fonts())
        .default_size(BODY_SIZE)
        .add_style(head("Title", "Title", 52, 0))
        .add_style(head("Heading1", "heading 1", 40, 0))
        .add_style(head("Heading2", "heading 2", 30, 1))
        .add_style(head("Heading3", "heading 3", 26, 2).color("000000"))
        .add_style(head("Heading4", "heading 4", BODY_SIZE, 3))
}

fn heading(level: usize, text: &str) -> Paragraph {
    let p = Paragraph::new()
        .style(&format!("Heading{level}"))
        .keep_next(true)
        .add_run(Run::new().add_text(text));
    // Each part of the pack starts on a page of its own, as in the PDF.
    if level == 1 {
        p.page_break_before(true)
    } else {
        p
    }
}

fn text_para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn muted(text: &str) -> Run {
    Run::new().add_text(text).color(MUTED)
}

fn add_entry(mut doc: Docx, e: &EntryPlan) -> Docx {
    doc = doc.add_paragraph(heading(3, &e.title)).add_paragraph(
        Paragraph::new()
            .keep_next(true)
            .add_run(muted(&e.meta).size(19)),
    );
    if !e.tags.is_empty() {
        let mut p = Paragraph::new();
        for (i, tag) in e.tags.iter().enumerate() {
            if i > 0 {
                p = p.add_run(Run::new().add_text("  "));
            }
            p = p.add_run(
                Run::new()
                    .add_text(format!(" {tag} "))
                    .size(17)
                    .color(ACCENT)
                    .shading(Shading::new().fill("E6EEF6")),
            );
        }
        doc = doc.add_paragraph(p);
    }
    if let Some(nmc) = &e.nmc {
        for (question, answer) in &nmc.answers {
            doc = doc.add_paragraph(heading(4, question));
            doc = add_blocks(doc, answer, 0);
        }
        let mut p = Paragraph::new();
        for t in &nmc.themes {
            let symbol = if t.chosen { "☒ " } else { "☐ " };
            p = p.add_run(
                Run::new()
                    .add_text(symbol)
                    .fonts(RunFonts::new().ascii(SYMBOL_FONT).hi_ansi(SYMBOL_FONT)),
            );
            let name = Run::new().add_text(format!("{}    ", t.name));
            p = p.add_run(if t.chosen { name.bold() } else { name });
        }
        doc = doc.add_paragraph(p);
    }
    for (label, blocks) in &e.boxes {
        doc = doc.add_paragraph(heading(4, label));
        doc = add_blocks(doc, blocks, 0);
    }
    if let Some(notes) = &e.notes {
        doc = doc.add_paragraph(heading(4, "Notes"));
        doc = add_blocks(doc, notes, 0);
    }
    doc
}

fn runs(inlines: &[Inline]) -> Vec<Run> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text {
                text,
                strong,
                emph,
                code,
            } => {
                let mut run = Run::new().add_text(text);
                if *strong {
                    run = run.bold();
                }
                if *emph {
                    run = run.italic();
                }
                if *code {
                    run = run.fonts(RunFonts::new().ascii(CODE_FONT).hi_ansi(CODE_FONT));
                }
                run
            }
            Inline::Break => Run::new().add_break(docx_rs::BreakType::TextWrapping),
        })
        .collect()
}

/// A list item: a hanging indent per level with its marker, no Word numbering
/// definitions needed, so the file opens the same in every word processor.
fn bullet(level: usize, marker: &str, body: Vec<Run>) -> Paragraph {
    let left = 360 * (i32::try_from(level).unwrap_or(0) + 1);
    let mut p = Paragraph::new()
        .indent(
            Some(left),
            Some(SpecialIndentType::Hanging(300)),
            None,
            None,
        )
        .add_run(Run::new().add_text(format!("{marker}\t")));
    for r in body {
        p = p.add_run(r);
    }
    p
}

fn add_blocks(mut doc: Docx, blocks: &[Block], level: usize) -> Docx {
    let indent = |p: Paragraph| {
        if level == 0 {
            p
        } else {
            p.indent(
                Some(360 * i32::try_from(level).unwrap_or(0)),
                None,
                None,
                None,
            )
        }
    };
    for block in blocks {
        doc = match block {
            Block::Para(inl) => {
                let mut p = indent(Paragraph::new());
                for r in runs(inl) {
                    p = p.add_run(r);
                }
                doc.add_paragraph(p)
            }
            Block::Heading(inl) => doc.add_paragraph(
                indent(Paragraph::new().keep_next(true))
                    .add_run(Run::new().add_text(markdown::plain(inl)).bold()),
            ),
            Block::List {
                ordered,
                start,
                items,
            } => {
                for (n, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}.", start.saturating_add(n as u64))
                    } else {
                        "•".to_owned()
                    };
                    // The item's first paragraph carries the marker; the rest sit under it.
                    let (first, rest) = match item.split_first() {
                        Some((Block::Para(inl), rest)) => (runs(inl), rest),
                        _ => (Vec::new(), item.as_slice()),
                    };
                    doc = doc.add_paragraph(bullet(level, &marker, first));
                    doc = add_blocks(doc, rest, level + 1);
                }
                doc
            }
            Block::Quote(inner) => add_blocks(doc, inner, level + 1),
            Block::Code(code) => {
                let mut p = indent(Paragraph::new());
                for (i, line) in code.lines().enumerate() {
                    if i > 0 {
                        p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
                    }
                    p = p.add_run(
                        Run::new()
                            .add_text(line)
                            .size(19)
                            .fonts(RunFonts::new().ascii(CODE_FONT).hi_ansi(CODE_FONT)),
                    );
                }
                doc.add_paragraph(p)
            }
            Block::Rule => doc.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(muted("* * *")),
            ),
        };
    }
    doc
}
