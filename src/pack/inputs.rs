//! Reading everything a pack is made of: the meeting file, the constitution it names, each
//! report and each annex file. This is the only part of `clerk pack` that reads the file
//! system, and it refuses any path that is absolute or leads (lexically, or through a
//! symbolic link) outside the meeting's folder or the constitution.
//!
//! Everything read is put into one [`Constitution`] — the constitution's own documents first,
//! then the reports and annex files — so diagnostics can quote any of them and the
//! constitution's passes run on reports unchanged. Checking what was read is
//! [`super::checks`]'s job.

use super::meeting::{self, AnnexSource, At, DocRef, ItemBody, Meeting};
use super::report::{self, Header};
use crate::diag::Diagnostic;
use crate::load::{self, Fatal, MAX_FILE_BYTES};
use crate::model::Constitution;
use crate::rules::{self, Step};
use crate::source::{FileId, SourceFile};
use std::path::{Component, Path, PathBuf};

/// A document an annex prints or compares, resolved to an index in
/// [`Inputs::constitution`]'s documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocIx(pub usize);

/// What an annex holds, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnexInput {
    Document(DocIx),
    Redline { document: DocIx, against: DocIx },
    KeyChanges { document: DocIx, against: DocIx },
}

#[derive(Clone, Debug)]
pub struct ReportInput {
    pub header: Header,
    /// The report's body as a document of [`Inputs::constitution`].
    pub doc: DocIx,
    /// One per annex of the item, in the meeting file's order.
    pub annexes: Vec<AnnexInput>,
}

/// A pack's input, read and parsed; checks have not run yet.
pub struct Inputs {
    pub meeting: Meeting,
    pub meeting_file: FileId,
    /// The constitution's documents, then reports and annex files; every file read.
    pub constitution: Constitution,
    /// How many of [`Inputs::constitution`]'s documents are the constitution's own.
    pub own_documents: usize,
    /// One per agenda item: its report, when it has one.
    pub reports: Vec<Option<ReportInput>>,
    /// Diagnostics found while reading (errors mean there is no pack).
    pub diagnostics: Vec<Diagnostic>,
}

/// Why no input could be assembled: the meeting file itself is broken (exit 1), or the run
/// could not start (exit 2: unreadable meeting file or constitution).
pub enum Failed {
    Meeting {
        files: Vec<SourceFile>,
        diagnostics: Vec<Diagnostic>,
    },
    Fatal(Fatal),
}

