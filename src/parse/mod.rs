//! The Markdown body of a document: clauses recognised by the number that opens a heading,
//! paragraph or list item, plus the prose runs and links the later passes scan.
//!
//! pulldown-cmark's offset iterator gives every event a byte range, so numbers, labels, links
//! and text keep their exact place in the file. This module decides what counts as a clause
//! number ([`crate::number`] only reads numbers); the hierarchy comes from the numbers, never
//! from indentation.
//!
//! This module walks the Markdown events and reads the numbered clauses: plain, dotted,
//! `N.0`, zero-padded and half-renumbered numbers, and where each clause hangs. The rest is
//! beside it:
//!
//! - `items.rs`: sub-paragraphs and items without brackets, and numbered lists inside a
//!   clause;
//! - `units.rs`: headed units ("Rule 5.", "ARTICLE IV") and the divisions among them;
//! - `spans.rs`: where things are in the text: heading text, prose runs, links, labels and
//!   each clause's end.

mod items;
mod spans;
mod units;

use crate::model::{BlockKind, Clause, Heading, Link};
use crate::number::{parse_leading, parse_sub, ClauseNumber, Seg, Style};
use crate::source::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap as HashMap;
use spans::{close_spans, heading_at, heading_level, line_end, link_at, push_run, split_label};
use units::demote_divisions;

/// What [`parse_body`] found in a document body.
#[derive(Debug, Default)]
pub struct Body {
    pub clauses: Vec<Clause>,
    pub runs: Vec<Span>,
    pub links: Vec<Link>,
    pub headings: Vec<Heading>,
}

/// Markdown extensions clerk accepts in sources.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A block that may open a clause, waiting for its first text.
#[derive(Clone, Copy)]
struct Pending {
    kind: BlockKind,
    start: usize,
}

struct Builder<'a> {
    text: &'a str,
    body: Body,
    /// Last clause index for each number, to find parents.
    by_number: HashMap<ClauseNumber, usize>,
    /// The current top-level section number, for the `N.0` rule.
    section: Option<u32>,
    /// End of the body: nothing is read past it.
    end: usize,
    /// A numbered list inside a clause ("Recommendations: 1. Approve … 2. Approve …"): the
    /// Markdown list it is (`None` for paragraphs that start with numbers) and its last
    /// number. A clause ends it.
    inner_list: Option<(Option<usize>, u32)>,
    /// Top-level Markdown lists seen, to tell one list from the next.
    lists_seen: usize,
    /// The unit word the front matter declares (`numbering: Bylaw`), read before a number in
    /// headings as the built-in words are.
    declared_unit: Option<&'a str>,
}

/// Parse the body `text[body]` of a document.
pub fn parse_body(text: &str, body: Span) -> Body {
    parse_body_with_unit(text, body, None)
}

