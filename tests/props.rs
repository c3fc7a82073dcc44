//! Property tests: whatever text clerk is given, it must not panic, and every span it returns
//! must lie within the input, on character boundaries; clause spans must be in order and must
//! not overlap.
//!
//! Inputs are a mix of arbitrary Unicode and "token soup" built from the pieces constitutions
//! are made of (clause numbers, `---`, headings, list markers, brackets, `?`, placeholders,
//! notes, links, labels, multi-byte characters), which reaches far more of the parser than
//! random characters do. Case counts are proptest's default (256; set `PROPTEST_CASES` to
//! run more).

use clerk::diag::Diagnostic;
use clerk::frontmatter;
use clerk::load::{self, RawFile};
use clerk::number::{self, ClauseNumber};
use clerk::parse;
use clerk::passes;
use clerk::report;
use clerk::source::{FileId, SourceFile, Span};
use proptest::prelude::*;

/// The pieces clerk's input is made of.
const TOKENS: &[&str] = &[
    "---",
    "---\n",
    "...",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "2) ",
    "  - ",
    "1",
    "2",
    "9",
    "0",
    "10",
    "999",
    "1000",
    "1.0",
    "2.0",
    "1.1",
    "1.1.",
    "2.1",
    "2.6",
    "5.4.7",
    "5.4.9",
    "1.2.1",
    "4.10.4.1",
    "4A",
    "4.2A",
    "A1",
    "8.1.7",
    "(a)",
    "(b)",
    "(d)",
    "(i)",
    "(ii)",
    "(iv)",
    "(h)",
    "(aa)",
    ".",
    "..",
    "?",
    " ?",
    "[",
    "]",
    "(",
    ")",
    "{#",
    "{#label}",
    "{#x}",
    "}",
    "**",
    "__",
    "*",
    "_",
    "`",
    "```\n",
    "    ",
    "|",
    "| --- |",
    "<u>",
    "</u>",
    "<",
    ">",
    "&amp;",
    "\\",
    "!",
    ":",
    ",",
    "%",
    "/",
    "£",
    "£140,000.00",
    "—",
    "–",
    "é",
    "€",
    "\u{feff}",
    "\u{a0}",
    "\u{200b}",
    "😀",
    "ǅ",
    "İ",
    "Part ?",
    "Part",
    "part",
    "Schedule ?",
    "Section ?",
    "standing order ?",
    "CSO ?",
    "CSO",
    "[4.3?]",
    "[16.1.3]",
    "xx",
    "XX",
    "xxx",
    "TBC",
    "TBA",
    "[Note – check",
    "[Note: ",
    "[all O and S meetings to be included?]",
    "Comment [ECC1]: ",
    "Comment [",
    "Formatted: Indent: Left: 0 cm",
    "Formatted:",
    "[x](#)",
    "[x]()",
    "[CSO 16](#standard-clauses)",
    "](",
    "[link](https://example.org)",
    "<https://example.org/xx>",
    "Article of ",
    "Article of Part 2",
    "Part of the Constitution",
    "This Protocol is part of the Council's Constitution",
    "27.02.2024",
    "(01843) 577207",
    "24 hours",
    "2015 was",
    "Regulation 32",
    "Reg 83/84",
    "Introduction",
    "DEFINITIONS",
    "the",
    "a",
    "Members",
    "id: ",
    "title: ",
    "part: ",
    "\"4\"",
    "status: adopted",
    "status: draft",
    "long: [",
    "short: ",
    "adopted: 2018-10-01",
    "amended: 27.02.2024",
    "kept: false",
    "number: 4",
    "parts:",
    ": ",
    "{",
    "\"",
    "'",
    "&",
    "#",
    "-",
];

/// Token soup: up to `n` pieces of constitution.
fn soup(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..n).prop_map(|v| v.concat())
}

/// Anything: arbitrary Unicode, characters clerk cares about, or token soup.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9.\\[\\]()?#\\-\n \t*_:{}|`<>!xX£—é😀\r]{0,120}",
        "(\\PC|[0-9.?#\\-\n\\[\\]]){0,200}",
        soup(80),
        soup(300),
    ]
}

