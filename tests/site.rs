//! `clerk build`: snapshots of small fixture sites, hostile sources, accessibility checks on
//! the generated HTML, determinism, template errors and the command line's behaviour.

mod common;

use common::*;

fn fixture(case: &str) -> std::path::PathBuf {
    repo()
        .join("tests/fixtures/site")
        .join(case)
        .join("constitution")
}

fn sample() -> std::path::PathBuf {
    repo().join("constitution")
}

#[test]
fn snapshots_of_the_basic_site() {
    let site = build(&fixture("basic"), false);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("tests/fixtures/site/basic/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (path, html) in pages(&site) {
            insta::assert_snapshot!(path.clone(), html);
        }
    });
}

#[test]
fn snapshots_of_the_hostile_site() {
    let site = build(&fixture("hostile"), false);
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("tests/fixtures/site/hostile/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        let html = site.text("hostile.html").unwrap();
        let start = html.find("<div class=\"doc-body\">").unwrap();
        let end = html.find("</main>").unwrap();
        insta::assert_snapshot!("hostile-body", &html[start..end]);
    });
}

#[test]
fn raw_html_and_script_links_never_become_markup() {
    let site = build(&fixture("hostile"), false);
    for (path, html) in pages(&site) {
        let lower = html.to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror=",
            "onmouseover=",
            "javascript:",
            "vbscript:",
            "data:text",
            "<img",
            "<iframe",
        ] {
            assert!(!lower.contains(bad), "{path} contains {bad}");
        }
        for t in tags(&html) {
            assert!(
                t.attrs.iter().all(|(n, _)| !n.starts_with("on")),
                "{path}: event handler attribute on <{}>",
                t.name
            );
        }
    }
    // The text is still there for the reader to see (and the drafter to fix).
    let page = site.text("hostile.html").unwrap();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("onerror&#61;alert(1)"));
    // A safe external link survives, with its title escaped.
    assert!(
        page.contains(r#"<a href="https://example.org/" title="a &quot;title&quot; &lt;b&gt;">"#)
    );
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let a = build(&sample(), false);
    let b = build(&sample(), false);
    assert_eq!(a, b);
    let (one, two) = (scratch("det-one"), scratch("det-two"));
    for out in [&one, &two] {
        let st = clerk()
            .args(["build", "--quiet", "--out"])
            .arg(out)
            .arg(sample())
            .current_dir(repo())
            .status()
            .unwrap();
        assert!(st.success());
    }
    let mut names: Vec<_> = std::fs::read_dir(&one)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 5, "{names:?}");
    for n in names {
        assert_eq!(
            std::fs::read(one.join(&n)).unwrap(),
            std::fs::read(two.join(&n)).unwrap(),
            "{n:?} differs"
        );
    }
}

/// Heading levels in order: exactly one h1, first; no level more than one below the last.
fn check_headings(path: &str, html: &str) {
    let levels: Vec<u8> = tags(html)
        .iter()
        .filter(|t| t.name.len() == 2 && t.name.starts_with('h'))
        .filter_map(|t| t.name[1..].parse().ok())
        .collect();
    assert_eq!(
        levels.iter().filter(|&&l| l == 1).count(),
        1,
        "{path}: one h1"
    );
    assert_eq!(levels.first(), Some(&1), "{path}: h1 comes first");
    for w in levels.windows(2) {
        assert!(
            w[1] <= w[0] + 1,
            "{path}: heading h{} after h{}",
            w[1],
            w[0]
        );
    }
}

