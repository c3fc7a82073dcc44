//! The views templates receive, built from the model and the resolved references: the index of
//! Parts and documents, and one page per document with its contents, clauses, links and
//! "Cited by" lists.
//!
//! Views are plain `Serialize` structs owned by this module, so templates never see (or
//! depend on) the internal model. Where each clause's anchor is and what each reference
//! links to is decided here; turning Markdown into HTML is [`super::markdown`]'s job, and
//! running templates is [`super::templates`]'.

use super::markdown::{self, Chunk, Headings, RefLink};
use super::{anchor_for, slug};
use crate::model::{BlockKind, Constitution, Document};
use crate::refs::{Outcome, Reference, Target};
use serde::Serialize;

/// What every page knows about the constitution.
#[derive(Serialize, Debug, Clone)]
pub struct SiteView {
    pub council: String,
    pub title: String,
    /// The stylesheet's URL, relative to the page.
    pub stylesheet: String,
}

/// A link with text that makes sense on its own ("CSO 4.1").
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    pub text: String,
    pub href: String,
}

/// A document as listed on the index.
#[derive(Serialize, Debug, Clone)]
pub struct DocEntryView {
    pub id: String,
    pub href: String,
    pub title: String,
    pub part: String,
    pub short: Option<String>,
    pub status: &'static str,
}

/// A Part of the constitution, with the documents kept in it.
#[derive(Serialize, Debug, Clone)]
pub struct PartView {
    pub number: String,
    pub title: String,
    /// The element id of its section on the index (`part-4`).
    pub anchor: String,
    /// False when the Part is not kept in clerk (its documents are published elsewhere).
    pub kept: bool,
    pub documents: Vec<DocEntryView>,
    pub cited_by: Vec<LinkView>,
}

/// The index page.
#[derive(Serialize, Debug, Clone)]
pub struct IndexView {
    pub site: SiteView,
    pub parts: Vec<PartView>,
    /// The glossary page, when the constitution defines terms.
    pub glossary: Option<String>,
}

/// One defined term on the glossary page.
#[derive(Serialize, Debug, Clone)]
pub struct TermView {
    pub term: String,
    pub anchor: String,
    pub definition: String,
    pub defined_in: Option<LinkView>,
    pub applies_to: Option<String>,
    pub used_in: Vec<LinkView>,
}

/// The glossary page.
#[derive(Serialize, Debug, Clone)]
pub struct GlossaryView {
    pub site: SiteView,
    pub terms: Vec<TermView>,
}

/// One entry of a document's contents list.
#[derive(Serialize, Debug, Clone)]
pub struct ContentsView {
    pub href: String,
    pub number: String,
    pub title: String,
}

/// One clause.
#[derive(Serialize, Debug, Clone)]
pub struct ClauseView {
    /// Its element id, `cso-16.1.3`; the page URL plus `#` and this addresses it.
    pub anchor: String,
    pub number: String,
    /// How it is cited: "CSO 16.1.3".
    pub cite: String,
    /// 1 for a section, 2 for 1.1, …
    pub depth: usize,
    /// The heading level (2–6) when the clause opens with a heading, else none.
    pub heading: Option<u8>,
    /// `{#label}`s, as extra element ids.
    pub labels: Vec<String>,
    /// The opening block's inline HTML, without the number.
    pub lead_html: String,
    /// The rest of the clause as block HTML.
    pub body_html: String,
    pub cited_by: Vec<LinkView>,
}

/// What a document page shows about its document.
#[derive(Serialize, Debug, Clone)]
pub struct DocView {
    pub id: String,
    pub title: String,
    pub part: String,
    pub part_title: Option<String>,
    /// The Part's section on the index.
    pub part_href: String,
    pub short: Option<String>,
    /// How its clauses are cited before their number: the short form, else the title.
    pub cite_name: String,
    pub status: &'static str,
    pub adopted: Option<String>,
    pub amended: Option<String>,
    pub preamble_html: String,
    pub contents: Vec<ContentsView>,
    pub clauses: Vec<ClauseView>,
    pub cited_by: Vec<LinkView>,
}

/// A document page.
#[derive(Serialize, Debug, Clone)]
pub struct DocumentView {
    pub site: SiteView,
    pub doc: DocView,
}

/// Ids every page's templates use for themselves; labels may not take them.
pub const RESERVED_IDS: &[&str] = &["main", "contents-heading"];

/// A place a reference is written: (document, clause it is in, if any).
type Citing = (usize, Option<usize>);

