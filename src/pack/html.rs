//! The HTML pack: one accessible page (`index.html`) rendered from the views through the tera
//! template `templates/pack/index.html`, compiled into the binary.
//!
//! Source text is escaped twice over: Markdown bodies become HTML here with every piece of raw
//! HTML turned into text and only web links kept as links, and every other string goes
//! through tera's autoescaping. Layout and print CSS live in the template.

use super::view::{BlockKind, Body, Change, PackView, RedlineBlock};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

/// The page template, compiled into the binary.
pub const TEMPLATE: &str = include_str!("../../templates/pack/index.html");

/// Heading levels: h1 the pack, h2 agenda and items, h3 reports and annexes, h4 and deeper
/// the sections inside them (as in the PDF).
const BODY_SHIFT: usize = 3;

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

fn shifted(level: HeadingLevel) -> HeadingLevel {
    match (level as usize + BODY_SHIFT).min(6) {
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn web(url: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// Markdown to HTML: headings shifted below the pack's, raw HTML escaped, links other than web
/// links printed as their text, and list items that start with a clause number marked
/// `class="clause"` so they print without bullets.
pub fn markdown(md: &str) -> String {
    let events: Vec<Event<'_>> = Parser::new_ext(md, crate::parse::options()).collect();
    // Which list items start with a clause number, by the index of their start event.
    let mut numbered = vec![false; events.len()];
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (i, ev) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::Item) => open.push((i, false)),
            Event::End(TagEnd::Item) => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some((start, seen)) = open.last_mut() {
                    if !*seen {
                        numbered[*start] = super::markup::numbered(t);
                    }
                    *seen = true;
                }
            }
            Event::Start(_) | Event::End(_) => {}
            _ => {
                if let Some(top) = open.last_mut() {
                    top.1 = true;
                }
            }
        }
    }
    let mut in_local_link = Vec::new();
    let mapped = events.into_iter().enumerate().filter_map(|(i, ev)| {
        Some(match ev {
            Event::Start(Tag::Item) if numbered[i] => {
                Event::Html(CowStr::from("<li class=\"clause\">"))
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shifted(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level))),
            Event::Start(Tag::Link { dest_url, .. }) if !web(&dest_url) => {
                in_local_link.push(true);
                return None;
            }
            Event::Start(l @ Tag::Link { .. }) => {
                in_local_link.push(false);
                Event::Start(l)
            }
            Event::End(TagEnd::Link) => {
                if in_local_link.pop().unwrap_or(false) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
            other => other,
        })
    });
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, mapped);
    out
}

fn redline(blocks: &[RedlineBlock]) -> String {
    let mut out = String::new();
    for b in blocks {
        let mut inner = String::new();
        for (change, text) in &b.runs {
            let t = escape(text);
            match change {
                Change::Same => inner.push_str(&t),
                Change::Inserted => inner.push_str(&format!("<ins>{t}</ins>")),
                Change::Deleted => inner.push_str(&format!("<del>{t}</del>")),
            }
        }
        match b.kind {
            BlockKind::Heading(l) => {
                let h = (l as usize + BODY_SHIFT).min(6);
                out.push_str(&format!("<h{h}>{inner}</h{h}>\n"));
            }
            BlockKind::Paragraph => out.push_str(&format!("<p>{inner}</p>\n")),
            BlockKind::ListItem => out.push_str(&format!("<p class=\"sub\">{inner}</p>\n")),
        }
    }
    out
}

/// HTML for any body.
pub fn body(b: &Body) -> String {
    match b {
        Body::Markdown { text } => markdown(text),
        Body::Redline { blocks } => redline(blocks),
        Body::Table { header, rows } => {
            let mut out = String::from("<table>\n<thead><tr>");
            for h in header {
                out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for r in rows {
                out.push_str("<tr>");
                for c in r {
                    out.push_str(&format!("<td>{}</td>", escape(c)));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
            out
        }
    }
}

#[derive(Serialize)]
struct AnnexCtx<'a> {
    id: String,
    label: &'a str,
    title: &'a str,
    about: &'a str,
    html: String,
}

#[derive(Serialize)]
struct ReportCtx<'a> {
    title: &'a str,
    meeting: &'a str,
    rows: &'a [(String, String)],
    html: String,
    annexes: Vec<AnnexCtx<'a>>,
}

#[derive(Serialize)]
struct ItemCtx<'a> {
    number: u32,
    id: String,
    title: &'a str,
    text: Option<&'a str>,
    pages: Option<String>,
    report: Option<ReportCtx<'a>>,
}

