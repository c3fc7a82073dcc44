//! `clerk diff OLD [NEW]`: tracked changes between two versions of the constitution.
//!
//! The pipeline, after [`version`] has loaded both sides:
//! 1. [`text`] reduces every clause to its words (no Markdown, number, label or wrapping);
//! 2. documents pair by id and [`align`] pairs their clauses (label, unchanged words, similar
//!    words, number, moves);
//! 3. [`diff`] gives each clause exactly one [`Kind`] and, for amended clauses, a word diff
//!    ([`words`]);
//! 4. [`stale`] finds references left citing a clause that now has another number;
//! 5. [`summary`] writes a one-line summary per change (with steps 1–3, one document pair at
//!    a time) and the key-changes table, and the output modules render them: JSON Lines ([`json_lines`]), text ([`summary::text`]),
//!    HTML ([`html`]) and Word ([`docx`]).
//!
//! # Kinds
//!
//! Each clause of either version gets exactly one kind: `inserted` (only in NEW), `deleted`
//! (only in OLD), `moved` (paired out of order), `amended` (its words changed), `renumbered`
//! (same words, another number), `unchanged`. The flags `amended`, `renumbered` and `moved` on
//! every record say everything that is true of the clause, so an amended clause that also
//! changed number is `kind: "amended"` with `renumbered: true`.
//!
//! # Memory
//!
//! Both versions stay loaded for the whole run, since pages quote them. The words of every
//! clause ([`text`]) take nearly four times the bytes of their version, so they are never all
//! held at once: each document pair is compared on its own (on every core), its summaries and
//! the clause names stale references may quote ([`stale::Wanted`]) are taken while its words
//! are at hand, and with [`Options::forget_words`] (what `clerk diff` asks for) the words go
//! with it. [`html::write`] and [`docx::write`] then read one document's words again
//! ([`Diff::recall_words`]), render it, write the file and drop that document's part of the
//! comparison before the next. References are kept only as stale references need them
//! ([`stale::Cited`]).
//!
//! This module decides kinds and owns the data, and never prints. Its edges touch the file
//! system: [`version`] reads the two versions (folders, or git revisions through [`git`]), and
//! for `--format html` and `--format docx` [`html::write`] and [`docx::write`] write the
//! redline files into the `--out` folder (default `out/diff/`). Which format, which folder,
//! and reporting what was written are the `diff` command's.

pub mod align;
pub mod docx;
pub mod git;
pub mod html;
pub mod stale;
pub mod summary;
pub mod text;
pub mod version;
pub mod words;

use crate::model::{BlockKind, Constitution, Document};
use align::{Alignment, Item};
use serde::Serialize;
use text::{DocText, Text};
use words::Piece;

/// The one kind of change of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Unchanged,
    Amended,
    Inserted,
    Deleted,
    Moved,
    Renumbered,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Unchanged => "unchanged",
            Kind::Amended => "amended",
            Kind::Inserted => "inserted",
            Kind::Deleted => "deleted",
            Kind::Moved => "moved",
            Kind::Renumbered => "renumbered",
        }
    }
}

/// One clause of either version and what happened to it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub kind: Kind,
    /// Clause index in the old document.
    pub old: Option<usize>,
    /// Clause index in the new document.
    pub new: Option<usize>,
    pub amended: bool,
    pub renumbered: bool,
    pub moved: bool,
    /// The word diff, when the words changed.
    pub pieces: Vec<Piece>,
    /// For an inserted clause: the old clause it now stands before (the next one that kept
    /// its place), as change lists name insertions.
    pub before: Option<usize>,
    pub summary: String,
}

/// A place in the reading order of a redline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// An entry, by index in [`DocDiff::entries`].
    Entry(usize),
    /// Where a moved clause used to be: the entry it moved to.
    MovedFrom(usize),
}

/// The text before the first clause, when it changed.
#[derive(Clone, Debug)]
pub struct Preamble {
    pub kind: Kind,
    pub pieces: Vec<Piece>,
    /// Its one-line summary ([`summary::preamble`]).
    pub summary: String,
}

