//! The search: every use of a form in a document's prose and links, and the checks that turn
//! a raw automaton match into a use (whole words, case, the document it counts in).
//!
//! Failed matches fall back to shorter patterns and the search resumes inside them, so the
//! result is what one leftmost-longest search over only the valid matches would give. The
//! text it reads is made by [`super::fold`]; what a use means is decided by callers.

use super::fold::searchable_as_is;
use super::{case_of, Automaton, Case, CaseRule, Hit, LowerCased, Matcher, Role, RoleHit, Roles};
use crate::source::Span;
use crate::terms::words::whole_words;
use aho_corasick::Input;

/// Merge `extra` (hits of the short patterns, in order) into `out[from..]` (hits of the long
/// ones, in order), keeping the leftmost and then the longest where two overlap, as one
/// automaton over every pattern would.
fn merge_hits(out: &mut Vec<Hit>, from: usize, extra: Vec<Hit>) {
    let long: Vec<Hit> = out.drain(from..).collect();
    let (mut a, mut b) = (long.into_iter().peekable(), extra.into_iter().peekable());
    let mut end = 0;
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                (x.span.start, std::cmp::Reverse(x.span.end))
                    <= (y.span.start, std::cmp::Reverse(y.span.end))
            }
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_a { a.next() } else { b.next() };
        if let Some(h) = next.filter(|h| h.span.start >= end) {
            end = h.span.end;
            out.push(h);
        }
    }
}

impl Matcher {
    /// Every use in a document: in its prose `runs`, in order, and in the text of its
    /// `links`. `doc` as for [`Matcher::scan`]. A run with inline tags or wrapped lines is
    /// read through them ([`Matcher::scan_through_tags`]).
    ///
    /// A document has thousands of runs (each paragraph, and each piece between emphasis
    /// marks). Starting a search for each cost more than the searching, so each stretch of
    /// runs that can be searched as they stand is searched at once, with the markup between
    /// them blanked ([`LowerCased::blank_between`]).
    pub fn scan_document(
        &self,
        text: &str,
        runs: &[Span],
        links: impl Iterator<Item = Span>,
        doc: Option<usize>,
    ) -> crate::terms::DocScan {
        let mut folded = LowerCased::new(text);
        let mut found = crate::terms::DocScan::default();
        for link in links {
            self.scan(&folded, link, doc, &mut found.links, &mut found.near);
        }
        folded.blank_between(runs);
        let mut stretch: Option<Span> = None;
        for run in runs {
            if searchable_as_is(&text[run.clone()]) {
                let from = stretch.map_or(run.start, |s| s.start);
                stretch = Some(from..run.end);
                continue;
            }
            if let Some(s) = stretch.take() {
                self.scan(&folded, s, doc, &mut found.prose, &mut found.near);
            }
            self.scan_through_tags(&folded, run.clone(), doc, &mut found.prose, &mut found.near);
        }
        if let Some(s) = stretch {
            self.scan(&folded, s, doc, &mut found.prose, &mut found.near);
        }
        found
    }

    /// Every use in `text[range]`, in order, not overlapping: leftmost, then longest, among
    /// the matches that pass their checks. Terms found in the wrong case ("designated
    /// Finance Officer" for "Designated Finance Officer") go to `near`.
    /// Forms that count only in another document than `doc` are skipped.
    pub fn scan(
        &self,
        folded: &LowerCased<'_>,
        range: Span,
        doc: Option<usize>,
        out: &mut Vec<Hit>,
        near: &mut Vec<(Span, Role)>,
    ) {
        if self.automata.is_empty() {
            return;
        }
        let (text, lower) = (folded.text, folded.lower.as_slice());
        let doc = doc.map(|d| d as u32);
        let from = out.len();
        let mut extra = Vec::new();
        for (k, automaton) in self.automata.iter().enumerate() {
            let hits = if k == 0 { &mut *out } else { &mut extra };
            self.scan_with(automaton, text, lower, &range, doc, hits, near);
        }
        if !extra.is_empty() {
            merge_hits(out, from, extra);
        }
    }

