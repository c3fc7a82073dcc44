//! The PDF pack: Typst source generated from the views (cover, agenda, each item's report and
//! annexes), compiled in-process with the Typst library and exported as a tagged PDF
//! (PDF/UA-1) with bookmarks from the headings.
//!
//! Page ranges come from the layout itself: labels mark where each item starts and ends, the
//! agenda and running headers read them with `locate` inside Typst, and [`render`] reads the
//! same labels from the finished document so callers (the HTML page, the tests) see the
//! numbers the PDF prints. Styles live in `templates/pack/pack.typ`; escaping and Markdown
//! conversion are [`super::markup`]'s.

use super::markup::{esc, lit, Converter};
use super::view::{PackView, ReportView};
use super::world::PackWorld;
use typst::diag::Severity;
use typst::foundations::{Label, Smart};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst::World;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The pack's styles, compiled into the binary.
pub const STYLE: &str = include_str!("../../templates/pack/pack.typ");

/// Heading levels in the pack: 1 the pack, 2 agenda and items, 3 reports and annexes, 4 and
/// deeper the sections inside them. Bookmarks go down to sections.
const BODY_SHIFT: u8 = 3;
const BOOKMARKS: u8 = 4;

/// A rendered PDF and the page ranges it prints.
pub struct Rendered {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// (item number, first page, last page) for each item with a report.
    pub ranges: Vec<(u32, usize, usize)>,
    /// Typst's warnings, one line each.
    pub warnings: Vec<String>,
}

fn cover(v: &PackView, out: &mut String) {
    out.push_str(&format!(
        "#grid(columns: (1fr, auto), align: (left + top, left + top), column-gutter: 1em,\n  text(weight: \"bold\", size: 12pt)[Public Document Pack #linebreak() #v(0.4em) {council}],\n  text(size: 10.5pt)[Date: {issued} #linebreak() Ask For: {name} #linebreak() Direct Dial: {phone} #linebreak() Email: #link({mail})[{email}]],\n)\n\n",
        council = esc(&v.council),
        issued = esc(&v.issued),
        name = esc(&v.contact_name),
        phone = esc(&v.contact_phone),
        mail = lit(&format!("mailto:{}", v.contact_email)),
        email = esc(&v.contact_email),
    ));
    out.push_str(&format!(
        "#v(1.2em)\n#heading(level: 1, bookmarked: false)[#upper[{}] #linebreak() #text(size: 14pt)[#upper[{}]]]\n\n",
        esc(&v.committee),
        esc(&v.date)
    ));
    out.push_str(&format!(
        "A meeting of the {} will be held at #underline[{} on {}, {}] in the {}\\.\n\n",
        esc(&v.committee),
        esc(&v.time),
        esc(&v.weekday),
        esc(&v.date),
        esc(v.venue.trim_end_matches('.'))
    ));
    out.push_str("#strong[Membership:]\n\n");
    for g in &v.membership {
        out.push_str(&format!("{}: {}\n\n", esc(&g.group), esc(&g.members)));
    }
    if let Some(q) = &v.quorum {
        out.push_str(&format!("#strong[Quorum:] {}\n\n", esc(q)));
    }
    out.push_str(
        "#heading(level: 2, bookmarked: true)[#text(size: 14pt, fill: black)[AGENDA]]\n\n",
    );
    out.push_str("#table(columns: (auto, 1fr), stroke: none, inset: (x: 4pt, y: 5pt),\n  table.header([#strong[Item No]], [#strong[Subject]]),\n");
    for it in &v.items {
        let subject = if it.report.is_some() {
            format!(
                "#strong[#upper[{}]] #pages-of({})",
                esc(&it.title),
                it.number
            )
        } else {
            let text = it
                .text
                .as_deref()
                .map(|t| format!(" #linebreak() {}", esc(t)))
                .unwrap_or_default();
            format!("#strong[#upper[{}]]{text}", esc(&it.title))
        };
        out.push_str(&format!("  [{}\\.], [{subject}],\n", it.number));
    }
    out.push_str(")\n\n");
    if !v.footer.is_empty() {
        out.push_str("#v(1fr)\n#line(length: 100%, stroke: 0.5pt)\n#text(size: 9pt)[");
        let lines: Vec<String> = v.footer.iter().map(|l| esc(l)).collect();
        out.push_str(&lines.join(" #linebreak() "));
        out.push_str("]\n\n");
    }
    let close = if v.items.iter().any(|i| i.report.is_some()) {
        "next-part()"
    } else {
        "last-part(<cover-end>)"
    };
    out.push_str(&format!("#metadata(none) <cover-end>\n#{close}\n\n"));
}

