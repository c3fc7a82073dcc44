//! The `clerk` binary end to end, through temporary folders: exit statuses, `clerk explain`,
//! the JSON Lines contract, and robustness against the files people actually have lying around
//! (not UTF-8, empty, huge, symbolic links, no constitution.yaml).

mod common;

use serde_json::Value;
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Longest any single run may take before the test calls it a hang.
const TIMEOUT: Duration = Duration::from_secs(30);

const CONFIG: &str = "council: Test District Council\ntitle: The Constitution\nparts:\n  - number: 4\n    title: Rules of Procedure\n  - number: 5\n    title: Codes and Protocols\n";

/// What one run of clerk did.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

impl Run {
    /// Every stdout line as JSON, checking the fields every record must have.
    fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                let v: Value =
                    serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
                assert_contract(&v);
                v
            })
            .collect()
    }

    /// The records with this code.
    fn with_code(&self, code: &str) -> Vec<Value> {
        self.json()
            .into_iter()
            .filter(|v| v["code"] == code)
            .collect()
    }
}

/// The JSON Lines fields CI scripts rely on: present on every record, with the right types.
fn assert_contract(v: &Value) {
    for f in ["code", "name", "severity", "file", "message"] {
        assert!(
            v[f].is_string(),
            "field `{f}` missing or not a string in {v}"
        );
    }
    for f in ["line", "column"] {
        assert!(
            v[f].as_u64().is_some_and(|n| n >= 1),
            "field `{f}` missing or not a positive number in {v}"
        );
    }
    for f in ["document", "clause"] {
        assert!(
            v.get(f).is_some_and(|x| x.is_string() || x.is_null()),
            "field `{f}` missing or not a string or null in {v}"
        );
    }
    assert!(
        ["error", "warning", "info"].contains(&v["severity"].as_str().unwrap_or("")),
        "bad severity in {v}"
    );
}

/// Run clerk with `args` in `cwd`, failing the test if it takes longer than [`TIMEOUT`].
fn clerk_in<S: AsRef<OsStr>>(cwd: &Path, args: &[S]) -> Run {
    let started = Instant::now();
    let mut child = common::clerk()
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("clerk starts");
    let reader = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = reader(Box::new(child.stdout.take().expect("piped")));
    let err = reader(Box::new(child.stderr.take().expect("piped")));
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait for clerk") {
            break s;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "clerk {:?} did not finish within {TIMEOUT:?}",
                args.iter().map(|a| a.as_ref()).collect::<Vec<_>>()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = started.elapsed();
    let stdout = String::from_utf8(out.join().expect("reader")).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&err.join().expect("reader")).into_owned();
    let status = status
        .code()
        .unwrap_or_else(|| panic!("clerk killed by a signal; stderr:\n{stderr}"));
    assert_ne!(status, 101, "clerk panicked:\n{stderr}");
    Run {
        status,
        stdout,
        stderr,
        took,
    }
}

/// A constitution folder in a temporary directory.
struct Tree {
    tmp: TempDir,
}

impl Tree {
    /// An empty folder: no constitution.yaml.
    fn bare() -> Tree {
        Tree {
            tmp: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// A folder with a valid constitution.yaml (Parts 4 and 5) and no documents.
    fn new() -> Tree {
        let t = Tree::bare();
        t.write("constitution.yaml", CONFIG);
        t
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().expect("has a parent")).expect("create folders");
        fs::write(&p, bytes).expect("write file");
        p
    }

    /// A document with valid front matter.
    fn doc(&self, rel: &str, id: &str, status: &str, body: &str) -> PathBuf {
        self.write(
            rel,
            format!("---\nid: {id}\ntitle: A Document\npart: \"4\"\nstatus: {status}\n---\n{body}"),
        )
    }

    fn check(&self, extra: &[&str]) -> Run {
        let mut args: Vec<&OsStr> = vec![OsStr::new("check"), self.root().as_os_str()];
        args.extend(extra.iter().map(OsStr::new));
        clerk_in(self.root(), &args)
    }

    fn check_json(&self) -> Run {
        self.check(&["--format", "json"])
    }
}

const CLEAN: &str =
    "# 1 Introduction\n\n1.1 Officers follow these Orders.\n\n1.2 Members set policy.\n";
const WITH_ERROR: &str = "# 1 Introduction\n\n1.1 First.\n\n1.1 Again.\n";
const WITH_DEFECT: &str =
    "# 1 Introduction\n\n1.1 Delegations are in Part ? of the Constitution.\n";

// ── exit statuses ─────────────────────────────────────────────────────────────────────────

#[test]
fn clean_constitution_exits_0_and_prints_nothing_as_json() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", CLEAN);
    let r = t.check_json();
    assert_eq!(r.status, 0, "{r:?}");
    assert_eq!(r.stdout, "");
}

