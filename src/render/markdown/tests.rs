//! Tests of one chunk's rendering: leads, splicing, re-levelled headings, tables, and the
//! safety rules for raw HTML and script URLs.

use super::*;

fn chunk<'a>(src: &'a str, hide: &'a [Span], refs: &'a [RefLink]) -> Chunk<'a> {
    Chunk {
        src,
        range: 0..src.len(),
        hide,
        refs,
        lead: true,
        table_label: "Table in X 1",
        lead_text: true,
    }
}

fn link(src: &str, text: &str, href: &str) -> RefLink {
    let at = src.find(text).unwrap();
    RefLink {
        span: at..at + text.len(),
        href: Some(href.into()),
        hidden_prefix: None,
    }
}

fn number(src: &str, n: &str) -> Vec<Span> {
    let at = src.find(n).unwrap();
    let end = at + n.len();
    let rest = &src[end..];
    let span = at..end + (rest.len() - rest.trim_start_matches(' ').len());
    Vec::from([span])
}

#[test]
fn a_paragraph_clause_is_its_lead_without_the_number() {
    let src = "1.1 Purchasing decisions matter.\n";
    let r = render(
        &chunk(src, &number(src, "1.1"), &[]),
        &mut Headings::default(),
    );
    assert_eq!(r.lead_html, "Purchasing decisions matter.");
    assert_eq!(r.lead_text, "Purchasing decisions matter.");
    assert_eq!(r.body_html, "");
}

#[test]
fn a_list_item_clause_loses_its_list_and_keeps_what_follows() {
    let src = "- 4.2.5 the Suppliers Terms\n- an unnumbered item\n\nAdvice must be sought.\n";
    let r = render(
        &chunk(src, &number(src, "4.2.5"), &[]),
        &mut Headings::default(),
    );
    assert_eq!(r.lead_html, "the Suppliers Terms");
    assert_eq!(
        r.body_html,
        "<ul>\n<li>an unnumbered item</li>\n</ul>\n<p>Advice must be sought.</p>\n"
    );
}

#[test]
fn a_loose_item_and_a_heading_give_their_first_block() {
    let src = "- 1.1 first\n\n  second paragraph\n";
    let r = render(
        &chunk(src, &number(src, "1.1"), &[]),
        &mut Headings::default(),
    );
    assert_eq!(r.lead_html, "first");
    assert_eq!(r.body_html, "<p>second paragraph</p>\n");
    let src = "# 16 Standard Clauses {#standard-clauses}\n\ntext\n";
    let mut hide = number(src, "16");
    let l = src.find(" {#").unwrap();
    hide.push(l..l + " {#standard-clauses}".len());
    let r = render(&chunk(src, &hide, &[]), &mut Headings::default());
    assert_eq!(r.lead_html, "Standard Clauses");
    assert_eq!(r.body_html, "<p>text</p>\n");
}

#[test]
fn a_bold_number_leaves_no_empty_strong() {
    let src = "**1.0** Definitions\n";
    let r = render(
        &chunk(src, &number(src, "1.0"), &[]),
        &mut Headings::default(),
    );
    assert_eq!(r.lead_html, "Definitions");
}

#[test]
fn references_are_spliced_in_by_byte_range() {
    let src = "6.5.1 as set out in 6.3 above, see CSO 16 &amp; CSO\n16.1.\n";
    let refs = [
        RefLink {
            hidden_prefix: Some("CSO".into()),
            ..link(src, "6.3 above", "cso.html#cso-6.3")
        },
        link(src, "CSO 16 &amp;", "cso.html#cso-16"),
        link(src, "CSO\n16.1", "cso.html#cso-16.1"),
    ];
    let r = render(
        &chunk(src, &number(src, "6.5.1"), &refs),
        &mut Headings::default(),
    );
    assert_eq!(
        r.lead_html,
        "as set out in <a class=\"ref\" href=\"cso.html#cso-6.3\"><span class=\"vh\">CSO </span>6.3 above</a>, \
         see <a class=\"ref\" href=\"cso.html#cso-16\">CSO 16 &amp;</a> \
         <a class=\"ref\" href=\"cso.html#cso-16.1\">CSO\n16.1</a>."
    );
}

#[test]
fn an_explicit_link_takes_its_reference_target_or_loses_its_link() {
    let src = "1.1 See [CSO 16](#standard-clauses) and [gone](#nowhere) and [GOV.UK](https://www.gov.uk/).\n";
    let refs = [link(src, "[CSO 16](#standard-clauses)", "cso.html#cso-16")];
    let r = render(
        &chunk(src, &number(src, "1.1"), &refs),
        &mut Headings::default(),
    );
    assert_eq!(
        r.lead_html,
        "See <a class=\"ref\" href=\"cso.html#cso-16\">CSO 16</a> and gone and <a href=\"https://www.gov.uk/\">GOV.UK</a>."
    );
}

#[test]
fn raw_html_and_script_urls_become_text() {
    let src = "1.1 <b onclick=x()>hi</b> [x](JavaScript:alert(1)) <javascript:alert(2)> ![i](data:x)\n\n<script>alert(3)</script>\n";
    let r = render(
        &chunk(src, &number(src, "1.1"), &[]),
        &mut Headings::default(),
    );
    let all = format!("{}{}", r.lead_html, r.body_html);
    assert!(!all.contains("<b") && !all.contains("<script"));
    assert!(!all.contains("onclick=") && !all.contains("javascript:") && !all.contains("<img"));
    assert_eq!(
        r.lead_html,
        "&lt;b onclick&#61;x()&gt;hi&lt;/b&gt; x javascript&#58;alert(2) i"
    );
    assert_eq!(
        r.body_html,
        "<p class=\"raw-html\">&lt;script&gt;alert(3)&lt;/script&gt;\n</p>\n"
    );
}

#[test]
fn the_url_check_sees_through_case_spaces_and_controls() {
    for bad in [
        "javascript:x",
        "JaVaScRiPt:x",
        " javascript:x",
        "java\tscript:x",
        "java\u{0}script:x",
        "vbscript:x",
        "data:text/html,x",
    ] {
        assert!(!safe_url(bad), "{bad:?}");
    }
    for good in [
        "https://www.gov.uk/",
        "mailto:a@b.c",
        "#x",
        "cso.html#cso-1",
    ] {
        assert!(safe_url(good), "{good:?}");
    }
}

#[test]
fn heading_levels_never_skip() {
    let mut h = Headings::default();
    assert_eq!(h.next(4), 2);
    assert_eq!(h.next(6), 3);
    assert_eq!(h.next(2), 2);
    let src = "1.1 text\n\n#### Deep heading\n";
    let r = render(
        &chunk(src, &number(src, "1.1"), &[]),
        &mut Headings::default(),
    );
    assert_eq!(r.body_html, "<h2>Deep heading</h2>\n");
}

#[test]
fn table_headers_have_scope_and_the_table_a_named_region() {
    let src = "2.3 Notice:\n\n| a | b |\n| - | -: |\n| 1 | 2 |\n";
    let r = render(
        &chunk(src, &number(src, "2.3"), &[]),
        &mut Headings::default(),
    );
    assert!(r.body_html.starts_with(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table in X 1\">\n<table><thead><tr><th scope=\"col\">a</th><th scope=\"col\" style=\"text-align: right\">b</th></tr></thead>"
    ), "{}", r.body_html);
    assert!(r
        .body_html
        .contains("<td style=\"text-align: right\">2</td>"));
}

#[test]
fn escaping_covers_attribute_quotes() {
    assert_eq!(
        escape(r#"<a href="x" title='y'>&"#),
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;"
    );
}
