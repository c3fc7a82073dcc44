//! Drafting defects that must never reach an adopted text: placeholders, bracketed drafting
//! notes, flattened Word margin comments and formatting balloons, and empty links.
//!
//! One Aho-Corasick pass over each prose run finds every trigger; small checks around each hit
//! decide whether it is a defect. Severity follows the document's status, as each rule declares
//! it in [`crate::rules`]: errors in adopted documents, warnings in drafts.

use crate::diag::Diagnostic;
use crate::model::{Constitution, Document};
use crate::rules::{self, Rule};
use crate::source::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// What each trigger string starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    Question,
    Bracket,
    Xx,
    Tbc,
    Comment,
    Formatted,
    ArticleOf,
    PartOfConstitution,
}

const TRIGGERS: &[(&str, Trigger)] = &[
    ("?", Trigger::Question),
    ("[", Trigger::Bracket),
    ("xx", Trigger::Xx),
    ("XX", Trigger::Xx),
    ("TBC", Trigger::Tbc),
    ("TBA", Trigger::Tbc),
    ("TBD", Trigger::Tbc),
    ("Comment [", Trigger::Comment),
    ("Formatted:", Trigger::Formatted),
    ("Article of ", Trigger::ArticleOf),
    ("Part of the Constitution", Trigger::PartOfConstitution),
];

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TRIGGERS.iter().map(|(s, _)| s))
            .expect("static patterns")
    })
}

/// Words that cite something by number: a `?` after one of these is a placeholder. The
/// constitution's own citation words (a document's `short` form, "CSO") are added from its
/// front matter by [`document_words`].
const CITING_WORDS: &[&str] = &[
    "part",
    "parts",
    "schedule",
    "section",
    "sections",
    "article",
    "articles",
    "appendix",
    "annex",
    "paragraph",
    "paragraphs",
    "para",
    "paras",
    "clause",
    "clauses",
    "order",
    "orders",
    "rule",
    "rules",
    "regulation",
    "table",
    "page",
    "pages",
    "item",
    "chapter",
];

/// Words that open a real question, after which `Part?` is English, not a placeholder.
const QUESTION_WORDS: &[&str] = &[
    "which", "what", "where", "is", "are", "does", "do", "should", "can", "will", "how", "why",
    "who", "whose",
];

/// A defect found in a run, before it becomes a diagnostic.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static Rule,
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The word that ends at `end` (skipping spaces), lower-cased, and where it starts.
fn word_before(text: &str, end: usize) -> Option<(String, usize)> {
    let b = text.as_bytes();
    let mut e = end;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && (b[s - 1].is_ascii_alphabetic()) {
        s -= 1;
    }
    (s < e && end - e <= 2).then(|| (text[s..e].to_ascii_lowercase(), s))
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find('\n').map_or(text.len(), |i| from + i)
}

/// The words that cite the constitution's own documents by number, lower-cased as
/// [`word_before`] reads them: each `short` form and its plural ("cso", "csos" for `short:
/// CSO`), and the last word of each `long` form ("order" for "Contract Standing Order").
/// Forms whose last word is not all letters ("Bylaw 3") add nothing, since `word_before`
/// never reads such a word.
pub fn document_words(c: &Constitution) -> Vec<String> {
    fn last_word(form: &str) -> Option<String> {
        let w = form.split_whitespace().last()?;
        w.bytes()
            .all(|b| b.is_ascii_alphabetic())
            .then(|| w.to_ascii_lowercase())
    }
    let mut words = Vec::new();
    for d in &c.documents {
        if let Some(w) = d.meta.short.as_deref().and_then(last_word) {
            words.push(format!("{w}s"));
            words.push(w);
        }
        words.extend(d.meta.long.iter().filter_map(|l| last_word(l)));
    }
    words.sort();
    words.dedup();
    words
}

