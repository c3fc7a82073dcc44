//! Property tests of the numbering schemes (docs/FORMAT.md, "Clauses"): a random clause tree
//! rendered in each scheme a constitution is written in is read back as exactly that tree,
//! with no numbering finding; every citation of it, written in the scheme's own citing form,
//! resolves to the clause it names; and a draft rendered with a gap in its unit numbers is
//! renumbered into exactly the gapless rendering, references rewritten in their own form
//! (roman stays roman, items stay lettered), and `clerk diff` of the two shows exactly the
//! clauses after the gap as renumbered, none inserted, deleted or moved.
//!
//! Case counts are proptest's default (256; set `PROPTEST_CASES` to run more).

use clerk::load::{self, RawFile};
use clerk::passes;
use clerk::refs::{resolve, Outcome, Target};
use proptest::prelude::*;

/// How a constitution writes its three levels of clause.
#[derive(Clone, Copy, Debug)]
enum Scheme {
    /// "# 4 Title", "4.2 text", "(a) text".
    Dotted,
    /// "## Rule 4. Title", "4.2 text", "(a) text", cited "Rule 4", "rule 4.2(a)".
    HeadedRules,
    /// "## ARTICLE IV", "**Section 4.2. Title.** text", "(a) text", cited "Article IV",
    /// "Section 4.2".
    RomanArticles,
    /// "## 4. Title", "a. text", "i. text" (parish standing orders), cited "standing order
    /// 4(b)".
    LetteredOrders,
    /// "## Rule 4. Title", "(a) text", "(i) text", cited "paragraph (b) of Rule 4".
    RuleParagraphs,
}

const SCHEMES: [Scheme; 5] = [
    Scheme::Dotted,
    Scheme::HeadedRules,
    Scheme::RomanArticles,
    Scheme::LetteredOrders,
    Scheme::RuleParagraphs,
];

impl Scheme {
    /// Whether the second level is numbered (4.2) rather than lettered (4(b)).
    fn numbered_second_level(self) -> bool {
        matches!(
            self,
            Scheme::Dotted | Scheme::HeadedRules | Scheme::RomanArticles
        )
    }
}

/// Top-level units; each holds its second-level clauses; each of those the count of its
/// third-level items. Lettered levels hold 0 or 2–4 entries: a lone "a." is prose, not an
/// item (and four letters stop before "i", which would read as roman).
type Tree = Vec<Vec<usize>>;

fn tree() -> impl Strategy<Value = Tree> {
    let items = prop_oneof![Just(0usize), 2usize..5];
    let second = prop_oneof![Just(0usize), 2usize..5];
    prop::collection::vec(
        second.prop_flat_map(move |n| prop::collection::vec(items.clone(), n)),
        1..6,
    )
}

fn letter(k: usize) -> char {
    (b'a' + k as u8) as char
}

fn roman(k: usize) -> &'static str {
    ["i", "ii", "iii", "iv", "v"][k]
}

fn upper_roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][n - 1]
}

/// One clause of a tree: its position (unit, second level, item; 0-based) and its number
/// as clerk writes it.
#[derive(Clone, Debug)]
struct Clause {
    unit: usize,
    second: Option<usize>,
    item: Option<usize>,
}

fn clauses(t: &Tree) -> Vec<Clause> {
    let mut out = Vec::new();
    for (u, seconds) in t.iter().enumerate() {
        out.push(Clause {
            unit: u,
            second: None,
            item: None,
        });
        for (s, &items) in seconds.iter().enumerate() {
            out.push(Clause {
                unit: u,
                second: Some(s),
                item: None,
            });
            for i in 0..items {
                out.push(Clause {
                    unit: u,
                    second: Some(s),
                    item: Some(i),
                });
            }
        }
    }
    out
}

/// The number clerk reports for `c`, unit `n` standing for its written unit number.
fn number(scheme: Scheme, c: &Clause, n: usize) -> String {
    let mut s = n.to_string();
    if let Some(k) = c.second {
        if scheme.numbered_second_level() {
            s.push_str(&format!(".{}", k + 1));
        } else {
            s.push_str(&format!("({})", letter(k)));
        }
    }
    if let Some(i) = c.item {
        if scheme.numbered_second_level() {
            s.push_str(&format!("({})", letter(i)));
        } else {
            s.push_str(&format!("({})", roman(i)));
        }
    }
    s
}

