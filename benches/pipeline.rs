//! `cargo bench`: how long clerk takes on a synthetic constitution, and how that grows with size.
//!
//! The corpus is the synthetic constitution of `tests/common/corpus.rs` (seed 1), generated
//! for each scale into a temporary folder: scale 1 is about one council's whole constitution.
//! For each scale this measures every [`Stage`] and prints one row per stage and scale, then
//! the ratio of the largest scale to the smallest. To measure a new stage (references,
//! renumber, diff, site build), write a function `fn(&Corpus) -> Result<Duration, String>` that
//! times one run and add it to [`STAGES`].
//!
//! `CLERK_BENCH_SCALES=1,10` (the default) chooses the scales. `CLERK_CORPUS=DIR` measures an
//! existing constitution folder instead (the renumber stage uses `DIR/../v2` when there is
//! one, as in a generated corpus).

#[allow(dead_code)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

use clerk::{load, passes};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One generated constitution.
struct Corpus {
    /// The scale, or `CLERK_CORPUS`'s folder name.
    scale: String,
    /// The constitution folder (`OUT/v1`).
    dir: PathBuf,
    bytes: u64,
    documents: usize,
    clauses: usize,
}

/// Something to measure: a name, how many runs, and one timed run.
struct Stage {
    name: &'static str,
    runs: usize,
    run: fn(&Corpus) -> Result<Duration, String>,
}

const STAGES: &[Stage] = &[
    Stage {
        name: "check in-process, no references",
        runs: 15,
        run: check_without_references,
    },
    Stage {
        name: "check in-process",
        runs: 15,
        run: check_in_process,
    },
    Stage {
        name: "clerk refs --format json",
        runs: 10,
        run: refs_binary,
    },
    Stage {
        name: "clerk renumber (dry run, v2)",
        runs: 10,
        run: renumber_binary,
    },
    Stage {
        name: "clerk check --format json",
        runs: 10,
        run: check_binary,
    },
];

/// `load::load_dir` + `passes::run_all`, in this process.
fn check_in_process(c: &Corpus) -> Result<Duration, String> {
    let t = Instant::now();
    let (constitution, load_diags) =
        load::load_dir(&c.dir).map_err(|f| format!("{} fatal diagnostics", f.0.len()))?;
    let diags = passes::all(&constitution);
    let took = t.elapsed();
    black_box((load_diags, diags));
    Ok(took)
}

/// Loading, numbering and drafting checks only: the baseline the reference pass adds to.
fn check_without_references(c: &Corpus) -> Result<Duration, String> {
    let t = Instant::now();
    let (constitution, load_diags) =
        load::load_dir(&c.dir).map_err(|f| format!("{} fatal diagnostics", f.0.len()))?;
    let mut diags = Vec::new();
    for doc in &constitution.documents {
        diags.extend(passes::numbering::check_document(&constitution, doc));
        diags.extend(passes::drafting::check_document(&constitution, doc));
    }
    diags.extend(passes::numbering::check_labels(&constitution));
    let took = t.elapsed();
    black_box((load_diags, diags));
    Ok(took)
}

/// Wall time of the release binary, output captured (as CI would).
fn check_binary(c: &Corpus) -> Result<Duration, String> {
    run_binary(&["check", "--format", "json"], &c.dir)
}

/// Every reference listed as JSON Lines.
fn refs_binary(c: &Corpus) -> Result<Duration, String> {
    run_binary(&["refs", "--format", "json"], &c.dir)
}

/// Renumbering the amended version (`OUT/v2`, with insertions and deletions), dry run: plan,
/// verify by re-resolving, and print the map and diffs.
fn renumber_binary(c: &Corpus) -> Result<Duration, String> {
    let v2 = c.dir.parent().ok_or("corpus has no parent")?.join("v2");
    if !v2.is_dir() {
        return Err(format!("no amended version at {}", v2.display()));
    }
    let mut args = vec!["renumber", "--dir"];
    let v2s = v2.to_string_lossy().to_string();
    args.push(&v2s);
    run_binary(&args, Path::new(""))
}

fn run_binary(args: &[&str], dir: &Path) -> Result<Duration, String> {
    let bin = release_binary()?;
    let t = Instant::now();
    let mut cmd = Command::new(&bin);
    cmd.args(args);
    if !dir.as_os_str().is_empty() {
        cmd.arg(dir);
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let took = t.elapsed();
    match out.status.code() {
        Some(0 | 1) => Ok(took),
        other => Err(format!(
            "{} exited with {other:?}: {}",
            bin.display(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        )),
    }
}

/// `target/release/clerk`, next to the bench executable's `deps/` folder. `cargo bench` builds
/// it (in release) along with the bench.
fn release_binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("bench executable has no parent folder")?;
    let bin = dir.join(format!("clerk{}", std::env::consts::EXE_SUFFIX));
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(format!(
            "release binary not found at {} (run `cargo bench`, which builds it)",
            bin.display()
        ))
    }
}

