//! Defined terms and role titles, kept once for the whole constitution.
//!
//! [`Index::new`] gathers, once per run, everything the constitution says about names: the
//! current and retired titles of `titles:`, the terms of `terms:`, and the definitions
//! written in the documents ([`define`]). It builds one [`matcher::Matcher`] over all of
//! them, so finding every use in a document is a single Aho-Corasick pass over its prose
//! ([`Index::scan`]).
//!
//! Diagnostics are made in [`crate::passes::terms`]; `clerk rename` is in
//! [`crate::fix::rename`]; the site's term links and glossary are in [`site`]. This module
//! never prints or writes.
//!
//! # Scope
//!
//! A definition written in a document applies to that document (Definitions clauses say
//! "references in this Protocol…"). A definition in a clause listed under
//! `terms.definitions`, or a term declared in `terms.defined`, applies to the whole
//! constitution.

pub mod capitalised;
pub mod config;
pub mod define;
pub mod matcher;
pub mod site;
pub mod words;

use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::source::{FileId, Span};
use matcher::{CaseRule, Form, Hit, Matcher, Role};

/// Where a definition applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The document it is written in (index into the constitution's documents).
    Document(usize),
    Constitution,
}

/// A defined term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    pub term: String,
    pub plural: Option<String>,
    pub scope: Scope,
    /// Where it is written: a document's text, or `constitution.yaml`.
    pub file: FileId,
    /// The term as written in the definition (or the `term:` value in `constitution.yaml`).
    pub span: Span,
    /// The whole definition in the text, when it is written in a document: uses inside it
    /// are not uses.
    pub entry: Option<Span>,
    /// The document and clause that define it, when the text does.
    pub doc: Option<usize>,
    pub clause: Option<usize>,
    /// What `constitution.yaml` says the term means (`means:`), for a term declared there.
    pub means: Option<String>,
}

impl Definition {
    /// The definition as plain text, for a glossary: its entry in the document, or the
    /// `means:` of `constitution.yaml`. (Made when asked: `clerk check` never needs it.)
    pub fn text(&self, c: &Constitution) -> String {
        match &self.entry {
            Some(e) => define::plain_text(&c.file(self.file).text, e),
            None => self.means.clone().unwrap_or_default(),
        }
    }
}

/// A title or term that is no longer used, and what replaced it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retirement {
    pub old: String,
    pub old_plural: Option<String>,
    pub new: String,
    pub new_plural: Option<String>,
    pub retired: Option<String>,
    /// Where `constitution.yaml` declares it.
    pub decl: Span,
    /// `"title"` or `"term"`.
    pub kind: &'static str,
}

/// Every name the constitution knows, and the automaton that finds them.
pub struct Index {
    pub definitions: Vec<Definition>,
    pub retired: Vec<Retirement>,
    /// Current titles, as declared.
    pub current: Vec<String>,
    /// Phrases `except:`ed from retired titles.
    pub except: Vec<String>,
    /// `terms.allow`, normalised with [`capitalised::key`].
    pub allow: rustc_hash::FxHashSet<String>,
    pub matcher: Matcher,
    /// Problems with `titles:` and `terms:` (T604).
    pub problems: Vec<Diagnostic>,
}

/// Uses found in one document.
#[derive(Debug, Default)]
pub struct DocScan {
    /// In prose, in order.
    pub prose: Vec<Hit>,
    /// In the text of links (`[Head of Legal Services](…)`), in order.
    pub links: Vec<Hit>,
    /// Defined terms written in another case, which do not count as uses.
    pub near: Vec<(Span, Role)>,
}

fn forms_of(
    text: &str,
    plural: Option<&str>,
    role: Role,
    case: CaseRule,
    only_in: Option<usize>,
    out: &mut Vec<Form>,
) {
    let only_in = only_in.map(|d| d as u32);
    out.push(Form {
        text: text.to_string(),
        role,
        plural: false,
        case,
        only_in,
    });
    let p = plural.map(str::to_string).or_else(|| words::plural(text));
    if let Some(p) = p.filter(|p| p != text) {
        out.push(Form {
            text: p,
            role,
            plural: true,
            case,
            only_in,
        });
    }
}

impl Index {
    pub fn new(c: &Constitution) -> Index {
        let reader = DefinitionReader::new(c);
        let per_doc = crate::par::map_indices(c.documents.len(), |di| reader.document(c, di));
        Index::from_documents(c, per_doc)
    }

