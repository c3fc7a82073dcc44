//! Reading definitions out of a document, in the forms councils write them.
//!
//! - In a **Definitions clause** (a clause headed "Definitions" or "Interpretation", or whose
//!   text says "the following terms shall have the following meanings", with everything
//!   numbered below it), each line that opens with a term: `Officer means all persons…`,
//!   `Member includes…`, `Cabinet Member refers to…`, `“Purchasing Scheme” – …`,
//!   `**Member** means…`. Lower-case words may follow the first ("Member body").
//! - Anywhere, a term in quotes or bold followed by a defining verb: `"non-commercial"
//!   means…`, `A "Purchasing Scheme" may include:`.
//! - Anywhere, at the start of a sentence, a capitalised term and a defining verb
//!   (`Officer means…`); and at the start of a clause, `A`/`An`, a capitalised term, and
//!   `is a`/`is an` (`5.3 A Responsible Officer is an officer…`).
//! - Anywhere, a short name in quotes and brackets after the name it stands for: `Find a
//!   Tender Service ("FTS")`, `the Procurement Guide (the "Guide")`.
//!
//! The defining verbs are `means`, `mean`, `shall mean`, `includes`, `include`, `shall
//! include`, `may include`, `refers to`, `refer to`, `has the meaning`, `is defined as`.
//! This module only finds definitions; which scope they have and what uses them is
//! [`super::Index`]'s business.
//!
//! It runs past 600 lines with its tests: each definition form above is a few lines of
//! matching, and they share the anchors and verb tables, so splitting them would scatter one
//! grammar over several files.

use super::words::{opens_sentence, sentence_around};
use crate::model::{BlockKind, Document};
use crate::source::Span;
use aho_corasick::{packed, AhoCorasick};
use std::sync::OnceLock;

/// A definition found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub term: String,
    pub term_span: Span,
    /// The whole definition: from the term to the end of its sentence or line (and the list
    /// below it when the sentence ends with a colon). Uses inside it are not uses.
    pub entry: Span,
    /// Index of the clause it is written in.
    pub clause: Option<usize>,
}

/// How a short name given in brackets opens: `("FTS")`, `(the "Guide")`.
const SHORT_FORMS: &[&str] = &["(\"", "(\u{201c}", "(the \"", "(the \u{201c}"];

/// What marks a definition in running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// A defining verb (one of those in [`ANCHORS`]).
    Verb(&'static str),
    /// A bracket opening a short name ([`SHORT_FORMS`]).
    ShortForm,
}

/// Defining verbs and short-name brackets in `s` that follow a space, as an Aho-Corasick
/// search over the verbs of [`ANCHORS`] and [`SHORT_FORMS`] would find them
/// leftmost-longest: (offset of that space, cue).
fn find_cues(s: &str) -> impl Iterator<Item = (usize, Cue)> + '_ {
    cue_matches(s)
        .into_iter()
        .filter(|&(start, _)| start > 0 && s.as_bytes()[start - 1] == b' ')
        .map(|(start, cue)| (start - 1, cue))
}

/// Where the defining verbs are anchored: a rare piece of each verb, and the verbs that may
/// start that many bytes before it. These are the verbs the module's documentation lists.
///
/// Searching for the verbs themselves was the slowest part of reading definitions: their
/// openings ("sha", "may", "inc", "is ") are among the commonest trigrams in a constitution,
/// so the search's prefilter stopped every few bytes. These anchors occur a few hundred times
/// in a whole constitution, and `(` is found with `memchr`.
const ANCHORS: &[(&str, &[(usize, &str)])] = &[
    (
        "mean",
        &[
            (0, "means "),
            (0, "mean "),
            (6, "shall mean "),
            (8, "has the meaning"),
        ],
    ),
    (
        "nclud",
        &[
            (1, "includes "),
            (1, "include "),
            (7, "shall include "),
            (5, "may include"),
        ],
    ),
    ("fer to ", &[(2, "refer to ")]),
    ("fers to ", &[(2, "refers to ")]),
    ("defined as", &[(3, "is defined as")]),
];

/// The anchors' SIMD searcher (Teddy). Asked for by name: for so few patterns the general
/// automaton picks a rare-bytes prefilter, and no byte of these anchors is rare in English.
fn anchors() -> &'static packed::Searcher {
    static SEARCHER: OnceLock<packed::Searcher> = OnceLock::new();
    SEARCHER.get_or_init(|| {
        packed::Config::new()
            .builder()
            .extend(ANCHORS.iter().map(|(a, _)| a))
            .build()
            .expect("static patterns")
    })
}

