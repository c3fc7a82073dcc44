//! One Aho-Corasick automaton for every title, retired title, exception and defined term of
//! a constitution (singular and plural forms), and the rules that decide which raw matches
//! are real uses: whole words, case, and leftmost-longest among the valid ones.
//!
//! The automaton is leftmost-longest over lower-case patterns and runs on an ASCII lower-case
//! copy of the text ([`Folded`]), which finds every case and keeps its prefilter fast. A match that fails its checks
//! falls back to the patterns that are prefixes of it, then the search resumes one byte
//! later, so a failed long match never hides a shorter valid one. Leftmost-longest is how
//! "Chief Executive" (a current title) keeps "Executive" (a retired one) from being reported
//! inside it. What a use means is decided by callers.
//!
//! Over 600 lines on purpose: building the automata, folding the text, and checking a raw
//! match (word boundaries, case, fall-back to shorter patterns) are one algorithm whose parts
//! share the pattern tables; the tests of its corner cases are the last 190 lines.

use super::words::{is_upper, whole_words};
use crate::source::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

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

/// A text and an ASCII lower-case copy of it, with the same byte offsets. The automaton runs
/// on the copy (case-sensitively, so its prefilter works); the checks read the original. A
/// document is folded once, not run by run: the runs cover nearly all of it, and one pass
/// saves a call and a search for line breaks per paragraph.
pub struct Folded<'a> {
    pub text: &'a str,
    /// `text` in ASCII lower case, each line break read as a space. Bytes, so the line breaks
    /// can be replaced in place.
    lower: Vec<u8>,
}

impl<'a> Folded<'a> {
    pub fn new(text: &'a str) -> Folded<'a> {
        let mut lower = Vec::new();
        fold_into(&mut lower, text);
        Folded { text, lower }
    }

    /// Blank the bytes between consecutive `runs` in the copy, to a byte no pattern holds, so
    /// that one search across many runs finds exactly what a search of each run would: no
    /// match can reach from one run into the next or lie in the markup between them. (The
    /// copy then serves only searches of those runs.)
    fn blank_between(&mut self, runs: &[Span]) {
        for pair in runs.windows(2) {
            if pair[0].end < pair[1].start {
                self.lower[pair[0].end..pair[1].start].fill(0);
            }
        }
    }
}

/// Whether a prose run can be searched as it stands: it has no inline tag and no line break
/// among other white space (most runs; one search tells).
fn searchable_as_is(hay: &str) -> bool {
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

/// The forms of one pattern. Terms defined inside a document count in that document only,
/// and every document of a large constitution may define the same words ("Chief Officer"):
/// a hit looks up its own document's forms by binary search instead of walking every
/// document's, which made the scan quadratic in the number of documents.
#[derive(Default)]
struct Group {
    /// Every form, in order (what a scan with no document sees).
    all: Vec<u32>,
    /// Forms that count everywhere, in order.
    everywhere: Vec<u32>,
    /// `(document, form)` for forms that count in one document, sorted.
    local: Vec<(u32, u32)>,
}

impl Group {
    fn push(&mut self, form: u32, only_in: Option<u32>) {
        self.all.push(form);
        match only_in {
            None => self.everywhere.push(form),
            Some(d) => self.local.push((d, form)),
        }
    }

    /// The forms that count in `doc`, in form order.
    fn forms_in(&self, doc: Option<u32>) -> InOrder<'_> {
        let Some(d) = doc else {
            return InOrder {
                a: &self.all,
                b: &[],
            };
        };
        let from = self.local.partition_point(|&(x, _)| x < d);
        let to = from + self.local[from..].partition_point(|&(x, _)| x == d);
        InOrder {
            a: &self.everywhere,
            b: &self.local[from..to],
        }
    }
}

/// Two ascending lists of form indices merged into one ascending sequence.
struct InOrder<'a> {
    a: &'a [u32],
    b: &'a [(u32, u32)],
}

impl Iterator for InOrder<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(&x), Some(&(_, y))) => x < y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if take_a {
            let x = self.a[0];
            self.a = &self.a[1..];
            Some(x as usize)
        } else {
            let y = self.b[0].1;
            self.b = &self.b[1..];
            Some(y as usize)
        }
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
    risky: Vec<bool>,
    /// Whether this pattern and every pattern that is a prefix of it are only terms written
    /// with a capital: a match starting with a lower-case letter fails at once.
    upper_only: Vec<bool>,
}

