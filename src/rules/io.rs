//! The E0xx rules: a file or folder of the constitution that could not be read, or is no
//! constitution at all. [`crate::load`] reports them (and `clerk pack` for its meeting file).
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    IO_ERROR = "E001" "io-error" {
        severity: Error, step: Load, also: [Pack: Error],
        what: "A file or folder of the constitution could not be read.",
        why: "clerk never skips input silently: a document it cannot read is a document nobody checked.",
        example: "constitution/part-4/cso.md: permission denied",
    }
    NOT_UTF8 = "E002" "not-utf8" {
        severity: Error, step: Load,
        what: "A file is not valid UTF-8 text.",
        why: "Sources must be plain UTF-8 so every tool (git, editors, clerk) agrees on their content. Word or Windows-1252 exports must be converted first (`clerk import`).",
        example: "A document saved from Word as 'Text (Windows)' with a £ sign as byte 0xA3.",
    }
    FILE_TOO_LARGE = "E003" "file-too-large" {
        severity: Error, step: Load,
        what: "A file is larger than clerk reads (16 MiB).",
        why: "No constitution document is that large; such a file is almost always a misplaced export or binary, and reading it would stall every run.",
        example: "constitution/part-4/backup.md of 100 MB",
    }
    MISSING_CONFIG = "E004" "missing-config" {
        severity: Error, step: Load,
        what: "The folder has no constitution.yaml.",
        why: "constitution.yaml names the council and its Parts; without it clerk cannot tell which folder is the constitution.",
        example: "clerk check docs/   (a folder with Markdown but no constitution.yaml)",
    }
    SYMLINK = "E005" "symlink-skipped" {
        severity: Warning, step: Load,
        what: "A symbolic link inside the constitution folder was not followed.",
        why: "Links can loop or point outside the constitution; documents must live in the folder itself.",
        example: "constitution/part-5/protocol.md -> ../../drafts/protocol.md",
    }
}
