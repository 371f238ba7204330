//! Markdown read into a small tree of blocks and styled runs that both writers lay
//! out themselves. Going through a tree, rather than turning Markdown into typst
//! markup, means nothing a leader wrote is ever read as markup by the typesetter.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Lists and quotes nested deeper than this are laid out flat: no reflection needs
/// more, and it keeps the typesetter's recursion bounded whatever text comes in.
const MAX_DEPTH: usize = 6;

/// A block of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A paragraph.
    Para(Vec<Inline>),
    /// A heading written inside a box (shown as a bold line, not a pack heading).
    Heading(Vec<Inline>),
    /// A list; each item is its own blocks.
    List {
        /// Numbered rather than bulleted.
        ordered: bool,
        /// The first number of a numbered list.
        start: u64,
        /// The items.
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A thematic break.
    Rule,
}

/// A run of text with its styling, or a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Text.
    Text {
        /// The words.
        text: String,
        /// Bold.
        strong: bool,
        /// Italic.
        emph: bool,
        /// Inline code.
        code: bool,
    },
    /// A hard line break.
    Break,
}

enum Frame {
    Blocks(Vec<Block>),
    Para {
        inlines: Vec<Inline>,
        implicit: bool,
    },
    Heading(Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Item(Vec<Block>),
    Quote(Vec<Block>),
    Code(String),
}

/// Reads Markdown into blocks. Never fails: anything not understood stays as text.
pub(crate) fn parse(text: &str) -> Vec<Block> {
    let mut stack = vec![Frame::Blocks(Vec::new())];
    let (mut strong, mut emph) = (0usize, 0usize);
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::HtmlBlock => {
                    close_implicit(&mut stack);
                    stack.push(Frame::Para {
                        inlines: Vec::new(),
                        implicit: false,
                    });
                }
                Tag::Heading { .. } => {
                    close_implicit(&mut stack);
                    stack.push(Frame::Heading(Vec::new()));
                }
                Tag::List(start) => {
                    close_implicit(&mut stack);
                    stack.push(Frame::List {
                        ordered: start.is_some(),
                        start: start.unwrap_or(1),
                        items: Vec::new(),
                    });
                }
                Tag::Item => stack.push(Frame::Item(Vec::new())),
                Tag::BlockQuote(_) => {
                    close_implicit(&mut stack);
                    stack.push(Frame::Quote(Vec::new()));
                }
                Tag::CodeBlock(_) => {
                    close_implicit(&mut stack);
                    stack.push(Frame::Code(String::new()));
                }
                Tag::Strong => strong += 1,
                Tag::Emphasis => emph += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::HtmlBlock => {
                    if let Some(Frame::Para { inlines, .. }) = stack.pop() {
                        attach(&mut stack, Block::Para(inlines));
                    }
                }
                TagEnd::Heading(_) => {
                    if let Some(Frame::Heading(inlines)) = stack.pop() {
                        attach(&mut stack, Block::Heading(inlines));
                    }
                }
                TagEnd::Item => {
                    close_implicit(&mut stack);
                    if let Some(Frame::Item(blocks)) = stack.pop()
                        && let Some(Frame::List { items, .. }) = stack.last_mut()
                    {
                        items.push(blocks);
                    }
                }
                TagEnd::List(_) => {
                    if let Some(Frame::List {
                        ordered,
                        start,
                        items,
                    }) = stack.pop()
                    {
                        attach(
                            &mut stack,
                            Block::List {
                                ordered,
                                start,
                                items,
                            },
                        );
                    }
                }
                TagEnd::BlockQuote(_) => {
                    close_implicit(&mut stack);
                    if let Some(Frame::Quote(blocks)) = stack.pop() {
                        attach(&mut stack, Block::Quote(blocks));
                    }
                }
                TagEnd::CodeBlock => {
                    if let Some(Frame::Code(code)) = stack.pop() {
                        attach(
                            &mut stack,
                            Block::Code(code.trim_end_matches('\n').to_owned()),
                        );
                    }
                }
                TagEnd::Strong => strong = strong.saturating_sub(1),
                TagEnd::Emphasis => emph = emph.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(Frame::Code(code)) = stack.last_mut() {
                    code.push_str(&t);
                } else {
                    push_inline(&mut stack, run(&t, strong > 0, emph > 0, false));
                }
            }
            Event::Code(t) => push_inline(&mut stack, run(&t, strong > 0, emph > 0, true)),
            // Raw HTML is not rendered anywhere in Waymark; shown as the characters typed.
            Event::Html(t) | Event::InlineHtml(t) => push_inline(
                &mut stack,
                run(t.trim_end_matches('\n'), false, false, false),
            ),
            Event::SoftBreak => push_inline(&mut stack, run(" ", strong > 0, emph > 0, false)),
            Event::HardBreak => push_inline(&mut stack, Inline::Break),
            Event::Rule => {
                close_implicit(&mut stack);
                attach(&mut stack, Block::Rule);
            }
            _ => {}
        }
    }
    close_implicit(&mut stack);
    // Unclosed frames cannot happen with pulldown-cmark, but fold them in rather than lose text.
    while stack.len() > 1 {
        if let Some(frame) = stack.pop() {
            attach(&mut stack, frame_block(frame));
        }
    }
    let blocks = match stack.pop() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    };
    clamp(blocks, 0)
}