/// Render the page. Page ranges are the PDF's, when it was laid out first.
pub fn render(v: &PackView) -> Result<String, String> {
    let items: Vec<ItemCtx<'_>> = v
        .items
        .iter()
        .map(|it| ItemCtx {
            number: it.number,
            id: format!("item-{}", it.number),
            title: &it.title,
            text: it.text.as_deref(),
            pages: it.pages.map(|(s, e)| {
                if s == e {
                    format!("Page {s}")
                } else {
                    format!("Pages {s} – {e}")
                }
            }),
            report: it.report.as_ref().map(|r| ReportCtx {
                title: &r.title,
                meeting: &r.meeting,
                rows: &r.rows,
                html: body(&r.body),
                annexes: r
                    .annexes
                    .iter()
                    .enumerate()
                    .map(|(i, a)| AnnexCtx {
                        id: format!("item-{}-annex-{}", it.number, i + 1),
                        label: &a.label,
                        title: &a.title,
                        about: &a.about,
                        html: body(&a.body),
                    })
                    .collect(),
            }),
        })
        .collect();
    let mut tera = tera::Tera::default();
    tera.add_raw_template("pack/index.html", TEMPLATE)
        .map_err(|e| format!("templates/pack/index.html: {e}"))?;
    let mut ctx = tera::Context::new();
    ctx.insert("pack", v);
    ctx.insert("items", &items);
    let css: String = v
        .blank_page
        .chars()
        .map(|c| match c {
            '"' | '\\' => format!("\\{c}"),
            '<' | '>' | '&' | '\n' => format!("\\{:X} ", c as u32),
            c => c.to_string(),
        })
        .collect();
    ctx.insert("blank_css", &css);
    tera.render("pack/index.html", &ctx)
        .map_err(|e| format!("templates/pack/index.html: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_local_links_become_text() {
        let h = markdown("# 1 Intro\n\n<script>alert(1)</script>\n\nsee [CSO 16](#standard-clauses) and [site](https://example.org).\n");
        assert!(h.contains("<h4>1 Intro</h4>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        assert!(!h.contains("<script>"), "{h}");
        assert!(
            h.contains("see CSO 16 and <a href=\"https://example.org\">site</a>"),
            "{h}"
        );
    }

    #[test]
    fn clause_items_are_marked() {
        let h = markdown("- 1.1.1 a\n- 1.1.2 b\n- x\n  - (a) y\n");
        assert_eq!(h.matches("<li class=\"clause\">").count(), 3, "{h}");
        assert!(h.contains("<li>x"), "{h}");
    }

    #[test]
    fn redline_marks_and_template_escaping() {
        let b = body(&Body::Redline {
            blocks: vec![RedlineBlock {
                kind: BlockKind::Paragraph,
                runs: vec![
                    (Change::Deleted, "Chairman".into()),
                    (Change::Inserted, "Chair <b>".into()),
                ],
            }],
        });
        assert_eq!(b, "<p><del>Chairman</del><ins>Chair &lt;b&gt;</ins></p>\n");
        let v = PackView {
            title: "T".into(),
            council: "C & D".into(),
            committee: "<Committee>".into(),
            date: "27 February 2024".into(),
            date_iso: "2024-02-27".into(),
            weekday: "Tuesday".into(),
            time: "7.00 pm".into(),
            venue: "Chamber".into(),
            membership: vec![],
            quorum: None,
            contact_name: "N".into(),
            contact_phone: "1".into(),
            contact_email: "n@example.org".into(),
            issued: "22 February 2024".into(),
            footer: vec![],
            duplex: true,
            blank_page: "Left \"blank\" </style>".into(),
            items: vec![],
        };
        let h = render(&v).unwrap();
        assert!(h.contains("&lt;Committee&gt;"), "{h}");
        assert!(h.contains("C &amp; D"), "{h}");
        assert!(!h.contains("<Committee>"));
        assert!(
            h.contains(r#"content: "Left \"blank\" \3C /style\3E ";"#),
            "{h}"
        );
    }
}