    /// [`Matcher::scan`] with one automaton, on the folded copy `lower` of `text`.
    #[allow(clippy::too_many_arguments)]
    fn scan_with(
        &self,
        automaton: &Automaton,
        text: &str,
        lower: &[u8],
        range: &Span,
        doc: Option<u32>,
        out: &mut Vec<Hit>,
        near: &mut Vec<(Span, Role)>,
    ) {
        let mut pos = range.start;
        'search: while pos < range.end {
            let input = Input::new(lower).span(pos..range.end);
            for m in automaton.ac.find_iter(input) {
                let s = m.start();
                let p = automaton.ids[m.pattern().as_usize()] as usize;
                if !self.counts_in(p, doc) {
                    // A term defined in other documents only ("Officer" defined in one
                    // protocol): half the matches in a large constitution. Nothing here can
                    // hold, but a match may start inside it.
                    if self.refind_inside[p] {
                        pos = s + 1;
                        continue 'search;
                    }
                    continue;
                }
                if self.capitals_only[p] && text.as_bytes()[s].is_ascii_lowercase() {
                    // Only capitalised terms are written this way: "member" is not "Member".
                    let e = s + self.lens[p];
                    // "fts" inside "drafts" is not the term FTS in lower case.
                    if text.is_char_boundary(e) && whole_words(text, s, e) {
                        for fi in self.groups[p].forms_in(doc) {
                            near.push((s..e, self.forms[fi].role));
                        }
                    }
                    if self.refind_inside[p] {
                        pos = s + 1;
                        continue 'search;
                    }
                    continue;
                }
                if let Some(h) = self.check(text, s, p, doc, near) {
                    out.push(h);
                    continue;
                }
                // The longest match failed: a shorter one at the same place may hold, and a
                // match may start inside it; search again from there.
                let shorter = self.prefixes[p]
                    .iter()
                    .find_map(|&q| self.check(text, s, q as usize, doc, near));
                match shorter {
                    Some(h) => {
                        pos = h.span.end;
                        out.push(h);
                        continue 'search;
                    }
                    None if self.refind_inside[p] => {
                        pos = s + 1;
                        continue 'search;
                    }
                    None => {}
                }
            }
            break;
        }
    }

    /// Whether pattern `p`, or a shorter pattern that is a prefix of it, has a form that
    /// counts in `doc`.
    fn counts_in(&self, p: usize, doc: Option<u32>) -> bool {
        let counts = |q: usize| self.groups[q].forms_in(doc).next().is_some();
        counts(p) || self.prefixes[p].iter().any(|&q| counts(q as usize))
    }

    /// The hit of pattern `p` at `s`, if it is whole words and some form's case holds.
    fn check(
        &self,
        text: &str,
        s: usize,
        p: usize,
        doc: Option<u32>,
        near: &mut Vec<(Span, Role)>,
    ) -> Option<Hit> {
        let e = s + self.lens[p];
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) || !whole_words(text, s, e) {
            return None;
        }
        let wrapped;
        let found = if text[s..e].contains('\n') {
            wrapped = text[s..e].replace('\n', " ");
            wrapped.as_str()
        } else {
            &text[s..e]
        };
        let mut roles = Roles::new();
        for fi in self.groups[p].forms_in(doc) {
            let form = &self.forms[fi];
            let case = case_of(found, &form.text);
            let ok = match form.case {
                CaseRule::Any => true,
                CaseRule::AsWritten => !matches!(case, Case::Lowered | Case::Other),
            };
            if ok {
                roles.push(RoleHit {
                    role: form.role,
                    plural: form.plural,
                    case,
                });
            } else {
                near.push((s..e, form.role));
            }
        }
        (!roles.is_empty()).then_some(Hit { span: s..e, roles })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{found, m};
    use super::*;

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
    fn acronyms_and_longer_names_take_turns_as_one_automaton_would() {
        let mm = m(&[
            ("FTS", Role::Term(0), CaseRule::AsWritten),
            ("FTS Portal", Role::Current(0), CaseRule::Any),
            ("CSO", Role::Term(1), CaseRule::AsWritten),
        ]);
        let got: Vec<(String, Role)> = found(
            &mm,
            "the FTS Portal, then FTS; CSO and drafts (fts) and the FTS\nPortal",
        )
        .into_iter()
        .map(|(t, r, _)| (t, r))
        .collect();
        let want = [
            ("FTS Portal", Role::Current(0)),
            ("FTS", Role::Term(0)),
            ("CSO", Role::Term(1)),
            ("FTS\nPortal", Role::Current(0)),
        ];
        assert_eq!(
            got,
            want.map(|(t, r)| (t.to_string(), r)).to_vec(),
            "{got:?}"
        );
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
    fn a_failed_long_match_does_not_hide_a_short_one() {
        let mm = m(&[
            ("Officer", Role::Term(0), CaseRule::AsWritten),
            ("Officers", Role::Term(1), CaseRule::AsWritten),
        ]);
        let got = found(&mm, "Officership Officer");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "Officer");
    }

    proptest::proptest! {
        /// One search over a stretch of runs, markup blanked, finds what a search of each
        /// run finds: the same hits in the same order, and the same wrong-case places.
        #[test]
        fn a_document_searched_at_once_finds_what_each_run_would(
            pieces in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "Chief", "Officer", "Officers", "officer", "Chairman", "chairman",
                            "Vice", "FTS", "fts", "non-commercial", "Head", "of", "Legal",
                            "Services", "the", " ", " ", " ", "\n", "\n  ", "<u>", "</u>", "'s", ",",
                        ]),
                        0..8,
                    ),
                    proptest::sample::select(vec![
                        "**", "*", "`", " | ", "\n- ", "\n\n", "\\", "[", "](x) ", "1. ",
                    ]),
                ),
                1..12,
            )
        ) {
            let mm = m(&[
                ("Chief Officer", Role::Term(0), CaseRule::AsWritten),
                ("Officer", Role::Term(1), CaseRule::AsWritten),
                ("Officers", Role::Term(1), CaseRule::AsWritten),
                ("FTS", Role::Term(2), CaseRule::AsWritten),
                ("non-commercial", Role::Term(3), CaseRule::AsWritten),
                ("Chairman", Role::Retired(0), CaseRule::Any),
                ("Vice Chairman", Role::Shield, CaseRule::Any),
                ("Head of Legal Services", Role::Retired(1), CaseRule::Any),
                ("Chair", Role::Current(0), CaseRule::Any),
            ]);
            let mut text = String::new();
            let mut runs = Vec::new();
            for (words, gap) in &pieces {
                let start = text.len();
                text.extend(words.iter().copied());
                if text.len() > start {
                    runs.push(start..text.len());
                }
                text.push_str(gap);
            }
            let at_once = mm.scan_document(&text, &runs, std::iter::empty(), None);
            let folded = LowerCased::new(&text);
            let (mut each, mut each_near) = (Vec::new(), Vec::new());
            for run in &runs {
                if searchable_as_is(&text[run.clone()]) {
                    mm.scan(&folded, run.clone(), None, &mut each, &mut each_near);
                } else {
                    mm.scan_through_tags(&folded, run.clone(), None, &mut each, &mut each_near);
                }
            }
            proptest::prop_assert_eq!(&at_once.prose, &each, "{:?} {:?}", text, runs);
            let key = |v: &[(Span, Role)]| {
                let mut k: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
                k.sort();
                k
            };
            proptest::prop_assert_eq!(key(&at_once.near), key(&each_near));
        }
    }
}
