//! The words that introduce citations, per council: document prefixes ("CSO") and long forms
//! ("Contract Standing Order"), same-document words ("paragraph"), Parts, Articles,
//! appendices, legislation and generic rule names.
//!
//! The grammar finds a citation's number first and asks the lexicon which phrase, if any, ends
//! just before it. Phrases are looked up as lower-case word sequences in a hash map; document
//! prefixes must also match case ("cso 16" in prose is not "CSO 16").
//!
//! The lexicon also knows every document by name (title, `long` forms, `short`), so "Rule 12.3
//! of the Council Procedure Rules" and "Bylaw 3, Section 5.3" cite the document they name, and
//! the short names of Acts a council configures ("section 52 of ONCA" is external).

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;

/// What a phrase introduces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A document's prefix, matched case-sensitively (`CSO`, `CSOs`).
    Prefix {
        doc: usize,
        text: String,
    },
    /// A document's long form (`Contract Standing Order`).
    Long {
        doc: usize,
    },
    SameDocument,
    Section,
    Part,
    Article,
    Appendix,
    Legislation,
    Generic(String),
}

/// Citation words a council may configure; see docs/FORMAT.md.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    pub same_document: &'a [String],
    pub appendix: &'a [String],
    pub legislation: &'a [String],
    pub generic: &'a [String],
    /// (document index, prefix, long forms)
    pub documents: Vec<(usize, &'a str, &'a [String])>,
    /// (document index, title): documents cited by name ("of the Members' Code of Conduct").
    pub titles: Vec<(usize, &'a str)>,
    /// Short names of Acts and other works ("LGA 1972", "ONCA"): citations "of" them are
    /// external.
    pub abbreviations: &'a [String],
    /// Unit words some document's clauses are cited by ("rule", "article", "bylaw"), in lower
    /// case: a citation by one of them may be meant for the document that uses it.
    pub units: Vec<String>,
}

/// Every citing phrase of a constitution.
#[derive(Clone, Debug)]
pub struct Lexicon {
    phrases: HashMap<String, Entry>,
    /// The most words any phrase has.
    longest: usize,
    /// Appendix words ("Appendix D" has no digit to find it by).
    appendix: AhoCorasick,
    /// Every name a document is cited by, in [`name_key`] form, longest first.
    names: Vec<(Vec<u8>, usize)>,
    /// Document prefixes, case-sensitive ("CSO", "CPR").
    prefixes: Vec<(String, usize)>,
    abbreviations: Vec<String>,
    units: Vec<String>,
}

/// Characters a citing word is made of ("sub-paragraph", "para'", "Reg.").
fn is_word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'\''
}

impl Lexicon {
    pub fn new(words: &Words<'_>) -> Lexicon {
        // Case-sensitive forms ("Appendix", "appendix", "APPENDIX") keep the literal search
        // fast: an ASCII-case-insensitive automaton cannot use a SIMD prefilter.
        let forms: Vec<String> = words
            .appendix
            .iter()
            .flat_map(|w| [w.clone(), w.to_ascii_lowercase(), w.to_ascii_uppercase()])
            .collect();
        let appendix = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
            .expect("appendix words are plain strings");
        let mut names: Vec<(Vec<u8>, usize)> = Vec::new();
        let mut prefixes = Vec::new();
        for (doc, short, long) in &words.documents {
            names.extend(long.iter().map(|l| (name_key(l), *doc)));
            if !short.is_empty() {
                prefixes.push((short.to_string(), *doc));
            }
        }
        for (doc, title) in &words.titles {
            let key = name_key(title);
            let key = key.strip_prefix(b"the ").map(<[u8]>::to_vec).unwrap_or(key);
            names.push((key, *doc));
        }
        names.retain(|(k, _)| k.len() >= 4);
        // Longest first, so "Council Procedure Rules" wins over "Council Procedure Rule".
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        names.dedup_by(|a, b| a.0 == b.0);
        let mut lex = Lexicon {
            phrases: HashMap::default(),
            longest: 1,
            appendix,
            names,
            prefixes,
            abbreviations: words.abbreviations.to_vec(),
            units: words.units.clone(),
        };
        // Documents first, so a council whose Articles are cited "Article 12" as a document
        // prefix gets the document, not the generic Article rule.
        for (doc, short, long) in &words.documents {
            if !short.is_empty() {
                lex.add(
                    short,
                    Entry::Prefix {
                        doc: *doc,
                        text: short.to_string(),
                    },
                );
                let plural = format!("{short}s");
                lex.add(
                    &plural,
                    Entry::Prefix {
                        doc: *doc,
                        text: plural.clone(),
                    },
                );
            }
            for l in long.iter() {
                lex.add(l, Entry::Long { doc: *doc });
            }
        }
        for w in words.same_document {
            let section = w.eq_ignore_ascii_case("section") || w.eq_ignore_ascii_case("sections");
            lex.add(
                w,
                if section {
                    Entry::Section
                } else {
                    Entry::SameDocument
                },
            );
        }
        for w in ["Part", "Parts"] {
            lex.add(w, Entry::Part);
        }
        for w in ["Article", "Articles"] {
            lex.add(w, Entry::Article);
        }
        for w in words.appendix {
            lex.add(w, Entry::Appendix);
        }
        for w in words.legislation {
            lex.add(w, Entry::Legislation);
        }
        for w in words.generic {
            lex.add(w, Entry::Generic(w.to_ascii_lowercase()));
        }
        // A declared or headed unit word no list has ("Bylaw 3", "Chapter 2") cites clauses
        // as "rule" does.
        for w in &words.units {
            // `add` keeps an entry already there ("section" stays a Section).
            for form in [w.clone(), format!("{w}s")] {
                lex.add(&form, Entry::SameDocument);
            }
        }
        lex
    }

