//! `clerk renumber`: a new number for every clause, and every reference rewritten so it
//! still means the clause it meant.
//!
//! The plan is computed from the model and the resolved references, as a list of [`Edit`]s
//! per file. Before anything is shown as safe, the edited texts are parsed and resolved again
//! and every reference is checked to land on the same clause as before; a plan that would
//! re-point a reference is refused, never written.
//!
//! This module holds the plan: what renumbering decides for each clause and each reference.
//! The parts it leaves to others live beside it:
//!
//! - `numbers.rs`: the new number of every clause of a document, under each policy;
//! - `render.rs`: how a new number is written in place of the old one, in the author's form;
//! - `verify.rs`: reading the edited texts back and proving no reference was re-pointed.

mod numbers;
mod render;
mod verify;

pub use numbers::new_numbers;
pub use verify::verify;

use super::Edit;
use crate::diag::Diagnostic;
use crate::frontmatter::Status;
use crate::model::{Constitution, Document};
use crate::number::ClauseNumber;
use crate::refs::{Confidence, Outcome, Reference};
use crate::rules::{self, Step};
use crate::source::FileId;
use render::{render_cited, render_clause_number};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// How numbers change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// Full sequential renumbering within each level, in document order.
    Draft,
    /// Published numbers are frozen; inserted clauses take suffix numbers (4A, 4.2A, A1).
    Adopted,
}

/// Which clause an ambiguous reference means: the `occurrence`-th clause (1-based) carrying
/// the number it cites, for the reference written at `path:line:column`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub occurrence: usize,
}

impl Choice {
    /// Parse `part-5/protocol.md:211:96=2`.
    pub fn parse(s: &str) -> Result<Choice, String> {
        let (loc, occ) = s.rsplit_once('=').ok_or("expected FILE:LINE:COLUMN=N")?;
        let mut it = loc.rsplitn(3, ':');
        let column = it.next().and_then(|c| c.parse().ok()).ok_or("bad column")?;
        let line = it.next().and_then(|c| c.parse().ok()).ok_or("bad line")?;
        let path = it.next().ok_or("missing file")?.to_string();
        let occurrence = occ
            .parse()
            .ok()
            .filter(|&n: &usize| n >= 1)
            .ok_or("N must be 1 or more")?;
        Ok(Choice {
            path,
            line,
            column,
            occurrence,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Only this document (by id); references to it from anywhere are still rewritten.
    pub only: Option<String>,
    /// Override the policy chosen by each document's status.
    pub policy: Option<Policy>,
    /// Proceed past references whose meaning cannot be known, leaving their text as written.
    pub leave_unclear: bool,
    pub choices: Vec<Choice>,
    /// Rewrite references found only by context (bare numbers) as well as explicit ones.
    pub rewrite_inferred: bool,
}

/// One clause whose number changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub doc: usize,
    pub clause: usize,
    pub old: ClauseNumber,
    pub new: ClauseNumber,
}

/// A reference renumbering could not follow.
#[derive(Clone, Debug)]
pub struct Unclear {
    pub reference: usize,
    pub why: String,
}

/// What renumbering would do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents renumbered, with the policy used.
    pub documents: Vec<(usize, Policy)>,
    pub mappings: Vec<Mapping>,
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    /// References left exactly as written (with `--leave-unclear`).
    pub left: Vec<Unclear>,
    /// References found only by context whose numbers renumbering changes: rewritten with
    /// `--rewrite-inferred`, otherwise left as written (they may be no reference at all).
    pub inferred: Vec<Inferred>,
    /// Which of the options' choices matched a reference (indices into `Options::choices`).
    pub used_choices: Vec<usize>,
    /// What each reference (by index) must still mean after renumbering.
    expect: Vec<Expect>,
}

/// An inferred reference renumbering would rewrite.
#[derive(Clone, Debug)]
pub struct Inferred {
    pub reference: usize,
    /// The numbers as they would be written (old text, new text).
    pub rewrites: Vec<(String, String)>,
    pub rewritten: bool,
}

/// What [`verify`] checks a reference against once the edited text is read back.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Expect {
    /// It resolved before and must resolve to the same targets after.
    #[default]
    Same,
    /// The user chose this clause for it (`--choose`): it must resolve to exactly that one.
    Clause(usize, usize),
    /// Left as written on purpose, or never resolved: nothing to prove.
    Unchecked,
}

fn policy_for(doc: &Document, opts: &Options) -> Policy {
    opts.policy.unwrap_or(match doc.meta.status {
        Status::Adopted => Policy::Adopted,
        Status::Draft => Policy::Draft,
    })
}

