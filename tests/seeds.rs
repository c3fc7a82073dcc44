//! Recall and precision of `clerk check` on real council texts.
//!
//! Every folder `tests/fixtures/seeds/<case>/` holds `constitution/` (a real document converted
//! with its real defects) and `DEFECTS.md`, the ground truth: one line per defect,
//! `<file relative to the case folder>:<line>: <kind>: <what>` (see the seeds' README.md).
//!
//! - **Recall**: every DEFECTS.md entry is reported: same file, same line, same rule.
//! - **Precision**: every error or warning clerk reports is a DEFECTS.md entry. Entries are
//!   matched one to one, so two placeholders on one line need two entries.
//!
//! On failure the test prints a table of misses and extras per case. Every case must pass:
//! a seed clerk gets wrong is a failing test, not a skipped one.
//! `CLERK_CASE=<substring>` runs only the matching cases.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The rules that satisfy a DEFECTS.md kind. The kinds are rule names, except that the seeds'
/// rule 5 files margin comments and `Formatted:` lines under `drafting-note`, where clerk has a
/// rule for each (`margin-comment`, `format-artefact`).
fn rules_for_kind(kind: &str) -> Vec<&str> {
    match kind {
        "drafting-note" => vec!["drafting-note", "margin-comment", "format-artefact"],
        other => vec![other],
    }
}

fn seeds_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

/// One line of DEFECTS.md.
#[derive(Debug, Clone)]
struct Expected {
    file: String,
    line: u64,
    kind: String,
    what: String,
}

/// One error or warning clerk reported, with its file relative to the case folder.
#[derive(Debug, Clone)]
struct Reported {
    file: String,
    line: u64,
    rule: String,
    severity: String,
    message: String,
}

fn parse_defects(text: &str) -> Result<Vec<Expected>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "DEFECTS.md:{}: not `<file>:<line>: <kind>: <what>`: {raw}",
                i + 1
            )
        };
        let (file, rest) = l.split_once(':').ok_or_else(bad)?;
        let (line, rest) = rest.split_once(':').ok_or_else(bad)?;
        let (kind, what) = rest.split_once(':').ok_or_else(bad)?;
        let line: u64 = line.trim().parse().map_err(|_| bad())?;
        let kind = kind.trim();
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            return Err(bad());
        }
        out.push(Expected {
            file: file.trim().to_string(),
            line,
            kind: kind.to_string(),
            what: what.trim().to_string(),
        });
    }
    Ok(out)
}

