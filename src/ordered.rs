//! Parallel work over a list with results in list order, holding only a window of results: files
//! are linted on every core and reported in order as they finish, and a run's memory follows the
//! window, not the tree.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Calls `work` on every item on `threads` threads and `emit` on the results in the order of the
/// items. A worker starts item `i` only when fewer than `window` items before it wait to be
/// emitted. The first error of `emit` stops the work and is returned.
pub fn for_each<T, R, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    let window = window.max(threads);
    let next = AtomicUsize::new(0);
    let emitted = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (sender, receiver) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, emitted, stop, work) = (&next, &emitted, &stop, &work);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= items.len() {
                        return;
                    }
                    while index >= emitted.load(Ordering::SeqCst) + window {
                        if stop.load(Ordering::SeqCst) {
                            return;
                        }
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let result = work(&items[index]);
                    if sender.send((index, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (index, result) in receiver {
            pending.insert(index, result);
            while let Some(result) = pending.remove(&expected) {
                if let Err(error) = emit(result) {
                    stop.store(true, Ordering::SeqCst);
                    return Err(error);
                }
                expected += 1;
                emitted.store(expected, Ordering::SeqCst);
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        for_each(
            &items,
            4,
            8,
            |&item| {
                // Later items finish first now and then.
                std::thread::sleep(Duration::from_micros((500 - item) % 7 * 50));
                item * 2
            },
            |result| {
                seen.push(result);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|item| item * 2).collect::<Vec<_>>());
    }

    #[test]
    fn an_error_stops_the_work() {
        let items: Vec<u32> = (0..10_000).collect();
        let done = AtomicUsize::new(0);
        let result = for_each(
            &items,
            2,
            4,
            |_| done.fetch_add(1, Ordering::SeqCst),
            |_| Err("closed pipe"),
        );
        assert_eq!(result, Err("closed pipe"));
        assert!(done.load(Ordering::SeqCst) < 100);
    }
}
