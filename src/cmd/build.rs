//! `clerk build`: check, then render the constitution as an HTML site and write it. Refuses
//! when the check finds errors unless a preview is asked for (`--allow-errors`).
//! [`crate::render`] makes the pages in memory; [`crate::render::Site::write`] writes them.

use super::{check, Failed, DEFAULT_TEMPLATES_DIR};
use crate::diag::{Diagnostic, Severity};
use crate::source::SourceFile;
use std::path::{Path, PathBuf};

/// What `clerk build` was asked to do.
pub struct Request<'a> {
    pub dir: &'a Path,
    pub out: &'a Path,
    /// Templates overriding the built-in ones; `./templates` when it exists and none is given.
    pub templates: Option<&'a Path>,
    pub allow_errors: bool,
}

/// What `clerk build` did.
pub enum Built {
    /// The check found errors and no preview was asked for: nothing was written.
    Refused {
        errors: Vec<Diagnostic>,
        files: Vec<SourceFile>,
    },
    /// The site was written.
    Written {
        pages: usize,
        documents: usize,
        errors: usize,
        warnings: usize,
    },
}

/// Check, render and write; `progress(done, total)` is called as pages are made.
pub fn run(req: &Request<'_>, progress: &mut dyn FnMut(usize, usize)) -> Result<Built, Failed> {
    super::missing_folder(req.dir)?;
    let (c, mut diags) = crate::load::load_dir(req.dir).map_err(|f| Failed::Input {
        diagnostics: f.0,
        files: f.1,
    })?;
    // The check ([`check::check_dir_with_refs`]) and the site's term work share nothing but
    // the constitution: run side by side, each keeps the other's core busy through its
    // one-thread steps. (A refused build has done the term work for nothing.)
    let ((found, refs), terms) = crate::par::join(
        || crate::passes::all_with_references(&c),
        || crate::render::site::SiteTerms::new(&c),
    );
    diags.extend(found);
    crate::diag::sort(&mut diags);
    let checked = check::Checked {
        constitution: c,
        diagnostics: diags,
    };
    let c = &checked.constitution;
    let diags = &checked.diagnostics;
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    if !errors.is_empty() && !req.allow_errors {
        return Ok(Built::Refused {
            errors,
            files: checked.constitution.files,
        });
    }
    let templates = match req.templates {
        Some(t) if !t.is_dir() => {
            return Err(Failed::Usage(format!(
                "--templates: {} is not a folder",
                t.display()
            )))
        }
        Some(t) => Some(t.to_path_buf()),
        None => Some(PathBuf::from(DEFAULT_TEMPLATES_DIR)).filter(|p| p.is_dir()),
    };
    let templates =
        crate::render::Templates::load(templates.as_deref()).map_err(Failed::Template)?;
    let site = crate::render::render_site_with(c, &refs, terms, &templates, progress)
        .map_err(Failed::Template)?;
    site.write(req.out).map_err(|e| {
        Failed::Output(format!(
            "cannot write the site to {}: {e}",
            req.out.display()
        ))
    })?;
    Ok(Built::Written {
        pages: site.pages,
        documents: c.documents.len(),
        errors: errors.len(),
        warnings: diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
    })
}
