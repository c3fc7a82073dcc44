//! Data-driven tests of `clerk check`: adding a test case means adding a fixture folder, not
//! writing Rust.
//!
//! Every folder `tests/fixtures/check/<case>/` holds
//!
//! - `constitution/` — a `constitution.yaml` and Part folders of `.md` documents;
//! - `expected.jsonl` — the exact output of `clerk check constitution --format json`, run in
//!   the case folder;
//! - `expected.status` — the exit status, as a number.
//!
//! Run `CLERK_BLESS=1 cargo test --test fixtures` to (re)write the expected files from what
//! clerk prints now, then read every changed `expected.jsonl` before committing it: the
//! expected output is what a legal officer should see, not whatever the code happens to print.
//!
//! `CLERK_CASE=<substring>` runs only the cases whose name contains it.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const BLESS_VAR: &str = "CLERK_BLESS";
const FILTER_VAR: &str = "CLERK_CASE";

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

fn blessing() -> bool {
    std::env::var_os(BLESS_VAR).is_some_and(|v| !v.is_empty() && v != "0")
}

struct Case {
    name: String,
    dir: PathBuf,
}

/// Every case folder, sorted by name, filtered by `CLERK_CASE`.
fn cases() -> Vec<Case> {
    let root = cases_root();
    let filter = std::env::var(FILTER_VAR).unwrap_or_default();
    let mut out: Vec<Case> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_dir())
        .filter_map(|dir| {
            let name = dir.file_name()?.to_string_lossy().into_owned();
            if name.starts_with('.') || !name.contains(&filter) {
                return None;
            }
            Some(Case { name, dir })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// What `clerk check constitution --format json` printed, run inside the case folder.
struct Outcome {
    stdout: String,
    status: i32,
    stderr: String,
}

fn run_case(case: &Case) -> Result<Outcome, String> {
    if !case.dir.join("constitution").is_dir() {
        return Err("no constitution/ folder".into());
    }
    let out = common::clerk()
        .args(["check", "constitution", "--format", "json"])
        .current_dir(&case.dir)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .map_err(|e| format!("cannot run clerk: {e}"))?;
    let status = out
        .status
        .code()
        .ok_or_else(|| format!("clerk was killed by a signal ({:?})", out.status))?;
    let stdout = String::from_utf8(out.stdout).map_err(|e| format!("stdout is not UTF-8: {e}"))?;
    Ok(Outcome {
        stdout,
        status,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    })
}

/// Every output line must be a JSON object with the contract's fields.
fn check_schema(stdout: &str) -> Result<(), String> {
    const FIELDS: &[&str] = &[
        "code", "name", "severity", "file", "line", "column", "document", "clause", "message",
    ];
    for (i, line) in stdout.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("output line {} is not JSON ({e}): {line}", i + 1))?;
        for f in FIELDS {
            if v.get(f).is_none() {
                return Err(format!("output line {} has no field `{f}`: {line}", i + 1));
            }
        }
    }
    Ok(())
}

/// A small line diff: lines only in `expected` are `-`, lines only in `actual` are `+`, shared
/// lines in order are ` `. Longest common subsequence; cases are small.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "    {}", a[i]);
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "  - {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "  + {}", b[j]);
            j += 1;
        }
    }
    out
}

/// Compare one case with its expected files; `Err` describes every difference.
fn verify(case: &Case) -> Result<(), String> {
    let jsonl = case.dir.join("expected.jsonl");
    let status_file = case.dir.join("expected.status");
    let mut missing = Vec::new();
    let expected_out = fs::read_to_string(&jsonl)
        .map_err(|_| missing.push("expected.jsonl"))
        .ok();
    let expected_status = fs::read_to_string(&status_file)
        .map_err(|_| missing.push("expected.status"))
        .ok();
    if !missing.is_empty() {
        return Err(format!(
            "missing {}; run `{BLESS_VAR}=1 cargo test --test fixtures` to write it, then review it",
            missing.join(" and ")
        ));
    }
    let expected_status: i32 = expected_status
        .unwrap_or_default()
        .trim()
        .parse()
        .map_err(|e| format!("expected.status is not a number: {e}"))?;
    let expected_out = expected_out.unwrap_or_default();
    let got = run_case(case)?;
    let mut problems = String::new();
    if let Err(e) = check_schema(&got.stdout) {
        let _ = writeln!(problems, "  {e}");
    }
    if got.status != expected_status {
        let _ = writeln!(
            problems,
            "  exit status {} (expected {expected_status})",
            got.status
        );
    }
    if got.stdout != expected_out {
        let _ = writeln!(problems, "  output differs (- expected, + actual):");
        problems.push_str(&diff(&expected_out, &got.stdout));
    }
    if !problems.is_empty() && !got.stderr.is_empty() {
        let _ = writeln!(problems, "  stderr:\n{}", got.stderr.trim_end());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Write the expected files from what clerk prints now.
fn bless(case: &Case) -> Result<(), String> {
    let got = run_case(case)?;
    check_schema(&got.stdout)?;
    fs::write(case.dir.join("expected.jsonl"), &got.stdout).map_err(|e| e.to_string())?;
    fs::write(
        case.dir.join("expected.status"),
        format!("{}\n", got.status),
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}

fn run(selected: Vec<Case>) {
    let blessing = blessing();
    let mut failures = String::new();
    let mut ran = 0;
    for case in &selected {
        ran += 1;
        let result = if blessing { bless(case) } else { verify(case) };
        match result {
            Ok(()) => eprintln!(
                "{:<8} {}",
                if blessing { "blessed" } else { "ok" },
                case.name
            ),
            Err(e) => {
                eprintln!("FAILED   {}", case.name);
                let _ = write!(failures, "\n── {} ──\n{}\n", case.name, e.trim_end());
            }
        }
    }
    assert!(
        ran > 0,
        "no fixture cases found under {}",
        cases_root().display()
    );
    assert!(failures.is_empty(), "fixture cases failed:\n{failures}");
}

/// Every case reproduces its expected output and exit status.
#[test]
fn check_fixtures() {
    run(cases());
}

#[test]
fn diff_marks_missing_and_extra_lines() {
    let d = diff("a\nb\nc\n", "a\nc\nd\n");
    assert_eq!(d, "    a\n  - b\n    c\n  + d\n");
}
