//! Deadlines the reactor keeps: connect timeouts, close-flush deadlines and the application's
//! own timers. Cancelled timers are dropped lazily when they reach the top of the heap.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap as HashMap;
use std::time::Instant;

pub type TimerId = u64;

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
    next_id: TimerId,
}

impl<K> Default for Timers<K> {
    fn default() -> Self {
        Timers {
            heap: BinaryHeap::new(),
            live: HashMap::default(),
            next_id: 1,
        }
    }
}

impl<K> Timers<K> {
    pub fn add(&mut self, at: Instant, kind: K) -> TimerId {
        let id = self.next_id;
        self.next_id += 1;
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
}
