//! `clerk renumber`: a new number for every clause, and every reference rewritten so it
//! still means the clause it meant.
//!
//! The plan is computed from the model and the resolved references, as a list of [`Edit`]s
//! per file. Before anything is shown as safe, the edited texts are parsed and resolved again
//! and every reference is checked to land on the same clause as before; a plan that would
//! re-point a reference is refused, never written.

use super::Edit;
use crate::diag::Diagnostic;
use crate::frontmatter::Status;
use crate::model::{Constitution, Document};
use crate::number::{roman_value, to_roman, ClauseNumber, Seg, Style, Tag};
use crate::refs::{Confidence, Outcome, Reference, Target};
use crate::rules;
use crate::source::FileId;
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

/// The parent of a clause in the new numbering: the open ancestor whose old number is the
/// clause's parent number; for an orphan, the open ancestor whose old number is the longest
/// prefix of its own ("1.2.1" under "1.0"), else the latest open clause one level up.
fn parent_of(stack: &[(ClauseNumber, ClauseNumber)], old: &ClauseNumber) -> Option<usize> {
    let want = old.parent()?;
    stack
        .iter()
        .rposition(|(o, _)| *o == want)
        .or_else(|| {
            stack
                .iter()
                .enumerate()
                .filter(|(_, (o, _))| o.depth() < old.depth() && old.starts_with(o))
                .max_by_key(|(i, (o, _))| (o.depth(), *i))
                .map(|(i, _)| i)
        })
        // "9.1" under a second section "8" that renumbering makes 9: the most recent open
        // clause one level up.
        .or_else(|| {
            stack
                .iter()
                .rposition(|(o, _)| o.depth() + 1 == old.depth())
        })
}

/// Whether a sub-paragraph continues a roman series.
fn is_roman(sub: &str, prev_roman: Option<bool>) -> bool {
    match prev_roman {
        Some(r) => r && roman_value(sub).is_some(),
        None => sub == "i",
    }
}

fn next_suffix(seg: &Seg) -> Seg {
    match seg {
        Seg::Num { pre, n, post } => {
            let next = match post.as_bytes().last() {
                None => "A".to_string(),
                Some(b'Z') => format!("{post}A"),
                Some(&c) => format!("{}{}", &post[..post.len() - 1], (c + 1) as char),
            };
            Seg::Num {
                pre: *pre,
                n: *n,
                post: Tag::new(&next).unwrap_or(*post),
            }
        }
        Seg::Sub(s) => sub_or(&format!("{s}a"), *seg),
    }
}

/// The sub-paragraph `text`, or `old` unchanged when `text` is longer than any sub-paragraph
/// can be written (a list of hundreds): the check after renumbering then shows the clash.
fn sub_or(text: &str, old: Seg) -> Seg {
    Seg::sub(text).unwrap_or(old)
}

/// Where numbering stands under one parent.
#[derive(Default)]
struct Level {
    /// Children numbered so far.
    count: u32,
    /// Whether the sub-paragraphs here are roman (known after the first).
    roman: Option<bool>,
    /// The highest old number kept so far (adopted policy).
    last_old: Option<Seg>,
    /// The last number given (adopted policy), to suffix the next insertion from.
    last_new: Option<Seg>,
}

/// New numbers for every clause of a document, in clause order.
pub fn new_numbers(doc: &Document, policy: Policy) -> Vec<ClauseNumber> {
    let mut out: Vec<ClauseNumber> = Vec::with_capacity(doc.clauses.len());
    // Open ancestors: (old number, new number).
    let mut stack: Vec<(ClauseNumber, ClauseNumber)> = Vec::new();
    // Per new parent: how many children so far, whether they are roman, the last kept old segment.
    let mut count: HashMap<ClauseNumber, Level> = HashMap::default();
    for clause in &doc.clauses {
        let old = &clause.number;
        let p = parent_of(&stack, old);
        stack.truncate(p.map_or(0, |i| i + 1));
        let new_parent = p.map(|i| stack[i].1.clone()).unwrap_or_default();
        let entry = count.entry(new_parent.clone()).or_default();
        let last = *old.last().expect("numbers have a level");
        let seg = match (&last, policy) {
            (Seg::Sub(s), _) => {
                let roman = is_roman(s, entry.roman);
                entry.roman = Some(roman);
                entry.count += 1;
                match policy {
                    Policy::Adopted => last,
                    Policy::Draft if roman => sub_or(&to_roman(entry.count), last),
                    Policy::Draft => sub_or(&letters(entry.count), last),
                }
            }
            (_, Policy::Draft) => {
                entry.count += 1;
                Seg::num(entry.count)
            }
            (_, Policy::Adopted) => {
                let kept = match &entry.last_old {
                    None if last == Seg::num(0) => Seg::Num {
                        pre: Tag::letter(b'A'),
                        n: 1,
                        post: Tag::EMPTY,
                    },
                    None => last,
                    Some(prev) if last > *prev => last,
                    Some(_) => {
                        next_suffix(entry.last_new.as_ref().expect("set with entry.last_old"))
                    }
                };
                if entry.last_old.as_ref().is_none_or(|prev| last > *prev) && last != Seg::num(0) {
                    entry.last_old = Some(last);
                }
                entry.last_new = Some(kept);
                kept
            }
        };
        let new = if new_parent.0.is_empty() {
            ClauseNumber(vec![seg])
        } else {
            new_parent.child(seg)
        };
        stack.push((old.clone(), new.clone()));
        out.push(new);
    }
    out
}