#[test]
fn errors_exit_1() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", WITH_ERROR);
    let r = t.check_json();
    assert_eq!(r.status, 1, "{r:?}");
    let dup = r.with_code("N201");
    assert_eq!(dup.len(), 1, "{}", r.stdout);
    assert_eq!(dup[0]["severity"], "error");
    assert_eq!(dup[0]["line"], 11);
    // The human report says the same thing, with a summary line.
    let h = t.check(&[]);
    assert_eq!(h.status, 1);
    assert!(h.stdout.contains("error[N201]"), "{}", h.stdout);
    assert!(
        h.stdout
            .contains("checked 1 document and 3 clauses: 1 error, 0 warnings"),
        "{}",
        h.stdout
    );
}

#[test]
fn warnings_exit_0_unless_denied() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "draft", WITH_DEFECT);
    let r = t.check_json();
    assert_eq!(r.status, 0, "{r:?}");
    let w = r.with_code("P301");
    assert_eq!(w.len(), 1, "{}", r.stdout);
    assert_eq!(w[0]["severity"], "warning");
    assert_eq!(
        t.check(&["--format", "json", "--deny", "warnings"]).status,
        1
    );
    assert_eq!(t.check(&["--deny", "warnings"]).status, 1);
}

#[test]
fn the_same_defect_is_an_error_once_adopted() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", WITH_DEFECT);
    let r = t.check_json();
    assert_eq!(r.status, 1, "{r:?}");
    assert_eq!(r.with_code("P301")[0]["severity"], "error");
}

#[test]
fn bad_arguments_exit_2() {
    let t = Tree::new();
    for args in [
        vec!["check", ".", "--format", "xml"],
        vec!["check", ".", "--deny", "everything"],
        vec!["frobnicate"],
        vec![],
    ] {
        let r = clerk_in(t.root(), &args);
        assert_eq!(r.status, 2, "clerk {args:?}: {r:?}");
        assert!(
            !r.stderr.is_empty(),
            "clerk {args:?} should say what is wrong"
        );
    }
    for args in [["--help"], ["--version"]] {
        assert_eq!(clerk_in(t.root(), &args).status, 0, "clerk {args:?}");
    }
}

#[test]
fn default_folder_is_constitution() {
    let t = Tree::bare();
    t.write("constitution/constitution.yaml", CONFIG);
    t.write(
        "constitution/part-4/cso.md",
        "---\nid: cso\ntitle: T\npart: \"4\"\n---\n1.1 a\n\n1.1 b\n",
    );
    let r = clerk_in(t.root(), &["check", "--format", "json"]);
    assert_eq!(r.status, 1, "{r:?}");
    assert_eq!(r.with_code("N201").len(), 1);
}