fn check_accessibility(path: &str, html: &str) {
    let all = tags(html);
    let first = |name: &str| all.iter().find(|t| t.name == name);
    assert_eq!(
        first("html").and_then(|t| t.attr("lang")),
        Some("en-GB"),
        "{path}: lang"
    );
    check_headings(path, html);
    for landmark in ["header", "nav", "main", "footer"] {
        assert!(first(landmark).is_some(), "{path}: no <{landmark}>");
    }
    assert_eq!(all.iter().filter(|t| t.name == "main").count(), 1);
    // Several navs need names to tell them apart.
    for nav in all.iter().filter(|t| t.name == "nav") {
        assert!(
            nav.attr("aria-label").is_some() || nav.attr("aria-labelledby").is_some(),
            "{path}: unnamed nav"
        );
    }
    // The skip link is the first link and lands on main.
    let first_link = first("a").unwrap();
    assert_eq!(first_link.attr("href"), Some("#main"), "{path}: skip link");
    assert_eq!(first("main").unwrap().attr("id"), Some("main"));
    // Ids are unique.
    let mut ids = ids(html);
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "{path}: duplicate ids");
    // Table header cells say what they head.
    for th in all.iter().filter(|t| t.name == "th") {
        assert_eq!(th.attr("scope"), Some("col"), "{path}: <th> without scope");
    }
    // Every link has text that stands on its own.
    for a in all.iter().filter(|t| t.name == "a") {
        let text = inner_text(html, a);
        let text = text.trim().to_ascii_lowercase();
        assert!(!text.is_empty(), "{path}: empty link {:?}", a.attr("href"));
        for vague in ["here", "click here", "more", "read more", "link", "this"] {
            assert_ne!(text, vague, "{path}: vague link text");
        }
        // A bare number is not enough: "16.1.3" needs its document.
        let has_word = text
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() >= 2);
        assert!(has_word, "{path}: link text {text:?} is a bare number");
    }
    // Scrollable table regions can be reached by keyboard and have a name.
    for r in all.iter().filter(|t| t.attr("role") == Some("region")) {
        assert_eq!(r.attr("tabindex"), Some("0"));
        assert!(r.attr("aria-label").is_some_and(|l| !l.is_empty()));
    }
}

#[test]
fn pages_meet_the_accessibility_checks() {
    let seeds = repo().join("tests/fixtures/seeds");
    for site in [
        build(&sample(), false),
        build(&fixture("basic"), false),
        build(&fixture("hostile"), false),
        // Drafts full of defects (duplicate numbers, broken references) still give valid pages.
        build(&seeds.join("redline-draft/constitution"), true),
        build(&seeds.join("current-protocol-2016/constitution"), true),
        build(&seeds.join("proposed-protocol/constitution"), true),
    ] {
        let pages = pages(&site);
        for (path, html) in &pages {
            check_accessibility(path, html);
        }
        assert_eq!(dead_links(&pages), Vec::<String>::new());
    }
}

