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

use super::context::{
    act_before, external_chain, legislation_end, names_another_work, of_another_work,
    quantity_follows, skip_brackets,
};
use super::Confidence;
use crate::number::{parse_cited, ClauseNumber};
use crate::source::Span;

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
fn list_connector(text: &str, i: usize) -> Option<usize> {
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

/// A relative sub-paragraph "(b)", as in "sub-paragraph (b)": a number of one bracketed level.
/// A capital roman numeral at `i` ("Article IV", "ARTICLE XII"), read as its value; renumbering
/// writes it back in roman because the span holds roman letters.
fn roman_at(text: &str, i: usize) -> Option<NumRef> {
    let (n, len) = crate::number::parse_upper_roman(&text[i..])?;
    Some(NumRef {
        number: ClauseNumber(vec![crate::number::Seg::num(n)]),
        span: i..i + len,
    })
}

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
fn number_expr(text: &str, start: usize) -> Option<(Vec<Item>, usize)> {
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

/// "paragraph (c) of Rule 7": a lettered or roman item (`items`, ending at `stop`) followed by
/// "of" and a citation of one unit, read as that unit's item. The unit's number and the item
/// keep their own spans, so renumbering rewrites each in its own form.
fn item_of_unit(
    lex: &Lexicon,
    text: &str,
    floor: usize,
    at: usize,
    items: &[Item],
    stop: usize,
) -> Option<RawRef> {
    let [Item::One(item)] = items else {
        return None;
    };
    if !matches!(item.number.0.first(), Some(crate::number::Seg::Sub(_))) {
        return None;
    }
    let k = skip_ws(text, stop);
    let k = text[k..].strip_prefix("of ").map(|_| k + 3)?;
    // The unit's number: the first digit or roman numeral within a few words.
    let window = &text[k..text.len().min(k + 40)];
    let num_at_pos = window
        .char_indices()
        .find(|&(o, c)| {
            c.is_ascii_digit() || (c.is_ascii_uppercase() && roman_may_start(text, k + o))
        })
        .map(|(o, _)| k + o)?;
    let (from, end, entry) = lex.phrase_before(text, floor, num_at_pos)?;
    if from != k {
        return None;
    }
    let unit = citation(lex, text, floor, from, end, entry)?;
    let refine = |outer: &NumRef| Item::Refined {
        outer: outer.clone(),
        inner: NumRef {
            number: ClauseNumber([outer.number.0.clone(), item.number.0.clone()].concat()),
            span: item.span.clone(),
        },
    };
    let cited = match unit.cited {
        Cited::Clauses { scope, items } => match items.as_slice() {
            [Item::One(outer)] => Cited::Clauses {
                scope,
                items: vec![refine(outer)],
            },
            _ => return None,
        },
        Cited::Article { items, part } => match items.as_slice() {
            [Item::One(outer)] => Cited::Article {
                items: vec![refine(outer)],
                part,
            },
            _ => return None,
        },
        _ => return None,
    };
    Some(RawRef {
        span: at..unit.span.end,
        cited,
        ..unit
    })
}

/// "Officer", "Officer's", or "and Monitoring Officers" at `k`: the number before was part of
/// a job title ("the Section 151 Officer").
fn names_an_officer(text: &str, k: usize) -> bool {
    let (w, mut e) = word_at(text, k);
    if w.starts_with("Officer") {
        return true;
    }
    if w != "and" {
        return false;
    }
    for _ in 0..3 {
        let (next, e2) = word_at(text, skip_ws(text, e));
        if next.starts_with("Officer") {
            return true;
        }
        if !next.starts_with(char::is_uppercase) {
            return false;
        }
        e = e2;
    }
    false
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

/// Read a citation that starts with a matched word at `at..end`; `floor` is where the run of
/// prose starts (nothing before it is looked at).
fn citation(
    lex: &Lexicon,
    text: &str,
    floor: usize,
    at: usize,
    end: usize,
    entry: &Entry,
) -> Option<RawRef> {
    let b = text.as_bytes();
    if let Entry::Prefix { text: prefix, .. } = entry {
        if &text[at..end] != prefix {
            return None; // prefixes are case-sensitive: "cso" in prose is not "CSO"
        }
    }
    // Prefixes may touch their number ("CSO16"), and so may abbreviations ending in a full
    // stop ("s.100A"); other words must be followed by a space.
    let glued = (matches!(entry, Entry::Prefix { text, .. } if text.ends_with(|c: char| c.is_ascii_alphabetic()))
        || text[..end].ends_with('.'))
        && b.get(end).is_some_and(u8::is_ascii_digit);
    if !glued && b.get(end).is_some_and(|&c| is_word(c)) {
        return None;
    }
    let start = if glued { end } else { skip_ws(text, end) };
    if start == end && !glued {
        return None;
    }
    // "Contract Standing Order No. 6", "Standing Order No 12".
    let start = match ["No. ", "No ", "no. "]
        .iter()
        .find(|w| text[start..].starts_with(**w))
    {
        Some(w) => skip_ws(text, start + w.len()),
        None => start,
    };
    if text[start..].starts_with('?') {
        return Some(RawRef {
            span: at..start + 1,
            cited: Cited::Placeholder,
            direction: None,
            confidence: Confidence::Explicit,
            weak: false,
        });
    }
    let finish = |cited: Cited, stop: usize| {
        let dir = direction_at(text, stop);
        let stop = dir.map_or(stop, |(_, e)| e);
        Some(RawRef {
            span: at..stop,
            cited,
            direction: dir.map(|(d, _)| d),
            confidence: Confidence::Explicit,
            weak: false,
        })
    };
    match entry {
        Entry::Prefix { doc, .. } | Entry::Long { doc } => {
            let (items, stop) = number_expr(text, start)?;
            if quantity_follows(text, stop) {
                return None;
            }
            finish(
                Cited::Clauses {
                    scope: Scope::Document(*doc),
                    items,
                },
                stop,
            )
        }
        Entry::SameDocument | Entry::Section | Entry::Generic(_) => {
            let (items, stop) = number_expr(text, start)?;
            if quantity_follows(text, stop) {
                return None;
            }
            if matches!(entry, Entry::Section) {
                // "Section 151 Officer" is a job title; "(Section 151) Officer" too, and so is
                // "Director of Corporate Services - Section 151" (a title after a dash).
                let k = skip_ws(text, stop + usize::from(text[stop..].starts_with(')')));
                let after_dash = text[..at].trim_end().ends_with(['-', '–']);
                if names_an_officer(text, k) || after_dash {
                    return None;
                }
            }
            // "paragraph (c) of Rule 7", "sub-paragraph (iv) of Standing Order 12(3)": the
            // item of the unit cited after "of".
            if let Some(r) = item_of_unit(lex, text, floor, at, &items, stop) {
                return Some(r);
            }
            // "Rule 12.3 of the Council Procedure Rules", "paragraph 2.1 of the Members' Code
            // of Conduct": a document of this constitution named after the number.
            if let Some((doc, name_end)) = lex.document_after(text, stop) {
                return finish(
                    Cited::Clauses {
                        scope: Scope::Document(doc),
                        items,
                    },
                    name_end,
                );
            }
            if let Some(end) = another_or_unnamed_work(lex, text, floor, at, stop) {
                return external(at..end);
            }
            // "Bylaw 3, Section 5.3": a document named just before the citing word.
            let scope = match lex.document_before(text, floor, at) {
                Some(doc) => Scope::Document(doc),
                None => match (lex.unit(&text[at..end]), entry) {
                    (Some(w), _) => Scope::Unit(w),
                    (None, Entry::Generic(w)) => Scope::Generic(w.clone()),
                    (None, _) => Scope::SameDocument,
                },
            };
            finish(Cited::Clauses { scope, items }, stop)
        }
        Entry::Legislation => {
            let (_, stop) = number_expr(text, start).or_else(|| {
                digits(text, start)
                    .filter(|&e| e - start <= 3)
                    .map(|e| (Vec::new(), e))
            })?;
            // "the s.151 Officer" is a job title.
            if quantity_follows(text, stop) || names_an_officer(text, skip_ws(text, stop)) {
                return None;
            }
            external(at..stop)
        }
        Entry::Part => {
            // "Part 4" is a citation; "part 4" in running prose is usually not.
            if !text[at..].starts_with('P') {
                return None;
            }
            let mut stop = part_number(text, start)?;
            if quantity_follows(text, stop) {
                return None;
            }
            let mut numbers = vec![(text[start..stop].to_string(), start..stop)];
            // "Parts 4 and 5", "Parts 3, 4 and 5".
            while let Some(k) = list_connector(text, stop) {
                let Some(e) = part_number(text, k) else { break };
                numbers.push((text[k..e].to_string(), k..e));
                stop = e;
            }
            if lex.document_named_at(text, skip_ws(text, stop)).is_none() {
                if let Some(end) = another_work(lex, text, floor, at, stop) {
                    return external(at..end);
                }
            }
            finish(Cited::Part { numbers }, stop)
        }
        Entry::Article => {
            let (items, mut stop) = number_expr(text, start)?;
            if quantity_follows(text, stop) {
                return None;
            }
            let mut part = None;
            let j = skip_ws(text, stop);
            if text[j..].starts_with("of Part ") {
                let p0 = j + "of Part ".len();
                if let Some(pe) = part_number(text, p0) {
                    part = Some(text[p0..pe].to_string());
                    stop = pe;
                }
            }
            if part.is_none() {
                if let Some((doc, name_end)) = lex.document_after(text, stop) {
                    return finish(
                        Cited::Clauses {
                            scope: Scope::Document(doc),
                            items,
                        },
                        name_end,
                    );
                }
                if let Some(end) = another_or_unnamed_work(lex, text, floor, at, stop) {
                    return external(at..end);
                }
            }
            finish(Cited::Article { items, part }, stop)
        }
        Entry::Appendix => {
            let stop = appendix_id(text, start)?;
            let word = text[at..end].to_string();
            let name = format!("{} {}", capitalise(&word), &text[start..stop]);
            let elsewhere = lex.document_after(text, stop).is_none()
                && (names_another_work(text, stop)
                    || another_work(lex, text, floor, at, stop).is_some());
            Some(RawRef {
                span: at..stop,
                cited: Cited::Appendix { name, elsewhere },
                direction: None,
                confidence: Confidence::Explicit,
                weak: false,
            })
        }
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn digits(text: &str, i: usize) -> Option<usize> {
    let n = text[i..].bytes().take_while(u8::is_ascii_digit).count();
    (n > 0).then_some(i + n)
}

/// A Part number: "4", "4.6.1" (not followed by word characters).
fn part_number(text: &str, i: usize) -> Option<usize> {
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
fn appendix_id(text: &str, i: usize) -> Option<usize> {
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

/// A bare dotted number after a word that introduces a citation: "as stated at 2.1.3",
/// "in respect of 4.2.2 - 4.2.5", "set out in 6.3 above".
fn bare_number(lex: &Lexicon, text: &str, run: Span, i: usize) -> Option<RawRef> {
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

#[cfg(test)]
#[path = "grammar_tests.rs"]
mod tests;
