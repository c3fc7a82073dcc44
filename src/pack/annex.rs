//! What an annex prints: the clean text of a document, or — through [`compare`], the single
//! place the diff engine plugs in — a tracked-change redline or a key-changes table.
//!
//! This module turns resolved annex inputs into [`Body`] views; it does not diff anything
//! itself. Until the diff engine (`src/diff/`) is part of the build, [`compare`] answers that
//! comparisons are not available and `clerk pack` reports `K708 annex-unavailable`.

use super::inputs::{AnnexInput, DocIx};
use super::meeting::Date;
use super::view::Body;
use crate::model::{Constitution, Document};

/// A comparison an annex asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// Insertions underlined, deletions struck through.
    Redline,
    /// One row per changed clause.
    KeyChanges,
}

impl Compare {
    pub fn name(self) -> &'static str {
        match self {
            Compare::Redline => "a tracked-change redline",
            Compare::KeyChanges => "a key-changes table",
        }
    }
}

/// The one integration point for the diff engine: compare `document` (the new text) with
/// `against` (the earlier one) and return what the annex prints — [`Body::Redline`] blocks for
/// a redline, [`Body::Table`] for key changes. Both renderers already print those bodies.
///
/// Returns a message (reported as `K708 annex-unavailable`) when this build cannot compare.
///
/// Wiring the diff engine (branch `diff`, `src/diff/`): build two constitutions that share
/// `c.config` and `c.files` (documents keep their `FileId`s) holding `against` and `document`
/// under one id (an annex file's id here is `file:<path>`), call
/// `crate::diff::diff(&old, &new, &Options::default())`, then map each clause `Entry` (its
/// `Kind` and word `pieces`) to a [`RedlineBlock`](super::view::RedlineBlock) of
/// `Same`/`Inserted`/`Deleted` runs, and `diff::summary::key_rows` to `Body::Table` with the
/// header `["Clause", "Change"]`.
pub fn compare(
    kind: Compare,
    c: &Constitution,
    document: &Document,
    against: &Document,
) -> Result<Body, String> {
    let _ = (c, document, against);
    Err(format!(
        "{} is not available in this build: the diff engine (src/diff) is not merged yet",
        kind.name()
    ))
}

/// Whether an annex input is a comparison, and of what.
pub fn comparison(input: &AnnexInput) -> Option<(Compare, DocIx, DocIx)> {
    match *input {
        AnnexInput::Document(_) => None,
        AnnexInput::Redline { document, against } => Some((Compare::Redline, document, against)),
        AnnexInput::KeyChanges { document, against } => {
            Some((Compare::KeyChanges, document, against))
        }
    }
}

/// The body an annex prints.
pub fn body(c: &Constitution, input: &AnnexInput) -> Result<Body, String> {
    match comparison(input) {
        None => {
            let AnnexInput::Document(d) = input else {
                unreachable!("comparison() is None only for documents")
            };
            Ok(Body::Markdown {
                text: markdown(c, &c.documents[d.0]),
            })
        }
        Some((kind, d, a)) => compare(kind, c, &c.documents[d.0], &c.documents[a.0]),
    }
}

/// A document's body as Markdown, without clerk's `{#label}` syntax.
pub fn markdown(c: &Constitution, doc: &Document) -> String {
    let text = &c.file(doc.file).text;
    let mut out = String::with_capacity(doc.body.len());
    let mut at = doc.body.start;
    let mut labels: Vec<_> = doc
        .clauses
        .iter()
        .filter_map(|cl| cl.label.as_ref().map(|l| l.span.clone()))
        .collect();
    labels.sort_by_key(|s| s.start);
    for span in labels {
        if span.start < at {
            continue;
        }
        out.push_str(text[at..span.start].trim_end_matches([' ', '\t']));
        at = span.end;
    }
    out.push_str(&text[at..doc.body.end]);
    out
}

fn date(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(Date::parse).map(|d| d.long())
}

/// One line saying which document an annex prints and where it stands: "Contract Standing
/// Orders · Part 4.6.1 of the Constitution · adopted 1 October 2018, amended 27 February 2024".
pub fn about(c: &Constitution, input: &AnnexInput) -> String {
    let describe = |d: DocIx| {
        let doc = &c.documents[d.0];
        let m = &doc.meta;
        let mut parts = vec![m.title.clone()];
        if !m.part.is_empty() && !m.id.starts_with("file:") {
            parts.push(format!("Part {} of the Constitution", m.part));
        }
        let mut standing = Vec::new();
        if let Some(a) = date(&m.adopted) {
            standing.push(format!("adopted {a}"));
        }
        if let Some(a) = date(&m.amended) {
            standing.push(format!("amended {a}"));
        }
        if standing.is_empty() && !doc.is_adopted() {
            standing.push("draft".to_string());
        }
        if !standing.is_empty() {
            parts.push(standing.join(", "));
        }
        parts.join(" · ")
    };
    match *input {
        AnnexInput::Document(d) => describe(d),
        AnnexInput::Redline { document, against }
        | AnnexInput::KeyChanges { document, against } => {
            format!("{} compared with {}", describe(document), describe(against))
        }
    }
}
