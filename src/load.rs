//! Loading a constitution folder: the only place clerk reads the file system on the way in.
//!
//! [`load_dir`] walks the folder in sorted order and reads bytes; [`assemble`] turns those
//! bytes into a [`Constitution`] without touching the disk, so tests and other front ends
//! (git revisions, imports) can build a constitution from memory.

use crate::config::{self, Config};
use crate::diag::Diagnostic;
use crate::frontmatter::{self, Meta, Status};
use crate::model::{Constitution, Document};
use crate::parse;
use crate::rules;
use crate::source::{FileId, SourceFile};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

/// Files larger than this are refused: no constitution document comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The name of the configuration file at the root of a constitution.
pub const CONFIG_FILE: &str = "constitution.yaml";

/// A file as read from disk, before it is known to be text.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// Relative path with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why a run could not produce a constitution at all (exit status 2): the diagnostics, and
/// the files they quote.
#[derive(Debug)]
pub struct Fatal(pub Vec<Diagnostic>, pub Vec<SourceFile>);

/// Read a constitution folder from disk and assemble it.
pub fn load_dir(root: &Path) -> Result<(Constitution, Vec<Diagnostic>), Fatal> {
    let (files, mut diags) = read_dir(root)?;
    let (c, more) = assemble(files).map_err(|mut f| {
        for d in f.0.iter_mut().filter(|d| d.rule == rules::MISSING_CONFIG) {
            d.message = format!("{} has no {CONFIG_FILE}", root.display());
            d.path = root.join(CONFIG_FILE).display().to_string();
        }
        f
    })?;
    diags.extend(more);
    Ok((c, diags))
}

/// Walk `root` in sorted order: `constitution.yaml` at the top, and `*.md` documents in the
/// Part folders below it. Markdown at the top level (a README, notes) is not a document.
pub fn read_dir(root: &Path) -> Result<(Vec<RawFile>, Vec<Diagnostic>), Fatal> {
    let shown = root.display().to_string();
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(fatal(rules::IO_ERROR, &shown, "is not a folder")),
        Err(e) => {
            return Err(fatal(
                rules::IO_ERROR,
                &shown,
                &format!("cannot be read: {e}"),
            ))
        }
    }
    // A folder without constitution.yaml is not a constitution: say so at once rather than
    // walk it (`clerk check /` would read every Markdown file on the machine first). A
    // constitution.yaml that is a link, a pipe or a folder is not one either.
    match std::fs::symlink_metadata(root.join(CONFIG_FILE)) {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            let what = if m.file_type().is_symlink() {
                "a symbolic link (never followed)"
            } else if m.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            };
            let path = root.join(CONFIG_FILE).display().to_string();
            return Err(fatal(rules::MISSING_CONFIG, &path, &format!("is {what}; write it as a plain file")));
        }
        Err(_) => {
            return Err(Fatal(
                vec![Diagnostic::of(
                    rules::MISSING_CONFIG,
                    format!("{} has no {CONFIG_FILE}", root.display()),
                )
                .at_path(root.join(CONFIG_FILE).display().to_string(), None)
                .help("point clerk at a constitution folder (default `constitution/`), or create constitution.yaml: see docs/FORMAT.md")],
                Vec::new(),
            ))
        }
    }
    // Walk first, then read the files found on every core.
    let mut wanted: Vec<(String, std::path::PathBuf)> = Vec::new();
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| shown.clone());
                diags.push(
                    Diagnostic::of(rules::IO_ERROR, format!("cannot be read: {e}"))
                        .at_path(path, None),
                );
                continue;
            }
        };
        let path = rel(root, entry.path());
        let is_config = entry.depth() == 1 && path == CONFIG_FILE;
        let is_doc = entry.depth() >= 2 && path.ends_with(".md");
        if entry.path_is_symlink() {
            // Never followed: links can loop or lead out of the constitution. Say so, so
            // a document behind a link is not silently left unchecked.
            {
                diags.push(
                    Diagnostic::of(rules::SYMLINK, "symbolic link not followed")
                        .at_path(path, None)
                        .help("move the document itself into the constitution folder"),
                );
            }
            continue;
        }
        if !(entry.file_type().is_file() && (is_config || is_doc)) {
            continue;
        }
        wanted.push((path, entry.into_path()));
    }
    for ((path, _), read) in wanted
        .iter()
        .zip(crate::par::map(&wanted, |(_, p)| read_file(p)))
    {
        match read {
            Ok(bytes) => files.push(RawFile {
                path: path.clone(),
                bytes,
            }),
            Err(d) => diags.push(d.at_path(path.clone(), None)),
        }
    }
    Ok((files, diags))
}

