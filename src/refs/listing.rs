//! `clerk refs`: every reference as a record (JSON Lines or a table), optionally only those
//! that cite a given document or clause (`--to cso:16`).

use super::{Outcome, Reference, Target};
use crate::model::Constitution;
use crate::number::ClauseNumber;
use serde::Serialize;

#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct TargetRec {
    pub document: Option<String>,
    pub clause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct RefRec {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub document: String,
    pub clause: Option<String>,
    pub text: String,
    pub outcome: Outcome,
    /// `explicit` (a citing word, prefix, document name or link) or `inferred` (a bare
    /// number read from context).
    pub confidence: super::Confidence,
    pub targets: Vec<TargetRec>,
}

/// A `--to` filter: a document id, optionally with a clause (`cso:16` includes 16.1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct To {
    pub document: String,
    pub clause: Option<ClauseNumber>,
}

impl To {
    /// Parse `cso` or `cso:16.1`.
    pub fn parse(s: &str) -> Result<To, String> {
        let (doc, clause) = match s.split_once(':') {
            Some((d, n)) => (
                d,
                Some(
                    ClauseNumber::parse(n)
                        .ok_or_else(|| format!("`{n}` is not a clause number"))?,
                ),
            ),
            None => (s, None),
        };
        if doc.is_empty() {
            return Err("give a document id, e.g. `cso:16`".into());
        }
        Ok(To {
            document: doc.to_string(),
            clause,
        })
    }

    fn matches(&self, c: &Constitution, t: &Target) -> bool {
        let (d, clause) = match t {
            Target::Clause(d, ci) => (*d, Some(&c.documents[*d].clauses[*ci].number)),
            Target::Document(d) | Target::Heading(d, _) => (*d, None),
            Target::Part(_) => return false,
        };
        c.documents[d].meta.id == self.document
            && match (&self.clause, clause) {
                (None, _) => true,
                (Some(want), Some(have)) => have.starts_with(want),
                (Some(_), None) => false,
            }
    }
}

fn target_rec(c: &Constitution, t: &Target) -> TargetRec {
    match t {
        Target::Clause(d, ci) => TargetRec {
            document: Some(c.documents[*d].meta.id.clone()),
            clause: Some(c.documents[*d].clauses[*ci].number.to_string()),
            part: None,
            heading: None,
        },
        Target::Document(d) => TargetRec {
            document: Some(c.documents[*d].meta.id.clone()),
            clause: None,
            part: None,
            heading: None,
        },
        Target::Heading(d, h) => {
            let doc = &c.documents[*d];
            TargetRec {
                document: Some(doc.meta.id.clone()),
                clause: None,
                part: None,
                heading: Some(c.file(doc.file).text[doc.headings[*h].text.clone()].to_string()),
            }
        }
        Target::Part(p) => TargetRec {
            document: None,
            clause: None,
            part: Some(p.clone()),
            heading: None,
        },
    }
}

/// Records for every reference (or those matching `to`), in document order.
pub fn records(c: &Constitution, refs: &[Reference], to: Option<&To>) -> Vec<RefRec> {
    refs.iter()
        .filter(|r| to.is_none_or(|to| r.targets.iter().any(|t| to.matches(c, t))))
        .map(|r| {
            let d = &c.documents[r.doc];
            let f = c.file(d.file);
            let (line, column) = f.line_col(r.span.start);
            RefRec {
                file: f.path.clone(),
                line,
                column,
                document: d.meta.id.clone(),
                clause: r.clause.map(|i| d.clauses[i].number.to_string()),
                text: f.text[r.span.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                outcome: r.outcome,
                confidence: r.confidence,
                targets: r.targets.iter().map(|t| target_rec(c, t)).collect(),
            }
        })
        .collect()
}

/// A readable table: where, what was written, and what it means.
pub fn table(recs: &[RefRec]) -> String {
    let mut out = String::new();
    for r in recs {
        let targets: Vec<String> = r
            .targets
            .iter()
            .map(|t| match (&t.document, &t.clause, &t.part) {
                (Some(d), None, _) if t.heading.is_some() => {
                    format!("{d} \"{}\"", t.heading.as_deref().unwrap_or(""))
                }
                (Some(d), Some(c), _) => format!("{d} {c}"),
                (Some(d), None, _) => d.clone(),
                (_, _, Some(p)) => format!("Part {p}"),
                _ => String::new(),
            })
            .collect();
        let outcome = serde_json::to_value(r.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let arrow = if targets.is_empty() {
            String::new()
        } else {
            format!(" -> {}", targets.join(", "))
        };
        let inferred = match r.confidence {
            super::Confidence::Inferred => " (inferred)",
            super::Confidence::Explicit => "",
        };
        out.push_str(&format!(
            "{}:{}:{}  {:<12} {}{}{inferred}\n",
            r.file, r.line, r.column, outcome, r.text, arrow
        ));
    }
    out
}
