//! Diagnostics for resolved references: unresolved, ambiguous, backwards ranges, link text
//! that disagrees with its target, and "above"/"below" pointing the wrong way.
//!
//! Only the outcome and problem each [`Reference`] carries are read here; finding them is
//! [`super::reference`]'s job. Placeholders are the drafting pass's to report.

use super::super::grammar::Direction;
use super::super::{Outcome, Reference, Target};
use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::rules;

/// Diagnostics for references that did not resolve, are ambiguous, point the wrong way, or
/// whose link text disagrees with the target. Placeholders are the drafting pass's to report.
pub fn diagnostics(c: &Constitution, refs: &[Reference]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in refs {
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let at = |rule, msg: String, help: Option<String>| {
            let mut diag = Diagnostic::of(rule, msg)
                .at(d.file, &f.path, r.span.clone())
                .document(Some(&d.meta.id))
                .clause(r.clause.map(|i| d.clauses[i].number.to_string()));
            diag.help = help;
            diag
        };
        let written = f.text[r.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match (r.outcome, &r.problem) {
            (Outcome::Unresolved, Some((m, h))) => out.push(at(
                rules::UNRESOLVED_REFERENCE,
                format!("`{written}` points nowhere: {m}"),
                h.clone(),
            )),
            (Outcome::Ambiguous, Some((m, h))) => out.push(at(
                rules::AMBIGUOUS_REFERENCE,
                format!("`{written}` is ambiguous: {m}"),
                h.clone(),
            )),
            (Outcome::Resolved, Some((m, h))) if r.link_dest.is_some() => {
                out.push(at(rules::LINK_TEXT_MISMATCH, m.clone(), h.clone()))
            }
            _ => {}
        }
        if let Some((hi, lo)) = &r.backwards {
            out.push(at(
                rules::BACKWARDS_RANGE,
                format!("`{written}` runs backwards, from {hi} down to {lo}"),
                Some(format!(
                    "write the range low to high: `{}`",
                    written
                        .replacen(hi.as_str(), "\u{0}", 1)
                        .replacen(lo.as_str(), hi, 1)
                        .replacen('\u{0}', lo, 1)
                )),
            ));
        }
        if let (Outcome::Resolved, Some(dir)) = (r.outcome, r.direction) {
            let wrong: Vec<String> = r
                .targets
                .iter()
                .filter_map(|t| match t {
                    Target::Clause(td, tc) if *td == r.doc => {
                        let pos = d.clauses[*tc].span.start;
                        let is_above = pos < r.span.start;
                        (is_above != (dir == Direction::Above))
                            .then(|| d.clauses[*tc].number.to_string())
                    }
                    _ => None,
                })
                .collect();
            if !wrong.is_empty() {
                let (said, is) = match dir {
                    Direction::Above => ("above", "below"),
                    Direction::Below => ("below", "above"),
                };
                out.push(at(
                    rules::REFERENCE_DIRECTION,
                    format!("`{written}` says {said}, but {} is {is} it", wrong.join(", ")),
                    Some("check that the reference still cites the clause it meant; then fix the direction word".into()),
                ));
            }
        }
    }
    out
}
