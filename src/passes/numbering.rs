//! Numbering: duplicates, numbers out of order, gaps, children without parents, mixed styles,
//! and duplicate labels.
//!
//! The pass walks a document's clauses in order and compares each with the previous sibling
//! under the same parent, as a reader would. It reports; repairing is `clerk renumber`'s job.

use crate::diag::Diagnostic;
use crate::model::{Clause, Constitution, Document};
use crate::number::{letter_value, roman_value, ClauseNumber, Seg, Style};
use crate::rules;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Where one level's sequence stands, for comparing the next sibling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ordinal {
    /// A plain number (gaps are measurable), or one with letters (4A, A1), whose order is
    /// checked but not its gaps: (number, 0 with a prefix else 1, suffix rank).
    Num(u32, u8, u32),
    Letter(u32),
    Roman(u32),
}

impl Ordinal {
    fn of(seg: &Seg, prev: Option<Ordinal>) -> Ordinal {
        match seg {
            Seg::Num { pre, n, post } => {
                let suffix = post
                    .bytes()
                    .fold(0u32, |acc, b| acc * 27 + u32::from(b - b'A' + 1));
                Ordinal::Num(*n, u8::from(pre.is_empty()), suffix)
            }
            Seg::Sub(s) => {
                let letter = letter_value(s);
                let roman = roman_value(s);
                match (prev, letter, roman) {
                    (Some(Ordinal::Letter(p)), Some(l), _) if l == p + 1 => Ordinal::Letter(l),
                    (Some(Ordinal::Roman(_)), _, Some(r)) => Ordinal::Roman(r),
                    (None, _, Some(1)) => Ordinal::Roman(1),
                    (_, Some(l), _) => Ordinal::Letter(l),
                    (_, None, Some(r)) => Ordinal::Roman(r),
                    _ => Ordinal::Letter(u32::MAX),
                }
            }
        }
    }

    fn same_kind(self, other: Ordinal) -> bool {
        let k = |o| match o {
            Ordinal::Num(..) => 0,
            Ordinal::Letter(_) => 1,
            Ordinal::Roman(_) => 2,
        };
        k(self) == k(other)
    }
}

fn describe(n: &ClauseNumber) -> String {
    if n.depth() == 1 {
        format!("section {n}")
    } else {
        format!("clause {n}")
    }
}

/// The numbers between two siblings, for a gap message: "2.4–2.5" or "5.4.8".
fn missing_range(parent: Option<&ClauseNumber>, from: u32, to: u32) -> String {
    let name = |k: u32| match parent {
        Some(p) => p.child(Seg::num(k)).to_string(),
        None => k.to_string(),
    };
    if from == to {
        name(from)
    } else {
        format!("{}–{}", name(from), name(to))
    }
}

/// "5.4.8 is" / "2.4–2.5 are".
fn is_are(range: String) -> String {
    if range.contains('–') {
        format!("{range} are")
    } else {
        format!("{range} is")
    }
}

/// A clause as its reader knows it: "Rule 2" for a headed unit, else as [`describe`] says.
fn name(text: &str, clause: &Clause) -> String {
    match &clause.unit {
        Some(u) => format!("{} {}", &text[u.clone()], &text[clause.number_span.clone()]),
        None => describe(&clause.number),
    }
}

struct Ctx<'a> {
    c: &'a Constitution,
    doc: &'a Document,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn report(
        &mut self,
        rule: &'static rules::Rule,
        clause: &Clause,
        message: String,
    ) -> &mut Diagnostic {
        let path = &self.c.file(self.doc.file).path;
        self.diags.push(
            Diagnostic::new(rule, rule.severity_in(self.doc.meta.status), message)
                .at(self.doc.file, path, clause.number_span.clone())
                .document(Some(&self.doc.meta.id))
                .clause(Some(clause.number.to_string())),
        );
        self.diags.last_mut().expect("just pushed")
    }
}