    /// The unit word `phrase` is ("Rules" is "rule"), if some document uses it.
    pub fn unit(&self, phrase: &str) -> Option<String> {
        let p = phrase.to_ascii_lowercase();
        let singular = p.strip_suffix('s').unwrap_or(&p);
        self.units
            .iter()
            .find(|u| *u == &p || *u == singular)
            .cloned()
    }

    /// Where appendix words start and end in `hay` ("Appendix", "Annex"), as whole words.
    pub fn appendix_words<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let b = hay.as_bytes();
        self.appendix
            .find_iter(hay)
            .map(|m| (m.start(), m.end()))
            .filter(move |&(s, _)| s == 0 || !b[s - 1].is_ascii_alphanumeric())
    }

    /// The council's short names of Acts and other works.
    pub fn abbreviations(&self) -> &[String] {
        &self.abbreviations
    }

    /// Whether `word` is one of this constitution's document prefixes.
    pub fn is_prefix(&self, word: &str) -> bool {
        self.prefixes
            .iter()
            .any(|(p, _)| p == word || word.strip_suffix('s') == Some(p))
    }

    /// A document named right after a citation's number, at `stop`: "of the Council
    /// Procedure Rules", "of the Members' Code of Conduct", "in CPR". Returns the document and
    /// where its name ends. "of these Bylaws" names no other document.
    pub fn document_after(&self, text: &str, stop: usize) -> Option<(usize, usize)> {
        let j = skip_spaces(text, stop);
        let rest = &text[j..];
        let k = ["of ", "in ", "under "]
            .iter()
            .find(|w| rest.starts_with(**w))
            .map(|w| skip_spaces(text, j + w.len()))?;
        if let Some((p, doc)) = self
            .prefixes
            .iter()
            .find(|(p, _)| text[k..].starts_with(p.as_str()) && !ends_in_word(text, k + p.len()))
        {
            return Some((*doc, k + p.len()));
        }
        let k = match text[k..].get(..4) {
            Some(w) if w.eq_ignore_ascii_case("the ") => skip_spaces(text, k + 4),
            _ => k,
        };
        self.document_named_at(text, k)
    }

    /// A document whose name is written at `k` ("Part 5.1 Members' Code of Conduct"): the
    /// document and where its name ends.
    pub fn document_named_at(&self, text: &str, k: usize) -> Option<(usize, usize)> {
        self.names
            .iter()
            .find_map(|(name, doc)| name_at(text, k, name).map(|e| (*doc, e)))
    }

    /// A document named just before a citing word, followed by a comma: "Bylaw 3, Section
    /// 5.3", "the Council Procedure Rules, rule 4.2".
    pub fn document_before(&self, text: &str, floor: usize, at: usize) -> Option<usize> {
        let before = text[floor..at].trim_end().strip_suffix(',')?.trim_end();
        let mut from = before.len().saturating_sub(96);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let tail = name_key(&before[from..]);
        self.names.iter().find_map(|(name, doc)| {
            let cut = tail.len().checked_sub(name.len())?;
            let boundary = cut == 0 || !tail[cut - 1].is_ascii_alphanumeric();
            (boundary && tail[cut..] == name[..]).then_some(*doc)
        })
    }

    fn add(&mut self, phrase: &str, entry: Entry) {
        let key = normalise(phrase);
        if key.is_empty() {
            return;
        }
        self.longest = self.longest.max(key.split(' ').count());
        self.phrases.entry(key).or_insert(entry);
    }

    /// The citing phrase that ends just before `at` (after at most two spaces, or touching it
    /// for a prefix such as "CSO16"), longest first: its start, end and entry.
    pub fn phrase_before<'l>(
        &'l self,
        text: &str,
        floor: usize,
        at: usize,
    ) -> Option<(usize, usize, &'l Entry)> {
        let b = text.as_bytes();
        let mut end = at;
        while end > floor && at - end < 3 && (b[end - 1] == b' ' || b[end - 1] == b'\t') {
            end -= 1;
        }
        // Word boundaries of up to `longest` words before `end`.
        let mut starts = Vec::with_capacity(self.longest);
        let mut k = end;
        for _ in 0..self.longest {
            let word_end = k;
            while k > floor && is_word_char(b[k - 1]) {
                k -= 1;
            }
            // A trailing full stop belongs to abbreviations such as "Reg." and "para.".
            if k == word_end && k > floor && b[k - 1] == b'.' && starts.is_empty() {
                k -= 1;
                while k > floor && is_word_char(b[k - 1]) {
                    k -= 1;
                }
            }
            if k == word_end {
                break;
            }
            starts.push(k);
            if k == floor || b[k - 1] != b' ' {
                break;
            }
            k -= 1;
        }
        let mut key = [0u8; 64];
        for &start in starts.iter().rev() {
            let phrase = &text[start..end];
            let Some(k) = lower_key(phrase, &mut key) else {
                continue;
            };
            // "paras." is "paras" with a full stop, as "Reg." is "Reg".
            let found = self
                .phrases
                .get(k)
                .or_else(|| k.strip_suffix('.').and_then(|k| self.phrases.get(k)));
            if let Some(entry) = found {
                if let Entry::Prefix { text: exact, .. } = entry {
                    if phrase != exact {
                        continue;
                    }
                }
                if start > floor && (b[start - 1].is_ascii_alphanumeric()) {
                    continue;
                }
                return Some((start, end, entry));
            }
        }
        None
    }
}

