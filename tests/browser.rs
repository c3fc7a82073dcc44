//! The built site in a real browser: headless Chromium loads every page of the bundled
//! constitution's site, and every internal link (`page.html#anchor`) must land on an element
//! of the DOM Chromium built. A screenshot is saved to `out/screenshot.png` for a person to
//! look at.
//!
//! Needs Chromium (`apt-get install -y chromium`): without it the test fails under CI
//! (`CI=true`, as `.ci/run` sets) and says it did not run elsewhere (`common::require_tool`).
//! `CLERK_CHROMIUM` names the browser binary if it is not on `PATH` as `chromium`,
//! `chromium-browser` or `google-chrome`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser: `CLERK_CHROMIUM`, or the first of the usual names that runs.
fn find_chromium() -> Option<PathBuf> {
    let named = std::env::var("CLERK_CHROMIUM").ok();
    let names = match &named {
        Some(n) => vec![n.as_str()],
        None => vec!["chromium", "chromium-browser", "google-chrome"],
    };
    find_tool(&names, &["--version"], "apt-get install -y chromium").map(PathBuf::from)
}

/// Run Chromium headless with `args` and a throwaway profile; its stdout, or a panic after
/// a minute.
fn chromium(bin: &Path, profile: &Path, args: &[String]) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).ok();
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish in a minute: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn every_internal_link_lands_on_an_element_in_a_real_browser() {
    let Some(bin) = find_chromium() else {
        return;
    };
    let site = scratch("browser-site");
    let st = common::clerk()
        .args(["build", "--quiet", "--out"])
        .arg(&site)
        .arg(repo().join("constitution"))
        .current_dir(repo())
        .status()
        .unwrap();
    assert!(st.success());
    let profile = scratch("browser-profile");
    let mut names: Vec<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    assert!(names.len() >= 3, "{names:?}");
    let mut doms = Vec::new();
    for name in &names {
        let url = format!("file://{}", site.join(name).display());
        let dom = chromium(&bin, &profile, &["--dump-dom".into(), url]);
        assert!(
            dom.contains("<main"),
            "{name}: Chromium gave no DOM: {dom:.200}"
        );
        doms.push((name.clone(), dom));
    }
    // The DOM holds what the files say: every clause anchor survived parsing.
    let links: usize = doms
        .iter()
        .map(|(_, d)| tags(d).iter().filter(|t| t.name == "a").count())
        .sum();
    assert!(links > 300, "only {links} links");
    assert_eq!(dead_links(&doms), Vec::<String>::new());

    let shots = repo().join("out");
    std::fs::create_dir_all(&shots).unwrap();
    for (file, page, size) in [
        ("screenshot.png", "cso.html", "1280,2000"),
        ("screenshot-index.png", "index.html", "1280,900"),
        ("screenshot-narrow.png", "cso.html#cso-6.6", "390,1600"),
    ] {
        let shot = shots.join(file);
        let _ = std::fs::remove_file(&shot);
        chromium(
            &bin,
            &profile,
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={size}"),
                format!("file://{}", site.join(page).display()),
            ],
        );
        let png = std::fs::read(&shot).expect("a screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{file} is a PNG");
    }
}
