//! `cargo run --release --example gen-corpus -- OUT [--scale S] [--seed N] [--refs R]
//! [--amend A]`: write the synthetic corpus of `tests/common/corpus.rs` — `OUT/v1`, the
//! amended `OUT/v2` and the ground truth `OUT/changes.json` — for the scripts in `benches/` and
//! for trying clerk on a constitution of any size. `--scale 1` (the default) is about one
//! council's whole constitution; `--refs` (default 0.3) is the share of clauses given a
//! cross-reference, `--amend` (default 0.08) the share touched in v2.

#[allow(dead_code)]
#[path = "../tests/common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: gen-corpus OUT [--scale S] [--seed N] [--refs R] [--amend A]";

fn parse(args: impl Iterator<Item = String>) -> Result<(PathBuf, corpus::Options), String> {
    let mut out = None;
    let mut opts = corpus::Options::default();
    let mut args = args;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let number = |name: &str, v: String| {
            v.parse::<f64>()
                .map_err(|_| format!("{name}: `{v}` is not a number"))
        };
        match arg.as_str() {
            "--scale" => opts.scale = number("--scale", value("--scale")?)?,
            "--refs" => opts.refs = number("--refs", value("--refs")?)?,
            "--amend" => opts.amend = number("--amend", value("--amend")?)?,
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a whole number"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            a if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            a if out.is_none() => out = Some(PathBuf::from(a)),
            a => return Err(format!("unexpected argument {a}\n{USAGE}")),
        }
    }
    if opts.scale <= 0.0 {
        return Err("--scale must be above 0".to_string());
    }
    Ok((out.ok_or(USAGE)?, opts))
}

fn main() -> ExitCode {
    let (out, opts) = match parse(std::env::args().skip(1)) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match corpus::generate(&out, &opts) {
        Ok(g) => {
            println!(
                "{} documents, {} bytes in v1, {} changes in v2",
                g.documents,
                g.v1_bytes,
                g.changes.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write the corpus to {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
