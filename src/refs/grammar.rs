//! The reference grammar: finds citations in prose the way councils write them and says what
//! each one names, without deciding whether it exists (that is [`super::resolve`]'s job).
//!
//! One ASCII-case-insensitive Aho-Corasick pass finds every citing word (a document's prefix
//! such as `CSO`, its long form, "paragraph", "Part", "Regulation"…); a small hand-written
//! parser then reads the numbers that follow. Bare numbers ("as stated at 2.1.3") are found by
//! a second scan and only count after a word that introduces a citation.

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
    /// "Part 4", "Part 4.6.1", "Part 5 of the Constitution".
    Part {
        number: String,
        span: Span,
    },
    /// "Article 12 (of Part 2)".
    Article {
        number: NumRef,
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
}

use super::lexicon::Entry;
pub use super::lexicon::{Lexicon, Words};

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Skip spaces (and a non-breaking space) from `i`.
fn skip_ws(text: &str, mut i: usize) -> usize {
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
fn word_at(text: &str, i: usize) -> (&str, usize) {
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
fn sub_at(text: &str, i: usize) -> Option<NumRef> {
    let (sub, len) = crate::number::parse_sub(&text[i..])?;
    let number = ClauseNumber(vec![crate::number::Seg::sub(sub)?]);
    Some(NumRef {
        number,
        span: i..i + len,
    })
}

/// Read a number expression: "4.8", "4.8 – 4.10", "5.12 and 5.13", "16 [16.1.3]", "(b)".
fn number_expr(text: &str, start: usize) -> Option<(Vec<Item>, usize)> {
    let first = num_at(text, start).or_else(|| sub_at(text, start))?;
    let depth = first.number.depth();
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
        if let (Item::One(from), Some(k)) = (&last, range_connector(text, end)) {
            if let Some(to) = num_at(text, k)
                .or_else(|| sub_at(text, k))
                .filter(|n| n.number.depth() == depth)
            {
                end = to.span.end;
                last = Item::Range(from.clone(), to);
                continue;
            }
        }
        if let Some(k) = list_connector(text, end) {
            if let Some(next) = num_at(text, k)
                .or_else(|| sub_at(text, k))
                .filter(|n| n.number.depth() == depth)
            {
                items.push(std::mem::replace(&mut last, Item::One(next.clone())));
                end = next.span.end;
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

/// Words that name legislation or another body's rules when they end a capitalised title:
/// "of the Local Government Act 1972", "Public Contract Regulations 2015", "of the Regs.".
fn legislation_follows(text: &str, i: usize) -> bool {
    let mut j = skip_ws(text, i);
    let mut capitalised = 0;
    for k in 0..10 {
        let (w, e) = word_at(text, j);
        if w.is_empty() {
            // "(whether …" or punctuation: a title can include brackets like "(Social Value)".
            if text[j..].starts_with('(') && capitalised > 0 {
                j = skip_ws(text, j + 1);
                continue;
            }
            return false;
        }
        let lw = w.trim_end_matches('.').to_ascii_lowercase();
        if [
            "act",
            "regulations",
            "regs",
            "regulation",
            "order",
            "directive",
            "code",
        ]
        .contains(&lw.as_str())
            && (capitalised > 0 || k > 0)
        {
            return w.starts_with(char::is_uppercase);
        }
        let joins = ["of", "the", "and", "in", "for", "on"].contains(&lw.as_str());
        if !(joins || w.starts_with(char::is_uppercase)) {
            return false;
        }
        if w.starts_with(char::is_uppercase) {
            capitalised += 1;
        }
        j = skip_ws(text, e);
        if text[j..].starts_with(['(', ')']) {
            j = skip_ws(text, j + 1);
        }
    }
    false
}

/// "of the Council's Purchasing Guide", "to the Code": another work's appendix.
fn names_another_work(text: &str, i: usize) -> bool {
    let j = skip_ws(text, i);
    let (w, e) = word_at(text, j);
    if !matches!(w, "of" | "to" | "in") {
        return false;
    }
    let (next, _) = word_at(text, skip_ws(text, e));
    !matches!(next, "this" | "these")
}

/// "paragraph 4.2 of the previous draft": a clause of some other document. "of this
/// Protocol" stays within the document.
fn of_another_work(text: &str, i: usize) -> bool {
    let j = skip_ws(text, i);
    let (w, e) = word_at(text, j);
    if w != "of" {
        return false;
    }
    let (article, _) = word_at(text, skip_ws(text, e));
    matches!(article, "the" | "a" | "an" | "that" | "its")
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

/// Units and words after which a dotted number is a quantity, not a clause.
const UNITS: &[&str] = &[
    "cm", "mm", "m", "km", "kg", "pm", "am", "per", "percent", "million", "billion", "bn", "hours",
    "days",
];

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
            if let Some(r) = citation(text, at, end, &super::lexicon::Entry::Appendix) {
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
        let starts_number = !c.is_ascii_digit()
            || at == 0
            || !(b[at - 1].is_ascii_digit() || b[at - 1] == b'.' || b[at - 1] == b',');
        let found = starts_number
            .then(|| lex.phrase_before(text, run.start, at))
            .flatten()
            .and_then(|(from, end, entry)| citation(text, from, end, entry))
            .filter(|r| r.span.end > at)
            .or_else(|| {
                (starts_number && c.is_ascii_digit())
                    .then(|| bare_number(text, run.clone(), at))
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
    t
};

/// Read a citation that starts with a matched word.
fn citation(text: &str, at: usize, end: usize, entry: &Entry) -> Option<RawRef> {
    let b = text.as_bytes();
    if let Entry::Prefix { text: prefix, .. } = entry {
        if &text[at..end] != prefix {
            return None; // prefixes are case-sensitive: "cso" in prose is not "CSO"
        }
    }
    // Prefixes may touch their number ("CSO16"); words must be followed by a space.
    let glued = matches!(entry, Entry::Prefix { text, .. } if text.ends_with(|c: char| c.is_ascii_alphabetic()))
        && b.get(end).is_some_and(u8::is_ascii_digit);
    if !glued && b.get(end).is_some_and(|&c| is_word(c)) {
        return None;
    }
    let start = if glued { end } else { skip_ws(text, end) };
    if start == end && !glued {
        return None;
    }
    if text[start..].starts_with('?') {
        return Some(RawRef {
            span: at..start + 1,
            cited: Cited::Placeholder,
            direction: None,
        });
    }
    let finish = |cited: Cited, stop: usize| {
        let dir = direction_at(text, stop);
        let stop = dir.map_or(stop, |(_, e)| e);
        Some(RawRef {
            span: at..stop,
            cited,
            direction: dir.map(|(d, _)| d),
        })
    };
    match entry {
        Entry::Prefix { doc, .. } | Entry::Long { doc } => {
            let (items, stop) = number_expr(text, start)?;
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
            if matches!(entry, Entry::Section) {
                // "Section 151 Officer" is a job title; "(Section 151) Officer" too, and so is
                // "Director of Corporate Services - Section 151" (a title after a dash).
                let k = skip_ws(text, stop + usize::from(text[stop..].starts_with(')')));
                let after_dash = text[..at].trim_end().ends_with(['-', '–']);
                if word_at(text, k).0.starts_with("Officer") || after_dash {
                    return None;
                }
            }
            if legislation_follows(text, stop) || of_another_work(text, stop) {
                return Some(RawRef {
                    span: at..stop,
                    cited: Cited::External,
                    direction: None,
                });
            }
            let scope = match entry {
                Entry::Generic(w) => Scope::Generic(w.clone()),
                _ => Scope::SameDocument,
            };
            finish(Cited::Clauses { scope, items }, stop)
        }
        Entry::Legislation => {
            let (_, stop) = number_expr(text, start).or_else(|| {
                digits(text, start)
                    .filter(|&e| e - start <= 3)
                    .map(|e| (Vec::new(), e))
            })?;
            Some(RawRef {
                span: at..stop,
                cited: Cited::External,
                direction: None,
            })
        }
        Entry::Part => {
            // "Part 4" is a citation; "part 4" in running prose is usually not.
            if !text[at..].starts_with('P') {
                return None;
            }
            let stop = part_number(text, start)?;
            if legislation_follows(text, stop) {
                return Some(RawRef {
                    span: at..stop,
                    cited: Cited::External,
                    direction: None,
                });
            }
            finish(
                Cited::Part {
                    number: text[start..stop].to_string(),
                    span: start..stop,
                },
                stop,
            )
        }
        Entry::Article => {
            let number = num_at(text, start).filter(|n| n.number.depth() == 1)?;
            let mut stop = number.span.end;
            let mut part = None;
            let j = skip_ws(text, stop);
            if let Some(rest) = text[j..].strip_prefix("of Part ") {
                let p0 = j + "of Part ".len();
                if let Some(pe) = part_number(text, p0) {
                    part = Some(text[p0..pe].to_string());
                    stop = pe;
                }
                let _ = rest;
            }
            if part.is_none() && legislation_follows(text, stop) {
                return Some(RawRef {
                    span: at..stop,
                    cited: Cited::External,
                    direction: None,
                });
            }
            finish(Cited::Article { number, part }, stop)
        }
        Entry::Appendix => {
            let stop = appendix_id(text, start)?;
            let word = text[at..end].to_string();
            let name = format!("{} {}", capitalise(&word), &text[start..stop]);
            let elsewhere = names_another_work(text, stop) || legislation_follows(text, stop);
            Some(RawRef {
                span: at..stop,
                cited: Cited::Appendix { name, elsewhere },
                direction: None,
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
    let is_letter = n == 1;
    let is_roman = crate::number::roman_value(&id.to_ascii_lowercase()).is_some();
    (is_num || is_letter || is_roman).then_some(i + n)
}

/// A bare dotted number after a word that introduces a citation: "as stated at 2.1.3",
/// "in respect of 4.2.2 - 4.2.5", "set out in 6.3 above".
fn bare_number(text: &str, run: Span, i: usize) -> Option<RawRef> {
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
    let (items, stop) = number_expr(&text[..run.end], i)?;
    let first_depth = match &items[0] {
        Item::One(n) | Item::Range(n, _) => n.number.depth(),
        Item::Refined { outer, .. } => outer.number.depth(),
    };
    let (next_word, _) = word_at(text, skip_ws(text, stop));
    let unit = UNITS.iter().any(|u| u.eq_ignore_ascii_case(next_word));
    if first_depth < 2 || unit || legislation_follows(text, stop) {
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
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        let same: Vec<String> = [
            "paragraph",
            "paragraphs",
            "para",
            "para'",
            "clause",
            "section",
            "sub-paragraph",
            "table",
        ]
        .map(String::from)
        .to_vec();
        let appendix: Vec<String> = ["Appendix", "Annex", "Schedule", "Attachment"]
            .map(String::from)
            .to_vec();
        let legislation: Vec<String> = ["Regulation", "Reg", "Reg."].map(String::from).to_vec();
        let generic: Vec<String> = ["standing order"].map(String::from).to_vec();
        let long: Vec<String> = vec![
            "Contract Standing Order".into(),
            "Contract Standing Orders".into(),
        ];
        let long: &'static [String] = Box::leak(long.into_boxed_slice());
        Lexicon::new(&Words {
            same_document: Box::leak(same.into_boxed_slice()),
            appendix: Box::leak(appendix.into_boxed_slice()),
            legislation: Box::leak(legislation.into_boxed_slice()),
            generic: Box::leak(generic.into_boxed_slice()),
            documents: vec![(0, "CSO", long), (1, "D25", &[])],
        })
    }

    fn refs(s: &str) -> Vec<(String, String)> {
        scan(&lex(), s, 0..s.len())
            .into_iter()
            .map(|r| {
                let what = match &r.cited {
                    Cited::Clauses { scope, items } => {
                        let nums: Vec<String> = items
                            .iter()
                            .map(|i| match i {
                                Item::One(n) => n.number.to_string(),
                                Item::Range(a, b) => format!("{}-{}", a.number, b.number),
                                Item::Refined { outer, inner } => {
                                    format!("{}[{}]", outer.number, inner.number)
                                }
                            })
                            .collect();
                        format!(
                            "{scope:?} {}{}",
                            nums.join(","),
                            r.direction.map(|d| format!(" {d:?}")).unwrap_or_default()
                        )
                    }
                    other => format!("{other:?}"),
                };
                (s[r.span].to_string(), what)
            })
            .collect()
    }

    #[test]
    fn document_prefixes_and_long_forms() {
        assert_eq!(refs("shall include (Ref CSO 16)")[0].1, "Document(0) 16");
        assert_eq!(
            refs("see Standard Clause (Ref CSO16 [16.1.3]) being")[0],
            ("CSO16 [16.1.3]".into(), "Document(0) 16[16.1.3]".into())
        );
        assert_eq!(
            refs("Contract Standing Orders 1.1 – 1.4 apply")[0].1,
            "Document(0) 1.1-1.4"
        );
        assert_eq!(refs("(Ref D25 4.4)")[0].1, "Document(1) 4.4");
        assert_eq!(
            refs("CSOs 4.2, 4.3 and 4.7 were")[0].1,
            "Document(0) 4.2,4.3,4.7"
        );
    }

    #[test]
    fn same_document_forms_and_directions() {
        assert_eq!(
            refs("paragraphs 4.8 – 4.10 above")[0].1,
            "SameDocument 4.8-4.10 Above"
        );
        assert_eq!(
            refs("paragraphs 5.12 and 5.13")[0].1,
            "SameDocument 5.12,5.13"
        );
        assert_eq!(refs("see para' 17 below")[0].1, "SameDocument 17 Below");
        assert_eq!(refs("identified in table 6.6).")[0].1, "SameDocument 6.6");
        assert_eq!(
            refs("8.1.7(a) applies to paragraph 8.1.7(a)")[0].1,
            "SameDocument 8.1.7(a)"
        );
        assert_eq!(refs("as stated at 2.1.3")[0].1, "SameDocument 2.1.3");
        assert_eq!(
            refs("In respect of 4.2.2 - 4.2.5 an order")[0].1,
            "SameDocument 4.2.2-4.2.5"
        );
        assert_eq!(
            refs("under standing order 10")[0].1,
            "Generic(\"standing order\") 10"
        );
    }

    #[test]
    fn parts_articles_appendices_and_placeholders() {
        assert_eq!(
            refs("in Part 4 of the Constitution")[0].1,
            "Part { number: \"4\", span: 8..9 }"
        );
        assert_eq!(
            refs("Part 4.6.1 Contract Procedure Rules")[0].0,
            "Part 4.6.1"
        );
        assert!(refs("Article 12 of Part 2")[0]
            .1
            .contains("part: Some(\"2\")"));
        assert!(refs("see Appendix D")[0].1.contains("elsewhere: false"));
        assert!(refs("Attachment 1 of the Council's Purchasing Guide")[0]
            .1
            .contains("elsewhere: true"));
        assert_eq!(refs("in Part ? of the")[0].1, "Placeholder");
    }

    #[test]
    fn legislation_is_recognised_not_misread() {
        for s in [
            "the Public Contract Regulations 2015 Regulation 32 apply",
            "Section 135 of the Local Government Act 1972",
            "(section 149 of the Equality Act 2010)",
            "Regulations 2015 (Reg 73) enabling",
            "Part 4 of the Public Contracts Regulations 2015",
            "subject to Part 2 Public Contract Regulations 2015",
            "Part 2 of the Regs.);",
        ] {
            let r = refs(s);
            assert!(r.iter().all(|(_, w)| w == "External"), "{s}: {r:?}");
        }
    }

    #[test]
    fn numbers_that_are_not_citations_stay_silent() {
        for s in [
            "a value of £140,000.00 or more",
            "of £884,720.00 for supply",
            "on 27.02.2024 at 7.00 pm",
            "the Section 151 Officer",
            "Chief Finance (Section 151) Officer",
            "Director of Corporate Services - Section 151",
            "(Reg 83/84), are maintained",
            "call (01843) 577207",
            "Hanging: 1.27 cm",
            "version 2.1 of the guide",
            "the cso 16 lowercase",
            "CSO's and recommend",
        ] {
            let r = refs(s);
            assert!(r.iter().all(|(_, w)| w == "External"), "{s}: {r:?}");
        }
    }
}
