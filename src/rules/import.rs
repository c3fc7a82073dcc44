//! The I5xx rules: what `clerk import` ([`crate::import`]) changed, could not read or would
//! overwrite while turning Word and PDF text into documents.
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    IMPORT_FURNITURE = "I501" "import-furniture" {
        severity: Info, step: Import,
        what: "`clerk import` removed page furniture: a running header such as \"Agenda Item 4\", \"This page is intentionally left blank\", a page number, a change bar, or a bullet written as the letter o.",
        why: "Furniture belongs to the printed page, not the document; left in, it splits sentences and lands inside clauses. It is reported so that nothing leaves the text unseen.",
        example: "2.1 The Council's Contract Standing Orders have been reviewed ... over the\n\nAgenda Item 4\n\nRegeneration and Housing projects ...",
    }
    IMPORT_UNPLACED = "I502" "import-unplaced" {
        severity: Info, step: Import,
        what: "Paragraphs of an imported document come before its first numbered clause, so they belong to no clause.",
        why: "Text outside every clause cannot be cited by number; it is usually an introduction (fine) or a clause whose number was lost in conversion (not fine).",
        example: "Introduction\n\nMutual trust and respect between Members and Staff ...\n\n1.0 Definitions",
    }
    IMPORT_TABLE = "I503" "import-table" {
        severity: Warning, step: Import,
        what: "`clerk import` could not read a table cell for cell: rows of different lengths were padded, or merged or nested cells were flattened.",
        why: "A table that lost its shape may now put a value in the wrong column; the words are all there, but the grid needs checking.",
        example: "Total value £ ⇥ Type of contract ⇥ Procedure to be used\n1,000 to 24,999.99 ⇥ Works, supplies and services",
    }
    IMPORT_PART_UNKNOWN = "I504" "import-part-unknown" {
        severity: Warning, step: Import,
        what: "An imported document does not say which Part of the constitution it belongs to, so it was written to `part-0/` with `part: \"0\"`.",
        why: "Documents are published and cited by Part; until its Part is set, references such as \"Part 5.4\" cannot find the document.",
        example: "part-0/protocol-on-member-officer-relations.md   (set `part: \"5.4\"` and move it to part-5/)",
    }
    IMPORT_MOVED = "I505" "import-moved" {
        severity: Warning, step: Import,
        what: "`clerk import` moved text out of reading order: a margin comment printed in a column beside the text, or a formatting note printed between the rows of a table.",
        why: "Read line by line, such text would cut through sentences and tables; it now follows the paragraph or table it was printed beside. It is reported because the order changed.",
        example: "5.8 ⇥ The Council has adopted a code ... ⇥ Comment [ECC1]: Have deleted the",
    }
    IMPORT_NOT_CONSTITUTION = "I506" "import-not-constitution" {
        severity: Info, step: Import,
        what: "An imported document looks like a cover page, an agenda or a committee report, or has no numbered clauses.",
        why: "Committee packs carry the constitution's documents between reports; the import keeps every page as its own document so nothing is lost, and tells you which ones to delete.",
        example: "Refresh of Contract Standing Orders\nReport Author ...\nExecutive Summary: ...",
    }
    IMPORT_UNREADABLE = "I507" "import-unreadable" {
        severity: Error, step: Import,
        what: "An input of `clerk import` could not be read: a corrupt or truncated .docx, an encrypted (password-protected) or old-format .doc Word file, or a file too large.",
        why: "clerk never imports half a file; nothing is written until every input can be read.",
        example: "clerk import protocol.docx --out constitution   (protocol.docx has a password)",
    }
    IMPORT_EXISTS = "I508" "import-exists" {
        severity: Error, step: Import,
        what: "`clerk import` would overwrite a file that already exists in the output folder.",
        why: "An import must never destroy edits made since the last one; pass --force to replace the files, or import into an empty folder.",
        example: "constitution/part-0/cso.md already exists",
    }
    IMPORT_ENCODING = "I509" "import-encoding" {
        severity: Warning, step: Import,
        what: "An input of `clerk import` is not UTF-8 and was read as Windows-1252 (or UTF-16, by its byte-order mark).",
        why: "Word's 'Text (Windows)' exports use Windows-1252; reading them any other way garbles £ signs, dashes and quotes. The guess is reported so it can be checked.",
        example: "A text export with a £ sign stored as the byte 0xA3.",
    }
    IMPORT_REREAD = "I510" "import-reread" {
        severity: Warning, step: Import,
        what: "A document written by `clerk import` reads back with different clause numbers than the import found.",
        why: "The import checks its own output with the same parser `clerk check` uses; a difference is a bug in the import, reported rather than hidden.",
        example: "part-0/report.md reads back with different clause numbers: expected 4, found 4, 5",
    }
    IMPORT_DOCX_OMITTED = "I511" "import-docx-omitted" {
        severity: Warning, step: Import,
        what: "Parts of a .docx that `clerk import` does not bring in: tracked deletions, comments, footnotes, endnotes, headers and footers.",
        why: "They live outside the document's main text. They are counted and reported so that nothing is left behind unseen.",
        example: "protocol.docx: 3 footnotes and 2 comments were not imported",
    }
}