#[test]
fn output_is_deterministic() {
    let t = Tree::new();
    for (i, name) in ["b", "a", "c"].iter().enumerate() {
        t.doc(&format!("part-4/{name}.md"), name, "draft", WITH_DEFECT);
        t.doc(
            &format!("part-5/{name}{i}.md"),
            &format!("{name}{i}"),
            "adopted",
            WITH_ERROR,
        );
    }
    let first = t.check_json();
    let files: Vec<_> = first
        .json()
        .iter()
        .map(|v| v["file"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "diagnostics come in file order");
    for _ in 0..3 {
        assert_eq!(t.check_json().stdout, first.stdout);
    }
}

// ── clerk explain ─────────────────────────────────────────────────────────────────────────

fn assert_explains(r: &Run, code: &str, name: &str) {
    assert_eq!(r.status, 0, "{r:?}");
    assert!(
        r.stdout.starts_with(&format!("{code} {name}\n")),
        "{}",
        r.stdout
    );
    let sections = [
        "\nSeverity\n",
        "\nReported by\n",
        "\nWhat it finds\n",
        "\nWhy it matters\n",
        "\nExample\n",
    ]
    .map(|s| r.stdout.find(s));
    assert!(
        sections.iter().all(Option::is_some) && sections.windows(2).all(|w| w[0] < w[1]),
        "Severity/Reported by/What/Why/Example sections missing or out of order:\n{}",
        r.stdout
    );
    let severity = r.stdout.split("\nSeverity\n    ").nth(1).unwrap_or("");
    assert!(
        ["error", "warning", "info"]
            .iter()
            .any(|s| severity.starts_with(s)),
        "{}",
        r.stdout
    );
    // Each section has text under it.
    for section in r.stdout.split("\n\n").skip(1) {
        assert!(
            section.lines().count() >= 2,
            "empty section in:\n{}",
            r.stdout
        );
    }
}

#[test]
fn explain_by_code_and_by_name() {
    let t = Tree::bare();
    assert_explains(
        &clerk_in(t.root(), &["explain", "N201"]),
        "N201",
        "numbering-duplicate",
    );
    assert_explains(
        &clerk_in(t.root(), &["explain", "n201"]),
        "N201",
        "numbering-duplicate",
    );
    let gap = clerk_in(t.root(), &["explain", "numbering-gap"]);
    assert_explains(&gap, "N203", "numbering-gap");
    assert!(gap.stdout.contains("5.4.8"), "{}", gap.stdout);
    assert!(
        gap.stdout.contains(
            "\nSeverity\n    warning in an adopted document, error in a draft\n\nReported by\n    numbering pass (src/passes/numbering.rs): "
        ),
        "{}",
        gap.stdout
    );
    let dup = clerk_in(t.root(), &["explain", "N201"]);
    assert!(
        dup.stdout.contains("\nSeverity\n    error\n"),
        "{}",
        dup.stdout
    );
    let config = clerk_in(t.root(), &["explain", "F102"]);
    assert!(
        config
            .stdout
            .contains("\nReported by\n    load (src/load.rs): ")
            && config.stdout.contains("\n    also import (src/import/): ")
            && config.stdout.contains("; as a warning\n"),
        "{}",
        config.stdout
    );
}

#[test]
fn explain_lists_every_rule_and_explains_each() {
    let t = Tree::bare();
    let list = clerk_in(t.root(), &["explain"]);
    assert_eq!(list.status, 0);
    let rules: Vec<(String, String)> = list
        .stdout
        .lines()
        .map(|l| {
            let mut w = l.split_whitespace();
            let (code, name) = (w.next().unwrap().to_string(), w.next().unwrap().to_string());
            // The third column is the severity.
            let severity = w.next().unwrap();
            assert!(
                ["error", "warning", "info"].contains(&severity),
                "no severity in: {l}"
            );
            (code, name)
        })
        .collect();
    assert!(rules.len() >= 19, "{}", list.stdout);
    assert!(
        list.stdout.lines().any(
            |l| l.starts_with("P301  placeholder") && l.contains(" error (warning in drafts) ")
        ),
        "{}",
        list.stdout
    );
    for (code, name) in &rules {
        assert_explains(&clerk_in(t.root(), &["explain", code]), code, name);
    }
}

#[test]
fn explain_unknown_rule_exits_2() {
    let t = Tree::bare();
    for code in ["X999", "numbering", ""] {
        let r = clerk_in(t.root(), &["explain", code]);
        assert_eq!(r.status, 2, "explain {code:?}: {r:?}");
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains("no rule"), "{}", r.stderr);
    }
}

// ── robustness ────────────────────────────────────────────────────────────────────────────

#[test]
fn non_utf8_document_is_reported_at_the_bad_byte() {
    let t = Tree::new();
    // A Windows-1252 pound sign (0xA3) after a multi-byte em dash: the column counts characters.
    let mut bytes =
        b"---\nid: fees\ntitle: Fees\npart: \"4\"\n---\n# 1 Fees\n\n1.1 A fee \xE2\x80\x94 of "
            .to_vec();
    bytes.extend_from_slice(b"\xA3140 is payable.\n");
    t.write("part-4/fees.md", &bytes);
    t.doc("part-4/ok.md", "ok", "adopted", CLEAN);
    let r = t.check_json();
    assert_eq!(r.status, 1, "{r:?}");
    let d = r.with_code("E002");
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert_eq!(d[0]["name"], "not-utf8");
    assert_eq!(d[0]["file"], "part-4/fees.md");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(8), Some(16)),
        "{}",
        d[0]
    );
    assert!(
        d[0]["message"].as_str().unwrap().contains("0xA3"),
        "{}",
        d[0]
    );
    // The other document is still checked: nothing else to report.
    assert_eq!(r.json().len(), 1, "{}", r.stdout);
}

