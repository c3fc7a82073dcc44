//! What surrounds a number decides whether it is a citation of this constitution: a unit after
//! it ("1.5 miles") makes it a quantity, a statute chain ("… of Schedule 12A to the Local
//! Government Act 1972", "… of that Act", "… of ONCA") or an Act named first ("the
//! Corporations Act, Section 64.3") makes it a citation of another work.
//!
//! These tests only look at the words next to a number the grammar already read; deciding
//! which document a citation names is [`super::lexicon`]'s, and whether it exists is
//! [`super::resolve`]'s.

use super::grammar::{skip_ws, word_at};

/// Words after which a number is a quantity, never a clause: units of length, area, weight,
/// volume and time, multipliers and money. Compared case-insensitively against the whole next
/// word, so "in" (a preposition) and "m" (metres) are told apart by being whole words only.
const UNITS: &[&str] = &[
    // length and area
    "mile",
    "miles",
    "mi",
    "metre",
    "metres",
    "meter",
    "meters",
    "m",
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "cm",
    "mm",
    "centimetres",
    "millimetres",
    "foot",
    "feet",
    "ft",
    "yard",
    "yards",
    "yd",
    "yds",
    "inch",
    "inches",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "ha",
    "sq",
    "square",
    "sqm",
    "m2",
    "m²",
    "km2",
    "metres²",
    "mph",
    "kph",
    // weight and volume
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "kg",
    "kilograms",
    "kilogrammes",
    "g",
    "grams",
    "litre",
    "litres",
    "liter",
    "liters",
    "l",
    "ml",
    "gallon",
    "gallons",
    "cubic",
    "kw",
    "kwh",
    "mw",
    "mwh",
    "kilowatts",
    "megawatts",
    // time
    "year",
    "years",
    "yr",
    "yrs",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "hr",
    "hrs",
    "minute",
    "minutes",
    "min",
    "mins",
    "second",
    "seconds",
    "secs",
    "pm",
    "am",
    "p.m",
    "a.m",
    "o'clock",
    // multipliers, shares and money
    "times",
    "x",
    "fold",
    "per",
    "percent",
    "pc",
    "percentage",
    "thousand",
    "million",
    "millions",
    "billion",
    "billions",
    "bn",
    "mn",
    "k",
    "pounds",
    "pound",
    "pence",
    "p",
    "gbp",
    "euros",
    "dollars",
    "fte",
    "degrees",
    "decibels",
    "db",
    "points",
    // counts that follow a decimal in reports ("2.4 persons", "1.5 spaces per dwelling")
    "persons",
    "people",
    "spaces",
    "storeys",
    "stories",
    "dwellings",
    "households",
    "pupils",
    "places",
    "beds",
    "bedrooms",
    "working",
    "gwh",
    "twh",
    "lux",
    "kilotonnes",
    "kt",
    "kn",
    "°c",
    "°f",
    "co2",
    "tco2e",
];

/// Whether the word after `i` makes the number before it a quantity ("1.5 miles", "2.5%",
/// "1.3 years' service", "2.5 thousand pounds", "1.5-mile radius").
pub fn quantity_follows(text: &str, i: usize) -> bool {
    let mut j = skip_ws(text, i);
    let rest = &text[j..];
    if rest.starts_with(['%', '²', '°']) {
        return true;
    }
    if rest.starts_with('-') {
        j += 1;
    }
    let b = text.as_bytes();
    let e = j + b[j..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic() || **c == b'\'' || **c >= 0x80)
        .count();
    let word = text[j..e].trim_end_matches(['\'', '’']);
    let word = word.strip_suffix("'s").unwrap_or(word);
    !word.is_empty() && UNITS.iter().any(|u| u.eq_ignore_ascii_case(word))
}

/// Skip bracketed sub-divisions written after a statute's section number: "100B(4)(b)",
/// "s.101(5)". Returns where the text after them starts.
pub fn skip_brackets(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    // "Section 5 (2) of the Housing Act 1985": one space may come first.
    if b.get(i) == Some(&b' ') && b.get(i + 1) == Some(&b'(') {
        i += 1;
    }
    while b.get(i) == Some(&b'(') {
        let Some(close) = b[i..].iter().take(8).position(|&c| c == b')') else {
            break;
        };
        let inner = &text[i + 1..i + close];
        if inner.is_empty() || !inner.bytes().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        i += close + 1;
    }
    i
}

