//! Citations opened by a citing word: a document's prefix or long form, "paragraph",
//! "Rule", "Part", "Article", "Appendix", a statute's "Regulation"; and the item of a unit
//! ("paragraph (c) of Rule 7"), which is two such citations read as one.
//!
//! Each kind of citing word decides here what it may be followed by and which document it
//! points into. The numbers themselves are read by [`super::numbers`]; finding the citing
//! word in prose is [`super::scan`]'s job, and bare numbers with no citing word are
//! [`super::bare`]'s.

use super::super::context::{names_another_work, quantity_follows};
use super::super::lexicon::Entry;
use super::super::Confidence;
use super::numbers::{appendix_id, digits, list_connector, number_expr, part_number};
use super::{
    another_or_unnamed_work, another_work, direction_at, external, is_word, roman_may_start,
    skip_ws, word_at, Cited, Item, Lexicon, NumRef, RawRef, Scope,
};
use crate::number::ClauseNumber;

/// Read a citation that starts with a matched word at `at..end`; `floor` is where the run of
/// prose starts (nothing before it is looked at).
pub(super) fn citation(
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