/// One document's changes.
pub struct DocDiff {
    pub id: String,
    /// Document indices in the old and new constitutions.
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// The words of each side: empty once forgotten ([`Options::forget_words`]) until
    /// [`Diff::recall_words`] reads them again.
    pub old_text: DocText,
    pub new_text: DocText,
    pub alignment: Alignment,
    /// Every clause of either version, in reading order (new order, deletions where they were).
    pub entries: Vec<Entry>,
    pub slots: Vec<Slot>,
    pub preamble: Option<Preamble>,
    /// Whether `old_text` and `new_text` were forgotten.
    forgotten: bool,
}

impl DocDiff {
    /// Whether anything in this document changed.
    pub fn changed(&self) -> bool {
        self.preamble.is_some() || self.entries.iter().any(|e| e.kind != Kind::Unchanged)
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.entries.iter().filter(|e| e.kind == kind).count()
    }

    /// Drop both sides' words (what a comparison holds most of), keeping the changes.
    fn forget_words(&mut self) {
        self.old_text = DocText::default();
        self.new_text = DocText::default();
        self.forgotten = true;
    }
}

/// Who made the changes and when, as recorded on tracked changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    pub author: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// The default author of tracked changes when neither a flag nor git says who.
pub const DEFAULT_AUTHOR: &str = "clerk";
/// The default date when neither a flag, git nor the document's `amended:` says when.
pub const DEFAULT_DATE: &str = "1970-01-01";

/// Both versions and every change between them.
pub struct Diff<'a> {
    pub old: &'a Constitution,
    pub new: &'a Constitution,
    pub old_label: String,
    pub new_label: String,
    pub docs: Vec<DocDiff>,
    pub stale: Vec<stale::Stale>,
    /// From a flag or the NEW commit; `None` falls back per document (see [`Diff::attribution`]).
    pub author: Option<String>,
    pub date: Option<String>,
}

impl Diff<'_> {
    /// The document on whichever side has it (new first).
    pub fn document(&self, d: &DocDiff) -> &Document {
        match d.new {
            Some(i) => &self.new.documents[i],
            None => &self.old.documents[d.old.expect("a side")],
        }
    }

    /// The citation prefix of a document: its `short` form, or its id.
    pub fn short(&self, d: &DocDiff) -> String {
        let doc = self.document(d);
        doc.meta
            .short
            .clone()
            .unwrap_or_else(|| doc.meta.id.clone())
    }

    pub fn old_doc(&self, d: &DocDiff) -> Option<&Document> {
        d.old.map(|i| &self.old.documents[i])
    }

    pub fn new_doc(&self, d: &DocDiff) -> Option<&Document> {
        d.new.map(|i| &self.new.documents[i])
    }

    /// The old number of an entry's clause, as written.
    pub fn old_number(&self, d: &DocDiff, e: &Entry) -> Option<String> {
        Some(self.old_doc(d)?.clauses[e.old?].number.to_string())
    }

    pub fn new_number(&self, d: &DocDiff, e: &Entry) -> Option<String> {
        Some(self.new_doc(d)?.clauses[e.new?].number.to_string())
    }

    /// Read a document's words again when [`Options::forget_words`] dropped them, so the
    /// renderers can show it: every clause of the new version, and of the old one only what
    /// a redline shows of it — the preamble when it changed, and each clause that was amended,
    /// moved or deleted (the others are shown in their new words). Each clause read gets the
    /// same words as before.
    pub fn recall_words(&self, dd: &mut DocDiff) {
        if !dd.forgotten {
            return;
        }
        dd.new_text = doc_texts(self.new, dd.new);
        if let Some(i) = dd.old {
            let doc = &self.old.documents[i];
            let mut shown = vec![false; doc.clauses.len()];
            for e in &dd.entries {
                if let Some(i) = e.old.filter(|_| e.amended || e.moved || e.new.is_none()) {
                    shown[i] = true;
                }
            }
            let preamble = dd.preamble.is_some();
            dd.old_text = if preamble || shown.contains(&true) {
                text::some(self.old, doc, |c| c.map_or(preamble, |c| shown[c]))
            } else {
                DocText {
                    preamble: Text::default(),
                    clauses: vec![Text::default(); doc.clauses.len()],
                }
            };
        }
        dd.forgotten = false;
    }

    /// Author and date of a document's changes: flag or git first, then the new document's
    /// `amended:` date, then [`DEFAULT_AUTHOR`] and [`DEFAULT_DATE`]. Never the clock.
    pub fn attribution(&self, d: &DocDiff) -> Attribution {
        let amended = self.new_doc(d).and_then(|doc| doc.meta.amended.clone());
        Attribution {
            author: self
                .author
                .clone()
                .unwrap_or_else(|| DEFAULT_AUTHOR.to_string()),
            date: self
                .date
                .clone()
                .or(amended)
                .unwrap_or_else(|| DEFAULT_DATE.to_string()),
        }
    }
}

