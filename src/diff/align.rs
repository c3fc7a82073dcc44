//! Pairing the clauses of one document's two versions, so that a clause whose number
//! changed is still recognised as itself.
//!
//! In order:
//! 1. clauses with the same stable `{#label}` pair;
//! 2. a patience/LCS alignment (`similar`) of the clause sequences, compared by their
//!    normalised words (and those of their direct sub-clauses, to tell apart clauses that say
//!    the same), pairs every clause whose words did not change, whatever its number now is —
//!    so inserting a clause mid-section makes the later ones *renumbered*, not *amended*;
//! 3. inside each run the LCS left unmatched (a hunk), the most similar clauses pair (word-pair
//!    Dice ≥ [`SIMILAR`]), never crossing each other, so an edited clause pairs with its old self;
//! 4. then clauses in the same hunk that keep their number and still share some words (or are
//!    both headings) pair: a heavily rewritten clause in place is *amended*;
//! 5. finally what is left pairs across hunks when nearly the same words (≥ [`MOVED`]): a move.
//!
//! Everything unpaired is inserted or deleted. Deciding what kind of change each pair is, and
//! diffing its words, is left to [`super`].

use super::text::Text;
use super::words::{dice, key_hash, shingles};
use crate::number::ClauseNumber;
use rustc_hash::FxHashMap as HashMap;
use similar::{capture_diff_slices, Algorithm, DiffTag};

/// Word-pair similarity at which two clauses of one hunk are the same clause, edited.
pub const SIMILAR: f64 = 0.5;
/// Similarity at which two clauses in the same place with the same number pair.
pub const IN_PLACE: f64 = 0.25;
/// Similarity at which clauses in different places are the same clause, moved.
pub const MOVED: f64 = 0.75;
/// Above this many candidate pairs a hunk is not searched by similarity (a rewrite).
const MAX_PAIRS: usize = 1_000_000;

/// What the alignment needs to know about a clause.
pub struct Item<'a> {
    pub text: &'a Text,
    pub number: &'a ClauseNumber,
    pub label: Option<&'a str>,
    pub heading: bool,
    /// Index of the parent clause, if any.
    pub parent: Option<usize>,
}

/// The identity of each clause for the LCS: its words, depth and the words of its direct
/// sub-clauses, so that of two clauses with the same words the one that kept its
/// sub-clauses is the one that stayed.
fn identities(items: &[Item<'_>]) -> Vec<u64> {
    let own: Vec<u64> = items
        .iter()
        .map(|c| key_hash(c.text, c.number.depth()))
        .collect();
    let mut family = own.clone();
    for (i, c) in items.iter().enumerate() {
        if let Some(p) = c.parent.filter(|&p| p < items.len()) {
            family[p] = family[p].rotate_left(5) ^ own[i].wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    family
}

/// The pairing of old and new clauses of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
    /// Per new clause: it pairs with an old clause out of order (it moved).
    pub moved: Vec<bool>,
}

struct State<'a, 'b> {
    old: &'b [Item<'a>],
    new: &'b [Item<'a>],
    a: Alignment,
    /// Hunk of each clause not matched by the LCS.
    old_hunk: Vec<Option<usize>>,
    new_hunk: Vec<Option<usize>>,
    old_sh: Vec<Option<Vec<u64>>>,
    new_sh: Vec<Option<Vec<u64>>>,
}

impl State<'_, '_> {
    fn pair(&mut self, i: usize, j: usize, moved: bool) {
        self.a.old_to_new[i] = Some(j);
        self.a.new_to_old[j] = Some(i);
        self.a.moved[j] = moved;
    }

    fn score(&mut self, i: usize, j: usize) -> f64 {
        if self.old[i].text.key == self.new[j].text.key {
            return 1.0;
        }
        let a = self.old_sh[i].get_or_insert_with(|| shingles(self.old[i].text));
        let b = self.new_sh[j].get_or_insert_with(|| shingles(self.new[j].text));
        dice(a, b)
    }
}

