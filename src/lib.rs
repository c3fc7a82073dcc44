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
//! 2. **parse** ([`frontmatter`], [`parse`]): split each file into front matter and body,
//!    recognise clauses by their numbers with [`number::ClauseNumber`], and keep the byte span of
//!    every number, label, link and run of text as the Markdown parser reported it.
//! 3. **model** ([`model`]): a [`model::Constitution`] of [`model::Document`]s made of
//!    [`model::Clause`]s, with the citation forms each document answers to.
//! 4. **passes** ([`passes`]): pure functions from the model to diagnostics — numbering,
//!    placeholders, drafting notes, references, and titles and defined terms ([`terms`]). Each returns [`diag::Diagnostic`]s as values with a
//!    stable rule code from [`rules`]; none of them prints or exits.
//! 5. **report** ([`report`]): diagnostics become rustc-style snippets or JSON Lines. Exit
//!    codes are decided once, in [`cli`].
//!
//! `main.rs` only calls [`cli::main`].

// Diagnostics travel in `Err` only on the error path, once per bad file; boxing them would
// cost every caller a `*` for no measurable gain.
#![allow(clippy::result_large_err)]

pub mod check;
pub mod cli;
pub mod diag;
pub mod fix;
pub mod frontmatter;
pub mod load;
pub mod model;
pub mod number;
pub mod parse;
pub mod passes;
pub mod refs;
pub mod report;
pub mod rules;
pub mod source;
pub mod terms;
