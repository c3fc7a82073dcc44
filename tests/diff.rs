//! `clerk diff`: fixture cases with expected JSON Lines, robustness (a version against itself,
//! against nothing, a revision that does not exist), git revisions (needs `git`), the Word
//! package's XML and the document LibreOffice makes of it (needs LibreOffice and poppler's
//! `pdftotext`), escaping, and an HTML snapshot. A test whose tool is missing fails under CI
//! and says it did not run elsewhere (`common::require_tool`).
//!
//! Fixtures live in `tests/fixtures/diff/<case>/{old,new}/` with the insta snapshot
//! `snapshots/diff.snap` of the JSON Lines; `INSTA_UPDATE=always cargo test --test diff` (or
//! `cargo insta review`) writes it after a deliberate change.

mod common;

use clerk::diff::{self, docx, html};
use clerk::load::load_dir;
use clerk::model::Constitution;
use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(case: &str) -> PathBuf {
    root().join("tests/fixtures/diff").join(case)
}

fn load(p: &Path) -> Constitution {
    load_dir(p).expect("fixture loads").0
}

fn opts() -> diff::Options {
    diff::Options {
        old_label: "old".into(),
        new_label: "new".into(),
        ..Default::default()
    }
}

fn json(old: &Constitution, new: &Constitution) -> String {
    diff::json_lines(&diff::diff(old, new, &opts()))
}

