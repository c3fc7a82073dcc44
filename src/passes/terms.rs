//! Term and title checks: retired titles still in use (T601), definitions nobody uses
//! (T602), capitalised phrases used as if defined (T603), contradictions in `titles:` and
//! `terms:` (T604) and terms defined twice (T605).
//!
//! Every name is found by [`crate::terms::Index::scan`], one Aho-Corasick pass over each
//! document's prose runs (no match reaching from one run into the next); capitalised phrases
//! by [`crate::terms::capitalised`], one more linear pass. This module only turns what they
//! find into diagnostics.

use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::rules;
use crate::terms::capitalised::{self, Phrase, Scanner};
use crate::terms::matcher::{Case, Hit, Role};
use crate::terms::{words, Definition, DefinitionReader, DocScan, Index, Scope};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Run every term check over the constitution.
pub fn check(c: &Constitution) -> Vec<Diagnostic> {
    let checks = TermChecks::new(c);
    let per_doc = crate::par::map_indices(c.documents.len(), |di| checks.document(c, di));
    checks.finish(c, per_doc)
}

/// The term checks in three steps: [`TermChecks::new`] reads every name and definition, and
/// each document's capitalised phrases (which need no index), a document per task;
/// [`TermChecks::document`] checks one document (on any thread), and [`TermChecks::finish`]
/// does what needs every document's findings.
struct TermChecks {
    index: Index,
    /// Definitions by phrase key.
    keys: HashMap<String, Vec<usize>>,
    /// Names that cover a capitalised phrase in every document.
    everywhere: HashSet<String>,
    /// Each document's capitalised phrases.
    phrases: Vec<Vec<Phrase>>,
}

/// Reads each document for what the term checks need before any index exists.
struct Reader {
    definitions: DefinitionReader,
    scanner: Scanner,
}

/// What [`Reader::document`] found in one document.
struct Read {
    definitions: Vec<Definition>,
    /// Keys of its names: title, long titles, and headings ([`covered_everywhere`]).
    names: Vec<String>,
    phrases: Vec<Phrase>,
}

impl Reader {
    fn new(c: &Constitution) -> Reader {
        Reader {
            definitions: DefinitionReader::new(c),
            scanner: Scanner::new(&c.config.council),
        }
    }

    /// Document `di`'s definitions, names and capitalised phrases.
    fn document(&self, c: &Constitution, di: usize) -> Read {
        let doc = &c.documents[di];
        let mut phrases = Vec::new();
        self.scanner
            .scan_runs(&c.file(doc.file).text, &doc.runs, &mut phrases);
        Read {
            definitions: self.definitions.document(c, di),
            names: names_of(c, doc),
            phrases,
        }
    }
}

/// What [`TermChecks::document`] found in one document: its diagnostics, and what the
/// unused-definition check needs from it (the hits themselves are dropped with the task, so
/// their memory is reused by the next document).
struct DocTerms {
    found: Vec<Diagnostic>,
    usage: Usage,
}

/// Which definitions a document uses, and where it first writes each in the wrong case.
#[derive(Default)]
struct Usage {
    used: Vec<usize>,
    near: Vec<(usize, usize)>,
}

impl Usage {
    fn of(index: &Index, di: usize, scan: &DocScan) -> Usage {
        let mut used: Vec<usize> = scan
            .prose
            .iter()
            .chain(&scan.links)
            .filter_map(|hit| index.term_use(hit, di))
            .collect();
        used.sort_unstable();
        used.dedup();
        // The earliest wrong-case place of each definition (the scan's automata report them
        // per automaton, not in text order).
        let mut near: Vec<(usize, usize)> = scan
            .near
            .iter()
            .filter_map(|(span, role)| match role {
                Role::Term(i) => Some((*i as usize, span.start)),
                _ => None,
            })
            .collect();
        near.sort_unstable();
        near.dedup_by_key(|&mut (i, _)| i);
        Usage { used, near }
    }
}

impl TermChecks {
    fn new(c: &Constitution) -> TermChecks {
        let reader = Reader::new(c);
        let read = crate::par::map_indices(c.documents.len(), |di| reader.document(c, di));
        TermChecks::from_read(c, read)
    }