fn read_text(path: &Path, shown: &str) -> Result<String, (bool, String)> {
    let meta = std::fs::metadata(path).map_err(|e| (false, format!("{shown}: {e}")))?;
    if !meta.is_file() {
        return Err((false, format!("{shown} is not a file")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err((true, format!("{shown} is larger than 16 MiB")));
    }
    let bytes = std::fs::read(path).map_err(|e| (false, format!("{shown}: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        (
            true,
            format!(
                "{shown} is not UTF-8 text (byte {} is not valid)",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Remove `.` and resolve `..` without touching the disk; `None` when `..` climbs above the
/// start of a relative path.
pub fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    let mut depth = 0usize;
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if depth == 0 {
                    if out.has_root() {
                        continue;
                    }
                    return None;
                }
                out.pop();
                depth -= 1;
            }
            Component::Normal(s) => {
                out.push(s);
                depth += 1;
            }
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

fn shown(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
        .replace("//", "/")
}

/// The folder holding a meeting's reports and annex files: the meeting file without `.yaml`.
pub fn meeting_folder(meeting_path: &Path) -> PathBuf {
    meeting_path.with_extension("")
}

struct Reader<'a> {
    folder: PathBuf,
    constitution_dir: PathBuf,
    meeting_file: FileId,
    meeting_path: &'a str,
    c: &'a mut Constitution,
    diags: &'a mut Vec<Diagnostic>,
    /// Files already read, by path shown, with their document index.
    seen: Vec<(String, usize)>,
    /// How many documents are the constitution's own (ids name only these).
    own: usize,
}

impl Reader<'_> {
    fn at_meeting(&self, rule: &'static rules::Rule, at: &At<String>, msg: String) -> Diagnostic {
        Diagnostic::of(rule, msg).at(self.meeting_file, self.meeting_path, at.span.clone())
    }

    /// Resolve a path written in the meeting file; it must stay inside the meeting's folder
    /// or the constitution, on paper and on disk.
    fn resolve(&self, at: &At<String>) -> Result<(PathBuf, String), Diagnostic> {
        let raw = at.value.trim();
        let outside = |why: &str| {
            self.at_meeting(
                rules::PATH_OUTSIDE,
                at,
                format!("`{raw}` {why}"),
            )
            .help(format!(
                "name files relative to the meeting's folder {}/, e.g. `item-4-report.md`; name constitution documents by id",
                shown(&self.folder)
            ))
        };
        let p = Path::new(raw);
        if raw.is_empty() {
            return Err(self.at_meeting(rules::MISSING_FILE, at, "empty file name".into()));
        }
        if p.is_absolute() || raw.starts_with(['/', '\\']) || raw.contains(':') {
            return Err(outside("is an absolute path"));
        }
        let inside = |full: &Path, roots: &[&Path]| roots.iter().any(|r| full.starts_with(r));
        let full = normalize(&self.folder.join(p));
        let folder = normalize(&self.folder).unwrap_or_default();
        let cdir = normalize(&self.constitution_dir).unwrap_or_default();
        let Some(full) = full.filter(|f| inside(f, &[&folder, &cdir])) else {
            return Err(outside("leads outside the meeting's folder"));
        };
        let display = shown(&full);
        if !full.exists() {
            return Err(self
                .at_meeting(rules::MISSING_FILE, at, format!("no such file: {display}"))
                .help(format!(
                    "reports and annex files live in {}/",
                    shown(&folder)
                )));
        }
        let canon = |p: &Path| p.canonicalize().ok();
        match (canon(&full), canon(&folder), canon(&cdir)) {
            (Some(f), cf, cc)
                if cf.as_deref().is_some_and(|r| f.starts_with(r))
                    || cc.as_deref().is_some_and(|r| f.starts_with(r)) =>
            {
                Ok((full, display))
            }
            (Some(_), _, _) => Err(outside(
                "is a symbolic link that leads outside the meeting's folder",
            )),
            (None, _, _) => {
                Err(self.at_meeting(rules::MISSING_FILE, at, format!("{display} cannot be read")))
            }
        }
    }

    /// Read a file and add it to the pack's files.
    fn read(&mut self, at: &At<String>) -> Option<(FileId, String)> {
        let (full, display) = match self.resolve(at) {
            Ok(x) => x,
            Err(d) => {
                self.diags.push(d);
                return None;
            }
        };
        match read_text(&full, &display) {
            Ok(text) => {
                let id = FileId(self.c.files.len() as u32);
                self.c.files.push(SourceFile::new(display.clone(), text));
                Some((id, display))
            }
            Err((_, msg)) => {
                self.diags
                    .push(self.at_meeting(rules::MISSING_FILE, at, msg));
                None
            }
        }
    }

    fn report(&mut self, item: u32, at: &At<String>) -> Option<(Header, DocIx)> {
        let (fid, _) = self.read(at)?;
        let source = &self.c.files[fid.0 as usize];
        match report::parse(fid, source, &format!("report-{item}")) {
            Ok(r) => {
                self.c.documents.push(r.document);
                Some((r.header, DocIx(self.c.documents.len() - 1)))
            }
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn document(&mut self, r: &DocRef) -> Option<DocIx> {
        match r {
            DocRef::Id(at) => match self.c.documents[..self.own]
                .iter()
                .position(|d| d.meta.id == at.value)
            {
                Some(i) => Some(DocIx(i)),
                None => {
                    let ids: Vec<&str> = self.c.documents[..self.own]
                        .iter()
                        .map(|d| d.meta.id.as_str())
                        .collect();
                    let d = self
                        .at_meeting(
                            rules::UNKNOWN_DOCUMENT,
                            at,
                            format!("the constitution has no document `{}`", at.value),
                        )
                        .help(format!(
                            "documents: {}; a file in the meeting's folder is named with its `.md` ending",
                            ids.join(", ")
                        ));
                    self.diags.push(d);
                    None
                }
            },
            DocRef::File(at) => {
                let display =
                    shown(&normalize(&self.folder.join(at.value.trim())).unwrap_or_default());
                if let Some(&(_, i)) = self.seen.iter().find(|(p, _)| *p == display) {
                    return Some(DocIx(i));
                }
                let (fid, display) = self.read(at)?;
                let (mut doc, more) = load::document(fid, &self.c.files[fid.0 as usize]);
                let ok = doc.meta_ok;
                self.diags.extend(more);
                if !ok {
                    return None;
                }
                // A file is not part of the constitution: it must not answer to citations or
                // take a constitution document's id.
                doc.meta.id = format!("file:{display}");
                doc.meta.short = None;
                doc.meta.long.clear();
                self.c.documents.push(doc);
                let i = self.c.documents.len() - 1;
                self.seen.push((display, i));
                Some(DocIx(i))
            }
        }
    }
}

/// Read a meeting file and everything it names.
pub fn read(meeting_path: &Path) -> Result<Inputs, Failed> {
    let path_shown = shown(meeting_path);
    let text = read_text(meeting_path, &path_shown).map_err(|(_, msg)| {
        Failed::Fatal(Fatal(
            vec![Diagnostic::new(
                rules::IO_ERROR,
                rules::IO_ERROR.severity_at(Step::Pack),
                format!("cannot read the meeting file: {msg}"),
            )
            .at_path(path_shown.clone(), None)],
            Vec::new(),
        ))
    })?;
    let source = SourceFile::new(path_shown.clone(), text);
    let meeting = match meeting::parse(FileId(0), &source) {
        Ok(m) => m,
        Err(diagnostics) => {
            return Err(Failed::Meeting {
                files: vec![source],
                diagnostics,
            })
        }
    };
    let base = meeting_path.parent().unwrap_or(Path::new(""));
    let constitution_dir = normalize(&base.join(&meeting.constitution.value))
        .unwrap_or_else(|| base.join(&meeting.constitution.value));
    let (mut c, mut diags) = load::load_dir(&constitution_dir).map_err(Failed::Fatal)?;
    let cshown = shown(&constitution_dir);
    for f in &mut c.files {
        f.path = format!("{cshown}/{}", f.path);
    }
    for d in &mut diags {
        d.path = format!("{cshown}/{}", d.path);
    }
    let own_documents = c.documents.len();
    let meeting_file = FileId(c.files.len() as u32);
    c.files.push(source);
    let mut reports = Vec::with_capacity(meeting.items.len());
    {
        let mut r = Reader {
            folder: meeting_folder(meeting_path),
            constitution_dir,
            meeting_file,
            meeting_path: &path_shown,
            c: &mut c,
            diags: &mut diags,
            seen: Vec::new(),
            own: own_documents,
        };
        for item in &meeting.items {
            let ItemBody::Report { path, annexes } = &item.body else {
                reports.push(None);
                continue;
            };
            let report = r.report(item.number.value, path);
            let mut inputs = Vec::new();
            for a in annexes {
                let got = match &a.source {
                    AnnexSource::Document(d) => r.document(d).map(AnnexInput::Document),
                    AnnexSource::Redline { document, against } => {
                        match (r.document(document), r.document(against)) {
                            (Some(document), Some(against)) => {
                                Some(AnnexInput::Redline { document, against })
                            }
                            _ => None,
                        }
                    }
                    AnnexSource::KeyChanges { document, against } => {
                        match (r.document(document), r.document(against)) {
                            (Some(document), Some(against)) => {
                                Some(AnnexInput::KeyChanges { document, against })
                            }
                            _ => None,
                        }
                    }
                };
                inputs.extend(got);
            }
            reports.push(report.and_then(|(header, doc)| {
                (inputs.len() == annexes.len()).then_some(ReportInput {
                    header,
                    doc,
                    annexes: inputs,
                })
            }));
        }
    }
    Ok(Inputs {
        meeting,
        meeting_file,
        constitution: c,
        own_documents,
        reports,
        diagnostics: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_lexical_and_refuses_to_climb() {
        let n = |s: &str| normalize(Path::new(s)).map(|p| shown(&p));
        assert_eq!(n("meetings/../constitution"), Some("constitution".into()));
        assert_eq!(n("meetings/x/./a.md"), Some("meetings/x/a.md".into()));
        assert_eq!(n("meetings/x/../../../etc/passwd"), None);
        assert_eq!(n("/a/../../b"), Some("/b".into()));
    }
}
