//! Where one document of a pack ends and the next begins, and what each one is called.
//!
//! A committee pack holds a cover, an agenda, reports and the annexes they carry. A new
//! document starts at a title followed by numbering that restarts (a report's 1–5, then a
//! protocol's 1–12), or, before any numbered clause, at a title that opens a new page (the
//! cover, then a report). The title, id, Part and citation forms come from the text.
//!
//! Reading the clause number at the start of a block the way [`crate::parse`] reads it
//! ([`clause_number_at_start`]) lives here too, so the split and the writer agree with `clerk check` on what
//! is a clause; how blocks are written is [`super::markdown`]'s job.

use super::{Block, DocKind, Kind, Meta};
use crate::dates::MONTHS;
use crate::number::{parse_leading, parse_sub, ClauseNumber, Seg, Style};
use std::borrow::Cow;
use std::ops::Range;

/// A clause number at the start of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Num {
    /// The number; a sub-paragraph is just its own level, `(a)`.
    pub number: ClauseNumber,
    pub style: Style,
    /// A bracketed sub-paragraph, whose parent depends on the clauses before it.
    pub sub: bool,
    /// A headed unit ("Rule 5. Regular Meetings", "ARTICLE IV", "Section 4.7. Officers."):
    /// the bytes its word, number and the number's full stop take.
    pub unit: Option<usize>,
}

/// The leading `**` of a bold number, when a closing `**` follows.
fn skip_bold(text: &str) -> &str {
    match text.strip_prefix("**") {
        Some(rest) if !rest.starts_with([' ', '*']) && rest.contains("**") => rest,
        _ => text,
    }
}

/// After a plain section number in a paragraph the next word must start with a capital.
fn looks_like_title(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\t'])
        .trim_start_matches(['*', '_'])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '"' || c == '‘' || c == '“')
}

/// The clause number at the start of `text`, as clerk's parser reads the start of a paragraph
/// or list item (or, with `heading`, of a heading, where any leading integer is a section).
/// Without context: `N.0` is returned as section N and `(a)` as a sub-paragraph.
pub fn clause_number_at_start(text: &str, heading: bool) -> Option<Num> {
    let s = skip_bold(text);
    if s.starts_with('<') {
        return None;
    }
    // The parser's own reading, so the importer and `clerk check` agree.
    if let Some((visible, _)) = crate::parse::redlined_number(s) {
        if let Some(l) = parse_leading(&visible).filter(|l| l.len == visible.len()) {
            return Some(Num {
                number: l.number,
                style: Style::Plain,
                sub: false,
                unit: None,
            });
        }
    }
    if let Some(l) = parse_leading(s) {
        let rest = s[l.len..].trim_start_matches(['*', '_']);
        if !(rest.is_empty() || rest.starts_with([' ', '\t', '<'])) {
            return None;
        }
        // Like the parser: "1 Title" and the list item "1. Title" open sections, but
        // "1. the first option" is an ordinary numbered list.
        let bare_section = matches!(l.style, Style::Plain | Style::TrailingDot);
        if l.number.depth() == 1 && bare_section && !heading && !looks_like_title(rest) {
            return None;
        }
        return Some(Num {
            number: l.number,
            style: l.style,
            sub: false,
            unit: None,
        });
    }
    if let Some(n) = unit(s) {
        return Some(n);
    }
    let (sub, _) = parse_sub(s)?;
    Some(Num {
        number: ClauseNumber(vec![Seg::sub(sub)?]),
        style: Style::Sub,
        sub: true,
        unit: None,
    })
}

/// A headed unit at the start of `s`, as the parser reads one in a heading or in bold: a unit
/// word, a number or capital roman numeral, then a full stop, the end, or (on a short line)
/// a capitalised title. "Section 4 of the Act" and "Rule 5 applies" are prose.
fn unit(s: &str) -> Option<Num> {
    // "Part 3" and "Schedule 2" at the start of a block usually title a document of a pack
    // (the split reads them so); inside a document they stay as written.
    if ["part", "schedule"]
        .iter()
        .any(|w| crate::number::word_then_space(s, w).is_some())
    {
        return None;
    }
    let w = crate::number::unit_word(s)?;
    let rest = &s[w..];
    let (number, len, style) = match parse_leading(rest) {
        Some(l) => (l.number, l.len, l.style),
        None => {
            let (v, n) = crate::number::parse_upper_roman(rest)?;
            let dot = usize::from(rest[n..].starts_with('.'));
            (ClauseNumber(vec![Seg::num(v)]), n + dot, Style::Roman)
        }
    };
    let after = &rest[len..];
    let stop = rest[..len].ends_with('.');
    let titled = s.chars().count() <= 80 && looks_like_title(after) && !after.contains(". ");
    if !(after.trim().is_empty() || (stop && after.starts_with(' ')) || titled) {
        return None;
    }
    let style = match style {
        Style::TrailingDot => Style::Plain,
        other => other,
    };
    Some(Num {
        number,
        style,
        sub: false,
        unit: Some(w + len),
    })
}

