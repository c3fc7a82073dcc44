//! Typst markup from source text: escaping, and Markdown (as clerk's sources write it) to
//! Typst markup through pulldown-cmark's events.
//!
//! Every character of source text that means something in Typst markup is escaped, so a
//! report can never run Typst code, and raw HTML in a source is printed as text. Page layout,
//! headers and the cover are [`super::pdf`]'s; this module only converts bodies.

use super::view::{BlockKind, Body, Change, RedlineBlock};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// Escape text for Typst markup: every ASCII character with a meaning in markup gets a
/// backslash; line breaks become spaces.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '\\' | '#' | '*' | '_' | '`' | '$' | '<' | '>' | '@' | '[' | ']' | '=' | '-' | '+'
            | '/' | '~' | '.' | '(' | ':' | '^' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A Typst string literal.
pub fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// Text with bare web addresses turned into links.
fn text_with_links(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = find_url(rest) {
        out.push_str(&esc(&rest[..i]));
        let url_len = rest[i..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - i);
        let url = rest[i..i + url_len].trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
        let target = if url.starts_with("www.") {
            format!("https://{url}")
        } else {
            url.to_string()
        };
        out.push_str(&format!("#link({})[{}]", lit(&target), esc(url)));
        rest = &rest[i + url.len()..];
    }
    out.push_str(&esc(rest));
}

fn find_url(s: &str) -> Option<usize> {
    ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| s.find(p))
        .filter(|&i| i == 0 || !s.as_bytes()[i - 1].is_ascii_alphanumeric())
        .min()
}

/// Whether a list item starts with a clause or sub-paragraph number ("1.1.1 …", "(a) …"):
/// such items print without a bullet, as councils print them.
pub(super) fn numbered(first: &str) -> bool {
    let t = first.trim_start();
    let lead = t.split_whitespace().next().unwrap_or("");
    let digits = lead.trim_end_matches(['.', ')']);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
        || (lead.starts_with('(') && lead.ends_with(')') && lead.len() <= 7)
}

struct ListFrame {
    start: Option<u64>,
    /// Each item's markup, and whether it starts with a clause number.
    items: Vec<(String, bool)>,
}

#[derive(Default)]
struct TableFrame {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    /// Per column: total characters and number of cells, for proportional widths.
    widths: Vec<(usize, usize)>,
    in_head: bool,
}

/// Converts Markdown bodies to Typst markup.
pub struct Converter {
    /// Added to Markdown heading levels (`#` becomes level 1 + shift).
    pub shift: u8,
    /// Deepest heading level that gets a PDF bookmark.
    pub bookmarks: u8,
}

