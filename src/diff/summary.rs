//! The words people read about each change: a one-line summary per changed clause
//! ("CSO 4.2 — £25,000 → £50,000", "CSO 5.1 — role title: Head of Legal Services → Head of
//! Legal and Democracy", "CSO 12 — clause 12.7 inserted: '…'", "CSO 2.4 — renumbered 2.6 →
//! 2.4"), the key-changes table that groups runs of renumbered clauses into one row, and the
//! terminal report.
//!
//! Summaries are derived from the word diff only; deciding what changed is [`super`]'s job and
//! rendering tables is left to [`super::html`] and the CLI.

use super::text::Text;
use super::words::{regions, Piece, Region};
use super::{Diff, DocDiff, Entry, Kind, Preamble};
use crate::model::BlockKind;
use crate::number::ClauseNumber;

/// Words that make a capitalised phrase a role title.
const ROLE_WORDS: &[&str] = &[
    "Head",
    "Officer",
    "Manager",
    "Director",
    "Chair",
    "Chairman",
    "Chairperson",
    "Member",
    "Members",
    "Executive",
    "Leader",
    "Clerk",
    "Secretary",
    "Chief",
    "Cabinet",
    "Councillor",
    "Mayor",
    "Treasurer",
    "Solicitor",
    "Deputy",
    "Assistant",
    "Portfolio",
    "Holder",
];

/// Small words that may sit inside a capitalised phrase ("Head of Legal and Democracy").
const CONNECTORS: &[&str] = &["of", "and", "for", "the", "&"];

/// At most this many change regions are described per clause.
const MAX_REGIONS: usize = 3;

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
}

fn is_connector(w: &str) -> bool {
    CONNECTORS.contains(&w)
}

