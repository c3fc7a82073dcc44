//! Number expressions: the numbers a citing word stands before, read with their spans so
//! renumbering can rewrite exactly what was written.
//!
//! "4.8", "4.8 – 4.10", "5.12 and 5.13", "16 [16.1.3]", a relative "(b)" after "2.1.1(a) to",
//! a roman "IV", and the Part numbers and appendix names of their own citations. Which
//! document or unit the numbers belong to, and whether the words around them make them a
//! citation at all, is decided by the callers in [`super::units`] and [`super::bare`].

use super::super::context::{quantity_follows, skip_brackets};
use super::{is_word, skip_ws, Item, NumRef};
use crate::number::{parse_cited, ClauseNumber};
use crate::source::Span;

/// Read one cited number at `i`; `None` when there is none.
fn num_at(text: &str, i: usize) -> Option<NumRef> {
    let (number, len) = parse_cited(&text[i..])?;
    Some(NumRef {
        number,
        span: i..i + len,
    })
}

/// A range connector ("–", "-", "—", "to") at `i`, returning where the next number starts.
fn range_connector(text: &str, i: usize) -> Option<usize> {
    let j = skip_ws(text, i);
    let rest = &text[j..];
    let after = ["–", "—", "-", "to "]
        .iter()
        .find(|c| rest.starts_with(**c))?;
    Some(skip_ws(text, j + after.len()))
}

/// A list connector (",", "and", "or", "&", ", and") at `i`.
pub(super) fn list_connector(text: &str, i: usize) -> Option<usize> {
    let mut j = skip_ws(text, i);
    if text[j..].starts_with(',') {
        j = skip_ws(text, j + 1);
    }
    for w in ["and ", "or ", "& "] {
        if text[j..].starts_with(w) {
            return Some(skip_ws(text, j + w.len()));
        }
    }
    (j > i && text[..j].trim_end().ends_with(',')).then_some(j)
}

/// A capital roman numeral at `i` ("Article IV", "ARTICLE XII"), read as its value; renumbering
/// writes it back in roman because the span holds roman letters.
fn roman_at(text: &str, i: usize) -> Option<NumRef> {
    let (n, len) = crate::number::parse_upper_roman(&text[i..])?;
    Some(NumRef {
        number: ClauseNumber(vec![crate::number::Seg::num(n)]),
        span: i..i + len,
    })
}

/// A relative sub-paragraph "(b)", as in "sub-paragraph (b)": a number of one bracketed level.
fn sub_at(text: &str, i: usize) -> Option<NumRef> {
    let (sub, len) = crate::number::parse_sub(&text[i..])?;
    let number = ClauseNumber(vec![crate::number::Seg::sub(sub)?]);
    Some(NumRef {
        number,
        span: i..i + len,
    })
}

/// A dotted number at `i` that no clause can carry because a level is above
/// [`crate::number::MAX_SEG`] ("1.65536"): its span. Dates ("27.02.2024") have a leading zero
/// and are not numbers at all; sums have commas.
fn oversized_at(text: &str, i: usize) -> Option<Span> {
    let b = text.as_bytes();
    let mut e = i;
    let mut levels = 0;
    let mut too_big = false;
    loop {
        let d = b[e..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 || (d > 1 && b[e] == b'0') {
            return None;
        }
        too_big |= d > 3
            || text[e..e + d]
                .parse::<u32>()
                .map_or(true, |n| n > crate::number::MAX_SEG);
        levels += 1;
        e += d;
        if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
            e += 1;
            continue;
        }
        break;
    }
    let glued = b.get(e).is_some_and(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'/' | b'%')
            || matches!(c, b',' | b':') && b.get(e + 1).is_some_and(u8::is_ascii_digit)
    });
    (levels >= 2 && too_big && !glued).then_some(i..e)
}

/// Past "(2)", "(4)(b)" after a number whose brackets hold digits first (a statute's
/// subsection; a clause's sub-paragraphs are letters and were read with the number).
fn skip_numeric_brackets(text: &str, i: usize) -> usize {
    if text.as_bytes().get(i + 1).is_some_and(u8::is_ascii_digit) {
        skip_brackets(text, i)
    } else {
        i
    }
}

