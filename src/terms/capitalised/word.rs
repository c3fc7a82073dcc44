//! Reading prose a word at a time, from bytes: finding the next capital, where a word ends,
//! whether it is a capitalised word or a joiner, and whether a phrase can go on after it.
//!
//! Nearly all of the scan's time is spent here, so ASCII text is read eight bytes at a time
//! and a lone capitalised word is stepped over without being read closely. Putting words
//! together into phrases is left to the scan ([`super::Scanner`]).

use crate::terms::words::char_before;

const JOINERS: &[&str] = &["of", "for", "to"];

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Cap,
    Joiner,
    Other,
}

pub(super) fn class(w: &str) -> Class {
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
pub(super) fn next_upper_or_non_ascii(b: &[u8], mut i: usize, end: usize) -> usize {
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
pub(super) fn lone_plain_word(b: &[u8], i: usize, limit: usize) -> Option<usize> {
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

pub(super) fn utf8_len(first: u8) -> usize {
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

/// A word of a phrase being read.
#[derive(Clone, Copy)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) class: Class,
}

/// Whether byte `i` of `text` starts a word (no letter or digit just before it).
pub(super) fn word_start(text: &str, i: usize) -> bool {
    match i.checked_sub(1).map(|p| text.as_bytes()[p]) {
        None => true,
        Some(c) if c < 0x80 => !c.is_ascii_alphanumeric(),
        Some(_) => !char_before(text, i).is_some_and(char::is_alphanumeric),
    }
}

/// The word at `i` (which starts one): its end without a possessive or trailing `-`/`/`,
/// the end of everything read, and whether it was possessive.
pub(super) fn read_word(text: &str, i: usize, limit: usize) -> (usize, usize, bool) {
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

#[cfg(test)]
mod tests {
    use super::super::tests::phrases;
    use super::*;

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
}