/// Check one document's numbering.
pub fn check_document(c: &Constitution, doc: &Document) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        c,
        doc,
        diags: Vec::new(),
    };
    let mut first_at: HashMap<&ClauseNumber, usize> = HashMap::default();
    // The last sibling at each level, and whether a duplicate just followed it (then the next
    // number may skip one: "8, 8, 10" is one duplicate, not also "9 missing").
    let mut last_child: HashMap<Option<ClauseNumber>, (Ordinal, usize, bool)> = HashMap::default();
    let mut orphans_reported: HashSet<ClauseNumber> = HashSet::default();
    for (i, clause) in doc.clauses.iter().enumerate() {
        let n = &clause.number;
        if let Some(&first) = first_at.get(n) {
            let first_span = doc.clauses[first].number_span.clone();
            let line = c.file(doc.file).line_of(first_span.start);
            let d = cx.report(
                rules::NUMBERING_DUPLICATE,
                clause,
                format!(
                    "{} is numbered twice (first on line {line})",
                    name(&c.file(doc.file).text, clause)
                ),
            );
            d.help = Some("renumber the clauses (`clerk renumber` shows the repair), or give the second one the number it should have".into());
            d.related.push(crate::diag::Related {
                span: first_span,
                label: "first used here".into(),
            });
            if let Some(entry) = last_child.get_mut(&n.parent()) {
                entry.2 = true;
            }
            continue;
        }
        first_at.insert(n, i);
        let parent = n.parent();
        if let Some(p) = &parent {
            // "1.0.1" under a section written "1.0.": its parent number 1.0 is section 1.
            let dot_zero = || {
                crate::parse::dot_zero_parent(p)
                    .and_then(|s| first_at.get(&s))
                    .is_some_and(|&k| doc.clauses[k].style == Style::DotZero)
            };
            if !first_at.contains_key(p) && !dot_zero() && orphans_reported.insert(p.clone()) {
                let d = cx.report(
                    rules::NUMBERING_ORPHAN,
                    clause,
                    format!(
                        "{} has no parent: there is no {} before it",
                        describe(n),
                        describe(p)
                    ),
                );
                d.help = Some(format!("number it under an existing clause, or add {p}"));
            }
        }
        let seg = n.last().expect("numbers have at least one level");
        let prev = last_child.get(&parent).copied();
        let ord = Ordinal::of(seg, prev.map(|p| p.0));
        match prev {
            None => first_child(&mut cx, clause, parent.as_ref(), ord),
            Some((p, pi, slack)) if p.same_kind(ord) => {
                if ord < p {
                    let before = doc.clauses[pi].number.to_string();
                    let d = cx.report(
                        rules::NUMBERING_ORDER,
                        clause,
                        format!(
                            "{} comes after {before}",
                            name(&c.file(doc.file).text, clause)
                        ),
                    );
                    d.help = Some("numbers must rise at each level; renumber the clauses".into());
                    continue; // keep the higher number as the one to follow
                }
                if let (Ordinal::Num(a, 1, 0), Ordinal::Num(b, 1, 0))
                | (Ordinal::Letter(a), Ordinal::Letter(b))
                | (Ordinal::Roman(a), Ordinal::Roman(b)) = (p, ord)
                {
                    let allowed = if slack { a + 2 } else { a + 1 };
                    if b > allowed && matches!(ord, Ordinal::Num(..)) {
                        let before = doc.clauses[pi].number.to_string();
                        let d = cx.report(
                            rules::NUMBERING_GAP,
                            clause,
                            format!(
                                "{} follows {before}: {} missing",
                                name(&c.file(doc.file).text, clause),
                                is_are(missing_range(parent.as_ref(), a + 1, b - 1))
                            ),
                        );
                        d.help = Some(match half_renumbered(a, b) {
                            Some((was, now)) => {
                                let name = |k: u32| {
                                    parent
                                        .as_ref()
                                        .map_or(k.to_string(), |p| p.child(Seg::num(k)).to_string())
                                };
                                format!(
                                    "{n} looks like a half-finished renumbering: {} and {} printed together; `clerk renumber` repairs it",
                                    name(was),
                                    name(now)
                                )
                            }
                            None => "restore the missing clause, or renumber".into(),
                        });
                    } else if b > allowed {
                        let before = doc.clauses[pi].number.to_string();
                        cx.report(
                            rules::NUMBERING_GAP,
                            clause,
                            format!(
                                "{} follows {before}: sub-paragraphs are missing between them",
                                describe(n)
                            ),
                        );
                    }
                }
            }
            Some(_) => {}
        }
        last_child.insert(parent, (ord, i, false));
    }
    if doc.is_adopted() {
        // Adopted numbers are frozen: a deleted clause leaves its number unused on purpose
        // (which is why the rule is a warning there).
        for d in cx
            .diags
            .iter_mut()
            .filter(|d| d.rule == rules::NUMBERING_GAP)
        {
            d.help = Some("in an adopted document a deleted clause's number stays unused; if this one was lost by mistake, restore it".into());
        }
    }
    cx.diags.extend(check_style(c, doc));
    cx.diags
}

/// "8.1.24" after 8.1.3: the old number 2 and the new number 4 printed side by side, as
/// a redline shows a number changed in place. Returns (old, new) when `b` splits that way.
fn half_renumbered(a: u32, b: u32) -> Option<(u32, u32)> {
    let digits = b.to_string();
    (1..digits.len()).find_map(|k| {
        let (was, now) = (digits[..k].parse().ok()?, digits[k..].parse().ok()?);
        (now == a + 1 && was <= a + 1 && !digits[k..].starts_with('0')).then_some((was, now))
    })
}

