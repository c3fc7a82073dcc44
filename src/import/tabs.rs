//! Lines with tabs, as PDF text prints tables: a run of rows becomes a table (split tables
//! joined again), clauses with a tab after their number become paragraphs, and a column of
//! flattened margin comments (`Comment [ECC1]: …`) is taken out of the body and follows the
//! paragraph it was printed beside, reported as moved.
//!
//! Grouping lines into rows is [`super::text`]'s job; this module decides what rows are.

use super::split::clause_number_at_start;
use super::text::{ends_terminal, line_start};
use super::{Block, Issue, Kind, Note, NoteKind};
use crate::rules;

/// One tab-separated row: its line and its cells, trimmed.
pub(super) type Row = (usize, Vec<String>);

const BETWEEN_ROWS: &str =
    "it was printed between two rows of a table; the rows are one table again and it follows the table";
const BESIDE: &str =
    "it was printed in a margin column beside the text; it now follows the paragraph it was printed beside";

/// What the line reader produced: a block, or a run of tab rows still to be read.
pub(super) enum Item {
    Block(Block),
    /// Consecutive tab rows; `blank_before` says whether blank lines separate them from the
    /// item before.
    Tabs {
        rows: Vec<Row>,
        blank_before: bool,
        break_before: bool,
    },
}

/// A cell that is just an item's letters ("a", "iv", "B") before a tab.
fn is_item_letter(cell: &str) -> bool {
    !cell.is_empty()
        && crate::number::parse_bare_item(&format!("{cell}\tX"))
            .is_some_and(|it| it.len == cell.len())
}

fn width(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.1.len()).max().unwrap_or(0)
}

/// A line that is a flattened track-changes balloon rather than text.
pub(super) fn is_artefact(text: &str) -> bool {
    text.starts_with("Formatted:") || is_comment(text)
}

