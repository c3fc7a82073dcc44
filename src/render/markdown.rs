//! One clause's Markdown to HTML: pulldown-cmark events with the reference links spliced in by
//! byte range, the clause number and `{#label}` cut out, headings re-levelled, and raw HTML
//! made harmless.
//!
//! A clause is parsed on its own (its span tiles the document body), so its opening block —
//! the heading, paragraph or list item that carries the number — can be handed to the template
//! separately as the *lead*, without the list or heading wrapper around it. Nothing here
//! re-serialises Markdown: the output comes from pulldown-cmark's HTML writer, fed with the
//! source's own events, cut and annotated at byte offsets.
//!
//! Safety rules, applied to every event whatever the source says:
//! - raw HTML (`Html`/`InlineHtml` events, HTML blocks) is written as escaped text, so a
//!   `<script>` or an `onerror=` attribute shows up as visible characters, never as markup;
//! - links whose target uses the `javascript:`, `vbscript:` or `data:` scheme, and in-page
//!   links that no reference resolved, lose their link and keep their text;
//! - images are not published: their alt text is shown instead (the site stays
//!   self-contained and no source can load a remote file).
//!
//! Which clause a reference points at, and what a clause's anchor is, is decided by the
//! caller ([`super::site`]); this module only places the `<a>` tags it is given.

mod splice;
#[cfg(test)]
mod tests;

pub use super::escape::{escape, escape_into, escape_raw_html, safe_url};
use crate::source::Span;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

/// A reference to place as a link over a byte range of the source.
#[derive(Clone, Debug)]
pub struct RefLink {
    pub span: Span,
    /// Where it points; `None` leaves the text as it is (unresolved, external, placeholder).
    pub href: Option<String>,
    /// Words read before the visible text by screen readers only, so that a bare "2.1.3"
    /// makes sense out of context ("CSO 2.1.3").
    pub hidden_prefix: Option<String>,
}

/// What the renderer needs to know about one chunk of source.
pub struct Chunk<'a> {
    /// The whole file's text; all spans index into it.
    pub src: &'a str,
    /// The part of `src` to render.
    pub range: Span,
    /// Sorted, non-overlapping byte ranges that are not shown (the number, the label).
    pub hide: &'a [Span],
    /// Sorted, non-overlapping references inside `range`.
    pub refs: &'a [RefLink],
    /// Split off the opening block as the lead (clauses), or render everything as body
    /// (a document's preamble).
    pub lead: bool,
    /// Accessible name for tables in this chunk, e.g. "Table in CSO 6.6".
    pub table_label: &'a str,
    /// Whether to collect the lead as plain text (for a contents list).
    pub lead_text: bool,
}

/// A rendered chunk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Inline HTML of the opening block, without the number and label.
    pub lead_html: String,
    /// The lead as plain text, whitespace collapsed, when the chunk asked for it.
    pub lead_text: String,
    /// Everything after the lead, as block HTML.
    pub body_html: String,
}

/// Heading levels for one page: the page title is `h1`; every heading below it is at most one
/// level deeper than the one before, so levels are never skipped whatever the source wrote.
#[derive(Debug)]
pub struct Headings {
    last: u8,
}

impl Default for Headings {
    fn default() -> Self {
        Headings { last: 1 }
    }
}

impl Headings {
    /// The level to use for a heading that would like to be `want` (2–6).
    pub fn next(&mut self, want: u8) -> u8 {
        let level = want.clamp(2, (self.last + 1).min(6));
        self.last = level;
        level
    }
}

/// Which output an event goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dest {
    Lead,
    Body,
}

/// What became of a `Start(Link)`, to close it the same way.
enum LinkKind {
    /// Kept: pulldown-cmark writes it (with its own href escaping).
    Kept,
    /// Replaced by a reference link written as raw `<a>`.
    Ref,
    /// Dropped (dead in-page target): only the text remains.
    Dropped,
    /// Dropped for an unsafe target: its text (often the URL itself) is written with the
    /// extra escaping of raw HTML.
    Unsafe,
}

struct Writer<'a, 'h> {
    chunk: &'a Chunk<'a>,
    headings: &'h mut Headings,
    lead: Vec<Event<'a>>,
    body: Vec<Event<'a>>,
    lead_text: String,
    dest: Dest,
    /// Index of the next reference not yet closed.
    next_ref: usize,
    /// The reference whose `<a>` is open.
    open_ref: Option<usize>,
    /// Index of the next hidden range not yet passed.
    next_hide: usize,
    heading_stack: Vec<HeadingLevel>,
    links: Vec<LinkKind>,
    in_table_head: bool,
    head_cell: usize,
    aligns: Vec<pulldown_cmark::Alignment>,
}

