//! Word `.docx`: the zip container, the body in `word/document.xml`, and the numbers Word
//! shows but does not store in the text, computed from `word/numbering.xml` (and numbering set
//! on paragraph styles in `word/styles.xml`).
//!
//! zip + quick-xml rather than docx-rs: docx-rs parses `numbering.xml` into structs but does
//! not compute the number Word displays for a paragraph — the counters, restarts after a
//! higher level, `startOverride` restarts, `%1.%2` level texts and formats — which is the part
//! that matters here; and it brings image codecs along. Streaming the three XML parts with
//! quick-xml is a few hundred lines. Tables become [`Kind::Table`] blocks; merged cells are
//! padded and nested tables flattened, both reported. Tracked deletions, comments, footnotes,
//! headers and footers are counted and reported, not imported. Splitting and writing are
//! [`super::split`]'s and [`super::markdown`]'s.

use super::numbering::{
    attr, on, parse_numbering, parse_styles, val, Counters, Numbering, Shown, Style,
};
use super::{Block, Extracted, Issue, Kind};
use crate::diag::Diagnostic;
use crate::rules;
use quick_xml::events::Event;
use quick_xml::Reader;
use rustc_hash::FxHashMap as HashMap;
use std::io::Read as _;

/// No XML part of a real document comes near this; larger is a zip bomb.
const MAX_PART: u64 = 64 << 20;

fn unreadable(path: &str, what: String) -> Diagnostic {
    Diagnostic::of(rules::IMPORT_UNREADABLE, format!("{path}: {what}"))
        .at_path(path, None)
        .help("open it in Word and save it again as a .docx (Word Document), then import that")
}

type Archive<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

/// One XML part of the package, or `None` when the package has no such part.
fn part(zip: &mut Archive<'_>, path: &str, name: &str) -> Result<Option<String>, Diagnostic> {
    let mut f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(m)) if m.contains("assword") => {
            return Err(unreadable(
                path,
                "the file is encrypted (password-protected)".into(),
            ))
        }
        Err(e) => return Err(unreadable(path, format!("{name} cannot be read: {e}"))),
    };
    let mut bytes = Vec::new();
    f.by_ref()
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(path, format!("{name} is corrupt: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(unreadable(path, format!("{name} is larger than 64 MiB")));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| unreadable(path, format!("{name} is not UTF-8 XML")))
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    page_break: bool,
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
    span: usize,
    merged: bool,
    nested: bool,
    line: usize,
}

struct Body<'a> {
    numbering: &'a Numbering,
    styles: &'a HashMap<String, Style>,
    counters: Counters,
    blocks: Vec<Block>,
    issues: Vec<Issue>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    count: usize,
    break_next: bool,
}