fn run_clerk(case_dir: &Path) -> Result<Vec<Reported>, String> {
    let out = common::clerk()
        .args(["check", "constitution", "--format", "json"])
        .current_dir(case_dir)
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot run clerk: {e}"))?;
    match out.status.code() {
        Some(0 | 1) => {}
        other => {
            return Err(format!(
                "clerk exited with {other:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
    let stdout = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    for l in stdout.lines() {
        let v: Value = serde_json::from_str(l).map_err(|e| format!("not JSON ({e}): {l}"))?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let severity = s("severity");
        if severity != "error" && severity != "warning" {
            continue;
        }
        // DEFECTS.md lists the drafts' structural defects (numbering, drafting, references);
        // the wording checks (T6xx: titles and defined terms) have fixtures of their own in
        // tests/fixtures/terms/.
        if s("code").starts_with('T') {
            continue;
        }
        found.push(Reported {
            file: format!("constitution/{}", s("file")),
            line: v["line"].as_u64().unwrap_or(0),
            rule: s("name"),
            severity,
            message: s("message"),
        });
    }
    Ok(found)
}

/// What one case got right and wrong.
struct Score {
    expected: usize,
    reported: usize,
    missed: Vec<Expected>,
    extra: Vec<Reported>,
}

/// Match entries to reports one to one on (file, line, rule).
fn score(expected: &[Expected], reported: &[Reported]) -> Score {
    let mut pool: BTreeMap<(&str, u64, &str), Vec<&Reported>> = BTreeMap::new();
    for r in reported {
        pool.entry((r.file.as_str(), r.line, r.rule.as_str()))
            .or_default()
            .push(r);
    }
    let mut missed = Vec::new();
    for e in expected {
        let hit = rules_for_kind(&e.kind).iter().find_map(|rule| {
            pool.get_mut(&(e.file.as_str(), e.line, *rule))
                .and_then(|v| v.pop())
        });
        if hit.is_none() {
            missed.push(e.clone());
        }
    }
    let mut extra: Vec<Reported> = pool.into_values().flatten().cloned().collect();
    extra.sort_by(|a, b| (&a.file, a.line, &a.rule).cmp(&(&b.file, b.line, &b.rule)));
    Score {
        expected: expected.len(),
        reported: reported.len(),
        missed,
        extra,
    }
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

fn table(case: &str, s: &Score) -> String {
    let mut t = String::new();
    let found = s.expected - s.missed.len();
    let _ = writeln!(
        t,
        "\n── {case}: recall {found}/{} , precision {}/{} ──",
        s.expected,
        s.reported - s.extra.len(),
        s.reported
    );
    if !s.missed.is_empty() {
        let _ = writeln!(t, "  MISSED: in DEFECTS.md, not reported");
        let _ = writeln!(t, "    {:<48} {:>5}  {:<22} what", "file", "line", "kind");
        for m in &s.missed {
            let _ = writeln!(
                t,
                "    {:<48} {:>5}  {:<22} {}",
                m.file,
                m.line,
                m.kind,
                cut(&m.what, 90)
            );
        }
    }
    if !s.extra.is_empty() {
        let _ = writeln!(t, "  EXTRA: reported, not in DEFECTS.md");
        let _ = writeln!(
            t,
            "    {:<48} {:>5}  {:<22} message",
            "file", "line", "rule"
        );
        for x in &s.extra {
            let _ = writeln!(
                t,
                "    {:<48} {:>5}  {:<22} {} ({})",
                x.file,
                x.line,
                x.rule,
                cut(&x.message, 80),
                x.severity
            );
        }
    }
    t
}

/// Every seed case folder, sorted, filtered by `CLERK_CASE`.
fn cases() -> Vec<(String, PathBuf)> {
    let root = seeds_root();
    let filter = std::env::var("CLERK_CASE").unwrap_or_default();
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.is_dir())
        .filter_map(|p| Some((p.file_name()?.to_string_lossy().into_owned(), p)))
        .filter(|(n, _)| !n.starts_with('.') && n.contains(&filter))
        .collect();
    out.sort();
    out
}

fn run() {
    let all = cases();
    if std::env::var_os("CLERK_CASE").is_none() {
        assert!(
            !all.is_empty(),
            "no seed cases under {}: each needs constitution/ and DEFECTS.md",
            seeds_root().display()
        );
    }
    let mut report = String::new();
    let mut failed = 0;
    for (name, dir) in all {
        let defects = dir.join("DEFECTS.md");
        let result = fs::read_to_string(&defects)
            .map_err(|e| format!("cannot read {}: {e}", defects.display()))
            .and_then(|t| parse_defects(&t))
            .and_then(|exp| {
                if !dir.join("constitution").is_dir() {
                    return Err("no constitution/ folder".to_string());
                }
                Ok((exp, run_clerk(&dir)?))
            });
        match result {
            Err(e) => {
                failed += 1;
                let _ = writeln!(report, "\n── {name} ──\n  {e}");
            }
            Ok((exp, got)) => {
                let s = score(&exp, &got);
                eprint!("{}", table(&name, &s));
                if !s.missed.is_empty() || !s.extra.is_empty() {
                    failed += 1;
                    report.push_str(&table(&name, &s));
                }
            }
        }
    }
    assert_eq!(failed, 0, "seed cases with misses or extras:\n{report}");
}

#[test]
fn seeds() {
    run();
}