/// `a`..`z`, then `aa`, `bb` … as drafters letter long lists.
fn letters(k: u32) -> String {
    let k = k.max(1) - 1;
    let c = (b'a' + (k % 26) as u8) as char;
    c.to_string().repeat(k as usize / 26 + 1)
}

/// The number as it should be written in place of `written`, keeping the author's form: the
/// clause's own style, or in a citation as many trailing levels as were written ("(a)").
fn render_clause_number(new: &ClauseNumber, style: Style) -> String {
    match style {
        Style::Sub => match new.last() {
            Some(Seg::Sub(s)) => format!("({s})"),
            _ => new.to_string(),
        },
        Style::DotZero if new.depth() == 1 => format!("{new}.0"),
        Style::Roman => match new.0.as_slice() {
            [seg] => seg.plain().map_or(new.to_string(), |n| {
                crate::number::to_roman(n).to_ascii_uppercase()
            }),
            _ => new.to_string(),
        },
        Style::TrailingDot => format!("{new}."),
        // "b." stays "b." (only the letters are the number's span); "B." stays in capitals.
        Style::Item { upper } => match new.last() {
            Some(Seg::Sub(s)) if upper => s.to_ascii_uppercase(),
            Some(Seg::Sub(s)) => s.to_string(),
            _ => new.to_string(),
        },
        _ => new.to_string(),
    }
}

fn render_cited(new: &ClauseNumber, written: &str) -> String {
    // "Article IV" stays roman: "Article III".
    let roman = crate::number::parse_upper_roman(written).is_some_and(|(_, n)| n == written.len());
    if let (true, [seg]) = (roman, new.0.as_slice()) {
        if let Some(n) = seg.plain() {
            return crate::number::to_roman(n).to_ascii_uppercase();
        }
    }
    let written_subs = written.matches('(').count();
    let written_is_relative = written.starts_with('(');
    if written_is_relative {
        let subs: Vec<&Seg> = new.0.iter().rev().take(written_subs).collect();
        return subs
            .into_iter()
            .rev()
            .map(|s| match s {
                Seg::Sub(x) => format!("({x})"),
                other => ClauseNumber(vec![*other]).to_string(),
            })
            .collect();
    }
    let dotted = written_subs == 0 && written.bytes().any(|c| c.is_ascii_lowercase());
    if dotted {
        // "7.2.1.d" stays written with dots.
        let mut out = String::new();
        for (k, seg) in new.0.iter().enumerate() {
            if k > 0 {
                out.push('.');
            }
            match seg {
                Seg::Sub(x) => out.push_str(x),
                other => out.push_str(&ClauseNumber(vec![*other]).to_string()),
            }
        }
        return out;
    }
    new.to_string()
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
    Diagnostic::error(
        if r.outcome == Outcome::Ambiguous { rules::AMBIGUOUS_REFERENCE } else { rules::UNRESOLVED_REFERENCE },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(md: &str, policy: Policy) -> Vec<String> {
        let body = crate::parse::parse_body(md, 0..md.len());
        let doc = Document {
            file: FileId(1),
            meta: crate::frontmatter::Meta {
                id: "d".into(),
                title: "D".into(),
                part: "4".into(),
                part_span: 0..0,
                short: None,
                long: vec![],
                status: Status::Draft,
                adopted: None,
                amended: None,
                unit: None,
            },
            meta_ok: true,
            body: 0..md.len(),
            clauses: body.clauses,
            runs: body.runs,
            links: body.links,
            headings: body.headings,
        };
        new_numbers(&doc, policy)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn draft_policy_renumbers_sequentially() {
        let md = "# 2 Reasons\n\n2.1 a\n\n2.0 b\n\n2.1 c\n\n2.2 d\n\n2.3 e\n\n2.6 f\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
        );
    }

    #[test]
    fn duplicate_section_takes_its_orphans_with_it() {
        let md =
            "# 7 A\n\n7.1 a\n\n# 8 B\n\n8.1 b\n\n# 8 C\n\n9.1 c\n\n9.2 d\n\n# 10 D\n\n10.1 e\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1.1", "2", "2.1", "3", "3.1", "3.2", "4", "4.1"]
        );
        let md = "# 8 B\n\n8.1 b\n\n# 8 C\n\n9.1 c\n\n# 10 D\n";
        assert_eq!(numbers(md, Policy::Draft), ["1", "1.1", "2", "2.1", "3"]);
    }

    #[test]
    fn orphans_are_promoted_under_their_nearest_ancestor() {
        let md = "1.0 Definitions\n\n- 1.2.1 Member\n- 1.2.2 Officer\n\n2.0 Scope\n";
        assert_eq!(numbers(md, Policy::Draft), ["1", "1.1", "1.2", "2"]);
    }

    #[test]
    fn adopted_policy_freezes_numbers_and_suffixes_insertions() {
        let md = "# 4 A\n\n4.1 a\n\n4.2 b\n\n4.2 new\n\n4.3 c\n\n4.5 d\n\n# 4 New section\n\n4.1 x\n\n# 5 B\n";
        assert_eq!(
            numbers(md, Policy::Adopted),
            ["4", "4.1", "4.2", "4.2A", "4.3", "4.5", "4A", "4A.1", "5"]
        );
        let md = "# 0 Inserted first\n\n# 1 A\n";
        assert_eq!(numbers(md, Policy::Adopted), ["A1", "1"]);
    }

    #[test]
    fn sub_paragraphs_keep_their_scheme() {
        let md = "8.1 x\n\n- (a) a\n- (c) c\n  - (i) i\n  - (iii) iii\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)"]
        );
    }

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
