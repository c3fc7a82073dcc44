//! A committee report: Markdown with YAML front matter for its header table (author,
//! portfolio holder, status, classification, key decision, wards), then the report's own
//! sections as the author wrote them (summary, recommendations, implications, options, annex
//! list, background papers, contact officer).
//!
//! This module reads the front matter (`K702 report-front-matter`) and turns the body into a
//! [`Document`] so the constitution's passes (drafting, references) can read it. Rendering is
//! [`super::markup`]'s and [`super::html`]'s.

use crate::diag::Diagnostic;
use crate::frontmatter::{self, Meta, Status};
use crate::model::Document;
use crate::parse;
use crate::rules;
use crate::source::{FileId, SourceFile};
use crate::yaml::YamlCtx;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// What the report asks of the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum ReportStatus {
    #[serde(rename = "For Decision")]
    Decision,
    #[serde(rename = "For Recommendation")]
    Recommendation,
    #[serde(rename = "For Information")]
    Information,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Decision => "For Decision",
            ReportStatus::Recommendation => "For Recommendation",
            ReportStatus::Information => "For Information",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Classification {
    Unrestricted,
    Exempt,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    title: String,
    author: String,
    portfolio_holder: String,
    status: ReportStatus,
    classification: Spanned<Classification>,
    #[serde(default)]
    key_decision: Option<bool>,
    #[serde(default)]
    wards: Option<String>,
}

/// A report's header, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub title: String,
    pub author: String,
    pub portfolio_holder: String,
    pub status: ReportStatus,
    pub classification: Classification,
    pub key_decision: Option<bool>,
    pub wards: Option<String>,
}

impl Header {
    /// The rows of the header table, in the order councils print them.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let mut rows = vec![
            ("Report Author", self.author.clone()),
            ("Portfolio Holder", self.portfolio_holder.clone()),
            ("Status", self.status.as_str().to_string()),
            (
                "Classification",
                match self.classification {
                    Classification::Unrestricted => "Unrestricted".to_string(),
                    Classification::Exempt => "Exempt".to_string(),
                },
            ),
        ];
        if let Some(k) = self.key_decision {
            rows.push(("Key Decision", if k { "Yes" } else { "No" }.to_string()));
        }
        if let Some(w) = &self.wards {
            rows.push(("Ward", w.clone()));
        }
        rows
    }
}

/// A report read from its file: header and body as a document of the pack.
#[derive(Clone, Debug)]
pub struct Report {
    pub header: Header,
    pub document: Document,
}

/// Parse a report file. `id` names the report among the pack's documents (`report-4`).
pub fn parse(file: FileId, source: &SourceFile, id: &str) -> Result<Report, Diagnostic> {
    let split = frontmatter::split(&source.text).ok_or_else(|| {
        Diagnostic::of(rules::REPORT_FRONT_MATTER, "report has no front matter")
            .at(
                file,
                &source.path,
                0..source.text.find('\n').unwrap_or(source.text.len()),
            )
            .help("start the report with a `---` line, then `title:`, `author:`, `portfolio_holder:`, `status:` and `classification:`, then a closing `---` line")
    })?;
    let ctx = YamlCtx {
        file,
        source,
        offset: split.yaml.start,
        rule: rules::REPORT_FRONT_MATTER,
    };
    let raw: RawReport = ctx.parse(&source.text[split.yaml.clone()])?;
    if raw.classification.value == Classification::Exempt {
        return Err(ctx
            .diag(
                ctx.span_of(&raw.classification.referenced),
                "an exempt report cannot be printed in a Public Document Pack",
            )
            .help("publish exempt items in a separate, restricted pack"));
    }
    let header = Header {
        title: raw.title,
        author: raw.author,
        portfolio_holder: raw.portfolio_holder,
        status: raw.status,
        classification: raw.classification.value,
        key_decision: raw.key_decision,
        wards: raw.wards,
    };
    let parsed = parse::parse_body(&source.text, split.body.clone());
    let document = Document {
        file,
        meta: Meta {
            id: id.to_string(),
            title: header.title.clone(),
            part: String::new(),
            part_span: 0..0,
            short: None,
            long: Vec::new(),
            status: Status::Draft,
            adopted: None,
            amended: None,
            unit: None,
        },
        meta_ok: true,
        body: split.body,
        clauses: parsed.clauses,
        runs: parsed.runs,
        links: parsed.links,
        headings: parsed.headings,
    };
    Ok(Report { header, document })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(s: &str) -> Result<Report, Diagnostic> {
        parse(FileId(0), &SourceFile::new("r.md", s), "report-4")
    }

    #[test]
    fn reads_header_and_body() {
        let r = report("---\ntitle: T\nauthor: A\nportfolio_holder: P\nstatus: For Decision\nclassification: Unrestricted\nkey_decision: false\nwards: All Wards\n---\n## 1.0 Intro\n\n1.1 Text.\n").unwrap();
        assert_eq!(r.header.rows().len(), 6);
        assert_eq!(r.header.rows()[4], ("Key Decision", "No".to_string()));
        assert_eq!(r.document.clauses.len(), 2);
    }

    #[test]
    fn bad_status_and_exempt_are_reported() {
        let e = report("---\ntitle: T\nauthor: A\nportfolio_holder: P\nstatus: For Decison\nclassification: Unrestricted\n---\n").unwrap_err();
        assert_eq!(e.rule.code, "K702");
        let e = report("---\ntitle: T\nauthor: A\nportfolio_holder: P\nstatus: For Decision\nclassification: Exempt\n---\n").unwrap_err();
        assert!(e.message.contains("exempt"));
        assert!(report("no front matter").is_err());
    }
}