/// Final words of a title that name legislation or a treaty.
const LEGISLATION_ENDS: &[&str] = &[
    "act",
    "acts",
    "regulations",
    "regs",
    "regulation",
    "order",
    "directive",
    "code",
    "convention",
    "charter",
    "treaty",
    "measure",
];

/// Words that name legislation or another body's rules when they end a capitalised title —
/// "of the Local Government Act 1972", "Public Contract Regulations 2015", "of the Regs.",
/// "of the European Convention on Human Rights" — and where that title ends (after its year,
/// if written).
pub fn legislation_end(text: &str, i: usize) -> Option<usize> {
    let mut j = skip_ws(text, i);
    let mut capitalised = 0;
    for k in 0..12 {
        let (w, e) = word_at(text, j);
        if w.is_empty() {
            // "(whether …" or punctuation: a title can include brackets like "(Social Value)".
            if text[j..].starts_with('(') && capitalised > 0 {
                j = skip_ws(text, j + 1);
                continue;
            }
            return None;
        }
        let lw = w.trim_end_matches('.').to_ascii_lowercase();
        let lw = lw.trim_end_matches("'s");
        if LEGISLATION_ENDS.contains(&lw) && (capitalised > 0 || k > 0) {
            return w
                .starts_with(char::is_uppercase)
                .then(|| year_after(text, e));
        }
        // "Convention on Human Rights": the treaty word need not be last.
        if capitalised > 0 && ["convention", "charter", "treaty"].contains(&lw) {
            return Some(e);
        }
        let joins = ["of", "the", "and", "in", "for", "on", "to"].contains(&lw);
        if !(joins || w.starts_with(char::is_uppercase)) {
            return None;
        }
        if w.starts_with(char::is_uppercase) {
            capitalised += 1;
        }
        j = skip_ws(text, e);
        if text[j..].starts_with(['(', ')', ',']) {
            j = skip_ws(text, j + 1);
        }
    }
    None
}

