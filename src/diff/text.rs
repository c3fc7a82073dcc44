//! The words of each clause, as a reader sees them: Markdown syntax, the clause number and
//! its `{#label}` removed, whitespace and line wrapping reduced to "a space here", and block
//! boundaries (paragraphs, list items, table rows) kept as breaks.
//!
//! Both the alignment ([`super::align`]) and the word diff ([`super::words`]) compare these
//! token lists, so re-wrapping a paragraph or re-indenting a list is never a change. This module
//! only extracts; comparing is left to others.

use crate::model::{Constitution, Document};
use crate::source::Span;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A paragraph break inside a clause, as it appears in [`Text::key`].
pub const BREAK: &str = "\n";

/// One token of a clause: a word, a punctuation mark, or a block break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    /// Byte range in [`Text::key`].
    pub start: u32,
    pub end: u32,
    /// Whether the source had whitespace before it (for display only).
    pub space: bool,
}

/// The normalised words of one clause (or of a document's preamble).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The tokens joined by single spaces; breaks are [`BREAK`]. Two clauses say the same
    /// thing exactly when their keys are equal.
    pub key: String,
    pub toks: Vec<Tok>,
}

impl Text {
    pub fn tok(&self, i: usize) -> &str {
        let t = self.toks[i];
        &self.key[t.start as usize..t.end as usize]
    }

    pub fn is_break(&self, i: usize) -> bool {
        self.tok(i) == BREAK
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Append a word with a space before it.
    pub fn push_word(&mut self, w: &str) {
        self.push(w, true);
    }

    fn push(&mut self, s: &str, space: bool) {
        if !self.key.is_empty() {
            self.key.push(' ');
        }
        let start = self.key.len() as u32;
        self.key.push_str(s);
        self.toks.push(Tok {
            start,
            end: self.key.len() as u32,
            space,
        });
    }

    /// The tokens in `range` as display text, with the source's spacing.
    pub fn render(&self, range: std::ops::Range<usize>) -> String {
        let mut out = String::new();
        for i in range {
            if self.is_break(i) {
                out.push_str(" / ");
                continue;
            }
            if self.toks[i].space && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            out.push_str(self.tok(i));
        }
        out.trim().to_string()
    }

    /// A short name for the clause: its first line, cut to `words` words.
    pub fn name(&self, words: usize) -> String {
        let end = (0..self.len())
            .find(|&i| self.is_break(i))
            .unwrap_or(self.len());
        let mut n = 0;
        let mut cut = end;
        for i in 0..end {
            if self.toks[i].space || i == 0 {
                n += 1;
                if n > words {
                    cut = i;
                    break;
                }
            }
        }
        let mut s = self.render(0..cut);
        if cut < end {
            s.push('…');
        }
        s
    }
}

/// Characters split off the front of a word as tokens of their own.
fn is_open(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '“' | '‘')
}

/// Characters split off the end of a word as tokens of their own.
fn is_close(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | ',' | ';' | ':' | '.' | '!' | '?'
    )
}

/// Streams characters into tokens for one clause at a time.
#[derive(Default)]
struct Tokens {
    text: Text,
    run: String,
    space: bool,
}

/// What a byte can be, for the tokenizer's byte-wise scan ([`CLASS`]).
const SPACE: u8 = 1;
const OPEN: u8 = 2;
const CLOSE: u8 = 4;
/// The first byte of a character that may be whitespace: U+0085 and U+00A0 (`C2`), U+1680
/// (`E1`), U+2000–U+205F (`E2`) and U+3000 (`E3`).
const MAYBE_SPACE: u8 = 8;

/// [`SPACE`] for the ASCII whitespace characters ([`char::is_whitespace`]: tab to carriage
/// return, and space), [`OPEN`] and [`CLOSE`] for the ASCII characters of [`is_open`] and
/// [`is_close`], [`MAYBE_SPACE`] for the bytes that start other whitespace characters.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        if c == ' ' || (c >= '\t' && c <= '\r') {
            t[b] |= SPACE;
        }
        if matches!(c, '(' | '[' | '{' | '"') {
            t[b] |= OPEN;
        }
        if matches!(c, ')' | ']' | '}' | '"' | ',' | ';' | ':' | '.' | '!' | '?') {
            t[b] |= CLOSE;
        }
        b += 1;
    }
    t[0xC2] |= MAYBE_SPACE;
    t[0xE1] |= MAYBE_SPACE;
    t[0xE2] |= MAYBE_SPACE;
    t[0xE3] |= MAYBE_SPACE;
    t
};