/// Scan one prose run (`text[run]`) for drafting defects. `extra_words` are the words that
/// cite the constitution's own documents ([`document_words`], e.g. "cso").
pub fn scan(text: &str, run: Span, extra_words: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    let hay = &text[run.clone()];
    let mut skip_to = 0;
    for m in automaton().find_iter(hay) {
        let (at, end) = (run.start + m.start(), run.start + m.end());
        if at < skip_to {
            continue;
        }
        let found = match TRIGGERS[m.pattern().as_usize()].1 {
            Trigger::Question => question(text, at, extra_words),
            Trigger::Bracket => bracket(text, at, run.end),
            Trigger::Xx => xx(text, at, end, run.clone()),
            Trigger::Tbc => whole_word(text, at, end).then(|| Finding {
                rule: rules::PLACEHOLDER,
                span: at..end,
                message: format!("placeholder `{}` left in the text", &text[at..end]),
                help: "replace it with the final wording",
            }),
            Trigger::Comment => comment(text, end, at),
            Trigger::Formatted => {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                text[line_start..at].trim().is_empty().then(|| Finding {
                    rule: rules::FORMAT_ARTEFACT,
                    span: at..line_end(text, at),
                    message: "Word formatting note left in the text".into(),
                    help: "delete the line: it is a track-changes balloon, not constitution text",
                })
            }
            Trigger::ArticleOf => {
                (at == 0 || !is_word_byte(text.as_bytes()[at - 1])).then(|| Finding {
                    rule: rules::PLACEHOLDER,
                    span: at..end - 1,
                    message: "citation with its number missing: `Article of …`".into(),
                    help: "add the Article's number, e.g. \"Article 12 of Part 2\"",
                })
            }
            Trigger::PartOfConstitution => part_without_number(text, at, end),
        };
        if let Some(f) = found {
            skip_to = f.span.end;
            out.push(f);
        }
    }
    out
}

fn whole_word(text: &str, at: usize, end: usize) -> bool {
    let b = text.as_bytes();
    (at == 0 || !is_word_byte(b[at - 1])) && (end >= b.len() || !is_word_byte(b[end]))
}

/// `Part ?`, `standing order ?`, `CSO?`, and `4.3?` inside brackets.
fn question(text: &str, at: usize, extra_words: &[String]) -> Option<Finding> {
    let b = text.as_bytes();
    if let Some((word, start)) = word_before(text, at) {
        if CITING_WORDS.contains(&word.as_str()) || extra_words.contains(&word) {
            // "Which Part?" is a question; "under standing order?" is a placeholder.
            let sentence_start = text[..start]
                .rfind(['.', '\n', '!', '?'])
                .map_or(0, |i| i + 1);
            let first_word = text[sentence_start..start]
                .split_whitespace()
                .next()
                .unwrap_or("");
            let ends_sentence = QUESTION_WORDS.contains(&first_word.to_ascii_lowercase().as_str())
                || first_word.is_empty();
            if !ends_sentence {
                let start = match text[..start]
                    .strip_suffix("standing ")
                    .or_else(|| text[..start].strip_suffix("Standing "))
                {
                    Some(before) if word == "order" || word == "orders" => before.len(),
                    _ => start,
                };
                return Some(Finding {
                    rule: rules::PLACEHOLDER,
                    span: start..at + 1,
                    message: format!(
                        "placeholder `{}`: the number is missing",
                        &text[start..at + 1]
                    ),
                    help: "write the number it cites, or remove the citation",
                });
            }
        }
    }
    // A number directly followed by `?` inside brackets: "[4.3?]".
    let mut s = at;
    while s > 0 && (b[s - 1].is_ascii_digit() || b[s - 1] == b'.') {
        s -= 1;
    }
    if s < at && s > 0 && b[s - 1] == b'[' && b.get(at + 1) == Some(&b']') {
        return Some(Finding {
            rule: rules::PLACEHOLDER,
            span: (s - 1)..(at + 2),
            message: format!("uncertain reference `{}`", &text[s - 1..at + 2]),
            help: "confirm the clause number and remove the question mark and brackets",
        });
    }
    None
}

