//! Explicit links `[text](#target)`: a label, `#<id>-<number>`, or a number of the same
//! document. They resolve exactly; the number shown in the link text is checked against the
//! target and, like any cited number, followed by renumbering.

use super::resolve::Index;
use super::{CitedNumber, Outcome, Reference, Target};
use crate::model::{Document, Link};
use crate::number::{parse_cited, ClauseNumber};
use crate::source::Span;

/// An explicit link `[text](#target)`: a label, `docid-number`, or a number of this document.
pub(super) fn resolve_link(ix: &Index<'_>, doc: usize, link: &Link) -> Option<Reference> {
    let dest = link.dest.strip_prefix('#')?;
    if dest.is_empty() {
        return None; // an empty link is a drafting defect, reported by that pass
    }
    let d = ix.doc(doc);
    let dest_span = link.dest_span.clone().map(|s| (s.start + 1)..s.end);
    let mut numbers = Vec::new();
    let target = if let Some(&(td, tc)) = ix.labels.get(dest) {
        Some((td, tc))
    } else {
        let by_id = ix
            .ids
            .iter()
            .filter(|(id, _)| {
                dest.len() > id.len() + 1
                    && dest.starts_with(**id)
                    && dest.as_bytes()[id.len()] == b'-'
            })
            .max_by_key(|(id, _)| id.len())
            .map(|(id, &t)| (t, &dest[id.len() + 1..]));
        let (t, num_text) = by_id.unwrap_or((doc, dest));
        let n = ClauseNumber::parse(num_text)?;
        let found = ix.lookup(t, &n);
        if let Some(span) = &dest_span {
            let at = span.end - num_text.len();
            numbers.push(CitedNumber {
                span: at..span.end,
                number: n.clone(),
                doc: Some(t),
                clause: found.first().copied().filter(|_| found.len() == 1),
            });
        }
        match found {
            [one] => Some((t, *one)),
            [] => None,
            _ => {
                return Some(link_ref(
                    doc,
                    link,
                    d,
                    Outcome::Ambiguous,
                    vec![],
                    numbers,
                    Some((
                        format!("link target `#{dest}` is carried by more than one clause"),
                        None,
                    )),
                ));
            }
        }
    };
    let Some((td, tc)) = target else {
        return Some(link_ref(
            doc,
            link,
            d,
            Outcome::Unresolved,
            vec![],
            numbers,
            Some((
                format!("link target `#{dest}` names no clause or label"),
                None,
            )),
        ));
    };
    // The visible text's number is part of the reference too: renumbering rewrites it.
    let text = &ix.c.file(d.file).text;
    let shown = last_number_in(text, link.text.clone());
    if let Some((span, n)) = &shown {
        numbers.push(CitedNumber {
            span: span.clone(),
            number: n.clone(),
            doc: Some(td),
            clause: Some(tc),
        });
    }
    let mut r = link_ref(
        doc,
        link,
        d,
        Outcome::Resolved,
        vec![Target::Clause(td, tc)],
        numbers,
        None,
    );
    let actual = &ix.doc(td).clauses[tc].number;
    if let Some((_, n)) = shown.filter(|(_, n)| n != actual) {
        r.problem = Some((
            format!(
                "link text says {n} but its target is clause {actual} of {}",
                ix.doc(td).meta.title
            ),
            Some(format!(
                "write {actual} in the link text, or point the link at {n}"
            )),
        ));
    }
    Some(r)
}

fn link_ref(
    doc: usize,
    link: &Link,
    d: &Document,
    outcome: Outcome,
    targets: Vec<Target>,
    numbers: Vec<CitedNumber>,
    problem: Option<(String, Option<String>)>,
) -> Reference {
    Reference {
        doc,
        span: link.span.clone(),
        clause: d.clause_at(link.span.start),
        outcome,
        targets,
        numbers,
        direction: None,
        link_dest: link.dest_span.clone(),
        problem,
        confidence: super::Confidence::Explicit,
        backwards: None,
    }
}

/// The last clause-like number in a link's text ("CSO 16" → 16).
fn last_number_in(text: &str, span: Span) -> Option<(Span, ClauseNumber)> {
    let s = &text[span.clone()];
    let b = s.as_bytes();
    let mut found = None;
    let mut i = 0;
    while i < b.len() {
        let word_start =
            b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit() && b[i - 1] != b'.');
        if word_start {
            if let Some((n, len)) = parse_cited(&s[i..]) {
                found = Some(((span.start + i)..(span.start + i + len), n));
                i += len;
                continue;
            }
        }
        i += 1;
    }
    found
}