/// Whether `s` has a whitespace character (as [`char::is_whitespace`] says) at byte `i`, and
/// how long it is. Most text is ASCII, so bytes are looked at before characters are decoded.
#[inline]
fn space_at(s: &str, i: usize) -> Option<usize> {
    let class = CLASS[s.as_bytes()[i] as usize];
    if class & SPACE != 0 {
        return Some(1);
    }
    if class & MAYBE_SPACE == 0 {
        return None;
    }
    let c = s[i..].chars().next().expect("a character starts here");
    c.is_whitespace().then(|| c.len_utf8())
}

/// The length of the character whose first byte is `b`.
#[inline]
fn char_len(b: u8) -> usize {
    match b {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        _ => 2,
    }
}

impl Tokens {
    fn chars(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut i = 0;
        loop {
            // Whitespace before the next word ends the word being read.
            let start = i;
            while i < bytes.len() {
                match space_at(s, i) {
                    Some(n) => i += n,
                    None => break,
                }
            }
            if i != start {
                self.flush();
                self.space = true;
            }
            let word = i;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    if CLASS[b as usize] & SPACE != 0 {
                        break;
                    }
                    i += 1;
                } else if CLASS[b as usize] & MAYBE_SPACE != 0 && space_at(s, i).is_some() {
                    break;
                } else {
                    i += char_len(b);
                }
            }
            if i == bytes.len() {
                // The last word may go on in the next piece of text ("Council" + "'s").
                self.run.push_str(&s[word..]);
                return;
            }
            if self.run.is_empty() {
                self.emit(&s[word..i]);
            } else {
                self.run.push_str(&s[word..i]);
                self.flush();
            }
        }
    }

    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.run);
        self.emit(&run);
        self.run = run;
        self.run.clear();
    }

    /// Push one whitespace-free word, with opening and closing punctuation as tokens of
    /// their own.
    fn emit(&mut self, mut word: &str) {
        let mut space = self.space || self.text.is_empty();
        // Most words neither open nor close with punctuation.
        let (first, last) = (word.as_bytes()[0], word.as_bytes()[word.len() - 1]);
        if first < 0x80
            && last < 0x80
            && CLASS[first as usize] & OPEN == 0
            && CLASS[last as usize] & CLOSE == 0
        {
            self.text.push(word, space);
            self.space = false;
            return;
        }
        while let Some(c) = word
            .chars()
            .next()
            .filter(|&c| is_open(c) && word.len() > c.len_utf8())
        {
            self.text.push(&word[..c.len_utf8()], space);
            space = false;
            word = &word[c.len_utf8()..];
        }
        let mut core = word.len();
        while let Some(c) = word[..core]
            .chars()
            .next_back()
            .filter(|&c| is_close(c) && core > c.len_utf8())
        {
            core -= c.len_utf8();
        }
        self.text.push(&word[..core], space);
        for (i, c) in word[core..].char_indices() {
            self.text
                .push(&word[core + i..core + i + c.len_utf8()], false);
        }
        self.space = false;
    }

    fn cell(&mut self) {
        self.flush();
        self.text.push("|", true);
        self.space = true;
    }

    fn brk(&mut self) {
        self.flush();
        if self.text.toks.last().is_some_and(|_| {
            let last = self.text.len() - 1;
            !self.text.is_break(last)
        }) {
            self.text.push(BREAK, false);
        }
        self.space = false;
    }

    fn finish(mut self) -> Text {
        self.flush();
        while !self.text.is_empty() && self.text.is_break(self.text.len() - 1) {
            let t = self.text.toks.pop().expect("non-empty");
            self.text.key.truncate(t.start.saturating_sub(1) as usize);
        }
        self.text
    }
}

/// The words of every clause of a document, and of its preamble.
#[derive(Default)]
pub struct DocText {
    pub preamble: Text,
    pub clauses: Vec<Text>,
}

/// Remove the byte ranges `cuts` (absolute offsets) from `s`, which starts at `at`.
fn cut<'s>(s: &'s str, at: usize, cuts: &[&Span], out: &mut String) -> Option<&'s str> {
    let end = at + s.len();
    if !cuts.iter().any(|c| c.start < end && c.end > at) {
        return Some(s);
    }
    out.clear();
    let mut i = at;
    let mut sorted: Vec<&Span> = cuts.to_vec();
    sorted.sort_by_key(|c| c.start);
    for c in sorted {
        let (cs, ce) = (c.start.clamp(at, end), c.end.clamp(at, end));
        if cs > i {
            out.push_str(&s[i - at..cs - at]);
        }
        i = i.max(ce);
    }
    if i < end {
        out.push_str(&s[i - at..]);
    }
    // A number cut from the front leaves the separator after it: "1 Introduction".
    out.insert(0, ' ');
    None
}