/// Read one input file, the only way clerk reads a user's file: a regular file of at most
/// [`MAX_FILE_BYTES`], refused (not read) when larger, and never more than that read even if
/// it grows meanwhile. A FIFO, device or folder is refused with a diagnostic, so `/dev/zero`
/// or a named pipe cannot hang or exhaust memory.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot =
        |e: std::io::Error| Diagnostic::of(rules::IO_ERROR, format!("cannot be read: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(Diagnostic::of(
            rules::IO_ERROR,
            "is not a regular file (a folder, pipe or device); clerk reads only files",
        ));
    }
    let too_large = |len: u64| {
        Diagnostic::of(
            rules::FILE_TOO_LARGE,
            format!(
                "file is {} MiB; clerk reads documents of up to {} MiB",
                len >> 20,
                MAX_FILE_BYTES >> 20
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn rel(root: &Path, p: &Path) -> String {
    let r = p.strip_prefix(root).unwrap_or(p);
    r.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn fatal(rule: &'static rules::Rule, path: &str, msg: &str) -> Fatal {
    Fatal(
        vec![Diagnostic::of(rule, format!("{path} {msg}")).at_path(path, None)],
        Vec::new(),
    )
}

/// Decode bytes as UTF-8, or say where the first bad byte is.
fn decode(raw: RawFile) -> Result<SourceFile, Diagnostic> {
    match String::from_utf8(raw.bytes) {
        Ok(text) => Ok(SourceFile::new(
            raw.path,
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        )),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..at])
                .chars()
                .count()
                + 1;
            Err(Diagnostic::of(
                rules::NOT_UTF8,
                format!("byte 0x{:02X} is not valid UTF-8", bytes[at]),
            )
            .at_path(raw.path, Some((line, col)))
            .help("save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))"))
        }
    }
}

/// Build a constitution from files already in memory. Fails (exit status 2) only when there
/// is no usable `constitution.yaml`; every other problem is a diagnostic.
pub fn assemble(raw: Vec<RawFile>) -> Result<(Constitution, Vec<Diagnostic>), Fatal> {
    let mut diags = Vec::new();
    let has_config = raw.iter().any(|r| r.path == CONFIG_FILE);
    let mut files = Vec::new();
    for decoded in crate::par::map_owned(raw, decode) {
        match decoded {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    // The config comes first in the file list so FileId::CONFIG is always constitution.yaml.
    let Some(ci) = files.iter().position(|f| f.path == CONFIG_FILE) else {
        if !has_config {
            diags.push(
                Diagnostic::of(rules::MISSING_CONFIG, format!("no {CONFIG_FILE} in this folder"))
                    .at_path(CONFIG_FILE, None)
                    .help("point clerk at a constitution folder (default `constitution/`), or create constitution.yaml: see docs/FORMAT.md"),
            );
        }
        return Err(Fatal(diags, Vec::new()));
    };
    let cfg = files.remove(ci);
    files.insert(0, cfg);
    let config = match config::parse_config(FileId::CONFIG, &files[0]) {
        Ok(c) => c,
        Err(mut d) => {
            // The files go away with the failed run: keep the line and column instead.
            let (line, col) = files[0].line_col(d.span.start);
            d.file = None;
            d.position = Some((line, col));
            diags.push(d);
            files.truncate(1);
            return Err(Fatal(diags, files));
        }
    };
    // File 0 is constitution.yaml; every other file is a document.
    let parsed = crate::par::map_indices(files.len() - 1, |k| {
        document(FileId(k as u32 + 1), &files[k + 1])
    });
    let mut documents = Vec::with_capacity(parsed.len());
    for (doc, more) in parsed {
        diags.extend(more);
        documents.push(doc);
    }
    diags.extend(check_identity(&config, &files, &documents));
    Ok((
        Constitution {
            config,
            files,
            documents,
        },
        diags,
    ))
}

fn fallback_meta(path: &str) -> Meta {
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    Meta {
        id: stem.to_string(),
        title: stem.to_string(),
        part: String::new(),
        part_span: 0..0,
        short: None,
        long: Vec::new(),
        status: Status::Draft,
        adopted: None,
        amended: None,
        unit: None,
    }
}

/// Parse one document file. A document whose front matter is broken is still parsed, with
/// fallback metadata, so one run shows every problem.
pub fn document(file: FileId, source: &SourceFile) -> (Document, Vec<Diagnostic>) {
    let (meta, body, diags) = match frontmatter::split(&source.text) {
        Some(split) => {
            let (meta, diags) = frontmatter::parse_meta(file, source, &split);
            (meta, split.body, diags)
        }
        None => (
            None,
            0..source.text.len(),
            vec![Diagnostic::of(
                rules::FRONT_MATTER,
                if source.text.starts_with("---") {
                    "front matter is not closed: no `---` line after it"
                } else {
                    "document has no front matter"
                },
            )
                .at(file, &source.path, 0..source.text.find('\n').unwrap_or(source.text.len()))
                .help("start the file with a `---` line, then `id:`, `title:` and `part:`, then a closing `---` line")],
        ),
    };
    let unit = meta.as_ref().and_then(|m| m.unit.as_deref());
    let parsed = parse::parse_body_with_unit(&source.text, body.clone(), unit);
    let meta_ok = meta.is_some();
    let doc = Document {
        file,
        meta: meta.unwrap_or_else(|| fallback_meta(&source.path)),
        meta_ok,
        body,
        clauses: parsed.clauses,
        runs: parsed.runs,
        links: parsed.links,
        headings: parsed.headings,
    };
    (doc, diags)
}

/// Document ids must be unique and every document must sit in a declared Part.
fn check_identity(config: &Config, files: &[SourceFile], docs: &[Document]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut seen: HashMap<&str, &Document> = HashMap::default();
    for d in docs.iter().filter(|d| d.meta_ok) {
        let f = &files[d.file.0 as usize];
        if let Some(first) = seen.get(d.meta.id.as_str()).copied() {
            let first_path = &files[first.file.0 as usize].path;
            diags.push(
                Diagnostic::of(
                    rules::DUPLICATE_ID,
                    format!("document id `{}` is also used by {first_path}", d.meta.id),
                )
                .at(d.file, &f.path, id_span(f))
                .document(Some(&d.meta.id))
                .help("give each document its own id"),
            );
        }
        seen.entry(&d.meta.id).or_insert(d);
        let top = d.meta.part.split('.').next().unwrap_or("");
        if !top.is_empty() && !config.parts.iter().any(|p| p.number == top) {
            let known: Vec<_> = config.parts.iter().map(|p| p.number.as_str()).collect();
            diags.push(
                Diagnostic::of(
                    rules::UNKNOWN_PART,
                    format!("Part {top} is not declared in constitution.yaml"),
                )
                .at(d.file, &f.path, d.meta.part_span.clone())
                .document(Some(&d.meta.id))
                .help(format!("declared Parts: {}", known.join(", "))),
            );
        }
    }
    diags
}

fn id_span(f: &SourceFile) -> std::ops::Range<usize> {
    f.text
        .find("\nid:")
        .map(|i| (i + 1)..(i + 1 + f.text[i + 1..].find('\n').unwrap_or(0)))
        .unwrap_or(0..0)
}
