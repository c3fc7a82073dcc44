//! Cross-reference tests. Each folder in `tests/fixtures/refs/` is a case: a `constitution/`
//! plus the insta snapshots `snapshots/refs.snap` (the output of `clerk refs --format json`)
//! and `snapshots/check.snap` (the reference and placeholder diagnostics of `clerk check`).
//! `INSTA_UPDATE=always cargo test --test refs` (or `cargo insta review`) writes them.

mod common;

use common::fixture_cases;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn clerk(args: &[&str], dir: &Path) -> String {
    let out = common::clerk().args(args).arg(dir).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn reference_diagnostics(check_json: &str) -> String {
    check_json
        .lines()
        .filter(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let code = v["code"].as_str().unwrap();
            code.starts_with('R') || code == "P301"
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn reference_fixtures() {
    // The precision corpus has a test of its own (tests/refs_precision.rs).
    let cases: Vec<_> = fixture_cases("refs", 4)
        .into_iter()
        .filter(|c| !c.join("phrases.tsv").exists())
        .collect();
    let mut failures = Vec::new();
    for case in &cases {
        let dir = case.join("constitution");
        let refs = clerk(&["refs", "--format", "json"], &dir);
        let check = reference_diagnostics(&clerk(&["check", "--format", "json"], &dir));
        failures.extend(common::case_snapshot(case, "refs", &refs).err());
        failures.extend(common::case_snapshot(case, "check", &check).err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("constitution")
}

fn refs_of(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["refs", "--format", "json"];
    args.extend_from_slice(extra);
    clerk(&args, dir)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn targets(v: &Value) -> Vec<String> {
    v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}:{}",
                t["document"].as_str().unwrap_or("-"),
                t["clause"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

#[test]
fn every_citation_in_the_bundled_constitution_resolves_to_the_right_clause() {
    let refs = refs_of(&sample(), &[]);
    let by_text =
        |text: &str| -> Vec<&Value> { refs.iter().filter(|r| r["text"] == text).collect() };
    let ref16 = by_text("CSO 16");
    assert!(
        ref16.len() >= 6,
        "the CSOs cite CSO 16 from 4.1, 4.2.1, 4.2.2, 4.2.4, 4.2.5 and 4.3.8"
    );
    for r in ref16 {
        assert_eq!(targets(r), ["cso:16"]);
    }
    assert_eq!(targets(by_text("CSO 2.1")[0]), ["cso:2.1"]);
    assert_eq!(targets(by_text("CSO16 [16.1.3]")[0]), ["cso:16.1.3"]);
    assert_eq!(
        targets(by_text("Contract Standing Order 6.6")[0]),
        ["cso:6.6"]
    );
    assert_eq!(targets(by_text("table 6.6")[0]), ["cso:6.6"]);
    assert_eq!(
        targets(by_text("4.2.2 - 4.2.5")[0]),
        ["cso:4.2.2", "cso:4.2.3", "cso:4.2.4", "cso:4.2.5"]
    );
    for r in &refs {
        let o = r["outcome"].as_str().unwrap();
        assert!(o == "resolved" || o == "external", "{r}");
    }
    let check = common::clerk()
        .args(["check", "--format", "json"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn refs_to_lists_what_cites_a_clause_and_its_subclauses() {
    let to16 = refs_of(&sample(), &["--to", "cso:16"]);
    assert!(
        to16.iter().any(|r| r["text"] == "CSO16 [16.1.3]"),
        "16.1.3 is inside CSO 16"
    );
    assert!(to16
        .iter()
        .all(|r| targets(r).iter().any(|t| t.starts_with("cso:16"))));
    let to21 = refs_of(&sample(), &["--to", "cso:2.1"]);
    let texts: Vec<&str> = to21.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"CSO 2.1") && texts.contains(&"2.1.3"),
        "{texts:?}"
    );
    let bad = common::clerk()
        .args(["refs", "--to", "nosuch:1"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Issue 17: `clerk build` links citations, never quantities: "within 1.5 miles" stays text
/// while "Bylaw 3, Section 5.3" links to clause 5.3 of the other document.
#[test]
fn the_site_links_citations_not_quantities() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refs/named-documents/constitution");
    let out = common::scratch("refs-site-quantities");
    let st = common::clerk()
        .args(["build", "--allow-errors", "--quiet", "--out"])
        .arg(&out)
        .arg(&src)
        .status()
        .unwrap();
    assert!(st.success());
    let html = std::fs::read_to_string(out.join("bylaw-1.html")).unwrap();
    let at = html
        .find("within 1.5 miles")
        .expect("the quantity is printed as written");
    let before = &html[..at];
    assert!(
        before
            .rfind("<a ")
            .is_none_or(|a| before[a..].contains("</a>")),
        "a link is open around `1.5 miles`"
    );
    assert!(html.contains(r#"<a class="ref" href="bylaw-3.html#bylaw-3-5.3">Section 5.3</a>"#));
    assert!(html.contains("2.5% a year") && !html.contains(">2.5</a>"));
}
