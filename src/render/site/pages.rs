//! The pages' views: the index of Parts and documents, the glossary, and each document page
//! with its contents, clauses, links and "Cited by" lists.
//!
//! Everything a page links to comes from the [`Layout`]; a clause's Markdown is turned into
//! HTML by [`super::super::markdown`], and the views are run through the templates by the
//! caller.

use super::super::markdown::{self, Chunk, Headings, RefLink};
use super::{
    part_anchor, ClauseView, ContentsView, DocEntryView, DocView, DocumentView, GlossaryView,
    IndexView, Layout, LinkView, PartView, SiteView, TermView,
};
use crate::model::{BlockKind, Constitution, Document};

impl Layout<'_> {
    /// The place of a glossary entry as a link: its clause, or its document.
    fn place_link(&self, at: &Places, p: &crate::terms::site::Place) -> Option<LinkView> {
        let d = at.document(&p.document)?;
        let ci = p.clause.as_ref().and_then(|n| at.clause(d, n));
        Some(LinkView {
            text: self.cite(d, ci),
            href: match ci {
                Some(ci) => format!("{}#{}", self.files[d], self.anchors[d][ci]),
                None => self.files[d].clone(),
            },
        })
    }

    /// The glossary page, when the constitution defines terms.
    pub fn glossary_view(&self) -> Option<GlossaryView> {
        if self.glossary.is_empty() {
            return None;
        }
        let at = Places::new(self.c);
        let terms = self
            .glossary
            .iter()
            .map(|g| TermView {
                term: g.term.clone(),
                anchor: g.anchor.clone(),
                definition: g.definition.clone(),
                defined_in: g.defined_in.as_ref().and_then(|p| self.place_link(&at, p)),
                applies_to: g
                    .applies_to
                    .as_ref()
                    .and_then(|id| at.document(id))
                    .map(|d| self.c.documents[d].meta.title.clone()),
                used_in: g
                    .used_in
                    .iter()
                    .filter_map(|p| self.place_link(&at, p))
                    .collect(),
            })
            .collect();
        Some(GlossaryView {
            site: self.site_view(),
            terms,
        })
    }

    pub fn site_view(&self) -> SiteView {
        SiteView {
            council: self.c.config.council.clone(),
            title: self.c.config.title.clone(),
            stylesheet: "style.css".into(),
        }
    }

    /// The index: every declared Part with its documents in Part order, then any document
    /// whose Part is not declared.
    pub fn index_view(&self) -> IndexView {
        let c = self.c;
        let mut order: Vec<usize> = (0..c.documents.len()).collect();
        order.sort_by_cached_key(|&i| (part_key(&c.documents[i].meta.part), i));
        let top = |i: usize| c.documents[i].meta.part.split('.').next().unwrap_or("");
        let mut parts: Vec<PartView> = c
            .config
            .parts
            .iter()
            .map(|p| PartView {
                number: p.number.clone(),
                title: p.title.clone(),
                anchor: part_anchor(&p.number),
                kept: p.kept,
                documents: order
                    .iter()
                    .filter(|&&i| top(i) == p.number)
                    .map(|&i| self.entry(i))
                    .collect(),
                cited_by: self
                    .cited_part
                    .iter()
                    .find(|(n, _)| *n == p.number)
                    .map(|(_, v)| self.cited_links(v))
                    .unwrap_or_default(),
            })
            .collect();
        let stray: Vec<DocEntryView> = order
            .iter()
            .filter(|&&i| !c.config.parts.iter().any(|p| p.number == top(i)))
            .map(|&i| self.entry(i))
            .collect();
        if !stray.is_empty() {
            parts.push(PartView {
                number: String::new(),
                title: "Other documents".into(),
                anchor: "part-other".into(),
                kept: true,
                documents: stray,
                cited_by: Vec::new(),
            });
        }
        IndexView {
            site: self.site_view(),
            parts,
            glossary: (!self.glossary.is_empty()).then(|| "glossary.html".to_string()),
        }
    }

    fn entry(&self, i: usize) -> DocEntryView {
        let m = &self.c.documents[i].meta;
        DocEntryView {
            id: m.id.clone(),
            href: self.files[i].clone(),
            title: m.title.clone(),
            part: m.part.clone(),
            short: m.short.clone(),
            status: status(self.c.documents[i].is_adopted()),
        }
    }

    /// A document page: every clause rendered, in order.
    pub fn document_view(&self, di: usize) -> DocumentView {
        let c = self.c;
        let d = &c.documents[di];
        let src = &c.file(d.file).text;
        let links = &self.links[di];
        let mut headings = Headings::default();
        let preamble_end = d.clauses.first().map_or(d.body.end, |cl| cl.span.start);
        let preamble_html = if preamble_end > d.body.start {
            let label = format!("Table in {}", d.meta.title);
            let chunk = Chunk {
                src,
                range: d.body.start..preamble_end,
                hide: &[],
                refs: refs_in(links, &(d.body.start..preamble_end)),
                lead: false,
                table_label: &label,
                lead_text: false,
            };
            markdown::render(&chunk, &mut headings).body_html
        } else {
            String::new()
        };
        let min_depth = d.clauses.iter().map(|cl| cl.number.depth()).min();
        let cite_name = self.doc_cite_name(di);
        let mut clauses = Vec::with_capacity(d.clauses.len());
        let mut contents = Vec::new();
        for (ci, cl) in d.clauses.iter().enumerate() {
            let number = cl.number.to_string();
            let cite = format!("{cite_name} {number}");
            let depth = cl.number.depth();
            let heading = is_heading(src, d, ci)
                .then(|| headings.next((depth as u8).saturating_add(1).min(6)));
            let number_text = cl.number_span.start..cl.head.start.max(cl.number_span.end);
            let mut hide = Vec::with_capacity(2);
            hide.push(number_text);
            if let Some(l) = &cl.label {
                hide.push(cl.head.end.min(l.span.start)..l.span.end);
            }
            let table_label = format!("Table in {cite}");
            let chunk = Chunk {
                src,
                range: cl.span.clone(),
                hide: &hide,
                refs: refs_in(links, &cl.span),
                lead: true,
                table_label: &table_label,
                lead_text: Some(depth) == min_depth,
            };
            let r = markdown::render(&chunk, &mut headings);
            if Some(depth) == min_depth {
                contents.push(ContentsView {
                    href: format!("#{}", self.anchors[di][ci]),
                    number: number.clone(),
                    title: shorten(&r.lead_text, 90),
                });
            }
            clauses.push(ClauseView {
                anchor: self.anchors[di][ci].clone(),
                number,
                cite,
                depth,
                heading,
                labels: self.labels[di][ci].clone(),
                lead_html: r.lead_html,
                body_html: r.body_html,
                cited_by: self.cited_links(&self.cited_clause[di][ci]),
            });
        }
        let part_top = d.meta.part.split('.').next().unwrap_or("");
        let part = c.config.part(part_top);
        DocumentView {
            site: self.site_view(),
            doc: DocView {
                id: d.meta.id.clone(),
                title: d.meta.title.clone(),
                part: d.meta.part.clone(),
                part_title: part.map(|p| p.title.clone()),
                part_href: match part {
                    Some(p) => format!("index.html#{}", part_anchor(&p.number)),
                    None => "index.html#part-other".into(),
                },
                short: d.meta.short.clone(),
                cite_name,
                status: status(d.is_adopted()),
                adopted: d.meta.adopted.clone(),
                amended: d.meta.amended.clone(),
                preamble_html,
                contents,
                clauses,
                cited_by: self.cited_links(&self.cited_doc[di]),
            },
        }
    }
}

