//! Per-document work spread over the machine's cores, with results in input order.
//!
//! Documents are independent in every step that reads one at a time (reading, parsing, the
//! numbering and drafting checks, scanning for references and terms), so those steps map
//! over documents with [`map`]. Results come back in the order of the input, whatever
//! thread computed them, so output stays deterministic. Steps that look across documents
//! (resolving, cross-document term checks) stay sequential; this module knows nothing of
//! what the work is.
//!
//! The work runs on one pool of threads (rayon's global pool, which Typst uses too), started
//! when the command starts and kept for the whole run, rather than on threads spawned for
//! each step. On the 2-core virtual machines clerk is measured on, a newly spawned thread
//! waited a median 1.9–3.9 ms (after the process had been idle 2–20 ms) behind the busy
//! thread that spawned it before it ran at all, while a parked thread of a pool was woken
//! in 2–6 µs. Most steps of `clerk check` take less than that, so a step on fresh threads
//! often ran on one core: reading the definitions and phrases of `gen-corpus.py --scale 1`
//! took 1.4 ms in some runs and 2.5 ms in others, as long as on one thread. With the pool,
//! `clerk check` on that corpus took 0.4–0.8 ms less (150 and 100 interleaved runs).

use rayon::prelude::*;
use std::sync::OnceLock;

/// How many threads to use: the cores available, or `CLERK_THREADS` (`1` runs everything on
/// the calling thread, for profiling or comparing).
pub fn threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        std::env::var("CLERK_THREADS")
            .ok()
            .and_then(|s| s.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .min(16)
    })
}

/// Start the pool now, so its threads are running (and spread over the cores) by the time
/// the first step needs them. Called first thing by the command line; any step starts it
/// otherwise.
pub fn start() {
    parallel();
}

/// Whether work is spread over threads: then rayon's global pool (which Typst's PDF layout
/// shares) has been started with [`threads`] threads, unless something started it before.
fn parallel() -> bool {
    static STARTED: OnceLock<bool> = OnceLock::new();
    *STARTED.get_or_init(|| {
        let n = threads();
        if n > 1 {
            // An error means the pool was already started; it is used as it is.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .thread_name(|i| format!("clerk-{i}"))
                .build_global();
        }
        n > 1
    })
}

/// `items.iter().map(f).collect()`, computed on up to [`threads`] threads. A panic in `f` is
/// passed on to the caller, as it would be without threads.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if parallel() {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// `(0..n).map(f).collect()`, computed like [`map`]: for work named by position, such as
/// "document `di` of the constitution".
pub fn map_indices<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
    if parallel() {
        (0..n).into_par_iter().map(f).collect()
    } else {
        (0..n).map(f).collect()
    }
}

/// [`map_indices`], calling `done(k)` on the calling thread as each item finishes (`k` of
/// `n` done so far): for a command that reports progress.
pub fn map_indices_reporting<R: Send>(
    n: usize,
    f: impl Fn(usize) -> R + Sync + Send,
    mut done: impl FnMut(usize),
) -> Vec<R> {
    if !parallel() {
        return (0..n)
            .map(|i| {
                let r = f(i);
                done(i + 1);
                r
            })
            .collect();
    }
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(n).collect();
    let f = &f;
    rayon::in_place_scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel();
        for i in 0..n {
            let tx = tx.clone();
            s.spawn(move |_| {
                // The receiver outlives the scope's work; a send cannot fail.
                let _ = tx.send((i, f(i)));
            });
        }
        drop(tx);
        for (k, (i, r)) in rx.into_iter().enumerate() {
            slots[i] = Some(r);
            done(k + 1);
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every item is computed once"))
        .collect()
}

/// `(a(), b())`, the two computed side by side when there is more than one thread.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if parallel() {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// [`map`] for work that consumes its items (decoding bytes into text without copying them).
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    if parallel() {
        items.into_par_iter().map(f).collect()
    } else {
        items.into_iter().map(f).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = map(&items, |&x| {
            // Uneven work, so threads finish out of order.
            let spin: u64 = (0..(x % 7) * 1000).map(|k| k % 3).sum();
            std::hint::black_box(spin);
            x
        });
        assert_eq!(out, items);
    }

    #[test]
    fn reporting_keeps_order_and_counts_each_item_once() {
        let mut seen = Vec::new();
        let out = map_indices_reporting(200, |i| i * 2, |k| seen.push(k));
        assert_eq!(out, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(seen, (1..=200).collect::<Vec<_>>());
    }

    #[test]
    fn empty_and_single_inputs() {
        assert!(map(&Vec::<u8>::new(), |&x| x).is_empty());
        assert_eq!(map(&[3], |&x| x * 2), vec![6]);
    }

    #[test]
    #[should_panic(expected = "boom")]
    fn passes_panics_on() {
        let items: Vec<u32> = (0..64).collect();
        map(&items, |&x| if x == 40 { panic!("boom") } else { x });
    }
}
