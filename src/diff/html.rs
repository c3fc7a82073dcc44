//! The HTML redline: one self-contained page per document and an index, rendered with tera 2
//! from the templates in `templates/diff/`, which the binary embeds.
//!
//! Each page opens with the key-changes table and the stale references, then the full text
//! with `<ins>`/`<del>` word changes. Insertions are underlined and deletions struck through
//! (both survive black-and-white printing) and carry a visually hidden "[inserted: …]" text for
//! screen readers. "Show only changed clauses" is a link to `#changes-only`, whose `:target`
//! rule hides unchanged clauses — no script needed.
//!
//! Every piece of source text reaches the templates as data and is escaped by tera's
//! autoescaping (templates end in `.html`); no raw HTML from a document ever becomes live.
//! What changed is decided elsewhere; this module only shapes it for the templates.

use super::summary::key_rows;
use super::text::Text;
use super::words::{Op, Piece};
use super::{Diff, DocDiff, Entry, Kind, Slot};
use crate::model::BlockKind;
use serde::Serialize;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

const TEMPLATES: &[(&str, &str)] = &[
    (
        "diff/base.html",
        include_str!("../../templates/diff/base.html"),
    ),
    (
        "diff/index.html",
        include_str!("../../templates/diff/index.html"),
    ),
    (
        "diff/document.html",
        include_str!("../../templates/diff/document.html"),
    ),
];

/// The embedded templates, ready to render (autoescaping on, as for every `.html` name).
pub fn templates() -> Result<Tera, String> {
    let mut t = Tera::default();
    t.add_raw_templates(TEMPLATES.iter().copied())
        .map_err(|e| format!("diff templates: {e}"))?;
    Ok(t)
}

/// A run of text in the redline: `k` is `e` (equal), `i` (inserted) or `d` (deleted).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub k: &'static str,
    pub t: String,
}

#[derive(Serialize)]
pub(crate) struct ClauseView {
    pub(crate) anchor: String,
    pub(crate) kind: &'static str,
    pub(crate) changed: bool,
    pub(crate) heading: bool,
    pub(crate) depth: usize,
    /// The number, possibly as a deletion and an insertion.
    pub(crate) num: Vec<Seg>,
    pub(crate) status: String,
    pub(crate) paras: Vec<Vec<Seg>>,
    pub(crate) notes: Vec<String>,
}

#[derive(Serialize)]
struct RowView {
    clause: String,
    kind: &'static str,
    change: String,
    anchor: String,
}

#[derive(Serialize)]
struct StaleView {
    clause: String,
    anchor: String,
    summary: String,
}

#[derive(Serialize)]
struct DocSummary {
    id: String,
    title: String,
    href: String,
    state: &'static str,
    amended: usize,
    inserted: usize,
    deleted: usize,
    moved: usize,
    renumbered: usize,
    stale: usize,
}

fn push(paras: &mut [Vec<Seg>], k: &'static str, s: &str) {
    let para = paras.last_mut().expect("a paragraph is open");
    match para.last_mut() {
        Some(last) if last.k == k => last.t.push_str(s),
        _ => para.push(Seg {
            k,
            t: s.to_string(),
        }),
    }
}

/// Append tokens of `t` as segments of kind `k`, starting new paragraphs at breaks. The space
/// before the first word of a change stays outside its `<ins>`/`<del>`.
fn tokens(paras: &mut Vec<Vec<Seg>>, t: &Text, range: std::ops::Range<usize>, k: &'static str) {
    for i in range {
        if t.is_break(i) {
            if !paras.last().is_some_and(Vec::is_empty) {
                paras.push(Vec::new());
            }
            continue;
        }
        let first = paras.last().is_none_or(Vec::is_empty);
        if t.toks[i].space && !first {
            let inside = paras
                .last()
                .and_then(|p| p.last())
                .is_some_and(|s| s.k == k);
            push(paras, if inside { k } else { "e" }, " ");
        }
        push(paras, k, t.tok(i));
    }
}

/// The redline paragraphs of a word diff.
pub fn segments(old: &Text, new: &Text, pieces: &[Piece]) -> Vec<Vec<Seg>> {
    let mut paras = vec![Vec::new()];
    for p in pieces {
        match p.op {
            Op::Equal => tokens(&mut paras, new, p.new.clone(), "e"),
            Op::Delete => tokens(&mut paras, old, p.old.clone(), "d"),
            Op::Insert => tokens(&mut paras, new, p.new.clone(), "i"),
        }
    }
    paras.retain(|p| !p.is_empty());
    paras
}

/// A whole text as segments of kind `k`: what [`tokens`] makes of all of it, built directly,
/// one segment per paragraph (every clause of a page goes through here).
fn whole(t: &Text, k: &'static str) -> Vec<Vec<Seg>> {
    let mut paras = Vec::new();
    let mut cur = String::new();
    for i in 0..t.len() {
        if t.is_break(i) {
            if !cur.is_empty() {
                paras.push(vec![Seg {
                    k,
                    t: std::mem::take(&mut cur),
                }]);
            }
            continue;
        }
        if !cur.is_empty() && t.toks[i].space {
            cur.push(' ');
        }
        cur.push_str(t.tok(i));
    }
    if !cur.is_empty() {
        paras.push(vec![Seg { k, t: cur }]);
    }
    paras
}