impl Converter {
    /// Convert Markdown to Typst markup.
    pub fn markdown(&self, md: &str) -> String {
        let mut bufs: Vec<String> = vec![String::new()];
        let mut lists: Vec<ListFrame> = Vec::new();
        let mut tables: Vec<TableFrame> = Vec::new();
        let mut item_first: Vec<Option<bool>> = Vec::new();
        let mut links: Vec<Option<String>> = Vec::new();
        let mut cell_len = 0usize;
        let mut code: Option<String> = None;
        for ev in Parser::new_ext(md, crate::parse::options()) {
            if let Some(c) = code.as_mut() {
                match ev {
                    Event::Text(t) => c.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let c = code.take().unwrap_or_default();
                        let b = bufs.last_mut().expect("root buffer");
                        b.push_str(&format!("#raw(block: true, {})\n\n", lit(&c)));
                    }
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::Start(tag) => match tag {
                    Tag::Paragraph => {}
                    Tag::Heading { .. }
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::BlockQuote(_) => bufs.push(String::new()),
                    Tag::Link { dest_url, .. } => {
                        bufs.push(String::new());
                        let web = ["https://", "http://", "mailto:"]
                            .iter()
                            .any(|p| dest_url.starts_with(p));
                        links.push(web.then(|| dest_url.to_string()));
                    }
                    Tag::List(start) => lists.push(ListFrame {
                        start,
                        items: Vec::new(),
                    }),
                    Tag::Item => {
                        bufs.push(String::new());
                        item_first.push(None);
                    }
                    Tag::Table(_) => tables.push(TableFrame::default()),
                    Tag::TableHead => {
                        if let Some(t) = tables.last_mut() {
                            t.in_head = true;
                        }
                    }
                    Tag::TableRow => {}
                    Tag::TableCell => {
                        bufs.push(String::new());
                        cell_len = 0;
                    }
                    Tag::CodeBlock(kind) => {
                        let _ = matches!(kind, CodeBlockKind::Fenced(_));
                        code = Some(String::new());
                    }
                    _ => {}
                },
                Event::End(end) => {
                    let b = |bufs: &mut Vec<String>| bufs.pop().unwrap_or_default();
                    let out = match end {
                        TagEnd::Paragraph => {
                            bufs.last_mut().expect("buffer").push_str("\n\n");
                            continue;
                        }
                        TagEnd::Heading(level) => {
                            let level = (level as u8 + self.shift).min(6);
                            let inner = b(&mut bufs);
                            format!(
                                "#heading(level: {level}, bookmarked: {})[{}]\n\n",
                                level <= self.bookmarks,
                                inner.trim()
                            )
                        }
                        TagEnd::Emphasis => format!("#emph[{}]", b(&mut bufs)),
                        TagEnd::Strong => format!("#strong[{}]", b(&mut bufs)),
                        TagEnd::Strikethrough => format!("#strike[{}]", b(&mut bufs)),
                        TagEnd::BlockQuote(_) => {
                            format!("#quote(block: true)[{}]\n\n", b(&mut bufs).trim())
                        }
                        TagEnd::Link => {
                            // Web links stay clickable; links into the constitution print
                            // as their text.
                            let inner = b(&mut bufs);
                            match links.pop().flatten() {
                                Some(url) => format!("#link({})[{inner}]", lit(&url)),
                                None => inner,
                            }
                        }
                        TagEnd::Item => {
                            let inner = b(&mut bufs);
                            let first = item_first.pop().flatten().unwrap_or(false);
                            if let Some(l) = lists.last_mut() {
                                l.items.push((inner, first));
                            }
                            continue;
                        }
                        TagEnd::List(_) => {
                            let Some(l) = lists.pop() else { continue };
                            list(&l)
                        }
                        TagEnd::TableCell => {
                            let inner = b(&mut bufs);
                            if let Some(t) = tables.last_mut() {
                                let col = if t.in_head { t.head.len() } else { t.row.len() };
                                if t.widths.len() <= col {
                                    t.widths.resize(col + 1, (0, 0));
                                }
                                t.widths[col].0 += cell_len;
                                t.widths[col].1 += 1;
                                if t.in_head {
                                    t.head.push(inner);
                                } else {
                                    t.row.push(inner);
                                }
                            }
                            continue;
                        }
                        TagEnd::TableHead => {
                            if let Some(t) = tables.last_mut() {
                                t.in_head = false;
                            }
                            continue;
                        }
                        TagEnd::TableRow => {
                            if let Some(t) = tables.last_mut() {
                                let row = std::mem::take(&mut t.row);
                                t.rows.push(row);
                            }
                            continue;
                        }
                        TagEnd::Table => {
                            let Some(t) = tables.pop() else { continue };
                            table(&t)
                        }
                        _ => continue,
                    };
                    bufs.last_mut().expect("buffer").push_str(&out);
                }
                Event::Text(t) => {
                    if let Some(f) = item_first.last_mut() {
                        if f.is_none() {
                            *f = Some(numbered(&t));
                        }
                    }
                    cell_len += t.chars().count();
                    let b = bufs.last_mut().expect("buffer");
                    if links.is_empty() {
                        text_with_links(&t, b);
                    } else {
                        b.push_str(&esc(&t));
                    }
                }
                Event::Code(t) => {
                    let b = bufs.last_mut().expect("buffer");
                    b.push_str(&format!("#raw({})", lit(&t)));
                }
                Event::Html(t) | Event::InlineHtml(t) => {
                    let b = bufs.last_mut().expect("buffer");
                    b.push_str(&esc(&t));
                }
                Event::SoftBreak => bufs.last_mut().expect("buffer").push(' '),
                Event::HardBreak => bufs.last_mut().expect("buffer").push_str("#linebreak()"),
                Event::Rule => bufs
                    .last_mut()
                    .expect("buffer")
                    .push_str("#line(length: 100%)\n\n"),
                _ => {}
            }
        }
        while bufs.len() > 1 {
            let inner = bufs.pop().unwrap_or_default();
            bufs.last_mut().expect("root").push_str(&inner);
        }
        bufs.pop().unwrap_or_default()
    }

    /// Typst markup for any body.
    pub fn body(&self, body: &Body) -> String {
        match body {
            Body::Markdown { text } => self.markdown(text),
            Body::Redline { blocks } => self.redline(blocks),
            Body::Table { header, rows } => {
                let t = TableFrame {
                    head: header.iter().map(|h| esc(h)).collect(),
                    rows: rows
                        .iter()
                        .map(|r| r.iter().map(|c| esc(c)).collect())
                        .collect(),
                    widths: column_widths(header, rows),
                    ..TableFrame::default()
                };
                table(&t)
            }
        }
    }