/// `Comment [ECC1]:`, a flattened Word margin comment.
fn is_comment(text: &str) -> bool {
    text.strip_prefix("Comment [").is_some_and(|r| {
        r.find("]:")
            .is_some_and(|i| i > 0 && i <= 12 && r[..i].bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// Tables split by a page break (blank lines) or by a formatting balloon printed between two
/// rows are one table: same width, nothing else between. A balloon so removed follows the
/// table, reported as moved.
pub(super) fn merge_tables(items: Vec<Item>, notes: &mut Vec<Note>, input: usize) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut held: Vec<Block> = Vec::new();
    let mut iter = items.into_iter().peekable();
    while let Some(item) = iter.next() {
        match item {
            Item::Tabs {
                rows,
                blank_before,
                break_before,
            } => {
                let joins = matches!(out.last(), Some(Item::Tabs { rows: prev, .. })
                    if width(prev) == width(&rows) && blank_before && rows.len() + prev.len() > 2);
                if joins {
                    if let Some(Item::Tabs { rows: prev, .. }) = out.last_mut() {
                        prev.extend(rows);
                    }
                } else {
                    out.extend(held.drain(..).map(Item::Block));
                    out.push(Item::Tabs {
                        rows,
                        blank_before,
                        break_before,
                    });
                }
            }
            Item::Block(b) => {
                let between_rows = matches!(out.last(), Some(Item::Tabs { .. }))
                    && held.is_empty()
                    && b.kind == Kind::Para
                    && is_artefact(&b.text)
                    && matches!(iter.peek(), Some(Item::Tabs { rows, .. })
                        if matches!(out.last(), Some(Item::Tabs { rows: prev, .. }) if width(prev) == width(rows)));
                if between_rows {
                    let mut b = b;
                    b.moved = true;
                    notes.push(Note {
                        kind: NoteKind::Moved(BETWEEN_ROWS),
                        input,
                        line: b.line,
                        text: b.text.clone(),
                    });
                    held.push(b);
                } else {
                    out.extend(held.drain(..).map(Item::Block));
                    out.push(Item::Block(b));
                }
            }
        }
    }
    out.extend(held.drain(..).map(Item::Block));
    out
}

/// Turn a run of tab rows into blocks: a margin-comment layout, clauses with a tab after
/// their number, one line, or a table.
pub(super) fn tab_blocks(
    rows: Vec<Row>,
    out: &mut Vec<Block>,
    notes: &mut Vec<Note>,
    issues: &mut Vec<Issue>,
    input: usize,
) {
    let margin = rows
        .iter()
        .filter_map(|(_, cells)| cells.iter().skip(1).position(|c| is_artefact(c)))
        .map(|p| p + 1)
        .min();
    if let Some(col) = margin {
        return margin_layout(rows, col, out, notes, input);
    }
    let joined = |cells: &[String]| {
        let text = cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        // "a⇥Motions on the agenda…": a lettered item keeps its tab, which is how the
        // parser tells it from a sentence starting "a" ("o⇥If…" is an item, not a bullet).
        match cells.first().filter(|c| is_item_letter(c)) {
            Some(first) => format!("{first}\t{}", text[first.len()..].trim_start()),
            None => text,
        }
    };
    let page_numbers = rows
        .iter()
        .filter(|(_, c)| {
            c.iter().rev().find(|x| !x.is_empty()).is_some_and(|x| {
                x.split_whitespace()
                    .last()
                    .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
            })
        })
        .count();
    let clause_rows = rows
        .iter()
        .filter(|(_, c)| {
            clause_number_at_start(&joined(c), false).is_some()
                || c.first().is_some_and(|c| is_item_letter(c))
        })
        .count();
    let as_lines =
        rows.len() == 1 || (clause_rows * 2 >= rows.len() && page_numbers * 2 < rows.len());
    if as_lines {
        for (line, cells) in &rows {
            let text = joined(cells);
            if text.is_empty() {
                continue;
            }
            let indented = cells.first().is_some_and(|c| c.is_empty());
            let start = match is_item_letter(&cells[0]) {
                true => super::text::Start {
                    kind: Kind::Para,
                    text: &text,
                    glyph: None,
                },
                false => line_start(&text),
            };
            let kind = match start.kind {
                Kind::Para if indented && clause_number_at_start(start.text, false).is_none() => {
                    Kind::Bullet(0)
                }
                k => k,
            };
            if let Some(g) = start.glyph {
                notes.push(Note {
                    kind: NoteKind::Removed("bullet glyph"),
                    input,
                    line: *line,
                    text: g.to_string(),
                });
            }
            out.push(Block::new(kind, start.text, *line));
        }
        return;
    }
    // A table: drop columns that are empty in every row, pad short rows.
    let w = width(&rows);
    let used: Vec<bool> = (0..w)
        .map(|i| {
            rows.iter()
                .any(|(_, c)| c.get(i).is_some_and(|x| !x.is_empty()))
        })
        .collect();
    let ragged = rows.iter().filter(|(_, c)| c.len() < w).count();
    let first_line = rows[0].0;
    let grid: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(_, mut c)| {
            c.resize(w, String::new());
            c.into_iter()
                .zip(&used)
                .filter(|(_, u)| **u)
                .map(|(x, _)| x)
                .collect()
        })
        .collect();
    if ragged > 0 {
        issues.push(Issue {
            line: first_line,
            rule: rules::IMPORT_TABLE,
            message: format!(
                "{ragged} row(s) of this table have fewer cells than the widest; they were padded with empty cells"
            ),
            help: "check the table against the original: a value may now sit in the wrong column",
        });
    }
    out.push(Block::new(Kind::Table(grid), "", first_line));
}

/// Rows whose column `col` onwards holds margin comments: the body is read as text (a lone
/// `I` in the first column is a change bar), and the margin text follows the paragraph it
/// starts beside, as one paragraph.
fn margin_layout(
    rows: Vec<Row>,
    col: usize,
    out: &mut Vec<Block>,
    notes: &mut Vec<Note>,
    input: usize,
) {
    let mut body: Vec<Block> = Vec::new();
    let mut margin: Option<Block> = None;
    let mut margin_after: Option<usize> = None;
    for (line, cells) in rows {
        let (left, right) = cells.split_at(col.min(cells.len()));
        let mut left: Vec<String> = left.to_vec();
        let mut change_bar = false;
        if left.len() > 1 && matches!(left[0].as_str(), "I" | "|" | "l") {
            notes.push(Note {
                kind: NoteKind::Removed("change bar"),
                input,
                line,
                text: left[0].clone(),
            });
            left[0].clear();
            change_bar = true;
        }
        let indented = left.first().is_some_and(|c| c.is_empty()) && !change_bar;
        let text = left
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            let start = line_start(&text);
            let continues = body.last().is_some_and(|b| !ends_terminal(&b.text))
                && (change_bar || indented)
                && start.kind == Kind::Para
                && clause_number_at_start(start.text, false).is_none();
            if continues {
                let last = body.last_mut().expect("checked");
                last.text.push(' ');
                last.text.push_str(start.text);
            } else {
                let kind = match start.kind {
                    Kind::Para
                        if indented && clause_number_at_start(start.text, false).is_none() =>
                    {
                        Kind::Bullet(0)
                    }
                    k => k,
                };
                if let Some(g) = start.glyph {
                    notes.push(Note {
                        kind: NoteKind::Removed("bullet glyph"),
                        input,
                        line,
                        text: g.to_string(),
                    });
                }
                body.push(Block::new(kind, start.text, line));
            }
        }
        for cell in right.iter().filter(|c| !c.is_empty()) {
            notes.push(Note {
                kind: NoteKind::Moved(BESIDE),
                input,
                line,
                text: cell.clone(),
            });
            match &mut margin {
                Some(m) => {
                    m.text.push(' ');
                    m.text.push_str(cell);
                }
                None => {
                    let mut m = Block::new(Kind::Para, cell.clone(), line);
                    m.moved = true;
                    margin = Some(m);
                    margin_after = Some(body.len().max(1) - 1);
                }
            }
        }
    }
    let after = margin_after.unwrap_or(0);
    for (i, b) in body.into_iter().enumerate() {
        out.push(b);
        if i == after {
            out.extend(margin.take());
        }
    }
    out.extend(margin.take());
}
