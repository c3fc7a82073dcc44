//! Commands: one module per `clerk` command, as mdBook keeps one per subcommand. Each takes
//! typed arguments, runs the library (load → passes → fixes or renderers), and returns a typed
//! outcome — what was found, planned or written — without printing or exiting.
//!
//! [`crate::cli`] parses the command line, calls one of these, and maps the outcome to output
//! (human text or JSON Lines) and to the exit status. Text a command shows a person (a
//! renumbering plan, a summary line) is made here, as a `String`, so the same words reach a
//! terminal, a test or a future front end.

pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod import;
pub mod init_templates;
pub mod pack;
pub mod refs;
pub mod rename;
pub mod renumber;

use crate::diag::Diagnostic;
use crate::model::Constitution;
use crate::source::SourceFile;
use std::path::Path;

/// The folder every command reads when none is given.
pub const DEFAULT_DIR: &str = "constitution";

/// Where `clerk build` writes the site when no `--out` is given.
pub const DEFAULT_SITE_DIR: &str = "out/site";

/// The templates folder `clerk build` uses when it exists, and `clerk init-templates` writes.
pub const DEFAULT_TEMPLATES_DIR: &str = "templates";

/// Where `clerk diff` writes HTML and Word output when `--out` is not given.
pub const DEFAULT_DIFF_OUT: &str = "out/diff";

/// Why a command could not run at all (the command line's exit status 2).
#[derive(Debug)]
pub enum Failed {
    /// The input cannot be used: diagnostics naming file, line and column, with the files
    /// they quote (empty when none was read as text).
    Input {
        diagnostics: Vec<Diagnostic>,
        files: Vec<SourceFile>,
    },
    /// An argument's value is wrong: `--to nosuchdoc`, `--date 2024-99-99`.
    Usage(String),
    /// Writing the output failed.
    Output(String),
    /// A template did not load or render: its file, place and tera's report.
    Template(crate::render::TemplateError),
}

impl Failed {
    fn input(diagnostics: Vec<Diagnostic>, files: Vec<SourceFile>) -> Failed {
        Failed::Input { diagnostics, files }
    }
}

/// Load a constitution folder, or say why it cannot be loaded.
pub fn load(dir: &Path) -> Result<(Constitution, Vec<Diagnostic>), Failed> {
    missing_folder(dir)?;
    crate::load::load_dir(dir).map_err(|fatal| Failed::input(fatal.0, fatal.1))
}

/// Run where there is no constitution, a command says so and how to name one, rather than
/// reporting an unreadable file at `constitution:1:1`.
pub fn missing_folder(dir: &Path) -> Result<(), Failed> {
    if std::fs::symlink_metadata(dir).is_ok() {
        return Ok(());
    }
    let here = if dir == Path::new(DEFAULT_DIR) {
        format!("no `{DEFAULT_DIR}/` folder here")
    } else {
        format!("no folder {}", dir.display())
    };
    let shown = dir.display().to_string();
    Err(Failed::input(
        vec![Diagnostic::of(crate::rules::IO_ERROR, format!("{here}: run clerk in the folder that holds the constitution, or name it with `--dir DIR`"))
            .at_path(shown, None)
            .help("`clerk import` makes a constitution folder from Word or PDF files")],
        Vec::new(),
    ))
}

/// The error diagnostics of loading (front matter, `constitution.yaml`), which a command that
/// edits sources must refuse on: a document whose front matter did not parse has no known
/// `status` (so the wrong renumbering policy) and no `short`/`long` forms (so references to it
/// would not follow).
pub fn load_errors(load: &[Diagnostic]) -> Vec<Diagnostic> {
    load.iter().filter(|d| d.is_error()).cloned().collect()
}

/// A valid calendar date written `YYYY-MM-DD`, as front matter requires; for options such as
/// `clerk diff --date`.
pub fn check_date(option: &str, value: &str) -> Result<(), Failed> {
    if crate::dates::is_date(value) {
        Ok(())
    } else {
        Err(Failed::Usage(format!(
            "{option}: `{value}` is not a date; write YYYY-MM-DD"
        )))
    }
}