fn run(text: &str, strong: bool, emph: bool, code: bool) -> Inline {
    Inline::Text {
        text: text.to_owned(),
        strong,
        emph,
        code,
    }
}

fn frame_block(frame: Frame) -> Block {
    match frame {
        Frame::Para { inlines, .. } => Block::Para(inlines),
        Frame::Heading(inlines) => Block::Heading(inlines),
        Frame::List {
            ordered,
            start,
            items,
        } => Block::List {
            ordered,
            start,
            items,
        },
        Frame::Item(blocks) | Frame::Quote(blocks) | Frame::Blocks(blocks) => Block::Quote(blocks),
        Frame::Code(code) => Block::Code(code),
    }
}

/// Ends a paragraph that was opened only to hold the text of a tight list item.
fn close_implicit(stack: &mut Vec<Frame>) {
    if matches!(stack.last(), Some(Frame::Para { implicit: true, .. }))
        && let Some(Frame::Para { inlines, .. }) = stack.pop()
    {
        attach(stack, Block::Para(inlines));
    }
}

fn attach(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Blocks(blocks) | Frame::Item(blocks) | Frame::Quote(blocks)) => {
            blocks.push(block)
        }
        // A block straight inside a list (never made by pulldown-cmark) becomes an item.
        Some(Frame::List { items, .. }) => items.push(vec![block]),
        _ => {}
    }
}

fn push_inline(stack: &mut Vec<Frame>, inline: Inline) {
    match stack.last_mut() {
        Some(Frame::Para { inlines, .. } | Frame::Heading(inlines)) => {
            // Neighbouring runs of one style are one run: fewer, longer runs lay out faster.
            if let (
                Some(Inline::Text {
                    text,
                    strong,
                    emph,
                    code,
                }),
                Inline::Text {
                    text: more,
                    strong: s,
                    emph: e,
                    code: c,
                },
            ) = (inlines.last_mut(), &inline)
                && (*strong, *emph, *code) == (*s, *e, *c)
            {
                text.push_str(more);
                return;
            }
            inlines.push(inline);
        }
        Some(Frame::Code(code)) => {
            if let Inline::Text { text, .. } = inline {
                code.push_str(&text);
            }
        }
        _ => stack.push(Frame::Para {
            inlines: vec![inline],
            implicit: true,
        }),
    }
}

/// Flattens lists and quotes nested past `MAX_DEPTH` into their contents.
fn clamp(blocks: Vec<Block>, depth: usize) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        match block {
            Block::List {
                ordered,
                start,
                items,
            } if depth < MAX_DEPTH => out.push(Block::List {
                ordered,
                start,
                items: items
                    .into_iter()
                    .map(|item| clamp(item, depth + 1))
                    .collect(),
            }),
            Block::Quote(inner) if depth < MAX_DEPTH => {
                out.push(Block::Quote(clamp(inner, depth + 1)))
            }
            Block::List { items, .. } => {
                out.extend(items.into_iter().flat_map(|item| clamp(item, depth)))
            }
            Block::Quote(inner) => out.extend(clamp(inner, depth)),
            other => out.push(other),
        }
    }
    out
}

/// The plain text of runs, for places that show no styling.
pub(crate) fn plain(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::Break => "\n",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Inline {
        run(t, false, false, false)
    }

    #[test]
    fn paragraphs_emphasis_and_bold_are_kept() {
        let blocks = parse("One *two* **three**\nfour.\n\nNext.");
        assert_eq!(
            blocks,
            vec![
                Block::Para(vec![
                    text("One "),
                    run("two", false, true, false),
                    text(" "),
                    run("three", true, false, false),
                    text(" four."),
                ]),
                Block::Para(vec![text("Next.")]),
            ]
        );
    }

    #[test]
    fn tight_and_loose_lists_both_give_items() {
        let tight = parse("- a\n- b\n");
        let loose = parse("1. a\n\n2. b\n");
        let items = |b: &[Block]| match &b[0] {
            Block::List { items, .. } => items.len(),
            _ => 0,
        };
        assert_eq!(items(&tight), 2);
        assert_eq!(items(&loose), 2);
        assert!(matches!(
            &loose[0],
            Block::List {
                ordered: true,
                start: 1,
                ..
            }
        ));
        assert_eq!(tight, parse("* a\n* b"));
    }

    #[test]
    fn deep_nesting_is_flattened_but_no_text_is_lost() {
        let deep = ">".repeat(500) + " deep";
        let blocks = parse(&deep);
        fn depth(b: &[Block]) -> usize {
            b.iter()
                .map(|b| match b {
                    Block::Quote(inner) => 1 + depth(inner),
                    _ => 0,
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&blocks) <= MAX_DEPTH);
        assert!(format!("{blocks:?}").contains("deep"));
    }

    #[test]
    fn typst_and_html_characters_stay_text() {
        let blocks = parse("#set page(fill: red) <b>x</b> $y$");
        let Block::Para(inlines) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(plain(inlines), "#set page(fill: red) <b>x</b> $y$");
    }
}
