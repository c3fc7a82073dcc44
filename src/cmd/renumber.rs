//! `clerk renumber`: load, plan, verify, show, and (with `--write`) apply. The plan and its
//! proof are [`crate::fix::renumber`]'s; this module turns them into what a person is shown
//! and writes the files when asked.

use super::Failed;
use crate::diag::Diagnostic;
use crate::fix::renumber::{self, Choice, Options, Plan, Policy};
use crate::model::Constitution;
use crate::refs::Reference;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What `clerk renumber` was asked to do.
pub struct Request<'a> {
    pub dir: &'a Path,
    pub only: Option<String>,
    pub write: bool,
    pub policy: Option<Policy>,
    pub leave_unclear: bool,
    pub choose: &'a [String],
    pub rewrite_inferred: bool,
}

/// Why renumbering changed nothing.
pub enum Refusal {
    /// The front matter or `constitution.yaml` has errors (policies and citation forms
    /// cannot be trusted).
    LoadErrors {
        diagnostics: Vec<Diagnostic>,
        files: Vec<SourceFile>,
    },
    /// References whose meaning cannot be known, each naming how to say what it means.
    Unclear {
        diagnostics: Vec<Diagnostic>,
        files: Vec<SourceFile>,
    },
    /// Reading the renumbered text back, these references would mean something else.
    Repointed(Vec<String>),
    /// `--write` without `--rewrite-inferred` while inferred references would keep numbers
    /// that now name other clauses; `shown` is the plan as the dry run shows it.
    InferredPending { shown: String, pending: usize },
}

impl Refusal {
    /// The closing line(s) of a refusal, after any diagnostics.
    pub fn text(&self) -> String {
        match self {
            Refusal::LoadErrors { diagnostics, .. } => format!(
                "renumber refused: the front matter or constitution.yaml has {} error(s), so document policies and citation forms cannot be trusted; fix them first (nothing was changed)\n",
                diagnostics.len()
            ),
            Refusal::Unclear { diagnostics, .. } => format!(
                "renumber refused: {} reference(s) could be silently re-pointed; nothing was changed\n",
                diagnostics.len()
            ),
            Refusal::Repointed(problems) => format!(
                "renumber refused: after renumbering, references would change meaning:\n  {}\nnothing was changed\n",
                problems.join("\n  ")
            ),
            Refusal::InferredPending { shown, pending } => format!(
                "{shown}renumber refused: {pending} inferred reference(s) above would keep numbers that now name other clauses; pass --rewrite-inferred to rewrite them too, or make each an explicit citation (\"paragraph 6.3\") or plain text first; nothing was changed\n"
            ),
        }
    }
}

/// What renumbering did.
pub enum Renumbered {
    Refused(Refusal),
    /// The plan as shown (number map, references left or inferred, a diff of every file),
    /// the number of files it changes, and the files written when `--write` was given.
    Planned {
        shown: String,
        files: usize,
        written: Option<Vec<PathBuf>>,
    },
}

