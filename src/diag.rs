//! Diagnostics as values: what a pass found, where, and how bad it is.
//!
//! A [`Diagnostic`] carries its rule, severity and a byte span into a source file; it knows
//! nothing about terminals or JSON. [`crate::report`] turns diagnostics into text, and the
//! command line decides the exit status, so passes stay pure and testable.

use crate::rules::Rule;
use crate::source::{FileId, Span};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A secondary place that explains the primary one (the first of two duplicates, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Path relative to the constitution folder, as shown to users.
    pub path: String,
    /// The file the span points into, when it was loaded as text.
    pub file: Option<FileId>,
    pub span: Span,
    /// Line and column for diagnostics on files that never became text (not UTF-8, say).
    pub position: Option<(usize, usize)>,
    pub document: Option<String>,
    pub clause: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic at an explicit severity: one the rule declares for a document's status
    /// or another step (see [`Diagnostic::of`] for the usual case).
    pub fn new(rule: &'static Rule, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            path: String::new(),
            file: None,
            span: 0..0,
            position: None,
            document: None,
            clause: None,
            message: message.into(),
            help: None,
            related: Vec::new(),
        }
    }

    /// A diagnostic at the rule's declared severity ([`Rule::severity`]), as its own step
    /// reports it. Where the severity depends on a document's status or on the step, pass
    /// [`Rule::severity_in`] or [`Rule::severity_at`] to [`Diagnostic::new`] instead.
    pub fn of(rule: &'static Rule, message: impl Into<String>) -> Self {
        Self::new(rule, rule.severity, message)
    }

    /// Point the diagnostic at a span of a loaded file.
    pub fn at(mut self, file: FileId, path: &str, span: Span) -> Self {
        self.file = Some(file);
        self.path = path.to_string();
        self.span = span;
        self
    }

    /// Point the diagnostic at a file that could not be loaded, at a known position.
    pub fn at_path(mut self, path: impl Into<String>, position: Option<(usize, usize)>) -> Self {
        self.path = path.into();
        self.position = position;
        self
    }

    pub fn document(mut self, id: Option<&str>) -> Self {
        self.document = id.map(str::to_string);
        self
    }

    pub fn clause(mut self, number: Option<String>) -> Self {
        self.clause = number;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            label: label.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics into the order users read them: by file, then position, then code.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.span.start, a.rule.code, &a.message).cmp(&(
            &b.path,
            b.span.start,
            b.rule.code,
            &b.message,
        ))
    });
}
