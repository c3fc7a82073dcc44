//! Reading a numeric clause number at the start of a text: as a clause's own number
//! (`4.10.4.1`, `1.0`, `1.1.`, `4.2A`, `A1`) or as cited in running text (`16.1.3`,
//! `8.1.7(a)`, `7.2.1.d`).
//!
//! Money, dates, times and years are refused here by their shape alone; whether a number that
//! passes really opens a clause is the parser's call. The sub-paragraphs after a number are
//! read by [`super::items`].

use super::items::{dotted_sub, parse_sub};
use super::{ClauseNumber, Seg, Style, Tag, MAX_SEG};

/// A numeric clause number found at the start of a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leading {
    pub number: ClauseNumber,
    /// Bytes taken by the number as written, including a trailing dot.
    pub len: usize,
    pub style: Style,
}

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
}
