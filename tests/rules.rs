//! The rule catalogue against the tests: every rule in `clerk::rules::ALL` is documented,
//! well named and in code order, and every code is exercised somewhere — in an expected
//! output under `tests/fixtures/` (`expected*.jsonl`, `expected*.txt`, `*.snap`) or in a test
//! source under `tests/` — unless [`UNTESTABLE`] says why it cannot be. Where an expected
//! output records a severity, it must be one the rule declares.
//!
//! What each rule finds, and at which line, is for the fixtures and tests themselves to say;
//! this file only checks that none is left out.

use clerk::diag::Severity;
use clerk::rules::{Rule, ALL};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Rules no input can make clerk report, each with why. Keep it short: a rule that can be
/// triggered gets a fixture case instead.
const UNTESTABLE: &[(&str, &str)] = &[
    (
        "K708",
        "only a fault in clerk's diff engine makes it: the engine compares any two documents",
    ),
    (
        "K710",
        "only a broken built-in pack template makes it: the templates are compiled in",
    ),
];

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The expected outputs under `tests/fixtures/`.
fn expected_outputs() -> Vec<PathBuf> {
    let mut all = Vec::new();
    walk(&tests_dir().join("fixtures"), &mut all);
    all.into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            (name.starts_with("expected") && (name.ends_with(".jsonl") || name.ends_with(".txt")))
                || name.ends_with(".snap")
        })
        .collect()
}

/// The test sources: every `.rs` under `tests/` but fixtures and this file (whose list of
/// untestable rules names codes without testing them).
fn test_sources() -> Vec<PathBuf> {
    let mut all = Vec::new();
    walk(&tests_dir(), &mut all);
    let fixtures = tests_dir().join("fixtures");
    all.into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| !p.starts_with(&fixtures) && p.file_name().unwrap() != "rules.rs")
        .collect()
}

/// Whether `code` occurs in `text` as a word of its own (not inside `E0010` or `xE001`).
fn mentions(text: &str, code: &str) -> bool {
    text.match_indices(code).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + code.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn rule(code: &str) -> &'static Rule {
    clerk::rules::find(code).unwrap_or_else(|| panic!("no rule {code}"))
}

fn severity(s: &str) -> Option<Severity> {
    match s {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// Every severity a rule declares: its own, a draft's, and other steps'.
fn declared(r: &Rule) -> BTreeSet<Severity> {
    let mut out = BTreeSet::from([r.severity]);
    out.extend(r.draft);
    out.extend(r.also.iter().map(|(_, s)| *s));
    out
}

#[test]
fn every_rule_is_documented_and_well_named() {
    let mut problems = Vec::new();
    for r in ALL {
        for (field, text) in [("what", r.what), ("why", r.why), ("example", r.example)] {
            if text.trim().is_empty() {
                problems.push(format!("{} has no `{field}`", r.code));
            }
        }
        let kebab = !r.name.is_empty()
            && !r.name.starts_with('-')
            && !r.name.ends_with('-')
            && !r.name.contains("--")
            && r.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !kebab {
            problems.push(format!("{} name `{}` is not kebab-case", r.code, r.name));
        }
        let well_formed = r.code.len() == 4
            && r.code.as_bytes()[0].is_ascii_uppercase()
            && r.code[1..].bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            problems.push(format!(
                "code `{}` is not a letter and three digits",
                r.code
            ));
        }
        if r.draft == Some(r.severity) {
            problems.push(format!(
                "{} declares a draft severity equal to its own",
                r.code
            ));
        }
        if r.also.iter().any(|(s, _)| *s == r.step) {
            problems.push(format!("{} lists its own step under `also`", r.code));
        }
    }
    let codes: BTreeSet<_> = ALL.iter().map(|r| r.code).collect();
    let names: BTreeSet<_> = ALL.iter().map(|r| r.name).collect();
    if codes.len() != ALL.len() {
        problems.push("two rules share a code".into());
    }
    if names.len() != ALL.len() {
        problems.push("two rules share a name".into());
    }
    // Code order is by number (E001 … K710); the letter names the family, and one family
    // holds one hundred.
    for w in ALL.windows(2) {
        if w[0].code[1..] >= w[1].code[1..] {
            problems.push(format!("{} comes before {}", w[0].code, w[1].code));
        }
    }
    let mut family: BTreeMap<&str, char> = BTreeMap::new();
    for r in ALL {
        let letter = r.code.chars().next().unwrap();
        if *family.entry(&r.code[1..2]).or_insert(letter) != letter {
            problems.push(format!("{} is in another letter's hundred", r.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_tested_somewhere() {
    let outputs: Vec<(PathBuf, String)> = expected_outputs()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p, text)
        })
        .collect();
    let sources: Vec<(PathBuf, String)> = test_sources()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    assert!(
        outputs.len() > 100,
        "found {} expected outputs",
        outputs.len()
    );
    let allowed: BTreeMap<&str, &str> = UNTESTABLE.iter().copied().collect();
    for code in allowed.keys() {
        rule(code);
    }
    let mut untested = Vec::new();
    let mut stale = Vec::new();
    for r in ALL {
        let tested = outputs
            .iter()
            .chain(&sources)
            .any(|(_, text)| mentions(text, r.code));
        match (tested, allowed.get(r.code)) {
            (false, None) => untested.push(format!("{} {}", r.code, r.name)),
            (true, Some(_)) => stale.push(r.code),
            _ => {}
        }
    }
    assert!(
        untested.is_empty(),
        "rules no expected output under tests/fixtures/ and no test under tests/ mentions \
         (write a fixture case, or say in UNTESTABLE why none can exist):\n{}",
        untested.join("\n")
    );
    assert!(
        stale.is_empty(),
        "rules listed in UNTESTABLE that are tested after all: {stale:?}"
    );
}

#[test]
fn expected_outputs_report_rules_at_a_severity_they_declare() {
    let mut wrong = BTreeSet::new();
    let mut seen = 0;
    for p in expected_outputs() {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let shown = p.strip_prefix(tests_dir()).unwrap().display().to_string();
        // JSON Lines (`.jsonl`, and snapshots of them) or human output (`error[R401]: …` at
        // the start of a line), line by line.
        let found: Vec<(String, String)> = text
            .lines()
            .filter_map(|l| {
                if l.starts_with('{') {
                    let v = serde_json::from_str::<serde_json::Value>(l).ok()?;
                    return Some((
                        v.get("code")?.as_str()?.to_string(),
                        v.get("severity")?.as_str()?.to_string(),
                    ));
                }
                let (sev, rest) = l.split_once('[')?;
                let (code, _) = rest.split_once("]:")?;
                severity(sev)?;
                Some((code.to_string(), sev.to_string()))
            })
            .collect();
        for (code, sev) in found {
            seen += 1;
            let r = rule(&code);
            if !declared(r).contains(&severity(&sev).expect("a severity")) {
                wrong.insert(format!(
                    "{shown}: {code} {} reported as {sev}, but it declares {:?}",
                    r.name,
                    declared(r)
                ));
            }
        }
    }
    assert!(seen > 100, "read only {seen} diagnostics");
    assert!(
        wrong.is_empty(),
        "{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}