#[test]
fn every_clause_has_its_anchor_and_labels_are_anchors_too() {
    let site = build(&fixture("basic"), false);
    let html = site.text("rules.html").unwrap();
    for id in [
        "rules-1",
        "rules-1.1.2",
        "rules-2.2-b-i",
        "rules-2.4.1",
        "intro",
    ] {
        assert!(ids(html).iter().any(|i| i == id), "no id {id}");
    }
    // The label is not shown.
    assert!(!html.contains("{#intro}"));
    // Cited by, with links back; a clause that names itself is not listed.
    assert!(html.contains(r#"Cited by: <a href="rules.html#rules-1.1">CPR 1.1</a>, <a href="rules.html#rules-2.4.2">CPR 2.4.2</a>, <a href="protocol.html#protocol-1.1">"#));
    assert!(html.contains(r#"<a class="ref" href="rules.html#rules-2.1">rule 2.1</a> applies"#));
    // A reference to a Part links to the index section.
    let protocol = site.text("protocol.html").unwrap();
    assert!(protocol.contains(r#"<a class="ref" href="index.html#part-4">Part 4</a>"#));
    // A bare number reads with its document for screen readers.
    assert!(html.contains(r#"<a class="ref" href="rules.html#rules-2.2">rule 2.2</a>"#));
}

/// Relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let v = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * v(1) + 0.7152 * v(3) + 0.0722 * v(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn the_stylesheet_has_contrast_focus_and_print_rules() {
    let css = std::fs::read_to_string(repo().join("templates/style.css")).unwrap();
    let var = |name: &str| {
        let key = format!("--{name}: ");
        let at = css.find(&key).unwrap_or_else(|| panic!("no --{name}")) + key.len();
        css[at..at + 7].to_string()
    };
    for (fg, bg) in [
        ("text", "bg"),
        ("muted", "bg"),
        ("link", "bg"),
        ("visited", "bg"),
        ("head-fg", "head-bg"),
        ("focus-fg", "focus-bg"),
        ("text", "draft-bg"),
        ("link", "draft-bg"),
        ("muted", "panel"),
        ("link", "panel"),
        ("visited", "panel"),
    ] {
        let c = contrast(&var(fg), &var(bg));
        assert!(c >= 4.5, "--{fg} on --{bg}: {c:.2}:1");
    }
    assert!(css.contains(":focus-visible"));
    assert!(css.contains("@page { size: A4"));
    assert!(css.contains("h2, h3 { break-after: avoid; }"));
    assert!(css.contains(".clause-head, .clause-lead { break-inside: avoid;"));
    assert!(css
        .contains(r#"a.ref[href]::after, a[href^="http"]::after { content: " (" attr(href) ")""#));
    assert!(
        !css.contains("@import") && !css.contains("url("),
        "no external resources"
    );
}

#[test]
fn pages_are_self_contained() {
    let site = build(&sample(), false);
    for (path, html) in pages(&site) {
        for t in tags(&html) {
            for attr in ["src", "href"] {
                if let Some(v) = t.attr(attr) {
                    let external = v.starts_with("http") || v.starts_with("//");
                    assert!(
                        !external || (t.name == "a" && attr == "href"),
                        "{path}: <{} {attr}={v}> loads from elsewhere",
                        t.name
                    );
                }
            }
        }
    }
}

#[test]
fn a_broken_template_is_reported_with_file_and_line() {
    let tpl = scratch("broken-templates");
    std::fs::write(
        tpl.join("document.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{% for c in %}\n{% endblock main %}\n",
    )
    .unwrap();
    let out = scratch("broken-out");
    let o = clerk()
        .args(["build", "--templates"])
        .arg(&tpl)
        .arg("--out")
        .arg(&out)
        .arg(sample())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let shown = tpl.join("document.html").display().to_string();
    assert!(
        stderr.contains(&format!("{shown}:3:")),
        "file and line: {stderr}"
    );
}

#[test]
fn a_template_rendering_error_is_reported_too() {
    let tpl = scratch("render-error-templates");
    std::fs::write(tpl.join("index.html"), "<p>\n{{ no.such.value }}\n</p>\n").unwrap();
    let o = clerk()
        .args(["build", "--templates"])
        .arg(&tpl)
        .arg("--out")
        .arg(scratch("render-error-out"))
        .arg(sample())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:", tpl.join("index.html").display())),
        "{stderr}"
    );
}

#[test]
fn templates_override_the_built_in_ones_file_by_file() {
    let tpl = scratch("override-templates");
    std::fs::write(
        tpl.join("index.html"),
        "<!DOCTYPE html><title>x</title><p>Custom index for {{ site.council }}</p>",
    )
    .unwrap();
    std::fs::write(tpl.join("logo.svg"), "<svg/>").unwrap();
    let out = scratch("override-out");
    let st = clerk()
        .args(["build", "--quiet", "--templates"])
        .arg(&tpl)
        .arg("--out")
        .arg(&out)
        .arg(sample())
        .status()
        .unwrap();
    assert!(st.success());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Custom index for Thanet District Council"));
    // The other pages still use the built-in templates; assets are copied.
    let cso = std::fs::read_to_string(out.join("cso.html")).unwrap();
    assert!(cso.contains("<html lang=\"en-GB\">"));
    assert!(out.join("logo.svg").exists() && out.join("style.css").exists());
}

#[test]
fn init_templates_writes_the_defaults_and_refuses_to_overwrite() {
    let dir = scratch("init-templates").join("templates");
    let run = |force: bool| {
        let mut c = clerk();
        c.arg("init-templates").arg(&dir);
        if force {
            c.arg("--force");
        }
        c.output().unwrap()
    };
    assert!(run(false).status.success());
    for (name, text) in clerk::render::templates::DEFAULTS {
        assert_eq!(&std::fs::read_to_string(dir.join(name)).unwrap(), text);
        // The repository's templates/ are the ones the binary carries.
        let committed = std::fs::read_to_string(repo().join("templates").join(name)).unwrap();
        assert_eq!(&committed, text);
    }
    std::fs::write(dir.join("index.html"), "edited").unwrap();
    let o = run(false);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "edited"
    );
    assert!(run(true).status.success());
    assert_ne!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "edited"
    );
}

#[test]
fn build_refuses_a_constitution_with_errors() {
    let seeds = repo().join("tests/fixtures/seeds/redline-draft/constitution");
    let out = scratch("refused-out");
    let o = clerk()
        .args(["build", "--out"])
        .arg(&out)
        .arg(&seeds)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not building"));
    assert!(!out.join("index.html").exists());
    // A preview is still possible, and its links all land.
    let o = clerk()
        .args(["build", "--quiet", "--allow-errors", "--out"])
        .arg(&out)
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        o.stdout.is_empty() && o.stderr.is_empty(),
        "--quiet is quiet"
    );
    let site = build(&seeds, true);
    assert_eq!(dead_links(&pages(&site)), Vec::<String>::new());
}

#[test]
fn a_rebuild_removes_pages_it_no_longer_makes_and_nothing_else() {
    let out = scratch("stale-out");
    std::fs::write(out.join("keep.txt"), "mine").unwrap();
    std::fs::write(
        out.join(clerk::render::MANIFEST),
        "index.html\ngone.html\n../escape.html\n",
    )
    .unwrap();
    std::fs::write(out.join("gone.html"), "old").unwrap();
    let st = clerk()
        .args(["build", "--quiet", "--out"])
        .arg(&out)
        .arg(sample())
        .status()
        .unwrap();
    assert!(st.success());
    assert!(!out.join("gone.html").exists());
    assert!(out.join("keep.txt").exists());
    assert!(out.join("cso.html").exists());
}

#[test]
fn the_build_summary_goes_to_stdout_without_progress_when_not_a_terminal() {
    let out = scratch("summary-out");
    let o = clerk()
        .args(["build", "--out"])
        .arg(&out)
        .arg(sample())
        .output()
        .unwrap();
    assert!(o.status.success());
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.starts_with("built 3 pages of 2 documents into "),
        "{stdout}"
    );
    assert!(o.stderr.is_empty(), "no progress line off a terminal");
}

#[test]
fn units_cited_by_a_word_anchor_as_readers_cite_them() {
    // Headed rules, roman articles, lettered items and a document declaring `numbering:
    // Bylaw`: each clause's id says its unit word, and links from other documents reach it.
    let site = build(&fixture("headed-units"), false);
    let cpr = site.text("cpr.html").unwrap();
    for id in [
        "cpr-rule-5",
        "cpr-rule-5-b",
        "cpr-rule-7-c-iv",
        "cpr-rule-3A",
    ] {
        assert!(ids(cpr).iter().any(|i| i == id), "no id {id} in cpr.html");
    }
    let bylaws = site.text("bylaws.html").unwrap();
    for id in ["bylaws-article-4", "bylaws-section-4.7"] {
        assert!(
            ids(bylaws).iter().any(|i| i == id),
            "no id {id} in bylaws.html"
        );
    }
    let youth = site.text("youth.html").unwrap();
    assert!(ids(youth).iter().any(|i| i == "youth-bylaw-2.2"));
    assert!(cpr.contains(r#"<a class="ref" href="youth.html#youth-bylaw-4">Bylaw 4</a>"#));
    assert!(cpr.contains(r#"href="cpr.html#cpr-rule-7-c">paragraph (c) of Rule 7</a>"#));
    assert!(bylaws.contains(r#"href="bylaws.html#bylaws-article-4">Article IV</a>"#));
    assert_eq!(dead_links(&pages(&site)), Vec::<String>::new());
}