/// Every cue in `s`, leftmost-longest and not overlapping (in order of their starts).
fn cue_matches(s: &str) -> Vec<(usize, Cue)> {
    let b = s.as_bytes();
    // (start, end, cue) of every place a cue's pattern occurs.
    let mut found: Vec<(usize, usize, Cue)> = Vec::new();
    let mut add = |start: usize, pattern: &'static str, cue: Cue| {
        if b[start..].starts_with(pattern.as_bytes()) {
            found.push((start, start + pattern.len(), cue));
        }
    };
    // Anchors cannot overlap in a way that hides a cue: where one ends as another begins,
    // the letters the second cue needs before its anchor are not there.
    for m in anchors().find_iter(b) {
        for &(back, pattern) in ANCHORS[m.pattern().as_usize()].1 {
            if let Some(start) = m.start().checked_sub(back) {
                add(start, pattern, Cue::Verb(pattern));
            }
        }
    }
    for open in memchr::memchr_iter(b'(', b) {
        for pattern in SHORT_FORMS {
            add(open, pattern, Cue::ShortForm);
        }
    }
    found.sort_unstable_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut out = Vec::with_capacity(found.len());
    let mut free_from = 0;
    for (start, end, cue) in found {
        if start >= free_from {
            out.push((start, cue));
            free_from = end;
        }
    }
    out
}

/// Words allowed in lower case between the capitalised words of a term.
pub const CONNECTORS: &[&str] = &["of", "for", "to", "and", "on", "in", "the", "a"];

/// Words that open sentences without being terms ("This means that …").
const NOT_TERMS: &[&str] = &[
    "This", "That", "These", "Those", "It", "There", "Which", "What", "Such", "Each", "Any", "All",
    "Every", "No", "Some", "He", "She", "They", "We", "You", "Its", "Their", "His", "Her", "Our",
    "Your", "Failure", "Who", "Where", "When", "A", "An", "The",
];

const QUOTES: &[(char, char)] = &[
    ('"', '"'),
    ('\u{201c}', '\u{201d}'),
    ('\u{2018}', '\u{2019}'),
    ('\'', '\''),
];

fn is_def_heading(head: &str) -> bool {
    let h: String = head
        .chars()
        .filter(|c| c.is_alphabetic() || *c == ' ')
        .collect::<String>()
        .trim()
        .to_lowercase();
    matches!(
        h.as_str(),
        "definitions" | "definition" | "interpretation" | "definitions and interpretation"
    )
}

fn says_following_meanings(s: &str) -> bool {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["following meaning", "following definitions"])
            .expect("static patterns")
    })
    .is_match(s)
}

/// Where each clause's subtree ends: the start of the next clause at the same or a higher
/// level (by the depth of its number), or the end of the body.
pub fn subtree_end(doc: &Document, ci: usize) -> usize {
    let depth = doc.clauses[ci].number.depth();
    doc.clauses[ci + 1..]
        .iter()
        .find(|c| c.number.depth() <= depth)
        .map_or(doc.body.end, |c| c.span.start)
}

/// The Definitions clauses of a document, as (clause index, span of its subtree).
pub fn regions(text: &str, doc: &Document) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = Vec::new();
    for (ci, cl) in doc.clauses.iter().enumerate() {
        if out.last().is_some_and(|(_, r)| r.end > cl.span.start) {
            continue;
        }
        // A Definitions clause is headed "Definitions", or its first line introduces a list
        // ("… shall have the following meanings:").
        // (`head` is the rest of the clause's first line after its number.)
        let heading = matches!(cl.kind, BlockKind::Heading(_)) || cl.number.depth() == 1;
        let head = &text[cl.head.clone()];
        if (heading && head.len() <= 48 && is_def_heading(head))
            || (head.trim_end().ends_with(':') && says_following_meanings(head))
        {
            out.push((ci, cl.span.start..subtree_end(doc, ci)));
        }
    }
    out
}

/// Whether a word may be part of a plain (unquoted) term.
fn term_word(w: &str, first: bool, lenient: bool) -> bool {
    let Some(c) = w.chars().next() else {
        return false;
    };
    if !w
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '\'' | '\u{2019}'))
    {
        return false;
    }
    if first {
        return c.is_uppercase() && !NOT_TERMS.contains(&w);
    }
    c.is_uppercase() || c.is_ascii_digit() || CONNECTORS.contains(&w) || lenient
}

fn plain_term(words: &str, lenient: bool) -> bool {
    let ws: Vec<&str> = words.split(' ').collect();
    !ws.is_empty()
        && ws.len() <= 6
        && ws
            .iter()
            .enumerate()
            .all(|(i, w)| term_word(w, i == 0, lenient))
        && !CONNECTORS.contains(ws.last().unwrap_or(&""))
}

