//! The `beyod\ext\Loop` class: `run()`, `tick()`, `stop()`, the pollable fd, application
//! timers; and the loop step itself, which polls the reactor and dispatches each event to its
//! client or timer.

// PHP parameter names are camelCase (reflection shows them; the stubs match).
#![allow(non_snake_case)]

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{bailout, try_catch, CatchError};

use crate::core::Event;

use super::errors::{logic_error, runtime_error};
use super::runtime::{self, with_rt, TimerAction};
use super::stream_client;
use super::zend;
use super::zend::describe;

thread_local! {
    /// How many loop steps are dispatching (handlers may not run a nested loop).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// `Loop::stop()` was called: `run()` returns at its next step.
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

pub fn in_handler() -> bool {
    DEPTH.with(|d| d.get()) > 0
}

/// RSHUTDOWN, first: the loop's per-request flags start from nothing, whatever ended the
/// request (the runtime is let go of after, by `runtime::shutdown`).
pub fn reset() {
    reset_marks();
    STOPPED.with(|s| s.set(false));
}

/// No step is running.
fn reset_marks() {
    DEPTH.with(|d| d.set(0));
    runtime::reset_stepping();
}

/// What a loop step marks on the thread for its duration: one more `DEPTH` (handlers cannot
/// run a nested loop), the runtime stepping (queued events wake no host loop: the step
/// delivers them), and the write batch it may open. Dropping it takes them back, and makes
/// a host loop come back for what the step left.
struct StepMarks {
    batch: bool,
    _stepping: runtime::Stepping,
}

impl StepMarks {
    fn enter() -> Self {
        DEPTH.with(|d| d.set(d.get() + 1));
        StepMarks {
            batch: false,
            _stepping: runtime::Stepping::enter(),
        }
    }
}

impl Drop for StepMarks {
    fn drop(&mut self) {
        // (if_rt: a fatal error inside `with_rt` may have left the runtime borrowed)
        let _ = runtime::if_rt(|rt| {
            if self.batch {
                rt.reactor.end_batch();
            }
            // Events left for the next tick, or a deferred write that failed: make a host
            // loop come back.
            if rt.reactor.has_events() {
                rt.reactor.wake()
            }
        });
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs `f` with handlers' fatal errors caught: `run()`'s steps, or `tick()`'s one.
///
/// A fatal error in a handler (`E_USER_ERROR`, `max_execution_time`, `memory_limit`) is a
/// longjmp (zend_bailout) to the engine's nearest `zend_try`, which runs no Rust destructor:
/// the step it interrupts never drops its [`StepMarks`]. With a `zend_try` of our own (a
/// `sigsetjmp`, no allocation) the marks are taken back, then the bailout goes on; so the
/// request's shutdown functions can run the loop again (a logger sending the fatal error to a
/// server, say). RSHUTDOWN resets them anyway. A panic's unwinding drops the marks itself.
fn catching_fatal_errors<R>(f: impl FnOnce() -> PhpResult<R>) -> PhpResult<R> {
    match try_catch(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(CatchError::Bailout) => {
            // Steps never nest (a handler cannot run the loop): the loop is left idle, and
            // the interrupted step's batch, if it opened one, ended (else this does nothing).
            let _ = runtime::if_rt(|rt| rt.reactor.end_batch());
            reset_marks();
            // SAFETY: the bailout caught above goes on to the engine's catch point, which ends
            // the request as it would have; this frame owns nothing left to drop.
            unsafe { bailout() }
        }
        Err(CatchError::Panic(message)) => std::panic::resume_unwind(Box::new(message)),
        Err(e) => std::panic::resume_unwind(Box::new(e.to_string())),
    }
}

/// How a step's handlers are kept from leaving it marked by a fatal error.
#[derive(Clone, Copy)]
enum Fatal {
    /// The caller runs the steps inside [`catching_fatal_errors`] (`run()`: once for all).
    CaughtByCaller,
    /// The step catches them itself, when it has events to dispatch (`tick()`: an idle tick
    /// pays nothing).
    CaughtHere,
}

/// What a step polls for.
#[derive(Clone, Copy)]
enum Poll {
    /// Waiting at most this long (`None`: until something happens).
    Wait(Option<Duration>),
    /// Nothing: the application's looper found the reactor's descriptor readable just now
    /// ([`crate::core::Reactor::poll_ready`]).
    Ready,
}

/// One loop step: poll, then dispatch every ready event until one throws. Returns the
/// number of events dispatched.
fn step(poll: Poll, fatal: Fatal) -> PhpResult<i64> {
    let mut marks = StepMarks::enter();
    super::panic_guard::inject("Loop step");
    let ready = with_rt(|rt| {
        let polled = match poll {
            _ if rt.reactor.has_events() => rt.reactor.poll(Some(Duration::ZERO)),
            Poll::Wait(wait) => rt.reactor.poll(wait),
            Poll::Ready => rt.reactor.poll_ready(),
        };
        polled.map(|()| rt.reactor.has_events())
    })?
    .map_err(|e| runtime_error(&format!("beyod\\ext\\Loop: poll failed: {e}")))?;
    if !ready {
        return Ok(0);
    }
    // What the handlers send during this step goes out with one write per connection at its
    // end (or before a nested loop polls).
    if super::module_info::batch_writes() {
        let _ = with_rt(|rt| rt.reactor.begin_batch());
        marks.batch = true;
    }
    match fatal {
        Fatal::CaughtByCaller => dispatch_ready(),
        Fatal::CaughtHere => catching_fatal_errors(dispatch_ready),
    }
}

/// Dispatches the ready events, stopping after one whose handler threw.
fn dispatch_ready() -> PhpResult<i64> {
    let mut n = 0;
    while let Some(ev) = with_rt(|rt| rt.reactor.next_event())? {
        dispatch(ev);
        n += 1;
        if zend::exception_pending() {
            // Leave the rest for the next tick (the marks wake a host loop for them).
            break;
        }
    }
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
    use crate::core::options::{secs_to_duration, MAX_SECONDS};
    let s = v.double().or_else(|| v.long().map(|l| l as f64));
    match s.and_then(secs_to_duration) {
        Some(d) => Ok(d),
        None => Err(logic_error(&format!(
            "{what} must be a number of seconds from 0 to {MAX_SECONDS:.0}, got {}",
            match v.double() {
                Some(d) if !d.is_finite() || d.abs() >= 1e15 => format!("{d:e}"),
                _ => describe(v),
            }
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
        catching_fatal_errors(|| loop {
            if STOPPED.with(|s| s.replace(false)) {
                return Ok(());
            }
            if with_rt(|rt| rt.reactor.is_idle())? {
                return Ok(());
            }
            step(Poll::Wait(None), Fatal::CaughtByCaller)?;
            if zend::exception_pending() {
                return Ok(());
            }
        })
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
        let poll = if wait.is_zero() && super::host_loop::tick_is_the_loopers() {
            Poll::Ready
        } else {
            Poll::Wait(Some(wait))
        };
        step(poll, Fatal::CaughtHere)
    }

    pub fn stop() {
        STOPPED.with(|s| s.set(true));
    }

    pub fn fd() -> PhpResult<i64> {
        with_rt(|rt| rt.reactor.fd() as i64)
    }

    /// A PHP stream over a duplicate of the loop's fd, for `stream_select`, ReactPHP, Amp.
    pub fn stream() -> PhpResult<Zval> {
        runtime::pollable_stream()
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
        let (cancelled, action) = with_rt(|rt| {
            let Some(id) = rt.user_timers.remove(&timerId) else {
                return (false, None);
            };
            (rt.reactor.cancel_timer(id), rt.timers.remove(&id))
        })?;
        // The callback let go of with the runtime released: its destructor (or the cycle
        // collector) may use clients, timers or the loop.
        drop(action);
        Ok(cancelled)
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
