//! The shapes of the `titles:` and `terms:` sections of `constitution.yaml`: current role
//! titles with the titles they replaced, and defined terms with their Definitions clauses and
//! allow list. [`crate::terms::config`] checks them against the documents once loaded.

use serde::Deserialize;
use serde_saphyr::Spanned;

/// One current role title or body, with the titles it replaced.
///
/// ```yaml
/// - current: Head of Legal and Democracy
///   replaces: [{title: Head of Legal Services, retired: 2024-02-27}]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleDecl {
    pub current: Spanned<String>,
    /// The plural when the simple rule (add `s`, `-man` → `-men`, …) gets it wrong.
    #[serde(default)]
    pub plural: Option<String>,
    #[serde(default)]
    pub replaces: Vec<Retired>,
}

/// A title or term that is no longer used.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retired {
    pub title: Spanned<String>,
    #[serde(default)]
    pub plural: Option<String>,
    /// The date it stopped being used, `YYYY-MM-DD`.
    #[serde(default)]
    pub retired: Option<Spanned<String>>,
    /// Longer phrases that contain the title but are something else ("executive functions"
    /// for a retired "Executive"); uses inside them are not reported or renamed.
    #[serde(default)]
    pub except: Vec<String>,
}

/// The `terms:` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TermsDecl {
    /// Definitions clauses whose terms apply to the whole constitution: `doc:clause`.
    pub definitions: Vec<Spanned<String>>,
    /// Terms defined here rather than in a document.
    pub defined: Vec<TermDecl>,
    /// Capitalised phrases that are ordinary names, not terms used as if defined.
    pub allow: Vec<String>,
}

/// A term defined in `constitution.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermDecl {
    pub term: Spanned<String>,
    #[serde(default)]
    pub plural: Option<String>,
    /// What it means, for the glossary.
    #[serde(default)]
    pub means: Option<String>,
    /// Where the constitution defines it, `doc:clause`, when the text does.
    #[serde(default)]
    pub at: Option<Spanned<String>>,
    /// Terms it replaced ("OJEU" replaced by "Find a Tender Service").
    #[serde(default)]
    pub replaces: Vec<Retired>,
}
