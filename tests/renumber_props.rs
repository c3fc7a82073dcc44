//! Property test for renumbering: random well-formed constitutions with references are
//! disturbed the way drafts are (clauses inserted with a duplicate number, deleted, swapped),
//! then renumbered. Afterwards numbering is clean, every reference cites the same clause (by
//! content) as before, a second renumber changes nothing, and untouched files are identical.

use clerk::fix::renumber::{self, Options};
use clerk::load::{assemble, RawFile};
use clerk::model::Constitution;
use clerk::refs::{resolve::resolve_all, Outcome, Target};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
struct Entry {
    depth: usize,
    uid: usize,
    shown: String,
}

#[derive(Clone, Debug)]
enum Op {
    Delete(usize),
    Duplicate(usize),
    Swap(usize),
}

fn canonical(shape: &[Vec<usize>], uid: &mut usize) -> Vec<Entry> {
    let mut out = Vec::new();
    for (s, clauses) in shape.iter().enumerate() {
        *uid += 1;
        out.push(Entry {
            depth: 1,
            uid: *uid,
            shown: format!("{}", s + 1),
        });
        for (c, subs) in clauses.iter().enumerate() {
            *uid += 1;
            out.push(Entry {
                depth: 2,
                uid: *uid,
                shown: format!("{}.{}", s + 1, c + 1),
            });
            for k in 0..*subs {
                *uid += 1;
                out.push(Entry {
                    depth: 3,
                    uid: *uid,
                    shown: format!("{}.{}.{}", s + 1, c + 1, k + 1),
                });
            }
        }
    }
    out
}

fn is_leaf(e: &[Entry], i: usize) -> bool {
    e.get(i + 1).is_none_or(|n| n.depth <= e[i].depth)
}

fn disturb(mut e: Vec<Entry>, ops: &[Op], uid: &mut usize) -> Vec<Entry> {
    for op in ops {
        let n = e.len();
        match *op {
            Op::Delete(k) => {
                let k = k % n;
                if e[k].depth > 1 && is_leaf(&e, k) {
                    e.remove(k);
                }
            }
            Op::Duplicate(k) => {
                let k = k % n;
                if e[k].depth > 1 && is_leaf(&e, k) {
                    *uid += 1;
                    let dup = Entry {
                        depth: e[k].depth,
                        uid: *uid,
                        shown: e[k].shown.clone(),
                    };
                    e.insert(k + 1, dup);
                }
            }
            Op::Swap(k) => {
                let k = k % n;
                if k + 1 < n
                    && e[k].depth > 1
                    && e[k].depth == e[k + 1].depth
                    && is_leaf(&e, k)
                    && is_leaf(&e, k + 1)
                {
                    e.swap(k, k + 1);
                }
            }
        }
    }
    e
}

fn render(id: &str, short: &str, entries: &[Entry], refs: &BTreeMap<usize, String>) -> String {
    let mut s = format!("---\nid: {id}\ntitle: Document {short}\npart: \"4\"\nshort: {short}\nstatus: draft\n---\n\n");
    for e in entries {
        let r = refs
            .get(&e.uid)
            .map(|t| format!(" (see {t})"))
            .unwrap_or_default();
        match e.depth {
            1 => s.push_str(&format!("# {} Section uid{}\n\n", e.shown, e.uid)),
            2 => s.push_str(&format!("{} Clause text uid{}{r}.\n\n", e.shown, e.uid)),
            _ => s.push_str(&format!("- {} Sub-clause uid{}{r}.\n\n", e.shown, e.uid)),
        }
    }
    s
}

fn build(files: Vec<(String, String)>) -> Constitution {
    let mut raw = vec![RawFile {
        path: "constitution.yaml".into(),
        bytes: b"council: Test\ntitle: C\nparts:\n  - number: 4\n    title: Rules\n".to_vec(),
    }];
    raw.extend(files.into_iter().map(|(p, t)| RawFile {
        path: p,
        bytes: t.into_bytes(),
    }));
    assemble(raw).expect("config is valid").0
}

