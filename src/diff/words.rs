//! Word-level comparison of two clauses' [`Text`]s: the word diff (with `similar`) shown as
//! insertions and deletions, and the similarity score the alignment uses to pair clauses
//! whose words changed.
//!
//! Tokens are compared as written; spacing never takes part (the tokens carry it only for
//! display). Which clauses to compare is [`super::align`]'s decision.

use super::text::Text;
use rustc_hash::FxHasher;
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// What a run of tokens is in the redline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Equal,
    Delete,
    Insert,
}

/// A run of tokens: `old` indexes the old text's tokens, `new` the new text's. An `Equal`
/// run has both; a `Delete` only `old` (and an empty `new` at its place); an `Insert` only
/// `new`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub op: Op,
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The word diff of two texts, in reading order: deletions come before the insertions that
/// replace them.
pub fn diff(old: &Text, new: &Text) -> Vec<Piece> {
    let a: Vec<&str> = (0..old.len()).map(|i| old.tok(i)).collect();
    let b: Vec<&str> = (0..new.len()).map(|i| new.tok(i)).collect();
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &a, &b) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => out.push(Piece {
                op: Op::Equal,
                old: o,
                new: n,
            }),
            DiffTag::Delete => out.push(Piece {
                op: Op::Delete,
                old: o,
                new: n.start..n.start,
            }),
            DiffTag::Insert => out.push(Piece {
                op: Op::Insert,
                old: o.start..o.start,
                new: n,
            }),
            DiffTag::Replace => {
                out.push(Piece {
                    op: Op::Delete,
                    old: o.clone(),
                    new: n.start..n.start,
                });
                out.push(Piece {
                    op: Op::Insert,
                    old: o.end..o.end,
                    new: n,
                });
            }
        }
    }
    absorb_short_equals(out, old)
}

/// A lone short word kept between two changes ("the", "of") makes a redline hard to read:
/// fold it into the change on both sides.
fn absorb_short_equals(pieces: Vec<Piece>, old: &Text) -> Vec<Piece> {
    let changed = |p: Option<&Piece>| p.is_some_and(|p| p.op != Op::Equal);
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let p = &pieces[i];
        let short = p.op == Op::Equal
            && p.old.len() == 1
            && old.tok(p.old.start).chars().count() <= 3
            && !old.is_break(p.old.start);
        if short && changed(out.last()) && changed(pieces.get(i + 1)) {
            out.push(Piece {
                op: Op::Delete,
                old: p.old.clone(),
                new: p.new.start..p.new.start,
            });
            out.push(Piece {
                op: Op::Insert,
                old: p.old.end..p.old.end,
                new: p.new.clone(),
            });
        } else {
            out.push(p.clone());
        }
        i += 1;
    }
    merge_runs(out)
}

/// Merge neighbouring pieces so each change region reads as all its deletions, then all its
/// insertions.
fn merge_runs(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut region: Vec<Piece> = Vec::new();
    let flush = |region: &mut Vec<Piece>, out: &mut Vec<Piece>| {
        if region.is_empty() {
            return;
        }
        let os = region.iter().map(|p| p.old.start).min().unwrap_or(0);
        let oe = region.iter().map(|p| p.old.end).max().unwrap_or(0);
        let ns = region.iter().map(|p| p.new.start).min().unwrap_or(0);
        let ne = region.iter().map(|p| p.new.end).max().unwrap_or(0);
        if oe > os {
            out.push(Piece {
                op: Op::Delete,
                old: os..oe,
                new: ns..ns,
            });
        }
        if ne > ns {
            out.push(Piece {
                op: Op::Insert,
                old: oe..oe,
                new: ns..ne,
            });
        }
        region.clear();
    };
    for p in pieces {
        if p.op == Op::Equal {
            flush(&mut region, &mut out);
            out.push(p);
        } else {
            region.push(p);
        }
    }
    flush(&mut region, &mut out);
    out
}

/// A change region: the tokens deleted and inserted between two runs of equal words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The change regions of a word diff, in order.
pub fn regions(pieces: &[Piece]) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    let mut open: Option<Region> = None;
    for p in pieces {
        match p.op {
            Op::Equal => {
                if let Some(r) = open.take() {
                    out.push(r);
                }
            }
            _ => {
                let r = open.get_or_insert(Region {
                    old: p.old.start..p.old.start,
                    new: p.new.start..p.new.start,
                });
                r.old.end = r.old.end.max(p.old.end);
                r.new.end = r.new.end.max(p.new.end);
            }
        }
    }
    out.extend(open);
    out
}

fn hash<T: Hash>(t: T) -> u64 {
    let mut h = FxHasher::default();
    t.hash(&mut h);
    h.finish()
}

/// A clause's fingerprint for similarity: the sorted hashes of its word pairs (its words,
/// when it has fewer than three).
pub fn shingles(t: &Text) -> Vec<u64> {
    let words: Vec<&str> = (0..t.len())
        .filter(|&i| !t.is_break(i))
        .map(|i| t.tok(i))
        .collect();
    let mut v: Vec<u64> = if words.len() < 3 {
        words.iter().map(hash).collect()
    } else {
        words.windows(2).map(|w| hash((w[0], w[1]))).collect()
    };
    v.sort_unstable();
    v
}

/// Dice coefficient of two sorted fingerprints: 1.0 for the same words, near 0 for unrelated
/// clauses. Two empty texts are the same.
pub fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2 * common) as f64 / (a.len() + b.len()) as f64
}

/// A hash of a text's key, for exact comparison in the alignment.
pub fn key_hash(t: &Text, depth: usize) -> u64 {
    hash((depth, t.key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        let mut t = Text::default();
        for w in s.split(' ') {
            t.push_word(w);
        }
        t
    }

    #[test]
    fn a_changed_amount_is_one_region() {
        let a = text("contracts up to £25,000 need three quotes");
        let b = text("contracts up to £50,000 need three quotes");
        let p = diff(&a, &b);
        let r = regions(&p);
        assert_eq!(r.len(), 1);
        assert_eq!(a.render(r[0].old.clone()), "£25,000");
        assert_eq!(b.render(r[0].new.clone()), "£50,000");
    }

    #[test]
    fn a_lone_short_word_between_changes_joins_them() {
        let a = text("Head of Legal Services");
        let b = text("Director of Law Services");
        let r = regions(&diff(&a, &b));
        assert_eq!(r.len(), 1);
        assert_eq!(a.render(r[0].old.clone()), "Head of Legal");
    }

    #[test]
    fn similarity_separates_edits_from_other_clauses() {
        let a = text("Officers shall record every decision taken under this rule in writing");
        let b = text("Officers shall record every decision taken under this rule promptly");
        let c = text("The Monitoring Officer may issue guidance on the operation of this rule");
        assert!(dice(&shingles(&a), &shingles(&b)) > 0.8);
        assert!(dice(&shingles(&a), &shingles(&c)) < 0.2);
    }
}
