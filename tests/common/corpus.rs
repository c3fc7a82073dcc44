//! A synthetic constitution in two versions, and the ground truth of what the second changed:
//! the corpus of the benchmarks (`benches/pipeline.rs`, `benches/terms.rs`, the scripts in
//! `benches/`, through `cargo run --example gen-corpus`) and of the diff accuracy test
//! (`tests/diff_accuracy.rs`). The benches and the example include this file with `#[path]`, so
//! it uses nothing but the standard library and serde.
//!
//! [`generate`] writes under `OUT`:
//!
//! - `OUT/v1/constitution.yaml` and `OUT/v1/part-N/doc-NNN.md`: the base version. Each document
//!   has 10–18 numbered sections (`# 3 Waivers`) of 3–9 clauses (`3.2 …`), half of the clauses
//!   with 2–4 sub-clauses (`- 3.2.1 …`). Clause text is sampled from the numbered lines of the
//!   two real council documents in `tests/fixtures/import/seeds/`, so its words, lengths and
//!   the references it already holds ("table 6.6", "listed in 3.3") are those of a real
//!   constitution. A share of clauses (`refs`) gets a cross-reference to a clause or section:
//!   `(see paragraph 4.2)` in its own document, `(Ref D7 4.2)` in another (`D7` is the
//!   document's `short` form).
//! - `OUT/v2/…`: an amended version. A share of clauses (`amend`) is touched: a sum of money or
//!   one word of the clause's own text changed, a role title renamed, the clause deleted with
//!   its sub-clauses, or a new clause inserted before it. Clauses after a deletion or insertion
//!   move up or down a number; references are left as written, as in a real draft, so those
//!   citing a clause that moved or went are now stale.
//! - `OUT/changes.json`: the ground truth, a JSON array in document order of
//!   - `{"kind": "amended", "doc", "v1", "v2", "detail"}`: the clause numbered `v1` in v1 and
//!     `v2` in v2; `detail` is `"£25,000 -> £50,000"`, `"Chairman -> Chair"` or `"wording"`;
//!   - `{"kind": "deleted", "doc", "v1", "v1_subs"}`: `v1_subs` are the v1 numbers of the
//!     sub-clauses deleted with it;
//!   - `{"kind": "inserted", "doc", "v1_before", "v2"}`: `v1_before` is the v1 number of the
//!     clause it stands before;
//!   - then `{"kind": "stale-reference", "doc", "in", "text", "target_doc", "was", "now"}`:
//!     a reference this generator wrote, `text` as written in clause `in` (its v2 number) of
//!     `doc`, which cited clause `was` of `target_doc` and should now cite `now` (`null`: the
//!     clause was deleted). References that the seed text itself holds are not listed:
//!     [`Generated::renumbering`] (the v2 number of every v1 clause) judges those.
//!
//! The same options give the same bytes on every machine. `scale: 1.0` is about the size of
//! one council's whole constitution (25 documents, 1.1–1.2 MB per version). This replaces a
//! Python script the project used to borrow from outside the repository; it makes the same
//! kind of corpus from the same text, with its own random numbers.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// 1.0 is one council's constitution: 25 documents.
    pub scale: f64,
    pub seed: u64,
    /// The share of clauses given a cross-reference.
    pub refs: f64,
    /// The share of clauses touched in v2.
    pub amend: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            scale: 1.0,
            seed: 1,
            refs: 0.3,
            amend: 0.08,
        }
    }
}

/// One entry of `changes.json` (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    Amended {
        doc: String,
        v1: String,
        v2: String,
        detail: String,
    },
    Deleted {
        doc: String,
        v1: String,
        v1_subs: Vec<String>,
    },
    Inserted {
        doc: String,
        v1_before: String,
        v2: String,
    },
    StaleReference {
        doc: String,
        #[serde(rename = "in")]
        clause: String,
        text: String,
        target_doc: String,
        was: String,
        now: Option<String>,
    },
}

/// What [`generate`] wrote.
#[derive(Debug)]
pub struct Generated {
    /// `OUT/v1`, a constitution folder.
    pub v1: PathBuf,
    /// `OUT/v2`.
    pub v2: PathBuf,
    /// The ground truth, as written to `OUT/changes.json`.
    pub changes: Vec<Change>,
    /// Every clause and sub-clause of v1, by (document id, v1 number): its v2 number, `None`
    /// when it was deleted.
    pub renumbering: BTreeMap<(String, String), Option<String>>,
    pub documents: usize,
    /// Bytes of the files of `OUT/v1`.
    pub v1_bytes: u64,
}

/// The seed texts the clause text is sampled from.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/seeds")
}

