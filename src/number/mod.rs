//! Clause numbers as councils write them: `1`, `1.0`, `1.1.`, `4.10.4.1`, `4A`, `A1`, and
//! sub-paragraphs `(a)`/`(iv)` cited as `8.1.7(a)`.
//!
//! This module only reads and compares numbers. Deciding whether a number at the start of a
//! paragraph really is a clause number (and not "2015 was a year…") is the parser's job, with
//! the context it has.
//!
//! This module holds what a number is (its levels, their order, how it prints) and leaves
//! the reading to the files beside it:
//!
//! - `read.rs`: a numeric clause number at the start of a line or in a citation;
//! - `items.rs`: sub-paragraphs, items without brackets and the unit words before a number;
//! - `roman.rs`: roman numerals, read and written.

mod items;
mod read;
mod roman;

pub use items::{parse_bare_item, parse_sub, unit_word, word_then_space, BareItem, UNIT_WORDS};
pub use read::{parse_cited, parse_leading, parse_leading_padded, Leading};
pub use roman::{parse_upper_roman, roman_value, to_roman};

use std::cmp::Ordering;
use std::fmt;

/// A few ASCII characters inside a number: the letter before or after an inserted clause's
/// number (`A` in `A1`, `4A`) or a sub-paragraph without its brackets (`a`, `iv`, `aa`).
///
/// Kept inline, so a number is plain data: comparing and hashing numbers (which every pass
/// does per clause) never chases a pointer or calls `memcmp`. [`parse_sub`] reads at most
/// six characters, so seven is room enough for every number clerk can read.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Tag {
    len: u8,
    bytes: [u8; Tag::MAX],
}

impl Tag {
    pub const MAX: usize = 7;
    pub const EMPTY: Tag = Tag {
        len: 0,
        bytes: [0; Tag::MAX],
    };

