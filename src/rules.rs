//! The catalogue of rules: a stable code, a kebab-case name, and the text `clerk explain`
//! prints. Passes refer to rules by constant so a code can never be mistyped; the text lives
//! here so it is written once, next to the code that users and CI see.

/// One rule clerk can report.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// Stable code, e.g. `N201`. Never reused for another meaning.
    pub code: &'static str,
    /// Kebab-case name of the problem, e.g. `numbering-gap`.
    pub name: &'static str,
    /// What the rule finds.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// An example that triggers it.
    pub example: &'static str,
}

macro_rules! rules {
    ($($ident:ident = $code:literal $name:literal {
        what: $what:literal, why: $why:literal, example: $example:literal $(,)?
    })*) => {
        $(pub const $ident: &Rule = &Rule {
            code: $code, name: $name, what: $what, why: $why, example: $example,
        };)*
        /// Every rule, in code order.
        pub const ALL: &[&Rule] = &[$($ident),*];
    };
}

rules! {
    IO_ERROR = "E001" "io-error" {
        what: "A file or folder of the constitution could not be read.",
        why: "clerk never skips input silently: a document it cannot read is a document nobody checked.",
        example: "constitution/part-4/cso.md: permission denied",
    }
    NOT_UTF8 = "E002" "not-utf8" {
        what: "A file is not valid UTF-8 text.",
        why: "Sources must be plain UTF-8 so every tool (git, editors, clerk) agrees on their content. Word or Windows-1252 exports must be converted first (`clerk import`).",
        example: "A document saved from Word as 'Text (Windows)' with a £ sign as byte 0xA3.",
    }
    FILE_TOO_LARGE = "E003" "file-too-large" {
        what: "A file is larger than clerk reads (16 MiB).",
        why: "No constitution document is that large; such a file is almost always a misplaced export or binary, and reading it would stall every run.",
        example: "constitution/part-4/backup.md of 100 MB",
    }
    MISSING_CONFIG = "E004" "missing-config" {
        what: "The folder has no constitution.yaml.",
        why: "constitution.yaml names the council and its Parts; without it clerk cannot tell which folder is the constitution.",
        example: "clerk check docs/   (a folder with Markdown but no constitution.yaml)",
    }
    SYMLINK = "E005" "symlink-skipped" {
        what: "A symbolic link inside the constitution folder was not followed.",
        why: "Links can loop or point outside the constitution; documents must live in the folder itself.",
        example: "constitution/part-5/protocol.md -> ../../drafts/protocol.md",
    }
    FRONT_MATTER = "F101" "front-matter" {
        what: "A document's front matter is missing, is not valid YAML, has an unknown or missing key, or a value of the wrong type.",
        why: "The front matter gives the document its identity (id), its place (part), its citation forms and its status; every other check depends on it.",
        example: "---\nid: cso\ntitle: Contract Standing Orders\nstatus: adoptd      # not draft or adopted\n---",
    }
    CONFIG = "F102" "constitution-config" {
        what: "constitution.yaml is not valid YAML, or has an unknown or missing key, or a value of the wrong type.",
        why: "constitution.yaml lists the council's Parts; a mistake there makes every reference to a Part unreliable.",
        example: "council: Thanet District Council\nparts: 4            # must be a list of parts",
    }
    DUPLICATE_ID = "F103" "duplicate-document-id" {
        what: "Two documents share the same id.",
        why: "Ids are how references, URLs and `clerk refs --to` name a document; two documents with one id make every such name ambiguous.",
        example: "part-4/cso.md and part-4/cso-2018.md both say `id: cso`",
    }
    UNKNOWN_PART = "F104" "unknown-part" {
        what: "A document's `part` is not one of the Parts listed in constitution.yaml.",
        why: "Documents are published and cited by Part; a document in an undeclared Part cannot be placed in the index.",
        example: "part: \"7\" when constitution.yaml lists Parts 1 to 6",
    }
    NUMBERING_DUPLICATE = "N201" "numbering-duplicate" {
        what: "Two clauses (or two sections) of one document carry the same number.",
        why: "A reference to that number now means two places; after a half-finished renumbering this is the commonest way a constitution contradicts itself.",
        example: "2.7 Officers are responsible for ...\n2.7 Officers advise, inform and support ...",
    }
    NUMBERING_ORDER = "N202" "numbering-order" {
        what: "A clause number is lower than the one before it at the same level.",
        why: "Readers find clauses by their numbers; a number out of order is usually a pasted clause that was never renumbered.",
        example: "2.1 ...\n2.0 ...",
    }
    NUMBERING_GAP = "N203" "numbering-gap" {
        what: "Numbers skip at one level: a clause or section is missing.",
        why: "A gap usually means a clause was deleted without renumbering, or lost when the document was converted; references to the missing numbers now point nowhere.",
        example: "5.4.7 ...\n5.4.9 ...     (5.4.8 is missing)",
    }
    NUMBERING_ORPHAN = "N204" "numbering-orphan" {
        what: "A clause's parent number does not exist (1.2.1 with no 1.2).",
        why: "The hierarchy comes from the numbers; a child without its parent is a sign of half-renumbered text.",
        example: "1.0 Definitions\n- 1.2.1 Member includes ...   (there is no 1.2)",
    }
    NUMBERING_STYLE = "N205" "numbering-style" {
        what: "One document writes its numbers in more than one style (1 and 1.0, or 1.1 and 1.1.).",
        why: "Mixed styles are harmless to meaning but show text pasted from different drafts; consistent numbering reads as one document.",
        example: "1.0 Definitions ... 2 Scope",
    }
    DUPLICATE_LABEL = "N206" "duplicate-label" {
        what: "Two clauses carry the same stable label {#...}.",
        why: "A label must name exactly one clause so links and references to it survive renumbering.",
        example: "# 16 Standard Clauses {#standard-clauses}\n# 17 More Clauses {#standard-clauses}",
    }
    PLACEHOLDER = "P301" "placeholder" {
        what: "A placeholder left in the text: a `?` or `xx` where a number belongs, `TBC`, or a citation with its number missing.",
        why: "Placeholders must never reach an adopted text: \"Part ? of the Constitution\" cites nothing. It is an error in an adopted document and a warning in a draft.",
        example: "(see the access to information procedure in Part ? of the Constitution)",
    }
    DRAFTING_NOTE = "P302" "drafting-note" {
        what: "A bracketed drafting note or question left in the text.",
        why: "Notes such as \"[Note – check reference on completion]\" are for the drafters; adopted with the text they become part of the constitution.",
        example: "7.2 Conduct of scrutiny reviews [all O and S meetings and associated business to be included?]",
    }
    MARGIN_COMMENT = "P303" "margin-comment" {
        what: "A Word margin comment flattened into the text (\"Comment [ECC1]: ...\").",
        why: "When a redlined Word file is converted, its comments land in the body; they are review chatter, not constitution.",
        example: "Comment [ECC3]: Need to renumber throughout",
    }
    FORMAT_ARTEFACT = "P304" "format-artefact" {
        what: "A word-processor formatting note flattened into the text (\"Formatted: Indent: ...\").",
        why: "Track-changes balloons about formatting carry no meaning and must not be published.",
        example: "Formatted: Indent: Left: 0 cm, Hanging: 1.27 cm",
    }
    EMPTY_LINK = "P305" "empty-link" {
        what: "A link whose target is empty or just `#`.",
        why: "Word drafts mark \"link to follow\" this way; published, the link goes nowhere.",
        example: "see the [Members' Code of Conduct](#)",
    }
    UNRESOLVED_REFERENCE = "R401" "unresolved-reference" {
        what: "A reference names a clause, Part, document or appendix that does not exist in this constitution.",
        why: "A reference that points nowhere misleads every reader who follows it; after clauses are deleted or renumbered this is how a constitution silently breaks.",
        example: "4.3 ... as set out in paragraph 4.12 above   (the document has no 4.12)",
    }
    AMBIGUOUS_REFERENCE = "R402" "ambiguous-reference" {
        what: "A reference names a number that two clauses carry.",
        why: "After a duplicate number, a reference could mean either clause; clerk will not guess, and neither should a reader.",
        example: "see paragraph 2.7   (two clauses are numbered 2.7)",
    }
    REFERENCE_DIRECTION = "R403" "reference-direction" {
        what: "A reference says \"above\" but its target is below it, or \"below\" but the target is above.",
        why: "A wrong direction word usually means the reference was written before clauses moved; it may now point at the wrong clause.",
        example: "2.3 ... the duties in paragraph 4.1 above   (4.1 comes after 2.3)",
    }
    LINK_TEXT_MISMATCH = "R404" "link-text-mismatch" {
        what: "An explicit link's text names a different clause or document from the one its target is.",
        why: "Readers trust the visible text; the link target is what the web page follows. When they disagree, one of them is wrong.",
        example: "[CSO 15](#standard-clauses)   (the clause labelled standard-clauses is CSO 16)",
    }
    BACKWARDS_RANGE = "R405" "backwards-range" {
        what: "A range of clauses is written high to low: \"paragraphs 4.10 – 4.8\".",
        why: "A reader cannot tell whether the range was meant to run 4.8 to 4.10 or whether one end is a typing slip; renumbering would carry the slip on. clerk reads it as the clauses between its ends and asks for it to be written low to high.",
        example: "as paragraphs 4.10 – 4.8 above say   (write 4.8 – 4.10)",
    }
    IMPORT_FURNITURE = "I501" "import-furniture" {
        what: "`clerk import` removed page furniture: a running header such as \"Agenda Item 4\", \"This page is intentionally left blank\", a page number, a change bar, or a bullet written as the letter o.",
        why: "Furniture belongs to the printed page, not the document; left in, it splits sentences and lands inside clauses. It is reported so that nothing leaves the text unseen.",
        example: "2.1 The Council's Contract Standing Orders have been reviewed ... over the\n\nAgenda Item 4\n\nRegeneration and Housing projects ...",
    }
    IMPORT_UNPLACED = "I502" "import-unplaced" {
        what: "Paragraphs of an imported document come before its first numbered clause, so they belong to no clause.",
        why: "Text outside every clause cannot be cited by number; it is usually an introduction (fine) or a clause whose number was lost in conversion (not fine).",
        example: "Introduction\n\nMutual trust and respect between Members and Staff ...\n\n1.0 Definitions",
    }
    IMPORT_TABLE = "I503" "import-table" {
        what: "`clerk import` could not read a table cell for cell: rows of different lengths were padded, or merged or nested cells were flattened.",
        why: "A table that lost its shape may now put a value in the wrong column; the words are all there, but the grid needs checking.",
        example: "Total value £ ⇥ Type of contract ⇥ Procedure to be used\n1,000 to 24,999.99 ⇥ Works, supplies and services",
    }
    IMPORT_PART_UNKNOWN = "I504" "import-part-unknown" {
        what: "An imported document does not say which Part of the constitution it belongs to, so it was written to `part-0/` with `part: \"0\"`.",
        why: "Documents are published and cited by Part; until its Part is set, references such as \"Part 5.4\" cannot find the document.",
        example: "part-0/protocol-on-member-officer-relations.md   (set `part: \"5.4\"` and move it to part-5/)",
    }
    IMPORT_MOVED = "I505" "import-moved" {
        what: "`clerk import` moved text out of reading order: a margin comment printed in a column beside the text, or a formatting note printed between the rows of a table.",
        why: "Read line by line, such text would cut through sentences and tables; it now follows the paragraph or table it was printed beside. It is reported because the order changed.",
        example: "5.8 ⇥ The Council has adopted a code ... ⇥ Comment [ECC1]: Have deleted the",
    }
    IMPORT_NOT_CONSTITUTION = "I506" "import-not-constitution" {
        what: "An imported document looks like a cover page, an agenda or a committee report, or has no numbered clauses.",
        why: "Committee packs carry the constitution's documents between reports; the import keeps every page as its own document so nothing is lost, and tells you which ones to delete.",
        example: "Refresh of Contract Standing Orders\nReport Author ...\nExecutive Summary: ...",
    }
    IMPORT_UNREADABLE = "I507" "import-unreadable" {
        what: "An input of `clerk import` could not be read: a corrupt or truncated .docx, an encrypted (password-protected) or old-format .doc Word file, or a file too large.",
        why: "clerk never imports half a file; nothing is written until every input can be read.",
        example: "clerk import protocol.docx --out constitution   (protocol.docx has a password)",
    }
    IMPORT_EXISTS = "I508" "import-exists" {
        what: "`clerk import` would overwrite a file that already exists in the output folder.",
        why: "An import must never destroy edits made since the last one; pass --force to replace the files, or import into an empty folder.",
        example: "constitution/part-0/cso.md already exists",
    }
    IMPORT_ENCODING = "I509" "import-encoding" {
        what: "An input of `clerk import` is not UTF-8 and was read as Windows-1252 (or UTF-16, by its byte-order mark).",
        why: "Word's 'Text (Windows)' exports use Windows-1252; reading them any other way garbles £ signs, dashes and quotes. The guess is reported so it can be checked.",
        example: "A text export with a £ sign stored as the byte 0xA3.",
    }
    IMPORT_REREAD = "I510" "import-reread" {
        what: "A document written by `clerk import` reads back with different clause numbers than the import found.",
        why: "The import checks its own output with the same parser `clerk check` uses; a difference is a bug in the import, reported rather than hidden.",
        example: "part-0/report.md reads back with different clause numbers: expected 4, found 4, 5",
    }
    IMPORT_DOCX_OMITTED = "I511" "import-docx-omitted" {
        what: "Parts of a .docx that `clerk import` does not bring in: tracked deletions, comments, footnotes, endnotes, headers and footers.",
        why: "They live outside the document's main text. They are counted and reported so that nothing is left behind unseen.",
        example: "protocol.docx: 3 footnotes and 2 comments were not imported",
    }
    MEETING_FILE = "K701" "meeting-file" {
        what: "A meeting file (`clerk pack MEETING.yaml`) is not valid YAML, has an unknown or missing key, a value of the wrong type, or values that contradict each other (a chair who is not a member, two items with one number).",
        why: "The meeting file is the cover, the agenda and the list of what goes into the pack; a mistake in it is printed on the front page of every copy.",
        example: "committee: Constitutional Review Working Party\ndate: 27/02/2024      # write dates as 2024-02-27",
    }
    REPORT_FRONT_MATTER = "K702" "report-front-matter" {
        what: "A report's front matter is missing, is not valid YAML, or has an unknown or missing key or a wrong value.",
        why: "The front matter fills the report's header table (author, portfolio holder, status, classification, key decision, wards) that members read before anything else.",
        example: "---\ntitle: Refresh of Contract Standing Orders\nstatus: For Decison     # For Decision, For Recommendation or For Information\n---",
    }
    MISSING_FILE = "K703" "missing-file" {
        what: "A report or annex file named in the meeting file does not exist or cannot be read.",
        why: "A pack printed without one of its reports is not the pack the meeting was called with; clerk writes nothing rather than half a pack.",
        example: "report: item-4-cso.md   (there is no meetings/2024-02-27-crwp/item-4-cso.md)",
    }
    PATH_OUTSIDE = "K704" "path-outside" {
        what: "A path in the meeting file is absolute, or leads (through `..` or a symbolic link) outside the meeting's folder.",
        why: "A pack is published: a path that leaves the meeting's folder could print any file on the machine (`../../etc/passwd`) into a public document.",
        example: "report: ../../etc/passwd",
    }
    UNKNOWN_DOCUMENT = "K705" "unknown-document" {
        what: "An annex names a constitution document id that the constitution does not have.",
        why: "The annex would be empty or the wrong document; members would approve something they never saw.",
        example: "annexes:\n  - number: 1\n    title: Contract Standing Orders\n    document: csos     # the id is `cso`",
    }
    ANNEX_UNREFERENCED = "K706" "annex-unreferenced" {
        what: "An annex of an agenda item is not referred to anywhere in its report (\"Annex 2\", \"Appendix 2\", or in the report's annex list).",
        why: "Every annex must be introduced by its report, so members know why it is there; an annex nobody mentions is usually attached to the wrong item.",
        example: "item 5 has annexes 1 and 2, but its report only mentions \"Annex 1\"",
    }
    ANNEX_NUMBERING = "K707" "annex-numbering" {
        what: "The annexes of an item are not numbered 1, 2, 3 … or lettered A, B, C … in order, or mix numbers and letters.",
        why: "Reports cite annexes by number or letter; a gap or duplicate makes \"Annex 2\" mean nothing or two things.",
        example: "annexes numbered 1 and 3 (no 2), or 1 and B",
    }
    ANNEX_UNAVAILABLE = "K708" "annex-unavailable" {
        what: "An annex asks for a comparison (a tracked-change redline or a key-changes table) that clerk's diff engine could not make from the two versions it names. The diff engine is part of every clerk and compares any two documents, so this is a fault in clerk, not in the meeting file or the texts.",
        why: "clerk does not print a pack with a hole where an annex should be.",
        example: "annex 2 of item 5: the two versions could not be compared",
    }
    UNKNOWN_ANNEX = "K709" "unknown-annex" {
        what: "A report refers to an annex (\"Annex 3\", \"Appendix B\") that its agenda item does not have.",
        why: "Members will look for an annex that is not in the pack; either the annex is missing from the meeting file or the report cites the wrong number.",
        example: "the report says \"as set out in Annex 3\" but the item has annexes 1 and 2",
    }
    PACK_RENDER = "K710" "pack-render" {
        what: "The PDF or HTML pack could not be produced from checked input (a typesetting or template error).",
        why: "This is a fault in clerk or in an edited template, not in the council's text; the message names the template line.",
        example: "templates/pack/index.html: unknown variable `item.titel`",
    }
    RETIRED_TITLE = "T601" "retired-title" {
        what: "A role title, body or term that constitution.yaml lists as retired is still used (`titles:` … `replaces:`).",
        why: "When a post or body is renamed, every Part must follow or the adopted text contradicts itself; officers searching by hand miss some. It is an error in an adopted document and a warning in a draft. Sentences that say \"formerly\", \"previously\", \"renamed\", \"replaced by\" (and similar) are history and stay quiet; `clerk rename --retired` rewrites the rest.",
        example: "titles:\n  - current: Chair\n    replaces: [{title: Chairman, retired: 2016-02-25}]\n\n7.2.3 The Overview and Scrutiny Panel or its Chairman acting on its behalf ...",
    }
    UNUSED_DEFINITION = "T602" "unused-definition" {
        what: "A defined term is never used outside its own definition, with the capitals it was defined with.",
        why: "A definition nobody uses is clutter at best; more often the text uses the term in other capitals (\"designated Finance Officer\") or under another name, so the definition does not apply where the drafter meant it to.",
        example: "- Designated Finance Officer means the Deputy Chief Executive ...\n5.4 ... the designated Finance Officer and the Monitoring Officer.",
    }
    UNDEFINED_TERM = "T603" "undefined-term" {
        what: "A capitalised phrase is used at least twice in a document as if it were a defined term, but no definition, declared title, document name, heading or allow-list entry covers it. Reported once per document, at the first use, as information.",
        why: "Capitals promise the reader a definition. A term such as \"Purchasing Scheme\" or \"Responsible Officer\" used without one leaves its scope to argument. Capitalised names are not always terms, so this is information, never a failure: define the term, declare the title in `titles:`, or add the phrase to `terms.allow`.",
        example: "4.7 ... Responsible Officers should use the assessment methodology ...\n8.3 ... Responsible Officers should therefore seek advice ...   (no definition of Responsible Officer)",
    }
    TERMS_CONFIG = "T604" "terms-config" {
        what: "An entry of `titles:` or `terms:` in constitution.yaml contradicts another or points nowhere: a name declared twice (current and retired), an empty name, a date that is not YYYY-MM-DD, or a `doc:clause` pointer to a clause that does not exist.",
        why: "The titles and terms lists drive the retired-title check and `clerk rename`; a contradiction there would make them report or rewrite the wrong thing.",
        example: "titles:\n  - current: Chair\n    replaces: [{title: Chairman}]\n  - current: Chairman      # also declared retired above",
    }
    DUPLICATE_DEFINITION = "T605" "duplicate-definition" {
        what: "A term is defined twice where both definitions apply (twice in one document, or in a document and constitution-wide).",
        why: "Two definitions of one term can disagree, and a reader cannot tell which governs.",
        example: "1.2 Officer means all persons employed by the Council.\n9.1 Officer means a person employed on a permanent contract.",
    }
}

/// Look a rule up by code (`N201`, case-insensitive) or by name (`numbering-gap`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// The text `clerk explain` prints for a rule.
pub fn explain(rule: &Rule) -> String {
    let example = rule
        .example
        .lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        "{} {}\n\nWhat it finds\n    {}\n\nWhy it matters\n    {}\n\nExample\n{}\n",
        rule.code, rule.name, rule.what, rule.why, example
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let codes: BTreeSet<_> = ALL.iter().map(|r| r.code).collect();
        let names: BTreeSet<_> = ALL.iter().map(|r| r.name).collect();
        assert_eq!(codes.len(), ALL.len());
        assert_eq!(names.len(), ALL.len());
        for r in ALL {
            assert!(r
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            assert_eq!(r.code.len(), 4);
        }
    }

    #[test]
    fn find_by_code_or_name() {
        assert_eq!(find("n203").unwrap().name, "numbering-gap");
        assert_eq!(find("placeholder").unwrap().code, "P301");
        assert!(find("X999").is_none());
    }
}
