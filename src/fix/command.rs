//! The `clerk renumber` command: load, plan, verify, show, and (with `--write`) apply.
//! Printing and file writing live here so [`super::renumber`] stays pure.

use super::renumber::{self, Choice, Options, Policy};
use crate::report;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn out(s: &str) {
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// Refuse to edit sources whose front matter or `constitution.yaml` has errors: a document
/// whose front matter did not parse would be renumbered under the wrong policy (its `status`
/// unread) and its citation forms would be missing, so references to it would not follow.
/// Shared with `clerk rename`.
pub fn refuse_on_load_errors(
    c: &crate::model::Constitution,
    load: &[crate::diag::Diagnostic],
    command: &str,
) -> Option<ExitCode> {
    let errors: Vec<_> = load.iter().filter(|d| d.is_error()).cloned().collect();
    if errors.is_empty() {
        return None;
    }
    out(&report::human(&errors, &c.files, false));
    out(&format!(
        "{command} refused: the front matter or constitution.yaml has {} error(s), so document policies and citation forms cannot be trusted; fix them first (nothing was changed)\n",
        errors.len()
    ));
    Some(ExitCode::from(1))
}

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

pub fn run_renumber(req: Request<'_>) -> ExitCode {
    let choices: Result<Vec<Choice>, String> = req
        .choose
        .iter()
        .map(|c| Choice::parse(c).map_err(|e| format!("--choose {c}: {e}")))
        .collect();
    let choices = match choices {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (c, load_diags) = match crate::load::load_dir(req.dir) {
        Ok(x) => x,
        Err(fatal) => {
            eprint!("{}", report::human(&fatal.0, &fatal.1, false));
            return ExitCode::from(2);
        }
    };
    if let Some(code) = refuse_on_load_errors(&c, &load_diags, "renumber") {
        return code;
    }
    if let Some(id) = &req.only {
        if c.document(id).is_none() {
            let ids: Vec<&str> = c.documents.iter().map(|d| d.meta.id.as_str()).collect();
            eprintln!(
                "error: no document with id `{id}` (documents: {})",
                ids.join(", ")
            );
            return ExitCode::from(2);
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
        Err(diags) => {
            out(&report::human(&diags, &c.files, false));
            out(&format!("renumber refused: {} reference(s) could be silently re-pointed; nothing was changed\n", diags.len()));
            return ExitCode::from(1);
        }
    };
    let unused: Vec<&String> = req
        .choose
        .iter()
        .enumerate()
        .filter(|(k, _)| !plan.used_choices.contains(k))
        .map(|(_, s)| s)
        .collect();
    if !unused.is_empty() {
        for u in &unused {
            eprintln!("error: --choose {u}: no ambiguous or unresolved reference starts at that place (give FILE:LINE:COLUMN as `clerk check` shows it)");
        }
        return ExitCode::from(2);
    }
    let texts = renumber::new_texts(&c, &plan);
    let problems = renumber::verify(&c, &refs, &plan, &texts);
    if !problems.is_empty() {
        out(&format!("renumber refused: after renumbering, references would change meaning:\n  {}\nnothing was changed\n", problems.join("\n  ")));
        return ExitCode::from(1);
    }
    show_mappings(&c, &plan);
    show_left(&c, &refs, &plan);
    let pending = show_inferred(&c, &refs, &plan);
    if texts.is_empty() && pending == 0 {
        out("nothing to change\n");
        return ExitCode::SUCCESS;
    }
    for (fid, new) in &texts {
        let f = c.file(*fid);
        out(&crate::fix::unified(&f.path, &f.text, new));
    }
    if !req.write {
        out(&format!(
            "{} file(s) would change; nothing was written (run with --write to apply)\n",
            texts.len()
        ));
        return ExitCode::SUCCESS;
    }
    if pending > 0 {
        out(&format!("renumber refused: {pending} inferred reference(s) above would keep numbers that now name other clauses; pass --rewrite-inferred to rewrite them too, or make each an explicit citation (\"paragraph 6.3\") or plain text first; nothing was changed\n"));
        return ExitCode::from(1);
    }
    super::write_sources(req.dir, &c, &texts)
}

fn show_mappings(c: &crate::model::Constitution, plan: &renumber::Plan) {
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
}

fn show_left(
    c: &crate::model::Constitution,
    refs: &[crate::refs::Reference],
    plan: &renumber::Plan,
) {
    for u in &plan.left {
        let r = &refs[u.reference];
        let d = &c.documents[r.doc];
        let f = c.file(d.file);
        let (line, col) = f.line_col(r.span.start);
        out(&format!(
            "left as written: {}:{line}:{col} `{}` ({})\n",
            f.path,
            &f.text[r.span.clone()],
            u.why
        ));
    }
}

/// List the references found only by context whose numbers change, apart from the rest, and
/// return how many are not being rewritten.
fn show_inferred(
    c: &crate::model::Constitution,
    refs: &[crate::refs::Reference],
    plan: &renumber::Plan,
) -> usize {
    if plan.inferred.is_empty() {
        return 0;
    }
    out("inferred references (bare numbers read as citations from the words around them; check each is really a reference):\n");
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
        out(&format!(
            "  {}:{line}:{col} `{}`: {} ({state})\n",
            f.path,
            &f.text[r.span.clone()],
            rewrites.join(", ")
        ));
    }
    plan.inferred.iter().filter(|i| !i.rewritten).count()
}
