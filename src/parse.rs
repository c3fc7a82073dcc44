//! The Markdown body of a document: clauses recognised by the number that opens a heading,
//! paragraph or list item, plus the prose runs and links the later passes scan.
//!
//! pulldown-cmark's offset iterator gives every event a byte range, so numbers, labels, links
//! and text keep their exact place in the file. This module decides what counts as a clause
//! number ([`crate::number`] only reads numbers); the hierarchy comes from the numbers, never
//! from indentation.

use crate::model::{BlockKind, Clause, Heading, Label, Link};
use crate::number::{
    letter_value, parse_leading, parse_sub, roman_value, ClauseNumber, Seg, Style,
};
use crate::source::Span;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap as HashMap;

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

/// Words that may divide a document rather than number its clauses.
const DIVISIONS: [&str; 3] = ["part", "chapter", "schedule"];

/// "## Part 1 Meetings … ## Rule 1 … ## Rule 2 … ## Part 2 Debate … ## Rule 3": Parts that
/// hold no clause of their own numbering divide the document, and their numbers restart
/// beside the Rules'. Where such a division's number is also another top-level unit's, the
/// divisions are headings, not clauses (they stay in `headings`, and the clause before runs
/// on through them). A division with clauses under it ("Chapter 2" with 2.1, 2.2) is a
/// section and stays.
fn demote_divisions(text: &str, clauses: &mut Vec<Clause>) {
    let word = |c: &Clause| {
        c.unit
            .as_ref()
            .map(|u| text[u.clone()].to_ascii_lowercase())
    };
    let mut drop = vec![false; clauses.len()];
    for d in DIVISIONS {
        let is_div = |c: &Clause| c.number.depth() == 1 && word(c).as_deref() == Some(d);
        let has_children = clauses
            .iter()
            .any(|c| c.parent.is_some_and(|p| is_div(&clauses[p])));
        let clash = clauses.iter().filter(|c| is_div(c)).any(|u| {
            clauses
                .iter()
                .any(|c| c.number.depth() == 1 && !is_div(c) && c.number == u.number)
        });
        if clash && !has_children {
            for (k, c) in clauses.iter().enumerate() {
                drop[k] |= is_div(c);
            }
        }
    }
    if !drop.contains(&true) {
        return;
    }
    let mut new_index = vec![None; clauses.len()];
    let mut n = 0;
    for (k, dropped) in drop.iter().enumerate() {
        if !dropped {
            new_index[k] = Some(n);
            n += 1;
        }
    }
    let old = std::mem::take(clauses);
    for (k, mut c) in old.into_iter().enumerate() {
        if !drop[k] {
            c.parent = c.parent.and_then(|p| new_index[p]);
            clauses.push(c);
        }
    }
}