    /// [`TermChecks::new`] from what [`Reader::document`] read in each document (in
    /// document order).
    fn from_read(c: &Constitution, read: Vec<Read>) -> TermChecks {
        let mut definitions = Vec::with_capacity(read.len());
        let mut names = Vec::with_capacity(read.len());
        let mut phrases = Vec::with_capacity(read.len());
        for r in read {
            definitions.push(r.definitions);
            names.push(r.names);
            phrases.push(r.phrases);
        }
        let index = Index::from_documents(c, definitions);
        TermChecks {
            keys: by_key(&index),
            everywhere: covered_everywhere(c, &index, names),
            phrases,
            index,
        }
    }

    /// Retired titles (T601) and undefined terms (T603) in document `di`.
    fn document(&self, c: &Constitution, di: usize) -> DocTerms {
        let scan = self.index.scan(c, di);
        let mut found = Vec::new();
        retired(c, &self.index, di, &scan, &mut found);
        undefined(c, self, di, &scan, &mut found);
        DocTerms {
            found,
            usage: Usage::of(&self.index, di, &scan),
        }
    }

    /// Every document's findings, with the checks across documents: configuration problems
    /// (T604), unused definitions (T602) and terms defined twice (T605).
    fn finish(self, c: &Constitution, per_doc: Vec<DocTerms>) -> Vec<Diagnostic> {
        let mut out = self.index.problems.clone();
        let mut usage = Vec::with_capacity(per_doc.len());
        for d in per_doc {
            out.extend(d.found);
            usage.push(d.usage);
        }
        unused(c, &self.index, &usage, &mut out);
        duplicates(c, &self.index, &self.keys, &mut out);
        out
    }
}

/// The replacement for a retired use, in the form (singular or plural) it was found in.
pub fn replacement(index: &Index, i: usize, plural: bool) -> String {
    let r = &index.retired[i];
    if plural {
        r.new_plural
            .clone()
            .or_else(|| words::plural(&r.new))
            .unwrap_or_else(|| r.new.clone())
    } else {
        r.new.clone()
    }
}

/// The retired role of a hit, unless a current title or an exception covers the same words.
pub fn retired_role(hit: &Hit) -> Option<(usize, bool, Case)> {
    if hit
        .has(|r| matches!(r, Role::Current(_) | Role::Shield))
        .is_some()
    {
        return None;
    }
    hit.roles.iter().find_map(|r| match r.role {
        Role::Retired(i) => Some((i as usize, r.plural, r.case)),
        _ => None,
    })
}

fn retired(c: &Constitution, index: &Index, di: usize, scan: &DocScan, out: &mut Vec<Diagnostic>) {
    let doc = &c.documents[di];
    let f = c.file(doc.file);
    let hits = scan
        .prose
        .iter()
        .map(|h| (h, false))
        .chain(scan.links.iter().map(|h| (h, true)));
    for (hit, in_link) in hits {
        let Some((i, plural, case)) = retired_role(hit) else {
            continue;
        };
        if words::historical(&f.text, &hit.span) {
            continue;
        }
        let r = &index.retired[i];
        let raw = &f.text[hit.span.clone()];
        let untagged = strip_tags(raw);
        let across_tags = untagged.len() != raw.len();
        let across_lines = untagged.contains('\n');
        let plain = if across_lines {
            untagged.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            untagged
        };
        let found = plain.as_str();
        let new = replacement(index, i, plural);
        let how = match case {
            Case::Lowered | Case::Other => format!(" (written `{found}`)"),
            _ => String::new(),
        };
        let shown = if how.is_empty() { found } else { &r.old };
        let place = if in_link {
            " in a link's text"
        } else if across_tags {
            " (across redline marks)"
        } else if across_lines {
            " (across a line break)"
        } else {
            ""
        };
        let when = r
            .retired
            .as_ref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        let cfg_line = c.files[0].line_of(r.decl.start);
        let mut help = format!(
            "`{}` was replaced by `{}`{when} (constitution.yaml line {cfg_line})",
            r.old, r.new
        );
        if let (Some(d), Some(amended)) = (
            &r.retired,
            doc.meta.amended.as_ref().or(doc.meta.adopted.as_ref()),
        ) {
            if amended < d {
                help.push_str(&format!(
                    "; this document was last adopted or amended on {amended}, before the change"
                ));
            }
        }
        help.push_str("; `clerk rename --retired` rewrites the uses it can change safely");
        out.push(
            Diagnostic::new(
                rules::RETIRED_TITLE,
                rules::RETIRED_TITLE.severity_in(doc.meta.status),
                format!("retired {} `{shown}`{how}{place}: now `{new}`", r.kind),
            )
            .at(doc.file, &f.path, hit.span.clone())
            .document(Some(&doc.meta.id))
            .clause(doc.clause_number_at(hit.span.start))
            .help(help),
        );
    }
}

