//! What a Rust panic becomes at the extension's raw entries: the `extern "C"` functions the
//! engine calls directly (module startup/shutdown, object handlers, the autoload hook, the
//! hand-built methods). A panic unwinding out of an `extern "C"` function aborts the process,
//! so each entry runs its body under [`throwing`] or [`reported`]:
//!
//! - where PHP code is running and may see an exception (a method, `write_property`,
//!   `clone`, the autoloader), the panic becomes an `Error`:
//!   `beyod_streamclient: internal error in StreamClient::send(): <message> (at <file:line>)`;
//! - where nothing may be thrown (module startup and shutdown, `create_object`, the cycle
//!   collector), it is reported — a PHP warning, or a line on stderr where not even a warning
//!   is safe (see [`Report`]) — and the entry returns a value the engine can go on with.
//!
//! A bailout (exit(), a fatal error: a `longjmp`) from PHP code called under a guard passes
//! through it as through any Rust frame (`catch_unwind` holds nothing to drop); where an entry
//! can, it calls PHP code outside its guard (the script's autoloaders, `__clone()`, the
//! generated `send()` handler).
//!
//! The methods ext-php-rs generates (`#[php_impl]`) catch panics themselves (its
//! `run_handler`: an `Error` "Rust panic: …"); its own `free_obj` turns a panic in `Drop`
//! into a warning.
//!
//! Rust's default panic hook stays: it prints "thread '…' panicked at …" on stderr, which
//! is where a CLI user or a test sees it. [`install_hook`] only adds, before it, a note of
//! the panic's location, so that the `Error`/warning names the source line too (FPM discards
//! workers' stderr by default).
//!
//! A caught panic leaves no borrow behind: the `RefCell` borrows of the runtime are guards
//! dropped while unwinding. What a body was doing is left undone from the panic on (a
//! message whose send() panicked is not queued; a RSHUTDOWN that panicked skips the resets
//! after the panic).
//!
//! With the `panic-inject` feature (tests only) every guarded entry can be made to panic once
//! on request: [`arm`] (PHP: `beyod\ext\__panic_at($entry)`) or, for module startup, the
//! environment variable `BEYOD_PANIC_AT`.

use std::any::Any;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::errors::internal_error;

/// How a panic at an entry that cannot throw is reported.
#[derive(Clone, Copy)]
pub enum Report {
    /// A PHP warning through the error log and `display_errors`: module startup and shutdown,
    /// object creation, `phpinfo()`. An `E_CORE_WARNING`, which the engine never hands to the
    /// script's error handler (`set_error_handler()`): no PHP code runs inside the entry.
    Warning,
    /// A line on stderr: inside the cycle collector, where even a core warning's output could
    /// run PHP code (an output buffer's callback) in the middle of a collection; in a forked
    /// child before PHP runs again.
    Stderr,
}

/// Runs the body of an entry called from running PHP code. A panic becomes a PHP `Error`
/// (chained to an exception already pending, if any) and `None`.
#[inline(always)]
pub fn throwing<R>(entry: &'static str, body: impl FnOnce() -> R) -> Option<R> {
    match catch_unwind(AssertUnwindSafe(|| {
        inject(entry);
        body()
    })) {
        Ok(r) => Some(r),
        Err(payload) => {
            internal_error(&describe(entry, payload.as_ref())).throw();
            None
        }
    }
}

/// Runs the body of an entry where no exception may be thrown. A panic is reported as
/// `report` says and gives `None`; the caller returns a value the engine can go on with.
pub fn reported<R>(entry: &'static str, report: Report, body: impl FnOnce() -> R) -> Option<R> {
    match catch_unwind(AssertUnwindSafe(|| {
        inject(entry);
        body()
    })) {
        Ok(r) => Some(r),
        Err(payload) => {
            let msg = describe(entry, payload.as_ref());
            match report {
                Report::Warning => core_warning(&msg),
                Report::Stderr => eprintln!("{msg}"),
            }
            None
        }
    }
}