/// A fresh scratch folder under the system temp folder.
fn scratch(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("clerk-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("temp folder");
    p
}

fn clerk(dir: &Path, args: &[&str]) -> std::process::Output {
    common::clerk()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("clerk runs")
}

#[test]
fn fixture_cases_match_their_expected_json_lines() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("old").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "fixture cases are missing");
    let mut failures = Vec::new();
    for case in cases {
        let got = json(&load(&case.join("old")), &load(&case.join("new")));
        failures.extend(common::case_snapshot(&case, "diff", &got).err());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn renumbered_clauses_are_never_amended() {
    let c = fixture("amend-insert-delete");
    let d = json(&load(&c.join("old")), &load(&c.join("new")));
    for line in d.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["amended"] == true {
            assert!(
                ["4.2", "4.3"].contains(&v["old"].as_str().unwrap()),
                "{line}"
            );
        }
    }
    assert!(d.contains(r#""summary":"CSO 4.2 — £25,000 → £50,000""#));
    assert!(d.contains("role title: Head of Legal Services → Head of Legal and Democracy"));
}

#[test]
fn a_version_against_itself_has_no_changes() {
    for dir in [root().join("constitution"), fixture("stale-reference/old")] {
        let c = load(&dir);
        let d = diff::diff(&c, &c, &opts());
        assert_eq!(diff::json_lines(&d), "", "{}", dir.display());
        assert!(d.docs.iter().all(|x| !x.changed()));
        assert!(diff::summary::text(&d).ends_with("no changes\n"));
    }
}

#[test]
fn against_an_empty_constitution_everything_is_inserted() {
    let empty = scratch("empty");
    let out = clerk(
        &root(),
        &[
            "diff",
            empty.to_str().unwrap(),
            "constitution",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let c = load(&root().join("constitution"));
    let clauses: usize = c.documents.iter().map(|d| d.clauses.len()).sum();
    let mut inserted = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["kind"], "inserted", "{line}");
        if v["new"].is_string() {
            inserted += 1;
        }
    }
    assert_eq!(inserted, clauses);
    // And the other way round, everything is deleted.
    let out = clerk(
        &root(),
        &[
            "diff",
            "constitution",
            empty.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.contains(r#""kind":"deleted""#)));
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn a_revision_that_does_not_exist_is_a_clear_error() {
    let out = clerk(
        &root(),
        &["diff", "no-such-revision-zz9", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`no-such-revision-zz9`"), "{err}");
    assert!(out.stdout.is_empty());
    let out = clerk(&root(), &["diff", "constitution", "--document", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let out = clerk(&root(), &["diff", "constitution", "--date", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Monitoring Officer")
        .env("GIT_AUTHOR_EMAIL", "mo@example.gov.uk")
        .env("GIT_COMMITTER_NAME", "Monitoring Officer")
        .env("GIT_COMMITTER_EMAIL", "mo@example.gov.uk")
        .env("GIT_AUTHOR_DATE", "2024-02-27T10:00:00+00:00")
        .env("GIT_COMMITTER_DATE", "2024-02-27T10:00:00+00:00")
        .output()
        .expect("git runs")
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn git_revisions_diff_like_folders_and_carry_author_and_date() {
    if !common::require_tool("git", &["--version"], "apt-get install -y git") {
        return;
    }
    let case = fixture("amend-insert-delete");
    // What the same two folders give (the fixture test holds that to its snapshot).
    let want = json(&load(&case.join("old")), &load(&case.join("new")));
    let repo = scratch("git");
    git(&repo, &["init", "-q"]);
    copy_dir(&case.join("old"), &repo.join("constitution"));
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "adopted"]);
    git(&repo, &["tag", "v1"]);
    std::fs::remove_dir_all(repo.join("constitution")).unwrap();
    copy_dir(&case.join("new"), &repo.join("constitution"));
    // The working tree against a tag.
    let out = clerk(&repo, &["diff", "v1", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "revised"]);
    // Two revisions, one written as REV:folder.
    let out = clerk(
        &repo,
        &["diff", "v1", "HEAD:constitution", "--format", "json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    // Author and date of the tracked changes come from the NEW commit.
    let out = clerk(
        &repo,
        &["diff", "v1", "HEAD", "--format", "docx", "--out", "o"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = unzip(&repo.join("o/cso.docx"), "word/document.xml");
    assert!(xml.contains(r#"w:author="Monitoring Officer" w:date="2024-02-27T00:00:00Z""#));
    let out = clerk(&repo, &["diff", "v1", "HEAD", "--format", "text"]);
    assert!(String::from_utf8(out.stdout).unwrap().contains("v1 ("));
    let out = clerk(&repo, &["diff", "v7", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("`v7` is neither a constitution folder nor a revision"));
    let _ = std::fs::remove_dir_all(&repo);
}

fn unzip(path: &Path, part: &str) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(part).unwrap(), &mut s).unwrap();
    s
}

/// Every tag is closed in order; text holds no bare `<` or `&`.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        for (i, _) in text.match_indices('&') {
            let ent = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "bare & in {}",
                &ent[..ent.len().min(20)]
            );
        }
        let close = rest[open..].find('>').expect("tag closes") + open;
        let tag = &rest[open + 1..close];
        if tag.starts_with('?') || tag.starts_with('!') {
        } else if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

fn docx_parts(case: &str) -> Vec<(&'static str, String)> {
    let (o, n) = (
        load(&fixture(case).join("old")),
        load(&fixture(case).join("new")),
    );
    let d = diff::diff(&o, &n, &opts());
    docx::parts(&d, &d.docs[0])
}

#[test]
fn word_output_has_tracked_changes_with_author_and_date() {
    let parts = docx_parts("amend-insert-delete");
    for (name, xml) in &parts {
        assert!(xml.starts_with("<?xml"), "{name}");
        assert_well_formed(xml);
    }
    let doc = &parts.iter().find(|p| p.0 == "word/document.xml").unwrap().1;
    let who = r#"w:author="clerk" w:date="2024-02-27T00:00:00Z""#;
    assert!(doc.contains(&format!(
        r#"{who}><w:r><w:delText xml:space="preserve">£25,000</w:delText></w:r></w:del>"#
    )));
    assert!(doc.contains(&format!(
        r#"{who}><w:r><w:t xml:space="preserve">£50,000</w:t></w:r></w:ins>"#
    )));
    // The inserted clause's paragraph mark is tracked, and so is the deleted one's.
    assert!(doc.contains(r#"<w:rPr><w:ins w:id="#));
    assert!(doc.contains(r#"<w:rPr><w:del w:id="#));
    assert!(doc.contains("Waivers shall be reported to the Audit Committee."));
    // Renumbering is a tracked change of the number.
    assert!(doc.contains(r#"<w:delText xml:space="preserve">4.4</w:delText>"#));
    // Every revision id is unique.
    let mut ids: Vec<&str> = doc
        .match_indices(" w:id=\"")
        .map(|(i, m)| {
            let s = &doc[i + m.len()..];
            &s[..s.find('"').unwrap()]
        })
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    let settings = &parts.iter().find(|p| p.0 == "word/settings.xml").unwrap().1;
    assert!(settings.contains("<w:trackRevisions/>"));
    // The package is a zip Word can open: every part is there.
    let bytes = docx::package(&parts).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    for (name, body) in &parts {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        assert_eq!(&s, body);
    }
}

#[test]
fn word_output_marks_moves_as_moves() {
    let parts = docx_parts("moved-and-labelled");
    let doc = &parts.iter().find(|p| p.0 == "word/document.xml").unwrap().1;
    assert_well_formed(doc);
    let name = |tag: &str| {
        let at = doc.find(tag).unwrap_or_else(|| panic!("no {tag}"));
        let s = &doc[at..];
        let n = s.find("w:name=\"").unwrap() + 8;
        s[n..n + s[n..].find('"').unwrap()].to_string()
    };
    assert_eq!(name("<w:moveFromRangeStart"), name("<w:moveToRangeStart"));
    assert!(doc.contains("<w:moveFrom w:id="));
    assert!(doc.contains("<w:moveTo w:id="));
    assert!(doc.contains("<w:moveFromRangeEnd"));
    assert!(doc.contains("<w:moveToRangeEnd"));
}

#[test]
fn word_output_opens_in_libreoffice_with_changes_visible() {
    let Some(office) = common::find_tool(
        &["libreoffice", "soffice"],
        &["--version"],
        "apt-get install -y libreoffice-writer-nogui",
    ) else {
        return;
    };
    if !common::require_tool("pdftotext", &["-v"], "apt-get install -y poppler-utils") {
        return;
    }
    let dir = scratch("office");
    let case = fixture("amend-insert-delete");
    let out = clerk(
        &root(),
        &[
            "diff",
            case.join("old").to_str().unwrap(),
            case.join("new").to_str().unwrap(),
            "--format",
            "docx",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let conv = Command::new(office)
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(dir.join("cso.docx"))
        .output()
        .expect("LibreOffice runs");
    assert!(
        conv.status.success(),
        "{}",
        String::from_utf8_lossy(&conv.stderr)
    );
    let pdf = dir.join("cso.pdf");
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&conv.stdout)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    for words in [
        "£25,000",
        "£50,000",
        "Legal Services",
        "Services and Democracy",
        "Waivers shall be reported",
        "Officers shall record every decision",
    ] {
        assert!(
            text.contains(words),
            "`{words}` is not visible in the PDF: {text}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn source_text_is_escaped_in_html_and_word() {
    let dir = scratch("escape");
    let new = dir.join("new");
    copy_dir(&fixture("whitespace-only/old"), &dir.join("old"));
    copy_dir(&fixture("whitespace-only/old"), &new);
    let md = new.join("part-4/meetings.md");
    let text = std::fs::read_to_string(&md).unwrap()
        + "\n1.2 Never &lt;script&gt;alert(1)&lt;/script&gt; & \"quotes\".\n";
    std::fs::write(&md, text).unwrap();
    let (o, n) = (load(&dir.join("old")), load(&new));
    let d = diff::diff(&o, &n, &opts());
    let t = html::templates().unwrap();
    let page = html::render_document(&t, &d, &d.docs[0]).unwrap();
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;"));
    let xml = docx::document_xml(&d, &d.docs[0], &d.attribution(&d.docs[0]));
    assert_well_formed(&xml);
    assert!(xml.contains("&lt;script&gt;"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_redline_snapshot() {
    let c = fixture("amend-insert-delete");
    let (o, n) = (load(&c.join("old")), load(&c.join("new")));
    let d = diff::diff(&o, &n, &opts());
    let t = html::templates().unwrap();
    let page = html::render_document(&t, &d, &d.docs[0]).unwrap();
    // The stylesheet is long and not what this snapshot is about.
    let body = &page[page.find("<body>").unwrap()..];
    insta::assert_snapshot!(body);
    let index = html::render_index(&t, &d).unwrap();
    assert!(index.contains(r#"<a href="cso.html">Contract Standing Orders</a>"#));
}

#[test]
fn html_output_writes_an_index_and_a_page_per_document() {
    let dir = scratch("html");
    let c = fixture("documents");
    let out = clerk(
        &root(),
        &[
            "diff",
            c.join("old").to_str().unwrap(),
            c.join("new").to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["index.html", "meetings.html", "planning.html", "gifts.html"] {
        let page = std::fs::read_to_string(dir.join(f)).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{f}");
        assert!(page.contains(r#"<html lang="en-GB">"#));
    }
    let gifts = std::fs::read_to_string(dir.join("gifts.html")).unwrap();
    assert!(gifts.contains("<del><span class=\"sr\">[deleted: </span>Gifts over £50 shall be registered.<span class=\"sr\">]</span></del>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_repaired_protocol_differs_from_the_proposed_one_only_by_renumbering() {
    // constitution/NOTES.md: the bundled protocol is the proposed one with its numbering
    // faults repaired, so every change is a renumbering and no words changed.
    let old = load(&root().join("tests/fixtures/seeds/proposed-protocol/constitution"));
    let new = load(&root().join("constitution"));
    let o = diff::Options {
        document: Some("member-officer-protocol".into()),
        ..opts()
    };
    let d = diff::diff(&old, &new, &o);
    let text = diff::json_lines(&d);
    assert!(!text.is_empty());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["kind"], "renumbered", "{line}");
        assert_eq!(v["amended"], false, "{line}");
    }
}

mod properties {
    use super::*;
    use clerk::load::{assemble, RawFile};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Council",
        "Officer",
        "shall",
        "may",
        "record",
        "every",
        "decision",
        "£25,000",
        "the",
        "Head",
        "of",
        "Legal",
        "Services",
        "(see",
        "paragraph",
        "1.2)",
        "in",
        "writing.",
    ];

    fn constitution(sections: &[Vec<Vec<usize>>]) -> Constitution {
        let mut body = String::new();
        for (s, clauses) in sections.iter().enumerate() {
            body.push_str(&format!("# {} Section\n\n", s + 1));
            for (c, words) in clauses.iter().enumerate() {
                let text: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
                body.push_str(&format!("{}.{} {}\n\n", s + 1, c + 1, text.join(" ")));
            }
        }
        let files = vec![
            RawFile {
                path: "constitution.yaml".into(),
                bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_vec(),
            },
            RawFile {
                path: "part-4/d.md".into(),
                bytes: format!("---\nid: d\ntitle: D\npart: \"4\"\n---\n\n{body}").into_bytes(),
            },
        ];
        assemble(files).expect("assembles").0
    }

    fn doc() -> impl Strategy<Value = Vec<Vec<Vec<usize>>>> {
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec(0usize..40, 1..8), 0..6),
            1..4,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every clause of either side appears exactly once; the same words are never
        /// `amended`; a version against itself has no changes.
        #[test]
        fn every_clause_gets_exactly_one_kind(a in doc(), b in doc()) {
            let (old, new) = (constitution(&a), constitution(&b));
            let d = diff::diff(&old, &new, &opts());
            let dd = &d.docs[0];
            let mut seen_old = vec![0; old.documents[0].clauses.len()];
            let mut seen_new = vec![0; new.documents[0].clauses.len()];
            for e in &dd.entries {
                if let Some(i) = e.old { seen_old[i] += 1; }
                if let Some(j) = e.new { seen_new[j] += 1; }
                if let (Some(i), Some(j)) = (e.old, e.new) {
                    let same = dd.old_text.clauses[i].key == dd.new_text.clauses[j].key;
                    prop_assert_eq!(same, !e.amended);
                }
            }
            prop_assert!(seen_old.iter().all(|&n| n == 1));
            prop_assert!(seen_new.iter().all(|&n| n == 1));
            let _ = diff::summary::text(&d);
            let t = html::templates().unwrap();
            let _ = html::render_document(&t, &d, dd).unwrap();
            let _ = docx::document_xml(&d, dd, &d.attribution(dd));
            let same = diff::diff(&old, &old, &opts());
            prop_assert_eq!(diff::json_lines(&same), "");
        }
    }
}
