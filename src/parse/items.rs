//! Sub-paragraphs and items: bracketed `(a)`/`(iv)` and bare `a.`, `iv)`, `A.` items (and a
//! letter then a tab, from PDF text), where each hangs, and the numbered lists inside a clause
//! that are not sections.
//!
//! A bare letter opening a paragraph is as often prose ("A. Smith was elected") as an item,
//! so one is taken only as the first of a run whose second item follows, or where it
//! continues the run before it. Reading the tokens themselves is [`crate::number`]'s job.

use super::{reads_as_title, Builder, Pending};
use crate::number::{letter_value, roman_value, Seg, Style};

/// Whether a sub-paragraph `new` continues the run of `old` (same scheme, next in sequence,
/// or both unmistakably of one scheme).
fn same_scheme(old: &str, new: &str) -> bool {
    let next_letter =
        matches!((letter_value(old), letter_value(new)), (Some(a), Some(b)) if b == a + 1);
    let next_roman =
        matches!((roman_value(old), roman_value(new)), (Some(a), Some(b)) if b == a + 1);
    // A single c, l or d is a letter: nobody numbers sub-paragraphs (l) for fifty.
    let roman = |s: &str| roman_value(s).is_some_and(|v| v <= 39);
    // (h), (i), (k): a single letter after a single letter later in the alphabet continues
    // a lettered run, even when the earlier one could be read as a roman numeral.
    let later_letter = old.len() == 1
        && new.len() == 1
        && !roman(new)
        && matches!((letter_value(old), letter_value(new)), (Some(a), Some(b)) if b > a);
    let letters = !roman(old) && !roman(new);
    let romans = roman(old) && roman(new) && (old.len() > 1 || new.len() > 1 || old == "i");
    next_letter || next_roman || letters || romans || later_letter
}

/// Marks after an item's letters that make one run: `.` with `.`, `)` with `)`; a tab and
/// spaces are alike, as PDF converters write either for the same gap.
fn same_mark(a: u8, b: u8) -> bool {
    let blank = |c: u8| c == b' ' || c == b'\t';
    a == b || (blank(a) && blank(b))
}

/// How far after a first item ("a.") the second ("b.") is looked for: a long first item is a
/// few paragraphs; further off, the letter was prose.
const ITEM_LOOKAHEAD: usize = 6000;

/// Whether item `new` may follow item `old` in one run: the next of its scheme, the same
/// again (a duplicate, reported) or one skipped (a gap, reported); further off it is prose.
fn continues_run(old: &str, new: &str) -> bool {
    if !same_scheme(old, new) {
        return false;
    }
    let step = |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if (a..=a + 2).contains(&b));
    // "i" then "ii" is roman; "h", "i", "j" are letters.
    step(roman_value(old), roman_value(new)) || step(letter_value(old), letter_value(new))
}