/// Strip what opens a line before its words: spaces, list markers, a clause number.
fn line_body(line: &str) -> usize {
    let mut rest = line;
    loop {
        let t = rest.trim_start();
        let next = if let Some(t2) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            t2
        } else if t.starts_with('#') {
            t.trim_start_matches('#')
        } else if let Some(tok) = t.split(' ').next().filter(|tok| {
            !tok.is_empty()
                && (tok.chars().all(|c| c.is_ascii_digit() || c == '.')
                    || (tok.starts_with('(') && tok.ends_with(')') && tok.len() <= 6))
        }) {
            &t[tok.len()..]
        } else {
            t
        };
        if next.len() == rest.len() {
            return line.len() - rest.len();
        }
        rest = next;
    }
}

/// A quoted or bold term at `s` (which starts with the opening mark): (term, bytes taken).
fn marked_term(s: &str) -> Option<(&str, usize)> {
    if let Some(inner) = s.strip_prefix("**") {
        let close = inner.find("**")?;
        return Some((inner[..close].trim_end_matches(':'), close + 4));
    }
    let open = s.chars().next()?;
    let (_, close) = QUOTES.iter().find(|(o, _)| *o == open)?;
    let inner = &s[open.len_utf8()..];
    let end = inner.find(*close)?;
    Some((&inner[..end], open.len_utf8() + end + close.len_utf8()))
}

fn good_marked(term: &str) -> bool {
    let t = term.trim();
    !t.is_empty()
        && t.len() <= 80
        && t.split_whitespace().count() <= 8
        && !t.contains(['.', ';', '\n'])
        && t.chars().next().is_some_and(char::is_alphanumeric)
}

/// One line of a Definitions clause.
fn region_entry(text: &str, line: Span) -> Option<Found> {
    let l = &text[line.clone()];
    let at = line.start + line_body(l);
    let s = &text[at..line.end];
    if let Some((term, took)) = marked_term(s).filter(|(t, _)| good_marked(t)) {
        let rest = s[took..].trim_start();
        let defining = cue_matches(rest)
            .first()
            .is_some_and(|&(start, cue)| start == 0 && matches!(cue, Cue::Verb(_)))
            || rest.starts_with(['-', '\u{2013}', '\u{2014}', ':', ','])
            || s[..took].ends_with(":**");
        let inner = at + s[..took].find(term).unwrap_or(0);
        return defining.then(|| Found {
            term: term.trim().to_string(),
            term_span: inner..inner + term.len(),
            entry: at..line.end,
            clause: None,
        });
    }
    let v = find_cues(s).find_map(|(v, cue)| matches!(cue, Cue::Verb(_)).then_some(v))?;
    let term = &s[..v];
    plain_term(term, true).then(|| Found {
        term: term.to_string(),
        term_span: at..at + term.len(),
        entry: at..line.end,
        clause: None,
    })
}

/// Every definition in a document. `extra` are clauses that `terms.definitions` names as
/// Definitions clauses.
pub fn read(text: &str, doc: &Document, extra: &[usize]) -> Vec<Found> {
    let mut regions = regions(text, doc);
    for &ci in extra {
        if !regions
            .iter()
            .any(|(_, r)| r.contains(&doc.clauses[ci].span.start))
        {
            regions.push((ci, doc.clauses[ci].span.start..subtree_end(doc, ci)));
        }
    }
    let mut out = Vec::new();
    for (_, r) in &regions {
        let mut pos = r.start;
        for line in text[r.clone()].split_inclusive('\n') {
            let span = pos..pos + line.trim_end().len();
            pos += line.len();
            if let Some(f) = region_entry(text, span) {
                out.push(f);
            }
        }
    }
    // One search over the body; a verb counts when it is in prose (a run).
    let mut run = 0;
    for (v, cue) in find_cues(&text[doc.body.clone()]) {
        let v = doc.body.start + v;
        while run < doc.runs.len() && doc.runs[run].end <= v {
            run += 1;
        }
        let in_prose = doc.runs.get(run).is_some_and(|r| r.start <= v);
        if !in_prose || regions.iter().any(|(_, r)| r.contains(&v)) {
            continue;
        }
        let found = match cue {
            Cue::Verb(verb) => prose_definition(text, doc, v, verb),
            Cue::ShortForm => short_form(text, v + 1),
        };
        out.extend(found);
    }
    // "A Responsible Officer is an officer …": only where a clause opens with "A"/"An".
    let b = text.as_bytes();
    for cl in &doc.clauses {
        let at = cl.number_span.end;
        let mut p = at;
        while p < b.len() && p < at + 4 && b[p] == b' ' {
            p += 1;
        }
        if b[p..].starts_with(b"**") {
            p += 2;
        }
        if !(b[p..].starts_with(b"A ") || b[p..].starts_with(b"An ")) {
            continue;
        }
        let mut reach = (at + 160).min(text.len());
        while !text.is_char_boundary(reach) {
            reach -= 1;
        }
        let head = &text[at..memchr::memchr(b'\n', &b[at..reach]).map_or(reach, |i| at + i)];
        let found = [(" is an ", "is an "), (" is a ", "is a ")]
            .iter()
            .filter_map(|(pat, verb)| head.find(pat).map(|i| (i, *verb)))
            .min();
        if let Some((i, verb)) = found {
            let v = at + i;
            if !regions.iter().any(|(_, r)| r.contains(&v)) {
                if let Some(f) = prose_definition(text, doc, v, verb) {
                    out.push(f);
                }
            }
        }
    }
    for f in &mut out {
        f.clause = doc.clause_at(f.term_span.start);
    }
    out.sort_by_key(|f| f.term_span.start);
    out.dedup_by_key(|f| f.term_span.start);
    out
}

