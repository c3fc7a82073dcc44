//! `cargo bench`: how long `clerk check` takes on a synthetic constitution, and what the term
//! checks add to it: step by step in this process, then as the command itself (the release
//! binary as users run it, start-up and printing included, less what the term checks cost in
//! this process).
//!
//! The corpus is the synthetic constitution of `tests/common/corpus.rs` at scale 1 (seed 1),
//! generated into a temporary folder; `CLERK_CORPUS=DIR cargo bench --bench terms` measures the
//! constitution folder `DIR` instead (for instance `OUT/v1` of `cargo run --release --example
//! gen-corpus -- OUT --scale 10`). The steps run interleaved `CLERK_RUNS` times (default 30) in
//! this process, so a busy machine slows them alike; medians are reported, and start-up and
//! the disk cache do not count.

#[allow(dead_code)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

use clerk::{load, passes, report};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator `clerk` itself uses (see `src/main.rs`), so the timings are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let dir = match std::env::var_os("CLERK_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => {
            corpus::generate(tmp.path(), &corpus::Options::default())
                .expect("the corpus is written")
                .v1
        }
    };
    let runs: usize = std::env::var("CLERK_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let (c, _) = load::load_dir(&dir).expect("a constitution folder");
    let bytes: usize = c.files.iter().map(|f| f.text.len()).sum();
    let mut all = passes::all(&c);
    clerk::diag::sort(&mut all);
    let index = clerk::terms::Index::new(&c);
    let scanner = clerk::terms::capitalised::Scanner::new(&c.config.council);
    const STEPS: [&str; 8] = [
        "load",
        "passes without terms",
        "every pass",
        "report (JSON)",
        "term checks alone",
        "  names and definitions",
        "  one pass for every name",
        "  capitalised phrases",
    ];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); STEPS.len()];
    for run in 0..=runs {
        let mut step = |i: usize, f: &mut dyn FnMut() -> usize| {
            let t = Instant::now();
            std::hint::black_box(f());
            if run > 0 {
                times[i].push(t.elapsed());
            }
        };
        step(0, &mut || {
            load::load_dir(&dir).map_or(0, |x| x.0.documents.len())
        });
        step(1, &mut || passes::without_terms(&c).len());
        step(2, &mut || passes::all(&c).len());
        step(3, &mut || report::json_lines(&all, &c.files).len());
        step(4, &mut || passes::terms::check(&c).len());
        step(5, &mut || clerk::terms::Index::new(&c).definitions.len());
        step(6, &mut || {
            (0..c.documents.len())
                .map(|d| index.scan(&c, d).prose.len())
                .sum()
        });
        step(7, &mut || {
            let mut out = Vec::new();
            for d in &c.documents {
                scanner.scan_runs(&c.file(d.file).text, &d.runs, &mut out);
            }
            out.len()
        });
    }
    let med: Vec<Duration> = times
        .into_iter()
        .map(|mut v| {
            v.sort();
            v[v.len() / 2]
        })
        .collect();
    // `clerk check` is load, the passes and the report; the report is timed with every
    // pass's diagnostics, so the comparison charges the term checks' output to them.
    let with_terms = med[0] + med[2] + med[3];
    let without = med[0] + med[1] + med[3];
    println!(
        "{} ({} documents, {} KiB), median of {runs} interleaved runs, {} threads",
        dir.display(),
        c.documents.len(),
        bytes / 1024,
        clerk::par::threads()
    );
    for (i, name) in STEPS.iter().enumerate() {
        println!("  {name:<26} {:>8.2} ms", ms(med[i]));
    }
    println!("  {:<26} {:>8.2} ms", "check", ms(with_terms));
    println!("  {:<26} {:>8.2} ms", "check without terms", ms(without));
    println!(
        "term checks add {:.1}% to check in this process",
        added(with_terms, without)
    );
    let cli_with = time_the_command(&dir, runs.max(40));
    // The command cannot leave the term checks out (no switch does that to what users run),
    // so without them is the command less what they cost in this process.
    let cli_without = cli_with.saturating_sub(med[2].saturating_sub(med[1]));
    println!(
        "`clerk check --format json`, median of {} runs: {:.2} ms; {:.2} ms less the term checks",
        runs.max(40),
        ms(cli_with),
        ms(cli_without)
    );
    println!(
        "term checks add {:.1}% to `clerk check`",
        added(cli_with, cli_without)
    );
}

fn added(with: Duration, without: Duration) -> f64 {
    100.0 * (with.as_secs_f64() / without.as_secs_f64() - 1.0)
}

/// The command as users run it (start-up, reading, checking, printing).
fn time_the_command(dir: &std::path::Path, runs: usize) -> Duration {
    let run = || {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_clerk"));
        cmd.args(["check", "--format", "json"])
            .arg(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let t = Instant::now();
        cmd.status().expect("the clerk binary runs");
        t.elapsed()
    };
    let mut times = Vec::new();
    for i in 0..=runs {
        let t = run();
        // The first run warms the disk cache and the binary's pages.
        if i > 0 {
            times.push(t);
        }
    }
    times.sort();
    times[times.len() / 2]
}