/// (citing document, citing clause's uid) -> cited clause's uid, for every resolved reference.
fn meanings(c: &Constitution) -> Vec<(usize, String, String)> {
    let uid_of = |d: usize, ci: usize| {
        let doc = &c.documents[d];
        let t = &c.file(doc.file).text[doc.clauses[ci].span.clone()];
        t.split_whitespace()
            .find(|w| w.starts_with("uid"))
            .unwrap_or("")
            .trim_end_matches(['.', ')'])
            .to_string()
    };
    let mut out: Vec<_> = resolve_all(c)
        .iter()
        .filter(|r| r.outcome == Outcome::Resolved)
        .flat_map(|r| {
            let from = r.clause.map(|ci| uid_of(r.doc, ci)).unwrap_or_default();
            r.targets
                .iter()
                .filter_map(move |t| match t {
                    Target::Clause(d, ci) => Some((r.doc, from.clone(), uid_of(*d, *ci))),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort();
    out
}

fn shape() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::collection::vec(0usize..3, 1..5), 1..5)
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            any::<usize>().prop_map(Op::Delete),
            any::<usize>().prop_map(Op::Duplicate),
            any::<usize>().prop_map(Op::Swap)
        ],
        0..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn renumbering_keeps_every_reference_meaning_the_same(
        a in shape(), b in shape(), ops_a in ops(), ops_b in ops(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<bool>()), 0..12),
    ) {
        let mut uid = 0;
        let ea = disturb(canonical(&a, &mut uid), &ops_a, &mut uid);
        let eb = disturb(canonical(&b, &mut uid), &ops_b, &mut uid);
        // References only to numbers that name one clause, as a careful drafter writes them.
        let unique = |e: &[Entry]| -> Vec<usize> {
            (0..e.len()).filter(|&i| e.iter().filter(|x| x.shown == e[i].shown).count() == 1).collect()
        };
        let (ua, ub) = (unique(&ea), unique(&eb));
        let mut refs_a = BTreeMap::new();
        let mut refs_b = BTreeMap::new();
        for (from, to, cross) in &picks {
            if ea.len() < 2 || ua.is_empty() || ub.is_empty() { break; }
            let src = &ea[from % ea.len()];
            if src.depth == 1 { continue; }
            let text = if *cross { format!("DB {}", eb[ub[to % ub.len()]].shown) } else { format!("paragraph {}", ea[ua[to % ua.len()]].shown) };
            refs_a.insert(src.uid, text);
            let src_b = &eb[from % eb.len()];
            if src_b.depth > 1 { refs_b.insert(src_b.uid, format!("paragraph {}", eb[ub[to % ub.len()]].shown)); }
        }
        let bystander = "---\nid: c\ntitle: C\npart: \"4\"\n---\n\n# 1 Alone\n\n1.2 Untouched gap.\n".to_string();
        let files = vec![
            ("part-4/a.md".to_string(), render("a", "DA", &ea, &refs_a)),
            ("part-4/b.md".to_string(), render("b", "DB", &eb, &refs_b)),
            ("part-4/c.md".to_string(), bystander.clone()),
        ];
        let c = build(files.clone());
        let before = meanings(&c);
        let refs = resolve_all(&c);
        prop_assume!(refs.iter().all(|r| matches!(r.outcome, Outcome::Resolved)));
        let opts = Options { only: Some("a".into()), rewrite_inferred: true, ..Options::default() };
        let mut plan = renumber::plan(&c, &refs, &opts).expect("every reference resolves");
        let opts_b = Options { only: Some("b".into()), rewrite_inferred: true, ..Options::default() };
        // Renumber a, write it, then b: both documents end clean.
        let texts = renumber::new_texts(&c, &plan);
        prop_assert!(renumber::verify(&c, &refs, &plan, &texts).is_empty());
        let mut now: Vec<(String, String)> = files.clone();
        for (fid, t) in &texts { now[fid.0 as usize - 1].1 = t.clone(); }
        let c2 = build(now.clone());
        let refs2 = resolve_all(&c2);
        plan = renumber::plan(&c2, &refs2, &opts_b).expect("still resolves");
        let texts2 = renumber::new_texts(&c2, &plan);
        prop_assert!(renumber::verify(&c2, &refs2, &plan, &texts2).is_empty());
        for (fid, t) in &texts2 { now[fid.0 as usize - 1].1 = t.clone(); }
        let c3 = build(now.clone());
        // (a) numbering is clean in the renumbered documents
        for d in c3.documents.iter().filter(|d| d.meta.id != "c") {
            let errs: Vec<_> = clerk::passes::numbering::check_document(&c3, d).into_iter().filter(|x| x.is_error()).map(|x| x.message).collect();
            prop_assert!(errs.is_empty(), "{:?}\n{}", errs, now[0].1);
        }
        // (b) every reference means the same clause
        prop_assert_eq!(before, meanings(&c3));
        // (c) a second renumber of everything but the bystander proposes nothing
        for id in ["a", "b"] {
            let p = renumber::plan(&c3, &resolve_all(&c3), &Options { only: Some(id.into()), ..Options::default() }).unwrap();
            prop_assert!(p.edits.is_empty(), "second run edits {id}");
        }
        // (d) the file no reference involves is byte-identical
        prop_assert_eq!(&now[2].1, &bystander);
    }
}