/// A definition in running prose whose verb starts at `v`.
fn prose_definition(text: &str, doc: &Document, v: usize, verb: &str) -> Option<Found> {
    // A term is a few words: look back no further than this on the line.
    const REACH: usize = 160;
    let b = text.as_bytes();
    let mut window = v.saturating_sub(REACH);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let (line_start, cut) = match memchr::memrchr(b'\n', &b[window..v]) {
        Some(i) => (window + i + 1, false),
        None => (window, window > 0),
    };
    let before = &text[line_start..v];
    let is_a = verb.starts_with("is a");
    // A quoted or bold term just before the verb, or a word that can end a term.
    let closing = before.chars().next_back()?;
    let last_word = before.rsplit(' ').next().unwrap_or("");
    if !closing.is_alphanumeric() && !QUOTES.iter().any(|(_, c)| *c == closing) && closing != '*' {
        return None;
    }
    if closing.is_alphanumeric()
        && !last_word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let marked = if let Some(inner) = before.strip_suffix("**") {
        inner
            .rfind("**")
            .map(|o| (line_start + o, line_start + o + 2, v - 2))
    } else {
        QUOTES
            .iter()
            .find(|(_, c)| *c == closing)
            .and_then(|(o, c)| {
                let inner_end = before.len() - c.len_utf8();
                before[..inner_end].rfind(*o).map(|i| {
                    (
                        line_start + i,
                        line_start + i + o.len_utf8(),
                        line_start + inner_end,
                    )
                })
            })
    };
    let (term_span, start) = match marked {
        Some((open, s, e)) if good_marked(&text[s..e]) => (s..e, open),
        Some(_) => return None,
        None => {
            // A plain capitalised term opening the sentence, after "A"/"An" for "is a".
            let words: Vec<(usize, &str)> = before
                .split(' ')
                .scan(line_start, |pos, w| {
                    let at = *pos;
                    *pos += w.len() + 1;
                    Some((at, w))
                })
                .collect();
            let mut first = words.len();
            while first > 0
                && words.len() - first < 6
                && !matches!(words[first - 1].1, "A" | "An" | "The")
                && term_word(words[first - 1].1, false, false)
            {
                first -= 1;
            }
            // The term must open with a capital: step forward over connectors.
            while first < words.len() && !term_word(words[first].1, true, false) {
                first += 1;
            }
            if first == words.len() || (first == 0 && cut) {
                return None;
            }
            let term_start = words[first].0;
            let (lead, lead_ok) = match first.checked_sub(1).map(|i| words[i]) {
                Some((at, "A" | "An")) => (at, opens_sentence(text, at)),
                _ => (term_start, !is_a && opens_sentence(text, term_start)),
            };
            if !lead_ok || !plain_term(&text[term_start..v], false) {
                return None;
            }
            (term_start..v, lead)
        }
    };
    if is_a && marked.is_some() {
        return None;
    }
    let term = text[term_span.clone()].trim().to_string();
    let real_line_start = text[..v].rfind('\n').map_or(0, |i| i + 1);
    let sentence = sentence_around(text, v, real_line_start..line_end(text, v));
    let mut end = sentence.end;
    if text[..end].trim_end().ends_with(':') {
        if let Some(ci) = doc.clause_at(v) {
            end = subtree_end(doc, ci);
            while end > v && text.as_bytes()[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
        }
    }
    Some(Found {
        term,
        term_span,
        entry: start.min(sentence.start.max(real_line_start))..end,
        clause: None,
    })
}

/// A short name given in brackets for the capitalised name just before them: `Find a
/// Tender Service ("FTS")`, `the Procurement Guide (the "Guide")`. `open` is the bracket.
/// The entry is the full name with its brackets, so the glossary reads "Find a Tender
/// Service ("FTS")".
fn short_form(text: &str, open: usize) -> Option<Found> {
    let mut q = open + 1;
    if text[q..].starts_with("the ") {
        q += 4;
    }
    let close = match text[q..].chars().next()? {
        '"' => '"',
        '\u{201c}' => '\u{201d}',
        _ => return None,
    };
    let start = q + text[q..].chars().next()?.len_utf8();
    // A short name is a word or two, never a clause of its own.
    let mut reach = (start + 64).min(text.len());
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let len = text[start..reach].find(close)?;
    let term = &text[start..start + len];
    let after = start + len + close.len_utf8();
    if text.as_bytes().get(after) != Some(&b')')
        || !term.starts_with(|c: char| c.is_uppercase())
        || term.contains(['\n', '(', ')'])
        || term.trim() != term
    {
        return None;
    }
    let name_start = name_before(text, open.checked_sub(1)?)?;
    Some(Found {
        term: term.to_string(),
        term_span: start..start + len,
        entry: name_start..after + 1,
        clause: None,
    })
}

/// Where the capitalised name ending just before `end` starts: capitalised words, with
/// connectors ("of", "a") only between them. "trade journals or Find a Tender Service" gives
/// "Find a Tender Service".
fn name_before(text: &str, end: usize) -> Option<usize> {
    let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
    let mut start = None;
    let mut at = end;
    for word in text[line_start..end].rsplit(' ') {
        let word_start = at - word.len();
        at = word_start.saturating_sub(1);
        if word.starts_with(|c: char| c.is_uppercase()) && !word.ends_with(['.', ',', ';', ':']) {
            start = Some(word_start);
        } else if !(start.is_some() && word != "the" && CONNECTORS.contains(&word)) {
            // "the" opens a name rather than joining one: "follow the Procurement Guide".
            break;
        }
        if word_start == line_start {
            break;
        }
    }
    start
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

/// The entry as plain text for a glossary: markup removed, spaces collapsed.
pub fn plain_text(text: &str, entry: &Span) -> String {
    let mut out = String::new();
    for line in text[entry.clone()].lines() {
        let body = &line[line_body(line)..];
        let mut in_tag = false;
        let mut clean = String::new();
        for ch in body.chars() {
            match ch {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                '*' | '\\' if !in_tag => {}
                _ if !in_tag => clean.push(ch),
                _ => {}
            }
        }
        let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
        if clean.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { "; " });
        }
        out.push_str(&clean);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::MatchKind;
    use proptest::prelude::*;

    /// The defining verbs as the module's documentation lists them: [`ANCHORS`] must find
    /// each of them, and nothing else.
    const VERBS: &[&str] = &[
        "means ",
        "mean ",
        "shall mean ",
        "includes ",
        "include ",
        "shall include ",
        "may include",
        "refers to ",
        "refer to ",
        "has the meaning",
        "is defined as",
    ];

    /// What the anchored search stands in for: one leftmost-longest search for every cue.
    fn reference(s: &str) -> Vec<(usize, Cue)> {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(VERBS.iter().chain(SHORT_FORMS))
            .expect("static patterns")
            .find_iter(s)
            .map(|m| {
                let cue = VERBS
                    .get(m.pattern().as_usize())
                    .map_or(Cue::ShortForm, |v| Cue::Verb(v));
                (m.start(), cue)
            })
            .collect()
    }

    #[test]
    fn every_cue_is_anchored() {
        for pattern in VERBS.iter().chain(SHORT_FORMS) {
            let s = format!("x {pattern}y");
            assert_eq!(cue_matches(&s), reference(&s), "{pattern}");
            assert_eq!(cue_matches(&s).len(), 1, "{pattern}");
        }
    }

    proptest! {
        /// Text made of cue fragments, so cues overlap, nest and run into each other.
        #[test]
        fn anchored_search_finds_what_one_search_would(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "means ", "mean", "shall ", "include", "s ", "may ", "refer", " to ", "has the ",
                    "meaning", "is defined as", "(", "\"", "\u{201c}", "the ", "x", " ", "sh", "in",
                ]),
                0..24,
            )
        ) {
            let s: String = parts.concat();
            prop_assert_eq!(cue_matches(&s), reference(&s));
        }
    }
}
