//! The P3xx rules: placeholders and drafting left in the text, reported by the drafting pass
//! ([`crate::passes::drafting`]): errors in an adopted document, warnings in a draft.
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    PLACEHOLDER = "P301" "placeholder" {
        severity: Error, draft: Warning, step: Drafting,
        what: "A placeholder left in the text: a `?` or `xx` where a number belongs, `TBC`, or a citation with its number missing.",
        why: "Placeholders must never reach an adopted text: \"Part ? of the Constitution\" cites nothing. It is an error in an adopted document and a warning in a draft.",
        example: "(see the access to information procedure in Part ? of the Constitution)",
    }
    DRAFTING_NOTE = "P302" "drafting-note" {
        severity: Error, draft: Warning, step: Drafting,
        what: "A bracketed drafting note or question left in the text.",
        why: "Notes such as \"[Note – check reference on completion]\" are for the drafters; adopted with the text they become part of the constitution.",
        example: "7.2 Conduct of scrutiny reviews [all O and S meetings and associated business to be included?]",
    }
    MARGIN_COMMENT = "P303" "margin-comment" {
        severity: Error, draft: Warning, step: Drafting,
        what: "A Word margin comment flattened into the text (\"Comment [ECC1]: ...\").",
        why: "When a redlined Word file is converted, its comments land in the body; they are review chatter, not constitution.",
        example: "Comment [ECC3]: Need to renumber throughout",
    }
    FORMAT_ARTEFACT = "P304" "format-artefact" {
        severity: Error, draft: Warning, step: Drafting,
        what: "A word-processor formatting note flattened into the text (\"Formatted: Indent: ...\").",
        why: "Track-changes balloons about formatting carry no meaning and must not be published.",
        example: "Formatted: Indent: Left: 0 cm, Hanging: 1.27 cm",
    }
    EMPTY_LINK = "P305" "empty-link" {
        severity: Error, draft: Warning, step: Drafting,
        what: "A link whose target is empty or just `#`.",
        why: "Word drafts mark \"link to follow\" this way; published, the link goes nowhere.",
        example: "see the [Members' Code of Conduct](#)",
    }
}
