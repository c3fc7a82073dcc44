//! What an annex prints: the clean text of a document, or — through [`compare`], the single
//! place the diff engine plugs in — a tracked-change redline or a key-changes table.
//!
//! This module turns resolved annex inputs into [`Body`] views. Comparisons are the diff
//! engine's ([`crate::diff`]); this module only lays its result out as annex blocks.

use super::inputs::{AnnexInput, DocIx};
use super::meeting::Date;
use super::view::{BlockKind, Body, Change, RedlineBlock};
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

/// Compare `document` (the new text) with `against` (the earlier one) through the diff engine
/// and return what the annex prints: [`Body::Redline`] blocks for a redline (number changes
/// and word changes as deletions and insertions, clauses in reading order, moved clauses
/// where they went and where they came from), or [`Body::Table`] for key changes.
pub fn compare(
    kind: Compare,
    c: &Constitution,
    document: &Document,
    against: &Document,
) -> Result<Body, String> {
    use crate::diff::{self, html, summary, Slot};
    // Two one-document constitutions over the same files: the diff aligns documents by id,
    // so the earlier text takes the new one's id.
    let one = |d: &Document, id: &str| {
        let mut doc = d.clone();
        doc.meta.id = id.to_string();
        Constitution {
            config: c.config.clone(),
            files: c.files.clone(),
            documents: vec![doc],
        }
    };
    let id = document.meta.id.clone();
    let (old, new) = (one(against, &id), one(document, &id));
    let d = diff::diff(&old, &new, &diff::Options::default());
    let Some(dd) = d.docs.first() else {
        return Err("the two versions could not be compared".into());
    };
    Ok(match kind {
        Compare::KeyChanges => Body::Table {
            header: vec!["Clause".into(), "Change".into()],
            rows: summary::key_rows(&d, dd)
                .into_iter()
                .map(|r| vec![r.clause, r.change])
                .collect(),
        },
        Compare::Redline => {
            let blocks = dd
                .slots
                .iter()
                .map(|slot| {
                    let v = match *slot {
                        Slot::Entry(k) => html::clause_view(&d, dd, k, &dd.entries[k]),
                        Slot::MovedFrom(k) => html::moved_from_view(&d, dd, k, k),
                    };
                    redline_block(&v)
                })
                .collect();
            Body::Redline { blocks }
        }
    })
}

/// One clause of the redline as a block of runs: its number, then its words.
fn redline_block(v: &crate::diff::html::ClauseView) -> RedlineBlock {
    let change = |k: &str| match k {
        "i" => Change::Inserted,
        "d" => Change::Deleted,
        _ => Change::Same,
    };
    let mut runs: Vec<(Change, String)> =
        v.num.iter().map(|s| (change(s.k), s.t.clone())).collect();
    for para in &v.paras {
        if !runs.is_empty() {
            runs.push((Change::Same, " ".into()));
        }
        runs.extend(para.iter().map(|s| (change(s.k), s.t.clone())));
    }
    RedlineBlock {
        kind: if v.heading {
            BlockKind::Heading(v.depth.clamp(1, 6) as u8)
        } else {
            BlockKind::Paragraph
        },
        runs,
    }
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
