//! The reference grammar: finds citations in prose the way councils write them and says what
//! each one names, without deciding whether it exists (that is [`super::resolve`]'s job).
//!
//! One ASCII-case-insensitive Aho-Corasick pass finds every citing word (a document's prefix
//! such as `CSO`, its long form, "paragraph", "Part", "Regulation"…); a small hand-written
//! parser then reads the numbers that follow. Bare numbers ("as stated at 2.1.3") are found by
//! a second scan, only count after a word that introduces a citation, and are marked
//! [`Confidence::Inferred`](super::Confidence) so renumbering asks before rewriting them.
//!
//! Whether the words around a number make it a quantity or a citation of another work is
//! [`super::context`]'s to say; which document a name such as "the Council Procedure Rules"
//! means is the [`Lexicon`]'s.
//!
//! This module holds what a citation is (the types callers see), the scan that finds the
//! triggers, and the small readers every kind of citation shares (words, "above"/"below",
//! another work's citation). The rest lives beside it:
//!
//! - `numbers.rs`: the number expressions after a citing word ("4.8 – 4.10", "(b)", "IV"),
//!   Part numbers and appendix names;
//! - `units.rs`: a citation opened by a citing word, kind by kind, and the item of a unit
//!   ("paragraph (c) of Rule 7");
//! - `bare.rs`: a bare number read as a citation from the words before it.

mod bare;
mod numbers;
mod units;

use super::context::{act_before, external_chain, legislation_end, of_another_work, skip_brackets};
use super::Confidence;
use crate::number::ClauseNumber;
use crate::source::Span;
use bare::bare_number;
use units::citation;

/// A number as written in a citation, with its span (renumbering rewrites exactly this).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumRef {
    pub number: ClauseNumber,
    pub span: Span,
}

/// One cited item of a number expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    One(NumRef),
    /// "4.8 – 4.10": both ends inclusive.
    Range(NumRef, NumRef),
    /// "CSO16 [16.1.3]": the bracket names the clause within the cited number.
    Refined {
        outer: NumRef,
        inner: NumRef,
    },
    /// "1.65536" after "1.1 –": written as a number, but one no clause can carry (a level
    /// above [`crate::number::MAX_SEG`]). Kept so the reference is reported, not cut short.
    Invalid(Span),
}

/// Which document a clause citation points into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// "paragraph 4.8", "section 7", "table 6.6", a bare "2.1.3".
    SameDocument,
    /// A document cited by its prefix or long form (index into the constitution's documents).
    Document(usize),
    /// "standing order 10": whichever document answers to that generic name, if any.
    Generic(String),
    /// "Rule 5", "Bylaw 3": a unit word some document's clauses are cited by (lower case).
    /// The citing document if it uses the word or has the clause, else the one document
    /// that uses it (see [`super::resolve`]).
    Unit(String),
}

/// Above or below, as the author wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Above,
    Below,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cited {
    Clauses {
        scope: Scope,
        items: Vec<Item>,
    },
    /// "Part 4", "Part 4.6.1", "Part 5 of the Constitution", "Parts 4 and 5": each number
    /// and its span.
    Part {
        numbers: Vec<(String, Span)>,
    },
    /// "Article 12 (of Part 2)", "Articles 4 and 5", "Articles 9 to 11 of Part 2", "Article
    /// 12.4".
    Article {
        items: Vec<Item>,
        part: Option<String>,
    },
    /// "Appendix D", "Annex 2", "Schedule 1"; `elsewhere` when it names another work's
    /// appendix ("Attachment 1 of the Council's Purchasing Guide").
    Appendix {
        name: String,
        elsewhere: bool,
    },
    /// Outside the constitution: legislation ("Regulation 32", "Section 135 of the Local
    /// Government Act 1972") or another work ("para 3.1.5 of the draft protocol").
    External,
    /// "Part ?", "standing order ?": the number was never written.
    Placeholder,
}