/// Where everything lives on the site, computed once.
pub struct Layout<'a> {
    pub c: &'a Constitution,
    /// Page file name per document (`cso.html`).
    pub files: Vec<String>,
    /// Element id per clause, per document.
    pub anchors: Vec<Vec<String>>,
    /// Label names that can be element ids, per clause, per document.
    pub labels: Vec<Vec<Vec<String>>>,
    /// Citing places per target clause, per document: (document, clause).
    cited_clause: Vec<Vec<Vec<Citing>>>,
    cited_doc: Vec<Vec<Citing>>,
    cited_part: Vec<(String, Vec<Citing>)>,
    /// References placed as links, per document, sorted and non-overlapping.
    links: Vec<Vec<RefLink>>,
    /// Defined terms, for the glossary page and the links from their uses.
    glossary: Vec<crate::terms::site::GlossaryEntry>,
}

/// What the site takes from the defined terms: the glossary and every document's term
/// links ([`crate::terms::site::site_terms_all`]). It needs only the constitution, so
/// `clerk build` makes it while the check runs.
pub struct SiteTerms {
    glossary: Vec<crate::terms::site::GlossaryEntry>,
    /// Per document; empty when no terms are defined.
    links: Vec<Vec<crate::terms::site::TermLink>>,
}

impl SiteTerms {
    pub fn new(c: &Constitution) -> SiteTerms {
        let index = crate::terms::Index::new(c);
        let (glossary, links) = crate::terms::site::site_terms_all(&index, c);
        SiteTerms { glossary, links }
    }
}

