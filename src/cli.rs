//! The command line: parse arguments, run one command of [`crate::cmd`], and map its typed
//! outcome to output and the exit status. Nothing else happens here.
//!
//! Exit status is decided here and only here: 0 when no errors were found, 1 when errors
//! were found (or warnings with `--deny warnings`) or a change was refused, 2 when the run
//! itself failed (bad arguments, a folder that is not a constitution, a failed write).
//!
//! Over 600 lines because the clap declarations of ten commands, with the help text each
//! option shows, are a third of it; the rest is one short mapping per command.

use crate::cmd::{self, Failed, DEFAULT_DIR, DEFAULT_SITE_DIR, DEFAULT_TEMPLATES_DIR};
use crate::diag::{Diagnostic, Severity};
use crate::report;
use crate::source::SourceFile;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

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
pub enum Show {
    Info,
}

/// The constitution folder a command was given, as `DIR` or `--dir DIR`, or the default.
fn folder(positional: Option<PathBuf>, option: Option<PathBuf>) -> PathBuf {
    option
        .or(positional)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR))
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

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check the constitution: numbering, placeholders, drafting notes, front matter,
    /// cross-references, retired titles and defined terms.
    Check {
        /// The constitution folder [default: constitution]; `--dir DIR` says the same.
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The constitution folder, as every command takes it [default: constitution].
        #[arg(long, value_name = "DIR", conflicts_with = "folder")]
        dir: Option<PathBuf>,
        /// Output format: rustc-style text, or JSON Lines (one diagnostic per line).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also fail (exit 1) on warnings.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
        /// Also print findings of this severity in full; without it, info findings (T603 and
        /// the like) are counted in one line. JSON output always has every finding.
        #[arg(long, value_enum, value_name = "SEVERITY")]
        show: Option<Show>,
    },
    /// List every cross-reference with what it resolved to.
    Refs {
        /// The constitution folder [default: constitution]; `--dir DIR` says the same.
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The constitution folder, as every command takes it [default: constitution].
        #[arg(long, value_name = "DIR", conflicts_with = "folder")]
        dir: Option<PathBuf>,
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
        /// The constitution folder [default: constitution]; `--dir DIR` says the same.
        #[arg(value_name = "DIR")]
        folder: Option<PathBuf>,
        /// The constitution folder, as every command takes it [default: constitution].
        #[arg(long, value_name = "DIR", conflicts_with = "folder")]
        dir: Option<PathBuf>,
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

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check {
            folder: f,
            dir,
            format,
            deny,
            show,
        } => check(&folder(f, dir), format, deny.is_some(), show.is_some()),
        Command::Refs {
            folder: f,
            dir,
            format,
            to,
        } => refs(&folder(f, dir), format, to.as_deref()),
        Command::Explain { code } => match cmd::explain::run(code.as_deref()) {
            Ok(text) => done(&text),
            Err(f) => failed(f, Format::Human),
        },
        Command::Build {
            folder: f,
            dir,
            out,
            templates,
            allow_errors,
            quiet,
        } => build(
            &cmd::build::Request {
                dir: &folder(f, dir),
                out: &out,
                templates: templates.as_deref(),
                allow_errors,
            },
            quiet,
        ),
        Command::InitTemplates { dir, force } => match cmd::init_templates::run(&dir, force) {
            Ok(paths) => done(
                &paths
                    .iter()
                    .map(|p| format!("wrote {}\n", p.display()))
                    .collect::<String>(),
            ),
            Err(f) => failed(f, Format::Human),
        },
        Command::Import {
            inputs,
            out,
            force,
            format,
        } => match cmd::import::run(&inputs, &out, force) {
            Ok(i) => {
                print_diags(&i.diagnostics, &i.imported.sources, format);
                if format == Format::Human {
                    print(&cmd::import::summary(&i, &out));
                }
                ExitCode::SUCCESS
            }
            // Import reports what it could not read as it reports what it converted: on
            // standard output, in the format asked for.
            Err(Failed::Input { diagnostics, files }) => {
                print_diags(&diagnostics, &files, format);
                ExitCode::from(2)
            }
            Err(f) => failed(f, format),
        },
        Command::Pack {
            meeting,
            out,
            format,
            deny,
            typst_source,
        } => pack(
            &cmd::pack::Request {
                meeting: &meeting,
                out: &out,
                deny_warnings: deny.is_some(),
                typst_source,
            },
            format,
        ),
        Command::Rename {
            old,
            new,
            retired,
            dir,
            write,
        } => {
            use cmd::rename::{Names, Renamed};
            let names = match (old, new) {
                (Some(old), Some(new)) if !retired => Names::One { old, new },
                _ => Names::Retired,
            };
            match cmd::rename::run(&dir, names, write) {
                Ok(Renamed::LoadErrors { diagnostics, files }) => {
                    print(&report::human(&diagnostics, &files, false));
                    print(&format!("rename refused: the front matter or constitution.yaml has {} error(s); fix them first (nothing was changed)\n", diagnostics.len()));
                    ExitCode::from(1)
                }
                Ok(Renamed::Refused(why)) => {
                    print(&format!("rename refused: {why}\nnothing was changed\n"));
                    ExitCode::from(1)
                }
                Ok(Renamed::Planned { shown, written, .. }) => {
                    print(&shown);
                    print_written(written.as_deref());
                    ExitCode::SUCCESS
                }
                Err(f) => failed(f, Format::Human),
            }
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
            use cmd::renumber::{Refusal, Renumbered};
            let policy = policy.map(|p| match p {
                PolicyArg::Draft => crate::fix::renumber::Policy::Draft,
                PolicyArg::Adopted => crate::fix::renumber::Policy::Adopted,
            });
            let outcome = cmd::renumber::run(cmd::renumber::Request {
                dir: &dir,
                only: document,
                write,
                policy,
                leave_unclear,
                choose: &choose,
                rewrite_inferred,
            });
            match outcome {
                Ok(Renumbered::Refused(r)) => {
                    if let Refusal::LoadErrors { diagnostics, files }
                    | Refusal::Unclear { diagnostics, files } = &r
                    {
                        print(&report::human(diagnostics, files, false));
                    }
                    print(&r.text());
                    ExitCode::from(1)
                }
                Ok(Renumbered::Planned { shown, written, .. }) => {
                    print(&shown);
                    print_written(written.as_deref());
                    ExitCode::SUCCESS
                }
                Err(f) => failed(f, Format::Human),
            }
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
        } => {
            let format = match format {
                DiffFormat::Html => cmd::diff::Format::Html,
                DiffFormat::Json => cmd::diff::Format::Json,
                DiffFormat::Docx => cmd::diff::Format::Docx,
                DiffFormat::Text => cmd::diff::Format::Text,
            };
            let req = cmd::diff::Request {
                old,
                new,
                document,
                format,
                out,
                author,
                date,
                path,
            };
            match cmd::diff::run(req) {
                Ok(cmd::diff::Diffed::Shown(text)) => done(&text),
                Ok(cmd::diff::Diffed::Written { dir, files }) => {
                    let index = files.first().map(|p| p.display().to_string());
                    done(&format!(
                        "wrote {} file{} to {}{}\n",
                        files.len(),
                        if files.len() == 1 { "" } else { "s" },
                        dir.display(),
                        index.map(|i| format!(" (open {i})")).unwrap_or_default()
                    ))
                }
                Err(f) => failed(f, Format::Human),
            }
        }
    }
}

