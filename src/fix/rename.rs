//! `clerk rename`: replace a title or term everywhere, as byte-range [`Edit`]s, keeping the
//! grammar right in the easy cases and leaving every doubtful place to a human.
//!
//! Uses are found by the same single-pass matcher as the checks ([`crate::terms::matcher`]),
//! so "Chief Executive" (a current title) and `except:` phrases are never touched by a
//! rename of "Executive". Each use then becomes:
//!
//! - the new name, in the form found: plural for plural ("Executive Members" → "Cabinet
//!   Members", when the new name pluralises by the simple rule or declares `plural:`),
//!   possessive kept ("Chairman's" → "Chair's", "Chairmen's" → "Chairs'"), in capitals for
//!   capitals, and with a capital first letter where a lower-case name opens a sentence;
//! - with `a`/`an` before it corrected ("an Executive Member" → "a Cabinet Member");
//!
//! or, left as written and listed: in a link's text, in quotes, in a historical statement,
//! written in another case ("chairman"), right next to the new name (a redline remnant such
//! as "<u>Cabinet Executive</u>"), after another capitalised word ("Committee Chairman":
//! perhaps a longer title), or a plural the simple rule cannot make.
//!
//! A rename to a name that is already a different defined term is refused, unless
//! constitution.yaml declares the old name as replaced by the new one. The plan is verified
//! before it is shown: the new texts must parse to the same clauses and a second plan over
//! them must propose nothing.

use super::Edit;
use crate::load::{assemble, RawFile};
use crate::model::Constitution;
use crate::source::{FileId, Span};
use crate::terms::capitalised::key;
use crate::terms::matcher::{Case, CaseRule, Form, Matcher, Role};
use crate::terms::words::{self, article_for, capitalise};
use crate::terms::Index;
use std::collections::BTreeMap;

/// One name to replace by another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub old: String,
    pub old_plural: Option<String>,
    pub new: String,
    pub new_plural: Option<String>,
}

impl Rename {
    pub fn new(old: &str, new: &str) -> Rename {
        Rename {
            old: old.trim().to_string(),
            old_plural: None,
            new: new.trim().to_string(),
            new_plural: None,
        }
    }
}

/// Every retired title and term of constitution.yaml, as renames to their replacements.
pub fn retired_renames(index: &Index) -> Vec<Rename> {
    index
        .retired
        .iter()
        .map(|r| Rename {
            old: r.old.clone(),
            old_plural: r.old_plural.clone(),
            new: r.new.clone(),
            new_plural: r.new_plural.clone(),
        })
        .collect()
}

/// A use left as written, for a human to decide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Left {
    pub file: FileId,
    pub span: Span,
    pub why: String,
}

/// What a rename would do.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub edits: BTreeMap<FileId, Vec<Edit>>,
    pub left: Vec<Left>,
    /// How many uses are rewritten.
    pub changed: usize,
}

/// Why a rename will not proceed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The request makes no sense (empty names, identical names).
    Invalid(String),
    /// The new name is a different defined term.
    Collision(String),
}

/// Refuse a rename whose new name is already a different defined term.
pub fn check_collisions(
    c: &Constitution,
    index: &Index,
    renames: &[Rename],
) -> Result<(), Refusal> {
    for r in renames {
        if r.old.is_empty() || r.new.is_empty() {
            return Err(Refusal::Invalid(
                "the old and the new name must not be empty".into(),
            ));
        }
        if r.old.eq_ignore_ascii_case(&r.new) {
            return Err(Refusal::Invalid(format!(
                "`{}` and `{}` differ only in capitals; clerk rename does not change case",
                r.old, r.new
            )));
        }
        let declared = index
            .retired
            .iter()
            .any(|x| key(&x.old) == key(&r.old) && key(&x.new) == key(&r.new));
        if declared {
            continue;
        }
        if let Some(d) = index
            .definitions
            .iter()
            .find(|d| key(&d.term) == key(&r.new) && key(&d.term) != key(&r.old))
        {
            let f = c.file(d.file);
            let (line, _) = f.line_col(d.span.start);
            return Err(Refusal::Collision(format!(
                "`{}` is already a defined term ({}:{line}: \"{}\"); renaming `{}` to it would make two terms one. If `{}` really replaces `{}`, declare it in constitution.yaml (`replaces:` under `{}`) and run `clerk rename --retired`",
                r.new,
                f.path,
                d.text(c),
                r.old,
                r.new,
                r.old,
                r.new
            )));
        }
    }
    Ok(())
}