impl Builder<'_> {
    /// A lettered or roman item without brackets ("a. Motions", "iv) text", "A. Scope",
    /// "a⇥text" from a PDF), taken only where it opens a run ("a", "i") under a numbered
    /// clause or continues the run of items before it: alone, "A. Smith" is prose.
    pub(super) fn try_bare_item(&mut self, p: Pending, at: usize, line: &str) {
        let Some(item) = crate::number::parse_bare_item(line) else {
            return;
        };
        let (tag, len) = (item.tag, item.len);
        let style = Style::Item { upper: item.upper };
        let Some(parent) = self.sub_parent(&tag) else {
            return;
        };
        let previous = self.body.clauses[parent + 1..]
            .iter()
            .rev()
            .find(|c| c.parent == Some(parent) && c.style == style)
            .and_then(|c| match c.number.last() {
                Some(Seg::Sub(old)) => Some(*old),
                _ => None,
            });
        let fits = match previous {
            Some(old) => continues_run(&old, &tag),
            None => match &*tag {
                // The second item, or the third when the second is missing (a gap, reported).
                "a" => self.item_follows(at, &["b", "c"], item),
                "i" => self.item_follows(at, &["ii", "iii"], item),
                _ => false,
            },
        };
        if !fits {
            return;
        }
        let number = self.body.clauses[parent].number.child(Seg::Sub(tag));
        self.push(number, at..at + len, style, p.kind, p.start, at + len);
    }

    /// Whether an item after the opener `first` (at `at`) is written further on, as a line
    /// starting with one of `next` and the same mark: a run has two items, and a lone "A." or "I."
    /// opening a paragraph is prose ("A. Smith was elected").
    fn item_follows(&self, at: usize, next: &[&str], first: crate::number::BareItem) -> bool {
        let end = self.end.min(at + ITEM_LOOKAHEAD);
        let end = (at..=end)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(at);
        self.text[at..end].lines().skip(1).any(|l| {
            let l = l.trim_start_matches([' ', '\t', '-', '*', '+', '>']);
            crate::number::parse_bare_item(l).is_some_and(|it| {
                next.contains(&&*it.tag)
                    && it.upper == first.upper
                    && same_mark(it.mark, first.mark)
            })
        })
    }

    /// Whether a top-level number `n` (not in a heading) belongs to a numbered list inside
    /// the clause before it rather than opening section `n`: a list restarting at 1 under a
    /// numbered clause is that clause's list ("Recommendations: 1. Approve … 2. Note …"),
    /// and its next numbers, in the same Markdown list (or the same run of paragraphs),
    /// continue it. Any other repeat of a section number is a duplicate, and reported.
    pub(super) fn in_inner_list(&mut self, n: u32, list: Option<usize>, rest: &str) -> bool {
        if let Some((at, last)) = self.inner_list {
            // "**3** Background papers" after a list 1, 2 in section 3: a short line without
            // a sentence's final stop, numbered as the section or the next one, is that
            // section (a duplicate is then reported), not the list's third item.
            let section_like =
                self.section.is_some_and(|s| n == s || n == s + 1) && reads_as_title(rest);
            if at == list && n == last + 1 && !section_like {
                self.inner_list = Some((at, n));
                return true;
            }
        }
        if n == 1 && self.section.is_some() {
            self.inner_list = Some((list, 1));
            return true;
        }
        false
    }

    /// The clause a new sub-paragraph hangs from: a sibling run of sub-paragraphs continues,
    /// an `(i)` after an `(a)` nests, and the first `(a)` hangs from the last numbered clause.
    pub(super) fn sub_parent(&self, new: &str) -> Option<usize> {
        let last = self.body.clauses.len().checked_sub(1)?;
        let mut at = Some(last);
        while let Some(i) = at {
            let c = &self.body.clauses[i];
            match c.number.last() {
                Some(Seg::Sub(old)) if same_scheme(old, new) => return c.parent,
                Some(Seg::Sub(_)) => at = c.parent,
                _ => break,
            }
        }
        Some(last)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::numbers;
    use super::super::*;

    #[test]
    fn numbered_lists_inside_clauses_are_not_sections() {
        let md = "# 4 Options\n\n4.1 The options are:\n\n1. endorse the changes;\n2. reject them.\n\n- 4.1.1 Also:\n  1. Nested Title\n";
        assert_eq!(numbers(md), ["4", "4.1", "4.1.1"]);
    }

    #[test]
    fn lettered_and_roman_items_without_brackets() {
        // Model standing orders: "1. Rules of debate" with items a., b. and i., ii. under them.
        let md = "1. Rules of debate at meetings\n\na. Motions on the agenda shall be moved.\n\nb. A motion may be amended.\n\ni. to leave out words;\n\nii. to add words.\n\nc. A member may speak once.\n";
        assert_eq!(
            numbers(md),
            ["1", "1(a)", "1(b)", "1(b)(i)", "1(b)(ii)", "1(c)"]
        );
        let md =
            "2 Scope\n\nA. Purchases\n\nB. Disposals\n\n3 Roles\n\na) members\n\nb) officers\n";
        assert_eq!(numbers(md), ["2", "2(a)", "2(b)", "3", "3(a)", "3(b)"]);
        let body = parse_body(md, 0..md.len());
        assert_eq!(body.clauses[1].style, Style::Item { upper: true });
        assert_eq!(&md[body.clauses[1].number_span.clone()], "A");
        // Text converted from PDF: a letter, then a tab or two spaces.
        let md = "4.1 The officer shall:\n\na\tkeep records\n\nb  report yearly\n";
        assert_eq!(numbers(md), ["4.1", "4.1(a)", "4.1(b)"]);
        // h, i, j are letters; a duplicate and a skipped letter are still items (reported).
        let md = "5 X\n\ng. one\n\nh. two\n\ni. three\n\nj. four\n\nj. again\n\nl. skip\n";
        assert_eq!(numbers(md), ["5", "5(a)"][..1]);
        let md = "5 X\n\na. one\n\nb. two\n\nc. three\n\nd. four\n\ne. five\n\nf. six\n\ng. seven\n\nh. eight\n\ni. nine\n\nj. ten\n\nj. again\n\nl. skip\n";
        let got = numbers(md);
        assert_eq!(got[8..], ["5(h)", "5(i)", "5(j)", "5(j)", "5(l)"]);
    }

    #[test]
    fn a_lone_letter_in_prose_is_not_an_item() {
        let md = "1 Members\n\nA. Smith was elected.\n\nI. e. the chair.\n\nx. marks\n";
        assert_eq!(numbers(md), ["1"]);
        // Before any numbered clause, nothing hangs an item.
        assert!(numbers("a. first\n\nb. second\n").is_empty());
    }

    #[test]
    fn a_list_restarting_at_one_inside_a_clause_is_its_list() {
        let md = "1. Purpose of report\n\nRecommendations:\n\n1. Approve the budget.\n2. Approve the fees.\n\n## 2. Background\n\nReasons:\n\n1. The law requires it.\n2. Members asked.\n\nMore reasons:\n\n1. It saves money.\n\n## 3. Options\n";
        assert_eq!(numbers(md), ["1", "2", "3"]);
        // As paragraphs (bold numbers) rather than a Markdown list.
        let md = "**1** Purpose\n\n**1** Approve the budget.\n\n**2** Approve the fees.\n\n## 2 Background\n";
        assert_eq!(numbers(md), ["1", "2"]);
        // A repeated section number that does not restart a list is still read (and reported
        // as a duplicate).
        let md = "**1** Intro\n\n**2** Scope\n\n**2** Scope again\n\n**3** End\n";
        assert_eq!(numbers(md), ["1", "2", "2", "3"]);
    }

    #[test]
    fn sub_paragraphs_hang_from_their_clause() {
        let md = "8.1.7 Follow advice.\n\n- (a) one\n- (b) two\n  - (i) deep\n  - (ii) deeper\n- (c) three\n";
        assert_eq!(
            numbers(md),
            [
                "8.1.7",
                "8.1.7(a)",
                "8.1.7(b)",
                "8.1.7(b)(i)",
                "8.1.7(b)(ii)",
                "8.1.7(c)"
            ]
        );
        let md = "1.1 x\n\n- (h) h\n- (i) i\n";
        assert_eq!(numbers(md), ["1.1", "1.1(h)", "1.1(i)"]);
    }
}
