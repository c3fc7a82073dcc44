//! Fixture-driven tests of `clerk renumber`: each folder in `tests/fixtures/renumber/` is one
//! case with a `constitution/` (or a `source` file naming one), optional `args` (one per
//! line), and the insta snapshot `snapshots/renumber.snap` of the dry run's exit status and
//! output.
//! A case whose `--write` must be refused although its dry run succeeds (inferred references
//! not confirmed) says so in `expected-write.status`.
//! `INSTA_UPDATE=always cargo test --test renumber` (or `cargo insta review`) writes the
//! snapshots.
//!
//! Beyond the expected output every case must: leave the sources untouched on a dry run and
//! on a refusal; after `--write`, have no numbering errors, propose nothing on a second run,
//! and leave every file the diff did not name byte-identical.

mod common;

use common::clerk;

use common::{copy_dir, fixture_cases, snapshot, temp_dir};

use std::path::Path;

fn run(args: &[String], dir: &Path, write: bool) -> (String, i32) {
    let mut cmd = clerk();
    cmd.arg("renumber").args(args).arg("--dir").arg(dir);
    if write {
        cmd.arg("--write");
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn check_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let src = match std::fs::read_to_string(case.join("source")) {
        Ok(rel) => case.join(rel.trim()),
        Err(_) => case.join("constitution"),
    };
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let dir = temp_dir(&name);
    copy_dir(&src, &dir);
    let before = snapshot(&dir);

    let (stdout, status) = run(&args, &dir, false);
    common::case_snapshot(case, "renumber", &format!("status: {status}\n{stdout}"))?;
    let expected_status = status;
    if snapshot(&dir) != before {
        return Err(format!("{name}: a dry run changed files"));
    }

    let (wrote, wstatus) = run(&args, &dir, true);
    let write_refused = std::fs::read_to_string(case.join("expected-write.status"))
        .ok()
        .map(|s| s.trim().parse::<i32>().unwrap());
    if let Some(want) = write_refused {
        if wstatus != want {
            return Err(format!(
                "{name}: --write exited {wstatus}, expected {want}:\n{wrote}"
            ));
        }
        if snapshot(&dir) != before {
            return Err(format!("{name}: a refused --write changed files"));
        }
        return Ok(());
    }
    if expected_status != 0 {
        if snapshot(&dir) != before {
            return Err(format!("{name}: a refused renumber changed files"));
        }
        return Ok(());
    }
    assert_eq!(wstatus, 0, "{name}: --write failed:\n{wrote}");
    let after = snapshot(&dir);
    let changed: Vec<&str> = wrote
        .lines()
        .filter_map(|l| l.strip_prefix("changed "))
        .collect();
    for (path, bytes) in &before {
        let named = changed.iter().any(|c| c.ends_with(path.as_str()));
        if !named && after.get(path) != Some(bytes) {
            return Err(format!("{name}: {path} changed but was not reported"));
        }
    }
    // A choice names a reference as it was; once written, it has nothing left to choose.
    let mut again_args = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--choose" {
            it.next();
        } else {
            again_args.push(a.clone());
        }
    }
    let (again, _) = run(&again_args, &dir, false);
    if !again.contains("nothing to change") || again.contains("+++ b/") {
        return Err(format!(
            "{name}: a second renumber is not a no-op:\n{again}"
        ));
    }
    let check = clerk()
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let numbering: Vec<String> = String::from_utf8(check.stdout)
        .unwrap()
        .lines()
        .filter(|l| {
            l.contains("\"severity\":\"error\"")
                && ["\"N201\"", "\"N202\"", "\"N203\"", "\"N204\""]
                    .iter()
                    .any(|c| l.contains(c))
        })
        .map(str::to_string)
        .collect();
    if !numbering.is_empty() {
        return Err(format!(
            "{name}: numbering errors remain after renumbering:\n{}",
            numbering.join("\n")
        ));
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn renumber_fixtures() {
    let cases = fixture_cases("renumber", 5);
    let failures: Vec<String> = cases.iter().filter_map(|c| check_case(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
