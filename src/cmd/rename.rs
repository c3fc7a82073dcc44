//! `clerk rename`: load, plan, refuse or verify, show the diff and the places left for a
//! human, and (with `--write`) write every changed file atomically. The plan and its proof
//! are [`crate::fix::rename`]'s.

use super::Failed;
use crate::diag::Diagnostic;
use crate::fix::rename::{self, Refusal, Rename};
use crate::source::SourceFile;
use crate::terms::Index;
use std::path::{Path, PathBuf};

/// What to rename: one name, or every retired title and term of constitution.yaml.
pub enum Names {
    One { old: String, new: String },
    Retired,
}

/// What renaming did.
pub enum Renamed {
    /// The front matter or `constitution.yaml` has errors; nothing was changed.
    LoadErrors {
        diagnostics: Vec<Diagnostic>,
        files: Vec<SourceFile>,
    },
    /// The new name collides with another, or the renamed text would read differently;
    /// nothing was changed.
    Refused(String),
    /// The plan as shown, the files it changes, and the files written with `--write`.
    Planned {
        shown: String,
        files: usize,
        written: Option<Vec<PathBuf>>,
    },
}

pub fn run(dir: &Path, names: Names, write: bool) -> Result<Renamed, Failed> {
    let (c, load_diags) = super::load(dir)?;
    let load_errors = super::load_errors(&load_diags);
    if !load_errors.is_empty() {
        return Ok(Renamed::LoadErrors {
            diagnostics: load_errors,
            files: c.files,
        });
    }
    let index = Index::new(&c);
    let renames = match &names {
        Names::One { old, new } => vec![Rename::new(old, new)],
        Names::Retired => rename::retired_renames(&index),
    };
    if renames.is_empty() {
        return Ok(Renamed::Planned {
            shown: "constitution.yaml lists no retired titles or terms (`titles:` … `replaces:`); nothing to change\n".into(),
            files: 0,
            written: None,
        });
    }
    match rename::check_collisions(&c, &index, &renames) {
        Ok(()) => {}
        Err(Refusal::Invalid(why)) => return Err(Failed::Usage(why)),
        Err(Refusal::Collision(why)) => return Ok(Renamed::Refused(why)),
    }
    let plan = rename::plan(&c, &index, &renames);
    let texts = rename::new_texts(&c, &plan);
    let problems = rename::verify(&c, &renames, &texts);
    if !problems.is_empty() {
        return Ok(Renamed::Refused(problems.join("; ")));
    }
    let mut shown = String::new();
    for r in &renames {
        let when = index
            .retired
            .iter()
            .find(|x| x.old == r.old && x.new == r.new)
            .and_then(|x| x.retired.as_ref())
            .map(|d| format!(" (retired {d})"))
            .unwrap_or_default();
        shown.push_str(&format!("rename `{}` -> `{}`{when}\n", r.old, r.new));
    }
    if let Names::One { old, .. } = &names {
        let cfg = &c.files[0];
        if let Some(at) = find_word(&cfg.text, old) {
            shown.push_str(&format!(
                "note: {}:{} still names `{old}`; constitution.yaml is never rewritten, update it by hand\n",
                cfg.path,
                cfg.line_of(at)
            ));
        }
    }
    for (fid, new) in &texts {
        let f = c.file(*fid);
        shown.push_str(&crate::fix::unified(&f.path, &f.text, new));
    }
    if !plan.left.is_empty() {
        shown.push_str(&format!(
            "left as written, for you to decide ({}):\n",
            plan.left.len()
        ));
        for l in &plan.left {
            let f = c.file(l.file);
            let (line, col) = f.line_col(l.span.start);
            shown.push_str(&format!(
                "  {}:{line}:{col} `{}`: {}\n",
                f.path,
                &f.text[l.span.clone()],
                l.why
            ));
        }
    }
    if texts.is_empty() {
        shown.push_str("nothing to change\n");
        return Ok(Renamed::Planned {
            shown,
            files: 0,
            written: None,
        });
    }
    if !write {
        shown.push_str(&format!(
            "{} use(s) in {} file(s) would change; nothing was written (run with --write to apply)\n",
            plan.changed,
            texts.len()
        ));
        return Ok(Renamed::Planned {
            shown,
            files: texts.len(),
            written: None,
        });
    }
    let written = crate::fix::write_sources(dir, &c, &texts).map_err(Failed::Output)?;
    Ok(Renamed::Planned {
        shown,
        files: texts.len(),
        written: Some(written),
    })
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
