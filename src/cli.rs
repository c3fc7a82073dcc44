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
}

/// Run clerk with the process's arguments.
pub fn main() -> ExitCode {
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

/// Run a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check { dir, format, deny } => run_check(&dir, format, deny),
        Command::Refs { dir, format, to } => run_refs(&dir, format, to.as_deref()),
        Command::Explain { code } => run_explain(code.as_deref()),
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
        } => {
            let policy = policy.map(|p| match p {
                PolicyArg::Draft => crate::fix::renumber::Policy::Draft,
                PolicyArg::Adopted => crate::fix::renumber::Policy::Adopted,
            });
            crate::fix::command::run_renumber(&dir, document, write, policy, leave_unclear, &choose)
        }
    }
}

fn run_check(dir: &std::path::Path, format: Format, deny: Option<Deny>) -> ExitCode {
    let styled = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let checked = match check::check_dir(dir) {
        Ok(c) => c,
        Err(fatal) => {
            match format {
                Format::Json => out(&report::json_lines(&fatal.0, &[])),
                Format::Human => eprint!("{}", report::human(&fatal.0, &[], styled)),
            }
            return ExitCode::from(2);
        }
    };
    let diags = &checked.diagnostics;
    let files = &checked.constitution.files;
    match format {
        Format::Json => out(&report::json_lines(diags, files)),
        Format::Human => {
            out(&report::human(diags, files, styled));
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

fn run_refs(dir: &std::path::Path, format: Format, to: Option<&str>) -> ExitCode {
    let to = match to.map(crate::refs::listing::To::parse).transpose() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: --to: {e}");
            return ExitCode::from(2);
        }
    };
    let (c, _) = match crate::load::load_dir(dir) {
        Ok(x) => x,
        Err(fatal) => {
            eprint!("{}", report::human(&fatal.0, &[], false));
            return ExitCode::from(2);
        }
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