/// Write `out/v1`, `out/v2` and `out/changes.json` (made, or replaced when there).
pub fn generate(out: &Path, opts: &Options) -> io::Result<Generated> {
    let texts = clause_texts(&seeds_dir())?;
    let mut rng = Rng(opts.seed);
    let n_docs = ((25.0 * opts.scale).round() as usize).max(1);
    let mut keys = 0..;
    let mut v1: Vec<Doc> = (1..=n_docs)
        .map(|d| Doc::sample(&mut rng, &texts, d, &mut keys))
        .collect();
    let planted = add_references(&mut rng, &mut v1, opts.refs);
    let (v2, edits) = amend(&mut rng, &v1, opts.amend, &mut keys);

    let (n1, n2) = (numbers(&v1), numbers(&v2));
    let mut changes: Vec<Change> = edits
        .into_iter()
        .map(|e| match e {
            Edit::Amended { doc, key, detail } => Change::Amended {
                doc: v1[doc].id.clone(),
                v1: n1[&key].clone(),
                v2: n2[&key].clone(),
                detail,
            },
            Edit::Deleted { doc, key, subs } => Change::Deleted {
                doc: v1[doc].id.clone(),
                v1: n1[&key].clone(),
                v1_subs: (1..=subs).map(|k| format!("{}.{k}", n1[&key])).collect(),
            },
            Edit::Inserted { doc, before, key } => Change::Inserted {
                doc: v1[doc].id.clone(),
                v1_before: n1[&before].clone(),
                v2: n2[&key].clone(),
            },
        })
        .collect();
    for r in &planted {
        let (Some((target_doc, target)), Some(clause)) = (r.target, n2.get(&r.from)) else {
            continue; // a section (never renumbered), or the citing clause was deleted
        };
        let (was, now) = (&n1[&target], n2.get(&target));
        if now != Some(was) {
            changes.push(Change::StaleReference {
                doc: v1[r.doc].id.clone(),
                clause: clause.clone(),
                text: r.text.clone(),
                target_doc: v1[target_doc].id.clone(),
                was: was.clone(),
                now: now.cloned(),
            });
        }
    }

    let mut renumbering = BTreeMap::new();
    for doc in &v1 {
        for clause in doc.sections.iter().flat_map(|s| &s.clauses) {
            let (was, now) = (&n1[&clause.key], n2.get(&clause.key));
            for k in 0..=clause.subs.len() {
                let sub = |n: &str| match k {
                    0 => n.to_string(),
                    k => format!("{n}.{k}"),
                };
                renumbering.insert((doc.id.clone(), sub(was)), now.map(|n| sub(n)));
            }
        }
    }

    let v1_dir = out.join("v1");
    let v2_dir = out.join("v2");
    for dir in [&v1_dir, &v2_dir] {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    let v1_bytes = write_version(&v1_dir, &v1)?;
    write_version(&v2_dir, &v2)?;
    let json = serde_json::to_string_pretty(&changes).map_err(io::Error::other)?;
    std::fs::write(out.join("changes.json"), json + "\n")?;
    Ok(Generated {
        v1: v1_dir,
        v2: v2_dir,
        changes,
        renumbering,
        documents: n_docs,
        v1_bytes,
    })
}

// ---------------------------------------------------------------------------------------
// Text to sample from
// ---------------------------------------------------------------------------------------

/// The text of every numbered line of the seed texts (`*.txt` in `dir`) long enough to be a
/// clause, runs of whitespace made one space. Lines with redline marks (`<u>`) are left out.
fn clause_texts(dir: &Path) -> io::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        out.extend(text.lines().filter_map(numbered_text));
    }
    if out.is_empty() {
        return Err(io::Error::other(format!(
            "no clause text in the seeds under {}",
            dir.display()
        )));
    }
    Ok(out)
}

/// The text after the clause number of a line such as `4.2 …`, `- 4.2.1 …`, `(4.2) …` or
/// `4.2. …` (a number has at least two parts), if it is over 40 characters and has no redline.
fn numbered_text(line: &str) -> Option<String> {
    let s = line.trim_start();
    let s = s.strip_prefix("- ").unwrap_or(s);
    let s = s.strip_prefix('(').unwrap_or(s);
    let mut parts = 0;
    let mut rest = s;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            break;
        }
        parts += 1;
        rest = &rest[digits..];
        match rest.strip_prefix('.') {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
            _ => break,
        }
    }
    if parts < 2 {
        return None;
    }
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let text = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    (text.chars().count() > 40 && !text.contains("<u>")).then_some(text)
}

// ---------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------