#[test]
fn non_utf8_first_line_and_first_byte() {
    let t = Tree::new();
    t.write("part-4/bad.md", b"\xFF\xFE-\x00-\x00");
    let r = t.check_json();
    let d = r.with_code("E002");
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(1), Some(1)),
        "{}",
        r.stdout
    );
}

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let t = Tree::new();
    t.write(
        "part-4/bom.md",
        format!("\u{feff}---\nid: bom\ntitle: T\npart: \"4\"\n---\n{CLEAN}"),
    );
    let r = t.check_json();
    assert_eq!((r.status, r.stdout.as_str()), (0, ""), "{r:?}");
}

#[test]
fn empty_document_is_a_front_matter_error_not_a_panic() {
    let t = Tree::new();
    t.write("part-4/empty.md", "");
    t.write("part-4/blank.md", "\n\n");
    let r = t.check_json();
    assert_eq!(r.status, 1, "{r:?}");
    let d = r.with_code("F101");
    let files: Vec<_> = d.iter().map(|v| v["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        ["part-4/blank.md", "part-4/empty.md"],
        "{}",
        r.stdout
    );
    for v in &d {
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(1), Some(1)),
            "{v}"
        );
    }
}

#[test]
fn missing_title_is_reported() {
    let t = Tree::new();
    t.write(
        "part-4/cso.md",
        "---\nid: cso\npart: \"4\"\n---\n# 1 Text\n",
    );
    let r = t.check_json();
    assert_eq!(r.status, 1);
    let d = r.with_code("F101");
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert!(
        d[0]["message"].as_str().unwrap().contains("title"),
        "{}",
        d[0]
    );
}

#[test]
fn folder_without_constitution_yaml_exits_2() {
    let t = Tree::bare();
    t.write(
        "part-4/cso.md",
        format!("---\nid: cso\ntitle: T\npart: \"4\"\n---\n{CLEAN}"),
    );
    let r = t.check_json();
    assert_eq!(r.status, 2, "{r:?}");
    let d = r.json();
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert_eq!(
        (d[0]["code"].as_str(), d[0]["name"].as_str()),
        (Some("E004"), Some("missing-config"))
    );
    let human = t.check(&[]);
    assert_eq!(human.status, 2);
    assert!(human.stderr.contains("E004"), "{human:?}");
}

#[test]
fn nonexistent_folder_exits_2() {
    let t = Tree::bare();
    let r = clerk_in(t.root(), &["check", "no-such-folder", "--format", "json"]);
    assert_eq!(r.status, 2, "{r:?}");
    assert_eq!(r.json()[0]["code"], "E001");
    let r = clerk_in(t.root(), &["check", "no-such-folder"]);
    assert_eq!(r.status, 2, "{r:?}");
    assert!(r.stderr.contains("no-such-folder"), "{}", r.stderr);
}

#[test]
fn a_file_instead_of_a_folder_exits_2() {
    let t = Tree::new();
    let r = clerk_in(
        t.root(),
        &["check", "constitution.yaml", "--format", "json"],
    );
    assert_eq!(r.status, 2, "{r:?}");
    assert_eq!(r.json()[0]["code"], "E001");
}

#[test]
fn non_utf8_constitution_yaml_exits_2_and_says_why() {
    let t = Tree::bare();
    t.write(
        "constitution.yaml",
        b"council: Caf\xE9 Council\ntitle: T\nparts: []\n",
    );
    let r = t.check_json();
    assert_eq!(r.status, 2, "{r:?}");
    let d = r.with_code("E002");
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert_eq!(
        (d[0]["line"].as_u64(), d[0]["column"].as_u64()),
        (Some(1), Some(13))
    );
}

