//! `clerk check`: load, run every pass, and sort what they found. The command line decides
//! how to print it and what exit status it means. `clerk build` and the tests check through
//! here too, so every caller sees the same diagnostics in the same order.

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
    load_diags.extend(passes::all(&constitution));
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

/// Load a constitution folder and check it, also returning its resolved references (which
/// the check resolves anyway) for a caller that goes on to use them, like `clerk build`.
pub fn check_dir_with_refs(root: &Path) -> Result<(Checked, Vec<crate::refs::Reference>), Fatal> {
    let (c, mut diags) = load::load_dir(root)?;
    let (found, refs) = passes::all_with_references(&c);
    diags.extend(found);
    diag::sort(&mut diags);
    Ok((
        Checked {
            constitution: c,
            diagnostics: diags,
        },
        refs,
    ))
}