/// A citation found in prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRef {
    pub span: Span,
    pub cited: Cited,
    pub direction: Option<Direction>,
    pub confidence: super::Confidence,
    /// A bare number after a word that often precedes other numbers too ("of 2.5 rods", "up
    /// to 1.4"), with no "above" or "below": if it names no clause it is dropped rather than
    /// reported as broken.
    pub weak: bool,
}

use super::lexicon::Entry;
pub use super::lexicon::{Lexicon, Words};

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Skip spaces (and a non-breaking space) from `i`.
pub(super) fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    loop {
        if i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        } else if text[i.min(text.len())..].starts_with('\u{a0}') {
            i += 2;
        } else {
            return i.min(text.len());
        }
    }
}

/// The word starting at `i` (letters only) and where it ends.
pub(super) fn word_at(text: &str, i: usize) -> (&str, usize) {
    let b = text.as_bytes();
    let mut e = i;
    while e < b.len()
        && (b[e].is_ascii_alphabetic()
            || b[e] == b'\''
            || b[e] == b'.' && e > i && b[e - 1] == b'g')
    {
        e += 1;
    }
    (&text[i..e], e)
}

/// "above" or "below" right after a citation.
fn direction_at(text: &str, i: usize) -> Option<(Direction, usize)> {
    let j = skip_ws(text, i);
    let (w, e) = word_at(text, j);
    match w.to_ascii_lowercase().as_str() {
        "above" => Some((Direction::Above, e)),
        "below" => Some((Direction::Below, e)),
        _ => None,
    }
}

