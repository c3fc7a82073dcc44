//! Turning diagnostics into what people and programs read: rustc-style snippets with
//! annotate-snippets, or JSON Lines with a stable schema.
//!
//! The JSON fields are a contract with CI scripts and other tools: add fields, never rename
//! or remove them.

use crate::diag::{Diagnostic, Severity};
use crate::source::SourceFile;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// Files a report may quote from, by [`crate::source::FileId`].
pub type Files<'a> = &'a [SourceFile];

/// One diagnostic as a JSON Lines record.
#[derive(Serialize)]
struct JsonDiag<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    document: Option<&'a str>,
    clause: Option<&'a str>,
    message: &'a str,
    help: Option<&'a str>,
}

fn positions(d: &Diagnostic, files: Files<'_>) -> ((usize, usize), (usize, usize)) {
    match d.file.and_then(|f| files.get(f.0 as usize)) {
        Some(f) => (f.line_col(d.span.start), f.line_col(d.span.end)),
        None => {
            let p = d.position.unwrap_or((1, 1));
            (p, p)
        }
    }
}

/// One JSON object per line, in the order given.
pub fn json_lines(diags: &[Diagnostic], files: Files<'_>) -> String {
    let mut out = Vec::new();
    write_json_lines(&mut out, diags, files).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`json_lines`], written to `w` record by record. The command line streams its report this
/// way: a report held whole grows by doubling, and each larger buffer is fresh memory the
/// kernel must zero (2 MiB at a time with transparent huge pages), which cost more than
/// writing the report.
pub fn write_json_lines(
    w: &mut impl std::io::Write,
    diags: &[Diagnostic],
    files: Files<'_>,
) -> std::io::Result<()> {
    for d in diags {
        let ((line, column), (end_line, end_column)) = positions(d, files);
        let rec = JsonDiag {
            code: d.rule.code,
            name: d.rule.name,
            severity: d.severity.as_str(),
            file: &d.path,
            line,
            column,
            end_line,
            end_column,
            document: d.document.as_deref(),
            clause: d.clause.as_deref(),
            message: &d.message,
            help: d.help.as_deref(),
        };
        serde_json::to_writer(&mut *w, &rec)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// rustc-style text for each diagnostic, with a source snippet and caret where there is one.
pub fn human(diags: &[Diagnostic], files: Files<'_>, styled: bool) -> String {
    let mut out = Vec::new();
    write_human(&mut out, diags, files, styled).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the report is text")
}

/// [`human`], written to `w` one diagnostic at a time (see [`write_json_lines`] for why).
pub fn write_human(
    w: &mut impl std::io::Write,
    diags: &[Diagnostic],
    files: Files<'_>,
    styled: bool,
) -> std::io::Result<()> {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for d in diags {
        let title = level(d.severity)
            .primary_title(d.message.as_str())
            .id(d.rule.code);
        let label = match &d.clause {
            Some(c) if !d.message.contains(c.as_str()) => {
                format!("{} (in clause {c})", d.rule.name)
            }
            Some(_) => d.rule.name.to_string(),
            None => d.rule.name.to_string(),
        };
        let mut report: Vec<Group<'_>> = Vec::new();
        match d.file.and_then(|f| files.get(f.0 as usize)) {
            Some(f) => {
                let mut lines = f.line_range(&d.span);
                for r in &d.related {
                    let lr = f.line_range(&r.span);
                    lines = lines.start.min(lr.start)..lines.end.max(lr.end);
                }
                // Related spans far from the primary one would drag in every line between
                // (the 400th duplicate of a number quoting the 400 before it, each report a
                // little longer than the last): show the primary line alone then.
                let primary = f.line_of(d.span.start);
                let near = |s: &crate::source::Span| {
                    let (a, b) = (f.line_of(s.start), f.line_of(s.end));
                    a.max(primary) - a.min(primary) <= 12 && b.max(primary) - b.min(primary) <= 12
                };
                let lines = if d.related.iter().all(|r| near(&r.span)) {
                    lines
                } else {
                    f.line_range(&d.span)
                };
                let local = |s: &crate::source::Span| {
                    (s.start.clamp(lines.start, lines.end) - lines.start)
                        ..(s.end.clamp(lines.start, lines.end) - lines.start)
                };
                let mut snippet = Snippet::source(&f.text[lines.clone()])
                    .line_start(f.line_of(lines.start))
                    .path(f.path.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(local(&d.span)).label(label));
                for r in d
                    .related
                    .iter()
                    .filter(|r| r.span.start >= lines.start && r.span.end <= lines.end)
                {
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(local(&r.span))
                            .label(r.label.as_str()),
                    );
                }
                let mut group = title.element(snippet);
                if let Some(h) = &d.help {
                    group = group.element(Level::HELP.message(h.as_str()));
                }
                report.push(group);
            }
            None => {
                // A file or folder that was never read has no line to point at.
                let origin = match d.position {
                    Some((line, col)) => format!("{}:{line}:{col}", d.path),
                    None => d.path.clone(),
                };
                let mut group =
                    title.element(Level::NOTE.message(format!("in {origin} ({label})")));
                if let Some(h) = &d.help {
                    group = group.element(Level::HELP.message(h.as_str()));
                }
                report.push(group);
            }
        }
        w.write_all(renderer.render(&report).as_bytes())?;
        w.write_all(b"\n\n")?;
    }
    Ok(())
}

/// The closing line of a human report.
pub fn summary(diags: &[Diagnostic], documents: usize, clauses: usize) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {} and {}: {}, {}",
        plural(documents, "document"),
        plural(clauses, "clause"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}
