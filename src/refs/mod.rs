//! Cross-references: every citation in the constitution, what it names, and whether that
//! exists — exactly one outcome each.
//!
//! [`grammar`] reads citations out of prose; [`resolve`] looks them up across all Parts and
//! turns the failures into diagnostics. `clerk check` reports those diagnostics; `clerk refs`
//! lists every reference with its outcome and targets.

mod context;
pub mod grammar;
pub mod lexicon;
mod links;
pub mod listing;
pub mod resolve;

use crate::source::Span;
use serde::Serialize;

/// What happened to one reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// One target, or every clause of a range, exists.
    Resolved,
    /// Some cited clause, Part or appendix does not exist.
    Unresolved,
    /// The cited number is carried by two clauses.
    Ambiguous,
    /// The number was never written ("Part ?").
    Placeholder,
    /// Outside this constitution: legislation, another work, or a Part not kept in clerk.
    External,
}

/// How a reference was found, which decides whether renumbering may rewrite it unasked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Written as a citation: a citing word ("paragraph", "Rule"), a document's prefix or
    /// long form, a document named after it, or an explicit link.
    Explicit,
    /// A bare number read as a citation only from the words around it ("as set out in 6.3
    /// above"). It may be a quantity nobody meant as a reference, so renumbering lists it
    /// apart and rewrites it only when asked (`--rewrite-inferred`).
    Inferred,
}

/// Something a reference points at.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A clause: (document index, clause index).
    Clause(usize, usize),
    /// A whole document.
    Document(usize),
    /// A Part declared in constitution.yaml.
    Part(String),
    /// An unnumbered heading, such as an appendix: (document index, heading index).
    Heading(usize, usize),
}

/// A number inside a reference, with the clause it resolved to (renumbering rewrites it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitedNumber {
    pub span: Span,
    pub number: crate::number::ClauseNumber,
    /// The document the number is looked up in.
    pub doc: Option<usize>,
    /// The clause it names, when it names exactly one.
    pub clause: Option<usize>,
}

/// One reference, resolved.
#[derive(Clone, Debug)]
pub struct Reference {
    /// Where it is written: document index and span.
    pub doc: usize,
    pub span: Span,
    /// The clause it is written in, if any.
    pub clause: Option<usize>,
    pub outcome: Outcome,
    pub targets: Vec<Target>,
    pub numbers: Vec<CitedNumber>,
    pub direction: Option<grammar::Direction>,
    /// For an explicit link, the destination span (`#standard-clauses`).
    pub link_dest: Option<Span>,
    /// Why it did not resolve, and what might have been meant.
    pub problem: Option<(String, Option<String>)>,
    pub confidence: Confidence,
    /// A range written high to low ("paragraphs 4.10 – 4.8"): its two ends as written.
    pub backwards: Option<(String, String)>,
}
