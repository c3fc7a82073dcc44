//! The new number of every clause of a document: sequential under the draft policy, frozen
//! with suffixed insertions (4A, 4.2A, A1) under the adopted one.
//!
//! Numbers are worked out from the clause tree alone, so orphans and duplicates ("9.1" under a
//! second "8") take their place from their ancestors here. How each new number is written
//! back into the text is [`super::render`]'s; which references follow it is the plan's.

use super::Policy;
use crate::model::Document;
use crate::number::{roman_value, to_roman, ClauseNumber, Seg, Tag};
use rustc_hash::FxHashMap as HashMap;

/// The parent of a clause in the new numbering: the open ancestor whose old number is the
/// clause's parent number; for an orphan, the open ancestor whose old number is the longest
/// prefix of its own ("1.2.1" under "1.0"), else the latest open clause one level up.
fn parent_of(stack: &[(ClauseNumber, ClauseNumber)], old: &ClauseNumber) -> Option<usize> {
    let want = old.parent()?;
    stack
        .iter()
        .rposition(|(o, _)| *o == want)
        .or_else(|| {
            stack
                .iter()
                .enumerate()
                .filter(|(_, (o, _))| o.depth() < old.depth() && old.starts_with(o))
                .max_by_key(|(i, (o, _))| (o.depth(), *i))
                .map(|(i, _)| i)
        })
        // "9.1" under a second section "8" that renumbering makes 9: the most recent open
        // clause one level up.
        .or_else(|| {
            stack
                .iter()
                .rposition(|(o, _)| o.depth() + 1 == old.depth())
        })
}

/// Whether a sub-paragraph continues a roman series.
fn is_roman(sub: &str, prev_roman: Option<bool>) -> bool {
    match prev_roman {
        Some(r) => r && roman_value(sub).is_some(),
        None => sub == "i",
    }
}

fn next_suffix(seg: &Seg) -> Seg {
    match seg {
        Seg::Num { pre, n, post } => {
            let next = match post.as_bytes().last() {
                None => "A".to_string(),
                Some(b'Z') => format!("{post}A"),
                Some(&c) => format!("{}{}", &post[..post.len() - 1], (c + 1) as char),
            };
            Seg::Num {
                pre: *pre,
                n: *n,
                post: Tag::new(&next).unwrap_or(*post),
            }
        }
        Seg::Sub(s) => sub_or(&format!("{s}a"), *seg),
    }
}

/// The sub-paragraph `text`, or `old` unchanged when `text` is longer than any sub-paragraph
/// can be written (a list of hundreds): the check after renumbering then shows the clash.
fn sub_or(text: &str, old: Seg) -> Seg {
    Seg::sub(text).unwrap_or(old)
}

/// Where numbering stands under one parent.
#[derive(Default)]
struct Level {
    /// Children numbered so far.
    count: u32,
    /// Whether the sub-paragraphs here are roman (known after the first).
    roman: Option<bool>,
    /// The highest old number kept so far (adopted policy).
    last_old: Option<Seg>,
    /// The last number given (adopted policy), to suffix the next insertion from.
    last_new: Option<Seg>,
}

/// New numbers for every clause of a document, in clause order.
pub fn new_numbers(doc: &Document, policy: Policy) -> Vec<ClauseNumber> {
    let mut out: Vec<ClauseNumber> = Vec::with_capacity(doc.clauses.len());
    // Open ancestors: (old number, new number).
    let mut stack: Vec<(ClauseNumber, ClauseNumber)> = Vec::new();
    // Per new parent: how many children so far, whether they are roman, the last kept old segment.
    let mut count: HashMap<ClauseNumber, Level> = HashMap::default();
    for clause in &doc.clauses {
        let old = &clause.number;
        let p = parent_of(&stack, old);
        stack.truncate(p.map_or(0, |i| i + 1));
        let new_parent = p.map(|i| stack[i].1.clone()).unwrap_or_default();
        let entry = count.entry(new_parent.clone()).or_default();
        let last = *old.last().expect("numbers have a level");
        let seg = match (&last, policy) {
            (Seg::Sub(s), _) => {
                let roman = is_roman(s, entry.roman);
                entry.roman = Some(roman);
                entry.count += 1;
                match policy {
                    Policy::Adopted => last,
                    Policy::Draft if roman => sub_or(&to_roman(entry.count), last),
                    Policy::Draft => sub_or(&letters(entry.count), last),
                }
            }
            (_, Policy::Draft) => {
                entry.count += 1;
                Seg::num(entry.count)
            }
            (_, Policy::Adopted) => {
                let kept = match &entry.last_old {
                    None if last == Seg::num(0) => Seg::Num {
                        pre: Tag::letter(b'A'),
                        n: 1,
                        post: Tag::EMPTY,
                    },
                    None => last,
                    Some(prev) if last > *prev => last,
                    Some(_) => {
                        next_suffix(entry.last_new.as_ref().expect("set with entry.last_old"))
                    }
                };
                if entry.last_old.as_ref().is_none_or(|prev| last > *prev) && last != Seg::num(0) {
                    entry.last_old = Some(last);
                }
                entry.last_new = Some(kept);
                kept
            }
        };
        let new = if new_parent.0.is_empty() {
            ClauseNumber(vec![seg])
        } else {
            new_parent.child(seg)
        };
        stack.push((old.clone(), new.clone()));
        out.push(new);
    }
    out
}