/// A document that usually has front matter, so its body reaches the clause parser.
fn document() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just(String::new()),
        Just("---\nid: doc\ntitle: T\npart: \"4\"\n---\n".to_string()),
        Just("---\nid: doc\ntitle: T\npart: \"4\"\nshort: CSO\nstatus: adopted\n---\n".to_string()),
        soup(12).prop_map(|y| format!("---\n{y}\n---\n")),
        "(\\PC|\n){0,40}".prop_map(|y| format!("---\nid: doc\ntitle: {y}\npart: \"4\"\n---\n")),
    ];
    (header, text()).prop_map(|(h, b)| h + &b)
}

fn check_span(text: &str, span: &Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what}: reversed span {span:?}");
    prop_assert!(
        span.end <= text.len(),
        "{what}: span {span:?} past the end ({} bytes)",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries in {text:?}"
    );
    Ok(())
}

fn check_within(outer: &Span, inner: &Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        outer.start <= inner.start && inner.end <= outer.end,
        "{what}: {inner:?} is not within {outer:?}"
    );
    Ok(())
}

fn check_diags(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diags {
        check_span(text, &d.span, d.rule.name)?;
        for r in &d.related {
            check_span(text, &r.span, "related span")?;
        }
    }
    Ok(())
}

/// Everything parse_body returns lies within the body; clauses are ordered and tile it.
///
/// `strict_heads`: a clause's number, head and label lie within the body too. Off only for bodies that
/// end before the text does, because of a known bug (see [`parse_body_stays_inside_its_body`]).
fn check_body(
    text: &str,
    body: &Span,
    parsed: &parse::Body,
    strict_heads: bool,
) -> Result<(), TestCaseError> {
    let mut prev_end = body.start;
    for (i, c) in parsed.clauses.iter().enumerate() {
        let what = format!("clause {} ({i})", c.number);
        check_span(text, &c.span, &what)?;
        check_within(body, &c.span, &what)?;
        prop_assert!(
            c.span.start >= prev_end,
            "{what}: span {:?} overlaps the previous clause (ends {prev_end})",
            c.span
        );
        prev_end = c.span.end;
        check_span(text, &c.number_span, &format!("{what} number"))?;
        check_span(text, &c.head, &format!("{what} head"))?;
        if strict_heads {
            check_within(body, &c.number_span, &format!("{what} number"))?;
            check_within(body, &c.head, &format!("{what} head"))?;
        }
        prop_assert!(
            c.span.start <= c.number_span.start && c.number_span.start <= c.span.end,
            "{what}: number {:?} outside the clause {:?}",
            c.number_span,
            c.span
        );
        if let Some(l) = &c.label {
            check_span(text, &l.span, &format!("{what} label"))?;
            if strict_heads {
                check_within(body, &l.span, &format!("{what} label"))?;
            }
        }
        prop_assert!(c.number.depth() >= 1, "{what}: empty number");
        if let Some(p) = c.parent {
            prop_assert!(p < i, "{what}: parent {p} does not come before it");
        }
    }
    if let Some(last) = parsed.clauses.last() {
        prop_assert_eq!(
            last.span.end,
            body.end,
            "the last clause runs to the end of the body"
        );
    }
    let mut prev_end = body.start;
    for r in &parsed.runs {
        check_span(text, r, "run")?;
        check_within(body, r, "run")?;
        prop_assert!(r.start >= prev_end, "run {r:?} overlaps the previous run");
        prev_end = r.end;
    }
    for l in &parsed.links {
        check_span(text, &l.span, "link")?;
        check_span(text, &l.text, "link text")?;
        check_within(body, &l.span, "link")?;
        if let Some(d) = &l.dest_span {
            check_span(text, d, "link destination")?;
        }
    }
    Ok(())
}