#[test]
fn broken_constitution_yaml_exits_2_with_f102() {
    for (yaml, line) in [
        ("council: T\ntitle: T\nparts: 4\n", 3),
        ("council: T\ntitle: T\nparts: [\n", 3),
        ("council: T\nparts: []\n", 1),
        ("council: T\ntitle: T\nparts: []\nextra: 1\n", 4),
    ] {
        let t = Tree::bare();
        t.write("constitution.yaml", yaml);
        for human in [false, true] {
            let r = if human { t.check(&[]) } else { t.check_json() };
            assert_eq!(r.status, 2, "{yaml:?}: {r:?}");
            if !human {
                let d = r.with_code("F102");
                assert_eq!(d.len(), 1, "{yaml:?}: {}", r.stdout);
                assert_eq!(d[0]["line"].as_u64(), Some(line), "{yaml:?}: {}", d[0]);
            }
        }
    }
}

#[test]
fn symlink_loop_terminates() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", CLEAN);
    std::os::unix::fs::symlink(".", t.path("part-4/self")).unwrap();
    std::os::unix::fs::symlink("../part-4", t.path("part-4/up")).unwrap();
    std::os::unix::fs::symlink("b", t.path("part-4/a")).unwrap();
    std::os::unix::fs::symlink("a", t.path("part-4/b")).unwrap();
    std::os::unix::fs::symlink(".", t.path("part-5")).unwrap(); // the root itself
    let r = t.check_json(); // clerk_in fails the test on a hang
    assert!(r.status == 0 || r.status == 1, "{r:?}");
    assert!(r.took < Duration::from_secs(10), "took {:?}", r.took);
    // Nothing was read twice through a link.
    assert!(r.with_code("F103").is_empty(), "{}", r.stdout);
}

#[test]
fn symlinked_document_is_skipped_with_a_warning() {
    let t = Tree::new();
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("protocol.md");
    fs::write(
        &target,
        "---\nid: protocol\ntitle: T\npart: \"4\"\n---\n1.1 a\n\n1.1 b\n",
    )
    .unwrap();
    fs::create_dir_all(t.path("part-4")).unwrap();
    std::os::unix::fs::symlink(&target, t.path("part-4/protocol.md")).unwrap();
    let r = t.check_json();
    assert_eq!(r.status, 0, "a warning only: {r:?}");
    let d = r.json();
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert_eq!(
        (d[0]["code"].as_str(), d[0]["severity"].as_str()),
        (Some("E005"), Some("warning"))
    );
    assert_eq!(d[0]["file"], "part-4/protocol.md");
}

