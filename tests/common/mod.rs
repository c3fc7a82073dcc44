//! Helpers shared by the integration tests: fresh folders and copies of fixtures, the system
//! tools a test needs ([`require_tool`]), building a fixture site in memory, a small HTML
//! scanner (enough for the well-formed pages clerk writes and the DOM Chromium dumps), and the
//! synthetic corpus ([`corpus`]).

#![allow(dead_code)]

pub mod corpus;

use clerk::render::{render_site, Site, Templates};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The one snapshot mechanism of the fixture tests (insta): `content` is compared with
/// `<case>/snapshots/<name>.snap`. `INSTA_UPDATE=always cargo test` (or `cargo insta review`)
/// writes or accepts snapshots; under CI a missing or different snapshot fails. Read every
/// changed snapshot before committing it: it is what a user will be shown. A difference is
/// printed by insta and returned as text, so a test reports every case, not only the first.
pub fn case_snapshot(case: &Path, name: &str, content: &str) -> Result<(), String> {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(case.join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        settings.bind(|| insta::assert_snapshot!(name, content));
    }));
    result.map_err(|_| {
        format!(
            "{}: snapshot `{name}` differs or is missing (the difference is printed above)",
            case.display()
        )
    })
}

/// Whether this run accepts new expected output (`INSTA_UPDATE=always`): the same switch
/// writes a case's expected file trees (a rename's `after/`) as it writes its snapshots.
pub fn updating() -> bool {
    std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
}

/// The `clerk` binary this test run built, as a command to add arguments to.
pub fn clerk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_clerk"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under the target's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether the tests run under CI: `CI` is set to anything but `false` or `0`, as CI
/// services and `.ci/run` set it. A test whose system tool is missing fails there.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// Whether the system tool `name` runs (`name probe…` exits 0), for a test that needs it;
/// `install` is the exact command that installs it (`apt-get install -y poppler-utils`).
/// A test that gets `false` must return at once. See [`find_tool`].
pub fn require_tool(name: &str, probe: &[&str], install: &str) -> bool {
    find_tool(&[name], probe, install).is_some()
}

/// The first of `names` that runs with `probe` (exits 0). When none does, the test cannot
/// run, and it never passes silently: under CI ([`in_ci`]) this panics with the install
/// command; elsewhere it prints a `DID NOT RUN` line with the reason and the install command
/// straight to the terminal (past the test harness's capture, so it shows without
/// `--nocapture`) and returns `None`, for the test to return early.
pub fn find_tool(names: &[&str], probe: &[&str], install: &str) -> Option<String> {
    let mut why = Vec::new();
    for name in names {
        match Command::new(name)
            .args(probe)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
        {
            Ok(st) if st.success() => return Some(name.to_string()),
            Ok(st) => why.push(format!("`{name} {}` exited with {st}", probe.join(" "))),
            Err(e) => why.push(format!("`{name}`: {e}")),
        }
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    let what = format!(
        "{test} needs {}, which is missing or does not run ({}); install it with `{install}`",
        names.join(" or "),
        why.join("; ")
    );
    if in_ci() {
        panic!("{what}. Under CI (CI=true) a test that cannot run fails.");
    }
    let _ = writeln!(
        std::io::stderr(),
        "\n*** DID NOT RUN: {what}. (Under CI, with CI=true, this is a failure.)\n"
    );
    None
}

static SEQ: AtomicUsize = AtomicUsize::new(0);

/// A fresh, empty folder of its own, even when tests running side by side ask for the same
/// name (a fixture a test copies more than once).
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clerk-test-{}-{}-{name}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copy the folder `from` into `to` (made if missing), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v.sort();
    v
}

/// Every file under `dir` with its bytes, by path relative to `dir`: compared before and after
/// a command to show what it changed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            (rel, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// The case folders of `tests/fixtures/<stage>/`, sorted by name. Fails when there are
/// fewer than `at_least`, so a moved fixture folder cannot make a test pass by testing nothing.
pub fn fixture_cases(stage: &str, at_least: usize) -> Vec<PathBuf> {
    let root = repo().join("tests/fixtures").join(stage);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= at_least,
        "expected at least {at_least} cases in {}",
        root.display()
    );
    cases
}

