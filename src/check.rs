//! `clerk check`: load, run every pass, and sort what they found. The command line decides
//! how to print it and what exit status it means.

use crate::diag::{self, Diagnostic};
use crate::load::{self, Fatal};
use crate::model::Constitution;
use crate::passes;
use std::path::Path;

/// A finished check: the constitution (for quoting sources) and every diagnostic, sorted.
pub struct Checked {
    pub constitution: Constitution,
    pub diagnostics: Vec<Diagnostic>,
}

/// Check an in-memory constitution, adding the diagnostics found while loading it.
pub fn check(constitution: Constitution, mut load_diags: Vec<Diagnostic>) -> Checked {
    load_diags.extend(passes::run_all(&constitution));
    diag::sort(&mut load_diags);
    Checked {
        constitution,
        diagnostics: load_diags,
    }
}

/// Load a constitution folder and check it.
pub fn check_dir(root: &Path) -> Result<Checked, Fatal> {
    let (c, d) = load::load_dir(root)?;
    Ok(check(c, d))
}
