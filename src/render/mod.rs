//! `clerk build`: the constitution as a static, linked, accessible HTML site.
//!
//! [`render_site`] turns a checked constitution and its resolved references into a [`Site`]:
//! pages and assets in memory, byte-identical for the same input (no clock, no randomness,
//! nothing fetched). [`Site::write`] puts them on disk. The parts:
//!
//! - [`site`]: the views templates receive, and where every page, anchor and link goes;
//! - [`markdown`]: one clause's Markdown to safe HTML, with reference links spliced in;
//! - [`templates`]: the built-in templates, `templates/` overrides, and template errors.
//!
//! Checking comes before: the command line refuses to build a constitution with errors
//! (see [`crate::cli`]). Printing and progress are the caller's; this module never prints.
//!
//! # Addresses
//!
//! The index is `index.html`, with each Part's section at `index.html#part-4`. Each document
//! is `<id>.html`; each clause has the element id `<id>-<number>`, with sub-paragraphs
//! written after a hyphen instead of in brackets: `cso-16.1.3`, `cso-8.1.7-a-i` for 8.1.7(a)(i).
//! A second clause carrying the same number (a drafting fault) gets `~2`. A clause's
//! `{#label}` is an element id too.

pub mod escape;
pub mod markdown;
pub mod site;
pub mod templates;

use crate::model::Constitution;
use crate::number::{ClauseNumber, Seg};
use crate::refs::Reference;
use std::path::Path;
pub use templates::{TemplateError, Templates};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// Path relative to the site folder (`cso.html`, `style.css`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The built site, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: Vec<OutFile>,
    /// Pages rendered (the index and one per document).
    pub pages: usize,
}

/// The list of files a build wrote, kept in the site folder so the next build can remove the
/// pages of documents that no longer exist (and nothing else).
pub const MANIFEST: &str = ".clerk-site";

impl Site {
    /// A file's contents as text.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .and_then(|f| std::str::from_utf8(&f.bytes).ok())
    }

    /// Write the site into `out`, creating it if needed. Files written by the previous build
    /// (listed in [`MANIFEST`]) that this build does not produce are removed.
    pub fn write(&self, out: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(out)?;
        let manifest = out.join(MANIFEST);
        if let Ok(old) = std::fs::read_to_string(&manifest) {
            for name in old.lines() {
                let plain = !name.is_empty()
                    && !name.starts_with('.')
                    && !name.contains(['/', '\\'])
                    && name != MANIFEST;
                if plain && !self.files.iter().any(|f| f.path == name) {
                    let _ = std::fs::remove_file(out.join(name));
                }
            }
        }
        let mut list = String::new();
        for f in &self.files {
            let path = out.join(&f.path);
            // An unchanged file is left alone: cheaper than rewriting, and its time stamp
            // stays, so a sync to the web server copies only what changed.
            let same = std::fs::metadata(&path).is_ok_and(|m| m.len() == f.bytes.len() as u64)
                && std::fs::read(&path).is_ok_and(|old| old == f.bytes);
            if !same {
                std::fs::write(&path, &f.bytes)?;
            }
            list.push_str(&f.path);
            list.push('\n');
        }
        std::fs::write(manifest, list)
    }
}

/// Render every page of the site. `progress(done, total)` is called after each page.
///
/// Documents are rendered on every core ([`crate::par`]); the result does not depend on how
/// many.
pub fn render_site(
    c: &Constitution,
    refs: &[Reference],
    templates: &Templates,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Site, TemplateError> {
    render_site_with(c, refs, site::SiteTerms::new(c), templates, progress)
}

/// [`render_site`] with the term work ([`site::SiteTerms::new`] of `c`) already done, as
/// `clerk build` does it beside the check.
pub fn render_site_with(
    c: &Constitution,
    refs: &[Reference],
    terms: site::SiteTerms,
    templates: &Templates,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Site, TemplateError> {
    let layout = site::Layout::with_terms(c, refs, terms);
    let total = c.documents.len() + 1;
    let index = templates.render("index.html", &layout.index_view())?;
    progress(1, total);
    let render_doc = |di: usize| templates.render("document.html", &layout.document_view(di));
    let docs = crate::par::map_indices_reporting(c.documents.len(), render_doc, |done| {
        progress(done + 1, total)
    });
    let mut files = Vec::with_capacity(total + templates.assets().len());
    files.push(OutFile {
        path: "index.html".into(),
        bytes: index.into_bytes(),
    });
    for (di, page) in docs.into_iter().enumerate() {
        let page = page?;
        files.push(OutFile {
            path: layout.files[di].clone(),
            bytes: page.into_bytes(),
        });
    }
    if let Some(view) = layout.glossary_view() {
        files.push(OutFile {
            path: "glossary.html".into(),
            bytes: templates.render("glossary.html", &view)?.into_bytes(),
        });
    }
    for (name, bytes) in templates.assets() {
        files.push(OutFile {
            path: name.clone(),
            bytes: bytes.clone(),
        });
    }
    Ok(Site {
        files,
        pages: total,
    })
}

/// A string made safe for file names and element ids: lower-case ASCII letters, digits,
/// `-`, `_` and `.`; anything else becomes `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        let ch = ch.to_ascii_lowercase();
        if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.') {
            out.push(ch);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').trim_start_matches('.').to_string();
    if out.is_empty() {
        "document".into()
    } else {
        out
    }
}

/// The element id of clause `number` of the document whose id is `doc`: `cso-16.1.3`,
/// `cso-8.1.7-a-i` for 8.1.7(a)(i), `cso-4A` for an inserted clause; a clause cited by a unit
/// word says it, as readers cite it: `cpr-rule-5`, `cpr-rule-5-b`, `so-standing-order-12`.
pub fn anchor_for(doc: &str, unit: Option<&str>, number: &ClauseNumber) -> String {
    let mut out = String::with_capacity(doc.len() + 12);
    out.push_str(doc);
    out.push('-');
    if let Some(u) = unit {
        out.push_str(&slug(u));
        out.push('-');
    }
    let mut first = true;
    for seg in &number.0 {
        match seg {
            Seg::Num { pre, n, post } => {
                if !first {
                    out.push('.');
                }
                for ch in pre.chars().chain(n.to_string().chars()).chain(post.chars()) {
                    out.push(if ch.is_ascii_alphanumeric() { ch } else { '-' });
                }
            }
            Seg::Sub(s) => {
                out.push('-');
                out.extend(
                    s.chars()
                        .map(|ch| if ch.is_ascii_alphanumeric() { ch } else { '-' }),
                );
            }
        }
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_url_safe_and_readable() {
        let n = |s: &str| ClauseNumber::parse(s).unwrap();
        assert_eq!(anchor_for("cso", None, &n("16.1.3")), "cso-16.1.3");
        assert_eq!(anchor_for("cso", None, &n("8.1.7(a)(i)")), "cso-8.1.7-a-i");
        assert_eq!(anchor_for("cso", None, &n("4.2A")), "cso-4.2A");
        assert_eq!(anchor_for("cpr", Some("rule"), &n("5(b)")), "cpr-rule-5-b");
        assert_eq!(
            anchor_for("so", Some("standing order"), &n("12")),
            "so-standing-order-12"
        );
    }

    #[test]
    fn slugs_keep_ids_and_tame_the_rest() {
        assert_eq!(slug("member-officer-protocol"), "member-officer-protocol");
        assert_eq!(slug("My Doc/../x"), "my-doc-..-x");
        assert_eq!(slug("../"), "document");
    }
}
