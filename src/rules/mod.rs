//! The catalogue of rules: a stable code, a kebab-case name, the severity it is reported at,
//! the step that reports it, and the text `clerk explain` prints. Passes refer to rules by
//! constant so a code can never be mistyped, and build their diagnostics with
//! [`Diagnostic::of`](crate::diag::Diagnostic::of) so the severity is written once, here,
//! next to the code that users and CI see.
//!
//! Each family of codes is declared in its own file (`io`, `front_matter`, `numbering`,
//! `drafting`, `references`, `import`, `terms`, `pack`); this module holds the [`Rule`] type,
//! the `rules!` macro they use, the whole catalogue in code order ([`ALL`]), the lookup and
//! `clerk explain`'s text. Every rule is re-exported here, so `crate::rules::NUMBERING_GAP`
//! names it wherever it is declared. Deciding *when* a rule applies is the reporting step's.

use crate::diag::Severity;
use crate::frontmatter::Status;

/// One rule clerk can report.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `N201`. Never reused for another meaning.
    pub code: &'static str,
    /// Kebab-case name of the problem, e.g. `numbering-gap`.
    pub name: &'static str,
    /// The severity [`Rule::step`] reports it at: in an adopted document, where the document's
    /// status matters (see [`Rule::draft`]), and everywhere otherwise.
    pub severity: Severity,
    /// The severity in a draft document, where it differs from [`Rule::severity`] (drafting
    /// defects are warnings in a draft; a numbering gap is an error in a draft only).
    pub draft: Option<Severity>,
    /// The step that reports it.
    pub step: Step,
    /// Other steps that report it too, each with its severity there.
    pub also: &'static [(Step, Severity)],
    /// What the rule finds.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An example that triggers it.
    pub example: &'static str,
}

/// The part of clerk that reports a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Reading the folder, its files, `constitution.yaml` and front matter ([`crate::load`]).
    Load,
    /// The numbering pass ([`crate::passes::numbering`]).
    Numbering,
    /// The drafting pass ([`crate::passes::drafting`]).
    Drafting,
    /// The reference pass ([`crate::refs::resolve`]).
    References,
    /// The terms pass ([`crate::passes::terms`], with [`crate::terms`]).
    Terms,
    /// `clerk import` ([`crate::import`]).
    Import,
    /// `clerk pack` ([`crate::pack`]).
    Pack,
    /// `clerk renumber` ([`crate::fix::renumber`]).
    Renumber,
}

impl Step {
    /// Short name: `load`, `numbering pass`, `import` …
    pub fn name(self) -> &'static str {
        match self {
            Step::Load => "load",
            Step::Numbering => "numbering pass",
            Step::Drafting => "drafting pass",
            Step::References => "reference pass",
            Step::Terms => "terms pass",
            Step::Import => "import",
            Step::Pack => "pack",
            Step::Renumber => "renumber",
        }
    }

    /// The source that emits the diagnostics.
    pub fn module(self) -> &'static str {
        match self {
            Step::Load => "src/load.rs",
            Step::Numbering => "src/passes/numbering.rs",
            Step::Drafting => "src/passes/drafting.rs",
            Step::References => "src/refs/resolve/",
            Step::Terms => "src/passes/terms.rs, src/terms/",
            Step::Import => "src/import/",
            Step::Pack => "src/pack/",
            Step::Renumber => "src/fix/renumber/",
        }
    }

    /// What the step does, for `clerk explain`.
    pub fn does(self) -> &'static str {
        match self {
            Step::Load => "reading the constitution folder, its files, constitution.yaml and front matter, before any check",
            Step::Numbering => "each document's clause numbers and labels, in `clerk check` and `clerk build`",
            Step::Drafting => "placeholders and drafting left in the text, in `clerk check` and `clerk build`, and in what `clerk pack` prints",
            Step::References => "every reference resolved, in `clerk check` and `clerk build`, and in what `clerk pack` prints",
            Step::Terms => "defined terms and titles, in `clerk check` and `clerk build`",
            Step::Import => "`clerk import`, turning Word and PDF text into documents",
            Step::Pack => "`clerk pack`, reading a meeting file, its reports and annexes, and typesetting the pack",
            Step::Renumber => "`clerk renumber`, rewriting clause numbers and the references to them",
        }
    }
}

impl Rule {
    /// The severity in a document of `status`.
    pub fn severity_in(&self, status: Status) -> Severity {
        match status {
            Status::Adopted => self.severity,
            Status::Draft => self.draft.unwrap_or(self.severity),
        }
    }

    /// The severity `step` reports the rule at: [`Rule::severity`] for its own step, the one
    /// declared in [`Rule::also`] for another.
    pub fn severity_at(&self, step: Step) -> Severity {
        if step == self.step {
            return self.severity;
        }
        let also = self.also.iter().find(|(s, _)| *s == step);
        debug_assert!(
            also.is_some(),
            "{} does not declare the {} step",
            self.code,
            step.name()
        );
        also.map_or(self.severity, |(_, s)| *s)
    }

    /// The severity as `clerk explain` lists it: `error`, or `error (warning in drafts)`.
    pub fn severity_label(&self) -> String {
        match self.draft {
            Some(d) if d != self.severity => {
                format!("{} ({} in drafts)", self.severity.as_str(), d.as_str())
            }
            _ => self.severity.as_str().to_string(),
        }
    }
}

