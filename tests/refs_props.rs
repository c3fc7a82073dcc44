//! Property tests for the reference grammar and resolution: arbitrary text never panics, and
//! every span (reference, cited number) lies inside the input on character boundaries.

use clerk::load::{assemble, RawFile};
use clerk::refs::grammar::{scan, Cited, Item, Lexicon, Words};
use clerk::refs::resolve::resolve_all;
use proptest::prelude::*;

fn words() -> Vec<String> {
    [
        "paragraph",
        "paragraphs",
        "para",
        "para'",
        "section",
        "clause",
        "sub-paragraph",
        "table",
    ]
    .map(String::from)
    .to_vec()
}

fn lexicon() -> Lexicon {
    let same = Box::leak(words().into_boxed_slice());
    let appendix = Box::leak(vec!["Appendix".to_string(), "Annex".to_string()].into_boxed_slice());
    let legislation =
        Box::leak(vec!["Regulation".to_string(), "Reg".to_string()].into_boxed_slice());
    let generic = Box::leak(vec!["standing order".to_string()].into_boxed_slice());
    let long = Box::leak(vec!["Contract Standing Order".to_string()].into_boxed_slice());
    Lexicon::new(&Words {
        same_document: same,
        appendix,
        legislation,
        generic,
        documents: vec![(0, "CSO", long)],
        titles: vec![
            (0, "Contract Standing Orders"),
            (1, "Members' Code of Conduct"),
        ],
        abbreviations: &[],
        units: vec!["rule".to_string(), "article".to_string()],
    })
}

/// Text rich in the characters citations are made of.
fn citationish() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("CSO".to_string()),
        Just("CSO16".to_string()),
        Just("s.".to_string()),
        Just(" miles".to_string()),
        Just(" of the Members’ Code of Conduct".to_string()),
        Just("Contract Standing Orders, ".to_string()),
        Just("é".to_string()),
        Just(".d".to_string()),
        Just("65536".to_string()),
        Just("°".to_string()),
        Just("%".to_string()),
        Just("Schedule 12A".to_string()),
        Just(" of ONCA".to_string()),
        Just(" that Act".to_string()),
        Just("paragraph ".to_string()),
        Just("Part ".to_string()),
        Just("Article ".to_string()),
        Just("Appendix ".to_string()),
        Just("Regulation ".to_string()),
        Just(" of the ".to_string()),
        Just(" Act ".to_string()),
        Just("above".to_string()),
        Just("below".to_string()),
        Just(" – ".to_string()),
        Just(" and ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("?".to_string()),
        Just("£".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        "[0-9]{1,4}",
        "[a-z]{1,3}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn in_bounds(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #[test]
    fn the_grammar_never_panics_and_keeps_spans_in_bounds(text in citationish()) {
        let lex = lexicon();
        for r in scan(&lex, &text, 0..text.len()) {
            prop_assert!(in_bounds(&text, &r.span), "{:?}", r.span);
            if let Cited::Clauses { items, .. } = &r.cited {
                for item in items {
                    let spans = match item {
                        Item::One(n) => vec![n.span.clone()],
                        Item::Range(a, b) => vec![a.span.clone(), b.span.clone()],
                        Item::Refined { outer, inner } => vec![outer.span.clone(), inner.span.clone()],
                        Item::Invalid(span) => vec![span.clone()],
                    };
                    for s in spans {
                        prop_assert!(in_bounds(&text, &s) && s.start >= r.span.start && s.end <= r.span.end);
                    }
                }
            }
        }
    }

    #[test]
    fn resolution_of_arbitrary_documents_never_panics(body in citationish(), head in citationish()) {
        let doc = format!("---\nid: cso\ntitle: T\npart: \"4\"\nshort: CSO\n---\n# 1 {head}\n\n1.1 {body}\n\n{body}\n");
        let raw = vec![
            RawFile { path: "constitution.yaml".into(), bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: R\n".to_vec() },
            RawFile { path: "part-4/cso.md".into(), bytes: doc.into_bytes() },
        ];
        let (c, _) = assemble(raw).unwrap();
        let text = &c.files[1].text;
        for r in resolve_all(&c) {
            prop_assert!(in_bounds(text, &r.span));
            for n in &r.numbers {
                prop_assert!(in_bounds(text, &n.span));
            }
        }
    }
}