    /// `s` as a tag, if it is ASCII and at most [`Tag::MAX`] bytes.
    pub fn new(s: &str) -> Option<Tag> {
        if s.len() > Tag::MAX || !s.is_ascii() {
            return None;
        }
        let mut bytes = [0; Tag::MAX];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Tag {
            len: s.len() as u8,
            bytes,
        })
    }

    /// One ASCII letter.
    pub fn letter(c: u8) -> Tag {
        let mut bytes = [0; Tag::MAX];
        bytes[0] = c;
        Tag { len: 1, bytes }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored (see `new` and `letter`).
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl std::ops::Deref for Tag {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// One level of a clause number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A numeric level with optional letter prefix/suffix, as adopted documents insert clauses:
    /// `4A` is `{pre: "", n: 4, post: "A"}`, `A1` is `{pre: "A", n: 1, post: ""}`.
    Num { pre: Tag, n: u32, post: Tag },
    /// A lettered or roman sub-paragraph, without its brackets: `a`, `iv`.
    Sub(Tag),
}

impl Seg {
    pub fn num(n: u32) -> Seg {
        Seg::Num {
            pre: Tag::EMPTY,
            n,
            post: Tag::EMPTY,
        }
    }

    /// A sub-paragraph level, if `s` fits a [`Tag`].
    pub fn sub(s: &str) -> Option<Seg> {
        Tag::new(s).map(Seg::Sub)
    }

    /// The plain number of a numeric level with no letters, if it is one.
    pub fn plain(&self) -> Option<u32> {
        match self {
            Seg::Num { pre, n, post } if pre.is_empty() && post.is_empty() => Some(*n),
            _ => None,
        }
    }

    fn sort_key(&self) -> (u8, u32, u8, &str, &str) {
        match self {
            Seg::Num { pre, n, post } => (0, *n, u8::from(pre.is_empty()), pre, post),
            Seg::Sub(s) => (1, sub_ordinal(s), 0, s, ""),
        }
    }
}

impl Ord for Seg {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Seg {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A full clause number such as `8.1.7(a)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ClauseNumber(pub Vec<Seg>);

impl ClauseNumber {
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    pub fn parent(&self) -> Option<ClauseNumber> {
        (self.0.len() > 1).then(|| ClauseNumber(self.0[..self.0.len() - 1].to_vec()))
    }

    pub fn last(&self) -> Option<&Seg> {
        self.0.last()
    }

    pub fn child(&self, seg: Seg) -> ClauseNumber {
        let mut v = Vec::with_capacity(self.0.len() + 1);
        v.extend_from_slice(&self.0);
        v.push(seg);
        ClauseNumber(v)
    }

    /// Whether `self` is `other` or one of its descendants.
    pub fn starts_with(&self, other: &ClauseNumber) -> bool {
        self.0.starts_with(&other.0)
    }

    /// Parse a number as cited in running text or a link: `16`, `16.1.3`, `8.1.7(a)`, `4A`.
    /// A trailing `.0` on a one-level number (`2.0`) means section 2.
    pub fn parse(s: &str) -> Option<ClauseNumber> {
        let lead = parse_leading(s)?;
        let mut segs = lead.number.0;
        let mut rest = &s[lead.len..];
        while let Some((sub, len)) = parse_sub(rest) {
            segs.push(Seg::sub(sub)?);
            rest = &rest[len..];
        }
        rest.is_empty().then_some(ClauseNumber(segs))
    }
}

impl fmt::Display for ClauseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Num { pre, n, post } => {
                    if !first {
                        f.write_str(".")?;
                    }
                    write!(f, "{pre}{n}{post}")?;
                }
                Seg::Sub(s) => write!(f, "({s})")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// How a number was written, so a document's style can be checked for consistency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `1`, `1.1`
    Plain,
    /// `1.`, `1.1.`
    TrailingDot,
    /// `1.0` for section 1
    DotZero,
    /// a Markdown ordered-list marker `1.` or `1)`
    ListMarker,
    /// `(a)`, `(iv)`
    Sub,
    /// A capital roman numeral after a unit word: `ARTICLE IV`, `Article IV.`
    Roman,
    /// A lettered or roman item without brackets, `a.`, `a)`, `A.`, `iv.`, or a letter and a
    /// tab as text converted from PDF has it: the number's span is the letters alone, so
    /// renumbering keeps the mark after them. `upper` when written in capitals (the number
    /// itself is kept in lower case, so `A.` and `(a)` are the same item).
    Item { upper: bool },
}

impl Style {
    pub fn describe(self) -> &'static str {
        match self {
            Style::Plain => "plain (1, 1.1)",
            Style::TrailingDot => "with a trailing dot (1., 1.1.)",
            Style::DotZero => "with .0 (1.0)",
            Style::ListMarker => "as a list (1.)",
            Style::Sub => "bracketed ((a))",
            Style::Roman => "in roman numerals (IV)",
            Style::Item { upper: false } => "as a lettered item (a.)",
            Style::Item { upper: true } => "as a capital-lettered item (A.)",
        }
    }
}

/// Largest value one level of a number may have; larger numbers are years, sums or phone numbers.
pub const MAX_SEG: u32 = 999;

/// Position of a letter sub-paragraph: `a` → 1, `z` → 26, `aa` → 27.
pub fn letter_value(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    match b {
        [c] if c.is_ascii_lowercase() => Some(u32::from(c - b'a') + 1),
        [c, d] if c == d && c.is_ascii_lowercase() => Some(u32::from(c - b'a') + 27),
        _ => None,
    }
}

/// Ordinal used for sorting sub-paragraphs when their kind is not known: letters first.
fn sub_ordinal(s: &str) -> u32 {
    letter_value(s)
        .or_else(|| roman_value(s))
        .unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_citations_with_sub_paragraphs() {
        assert_eq!(
            ClauseNumber::parse("8.1.7(a)").unwrap().to_string(),
            "8.1.7(a)"
        );
        assert_eq!(ClauseNumber::parse("16.1.3").unwrap().depth(), 3);
        assert_eq!(ClauseNumber::parse("2.0").unwrap().to_string(), "2");
        assert!(ClauseNumber::parse("16.1.3x").is_none());
    }

    #[test]
    fn orders_inserted_clauses_around_their_neighbours() {
        let n = |s: &str| ClauseNumber::parse(s).unwrap();
        assert!(n("A1") < n("1"));
        assert!(n("4") < n("4A"));
        assert!(n("4A") < n("5"));
        assert!(n("4.2") < n("4.10"));
    }

    #[test]
    fn tags_hold_what_the_parser_reads() {
        assert_eq!(
            Tag::new("xxxviii").map(|t| t.to_string()),
            Some("xxxviii".into())
        );
        assert_eq!(Tag::new("xxxviiii"), None);
        assert_eq!(Tag::new("é"), None);
        assert_eq!(Tag::new(""), Some(Tag::EMPTY));
        assert_eq!(Tag::letter(b'A').as_str(), "A");
        // Every sub-paragraph the parser accepts fits.
        for k in 1..400 {
            if let Some((inner, _)) = parse_sub(&format!("({})", to_roman(k))) {
                assert!(Tag::new(inner).is_some(), "{inner}");
            }
        }
    }
}
