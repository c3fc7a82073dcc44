//! `clerk import`: existing council documents (text or Markdown converted from PDF, and Word
//! `.docx`) turned into the constitution format, without losing a word.
//!
//! Every input becomes a list of [`Block`]s (paragraphs, list items, tables) read by [`text`]
//! (with [`tabs`] for tab-separated rows) or [`docx`] (with [`numbering`] for Word's list
//! numbers); [`furniture`] removes page furniture; [`split`] cuts a committee pack into
//! documents where a new title is followed by numbering that restarts, and guesses each
//! document's front matter; [`markdown`] writes each document in the source format and reads it
//! back with [`crate::parse`] to prove the clauses came out as intended; [`write`] puts the
//! files on disk. Up to `write` everything is pure: bytes in, texts and diagnostics out.
//!
//! The import never judges numbering: a duplicate or a gap is kept exactly as written, for
//! `clerk check` to report. Whatever it removes (page furniture) or moves out of reading order
//! (margin comments) it reports as a [`Note`], so nothing disappears silently.

pub mod docx;
pub mod furniture;
pub mod markdown;
pub mod numbering;
pub mod split;
pub mod tabs;
pub mod text;
pub mod write;

use crate::diag::Diagnostic;
use crate::rules;
use crate::source::{FileId, SourceFile};

/// One input file as read from disk.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path as the user gave it (shown in diagnostics).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a block of the input is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph (or a line of a cover page).
    Para,
    /// A list item, nested this deep (0 = not indented).
    Bullet(u8),
    /// A heading in the input (a Markdown `#` line or a Word heading style).
    Heading,
    /// A table: rows of cells, every row as long as the longest.
    Table(Vec<Vec<String>>),
}

/// A paragraph, list item or table of an input, with its text on one line. The text keeps the
/// inline markup a PDF converter writes (`**bold**`, `<u>…</u>` insertions); everything else in
/// it is literal and is escaped when written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub text: String,
    /// 1-based line of a text input, or paragraph number of a `.docx`.
    pub line: usize,
    /// A page or document break comes before it (blank lines, a form feed, removed furniture).
    pub break_before: bool,
    /// Text taken out of reading order (a margin comment); reported by a [`Note`].
    pub moved: bool,
}

impl Block {
    pub fn new(kind: Kind, text: impl Into<String>, line: usize) -> Block {
        Block {
            kind,
            text: text.into(),
            line,
            break_before: false,
            moved: false,
        }
    }

    pub fn is_table(&self) -> bool {
        matches!(self.kind, Kind::Table(_))
    }
}

/// What the import did to a piece of input text other than keep it in place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// Removed: page furniture, a change bar, a bullet glyph written as a letter.
    Removed(&'static str),
    /// Kept, but moved out of reading order; says where it was and where it went.
    Moved(&'static str),
}

/// A removal or move, with where the text was in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: NoteKind,
    /// Index of the input in the list given to [`import`].
    pub input: usize,
    pub line: usize,
    pub text: String,
}

/// Something a reader wants reported at a line of its input.
#[derive(Clone, Debug)]
pub struct Issue {
    pub line: usize,
    pub rule: &'static rules::Rule,
    pub message: String,
    pub help: &'static str,
}

/// What reading one input extracted: its blocks, the notes to keep, and the issues found.
#[derive(Default)]
pub struct Extracted {
    pub blocks: Vec<Block>,
    pub notes: Vec<Note>,
    pub issues: Vec<Issue>,
}

/// Front matter guessed for an imported document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub id: String,
    pub title: String,
    /// The Part when the text states it ("Part 4.6.1 …"); `None` writes it to `part-0`.
    pub part: Option<String>,
    pub short: Option<String>,
    pub long: Vec<String>,
}

/// What an imported document seems to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// A numbered document: a protocol, standing orders, rules.
    Document,
    /// A committee report (header table, recommendations, implications).
    Report,
    /// A cover page or agenda.
    Cover,
}

