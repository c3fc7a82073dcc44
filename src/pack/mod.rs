//! `clerk pack MEETING.yaml`: a committee's Public Document Pack — cover, agenda with real
//! page ranges, each item's report and annexes — as a tagged PDF (`pack.pdf`, typeset
//! in-process by Typst) and one accessible HTML page (`index.html`).
//!
//! # Steps
//!
//! 1. [`inputs`] reads the meeting file ([`meeting`], with [`date`]s), the constitution it
//!    names, each report ([`report`]) and annex file — the only file system access on the way
//!    in.
//! 2. [`checks`] runs before anything is printed: annexes numbered and referred to, no
//!    drafting defect, every reference resolved, every annex printable ([`annex`]).
//! 3. [`view`] turns checked input into plain view structs; [`pdf`] (with [`markup`] and
//!    [`world`]) lays them out and exports the PDF, reading each item's pages back from the
//!    layout; [`html`] renders the same views through the tera template.
//! 4. [`write`] puts both files in place only when everything succeeded: any error means no
//!    pack, not half of one.
//!
//! Printing diagnostics and choosing the exit status is the command line's ([`crate::cli`]).

pub mod annex;
pub mod checks;
pub mod date;
pub mod html;
pub mod inputs;
pub mod markup;
pub mod meeting;
pub mod pdf;
pub mod report;
pub mod view;
pub mod world;

use crate::diag::{self, Diagnostic};
use crate::load::Fatal;
use crate::rules;
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// A finished pack, in memory.
pub struct Pack {
    pub pdf: Vec<u8>,
    pub html: String,
    pub pages: usize,
    /// (item number, first page, last page) as laid out.
    pub ranges: Vec<(u32, usize, usize)>,
    /// The generated Typst source (for `--typst-source`).
    pub typst: String,
    /// What the typesetter warned about (`K710` warnings).
    pub warnings: Vec<Diagnostic>,
}

/// The outcome of building a pack: every file read (to quote in diagnostics), what was found,
/// and the pack when nothing was an error.
pub struct Run {
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub pack: Option<Pack>,
}

/// The steps of building a pack, for a progress line: a pack of thousands of pages spends
/// seconds in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Reading,
    Checking,
    Typesetting,
    Html,
}

impl Step {
    pub fn describe(self) -> &'static str {
        match self {
            Step::Reading => "reading the meeting, its reports and annexes",
            Step::Checking => "checking reports and annexes",
            Step::Typesetting => "typesetting the PDF",
            Step::Html => "making the HTML page",
        }
    }
}

/// Build a pack in memory, saying each step as it starts. `Err` only when the run could not
/// start (exit status 2).
pub fn build(meeting_path: &Path, step: &mut dyn FnMut(Step)) -> Result<Run, Fatal> {
    step(Step::Reading);
    let inputs = match inputs::read(meeting_path) {
        Ok(i) => i,
        Err(inputs::Failed::Fatal(f)) => return Err(f),
        Err(inputs::Failed::Meeting { files, diagnostics }) => {
            return Ok(Run {
                files,
                diagnostics,
                pack: None,
            })
        }
    };
    step(Step::Checking);
    let mut diags = inputs.diagnostics.clone();
    diags.extend(checks::run(&inputs));
    diag::sort(&mut diags);
    let mut run = Run {
        files: Vec::new(),
        diagnostics: diags,
        pack: None,
    };
    if !run.diagnostics.iter().any(Diagnostic::is_error) {
        match render(&inputs, step) {
            Ok(p) => {
                run.diagnostics.extend(p.warnings.iter().cloned());
                run.pack = Some(p);
            }
            Err(d) => run.diagnostics.push(d),
        }
    }
    run.files = inputs.constitution.files;
    Ok(run)
}

fn render(inputs: &inputs::Inputs, step: &mut dyn FnMut(Step)) -> Result<Pack, Diagnostic> {
    let failed = |path: &str, msg: String| {
        Diagnostic::of(rules::PACK_RENDER, msg).at_path(path.to_string(), None)
    };
    let mut v = view::build(inputs).map_err(|m| failed("pack", m))?;
    let day = inputs.meeting.date;
    step(Step::Typesetting);
    let rendered = pdf::render(&v, (day.year, day.month, day.day))
        .map_err(|m| failed("templates/pack/pack.typ", m))?;
    for (n, s, e) in &rendered.ranges {
        if let Some(it) = v.items.iter_mut().find(|i| i.number == *n) {
            it.pages = Some((*s, *e));
        }
    }
    step(Step::Html);
    let html = html::render(&v).map_err(|m| failed("templates/pack/index.html", m))?;
    Ok(Pack {
        pdf: rendered.pdf,
        html,
        pages: rendered.pages,
        ranges: rendered.ranges,
        typst: pdf::source(&v),
        warnings: rendered
            .warnings
            .into_iter()
            .map(|w| {
                // A typesetter's warning, not a failure: K710 says so in its text.
                let mut d = failed("templates/pack/pack.typ", w);
                d.severity = diag::Severity::Warning;
                d
            })
            .collect(),
    })
}

/// Write `pack.pdf` and `index.html` into `out`: both are staged next to their final names
/// and renamed only once both are written.
pub fn write(pack: &Pack, out: &Path, with_source: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out)?;
    let mut files: Vec<(PathBuf, &[u8])> = vec![
        (out.join("pack.pdf"), &pack.pdf),
        (out.join("index.html"), pack.html.as_bytes()),
    ];
    if with_source {
        files.push((out.join("pack.typ"), pack.typst.as_bytes()));
    }
    let staged: Vec<(PathBuf, PathBuf)> = files
        .iter()
        .map(|(p, _)| {
            let mut tmp = p.clone().into_os_string();
            tmp.push(format!(".tmp-{}", std::process::id()));
            (PathBuf::from(tmp), p.clone())
        })
        .collect();
    let result = (|| {
        for ((tmp, _), (_, bytes)) in staged.iter().zip(&files) {
            std::fs::write(tmp, bytes)?;
        }
        for (tmp, dest) in &staged {
            std::fs::rename(tmp, dest)?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result.map(|()| files.into_iter().map(|(p, _)| p).collect())
}
