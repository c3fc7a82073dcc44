//! The reference precision corpus (`tests/fixtures/refs/precision/`): numeric phrases from
//! real council texts, each with the references `clerk refs` must find in it — none for
//! quantities, sums, dates and the like; `external` for legislation; the exact target and
//! confidence for citations of this constitution. Every phrase is asserted, and the test
//! prints precision and recall so a change that trades one for the other shows.
//!
//! The phrases are written, one paragraph each, into clause 21 of the fixture's `phrases`
//! document (see the folder's README) and read back through `clerk refs --format json`, the
//! command users run. `phrases.tsv` is the corpus the grammar was built against;
//! `heldout.tsv` was gathered afterwards from other kinds of document (Scottish, Welsh and
//! Northern Irish standing orders, NHS and university rules, petition schemes…) to show the
//! grammar holds on shapes it was not built around. A citation of another work that clerk does
//! not recognise at all ("by S.R. 2014/153") harms nothing — it is neither reported, linked nor
//! rewritten — so an expected `external` may be missing; it is counted, not failed.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

struct Phrase {
    line: usize,
    expect: Vec<String>,
    text: String,
}

fn phrases(dir: &Path, file: &str) -> Vec<Phrase> {
    let tsv = std::fs::read_to_string(dir.join(file)).expect(file);
    let mut out = Vec::new();
    for (i, l) in tsv.lines().enumerate() {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').collect();
        assert!(
            cols.len() >= 2,
            "phrases.tsv:{}: expected EXPECT<TAB>PHRASE",
            i + 1
        );
        let expect = match cols[0].trim() {
            "-" => Vec::new(),
            e => e.split(" ; ").map(|s| s.trim().to_string()).collect(),
        };
        out.push(Phrase {
            line: i + 1,
            expect,
            text: cols[1].trim().to_string(),
        });
    }
    out
}

/// How one record of `clerk refs --format json` is written in `phrases.tsv`.
fn describe(v: &Value) -> String {
    let outcome = v["outcome"].as_str().unwrap_or("?").to_string();
    let targets: Vec<String> = v["targets"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .map(|t| match (t["document"].as_str(), t["clause"].as_str()) {
                    (Some(d), Some(c)) => format!("{d}:{c}"),
                    (Some(d), None) => d.to_string(),
                    (None, _) => format!("part:{}", t["part"].as_str().unwrap_or("?")),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut s = outcome;
    if !targets.is_empty() {
        s = format!("{s}={}", targets.join(","));
    }
    if v["confidence"] == "inferred" {
        s.push_str("~inferred");
    }
    s
}

#[test]
fn every_phrase_gets_exactly_its_references() {
    run_corpus("phrases.tsv", "refs-precision");
}

#[test]
fn held_out_phrases_get_exactly_their_references() {
    run_corpus("heldout.tsv", "refs-heldout");
}

fn run_corpus(file: &str, scratch: &str) {
    let fixture = common::repo().join("tests/fixtures/refs/precision");
    let list = phrases(&fixture, file);
    let dir = common::scratch(scratch);
    common::copy_dir(&fixture.join("constitution"), &dir);
    let mut doc = std::fs::read_to_string(fixture.join("skeleton.md")).unwrap();
    let first_line = doc.lines().count() + 1;
    let mut line_of = BTreeMap::new();
    for (k, p) in list.iter().enumerate() {
        // Each phrase is a paragraph: the phrase's line, then a blank line.
        line_of.insert(first_line + 2 * k, k);
        doc.push_str(&p.text);
        doc.push_str("\n\n");
    }
    std::fs::write(dir.join("part-5/phrases.md"), doc).unwrap();
    let out = common::clerk()
        .args(["refs", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got: Vec<Vec<String>> = vec![Vec::new(); list.len()];
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["file"] != "part-5/phrases.md" {
            continue;
        }
        let line = v["line"].as_u64().unwrap() as usize;
        if let Some(&k) = line_of.get(&line) {
            got[k].push(describe(&v));
        }
    }
    // Precision: of the references clerk reports for this constitution (not external), how
    // many were meant; recall: of the meant ones, how many it reports exactly.
    let is_ours = |s: &&String| !s.starts_with("external");
    let (mut reported, mut right, mut meant) = (0, 0, 0);
    let mut externals_missed = 0;
    let mut wrong = Vec::new();
    for (p, g) in list.iter().zip(&got) {
        reported += g.iter().filter(is_ours).count();
        meant += p.expect.iter().filter(is_ours).count();
        right += p
            .expect
            .iter()
            .filter(is_ours)
            .filter(|e| g.contains(e))
            .count();
        let without_externals: Vec<String> = p.expect.iter().filter(is_ours).cloned().collect();
        if *g == p.expect {
            continue;
        }
        if *g == without_externals {
            externals_missed += p.expect.len() - without_externals.len();
            continue;
        }
        let show = |v: &[String]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(" ; ")
            }
        };
        wrong.push(format!(
            "{file}:{}: {:?}\n    expected {}\n    got      {}",
            p.line,
            p.text,
            show(&p.expect),
            show(g)
        ));
    }
    let non_refs = list
        .iter()
        .filter(|p| p.expect.iter().all(|e| e.starts_with("external")))
        .count();
    eprintln!(
        "{file}: {} phrases ({non_refs} with no reference of this constitution, {meant} references meant)\n  precision {:.1}% ({right}/{reported}), recall {:.1}% ({right}/{meant}), {externals_missed} citations of other works not recognised (harmless), {} phrases wrong",
        list.len(),
        100.0 * right as f64 / reported.max(1) as f64,
        100.0 * right as f64 / meant.max(1) as f64,
        wrong.len()
    );
    if file == "phrases.tsv" {
        assert!(
            non_refs >= 300,
            "the corpus needs at least 300 non-references, has {non_refs}"
        );
        assert!(
            meant >= 200,
            "the corpus needs at least 200 references, has {meant}"
        );
    }
    assert!(
        wrong.is_empty(),
        "{} of {} phrases read wrongly:\n{}",
        wrong.len(),
        list.len(),
        wrong.join("\n")
    );
}
