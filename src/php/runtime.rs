//! The per-process runtime: the reactor, which client owns which connection, what each
//! timer does, connection ids; created on first use (again in a forked child), delivered and
//! dropped at RSHUTDOWN.
//!
//! Nothing borrows the runtime while PHP code runs: each step takes what it needs out of it,
//! releases it, then calls handlers, which may re-enter (send, close, connect, drop a client).

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::time::Duration;

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use rustc_hash::FxHashMap as HashMap;

use crate::core::{ConnKey, Reactor, TimerId};

use super::errors::runtime_error;
use super::zend;

/// What a due timer does.
pub enum TimerAction {
    /// `$client->connect()` again (reconnect_interval).
    Reconnect(Zval),
    /// A pipe's side whose other side closed: closed once it has written what it holds (or
    /// at the deadline); checked again each time this fires.
    CloseWhenDrained {
        target: Zval,
        until: std::time::Instant,
    },
    /// An application timer from `Loop::after()`/`Loop::every()`.
    User {
        public_id: i64,
        callback: Zval,
        every: Option<Duration>,
    },
}

/// Connection ids: lowest free first, so they never grow without bound.
#[derive(Default)]
pub struct IdPool {
    free: BTreeSet<i64>,
    next: i64,
}

impl IdPool {
    pub fn take(&mut self) -> i64 {
        if let Some(id) = self.free.pop_first() {
            return id;
        }
        self.next += 1;
        self.next
    }

    pub fn give_back(&mut self, id: i64) {
        if id > 0 && id <= self.next {
            self.free.insert(id);
        }
    }
}

pub struct Runtime {
    pub reactor: Reactor,
    /// The reactor's reference to each client with a live connection: it keeps
    /// `(new StreamClient($cfg))->connect()` alive until the connection ends.
    pub clients: HashMap<ConnKey, Zval>,
    pub timers: HashMap<TimerId, TimerAction>,
    /// Public id of an application timer → its current reactor timer.
    pub user_timers: HashMap<i64, TimerId>,
    pub ids: IdPool,
    /// The last `$peer` string made: connections to the same server share it.
    pub last_peer: Zval,
    pid: u32,
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
    /// Inside a loop step: it delivers what is queued itself.
    static STEPPING: Cell<bool> = const { Cell::new(false) };
}

/// Set in a child process by the atfork handler, so the runtime checks its pid again.
static FORKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn after_fork_in_child() {
    // Guarded as every entry is, though a store cannot panic.
    super::panic_guard::reported("atfork", super::panic_guard::Report::Stderr, || {
        FORKED.store(true, std::sync::atomic::Ordering::Relaxed)
    });
}

/// MINIT: have forks noticed without a `getpid()` per runtime access.
pub fn watch_forks() {
    // SAFETY: registers a plain function with no state; called once per process.
    unsafe { libc::pthread_atfork(None, None, Some(after_fork_in_child)) };
}

/// Runs `f` on the runtime, creating it on first use (or again in a forked child, which must
/// not share its parent's epoll instance).
pub fn with_rt<R>(f: impl FnOnce(&mut Runtime) -> R) -> PhpResult<R> {
    RUNTIME.with(|cell| {
        let mut slot = cell.borrow_mut();
        // getpid() is a system call: only ask after a fork happened (pthread_atfork flag;
        // read first: the swap is a locked instruction, on every send and every event).
        let forked = || {
            FORKED.load(std::sync::atomic::Ordering::Relaxed)
                && FORKED.swap(false, std::sync::atomic::Ordering::Relaxed)
        };
        let pid = if slot.is_none() || forked() {
            std::process::id()
        } else {
            slot.as_ref().map_or(0, |rt| rt.pid)
        };
        if slot.as_ref().is_some_and(|rt| rt.pid != pid) {
            // A forked child: the parent's connections are the parent's. Forget them without
            // touching PHP objects' refcounts twice (they were copied with the process).
            if let Some(old) = slot.take() {
                std::mem::forget(old.clients);
                std::mem::forget(old.timers);
                std::mem::forget(old.last_peer);
            }
        }
        if slot.is_none() {
            let reactor = Reactor::new().map_err(|e| {
                runtime_error(&format!(
                    "beyod\\ext\\Loop: cannot create the event loop: {e}"
                ))
            })?;
            *slot = Some(Runtime {
                reactor,
                clients: HashMap::default(),
                timers: HashMap::default(),
                user_timers: HashMap::default(),
                ids: IdPool::default(),
                last_peer: Zval::new(),
                pid,
            });
        }
        let rt = slot.as_mut().unwrap();
        let r = f(rt);
        if !STEPPING.with(Cell::get) {
            // Outside a loop step (connect(), send(), close() from plain code): events it
            // queued must make a host loop's descriptor readable.
            rt.reactor.wake_if_pending();
        }
        Ok(r)
    })
}

/// Like [`with_rt`] but never creates the runtime (destructors, shutdown).
pub fn if_rt<R>(f: impl FnOnce(&mut Runtime) -> R) -> Option<R> {
    RUNTIME.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

/// RSHUTDOWN: closes every socket and releases every PHP value the runtime holds.
pub fn shutdown() {
    let mut rt = RUNTIME.with(|cell| match cell.try_borrow_mut() {
        Ok(mut slot) => slot.take(),
        // (issue 22, point 4) Should a fatal error ever longjmp out of `with_rt` (no PHP
        // code runs inside it; a PHP value let go of there could run a destructor), its
        // borrow never ends. Panicking here would abort the process.
        // SAFETY: RSHUTDOWN runs when the request's code has returned to the engine: none
        // of our frames is on the stack, so no reference made from that borrow exists.
        Err(_) => unsafe { (*cell.as_ptr()).take() },
    });
    // (not in a forked child: those connections are the parent's)
    if let Some(rt) = rt.as_mut().filter(|rt| rt.pid == std::process::id()) {
        // Bytes send() accepted are delivered, even when the script stopped its loop (or
        // exited) right after close(): blocking now, each connection bounded by its timeout.
        rt.reactor.deliver_before_exit();
    }
    drop(rt);
}

/// Marks a loop step until dropped: queued events wake no host loop meanwhile (the step
/// delivers them).
pub struct Stepping {
    outer: bool,
}

impl Stepping {
    pub fn enter() -> Self {
        Stepping {
            outer: STEPPING.with(|s| s.replace(true)),
        }
    }
}

impl Drop for Stepping {
    fn drop(&mut self) {
        STEPPING.with(|s| s.set(self.outer));
    }
}

/// No step is running: a step a fatal error interrupted never dropped its [`Stepping`].
pub fn reset_stepping() {
    STEPPING.with(|s| s.set(false));
}

/// A PHP stream over a duplicate of the loop's fd, for `stream_select`, ReactPHP, Amp and
/// host loops.
pub fn pollable_stream() -> PhpResult<Zval> {
    let fd = with_rt(|rt| rt.reactor.fd())?;
    zend::stream_over_fd(fd, "r")
        .ok_or_else(|| runtime_error("beyod\\ext\\Loop::stream(): cannot open php://fd"))
}