/// Pair the clauses of two versions of a document.
pub fn align(old: &[Item<'_>], new: &[Item<'_>]) -> Alignment {
    let mut s = State {
        old,
        new,
        a: Alignment {
            old_to_new: vec![None; old.len()],
            new_to_old: vec![None; new.len()],
            moved: vec![false; new.len()],
        },
        old_hunk: vec![None; old.len()],
        new_hunk: vec![None; new.len()],
        old_sh: vec![None; old.len()],
        new_sh: vec![None; new.len()],
    };
    // 1. Labels. A labelled pair is given the same token in the LCS, so it anchors it.
    let new_labels: HashMap<&str, usize> = new
        .iter()
        .enumerate()
        .filter_map(|(j, c)| c.label.map(|l| (l, j)))
        .collect();
    let mut label_pairs = Vec::new();
    for (i, c) in old.iter().enumerate() {
        if let Some(&j) = c.label.and_then(|l| new_labels.get(l)) {
            label_pairs.push((i, j));
        }
    }
    let mut oh = identities(old);
    let mut nh = identities(new);
    for &(i, j) in &label_pairs {
        let h = key_hash(&Text::default(), usize::MAX - i);
        oh[i] = h;
        nh[j] = h;
    }
    // 2. The LCS of unchanged clauses; what is between matches forms hunks.
    let mut hunks: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, &oh, &nh) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                s.pair(i, j, false);
            }
            continue;
        }
        match hunks.last_mut() {
            Some((ho, hn)) if ho.end == o.start && hn.end == n.start => {
                ho.end = o.end;
                hn.end = n.end;
            }
            _ => hunks.push((o, n)),
        }
    }
    for (h, (o, n)) in hunks.iter().enumerate() {
        for i in o.clone() {
            s.old_hunk[i] = Some(h);
        }
        for j in n.clone() {
            s.new_hunk[j] = Some(h);
        }
    }
    for &(i, j) in &label_pairs {
        if s.a.old_to_new[i].is_none() && s.a.new_to_old[j].is_none() {
            let in_place = s.old_hunk[i].is_some() && s.old_hunk[i] == s.new_hunk[j];
            s.pair(i, j, !in_place);
        }
    }
    // 3 and 4. Inside each hunk: similar clauses, then same-numbered ones, without crossing.
    for (o, n) in &hunks {
        if o.is_empty() || n.is_empty() || o.len() * n.len() > MAX_PAIRS {
            continue;
        }
        let mut cands = Vec::new();
        let free_old: Vec<usize> = o.clone().filter(|&i| s.a.old_to_new[i].is_none()).collect();
        let free_new: Vec<usize> = n.clone().filter(|&j| s.a.new_to_old[j].is_none()).collect();
        for &i in &free_old {
            for &j in &free_new {
                let sc = s.score(i, j);
                let same_number = old[i].number == new[j].number;
                let ok = sc >= SIMILAR
                    || (same_number && (sc >= IN_PLACE || (old[i].heading && new[j].heading)));
                if ok {
                    // Similar pairs first; same-number pairs after them.
                    let rank = if sc >= SIMILAR { sc + 1.0 } else { sc };
                    let skew = (i - o.start).abs_diff(j - n.start);
                    cands.push((rank, skew, i, j));
                }
            }
        }
        cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut taken: Vec<(usize, usize)> = o
            .clone()
            .filter_map(|i| s.a.old_to_new[i].map(|j| (i, j)))
            .filter(|&(_, j)| n.contains(&j))
            .collect();
        for (_, _, i, j) in cands {
            if s.a.old_to_new[i].is_some() || s.a.new_to_old[j].is_some() {
                continue;
            }
            if taken.iter().any(|&(ti, tj)| (i < ti) != (j < tj)) {
                continue;
            }
            taken.push((i, j));
            s.pair(i, j, false);
        }
    }
    // 5. Moves: nearly the same words somewhere else in the document.
    let lo: Vec<usize> = (0..old.len())
        .filter(|&i| s.a.old_to_new[i].is_none())
        .collect();
    let ln: Vec<usize> = (0..new.len())
        .filter(|&j| s.a.new_to_old[j].is_none())
        .collect();
    let mut cands = Vec::new();
    if lo.len() * ln.len() <= MAX_PAIRS {
        for &i in &lo {
            for &j in &ln {
                let sc = s.score(i, j);
                if sc >= MOVED && !old[i].text.is_empty() {
                    cands.push((sc, i, j));
                }
            }
        }
    } else {
        let by_key: HashMap<&str, usize> =
            ln.iter().map(|&j| (new[j].text.key.as_str(), j)).collect();
        for &i in &lo {
            if let Some(&j) = by_key.get(old[i].text.key.as_str()) {
                cands.push((1.0, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    for (_, i, j) in cands {
        if s.a.old_to_new[i].is_none() && s.a.new_to_old[j].is_none() {
            s.pair(i, j, true);
        }
    }
    s.a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        let mut t = Text::default();
        for w in s.split(' ').filter(|w| !w.is_empty()) {
            t.push_word(w);
        }
        t
    }

    fn run(old: &[(&str, &str)], new: &[(&str, &str)]) -> Alignment {
        let ot: Vec<(Text, ClauseNumber)> = old
            .iter()
            .map(|(n, t)| (text(t), ClauseNumber::parse(n).unwrap()))
            .collect();
        let nt: Vec<(Text, ClauseNumber)> = new
            .iter()
            .map(|(n, t)| (text(t), ClauseNumber::parse(n).unwrap()))
            .collect();
        fn item((t, n): &(Text, ClauseNumber)) -> Item<'_> {
            Item {
                text: t,
                number: n,
                label: None,
                heading: false,
                parent: None,
            }
        }
        let oi: Vec<Item> = ot.iter().map(item).collect();
        let ni: Vec<Item> = nt.iter().map(item).collect();
        align(&oi, &ni)
    }

    const A: &str = "Officers shall record every decision taken under this rule";
    const B: &str = "The Monitoring Officer may issue guidance on this rule";
    const C: &str = "Any waiver granted shall be reported to the Standards Committee";
    const D: &str = "Members must not make contact with any Officers in proceedings";

    #[test]
    fn a_deletion_renumbers_the_rest_without_amending_them() {
        let a = run(
            &[("1.1", A), ("1.2", B), ("1.3", C), ("1.4", D)],
            &[("1.1", A), ("1.2", C), ("1.3", D)],
        );
        assert_eq!(a.old_to_new, [Some(0), None, Some(1), Some(2)]);
        assert!(a.moved.iter().all(|m| !m));
    }

    #[test]
    fn an_edited_clause_pairs_with_its_old_self_next_to_an_insertion() {
        let edited = "Officers shall record every decision taken under this rule promptly";
        let a = run(
            &[("1.1", A), ("1.2", B), ("1.3", C)],
            &[("1.1", D), ("1.2", edited), ("1.3", B), ("1.4", C)],
        );
        assert_eq!(a.old_to_new, [Some(1), Some(2), Some(3)]);
        assert_eq!(a.new_to_old[0], None);
    }

    #[test]
    fn a_clause_moved_elsewhere_is_a_move() {
        let a = run(
            &[("1.1", A), ("1.2", B), ("1.3", C), ("1.4", D)],
            &[("1.1", B), ("1.2", C), ("1.3", D), ("1.4", A)],
        );
        assert_eq!(a.old_to_new, [Some(3), Some(0), Some(1), Some(2)]);
        assert_eq!(a.moved, [false, false, false, true]);
    }

    #[test]
    fn a_rewrite_in_place_with_the_same_number_is_one_clause() {
        let a = run(
            &[
                ("1.1", A),
                ("1.2", "Members shall keep the rule under review"),
            ],
            &[
                ("1.1", A),
                ("1.2", "Members shall keep records of every meeting"),
            ],
        );
        assert_eq!(a.old_to_new, [Some(0), Some(1)]);
    }
}
