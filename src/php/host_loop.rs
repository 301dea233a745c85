//! Joining a beyod application's event loop without the application doing anything.
//!
//! beyod runs `Yii::$app->eventLooper` (a libevent or stream_select looper with beyod's
//! `EventLooper` API). At `connect()`, when that component exists, the reactor's pollable
//! descriptor (`Loop::stream()`) is registered with it once for reads, with a callback that
//! runs `Loop::tick(0)`: the looper then drives every connection, timer and DNS answer.
//! Other host loops (ReactPHP, Amp, a `stream_select` loop) are wired by the application
//! with the same two calls; see the README.

use std::cell::{Cell, RefCell};

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;

use super::runtime;
use super::zend;
use super::zend::CodeId;

/// beyod's `EventLooper::EV_READ`, used when the looper's class does not define it.
const EV_READ: i64 = 1;

struct Registration {
    /// The looper object's handle and the process: a forked worker (new reactor) or a new
    /// application object registers again.
    looper: u32,
    pid: u32,
    /// What was registered, for `del()` when registering again with the same looper.
    stream: Zval,
    /// The callback, kept alive for [`CALLBACK`].
    _callback: Zval,
}

thread_local! {
    static REGISTERED: RefCell<Option<Registration>> = const { RefCell::new(None) };
    /// The code of the registered callback (while `REGISTERED` keeps it alive).
    static CALLBACK: Cell<Option<CodeId>> = const { Cell::new(None) };
}

/// Whether the running `Loop::tick()` was called by the callback registered with the
/// application's looper: the looper found the reactor's descriptor readable, just now. (A
/// level-triggered watch: beyod's loopers, libevent and `stream_select`, watch it so.)
pub fn tick_is_the_loopers() -> bool {
    CALLBACK.with(Cell::get).is_some_and(zend::called_by)
}

/// Registers the reactor with `Yii::$app->eventLooper` if there is one and it does not know
/// the reactor yet. Exceptions thrown by the looper stay pending for the caller.
pub fn join_application_looper() -> PhpResult<()> {
    let Some(looper) = application_looper() else {
        return Ok(());
    };
    let Some(looper_obj) = looper.object() else {
        return Ok(());
    };
    let handle = looper_obj.get_id();
    let pid = std::process::id();
    let Some(previous) = registration_to_replace(handle, pid) else {
        return Ok(());
    };
    let flag = zend::class_constant(looper_obj.get_class_entry(), "EV_READ")
        .unwrap_or_else(|| zend::long_zval(EV_READ));
    if let Some(old) = previous {
        // The same looper, inherited across fork(): it watches the parent's reactor.
        let del = method_name(looper_obj, "delFdEvent", "del");
        zend::call_method(looper_obj, del, &[&old, &flag]);
        if zend::exception_pending() {
            return Ok(());
        }
    }
    let stream = runtime::pollable_stream()?;
    let Some(callback) = zend::eval(
        "static function () { \\beyod\\ext\\Loop::tick(0); }",
        true,
        c"beyod_streamclient (eventLooper callback)",
    ) else {
        return Ok(());
    };
    let add = method_name(looper_obj, "addFdEvent", "add");
    zend::call_method(looper_obj, add, &[&stream, &flag, &callback]);
    if zend::exception_pending() {
        return Ok(());
    }
    CALLBACK.with(|c| c.set(zend::closure_code(&callback)));
    REGISTERED.with(|r| {
        *r.borrow_mut() = Some(Registration {
            looper: handle,
            pid,
            stream,
            _callback: callback,
        })
    });
    Ok(())
}

/// `Yii::$app->eventLooper`, when Yii is loaded, has an application and it has a looper
/// (read through `__get`, as Yii's service locator gives it; nothing when that threw).
fn application_looper() -> Option<Zval> {
    let yii = zend::find_loaded_class("Yii")?;
    let app = zend::read_static_property(yii, "app")?;
    let looper = zend::read_magic_if_set(app.object()?, "eventLooper")?;
    (!zend::exception_pending()).then_some(looper)
}

/// Whether the looper `handle` must be given the reactor in process `pid`: `None` when it has
/// it already; `Some(Some(stream))` when it holds the stream of another process's reactor
/// (inherited across fork()), to be removed first.
fn registration_to_replace(handle: u32, pid: u32) -> Option<Option<Zval>> {
    REGISTERED.with(|r| match r.borrow().as_ref() {
        Some(reg) if reg.looper == handle && reg.pid == pid => None,
        Some(reg) if reg.looper == handle => Some(Some(reg.stream.shallow_clone())),
        _ => Some(None),
    })
}

/// The looper's method `name` (`addFdEvent`, `delFdEvent`), or `older` (`add`, `del`) when it
/// has only that.
fn method_name(
    looper: &ext_php_rs::types::ZendObject,
    name: &'static str,
    older: &'static str,
) -> &'static str {
    if zend::has_method(looper, name) {
        name
    } else {
        older
    }
}

/// Forgets the registration (RSHUTDOWN: the next request has a new reactor).
pub fn reset() {
    CALLBACK.with(|c| c.set(None));
    REGISTERED.with(|r| r.borrow_mut().take());
}
