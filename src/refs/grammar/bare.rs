//! Bare numbers read as citations: "as stated at 2.1.3", "set out in 6.3 above", with no
//! citing word before them.
//!
//! Whether a bare number cites anything is read from the word before it and the words after
//! it; such a citation is [`Confidence::Inferred`], and one after a word that also comes
//! before sums and measures is marked weak. Citations opened by a citing word are
//! [`super::units`]'s.

use super::super::context::quantity_follows;
use super::super::Confidence;
use super::numbers::number_expr;
use super::{
    another_or_unnamed_work, direction_at, is_word, skip_ws, word_at, Cited, Item, Lexicon, RawRef,
    Scope,
};
use crate::source::Span;

/// Words after which a bare dotted number is a citation ("as stated at 2.1.3").
const BARE_PRECEDERS: &[&str] = &[
    "at",
    "in",
    "under",
    "see",
    "per",
    "of",
    "to",
    "and",
    "or",
    "with",
    "by",
    "from",
    "within",
    "following",
    "also",
];

/// The [`BARE_PRECEDERS`] that also come before sums, counts and measures ("of 2.5 rods", "up
/// to 1.4", "by 2.5", "within 1.5"): a bare number after one of them counts only if it names a
/// clause or says "above"/"below".
const WEAK_PRECEDERS: &[&str] = &["of", "to", "and", "or", "with", "by", "from", "within"];

/// "the provisions of", "the terms of", "in breach of": words after which "of 2.2" cites.
fn names_provisions(before: &str) -> bool {
    let w = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    [
        "provisions",
        "provision",
        "terms",
        "requirements",
        "requirement",
        "purposes",
        "purpose",
        "procedure",
        "procedures",
        "breach",
        "contravention",
        "accordance",
        "respect",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(w))
}

/// Words that follow a citation as readily as a measure ("of 7.2.4 and", "under 6.3 shall").
const FUNCTION_WORDS: &[&str] = &[
    "and", "or", "of", "in", "to", "for", "shall", "must", "may", "will", "should", "is", "are",
    "was", "were", "be", "has", "have", "applies", "apply", "as", "which", "where", "that", "then",
    "but", "unless", "if", "on", "at", "by", "with", "the", "a", "an",
];

/// Whether a lower-case word that could be what the number counts follows at `stop` ("2.5
/// rods", "1.4 hectares of land"); a capital ("7.2.4 Officers should …"), punctuation or a
/// function word leave the number reading as a citation.
fn counted_noun_follows(text: &str, stop: usize) -> bool {
    let (w, _) = word_at(text, skip_ws(text, stop));
    w.starts_with(|c: char| c.is_ascii_lowercase()) && !FUNCTION_WORDS.contains(&w)
}

/// A bare dotted number after a word that introduces a citation: "as stated at 2.1.3",
/// "in respect of 4.2.2 - 4.2.5", "set out in 6.3 above".
pub(super) fn bare_number(lex: &Lexicon, text: &str, run: Span, i: usize) -> Option<RawRef> {
    let b = text.as_bytes();
    if i > 0 && is_word(b[i - 1]) {
        return None; // glued to a word: "PCR2015"
    }
    let before = text[run.start..i].trim_end_matches([' ', '(']);
    if before.ends_with(['£', '$', '€']) {
        return None;
    }
    let prev_word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if !BARE_PRECEDERS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(prev_word))
    {
        return None;
    }
    // "items 7.1.2 to 7.1.5", "items 9.1 and 9.2": the second number of an expression whose
    // first was not a citation is not one either.
    let before_word = before[..before.len() - prev_word.len()].trim_end();
    if matches!(prev_word, "to" | "and" | "or")
        && before_word.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let (items, stop) = number_expr(&text[..run.end], i)?;
    let first_depth = match &items[0] {
        Item::One(n) | Item::Range(n, _) => n.number.depth(),
        Item::Refined { outer, .. } => outer.number.depth(),
        Item::Invalid(_) => 0,
    };
    if first_depth < 2 || quantity_follows(text, stop) {
        return None;
    }
    // After "of", "to", "by", "within"… a two-level number is far more often a decimal ("a pH
    // of 6.5", "a multiplier of 1.2") than a clause; only "above"/"below" or a third level
    // ("the provisions of 7.2.4") makes it a citation.
    let weak_word = WEAK_PRECEDERS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(prev_word))
        && !(prev_word == "of" && names_provisions(before_word));
    if weak_word && first_depth == 2 && direction_at(text, stop).is_none() {
        return None;
    }
    // "as set out in 4.2 of the Council Procedure Rules" names its document, so it is as
    // explicit as "CPR 4.2"; "in 2.1 of the Act" is some other work's.
    if let Some((doc, name_end)) = lex.document_after(text, stop) {
        return Some(RawRef {
            span: i..name_end,
            cited: Cited::Clauses {
                scope: Scope::Document(doc),
                items,
            },
            direction: None,
            confidence: Confidence::Explicit,
            weak: false,
        });
    }
    if another_or_unnamed_work(lex, text, run.start, i, stop).is_some() {
        return None;
    }
    let dir = direction_at(text, stop);
    let end = dir.map_or(stop, |(_, e)| e);
    Some(RawRef {
        span: i..end,
        cited: Cited::Clauses {
            scope: Scope::SameDocument,
            items,
        },
        direction: dir.map(|(d, _)| d),
        confidence: Confidence::Inferred,
        weak: dir.is_none()
            && WEAK_PRECEDERS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(prev_word))
            && counted_noun_follows(text, stop),
    })
}
