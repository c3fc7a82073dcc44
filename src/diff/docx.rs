//! A Word document of NEW with genuine tracked changes, so a legal officer can accept or
//! reject each change in Word or LibreOffice: inserted words in `w:ins`, deleted words in
//! `w:del` (`w:delText`), whole inserted or deleted clauses with their paragraph marks tracked
//! too, renumbering as a tracked change of the number, and moved clauses as
//! `w:moveFrom`/`w:moveTo` pairs joined by a named move range. Every change carries `w:author`
//! and `w:date` (from [`super::Diff::attribution`], never the clock), and `w:trackRevisions` is
//! on so later edits are tracked as well.
//!
//! The WordprocessingML is written here with plain string building and packed with `zip`:
//! tracked changes need `w:ins`/`w:del`/`w:move*` around runs and inside paragraph-mark
//! properties, which docx-rs does not model well, and the handful of parts a document needs
//! (content types, relationships, styles, settings, core properties) are short and fixed.
//! A moved clause that was also amended shows its old and new words as the move (no word
//! diff inside it). Deciding what changed is left to [`super`].

use super::html::{file_stem, segments, Seg};
use super::text::Text;
use super::{Attribution, Diff, DocDiff, Entry, Kind, Slot};
use crate::model::BlockKind;
use std::io::Write;
use std::path::{Path, PathBuf};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Escape text for XML, dropping characters XML 1.0 cannot hold.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Builds `word/document.xml`, numbering every revision.
struct Body {
    xml: String,
    next_id: u32,
    /// ` w:author="…" w:date="…"`.
    who: String,
}

/// How a paragraph's mark is tracked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Plain,
    Inserted,
    Deleted,
    MovedFrom,
    MovedTo,
}

impl Body {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn open_p(&mut self, style: Option<&str>, indent: usize, mark: Mark) {
        self.xml.push_str("<w:p><w:pPr>");
        if let Some(s) = style {
            self.xml.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
        }
        if indent > 0 {
            self.xml
                .push_str(&format!("<w:ind w:left=\"{}\"/>", 567 * indent));
        }
        let tag = match mark {
            Mark::Plain => None,
            Mark::Inserted => Some("w:ins"),
            Mark::Deleted => Some("w:del"),
            Mark::MovedFrom => Some("w:moveFrom"),
            Mark::MovedTo => Some("w:moveTo"),
        };
        if let Some(tag) = tag {
            let id = self.id();
            let who = self.who.clone();
            self.xml
                .push_str(&format!("<w:rPr><{tag} w:id=\"{id}\"{who}/></w:rPr>"));
        }
        self.xml.push_str("</w:pPr>");
    }

    fn close_p(&mut self) {
        self.xml.push_str("</w:p>");
    }

    fn run(&mut self, text: &str, bold: bool, deleted: bool) {
        let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        let tag = if deleted { "w:delText" } else { "w:t" };
        self.xml.push_str(&format!(
            "<w:r>{rpr}<{tag} xml:space=\"preserve\">{}</{tag}></w:r>",
            esc(text)
        ));
    }

    /// A run inside a tracked change of kind `tag` (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`).
    fn tracked(&mut self, tag: &str, text: &str, bold: bool) {
        let id = self.id();
        let who = self.who.clone();
        self.xml.push_str(&format!("<{tag} w:id=\"{id}\"{who}>"));
        self.run(text, bold, tag == "w:del");
        self.xml.push_str(&format!("</{tag}>"));
    }

    /// Segments from the redline: equal text plain, insertions and deletions tracked.
    fn segs(&mut self, segs: &[Seg], bold: bool) {
        for s in segs {
            match s.k {
                "i" => self.tracked("w:ins", &s.t, bold),
                "d" => self.tracked("w:del", &s.t, bold),
                _ => self.run(&s.t, bold, false),
            }
        }
    }
}

fn style_of(heading: bool, depth: usize) -> Option<&'static str> {
    match (heading, depth) {
        (true, 1) => Some("Heading1"),
        (true, 2) => Some("Heading2"),
        (true, _) => Some("Heading3"),
        _ => None,
    }
}

