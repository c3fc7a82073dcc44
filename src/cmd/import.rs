//! `clerk import`: read Word files and text or Markdown converted from PDF, convert them into
//! constitution documents ([`crate::import`]), and write the folder. Never replaces a file
//! without `--force`; every input is read through [`crate::load::read_file`], the one reader
//! with a size limit.

use super::Failed;
use crate::diag::Diagnostic;
use crate::import::{self, Imported};
use std::path::{Path, PathBuf};

/// What `clerk import` did.
pub struct Import {
    pub imported: Imported,
    /// How many input files were read.
    pub inputs: usize,
    /// Diagnostics of the conversion and of planning the files (warnings about what was
    /// dropped, kept or could not be placed).
    pub diagnostics: Vec<Diagnostic>,
    pub written: Vec<PathBuf>,
}

/// Read `inputs`, convert them and write the documents into `out`.
pub fn run(inputs: &[PathBuf], out: &Path, force: bool) -> Result<Import, Failed> {
    let mut read = Vec::with_capacity(inputs.len());
    let mut failed = Vec::new();
    for p in inputs {
        let shown = p.display().to_string();
        match crate::load::read_file(p) {
            Ok(bytes) => read.push(import::Input { path: shown, bytes }),
            Err(d) => failed.push(d.at_path(shown, None)),
        }
    }
    let no_files = |diagnostics| Failed::Input {
        diagnostics,
        files: Vec::new(),
    };
    if !failed.is_empty() {
        return Err(no_files(failed));
    }
    let imported = import::import(&read).map_err(no_files)?;
    let (files, warnings) = import::write::plan(out, &imported, force).map_err(no_files)?;
    let mut diagnostics = imported.diagnostics.clone();
    diagnostics.extend(warnings);
    let written = import::write::write(&files).map_err(|e| Failed::Output(e.to_string()))?;
    Ok(Import {
        imported,
        inputs: read.len(),
        diagnostics,
        written,
    })
}

/// What a person is told after an import: the documents written and what to do next.
pub fn summary(i: &Import, out: &Path) -> String {
    let mut s = format!(
        "imported {} document(s) from {} file(s) into {}:\n",
        i.imported.documents.len(),
        i.inputs,
        out.display()
    );
    for d in &i.imported.documents {
        s.push_str(&format!(
            "  {:<48} {} clause(s)  \"{}\"\n",
            d.path,
            d.clauses.len(),
            d.meta.title
        ));
    }
    let unplaced = i.imported.documents.iter().any(|d| d.meta.part.is_none());
    s.push_str(&format!(
        "next: {}run `clerk check {}`\n",
        if unplaced {
            "set the `part:` of each document in part-0/, then "
        } else {
            ""
        },
        out.display()
    ));
    s
}