fn matcher(index: &Index, renames: &[Rename]) -> Matcher {
    let mut forms = Vec::new();
    let add = |text: &str, plural: Option<String>, role: Role, out: &mut Vec<Form>| {
        out.push(Form {
            text: text.to_string(),
            role,
            plural: false,
            case: CaseRule::Any,
            only_in: None,
        });
        if let Some(p) = plural.or_else(|| words::plural(text)).filter(|p| p != text) {
            out.push(Form {
                text: p,
                role,
                plural: true,
                case: CaseRule::Any,
                only_in: None,
            });
        }
    };
    let olds: Vec<String> = renames.iter().map(|r| key(&r.old)).collect();
    for (i, r) in renames.iter().enumerate() {
        add(
            &r.old,
            r.old_plural.clone(),
            Role::Retired(i as u32),
            &mut forms,
        );
        // The new name shields itself, so a new name that contains the old one is stable.
        add(&r.new, r.new_plural.clone(), Role::Shield, &mut forms);
    }
    for (i, t) in index.current.iter().enumerate() {
        if !olds.contains(&key(t)) {
            add(t, None, Role::Current(i as u32), &mut forms);
        }
    }
    for e in &index.except {
        add(e, None, Role::Shield, &mut forms);
    }
    Matcher::new(forms)
}

/// Plan the renames over the whole constitution.
pub fn plan(c: &Constitution, index: &Index, renames: &[Rename]) -> Plan {
    let m = matcher(index, renames);
    let mut plan = Plan::default();
    for doc in &c.documents {
        let f = c.file(doc.file);
        let text = &f.text;
        let found = m.scan_document(
            text,
            &doc.runs,
            doc.links.iter().map(|l| l.text.clone()),
            None,
        );
        let (hits, link_hits) = (found.prose, found.links);
        let front = crate::terms::matcher::LowerCased::new(&text[..doc.body.start]);
        let title_hits = front_matter_title(&front, doc.body.start, &m);
        let mut edits = Vec::new();
        let mut leave = |span: &Span, why: String| {
            plan.left.push(Left {
                file: doc.file,
                span: span.clone(),
                why,
            });
        };
        for h in link_hits
            .iter()
            .filter_map(|h| crate::passes::terms::retired_role(h).map(|_| h))
        {
            leave(
                &h.span,
                "in a link's text: change the link target too".into(),
            );
        }
        for h in title_hits
            .iter()
            .filter_map(|h| crate::passes::terms::retired_role(h).map(|_| h))
        {
            leave(&h.span, "in the front matter title".into());
        }
        for h in &hits {
            let Some((i, plural, case)) = crate::passes::terms::retired_role(h) else {
                continue;
            };
            let r = &renames[i];
            match rewrite(text, &h.span, r, plural, case) {
                Ok(mut e) => {
                    plan.changed += 1;
                    edits.append(&mut e);
                }
                Err(why) => leave(&h.span, why),
            }
        }
        if !edits.is_empty() {
            plan.edits.insert(doc.file, edits);
        }
    }
    plan.left.sort_by_key(|l| (l.file, l.span.start));
    plan
}

/// `title:` in a document's front matter, scanned for the names.
fn front_matter_title(
    folded: &crate::terms::matcher::LowerCased<'_>,
    body_start: usize,
    m: &Matcher,
) -> Vec<crate::terms::matcher::Hit> {
    let text = folded.text;
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text[..body_start].split_inclusive('\n') {
        if let Some(v) = line.strip_prefix("title:") {
            let start = pos + 6 + (v.len() - v.trim_start().len());
            let end = pos + line.trim_end().len();
            if start < end {
                m.scan(folded, start..end, None, &mut out, &mut Vec::new());
            }
        }
        pos += line.len();
    }
    out
}

/// Up to `n` words after `at`, skipping a possessive, spaces, inline tags and punctuation,
/// on the same line.
fn words_after(text: &str, at: usize, n: usize) -> Vec<&str> {
    let le = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut rest = &text[at..le];
    rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("\u{2019}s"))
        .unwrap_or(rest);
    tokens(rest).take(n).collect()
}

/// Up to `n` words before `at` on the same line, nearest first.
fn words_before(text: &str, at: usize, n: usize) -> Vec<&str> {
    let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let v: Vec<&str> = tokens(&text[ls..at]).collect();
    v.into_iter().rev().take(n).collect()
}

/// The words of `s`, without inline tags.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '<' && c != '>' && c != '/')
        .flat_map(|t| t.split(['<', '>', '/']))
        .filter(|t| !t.is_empty() && *t != "u")
}

/// The word just before `at` (over spaces and inline tags only), with where it starts.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let p = words::back_over_space_and_tags(text, at, line_start);
    let s = text[line_start..p]
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(line_start, |i| line_start + i + 1);
    (s < p).then(|| (s, &text[s..p]))
}

