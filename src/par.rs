//! Per-document work spread over the machine's cores, with results in input order.
//!
//! Documents are independent in every step that reads one at a time (reading, parsing, the
//! numbering and drafting checks, scanning for references and terms), so those steps map
//! over documents with [`map`]. Results come back in the order of the input, whatever
//! thread computed them, so output stays deterministic. Steps that look across documents
//! (resolving, cross-document term checks) stay sequential; this module knows nothing of
//! what the work is.
//!
//! Plain `std::thread::scope` is enough here: the work items are few (one per document) and
//! coarse, so a work-stealing pool would add a dependency without adding speed.

use std::sync::atomic::{AtomicUsize, Ordering};
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

/// `items.iter().map(f).collect()`, computed on up to [`threads`] threads. Items are handed
/// out one at a time, so a long document does not leave other threads idle. A panic in `f`
/// is passed on to the caller, as it would be without threads.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_indices(items.len(), |i| f(&items[i]))
}

/// `(0..n).map(f).collect()`, computed like [`map`]: for work named by position, such as
/// "document `di` of the constitution".
pub fn map_indices<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let workers = threads().min(n);
    if workers <= 1 {
        return (0..n).map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                break;
            }
            done.push((i, f(i)));
        }
        done
    };
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..workers).map(|_| s.spawn(work)).collect();
        let mut parts = vec![work()];
        for h in helpers {
            parts.push(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        parts
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(n).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every item is taken by exactly one worker"))
        .collect()
}

/// `(a(), b())`, the two computed side by side when there is more than one thread.
pub fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if threads() <= 1 {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let other = s.spawn(a);
        let right = b();
        (
            other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            right,
        )
    })
}

/// [`map`] for work that consumes its items (decoding bytes into text without copying them).
pub fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let cells: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|t| std::sync::Mutex::new(Some(t)))
        .collect();
    map(&cells, |cell| {
        let item = cell
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
            .expect("each item is taken once");
        f(item)
    })
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
