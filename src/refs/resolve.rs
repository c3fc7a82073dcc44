//! Resolution: looking every citation up across the whole constitution and giving it exactly
//! one [`Outcome`], then turning the failures into diagnostics.
//!
//! The index is built once per run (numbers per document, labels, document ids), so resolving
//! is a hash lookup per cited number and the pass stays linear in the size of the text.

use super::grammar::{self, Cited, Direction, Item, Lexicon, NumRef, RawRef, Scope, Words};
use super::{CitedNumber, Outcome, Reference, Target};
use crate::diag::Diagnostic;
use crate::model::{Constitution, Document};
use crate::number::{ClauseNumber, Seg};
use crate::rules;
use rustc_hash::FxHashMap as HashMap;

/// Lookup tables over a constitution.
pub struct Index<'a> {
    pub(super) c: &'a Constitution,
    numbers: Vec<HashMap<&'a ClauseNumber, Vec<usize>>>,
    pub(super) labels: HashMap<&'a str, (usize, usize)>,
    pub(super) ids: HashMap<&'a str, usize>,
    generic: HashMap<String, usize>,
    /// Unit word (lower case) → the documents whose clauses are cited by it.
    units: HashMap<String, Vec<usize>>,
    lexicon: Lexicon,
}

impl<'a> Index<'a> {
    pub fn new(c: &'a Constitution) -> Index<'a> {
        let mut numbers = Vec::with_capacity(c.documents.len());
        let mut labels = HashMap::default();
        for (di, d) in c.documents.iter().enumerate() {
            let mut m: HashMap<&ClauseNumber, Vec<usize>> =
                HashMap::with_capacity_and_hasher(d.clauses.len(), Default::default());
            for (ci, cl) in d.clauses.iter().enumerate() {
                m.entry(&cl.number).or_default().push(ci);
                if let Some(l) = &cl.label {
                    labels.entry(l.name.as_str()).or_insert((di, ci));
                }
            }
            numbers.push(m);
        }
        let ids = c
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.meta.id.as_str(), i))
            .collect();
        let cit = &c.config.citations;
        let mut generic = HashMap::default();
        for (i, d) in c.documents.iter().enumerate() {
            for l in &d.meta.long {
                let l = l.to_ascii_lowercase();
                if cit.generic.iter().any(|g| g.eq_ignore_ascii_case(&l)) {
                    generic.entry(l).or_insert(i);
                }
            }
        }
        let units = unit_users(c);
        let lexicon = lexicon_with(c, &units);
        Index {
            c,
            numbers,
            labels,
            ids,
            generic,
            units,
            lexicon,
        }
    }

    /// The document "Rule 5" written in `doc` means: `doc` itself if it uses the unit word
    /// (or has the clause, for a word that cites the same document by default), else the one document that uses the word, else the document the
    /// generic name answers to ("standing order 12"), else `doc` (to be reported there).
    fn unit_document(&self, doc: usize, word: &str, items: &[Item]) -> usize {
        let users = self.units.get(word).map_or(&[][..], Vec::as_slice);
        let first = items.iter().find_map(|it| match it {
            Item::One(n) | Item::Range(n, _) | Item::Refined { outer: n, .. } => Some(&n.number),
            Item::Invalid(_) => None,
        });
        // "section 7" and "rule 5" cite the citing document's own clauses by default; only
        // where it has no such clause may they mean another document's unit.
        let same_document_word = self
            .c
            .config
            .citations
            .same_document
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word));
        let here = same_document_word && first.is_some_and(|n| !self.lookup(doc, n).is_empty());
        if users.contains(&doc) || here {
            return doc;
        }
        match users {
            [one] => *one,
            _ => self.generic.get(word).copied().unwrap_or(doc),
        }
    }

    /// Clauses of `doc` numbered `n`.
    pub fn lookup(&self, doc: usize, n: &ClauseNumber) -> &[usize] {
        self.numbers[doc].get(n).map_or(&[], Vec::as_slice)
    }

    pub(super) fn doc(&self, i: usize) -> &'a Document {
        &self.c.documents[i]
    }

    /// Up to three existing numbers close to a missing one, for the help text.
    fn nearest(&self, doc: usize, n: &ClauseNumber) -> Vec<String> {
        let d = self.doc(doc);
        let parent = n.parent();
        let last = n.last().and_then(Seg::plain).unwrap_or(0) as i64;
        let mut cands: Vec<(i64, usize, String)> = d
            .clauses
            .iter()
            .filter(|c| c.number.depth() == n.depth() && c.number.parent() == parent)
            .map(|c| {
                let v = c.number.last().and_then(Seg::plain).unwrap_or(0) as i64;
                ((v - last).abs(), c.span.start, c.number.to_string())
            })
            .collect();
        if cands.is_empty() {
            let ns = n.to_string();
            cands = d
                .clauses
                .iter()
                .filter(|c| c.number.depth() == n.depth())
                .map(|c| {
                    let s = c.number.to_string();
                    let common = s
                        .bytes()
                        .zip(ns.bytes())
                        .take_while(|(a, b)| a == b)
                        .count() as i64;
                    (-common, c.span.start, s)
                })
                .collect();
        }
        cands.sort();
        cands.dedup_by(|a, b| a.2 == b.2);
        cands.into_iter().take(3).map(|c| c.2).collect()
    }
}