/// The next number of an expression at `k`: a full number, or "(c)" after a number ending in a
/// sub-paragraph ("2.1.1(a) to (c)", "4.3.2(a) and (b)"), read as a sibling of that one.
fn next_number(text: &str, k: usize, first: &ClauseNumber) -> Option<NumRef> {
    let n = num_at(text, k)
        .or_else(|| sub_at(text, k))
        .or_else(|| roman_at(text, k))?;
    let relative = n.number.depth() == 1
        && matches!(n.number.last(), Some(crate::number::Seg::Sub(_)))
        && first.depth() > 1
        && matches!(first.last(), Some(crate::number::Seg::Sub(_)));
    if !relative {
        return (n.number.depth() == first.depth()).then_some(n);
    }
    let parent = first.parent()?;
    Some(NumRef {
        number: parent.child(n.number.0[0]),
        span: n.span,
    })
}

/// Read a number expression: "4.8", "4.8 – 4.10", "5.12 and 5.13", "16 [16.1.3]", "(b)".
pub(super) fn number_expr(text: &str, start: usize) -> Option<(Vec<Item>, usize)> {
    let Some(first) = num_at(text, start)
        .or_else(|| sub_at(text, start))
        .or_else(|| roman_at(text, start))
    else {
        let span = oversized_at(text, start)?;
        return Some((vec![Item::Invalid(span.clone())], span.end));
    };
    let first_number = first.number.clone();
    let mut end = first.span.end;
    let mut items = Vec::new();
    // "CSO16 [16.1.3]": a bracketed number inside the cited one.
    let j = skip_ws(text, end);
    let refined = text[j..]
        .strip_prefix('[')
        .and_then(|_| num_at(text, j + 1))
        .filter(|inner| {
            text[inner.span.end..].starts_with(']') && inner.number.starts_with(&first.number)
        });
    let mut last = match refined {
        Some(inner) => {
            end = inner.span.end + 1;
            Item::Refined {
                outer: first,
                inner,
            }
        }
        None => Item::One(first),
    };
    loop {
        // "Sections 32, 43(2) and 46": a statute's subsection in brackets is passed over.
        end = skip_numeric_brackets(text, end);
        if let (Item::One(from), Some(k)) = (&last, range_connector(text, end)) {
            if let Some(to) = next_number(text, k, &from.number) {
                end = to.span.end;
                last = Item::Range(from.clone(), to);
                continue;
            }
            if let Some(span) = oversized_at(text, k) {
                end = span.end;
                items.push(std::mem::replace(&mut last, Item::Invalid(span)));
                continue;
            }
        }
        if let Some(k) = list_connector(text, end) {
            // "CSO 64.3, and 2.4 hectares": after a comma a quantity starts a new phrase and
            // ends the list; "1.5 and 2.5 miles" is one quantity.
            let comma = text[end..k].contains(',');
            if let Some(next) = next_number(text, k, &first_number)
                .filter(|n| !(comma && quantity_follows(text, n.span.end)))
            {
                items.push(std::mem::replace(&mut last, Item::One(next.clone())));
                end = next.span.end;
                continue;
            }
            if let Some(span) = oversized_at(text, k) {
                end = span.end;
                items.push(std::mem::replace(&mut last, Item::Invalid(span)));
                continue;
            }
        }
        break;
    }
    items.push(last);
    Some((items, end))
}

pub(super) fn digits(text: &str, i: usize) -> Option<usize> {
    let n = text[i..].bytes().take_while(u8::is_ascii_digit).count();
    (n > 0).then_some(i + n)
}

/// A Part number: "4", "4.6.1" (not followed by word characters).
pub(super) fn part_number(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut e = digits(text, i)?;
    while b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e = digits(text, e + 1)?;
    }
    // "Part 5A" (an inserted Part, in an Act or a constitution).
    if b.get(e).is_some_and(u8::is_ascii_uppercase) && !b.get(e + 1).is_some_and(|&c| is_word(c)) {
        e += 1;
    }
    if e - i > 12 || b.get(e).is_some_and(|&c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(e)
}

/// An appendix's name: one capital letter, a number, or an upper-case roman numeral.
pub(super) fn appendix_id(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let n = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .count();
    if n == 0 || n > 4 || b.get(i + n).is_some_and(|&c| is_word(c)) {
        return None;
    }
    let id = &text[i..i + n];
    let is_num = id.bytes().all(|c| c.is_ascii_digit());
    // "Schedule 12A": a number with an inserted letter.
    let is_inserted = n >= 2
        && id.as_bytes()[n - 1].is_ascii_uppercase()
        && id[..n - 1].bytes().all(|c| c.is_ascii_digit());
    let is_letter = n == 1;
    let is_roman = crate::number::roman_value(&id.to_ascii_lowercase()).is_some();
    (is_num || is_inserted || is_letter || is_roman).then_some(i + n)
}