const TITLES: &[&str] = &[
    "Introduction",
    "Definitions",
    "Scope",
    "General Principles",
    "Roles",
    "Responsibilities",
    "Thresholds and Procedures",
    "Waivers",
    "Conduct",
    "Access to Information",
    "Correspondence",
    "Publicity",
    "Decision Making",
    "Variations",
    "Review",
    "Standard Clauses",
    "Complaints",
    "Support",
];

/// Old and new role titles, as councils rename them.
const ROLES: &[(&str, &str)] = &[
    ("Head of Legal Services", "Head of Legal and Democracy"),
    ("Chairman", "Chair"),
    ("Executive Member", "Cabinet Member"),
    ("Strategic Procurement Manager", "Head of Procurement"),
];

/// Sums of the kind contract standing orders set; an amendment changes the first a clause
/// names to another.
const MONEY: &[&str] = &[
    "£5,000",
    "£10,000",
    "£25,000",
    "£30,000",
    "£50,000",
    "£140,000",
];

/// Words an amendment puts in place of one of a clause's words.
const WORDS: &[&str] = &["promptly", "in writing", "the Council", "reasonable"];

/// Clauses an amendment inserts.
const INSERTED: &[&str] = &[
    "Officers shall record every decision taken under this rule in writing.",
    "The Monitoring Officer may issue guidance on the operation of this rule.",
    "Any waiver granted under this rule shall be reported to the next meeting of the Standards Committee.",
];

#[derive(Clone)]
struct Doc {
    id: String,
    short: String,
    title: String,
    part: u32,
    sections: Vec<Section>,
}

#[derive(Clone)]
struct Section {
    title: &'static str,
    clauses: Vec<Clause>,
}

/// A clause is numbered by its place; `key` follows it from v1 to v2.
#[derive(Clone)]
struct Clause {
    key: usize,
    text: String,
    subs: Vec<String>,
}