#[test]
fn symlink_loop_is_reported() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", CLEAN);
    std::os::unix::fs::symlink(".", t.path("part-4/self")).unwrap();
    std::os::unix::fs::symlink("b", t.path("part-4/a")).unwrap();
    std::os::unix::fs::symlink("a", t.path("part-4/b")).unwrap();
    let r = t.check_json();
    let files: Vec<_> = r
        .with_code("E005")
        .iter()
        .map(|v| {
            (
                v["file"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        files.contains(&("part-4/self".into(), "warning".into())),
        "no E005 warning for the folder link part-4/self -> .:\n{}",
        r.stdout
    );
}

#[test]
fn huge_file_is_refused_quickly() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", CLEAN);
    let f = fs::File::create(t.path("part-4/backup.md")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: takes no disk space
    drop(f);
    let r = t.check_json();
    assert_eq!(r.status, 1, "{r:?}");
    let d = r.json();
    assert_eq!(d.len(), 1, "{}", r.stdout);
    assert_eq!(
        (d[0]["code"].as_str(), d[0]["name"].as_str()),
        (Some("E003"), Some("file-too-large"))
    );
    assert_eq!(d[0]["file"], "part-4/backup.md");
    assert!(
        r.took < Duration::from_secs(5),
        "took {:?}: the file must not be read",
        r.took
    );
}

#[test]
fn top_level_markdown_and_other_files_are_not_documents() {
    let t = Tree::new();
    t.doc("part-4/cso.md", "cso", "adopted", CLEAN);
    // Full of defects, but not documents: a README at the top, notes, hidden files.
    let junk = "# 1 Notes\n\n1.1 a\n\n1.1 b [Note – tidy] Part ? TBC\n";
    t.write("README.md", junk);
    t.write(
        "NOTES.md",
        format!("---\nid: cso\ntitle: T\npart: \"9\"\n---\n{junk}"),
    );
    t.write("part-4/notes.txt", junk);
    t.write("part-4/.draft.md", junk);
    t.write(".hidden/part.md", junk);
    t.write("part-4/cso.md.bak", junk);
    let r = t.check_json();
    assert_eq!((r.status, r.stdout.as_str()), (0, ""), "{r:?}");
    let h = t.check(&[]);
    assert!(
        h.stdout.contains("checked 1 document and 3 clauses"),
        "{}",
        h.stdout
    );
}

#[test]
fn documents_in_nested_folders_are_read() {
    let t = Tree::new();
    t.doc(
        "part-4/procedure/contracts/cso.md",
        "cso",
        "adopted",
        WITH_ERROR,
    );
    let r = t.check_json();
    assert_eq!(
        r.with_code("N201")[0]["file"],
        "part-4/procedure/contracts/cso.md"
    );
}

#[test]
fn every_json_line_has_the_contract_fields() {
    // One constitution that triggers most rules at once, plus the fatal paths.
    let t = Tree::new();
    t.doc(
        "part-4/a.md",
        "a",
        "adopted",
        "# 1 A {#x}\n\n1.1 a\n\n1.1 b\n\n1.0 c\n\n1.4 d\n\n- 1.6.1 e\n\n1.7. f\n\n# 2 B {#x}\n\n2.1 Part ? xx TBC [Note – x] [y?] [4.3?] see [z](#) and Article of Part 2\n\nComment [AB1]: c\n\nFormatted: Font: Bold\n",
    );
    t.doc("part-4/b.md", "a", "draft", CLEAN);
    t.write("part-4/c.md", "---\nid: c\ntitle: T\npart: \"9\"\n---\n");
    t.write("part-4/d.md", "no front matter\n");
    t.write("part-4/e.md", b"---\nid: e\xFF\n---\n");
    let r = t.check_json();
    let codes: std::collections::BTreeSet<String> = r
        .json()
        .iter()
        .map(|v| v["code"].as_str().unwrap().to_string())
        .collect();
    for c in [
        "E002", "F101", "F103", "F104", "N201", "N202", "N203", "N204", "N205", "N206", "P301",
        "P302", "P303", "P304", "P305",
    ] {
        assert!(codes.contains(c), "{c} not reported:\n{}", r.stdout);
    }
    for v in r.json() {
        assert!(v["end_line"].as_u64() >= v["line"].as_u64(), "{v}");
    }
    let bare = Tree::bare();
    bare.check_json().json();
    let missing = clerk_in(bare.root(), &["check", "nope", "--format", "json"]);
    assert_eq!(missing.json().len(), 1);
}

/// Per-document work runs on every core; the output must not depend on how many.
#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("constitution"),
        root.join("tests/fixtures/seeds/redline-draft/constitution"),
        root.join("tests/fixtures/seeds/proposed-protocol/constitution"),
    ];
    for dir in dirs {
        let run = |threads: &str| {
            let out = common::clerk()
                .args([
                    OsStr::new("check"),
                    dir.as_os_str(),
                    OsStr::new("--format"),
                    OsStr::new("json"),
                ])
                .env("CLERK_THREADS", threads)
                .output()
                .expect("clerk runs");
            String::from_utf8(out.stdout).expect("UTF-8")
        };
        let one = run("1");
        assert!(
            !one.is_empty() || dir.ends_with("constitution"),
            "{}",
            dir.display()
        );
        for threads in ["2", "5"] {
            assert_eq!(
                run(threads),
                one,
                "{} with {threads} threads",
                dir.display()
            );
        }
    }
}

/// No environment switch changes what `clerk check` finds: `CLERK_SKIP_TERMS`, which once
/// left out the term checks for a benchmark, is gone (benchmarks choose passes in-process).
#[test]
fn no_environment_switch_leaves_checks_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seeds/redline-draft/constitution");
    let run = |skip: bool| {
        let mut cmd = common::clerk();
        cmd.args([
            OsStr::new("check"),
            dir.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ]);
        if skip {
            cmd.env("CLERK_SKIP_TERMS", "1");
        } else {
            cmd.env_remove("CLERK_SKIP_TERMS");
        }
        let out = cmd.output().expect("clerk runs");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let all = run(false);
    assert!(
        all.lines().any(|l| l.contains("\"code\":\"T6")),
        "the draft has term findings"
    );
    assert_eq!(run(true), all);
}