/// `[Note – …]`, `[… to be included?]`, and `[4.3?]` (handled as a placeholder).
fn bracket(text: &str, at: usize, limit: usize) -> Option<Finding> {
    let mut window_end = limit.min(at + 600);
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let close = text[at..window_end].find(']')? + at;
    let inner = text[at + 1..close].trim();
    let plain = strip_tags(inner);
    let plain = plain.trim();
    if plain
        .trim_end_matches('?')
        .bytes()
        .all(|c| c.is_ascii_digit() || c == b'.')
    {
        return None; // "[4.3?]" is the placeholder rule's; "[16.1.3]" is a citation
    }
    let lower = plain.to_ascii_lowercase();
    let is_note = lower.starts_with("note")
        || lower.starts_with("drafting")
        || lower.starts_with("check ")
        || lower.starts_with("tbc");
    let is_question = plain.ends_with('?') && plain.contains(' ');
    (is_note || is_question).then(|| Finding {
        rule: rules::DRAFTING_NOTE,
        span: at..close + 1,
        message: format!(
            "drafting note left in the text: `{}`",
            abbreviate(&text[at..close + 1])
        ),
        help: "resolve the note and delete it before the text is adopted",
    })
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for ch in s.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

fn abbreviate(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 60 {
        format!("{}…", flat.chars().take(57).collect::<String>())
    } else {
        flat
    }
}

/// `xx` as a word, or a run of x's standing for digits (`£xx,xxx`, `xx/xx/2024`).
fn xx(text: &str, at: usize, _end: usize, run: Span) -> Option<Finding> {
    let b = text.as_bytes();
    let mut e = at;
    while e < run.end && (b[e] == b'x' || b[e] == b'X') {
        e += 1;
    }
    let lowercase_run = b[at..e].iter().all(|&c| c == b'x') || b[at..e].iter().all(|&c| c == b'X');
    let token_start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    let token = &text[token_start..token_end];
    if token.contains("://") || token.starts_with("www.") || token.contains('@') {
        return None; // part of a web or email address
    }
    let before_ok = at == run.start || !b[at - 1].is_ascii_alphabetic();
    let after_ok = e >= run.end || !b[e].is_ascii_alphabetic();
    (lowercase_run && before_ok && after_ok).then(|| Finding {
        rule: rules::PLACEHOLDER,
        span: at..e,
        message: format!("placeholder `{}` left in the text", &text[at..e]),
        help: "replace the x's with the final figure or number",
    })
}

/// `Comment [ECC1]: …` — a flattened Word margin comment, to the end of its line.
fn comment(text: &str, bracket_end: usize, at: usize) -> Option<Finding> {
    let rest = &text[bracket_end..line_end(text, bracket_end)];
    let close = rest.find(']')?;
    let tag = &rest[..close];
    let ok = !tag.is_empty() && tag.len() <= 12 && tag.bytes().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| Finding {
        rule: rules::MARGIN_COMMENT,
        span: at..line_end(text, at),
        message: format!("Word margin comment [{tag}] left in the text"),
        help: "resolve the comment and delete it",
    })
}

/// "Part of the Constitution" with a capital P, not opening a sentence: a Part number is
/// missing ("in Part of the Constitution").
fn part_without_number(text: &str, at: usize, end: usize) -> Option<Finding> {
    let before = text[..at].trim_end_matches(' ');
    let opens_sentence =
        before.is_empty() || before.ends_with(['.', '\n', ':', '!', '?', '(', '"']);
    (!opens_sentence).then(|| Finding {
        rule: rules::PLACEHOLDER,
        span: at..end,
        message: "citation with its Part number missing: `Part of the Constitution`".into(),
        help: "write the Part's number, e.g. \"Part 4 of the Constitution\"",
    })
}