/// `a`..`z`, then `aa`, `bb` … as drafters letter long lists.
fn letters(k: u32) -> String {
    let k = k.max(1) - 1;
    let c = (b'a' + (k % 26) as u8) as char;
    c.to_string().repeat(k as usize / 26 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::Status;
    use crate::source::FileId;

    fn numbers(md: &str, policy: Policy) -> Vec<String> {
        let body = crate::parse::parse_body(md, 0..md.len());
        let doc = Document {
            file: FileId(1),
            meta: crate::frontmatter::Meta {
                id: "d".into(),
                title: "D".into(),
                part: "4".into(),
                part_span: 0..0,
                short: None,
                long: vec![],
                status: Status::Draft,
                adopted: None,
                amended: None,
                unit: None,
            },
            meta_ok: true,
            body: 0..md.len(),
            clauses: body.clauses,
            runs: body.runs,
            links: body.links,
            headings: body.headings,
        };
        new_numbers(&doc, policy)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn draft_policy_renumbers_sequentially() {
        let md = "# 2 Reasons\n\n2.1 a\n\n2.0 b\n\n2.1 c\n\n2.2 d\n\n2.3 e\n\n2.6 f\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
        );
    }

    #[test]
    fn duplicate_section_takes_its_orphans_with_it() {
        let md =
            "# 7 A\n\n7.1 a\n\n# 8 B\n\n8.1 b\n\n# 8 C\n\n9.1 c\n\n9.2 d\n\n# 10 D\n\n10.1 e\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1.1", "2", "2.1", "3", "3.1", "3.2", "4", "4.1"]
        );
        let md = "# 8 B\n\n8.1 b\n\n# 8 C\n\n9.1 c\n\n# 10 D\n";
        assert_eq!(numbers(md, Policy::Draft), ["1", "1.1", "2", "2.1", "3"]);
    }

    #[test]
    fn orphans_are_promoted_under_their_nearest_ancestor() {
        let md = "1.0 Definitions\n\n- 1.2.1 Member\n- 1.2.2 Officer\n\n2.0 Scope\n";
        assert_eq!(numbers(md, Policy::Draft), ["1", "1.1", "1.2", "2"]);
    }

    #[test]
    fn adopted_policy_freezes_numbers_and_suffixes_insertions() {
        let md = "# 4 A\n\n4.1 a\n\n4.2 b\n\n4.2 new\n\n4.3 c\n\n4.5 d\n\n# 4 New section\n\n4.1 x\n\n# 5 B\n";
        assert_eq!(
            numbers(md, Policy::Adopted),
            ["4", "4.1", "4.2", "4.2A", "4.3", "4.5", "4A", "4A.1", "5"]
        );
        let md = "# 0 Inserted first\n\n# 1 A\n";
        assert_eq!(numbers(md, Policy::Adopted), ["A1", "1"]);
    }

    #[test]
    fn sub_paragraphs_keep_their_scheme() {
        let md = "8.1 x\n\n- (a) a\n- (c) c\n  - (i) i\n  - (iii) iii\n";
        assert_eq!(
            numbers(md, Policy::Draft),
            ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)"]
        );
    }
}
