//! A document's YAML front matter: splitting it from the body, deserialising it with
//! serde-saphyr, and validating each key (`id`, `part`, `status`, dates) into [`Meta`].
//!
//! `constitution.yaml` is [`crate::config`]'s; turning a YAML problem into a diagnostic with a
//! span in the original file is [`crate::yaml`]'s; dates are [`crate::dates`]'.

use crate::dates::is_date;
use crate::diag::Diagnostic;
use crate::rules;
use crate::source::{FileId, SourceFile, Span};
use crate::yaml::YamlCtx;
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
    #[serde(default)]
    numbering: Option<Spanned<String>>,
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
    /// `numbering: Rule`: the word this document's top-level clauses are cited by when its
    /// text does not write it ("5. Regular Meetings" is Rule 5). Headed units ("Rule 5.")
    /// say it themselves; see docs/FORMAT.md, "Clauses".
    pub unit: Option<String>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One to three words of letters ("Rule", "Standing Order", "Bye-law"), at most 30 bytes.
fn is_unit_word(s: &str) -> bool {
    let words: Vec<&str> = s.split(' ').collect();
    s.len() <= 30
        && words.len() <= 3
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_ascii_alphabetic())
                && w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        })
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
    if let Some(u) = raw.numbering.as_ref().filter(|u| !is_unit_word(&u.value)) {
        diags.push(
            ctx.diag(
                ctx.span_of(&u.referenced),
                format!("numbering `{}` is not a unit word", u.value),
            )
            .help("give the word the document's clauses are cited by, in the singular: `numbering: Rule`, `numbering: Standing Order`, `numbering: Bylaw`"),
        );
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
        unit: raw.numbering.map(|u| u.value).filter(|u| is_unit_word(u)),
    };
    (Some(meta), diags)
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
    fn numbering_names_a_unit_word() {
        let (m, d) = meta("---\nid: x\ntitle: T\npart: \"4\"\nnumbering: Standing Order\n---\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(m.unwrap().unit.as_deref(), Some("Standing Order"));
        let (m, d) = meta("---\nid: x\ntitle: T\npart: \"4\"\nnumbering: \"1.1\"\n---\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("numbering"), "{}", d[0].message);
        assert_eq!(m.unwrap().unit, None);
    }

    #[test]
    fn missing_key_is_reported() {
        let (m, d) = meta("---\nid: x\npart: \"4\"\n---\n");
        assert!(m.is_none());
        assert!(d[0].message.contains("title"), "{}", d[0].message);
    }
}
