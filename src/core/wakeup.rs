//! The reactor's waker (an eventfd in its epoll), with what a step that skips the poll must
//! know about it: whether a write may still be waiting in the epoll's ready list.
//!
//! Once written, mio's eventfd stays readable, and its entry stays in the epoll's ready list
//! until a poll harvests it; until then the epoll descriptor reads as readable to a host
//! loop. A step that reads a socket without polling ([`Reactor::poll_ready`]) harvests
//! nothing, so it is only taken when no write can be waiting: none since the last poll
//! began, and no resolver thread that could still write.
//!
//! [`Reactor::poll_ready`]: super::Reactor::poll_ready

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};

use mio::{Registry, Token, Waker};

use super::resolve::Wake;

pub struct Wakeup {
    waker: Waker,
    /// Written since the last poll began (set after each write, cleared before each poll).
    written: AtomicBool,
    /// Lookups started and not ended: each may still write (and sets `written` after).
    lookups: AtomicUsize,
}

impl Wakeup {
    pub fn new(registry: &Registry, token: Token) -> io::Result<Wakeup> {
        Ok(Wakeup {
            waker: Waker::new(registry, token)?,
            written: AtomicBool::new(false),
            lookups: AtomicUsize::new(0),
        })
    }

    /// Makes the epoll descriptor readable.
    pub fn wake(&self) -> io::Result<()> {
        let r = self.waker.wake();
        self.written.store(true, SeqCst);
        r
    }

    /// A poll is about to wait: a write made before its `epoll_wait` is harvested by it.
    pub fn polling(&self) {
        self.written.store(false, SeqCst);
    }

    /// A poll returned without harvesting (interrupted, failed): a write may still wait.
    pub fn not_harvested(&self) {
        self.written.store(true, SeqCst);
    }

    /// Before a lookup is handed to the resolver, which ends it (see [`Wake`]) even when it
    /// refuses it.
    pub fn lookup_started(&self) {
        self.lookups.fetch_add(1, SeqCst);
    }

    /// Whether a write may be waiting in the ready list (or may come from a lookup thread).
    /// The lookups are read first: a lookup ends after its write and the flag set after it,
    /// so with none left, a write not yet harvested shows in the flag.
    pub fn may_be_pending(&self) -> bool {
        self.lookups.load(SeqCst) > 0 || self.written.load(SeqCst)
    }
}

impl Wake for Wakeup {
    fn wake(&self) {
        let _ = Wakeup::wake(self);
    }

    fn lookup_ended(&self) {
        self.lookups.fetch_sub(1, SeqCst);
    }
}
