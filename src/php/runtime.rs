//! The per-process runtime: the reactor, which client owns which connection, what each
//! timer does, connection ids; created on first use (again in a forked child), delivered and
//! dropped at RSHUTDOWN.
//!
//! Nothing borrows the runtime while PHP code runs: each step takes what it needs out of it,
//! releases it, then calls handlers, which may re-enter (send, close, connect, drop a client).
//!
//! A forked child lets go of its parent's runtime right after `fork()` (see
//! [`let_go_of_parent`]): the connections, sockets and timers are the parent's, and the
//! clients that had them read as closed in the child.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::time::Duration;

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use rustc_hash::FxHashMap as HashMap;

use crate::core::{ConnKey, Reactor, TimerId};

use super::errors::runtime_error;
use super::stream_client;
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
    static RUNTIME: Slot = const { Slot::new() };
    /// Inside a loop step: it delivers what is queued itself.
    static STEPPING: Cell<bool> = const { Cell::new(false) };
    /// PHP values a forked child's runtime held for its parent (the clients, the timers'
    /// callbacks): released at RSHUTDOWN, when no destructor can run any more.
    static INHERITED: RefCell<Vec<Zval>> = const { RefCell::new(Vec::new()) };
}

/// The runtime's cell: a `RefCell` whose borrow RSHUTDOWN can end. No PHP code runs while it
/// is borrowed, but a fatal error can still happen there (`memory_limit` reached by an engine
/// allocation, a string made for `$peer`): its longjmp skips the borrow's end, and with a
/// `RefCell` every later request of the worker would find the runtime borrowed for good.
pub struct Slot {
    busy: Cell<bool>,
    rt: std::cell::UnsafeCell<Option<Runtime>>,
}

/// The borrow of a [`Slot`]; ended when dropped.
pub struct SlotMut<'a>(&'a Slot);

impl Slot {
    const fn new() -> Self {
        Slot {
            busy: Cell::new(false),
            rt: std::cell::UnsafeCell::new(None),
        }
    }

    /// The runtime, unless something already has it (a re-entrant access: `Err`).
    fn try_borrow_mut(&self) -> Result<SlotMut<'_>, ()> {
        if self.busy.replace(true) {
            return Err(());
        }
        Ok(SlotMut(self))
    }

    fn borrow_mut(&self) -> SlotMut<'_> {
        self.try_borrow_mut()
            .unwrap_or_else(|()| panic!("beyod\\ext\\Loop: the runtime is already in use"))
    }

    /// RSHUTDOWN: the runtime taken out, whether or not a fatal error left it borrowed.
    fn take_at_shutdown(&self) -> Option<Runtime> {
        self.busy.set(false);
        // SAFETY: RSHUTDOWN is called by the engine once the request's code has returned to
        // it, or a fatal error's longjmp has unwound past every frame of ours: no SlotMut of
        // this request is alive any more (one left "busy" by a longjmp was skipped, not held),
        // so this is the only access.
        unsafe { (*self.rt.get()).take() }
    }
}

impl std::ops::Deref for SlotMut<'_> {
    type Target = Option<Runtime>;

    fn deref(&self) -> &Option<Runtime> {
        // SAFETY: `busy` makes this borrow the only one (see Slot::try_borrow_mut).
        unsafe { &*self.0.rt.get() }
    }
}

impl std::ops::DerefMut for SlotMut<'_> {
    fn deref_mut(&mut self) -> &mut Option<Runtime> {
        // SAFETY: as in deref.
        unsafe { &mut *self.0.rt.get() }
    }
}

impl Drop for SlotMut<'_> {
    fn drop(&mut self) {
        self.0.busy.set(false);
    }
}

/// Set in a child process by the atfork handler; cleared once the parent's runtime is let go
/// of (see [`leave_the_parents_runtime`]).
static FORKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn after_fork_in_child() {
    // (outside the guard: should letting go panic, the runtime's accessors try again)
    FORKED.store(true, std::sync::atomic::Ordering::Relaxed);
    // At once, not at the child's first use of the runtime: pcntl_fork() is running, so no
    // code of ours is between a borrow of the runtime or of a client and its release, and the
    // clients can be marked closed before anything reads them.
    super::panic_guard::reported(
        "atfork",
        super::panic_guard::Report::Stderr,
        leave_the_parents_runtime,
    );
}

