//! Clause numbers as councils write them: `1`, `1.0`, `1.1.`, `4.10.4.1`, `4A`, `A1`, and
//! sub-paragraphs `(a)`/`(iv)` cited as `8.1.7(a)`.
//!
//! This module only reads and compares numbers. Deciding whether a number at the start of a
//! paragraph really is a clause number (and not "2015 was a year…") is the parser's job, with
//! the context it has.

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

/// A numeric clause number found at the start of a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leading {
    pub number: ClauseNumber,
    /// Bytes taken by the number as written, including a trailing dot.
    pub len: usize,
    pub style: Style,
}

/// Largest value one level of a number may have; larger numbers are years, sums or phone numbers.
pub const MAX_SEG: u32 = 999;

/// Read a numeric clause number (`4.10.4.1`, `1.0`, `1.1.`, `4.2A`, `A1`) at the start of `s`.
///
/// Rejects anything that is more likely something else: components with leading zeros
/// (`27.02.2024`, `7.00`), components over [`MAX_SEG`], and numbers glued to a following
/// digit, comma or letter run (`£1,000`, `2nd`).
pub fn parse_leading(s: &str) -> Option<Leading> {
    leading(s, false)
}

/// [`parse_leading`], also reading levels after the first written with one leading zero
/// (`4.09`, `1.01.02`), as some councils pad their numbers. Only for the parser, which takes
/// such a number as a clause only where it continues the numbering (`4.09` after `4.8`):
/// alone, `7.05` is as likely a time.
pub fn parse_leading_padded(s: &str) -> Option<Leading> {
    leading(s, true)
}

fn leading(s: &str, padded: bool) -> Option<Leading> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut segs = Vec::new();
    loop {
        let mut pre = Tag::EMPTY;
        if i < b.len() && b[i].is_ascii_uppercase() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            pre = Tag::letter(b[i]);
            i += 1;
        }
        let digits_start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == digits_start || i - digits_start > 3 {
            return None;
        }
        let digits = &s[digits_start..i];
        if digits.len() > 1 && digits.starts_with('0') {
            // "09" may pad a level after the first; "00", "009" and a padded first level
            // ("01843") never do.
            let pad_ok = padded && !segs.is_empty() && digits.len() == 2 && digits != "00";
            if !pad_ok {
                return None;
            }
        }
        let n: u32 = digits.parse().ok()?;
        if n > MAX_SEG {
            return None;
        }
        let mut post = Tag::EMPTY;
        if i < b.len()
            && b[i].is_ascii_uppercase()
            && !b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            post = Tag::letter(b[i]);
            i += 1;
        }
        segs.push(Seg::Num { pre, n, post });
        // A dot followed by a digit (or an uppercase prefix and a digit) continues the number.
        if i < b.len() && b[i] == b'.' {
            let next = b.get(i + 1).copied();
            let next2 = b.get(i + 2).copied();
            let continues = next.is_some_and(|c| c.is_ascii_digit())
                || (next.is_some_and(|c| c.is_ascii_uppercase())
                    && next2.is_some_and(|c| c.is_ascii_digit()));
            if continues {
                i += 1;
                continue;
            }
        }
        break;
    }
    let mut style = Style::Plain;
    if i < b.len() && b[i] == b'.' {
        // A trailing dot: "1." / "1.1." — but not a decimal ("1.5" was consumed above).
        style = Style::TrailingDot;
        i += 1;
    }
    // Must not run on into digits, commas or word characters: "1,000", "2nd", "10am".
    if let Some(&c) = b.get(i) {
        if c.is_ascii_alphanumeric() || c == b',' || c == b'%' || c == b'/' || c == b':' {
            return None;
        }
    }
    if segs.len() == 2
        && segs[1] == Seg::num(0)
        && matches!(style, Style::Plain | Style::TrailingDot)
    {
        segs.pop();
        style = Style::DotZero;
    }
    Some(Leading {
        number: ClauseNumber(segs),
        len: i,
        style,
    })
}

/// Read a number as cited in running text (`16`, `16.1.3`, `8.1.7(a)`, `4A`) at the start of
/// `s`. A trailing full stop ends the sentence, not the number; a comma or slash followed by
/// a digit means a sum or a list of regulations (`1,000`, `83/84`), not a clause.
pub fn parse_cited(s: &str) -> Option<(ClauseNumber, usize)> {
    let b = s.as_bytes();
    let lead = parse_leading(s)
        .or_else(|| {
            // parse_leading refuses a following comma or colon; in citations they are punctuation.
            let cut = s
                .find([',', ':', ';'])
                .filter(|&i| !b.get(i + 1).is_some_and(u8::is_ascii_digit))?;
            parse_leading(&s[..cut])
        })
        .or_else(|| parse_leading(&s[..dotted_cut(s)?]))?;
    let mut len = lead.len;
    if lead.style == Style::TrailingDot {
        len -= 1;
    }
    let mut number = lead.number;
    let numeric_depth = number.depth();
    if lead.style == Style::DotZero && b.get(len).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    // "3.2.1 (b)": one space may come before the first bracket.
    if b.get(len) == Some(&b' ') && parse_sub(&s[len + 1..]).is_some() {
        len += 1;
    }
    while let Some((sub, l)) = parse_sub(&s[len..]) {
        number.0.push(Seg::sub(sub)?);
        len += l;
    }
    // "7.2.1.d", "3.1.6.b.ii": sub-items written with dots, as society bylaws do.
    if number.depth() == numeric_depth {
        while let Some((sub, l)) = dotted_sub(&s[len..]) {
            number.0.push(Seg::sub(sub)?);
            len += l;
        }
    }
    match b.get(len) {
        Some(c) if c.is_ascii_alphanumeric() => None,
        Some(b',' | b'/') if b.get(len + 1).is_some_and(u8::is_ascii_digit) => None,
        Some(b'%') => None,
        _ => Some((number, len)),
    }
}

