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
use crate::refs::{Outcome, Reference};
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
        Style::TrailingDot => format!("{new}."),
        _ => new.to_string(),
    }
}

fn render_cited(new: &ClauseNumber, written: &str) -> String {
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
    for (ri, r) in refs.iter().enumerate() {
        let touches = r.numbers.iter().any(|n| n.doc.is_some_and(|d| in_scope[d]));
        if !touches {
            continue;
        }
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let unclear = matches!(r.outcome, Outcome::Unresolved | Outcome::Ambiguous);
        let chosen = unclear.then(|| choice_for(c, r, &opts.choices)).flatten();
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
            let (line, col) = f.line_col(r.span.start);
            refused.push(
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
                }),
            );
            continue;
        }
        for n in &r.numbers {
            let (Some(td), clause) = (n.doc, n.clause.or(chosen.filter(|_| n.clause.is_none())))
            else {
                continue;
            };
            let Some(ci) = clause else { continue };
            let Some(new) = new_of.get(&(td, ci)) else {
                continue;
            };
            let written = &f.text[n.span.clone()];
            let text = render_cited(new, written);
            if written != text {
                p.edits.entry(d.file).or_default().push(Edit {
                    span: n.span.clone(),
                    text,
                });
            }
        }
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    for edits in p.edits.values_mut() {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        edits.dedup();
    }
    Ok(p)
}

/// The clause an ambiguous reference means, if the user chose one for it.
fn choice_for(c: &Constitution, r: &Reference, choices: &[Choice]) -> Option<usize> {
    let d = &c.documents[r.doc];
    let f = c.file(d.file);
    let (line, column) = f.line_col(r.span.start);
    let ch = choices
        .iter()
        .find(|ch| ch.path == f.path && ch.line == line && ch.column == column)?;
    let n = r.numbers.iter().find(|n| n.clause.is_none())?;
    let td = n.doc?;
    let ix = c.documents[td]
        .clauses
        .iter()
        .enumerate()
        .filter(|(_, cl)| cl.number == n.number)
        .map(|(i, _)| i)
        .nth(ch.occurrence - 1)?;
    Some(ix)
}

/// The new text of every file the plan touches.
pub fn new_texts(c: &Constitution, plan: &Plan) -> Vec<(FileId, String)> {
    plan.edits
        .iter()
        .map(|(fid, edits)| (*fid, super::apply(&c.file(*fid).text, edits)))
        .collect()
}

/// Re-parse the edited constitution and check that every reference that resolved before
/// resolves to the same clause (same document, same clause position) after. Returns the
/// references that would be re-pointed; empty means the plan is safe.
pub fn verify(c: &Constitution, refs: &[Reference], texts: &[(FileId, String)]) -> Vec<String> {
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
    let key = |c: &Constitution, r: &Reference| (r.doc, c.documents[r.doc].clause_at(r.span.start));
    let mut problems = Vec::new();
    let before: Vec<&Reference> = refs
        .iter()
        .filter(|r| r.outcome == Outcome::Resolved)
        .collect();
    let mut after_by_pos: HashMap<(usize, Option<usize>), Vec<&Reference>> = HashMap::default();
    for r in &after_refs {
        after_by_pos.entry(key(&after, r)).or_default().push(r);
    }
    let mut before_by_pos: HashMap<(usize, Option<usize>), Vec<&Reference>> = HashMap::default();
    for r in &before {
        before_by_pos.entry(key(c, r)).or_default().push(r);
    }
    for (k, bs) in before_by_pos {
        let afters: Vec<&Reference> = after_by_pos
            .get(&k)
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|r| r.outcome == Outcome::Resolved)
                    .collect()
            })
            .unwrap_or_default();
        let mut want: Vec<_> = bs.iter().map(|r| r.targets.clone()).collect();
        let mut got: Vec<_> = afters.iter().map(|r| r.targets.clone()).collect();
        want.sort();
        got.sort();
        if want != got {
            let d = &c.documents[k.0];
            let clause =
                k.1.map(|i| d.clauses[i].number.to_string())
                    .unwrap_or_default();
            problems.push(format!(
                "{} clause {clause}: references would change meaning",
                d.meta.id
            ));
        }
    }
    problems.sort();
    problems
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