fn anchor(k: usize) -> String {
    format!("c{k}")
}

pub(crate) fn clause_view(d: &Diff<'_>, dd: &DocDiff, k: usize, e: &Entry) -> ClauseView {
    let old = e.old.map(|i| &d.old_doc(dd).expect("old").clauses[i]);
    let new = e.new.map(|j| &d.new_doc(dd).expect("new").clauses[j]);
    let ot = e.old.map(|i| &dd.old_text.clauses[i]);
    let nt = e.new.map(|j| &dd.new_text.clauses[j]);
    let seg = |k: &'static str, t: String| Seg { k, t };
    let num = match (old, new) {
        (Some(o), Some(n)) if o.number != n.number => vec![
            seg("d", o.number.to_string()),
            seg("e", " ".into()),
            seg("i", n.number.to_string()),
        ],
        (_, Some(n)) if e.kind == Kind::Inserted => vec![seg("i", n.number.to_string())],
        (_, Some(n)) => vec![seg("e", n.number.to_string())],
        (Some(o), None) => vec![seg("d", o.number.to_string())],
        (None, None) => Vec::new(),
    };
    let paras = match (ot, nt) {
        (Some(a), Some(b)) if e.amended => segments(a, b, &e.pieces),
        (_, Some(b)) if e.kind == Kind::Inserted => whole(b, "i"),
        (_, Some(b)) => whole(b, "e"),
        (Some(a), None) => whole(a, "d"),
        (None, None) => Vec::new(),
    };
    let status = match e.kind {
        Kind::Unchanged => String::new(),
        Kind::Inserted => "inserted".into(),
        Kind::Deleted => "deleted".into(),
        Kind::Renumbered => format!(
            "renumbered {} → {}",
            old.map(|c| c.number.to_string()).unwrap_or_default(),
            new.map(|c| c.number.to_string()).unwrap_or_default()
        ),
        Kind::Moved => format!(
            "moved from {}{}",
            old.map(|c| c.number.to_string()).unwrap_or_default(),
            if e.amended { ", amended" } else { "" }
        ),
        Kind::Amended if e.renumbered => format!(
            "amended, renumbered {} → {}",
            old.map(|c| c.number.to_string()).unwrap_or_default(),
            new.map(|c| c.number.to_string()).unwrap_or_default()
        ),
        Kind::Amended => "amended".into(),
    };
    let c = new.or(old).expect("a side");
    ClauseView {
        anchor: anchor(k),
        kind: e.kind.as_str(),
        changed: e.kind != Kind::Unchanged,
        heading: matches!(c.kind, BlockKind::Heading(_)),
        depth: c.number.depth().min(6),
        num,
        status,
        paras,
        notes: Vec::new(),
    }
}

pub(crate) fn moved_from_view(d: &Diff<'_>, dd: &DocDiff, k: usize, slot: usize) -> ClauseView {
    let e = &dd.entries[k];
    let old = e.old.map(|i| &d.old_doc(dd).expect("old").clauses[i]);
    let new = d.new_number(dd, e).unwrap_or_default();
    let paras = e
        .old
        .map(|i| whole(&dd.old_text.clauses[i], "d"))
        .unwrap_or_default();
    ClauseView {
        anchor: format!("from-{slot}"),
        kind: "moved-away",
        changed: true,
        heading: false,
        depth: old.map_or(1, |c| c.number.depth().min(6)),
        num: old
            .map(|c| {
                vec![Seg {
                    k: "d",
                    t: c.number.to_string(),
                }]
            })
            .unwrap_or_default(),
        status: format!("moved to {new}"),
        paras,
        notes: Vec::new(),
    }
}