/// Generate the corpus for one scale under `root`.
fn generate(root: &Path, scale: f64) -> Result<Corpus, String> {
    let out = root.join(format!("scale-{scale}"));
    let opts = corpus::Options {
        scale,
        ..corpus::Options::default()
    };
    let g = corpus::generate(&out, &opts).map_err(|e| format!("cannot write the corpus: {e}"))?;
    describe(scale.to_string(), g.v1)
}

/// A constitution folder's size, documents and clauses.
fn describe(scale: String, dir: PathBuf) -> Result<Corpus, String> {
    let bytes = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (c, _) = load::load_dir(&dir).map_err(|f| format!("corpus does not load: {:?}", f.0))?;
    Ok(Corpus {
        scale,
        bytes,
        documents: c.documents.len(),
        clauses: c.documents.iter().map(|d| d.clauses.len()).sum(),
        dir,
    })
}

struct Timing {
    median: Duration,
    min: Duration,
}

fn measure(stage: &Stage, corpus: &Corpus) -> Result<Timing, String> {
    (stage.run)(corpus)?; // warm the page cache and the allocator
    let mut times = (0..stage.runs)
        .map(|_| (stage.run)(corpus))
        .collect::<Result<Vec<_>, _>>()?;
    times.sort();
    Ok(Timing {
        median: times[times.len() / 2],
        min: times[0],
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    if cfg!(debug_assertions) {
        println!("note: this is a debug build; run `cargo bench` for release timings");
    }
    let tmp = tempfile::tempdir().expect("temporary directory");
    let mut corpora = Vec::new();
    if let Some(dir) = std::env::var_os("CLERK_CORPUS").map(PathBuf::from) {
        let name = dir.display().to_string();
        match describe(name.clone(), dir) {
            Ok(c) => corpora.push(c),
            Err(e) => {
                println!("cannot read the corpus {name}: {e}");
                std::process::exit(1);
            }
        }
    } else {
        let scales: Vec<f64> = std::env::var("CLERK_BENCH_SCALES")
            .unwrap_or_else(|_| "1,10".into())
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        for &s in &scales {
            match generate(tmp.path(), s) {
                Ok(c) => corpora.push(c),
                Err(e) => {
                    println!("cannot generate the corpus at scale {s}: {e}");
                    std::process::exit(1);
                }
            }
        }
    }
    match release_binary() {
        Ok(b) => println!("binary: {}", b.display()),
        Err(e) => println!("{e}"),
    }
    println!(
        "\n{:<28} {:>6} {:>12} {:>6} {:>8} {:>10} {:>10} {:>8}",
        "stage", "scale", "bytes", "docs", "clauses", "median ms", "min ms", "MB/s"
    );
    // results[stage][corpus]
    let mut results: Vec<Vec<Option<Timing>>> = Vec::new();
    for stage in STAGES {
        let mut row = Vec::new();
        for c in &corpora {
            match measure(stage, c) {
                Ok(t) => {
                    println!(
                        "{:<28} {:>6} {:>12} {:>6} {:>8} {:>10.2} {:>10.2} {:>8.1}",
                        stage.name,
                        c.scale,
                        c.bytes,
                        c.documents,
                        c.clauses,
                        ms(t.median),
                        ms(t.min),
                        c.bytes as f64 / 1e6 / t.median.as_secs_f64()
                    );
                    row.push(Some(t));
                }
                Err(e) => {
                    println!("{:<28} {:>6}  skipped: {e}", stage.name, c.scale);
                    row.push(None);
                }
            }
        }
        results.push(row);
    }
    if corpora.len() >= 2 {
        let (first, last) = (&corpora[0], &corpora[corpora.len() - 1]);
        println!(
            "\nscale {} / scale {}: bytes x{:.2}, clauses x{:.2}",
            last.scale,
            first.scale,
            last.bytes as f64 / first.bytes as f64,
            last.clauses as f64 / first.clauses as f64
        );
        for (stage, row) in STAGES.iter().zip(&results) {
            if let (Some(Some(a)), Some(Some(b))) = (row.first(), row.last()) {
                println!(
                    "  {:<28} median x{:.2}, min x{:.2}",
                    stage.name,
                    b.median.as_secs_f64() / a.median.as_secs_f64(),
                    b.min.as_secs_f64() / a.min.as_secs_f64()
                );
            }
        }
    }
}