/// One imported document, ready to write.
#[derive(Clone, Debug)]
pub struct Doc {
    pub input: usize,
    /// Where it starts in its input.
    pub line: usize,
    pub meta: Meta,
    pub kind: DocKind,
    /// Path inside the output folder, e.g. `part-0/cso.md`.
    pub path: String,
    /// The whole file: front matter and Markdown body.
    pub text: String,
    /// The clause numbers it holds, as written, in order.
    pub clauses: Vec<String>,
}

/// Everything an import produced.
pub struct Imported {
    pub documents: Vec<Doc>,
    pub notes: Vec<Note>,
    pub diagnostics: Vec<Diagnostic>,
    /// The inputs as text, by [`FileId`], so diagnostics can quote them (empty for `.docx`).
    pub sources: Vec<SourceFile>,
    /// The council's name, when the text gives it.
    pub council: Option<String>,
}

/// The Part documents are written to when their text does not state one.
pub const UNPLACED_PART: &str = "0";

/// Where a diagnostic about an input points.
pub(crate) struct Locator<'a> {
    pub input: usize,
    pub path: &'a str,
    /// The decoded text, for a text input.
    pub source: Option<&'a SourceFile>,
    pub docx: bool,
    /// Byte offset of each line of `source`.
    pub lines: Vec<usize>,
}

impl Locator<'_> {
    /// A diagnostic at a line of the input (a paragraph of a `.docx`), at the rule's
    /// severity.
    pub fn diag(
        &self,
        rule: &'static rules::Rule,
        line: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diag_on(rule, line, None, message)
    }

    /// A diagnostic pointing at `needle` on a line, or at the whole line when it is not there.
    pub fn diag_on(
        &self,
        rule: &'static rules::Rule,
        line: usize,
        needle: Option<&str>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let message = message.into();
        if self.docx || self.source.is_none() {
            let message = if line > 0 {
                format!("{message} (paragraph {line})")
            } else {
                message
            };
            return Diagnostic::of(rule, message).at_path(self.path, None);
        }
        let d = Diagnostic::of(rule, message);
        match self.source {
            Some(src) if !self.docx => {
                let start = self
                    .lines
                    .get(line.saturating_sub(1))
                    .copied()
                    .unwrap_or(src.text.len());
                let end = src.text[start..]
                    .find('\n')
                    .map_or(src.text.len(), |i| start + i);
                let span = needle
                    .and_then(|n| src.text[start..end].find(n))
                    .map_or(start..end, |i| {
                        start + i..start + i + needle.map_or(0, str::len)
                    });
                d.at(FileId(self.input as u32), self.path, span)
            }
            _ => d.at_path(self.path, None),
        }
    }
}

/// An input that could not be read at all.
fn unreadable(path: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::of(rules::IMPORT_UNREADABLE, message)
        .at_path(path, None)
        .help(help)
}

