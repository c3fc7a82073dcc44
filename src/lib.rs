//! clerk compiles the constitution of a UK local council, kept as Markdown with YAML front
//! matter, into checked, cross-referenced and published documents.
//!
//! # Steps
//!
//! Every command runs the same pipeline and stops where it has what it needs:
//!
//! 1. **load** ([`load`]): walk `constitution/` in sorted order, read `constitution.yaml` and
//!    every `*.md` file. This is the only step that touches the file system on the way in;
//!    everything after it works on [`source::SourceFile`]s in memory.
//! 2. **parse** ([`config`] for `constitution.yaml`, [`frontmatter`], [`parse`]; YAML problems
//!    become diagnostics in [`yaml`], dates are checked by [`dates`]): split each file into front matter and body,
//!    recognise clauses by their numbers with [`number::ClauseNumber`], and keep the byte span of
//!    every number, label, link and run of text as the Markdown parser reported it.
//! 3. **model** ([`model`]): a [`model::Constitution`] of [`model::Document`]s made of
//!    [`model::Clause`]s, with the citation forms each document answers to.
//! 4. **passes** ([`passes`]): pure functions from the model to diagnostics — numbering,
//!    placeholders and drafting notes, cross-references ([`refs`]: a grammar of citations,
//!    resolved across all Parts with one outcome each), and titles and defined terms
//!    ([`terms`]). Each returns [`diag::Diagnostic`]s as values with a stable rule code from
//!    [`rules`], at the severity the rule declares there with the step that reports it; none
//!    of them prints or exits.
//! 5. **fixes** ([`fix`]): `clerk renumber` and `clerk rename` compute byte-range edits from
//!    the model and the resolved references, re-read the edited text to prove every reference
//!    still means the same clause, show a diff, and write only on request, atomically.
//! 6. **report** ([`report`]): diagnostics become rustc-style snippets or JSON Lines.
//! 7. **diff** ([`diff`]): `clerk diff` loads two versions (folders or git revisions), aligns
//!    their documents and clauses, and reports tracked changes and stale references as JSON
//!    Lines, text, an HTML redline or a Word document with tracked changes.
//! 8. **render** ([`render`]): `clerk build` turns a checked constitution and its resolved
//!    references into a static HTML site through user-editable templates (view structs only),
//!    in memory, then writes it out.
//! 9. **pack** ([`pack`]): a meeting's Public Document Pack — the same loading and passes run
//!    on its reports and annexes, then Typst lays out a tagged PDF and tera renders the HTML.
//!
//! `clerk import` ([`import`]) runs before step 1: it reads Word `.docx` files and text or
//! Markdown converted from PDF, splits committee packs into documents, and writes a
//! constitution folder that this pipeline then loads; it reads its own output back with
//! [`parse`] to prove every clause number survived.
//!
//! Steps that take one document at a time (reading, parsing, the numbering and drafting
//! checks, scanning for references and terms) run on every core through [`par::map`], which
//! keeps results in document order so output does not depend on the number of threads.
//!
//! Each command is a module of [`cmd`] (`cmd::check`, `cmd::renumber`, `cmd::build` …) that
//! runs these steps and returns a typed outcome — diagnostics, a plan, files written — without
//! printing. [`cli`] parses the command line, calls one, and maps its outcome to output and
//! to the exit status; exit codes are decided there and nowhere else. Reading a user's file
//! goes through [`load::read_file`] (size-limited, regular files only); writing sources
//! through [`fix::write_all`].
//!
//! `main.rs` only chooses the allocator and calls [`cli::main`].

// Diagnostics travel in `Err` only on the error path, once per bad file; boxing them would
// cost every caller a `*` for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod dates;
pub mod diag;
pub mod diff;
pub mod fix;
pub mod frontmatter;
pub mod import;
pub mod load;
pub mod model;
pub mod number;
pub mod pack;
pub mod par;
pub mod parse;
pub mod passes;
pub mod refs;
pub mod render;
pub mod report;
pub mod rules;
pub mod source;
pub mod terms;
pub mod yaml;
