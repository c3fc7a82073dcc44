//! Passes: pure functions from the model to diagnostics.
//!
//! Each pass reads a [`Constitution`] and returns [`Diagnostic`]s as values. None prints, exits
//! or reads files, so each is tested on constitutions built in memory.

use crate::diag::Diagnostic;
use crate::model::Constitution;

pub mod drafting;
pub mod numbering;
pub mod terms;

/// Run every pass over the whole constitution.
pub fn run_all(c: &Constitution) -> Vec<Diagnostic> {
    let refs = crate::refs::resolve::resolve_all(c);
    run_all_with_refs(c, &refs)
}

/// [`run_all`] with the references already resolved, for callers that need them too
/// (`clerk build` links them), so they are resolved once.
pub fn run_all_with_refs(c: &Constitution, refs: &[crate::refs::Reference]) -> Vec<Diagnostic> {
    let mut diags = structure_with_refs(c, refs);
    diags.extend(terms::check(c));
    diags
}

/// Every pass but the term checks: numbering, drafting, labels and references. (The
/// benchmark times the term checks against this.)
pub fn run_structure(c: &Constitution) -> Vec<Diagnostic> {
    structure_with_refs(c, &crate::refs::resolve::resolve_all(c))
}

pub fn structure_with_refs(c: &Constitution, refs: &[crate::refs::Reference]) -> Vec<Diagnostic> {
    let per_doc = crate::par::map(&c.documents, |doc| {
        let mut d = numbering::check_document(c, doc);
        d.extend(drafting::check_document(c, doc));
        d
    });
    let mut diags: Vec<Diagnostic> = per_doc.into_iter().flatten().collect();
    diags.extend(numbering::check_labels(c));
    diags.extend(crate::refs::resolve::diagnostics(c, refs));
    diags
}