/// Declare a family of rules: one constant each, and the family's list in code order.
///
/// ```text
/// NAME = "X123" "kebab-name" {
///     severity: Error, [draft: Warning,] step: Load, [also: [Import: Warning],]
///     what: "…", why: "…", example: "…",
/// }
/// ```
macro_rules! rules {
    (@draft) => { None };
    (@draft $draft:ident) => { Some($crate::diag::Severity::$draft) };
    ($($ident:ident = $code:literal $name:literal {
        severity: $severity:ident, $(draft: $draft:ident,)? step: $step:ident,
        $(also: [$($also:ident: $also_severity:ident),* $(,)?],)?
        what: $what:literal, why: $why:literal, example: $example:literal $(,)?
    })*) => {
        $(pub const $ident: &$crate::rules::Rule = &$crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diag::Severity::$severity,
            draft: rules!(@draft $($draft)?),
            step: $crate::rules::Step::$step,
            also: &[$($(($crate::rules::Step::$also, $crate::diag::Severity::$also_severity)),*)?],
            what: $what,
            why: $why,
            example: $example,
        };)*
        /// This family's rules, in code order.
        pub(super) const RULES: &[&$crate::rules::Rule] = &[$($ident),*];
    };
}

mod drafting;
mod front_matter;
mod import;
mod io;
mod numbering;
mod pack;
mod references;
mod terms;

pub use drafting::*;
pub use front_matter::*;
pub use import::*;
pub use io::*;
pub use numbering::*;
pub use pack::*;
pub use references::*;
pub use terms::*;

/// The families, in code order: E0xx, F1xx, N2xx, P3xx, R4xx, I5xx, T6xx, K7xx.
const FAMILIES: &[&[&Rule]] = &[
    io::RULES,
    front_matter::RULES,
    numbering::RULES,
    drafting::RULES,
    references::RULES,
    import::RULES,
    terms::RULES,
    pack::RULES,
];

const COUNT: usize = {
    let (mut n, mut f) = (0, 0);
    while f < FAMILIES.len() {
        n += FAMILIES[f].len();
        f += 1;
    }
    n
};

/// Every rule, in code order (by the number: E001 … K710).
pub const ALL: &[&Rule] = &{
    let mut all = [IO_ERROR; COUNT];
    let (mut i, mut f) = (0, 0);
    while f < FAMILIES.len() {
        let mut r = 0;
        while r < FAMILIES[f].len() {
            all[i] = FAMILIES[f][r];
            i += 1;
            r += 1;
        }
        f += 1;
    }
    all
};

/// Look a rule up by code (`N201`, case-insensitive) or by name (`numbering-gap`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// "as an error", "as a warning", "as information".
fn as_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "as an error",
        Severity::Warning => "as a warning",
        Severity::Info => "as information",
    }
}

/// The text `clerk explain` prints for a rule.
pub fn explain(rule: &Rule) -> String {
    let example = rule
        .example
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    let severity = match rule.draft {
        Some(d) if d != rule.severity => format!(
            "{} in an adopted document, {} in a draft",
            rule.severity.as_str(),
            d.as_str()
        ),
        _ => rule.severity.as_str().to_string(),
    };
    let step = |s: Step| format!("{} ({}): {}", s.name(), s.module(), s.does());
    let mut reported = step(rule.step);
    for &(s, sev) in rule.also {
        reported.push_str(&format!("\n    also {}", step(s)));
        if sev != rule.severity {
            reported.push_str(&format!("; {}", as_severity(sev)));
        }
    }
    format!(
        "{} {}\n\nSeverity\n    {severity}\n\nReported by\n    {reported}\n\nWhat it finds\n    {}\n\nWhy it matters\n    {}\n\nExample\n{}\n",
        rule.code, rule.name, rule.what, rule.why, example
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: BTreeSet<_> = ALL.iter().map(|r| r.code).collect();
        let names: BTreeSet<_> = ALL.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for r in ALL {
            assert!(r
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(r.code.len(), 4);
        }
    }

    #[test]
    fn find_by_code_or_name() {
        assert_eq!(find("n203").unwrap().name, "numbering-gap");
        assert_eq!(find("placeholder").unwrap().code, "P301");
        assert!(find("X999").is_none());
    }

    #[test]
    fn severity_by_status_and_step() {
        assert_eq!(PLACEHOLDER.severity_in(Status::Adopted), Severity::Error);
        assert_eq!(PLACEHOLDER.severity_in(Status::Draft), Severity::Warning);
        assert_eq!(
            NUMBERING_GAP.severity_in(Status::Adopted),
            Severity::Warning
        );
        assert_eq!(NUMBERING_GAP.severity_in(Status::Draft), Severity::Error);
        assert_eq!(
            NUMBERING_DUPLICATE.severity_in(Status::Draft),
            Severity::Error
        );
        assert_eq!(CONFIG.severity_at(Step::Load), Severity::Error);
        assert_eq!(CONFIG.severity_at(Step::Import), Severity::Warning);
        assert_eq!(PLACEHOLDER.severity_label(), "error (warning in drafts)");
        assert_eq!(REFERENCE_DIRECTION.severity_label(), "warning");
    }

    #[test]
    fn explain_says_severity_and_step() {
        let gap = explain(NUMBERING_GAP);
        assert!(
            gap.contains("\nSeverity\n    warning in an adopted document, error in a draft\n"),
            "{gap}"
        );
        assert!(
            gap.contains("\nReported by\n    numbering pass (src/passes/numbering.rs)"),
            "{gap}"
        );
        let config = explain(CONFIG);
        assert!(
            config.contains("\n    also import (src/import/): "),
            "{config}"
        );
        assert!(config.contains("; as a warning\n"), "{config}");
    }
}
