//! `cargo bench --bench import`: wall time of `clerk import` on a 1 MiB text file, the size the
//! issue sets a 100 ms budget for. The input is the two seed documents
//! (`tests/fixtures/import/seeds/*.txt`) repeated to 1 MiB, so it has their mix of packs,
//! reports, clauses, tables, furniture and redlines; without the seeds a synthetic pack is
//! used. Prints the median and best of 15 runs, for the import alone (read, split, write
//! Markdown, read it back) and with the files written to disk.

use clerk::import::{self, Input};
use std::path::Path;
use std::time::{Duration, Instant};

const TARGET: usize = 1 << 20;

fn input() -> (Vec<u8>, &'static str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/seeds");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|rd| {
            let mut paths: Vec<_> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            paths
                .into_iter()
                .filter_map(|p| std::fs::read(p).ok())
                .collect()
        })
        .unwrap_or_default();
    let source = if seeds.is_empty() {
        seeds.push(synthetic().into_bytes());
        "synthetic pack"
    } else {
        "seeds 000 + 001, repeated"
    };
    let mut out = Vec::with_capacity(TARGET + 200_000);
    'fill: loop {
        for s in &seeds {
            out.extend_from_slice(s);
            out.extend_from_slice(b"\n\n\n\n");
            if out.len() >= TARGET {
                break 'fill;
            }
        }
    }
    (out, source)
}

fn synthetic() -> String {
    let mut s = String::from("Public Document Pack\n\n\n\nReport on Standing Orders\n\n");
    for sec in 1..=12 {
        s.push_str(&format!("{sec}.0 Section heading {sec}\n\n"));
        for c in 1..=8 {
            s.push_str(&format!("- {sec}.{c} The Council shall ensure that officers act in accordance with these rules and Part ? of the Constitution.\n"));
            s.push_str(&format!(
                " - {sec}.{c}.1 Sub-clause text with <u>insertions</u> and a sum of £50,000.\n"
            ));
        }
        s.push_str("\nAgenda Item 4\n\nTotal value\tType\tProcedure\n1,000\tWorks\tQuote\n\n");
    }
    s
}

fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    f(); // warm up
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    (t[t.len() / 2], t[0])
}

fn main() {
    let (bytes, source) = input();
    let inputs = vec![Input {
        path: "pack.txt".into(),
        bytes,
    }];
    let size = inputs[0].bytes.len() as f64 / (1 << 20) as f64;
    let imported = import::import(&inputs).expect("imports");
    let clauses: usize = imported.documents.iter().map(|d| d.clauses.len()).sum();
    println!(
        "input: {size:.2} MiB ({source}) -> {} documents, {clauses} clauses",
        imported.documents.len()
    );
    let (median, best) = time(15, || {
        std::hint::black_box(import::import(&inputs).expect("imports"));
    });
    println!(
        "import (read, split, write Markdown, read back): median {:.1} ms, best {:.1} ms (budget 100 ms)",
        median.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
    let out = std::env::temp_dir().join(format!("clerk-bench-import-{}", std::process::id()));
    let (median, best) = time(15, || {
        let _ = std::fs::remove_dir_all(&out);
        let imported = import::import(&inputs).expect("imports");
        let (files, _) = import::write::plan(&out, &imported, true).expect("plan");
        import::write::write(&files).expect("write");
    });
    let _ = std::fs::remove_dir_all(&out);
    println!(
        "import + write files (fsync per file and folder, disk-bound): median {:.1} ms, best {:.1} ms",
        median.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3
    );
}
