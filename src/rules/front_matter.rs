//! The F1xx rules: a document's front matter and `constitution.yaml`, and the identity they
//! give documents (unique ids, declared Parts). Loading reports them ([`crate::load`], with
//! [`crate::frontmatter`] and [`crate::config`]); `clerk import` warns with F102 and F104 about
//! the `constitution.yaml` it writes or finds.
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    FRONT_MATTER = "F101" "front-matter" {
        severity: Error, step: Load,
        what: "A document's front matter is missing, is not valid YAML, has an unknown or missing key, or a value of the wrong type.",
        why: "The front matter gives the document its identity (id), its place (part), its citation forms and its status; every other check depends on it.",
        example: "---\nid: cso\ntitle: Contract Standing Orders\nstatus: adoptd      # not draft or adopted\n---",
    }
    CONFIG = "F102" "constitution-config" {
        severity: Error, step: Load, also: [Import: Warning],
        what: "constitution.yaml is not valid YAML, or has an unknown or missing key, or a value of the wrong type.",
        why: "constitution.yaml lists the council's Parts; a mistake there makes every reference to a Part unreliable.",
        example: "council: Thanet District Council\nparts: 4            # must be a list of parts",
    }
    DUPLICATE_ID = "F103" "duplicate-document-id" {
        severity: Error, step: Load,
        what: "Two documents share the same id.",
        why: "Ids are how references, URLs and `clerk refs --to` name a document; two documents with one id make every such name ambiguous.",
        example: "part-4/cso.md and part-4/cso-2018.md both say `id: cso`",
    }
    UNKNOWN_PART = "F104" "unknown-part" {
        severity: Error, step: Load, also: [Import: Warning],
        what: "A document's `part` is not one of the Parts listed in constitution.yaml.",
        why: "Documents are published and cited by Part; a document in an undeclared Part cannot be placed in the index.",
        example: "part: \"7\" when constitution.yaml lists Parts 1 to 6",
    }
}