/// What to compare and how to label it.
#[derive(Default)]
pub struct Options {
    /// Only this document (by id); references into other documents are still followed.
    pub document: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub old_label: String,
    pub new_label: String,
    /// Forget each document's words once its changes and summaries are known, and read them
    /// again one document at a time when a page is rendered ([`Diff::recall_words`]): the
    /// words of every clause take nearly four times the bytes of their version (93 MB for
    /// two versions of 12 MB). `clerk diff` sets this; left off, every [`DocDiff`] keeps its
    /// words, for callers that look at several documents' words at once.
    pub forget_words: bool,
}

fn items<'a>(doc: Option<&'a Document>, texts: &'a DocText) -> Vec<Item<'a>> {
    let Some(doc) = doc else { return Vec::new() };
    doc.clauses
        .iter()
        .zip(&texts.clauses)
        .map(|(c, t)| Item {
            text: t,
            number: &c.number,
            label: c.label.as_ref().map(|l| l.name.as_str()),
            heading: matches!(c.kind, BlockKind::Heading(_)),
            parent: c.parent,
        })
        .collect()
}

fn doc_texts(c: &Constitution, i: Option<usize>) -> DocText {
    match i {
        Some(i) => text::document(c, &c.documents[i]),
        None => DocText::default(),
    }
}

/// Compare two versions of the constitution.
pub fn diff<'a>(old: &'a Constitution, new: &'a Constitution, opts: &Options) -> Diff<'a> {
    let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    let mut seen_old = vec![false; old.documents.len()];
    for (j, d) in new.documents.iter().enumerate() {
        let i = old.documents.iter().position(|o| o.meta.id == d.meta.id);
        if let Some(i) = i {
            seen_old[i] = true;
        }
        pairs.push((i, Some(j)));
    }
    pairs.extend(
        (0..old.documents.len())
            .filter(|&i| !seen_old[i])
            .map(|i| (Some(i), None)),
    );
    // The references of each version, kept as little as stale references need; each side's
    // resolution runs on every core.
    let old_refs = stale::cited(old, crate::refs::resolve::resolve_all(old));
    let new_refs = stale::cited(new, crate::refs::resolve::resolve_all(new));
    let wanted = stale::Wanted::new(
        old.documents.len(),
        new.documents.len(),
        &old_refs,
        &new_refs,
    );
    let mut d = Diff {
        old,
        new,
        old_label: opts.old_label.clone(),
        new_label: opts.new_label.clone(),
        docs: Vec::new(),
        stale: Vec::new(),
        author: opts.author.clone(),
        date: opts.date.clone(),
    };
    // Each document pair on its own, on every core: its words, alignment, changes and
    // summaries, and the names stale references may quote; then, when asked, its words go.
    let shown = |id: &str| opts.document.as_deref().is_none_or(|only| only == id);
    let done = crate::par::map(&pairs, |&(i, j)| {
        let mut dd = doc_diff(old, new, i, j);
        if shown(&dd.id) {
            summary::fill(&d, &mut dd);
        }
        let names = wanted.names(&dd);
        if opts.forget_words {
            dd.forget_words();
        }
        (dd, names)
    });
    let (docs, names): (Vec<DocDiff>, Vec<stale::DocNames>) = done.into_iter().unzip();
    d.docs = docs;
    d.stale = stale::find(&d, &old_refs, &new_refs, &stale::Names(names));
    if let Some(id) = &opts.document {
        d.docs.retain(|x| &x.id == id);
        d.stale.retain(|s| &s.document == id);
    }
    d
}

