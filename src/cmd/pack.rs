//! `clerk pack`: a meeting's Public Document Pack. [`crate::pack`] reads the meeting file,
//! checks every report and annex and lays out the PDF and HTML in memory; this module decides
//! whether what it found allows a pack and writes it.

use super::Failed;
use crate::diag::Severity;
use crate::pack::Run;
use std::path::{Path, PathBuf};

/// What `clerk pack` was asked to do.
pub struct Request<'a> {
    pub meeting: &'a Path,
    pub out: &'a Path,
    /// Warnings count as errors (`--deny warnings`).
    pub deny_warnings: bool,
    /// Also write the generated Typst source.
    pub typst_source: bool,
}

/// What `clerk pack` did: the checks' findings (with the files they quote), and where the
/// pack was written, if it was.
pub struct Packed {
    pub run: Run,
    /// `None` when an error (or a denied warning) stopped the pack.
    pub written: Option<Vec<PathBuf>>,
}

impl Packed {
    /// Errors found; zero when only denied warnings stopped the pack.
    pub fn errors(&self) -> usize {
        self.run.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Build the pack, calling `step` as each step starts, and write it unless a finding stops it.
pub fn run(req: &Request<'_>, step: &mut dyn FnMut(crate::pack::Step)) -> Result<Packed, Failed> {
    let run = crate::pack::build(req.meeting, step).map_err(|fatal| Failed::Input {
        diagnostics: fatal.0,
        files: Vec::new(),
    })?;
    let fails = run.diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (req.deny_warnings && d.severity == Severity::Warning)
    });
    let written = match (&run.pack, fails) {
        (Some(pack), false) => Some(crate::pack::write(pack, req.out, req.typst_source).map_err(
            |e| {
                Failed::Output(format!(
                    "cannot write the pack to {}: {e}",
                    req.out.display()
                ))
            },
        )?),
        _ => None,
    };
    Ok(Packed { run, written })
}