/// The text of an ATX heading line, without its `#` marks (setext headings: the first line).
fn heading_at(text: &str, start: usize, level: u8) -> Heading {
    let end = line_end(text, start);
    let line = &text[start..end];
    let inner = line.trim_start().trim_start_matches('#').trim_start();
    let inner = inner.trim_end().trim_end_matches('#').trim_end();
    let from = start
        + (line.len() - line.trim_start().len())
        + (line.trim_start().len() - line.trim_start().trim_start_matches('#').trim_start().len());
    Heading {
        level,
        text: from..(from + inner.len()).min(end),
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Add a run, joining it to the previous one when only indentation lies between them: the
/// parser leaves out the spaces that indent a paragraph's continuation lines, and a title
/// wrapped onto such a line ("Head of Legal⏎   Services") is still one phrase.
fn push_run(text: &str, runs: &mut Vec<Span>, r: Span) {
    match runs.last_mut() {
        Some(last)
            if last.end <= r.start
                && text[last.end..r.start]
                    .bytes()
                    .all(|c| c == b' ' || c == b'\t')
                && (last.end == r.start || text[..last.end].ends_with('\n')) =>
        {
            last.end = r.end
        }
        _ => runs.push(r),
    }
}

fn link_at(text: &str, span: Span, dest: String) -> Link {
    let src = &text[span.clone()];
    let (text_span, dest_span) = match (src.starts_with('['), src.rfind("](")) {
        (true, Some(mid)) if src.ends_with(')') => (
            (span.start + 1)..(span.start + mid),
            Some((span.start + mid + 2)..(span.end - 1)),
        ),
        _ => (span.clone(), None),
    };
    Link {
        span,
        text: text_span,
        dest,
        dest_span,
    }
}

/// Each clause runs to the start of the next one; the last to the end of the body.
fn close_spans(clauses: &mut [Clause], end: usize) {
    let starts: Vec<usize> = clauses.iter().skip(1).map(|c| c.span.start).collect();
    for (c, next) in clauses.iter_mut().zip(starts.into_iter().chain([end])) {
        c.span.end = next.max(c.span.start);
    }
}

fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

/// Skip emphasis markers that close around a bold number (`**1.0** Definitions`).
fn skip_emphasis(s: &str) -> &str {
    s.trim_start_matches(['*', '_'])
}

/// After a plain section number in a paragraph, the next word must start with a capital
/// letter: "1 Introduction" is a section, "24 hours' notice" is prose.
fn looks_like_title(rest: &str) -> bool {
    skip_emphasis(rest.trim_start_matches([' ', '\t']))
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '"' || c == '‘' || c == '“')
}

/// A line that reads as a title, not a sentence: a capital first, at most ten words, and no
/// final stop, semicolon, colon or comma ("Background papers", not "Approves the fees.").
fn reads_as_title(rest: &str) -> bool {
    let line = skip_emphasis(rest.trim_start_matches([' ', '\t'])).trim_end();
    looks_like_title(line)
        && line.split_whitespace().count() <= 10
        && !line.ends_with(['.', ';', ':', ','])
}

/// Whether a sub-paragraph `new` continues the run of `old` (same scheme, next in sequence,
/// or both unmistakably of one scheme).
fn same_scheme(old: &str, new: &str) -> bool {
    let next_letter =
        matches!((letter_value(old), letter_value(new)), (Some(a), Some(b)) if b == a + 1);
    let next_roman =
        matches!((roman_value(old), roman_value(new)), (Some(a), Some(b)) if b == a + 1);
    // A single c, l or d is a letter: nobody numbers sub-paragraphs (l) for fifty.
    let roman = |s: &str| roman_value(s).is_some_and(|v| v <= 39);
    // (h), (i), (k): a single letter after a single letter later in the alphabet continues
    // a lettered run, even when the earlier one could be read as a roman numeral.
    let later_letter = old.len() == 1
        && new.len() == 1
        && !roman(new)
        && matches!((letter_value(old), letter_value(new)), (Some(a), Some(b)) if b > a);
    let letters = !roman(old) && !roman(new);
    let romans = roman(old) && roman(new) && (old.len() > 1 || new.len() > 1 || old == "i");
    next_letter || next_roman || letters || romans || later_letter
}

/// Marks after an item's letters that make one run: `.` with `.`, `)` with `)`; a tab and
/// spaces are alike, as PDF converters write either for the same gap.
fn same_mark(a: u8, b: u8) -> bool {
    let blank = |c: u8| c == b' ' || c == b'\t';
    a == b || (blank(a) && blank(b))
}

/// How far after a first item ("a.") the second ("b.") is looked for: a long first item is a
/// few paragraphs; further off, the letter was prose.
const ITEM_LOOKAHEAD: usize = 6000;

/// Whether item `new` may follow item `old` in one run: the next of its scheme, the same
/// again (a duplicate, reported) or one skipped (a gap, reported); further off it is prose.
fn continues_run(old: &str, new: &str) -> bool {
    if !same_scheme(old, new) {
        return false;
    }
    let step = |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if (a..=a + 2).contains(&b));
    // "i" then "ii" is roman; "h", "i", "j" are letters.
    step(roman_value(old), roman_value(new)) || step(letter_value(old), letter_value(new))
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

    /// A lettered or roman item without brackets ("a. Motions", "iv) text", "A. Scope",
    /// "a⇥text" from a PDF), taken only where it opens a run ("a", "i") under a numbered
    /// clause or continues the run of items before it: alone, "A. Smith" is prose.
    fn try_bare_item(&mut self, p: Pending, at: usize, line: &str) {
        let Some(item) = crate::number::parse_bare_item(line) else {
            return;
        };
        let (tag, len) = (item.tag, item.len);
        let style = Style::Item { upper: item.upper };
        let Some(parent) = self.sub_parent(&tag) else {
            return;
        };
        let previous = self.body.clauses[parent + 1..]
            .iter()
            .rev()
            .find(|c| c.parent == Some(parent) && c.style == style)
            .and_then(|c| match c.number.last() {
                Some(Seg::Sub(old)) => Some(*old),
                _ => None,
            });
        let fits = match previous {
            Some(old) => continues_run(&old, &tag),
            None => match &*tag {
                // The second item, or the third when the second is missing (a gap, reported).
                "a" => self.item_follows(at, &["b", "c"], item),
                "i" => self.item_follows(at, &["ii", "iii"], item),
                _ => false,
            },
        };
        if !fits {
            return;
        }
        let number = self.body.clauses[parent].number.child(Seg::Sub(tag));
        self.push(number, at..at + len, style, p.kind, p.start, at + len);
    }

    /// Whether an item after the opener `first` (at `at`) is written further on, as a line
    /// starting with one of `next` and the same mark: a run has two items, and a lone "A." or "I."
    /// opening a paragraph is prose ("A. Smith was elected").
    fn item_follows(&self, at: usize, next: &[&str], first: crate::number::BareItem) -> bool {
        let end = self.end.min(at + ITEM_LOOKAHEAD);
        let end = (at..=end)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(at);
        self.text[at..end].lines().skip(1).any(|l| {
            let l = l.trim_start_matches([' ', '\t', '-', '*', '+', '>']);
            crate::number::parse_bare_item(l).is_some_and(|it| {
                next.contains(&&*it.tag)
                    && it.upper == first.upper
                    && same_mark(it.mark, first.mark)
            })
        })
    }

    /// Whether a top-level number `n` (not in a heading) belongs to a numbered list inside
    /// the clause before it rather than opening section `n`: a list restarting at 1 under a
    /// numbered clause is that clause's list ("Recommendations: 1. Approve … 2. Note …"),
    /// and its next numbers, in the same Markdown list (or the same run of paragraphs),
    /// continue it. Any other repeat of a section number is a duplicate, and reported.
    fn in_inner_list(&mut self, n: u32, list: Option<usize>, rest: &str) -> bool {
        if let Some((at, last)) = self.inner_list {
            // "**3** Background papers" after a list 1, 2 in section 3: a short line without
            // a sentence's final stop, numbered as the section or the next one, is that
            // section (a duplicate is then reported), not the list's third item.
            let section_like =
                self.section.is_some_and(|s| n == s || n == s + 1) && reads_as_title(rest);
            if at == list && n == last + 1 && !section_like {
                self.inner_list = Some((at, n));
                return true;
            }
        }
        if n == 1 && self.section.is_some() {
            self.inner_list = Some((list, 1));
            return true;
        }
        false
    }

    /// The clause a new sub-paragraph hangs from: a sibling run of sub-paragraphs continues,
    /// an `(i)` after an `(a)` nests, and the first `(a)` hangs from the last numbered clause.
    fn sub_parent(&self, new: &str) -> Option<usize> {
        let last = self.body.clauses.len().checked_sub(1)?;
        let mut at = Some(last);
        while let Some(i) = at {
            let c = &self.body.clauses[i];
            match c.number.last() {
                Some(Seg::Sub(old)) if same_scheme(old, new) => return c.parent,
                Some(Seg::Sub(_)) => at = c.parent,
                _ => break,
            }
        }
        Some(last)
    }

    /// A headed unit, "Rule 5. Regular Meetings", "**Section 4.7. Managing Members.**",
    /// "ARTICLE IV", "### Rule 33A.": the unit word (`unit_len` bytes with its space) at `at`,
    /// then a number, then the end of the line, a title, or the close of the bold.
    /// The declared unit word at the start of `line` (any case) and one space: their length.
    fn declared_word(&self, line: &str) -> Option<usize> {
        crate::number::word_then_space(line, self.declared_unit?)
    }

    fn try_unit(&mut self, p: Pending, at: usize, unit_len: usize) {
        let line = &self.text[at..self.line_end(at)];
        let rest = &line[unit_len..];
        // `written` is the number's span (a roman numeral's full stop is not part of it, as
        // renumbering writes the numeral alone); `len` runs on past that stop.
        // A heading's full stop ("Rule 5. Regular Meetings") is the heading's punctuation,
        // not a numbering style: the number is plain, and renumbering leaves the stop.
        let (number, written, len, style) = if let Some(lead) = parse_leading(rest) {
            let dot = usize::from(lead.style == Style::TrailingDot);
            let style = match lead.style {
                Style::TrailingDot => Style::Plain,
                s => s,
            };
            (lead.number, lead.len - dot, lead.len, style)
        } else if let Some((v, n)) = crate::number::parse_upper_roman(rest) {
            let dot = usize::from(rest.as_bytes().get(n) == Some(&b'.'));
            (ClauseNumber(vec![Seg::num(v)]), n, n + dot, Style::Roman)
        } else {
            return;
        };
        let after = &rest[len..];
        if !(after.is_empty() || after.starts_with([' ', '\t', '<', '*', '_'])) {
            return;
        }
        let start = at + unit_len;
        let unit = at..at + unit_len - 1;
        self.push(
            number,
            start..start + written,
            style,
            p.kind,
            p.start,
            start + len,
        );
        if let Some(c) = self.body.clauses.last_mut() {
            c.unit = Some(unit);
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

/// Find a trailing `{#label}` on a clause's first line; returns the head without it.
fn split_label(text: &str, line: Span) -> (Span, Option<Label>) {
    let s = &text[line.clone()];
    let trimmed = s.trim_end();
    let head = |end: usize| {
        let h = &text[line.start..end];
        let lead = h.len() - h.trim_start().len();
        (line.start + lead)..(line.start + h.trim_end().len()).max(line.start + lead)
    };
    // Checked in this order because most lines do not end with a brace.
    if let Some(open) = trimmed
        .ends_with('}')
        .then(|| trimmed.rfind("{#"))
        .flatten()
    {
        let name = &trimmed[open + 2..trimmed.len() - 1];
        if !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let span = (line.start + open)..(line.start + trimmed.len());
            return (
                head(line.start + open),
                Some(Label {
                    name: name.to_string(),
                    span,
                }),
            );
        }
    }
    (head(line.start + trimmed.len()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(md: &str) -> Vec<String> {
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
    fn numbered_lists_inside_clauses_are_not_sections() {
        let md = "# 4 Options\n\n4.1 The options are:\n\n1. endorse the changes;\n2. reject them.\n\n- 4.1.1 Also:\n  1. Nested Title\n";
        assert_eq!(numbers(md), ["4", "4.1", "4.1.1"]);
    }

    #[test]
    fn lettered_and_roman_items_without_brackets() {
        // Model standing orders: "1. Rules of debate" with items a., b. and i., ii. under them.
        let md = "1. Rules of debate at meetings\n\na. Motions on the agenda shall be moved.\n\nb. A motion may be amended.\n\ni. to leave out words;\n\nii. to add words.\n\nc. A member may speak once.\n";
        assert_eq!(
            numbers(md),
            ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)", "1(c)"]
        );
        let md =
            "2 Scope\n\nA. Purchases\n\nB. Disposals\n\n3 Roles\n\na) members\n\nb) officers\n";
        assert_eq!(numbers(md), ["2", "2(a)", "2(b)", "3", "3(a)", "3(b)"]);
        let body = parse_body(md, 0..md.len());
        assert_eq!(body.clauses[1].style, Style::Item { upper: true });
        assert_eq!(&md[body.clauses[1].number_span.clone()], "A");
        // Text converted from PDF: a letter, then a tab or two spaces.
        let md = "4.1 The officer shall:\n\na\tkeep records\n\nb  report yearly\n";
        assert_eq!(numbers(md), ["4.1", "4.1(a)", "4.1(b)"]);
        // h, i, j are letters; a duplicate and a skipped letter are still items (reported).
        let md = "5 X\n\ng. one\n\nh. two\n\ni. three\n\nj. four\n\nj. again\n\nl. skip\n";
        assert_eq!(numbers(md), ["5", "5(a)"][..1]);
        let md = "5 X\n\na. one\n\nb. two\n\nc. three\n\nd. four\n\ne. five\n\nf. six\n\ng. seven\n\nh. eight\n\ni. nine\n\nj. ten\n\nj. again\n\nl. skip\n";
        let got = numbers(md);
        assert_eq!(got[8..], ["5(h)", "5(i)", "5(j)", "5(j)", "5(l)"]);
    }

    #[test]
    fn a_lone_letter_in_prose_is_not_an_item() {
        let md = "1 Members\n\nA. Smith was elected.\n\nI. e. the chair.\n\nx. marks\n";
        assert_eq!(numbers(md), ["1"]);
        // Before any numbered clause, nothing hangs an item.
        assert!(numbers("a. first\n\nb. second\n").is_empty());
    }

    #[test]
    fn a_list_restarting_at_one_inside_a_clause_is_its_list() {
        let md = "1. Purpose of report\n\nRecommendations:\n\n1. Approve the budget.\n2. Approve the fees.\n\n## 2. Background\n\nReasons:\n\n1. The law requires it.\n2. Members asked.\n\nMore reasons:\n\n1. It saves money.\n\n## 3. Options\n";
        assert_eq!(numbers(md), ["1", "2", "3"]);
        // As paragraphs (bold numbers) rather than a Markdown list.
        let md = "**1** Purpose\n\n**1** Approve the budget.\n\n**2** Approve the fees.\n\n## 2 Background\n";
        assert_eq!(numbers(md), ["1", "2"]);
        // A repeated section number that does not restart a list is still read (and reported
        // as a duplicate).
        let md = "**1** Intro\n\n**2** Scope\n\n**2** Scope again\n\n**3** End\n";
        assert_eq!(numbers(md), ["1", "2", "2", "3"]);
    }

    #[test]
    fn prose_that_starts_with_a_number_is_not_a_clause() {
        let md = "1 Intro\n\n24 hours' notice is needed.\n\n2015 was a year.\n\n£1,000 to 24,999.99\n\n27.02.2024 meeting\n";
        assert_eq!(numbers(md), ["1"]);
    }

    #[test]
    fn sub_paragraphs_hang_from_their_clause() {
        let md = "8.1.7 Follow advice.\n\n- (a) one\n- (b) two\n  - (i) deep\n  - (ii) deeper\n- (c) three\n";
        assert_eq!(
            numbers(md),
            [
                "8.1.7",
                "8.1.7(a)",
                "8.1.7(b)",
                "8.1.7(b)(i)",
                "8.1.7(b)(ii)",
                "8.1.7(c)"
            ]
        );
        let md = "1.1 x\n\n- (h) h\n- (i) i\n";
        assert_eq!(numbers(md), ["1.1", "1.1(h)", "1.1(i)"]);
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
    fn headed_units_keep_their_word() {
        let md = "# Rule 5. Regular Meetings\n\n5.1 Held monthly.\n\n### Rule 5A.\n\n**Section 6. Notice.** Text\n\n## ARTICLE VII\n\n## Article VIII. Officers\n\n## Council Procedure Rule 8.1 Votes\n\n## Standing Order 9\n\n## Part C Forms\n\nSection 4 of the Act applies.\n";
        let body = parse_body(md, 0..md.len());
        let got: Vec<_> = body
            .clauses
            .iter()
            .map(|c| {
                (
                    c.number.to_string(),
                    &md[c.number_span.clone()],
                    c.unit.clone().map(|u| &md[u]),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("5".to_string(), "5", Some("Rule")),
                ("5.1".to_string(), "5.1", None),
                ("5A".to_string(), "5A", Some("Rule")),
                ("6".to_string(), "6", Some("Section")),
                ("7".to_string(), "VII", Some("ARTICLE")),
                ("8".to_string(), "VIII", Some("Article")),
                ("8.1".to_string(), "8.1", Some("Council Procedure Rule")),
                ("9".to_string(), "9", Some("Standing Order")),
            ]
        );
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

    #[test]
    fn labels_are_read_and_kept_out_of_the_head() {
        let md = "# 16 Standard Clauses {#standard-clauses}\n";
        let body = parse_body(md, 0..md.len());
        let c = &body.clauses[0];
        assert_eq!(c.label.as_ref().unwrap().name, "standard-clauses");
        assert_eq!(&md[c.head.clone()], "Standard Clauses");
        assert_eq!(
            &md[c.label.as_ref().unwrap().span.clone()],
            "{#standard-clauses}"
        );
    }

    #[test]
    fn clause_spans_tile_the_body_and_runs_exclude_links() {
        let md = "intro\n\n1.1 See [CSO 16](#standard-clauses) now.\n\n1.2 Next\n";
        let body = parse_body(md, 0..md.len());
        assert_eq!(body.clauses[0].span.end, body.clauses[1].span.start);
        assert_eq!(body.clauses[1].span.end, md.len());
        assert_eq!(body.links[0].dest, "#standard-clauses");
        assert_eq!(&md[body.links[0].text.clone()], "CSO 16");
        assert!(body.runs.iter().all(|r| !md[r.clone()].contains("CSO 16")));
    }
}
