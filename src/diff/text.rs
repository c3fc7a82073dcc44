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

impl Tokens {
    fn chars(&mut self, s: &str) {
        let mut rest = s;
        loop {
            let word = rest.trim_start();
            if word.len() != rest.len() {
                self.flush();
                self.space = true;
            }
            let Some(end) = word.find(char::is_whitespace) else {
                // The last word may go on in the next piece of text ("Council" + "'s").
                self.run.push_str(word);
                return;
            };
            if self.run.is_empty() {
                self.emit(&word[..end]);
            } else {
                self.run.push_str(&word[..end]);
                self.flush();
            }
            rest = &word[end..];
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
struct Collector {
    /// The clause the tokens currently belong to: `None` is the preamble.
    owner: Option<usize>,
    cur: Tokens,
    out: DocText,
}

impl Collector {
    fn switch(&mut self, to: Option<usize>, hint: usize) {
        if to != self.owner {
            self.store();
            self.owner = to;
            self.cur.text.key.reserve(hint);
            self.cur.text.toks.reserve(hint / 5);
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
    let src = &c.file(doc.file).text;
    let base = doc.body.start;
    let mut k = Collector {
        owner: None,
        cur: Tokens::default(),
        out: DocText {
            preamble: Text::default(),
            clauses: vec![Text::default(); doc.clauses.len()],
        },
    };
    let mut cells = 0usize;
    let mut scratch = String::new();
    for (event, range) in
        Parser::new_ext(&src[doc.body.clone()], crate::parse::options()).into_offset_iter()
    {
        let r = (range.start + base)..(range.end + base);
        match event {
            Event::Text(t) | Event::Code(t) => {
                let at = doc.clause_at(r.start);
                let hint = at.map_or(0, |i| doc.clauses[i].span.len());
                k.switch(at, hint);
                let written = &src[r.clone()];
                if &*t != written {
                    k.cur.chars(&t);
                    continue;
                }
                let cuts: Vec<&Span> = match at {
                    Some(i) => {
                        let cl = &doc.clauses[i];
                        std::iter::once(&cl.number_span)
                            .chain(cl.label.as_ref().map(|l| &l.span))
                            .collect()
                    }
                    None => Vec::new(),
                };
                match cut(written, r.start, &cuts, &mut scratch) {
                    Some(s) => k.cur.chars(s),
                    None => k.cur.chars(&scratch),
                }
            }
            Event::SoftBreak | Event::HardBreak => k.cur.chars(" "),
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => {
                if cells > 0 {
                    k.cur.cell();
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
            ) => k.cur.brk(),
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

    #[test]
    fn paragraphs_and_table_rows_are_breaks() {
        let t = texts("1.1 First.\n\nSecond.\n\n| a | b |\n|---|---|\n| c | d |\n");
        assert_eq!(t.clauses[0].key, "First . \n Second . \n a | b \n c | d");
        assert_eq!(t.clauses[0].name(1), "First.");
    }
}
