//! Putting an import on disk: `constitution.yaml` when the folder has none, one file per
//! document under `part-N/`, never replacing a document without `--force` (and never
//! replacing `constitution.yaml`), all staged first and renamed into place through
//! [`crate::fix::write_all`] so a failure leaves no half-written file.
//!
//! What the files contain is decided by [`super::markdown`]; this module only chooses paths
//! and writes.

use super::markdown::yaml_str;
use super::{Imported, UNPLACED_PART};
use crate::config::parse_config;
use crate::diag::Diagnostic;
use crate::fix::{write_all, Disk, NewFiles, Sink};
use crate::load::CONFIG_FILE;
use crate::rules::{self, Step};
use crate::source::{FileId, SourceFile};
use std::path::{Path, PathBuf};

/// The Parts most English councils' constitutions have (docs/domain.md).
const STANDARD_PARTS: &[(&str, &str)] = &[
    ("1", "Summary and Explanation"),
    ("2", "Articles of the Constitution"),
    ("3", "Responsibility for Functions"),
    ("4", "Rules of Procedure"),
    ("5", "Codes and Protocols"),
    ("6", "Members' Allowances Scheme"),
];

fn top(part: &str) -> &str {
    part.split('.').next().unwrap_or(part)
}

/// A `constitution.yaml` for the imported documents: the council's name from the text, the
/// standard Parts (kept in clerk only where a document was imported into them, so references
/// to the others are `external`), and Part 0 for documents not yet placed.
pub fn config_yaml(imported: &Imported) -> String {
    let used: Vec<&str> = imported
        .documents
        .iter()
        .map(|d| top(d.meta.part.as_deref().unwrap_or(UNPLACED_PART)))
        .collect();
    let mut s = String::from(
        "# Written by `clerk import`: check the council's name and the Parts (docs/FORMAT.md).\n",
    );
    let council = imported.council.as_deref().unwrap_or("Unknown Council");
    s.push_str(&format!("council: {}\n", yaml_str(council)));
    s.push_str("title: \"The Constitution\"\nparts:\n");
    if used.contains(&UNPLACED_PART) {
        s.push_str(&format!(
            "  # Imported documents whose Part the text does not state: set each one's `part:`.\n  - number: {UNPLACED_PART}\n    title: \"Imported, not yet placed in a Part\"\n"
        ));
    }
    let mut parts: Vec<(String, String)> = STANDARD_PARTS
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for u in &used {
        if *u != UNPLACED_PART && !parts.iter().any(|(n, _)| n == u) {
            parts.push((u.to_string(), format!("Part {u}")));
        }
    }
    for (n, t) in parts {
        s.push_str(&format!("  - number: {n}\n    title: {}\n", yaml_str(&t)));
        if !used.contains(&n.as_str()) {
            s.push_str("    kept: false\n");
        }
    }
    s
}

/// Files to write: path and contents.
pub type Files = Vec<(PathBuf, String)>;

/// The files to write, or why nothing may be written. Warnings (an existing
/// `constitution.yaml` that lacks a Part) come back with the plan.
pub fn plan(
    out: &Path,
    imported: &Imported,
    force: bool,
) -> Result<(Files, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let config = out.join(CONFIG_FILE);
    if config.exists() {
        warnings.extend(undeclared_parts(&config, imported));
    } else {
        if imported.council.is_none() {
            warnings.push(
                Diagnostic::new(
                    rules::CONFIG,
                    rules::CONFIG.severity_at(Step::Import),
                    "the council's name is not in the text; constitution.yaml says \"Unknown Council\"",
                )
                .at_path(config.display().to_string(), None)
                .help("write the council's name in `council:`"),
            );
        }
        files.push((config, config_yaml(imported)));
    }
    let mut conflicts = Vec::new();
    let existing = existing_ids(out);
    for d in &imported.documents {
        let path = out.join(&d.path);
        if let Some((_, other)) = existing
            .iter()
            .find(|(id, p)| *id == d.meta.id && out.join(p) != path)
        {
            conflicts.push(
                Diagnostic::of(
                    rules::IMPORT_EXISTS,
                    format!("document id `{}` is already used by {other}", d.meta.id),
                )
                .at_path(path.display().to_string(), None)
                .document(Some(&d.meta.id))
                .help("a document imported before and since moved keeps its id: import into another folder, or remove the older copy"),
            );
        }
    }
    for d in &imported.documents {
        let path = out.join(&d.path);
        if path.exists() && !force {
            conflicts.push(
                Diagnostic::of(
                    rules::IMPORT_EXISTS,
                    format!("{} already exists", path.display()),
                )
                .at_path(path.display().to_string(), None)
                .document(Some(&d.meta.id))
                .help("pass --force to replace it, or import into another folder"),
            );
        }
        files.push((path, d.text.clone()));
    }
    if conflicts.is_empty() {
        Ok((files, warnings))
    } else {
        Err(conflicts)
    }
}

/// The ids of the documents already in `out`, with their paths.
fn existing_ids(out: &Path) -> Vec<(String, String)> {
    let Ok((files, _)) = crate::load::read_dir(out) else {
        return Vec::new();
    };
    files
        .into_iter()
        .filter(|f| f.path.ends_with(".md"))
        .filter_map(|f| {
            let text = String::from_utf8(f.bytes).ok()?;
            let split = crate::frontmatter::split(&text)?;
            let id = text[split.yaml]
                .lines()
                .find_map(|l| l.strip_prefix("id:"))?
                .trim()
                .trim_matches(['"', '\''])
                .to_string();
            Some((id, f.path))
        })
        .collect()
}

/// Parts the imported documents use that an existing `constitution.yaml` does not declare.
fn undeclared_parts(config: &Path, imported: &Imported) -> Vec<Diagnostic> {
    let Ok(text) = std::fs::read_to_string(config) else {
        return Vec::new();
    };
    let src = SourceFile::new(CONFIG_FILE, text);
    let Ok(cfg) = parse_config(FileId::CONFIG, &src) else {
        return Vec::new();
    };
    let mut missing: Vec<&str> = imported
        .documents
        .iter()
        .map(|d| top(d.meta.part.as_deref().unwrap_or(UNPLACED_PART)))
        .filter(|p| cfg.part(p).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
        .into_iter()
        .map(|p| {
            Diagnostic::new(
                rules::UNKNOWN_PART,
                rules::UNKNOWN_PART.severity_at(Step::Import),
                format!("Part {p} is not declared in {}", config.display()),
            )
            .at_path(config.display().to_string(), None)
            .help(if p == UNPLACED_PART {
                "set each imported document's `part:` (and move it to that Part's folder), or declare Part 0 while you sort them"
            } else {
                "add the Part to `parts:` in constitution.yaml"
            })
        })
        .collect()
}

/// Create the folders and write every file atomically (all staged, then renamed). Replacing
/// existing files (`--force`) syncs each to disk; files that are all new are not synced one by
/// one (see [`NewFiles`]).
pub fn write(files: &[(PathBuf, String)]) -> std::io::Result<Vec<PathBuf>> {
    if files.iter().any(|(p, _)| p.exists()) {
        write_with(&mut Disk, files)
    } else {
        write_with(&mut NewFiles, files)
    }
}

/// [`write`] through any sink (tests inject failures).
pub fn write_with(
    sink: &mut dyn Sink,
    files: &[(PathBuf, String)],
) -> std::io::Result<Vec<PathBuf>> {
    for (path, _) in files {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| {
                std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}; no file was written", dir.display()),
                )
            })?;
        }
    }
    write_all(sink, files)
}
