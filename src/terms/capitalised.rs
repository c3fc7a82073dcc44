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

use super::words::opens_sentence;
use crate::source::Span;

/// A phrase found, with its normalised [`key`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub span: Span,
    pub key: String,
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

const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    let mut k: String = phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(s) = k.strip_suffix(suffix) {
            k = s.to_string();
            break;
        }
    }
    let last_start = k.rfind(' ').map_or(0, |i| i + 1);
    let last = &k[last_start..];
    let single = if let Some(s) = last.strip_suffix("ies").filter(|s| s.len() > 2) {
        format!("{s}y")
    } else if let Some(s) = last.strip_suffix("men").filter(|s| !s.is_empty()) {
        format!("{s}man")
    } else if last.ends_with('s') && !last.ends_with("ss") && last.len() > 3 {
        last[..last.len() - 1].to_string()
    } else {
        last.to_string()
    };
    k.truncate(last_start);
    k.push_str(&single);
    k
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
    if JOINERS.contains(&w) {
        return Class::Joiner;
    }
    let mut chars = w.chars();
    let first = chars.next();
    let cap = first.is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && !w.chars().any(|c| c.is_ascii_digit());
    if cap {
        Class::Cap
    } else {
        Class::Other
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '/' | '\'' | '\u{2019}')
}

/// Whether the line at `line_start` is a heading, a bold line or in title case.
fn headingish(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('#') || (t.starts_with("**") && t.trim_end_matches(':').ends_with("**")) {
        return true;
    }
    let mut words = 0;
    let mut caps = 0;
    for w in t.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() || w.chars().all(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        if [
            "of", "for", "to", "and", "the", "a", "in", "on", "with", "&",
        ]
        .contains(&w)
        {
            continue;
        }
        words += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    // A sentence (ending with a full stop) is a heading only when nearly every word is
    // capitalised; a list label such as "Compliance with Statutes: Health and Safety" when
    // most are.
    let sentence = t.trim_end_matches(['|', ' ']).ends_with('.');
    words >= 2 && caps * 10 >= words * if sentence { 9 } else { 6 }
}

/// Scans prose for capitalised phrases.
pub struct Scanner {
    council: Vec<String>,
}

struct Word {
    start: usize,
    end: usize,
    class: Class,
    /// Only a single space separates it from the word before.
    joined: bool,
    quoted: bool,
    possessive: bool,
}

impl Scanner {
    pub fn new(council: &str) -> Scanner {
        Scanner {
            council: council_words(council),
        }
    }

    /// Every phrase in `text[run]`.
    pub fn scan(&self, text: &str, run: Span, out: &mut Vec<Phrase>) {
        let mut words: Vec<Word> = Vec::new();
        let hay = &text[run.clone()];
        let mut line_ok: Option<(usize, bool)> = None;
        let mut i = 0;
        let mut gap_start = 0;
        while i < hay.len() {
            let c = hay[i..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let mut end = i;
            for (j, ch) in hay[i..].char_indices() {
                if !is_word_char(ch) {
                    break;
                }
                end = i + j + ch.len_utf8();
            }
            // Trailing apostrophes and hyphens are not part of the word.
            let mut w = &hay[start..end];
            let possessive =
                w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with(['\'', '\u{2019}']);
            w = w
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s")
                .trim_end_matches(['\'', '\u{2019}', '-', '/']);
            let gap = &hay[gap_start..start];
            let abs = run.start + start;
            let line_start = text[..abs].rfind('\n').map_or(0, |p| p + 1);
            let ok = match line_ok {
                Some((ls, ok)) if ls == line_start => ok,
                _ => {
                    let le = text[abs..].find('\n').map_or(text.len(), |p| abs + p);
                    let ok = !headingish(&text[line_start..le]);
                    line_ok = Some((line_start, ok));
                    ok
                }
            };
            words.push(Word {
                start: abs,
                end: abs + w.len(),
                class: if ok { class(w) } else { Class::Other },
                joined: gap == " ",
                quoted: gap.ends_with(['"', '\u{201c}', '\u{2018}', '\'']),
                possessive,
            });
            i = end.max(start + 1);
            gap_start = end;
        }
        let mut cur: Vec<usize> = Vec::new();
        for wi in 0..words.len() {
            let w = &words[wi];
            let continues = !cur.is_empty() && w.joined && !words[wi - 1].possessive;
            match w.class {
                Class::Cap if continues => cur.push(wi),
                Class::Cap => {
                    self.flush(text, &words, &mut cur, out);
                    cur.push(wi);
                }
                Class::Joiner if continues => cur.push(wi),
                _ => self.flush(text, &words, &mut cur, out),
            }
        }
        self.flush(text, &words, &mut cur, out);
    }

    fn flush(&self, text: &str, words: &[Word], cur: &mut Vec<usize>, out: &mut Vec<Phrase>) {
        let mut ws: &[usize] = cur;
        while ws.last().is_some_and(|&i| words[i].class == Class::Joiner) {
            ws = &ws[..ws.len() - 1];
        }
        if ws
            .first()
            .is_some_and(|&i| opens_sentence(text, words[i].start))
        {
            ws = &ws[1..];
            while ws.first().is_some_and(|&i| words[i].class == Class::Joiner) {
                ws = &ws[1..];
            }
        }
        let caps = ws.iter().filter(|&&i| words[i].class == Class::Cap).count();
        if caps >= 2 && !words[ws[0]].quoted {
            let span = words[ws[0]].start..words[ws[ws.len() - 1]].end;
            let phrase = &text[span.clone()];
            if !self.quiet(text, phrase, span.end) {
                out.push(Phrase {
                    key: key(phrase),
                    span,
                });
            }
        }
        cur.clear();
    }

    fn quiet(&self, text: &str, phrase: &str, end: usize) -> bool {
        let lower = phrase.to_lowercase();
        let last = lower.rsplit(' ').next().unwrap_or("");
        if LEGISLATION.contains(&last) {
            return true;
        }
        if lower
            .split(' ')
            .any(|w| CALENDAR.contains(&w) || self.council.iter().any(|c| c == w))
        {
            return true;
        }
        // What follows: a number ("Standing Order 10", "Act 1972"), or a parenthesis and
        // then legislation ("Public Services (Social Value) Act 2012").
        let mut rest = text[end..].trim_start_matches(['\'', '\u{2019}']);
        if let Some(r) = rest.strip_prefix(')') {
            rest = r;
        }
        let rest = rest.trim_start_matches(' ');
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let after_paren = match rest.strip_prefix('(') {
            Some(r) => r.find(')').map_or("", |i| r[i + 1..].trim_start()),
            None => rest,
        };
        let next = after_paren
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        LEGISLATION.contains(&next.as_str())
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
    fn keys_normalise_plural_and_possessive() {
        assert_eq!(key("Responsible Officers'"), "responsible officer");
        assert_eq!(key("Chairmen"), "chairman");
        assert_eq!(key("Member  bodies"), "member body");
        assert_eq!(key("Head of Service's"), "head of service");
        assert_eq!(key("Standard Clauses"), "standard clause");
    }
}
