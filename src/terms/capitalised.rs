//! Capitalised phrases written as if they were defined terms ("Responsible Officer",
//! "Purchasing Scheme"), found by one left-to-right pass over each prose run.
//!
//! A phrase is two or more capitalised words, possibly joined by "of", "for" or "to" ("Head
//! of Paid Service", "Invitation to Tender"). What stays quiet, so the output is worth
//! reading:
//!
//! - the first word of a sentence, list item or table cell (capitalised by grammar);
//! - headings, bold lines, and lines in title case (most of their words capitalised: list
//!   headings such as "16.1.3 Compliance with Statutes: Health and Safety…");
//! - phrases in quotes (names being cited: 'Contracts Finder');
//! - legislation and citations: a phrase ending in Act, Regulation(s), Directive or Treaty,
//!   or followed by a number ("Local Government Act 1972", "Prescribed Standing Order 10",
//!   "Public Services (Social Value) Act 2012");
//! - phrases with a word of the council's own name ("Thanet") or a month or day name.
//!
//! Whether a phrase is covered by a definition, a title, a document's name, a heading or the
//! allow list is decided by [`crate::passes::terms`], which also requires two uses.
//!
//! Over 600 lines on purpose: the scan is one hot loop (a few per cent of `clerk check`)
//! whose quiet rules above each need the same per-word state, kept together so the loop can
//! step eight bytes at a time without calls across modules.

use super::words::opens_sentence;
use crate::dates::{MONTHS, WEEKDAYS};
use crate::source::Span;

/// A phrase found (its comparison key is [`key`] of its text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub span: Span,
}

const JOINERS: &[&str] = &["of", "for", "to"];

const LEGISLATION: &[&str] = &[
    "act",
    "acts",
    "regulation",
    "regulations",
    "directive",
    "treaty",
    "bill",
];

/// Words of council names that say what kind of council it is, not which.
const GENERIC: &[&str] = &[
    "district",
    "borough",
    "county",
    "city",
    "council",
    "metropolitan",
    "royal",
    "of",
    "the",
    "and",
    "town",
    "parish",
    "london",
];

/// The comparison key of a name: lower case, single spaces, possessive dropped, and the
/// last word singular ("Responsible Officers'" → "responsible officer").
pub fn key(phrase: &str) -> String {
    let mut k = String::with_capacity(phrase.len());
    key_into(phrase, &mut k);
    k
}

/// [`key`] written into `k` (cleared first), so a scan can reuse one buffer.
pub fn key_into(phrase: &str, k: &mut String) {
    k.clear();
    let phrase = phrase.trim();
    if phrase.is_ascii() {
        // Whole words at a time: this runs for every capitalised phrase of every document.
        // (The spaces are the ASCII ones `char::is_whitespace` accepts.)
        let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
        let b = phrase.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() && !space(b[i]) {
                i += 1;
            }
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&phrase[start..i]);
            while i < b.len() && space(b[i]) {
                i += 1;
            }
        }
        k.make_ascii_lowercase();
    } else {
        let mut space = false;
        for ch in phrase.chars() {
            if ch.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                k.push(' ');
                space = false;
            }
            k.extend(ch.to_lowercase());
        }
    }
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if k.ends_with(suffix) {
            k.truncate(k.len() - suffix.len());
            break;
        }
    }
    let last_start = k.rfind(' ').map_or(0, |i| i + 1);
    let last = &k[last_start..];
    if last.len() > 5 && last.ends_with("ies") {
        k.truncate(k.len() - 3);
        k.push('y');
    } else if last.len() > 3 && last.ends_with("men") {
        k.truncate(k.len() - 2);
        k.push_str("an");
    } else if last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") {
        k.truncate(k.len() - 1);
    }
}

/// The council's own words ("thanet" in "Thanet District Council").
pub fn council_words(council: &str) -> Vec<String> {
    council
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cap,
    Joiner,
    Other,
}

fn class(w: &str) -> Class {
    match w.as_bytes().first() {
        Some(b'a'..=b'z') => {
            return if w.len() <= 3 && JOINERS.contains(&w) {
                Class::Joiner
            } else {
                Class::Other
            }
        }
        Some(b'0'..=b'9') | None => return Class::Other,
        _ => {}
    }
    let cap = if w.is_ascii() {
        let b = w.as_bytes();
        b[0].is_ascii_uppercase()
            && b.iter().any(u8::is_ascii_lowercase)
            && !b.iter().any(u8::is_ascii_digit)
    } else {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !w.chars().any(|c| c.is_ascii_digit())
    };
    if cap {
        Class::Cap
    } else {
        Class::Other
    }
}