/// Cut a phrase to `n` words.
fn clip(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split(' ').collect();
    if words.len() <= n {
        s.to_string()
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

/// Widen `r` over the capitalised phrase around it: "Legal [Services]" → "Head of Legal
/// Services".
fn phrase(t: &Text, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let word = |i: usize| !t.is_break(i);
    let (mut s, mut e) = (r.start, r.end);
    while s > 0 && word(s - 1) {
        let w = t.tok(s - 1);
        if is_cap(w) || (is_connector(w) && s >= 2 && word(s - 2) && is_cap(t.tok(s - 2))) {
            s -= 1;
        } else {
            break;
        }
    }
    while e < t.len() && word(e) {
        let w = t.tok(e);
        if is_cap(w) || (is_connector(w) && e + 1 < t.len() && word(e + 1) && is_cap(t.tok(e + 1)))
        {
            e += 1;
        } else {
            break;
        }
    }
    // A sentence-initial article is not part of a title.
    if e > s + 1 && matches!(t.tok(s), "The" | "A" | "An") {
        s += 1;
    }
    s..e
}

fn describe(old: &Text, new: &Text, r: &Region) -> String {
    let ow: Vec<&str> = r.old.clone().map(|i| old.tok(i)).collect();
    let nw: Vec<&str> = r.new.clone().map(|i| new.tok(i)).collect();
    let digits = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    let (od, nd): (Vec<&str>, Vec<&str>) = (
        ow.iter().copied().filter(digits).collect(),
        nw.iter().copied().filter(digits).collect(),
    );
    if !od.is_empty() && !nd.is_empty() {
        return format!("{} → {}", od.join(" "), nd.join(" "));
    }
    let titled = |ws: &[&str]| ws.iter().all(|w| is_cap(w) || is_connector(w));
    let any_cap = ow.iter().chain(&nw).any(|w| is_cap(w));
    if any_cap && titled(&ow) && titled(&nw) {
        let (po, pn) = (phrase(old, r.old.clone()), phrase(new, r.new.clone()));
        let (a, b) = (old.render(po), new.render(pn));
        if !a.is_empty() && !b.is_empty() {
            let role = a
                .split(' ')
                .chain(b.split(' '))
                .any(|w| ROLE_WORDS.contains(&w));
            return if role {
                format!("role title: {a} → {b}")
            } else {
                format!("{a} → {b}")
            };
        }
    }
    let (a, b) = (
        clip(&old.render(r.old.clone()), 8),
        clip(&new.render(r.new.clone()), 8),
    );
    match (a.is_empty(), b.is_empty()) {
        (true, _) => format!("added '{b}'"),
        (_, true) => format!("removed '{a}'"),
        _ => format!("wording: '{a}' → '{b}'"),
    }
}

/// What changed in the words, region by region.
pub fn details(old: &Text, new: &Text, pieces: &[Piece]) -> String {
    let mut seen: Vec<String> = Vec::new();
    let regions = regions(pieces);
    for r in &regions {
        let d = describe(old, new, r);
        if !seen.contains(&d) {
            seen.push(d);
        }
    }
    let more = seen.len().saturating_sub(MAX_REGIONS);
    seen.truncate(MAX_REGIONS);
    let mut s = seen.join("; ");
    if more > 0 {
        s.push_str(&format!(
            "; and {more} more change{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    s
}

fn section(n: &ClauseNumber) -> String {
    ClauseNumber(n.0[..1].to_vec()).to_string()
}

/// The "CSO 4.2" and the "£25,000 → £50,000" of an entry.
fn parts(d: &Diff<'_>, dd: &DocDiff, e: &Entry) -> (String, String) {
    let short = d.short(dd);
    let old = e.old.map(|i| &d.old_doc(dd).expect("old side").clauses[i]);
    let new = e.new.map(|j| &d.new_doc(dd).expect("new side").clauses[j]);
    let name = |t: &Text| t.name(8);
    let whole = |what: &str, n: &ClauseNumber, t: &Text| {
        if n.depth() == 1 {
            (short.clone(), format!("section {n} {what}: '{}'", name(t)))
        } else {
            (
                format!("{short} {}", section(n)),
                format!("clause {n} {what}: '{}'", name(t)),
            )
        }
    };
    match (old, new) {
        (None, Some(n)) => whole(
            "inserted",
            &n.number,
            &dd.new_text.clauses[e.new.unwrap_or(0)],
        ),
        (Some(o), None) => whole(
            "deleted",
            &o.number,
            &dd.old_text.clauses[e.old.unwrap_or(0)],
        ),
        (Some(o), Some(n)) => {
            let label = format!("{short} {}", n.number);
            let mut said: Vec<String> = Vec::new();
            if e.moved {
                said.push(format!("moved from {}", o.number));
            } else if e.renumbered {
                said.push(format!("renumbered {} → {}", o.number, n.number));
            }
            if e.amended {
                let (ot, nt) = (
                    &dd.old_text.clauses[e.old.unwrap_or(0)],
                    &dd.new_text.clauses[e.new.unwrap_or(0)],
                );
                let headings = matches!(o.kind, BlockKind::Heading(_))
                    && matches!(n.kind, BlockKind::Heading(_));
                if headings {
                    said.push(format!("title: {} → {}", ot.name(12), nt.name(12)));
                } else {
                    said.push(details(ot, nt, &e.pieces));
                }
            }
            (label, said.join("; "))
        }
        (None, None) => (short, String::new()),
    }
}

/// The summary of a changed preamble.
pub fn preamble(d: &Diff<'_>, dd: &DocDiff, p: &Preamble) -> String {
    let what = match p.kind {
        Kind::Inserted => "preamble inserted".to_string(),
        Kind::Deleted => "preamble deleted".to_string(),
        _ => format!(
            "preamble: {}",
            details(&dd.old_text.preamble, &dd.new_text.preamble, &p.pieces)
        ),
    };
    format!("{} — {what}", d.short(dd))
}

/// Write the summary of every changed entry of one document, and of its preamble.
pub fn fill(d: &Diff<'_>, dd: &mut DocDiff) {
    let sums: Vec<String> = dd
        .entries
        .iter()
        .map(|e| {
            if e.kind == Kind::Unchanged {
                String::new()
            } else {
                let (label, detail) = parts(d, dd, e);
                format!("{label} — {detail}")
            }
        })
        .collect();
    for (e, s) in dd.entries.iter_mut().zip(sums) {
        e.summary = s;
    }
    if let Some(p) = &dd.preamble {
        let s = preamble(d, dd, p);
        if let Some(p) = &mut dd.preamble {
            p.summary = s;
        }
    }
}

/// One row of the key-changes table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct KeyRow {
    /// "CSO 4.2", or "CSO 12.5–12.9" for a run of renumbered clauses.
    pub clause: String,
    pub kind: Kind,
    pub change: String,
    /// The entry the row is about (the first of a run).
    pub entry: usize,
}

fn split(summary: &str) -> (String, String) {
    match summary.split_once(" — ") {
        Some((a, b)) => (a.to_string(), b.to_string()),
        None => (String::new(), summary.to_string()),
    }
}

/// The key changes of a document: one row per changed clause, with each run of clauses that
/// were only renumbered (and their sub-clauses) as one row.
pub fn key_rows(d: &Diff<'_>, dd: &DocDiff) -> Vec<KeyRow> {
    let mut rows = Vec::new();
    let mut k = 0;
    while k < dd.entries.len() {
        let e = &dd.entries[k];
        if e.kind == Kind::Unchanged {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        if e.kind == Kind::Renumbered {
            while end < dd.entries.len() && dd.entries[end].kind == Kind::Renumbered {
                end += 1;
            }
        }
        if matches!(e.kind, Kind::Inserted | Kind::Deleted) {
            // A clause inserted or deleted with its sub-clauses is one row.
            let number = |x: &Entry| match e.kind {
                Kind::Inserted => x
                    .new
                    .map(|j| &d.new_doc(dd).expect("new").clauses[j].number),
                _ => x
                    .old
                    .map(|i| &d.old_doc(dd).expect("old").clauses[i].number),
            };
            let top = number(e).expect("the side it exists on");
            while end < dd.entries.len()
                && dd.entries[end].kind == e.kind
                && number(&dd.entries[end])
                    .is_some_and(|n| n.depth() > top.depth() && n.starts_with(top))
            {
                end += 1;
            }
            let (clause, mut change) = split(&e.summary);
            if end - k > 1 {
                let n = end - k - 1;
                change.push_str(&format!(
                    " (with {n} sub-clause{})",
                    if n == 1 { "" } else { "s" }
                ));
            }
            rows.push(KeyRow {
                clause,
                kind: e.kind,
                change,
                entry: k,
            });
            k = end;
            continue;
        }
        if end - k > 1 {
            let last = &dd.entries[end - 1];
            let new = |e: &Entry| d.new_number(dd, e).unwrap_or_default();
            let old = |e: &Entry| d.old_number(dd, e).unwrap_or_default();
            rows.push(KeyRow {
                clause: format!("{} {}–{}", d.short(dd), new(e), new(last)),
                kind: Kind::Renumbered,
                change: format!(
                    "{} clauses renumbered (were {}–{})",
                    end - k,
                    old(e),
                    old(last)
                ),
                entry: k,
            });
        } else {
            let (clause, change) = split(&e.summary);
            rows.push(KeyRow {
                clause,
                kind: e.kind,
                change,
                entry: k,
            });
        }
        k = end;
    }
    rows
}

/// The terminal report: counts per document, key changes, stale references.
pub fn text(d: &Diff<'_>) -> String {
    let mut out = format!("clerk diff: {} → {}\n", d.old_label, d.new_label);
    let mut total = 0usize;
    for dd in &d.docs {
        if !dd.changed() {
            continue;
        }
        let doc = d.document(dd);
        let side = match (dd.old, dd.new) {
            (None, _) => " (new document)",
            (_, None) => " (deleted document)",
            _ => "",
        };
        let counts: Vec<String> = [
            Kind::Amended,
            Kind::Inserted,
            Kind::Deleted,
            Kind::Moved,
            Kind::Renumbered,
        ]
        .iter()
        .map(|&k| (k, dd.count(k)))
        .filter(|&(_, n)| n > 0)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
        out.push_str(&format!(
            "\n{} — {}{side}: {}\n",
            dd.id,
            doc.meta.title,
            counts.join(", ")
        ));
        if let Some(p) = &dd.preamble {
            out.push_str(&format!("  {}\n", p.summary));
        }
        for r in key_rows(d, dd) {
            total += 1;
            out.push_str(&format!("  {} — {}\n", r.clause, r.change));
        }
    }
    if !d.stale.is_empty() {
        out.push_str(&format!("\nstale references ({}):\n", d.stale.len()));
        for s in &d.stale {
            out.push_str(&format!("  {}: {}\n", s.document, s.summary));
        }
    }
    if total == 0 && d.stale.is_empty() && d.docs.iter().all(|x| !x.changed()) {
        out.push_str("no changes\n");
    }
    out
}
