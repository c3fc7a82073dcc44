//! Text and Markdown converted from PDF, read line by line into [`Block`]s.
//!
//! The converter's conventions are the grammar: a blank line ends a paragraph, an indented line
//! continues the one above, `- ` starts a list item (indented: nested), `#` a heading, and a
//! line with tabs is a table row (what a run of rows is — a table, clauses, a margin-comment
//! layout — is [`super::tabs`]'s call). Three or more blank lines, or a form feed, mark a page
//! break; [`join_broken`] mends sentences a page break cut. This module keeps every word;
//! removing page furniture is [`super::furniture`]'s job and deciding what is a clause is
//! [`super::split`]'s.

use super::split::{clause_number_at_start, title_like};
use super::tabs::{is_artefact, merge_tables, tab_blocks, Item};
use super::{Block, Extracted, Issue, Kind, Note, NoteKind};

/// Decode an input: UTF-8 (with or without BOM), UTF-16 with a BOM, or else Windows-1252.
/// Returns the text and, when it was not UTF-8, the encoding used.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return (s.to_string(), None);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    for (bom, le, name) in [
        (b"\xFF\xFE", true, "UTF-16 (little-endian)"),
        (b"\xFE\xFF", false, "UTF-16 (big-endian)"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let units = rest.chunks_exact(2).map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            });
            let s: String = char::decode_utf16(units)
                .map(|r| r.unwrap_or('\u{FFFD}'))
                .collect();
            return (s, Some(name));
        }
    }
    (
        bytes.iter().map(|&b| cp1252(b)).collect(),
        Some("Windows-1252"),
    )
}

fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Characters PDF converters print as bullets. The letter `o` (Word's second-level bullet in
/// Courier New) is a bullet only when followed by a space and a capital or digit.
const GLYPHS: &[char] = &[
    '·', '•', '▪', '◦', '●', '○', '■', '□', '➢', '\u{F0B7}', '\u{F0A7}', '\u{F0D8}',
];

/// A bullet glyph at the start of `t`: the rest of the text, and the glyph when it is a word
/// character (so its removal must be reported).
fn strip_glyph(t: &str) -> Option<(&str, Option<&str>)> {
    let c = t.chars().next()?;
    let after = &t[c.len_utf8()..];
    if GLYPHS.contains(&c) && after.starts_with([' ', '\t']) {
        return Some((after.trim_start(), None));
    }
    if c == 'o' && after.starts_with(' ') {
        let next = after.trim_start().chars().next()?;
        if next.is_uppercase() || next.is_ascii_digit() || next == '<' || next == '*' {
            return Some((after.trim_start(), Some("o")));
        }
    }
    None
}

/// What starts a line: a list marker (with nesting), a heading, or nothing.
pub(super) struct Start<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub glyph: Option<&'a str>,
}

pub(super) fn line_start(raw: &str) -> Start<'_> {
    let indent = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let level = |indent: usize| indent.div_ceil(2).min(3) as u8;
    if let Some(rest) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .or_else(|| (t == "-").then_some(""))
    {
        let rest = rest.trim_start();
        let (text, glyph) = strip_glyph(rest).unwrap_or((rest, None));
        return Start {
            kind: Kind::Bullet(level(indent)),
            text,
            glyph,
        };
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Start {
            kind: Kind::Heading,
            text: t[hashes..].trim(),
            glyph: None,
        };
    }
    if let Some((text, glyph)) = strip_glyph(t) {
        return Start {
            kind: Kind::Bullet(level(indent)),
            text,
            glyph,
        };
    }
    Start {
        kind: Kind::Para,
        text: t,
        glyph: None,
    }
}