/// [`parse_body`] for a document whose front matter declares its unit word.
pub fn parse_body_with_unit(text: &str, body: Span, declared_unit: Option<&str>) -> Body {
    let mut b = Builder {
        declared_unit,
        text,
        body: Body::default(),
        by_number: HashMap::default(),
        section: None,
        end: body.end,
        inner_list: None,
        lists_seen: 0,
    };
    let base = body.start;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut link_depth = 0usize;
    for (event, range) in Parser::new_ext(&text[body.clone()], options()).into_offset_iter() {
        let r = (range.start + base)..(range.end + base);
        match event {
            Event::Start(Tag::List(start)) => {
                lists.push(start);
                if lists.len() == 1 {
                    b.lists_seen += 1;
                }
                pending = None;
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                pending = None;
                let nesting = lists.len();
                match lists.last_mut() {
                    Some(Some(n)) => {
                        if nesting == 1 {
                            b.ordered_item(*n, r.start);
                        }
                        *n += 1;
                    }
                    _ => {
                        pending = Some(Pending {
                            kind: BlockKind::ListItem,
                            start: r.start,
                        })
                    }
                }
            }
            Event::Start(Tag::Paragraph) => {
                pending = pending.or(Some(Pending {
                    kind: BlockKind::Paragraph,
                    start: r.start,
                }));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                b.body
                    .headings
                    .push(heading_at(text, r.start, heading_level(level)));
                pending = Some(Pending {
                    kind: BlockKind::Heading(heading_level(level)),
                    start: r.start,
                });
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => {}
            Event::Text(_) => {
                if link_depth == 0 {
                    push_run(text, &mut b.body.runs, r.clone());
                }
                if let Some(p) = pending.take() {
                    b.try_clause(p, r.start);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if link_depth == 0 {
                    push_run(text, &mut b.body.runs, r);
                }
                pending = None;
            }
            Event::InlineHtml(_) => {
                // Kept in the run so a note split by <u>…</u> insertion marks is still one note.
                if link_depth == 0 {
                    push_run(text, &mut b.body.runs, r);
                }
                pending = None;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                pending = None;
                b.body.links.push(link_at(text, r, dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            _ => pending = None,
        }
    }
    demote_divisions(text, &mut b.body.clauses);
    close_spans(&mut b.body.clauses, body.end);
    b.body
}

/// Skip emphasis markers that close around a bold number (`**1.0** Definitions`).
fn skip_emphasis(s: &str) -> &str {
    s.trim_start_matches(['*', '_'])
}

/// After a plain section number in a paragraph, the next word must start with a capital
/// letter: "1 Introduction" is a section, "24 hours' notice" is prose.
fn looks_like_title(rest: &str) -> bool {
    let rest = skip_emphasis(rest.trim_start_matches([' ', '\t']));
    // "&#65;11. Comment": a character reference, as `clerk import` writes a first letter that
    // would otherwise be read as a number, is the letter it stands for.
    let first = char_reference(rest).or_else(|| rest.chars().next());
    first.is_some_and(|c| c.is_uppercase() || c == '"' || c == '‘' || c == '“')
}

/// The character a decimal character reference (`&#65;`) at the start of `s` stands for.
fn char_reference(s: &str) -> Option<char> {
    let digits = s.strip_prefix("&#")?;
    let end = digits.find(';').filter(|&e| (1..=7).contains(&e))?;
    char::from_u32(digits[..end].parse().ok()?)
}

/// A line that reads as a title, not a sentence: a capital first, at most ten words, and no
/// final stop, semicolon, colon or comma ("Background papers", not "Approves the fees.").
fn reads_as_title(rest: &str) -> bool {
    let line = skip_emphasis(rest.trim_start_matches([' ', '\t'])).trim_end();
    looks_like_title(line)
        && line.split_whitespace().count() <= 10
        && !line.ends_with(['.', ';', ':', ','])
}

impl Builder<'_> {
    fn line_end(&self, from: usize) -> usize {
        line_end(self.text, from.min(self.end)).min(self.end)
    }

    fn ordered_item(&mut self, n: u64, start: usize) {
        let src = &self.text[start..self.line_end(start)];
        let indent = src.len() - src.trim_start().len();
        let digits = src[indent..].bytes().take_while(u8::is_ascii_digit).count();
        let Ok(n) = u32::try_from(n) else { return };
        if digits == 0 || n > crate::number::MAX_SEG {
            return;
        }
        // "1. INTRODUCTION" is a section written as a list; "1. the first option" in a clause
        // is an ordinary numbered list.
        let text_after = &src[indent + digits + 1.min(src.len() - indent - digits)..];
        if self.in_inner_list(n, Some(self.lists_seen), text_after) || !looks_like_title(text_after)
        {
            return;
        }
        let number_span = (start + indent)..(start + indent + digits);
        // The marker's "." or ")" is part of the Markdown syntax, not the number.
        let after = number_span.end + 1;
        self.push(
            ClauseNumber(vec![Seg::num(n)]),
            number_span,
            Style::ListMarker,
            BlockKind::ListItem,
            start,
            after,
        );
    }

    fn try_clause(&mut self, p: Pending, at: usize) {
        let line = &self.text[at..self.line_end(at)];
        if let Some((visible, token_len)) = redlined_number(line) {
            // "8.4<u>3</u>.1": a number half-renumbered in a flattened redline. It is read as
            // shown (8.43.1) and renumbering replaces the whole token.
            if let Some(lead) = parse_leading(&visible).filter(|l| l.len == visible.len()) {
                let span = at..at + token_len;
                self.push(
                    lead.number,
                    span.clone(),
                    Style::Plain,
                    p.kind,
                    p.start,
                    span.end,
                );
                return;
            }
        }
        let is_heading = matches!(p.kind, BlockKind::Heading(_));
        if is_heading || self.text[..at].ends_with(['*', '_']) {
            if let Some(ul) = crate::number::unit_word(line).or_else(|| self.declared_word(line)) {
                self.try_unit(p, at, ul);
                return;
            }
        }
        if let Some(lead) = parse_leading(line).or_else(|| self.padded(line)) {
            let rest = skip_emphasis(&line[lead.len..]);
            let ends_well = rest.is_empty() || rest.starts_with([' ', '\t', '<']);
            if !ends_well {
                return;
            }
            let mut number = lead.number;
            let mut style = lead.style;
            if number.depth() == 1
                && matches!(style, Style::Plain | Style::TrailingDot)
                && !is_heading
                && (self.in_inner_list(number.0[0].plain().unwrap_or(0), None, rest)
                    || !looks_like_title(rest))
            {
                return;
            }
            if style == Style::DotZero
                && !is_heading
                && self.section == number.0[0].plain()
                && self.section.is_some()
            {
                // "2.0" written inside section 2 is a clause numbered 2.0, out of order.
                number.0.push(Seg::num(0));
                style = Style::Plain;
            }
            let span = at..at + lead.len;
            self.push(number, span.clone(), style, p.kind, p.start, span.end);
        } else if let Some((sub, len)) = parse_sub(line) {
            let (Some(parent), Some(seg)) = (self.sub_parent(sub), Seg::sub(sub)) else {
                return;
            };
            let number = self.body.clauses[parent].number.child(seg);
            self.push(number, at..at + len, Style::Sub, p.kind, p.start, at + len);
        } else if !is_heading {
            self.try_bare_item(p, at, line);
        }
    }

    /// A number with a zero-padded level (`4.09`) at the start of `line`, taken only where it
    /// continues the numbering: its parent exists and it is near where the numbering stands
    /// (`4.09` after `4.8`; `4.01` or `4.02` as the first child; `4.08` again after `4.08`
    /// is a duplicate, `4.10` after `4.08` a gap, both reported).
    fn padded(&self, line: &str) -> Option<crate::number::Leading> {
        let lead = crate::number::parse_leading_padded(line)?;
        let n = &lead.number;
        let parent = n.parent()?;
        self.by_number.get(&parent)?;
        let v = n.last()?.plain()?;
        let prev = self
            .body
            .clauses
            .iter()
            .rev()
            .find(|c| c.number.parent().as_ref() == Some(&parent))
            .and_then(|c| c.number.last()?.plain());
        // Within one of the sequence either way, so a duplicated or skipped padded number
        // is still read and reported.
        let fits = match prev {
            Some(p) => (p..=p + 2).contains(&v),
            None => v <= 2,
        };
        fits.then_some(lead)
    }

    /// Section `N` written `N.0` ("1.0."), when `p` is `N.0`: the section its items
    /// `N.0.1`, `N.0.2` belong to.
    fn dot_zero_section(&self, p: &ClauseNumber) -> Option<usize> {
        let section = dot_zero_parent(p)?;
        let &i = self.by_number.get(&section)?;
        (self.body.clauses[i].style == Style::DotZero).then_some(i)
    }

    fn push(
        &mut self,
        number: ClauseNumber,
        number_span: Span,
        style: Style,
        kind: BlockKind,
        start: usize,
        after: usize,
    ) {
        let end = self.line_end(after).max(after);
        let (head, label) = split_label(self.text, after..end);
        self.inner_list = None;
        if number.depth() == 1 {
            self.section = number.0[0].plain();
        }
        let parent = number.parent().and_then(|p| {
            self.by_number
                .get(&p)
                .copied()
                .or_else(|| self.dot_zero_section(&p))
        });
        self.by_number
            .insert(number.clone(), self.body.clauses.len());
        self.body.clauses.push(Clause {
            number,
            number_span,
            style,
            kind,
            label,
            span: start..start,
            head,
            parent,
            unit: None,
        });
    }
}

/// `N` when `p` is `N.0`: in the "1.0." style the items of section 1 are written 1.0.1,
/// 1.0.2, and their parent number 1.0 is the section itself.
pub fn dot_zero_parent(p: &ClauseNumber) -> Option<ClauseNumber> {
    match p.0.as_slice() {
        [first, last] if *last == Seg::num(0) && first.plain().is_some() => {
            Some(ClauseNumber(vec![*first]))
        }
        _ => None,
    }
}

/// A number with `<u>`/`</u>` insertion marks inside it, as flattened redlines print a
/// half-finished renumbering. Returns the number as shown and the bytes the token takes.
pub(crate) fn redlined_number(line: &str) -> Option<(String, usize)> {
    let mut visible = String::new();
    let mut i = 0;
    let mut tagged = false;
    while i < line.len() {
        let rest = &line[i..];
        if let Some(tag) = ["<u>", "</u>"].iter().find(|t| rest.starts_with(**t)) {
            tagged = true;
            i += tag.len();
        } else if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
            visible.push_str(&rest[..1]);
            i += 1;
        } else {
            break;
        }
    }
    let visible = visible.trim_end_matches('.').to_string();
    (tagged && !visible.is_empty() && line[i..].starts_with([' ', '\t'])).then_some((visible, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn numbers(md: &str) -> Vec<String> {
        parse_body(md, 0..md.len())
            .clauses
            .iter()
            .map(|c| c.number.to_string())
            .collect()
    }

    #[test]
    fn recognises_the_forms_councils_write() {
        let md = "# 1 Introduction\n\n1.1 Purchasing decisions.\n\n- 1.1.1 Furthers\n- 1.1.2 Uses\n\n2.0 Scope\n\n- 2.1 A\n\n**3.0** Purpose\n";
        assert_eq!(numbers(md), ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "3"]);
    }

    #[test]
    fn hierarchy_comes_from_numbers_not_indentation() {
        let md = "5.4 Duties\n\n- 5.4.1 act\n\n5.4.2 comply\n";
        let body = parse_body(md, 0..md.len());
        assert_eq!(body.clauses[1].parent, Some(0));
        assert_eq!(body.clauses[2].parent, Some(0));
    }

    #[test]
    fn ordered_lists_are_numbered_by_their_marker() {
        let md = "1. INTRODUCTION\n\n- 1.1 text\n\n2. ROLES\n";
        assert_eq!(numbers(md), ["1", "1.1", "2"]);
    }

    #[test]
    fn prose_that_starts_with_a_number_is_not_a_clause() {
        let md = "1 Intro\n\n24 hours' notice is needed.\n\n2015 was a year.\n\n£1,000 to 24,999.99\n\n27.02.2024 meeting\n";
        assert_eq!(numbers(md), ["1"]);
    }

    #[test]
    fn dot_zero_inside_its_own_section_is_an_out_of_order_clause() {
        let md = "# 2 Reasons\n\n2.1 a\n\n2.0 b\n\n2.1 c\n";
        assert_eq!(numbers(md), ["2", "2.1", "2.0", "2.1"]);
    }

    #[test]
    fn dot_zero_sections_own_their_dot_zero_items() {
        let md =
            "1.0. DEFINITIONS\n\n1.0.1. Member\n\n1.0.2. Officer\n\n2.0. ROLES\n\n2.0.1. Members\n";
        let body = parse_body(md, 0..md.len());
        let got: Vec<_> = body
            .clauses
            .iter()
            .map(|c| (c.number.to_string(), c.parent))
            .collect();
        assert_eq!(
            got,
            [
                ("1".to_string(), None),
                ("1.0.1".to_string(), Some(0)),
                ("1.0.2".to_string(), Some(0)),
                ("2".to_string(), None),
                ("2.0.1".to_string(), Some(3)),
            ]
        );
    }

    #[test]
    fn zero_padded_numbers_count_where_they_continue_the_numbering() {
        let md = "# 4 Meetings\n\n4.8 Notice\n\n4.09 Quorum\n\n4.10 Votes\n";
        assert_eq!(numbers(md), ["4", "4.8", "4.9", "4.10"]);
        let md = "# 1 Scope\n\n1.01 One\n\n1.02 Two\n";
        assert_eq!(numbers(md), ["1", "1.1", "1.2"]);
        // Alone, or out of sequence, a padded number is a time or a date.
        let md = "# 7 Hours\n\n7.05 pm is the start.\n\n7.1 Doors\n\n7.09 late\n\n01.02 x\n";
        assert_eq!(numbers(md), ["7", "7.1"]);
    }

    #[test]
    fn half_renumbered_redline_numbers_are_one_token() {
        let md = "- 8.4<u>3</u>.1 Officers taking\n- 9.2.14<u>0</u> A Chief\n";
        let body = parse_body(md, 0..md.len());
        let got: Vec<_> = body
            .clauses
            .iter()
            .map(|c| (c.number.to_string(), &md[c.number_span.clone()]))
            .collect();
        assert_eq!(
            got,
            [
                ("8.43.1".to_string(), "8.4<u>3</u>.1"),
                ("9.2.140".to_string(), "9.2.14<u>0</u>")
            ]
        );
    }
}