/// The edits for one use, or why it is left alone.
fn rewrite(
    text: &str,
    span: &Span,
    r: &Rename,
    plural: bool,
    case: Case,
) -> Result<Vec<Edit>, String> {
    let found = &text[span.clone()];
    if crate::terms::matcher::crosses_tag(text, span) {
        return Err("read across redline marks (<u>…</u>)".into());
    }
    if words::historical(text, span) {
        return Err("a historical statement".into());
    }
    let before = words::char_before(text, span.start);
    let after = words::char_at(text, span.end);
    let quote = |c: Option<char>| {
        matches!(
            c,
            Some('"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}')
        )
    };
    if quote(before) && quote(after) {
        return Err("in quotes: a name being cited".into());
    }
    // "<u>Cabinet Executive</u> Members", "the <u>Executive</u> <u>Cabinet</u>": the old and
    // the new name side by side is a half-edited redline, not a sentence to rewrite.
    let new_first = r.new.split_whitespace().next().unwrap_or("").to_lowercase();
    let new_last = r.new.split_whitespace().last().unwrap_or("").to_lowercase();
    let near_new = |after: usize, before: usize| {
        words_after(text, span.end, after)
            .iter()
            .any(|w| w.to_lowercase() == new_first)
            || words_before(text, span.start, before)
                .iter()
                .any(|w| w.to_lowercase() == new_last)
    };
    let remnant = || Err(format!("next to `{}`: a redline remnant?", r.new));
    if near_new(1, 1) {
        return remnant();
    }
    let prev = word_before(text, span.start);
    if let Some((at, w)) = prev {
        let mid_sentence = !words::opens_sentence(text, at);
        if mid_sentence && words::starts_upper(w) && !["A", "An", "The"].contains(&w) {
            return Err(format!(
                "after `{w}`: part of a longer name? (declare it under titles: to keep it)"
            ));
        }
    }
    if near_new(2, 3) {
        return remnant();
    }
    let mut new = if plural {
        match r.new_plural.clone().or_else(|| words::plural(&r.new)) {
            Some(p) => p,
            None => {
                return Err(format!(
                    "plural: `{}` has no simple plural (declare `plural:`)",
                    r.new
                ))
            }
        }
    } else {
        r.new.clone()
    };
    new = match case {
        Case::Exact => new,
        Case::Upper => new.to_uppercase(),
        Case::Capitalised => capitalise(&new),
        Case::Lowered | Case::Other => {
            return Err(format!(
                "written `{found}`, not `{}`: another case",
                if plural {
                    r.old_plural
                        .clone()
                        .or_else(|| words::plural(&r.old))
                        .unwrap_or_default()
                } else {
                    r.old.clone()
                }
            ))
        }
    };
    if words::opens_sentence(text, span.start) && !words::starts_upper(&new) {
        new = capitalise(&new);
    }
    let mut edits = Vec::new();
    let mut span = span.clone();
    // "Chairmen's" → "Chairs'": a plural possessive ending in s takes the apostrophe alone.
    if plural && new.ends_with('s') {
        for poss in ["'s", "\u{2019}s"] {
            if text[span.end..].starts_with(poss) {
                span.end += poss.len();
                new.push_str(&poss[..poss.len() - 1]);
                break;
            }
        }
    }
    if let Some((at, w)) = prev {
        let lw = w.to_lowercase();
        if lw == "a" || lw == "an" {
            let first = new.split_whitespace().next().unwrap_or("");
            let want = article_for(first);
            if want != lw {
                let shouting = words::is_upper(found) && found.len() > 1;
                let art = if (w.len() > 1 && words::is_upper(w)) || (w == "A" && shouting) {
                    want.to_uppercase()
                } else if words::starts_upper(w) {
                    capitalise(want)
                } else {
                    want.to_string()
                };
                edits.push(Edit {
                    span: at..at + w.len(),
                    text: art,
                });
            }
        }
    }
    if text[span.clone()] != new {
        edits.push(Edit { span, text: new });
    }
    Ok(edits)
}

/// Apply a plan: the new text of every file it changes.
pub fn new_texts(c: &Constitution, plan: &Plan) -> Vec<(FileId, String)> {
    plan.edits
        .iter()
        .map(|(fid, edits)| (*fid, super::apply(&c.file(*fid).text, edits)))
        .collect()
}

/// Re-read the renamed constitution: every document must keep its clauses, and a second plan
/// must propose nothing. Returns the problems found.
pub fn verify(c: &Constitution, renames: &[Rename], texts: &[(FileId, String)]) -> Vec<String> {
    let raw: Vec<RawFile> = c
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let text = texts
                .iter()
                .find(|(fid, _)| fid.0 as usize == i)
                .map_or(f.text.as_str(), |(_, t)| t.as_str());
            RawFile {
                path: f.path.clone(),
                bytes: text.as_bytes().to_vec(),
            }
        })
        .collect();
    let Ok((after, _)) = assemble(raw) else {
        return vec!["the renamed constitution no longer loads".into()];
    };
    let mut problems = Vec::new();
    for (a, b) in c.documents.iter().zip(&after.documents) {
        let na: Vec<_> = a.clauses.iter().map(|cl| &cl.number).collect();
        let nb: Vec<_> = b.clauses.iter().map(|cl| &cl.number).collect();
        if na != nb {
            problems.push(format!("{}: the clauses would change", a.meta.id));
        }
    }
    let again = plan(&after, &Index::new(&after), renames);
    if again.changed > 0 {
        problems.push(format!(
            "a second rename would change {} more use(s): the new name contains the old one in a way clerk cannot keep stable",
            again.changed
        ));
    }
    problems
}
