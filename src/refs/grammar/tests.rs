//! Tests of the reference grammar on phrases written the way councils write them.

use super::*;

fn lex() -> Lexicon {
    let same: Vec<String> = [
        "paragraph",
        "paragraphs",
        "para",
        "para'",
        "clause",
        "section",
        "sub-paragraph",
        "table",
    ]
    .map(String::from)
    .to_vec();
    let appendix: Vec<String> = ["Appendix", "Annex", "Schedule", "Attachment"]
        .map(String::from)
        .to_vec();
    let legislation: Vec<String> = ["Regulation", "Reg", "Reg."].map(String::from).to_vec();
    let generic: Vec<String> = ["standing order"].map(String::from).to_vec();
    let long: Vec<String> = vec![
        "Contract Standing Order".into(),
        "Contract Standing Orders".into(),
    ];
    let long: &'static [String] = Box::leak(long.into_boxed_slice());
    Lexicon::new(&Words {
        same_document: Box::leak(same.into_boxed_slice()),
        appendix: Box::leak(appendix.into_boxed_slice()),
        legislation: Box::leak(legislation.into_boxed_slice()),
        generic: Box::leak(generic.into_boxed_slice()),
        documents: vec![(0, "CSO", long), (1, "D25", &[])],
        titles: vec![
            (0, "Contract Standing Orders"),
            (1, "Council Procedure Rules"),
        ],
        abbreviations: &[],
        units: vec!["bylaw".into()],
    })
}

