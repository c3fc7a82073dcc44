//! Writing one imported document in the source format (docs/FORMAT.md): front matter, then
//! sections as `#` headings, two-level clauses as paragraphs, deeper clauses and `(a)`
//! sub-paragraphs as `- ` list items, unnumbered items nested under list-item clauses, tables
//! as pipe tables, short unnumbered titles in bold.
//!
//! Markdown is written as text (no AST library is needed to produce it): everything in a block
//! is literal except the converter's `**bold**` pairs and `<u>…</u>` insertion marks, so `*`,
//! `_`, `` ` ``, `~`, `\`, `<`, entity-like `&`, link-like `[` and block markers at the start
//! are escaped. A number that must not read as a clause (a date, an agenda entry) has its
//! punctuation escaped or its first character written as a character reference. The result is
//! read back with [`crate::parse::parse_body`] and any clause that came out differently is
//! reported. Deciding what the blocks are is [`super::split`]'s job.

use super::split::{self, clause_number_at_start, title_like};
use super::{Block, Kind, Meta};
use crate::number::Style;
use std::borrow::Cow;

/// One document written out.
#[derive(Debug, Default)]
pub struct Rendered {
    pub text: String,
    /// Clause numbers in order, as imported (sub-paragraphs as `(a)`).
    pub clauses: Vec<String>,
    /// Input lines of paragraphs before the first clause (not titles or tables).
    pub unplaced: Vec<usize>,
    /// Empty, or how the written clauses differ from the imported ones.
    pub mismatch: String,
}

/// A YAML double-quoted string.
pub fn yaml_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn front_matter(meta: &Meta) -> String {
    let mut s = String::from("---\n");
    s.push_str(&format!("id: {}\n", meta.id));
    s.push_str(&format!("title: {}\n", yaml_str(&meta.title)));
    let part = meta.part.as_deref().unwrap_or(super::UNPLACED_PART);
    s.push_str(&format!("part: {}\n", yaml_str(part)));
    if let Some(short) = &meta.short {
        s.push_str(&format!("short: {}\n", yaml_str(short)));
    }
    if !meta.long.is_empty() {
        let long: Vec<String> = meta.long.iter().map(|l| yaml_str(l)).collect();
        s.push_str(&format!("long: [{}]\n", long.join(", ")));
    }
    s.push_str("status: draft\n---\n");
    s
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

/// Byte offsets of the `**` runs that form real bold pairs (left- and right-flanking).
fn bold_pairs(s: &str) -> Vec<usize> {
    let mut kept = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'*' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i] == b'*' {
            i += 1;
        }
        if i - start != 2 {
            continue;
        }
        let prev = s[..start].chars().next_back();
        let next = s[i..].chars().next();
        let white = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(is_punct);
        let left = !white(next) && (!punct(next) || white(prev) || punct(prev));
        let right = !white(prev) && (!punct(prev) || white(next) || punct(next));
        if right && !open.is_empty() {
            kept.push(open.pop().expect("checked"));
            kept.push(start);
        } else if left {
            open.push(start);
        }
    }
    kept.sort_unstable();
    kept
}

fn entity_like(rest: &str) -> bool {
    let r = &rest[1..];
    let end = r.find(';').filter(|&e| e > 0 && e <= 32);
    end.is_some_and(|e| {
        let name = &r[..e];
        name.strip_prefix('#').map_or_else(
            || name.bytes().all(|c| c.is_ascii_alphanumeric()),
            |n| {
                n.bytes().all(|c| c.is_ascii_digit())
                    || n.strip_prefix(['x', 'X'])
                        .is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
            },
        )
    })
}

fn link_like(rest: &str) -> bool {
    let inner = &rest[1..];
    match inner.find([']', '[']) {
        Some(e) if inner[e..].starts_with(']') => inner[e + 1..].starts_with(['(', '[']),
        _ => false,
    }
}

