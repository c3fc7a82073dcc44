//! The views templates receive, built from the model and the resolved references: the index of
//! Parts and documents, and one page per document with its contents, clauses, links and
//! "Cited by" lists.
//!
//! Views are plain `Serialize` structs owned by this module, so templates never see (or
//! depend on) the internal model. Where each clause's anchor is and what each reference
//! links to is decided here; turning Markdown into HTML is [`super::markdown`]'s job, and
//! running templates is [`super::templates`]'.
//!
//! This module holds the views themselves; the work is beside it:
//!
//! - `layout.rs`: where everything lives (page files, clause anchors, labels), what each
//!   reference links to, and who cites what;
//! - `pages.rs`: the index, glossary and document pages built from that layout.

mod layout;
mod pages;

pub use layout::{part_anchor, Layout, SiteTerms, RESERVED_IDS};

use serde::Serialize;

/// What every page knows about the constitution.
#[derive(Serialize, Debug, Clone)]
pub struct SiteView {
    pub council: String,
    pub title: String,
    /// The stylesheet's URL, relative to the page.
    pub stylesheet: String,
}

/// A link with text that makes sense on its own ("CSO 4.1").
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LinkView {
    pub text: String,
    pub href: String,
}

/// A document as listed on the index.
#[derive(Serialize, Debug, Clone)]
pub struct DocEntryView {
    pub id: String,
    pub href: String,
    pub title: String,
    pub part: String,
    pub short: Option<String>,
    pub status: &'static str,
}

/// A Part of the constitution, with the documents kept in it.
#[derive(Serialize, Debug, Clone)]
pub struct PartView {
    pub number: String,
    pub title: String,
    /// The element id of its section on the index (`part-4`).
    pub anchor: String,
    /// False when the Part is not kept in clerk (its documents are published elsewhere).
    pub kept: bool,
    pub documents: Vec<DocEntryView>,
    pub cited_by: Vec<LinkView>,
}

/// The index page.
#[derive(Serialize, Debug, Clone)]
pub struct IndexView {
    pub site: SiteView,
    pub parts: Vec<PartView>,
    /// The glossary page, when the constitution defines terms.
    pub glossary: Option<String>,
}

/// One defined term on the glossary page.
#[derive(Serialize, Debug, Clone)]
pub struct TermView {
    pub term: String,
    pub anchor: String,
    pub definition: String,
    pub defined_in: Option<LinkView>,
    pub applies_to: Option<String>,
    pub used_in: Vec<LinkView>,
}

/// The glossary page.
#[derive(Serialize, Debug, Clone)]
pub struct GlossaryView {
    pub site: SiteView,
    pub terms: Vec<TermView>,
}

/// One entry of a document's contents list.
#[derive(Serialize, Debug, Clone)]
pub struct ContentsView {
    pub href: String,
    pub number: String,
    pub title: String,
}

/// One clause.
#[derive(Serialize, Debug, Clone)]
pub struct ClauseView {
    /// Its element id, `cso-16.1.3`; the page URL plus `#` and this addresses it.
    pub anchor: String,
    pub number: String,
    /// How it is cited: "CSO 16.1.3".
    pub cite: String,
    /// 1 for a section, 2 for 1.1, …
    pub depth: usize,
    /// The heading level (2–6) when the clause opens with a heading, else none.
    pub heading: Option<u8>,
    /// `{#label}`s, as extra element ids.
    pub labels: Vec<String>,
    /// The opening block's inline HTML, without the number.
    pub lead_html: String,
    /// The rest of the clause as block HTML.
    pub body_html: String,
    pub cited_by: Vec<LinkView>,
}

/// What a document page shows about its document.
#[derive(Serialize, Debug, Clone)]
pub struct DocView {
    pub id: String,
    pub title: String,
    pub part: String,
    pub part_title: Option<String>,
    /// The Part's section on the index.
    pub part_href: String,
    pub short: Option<String>,
    /// How its clauses are cited before their number: the short form, else the title.
    pub cite_name: String,
    pub status: &'static str,
    pub adopted: Option<String>,
    pub amended: Option<String>,
    pub preamble_html: String,
    pub contents: Vec<ContentsView>,
    pub clauses: Vec<ClauseView>,
    pub cited_by: Vec<LinkView>,
}

/// A document page.
#[derive(Serialize, Debug, Clone)]
pub struct DocumentView {
    pub site: SiteView,
    pub doc: DocView,
}