/// In a forked child (the runtime's pid is not ours), lets go of the parent's runtime.
/// Normally done by the atfork handler; the runtime's accessors check again, in case it could
/// not be (cheap: one atomic load unless a fork happened).
fn leave_the_parents_runtime() {
    use std::sync::atomic::Ordering::Relaxed;
    if !FORKED.load(Relaxed) {
        return;
    }
    let old = RUNTIME
        .try_with(|cell| {
            // (borrowed: asked again at the next access)
            let mut slot = cell.try_borrow_mut().ok()?;
            FORKED.store(false, Relaxed);
            let pid = std::process::id();
            if slot.as_ref().is_some_and(|rt| rt.pid != pid) {
                slot.take()
            } else {
                None
            }
        })
        .ok()
        .flatten();
    if let Some(old) = old {
        let_go_of_parent(old);
    }
}

/// A forked child's copy of its parent's runtime, let go of without touching what the parent
/// still uses: no byte written to or read from its sockets, no shutdown, no epoll or timerfd
/// change (see [`Reactor::abandon`]); the clients that had a connection or a reconnect timer
/// read as closed, with no event (the connection did not end: it is not the child's); the
/// PHP values it held are kept until RSHUTDOWN, so no PHP code runs (no destructor) while
/// fork() returns. Timer ids and connection keys are process-wide, so what a PHP value kept
/// of them never reaches the child's own runtime.
fn let_go_of_parent(old: Runtime) {
    let Runtime {
        mut reactor,
        clients,
        timers,
        last_peer,
        ..
    } = old;
    let mut keep = Vec::with_capacity(clients.len() + timers.len() + 1);
    let mut ids = Vec::new();
    for (key, client) in clients {
        let timings = reactor.take_timings(key);
        if let Some(obj) = zend::Obj::of_zval(&client) {
            ids.extend(stream_client::left_behind_by_fork(obj, timings, &mut keep));
        }
        keep.push(client);
    }
    for (_, action) in timers {
        match action {
            TimerAction::Reconnect(client) => {
                if let Some(obj) = zend::Obj::of_zval(&client) {
                    ids.extend(stream_client::left_behind_by_fork(obj, None, &mut keep));
                }
                keep.push(client);
            }
            TimerAction::CloseWhenDrained { target, .. } => keep.push(target),
            TimerAction::User { callback, .. } => keep.push(callback),
        }
    }
    keep.push(last_peer);
    for id in ids {
        stream_client::forget_connection_id(id, &mut keep);
    }
    reactor.abandon();
    INHERITED.with(|k| k.borrow_mut().append(&mut keep));
}

/// MINIT: a forked child lets go of its parent's runtime while `fork()` returns (and the
/// runtime's accessors need no `getpid()` each).
pub fn watch_forks() {
    // SAFETY: registers a function without arguments, once per process. It runs in the child
    // on the thread that called fork(): PHP's, inside pcntl_fork() (or proc_open() before its
    // exec), where no borrow of ours is held; on another thread its thread-locals are empty.
    unsafe { libc::pthread_atfork(None, None, Some(after_fork_in_child)) };
}

/// Runs `f` on the runtime, creating it on first use (or again in a forked child, which must
/// not share its parent's epoll instance).
pub fn with_rt<R>(f: impl FnOnce(&mut Runtime) -> R) -> PhpResult<R> {
    leave_the_parents_runtime();
    RUNTIME.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let pid = std::process::id();
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

/// Like [`with_rt`] but never creates the runtime (destructors, shutdown). In a forked child
/// there is none until the child makes its own: the parent's is never acted on.
pub fn if_rt<R>(f: impl FnOnce(&mut Runtime) -> R) -> Option<R> {
    leave_the_parents_runtime();
    RUNTIME.with(|cell| cell.try_borrow_mut().ok()?.as_mut().map(f))
}

/// RSHUTDOWN: closes every socket and releases every PHP value the runtime holds.
pub fn shutdown() {
    leave_the_parents_runtime();
    let rt = RUNTIME.with(Slot::take_at_shutdown);
    match rt {
        // A forked child's, taken past a borrow that also kept the fork handler from it.
        Some(rt) if rt.pid != std::process::id() => let_go_of_parent(rt),
        Some(mut rt) => {
            // Bytes send() accepted are delivered, even when the script stopped its loop (or
            // exited) right after close(): blocking now, each connection bounded by its
            // timeout.
            rt.reactor.deliver_before_exit();
            drop(rt);
        }
        None => {}
    }
    drop(INHERITED.with(|k| std::mem::take(&mut *k.borrow_mut())));
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