/// Collects tokens clause by clause; the Markdown stream visits clauses in order.
struct Collector<W> {
    /// The clause the tokens currently belong to: `None` is the preamble.
    owner: Option<usize>,
    /// Whether the owner's words are wanted; the others are left empty.
    wanted: W,
    skip: bool,
    cur: Tokens,
    out: DocText,
}

impl<W: Fn(Option<usize>) -> bool> Collector<W> {
    fn switch(&mut self, to: Option<usize>, hint: usize) {
        if to != self.owner {
            self.store();
            self.owner = to;
            self.skip = !(self.wanted)(to);
            if !self.skip {
                self.cur.text.key.reserve(hint);
                self.cur.text.toks.reserve(hint / 5);
            }
        }
    }

    fn chars(&mut self, s: &str) {
        if !self.skip {
            self.cur.chars(s);
        }
    }

    fn cell(&mut self) {
        if !self.skip {
            self.cur.cell();
        }
    }

    fn brk(&mut self) {
        if !self.skip {
            self.cur.brk();
        }
    }

    fn store(&mut self) {
        let done = std::mem::take(&mut self.cur).finish();
        match self.owner {
            None => self.out.preamble = done,
            Some(i) => self.out.clauses[i] = done,
        }
    }
}

/// Extract the words of every clause of `doc`.
pub fn document(c: &Constitution, doc: &Document) -> DocText {
    some(c, doc, |_| true)
}

