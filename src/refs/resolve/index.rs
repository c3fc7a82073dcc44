//! The lookup tables over a constitution: clause numbers per document, labels, document ids,
//! generic names and unit words, and the [`Lexicon`] of its citing words.
//!
//! Built once per run so that resolving a citation is a hash lookup per number. Which
//! document a citation means when its words leave a choice ("Rule 5") is answered here,
//! because it depends only on the tables; what a citation's outcome is, is
//! [`super::reference`]'s to say.

use super::super::grammar::{Item, Lexicon, Words};
use crate::model::{Constitution, Document};
use crate::number::{ClauseNumber, Seg};
use rustc_hash::FxHashMap as HashMap;

/// Lookup tables over a constitution.
pub struct Index<'a> {
    pub(in crate::refs) c: &'a Constitution,
    numbers: Vec<HashMap<&'a ClauseNumber, Vec<usize>>>,
    pub(in crate::refs) labels: HashMap<&'a str, (usize, usize)>,
    pub(in crate::refs) ids: HashMap<&'a str, usize>,
    pub(super) generic: HashMap<String, usize>,
    /// Unit word (lower case) → the documents whose clauses are cited by it.
    pub(super) units: HashMap<String, Vec<usize>>,
    pub(super) lexicon: Lexicon,
}

impl<'a> Index<'a> {
    pub fn new(c: &'a Constitution) -> Index<'a> {
        let mut numbers = Vec::with_capacity(c.documents.len());
        let mut labels = HashMap::default();
        for (di, d) in c.documents.iter().enumerate() {
            let mut m: HashMap<&ClauseNumber, Vec<usize>> =
                HashMap::with_capacity_and_hasher(d.clauses.len(), Default::default());
            for (ci, cl) in d.clauses.iter().enumerate() {
                m.entry(&cl.number).or_default().push(ci);
                if let Some(l) = &cl.label {
                    labels.entry(l.name.as_str()).or_insert((di, ci));
                }
            }
            numbers.push(m);
        }
        let ids = c
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.meta.id.as_str(), i))
            .collect();
        let cit = &c.config.citations;
        let mut generic = HashMap::default();
        for (i, d) in c.documents.iter().enumerate() {
            for l in &d.meta.long {
                let l = l.to_ascii_lowercase();
                if cit.generic.iter().any(|g| g.eq_ignore_ascii_case(&l)) {
                    generic.entry(l).or_insert(i);
                }
            }
        }
        let units = unit_users(c);
        let lexicon = lexicon_with(c, &units);
        Index {
            c,
            numbers,
            labels,
            ids,
            generic,
            units,
            lexicon,
        }
    }

    /// The document "Rule 5" written in `doc` means: `doc` itself if it uses the unit word
    /// (or has the clause, for a word that cites the same document by default), else the one document that uses the word, else the document the
    /// generic name answers to ("standing order 12"), else `doc` (to be reported there).
    pub(super) fn unit_document(&self, doc: usize, word: &str, items: &[Item]) -> usize {
        let users = self.units.get(word).map_or(&[][..], Vec::as_slice);
        let first = items.iter().find_map(|it| match it {
            Item::One(n) | Item::Range(n, _) | Item::Refined { outer: n, .. } => Some(&n.number),
            Item::Invalid(_) => None,
        });
        // "section 7" and "rule 5" cite the citing document's own clauses by default; only
        // where it has no such clause may they mean another document's unit.
        let same_document_word = self
            .c
            .config
            .citations
            .same_document
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word));
        let here = same_document_word && first.is_some_and(|n| !self.lookup(doc, n).is_empty());
        if users.contains(&doc) || here {
            return doc;
        }
        match users {
            [one] => *one,
            _ => self.generic.get(word).copied().unwrap_or(doc),
        }
    }

    /// Clauses of `doc` numbered `n`.
    pub fn lookup(&self, doc: usize, n: &ClauseNumber) -> &[usize] {
        self.numbers[doc].get(n).map_or(&[], Vec::as_slice)
    }

    pub(in crate::refs) fn doc(&self, i: usize) -> &'a Document {
        &self.c.documents[i]
    }

    /// Up to three existing numbers close to a missing one, for the help text.
    pub(super) fn nearest(&self, doc: usize, n: &ClauseNumber) -> Vec<String> {
        let d = self.doc(doc);
        let parent = n.parent();
        let last = n.last().and_then(Seg::plain).unwrap_or(0) as i64;
        let mut cands: Vec<(i64, usize, String)> = d
            .clauses
            .iter()
            .filter(|c| c.number.depth() == n.depth() && c.number.parent() == parent)
            .map(|c| {
                let v = c.number.last().and_then(Seg::plain).unwrap_or(0) as i64;
                ((v - last).abs(), c.span.start, c.number.to_string())
            })
            .collect();
        if cands.is_empty() {
            let ns = n.to_string();
            cands = d
                .clauses
                .iter()
                .filter(|c| c.number.depth() == n.depth())
                .map(|c| {
                    let s = c.number.to_string();
                    let common = s
                        .bytes()
                        .zip(ns.bytes())
                        .take_while(|(a, b)| a == b)
                        .count() as i64;
                    (-common, c.span.start, s)
                })
                .collect();
        }
        cands.sort();
        cands.dedup_by(|a, b| a.2 == b.2);
        cands.into_iter().take(3).map(|c| c.2).collect()
    }
}

/// Unit word (lower case) → the documents whose clauses are cited by it, in order.
fn unit_users(c: &Constitution) -> HashMap<String, Vec<usize>> {
    let mut units: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, d) in c.documents.iter().enumerate() {
        for w in d.unit_words(&c.file(d.file).text) {
            units.entry(w).or_default().push(i);
        }
    }
    units
}

/// Every citing word and document name of a constitution, as its configuration, front
/// matter and headed units declare them.
pub fn lexicon(c: &Constitution) -> Lexicon {
    lexicon_with(c, &unit_users(c))
}

fn lexicon_with(c: &Constitution, units: &HashMap<String, Vec<usize>>) -> Lexicon {
    let cit = &c.config.citations;
    let documents = c
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                i,
                d.meta.short.as_deref().unwrap_or(""),
                d.meta.long.as_slice(),
            )
        })
        .collect();
    let titles = c
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.meta.title.as_str()))
        .collect();
    Lexicon::new(&Words {
        same_document: &cit.same_document,
        appendix: &cit.appendix,
        legislation: &cit.legislation,
        generic: &cit.generic,
        documents,
        titles,
        abbreviations: &cit.abbreviations,
        units: {
            let mut w: Vec<String> = units.keys().cloned().collect();
            w.sort();
            w
        },
    })
}
