//! The `clerk rename` command: load, plan, refuse or verify, show the diff and the places
//! left for a human, and (with `--write`) write every changed file atomically. Printing and
//! writing live here so [`super::rename`] stays pure.

use super::rename::{self, Refusal, Rename};
use crate::report;
use crate::terms::Index;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn out(s: &str) {
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}

/// What to rename: one name, or every retired title and term of constitution.yaml.
pub enum What {
    One { old: String, new: String },
    Retired,
}

pub fn run_rename(dir: &Path, what: What, write: bool) -> ExitCode {
    let (c, load_diags) = match crate::load::load_dir(dir) {
        Ok(x) => x,
        Err(fatal) => {
            eprint!("{}", report::human(&fatal.0, &[], false));
            return ExitCode::from(2);
        }
    };
    if let Some(code) = super::command::refuse_on_load_errors(&c, &load_diags, "rename") {
        return code;
    }
    let index = Index::new(&c);
    let renames = match &what {
        What::One { old, new } => vec![Rename::new(old, new)],
        What::Retired => rename::retired_renames(&index),
    };
    if renames.is_empty() {
        out("constitution.yaml lists no retired titles or terms (`titles:` … `replaces:`); nothing to change\n");
        return ExitCode::SUCCESS;
    }
    match rename::check_collisions(&c, &index, &renames) {
        Ok(()) => {}
        Err(Refusal::Invalid(why)) => {
            eprintln!("error: {why}");
            return ExitCode::from(2);
        }
        Err(Refusal::Collision(why)) => {
            out(&format!("rename refused: {why}\nnothing was changed\n"));
            return ExitCode::from(1);
        }
    }
    let plan = rename::plan(&c, &index, &renames);
    let texts = rename::new_texts(&c, &plan);
    let problems = rename::verify(&c, &renames, &texts);
    if !problems.is_empty() {
        out(&format!(
            "rename refused: {}\nnothing was changed\n",
            problems.join("; ")
        ));
        return ExitCode::from(1);
    }
    for r in &renames {
        let when = index
            .retired
            .iter()
            .find(|x| x.old == r.old && x.new == r.new)
            .and_then(|x| x.retired.as_ref())
            .map(|d| format!(" (retired {d})"))
            .unwrap_or_default();
        out(&format!("rename `{}` -> `{}`{when}\n", r.old, r.new));
    }
    if let What::One { old, .. } = &what {
        let cfg = &c.files[0];
        if let Some(at) = find_word(&cfg.text, old) {
            out(&format!(
                "note: {}:{} still names `{old}`; constitution.yaml is never rewritten, update it by hand\n",
                cfg.path,
                cfg.line_of(at)
            ));
        }
    }
    for (fid, new) in &texts {
        let f = c.file(*fid);
        out(&crate::fix::unified(&f.path, &f.text, new));
    }
    if !plan.left.is_empty() {
        out(&format!(
            "left as written, for you to decide ({}):\n",
            plan.left.len()
        ));
        for l in &plan.left {
            let f = c.file(l.file);
            let (line, col) = f.line_col(l.span.start);
            out(&format!(
                "  {}:{line}:{col} `{}`: {}\n",
                f.path,
                &f.text[l.span.clone()],
                l.why
            ));
        }
    }
    if texts.is_empty() {
        out("nothing to change\n");
        return ExitCode::SUCCESS;
    }
    if !write {
        out(&format!(
            "{} use(s) in {} file(s) would change; nothing was written (run with --write to apply)\n",
            plan.changed,
            texts.len()
        ));
        return ExitCode::SUCCESS;
    }
    super::write_sources(dir, &c, &texts)
}

/// Where `word` occurs in `text` as a whole word, ignoring ASCII case.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let w = word.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&w) {
        let at = from + i;
        if crate::terms::words::whole_words(text, at, at + w.len()) {
            return Some(at);
        }
        from = at + w.len().max(1);
    }
    None
}
