//! The per-process runtime (the reactor, which client owns which connection, timers) and the
//! `beyod\ext\Loop` class: `run()`, `tick()`, the pollable fd, and application timers.
//!
//! Nothing borrows the runtime while PHP code runs: each step takes what it needs out of it,
//! releases it, then calls handlers, which may re-enter (send, close, connect, drop a client).

// PHP parameter names are camelCase (reflection shows them; the stubs match).
#![allow(non_snake_case)]

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;
use std::time::Duration;

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;

use crate::core::{ConnKey, Event, Reactor, TimerId};

use super::errors::{logic_error, runtime_error};
use super::stream_client;
use super::zend;
use super::zend::describe;

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
    pid: u32,
}

thread_local! {
    static RUNTIME: RefCell<Option<Runtime>> = const { RefCell::new(None) };
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static STOPPED: Cell<bool> = const { Cell::new(false) };
    /// Inside step(): it delivers what is queued itself.
    static STEPPING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` on the runtime, creating it on first use (or again in a forked child, which must
/// not share its parent's epoll instance).
/// Set in a child process by the atfork handler, so the runtime checks its pid again.
static FORKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

extern "C" fn after_fork_in_child() {
    FORKED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// MINIT: have forks noticed without a `getpid()` per runtime access.
pub fn watch_forks() {
    // SAFETY: registers a plain function with no state; called once per process.
    unsafe { libc::pthread_atfork(None, None, Some(after_fork_in_child)) };
}

pub fn with_rt<R>(f: impl FnOnce(&mut Runtime) -> R) -> PhpResult<R> {
    RUNTIME.with(|cell| {
        let mut slot = cell.borrow_mut();
        // getpid() is a system call: only ask after a fork happened (pthread_atfork flag).
        let pid = if slot.is_none() || FORKED.swap(false, std::sync::atomic::Ordering::Relaxed) {
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
    let mut rt = RUNTIME.with(|cell| cell.borrow_mut().take());
    // (not in a forked child: those connections are the parent's)
    if let Some(rt) = rt.as_mut().filter(|rt| rt.pid == std::process::id()) {
        // Bytes send() accepted are delivered, even when the script stopped its loop (or
        // exited) right after close(): blocking now, each connection bounded by its timeout.
        rt.reactor.deliver_before_exit();
    }
    drop(rt);
    STOPPED.with(|s| s.set(false));
}

pub fn in_handler() -> bool {
    DEPTH.with(|d| d.get()) > 0
}

/// One loop step: poll (waiting at most `wait`), then dispatch every ready event until one
/// throws. Returns the number of events dispatched.
fn step(wait: Option<Duration>) -> PhpResult<i64> {
    let outer = STEPPING.with(|s| s.replace(true));
    let r = step_inner(wait);
    STEPPING.with(|s| s.set(outer));
    r
}

fn step_inner(wait: Option<Duration>) -> PhpResult<i64> {
    with_rt(|rt| {
        let wait = if rt.reactor.has_events() {
            Some(Duration::ZERO)
        } else {
            wait
        };
        rt.reactor.poll(wait)
    })?
    .map_err(|e| runtime_error(&format!("beyod\\ext\\Loop: poll failed: {e}")))?;
    let mut n = 0;
    DEPTH.with(|d| d.set(d.get() + 1));
    // What the handlers send during this step goes out with one write per connection at its
    // end (or before a nested loop polls).
    let batch = super::module_info::batch_writes();
    if batch {
        let _ = with_rt(|rt| rt.reactor.begin_batch());
    }
    loop {
        let Some(ev) = with_rt(|rt| rt.reactor.next_event())? else {
            break;
        };
        dispatch(ev);
        n += 1;
        if zend::exception_pending() {
            // Leave the rest for the next tick, and keep the fd readable so a host loop comes back.
            let _ = with_rt(|rt| {
                if rt.reactor.has_events() {
                    rt.reactor.wake()
                }
            });
            break;
        }
    }
    let _ = with_rt(|rt| {
        if batch {
            rt.reactor.end_batch();
        }
        // A deferred write that failed left error events: make a host loop come back.
        if rt.reactor.has_events() {
            rt.reactor.wake()
        }
    });
    DEPTH.with(|d| d.set(d.get() - 1));
    Ok(n)
}

fn dispatch(ev: Event) {
    match ev {
        Event::Conn(key, what) => {
            let Ok(Some(client)) = with_rt(|rt| rt.clients.get(&key).map(Zval::shallow_clone))
            else {
                return;
            };
            stream_client::on_connection_event(client, key, what);
        }
        Event::Timer(id) => {
            let Ok(Some(action)) = with_rt(|rt| rt.timers.remove(&id)) else {
                return;
            };
            match action {
                TimerAction::Reconnect(client) => stream_client::on_reconnect_due(client, id),
                TimerAction::CloseWhenDrained { target, until } => {
                    stream_client::close_when_drained(target, until)
                }
                TimerAction::User {
                    public_id,
                    callback,
                    every,
                } => {
                    if let Some(period) = every {
                        let cb = callback.shallow_clone();
                        let _ = with_rt(|rt| {
                            let next = rt.reactor.add_timer(period);
                            rt.timers.insert(
                                next,
                                TimerAction::User {
                                    public_id,
                                    callback: cb,
                                    every,
                                },
                            );
                            rt.user_timers.insert(public_id, next);
                        });
                    } else {
                        let _ = with_rt(|rt| rt.user_timers.remove(&public_id));
                    }
                    zend::call(&callback, &[&zend::long_zval(public_id)]);
                }
            }
        }
    }
}

fn parse_seconds(v: &Zval, what: &str) -> PhpResult<Duration> {
    let s = v.double().or_else(|| v.long().map(|l| l as f64));
    match s {
        Some(s) if s.is_finite() && s >= 0.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(logic_error(&format!(
            "{what} must be a number of seconds >= 0, got {}",
            describe(v)
        ))),
    }
}

/// The extension's event loop.
#[php_class]
#[php(name = "beyod\\ext\\Loop")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Loop;

#[php_impl]
impl Loop {
    /// Runs until no connection, timer or event is left, or `stop()`.
    pub fn run() -> PhpResult<()> {
        if in_handler() {
            return Err(logic_error(
                "beyod\\ext\\Loop::run() cannot be called from inside an event handler",
            ));
        }
        STOPPED.with(|s| s.set(false));
        loop {
            if STOPPED.with(|s| s.replace(false)) {
                return Ok(());
            }
            if with_rt(|rt| rt.reactor.is_idle())? {
                return Ok(());
            }
            step(None)?;
            if zend::exception_pending() {
                return Ok(());
            }
        }
    }

    /// Processes what is ready, waiting at most `$timeout` seconds (default 0: no wait).
    #[php(optional = timeout)]
    pub fn tick(timeout: Option<&Zval>) -> PhpResult<i64> {
        if in_handler() {
            return Err(logic_error(
                "beyod\\ext\\Loop::tick() cannot be called from inside an event handler",
            ));
        }
        let wait = match timeout {
            Some(t) if !t.is_null() => parse_seconds(t, "beyod\\ext\\Loop::tick(): $timeout")?,
            _ => Duration::ZERO,
        };
        step(Some(wait))
    }

    pub fn stop() {
        STOPPED.with(|s| s.set(true));
    }

    pub fn fd() -> PhpResult<i64> {
        with_rt(|rt| rt.reactor.fd() as i64)
    }

    /// A PHP stream over a duplicate of the loop's fd, for `stream_select`, ReactPHP, Amp.
    pub fn stream() -> PhpResult<Zval> {
        let fd = with_rt(|rt| rt.reactor.fd())?;
        zend::stream_over_fd(fd, "r")
            .ok_or_else(|| runtime_error("beyod\\ext\\Loop::stream(): cannot open php://fd"))
    }

    /// Connections by state and the process totals.
    pub fn stats() -> PhpResult<Zval> {
        super::stats::snapshot_array()
    }

    /// The same snapshot as OpenMetrics text, for a metrics endpoint.
    pub fn metrics() -> PhpResult<String> {
        super::stats::openmetrics()
    }

    pub fn after(seconds: &Zval, callback: &Zval) -> PhpResult<i64> {
        add_user_timer(seconds, callback, false)
    }

    pub fn every(seconds: &Zval, callback: &Zval) -> PhpResult<i64> {
        add_user_timer(seconds, callback, true)
    }

    pub fn cancel(timerId: i64) -> PhpResult<bool> {
        with_rt(|rt| {
            let Some(id) = rt.user_timers.remove(&timerId) else {
                return false;
            };
            rt.timers.remove(&id);
            rt.reactor.cancel_timer(id)
        })
    }
}

fn add_user_timer(after: &Zval, callback: &Zval, repeat: bool) -> PhpResult<i64> {
    let name = if repeat { "every" } else { "after" };
    let d = parse_seconds(after, &format!("beyod\\ext\\Loop::{name}(): $seconds"))?;
    if repeat && d.is_zero() {
        return Err(logic_error(
            "beyod\\ext\\Loop::every(): $seconds must be > 0",
        ));
    }
    if !callback.is_callable() {
        return Err(logic_error(&format!(
            "beyod\\ext\\Loop::{name}(): $callback is not callable ({})",
            describe(callback)
        )));
    }
    with_rt(|rt| {
        let id = rt.reactor.add_timer(d);
        let public_id = id as i64;
        let every = repeat.then_some(d);
        rt.timers.insert(
            id,
            TimerAction::User {
                public_id,
                callback: callback.shallow_clone(),
                every,
            },
        );
        rt.user_timers.insert(public_id, id);
        public_id
    })
}
