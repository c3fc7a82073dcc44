//! The proof that a plan is safe: the edited texts are parsed and resolved again, and every
//! reference must land where the plan says it must.
//!
//! Nothing is written here; a plan this check finds fault with is refused by the caller. The
//! plan itself, and what each reference is expected to mean, come from [`super::plan`].

use super::{Expect, Plan};
use crate::model::Constitution;
use crate::refs::{Outcome, Reference, Target};
use crate::source::FileId;

/// Re-parse the edited constitution and check each reference against what the plan says it
/// must mean: the same targets as before, or the clause the user chose. References are paired
/// by their order within each document, which renumbering does not change. Returns one line
/// per reference that would be re-pointed, naming it and what it would come to mean; empty
/// means the plan is safe.
pub fn verify(
    c: &Constitution,
    refs: &[Reference],
    plan: &Plan,
    texts: &[(FileId, String)],
) -> Vec<String> {
    let mut raw: Vec<crate::load::RawFile> = c
        .files
        .iter()
        .map(|f| crate::load::RawFile {
            path: f.path.clone(),
            bytes: f.text.clone().into_bytes(),
        })
        .collect();
    for (fid, t) in texts {
        raw[fid.0 as usize].bytes = t.clone().into_bytes();
    }
    let Ok((after, _)) = crate::load::assemble(raw) else {
        return vec!["the renumbered constitution could not be read back".into()];
    };
    let after_refs = crate::refs::resolve::resolve_all(&after);
    let by_doc = |rs: &[Reference], n: usize| {
        let mut v: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, r) in rs.iter().enumerate() {
            v[r.doc].push(i);
        }
        v
    };
    let before_ix = by_doc(refs, c.documents.len());
    let after_ix = by_doc(&after_refs, after.documents.len());
    let mut problems = Vec::new();
    for (di, bs) in before_ix.iter().enumerate() {
        let empty = Vec::new();
        let as_ = after_ix.get(di).unwrap_or(&empty);
        if bs.len() != as_.len() {
            problems.push(format!(
                "{}: {} references before renumbering but {} after; the new numbers would be read differently",
                c.file(c.documents[di].file).path,
                bs.len(),
                as_.len()
            ));
            continue;
        }
        for (&bi, &ai) in bs.iter().zip(as_) {
            let (b, a) = (&refs[bi], &after_refs[ai]);
            let ok = match plan.expect.get(bi).copied().unwrap_or_default() {
                Expect::Unchecked => true,
                Expect::Same => {
                    b.outcome != Outcome::Resolved
                        || (a.outcome == Outcome::Resolved && a.targets == b.targets)
                }
                Expect::Clause(d, ci) => {
                    a.outcome == Outcome::Resolved && a.targets == [Target::Clause(d, ci)]
                }
            };
            if !ok {
                problems.push(repointed(c, b, &after, a));
            }
        }
    }
    problems.sort();
    problems
}

/// "part-4/cso.md:12:5 `CSO 4.4` (in clause 3.1) would come to mean cso 4.4 “Waivers …”
/// instead of cso 4.4 “Roles …”".
fn repointed(c: &Constitution, before: &Reference, after: &Constitution, a: &Reference) -> String {
    let d = &c.documents[before.doc];
    let f = c.file(d.file);
    let (line, col) = f.line_col(before.span.start);
    let clause = before
        .clause
        .map(|i| format!(" (in clause {})", d.clauses[i].number))
        .unwrap_or_default();
    format!(
        "{}:{line}:{col} `{}`{clause} would come to mean {} instead of {}",
        f.path,
        f.text[before.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        describe(after, a),
        describe(c, before)
    )
}

/// What a reference means, in words a drafter recognises: each target's document, number and
/// first words.
fn describe(c: &Constitution, r: &Reference) -> String {
    match r.outcome {
        Outcome::Resolved => {}
        Outcome::Ambiguous => return "a number two clauses carry".into(),
        _ => return "nothing (it would not resolve)".into(),
    }
    let named: Vec<String> = r
        .targets
        .iter()
        .map(|t| match t {
            Target::Clause(d, ci) => {
                let doc = &c.documents[*d];
                let cl = &doc.clauses[*ci];
                let head: Vec<&str> = c.file(doc.file).text[cl.head.clone()]
                    .trim_start_matches(['#', '*', '-', ' '])
                    .split_whitespace()
                    .skip(1)
                    .take(6)
                    .collect();
                format!("{} {} “{} …”", doc.meta.id, cl.number, head.join(" "))
            }
            Target::Document(d) | Target::Heading(d, _) => c.documents[*d].meta.id.clone(),
            Target::Part(p) => format!("Part {p}"),
        })
        .collect();
    named.join(", ")
}
