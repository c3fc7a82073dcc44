//! `clerk pack`: the sample meeting's PDF read back page by page with poppler's `pdftotext`
//! and `pdfinfo` (page ranges, running headers, odd-page starts, filler pages, tagging), the
//! HTML page's structure, and one fixture per bad input in `tests/fixtures/pack/<case>/`
//! (`meeting.yaml`, its `meeting/` folder, and the insta snapshot `snapshots/pack.snap` of the
//! exit status and output). `INSTA_UPDATE=always cargo test --test pack` (or `cargo insta
//! review`) writes the snapshots.
//!
//! The tests that read the PDF need poppler-utils (`apt-get install -y poppler-utils`): without
//! it they fail under CI (`CI=true`) and say they did not run elsewhere
//! (`common::require_tool`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn clerk() -> Command {
    let mut c = common::clerk();
    c.current_dir(root()).env("NO_COLOR", "1");
    c
}

static SEQ: AtomicUsize = AtomicUsize::new(0);

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "clerk-pack-{}-{}-{name}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const POPPLER: &str = "apt-get install -y poppler-utils";

/// Whether poppler's `pdfinfo` and `pdftotext` are installed; a test that gets `false` returns
/// at once.
fn have_poppler() -> bool {
    ["pdfinfo", "pdftotext"]
        .iter()
        .all(|tool| common::require_tool(tool, &["-v"], POPPLER))
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test ({POPPLER}): {e}"));
    assert!(out.status.success(), "{tool} failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

fn pack(meeting: &str, out: &Path) -> (String, i32) {
    let o = clerk()
        .args(["pack", meeting, "--out"])
        .arg(out)
        .output()
        .unwrap();
    let mut text = String::from_utf8(o.stdout).unwrap();
    text.push_str(&String::from_utf8(o.stderr).unwrap());
    (text, o.status.code().unwrap_or(-1))
}

/// The text of each page, first page at index 0.
fn pages(pdf: &Path) -> Vec<String> {
    let info = poppler("pdfinfo", &[], pdf);
    let n: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages:")
        .trim()
        .parse()
        .unwrap();
    (1..=n)
        .map(|p| {
            let p = p.to_string();
            poppler("pdftotext", &["-layout", "-f", &p, "-l", &p], pdf)
        })
        .collect()
}

/// "(Pages 3 – 26)" after `title` on the agenda.
fn agenda_range(agenda: &str, title: &str) -> (usize, usize) {
    let line = agenda
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("agenda has no {title}:\n{agenda}"));
    let at = line.find("(Pages ").expect("a page range") + "(Pages ".len();
    let rest = &line[at..line[at..].find(')').unwrap() + at];
    let (a, b) = rest.split_once('–').expect("an en dash between the pages");
    (a.trim().parse().unwrap(), b.trim().parse().unwrap())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn sample_pack_is_laid_out_as_councils_publish_it() {
    if !have_poppler() {
        return;
    }
    let out = temp_dir("sample");
    let (text, status) = pack("meetings/2024-02-27-crwp.yaml", &out);
    assert_eq!(status, 0, "{text}");
    let pdf = out.join("pack.pdf");
    let info = poppler("pdfinfo", &[], &pdf);
    let tagged = info.lines().find(|l| l.starts_with("Tagged:")).unwrap();
    assert!(tagged.ends_with("yes"), "{info}");
    assert!(info.contains("Title:"), "{info}");
    assert!(
        info.contains("Constitutional Review Working Party 27 February 2024"),
        "{info}"
    );

    let bytes = std::fs::read(&pdf).unwrap();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(b"/Outlines"), "no bookmarks");
    assert!(has(b"/StructTreeRoot"), "no structure tree");
    assert!(has(b"en-GB"), "no document language");

    let pages = pages(&pdf);
    let agenda = &pages[0];
    assert!(agenda.contains("Public Document Pack"), "{agenda}");
    assert!(agenda.contains("Peter Tucker (Chair)"), "{agenda}");
    assert!(
        agenda.contains("Austin, Britcher, Everitt, W Scobie and Scott"),
        "{agenda}"
    );
    let items = [
        (
            4,
            agenda_range(agenda, "CONTRACT PROCEDURE RULES"),
            "Refresh of Contract Standing Orders",
            "Standard Clauses are maintained by Legal Services",
        ),
        (
            5,
            agenda_range(agenda, "COUNCILLOR/OFFICER PROTOCOL"),
            "Councillor/Officer Protocol",
            "(see Prescribed Standing Order 10)",
        ),
    ];
    let notice = "This page is intentionally left blank";
    let mut owner = vec![None; pages.len()];
    for (n, (first, last), title, closing) in items {
        assert!(
            first <= last && last <= pages.len(),
            "item {n}: {first}–{last}"
        );
        assert_eq!(
            first % 2,
            1,
            "item {n} starts on page {first}, an even page"
        );
        // The range is where the item really is: its heading opens the first page, its last
        // annex's closing words are on the last page, and the pages around it are not its.
        let head = squash(&pages[first - 1]);
        assert!(
            head.contains(&format!("Item {n}:")) && head.contains(title),
            "page {first}: {head}"
        );
        assert!(
            squash(&pages[last - 1]).contains(closing),
            "item {n} does not end on page {last}"
        );
        assert!(!squash(&pages[first - 2]).contains(&format!("Item {n}:")));
        if last < pages.len() {
            let after = &pages[last];
            assert!(
                after.contains(notice) || after.contains("Agenda Item "),
                "page {}: {after}",
                last + 1
            );
            assert!(
                !after.contains(&format!("Agenda Item {n}")),
                "page {} still says item {n}",
                last + 1
            );
        }
        for p in first..=last {
            owner[p - 1] = Some(n);
            let header = pages[p - 1]
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            assert!(
                header.contains(&format!("Agenda Item {n}")),
                "page {p} is headed {header:?}"
            );
        }
    }
    for (i, page) in pages.iter().enumerate() {
        let p = i + 1;
        let foot = page
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        assert_eq!(foot.trim(), format!("Page {p}"), "page {p}'s foot");
        if p > 1 && owner[i].is_none() {
            assert!(
                page.contains(notice),
                "page {p} belongs to no item but is not a filler:\n{page}"
            );
            assert!(
                !page.contains("Agenda Item"),
                "filler page {p} has a running header"
            );
        }
    }
    assert!(pages.len() >= 40, "{} pages", pages.len());
    assert_eq!(
        owner.iter().filter(|o| o.is_none()).count() + owner.iter().flatten().count(),
        pages.len()
    );

    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert_eq!(html.matches("<h1").count(), 1);
    for landmark in ["<main", "<nav", "<header"] {
        assert!(html.contains(landmark), "{landmark}");
    }
    assert!(html.contains("<th scope=\"row\">Report Author</th>"));
    assert!(html.contains("@page"));
    let (first, last) = agenda_range(agenda, "CONTRACT PROCEDURE RULES");
    assert!(
        html.contains(&format!("Pages {first} – {last}")),
        "the HTML agenda cites the PDF's pages"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn minimal_pack_escapes_source_text_and_honours_options() {
    if !have_poppler() {
        return;
    }
    let out = temp_dir("minimal");
    let (text, status) = pack("tests/fixtures/pack/minimal/meeting.yaml", &out);
    assert_eq!(status, 0, "{text}");
    let pages = pages(&out.join("pack.pdf"));
    let all = squash(&pages.join("\n"));
    assert!(all.contains("#set text(fill: red) and <script>alert(1)</script> and $x^2$ and // not a comment and @ref <label> and stars."), "{all}");
    assert!(pages[0].contains("Quorum: 3"));
    assert!(pages[0].contains("Austin (Vice-Chair) and Scott (Chair)"));
    assert!(pages[0].contains("APOLOGIES FOR ABSENCE"));
    // duplex: false — the item follows the cover directly, and no page is a filler.
    assert!(pages[1].contains("Agenda Item 4"), "{}", pages[1]);
    assert!(!all.contains("blank on purpose"));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script>"));
    assert!(html.contains("break-before: page"));
    // No clock, no randomness: the same input gives the same bytes.
    let again = temp_dir("minimal-again");
    assert_eq!(
        pack("tests/fixtures/pack/minimal/meeting.yaml", &again).1,
        0
    );
    for f in ["pack.pdf", "index.html"] {
        assert!(
            std::fs::read(out.join(f)).unwrap() == std::fs::read(again.join(f)).unwrap(),
            "{f} differs"
        );
    }
    let _ = std::fs::remove_dir_all(&again);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_report_that_is_a_symbolic_link_out_of_the_folder_is_refused() {
    let dir = temp_dir("symlink");
    let meeting = dir.join("meeting");
    std::fs::create_dir_all(&meeting).unwrap();
    let src = root().join("tests/fixtures/pack/minimal");
    let yaml = std::fs::read_to_string(src.join("meeting.yaml"))
        .unwrap()
        .replace(
            "../../../../constitution",
            &root().join("constitution").to_string_lossy(),
        );
    std::fs::write(dir.join("meeting.yaml"), yaml).unwrap();
    std::fs::copy(src.join("meeting/report.md"), dir.join("outside.md")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("outside.md"), meeting.join("report.md")).unwrap();
    #[cfg(unix)]
    {
        let out = dir.join("out");
        let (text, status) = pack(&dir.join("meeting.yaml").to_string_lossy(), &out);
        assert_eq!(status, 1, "{text}");
        assert!(text.contains("K704"), "{text}");
        assert!(!out.exists());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_fixtures() {
    // Every case but `minimal` (the good meeting other tests build on) is a bad input.
    let base = root().join("tests/fixtures/pack");
    let mut cases: Vec<_> = std::fs::read_dir(&base)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("meeting.yaml").exists() && p.file_name().unwrap() != "minimal")
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "{cases:?}");
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let out = temp_dir(&name);
        let (text, status) = pack(&format!("tests/fixtures/pack/{name}/meeting.yaml"), &out);
        if out.exists() {
            failures.push(format!("{name}: wrote {}", out.display()));
        }
        failures.extend(
            common::case_snapshot(&case, "pack", &format!("status: {status}\n{text}")).err(),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn absolute_paths_and_unreadable_meetings() {
    let dir = temp_dir("absolute");
    std::fs::create_dir_all(dir.join("meeting")).unwrap();
    let src = root().join("tests/fixtures/pack/minimal");
    let yaml = std::fs::read_to_string(src.join("meeting.yaml"))
        .unwrap()
        .replace(
            "../../../../constitution",
            &root().join("constitution").to_string_lossy(),
        )
        .replace("report: report.md", "report: /etc/passwd");
    std::fs::write(dir.join("meeting.yaml"), yaml).unwrap();
    let out = dir.join("out");
    let (text, status) = pack(&dir.join("meeting.yaml").to_string_lossy(), &out);
    assert_eq!(status, 1, "{text}");
    assert!(text.contains("`/etc/passwd` is an absolute path"), "{text}");
    assert!(!out.exists());
    let (text, status) = pack(&dir.join("no-such-meeting.yaml").to_string_lossy(), &out);
    assert_eq!(status, 2, "{text}");
    assert!(text.contains("cannot read the meeting file"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