fn doc_diff(
    old: &Constitution,
    new: &Constitution,
    oi: Option<usize>,
    ni: Option<usize>,
) -> DocDiff {
    let od = oi.map(|i| &old.documents[i]);
    let nd = ni.map(|i| &new.documents[i]);
    let ot = doc_texts(old, oi);
    let nt = doc_texts(new, ni);
    let alignment = align::align(&items(od, &ot), &items(nd, &nt));
    let (entries, slots) = order(od, nd, &ot, &nt, &alignment);
    let preamble = match (ot.preamble.is_empty(), nt.preamble.is_empty()) {
        (true, true) => None,
        _ if ot.preamble.key == nt.preamble.key => None,
        (true, false) => Some(Kind::Inserted),
        (false, true) => Some(Kind::Deleted),
        (false, false) => Some(Kind::Amended),
    }
    .map(|kind| Preamble {
        kind,
        pieces: words::diff(&ot.preamble, &nt.preamble),
        summary: String::new(),
    });
    let id = nd.or(od).map(|d| d.meta.id.clone()).unwrap_or_default();
    DocDiff {
        id,
        old: oi,
        new: ni,
        old_text: ot,
        new_text: nt,
        alignment,
        entries,
        slots,
        preamble,
        forgotten: false,
    }
}

fn entry(
    od: Option<&Document>,
    nd: Option<&Document>,
    ot: &DocText,
    nt: &DocText,
    old: Option<usize>,
    new: Option<usize>,
    moved: bool,
) -> Entry {
    let (kind, amended, renumbered, pieces) = match (old, new) {
        (Some(i), Some(j)) => {
            let (a, b) = (&ot.clauses[i], &nt.clauses[j]);
            let amended = a.key != b.key;
            let renumbered =
                od.expect("old side").clauses[i].number != nd.expect("new side").clauses[j].number;
            let kind = if moved {
                Kind::Moved
            } else if amended {
                Kind::Amended
            } else if renumbered {
                Kind::Renumbered
            } else {
                Kind::Unchanged
            };
            let pieces = if amended {
                words::diff(a, b)
            } else {
                Vec::new()
            };
            (kind, amended, renumbered, pieces)
        }
        (None, Some(_)) => (Kind::Inserted, false, false, Vec::new()),
        _ => (Kind::Deleted, false, false, Vec::new()),
    };
    Entry {
        kind,
        old,
        new,
        amended,
        renumbered,
        moved,
        pieces,
        before: None,
        summary: String::new(),
    }
}

/// Entries in reading order: the new document's order, with each deleted clause (and the
/// place a moved clause left) after the clause that preceded it in the old document.
fn order(
    od: Option<&Document>,
    nd: Option<&Document>,
    ot: &DocText,
    nt: &DocText,
    a: &Alignment,
) -> (Vec<Entry>, Vec<Slot>) {
    let mut entries = Vec::with_capacity(a.new_to_old.len() + a.old_to_new.len() / 8);
    let mut slots = Vec::with_capacity(entries.capacity());
    // Old clauses that moved: their slot points at the new clause, resolved below.
    let mut moved_from: Vec<(usize, usize)> = Vec::new();
    let mut next_old = 0usize;
    let mut place_old =
        |i: usize, entries: &mut Vec<Entry>, slots: &mut Vec<Slot>| match a.old_to_new[i] {
            None => {
                slots.push(Slot::Entry(entries.len()));
                entries.push(entry(od, nd, ot, nt, Some(i), None, false));
            }
            Some(j) if a.moved[j] => {
                moved_from.push((slots.len(), j));
                slots.push(Slot::MovedFrom(usize::MAX));
            }
            Some(_) => {}
        };
    let mut entry_of_new = Vec::with_capacity(a.new_to_old.len());
    for (j, (&partner, &moved)) in a.new_to_old.iter().zip(&a.moved).enumerate() {
        if let (Some(i), false) = (partner, moved) {
            while next_old < i {
                place_old(next_old, &mut entries, &mut slots);
                next_old += 1;
            }
            next_old = next_old.max(i + 1);
        }
        entry_of_new.push(entries.len());
        slots.push(Slot::Entry(entries.len()));
        entries.push(entry(od, nd, ot, nt, partner, Some(j), moved));
    }
    while next_old < a.old_to_new.len() {
        place_old(next_old, &mut entries, &mut slots);
        next_old += 1;
    }
    for (slot, j) in moved_from {
        slots[slot] = Slot::MovedFrom(entry_of_new[j]);
    }
    // An insertion stands before the next clause that kept its place.
    let mut next: Option<usize> = None;
    for e in entries.iter_mut().rev() {
        match (e.old, e.new) {
            (Some(i), Some(_)) if !e.moved => next = Some(i),
            (None, Some(_)) => e.before = next,
            _ => {}
        }
    }
    (entries, slots)
}