impl Matcher {
    pub fn new(forms: Vec<Form>) -> Matcher {
        let forms: Vec<Form> = forms
            .into_iter()
            .filter(|f| !f.text.trim().is_empty())
            .collect();
        let mut texts: Vec<String> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut by_text: rustc_hash::FxHashMap<String, usize> = Default::default();
        for (i, f) in forms.iter().enumerate() {
            let k = f.text.to_ascii_lowercase();
            let g = *by_text.entry(k.clone()).or_insert_with(|| {
                texts.push(k);
                groups.push(Group::default());
                texts.len() - 1
            });
            groups[g].push(i as u32, f.only_in);
        }
        for g in &mut groups {
            g.local.sort_unstable();
        }
        let mut prefixes: Vec<Vec<u32>> = texts
            .iter()
            .map(|t| {
                (0..texts.len() as u32)
                    .filter(|&q| {
                        let q = &texts[q as usize];
                        q.len() < t.len() && t.starts_with(q.as_str())
                    })
                    .collect()
            })
            .collect();
        for p in &mut prefixes {
            p.sort_by_key(|&q| std::cmp::Reverse(texts[q as usize].len()));
        }
        let lens = texts.iter().map(String::len).collect();
        let first_word = |t: &str| -> String {
            t.split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_string()
        };
        let firsts: rustc_hash::FxHashSet<String> = texts.iter().map(|t| first_word(t)).collect();
        let risky = texts
            .iter()
            .map(|t| {
                t.char_indices().any(|(k, c)| {
                    k > 0
                        && c.is_alphanumeric()
                        && !t[..k].ends_with(char::is_alphanumeric)
                        && firsts.contains(&first_word(&t[k..]))
                })
            })
            .collect();
        let capital_terms = |p: usize| {
            groups[p].all.iter().all(|&fi| {
                let f = &forms[fi as usize];
                f.case == CaseRule::AsWritten
                    && f.text.starts_with(|c: char| c.is_ascii_uppercase())
            })
        };
        let upper_only = (0..texts.len())
            .map(|p| capital_terms(p) && prefixes[p].iter().all(|&q| capital_terms(q as usize)))
            .collect();
        let automata = [false, true]
            .into_iter()
            .filter_map(|short| {
                let ids: Vec<u32> = (0..texts.len() as u32)
                    .filter(|&p| (texts[p as usize].len() <= SHORT) == short)
                    .collect();
                let ac = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(ids.iter().map(|&p| &texts[p as usize]))
                    .expect("plain string patterns");
                (!ids.is_empty()).then_some(Automaton { ac, ids })
            })
            .collect();
        Matcher {
            automata,
            forms,
            groups,
            prefixes,
            lens,
            risky,
            upper_only,
        }
    }

    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// Every use in a document: in its prose `runs`, in order, and in the text of its
    /// `links`. `doc` as for [`Matcher::scan`]. A run with inline tags or wrapped lines is
    /// read through them ([`Matcher::scan_through_tags`]).
    ///
    /// A document has thousands of runs (each paragraph, and each piece between emphasis
    /// marks). Starting a search for each cost more than the searching, so each stretch of
    /// runs that can be searched as they stand is searched at once, with the markup between
    /// them blanked ([`Folded::blank_between`]).
    pub fn scan_document(
        &self,
        text: &str,
        runs: &[Span],
        links: impl Iterator<Item = Span>,
        doc: Option<usize>,
    ) -> super::DocScan {
        let mut folded = Folded::new(text);
        let mut found = super::DocScan::default();
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

    /// Like [`Matcher::scan`], but reads through inline HTML tags as flattened redlines leave
    /// them: "Overview and Scrutiny <u>Committee Panel</u>" contains "Overview and Scrutiny
    /// Committee". Spans are in `text`; a span may then contain a tag ([`crosses_tag`]).
    /// (For runs that are not [`searchable_as_is`]; the others need none of this.)
    fn scan_through_tags(
        &self,
        folded: &Folded<'_>,
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
            &Folded::new(&plain),
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
            if super::words::whole_words(text, h.span.start, h.span.end) {
                out.push(h);
            }
        }
        near.extend(local_near.into_iter().map(|(s, r)| (map(&s), r)));
    }

    /// Every use in `text[range]`, in order, not overlapping: leftmost, then longest, among
    /// the matches that pass their checks. Terms found in the wrong case ("designated
    /// Finance Officer" for "Designated Finance Officer") go to `near`.
    /// Forms that count only in another document than `doc` are skipped.
    pub fn scan(
        &self,
        folded: &Folded<'_>,
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
                    if self.risky[p] {
                        pos = s + 1;
                        continue 'search;
                    }
                    continue;
                }
                if self.upper_only[p] && text.as_bytes()[s].is_ascii_lowercase() {
                    // Only capitalised terms are written this way: "member" is not "Member".
                    let e = s + self.lens[p];
                    // "fts" inside "drafts" is not the term FTS in lower case.
                    if text.is_char_boundary(e) && whole_words(text, s, e) {
                        for fi in self.groups[p].forms_in(doc) {
                            near.push((s..e, self.forms[fi].role));
                        }
                    }
                    if self.risky[p] {
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
                    None if self.risky[p] => {
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
                    only_in: None,
                })
                .collect(),
        )
    }

    fn found(m: &Matcher, t: &str) -> Vec<(String, Role, Case)> {
        let mut out = Vec::new();
        m.scan(&Folded::new(t), 0..t.len(), None, &mut out, &mut Vec::new());
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
    fn reads_through_redline_tags() {
        let mm = m(&[(
            "Overview and Scrutiny Committee",
            Role::Retired(0),
            CaseRule::Any,
        )]);
        let t = "before the Overview and Scrutiny <u>Committee Panel</u> may";
        let mut out = Vec::new();
        mm.scan_through_tags(&Folded::new(t), 0..t.len(), None, &mut out, &mut Vec::new());
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
            let folded = Folded::new(&text);
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