    fn redline(&self, blocks: &[RedlineBlock]) -> String {
        let mut out = String::new();
        for b in blocks {
            let mut inner = String::new();
            for (change, text) in &b.runs {
                match change {
                    Change::Same => inner.push_str(&esc(text)),
                    Change::Inserted => inner.push_str(&format!("#ins[{}]", esc(text))),
                    Change::Deleted => inner.push_str(&format!("#del[{}]", esc(text))),
                }
            }
            match b.kind {
                BlockKind::Heading(l) => {
                    let level = (l + self.shift).min(6);
                    out.push_str(&format!(
                        "#heading(level: {level}, bookmarked: {})[{inner}]\n\n",
                        level <= self.bookmarks
                    ));
                }
                BlockKind::Paragraph => out.push_str(&format!("{inner}\n\n")),
                BlockKind::ListItem => {
                    out.push_str(&format!("#block(inset: (left: 1.5em))[{inner}]\n\n"))
                }
            }
        }
        out
    }
}

/// A list: numbered lists as Typst enums; bullet lists split into runs of items with and
/// without clause numbers, the numbered ones printed without bullets.
fn list(l: &ListFrame) -> String {
    let item = |(i, _): &(String, bool)| format!("[{}]", i.trim());
    if let Some(n) = l.start {
        let items: Vec<String> = l.items.iter().map(item).collect();
        return format!("#enum(start: {n}, {})\n\n", items.join(", "));
    }
    let mut out = String::new();
    for run in l.items.chunk_by(|a, b| a.1 == b.1) {
        let items: Vec<String> = run.iter().map(item).collect();
        let func = if run[0].1 {
            "#list(marker: [], body-indent: 0pt, "
        } else {
            "#list("
        };
        out.push_str(&format!("{func}{})\n", items.join(", ")));
    }
    out.push('\n');
    out
}

fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<(usize, usize)> {
    let mut w = vec![(0, 0); header.len()];
    for r in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, c) in r.iter().enumerate() {
            if i < w.len() {
                w[i].0 += c.chars().count();
                w[i].1 += 1;
            }
        }
    }
    w
}

fn table(t: &TableFrame) -> String {
    let cols = t
        .widths
        .len()
        .max(t.head.len())
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    // Each column as wide as its average cell, within limits, so prose columns get the room.
    let widths: Vec<String> = (0..cols)
        .map(|i| {
            let (chars, cells) = t.widths.get(i).copied().unwrap_or((0, 0));
            format!("{}fr", (chars / cells.max(1)).clamp(12, 60))
        })
        .collect();
    let cell = |c: &String| format!("[{}]", c.trim());
    let pad = |r: &[String]| {
        let mut v: Vec<String> = r.iter().map(cell).collect();
        v.resize(cols, "[]".into());
        v.join(", ")
    };
    let mut out = format!("#table(columns: ({},), ", widths.join(", "));
    if !t.head.is_empty() {
        let head: Vec<String> = t
            .head
            .iter()
            .map(|h| format!("#strong[{}]", h.trim()))
            .collect();
        out.push_str(&format!("table.header({}), ", pad(&head)));
    }
    for r in &t.rows {
        out.push_str(&pad(r));
        out.push_str(", ");
    }
    out.push_str(")\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        Converter {
            shift: 2,
            bookmarks: 3,
        }
        .markdown(s)
    }

    #[test]
    fn escapes_everything_typst_would_read() {
        assert_eq!(esc("#set page(x) *b* _i_ $m$ <l> @r [c] = - + / ~ 1. \\"), "\\#set page\\(x) \\*b\\* \\_i\\_ \\$m\\$ \\<l\\> \\@r \\[c\\] \\= \\- \\+ \\/ \\~ 1\\. \\\\");
        assert_eq!(lit("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }

    #[test]
    fn converts_the_markdown_sources_use() {
        let t = md("# 1 Intro\n\n1.1 Some **bold** text.\n\n- 1.1.1 a\n- 1.1.2 b\n\n- x\n- y\n");
        assert!(
            t.contains("#heading(level: 3, bookmarked: true)[1 Intro]"),
            "{t}"
        );
        assert!(t.contains("#strong[bold]"), "{t}");
        assert!(
            t.contains("#list(marker: [], body-indent: 0pt, [1\\.1\\.1 a], [1\\.1\\.2 b])"),
            "{t}"
        );
        assert!(t.contains("#list([x], [y])"), "{t}");
        let t = md("- 1.1 a\n- b\n- 1.2 c\n");
        assert!(t.contains("#list(marker: [], body-indent: 0pt, [1\\.1 a])\n#list([b])\n#list(marker: [], body-indent: 0pt, [1\\.2 c])"), "{t}");
    }

    #[test]
    fn tables_urls_and_html() {
        let t = md("| A | B |\n| --- | --- |\n| 1 | 2 |\n\nsee https://example.org/x. <b>hi</b>\n");
        assert!(
            t.contains("table.header([#strong[A]], [#strong[B]]), [1], [2], "),
            "{t}"
        );
        assert!(
            t.contains("#link(\"https://example.org/x\")[https\\:\\/\\/example\\.org\\/x]\\."),
            "{t}"
        );
        assert!(t.contains("\\<b\\>hi\\<\\/b\\>"), "{t}");
    }
}
