//! Checks before printing: annexes numbered in order and each referred to from its report, no
//! report citing an annex its item lacks, no placeholder or drafting note in any report or
//! annex, every constitution reference in a report resolved, and every annex printable.
//!
//! The checks reuse the constitution's own passes — [`crate::passes::drafting`] and
//! [`crate::refs`] — on the reports, which [`super::inputs`] added to the constitution as
//! documents. They return diagnostics and never print; [`super::build`] decides that any error
//! means no pack.

use super::annex;
use super::inputs::{AnnexInput, DocIx, Inputs};
use super::meeting::{Annex, AnnexLabel, ItemBody};
use crate::diag::{Diagnostic, Severity};
use crate::passes::drafting;
use crate::refs::grammar::{self, Cited};
use crate::refs::resolve;
use crate::rules;
use crate::source::Span;

/// Words that cite one of a report's own annexes ("Annex 2", "Appendix B").
const ANNEX_WORDS: &[&str] = &["annex", "annexe", "appendix"];

/// Run every check; the result is unsorted.
pub fn run(inputs: &Inputs) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut annex_docs: Vec<(DocIx, bool)> = Vec::new();
    let mut annex_refs: Vec<(usize, Span)> = Vec::new();
    for (item, report) in inputs.meeting.items.iter().zip(&inputs.reports) {
        let ItemBody::Report { annexes, .. } = &item.body else {
            continue;
        };
        out.extend(numbering(inputs, annexes));
        let Some(report) = report else { continue };
        for (a, input) in annexes.iter().zip(&report.annexes) {
            // A comparison prints the earlier text only as struck-through history: its own
            // drafting defects are the earlier text's, already in force, so only the new text
            // is held to the pack's standard (the earlier text counts as verbatim).
            let docs = match *input {
                AnnexInput::Document(d) => vec![(d, a.verbatim)],
                AnnexInput::Redline { document, against }
                | AnnexInput::KeyChanges { document, against } => {
                    vec![(document, a.verbatim), (against, true)]
                }
            };
            annex_docs.extend(docs);
            if let Some((kind, d, against)) = annex::comparison(input) {
                let c = &inputs.constitution;
                if let Err(msg) =
                    annex::compare(kind, c, &c.documents[d.0], &c.documents[against.0])
                {
                    out.push(
                        Diagnostic::of(
                            rules::ANNEX_UNAVAILABLE,
                            format!("annex {} of item {}: {msg}", a.label.value, item.number.value),
                        )
                        .at(inputs.meeting_file, meeting_path(inputs), a.label.span.clone())
                        .help("print the documents themselves as annexes (`document:`) for now, and report this: every clerk has the diff engine, so any two documents should compare"),
                    );
                }
            }
        }
        let cited = cited_annexes(inputs, report.doc);
        for (span, label) in &cited {
            annex_refs.push((report.doc.0, span.clone()));
            if !annexes.iter().any(|a| a.label.value.to_string() == *label) {
                let doc = &inputs.constitution.documents[report.doc.0];
                let f = inputs.constitution.file(doc.file);
                let have: Vec<String> = annexes.iter().map(|a| a.label.value.to_string()).collect();
                out.push(
                    Diagnostic::of(
                        rules::UNKNOWN_ANNEX,
                        format!(
                            "the report cites `{}`, but item {} has {}",
                            f.text[span.clone()]
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" "),
                            item.number.value,
                            match have.as_slice() {
                                [] => "no annexes".to_string(),
                                [one] => format!("only annex {one}"),
                                _ => format!("annexes {}", have.join(", ")),
                            }
                        ),
                    )
                    .at(doc.file, &f.path, span.clone())
                    .help("add the annex to the item in the meeting file, or correct the number"),
                );
            }
        }
        for a in annexes {
            let label = a.label.value.to_string();
            if !cited.iter().any(|(_, l)| *l == label) {
                let doc = &inputs.constitution.documents[report.doc.0];
                out.push(
                    Diagnostic::of(
                        rules::ANNEX_UNREFERENCED,
                        format!(
                            "annex {label} ({}) is not referred to in the report of item {}",
                            a.title, item.number.value
                        ),
                    )
                    .at(inputs.meeting_file, meeting_path(inputs), a.label.span.clone())
                    .help(format!(
                        "say in {} where annex {label} fits (\"… attached at Annex {label}\"), or list it under Annex List",
                        inputs.constitution.file(doc.file).path
                    )),
                );
            }
        }
    }
    let printed = printed_documents(inputs, &annex_docs);
    out.extend(drafting_defects(inputs, &printed));
    out.extend(references(inputs, &printed, &annex_refs));
    out
}

fn meeting_path(inputs: &Inputs) -> &str {
    &inputs.constitution.file(inputs.meeting_file).path
}