fn report(n: u32, title: &str, r: &ReportView, last: bool, conv: &Converter, out: &mut String) {
    out.push_str(&format!("#metadata(none) <item-{n}-start>\n"));
    out.push_str(&format!(
        "#heading(level: 2, bookmarked: true)[Item {n}: {}]\n\n",
        esc(title)
    ));
    out.push_str(&format!(
        "#heading(level: 3, bookmarked: true)[{}]\n\n#text(size: 12pt)[{}]\n\n",
        esc(&r.title),
        esc(&r.meeting)
    ));
    out.push_str("#table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 3pt), column-gutter: 1.5em,\n");
    for (k, val) in &r.rows {
        out.push_str(&format!("  [#strong[{}]], [{}],\n", esc(k), esc(val)));
    }
    out.push_str(")\n\n");
    out.push_str(&conv.body(&r.body));
    for a in &r.annexes {
        out.push_str(&format!(
            "#pagebreak()\n#heading(level: 3, bookmarked: true)[{}: {}]\n\n#emph[{}]\n\n",
            esc(&a.label),
            esc(&a.title),
            esc(&a.about)
        ));
        out.push_str(&conv.body(&a.body));
    }
    let close = if last {
        format!("last-part(<item-{n}-end>)")
    } else {
        "next-part()".to_string()
    };
    out.push_str(&format!("#metadata(none) <item-{n}-end>\n#{close}\n\n"));
}

/// The complete Typst source of a pack.
pub fn source(v: &PackView) -> String {
    let conv = Converter {
        shift: BODY_SHIFT,
        bookmarks: BOOKMARKS,
    };
    let numbers: Vec<String> = v
        .items
        .iter()
        .filter(|i| i.report.is_some())
        .map(|i| i.number.to_string())
        .collect();
    let mut out = String::with_capacity(256 * 1024);
    out.push_str(&format!(
        "#let pack-items = ({})\n#let duplex = {}\n#let blank-notice = [{}]\n",
        numbers.iter().map(|n| format!("{n},")).collect::<String>(),
        v.duplex,
        esc(&v.blank_page)
    ));
    out.push_str(&format!(
        "#set document(title: {}, author: {}, date: datetime(year: {}, month: {}, day: {}))\n",
        lit(&v.title),
        lit(&v.council),
        &v.date_iso[..4],
        v.date_iso[5..7].trim_start_matches('0'),
        v.date_iso[8..10].trim_start_matches('0'),
    ));
    out.push_str(STYLE);
    out.push('\n');
    cover(v, &mut out);
    let with_reports: Vec<_> = v.items.iter().filter(|i| i.report.is_some()).collect();
    for (i, it) in with_reports.iter().enumerate() {
        if let Some(r) = &it.report {
            let last = i + 1 == with_reports.len();
            report(it.number, &it.title, r, last, &conv, &mut out);
        }
    }
    out
}

/// A Typst error as one readable line, with the generated source line it points at.
fn describe(world: &PackWorld, d: &typst::diag::SourceDiagnostic) -> String {
    let at = typst::WorldExt::range(world, d.span)
        .map(|r| {
            let text = world.source_text().text();
            let line = text[..r.start.min(text.len())].matches('\n').count() + 1;
            let snippet: String = text[r.start.min(text.len())..].chars().take(60).collect();
            format!(" (generated line {line}: `{}`)", snippet.replace('\n', " "))
        })
        .unwrap_or_default();
    let hints: String = d.hints.iter().map(|h| format!("; hint: {}", h.v)).collect();
    format!("{}{at}{hints}", d.message)
}