/// How the scheme's own drafters cite `c`.
fn citation(scheme: Scheme, c: &Clause, n: usize) -> String {
    match (scheme, c.second, c.item) {
        (Scheme::Dotted, ..) => format!("paragraph {}", number(scheme, c, n)),
        (Scheme::HeadedRules, None, _) => format!("Rule {n}"),
        (Scheme::HeadedRules, ..) => format!("rule {}", number(scheme, c, n)),
        (Scheme::RomanArticles, None, _) => format!("Article {}", upper_roman(n)),
        (Scheme::RomanArticles, ..) => format!("Section {}", number(scheme, c, n)),
        (Scheme::LetteredOrders, ..) => format!("standing order {}", number(scheme, c, n)),
        (Scheme::RuleParagraphs, None, _) => format!("Rule {n}"),
        (Scheme::RuleParagraphs, Some(k), None) => format!("paragraph ({}) of Rule {n}", letter(k)),
        (Scheme::RuleParagraphs, ..) => format!("rule {}", number(scheme, c, n)),
    }
}

/// The words of clause `k` of the tree, citing clause `cites` (both indices into
/// [`clauses`]), with no digits of their own.
fn words(k: usize, cites: &str) -> String {
    format!(
        "The council acts on matter {} as {cites} provides.",
        word(k)
    )
}

fn word(k: usize) -> String {
    // Letters only: a digit in prose could be read as a citation.
    let mut s = String::new();
    let mut k = k + 1;
    while k > 0 {
        s.push((b'k' + (k % 10) as u8) as char);
        k /= 10;
    }
    s
}

