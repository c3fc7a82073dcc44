//! Fixture-driven tests of the term checks and `clerk rename`: each folder in
//! `tests/fixtures/terms/` is one case with a `constitution/` (or a `source` file naming one,
//! and optionally a `constitution.yaml` laid over it).
//!
//! - `check-*` cases compare `clerk check --format json`, filtered to the T6xx codes, with
//!   the insta snapshot `snapshots/check.snap`.
//! - `rename-*` cases run `clerk rename` with `args` (one per line) and compare the dry run's
//!   exit status and output with `snapshots/rename.snap`. A rename that proceeds is then written; the
//!   files under `after/` (when present) must match exactly, files it did not name must be
//!   untouched, a second run must propose nothing, and no more retired titles may remain than
//!   the dry run left for a human. A refused rename must leave every file as it was.
//!
//! `INSTA_UPDATE=always cargo test --test terms` (or `cargo insta review`) writes the
//! snapshots, and `INSTA_UPDATE=always` rewrites `after/` too.

mod common;

use common::clerk;

use common::{copy_dir, fixture_cases, snapshot, temp_dir};

use std::path::{Path, PathBuf};

/// The case's constitution, copied to a fresh folder.
fn prepare(case: &Path, name: &str) -> PathBuf {
    let src = match std::fs::read_to_string(case.join("source")) {
        Ok(rel) => case.join(rel.trim()),
        Err(_) => case.join("constitution"),
    };
    let dir = temp_dir(name);
    copy_dir(&src, &dir);
    if let Ok(yaml) = std::fs::read(case.join("constitution.yaml")) {
        std::fs::write(dir.join("constitution.yaml"), yaml).unwrap();
    }
    dir
}