impl Doc {
    fn sample(
        rng: &mut Rng,
        texts: &[String],
        d: usize,
        keys: &mut impl Iterator<Item = usize>,
    ) -> Doc {
        let sections = (0..rng.between(10, 18))
            .map(|_| Section {
                title: rng.pick::<&str>(TITLES),
                clauses: (0..rng.between(3, 9))
                    .map(|_| {
                        let text = rng.pick(texts).clone();
                        let subs = *rng.pick(&[0, 0, 0, 2, 3, 4]);
                        Clause {
                            key: keys.next().unwrap(),
                            text,
                            subs: (0..subs).map(|_| rng.pick(texts).clone()).collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Doc {
            id: format!("doc-{d:03}"),
            short: format!("D{d}"),
            title: format!("Document {d}"),
            part: 4 + (d % 2) as u32,
            sections,
        }
    }

    fn markdown(&self) -> String {
        let mut out = format!(
            "---\nid: {}\ntitle: {}\nshort: {}\npart: \"{}\"\n---\n",
            self.id, self.title, self.short, self.part
        );
        for (s, section) in self.sections.iter().enumerate() {
            let s = s + 1;
            out += &format!("\n# {s} {}\n", section.title);
            for (c, clause) in section.clauses.iter().enumerate() {
                let c = c + 1;
                out += &format!("\n{s}.{c} {}\n", clause.text);
                if !clause.subs.is_empty() {
                    out.push('\n');
                }
                for (k, sub) in clause.subs.iter().enumerate() {
                    out += &format!("- {s}.{c}.{} {sub}\n", k + 1);
                }
            }
        }
        out
    }
}

/// Every clause's number (`3.2`) by key.
fn numbers(docs: &[Doc]) -> HashMap<usize, String> {
    let mut out = HashMap::new();
    for doc in docs {
        for (s, section) in doc.sections.iter().enumerate() {
            for (c, clause) in section.clauses.iter().enumerate() {
                out.insert(clause.key, format!("{}.{}", s + 1, c + 1));
            }
        }
    }
    out
}

/// A reference the generator wrote: in clause `from` of document `doc`, citing clause
/// `target` (document index, key) or a section (`None`).
struct Planted {
    doc: usize,
    from: usize,
    target: Option<(usize, usize)>,
    text: String,
}

fn add_references(rng: &mut Rng, docs: &mut [Doc], share: f64) -> Vec<Planted> {
    let mut targets = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (s, section) in doc.sections.iter().enumerate() {
            for (c, clause) in section.clauses.iter().enumerate() {
                targets.push((d, format!("{}.{}", s + 1, c + 1), Some(clause.key)));
            }
            targets.push((d, format!("{}", s + 1), None));
        }
    }
    let shorts: Vec<String> = docs.iter().map(|d| d.short.clone()).collect();
    let mut planted = Vec::new();
    for (d, doc) in docs.iter_mut().enumerate() {
        for clause in doc.sections.iter_mut().flat_map(|s| &mut s.clauses) {
            if rng.unit() >= share {
                continue;
            }
            let (td, number, key) = rng.pick(&targets);
            let (text, written) = if *td == d {
                let text = format!("paragraph {number}");
                (text.clone(), format!(" (see {text})"))
            } else {
                let text = format!("{} {number}", shorts[*td]);
                (text.clone(), format!(" (Ref {text})"))
            };
            clause.text += &written;
            planted.push(Planted {
                doc: d,
                from: clause.key,
                target: key.map(|k| (*td, k)),
                text,
            });
        }
    }
    planted
}

/// What [`amend`] did, by clause key (numbers are known once every section is amended).
enum Edit {
    Amended {
        doc: usize,
        key: usize,
        detail: String,
    },
    Deleted {
        doc: usize,
        key: usize,
        subs: usize,
    },
    Inserted {
        doc: usize,
        before: usize,
        key: usize,
    },
}

/// v2: each clause of v1 in turn is, with probability `rate` in all, amended (40% of
/// touches a sum or a word, 20% a role title when it names one), deleted (15%) or preceded
/// by an inserted clause (15%); the rest of the touches leave it as it was.
fn amend(
    rng: &mut Rng,
    v1: &[Doc],
    rate: f64,
    keys: &mut impl Iterator<Item = usize>,
) -> (Vec<Doc>, Vec<Edit>) {
    let mut v2 = v1.to_vec();
    let mut edits = Vec::new();
    for (doc, d) in v2.iter_mut().enumerate() {
        for section in &mut d.sections {
            for mut clause in std::mem::take(&mut section.clauses) {
                let r = rng.unit() / rate;
                let key = clause.key;
                if r < 0.4 {
                    let detail = reword(rng, &mut clause.text);
                    edits.push(Edit::Amended { doc, key, detail });
                } else if r < 0.6 {
                    if let Some(&(old, new)) =
                        ROLES.iter().find(|(old, _)| clause.text.contains(old))
                    {
                        clause.text = clause.text.replace(old, new);
                        let detail = format!("{old} -> {new}");
                        edits.push(Edit::Amended { doc, key, detail });
                    }
                } else if r < 0.75 {
                    let subs = clause.subs.len();
                    edits.push(Edit::Deleted { doc, key, subs });
                    continue;
                } else if r < 0.9 {
                    let new = Clause {
                        key: keys.next().unwrap(),
                        text: rng.pick(INSERTED).to_string(),
                        subs: Vec::new(),
                    };
                    edits.push(Edit::Inserted {
                        doc,
                        before: key,
                        key: new.key,
                    });
                    section.clauses.push(new);
                }
                section.clauses.push(clause);
            }
        }
    }
    (v2, edits)
}

/// Change the first sum of money in `text` to another, or else one word of the clause's own
/// text (before any parenthesis, so never a reference added to it); the change's `detail`.
fn reword(rng: &mut Rng, text: &mut String) -> String {
    if let Some(&old) = MONEY.iter().find(|m| text.contains(**m)) {
        let others: Vec<&str> = MONEY.iter().copied().filter(|m| *m != old).collect();
        let new = *rng.pick(&others);
        *text = text.replacen(old, new, 1);
        return format!("{old} -> {new}");
    }
    let own = text.find(" (").unwrap_or(text.len());
    let mut words: Vec<&str> = text[..own].split(' ').collect();
    let i = rng.between(0, words.len() - 1);
    let others: Vec<&str> = WORDS.iter().copied().filter(|w| *w != words[i]).collect();
    words[i] = *rng.pick(&others);
    *text = words.join(" ") + &text[own..];
    "wording".to_string()
}

/// Write one version; the bytes written.
fn write_version(root: &Path, docs: &[Doc]) -> io::Result<u64> {
    std::fs::create_dir_all(root)?;
    let config = "council: Synthetic Borough Council\ntitle: Constitution\nparts:\n  \
                  - number: 4\n    title: Rules of Procedure\n  \
                  - number: 5\n    title: Codes and Protocols\n";
    std::fs::write(root.join("constitution.yaml"), config)?;
    let mut bytes = config.len() as u64;
    for doc in docs {
        let dir = root.join(format!("part-{}", doc.part));
        std::fs::create_dir_all(&dir)?;
        let text = doc.markdown();
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("{}.md", doc.id)), text)?;
    }
    Ok(bytes)
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, and the same sequence for a seed on every
/// platform, which is all sampling text needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi` (the modulo bias is below 1e-17 for these ranges).
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.between(0, items.len() - 1)]
    }
}