pub fn run(req: Request<'_>) -> Result<Renumbered, Failed> {
    let choices: Vec<Choice> = req
        .choose
        .iter()
        .map(|c| Choice::parse(c).map_err(|e| Failed::Usage(format!("--choose {c}: {e}"))))
        .collect::<Result<_, _>>()?;
    let (c, load_diags) = super::load(req.dir)?;
    let load_errors = super::load_errors(&load_diags);
    if !load_errors.is_empty() {
        return Ok(Renumbered::Refused(Refusal::LoadErrors {
            diagnostics: load_errors,
            files: c.files,
        }));
    }
    if let Some(id) = &req.only {
        if c.document(id).is_none() {
            let ids: Vec<&str> = c.documents.iter().map(|d| d.meta.id.as_str()).collect();
            return Err(Failed::Usage(format!(
                "no document with id `{id}` (documents: {})",
                ids.join(", ")
            )));
        }
    }
    let refs = crate::refs::resolve::resolve_all(&c);
    let opts = Options {
        only: req.only,
        policy: req.policy,
        leave_unclear: req.leave_unclear,
        choices,
        rewrite_inferred: req.rewrite_inferred,
    };
    let plan = match renumber::plan(&c, &refs, &opts) {
        Ok(p) => p,
        Err(diagnostics) => {
            return Ok(Renumbered::Refused(Refusal::Unclear {
                diagnostics,
                files: c.files,
            }))
        }
    };
    let unused: Vec<String> = req
        .choose
        .iter()
        .enumerate()
        .filter(|(k, _)| !plan.used_choices.contains(k))
        .map(|(_, s)| format!("--choose {s}: no ambiguous or unresolved reference starts at that place (give FILE:LINE:COLUMN as `clerk check` shows it)"))
        .collect();
    if !unused.is_empty() {
        return Err(Failed::Usage(unused.join("\nerror: ")));
    }
    let texts = renumber::new_texts(&c, &plan);
    let problems = renumber::verify(&c, &refs, &plan, &texts);
    if !problems.is_empty() {
        return Ok(Renumbered::Refused(Refusal::Repointed(problems)));
    }
    let mut shown = mappings(&c, &plan);
    shown.push_str(&left(&c, &refs, &plan));
    let (inferred, pending) = inferred(&c, &refs, &plan);
    shown.push_str(&inferred);
    if texts.is_empty() && pending == 0 {
        shown.push_str("nothing to change\n");
        return Ok(Renumbered::Planned {
            shown,
            files: 0,
            written: None,
        });
    }
    for (fid, new) in &texts {
        let f = c.file(*fid);
        shown.push_str(&crate::fix::unified(&f.path, &f.text, new));
    }
    if !req.write {
        shown.push_str(&format!(
            "{} file(s) would change; nothing was written (run with --write to apply)\n",
            texts.len()
        ));
        return Ok(Renumbered::Planned {
            shown,
            files: texts.len(),
            written: None,
        });
    }
    if pending > 0 {
        return Ok(Renumbered::Refused(Refusal::InferredPending {
            shown,
            pending,
        }));
    }
    let written = crate::fix::write_sources(req.dir, &c, &texts).map_err(Failed::Output)?;
    Ok(Renumbered::Planned {
        shown,
        files: texts.len(),
        written: Some(written),
    })
}

/// The old → new number of every clause that changes, document by document.
fn mappings(c: &Constitution, plan: &Plan) -> String {
    let mut s = String::new();
    let mut out = |t: &str| s.push_str(t);
    for (di, policy) in &plan.documents {
        let d = &c.documents[*di];
        let maps: Vec<_> = plan.mappings.iter().filter(|m| m.doc == *di).collect();
        let how = match policy {
            Policy::Draft => "draft policy: sequential",
            Policy::Adopted => "adopted policy: published numbers frozen",
        };
        if maps.is_empty() {
            out(&format!(
                "{} ({how}): numbering already in order\n",
                d.meta.id
            ));
            continue;
        }
        out(&format!(
            "{} ({how}): {} clause(s) renumbered\n",
            d.meta.id,
            maps.len()
        ));
        let f = c.file(d.file);
        for m in maps {
            let line = f.line_of(d.clauses[m.clause].number_span.start);
            out(&format!(
                "  {:>10} -> {:<10} {}:{line}\n",
                m.old.to_string(),
                m.new.to_string(),
                f.path
            ));
        }
    }
    s
}

/// The references left exactly as written (`--leave-unclear`).
fn left(c: &Constitution, refs: &[Reference], plan: &Plan) -> String {
    let mut s = String::new();
    for u in &plan.left {
        let r = &refs[u.reference];
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let (line, col) = f.line_col(r.span.start);
        s.push_str(&format!(
            "left as written: {}:{line}:{col} `{}` ({})\n",
            f.path,
            &f.text[r.span.clone()],
            u.why
        ));
    }
    s
}

/// The references found only by context whose numbers change, listed apart from the rest,
/// and how many of them are not being rewritten.
fn inferred(c: &Constitution, refs: &[Reference], plan: &Plan) -> (String, usize) {
    if plan.inferred.is_empty() {
        return (String::new(), 0);
    }
    let mut s = String::from("inferred references (bare numbers read as citations from the words around them; check each is really a reference):\n");
    for i in &plan.inferred {
        let r = &refs[i.reference];
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let (line, col) = f.line_col(r.span.start);
        let rewrites: Vec<String> = i
            .rewrites
            .iter()
            .map(|(o, n)| format!("{o} -> {n}"))
            .collect();
        let state = if i.rewritten {
            "rewritten"
        } else {
            "not rewritten without --rewrite-inferred"
        };
        s.push_str(&format!(
            "  {}:{line}:{col} `{}`: {} ({state})\n",
            f.path,
            &f.text[r.span.clone()],
            rewrites.join(", ")
        ));
    }
    (s, plan.inferred.iter().filter(|i| !i.rewritten).count())
}