/// Escape a block's text so that it reads back as the same words.
pub fn escape_inline(s: &str, in_table: bool) -> Cow<'_, str> {
    let special = |b: u8| {
        matches!(
            b,
            b'*' | b'_' | b'\\' | b'`' | b'~' | b'<' | b'&' | b'[' | b'{'
        ) || (in_table && b == b'|')
    };
    let Some(first) = s.bytes().position(special) else {
        return Cow::Borrowed(s);
    };
    let bold = if s[first..].contains("**") {
        bold_pairs(s)
    } else {
        Vec::new()
    };
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 16);
    let mut at = 0;
    while let Some(off) = bytes[at..].iter().position(|&b| special(b)) {
        let i = at + off;
        out.push_str(&s[at..i]);
        let rest = &s[i..];
        let prev = s[..i].chars().next_back();
        let next = s[i + 1..].chars().next();
        let escape = match bytes[i] {
            b'*' => {
                let run_start = if prev == Some('*') { i - 1 } else { i };
                bold.binary_search(&run_start).is_err()
            }
            b'_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            b'\\' | b'`' | b'~' => true,
            b'<' => !(rest.starts_with("<u>") || rest.starts_with("</u>")),
            b'&' => entity_like(rest),
            b'[' => link_like(rest),
            b'|' => true,
            b'{' => rest.starts_with("{#") && rest.trim_end().ends_with('}'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(bytes[i] as char);
        at = i + 1;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

/// Escape what would start a block construct: `#`, `>`, `-`, `+`, a link definition, and an
/// ordered-list marker or clause number that is not meant as one.
fn escape_start(e: &str, keep_number: bool, heading: bool) -> String {
    let mut e = e.to_string();
    if e.starts_with(['#', '>', '-', '+', '=']) || (e.starts_with('[') && e.contains("]:")) {
        e.insert(0, '\\');
    }
    if heading && e.ends_with('#') {
        e.insert(e.len() - 1, '\\');
    }
    if keep_number {
        return e;
    }
    let digits = e.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) && e[digits..].starts_with(['.', ')']) {
        let after = &e[digits + 1..];
        if after.is_empty() || after.starts_with([' ', '\t']) {
            e.insert(digits, '\\');
        }
    }
    if clause_number_at_start(&e, heading).is_some() {
        // A digit cannot be backslash-escaped, and the parser reads on after a leading
        // escape: write the first character as a character reference.
        let first = e.chars().next().expect("a number");
        e = format!("&#{};{}", first as u32, &e[first.len_utf8()..]);
    }
    e
}

/// A section written as a paragraph that starts "4. …" is a Markdown ordered-list item:
/// what follows the marker must not start a block of its own (a nested list, say).
fn as_list_item(e: &str) -> String {
    let digits = e.bytes().take_while(u8::is_ascii_digit).count();
    match e[digits..].strip_prefix(['.', ')']) {
        Some(rest) if digits > 0 && rest.starts_with(' ') => {
            let body = rest.trim_start();
            format!("{} {}", &e[..digits + 1], escape_start(body, false, false))
        }
        _ => e.to_string(),
    }
}

/// Whether a short unnumbered line can be written in bold without escapes getting in the way.
fn boldable(text: &str) -> bool {
    title_like(text)
        && text.split_whitespace().count() <= 8
        && !text.contains(|c: char| c == ',' || c.is_ascii_digit())
        && !text.trim_end().ends_with([':', '-', '–'])
        && text.starts_with(char::is_alphabetic)
        && !text.contains(['*', '_', '\\', '<', '`', '[', '~', '&', '#', '|'])
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Start,
    Block,
    /// A numbered clause was written last as a list item.
    Clause,
    /// An unnumbered item was written last: its nesting in the input and in the output, and
    /// whether it hangs from a clause written as a list item.
    Bullet {
        input: u8,
        nested: bool,
        under_clause: bool,
    },
}

struct Writer {
    out: String,
    ctx: Ctx,
    intended: Vec<(usize, String)>,
}

impl Writer {
    fn block(&mut self, text: &str) -> usize {
        if self.ctx != Ctx::Start {
            self.out.push_str("\n\n");
        }
        let at = self.out.len();
        self.out.push_str(text);
        self.ctx = Ctx::Block;
        at
    }

    fn item(&mut self, nested: bool, text: &str) -> usize {
        match self.ctx {
            Ctx::Start => {}
            Ctx::Clause | Ctx::Bullet { .. } => self.out.push('\n'),
            Ctx::Block => self.out.push_str("\n\n"),
        }
        let at = self.out.len();
        self.out.push_str(if nested { "  - " } else { "- " });
        self.out.push_str(text);
        self.ctx = Ctx::Clause;
        at
    }

    /// An unnumbered list item: nested under a clause written as a list item (and staying
    /// there when a blank line split the list), otherwise nested as the input nests it
    /// relative to the item before.
    fn bullet(&mut self, level: u8, text: &str) {
        let (nested, under_clause) = match self.ctx {
            Ctx::Clause => (level > 0, level > 0),
            Ctx::Bullet {
                input,
                nested,
                under_clause,
            } => {
                if under_clause || level == input {
                    (nested, under_clause)
                } else {
                    (level > input, false)
                }
            }
            _ => (false, false),
        };
        self.item(nested, text);
        self.ctx = Ctx::Bullet {
            input: level,
            nested,
            under_clause,
        };
    }

    fn table(&mut self, rows: &[Vec<String>]) {
        let line = |r: &[String]| {
            let cells: Vec<Cow<str>> = r.iter().map(|c| escape_inline(c.trim(), true)).collect();
            format!("| {} |", cells.join(" | "))
        };
        let mut t = line(&rows[0]);
        t.push('\n');
        t.push_str(&format!("|{}", " --- |".repeat(rows[0].len())));
        for r in &rows[1..] {
            t.push('\n');
            t.push_str(&line(r));
        }
        self.block(&t);
    }
}

/// A headed unit as the parser reads one: a short line ("Rule 5. Regular Meetings", "ARTICLE
/// IV") as a heading, its level the number's depth; a unit that opens a paragraph ("Section
/// 4.7. Officers. The officers are…") with its word and number in bold. `e` is the escaped
/// text and `head` the bytes the word and number take in the unescaped `text`.
fn unit_block(e: &str, text: &str, head: usize, depth: usize) -> String {
    let title = text.get(head..).unwrap_or("");
    let short =
        split::plain(text).chars().count() <= 80 && !title.trim_end_matches('.').contains(". ");
    if short {
        return format!(
            "{} {}",
            "#".repeat(depth.min(6)),
            escape_start(e, true, true)
        );
    }
    // The word and number hold nothing escaping changes, so they start `e` unchanged.
    match e.get(..head).filter(|h| *h == &text[..head]) {
        Some(h) => format!("**{h}**{}", &e[head..]),
        None => e.to_string(),
    }
}

/// Write one document: its front matter and its blocks.
pub fn render(blocks: &[Block], meta: &Meta) -> Rendered {
    let mut w = Writer {
        out: front_matter(meta),
        ctx: Ctx::Start,
        intended: Vec::new(),
    };
    w.out.push('\n');
    let body_start = w.out.len();
    let mut section: Option<u32> = None;
    let mut unplaced = Vec::new();
    for b in blocks {
        if let Kind::Table(rows) = &b.kind {
            if !rows.is_empty() && !rows[0].is_empty() {
                w.table(rows);
            }
            continue;
        }
        let text = b.text.trim();
        if text.is_empty() {
            continue;
        }
        let e = escape_inline(text, false);
        let num = split::written_num(b, &e);
        let has_clause = !w.intended.is_empty();
        match num {
            Some(n) if n.sub && has_clause => {
                let at = w.item(false, &escape_start(&e, true, false));
                w.intended.push((at, n.number.to_string()));
            }
            Some(n) if n.unit.is_some() => {
                let at = w.block(&unit_block(&e, text, n.unit.unwrap_or(0), n.number.depth()));
                if n.number.depth() == 1 {
                    section = n.number.0[0].plain();
                }
                w.intended.push((at, n.number.to_string()));
            }
            Some(n) if !n.sub => {
                let mut number = n.number.clone();
                let own_section = n.style == Style::DotZero
                    && section.is_some()
                    && section == n.number.0[0].plain();
                if own_section {
                    number.0.push(crate::number::Seg::num(0));
                }
                let at = match number.depth() {
                    1 => {
                        // A list restarting at 1 inside a section is that section's list to
                        // the parser; a section 1 there is written as a heading, which always
                        // opens a section.
                        let restart = section.is_some() && number.0[0].plain() == Some(1);
                        section = number.0[0].plain();
                        let p = split::plain(text);
                        let title = p.trim_start().split_once(' ').map_or("", |(_, t)| t);
                        if restart || (p.chars().count() <= 120 && !title.contains(". ")) {
                            w.block(&format!("# {}", escape_start(&e, true, true)))
                        } else {
                            w.block(&as_list_item(&escape_start(&e, true, false)))
                        }
                    }
                    2 => w.block(&escape_start(&e, true, false)),
                    _ => w.item(false, &escape_start(&e, true, false)),
                };
                w.intended.push((at, number.to_string()));
            }
            _ => {
                let e = escape_start(&e, false, false);
                match b.kind {
                    Kind::Bullet(level) => w.bullet(level, &e),
                    _ if boldable(text) => {
                        w.block(&format!("**{e}**"));
                    }
                    _ => {
                        if !has_clause && !title_like(text) {
                            unplaced.push(b.line);
                        }
                        w.block(&e);
                    }
                }
            }
        }
    }
    w.out.push('\n');
    let (mismatch, bare) = verify(&w.out, body_start, &w.intended);
    let mut clauses = w.intended;
    clauses.extend(bare);
    clauses.sort_by_key(|(at, _)| *at);
    Rendered {
        clauses: clauses.into_iter().map(|(_, n)| n).collect(),
        text: w.out,
        unplaced,
        mismatch,
    }
}

/// Read the written body back with clerk's parser and compare the clauses with those meant.
///
/// Items written with bare letters ("a.", "a<TAB>") and zero-padded numbers are the parser's
/// to find: whether "A." opens a run of items or a sentence depends on the lines after it,
/// which the parser reads. They are left out of the comparison and returned, to be counted
/// with the clauses.
fn verify(
    text: &str,
    body_start: usize,
    intended: &[(usize, String)],
) -> (String, Vec<(usize, String)>) {
    let body = crate::parse::parse_body(text, body_start..text.len());
    // A zero-padded level ("4.09" after "4.8") is read only where it continues the
    // numbering, which is the parser's to see too.
    let padded = |c: &crate::model::Clause| {
        text[c.number_span.clone()]
            .split('.')
            .skip(1)
            .any(|l| l.len() > 1 && l.starts_with('0') && l.as_bytes()[1].is_ascii_digit())
    };
    let item = |c: &&crate::model::Clause| matches!(c.style, Style::Item { .. }) || padded(c);
    let bare: Vec<(usize, String)> = body
        .clauses
        .iter()
        .filter(item)
        .map(|c| (c.span.start, c.number.to_string()))
        .collect();
    let got: Vec<(usize, String)> = body
        .clauses
        .iter()
        .filter(|c| !item(c))
        .map(|c| {
            let n = match c.number.last() {
                Some(crate::number::Seg::Sub(s)) => format!("({s})"),
                _ => c.number.to_string(),
            };
            (c.span.start, n)
        })
        .collect();
    if got == intended {
        return (String::new(), bare);
    }
    let line = |at: usize| text[..at].matches('\n').count() + 1;
    let first = got
        .iter()
        .zip(intended)
        .position(|(a, b)| a != b)
        .unwrap_or(got.len().min(intended.len()));
    let show = |v: Option<&(usize, String)>| {
        v.map_or("nothing".to_string(), |(at, n)| {
            format!("{n} on line {}", line(*at))
        })
    };
    let mismatch = format!(
        "expected {}, found {}",
        show(intended.get(first)),
        show(got.get(first))
    );
    (mismatch, bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(
            escape_inline("£663,540** including VAT", false),
            "£663,540\\*\\* including VAT"
        );
        assert_eq!(
            escape_inline("In respect **N.B.** of", false),
            "In respect **N.B.** of"
        );
        assert_eq!(
            escape_inline("<u>mMembers_in_a</u> x", false),
            "<u>mMembers_in_a</u> x"
        );
        assert_eq!(
            escape_inline("a <b> [x](y) &amp; _z_ `c`", false),
            "a \\<b> \\[x](y) \\&amp; \\_z\\_ \\`c\\`"
        );
        assert_eq!(escape_inline("[Note – check]", false), "[Note – check]");
        assert_eq!(escape_start("1) CRWP", false, false), "1\\) CRWP");
        assert_eq!(
            escape_start("27 FEBRUARY 2024", false, false),
            "&#50;7 FEBRUARY 2024"
        );
        assert_eq!(escape_start("- not a list", false, false), "\\- not a list");
    }

    fn meta() -> Meta {
        Meta {
            id: "x".into(),
            title: "X".into(),
            part: None,
            short: None,
            long: vec![],
        }
    }

    #[test]
    fn layout_follows_the_format_and_reads_back() {
        let blocks = vec![
            Block::new(Kind::Para, "Protocol", 1),
            Block::new(Kind::Para, "1.0 Definitions", 2),
            Block::new(Kind::Bullet(0), "1.1 Member means", 3),
            Block::new(Kind::Bullet(1), "1.1.1 co-opted", 4),
            Block::new(Kind::Bullet(1), "also elected", 5),
            Block::new(Kind::Bullet(0), "(a) first", 6),
            Block::new(
                Kind::Table(vec![
                    vec!["A".into(), "B|C".into()],
                    vec!["1".into(), String::new()],
                ]),
                "",
                7,
            ),
            Block::new(Kind::Para, "2.0 Scope", 8),
            Block::new(Kind::Para, "2.0 again", 9),
        ];
        let r = render(&blocks, &meta());
        let body = r.text.split("---\n").nth(2).unwrap();
        assert_eq!(
            body,
            "\n**Protocol**\n\n# 1.0 Definitions\n\n1.1 Member means\n\n- 1.1.1 co-opted\n  - also elected\n- (a) first\n\n| A | B\\|C |\n| --- | --- |\n| 1 |  |\n\n# 2.0 Scope\n\n2.0 again\n"
        );
        assert_eq!(r.clauses, ["1", "1.1", "1.1.1", "(a)", "2", "2.0"]);
        assert_eq!(r.mismatch, "");
    }
}
