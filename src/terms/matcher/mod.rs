//! One Aho-Corasick automaton for every title, retired title, exception and defined term of
//! a constitution (singular and plural forms), and the rules that decide which raw matches
//! are real uses: whole words, case, and leftmost-longest among the valid ones.
//!
//! The automaton is leftmost-longest over lower-case patterns and runs on an ASCII lower-case
//! copy of the text ([`LowerCased`]), which finds every case and keeps its prefilter fast. A
//! match that fails its checks falls back to the patterns that are prefixes of it, then the
//! search resumes one byte later, so a failed long match never hides a shorter valid one.
//! Leftmost-longest is how "Chief Executive" (a current title) keeps "Executive" (a retired
//! one) from being reported inside it. What a use means is decided by callers.
//!
//! This module holds what callers see (forms, roles, hits) and the matcher's tables; the
//! parts of the algorithm that share those tables live beside it:
//!
//! - `build.rs`: the tables and automata made from the forms, once per run;
//! - `group.rs`: which forms of a pattern count in which document;
//! - `fold.rs`: the lower-case copy the automata read, and reading through tags and wrapped
//!   lines;
//! - `scan.rs`: the search itself and the checks of each raw match.

mod build;
mod fold;
mod group;
mod scan;

pub use fold::{crosses_tag, LowerCased};

use super::words::is_upper;
use crate::source::Span;
use aho_corasick::AhoCorasick;
use group::Group;

/// What a pattern stands for. Indices are into the caller's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// A retired title or term (index into the retired table).
    Retired(u32),
    /// A current title (index into `titles:`).
    Current(u32),
    /// A phrase that contains a retired title but is something else (`except:`).
    Shield,
    /// A defined term (index into the definitions table).
    Term(u32),
}

/// How a pattern's case must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Any case: titles are found however they are written, and how they were written is
    /// reported ([`Case`]).
    Any,
    /// As written, in capitals, or (for a term written in lower case) with a capital first
    /// letter: a defined term is a capitalised phrase, and "member" is not "Member".
    AsWritten,
}

/// One form of one name.
#[derive(Clone, Debug)]
pub struct Form {
    pub text: String,
    pub role: Role,
    pub plural: bool,
    pub case: CaseRule,
    /// The only document (index) where this form counts, for a term defined in one document.
    pub only_in: Option<u32>,
}

/// How a found occurrence is written compared with the declared form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Exact,
    /// All in capitals, as in headings ("CHAIRMAN").
    Upper,
    /// First letter raised ("Officers" for "officers").
    Capitalised,
    /// First letter lowered ("chairman" for "Chairman").
    Lowered,
    /// Any other mixture.
    Other,
}

/// How `found` is written compared with `declared` (same letters, ASCII case aside).
pub fn case_of(found: &str, declared: &str) -> Case {
    if found == declared {
        return Case::Exact;
    }
    if is_upper(found) {
        return Case::Upper;
    }
    let mut f = found.chars();
    let mut d = declared.chars();
    match (f.next(), d.next()) {
        (Some(a), Some(b)) if f.as_str() == d.as_str() => {
            if a.is_uppercase() && b.is_lowercase() {
                Case::Capitalised
            } else if a.is_lowercase() && b.is_uppercase() {
                Case::Lowered
            } else {
                Case::Other
            }
        }
        _ => Case::Other,
    }
}

/// One role a hit plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleHit {
    pub role: Role,
    pub plural: bool,
    pub case: Case,
}

/// A chosen use: its span and every role whose form matches exactly that span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub roles: Roles,
}

impl Hit {
    pub fn has(&self, pred: impl Fn(Role) -> bool) -> Option<&RoleHit> {
        self.roles.iter().find(|r| pred(r.role))
    }
}

/// The roles of a hit, in the order of the forms: nearly always one or two, kept inline so a
/// scan does not allocate per hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roles {
    len: usize,
    inline: [RoleHit; 2],
    more: Vec<RoleHit>,
}

const NO_ROLE: RoleHit = RoleHit {
    role: Role::Shield,
    plural: false,
    case: Case::Exact,
};

impl Roles {
    fn new() -> Roles {
        Roles {
            len: 0,
            inline: [NO_ROLE; 2],
            more: Vec::new(),
        }
    }

    fn push(&mut self, r: RoleHit) {
        if self.len < 2 {
            self.inline[self.len] = r;
        } else {
            self.more.push(r);
        }
        self.len += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &RoleHit> {
        self.inline[..self.len.min(2)]
            .iter()
            .chain(self.more.iter())
    }
}

/// One automaton over some of the patterns, and for each of its patterns the matcher-wide
/// pattern number.
struct Automaton {
    ac: AhoCorasick,
    ids: Vec<u32>,
}

/// Patterns this short (acronyms such as "FTS") get their own automaton: in the shared one a
/// three-letter pattern weakens the prefilter for every other pattern, which made the scan
/// 40% slower for one defined acronym.
const SHORT: usize = 3;

/// The automata over every form.
pub struct Matcher {
    /// Patterns longer than [`SHORT`], then the short ones (each present when it has patterns).
    automata: Vec<Automaton>,
    forms: Vec<Form>,
    /// For each automaton pattern (a distinct text, ASCII case folded): its forms.
    groups: Vec<Group>,
    /// For each pattern, the other patterns that are proper prefixes of it, longest first:
    /// where the longest match fails its checks, a shorter one may still hold.
    prefixes: Vec<Vec<u32>>,
    lens: Vec<usize>,
    /// Whether another pattern may start inside this one at a word boundary, so a failed
    /// match must be searched again from its second byte.
    refind_inside: Vec<bool>,
    /// Whether this pattern and every pattern that is a prefix of it are only terms written
    /// with a capital: a match starting with a lower-case letter fails at once.
    capitals_only: Vec<bool>,
}

impl Matcher {
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }
}

/// Helpers for the tests of the submodules, which each build small matchers.
#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn m(forms: &[(&str, Role, CaseRule)]) -> Matcher {
        Matcher::new(
            forms
                .iter()
                .map(|(t, r, c)| Form {
                    text: t.to_string(),
                    role: *r,
                    plural: false,
                    case: *c,
                    only_in: None,
                })
                .collect(),
        )
    }

    pub(super) fn found(m: &Matcher, t: &str) -> Vec<(String, Role, Case)> {
        let mut out = Vec::new();
        m.scan(
            &LowerCased::new(t),
            0..t.len(),
            None,
            &mut out,
            &mut Vec::new(),
        );
        out.iter()
            .flat_map(|h| {
                h.roles
                    .iter()
                    .map(|r| (t[h.span.clone()].to_string(), r.role, r.case))
            })
            .collect()
    }
}