    /// [`Index::new`] from the definitions [`DefinitionReader::document`] read out of each
    /// document (in document order), for a caller that reads them alongside other work.
    pub fn from_documents(c: &Constitution, per_doc: Vec<Vec<Definition>>) -> Index {
        let problems = config::validate(c);
        let cfg = &c.config;
        let mut retired = Vec::new();
        let mut except = Vec::new();
        let mut current = Vec::new();
        let mut retire =
            |r: &crate::config::terms::Retired, new: &str, new_plural: Option<&String>, kind| {
                except.extend(r.except.iter().cloned());
                retired.push(Retirement {
                    old: r.title.value.trim().to_string(),
                    old_plural: r.plural.clone(),
                    new: new.trim().to_string(),
                    new_plural: new_plural.cloned(),
                    retired: r.retired.as_ref().map(|d| d.value.clone()),
                    decl: config::span(c, &r.title),
                    kind,
                });
            };
        for t in &cfg.titles {
            current.push(t.current.value.trim().to_string());
            for r in &t.replaces {
                retire(r, &t.current.value, t.plural.as_ref(), "title");
            }
        }
        for t in &cfg.terms.defined {
            for r in &t.replaces {
                retire(r, &t.term.value, t.plural.as_ref(), "term");
            }
        }
        let definitions = with_declared(c, per_doc.into_iter().flatten().collect());
        let mut forms = Vec::new();
        for (i, r) in retired.iter().enumerate() {
            forms_of(
                &r.old,
                r.old_plural.as_deref(),
                Role::Retired(i as u32),
                CaseRule::Any,
                None,
                &mut forms,
            );
        }
        for (i, t) in cfg.titles.iter().enumerate() {
            forms_of(
                t.current.value.trim(),
                t.plural.as_deref(),
                Role::Current(i as u32),
                CaseRule::Any,
                None,
                &mut forms,
            );
        }
        for e in &except {
            forms_of(
                e.trim(),
                None,
                Role::Shield,
                CaseRule::Any,
                None,
                &mut forms,
            );
        }
        for (i, d) in definitions.iter().enumerate() {
            forms_of(
                &d.term,
                d.plural.as_deref(),
                Role::Term(i as u32),
                CaseRule::AsWritten,
                match d.scope {
                    Scope::Document(di) => Some(di),
                    Scope::Constitution => None,
                },
                &mut forms,
            );
        }
        let allow = cfg
            .terms
            .allow
            .iter()
            .map(|a| capitalised::key(a))
            .collect();
        Index {
            definitions,
            retired,
            current,
            except,
            allow,
            matcher: Matcher::new(forms),
            problems,
        }
    }

    /// Whether definition `i` applies in document `doc`.
    pub fn applies(&self, i: usize, doc: usize) -> bool {
        match self.definitions[i].scope {
            Scope::Constitution => true,
            Scope::Document(d) => d == doc,
        }
    }

    /// Every use of every name in a document: its prose runs and link texts.
    pub fn scan(&self, c: &Constitution, doc: usize) -> DocScan {
        let d = &c.documents[doc];
        self.matcher.scan_document(
            &c.file(d.file).text,
            &d.runs,
            d.links.iter().map(|l| l.text.clone()),
            Some(doc),
        )
    }

    /// The definition a hit uses in `doc`, if it is a use of a term defined for `doc` and not
    /// part of that term's own definition.
    pub fn term_use(&self, hit: &Hit, doc: usize) -> Option<usize> {
        hit.roles.iter().find_map(|r| match r.role {
            Role::Term(i) => {
                let i = i as usize;
                let d = &self.definitions[i];
                let inside = d.doc == Some(doc)
                    && d.entry
                        .as_ref()
                        .is_some_and(|e| e.start <= hit.span.start && hit.span.end <= e.end);
                (self.applies(i, doc) && !inside).then_some(i)
            }
            _ => None,
        })
    }
}

/// Reads the definitions written in each document: its Definitions clauses, and the clauses
/// `terms.definitions` points at (whose terms apply to the whole constitution). Documents
/// are read one at a time, on any thread; [`Index::from_documents`] puts them together.
pub struct DefinitionReader {
    pointed: Vec<config::Pointer>,
}

impl DefinitionReader {
    pub fn new(c: &Constitution) -> DefinitionReader {
        let pointed = c
            .config
            .terms
            .definitions
            .iter()
            .filter_map(|p| config::resolve_pointer(c, &p.value).ok())
            .collect();
        DefinitionReader { pointed }
    }

    /// The definitions written in document `di`.
    pub fn document(&self, c: &Constitution, di: usize) -> Vec<Definition> {
        let doc = &c.documents[di];
        let text = &c.file(doc.file).text;
        let extra: Vec<usize> = self
            .pointed
            .iter()
            .filter(|p| p.doc == di)
            .map(|p| p.clause)
            .collect();
        let wide: Vec<Span> = extra
            .iter()
            .map(|&ci| doc.clauses[ci].span.start..define::subtree_end(doc, ci))
            .collect();
        define::read(text, doc, &extra)
            .into_iter()
            .map(|f| {
                let scope = if wide.iter().any(|w| w.contains(&f.term_span.start)) {
                    Scope::Constitution
                } else {
                    Scope::Document(di)
                };
                Definition {
                    means: None,
                    term: f.term,
                    plural: None,
                    scope,
                    file: doc.file,
                    span: f.term_span,
                    entry: Some(f.entry),
                    doc: Some(di),
                    clause: f.clause,
                }
            })
            .collect()
    }
}

/// Every definition: those read from the documents' text (`out`), then `terms.defined`.
fn with_declared(c: &Constitution, mut out: Vec<Definition>) -> Vec<Definition> {
    for t in &c.config.terms.defined {
        let name = t.term.value.trim();
        let mut found = false;
        for d in out
            .iter_mut()
            .filter(|d| d.file != FileId::CONFIG && d.term.eq_ignore_ascii_case(name))
        {
            d.scope = Scope::Constitution;
            d.plural = t.plural.clone().or(d.plural.take());
            found = true;
        }
        if found {
            continue;
        }
        let at =
            t.at.as_ref()
                .and_then(|a| config::resolve_pointer(c, &a.value).ok());
        out.push(Definition {
            term: name.to_string(),
            plural: t.plural.clone(),
            scope: Scope::Constitution,
            file: FileId::CONFIG,
            span: config::span(c, &t.term),
            entry: None,
            doc: at.map(|p| p.doc),
            clause: at.map(|p| p.clause),
            means: t.means.clone(),
        });
    }
    out
}
