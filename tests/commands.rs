//! The command line as a newcomer meets it: where no constitution is, how a folder is named,
//! what a clean check prints, and the messages of refused or mistaken options.

mod common;

use std::process::Output;

fn clerk(args: &[&str], cwd: &std::path::Path) -> Output {
    common::clerk()
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn outside_a_project_every_command_says_no_constitution_is_here() {
    let empty = common::scratch("commands-empty");
    for args in [
        &["check"][..],
        &["refs"],
        &["build", "--quiet"],
        &["renumber"],
        &["rename", "--retired"],
    ] {
        let o = clerk(args, &empty);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert!(
            err.contains("no `constitution/` folder here") && err.contains("--dir DIR"),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains(":1:1"),
            "{args:?} points at a file that does not exist: {err}"
        );
    }
}

#[test]
fn check_refs_and_build_take_the_folder_as_dir_or_dash_dash_dir() {
    let repo = common::repo();
    let a = clerk(&["check", "constitution", "--format", "json"], &repo);
    let b = clerk(
        &["check", "--dir", "constitution", "--format", "json"],
        &repo,
    );
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.status.code(), b.status.code());
    let both = clerk(&["check", "constitution", "--dir", "constitution"], &repo);
    assert_eq!(
        both.status.code(),
        Some(2),
        "DIR and --dir together are refused"
    );
    let r = clerk(
        &["refs", "--dir", "constitution", "--format", "json"],
        &repo,
    );
    assert!(r.status.success() && !r.stdout.is_empty());
}

#[test]
fn a_clean_check_counts_info_findings_in_one_line() {
    let repo = common::repo();
    let plain = text(&clerk(&["check"], &repo).stdout);
    assert!(!plain.contains("info["), "{plain}");
    let line = plain
        .lines()
        .find(|l| l.contains("info finding"))
        .expect("a line counting the info findings");
    assert!(line.contains("--show info"), "{line}");
    let shown = text(&clerk(&["check", "--show", "info"], &repo).stdout);
    let n: usize = line.split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(shown.matches("info[").count(), n);
    let json = text(&clerk(&["check", "--format", "json"], &repo).stdout);
    assert_eq!(json.matches("\"severity\":\"info\"").count(), n);
}

#[test]
fn an_unused_choice_is_an_error_naming_it() {
    let case = common::repo().join("tests/fixtures/renumber/unused-choice/constitution");
    let dir = common::temp_dir("commands-unused-choice");
    common::copy_dir(&case, &dir);
    let o = clerk(
        &[
            "renumber",
            "--dir",
            dir.to_str().unwrap(),
            "--choose",
            "part-4/rules.md:20:26=2",
            "--choose",
            "part-4/rules.md:3:1=1",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("--choose part-4/rules.md:3:1=1") && !err.contains("20:26"),
        "{err}"
    );
}

#[test]
fn dates_are_checked_as_dates() {
    let repo = common::repo();
    for bad in ["2024-99-99", "2023-02-29", "2024-04-31"] {
        let o = clerk(
            &[
                "diff",
                "constitution",
                "constitution",
                "--format",
                "text",
                "--date",
                bad,
            ],
            &repo,
        );
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(text(&o.stderr).contains("is not a date"), "{bad}");
    }
    let ok = clerk(
        &[
            "diff",
            "constitution",
            "constitution",
            "--format",
            "text",
            "--date",
            "2024-02-29",
        ],
        &repo,
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
}

/// The human report grows with the number of findings, not with their square: the 300th
/// duplicate of a number quotes its own line, not the 299 before it (issue 21: 16,000
/// errors took 27 s). Counted in lines, not timed.
#[test]
fn the_human_report_is_linear_in_its_findings() {
    let dir = common::scratch("commands-many-duplicates");
    std::fs::create_dir_all(dir.join("part-4")).unwrap();
    std::fs::write(
        dir.join("constitution.yaml"),
        "council: T\ntitle: C\nparts:\n  - number: 4\n    title: Rules\n",
    )
    .unwrap();
    let mut doc =
        String::from("---\nid: d\ntitle: D\npart: \"4.1\"\nstatus: adopted\n---\n\n# 1 A\n\n");
    for _ in 0..300 {
        doc.push_str("1.1 Text.\n\n");
    }
    std::fs::write(dir.join("part-4/d.md"), doc).unwrap();
    let o = clerk(&["check", "--dir", dir.to_str().unwrap()], &dir);
    let report = text(&o.stdout);
    let findings = report.matches("error[N201]").count();
    assert_eq!(findings, 299);
    // Only duplicates within a dozen lines of the first quote it; the rest say its line.
    let quoting_the_first = report.matches("first used here").count();
    assert!(
        quoting_the_first <= 6,
        "{quoting_the_first} reports quote the first 1.1 however far away it is"
    );
    assert_eq!(report.matches("(first on line 10)").count(), 299);
}

/// A folder without a plain `constitution.yaml` is refused before anything is walked or read
/// (`clerk check /` once read every Markdown file on the machine first), and a
/// `constitution.yaml` that is a folder or a link says what it is instead of "missing".
#[test]
fn a_folder_without_a_plain_constitution_yaml_is_refused_at_once() {
    let dir = common::scratch("commands-no-config");
    std::fs::create_dir_all(dir.join("part-4")).unwrap();
    std::fs::write(dir.join("part-4/a.md"), "not read").unwrap();
    let o = clerk(&["check", "--dir", dir.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("has no constitution.yaml"));

    std::fs::create_dir_all(dir.join("constitution.yaml")).unwrap();
    let o = clerk(&["check", "--dir", dir.to_str().unwrap()], &dir);
    assert!(
        text(&o.stderr).contains("constitution.yaml is a folder"),
        "{}",
        text(&o.stderr)
    );
    std::fs::remove_dir(dir.join("constitution.yaml")).unwrap();

    let real = dir.join("elsewhere.yaml");
    std::fs::write(
        &real,
        "council: T\ntitle: C\nparts:\n  - number: 4\n    title: R\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&real, dir.join("constitution.yaml")).unwrap();
    let o = clerk(&["check", "--dir", dir.to_str().unwrap()], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("is a symbolic link"),
        "{}",
        text(&o.stderr)
    );
}
