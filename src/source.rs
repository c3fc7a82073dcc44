//! Source files held in memory, and the mapping from byte offsets to line and column.
//!
//! Every span in clerk is a byte range into one [`SourceFile`]'s text. Lines and columns are
//! computed only when a diagnostic is reported, so the passes never pay for them.

use std::ops::Range;

/// A byte range into a [`SourceFile`]'s text.
pub type Span = Range<usize>;

/// Index of a file in [`crate::model::Constitution::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

impl FileId {
    /// `constitution.yaml`: [`crate::load`] puts it first, so the configuration's diagnostics
    /// and the terms declared in it always point into this file.
    pub const CONFIG: FileId = FileId(0);
}

/// One file as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the constitution folder, with `/` separators, as shown to users.
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let col = self.text[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte range of the whole lines that `span` touches, without the final newline.
    pub fn line_range(&self, span: &Span) -> Span {
        let start = self.floor_char_boundary(span.start.min(self.text.len()));
        let end = self
            .floor_char_boundary(span.end.min(self.text.len()))
            .max(start);
        let first = self.line_starts.partition_point(|&s| s <= start) - 1;
        let last_start = self
            .line_starts
            .partition_point(|&s| s <= end.saturating_sub(1).max(start))
            - 1;
        let line_end = self
            .line_starts
            .get(last_start + 1)
            .map(|&s| s - 1)
            .unwrap_or(self.text.len());
        self.line_starts[first]..line_end.max(self.line_starts[first])
    }

    /// 1-based line number of the line that starts at or before `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_col(offset).0
    }

    fn floor_char_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let f = SourceFile::new("a.md", "ab\n£c\nx");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2)); // after the two-byte £
        assert_eq!(f.line_col(99), (3, 2));
    }

    #[test]
    fn line_range_covers_whole_lines() {
        let f = SourceFile::new("a.md", "one\ntwo\nthree");
        assert_eq!(&f.text[f.line_range(&(5..6))], "two");
        assert_eq!(&f.text[f.line_range(&(1..9))], "one\ntwo\nthree");
    }
}