/// How a document's name is compared: ASCII lower case, apostrophes dropped (so "Members'
/// Code", "Members Code" and "Member’s Code" agree), runs of white space as one space.
fn name_key(name: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(
            w.replace('’', "")
                .bytes()
                .filter(|&c| c != b'\'')
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    out
}

/// Where `name` (in [`name_key`] form) ends if it is written at `k`, as whole words.
fn name_at(text: &str, k: usize, name: &[u8]) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut n) = (k, 0);
    while n < name.len() {
        let c = *b.get(i)?;
        if c == b'\'' {
            i += 1;
            continue;
        }
        if b[i..].starts_with("’".as_bytes()) {
            i += '’'.len_utf8();
            continue;
        }
        if name[n] == b' ' {
            if !(c == b' ' || c == b'\t' || c == b'\n') {
                return None;
            }
            i = skip_spaces(text, i);
            n += 1;
            continue;
        }
        if c.to_ascii_lowercase() != name[n] {
            return None;
        }
        i += 1;
        n += 1;
    }
    // A possessive or plural apostrophe may close the name ("the Members' ").
    while b.get(i) == Some(&b'\'') {
        i += 1;
    }
    (!ends_in_word(text, i)).then_some(i)
}

fn ends_in_word(text: &str, i: usize) -> bool {
    text.as_bytes()
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn skip_spaces(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n') {
        i += 1;
    }
    i
}

/// [`normalise`] into a stack buffer, for lookups on the hot path; `None` when the phrase
/// is too long to be a citing phrase.
fn lower_key<'k>(phrase: &str, buf: &'k mut [u8; 64]) -> Option<&'k str> {
    let mut n = 0;
    let mut space = false;
    for &c in phrase.as_bytes() {
        if c == b' ' || c == b'\t' {
            space = n > 0;
            continue;
        }
        if space {
            *buf.get_mut(n)? = b' ';
            n += 1;
            space = false;
        }
        *buf.get_mut(n)? = c.to_ascii_lowercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Lower case with single spaces, the form phrases are looked up in.
fn normalise(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}