/// Short month names, as dates are abbreviated ("27 Feb 2024"); the full names are
/// [`MONTHS`].
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Numbers the parser would take for clauses that are not: a date ("27 FEBRUARY 2024") and an
/// agenda entry ("4. CONTRACT PROCEDURE RULES (Pages 3 – 26)").
pub fn false_clause(text: &str, num: &Num) -> bool {
    let date = num.number.depth() == 1
        && !num.sub
        && text
            .split_whitespace()
            .nth(1)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphabetic())
                    .to_ascii_lowercase()
            })
            .is_some_and(|w| {
                MONTHS.iter().any(|m| m.eq_ignore_ascii_case(&w))
                    || MONTH_ABBREVIATIONS.contains(&w.as_str())
            });
    date || memchr::memmem::find(text.as_bytes(), b"(Page").is_some()
}

/// The clause number of a block, unless it is a table or a false clause. It is read from
/// the text as it will be written (escaped), which is what `clerk check` will read.
pub fn block_num(b: &Block) -> Option<Num> {
    let text = b.text.trim();
    // The number is read from the first few bytes; when they hold nothing to escape, the
    // written text starts the same.
    let head = &text.as_bytes()[..text.len().min(64)];
    if head.iter().any(|b| b"*_\\`~<&[{".contains(b)) {
        written_num(b, &super::markdown::escape_inline(text, false))
    } else {
        written_num(b, text)
    }
}

/// [`block_num`] when the escaped text is at hand.
pub fn written_num(b: &Block, written: &str) -> Option<Num> {
    if b.is_table() || b.moved {
        return None;
    }
    clause_number_at_start(written, false).filter(|n| !false_clause(&b.text, n))
}

