//! The resolution of one citation: which clauses, Part, document or appendix it names, and
//! its one [`Outcome`], with the problem and help text when it names nothing or too much.
//!
//! Each cited number is looked up in [`Index`], relative sub-paragraphs ("(b)") against the
//! clause the citation is written in, ranges clause by clause. Whether a citation counts at
//! all is decided by the caller ([`super::resolve_document`]); diagnostics are
//! [`super::diagnose`]'s.

use super::super::grammar::{Cited, Item, NumRef, RawRef, Scope};
use super::super::{CitedNumber, Outcome, Reference, Target};
use super::Index;
use crate::number::{ClauseNumber, Seg};

/// What one number lookup found.
enum Found {
    One(usize),
    Missing,
    Many,
}

/// Builds one [`Reference`] from a citation.
struct Resolver<'i, 'a> {
    ix: &'i Index<'a>,
    doc: usize,
    clause: Option<usize>,
    numbers: Vec<CitedNumber>,
    targets: Vec<Target>,
    missing: Vec<String>,
    ambiguous: Vec<String>,
    backwards: Option<(String, String)>,
}

impl Resolver<'_, '_> {
    fn find(&mut self, doc: usize, n: &NumRef) -> Found {
        let number = self.relative(doc, &n.number);
        let found = self.ix.lookup(doc, &number);
        let (f, clause) = match found {
            [] => (Found::Missing, None),
            [one] => (Found::One(*one), Some(*one)),
            _ => (Found::Many, None),
        };
        self.numbers.push(CitedNumber {
            span: n.span.clone(),
            number: number.clone(),
            doc: Some(doc),
            clause,
        });
        match f {
            Found::One(ci) => self.targets.push(Target::Clause(doc, ci)),
            Found::Missing => self.missing.push(number.to_string()),
            Found::Many => self.ambiguous.push(number.to_string()),
        }
        f
    }

    /// "sub-paragraph (a)" means (a) of the clause it is written in, or of an ancestor.
    fn relative(&self, doc: usize, n: &ClauseNumber) -> ClauseNumber {
        if !matches!(n.0.first(), Some(Seg::Sub(_))) || doc != self.doc {
            return n.clone();
        }
        let d = self.ix.doc(doc);
        let mut at = self.clause;
        while let Some(ci) = at {
            let cand = ClauseNumber([d.clauses[ci].number.0.clone(), n.0.clone()].concat());
            if !self.ix.lookup(doc, &cand).is_empty() {
                return cand;
            }
            at = d.clauses[ci].parent;
        }
        // "the time in sub-paragraph (iv)" written in (d), meaning (c)(iv): the one item of
        // the nearest enclosing clause whose number ends so. Two such items are ambiguous,
        // and the number is left as written to be reported.
        let mut at = self.clause.and_then(|ci| d.clauses[ci].parent);
        while let Some(ci) = at {
            let base = &d.clauses[ci].number;
            let mut found = d.clauses[ci + 1..]
                .iter()
                .take_while(|c| c.number.starts_with(base))
                .filter(|c| {
                    c.number.0.ends_with(&n.0) && c.number.depth() > base.depth() + n.depth()
                });
            if let (Some(one), None) = (found.next(), found.next()) {
                return one.number.clone();
            }
            at = d.clauses[ci].parent;
        }
        n.clone()
    }

    fn range(&mut self, doc: usize, a: &NumRef, b: &NumRef) {
        let (fa, fb) = (self.find(doc, a), self.find(doc, b));
        let parent = a.number.parent();
        let plain = (
            a.number.last().and_then(Seg::plain),
            b.number.last().and_then(Seg::plain),
        );
        if let ((Some(x), Some(y)), true) = (plain, parent == b.number.parent()) {
            // "4.10 – 4.8": the author meant the clauses between, but said it backwards; it
            // is reported (R405), and covers what a reader would take it to cover.
            if x > y {
                self.backwards = Some((a.number.to_string(), b.number.to_string()));
            }
            let (x, y) = (x.min(y), x.max(y));
            for k in x.saturating_add(1)..y {
                let n = match &parent {
                    Some(p) => p.child(Seg::num(k)),
                    None => ClauseNumber(vec![Seg::num(k)]),
                };
                match self.ix.lookup(doc, &n) {
                    [] => self
                        .missing
                        .push(format!("{n} (inside the range {}–{})", a.number, b.number)),
                    [one] => self.targets.push(Target::Clause(doc, *one)),
                    _ => self.ambiguous.push(n.to_string()),
                }
            }
        } else if let (Found::One(i), Found::One(j)) = (fa, fb) {
            let depth = a.number.depth();
            let between = self.ix.doc(doc).clauses[i + 1..j.max(i + 1)]
                .iter()
                .enumerate();
            let inner: Vec<usize> = between
                .filter(|(_, c)| c.number.depth() == depth)
                .map(|(k, _)| i + 1 + k)
                .collect();
            self.targets
                .extend(inner.into_iter().map(|k| Target::Clause(doc, k)));
        }
    }