/// Extract the words of the clauses of `doc` that are `wanted` (by index; `None` is the
/// preamble), leaving the others empty: each wanted clause gets exactly the words
/// [`document`] gives it.
pub fn some(c: &Constitution, doc: &Document, wanted: impl Fn(Option<usize>) -> bool) -> DocText {
    let src = &c.file(doc.file).text;
    let base = doc.body.start;
    let mut k = Collector {
        owner: None,
        skip: !wanted(None),
        wanted,
        cur: Tokens::default(),
        out: DocText {
            preamble: Text::default(),
            clauses: vec![Text::default(); doc.clauses.len()],
        },
    };
    let mut cells = 0usize;
    let mut scratch = String::new();
    // The clause of the last piece of text, and the offsets it spans: pieces come in order.
    let mut clause: (usize, usize, Option<usize>) = (0, 0, None);
    for (event, range) in
        Parser::new_ext(&src[doc.body.clone()], crate::parse::options()).into_offset_iter()
    {
        let r = (range.start + base)..(range.end + base);
        match event {
            Event::Text(t) | Event::Code(t) => {
                if !(clause.0..clause.1).contains(&r.start) {
                    let at = doc.clause_at(r.start);
                    let start = at.map_or(0, |i| doc.clauses[i].span.start);
                    let end = doc
                        .clauses
                        .get(at.map_or(0, |i| i + 1))
                        .map_or(usize::MAX, |c| c.span.start);
                    clause = (start, end, at);
                }
                let at = clause.2;
                let hint = at.map_or(0, |i| doc.clauses[i].span.len());
                k.switch(at, hint);
                if k.skip {
                    continue;
                }
                let written = &src[r.clone()];
                if &*t != written {
                    k.chars(&t);
                    continue;
                }
                let none = 0..0;
                let (cuts, n): ([&Span; 2], usize) = match at {
                    Some(i) => {
                        let cl = &doc.clauses[i];
                        match &cl.label {
                            Some(l) => ([&cl.number_span, &l.span], 2),
                            None => ([&cl.number_span, &none], 1),
                        }
                    }
                    None => ([&none, &none], 0),
                };
                match cut(written, r.start, &cuts[..n], &mut scratch) {
                    Some(s) => k.chars(s),
                    None => k.chars(&scratch),
                }
            }
            Event::SoftBreak | Event::HardBreak => k.chars(" "),
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => {
                if cells > 0 {
                    k.cell();
                }
                cells += 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => k.brk(),
            _ => {}
        }
    }
    k.store();
    k.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{assemble, RawFile};

    fn texts(body: &str) -> DocText {
        let files = vec![
            RawFile {
                path: "constitution.yaml".into(),
                bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_vec(),
            },
            RawFile {
                path: "part-4/d.md".into(),
                bytes: format!("---\nid: d\ntitle: D\npart: \"4\"\n---\n{body}").into_bytes(),
            },
        ];
        let (c, _) = assemble(files).expect("assembles");
        document(&c, &c.documents[0])
    }

    #[test]
    fn numbers_labels_and_markdown_are_not_words() {
        let t = texts("Intro text.\n\n# 1 Scope {#scope}\n\n1.1 The **Council** may\nact (see CSO 16).\n\n- 1.1.1 one\n");
        assert_eq!(t.preamble.key, "Intro text .");
        assert_eq!(t.clauses[0].key, "Scope");
        assert_eq!(t.clauses[1].key, "The Council may act ( see CSO 16 ) .");
        assert_eq!(
            t.clauses[1].render(0..t.clauses[1].len()),
            "The Council may act (see CSO 16)."
        );
        assert_eq!(t.clauses[2].key, "one");
    }

    #[test]
    fn wrapping_and_spacing_do_not_change_the_key() {
        let a = texts("1.1 Officers   must\n   record it.\n");
        let b = texts("1.1 Officers must record\nit.\n");
        assert_eq!(a.clauses[0].key, b.clauses[0].key);
    }

    /// The tokenizer as first written, on `str::trim_start` and `str::find`: the byte-wise
    /// one must split every text the same way.
    fn reference(pieces: &[&str]) -> Text {
        let mut k = Tokens::default();
        for s in pieces {
            let mut rest = *s;
            loop {
                let word = rest.trim_start();
                if word.len() != rest.len() {
                    k.flush();
                    k.space = true;
                }
                let Some(end) = word.find(char::is_whitespace) else {
                    k.run.push_str(word);
                    break;
                };
                if k.run.is_empty() {
                    let mut space = k.space || k.text.is_empty();
                    let mut w = &word[..end];
                    while let Some(c) = w
                        .chars()
                        .next()
                        .filter(|&c| is_open(c) && w.len() > c.len_utf8())
                    {
                        k.text.push(&w[..c.len_utf8()], space);
                        space = false;
                        w = &w[c.len_utf8()..];
                    }
                    let mut core = w.len();
                    while let Some(c) = w[..core]
                        .chars()
                        .next_back()
                        .filter(|&c| is_close(c) && core > c.len_utf8())
                    {
                        core -= c.len_utf8();
                    }
                    k.text.push(&w[..core], space);
                    for (i, c) in w[core..].char_indices() {
                        k.text.push(&w[core + i..core + i + c.len_utf8()], false);
                    }
                    k.space = false;
                } else {
                    k.run.push_str(&word[..end]);
                    k.flush();
                }
                rest = &word[end..];
            }
        }
        k.finish()
    }

    #[test]
    fn the_byte_classes_agree_with_the_character_tests() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0] as usize;
            if c.is_ascii() {
                assert_eq!(CLASS[first] & SPACE != 0, c.is_whitespace(), "{c:?}");
                assert_eq!(CLASS[first] & OPEN != 0, is_open(c), "{c:?}");
                assert_eq!(CLASS[first] & CLOSE != 0, is_close(c), "{c:?}");
            } else if c.is_whitespace() {
                assert!(CLASS[first] & MAYBE_SPACE != 0, "{c:?}");
            }
        }
    }

    #[test]
    fn the_bytewise_tokenizer_splits_as_the_reference_does() {
        let alphabet = [
            "a", "Council", "(", ")", "\"", "“", "”", "‘", "’", ",", ".", ";", "!", "?", " ", "  ",
            "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}",
            "\u{1c}", "\u{1680}", "\u{205f}", "\u{2028}", "\u{2000}", "\u{200b}", "…", "£25,000",
            "é", "日本", "🙂", "[", "]", "{", "}", ":", "'s",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let pieces: Vec<String> = (0..(next() % 4 + 1))
                .map(|_| {
                    (0..(next() % 9))
                        .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                        .collect()
                })
                .collect();
            let refs: Vec<&str> = pieces.iter().map(String::as_str).collect();
            let mut k = Tokens::default();
            for p in &refs {
                k.chars(p);
            }
            assert_eq!(k.finish(), reference(&refs), "{refs:?}");
        }
    }

    #[test]
    fn paragraphs_and_table_rows_are_breaks() {
        let t = texts("1.1 First.\n\nSecond.\n\n| a | b |\n|---|---|\n| c | d |\n");
        assert_eq!(t.clauses[0].key, "First . \n Second . \n a | b \n c | d");
        assert_eq!(t.clauses[0].name(1), "First.");
    }
}
