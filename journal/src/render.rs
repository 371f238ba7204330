//! Markdown to safe HTML, for every consumer (desktop webview, exports).
//!
//! Entries can arrive from an import or a shared bundle, so rendered HTML is treated
//! as hostile: raw HTML in the Markdown is shown as text, images are reduced to
//! their description (nothing is ever fetched from the network), and ammonia makes
//! a final pass that removes scripts, event handlers and `javascript:` links.

use crate::model::Entry;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Renders a leader's Markdown as sanitised HTML.
///
/// ```
/// use waymark_journal::render::markdown_to_html;
/// let html = markdown_to_html("I *let the room* set the agenda <script>alert(1)</script>");
/// assert!(html.contains("<em>let the room</em>"));
/// assert!(!html.contains("<script"));
/// ```
pub fn markdown_to_html(text: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(text, options).filter_map(|event| match event {
        // Raw HTML is shown as the text it is, never interpreted.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        // An image becomes its description: the alt text events in between remain.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitise(&html)
}

/// The final, independent safety pass over generated HTML.
fn sanitise(html: &str) -> String {
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

/// Cleans a search snippet so that only text and `<mark>` highlights reach a window.
pub fn sanitise_snippet(html: &str) -> String {
    ammonia::Builder::empty()
        .add_tags(["mark"])
        .clean(html)
        .to_string()
}

/// Renders an entry's text: each filled template field under its label, then the body.
///
/// The title, date and tags are left to the caller, which shows them its own way.
pub fn entry_to_html(entry: &Entry) -> String {
    let draft = &entry.draft;
    let mut html = String::new();
    for field in draft.template.fields() {
        let Some(text) = draft.box_text(field.key) else {
            continue;
        };
        html.push_str("<section class=\"field\" data-field=\"");
        html.push_str(field.key);
        html.push_str("\"><h2>");
        html.push_str(&escape(field.label));
        html.push_str("</h2>\n");
        html.push_str(&markdown_to_html(&text));
        html.push_str("</section>\n");
    }
    if !draft.body.trim().is_empty() {
        html.push_str("<section class=\"body\">");
        html.push_str(&markdown_to_html(&draft.body));
        html.push_str("</section>\n");
    }
    html
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A `<mark>`-highlighted snippet (as [`sanitise_snippet`] leaves it) back as text:
/// its passages in order, each with whether it was a match. Tags are dropped and
/// entities decoded, so a terminal can show the highlights its own way.
pub(crate) fn marked_passages(html: &str) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut matched = false;
    let mut rest = html;
    while !rest.is_empty() {
        let (text, after) = match rest.find('<') {
            Some(at) => (&rest[..at], &rest[at..]),
            None => (rest, ""),
        };
        if !text.is_empty() {
            let text = unescape(text);
            match parts.last_mut() {
                Some((last, was)) if *was == matched => last.push_str(&text),
                _ => parts.push((text, matched)),
            }
        }
        if after.is_empty() {
            break;
        }
        // Only `<mark>` survives the sanitiser; any other tag is skipped whole.
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        match &after[..end] {
            "<mark>" => matched = true,
            "</mark>" => matched = false,
            _ => {}
        }
        rest = &after[end..];
    }
    parts
}

/// HTML text with its character references decoded (the ones an HTML serialiser writes).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let decoded = after.find(';').and_then(|end| {
            let name = &after[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Markdown reduced to the words a reader sees, for indexing and snippets: no `**`,
/// link targets or HTML tags to match or to show in a snippet.
pub(crate) fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markdown() {
        let text = plain_text("# Head\n\nSome **bold** [link](http://x.y) text.\n\n- one\n- two");
        assert!(text.contains("Some bold link text."), "{text}");
        assert!(!text.contains("http"), "{text}");
        assert!(!text.contains("**"), "{text}");
    }
    use crate::model::{EntryDraft, EntryId, Template};
    use chrono::{NaiveDate, Utc};

    /// The insides of the real tags in `html` (escaped text has no `<`).
    fn tags(html: &str) -> impl Iterator<Item = &str> {
        html.split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = markdown_to_html(
            "# Forum\n\n- **agenda** set by the room\n- [notes](https://example.org)",
        );
        assert!(html.contains("<h1>Forum</h1>"), "{html}");
        assert!(html.contains("<strong>agenda</strong>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.org" rel="noopener noreferrer">notes</a>"#),
            "{html}"
        );
    }

    #[test]
    fn scripts_and_raw_html_are_shown_as_text_never_run() {
        let html = markdown_to_html(
            "<script>alert('x')</script>\n\nhello <b onmouseover=alert(1)>there</b>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(tags(&html).all(|t| !t.contains("onmouseover")), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn event_handlers_and_javascript_links_are_removed() {
        let html = markdown_to_html(
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)> [data](data:text/html,<script>alert(1)</script>)",
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(tags(&html).all(|t| !t.contains("onerror")), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "shown as text: {html}"
        );
        assert!(!html.contains("href=\"data:"), "{html}");
        assert!(html.contains("click"), "{html}");
    }

    #[test]
    fn images_become_their_description_and_nothing_is_fetched() {
        let html = markdown_to_html("![the team photo](https://tracker.example/p.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(html.contains("the team photo"), "{html}");
    }

    #[test]
    fn entry_fields_render_under_their_labels_then_the_body() {
        let mut fields = std::collections::BTreeMap::new();
        fields.insert("now-what".to_owned(), "Ask *first*".to_owned());
        fields.insert("what".to_owned(), "The forum <script>x</script>".to_owned());
        let entry = Entry {
            id: EntryId::new(),
            draft: EntryDraft {
                code: Vec::new(),
                title: "t".into(),
                body: "Closing note".into(),
                template: Template::Rolfe,
                fields,
                date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
                tags: vec![],
                labels: vec![],
                starred: false,
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
            revision: 1,
            deleted_at: None,
        };
        let html = entry_to_html(&entry);
        let what = html.find("<h2>What?</h2>").unwrap();
        let now_what = html.find("<h2>Now what?</h2>").unwrap();
        let body = html.find("Closing note").unwrap();
        assert!(what < now_what && now_what < body, "{html}");
        assert!(html.contains("<em>first</em>"), "{html}");
        assert!(
            !html.contains("So what?"),
            "empty fields are left out: {html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn snippets_keep_only_their_highlights() {
        let html =
            sanitise_snippet("a <mark>b</mark> <b onclick=x>c</b> <script>d</script> &lt;e&gt;");
        assert_eq!(html, "a <mark>b</mark> c  &lt;e&gt;");
    }

    #[test]
    fn a_snippet_reads_back_as_passages_with_its_matches() {
        let html =
            sanitise_snippet("Tom &amp; Jerry <mark>hosted</mark> a &lt;forum&gt; &#39;here&#39;");
        assert_eq!(
            marked_passages(&html),
            [
                ("Tom & Jerry ".to_owned(), false),
                ("hosted".to_owned(), true),
                (" a <forum> 'here'".to_owned(), false)
            ]
        );
        assert_eq!(marked_passages("a & b"), [("a & b".to_owned(), false)]);
    }
}