/// Find every citation in `text[run]`.
///
/// Every citation holds a number, a `?` placeholder, a bracketed sub-paragraph or an appendix
/// letter, so the scan jumps from one such trigger to the next and looks back for the words
/// that introduce it ("paragraph", "CSO", "Contract Standing Order"). Prose without digits
/// costs one byte comparison per byte.
pub fn scan(lex: &Lexicon, text: &str, run: Span) -> Vec<RawRef> {
    let b = text.as_bytes();
    let mut out: Vec<RawRef> = Vec::new();
    let mut appendices = lex
        .appendix_words(&text[run.clone()])
        .map(|(s, e)| (run.start + s, run.start + e))
        .peekable();
    let mut i = run.start;
    loop {
        // Jump to the next digit, `?` or `(`; appendix words are found by their own search.
        let next = b[i.min(run.end)..run.end]
            .iter()
            .position(|&c| TRIGGER[c as usize])
            .map(|k| i + k);
        while let Some(&(at, end)) = appendices.peek() {
            if next.is_some_and(|n| n < at) {
                break;
            }
            appendices.next();
            if at < i {
                continue;
            }
            if let Some(r) = citation(lex, text, run.start, at, end, &Entry::Appendix) {
                i = r.span.end;
                out.push(r);
            }
        }
        let Some(at) = next.filter(|&n| n >= i) else {
            if next.is_some() {
                continue;
            }
            break;
        };
        let c = b[at];
        if c.is_ascii_uppercase() && !roman_may_start(text, at) {
            i = at + 1;
            continue;
        }
        // A digit after a digit, a decimal point or a thousands comma continues a number; after
        // "s." it starts one.
        let starts_number = !c.is_ascii_digit()
            || at == 0
            || !(b[at - 1].is_ascii_digit()
                || (b[at - 1] == b'.' || b[at - 1] == b',')
                    && at >= 2
                    && b[at - 2].is_ascii_digit());
        let found = starts_number
            .then(|| {
                lex.phrase_before(text, run.start, at)
                    .or_else(|| lex.phrase_before(text, run.start, before_no(text, run.start, at)?))
            })
            .flatten()
            .and_then(|(from, end, entry)| citation(lex, text, run.start, from, end, entry))
            .filter(|r| r.span.end > at)
            .or_else(|| {
                (starts_number && c.is_ascii_digit())
                    .then(|| bare_number(lex, text, run.clone(), at))
                    .flatten()
            });
        match found {
            Some(r) => {
                i = r.span.end;
                out.push(r);
            }
            None => i = at + 1,
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

/// Where "No. " ends a citing phrase before a number ("Standing Order No. 6"): the position
/// just before "No.", for the phrase to be looked up there.
fn before_no(text: &str, floor: usize, at: usize) -> Option<usize> {
    let before = text[floor..at].trim_end_matches(' ');
    let cut = ["No.", "No", "no."]
        .iter()
        .find_map(|w| before.strip_suffix(w))?;
    (cut.ends_with(' ')).then(|| floor + cut.trim_end_matches(' ').len())
}

/// Bytes that can start the number of a citation: digits, `?` ("Part ?") and `(` ("(b)").
static TRIGGER: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = true;
        c += 1;
    }
    t[b'?' as usize] = true;
    t[b'(' as usize] = true;
    // "Article IV": a roman numeral after a space (see `roman_may_start`).
    t[b'I' as usize] = true;
    t[b'V' as usize] = true;
    t[b'X' as usize] = true;
    t
};

/// Whether a capital I, V or X at `at` may open a roman numeral a citing word stands before:
/// after a space, and a whole word ("In", "Vice" and "XL-sized" are passed over cheaply).
fn roman_may_start(text: &str, at: usize) -> bool {
    at > 0
        && text.as_bytes()[at - 1] == b' '
        && crate::number::parse_upper_roman(&text[at..]).is_some()
}

/// A citation of legislation or another work, spanning `span`.
fn external(span: Span) -> Option<RawRef> {
    Some(RawRef {
        span,
        cited: Cited::External,
        direction: None,
        confidence: Confidence::Explicit,
        weak: false,
    })
}

/// Whether the words after a citation's number (at `stop`) or before its citing word (at
/// `at`) make it a citation of another work: where that citation ends ("… of Part 1 of
/// Schedule 12A to the Local Government Act 1972" is one citation, not three).
fn another_work(lex: &Lexicon, text: &str, floor: usize, at: usize, stop: usize) -> Option<usize> {
    let after = skip_brackets(text, stop);
    legislation_end(text, after)
        .or_else(|| abbreviation_after(lex, text, after))
        .or_else(|| external_chain(text, after, lex.abbreviations(), &|w| lex.is_prefix(w)))
        .or_else(|| act_before(text, floor, at).then_some(after))
}

/// "Article 6 ECHR", "section 101 LGA 1972": a configured abbreviation, or a word of three or
/// more capitals that is no document's prefix, right after the number. Where it ends.
fn abbreviation_after(lex: &Lexicon, text: &str, i: usize) -> Option<usize> {
    let j = skip_ws(text, i);
    if j == i {
        return None;
    }
    let rest = &text[j..];
    if let Some(a) = lex.abbreviations().iter().find(|a| {
        rest.len() >= a.len()
            && rest.is_char_boundary(a.len())
            && rest[..a.len()].eq_ignore_ascii_case(a)
            && !rest[a.len()..].starts_with(|c: char| c.is_alphanumeric())
            && a.starts_with(|c: char| c.is_ascii_uppercase())
            && rest.starts_with(|c: char| c.is_ascii_uppercase())
    }) {
        return Some(j + a.len());
    }
    let n = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let word = &rest[..n];
    let ends = !rest[n..].starts_with(|c: char| c.is_ascii_alphanumeric());
    (n >= 3 && ends && !lex.is_prefix(word)).then_some(j + n)
}

/// [`another_work`], or "of the previous draft", "of its report": some work not named.
fn another_or_unnamed_work(
    lex: &Lexicon,
    text: &str,
    floor: usize,
    at: usize,
    stop: usize,
) -> Option<usize> {
    another_work(lex, text, floor, at, stop).or_else(|| of_another_work(text, stop).then_some(stop))
}

#[cfg(test)]
mod tests;