fn t6_lines(dir: &Path) -> String {
    let out = clerk()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"code\":\"T6"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn check_case(case: &Path, name: &str) -> Result<(), String> {
    let dir = prepare(case, name);
    let got = t6_lines(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    common::case_snapshot(case, "check", &got)
}

fn rename(dir: &Path, args: &[String], write: bool) -> (String, i32) {
    let mut cmd = clerk();
    cmd.arg("rename").args(args).arg("--dir").arg(dir);
    if write {
        cmd.arg("--write");
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn rename_case(case: &Path, name: &str) -> Result<(), String> {
    let args: Vec<String> = std::fs::read_to_string(case.join("args"))
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let dir = prepare(case, name);
    let before = snapshot(&dir);
    let (stdout, status) = rename(&dir, &args, false);
    common::case_snapshot(case, "rename", &format!("status: {status}\n{stdout}"))?;
    if snapshot(&dir) != before {
        return Err(format!("{name}: a dry run changed files"));
    }
    if status != 0 {
        let (_, wstatus) = rename(&dir, &args, true);
        if wstatus == 0 || snapshot(&dir) != before {
            return Err(format!("{name}: a refused rename wrote or succeeded"));
        }
        return Ok(());
    }
    let left = stdout.lines().filter(|l| l.starts_with("  ")).count();
    let (wrote, wstatus) = rename(&dir, &args, true);
    if wstatus != 0 {
        return Err(format!("{name}: --write failed:\n{wrote}"));
    }
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
    let expected_after = case.join("after");
    if expected_after.is_dir() {
        for (path, bytes) in &after {
            let want = expected_after.join(path);
            if common::updating() && changed.iter().any(|c| c.ends_with(path.as_str())) {
                std::fs::create_dir_all(want.parent().unwrap()).unwrap();
                std::fs::write(&want, bytes).unwrap();
            }
            if let Ok(w) = std::fs::read(&want) {
                if &w != bytes {
                    return Err(format!(
                        "{name}: {path} after the rename is not after/{path}"
                    ));
                }
            }
        }
    }
    let (again, _) = rename(&dir, &args, false);
    if !again.contains("nothing to change") || again.contains("+++ b/") {
        return Err(format!("{name}: a second rename is not a no-op:\n{again}"));
    }
    if args.first().map(String::as_str) == Some("--retired") {
        let remaining = t6_lines(&dir)
            .lines()
            .filter(|l| l.contains("\"T601\""))
            .count();
        if remaining > left {
            return Err(format!(
                "{name}: {remaining} retired titles remain, but only {left} were left for a human"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

#[test]
fn term_fixtures() {
    let cases = fixture_cases("terms", 8);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let name = c.file_name().unwrap().to_string_lossy().to_string();
            let r = if name.starts_with("check-") {
                check_case(c, &name)
            } else {
                rename_case(c, &name)
            };
            r.err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

mod api {
    //! The library API the site uses, and matching rules, on the seed texts.

    use clerk::load::{assemble, load_dir, RawFile};
    use clerk::terms::capitalised::key;
    use clerk::terms::site::{glossary, term_links};
    use std::path::Path;

    fn seed(name: &str) -> clerk::model::Constitution {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/seeds")
            .join(name)
            .join("constitution");
        load_dir(&dir).unwrap().0
    }

    fn one(body: &str, yaml_extra: &str) -> clerk::model::Constitution {
        let yaml = format!(
            "council: Example Council\ntitle: T\nparts:\n  - number: 1\n    title: P\n{yaml_extra}"
        );
        let doc = format!("---\nid: d\ntitle: D\npart: \"1\"\n---\n\n{body}");
        assemble(vec![
            RawFile {
                path: "constitution.yaml".into(),
                bytes: yaml.into_bytes(),
            },
            RawFile {
                path: "part-1/d.md".into(),
                bytes: doc.into_bytes(),
            },
        ])
        .unwrap()
        .0
    }

    #[test]
    fn glossary_lists_the_2016_definitions_with_where_they_are_used() {
        let c = seed("current-protocol-2016");
        let g = glossary(&c);
        let terms: Vec<&str> = g.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(
            terms,
            [
                "Cabinet Member",
                "Chief Officer",
                "Designated Finance Officer",
                "Member",
                "Member body",
                "Member Liaison Officer",
                "Monitoring Officer",
                "Officer",
                "Political Group",
            ]
        );
        let officer = g.iter().find(|e| e.term == "Officer").unwrap();
        assert_eq!(
            officer.definition,
            "Officer means all persons employed by the Council."
        );
        let at = officer.defined_in.as_ref().unwrap();
        assert_eq!(
            (at.document.as_str(), at.clause.as_deref()),
            ("member-officer-protocol", Some("1.1"))
        );
        assert_eq!(
            officer.applies_to.as_deref(),
            Some("member-officer-protocol")
        );
        assert!(officer.used_in.len() > 20, "{:?}", officer.used_in.len());
        let unused = g.iter().find(|e| e.term == "Political Group").unwrap();
        assert!(unused.used_in.is_empty());
    }

    #[test]
    fn term_links_cover_the_words_and_point_at_the_definition() {
        let c = seed("current-protocol-2016");
        let text = &c.file(c.documents[0].file).text;
        let links = term_links(&c, 0);
        assert!(!links.is_empty());
        for l in &links {
            let written = &text[l.span.clone()];
            assert_eq!(key(written), key(&l.term), "{written} for {}", l.term);
            assert!(l.anchor.starts_with("term-"));
        }
        let first_chief = links.iter().find(|l| l.term == "Chief Officer").unwrap();
        assert_eq!(
            first_chief.target.as_ref().unwrap().clause.as_deref(),
            Some("1.1")
        );
        // Uses inside a definition's own entry are not links to it.
        let def_line = text.find("- Chief Officer means").unwrap();
        assert!(links
            .iter()
            .all(|l| !(l.term == "Chief Officer" && l.span.start == def_line + 2)));
    }

    #[test]
    fn definitions_are_read_in_the_forms_councils_write() {
        let c = one(
            "# 1 Definitions\n\n- **Member** means a councillor.\n- \u{201c}Purchasing Scheme\u{201d} \u{2013} a framework.\n- Cabinet Member refers to the leader.\n\n# 2 Rules\n\n2.1 A Responsible Officer is an officer who buys.\n\n2.2 In this part, \"non-commercial\" means unrelated.\n\n2.3 This means nothing. Members, Purchasing Schemes, Cabinet Members, Responsible Officers and non-commercial terms.\n",
            "",
        );
        let g = glossary(&c);
        let mut terms: Vec<&str> = g.iter().map(|e| e.term.as_str()).collect();
        terms.sort_unstable();
        assert_eq!(
            terms,
            [
                "Cabinet Member",
                "Member",
                "Purchasing Scheme",
                "Responsible Officer",
                "non-commercial"
            ]
        );
        assert!(g.iter().all(|e| !e.used_in.is_empty()), "{g:?}");
    }

    #[test]
    fn short_names_in_brackets_are_definitions_of_the_name_before_them() {
        let c = one(
            "1.1 Notices go in trade journals or Find a Tender Service (\"FTS\") as needed.\n\n1.2 Follow the Procurement Guide (the \u{201c}Guide\u{201d}) always.\n\n1.3 Send it to the FTS, as the Guide says; the word (\"and\") is no term.\n",
            "",
        );
        let g = glossary(&c);
        let found: Vec<(&str, &str)> = g
            .iter()
            .map(|e| (e.term.as_str(), e.definition.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("FTS", "Find a Tender Service (\"FTS\")"),
                ("Guide", "Procurement Guide (the \u{201c}Guide\u{201d})")
            ]
        );
        assert!(g.iter().all(|e| !e.used_in.is_empty()), "{g:?}");
    }

    #[test]
    fn titles_match_whole_words_in_any_case_and_terms_as_written() {
        let c = one(
            "1.1 The Chairman, the chairman's vote, Chairmanship, CHAIRMAN, Vice-Chairman and the Chairmen.\n\n1.2 Officer means a person employed.\n\n1.3 Officers and officers; an Officer's duty; OFFICERS.\n",
            "titles:\n  - current: Chair\n    replaces: [{title: Chairman}]\n",
        );
        let diags = clerk::passes::terms::check(&c);
        let text = &c.file(c.documents[0].file).text;
        let retired: Vec<&str> = diags
            .iter()
            .filter(|d| d.rule.code == "T601")
            .map(|d| &text[d.span.clone()])
            .collect();
        assert_eq!(
            retired,
            ["Chairman", "chairman", "CHAIRMAN", "Chairman", "Chairmen"]
        );
        let uses: Vec<&str> = term_links(&c, 0)
            .iter()
            .map(|l| &text[l.span.clone()])
            .collect();
        assert_eq!(uses, ["Officers", "Officer", "OFFICERS"]);
    }

    #[test]
    fn contradictions_in_titles_and_terms_are_reported_where_they_are_written() {
        let c = one(
            "1.1 Text.\n",
            "titles:\n  - current: Chair\n    replaces: [{title: Chairman, retired: 2016-13-01}]\n  - current: Chairman\nterms:\n  definitions: [d:9]\n  defined:\n    - term: Officer\n      at: nowhere:1\n",
        );
        let diags = clerk::passes::terms::check(&c);
        let cfg = &c.files[0];
        let got: Vec<(usize, usize, &str)> = diags
            .iter()
            .filter(|d| d.rule.code == "T604")
            .map(|d| {
                let (l, col) = cfg.line_col(d.span.start);
                (l, col, d.message.as_str())
            })
            .collect();
        assert_eq!(
            got,
            [
                (8, 43, "`2016-13-01` is not a date"),
                (14, 11, "`at: nowhere:1`: no document with id `nowhere`"),
                (11, 17, "definitions: `d` has no clause 9"),
                (
                    9,
                    14,
                    "`Chairman` is declared as a current title and, on line 8, as a retired title"
                ),
            ]
        );
    }

    #[test]
    fn a_rename_is_refused_when_the_new_name_is_another_defined_term() {
        let c = seed("current-protocol-2016");
        let index = clerk::terms::Index::new(&c);
        let r = clerk::fix::rename::Rename::new("Member body", "Member");
        assert!(matches!(
            clerk::fix::rename::check_collisions(&c, &index, &[r]),
            Err(clerk::fix::rename::Refusal::Collision(_))
        ));
        let ok = clerk::fix::rename::Rename::new("Executive", "Cabinet");
        assert!(clerk::fix::rename::check_collisions(&c, &index, &[ok]).is_ok());
    }
}
