//! What follows or stands for a number: bracketed sub-paragraphs (`(a)`, `(iv)`), sub-items
//! after a dot (`.d`), lettered and roman items without brackets (`a.`, `iv)`, `A.`), and the
//! unit words that name a number in a heading ("Rule 5.", "ARTICLE IV").
//!
//! Each reader only says what the text at hand could be; whether a bare item really opens
//! one, or a unit word a headed unit, is the parser's to decide from the items around it.

use super::roman::roman_value;
use super::Tag;

/// A sub-item written after a dot, `.d` or `.iv`, at the start of `s`: the letter or numeral
/// and the bytes taken. Only one letter, a doubled letter or a roman numeral, and never a word
/// ("4.2.a" is 4.2(a); "4.2.and" is not).
pub(super) fn dotted_sub(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'.') {
        return None;
    }
    let n = b[1..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    let inner = &s[1..1 + n];
    let letter = n == 1 || (n == 2 && b[1] == b[2]);
    let roman = (2..=5).contains(&n) && roman_value(inner).is_some();
    let boundary = !b.get(1 + n).is_some_and(|c| c.is_ascii_alphanumeric());
    ((letter || roman) && boundary).then_some((inner, 1 + n))
}

/// Read a bracketed sub-paragraph `(a)`, `(iv)`, `(aa)` at the start of `s`; returns the inner
/// text and the bytes taken.
pub fn parse_sub(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    let close = b.iter().take(8).position(|&c| c == b')')?;
    let inner = &s[1..close];
    let lower = !inner.is_empty() && inner.bytes().all(|c| c.is_ascii_lowercase());
    let is_roman =
        lower && inner.bytes().all(|c| b"ivxlc".contains(&c)) && roman_value(inner).is_some();
    let is_letter = lower
        && (inner.len() == 1 || (inner.len() == 2 && inner.as_bytes()[0] == inner.as_bytes()[1]));
    (is_roman || is_letter).then_some((inner, close + 1))
}

/// A lettered or roman item written without brackets at the start of `s`: `a.`, `a)`,
/// `iv.`, `A.`, `aa)`, or (in text converted from PDF) a letter then a tab or two spaces.
/// The text after the mark must start with a letter, digit, quote or bracket.
///
/// Whether such a token really opens an item ("A. Smith", "I. e." are prose) is the
/// parser's call: it takes one only as the first of a run or where it continues one.
pub fn parse_bare_item(s: &str) -> Option<BareItem> {
    let b = s.as_bytes();
    let n = b
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if n == 0 || n > 5 {
        return None;
    }
    let letters = &s[..n];
    let upper = letters.bytes().all(|c| c.is_ascii_uppercase());
    if !upper && !letters.bytes().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let lower = letters.to_ascii_lowercase();
    let letter = n == 1 || (n == 2 && b[0] == b[1]);
    if !letter && roman_value(&lower).is_none() {
        return None;
    }
    let after = &b[n..];
    let mark = match after {
        [b'.' | b')', b' ' | b'\t', ..] => 2,
        [b'\t', ..] => 1,
        [b' ', b' ', ..] => 2,
        _ => return None,
    };
    let text = s[n + mark..].trim_start_matches([' ', '\t']);
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "\"'‘“(".contains(c));
    starts_well.then(|| BareItem {
        tag: Tag::new(&lower).expect("at most five ASCII letters"),
        upper,
        len: n,
        mark: after[0],
    })
}

/// An item read by [`parse_bare_item`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BareItem {
    /// The letters, in lower case.
    pub tag: Tag,
    /// Written in capitals.
    pub upper: bool,
    /// Bytes the letters take.
    pub len: usize,
    /// The byte after the letters: `.`, `)`, a tab or a space.
    pub mark: u8,
}

/// The words that name a numbered unit before its number in a heading ("Rule 5. Regular
/// Meetings", "ARTICLE IV"), longest first so "Council Procedure Rule" wins over "Rule".
pub const UNIT_WORDS: [&str; 8] = [
    "Council Procedure Rule",
    "Standing Order",
    "Schedule",
    "Chapter",
    "Article",
    "Section",
    "Rule",
    "Part",
];

/// A unit word at the start of `s` (any case), followed by one space: its length with the
/// space.
pub fn unit_word(s: &str) -> Option<usize> {
    UNIT_WORDS.iter().find_map(|w| word_then_space(s, w))
}

/// `word` at the start of `s` in any case, then one space: their length.
pub fn word_then_space(s: &str, word: &str) -> Option<usize> {
    let b = s.as_bytes();
    (b.len() > word.len()
        && s.is_char_boundary(word.len())
        && s[..word.len()].eq_ignore_ascii_case(word)
        && b[word.len()] == b' ')
        .then_some(word.len() + 1)
}
