//! What the published site needs from the terms: for a document, the byte span of every use
//! of a defined term with where that term is defined; and a glossary of every term with its
//! definition, where it is defined and where it is used.
//!
//! Both are pure functions of the [`Constitution`]. Rendering (HTML, anchors, styling) is the
//! site's business; this module only says what links where.
//!
//! ```no_run
//! # let c: clerk::model::Constitution = unimplemented!();
//! let index = clerk::terms::Index::new(&c);
//! for (di, _) in c.documents.iter().enumerate() {
//!     for link in clerk::terms::site::term_links_with(&index, &c, di) {
//!         // wrap text[link.span] in <a href="#{link.anchor}"> (or to link.target's clause)
//!     }
//! }
//! let glossary = clerk::terms::site::glossary_with(&index, &c);
//! // Both at once, each document scanned once (what `clerk build` does):
//! let glossary = clerk::terms::site::site_terms(&index, &c, |di, links| { /* … */ });
//! ```

use super::Index;
use crate::model::Constitution;
use crate::source::Span;
use serde::Serialize;

/// A place in the constitution: a document and, when known, a clause.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Place {
    /// The document's id.
    pub document: String,
    /// The clause number as displayed ("1.1", "8.1.7(a)"), or none for a preamble.
    pub clause: Option<String>,
    /// The clause's stable label, when it has one (`{#standard-clauses}`).
    pub label: Option<String>,
}

/// One use of a defined term in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TermLink {
    /// Byte range of the use in the document's source file (`c.file(doc.file).text`). It lies
    /// inside one prose run (plain text: no emphasis, link or code inside) and covers the
    /// term as written, plural included, possessive `'s` excluded.
    pub span: Span,
    /// The term as defined.
    pub term: String,
    /// The glossary entry's anchor ([`GlossaryEntry::anchor`]).
    pub anchor: String,
    /// Where the term is defined, when a clause defines it; `None` for a term defined only
    /// in constitution.yaml (link to the glossary instead).
    pub target: Option<Place>,
}

/// One defined term.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GlossaryEntry {
    pub term: String,
    /// A stable anchor for the term's glossary entry: `term-` and the term in lower case
    /// with `-` for spaces, and `-2`, `-3`… when two documents define the same term.
    pub anchor: String,
    /// The definition as plain text ("Officer means all persons employed by the Council.").
    pub definition: String,
    /// Where it is defined; `None` when only constitution.yaml defines it.
    pub defined_in: Option<Place>,
    /// The document it applies to, or `None` when it applies to the whole constitution.
    pub applies_to: Option<String>,
    /// Every clause that uses it, in document order, each once.
    pub used_in: Vec<Place>,
}

fn place(c: &Constitution, doc: usize, clause: Option<usize>) -> Place {
    let d = &c.documents[doc];
    let cl = clause.map(|ci| &d.clauses[ci]);
    Place {
        document: d.meta.id.clone(),
        clause: cl.map(|cl| cl.number.to_string()),
        label: cl.and_then(|cl| cl.label.as_ref().map(|l| l.name.clone())),
    }
}

/// The anchors of every definition, in [`Index::definitions`] order.
pub fn anchors(index: &Index) -> Vec<String> {
    let mut seen: rustc_hash::FxHashMap<String, usize> = Default::default();
    index
        .definitions
        .iter()
        .map(|d| {
            let slug: String = d
                .term
                .to_lowercase()
                .chars()
                .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
                .collect();
            let slug = slug
                .split('-')
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let n = seen.entry(slug.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("term-{slug}")
            } else {
                format!("term-{slug}-{n}")
            }
        })
        .collect()
}

/// Every use of a defined term in document `doc` (an index into `c.documents`).
pub fn term_links(c: &Constitution, doc: usize) -> Vec<TermLink> {
    term_links_with(&Index::new(c), c, doc)
}

/// [`term_links`] with an index built once for many documents.
pub fn term_links_with(index: &Index, c: &Constitution, doc: usize) -> Vec<TermLink> {
    Links::new(index, c).of(&index.scan(c, doc), doc)
}

/// Every defined term, sorted by term (case-insensitively).
pub fn glossary(c: &Constitution) -> Vec<GlossaryEntry> {
    glossary_with(&Index::new(c), c)
}

/// [`glossary`] with an index built once.
pub fn glossary_with(index: &Index, c: &Constitution) -> Vec<GlossaryEntry> {
    let links = Links::new(index, c);
    let mut uses = Uses::new(index);
    for di in 0..c.documents.len() {
        uses.add(index, c, di, &index.scan(c, di));
    }
    uses.glossary(&links)
}

/// The glossary ([`glossary_with`]), scanning each document once for it and for the
/// document's term links, which go to `links(doc, links)` (what [`term_links_with`] returns
/// for `doc`) in document order, one document at a time. `links` is not called when the
/// constitution defines no terms.
pub fn site_terms(
    index: &Index,
    c: &Constitution,
    mut links: impl FnMut(usize, Vec<TermLink>),
) -> Vec<GlossaryEntry> {
    let (glossary, per_doc) = site_terms_all(index, c);
    for (di, l) in per_doc.into_iter().enumerate() {
        links(di, l);
    }
    glossary
}

