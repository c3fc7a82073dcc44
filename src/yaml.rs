//! YAML problems as diagnostics: the one place that turns a serde-saphyr error or location
//! into a span of the file it came from, for front matter, `constitution.yaml`, meeting files
//! and reports alike.
//!
//! serde-saphyr reports locations relative to the YAML text it was given; [`YamlCtx`] adds the
//! offset of the YAML inside the file so the caret lands on the right character, and rewords
//! serde's messages for a clerk rather than a programmer.

use crate::diag::Diagnostic;
use crate::rules::{self, Rule};
use crate::source::{FileId, SourceFile, Span};
use serde::de::DeserializeOwned;

/// Everything a YAML problem needs to become a diagnostic (also used for meeting files and
/// reports by [`crate::pack`]).
pub(crate) struct YamlCtx<'a> {
    pub(crate) file: FileId,
    pub(crate) source: &'a SourceFile,
    pub(crate) offset: usize,
    pub(crate) rule: &'static Rule,
}

impl YamlCtx<'_> {
    pub(crate) fn span_of(&self, loc: &serde_saphyr::Location) -> Span {
        let yaml = &self.source.text[self.offset..];
        let start = match loc.span().byte_offset() {
            Some(b) => b as usize,
            None => offset_of_line_col(yaml, loc.line() as usize, loc.column() as usize),
        }
        .min(yaml.len());
        let end = yaml[start..]
            .find(['\n', '\r'])
            .map_or(yaml.len(), |e| start + e)
            .max(start);
        (self.offset + start)..(self.offset + end)
    }

    pub(crate) fn diag(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::of(self.rule, message).at(self.file, &self.source.path, span)
    }

    pub(crate) fn parse<T: DeserializeOwned>(&self, yaml: &str) -> Result<T, Diagnostic> {
        if yaml.trim().is_empty() {
            return Err(self
                .diag(self.opening(), "front matter is empty")
                .help("write at least `id:`, `title:` and `part:` between the `---` lines"));
        }
        serde_saphyr::from_str::<T>(yaml).map_err(|e| {
            let plain = e.without_snippet();
            let message = clean_message(&plain.to_string());
            // A missing key has no line of its own: point at the block that lacks it.
            let span = match plain.location() {
                Some(_) if message.starts_with("missing field") => self.opening(),
                Some(l) => self.span_of(&l),
                None => self.opening(),
            };
            self.diag(span, message)
        })
    }

    /// The `---` line that opens front matter (or the start of constitution.yaml).
    fn opening(&self) -> Span {
        match self.offset.checked_sub(4) {
            Some(start) if self.source.text[start..].starts_with("---") => start..start + 3,
            _ => self.offset..self.offset,
        }
    }
}

/// The span in `source` (a whole YAML file, such as `constitution.yaml`) of the value at
/// `loc`, to the end of its line: where a diagnostic about that value points.
pub fn yaml_span(source: &SourceFile, loc: &serde_saphyr::Location) -> Span {
    YamlCtx {
        file: FileId::CONFIG,
        source,
        offset: 0,
        rule: rules::CONFIG,
    }
    .span_of(loc)
}

fn offset_of_line_col(text: &str, line: usize, col: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..];
    start
        + line_text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// serde messages repeat the position we already show and speak to programmers; keep the
/// first line without the position, in words a clerk can act on.
fn clean_message(msg: &str) -> String {
    let first = msg.lines().next().unwrap_or(msg).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    let cut = cut.trim_end_matches([',', ':']);
    if let Some(rest) = cut.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("key `{key}` appears twice");
    }
    cut.replace("expected sequence start", "expected a list")
        .replace("expected mapping start", "expected keys and values")
        .replace("unexpected end of input", "the YAML ends too early")
}