/// Unit word (lower case) → the documents whose clauses are cited by it, in order.
fn unit_users(c: &Constitution) -> HashMap<String, Vec<usize>> {
    let mut units: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, d) in c.documents.iter().enumerate() {
        for w in d.unit_words(&c.file(d.file).text) {
            units.entry(w).or_default().push(i);
        }
    }
    units
}

/// Every citing word and document name of a constitution, as its configuration, front
/// matter and headed units declare them.
pub fn lexicon(c: &Constitution) -> Lexicon {
    lexicon_with(c, &unit_users(c))
}

fn lexicon_with(c: &Constitution, units: &HashMap<String, Vec<usize>>) -> Lexicon {
    let cit = &c.config.citations;
    let documents = c
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                i,
                d.meta.short.as_deref().unwrap_or(""),
                d.meta.long.as_slice(),
            )
        })
        .collect();
    let titles = c
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.meta.title.as_str()))
        .collect();
    Lexicon::new(&Words {
        same_document: &cit.same_document,
        appendix: &cit.appendix,
        legislation: &cit.legislation,
        generic: &cit.generic,
        documents,
        titles,
        abbreviations: &cit.abbreviations,
        units: {
            let mut w: Vec<String> = units.keys().cloned().collect();
            w.sort();
            w
        },
    })
}

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

/// Resolve every reference in the constitution, in document order.
pub fn resolve_all(c: &Constitution) -> Vec<Reference> {
    let ix = Index::new(c);
    in_order(crate::par::map_indices(c.documents.len(), |di| {
        resolve_document(&ix, c, di)
    }))
}

/// Each document's references (from [`resolve_document`], in document order) as one list
/// in text order, as [`resolve_all`] returns them.
pub fn in_order(per_doc: Vec<Vec<Reference>>) -> Vec<Reference> {
    let mut out: Vec<Reference> = per_doc.into_iter().flatten().collect();
    out.sort_by_key(|r| (r.doc, r.span.start));
    out
}

/// Every reference written in document `di`, resolved against the whole constitution.
pub fn resolve_document(ix: &Index<'_>, c: &Constitution, di: usize) -> Vec<Reference> {
    let d = &c.documents[di];
    let text = &c.file(d.file).text;
    let mut out = Vec::new();
    for run in &d.runs {
        for raw in grammar::scan(&ix.lexicon, text, run.clone()) {
            // "# Appendix D Forms" names itself; it cites nothing.
            if d.headings.iter().any(|h| h.text.start == raw.span.start) {
                continue;
            }
            // Nor does a headed unit, "**Section 4.7. Managing Members.**" or "## Council
            // Procedure Rule 4", anywhere in its word and number.
            let k = d
                .clauses
                .partition_point(|c| c.span.start <= raw.span.start);
            if k > 0 {
                let c = &d.clauses[k - 1];
                if c.unit
                    .as_ref()
                    .is_some_and(|u| (u.start..c.number_span.end).contains(&raw.span.start))
                {
                    continue;
                }
            }
            let inferred = raw.confidence == super::Confidence::Inferred;
            let weak = raw.weak;
            let r = resolve_raw(ix, di, raw);
            // A bare "19.30" or "3.6.24" that names no clause is a time or a date, and "of 2.5
            // rods" a measure, not a broken reference; one that does name a clause stays,
            // marked inferred, for renumbering to ask about.
            if inferred
                && r.outcome != Outcome::Resolved
                && (weak || time_or_date(&text[r.span.clone()]))
            {
                continue;
            }
            out.push(r);
        }
    }
    for link in &d.links {
        if let Some(r) = super::links::resolve_link(ix, di, link) {
            out.push(r);
        }
    }
    out
}

/// Whether a bare number reads as a clock time ("19.30", "9.45") or a short date ("3.6.24",
/// "12.5.2023").
fn time_or_date(written: &str) -> bool {
    let first = written
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .next()
        .unwrap_or("");
    let parts: Vec<&str> = first.split('.').collect();
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    match (parts.as_slice(), n.as_slice()) {
        ([_, m], [h, mm]) => m.len() == 2 && *h <= 24 && *mm <= 59,
        ([_, _, y], [d, mo, _]) => {
            (y.len() == 2 || y.len() == 4) && (1..=31).contains(d) && (1..=12).contains(mo)
        }
        _ => false,
    }
}

fn resolve_raw(ix: &Index<'_>, doc: usize, raw: RawRef) -> Reference {
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

/// Diagnostics for references that did not resolve, are ambiguous, point the wrong way, or
/// whose link text disagrees with the target. Placeholders are the drafting pass's to report.
pub fn diagnostics(c: &Constitution, refs: &[Reference]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in refs {
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let at = |rule, msg: String, help: Option<String>| {
            let mut diag = Diagnostic::error(rule, msg)
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
                let mut diag = at(
                    rules::REFERENCE_DIRECTION,
                    format!("`{written}` says {said}, but {} is {is} it", wrong.join(", ")),
                    Some("check that the reference still cites the clause it meant; then fix the direction word".into()),
                );
                diag.severity = crate::diag::Severity::Warning;
                out.push(diag);
            }
        }
    }
    out
}
