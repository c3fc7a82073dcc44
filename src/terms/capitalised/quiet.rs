//! Which phrases read by the scan are reported: the quiet rules of the module's
//! introduction ([`super`]) that need the phrase whole (its first word, quotes, legislation,
//! dates, the council's name, a number after it) and the heading test of its line.
//!
//! They run only for phrases of two or more capitalised words, which are rare next to the
//! words the scan steps over. Whether a reported phrase is covered by a definition is left to
//! [`crate::passes::terms`].

use super::heading::Lines;
use super::word::{Class, Word};
use super::{Phrase, Scanner};
use crate::dates::{MONTHS, WEEKDAYS};
use crate::terms::words::{char_before, opens_sentence};

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

/// The council's own words ("thanet" in "Thanet District Council").
pub fn council_words(council: &str) -> Vec<String> {
    council
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| !GENERIC.contains(&w.as_str()))
        .collect()
}

impl Scanner {
    pub(super) fn flush(
        &self,
        text: &str,
        words: &[Word],
        lines: &mut Lines,
        out: &mut Vec<Phrase>,
    ) {
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
        let quoted = char_before(text, ws[0].start)
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
    use super::super::tests::phrases;

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
}