/// Where a dotted sub-item starts after the digits of `s` ("7.2.1.d" → 5), if it has one.
fn dotted_cut(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len().min(24)
        && (b[i].is_ascii_digit() || b[i] == b'.' || b[i].is_ascii_uppercase())
    {
        if b[i] == b'.'
            && i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1).is_some_and(u8::is_ascii_lowercase)
        {
            return dotted_sub(&s[i..]).map(|_| i);
        }
        i += 1;
    }
    None
}

/// A sub-item written after a dot, `.d` or `.iv`, at the start of `s`: the letter or numeral
/// and the bytes taken. Only one letter, a doubled letter or a roman numeral, and never a word
/// ("4.2.a" is 4.2(a); "4.2.and" is not).
fn dotted_sub(s: &str) -> Option<(&str, usize)> {
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

/// A capital roman numeral (`IV`, `XII`) at the start of `s`, ending at a word boundary, and
/// its value and length (a trailing full stop not included).
pub fn parse_upper_roman(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(|c| b"IVXLC".contains(c)).count();
    // "Part C" and "Schedule L" are lettered, not the hundredth and fiftieth.
    let lettered = !s.as_bytes()[..n].iter().any(|c| b"IVX".contains(c));
    if n == 0 || lettered || s.as_bytes().get(n).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    roman_value(&s[..n].to_ascii_lowercase()).map(|v| (v, n))
}

/// Value of a lower-case roman numeral up to 399, if `s` is one written canonically.
pub fn roman_value(s: &str) -> Option<u32> {
    let val = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let b = s.as_bytes();
    let mut total = 0i64;
    for (k, &c) in b.iter().enumerate() {
        let v = val(c)? as i64;
        let next = b.get(k + 1).and_then(|&n| val(n)).unwrap_or(0) as i64;
        total += if v < next { -v } else { v };
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    (to_roman(total) == s).then_some(total)
}

/// Lower-case roman numeral for `n` (1..400).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

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

    fn lead(s: &str) -> Option<(String, usize, Style)> {
        parse_leading(s).map(|l| (l.number.to_string(), l.len, l.style))
    }

    #[test]
    fn reads_the_forms_councils_use() {
        assert_eq!(lead("1 Introduction"), Some(("1".into(), 1, Style::Plain)));
        assert_eq!(
            lead("1.0 Definitions"),
            Some(("1".into(), 3, Style::DotZero))
        );
        assert_eq!(
            lead("1. INTRODUCTION"),
            Some(("1".into(), 2, Style::TrailingDot))
        );
        assert_eq!(
            lead("1.1. text"),
            Some(("1.1".into(), 4, Style::TrailingDot))
        );
        assert_eq!(
            lead("4.10.4.1 text"),
            Some(("4.10.4.1".into(), 8, Style::Plain))
        );
        assert_eq!(lead("4.2A text"), Some(("4.2A".into(), 4, Style::Plain)));
        assert_eq!(lead("A1 text"), Some(("A1".into(), 2, Style::Plain)));
        assert_eq!(
            lead("9.2.14<u>0</u>"),
            Some(("9.2.14".into(), 6, Style::Plain))
        );
    }

    #[test]
    fn rejects_money_dates_times_and_years() {
        for s in [
            "£1,000",
            "1,000 to",
            "27.02.2024",
            "7.00 pm",
            "2015 was",
            "2nd",
            "10am",
            "0.5%",
            "01843 577207",
            "12/03",
        ] {
            assert_eq!(lead(s), None, "{s}");
        }
    }

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
    fn cited_numbers_stop_at_punctuation() {
        let c = |s: &str| parse_cited(s).map(|(n, l)| (n.to_string(), l));
        assert_eq!(c("16."), Some(("16".into(), 2)));
        assert_eq!(c("16.1.3]"), Some(("16.1.3".into(), 6)));
        assert_eq!(c("4.2, 4.3"), Some(("4.2".into(), 3)));
        assert_eq!(c("8.1.7(a) and"), Some(("8.1.7(a)".into(), 8)));
        assert_eq!(c("83/84"), None);
        assert_eq!(c("1,000"), None);
        assert_eq!(c("2015"), None);
    }

    #[test]
    fn roman_numerals_round_trip() {
        for k in 1..400 {
            assert_eq!(roman_value(&to_roman(k)), Some(k));
        }
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(parse_sub("(iv) x"), Some(("iv", 4)));
        assert_eq!(parse_sub("(a) x"), Some(("a", 3)));
        assert_eq!(parse_sub("(see CSO 2.1)"), None);
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
