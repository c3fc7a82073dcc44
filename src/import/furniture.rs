//! Page furniture: what belongs to the printed page rather than the document — running
//! headers such as "Agenda Item 4", "This page is intentionally left blank", page numbers,
//! and short lines repeated on many pages next to other furniture.
//!
//! Only whole blocks are removed, each reported as a [`Note`]; the block after a removal is
//! marked as following a page break, which is what lets [`super::text::join_broken`] mend
//! a sentence the page cut and [`super::split`] find a document that starts on a new page.
//! Clause numbers are never furniture: a bare number that continues the section numbering is
//! kept.

use super::split::clause_number_at_start;
use super::{Block, Kind, Note, NoteKind};
use rustc_hash::FxHashMap as HashMap;

/// Why a block's text is furniture, if it is.
fn furniture(text: &str) -> Option<&'static str> {
    let t = text.trim().trim_matches('*').trim();
    let lower = t.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["agenda", "item", n] if is_small_number(n) => return Some("running header"),
        ["agenda", "item", n, rest @ ..]
            if is_small_number(n)
                && rest.len() <= 3
                && rest
                    .iter()
                    .any(|w| matches!(*w, "annex" | "appendix" | "annexe")) =>
        {
            return Some("running header")
        }
        ["page", n] if is_small_number(n) => return Some("page number"),
        ["page", n, "of", m] if is_small_number(n) && is_small_number(m) => {
            return Some("page number")
        }
        [n] if is_small_number(n) => return Some("page number"),
        ["-", n, "-"] if is_small_number(n) => return Some("page number"),
        _ => {}
    }
    let blank = lower.trim_end_matches('.');
    if blank == "this page is intentionally left blank"
        || blank == "this page has been intentionally left blank"
        || blank == "page intentionally left blank"
        || blank == "intentionally left blank"
    {
        return Some("blank-page notice");
    }
    None
}

fn is_small_number(s: &str) -> bool {
    (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// A bare number that is the next section's number, written on its own line above its title.
fn is_section_number(blocks: &[Block], i: usize, section: Option<u32>) -> bool {
    let n: Option<u32> = blocks[i].text.trim().parse().ok();
    let next_is_title = blocks.get(i + 1).is_some_and(|b| {
        super::split::title_like(&b.text) && clause_number_at_start(&b.text, false).is_none()
    });
    n.is_some() && n == section.map(|s| s + 1) && next_is_title
}

/// Remove page furniture from `blocks`, noting each removal.
pub fn strip(blocks: &mut Vec<Block>, notes: &mut Vec<Note>, input: usize) {
    let repeated = running_headers(blocks);
    let mut keep = Vec::with_capacity(blocks.len());
    let mut section: Option<u32> = None;
    let mut pending_break = false;
    let mut number: Option<String> = None;
    for (i, b) in blocks.iter().enumerate() {
        let prose = matches!(b.kind, Kind::Para | Kind::Heading);
        if prose && is_section_number(blocks, i, section) {
            // "2" on its own line above "Scope": one heading, "2 Scope".
            number = Some(b.text.trim().to_string());
            continue;
        }
        // Text moved out of reading order (a margin comment) is reported as moved already; it
        // is not furniture as well, however often it repeats.
        let why = if prose && !b.moved {
            furniture(&b.text).or_else(|| repeated.contains(&i).then_some("running header"))
        } else {
            None
        };
        if let Some(what) = why {
            notes.push(Note {
                kind: NoteKind::Removed(what),
                input,
                line: b.line,
                text: b.text.trim().to_string(),
            });
            pending_break = true;
            continue;
        }
        let mut b = b.clone();
        if let Some(n) = number.take() {
            b.text = format!("{n} {}", b.text);
        }
        if let Some(n) =
            clause_number_at_start(&b.text, false).filter(|n| !n.sub && n.number.depth() == 1)
        {
            section = n.number.0[0].plain();
        }
        b.break_before |= pending_break;
        pending_break = false;
        keep.push(b);
    }
    *blocks = keep;
}

/// Short lines repeated at least three times, at least half the time right next to other
/// furniture or a page break: the running title printed on every page.
fn running_headers(blocks: &[Block]) -> Vec<usize> {
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, b) in blocks.iter().enumerate() {
        let t = b.text.trim();
        let words = t.chars().any(char::is_alphanumeric);
        if b.kind == Kind::Para
            && words
            && t.len() <= 80
            && clause_number_at_start(t, false).is_none()
        {
            seen.entry(t).or_default().push(i);
        }
    }
    let near_break = |i: usize| {
        blocks[i].break_before
            || blocks.get(i + 1).is_some_and(|b| b.break_before)
            || [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .any(|j| blocks.get(j).is_some_and(|b| furniture(&b.text).is_some()))
    };
    let mut out: Vec<usize> = seen
        .into_values()
        .filter(|at| at.len() >= 3 && at.iter().filter(|&&i| near_break(i)).count() * 2 >= at.len())
        .flatten()
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, line: usize) -> Block {
        Block::new(Kind::Para, text, line)
    }

    #[test]
    fn moved_text_is_not_also_furniture() {
        // A margin comment moved out of reading order that repeats like a running header is
        // reported once, as moved, and kept (the import property found it noted twice).
        let mut blocks: Vec<Block> = (0..3).map(|k| para("Formatted: x", 1 + 4 * k)).collect();
        blocks[2].moved = true;
        blocks[1].break_before = true;
        let mut notes = Vec::new();
        strip(&mut blocks, &mut notes, 0);
        assert_eq!(blocks.len(), 1, "{blocks:?}");
        assert!(blocks[0].moved);
        assert!(notes.iter().all(|n| n.line != 9), "{notes:?}");
    }

    #[test]
    fn removes_agenda_headers_page_numbers_and_blank_pages() {
        let mut blocks = vec![
            para("2.1 The Council's rules were reviewed over the", 1),
            para("Agenda Item 4", 3),
            para("Regeneration projects.", 5),
            para("12", 7),
            para("This page is intentionally left blank", 9),
            para("Page 3 of 20", 11),
        ];
        let mut notes = Vec::new();
        strip(&mut blocks, &mut notes, 0);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[1].break_before);
        assert_eq!(notes.len(), 4);
    }

    #[test]
    fn a_bare_section_number_above_its_title_is_kept() {
        let mut blocks = vec![para("1 Introduction", 1), para("2", 3), para("Scope", 5)];
        let mut notes = Vec::new();
        strip(&mut blocks, &mut notes, 0);
        assert_eq!(blocks.len(), 2, "{notes:?}");
        assert_eq!(blocks[1].text, "2 Scope");
    }
}