/// `^{*}`, a converter's superscript (a footnote mark), written as its content.
fn unwrap_superscripts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("^{") {
        let inner = &rest[i + 2..];
        match inner.find('}').filter(|&e| e > 0 && e <= 8) {
            Some(e) => {
                out.push_str(&rest[..i]);
                out.push_str(&inner[..e]);
                rest = &inner[e + 1..];
            }
            None => {
                out.push_str(&rest[..i + 2]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a text ends a sentence or a lead-in (so what follows is not its continuation).
pub fn ends_terminal(text: &str) -> bool {
    let mut t = text.trim_end();
    loop {
        let before = t.len();
        t = t.strip_suffix("</u>").unwrap_or(t);
        t = t.trim_end_matches(['*', '"', '\'', '’', '”', ')', ']', ' ']);
        if t.len() == before {
            break;
        }
    }
    t.ends_with(['.', ':', ';', '!', '?']) || t.is_empty()
}

struct Reader {
    input: usize,
    items: Vec<Item>,
    cur: Option<Block>,
    last_line_len: usize,
    blanks: usize,
    page_break: bool,
    notes: Vec<Note>,
    issues: Vec<Issue>,
}

impl Reader {
    /// Whether a line opens a lettered or roman item rather than continuing a wrapped one:
    /// "i  shall determine…" under item "b  The council…", or an "a  …" / "i  …" that may
    /// open a run. (The parser decides later whether the run holds.)
    fn opens_item(&self, t: &str) -> bool {
        let Some(it) = crate::number::parse_bare_item(t) else {
            return false;
        };
        let after_item = self
            .cur
            .as_ref()
            .is_some_and(|b| crate::number::parse_bare_item(&b.text).is_some());
        after_item || matches!(&*it.tag, "a" | "i")
    }

    fn flush(&mut self) {
        if let Some(b) = self.cur.take() {
            self.items.push(Item::Block(b));
        }
    }

    fn take_break(&mut self) -> bool {
        let b = self.page_break || self.blanks >= 3;
        self.page_break = false;
        self.blanks = 0;
        b
    }

    fn line(&mut self, n: usize, raw: &str) {
        let t = raw.trim();
        if t.len() > 1 && t.starts_with('|') && t.ends_with('|') {
            // A Markdown pipe-table row: its cells are a tab row; the `| --- |` rule carries no
            // words.
            let cells: Vec<&str> = t[1..t.len() - 1].split('|').map(str::trim).collect();
            let rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.bytes().all(|b| matches!(b, b'-' | b':')));
            if !rule {
                self.line(n, &cells.join("\t"));
            }
            return;
        }
        if raw.contains('\t') {
            self.flush();
            let blank_before = self.blanks > 0;
            let brk = self.take_break();
            let cells: Vec<String> = raw.split('\t').map(|c| c.trim().to_string()).collect();
            match self.items.last_mut() {
                Some(Item::Tabs { rows, .. }) if !blank_before && !brk => rows.push((n, cells)),
                _ => self.items.push(Item::Tabs {
                    rows: vec![(n, cells)],
                    blank_before,
                    break_before: brk,
                }),
            }
            return;
        }
        let indent = raw.len() - raw.trim_start().len();
        let start = match self.item_o(raw) {
            Some(text) => Start {
                kind: Kind::Para,
                text,
                glyph: None,
            },
            None => line_start(raw),
        };
        let numbered =
            clause_number_at_start(start.text, false).is_some() || self.opens_item(start.text);
        let plain = start.kind == Kind::Para && !numbered;
        if let Some(cur) = &mut self.cur {
            let wrapped = self.last_line_len >= 60
                && !ends_terminal(&cur.text)
                && start.text.starts_with(|c: char| c.is_lowercase());
            if plain && self.blanks == 0 && (indent > 0 || wrapped) && !cur.is_table() {
                cur.text.push(' ');
                cur.text.push_str(start.text);
                self.last_line_len = raw.trim().len();
                return;
            }
        }
        self.flush();
        if let Some(g) = start.glyph {
            self.notes.push(Note {
                kind: NoteKind::Removed("bullet glyph"),
                input: self.input,
                line: n,
                text: g.to_string(),
            });
        }
        let mut b = Block::new(start.kind, unwrap_superscripts(start.text), n);
        b.break_before = self.take_break();
        self.last_line_len = raw.trim().len();
        self.cur = Some(b);
    }
}

impl Reader {
    /// "o  If there is an amendment…" right after item "n  …": the item o, not Word's "o"
    /// bullet glyph (which [`line_start`] takes it for anywhere else).
    fn item_o<'a>(&self, raw: &'a str) -> Option<&'a str> {
        let t = raw.trim();
        let o = crate::number::parse_bare_item(t).filter(|it| &*it.tag == "o")?;
        let n = self
            .cur
            .as_ref()
            .and_then(|b| crate::number::parse_bare_item(&b.text))?;
        (&*n.tag == "n" && n.upper == o.upper).then_some(t)
    }
}

/// Read a decoded text input into blocks.
pub fn read(input: usize, text: &str) -> Extracted {
    let mut r = Reader {
        input,
        items: Vec::new(),
        cur: None,
        last_line_len: 0,
        blanks: 0,
        page_break: false,
        notes: Vec::new(),
        issues: Vec::new(),
    };
    for (i, raw) in text.split('\n').enumerate() {
        let mut raw = raw.trim_end_matches('\r');
        let owned;
        if raw.contains('\x0c') {
            r.flush();
            r.page_break = true;
            owned = raw.replace('\x0c', "");
            raw = &owned;
        }
        if raw.trim().is_empty() {
            r.flush();
            r.blanks += 1;
            continue;
        }
        // Trailing tabs are kept: "And may take a role as Cabinet member⇥" is a table row.
        r.line(i + 1, raw.trim_end_matches([' ', '\u{a0}']));
    }
    r.flush();
    let items = merge_tables(std::mem::take(&mut r.items), &mut r.notes, input);
    let mut blocks = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Block(b) => blocks.push(b),
            Item::Tabs {
                rows, break_before, ..
            } => {
                let start = blocks.len();
                tab_blocks(rows, &mut blocks, &mut r.notes, &mut r.issues, input);
                if let Some(b) = blocks.get_mut(start) {
                    b.break_before |= break_before;
                }
            }
        }
    }
    Extracted {
        blocks,
        notes: r.notes,
        issues: r.issues,
    }
}

