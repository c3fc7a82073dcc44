//! YAML front matter and `constitution.yaml`: splitting, deserialising with serde-saphyr, and
//! turning every YAML or schema problem into a diagnostic with a span in the original file.
//!
//! serde-saphyr reports locations relative to the YAML text it was given; this module adds
//! the offset of the YAML inside the file so the caret lands on the right character.

use crate::diag::Diagnostic;
use crate::rules::{self, Rule};
use crate::source::{FileId, SourceFile, Span};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// Where a document's front matter and body are in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the `---` lines.
    pub yaml: Span,
    /// Everything after the closing `---` line.
    pub body: Span,
}

/// Find the front matter block: the file must open with a `---` line and a later line of
/// `---` (or `...`) closes it.
pub fn split(text: &str) -> Option<Split> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end_matches('\r') != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            return Some(Split {
                yaml: yaml_start..pos,
                body: (pos + line.len())..text.len(),
            });
        }
        pos += line.len();
    }
    None
}

/// Adoption state of a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Adopted,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    title: String,
    part: Spanned<String>,
    #[serde(default)]
    short: Option<String>,
    #[serde(default)]
    long: Vec<String>,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    adopted: Option<Spanned<String>>,
    #[serde(default)]
    amended: Option<Spanned<String>>,
}

/// A document's front matter, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub part: String,
    pub part_span: Span,
    pub short: Option<String>,
    pub long: Vec<String>,
    pub status: Status,
    pub adopted: Option<String>,
    pub amended: Option<String>,
}

/// Everything a YAML problem needs to become a diagnostic (also used for meeting files and
/// reports by [`crate::pack`]).
pub(crate) struct YamlCtx<'a> {
    pub(crate) file: FileId,
    pub(crate) source: &'a SourceFile,
    pub(crate) offset: usize,
    pub(crate) rule: &'static Rule,
}

impl YamlCtx<'_> {
    pub(crate) fn span_of(&self, loc: &serde_saphyr::Location) -> Span {
        let yaml = &self.source.text[self.offset..];
        let start = match loc.span().byte_offset() {
            Some(b) => b as usize,
            None => offset_of_line_col(yaml, loc.line() as usize, loc.column() as usize),
        }
        .min(yaml.len());
        let end = yaml[start..]
            .find(['\n', '\r'])
            .map_or(yaml.len(), |e| start + e)
            .max(start);
        (self.offset + start)..(self.offset + end)
    }

    pub(crate) fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.rule, message).at(self.file, &self.source.path, span)
    }

    pub(crate) fn parse<T: DeserializeOwned>(&self, yaml: &str) -> Result<T, Diagnostic> {
        if yaml.trim().is_empty() {
            return Err(self
                .diag(self.opening(), "front matter is empty")
                .help("write at least `id:`, `title:` and `part:` between the `---` lines"));
        }
        serde_saphyr::from_str::<T>(yaml).map_err(|e| {
            let plain = e.without_snippet();
            let message = clean_message(&plain.to_string());
            // A missing key has no line of its own: point at the block that lacks it.
            let span = match plain.location() {
                Some(_) if message.starts_with("missing field") => self.opening(),
                Some(l) => self.span_of(&l),
                None => self.opening(),
            };
            self.diag(span, message)
        })
    }

    /// The `---` line that opens front matter (or the start of constitution.yaml).
    fn opening(&self) -> Span {
        match self.offset.checked_sub(4) {
            Some(start) if self.source.text[start..].starts_with("---") => start..start + 3,
            _ => self.offset..self.offset,
        }
    }
}

/// The span in `source` (a whole YAML file, such as `constitution.yaml`) of the value at
/// `loc`, to the end of its line: where a diagnostic about that value points.
pub fn yaml_span(source: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    YamlCtx {
        file: FileId(0),
        source,
        offset: 0,
        rule: rules::CONFIG,
    }
    .span_of(loc)
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// serde messages repeat the position we already show and speak to programmers; keep the
/// first line without the position, in words a clerk can act on.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    let cut = cut.trim_end_matches([',', ':']);
    if let Some(rest) = cut.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("key `{key}` appears twice");
    }
    cut.replace("expected sequence start", "expected a list")
        .replace("expected mapping start", "expected keys and values")
        .replace("unexpected end of input", "the YAML ends too early")
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The months' English names, in order: how packs print dates ("27 February 2024") and how
/// documents write them. Compare without case to read them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The weekdays' English names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether `s` is a date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && {
            let (y, m, d) = (
                s[..4].parse::<u32>().unwrap_or(0),
                s[5..7].parse::<u32>().unwrap_or(0),
                s[8..10].parse::<u32>().unwrap_or(0),
            );
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => 0,
            };
            (1..=days).contains(&d)
        }
}