/// The first child under a parent should be numbered 1 (or 0, or (a), or (i)).
fn first_child(cx: &mut Ctx<'_>, clause: &Clause, parent: Option<&ClauseNumber>, ord: Ordinal) {
    let n = &clause.number;
    let gap = match ord {
        Ordinal::Num(v, 1, 0) | Ordinal::Letter(v) | Ordinal::Roman(v) => v > 1,
        Ordinal::Num(..) => false,
    };
    if !gap {
        return;
    }
    let missing = match ord {
        Ordinal::Num(v, ..) => is_are(missing_range(parent, 1, v - 1)),
        _ => "the sub-paragraphs before it are".to_string(),
    };
    let under = parent.map_or("the document".to_string(), describe);
    let d = cx.report(
        rules::NUMBERING_GAP,
        clause,
        format!(
            "{} is the first under {under}: {missing} missing",
            describe(n)
        ),
    );
    d.help = Some(format!(
        "restore the missing clause, or renumber (the first should be {})",
        match ord {
            Ordinal::Num(..) => "1".to_string(),
            Ordinal::Roman(_) => "(i)".to_string(),
            _ => "(a)".to_string(),
        }
    ));
}

/// Mixed numbering styles within one document: one warning per level group, at the first
/// clause that departs from the style most of the document uses.
fn check_style(c: &Constitution, doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Headed units ("Rule 5.", "ARTICLE IV") are compared with units of their own word, not
    // with the plain numbers of the same document ("## 1. Name" beside "## Bylaw 4.
    // Meetings" is two schemes, not two styles of one).
    let groups = [
        ("sections", true, false),
        ("clauses", false, false),
        ("headed units", true, true),
        ("headed sub-units", false, true),
    ];
    // Each unit word is its own scheme too: "Rule 4" beside "ARTICLE V" is not a style
    // mix.
    let text = &c.file(doc.file).text;
    let word = |cl: &Clause| {
        cl.unit
            .as_ref()
            .map(|u| text[u.clone()].to_ascii_lowercase())
    };
    // No word (plain numbers), then each unit word the document uses.
    let words: Vec<Option<String>> = std::iter::once(None)
        .chain(doc.unit_words(text).into_iter().map(Some))
        .collect();
    let groups = groups.iter().flat_map(|&(what, sections, units)| {
        words
            .iter()
            .filter(move |w| w.is_some() == units)
            .map(move |w| (what, sections, w.clone()))
    });
    for (what, sections, unit) in groups {
        let in_group = |cl: &&Clause| {
            // Items ("(a)", "a.", "A.") are a scheme of their own under each clause, and
            // documents vary them by level on purpose.
            !matches!(
                cl.style,
                Style::Sub | Style::Item { .. } | Style::ListMarker
            ) && (cl.number.depth() == 1) == sections
                && word(cl) == unit
        };
        let mut counts: HashMap<Style, usize> = HashMap::default();
        for cl in doc.clauses.iter().filter(in_group) {
            *counts.entry(cl.style).or_default() += 1;
        }
        if counts.len() < 2 {
            continue;
        }
        let (&main, _) = counts
            .iter()
            .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
            .expect("two styles");
        let odd = doc
            .clauses
            .iter()
            .filter(in_group)
            .find(|cl| cl.style != main)
            .expect("two styles");
        let path = &c.file(doc.file).path;
        out.push(
            Diagnostic::of(
                rules::NUMBERING_STYLE,
                format!(
                    "{what} are numbered in {} styles; {} is written {}",
                    counts.len(),
                    odd.number,
                    odd.style.describe()
                ),
            )
            .at(doc.file, path, odd.number_span.clone())
            .document(Some(&doc.meta.id))
            .clause(Some(odd.number.to_string()))
            .help(format!("most {what} here are written {}", main.describe())),
        );
    }
    out
}

/// Labels must be unique across the whole constitution.
pub fn check_labels(c: &Constitution) -> Vec<Diagnostic> {
    let mut seen: HashMap<&str, (&Document, &Clause)> = HashMap::default();
    let mut out = Vec::new();
    for doc in &c.documents {
        for clause in &doc.clauses {
            let Some(label) = &clause.label else { continue };
            if let Some(&(fd, fc)) = seen.get(label.name.as_str()) {
                let first = format!(
                    "{}:{}",
                    c.file(fd.file).path,
                    c.file(fd.file).line_of(fc.number_span.start)
                );
                out.push(
                    Diagnostic::of(
                        rules::DUPLICATE_LABEL,
                        format!("label `{}` is already used at {first}", label.name),
                    )
                    .at(doc.file, &c.file(doc.file).path, label.span.clone())
                    .document(Some(&doc.meta.id))
                    .clause(Some(clause.number.to_string()))
                    .help("labels name exactly one clause; choose another"),
                );
            }
            seen.entry(&label.name).or_insert((doc, clause));
        }
    }
    out
}
