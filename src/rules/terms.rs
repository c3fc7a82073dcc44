//! The T6xx rules: defined terms and role titles, and the `titles:` and `terms:` sections of
//! `constitution.yaml`, reported by the terms pass ([`crate::passes::terms`], with
//! [`crate::terms`]).
//!
//! Each rule is declared once here: code, name, default severity (and a draft's, where the
//! document's status changes it), the step that reports it, and the text `clerk explain`
//! prints. The `Rule` type, the catalogue in code order and the lookup are [`super`]'s;
//! finding the problem, and choosing the severity by status, is the reporting step's.

rules! {
    RETIRED_TITLE = "T601" "retired-title" {
        severity: Error, draft: Warning, step: Terms,
        what: "A role title, body or term that constitution.yaml lists as retired is still used (`titles:` … `replaces:`).",
        why: "When a post or body is renamed, every Part must follow or the adopted text contradicts itself; officers searching by hand miss some. It is an error in an adopted document and a warning in a draft. Sentences that say \"formerly\", \"previously\", \"renamed\", \"replaced by\" (and similar) are history and stay quiet; `clerk rename --retired` rewrites the rest.",
        example: "titles:\n  - current: Chair\n    replaces: [{title: Chairman, retired: 2016-02-25}]\n\n7.2.3 The Overview and Scrutiny Panel or its Chairman acting on its behalf ...",
    }
    UNUSED_DEFINITION = "T602" "unused-definition" {
        severity: Warning, step: Terms,
        what: "A defined term is never used outside its own definition, with the capitals it was defined with.",
        why: "A definition nobody uses is clutter at best; more often the text uses the term in other capitals (\"designated Finance Officer\") or under another name, so the definition does not apply where the drafter meant it to.",
        example: "- Designated Finance Officer means the Deputy Chief Executive ...\n5.4 ... the designated Finance Officer and the Monitoring Officer.",
    }
    UNDEFINED_TERM = "T603" "undefined-term" {
        severity: Info, step: Terms,
        what: "A capitalised phrase is used at least twice in a document as if it were a defined term, but no definition, declared title, document name, heading or allow-list entry covers it. Reported once per document, at the first use, as information.",
        why: "Capitals promise the reader a definition. A term such as \"Purchasing Scheme\" or \"Responsible Officer\" used without one leaves its scope to argument. Capitalised names are not always terms, so this is information, never a failure: define the term, declare the title in `titles:`, or add the phrase to `terms.allow`.",
        example: "4.7 ... Responsible Officers should use the assessment methodology ...\n8.3 ... Responsible Officers should therefore seek advice ...   (no definition of Responsible Officer)",
    }
    TERMS_CONFIG = "T604" "terms-config" {
        severity: Error, step: Terms,
        what: "An entry of `titles:` or `terms:` in constitution.yaml contradicts another or points nowhere: a name declared twice (current and retired), an empty name, a date that is not YYYY-MM-DD, or a `doc:clause` pointer to a clause that does not exist.",
        why: "The titles and terms lists drive the retired-title check and `clerk rename`; a contradiction there would make them report or rewrite the wrong thing.",
        example: "titles:\n  - current: Chair\n    replaces: [{title: Chairman}]\n  - current: Chairman      # also declared retired above",
    }
    DUPLICATE_DEFINITION = "T605" "duplicate-definition" {
        severity: Warning, step: Terms,
        what: "A term is defined twice where both definitions apply (twice in one document, or in a document and constitution-wide).",
        why: "Two definitions of one term can disagree, and a reader cannot tell which governs.",
        example: "1.2 Officer means all persons employed by the Council.\n9.1 Officer means a person employed on a permanent contract.",
    }
}
