//! Turning the `OLD` and `NEW` arguments of `clerk diff` into constitutions: a folder on disk,
//! or a git revision (`v1.0`, `main~3`, a commit id, or `REV:folder`) read through
//! [`super::git`]. An empty folder is the empty constitution, so a first version diffs as
//! "everything inserted".
//!
//! This module only loads; comparing is [`super::diff`]'s job. Errors are messages for the
//! user (the CLI exits with status 2).

use super::git::{self, CommitInfo};
use crate::load::{self, RawFile};
use crate::model::Constitution;
use std::path::Path;

/// One side of a diff.
pub struct Version {
    pub constitution: Constitution,
    /// How to name it: the folder as given, or the revision with its short commit id.
    pub label: String,
    /// The commit, when it came from git.
    pub commit: Option<CommitInfo>,
}

/// The folder a revision is read from when nothing says otherwise.
pub const DEFAULT_FOLDER: &str = crate::cmd::DEFAULT_DIR;

enum Spec<'a> {
    Dir(&'a str),
    Rev {
        rev: &'a str,
        folder: Option<&'a str>,
    },
}

fn classify(arg: &str) -> Spec<'_> {
    if Path::new(arg).is_dir() {
        return Spec::Dir(arg);
    }
    match arg.split_once(':') {
        Some((rev, folder)) if !rev.is_empty() => Spec::Rev {
            rev,
            folder: Some(folder),
        },
        _ => Spec::Rev {
            rev: arg,
            folder: None,
        },
    }
}

/// Load both sides. `new` defaults to the working tree's `constitution/`; `folder` is the
/// constitution folder inside the repository for revisions (default: the other side's folder
/// when it is inside the repository, else `constitution`).
pub fn load_pair(
    old: &str,
    new: Option<&str>,
    folder: Option<&str>,
) -> Result<(Version, Version), String> {
    let new = new.unwrap_or(DEFAULT_FOLDER);
    let (o, n) = (classify(old), classify(new));
    let needs_git = matches!(o, Spec::Rev { .. }) || matches!(n, Spec::Rev { .. });
    let repo = if needs_git {
        git::repository(Path::new("."))
    } else {
        None
    };
    // The folder inside the repository that a revision is read from.
    let hint = |other: &Spec<'_>| -> String {
        if let Some(f) = folder {
            return f.to_string();
        }
        if let (Spec::Dir(d), Some(r)) = (other, &repo) {
            if let Some(p) = git::path_in_repo(r, Path::new(d)) {
                return p;
            }
        }
        DEFAULT_FOLDER.to_string()
    };
    let load = |spec: &Spec<'_>, other: &Spec<'_>| -> Result<Version, String> {
        match spec {
            Spec::Dir(d) => from_dir(d),
            Spec::Rev { rev, folder: f } => {
                let Some(r) = &repo else {
                    return Err(format!(
                        "`{rev}` is neither a constitution folder nor a revision: the current directory is not in a git repository"
                    ));
                };
                let folder = f.map(str::to_string).unwrap_or_else(|| hint(other));
                from_git(r, rev, &folder)
            }
        }
    };
    if let (Spec::Dir(a), Spec::Dir(b)) = (&o, &n) {
        // Two folders: read and parse them side by side.
        let (a, b) = crate::par::join(|| from_dir(a), || from_dir(b));
        return Ok((a?, b?));
    }
    Ok((load(&o, &n)?, load(&n, &o)?))
}

fn fatal_message(f: load::Fatal) -> String {
    crate::report::human(&f.0, &[], false)
        .trim_end()
        .to_string()
}

/// Assemble files into a constitution.
fn build(files: Vec<RawFile>, what: &str) -> Result<Constitution, String> {
    load::assemble(files)
        .map(|(c, _)| c)
        .map_err(|f| format!("{what} is not a constitution:\n{}", fatal_message(f)))
}

/// A constitution with no documents.
pub fn empty() -> Constitution {
    let files = vec![RawFile {
        path: load::CONFIG_FILE.to_string(),
        bytes: b"council: \"\"\ntitle: \"\"\nparts: []\n".to_vec(),
    }];
    load::assemble(files)
        .expect("the empty configuration is valid")
        .0
}

fn from_dir(dir: &str) -> Result<Version, String> {
    let label = dir.trim_end_matches('/').to_string();
    // Only a folder with nothing in it is the empty constitution; any other folder without
    // `constitution.yaml` is a mistake worth saying so.
    let nothing = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
    if nothing {
        return Ok(Version {
            constitution: empty(),
            label,
            commit: None,
        });
    }
    let (files, _) = load::read_dir(Path::new(dir)).map_err(fatal_message)?;
    Ok(Version {
        constitution: build(files, &format!("`{dir}`"))?,
        label,
        commit: None,
    })
}

fn from_git(repo: &gix::Repository, rev: &str, folder: &str) -> Result<Version, String> {
    let got = git::read_revision(repo, rev, folder)?;
    let short = &got.commit.id[..got.commit.id.len().min(7)];
    Ok(Version {
        constitution: build(got.files, &format!("`{folder}` at `{rev}`"))?,
        label: format!("{rev} ({short})"),
        commit: Some(got.commit),
    })
}
