//! Headed units: a unit word before a number in a heading or in bold ("Rule 5. Regular
//! Meetings", "**Section 4.7.**", "ARTICLE IV", or the word the front matter declares), and
//! the Parts, Chapters and Schedules that only divide a document beside its own units.
//!
//! The unit word is kept on the clause (its span) so references and anchors can say it; the
//! number after it is read as any clause number is, by [`crate::number`].

use super::{Builder, Pending};
use crate::model::Clause;
use crate::number::{parse_leading, ClauseNumber, Seg, Style};

/// Words that may divide a document rather than number its clauses.
const DIVISIONS: [&str; 3] = ["part", "chapter", "schedule"];

/// "## Part 1 Meetings … ## Rule 1 … ## Rule 2 … ## Part 2 Debate … ## Rule 3": Parts that
/// hold no clause of their own numbering divide the document, and their numbers restart
/// beside the Rules'. Where such a division's number is also another top-level unit's, the
/// divisions are headings, not clauses (they stay in `headings`, and the clause before runs
/// on through them). A division with clauses under it ("Chapter 2" with 2.1, 2.2) is a
/// section and stays.
pub(super) fn demote_divisions(text: &str, clauses: &mut Vec<Clause>) {
    // Most documents have no headed units: nothing to look at.
    if clauses.iter().all(|c| c.unit.is_none()) {
        return;
    }
    let word = |c: &Clause| {
        c.unit
            .as_ref()
            .map(|u| text[u.clone()].to_ascii_lowercase())
    };
    let mut drop = vec![false; clauses.len()];
    for d in DIVISIONS {
        let is_div = |c: &Clause| c.number.depth() == 1 && word(c).as_deref() == Some(d);
        let has_children = clauses
            .iter()
            .any(|c| c.parent.is_some_and(|p| is_div(&clauses[p])));
        let clash = clauses.iter().filter(|c| is_div(c)).any(|u| {
            clauses
                .iter()
                .any(|c| c.number.depth() == 1 && !is_div(c) && c.number == u.number)
        });
        if clash && !has_children {
            for (k, c) in clauses.iter().enumerate() {
                drop[k] |= is_div(c);
            }
        }
    }
    if !drop.contains(&true) {
        return;
    }
    let mut new_index = vec![None; clauses.len()];
    let mut n = 0;
    for (k, dropped) in drop.iter().enumerate() {
        if !dropped {
            new_index[k] = Some(n);
            n += 1;
        }
    }
    let old = std::mem::take(clauses);
    for (k, mut c) in old.into_iter().enumerate() {
        if !drop[k] {
            c.parent = c.parent.and_then(|p| new_index[p]);
            clauses.push(c);
        }
    }
}

impl Builder<'_> {
    /// The declared unit word at the start of `line` (any case) and one space: their length.
    pub(super) fn declared_word(&self, line: &str) -> Option<usize> {
        crate::number::word_then_space(line, self.declared_unit?)
    }

    /// A headed unit, "Rule 5. Regular Meetings", "**Section 4.7. Managing Members.**",
    /// "ARTICLE IV", "### Rule 33A.": the unit word (`unit_len` bytes with its space) at `at`,
    /// then a number, then the end of the line, a title, or the close of the bold.
    pub(super) fn try_unit(&mut self, p: Pending, at: usize, unit_len: usize) {
        let line = &self.text[at..self.line_end(at)];
        let rest = &line[unit_len..];
        // `written` is the number's span (a roman numeral's full stop is not part of it, as
        // renumbering writes the numeral alone); `len` runs on past that stop.
        // A heading's full stop ("Rule 5. Regular Meetings") is the heading's punctuation,
        // not a numbering style: the number is plain, and renumbering leaves the stop.
        let (number, written, len, style) = if let Some(lead) = parse_leading(rest) {
            let dot = usize::from(lead.style == Style::TrailingDot);
            let style = match lead.style {
                Style::TrailingDot => Style::Plain,
                s => s,
            };
            (lead.number, lead.len - dot, lead.len, style)
        } else if let Some((v, n)) = crate::number::parse_upper_roman(rest) {
            let dot = usize::from(rest.as_bytes().get(n) == Some(&b'.'));
            (ClauseNumber(vec![Seg::num(v)]), n, n + dot, Style::Roman)
        } else {
            return;
        };
        let after = &rest[len..];
        if !(after.is_empty() || after.starts_with([' ', '\t', '<', '*', '_'])) {
            return;
        }
        let start = at + unit_len;
        let unit = at..at + unit_len - 1;
        self.push(
            number,
            start..start + written,
            style,
            p.kind,
            p.start,
            start + len,
        );
        if let Some(c) = self.body.clauses.last_mut() {
            c.unit = Some(unit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn headed_units_keep_their_word() {
        let md = "# Rule 5. Regular Meetings\n\n5.1 Held monthly.\n\n### Rule 5A.\n\n**Section 6. Notice.** Text\n\n## ARTICLE VII\n\n## Article VIII. Officers\n\n## Council Procedure Rule 8.1 Votes\n\n## Standing Order 9\n\n## Part C Forms\n\nSection 4 of the Act applies.\n";
        let body = parse_body(md, 0..md.len());
        let got: Vec<_> = body
            .clauses
            .iter()
            .map(|c| {
                (
                    c.number.to_string(),
                    &md[c.number_span.clone()],
                    c.unit.clone().map(|u| &md[u]),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("5".to_string(), "5", Some("Rule")),
                ("5.1".to_string(), "5.1", None),
                ("5A".to_string(), "5A", Some("Rule")),
                ("6".to_string(), "6", Some("Section")),
                ("7".to_string(), "VII", Some("ARTICLE")),
                ("8".to_string(), "VIII", Some("Article")),
                ("8.1".to_string(), "8.1", Some("Council Procedure Rule")),
                ("9".to_string(), "9", Some("Standing Order")),
            ]
        );
    }
}