/// Check one document for drafting defects.
pub fn check_document(c: &Constitution, doc: &Document) -> Vec<Diagnostic> {
    let text = &c.file(doc.file).text;
    let path = &c.file(doc.file).path;
    let words = document_words(c);
    // Errors once adopted, warnings in drafts: each rule says so (`Rule::draft`).
    let to_diag = |f: Finding| {
        Diagnostic::new(f.rule, f.rule.severity_in(doc.meta.status), f.message)
            .at(doc.file, path, f.span.clone())
            .document(Some(&doc.meta.id))
            .clause(doc.clause_number_at(f.span.start))
            .help(f.help)
    };
    let mut out: Vec<Diagnostic> = doc
        .runs
        .iter()
        .flat_map(|run| scan(text, run.clone(), &words))
        .map(to_diag)
        .collect();
    for link in &doc.links {
        let dest = link.dest.trim();
        if dest.is_empty() || dest == "#" {
            out.push(to_diag(Finding {
                rule: rules::EMPTY_LINK,
                span: link.span.clone(),
                message: format!(
                    "link `{}` has no target",
                    abbreviate(&text[link.text.clone()])
                ),
                help: "give the link a real target, or remove it",
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(&'static str, String)> {
        scan(s, 0..s.len(), &["cso".to_string()])
            .into_iter()
            .map(|f| (f.rule.name, s[f.span].to_string()))
            .collect()
    }

    #[test]
    fn finds_the_placeholder_family() {
        assert_eq!(
            found("in Part ? of the Constitution"),
            [("placeholder", "Part ?".into())]
        );
        assert_eq!(
            found("under standing order ? the"),
            [("placeholder", "standing order ?".into())]
        );
        assert_eq!(
            found("under standing order?"),
            [("placeholder", "standing order?".into())]
        );
        assert_eq!(found("see CSO ? below"), [("placeholder", "CSO ?".into())]);
        assert_eq!(
            found("as in [4.3?] above"),
            [("placeholder", "[4.3?]".into())]
        );
        assert_eq!(
            found("a sum of £xx,xxx"),
            [("placeholder", "xx".into()), ("placeholder", "xxx".into())]
        );
        assert_eq!(found("date TBC."), [("placeholder", "TBC".into())]);
        assert_eq!(
            found("see Article of Part 2"),
            [("placeholder", "Article of".into())]
        );
        assert_eq!(
            found("set out in Part of the Constitution"),
            [("placeholder", "Part of the Constitution".into())]
        );
    }

    #[test]
    fn finds_notes_comments_and_artefacts() {
        assert_eq!(
            found("x [Note – check reference on completion] y")[0].0,
            "drafting-note"
        );
        assert_eq!(
            found("reviews <u>[all O and S meetings to</u> <u>be included?]</u>")[0].0,
            "drafting-note"
        );
        assert_eq!(
            found("text Comment [ECC1]: Have deleted the")[0],
            ("margin-comment", "Comment [ECC1]: Have deleted the".into())
        );
        assert_eq!(
            found("Formatted: Indent: Left: 0 cm")[0].0,
            "format-artefact"
        );
    }

    /// A constitution of one document with the given citation forms, and the drafting
    /// findings in `body`.
    fn with_forms(forms: &str, body: &str) -> (Vec<String>, Vec<String>) {
        use crate::load::{assemble, RawFile};
        let files = vec![
            RawFile {
                path: "constitution.yaml".into(),
                bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_vec(),
            },
            RawFile {
                path: "part-4/d.md".into(),
                bytes: format!("---\nid: d\ntitle: D\npart: \"4\"\n{forms}---\n{body}\n")
                    .into_bytes(),
            },
        ];
        let (c, _) = assemble(files).expect("assembles");
        let found = check_document(&c, &c.documents[0])
            .into_iter()
            .map(|d| d.message)
            .collect();
        (document_words(&c), found)
    }

    #[test]
    fn citation_words_come_from_the_documents_forms() {
        let (words, found) = with_forms(
            "short: CPR\nlong: [Council Procedure Rule, Bylaw 3]\n",
            "1.1 See CPR ? and CPRs? and Council Procedure Rule ?, not CSO ?.",
        );
        assert_eq!(words, ["cpr", "cprs", "rule"]);
        assert_eq!(
            found,
            [
                "placeholder `CPR ?`: the number is missing",
                "placeholder `CPRs?`: the number is missing",
                "placeholder `Rule ?`: the number is missing",
            ]
        );
        // Without a document whose short form is CSO, "CSO ?" is not a citation.
        let (words, found) = with_forms("", "1.1 See CSO ? now.");
        assert!(words.is_empty(), "{words:?}");
        assert!(found.is_empty(), "{found:?}");
        let (words, found) = with_forms("short: CSO\n", "1.1 See CSO ? and CSOs? now.");
        assert_eq!(words, ["cso", "csos"]);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn ordinary_prose_stays_quiet() {
        for s in [
            "Which Part? The one on access.",
            "See the site https://example.org/xx/page for more.",
            "Ref CSO16 [16.1.3] being a legal requirement",
            "Which Part?",
            "This Protocol is part of the Council's Constitution.",
            "Part of the Constitution deals with this.",
            "the Exxon contract and a box of 10 xylophones",
            "see [the guide](https://example.org) for more",
            "Members (see the access to information procedure in Part 4 of the Constitution);",
            "a hex value 0xFF",
        ] {
            assert_eq!(found(s), [], "{s}");
        }
    }
}