proptest! {
    // Cases as configured (PROPTEST_CASES, default 256); rejections for known bugs are many
    // when the case count is large, and must not abort the run.
    #![proptest_config(ProptestConfig { max_global_rejects: u32::MAX, ..ProptestConfig::default() })]

    #[test]
    fn split_spans_lie_within_the_text(t in document()) {
        if let Some(s) = frontmatter::split(&t) {
            check_span(&t, &s.yaml, "yaml")?;
            check_span(&t, &s.body, "body")?;
            prop_assert!(s.yaml.end <= s.body.start, "yaml {:?} and body {:?} overlap", s.yaml, s.body);
            prop_assert_eq!(s.body.end, t.len());
        }
    }

    #[test]
    fn parse_meta_diagnostics_lie_within_the_file(t in document()) {
        let src = SourceFile::new("part-4/doc.md", t.clone());
        if let Some(s) = frontmatter::split(&src.text) {
            let (meta, diags) = frontmatter::parse_meta(FileId(1), &src, &s);
            check_diags(&t, &diags)?;
            if let Some(m) = meta {
                check_span(&t, &m.part_span, "part")?;
            }
        }
    }

    #[test]
    fn parse_body_spans_are_ordered_and_within_the_body(t in document()) {
        let body = frontmatter::split(&t).map_or(0..t.len(), |s| s.body);
        let parsed = parse::parse_body(&t, body.clone());
        check_body(&t, &body, &parsed, true)?;
    }

    #[test]
    fn parse_body_of_a_slice_in_the_middle(pre in text(), mid in text(), post in text()) {
        let t = format!("{pre}{mid}{post}");
        let body = pre.len()..pre.len() + mid.len();
        let parsed = parse::parse_body(&t, body.clone());
        check_body(&t, &body, &parsed, false)?;
    }

    #[test]
    fn drafting_scan_spans_lie_within_the_text(pre in text(), run in text(), post in text()) {
        let t = format!("{pre}{run}{post}");
        let span = pre.len()..pre.len() + run.len();
        let words = vec!["cso".to_string(), "xx".to_string()];
        for f in passes::drafting::scan(&t, span.clone(), &words) {
            check_span(&t, &f.span, f.rule.name)?;
            // A finding may take in a word just before its run ("CSO" of "CSO ?"), but it
            // must be about the run.
            prop_assert!(
                f.span.start < span.end && f.span.end > span.start,
                "{} at {:?} does not touch the run {span:?}", f.rule.name, f.span
            );
            prop_assert!(!f.message.is_empty());
        }
    }

    #[test]
    fn parse_leading_stays_in_bounds_and_round_trips(t in text()) {
        if let Some(l) = number::parse_leading(&t) {
            prop_assert!(l.len > 0 && l.len <= t.len(), "len {} of {t:?}", l.len);
            prop_assert!(t.is_char_boundary(l.len));
            prop_assert!(l.number.depth() >= 1);
            // Known bug, see `dot_zero_with_trailing_dot_is_a_section`.
            let n = &l.number.0;
            prop_assume!(!(l.style == number::Style::TrailingDot && n.len() == 2 && n[1] == number::Seg::num(0)));
            let shown = l.number.to_string();
            prop_assert_eq!(ClauseNumber::parse(&shown), Some(l.number.clone()), "{} does not read back", shown);
        }
    }

    #[test]
    fn clause_number_parse_round_trips(t in text()) {
        if let Some(n) = ClauseNumber::parse(&t) {
            prop_assert!(n.depth() >= 1);
            let shown = n.to_string();
            prop_assert_eq!(ClauseNumber::parse(&shown), Some(n.clone()), "{} does not read back", shown);
            prop_assert!(n.parent().is_none_or(|p| n.starts_with(&p) && p < n));
        }
    }

    #[test]
    fn whole_pipeline_never_panics(docs in prop::collection::vec(document(), 1..4), config in prop_oneof![
        4 => Just("council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_string()),
        1 => soup(20),
    ]) {
        let mut raw = vec![RawFile { path: "constitution.yaml".into(), bytes: config.into_bytes() }];
        for (i, d) in docs.iter().enumerate() {
            raw.push(RawFile { path: format!("part-4/doc{i}.md"), bytes: d.clone().into_bytes() });
        }
        let Ok((c, load_diags)) = load::assemble(raw) else { return Ok(()) };
        let diags = passes::all(&c);
        for d in load_diags.iter().chain(&diags) {
            if let Some(f) = d.file {
                let text = &c.file(f).text;
                check_span(text, &d.span, d.rule.name)?;
                for r in &d.related {
                    check_span(text, &r.span, "related span")?;
                }
            }
        }
        for doc in &c.documents {
            let text = &c.file(doc.file).text;
            let parsed = parse::Body {
                clauses: doc.clauses.clone(),
                runs: doc.runs.clone(),
                links: doc.links.clone(),
                headings: doc.headings.clone(),
            };
            check_body(text, &doc.body, &parsed, true)?;
        }
        // Reporting must cope with whatever the passes produced.
        let mut all = load_diags;
        all.extend(diags);
        clerk::diag::sort(&mut all);
        let json = report::json_lines(&all, &c.files);
        prop_assert_eq!(json.lines().count(), all.len());
        let _ = report::human(&all, &c.files, false);
    }
}

// ── Known bugs found by the properties above, as plain tests ─────────────────────────────────

/// A `[` that is never closed, in a run longer than 600 bytes with a multi-byte character
/// straddling byte 600 after it: realistic in a long paragraph of a Word export
/// ("[Note – …" with en dashes or £ signs and no closing bracket).
#[test]
fn bracket_window_ends_inside_a_character() {
    let text = format!("[Note {}£ and more text after it.", "a".repeat(593));
    assert!(!text.is_char_boundary(600));
    let _ = passes::drafting::scan(&text, 0..text.len(), &[]);
    // And through the whole pipeline: a document whose paragraph opens such a bracket.
    let doc = format!("---\nid: d\ntitle: T\npart: \"4\"\n---\n1.1 {text}\n");
    let raw = vec![
        RawFile {
            path: "constitution.yaml".into(),
            bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_vec(),
        },
        RawFile {
            path: "part-4/d.md".into(),
            bytes: doc.into_bytes(),
        },
    ];
    let (c, _) = load::assemble(raw).expect("valid constitution");
    let _ = passes::all(&c);
}

/// parse_body reads a clause's first line to the end of the line in the whole text, not the
/// end of the body, so its number, head and label can lie outside `body`. Harmless while bodies run
/// to the end of their file, wrong for any caller that parses a slice.
#[test]
fn parse_body_stays_inside_its_body() {
    let text = "1. A";
    let body = parse::parse_body(text, 0..3);
    for c in &body.clauses {
        assert!(c.head.end <= 3, "head {:?} leaves the body 0..3", c.head);
    }
    // The number itself: "1" with ".\t" after the body is read as "1." (two bytes).
    let text = "1.\t";
    let body = parse::parse_body(text, 0..1);
    for c in &body.clauses {
        assert!(
            c.number_span.end <= 1,
            "number {:?} leaves the body 0..1",
            c.number_span
        );
    }
    let text = "1.1 Title {#label} and the next file";
    let body = parse::parse_body(text, 0..18);
    for c in &body.clauses {
        assert!(c.head.end <= 18, "head {:?} leaves the body 0..18", c.head);
    }
}

/// "1.0." is section 1 written with .0 and a trailing dot, as "1.0" is; parse_leading reads it
/// as clause 1.0 (two levels), so a document numbered "1.0. DEFINITIONS / 1.1. … / 2.0. ROLES"
/// reports every section as an orphan ("clause 1.0 has no parent: there is no section 1").
/// See also the fixture case tests/fixtures/check/dot-zero-trailing-dot.
#[test]
fn dot_zero_with_trailing_dot_is_a_section() {
    let l = number::parse_leading("1.0. DEFINITIONS").expect("a number");
    assert_eq!(l.number.to_string(), "1");
    assert_eq!(l.len, 4);
    assert_eq!(ClauseNumber::parse("1.0."), ClauseNumber::parse("1.0"));
}