    /// Look up every item of a number expression in document `t`.
    fn items(&mut self, t: usize, items: &[Item]) {
        for item in items {
            match item {
                Item::One(n) => {
                    self.find(t, n);
                }
                Item::Range(a, b) => self.range(t, a, b),
                Item::Invalid(span) => self.missing.push(format!(
                    "{} (a level above {} is no clause number)",
                    &self.ix.c.file(self.ix.doc(self.doc).file).text[span.clone()],
                    crate::number::MAX_SEG
                )),
                Item::Refined { outer, inner } => {
                    self.find(t, inner);
                    let outer_clause = self.ix.lookup(t, &outer.number).first().copied();
                    self.numbers.push(CitedNumber {
                        span: outer.span.clone(),
                        number: outer.number.clone(),
                        doc: Some(t),
                        clause: outer_clause,
                    });
                }
            }
        }
    }

    fn outcome(&self) -> (Outcome, Option<(String, Option<String>)>) {
        if !self.ambiguous.is_empty() {
            let msg = format!(
                "{} is carried by more than one clause",
                self.ambiguous.join(", ")
            );
            return (
                Outcome::Ambiguous,
                Some((
                    msg,
                    Some("renumber the duplicate clauses first (`clerk renumber`)".into()),
                )),
            );
        }
        if !self.missing.is_empty() {
            return (
                Outcome::Unresolved,
                Some((format!("no clause {}", self.missing.join(", ")), None)),
            );
        }
        (Outcome::Resolved, None)
    }
}

pub(super) fn resolve_raw(ix: &Index<'_>, doc: usize, raw: RawRef) -> Reference {
    let d = ix.doc(doc);
    let clause = d.clause_at(raw.span.start);
    let mut r = Resolver {
        ix,
        doc,
        clause,
        numbers: Vec::new(),
        targets: Vec::new(),
        missing: Vec::new(),
        ambiguous: Vec::new(),
        backwards: None,
    };
    let (outcome, problem) = match &raw.cited {
        Cited::Placeholder => (Outcome::Placeholder, None),
        Cited::External => (Outcome::External, None),
        Cited::Clauses { scope, items } => {
            let target_doc = match scope {
                Scope::SameDocument => Some(doc),
                Scope::Document(t) => Some(*t),
                Scope::Generic(w) => ix.generic.get(w).copied(),
                Scope::Unit(w) => Some(ix.unit_document(doc, w, items)),
            };
            match target_doc {
                None => (Outcome::External, None),
                Some(t) => {
                    r.items(t, items);
                    let (o, p) = r.outcome();
                    let p = p.map(|(m, h)| {
                        let where_ = if t == doc {
                            String::new()
                        } else {
                            format!(" in {}", ix.doc(t).meta.title)
                        };
                        let help = h.or_else(|| {
                            let first_missing = r.numbers.iter().find(|n| n.clause.is_none())?;
                            let near = ix.nearest(t, &first_missing.number);
                            (!near.is_empty())
                                .then(|| format!("nearest existing clauses: {}", near.join(", ")))
                        });
                        (format!("{m}{where_}"), help)
                    });
                    (o, p)
                }
            }
        }
        Cited::Part { numbers } => {
            let mut worst = (Outcome::Resolved, None);
            for (number, _) in numbers {
                if let Some(t) = own_part(ix, doc, number) {
                    r.targets.push(t);
                    continue;
                }
                let got = resolve_part(ix, number, &mut r.targets);
                if worst.0 == Outcome::Resolved {
                    worst = got;
                }
            }
            worst
        }
        // "Article IV" in bylaws whose Articles are their own headed units.
        Cited::Article { items, part: None }
            if ix.units.get("article").is_some_and(|u| u.contains(&doc)) =>
        {
            r.items(doc, items);
            r.outcome()
        }
        Cited::Article { items, part } => {
            let part = part.clone().unwrap_or_else(|| "2".into());
            match ix.c.config.part(&part) {
                None => (
                    Outcome::Unresolved,
                    Some((
                        format!("Part {part} is not declared in constitution.yaml"),
                        None,
                    )),
                ),
                Some(p) if !p.kept => (Outcome::External, None),
                Some(_) => match ix
                    .c
                    .documents
                    .iter()
                    .position(|d| d.meta.part.split('.').next() == Some(part.as_str()))
                {
                    Some(t) => {
                        r.items(t, items);
                        r.outcome()
                    }
                    None => (
                        Outcome::Unresolved,
                        Some((format!("no document in Part {part}"), None)),
                    ),
                },
            }
        }
        Cited::Appendix { name, elsewhere } => {
            if *elsewhere {
                (Outcome::External, None)
            } else {
                resolve_appendix(ix, doc, name, &mut r.targets)
            }
        }
    };
    let numbers = std::mem::take(&mut r.numbers);
    let mut targets = std::mem::take(&mut r.targets);
    targets.sort();
    targets.dedup();
    if outcome != Outcome::Resolved {
        targets.clear(); // a reference that did not resolve names no target
    }
    Reference {
        doc,
        span: raw.span,
        clause,
        outcome,
        targets,
        numbers,
        direction: raw.direction,
        link_dest: None,
        problem,
        confidence: raw.confidence,
        backwards: r.backwards.take(),
    }
}

