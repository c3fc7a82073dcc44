//! Stale references: a reference written the same way in both versions whose target clause
//! (followed through the alignment) now carries another number, or was deleted — so the
//! words still cite the old number and now name a different clause, or none.
//!
//! References are resolved in each version with [`crate::refs::resolve::resolve_all`] and
//! kept as [`Cited`] (where each is written, its words, and the clauses it names): a reference
//! in NEW is matched to the reference with the same text in the clause its clause was aligned
//! with. Each cited number is then followed: the clause it named in OLD is mapped to NEW
//! through the alignment and compared with what the same number names in NEW. The clauses a
//! reference can name are known before the alignment ([`Wanted`]), so their short names are
//! taken while each document's words are at hand ([`Names`]) and the words need not outlive
//! their document's comparison. This module reports; rewriting references is left to others.

use super::text::DocText;
use super::{Diff, DocDiff};
use crate::model::Constitution;
use crate::refs::Reference;
use crate::source::Span;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// One reference left pointing at the wrong clause.
#[derive(Clone, Debug)]
pub struct Stale {
    /// The document it is written in (id), and its index in the new constitution.
    pub document: String,
    pub doc: usize,
    pub span: Span,
    /// The clause it is written in: index and number in the new document.
    pub clause: Option<usize>,
    pub clause_number: Option<String>,
    /// The reference as written, whitespace collapsed.
    pub text: String,
    /// The document it cites.
    pub target_document: String,
    /// The number it cites: the target's number in the old version.
    pub was: String,
    /// The old target's name.
    pub was_name: String,
    /// The number that clause carries now; `None` when it was deleted.
    pub now: Option<String>,
    /// What the cited number names in the new version, if anything.
    pub now_cites: Option<String>,
    pub summary: String,
}

#[derive(Serialize)]
pub struct StaleRec<'a> {
    document: &'a str,
    kind: &'static str,
    clause: Option<String>,
    text: &'a str,
    target_document: &'a str,
    was: &'a str,
    now: Option<&'a str>,
    now_cites: Option<&'a str>,
    summary: &'a str,
}

impl Stale {
    /// This stale reference as a JSON Lines record.
    pub fn record(&self) -> StaleRec<'_> {
        StaleRec {
            document: &self.document,
            kind: "stale-reference",
            clause: self.clause_number.clone(),
            text: &self.text,
            target_document: &self.target_document,
            was: &self.was,
            now: self.now.as_deref(),
            now_cites: self.now_cites.as_deref(),
            summary: &self.summary,
        }
    }
}

/// What stale references need of one reference written inside a clause: where it is, its
/// words, and the document and clause each of its numbers names.
#[derive(Clone, Debug)]
pub struct Cited {
    pub doc: usize,
    pub clause: usize,
    pub span: Span,
    /// The reference as written, whitespace collapsed.
    pub text: String,
    pub numbers: Vec<(Option<usize>, Option<usize>)>,
}