/// `s` without inline tags.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(e) => rest = &rest[i + e + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn unused(c: &Constitution, index: &Index, usage: &[Usage], out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; index.definitions.len()];
    let mut near: HashMap<usize, (usize, usize)> = HashMap::default();
    for (di, u) in usage.iter().enumerate() {
        for &i in &u.used {
            used[i] = true;
        }
        for &(i, at) in &u.near {
            near.entry(i).or_insert((di, at));
        }
    }
    for (i, d) in index.definitions.iter().enumerate() {
        if used[i] {
            continue;
        }
        let f = c.file(d.file);
        let help = match near.get(&i) {
            Some(&(di, at)) if index.applies(i, di) => {
                let nf = c.file(c.documents[di].file);
                let (line, col) = nf.line_col(at);
                let written = nf.text[at..]
                    .chars()
                    .take(d.term.chars().count())
                    .collect::<String>();
                format!(
                    "it is written `{written}` at {}:{line}:{col}: a defined term counts as used only with the capitals of its definition",
                    nf.path
                )
            }
            _ => "use the term, or remove the definition".to_string(),
        };
        let scope = match d.scope {
            Scope::Document(_) => "in this document",
            Scope::Constitution => "anywhere in the constitution",
        };
        out.push(
            Diagnostic::of(
                rules::UNUSED_DEFINITION,
                format!(
                    "`{}` is defined but never used {scope} outside its definition",
                    d.term
                ),
            )
            .at(d.file, &f.path, d.span.clone())
            .document(d.doc.map(|x| c.documents[x].meta.id.as_str()))
            .clause(
                d.doc
                    .and_then(|x| c.documents[x].clause_number_at(d.span.start)),
            )
            .help(help),
        );
    }
}

/// Definitions by [`capitalised::key`] of their term, in definition order.
fn by_key(index: &Index) -> HashMap<String, Vec<usize>> {
    let mut m: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, d) in index.definitions.iter().enumerate() {
        m.entry(capitalised::key(&d.term)).or_default().push(i);
    }
    m
}

fn duplicates(
    c: &Constitution,
    index: &Index,
    keys: &HashMap<String, Vec<usize>>,
    out: &mut Vec<Diagnostic>,
) {
    let defs = &index.definitions;
    let mut found = Vec::new();
    for same in keys.values().filter(|v| v.len() > 1) {
        for (n, &j) in same.iter().enumerate() {
            let b = &defs[j];
            let clash = same[..n].iter().map(|&i| &defs[i]).find(|a| {
                a.scope == b.scope
                    || a.scope == Scope::Constitution
                    || b.scope == Scope::Constitution
            });
            if let Some(a) = clash {
                found.push((a, b));
            }
        }
    }
    for (a, b) in found {
        let af = c.file(a.file);
        let bf = c.file(b.file);
        let (line, _) = af.line_col(a.span.start);
        out.push(
            Diagnostic::of(
                rules::DUPLICATE_DEFINITION,
                format!("`{}` is defined twice: also at {}:{line}", b.term, af.path),
            )
            .at(b.file, &bf.path, b.span.clone())
            .document(b.doc.map(|x| c.documents[x].meta.id.as_str()))
            .clause(
                b.doc
                    .and_then(|x| c.documents[x].clause_number_at(b.span.start)),
            )
            .help("keep one definition, or give the terms different names"),
        );
    }
}

/// `shown` without a possessive ending: "Corporate Directors'" → "Corporate Directors".
fn without_possessive(shown: &str) -> &str {
    let s = shown.trim_end_matches(['\'', '\u{2019}']);
    s.strip_suffix("'s").unwrap_or(s)
}

/// Names that cover a capitalised phrase in every document: those of `constitution.yaml`,
/// and each document's `names` ([`names_of`]).
fn covered_everywhere(c: &Constitution, index: &Index, names: Vec<Vec<String>>) -> HashSet<String> {
    let mut set: HashSet<String> = index.allow.iter().cloned().collect();
    let mut add = |s: &str| {
        set.insert(capitalised::key(s));
    };
    for t in &index.current {
        add(t);
    }
    for r in &index.retired {
        add(&r.old);
        add(&r.new);
    }
    for e in &index.except {
        add(e);
    }
    add(&c.config.council);
    add(&c.config.title);
    for p in &c.config.parts {
        add(&p.title);
    }
    set.extend(names.into_iter().flatten());
    set
}