/// The document as the scheme writes it, unit `u` numbered `numbering(u)`; clause `k` cites
/// clause `targets[k]`.
fn render(
    scheme: Scheme,
    t: &Tree,
    numbering: &dyn Fn(usize) -> usize,
    targets: &[usize],
) -> String {
    let all = clauses(t);
    let long = match scheme {
        Scheme::LetteredOrders => "long: [Standing Order, Standing Orders]\n",
        _ => "",
    };
    let mut out = format!("---\nid: doc\ntitle: Rules\npart: \"4\"\nstatus: draft\n{long}---\n");
    for (k, c) in all.iter().enumerate() {
        let n = numbering(c.unit);
        let target = &all[targets[k]];
        let text = words(k, &citation(scheme, target, numbering(target.unit)));
        let title = format!("Matter {}", capitalised(&word(k)));
        let line = match (scheme, c.second, c.item) {
            (Scheme::Dotted, None, _) => format!("# {n} {title}\n\n{text}"),
            (Scheme::HeadedRules | Scheme::RuleParagraphs, None, _) => {
                format!("## Rule {n}. {title}\n\n{text}")
            }
            (Scheme::RomanArticles, None, _) => format!("## ARTICLE {}\n\n{text}", upper_roman(n)),
            (Scheme::LetteredOrders, None, _) => format!("## {n}. {title}\n\n{text}"),
            (Scheme::Dotted | Scheme::HeadedRules, Some(s), None) => {
                format!("{n}.{} {text}", s + 1)
            }
            (Scheme::RomanArticles, Some(s), None) => {
                format!("**Section {n}.{}. {title}.** {text}", s + 1)
            }
            (Scheme::LetteredOrders, Some(s), None) => format!("{}. {text}", letter(s)),
            (Scheme::RuleParagraphs, Some(s), None) => format!("({}) {text}", letter(s)),
            (Scheme::LetteredOrders, Some(_), Some(i)) => format!("{}. {text}", roman(i)),
            (Scheme::RuleParagraphs, Some(_), Some(i)) => format!("({}) {text}", roman(i)),
            (_, Some(_), Some(i)) => format!("({}) {text}", letter(i)),
        };
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn constitution(doc: &str) -> Vec<RawFile> {
    vec![
        RawFile {
            path: "constitution.yaml".into(),
            bytes: b"council: C\ntitle: T\nparts:\n  - number: 4\n    title: P\n".to_vec(),
        },
        RawFile {
            path: "part-4/doc.md".into(),
            bytes: doc.as_bytes().to_vec(),
        },
    ]
}

/// A citation target for every clause, from the seed: any clause of the tree.
fn targets(total: usize, seed: &[usize]) -> Vec<usize> {
    (0..total).map(|k| seed[k % seed.len()] % total).collect()
}

proptest! {
    #[test]
    fn every_scheme_reads_back_its_tree_and_resolves_its_citations(
        t in tree(),
        seed in prop::collection::vec(0usize..1000, 1..8),
    ) {
        for scheme in SCHEMES {
            let all = clauses(&t);
            let targets = targets(all.len(), &seed);
            let doc = render(scheme, &t, &|u| u + 1, &targets);
            let (c, load_diags) = load::assemble(constitution(&doc)).expect("loads");
            prop_assert!(load_diags.is_empty(), "{scheme:?}: {load_diags:?}");
            let got: Vec<String> = c.documents[0].clauses.iter().map(|cl| cl.number.to_string()).collect();
            let want: Vec<String> = all.iter().map(|cl| number(scheme, cl, cl.unit + 1)).collect();
            prop_assert_eq!(&got, &want, "{:?}\n{}", scheme, doc);
            let findings: Vec<String> = passes::all(&c)
                .iter()
                .filter(|d| !matches!(d.severity, clerk::diag::Severity::Info))
                .map(|d| format!("{} {}", d.rule.code, d.message))
                .collect();
            prop_assert!(findings.is_empty(), "{:?}: {:?}\n{}", scheme, findings, doc);
            let refs = resolve::resolve_all(&c);
            prop_assert_eq!(refs.len(), all.len(), "{:?}: one citation per clause\n{}", scheme, doc);
            for r in &refs {
                let from = r.clause.expect("written in a clause");
                prop_assert_eq!(r.outcome, Outcome::Resolved, "{:?}: {:?}\n{}", scheme, r, doc);
                let want = Target::Clause(0, targets[from]);
                prop_assert!(r.targets.contains(&want), "{:?}: clause {} cites {:?}, got {:?}\n{}", scheme, got[from], want, r.targets, doc);
            }
        }
    }

    #[test]
    fn renumbering_a_gap_gives_the_gapless_rendering(
        t in tree().prop_filter("two units at least", |t| t.len() >= 2),
        gap_at in 0usize..5,
        seed in prop::collection::vec(0usize..1000, 1..8),
    ) {
        let gap_at = gap_at % t.len();
        for scheme in SCHEMES {
            let all = clauses(&t);
            let targets = targets(all.len(), &seed);
            let with_gap = render(scheme, &t, &|u| if u >= gap_at { u + 2 } else { u + 1 }, &targets);
            let gapless = render(scheme, &t, &|u| u + 1, &targets);
            let (c, _) = load::assemble(constitution(&with_gap)).expect("loads");
            let refs = resolve::resolve_all(&c);
            let plan = clerk::fix::renumber::plan(&c, &refs, &Default::default());
            let plan = match plan {
                Ok(p) => p,
                Err(d) => return Err(TestCaseError::fail(format!("{scheme:?}: refused: {d:?}\n{with_gap}"))),
            };
            let file = c.documents[0].file;
            let edits = plan.edits.get(&file).cloned().unwrap_or_default();
            let renumbered = clerk::fix::apply(&c.file(file).text, &edits);
            prop_assert_eq!(&renumbered, &gapless, "{:?}\n{}", scheme, with_gap);
            // The diff of the two versions shows renumbering as renumbering: no clause
            // inserted, deleted or moved, and exactly the clauses at or after the gap
            // renumbered.
            let (after, _) = load::assemble(constitution(&renumbered)).expect("loads");
            let d = clerk::diff::diff(&c, &after, &Default::default());
            let doc = &d.docs[0];
            for e in &doc.entries {
                let unit = all[e.old.expect("every old clause is still there")].unit;
                prop_assert!(
                    !matches!(e.kind, clerk::diff::Kind::Inserted | clerk::diff::Kind::Deleted | clerk::diff::Kind::Moved),
                    "{:?}: {:?}\n{}", scheme, e, with_gap
                );
                prop_assert_eq!(e.renumbered, unit >= gap_at, "{:?}: {:?}\n{}", scheme, e, with_gap);
            }
        }
    }
}