/// Read one input: a `.docx` by its zip signature, anything else as text.
fn read_input(input: usize, inp: &Input) -> Result<(Extracted, SourceFile, bool), Diagnostic> {
    let b = &inp.bytes;
    let lower = inp.path.to_ascii_lowercase();
    if b.len() as u64 > crate::load::MAX_FILE_BYTES {
        return Err(unreadable(
            &inp.path,
            format!(
                "{} is {} MiB; clerk imports files of up to {} MiB",
                inp.path,
                b.len() >> 20,
                crate::load::MAX_FILE_BYTES >> 20
            ),
            "split the file, or import its parts one by one",
        ));
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(unreadable(
            &inp.path,
            format!("{} is an encrypted (password-protected) or old-format (.doc) Word file, which clerk cannot read", inp.path),
            "open it in Word, remove the password (File > Info > Protect Document) and save it as a .docx (Word Document), then import that",
        ));
    }
    let word = lower.ends_with(".docx") || lower.ends_with(".docm") || lower.ends_with(".doc");
    if b.starts_with(b"PK") || word {
        if !b.starts_with(b"PK\x03\x04") && !b.starts_with(b"PK\x05\x06") {
            return Err(unreadable(
                &inp.path,
                format!("{} is not a .docx file: it does not start like a zip archive (the file is corrupt, or not a Word document)", inp.path),
                "open it in Word and save it again as a .docx (Word Document), or import a text export",
            ));
        }
        let read = docx::read(input, &inp.path, b)?;
        return Ok((read, SourceFile::new(inp.path.clone(), String::new()), true));
    }
    let (text, encoding) = text::decode(b);
    let source = SourceFile::new(inp.path.clone(), text);
    let mut read = text::read(input, &source.text);
    if let Some(enc) = encoding {
        read.issues.push(Issue {
            line: 1,
            rule: rules::IMPORT_ENCODING,
            message: format!("{} is not UTF-8; it was read as {enc}", inp.path),
            help: "check accented letters, £ signs and dashes in the output; save the export as UTF-8 to be sure",
        });
    }
    Ok((read, source, false))
}

/// Import every input. Fails only when an input cannot be read at all (a corrupt or encrypted
/// `.docx`); everything else is a diagnostic on the way.
pub fn import(inputs: &[Input]) -> Result<Imported, Vec<Diagnostic>> {
    let mut reads = Vec::with_capacity(inputs.len());
    let mut fatal = Vec::new();
    for (i, inp) in inputs.iter().enumerate() {
        match read_input(i, inp) {
            Ok(r) => reads.push(r),
            Err(d) => fatal.push(d),
        }
    }
    if !fatal.is_empty() {
        return Err(fatal);
    }
    let council = split::council_name(reads.iter().map(|(r, _, _)| r.blocks.as_slice()));
    let mut out = Imported {
        documents: Vec::new(),
        notes: Vec::new(),
        diagnostics: Vec::new(),
        sources: Vec::new(),
        council: council.clone(),
    };
    let mut ids = rustc_hash::FxHashSet::default();
    for (i, (mut read, source, is_docx)) in reads.into_iter().enumerate() {
        let lines = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', source.text.as_bytes()).map(|i| i + 1))
            .collect();
        let loc = Locator {
            input: i,
            path: &inputs[i].path,
            source: Some(&source),
            docx: is_docx,
            lines,
        };
        furniture::strip(&mut read.blocks, &mut read.notes, i);
        if !is_docx {
            text::join_broken(&mut read.blocks);
        }
        for is in read.issues.drain(..) {
            out.diagnostics
                .push(loc.diag(is.rule, is.line, is.message).help(is.help));
        }
        out.diagnostics.extend(note_diags(&loc, &read.notes));
        let pieces = split::split(&read.blocks, council.as_deref());
        for piece in pieces {
            let blocks = &read.blocks[piece.range.clone()];
            let mut meta = piece.meta;
            meta.id = unique_id(&meta.id, &mut ids);
            let part = meta.part.clone().unwrap_or_else(|| UNPLACED_PART.into());
            let top = part.split('.').next().unwrap_or(&part);
            let path = format!("part-{top}/{}.md", meta.id);
            let rendered = markdown::render(blocks, &meta);
            let line = blocks.first().map_or(1, |b| b.line);
            out.diagnostics
                .extend(doc_diags(&loc, &path, &meta, piece.kind, &rendered, line));
            out.documents.push(Doc {
                input: i,
                line,
                meta,
                kind: piece.kind,
                path,
                text: rendered.text,
                clauses: rendered.clauses,
            });
        }
        out.notes.append(&mut read.notes);
        out.sources.push(source);
    }
    crate::diag::sort(&mut out.diagnostics);
    Ok(out)
}

