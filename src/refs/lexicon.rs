//! The words that introduce citations, per council: document prefixes ("CSO") and long forms
//! ("Contract Standing Order"), same-document words ("paragraph"), Parts, Articles,
//! appendices, legislation and generic rule names.
//!
//! The grammar finds a citation's number first and asks the lexicon which phrase, if any, ends
//! just before it. Phrases are looked up as lower-case word sequences in a hash map; document
//! prefixes must also match case ("cso 16" in prose is not "CSO 16").

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
}

/// Every citing phrase of a constitution.
#[derive(Clone, Debug)]
pub struct Lexicon {
    phrases: HashMap<String, Entry>,
    /// The most words any phrase has.
    longest: usize,
    /// Appendix words ("Appendix D" has no digit to find it by).
    appendix: AhoCorasick,
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
        let mut lex = Lexicon {
            phrases: HashMap::default(),
            longest: 1,
            appendix,
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
        lex
    }

    /// Where appendix words start and end in `hay` ("Appendix", "Annex"), as whole words.
    pub fn appendix_words<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = (usize, usize)> + 'h {
        let b = hay.as_bytes();
        self.appendix
            .find_iter(hay)
            .map(|m| (m.start(), m.end()))
            .filter(move |&(s, _)| s == 0 || !b[s - 1].is_ascii_alphanumeric())
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
            if let Some(entry) = self.phrases.get(k) {
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