/// After a title, its year if one is written: "Act 1972".
fn year_after(text: &str, e: usize) -> usize {
    let j = skip_ws(text, e);
    let n = text.as_bytes()[j..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 4 {
        j + 4
    } else {
        e
    }
}

/// "of the Council's Purchasing Guide", "to the Code": another work's appendix.
pub fn names_another_work(text: &str, i: usize) -> bool {
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
pub fn of_another_work(text: &str, i: usize) -> bool {
    let j = skip_ws(text, i);
    let (w, e) = word_at(text, j);
    if w != "of" {
        return false;
    }
    let (article, _) = word_at(text, skip_ws(text, e));
    matches!(article, "the" | "a" | "an" | "that" | "its" | "said")
}

/// Words that divide legislation and may be chained: "paragraph 3 of Part 1 of Schedule 12A".
const DIVISIONS: &[&str] = &[
    "part",
    "parts",
    "schedule",
    "schedules",
    "section",
    "sections",
    "s",
    "paragraph",
    "paragraphs",
    "para",
    "chapter",
    "article",
    "articles",
    "regulation",
    "regulations",
    "reg",
    "rule",
    "subsection",
    "sub-section",
    "annex",
    "appendix",
    "title",
];

/// After a citation's number: a chain of divisions ending in legislation or another work —
/// "of Part 1 of Schedule 12A to the Local Government Act 1972", "of that Act", "of the 1972
/// Act", "of ONCA", "of the LGA 1972". `is_document` says whether an abbreviation is one of
/// this constitution's own prefixes (those are not external). Returns where the chain ends,
/// so the divisions inside it are not read again as citations of their own.
pub fn external_chain(
    text: &str,
    mut i: usize,
    abbreviations: &[String],
    is_document: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    for _ in 0..6 {
        let j = skip_ws(text, skip_brackets(text, i));
        let (w, e) = word_at(text, j);
        if !matches!(w, "of" | "to" | "in" | "under") {
            return None;
        }
        let k = skip_ws(text, e);
        if let Some(end) = act_named_at(text, k)
            .or_else(|| abbreviation_at(text, k, abbreviations, is_document))
            .or_else(|| legislation_end(text, j))
        {
            return Some(end);
        }
        i = division_at(text, k)?;
    }
    None
}

/// "that Act", "the Act", "the said Act", "the 1972 Act", "this Act", "the 2011 Regulations":
/// where it ends.
fn act_named_at(text: &str, k: usize) -> Option<usize> {
    let (first, e) = word_at(text, k);
    if !matches!(first, "that" | "the" | "this" | "said") {
        return None;
    }
    let mut j = skip_ws(text, e);
    let (w, e2) = word_at(text, j);
    if w == "said" {
        j = skip_ws(text, e2);
    }
    let b = text.as_bytes();
    let year = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
    if year == 4 {
        j = skip_ws(text, j + 4);
    }
    let (w, e) = word_at(text, j);
    matches!(w, "Act" | "Acts" | "Regulations" | "Order" | "Measure").then_some(e)
}

/// A short name of an Act or other work at `k`, with an optional "the " and year: "ONCA",
/// "the LGA 1972", "PCR 2015", "GDPR" — any word of two to eight capitals and digits that is
/// not one of this constitution's prefixes, or one of the council's configured abbreviations.
/// Returns where it ends.
fn abbreviation_at(
    text: &str,
    k: usize,
    abbreviations: &[String],
    is_document: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let mut j = k;
    let (w, e) = word_at(text, j);
    if w == "the" {
        j = skip_ws(text, e);
    }
    let rest = &text[j..];
    let configured = abbreviations.iter().find(|a| {
        rest.len() >= a.len()
            && rest.is_char_boundary(a.len())
            && rest[..a.len()].eq_ignore_ascii_case(a)
            && !rest[a.len()..].starts_with(|c: char| c.is_alphanumeric())
    });
    if let Some(a) = configured {
        return Some(j + a.len());
    }
    let b = text.as_bytes();
    let n = b[j..]
        .iter()
        .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        .count();
    let word = &text[j..j + n];
    let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
    ((2..=8).contains(&n)
        && capitals >= 2
        && !b.get(j + n).is_some_and(|c| c.is_ascii_alphabetic())
        && !is_document(word))
    .then(|| year_after(text, j + n))
}

/// A division and its number at `k` ("Part 1", "Schedule 12A", "s.101", "section 3(2)"):
/// where the text after it starts.
fn division_at(text: &str, k: usize) -> Option<usize> {
    let (w, e) = word_at(text, k);
    let lw = w.trim_end_matches('.').to_ascii_lowercase();
    if !DIVISIONS.contains(&lw.as_str()) {
        return None;
    }
    let mut j = skip_ws(text, e);
    if text[j..].starts_with('.') {
        j = skip_ws(text, j + 1);
    }
    let b = text.as_bytes();
    let n = b[j..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'.')
        .count();
    let id = text[j..j + n].trim_end_matches('.');
    (!id.is_empty()
        && id
            .bytes()
            .any(|c| c.is_ascii_digit() || c.is_ascii_uppercase()))
    .then(|| skip_brackets(text, j + id.len()))
}

/// An Act named before the citation: "the Corporations Act, Section 64.3", "the Localism Act
/// 2011, section 27".
pub fn act_before(text: &str, floor: usize, at: usize) -> bool {
    let before = text[floor..at].trim_end();
    let Some(before) = before.strip_suffix(',') else {
        return false;
    };
    let before = before.trim_end();
    let before = before
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    let word = before
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "Act" | "Regulations" | "Order" | "Measure" | "Convention"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_make_quantities() {
        for (s, at) in [
            ("1.5 miles", 3),
            ("2.5% of", 3),
            ("1.3 years' service", 3),
            ("2.5 thousand pounds", 3),
            ("1.5-mile radius", 3),
            ("4 Hectares", 1),
        ] {
            assert!(quantity_follows(s, at), "{s}");
        }
        for (s, at) in [("4.2 in the", 3), ("4.2 members", 3), ("4.2 above", 3)] {
            assert!(!quantity_follows(s, at), "{s}");
        }
    }

    #[test]
    fn statute_chains_are_external() {
        let no = |_: &str| false;
        for (s, at) in [
            (
                " of Part 1 of Schedule 12A to the Local Government Act 1972",
                0,
            ),
            ("(4)(b) of that Act", 0),
            (" of the 1972 Act", 0),
            (" of ONCA", 0),
            (" of the LGA 1972", 0),
            (" to the Localism Act 2011", 0),
            (" of Schedule 1 to the Localism Act 2011", 0),
        ] {
            assert!(external_chain(s, at, &[], &no).is_some(), "{s}");
        }
        assert!(external_chain(" of this Protocol", 0, &[], &no).is_none());
        assert!(external_chain(" of CPR", 0, &[], &|w| w == "CPR").is_none());
        let s = " of Part 1 of Schedule 12A to the Local Government Act 1972, as";
        assert_eq!(&s[external_chain(s, 0, &[], &no).unwrap()..], ", as");
        assert!(act_before("the Corporations Act, Section", 0, 22));
    }
}
