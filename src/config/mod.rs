//! `constitution.yaml`: the council, its Parts, the words it cites with, its titles and
//! defined terms — the schema, its defaults, and parsing it into a [`Config`] with every
//! problem a diagnostic naming file, line and column (`F102`).
//!
//! Documents' own front matter is [`crate::frontmatter`]'s.

pub mod terms;

use crate::diag::Diagnostic;
use crate::rules;
use crate::source::{FileId, SourceFile};
use crate::yaml::YamlCtx;
use serde::Deserialize;

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
    titles: Vec<terms::TitleDecl>,
    #[serde(default)]
    terms: terms::TermsDecl,
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
    pub titles: Vec<terms::TitleDecl>,
    /// Defined terms, Definitions clauses and the allow list (see [`crate::terms`]).
    pub terms: terms::TermsDecl,
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