impl Body<'_> {
    /// The style chain of a paragraph: its numbering and whether it is a heading.
    fn style_info(&self, id: Option<&str>) -> (Option<(String, Option<usize>)>, bool) {
        let (mut num, mut heading) = (None, false);
        let mut at = id.map(str::to_string);
        for _ in 0..16 {
            let Some(s) = at.as_deref().and_then(|i| self.styles.get(i)) else {
                break;
            };
            let name = s.name.to_ascii_lowercase();
            heading |= name.starts_with("heading") || name == "title";
            if num.is_none() {
                num = s.num_id.clone().map(|n| (n, s.ilvl));
            }
            at = s.based_on.clone();
        }
        (num, heading)
    }

    fn end_para(&mut self, p: Para) {
        self.count += 1;
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let (style_num, heading) = self.style_info(p.style.as_deref());
        let num = match (&p.num_id, style_num) {
            (Some(n), _) => Some((n.clone(), p.ilvl.unwrap_or(0))),
            (None, Some((n, ilvl))) => {
                let i = p
                    .ilvl
                    .or(ilvl)
                    .or_else(|| {
                        p.style
                            .as_deref()
                            .and_then(|s| self.numbering.level_of_style(&n, s))
                    })
                    .unwrap_or(0);
                Some((n, i))
            }
            (None, None) => None,
        };
        let shown = num.filter(|(n, _)| n != "0").and_then(|(n, i)| {
            self.numbering
                .advance(&mut self.counters, &n, i)
                .map(|s| (s, i))
        });
        if text.is_empty() {
            self.break_next |= p.page_break;
            return;
        }
        let (kind, text) = match shown {
            Some((Shown::Bullet, i)) => (Kind::Bullet(i.min(3) as u8), text),
            Some((Shown::Number(n), _)) if !n.is_empty() => (Kind::Para, format!("{n} {text}")),
            _ if heading => (Kind::Heading, text),
            _ => (Kind::Para, text),
        };
        if let Some(t) = self.tables.last_mut() {
            t.cell.push(text);
            return;
        }
        let mut b = Block::new(kind, text, self.count);
        b.break_before = std::mem::take(&mut self.break_next) || p.page_break;
        self.blocks.push(b);
    }

    fn end_table(&mut self) {
        let Some(t) = self.tables.pop() else { return };
        let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let note = |issues: &mut Vec<Issue>, line, message: &str| {
            issues.push(Issue {
                line,
                rule: rules::IMPORT_TABLE,
                message: message.to_string(),
                help: "check the table against the original; its words are all kept",
            })
        };
        if t.merged {
            note(
                &mut self.issues,
                t.line,
                "merged cells were written as separate cells, the extra ones empty",
            );
        }
        if t.nested {
            note(
                &mut self.issues,
                t.line,
                "a table inside a table cell was flattened into the cell's text",
            );
        }
        if let Some(outer) = self.tables.last_mut() {
            outer.nested = true;
            outer.cell.extend(t.rows.into_iter().map(|r| r.join(" ")));
            return;
        }
        let rows = t
            .rows
            .into_iter()
            .map(|mut r| {
                r.resize(width, String::new());
                r
            })
            .collect();
        let mut b = Block::new(Kind::Table(rows), "", t.line);
        b.break_before = std::mem::take(&mut self.break_next);
        self.blocks.push(b);
    }
}

/// What was left out, for one report.
#[derive(Default)]
struct Omitted {
    deletions: usize,
    comments: usize,
    footnotes: usize,
    endnotes: usize,
}