fn document_context(d: &Diff<'_>, dd: &DocDiff) -> Context {
    let doc = d.document(dd);
    let mut clauses: Vec<ClauseView> = Vec::with_capacity(dd.slots.len());
    let mut view_of_new = vec![usize::MAX; dd.new_text.clauses.len()];
    for (s, slot) in dd.slots.iter().enumerate() {
        match *slot {
            Slot::Entry(k) => {
                let e = &dd.entries[k];
                if let Some(j) = e.new {
                    view_of_new[j] = clauses.len();
                }
                clauses.push(clause_view(d, dd, k, e));
            }
            Slot::MovedFrom(k) => clauses.push(moved_from_view(d, dd, k, s)),
        }
    }
    let mut stale = Vec::new();
    for s in d.stale.iter().filter(|s| s.document == dd.id) {
        let at = s
            .clause
            .map(|c| view_of_new[c])
            .filter(|&v| v != usize::MAX);
        if let Some(v) = at {
            clauses[v]
                .notes
                .push(format!("Stale reference: {}", s.summary));
        }
        stale.push(StaleView {
            clause: s.clause_number.clone().unwrap_or_default(),
            anchor: at.map(|v| clauses[v].anchor.clone()).unwrap_or_default(),
            summary: s.summary.clone(),
        });
    }
    let rows: Vec<RowView> = key_rows(d, dd)
        .into_iter()
        .map(|r| RowView {
            clause: r.clause,
            kind: r.kind.as_str(),
            change: r.change,
            anchor: anchor(r.entry),
        })
        .collect();
    let preamble = match &dd.preamble {
        Some(p) => segments(&dd.old_text.preamble, &dd.new_text.preamble, &p.pieces),
        None => whole(&dd.new_text.preamble, "e"),
    };
    let who = d.attribution(dd);
    let mut ctx = Context::new();
    ctx.insert("title", &doc.meta.title);
    ctx.insert("id", &dd.id);
    ctx.insert("short", &d.short(dd));
    ctx.insert("old_label", &d.old_label);
    ctx.insert("new_label", &d.new_label);
    ctx.insert("author", &who.author);
    ctx.insert("date", &who.date);
    ctx.insert("summary", &doc_summary(d, dd));
    ctx.insert("rows", &rows);
    ctx.insert("stale", &stale);
    ctx.insert("preamble", &preamble);
    ctx.insert("preamble_changed", &dd.preamble.is_some());
    ctx.insert("clauses", &clauses);
    ctx
}

/// A file name for a document id (ids are `[a-z0-9-]`; anything else becomes `-`).
pub fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() || s == "index" {
        format!("doc-{s}")
    } else {
        s
    }
}

fn doc_summary(d: &Diff<'_>, dd: &DocDiff) -> DocSummary {
    DocSummary {
        id: dd.id.clone(),
        title: d.document(dd).meta.title.clone(),
        href: format!("{}.html", file_stem(&dd.id)),
        state: match (dd.old, dd.new) {
            (None, _) => "new document",
            (_, None) => "deleted document",
            _ if dd.changed() => "changed",
            _ => "unchanged",
        },
        amended: dd.count(Kind::Amended),
        inserted: dd.count(Kind::Inserted),
        deleted: dd.count(Kind::Deleted),
        moved: dd.count(Kind::Moved),
        renumbered: dd.count(Kind::Renumbered),
        stale: d.stale.iter().filter(|s| s.document == dd.id).count(),
    }
}

/// Render one document's redline page.
pub fn render_document(t: &Tera, d: &Diff<'_>, dd: &DocDiff) -> Result<String, String> {
    t.render("diff/document.html", &document_context(d, dd))
        .map_err(|e| format!("rendering the redline of `{}`: {e}", dd.id))
}

/// Render the index page.
pub fn render_index(t: &Tera, d: &Diff<'_>) -> Result<String, String> {
    let docs: Vec<DocSummary> = d.docs.iter().map(|dd| doc_summary(d, dd)).collect();
    let mut ctx = Context::new();
    ctx.insert("old_label", &d.old_label);
    ctx.insert("new_label", &d.new_label);
    ctx.insert("docs", &docs);
    ctx.insert("stale", &d.stale.len());
    ctx.insert("council", &d.new.config.council);
    t.render("diff/index.html", &ctx)
        .map_err(|e| format!("rendering the redline index: {e}"))
}

/// Write `index.html` and one page per document into `dir`; returns the files written,
/// index first. Each page is written as soon as it is rendered, and its document's part of
/// the comparison (read again with [`Diff::recall_words`] if its words were forgotten) is
/// dropped with it.
pub fn write(mut d: Diff<'_>, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let t = templates()?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let put = |name: String, html: Result<String, String>| -> Result<PathBuf, String> {
        let p = dir.join(name);
        std::fs::write(&p, html?).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        Ok(p)
    };
    let mut written = vec![put("index.html".into(), render_index(&t, &d))?];
    // The pages need the rest of the comparison, not the other documents.
    let docs = std::mem::take(&mut d.docs);
    let d = &d;
    let pages = crate::par::map_owned(docs, |mut dd| {
        d.recall_words(&mut dd);
        put(
            format!("{}.html", file_stem(&dd.id)),
            render_document(&t, d, &dd),
        )
    });
    for p in pages {
        written.push(p?);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn whole_texts_segment_as_token_by_token_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("constitution")];
        for e in std::fs::read_dir(root.join("tests/fixtures/diff")).unwrap() {
            let p = e.unwrap().path();
            dirs.extend(
                [p.join("old"), p.join("new")]
                    .into_iter()
                    .filter(|d| d.is_dir()),
            );
        }
        let mut n = 0;
        for dir in dirs {
            let c = crate::load::load_dir(&dir).expect("fixture loads").0;
            for doc in &c.documents {
                let t = super::super::text::document(&c, doc);
                for text in t.clauses.iter().chain([&t.preamble]) {
                    for k in ["e", "i", "d"] {
                        let mut paras = vec![Vec::new()];
                        tokens(&mut paras, text, 0..text.len(), k);
                        paras.retain(|p| !p.is_empty());
                        assert_eq!(whole(text, k), paras, "{}", text.key);
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000);
    }
}