/// Quantity phrases whose numbers are written like clause numbers ("within 1.5 miles").
const QUANTITIES: &[&str] = &[
    "within {} miles of a school",
    "up to {} times the average",
    "from {} metres high",
    "with {} years' service",
    "of {} hectares or more",
    "by {}% a year",
    "at {} per cent",
    "of {} thousand pounds",
    "in {} hours",
    "to {} km",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Issue 17: numbers that are quantities are never rewritten, even when they coincide
    /// with clause numbers that renumbering changes, and explicit references still follow.
    #[test]
    fn quantities_survive_renumbering_byte_for_byte(
        a in shape(), ops_a in ops(),
        picks in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>(), any::<bool>()), 1..16),
    ) {
        let mut uid = 0;
        let ea = disturb(canonical(&a, &mut uid), &ops_a, &mut uid);
        let numbered: Vec<usize> = (0..ea.len()).filter(|&i| ea[i].depth > 1).collect();
        prop_assume!(!numbered.is_empty());
        let unique: Vec<usize> = numbered.iter().copied()
            .filter(|&i| ea.iter().filter(|x| x.shown == ea[i].shown).count() == 1)
            .collect();
        let mut phrases = BTreeMap::new();
        let mut quantities = Vec::new();
        for (from, n, q, cite) in &picks {
            let src = ea[numbered[from % numbered.len()]].uid;
            let shown = &ea[numbered[n % numbered.len()]].shown;
            let quantity = QUANTITIES[q % QUANTITIES.len()].replace("{}", shown);
            let text = if *cite && !unique.is_empty() {
                format!("{quantity}, and paragraph {}", ea[unique[n % unique.len()]].shown)
            } else {
                quantity.clone()
            };
            quantities.push(quantity);
            phrases.insert(src, text);
        }
        let files = vec![("part-4/a.md".to_string(), render("a", "DA", &ea, &phrases))];
        let c = build(files.clone());
        let before = meanings(&c);
        let refs = resolve_all(&c);
        prop_assume!(refs.iter().all(|r| r.outcome == Outcome::Resolved));
        let plan = renumber::plan(&c, &refs, &Options::default()).expect("every reference resolves");
        prop_assert!(plan.inferred.is_empty(), "a quantity was read as a reference: {:?}", plan.inferred);
        let texts = renumber::new_texts(&c, &plan);
        prop_assert!(renumber::verify(&c, &refs, &plan, &texts).is_empty());
        let mut now = files.clone();
        for (fid, t) in &texts { now[fid.0 as usize - 1].1 = t.clone(); }
        let old_text = &files[0].1;
        let new_text = &now[0].1;
        for q in &quantities {
            prop_assert_eq!(old_text.matches(q.as_str()).count(), new_text.matches(q.as_str()).count(), "quantity `{}` changed:\n{}", q, new_text);
        }
        prop_assert_eq!(before, meanings(&build(now)));
    }
}