/// Words that cannot end a sentence: a paragraph ending with one continues on the next page.
const CONTINUING: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "for", "in", "on", "with", "by", "from", "as", "at",
    "that", "which", "be", "is", "are", "their", "its", "his", "her", "this", "these",
];

fn last_word(text: &str) -> String {
    let t = text.trim_end().trim_end_matches("</u>");
    t.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn first_char(text: &str) -> Option<char> {
    let mut t = text.trim_start();
    loop {
        let before = t.len();
        t = t.trim_start_matches("<u>").trim_start_matches("**");
        if t.len() == before {
            break;
        }
    }
    t.chars().next()
}

/// Join paragraphs that a page break split mid-sentence: the first does not end a sentence and
/// the second starts in lower case, or is prose and either follows a page break or comes
/// after a word such as "the". A lone lower-case list item after a numbered clause that stops mid-sentence is
/// the clause's continuation too (the PDF text turned it into a bullet).
pub fn join_broken(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut all = std::mem::take(blocks).into_iter().peekable();
    while let Some(b) = all.next() {
        if let Some(prev) = out.last_mut() {
            if can_join(prev, &b, all.peek()) {
                prev.text.push(' ');
                prev.text.push_str(&b.text);
                continue;
            }
        }
        out.push(b);
    }
    *blocks = out;
}

fn can_join(prev: &Block, next: &Block, after: Option<&Block>) -> bool {
    let prose = |b: &Block| matches!(b.kind, Kind::Para | Kind::Bullet(_)) && !b.moved;
    if !prose(prev) || !prose(next) || ends_terminal(&prev.text) || prev.text.len() < 40 {
        return false;
    }
    if title_like(&prev.text)
        || is_artefact(&next.text)
        || clause_number_at_start(&next.text, false).is_some()
    {
        return false;
    }
    if matches!(prev.kind, Kind::Bullet(_)) && prev.text.trim_end().ends_with(',') {
        return false; // "…; or (c) award of the contract," then the sentence the list is in
    }
    let lower = first_char(&next.text).is_some_and(|c| c.is_lowercase());
    match next.kind {
        Kind::Bullet(_) => {
            // Only a single stray item after a numbered clause.
            let prev_numbered = clause_number_at_start(&prev.text, false).is_some();
            let lone = !after.is_some_and(|a| {
                matches!(a.kind, Kind::Bullet(_))
                    && clause_number_at_start(&a.text, false).is_none()
            });
            lower && prev_numbered && lone
        }
        _ => {
            let prose = !title_like(&next.text)
                && next.text.len() >= 40
                && first_char(&next.text).is_some_and(char::is_alphabetic);
            lower
                || (prose && CONTINUING.contains(&last_word(&prev.text).as_str()))
                || (prose && next.break_before)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        read(0, text)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn paragraphs_items_and_continuations() {
        let got = kinds(
            "1.0 Definitions\n\n- 1.1 Member means\n with more\n - o CSO 4.7 x\nplain line\n",
        );
        assert_eq!(
            got,
            [
                (Kind::Para, "1.0 Definitions".into()),
                (Kind::Bullet(0), "1.1 Member means with more".into()),
                (Kind::Bullet(1), "CSO 4.7 x".into()),
                (Kind::Para, "plain line".into()),
            ]
        );
    }

    #[test]
    fn tab_rows_become_a_table_and_page_split_tables_join() {
        let got = kinds("A\tB\tC\n1\t2\t3\n\n4\t5\t6\n");
        let Kind::Table(rows) = &got[0].0 else {
            panic!("{got:?}")
        };
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn markdown_pipe_tables_are_tables() {
        let got = kinds("| Total | Type |\n| --- | :-: |\n| 1,000 | Works |\n");
        assert_eq!(
            got,
            [(
                Kind::Table(vec![
                    vec!["Total".into(), "Type".into()],
                    vec!["1,000".into(), "Works".into()]
                ]),
                String::new()
            )]
        );
    }

    #[test]
    fn margin_comments_follow_their_paragraph() {
        let text = "5.8\tThe code is set out in Part ?. The\t\nI\tMembers' code follows. These are:\tComment [ECC1]: Have deleted the\n\tSelflessness;\twords rather than.\n\t• Duty;\t\n";
        let r = read(0, text);
        let got: Vec<_> = r
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Kind::Para,
                    "5.8 The code is set out in Part ?. The Members' code follows. These are:"
                ),
                (
                    Kind::Para,
                    "Comment [ECC1]: Have deleted the words rather than."
                ),
                (Kind::Bullet(0), "Selflessness;"),
                (Kind::Bullet(0), "Duty;"),
            ]
        );
        assert!(r
            .notes
            .iter()
            .any(|n| n.kind == NoteKind::Removed("change bar")));
    }

    #[test]
    fn sentences_broken_by_a_page_are_joined() {
        let mut r = read(0, "- 6.5.4 Payments may be made on a Government Procurement Card regardless of\n\nvalue.\n\n- 6.5.5 Next\n");
        join_broken(&mut r.blocks);
        assert_eq!(r.blocks.len(), 2);
        assert!(r.blocks[0].text.ends_with("regardless of value."));
    }

    #[test]
    fn windows_1252_is_decoded() {
        let (s, enc) = decode(b"\xA3100 \x96 fees");
        assert_eq!(s, "£100 – fees");
        assert_eq!(enc, Some("Windows-1252"));
    }
}
