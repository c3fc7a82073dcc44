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

pub fn run_renumber(
    dir: &Path,
    only: Option<String>,
    write: bool,
    policy: Option<Policy>,
    leave_unclear: bool,
    choose: &[String],
) -> ExitCode {
    let choices: Result<Vec<Choice>, String> = choose
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
    let c = match crate::cli::load_or_report(dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(id) = &only {
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
        only,
        policy,
        leave_unclear,
        choices,
    };
    let plan = match renumber::plan(&c, &refs, &opts) {
        Ok(p) => p,
        Err(diags) => {
            out(&report::human(&diags, &c.files, false));
            out(&format!("renumber refused: {} reference(s) could be silently re-pointed; nothing was changed\n", diags.len()));
            return ExitCode::from(1);
        }
    };
    let texts = renumber::new_texts(&c, &plan);
    let problems = renumber::verify(&c, &refs, &texts);
    if !problems.is_empty() {
        out(&format!("renumber refused: after renumbering, references would change meaning:\n  {}\nnothing was changed\n", problems.join("\n  ")));
        return ExitCode::from(1);
    }
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
    if texts.is_empty() {
        out("nothing to change\n");
        return ExitCode::SUCCESS;
    }
    for (fid, new) in &texts {
        let f = c.file(*fid);
        out(&crate::fix::unified(&f.path, &f.text, new));
    }
    if !write {
        out(&format!(
            "{} file(s) would change; nothing was written (run with --write to apply)\n",
            texts.len()
        ));
        return ExitCode::SUCCESS;
    }
    super::write_sources(dir, &c, &texts)
}
