//! One Aho-Corasick automaton for every title, retired title, exception and defined term of
//! a constitution (singular and plural forms), and the rules that decide which raw matches
//! are real uses: whole words, case, and leftmost-longest among the valid ones.
//!
//! The automaton is ASCII-case-insensitive and reports overlapping matches, so a match that
//! fails its checks never hides a shorter valid one; the valid matches are then chosen
//! leftmost-longest, which is how "Chief Executive" (a current title) keeps "Executive" (a
//! retired one) from being reported inside it. What a use means is decided by callers.

use super::words::{is_upper, whole_words};
use crate::source::Span;
use aho_corasick::{AhoCorasick, MatchKind};

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
    pub roles: Vec<RoleHit>,
}

impl Hit {
    pub fn has(&self, pred: impl Fn(Role) -> bool) -> Option<&RoleHit> {
        self.roles.iter().find(|r| pred(r.role))
    }
}

/// Whether a span of `text` contains an inline tag (a use read through redline marks).
pub fn crosses_tag(text: &str, span: &Span) -> bool {
    text[span.clone()].contains('<')
}

/// The automaton over every form.
pub struct Matcher {
    ac: Option<AhoCorasick>,
    forms: Vec<Form>,
}

impl Matcher {
    pub fn new(forms: Vec<Form>) -> Matcher {
        let forms: Vec<Form> = forms
            .into_iter()
            .filter(|f| !f.text.trim().is_empty())
            .collect();
        let ac = (!forms.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(forms.iter().map(|f| f.text.as_str()))
                .expect("plain string patterns")
        });
        Matcher { ac, forms }
    }

    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// Like [`Matcher::scan`], but reads through inline HTML tags as flattened redlines leave
    /// them: "Overview and Scrutiny <u>Committee Panel</u>" contains "Overview and Scrutiny
    /// Committee". Spans are in `text`; a span may then contain a tag ([`crosses_tag`]).
    pub fn scan_prose(
        &self,
        text: &str,
        range: Span,
        out: &mut Vec<Hit>,
        near: &mut Vec<(Span, Role)>,
    ) {
        let hay = &text[range.clone()];
        if memchr::memchr(b'<', hay.as_bytes()).is_none() {
            return self.scan(text, range, out, near);
        }
        // The run without its tags, and for each byte of it the byte it came from.
        let mut plain = String::with_capacity(hay.len());
        let mut from: Vec<usize> = Vec::with_capacity(hay.len() + 1);
        let mut i = 0;
        while i < hay.len() {
            if hay.as_bytes()[i] == b'<' {
                if let Some(e) = hay[i..]
                    .find('>')
                    .filter(|&e| e <= 12 && !hay[i + 1..i + e].contains(['<', ' ']))
                {
                    i += e + 1;
                    continue;
                }
            }
            let ch = hay[i..].chars().next().unwrap_or(' ');
            plain.push(ch);
            for k in 0..ch.len_utf8() {
                from.push(range.start + i + k);
            }
            i += ch.len_utf8();
        }
        from.push(range.end);
        let mut local = Vec::new();
        let mut local_near = Vec::new();
        self.scan(&plain, 0..plain.len(), &mut local, &mut local_near);
        let map = |s: &Span| from[s.start]..from[s.end - 1] + 1;
        for mut h in local {
            h.span = map(&h.span);
            // Boundaries were checked in the tag-free text; the original must agree at the
            // edges too ("a<u>Chairman</u>" is not a word on its own).
            if super::words::whole_words(text, h.span.start, h.span.end) {
                out.push(h);
            }
        }
        near.extend(local_near.into_iter().map(|(s, r)| (map(&s), r)));
    }

    /// Every use in `text[range]`, in order, not overlapping. Terms found in the wrong case
    /// ("designated Finance Officer" for "Designated Finance Officer") go to `near`.
    pub fn scan(&self, text: &str, range: Span, out: &mut Vec<Hit>, near: &mut Vec<(Span, Role)>) {
        let Some(ac) = &self.ac else { return };
        let hay = &text[range.clone()];
        let mut cands: Vec<(usize, usize, RoleHit)> = Vec::new();
        for m in ac.find_overlapping_iter(hay) {
            let (s, e) = (range.start + m.start(), range.start + m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) || !whole_words(text, s, e) {
                continue;
            }
            let form = &self.forms[m.pattern().as_usize()];
            let case = case_of(&text[s..e], &form.text);
            let ok = match form.case {
                CaseRule::Any => true,
                CaseRule::AsWritten => match case {
                    Case::Exact | Case::Upper => true,
                    Case::Capitalised => true,
                    Case::Lowered | Case::Other => false,
                },
            };
            if !ok {
                near.push((s..e, form.role));
            }
            if ok {
                cands.push((
                    s,
                    e,
                    RoleHit {
                        role: form.role,
                        plural: form.plural,
                        case,
                    },
                ));
            }
        }
        if cands.is_empty() {
            return;
        }
        cands.sort_by(|a, b| (a.0, b.1, a.2.role).cmp(&(b.0, a.1, b.2.role)));
        let mut last_end = range.start;
        for (s, e, rh) in cands {
            match out.last_mut() {
                Some(h) if h.span == (s..e) && !h.roles.contains(&rh) => h.roles.push(rh),
                Some(h) if h.span == (s..e) => {}
                _ if s >= last_end => {
                    out.push(Hit {
                        span: s..e,
                        roles: vec![rh],
                    });
                    last_end = e;
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(forms: &[(&str, Role, CaseRule)]) -> Matcher {
        Matcher::new(
            forms
                .iter()
                .map(|(t, r, c)| Form {
                    text: t.to_string(),
                    role: *r,
                    plural: false,
                    case: *c,
                })
                .collect(),
        )
    }

    fn found(m: &Matcher, t: &str) -> Vec<(String, Role, Case)> {
        let mut out = Vec::new();
        m.scan(t, 0..t.len(), &mut out, &mut Vec::new());
        out.iter()
            .flat_map(|h| {
                h.roles
                    .iter()
                    .map(|r| (t[h.span.clone()].to_string(), r.role, r.case))
            })
            .collect()
    }

    #[test]
    fn whole_words_and_case() {
        let mm = m(&[("Chairman", Role::Retired(0), CaseRule::Any)]);
        assert_eq!(
            found(
                &mm,
                "the Chairman, Chairmanship, chairman's, CHAIRMAN and Vice-Chairman"
            ),
            [
                ("Chairman".into(), Role::Retired(0), Case::Exact),
                ("chairman".into(), Role::Retired(0), Case::Lowered),
                ("CHAIRMAN".into(), Role::Retired(0), Case::Upper),
                ("Chairman".into(), Role::Retired(0), Case::Exact),
            ]
        );
    }

    #[test]
    fn longer_current_titles_shield_retired_ones() {
        let mm = m(&[
            ("Executive", Role::Retired(0), CaseRule::Any),
            ("Chief Executive", Role::Current(0), CaseRule::Any),
        ]);
        let got = found(&mm, "the Chief Executive and the Executive");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, Role::Current(0));
        assert_eq!(got[1].1, Role::Retired(0));
    }

    #[test]
    fn terms_match_as_written() {
        let mm = m(&[
            ("Member", Role::Term(0), CaseRule::AsWritten),
            ("Members", Role::Term(0), CaseRule::AsWritten),
        ]);
        let got: Vec<String> = found(&mm, "Members and members; a Member's MEMBER Membership")
            .into_iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(got, ["Members", "Member", "MEMBER"]);
    }

    #[test]
    fn reads_through_redline_tags() {
        let mm = m(&[(
            "Overview and Scrutiny Committee",
            Role::Retired(0),
            CaseRule::Any,
        )]);
        let t = "before the Overview and Scrutiny <u>Committee Panel</u> may";
        let mut out = Vec::new();
        mm.scan_prose(t, 0..t.len(), &mut out, &mut Vec::new());
        assert_eq!(
            &t[out[0].span.clone()],
            "Overview and Scrutiny <u>Committee"
        );
        assert!(crosses_tag(t, &out[0].span));
    }

    #[test]
    fn a_failed_long_match_does_not_hide_a_short_one() {
        let mm = m(&[
            ("Officer", Role::Term(0), CaseRule::AsWritten),
            ("Officers", Role::Term(1), CaseRule::AsWritten),
        ]);
        let got = found(&mm, "Officership Officer");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Officer");
    }
}
