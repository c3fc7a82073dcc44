//! Fixes as edits: a fix never rewrites a document, it proposes byte-range splices on the
//! source text, shows them as a unified diff, and applies them only when asked.
//!
//! [`apply`] splices edits into a text; [`unified`] shows what would change; [`write_all`]
//! commits new texts to disk atomically (all temp files written and synced first, then
//! renamed), through the [`Sink`] trait so tests can inject failures.

pub mod rename;
pub mod renumber;

use crate::source::Span;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Replace `span` of a file's text with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// Apply non-overlapping edits to `source`. Edits are sorted first; an edit that overlaps an
/// earlier one is a bug in the fix that produced it, so it panics in debug builds and is
/// skipped otherwise.
pub fn apply(source: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(source.len() + 64);
    let mut at = 0;
    for e in sorted {
        debug_assert!(e.span.start >= at, "overlapping edits at {:?}", e.span);
        if e.span.start < at {
            continue;
        }
        out.push_str(&source[at..e.span.start]);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(&source[at..]);
    out
}

/// A unified diff of one file, with `a/` and `b/` paths as git shows them.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Where new file contents go. The real sink writes to disk; tests inject failures.
pub trait Sink {
    /// Write `bytes` to a temporary file beside `path`, synced, and return its path.
    fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf>;
    /// Atomically replace `path` with the staged file.
    fn commit(&mut self, staged: &Path, path: &Path) -> std::io::Result<()>;
    /// Remove a staged file after a failure.
    fn discard(&mut self, staged: &Path);
}

/// Writes through temp files in the same directory, fsync, then rename: for replacing a
/// user's sources, where a crash must leave either the old file or the new one on disk.
pub struct Disk;

/// Writes through temp files and rename, without fsync: for files that did not exist before
/// (a fresh import). Readers still never see a half-written file; after a power cut a new
/// file may be missing, which re-running the command repairs. Syncing dozens of new files
/// one by one would cost more than the whole import.
pub struct NewFiles;

fn stage_at(path: &Path, bytes: &[u8], durable: bool) -> std::io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.clerk-{}.tmp", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    if durable {
        f.sync_all()?;
    }
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    Ok(tmp)
}

fn commit_at(staged: &Path, path: &Path, durable: bool) -> std::io::Result<()> {
    std::fs::rename(staged, path)?;
    if durable {
        if let Some(dir) = path.parent() {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
    }
    Ok(())
}

impl Sink for Disk {
    fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
        stage_at(path, bytes, true)
    }

    fn commit(&mut self, staged: &Path, path: &Path) -> std::io::Result<()> {
        commit_at(staged, path, true)
    }

    fn discard(&mut self, staged: &Path) {
        let _ = std::fs::remove_file(staged);
    }
}

impl Sink for NewFiles {
    fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
        stage_at(path, bytes, false)
    }

    fn commit(&mut self, staged: &Path, path: &Path) -> std::io::Result<()> {
        commit_at(staged, path, false)
    }

    fn discard(&mut self, staged: &Path) {
        let _ = std::fs::remove_file(staged);
    }
}

/// Write edited sources of a constitution loaded from `dir` (all or none, durably): the last
/// step of `clerk renumber --write` and `clerk rename --write`. Returns the files replaced.
pub fn write_sources(
    dir: &Path,
    c: &crate::model::Constitution,
    texts: &[(crate::source::FileId, String)],
) -> Result<Vec<PathBuf>, String> {
    let files: Vec<_> = texts
        .iter()
        .map(|(fid, t)| (dir.join(&c.file(*fid).path), t.clone()))
        .collect();
    write_all(&mut Disk, &files).map_err(|e| e.to_string())
}

/// Write every `(path, contents)` or none: all are staged first; if any staging fails the
/// staged files are removed and no source is touched. Returns the paths replaced.
pub fn write_all(
    sink: &mut dyn Sink,
    files: &[(PathBuf, String)],
) -> std::io::Result<Vec<PathBuf>> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, text) in files {
        match sink.stage(path, text.as_bytes()) {
            Ok(tmp) => staged.push((tmp, path.clone())),
            Err(e) => {
                for (tmp, _) in &staged {
                    sink.discard(tmp);
                }
                return Err(std::io::Error::new(
                    e.kind(),
                    format!("{}: {e}; no file was changed", path.display()),
                ));
            }
        }
    }
    let mut done = Vec::new();
    for (i, (tmp, path)) in staged.iter().enumerate() {
        if let Err(e) = sink.commit(tmp, path) {
            for (t, _) in &staged[i..] {
                sink.discard(t);
            }
            let changed: Vec<String> = done
                .iter()
                .map(|p: &PathBuf| p.display().to_string())
                .collect();
            return Err(std::io::Error::new(
                e.kind(),
                format!(
                    "{}: {e}; files already replaced: {}",
                    path.display(),
                    if changed.is_empty() {
                        "none".into()
                    } else {
                        changed.join(", ")
                    }
                ),
            ));
        }
        done.push(path.clone());
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_splice_by_byte_range() {
        let s = "2.1 a\n2.0 b\n";
        let edits = [
            Edit {
                span: 6..9,
                text: "2.2".into(),
            },
            Edit {
                span: 0..3,
                text: "2.1".into(),
            },
        ];
        assert_eq!(apply(s, &edits), "2.1 a\n2.2 b\n");
    }

    struct Failing {
        fail_at: usize,
        staged: usize,
        discarded: Vec<PathBuf>,
    }

    impl Sink for Failing {
        fn stage(&mut self, path: &Path, _: &[u8]) -> std::io::Result<PathBuf> {
            self.staged += 1;
            if self.staged == self.fail_at {
                return Err(std::io::Error::other("disk full"));
            }
            Ok(path.with_extension("tmp"))
        }
        fn commit(&mut self, _: &Path, _: &Path) -> std::io::Result<()> {
            panic!("nothing may be committed after a staging failure");
        }
        fn discard(&mut self, staged: &Path) {
            self.discarded.push(staged.to_path_buf());
        }
    }

    #[test]
    fn a_failure_while_staging_changes_nothing() {
        let mut sink = Failing {
            fail_at: 2,
            staged: 0,
            discarded: vec![],
        };
        let files = vec![
            (PathBuf::from("a.md"), "x".into()),
            (PathBuf::from("b.md"), "y".into()),
        ];
        let err = write_all(&mut sink, &files).unwrap_err();
        assert!(err.to_string().contains("no file was changed"));
        assert_eq!(sink.discarded, vec![PathBuf::from("a.tmp")]);
    }
}
