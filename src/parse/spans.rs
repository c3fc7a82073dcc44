//! Where things are in the text: a heading's words without its `#` marks, the prose runs
//! later passes scan, links and their parts, a clause's `{#label}`, and where each clause
//! ends.
//!
//! Every span is a byte range of the source file, so diagnostics, renumbering and the site
//! point at exactly what was written. What the spans belong to is decided by the parser.

use crate::model::{Clause, Heading, Label, Link};
use crate::source::Span;
use pulldown_cmark::HeadingLevel;

/// The text of an ATX heading line, without its `#` marks (setext headings: the first line).
pub(super) fn heading_at(text: &str, start: usize, level: u8) -> Heading {
    let end = line_end(text, start);
    let line = &text[start..end];
    let inner = line.trim_start().trim_start_matches('#').trim_start();
    let inner = inner.trim_end().trim_end_matches('#').trim_end();
    let from = start
        + (line.len() - line.trim_start().len())
        + (line.trim_start().len() - line.trim_start().trim_start_matches('#').trim_start().len());
    Heading {
        level,
        text: from..(from + inner.len()).min(end),
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Add a run, joining it to the previous one when only indentation lies between them: the
/// parser leaves out the spaces that indent a paragraph's continuation lines, and a title
/// wrapped onto such a line ("Head of Legal⏎   Services") is still one phrase.
pub(super) fn push_run(text: &str, runs: &mut Vec<Span>, r: Span) {
    match runs.last_mut() {
        Some(last)
            if last.end <= r.start
                && text[last.end..r.start]
                    .bytes()
                    .all(|c| c == b' ' || c == b'\t')
                && (last.end == r.start || text[..last.end].ends_with('\n')) =>
        {
            last.end = r.end
        }
        _ => runs.push(r),
    }
}

pub(super) fn link_at(text: &str, span: Span, dest: String) -> Link {
    let src = &text[span.clone()];
    let (text_span, dest_span) = match (src.starts_with('['), src.rfind("](")) {
        (true, Some(mid)) if src.ends_with(')') => (
            (span.start + 1)..(span.start + mid),
            Some((span.start + mid + 2)..(span.end - 1)),
        ),
        _ => (span.clone(), None),
    };
    Link {
        span,
        text: text_span,
        dest,
        dest_span,
    }
}

/// Each clause runs to the start of the next one; the last to the end of the body.
pub(super) fn close_spans(clauses: &mut [Clause], end: usize) {
    let starts: Vec<usize> = clauses.iter().skip(1).map(|c| c.span.start).collect();
    for (c, next) in clauses.iter_mut().zip(starts.into_iter().chain([end])) {
        c.span.end = next.max(c.span.start);
    }
}

pub(super) fn line_end(text: &str, from: usize) -> usize {
    memchr::memchr(b'\n', &text.as_bytes()[from..]).map_or(text.len(), |i| from + i)
}

/// Find a trailing `{#label}` on a clause's first line; returns the head without it.
pub(super) fn split_label(text: &str, line: Span) -> (Span, Option<Label>) {
    let s = &text[line.clone()];
    let trimmed = s.trim_end();
    let head = |end: usize| {
        let h = &text[line.start..end];
        let lead = h.len() - h.trim_start().len();
        (line.start + lead)..(line.start + h.trim_end().len()).max(line.start + lead)
    };
    // Checked in this order because most lines do not end with a brace.
    if let Some(open) = trimmed
        .ends_with('}')
        .then(|| trimmed.rfind("{#"))
        .flatten()
    {
        let name = &trimmed[open + 2..trimmed.len() - 1];
        if !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            let span = (line.start + open)..(line.start + trimmed.len());
            return (
                head(line.start + open),
                Some(Label {
                    name: name.to_string(),
                    span,
                }),
            );
        }
    }
    (head(line.start + trimmed.len()), None)
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn labels_are_read_and_kept_out_of_the_head() {
        let md = "# 16 Standard Clauses {#standard-clauses}\n";
        let body = parse_body(md, 0..md.len());
        let c = &body.clauses[0];
        assert_eq!(c.label.as_ref().unwrap().name, "standard-clauses");
        assert_eq!(&md[c.head.clone()], "Standard Clauses");
        assert_eq!(
            &md[c.label.as_ref().unwrap().span.clone()],
            "{#standard-clauses}"
        );
    }

    #[test]
    fn clause_spans_tile_the_body_and_runs_exclude_links() {
        let md = "intro\n\n1.1 See [CSO 16](#standard-clauses) now.\n\n1.2 Next\n";
        let body = parse_body(md, 0..md.len());
        assert_eq!(body.clauses[0].span.end, body.clauses[1].span.start);
        assert_eq!(body.clauses[1].span.end, md.len());
        assert_eq!(body.links[0].dest, "#standard-clauses");
        assert_eq!(&md[body.links[0].text.clone()], "CSO 16");
        assert!(body.runs.iter().all(|r| !md[r.clone()].contains("CSO 16")));
    }
}
