//! The constitution as clerk understands it: documents made of numbered clauses, each with
//! the byte spans it came from.
//!
//! The model is built once by [`crate::load`] and never mutated by passes; renumbering and
//! renaming produce edits against the source text instead, so the user's words are only ever
//! changed by splicing byte ranges.

use crate::config::Config;
use crate::frontmatter::{Meta, Status};
use crate::number::{ClauseNumber, Style};
use crate::source::{FileId, SourceFile, Span};

/// The whole constitution: configuration, files and documents, in sorted path order.
#[derive(Debug, Clone)]
pub struct Constitution {
    pub config: Config,
    pub files: Vec<SourceFile>,
    pub documents: Vec<Document>,
}

impl Constitution {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.meta.id == id)
    }

    /// The source text of a span of a document's file.
    pub fn text(&self, doc: &Document, span: &Span) -> &str {
        &self.file(doc.file).text[span.clone()]
    }
}

/// What kind of Markdown block a clause starts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
}

/// A stable `{#label}` on a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    /// The whole `{#…}` including braces.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub number: ClauseNumber,
    /// The number as written (without list markers' trailing dot when it is a list marker).
    pub number_span: Span,
    pub style: Style,
    pub kind: BlockKind,
    pub label: Option<Label>,
    /// From the start of the block that opens the clause to the start of the next clause.
    pub span: Span,
    /// The rest of the clause's first line after its number (a heading's title), without label.
    pub head: Span,
    /// Index of the parent clause in [`Document::clauses`], when it exists.
    pub parent: Option<usize>,
    /// The word written before the number of a headed unit ("Rule" in "Rule 5. Regular
    /// Meetings", "ARTICLE" in "ARTICLE IV"), as written.
    pub unit: Option<Span>,
}

/// A heading, numbered or not ("# Appendix D Forms" names an appendix without a number).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading's text on its line, without `#` marks.
    pub text: Span,
}

/// A Markdown link `[text](dest)` in a document body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub text: Span,
    pub dest: String,
    /// Where the destination is written, when it is an inline link.
    pub dest_span: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub file: FileId,
    pub meta: Meta,
    /// False when the front matter could not be read and `meta` holds fallbacks.
    pub meta_ok: bool,
    pub body: Span,
    pub clauses: Vec<Clause>,
    /// Runs of prose text outside links and code, merged where contiguous in the source.
    pub runs: Vec<Span>,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
}

impl Document {
    /// Index of the clause containing a byte offset, if any (text before the first clause
    /// is the preamble).
    pub fn clause_at(&self, offset: usize) -> Option<usize> {
        let i = self.clauses.partition_point(|c| c.span.start <= offset);
        (i > 0).then(|| i - 1)
    }

    /// The number of the clause containing `offset`, as reported in diagnostics.
    pub fn clause_number_at(&self, offset: usize) -> Option<String> {
        self.clause_at(offset)
            .map(|i| self.clauses[i].number.to_string())
    }

    pub fn is_adopted(&self) -> bool {
        self.meta.status == Status::Adopted
    }

    /// The unit word clause `ci` is cited by, in lower case: its own ("Section" in "Section
    /// 4.7."), else its nearest ancestor's ("rule" for 5(b) under "Rule 5."), else the one
    /// the front matter declares for the document's clauses. `text` is the document's file.
    pub fn unit_of(&self, text: &str, ci: usize) -> Option<String> {
        let mut at = Some(ci);
        while let Some(i) = at {
            if let Some(u) = &self.clauses[i].unit {
                return Some(text[u.clone()].to_ascii_lowercase());
            }
            at = self.clauses[i].parent;
        }
        self.meta.unit.as_ref().map(|u| u.to_ascii_lowercase())
    }

    /// Every unit word the document's clauses are cited by, in lower case, sorted.
    pub fn unit_words(&self, text: &str) -> Vec<String> {
        let mut words: Vec<String> = self
            .clauses
            .iter()
            .filter_map(|c| c.unit.as_ref())
            .map(|u| text[u.clone()].to_ascii_lowercase())
            .chain(self.meta.unit.iter().map(|u| u.to_ascii_lowercase()))
            .collect();
        // "Council Procedure Rule 4" is cited "Rule 4" as well.
        if words.iter().any(|w| w == "council procedure rule") {
            words.push("rule".into());
        }
        words.sort();
        words.dedup();
        words
    }
}
