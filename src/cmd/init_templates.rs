//! `clerk init-templates`: write the built-in templates into a folder, for a council to change
//! the site's look. [`crate::render::templates`] owns the templates.

use super::Failed;
use std::path::{Path, PathBuf};

/// Write the default templates into `dir`; the files written.
pub fn run(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Failed> {
    crate::render::templates::write_defaults(dir, force).map_err(Failed::Output)
}