fn plain(t: &Text, k: &'static str) -> Vec<Vec<Seg>> {
    let mut paras: Vec<Vec<Seg>> = vec![Vec::new()];
    for i in 0..t.len() {
        if t.is_break(i) {
            paras.push(Vec::new());
            continue;
        }
        let para = paras.last_mut().expect("open");
        let space = t.toks[i].space && !para.is_empty();
        match para.last_mut() {
            Some(last) => {
                if space {
                    last.t.push(' ');
                }
                last.t.push_str(t.tok(i));
            }
            None => para.push(Seg {
                k,
                t: t.tok(i).to_string(),
            }),
        }
    }
    paras.retain(|p| !p.is_empty());
    paras
}

/// One clause: its paragraphs, the number (tracked when it changed) on the first.
fn clause(b: &mut Body, d: &Diff<'_>, dd: &DocDiff, e: &Entry, moved_from: Option<u32>) {
    let old = e.old.map(|i| &d.old_doc(dd).expect("old").clauses[i]);
    let new = e.new.map(|j| &d.new_doc(dd).expect("new").clauses[j]);
    let ot = e.old.map(|i| &dd.old_text.clauses[i]);
    let nt = e.new.map(|j| &dd.new_text.clauses[j]);
    let c = if moved_from.is_some() {
        old
    } else {
        new.or(old)
    };
    let c = c.expect("a side");
    let heading = matches!(c.kind, BlockKind::Heading(_));
    let depth = c.number.depth();
    let indent = if heading {
        0
    } else {
        depth.saturating_sub(1).min(4)
    };
    // (mark, paragraphs, how the number is shown)
    let (mark, paras, number): (Mark, Vec<Vec<Seg>>, Vec<Seg>) = if moved_from.is_some() {
        let t = ot.expect("old side");
        let n = old.map(|o| o.number.to_string()).unwrap_or_default();
        (Mark::MovedFrom, plain(t, "e"), vec![Seg { k: "e", t: n }])
    } else {
        match e.kind {
            Kind::Inserted => (
                Mark::Inserted,
                plain(nt.expect("new side"), "e"),
                vec![Seg {
                    k: "e",
                    t: c.number.to_string(),
                }],
            ),
            Kind::Deleted => (
                Mark::Deleted,
                plain(ot.expect("old side"), "e"),
                vec![Seg {
                    k: "e",
                    t: c.number.to_string(),
                }],
            ),
            Kind::Moved => (
                Mark::MovedTo,
                plain(nt.expect("new side"), "e"),
                vec![Seg {
                    k: "e",
                    t: c.number.to_string(),
                }],
            ),
            _ => {
                let paras = match (ot, nt) {
                    (Some(a), Some(b)) if e.amended => segments(a, b, &e.pieces),
                    (_, Some(b)) => plain(b, "e"),
                    _ => Vec::new(),
                };
                let number = match (old, new) {
                    (Some(o), Some(n)) if o.number != n.number => vec![
                        Seg {
                            k: "d",
                            t: o.number.to_string(),
                        },
                        Seg {
                            k: "e",
                            t: " ".into(),
                        },
                        Seg {
                            k: "i",
                            t: n.number.to_string(),
                        },
                    ],
                    _ => vec![Seg {
                        k: "e",
                        t: c.number.to_string(),
                    }],
                };
                (Mark::Plain, paras, number)
            }
        }
    };
    let wrap = match mark {
        Mark::Inserted => Some("w:ins"),
        Mark::Deleted => Some("w:del"),
        Mark::MovedFrom => Some("w:moveFrom"),
        Mark::MovedTo => Some("w:moveTo"),
        Mark::Plain => None,
    };
    let paras = if paras.is_empty() {
        vec![Vec::new()]
    } else {
        paras
    };
    let range = match (mark, moved_from) {
        (Mark::MovedFrom, Some(n)) | (Mark::MovedTo, Some(n)) => Some(n),
        (Mark::MovedTo, None) => e.new.map(|j| j as u32),
        _ => None,
    };
    for (pi, p) in paras.iter().enumerate() {
        let style = if pi == 0 {
            style_of(heading, depth)
        } else {
            None
        };
        b.open_p(style, indent, mark);
        let range_id = match (mark, range) {
            (Mark::MovedFrom | Mark::MovedTo, Some(n)) => {
                let id = b.id();
                let tag = if mark == Mark::MovedFrom {
                    "w:moveFromRangeStart"
                } else {
                    "w:moveToRangeStart"
                };
                let who = b.who.clone();
                b.xml
                    .push_str(&format!("<{tag} w:id=\"{id}\" w:name=\"move{n}\"{who}/>"));
                Some(id)
            }
            _ => None,
        };
        if pi == 0 {
            let mut number = number.clone();
            if let Some(last) = number.last_mut() {
                last.t.push(' ');
            }
            match wrap {
                Some(tag) => {
                    let t: String = number.iter().map(|s| s.t.as_str()).collect();
                    b.tracked(tag, &t, true);
                }
                None => b.segs(&number, true),
            }
        }
        match wrap {
            Some(tag) => {
                let t: String = p.iter().map(|s| s.t.as_str()).collect();
                b.tracked(tag, &t, false);
            }
            None => b.segs(p, false),
        }
        if let Some(id) = range_id {
            let tag = if mark == Mark::MovedFrom {
                "w:moveFromRangeEnd"
            } else {
                "w:moveToRangeEnd"
            };
            b.xml.push_str(&format!("<{tag} w:id=\"{id}\"/>"));
        }
        b.close_p();
    }
}