/// The references of `c` (as [`crate::refs::resolve::resolve_all`] returns them) that are
/// written inside a clause, in the same order; references in a preamble can never be stale.
pub fn cited(c: &Constitution, refs: Vec<Reference>) -> Vec<Cited> {
    refs.into_iter()
        .filter_map(|r| {
            let clause = r.clause?;
            let d = &c.documents[r.doc];
            let text = c.file(d.file).text[r.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Some(Cited {
                doc: r.doc,
                clause,
                text,
                numbers: r.numbers.iter().map(|n| (n.doc, n.clause)).collect(),
                span: r.span,
            })
        })
        .collect()
}

/// The clauses whose names a stale reference may quote, per document index of each side:
/// every clause a reference of that side names.
pub struct Wanted {
    old: Vec<Vec<usize>>,
    new: Vec<Vec<usize>>,
}

impl Wanted {
    pub fn new(old_docs: usize, new_docs: usize, old: &[Cited], new: &[Cited]) -> Wanted {
        let per_doc = |n: usize, refs: &[Cited]| {
            let mut v: Vec<Vec<usize>> = vec![Vec::new(); n];
            for (d, c) in refs.iter().flat_map(|r| &r.numbers) {
                if let (Some(d), Some(c)) = (*d, *c) {
                    if let Some(w) = v.get_mut(d) {
                        w.push(c);
                    }
                }
            }
            for w in &mut v {
                w.sort_unstable();
                w.dedup();
            }
            v
        };
        Wanted {
            old: per_doc(old_docs, old),
            new: per_doc(new_docs, new),
        }
    }

    /// The names of the wanted clauses of one document pair, from its words.
    pub fn names(&self, dd: &DocDiff) -> DocNames {
        let take = |side: Option<usize>, wanted: &[Vec<usize>], t: &DocText| {
            side.and_then(|i| wanted.get(i))
                .map(|w| {
                    w.iter()
                        .filter(|&&c| c < t.clauses.len())
                        .map(|&c| (c, t.clauses[c].name(8)))
                        .collect()
                })
                .unwrap_or_default()
        };
        DocNames {
            old: take(dd.old, &self.old, &dd.old_text),
            new: take(dd.new, &self.new, &dd.new_text),
        }
    }
}

/// The names of one document pair's wanted clauses, by clause index, sorted.
#[derive(Default)]
pub struct DocNames {
    old: Vec<(usize, String)>,
    new: Vec<(usize, String)>,
}

/// The names of every wanted clause, per entry of [`Diff::docs`].
pub struct Names(pub Vec<DocNames>);

fn lookup(v: &[(usize, String)], c: usize) -> String {
    v.binary_search_by_key(&c, |(k, _)| *k)
        .map(|k| v[k].1.clone())
        .expect("every clause a reference names is wanted")
}

/// Every stale reference, in the order of the new version, given every reference of each
/// version as [`cited`] keeps them and the names of the clauses they name.
pub fn find(d: &Diff<'_>, old_refs: &[Cited], new_refs: &[Cited], names: &Names) -> Vec<Stale> {
    // Which DocDiff holds each document of each side.
    let mut of_old = vec![usize::MAX; d.old.documents.len()];
    let mut of_new = vec![usize::MAX; d.new.documents.len()];
    for (k, dd) in d.docs.iter().enumerate() {
        if let Some(i) = dd.old {
            of_old[i] = k;
        }
        if let Some(j) = dd.new {
            of_new[j] = k;
        }
    }
    // Old references by the clause they are written in, with their text.
    let mut by_clause: HashMap<(usize, usize), Vec<(&str, usize)>> = HashMap::default();
    for (k, r) in old_refs.iter().enumerate() {
        by_clause
            .entry((r.doc, r.clause))
            .or_default()
            .push((r.text.as_str(), k));
    }
    let mut seen: HashMap<(usize, usize, &str), usize> = HashMap::default();
    let mut out = Vec::new();
    for r in new_refs {
        let cn = r.clause;
        let dd = &d.docs[of_new[r.doc]];
        let (Some(od), Some(co)) = (dd.old, dd.alignment.new_to_old[cn]) else {
            continue;
        };
        let text = r.text.as_str();
        let nth = seen.entry((r.doc, cn, text)).or_insert(0);
        *nth += 1;
        let Some(&(_, k)) = by_clause
            .get(&(od, co))
            .and_then(|v| v.iter().filter(|(t, _)| *t == text).nth(*nth - 1))
        else {
            continue;
        };
        let old = &old_refs[k];
        if old.numbers.len() != r.numbers.len() {
            continue;
        }
        for (&(otd, otc), &(nd, nc)) in old.numbers.iter().zip(&r.numbers) {
            let (Some(otd), Some(otc)) = (otd, otc) else {
                continue;
            };
            let tk = of_old[otd];
            let target = &d.docs[tk];
            // Where the cited clause is now, and what the same words name now.
            let now = target.new.and_then(|_| target.alignment.old_to_new[otc]);
            let cites = match (target.new, nd, nc) {
                (Some(tn), Some(nd), Some(nc)) if tn == nd => Some(nc),
                _ => None,
            };
            if now.is_some() && now == cites {
                continue;
            }
            let was_name = lookup(&names.0[tk].old, otc);
            let now_cites = cites.map(|c| lookup(&names.0[tk].new, c));
            out.push(stale(d, dd, r, target, otd, otc, now, was_name, now_cites));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn stale(
    d: &Diff<'_>,
    dd: &DocDiff,
    r: &Cited,
    target: &DocDiff,
    otd: usize,
    otc: usize,
    now: Option<usize>,
    was_name: String,
    now_cites: Option<String>,
) -> Stale {
    let text = r.text.clone();
    let old_doc = &d.old.documents[otd];
    let was = old_doc.clauses[otc].number.to_string();
    let new_doc = target.new.map(|j| &d.new.documents[j]);
    let now_num = now.and_then(|c| Some(new_doc?.clauses[c].number.to_string()));
    let here = &d.new.documents[r.doc];
    let clause_number = Some(here.clauses[r.clause].number.to_string());
    // Numbers in another document are shown with its citation prefix.
    let prefix = if target.id == dd.id {
        String::new()
    } else {
        format!(
            "{} ",
            old_doc
                .meta
                .short
                .clone()
                .unwrap_or_else(|| old_doc.meta.id.clone())
        )
    };
    let mut summary = format!(
        "'{text}' in {} cited {prefix}{was} '{was_name}' in the old version; ",
        clause_number.as_deref().unwrap_or("the preamble")
    );
    match &now_num {
        Some(n) => summary.push_str(&format!("that clause is now {prefix}{n}")),
        None => summary.push_str("that clause was deleted"),
    }
    match &now_cites {
        Some(name) => summary.push_str(&format!(" and {prefix}{was} is '{name}'")),
        None => summary.push_str(&format!(" and no clause is numbered {prefix}{was}")),
    }
    Stale {
        document: dd.id.clone(),
        doc: r.doc,
        span: r.span.clone(),
        clause: Some(r.clause),
        clause_number,
        text,
        target_document: target.id.clone(),
        was,
        was_name,
        now: now_num,
        now_cites,
        summary,
    }
}
