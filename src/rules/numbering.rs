//! The N2xx rules: clause numbers and labels within a document, reported by the numbering
//! pass ([`crate::passes::numbering`]).
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    NUMBERING_DUPLICATE = "N201" "numbering-duplicate" {
        severity: Error, step: Numbering,
        what: "Two clauses (or two sections) of one document carry the same number.",
        why: "A reference to that number now means two places; after a half-finished renumbering this is the commonest way a constitution contradicts itself.",
        example: "2.7 Officers are responsible for ...\n2.7 Officers advise, inform and support ...",
    }
    NUMBERING_ORDER = "N202" "numbering-order" {
        severity: Error, step: Numbering,
        what: "A clause number is lower than the one before it at the same level.",
        why: "Readers find clauses by their numbers; a number out of order is usually a pasted clause that was never renumbered.",
        example: "2.1 ...\n2.0 ...",
    }
    NUMBERING_GAP = "N203" "numbering-gap" {
        severity: Warning, draft: Error, step: Numbering,
        what: "Numbers skip at one level: a clause or section is missing.",
        why: "A gap usually means a clause was deleted without renumbering, or lost when the document was converted; references to the missing numbers now point nowhere.",
        example: "5.4.7 ...\n5.4.9 ...     (5.4.8 is missing)",
    }
    NUMBERING_ORPHAN = "N204" "numbering-orphan" {
        severity: Error, step: Numbering,
        what: "A clause's parent number does not exist (1.2.1 with no 1.2).",
        why: "The hierarchy comes from the numbers; a child without its parent is a sign of half-renumbered text.",
        example: "1.0 Definitions\n- 1.2.1 Member includes ...   (there is no 1.2)",
    }
    NUMBERING_STYLE = "N205" "numbering-style" {
        severity: Warning, step: Numbering,
        what: "One document writes its numbers in more than one style (1 and 1.0, or 1.1 and 1.1.).",
        why: "Mixed styles are harmless to meaning but show text pasted from different drafts; consistent numbering reads as one document.",
        example: "1.0 Definitions ... 2 Scope",
    }
    DUPLICATE_LABEL = "N206" "duplicate-label" {
        severity: Error, step: Numbering,
        what: "Two clauses carry the same stable label {#...}.",
        why: "A label must name exactly one clause so links and references to it survive renumbering.",
        example: "# 16 Standard Clauses {#standard-clauses}\n# 17 More Clauses {#standard-clauses}",
    }
}
