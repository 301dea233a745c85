//! Deadlines the reactor keeps: connect timeouts, close-flush deadlines and the application's
//! own timers. Cancelled timers are dropped lazily when they reach the top of the heap.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

pub type TimerId = u64;

/// Timer ids are process-wide, not per reactor: a forked child's new reactor never hands out
/// an id its parent's timers had, so an id a PHP value kept from before `fork()` (a client's
/// reconnect timer, `Loop::after()`'s result) never cancels one of the child's timers.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// An optional timer in 8 bytes (ids start at 1; 0 is none): a connection holds a few.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimerSlot(TimerId);

impl TimerSlot {
    pub fn get(self) -> Option<TimerId> {
        (self.0 != 0).then_some(self.0)
    }

    pub fn set(&mut self, id: Option<TimerId>) {
        self.0 = id.unwrap_or(0);
    }

    pub fn take(&mut self) -> Option<TimerId> {
        let id = self.get();
        self.0 = 0;
        id
    }
}

#[derive(Debug)]
pub struct Timers<K> {
    heap: BinaryHeap<Reverse<(Instant, TimerId)>>,
    live: HashMap<TimerId, K>,
}

impl<K> Default for Timers<K> {
    fn default() -> Self {
        Timers {
            heap: BinaryHeap::new(),
            live: HashMap::default(),
        }
    }
}

impl<K> Timers<K> {
    pub fn add(&mut self, at: Instant, kind: K) -> TimerId {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        self.heap.push(Reverse((at, id)));
        self.live.insert(id, kind);
        id
    }

    pub fn cancel(&mut self, id: TimerId) -> Option<K> {
        self.live.remove(&id)
    }

    pub fn get(&self, id: TimerId) -> Option<&K> {
        self.live.get(&id)
    }

    pub fn len(&self) -> usize {
        self.live.len()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// What each live timer is for (in no particular order).
    pub fn kinds(&self) -> impl Iterator<Item = &K> {
        self.live.values()
    }

    /// The earliest deadline of a timer that is still live.
    pub fn next_deadline(&mut self) -> Option<Instant> {
        while let Some(Reverse((at, id))) = self.heap.peek() {
            if self.live.contains_key(id) {
                return Some(*at);
            }
            self.heap.pop();
        }
        None
    }

    /// Removes and returns one timer due at `now`, earliest first.
    pub fn pop_due(&mut self, now: Instant) -> Option<(TimerId, K)> {
        while let Some(Reverse((at, id))) = self.heap.peek().copied() {
            if at > now {
                return None;
            }
            self.heap.pop();
            if let Some(kind) = self.live.remove(&id) {
                return Some((id, kind));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn due_timers_come_out_in_deadline_order_and_cancelled_ones_never() {
        let t0 = Instant::now();
        let mut t = Timers::default();
        let a = t.add(t0 + Duration::from_millis(30), "a");
        t.add(t0 + Duration::from_millis(10), "b");
        let c = t.add(t0 + Duration::from_millis(20), "c");
        assert_eq!(t.cancel(c), Some("c"));
        assert_eq!(t.next_deadline(), Some(t0 + Duration::from_millis(10)));
        assert_eq!(t.pop_due(t0), None);
        let later = t0 + Duration::from_millis(40);
        assert_eq!(t.pop_due(later).map(|x| x.1), Some("b"));
        assert_eq!(t.pop_due(later), Some((a, "a")));
        assert_eq!(t.pop_due(later), None);
        assert!(t.is_empty());
    }

    #[test]
    fn ids_are_never_reused_by_another_set_of_timers() {
        let t0 = Instant::now();
        let mut parent = Timers::default();
        let old = parent.add(t0, ());
        let mut child = Timers::default();
        let new = child.add(t0, ());
        assert_ne!(old, new);
        assert_eq!(child.cancel(old), None);
        assert_eq!(child.len(), 1);
    }
}