impl<'a> Layout<'a> {
    pub fn new(c: &'a Constitution, refs: &[Reference]) -> Layout<'a> {
        Layout::with_terms(c, refs, SiteTerms::new(c))
    }

    /// [`Layout::new`] with the term work already done (for this constitution).
    pub fn with_terms(c: &'a Constitution, refs: &[Reference], terms: SiteTerms) -> Layout<'a> {
        let mut used: Vec<String> = vec!["index".into()];
        let mut files = Vec::with_capacity(c.documents.len());
        for d in &c.documents {
            let base = slug(&d.meta.id);
            let mut name = base.clone();
            let mut k = 2;
            while used.contains(&name) {
                name = format!("{base}-{k}");
                k += 1;
            }
            used.push(name.clone());
            files.push(format!("{name}.html"));
        }
        let mut anchors = Vec::with_capacity(c.documents.len());
        let mut labels = Vec::with_capacity(c.documents.len());
        for d in &c.documents {
            let mut seen: rustc_hash::FxHashSet<String> =
                RESERVED_IDS.iter().map(|s| s.to_string()).collect();
            let id = slug(&d.meta.id);
            let mut a = Vec::with_capacity(d.clauses.len());
            let text = &c.file(d.file).text;
            for (ci, cl) in d.clauses.iter().enumerate() {
                let base = anchor_for(&id, d.unit_of(text, ci).as_deref(), &cl.number);
                let mut name = base.clone();
                let mut k = 2;
                while !seen.insert(name.clone()) {
                    name = format!("{base}~{k}");
                    k += 1;
                }
                a.push(name);
            }
            let l = d
                .clauses
                .iter()
                .map(|cl| {
                    cl.label
                        .iter()
                        .filter(|l| seen.insert(l.name.clone()))
                        .map(|l| l.name.clone())
                        .collect()
                })
                .collect();
            anchors.push(a);
            labels.push(l);
        }
        let mut layout = Layout {
            c,
            files,
            anchors,
            labels,
            cited_clause: c
                .documents
                .iter()
                .map(|d| vec![Vec::new(); d.clauses.len()])
                .collect(),
            cited_doc: vec![Vec::new(); c.documents.len()],
            cited_part: Vec::new(),
            links: vec![Vec::new(); c.documents.len()],
            glossary: Vec::new(),
        };
        for r in refs {
            layout.add_reference(r);
        }
        layout.add_terms(terms);
        for v in layout.cited_clause.iter_mut().flatten() {
            v.sort_unstable();
            v.dedup();
        }
        for v in &mut layout.cited_doc {
            v.sort_unstable();
            v.dedup();
        }
        for (_, v) in &mut layout.cited_part {
            v.sort_unstable();
            v.dedup();
        }
        layout
    }

    fn add_reference(&mut self, r: &Reference) {
        // A bare number read from context is linked only when it names exactly one clause:
        // a range or list found without a citing word is left as text for a reader to judge.
        let plain_enough = r.confidence == crate::refs::Confidence::Explicit
            || (r.targets.len() == 1 && r.numbers.len() == 1);
        let resolved = r.outcome == Outcome::Resolved && !r.targets.is_empty() && plain_enough;
        let from = (r.doc, r.clause);
        if resolved {
            for t in &r.targets {
                match t {
                    // A clause that mentions its own number is not "cited by" itself.
                    Target::Clause(d, ci) if from == (*d, Some(*ci)) => {}
                    Target::Clause(d, ci) => self.cited_clause[*d][*ci].push(from),
                    Target::Document(d) | Target::Heading(d, _) => self.cited_doc[*d].push(from),
                    Target::Part(p) => match self.cited_part.iter_mut().find(|(n, _)| n == p) {
                        Some((_, v)) => v.push(from),
                        None => self.cited_part.push((p.clone(), vec![from])),
                    },
                }
            }
        }
        let href = resolved.then(|| self.target_href(&r.targets[0]));
        if self.links[r.doc]
            .last()
            .is_some_and(|l| l.span.end > r.span.start)
        {
            return; // overlapping another reference: the first one wins
        }
        let d = &self.c.documents[r.doc];
        let written = &self.c.file(d.file).text[r.span.clone()];
        let hidden_prefix = match (&href, r.targets.first()) {
            (Some(_), Some(Target::Clause(td, _) | Target::Document(td)))
                if written.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(self.doc_cite_name(*td))
            }
            _ => None,
        };
        self.links[r.doc].push(RefLink {
            span: r.span.clone(),
            href,
            hidden_prefix,
        });
    }

    /// Each use of a defined term links to its glossary entry, where a reference does not
    /// already cover the words. Documents are merged side by side.
    fn add_terms(&mut self, terms: SiteTerms) {
        self.glossary = terms.glossary;
        if terms.links.is_empty() {
            return; // no terms defined
        }
        let refs = std::mem::take(&mut self.links);
        let pairs: Vec<_> = refs.into_iter().zip(terms.links).collect();
        self.links = crate::par::map_owned(pairs, |(mut links, uses)| {
            for u in uses {
                let overlaps = links
                    .iter()
                    .any(|l| l.span.start < u.span.end && u.span.start < l.span.end);
                if !overlaps {
                    links.push(RefLink {
                        span: u.span,
                        href: Some(format!("glossary.html#{}", u.anchor)),
                        hidden_prefix: None,
                    });
                }
            }
            links.sort_by_key(|l| l.span.start);
            links
        });
    }

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

    /// The URL of a target, relative to any page.
    pub fn target_href(&self, t: &Target) -> String {
        match t {
            Target::Clause(d, ci) => format!("{}#{}", self.files[*d], self.anchors[*d][*ci]),
            Target::Document(d) => self.files[*d].clone(),
            // An unnumbered heading ("Appendix D") has no anchor of its own: link to the
            // clause whose body holds it, or to its document's page.
            Target::Heading(d, h) => {
                let doc = &self.c.documents[*d];
                match doc.clause_at(doc.headings[*h].text.start) {
                    Some(ci) => format!("{}#{}", self.files[*d], self.anchors[*d][ci]),
                    None => self.files[*d].clone(),
                }
            }
            Target::Part(p) => format!("index.html#{}", part_anchor(p)),
        }
    }

    /// How a document is named before a clause number: its short form, else its title.
    fn doc_cite_name(&self, d: usize) -> String {
        let m = &self.c.documents[d].meta;
        m.short.clone().unwrap_or_else(|| m.title.clone())
    }

    fn cite(&self, d: usize, clause: Option<usize>) -> String {
        match clause {
            Some(ci) => format!(
                "{} {}",
                self.doc_cite_name(d),
                self.c.documents[d].clauses[ci].number
            ),
            None => self.c.documents[d].meta.title.clone(),
        }
    }

    fn cited_links(&self, from: &[Citing]) -> Vec<LinkView> {
        from.iter()
            .map(|&(d, ci)| LinkView {
                text: self.cite(d, ci),
                href: match ci {
                    Some(ci) => format!("{}#{}", self.files[d], self.anchors[d][ci]),
                    None => self.files[d].clone(),
                },
            })
            .collect()
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

/// The element id of a Part's section on the index.
pub fn part_anchor(number: &str) -> String {
    format!("part-{}", slug(number))
}

/// Sort key for a Part number such as `4.6.1`: numbers numerically, then as text.
fn part_key(part: &str) -> Vec<(u64, String)> {
    part.split('.')
        .map(|s| (s.parse::<u64>().unwrap_or(u64::MAX), s.to_string()))
        .collect()
}
