//! Passes: pure functions from the model to diagnostics.
//!
//! Each pass reads a [`Constitution`] and returns [`Diagnostic`]s as values. None prints, exits
//! or reads files, so each is tested on constitutions built in memory.

use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::refs::Reference;

pub mod drafting;
pub mod numbering;
pub mod terms;

/// Run every pass over the whole constitution.
pub fn all(c: &Constitution) -> Vec<Diagnostic> {
    all_with_references(c).0
}

/// Every pass, and the resolved references (which the reference checks need anyway) for
/// callers that go on to use them, like `clerk build`.
///
/// The structural checks and the term checks share nothing until their findings are put
/// together, so they run as two halves joined on the pool, each spreading its own documents
/// over the cores. Each half has steps that only one core can do (building the reference
/// index, building the term index, the checks across documents), and while one half is in
/// such a step, the other half's documents keep the second core busy. The earlier layout
/// ran both halves in lockstep, one trip over the documents for each step, so both waited at
/// every step's end: on `gen-corpus.py --scale 1` (25 documents, 2 cores) the passes took a
/// median 5.63 ms that way and 4.83 ms as two halves, against 2.70 ms for the structural
/// half alone (400 interleaved runs).
pub fn all_with_references(c: &Constitution) -> (Vec<Diagnostic>, Vec<Reference>) {
    let ((mut diags, refs), terms) = crate::par::join(|| structural_checks(c), || terms::check(c));
    diags.extend(terms);
    (diags, refs)
}

/// Every pass but the term checks: numbering, drafting, labels and references. (The
/// benchmarks time the term checks against this.)
pub fn without_terms(c: &Constitution) -> Vec<Diagnostic> {
    structural_checks(c).0
}

/// The numbering, drafting, label and reference checks, and the resolved references: one
/// trip over the documents once the reference index is built, then the checks across
/// documents.
fn structural_checks(c: &Constitution) -> (Vec<Diagnostic>, Vec<Reference>) {
    let ix = crate::refs::resolve::Index::new(c);
    let per_doc = crate::par::map_indices(c.documents.len(), |di| {
        let doc = &c.documents[di];
        let mut own = numbering::check_document(c, doc);
        own.extend(drafting::check_document(c, doc));
        (own, crate::refs::resolve::resolve_document(&ix, c, di))
    });
    let mut diags = Vec::new();
    let mut refs = Vec::with_capacity(per_doc.len());
    for (own, r) in per_doc {
        diags.extend(own);
        refs.push(r);
    }
    let refs = crate::refs::resolve::in_order(refs);
    diags.extend(numbering::check_labels(c));
    diags.extend(crate::refs::resolve::diagnostics(c, &refs));
    (diags, refs)
}