fn read_body(xml: &str, body: &mut Body<'_>, omitted: &mut Omitted) -> Result<(), String> {
    let mut r = Reader::from_str(xml);
    let (mut in_t, mut in_ppr, mut in_del, mut skip) = (false, 0usize, 0usize, 0usize);
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;
        if skip > 0 {
            match ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Eof => break,
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => body.paras.push(Para::default()),
                b"pPr" => in_ppr += 1,
                b"t" => in_t = true,
                b"del" | b"moveFrom" => in_del += 1,
                b"delText" => omitted.deletions += 1,
                b"Fallback" => skip = 1,
                b"tbl" => body.tables.push(Table {
                    line: body.count + 1,
                    ..Table::default()
                }),
                b"tr" => {
                    if let Some(t) = body.tables.last_mut() {
                        t.row.clear();
                    }
                }
                b"tc" => {
                    if let Some(t) = body.tables.last_mut() {
                        t.cell.clear();
                        t.span = 1;
                    }
                }
                _ => {}
            },
            Event::Empty(e) => {
                let name = e.local_name();
                let p = body.paras.last_mut();
                match (name.as_ref(), p) {
                    (b"pStyle", Some(p)) if in_ppr > 0 => p.style = val(&e),
                    (b"numId", Some(p)) if in_ppr > 0 => p.num_id = val(&e),
                    (b"ilvl", Some(p)) if in_ppr > 0 => {
                        p.ilvl = val(&e).and_then(|v| v.parse().ok())
                    }
                    (b"pageBreakBefore", Some(p)) if in_ppr > 0 => p.page_break = on(&e),
                    (b"tab", Some(p)) if in_ppr == 0 && in_del == 0 => p.text.push(' '),
                    (b"br" | b"cr", Some(p)) if in_del == 0 => {
                        if attr(&e, b"type").as_deref() == Some("page") {
                            body.break_next = true;
                        }
                        p.text.push(' ');
                    }
                    (b"noBreakHyphen", Some(p)) if in_del == 0 => p.text.push('-'),
                    (b"footnoteReference", _) => omitted.footnotes += 1,
                    (b"endnoteReference", _) => omitted.endnotes += 1,
                    (b"commentReference", _) => omitted.comments += 1,
                    (b"gridSpan", _) => {
                        if let Some(t) = body.tables.last_mut() {
                            t.span = val(&e)
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1)
                                .clamp(1, 64);
                            t.merged |= t.span > 1;
                        }
                    }
                    (b"vMerge", _) => {
                        if let Some(t) = body.tables.last_mut() {
                            t.merged = true;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t && in_del == 0 => {
                if let (Some(p), Ok(s)) = (body.paras.last_mut(), t.decode()) {
                    p.text.push_str(&s);
                }
            }
            Event::GeneralRef(g) if in_t && in_del == 0 => {
                let s = match g.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => g
                        .decode()
                        .ok()
                        .and_then(|n| quick_xml::escape::resolve_predefined_entity(&n))
                        .unwrap_or("")
                        .to_string(),
                };
                if let Some(p) = body.paras.last_mut() {
                    p.text.push_str(&s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => {
                    if let Some(p) = body.paras.pop() {
                        body.end_para(p);
                    }
                }
                b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                b"t" => in_t = false,
                b"del" | b"moveFrom" => in_del = in_del.saturating_sub(1),
                b"tc" => {
                    if let Some(t) = body.tables.last_mut() {
                        let text = t.cell.join(" ");
                        t.row.push(text);
                        for _ in 1..t.span {
                            t.row.push(String::new());
                        }
                    }
                }
                b"tr" => {
                    if let Some(t) = body.tables.last_mut() {
                        let row = std::mem::take(&mut t.row);
                        t.rows.push(row);
                    }
                }
                b"tbl" => body.end_table(),
                _ => {}
            },
            _ => {}
        }
    }
    Ok(())
}

/// Read a `.docx` into blocks. Errors say why the file cannot be read at all.
pub fn read(_input: usize, path: &str, bytes: &[u8]) -> Result<Extracted, Diagnostic> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        unreadable(
            path,
            format!("not a readable .docx: the zip archive is corrupt or truncated ({e})"),
        )
    })?;
    let document = part(&mut zip, path, "word/document.xml")?.ok_or_else(|| {
        unreadable(
            path,
            "not a Word document: the archive has no word/document.xml".into(),
        )
    })?;
    let mut numbering = part(&mut zip, path, "word/numbering.xml")?
        .map(|x| parse_numbering(&x))
        .unwrap_or_default();
    let styles = part(&mut zip, path, "word/styles.xml")?
        .map(|x| parse_styles(&x))
        .unwrap_or_default();
    numbering.link_styles(&styles);
    let headers = zip
        .file_names()
        .filter(|n| n.starts_with("word/header") || n.starts_with("word/footer"))
        .count();
    let mut body = Body {
        numbering: &numbering,
        styles: &styles,
        counters: Counters::default(),
        blocks: Vec::new(),
        issues: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        count: 0,
        break_next: false,
    };
    let mut omitted = Omitted::default();
    read_body(&document, &mut body, &mut omitted).map_err(|m| unreadable(path, m))?;
    let mut issues = body.issues;
    let parts: Vec<String> = [
        (omitted.deletions, "tracked deletion"),
        (omitted.comments, "comment"),
        (omitted.footnotes, "footnote"),
        (omitted.endnotes, "endnote"),
        (headers, "header or footer part"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
    .collect();
    if !parts.is_empty() {
        issues.push(Issue {
            line: 0,
            rule: rules::IMPORT_DOCX_OMITTED,
            message: format!("not imported from {path}: {}", parts.join(", ")),
            help: "accept or reject tracked changes in Word first; copy footnotes, comments and headers into the text if they belong to the document",
        });
    }
    Ok(Extracted {
        blocks: body.blocks,
        notes: Vec::new(),
        issues,
    })
}