/// The first byte at or after `i` (before `end`) that is an ASCII capital or not ASCII.
/// Eight bytes at a time: most prose has neither.
fn next_upper_or_non_ascii(b: &[u8], mut i: usize, end: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while i + 8 <= end {
        let x = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        // High bit set where a byte is >= 0x80, or where (byte & 0x7f) is in 'A'..='Z'.
        let low = x & !HIGH;
        let ge_a = low.wrapping_add(ONES * (0x80 - b'A' as u64));
        let gt_z = low.wrapping_add(ONES * (0x80 - (b'Z' as u64 + 1)));
        let hits = (x | (ge_a & !gt_z)) & HIGH;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && !b[i].is_ascii_uppercase() && b[i] < 0x80 {
        i += 1;
    }
    i
}

/// The first byte at or after `i` (before `end`) that is not an ASCII letter or digit. Eight
/// bytes at a time, like [`next_upper_or_non_ascii`].
fn alphanumeric_end(b: &[u8], mut i: usize, end: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit set where (byte & 0x7f) is in lo..=hi.
    let within = |low: u64, lo: u8, hi: u8| {
        low.wrapping_add(ONES * (0x80 - lo as u64)) & !low.wrapping_add(ONES * (0x7f - hi as u64))
    };
    while i + 8 <= end {
        let x = u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let low = x & !HIGH;
        let word = (within(low, b'0', b'9') | within(low | (ONES * 0x20), b'a', b'z')) & !x;
        let stop = !word & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// Where the word at `i` ends, if it is plain ASCII letters and digits and no phrase can go
/// on after it: what follows is not a space and then a capital or a letter beyond ASCII,
/// possibly after joiners ("Head of Paid", "Invitation to Tender"). `None` when the phrase
/// reader must look at it. (Inside such a word no other word starts, so the scan may go on
/// from its end; a phrase reader given it would find one capitalised word and stop.)
fn lone_plain_word(b: &[u8], i: usize, limit: usize) -> Option<usize> {
    let end = alphanumeric_end(b, i, limit);
    let Some(&after) = b.get(end).filter(|_| end < limit) else {
        return Some(end);
    };
    if matches!(after, b'-' | b'/' | b'\'') || after >= 0x80 {
        return None;
    }
    if after != b' ' {
        return Some(end);
    }
    // Past joiners, to the word that would carry the phrase on.
    let mut next = end + 1;
    loop {
        match b.get(next).filter(|_| next < limit) {
            Some(&c) if c.is_ascii_uppercase() || c >= 0x80 => return None,
            Some(b'o' | b'f' | b't') => {}
            _ => return Some(end),
        }
        let rest = &b[next..limit];
        let joiner = JOINERS
            .iter()
            .find(|j| rest.starts_with(j.as_bytes()) && rest.get(j.len()) == Some(&b' '));
        match joiner {
            Some(j) => next += j.len() + 1,
            None => return Some(end),
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '/' | '\'' | '\u{2019}')
}

/// Whether a line is a heading, a bold line or in title case.
pub fn headingish(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('#') || (t.starts_with("**") && t.trim_end_matches(':').ends_with("**")) {
        return true;
    }
    // Headings and list labels are short; a long line is prose.
    if t.len() > LONG {
        return false;
    }
    let (words, caps) = if t.is_ascii() {
        ascii_word_counts(t.as_bytes())
    } else {
        word_counts(t)
    };
    // A sentence (ending with a full stop) is a heading only when nearly every word is
    // capitalised; a list label such as "Compliance with Statutes: Health and Safety" when
    // most are.
    let sentence = t.trim_end_matches(['|', ' ']).ends_with('.');
    words >= 2 && caps * 10 >= words * if sentence { 9 } else { 6 }
}

/// Whether `w` is one of the lower-case words a title-case line leaves in lower case.
fn minor(w: &[u8]) -> bool {
    matches!(
        w,
        b"of" | b"for" | b"to" | b"and" | b"the" | b"a" | b"in" | b"on" | b"with"
    )
}

/// How many words `t` has, and how many of them are capitalised: words are split at ASCII
/// spaces and judged by their first letter or digit; numbers and [`minor`] words do not
/// count.
fn word_counts(t: &str) -> (usize, usize) {
    let mut words = 0;
    let mut caps = 0;
    for w in t.split_ascii_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(&first) = w.as_bytes().first() else {
            continue;
        };
        if first.is_ascii_digit() {
            continue;
        }
        if first.is_ascii_lowercase() {
            let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if minor(bare.as_bytes()) {
                continue;
            }
        } else if first.is_ascii_uppercase()
            || (first >= 0x80 && w.chars().next().is_some_and(char::is_uppercase))
        {
            caps += 1;
        }
        words += 1;
    }
    (words, caps)
}

/// [`word_counts`] of ASCII text, a byte at a time: it runs for every short line a phrase
/// is found on, and every clause heading.
fn ascii_word_counts(b: &[u8]) -> (usize, usize) {
    let mut words = 0;
    let mut caps = 0;
    for w in b.split(u8::is_ascii_whitespace) {
        let Some(first) = w.iter().position(u8::is_ascii_alphanumeric) else {
            continue;
        };
        match w[first] {
            b'0'..=b'9' => continue,
            b'a'..=b'z' => {
                let end = w
                    .iter()
                    .rposition(u8::is_ascii_alphanumeric)
                    .map_or(0, |e| e + 1);
                if minor(&w[first..end]) {
                    continue;
                }
            }
            _ => caps += 1,
        }
        words += 1;
    }
    (words, caps)
}

/// Which line the scan is on, and whether that line is a heading (computed once per line).
struct Lines {
    /// Everything before this offset has been looked at for line breaks.
    seen: usize,
    start: usize,
    heading: Option<(usize, bool)>,
}

impl Lines {
    fn heading(&mut self, text: &str, at: usize) -> bool {
        let b = text.as_bytes();
        if at >= self.seen {
            if let Some(nl) = memchr::memrchr(b'\n', &b[self.seen..at]) {
                self.start = self.seen + nl + 1;
            }
            self.seen = at;
        } else {
            self.start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        }
        match self.heading {
            Some((ls, h)) if ls == self.start => h,
            _ => {
                // Headings are short: look no further than LONG bytes for the line's end.
                let mut reach = (self.start + LONG + 1).min(b.len());
                while !text.is_char_boundary(reach) {
                    reach -= 1;
                }
                let h = match memchr::memchr(b'\n', &b[self.start..reach]) {
                    Some(e) => headingish(&text[self.start..self.start + e]),
                    None if reach == b.len() => headingish(&text[self.start..]),
                    None => line_opens_as_heading(&text[self.start..reach]),
                };
                self.heading = Some((self.start, h));
                h
            }
        }
    }
}

/// Lines longer than this are prose, unless they are Markdown headings or bold.
const LONG: usize = 160;

fn line_opens_as_heading(start: &str) -> bool {
    let t = start.trim_start();
    t.starts_with('#') || t.starts_with("**")
}

/// Scans prose for capitalised phrases.
pub struct Scanner {
    council: Vec<String>,
}

/// A word of a phrase being read.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    class: Class,
}

/// Whether byte `i` of `text` starts a word (no letter or digit just before it).
fn word_start(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => true,
        Some(c) if c < 0x80 => !c.is_ascii_alphanumeric(),
        Some(_) => !super::words::char_before(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// The word at `i` (which starts one): its end without a possessive or trailing `-`/`/`,
/// the end of everything read, and whether it was possessive.
fn read_word(text: &str, i: usize, limit: usize) -> (usize, usize, bool) {
    // Which ASCII bytes continue a word; bytes from 0x80 are looked at as characters.
    const WORD: [bool; 128] = {
        let mut t = [false; 128];
        let mut c = 0;
        while c < 128 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric() || b == b'-' || b == b'/' || b == b'\'';
            c += 1;
        }
        t
    };
    let b = text.as_bytes();
    // Letters and digits first, eight at a time; the loop takes it from there.
    let mut end = alphanumeric_end(b, i, limit);
    while end < limit {
        let c = b[end];
        if c < 0x80 {
            if WORD[c as usize] {
                end += 1;
                continue;
            }
            break;
        }
        match text[end..].chars().next() {
            Some(ch) if is_word_char(ch) => end += ch.len_utf8(),
            _ => break,
        }
    }
    let mut w_end = end;
    let mut possessive = false;
    loop {
        let w = &text[i..w_end];
        if w.ends_with("'s") || w.ends_with('\'') {
            possessive = true;
            w_end -= if w.ends_with('s') { 2 } else { 1 };
        } else if w.ends_with("\u{2019}s") || w.ends_with('\u{2019}') {
            possessive = true;
            w_end -= if w.ends_with('s') { 4 } else { 3 };
        } else if w.ends_with(['-', '/']) {
            w_end -= 1;
        } else {
            break;
        }
    }
    (w_end.max(i), end.max(i + 1), possessive)
}

impl Scanner {
    pub fn new(council: &str) -> Scanner {
        Scanner {
            council: council_words(council),
        }
    }

    /// Every phrase in `text[run]`. Only capitalised words are looked at closely: the scan
    /// jumps from one upper-case word start to the next.
    pub fn scan(&self, text: &str, run: Span, out: &mut Vec<Phrase>) {
        self.scan_runs(text, std::slice::from_ref(&run), out);
    }

    /// Every phrase in each of `runs` (in order, as a document's prose runs are).
    pub fn scan_runs(&self, text: &str, runs: &[Span], out: &mut Vec<Phrase>) {
        self.scan_runs_with(text, runs, out, true);
    }

    /// [`Scanner::scan_runs`], stepping over lone words or (for the test that the step
    /// changes nothing) reading every capitalised word.
    fn scan_runs_with(&self, text: &str, runs: &[Span], out: &mut Vec<Phrase>, step_lone: bool) {
        let b = text.as_bytes();
        let mut lines = Lines {
            seen: 0,
            start: 0,
            heading: None,
        };
        let mut cur: Vec<Word> = Vec::new();
        for run in runs {
            let mut i = run.start;
            while i < run.end {
                // Most bytes are lower case, spaces and punctuation: skip them quickly.
                i = next_upper_or_non_ascii(b, i, run.end);
                if i >= run.end {
                    break;
                }
                if !text.is_char_boundary(i) {
                    i += 1; // inside a multi-byte character: step on to its end
                    continue;
                }
                let c = b[i];
                let upper = c < 0x80 || text[i..].chars().next().is_some_and(char::is_uppercase);
                if !upper || !word_start(text, i) {
                    i += utf8_len(c);
                    continue;
                }
                // Most capitalised words stand alone (a sentence's first word, "Council"):
                // step over them without reading them closely, unless a phrase may go on
                // after them or another word may start inside them ("Anti-Corruption").
                if let Some(end) = lone_plain_word(b, i, run.end).filter(|_| step_lone) {
                    i = end;
                    continue;
                }
                // Read a phrase: capitalised words joined by single spaces, "of"/"for"/"to"
                // allowed between them, ending at a possessive.
                let mut at = i;
                loop {
                    let (w_end, end, possessive) = read_word(text, at, run.end);
                    let class = class(&text[at..w_end]);
                    let joinable = !cur.is_empty() || class == Class::Cap;
                    if class == Class::Other || !joinable {
                        break;
                    }
                    cur.push(Word {
                        start: at,
                        end: w_end,
                        class,
                    });
                    if possessive || end >= run.end || b[end] != b' ' || w_end != end {
                        break;
                    }
                    let next = end + 1;
                    // Go on only to a capital, a joiner ("of", "for", "to") or a letter
                    // beyond ASCII; most capitalised words stand alone.
                    let go_on = next < run.end
                        && match b[next] {
                            c if c.is_ascii_uppercase() || c >= 0x80 => true,
                            b'o' | b'f' | b't' => true,
                            _ => false,
                        };
                    if !go_on {
                        break;
                    }
                    at = next;
                }
                let stop = cur.last().map_or(i + 1, |w| w.end.max(i + 1));
                if cur.iter().filter(|w| w.class == Class::Cap).count() >= 2 {
                    self.flush(text, &cur, &mut lines, out);
                }
                cur.clear();
                i = stop;
            }
        }
    }

    fn flush(&self, text: &str, words: &[Word], lines: &mut Lines, out: &mut Vec<Phrase>) {
        let mut ws = words;
        while ws.last().is_some_and(|w| w.class == Class::Joiner) {
            ws = &ws[..ws.len() - 1];
        }
        if ws.first().is_some_and(|w| opens_sentence(text, w.start)) {
            ws = &ws[1..];
            while ws.first().is_some_and(|w| w.class == Class::Joiner) {
                ws = &ws[1..];
            }
        }
        let caps = ws.iter().filter(|w| w.class == Class::Cap).count();
        if caps < 2 {
            return;
        }
        let quoted = super::words::char_before(text, ws[0].start)
            .is_some_and(|q| matches!(q, '"' | '\'' | '\u{201c}' | '\u{2018}'));
        let span = ws[0].start..ws[ws.len() - 1].end;
        if quoted || self.quiet(text, ws, span.end) || lines.heading(text, span.start) {
            return;
        }
        out.push(Phrase { span });
    }

    /// Whether the phrase of `words` (ending at `end`) is one that stays quiet: legislation,
    /// a date, the council's own name, a citation followed by a number.
    fn quiet(&self, text: &str, words: &[Word], end: usize) -> bool {
        let is = |list: &[&str], w: &str| list.iter().any(|l| l.eq_ignore_ascii_case(w));
        let word = |w: &Word| &text[w.start..w.end];
        if words.last().is_some_and(|w| is(LEGISLATION, word(w))) {
            return true;
        }
        let calendar = |w: &str| {
            (3..=9).contains(&w.len())
                && matches!(
                    w.as_bytes()[0],
                    b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D' | b'T' | b'W'
                )
                && MONTHS
                    .iter()
                    .chain(&WEEKDAYS)
                    .any(|l| l.eq_ignore_ascii_case(w))
        };
        // The phrase's words, as read (its text split at its single spaces).
        if words
            .iter()
            .map(word)
            .any(|w| calendar(w) || self.council.iter().any(|c| c.eq_ignore_ascii_case(w)))
        {
            return true;
        }
        // What follows: a number ("Standing Order 10", "Act 1972"), or a parenthesis and
        // then legislation ("Public Services (Social Value) Act 2012").
        let b = text.as_bytes();
        let mut p = end;
        while p < b.len() && (b[p] == b'\'' || b[p] == b')' || b[p] == b' ') {
            p += 1;
        }
        if p < b.len() && text[p..].starts_with('\u{2019}') {
            p += 3;
            while p < b.len() && b[p] == b' ' {
                p += 1;
            }
        }
        if b.get(p).is_some_and(u8::is_ascii_digit) {
            return true;
        }
        if b.get(p) == Some(&b'(') {
            let reach = (p + 80).min(b.len());
            match memchr::memchr(b')', &b[p..reach]) {
                Some(i) => {
                    p += i + 1;
                    while p < b.len() && b[p] == b' ' {
                        p += 1;
                    }
                }
                None => return false,
            }
        }
        let next_end = b[p..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |i| p + i);
        let next = &text[p..next_end];
        is(LEGISLATION, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        Scanner::new("Thanet District Council").scan(t, 0..t.len(), &mut out);
        out.into_iter().map(|p| t[p.span].to_string()).collect()
    }

    #[test]
    fn finds_capitalised_phrases_mid_sentence() {
        assert_eq!(
            phrases("1.1 Any request from a Responsible Officer to the Head of Paid Service."),
            ["Responsible Officer", "Head of Paid Service"]
        );
        assert_eq!(
            phrases("x the use of Purchasing Schemes and the Council's Purchasing Guide."),
            ["Purchasing Schemes", "Purchasing Guide"]
        );
    }

    #[test]
    fn quiet_where_capitals_are_grammar_or_names() {
        for t in [
            "Responsible Officers should act.",
            "under the Local Government Act 1972 and the Public Contracts Regulations 2015",
            "see Prescribed Standing Order 10 and the Public Services (Social Value) Act 2012",
            "for Thanet District Council and Thanet Suppliers on 1st January 2024",
            "published on 'Contracts Finder' today",
            "# 5 Responsibilities of Chief Executive, Directors and Heads of Service",
            "- 16.1.3 Compliance with Statutes: Health and Safety, Equal Opportunities",
            "**General Principles of Good Conduct:**",
            "the Section 151 Officer and VAT Returns",
        ] {
            assert_eq!(phrases(t), Vec::<String>::new(), "{t}");
        }
    }

    #[test]
    fn skips_to_capitals_and_non_ascii() {
        let t = b"abc def ghi jkl Mno pqr \xc2\xa3 z";
        let end = t.len();
        assert_eq!(next_upper_or_non_ascii(t, 0, end), 16);
        assert_eq!(next_upper_or_non_ascii(t, 17, end), 24);
        assert_eq!(next_upper_or_non_ascii(t, 26, end), end);
        for (i, c) in (0u8..=255).enumerate() {
            let mut v = vec![b'a'; 20];
            v[11] = c;
            let want = if c.is_ascii_uppercase() || c >= 0x80 {
                11
            } else {
                20
            };
            assert_eq!(next_upper_or_non_ascii(&v, 0, 20), want, "byte {i}");
        }
    }

    #[test]
    fn alphanumeric_ends_at_the_first_other_byte() {
        assert_eq!(alphanumeric_end(b"Council, and", 0, 12), 7);
        assert_eq!(alphanumeric_end(b"Council, and", 9, 12), 12);
        for c in 0u8..=255 {
            for at in [3, 11] {
                let mut v = vec![b'x'; 20];
                v[at] = c;
                let want = if c.is_ascii_alphanumeric() { 20 } else { at };
                assert_eq!(alphanumeric_end(&v, 1, 20), want, "byte {c} at {at}");
            }
        }
    }

    #[test]
    fn lone_words_are_stepped_over_and_phrase_openings_are_not() {
        let lone = |t: &str| lone_plain_word(t.as_bytes(), 0, t.len());
        assert_eq!(lone("Council."), Some(7));
        assert_eq!(lone("Council agreed"), Some(7));
        assert_eq!(lone("Council"), Some(7));
        // Joiners carry a phrase on only to a capital.
        assert_eq!(lone("Council of the"), Some(7));
        assert_eq!(lone("Council to"), Some(7));
        assert_eq!(lone("Officer for officers"), Some(7));
        for t in [
            "Council Tax",
            "Head of Paid",
            "Invitation to Tender",
            "Invitation to for Tender",
            "Head of \u{c9}lu",
            "Anti-Corruption",
            "Council's",
            "Council \u{c9}lu",
        ] {
            assert_eq!(lone(t), None, "{t}");
        }
        // The same phrases whether or not the step is taken.
        assert_eq!(
            phrases("Council agreed. The Council Tax Reduction Scheme and Anti-Corruption Policy."),
            ["Council Tax Reduction Scheme", "Anti-Corruption Policy"]
        );
    }

    proptest::proptest! {
        /// Stepping over lone words finds exactly what reading every capitalised word finds.
        #[test]
        fn stepping_over_lone_words_changes_nothing(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "Council", "Head", "Paid", "Service", "Tax", "Anti-Corruption",
                        "Council's", "Act", "of", "for", "to", "the", "officers", "fortnight",
                        "tomorrow", "\u{c9}lu", "2012", "(Social",
                    ]),
                    proptest::sample::select(vec![" ", " ", " ", " ", ". ", ", ", "\n", "-", "'", ""]),
                ),
                0..30,
            )
        ) {
            let t: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            let scanner = Scanner::new("Thanet District Council");
            let (mut stepped, mut read) = (Vec::new(), Vec::new());
            let run = 0..t.len();
            let whole = std::slice::from_ref(&run);
            scanner.scan_runs_with(&t, whole, &mut stepped, true);
            scanner.scan_runs_with(&t, whole, &mut read, false);
            proptest::prop_assert_eq!(stepped, read, "{:?}", t);
        }

        /// The byte-at-a-time count of a line's words agrees with the general one.
        #[test]
        fn ascii_word_counts_agree(
            line in "[ \t\r\n\x0bA-Za-z0-9.,:;'()*#|-]{0,60}|(of|for|to|and|the|a|in|on|with|With|x|Act|2012|\\(a\\)|\"Head\"| )*"
        ) {
            proptest::prop_assert_eq!(
                ascii_word_counts(line.as_bytes()),
                word_counts(&line),
                "{:?}",
                line
            );
        }
    }

    #[test]
    fn keys_normalise_plural_and_possessive() {
        assert_eq!(key("Responsible Officers'"), "responsible officer");
        assert_eq!(key("Chairmen"), "chairman");
        assert_eq!(key("Member  bodies"), "member body");
        assert_eq!(key("Head of Service's"), "head of service");
        assert_eq!(key("Standard Clauses"), "standard clause");
        // ASCII and not: the same spaces, the same case.
        assert_eq!(key(" Head\x0bof\t\tPaid  Service "), "head of paid service");
        assert_eq!(
            key("\u{c9}cole\x0bNormale  Sup\u{c9}rieure"),
            "\u{e9}cole normale sup\u{e9}rieure"
        );
    }
}