/// [`site_terms`] returning every document's term links (in document order; empty when the
/// constitution defines no terms) beside the glossary. The documents are scanned on every
/// core ([`crate::par`]) and merged in document order, so the result does not depend on how
/// many.
pub fn site_terms_all(index: &Index, c: &Constitution) -> (Vec<GlossaryEntry>, Vec<Vec<TermLink>>) {
    if index.definitions.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let made = Links::new(index, c);
    let per_doc = crate::par::map_indices(c.documents.len(), |di| {
        let scan = index.scan(c, di);
        (Uses::of(index, c, di, &scan), made.of(&scan, di))
    });
    let mut uses = Uses::new(index);
    let mut links = Vec::with_capacity(per_doc.len());
    for (places, l) in per_doc {
        uses.merge(places);
        links.push(l);
    }
    (uses.glossary(&made), links)
}

/// What every link to a definition carries, made once per definition: the anchors of all
/// definitions depend on each other (a repeated term takes `-2`), and a definition's place
/// formats its clause number, so neither is made once per document or per use.
struct Links<'a> {
    index: &'a Index,
    c: &'a Constitution,
    /// [`anchors`], per definition.
    anchors: Vec<String>,
    /// Where each definition is written, when a clause writes it.
    targets: Vec<Option<Place>>,
}

impl<'a> Links<'a> {
    fn new(index: &'a Index, c: &'a Constitution) -> Links<'a> {
        Links {
            index,
            c,
            anchors: anchors(index),
            targets: index
                .definitions
                .iter()
                .map(|d| d.doc.map(|di| place(c, di, d.clause)))
                .collect(),
        }
    }

    /// The term links of document `doc`, from its scan.
    fn of(&self, scan: &super::DocScan, doc: usize) -> Vec<TermLink> {
        let (index, c) = (self.index, self.c);
        let text = &c.file(c.documents[doc].file).text;
        scan.prose
            .iter()
            .filter(|h| !crate::terms::matcher::crosses_tag(text, &h.span))
            .filter_map(|h| {
                let i = index.term_use(h, doc)?;
                Some(TermLink {
                    span: h.span.clone(),
                    term: index.definitions[i].term.clone(),
                    anchor: self.anchors[i].clone(),
                    target: self.targets[i].clone(),
                })
            })
            .collect()
    }
}

/// The places each definition is used, gathered document by document.
struct Uses {
    /// Per definition, in document order, each once.
    used: Vec<Vec<Place>>,
    /// The places in `used`, to keep it free of repeats without searching it (a term of the
    /// whole constitution is used in thousands of clauses).
    seen: rustc_hash::FxHashSet<(usize, Place)>,
}

impl Uses {
    fn new(index: &Index) -> Uses {
        Uses {
            used: vec![Vec::new(); index.definitions.len()],
            seen: Default::default(),
        }
    }

    /// The uses in document `di`, from its scan: prose and link texts.
    fn add(&mut self, index: &Index, c: &Constitution, di: usize, scan: &super::DocScan) {
        self.merge(Uses::of(index, c, di, scan));
    }

    /// The places document `di` uses each definition, from its scan, in text order: each
    /// (definition, clause) once, as [`Uses::merge`] takes them. Reads nothing but the
    /// document, so documents are done side by side.
    fn of(
        index: &Index,
        c: &Constitution,
        di: usize,
        scan: &super::DocScan,
    ) -> Vec<(usize, Place)> {
        // (definition, clause) already placed: the same clause always makes the same place,
        // so it is made once.
        let mut made: rustc_hash::FxHashSet<(usize, Option<usize>)> = Default::default();
        let mut out = Vec::new();
        for h in scan.prose.iter().chain(&scan.links) {
            if let Some(i) = index.term_use(h, di) {
                let ci = c.documents[di].clause_at(h.span.start);
                if made.insert((i, ci)) {
                    out.push((i, place(c, di, ci)));
                }
            }
        }
        out
    }

    /// Add one document's places ([`Uses::of`]); documents are merged in document order.
    fn merge(&mut self, places: Vec<(usize, Place)>) {
        for (i, p) in places {
            if self.seen.insert((i, p.clone())) {
                self.used[i].push(p);
            }
        }
    }

    /// Every defined term with its uses, sorted by term (case-insensitively).
    fn glossary(self, links: &Links) -> Vec<GlossaryEntry> {
        let c = links.c;
        let mut out: Vec<GlossaryEntry> = links
            .index
            .definitions
            .iter()
            .enumerate()
            .zip(self.used)
            .map(|((i, d), used_in)| GlossaryEntry {
                term: d.term.clone(),
                anchor: links.anchors[i].clone(),
                definition: d.text(c),
                defined_in: links.targets[i].clone(),
                applies_to: match d.scope {
                    super::Scope::Document(di) => Some(c.documents[di].meta.id.clone()),
                    super::Scope::Constitution => None,
                },
                used_in,
            })
            .collect();
        out.sort_by(|a, b| {
            a.term
                .to_lowercase()
                .cmp(&b.term.to_lowercase())
                .then_with(|| a.anchor.cmp(&b.anchor))
        });
        out
    }
}
