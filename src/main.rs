//! The `clerk` binary: everything is in the library; see `clerk::cli`.

/// mimalloc instead of glibc's malloc: clerk makes many small allocations (numbers, hits,
/// diagnostics) and glibc's malloc was the slowest part of checking a large constitution.
/// Same build, interleaved runs on `gen-corpus.py --scale 10`: `clerk check` took a median of
/// 600–725 ms with glibc and 367–379 ms with mimalloc; scale 1 was unchanged.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    clerk::cli::main()
}
