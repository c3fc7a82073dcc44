//! The templates a site is rendered through: the defaults carried in the binary, overridden
//! file by file from a `templates/` folder, and the errors a broken template gives.
//!
//! Templates are [tera 2](https://keats.github.io/tera/) files. `*.html` files are templates
//! (autoescaped); every other file in the folder (`style.css`, a logo) is an asset, copied to
//! the site as it is. What the templates are given is defined in [`super::site`]; this module
//! neither builds views nor writes pages.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use tera::{Context, ErrorKind, Tera};

/// The default templates and assets, as committed under `templates/` in the repository.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    ("clause.html", include_str!("../../templates/clause.html")),
    (
        "glossary.html",
        include_str!("../../templates/glossary.html"),
    ),
    ("style.css", include_str!("../../templates/style.css")),
];

/// Where the built-in templates say they come from in error messages.
const BUILT_IN: &str = "<built-in templates>";

/// A template that could not be read, parsed or rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template's file as the user knows it (`templates/document.html`).
    pub path: String,
    /// 1-based line and column, when the problem has a place.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// tera's own report with the offending source line, when it has one.
    pub detail: Option<String>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// A set of templates ready to render, with the assets that go beside the pages.
pub struct Templates {
    tera: Tera,
    /// Template name → file shown in errors.
    origins: Vec<(String, String)>,
    assets: Vec<(String, Vec<u8>)>,
}

impl fmt::Debug for Templates {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Templates")
            .field("origins", &self.origins)
            .finish_non_exhaustive()
    }
}

impl Templates {
    /// The built-in templates only.
    pub fn defaults() -> Templates {
        Templates::from_files(Vec::new()).expect("the built-in templates compile")
    }

