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
pub fn run_all(c: &Constitution) -> Vec<Diagnostic> {
    analyse(c).0
}

/// Every pass, and the resolved references (which the reference checks need anyway) for
/// callers that go on to use them, like `clerk build`.
///
/// The passes share two trips over the documents. While one core builds the reference
/// index, the others read each document for what the term checks need before their index
/// exists (definitions, headings, capitalised phrases: [`terms::TermChecks::new`]). Then
/// each document gets its numbering, drafting, reference and term checks on whichever core
/// is free, and last come the checks across documents. Splitting the work by document rather
/// than by pass keeps every core busy through passes of very different cost.
pub fn analyse(c: &Constitution) -> (Vec<Diagnostic>, Vec<Reference>) {
    analyse_with(c, true)
}

/// Every pass but the term checks: numbering, drafting, labels and references. (The
/// benchmarks time the term checks against this.)
pub fn run_structure(c: &Constitution) -> Vec<Diagnostic> {
    analyse_with(c, false).0
}

fn analyse_with(c: &Constitution, with_terms: bool) -> (Vec<Diagnostic>, Vec<Reference>) {
    let (ix, term_checks) = crate::par::join(
        || crate::refs::resolve::Index::new(c),
        || with_terms.then(|| terms::TermChecks::new(c)),
    );
    let per_doc = crate::par::map_indices(c.documents.len(), |di| {
        let doc = &c.documents[di];
        let mut own = numbering::check_document(c, doc);
        own.extend(drafting::check_document(c, doc));
        let refs = crate::refs::resolve::resolve_document(&ix, c, di);
        let terms = term_checks.as_ref().map(|t| t.document(c, di));
        (own, refs, terms)
    });
    let mut diags = Vec::new();
    let mut refs = Vec::with_capacity(per_doc.len());
    let mut terms_found = Vec::with_capacity(per_doc.len());
    for (own, r, t) in per_doc {
        diags.extend(own);
        refs.push(r);
        terms_found.extend(t);
    }
    let refs = crate::refs::resolve::in_order(refs);
    diags.extend(numbering::check_labels(c));
    diags.extend(crate::refs::resolve::diagnostics(c, &refs));
    if let Some(t) = term_checks {
        diags.extend(t.finish(c, terms_found));
    }
    (diags, refs)
}