/// `word/document.xml` for one document.
pub fn document_xml(d: &Diff<'_>, dd: &DocDiff, who: &Attribution) -> String {
    let mut b = Body {
        xml: String::with_capacity(64 * 1024),
        next_id: 0,
        who: format!(
            " w:author=\"{}\" w:date=\"{}T00:00:00Z\"",
            esc(&who.author),
            esc(&who.date)
        ),
    };
    b.xml.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>"
    ));
    let doc = d.document(dd);
    b.open_p(Some("Title"), 0, Mark::Plain);
    b.run(&doc.meta.title, false, false);
    b.close_p();
    let pre = match &dd.preamble {
        Some(p) => segments(&dd.old_text.preamble, &dd.new_text.preamble, &p.pieces),
        None => plain(&dd.new_text.preamble, "e"),
    };
    for p in &pre {
        b.open_p(None, 0, Mark::Plain);
        b.segs(p, false);
        b.close_p();
    }
    for slot in &dd.slots {
        match *slot {
            Slot::Entry(k) => clause(&mut b, d, dd, &dd.entries[k], None),
            Slot::MovedFrom(k) => {
                let e = &dd.entries[k];
                let n = e.new.map_or(0, |j| j as u32);
                clause(&mut b, d, dd, e, Some(n));
            }
        }
    }
    b.xml.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
    );
    b.xml
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:trackRevisions/><w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="100"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>"#;

fn core_xml(title: &str, who: &Attribution) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dcterms:modified xsi:type="dcterms:W3CDTF">{}T00:00:00Z</dcterms:modified></cp:coreProperties>"#,
        esc(title),
        esc(&who.author),
        esc(&who.date)
    )
}

/// The parts of one `.docx` package, by name, in the order they are written.
pub fn parts(d: &Diff<'_>, dd: &DocDiff) -> Vec<(&'static str, String)> {
    let who = d.attribution(dd);
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document_xml(d, dd, &who)),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", SETTINGS.to_string()),
        (
            "docProps/core.xml",
            core_xml(&d.document(dd).meta.title, &who),
        ),
    ]
}

/// Pack the parts into a `.docx` (zip, deflated, with fixed timestamps so output is stable).
pub fn package(parts: &[(&str, String)]) -> Result<Vec<u8>, String> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        z.start_file(*name, opts).map_err(|e| e.to_string())?;
        z.write_all(body.as_bytes()).map_err(|e| e.to_string())?;
    }
    Ok(z.finish().map_err(|e| e.to_string())?.into_inner())
}

/// Write one `.docx` per document into `dir` (only changed documents when there are any),
/// each as soon as it is packed; its document's part of the comparison (read again with
/// [`Diff::recall_words`] if its words were forgotten) is dropped with it.
pub fn write(mut d: Diff<'_>, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let any_changed = d.docs.iter().any(DocDiff::changed);
    let docs: Vec<DocDiff> = std::mem::take(&mut d.docs)
        .into_iter()
        .filter(|x| !any_changed || x.changed())
        .collect();
    let d = &d;
    crate::par::map_owned(docs, |mut dd| {
        d.recall_words(&mut dd);
        let bytes = package(&parts(d, &dd))?;
        let p = dir.join(format!("{}.docx", file_stem(&dd.id)));
        std::fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        Ok(p)
    })
    .into_iter()
    .collect()
}