/// One clause change as a JSON Lines record (a stable schema: add fields, never rename).
#[derive(Serialize)]
struct ChangeRec<'a> {
    document: &'a str,
    kind: Kind,
    old: Option<String>,
    new: Option<String>,
    amended: bool,
    renumbered: bool,
    moved: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    before: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    preamble: bool,
    summary: &'a str,
}

/// Every change as JSON Lines: one record per changed clause, in reading order, then one per
/// stale reference.
pub fn json_lines(d: &Diff<'_>) -> String {
    let mut out = String::new();
    for dd in &d.docs {
        if let Some(p) = &dd.preamble {
            push_json(
                &mut out,
                &ChangeRec {
                    document: &dd.id,
                    kind: p.kind,
                    old: None,
                    new: None,
                    amended: p.kind == Kind::Amended,
                    renumbered: false,
                    moved: false,
                    before: None,
                    preamble: true,
                    summary: &p.summary,
                },
            );
        }
        for e in dd.entries.iter().filter(|e| e.kind != Kind::Unchanged) {
            push_json(
                &mut out,
                &ChangeRec {
                    document: &dd.id,
                    kind: e.kind,
                    old: d.old_number(dd, e),
                    new: d.new_number(dd, e),
                    amended: e.amended,
                    renumbered: e.renumbered,
                    moved: e.moved,
                    before: e
                        .before
                        .and_then(|i| Some(d.old_doc(dd)?.clauses[i].number.to_string())),
                    preamble: false,
                    summary: &e.summary,
                },
            );
        }
    }
    for s in &d.stale {
        push_json(&mut out, &s.record());
    }
    out
}

fn push_json<T: Serialize>(out: &mut String, v: &T) {
    out.push_str(&serde_json::to_string(v).expect("plain data serialises"));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load(p: &Path) -> Constitution {
        crate::load::load_dir(p).expect("fixture loads").0
    }

    /// Forgetting the words and reading them again changes nothing anyone sees.
    #[test]
    fn forgotten_words_render_the_same_when_recalled() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut cases: Vec<(std::path::PathBuf, std::path::PathBuf)> =
            std::fs::read_dir(root.join("tests/fixtures/diff"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.join("old").is_dir())
                .map(|p| (p.join("old"), p.join("new")))
                .collect();
        cases.sort();
        cases.push((
            root.join("tests/fixtures/seeds/proposed-protocol/constitution"),
            root.join("constitution"),
        ));
        let t = html::templates().unwrap();
        for (o, n) in &cases {
            let (old, new) = (load(o), load(n));
            for document in [None, new.documents.first().map(|d| d.meta.id.clone())] {
                let opts = |forget_words| Options {
                    document: document.clone(),
                    old_label: "old".into(),
                    new_label: "new".into(),
                    forget_words,
                    ..Default::default()
                };
                let kept = diff(&old, &new, &opts(false));
                let mut lean = diff(&old, &new, &opts(true));
                assert!(lean
                    .docs
                    .iter()
                    .all(|dd| dd.old_text.clauses.is_empty() && dd.new_text.clauses.is_empty()));
                assert_eq!(json_lines(&kept), json_lines(&lean), "{}", n.display());
                assert_eq!(summary::text(&kept), summary::text(&lean));
                assert_eq!(
                    html::render_index(&t, &kept).unwrap(),
                    html::render_index(&t, &lean).unwrap()
                );
                assert_eq!(kept.docs.len(), lean.docs.len());
                // As the writers do: each document on its own, the others taken away.
                let docs = std::mem::take(&mut lean.docs);
                for (dd, mut ld) in kept.docs.iter().zip(docs) {
                    lean.recall_words(&mut ld);
                    assert_eq!(
                        html::render_document(&t, &kept, dd).unwrap(),
                        html::render_document(&t, &lean, &ld).unwrap(),
                        "{}: {}",
                        n.display(),
                        dd.id
                    );
                    let who = kept.attribution(dd);
                    assert_eq!(
                        docx::document_xml(&kept, dd, &who),
                        docx::document_xml(&lean, &ld, &who)
                    );
                }
            }
        }
    }
}
