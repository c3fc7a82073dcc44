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
//! This module is the scan loop, which jumps from one capital to the next; the rest is
//! beside it:
//!
//! - `word.rs`: reading one word at a time from bytes (most of the scan's time);
//! - `quiet.rs`: which phrases read are reported, and which stay quiet;
//! - `heading.rs`: whether a line is a heading or in title case;
//! - `keys.rs`: the comparison key of a phrase, shared with the definitions it is checked
//!   against.

mod heading;
mod keys;
mod quiet;
mod word;

pub use heading::headingish;
pub use keys::{key, key_into};
pub use quiet::council_words;

use crate::source::Span;
use heading::Lines;
use word::{class, lone_plain_word, next_upper_or_non_ascii, read_word, utf8_len, word_start};
use word::{Class, Word};

/// A phrase found (its comparison key is [`key`] of its text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    pub span: Span,
}

/// Scans prose for capitalised phrases.
pub struct Scanner {
    council: Vec<String>,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn phrases(t: &str) -> Vec<String> {
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
    }
}
