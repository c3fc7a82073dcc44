//! The text as the automata read it: an ASCII lower-case copy with the same byte offsets,
//! and, for the few runs that need it, a copy without inline tags and wrapped lines.
//!
//! Folding once per document, not per run or per match, is what keeps the automata's
//! prefilter fast and the scan free of per-paragraph set-up. Deciding which matches are uses
//! is left to [`super::scan`].

use super::{Hit, Matcher, Role};
use crate::source::Span;

/// A text and an ASCII lower-case copy of it, with the same byte offsets. The automaton runs
/// on the copy (case-sensitively, so its prefilter works); the checks read the original. A
/// document is folded once, not run by run: the runs cover nearly all of it, and one pass
/// saves a call and a search for line breaks per paragraph.
pub struct LowerCased<'a> {
    pub text: &'a str,
    /// `text` in ASCII lower case, each line break read as a space. Bytes, so the line breaks
    /// can be replaced in place.
    pub(super) lower: Vec<u8>,
}

impl<'a> LowerCased<'a> {
    pub fn new(text: &'a str) -> LowerCased<'a> {
        let mut lower = Vec::new();
        fold_into(&mut lower, text);
        LowerCased { text, lower }
    }

    /// Blank the bytes between consecutive `runs` in the copy, to a byte no pattern holds, so
    /// that one search across many runs finds exactly what a search of each run would: no
    /// match can reach from one run into the next or lie in the markup between them. (The
    /// copy then serves only searches of those runs.)
    pub(super) fn blank_between(&mut self, runs: &[Span]) {
        for pair in runs.windows(2) {
            if pair[0].end < pair[1].start {
                self.lower[pair[0].end..pair[1].start].fill(0);
            }
        }
    }
}

/// Whether a prose run can be searched as it stands: it has no inline tag and no line break
/// among other white space (most runs; one search tells).
pub(super) fn searchable_as_is(hay: &str) -> bool {
    match memchr::memchr2(b'<', b'\n', hay.as_bytes()) {
        None => true,
        Some(_) => memchr::memchr(b'<', hay.as_bytes()).is_none() && !wide_line_break(hay),
    }
}

/// Whether `s` has a line break with other white space next to it (an indented continuation
/// line, a trailing space, `\r\n`): a bare `\n` reads as a space without help.
fn wide_line_break(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'\n', b).any(|i| {
        let near = |c: Option<&u8>| c.is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
        near(i.checked_sub(1).and_then(|j| b.get(j))) || near(b.get(i + 1))
    })
}

/// Where the white space starting at `i` ends, if it holds a line break.
fn line_break_at(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
        return None;
    }
    let end = b[i..]
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
        .map_or(b.len(), |k| i + k);
    b[i..end].contains(&b'\n').then_some(end)
}

/// `src` in ASCII lower case into `lower` (cleared first), same length. A line break between
/// two words reads as a space ("Head of Legal⏎Services"); one among other white space goes
/// through [`Matcher::scan_through_tags`].
fn fold_into(lower: &mut Vec<u8>, src: &str) {
    lower.clear();
    // One branch-free step per byte, which the compiler turns into vector code.
    lower.extend(src.bytes().map(|b| {
        let l = b.to_ascii_lowercase();
        if l == b'\n' {
            b' '
        } else {
            l
        }
    }));
}

/// Whether a span of `text` contains an inline tag (a use read through redline marks).
pub fn crosses_tag(text: &str, span: &Span) -> bool {
    text[span.clone()].contains('<')
}

impl Matcher {
    /// Like [`Matcher::scan`], but reads through inline HTML tags as flattened redlines leave
    /// them: "Overview and Scrutiny <u>Committee Panel</u>" contains "Overview and Scrutiny
    /// Committee". Spans are in `text`; a span may then contain a tag ([`crosses_tag`]).
    /// (For runs that are not [`searchable_as_is`]; the others need none of this.)
    pub(super) fn scan_through_tags(
        &self,
        folded: &LowerCased<'_>,
        range: Span,
        doc: Option<usize>,
        out: &mut Vec<Hit>,
        near: &mut Vec<(Span, Role)>,
    ) {
        let text = folded.text;
        let hay = &text[range.clone()];
        // The run without its tags and with each line break (and the spaces around it) read
        // as one space, so "Head of Legal⏎Services" is found; for each byte of it, the byte
        // it came from.
        let mut plain = String::with_capacity(hay.len());
        let mut from: Vec<usize> = Vec::with_capacity(hay.len() + 1);
        let mut i = 0;
        while i < hay.len() {
            if let Some(after) = line_break_at(hay, i) {
                plain.push(' ');
                from.push(range.start + i);
                i = after;
                continue;
            }
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
        self.scan(
            &LowerCased::new(&plain),
            0..plain.len(),
            doc,
            &mut local,
            &mut local_near,
        );
        let map = |s: &Span| from[s.start]..from[s.end - 1] + 1;
        for mut h in local {
            h.span = map(&h.span);
            // Boundaries were checked in the tag-free text; the original must agree at the
            // edges too ("a<u>Chairman</u>" is not a word on its own).
            if crate::terms::words::whole_words(text, h.span.start, h.span.end) {
                out.push(h);
            }
        }
        near.extend(local_near.into_iter().map(|(s, r)| (map(&s), r)));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::m;
    use super::*;
    use crate::terms::matcher::CaseRule;

    #[test]
    fn reads_through_redline_tags() {
        let mm = m(&[(
            "Overview and Scrutiny Committee",
            Role::Retired(0),
            CaseRule::Any,
        )]);
        let t = "before the Overview and Scrutiny <u>Committee Panel</u> may";
        let mut out = Vec::new();
        mm.scan_through_tags(
            &LowerCased::new(t),
            0..t.len(),
            None,
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(
            &t[out[0].span.clone()],
            "Overview and Scrutiny <u>Committee"
        );
        assert!(crosses_tag(t, &out[0].span));
    }
}