/// Render one chunk. `headings` carries heading levels from chunk to chunk across a page.
pub fn render(chunk: &Chunk<'_>, headings: &mut Headings) -> Rendered {
    let text = &chunk.src[chunk.range.clone()];
    let base = chunk.range.start;
    let mut w = Writer {
        chunk,
        headings,
        lead: Vec::new(),
        body: Vec::new(),
        lead_text: String::new(),
        dest: Dest::Body,
        next_ref: 0,
        open_ref: None,
        next_hide: 0,
        heading_stack: Vec::new(),
        links: Vec::new(),
        in_table_head: false,
        head_cell: 0,
        aligns: Vec::new(),
    };
    let mut events = Parser::new_ext(text, crate::parse::options())
        .into_offset_iter()
        .map(|(e, r)| (e, (r.start + base)..(r.end + base)))
        .peekable();

    // The opening block: a list item's wrappers are dropped, its first paragraph (or a heading,
    // or a paragraph) becomes the lead.
    let mut wrapper: Option<Wrapper> = None;
    if chunk.lead {
        if let Some((Event::Start(Tag::List(start)), r)) = events.peek() {
            if r.start == base {
                let ordered = start.is_some();
                events.next();
                // A list always opens with an item.
                if let Some((Event::Start(Tag::Item), _)) = events.next() {
                    wrapper = Some(Wrapper {
                        ordered,
                        depth: 2,
                        item_open: true,
                        rest_open: false,
                    });
                }
            }
        }
        w.dest = Dest::Lead;
        match events.peek() {
            Some((Event::Start(Tag::Paragraph | Tag::Heading { .. }), _)) => {
                events.next();
                let mut depth = 1usize;
                for (e, r) in events.by_ref() {
                    match &e {
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                    w.emit(e, &r);
                }
            }
            _ if wrapper.is_some() => {
                // A tight list item: its inline content runs until a block starts or it ends.
                while let Some((e, _)) = events.peek() {
                    if is_block_start(e) || matches!(e, Event::End(TagEnd::Item)) {
                        break;
                    }
                    let (e, r) = events.next().expect("peeked");
                    w.emit(e, &r);
                }
            }
            _ => {}
        }
        w.close_ref();
        w.dest = Dest::Body;
    }

    for (e, r) in events {
        if let Some(wr) = &mut wrapper {
            match &e {
                Event::Start(Tag::Item) if wr.depth == 1 => {
                    if !wr.rest_open {
                        w.body.push(Event::Html(
                            if wr.ordered { "<ol>\n" } else { "<ul>\n" }.into(),
                        ));
                        wr.rest_open = true;
                    }
                    wr.depth += 1;
                    w.emit(e, &r);
                    continue;
                }
                Event::Start(_) => wr.depth += 1,
                Event::End(_) => {
                    wr.depth -= 1;
                    if wr.depth == 1 && wr.item_open {
                        wr.item_open = false;
                        w.close_ref();
                        continue;
                    }
                    if wr.depth == 0 {
                        w.close_ref();
                        if wr.rest_open {
                            w.body.push(Event::Html(
                                if wr.ordered { "</ol>\n" } else { "</ul>\n" }.into(),
                            ));
                        }
                        wrapper = None;
                        continue;
                    }
                }
                _ => {}
            }
        }
        w.emit(e, &r);
    }
    w.close_ref();

    let mut out = Rendered {
        lead_html: String::new(),
        lead_text: std::mem::take(&mut w.lead_text),
        body_html: String::new(),
    };
    pulldown_cmark::html::push_html(&mut out.lead_html, w.lead.into_iter());
    pulldown_cmark::html::push_html(&mut out.body_html, w.body.into_iter());
    let trimmed = out.lead_html.trim_end().len();
    out.lead_html.truncate(trimmed);
    if chunk.lead_text {
        out.lead_text = out
            .lead_text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    } else {
        out.lead_text.clear();
    }
    out
}

/// The list around a list-item clause, whose own item is unwrapped.
struct Wrapper {
    ordered: bool,
    /// Nesting depth below the chunk: 1 inside the list, 2 inside the clause's item.
    depth: usize,
    item_open: bool,
    /// Whether unnumbered items after the clause's own have reopened a list.
    rest_open: bool,
}

fn is_block_start(e: &Event<'_>) -> bool {
    matches!(
        e,
        Event::Start(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
        )
    ) || matches!(e, Event::Rule)
}

impl<'a> Writer<'a, '_> {
    fn out(&mut self) -> &mut Vec<Event<'a>> {
        match self.dest {
            Dest::Lead => &mut self.lead,
            Dest::Body => &mut self.body,
        }
    }

    fn raw(&mut self, html: String) {
        self.out().push(Event::Html(html.into()));
    }

    fn push(&mut self, e: Event<'a>) {
        // An emphasis left empty by cutting out the number (`**1.0** Title`) disappears.
        if let Event::End(end @ (TagEnd::Strong | TagEnd::Emphasis)) = &e {
            let out = self.out();
            let opened = match end {
                TagEnd::Strong => matches!(out.last(), Some(Event::Start(Tag::Strong))),
                _ => matches!(out.last(), Some(Event::Start(Tag::Emphasis))),
            };
            if opened {
                out.pop();
                return;
            }
        }
        self.out().push(e);
    }

    /// Visible text, trimmed at the start of the lead.
    fn text(&mut self, s: CowStr<'a>) {
        let s = if self.dest == Dest::Lead && self.lead_text.is_empty() {
            match s {
                CowStr::Borrowed(b) => CowStr::Borrowed(b.trim_start()),
                other => CowStr::from(other.trim_start().to_string()),
            }
        } else {
            s
        };
        if s.is_empty() {
            return;
        }
        if self.dest == Dest::Lead {
            self.lead_text.push_str(&s);
        }
        self.push(Event::Text(s));
    }

    fn emit(&mut self, e: Event<'a>, r: &Span) {
        match e {
            Event::Text(t) if matches!(self.links.last(), Some(LinkKind::Unsafe)) => {
                if self.hide_at(r.start).is_none() {
                    self.raw(escape_raw_html(&t));
                }
            }
            Event::Text(t) => self.source_text(t, r),
            Event::SoftBreak | Event::HardBreak => {
                if self.hide_at(r.start).is_some() {
                    return;
                }
                if self.dest == Dest::Lead {
                    self.lead_text.push(' ');
                }
                self.push(e);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                self.close_ref_unless_inside(r);
                if self.hide_at(r.start).is_none() {
                    self.raw(escape_raw_html(&h));
                }
            }
            Event::Code(_) => {
                self.close_ref();
                if let Event::Code(c) = &e {
                    if self.dest == Dest::Lead {
                        self.lead_text.push_str(c);
                    }
                }
                self.push(e);
            }
            Event::Start(tag) => {
                self.close_ref();
                self.start(tag, r);
            }
            Event::End(end) => {
                self.close_ref();
                self.end(end);
            }
            other => {
                self.close_ref();
                self.push(other);
            }
        }
    }

    fn close_ref_unless_inside(&mut self, r: &Span) {
        if let Some(i) = self.open_ref {
            if self.chunk.refs[i].span.end <= r.start {
                self.close_ref();
            }
        }
    }

    fn start(&mut self, tag: Tag<'a>, r: &Span) {
        match tag {
            Tag::Heading { level, .. } => {
                let want = (level as u8).saturating_add(1);
                let new = heading_level(self.headings.next(want));
                self.heading_stack.push(new);
                self.push(Event::Start(Tag::Heading {
                    level: new,
                    id: None,
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            Tag::HtmlBlock => self.raw("<p class=\"raw-html\">".into()),
            Tag::Link { ref dest_url, .. } => {
                let found = self.chunk.refs.iter().position(|x| x.span == *r);
                match found {
                    Some(i) => {
                        // The link is the reference: its text is written inside one `<a>`.
                        self.next_ref = self.next_ref.max(i + 1);
                        match self.anchor_html(i) {
                            Some(html) => {
                                self.raw(html);
                                self.links.push(LinkKind::Ref);
                            }
                            None => self.links.push(LinkKind::Dropped),
                        }
                    }
                    None if !safe_url(dest_url) => self.links.push(LinkKind::Unsafe),
                    None if dest_url.starts_with('#') => self.links.push(LinkKind::Dropped),
                    None => {
                        self.links.push(LinkKind::Kept);
                        self.push(Event::Start(tag));
                    }
                }
            }
            Tag::Image { .. } => {}
            Tag::Table(aligns) => {
                let mut html = String::from(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"",
                );
                escape_into(&mut html, self.chunk.table_label);
                html.push_str("\">\n");
                self.raw(html);
                self.aligns = aligns.clone();
                self.push(Event::Start(Tag::Table(aligns)));
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.head_cell = 0;
                self.push(Event::Start(Tag::TableHead));
            }
            Tag::TableCell if self.in_table_head => {
                let align = match self.aligns.get(self.head_cell) {
                    Some(pulldown_cmark::Alignment::Left) => " style=\"text-align: left\"",
                    Some(pulldown_cmark::Alignment::Center) => " style=\"text-align: center\"",
                    Some(pulldown_cmark::Alignment::Right) => " style=\"text-align: right\"",
                    _ => "",
                };
                self.raw(format!("<th scope=\"col\"{align}>"));
            }
            other => self.push(Event::Start(other)),
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Heading(_) => {
                let level = self.heading_stack.pop().unwrap_or(HeadingLevel::H2);
                self.push(Event::End(TagEnd::Heading(level)));
            }
            TagEnd::HtmlBlock => self.raw("</p>\n".into()),
            TagEnd::Link => match self.links.pop() {
                Some(LinkKind::Kept) => self.push(Event::End(TagEnd::Link)),
                Some(LinkKind::Ref) => self.raw("</a>".into()),
                _ => {}
            },
            TagEnd::Image => {}
            TagEnd::Table => {
                self.push(Event::End(TagEnd::Table));
                self.raw("</div>\n".into());
            }
            TagEnd::TableHead => {
                self.in_table_head = false;
                self.push(Event::End(TagEnd::TableHead));
            }
            TagEnd::TableCell if self.in_table_head => {
                self.head_cell += 1;
                self.raw("</th>".into());
            }
            other => self.push(Event::End(other)),
        }
    }
}

fn heading_level(n: u8) -> HeadingLevel {
    match n {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}