/// Parse and validate a document's front matter. Returns the metadata (when usable) and the
/// diagnostics found; a document whose front matter is broken is still parsed for clauses.
pub fn parse_meta(
    file: FileId,
    source: &SourceFile,
    split: &Split,
) -> (Option<Meta>, Vec<Diagnostic>) {
    let ctx = YamlCtx {
        file,
        source,
        offset: split.yaml.start,
        rule: rules::FRONT_MATTER,
    };
    let yaml = &source.text[split.yaml.clone()];
    let raw: RawMeta = match ctx.parse(yaml) {
        Ok(raw) => raw,
        Err(d) => return (None, vec![d]),
    };
    let mut diags = Vec::new();
    if !is_id(&raw.id.value) {
        diags.push(
            ctx.diag(
                ctx.span_of(&raw.id.referenced),
                format!("id `{}` is not a valid document id", raw.id.value),
            )
            .help(
                "use lower-case letters, digits and `-`, e.g. `cso` or `member-officer-protocol`",
            ),
        );
    }
    let part_ok = raw
        .part
        .value
        .split('.')
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !part_ok {
        diags.push(
            ctx.diag(
                ctx.span_of(&raw.part.referenced),
                format!("part `{}` is not a Part number", raw.part.value),
            )
            .help("write the Part as a number, e.g. \"4\" or \"4.6.1\""),
        );
    }
    for date in [&raw.adopted, &raw.amended].into_iter().flatten() {
        if !is_date(&date.value) {
            diags.push(
                ctx.diag(
                    ctx.span_of(&date.referenced),
                    format!("`{}` is not a date", date.value),
                )
                .help("write dates as YYYY-MM-DD, e.g. 2024-02-27"),
            );
        }
    }
    let meta = Meta {
        id: raw.id.value,
        title: raw.title,
        part: raw.part.value,
        part_span: ctx.span_of(&raw.part.referenced),
        short: raw.short.filter(|s| !s.trim().is_empty()),
        long: raw.long,
        status: raw.status,
        adopted: raw.adopted.map(|d| d.value),
        amended: raw.amended.map(|d| d.value),
    };
    (Some(meta), diags)
}

/// One Part as declared in `constitution.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartDecl {
    pub number: String,
    pub title: String,
    /// Whether the Part's documents are kept in clerk; references into Parts that are not are
    /// `external` rather than broken.
    pub kept: bool,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NumOrString {
    Num(u32),
    Str(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPart {
    number: NumOrString,
    title: String,
    #[serde(default = "yes")]
    kept: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    council: String,
    title: String,
    parts: Vec<RawPart>,
    #[serde(default)]
    citations: Citations,
    #[serde(default)]
    titles: Vec<crate::terms::config::TitleDecl>,
    #[serde(default)]
    terms: crate::terms::config::TermsDecl,
}

/// The words a council uses to cite, with the defaults most councils use. Each list replaces
/// its default when given in `constitution.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Citations {
    /// Words that cite a clause of the same document: "paragraph 4.8", "section 7".
    pub same_document: Vec<String>,
    /// Words that cite an appendix: "Appendix D", "Annex 2".
    pub appendix: Vec<String>,
    /// Words that cite legislation by number: "Regulation 32", "Reg 73".
    pub legislation: Vec<String>,
    /// Generic names of rules that some document may answer to: "standing order 10".
    pub generic: Vec<String>,
    /// Short names of Acts and other works: "section 52 of ONCA", "section 101 of the LGA
    /// 1972" are external. Any word of two or more capitals that is not a document's prefix
    /// counts too; this list adds names that are not written in capitals ("the 2011 Act").
    pub abbreviations: Vec<String>,
}

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

impl Default for Citations {
    fn default() -> Self {
        Citations {
            same_document: strings(&[
                "paragraph",
                "paragraphs",
                "para",
                "paras",
                "para'",
                "para.",
                "clause",
                "clauses",
                "sub-paragraph",
                "sub-paragraphs",
                "subparagraph",
                "subparagraphs",
                "section",
                "sections",
                "table",
                "rule",
                "rules",
            ]),
            appendix: strings(&[
                "Appendix",
                "Appendices",
                "Annex",
                "Annexe",
                "Schedule",
                "Attachment",
            ]),
            legislation: strings(&[
                "Regulation",
                "Regulations",
                "Reg",
                "Reg.",
                "Regs",
                "s.",
                "ss.",
            ]),
            generic: strings(&[
                "standing order",
                "standing orders",
                "procedure rule",
                "procedure rules",
            ]),
            abbreviations: strings(&[
                "LGA 1972",
                "LGA 2000",
                "LGHA 1989",
                "LGFA 1988",
                "LGPIHA 2007",
                "ONCA",
                "PCR 2015",
                "PA 2023",
                "GDPR",
                "UK GDPR",
                "DPA 2018",
                "ECHR",
                "HRA 1998",
                "FOIA",
                "EIR 2004",
                "TCPA 1990",
                "Localism Act",
            ]),
        }
    }
}

/// `constitution.yaml`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub council: String,
    pub title: String,
    pub parts: Vec<PartDecl>,
    pub citations: Citations,
    /// Current role titles and bodies with the titles they replace (see [`crate::terms`]).
    pub titles: Vec<crate::terms::config::TitleDecl>,
    /// Defined terms, Definitions clauses and the allow list (see [`crate::terms`]).
    pub terms: crate::terms::config::TermsDecl,
}