fn unique_id(id: &str, seen: &mut rustc_hash::FxHashSet<String>) -> String {
    let mut candidate = id.to_string();
    let mut n = 2;
    while !seen.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// One diagnostic per removal or move; bullet glyphs, one for all.
fn note_diags(loc: &Locator<'_>, notes: &[Note]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let glyphs: Vec<&Note> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Removed("bullet glyph"))
        .collect();
    if let Some(first) = glyphs.first() {
        let lines: Vec<String> = glyphs.iter().map(|n| n.line.to_string()).collect();
        out.push(
            loc.diag(
                rules::IMPORT_FURNITURE,
                first.line,
                format!(
                    "removed {} bullet(s) written as the letter `o` (line {}); they are list items now",
                    glyphs.len(),
                    lines.join(", ")
                ),
            )
            .help("PDF text writes Word's second-level bullet as the letter o"),
        );
    }
    for n in notes
        .iter()
        .filter(|n| n.kind != NoteKind::Removed("bullet glyph"))
    {
        let d = match n.kind {
            NoteKind::Removed(what) => loc
                .diag_on(
                    rules::IMPORT_FURNITURE,
                    n.line,
                    Some(&n.text),
                    format!("removed {what} `{}`", n.text),
                )
                .help("page furniture is not part of the document; nothing else on the line was removed"),
            NoteKind::Moved(how) => loc
                .diag_on(
                    rules::IMPORT_MOVED,
                    n.line,
                    Some(&n.text),
                    format!("moved `{}` out of reading order", abbreviate(&n.text)),
                )
                .help(how),
        };
        out.push(d);
    }
    out
}

/// What the user should know about one imported document.
fn doc_diags(
    loc: &Locator<'_>,
    path: &str,
    meta: &Meta,
    kind: DocKind,
    r: &markdown::Rendered,
    line: usize,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let id = Some(meta.id.as_str());
    if meta.part.is_none() {
        out.push(
            loc.diag(
                rules::IMPORT_PART_UNKNOWN,
                line,
                format!("\"{}\" does not say which Part it belongs to; written to {path} with `part: \"0\"`", meta.title),
            )
            .document(id)
            .help("set `part:` in its front matter (e.g. \"5.4\") and move the file to that Part's folder"),
        );
    }
    match kind {
        DocKind::Document if r.clauses.is_empty() => out.push(
            loc.diag(
                rules::IMPORT_NOT_CONSTITUTION,
                line,
                format!("\"{}\" has no numbered clauses; kept as {path}", meta.title),
            )
            .document(id)
            .help("if it is not part of the constitution, delete the file once read"),
        ),
        DocKind::Document => {}
        DocKind::Report | DocKind::Cover => {
            out.push(
                loc.diag(
                    rules::IMPORT_NOT_CONSTITUTION,
                    line,
                    format!(
                    "\"{}\" looks like a committee {}, not a constitution document; kept as {path}",
                    meta.title,
                    if kind == DocKind::Report { "report" } else { "pack's cover or agenda" }
                ),
                )
                .document(id)
                .help("every word of it was kept; delete the file once read"),
            )
        }
    }
    if !r.clauses.is_empty() && !r.unplaced.is_empty() {
        let first = r.unplaced[0];
        out.push(
            loc.diag(
                rules::IMPORT_UNPLACED,
                first,
                format!(
                    "{} paragraph(s) before the first clause of {path} have no clause number; kept as its preamble",
                    r.unplaced.len()
                ),
            )
            .document(id)
            .help("text before the first numbered clause belongs to no clause; number it, or leave it as an introduction"),
        );
    }
    if !r.mismatch.is_empty() {
        out.push(
            loc.diag(
                rules::IMPORT_REREAD,
                line,
                format!(
                    "{path} reads back with different clause numbers than were imported: {}",
                    r.mismatch
                ),
            )
            .document(id)
            .help("this is a bug in clerk import; please report it with the input"),
        );
    }
    out
}

fn abbreviate(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(57).collect::<String>())
    } else {
        s.to_string()
    }
}
