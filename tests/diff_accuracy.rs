//! The accuracy bar of `clerk diff` on the synthetic corpus of [`common::corpus`], whose ground
//! truth says what v2 changed: at least 95% of the true clause changes found, no clause
//! reported amended that was only renumbered, stale references with at least 95% precision
//! and recall.
//!
//! The generator lists only the stale references it wrote itself; the seed text it samples
//! from holds real references too ("table 6.6", "listed in 3.3") that also go stale. A reported
//! stale reference counts as correct when it is in the ground truth, or when the generator's
//! renumbering confirms it: the cited clause really carries the reported new number (or was
//! deleted) and the reference text is in the citing clause in both versions. Recall is
//! measured against the references the generator wrote; precision against those alone is
//! printed as well.
//!
//! `CLERK_DIFF_SCALE` (default 1, one council's constitution: about 110 clause changes and 40
//! stale references per seed) sets the corpus size; every seed in [`SEEDS`] is scored.

mod common;

use clerk::diff;
use clerk::load::load_dir;
use common::corpus::{self, Change, Generated};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::Path;

const SEEDS: [u64; 3] = [1, 2, 3];

/// Clause lines of every document of one version: doc id → (number → text).
fn clause_lines(root: &Path) -> HashMap<String, HashMap<String, String>> {
    let mut out = HashMap::new();
    for part in std::fs::read_dir(root).unwrap() {
        let part = part.unwrap().path();
        if !part.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&part).unwrap() {
            let f = f.unwrap().path();
            let doc = f.file_stem().unwrap().to_string_lossy().into_owned();
            let mut lines = HashMap::new();
            for line in std::fs::read_to_string(&f).unwrap().lines() {
                let l = line.strip_prefix("- ").unwrap_or(line);
                let Some((num, rest)) = l.split_once(' ') else {
                    continue;
                };
                let dots = num.matches('.').count();
                if (1..=2).contains(&dots) && num.split('.').all(|p| p.parse::<u32>().is_ok()) {
                    lines.insert(num.to_string(), rest.to_string());
                }
            }
            out.insert(doc, lines);
        }
    }
    out
}

#[derive(Debug)]
struct Score {
    /// True clause changes (amended, deleted, inserted) and how many the diff reported.
    changes: usize,
    found: usize,
    false_amended: usize,
    /// Stale references the diff reported, and how many are right.
    reported: usize,
    correct: usize,
    /// Of `reported`, how many are in the ground truth.
    planted_reported: usize,
    /// Stale references in the ground truth, and how many the diff reported.
    planted: usize,
    recalled: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Score {
    fn changes_found(&self) -> f64 {
        ratio(self.found, self.changes)
    }
    fn stale_precision(&self) -> f64 {
        ratio(self.correct, self.reported)
    }
    fn stale_precision_strict(&self) -> f64 {
        ratio(self.planted_reported, self.reported)
    }
    fn stale_recall(&self) -> f64 {
        ratio(self.recalled, self.planted)
    }
}

/// Score the diff of `g.v1` against `new` (`g.v2`, but for the test of the scoring itself).
fn score(g: &Generated, new: &Path) -> Score {
    let (old, _) = load_dir(&g.v1).unwrap();
    let (new, _) = load_dir(new).unwrap();
    let d = diff::diff(&old, &new, &diff::Options::default());
    let recs: Vec<Value> = diff::json_lines(&d)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let s = |v: &Value| v.as_str().map(str::to_string);
    // Clause changes, each named by (document, kind, v1 number); an insertion by the v1 clause
    // it stands before, as the diff's `before` does.
    let truth: Vec<(String, &str, String)> = g
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Amended { doc, v1, .. } => Some((doc.clone(), "amended", v1.clone())),
            Change::Deleted { doc, v1, .. } => Some((doc.clone(), "deleted", v1.clone())),
            Change::Inserted { doc, v1_before, .. } => {
                Some((doc.clone(), "inserted", v1_before.clone()))
            }
            Change::StaleReference { .. } => None,
        })
        .collect();
    let mine: HashSet<(String, String, String)> = recs
        .iter()
        .filter(|r| r["kind"] != "stale-reference")
        .filter_map(|r| {
            let number = if r["kind"] == "inserted" {
                s(&r["before"])
            } else {
                s(&r["old"])
            }?;
            Some((s(&r["document"])?, s(&r["kind"])?, number))
        })
        .collect();
    let found = truth
        .iter()
        .filter(|(doc, kind, n)| mine.contains(&(doc.clone(), kind.to_string(), n.clone())))
        .count();
    let amended: HashSet<(String, String)> = truth
        .iter()
        .filter(|t| t.1 == "amended")
        .map(|t| (t.0.clone(), t.2.clone()))
        .collect();
    let false_amended = recs
        .iter()
        .filter(|r| r["amended"] == true)
        .filter(|r| {
            let key = (s(&r["document"]).unwrap(), s(&r["old"]).unwrap_or_default());
            !amended.contains(&key)
        })
        .count();
    // Stale references, each named by (document, citing clause in v2, was, now).
    type Key = (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let planted: HashSet<Key> = g
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::StaleReference {
                doc,
                clause,
                was,
                now,
                ..
            } => Some((
                Some(doc.clone()),
                Some(clause.clone()),
                Some(was.clone()),
                now.clone(),
            )),
            _ => None,
        })
        .collect();
    let key = |r: &Value| -> Key {
        (
            s(&r["document"]),
            s(&r["clause"]),
            s(&r["was"]),
            s(&r["now"]),
        )
    };
    let stale: Vec<&Value> = recs
        .iter()
        .filter(|r| r["kind"] == "stale-reference")
        .collect();
    let reported: HashSet<Key> = stale.iter().map(|r| key(r)).collect();
    let v1 = clause_lines(&g.v1);
    let v2 = clause_lines(&g.v2);
    // v2 number → v1 number of every clause that survived.
    let back: HashMap<(String, String), String> = g
        .renumbering
        .iter()
        .filter_map(|((d, a), b)| Some(((d.clone(), b.clone()?), a.clone())))
        .collect();
    let verified = |r: &Value| {
        let (Some(doc), Some(clause), Some(text), Some(target), Some(was)) = (
            s(&r["document"]),
            s(&r["clause"]),
            s(&r["text"]),
            s(&r["target_document"]),
            s(&r["was"]),
        ) else {
            return false;
        };
        let Some(truly_now) = g.renumbering.get(&(target, was.clone())) else {
            return false; // not a clause of v1
        };
        if truly_now.as_ref() == Some(&was) || *truly_now != s(&r["now"]) {
            return false; // not renumbered, or not to the number reported
        }
        let Some(old_clause) = back.get(&(doc.clone(), clause.clone())) else {
            return false;
        };
        let has = |v: &HashMap<String, HashMap<String, String>>, n: &str| {
            v[&doc].get(n).is_some_and(|l| l.contains(&text))
        };
        has(&v2, &clause) && has(&v1, old_clause)
    };
    let correct = stale
        .iter()
        .filter(|r| planted.contains(&key(r)) || verified(r))
        .count();
    let planted_reported = stale.iter().filter(|r| planted.contains(&key(r))).count();
    Score {
        changes: truth.len(),
        found,
        false_amended,
        reported: stale.len(),
        correct,
        planted_reported,
        planted: planted.len(),
        recalled: planted.intersection(&reported).count(),
    }
}

