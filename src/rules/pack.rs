//! The K7xx rules: a meeting's Public Document Pack (`clerk pack`, [`crate::pack`]): the
//! meeting file, its reports and annexes, and the typesetting.
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    MEETING_FILE = "K701" "meeting-file" {
        severity: Error, step: Pack,
        what: "A meeting file (`clerk pack MEETING.yaml`) is not valid YAML, has an unknown or missing key, a value of the wrong type, or values that contradict each other (a chair who is not a member, two items with one number).",
        why: "The meeting file is the cover, the agenda and the list of what goes into the pack; a mistake in it is printed on the front page of every copy.",
        example: "committee: Constitutional Review Working Party\ndate: 27/02/2024      # write dates as 2024-02-27",
    }
    REPORT_FRONT_MATTER = "K702" "report-front-matter" {
        severity: Error, step: Pack,
        what: "A report's front matter is missing, is not valid YAML, or has an unknown or missing key or a wrong value.",
        why: "The front matter fills the report's header table (author, portfolio holder, status, classification, key decision, wards) that members read before anything else.",
        example: "---\ntitle: Refresh of Contract Standing Orders\nstatus: For Decison     # For Decision, For Recommendation or For Information\n---",
    }
    MISSING_FILE = "K703" "missing-file" {
        severity: Error, step: Pack,
        what: "A report or annex file named in the meeting file does not exist or cannot be read.",
        why: "A pack printed without one of its reports is not the pack the meeting was called with; clerk writes nothing rather than half a pack.",
        example: "report: item-4-cso.md   (there is no meetings/2024-02-27-crwp/item-4-cso.md)",
    }
    PATH_OUTSIDE = "K704" "path-outside" {
        severity: Error, step: Pack,
        what: "A path in the meeting file is absolute, or leads (through `..` or a symbolic link) outside the meeting's folder.",
        why: "A pack is published: a path that leaves the meeting's folder could print any file on the machine (`../../etc/passwd`) into a public document.",
        example: "report: ../../etc/passwd",
    }
    UNKNOWN_DOCUMENT = "K705" "unknown-document" {
        severity: Error, step: Pack,
        what: "An annex names a constitution document id that the constitution does not have.",
        why: "The annex would be empty or the wrong document; members would approve something they never saw.",
        example: "annexes:\n  - number: 1\n    title: Contract Standing Orders\n    document: csos     # the id is `cso`",
    }
    ANNEX_UNREFERENCED = "K706" "annex-unreferenced" {
        severity: Error, step: Pack,
        what: "An annex of an agenda item is not referred to anywhere in its report (\"Annex 2\", \"Appendix 2\", or in the report's annex list).",
        why: "Every annex must be introduced by its report, so members know why it is there; an annex nobody mentions is usually attached to the wrong item.",
        example: "item 5 has annexes 1 and 2, but its report only mentions \"Annex 1\"",
    }
    ANNEX_NUMBERING = "K707" "annex-numbering" {
        severity: Error, step: Pack,
        what: "The annexes of an item are not numbered 1, 2, 3 … or lettered A, B, C … in order, or mix numbers and letters.",
        why: "Reports cite annexes by number or letter; a gap or duplicate makes \"Annex 2\" mean nothing or two things.",
        example: "annexes numbered 1 and 3 (no 2), or 1 and B",
    }
    ANNEX_UNAVAILABLE = "K708" "annex-unavailable" {
        severity: Error, step: Pack,
        what: "An annex asks for a comparison (a tracked-change redline or a key-changes table) that clerk's diff engine could not make from the two versions it names. The diff engine is part of every clerk and compares any two documents, so this is a fault in clerk, not in the meeting file or the texts.",
        why: "clerk does not print a pack with a hole where an annex should be.",
        example: "annex 2 of item 5: the two versions could not be compared",
    }
    UNKNOWN_ANNEX = "K709" "unknown-annex" {
        severity: Error, step: Pack,
        what: "A report refers to an annex (\"Annex 3\", \"Appendix B\") that its agenda item does not have.",
        why: "Members will look for an annex that is not in the pack; either the annex is missing from the meeting file or the report cites the wrong number.",
        example: "the report says \"as set out in Annex 3\" but the item has annexes 1 and 2",
    }
    PACK_RENDER = "K710" "pack-render" {
        severity: Error, step: Pack,
        what: "The PDF or HTML pack could not be produced from checked input (a typesetting or template error).",
        why: "This is a fault in clerk or in an edited template, not in the council's text; the message names the template line. Warnings the typesetter gives while making the PDF are reported under this code too, as warnings.",
        example: "templates/pack/index.html: unknown variable `item.titel`",
    }
}