/// Compute the renumbering plan. Fails with one diagnostic per reference whose meaning cannot
/// be known, unless the options say what to do with it.
pub fn plan(c: &Constitution, refs: &[Reference], opts: &Options) -> Result<Plan, Vec<Diagnostic>> {
    let mut p = Plan::default();
    let mut new_of: HashMap<(usize, usize), ClauseNumber> = HashMap::default();
    let mut in_scope = vec![false; c.documents.len()];
    for (di, doc) in c.documents.iter().enumerate() {
        if opts.only.as_ref().is_some_and(|id| *id != doc.meta.id) {
            continue;
        }
        in_scope[di] = true;
        let policy = policy_for(doc, opts);
        p.documents.push((di, policy));
        let file = c.file(doc.file);
        for (ci, (clause, new)) in doc.clauses.iter().zip(new_numbers(doc, policy)).enumerate() {
            let text = render_clause_number(&new, clause.style);
            if file.text[clause.number_span.clone()] != text {
                p.edits.entry(doc.file).or_default().push(Edit {
                    span: clause.number_span.clone(),
                    text,
                });
            }
            if new != clause.number {
                p.mappings.push(Mapping {
                    doc: di,
                    clause: ci,
                    old: clause.number.clone(),
                    new: new.clone(),
                });
            }
            new_of.insert((di, ci), new);
        }
    }
    let mut refused = Vec::new();
    p.expect = vec![Expect::Same; refs.len()];
    for (ri, r) in refs.iter().enumerate() {
        if r.outcome != Outcome::Resolved {
            p.expect[ri] = Expect::Unchecked;
        }
        let touches = r.numbers.iter().any(|n| n.doc.is_some_and(|d| in_scope[d]));
        if !touches {
            continue;
        }
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let unclear = matches!(r.outcome, Outcome::Unresolved | Outcome::Ambiguous);
        let chosen = unclear
            .then(|| choice_for(c, r, &opts.choices))
            .flatten()
            .map(|(k, ci)| {
                p.used_choices.push(k);
                ci
            });
        if unclear && chosen.is_none() {
            let why = match r.outcome {
                Outcome::Ambiguous => "it cites a number two clauses carry",
                _ => "it cites a clause that does not exist",
            };
            if opts.leave_unclear {
                p.left.push(Unclear {
                    reference: ri,
                    why: why.into(),
                });
                continue;
            }
            refused.push(unclear_diagnostic(c, r, why));
            continue;
        }
        let mut edits = Vec::new();
        for n in &r.numbers {
            let (Some(td), clause) = (n.doc, n.clause.or(chosen.filter(|_| n.clause.is_none())))
            else {
                continue;
            };
            let Some(ci) = clause else { continue };
            if chosen == Some(ci) && n.clause.is_none() {
                p.expect[ri] = Expect::Clause(td, ci);
            }
            let Some(new) = new_of.get(&(td, ci)) else {
                continue;
            };
            let written = &f.text[n.span.clone()];
            let text = render_cited(new, written);
            if written != text {
                edits.push(Edit {
                    span: n.span.clone(),
                    text,
                });
            }
        }
        if r.confidence == Confidence::Inferred && !edits.is_empty() {
            let rewrites = edits
                .iter()
                .map(|e| (f.text[e.span.clone()].to_string(), e.text.clone()))
                .collect();
            p.inferred.push(Inferred {
                reference: ri,
                rewrites,
                rewritten: opts.rewrite_inferred,
            });
            if !opts.rewrite_inferred {
                p.expect[ri] = Expect::Unchecked;
                continue;
            }
        }
        if !edits.is_empty() {
            p.edits.entry(d.file).or_default().extend(edits);
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    for edits in p.edits.values_mut() {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup();
    }
    p.used_choices.sort_unstable();
    p.used_choices.dedup();
    Ok(p)
}

/// Why renumbering will not touch a reference it cannot read: where it is and how to say
/// what it means.
fn unclear_diagnostic(c: &Constitution, r: &Reference, why: &str) -> Diagnostic {
    let d = &c.documents[r.doc];
    let f = c.file(d.file);
    let (line, col) = f.line_col(r.span.start);
    let rule = if r.outcome == Outcome::Ambiguous {
        rules::AMBIGUOUS_REFERENCE
    } else {
        rules::UNRESOLVED_REFERENCE
    };
    Diagnostic::new(
        rule,
        rule.severity_at(Step::Renumber),
        format!("renumber cannot tell what `{}` means: {why}", &f.text[r.span.clone()]),
    )
    .at(d.file, &f.path, r.span.clone())
    .document(Some(&d.meta.id))
    .clause(r.clause.map(|i| d.clauses[i].number.to_string()))
    .help(if r.outcome == Outcome::Ambiguous {
        format!("pass --choose {}:{line}:{col}=N to say it means the Nth clause numbered so, or --leave-unclear to keep its text as written", f.path)
    } else {
        "correct it by hand, or pass --leave-unclear to keep its text as written".to_string()
    })
}

/// The clause an ambiguous reference means, if the user chose one for it: the choice's index
/// and the clause.
fn choice_for(c: &Constitution, r: &Reference, choices: &[Choice]) -> Option<(usize, usize)> {
    let d = &c.documents[r.doc];
    let f = c.file(d.file);
    let (line, column) = f.line_col(r.span.start);
    let k = choices
        .iter()
        .position(|ch| ch.path == f.path && ch.line == line && ch.column == column)?;
    let n = r.numbers.iter().find(|n| n.clause.is_none())?;
    let td = n.doc?;
    let ix = c.documents[td]
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, cl)| cl.number == n.number)
        .map(|(i, _)| i)
        .nth(choices[k].occurrence - 1)?;
    Some((k, ix))
}

/// The new text of every file the plan touches.
pub fn new_texts(c: &Constitution, plan: &Plan) -> Vec<(FileId, String)> {
    plan.edits
        .iter()
        .map(|(fid, edits)| (*fid, super::apply(&c.file(*fid).text, edits)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse() {
        let ch = Choice::parse("part-5/p.md:211:96=2").unwrap();
        assert_eq!(
            (ch.path.as_str(), ch.line, ch.column, ch.occurrence),
            ("part-5/p.md", 211, 96, 2)
        );
        assert!(Choice::parse("p.md:1:2=0").is_err());
    }
}