/// The keys of a document's own names: its title and long titles, and its headings.
fn names_of(c: &Constitution, d: &crate::model::Document) -> Vec<String> {
    let mut out = vec![capitalised::key(&d.meta.title)];
    out.extend(d.meta.long.iter().map(|l| capitalised::key(l)));
    let text = &c.file(d.file).text;
    // Headings name what their section is about ("14 Purchasing Schemes"), as do short
    // list labels in title case ("16.1.1 Anti-Corruption and Bribery").
    for cl in &d.clauses {
        if cl.head.len() > 80 {
            continue;
        }
        let head = text[cl.head.clone()].trim_matches(|ch: char| !ch.is_alphanumeric());
        let heading =
            matches!(cl.kind, crate::model::BlockKind::Heading(_)) || capitalised::headingish(head);
        if heading && !head.is_empty() && head.split_whitespace().count() <= 8 {
            out.push(capitalised::key(head));
        }
    }
    out
}

/// Capitalised phrases used in document `di` as if defined (T603).
fn undefined(
    c: &Constitution,
    checks: &TermChecks,
    di: usize,
    scan: &DocScan,
    out: &mut Vec<Diagnostic>,
) {
    let (index, everywhere, keys) = (&checks.index, &checks.everywhere, &checks.keys);
    let doc = &c.documents[di];
    let f = c.file(doc.file);
    let phrases = &checks.phrases[di];
    // A phrase that overlaps a known title ("Committee Chairman", "Deputy Chief
    // Executive") is about that title; one inside a defined term is that term. A phrase
    // that merely contains a term ("Chief Officer" around "Officer") is still a phrase.
    let spans = |titles: bool| -> Vec<&crate::source::Span> {
        scan.prose
            .iter()
            .filter(|h| {
                h.roles.iter().any(|r| match r.role {
                    Role::Term(i) => !titles && index.applies(i as usize, di),
                    _ => titles,
                })
            })
            .map(|h| &h.span)
            .collect()
    };
    let (titles, terms) = (spans(true), spans(false));
    let overlaps = |p: &Phrase| {
        let i = titles.partition_point(|k| k.end <= p.span.start);
        let j = terms.partition_point(|k| k.start <= p.span.start);
        titles.get(i).is_some_and(|k| k.start < p.span.end)
            || j.checked_sub(1).is_some_and(|j| terms[j].end >= p.span.end)
    };
    // For each key: its first use, and how many uses it has.
    let mut found: HashMap<String, (&Phrase, usize)> = HashMap::default();
    let mut k = String::new();
    for p in phrases {
        if overlaps(p) {
            continue;
        }
        capitalised::key_into(&f.text[p.span.clone()], &mut k);
        if everywhere.contains(k.as_str()) {
            continue;
        }
        match found.get_mut(k.as_str()) {
            Some(group) => group.1 += 1,
            None => {
                found.insert(k.clone(), (p, 1));
            }
        }
    }
    // In the order the phrases first appear (the scan finds them in text order).
    let mut groups: Vec<(String, (&Phrase, usize))> = found.into_iter().collect();
    groups.sort_unstable_by_key(|(_, (first, _))| first.span.start);
    for (key, (first, uses)) in groups {
        let defs: &[usize] = keys.get(&key).map_or(&[], Vec::as_slice);
        if defs.iter().any(|&i| index.applies(i, di)) || uses < 2 {
            continue;
        }
        let shown = &f.text[first.span.clone()];
        let name = without_possessive(shown);
        let help = match defs.first().map(|&i| &index.definitions[i]) {
            Some(d) if d.doc.is_some() => {
                let other = &c.documents[d.doc.unwrap_or(0)];
                let clause = d.clause.map(|ci| other.clauses[ci].number.to_string()).unwrap_or_default();
                format!(
                    "`{}` is defined in {} {clause}, which applies to that document only; list that clause under `terms.definitions` in constitution.yaml to use it everywhere",
                    d.term, other.meta.id
                )
            }
            _ => format!(
                "define it (\"{name} means …\" in a Definitions clause, or `terms.defined` in constitution.yaml), declare it under `titles:` if it is a role or body, or add `{name}` to `terms.allow`"
            ),
        };
        out.push(
            Diagnostic::of(
                rules::UNDEFINED_TERM,
                format!(
                    "`{shown}` is capitalised like a defined term ({uses} uses in this document), but no definition covers it"
                ),
            )
            .at(doc.file, &f.path, first.span.clone())
            .document(Some(&doc.meta.id))
            .clause(doc.clause_number_at(first.span.start))
            .help(help),
        );
    }
}