fn resolve_part(
    ix: &Index<'_>,
    number: &str,
    targets: &mut Vec<Target>,
) -> (Outcome, Option<(String, Option<String>)>) {
    let top = number.split('.').next().unwrap_or(number);
    let declared: Vec<&str> =
        ix.c.config
            .parts
            .iter()
            .map(|p| p.number.as_str())
            .collect();
    match ix.c.config.part(top) {
        None => (
            Outcome::Unresolved,
            Some((
                format!("Part {top} is not declared in constitution.yaml"),
                Some(format!("declared Parts: {}", declared.join(", "))),
            )),
        ),
        Some(p) if !p.kept => (Outcome::External, None),
        Some(_) if top == number => {
            targets.push(Target::Part(top.to_string()));
            (Outcome::Resolved, None)
        }
        Some(_) => match ix.c.documents.iter().position(|d| d.meta.part == number) {
            Some(t) => {
                targets.push(Target::Document(t));
                (Outcome::Resolved, None)
            }
            None => {
                let here: Vec<String> =
                    ix.c.documents
                        .iter()
                        .filter(|d| d.meta.part.split('.').next() == Some(top))
                        .map(|d| format!("Part {} {}", d.meta.part, d.meta.title))
                        .collect();
                let help = (!here.is_empty())
                    .then(|| format!("documents in Part {top}: {}", here.join("; ")));
                (
                    Outcome::Unresolved,
                    Some((format!("no document sits at Part {number}"), help)),
                )
            }
        },
    }
}

/// "Part 2" written in a document divided into Parts of its own ("## Part 2 – Conduct of
/// Debate" above its Rules, or Parts that are its sections): that Part, not Part 2 of the
/// constitution.
fn own_part(ix: &Index<'_>, doc: usize, number: &str) -> Option<Target> {
    let d = ix.doc(doc);
    let text = &ix.c.file(d.file).text;
    if ix.units.get("part").is_some_and(|u| u.contains(&doc)) {
        let n = crate::number::ClauseNumber::parse(number)?;
        let found = ix.lookup(doc, &n);
        return (found.len() == 1).then(|| Target::Clause(doc, found[0]));
    }
    let want = format!("part {number}");
    d.headings
        .iter()
        .position(|h| {
            let t = text[h.text.clone()]
                .trim_start_matches(['*', '#', ' '])
                .to_ascii_lowercase();
            let after = t.get(want.len()..).unwrap_or("");
            // "Part 2" is not "Part 24" nor "Part 2.1".
            let longer = after.starts_with(|c: char| c.is_ascii_alphanumeric())
                || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()));
            t.starts_with(&want) && !longer
        })
        .map(|hi| Target::Heading(doc, hi))
}

fn resolve_appendix(
    ix: &Index<'_>,
    doc: usize,
    name: &str,
    targets: &mut Vec<Target>,
) -> (Outcome, Option<(String, Option<String>)>) {
    let lower = name.to_ascii_lowercase();
    let starts = |s: &str| {
        let s = s.trim_start_matches(['*', '#', ' ']).to_ascii_lowercase();
        s.starts_with(&lower) && !s[lower.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
    };
    let d = ix.doc(doc);
    let text = &ix.c.file(d.file).text;
    if let Some(ci) = d.clauses.iter().position(|c| starts(&text[c.head.clone()])) {
        targets.push(Target::Clause(doc, ci));
        return (Outcome::Resolved, None);
    }
    if let Some(hi) = d
        .headings
        .iter()
        .position(|h| starts(&text[h.text.clone()]))
    {
        targets.push(Target::Heading(doc, hi));
        return (Outcome::Resolved, None);
    }
    if let Some(t) = ix.c.documents.iter().position(|x| starts(&x.meta.title)) {
        targets.push(Target::Document(t));
        return (Outcome::Resolved, None);
    }
    // "Schedule 12A" with an inserted letter is how Acts number their Schedules (Schedule 12A
    // to the Local Government Act 1972 is cited on its own in every agenda); a constitution's
    // own Schedules are found above when they exist.
    let id = name.rsplit(' ').next().unwrap_or("");
    let inserted = id.len() >= 2
        && id.ends_with(|c: char| c.is_ascii_uppercase())
        && id[..id.len() - 1].bytes().all(|c| c.is_ascii_digit());
    if lower.starts_with("schedule") && inserted {
        return (Outcome::External, None);
    }
    (
        Outcome::Unresolved,
        Some((
            format!("no {name} in this document or the constitution"),
            Some("title the appendix's heading or document \"".to_string() + name + " …\""),
        )),
    )
}
