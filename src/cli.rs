//! The command line: parse arguments, call the library, print, and choose the exit status.
//!
//! Exit status is decided here and only here: 0 when no errors were found, 1 when errors
//! were found (or warnings with `--deny warnings`), 2 when the run itself failed (bad
//! arguments, a folder that is not a constitution).

use crate::check;
use crate::diag::Severity;
use crate::report;
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The folder every command reads when none is given.
pub const DEFAULT_DIR: &str = "constitution";

/// Where `clerk build` writes the site when no `--out` is given.
pub const DEFAULT_SITE_DIR: &str = "out/site";

/// The templates folder `clerk build` uses when it exists, and `clerk init-templates` writes.
pub const DEFAULT_TEMPLATES_DIR: &str = "templates";

#[derive(Parser, Debug)]
#[command(
    name = "clerk",
    version,
    about = "A document compiler for council constitutions"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PolicyArg {
    Draft,
    Adopted,
}

/// Output formats of `clerk diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A redline page per document and an index, into `--out` (default `out/diff/`).
    Html,
    /// JSON Lines on stdout: one record per changed clause, then one per stale reference.
    Json,
    /// A Word document per changed document with tracked changes, into `--out`.
    Docx,
    /// A summary for the terminal.
    Text,
}

/// Where `clerk diff` writes HTML and Word output when `--out` is not given.
pub const DEFAULT_DIFF_OUT: &str = "out/diff";

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the constitution: numbering, placeholders, drafting notes, front matter.
    Check {
        /// The constitution folder.
        #[arg(default_value = DEFAULT_DIR)]
        dir: PathBuf,
        /// Output format: rustc-style text, or JSON Lines (one diagnostic per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also fail (exit 1) on warnings.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// List every cross-reference with what it resolved to.
    Refs {
        /// The constitution folder.
        #[arg(default_value = DEFAULT_DIR)]
        dir: PathBuf,
        /// Output format: a table, or JSON Lines (one reference per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Only references that cite this document or clause: `cso`, `cso:16` (includes 16.1.3).
        #[arg(long, value_name = "DOC[:CLAUSE]")]
        to: Option<String>,
    },
    /// Renumber clauses and rewrite every reference to them. Shows the change; --write applies it.
    Renumber {
        /// Only this document (its id); references to it from other documents still follow.
        document: Option<String>,
        /// The constitution folder.
        #[arg(long, default_value = DEFAULT_DIR)]
        dir: PathBuf,
        /// Apply the change (atomically, file by file after all are staged).
        #[arg(long)]
        write: bool,
        /// Renumbering policy; by default each document's status chooses (draft: sequential,
        /// adopted: frozen numbers with suffixes such as 4A for inserted clauses).
        #[arg(long, value_enum)]
        policy: Option<PolicyArg>,
        /// Keep references whose meaning cannot be known exactly as written, and list them.
        #[arg(long)]
        leave_unclear: bool,
        /// Say which clause an ambiguous reference means: FILE:LINE:COLUMN=N picks the Nth
        /// clause carrying the number it cites. May be repeated.
        #[arg(long, value_name = "FILE:LINE:COLUMN=N")]
        choose: Vec<String>,
        /// Also rewrite references found only by context (bare numbers such as "as set out in
        /// 6.3 above"); without it they are listed and `--write` refuses while any would change.
        #[arg(long)]
        rewrite_inferred: bool,
    },
    /// Tracked changes between two versions: clause by clause, word by word, with stale
    /// references. Each side is a folder or a git revision (`v1.0`, `main~2`, `REV:folder`).
    Diff {
        /// The old version: a constitution folder or a git revision.
        old: String,
        /// The new version (default: the working tree's `constitution/`).
        new: Option<String>,
        /// Only this document (by id).
        #[arg(long, value_name = "ID")]
        document: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Html)]
        format: DiffFormat,
        /// Output folder for `html` and `docx`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Author of the tracked changes (default: the NEW commit's author, else "clerk").
        #[arg(long)]
        author: Option<String>,
        /// Date of the tracked changes, YYYY-MM-DD (default: the NEW commit's date, else the
        /// document's `amended:` date, else 1970-01-01; never today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The constitution folder inside the repository, for sides that are revisions.
        #[arg(long, value_name = "FOLDER")]
        path: Option<String>,
    },
    /// Import Word (.docx) files and text or Markdown converted from PDF into a constitution
    /// folder: one Markdown file per document, split out of committee packs.
    Import {
        /// Files to import: .docx, or text/Markdown (.txt, .md) converted from PDF.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The constitution folder to write into (created when missing).
        #[arg(long)]
        out: PathBuf,
        /// Replace documents that already exist in the folder (constitution.yaml is never replaced).
        #[arg(long)]
        force: bool,
        /// Output format: rustc-style text, or JSON Lines (one diagnostic per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build a meeting's Public Document Pack: pack.pdf (tagged PDF) and index.html.
    Pack {
        /// The meeting file, e.g. meetings/2024-02-27-crwp.yaml.
        meeting: PathBuf,
        /// Where to write pack.pdf and index.html.
        #[arg(long, default_value = "out/pack")]
        out: PathBuf,
        /// Output format for diagnostics: rustc-style text, or JSON Lines.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also fail (exit 1) on warnings.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Also write the generated Typst source (pack.typ), for template work.
        #[arg(long, hide = true)]
        typst_source: bool,
    },
    /// Rename a title or term everywhere (or, with --retired, every retired title). Shows the
    /// change and the places left for you; --write applies it.
    Rename {
        /// The title or term to replace, as written ("Strategic Procurement Manager").
        #[arg(required_unless_present = "retired", conflicts_with = "retired")]
        old: Option<String>,
        /// The new title or term ("Head of Procurement").
        #[arg(required_unless_present = "retired", conflicts_with = "retired")]
        new: Option<String>,
        /// Replace every retired title and term listed in constitution.yaml by its successor.
        #[arg(long)]
        retired: bool,
        /// The constitution folder.
        #[arg(long, default_value = DEFAULT_DIR)]
        dir: PathBuf,
        /// Apply the change (atomically, file by file after all are staged).
        #[arg(long)]
        write: bool,
    },
    /// Explain a rule: what it finds, why it matters, an example. Without CODE, list rules.
    Explain {
        /// A rule code (N201) or name (numbering-gap).
        code: Option<String>,
    },
    /// Check the constitution, then build it as an HTML site (refuses when check finds errors).
    Build {
        /// The constitution folder.
        #[arg(default_value = DEFAULT_DIR)]
        dir: PathBuf,
        /// Where to write the site.
        #[arg(long, default_value = DEFAULT_SITE_DIR)]
        out: PathBuf,
        /// Templates overriding the built-in ones, file by file [default: ./templates when it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Build even when check finds errors (a preview of a draft); unresolved references stay plain text.
        #[arg(long)]
        allow_errors: bool,
        /// Print nothing but errors: no progress, no summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Write the built-in templates into a folder for editing.
    InitTemplates {
        /// Where to write them.
        #[arg(default_value = DEFAULT_TEMPLATES_DIR)]
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Run clerk with the process's arguments.
pub fn main() -> ExitCode {
    crate::par::start();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    run(cli)
}

fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
}

/// Write a report to standard output as it is made, through a buffer, rather than building
/// it whole first (see [`report::write_json_lines`]). Like [`out`], a closed pipe is not an
/// error worth reporting.
fn stream(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) {
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = write(&mut w).and_then(|()| w.flush());
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { dir, format, deny } => run_check(&dir, format, deny),
        Command::Refs { dir, format, to } => run_refs(&dir, format, to.as_deref()),
        Command::Explain { code } => run_explain(code.as_deref()),
        Command::Build {
            dir,
            out,
            templates,
            allow_errors,
            quiet,
        } => run_build(&dir, &out, templates.as_deref(), allow_errors, quiet),
        Command::InitTemplates { dir, force } => run_init_templates(&dir, force),
        Command::Import {
            inputs,
            out,
            force,
            format,
        } => run_import(&inputs, &out, force, format),
        Command::Pack {
            meeting,
            out,
            format,
            deny,
            typst_source,
        } => run_pack(&meeting, &out, format, deny, typst_source),
        Command::Rename {
            old,
            new,
            retired,
            dir,
            write,
        } => {
            use crate::fix::rename_command::{run_rename, What};
            let what = match (old, new) {
                (Some(old), Some(new)) if !retired => What::One { old, new },
                _ => What::Retired,
            };
            run_rename(&dir, what, write)
        }
        Command::Renumber {
            document,
            dir,
            write,
            policy,
            leave_unclear,
            choose,
            rewrite_inferred,
        } => {
            let policy = policy.map(|p| match p {
                PolicyArg::Draft => crate::fix::renumber::Policy::Draft,
                PolicyArg::Adopted => crate::fix::renumber::Policy::Adopted,
            });
            crate::fix::command::run_renumber(crate::fix::command::Request {
                dir: &dir,
                only: document,
                write,
                policy,
                leave_unclear,
                choose: &choose,
                rewrite_inferred,
            })
        }
        Command::Diff {
            old,
            new,
            document,
            format,
            out,
            author,
            date,
            path,
        } => run_diff(DiffArgs {
            old,
            new,
            document,
            format,
            out,
            author,
            date,
            path,
        }),
    }
}

/// The arguments of `clerk diff`.
pub struct DiffArgs {
    pub old: String,
    pub new: Option<String>,
    pub document: Option<String>,
    pub format: DiffFormat,
    pub out: Option<PathBuf>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub path: Option<String>,
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn run_diff(a: DiffArgs) -> ExitCode {
    use crate::diff;
    if let Some(d) = a.date.as_deref().filter(|d| !valid_date(d)) {
        eprintln!("error: --date: `{d}` is not a date; write YYYY-MM-DD");
        return ExitCode::from(2);
    }
    let (old, new) = match diff::version::load_pair(&a.old, a.new.as_deref(), a.path.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(id) = &a.document {
        let known = |c: &crate::model::Constitution| c.document(id).is_some();
        if !known(&old.constitution) && !known(&new.constitution) {
            eprintln!("error: --document: no document with id `{id}` in either version");
            return ExitCode::from(2);
        }
    }
    let commit = new.commit.as_ref();
    let opts = diff::Options {
        document: a.document,
        author: a.author.or_else(|| commit.map(|c| c.author.clone())),
        date: a.date.or_else(|| commit.map(|c| c.date.clone())),
        old_label: old.label.clone(),
        new_label: new.label.clone(),
    };
    let d = diff::diff(&old.constitution, &new.constitution, &opts);
    let dir = a.out.unwrap_or_else(|| PathBuf::from(DEFAULT_DIFF_OUT));
    let written = match a.format {
        DiffFormat::Json => {
            out(&diff::json_lines(&d));
            return ExitCode::SUCCESS;
        }
        DiffFormat::Text => {
            out(&diff::summary::text(&d));
            return ExitCode::SUCCESS;
        }
        DiffFormat::Html => diff::html::write(&d, &dir),
        DiffFormat::Docx => diff::docx::write(&d, &dir),
    };
    match written {
        Ok(files) => {
            let index = files.first().map(|p| p.display().to_string());
            out(&format!(
                "wrote {} file{} to {}{}\n",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                dir.display(),
                index.map(|i| format!(" (open {i})")).unwrap_or_default()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_check(dir: &std::path::Path, format: Format, deny: Option<Deny>) -> ExitCode {
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let checked = match check::check_dir(dir) {
        Ok(c) => c,
        Err(fatal) => {
            match format {
                Format::Json => stream(|w| report::write_json_lines(w, &fatal.0, &fatal.1)),
                Format::Human => eprint!("{}", report::human(&fatal.0, &fatal.1, styled)),
            }
            return ExitCode::from(2);
        }
    };
    let diags = &checked.diagnostics;
    let files = &checked.constitution.files;
    match format {
        Format::Json => stream(|w| report::write_json_lines(w, diags, files)),
        Format::Human => {
            stream(|w| report::write_human(w, diags, files, styled));
            let clauses = checked
                .constitution
                .documents
                .iter()
                .map(|d| d.clauses.len())
                .sum();
            out(&format!(
                "{}\n",
                report::summary(diags, checked.constitution.documents.len(), clauses)
            ));
        }
    }
    let fails = diags.iter().any(|d| {
        d.severity == Severity::Error || (deny.is_some() && d.severity == Severity::Warning)
    });
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Load a constitution for a command that needs it whole; on failure print why (to stderr)
/// and give the exit status 2.
pub fn load_or_report(dir: &std::path::Path) -> Result<crate::model::Constitution, ExitCode> {
    match crate::load::load_dir(dir) {
        Ok((c, _)) => Ok(c),
        Err(fatal) => {
            eprint!("{}", report::human(&fatal.0, &fatal.1, false));
            Err(ExitCode::from(2))
        }
    }
}

fn run_refs(dir: &std::path::Path, format: Format, to: Option<&str>) -> ExitCode {
    let to = match to.map(crate::refs::listing::To::parse).transpose() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: --to: {e}");
            return ExitCode::from(2);
        }
    };
    let c = match load_or_report(dir) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(t) = &to {
        if c.document(&t.document).is_none() {
            eprintln!("error: --to: no document with id `{}`", t.document);
            return ExitCode::from(2);
        }
    }
    let refs = crate::refs::resolve::resolve_all(&c);
    let recs = crate::refs::listing::records(&c, &refs, to.as_ref());
    match format {
        Format::Json => {
            let mut s = String::new();
            for r in &recs {
                s.push_str(&serde_json::to_string(r).expect("plain data"));
                s.push('\n');
            }
            out(&s);
        }
        Format::Human => out(&crate::refs::listing::table(&recs)),
    }
    ExitCode::SUCCESS
}

fn print_diags(
    diags: &[crate::diag::Diagnostic],
    files: &[crate::source::SourceFile],
    format: Format,
) {
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match format {
        Format::Json => stream(|w| report::write_json_lines(w, diags, files)),
        Format::Human => stream(|w| report::write_human(w, diags, files, styled)),
    }
}

fn run_import(inputs: &[PathBuf], dir: &std::path::Path, force: bool, format: Format) -> ExitCode {
    use crate::import;
    let mut read = Vec::with_capacity(inputs.len());
    let mut failed = Vec::new();
    for p in inputs {
        let shown = p.display().to_string();
        let too_big = std::fs::metadata(p).is_ok_and(|m| m.len() > crate::load::MAX_FILE_BYTES);
        match std::fs::read(p) {
            Ok(_) if too_big => failed.push(
                crate::diag::Diagnostic::error(
                    rules::IMPORT_UNREADABLE,
                    format!(
                        "{shown} is larger than {} MiB",
                        crate::load::MAX_FILE_BYTES >> 20
                    ),
                )
                .at_path(shown, None),
            ),
            Ok(bytes) => read.push(import::Input { path: shown, bytes }),
            Err(e) => failed.push(
                crate::diag::Diagnostic::error(
                    rules::IO_ERROR,
                    format!("{shown} cannot be read: {e}"),
                )
                .at_path(shown, None),
            ),
        }
    }
    if !failed.is_empty() {
        print_diags(&failed, &[], format);
        return ExitCode::from(2);
    }
    let imported = match import::import(&read) {
        Ok(i) => i,
        Err(diags) => {
            print_diags(&diags, &[], format);
            return ExitCode::from(2);
        }
    };
    let (files, warnings) = match import::write::plan(dir, &imported, force) {
        Ok(p) => p,
        Err(diags) => {
            print_diags(&diags, &[], format);
            return ExitCode::from(2);
        }
    };
    let mut diags = imported.diagnostics.clone();
    diags.extend(warnings);
    print_diags(&diags, &imported.sources, format);
    match import::write::write(&files) {
        Ok(_) => {
            if format == Format::Human {
                let mut s = format!(
                    "imported {} document(s) from {} file(s) into {}:\n",
                    imported.documents.len(),
                    read.len(),
                    dir.display()
                );
                for d in &imported.documents {
                    s.push_str(&format!(
                        "  {:<48} {} clause(s)  \"{}\"\n",
                        d.path,
                        d.clauses.len(),
                        d.meta.title
                    ));
                }
                let unplaced = imported.documents.iter().any(|d| d.meta.part.is_none());
                s.push_str(&format!(
                    "next: {}run `clerk check {}`\n",
                    if unplaced {
                        "set the `part:` of each document in part-0/, then "
                    } else {
                        ""
                    },
                    dir.display()
                ));
                out(&s);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_explain(code: Option<&str>) -> ExitCode {
    match code {
        None => {
            for r in rules::ALL {
                out(&format!("{}  {:<24} {}\n", r.code, r.name, r.what));
            }
            ExitCode::SUCCESS
        }
        Some(code) => match rules::find(code) {
            Some(rule) => {
                out(&rules::explain(rule));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: no rule `{code}`; `clerk explain` lists them all");
                ExitCode::from(2)
            }
        },
    }
}

fn template_error(e: &crate::render::TemplateError) {
    eprintln!("error: template {e}");
    if let Some(detail) = &e.detail {
        for line in detail.lines() {
            eprintln!("  {line}");
        }
    }
}

fn run_build(
    dir: &std::path::Path,
    out_dir: &std::path::Path,
    templates: Option<&std::path::Path>,
    allow_errors: bool,
    quiet: bool,
) -> ExitCode {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (checked, refs) = match check::check_dir_with_refs(dir) {
        Ok(c) => c,
        Err(fatal) => {
            eprint!("{}", report::human(&fatal.0, &[], styled));
            return ExitCode::from(2);
        }
    };
    let c = &checked.constitution;
    let diags = &checked.diagnostics;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    if errors > 0 && !allow_errors {
        let shown: Vec<_> = diags.iter().filter(|d| d.is_error()).cloned().collect();
        eprint!("{}", report::human(&shown, &c.files, styled));
        eprintln!(
            "error: not building: `clerk check` found {errors} error{}; fix them, or preview with --allow-errors",
            if errors == 1 { "" } else { "s" }
        );
        return ExitCode::from(1);
    }
    let templates = match templates {
        Some(t) if !t.is_dir() => {
            eprintln!("error: --templates: {} is not a folder", t.display());
            return ExitCode::from(2);
        }
        Some(t) => Some(t.to_path_buf()),
        None => Some(PathBuf::from(DEFAULT_TEMPLATES_DIR)).filter(|p| p.is_dir()),
    };
    let templates = match crate::render::Templates::load(templates.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            template_error(&e);
            return ExitCode::from(2);
        }
    };
    let mut progress = Progress::new(!quiet && std::env::var_os("CI").is_none());
    let site = crate::render::render_site(c, &refs, &templates, &mut |done, total| {
        progress.show(done, total)
    });
    progress.clear();
    let site = match site {
        Ok(s) => s,
        Err(e) => {
            template_error(&e);
            return ExitCode::from(2);
        }
    };
    if let Err(e) = site.write(out_dir) {
        eprintln!("error: cannot write the site to {}: {e}", out_dir.display());
        return ExitCode::from(2);
    }
    if !quiet {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let mut notes = Vec::new();
        if errors > 0 {
            notes.push(plural(errors, "error"));
        }
        if warnings > 0 {
            notes.push(plural(warnings, "warning"));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({}; see `clerk check`)", notes.join(", "))
        };
        out(&format!(
            "built {} of {} into {}{notes}\n",
            plural(site.pages, "page"),
            plural(c.documents.len(), "document"),
            out_dir.display()
        ));
    }
    ExitCode::SUCCESS
}

/// A one-line progress report on stderr, for builds that take longer than a moment: only on
/// a terminal, never in CI or with `--quiet`.
struct Progress {
    enabled: bool,
    start: std::time::Instant,
    /// When the line was last drawn, if it was.
    shown: Option<std::time::Instant>,
}

impl Progress {
    /// How long a build runs before it says how far it is.
    const AFTER: std::time::Duration = std::time::Duration::from_millis(300);

    fn new(wanted: bool) -> Progress {
        Progress {
            enabled: wanted && std::io::stderr().is_terminal(),
            start: std::time::Instant::now(),
            shown: None,
        }
    }

    fn show(&mut self, done: usize, total: usize) {
        let due = self
            .shown
            .is_none_or(|at| at.elapsed() >= std::time::Duration::from_millis(100));
        if self.enabled && due && self.start.elapsed() >= Self::AFTER {
            eprint!("\rbuilding: {done}/{total} pages");
            self.shown = Some(std::time::Instant::now());
        }
    }

    fn clear(&mut self) {
        if self.shown.take().is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}

fn run_init_templates(dir: &std::path::Path, force: bool) -> ExitCode {
    match crate::render::templates::write_defaults(dir, force) {
        Ok(paths) => {
            for p in paths {
                out(&format!("wrote {}\n", p.display()));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run_pack(
    meeting: &std::path::Path,
    out_dir: &std::path::Path,
    format: Format,
    deny: Option<Deny>,
    typst_source: bool,
) -> ExitCode {
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let run = match crate::pack::build(meeting) {
        Ok(r) => r,
        Err(fatal) => {
            match format {
                Format::Json => stream(|w| report::write_json_lines(w, &fatal.0, &[])),
                Format::Human => eprint!("{}", report::human(&fatal.0, &[], styled)),
            }
            return ExitCode::from(2);
        }
    };
    let diags = &run.diagnostics;
    match format {
        Format::Json => stream(|w| report::write_json_lines(w, diags, &run.files)),
        Format::Human => stream(|w| report::write_human(w, diags, &run.files, styled)),
    }
    let fails = diags.iter().any(|d| {
        d.severity == Severity::Error || (deny.is_some() && d.severity == Severity::Warning)
    });
    let pack = match (&run.pack, fails) {
        (Some(p), false) => p,
        _ => {
            if format == Format::Human {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                if errors == 0 {
                    out("no pack written: warnings are denied (--deny warnings)\n");
                } else {
                    let s = if errors == 1 { "" } else { "s" };
                    out(&format!("no pack written: {errors} error{s}\n"));
                }
            }
            return ExitCode::from(1);
        }
    };
    match crate::pack::write(pack, out_dir, typst_source) {
        Ok(paths) => {
            if format == Format::Human {
                let ranges: Vec<String> = pack
                    .ranges
                    .iter()
                    .map(|(n, s, e)| format!("item {n}: pages {s}–{e}"))
                    .collect();
                out(&format!(
                    "wrote {} ({} pages; {}) and {}\n",
                    paths[0].display(),
                    pack.pages,
                    ranges.join(", "),
                    paths[1].display()
                ));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the pack to {}: {e}", out_dir.display());
            ExitCode::from(2)
        }
    }
}