/// Where the glossary's places are: documents by id, clauses by number as displayed, each
/// formatted once. A glossary lists thousands of places; finding each by formatting every
/// clause number of its document would cost more than rendering the whole site.
struct Places<'a> {
    /// The first document with each id (as [`Constitution::document`] finds it).
    documents: rustc_hash::FxHashMap<&'a str, usize>,
    /// Per document, the first clause with each displayed number.
    clauses: Vec<rustc_hash::FxHashMap<String, usize>>,
}

impl<'a> Places<'a> {
    fn new(c: &'a Constitution) -> Places<'a> {
        let mut documents = rustc_hash::FxHashMap::default();
        for (di, d) in c.documents.iter().enumerate() {
            documents.entry(d.meta.id.as_str()).or_insert(di);
        }
        let clauses = c
            .documents
            .iter()
            .map(|d| {
                let mut m = rustc_hash::FxHashMap::default();
                m.reserve(d.clauses.len());
                for (ci, cl) in d.clauses.iter().enumerate() {
                    m.entry(cl.number.to_string()).or_insert(ci);
                }
                m
            })
            .collect();
        Places { documents, clauses }
    }

    fn document(&self, id: &str) -> Option<usize> {
        self.documents.get(id).copied()
    }

    fn clause(&self, d: usize, number: &str) -> Option<usize> {
        self.clauses[d].get(number).copied()
    }
}

fn status(adopted: bool) -> &'static str {
    if adopted {
        "adopted"
    } else {
        "draft"
    }
}

/// The references whose spans lie inside `span`.
fn refs_in<'l>(links: &'l [RefLink], span: &crate::source::Span) -> &'l [RefLink] {
    let a = links.partition_point(|l| l.span.start < span.start);
    let b = links.partition_point(|l| l.span.start < span.end);
    &links[a..b.max(a)]
}

/// A clause opens with a heading when it is written as one, or when it is a section whose
/// number and title stand alone on their line ("2.0 Scope" followed by a blank line).
fn is_heading(src: &str, d: &Document, ci: usize) -> bool {
    let cl = &d.clauses[ci];
    match cl.kind {
        BlockKind::Heading(_) => true,
        _ if cl.number.depth() == 1 => {
            let line_end = cl.label.as_ref().map_or(cl.head.end, |l| l.span.end);
            let rest = &src[line_end.clamp(cl.span.start, cl.span.end)..cl.span.end];
            let mut lines = rest.split('\n');
            let end_of_line = lines.next().unwrap_or("");
            let next_line = lines.next();
            src[cl.head.clone()].chars().count() <= 120
                && end_of_line.trim().is_empty()
                && next_line.is_none_or(|l| l.trim().is_empty())
        }
        _ => false,
    }
}

/// Shorten text to about `max` characters at a word boundary.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for w in s.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out.push('…');
    out
}

/// Sort key for a Part number such as `4.6.1`: numbers numerically, then as text.
fn part_key(part: &str) -> Vec<(u64, String)> {
    part.split('.')
        .map(|s| (s.parse::<u64>().unwrap_or(u64::MAX), s.to_string()))
        .collect()
}
