//! Where everything lives on the site, computed once per build: each document's page file,
//! each clause's element id and labels, what each reference and each use of a defined term
//! links to, and which places cite each clause, document and Part.
//!
//! Every page is rendered from this one layout, so an anchor is decided in one place and
//! every link to it agrees. Building the pages' views from it is [`super::pages`]'s job.

use super::super::markdown::RefLink;
use super::super::{anchor_for, slug};
use super::LinkView;
use crate::model::Constitution;
use crate::refs::{Outcome, Reference, Target};

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
    pub(super) cited_clause: Vec<Vec<Vec<Citing>>>,
    pub(super) cited_doc: Vec<Vec<Citing>>,
    pub(super) cited_part: Vec<(String, Vec<Citing>)>,
    /// References placed as links, per document, sorted and non-overlapping.
    pub(super) links: Vec<Vec<RefLink>>,
    /// Defined terms, for the glossary page and the links from their uses.
    pub(super) glossary: Vec<crate::terms::site::GlossaryEntry>,
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
    pub(super) fn doc_cite_name(&self, d: usize) -> String {
        let m = &self.c.documents[d].meta;
        m.short.clone().unwrap_or_else(|| m.title.clone())
    }

    pub(super) fn cite(&self, d: usize, clause: Option<usize>) -> String {
        match clause {
            Some(ci) => format!(
                "{} {}",
                self.doc_cite_name(d),
                self.c.documents[d].clauses[ci].number
            ),
            None => self.c.documents[d].meta.title.clone(),
        }
    }

    pub(super) fn cited_links(&self, from: &[Citing]) -> Vec<LinkView> {
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
}

/// The element id of a Part's section on the index.
pub fn part_anchor(number: &str) -> String {
    format!("part-{}", slug(number))
}
