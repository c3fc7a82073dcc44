//! Data-driven tests of `clerk check`: adding a test case means adding a fixture folder, not
//! writing Rust.
//!
//! Every folder `tests/fixtures/check/<case>/` holds
//!
//! - `constitution/` — a `constitution.yaml` and Part folders of `.md` documents;
//! - `snapshots/check.snap` — the exit status and the exact output of `clerk check
//!   constitution --format json`, run in the case folder (an insta snapshot).
//!
//! Run `INSTA_UPDATE=always cargo test --test fixtures` (or `cargo insta review`) to write the
//! snapshots from what clerk prints now, then read every changed snapshot before committing
//! it: the expected output is what a legal officer should see, not whatever the code happens
//! to print.
//!
//! `CLERK_CASE=<substring>` runs only the cases whose name contains it.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const FILTER_VAR: &str = "CLERK_CASE";

fn cases_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
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

/// Compare one case with its snapshot: the exit status, then the JSON Lines.
fn verify(case: &Case) -> Result<(), String> {
    let got = run_case(case)?;
    check_schema(&got.stdout)?;
    let content = format!("status: {}\n{}", got.status, got.stdout);
    common::case_snapshot(&case.dir, "check", &content).map_err(|e| {
        if got.stderr.is_empty() {
            e
        } else {
            format!("{e}\n  stderr:\n{}", got.stderr.trim_end())
        }
    })
}

fn run(selected: Vec<Case>) {
    let mut failures = String::new();
    let mut ran = 0;
    for case in &selected {
        ran += 1;
        match verify(case) {
            Ok(()) => eprintln!("ok       {}", case.name),
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