/// The text without `**` and inline tags, as a reader sees it.
pub fn plain(text: &str) -> Cow<'_, str> {
    if !text.contains(['<', '*']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['<', '*']) {
        out.push_str(&rest[..i]);
        let r = &rest[i..];
        if let Some(tag) = r.strip_prefix("**") {
            rest = tag;
        } else if r.starts_with('<') && r.find('>').is_some_and(|e| e < 8) {
            rest = &r[r.find('>').expect("checked") + 1..];
        } else {
            out.push_str(&r[..1]);
            rest = &r[1..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A short line that reads as a title or heading: a capital first, no sentence inside, not a
/// "Label: value" line.
pub fn title_like(text: &str) -> bool {
    if text.len() > 600 {
        return false; // a paragraph, not a title: don't scan it
    }
    let p = plain(text);
    let t = p.trim();
    let Some(first) = t.chars().next() else {
        return false;
    };
    let words = t.split_whitespace().count();
    let key_value = t.find(": ").is_some_and(|i| i + 2 < t.len());
    first.is_uppercase()
        && t.chars().count() <= 100
        && words <= 14
        && !t.ends_with(['.', ',', ';'])
        && !t.contains(". ")
        && !key_value
}

/// A block that could open a document: a title-like paragraph or heading, not a clause.
fn is_title(b: &Block) -> bool {
    matches!(b.kind, Kind::Para | Kind::Heading)
        && !b.moved
        && title_like(&b.text)
        && !b.text.trim_end().ends_with(':')
        && clause_number_at_start(&b.text, false).is_none()
}

/// One document found in an input: its blocks and guessed front matter.
pub struct Piece {
    pub range: Range<usize>,
    pub meta: Meta,
    pub kind: DocKind,
}

/// A number that starts a numbering: 1, 1.0, 1.1, 1.1.1.
fn first_ish(n: &ClauseNumber) -> bool {
    n.depth() <= 3 && n.0.iter().all(|s| s.plain() == Some(1))
}

/// Split an input's blocks into documents.
pub fn split(blocks: &[Block], council: Option<&str>) -> Vec<Piece> {
    let nums: Vec<Option<Num>> = blocks.iter().map(block_num).collect();
    let mut starts = vec![0];
    let mut last: Option<(usize, ClauseNumber)> = None;
    let mut max_top = 0;
    for (i, n) in nums.iter().enumerate() {
        let Some(n) = n.as_ref().filter(|n| !n.sub) else {
            continue;
        };
        if first_ish(&n.number) {
            let doc_start = *starts.last().expect("never empty");
            let cut = match &last {
                None => boundary(blocks, doc_start + 1..i, true),
                Some((at, prev)) if max_top >= 2 => boundary(blocks, at + 1..i, false),
                Some((at, prev)) if *prev >= n.number => boundary(blocks, at + 1..i, true),
                Some(_) => None,
            };
            if let Some(b) = cut {
                starts.push(b);
                max_top = 0;
            }
        }
        max_top = max_top.max(n.number.0[0].plain().unwrap_or(0));
        last = Some((i, n.number.clone()));
    }
    starts.push(blocks.len());
    starts
        .windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let range = w[0]..w[1];
            let (meta, kind) = meta(&blocks[range.clone()], &nums[range.clone()], council);
            Piece { range, meta, kind }
        })
        .collect()
}

/// Where in `gap` a new document starts: the first title after a page break, or (unless
/// `break_only`) the first title.
fn boundary(blocks: &[Block], gap: Range<usize>, break_only: bool) -> Option<usize> {
    let gap = gap.start.min(blocks.len())..gap.end.min(blocks.len());
    let after_break = gap
        .clone()
        .find(|&j| blocks[j].break_before && is_title(&blocks[j]));
    if after_break.is_some() || break_only {
        return after_break;
    }
    gap.clone().find(|&j| is_title(&blocks[j]))
}

/// Single words that mark a document's status rather than name it.
const MARKERS: &[&str] = &[
    "proposed",
    "draft",
    "final",
    "current",
    "revised",
    "confidential",
    "exempt",
    "restricted",
    "unrestricted",
    "annex",
    "appendix",
    "annexe",
    "introduction",
];

fn meta(blocks: &[Block], nums: &[Option<Num>], council: Option<&str>) -> (Meta, DocKind) {
    let first_clause = nums
        .iter()
        .position(|n| n.as_ref().is_some_and(|n| !n.sub))
        .unwrap_or(blocks.len());
    let preamble = &blocks[..first_clause.min(40)];
    let titles: Vec<String> = preamble
        .iter()
        .filter(|b| is_title(b))
        .map(|b| plain(&b.text).trim().to_string())
        .collect();
    let mut title = titles
        .iter()
        .take(8)
        .find(|t| {
            t.split_whitespace().count() >= 2 || !MARKERS.contains(&t.to_lowercase().as_str())
        })
        .or(titles.first())
        .cloned()
        .or_else(|| {
            blocks.get(first_clause).map(|b| {
                let p = plain(&b.text);
                let t = p.trim_start_matches(|c: char| !c.is_alphabetic());
                t.split_whitespace().take(10).collect::<Vec<_>>().join(" ")
            })
        })
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Imported document".to_string());
    if let Some(c) = council {
        if let Some(rest) = strip_prefix_ci(&title, c) {
            if rest.split_whitespace().count() >= 2 {
                title = rest.trim_start_matches([' ', '-', '–', ':']).to_string();
            }
        }
    }
    let part = preamble.iter().find_map(|b| stated_part(&b.text));
    let (short, long) = citation_forms(&title, blocks);
    let id = slug(short.as_deref().unwrap_or(&title));
    let kind = doc_kind(blocks);
    (
        Meta {
            id,
            title,
            part,
            short,
            long,
        },
        kind,
    )
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// "Part 4.6.1 Contract Procedure Rules", "PART 5 – CODES AND PROTOCOLS": the Part number.
fn stated_part(text: &str) -> Option<String> {
    let p = plain(text);
    let t = p.trim();
    let rest = strip_prefix_ci(t, "part ")?;
    let num: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let num = num.trim_end_matches('.');
    let after = &rest[num.len()..];
    let ok = !num.is_empty()
        && num.split('.').all(|s| !s.is_empty() && s.len() <= 3)
        && (after.is_empty() || after.starts_with([' ', ':', '.', '-', '–']));
    (ok && title_like(t)).then(|| num.to_string())
}

/// "Contract Standing Orders (CSOs)" in the text gives `short: CSO` and the long forms.
fn citation_forms(title: &str, blocks: &[Block]) -> (Option<String>, Vec<String>) {
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    if initials.len() < 2 {
        return (None, Vec::new());
    }
    let needle = format!("{title} (");
    for b in blocks.iter().filter(|b| !b.is_table()) {
        let mut from = 0;
        while let Some(i) = b.text[from..].find(&needle) {
            let after = &b.text[from + i + needle.len()..];
            let close = after.find(')').unwrap_or(0);
            let inner = &after[..close];
            let short = inner
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches('s');
            if short == initials {
                let mut long = Vec::new();
                if let Some(one) = title.strip_suffix('s') {
                    long.push(one.to_string());
                }
                long.push(title.to_string());
                return (Some(short.to_string()), long);
            }
            from += i + needle.len();
        }
    }
    (None, Vec::new())
}

/// A document id from a title: lower-case words joined by `-`, at most six.
pub fn slug(s: &str) -> String {
    let words: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "document".to_string()
    } else {
        words.join("-")
    }
}

fn doc_kind(blocks: &[Block]) -> DocKind {
    let head = &blocks[..blocks.len().min(40)];
    let has = |f: &dyn Fn(&str) -> bool| head.iter().any(|b| f(plain(&b.text).trim()));
    if has(&|t| t.eq_ignore_ascii_case("public document pack") || t == "AGENDA") {
        DocKind::Cover
    } else if has(&|t| t.starts_with("Report Author"))
        || has(&|t| t.starts_with("Executive Summary"))
    {
        DocKind::Report
    } else {
        DocKind::Document
    }
}

/// The council's name, as the text most often writes it: "Thanet District Council".
pub fn council_name<'a>(inputs: impl Iterator<Item = &'a [Block]>) -> Option<String> {
    const KINDS: &[&str] = &["District", "Borough", "County", "City", "Town", "Parish"];
    let mut counts: Vec<(String, usize)> = Vec::new();
    let finder = memchr::memmem::Finder::new(" Council");
    for blocks in inputs {
        for b in blocks.iter().filter(|b| !b.is_table()) {
            for i in finder.find_iter(b.text.as_bytes()) {
                let mut before = b.text[..i].split_whitespace().rev();
                let Some(kind) = before.next().filter(|k| KINDS.contains(k)) else {
                    continue;
                };
                let name: Vec<&str> = before
                    .take(3)
                    .take_while(|w| {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && w.chars()
                                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                            && *w != "The"
                    })
                    .collect();
                if name.is_empty() {
                    continue;
                }
                let mut full: Vec<&str> = name.into_iter().rev().collect();
                full.extend([kind, "Council"]);
                let full = full.join(" ");
                match counts.iter_mut().find(|(n, _)| *n == full) {
                    Some(c) => c.1 += 1,
                    None => counts.push((full, 1)),
                }
            }
        }
    }
    let best = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == best).map(|c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<String> {
        clause_number_at_start(text, false).map(|n| n.number.to_string())
    }

    #[test]
    fn reads_numbers_as_the_parser_does() {
        assert_eq!(n("**1.0** Definitions"), Some("1".into()));
        assert_eq!(n("8.4<u>3</u>.1 Officers"), Some("8.43.1".into()));
        assert_eq!(n("24 hours' notice"), None);
        assert_eq!(n("1) CRWP are asked"), None);
        assert_eq!(n("(a) Decisions"), Some("(a)".into()));
        assert_eq!(n("<u>Chief</u> Executive"), None);
    }

    #[test]
    fn dates_and_agenda_entries_are_not_clauses() {
        let b = Block::new(Kind::Para, "27 FEBRUARY 2024", 1);
        assert!(block_num(&b).is_none());
        let b = Block::new(
            Kind::Bullet(0),
            "4. **CONTRACT PROCEDURE RULES** (Pages 3 26)",
            1,
        );
        assert!(block_num(&b).is_none());
    }

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Block::new(Kind::Para, *t, i + 1))
            .collect()
    }

    #[test]
    fn splits_where_a_title_is_followed_by_numbering_that_restarts() {
        let b = blocks(&[
            "Report on Things",
            "1. Introduction",
            "1.1 Text.",
            "2.0 More",
            "2.1 Text.",
            "Protocol on Member/Officer Relations",
            "Introduction",
            "Mutual trust matters.",
            "1.0 Definitions",
            "1.1 Member means.",
        ]);
        let pieces = split(&b, None);
        let got: Vec<_> = pieces
            .iter()
            .map(|p| (p.range.clone(), p.meta.title.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0..5, "Report on Things"),
                (5..10, "Protocol on Member/Officer Relations")
            ]
        );
        assert_eq!(pieces[1].meta.id, "protocol-on-member-officer-relations");
    }

    #[test]
    fn a_cover_splits_from_a_report_at_a_page_break() {
        let mut b = blocks(&[
            "Public Document Pack",
            "Date: 22 February 2024",
            "Refresh of Rules",
            "1. Introduction",
        ]);
        b[2].break_before = true;
        let pieces = split(&b, None);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].kind, DocKind::Cover);
    }

    #[test]
    fn front_matter_from_the_text() {
        let b = blocks(&[
            "Thanet District Council Contract Standing Orders",
            "1 Introduction",
            "1.1 The purpose of these Contract Standing Orders (CSOs) is set out.",
        ]);
        let council = council_name([b.as_slice()].into_iter());
        assert_eq!(council.as_deref(), Some("Thanet District Council"));
        let p = &split(&b, council.as_deref())[0];
        assert_eq!(p.meta.title, "Contract Standing Orders");
        assert_eq!(p.meta.id, "cso");
        assert_eq!(
            p.meta.long,
            ["Contract Standing Order", "Contract Standing Orders"]
        );
        let b = blocks(&["PART 4 – RULES OF PROCEDURE", "1 Scope"]);
        assert_eq!(split(&b, None)[0].meta.part.as_deref(), Some("4"));
    }
}
