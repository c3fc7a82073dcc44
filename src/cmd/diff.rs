//! `clerk diff`: load two versions (folders or git revisions, [`crate::diff::version`]), compare
//! them ([`crate::diff`]), and render the comparison as JSON Lines, text, or HTML and Word files
//! written into a folder.

use super::{Failed, DEFAULT_DIFF_OUT};
use std::path::PathBuf;

/// Output formats of `clerk diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
    Docx,
    Text,
}

/// The arguments of `clerk diff`.
pub struct Request {
    pub old: String,
    pub new: Option<String>,
    pub document: Option<String>,
    pub format: Format,
    pub out: Option<PathBuf>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub path: Option<String>,
}

/// What `clerk diff` produced.
pub enum Diffed {
    /// JSON Lines or text, for standard output.
    Shown(String),
    /// Files written into `dir` (the index or first file first).
    Written { dir: PathBuf, files: Vec<PathBuf> },
}

pub fn run(a: Request) -> Result<Diffed, Failed> {
    use crate::diff;
    if let Some(d) = a.date.as_deref() {
        super::check_date("--date", d)?;
    }
    let (old, new) = diff::version::load_pair(&a.old, a.new.as_deref(), a.path.as_deref())
        .map_err(Failed::Usage)?;
    if let Some(id) = &a.document {
        let known = |c: &crate::model::Constitution| c.document(id).is_some();
        if !known(&old.constitution) && !known(&new.constitution) {
            return Err(Failed::Usage(format!(
                "--document: no document with id `{id}` in either version"
            )));
        }
    }
    let commit = new.commit.as_ref();
    let opts = diff::Options {
        document: a.document,
        author: a.author.or_else(|| commit.map(|c| c.author.clone())),
        date: a.date.or_else(|| commit.map(|c| c.date.clone())),
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        // Pages are rendered one document at a time; nothing needs every document's words.
        forget_words: true,
    };
    let d = diff::diff(&old.constitution, &new.constitution, &opts);
    let dir = a.out.unwrap_or_else(|| PathBuf::from(DEFAULT_DIFF_OUT));
    let files = match a.format {
        Format::Json => return Ok(Diffed::Shown(diff::json_lines(&d))),
        Format::Text => return Ok(Diffed::Shown(diff::summary::text(&d))),
        Format::Html => diff::html::write(d, &dir),
        Format::Docx => diff::docx::write(d, &dir),
    }
    .map_err(Failed::Output)?;
    Ok(Diffed::Written { dir, files })
}