/// Print to standard output; a closed pipe is not an error worth reporting.
fn print(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
}

/// Print and succeed.
fn done(s: &str) -> ExitCode {
    print(s);
    ExitCode::SUCCESS
}

/// Write a report to standard output as it is made, through a buffer, rather than building
/// it whole first (see [`report::write_json_lines`]). Like [`print`], a closed pipe is not an
/// error worth reporting.
fn stream(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) {
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = write(&mut w).and_then(|()| w.flush());
}

fn styled(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none()
}

fn print_diags(diags: &[Diagnostic], files: &[SourceFile], format: Format) {
    let styled = styled(std::io::stdout().is_terminal());
    match format {
        Format::Json => stream(|w| report::write_json_lines(w, diags, files)),
        Format::Human => stream(|w| report::write_human(w, diags, files, styled)),
    }
}

/// "changed FILE" for every file a write replaced.
fn print_written(written: Option<&[PathBuf]>) {
    for p in written.unwrap_or_default() {
        print(&format!("changed {}\n", p.display()));
    }
}

/// A command that could not run: say why, exit 2. Diagnostics go to standard output as JSON
/// Lines when JSON was asked for (a consumer reads one stream), otherwise to standard error.
fn failed(f: Failed, format: Format) -> ExitCode {
    match f {
        Failed::Input { diagnostics, files } => match format {
            Format::Json => stream(|w| report::write_json_lines(w, &diagnostics, &files)),
            Format::Human => eprint!(
                "{}",
                report::human(
                    &diagnostics,
                    &files,
                    styled(std::io::stderr().is_terminal())
                )
            ),
        },
        Failed::Usage(why) | Failed::Output(why) => eprintln!("error: {why}"),
        Failed::Template(e) => {
            eprintln!("error: template {e}");
            if let Some(detail) = &e.detail {
                for line in detail.lines() {
                    eprintln!("  {line}");
                }
            }
        }
    }
    ExitCode::from(2)
}

