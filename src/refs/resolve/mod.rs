//! Resolution: looking every citation up across the whole constitution and giving it exactly
//! one [`Outcome`], then turning the failures into diagnostics.
//!
//! The index is built once per run (numbers per document, labels, document ids), so resolving
//! is a hash lookup per cited number and the pass stays linear in the size of the text.
//!
//! This module walks a document's prose and links and decides which citations count at all;
//! the parts live beside it:
//!
//! - `index.rs`: the lookup tables over a constitution ([`Index`]) and its citing words;
//! - `reference.rs`: the resolution of one citation into one [`Reference`];
//! - `diagnose.rs`: the diagnostics for references that failed.

mod diagnose;
mod index;
mod reference;

pub use diagnose::diagnostics;
pub use index::{lexicon, Index};

use super::grammar;
use super::{Outcome, Reference};
use crate::model::Constitution;
use reference::resolve_raw;

/// Resolve every reference in the constitution, in document order.
pub fn resolve_all(c: &Constitution) -> Vec<Reference> {
    let ix = Index::new(c);
    in_order(crate::par::map_indices(c.documents.len(), |di| {
        resolve_document(&ix, c, di)
    }))
}

/// Each document's references (from [`resolve_document`], in document order) as one list
/// in text order, as [`resolve_all`] returns them.
pub fn in_order(per_doc: Vec<Vec<Reference>>) -> Vec<Reference> {
    let mut out: Vec<Reference> = per_doc.into_iter().flatten().collect();
    out.sort_by_key(|r| (r.doc, r.span.start));
    out
}

/// Every reference written in document `di`, resolved against the whole constitution.
pub fn resolve_document(ix: &Index<'_>, c: &Constitution, di: usize) -> Vec<Reference> {
    let d = &c.documents[di];
    let text = &c.file(d.file).text;
    let mut out = Vec::new();
    for run in &d.runs {
        for raw in grammar::scan(&ix.lexicon, text, run.clone()) {
            // "# Appendix D Forms" names itself; it cites nothing.
            if d.headings.iter().any(|h| h.text.start == raw.span.start) {
                continue;
            }
            // Nor does a headed unit, "**Section 4.7. Managing Members.**" or "## Council
            // Procedure Rule 4", anywhere in its word and number.
            let k = d
                .clauses
                .partition_point(|c| c.span.start <= raw.span.start);
            if k > 0 {
                let c = &d.clauses[k - 1];
                if c.unit
                    .as_ref()
                    .is_some_and(|u| (u.start..c.number_span.end).contains(&raw.span.start))
                {
                    continue;
                }
            }
            let inferred = raw.confidence == super::Confidence::Inferred;
            let weak = raw.weak;
            let r = resolve_raw(ix, di, raw);
            // A bare "19.30" or "3.6.24" that names no clause is a time or a date, and "of 2.5
            // rods" a measure, not a broken reference; one that does name a clause stays,
            // marked inferred, for renumbering to ask about.
            if inferred
                && r.outcome != Outcome::Resolved
                && (weak || time_or_date(&text[r.span.clone()]))
            {
                continue;
            }
            out.push(r);
        }
    }
    for link in &d.links {
        if let Some(r) = super::links::resolve_link(ix, di, link) {
            out.push(r);
        }
    }
    out
}

/// Whether a bare number reads as a clock time ("19.30", "9.45") or a short date ("3.6.24",
/// "12.5.2023").
fn time_or_date(written: &str) -> bool {
    let first = written
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = first.split('.').collect();
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match (parts.as_slice(), n.as_slice()) {
        ([_, m], [h, mm]) => m.len() == 2 && *h <= 24 && *mm <= 59,
        ([_, _, y], [d, mo, _]) => {
            (y.len() == 2 || y.len() == 4) && (1..=31).contains(d) && (1..=12).contains(mo)
        }
        _ => false,
    }
}
