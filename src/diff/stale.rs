//! Stale references: a reference written the same way in both versions whose target clause
//! (followed through the alignment) now carries another number, or was deleted — so the
//! words still cite the old number and now name a different clause, or none.
//!
//! References are resolved in each version with [`crate::refs::resolve::resolve_all`]; a
//! reference in NEW is matched to the reference with the same text in the clause its clause
//! was aligned with. Each cited number is then followed: the clause it named in OLD is mapped
//! to NEW through the alignment and compared with what the same number names in NEW. This
//! module reports; rewriting references is left to others.

use super::{Diff, DocDiff};
use crate::refs::Reference;
use crate::source::Span;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// One reference left pointing at the wrong clause.
#[derive(Clone, Debug)]
pub struct Stale {
    /// The document it is written in (id), and its index in the new constitution.
    pub document: String,
    pub doc: usize,
    pub span: Span,
    /// The clause it is written in: index and number in the new document.
    pub clause: Option<usize>,
    pub clause_number: Option<String>,
    /// The reference as written, whitespace collapsed.
    pub text: String,
    /// The document it cites.
    pub target_document: String,
    /// The number it cites: the target's number in the old version.
    pub was: String,
    /// The old target's name.
    pub was_name: String,
    /// The number that clause carries now; `None` when it was deleted.
    pub now: Option<String>,
    /// What the cited number names in the new version, if anything.
    pub now_cites: Option<String>,
    pub summary: String,
}

#[derive(Serialize)]
pub struct StaleRec<'a> {
    document: &'a str,
    kind: &'static str,
    clause: Option<String>,
    text: &'a str,
    target_document: &'a str,
    was: &'a str,
    now: Option<&'a str>,
    now_cites: Option<&'a str>,
    summary: &'a str,
}

impl Stale {
    /// This stale reference as a JSON Lines record.
    pub fn record(&self) -> StaleRec<'_> {
        StaleRec {
            document: &self.document,
            kind: "stale-reference",
            clause: self.clause_number.clone(),
            text: &self.text,
            target_document: &self.target_document,
            was: &self.was,
            now: self.now.as_deref(),
            now_cites: self.now_cites.as_deref(),
            summary: &self.summary,
        }
    }
}

fn written(c: &crate::model::Constitution, r: &Reference) -> String {
    let d = &c.documents[r.doc];
    c.file(d.file).text[r.span.clone()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every stale reference, in the order of the new version, given every reference of each
/// version as [`crate::refs::resolve::resolve_all`] returns them.
pub fn find(d: &Diff<'_>, old_refs: &[Reference], new_refs: &[Reference]) -> Vec<Stale> {
    // Which DocDiff holds each document of each side.
    let mut of_old = vec![usize::MAX; d.old.documents.len()];
    let mut of_new = vec![usize::MAX; d.new.documents.len()];
    for (k, dd) in d.docs.iter().enumerate() {
        if let Some(i) = dd.old {
            of_old[i] = k;
        }
        if let Some(j) = dd.new {
            of_new[j] = k;
        }
    }
    // Old references by the clause they are written in, with their text.
    let mut by_clause: HashMap<(usize, usize), Vec<(String, usize)>> = HashMap::default();
    for (k, r) in old_refs.iter().enumerate() {
        if let Some(c) = r.clause {
            by_clause
                .entry((r.doc, c))
                .or_default()
                .push((written(d.old, r), k));
        }
    }
    let mut seen: HashMap<(usize, usize, String), usize> = HashMap::default();
    let mut out = Vec::new();
    for r in new_refs {
        let Some(cn) = r.clause else { continue };
        let dd = &d.docs[of_new[r.doc]];
        let (Some(od), Some(co)) = (dd.old, dd.alignment.new_to_old[cn]) else {
            continue;
        };
        let text = written(d.new, r);
        let nth = seen.entry((r.doc, cn, text.clone())).or_insert(0);
        *nth += 1;
        let Some(&(_, k)) = by_clause
            .get(&(od, co))
            .and_then(|v| v.iter().filter(|(t, _)| *t == text).nth(*nth - 1))
        else {
            continue;
        };
        let old = &old_refs[k];
        if old.numbers.len() != r.numbers.len() {
            continue;
        }
        for (on, nn) in old.numbers.iter().zip(&r.numbers) {
            let (Some(otd), Some(otc)) = (on.doc, on.clause) else {
                continue;
            };
            let target = &d.docs[of_old[otd]];
            // Where the cited clause is now, and what the same words name now.
            let now = target.new.and_then(|_| target.alignment.old_to_new[otc]);
            let cites = match (target.new, nn.doc, nn.clause) {
                (Some(tn), Some(nd), Some(nc)) if tn == nd => Some(nc),
                _ => None,
            };
            if now.is_some() && now == cites {
                continue;
            }
            out.push(stale(d, dd, r, text.clone(), target, otd, otc, now, cites));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn stale(
    d: &Diff<'_>,
    dd: &DocDiff,
    r: &Reference,
    text: String,
    target: &DocDiff,
    otd: usize,
    otc: usize,
    now: Option<usize>,
    cites: Option<usize>,
) -> Stale {
    let old_doc = &d.old.documents[otd];
    let was = old_doc.clauses[otc].number.to_string();
    let was_name = target.old_text.clauses[otc].name(8);
    let new_doc = target.new.map(|j| &d.new.documents[j]);
    let now_num = now.and_then(|c| Some(new_doc?.clauses[c].number.to_string()));
    let now_cites = cites.map(|c| target.new_text.clauses[c].name(8));
    let here = &d.new.documents[r.doc];
    let clause_number = r.clause.map(|c| here.clauses[c].number.to_string());
    // Numbers in another document are shown with its citation prefix.
    let prefix = if target.id == dd.id {
        String::new()
    } else {
        format!(
            "{} ",
            old_doc
                .meta
                .short
                .clone()
                .unwrap_or_else(|| old_doc.meta.id.clone())
        )
    };
    let mut summary = format!(
        "'{text}' in {} cited {prefix}{was} '{was_name}' in the old version; ",
        clause_number.as_deref().unwrap_or("the preamble")
    );
    match &now_num {
        Some(n) => summary.push_str(&format!("that clause is now {prefix}{n}")),
        None => summary.push_str("that clause was deleted"),
    }
    match &now_cites {
        Some(name) => summary.push_str(&format!(" and {prefix}{was} is '{name}'")),
        None => summary.push_str(&format!(" and no clause is numbered {prefix}{was}")),
    }
    Stale {
        document: dd.id.clone(),
        doc: r.doc,
        span: r.span.clone(),
        clause: r.clause,
        clause_number,
        text,
        target_document: target.id.clone(),
        was,
        was_name,
        now: now_num,
        now_cites,
        summary,
    }
}