fn page_of(doc: &PagedDocument, name: &str) -> Option<usize> {
    let intro = doc.introspector();
    let label = Label::new(PicoStr::intern(name))?;
    let loc = intro.query_label(label).ok()?.location()?;
    Introspector::page(intro.as_ref(), loc).map(|p| p.get())
}

/// Compile a pack's views to a tagged PDF. `today` is the meeting's date: Typst never reads
/// the clock.
pub fn render(v: &PackView, today: (i32, u8, u8)) -> Result<Rendered, String> {
    let world = PackWorld::new(source(v), today);
    let warned = typst::compile::<PagedDocument>(&world);
    let warnings = warned
        .warnings
        .iter()
        .map(|d| describe(&world, d))
        .collect();
    let doc = warned.output.map_err(|errs| {
        errs.iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| describe(&world, d))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let mut ranges = Vec::new();
    for it in v.items.iter().filter(|i| i.report.is_some()) {
        let s = page_of(&doc, &format!("item-{}-start", it.number));
        let e = page_of(&doc, &format!("item-{}-end", it.number));
        match (s, e) {
            (Some(s), Some(e)) => ranges.push((it.number, s, e)),
            _ => return Err(format!("item {} was not laid out", it.number)),
        }
    }
    let standards = PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| e.message().to_string())?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("clerk-pack:{}", v.title)),
        creator: Smart::Custom(Some("clerk".to_string())),
        timestamp: None,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(&doc, &options).map_err(|errs| {
        errs.iter()
            .map(|d| describe(&world, d))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let _ = world.main();
    Ok(Rendered {
        pdf,
        pages: doc.pages().len(),
        ranges,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::view::{AnnexView, BlockKind, Body, Change, ItemView, RedlineBlock};

    fn view(annex: Body) -> PackView {
        PackView {
            title: "T".into(),
            council: "C".into(),
            committee: "Committee #1 [draft]".into(),
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
            blank_page: "Blank".into(),
            items: vec![ItemView {
                number: 5,
                title: "Protocol".into(),
                text: None,
                pages: None,
                report: Some(ReportView {
                    title: "R".into(),
                    meeting: "M".into(),
                    rows: vec![("Status".into(), "For Decision".into())],
                    body: Body::Markdown {
                        text: "# 1 Intro\n\n1.1 See Annex 1.\n".into(),
                    },
                    annexes: vec![AnnexView {
                        label: "Annex 1".into(),
                        title: "Changes".into(),
                        about: "a compared with b".into(),
                        body: annex,
                    }],
                }),
            }],
        }
    }

    /// The bodies the diff engine will hand over already typeset.
    #[test]
    fn redline_and_key_change_bodies_typeset() {
        let redline = Body::Redline {
            blocks: vec![
                RedlineBlock {
                    kind: BlockKind::Heading(1),
                    runs: vec![(Change::Same, "2 Roles".into())],
                },
                RedlineBlock {
                    kind: BlockKind::Paragraph,
                    runs: vec![
                        (Change::Same, "2.1 The ".into()),
                        (Change::Deleted, "Chairman".into()),
                        (Change::Inserted, "Chair".into()),
                        (Change::Same, " decides [#not code].".into()),
                    ],
                },
            ],
        };
        let table = Body::Table {
            header: vec!["Clause".into(), "Change".into()],
            rows: vec![vec![
                "CSO 4.2".into(),
                "Contract value increased to £50,000.00".into(),
            ]],
        };
        for body in [redline, table] {
            let r = render(&view(body), (2024, 2, 22)).expect("typesets");
            assert_eq!(r.ranges, vec![(5, 3, 4)]);
            assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        }
        let src = source(&view(Body::Markdown {
            text: String::new(),
        }));
        assert!(src.contains("Committee \\#1 \\[draft\\]"), "{src}");
    }
}