    /// The built-in templates, overridden by the files of `dir` when given.
    pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let Some(dir) = dir else {
            return Templates::from_files(Vec::new());
        };
        let shown = dir.display().to_string();
        let io = |e: std::io::Error, path: &str| TemplateError {
            path: path.to_string(),
            line: None,
            column: None,
            message: format!("cannot be read: {e}"),
            detail: None,
        };
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(e, &shown))? {
            let entry = entry.map_err(|e| io(e, &shown))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
            if is_file && !name.starts_with('.') {
                names.push(name);
            }
        }
        names.sort();
        let mut files = Vec::with_capacity(names.len());
        for name in names {
            let path = dir.join(&name);
            let shown = path.display().to_string();
            let bytes = std::fs::read(&path).map_err(|e| io(e, &shown))?;
            files.push((name, shown, bytes));
        }
        Templates::from_files(files)
    }

    /// Build from overriding files: (name, path shown in errors, contents).
    fn from_files(files: Vec<(String, String, Vec<u8>)>) -> Result<Templates, TemplateError> {
        let mut sources: Vec<(String, String, String)> = DEFAULTS
            .iter()
            .filter(|(n, _)| n.ends_with(".html"))
            .map(|(n, t)| (n.to_string(), format!("{BUILT_IN}/{n}"), t.to_string()))
            .collect();
        let mut assets: Vec<(String, Vec<u8>)> = DEFAULTS
            .iter()
            .filter(|(n, _)| !n.ends_with(".html"))
            .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
            .collect();
        for (name, shown, bytes) in files {
            if name.ends_with(".html") {
                let text = String::from_utf8(bytes).map_err(|_| TemplateError {
                    path: shown.clone(),
                    line: None,
                    column: None,
                    message: "is not valid UTF-8".into(),
                    detail: None,
                })?;
                match sources.iter_mut().find(|s| s.0 == name) {
                    Some(s) => *s = (name, shown, text),
                    None => sources.push((name, shown, text)),
                }
            } else {
                match assets.iter_mut().find(|a| a.0 == name) {
                    Some(a) => a.1 = bytes,
                    None => assets.push((name, bytes)),
                }
            }
        }
        let origins: Vec<(String, String)> = sources
            .iter()
            .map(|(n, shown, _)| (n.clone(), shown.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        let result =
            tera.add_raw_templates(sources.iter().map(|(n, _, t)| (n.as_str(), t.as_str())));
        let templates = Templates {
            tera,
            origins,
            assets,
        };
        result.map_err(|e| templates.error(&e, None))?;
        Ok(templates)
    }

    /// Render template `name` with `view` as its context.
    pub fn render<V: Serialize>(&self, name: &str, view: &V) -> Result<String, TemplateError> {
        let ctx = Context::from_serialize(view).map_err(|e| self.error(&e, Some(name)))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| self.error(&e, Some(name)))
    }

    /// Files copied beside the pages (`style.css`, …), by name.
    pub fn assets(&self) -> &[(String, Vec<u8>)] {
        &self.assets
    }

    fn shown(&self, name: &str) -> String {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// Turn a tera error into one that names the template's file, line and problem.
    fn error(&self, e: &tera::Error, rendering: Option<&str>) -> TemplateError {
        let plain = |name: &str, message: String| TemplateError {
            path: self.shown(name),
            line: None,
            column: None,
            message,
            detail: None,
        };
        match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
                let name = if r.filename().is_empty() {
                    rendering.unwrap_or("")
                } else {
                    r.filename()
                };
                let span = r.span();
                let mut message = r.message().to_string();
                let mut cause = std::error::Error::source(e);
                while let Some(c) = cause {
                    message.push_str(&format!(": {c}"));
                    cause = c.source();
                }
                let path = self.shown(name);
                let detail = e
                    .to_string()
                    .replace(&format!("--> {name}:"), &format!("--> {path}:"));
                TemplateError {
                    line: (span.start_line > 0).then_some(span.start_line),
                    column: (span.start_line > 0).then_some(span.start_col + 1),
                    path,
                    message,
                    detail: Some(detail),
                }
            }
            ErrorKind::MissingParent { current, parent } => plain(
                current,
                format!("extends \"{parent}\", which is not a template"),
            ),
            ErrorKind::CircularExtend { tpl, .. } => {
                plain(tpl, "extends itself (through its parents)".into())
            }
            ErrorKind::CircularInclude { tpl, .. } => {
                plain(tpl, "includes itself (through other templates)".into())
            }
            ErrorKind::TemplateNotFound(name) => plain(
                rendering.unwrap_or(name),
                format!("template \"{name}\" not found"),
            ),
            _ => plain(rendering.unwrap_or("templates"), e.to_string()),
        }
    }
}

/// Write the default templates into `dir` for editing. Refuses to overwrite an existing file
/// unless `force`; checks every file before writing any.
pub fn write_defaults(dir: &Path, force: bool) -> Result<Vec<PathBuf>, String> {
    let paths: Vec<PathBuf> = DEFAULTS.iter().map(|(n, _)| dir.join(n)).collect();
    if !force {
        let existing: Vec<String> = paths
            .iter()
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "{} already exist{}; use --force to overwrite",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (path, (_, text)) in paths.iter().zip(DEFAULTS) {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_compile() {
        let t = Templates::defaults();
        assert!(t.assets().iter().any(|(n, _)| n == "style.css"));
    }

    #[test]
    fn a_syntax_error_names_file_line_and_problem() {
        let files = vec![(
            "index.html".to_string(),
            "templates/index.html".to_string(),
            b"<p>\n{% for x in %}\n{% endfor %}".to_vec(),
        )];
        let e = Templates::from_files(files).unwrap_err();
        assert_eq!(e.path, "templates/index.html");
        assert_eq!(e.line, Some(2));
        assert!(!e.message.is_empty());
    }

    #[test]
    fn a_rendering_error_names_the_template() {
        let files = vec![(
            "index.html".to_string(),
            "templates/index.html".to_string(),
            b"<p>\n{{ nothing.here }}</p>".to_vec(),
        )];
        let t = Templates::from_files(files).unwrap();
        let e = t.render("index.html", &serde_json::json!({})).unwrap_err();
        assert_eq!(e.path, "templates/index.html");
        assert_eq!(e.line, Some(2), "{e:?}");
    }
}
