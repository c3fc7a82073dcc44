//! Reading one side of a diff out of a git revision of the current repository with `gix`:
//! the blobs under the constitution folder at that revision become [`RawFile`]s for
//! [`crate::load::assemble`], exactly as [`crate::load::read_dir`] would have read them from
//! a working tree (`constitution.yaml` at the top, `*.md` documents in sub-folders, hidden
//! entries and symbolic links skipped).
//!
//! This module does not parse, align or render anything; it also never writes to the
//! repository.

use crate::load::{RawFile, CONFIG_FILE, MAX_FILE_BYTES};
use std::path::{Path, PathBuf};

/// The commit a revision resolved to, for labels and for the author and date of changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitInfo {
    /// The revision as the user wrote it.
    pub rev: String,
    /// The full commit id.
    pub id: String,
    pub author: String,
    /// The author date, `YYYY-MM-DD`, in the author's own time zone.
    pub date: String,
}

/// A constitution read from git: its files and the commit they came from.
pub struct FromGit {
    pub files: Vec<RawFile>,
    pub commit: CommitInfo,
}

/// The repository that contains `dir` (or the current directory), if any.
pub fn repository(dir: &Path) -> Option<gix::Repository> {
    gix::discover(dir).ok()
}

/// The path of `dir` relative to the repository's working tree, with `/` separators, when
/// `dir` is inside it.
pub fn path_in_repo(repo: &gix::Repository, dir: &Path) -> Option<String> {
    let root = repo.workdir()?.canonicalize().ok()?;
    let dir = dir.canonicalize().ok()?;
    let rel = dir.strip_prefix(&root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

fn resolve<'r>(repo: &'r gix::Repository, rev: &str) -> Result<gix::Commit<'r>, String> {
    let id = repo.rev_parse_single(rev).map_err(|e| {
        format!("`{rev}` is neither a constitution folder nor a revision of this repository ({e})")
    })?;
    let object = id
        .object()
        .map_err(|e| format!("`{rev}` cannot be read: {e}"))?;
    object
        .peel_to_commit()
        .map_err(|e| format!("`{rev}` does not name a commit: {e}"))
}

/// Read the constitution folder `folder` (relative to the repository root, `""` for the
/// root itself) at revision `rev`.
pub fn read_revision(repo: &gix::Repository, rev: &str, folder: &str) -> Result<FromGit, String> {
    let commit = resolve(repo, rev)?;
    let info = commit_info(&commit, rev)?;
    let tree = commit
        .tree()
        .map_err(|e| format!("`{rev}`: cannot read its tree: {e}"))?;
    let folder = folder.trim_matches('/');
    let tree = if folder.is_empty() || folder == "." {
        tree
    } else {
        let entry = tree
            .lookup_entry_by_path(PathBuf::from(folder))
            .map_err(|e| format!("`{rev}`: cannot read `{folder}`: {e}"))?
            .ok_or_else(|| format!("`{rev}` has no folder `{folder}`"))?;
        if !entry.mode().is_tree() {
            return Err(format!("`{rev}`: `{folder}` is not a folder"));
        }
        entry
            .object()
            .map_err(|e| format!("`{rev}`: cannot read `{folder}`: {e}"))?
            .into_tree()
    };
    let entries = tree
        .traverse()
        .breadthfirst
        .files()
        .map_err(|e| format!("`{rev}`: cannot list `{folder}`: {e}"))?;
    let mut files = Vec::new();
    for e in entries {
        let path = String::from_utf8_lossy(&e.filepath).into_owned();
        let hidden = path.split('/').any(|c| c.starts_with('.'));
        let depth = path.split('/').count();
        let wanted = (depth == 1 && path == CONFIG_FILE) || (depth >= 2 && path.ends_with(".md"));
        if hidden || !wanted || !e.mode.is_blob() {
            continue;
        }
        let blob = repo
            .find_object(e.oid)
            .map_err(|err| format!("`{rev}`: cannot read `{path}`: {err}"))?;
        if blob.data.len() as u64 > MAX_FILE_BYTES {
            return Err(format!(
                "`{rev}`: `{path}` is larger than {} MiB",
                MAX_FILE_BYTES >> 20
            ));
        }
        files.push(RawFile {
            path,
            bytes: blob.detach().data,
        });
    }
    // The same sorted (byte) order as a folder walk, so both sides list documents alike.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(FromGit {
        files,
        commit: info,
    })
}

fn commit_info(commit: &gix::Commit<'_>, rev: &str) -> Result<CommitInfo, String> {
    let author = commit
        .author()
        .map_err(|e| format!("`{rev}`: cannot read the commit's author: {e}"))?;
    let time = author
        .time()
        .map_err(|e| format!("`{rev}`: cannot read the commit's date: {e}"))?;
    Ok(CommitInfo {
        rev: rev.to_string(),
        id: commit.id.to_string(),
        author: author.name.to_string().trim().to_string(),
        date: civil_date(time.seconds + i64::from(time.offset)),
    })
}

/// `YYYY-MM-DD` of a count of seconds since 1970-01-01 (proleptic Gregorian calendar).
pub fn civil_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    // Howard Hinnant's days-from-civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_709_000_000), "2024-02-27");
        assert_eq!(civil_date(-86_400), "1969-12-31");
    }
}