/// Load, check and render a constitution with the built-in templates. Panics if the check
/// finds errors, unless `allow_errors`.
pub fn build(dir: &Path, allow_errors: bool) -> Site {
    let checked = clerk::cmd::check::check_dir(dir).expect("loads");
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(allow_errors || errors.is_empty(), "{errors:#?}");
    let c = &checked.constitution;
    let refs = clerk::refs::resolve::resolve_all(c);
    render_site(c, &refs, &Templates::defaults(), &mut |_, _| {}).expect("renders")
}

/// The HTML pages of a site, by path.
pub fn pages(site: &Site) -> Vec<(String, String)> {
    site.files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap()))
        .collect()
}

/// One start tag.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<`.
    pub at: usize,
    /// Byte offset just after the `>`.
    pub end: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag, in order. Comments, doctypes and end tags are skipped.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        i = at + 1;
        if html[at..].starts_with("<!--") {
            i = html[at..].find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let name = html[i..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' || b[j] == b'/' {
                break;
            }
            let ns = j;
            while j < b.len() && !b"=> \t\n/".contains(&b[j]) {
                j += 1;
            }
            let an = html[ns..j].to_ascii_lowercase();
            let mut val = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    j = vs + html[vs..].bytes().position(|c| c == q).unwrap_or(0);
                    val = unescape(&html[vs..j]);
                    j += 1;
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    val = unescape(&html[vs..j]);
                }
            }
            attrs.push((an, val));
        }
        let end = html[j..].find('>').map_or(b.len(), |e| j + e + 1);
        out.push(Tag {
            name,
            attrs,
            at,
            end,
        });
        i = end;
    }
    out
}

/// The text inside an element that starts at `tag`, with inner tags removed (up to its
/// matching end tag, counting nested elements of the same name).
pub fn inner_text(html: &str, tag: &Tag) -> String {
    let open = format!("<{}", tag.name);
    let close = format!("</{}>", tag.name);
    let mut depth = 1;
    let mut i = tag.end;
    let mut end = html.len();
    while i < html.len() {
        let next_open = html[i..].find(&open).map(|o| i + o);
        let next_close = html[i..].find(&close).map(|o| i + o);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                i = o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                if depth == 0 {
                    end = c;
                    break;
                }
                i = c + close.len();
            }
            _ => break,
        }
    }
    let inner = &html[tag.end..end];
    let mut text = String::new();
    let mut in_tag = false;
    for ch in inner.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    unescape(&text)
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Every element id on a page.
pub fn ids(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect()
}

/// Internal links that land nowhere: `href="page.html#id"` or `href="#id"` whose page is not
/// in `pages` or has no element with that id. `pages` maps a page's file name to its HTML.
pub fn dead_links(pages: &[(String, String)]) -> Vec<String> {
    let all_ids: Vec<(String, Vec<String>)> =
        pages.iter().map(|(p, h)| (p.clone(), ids(h))).collect();
    let mut dead = Vec::new();
    for (page, html) in pages {
        for t in tags(html).iter().filter(|t| t.name == "a") {
            let Some(href) = t.attr("href") else { continue };
            if href.contains("://") || href.starts_with("mailto:") {
                continue;
            }
            let (file, frag) = match href.split_once('#') {
                Some((f, frag)) => (if f.is_empty() { page.as_str() } else { f }, Some(frag)),
                None => (href, None),
            };
            match all_ids.iter().find(|(p, _)| p == file) {
                None => dead.push(format!("{page}: {href} (no page {file})")),
                Some((_, ids)) => {
                    if let Some(frag) = frag {
                        if !ids.iter().any(|i| i == frag) {
                            dead.push(format!("{page}: {href} (no id {frag})"));
                        }
                    }
                }
            }
        }
    }
    dead
}
