//! The HTML pack: one accessible page (`index.html`) rendered from the views through the tera
//! template `templates/pack/index.html`, compiled into the binary.
//!
//! Source text is escaped twice over: Markdown bodies become HTML here, under the published
//! site's rules and with its escaping ([`crate::render::escape`]), and every other string
//! goes through tera's autoescaping. Layout and print CSS live in the template.
//!
//! The site's rules, applied to every Markdown body whatever the source says:
//! - raw HTML (HTML blocks, inline tags) is written as escaped text
//!   ([`escape_raw_html`]), so a `<script>` or an `onerror=` shows up as visible characters;
//! - a link stays a link only when it is a web link (`https://`, `http://`, `mailto:`) that
//!   [`safe_url`] passes; a `javascript:`, `vbscript:` or `data:` link loses its link and its
//!   text gets the raw-HTML escaping, and any other link (into the constitution, which the
//!   pack does not carry) prints as its text;
//! - images are not published: their alt text is shown instead, so no report can load a
//!   remote file (a tracking pixel) or a script URL into the page.

use super::view::{BlockKind, Body, Change, PackView, RedlineBlock};
use crate::render::escape::{escape, escape_raw_html, safe_url};
use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

/// The page template, compiled into the binary.
pub const TEMPLATE: &str = include_str!("../../templates/pack/index.html");

/// Heading levels: h1 the pack, h2 agenda and items, h3 reports and annexes, h4 and deeper
/// the sections inside them (as in the PDF).
const BODY_SHIFT: usize = 3;

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

/// What became of a `Start(Link)`, to close it the same way.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    /// A web link: pulldown-cmark writes it (with its own href escaping).
    Kept,
    /// Not a web link: only its text is printed.
    Dropped,
    /// A script or data URL: only its text is printed, with the escaping of raw HTML (the
    /// text of such a link is often the URL itself).
    Unsafe,
}

/// Markdown to HTML: headings shifted below the pack's, raw HTML escaped, links other than web
/// links printed as their text, images as their alt text (see the module's rules), and list
/// items that start with a clause number marked `class="clause"` so they print without
/// bullets.
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
    let mut links: Vec<LinkKind> = Vec::new();
    let mapped = events.into_iter().enumerate().filter_map(|(i, ev)| {
        Some(match ev {
            Event::Start(Tag::Item) if numbered[i] => {
                Event::Html(CowStr::from("<li class=\"clause\">"))
            }
            // Heading attributes are not enabled in clerk's Markdown; none is passed on.
            Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
                level: shifted(level),
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shifted(level))),
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let kind = if !safe_url(dest_url) {
                    LinkKind::Unsafe
                } else if web(dest_url) {
                    LinkKind::Kept
                } else {
                    LinkKind::Dropped
                };
                links.push(kind);
                if kind != LinkKind::Kept {
                    return None;
                }
                ev
            }
            Event::End(TagEnd::Link) => {
                if links.pop() != Some(LinkKind::Kept) {
                    return None;
                }
                ev
            }
            Event::Text(t) if links.last() == Some(&LinkKind::Unsafe) => {
                Event::Html(escape_raw_html(&t).into())
            }
            // Images are never loaded: the alt text (the events between these) is printed.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => return None,
            Event::Start(Tag::HtmlBlock) => Event::Html(CowStr::from("<p class=\"raw-html\">")),
            Event::End(TagEnd::HtmlBlock) => Event::Html(CowStr::from("</p>\n")),
            Event::Html(t) | Event::InlineHtml(t) => Event::Html(escape_raw_html(&t).into()),
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
    fn images_script_urls_and_attributes_are_not_published() {
        let h = markdown(concat!(
            "![pixel](https://tracker.example/p.gif) ![x](javascript:alert(1)) ",
            "[![logo](https://tracker.example/l.png)](https://example.org) ",
            "[a](javascript:alert(2)) [b](JavaScript:alert(3)) [c](data:text/html,x) ",
            "[d](vbscript:x) <javascript:alert(4)> [e](cso.html#cso-1)\n\n",
            "<img src=x onerror=alert(5)>\n\n",
            "text <a href=\"javascript:alert(6)\">f</a> end\n",
        ));
        for bad in [
            "<img",
            "<a href=\"javascript",
            "javascript:",
            "onerror=",
            "tracker.example",
        ] {
            assert!(
                !h.to_ascii_lowercase().contains(&bad.to_ascii_lowercase()),
                "{bad}: {h}"
            );
        }
        assert!(
            h.contains("pixel x <a href=\"https://example.org\">logo</a> a b c d"),
            "{h}"
        );
        assert!(h.contains("javascript&#58;alert(4) e"), "{h}");
        assert!(
            h.contains("<p class=\"raw-html\">&lt;img src&#61;x onerror&#61;alert(5)&gt;"),
            "{h}"
        );
        assert!(
            h.contains("&lt;a href&#61;&quot;javascript&#58;alert(6)&quot;&gt;f&lt;/a&gt;"),
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