impl Config {
    pub fn part(&self, number: &str) -> Option<&PartDecl> {
        self.parts.iter().find(|p| p.number == number)
    }
}

/// Parse `constitution.yaml`.
pub fn parse_config(file: FileId, source: &SourceFile) -> Result<Config, Diagnostic> {
    let ctx = YamlCtx {
        file,
        source,
        offset: 0,
        rule: rules::CONFIG,
    };
    let raw: RawConfig = ctx.parse(&source.text)?;
    Ok(Config {
        council: raw.council,
        title: raw.title,
        parts: raw
            .parts
            .into_iter()
            .map(|p| PartDecl {
                number: match p.number {
                    NumOrString::Num(n) => n.to_string(),
                    NumOrString::Str(s) => s,
                },
                title: p.title,
                kept: p.kept,
            })
            .collect(),
        citations: raw.citations,
        titles: raw.titles,
        terms: raw.terms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> (Option<Meta>, Vec<Diagnostic>) {
        let src = SourceFile::new("d.md", text);
        let sp = split(&src.text).expect("front matter");
        parse_meta(FileId(0), &src, &sp)
    }

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\nid: x\n---\n# 1 A\n").unwrap();
        assert_eq!(s.yaml, 4..10);
        assert_eq!(s.body, 14..20);
        assert!(split("# no front matter\n").is_none());
        assert!(split("---\nid: x\n").is_none());
    }

    #[test]
    fn reads_a_full_document_header() {
        let (m, d) = meta("---\nid: cso\ntitle: Contract Standing Orders\npart: \"4.6.1\"\nshort: CSO\nlong: [Contract Standing Order]\nstatus: adopted\nadopted: 2018-10-01\n---\n");
        assert!(d.is_empty(), "{d:?}");
        let m = m.unwrap();
        assert_eq!(
            (m.id.as_str(), m.part.as_str(), m.status),
            ("cso", "4.6.1", Status::Adopted)
        );
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let text = "---\nid: cso\ntitle: T\npart: \"4\"\nstatuss: draft\n---\n";
        let (m, d) = meta(text);
        assert!(m.is_none());
        let src = SourceFile::new("d.md", text);
        assert_eq!(src.line_col(d[0].span.start).0, 5, "{:?}", d[0]);
        assert!(d[0].message.contains("statuss"), "{}", d[0].message);
    }

    #[test]
    fn bad_values_are_reported_not_accepted() {
        let (_, d) = meta("---\nid: CSO!\ntitle: T\npart: four\nadopted: 2018-13-01\n---\n");
        let msgs: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        let (_, d) = meta("---\nid: x\ntitle: T\npart: \"4\"\nstatus: adoptd\n---\n");
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn missing_key_is_reported() {
        let (m, d) = meta("---\nid: x\npart: \"4\"\n---\n");
        assert!(m.is_none());
        assert!(d[0].message.contains("title"), "{}", d[0].message);
    }
}