#[test]
fn finds_the_generated_changes() {
    let scale: f64 = std::env::var("CLERK_DIFF_SCALE")
        .map(|s| s.parse().expect("CLERK_DIFF_SCALE is a number"))
        .unwrap_or(1.0);
    for seed in SEEDS {
        let dir = common::temp_dir(&format!("diff-corpus-{seed}"));
        let opts = corpus::Options {
            scale,
            seed,
            ..corpus::Options::default()
        };
        let g = corpus::generate(&dir, &opts).expect("the corpus is written");
        let s = score(&g, &g.v2);
        eprintln!(
            "scale {scale} seed {seed}: changes found {:.3} ({} of {}), false amended {}, \
             stale precision {:.3} ({} of {}; {:.3} against the ground truth alone), \
             stale recall {:.3} ({} of {})",
            s.changes_found(),
            s.found,
            s.changes,
            s.false_amended,
            s.stale_precision(),
            s.correct,
            s.reported,
            s.stale_precision_strict(),
            s.stale_recall(),
            s.recalled,
            s.planted
        );
        // A bar that a corpus without changes would pass measures nothing.
        assert!(s.changes >= 10 && s.planted >= 3, "{s:?}");
        assert!(s.changes_found() >= 0.95, "{s:?}");
        assert_eq!(
            s.false_amended, 0,
            "clauses reported amended that were only renumbered: {s:?}"
        );
        assert!(s.stale_precision() >= 0.95, "{s:?}");
        assert!(s.stale_recall() >= 0.95, "{s:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `changes.json` is the ground truth the test scores against, and the same seed writes the
/// same corpus.
#[test]
fn the_corpus_is_deterministic_and_its_changes_json_is_the_truth() {
    let opts = corpus::Options {
        scale: 0.1,
        seed: 7,
        ..corpus::Options::default()
    };
    let (a, b) = (common::temp_dir("corpus-a"), common::temp_dir("corpus-b"));
    let ga = corpus::generate(&a, &opts).unwrap();
    corpus::generate(&b, &opts).unwrap();
    assert_eq!(common::snapshot(&a), common::snapshot(&b));
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("changes.json")).unwrap()).unwrap();
    assert_eq!(written, serde_json::to_value(&ga.changes).unwrap());
    // The kinds of change the corpus promises are all there.
    for kind in ["amended", "deleted", "inserted", "stale-reference"] {
        assert!(
            written
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["kind"] == kind),
            "no {kind} change in {written:#}"
        );
    }
    let other = corpus::generate(&b, &corpus::Options { seed: 8, ..opts }).unwrap();
    assert_ne!(ga.changes, other.changes, "another seed, another corpus");
    for dir in [a, b] {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The bar can fail: a diff that finds nothing (v1 against itself) scores nothing.
#[test]
fn a_diff_that_finds_nothing_scores_nothing() {
    let dir = common::temp_dir("diff-corpus-nothing");
    let opts = corpus::Options {
        scale: 0.2,
        ..corpus::Options::default()
    };
    let g = corpus::generate(&dir, &opts).unwrap();
    let s = score(&g, &g.v1);
    assert!(s.changes > 0 && s.planted > 0, "{s:?}");
    assert_eq!((s.found, s.reported, s.recalled), (0, 0, 0), "{s:?}");
    assert_eq!(s.changes_found(), 0.0);
    assert_eq!(s.stale_recall(), 0.0);
    let _ = std::fs::remove_dir_all(&dir);
}