fn check(dir: &std::path::Path, format: Format, deny_warnings: bool, show_info: bool) -> ExitCode {
    if let Err(f) = cmd::missing_folder(dir) {
        return failed(f, format);
    }
    let checked = match cmd::check::check_dir(dir) {
        Ok(c) => c,
        Err(fatal) => {
            return failed(
                Failed::Input {
                    diagnostics: fatal.0,
                    files: fatal.1,
                },
                format,
            )
        }
    };
    let diags = &checked.diagnostics;
    let files = &checked.constitution.files;
    // Info findings are for someone looking for them; a clean check says so in a line.
    let quiet_info = format == Format::Human && !show_info;
    let shown: Vec<Diagnostic> = if quiet_info {
        diags
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .cloned()
            .collect()
    } else {
        diags.clone()
    };
    print_diags(&shown, files, format);
    let hidden = diags.len() - shown.len();
    if hidden > 0 {
        print(&format!(
            "{hidden} info finding{} not shown (`clerk check --show info` lists {})\n",
            if hidden == 1 { "" } else { "s" },
            if hidden == 1 { "it" } else { "them" }
        ));
    }
    if format == Format::Human {
        let clauses = checked
            .constitution
            .documents
            .iter()
            .map(|d| d.clauses.len())
            .sum();
        print(&format!(
            "{}\n",
            report::summary(diags, checked.constitution.documents.len(), clauses)
        ));
    }
    exit_for(diags, deny_warnings)
}

/// 1 when any diagnostic is an error (or a warning, when warnings are denied), else 0.
fn exit_for(diags: &[Diagnostic], deny_warnings: bool) -> ExitCode {
    let fails = diags.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn refs(dir: &std::path::Path, format: Format, to: Option<&str>) -> ExitCode {
    let recs = match cmd::refs::run(dir, to) {
        Ok(r) => r,
        Err(f) => return failed(f, Format::Human),
    };
    match format {
        Format::Json => stream(|w| {
            for r in &recs {
                serde_json::to_writer(&mut *w, r)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        }),
        Format::Human => print(&crate::refs::listing::table(&recs)),
    }
    ExitCode::SUCCESS
}

fn build(req: &cmd::build::Request<'_>, quiet: bool) -> ExitCode {
    let mut progress = Progress::new(!quiet && std::env::var_os("CI").is_none());
    let built = cmd::build::run(req, &mut |done, total| progress.show(done, total));
    progress.clear();
    match built {
        Ok(cmd::build::Built::Refused { errors, files }) => {
            eprint!(
                "{}",
                report::human(&errors, &files, styled(std::io::stderr().is_terminal()))
            );
            eprintln!(
                "error: not building: `clerk check` found {} error{}; fix them, or preview with --allow-errors",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Ok(cmd::build::Built::Written {
            pages,
            documents,
            errors,
            warnings,
        }) => {
            if !quiet {
                let plural =
                    |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
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
                print(&format!(
                    "built {} of {} into {}{notes}\n",
                    plural(pages, "page"),
                    plural(documents, "document"),
                    req.out.display()
                ));
            }
            ExitCode::SUCCESS
        }
        Err(f) => failed(f, Format::Human),
    }
}

/// A one-line progress report on stderr, for builds and packs that take longer than a
/// moment: only on a terminal, never in CI or with `--quiet`.
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

    /// Say which step a long command is in. Drawn as the step starts (a step may take
    /// seconds with no way to count through it), on a terminal only.
    fn step(&mut self, what: &str) {
        if self.enabled {
            eprint!("\r\x1b[2K{what}…");
            self.shown = Some(std::time::Instant::now());
        }
    }

    fn clear(&mut self) {
        if self.shown.take().is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}

fn pack(req: &cmd::pack::Request<'_>, format: Format) -> ExitCode {
    let mut progress = Progress::new(std::env::var_os("CI").is_none());
    let packed = cmd::pack::run(req, &mut |step| progress.step(step.describe()));
    progress.clear();
    let packed = match packed {
        Ok(p) => p,
        Err(f) => return failed(f, format),
    };
    print_diags(&packed.run.diagnostics, &packed.run.files, format);
    let (Some(paths), Some(pack)) = (&packed.written, &packed.run.pack) else {
        if format == Format::Human {
            let errors = packed.errors();
            if errors == 0 {
                print("no pack written: warnings are denied (--deny warnings)\n");
            } else {
                let s = if errors == 1 { "" } else { "s" };
                print(&format!("no pack written: {errors} error{s}\n"));
            }
        }
        return ExitCode::from(1);
    };
    if format == Format::Human {
        let ranges: Vec<String> = pack
            .ranges
            .iter()
            .map(|(n, s, e)| format!("item {n}: pages {s}–{e}"))
            .collect();
        print(&format!(
            "wrote {} ({} pages; {}) and {}\n",
            paths[0].display(),
            pack.pages,
            ranges.join(", "),
            paths[1].display()
        ));
    }
    ExitCode::SUCCESS
}
