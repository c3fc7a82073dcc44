//! The checks of the `titles:` and `terms:` sections of `constitution.yaml` that need the
//! documents: a contradictory or dangling entry becomes a `T604` diagnostic with the line and
//! column of the entry, because a pointer such as `member-officer-protocol:1` can only be
//! checked once the documents are loaded.
//!
//! The sections' shapes, and their parsing with the rest of the file (the `F102` diagnostics
//! for malformed YAML, unknown keys and wrong types), are [`crate::config::terms`]'s.

use crate::config::terms::Retired;
use crate::dates::is_date;
use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::number::ClauseNumber;
use crate::rules;
use crate::source::{FileId, Span};
use crate::yaml::yaml_span;
use serde_saphyr::Spanned;

/// A `doc:clause` pointer, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    pub doc: usize,
    pub clause: usize,
}

/// Resolve `member-officer-protocol:1.1` to a document and clause index.
pub fn resolve_pointer(c: &Constitution, s: &str) -> Result<Pointer, String> {
    let (id, num) = s.split_once(':').ok_or_else(|| {
        format!(
            "`{s}` is not a clause: write `document-id:clause`, e.g. `member-officer-protocol:1`"
        )
    })?;
    let doc = c
        .documents
        .iter()
        .position(|d| d.meta.id == id.trim())
        .ok_or_else(|| format!("no document with id `{}`", id.trim()))?;
    let number = ClauseNumber::parse(num.trim())
        .ok_or_else(|| format!("`{}` is not a clause number", num.trim()))?;
    let clause = c.documents[doc]
        .clauses
        .iter()
        .position(|cl| cl.number == number)
        .ok_or_else(|| format!("`{id}` has no clause {num}"))?;
    Ok(Pointer { doc, clause })
}

/// Where a spanned YAML value is in `constitution.yaml`.
pub fn span(c: &Constitution, v: &Spanned<String>) -> Span {
    yaml_span(&c.files[0], &v.referenced)
}

fn diag(c: &Constitution, at: Span, msg: String, help: &str) -> Diagnostic {
    Diagnostic::of(rules::TERMS_CONFIG, msg)
        .at(FileId::CONFIG, &c.files[0].path, at)
        .help(help)
}

/// Every declared name with where it is written, for duplicate detection.
struct Named<'a> {
    text: &'a Spanned<String>,
    what: &'static str,
}

/// Check the meaning of `titles:` and `terms:`: names not empty, dates real, pointers that
/// name a clause, and no name declared twice (as current and retired, or as two things).
pub fn validate(c: &Constitution) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut names: Vec<Named<'_>> = Vec::new();
    let retired_ok = |r: &Retired, out: &mut Vec<Diagnostic>| {
        if let Some(d) = &r.retired {
            if !is_date(&d.value) {
                out.push(diag(
                    c,
                    span(c, d),
                    format!("`{}` is not a date", d.value),
                    "write dates as YYYY-MM-DD, e.g. 2024-02-27",
                ));
            }
        }
    };
    for t in &c.config.titles {
        names.push(Named {
            text: &t.current,
            what: "a current title",
        });
        for r in &t.replaces {
            names.push(Named {
                text: &r.title,
                what: "a retired title",
            });
            retired_ok(r, &mut out);
        }
    }
    for t in &c.config.terms.defined {
        names.push(Named {
            text: &t.term,
            what: "a defined term",
        });
        for r in &t.replaces {
            names.push(Named {
                text: &r.title,
                what: "a retired term",
            });
            retired_ok(r, &mut out);
        }
        if let Some(at) = &t.at {
            if let Err(e) = resolve_pointer(c, &at.value) {
                out.push(diag(
                    c,
                    span(c, at),
                    format!("`at: {}`: {e}", at.value),
                    "point at the clause that defines the term, e.g. `cso:5.3`",
                ));
            }
        }
    }
    for p in &c.config.terms.definitions {
        if let Err(e) = resolve_pointer(c, &p.value) {
            out.push(diag(
                c,
                span(c, p),
                format!("definitions: {e}"),
                "list Definitions clauses as `document-id:clause`, e.g. `member-officer-protocol:1`",
            ));
        }
    }
    let mut seen: rustc_hash::FxHashMap<String, &Named<'_>> = Default::default();
    for n in &names {
        let key = n.text.value.trim().to_lowercase();
        if key.is_empty() {
            out.push(diag(
                c,
                span(c, n.text),
                format!("{} is empty", n.what),
                "write the title or term as it appears in the text",
            ));
            continue;
        }
        if let Some(first) = seen.get(&key) {
            let (line, _) = c.files[0].line_col(span(c, first.text).start);
            out.push(diag(
                c,
                span(c, n.text),
                format!(
                    "`{}` is declared as {} and, on line {line}, as {}",
                    n.text.value, n.what, first.what
                ),
                "declare each title or term once: a title cannot be both current and retired",
            ));
        } else {
            seen.insert(key, n);
        }
    }
    out
}