/// Annexes are numbered 1, 2, 3 … or lettered A, B, C …, in order, never both.
fn numbering(inputs: &Inputs, annexes: &[Annex]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let letters = matches!(
        annexes.first().map(|a| &a.label.value),
        Some(AnnexLabel::Letter(_))
    );
    for (i, a) in annexes.iter().enumerate() {
        let expected = if letters {
            AnnexLabel::Letter((b'A' + (i as u8).min(25)) as char)
        } else {
            AnnexLabel::Number(i as u32 + 1)
        };
        if a.label.value != expected {
            let mixed = matches!(
                (&a.label.value, letters),
                (AnnexLabel::Number(_), true) | (AnnexLabel::Letter(_), false)
            );
            let msg = if mixed {
                format!(
                    "annex {} mixes numbers and letters: the first annex is {}",
                    a.label.value, annexes[0].label.value
                )
            } else {
                format!("annex {} should be annex {expected}", a.label.value)
            };
            out.push(
                Diagnostic::of(rules::ANNEX_NUMBERING, msg)
                    .at(
                        inputs.meeting_file,
                        meeting_path(inputs),
                        a.label.span.clone(),
                    )
                    .help(if letters {
                        "letter an item's annexes A, B, C … in the order they are printed"
                    } else {
                        "number an item's annexes 1, 2, 3 … in the order they are printed"
                    }),
            );
            break;
        }
    }
    out
}

/// Every annex a report cites: where, and the number or letter cited.
fn cited_annexes(inputs: &Inputs, report: DocIx) -> Vec<(Span, String)> {
    let c = &inputs.constitution;
    let doc = &c.documents[report.0];
    let text = &c.file(doc.file).text;
    let lex = resolve::lexicon(&inputs.constitution);
    let mut out = Vec::new();
    for run in &doc.runs {
        for r in grammar::scan(&lex, text, run.clone()) {
            let Cited::Appendix {
                name,
                elsewhere: false,
            } = &r.cited
            else {
                continue;
            };
            let mut words = name.split_whitespace();
            let word = words.next().unwrap_or("").to_ascii_lowercase();
            let label = words.next_back().unwrap_or("");
            if ANNEX_WORDS.contains(&word.as_str()) {
                out.push((
                    r.span.clone(),
                    label.trim_end_matches([':', '.', ',']).to_string(),
                ));
            }
        }
    }
    out
}

/// Placeholders and drafting notes are errors in a pack, whatever the document's status:
/// the pack is published. An annex printed `verbatim` (a text already in force) keeps them as
/// warnings, because a committee report cannot correct it.
fn drafting_defects(inputs: &Inputs, printed: &[(usize, bool)]) -> Vec<Diagnostic> {
    let c = &inputs.constitution;
    let mut out = Vec::new();
    for &(d, verbatim) in printed {
        for diag in drafting::check_document(c, &c.documents[d]) {
            out.push(as_printed(diag, verbatim));
        }
    }
    out
}

/// Every document the pack prints — reports, and annexes taken from the constitution — with
/// whether it is printed `verbatim` (every use of it is).
fn printed_documents(inputs: &Inputs, annex_docs: &[(DocIx, bool)]) -> Vec<(usize, bool)> {
    let mut docs: Vec<(usize, bool)> = inputs
        .reports
        .iter()
        .flatten()
        .map(|r| (r.doc.0, false))
        .collect();
    for &(d, verbatim) in annex_docs {
        match docs.iter_mut().find(|(i, _)| *i == d.0) {
            Some(entry) => entry.1 &= verbatim,
            None => docs.push((d.0, verbatim)),
        }
    }
    docs
}

/// A defect in a printed document is an error, or a warning in an annex printed verbatim.
fn as_printed(mut diag: Diagnostic, verbatim: bool) -> Diagnostic {
    if verbatim {
        diag.severity = Severity::Warning;
        diag.help = Some(format!(
            "{} (this annex is printed verbatim, as adopted, so this is a warning)",
            diag.help.unwrap_or_default()
        ));
    } else {
        diag.severity = Severity::Error;
    }
    diag
}

/// References in reports and in printed annexes (into the constitution, or to their own
/// paragraphs) must resolve, as placeholders must be gone: a broken one is an error, or a
/// warning in an annex printed verbatim. Citations of a report's own annexes are checked
/// against the meeting file instead.
fn references(
    inputs: &Inputs,
    printed: &[(usize, bool)],
    annex_refs: &[(usize, Span)],
) -> Vec<Diagnostic> {
    let c = &inputs.constitution;
    let refs: Vec<_> = resolve::resolve_all(c)
        .into_iter()
        .filter(|r| printed.iter().any(|(d, _)| *d == r.doc))
        .filter(|r| !annex_refs.iter().any(|(d, s)| *d == r.doc && *s == r.span))
        .collect();
    let mut out = Vec::new();
    for (r, diag) in refs
        .iter()
        .map(|r| (r, resolve::diagnostics(c, std::slice::from_ref(r))))
    {
        let verbatim = printed.iter().any(|(d, v)| *d == r.doc && *v);
        out.extend(diag.into_iter().map(|d| match d.severity {
            Severity::Error => as_printed(d, verbatim),
            _ => d,
        }));
    }
    out
}
