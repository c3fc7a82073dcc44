//! `cargo bench --bench diff_memory`: how much memory `clerk diff` holds, step by step.
//!
//! Runs what `clerk diff OLD NEW` (HTML, the default format) runs, in-process and with the
//! allocator the binary uses (mimalloc) behind a counter, and prints for each step its time,
//! the bytes allocated when it ends (`live`) and at most during it (`peak`), and the process's
//! resident set then and at most so far (`rss`, `hwm`, from `/proc/self/status`, Linux only).
//! The last line compares the largest `peak` with the bytes of one version.
//!
//! The two versions are the synthetic corpus of `tests/common/corpus.rs` (seed 1) at
//! `CLERK_BENCH_SCALE` (default 10: 250 documents, about 12 MB a version), generated into a
//! temporary folder (then measured in a process of its own), or `CLERK_DIFF_OLD` and
//! `CLERK_DIFF_NEW` when both are set (folders).
//! `CLERK_THREADS=1` runs it on one thread. The redline is written under the temporary
//! folder.

#[allow(dead_code)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// mimalloc, counting the bytes it holds for the program.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on unchanged to mimalloc, a correct allocator; the counters
// are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        unsafe { mimalloc::MiMalloc.alloc(l) }
    }

    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        unsafe { mimalloc::MiMalloc.alloc_zeroed(l) }
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(p, l) }
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new >= l.size() {
            grew(new - l.size());
        } else {
            LIVE.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { mimalloc::MiMalloc.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1e6;

/// Resident and peak resident set, in MB (0 where `/proc` is not there).
fn rss() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |key: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    (kb("VmRSS:") * 1024.0 / MB, kb("VmHWM:") * 1024.0 / MB)
}

/// Prints one step and starts the next; returns the step's peak.
struct Steps {
    started: Instant,
    highest: usize,
}

impl Steps {
    fn start() -> Steps {
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        println!(
            "{:<28} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "step", "ms", "live MB", "peak MB", "rss MB", "hwm MB"
        );
        Steps {
            started: Instant::now(),
            highest: 0,
        }
    }

    fn done(&mut self, what: &str) {
        let ms = self.started.elapsed().as_secs_f64() * 1e3;
        let (live, peak) = (LIVE.load(Relaxed), PEAK.load(Relaxed));
        let (rss, hwm) = rss();
        println!(
            "{what:<28} {ms:>9.1} {:>9.1} {:>9.1} {rss:>9.1} {hwm:>9.1}",
            live as f64 / MB,
            peak as f64 / MB
        );
        self.highest = self.highest.max(peak);
        PEAK.store(live, Relaxed);
        self.started = Instant::now();
    }
}

fn folder_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn main() -> Result<(), String> {
    let scratch = std::env::temp_dir().join(format!("clerk-diff-memory-{}", std::process::id()));
    let (old, new): (PathBuf, PathBuf) = match (
        std::env::var_os("CLERK_DIFF_OLD"),
        std::env::var_os("CLERK_DIFF_NEW"),
    ) {
        (Some(o), Some(n)) => (o.into(), n.into()),
        _ => {
            let scale = std::env::var("CLERK_BENCH_SCALE")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(10.0);
            let opts = corpus::Options {
                scale,
                ..corpus::Options::default()
            };
            let g = corpus::generate(&scratch.join("corpus"), &opts)
                .map_err(|e| format!("cannot write the corpus: {e}"))?;
            // Measured in a process of its own, so generating the corpus is not counted.
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let status = std::process::Command::new(exe)
                .env("CLERK_DIFF_OLD", &g.v1)
                .env("CLERK_DIFF_NEW", &g.v2)
                .status()
                .map_err(|e| e.to_string())?;
            let _ = std::fs::remove_dir_all(&scratch);
            return if status.success() {
                Ok(())
            } else {
                Err(format!("the measurement failed: {status}"))
            };
        }
    };
    let bytes = folder_bytes(&old);
    println!(
        "clerk diff {} {}: {:.1} MB in the old version, {} thread(s)",
        old.display(),
        new.display(),
        bytes as f64 / MB,
        clerk::par::threads()
    );
    clerk::par::start();
    let mut steps = Steps::start();
    let (o, n) = clerk::diff::version::load_pair(
        &old.to_string_lossy(),
        Some(&new.to_string_lossy()),
        None,
    )?;
    steps.done("load both versions");
    let opts = clerk::diff::Options {
        old_label: o.label.clone(),
        new_label: n.label.clone(),
        forget_words: true,
        ..Default::default()
    };
    let d = clerk::diff::diff(&o.constitution, &n.constitution, &opts);
    steps.done("compare");
    let json = clerk::diff::json_lines(&d);
    steps.done("JSON Lines");
    drop(json);
    let files = clerk::diff::html::write(d, &scratch.join("html"))?;
    steps.done(&format!("write {} HTML files", files.len()));
    drop((o, n));
    steps.done("drop both versions");
    let _ = std::fs::remove_dir_all(&scratch);
    println!(
        "highest peak: {:.1} MB, {:.1}x the old version",
        steps.highest as f64 / MB,
        steps.highest as f64 / bytes as f64
    );
    Ok(())
}