fn numbers(s: &str, items: &[Item]) -> String {
    items
        .iter()
        .map(|i| match i {
            Item::One(n) => n.number.to_string(),
            Item::Range(a, b) => format!("{}-{}", a.number, b.number),
            Item::Invalid(span) => format!("invalid {}", &s[span.clone()]),
            Item::Refined { outer, inner } => format!("{}[{}]", outer.number, inner.number),
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn refs(s: &str) -> Vec<(String, String)> {
    scan(&lex(), s, 0..s.len())
        .into_iter()
        .map(|r| {
            let what = match &r.cited {
                Cited::Clauses { scope, items } => format!(
                    "{scope:?} {}{}",
                    numbers(s, items),
                    r.direction.map(|d| format!(" {d:?}")).unwrap_or_default()
                ),
                Cited::Article { items, part } => {
                    format!("Article {} of Part {part:?}", numbers(s, items))
                }
                other => format!("{other:?}"),
            };
            (s[r.span].to_string(), what)
        })
        .collect()
}

#[test]
fn units_cited_by_their_word_roman_numerals_and_items_of_units() {
    // A unit word some document uses ("bylaw") cites whichever document the resolver picks.
    assert_eq!(refs("subject to Bylaw 3 and")[0].1, "Unit(\"bylaw\") 3");
    assert_eq!(
        refs("the officers named in Article IV may")[0],
        ("Article IV".into(), "Article 4 of Part None".into())
    );
    // The item of a unit keeps both spans: the unit's number and the item.
    assert_eq!(
        refs("on the notice in paragraph (c) of Bylaw 7.")[0],
        (
            "paragraph (c) of Bylaw 7".into(),
            "Unit(\"bylaw\") 7[7(c)]".into()
        )
    );
    // "I" the pronoun and capitals that open words are not numerals.
    assert!(refs("In Part I said Vice Chair")
        .iter()
        .all(|r| r.0 != "Part I"));
    assert!(refs("Item IVory of the list").is_empty());
}

#[test]
fn document_prefixes_and_long_forms() {
    assert_eq!(refs("shall include (Ref CSO 16)")[0].1, "Document(0) 16");
    assert_eq!(
        refs("see Standard Clause (Ref CSO16 [16.1.3]) being")[0],
        ("CSO16 [16.1.3]".into(), "Document(0) 16[16.1.3]".into())
    );
    assert_eq!(
        refs("Contract Standing Orders 1.1 – 1.4 apply")[0].1,
        "Document(0) 1.1-1.4"
    );
    assert_eq!(refs("(Ref D25 4.4)")[0].1, "Document(1) 4.4");
    assert_eq!(
        refs("CSOs 4.2, 4.3 and 4.7 were")[0].1,
        "Document(0) 4.2,4.3,4.7"
    );
}

#[test]
fn same_document_forms_and_directions() {
    assert_eq!(
        refs("paragraphs 4.8 – 4.10 above")[0].1,
        "SameDocument 4.8-4.10 Above"
    );
    assert_eq!(
        refs("paragraphs 5.12 and 5.13")[0].1,
        "SameDocument 5.12,5.13"
    );
    assert_eq!(refs("see para' 17 below")[0].1, "SameDocument 17 Below");
    assert_eq!(refs("identified in table 6.6).")[0].1, "SameDocument 6.6");
    assert_eq!(
        refs("8.1.7(a) applies to paragraph 8.1.7(a)")[0].1,
        "SameDocument 8.1.7(a)"
    );
    assert_eq!(refs("as stated at 2.1.3")[0].1, "SameDocument 2.1.3");
    assert_eq!(
        refs("In respect of 4.2.2 - 4.2.5 an order")[0].1,
        "SameDocument 4.2.2-4.2.5"
    );
    assert_eq!(
        refs("under standing order 10")[0].1,
        "Generic(\"standing order\") 10"
    );
}

#[test]
fn parts_articles_appendices_and_placeholders() {
    assert_eq!(
        refs("in Part 4 of the Constitution")[0].1,
        "Part { numbers: [(\"4\", 8..9)] }"
    );
    assert_eq!(
        refs("Parts 4 and 5 apply")[0].1,
        "Part { numbers: [(\"4\", 6..7), (\"5\", 12..13)] }"
    );
    assert_eq!(
        refs("Part 4.6.1 Contract Procedure Rules")[0].0,
        "Part 4.6.1"
    );
    assert!(refs("Article 12 of Part 2")[0]
        .1
        .contains("of Part Some(\"2\")"));
    assert!(refs("see Appendix D")[0].1.contains("elsewhere: false"));
    assert!(refs("Attachment 1 of the Council's Purchasing Guide")[0]
        .1
        .contains("elsewhere: true"));
    assert_eq!(refs("in Part ? of the")[0].1, "Placeholder");
}

#[test]
fn legislation_is_recognised_not_misread() {
    for s in [
        "the Public Contract Regulations 2015 Regulation 32 apply",
        "Section 135 of the Local Government Act 1972",
        "(section 149 of the Equality Act 2010)",
        "Regulations 2015 (Reg 73) enabling",
        "Part 4 of the Public Contracts Regulations 2015",
        "subject to Part 2 Public Contract Regulations 2015",
        "Part 2 of the Regs.);",
    ] {
        let r = refs(s);
        assert!(r.iter().all(|(_, w)| w == "External"), "{s}: {r:?}");
    }
}

#[test]
fn numbers_that_are_not_citations_stay_silent() {
    for s in [
        "a value of £140,000.00 or more",
        "of £884,720.00 for supply",
        "on 27.02.2024 at 7.00 pm",
        "the Section 151 Officer",
        "Chief Finance (Section 151) Officer",
        "Director of Corporate Services - Section 151",
        "(Reg 83/84), are maintained",
        "call (01843) 577207",
        "Hanging: 1.27 cm",
        "version 2.1 of the guide",
        "the cso 16 lowercase",
        "CSO's and recommend",
    ] {
        let r = refs(s);
        assert!(r.iter().all(|(_, w)| w == "External"), "{s}: {r:?}");
    }
}

#[test]
fn quantities_and_other_works_are_not_citations() {
    for s in [
        "within 1.5 miles of a school",
        "paragraph 1.5 miles away",
        "up to 1.4 times the average",
        "with 1.3 years' service",
        "a pH of 6.5 across the site",
        "the Section 151 and Monitoring Officers",
        "the s.151 Officer",
        "items 9.1 and 9.2 were taken",
    ] {
        let r = refs(s);
        assert!(r.is_empty(), "{s}: {r:?}");
    }
    for s in [
        "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
        "section 100B(4)(b) of that Act",
        "section 52 of ONCA",
        "the Corporations Act, Section 64.3",
        "Section 5 (2) of the Housing Act 1985",
        "Article 6 ECHR applies",
    ] {
        let r = refs(s);
        assert!(r.len() == 1 && r[0].1 == "External", "{s}: {r:?}");
    }
}

#[test]
fn documents_named_and_dotted_sub_items() {
    assert_eq!(
        refs("paragraph 12.3 of the Council Procedure Rules")[0],
        (
            "paragraph 12.3 of the Council Procedure Rules".into(),
            "Document(1) 12.3".into()
        )
    );
    assert_eq!(
        refs("Section 7.2.1.d applies")[0].1,
        "SameDocument 7.2.1(d)"
    );
    assert_eq!(
        refs("sub-paragraph 2.1.1(a) to (c)")[0].1,
        "SameDocument 2.1.1(a)-2.1.1(c)"
    );
    assert_eq!(
        refs("paragraphs 4.10 – 4.8 above")[0].1,
        "SameDocument 4.10-4.8 Above"
    );
    assert_eq!(
        refs("under 1.1 – 1.65536")[0].1,
        "SameDocument 1.1,invalid 1.65536"
    );
}