fn core_warning(msg: &str) {
    const E_CORE_WARNING: std::ffi::c_int = 32;
    let msg = std::ffi::CString::new(msg.replace('\0', "\\0")).unwrap_or_default();
    // SAFETY: a printf-style call with a literal "%s" format and a valid C string.
    unsafe {
        ext_php_rs::ffi::php_error_docref(
            std::ptr::null(),
            E_CORE_WARNING,
            c"%s".as_ptr(),
            msg.as_ptr(),
        )
    };
}

thread_local! {
    /// Where the last panic on this thread happened, noted by the hook for [`describe`].
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// MINIT: notes each panic's location for the message, then runs the hook there was
/// (Rust's default: the stderr line). Once per process.
pub fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let at = info.location().map(|l| l.to_string());
            // try_with: a panic while the thread's locals are being destroyed.
            let _ = LOCATION.try_with(|l| l.replace(at));
            previous(info);
        }));
    });
}

/// "beyod_streamclient: internal error in {entry}: {message} (at {file:line:col})".
fn describe(entry: &str, payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message");
    let at = LOCATION
        .try_with(|l| l.borrow_mut().take())
        .ok()
        .flatten()
        .map(|l| format!(" (at {l})"))
        .unwrap_or_default();
    format!("beyod_streamclient: internal error in {entry}: {message}{at}")
}

/// Where a test may make a panic (`panic-inject`; nothing otherwise): every guarded entry,
/// and points inside bodies whose clean-up after a panic is tested (`"Loop step"`).
#[cfg(not(feature = "panic-inject"))]
#[inline(always)]
pub fn inject(_entry: &str) {}

/// `panic-inject`: panics when `entry` is the one armed, and disarms it (one panic per arm).
#[cfg(feature = "panic-inject")]
pub fn inject(entry: &str) {
    let mut armed = armed();
    if armed.as_deref() == Some(entry) {
        *armed = None;
        drop(armed);
        panic!("injected panic at {entry}");
    }
}

/// `panic-inject`: the next call of `entry` panics.
#[cfg(feature = "panic-inject")]
pub fn arm(entry: &str) {
    *armed() = Some(entry.to_owned());
}

/// The armed entry, first read from `BEYOD_PANIC_AT` (module startup comes before any PHP).
#[cfg(feature = "panic-inject")]
fn armed() -> std::sync::MutexGuard<'static, Option<String>> {
    use std::sync::{Mutex, Once, PoisonError};
    static ARMED: Mutex<Option<String>> = Mutex::new(None);
    static FROM_ENV: Once = Once::new();
    FROM_ENV.call_once(|| {
        let from_env = std::env::var("BEYOD_PANIC_AT")
            .ok()
            .filter(|e| !e.is_empty());
        *ARMED.lock().unwrap_or_else(PoisonError::into_inner) = from_env;
    });
    ARMED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `beyod\ext\__panic_at(string $entry): void` (`panic-inject` builds only): the next call
/// of the entry panics, e.g. `"StreamClient::send()"`, `"get_gc"`, `"MSHUTDOWN"`.
#[cfg(feature = "panic-inject")]
#[ext_php_rs::php_function]
#[php(name = "beyod\\ext\\__panic_at")]
pub fn panic_at(entry: String) {
    arm(&entry);
}

/// `panic-inject`: the module with `beyod\ext\__panic_at()`.
#[cfg(feature = "panic-inject")]
pub fn with_panic_at(
    module: ext_php_rs::builders::ModuleBuilder,
) -> ext_php_rs::builders::ModuleBuilder {
    module.function(ext_php_rs::wrap_function!(panic_at))
}

/// An `extern "C"` method handler for `FunctionBuilder::new` running `$body(ex, ret)` under
/// [`throwing`]: `guarded_method!("Parser::input()", input)`.
macro_rules! guarded_method {
    ($entry:literal, $body:path) => {{
        extern "C" fn entry(
            ex: &mut ::ext_php_rs::zend::ExecuteData,
            ret: &mut ::ext_php_rs::types::Zval,
        ) {
            $crate::php::panic_guard::throwing($entry, || $body(ex, ret));
        }
        entry as extern "C" fn(&mut ::ext_php_rs::zend::ExecuteData, &mut ::ext_php_rs::types::Zval)
    }};
}
pub(crate) use guarded_method;
