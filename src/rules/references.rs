//! The R4xx rules: references that point nowhere, ambiguously, or the wrong way, reported by
//! the reference pass ([`crate::refs::resolve`]); `clerk renumber` reports R401 and R402 for
//! the references it cannot read.
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    UNRESOLVED_REFERENCE = "R401" "unresolved-reference" {
        severity: Error, step: References, also: [Renumber: Error],
        what: "A reference names a clause, Part, document or appendix that does not exist in this constitution.",
        why: "A reference that points nowhere misleads every reader who follows it; after clauses are deleted or renumbered this is how a constitution silently breaks.",
        example: "4.3 ... as set out in paragraph 4.12 above   (the document has no 4.12)",
    }
    AMBIGUOUS_REFERENCE = "R402" "ambiguous-reference" {
        severity: Error, step: References, also: [Renumber: Error],
        what: "A reference names a number that two clauses carry.",
        why: "After a duplicate number, a reference could mean either clause; clerk will not guess, and neither should a reader.",
        example: "see paragraph 2.7   (two clauses are numbered 2.7)",
    }
    REFERENCE_DIRECTION = "R403" "reference-direction" {
        severity: Warning, step: References,
        what: "A reference says \"above\" but its target is below it, or \"below\" but the target is above.",
        why: "A wrong direction word usually means the reference was written before clauses moved; it may now point at the wrong clause.",
        example: "2.3 ... the duties in paragraph 4.1 above   (4.1 comes after 2.3)",
    }
    LINK_TEXT_MISMATCH = "R404" "link-text-mismatch" {
        severity: Error, step: References,
        what: "An explicit link's text names a different clause or document from the one its target is.",
        why: "Readers trust the visible text; the link target is what the web page follows. When they disagree, one of them is wrong.",
        example: "[CSO 15](#standard-clauses)   (the clause labelled standard-clauses is CSO 16)",
    }
    BACKWARDS_RANGE = "R405" "backwards-range" {
        severity: Error, step: References,
        what: "A range of clauses is written high to low: \"paragraphs 4.10 – 4.8\".",
        why: "A reader cannot tell whether the range was meant to run 4.8 to 4.10 or whether one end is a typing slip; renumbering would carry the slip on. clerk reads it as the clauses between its ends and asks for it to be written low to high.",
        example: "as paragraphs 4.10 – 4.8 above say   (write 4.8 – 4.10)",
    }
}
